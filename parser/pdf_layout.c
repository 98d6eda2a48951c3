/* pdf_layout.c — the pages in reading order: each page's tables (from its
 * rulings) and the lines of text around them, top to bottom; a table that
 * ends a page and one that starts the next with the same columns joined;
 * the lines handed to the paragraph flow, page furniture dropped.  A
 * document with no ruled table at all goes to the run-together solver, as
 * crawler text does: its tables were drawn without lines. */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct {
    gk_pdf_table *tables;
    size_t ntables;
    gk_pdf_line *lines;
    size_t nlines;
    bool *in_table; /* per character: read into a table */
} page_content;

static void content_free(page_content *c)
{
    for (size_t i = 0; i < c->ntables; i++)
        gk_pdf_table_free(&c->tables[i]);
    free(c->tables);
    gk_pdf_lines_free(c->lines, c->nlines);
    free(c->in_table);
}

/* The page's tables drawn by rulings. */
static bool read_ruled(gk_pdf_page *page, page_content *out)
{
    out->in_table = calloc(page->nchars + 1, sizeof *out->in_table);
    return out->in_table && gk_pdf_find_tables(page, out->in_table, &out->tables, &out->ntables);
}

static int table_cmp(const void *a, const void *b)
{
    const gk_pdf_table *x = a, *y = b;
    return x->box.y0 < y->box.y0 ? -1 : x->box.y0 > y->box.y0;
}

/* The last table drawn without rulings that has rows, on the pages before
 * p, or NULL. */
static gk_pdf_table *last_unruled(page_content *content, size_t p)
{
    while (p-- > 0)
        for (size_t i = content[p].ntables; i-- > 0;)
            if (content[p].tables[i].unruled && content[p].tables[i].data_rows)
                return &content[p].tables[i];
    return NULL;
}

static void tables_free(gk_pdf_table *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gk_pdf_table_free(&t[i]);
    free(t);
}

/* Page p's tables drawn without rulings (a document with no ruled table),
 * added to its tables in order; the end of a row the page break cut given
 * back to the table before (a part holding only that is then dropped). */
static gk_status read_unruled(const gk_pdf_page *page, page_content *content, size_t p, gk_pdf_header **carry)
{
    page_content *out = &content[p];
    gk_pdf_table *found, *before = last_unruled(content, p);
    size_t n;
    gk_status st = gk_pdf_find_unruled(page, out->in_table, carry, &found, &n);
    if (st != GK_OK || n == 0)
        return st;
    if (before)
        st = gk_pdf_glue_lead(before, &found[0]);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (found[i].data_rows)
            found[kept++] = found[i];
        else
            gk_pdf_table_free(&found[i]);
    gk_pdf_table *all = st == GK_OK ? realloc(out->tables, (out->ntables + kept + 1) * sizeof *all) : NULL;
    if (!all) {
        tables_free(found, kept);
        return st != GK_OK ? st : GK_ERR_NOMEM;
    }
    memcpy(all + out->ntables, found, kept * sizeof *found);
    free(found);
    out->tables = all;
    out->ntables += kept;
    qsort(out->tables, out->ntables, sizeof *out->tables, table_cmp);
    return GK_OK;
}

/* The page's lines outside its tables, page furniture dropped. */
static bool read_lines(const gk_pdf_page *page, page_content *out)
{
    size_t *idx = malloc((page->nchars + 1) * sizeof *idx);
    size_t n = 0;
    for (size_t i = 0; idx && i < page->nchars; i++)
        if (!out->in_table[i])
            idx[n++] = i;
    bool ok = idx && gk_pdf_text_lines(page, idx, n, &out->lines, &out->nlines);
    free(idx);
    size_t kept = 0;
    for (size_t i = 0; ok && i < out->nlines; i++) {
        gk_pdf_line *l = &out->lines[i];
        bool blank = l->text[strspn(l->text, " ")] == '\0';
        if (blank || gk_pdf_is_page_furniture(l, page))
            free(l->text);
        else
            out->lines[kept++] = *l;
    }
    if (ok)
        out->nlines = kept;
    return ok;
}

/* A running header or footer: a line in the margin band whose text stands
 * in the band of another page too. */
static bool repeated_in_bands(const page_content *pages, const gk_pdf_page *raw, size_t npages, size_t p, size_t i)
{
    const gk_pdf_line *l = &pages[p].lines[i];
    if (!gk_pdf_in_margin_band(l, &raw[p]))
        return false;
    for (size_t q = 0; q < npages; q++)
        for (size_t k = 0; q != p && k < pages[q].nlines; k++)
            if (gk_pdf_in_margin_band(&pages[q].lines[k], &raw[q]) && strcmp(pages[q].lines[k].text, l->text) == 0)
                return true;
    return false;
}

/* Drops the running headers and footers of every page but the first (its
 * copy may be the title).  All are marked (a negative page number) before
 * any is dropped, so that each is compared with every other page. */
static void drop_running_lines(page_content *pages, const gk_pdf_page *raw, size_t npages)
{
    for (size_t p = 1; p < npages; p++)
        for (size_t i = 0; i < pages[p].nlines; i++)
            if (repeated_in_bands(pages, raw, npages, p, i))
                pages[p].lines[i].page = -pages[p].lines[i].page;
    for (size_t p = 1; p < npages; p++) {
        size_t kept = 0;
        for (size_t i = 0; i < pages[p].nlines; i++) {
            gk_pdf_line *l = &pages[p].lines[i];
            if (l->page < 0)
                free(l->text);
            else
                pages[p].lines[kept++] = *l;
        }
        pages[p].nlines = kept;
    }
}

static int float_cmp(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* The commonest of n values (rounded to GK_PDF_SNAP), or fallback. */
static float mode(float *v, size_t n, float fallback)
{
    if (n == 0)
        return fallback;
    qsort(v, n, sizeof *v, float_cmp);
    float best = v[0];
    size_t best_run = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && v[j] - v[i] <= GK_PDF_SNAP; j++)
            ;
        if (j - i > best_run)
            best_run = j - i, best = v[i];
    }
    return best;
}

/* The body's type size, then its left and right margins: the commonest
 * among the lines (most lines are body text that runs margin to margin). */
static bool text_measures(const page_content *pages, size_t npages, float *body, float *left, float *right)
{
    /* the type size counted once per GK_PDF_SIZE_WEIGHT_BYTES of a line's
     * text: the body's long lines outweigh stray short ones (a table's
     * words left as text, its parts' titles) */
    size_t n = 0, w = 0;
    for (size_t p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].nlines; i++)
            w += 1 + strlen(pages[p].lines[i].text) / GK_PDF_SIZE_WEIGHT_BYTES, n++;
    float *v = malloc((w + n + 1) * sizeof *v);
    if (!v)
        return false;
    size_t k = 0;
    for (size_t p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].nlines; i++)
            for (size_t c = 0; c <= strlen(pages[p].lines[i].text) / GK_PDF_SIZE_WEIGHT_BYTES; c++)
                v[k++] = pages[p].lines[i].size;
    *body = mode(v, k, 12);
    float sizes[3] = {0};
    for (int side = 0; side < 2; side++) {
        k = 0;
        for (size_t p = 0; p < npages; p++)
            for (size_t i = 0; i < pages[p].nlines; i++) {
                const gk_pdf_line *l = &pages[p].lines[i];
                if (l->size > *body * 0.92f && l->size < *body * 1.08f)
                    v[k++] = side ? l->box.x1 : l->box.x0;
            }
        sizes[side] = mode(v, k, side ? 1e9f : 0);
    }
    *left = sizes[0];
    *right = sizes[1];
    free(v);
    return true;
}

/* Lays out the pages: tables and lines in order, tables joined over breaks. */
static bool flow_pages(page_content *pages, size_t npages, gk_pdf_flow *flow, gk_document *doc)
{
    gk_pdf_table *pending = NULL; /* the last table, until what follows it is known */
    bool ok = true;
    for (size_t p = 0; ok && p < npages; p++) {
        page_content *c = &pages[p];
        size_t t = 0, l = 0;
        bool first = true;
        while (ok && (t < c->ntables || l < c->nlines)) {
            bool table_next = t < c->ntables && (l == c->nlines || c->tables[t].box.y0 <= c->lines[l].box.y0);
            if (table_next) {
                gk_pdf_table *tb = &c->tables[t++];
                if (pending && first && gk_pdf_continues(pending, tb)) {
                    ok = gk_pdf_join(pending, tb);
                } else {
                    ok = (!pending || gk_pdf_emit_table(pending, doc)) && gk_pdf_flow_break(flow);
                    pending = tb;
                }
            } else {
                if (pending)
                    ok = gk_pdf_emit_table(pending, doc);
                pending = NULL;
                ok = ok && gk_pdf_flow_line(flow, &c->lines[l++]);
            }
            first = false;
        }
    }
    if (ok && pending)
        ok = gk_pdf_flow_break(flow) && gk_pdf_emit_table(pending, doc);
    return ok && gk_pdf_flow_break(flow);
}

gk_status gk_pdf_layout(gk_pdf_page *pages, size_t npages, gk_document *doc)
{
    page_content *content = calloc(npages + 1, sizeof *content);
    gk_status st = content ? GK_OK : GK_ERR_NOMEM;
    size_t tables = 0;
    for (size_t p = 0; st == GK_OK && p < npages; p++) {
        if (!read_ruled(&pages[p], &content[p]))
            st = GK_ERR_NOMEM;
        else
            tables += content[p].ntables;
    }
    /* no ruled table: its tables were drawn without lines */
    gk_pdf_header *carry = NULL; /* a table's header, over a page break */
    for (size_t p = 0; st == GK_OK && !tables && gk_pdf_unruled_mode == GK_PDF_UNRULED_COLUMNS && p < npages; p++)
        st = read_unruled(&pages[p], content, p, &carry);
    gk_pdf_header_free(carry);
    for (size_t p = 0; st == GK_OK && p < npages; p++) {
        if (!read_lines(&pages[p], &content[p]))
            st = GK_ERR_NOMEM;
        tables += content[p].ntables;
    }
    bool ok = st == GK_OK;
    if (ok)
        drop_running_lines(content, pages, npages);
    float body = 12, left = 0, right = 1e9f;
    ok = ok && text_measures(content, npages, &body, &left, &right);
    gk_pdf_flow *flow = ok ? gk_pdf_flow_new(doc, body, left, right) : NULL;
    ok = flow && flow_pages(content, npages, flow, doc);
    gk_pdf_flow_free(flow);
    for (size_t p = 0; content && p < npages; p++)
        content_free(&content[p]);
    free(content);
    if (st != GK_OK)
        return st;
    if (!ok)
        return GK_ERR_NOMEM;
    /* a document with no table found either way goes to the run-together
     * solver of crawler text */
    return tables ? GK_OK : gk_unflatten(doc);
}
