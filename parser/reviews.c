/* reviews.c — table 四 (administrative review and litigation): one row of
 * fifteen values under three groups of five results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

void gk_recognize_reviews(gk_rctx *c, const gk_table *t, const gk_cell_info *info, int table_no)
{
    gk_report *r = c->r;
    gk_trow *row = malloc(sizeof *row);
    if (!row) {
        gk_rec_ok(c, GK_ERR_NOMEM);
        return;
    }
    /* The values row: the first with numbers and no label; failing that (a
     * blank form), the first row of ten or more empty cells. */
    int value_row = -1, blank_row = -1;
    for (int rr = 1; rr < t->nrows && value_row < 0; rr++) {
        gk_row_load(t, info, rr, row);
        int numbers = 0, own = 0;
        for (int i = 0; i < row->n; i++)
            if (row->cells[i].cell->row == rr) {
                own++;
                numbers += row->cells[i].value;
            }
        if (row->last_label < 0 && numbers > 0 && own >= 5)
            value_row = rr;
        else if (row->last_label < 0 && numbers == 0 && own >= 10 && blank_row < 0)
            blank_row = rr;
    }
    if (value_row < 0 && blank_row >= 0) {
        value_row = blank_row;
        gk_row_load(t, info, value_row, row);
    }
    snprintf(c->where, sizeof c->where, "table %d", table_no);
    if (value_row < 0) {
        gk_diag_add(&r->diags, GK_SEV_WARNING, c->where, "table 四 has no row of values");
        free(row);
        return;
    }
    /* Groups from header cells; results take the nearest group at or left
     * of their column (the specific 直接起诉/复议后起诉 over 行政诉讼). */
    typedef struct {
        int group, col, row;
    } grp;
    grp groups[64];
    int ng = 0;
    gk_hdr h[GK_MAX_TABLE_COLS];
    int nh = 0;
    for (size_t i = 0; i < t->ncells; i++) {
        const gk_cell *cell = &t->cells[i];
        if (cell->row >= value_row)
            continue;
        const char *core = info[i].core;
        int g = gk_cell_id(info[i].term, core, GK_TERM_GROUP);
        if (g >= 0 && ng < 64)
            groups[ng++] = (grp){g, cell->col, cell->row};
        else if (g < 0 && nh < GK_MAX_TABLE_COLS) {
            int res = gk_cell_id(info[i].term, core, GK_TERM_RESULT);
            if (res >= 0)
                h[nh++] = (gk_hdr){res, cell->col, cell->colspan, cell->row + cell->rowspan - 1};
        }
    }
    for (int i = 0; i < nh; i++) {
        int best = -1;
        for (int g = 0; g < ng; g++)
            if (groups[g].col <= h[i].col && (best < 0 || groups[g].col > groups[best].col ||
                                              (groups[g].col == groups[best].col && groups[g].row > groups[best].row)))
                best = g;
        h[i].code = best < 0 ? -1 : groups[best].group * GK_RL_RESULTS + h[i].code;
    }
    int nvalid = 0;
    for (int i = 0; i < nh; i++)
        if (h[i].code >= 0)
            h[nvalid++] = h[i];
    enum { N = GK_RL_GROUPS * GK_RL_RESULTS };
    int order[N], colmap[GK_MAX_TABLE_COLS];
    int n = gk_header_layout(h, nvalid, N, colmap, t->ncols, order);
    bool have_header = n == N;
    if (!have_header) {
        if (n < 0)
            gk_diag_add(&r->diags, GK_SEV_INFO, c->where,
                        "table 四 header labels do not line up with columns; columns taken in template order");
        else
            gk_diag_add(&r->diags, GK_SEV_WARNING, c->where,
                        "table 四 header names %d of its 15 columns; columns taken in template order", n);
        for (int k = 0; k < N; k++)
            order[k] = k;
    }
    const gk_rcell *v[GK_MAX_TABLE_COLS], *assigned[N];
    int nv = gk_row_values(row, value_row, v);
    snprintf(c->where, sizeof c->where, "table %d, row %d", table_no, value_row + 1);
    if (!gk_map_values(v, nv, N, have_header ? colmap : NULL, t->ncols, assigned)) {
        gk_diag_add(&r->diags, GK_SEV_ERROR, c->where, "%d value cells do not match the 15 columns of table 四; left null", nv);
    } else {
        r->has_reviews = true;
        for (int k = 0; k < N; k++) {
            int g = order[k] / GK_RL_RESULTS, res = order[k] % GK_RL_RESULTS;
            gk_take_value(c, assigned[k], false, "reviews_litigation", gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, res),
                       &r->rl[g][res]);
        }
    }
    free(row);
}
