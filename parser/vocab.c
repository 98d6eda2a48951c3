/* vocab.c — the one table of the templates' words (SPEC.md §1), and the
 * matchers derived from it.  Keywords are compared with labels normalized
 * by gk_label_core(): full-width ASCII folded, spaces and quotes gone,
 * brackets ASCII, leading numbering cut. */
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define B GK_ED_BOTH
#define E19 GK_ED_2019
#define E21 GK_ED_2021
#define RES GK_TERM_RESULT_ROW

/* Item measures: {2019 edition}, {2021 edition}. */
#define DOCS {{GK_MEASURE_NEW_MADE, GK_MEASURE_NEW_PUBLISHED, GK_MEASURE_TOTAL_PUBLISHED}, \
              {GK_MEASURE_ISSUED, GK_MEASURE_REPEALED, GK_MEASURE_IN_FORCE}}
#define CASES {{GK_MEASURE_PREVIOUS_ITEMS, GK_MEASURE_CHANGE, GK_MEASURE_DECISIONS}, {GK_MEASURE_DECISIONS}}

/* Ordered by kind, then id: gk_term_get() indexes it, and the unit test
 * walks it.  Within a kind the order is the templates' order. */
static const gk_term terms[] = {
    /* ---- section 二 items ---- */
    {GK_TERM_ITEM, GK_ITEM_REGULATIONS, "regulations", B, 0, "规章", {"规章"}, DOCS, "第二十条第（一）项", NULL},
    {GK_TERM_ITEM, GK_ITEM_NORMATIVE_DOCUMENTS, "normative_documents", B, 0, "行政规范性文件",
     {"规范性文件"}, DOCS, "第二十条第（一）项", "规范性文件"},
    {GK_TERM_ITEM, GK_ITEM_LICENSING, "licensing", B, 0, "行政许可", {"行政许可"}, CASES, "第二十条第（五）项", NULL},
    {GK_TERM_ITEM, GK_ITEM_OTHER_SERVICES, "other_services", E19, 0, "其他对外管理服务事项",
     {"对外管理服务"}, {{GK_MEASURE_PREVIOUS_ITEMS, GK_MEASURE_CHANGE, GK_MEASURE_DECISIONS}}, "第二十条第（五）项", NULL},
    {GK_TERM_ITEM, GK_ITEM_PENALTY, "penalty", B, 0, "行政处罚", {"行政处罚"}, CASES, "第二十条第（六）项", NULL},
    {GK_TERM_ITEM, GK_ITEM_ENFORCEMENT, "enforcement", B, 0, "行政强制", {"行政强制"}, CASES, "第二十条第（六）项", NULL},
    {GK_TERM_ITEM, GK_ITEM_FEES, "fees", B, 0, "行政事业性收费", {"事业性收费"},
     {{GK_MEASURE_PREVIOUS_ITEMS, GK_MEASURE_CHANGE}, {GK_MEASURE_AMOUNT}}, "第二十条第（八）项", NULL},
    {GK_TERM_ITEM, GK_ITEM_PROCUREMENT, "procurement", E19, 0, "政府集中采购", {"集中采购"},
     {{GK_MEASURE_ITEMS, GK_MEASURE_AMOUNT}}, "第二十条第（九）项", NULL},

    /* ---- section 二 measures ---- */
    {GK_TERM_MEASURE, GK_MEASURE_NONE, NULL, 0, 0, "", {NULL}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_ISSUED, "issued", E21, 0, "本年制发件数", {"制发"}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_REPEALED, "repealed", E21, 0, "本年废止件数", {"废止"}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_IN_FORCE, "in_force", E21, 0, "现行有效件数", {"现行有效"}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_DECISIONS, "decisions", B, 0, "本年处理决定数量", {"处理决定"}, {{0}}, NULL,
     "处理决定数量"},
    {GK_TERM_MEASURE, GK_MEASURE_AMOUNT, "amount", B, GK_TERM_DECIMAL, "本年收费金额（单位：万元）",
     {"收费金额", "总金额"}, {{0}}, NULL, "采购总金额"},
    {GK_TERM_MEASURE, GK_MEASURE_NEW_MADE, "new_made", E19, 0, "本年新制作数量", {"新制作"}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_NEW_PUBLISHED, "new_published", E19, 0, "本年新公开数量", {"新公开"}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_TOTAL_PUBLISHED, "total_published", E19, 0, "对外公开总数量", {"公开总数"},
     {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_PREVIOUS_ITEMS, "previous_items", E19, 0, "上一年项目数量",
     {"上一年项目", "上年项目"}, {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_CHANGE, "change", E19, GK_TERM_SIGNED, "本年增/减", {"增/减", "增减", "增(减)"},
     {{0}}, NULL, NULL},
    {GK_TERM_MEASURE, GK_MEASURE_ITEMS, "items", E19, 0, "采购项目数量", {"采购项目"}, {{0}}, NULL, NULL},

    /* ---- section 三 rows ---- */
    {GK_TERM_ROW, GK_ROW_NEW_RECEIVED, "new_received", B, 0, "一、本年新收政府信息公开申请数量", {"本年新收"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_CARRIED_OVER, "carried_over", B, 0, "二、上年结转政府信息公开申请数量", {"上年结转"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_GRANTED, "granted", B, RES, "（一）予以公开", {"予以公开"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_PARTIALLY_GRANTED, "partially_granted", B, RES,
     "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", {"部分公开"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_STATE_SECRET, "denied_state_secret", B, RES, "（三）不予公开1.属于国家秘密",
     {"国家秘密"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_PROHIBITED_BY_LAW, "denied_prohibited_by_law", B, RES,
     "2.其他法律行政法规禁止公开", {"禁止公开", "法律行政法规"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_SECURITY_STABILITY, "denied_security_stability", B, RES,
     "3.危及“三安全一稳定”", {"三安全一稳定", "危及"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_THIRD_PARTY, "denied_third_party", B, RES, "4.保护第三方合法权益",
     {"第三方", "合法权益"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_INTERNAL_AFFAIRS, "denied_internal_affairs", B, RES, "5.属于三类内部事务信息",
     {"内部事务"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_PROCESS_INFO, "denied_process_info", B, RES, "6.属于四类过程性信息",
     {"过程性", "过程性信息"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_ENFORCEMENT_FILE, "denied_enforcement_file", B, RES, "7.属于行政执法案卷",
     {"执法案卷"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_DENIED_ADMIN_INQUIRY, "denied_admin_inquiry", B, RES, "8.属于行政查询事项",
     {"行政查询"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_UNAVAILABLE_NOT_HELD, "unavailable_not_held", B, RES,
     "（四）无法提供1.本机关不掌握相关政府信息", {"不掌握", "不掌握相关"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_UNAVAILABLE_NEEDS_CREATION, "unavailable_needs_creation", B, RES,
     "2.没有现成信息需要另行制作", {"另行制作", "没有现成"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_UNAVAILABLE_UNCLEAR, "unavailable_unclear", B, RES, "3.补正后申请内容仍不明确",
     {"仍不明确", "补正后"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_NOT_PROCESSED_COMPLAINT, "not_processed_complaint", B, RES,
     "（五）不予处理1.信访举报投诉类申请", {"信访", "举报投诉"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_NOT_PROCESSED_DUPLICATE, "not_processed_duplicate", B, RES, "2.重复申请",
     {"重复申请"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_NOT_PROCESSED_PUBLICATION, "not_processed_publication", B, RES,
     "3.要求提供公开出版物", {"出版物", "公开出版物"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_NOT_PROCESSED_EXCESSIVE, "not_processed_excessive", B, RES, "4.无正当理由大量反复申请",
     {"大量反复"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_NOT_PROCESSED_CONFIRMATION, "not_processed_confirmation", B, RES,
     "5.要求行政机关确认或重新出具已获取信息", {"重新出具", "确认"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_OTHER_NO_CORRECTION, "other_no_correction", E21, RES,
     "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     {"不补正", "逾期不补正"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_OTHER_UNPAID_FEE, "other_unpaid_fee", E21, RES,
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", {"缴纳费用", "收费通知"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_OTHER_OTHER, "other_other", E21, RES, "3.其他", {"=其他"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_OTHER_PROCESSING, "other_processing", E19, RES, "（六）其他处理", {"其他处理"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_RESULTS_TOTAL, "results_total", B, 0, "（七）总计", {"总计", "合计"}, {{0}}, NULL, NULL},
    {GK_TERM_ROW, GK_ROW_CARRIED_FORWARD, "carried_forward", B, 0, "四、结转下年度继续办理",
     {"结转下", "继续办理"}, {{0}}, NULL, NULL},

    /* ---- section 三 columns ---- */
    {GK_TERM_COLUMN, GK_COL_NATURAL_PERSON, "natural_person", B, 0, "自然人", {"=自然人"}, {{0}}, NULL, NULL},
    {GK_TERM_COLUMN, GK_COL_COMMERCIAL, "commercial", B, 0, "商业企业", {"商业企业"}, {{0}}, NULL, NULL},
    {GK_TERM_COLUMN, GK_COL_RESEARCH, "research", B, 0, "科研机构", {"科研机构"}, {{0}}, NULL, NULL},
    {GK_TERM_COLUMN, GK_COL_SOCIAL_WELFARE, "social_welfare", B, 0, "社会公益组织", {"社会公益"}, {{0}}, NULL, NULL},
    {GK_TERM_COLUMN, GK_COL_LEGAL_SERVICE, "legal_service", B, 0, "法律服务机构", {"法律服务"}, {{0}}, NULL, NULL},
    {GK_TERM_COLUMN, GK_COL_OTHER_ORG, "other_org", B, 0, "其他", {"=其他"}, {{0}}, NULL, NULL},
    {GK_TERM_COLUMN, GK_COL_TOTAL, "total", B, 0, "总计", {"=总计", "=合计"}, {{0}}, NULL, NULL},

    /* ---- section 四 groups and results ---- */
    {GK_TERM_GROUP, GK_GROUP_REVIEW, "review", B, 0, "行政复议", {"复议"}, {{0}}, NULL, NULL},
    {GK_TERM_GROUP, GK_GROUP_LITIGATION_DIRECT, "litigation_direct", B, 0, "未经复议直接起诉",
     {"未经复议", "直接起诉"}, {{0}}, NULL, NULL},
    {GK_TERM_GROUP, GK_GROUP_LITIGATION_AFTER_REVIEW, "litigation_after_review", B, 0, "复议后起诉",
     {"复议后"}, {{0}}, NULL, NULL},
    {GK_TERM_RESULT, GK_RESULT_UPHELD, "upheld", B, 0, "结果维持", {"维持"}, {{0}}, NULL, NULL},
    {GK_TERM_RESULT, GK_RESULT_CORRECTED, "corrected", B, 0, "结果纠正", {"纠正"}, {{0}}, NULL, NULL},
    {GK_TERM_RESULT, GK_RESULT_OTHER, "other", B, 0, "其他结果", {"其他"}, {{0}}, NULL, NULL},
    {GK_TERM_RESULT, GK_RESULT_PENDING, "pending", B, 0, "尚未审结", {"审结"}, {{0}}, NULL, NULL},
    {GK_TERM_RESULT, GK_RESULT_TOTAL, "total", B, 0, "总计", {"总计", "合计"}, {{0}}, NULL, NULL},

    /* ---- header words ---- */
    {GK_TERM_HEADER, GK_HDR_APPLICANT, NULL, B, 0, "申请人情况", {"申请人情况"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_COLUMN_NOTE, NULL, B, 0, "（本列数据的勾稽关系为：…）", {"(本列数据"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_ARTICLE, NULL, B, 0, "第二十条第（一）项", {"第二十条"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_CONTENT, NULL, B, 0, "信息内容", {"信息内容"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_ACTIVE_TITLE, NULL, B, 0, "主动公开政府信息情况", {"主动公开政府信息"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_LITIGATION, NULL, B, 0, "行政诉讼", {"行政诉讼", "起诉"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_REVIEW, NULL, B, 0, "行政复议", {"行政复议"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_ORGANIZATIONS, NULL, B, 0, "法人或其他组织", {"法人或其他组织"}, {{0}}, NULL, NULL},
    {GK_TERM_HEADER, GK_HDR_RESULTS, NULL, B, 0, "三、本年度办理结果", {"本年度办理结果"}, {{0}}, NULL, NULL},

    /* ---- section titles (the old outline's 概述 for 一) ---- */
    {GK_TERM_SECTION, 1, NULL, B, 0, "总体情况", {"总体情况", "概述"}, {{0}}, NULL, NULL},
    {GK_TERM_SECTION, 2, NULL, B, 0, "主动公开政府信息情况", {"主动公开政府信息情况"}, {{0}}, NULL, NULL},
    {GK_TERM_SECTION, 3, NULL, B, 0, "收到和处理政府信息公开申请情况", {"收到和处理政府信息公开申请情况"}, {{0}}, NULL, NULL},
    {GK_TERM_SECTION, 4, NULL, B, 0, "政府信息公开行政复议、行政诉讼情况",
     {"政府信息公开行政复议、行政诉讼情况"}, {{0}}, NULL, NULL},
    {GK_TERM_SECTION, 5, NULL, B, 0, "存在的主要问题及改进情况",
     {"存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"}, {{0}}, NULL, NULL},
    {GK_TERM_SECTION, 6, NULL, B, 0, "其他需要报告的事项", {"其他需要报告的事项"}, {{0}}, NULL, NULL},
};

#undef B
#undef E19
#undef E21
#undef RES
#undef DOCS
#undef CASES

enum { TERM_COUNT = sizeof terms / sizeof terms[0] };

const char *const gk_title_end_words[] = {"情况", "事项", "措施", "概述", "问题", NULL};

const gk_term *gk_vocab(size_t *count)
{
    *count = TERM_COUNT;
    return terms;
}

/* The first entry of each kind; the table is ordered by kind. */
static size_t kind_start(gk_term_kind kind)
{
    size_t i = 0;
    while (i < TERM_COUNT && terms[i].kind < kind)
        i++;
    return i;
}

static size_t kind_end(gk_term_kind kind)
{
    size_t i = kind_start(kind);
    while (i < TERM_COUNT && terms[i].kind == kind)
        i++;
    return i;
}

const gk_term *gk_term_get(gk_term_kind kind, int id)
{
    for (size_t i = kind_start(kind); i < TERM_COUNT && terms[i].kind == kind; i++)
        if (terms[i].id == id)
            return &terms[i];
    return NULL;
}

const char *gk_code(gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    return t && t->code ? t->code : "";
}

size_t gk_edition_ids(gk_term_kind kind, unsigned ed, int *ids, size_t cap)
{
    size_t n = 0;
    for (size_t i = kind_start(kind); i < TERM_COUNT && terms[i].kind == kind; i++)
        if ((terms[i].editions & ed) && terms[i].code && n < cap)
            ids[n++] = terms[i].id;
    return n;
}

const unsigned char *gk_item_measures(int item, unsigned ed)
{
    static const unsigned char none[1] = {0};
    const gk_term *t = gk_term_get(GK_TERM_ITEM, item);
    if (!t)
        return none;
    return t->measures[ed == GK_ED_2019 ? 0 : 1];
}

bool gk_row_is_result(unsigned ed, int row)
{
    const gk_term *t = gk_term_get(GK_TERM_ROW, row);
    return t && (t->flags & GK_TERM_RESULT_ROW) && (t->editions & ed);
}

const gk_term *gk_measure_by_code(const char *code)
{
    for (size_t i = kind_start(GK_TERM_MEASURE); i < TERM_COUNT && terms[i].kind == GK_TERM_MEASURE; i++)
        if (terms[i].code && !strcmp(terms[i].code, code))
            return &terms[i];
    return NULL;
}

/* ---- matching ---- */

enum { MAX_LABEL_CHARS = 256, MAX_KEYWORD_CHARS = 32, FUZZY_MIN_CHARS = 4 };

/* Code points of s, at most cap (the rest is not compared). */
static size_t to_chars(const char *s, uint32_t *out, size_t cap)
{
    size_t len = strlen(s), i = 0, n = 0, k;
    while (i < len && n < cap)
        out[n++] = gk_utf8_next(s, len, &i, &k);
    return n;
}

static size_t common_prefix(const uint32_t *a, const uint32_t *b, size_t n)
{
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

static size_t common_suffix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0;
    while (i < na && i < nb && a[na - 1 - i] == b[nb - 1 - i])
        i++;
    return i;
}

/* Whether the label holds kw with one character wrong, missing or extra:
 * a window of the label equals kw but for one edit when the common prefix
 * and suffix of the two cover all but that one character. */
static bool fuzzy_contains(const uint32_t *label, size_t n, const uint32_t *kw, size_t m)
{
    for (size_t w = m - 1; w <= m + 1; w++) {
        for (size_t i = 0; i + w <= n; i++) {
            const uint32_t *win = label + i;
            size_t p = common_prefix(win, kw, w < m ? w : m);
            size_t s = common_suffix(win, w, kw, m);
            if (w == m && p + s + 1 >= m)
                return true; /* substitution (exact matches were tried first) */
            if (w == m - 1 && p + s >= w)
                return true; /* a character dropped */
            if (w == m + 1 && p + s >= m)
                return true; /* a character added */
        }
    }
    return false;
}

/* A candidate: its id and how well it fits (fewer errors, then a longer
 * keyword, is better). */
typedef struct {
    int id, errors;
    size_t chars;
} fit;

enum { MAX_FITS = 16 };

typedef struct {
    fit best[MAX_FITS]; /* the best fits found so far, of distinct codes */
    size_t n;
} fits;

static bool better(const fit *a, const fit *b)
{
    return a->errors < b->errors || (a->errors == b->errors && a->chars > b->chars);
}

static void consider(fits *fs, const fit *f)
{
    if (fs->n == 0 || better(f, &fs->best[0])) {
        fs->best[0] = *f;
        fs->n = 1;
        return;
    }
    if (better(&fs->best[0], f))
        return;
    for (size_t i = 0; i < fs->n; i++)
        if (fs->best[i].id == f->id)
            return;
    if (fs->n < MAX_FITS)
        fs->best[fs->n++] = *f; /* as good as the best, and another code */
}

/* Edits that turn the label into some stretch of `canonical` (the label is
 * read whole, the canonical label's other words are free): how close a
 * label is to a code's own wording. */
static size_t distance_inside(const uint32_t *label, size_t n, const char *canonical)
{
    uint32_t c[MAX_LABEL_CHARS];
    size_t m = to_chars(canonical, c, MAX_LABEL_CHARS);
    size_t row[MAX_LABEL_CHARS + 1], prev[MAX_LABEL_CHARS + 1];
    for (size_t j = 0; j <= m; j++)
        prev[j] = 0; /* the label may start anywhere in the canonical one */
    for (size_t i = 1; i <= n; i++) {
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t sub = prev[j - 1] + (label[i - 1] != c[j - 1]);
            size_t del = prev[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, row, (m + 1) * sizeof row[0]);
    }
    size_t best = n;
    for (size_t j = 0; j <= m; j++)
        best = prev[j] < best ? prev[j] : best;
    return best;
}

/* Codes that fit equally well by their keywords: the one whose own label
 * the label is closest to, or a tie. */
static void decide(const fits *fs, const char *core, gk_term_kind kind, gk_term_match *m)
{
    m->id = fs->n ? fs->best[0].id : -1;
    m->errors = fs->n ? fs->best[0].errors : 0;
    if (fs->n < 2)
        return;
    uint32_t label[MAX_LABEL_CHARS];
    size_t n = to_chars(core, label, MAX_LABEL_CHARS);
    size_t d[MAX_FITS], lowest = SIZE_MAX;
    for (size_t i = 0; i < fs->n; i++) {
        const gk_term *t = gk_term_get(kind, fs->best[i].id);
        d[i] = distance_inside(label, n, t ? t->label : "");
        lowest = d[i] < lowest ? d[i] : lowest;
    }
    int winners = 0;
    for (size_t i = 0; i < fs->n; i++)
        if (d[i] == lowest) {
            if (winners++ == 0)
                m->id = fs->best[i].id;
            else if (winners == 2) {
                m->first = m->id;
                m->tie = fs->best[i].id;
            }
        }
    if (winners > 1)
        m->id = -1;
}

static void match_exact(gk_term_kind kind, const char *core, fits *fs)
{
    for (size_t i = kind_start(kind); i < TERM_COUNT && terms[i].kind == kind; i++)
        for (size_t k = 0; k < GK_TERM_KEYWORDS && terms[i].keywords[k]; k++) {
            const char *kw = terms[i].keywords[k];
            bool whole = kw[0] == '=';
            if (whole ? strcmp(core, kw + 1) != 0 : strstr(core, kw) == NULL)
                continue;
            uint32_t buf[MAX_KEYWORD_CHARS];
            fit f = {terms[i].id, 0, to_chars(whole ? kw + 1 : kw, buf, MAX_KEYWORD_CHARS)};
            consider(fs, &f);
        }
}

static void match_fuzzy(gk_term_kind kind, const char *core, fits *fs)
{
    uint32_t label[MAX_LABEL_CHARS], kw[MAX_KEYWORD_CHARS];
    size_t n = to_chars(core, label, MAX_LABEL_CHARS);
    for (size_t i = kind_start(kind); i < TERM_COUNT && terms[i].kind == kind; i++)
        for (size_t k = 0; k < GK_TERM_KEYWORDS && terms[i].keywords[k]; k++) {
            if (terms[i].keywords[k][0] == '=')
                continue;
            size_t len = to_chars(terms[i].keywords[k], kw, MAX_KEYWORD_CHARS);
            if (len < FUZZY_MIN_CHARS || !fuzzy_contains(label, n, kw, len))
                continue;
            fit f = {terms[i].id, 1, len};
            consider(fs, &f);
        }
}

gk_term_match gk_vocab_match(gk_term_kind kind, const char *core, int how)
{
    gk_term_match m = {-1, 0, -1, -1};
    fits fs = {.n = 0};
    if (!core || !*core)
        return m;
    match_exact(kind, core, &fs);
    if (fs.n == 0 && how == GK_MATCH_FUZZY)
        match_fuzzy(kind, core, &fs);
    decide(&fs, core, kind, &m);
    return m;
}

int gk_vocab_id(gk_term_kind kind, const char *core) { return gk_vocab_match(kind, core, GK_MATCH_EXACT).id; }

bool gk_vocab_has(gk_term_kind kind, int id, const char *core)
{
    const gk_term *t = gk_term_get(kind, id);
    for (size_t k = 0; t && k < GK_TERM_KEYWORDS && t->keywords[k]; k++) {
        const char *kw = t->keywords[k];
        if (kw[0] == '=' ? strcmp(core, kw + 1) == 0 : strstr(core, kw) != NULL)
            return true;
    }
    return false;
}

const gk_term *gk_vocab_at(gk_term_kind kind, const char *s, size_t *kwlen)
{
    const gk_term *found = NULL;
    size_t best = 0;
    for (size_t i = kind_start(kind); i < TERM_COUNT && terms[i].kind == kind; i++)
        for (size_t k = 0; k < GK_TERM_KEYWORDS && terms[i].keywords[k]; k++) {
            const char *kw = terms[i].keywords[k];
            if (kw[0] == '=')
                continue;
            size_t n = strlen(kw);
            if (n > best && strncmp(s, kw, n) == 0) {
                best = n;
                found = &terms[i];
            }
        }
    *kwlen = best;
    return found;
}

bool gk_vocab_find(gk_term_kind kind, int id, const char *s, size_t len, size_t *at, size_t *kwlen)
{
    const gk_term *t = gk_term_get(kind, id);
    bool found = false;
    for (size_t k = 0; t && k < GK_TERM_KEYWORDS && t->keywords[k]; k++) {
        const char *kw = t->keywords[k][0] == '=' ? t->keywords[k] + 1 : t->keywords[k];
        size_t n = strlen(kw);
        for (size_t i = 0; i + n <= len && (!found || i < *at); i++)
            if (memcmp(s + i, kw, n) == 0) {
                *at = i;
                *kwlen = n;
                found = true;
                break;
            }
    }
    return found;
}

size_t gk_known_section_title(const char *s)
{
    size_t best = 0;
    for (size_t i = kind_start(GK_TERM_SECTION); i < kind_end(GK_TERM_SECTION); i++)
        for (size_t k = 0; k < GK_TERM_KEYWORDS && terms[i].keywords[k]; k++) {
            size_t n = strlen(terms[i].keywords[k]);
            if (n > best && strncmp(s, terms[i].keywords[k], n) == 0)
                best = n;
        }
    return best;
}

int gk_cjk_numeral(const char *s, size_t *len)
{
    static const char *const digits[] = {"〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    static const int values[] = {0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++) {
        size_t n = strlen(digits[i]);
        if (strncmp(s, digits[i], n) == 0) {
            *len = n;
            return values[i];
        }
    }
    return -1;
}

const char *gk_template_name(gk_template t)
{
    switch (t) {
    case GK_TEMPLATE_2019: return "2019";
    case GK_TEMPLATE_2021: return "2021";
    case GK_TEMPLATE_MIXED: return "mixed";
    default: return "free";
    }
}

const char *gk_edition_name(unsigned ed)
{
    return ed == GK_ED_2019 ? "2019" : ed == GK_ED_2021 ? "2021" : NULL;
}

unsigned gk_template_edition(gk_template t)
{
    return t == GK_TEMPLATE_2019 ? GK_ED_2019 : t == GK_TEMPLATE_2021 ? GK_ED_2021 : 0;
}
