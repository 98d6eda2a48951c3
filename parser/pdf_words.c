/* pdf_words.c — a page's characters as words on lines, for the tables
 * drawn without rulings: lines found by position, each read left to right
 * and cut into words where a gap opens (the cells of a row stand apart,
 * the characters of one label touch).  Each word knows whether it is a
 * value and whether it starts with a label's numbering. */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "vocab.h"


void gk_pdf_words_free(gk_pdf_words *w)
{
    for (size_t i = 0; w->words && i < w->nwords; i++)
        free(w->words[i].text);
    free(w->words);
    free(w->lines);
    free(w->idx);
    memset(w, 0, sizeof *w);
}

/* What a word is: a value, a label starting with its numbering, or other. */
static gk_status describe(gk_pdf_word *w)
{
    gk_val v = gk_value_parse(w->text, true);
    if (v.kind == GK_VAL_ERROR)
        return v.error;
    w->number = v.kind == GK_VAL_NUMBER;
    if (w->number)
        return GK_OK;
    char *norm = gk_label_normalize(w->text);
    if (!norm)
        return GK_ERR_NOMEM;
    gk_match m;
    int rc = gk_pattern_match(GK_PAT_NUMBERING, norm, strlen(norm), &m);
    if (rc < 0) {
        free(norm);
        return (gk_status)-rc;
    }
    w->numbered = rc == 1 && m.end[0] > 0;
    w->article = gk_vocab_has(GK_TERM_HEADER, GK_HDR_ARTICLE, norm);
    free(norm);
    return GK_OK;
}

/* Adds the word of characters idx[from..to) (spaces at either end left out). */
static gk_status add_word(gk_pdf_words *out, const gk_pdf_char *chars, size_t from, size_t to, int line,
                          size_t *cap)
{
    while (from < to && gk_pdf_is_space(chars[out->idx[from]].cp))
        from++;
    while (to > from && gk_pdf_is_space(chars[out->idx[to - 1]].cp))
        to--;
    if (from == to)
        return GK_OK;
    if (out->nwords == *cap) {
        size_t n = *cap ? *cap * 2 : 256;
        gk_pdf_word *p = realloc(out->words, n * sizeof *p);
        if (!p)
            return GK_ERR_NOMEM;
        out->words = p;
        *cap = n;
    }
    gk_pdf_word *w = &out->words[out->nwords];
    memset(w, 0, sizeof *w);
    gk_buf text;
    gk_buf_init(&text);
    w->box = chars[out->idx[from]].box;
    w->size = chars[out->idx[from]].size;
    for (size_t i = from; i < to; i++) {
        const gk_pdf_char *c = &chars[out->idx[i]];
        if (c->box.x0 < w->box.x0) w->box.x0 = c->box.x0;
        if (c->box.y0 < w->box.y0) w->box.y0 = c->box.y0;
        if (c->box.x1 > w->box.x1) w->box.x1 = c->box.x1;
        if (c->box.y1 > w->box.y1) w->box.y1 = c->box.y1;
        gk_buf_add_utf8(&text, c->cp);
    }
    w->text = gk_buf_take(&text);
    if (!w->text)
        return GK_ERR_NOMEM;
    w->from = from;
    w->to = to;
    w->line = line;
    out->nwords++;
    return describe(w);
}

/* The words of one line idx[s..e), sorted left to right. */
static gk_status line_words(gk_pdf_words *out, const gk_pdf_char *chars, size_t s, size_t e, size_t *cap)
{
    int line = (int)out->nlines;
    size_t start = s;
    for (size_t i = s + 1; i <= e; i++) {
        bool cut = i == e;
        if (!cut) {
            const gk_pdf_char *p = &chars[out->idx[i - 1]], *c = &chars[out->idx[i]];
            cut = gk_pdf_is_space(c->cp) || gk_pdf_is_space(p->cp) || c->box.x0 - p->box.x1 > GK_PDF_CELL_GAP_EM * c->size;
        }
        if (cut) {
            gk_status st = add_word(out, chars, start, i, line, cap);
            if (st != GK_OK)
                return st;
            start = i;
        }
    }
    return GK_OK;
}

static bool add_line(gk_pdf_words *out, size_t first, size_t *cap)
{
    if (out->nwords == first)
        return true; /* white space only */
    if (out->nlines == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        gk_pdf_wline *p = realloc(out->lines, n * sizeof *p);
        if (!p)
            return false;
        out->lines = p;
        *cap = n;
    }
    gk_pdf_wline *l = &out->lines[out->nlines++];
    l->first = first;
    l->end = out->nwords;
    l->box = out->words[first].box;
    l->height = 0;
    for (size_t i = first; i < out->nwords; i++) {
        const gk_pdf_word *w = &out->words[i];
        if (w->box.x0 < l->box.x0) l->box.x0 = w->box.x0;
        if (w->box.y0 < l->box.y0) l->box.y0 = w->box.y0;
        if (w->box.x1 > l->box.x1) l->box.x1 = w->box.x1;
        if (w->box.y1 > l->box.y1) l->box.y1 = w->box.y1;
        if (w->box.y1 - w->box.y0 > l->height)
            l->height = w->box.y1 - w->box.y0;
    }
    return true;
}

gk_status gk_pdf_words_build(const gk_pdf_page *page, const bool *skip, gk_pdf_words *out)
{
    memset(out, 0, sizeof *out);
    const gk_pdf_char *chars = page->chars;
    out->idx = malloc((page->nchars + 1) * sizeof *out->idx);
    if (!out->idx)
        return GK_ERR_NOMEM;
    size_t n = 0, word_cap = 0, line_cap = 0;
    for (size_t i = 0; i < page->nchars; i++)
        if (!skip[i] && !chars[i].vertical)
            out->idx[n++] = i;
    gk_pdf_sort_top_down(chars, out->idx, n);
    gk_status st = GK_OK;
    for (size_t s = 0; st == GK_OK && s < n;) {
        size_t e = gk_pdf_next_line(chars, out->idx, n, s);
        size_t before = out->nwords;
        st = line_words(out, chars, s, e, &word_cap);
        if (st == GK_OK && !add_line(out, before, &line_cap))
            st = GK_ERR_NOMEM;
        s = e;
    }
    if (st != GK_OK)
        gk_pdf_words_free(out);
    return st;
}
