/* normalize.c — labels reduced to a comparable form: full-width ASCII to
 * ASCII, white space and quotes dropped, brackets unified, numbering cut. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool dropped(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0xA0: case 0x3000: case 0x200B: case 0xFEFF: case 0x2002: case 0x2003:
    case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFFFD:
        return true;
    default:
        return false;
    }
}

char *gk_label_normalize(const char *s)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t len = strlen(s), i = 0, n;
    while (i < len) {
        uint32_t cp = gk_utf8_next(s, len, &i, &n); /* an invalid byte is U+FFFD, dropped below */
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0; /* full-width ASCII */
        if (dropped(cp))
            continue;
        switch (cp) {
        case 0x3010: case 0x3014: case 0xFE59: cp = '('; break; /* 【 〔 */
        case 0x3011: case 0x3015: case 0xFE5A: cp = ')'; break;
        default: break;
        }
        gk_buf_add_utf8(&b, cp);
    }
    return gk_buf_take(&b);
}

char *gk_label_core(const char *s)
{
    char *n = gk_label_normalize(s);
    if (!n)
        return NULL;
    gk_match m;
    int found = gk_pattern_match(GK_PAT_NUMBERING, n, strlen(n), &m);
    if (found < 0) { /* a label whose numbering is unknown is no label */
        free(n);
        return NULL;
    }
    if (found == 1 && m.end[0] > 0)
        memmove(n, n + m.end[0], strlen(n + m.end[0]) + 1);
    return n;
}
