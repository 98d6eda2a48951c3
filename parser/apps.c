/* apps.c — table 三 (applications received and how each was handled): its
 * rows by their labels, nearest first, its applicant columns by the header,
 * read over all the pieces a page break cut it into. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

/* A row of table 三: its rightmost label, else that label joined with the
 * ones before it, the nearest first — a label cut over two cells, or a
 * sub-row under its group's label, whose own words beat the group's. */
static gk_term_match row_match(const gk_trow *row)
{
    const gk_rcell *label = &row->cells[row->last_label];
    if (label->term)
        return gk_cell_match(label->term, label->core, GK_TERM_ROW, GK_MATCH_EXACT);
    /* keywords as written in any of the joins before a misprint in any */
    char joined[1024];
    for (int how = GK_MATCH_EXACT; how <= GK_MATCH_FUZZY; how++)
        for (int from = row->last_label; from >= 0; from--) {
            if (row->cells[from].blank || row->cells[from].value)
                continue;
            gk_label_join(row, from, joined, sizeof joined);
            gk_term_match m = gk_vocab_match(GK_TERM_ROW, joined, how);
            if (m.id >= 0 || m.tie >= 0)
                return m;
        }
    gk_term_match none = {-1, 0, -1, -1};
    return none;
}

static int row_id(const gk_trow *row) { return row_match(row).id; }

typedef struct {
    int order[GK_COL_COUNT];
    int colmap[GK_MAX_TABLE_COLS];
    bool have_header;
    bool colmap_trusted; /* the header named all 7 columns where they stand */
} apps_layout;

/* Whether a text cell names a row of table 三 on its own (misprinted too). */
static bool names_a_row(const gk_rcell *cell)
{
    gk_term_match m = gk_cell_match(cell->term, cell->core, GK_TERM_ROW, GK_MATCH_FUZZY);
    return m.id >= 0 || m.tie >= 0;
}

static bool under_a_column(const apps_layout *lay, const gk_rcell *cell)
{
    int col = cell->cell->col;
    return lay && lay->colmap_trusted && col >= 0 && col < GK_MAX_TABLE_COLS && lay->colmap[col] >= 0;
}

/* Whether the row's value cells fill the 7 columns with its rightmost
 * label taken to be the cell at `label`. */
static bool values_fit(gk_trow *row, int label, const apps_layout *lay, int ncols)
{
    int was = row->last_label;
    row->last_label = label;
    const gk_rcell *v[GK_MAX_TABLE_COLS], *assigned[GK_COL_COUNT];
    int nv = gk_row_values(row, row->row_no, v);
    row->last_label = was;
    return nv > 0 && gk_map_values(v, nv, GK_COL_COUNT, lay->have_header ? lay->colmap : NULL, ncols, assigned);
}

/* Text among a row's values ("abc" under 科研机构) is a cell that is no
 * number, not the row's label: taken for the rightmost label it would put
 * the number cells before it outside the row, dropped without a word.  A
 * text cell that names no row is a value when number cells stand between
 * it and the label before it, or when a header that named every column
 * puts it under an applicant column (and not that label), or when only as
 * a value do the row's cells fill the 7 columns (text in the first column
 * of a text export, whose header says nothing of positions).  It is then
 * read like the other value cells: null, with a diagnostic naming it. */
static void text_values_not_labels(gk_trow *row, const apps_layout *lay, int ncols)
{
    while (row->last_label > 0) {
        const gk_rcell *last = &row->cells[row->last_label];
        if (names_a_row(last))
            return;
        int before = row->last_label - 1, numbers = 0;
        for (; before >= 0 && (row->cells[before].blank || row->cells[before].value); before--)
            numbers += row->cells[before].value;
        if (before < 0)
            return;
        bool in_values = under_a_column(lay, last) && !under_a_column(lay, &row->cells[before]);
        if (!numbers && !in_values &&
            !(lay && !values_fit(row, row->last_label, lay, ncols) && values_fit(row, before, lay, ncols)))
            return;
        row->last_label = before;
    }
}

static void apps_header(gk_rctx *c, const gk_table *t, const gk_cell_info *info, int first_data, apps_layout *lay)
{
    gk_hdr h[GK_MAX_TABLE_COLS];
    int nh = 0;
    for (size_t i = 0; i < t->ncells && nh < GK_MAX_TABLE_COLS; i++) {
        const gk_cell *cell = &t->cells[i];
        if (cell->row >= first_data)
            continue;
        int code = gk_cell_id(info[i].term, info[i].core, GK_TERM_COLUMN);
        if (code >= 0)
            h[nh++] = (gk_hdr){code, cell->col, cell->colspan, cell->row + cell->rowspan - 1};
    }
    int n = gk_header_layout(h, nh, GK_COL_COUNT, lay->colmap, t->ncols, lay->order);
    lay->colmap_trusted = n == GK_COL_COUNT;
    if (n == GK_COL_COUNT) {
        lay->have_header = true;
        return;
    }
    if (n < 0)
        gk_diag_add(&c->r->diags, GK_SEV_INFO, c->where,
                    "table 三 header labels do not line up with columns; columns taken in template order");
    else if (nh > 0)
        gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where,
                    "table 三 header names %d of the 7 applicant columns; columns taken in template order", n);
    for (int k = 0; k < GK_COL_COUNT; k++)
        lay->order[k] = k;
    lay->have_header = nh > 0;
}

static void read_apps_row(gk_rctx *c, const gk_trow *row, int code, const apps_layout *lay, int ncols)
{
    gk_report *r = c->r;
    const gk_rcell *v[GK_MAX_TABLE_COLS], *assigned[GK_COL_COUNT];
    int nv = gk_row_values(row, row->row_no, v);
    if (!gk_map_values(v, nv, GK_COL_COUNT, lay->have_header ? lay->colmap : NULL, ncols, assigned)) {
        gk_diag_add(&r->diags, GK_SEV_ERROR, c->where,
                    "row %s: %d value cells do not match the 7 applicant columns; row left null",
                    gk_code(GK_TERM_ROW, code), nv);
        return;
    }
    for (int k = 0; k < GK_COL_COUNT; k++) {
        int col = lay->order[k];
        gk_take_value(c, assigned[k], false, "applications", gk_code(GK_TERM_ROW, code), gk_code(GK_TERM_COLUMN, col),
                   &r->apps[code][col]);
    }
}

void gk_recognize_apps(gk_rctx *c, const gk_table *const *tables, gk_cell_info *const *infos, const int *numbers,
                           int ntables)
{
    gk_report *r = c->r;
    apps_layout lay;
    for (int k = 0; k < GK_COL_COUNT; k++)
        lay.order[k] = k;
    lay.have_header = false;
    lay.colmap_trusted = false;
    gk_trow *row = malloc(sizeof *row);
    if (!row) {
        gk_rec_ok(c, GK_ERR_NOMEM);
        return;
    }
    bool in_group_six = false; /* over the pieces: a page break may fall inside （六） */
    for (int ti = 0; ti < ntables; ti++) {
        const gk_table *t = tables[ti];
        int first_data = -1;
        for (int rr = 0; rr < t->nrows && first_data < 0; rr++) {
            gk_row_load(t, infos[ti], rr, row);
            text_values_not_labels(row, NULL, t->ncols); /* the header is not read yet */
            if (row->last_label >= 0) {
                int code = row_id(row);
                const gk_rcell *v[GK_MAX_TABLE_COLS];
                int nv = gk_row_values(row, rr, v), filled = 0, numbers = 0;
                for (int i = 0; i < nv; i++) {
                    filled += !v[i]->blank;
                    numbers += v[i]->value;
                }
                /* 总计 and 其他 are header words too, unless numbers follow
                 * (a piece cut by a page break starting at （七）总计) */
                bool header_word = code == GK_ROW_RESULTS_TOTAL || code == GK_ROW_OTHER_OTHER;
                if (code >= 0 && nv > 0 && (!header_word || numbers >= 3) &&
                    (filled > 0 || code == GK_ROW_NEW_RECEIVED))
                    first_data = rr;
            }
        }
        if (first_data < 0)
            continue;
        if (first_data > 0 || !lay.have_header) {
            apps_layout fresh;
            snprintf(c->where, sizeof c->where, "table %d", numbers[ti]);
            apps_header(c, t, infos[ti], first_data, &fresh);
            if (fresh.have_header || first_data > 0)
                lay = fresh;
        }
        for (int rr = first_data; rr < t->nrows; rr++) {
            gk_row_load(t, infos[ti], rr, row);
            text_values_not_labels(row, &lay, t->ncols);
            snprintf(c->where, sizeof c->where, "table %d, row %d", numbers[ti], rr + 1);
            const gk_rcell *v[GK_MAX_TABLE_COLS];
            int nv = gk_row_values(row, rr, v);
            int filled = 0;
            for (int i = 0; i < nv; i++)
                filled += !v[i]->blank;
            if (row->last_label < 0) {
                if (filled)
                    gk_diag_add(&r->diags, GK_SEV_WARNING, c->where, "%d values in a row without a label were ignored", filled);
                continue;
            }
            char all[1024];
            gk_label_join(row, 0, all, sizeof all);
            gk_term_match m = row_match(row);
            int code = m.id;
            if (gk_vocab_has(GK_TERM_ROW, GK_ROW_OTHER_PROCESSING, all))
                in_group_six = true;
            if (code == GK_ROW_OTHER_OTHER && !in_group_six)
                code = -1;
            if (code < 0) {
                char why[160] = "is not a row of table 三";
                if (m.tie >= 0)
                    gk_tie_describe(GK_TERM_ROW, &m, why, sizeof why);
                if (filled || m.tie >= 0)
                    gk_diag_add(&r->diags, GK_SEV_WARNING, c->where, "row \"%s\" %s; its %d values were ignored",
                                row->cells[row->last_label].cell->text, why, filled);
                continue;
            }
            if (r->app_row_found[code]) {
                gk_diag_add(&r->diags, GK_SEV_WARNING, c->where, "row %s appears again; the first one is kept",
                            gk_code(GK_TERM_ROW, code));
                continue;
            }
            r->app_row_found[code] = true;
            r->has_applications = true;
            read_apps_row(c, row, code, &lay, t->ncols);
        }
    }
    free(row);
}


/* Table 三's rows as written: the edition's, and any other row it has. */
void gk_list_app_rows(gk_report *r)
{
    unsigned ed = r->apps_edition;
    for (int row = 0; row < GK_APP_ROW_COUNT; row++) {
        const gk_term *t = gk_term_get(GK_TERM_ROW, row);
        bool in_edition = t->editions & ed;
        if (in_edition || r->app_row_found[row])
            r->app_rows[r->app_row_count++] = row;
        if (in_edition && !r->app_row_found[row])
            gk_diag_add(&r->diags, GK_SEV_WARNING, "table 三", "row %s not found; its values are null", t->code);
    }
}
