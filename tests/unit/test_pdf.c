/* test_pdf.c — the PDF layout's geometry, without MuPDF: rulings into
 * grids (merged slots, an undrawn border closed), characters into cells
 * (vertical writing, letter-spaced words), parts joined over a page break
 * (repeated header dropped, a cut label glued), page numbers recognized. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf.h"

static void rule(gk_pdf_rules *r, float pos, float from, float to) { assert_true(gk_pdf_add_rule(r, pos, from, to)); }

/* Writes s (UTF-8) left to right from (x, y), 10 pt characters 10 pt apart
 * (or vertically, top to bottom). */
static void text(gk_pdf_page *p, const char *s, float x, float y, bool vertical)
{
    size_t len = strlen(s), i = 0, n;
    while (i < len) {
        uint32_t cp = gk_utf8_next(s, len, &i, &n);
        gk_pdf_char c = {cp, {x, y, x + 10, y + 10}, 10, vertical, false};
        assert_true(gk_pdf_add_char(p, &c));
        if (vertical)
            y += 10;
        else
            x += 10;
    }
}

static const gk_pdf_cell *cell_at(const gk_pdf_table *t, int r, int c)
{
    for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i].r0 <= r && r < t->cells[i].r1 && t->cells[i].c0 <= c && c < t->cells[i].c1)
            return &t->cells[i];
    return NULL;
}

/* A 2 × 3 grid, 100 × 30 slots from (0, 0); the top row's inner lines
 * left out (a header over three columns), the bottom border undrawn. */
static void header_grid(gk_pdf_page *p, float top)
{
    rule(&p->hrules, top, 0, 300);
    rule(&p->hrules, top + 30, 0, 300);
    rule(&p->vrules, 0, top, top + 60);
    rule(&p->vrules, 300, top, top + 60);
    rule(&p->vrules, 100, top + 30, top + 60);
    rule(&p->vrules, 200, top + 30, top + 60);
}

static void grid_with_merged_header(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 400, .height = 800};
    header_grid(&p, 100);
    text(&p, "申请人情况", 10, 110, false);
    text(&p, "总 计", 110, 140, false);
    text(&p, "12", 210, 140, false);
    bool in_table[64] = {false};
    gk_pdf_table *tables;
    size_t n;
    assert_true(gk_pdf_find_tables(&p, in_table, &tables, &n));
    assert_int_equal(n, 1);
    assert_int_equal(tables[0].nrows, 2); /* the undrawn bottom border closed */
    assert_int_equal(tables[0].ncols, 3);
    const gk_pdf_cell *head = cell_at(&tables[0], 0, 1);
    assert_non_null(head);
    assert_int_equal(head->c1 - head->c0, 3);
    assert_string_equal(head->text, "申请人情况");
    assert_string_equal(cell_at(&tables[0], 1, 1)->text, "总 计");
    assert_string_equal(cell_at(&tables[0], 1, 2)->text, "12");
    assert_true(tables[0].bottom_open);
    gk_pdf_table_free(&tables[0]);
    free(tables);
    gk_pdf_page_free(&p);
}

static void short_line_merges_slots(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 1, .width = 400, .height = 800};
    rule(&p.hrules, 0, 0, 200);
    rule(&p.hrules, 40, 0, 200);
    rule(&p.vrules, 0, 0, 40);
    rule(&p.vrules, 200, 0, 40);
    rule(&p.vrules, 100, 0, 15); /* covers under half the edge: no wall */
    rule(&p.hrules, 40, 0, 200);  /* drawn twice (a stroke and a fill) */
    bool in_table[8] = {false};
    gk_pdf_table *tables;
    size_t n;
    assert_true(gk_pdf_find_tables(&p, in_table, &tables, &n));
    assert_int_equal(n, 1);
    assert_int_equal(tables[0].ncells, 1);
    gk_pdf_table_free(&tables[0]);
    free(tables);
    gk_pdf_page_free(&p);
}

/* 300 × 300 lines: more grid cells than a table may have; reported, not built. */
static void oversized_grid_is_reported(void **state)
{
    (void)state;
    gk_pdf_page p = {.number = 2, .width = 3000, .height = 3000};
    for (int i = 0; i < 300; i++) {
        rule(&p.hrules, (float)i * 5, 0, 1495);
        rule(&p.vrules, (float)i * 5, 0, 1495);
    }
    bool in_table[1] = {false};
    gk_pdf_table *tables;
    size_t n;
    assert_true(gk_pdf_find_tables(&p, in_table, &tables, &n));
    assert_int_equal(n, 1);
    assert_int_equal(tables[0].ncells, 0);
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    assert_true(gk_pdf_emit_table(&tables[0], &doc));
    assert_int_equal(doc.count, 0);
    assert_int_equal(diags.count, 1);
    assert_string_equal(diags.items[0].where, "page 2");
    assert_non_null(strstr(diags.items[0].message, "over the limit"));
    gk_diag_list_free(&diags);
    gk_doc_free(&doc);
    gk_pdf_table_free(&tables[0]);
    free(tables);
    gk_pdf_page_free(&p);
}

static void vertical_writing_in_its_order(void **state)
{
    (void)state;
    gk_pdf_page p = {0};
    text(&p, "本年度", 50, 0, true);
    text(&p, "三、", 70, 0, true); /* the right-hand column is read first */
    size_t idx[5] = {0, 1, 2, 3, 4};
    gk_buf out;
    gk_buf_init(&out);
    gk_pdf_chars_text(p.chars, idx, p.nchars, &out);
    assert_string_equal(out.data, "三、本年度");
    gk_buf_free(&out);
    gk_pdf_page_free(&p);
}

static void one_char_per_line_and_wrapped_label(void **state)
{
    (void)state;
    gk_pdf_page p = {0};
    text(&p, "（四）无", 0, 0, false);
    text(&p, "法", 0, 14, false);
    text(&p, "提供", 0, 28, false);
    size_t idx[7] = {6, 5, 4, 3, 2, 1, 0};
    gk_buf out;
    gk_buf_init(&out);
    gk_pdf_chars_text(p.chars, idx, p.nchars, &out);
    assert_string_equal(out.data, "（四）无法提供");
    gk_buf_free(&out);
    gk_pdf_page_free(&p);
}

/* Part a: header row + a row whose label is cut; part b on the next page:
 * the header repeated, then the label's end over an empty row of values. */
static void join_over_page_break(void **state)
{
    (void)state;
    gk_pdf_page pa = {.number = 4, .width = 400, .height = 800}, pb = {.number = 5, .width = 400, .height = 800};
    for (int k = 0; k < 2; k++) {
        gk_pdf_page *p = k ? &pb : &pa;
        float top = k ? 50 : 700;
        rule(&p->hrules, top, 0, 300);
        rule(&p->hrules, top + 30, 0, 300);
        rule(&p->hrules, top + 60, 0, 300);
        for (float x = 0; x <= 300; x += 100)
            rule(&p->vrules, x, top, top + 60);
        text(p, "项目", 10, top + 10, false);
        text(p, "数量", 110, top + 10, false);
        text(p, "金额", 210, top + 10, false);
    }
    text(&pa, "（四）无", 10, 740, false);
    text(&pa, "5", 110, 740, false);
    text(&pa, "7", 210, 740, false);
    text(&pb, "法提供", 10, 90, false);
    bool in_a[32] = {false}, in_b[32] = {false};
    gk_pdf_table *ta, *tb;
    size_t na, nb;
    assert_true(gk_pdf_find_tables(&pa, in_a, &ta, &na));
    assert_true(gk_pdf_find_tables(&pb, in_b, &tb, &nb));
    assert_int_equal(na, 1);
    assert_int_equal(nb, 1);
    assert_true(gk_pdf_continues(&ta[0], &tb[0]));
    assert_true(gk_pdf_join(&ta[0], &tb[0]));
    assert_int_equal(ta[0].nrows, 2); /* header dropped, the cut row folded */
    assert_string_equal(cell_at(&ta[0], 1, 0)->text, "（四）无法提供");
    assert_string_equal(cell_at(&ta[0], 1, 2)->text, "7");
    gk_pdf_table_free(&ta[0]);
    gk_pdf_table_free(&tb[0]);
    free(ta);
    free(tb);
    gk_pdf_page_free(&pa);
    gk_pdf_page_free(&pb);
}

static void page_numbers_are_furniture(void **state)
{
    (void)state;
    gk_pdf_page page = {.number = 4, .width = 595, .height = 842};
    gk_pdf_line line = {{280, 790, 320, 805}, 12, false, 4, NULL};
    const char *numbers[] = {"- 4 -", "-4-", "第 4 页", "第4页 共6页", "4/6", "—４—"};
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        line.text = (char *)numbers[i];
        assert_true(gk_pdf_is_page_furniture(&line, &page));
    }
    line.text = "2024年";
    assert_false(gk_pdf_is_page_furniture(&line, &page));
    line.text = "3 1 2"; /* a row of values, not a page number */
    assert_false(gk_pdf_is_page_furniture(&line, &page));
    line.text = "- 4 -";
    line.box.y0 = 400, line.box.y1 = 415; /* mid-page: text, not a footer */
    assert_false(gk_pdf_is_page_furniture(&line, &page));
}

/* Three pages with a running header and a page number: the header is kept
 * on the first page only, the page numbers dropped, and the paragraph cut
 * by the page breaks is one paragraph. */
static void running_header_and_page_numbers_dropped(void **state)
{
    (void)state;
    gk_pdf_page pages[3];
    memset(pages, 0, sizeof pages);
    static const char *const numbers[] = {"- 1 -", "- 2 -", "- 3 -"};
    for (int i = 0; i < 3; i++) {
        pages[i] = (gk_pdf_page){.number = i + 1, .width = 400, .height = 800};
        text(&pages[i], "示例市年度报告", 100, 20, false);
        text(&pages[i], i == 0 ? "一二三四五六七八九十一二三四五六七八九十" : "十九八七六五四三二一十九八七六五四三二一", 50, 400, false);
        text(&pages[i], numbers[i], 180, 770, false);
    }
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    assert_int_equal(gk_pdf_layout(pages, 3, &doc), GK_OK);
    assert_int_equal(doc.count, 2);
    assert_string_equal(doc.blocks[0].text, "示例市年度报告");
    assert_int_equal(strlen(doc.blocks[1].text), 60 * 3); /* three lines of 20 CJK characters, joined */
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
    for (int i = 0; i < 3; i++)
        gk_pdf_page_free(&pages[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grid_with_merged_header),
        cmocka_unit_test(short_line_merges_slots),
        cmocka_unit_test(oversized_grid_is_reported),
        cmocka_unit_test(vertical_writing_in_its_order),
        cmocka_unit_test(one_char_per_line_and_wrapped_label),
        cmocka_unit_test(join_over_page_break),
        cmocka_unit_test(page_numbers_are_furniture),
        cmocka_unit_test(running_header_and_page_numbers_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
