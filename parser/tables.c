/* tables.c — the three template tables recognized in the model: which
 * table is which (by header labels), rows matched to codes by normalized
 * labels, columns by header labels, values parsed per SPEC.md §2.  Each
 * table's edition (2019 / 2021) is told from its own labels, and every
 * value is kept under the code its labels name. */
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

static void info_free(cell_info *info, size_t n)
{
    for (size_t i = 0; info && i < n; i++)
        free(info[i].core);
    free(info);
}

static gk_status analyze(const gk_table *t, cell_info **out)
{
    cell_info *info = calloc(t->ncells ? t->ncells : 1, sizeof *info);
    if (!info)
        return GK_ERR_NOMEM;
    for (size_t i = 0; i < t->ncells; i++) {
        gk_val v = gk_value_parse(t->cells[i].text, true);
        if (v.kind == GK_VAL_ERROR) {
            info_free(info, i);
            return v.error;
        }
        info[i].blank = v.kind == GK_VAL_BLANK;
        info[i].value = v.kind == GK_VAL_NUMBER;
        info[i].term = t->cells[i].term;
        /* only labels are matched: a number's or a blank's core is "" */
        info[i].core = info[i].blank || info[i].value ? gk_strdup("") : gk_label_core(t->cells[i].text);
        if (!info[i].core) {
            info_free(info, i);
            return GK_ERR_NOMEM; /* out of memory, or a pattern that failed */
        }
    }
    *out = info;
    return GK_OK;
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

/* The same for a label that must be read even when misprinted (a row, an
 * item, a measure): one character off is allowed, and a tie between two
 * codes is reported by the caller. */
static gk_term_match cell_match(const gk_term *term, const char *core, gk_term_kind kind, int how)
{
    gk_term_match m = {-1, 0, -1, -1};
    if (term) {
        m.id = term->kind == kind ? term->id : -1;
        return m;
    }
    return gk_vocab_match(kind, core, how);
}

/* "fits penalty and enforcement equally" for a tie's diagnostic. */
static void describe_tie(gk_term_kind kind, const gk_term_match *m, char *buf, size_t cap)
{
    snprintf(buf, cap, "fits %s and %s equally%s", gk_code(kind, m->first), gk_code(kind, m->tie),
             m->errors ? " (each with one character off)" : "");
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
    gk_status st; /* the first error: it ends the recognition */
} ctx;

/* Records an error (the first one stays) and says whether all is well. */
static bool ok(ctx *c, gk_status st)
{
    if (c->st == GK_OK)
        c->st = st;
    return c->st == GK_OK;
}

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
    if (v.kind == GK_VAL_ERROR) {
        ok(c, v.error);
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
static gk_term_match row_match(const trow *row)
{
    const rcell *label = &row->cells[row->last_label];
    if (label->term)
        return cell_match(label->term, label->core, GK_TERM_ROW, GK_MATCH_EXACT);
    /* keywords as written in any of the joins before a misprint in any */
    char joined[1024];
    for (int how = GK_MATCH_EXACT; how <= GK_MATCH_FUZZY; how++)
        for (int from = row->last_label; from >= 0; from--) {
            if (row->cells[from].blank || row->cells[from].value)
                continue;
            label_join(row, from, joined, sizeof joined);
            gk_term_match m = gk_vocab_match(GK_TERM_ROW, joined, how);
            if (m.id >= 0 || m.tie >= 0)
                return m;
        }
    gk_term_match none = {-1, 0, -1, -1};
    return none;
}

static int row_id(const trow *row) { return row_match(row).id; }

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
    if (!row) {
        ok(c, GK_ERR_NOMEM);
        return;
    }
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
            gk_term_match m = row_match(row);
            int code = m.id;
            if (gk_vocab_has(GK_TERM_ROW, GK_ROW_OTHER_PROCESSING, all))
                in_group_six = true;
            if (code == GK_ROW_OTHER_OTHER && !in_group_six)
                code = -1;
            if (code < 0) {
                char why[160] = "is not a row of table 三";
                if (m.tie >= 0)
                    describe_tie(GK_TERM_ROW, &m, why, sizeof why);
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
    int told[2]; /* labels met that belong to the 2019 / the 2021 edition only */
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
        fi->label = gk_label_normalize(label);
    }
    if (!fi->code || (item < 0 && !fi->label)) {
        free(fi->code);
        free(fi->label);
        memset(fi, 0, sizeof *fi);
        ok(c, GK_ERR_NOMEM);
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
    /* A misprinted measure is read only in a row of labels alone: an item
     * row's label must not make a header of it. */
    bool labels_only = true;
    for (int i = 0; i < row->n; i++)
        labels_only = labels_only && !row->cells[i].value;
    int found = 0;
    for (int i = 0; i < row->n && found < GK_MAX_MEASURES; i++) {
        const rcell *cell = &row->cells[i];
        gk_term_match mt = {-1, 0, -1, -1};
        if (!cell->blank && !cell->value)
            mt = cell_match(cell->term, cell->core, GK_TERM_MEASURE, labels_only ? GK_MATCH_FUZZY : GK_MATCH_EXACT);
        int id = mt.id;
        if (mt.tie > 0) {
            char why[160];
            describe_tie(GK_TERM_MEASURE, &mt, why, sizeof why);
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

/* Counts a label toward the edition it belongs to, when only one. */
static void tell(int *told, gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    if (t && t->editions == GK_ED_2019)
        told[0]++;
    else if (t && t->editions == GK_ED_2021)
        told[1]++;
}

/* The edition more of a table's labels belong to; 0 when none tells. */
static unsigned told_edition(const int *told)
{
    return told[0] > told[1] ? GK_ED_2019 : told[1] > told[0] ? GK_ED_2021 : 0;
}

static void recognize_active(ctx *c, const gk_table *t, const cell_info *info, int table_no, active_found *af)
{
    trow *row = malloc(sizeof *row);
    if (!row) {
        ok(c, GK_ERR_NOMEM);
        return;
    }
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
                tell(af->told, GK_TERM_MEASURE, m[k]);
            continue;
        }
        if (row->last_label < 0 || nm == 0)
            continue;
        const rcell *label = &row->cells[row->last_label];
        const rcell *v[GK_MAX_TABLE_COLS];
        int nv = row_values(row, rr, v), filled = 0;
        for (int i = 0; i < nv; i++)
            filled += !v[i]->blank;
        gk_term_match im = cell_match(label->term, label->core, GK_TERM_ITEM, GK_MATCH_FUZZY);
        int item = im.id;
        if (im.tie >= 0) {
            char why[160];
            describe_tie(GK_TERM_ITEM, &im, why, sizeof why);
            gk_diag_add(&c->r->diags, GK_SEV_WARNING, c->where, "item \"%s\" %s; kept as a local row with its label",
                        label->cell->text, why);
        }
        /* article rows, measure headers and the section's own title; not a
         * local row such as 其他主动公开文件, which is kept as extra_N */
        bool header_like = !label->term && (gk_vocab_has(GK_TERM_HEADER, GK_HDR_ARTICLE, label->core) ||
                                            gk_vocab_has(GK_TERM_HEADER, GK_HDR_CONTENT, label->core) ||
                                            gk_vocab_has(GK_TERM_HEADER, GK_HDR_ACTIVE_TITLE, label->core));
        if (item >= 0)
            tell(af->told, GK_TERM_ITEM, item);
        if ((item >= 0 && !header_like) || (item < 0 && !header_like && filled > 0))
            read_item_row(c, row, item, af, measures, mcols, nm, t->ncols);
    }
    free(row);
}

/* The measures item `item` has in edition ed, then those its row was read
 * with beyond them that hold a value (a table that mixes editions, a
 * header that does not fit the row): every value read is written.  A local
 * row (item -1) has the measures of its header. */
static int item_measures(ctx *c, int item, unsigned ed, const found_item *fi, int *out)
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

static void fill_item(ctx *c, gk_item *it, const char *code, const char *label, const int *ms, int nm,
                      const found_item *fi)
{
    it->code = gk_strdup(code);
    if (!it->code || (label && !(it->label = gk_strdup(label)))) {
        ok(c, GK_ERR_NOMEM);
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
static void build_items(ctx *c, active_found *af, unsigned ed)
{
    gk_report *r = c->r;
    r->items = calloc((size_t)GK_ITEM_COUNT + (size_t)af->extras + 1, sizeof *r->items);
    if (!r->items) {
        ok(c, GK_ERR_NOMEM);
        return;
    }
    for (int item = 0; item < GK_ITEM_COUNT && c->st == GK_OK; item++) {
        const gk_term *t = gk_term_get(GK_TERM_ITEM, item);
        const found_item *fi = NULL;
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
        const found_item *fi = &af->items[i];
        if (fi->item >= 0)
            continue;
        int ms[GK_MAX_MEASURES];
        int nm = item_measures(c, -1, ed, fi, ms);
        fill_item(c, &r->items[r->item_count++], fi->code, fi->label ? fi->label : "", ms, nm, fi);
    }
}

/* ---- section 四 ---- */

static void recognize_rl(ctx *c, const gk_table *t, const cell_info *info, int table_no)
{
    gk_report *r = c->r;
    trow *row = malloc(sizeof *row);
    if (!row) {
        ok(c, GK_ERR_NOMEM);
        return;
    }
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

/* Each table's edition from its own labels; a table whose labels do not
 * tell takes the other table's, else the year's (the 2019 template served
 * the 2019 and 2020 reports). */
static void decide_editions(gk_report *r, const int *active_told, const int *apps_told)
{
    unsigned active = r->has_active ? told_edition(active_told) : 0;
    unsigned apps = r->has_applications ? told_edition(apps_told) : 0;
    unsigned fallback = active ? active : apps;
    if (!fallback) {
        fallback = r->year && r->year <= 2020 ? GK_ED_2019 : GK_ED_2021;
        gk_diag_add(&r->diags, GK_SEV_WARNING, "template", "no label tells the template apart; %s assumed from the year",
                    gk_edition_name(fallback));
    }
    r->active_edition = r->has_active ? (active ? active : fallback) : 0;
    r->apps_edition = r->has_applications ? (apps ? apps : fallback) : 0;
    if (active_told[0] && active_told[1])
        gk_diag_add(&r->diags, GK_SEV_WARNING, "table 二",
                    "labels of both templates (%d of 2019, %d of 2021); read as %s, every value kept under its own code",
                    active_told[0], active_told[1], gk_edition_name(r->active_edition));
    if (apps_told[0] && apps_told[1])
        gk_diag_add(&r->diags, GK_SEV_WARNING, "table 三",
                    "rows of both templates (%d of 2019, %d of 2021); read as %s, every row kept",
                    apps_told[0], apps_told[1], gk_edition_name(r->apps_edition));
    if (r->active_edition && r->apps_edition && r->active_edition != r->apps_edition) {
        r->template_kind = GK_TEMPLATE_MIXED;
        gk_diag_add(&r->diags, GK_SEV_INFO, "template", "table 二 follows the %s template, table 三 the %s template",
                    gk_edition_name(r->active_edition), gk_edition_name(r->apps_edition));
    } else {
        unsigned ed = r->active_edition ? r->active_edition : r->apps_edition ? r->apps_edition : fallback;
        r->template_kind = ed == GK_ED_2019 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
    }
}

/* Table 三's rows as written: the edition's, and any other row it has. */
static void list_app_rows(gk_report *r)
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

/* Each table of the model to its recognizer; table 三 may come in pieces
 * (a page break), so its pieces are read together at the end. */
static void recognize_all(ctx *c, const gk_document *doc, active_found *af, bool *have_active)
{
    const gk_table *apps[64];
    cell_info *apps_info[64];
    int apps_no[64], napps = 0, table_no = 0;
    for (size_t i = 0; i < doc->count && c->st == GK_OK; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_TABLE)
            continue;
        table_no++;
        cell_info *info = NULL;
        if (!ok(c, analyze(b->table, &info)))
            break;
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
            recognize_active(c, b->table, info, table_no, af);
            *have_active = true;
            break;
        case KIND_RL:
            if (!c->r->has_reviews)
                recognize_rl(c, b->table, info, table_no);
            break;
        case KIND_NONE:
            break;
        }
        if (!keep)
            info_free(info, b->table->ncells);
    }
    if (c->st == GK_OK)
        recognize_apps(c, apps, apps_info, apps_no, napps);
    for (int i = 0; i < napps; i++)
        info_free(apps_info[i], apps[i]->ncells);
}

gk_status gk_recognize_tables(const gk_document *doc, gk_report *r)
{
    ctx c = {.r = r, .st = GK_OK};
    active_found *af = calloc(1, sizeof *af);
    if (!af)
        return GK_ERR_NOMEM;
    bool have_active = false;
    recognize_all(&c, doc, af, &have_active);
    r->has_active = have_active && af->count > 0;
    if (c.st == GK_OK && (r->has_applications || r->has_active || r->has_reviews)) {
        int apps_told[2] = {0, 0};
        for (int row = 0; row < GK_APP_ROW_COUNT; row++)
            if (r->app_row_found[row])
                tell(apps_told, GK_TERM_ROW, row);
        decide_editions(r, af->told, apps_told);
        if (r->has_active)
            build_items(&c, af, r->active_edition);
        if (r->has_applications)
            list_app_rows(r);
    } else if (c.st == GK_OK) {
        r->template_kind = GK_TEMPLATE_FREE;
        /* Since the 2019 reports every report has the template's tables. */
        if (r->year >= 2019)
            gk_diag_add(&r->diags, GK_SEV_WARNING, "template",
                        "a %d report without any table of the national template: converted as free-form, "
                        "with no numbers", r->year);
    }
    for (int i = 0; i < af->count; i++) {
        free(af->items[i].code);
        free(af->items[i].label);
    }
    free(af);
    return c.st;
}
