/* headings.c — where a numbered section heading ("三、收到和处理…情况") starts
 * and where its title ends, when the text runs on after it without a break
 * (crawler text, a heading and its prose in one paragraph). */
#include <string.h>

#include "internal.h"

static const char dunhao[] = "、";

bool gk_heading_at(const char *s, int expected)
{
    /* Tried at every byte of run-together prose: a numeral 一…十 is three
     * bytes starting 0xE4 or 0xE5, then 、 — checked before anything else. */
    unsigned char c = (unsigned char)s[0];
    if (expected < 1 || expected > 10 || (c != 0xE4 && c != 0xE5) || !s[1] || !s[2] ||
        strncmp(s + 3, dunhao, strlen(dunhao)) != 0)
        return false;
    size_t nl = 0;
    if (gk_cjk_numeral(s, &nl) != expected || nl != 3)
        return false;
    const char *t = s + nl + strlen(dunhao);
    const char *stop = strstr(t, "。");
    for (size_t i = 0; gk_title_end_words[i]; i++) {
        const char *e = strstr(t, gk_title_end_words[i]);
        if (e && (!stop || e < stop) && e - t <= 60)
            return true;
    }
    return false;
}

/* A word at s that ends a title: the first character of the prose after. */
static bool prose_starts(const char *s)
{
    static const char *const stops[] = {"。", "，", "（", "：", "(", " ", "\n"};
    if (s[0] >= '0' && s[0] <= '9')
        return true;
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
        if (strncmp(s, stops[k], strlen(stops[k])) == 0)
            return true;
    return false;
}

size_t gk_heading_title_end(const char *t, size_t len)
{
    size_t i = 0;
    while (i < len && t[i] == ' ')
        i++;
    size_t known = gk_known_section_title(t + i);
    if (known)
        return i + known;
    size_t title = i, best = 0;
    while (i < len && i - title < 120) {
        if (best && prose_starts(t + i))
            break;
        for (size_t k = 0; gk_title_end_words[k]; k++)
            if (strncmp(t + i, gk_title_end_words[k], strlen(gk_title_end_words[k])) == 0)
                best = i + strlen(gk_title_end_words[k]);
        /* a whole character at a time: a title cut off at the limit ends
         * between characters, never inside one (a title that is not UTF-8
         * cannot be written as JSON) */
        size_t n = 0;
        gk_utf8_next(t, len, &i, &n);
    }
    return best ? best : i;
}

size_t gk_heading_end(const char *s, size_t len)
{
    size_t nl = 0;
    gk_cjk_numeral(s, &nl);
    size_t skip = nl + strlen(dunhao);
    return skip + gk_heading_title_end(s + skip, len - skip);
}
