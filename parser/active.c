/* active.c — table 二 (active disclosure): items by their labels, measures
 * by the header rows above them, every value kept under the codes its own
 * labels name; the report's items in the table's edition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

static bool measure_decimal(int measure)
{
    const gk_term *t = gk_term_get(GK_TERM_MEASURE, measure);
    return t && (t->flags & GK_TERM_DECIMAL);
}

static void read_item_row(gk_rctx *c, const gk_trow *row, int item, gk_active_found *af, const int *measures,
                          const int *mcols, int nm, int ncols)
{
    const gk_rcell *v[GK_MAX_TABLE_COLS], *assigned[GK_MAX_MEASURES];
    int nv = gk_row_values(row, row->row_no, v);
    int colmap[GK_MAX_TABLE_COLS];
    for (int i = 0; i < ncols; i++)
        colmap[i] = -1;
    for (int k = 0; k < nm; k++)
        if (mcols[k] < ncols)
            colmap[mcols[k]] = k;
    const char *label = row->cells[row->last_label].cell->text;
    if (!gk_map_values(v, nv, nm, colmap, ncols, assigned)) {
        gk_diag_add(&c->r->diags, GK_SEV_ERROR, c->where,
                    "item \"%s\": %d value cells do not match the %d measures of its header; left null", label, nv, nm);
        for (int k = 0; k < nm; k++)
            assigned[k] = NULL;
    }
    if (af->count >= (int)(sizeof af->items / sizeof af->items[0]))
        return;
    gk_found_item *fi = &af->items[af->count];
    memset(fi, 0, sizeof *fi);
    fi->item = item;
    if (item >= 0) {
        for (int i = 0; i < af->count; i++)
            if (af->items[i].item == item) {
                gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where, "item %s appears again; the first one is kept",
                            gk_code(GK_TERM_ITEM, item));
                return;
            }
        fi->code = gk_strdup(gk_code(GK_TERM_ITEM, item));
    } else {
        char code[32];
        snprintf(code, sizeof code, "extra_%d", ++af->extras);
        fi->code = gk_strdup(code);
        fi->label = gk_label_normalize(label);
    }
    if (!fi->code || (item < 0 && !fi->label)) {
        free(fi->code);
        free(fi->label);
        memset(fi, 0, sizeof *fi);
        gk_rec_ok(c, GK_ERR_NOMEM);
        return;
    }
    fi->count = nm;
    for (int k = 0; k < nm; k++) {
        fi->measures[k] = measures[k];
        gk_take_value(c, assigned[k], measure_decimal(measures[k]), "active_disclosure", fi->code,
                   gk_code(GK_TERM_MEASURE, measures[k]), &fi->values[k]);
    }
    af->count++;
}

/* A header row's measures, in column order: how many were found. */
static int header_measures(gk_rctx *c, const gk_trow *row, int *m, int *mc)
{
    /* A misprinted measure is read only in a row of labels alone: an item
     * row's label must not make a header of it. */
    bool labels_only = true;
    for (int i = 0; i < row->n; i++)
        labels_only = labels_only && !row->cells[i].value;
    int found = 0;
    for (int i = 0; i < row->n && found < GK_MAX_MEASURES; i++) {
        const gk_rcell *cell = &row->cells[i];
        gk_term_match mt = {-1, 0, -1, -1};
        if (!cell->blank && !cell->value)
            mt = gk_cell_match(cell->term, cell->core, GK_TERM_MEASURE, labels_only ? GK_MATCH_FUZZY : GK_MATCH_EXACT);
        int id = mt.id;
        if (mt.tie > 0) {
            char why[160];
            gk_tie_describe(GK_TERM_MEASURE, &mt, why, sizeof why);
            gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where, "header \"%s\" %s; its column is not read",
                        cell->cell->text, why);
        }
        bool repeated = false;
        for (int k = 0; id > 0 && k < found; k++)
            repeated = repeated || m[k] == id;
        if (repeated) /* one value per measure: the first column names it */
            gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where,
                        "measure %s named twice in one header; the later column is ignored",
                        gk_code(GK_TERM_MEASURE, id));
        else if (id > 0) {
            m[found] = id;
            mc[found++] = cell->cell->col;
        }
    }
    return found;
}

void gk_recognize_active(gk_rctx *c, const gk_table *t, const gk_cell_info *info, int table_no, gk_active_found *af)
{
    gk_trow *row = malloc(sizeof *row);
    if (!row) {
        gk_rec_ok(c, GK_ERR_NOMEM);
        return;
    }
    int measures[GK_MAX_MEASURES], mcols[GK_MAX_MEASURES], nm = 0;
    for (int rr = 0; rr < t->nrows; rr++) {
        gk_row_load(t, info, rr, row);
        snprintf(c->where, sizeof c->where, "table %d, row %d", table_no, rr + 1);
        int m[GK_MAX_MEASURES], mc[GK_MAX_MEASURES];
        int found = header_measures(c, row, m, mc);
        if (found) {
            nm = found;
            memcpy(measures, m, sizeof m);
            memcpy(mcols, mc, sizeof mc);
            for (int k = 0; k < nm; k++)
                gk_edition_tell(af->told, GK_TERM_MEASURE, m[k]);
            continue;
        }
        if (row->last_label < 0 || nm == 0)
            continue;
        const gk_rcell *label = &row->cells[row->last_label];
        const gk_rcell *v[GK_MAX_TABLE_COLS];
        int nv = gk_row_values(row, rr, v), filled = 0;
        for (int i = 0; i < nv; i++)
            filled += !v[i]->blank;
        gk_term_match im = gk_cell_match(label->term, label->core, GK_TERM_ITEM, GK_MATCH_FUZZY);
        int item = im.id;
        if (im.tie >= 0) {
            char why[160];
            gk_tie_describe(GK_TERM_ITEM, &im, why, sizeof why);
            gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where, "item \"%s\" %s; kept as a local row with its label",
                        label->cell->text, why);
        }
        /* article rows, measure headers and the section's own title; not a
         * local row such as 其他主动公开文件, which is kept as extra_N */
        bool header_like = !label->term && (gk_vocab_has(GK_TERM_HEADER, GK_HDR_ARTICLE, label->core) ||
                                            gk_vocab_has(GK_TERM_HEADER, GK_HDR_CONTENT, label->core) ||
                                            gk_vocab_has(GK_TERM_HEADER, GK_HDR_ACTIVE_TITLE, label->core));
        if (item >= 0)
            gk_edition_tell(af->told, GK_TERM_ITEM, item);
        if ((item >= 0 && !header_like) || (item < 0 && !header_like && filled > 0))
            read_item_row(c, row, item, af, measures, mcols, nm, t->ncols);
    }
    free(row);
}

/* The measures item `item` has in edition ed, then those its row was read
 * with beyond them that hold a value (a table that mixes editions, a
 * header that does not fit the row): every value read is written.  A local
 * row (item -1) has the measures of its header. */
static int item_measures(gk_rctx *c, int item, unsigned ed, const gk_found_item *fi, int *out)
{
    int n = 0;
    const gk_term *t = item >= 0 ? gk_term_get(GK_TERM_ITEM, item) : NULL;
    bool in_edition = t && (t->editions & ed);
    const unsigned char *ms = in_edition ? gk_item_measures(item, ed) : (const unsigned char *)"";
    for (size_t m = 0; ms[m] && n < GK_MAX_MEASURES; m++)
        out[n++] = ms[m];
    for (int k = 0; fi && k < fi->count && n < GK_MAX_MEASURES; k++) {
        bool listed = false;
        for (int m = 0; m < n && !listed; m++)
            listed = out[m] == fi->measures[k];
        if (listed || (in_edition && !fi->values[k].present))
            continue;
        out[n++] = fi->measures[k];
        if (in_edition)
            gk_diag_add(&c->r->diags, GK_SEV_WARNING, "table 二",
                        "item %s: its row has a value for %s, not one of its measures in the %s template; kept",
                        fi->code, gk_code(GK_TERM_MEASURE, fi->measures[k]), gk_edition_name(ed));
    }
    return n;
}

static void fill_item(gk_rctx *c, gk_item *it, const char *code, const char *label, const int *ms, int nm,
                      const gk_found_item *fi)
{
    it->code = gk_strdup(code);
    if (!it->code || (label && !(it->label = gk_strdup(label)))) {
        gk_rec_ok(c, GK_ERR_NOMEM);
        return;
    }
    it->count = (size_t)nm;
    for (int m = 0; m < nm; m++) {
        it->measures[m] = gk_code(GK_TERM_MEASURE, ms[m]);
        it->values[m].decimal = measure_decimal(ms[m]);
        for (int k = 0; fi && k < fi->count; k++)
            if (fi->measures[k] == ms[m])
                it->values[m] = fi->values[k];
    }
}

/* Table 二's items: the edition's, in its order (null where missing), then
 * items of the other edition the table has, then its local rows. */
void gk_build_items(gk_rctx *c, gk_active_found *af, unsigned ed)
{
    gk_report *r = c->r;
    r->items = calloc((size_t)GK_ITEM_COUNT + (size_t)af->extras + 1, sizeof *r->items);
    if (!r->items) {
        gk_rec_ok(c, GK_ERR_NOMEM);
        return;
    }
    for (int item = 0; item < GK_ITEM_COUNT && c->st == GK_OK; item++) {
        const gk_term *t = gk_term_get(GK_TERM_ITEM, item);
        const gk_found_item *fi = NULL;
        for (int i = 0; i < af->count && !fi; i++)
            if (af->items[i].item == item)
                fi = &af->items[i];
        bool in_edition = t->editions & ed;
        if (!in_edition && !fi)
            continue;
        if (!fi)
            gk_diag_add(&r->diags, GK_SEV_WARNING, "table 二", "item %s not found; its values are null", t->code);
        if (!in_edition)
            gk_diag_add(&r->diags, GK_SEV_WARNING, "table 二",
                        "item %s is not part of the %s template the table follows; its values are kept", t->code,
                        gk_edition_name(ed));
        int ms[GK_MAX_MEASURES];
        int nm = item_measures(c, item, ed, fi, ms);
        fill_item(c, &r->items[r->item_count++], t->code, NULL, ms, nm, fi);
    }
    for (int i = 0; i < af->count && c->st == GK_OK; i++) {
        const gk_found_item *fi = &af->items[i];
        if (fi->item >= 0)
            continue;
        int ms[GK_MAX_MEASURES];
        int nm = item_measures(c, -1, ed, fi, ms);
        fill_item(c, &r->items[r->item_count++], fi->code, fi->label ? fi->label : "", ms, nm, fi);
    }
}
