/* tables.c — the three template tables recognized in the model: which
 * table is which (by header labels), rows matched to codes by normalized
 * labels, columns by header labels, values parsed per SPEC.md §2.  The
 * template (2019 / 2021 / free) is told from the labels found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- one grid row as a list of distinct cells ---- */

typedef struct {
    const gk_cell *cell;
    const char *core; /* label without numbering (the table's cache) */
    const gk_term *term; /* what the reader already knew the cell names, or NULL */
    bool blank;       /* no text */
    bool value;       /* parses as a number or zero marker */
} rcell;

typedef struct {
    rcell cells[GK_MAX_TABLE_COLS];
    int n;
    int last_label; /* index of the rightmost label cell, -1 when none */
    int row_no;
} trow;

/* What every cell of a table says, worked out once: a spanning cell is met
 * in every row it spans, and each recognizer pass reads all cells. */
typedef struct {
    char *core;
    const gk_term *term;
    bool blank, value;
} cell_info;

static cell_info *analyze(const gk_table *t)
{
    cell_info *info = calloc(t->ncells ? t->ncells : 1, sizeof *info);
    if (!info)
        return NULL;
    for (size_t i = 0; i < t->ncells; i++) {
        gk_val v = gk_value_parse(t->cells[i].text, true);
        info[i].blank = v.kind == GK_VAL_BLANK;
        info[i].value = v.kind == GK_VAL_NUMBER;
        info[i].term = t->cells[i].term;
        /* only labels are matched: a number's or a blank's core is "" */
        info[i].core = info[i].blank || info[i].value ? gk_strdup("") : gk_label_core(t->cells[i].text);
        if (!info[i].core && !(info[i].core = gk_strdup(""))) {
            for (size_t k = 0; k < i; k++)
                free(info[k].core);
            free(info);
            return NULL;
        }
    }
    return info;
}

static void info_free(cell_info *info, size_t n)
{
    for (size_t i = 0; info && i < n; i++)
        free(info[i].core);
    free(info);
}

static void row_load(const gk_table *t, const cell_info *info, int r, trow *row)
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
        rcell *rc = &row->cells[row->n];
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
static int row_values(const trow *row, int r, const rcell **out)
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
static int cell_id(const gk_term *term, const char *core, gk_term_kind kind)
{
    if (term)
        return term->kind == kind ? term->id : -1;
    return gk_vocab_id(kind, core);
}


/* ---- mapping value cells to codes ---- */

/* Assigns value cells to `nk` codes: by order when the counts agree
 * (trimming blank slots that merged cells leave in text), else by the
 * header's column map.  Returns false when neither fits. */
static bool map_values(const rcell *const *v, int nv, int nk, const int *colmap, int ncols,
                       const rcell **assigned)
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

typedef struct {
    gk_report *r;
    char where[64];
} ctx;

/* Parses an assigned cell into *out, recording provenance and problems
 * under the field "part.key.sub" (named only when something is recorded). */
static void take_value(ctx *c, const rcell *cell, bool decimal, const char *part, const char *key, const char *sub,
                       gk_num *out)
{
    out->present = false;
    out->decimal = decimal;
    out->value = 0;
    if (!cell)
        return;
    gk_val v = gk_value_parse(cell->cell->text, decimal);
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

/* ---- table kinds ---- */

typedef enum { KIND_NONE, KIND_ACTIVE, KIND_APPS, KIND_RL } table_kind;

static bool has_header(const cell_info *ci, int id)
{
    return ci->term ? ci->term->kind == GK_TERM_HEADER && ci->term->id == id : gk_vocab_has(GK_TERM_HEADER, id, ci->core);
}

static table_kind classify(const gk_table *t, const cell_info *info)
{
    bool apps = false, active = false, review = false, lawsuit = false;
    int app_rows = 0;
    for (size_t i = 0; i < t->ncells; i++) {
        const char *n = info[i].core;
        const gk_term *term = info[i].term;
        if (!*n && !term)
            continue;
        if (cell_id(term, n, GK_TERM_ROW) == GK_ROW_NEW_RECEIVED || has_header(&info[i], GK_HDR_APPLICANT) ||
            cell_id(term, n, GK_TERM_COLUMN) == GK_COL_COMMERCIAL)
            apps = true;
        if (has_header(&info[i], GK_HDR_ARTICLE) || has_header(&info[i], GK_HDR_CONTENT) ||
            cell_id(term, n, GK_TERM_MEASURE) > 0)
            active = true;
        int group = cell_id(term, n, GK_TERM_GROUP);
        if (group == GK_GROUP_REVIEW)
            review = true;
        if (has_header(&info[i], GK_HDR_LITIGATION) || group > GK_GROUP_REVIEW)
            lawsuit = true;
    }
    /* a continuation of table 三 after a page break has no header: its
     * rows' labels tell it (counted only when nothing else did) */
    for (size_t i = 0; !apps && !active && !(review && lawsuit) && i < t->ncells; i++)
        if (cell_id(info[i].term, info[i].core, GK_TERM_ROW) >= 0)
            app_rows++;
    if (apps || app_rows >= 4)
        return KIND_APPS;
    if (review && lawsuit)
        return KIND_RL;
    if (active)
        return KIND_ACTIVE;
    return KIND_NONE;
}

/* ---- section 三 ---- */

/* Header entries: a code, where its cell sits, from which header row. */
typedef struct {
    int code, col, colspan, row;
} hdr;

static int hdr_cmp(const void *a, const void *b)
{
    const hdr *x = a, *y = b;
    if (x->col != y->col)
        return x->col - y->col;
    return y->row - x->row; /* the lower header row first */
}

/* From header entries: the column map (lower rows win) and the codes in
 * column order.  Returns how many distinct codes were ordered, or -1 when
 * the header's positions cannot be trusted. */
static int header_layout(hdr *h, int nh, int ncodes, int *colmap, int ncols, int *order)
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
static void label_join(const trow *row, int from, char *out, size_t cap)
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

/* A row of table 三: its rightmost label, else that label joined with the
 * ones before it, the nearest first — a label cut over two cells, or a
 * sub-row under its group's label, whose own words beat the group's. */
static int row_id(const trow *row)
{
    const rcell *label = &row->cells[row->last_label];
    if (label->term)
        return label->term->kind == GK_TERM_ROW ? label->term->id : -1;
    char joined[1024];
    for (int from = row->last_label; from >= 0; from--) {
        if (row->cells[from].blank || row->cells[from].value)
            continue;
        label_join(row, from, joined, sizeof joined);
        int id = gk_vocab_id(GK_TERM_ROW, joined);
        if (id >= 0)
            return id;
    }
    return -1;
}

typedef struct {
    int order[GK_COL_COUNT];
    int colmap[GK_MAX_TABLE_COLS];
    bool have_header;
} apps_layout;

static void apps_header(ctx *c, const gk_table *t, const cell_info *info, int first_data, apps_layout *lay)
{
    hdr h[GK_MAX_TABLE_COLS];
    int nh = 0;
    for (size_t i = 0; i < t->ncells && nh < GK_MAX_TABLE_COLS; i++) {
        const gk_cell *cell = &t->cells[i];
        if (cell->row >= first_data)
            continue;
        int code = cell_id(info[i].term, info[i].core, GK_TERM_COLUMN);
        if (code >= 0)
            h[nh++] = (hdr){code, cell->col, cell->colspan, cell->row + cell->rowspan - 1};
    }
    int n = header_layout(h, nh, GK_COL_COUNT, lay->colmap, t->ncols, lay->order);
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

static void read_apps_row(ctx *c, const trow *row, int code, const apps_layout *lay, int ncols)
{
    gk_report *r = c->r;
    const rcell *v[GK_MAX_TABLE_COLS], *assigned[GK_COL_COUNT];
    int nv = row_values(row, row->row_no, v);
    if (!map_values(v, nv, GK_COL_COUNT, lay->have_header ? lay->colmap : NULL, ncols, assigned)) {
        gk_diag_add(&r->diags, GK_SEV_ERROR, c->where,
                    "row %s: %d value cells do not match the 7 applicant columns; row left null",
                    gk_code(GK_TERM_ROW, code), nv);
        return;
    }
    for (int k = 0; k < GK_COL_COUNT; k++) {
        int col = lay->order[k];
        take_value(c, assigned[k], false, "applications", gk_code(GK_TERM_ROW, code), gk_code(GK_TERM_COLUMN, col),
                   &r->apps[code][col]);
    }
}

static void recognize_apps(ctx *c, const gk_table *const *tables, cell_info *const *infos, const int *numbers,
                           int ntables)
{
    gk_report *r = c->r;
    apps_layout lay;
    for (int k = 0; k < GK_COL_COUNT; k++)
        lay.order[k] = k;
    lay.have_header = false;
    trow *row = malloc(sizeof *row);
    if (!row)
        return;
    for (int ti = 0; ti < ntables; ti++) {
        const gk_table *t = tables[ti];
        int first_data = -1;
        for (int rr = 0; rr < t->nrows && first_data < 0; rr++) {
            row_load(t, infos[ti], rr, row);
            if (row->last_label >= 0) {
                int code = row_id(row);
                const rcell *v[GK_MAX_TABLE_COLS];
                int nv = row_values(row, rr, v), filled = 0;
                for (int i = 0; i < nv; i++)
                    filled += !v[i]->blank;
                if (code >= 0 && code != GK_ROW_RESULTS_TOTAL && code != GK_ROW_OTHER_OTHER &&
                    nv > 0 && (filled > 0 || code == GK_ROW_NEW_RECEIVED))
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
        bool in_group_six = false;
        for (int rr = first_data; rr < t->nrows; rr++) {
            row_load(t, infos[ti], rr, row);
            snprintf(c->where, sizeof c->where, "table %d, row %d", numbers[ti], rr + 1);
            const rcell *v[GK_MAX_TABLE_COLS];
            int nv = row_values(row, rr, v);
            int filled = 0;
            for (int i = 0; i < nv; i++)
                filled += !v[i]->blank;
            if (row->last_label < 0) {
                if (filled)
                    gk_diag_add(&r->diags, GK_SEV_WARNING, c->where, "%d values in a row without a label were ignored", filled);
                continue;
            }
            char all[1024];
            label_join(row, 0, all, sizeof all);
            int code = row_id(row);
            if (gk_vocab_has(GK_TERM_ROW, GK_ROW_OTHER_PROCESSING, all))
                in_group_six = true;
            if (code == GK_ROW_OTHER_OTHER && !in_group_six)
                code = -1;
            if (code < 0) {
                if (filled)
                    gk_diag_add(&r->diags, GK_SEV_WARNING, c->where, "row \"%s\" is not a row of table 三; its %d values were ignored",
                                row->cells[row->last_label].cell->text, filled);
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

/* ---- section 二 ---- */

/* An item row as read: its item (GK_ITEM_…, or -1 for a local row kept as
 * extra_N with its label) and the measures of the header above it. */
typedef struct {
    int item;
    char *code, *label;
    int count;
    int measures[GK_MAX_MEASURES];
    gk_num values[GK_MAX_MEASURES];
} found_item;

typedef struct {
    found_item items[64];
    int count, extras;
    unsigned editions_seen; /* GK_ED_… of the edition-specific labels met */
} active_found;

static bool measure_decimal(int measure)
{
    const gk_term *t = gk_term_get(GK_TERM_MEASURE, measure);
    return t && (t->flags & GK_TERM_DECIMAL);
}

static void read_item_row(ctx *c, const trow *row, int item, active_found *af, const int *measures,
                          const int *mcols, int nm, int ncols)
{
    const rcell *v[GK_MAX_TABLE_COLS], *assigned[GK_MAX_MEASURES];
    int nv = row_values(row, row->row_no, v);
    int colmap[GK_MAX_TABLE_COLS];
    for (int i = 0; i < ncols; i++)
        colmap[i] = -1;
    for (int k = 0; k < nm; k++)
        if (mcols[k] < ncols)
            colmap[mcols[k]] = k;
    const char *label = row->cells[row->last_label].cell->text;
    if (!map_values(v, nv, nm, colmap, ncols, assigned)) {
        gk_diag_add(&c->r->diags, GK_SEV_ERROR, c->where,
                    "item \"%s\": %d value cells do not match the %d measures of its header; left null", label, nv, nm);
        for (int k = 0; k < nm; k++)
            assigned[k] = NULL;
    }
    if (af->count >= (int)(sizeof af->items / sizeof af->items[0]))
        return;
    found_item *fi = &af->items[af->count];
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
        char *sq = gk_label_normalize(label);
        fi->label = sq;
    }
    if (!fi->code) { /* out of memory: the item is not kept, as if not found */
        free(fi->label);
        fi->label = NULL;
        return;
    }
    fi->count = nm;
    for (int k = 0; k < nm; k++) {
        fi->measures[k] = measures[k];
        take_value(c, assigned[k], measure_decimal(measures[k]), "active_disclosure", fi->code,
                   gk_code(GK_TERM_MEASURE, measures[k]), &fi->values[k]);
    }
    af->count++;
}

/* A header row's measures, in column order: how many were found. */
static int header_measures(ctx *c, const trow *row, int *m, int *mc)
{
    int found = 0;
    for (int i = 0; i < row->n && found < GK_MAX_MEASURES; i++) {
        const rcell *cell = &row->cells[i];
        int id = cell->blank || cell->value ? -1 : cell_id(cell->term, cell->core, GK_TERM_MEASURE);
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

/* The editions a term belongs to, when only one: what its label tells. */
static unsigned telling_edition(gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    return t && t->editions != GK_ED_BOTH ? t->editions : 0;
}

static void recognize_active(ctx *c, const gk_table *t, const cell_info *info, int table_no, active_found *af)
{
    trow *row = malloc(sizeof *row);
    if (!row)
        return;
    int measures[GK_MAX_MEASURES], mcols[GK_MAX_MEASURES], nm = 0;
    for (int rr = 0; rr < t->nrows; rr++) {
        row_load(t, info, rr, row);
        snprintf(c->where, sizeof c->where, "table %d, row %d", table_no, rr + 1);
        int m[GK_MAX_MEASURES], mc[GK_MAX_MEASURES];
        int found = header_measures(c, row, m, mc);
        if (found) {
            nm = found;
            memcpy(measures, m, sizeof m);
            memcpy(mcols, mc, sizeof mc);
            for (int k = 0; k < nm; k++)
                af->editions_seen |= telling_edition(GK_TERM_MEASURE, m[k]);
            continue;
        }
        if (row->last_label < 0 || nm == 0)
            continue;
        const rcell *label = &row->cells[row->last_label];
        const rcell *v[GK_MAX_TABLE_COLS];
        int nv = row_values(row, rr, v), filled = 0;
        for (int i = 0; i < nv; i++)
            filled += !v[i]->blank;
        int item = cell_id(label->term, label->core, GK_TERM_ITEM);
        /* article rows, measure headers and the section's own title; not a
         * local row such as 其他主动公开文件, which is kept as extra_N */
        bool header_like = !label->term && (gk_vocab_has(GK_TERM_HEADER, GK_HDR_ARTICLE, label->core) ||
                                            gk_vocab_has(GK_TERM_HEADER, GK_HDR_CONTENT, label->core) ||
                                            gk_vocab_has(GK_TERM_HEADER, GK_HDR_ACTIVE_TITLE, label->core));
        if (item >= 0)
            af->editions_seen |= telling_edition(GK_TERM_ITEM, item);
        if ((item >= 0 && !header_like) || (item < 0 && !header_like && filled > 0))
            read_item_row(c, row, item, af, measures, mcols, nm, t->ncols);
    }
    free(row);
}

static void build_items(ctx *c, active_found *af)
{
    gk_report *r = c->r;
    unsigned ed = gk_template_edition(r->template_kind);
    int defs[GK_ITEM_COUNT];
    size_t ndefs = gk_edition_ids(GK_TERM_ITEM, ed, defs, GK_ITEM_COUNT);
    size_t total = ndefs + (size_t)af->extras;
    r->items = calloc(total ? total : 1, sizeof *r->items);
    if (!r->items)
        return;
    for (size_t d = 0; d < ndefs; d++) {
        const char *code = gk_code(GK_TERM_ITEM, defs[d]);
        const unsigned char *ms = gk_item_measures(defs[d], ed);
        gk_item *it = &r->items[r->item_count++];
        it->code = gk_strdup(code);
        const found_item *fi = NULL;
        for (int i = 0; i < af->count && !fi; i++)
            if (af->items[i].item == defs[d])
                fi = &af->items[i];
        if (!fi)
            gk_diag_add(&r->diags, GK_SEV_WARNING, "table 二", "item %s not found; its values are null", code);
        for (size_t m = 0; ms[m] && m < GK_MAX_MEASURES; m++) {
            it->measures[m] = gk_code(GK_TERM_MEASURE, ms[m]);
            it->values[m].decimal = measure_decimal(ms[m]);
            it->count = m + 1;
            for (int k = 0; fi && k < fi->count; k++)
                if (fi->measures[k] == ms[m])
                    it->values[m] = fi->values[k];
        }
        for (int k = 0; fi && k < fi->count; k++) {
            bool known = false;
            for (size_t m = 0; ms[m]; m++)
                known = known || fi->measures[k] == ms[m];
            if (!known && fi->values[k].present)
                gk_diag_add(&r->diags, GK_SEV_WARNING, "table 二",
                            "item %s: measure %s (value %g) is not part of the %s template and is not output", code,
                            gk_code(GK_TERM_MEASURE, fi->measures[k]), fi->values[k].value,
                            gk_template_name(r->template_kind));
        }
    }
    for (int i = 0; i < af->count; i++) {
        const found_item *fi = &af->items[i];
        if (fi->item >= 0)
            continue;
        gk_item *it = &r->items[r->item_count++];
        it->code = gk_strdup(fi->code);
        it->label = gk_strdup(fi->label ? fi->label : "");
        it->count = (size_t)fi->count;
        for (int k = 0; k < fi->count; k++) {
            it->measures[k] = gk_code(GK_TERM_MEASURE, fi->measures[k]);
            it->values[k] = fi->values[k];
        }
    }
}

/* ---- section 四 ---- */

static void recognize_rl(ctx *c, const gk_table *t, const cell_info *info, int table_no)
{
    gk_report *r = c->r;
    trow *row = malloc(sizeof *row);
    if (!row)
        return;
    /* The values row: the first with numbers and no label; failing that (a
     * blank form), the first row of ten or more empty cells. */
    int value_row = -1, blank_row = -1;
    for (int rr = 1; rr < t->nrows && value_row < 0; rr++) {
        row_load(t, info, rr, row);
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
        row_load(t, info, value_row, row);
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
    hdr h[GK_MAX_TABLE_COLS];
    int nh = 0;
    for (size_t i = 0; i < t->ncells; i++) {
        const gk_cell *cell = &t->cells[i];
        if (cell->row >= value_row)
            continue;
        const char *core = info[i].core;
        int g = cell_id(info[i].term, core, GK_TERM_GROUP);
        if (g >= 0 && ng < 64)
            groups[ng++] = (grp){g, cell->col, cell->row};
        else if (g < 0 && nh < GK_MAX_TABLE_COLS) {
            int res = cell_id(info[i].term, core, GK_TERM_RESULT);
            if (res >= 0)
                h[nh++] = (hdr){res, cell->col, cell->colspan, cell->row + cell->rowspan - 1};
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
    int n = header_layout(h, nvalid, N, colmap, t->ncols, order);
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
    const rcell *v[GK_MAX_TABLE_COLS], *assigned[N];
    int nv = row_values(row, value_row, v);
    snprintf(c->where, sizeof c->where, "table %d, row %d", table_no, value_row + 1);
    if (!map_values(v, nv, N, have_header ? colmap : NULL, t->ncols, assigned)) {
        gk_diag_add(&r->diags, GK_SEV_ERROR, c->where, "%d value cells do not match the 15 columns of table 四; left null", nv);
    } else {
        r->has_reviews = true;
        for (int k = 0; k < N; k++) {
            int g = order[k] / GK_RL_RESULTS, res = order[k] % GK_RL_RESULTS;
            take_value(c, assigned[k], false, "reviews_litigation", gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, res),
                       &r->rl[g][res]);
        }
    }
    free(row);
}

/* ---- the whole ---- */

static bool row_in_edition(int row, unsigned ed)
{
    const gk_term *t = gk_term_get(GK_TERM_ROW, row);
    return t && (t->editions & ed);
}

gk_status gk_recognize_tables(const gk_document *doc, gk_report *r)
{
    ctx c = {.r = r};
    const gk_table *apps[64];
    cell_info *apps_info[64];
    int apps_no[64], napps = 0, table_no = 0;
    active_found *af = calloc(1, sizeof *af);
    if (!af)
        return GK_ERR_NOMEM;
    bool have_active = false;
    for (size_t i = 0; i < doc->count; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_TABLE)
            continue;
        table_no++;
        cell_info *info = analyze(b->table);
        if (!info)
            continue;
        bool keep = false;
        switch (classify(b->table, info)) {
        case KIND_APPS:
            if (napps < 64) {
                apps_no[napps] = table_no;
                apps_info[napps] = info;
                apps[napps++] = b->table;
                keep = true;
            }
            break;
        case KIND_ACTIVE:
            recognize_active(&c, b->table, info, table_no, af);
            have_active = true;
            break;
        case KIND_RL:
            if (!r->has_reviews)
                recognize_rl(&c, b->table, info, table_no);
            break;
        case KIND_NONE:
            break;
        }
        if (!keep)
            info_free(info, b->table->ncells);
    }
    recognize_apps(&c, apps, apps_info, apps_no, napps);
    for (int i = 0; i < napps; i++)
        info_free(apps_info[i], apps[i]->ncells);

    unsigned apps_seen = 0;
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        if (r->app_row_found[row])
            apps_seen |= telling_edition(GK_TERM_ROW, row);
    bool app2021 = apps_seen & GK_ED_2021, app2019 = apps_seen & GK_ED_2019;
    bool is2021 = app2021 || (!app2019 && (af->editions_seen & GK_ED_2021));
    bool is2019 = app2019 || (!app2021 && (af->editions_seen & GK_ED_2019));
    if (is2021 && is2019)
        gk_diag_add(&r->diags, GK_SEV_WARNING, "template", "labels of both templates found; table 三 decides");
    if (r->has_applications || have_active || r->has_reviews) {
        if (is2021)
            r->template_kind = GK_TEMPLATE_2021;
        else if (is2019)
            r->template_kind = GK_TEMPLATE_2019;
        else {
            r->template_kind = r->year && r->year <= 2020 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
            gk_diag_add(&r->diags, GK_SEV_WARNING, "template",
                        "no label tells the template apart; %s assumed from the year", gk_template_name(r->template_kind));
        }
    } else {
        r->template_kind = GK_TEMPLATE_FREE;
        /* Since the 2019 reports every report has the template's tables. */
        if (r->year >= 2019)
            gk_diag_add(&r->diags, GK_SEV_WARNING, "template",
                        "a %d report without any table of the national template: converted as free-form, "
                        "with no numbers", r->year);
    }
    if (r->template_kind != GK_TEMPLATE_FREE) {
        if (have_active && af->count > 0) {
            r->has_active = true;
            build_items(&c, af);
        }
        if (r->has_applications) {
            unsigned ed = gk_template_edition(r->template_kind);
            r->app_row_count = gk_edition_ids(GK_TERM_ROW, ed, r->app_rows, GK_APP_ROW_COUNT);
            for (size_t i = 0; i < r->app_row_count; i++)
                if (!r->app_row_found[r->app_rows[i]])
                    gk_diag_add(&r->diags, GK_SEV_WARNING, "table 三", "row %s not found; its values are null",
                                gk_code(GK_TERM_ROW, r->app_rows[i]));
            for (int row = 0; row < GK_APP_ROW_COUNT; row++)
                if (r->app_row_found[row] && !row_in_edition(row, ed))
                    gk_diag_add(&r->diags, GK_SEV_WARNING, "table 三", "row %s is not part of the %s template and is not output",
                                gk_code(GK_TERM_ROW, row), gk_template_name(r->template_kind));
        }
    }
    for (int i = 0; i < af->count; i++) {
        free(af->items[i].code);
        free(af->items[i].label);
    }
    free(af);
    return GK_OK;
}
