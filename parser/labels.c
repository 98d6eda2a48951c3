/* labels.c — which label means which code: the keywords of the template's
 * rows, columns, items, measures, groups and results, matched on labels
 * normalized by gk_label_core().  Shared by the grid recognizer (tables.c)
 * and the run-together text recovery (flat.c). */
#include <string.h>

#include "internal.h"

static bool contains(const char *s, const char *kw) { return strstr(s, kw) != NULL; }

static const struct {
    int row;
    const char *kw;
} app_keywords[] = {
    {GK_ROW_NEW_RECEIVED, "本年新收"},
    {GK_ROW_CARRIED_OVER, "上年结转"},
    {GK_ROW_CARRIED_FORWARD, "结转下"},
    {GK_ROW_CARRIED_FORWARD, "继续办理"},
    {GK_ROW_OTHER_NO_CORRECTION, "不补正"},
    {GK_ROW_OTHER_UNPAID_FEE, "缴纳费用"},
    {GK_ROW_OTHER_UNPAID_FEE, "收费通知"},
    {GK_ROW_PARTIALLY_GRANTED, "部分公开"},
    {GK_ROW_GRANTED, "予以公开"},
    {GK_ROW_DENIED_STATE_SECRET, "国家秘密"},
    {GK_ROW_DENIED_PROHIBITED_BY_LAW, "禁止公开"},
    {GK_ROW_DENIED_SECURITY_STABILITY, "三安全一稳定"},
    {GK_ROW_DENIED_SECURITY_STABILITY, "危及"},
    {GK_ROW_DENIED_THIRD_PARTY, "第三方"},
    {GK_ROW_DENIED_INTERNAL_AFFAIRS, "内部事务"},
    {GK_ROW_DENIED_PROCESS_INFO, "过程性"},
    {GK_ROW_DENIED_ENFORCEMENT_FILE, "执法案卷"},
    {GK_ROW_DENIED_ADMIN_INQUIRY, "行政查询"},
    {GK_ROW_UNAVAILABLE_NOT_HELD, "不掌握"},
    {GK_ROW_UNAVAILABLE_NEEDS_CREATION, "另行制作"},
    {GK_ROW_UNAVAILABLE_NEEDS_CREATION, "没有现成"},
    {GK_ROW_UNAVAILABLE_UNCLEAR, "仍不明确"},
    {GK_ROW_UNAVAILABLE_UNCLEAR, "补正后"},
    {GK_ROW_NOT_PROCESSED_COMPLAINT, "信访"},
    {GK_ROW_NOT_PROCESSED_COMPLAINT, "举报投诉"},
    {GK_ROW_NOT_PROCESSED_DUPLICATE, "重复申请"},
    {GK_ROW_NOT_PROCESSED_PUBLICATION, "出版物"},
    {GK_ROW_NOT_PROCESSED_EXCESSIVE, "大量反复"},
    {GK_ROW_NOT_PROCESSED_CONFIRMATION, "重新出具"},
    {GK_ROW_NOT_PROCESSED_CONFIRMATION, "确认"},
    {GK_ROW_OTHER_PROCESSING, "其他处理"},
    {GK_ROW_RESULTS_TOTAL, "总计"},
    {GK_ROW_RESULTS_TOTAL, "合计"},
};

/* The row code of a label: `core` is the rightmost label of the row,
 * `all` every label of the row joined (for labels split over cells). */
int gk_match_app_row(const char *core, const char *all)
{
    if (strcmp(core, "其他") == 0)
        return GK_ROW_OTHER_OTHER;
    const char *texts[2] = {core, all};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < sizeof app_keywords / sizeof app_keywords[0]; i++)
            if (contains(texts[t], app_keywords[i].kw))
                return app_keywords[i].row;
    return -1;
}

int gk_match_applicant(const char *core)
{
    if (strcmp(core, "自然人") == 0)
        return 0;
    if (contains(core, "商业企业"))
        return 1;
    if (contains(core, "科研机构"))
        return 2;
    if (contains(core, "社会公益"))
        return 3;
    if (contains(core, "法律服务"))
        return 4;
    if (strcmp(core, "其他") == 0)
        return 5;
    if (strcmp(core, "总计") == 0 || strcmp(core, "合计") == 0)
        return 6;
    return -1;
}

/* A keyword and the code a label containing it means. */
typedef struct {
    const char *kw, *code;
} keyword_code;

static const keyword_code measure_keywords[] = {
    {"制发", "issued"},          {"废止", "repealed"},         {"现行有效", "in_force"},
    {"收费金额", "amount"},      {"新制作", "new_made"},       {"新公开", "new_published"},
    {"公开总数", "total_published"}, {"上一年项目", "previous_items"}, {"上年项目", "previous_items"},
    {"增/减", "change"},         {"增减", "change"},           {"增(减)", "change"},
    {"采购项目", "items"},       {"总金额", "amount"},         {"处理决定", "decisions"},
};

static const keyword_code item_keywords[] = {
    /* 规范性文件 before 规章: "行政规范性文件" is not a 规章 row */
    {"规范性文件", "normative_documents"}, {"规章", "regulations"},
    {"行政许可", "licensing"},             {"对外管理服务", "other_services"},
    {"行政处罚", "penalty"},               {"行政强制", "enforcement"},
    {"事业性收费", "fees"},                {"集中采购", "procurement"},
};

/* The code of the first keyword of `table` that `core` contains. */
static const char *keyword_in(const keyword_code *table, size_t n, const char *core)
{
    for (size_t i = 0; i < n; i++)
        if (contains(core, table[i].kw))
            return table[i].code;
    return NULL;
}

/* The code of a keyword of `table` starting exactly at s. */
static const char *keyword_at(const keyword_code *table, size_t n, const char *s, size_t *kwlen)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(table[i].kw);
        if (strncmp(s, table[i].kw, len) == 0) {
            *kwlen = len;
            return table[i].code;
        }
    }
    return NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *gk_match_measure(const char *core) { return keyword_in(measure_keywords, COUNT(measure_keywords), core); }

const char *gk_match_item(const char *core) { return keyword_in(item_keywords, COUNT(item_keywords), core); }

const char *gk_item_at(const char *s, size_t *kwlen)
{
    return keyword_at(item_keywords, COUNT(item_keywords), s, kwlen);
}

const char *gk_measure_at(const char *s, size_t *kwlen)
{
    return keyword_at(measure_keywords, COUNT(measure_keywords), s, kwlen);
}

int gk_match_group(const char *core)
{
    if (contains(core, "未经复议") || contains(core, "直接起诉"))
        return 1;
    if (contains(core, "复议后"))
        return 2;
    if (contains(core, "复议") && !contains(core, "起诉"))
        return 0;
    return -1;
}

int gk_match_result(const char *core)
{
    if (contains(core, "维持"))
        return 0;
    if (contains(core, "纠正"))
        return 1;
    if (contains(core, "其他"))
        return 2;
    if (contains(core, "审结"))
        return 3;
    if (contains(core, "总计") || contains(core, "合计"))
        return 4;
    return -1;
}


/* The first keyword of `row` in s[0, len): its offset and length. */
bool gk_app_row_find(int row, const char *s, size_t len, size_t *at, size_t *kwlen)
{
    bool found = false;
    const char *kws[4];
    size_t nk = 0;
    if (row == GK_ROW_OTHER_OTHER)
        kws[nk++] = "其他";
    for (size_t i = 0; i < sizeof app_keywords / sizeof app_keywords[0] && nk < 4; i++)
        if (app_keywords[i].row == row)
            kws[nk++] = app_keywords[i].kw;
    for (size_t k = 0; k < nk; k++) {
        size_t n = strlen(kws[k]);
        for (size_t i = 0; i + n <= len && (!found || i < *at); i++)
            if (memcmp(s + i, kws[k], n) == 0) {
                *at = i;
                *kwlen = n;
                found = true;
                break;
            }
    }
    return found;
}

/* SPEC.md's labels, used where the converter has to write a row back. */
const char *const gk_app_row_labels[GK_APP_ROW_COUNT] = {
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（二）部分公开", "（三）不予公开1.属于国家秘密", "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
    "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理1.信访举报投诉类申请",
    "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（六）其他处理", "（七）总计", "四、结转下年度继续办理",
};

/* The section titles of both templates (and the old outline's 概述), longest
 * first so that "政府信息公开工作存在的…" wins over "存在的…". */
static const char *const section_titles[] = {
    "政府信息公开工作存在的主要问题及改进情况",
    "政府信息公开行政复议、行政诉讼情况",
    "收到和处理政府信息公开申请情况",
    "存在的主要问题及改进情况",
    "主动公开政府信息情况",
    "其他需要报告的事项",
    "总体情况",
    "概述",
};

size_t gk_known_section_title(const char *s)
{
    for (size_t i = 0; i < sizeof section_titles / sizeof section_titles[0]; i++) {
        size_t n = strlen(section_titles[i]);
        if (strncmp(s, section_titles[i], n) == 0)
            return n;
    }
    return 0;
}
