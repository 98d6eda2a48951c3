/* pdf_join.c — tables over page breaks, and table parts into the model.
 * The part on the next page is appended to the first: columns matched by
 * position, a header row repeated on the new page dropped, and the cells
 * the break cut in two joined again — a merged label cell ("（四）无" |
 * "法提供"), the continuation of a tall cell (empty below the break), or a
 * whole row whose label and values fell on both sides. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "pdf.h"

bool gk_pdf_continues(const gk_pdf_table *a, const gk_pdf_table *b)
{
    return a->ncells && b->ncells && !a->unruled && !b->unruled && b->page == a->page + 1 && fabsf(a->box.x0 - b->box.x0) <= GK_PDF_SAME_EDGE &&
           fabsf(a->box.x1 - b->box.x1) <= GK_PDF_SAME_EDGE;
}

/* ---- what a cell holds ---- */

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ')
            return false;
    return true;
}

/* What a cell's text is, for telling cut cells apart: a value (a number
 * or a zero marker), a label starting with its numbering ("（三）", "2."),
 * or other text.  Examining it can fail (memory, a pattern's limit): the
 * first failure is kept in *failed and the join fails with it. */
typedef enum { TEXT_OTHER, TEXT_VALUE, TEXT_NUMBERED } text_kind;

static text_kind kind_of(const char *s, bool *failed)
{
    gk_val v = gk_value_parse(s, true);
    if (v.kind == GK_VAL_ERROR) {
        *failed = true;
        return TEXT_OTHER;
    }
    if (v.kind == GK_VAL_NUMBER)
        return TEXT_VALUE;
    char *norm = gk_label_normalize(s);
    if (!norm) {
        *failed = true;
        return TEXT_OTHER;
    }
    gk_match m;
    int rc = gk_pattern_match(GK_PAT_NUMBERING, norm, strlen(norm), &m);
    free(norm);
    if (rc < 0)
        *failed = true;
    return rc == 1 && m.end[0] > 0 ? TEXT_NUMBERED : TEXT_OTHER;
}

/* ---- columns ---- */

static int nearest(const float *xs, int n, float x)
{
    int best = 0;
    for (int i = 1; i <= n; i++)
        if (fabsf(xs[i] - x) < fabsf(xs[best] - x))
            best = i;
    return best;
}

/* Both parts' column boundaries as one list; their cells renumbered. */
static bool unite_columns(gk_pdf_table *a, gk_pdf_table *b)
{
    int n = a->ncols + b->ncols + 2;
    float *xs = malloc((size_t)n * sizeof *xs);
    if (!xs)
        return false;
    int k = 0;
    for (int i = 0; i <= a->ncols; i++)
        xs[k++] = a->xs[i];
    for (int i = 0; i <= b->ncols; i++) {
        int near = nearest(a->xs, a->ncols, b->xs[i]);
        if (fabsf(a->xs[near] - b->xs[i]) > GK_PDF_SNAP)
            xs[k++] = b->xs[i];
    }
    for (int i = 1; i < k; i++) /* insertion sort: a few dozen at most */
        for (int j = i; j > 0 && xs[j] < xs[j - 1]; j--) {
            float t = xs[j];
            xs[j] = xs[j - 1];
            xs[j - 1] = t;
        }
    gk_pdf_table *parts[2] = {a, b};
    for (int p = 0; p < 2; p++)
        for (size_t i = 0; i < parts[p]->ncells; i++) {
            gk_pdf_cell *c = &parts[p]->cells[i];
            c->c0 = nearest(xs, k - 1, parts[p]->xs[c->c0]);
            c->c1 = nearest(xs, k - 1, parts[p]->xs[c->c1]);
            if (c->c1 <= c->c0)
                c->c1 = c->c0 + 1;
        }
    free(a->xs);
    a->xs = xs;
    a->ncols = k - 1;
    return true;
}

/* ---- the rows at the seam ---- */

/* Rows [0, k) of t close (no cell runs from row k-1 into row k). */
static bool rows_close(const gk_pdf_table *t, int k)
{
    for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i].r0 < k && t->cells[i].r1 > k)
            return false;
    return true;
}

/* The cell whose top-left slot is (r, c), or NULL (cells are in
 * row-major order of their top-left slot). */
static gk_pdf_cell *cell_at(const gk_pdf_table *t, int r, int c)
{
    size_t lo = 0, hi = t->ncells;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const gk_pdf_cell *m = &t->cells[mid];
        if (m->r0 < r || (m->r0 == r && m->c0 < c))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->ncells && t->cells[lo].r0 == r && t->cells[lo].c0 == c ? &t->cells[lo] : NULL;
}

/* b's first k rows repeat a's first k rows (a header repeated on the new
 * page): same cells, same text, some text at all. */
static bool repeats_header(const gk_pdf_table *a, const gk_pdf_table *b, int k, bool *failed)
{
    if (!rows_close(a, k) || !rows_close(b, k))
        return false;
    bool any_text = false;
    for (size_t i = 0; i < b->ncells && b->cells[i].r0 < k; i++) {
        const gk_pdf_cell *y = &b->cells[i];
        const gk_pdf_cell *x = cell_at(a, y->r0, y->c0);
        if (!x || x->r1 != y->r1 || x->c1 != y->c1 || strcmp(x->text, y->text) != 0 ||
            kind_of(y->text, failed) == TEXT_VALUE)
            return false;
        any_text |= !blank(y->text);
    }
    return any_text;
}

/* Removes b's first k rows. */
static void drop_rows(gk_pdf_table *b, int k)
{
    size_t out = 0;
    for (size_t i = 0; i < b->ncells; i++) {
        gk_pdf_cell c = b->cells[i];
        if (c.r0 < k) {
            free(c.text);
            continue;
        }
        c.r0 -= k;
        c.r1 -= k;
        b->cells[out++] = c;
    }
    b->ncells = out;
    b->nrows -= k;
}

/* Whether the break cut one row in two: no column has, on both sides, a
 * value or a label that starts a new row. */
static bool row_cut(const gk_pdf_table *a, const gk_pdf_table *b, bool *failed)
{
    for (size_t i = 0; i < a->ncells; i++) {
        const gk_pdf_cell *x = &a->cells[i];
        if (x->r1 != a->nrows || blank(x->text))
            continue;
        const gk_pdf_cell *y = cell_at(b, 0, x->c0);
        if (!y || y->c1 != x->c1 || blank(y->text))
            continue;
        if (kind_of(x->text, failed) == TEXT_VALUE || kind_of(y->text, failed) != TEXT_OTHER)
            return false;
    }
    return true;
}

/* Whether the cell above the break (x) and the one below (y) are one. */
static bool one_cell(const gk_pdf_cell *x, const gk_pdf_cell *y, bool whole_row, bool *failed)
{
    if (whole_row)
        return true;
    if (blank(x->text))
        return false; /* a blank value stays its own row's */
    if (blank(y->text))
        return kind_of(x->text, failed) != TEXT_VALUE; /* a tall label's continuation */
    /* a label cut mid-word */
    return kind_of(x->text, failed) != TEXT_VALUE && kind_of(y->text, failed) == TEXT_OTHER;
}

/* Each cell of b's first row has a cell of a's last row above it, with
 * the same columns, or is blank and ends with the row (it is dropped: the
 * cells above cover its columns). */
static bool all_paired(const gk_pdf_table *a, const gk_pdf_table *b)
{
    for (size_t i = 0; i < b->ncells && b->cells[i].r0 == 0; i++) {
        const gk_pdf_cell *y = &b->cells[i];
        bool found = y->r1 == 1 && blank(y->text);
        for (size_t k = 0; k < a->ncells && !found; k++)
            found = a->cells[k].r1 == a->nrows && a->cells[k].c0 == y->c0 && a->cells[k].c1 == y->c1;
        if (!found)
            return false;
    }
    return true;
}

/* Joins the cells cut by the break; b's joined cells are emptied (r1 = r0).
 * A row cut in two whose every cell pairs up becomes one grid row again:
 * *folded says so, and b's rows then go one up. */
static bool glue_seam(gk_pdf_table *a, gk_pdf_table *b, bool *folded)
{
    bool failed = false;
    bool whole_row = row_cut(a, b, &failed);
    *folded = whole_row && all_paired(a, b);
    int offset = a->nrows - (*folded ? 1 : 0);
    for (size_t i = 0; i < a->ncells; i++) {
        gk_pdf_cell *x = &a->cells[i];
        if (x->r1 != a->nrows)
            continue;
        gk_pdf_cell *y = cell_at(b, 0, x->c0);
        if (!y || y->c1 != x->c1 || !one_cell(x, y, whole_row, &failed))
            continue;
        gk_buf t;
        gk_buf_init(&t);
        gk_buf_adds(&t, x->text);
        gk_buf_adds(&t, y->text);
        char *joined = gk_buf_take(&t);
        if (!joined)
            return false;
        free(x->text);
        x->text = joined;
        x->r1 = offset + y->r1;
        y->r1 = y->r0; /* taken */
    }
    for (size_t i = 0; *folded && i < b->ncells && b->cells[i].r0 == 0; i++)
        if (b->cells[i].r1 == 1 && blank(b->cells[i].text))
            b->cells[i].r1 = 0; /* a blank piece of the folded row: dropped */
    return !failed;
}

bool gk_pdf_join(gk_pdf_table *a, gk_pdf_table *b)
{
    if (!unite_columns(a, b))
        return false;
    int most = b->nrows - 1 < GK_PDF_MAX_HEADER_ROWS ? b->nrows - 1 : GK_PDF_MAX_HEADER_ROWS;
    bool failed = false;
    for (int k = most; k >= 1; k--)
        if (k < a->nrows && repeats_header(a, b, k, &failed)) {
            drop_rows(b, k);
            break;
        }
    bool folded;
    if (failed || !glue_seam(a, b, &folded))
        return false;
    int offset = a->nrows - (folded ? 1 : 0);
    size_t need = a->ncells + b->ncells;
    gk_pdf_cell *cells = realloc(a->cells, (need ? need : 1) * sizeof *cells);
    if (!cells)
        return false;
    a->cells = cells;
    for (size_t i = 0; i < b->ncells; i++) {
        gk_pdf_cell c = b->cells[i];
        if (c.r1 == c.r0) {
            free(c.text);
            continue;
        }
        c.r0 += offset;
        c.r1 += offset;
        a->cells[a->ncells++] = c;
    }
    b->ncells = 0;
    a->nrows = offset + b->nrows;
    a->page = b->page;
    a->box.y0 = b->box.y0;
    a->box.y1 = b->box.y1;
    a->bottom_open = b->bottom_open;
    return true;
}

static int cell_order(const void *p, const void *q)
{
    const gk_pdf_cell *x = p, *y = q;
    return x->r0 != y->r0 ? (x->r0 > y->r0) - (x->r0 < y->r0) : (x->c0 > y->c0) - (x->c0 < y->c0);
}

bool gk_pdf_emit_table(gk_pdf_table *t, gk_document *doc)
{
    if (t->ncells == 0) {
        char where[32];
        snprintf(where, sizeof where, "page %d", t->page);
        if (doc->diags && (size_t)t->nrows * (size_t)t->ncols > GK_MAX_TABLE_SLOTS)
            gk_diag_add(doc->diags, GK_SEV_ERROR, where,
                        "a table drawn with %d rows and %d columns is over the limit of %d grid cells; it was left out",
                        t->nrows, t->ncols, GK_MAX_TABLE_SLOTS);
        return true;
    }
    gk_table *out = gk_table_new();
    if (!out)
        return false;
    qsort(t->cells, t->ncells, sizeof *t->cells, cell_order);
    bool ok = true;
    size_t i = 0;
    for (int r = 0; ok && r < t->nrows; r++) {
        gk_table_begin_row(out);
        for (; ok && i < t->ncells && t->cells[i].r0 == r; i++) {
            const gk_pdf_cell *c = &t->cells[i];
            gk_table_skip_cols(out, 0);
            if (out->cur_col < c->c0)
                gk_table_skip_cols(out, c->c0 - out->cur_col);
            ok = gk_table_add_cell(out, c->text, c->c1 - c->c0, c->r1 - c->r0);
        }
    }
    if (!ok) {
        gk_table_free(out);
        return false;
    }
    size_t before = doc->count;
    if (!gk_doc_add_table(doc, out))
        return false;
    if (doc->count == before || !doc->diags)
        return true; /* an empty table, or one over the document's limit (said) */
    size_t index = 0;
    for (size_t i = 0; i < doc->count; i++)
        index += doc->blocks[i].kind == GK_BLOCK_TABLE;
    char where[48];
    if (t->first_page == t->page)
        snprintf(where, sizeof where, "page %d", t->page);
    else
        snprintf(where, sizeof where, "pages %d-%d", t->first_page, t->page);
    if (t->unruled)
        gk_diag_add(doc->diags, GK_SEV_INFO, where,
                    "table %zu drawn without rulings: its words placed into the columns of its header", index);
    else
        gk_diag_add(doc->diags, GK_SEV_INFO, where, "table %zu read from the page's rulings%s", index,
                    t->first_page == t->page ? "" : ", joined over the page breaks");
    return true;
}
