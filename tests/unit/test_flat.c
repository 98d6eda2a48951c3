/* test_flat.c — gk_unflatten (flat.c): crawler text whose table cells ran
 * together, rebuilt into grids.  On documents built by hand: digit runs
 * split by the row rule, the next label's numbering cut off a run, a stray
 * space taken as a cell boundary, rows only the column rules decide,
 * ambiguous cells left blank with their candidates in a diagnostic,
 * table 二 items, table 四's 15 values, inline section headings, and a
 * document that already has a table.  Then the same through the whole
 * pipeline (gk_report_from_memory). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

/* ---- text pieces ---- */

#define APPS_HEAD                                                                                                                                               \
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" \
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"

#define RL_HEAD                                                                                                                                                 \
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接" \
    "起诉"                                                                                                                                                    \
    "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"

#define ACTIVE_2021                                                                                                                                           \
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章219"              \
    "行政规范性文件249153第二十条第（五）项信息内容本年处理决定数量行政许可1327第二十条第（六）项信息内容"       \
    "本年处理决定数量行政处罚86行政强制14第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费" \
    "236.45"

/* Table 三's labels as crawlers write them (SPEC.md, no spaces). */
static const char *const crawler_labels[25] = {
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
};

/* A table 三 whose every rule holds (samples/run-together_2021): nine of
 * its rows split several ways under the row rule alone (granted
 * "6413253794" three ways, not_processed_duplicate "832222138" four ways…);
 * only one combination satisfies the column rules. */
static const int full_table[25][7] = {
    {248, 64, 40, 69, 51, 52, 524}, {9, 2, 1, 3, 1, 4, 20},  {64, 13, 2, 5, 3, 7, 94},
    {18, 4, 1, 2, 6, 1, 32},        {2, 1, 3, 1, 2, 4, 13},  {3, 2, 1, 4, 1, 2, 13},
    {1, 3, 2, 1, 4, 1, 12},         {11, 1, 2, 4, 3, 5, 26}, {3, 2, 1, 2, 1, 4, 13},
    {7, 4, 2, 1, 3, 2, 19},         {4, 1, 3, 2, 1, 1, 12},  {6, 2, 1, 3, 2, 1, 15},
    {37, 8, 4, 2, 5, 3, 59},        {12, 3, 1, 2, 1, 2, 21}, {5, 1, 2, 3, 1, 2, 14},
    {23, 2, 1, 4, 2, 3, 35},        {8, 3, 2, 22, 2, 1, 38}, {4, 2, 1, 1, 3, 2, 13},
    {9, 1, 3, 2, 1, 4, 20},         {3, 4, 1, 2, 2, 1, 13},  {10, 2, 1, 3, 4, 2, 22},
    {2, 1, 3, 1, 1, 2, 10},         {14, 3, 2, 1, 2, 5, 27}, {246, 63, 39, 68, 50, 55, 521},
    {11, 3, 2, 4, 2, 1, 23},
};

/* Row codes of the 2021 template, in order (the rows of full_table). */
static int template_row(int i)
{
    int rows[GK_APP_ROW_COUNT];
    size_t n = gk_edition_ids(GK_TERM_ROW, GK_ED_2021, rows, GK_APP_ROW_COUNT);
    assert_true((size_t)i < n);
    return rows[i];
}

static void add_full_table(gk_buf *b)
{
    gk_buf_adds(b, APPS_HEAD);
    for (int i = 0; i < 25; i++) {
        gk_buf_adds(b, crawler_labels[i]);
        for (int j = 0; j < 7; j++)
            gk_buf_printf(b, "%d", full_table[i][j]);
    }
}

/* ---- helpers ---- */

typedef struct {
    gk_diag_list diags;
    gk_document doc;
} fixture;

/* A document of one paragraph per line of `text`, unflattened. */
static fixture *unflatten(const char *text)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_doc_init(&f->doc, &f->diags);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = gk_strndup(p, n);
        assert_non_null(line);
        assert_true(gk_doc_add_paragraph(&f->doc, line, 0));
        free(line);
        p += n + (nl ? 1 : 0);
    }
    gk_unflatten(&f->doc);
    return f;
}

static fixture *unflatten_buf(gk_buf *b)
{
    assert_false(b->failed);
    fixture *f = unflatten(b->data);
    gk_buf_free(b);
    return f;
}

static void fixture_free(fixture *f)
{
    gk_doc_free(&f->doc);
    gk_diag_list_free(&f->diags);
    free(f);
}

static size_t count_tables(const gk_document *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->count; i++)
        n += doc->blocks[i].kind == GK_BLOCK_TABLE;
    return n;
}

static const char *text_at(const gk_table *t, int row, int col)
{
    int i = gk_table_at(t, row, col);
    return i < 0 ? NULL : t->cells[i].text;
}

/* The first table with a cell reading `marker` in its first row. */
static const gk_table *table_with(const gk_document *doc, const char *marker)
{
    for (size_t i = 0; i < doc->count; i++) {
        if (doc->blocks[i].kind != GK_BLOCK_TABLE)
            continue;
        const gk_table *t = doc->blocks[i].table;
        for (int c = 0; c < t->ncols; c++) {
            const char *s = text_at(t, 0, c);
            if (s && !strcmp(s, marker))
                return t;
        }
    }
    return NULL;
}

/* The cells right of the label of the row whose first cell contains
 * `label_kw`, joined by '|' (blank cells stay empty). */
static char *row_values(const gk_table *t, const char *label_kw)
{
    for (int r = 0; r < t->nrows; r++) {
        const char *label = text_at(t, r, 0);
        if (!label || !strstr(label, label_kw))
            continue;
        gk_buf b;
        gk_buf_init(&b);
        for (int c = 1; c < t->ncols; c++) {
            const char *s = text_at(t, r, c);
            gk_buf_printf(&b, "%s%s", c > 1 ? "|" : "", s ? s : "");
        }
        char *out = gk_buf_take(&b);
        assert_non_null(out);
        return out;
    }
    return NULL;
}

static void assert_row(const gk_table *t, const char *label_kw, const char *want)
{
    assert_non_null(t);
    char *got = row_values(t, label_kw);
    if (!got)
        fail_msg("no row labelled …%s…", label_kw);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "row %s: %s\n  wanted: %s\n", label_kw, got, want);
        free(got);
        fail_msg("row values differ");
    }
    free(got);
}

static const gk_diagnostic *find_diag(const gk_diag_list *d, const char *a, const char *b)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].message, a) && (!b || strstr(d->items[i].message, b)))
            return &d->items[i];
    return NULL;
}

static void assert_paragraph(const gk_document *doc, const char *text)
{
    for (size_t i = 0; i < doc->count; i++)
        if (doc->blocks[i].kind == GK_BLOCK_PARAGRAPH && !strcmp(doc->blocks[i].text, text))
            return;
    for (size_t i = 0; i < doc->count; i++)
        fprintf(stderr, "block %zu: %s\n", i,
                doc->blocks[i].kind == GK_BLOCK_TABLE ? "[table]" : doc->blocks[i].text);
    fail_msg("no paragraph \"%s\"", text);
}

static gk_report *convert(const char *text)
{
    gk_report *r = NULL;
    gk_error err;
    gk_status st = gk_report_from_memory("crawler.txt", text, strlen(text), &r, &err);
    if (st != GK_OK)
        fail_msg("conversion failed: %s (%s)", gk_strerror(st), err.message);
    return r;
}

static void assert_apps_row(const gk_report *r, int row, const int want[7])
{
    for (int c = 0; c < GK_COL_COUNT; c++) {
        const gk_num *n = &r->apps[row][c];
        if (!n->present || n->value != want[c])
            fail_msg("applications.%s.%s: %s%g, expected %d", gk_code(GK_TERM_ROW, row), gk_code(GK_TERM_COLUMN, c),
                     n->present ? "" : "null ", n->value, want[c]);
    }
}

/* ---- table 三 on hand-built documents ---- */

static void row_split_by_row_rule(void **state)
{
    (void)state;
    fixture *f = unflatten(
        APPS_HEAD "一、本年新收政府信息公开申请数量15130000154二、上年结转政府信息公开申请数量2000002");
    assert_int_equal(count_tables(&f->doc), 1);
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_non_null(t);
    assert_row(t, "本年新收", "151|3|0|0|0|0|154");
    assert_row(t, "上年结转", "2|0|0|0|0|0|2");
    fixture_free(f);
}

static void grid_header_has_the_seven_columns(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154");
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_non_null(t);
    static const char *const cols[] = {"自然人",       "商业企业", "科研机构", "社会公益组织",
                                       "法律服务机构", "其他",     "总计"};
    for (int c = 0; c < 7; c++)
        assert_string_equal(text_at(t, 0, c + 1), cols[c]);
    fixture_free(f);
}

static void full_width_digits_in_run(void **state)
{
    (void)state;
    /* "１５１３００００１５４" */
    fixture *f =
        unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量"
                            "\xEF\xBC\x91\xEF\xBC\x95\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x90\xEF\xBC\x90"
                            "\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x95\xEF\xBC\x94");
    assert_row(table_with(&f->doc, "自然人"), "本年新收", "151|3|0|0|0|0|154");
    fixture_free(f);
}

static void next_label_number_cut_off_run(void **state)
{
    (void)state;
    fixture *f = unflatten(
        APPS_HEAD "一、本年新收政府信息公开申请数量1000001"
                  "4.保护第三方合法权益10000015.属于三类内部事务信息30000036.属于四类过程性信息2000002");
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_row(t, "第三方", "1|0|0|0|0|0|1");
    assert_row(t, "内部事务", "3|0|0|0|0|0|3");
    assert_row(t, "过程性", "2|0|0|0|0|0|2");
    fixture_free(f);
}

static void next_label_number_with_dunhao(void **state)
{
    (void)state;
    /* Was a bug (fixed): the next label's number is cut off a run only when a '.' (or ',')
     * follows it.  Numbered "2、其他法律…" (a common way of writing it), the
     * "2" stays in the run of 1.属于国家秘密: "21312413"+"2" = "213124132"
     * splits, under the row rule, as 2|1|3|1|24|1|32 or 21|3|1|2|4|1|32, and
     * the cells both candidates share are kept: other_org = 1 and
     * total = 32, where the report says 4 and 13.  Expected: 2|1|3|1|2|4|13,
     * or blank cells ("recovered exactly, or not at all"); got wrong numbers
     * (|||||1|32). */
    fixture *f =
        unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量1000001"
                            "（三）不予公开1、属于国家秘密213124132、其他法律行政法规禁止公开3214121");
    const gk_table *t = table_with(&f->doc, "自然人");
    char *got = row_values(t, "国家秘密");
    assert_non_null(got);
    bool exact = !strcmp(got, "2|1|3|1|2|4|13");
    bool blank = !strcmp(got, "||||||");
    if (!exact && !blank)
        fail_msg("denied_state_secret read as %s", got);
    free(got);
    fixture_free(f);
}

static void stray_space_is_a_cell_boundary(void **state)
{
    (void)state;
    /* "112000013" alone is 1|12|… or 11|2|…; the space decides */
    fixture *f = unflatten(
        APPS_HEAD "一、本年新收政府信息公开申请数量1 12000013二、上年结转政府信息公开申请数量11 2000013");
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_row(t, "本年新收", "1|12|0|0|0|0|13");
    assert_row(t, "上年结转", "11|2|0|0|0|0|13");
    fixture_free(f);
}

static void space_is_always_a_boundary(void **state)
{
    (void)state;
    /* a space is a cell boundary, never noise to join across: "15 1…" has
     * no split whose last value is the sum, so the row is left null */
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15 130000154");
    assert_row(table_with(&f->doc, "自然人"), "本年新收", "||||||");
    assert_non_null(find_diag(&f->diags, "15 130000154", "cannot be split"));
    fixture_free(f);
}

/* Issue 8: spaces that make seven cells are the cells, and a row whose
 * total is not the sum of its parts keeps its published numbers. */
static void separated_cells_kept_though_the_sum_breaks(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量12 3 0 1 0 0 17");
    assert_row(table_with(&f->doc, "自然人"), "本年新收", "12|3|0|1|0|0|17");
    fixture_free(f);
    /* seven digits for seven cells: one each */
    f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量1000003");
    assert_row(table_with(&f->doc, "自然人"), "本年新收", "1|0|0|0|0|0|3");
    fixture_free(f);
}

/* Issue 8: a sign or a unit inside a run ends a cell. */
static void sign_and_unit_end_a_cell(void **state)
{
    (void)state;
    fixture *f = unflatten("二、主动公开政府信息情况 第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
                           "行政许可0+22 行政处罚15-37 第二十条第（九）项 信息内容 采购项目数量 采购总金额 "
                           "政府集中采购2个13500元 三、收到和处理政府信息公开申请情况");
    const gk_table *t = table_with(&f->doc, "信息内容");
    assert_non_null(t);
    int found = 0;
    for (int r = 0; r < t->nrows; r++) {
        const char *label = text_at(t, r, 0);
        if (!strcmp(label, "行政许可")) {
            assert_string_equal(text_at(t, r, 1), "0");
            assert_string_equal(text_at(t, r, 2), "2");
            assert_string_equal(text_at(t, r, 3), "2");
            found++;
        } else if (!strcmp(label, "行政处罚")) {
            assert_string_equal(text_at(t, r, 1), "15");
            assert_string_equal(text_at(t, r, 2), "-3");
            assert_string_equal(text_at(t, r, 3), "7");
            found++;
        } else if (!strcmp(label, "集中采购")) {
            assert_string_equal(text_at(t, r, 1), "2");
            assert_string_equal(text_at(t, r, 2), "13500");
            found++;
        }
    }
    assert_int_equal(found, 3);
    fixture_free(f);
}

static void row_alone_ambiguous_left_blank_with_candidates(void **state)
{
    (void)state;
    fixture *f = unflatten(
        APPS_HEAD "一、本年新收政府信息公开申请数量1000001三、本年度办理结果（一）予以公开6413253794");
    const gk_table *t = table_with(&f->doc, "自然人");
    /* three candidates agree only on the total */
    assert_row(t, "予以公开", "||||||94");
    const gk_diagnostic *d = find_diag(&f->diags, "granted", "6413253794");
    assert_non_null(d);
    assert_int_equal(d->severity, GK_SEV_WARNING);
    assert_non_null(strstr(d->message, "64|13|2|5|3|7|94"));
    assert_non_null(strstr(d->message, "6|41|3|2|5|37|94"));
    assert_non_null(strstr(d->message, "6|41|32|5|3|7|94"));
    fixture_free(f);
}

static void column_rules_decide_rows_the_row_rule_leaves_open(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    add_full_table(&b);
    fixture *f = unflatten_buf(&b);
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_non_null(t);
    assert_row(t, "予以公开", "64|13|2|5|3|7|94");
    assert_row(t, "重复申请", "8|3|2|22|2|1|38");
    assert_row(t, "第三方", "11|1|2|4|3|5|26");
    assert_row(t, "部分公开", "18|4|1|2|6|1|32");
    assert_row(t, "结转下", "11|3|2|4|2|1|23");
    assert_row(t, "总计", "246|63|39|68|50|55|521");
    /* no diagnostic about table 三 at all: every row was recovered */
    for (size_t i = 0; i < f->diags.count; i++)
        if (!strcmp(f->diags.items[i].where, "table 三"))
            fail_msg("unexpected diagnostic: %s", f->diags.items[i].message);
    fixture_free(f);
}

static void column_rules_every_row_of_full_table(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    add_full_table(&b);
    fixture *f = unflatten_buf(&b);
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_non_null(t);
    assert_int_equal(t->nrows, 26); /* header + 25 */
    for (int i = 0; i < 25; i++) {
        char want[128];
        int n = 0;
        for (int j = 0; j < 7; j++)
            n += snprintf(want + n, sizeof want - (size_t)n, "%s%d", j ? "|" : "", full_table[i][j]);
        int r = i + 1;
        /* the grid's label is the converter's own (SPEC.md's) */
        assert_string_equal(text_at(t, r, 0), gk_term_get(GK_TERM_ROW, template_row(i))->label);
        gk_buf got;
        gk_buf_init(&got);
        for (int c = 1; c <= 7; c++)
            gk_buf_printf(&got, "%s%s", c > 1 ? "|" : "", text_at(t, r, c) ? text_at(t, r, c) : "");
        if (strcmp(got.data, want) != 0)
            fail_msg("row %s: %s, expected %s", gk_code(GK_TERM_ROW, template_row(i)), got.data, want);
        gk_buf_free(&got);
    }
    fixture_free(f);
}

static void broken_rule_falls_back_to_the_other(void **state)
{
    (void)state;
    /* carried_forward's natural_person one too many: 一+二 = 七+四 fails in
     * that column whatever the split, so the rows are split by
     * （七）总计 = sum of results alone, which still decides them; an info
     * diagnostic says so */
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, APPS_HEAD);
    for (int i = 0; i < 25; i++) {
        gk_buf_adds(&b, crawler_labels[i]);
        for (int j = 0; j < 7; j++)
            gk_buf_printf(&b, "%d", full_table[i][j] + (i == 24 && (j == 0 || j == 6) ? 1 : 0));
    }
    fixture *f = unflatten_buf(&b);
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_row(t, "予以公开", "64|13|2|5|3|7|94");
    assert_row(t, "结转下", "12|3|2|4|2|1|24");
    assert_non_null(find_diag(&f->diags, "no split satisfies every column rule", NULL));
    fixture_free(f);
}

static void row_without_digits_is_blank_with_diagnostic(void **state)
{
    (void)state;
    fixture *f =
        unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量二、上年结转政府信息公开申请数量2000002");
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_row(t, "本年新收", "||||||");
    assert_row(t, "上年结转", "2|0|0|0|0|0|2");
    assert_non_null(find_diag(&f->diags, "new_received", "no digits"));
    fixture_free(f);
}

static void unsplittable_run_is_blank_with_diagnostic(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量99999999");
    assert_row(table_with(&f->doc, "自然人"), "本年新收", "||||||");
    assert_non_null(find_diag(&f->diags, "new_received", "cannot be split"));
    fixture_free(f);
}

static void missing_rows_get_diagnostics(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154");
    assert_non_null(find_diag(&f->diags, "no label of row carried_forward", NULL));
    assert_non_null(find_diag(&f->diags, "no label of row granted", NULL));
    assert_null(find_diag(&f->diags, "no label of row new_received", NULL));
    fixture_free(f);
}

static void template_2019_other_processing_row(void **state)
{
    (void)state;
    /* no "不补正": the 2019 template, whose （六）其他处理 is one row */
    fixture *f =
        unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量2000002（六）其他处理1000001（七）总计1000001");
    const gk_table *t = table_with(&f->doc, "自然人");
    assert_row(t, "其他处理", "1|0|0|0|0|0|1");
    assert_row(t, "总计", "1|0|0|0|0|0|1");
    assert_null(row_values(t, "不补正"));
    fixture_free(f);
}

/* ---- table 二 ---- */

static void active_items_split_by_their_measures(void **state)
{
    (void)state;
    fixture *f = unflatten(ACTIVE_2021);
    const gk_table *t = table_with(&f->doc, "信息内容");
    assert_non_null(t);
    assert_row(t, "规章", "2|1|9");
    assert_row(t, "行政许可", "1327||");
    assert_row(t, "行政处罚", "86||");
    assert_row(t, "事业性收费", "236.45||"); /* the grid's label is the item's keyword */
    fixture_free(f);
}

static void active_item_ambiguous_left_blank_with_candidates(void **state)
{
    (void)state;
    fixture *f = unflatten(ACTIVE_2021);
    const gk_table *t = table_with(&f->doc, "信息内容");
    assert_row(t, "规范性文件", "||");
    const gk_diagnostic *d = find_diag(&f->diags, "normative_documents", "249153");
    assert_non_null(d);
    assert_string_equal(d->where, "table 二");
    assert_non_null(strstr(d->message, "candidates"));
    assert_non_null(strstr(d->message, "24|9|153"));
    assert_non_null(strstr(d->message, "2|4|9153"));
    assert_non_null(strstr(d->message, "10 in all"));
    fixture_free(f);
}

static void active_2019_change_may_be_negative(void **state)
{
    (void)state;
    fixture *f = unflatten("第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可12-3345");
    const gk_table *t = table_with(&f->doc, "信息内容");
    assert_non_null(t);
    /* 12|-3|345, 12|-33|45 or 12|-334|5: only previous_items is certain */
    assert_row(t, "行政许可", "12||");
    const gk_diagnostic *d = find_diag(&f->diags, "licensing", "12-3345");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "12|-3|345; 12|-33|45; 12|-334|5"));
    fixture_free(f);
}

static void active_2019_row_without_values_keeps_its_own_label(void **state)
{
    (void)state;
    /* Was a bug (fixed): the scan for the next label overwrote the label's
     * length, so a row with no digits took the next keyword's length
     * ("对外管理服务" cut to the 4 characters of "行政处罚", matching no item). */
    fixture *f = unflatten("第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量"
                           "其他对外管理服务行政处罚3 0 2");
    const gk_table *t = table_with(&f->doc, "信息内容");
    assert_non_null(t);
    assert_row(t, "对外管理服务", "||"); /* the item keyword is the label */
    assert_row(t, "行政处罚", "3|0|2");
    fixture_free(f);
}

/* ---- table 四 ---- */

static void reviews_fifteen_values_with_group_totals(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154" RL_HEAD "73241624131031217"
                                     "五、存在的主要问题及改进情况无。");
    const gk_table *t = table_with(&f->doc, "行政复议");
    assert_non_null(t);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 15);
    static const char *const want[15] = {"7", "3",  "2", "4", "16", "2", "4", "1",
                                         "3", "10", "3", "1", "2",  "1", "7"};
    for (int c = 0; c < 15; c++)
        assert_string_equal(text_at(t, 2, c), want[c]);
    assert_string_equal(text_at(t, 1, 4), "总计");
    assert_string_equal(text_at(t, 0, 5), "未经复议直接起诉");
    fixture_free(f);
}

static void reviews_all_zero(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154" RL_HEAD "000000000000000");
    const gk_table *t = table_with(&f->doc, "行政复议");
    assert_non_null(t);
    for (int c = 0; c < 15; c++)
        assert_string_equal(text_at(t, 2, c), "0");
    assert_null(find_diag(&f->diags, "table 四", NULL));
    fixture_free(f);
}

static void reviews_ambiguous_cells_blank(void **state)
{
    (void)state;
    /* review "1010011" is 10|1|0|0|11 or 1|0|10|0|11: the cells both share
     * (pending 0, total 11) are kept, the others blank, both listed */
    fixture *f =
        unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154" RL_HEAD "10100110000000000");
    const gk_table *t = table_with(&f->doc, "行政复议");
    assert_non_null(t);
    static const char *const want[15] = {"",  "",  "",  "0", "11", "0", "0", "0",
                                         "0", "0", "0", "0", "0",  "0", "0"};
    for (int c = 0; c < 15; c++)
        assert_string_equal(text_at(t, 2, c), want[c]);
    const gk_diagnostic *d = find_diag(&f->diags, "10100110000000000", "candidates");
    assert_non_null(d);
    assert_string_equal(d->where, "table 四");
    assert_non_null(strstr(d->message, "10|1|0|0|11|0|0|0|0|0|0|0|0|0|0"));
    assert_non_null(strstr(d->message, "1|0|10|0|11|0|0|0|0|0|0|0|0|0|0"));
    fixture_free(f);
}

static void reviews_unsplittable_all_blank(void **state)
{
    (void)state;
    /* 16 digits: no split makes each group's 总计 the sum of its four */
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154" RL_HEAD "1100000000000119");
    const gk_table *t = table_with(&f->doc, "行政复议");
    assert_non_null(t);
    for (int c = 0; c < 15; c++)
        assert_string_equal(text_at(t, 2, c), "");
    assert_non_null(find_diag(&f->diags, "1100000000000119", "no way"));
    fixture_free(f);
}

/* Issue 8: 15 digits, one per cell, kept though 1+1+0+0 is not 0. */
static void reviews_one_digit_per_cell_kept_though_sums_break(void **state)
{
    (void)state;
    fixture *f = unflatten(APPS_HEAD "一、本年新收政府信息公开申请数量15130000154" RL_HEAD "110000000000011");
    const gk_table *t = table_with(&f->doc, "行政复议");
    assert_non_null(t);
    static const char *const want[15] = {"1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "1"};
    for (int c = 0; c < 15; c++)
        assert_string_equal(text_at(t, 2, c), want[c]);
    fixture_free(f);
}

/* ---- prose ---- */

static void inline_section_headings_become_paragraphs(void **state)
{
    (void)state;
    fixture *f =
        unflatten("所列数据统计期限为2024年1月1日至2024年12月31日。一、总体情况2024年，我区扎实推进政务公开。"
                  "二、主动公开政府信息情况全年公开信息100条。");
    assert_int_equal(count_tables(&f->doc), 0);
    assert_int_equal(f->doc.count, 5);
    assert_string_equal(f->doc.blocks[0].text, "所列数据统计期限为2024年1月1日至2024年12月31日。");
    assert_string_equal(f->doc.blocks[1].text, "一、总体情况");
    assert_string_equal(f->doc.blocks[2].text, "2024年，我区扎实推进政务公开。");
    assert_string_equal(f->doc.blocks[3].text, "二、主动公开政府信息情况");
    assert_string_equal(f->doc.blocks[4].text, "全年公开信息100条。");
    fixture_free(f);
}

static void inline_heading_with_space_before_prose(void **state)
{
    (void)state;
    fixture *f = unflatten("前言。一、总体情况 2021年，县水利局持续深化政务公开。");
    assert_paragraph(&f->doc, "一、总体情况");
    assert_paragraph(&f->doc, "2021年，县水利局持续深化政务公开。");
    fixture_free(f);
}

static void inline_heading_numbers_must_follow_in_order(void **state)
{
    (void)state;
    /* "三、…情况" before any 一 and 二 is prose */
    fixture *f = unflatten("一、总体情况正文。三、收到和处理政府信息公开申请情况见下。");
    assert_paragraph(&f->doc, "一、总体情况");
    assert_paragraph(&f->doc, "正文。三、收到和处理政府信息公开申请情况见下。");
    fixture_free(f);
}

static void inline_unknown_heading_title_ends_at_qingkuang(void **state)
{
    (void)state;
    fixture *f = unflatten("一、政府信息公开工作基本情况本年度，我局……");
    assert_paragraph(&f->doc, "一、政府信息公开工作基本情况");
    assert_paragraph(&f->doc, "本年度，我局……");
    fixture_free(f);
}

static void headings_around_tables_in_order(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, "前言。一、总体情况正文。" ACTIVE_2021);
    add_full_table(&b);
    gk_buf_adds(&b, RL_HEAD "73241624131031217五、存在的主要问题及改进情况问题。六、其他需要报告的事项无。");
    fixture *f = unflatten_buf(&b);
    /* paragraphs and the three grids, in the order of the text */
    static const char *const want[] = {
        "前言。", "一、总体情况",
        "正文。", "二、主动公开政府信息情况",
        "[T]",    "三、收到和处理政府信息公开申请情况",
        "[T]",    "四、政府信息公开行政复议、行政诉讼情况",
        "[T]",    "五、存在的主要问题及改进情况",
        "问题。", "六、其他需要报告的事项",
        "无。",
    };
    size_t n = sizeof want / sizeof want[0];
    if (f->doc.count != n) {
        for (size_t i = 0; i < f->doc.count; i++)
            fprintf(stderr, "  %zu %s\n", i,
                    f->doc.blocks[i].kind == GK_BLOCK_TABLE ? "[T]" : f->doc.blocks[i].text);
        fail_msg("%zu blocks, expected %zu", f->doc.count, n);
    }
    for (size_t i = 0; i < n; i++) {
        const gk_block *bl = &f->doc.blocks[i];
        assert_string_equal(bl->kind == GK_BLOCK_TABLE ? "[T]" : bl->text, want[i]);
    }
    fixture_free(f);
}

/* ---- documents left alone ---- */

static void document_with_a_table_untouched(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    const char *text = APPS_HEAD "一、本年新收政府信息公开申请数量15130000154";
    assert_true(gk_doc_add_paragraph(&doc, text, 0));
    gk_table *t = gk_table_new();
    assert_non_null(t);
    assert_true(gk_table_add_cell(t, "行政许可", 1, 1));
    assert_true(gk_table_add_cell(t, "5", 1, 1));
    assert_true(gk_doc_add_table(&doc, t));
    assert_true(gk_doc_add_paragraph(&doc, "一、总体情况正文。", 0));
    gk_block *blocks = doc.blocks;
    gk_unflatten(&doc);
    assert_ptr_equal(doc.blocks, blocks);
    assert_int_equal(doc.count, 3);
    assert_int_equal(doc.blocks[0].kind, GK_BLOCK_PARAGRAPH);
    assert_string_equal(doc.blocks[0].text, text);
    assert_ptr_equal(doc.blocks[1].table, t);
    assert_string_equal(doc.blocks[2].text, "一、总体情况正文。");
    assert_int_equal(diags.count, 0);
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
}

static void plain_prose_keeps_its_paragraphs(void **state)
{
    (void)state;
    fixture *f = unflatten("第一段。\n第二段。\n第三段。");
    assert_int_equal(f->doc.count, 3);
    assert_string_equal(f->doc.blocks[0].text, "第一段。");
    assert_string_equal(f->doc.blocks[2].text, "第三段。");
    assert_int_equal(f->diags.count, 0);
    fixture_free(f);
}

static void empty_document(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    gk_unflatten(&doc);
    assert_int_equal(doc.count, 0);
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
}

/* ---- the whole pipeline ---- */

static char *crawler_report(void)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, "标题: 示例县水利局2021年政府信息公开工作年度报告\n"
                    "发布机构: 示例县水利局\n"
                    "==================== 正文 ====================\n"
                    "所列数据统计期限为2021年1月1日至2021年12月31日。一、总体情况 "
                    "2021年，县水利局持续深化政务公开。" ACTIVE_2021);
    gk_buf_adds(&b, APPS_HEAD);
    for (int i = 0; i < 25; i++) {
        gk_buf_adds(&b, crawler_labels[i]);
        for (int j = 0; j < 7; j++)
            gk_buf_printf(&b, i == 1 && j == 3 ? " %d" : "%d", full_table[i][j]); /* a stray space */
    }
    gk_buf_adds(&b, RL_HEAD "73241624131031217五、存在的主要问题及改进情况政策解读形式较为单一。"
                            "六、其他需要报告的事项本年度未收取信息处理费。\n");
    char *s = gk_buf_take(&b);
    assert_non_null(s);
    return s;
}

static int pipeline_setup(void **state)
{
    char *s = crawler_report();
    *state = convert(s);
    free(s);
    return 0;
}

static int pipeline_teardown(void **state)
{
    gk_report_free(*state);
    return 0;
}

static void pipeline_applications(void **state)
{
    const gk_report *r = *state;
    assert_int_equal(r->template_kind, GK_TEMPLATE_2021);
    assert_true(r->has_applications);
    for (int i = 0; i < 25; i++)
        assert_apps_row(r, template_row(i), full_table[i]);
}

static void pipeline_reviews(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_reviews);
    static const int want[3][5] = {{7, 3, 2, 4, 16}, {2, 4, 1, 3, 10}, {3, 1, 2, 1, 7}};
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < 5; k++) {
            assert_true(r->rl[g][k].present);
            assert_true(r->rl[g][k].value == want[g][k]);
        }
}

static const gk_num *measure(const gk_report *r, const char *item, const char *m)
{
    for (size_t i = 0; i < r->item_count; i++)
        if (!strcmp(r->items[i].code, item))
            for (size_t k = 0; k < r->items[i].count; k++)
                if (!strcmp(r->items[i].measures[k], m))
                    return &r->items[i].values[k];
    fail_msg("no measure %s.%s", item, m);
    return NULL;
}

static void pipeline_active_disclosure(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_active);
    assert_true(measure(r, "regulations", "issued")->value == 2);
    assert_true(measure(r, "regulations", "repealed")->value == 1);
    assert_true(measure(r, "regulations", "in_force")->value == 9);
    assert_true(measure(r, "licensing", "decisions")->value == 1327);
    assert_true(measure(r, "enforcement", "decisions")->value == 14);
    const gk_num *fees = measure(r, "fees", "amount");
    assert_true(fees->present);
    assert_true(fees->value == 236.45);
}

static void pipeline_ambiguous_cells_are_not_present(void **state)
{
    const gk_report *r = *state;
    assert_false(measure(r, "normative_documents", "issued")->present);
    assert_false(measure(r, "normative_documents", "repealed")->present);
    assert_false(measure(r, "normative_documents", "in_force")->present);
    bool listed = false;
    for (size_t i = 0; i < r->diags.count; i++)
        listed = listed || (strstr(r->diags.items[i].message, "249153") &&
                            strstr(r->diags.items[i].message, "24|9|153"));
    assert_true(listed);
}

static void pipeline_sections_and_metadata(void **state)
{
    const gk_report *r = *state;
    assert_string_equal(r->agency, "示例县水利局");
    assert_int_equal(r->year, 2021);
    static const char *const titles[6] = {
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    };
    assert_int_equal(r->section_count, 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(r->sections[i].title, titles[i]);
    assert_string_equal(r->sections[0].text, "2021年，县水利局持续深化政务公开。");
    assert_string_equal(r->sections[4].text, "政策解读形式较为单一。");
    assert_string_equal(r->sections[5].text, "本年度未收取信息处理费。");
}

static void pipeline_every_rule_holds(void **state)
{
    const gk_report *r = *state;
    assert_int_equal(gk_report_failed_checks(r), 0);
    for (size_t i = 0; i < r->check_count; i++) /* the text states no figure: text.* are skipped */
        if (r->checks[i].status != (strncmp(r->checks[i].rule, "text.", 5) == 0 ? 2 : 0))
            fail_msg("check %s/%s status %d", r->checks[i].rule, r->checks[i].scope, r->checks[i].status);
}

static void pipeline_row_alone_ambiguous_cells_absent(void **state)
{
    (void)state;
    gk_report *r =
        convert("某局2021年政府信息公开工作年度报告\n" APPS_HEAD
                "一、本年新收政府信息公开申请数量15130000154三、本年度办理结果（一）予以公开6413253794"
                "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请1000001\n");
    assert_true(r->has_applications);
    assert_int_equal(r->template_kind, GK_TEMPLATE_2021);
    static const int nr[7] = {151, 3, 0, 0, 0, 0, 154};
    assert_apps_row(r, GK_ROW_NEW_RECEIVED, nr);
    for (int c = 0; c < 6; c++)
        if (r->apps[GK_ROW_GRANTED][c].present)
            fail_msg("granted.%s present (%g) though ambiguous", gk_code(GK_TERM_COLUMN, c),
                     r->apps[GK_ROW_GRANTED][c].value);
    assert_true(r->apps[GK_ROW_GRANTED][6].present);
    assert_true(r->apps[GK_ROW_GRANTED][6].value == 94);
    gk_report_free(r);
}

static void pipeline_stray_space_decides(void **state)
{
    (void)state;
    gk_report *r =
        convert("某局2021年政府信息公开工作年度报告\n" APPS_HEAD
                "一、本年新收政府信息公开申请数量1 12000013二、上年结转政府信息公开申请数量11 2000013"
                "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请1000001\n");
    static const int a[7] = {1, 12, 0, 0, 0, 0, 13}, b[7] = {11, 2, 0, 0, 0, 0, 13};
    assert_apps_row(r, GK_ROW_NEW_RECEIVED, a);
    assert_apps_row(r, GK_ROW_CARRIED_OVER, b);
    gk_report_free(r);
}

static void pipeline_tab_text_is_not_unflattened(void **state)
{
    (void)state;
    /* a text with real (tab) table rows: digits "15130000154" in one cell
     * stay one value */
    gk_report *r = convert("某局2021年政府信息公开工作年度报告\n"
                           "信息内容\t本年处理决定数量\n"
                           "行政许可\t15130000154\n");
    assert_true(measure(r, "licensing", "decisions")->value == 15130000154.0);
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(row_split_by_row_rule),
        cmocka_unit_test(grid_header_has_the_seven_columns),
        cmocka_unit_test(full_width_digits_in_run),
        cmocka_unit_test(next_label_number_cut_off_run),
        cmocka_unit_test(next_label_number_with_dunhao),
        cmocka_unit_test(stray_space_is_a_cell_boundary),
        cmocka_unit_test(space_is_always_a_boundary),
        cmocka_unit_test(separated_cells_kept_though_the_sum_breaks),
        cmocka_unit_test(sign_and_unit_end_a_cell),
        cmocka_unit_test(row_alone_ambiguous_left_blank_with_candidates),
        cmocka_unit_test(column_rules_decide_rows_the_row_rule_leaves_open),
        cmocka_unit_test(column_rules_every_row_of_full_table),
        cmocka_unit_test(broken_rule_falls_back_to_the_other),
        cmocka_unit_test(row_without_digits_is_blank_with_diagnostic),
        cmocka_unit_test(unsplittable_run_is_blank_with_diagnostic),
        cmocka_unit_test(missing_rows_get_diagnostics),
        cmocka_unit_test(template_2019_other_processing_row),
        cmocka_unit_test(active_items_split_by_their_measures),
        cmocka_unit_test(active_item_ambiguous_left_blank_with_candidates),
        cmocka_unit_test(active_2019_change_may_be_negative),
        cmocka_unit_test(active_2019_row_without_values_keeps_its_own_label),
        cmocka_unit_test(reviews_fifteen_values_with_group_totals),
        cmocka_unit_test(reviews_all_zero),
        cmocka_unit_test(reviews_ambiguous_cells_blank),
        cmocka_unit_test(reviews_unsplittable_all_blank),
        cmocka_unit_test(reviews_one_digit_per_cell_kept_though_sums_break),
        cmocka_unit_test(inline_section_headings_become_paragraphs),
        cmocka_unit_test(inline_heading_with_space_before_prose),
        cmocka_unit_test(inline_heading_numbers_must_follow_in_order),
        cmocka_unit_test(inline_unknown_heading_title_ends_at_qingkuang),
        cmocka_unit_test(headings_around_tables_in_order),
        cmocka_unit_test(document_with_a_table_untouched),
        cmocka_unit_test(plain_prose_keeps_its_paragraphs),
        cmocka_unit_test(empty_document),
        cmocka_unit_test_setup_teardown(pipeline_applications, pipeline_setup, pipeline_teardown),
        cmocka_unit_test_setup_teardown(pipeline_reviews, pipeline_setup, pipeline_teardown),
        cmocka_unit_test_setup_teardown(pipeline_active_disclosure, pipeline_setup, pipeline_teardown),
        cmocka_unit_test_setup_teardown(pipeline_ambiguous_cells_are_not_present, pipeline_setup,
                                        pipeline_teardown),
        cmocka_unit_test_setup_teardown(pipeline_sections_and_metadata, pipeline_setup, pipeline_teardown),
        cmocka_unit_test_setup_teardown(pipeline_every_rule_holds, pipeline_setup, pipeline_teardown),
        cmocka_unit_test(pipeline_row_alone_ambiguous_cells_absent),
        cmocka_unit_test(pipeline_stray_space_decides),
        cmocka_unit_test(pipeline_tab_text_is_not_unflattened),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
