/* rows.c — grid rows as the table recognizers read them: each cell analysed
 * once, a row as its distinct cells, which code a cell names, value cells
 * mapped to codes and read per SPEC.md §2, header layouts, and the edition
 * a table's labels tell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

void gk_cells_free(gk_cell_info *info, size_t n)
{
    for (size_t i = 0; info && i < n; i++)
        free(info[i].core);
    free(info);
}

gk_status gk_cells_analyze(const gk_table *t, gk_cell_info **out)
{
    gk_cell_info *info = calloc(t->ncells ? t->ncells : 1, sizeof *info);
    if (!info)
        return GK_ERR_NOMEM;
    for (size_t i = 0; i < t->ncells; i++) {
        gk_val v = gk_value_parse(t->cells[i].text, true);
        if (v.kind == GK_VAL_ERROR) {
            gk_cells_free(info, i);
            return v.error;
        }
        info[i].blank = v.kind == GK_VAL_BLANK;
        info[i].value = v.kind == GK_VAL_NUMBER;
        info[i].term = t->cells[i].term;
        /* only labels are matched: a number's or a blank's core is "" */
        info[i].core = info[i].blank || info[i].value ? gk_strdup("") : gk_label_core(t->cells[i].text);
        if (!info[i].core) {
            gk_cells_free(info, i);
            return GK_ERR_NOMEM; /* out of memory, or a pattern that failed */
        }
    }
    *out = info;
    return GK_OK;
}

void gk_row_load(const gk_table *t, const gk_cell_info *info, int r, gk_trow *row)
{
    row->n = 0;
    row->last_label = -1;
    row->row_no = r;
    int prev = -1;
    for (int c = 0; c < t->ncols; c++) {
        int idx = gk_table_at(t, r, c);
        if (idx < 0 || idx == prev)
            continue;
        bool seen = false; /* a cell spanning rows is met once per row */
        for (int k = 0; k < row->n && !seen; k++)
            seen = row->cells[k].cell == &t->cells[idx];
        prev = idx;
        if (seen)
            continue;
        gk_rcell *rc = &row->cells[row->n];
        rc->cell = &t->cells[idx];
        rc->core = info[idx].core;
        rc->term = info[idx].term;
        rc->blank = info[idx].blank;
        rc->value = info[idx].value;
        if (!rc->blank && !rc->value)
            row->last_label = row->n;
        row->n++;
    }
}

/* Value cells: those right of the rightmost label that start in this row
 * (a cell spanning rows belongs to the row it starts in). */
int gk_row_values(const gk_trow *row, int r, const gk_rcell **out)
{
    int n = 0;
    for (int i = row->last_label + 1; i < row->n; i++)
        if (row->cells[i].cell->row == r)
            out[n++] = &row->cells[i];
    return n;
}

/* ---- which code a label names ---- */

/* The id of `kind` a cell names: what the reader knew (run-together text
 * hands its grids over with codes), else its label matched. */
int gk_cell_id(const gk_term *term, const char *core, gk_term_kind kind)
{
    if (term)
        return term->kind == kind ? term->id : -1;
    return gk_vocab_id(kind, core);
}

/* The same for a label that must be read even when misprinted (a row, an
 * item, a measure): one character off is allowed, and a tie between two
 * codes is reported by the caller. */
gk_term_match gk_cell_match(const gk_term *term, const char *core, gk_term_kind kind, int how)
{
    gk_term_match m = {-1, 0, -1, -1};
    if (term) {
        m.id = term->kind == kind ? term->id : -1;
        return m;
    }
    return gk_vocab_match(kind, core, how);
}

/* "fits penalty and enforcement equally" for a tie's diagnostic. */
void gk_tie_describe(gk_term_kind kind, const gk_term_match *m, char *buf, size_t cap)
{
    snprintf(buf, cap, "fits %s and %s equally%s", gk_code(kind, m->first), gk_code(kind, m->tie),
             m->errors ? " (each with one character off)" : "");
}


/* ---- mapping value cells to codes ---- */

/* Assigns value cells to `nk` codes: by order when the counts agree
 * (trimming blank slots that merged cells leave in text), else by the
 * header's column map.  Returns false when neither fits. */
bool gk_map_values(const gk_rcell *const *v, int nv, int nk, const int *colmap, int ncols,
                       const gk_rcell **assigned)
{
    for (int k = 0; k < nk; k++)
        assigned[k] = NULL;
    if (nv == nk) {
        for (int k = 0; k < nk; k++)
            assigned[k] = v[k];
        return true;
    }
    int lo = 0, hi = nv;
    while (lo < hi && v[lo]->blank)
        lo++;
    while (hi > lo && v[hi - 1]->blank)
        hi--;
    if (hi - lo == nk) {
        for (int k = 0; k < nk; k++)
            assigned[k] = v[lo + k];
        return true;
    }
    int filled = 0;
    for (int i = 0; i < nv; i++)
        filled += !v[i]->blank;
    if (filled == nk) {
        int k = 0;
        for (int i = 0; i < nv; i++)
            if (!v[i]->blank)
                assigned[k++] = v[i];
        return true;
    }
    if (!colmap || filled == 0)
        return filled == 0;
    for (int i = 0; i < nv; i++) {
        int col = v[i]->cell->col;
        int code = col < ncols ? colmap[col] : -1;
        if (code < 0 || code >= nk || assigned[code]) {
            if (!v[i]->blank)
                return false;
            continue;
        }
        assigned[code] = v[i];
    }
    return true;
}



/* Records an error (the first one stays) and says whether all is well. */
bool gk_rec_ok(gk_rctx *c, gk_status st)
{
    if (c->st == GK_OK)
        c->st = st;
    return c->st == GK_OK;
}

/* Parses an assigned cell into *out, recording provenance and problems
 * under the field "part.key.sub" (named only when something is recorded). */
void gk_take_value(gk_rctx *c, const gk_rcell *cell, bool decimal, const char *part, const char *key, const char *sub,
                       gk_num *out)
{
    out->present = false;
    out->decimal = decimal;
    out->value = 0;
    if (!cell)
        return;
    gk_val v = gk_value_parse(cell->cell->text, decimal);
    if (v.kind == GK_VAL_ERROR) {
        gk_rec_ok(c, v.error);
        return;
    }
    if (v.kind == GK_VAL_NUMBER) {
        *out = v.num;
        out->decimal = decimal;
    }
    if (v.kind == GK_VAL_BLANK || (v.kind == GK_VAL_NUMBER && v.plain))
        return;
    char field[160];
    snprintf(field, sizeof field, "%s.%s.%s", part, key, sub);
    gk_report_add_provenance(c->r, field, cell->cell->text);
    if (v.kind == GK_VAL_INVALID)
        gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where, "%s: cell \"%s\" is not a number; value left null",
                    field, cell->cell->text);
}



static int hdr_cmp(const void *a, const void *b)
{
    const gk_hdr *x = a, *y = b;
    if (x->col != y->col)
        return x->col - y->col;
    return y->row - x->row; /* the lower header row first */
}

/* From header entries: the column map (lower rows win) and the codes in
 * column order.  Returns how many distinct codes were ordered, or -1 when
 * the header's positions cannot be trusted. */
int gk_header_layout(gk_hdr *h, int nh, int ncodes, int *colmap, int ncols, int *order)
{
    for (int c = 0; c < GK_MAX_TABLE_COLS; c++) /* all of it: a later, wider table may read it */
        colmap[c] = -1;
    int maxrow = 0;
    for (int i = 0; i < nh; i++)
        if (h[i].row > maxrow)
            maxrow = h[i].row;
    for (int row = 0; row <= maxrow; row++) /* lower header rows overwrite */
        for (int i = 0; i < nh; i++)
            if (h[i].row == row)
                for (int c = h[i].col; c < h[i].col + h[i].colspan && c < ncols; c++)
                    colmap[c] = h[i].code;
    qsort(h, (size_t)nh, sizeof *h, hdr_cmp);
    /* Two labels starting in one column: the header was flattened (text
     * export keeps no spans), so its positions say nothing. */
    for (int i = 1; i < nh; i++)
        if (h[i].col == h[i - 1].col && h[i].code != h[i - 1].code)
            return -1;
    int n = 0;
    for (int i = 0; i < nh; i++) {
        bool dup = false;
        for (int k = 0; k < n && !dup; k++)
            dup = order[k] == h[i].code;
        if (!dup && n < ncodes)
            order[n++] = h[i].code;
    }
    return n;
}

/* The label cells of a row from index `from` to the rightmost, joined. */
void gk_label_join(const gk_trow *row, int from, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = from; i <= row->last_label && i < row->n; i++) {
        if (row->cells[i].blank || row->cells[i].value)
            continue;
        size_t n = strlen(row->cells[i].core);
        if (len + n + 1 >= cap)
            break;
        memcpy(out + len, row->cells[i].core, n + 1);
        len += n;
    }
}
/* Counts a label toward the edition it belongs to, when only one. */
void gk_edition_tell(int *told, gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    if (t && t->editions == GK_ED_2019)
        told[0]++;
    else if (t && t->editions == GK_ED_2021)
        told[1]++;
}

/* The edition more of a table's labels belong to; 0 when none tells. */
unsigned gk_edition_told(const int *told)
{
    return told[0] > told[1] ? GK_ED_2019 : told[1] > told[0] ? GK_ED_2021 : 0;
}
