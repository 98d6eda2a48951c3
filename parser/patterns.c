/* patterns.c — every PCRE2 pattern of the converter, in one table, compiled
 * once on first use.  Each has an example; tests/unit/test_patterns.c holds
 * one test per pattern. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

static const char *const pattern_source[GK_PAT_COUNT] = {
    /* "三、" "(一)" "1." "1、" "三三、" "①" before a normalized label */
    [GK_PAT_NUMBERING] = "^(?:[一二三四五六七八九十]+[、.,:]|\\([一二三四五六七八九十0-9]+\\)|"
                         "[0-9]+[、.,:](?![0-9])|[①-⑳]|第[一二三四五六七八九十]+[项条部分]+)+",
    /* "-18" "1,234" "251000元" "1.2万元" "3件" (spaces and full-width removed first) */
    [GK_PAT_NUMBER] = "^([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?"
                      "(万元|元|件|个|项|次|条|份|家|宗|起|人次|人|户|篇|万)?$",
    /* "孟津区科技和工业信息化局 2023 年政府信息公开工作年度报告",
     * "2019年上海市人民政府办公厅政府信息公开工作年度报告" */
    [GK_PAT_TITLE] = "^(?:(?:标题|附件\\s*[0-9]*)\\s*[:：]\\s*)?(.*?)((?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})\\s*年度?"
                     "(.*?)(?:政府|政务)?\\s*(?:信息公开|政务公开)\\s*(?:工作)?\\s*(?:年度)?\\s*(?:报告|年报)",
    /* "一、总体情况" "五. 存在的主要问题及改进情况" */
    [GK_PAT_SECTION] = "^\\s*([一二三四五六七八九十]{1,2})\\s*[、.．,，]\\s*(\\S.*)$",
    /* "统计期限从2019年1月1日到12月31日" */
    [GK_PAT_STAT_YEAR] = "((?:19|20)[0-9]{2})\\s*年\\s*1\\s*月\\s*1\\s*日",
    /* footer and page tools that end an article on a CMS page */
    [GK_PAT_CHROME] = "^\\s*(?:[【\\[]\\s*)?(?:打印本页|关闭窗口|打印|关闭|版权所有|主办单位|承办单位|"
                      "ICP备|网站标识码|扫一扫|分享到|上一篇|下一篇|相关链接|相关文章|相关稿件|"
                      "字号\\s*[:：]|附件下载|责任编辑|我要纠错|浏览次数|Copyright|©)",
    /* "关于报送《示例市林业局2015年政府信息公开工作年度报告》的函",
     * "示例省粮食局关于报送2020年政府信息公开工作年度报告的函": group 1
     * the agency (may be empty), 2 the report's title */
    [GK_PAT_COVER_LETTER] = "^\\s*(.*?)\\s*关于(?:报送|上报|呈报|报请|提交)\\s*《?\\s*(.+?)\\s*》?\\s*的\\s*"
                            "(?:函|报告|请示|通知)\\s*$",
    /* "2026年1月20日", "示例市自然资源局 2026年1月20日", "二〇一七年三月二十八日":
     * group 1 what stands before the date, 2 the year */
    [GK_PAT_DATE_LINE] = "^\\s*(.*?)\\s*((?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})\\s*年\\s*"
                         "[0-9一二三四五六七八九十]{1,3}\\s*月\\s*[0-9一二三四五六七八九十]{1,3}\\s*日\\s*$",
    /* "2024年，本局…" "2025年度，示例市自然资源局…" */
    [GK_PAT_BODY_YEAR] = "^\\s*((?:19|20)[0-9]{2})\\s*年度?\\s*[，,]",
    /* "示例县交通运输局（以下简称“本局”）…", "本报告由示例县交通运输局编制":
     * group 1 (the first form, which may start 本报告由) or 2 the agency */
    [GK_PAT_AGENCY_SELF] = "([^，。、；：:“”\"（）()《》\\s]{2,40}?)\\s*[（(]\\s*以下简称\\s*[“\"‘]?\\s*"
                           "(?:本|我)(?:局|机关|委|办|院|厅|部|署|会|中心|单位|部门|区|县|市|镇|街道|所|站)|"
                           "本报告(?:是)?由\\s*([^，。、；：:“”\"（）()《》\\s]{2,40}?)\\s*(?:根据|依据|按照|负责|编制)",
    /* Matched against one sentence at a time (prose.c).  "(?|…)" numbers
     * every branch's group from 1, so the figure is always group 1; a
     * branch without it states a zero.  The gaps never cross a comma, so
     * a figure belongs to the clause that names it. */
    /* "全年共收到政府信息公开申请154件", "共受理政府信息公开申请859件",
     * "本年度全区共收到70件申请", "未收到政府信息公开申请" (0); not
     * "收到行政复议申请…" nor "结转上年度…申请" */
    [GK_PAT_TEXT_NEW_RECEIVED] =
        "(?|(?:新收|收到|受理|接收|接到)(?:(?!结转|上年|复议|诉讼|办结|答复)[^，,：:]){0,40}?申请(?:数量|数)?"
        "\\s*(?:为|共计|共|总计|合计|达)?\\s*([0-9０-９]+)\\s*(?:件|份|个|宗)"
        "|(?:新收|收到|受理|接收|接到)(?:(?!结转|上年|复议|诉讼)[^，,：:0-9０-９]){0,20}?([0-9０-９]+)\\s*(?:件|份|个|宗)"
        "[^，,0-9０-９复诉]{0,10}?申请"
        "|(?:未|没有)(?:新收|收到|受理|接收|接到)(?:(?!复议|诉讼)[^，,0-9０-９]){0,30}?申请)",
    /* "结转上年度政府信息公开申请1件", "含上年度结转申请18件" */
    [GK_PAT_TEXT_CARRIED_OVER] = "(?:上一?年度?结转|结转上一?年度?)的?(?:政府信息公开)?(?:申请)?(?:数量)?\\s*(?:为|共)?\\s*"
                                 "([0-9０-９]+)\\s*件",
    /* "1件结转下年度继续办理", "结转至2026年6件", "结转下年度办理2件" */
    [GK_PAT_TEXT_CARRIED_FORWARD] =
        "(?|([0-9０-９]+)\\s*件[^，,0-9０-９、]{0,6}?结转(?:至|到)?下一?年度?"
        "|结转(?:至|到)?(?:下一?年度?|(?:19|20)[0-9]{2}\\s*年度?)(?:继续)?(?:办理)?的?(?:申请)?\\s*(?:共|为)?\\s*"
        "([0-9０-９]+)\\s*件)",
    /* "本年度共办理行政复议3件", "行政复议案件2件", "发生2起行政复议",
     * "未发生因政府信息公开引起的行政复议" (0) */
    [GK_PAT_TEXT_REVIEW] =
        "(?|行政复议(?:案件|申请)?(?:数量|数)?\\s*(?:为|共计|共|合计)?\\s*([0-9０-９]+)\\s*(?:件|起|宗|次|个)"
        "|([0-9０-９]+)\\s*(?:件|起|宗)(?:(?!诉讼)[^，,0-9０-９、和及与]){0,16}?行政复议(?!决定)"
        "|(?:未|没有|无)(?:发生|产生|出现|收到|接到|涉及|被提起|被申请)?[^，,0-9０-９]{0,24}?行政复议)",
    /* "行政诉讼案件7件", "行政诉讼1起", "诉讼9件", "未发生…行政诉讼" (0) */
    [GK_PAT_TEXT_LITIGATION] =
        "(?|(?:行政)?诉讼(?:案件)?(?:数量|数)?\\s*(?:为|共计|共|合计)?\\s*([0-9０-９]+)\\s*(?:件|起|宗|次|个)"
        "|([0-9０-９]+)\\s*(?:件|起|宗)(?:(?!复议)[^，,0-9０-９、和及与]){0,16}?行政诉讼"
        "|(?:未|没有|无)(?:发生|产生|出现|收到|接到|涉及|被提起)?[^，,0-9０-９]{0,24}?行政诉讼)",
};

/* Compiled on first use, under a lock; what could not be made then (out of
 * memory) is tried again by the next caller, so one failed allocation
 * never fails every later report of a batch. */
static pcre2_code *compiled[GK_PAT_COUNT];
static pcre2_general_context *general_ctx;
static pcre2_match_context *match_ctx;
static bool have_key;
static atomic_bool ready;
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

/* Match data per thread and pattern, kept between calls: PCRE2 keeps its
 * backtracking frames (about 20 KB) in it, which a fresh one per call
 * would allocate every time.  Freed when the thread ends (tls.c). */
static pthread_key_t match_key;

static void free_match_data(void *p)
{
    pcre2_match_data **md = p;
    for (int i = 0; i < GK_PAT_COUNT; i++)
        pcre2_match_data_free(md[i]);
    free(md);
}

static pcre2_match_data *thread_match_data(gk_pattern_id id)
{
    pcre2_match_data **md = pthread_getspecific(match_key);
    if (!md) {
        md = calloc(GK_PAT_COUNT, sizeof *md);
        if (!md || pthread_setspecific(match_key, md) != 0) {
            free(md);
            return NULL;
        }
    }
    if (!md[id])
        md[id] = pcre2_match_data_create_from_pattern(compiled[id], general_ctx);
    return md[id];
}

/* PCRE2 allocates through these (match data, the backtracking frames a
 * match grows), so that its memory is the library's own: the
 * allocation-failure test counts it like the rest. */
static void *pcre2_alloc(size_t size, void *data)
{
    (void)data;
    return malloc(size);
}

static void pcre2_release(void *p, void *data)
{
    (void)data;
    free(p);
}

/* Makes what is missing; GK_ERR_NOMEM when memory ran out, and
 * GK_ERR_INTERNAL for a pattern PCRE2 refuses (a bug the unit tests catch). */
static gk_status compile_missing(void)
{
    if (!general_ctx && !(general_ctx = pcre2_general_context_create(pcre2_alloc, pcre2_release, NULL)))
        return GK_ERR_NOMEM;
    if (!have_key && !(have_key = gk_tls_key_create(&match_key, free_match_data)))
        return GK_ERR_NOMEM;
    pcre2_compile_context *cc = pcre2_compile_context_create(general_ctx);
    if (!cc)
        return GK_ERR_NOMEM;
    gk_status st = GK_OK;
    for (int i = 0; i < GK_PAT_COUNT && st == GK_OK; i++) {
        if (compiled[i])
            continue;
        int code;
        PCRE2_SIZE offset;
        compiled[i] = pcre2_compile((PCRE2_SPTR)pattern_source[i], PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_CASELESS, &code, &offset, cc);
        if (!compiled[i])
            st = code == PCRE2_ERROR_HEAP_FAILED ? GK_ERR_NOMEM : GK_ERR_INTERNAL;
    }
    pcre2_compile_context_free(cc);
    if (st != GK_OK)
        return st;
    if (!match_ctx) {
        if (!(match_ctx = pcre2_match_context_create(general_ctx)))
            return GK_ERR_NOMEM;
        pcre2_set_match_limit(match_ctx, GK_PCRE2_MATCH_LIMIT);
    }
    return GK_OK;
}

gk_status gk_patterns_ready(void)
{
    if (atomic_load_explicit(&ready, memory_order_acquire))
        return GK_OK;
    pthread_mutex_lock(&compile_lock);
    gk_status st = compile_missing();
    if (st == GK_OK)
        atomic_store_explicit(&ready, true, memory_order_release);
    pthread_mutex_unlock(&compile_lock);
    return st;
}

int gk_pattern_match(gk_pattern_id id, const char *s, size_t len, gk_match *m)
{
    gk_status st = gk_patterns_ready();
    if (st != GK_OK)
        return -(int)st;
    pcre2_match_data *md = thread_match_data(id);
    if (!md)
        return -GK_ERR_NOMEM;
    /* Inputs were validated as UTF-8 at the edge. */
    int rc = pcre2_match(compiled[id], (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, md, match_ctx);
    int result = rc > 0                              ? 1
                 : rc == PCRE2_ERROR_NOMATCH         ? 0
                 : rc == PCRE2_ERROR_NOMEMORY        ? -GK_ERR_NOMEM
                 : rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT
                     ? -GK_ERR_TOO_LARGE
                     : -GK_ERR_INTERNAL;
    if (rc > 0 && m) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        m->count = rc > 10 ? 10 : rc;
        for (int i = 0; i < 10; i++) {
            if (i < m->count && ov[2 * i] != PCRE2_UNSET) {
                m->start[i] = ov[2 * i];
                m->end[i] = ov[2 * i + 1];
            } else {
                m->start[i] = m->end[i] = SIZE_MAX;
            }
        }
    }
    return result;
}
