/* test_identity.c — a report's key and fingerprint (identity.c) and the
 * prose-against-table checks (prose.c): names that differ only in white
 * space, full-width forms or punctuation give one key; the same numbers in
 * HTML and in text give one fingerprint, one changed number another; a
 * figure stated in section 一 passes, fails or is skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "fixtures.h"

static void expect_normalized(const char *name, const char *want)
{
    char *got = gk_agency_normalize(name);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void agency_names_normalized(void **state)
{
    (void)state;
    expect_normalized("平潭综合实验区管委会 ", "平潭综合实验区管委会");
    expect_normalized(" 平潭综合实验区\u3000管委会", "平潭综合实验区管委会");
    expect_normalized("示例市（县）交通局", "示例市县交通局");
    expect_normalized("示例市(县)交通局", "示例市县交通局");
    expect_normalized("示例市【县】“交通”局·办公室", "示例市县交通局办公室");
    expect_normalized("ＸＸ区第２中学", "xx区第2中学");
    expect_normalized("", "");
}

/* Table 三 values, and table 四 as one line: the same in both forms. */
static long value(int i, int j) { return (i * 7 + j * 3) % 11; }
static long value_changed(int i, int j) { return i == 2 && j == 1 ? value(i, j) + 1 : value(i, j); }

static const char rl_line[] = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

static gk_report *text_form(const char *agency, long (*v)(int, int), const char *section1)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_printf(&b, "%s2021年政府信息公开工作年度报告\n一、总体情况\n%s\n三、收到和处理政府信息公开申请情况\n", agency,
                  section1);
    add_apps_tab_table(&b, v, -1, -1);
    gk_buf_adds(&b, "四、政府信息公开行政复议、行政诉讼情况\n" RL_TAB_HEADER);
    gk_buf_adds(&b, rl_line);
    assert_false(b.failed);
    gk_report *r = NULL;
    gk_error err;
    assert_int_equal(gk_report_from_memory("twin.txt", b.data, b.len, &r, &err), GK_OK);
    gk_buf_free(&b);
    return r;
}

/* The same report as an HTML page: a title, the table rows as <tr>. */
static gk_report *html_form(const char *agency, long (*v)(int, int))
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_printf(&b, "<html><head><meta charset=\"utf-8\"><title>%s2021年政府信息公开工作年度报告</title></head><body>"
                      "<h1>%s2021年政府信息公开工作年度报告</h1><h2>一、总体情况</h2><p>本局持续深化政务公开。</p>"
                      "<h2>三、收到和处理政府信息公开申请情况</h2><table><tr><td></td><td>自然人</td><td>商业企业</td>"
                      "<td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>",
                  agency, agency);
    for (int i = 0; i < 25; i++) {
        long total = 0;
        gk_buf_printf(&b, "<tr><td>%s</td>", labels_2021[i]);
        for (int j = 0; j < 6; j++) {
            gk_buf_printf(&b, "<td>%ld</td>", v(i, j));
            total += v(i, j);
        }
        gk_buf_printf(&b, "<td>%ld</td></tr>", total);
    }
    gk_buf_adds(&b, "</table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>"
                    "<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
                    "<tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td>"
                    "<td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td>"
                    "<td colspan=5>复议后起诉</td></tr><tr>");
    for (int g = 0; g < 2; g++)
        gk_buf_adds(&b, "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>");
    gk_buf_adds(&b, "</tr><tr>");
    for (const char *p = rl_line; *p && *p != '\n'; p += 2)
        gk_buf_printf(&b, "<td>%c</td>", *p);
    gk_buf_adds(&b, "</tr></table></body></html>");
    assert_false(b.failed);
    gk_report *r = NULL;
    gk_error err;
    assert_int_equal(gk_report_from_memory("twin.html", b.data, b.len, &r, &err), GK_OK);
    gk_buf_free(&b);
    return r;
}

static void same_numbers_same_fingerprint_whatever_the_form(void **state)
{
    (void)state;
    gk_report *text = text_form("示例县水利局", value, "本局持续深化政务公开。");
    gk_report *html = html_form("示例县水利局", value);
    assert_string_equal(text->source_format, "text");
    assert_string_equal(html->source_format, "html");
    /* (the fixture's numbers break the balance rules: checks are not numbers) */
    assert_int_equal(gk_report_failed_checks(text), gk_report_failed_checks(html));
    assert_true(text->has_applications && html->has_applications && text->has_reviews && html->has_reviews);
    assert_non_null(gk_report_fingerprint(text));
    assert_int_equal(strlen(gk_report_fingerprint(text)), 16);
    assert_string_equal(gk_report_fingerprint(text), gk_report_fingerprint(html));
    assert_string_equal(gk_report_key(text), "示例县水利局/2021");
    assert_string_equal(gk_report_key(text), gk_report_key(html));
    gk_report_free(text);
    gk_report_free(html);
}

static void one_changed_number_another_fingerprint(void **state)
{
    (void)state;
    gk_report *a = text_form("示例县水利局", value, "本局持续深化政务公开。");
    gk_report *b = text_form("示例县水利局", value_changed, "本局持续深化政务公开。");
    assert_string_not_equal(gk_report_fingerprint(a), gk_report_fingerprint(b));
    gk_report_free(a);
    gk_report_free(b);
}

static void key_needs_agency_and_year(void **state)
{
    (void)state;
    static const char s[] = "一、总体情况\n本局持续深化政务公开。\n";
    gk_report *r = NULL;
    assert_int_equal(gk_report_from_memory("k.txt", s, sizeof s - 1, &r, NULL), GK_OK);
    assert_null(gk_report_key(r));
    assert_non_null(gk_report_fingerprint(r)); /* no tables: a fingerprint all the same */
    gk_report_free(r);
}

/* ---- prose against tables ---- */

/* new_received's total in the fixture's table: the sum of value(0, j). */
static long new_received_total(void)
{
    long t = 0;
    for (int j = 0; j < 6; j++)
        t += value(0, j);
    return t;
}

static void stated_figure_that_agrees_passes(void **state)
{
    (void)state;
    char s1[256];
    snprintf(s1, sizeof s1, "2021年，本局全年共收到政府信息公开申请%ld件，均按期答复。本年度共办理行政复议1件。",
             new_received_total());
    gk_report *r = text_form("示例县水利局", value, s1);
    const gk_check *c = find_check(r, "text.new_received", "total");
    assert_int_equal(c->status, 0);
    assert_true(c->left.present);
    assert_int_equal((long)c->left.value, new_received_total());
    assert_non_null(c->sentence);
    assert_non_null(strstr(c->sentence, "共收到政府信息公开申请"));
    assert_null(strstr(c->sentence, "行政复议")); /* the sentence, not the paragraph */
    c = find_check(r, "text.review", "total");
    assert_int_equal(c->status, 0);
    assert_int_equal((long)c->right.value, 1);
    assert_int_equal(find_check(r, "text.litigation", "total")->status, 2);
    gk_report_free(r);
}

static void stated_figure_that_differs_fails(void **state)
{
    (void)state;
    char s1[256];
    snprintf(s1, sizeof s1, "全年共收到政府信息公开申请%ld件。未发生行政诉讼。", new_received_total() + 5);
    gk_report *r = text_form("示例县水利局", value, s1);
    const gk_check *c = find_check(r, "text.new_received", "total");
    assert_int_equal(c->status, 1);
    assert_int_equal((long)c->left.value, new_received_total() + 5);
    assert_int_equal((long)c->right.value, new_received_total());
    c = find_check(r, "text.litigation", "total"); /* "未发生行政诉讼" states 0; the table has 0 */
    assert_int_equal(c->status, 0);
    assert_int_equal((long)c->left.value, 0);
    gk_report_free(r);
}

static void unstated_figure_is_skipped(void **state)
{
    (void)state;
    gk_report *r = text_form("示例县水利局", value, "本局持续深化政务公开。");
    const char *rules[] = {"text.new_received", "text.carried_over", "text.carried_forward", "text.review",
                           "text.litigation"};
    for (size_t i = 0; i < 5; i++) {
        const gk_check *c = find_check(r, rules[i], "total");
        assert_int_equal(c->status, 2);
        assert_false(c->left.present);
        assert_null(c->sentence);
    }
    gk_report_free(r);
}

static void sentence_and_key_in_every_writer(void **state)
{
    (void)state;
    gk_report *r = text_form("示例县水利局", value, "全年共收到政府信息公开申请3件。");
    char *json = gk_report_to_json(r, NULL);
    char *xml = gk_report_to_xml(r, NULL);
    char *head = gk_csv_header();
    char *row = gk_report_csv_row(r, NULL);
    assert_non_null(json);
    assert_non_null(xml);
    assert_non_null(strstr(json, "\"key\": \"示例县水利局/2021\""));
    assert_non_null(strstr(json, "\"sentence\": \"全年共收到政府信息公开申请3件\""));
    assert_non_null(strstr(xml, "<key>示例县水利局/2021</key>"));
    assert_non_null(strstr(xml, "<sentence>全年共收到政府信息公开申请3件</sentence>"));
    assert_true(schema_valid(xml));
    assert_non_null(strstr(head, ",key,fingerprint,"));
    assert_non_null(strstr(row, gk_report_fingerprint(r)));
    free(json);
    free(xml);
    free(head);
    free(row);
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agency_names_normalized),
        cmocka_unit_test(same_numbers_same_fingerprint_whatever_the_form),
        cmocka_unit_test(one_changed_number_another_fingerprint),
        cmocka_unit_test(key_needs_agency_and_year),
        cmocka_unit_test(stated_figure_that_agrees_passes),
        cmocka_unit_test(stated_figure_that_differs_fails),
        cmocka_unit_test(unstated_figure_is_skipped),
        cmocka_unit_test(sentence_and_key_in_every_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
