/* strbuf.c — growable strings and small UTF-8 helpers used by every stage. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void gk_buf_init(gk_buf *b) { memset(b, 0, sizeof *b); }

void gk_buf_free(gk_buf *b)
{
    free(b->data);
    gk_buf_init(b);
}

static bool buf_reserve(gk_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void gk_buf_add(gk_buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void gk_buf_adds(gk_buf *b, const char *s) { gk_buf_add(b, s, strlen(s)); }

void gk_buf_addc(gk_buf *b, char c) { gk_buf_add(b, &c, 1); }

void gk_buf_printf(gk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        b->failed = true; /* cannot be formatted: the text would be missing */
    if (n < 0 || !buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void gk_buf_add_utf8(gk_buf *b, uint32_t cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    gk_buf_add(b, out, n);
}

char *gk_buf_take(gk_buf *b)
{
    if (b->failed) {
        gk_buf_free(b);
        return NULL;
    }
    char *s = b->data ? b->data : gk_strdup("");
    gk_buf_init(b);
    return s;
}

char *gk_strdup(const char *s) { return gk_strndup(s, strlen(s)); }

char *gk_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

size_t gk_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

bool gk_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        /* HTML is mostly ASCII markup: eight bytes at a time */
        uint64_t w;
        if (len - i >= 8 && (memcpy(&w, p + i, 8), (w & 0x8080808080808080u) == 0)) {
            i += 8;
            continue;
        }
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = gk_utf8_decode(p + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

uint32_t gk_utf8_next(const char *s, size_t len, size_t *i, size_t *n)
{
    uint32_t cp;
    *n = gk_utf8_decode((const unsigned char *)s + *i, len - *i, &cp);
    if (!*n) {
        cp = 0xFFFD;
        *n = 1;
    }
    *i += *n;
    return cp;
}

/* Length of the white space at s (len > 0 bytes left), or 0: ASCII white
 * space, U+00A0, U+2002, U+2003, U+2009, U+200B, U+3000 and U+FEFF.  Their
 * lead bytes never occur inside another UTF-8 character, so a byte-wise
 * scan cannot match in the middle of one. */
static size_t space_at(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c < 0xC2)
        return 0;
    if (c == 0xC2)
        return len >= 2 && s[1] == 0xA0 ? 2 : 0;
    if (len < 3)
        return 0;
    if (c == 0xE2)
        return s[1] == 0x80 && (s[2] == 0x82 || s[2] == 0x83 || s[2] == 0x89 || s[2] == 0x8B) ? 3 : 0;
    if (c == 0xE3)
        return s[1] == 0x80 && s[2] == 0x80 ? 3 : 0;
    if (c == 0xEF)
        return s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    return 0;
}

/* Every paragraph and cell passes through here, so it works on bytes and
 * copies the rest (invalid bytes included) as they are. */
char *gk_text_squeeze(const char *s)
{
    size_t len = strlen(s), i = 0, o = 0;
    char *out = malloc(len + 1); /* a run of white space becomes one byte: never longer */
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    bool pending_space = false;
    while (i < len) {
        size_t n = space_at(p + i, len - i);
        if (n) {
            pending_space = o > 0;
            i += n;
            continue;
        }
        if (pending_space)
            out[o++] = ' ';
        pending_space = false;
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}
