/* htmltables.c — tables 二, 三 and 四 drawn as the national template draws
 * them: table 二 under its articles (第二十条第（X）项) with a header row per
 * set of measures, table 三 with its nested row heads (三、本年度办理结果 over
 * （三）不予公开 over 1.…) and column heads (申请人情况 over 法人或其他组织
 * over 商业企业…), table 四 with its three header rows.  Every label comes
 * from the vocabulary (vocab.c); every head carries its code on hover. */
#include <string.h>

#include "htmlout.h"

static const char *label_of(gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    return t ? t->label : "";
}

/* Table 二's words in the table's own edition (规范性文件 in a 2019 table). */
static const char *edition_label(const gk_term *t, unsigned ed)
{
    return ed == GK_ED_2019 && t->label_2019 ? t->label_2019 : t->label;
}

/* A head cell: <th> with its code (if any) in title and data-code. */
static void head_cell(gk_buf *b, const char *label, const char *code, int rowspan, int colspan, const char *cls)
{
    gk_buf_adds(b, "<th");
    if (rowspan > 1)
        gk_buf_printf(b, " rowspan=\"%d\"", rowspan);
    if (colspan > 1)
        gk_buf_printf(b, " colspan=\"%d\"", colspan);
    if (cls)
        gk_buf_printf(b, " class=\"%s\"", cls);
    if (code && *code) {
        gk_buf_adds(b, " data-code=\"");
        gk_html_text(b, code);
        gk_buf_adds(b, "\" title=\"");
        gk_html_text(b, code);
        gk_buf_adds(b, "\"");
    }
    gk_buf_adds(b, ">");
    gk_html_text(b, label);
    gk_buf_adds(b, "</th>");
}

static void section_start(gk_buf *b, const char *id, int number, bool present)
{
    const gk_term *t = gk_term_get(GK_TERM_SECTION, number);
    gk_buf_printf(b, "<section id=\"%s\">\n<h2>", id);
    gk_html_section_heading(b, number, t ? t->label : "");
    gk_buf_adds(b, "</h2>\n");
    if (!present)
        gk_buf_adds(b, "<p class=\"missing\">（本报告没有此表）</p>\n</section>\n");
}

/* ---- table 二 ---- */

static const gk_term *item_term(const char *code)
{
    for (int id = 0; id < GK_ITEM_COUNT; id++)
        if (!strcmp(gk_code(GK_TERM_ITEM, id), code))
            return gk_term_get(GK_TERM_ITEM, id);
    return NULL; /* extra_N: a row the template does not have */
}

static bool same_measures(const gk_item *a, const gk_item *b)
{
    if (a->count != b->count)
        return false;
    for (size_t m = 0; m < a->count; m++)
        if (strcmp(a->measures[m], b->measures[m]) != 0)
            return false;
    return true;
}

/* "信息内容" and the item's measures, the last one spanning what is left. */
static void measure_header(gk_buf *b, const gk_item *it, int width, unsigned ed)
{
    gk_buf_adds(b, "<tr class=\"measures\">");
    head_cell(b, label_of(GK_TERM_HEADER, GK_HDR_CONTENT), NULL, 1, 1, NULL);
    for (size_t m = 0; m < it->count; m++) {
        const gk_term *t = gk_measure_by_code(it->measures[m]);
        int span = m + 1 == it->count ? width - (int)it->count : 1;
        head_cell(b, t ? edition_label(t, ed) : it->measures[m], it->measures[m], 1, span, NULL);
    }
    gk_buf_adds(b, "</tr>\n");
}

static void active_table(gk_buf *b, const gk_report *r)
{
    section_start(b, "active_disclosure", 2, r->has_active);
    if (!r->has_active)
        return;
    int width = 1; /* measure columns: the most any item has */
    for (size_t i = 0; i < r->item_count; i++)
        width = (int)r->items[i].count > width ? (int)r->items[i].count : width;
    gk_buf_printf(b, "<table class=\"active\">\n<tbody>\n");
    const char *article = NULL;
    const gk_item *header = NULL;
    for (size_t i = 0; i < r->item_count; i++) {
        const gk_item *it = &r->items[i];
        const gk_term *t = item_term(it->code);
        bool new_article = t && t->article && (!article || strcmp(article, t->article) != 0);
        if (new_article) {
            article = t->article;
            gk_buf_adds(b, "<tr class=\"article\">");
            head_cell(b, article, NULL, 1, width + 1, NULL);
            gk_buf_adds(b, "</tr>\n");
        }
        if (new_article || !header || !same_measures(header, it)) {
            measure_header(b, it, width + 1, r->active_edition);
            header = it;
        }
        gk_buf_printf(b, "<tr data-item=\"");
        gk_html_text(b, it->code);
        gk_buf_adds(b, "\">");
        head_cell(b, t ? edition_label(t, r->active_edition) : it->label ? it->label : it->code, it->code, 1, 1,
                  t ? NULL : "extra");
        for (size_t m = 0; m < it->count; m++) {
            gk_cell_ref ref = {GK_VALUES_ACTIVE, (unsigned short)i, (unsigned short)m};
            gk_html_value_cell(b, r, ref, it->code, it->measures[m]);
        }
        if ((int)it->count < width)
            gk_buf_printf(b, "<td class=\"pad\" colspan=\"%d\"></td>", width - (int)it->count);
        gk_buf_adds(b, "</tr>\n");
    }
    gk_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* ---- table 三 ---- */

/* Where the numbered sub-label starts in a group row's label
 * ("（三）不予公开1.属于国家秘密" → at "1."): the first ASCII digit followed
 * by '.' after the group's own words; 0 when the row is not split. */
static bool opens_group(const char *label)
{
    static const char bracket[] = "（";
    return label[0] == '(' || (strlen(label) >= sizeof bracket - 1 && !memcmp(label, bracket, sizeof bracket - 1));
}

static size_t sub_label_at(const char *label)
{
    if (!opens_group(label))
        return 0;
    for (size_t i = 1; label[i]; i++)
        if (label[i] >= '0' && label[i] <= '9' && label[i + 1] == '.')
            return i;
    return 0;
}

static bool is_sub_row(const char *label) { return label[0] >= '0' && label[0] <= '9'; }

/* A row inside 三、本年度办理结果: its label starts with （…） or 1. */
static bool is_result_block(const char *label)
{
    return is_sub_row(label) || opens_group(label);
}

static void apps_head(gk_buf *b)
{
    int first_org = GK_COL_COMMERCIAL, last_org = GK_COL_OTHER_ORG;
    gk_buf_adds(b, "<thead>\n<tr>");
    head_cell(b, label_of(GK_TERM_HEADER, GK_HDR_COLUMN_NOTE), NULL, 3, 3, "corner");
    head_cell(b, label_of(GK_TERM_HEADER, GK_HDR_APPLICANT), NULL, 1, GK_COL_COUNT, NULL);
    gk_buf_adds(b, "</tr>\n<tr>");
    for (int col = 0; col < GK_COL_COUNT; col++) {
        if (col == first_org)
            head_cell(b, label_of(GK_TERM_HEADER, GK_HDR_ORGANIZATIONS), NULL, 1, last_org - first_org + 1, NULL);
        if (col < first_org || col > last_org)
            head_cell(b, label_of(GK_TERM_COLUMN, col), gk_code(GK_TERM_COLUMN, col), 2, 1, NULL);
    }
    gk_buf_adds(b, "</tr>\n<tr>");
    for (int col = first_org; col <= last_org; col++)
        head_cell(b, label_of(GK_TERM_COLUMN, col), gk_code(GK_TERM_COLUMN, col), 1, 1, NULL);
    gk_buf_adds(b, "</tr>\n</thead>\n");
}

/* The row heads of row i of the table's rows: the results head on the
 * first result row, a group head on a group's first row, then the row's
 * own label over what is left of the three head columns. */
static void apps_row_heads(gk_buf *b, const gk_report *r, size_t i)
{
    int row = r->app_rows[i];
    const char *label = label_of(GK_TERM_ROW, row), *code = gk_code(GK_TERM_ROW, row);
    if (!is_result_block(label)) {
        head_cell(b, label, code, 1, 3, NULL);
        return;
    }
    if (i == 0 || !is_result_block(label_of(GK_TERM_ROW, r->app_rows[i - 1]))) {
        int span = 0;
        while (i + span < r->app_row_count && is_result_block(label_of(GK_TERM_ROW, r->app_rows[i + span])))
            span++;
        head_cell(b, label_of(GK_TERM_HEADER, GK_HDR_RESULTS), NULL, span, 1, "results");
    }
    size_t at = sub_label_at(label);
    if (at) {
        int span = 1;
        while (i + span < r->app_row_count && is_sub_row(label_of(GK_TERM_ROW, r->app_rows[i + span])))
            span++;
        gk_buf group_head;
        gk_buf_init(&group_head);
        gk_buf_add(&group_head, label, at);
        if (group_head.failed)
            b->failed = true;
        head_cell(b, group_head.data ? group_head.data : "", NULL, span, 1, "group");
        gk_buf_free(&group_head);
        head_cell(b, label + at, code, 1, 1, NULL);
        return;
    }
    /* A numbered row under the group head above (spanned down to here by
     * the same count), or a row of its own over both head columns. */
    size_t k = i;
    while (is_sub_row(label) && k > 0 && is_sub_row(label_of(GK_TERM_ROW, r->app_rows[k - 1])))
        k--;
    bool under_group = is_sub_row(label) && k > 0 && sub_label_at(label_of(GK_TERM_ROW, r->app_rows[k - 1]));
    head_cell(b, label, code, 1, under_group ? 1 : 2, NULL);
}

static void apps_table(gk_buf *b, const gk_report *r)
{
    section_start(b, "applications", 3, r->has_applications);
    if (!r->has_applications)
        return;
    gk_buf_adds(b, "<table class=\"applications\">\n");
    apps_head(b);
    gk_buf_adds(b, "<tbody>\n");
    for (size_t i = 0; i < r->app_row_count; i++) {
        int row = r->app_rows[i];
        gk_buf_printf(b, "<tr data-row=\"%s\">", gk_code(GK_TERM_ROW, row));
        apps_row_heads(b, r, i);
        for (int col = 0; col < GK_COL_COUNT; col++) {
            gk_cell_ref ref = {GK_VALUES_APPLICATIONS, (unsigned short)row, (unsigned short)col};
            gk_html_value_cell(b, r, ref, gk_code(GK_TERM_ROW, row), gk_code(GK_TERM_COLUMN, col));
        }
        gk_buf_adds(b, "</tr>\n");
    }
    gk_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* ---- table 四 ---- */

static void reviews_table(gk_buf *b, const gk_report *r)
{
    section_start(b, "reviews_litigation", 4, r->has_reviews);
    if (!r->has_reviews)
        return;
    gk_buf_adds(b, "<table class=\"reviews\">\n<thead>\n<tr>");
    head_cell(b, label_of(GK_TERM_GROUP, GK_GROUP_REVIEW), gk_code(GK_TERM_GROUP, GK_GROUP_REVIEW), 1, GK_RL_RESULTS,
              NULL);
    head_cell(b, label_of(GK_TERM_HEADER, GK_HDR_LITIGATION), NULL, 1, GK_RL_RESULTS * (GK_RL_GROUPS - 1), NULL);
    gk_buf_adds(b, "</tr>\n<tr>");
    for (int k = 0; k < GK_RL_RESULTS; k++)
        head_cell(b, label_of(GK_TERM_RESULT, k), gk_code(GK_TERM_RESULT, k), 2, 1, NULL);
    for (int g = GK_GROUP_LITIGATION_DIRECT; g < GK_RL_GROUPS; g++)
        head_cell(b, label_of(GK_TERM_GROUP, g), gk_code(GK_TERM_GROUP, g), 1, GK_RL_RESULTS, NULL);
    gk_buf_adds(b, "</tr>\n<tr>");
    for (int g = GK_GROUP_LITIGATION_DIRECT; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            head_cell(b, label_of(GK_TERM_RESULT, k), gk_code(GK_TERM_RESULT, k), 1, 1, NULL);
    gk_buf_adds(b, "</tr>\n</thead>\n<tbody>\n<tr>");
    for (int g = 0; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++) {
            gk_cell_ref ref = {GK_VALUES_REVIEWS, (unsigned short)g, (unsigned short)k};
            gk_html_value_cell(b, r, ref, gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, k));
        }
    gk_buf_adds(b, "</tr>\n</tbody>\n</table>\n</section>\n");
}

void gk_html_tables(gk_buf *b, const gk_report *r)
{
    active_table(b, r);
    apps_table(b, r);
    reviews_table(b, r);
}
