/* failures.c — the --failures list as JSON Lines: one object a line,
 *   {"path":"a/x.docx","reason":"empty file","exit":4}
 * readable for any file name: tabs, newlines and quotes are JSON escapes,
 * and a path that is not UTF-8 (a GBK name from an old archive) keeps its
 * exact bytes in "path_base64", with "path" showing each byte that is not
 * UTF-8 as U+FFFD.  Written with stdio only: nothing is allocated here,
 * so a failure is still listed when memory is out. */
#include <stdint.h>
#include <string.h>

#include "cli.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* overlong forms, surrogates and beyond U+10FFFF are not UTF-8 */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static bool is_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len(p + i, n - i);
        if (!l)
            return false;
        i += l;
    }
    return true;
}

/* s as a JSON string; bytes that are not UTF-8 become U+FFFD. */
static void put_string(FILE *to, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fputc('"', to);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t l = utf8_len(p + i, n - i);
        if (!l) {
            fputs("\\ufffd", to);
            i++;
        } else if (c == '"' || c == '\\') {
            fputc('\\', to);
            fputc(c, to);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            const char *esc = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
            if (esc)
                fputs(esc, to);
            else
                fprintf(to, "\\u%04x", c);
            i++;
        } else if (l == 2 && c == 0xC2 && p[i + 1] == 0x85) {
            fputs("\\u0085", to); /* line breaks to some readers */
            i += 2;
        } else if (l == 3 && c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            fprintf(to, "\\u%04x", p[i + 2] == 0xA8 ? 0x2028 : 0x2029);
            i += 3;
        } else {
            fwrite(p + i, 1, l, to);
            i += l;
        }
    }
    fputc('"', to);
}

static void put_base64(FILE *to, const char *s)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fputc('"', to);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        fputc(digits[v >> 18 & 63], to);
        fputc(digits[v >> 12 & 63], to);
        fputc(i + 1 < n ? digits[v >> 6 & 63] : '=', to);
        fputc(i + 2 < n ? digits[v & 63] : '=', to);
    }
    fputc('"', to);
}

void failure_write(FILE *to, const char *path, const char *reason, int code)
{
    fputs("{\"path\":", to);
    put_string(to, path);
    if (!is_utf8(path)) {
        fputs(",\"path_base64\":", to);
        put_base64(to, path);
    }
    fputs(",\"reason\":", to);
    put_string(to, reason);
    fprintf(to, ",\"exit\":%d}\n", code);
}
