/* pdf_unruled_place.c — the rows of a table drawn without rulings placed
 * into its header's columns.  Each header cell naming a column names one;
 * the values of the lines below go to the column they stand under — the
 * values' own x-ranges clustered, so that right-aligned or centred numbers
 * find their header even when they stand nearer the next one.  Numbers set
 * apart stay apart (the text path would read "95 81" as one run to split).
 * Label words go to the row of values they stand beside; a label's wrapped
 * lines follow its first.  The header comes from pdf_unruled_header.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_unruled.h"

/* Without libm, as in pdf_unruled.h. */
static float abs_f(float a) { return a < 0 ? -a : a; }
static float cx(gk_box b) { return (b.x0 + b.x1) / 2; }
static float cyb(gk_box b) { return (b.y0 + b.y1) / 2; }

/* ---- the rows below the header ---- */

typedef struct {
    const gk_pdf_words *W;
    const header *h;     /* on this page, or carried from the page before */
    bool carried;
    bool continues;      /* continues a table the page before's end cut */
    bool lead_row;       /* its first row of values may end that table's last row: no label starts it */
    size_t start, end;   /* the table's lines after the header: [start, end) */
    size_t w0, w1;       /* their words */
    float boundary;      /* the first column's left edge: labels stand left of it */
    int *row;            /* per line from start: its row of values, or -1 */
    int nrows;
    /* per word from w0: */
    int *col;            /* a value's column (index among the header's), -1 for a label */
    bool *wrapped;       /* a value: the end of the number above it, wrapped in a narrow cell */
    size_t *chain;       /* a label word: the first word of its label (a wrapped label's first line) */
    int *label_row;      /* a label's first word: the row it is attached to, or -1 */
    int *label_col;      /* a label's first word: its label column */
    int nlabel_cols;
} body;

static void body_free(body *b)
{
    free(b->row);
    free(b->col);
    free(b->wrapped);
    free(b->chain);
    free(b->label_row);
    free(b->label_col);
}

static bool is_value(const body *b, const gk_pdf_word *w)
{
    return w->number && cx(w->box) > b->boundary - w->size;
}

/* Where the table ends: a line with text standing in the columns that is
 * not a value (a heading, prose), a wide gap, or the next table's header. */
static gk_status table_end(body *b)
{
    const gk_pdf_words *W = b->W;
    size_t l = b->start;
    for (; l < W->nlines; l++) {
        const gk_pdf_wline *line = &W->lines[l];
        bool after_header = l == b->start && b->carried; /* the header is on the page before */
        if (l > 0 && !after_header && line->box.y0 - W->lines[l - 1].box.y1 > GK_PDF_TABLE_GAP_EM * line->height)
            break;
        bool values = false, foreign = false;
        for (size_t i = line->first; i < line->end; i++) {
            const gk_pdf_word *w = &W->words[i];
            if (is_value(b, w))
                values = true;
            else if (w->box.x1 > b->boundary + 2 * w->size)
                foreign = true;
        }
        if (foreign)
            break;
        if (!values && gk_unruled_header_line(W, l)) {
            header next;
            bool found;
            gk_status st = gk_unruled_find_header(W, l, &next, &found);
            if (st != GK_OK)
                return st;
            gk_unruled_header_clear(&next);
            if (found)
                break;
        }
    }
    b->end = l;
    return GK_OK;
}

/* The value word of row r's lines above l in column c, stacked right
 * over word v (the rest of a number wrapped in a narrow cell), or NULL. */
static const gk_pdf_word *wrapped_over(const body *b, size_t l, int r, const gk_pdf_word *v, int c)
{
    for (size_t k = l; k-- > b->start && b->row[k - b->start] == r;) {
        const gk_pdf_wline *up = &b->W->lines[k];
        for (size_t i = up->first; i < up->end; i++) {
            const gk_pdf_word *u = &b->W->words[i];
            float gap = v->box.y0 - u->box.y1;
            if (b->col[i - b->w0] == c && x_overlap(u->box, v->box) && gap > -v->size / 4 && gap < v->size / 2)
                return u;
        }
    }
    return NULL;
}

/* Whether the values of line l are all the ends of numbers of row r
 * wrapped over two lines ("23" over "1" in a narrow cell); they are
 * marked. */
static bool only_wrapped(body *b, size_t l, int r)
{
    const gk_pdf_wline *line = &b->W->lines[l];
    for (size_t i = line->first; i < line->end; i++) {
        const gk_pdf_word *v = &b->W->words[i];
        int c = b->col[i - b->w0];
        if (c >= 0 && !wrapped_over(b, l, r, v, c))
            return false;
    }
    for (size_t i = line->first; i < line->end; i++)
        b->wrapped[i - b->w0] = b->col[i - b->w0] >= 0;
    return true;
}

/* The rows: one per line holding values.  A line of values just under a
 * row whose columns it does not share is that row's too (a column whose
 * cells are set lower than the others'), and so is a line of the ends of
 * its numbers wrapped. */
static bool find_rows(body *b)
{
    size_t n = b->end - b->start;
    int nleaves = b->h->nleaves;
    b->row = malloc((n + 1) * sizeof *b->row);
    bool *taken = calloc((size_t)nleaves + 1, sizeof *taken);
    if (!b->row || !taken) {
        free(taken);
        return false;
    }
    const gk_pdf_wline *last = NULL;
    for (size_t l = b->start; l < b->end; l++) {
        const gk_pdf_wline *line = &b->W->lines[l];
        bool values = false, shares = false;
        for (size_t i = line->first; i < line->end; i++) {
            int c = b->col[i - b->w0];
            values |= c >= 0;
            shares |= c >= 0 && taken[c];
        }
        b->row[l - b->start] = -1;
        if (!values)
            continue;
        bool same = last && !shares && line->box.y0 - last->box.y1 <= GK_PDF_STACK_GAP_EM * line->height;
        if (last && shares && only_wrapped(b, l, b->nrows - 1))
            same = true;
        if (!same) {
            memset(taken, 0, (size_t)nleaves * sizeof *taken);
            b->nrows++;
        }
        for (size_t i = line->first; i < line->end; i++)
            if (b->col[i - b->w0] >= 0)
                taken[b->col[i - b->w0]] = true;
        b->row[l - b->start] = b->nrows - 1;
        last = line;
    }
    free(taken);
    return true;
}

/* ---- values into columns ---- */

static _Thread_local const gk_box *sort_boxes;

static int box_by_x(const void *a, const void *b)
{
    float d = sort_boxes[*(const size_t *)a].x0 - sort_boxes[*(const size_t *)b].x0;
    return d < 0 ? -1 : d > 0;
}

/* The header column of a cluster of values: the one its x-range overlaps
 * most, else the nearest. */
static int nearest_leaf(const body *b, gk_box c)
{
    int best = 0;
    float best_score = -INFINITY;
    for (int k = 0; k < b->h->nleaves; k++) {
        gk_box leaf = b->h->blocks[b->h->leaves[k]].box;
        float overlap = min_f(c.x1, leaf.x1) - max_f(c.x0, leaf.x0);
        float score = overlap > 0 ? overlap : -abs_f(cx(c) - cx(leaf));
        if (score > best_score)
            best_score = score, best = k;
    }
    return best;
}

/* Each value's column.  The values of one column overlap each other across
 * the rows whether they are set left, centred or right; those clusters,
 * left to right, are the header's columns in order when there are as many,
 * else each goes to the header cell it overlaps or stands nearest. */
static bool place_values(body *b)
{
    size_t n = b->w1 - b->w0;
    size_t *parent = malloc((n + 1) * sizeof *parent);
    gk_box *cluster = malloc((n + 1) * sizeof *cluster);
    size_t *order = malloc((n + 1) * sizeof *order);
    int *leaf = malloc((n + 1) * sizeof *leaf);
    bool ok = parent && cluster && order && leaf;
    for (size_t i = 0; ok && i < n; i++) {
        parent[i] = i;
        b->col[i] = -1;
    }
    const gk_pdf_word *w = b->W->words + b->w0;
    for (size_t i = 0; ok && i < n; i++)
        for (size_t k = i + 1; is_value(b, &w[i]) && k < n; k++)
            if (is_value(b, &w[k]) && x_overlap(w[i].box, w[k].box))
                parent[find(parent, k)] = find(parent, i);
    size_t nc = 0;
    for (size_t i = 0; ok && i < n; i++)
        if (is_value(b, &w[i]) && find(parent, i) == i) {
            gk_box c = w[i].box;
            for (size_t k = 0; k < n; k++)
                if (is_value(b, &w[k]) && find(parent, k) == i)
                    box_add(&c, w[k].box);
            cluster[i] = c;
            order[nc++] = i;
        }
    if (ok) {
        sort_boxes = cluster;
        qsort(order, nc, sizeof *order, box_by_x);
        for (size_t k = 0; k < nc; k++)
            leaf[order[k]] = nc == (size_t)b->h->nleaves ? (int)k : nearest_leaf(b, cluster[order[k]]);
        for (size_t i = 0; i < n; i++)
            if (is_value(b, &w[i]))
                b->col[i] = leaf[find(parent, i)];
    }
    free(parent);
    free(cluster);
    free(order);
    free(leaf);
    return ok;
}

/* ---- labels to their rows ---- */

enum { LEAD = -2 }; /* a label's row: the last of the table's part on the page before */

/* The label word over w that w continues, or SIZE_MAX: the nearest label
 * word above it that it overlaps, less than GK_PDF_CHAIN_GAP_EM above
 * (lines of values only may stand between: values set in the middle). */
static size_t label_above(const body *b, const gk_pdf_word *w)
{
    const gk_pdf_words *W = b->W;
    for (size_t k = (size_t)w->line; k-- > b->start;) {
        const gk_pdf_wline *up = &W->lines[k];
        if (w->box.y0 - up->box.y1 > GK_PDF_CHAIN_GAP_EM * w->size)
            return SIZE_MAX;
        for (size_t i = up->first; i < up->end; i++) {
            const gk_pdf_word *u = &W->words[i];
            /* a wrapped line starts under its line before, or right of
             * its start when centred; never left of it */
            bool under = x_overlap(u->box, w->box) && w->box.x0 >= u->box.x0 - w->size / 2;
            if (b->col[i - b->w0] < 0 && !u->article && under)
                return i;
        }
    }
    return SIZE_MAX;
}

/* A label word's first word: a line that does not start with numbering
 * and stands right under a label word it overlaps goes on that label (a
 * wrapped label, or a group's label stacked over lines). */
static void chain_labels(body *b)
{
    const gk_pdf_words *W = b->W;
    for (size_t i = b->w0; i < b->w1; i++) {
        const gk_pdf_word *w = &W->words[i];
        size_t me = i - b->w0;
        b->chain[me] = me;
        if (b->col[me] >= 0 || w->numbered || w->article || b->row[w->line - b->start] >= 0)
            continue;
        size_t k = label_above(b, w);
        if (k != SIZE_MAX)
            b->chain[me] = b->chain[k - b->w0];
    }
}

/* The row of values nearest to the label over [y0, y1], within reach;
 * only rows from its first line down when it starts with numbering (a
 * numbered label starts its row: its values are beside or under it, never
 * above).  -1 when none is. */
static int nearest_row(const body *b, float y0, float y1, float reach, bool numbered)
{
    int best = -1;
    float best_d = INFINITY;
    for (size_t l = b->start; l < b->end; l++) {
        int r = b->row[l - b->start];
        if (r < 0)
            continue;
        float c = cyb(b->W->lines[l].box);
        if (numbered && b->W->lines[l].box.y1 < y0)
            continue;
        /* a row whose values stand within the label's lines is its own */
        float d = c >= y0 && c <= y1 ? abs_f(c - (y0 + y1) / 2) - 1e6f : abs_f(c - (y0 + y1) / 2);
        if (d < best_d && (c >= y0 - reach && c <= y1 + reach))
            best_d = d, best = r;
    }
    return best;
}

static int float_cmp(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* Each label (its first word standing for it) attached to its row: the
 * row on its first line, else the one within its lines nearest their
 * middle (values set in the middle of a tall cell), else the nearest.
 * Label columns: the labels' left edges, clustered. */
static bool attach_labels(body *b)
{
    size_t n = b->w1 - b->w0;
    gk_box *span = malloc((n + 1) * sizeof *span);
    float *lefts = malloc((n + 1) * sizeof *lefts);
    if (!span || !lefts) {
        free(span);
        free(lefts);
        return false;
    }
    const gk_pdf_word *w = b->W->words + b->w0;
    for (size_t i = 0; i < n; i++)
        if (b->col[i] < 0 && b->chain[i] == i)
            span[i] = w[i].box;
    for (size_t i = 0; i < n; i++)
        if (b->col[i] < 0 && b->chain[i] != i)
            box_add(&span[b->chain[i]], w[i].box);
    float first_values = INFINITY;
    for (size_t l = b->start; l < b->end && first_values == INFINITY; l++)
        if (b->row[l - b->start] >= 0)
            first_values = b->W->lines[l].box.y0;
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        b->label_row[i] = -1;
        if (b->col[i] >= 0 || b->chain[i] != i || w[i].article)
            continue;
        int own = b->row[w[i].line - b->start];
        if (own < 0 && b->continues && !w[i].numbered && span[i].y1 < first_values) {
            b->label_row[i] = LEAD; /* the end of the page before's last row */
            continue;
        }
        float reach = GK_PDF_ROW_REACH_EM * w[i].size;
        b->label_row[i] = own >= 0 ? own : nearest_row(b, span[i].y0, span[i].y1, reach, w[i].numbered);
        if (b->label_row[i] >= 0)
            lefts[nl++] = span[i].x0;
    }
    qsort(lefts, nl, sizeof *lefts, float_cmp);
    size_t nclusters = 0;
    for (size_t k = 0; k < nl; k++)
        if (k == 0 || lefts[k] - lefts[nclusters - 1] > w[0].size)
            lefts[nclusters++] = lefts[k];
    b->nlabel_cols = nclusters > GK_PDF_MAX_LABEL_COLS ? GK_PDF_MAX_LABEL_COLS : (int)nclusters;
    for (size_t i = 0; i < n; i++) {
        if (b->label_row[i] < 0)
            continue;
        int c = 0;
        while ((size_t)c + 1 < nclusters && lefts[c + 1] <= span[i].x0 + w[i].size / 2)
            c++;
        b->label_col[i] = c < b->nlabel_cols ? c : b->nlabel_cols - 1;
    }
    free(span);
    free(lefts);
    return true;
}

/* ---- the table ---- */

/* The column a header cell goes to: its own, or for a cell over several
 * (法人或其他组织, 行政诉讼) the first it reaches. */
static int header_col(const body *b, const hblock *hb, int nlabel)
{
    if (hb->leaf >= 0)
        return nlabel + hb->leaf;
    if (hb->box.x1 <= b->boundary)
        return 0;
    int k = 0;
    while (k + 1 < b->h->nleaves && b->h->blocks[b->h->leaves[k]].box.x1 < hb->box.x0)
        k++;
    return nlabel + k;
}

static void add_text(gk_buf *cell, const char *text, bool same_line)
{
    if (same_line && cell->len)
        gk_buf_addc(cell, ' ');
    if (same_line)
        gk_buf_adds(cell, text);
    else
        gk_pdf_append_line(cell, text);
}

/* The header cells into the grid's first rows: the cells over others (申请
 * 人情况, 行政复议) a row per line they start on, then one row of the cells
 * naming the columns with those beside them (信息内容), as a ruled header
 * is read.  Their characters are marked as read. */
static int header_cells(const body *b, gk_buf *grid, int ncols, int nlabel, bool *in_table)
{
    const header *h = b->h;
    int leaf_top = h->blocks[h->leaves[0]].top, nh = 0;
    for (int k = 1; k < h->nleaves; k++)
        if (h->blocks[h->leaves[k]].top < leaf_top)
            leaf_top = h->blocks[h->leaves[k]].top;
    for (size_t l = h->b0; l <= h->b1; l++) {
        bool last = l == h->b1, any = false;
        for (size_t i = 0; i < h->nblocks; i++) {
            const hblock *hb = &h->blocks[i];
            bool here = last ? hb->top >= leaf_top : hb->top == (int)l && hb->top < leaf_top;
            if (!hb->kept || !here)
                continue;
            add_text(&grid[nh * ncols + header_col(b, hb, nlabel)], hb->text, true);
            any = true;
        }
        nh += any;
    }
    if (!b->carried)
        gk_unruled_mark_header(b->W, h, in_table);
    return nh;
}

/* The rows of values with their labels into the grid from row nh; the
 * end of a label the page break cut, above the first row, into lead. */
static void body_cells(const body *b, gk_buf *grid, int ncols, int nlabel, int nh, bool *in_table, gk_buf *lead)
{
    const gk_pdf_words *W = b->W;
    for (size_t i = b->w0; i < b->w1; i++) {
        size_t me = i - b->w0;
        const gk_pdf_word *w = &W->words[i];
        int r, c;
        bool same_line;
        if (b->col[me] >= 0) {
            r = b->row[w->line - b->start];
            c = nlabel + b->col[me];
            same_line = true;
            if (b->wrapped[me]) { /* the rest of the number above */
                gk_buf_adds(&grid[(nh + r) * ncols + c], w->text);
                for (size_t k = w->from; k < w->to; k++)
                    in_table[W->idx[k]] = true;
                continue;
            }
        } else { /* a label's lines joined, as a wrapped label reads */
            size_t head = b->chain[me];
            r = b->label_row[head];
            c = b->label_col[head];
            same_line = false;
        }
        if (r < 0 && r != LEAD)
            continue;
        add_text(r == LEAD ? lead : &grid[(nh + r) * ncols + c], w->text, same_line);
        for (size_t k = w->from; k < w->to; k++)
            in_table[W->idx[k]] = true;
    }
}

static bool grid_to_table(gk_buf *grid, int nrows, int ncols, gk_pdf_table *t)
{
    size_t n = (size_t)nrows * (size_t)ncols;
    t->cells = calloc(n + 1, sizeof *t->cells);
    if (!t->cells)
        return false;
    t->nrows = nrows;
    t->ncols = ncols;
    for (size_t i = 0; i < n; i++) {
        if (grid[i].failed)
            return false;
        if (!grid[i].len)
            continue;
        gk_pdf_cell *c = &t->cells[t->ncells];
        c->r0 = (int)(i / (size_t)ncols);
        c->c0 = (int)(i % (size_t)ncols);
        c->r1 = c->r0 + 1;
        c->c1 = c->c0 + 1;
        if (!(c->text = gk_text_squeeze(grid[i].data)))
            return false;
        t->ncells++;
    }
    return true;
}

static bool build_table(body *b, const gk_pdf_page *page, bool *in_table, gk_pdf_table *t)
{
    memset(t, 0, sizeof *t);
    int nlabel = b->nlabel_cols > 0 ? b->nlabel_cols : 1;
    bool numbered = false; /* whether a numbered label starts the first row */
    for (size_t i = 0; i < b->w1 - b->w0; i++)
        numbered |= b->label_row[i] == 0 && b->W->words[b->w0 + i].numbered;
    int ncols = nlabel + b->h->nleaves, nrows = (int)(b->h->b1 - b->h->b0) + b->nrows;
    size_t n = (size_t)nrows * (size_t)ncols;
    gk_buf *grid = malloc((n + 1) * sizeof *grid), lead;
    if (!grid)
        return false;
    for (size_t i = 0; i < n; i++)
        gk_buf_init(&grid[i]);
    gk_buf_init(&lead);
    int nh = header_cells(b, grid, ncols, nlabel, in_table);
    body_cells(b, grid, ncols, nlabel, nh, in_table, &lead);
    bool ok = grid_to_table(grid, nh + b->nrows, ncols, t) && !lead.failed;
    if (ok && lead.len)
        ok = (t->lead = gk_buf_take(&lead)) != NULL;
    gk_buf_free(&lead);
    for (size_t i = 0; i < n; i++)
        gk_buf_free(&grid[i]);
    free(grid);
    t->page = t->first_page = page->number;
    t->unruled = true;
    t->label_cols = nlabel;
    t->data_rows = b->nrows;
    t->lead_row = b->continues && b->nrows > 0 && !numbered ? nh : -1;
    size_t top = b->carried ? b->start : (size_t)gk_unruled_first_kept_line(b->h);
    t->box = b->W->lines[top].box;
    for (size_t l = top; l < b->end; l++)
        box_add(&t->box, b->W->lines[l].box);
    return ok;
}

/* The table under header h whose rows start at line start (on the page
 * after h's when carried), if rows of values follow; *next is the line
 * after it. */
gk_status gk_unruled_read_table(const gk_pdf_words *W, const header *h, size_t start, bool carried,
                                bool continues, const gk_pdf_page *page, bool *in_table, gk_pdf_table *t,
                                bool *made, size_t *next)
{
    body b = {.W = W, .h = h, .carried = carried, .continues = continues, .start = start,
              .boundary = h->blocks[h->leaves[0]].box.x0};
    *made = false;
    gk_status st = table_end(&b);
    *next = b.end;
    if (st != GK_OK)
        return st;
    if (b.end > start) {
        b.w0 = W->lines[start].first;
        b.w1 = W->lines[b.end - 1].end;
        size_t n = b.w1 - b.w0 + 1;
        b.col = malloc(n * sizeof *b.col);
        b.wrapped = calloc(n, sizeof *b.wrapped);
        b.chain = malloc(n * sizeof *b.chain);
        b.label_row = malloc(n * sizeof *b.label_row);
        b.label_col = calloc(n, sizeof *b.label_col);
        bool ok = b.col && b.wrapped && b.chain && b.label_row && b.label_col;
        st = ok && place_values(&b) && find_rows(&b) ? GK_OK : GK_ERR_NOMEM;
    }
    if (st == GK_OK && (b.nrows > 0 || (continues && b.end > start))) {
        chain_labels(&b);
        if (st == GK_OK && !attach_labels(&b))
            st = GK_ERR_NOMEM;
        if (st == GK_OK) {
            *made = true; /* freed by the caller, even half built */
            if (!build_table(&b, page, in_table, t))
                st = GK_ERR_NOMEM;
            else if (!t->data_rows && !t->lead) {
                gk_pdf_table_free(t); /* a header alone */
                *made = false;
            }
        }
    }
    body_free(&b);
    return st;
}
