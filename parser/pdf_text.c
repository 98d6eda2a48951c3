/* pdf_text.c — characters into text: lines found by position (not by the
 * order the PDF drew them), read left to right, top to bottom, and
 * vertical writing top to bottom, right to left; CJK joined without
 * spaces (letter-spaced words, wrapped labels), Latin words with one. */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

static float cx(const gk_pdf_char *c) { return (c->box.x0 + c->box.x1) / 2; }
static float cy(const gk_pdf_char *c) { return (c->box.y0 + c->box.y1) / 2; }
static float height(const gk_pdf_char *c) { return c->box.y1 - c->box.y0 > 0.1f ? c->box.y1 - c->box.y0 : c->size; }
static float width(const gk_pdf_char *c) { return c->box.x1 - c->box.x0 > 0.1f ? c->box.x1 - c->box.x0 : c->size; }

/* Characters of scripts written without spaces between words. */
static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0x2000 && cp <= 0x206F);
}

bool gk_pdf_is_space(uint32_t cp) { return cp == ' ' || cp == 0xA0 || cp == 0x3000 || cp == '\t'; }

/* qsort has no context argument: the characters being sorted. */
static _Thread_local const gk_pdf_char *sort_chars;

static int by_y(const void *a, const void *b)
{
    float d = cy(&sort_chars[*(const size_t *)a]) - cy(&sort_chars[*(const size_t *)b]);
    return d < 0 ? -1 : d > 0;
}

static int by_x(const void *a, const void *b)
{
    float d = sort_chars[*(const size_t *)a].box.x0 - sort_chars[*(const size_t *)b].box.x0;
    return d < 0 ? -1 : d > 0;
}

static int by_x_desc(const void *a, const void *b) { return -by_x(a, b); }

static int by_y0(const void *a, const void *b)
{
    float d = sort_chars[*(const size_t *)a].box.y0 - sort_chars[*(const size_t *)b].box.y0;
    return d < 0 ? -1 : d > 0;
}

void gk_pdf_sort_top_down(const gk_pdf_char *chars, size_t *idx, size_t n)
{
    sort_chars = chars;
    qsort(idx, n, sizeof *idx, by_y);
}

size_t gk_pdf_next_line(const gk_pdf_char *chars, size_t *idx, size_t n, size_t start)
{
    const gk_pdf_char *first = &chars[idx[start]];
    float mid = cy(first), tol = height(first) / 2;
    size_t end = start + 1;
    while (end < n && cy(&chars[idx[end]]) - mid <= tol)
        end++;
    sort_chars = chars;
    qsort(idx + start, end - start, sizeof *idx, by_x);
    return end;
}

/* The next vertical column of idx (sorted right to left) from start. */
static size_t next_column(const gk_pdf_char *chars, const size_t *idx, size_t n, size_t start)
{
    const gk_pdf_char *first = &chars[idx[start]];
    float mid = cx(first), tol = width(first) / 2;
    size_t end = start + 1;
    while (end < n && mid - cx(&chars[idx[end]]) <= tol)
        end++;
    return end;
}

/* Appends the characters idx[0..n) of one line (already in reading order),
 * a space where a gap separates two Latin words. */
static void add_run(const gk_pdf_char *chars, const size_t *idx, size_t n, bool vertical, gk_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        const gk_pdf_char *c = &chars[idx[i]];
        if (i > 0 && !vertical) {
            const gk_pdf_char *p = &chars[idx[i - 1]];
            bool latin = !is_cjk(p->cp) && !is_cjk(c->cp) && !gk_pdf_is_space(p->cp) && !gk_pdf_is_space(c->cp);
            float gap = c->box.x0 - p->box.x1;
            if ((latin && gap > GK_PDF_WORD_GAP * c->size) || gap > GK_PDF_COLUMN_GAP * c->size)
                gk_buf_addc(out, ' ');
        }
        gk_buf_add_utf8(out, c->cp);
    }
}

/* Between two lines of one block of text: nothing after CJK (a wrapped
 * label goes on), a space between Latin words. */
static void add_line_break(gk_buf *out, uint32_t next)
{
    if (!out->len)
        return;
    size_t i = out->len;
    while (i > 0 && ((unsigned char)out->data[i - 1] & 0xC0) == 0x80)
        i--;
    uint32_t last;
    if (i > 0)
        i--;
    if (!gk_utf8_decode((const unsigned char *)out->data + i, out->len - i, &last))
        last = '?';
    if (!is_cjk(last) && !is_cjk(next) && !gk_pdf_is_space(last) && !gk_pdf_is_space(next))
        gk_buf_addc(out, ' ');
}

void gk_pdf_append_line(gk_buf *out, const char *line)
{
    uint32_t next;
    if (!*line || !gk_utf8_decode((const unsigned char *)line, strlen(line), &next))
        next = '?';
    add_line_break(out, next);
    gk_buf_adds(out, line);
}

void gk_pdf_chars_text(const gk_pdf_char *chars, size_t *idx, size_t n, gk_buf *out)
{
    /* horizontal characters first, then vertical ones */
    size_t nh = 0;
    for (size_t i = 0; i < n; i++)
        if (!chars[idx[i]].vertical) {
            size_t t = idx[nh];
            idx[nh++] = idx[i];
            idx[i] = t;
        }
    gk_pdf_sort_top_down(chars, idx, nh);
    for (size_t s = 0; s < nh;) {
        size_t e = gk_pdf_next_line(chars, idx, nh, s);
        add_line_break(out, chars[idx[s]].cp);
        add_run(chars, idx + s, e - s, false, out);
        s = e;
    }
    size_t *v = idx + nh, nv = n - nh;
    sort_chars = chars;
    qsort(v, nv, sizeof *v, by_x_desc);
    for (size_t s = 0; s < nv;) {
        size_t e = next_column(chars, v, nv, s);
        sort_chars = chars;
        qsort(v + s, e - s, sizeof *v, by_y0);
        add_line_break(out, chars[v[s]].cp);
        add_run(chars, v + s, e - s, true, out);
        s = e;
    }
}

/* ---- lines outside tables ---- */

void gk_pdf_lines_free(gk_pdf_line *lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i].text);
    free(lines);
}

/* The box, commonest size and boldness of one line's characters. */
static void describe_line(const gk_pdf_char *chars, const size_t *idx, size_t n, gk_pdf_line *line)
{
    line->box = chars[idx[0]].box;
    size_t bold = 0, best_count = 0;
    line->size = chars[idx[0]].size;
    for (size_t i = 0; i < n; i++) {
        const gk_pdf_char *c = &chars[idx[i]];
        if (c->box.x0 < line->box.x0) line->box.x0 = c->box.x0;
        if (c->box.y0 < line->box.y0) line->box.y0 = c->box.y0;
        if (c->box.x1 > line->box.x1) line->box.x1 = c->box.x1;
        if (c->box.y1 > line->box.y1) line->box.y1 = c->box.y1;
        bold += c->bold;
        size_t same = 0;
        for (size_t k = 0; k < n && k < 64; k++)
            same += chars[idx[k]].size > c->size - 0.25f && chars[idx[k]].size < c->size + 0.25f;
        if (same > best_count) {
            best_count = same;
            line->size = c->size;
        }
    }
    line->bold = bold * 2 > n;
}

bool gk_pdf_text_lines(const gk_pdf_page *page, size_t *idx, size_t n, gk_pdf_line **lines, size_t *count)
{
    *lines = NULL;
    *count = 0;
    const gk_pdf_char *chars = page->chars;
    size_t cap = 0;
    gk_pdf_sort_top_down(chars, idx, n);
    for (size_t s = 0; s < n;) {
        size_t e = gk_pdf_next_line(chars, idx, n, s);
        gk_buf text;
        gk_buf_init(&text);
        add_run(chars, idx + s, e - s, false, &text);
        char *t = gk_buf_take(&text);
        if (!t)
            goto nomem;
        if (*count == cap) {
            cap = cap ? cap * 2 : 64;
            gk_pdf_line *p = realloc(*lines, cap * sizeof *p);
            if (!p) {
                free(t);
                goto nomem;
            }
            *lines = p;
        }
        gk_pdf_line *line = &(*lines)[(*count)++];
        describe_line(chars, idx + s, e - s, line);
        line->page = page->number;
        line->text = t;
        s = e;
    }
    return true;
nomem:
    gk_pdf_lines_free(*lines, *count);
    *lines = NULL;
    *count = 0;
    return false;
}
