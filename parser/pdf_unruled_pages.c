/* pdf_unruled_pages.c — a page's tables drawn without rulings, and a
 * table's parts joined over page breaks.  Each header found on the page
 * (pdf_unruled_header.c) starts a table read from the lines below it
 * (pdf_unruled_place.c); a table the page's end cuts carries its header to
 * the next page, whose first rows continue it, and the end of a row the
 * break cut is glued back onto the row it ends. */
#include <stdlib.h>
#include <string.h>

#include "pdf_unruled.h"
#include "vocab.h"

gk_pdf_unruled_reading gk_pdf_unruled_mode = GK_PDF_UNRULED_COLUMNS;

/* ---- a table's header carried over a page break ---- */

void gk_pdf_header_free(gk_pdf_header *h)
{
    if (h)
        gk_unruled_header_clear(h);
    free(h);
}

/* A copy of h without its words (they stay on their page): the header of
 * a table cut by the page's end, for the rows on the next page. */
static gk_pdf_header *header_carry(const header *h)
{
    gk_pdf_header *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->b0 = h->b0;
    c->b1 = h->b1;
    c->blocks = calloc(h->nblocks + 1, sizeof *c->blocks);
    c->leaves = malloc(((size_t)h->nleaves + 1) * sizeof *c->leaves);
    if (!c->blocks || !c->leaves) {
        gk_pdf_header_free(c);
        return NULL;
    }
    for (size_t i = 0; i < h->nblocks; i++) {
        c->blocks[i] = h->blocks[i];
        c->blocks[i].nwords = 0;
        c->blocks[i].first = 0;
        if (!(c->blocks[i].text = gk_strdup(h->blocks[i].text))) {
            c->nblocks = i;
            gk_pdf_header_free(c);
            return NULL;
        }
        c->nblocks = i + 1;
    }
    memcpy(c->leaves, h->leaves, (size_t)h->nleaves * sizeof *c->leaves);
    c->nleaves = h->nleaves;
    return c;
}

/* Whether the lines from l on are all in the page's bottom band (page
 * numbers, footers): a table ending there was cut by the page's end. */
static bool only_footer_after(const gk_pdf_words *W, size_t l, const gk_pdf_page *page)
{
    for (; l < W->nlines; l++)
        if (W->lines[l].box.y0 < page->height * (1 - GK_PDF_MARGIN_BAND))
            return false;
    return true;
}

/* Whether two headers name the same columns: a table's header repeated
 * at the top of its next page. */
static bool same_columns(const header *a, const header *b)
{
    if (a->nleaves != b->nleaves)
        return false;
    for (int k = 0; k < a->nleaves; k++)
        if (strcmp(a->blocks[a->leaves[k]].text, b->blocks[b->leaves[k]].text))
            return false;
    return true;
}

/* ---- a page's tables ---- */

static bool grow(gk_pdf_table **tables, size_t count, size_t *cap)
{
    if (count < *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 4;
    gk_pdf_table *p = realloc(*tables, n * sizeof *p);
    if (!p)
        return false;
    *tables = p;
    *cap = n;
    return true;
}

/* The page's tables, the first continuing the carried header's table when
 * the page starts with its rows; *carry becomes the header of a table cut
 * by this page's end, or NULL. */
static gk_status page_tables(const gk_pdf_words *W, const gk_pdf_page *page, bool *in_table, gk_pdf_header **carry,
                             gk_pdf_table **tables, size_t *count)
{
    size_t cap = 0, l = 0;
    const header *cut = NULL; /* the header of a table the page's end cut */
    bool cut_row = false;     /* and whether it cut one of its rows */
    header own[2];            /* the last two headers found: the last may be cut */
    int nown = 0;
    gk_status st = GK_OK;
    bool at_start = true;
    memset(own, 0, sizeof own);
    while (st == GK_OK && l < W->nlines) {
        header *h = &own[nown % 2];
        gk_unruled_header_clear(h);
        bool found;
        st = gk_unruled_find_header(W, l, h, &found);
        bool carried = !found && at_start && *carry;
        bool continues =
            at_start && *carry && (*carry)->cut_row && (carried || (found && same_columns(h, *carry)));
        at_start = false;
        if (st != GK_OK || (!found && !carried)) {
            l++;
            continue;
        }
        if (!grow(tables, *count, &cap)) {
            st = GK_ERR_NOMEM;
            break;
        }
        bool made;
        size_t next;
        const header *use = carried ? *carry : h;
        st = gk_unruled_read_table(W, use, carried ? l : h->b1, carried, continues, page, in_table,
                                   &(*tables)[*count], &made, &next);
        *count += made;
        nown += !carried;
        cut = only_footer_after(W, next, page) ? use : NULL;
        cut_row = made && ((*tables)[*count - 1].data_rows > 0 || continues);
        l = next > l ? next : l + 1;
    }
    gk_pdf_header *copy = NULL;
    if (st == GK_OK && cut && !(copy = header_carry(cut)))
        st = GK_ERR_NOMEM;
    if (copy)
        copy->cut_row = cut_row;
    if (st == GK_OK && cut && cut != *carry)
        gk_unruled_mark_header(W, cut, in_table); /* its rows are on the next page */
    gk_pdf_header_free(*carry);
    *carry = copy;
    gk_unruled_header_clear(&own[0]);
    gk_unruled_header_clear(&own[1]);
    return st;
}

gk_status gk_pdf_find_unruled(const gk_pdf_page *page, bool *in_table, gk_pdf_header **carry, gk_pdf_table **tables,
                              size_t *count)
{
    *tables = NULL;
    *count = 0;
    gk_pdf_words W;
    gk_status st = gk_pdf_words_build(page, in_table, &W);
    for (size_t i = 0; st == GK_OK && i < W.nwords; i++) /* once: every band looked at reads them */
        st = gk_unruled_names(W.words[i].text, &W.words[i].names);
    if (st == GK_OK)
        st = page_tables(&W, page, in_table, carry, tables, count);
    gk_pdf_words_free(&W);
    if (st == GK_OK && *count == 0) {
        free(*tables); /* grown for a header whose table had no rows */
        *tables = NULL;
    }
    if (st != GK_OK) {
        for (size_t i = 0; i < *count; i++)
            gk_pdf_table_free(&(*tables)[i]);
        free(*tables);
        *tables = NULL;
        *count = 0;
    }
    return st;
}

/* ---- the row a page break cut, glued back ---- */

/* The cell of t at (r, c), added empty when there is none; NULL when out
 * of memory. */
static gk_pdf_cell *cell_at(gk_pdf_table *t, int r, int c, bool *added)
{
    *added = false;
    for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i].r0 == r && t->cells[i].c0 == c)
            return &t->cells[i];
    gk_pdf_cell *cells = realloc(t->cells, (t->ncells + 1) * sizeof *cells);
    if (!cells)
        return NULL;
    t->cells = cells;
    *added = true;
    cells[t->ncells] = (gk_pdf_cell){r, r + 1, c, c + 1, NULL};
    return &cells[t->ncells++];
}

/* Appends text to a cell's, as the next line of a wrapped label. */
static bool cell_append(gk_pdf_cell *cell, const char *text)
{
    gk_buf joined;
    gk_buf_init(&joined);
    if (cell->text)
        gk_buf_adds(&joined, cell->text);
    gk_pdf_append_line(&joined, text);
    char *s = gk_buf_take(&joined);
    if (!s)
        return false;
    free(cell->text);
    cell->text = s;
    return true;
}

/* The rightmost label cell of row r, or NULL. */
static gk_status row_label(gk_pdf_table *t, int r, gk_pdf_cell **label)
{
    *label = NULL;
    for (size_t i = 0; i < t->ncells; i++) {
        gk_pdf_cell *c = &t->cells[i];
        if (c->r0 != r || c->c0 >= t->label_cols)
            continue;
        gk_val v = gk_value_parse(c->text, true);
        if (v.kind == GK_VAL_ERROR)
            return v.error;
        if (v.kind != GK_VAL_NUMBER && (!*label || c->c0 > (*label)->c0))
            *label = c;
    }
    return GK_OK;
}

/* Whether next's first row ends prev's last (the page break cut it): no
 * label of its own (only the end of one, naming no row), and values only
 * where prev's last row has none. */
static gk_status ends_row(gk_pdf_table *prev, int last, const gk_pdf_table *next, bool *ends)
{
    *ends = next->lead_row >= 0;
    for (size_t i = 0; *ends && i < next->ncells; i++) {
        const gk_pdf_cell *c = &next->cells[i];
        if (c->r0 != next->lead_row)
            continue;
        if (c->c0 < next->label_cols) {
            char *core = gk_label_core(c->text);
            if (!core)
                return GK_ERR_NOMEM;
            *ends = gk_vocab_id(GK_TERM_ROW, core) < 0 && gk_vocab_id(GK_TERM_ITEM, core) < 0;
            free(core);
            continue;
        }
        for (size_t k = 0; k < prev->ncells; k++)
            if (prev->cells[k].r0 == last &&
                prev->cells[k].c0 - prev->label_cols == c->c0 - next->label_cols)
                *ends = false;
    }
    return GK_OK;
}

/* Moves next's first row into prev's last: its label's end appended, then
 * (cells added to prev may move its cells) its values into their columns. */
static gk_status move_row(gk_pdf_table *prev, int last, gk_pdf_table *next)
{
    gk_pdf_cell *label;
    gk_status st = row_label(prev, last, &label);
    for (size_t i = 0; st == GK_OK && label && i < next->ncells; i++) {
        gk_pdf_cell *c = &next->cells[i];
        if (c->r0 == next->lead_row && c->c0 < next->label_cols && !cell_append(label, c->text))
            st = GK_ERR_NOMEM;
    }
    size_t kept = 0;
    for (size_t i = 0; i < next->ncells; i++) {
        gk_pdf_cell *c = &next->cells[i];
        if (c->r0 != next->lead_row || st != GK_OK) {
            next->cells[kept++] = *c;
            continue;
        }
        bool added;
        gk_pdf_cell *to = c->c0 < next->label_cols
                              ? NULL
                              : cell_at(prev, last, prev->label_cols + c->c0 - next->label_cols, &added);
        if (to) { /* its slot was empty (ends_row) */
            to->text = c->text;
            c->text = NULL;
        } else if (c->c0 >= next->label_cols) {
            st = GK_ERR_NOMEM;
        }
        free(c->text);
    }
    next->ncells = kept;
    next->data_rows--;
    next->lead_row = -1;
    return st;
}

gk_status gk_pdf_glue_lead(gk_pdf_table *prev, gk_pdf_table *next)
{
    if (!prev->data_rows)
        return GK_OK;
    int last = prev->nrows - 1;
    gk_pdf_cell *label;
    gk_status st = next->lead ? row_label(prev, last, &label) : GK_OK;
    if (st == GK_OK && next->lead && label && !cell_append(label, next->lead))
        st = GK_ERR_NOMEM;
    bool ends = false;
    if (st == GK_OK)
        st = ends_row(prev, last, next, &ends);
    return st == GK_OK && ends ? move_row(prev, last, next) : st;
}
