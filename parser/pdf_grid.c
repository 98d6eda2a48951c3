/* pdf_grid.c — a page's rulings into tables: rulings merged into lines,
 * lines that touch grouped into one table each, their positions clustered
 * into column and row boundaries, and two grid slots merged where the line
 * between them is missing or covers less than half of their edge (that
 * gives colspan and rowspan).  Each character goes to the cell holding its
 * centre. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

void gk_pdf_table_free(gk_pdf_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->lead);
    free(t->xs);
    free(t->ys);
    memset(t, 0, sizeof *t);
}

static int rule_cmp(const void *a, const void *b)
{
    const gk_pdf_rule *x = a, *y = b;
    if (fabsf(x->pos - y->pos) > GK_PDF_SNAP / 2)
        return x->pos < y->pos ? -1 : 1;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* Sorts the rulings and merges those on one line that overlap or nearly
 * touch: a border drawn twice, or in pieces cell by cell, is one line. */
static size_t merge_rules(gk_pdf_rule *r, size_t n)
{
    if (n == 0)
        return 0;
    qsort(r, n, sizeof *r, rule_cmp);
    size_t out = 0;
    for (size_t i = 1; i < n; i++) {
        gk_pdf_rule *last = &r[out];
        if (fabsf(r[i].pos - last->pos) <= GK_PDF_SNAP && r[i].from <= last->to + GK_PDF_SNAP) {
            if (r[i].to > last->to)
                last->to = r[i].to;
        } else {
            r[++out] = r[i];
        }
    }
    return out + 1;
}

/* ---- grouping lines into tables (union-find) ---- */

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static bool touch(const gk_pdf_rule *h, const gk_pdf_rule *v)
{
    return v->pos >= h->from - GK_PDF_SNAP && v->pos <= h->to + GK_PDF_SNAP && h->pos >= v->from - GK_PDF_SNAP &&
           h->pos <= v->to + GK_PDF_SNAP;
}

/* ---- one table ---- */

/* The lines of one table, each list sorted by position. */
typedef struct {
    gk_pdf_rule *h, *v;
    size_t nh, nv;
} lines_of;

static int float_cmp(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* Sorted positions, those within GK_PDF_SNAP of the last kept dropped;
 * returns the count kept. */
static int cluster(float *p, int n)
{
    qsort(p, (size_t)n, sizeof *p, float_cmp);
    int out = 0;
    for (int i = 0; i < n; i++)
        if (out == 0 || p[i] - p[out - 1] > GK_PDF_SNAP)
            p[out++] = p[i];
    return out;
}

/* Length of [from, to] covered by the lines at pos (r sorted by pos). */
static float coverage(const gk_pdf_rule *r, size_t n, float pos, float from, float to)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].pos < pos - GK_PDF_SNAP)
            lo = mid + 1;
        else
            hi = mid;
    }
    float covered = 0;
    for (size_t i = lo; i < n && r[i].pos <= pos + GK_PDF_SNAP; i++) {
        float a = r[i].from > from ? r[i].from : from, b = r[i].to < to ? r[i].to : to;
        if (b > a)
            covered += b - a;
    }
    return covered;
}

/* The boundaries of the table: every line's position, and the box's edges
 * (an undrawn border, cut by a page break, is closed). */
static bool boundaries(const gk_pdf_rule *r, size_t n, float first, float last, float **out, int *count)
{
    float *p = malloc((n + 2) * sizeof *p);
    if (!p)
        return false;
    int k = 0;
    p[k++] = first;
    p[k++] = last;
    for (size_t i = 0; i < n; i++)
        p[k++] = r[i].pos;
    *count = cluster(p, k);
    *out = p;
    return true;
}

/* Slots joined where the wall between them is not drawn over half its
 * length; returns each slot's component root in comp. */
static void join_slots(const lines_of *L, const gk_pdf_table *t, size_t *comp)
{
    int nc = t->ncols, nr = t->nrows;
    for (size_t i = 0; i < (size_t)nc * (size_t)nr; i++)
        comp[i] = i;
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            size_t s = (size_t)r * nc + c;
            float h = t->ys[r + 1] - t->ys[r], w = t->xs[c + 1] - t->xs[c];
            if (c + 1 < nc && coverage(L->v, L->nv, t->xs[c + 1], t->ys[r], t->ys[r + 1]) < h / 2)
                comp[find(comp, s + 1)] = find(comp, s);
            if (r + 1 < nr && coverage(L->h, L->nh, t->ys[r + 1], t->xs[c], t->xs[c + 1]) < w / 2)
                comp[find(comp, s + (size_t)nc)] = find(comp, s);
        }
    for (size_t i = 0; i < (size_t)nc * (size_t)nr; i++)
        comp[i] = find(comp, i);
}

static int slot_of(const float *bounds, int n, float at)
{
    if (at < bounds[0] || at > bounds[n])
        return -1;
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (bounds[mid] <= at)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Cells from the components: a component that is not a rectangle (lines
 * that cross oddly) falls back to one cell per slot. */
static bool make_cells(gk_pdf_table *t, size_t *comp)
{
    size_t nslots = (size_t)t->ncols * (size_t)t->nrows;
    int *r0 = malloc(nslots * 4 * sizeof *r0);
    size_t *area = calloc(nslots, sizeof *area);
    t->cells = calloc(nslots, sizeof *t->cells);
    if (!r0 || !area || !t->cells) {
        free(r0);
        free(area);
        return false;
    }
    int *c0 = r0 + nslots, *r1 = c0 + nslots, *c1 = r1 + nslots;
    for (size_t i = 0; i < nslots; i++)
        r0[i] = c0[i] = 1 << 30, r1[i] = c1[i] = -1;
    for (size_t s = 0; s < nslots; s++) {
        size_t k = comp[s];
        int r = (int)(s / (size_t)t->ncols), c = (int)(s % (size_t)t->ncols);
        area[k]++;
        if (r < r0[k]) r0[k] = r;
        if (c < c0[k]) c0[k] = c;
        if (r + 1 > r1[k]) r1[k] = r + 1;
        if (c + 1 > c1[k]) c1[k] = c + 1;
    }
    for (size_t s = 0; s < nslots; s++) {
        size_t k = comp[s];
        if ((size_t)(r1[k] - r0[k]) * (size_t)(c1[k] - c0[k]) != area[k])
            comp[s] = s, r0[s] = (int)(s / (size_t)t->ncols), c0[s] = (int)(s % (size_t)t->ncols),
            r1[s] = r0[s] + 1, c1[s] = c0[s] + 1, area[s] = 0;
    }
    /* cells in row-major order of their top-left slot; comp[] becomes the cell index */
    size_t *cell_of = area; /* reused: root → cell index + 1 */
    memset(cell_of, 0, nslots * sizeof *cell_of);
    for (size_t s = 0; s < nslots; s++) {
        size_t k = comp[s];
        if (!cell_of[k]) {
            t->cells[t->ncells] = (gk_pdf_cell){r0[k], r1[k], c0[k], c1[k], NULL};
            cell_of[k] = ++t->ncells;
        }
        comp[s] = cell_of[k] - 1;
    }
    free(r0);
    free(area);
    return true;
}

/* Each character whose centre is inside the table goes to its cell. */
static bool fill_cells(gk_pdf_table *t, const gk_pdf_page *page, const size_t *cell_of_slot, bool *in_table)
{
    size_t *owner = malloc((page->nchars + 1) * sizeof *owner);
    size_t *idx = malloc((page->nchars + 1) * sizeof *idx);
    size_t *start = calloc(t->ncells + 1, sizeof *start);
    bool ok = owner && idx && start;
    for (size_t i = 0; ok && i < page->nchars; i++) {
        const gk_pdf_char *ch = &page->chars[i];
        float x = (ch->box.x0 + ch->box.x1) / 2, y = (ch->box.y0 + ch->box.y1) / 2;
        int c = in_table[i] ? -1 : slot_of(t->xs, t->ncols, x), r = c < 0 ? -1 : slot_of(t->ys, t->nrows, y);
        owner[i] = r < 0 ? SIZE_MAX : cell_of_slot[(size_t)r * t->ncols + c];
        if (owner[i] != SIZE_MAX) {
            in_table[i] = true;
            start[owner[i] + 1]++;
        }
    }
    for (size_t k = 0; ok && k < t->ncells; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; ok && i < page->nchars; i++)
        if (owner[i] != SIZE_MAX)
            idx[start[owner[i]]++] = i; /* start[k] ends at the next cell's start */
    for (size_t k = t->ncells; ok && k > 0; k--)
        start[k] = start[k - 1];
    if (ok)
        start[0] = 0;
    for (size_t k = 0; ok && k < t->ncells; k++) {
        gk_buf text;
        gk_buf_init(&text);
        gk_pdf_chars_text(page->chars, idx + start[k], start[k + 1] - start[k], &text);
        /* white space squeezed (PDFs draw spaces, no-break ones too) */
        ok = !text.failed && (t->cells[k].text = gk_text_squeeze(text.data ? text.data : "")) != NULL;
        gk_buf_free(&text);
    }
    free(owner);
    free(idx);
    free(start);
    return ok;
}

static bool build_table(const lines_of *L, const gk_pdf_page *page, gk_box box, bool *in_table, gk_pdf_table *t)
{
    memset(t, 0, sizeof *t);
    t->page = t->first_page = page->number;
    t->box = box;
    int nx, ny;
    if (!boundaries(L->v, L->nv, box.x0, box.x1, &t->xs, &nx) || !boundaries(L->h, L->nh, box.y0, box.y1, &t->ys, &ny))
        return false;
    t->ncols = nx - 1;
    t->nrows = ny - 1;
    t->bottom_open = coverage(L->h, L->nh, box.y1, box.x0, box.x1) < (box.x1 - box.x0) / 2;
    if (t->ncols < 1 || t->nrows < 1 || (size_t)t->ncols * (size_t)t->nrows > GK_MAX_TABLE_SLOTS)
        return true; /* no grid: left without cells (reported when emitted if oversized) */
    size_t *comp = malloc((size_t)t->ncols * (size_t)t->nrows * sizeof *comp);
    if (!comp)
        return false;
    join_slots(L, t, comp);
    bool ok = make_cells(t, comp) && fill_cells(t, page, comp, in_table);
    free(comp);
    return ok;
}

static int table_cmp(const void *a, const void *b)
{
    const gk_pdf_table *x = a, *y = b;
    return x->box.y0 < y->box.y0 ? -1 : x->box.y0 > y->box.y0;
}

/* The box and line counts of each group of touching lines (index by root;
 * h lines first, then v). */
static void group_boxes(const gk_pdf_rule *h, size_t nh, const gk_pdf_rule *v, size_t nv, const size_t *root,
                        gk_box *box, size_t *count_v, size_t *count_h)
{
    size_t n = nh + nv;
    for (size_t i = 0; i < n; i++) {
        count_v[i] = count_h[i] = 0;
        box[i] = (gk_box){INFINITY, INFINITY, -INFINITY, -INFINITY};
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = root[i];
        bool vertical = i >= nh;
        const gk_pdf_rule *r = vertical ? &v[i - nh] : &h[i];
        float x0 = vertical ? r->pos : r->from, x1 = vertical ? r->pos : r->to;
        float y0 = vertical ? r->from : r->pos, y1 = vertical ? r->to : r->pos;
        if (x0 < box[g].x0) box[g].x0 = x0;
        if (y0 < box[g].y0) box[g].y0 = y0;
        if (x1 > box[g].x1) box[g].x1 = x1;
        if (y1 > box[g].y1) box[g].y1 = y1;
        *(vertical ? &count_v[g] : &count_h[g]) += 1;
    }
}

/* The lines of group g copied into L (their order, by position, kept). */
static bool group_lines(gk_pdf_page *page, size_t nh, size_t nv, const size_t *root, size_t g, lines_of *L)
{
    L->nh = L->nv = 0;
    for (size_t i = 0; i < nh; i++)
        if (root[i] == g)
            L->h[L->nh++] = page->hrules.items[i];
    for (size_t i = 0; i < nv; i++)
        if (root[nh + i] == g)
            L->v[L->nv++] = page->vrules.items[i];
    return true;
}

/* Groups the page's lines that touch (union-find): each group that draws
 * a table — two vertical lines and one horizontal at least, not a mere
 * underline — is one table. */
static bool tables_of_groups(gk_pdf_page *page, size_t nh, size_t nv, size_t *root, bool *in_table,
                             gk_pdf_table *found, size_t *count)
{
    size_t n = nh + nv;
    gk_box *box = malloc(n * sizeof *box);
    size_t *cv = malloc(2 * n * sizeof *cv);
    lines_of L = {malloc(nh * sizeof *L.h), malloc(nv * sizeof *L.v), 0, 0};
    bool ok = box && cv && L.h && L.v;
    if (ok)
        group_boxes(page->hrules.items, nh, page->vrules.items, nv, root, box, cv, cv + n);
    for (size_t g = 0; ok && g < n; g++) {
        if (root[g] != g || cv[g] < 2 || cv[n + g] < 1 || box[g].x1 - box[g].x0 < GK_PDF_MIN_TABLE_SIDE ||
            box[g].y1 - box[g].y0 < GK_PDF_MIN_TABLE_SIDE)
            continue;
        group_lines(page, nh, nv, root, g, &L);
        ok = build_table(&L, page, box[g], in_table, &found[*count]);
        bool oversized = (size_t)found[*count].ncols * (size_t)found[*count].nrows > GK_MAX_TABLE_SLOTS;
        if (ok && (found[*count].ncells || oversized)) /* an oversized one is kept to be reported */
            (*count)++;
        else
            gk_pdf_table_free(&found[*count]);
    }
    free(box);
    free(cv);
    free(L.h);
    free(L.v);
    return ok;
}

bool gk_pdf_find_tables(gk_pdf_page *page, bool *in_table, gk_pdf_table **tables, size_t *count)
{
    *tables = NULL;
    *count = 0;
    size_t nh = merge_rules(page->hrules.items, page->hrules.count);
    size_t nv = merge_rules(page->vrules.items, page->vrules.count);
    page->hrules.count = nh;
    page->vrules.count = nv;
    size_t n = nh + nv;
    if (nh == 0 || nv < 2)
        return true;
    size_t *root = malloc(n * sizeof *root);
    gk_pdf_table *found = calloc(n, sizeof *found);
    if (!root || !found) {
        free(root);
        free(found);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        root[i] = i;
    for (size_t i = 0; i < nh; i++)
        for (size_t k = 0; k < nv; k++)
            if (touch(&page->hrules.items[i], &page->vrules.items[k]))
                root[find(root, nh + k)] = find(root, i);
    for (size_t i = 0; i < n; i++)
        root[i] = find(root, i);
    bool ok = tables_of_groups(page, nh, nv, root, in_table, found, count);
    free(root);
    if (!ok) {
        for (size_t i = 0; i < *count; i++)
            gk_pdf_table_free(&found[i]);
        free(found);
        *count = 0;
        return false;
    }
    qsort(found, *count, sizeof *found, table_cmp);
    *tables = found;
    return true;
}
