/* test_htmlout.c — the HTML review page (htmlout.c, htmltables.c,
 * htmlindex.c) on reports filled by hand: escaping of every string, the
 * status of each value cell in its markup (null, fail with the failing
 * rules, the original text), the nested heads of table 三 for both
 * editions, the checks linked to their cells, and the index page.
 * tests/run-browser.sh checks the same pages as a browser builds them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "htmlout.h"

static void set(gk_num *n, double v)
{
    n->present = true;
    n->decimal = false;
    n->value = v;
}

/* A report with table 三 of edition ed: every applicant cell 1, totals
 * consistent (a row's total 6; results_total the sum of the result rows;
 * carried_forward balancing), and table 四 consistent. */
static gk_report *new_report(unsigned ed)
{
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->template_kind = ed == GK_ED_2019 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
    r->apps_edition = ed;
    r->has_applications = r->has_reviews = true;
    r->app_row_count = gk_edition_ids(GK_TERM_ROW, ed, r->app_rows, GK_APP_ROW_COUNT);
    int results = 0;
    for (size_t i = 0; i < r->app_row_count; i++)
        results += gk_row_is_result(ed, r->app_rows[i]);
    for (size_t i = 0; i < r->app_row_count; i++) {
        int row = r->app_rows[i];
        double v = row == GK_ROW_RESULTS_TOTAL ? results : row == GK_ROW_NEW_RECEIVED ? results : 1;
        for (int col = 0; col < GK_COL_TOTAL; col++)
            set(&r->apps[row][col], v);
        set(&r->apps[row][GK_COL_TOTAL], 6 * v);
    }
    for (int g = 0; g < GK_RL_GROUPS; g++) {
        for (int k = 0; k < GK_RESULT_TOTAL; k++)
            set(&r->rl[g][k], k + 1);
        set(&r->rl[g][GK_RESULT_TOTAL], 10);
    }
    r->source_path = strdup("in.txt");
    r->source_format = "text";
    r->source_encoding = "UTF-8";
    return r;
}

static char *page_of(gk_report *r)
{
    assert_int_equal(gk_run_checks(r), GK_OK);
    gk_error err;
    char *html = gk_report_to_html(r, &err);
    assert_non_null(html);
    return html;
}

/* The <td> whose id is field, up to its end. */
static char *cell(const char *html, const char *field)
{
    char key[200];
    snprintf(key, sizeof key, "<td id=\"%s\"", field);
    const char *at = strstr(html, key);
    if (!at)
        fail_msg("no cell %s", field);
    const char *end = strstr(at, "</td>");
    return strndup(at, (size_t)(end - at));
}

static void assert_has(const char *s, const char *part)
{
    if (!strstr(s, part))
        fail_msg("\"%s\" not in: %.400s", part, s);
}

static void escape_every_special_character(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_html_text(&b, "<img src=x onerror='a'>&\"\x01\x7f" "中");
    assert_string_equal(b.data, "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;\xEF\xBF\xBD\xEF\xBF\xBD中");
    gk_buf_free(&b);
}

static void consistent_cells_are_plain(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_ED_2021);
    char *html = page_of(r);
    char *c = cell(html, "applications.granted.research");
    assert_string_equal(c, "<td id=\"applications.granted.research\" class=\"v\" data-value=\"1\" "
                           "title=\"granted · research\">1");
    free(c);
    assert_null(strstr(html, "class=\"v fail"));
    assert_null(strstr(html, "<script"));
    assert_has(html, "<html lang=\"zh-CN\">");
    assert_has(html, "@page{size:A4");
    free(html);
    gk_report_free(r);
}

/* A blank is marked null and shows no number; a changed total marks the
 * cells of every failing check that reads it, each rule once. */
static void null_and_failing_cells(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_ED_2021);
    r->apps[GK_ROW_GRANTED][GK_COL_COMMERCIAL].present = false;
    r->apps[GK_ROW_RESULTS_TOTAL][GK_COL_TOTAL].value += 1;
    r->rl[GK_GROUP_REVIEW][GK_RESULT_PENDING].value = 9;
    char *html = page_of(r);
    char *c = cell(html, "applications.granted.commercial");
    assert_has(c, "class=\"v null\"");
    assert_has(c, "<span class=\"blank\">—</span>");
    assert_null(strstr(c, "data-value"));
    free(c);
    c = cell(html, "applications.results_total.total");
    assert_has(c, "class=\"v fail\" data-rules=\"applications.balance applications.results_sum "
                  "applications.row_total\"");
    free(c);
    c = cell(html, "applications.new_received.total"); /* balance/total fails: its operand */
    assert_has(c, "data-rules=\"applications.balance\"");
    free(c);
    c = cell(html, "reviews_litigation.review.upheld");
    assert_has(c, "class=\"v fail\" data-rules=\"reviews_litigation.group_total\"");
    free(c);
    c = cell(html, "reviews_litigation.litigation_direct.upheld");
    assert_has(c, "class=\"v\"");
    free(c);
    /* the failing check's row links to its cells */
    assert_has(html, "<tr id=\"check-40\" class=\"fail\" data-rule=\"reviews_litigation.group_total\" "
                     "data-scope=\"review\">");
    assert_has(html, "<a href=\"#reviews_litigation.review.total\">review.total</a>");
    free(html);
    gk_report_free(r);
}

static void original_text_shown(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_ED_2021);
    assert_true(gk_report_add_provenance(r, "applications.granted.natural_person", "１件"));
    assert_true(gk_report_add_provenance(r, "applications.denied_state_secret.total", "<b>?</b>"));
    r->apps[GK_ROW_DENIED_STATE_SECRET][GK_COL_TOTAL].present = false;
    char *html = page_of(r);
    char *c = cell(html, "applications.granted.natural_person");
    assert_has(c, "class=\"v raw\"");
    assert_has(c, "<span class=\"orig\">１件</span><span class=\"num\">1</span>");
    free(c);
    c = cell(html, "applications.denied_state_secret.total");
    assert_has(c, "class=\"v null raw\"");
    assert_has(c, "<span class=\"orig\">&lt;b&gt;?&lt;/b&gt;</span>");
    free(c);
    free(html);
    gk_report_free(r);
}

/* 2021: （三）不予公开 heads its eight rows, 三、本年度办理结果 the 22 result
 * rows; 2019: （六）其他处理 is a row of its own over two head columns. */
static void nested_heads_of_both_editions(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_ED_2021);
    char *html = page_of(r);
    assert_has(html, "<th rowspan=\"22\" class=\"results\">三、本年度办理结果</th>");
    assert_has(html, "<th rowspan=\"8\" class=\"group\">（三）不予公开</th><th data-code=\"denied_state_secret\" "
                     "title=\"denied_state_secret\">1.属于国家秘密</th>");
    assert_has(html, "<th rowspan=\"3\" class=\"group\">（六）其他处理</th>");
    assert_has(html, "<tr data-row=\"denied_prohibited_by_law\"><th data-code=\"denied_prohibited_by_law\"");
    assert_has(html, "<th colspan=\"5\">法人或其他组织</th>");
    assert_has(html, "<th rowspan=\"2\" data-code=\"natural_person\" title=\"natural_person\">自然人</th>");
    free(html);
    gk_report_free(r);
    r = new_report(GK_ED_2019);
    html = page_of(r);
    assert_has(html, "<th rowspan=\"20\" class=\"results\">三、本年度办理结果</th>");
    assert_has(html, "<th colspan=\"2\" data-code=\"other_processing\" title=\"other_processing\">（六）其他处理</th>");
    assert_null(strstr(html, "other_other"));
    free(html);
    gk_report_free(r);
}

static void report_strings_escaped(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_ED_2021);
    r->title = strdup("<img src=x onerror=alert(1)>");
    r->agency = strdup("</table><script>alert(1)</script>");
    r->sections = calloc(1, sizeof *r->sections);
    r->sections[0] = (gk_section){1, strdup("总体情况"), strdup("a <!-- b\n]]> c")};
    r->section_count = 1;
    char *html = page_of(r);
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<!--"));
    assert_has(html, "<title>&lt;img src=x onerror=alert(1)&gt;</title>");
    assert_has(html, "<dd id=\"agency\">&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>");
    assert_has(html, "<details id=\"section-1\"><summary>一、总体情况</summary>\n<p>a &lt;!-- b</p>\n<p>]]&gt; c</p>");
    free(html);
    gk_report_free(r);
}

static void report_without_tables(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    char *html = page_of(r);
    assert_has(html, "<h1 id=\"title\" class=\"missing\">（无标题）</h1>");
    assert_has(html, "<dd id=\"template\" data-template=\"free\">free</dd>");
    assert_has(html, "<section id=\"applications\">\n<h2>三、收到和处理政府信息公开申请情况</h2>\n"
                     "<p class=\"missing\">");
    assert_null(strstr(html, "<td id="));
    free(html);
    gk_report_free(r);
}

static void index_lists_reports_in_order(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_ED_2021);
    r->agency = strdup("<i>局</i>");
    r->year = 2021;
    r->apps[GK_ROW_GRANTED][GK_COL_TOTAL].value = 0;
    assert_int_equal(gk_run_checks(r), GK_OK);
    gk_html_index_entry e[2];
    gk_error err;
    assert_int_equal(gk_html_index_entry_failed(&e[0], "bad.docx", "damaged <zip>", &err), GK_OK);
    assert_int_equal(gk_html_index_entry_set(&e[1], r, "a b#1/报告.html", &err), GK_OK);
    char *html = gk_html_index(e, 2, &err);
    assert_non_null(html);
    const char *first = strstr(html, "<tr id=\"report-1\" class=\"error\"");
    const char *second = strstr(html, "<tr id=\"report-2\" class=\"fail\" data-failed=\"2\">");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    assert_has(html, "damaged &lt;zip&gt;");
    assert_has(html, "&lt;i&gt;局&lt;/i&gt;");
    assert_has(html, "href=\"a%20b%231/%E6%8A%A5%E5%91%8A.html\"");
    assert_has(html, "data-reports=\"2\" data-failing=\"1\" data-errors=\"1\"");
    free(html);
    gk_html_index_entry_clear(&e[0]);
    gk_html_index_entry_clear(&e[1]);
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_every_special_character),
        cmocka_unit_test(consistent_cells_are_plain),
        cmocka_unit_test(null_and_failing_cells),
        cmocka_unit_test(original_text_shown),
        cmocka_unit_test(nested_heads_of_both_editions),
        cmocka_unit_test(report_strings_escaped),
        cmocka_unit_test(report_without_tables),
        cmocka_unit_test(index_lists_reports_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
