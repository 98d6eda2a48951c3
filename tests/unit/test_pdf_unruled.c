/* test_pdf_unruled.c — tables drawn without rulings, from synthetic word
 * boxes (no MuPDF): the header's cells give the columns (stacked header
 * words joined), values go to the column they stand under whether set
 * left, centred or right, numbers set apart stay apart, a wrapped number
 * is joined, labels go to their row (wrapped over lines, values in the
 * middle or at the top), and a table over a page break keeps its header
 * and gets back the end of a label the break cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf.h"

/* Writes s (UTF-8) left to right from (x, y): 10 pt characters 10 pt apart. */
static void text(gk_pdf_page *p, const char *s, float x, float y)
{
    size_t len = strlen(s), i = 0, n;
    while (i < len) {
        uint32_t cp = gk_utf8_next(s, len, &i, &n);
        gk_pdf_char c = {cp, {x, y, x + 10, y + 10}, 10, false, false};
        assert_true(gk_pdf_add_char(p, &c));
        x += 10;
    }
}

/* The text of grid slot (r, c), or NULL for an empty one. */
static const char *at(const gk_pdf_table *t, int r, int c)
{
    for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i].r0 == r && t->cells[i].c0 == c)
            return t->cells[i].text;
    return NULL;
}

/* The grid row whose first label cell holds label (any label column). */
static int row_of(const gk_pdf_table *t, const char *label)
{
    for (size_t i = 0; i < t->ncells; i++)
        if (strcmp(t->cells[i].text, label) == 0)
            return t->cells[i].r0;
    return -1;
}

typedef struct {
    gk_pdf_table *tables;
    size_t count;
    bool in_table[4096];
} found;

static void find(gk_pdf_page *p, gk_pdf_header **carry, found *f)
{
    memset(f->in_table, 0, sizeof f->in_table);
    assert_true(p->nchars < 4096);
    assert_int_equal(gk_pdf_find_unruled(p, f->in_table, carry, &f->tables, &f->count), GK_OK);
}

static void found_free(found *f)
{
    for (size_t i = 0; i < f->count; i++)
        gk_pdf_table_free(&f->tables[i]);
    free(f->tables);
}

/* Table 三's applicant columns, x = 200, 250, … 500, their labels stacked
 * as a narrow cell wraps them (商业/企业); returns the values' line. */
static float apps_header(gk_pdf_page *p, float y)
{
    text(p, "申请人情况", 300, y);
    text(p, "法人或其他组织", 280, y + 20);
    text(p, "自然", 200, y + 40);
    text(p, "人", 205, y + 52);
    text(p, "商业", 250, y + 40);
    text(p, "企业", 250, y + 52);
    text(p, "科研", 300, y + 40);
    text(p, "机构", 300, y + 52);
    text(p, "社会公", 345, y + 40);
    text(p, "益组织", 345, y + 52);
    text(p, "法律服", 395, y + 40);
    text(p, "务机构", 395, y + 52);
    text(p, "其他", 450, y + 46);
    text(p, "总计", 500, y + 46);
    return y + 80;
}

/* Seven values, each centred under its column of apps_header. */
static void apps_values(gk_pdf_page *p, const char *const v[7], float y)
{
    static const float centre[7] = {215, 270, 320, 375, 425, 470, 520};
    for (int k = 0; k < 7; k++)
        text(p, v[k], centre[k] - 5 * (float)strlen(v[k]), y);
}

static void columns_from_the_header(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 600, .height = 800};
    text(&p, "三、收到和处理政府信息公开申请情况", 60, 60);
    float y = apps_header(&p, 100);
    text(&p, "一、本年新收政府信息公开申请数量", 20, y);
    apps_values(&p, (const char *const[]){"231", "95", "81", "69", "67", "81", "624"}, y);
    text(&p, "二、上年结转政府信息公开申请数量", 20, y + 30);
    apps_values(&p, (const char *const[]){"3", "5", "1", "4", "2", "6", "21"}, y + 30);
    text(&p, "四、政府信息公开行政复议、行政诉讼情况", 60, y + 80);
    found f;
    gk_pdf_header *carry = NULL;
    find(&p, &carry, &f);
    assert_int_equal(f.count, 1);
    const gk_pdf_table *t = &f.tables[0];
    assert_true(t->unruled);
    assert_int_equal(t->ncols, 1 + 7);
    /* the stacked words are one header cell each, over their column */
    int head = -1;
    for (int r = 0; r < t->nrows && head < 0; r++)
        if (at(t, r, 2) && strcmp(at(t, r, 2), "商业企业") == 0)
            head = r;
    assert_true(head >= 0);
    assert_string_equal(at(t, head, 5), "法律服务机构");
    int r = row_of(t, "一、本年新收政府信息公开申请数量");
    assert_true(r > head);
    static const char *const want[7] = {"231", "95", "81", "69", "67", "81", "624"};
    for (int k = 0; k < 7; k++)
        assert_string_equal(at(t, r, 1 + k), want[k]);
    assert_string_equal(at(t, row_of(t, "二、上年结转政府信息公开申请数量"), 7), "21");
    /* the section titles around it stay text */
    assert_false(f.in_table[0]);
    assert_false(f.in_table[p.nchars - 1]);
    assert_null(carry); /* the table ended before the page did */
    found_free(&f);
    gk_pdf_page_free(&p);
}

/* Numbers set right in cells whose headers are set left stand nearer the
 * next header than their own: the values' own columns decide. */
static void right_aligned_values(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 600, .height = 800};
    text(&p, "信息内容", 40, 100);
    text(&p, "本年制发件数", 200, 100);
    text(&p, "本年废止件数", 330, 100);
    text(&p, "现行有效件数", 460, 100);
    text(&p, "规章", 40, 130);
    text(&p, "2", 315, 130); /* its cell ends at 320, the next header starts at 330 */
    text(&p, "3", 445, 130);
    text(&p, "11", 565, 130);
    text(&p, "行政规范性文件", 40, 160);
    text(&p, "8", 315, 160);
    text(&p, "15", 435, 160);
    text(&p, "44", 565, 160);
    found f;
    gk_pdf_header *carry = NULL;
    find(&p, &carry, &f);
    assert_int_equal(f.count, 1);
    const gk_pdf_table *t = &f.tables[0];
    int r = row_of(t, "规章");
    assert_string_equal(at(t, r, 1), "2");
    assert_string_equal(at(t, r, 2), "3");
    assert_string_equal(at(t, r, 3), "11");
    r = row_of(t, "行政规范性文件");
    assert_string_equal(at(t, r, 2), "15");
    gk_pdf_header_free(carry);
    found_free(&f);
    gk_pdf_page_free(&p);
}

/* A label wrapped over two lines with its values between them, one over
 * three lines with its values on the first, and a number wrapped in its
 * narrow cell ("23" over "1"). */
static void labels_and_numbers_wrapped(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 600, .height = 800};
    float y = apps_header(&p, 100);
    text(&p, "2.其他法律行政法", 40, y);
    apps_values(&p, (const char *const[]){"7", "1", "2", "6", "4", "3", "23"}, y + 6);
    text(&p, "规禁止公开", 40, y + 12);
    text(&p, "3.危及“三安全一", 40, y + 40);
    apps_values(&p, (const char *const[]){"23", "6", "5", "3", "1", "4", "42"}, y + 40);
    text(&p, "1", 210, y + 51); /* 231, wrapped */
    text(&p, "稳定”的信息", 40, y + 52);
    text(&p, "公开后", 40, y + 64);
    text(&p, "4.保护第三方合法权益", 40, y + 90);
    apps_values(&p, (const char *const[]){"13", "2", "5", "1", "4", "6", "31"}, y + 90);
    found f;
    gk_pdf_header *carry = NULL;
    find(&p, &carry, &f);
    assert_int_equal(f.count, 1);
    const gk_pdf_table *t = &f.tables[0];
    int r = row_of(t, "2.其他法律行政法规禁止公开");
    assert_true(r >= 0);
    assert_string_equal(at(t, r, 1), "7");
    r = row_of(t, "3.危及“三安全一稳定”的信息公开后");
    assert_true(r >= 0);
    assert_string_equal(at(t, r, 1), "231");
    assert_string_equal(at(t, r, 2), "6");
    r = row_of(t, "4.保护第三方合法权益");
    assert_string_equal(at(t, r, 7), "31");
    gk_pdf_header_free(carry);
    found_free(&f);
    gk_pdf_page_free(&p);
}

/* A column whose cells are set lower than the others' is still its row's;
 * a numbered line after the last row ("第二十条…", the next part's title)
 * is not a label of it. */
static void column_set_lower_and_trailing_title(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 600, .height = 800};
    text(&p, "信息内容", 40, 100);
    text(&p, "本年新制作数量", 160, 100);
    text(&p, "本年新公开数量", 290, 100);
    text(&p, "对外公开总数量", 420, 100);
    text(&p, "规章", 40, 130);
    text(&p, "3", 190, 130);
    text(&p, "2", 320, 130);
    text(&p, "27", 450, 141); /* 11 pt lower */
    text(&p, "第二十条第（五）项", 40, 165);
    found f;
    gk_pdf_header *carry = NULL;
    find(&p, &carry, &f);
    assert_int_equal(f.count, 1);
    const gk_pdf_table *t = &f.tables[0];
    int r = row_of(t, "规章");
    assert_true(r >= 0);
    assert_string_equal(at(t, r, 3), "27");
    assert_int_equal(row_of(t, "第二十条第（五）项"), -1);
    gk_pdf_header_free(carry);
    found_free(&f);
    gk_pdf_page_free(&p);
}

/* The header of a table that runs to the page's end is carried to the
 * next page, whose rows have none; the end of the label the break cut
 * ("仍不明确") is handed back to the part before. */
static void header_carried_over_page_break(void **state)
{
    (void)state;
    gk_pdf_page p1 = {.number = 1, .width = 600, .height = 800};
    float y = apps_header(&p1, 600);
    text(&p1, "3.补正后申请内容", 40, y);
    apps_values(&p1, (const char *const[]){"4", "3", "2", "5", "6", "1", "21"}, y);
    gk_pdf_page p2 = {.number = 2, .width = 600, .height = 800};
    text(&p2, "仍不明确", 40, 60);
    text(&p2, "1.信访举报投诉类申请", 40, 90);
    apps_values(&p2, (const char *const[]){"18", "2", "5", "3", "1", "4", "33"}, 90);
    found f1, f2;
    gk_pdf_header *carry = NULL;
    find(&p1, &carry, &f1);
    assert_int_equal(f1.count, 1);
    assert_non_null(carry);
    find(&p2, &carry, &f2);
    assert_int_equal(f2.count, 1);
    const gk_pdf_table *t = &f2.tables[0];
    int head = -1; /* the header again, for the rows of this page */
    for (int r = 0; r < t->nrows && head < 0; r++)
        if (at(t, r, 7) && strcmp(at(t, r, 7), "总计") == 0)
            head = r;
    assert_true(head >= 0);
    int r = row_of(t, "1.信访举报投诉类申请");
    assert_true(r > head);
    assert_string_equal(at(t, r, 7), "33");
    assert_string_equal(f2.tables[0].lead, "仍不明确");
    assert_int_equal(gk_pdf_glue_lead(&f1.tables[0], &f2.tables[0]), GK_OK);
    assert_true(row_of(&f1.tables[0], "3.补正后申请内容仍不明确") >= 0);
    gk_pdf_header_free(carry);
    found_free(&f1);
    found_free(&f2);
    gk_pdf_page_free(&p1);
    gk_pdf_page_free(&p2);
}

/* A row cut by the page break with one value fallen onto the next page,
 * under the header repeated there: the value goes back to its row; a
 * header alone at a page's end keeps its rows on the next page (they
 * are no part of a cut row). */
static void row_cut_by_page_break(void **state)
{
    (void)state;
    gk_pdf_page p1 = {.number = 1, .width = 600, .height = 800};
    float y = apps_header(&p1, 600);
    text(&p1, "1.信访举报投诉类申请", 20, y);
    apps_values(&p1, (const char *const[]){"18", "2", "", "3", "1", "4", "33"}, y);
    gk_pdf_page p2 = {.number = 2, .width = 600, .height = 800};
    y = apps_header(&p2, 40);
    text(&p2, "5", 315, y);
    text(&p2, "2.重复申请", 20, y + 30);
    apps_values(&p2, (const char *const[]){"7", "5", "2", "6", "3", "1", "24"}, y + 30);
    text(&p2, "四、政府信息公开行政复议、行政诉讼情况", 20, 700);
    text(&p2, "行政复议", 20, 730);
    text(&p2, "行政诉讼", 270, 730);
    static const char *const results[] = {"维持", "纠正", "其他结果", "尚未审结", "总计"};
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < 5; k++)
            text(&p2, results[k], 20 + (float)(g * 5 + k) * 50, 750);
    gk_pdf_page p3 = {.number = 3, .width = 600, .height = 800};
    for (int k = 0; k < 15; k++)
        text(&p3, k == 4 ? "16" : "3", 25 + (float)k * 50, 40);
    found f1, f2, f3;
    gk_pdf_header *carry = NULL;
    find(&p1, &carry, &f1);
    find(&p2, &carry, &f2);
    assert_int_equal(f2.count, 1);
    assert_int_equal(f2.tables[0].data_rows, 2);
    assert_true(f2.tables[0].lead_row >= 0);
    assert_int_equal(gk_pdf_glue_lead(&f1.tables[0], &f2.tables[0]), GK_OK);
    const gk_pdf_table *t = &f1.tables[0];
    assert_string_equal(at(t, row_of(t, "1.信访举报投诉类申请"), t->label_cols + 2), "5");
    assert_int_equal(f2.tables[0].data_rows, 1);
    t = &f2.tables[0];
    assert_string_equal(at(t, row_of(t, "2.重复申请"), t->label_cols + 6), "24");
    assert_non_null(carry); /* table 四's header, its rows on the next page */
    find(&p3, &carry, &f3);
    assert_int_equal(f3.count, 1);
    assert_int_equal(f3.tables[0].data_rows, 1);
    assert_int_equal(f3.tables[0].lead_row, -1);
    assert_string_equal(at(&f3.tables[0], f3.tables[0].nrows - 1, f3.tables[0].label_cols + 4), "16");
    gk_pdf_header_free(carry);
    found_free(&f1);
    found_free(&f2);
    found_free(&f3);
    gk_pdf_page_free(&p1);
    gk_pdf_page_free(&p2);
    gk_pdf_page_free(&p3);
}

/* Prose that names a column (总计, 其他) and numbers in sentences are no
 * table. */
static void prose_is_no_table(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 600, .height = 800};
    text(&p, "全年共收到申请624件，总计办结621件，其他3件结转下年度办理。", 40, 100);
    text(&p, "总计", 40, 130);
    text(&p, "其他", 40, 150);
    text(&p, "本机关2021年度未收取信息处理费。", 40, 170);
    found f;
    gk_pdf_header *carry = NULL;
    find(&p, &carry, &f);
    assert_int_equal(f.count, 0);
    assert_null(f.tables);
    for (size_t i = 0; i < p.nchars; i++)
        assert_false(f.in_table[i]);
    assert_null(carry);
    gk_pdf_page_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(columns_from_the_header),
        cmocka_unit_test(right_aligned_values),
        cmocka_unit_test(labels_and_numbers_wrapped),
        cmocka_unit_test(column_set_lower_and_trailing_title),
        cmocka_unit_test(header_carried_over_page_break),
        cmocka_unit_test(row_cut_by_page_break),
        cmocka_unit_test(prose_is_no_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
