/* pdf_unruled.c — tables drawn without rulings, rebuilt from their header
 * rows.  A header is a band of short lines without numbers whose words
 * (stacked words joined: 商业/企业) name the template's columns, measures
 * or results; each names one column, and the values of the lines below go
 * to the column they stand under — the values' own x-ranges clustered, so
 * that right-aligned or centred numbers find their header even when they
 * stand nearer the next one.  Numbers set apart stay apart (the text path
 * would read "95 81" as one run to split).  Label words go to the row of
 * values they stand beside; a label's wrapped lines follow its first. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "vocab.h"

gk_pdf_unruled_reading gk_pdf_unruled_mode = GK_PDF_UNRULED_COLUMNS;

/* Without libm: a PDF=no build links this file without it. */
static float min_f(float a, float b) { return a < b ? a : b; }
static float max_f(float a, float b) { return a > b ? a : b; }
static float abs_f(float a) { return a < 0 ? -a : a; }
static float cx(gk_box b) { return (b.x0 + b.x1) / 2; }
static float cyb(gk_box b) { return (b.y0 + b.y1) / 2; }
static bool x_overlap(gk_box a, gk_box b) { return a.x0 < b.x1 && b.x0 < a.x1; }

static void box_add(gk_box *a, gk_box b)
{
    if (b.x0 < a->x0) a->x0 = b.x0;
    if (b.y0 < a->y0) a->y0 = b.y0;
    if (b.x1 > a->x1) a->x1 = b.x1;
    if (b.y1 > a->y1) a->y1 = b.y1;
}

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ---- what a label names ---- */

/* The kinds a header cell may name; a column of the table is one of the
 * first three (its "family"). */
enum { NAME_COLUMN, NAME_RESULT, NAME_MEASURE, NAME_GROUP, NAME_HEADER, NAMES };
static const gk_term_kind name_kind[NAMES] = {GK_TERM_COLUMN, GK_TERM_RESULT, GK_TERM_MEASURE, GK_TERM_GROUP,
                                              GK_TERM_HEADER};

/* Which kinds the text names (a bit per kind).  "第二十条第（一）项" is a
 * header's (its core, the numbering taken off, is empty). */
static gk_status names_of(const char *text, unsigned *names)
{
    char *norm = gk_label_normalize(text);
    char *core = norm ? gk_label_core(text) : NULL;
    if (!core) {
        free(norm);
        return GK_ERR_NOMEM;
    }
    *names = gk_vocab_has(GK_TERM_HEADER, GK_HDR_ARTICLE, norm) ? 1u << NAME_HEADER : 0;
    free(norm);
    for (int k = 0; k < NAMES; k++) {
        int id = gk_vocab_id(name_kind[k], core);
        if (id > 0 || (id == 0 && k != NAME_MEASURE)) /* measure 0 is "none" */
            *names |= 1u << k;
    }
    free(core);
    return GK_OK;
}

/* ---- the header band ---- */

typedef struct {
    gk_box box;
    char *text;
    int top, last; /* its first and last lines */
    bool kept;     /* part of the header (not text above it or a label below) */
    unsigned names;
    int leaf;      /* the column it names, -1 for a spanning or other header cell */
    size_t first;  /* its words: member[first..] in block order (see header) */
    size_t nwords;
} hblock;

struct gk_pdf_header {
    size_t b0, b1;   /* the band's lines [b0, b1) */
    hblock *blocks;
    size_t nblocks;
    size_t *member;  /* word indexes, block by block */
    int nleaves;
    int *leaves;     /* block index of each column, left to right */
    bool cut_row;    /* carried: the page's end cut a row of its table (not the header from its rows) */
};
typedef struct gk_pdf_header header;

static void header_free(header *h)
{
    for (size_t i = 0; h->blocks && i < h->nblocks; i++)
        free(h->blocks[i].text);
    free(h->blocks);
    free(h->member);
    free(h->leaves);
    memset(h, 0, sizeof *h);
}

/* A line that can be part of a header: no value, short words only, none
 * starting with numbering (a section's title, a row's label). */
static bool header_line(const gk_pdf_words *W, size_t l)
{
    const gk_pdf_wline *line = &W->lines[l];
    for (size_t i = line->first; i < line->end; i++) {
        const gk_pdf_word *w = &W->words[i];
        if (w->number || (w->numbered && !w->article) || chars_of(w->text) > GK_PDF_HEADER_MAX_CHARS)
            return false;
    }
    return true;
}

/* Whether word b, below a, continues a's header cell: it starts within
 * a line under a and overlaps it — over half of the wider one's width
 * when either names something by itself (a cell over several, 法人或其他
 * 组织, does not take the narrow ones under it). */
static bool stacked(const gk_pdf_word *a, const gk_pdf_word *b, bool named)
{
    float gap = b->box.y0 - a->box.y1, h = a->box.y1 - a->box.y0;
    if (b->line <= a->line || gap > GK_PDF_STACK_GAP_EM * h || !x_overlap(a->box, b->box))
        return false;
    float overlap = min_f(a->box.x1, b->box.x1) - max_f(a->box.x0, b->box.x0);
    float wider = max_f(a->box.x1 - a->box.x0, b->box.x1 - b->box.x0);
    return !named || overlap > wider / 2;
}

/* Words of the band joined into blocks: a word joins the nearest word
 * under it that it is stacked on (a header cell's text wrapped: 社会公/益/
 * 组织, 结果/维持), unless both name something by themselves. */
static void band_blocks(const gk_pdf_words *W, header *h, size_t *parent, unsigned *alone)
{
    size_t w0 = W->lines[h->b0].first, w1 = W->lines[h->b1 - 1].end;
    for (size_t i = w0; i < w1; i++) {
        parent[i - w0] = i - w0;
        alone[i - w0] = W->words[i].names;
    }
    for (size_t a = w0; a < w1; a++) {
        size_t best = SIZE_MAX;
        for (size_t b = a + 1; b < w1; b++) {
            bool named = alone[a - w0] || alone[b - w0];
            if ((alone[a - w0] && alone[b - w0]) || !stacked(&W->words[a], &W->words[b], named))
                continue;
            if (best == SIZE_MAX || W->words[b].box.y0 < W->words[best].box.y0)
                best = b;
        }
        if (best != SIZE_MAX)
            parent[find(parent, best - w0)] = find(parent, a - w0);
    }
}

/* Each block's words in reading order, its text, box and names. */
static gk_status make_blocks(const gk_pdf_words *W, header *h, size_t *parent)
{
    size_t w0 = W->lines[h->b0].first, n = W->lines[h->b1 - 1].end - w0;
    h->blocks = calloc(n + 1, sizeof *h->blocks);
    h->member = malloc((n + 1) * sizeof *h->member);
    if (!h->blocks || !h->member)
        return GK_ERR_NOMEM;
    size_t at = 0;
    for (size_t r = 0; r < n; r++) {
        if (find(parent, r) != r)
            continue;
        hblock *b = &h->blocks[h->nblocks++];
        b->first = at;
        b->leaf = -1;
        b->top = -1;
        gk_buf text;
        gk_buf_init(&text);
        int line = -1;
        for (size_t i = 0; i < n; i++) /* words are in reading order already */
            if (find(parent, i) == r) {
                const gk_pdf_word *w = &W->words[w0 + i];
                if (b->top < 0) {
                    b->top = w->line;
                    b->box = w->box;
                }
                b->last = w->line;
                h->member[at++] = w0 + i;
                box_add(&b->box, w->box);
                if (w->line != line)
                    gk_pdf_append_line(&text, w->text);
                else
                    gk_buf_adds(&text, w->text);
                line = w->line;
            }
        b->nwords = at - b->first;
        b->text = gk_buf_take(&text);
        if (!b->text)
            return GK_ERR_NOMEM;
        gk_status st = b->nwords == 1 ? GK_OK : names_of(b->text, &b->names);
        if (b->nwords == 1)
            b->names = W->words[h->member[b->first]].names;
        if (st != GK_OK)
            return st;
    }
    return GK_OK;
}

static _Thread_local const hblock *sort_blocks;

static int leaf_by_x(const void *a, const void *b)
{
    float d = sort_blocks[*(const int *)a].box.x0 - sort_blocks[*(const int *)b].box.x0;
    return d < 0 ? -1 : d > 0;
}

/* The columns: the blocks of the kind most of them name (applicant
 * columns, results or measures); three at least, or one measure.  None
 * leaves h->nleaves 0. */
static gk_status pick_leaves(header *h)
{
    int count[3] = {0, 0, 0};
    for (size_t i = 0; i < h->nblocks; i++)
        for (int k = 0; k < 3; k++)
            count[k] += (h->blocks[i].names >> k) & 1u;
    int family = -1;
    for (int k = 0; k < 3; k++)
        if (count[k] >= (k == NAME_MEASURE ? 1 : 3) && (family < 0 || count[k] > count[family]))
            family = k;
    if (family < 0)
        return GK_OK;
    h->leaves = malloc((size_t)count[family] * sizeof *h->leaves);
    if (!h->leaves)
        return GK_ERR_NOMEM;
    for (size_t i = 0; i < h->nblocks; i++)
        if ((h->blocks[i].names >> family) & 1u)
            h->leaves[h->nleaves++] = (int)i;
    sort_blocks = h->blocks;
    qsort(h->leaves, (size_t)h->nleaves, sizeof *h->leaves, leaf_by_x);
    for (int k = 0; k < h->nleaves; k++)
        h->blocks[h->leaves[k]].leaf = k;
    return GK_OK;
}

/* The header's lines: from the first line of a block that names something
 * to the last line of one; the blocks within them kept. */
static void keep_blocks(header *h)
{
    int top = -1, last = -1;
    for (size_t i = 0; i < h->nblocks; i++)
        if (h->blocks[i].names) {
            if (top < 0 || h->blocks[i].top < top)
                top = h->blocks[i].top;
            if (h->blocks[i].last > last)
                last = h->blocks[i].last;
        }
    h->b1 = (size_t)last + 1;
    for (size_t i = 0; i < h->nblocks; i++)
        h->blocks[i].kept = h->blocks[i].top >= top && h->blocks[i].last <= last;
}

/* The header whose band starts at line l, if there is one: *found false
 * when the lines there name no columns. */
static gk_status find_header(const gk_pdf_words *W, size_t l, header *h, bool *found)
{
    memset(h, 0, sizeof *h);
    *found = false;
    size_t b1 = l;
    while (b1 < W->nlines && header_line(W, b1))
        b1++;
    if (b1 == l)
        return GK_OK;
    h->b0 = l;
    h->b1 = b1;
    size_t n = W->lines[b1 - 1].end - W->lines[l].first;
    size_t *parent = malloc((n + 1) * sizeof *parent);
    unsigned *alone = malloc((n + 1) * sizeof *alone);
    gk_status st = parent && alone ? GK_OK : GK_ERR_NOMEM;
    if (st == GK_OK) {
        band_blocks(W, h, parent, alone);
        st = make_blocks(W, h, parent);
    }
    free(parent);
    free(alone);
    if (st == GK_OK)
        st = pick_leaves(h);
    if (st == GK_OK && h->nleaves > 0)
        keep_blocks(h);
    if (st == GK_OK && h->nleaves > 0 && h->nleaves <= GK_MAX_TABLE_COLS - GK_PDF_MAX_LABEL_COLS)
        *found = true;
    else
        header_free(h);
    return st;
}

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
        if (!values && header_line(W, l)) {
            header next;
            bool found;
            gk_status st = find_header(W, l, &next, &found);
            if (st != GK_OK)
                return st;
            header_free(&next);
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

/* The header's first line kept (lines above it are text before the table). */
static int first_kept_line(const header *h)
{
    int top = -1;
    for (size_t i = 0; i < h->nblocks; i++)
        if (h->blocks[i].kept && (top < 0 || h->blocks[i].top < top))
            top = h->blocks[i].top;
    return top;
}

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

/* The characters of the header's cells (on its own page) marked as read. */
static void mark_header(const gk_pdf_words *W, const header *h, bool *in_table)
{
    for (size_t i = 0; i < h->nblocks; i++) {
        const hblock *hb = &h->blocks[i];
        for (size_t k = 0; hb->kept && k < hb->nwords; k++) {
            const gk_pdf_word *w = &W->words[h->member[hb->first + k]];
            for (size_t c = w->from; c < w->to; c++)
                in_table[W->idx[c]] = true;
        }
    }
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
        mark_header(b->W, h, in_table);
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
    size_t top = b->carried ? b->start : (size_t)first_kept_line(b->h);
    t->box = b->W->lines[top].box;
    for (size_t l = top; l < b->end; l++)
        box_add(&t->box, b->W->lines[l].box);
    return ok;
}

/* The table under header h whose rows start at line start (on the page
 * after h's when carried), if rows of values follow; *next is the line
 * after it. */
static gk_status read_table(const gk_pdf_words *W, const header *h, size_t start, bool carried, bool continues,
                            const gk_pdf_page *page, bool *in_table, gk_pdf_table *t, bool *made, size_t *next)
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

/* ---- over page breaks ---- */

void gk_pdf_header_free(gk_pdf_header *h)
{
    if (h)
        header_free(h);
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
        header_free(h);
        bool found;
        st = find_header(W, l, h, &found);
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
        st = read_table(W, use, carried ? l : h->b1, carried, continues, page, in_table, &(*tables)[*count], &made,
                        &next);
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
        mark_header(W, cut, in_table); /* its rows are on the next page */
    gk_pdf_header_free(*carry);
    *carry = copy;
    header_free(&own[0]);
    header_free(&own[1]);
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
        st = names_of(W.words[i].text, &W.words[i].names);
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
