/* sections.c — the numbered sections with their prose, recognized from the
 * model's paragraphs (the title, agency and year come first: titles.c). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* 一 … 十二 → 1 … 12; 0 otherwise. */
static int section_number(const char *s, size_t len)
{
    size_t a, b;
    int first = gk_cjk_numeral(s, &a);
    if (first < 1)
        return 0;
    if (a == len)
        return first;
    int second = gk_cjk_numeral(s + a, &b);
    if (a + b != len || second < 1)
        return 0;
    if (first == 10)
        return 10 + second;
    return second == 10 ? first * 10 : 0;
}

/* Where a heading shares its paragraph with prose ("一、总体情况 2019年，…"),
 * the title ends at the first 情况/事项/措施/概述 within the first words. */
static size_t title_end(const char *t, size_t len)
{
    size_t known = gk_known_section_title(t);
    if (known)
        return known;
    static const char *const ends[] = {"情况", "事项", "措施", "概述", NULL};
    size_t best = 0;
    for (size_t i = 0; ends[i]; i++) {
        const char *p = strstr(t, ends[i]);
        if (p && (size_t)(p - t) < 120) {
            size_t e = (size_t)(p - t) + strlen(ends[i]);
            if (!best || e < best)
                best = e;
        }
    }
    return best && best < len ? best : len;
}

static bool add_section(gk_report *r, int number, const char *title, size_t title_len)
{
    gk_section *p = realloc(r->sections, (r->section_count + 1) * sizeof *p);
    if (!p)
        return false;
    r->sections = p;
    gk_section *s = &p[r->section_count];
    s->number = number;
    s->title = gk_cjk_compact(title, title_len);
    s->text = NULL;
    if (!s->title)
        return false;
    r->section_count++;
    return true;
}

gk_status gk_recognize_sections(const gk_document *doc, gk_report *r)
{
    gk_status st = gk_recognize_title(doc, r);
    if (st != GK_OK)
        return st;
    int last = 0;
    gk_buf text;
    gk_buf_init(&text);
    for (size_t i = 0; i < doc->count; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_PARAGRAPH)
            continue;
        size_t len = strlen(b->text);
        if (last && gk_pattern_match(GK_PAT_CHROME, b->text, len, NULL) == 1)
            break; /* the page's footer: the article is over */
        gk_match m;
        int n = 0;
        if (gk_pattern_match(GK_PAT_SECTION, b->text, len, &m) == 1)
            n = section_number(b->text + m.start[1], m.end[1] - m.start[1]);
        if (n && n == last + 1 && (last > 0 || gk_utf8_count(b->text) <= GK_MAX_HEADING_CHARS * 4)) {
            const char *t = b->text + m.start[2];
            size_t tl = len - m.start[2];
            size_t end = gk_utf8_count(b->text) <= GK_MAX_HEADING_CHARS ? tl : title_end(t, tl);
            /* "六、其他需要报告的事项 本年度未收取…": a template title followed
             * by prose (a space, a digit, punctuation) ends there, however short */
            size_t known = gk_known_section_title(t);
            if (known && known < tl && (t[known] == ' ' || (t[known] >= '0' && t[known] <= '9') ||
                                        !strncmp(t + known, "：", strlen("：")) || t[known] == ':' ||
                                        !strncmp(t + known, "。", strlen("。"))))
                end = known;
            if (r->section_count)
                r->sections[r->section_count - 1].text = gk_buf_take(&text);
            gk_buf_init(&text);
            if (!add_section(r, n, t, end))
                break;
            last = n;
            if (end < tl) {
                char *rest = gk_text_squeeze(t + end);
                if (rest && *rest)
                    gk_buf_adds(&text, rest);
                free(rest);
            }
            continue;
        }
        if (!last)
            continue;
        if (text.len)
            gk_buf_addc(&text, '\n');
        gk_buf_adds(&text, b->text);
    }
    if (r->section_count)
        r->sections[r->section_count - 1].text = gk_buf_take(&text);
    else
        gk_buf_free(&text);
    for (size_t i = 0; i < r->section_count; i++)
        if (!r->sections[i].text)
            r->sections[i].text = gk_strdup("");
    return GK_OK;
}
