/* textout.c — text as the writers emit it: no raw control characters in
 * any format, no raw line separators in JSON, CSV fields quoted and, for
 * spreadsheets, never read as formulas. */
#include <string.h>

#include "textout.h"

bool gk_cp_is_control(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    return (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

void gk_buf_add_clean(gk_buf *b, const char *s)
{
    size_t len = strlen(s), i = 0, n;
    while (i < len) {
        size_t at = i;
        uint32_t cp = gk_utf8_next(s, len, &i, &n);
        /* gk_utf8_next gives U+FFFD for an invalid byte: written anew */
        if (gk_cp_is_control(cp) || cp == 0xFFFD)
            gk_buf_add_utf8(b, 0xFFFD);
        else
            gk_buf_add(b, s + at, n);
    }
}

/* The byte length of a code point at s that JSON text must escape, or 0;
 * its value in *cp. */
static size_t json_unsafe_at(const unsigned char *s, size_t left, uint32_t *cp)
{
    if (s[0] == 0x7F) {
        *cp = 0x7F;
        return 1;
    }
    if (s[0] == 0xC2 && left >= 2 && s[1] >= 0x80 && s[1] <= 0x9F) {
        *cp = s[1]; /* U+0080–U+009F */
        return 2;
    }
    if (s[0] == 0xE2 && left >= 3 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9)) {
        *cp = s[2] == 0xA8 ? 0x2028 : 0x2029;
        return 3;
    }
    return 0;
}

void gk_json_escape_separators(gk_buf *b)
{
    const unsigned char *s = (const unsigned char *)b->data;
    size_t i = 0, len = b->len;
    uint32_t cp;
    while (i < len && !json_unsafe_at(s + i, len - i, &cp))
        i++;
    if (i == len || b->failed)
        return; /* the common case: nothing to escape, nothing copied */
    gk_buf out;
    gk_buf_init(&out);
    size_t start = 0;
    while (i < len) {
        size_t n = json_unsafe_at(s + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        /* Outside strings JSON text is ASCII: these bytes are inside one. */
        gk_buf_add(&out, b->data + start, i - start);
        gk_buf_printf(&out, "\\u%04x", (unsigned)cp);
        i += n;
        start = i;
    }
    gk_buf_add(&out, b->data + start, len - start);
    gk_buf_free(b);
    *b = out;
}

static bool needs_quotes(const char *s)
{
    return strpbrk(s, ",\"\r\n") != NULL || strstr(s, "\xE2\x80\xA8") || strstr(s, "\xE2\x80\xA9");
}

void gk_csv_field(gk_buf *b, const char *s, unsigned flags, unsigned options)
{
    if (!(flags & GK_CSV_FIELD_FIRST))
        gk_buf_addc(b, ',');
    if (!s || !*s)
        return;
    gk_buf text;
    gk_buf_init(&text);
    if (flags & GK_CSV_FIELD_SOURCE) {
        if ((options & GK_CSV_EXCEL) && strchr("=+-@\t\r", s[0]))
            gk_buf_addc(&text, '\'');
        gk_buf_add_clean(&text, s);
        if (text.failed) {
            b->failed = true; /* the row is refused, not written short */
            gk_buf_free(&text);
            return;
        }
        s = text.data;
    }
    if (!needs_quotes(s)) {
        gk_buf_adds(b, s);
    } else {
        gk_buf_addc(b, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                gk_buf_addc(b, '"');
            gk_buf_addc(b, *p);
        }
        gk_buf_addc(b, '"');
    }
    gk_buf_free(&text);
}
