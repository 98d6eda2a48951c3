/* model.c — the document model: paragraphs and tables whose merged cells are
 * expanded into a grid, each slot pointing at the one cell it came from. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void gk_doc_init(gk_document *doc, gk_diag_list *diags)
{
    memset(doc, 0, sizeof *doc);
    doc->diags = diags;
}

void gk_doc_free(gk_document *doc)
{
    for (size_t i = 0; i < doc->count; i++) {
        free(doc->blocks[i].text);
        gk_table_free(doc->blocks[i].table);
    }
    free(doc->blocks);
    doc->blocks = NULL;
    doc->count = doc->cap = 0;
}

static gk_block *doc_push(gk_document *doc)
{
    if (doc->count == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 32;
        gk_block *p = realloc(doc->blocks, cap * sizeof *p);
        if (!p)
            return NULL;
        doc->blocks = p;
        doc->cap = cap;
    }
    gk_block *b = &doc->blocks[doc->count];
    memset(b, 0, sizeof *b);
    return b;
}

bool gk_doc_add_paragraph(gk_document *doc, const char *text, int heading)
{
    char *t = gk_text_squeeze(text);
    if (!t)
        return false;
    if (!*t) {
        free(t);
        return true;
    }
    gk_block *b = doc_push(doc);
    if (!b) {
        free(t);
        return false;
    }
    b->kind = GK_BLOCK_PARAGRAPH;
    b->text = t;
    b->heading = heading;
    doc->count++;
    return true;
}

bool gk_doc_add_lines(gk_document *doc, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = gk_strndup(p, n);
        bool ok = line && gk_doc_add_paragraph(doc, line, 0);
        free(line);
        if (!ok)
            return false;
        p += n + (nl ? 1 : 0);
    }
    return true;
}

void gk_doc_move_last(gk_document *doc, size_t to)
{
    if (!doc->count || to >= doc->count - 1)
        return;
    gk_block last = doc->blocks[doc->count - 1];
    memmove(&doc->blocks[to + 1], &doc->blocks[to], (doc->count - 1 - to) * sizeof last);
    doc->blocks[to] = last;
}

bool gk_doc_add_table(gk_document *doc, gk_table *table)
{
    if (table->ncells == 0) {
        gk_table_free(table);
        return true;
    }
    size_t slots = (size_t)table->rows_cap * (size_t)table->cols_cap;
    if (doc->grid_slots + slots > GK_MAX_DOC_SLOTS) {
        if (!doc->tables_dropped && doc->diags)
            gk_diag_add(doc->diags, GK_SEV_ERROR, "table",
                        "the document's tables exceed %d grid cells in all; the tables past that were dropped",
                        GK_MAX_DOC_SLOTS);
        doc->tables_dropped = true;
        gk_table_free(table);
        return true;
    }
    doc->grid_slots += slots;
    if (table->clamped && doc->diags)
        gk_diag_add(doc->diags, GK_SEV_WARNING, "table",
                    "a table exceeded %d rows or %d columns (or a span did); it was cut there",
                    GK_MAX_TABLE_ROWS, GK_MAX_TABLE_COLS);
    gk_block *b = doc_push(doc);
    if (!b) {
        gk_table_free(table);
        return false;
    }
    b->kind = GK_BLOCK_TABLE;
    b->table = table;
    doc->count++;
    return true;
}

gk_table *gk_table_new(void)
{
    gk_table *t = calloc(1, sizeof *t);
    if (t)
        t->cur_row = -1;
    return t;
}

void gk_table_free(gk_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->grid);
    free(t);
}

/* Grows the grid so that (rows × cols) fits, keeping what it holds. */
static bool grid_fit(gk_table *t, int rows, int cols)
{
    if (rows <= t->rows_cap && cols <= t->cols_cap)
        return true;
    int rc = t->rows_cap ? t->rows_cap : 16, cc = t->cols_cap ? t->cols_cap : 8;
    while (rc < rows)
        rc *= 2;
    while (cc < cols)
        cc *= 2;
    int *g = malloc((size_t)rc * (size_t)cc * sizeof *g);
    if (!g)
        return false;
    for (size_t i = 0; i < (size_t)rc * (size_t)cc; i++)
        g[i] = -1;
    for (int r = 0; r < t->rows_cap; r++)
        memcpy(g + (size_t)r * cc, t->grid + (size_t)r * t->cols_cap, (size_t)t->cols_cap * sizeof *g);
    free(t->grid);
    t->grid = g;
    t->rows_cap = rc;
    t->cols_cap = cc;
    return true;
}

int gk_table_at(const gk_table *t, int row, int col)
{
    if (row < 0 || col < 0 || row >= t->rows_cap || col >= t->cols_cap)
        return -1;
    return t->grid[(size_t)row * t->cols_cap + col];
}

void gk_table_begin_row(gk_table *t)
{
    if (t->cur_row + 1 >= GK_MAX_TABLE_ROWS) {
        t->clamped = true;
        t->cur_col = GK_MAX_TABLE_COLS; /* cells of this row are dropped */
        return;
    }
    t->cur_row++;
    t->cur_col = 0;
    if (t->nrows < t->cur_row + 1)
        t->nrows = t->cur_row + 1;
}

static void skip_occupied(gk_table *t)
{
    while (t->cur_col < GK_MAX_TABLE_COLS && gk_table_at(t, t->cur_row, t->cur_col) >= 0)
        t->cur_col++;
}

void gk_table_skip_cols(gk_table *t, int n)
{
    if (n < 0)
        return;
    skip_occupied(t);
    t->cur_col = n > GK_MAX_TABLE_COLS - t->cur_col ? GK_MAX_TABLE_COLS : t->cur_col + n;
}

static bool place(gk_table *t, int cell, int row, int col, int rowspan, int colspan)
{
    if (!grid_fit(t, row + rowspan, col + colspan))
        return false;
    for (int r = row; r < row + rowspan; r++)
        for (int c = col; c < col + colspan; c++)
            if (t->grid[(size_t)r * t->cols_cap + c] < 0)
                t->grid[(size_t)r * t->cols_cap + c] = cell;
    if (t->nrows < row + rowspan)
        t->nrows = row + rowspan;
    if (t->ncols < col + colspan)
        t->ncols = col + colspan;
    return true;
}

bool gk_table_add_cell(gk_table *t, const char *text, int colspan, int rowspan)
{
    if (t->cur_row < 0)
        gk_table_begin_row(t);
    skip_occupied(t);
    if (colspan < 1)
        colspan = 1;
    if (rowspan < 1)
        rowspan = 1;
    if (t->cur_col >= GK_MAX_TABLE_COLS) {
        t->clamped = true;
        return true;
    }
    if (colspan > GK_MAX_TABLE_COLS - t->cur_col) {
        colspan = GK_MAX_TABLE_COLS - t->cur_col;
        t->clamped = true;
    }
    if (rowspan > GK_MAX_TABLE_ROWS - t->cur_row) {
        rowspan = GK_MAX_TABLE_ROWS - t->cur_row;
        t->clamped = true;
    }
    /* keep rows × columns within GK_MAX_TABLE_SLOTS: spans shrink first,
     * and a cell that cannot fit at all is dropped */
    int cols = t->ncols > t->cur_col + colspan ? t->ncols : t->cur_col + colspan;
    int rows = t->nrows > t->cur_row + rowspan ? t->nrows : t->cur_row + rowspan;
    if ((long)rows * cols > GK_MAX_TABLE_SLOTS) {
        t->clamped = true;
        rowspan = 1;
        rows = t->nrows > t->cur_row + 1 ? t->nrows : t->cur_row + 1;
        if ((long)rows * cols > GK_MAX_TABLE_SLOTS) {
            colspan = 1;
            cols = t->ncols > t->cur_col + 1 ? t->ncols : t->cur_col + 1;
        }
        if ((long)rows * cols > GK_MAX_TABLE_SLOTS)
            return true;
    }
    if (t->ncells == t->cells_cap) {
        size_t cap = t->cells_cap ? t->cells_cap * 2 : 32;
        gk_cell *p = realloc(t->cells, cap * sizeof *p);
        if (!p)
            return false;
        t->cells = p;
        t->cells_cap = cap;
    }
    char *copy = gk_text_squeeze(text ? text : "");
    if (!copy)
        return false;
    int idx = (int)t->ncells;
    gk_cell *c = &t->cells[idx];
    c->text = copy;
    c->term = NULL;
    c->row = t->cur_row;
    c->col = t->cur_col;
    c->rowspan = rowspan;
    c->colspan = colspan;
    if (!place(t, idx, c->row, c->col, rowspan, colspan)) {
        free(copy);
        return false;
    }
    t->ncells++;
    t->cur_col += colspan;
    return true;
}

bool gk_table_merge_down(gk_table *t, int colspan)
{
    if (t->cur_row < 0)
        gk_table_begin_row(t);
    skip_occupied(t);
    int above = gk_table_at(t, t->cur_row - 1, t->cur_col);
    if (above < 0 || t->cells[above].col != t->cur_col)
        return gk_table_add_cell(t, "", colspan, 1);
    gk_cell *c = &t->cells[above];
    int span = c->colspan > colspan ? c->colspan : colspan;
    if (span > GK_MAX_TABLE_COLS - c->col) {
        span = GK_MAX_TABLE_COLS - c->col;
        t->clamped = true;
    }
    int cols = t->ncols > c->col + span ? t->ncols : c->col + span;
    if ((long)(t->cur_row + 1) * cols > GK_MAX_TABLE_SLOTS) {
        t->clamped = true;
        return true; /* the merge would overflow the grid: dropped */
    }
    c->rowspan = t->cur_row - c->row + 1;
    if (!place(t, above, t->cur_row, c->col, 1, span))
        return false;
    t->cur_col += span;
    return true;
}
