/* test_model.c — the document model: table grids with merged cells
 * expanded (HTML rowspan/colspan, DOCX vMerge and gridBefore), limits,
 * and paragraphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

static gk_table *new_table(void)
{
    gk_table *t = gk_table_new();
    assert_non_null(t);
    return t;
}

/* The text of the cell whose slot covers (row, col), or NULL. */
static const char *text_at(const gk_table *t, int row, int col)
{
    int i = gk_table_at(t, row, col);
    return i < 0 ? NULL : t->cells[i].text;
}

static void assert_cell(const gk_table *t, int idx, const char *text, int row, int col, int rowspan, int colspan)
{
    assert_in_range(idx, 0, (int)t->ncells - 1);
    assert_string_equal(t->cells[idx].text, text);
    assert_int_equal(t->cells[idx].row, row);
    assert_int_equal(t->cells[idx].col, col);
    assert_int_equal(t->cells[idx].rowspan, rowspan);
    assert_int_equal(t->cells[idx].colspan, colspan);
}

static void simple_grid(void **state)
{
    (void)state;
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "a", 1, 1));
    assert_true(gk_table_add_cell(t, "b", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "c", 1, 1));
    assert_true(gk_table_add_cell(t, "d", 1, 1));
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->ncols, 2);
    assert_int_equal(t->ncells, 4);
    assert_string_equal(text_at(t, 0, 0), "a");
    assert_string_equal(text_at(t, 0, 1), "b");
    assert_string_equal(text_at(t, 1, 0), "c");
    assert_string_equal(text_at(t, 1, 1), "d");
    assert_false(t->clamped);
    gk_table_free(t);
}

static void add_cell_without_begin_row_starts_row_zero(void **state)
{
    (void)state;
    gk_table *t = new_table();
    assert_true(gk_table_add_cell(t, "x", 1, 1));
    assert_int_equal(t->nrows, 1);
    assert_cell(t, 0, "x", 0, 0, 1, 1);
    gk_table_free(t);
}

static void cell_text_is_squeezed(void **state)
{
    (void)state;
    gk_table *t = new_table();
    assert_true(gk_table_add_cell(t, "  商业\n  企业 ", 1, 1));
    assert_true(gk_table_add_cell(t, NULL, 1, 1));
    assert_string_equal(t->cells[0].text, "商业 企业");
    assert_string_equal(t->cells[1].text, "");
    gk_table_free(t);
}

static void rowspan_and_colspan_cover_their_slots(void **state)
{
    (void)state;
    /* +---+---+---+
     * | A | B     |
     * |   +---+---+
     * |   | C | D |
     * +---+---+---+ */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "A", 1, 2));
    assert_true(gk_table_add_cell(t, "B", 2, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "C", 1, 1));
    assert_true(gk_table_add_cell(t, "D", 1, 1));
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->ncols, 3);
    assert_cell(t, 0, "A", 0, 0, 2, 1);
    assert_cell(t, 1, "B", 0, 1, 1, 2);
    assert_cell(t, 2, "C", 1, 1, 1, 1);
    assert_cell(t, 3, "D", 1, 2, 1, 1);
    /* every slot points at its origin cell */
    assert_int_equal(gk_table_at(t, 0, 0), 0);
    assert_int_equal(gk_table_at(t, 1, 0), 0);
    assert_int_equal(gk_table_at(t, 0, 1), 1);
    assert_int_equal(gk_table_at(t, 0, 2), 1);
    assert_int_equal(gk_table_at(t, 1, 1), 2);
    assert_int_equal(gk_table_at(t, 1, 2), 3);
    gk_table_free(t);
}

static void cells_skip_slots_occupied_from_above(void **state)
{
    (void)state;
    /* HTML algorithm: a rowspan in the middle column pushes the second
     * row's cells past it.
     * | X | Y | Z |
     * | P |   | Q |   (Y spans two rows) */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "X", 1, 1));
    assert_true(gk_table_add_cell(t, "Y", 1, 2));
    assert_true(gk_table_add_cell(t, "Z", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "P", 1, 1));
    assert_true(gk_table_add_cell(t, "Q", 1, 1));
    assert_cell(t, 3, "P", 1, 0, 1, 1);
    assert_cell(t, 4, "Q", 1, 2, 1, 1);
    assert_string_equal(text_at(t, 1, 1), "Y");
    assert_int_equal(t->ncols, 3);
    gk_table_free(t);
}

static void header_like_table_three(void **state)
{
    (void)state;
    /* The nested header of table 三:
     * row 0: [blank rowspan 3 colspan 2] [申请人情况 colspan 3]
     * row 1: [自然人 rowspan 2] [法人 colspan 2]
     * row 2: [商业企业] [科研机构]
     * row 3: [新收] [x] [1] [2] [3] */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "", 2, 3));
    assert_true(gk_table_add_cell(t, "申请人情况", 3, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "自然人", 1, 2));
    assert_true(gk_table_add_cell(t, "法人", 2, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "商业企业", 1, 1));
    assert_true(gk_table_add_cell(t, "科研机构", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "新收", 2, 1));
    assert_true(gk_table_add_cell(t, "1", 1, 1));
    assert_true(gk_table_add_cell(t, "2", 1, 1));
    assert_true(gk_table_add_cell(t, "3", 1, 1));
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->ncols, 5);
    assert_string_equal(text_at(t, 2, 1), "");
    assert_string_equal(text_at(t, 1, 2), "自然人");
    assert_string_equal(text_at(t, 2, 2), "自然人");
    assert_string_equal(text_at(t, 1, 4), "法人");
    assert_string_equal(text_at(t, 2, 3), "商业企业");
    assert_string_equal(text_at(t, 2, 4), "科研机构");
    assert_string_equal(text_at(t, 3, 1), "新收");
    assert_string_equal(text_at(t, 3, 2), "1");
    assert_string_equal(text_at(t, 3, 4), "3");
    gk_table_free(t);
}

static void at_outside_the_grid_is_minus_one(void **state)
{
    (void)state;
    gk_table *t = new_table();
    assert_int_equal(gk_table_at(t, 0, 0), -1); /* no grid yet */
    assert_true(gk_table_add_cell(t, "a", 1, 1));
    assert_int_equal(gk_table_at(t, -1, 0), -1);
    assert_int_equal(gk_table_at(t, 0, -1), -1);
    assert_int_equal(gk_table_at(t, 0, 1), -1);
    assert_int_equal(gk_table_at(t, 1, 0), -1);
    assert_int_equal(gk_table_at(t, 100000, 100000), -1);
    gk_table_free(t);
}

static void grid_grows_and_keeps_contents(void **state)
{
    (void)state;
    /* Past the initial capacity in both directions. */
    gk_table *t = new_table();
    for (int r = 0; r < 40; r++) {
        gk_table_begin_row(t);
        for (int c = 0; c < 20; c++) {
            char s[16];
            snprintf(s, sizeof s, "%d/%d", r, c);
            assert_true(gk_table_add_cell(t, s, 1, 1));
        }
    }
    assert_int_equal(t->nrows, 40);
    assert_int_equal(t->ncols, 20);
    assert_string_equal(text_at(t, 0, 0), "0/0");
    assert_string_equal(text_at(t, 7, 19), "7/19");
    assert_string_equal(text_at(t, 39, 19), "39/19");
    assert_string_equal(text_at(t, 39, 0), "39/0");
    gk_table_free(t);
}

static void merge_down_extends_cell_above(void **state)
{
    (void)state;
    /* DOCX: | a | b(restart) |  /  | c | (continue) |  /  | d | (continue) | */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "a", 1, 1));
    assert_true(gk_table_add_cell(t, "b", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "c", 1, 1));
    assert_true(gk_table_merge_down(t, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "d", 1, 1));
    assert_true(gk_table_merge_down(t, 1));
    assert_int_equal(t->ncells, 4); /* no cell was added for the merges */
    assert_cell(t, 1, "b", 0, 1, 3, 1);
    assert_int_equal(gk_table_at(t, 1, 1), 1);
    assert_int_equal(gk_table_at(t, 2, 1), 1);
    assert_int_equal(t->nrows, 3);
    gk_table_free(t);
}

static void merge_down_first_column_then_cell(void **state)
{
    (void)state;
    /* | A(restart) | x |  /  | (continue) | y |: y lands right of the merge. */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "A", 1, 1));
    assert_true(gk_table_add_cell(t, "x", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_merge_down(t, 1));
    assert_true(gk_table_add_cell(t, "y", 1, 1));
    assert_cell(t, 0, "A", 0, 0, 2, 1);
    assert_cell(t, 2, "y", 1, 1, 1, 1);
    assert_string_equal(text_at(t, 1, 0), "A");
    gk_table_free(t);
}

static void merge_down_of_wide_cell(void **state)
{
    (void)state;
    /* A restart cell with gridSpan 2 continued by a gridSpan 2 cell. */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "W", 2, 1));
    assert_true(gk_table_add_cell(t, "z", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_merge_down(t, 2));
    assert_true(gk_table_add_cell(t, "q", 1, 1));
    assert_cell(t, 0, "W", 0, 0, 2, 2);
    assert_int_equal(gk_table_at(t, 1, 0), 0);
    assert_int_equal(gk_table_at(t, 1, 1), 0);
    assert_cell(t, 2, "q", 1, 2, 1, 1);
    gk_table_free(t);
}

static void merge_down_without_cell_above_adds_empty_cell(void **state)
{
    (void)state;
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_merge_down(t, 1)); /* first row: nothing above */
    assert_true(gk_table_add_cell(t, "k", 1, 1));
    assert_int_equal(t->ncells, 2);
    assert_cell(t, 0, "", 0, 0, 1, 1);
    assert_cell(t, 1, "k", 0, 1, 1, 1);
    gk_table_free(t);
}

static void merge_down_below_inner_part_of_wide_cell_adds_empty_cell(void **state)
{
    (void)state;
    /* | wide (colspan 2) |  /  | x | continue |: the slot above col 1 is the
     * middle of "wide", not the start of a cell: no merge. */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "wide", 2, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "x", 1, 1));
    assert_true(gk_table_merge_down(t, 1));
    assert_int_equal(t->ncells, 3);
    assert_cell(t, 0, "wide", 0, 0, 1, 2);
    assert_cell(t, 2, "", 1, 1, 1, 1);
    gk_table_free(t);
}

static void merge_down_wider_than_the_limit_is_clamped(void **state)
{
    (void)state;
    /* Was a bug (fixed): gk_table_merge_down does not clamp its colspan the way
     * gk_table_add_cell does.  A DOCX vMerge-continue cell with
     * w:gridSpan="300" below a one-column cell makes t->ncols 300, past
     * GK_MAX_TABLE_COLS, and tables.c fills colmap[GK_MAX_TABLE_COLS]
     * arrays for c < t->ncols: a stack buffer overflow.
     * Expected: t->ncols <= GK_MAX_TABLE_COLS and t->clamped set.
     * Got: ncols 300, clamped false. */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "a", 1, 1));
    gk_table_begin_row(t);
    assert_true(gk_table_merge_down(t, 300));
    assert_true(t->ncols <= GK_MAX_TABLE_COLS);
    assert_true(t->clamped);
    gk_table_free(t);
}

static void skip_cols_leaves_slots_empty(void **state)
{
    (void)state;
    /* w:gridBefore=2 */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    for (int i = 0; i < 3; i++)
        assert_true(gk_table_add_cell(t, "h", 1, 1));
    gk_table_begin_row(t);
    gk_table_skip_cols(t, 2);
    assert_true(gk_table_add_cell(t, "v", 1, 1));
    assert_int_equal(gk_table_at(t, 1, 0), -1);
    assert_int_equal(gk_table_at(t, 1, 1), -1);
    assert_cell(t, 3, "v", 1, 2, 1, 1);
    gk_table_free(t);
}

static void skip_cols_negative_is_ignored(void **state)
{
    (void)state;
    gk_table *t = new_table();
    gk_table_begin_row(t);
    gk_table_skip_cols(t, -3);
    assert_true(gk_table_add_cell(t, "v", 1, 1));
    assert_cell(t, 0, "v", 0, 0, 1, 1);
    gk_table_free(t);
}

static void skip_cols_after_occupied_slot(void **state)
{
    (void)state;
    /* gridBefore in a row whose first slot is taken by a rowspan. */
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "R", 1, 2));
    assert_true(gk_table_add_cell(t, "a", 1, 1));
    assert_true(gk_table_add_cell(t, "b", 1, 1));
    gk_table_begin_row(t);
    gk_table_skip_cols(t, 1);
    assert_true(gk_table_add_cell(t, "v", 1, 1));
    assert_cell(t, 3, "v", 1, 2, 1, 1);
    assert_int_equal(gk_table_at(t, 1, 1), -1);
    gk_table_free(t);
}

static void huge_rowspan_is_clamped(void **state)
{
    (void)state;
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "tall", 1, 65000));
    assert_true(t->clamped);
    assert_int_equal(t->cells[0].rowspan, GK_MAX_TABLE_ROWS);
    assert_int_equal(t->nrows, GK_MAX_TABLE_ROWS);
    assert_int_equal(gk_table_at(t, GK_MAX_TABLE_ROWS - 1, 0), 0);
    assert_int_equal(gk_table_at(t, GK_MAX_TABLE_ROWS, 0), -1);
    gk_table_free(t);
}

static void huge_colspan_is_clamped(void **state)
{
    (void)state;
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_table_add_cell(t, "a", 1, 1));
    assert_true(gk_table_add_cell(t, "wide", 100000, 1));
    assert_true(t->clamped);
    assert_int_equal(t->cells[1].colspan, GK_MAX_TABLE_COLS - 1);
    assert_int_equal(t->ncols, GK_MAX_TABLE_COLS);
    /* The row is full: a further cell is dropped, not placed past the limit. */
    assert_true(gk_table_add_cell(t, "past", 1, 1));
    assert_int_equal(t->ncells, 2);
    gk_table_free(t);
}

static void too_many_rows_are_dropped(void **state)
{
    (void)state;
    gk_table *t = new_table();
    for (int r = 0; r < GK_MAX_TABLE_ROWS + 5; r++) {
        gk_table_begin_row(t);
        assert_true(gk_table_add_cell(t, "r", 1, 1));
    }
    assert_true(t->clamped);
    assert_int_equal(t->nrows, GK_MAX_TABLE_ROWS);
    assert_int_equal(t->ncells, GK_MAX_TABLE_ROWS);
    gk_table_free(t);
}

static void paragraph_is_squeezed(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    assert_true(gk_doc_add_paragraph(&doc, "  一、\t总体\xE3\x80\x80\xE3\x80\x80情况 \n ", 2));
    assert_int_equal(doc.count, 1);
    assert_int_equal(doc.blocks[0].kind, GK_BLOCK_PARAGRAPH);
    assert_string_equal(doc.blocks[0].text, "一、 总体 情况");
    assert_int_equal(doc.blocks[0].heading, 2);
    assert_null(doc.blocks[0].table);
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
}

static void every_white_space_character_is_squeezed(void **state)
{
    (void)state;
    static const char *const spaces[] = {" ", "\t", "\n", "\r", "\v", "\f", "\xC2\xA0", "\xE2\x80\x82",
                                         "\xE2\x80\x83", "\xE2\x80\x89", "\xE2\x80\x8B", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++) {
        char in[64];
        snprintf(in, sizeof in, "%s甲%s%s乙%s", spaces[i], spaces[i], spaces[i], spaces[i]);
        char *out = gk_text_squeeze(in);
        assert_string_equal(out, "甲 乙");
        free(out);
    }
    /* Look-alikes that are not white space stay, and so do invalid bytes
     * (a lone lead byte before a real U+3000 included). */
    char *out = gk_text_squeeze("\xE2\x80\x94\xC2\xB7\xE3\xE3\x80\x80x\xFF");
    assert_string_equal(out, "\xE2\x80\x94\xC2\xB7\xE3 x\xFF");
    free(out);
    out = gk_text_squeeze("\xE3\x80");
    assert_string_equal(out, "\xE3\x80"); /* cut short at the end */
    free(out);
}

static void utf8_validity_on_and_off_eight_byte_boundaries(void **state)
{
    (void)state;
    char s[40];
    for (size_t at = 0; at < 24; at++) {
        memset(s, 'a', sizeof s);
        s[at] = '\xFF';
        assert_false(gk_utf8_valid(s, sizeof s));
        memcpy(s + at, "\xE4\xB8\x80", 3); /* 一 */
        assert_true(gk_utf8_valid(s, sizeof s));
        assert_false(gk_utf8_valid(s, at + 2)); /* cut inside the character */
    }
}

static void empty_paragraph_is_ignored(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    assert_true(gk_doc_add_paragraph(&doc, "", 0));
    assert_true(gk_doc_add_paragraph(&doc, " \t\r\n\xC2\xA0\xE3\x80\x80", 0));
    assert_int_equal(doc.count, 0);
    assert_true(gk_doc_add_paragraph(&doc, "x", 0));
    assert_int_equal(doc.count, 1);
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
}

static void empty_table_is_not_added(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    gk_table *t = new_table();
    gk_table_begin_row(t);
    assert_true(gk_doc_add_table(&doc, t)); /* freed by the call */
    assert_int_equal(doc.count, 0);
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
}

static void clamped_table_is_added_with_a_diagnostic(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    gk_table *t = new_table();
    assert_true(gk_table_add_cell(t, "x", 1, 65000));
    assert_true(gk_doc_add_table(&doc, t));
    assert_int_equal(doc.count, 1);
    assert_int_equal(doc.blocks[0].kind, GK_BLOCK_TABLE);
    assert_ptr_equal(doc.blocks[0].table, t);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].severity, GK_SEV_WARNING);
    assert_non_null(strstr(diags.items[0].message, "4096"));
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
}

static void blocks_keep_their_order(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    for (int i = 0; i < 50; i++) { /* past the initial capacity */
        char s[16];
        snprintf(s, sizeof s, "p%d", i);
        assert_true(gk_doc_add_paragraph(&doc, s, 0));
        if (i == 20) {
            gk_table *t = new_table();
            assert_true(gk_table_add_cell(t, "cell", 1, 1));
            assert_true(gk_doc_add_table(&doc, t));
        }
    }
    assert_int_equal(doc.count, 51);
    assert_string_equal(doc.blocks[0].text, "p0");
    assert_int_equal(doc.blocks[21].kind, GK_BLOCK_TABLE);
    assert_string_equal(doc.blocks[22].text, "p21");
    assert_string_equal(doc.blocks[50].text, "p49");
    assert_int_equal(diags.count, 0);
    gk_doc_free(&doc);
    assert_int_equal(doc.count, 0);
    gk_diag_list_free(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simple_grid),
        cmocka_unit_test(add_cell_without_begin_row_starts_row_zero),
        cmocka_unit_test(cell_text_is_squeezed),
        cmocka_unit_test(rowspan_and_colspan_cover_their_slots),
        cmocka_unit_test(cells_skip_slots_occupied_from_above),
        cmocka_unit_test(header_like_table_three),
        cmocka_unit_test(at_outside_the_grid_is_minus_one),
        cmocka_unit_test(grid_grows_and_keeps_contents),
        cmocka_unit_test(merge_down_extends_cell_above),
        cmocka_unit_test(merge_down_first_column_then_cell),
        cmocka_unit_test(merge_down_of_wide_cell),
        cmocka_unit_test(merge_down_without_cell_above_adds_empty_cell),
        cmocka_unit_test(merge_down_below_inner_part_of_wide_cell_adds_empty_cell),
        cmocka_unit_test(merge_down_wider_than_the_limit_is_clamped),
        cmocka_unit_test(skip_cols_leaves_slots_empty),
        cmocka_unit_test(skip_cols_negative_is_ignored),
        cmocka_unit_test(skip_cols_after_occupied_slot),
        cmocka_unit_test(huge_rowspan_is_clamped),
        cmocka_unit_test(huge_colspan_is_clamped),
        cmocka_unit_test(too_many_rows_are_dropped),
        cmocka_unit_test(paragraph_is_squeezed),
        cmocka_unit_test(every_white_space_character_is_squeezed),
        cmocka_unit_test(utf8_validity_on_and_off_eight_byte_boundaries),
        cmocka_unit_test(empty_paragraph_is_ignored),
        cmocka_unit_test(empty_table_is_not_added),
        cmocka_unit_test(clamped_table_is_added_with_a_diagnostic),
        cmocka_unit_test(blocks_keep_their_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
