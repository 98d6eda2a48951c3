/* pdf_unruled_header.c — the header band of a table drawn without rulings.
 * A header is a band of short lines without numbers whose words (stacked
 * words joined: 商业/企业) name the template's columns, measures or
 * results; the blocks of the kind most of them name are the table's
 * columns, left to right (pdf_unruled_place.c places the rows' words under
 * them). */
#include <stdlib.h>
#include <string.h>

#include "pdf_unruled.h"
#include "vocab.h"

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
gk_status gk_unruled_names(const char *text, unsigned *names)
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

void gk_unruled_header_clear(header *h)
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
bool gk_unruled_header_line(const gk_pdf_words *W, size_t l)
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
        gk_status st = b->nwords == 1 ? GK_OK : gk_unruled_names(b->text, &b->names);
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
gk_status gk_unruled_find_header(const gk_pdf_words *W, size_t l, header *h, bool *found)
{
    memset(h, 0, sizeof *h);
    *found = false;
    size_t b1 = l;
    while (b1 < W->nlines && gk_unruled_header_line(W, b1))
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
        gk_unruled_header_clear(h);
    return st;
}

/* The header's first line kept (lines above it are text before the table). */
int gk_unruled_first_kept_line(const header *h)
{
    int top = -1;
    for (size_t i = 0; i < h->nblocks; i++)
        if (h->blocks[i].kept && (top < 0 || h->blocks[i].top < top))
            top = h->blocks[i].top;
    return top;
}

/* The characters of the header's cells (on its own page) marked as read. */
void gk_unruled_mark_header(const gk_pdf_words *W, const header *h, bool *in_table)
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
