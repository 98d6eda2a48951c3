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

/* A heading "三、…" (its number the next one) at the start of a paragraph:
 * the title's bytes in *title, *title_len, and the prose after it. */
static gk_status heading_in(const gk_block *b, int last, int *number, const char **title, size_t *title_len,
                            size_t *prose_at)
{
    size_t len = strlen(b->text);
    gk_match m;
    *number = 0;
    int rc = gk_pattern_match(GK_PAT_SECTION, b->text, len, &m);
    if (rc < 0)
        return (gk_status)-rc;
    int n = rc == 1 ? section_number(b->text + m.start[1], m.end[1] - m.start[1]) : 0;
    if (!n || n != last + 1 || (last == 0 && gk_utf8_count(b->text) > GK_MAX_HEADING_CHARS * 4))
        return GK_OK;
    const char *t = b->text + m.start[2];
    size_t tl = len - m.start[2];
    size_t end = gk_utf8_count(b->text) <= GK_MAX_HEADING_CHARS ? tl : gk_heading_title_end(t, tl);
    /* "六、其他需要报告的事项 本年度未收取…": a template title followed
     * by prose (a space, a digit, punctuation) ends there, however short */
    size_t known = gk_known_section_title(t);
    if (known && known < tl && (t[known] == ' ' || (t[known] >= '0' && t[known] <= '9') ||
                                !strncmp(t + known, "：", strlen("：")) || t[known] == ':' ||
                                !strncmp(t + known, "。", strlen("。"))))
        end = known;
    *number = n;
    *title = t;
    *title_len = end;
    *prose_at = end < tl ? end : tl;
    return GK_OK;
}

/* Closes the section being read: its text is what was gathered. */
static gk_status close_section(gk_report *r, gk_buf *text)
{
    if (text->failed) {
        gk_buf_free(text);
        return GK_ERR_NOMEM;
    }
    if (!r->section_count) {
        gk_buf_free(text);
        return GK_OK;
    }
    char *t = text->data ? gk_buf_take(text) : gk_strdup("");
    gk_buf_init(text);
    if (!t)
        return GK_ERR_NOMEM;
    r->sections[r->section_count - 1].text = t;
    return GK_OK;
}

gk_status gk_recognize_sections(const gk_document *doc, gk_report *r)
{
    gk_status st = gk_recognize_title(doc, r);
    int last = 0;
    gk_buf text;
    gk_buf_init(&text);
    for (size_t i = 0; i < doc->count && st == GK_OK; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_PARAGRAPH)
            continue;
        int chrome = last ? gk_pattern_match(GK_PAT_CHROME, b->text, strlen(b->text), NULL) : 0;
        if (chrome < 0)
            st = (gk_status)-chrome;
        if (chrome)
            break; /* the page's footer: the article is over (or an error) */
        int n;
        const char *t = NULL;
        size_t tl = 0, prose_at = 0;
        st = heading_in(b, last, &n, &t, &tl, &prose_at);
        if (st == GK_OK && n) {
            st = close_section(r, &text);
            if (st == GK_OK && !add_section(r, n, t, tl))
                st = GK_ERR_NOMEM;
            last = n;
            char *rest = st == GK_OK && t[prose_at] ? gk_text_squeeze(t + prose_at) : NULL;
            if (st == GK_OK && t[prose_at] && !rest)
                st = GK_ERR_NOMEM;
            if (rest && *rest)
                gk_buf_adds(&text, rest);
            free(rest);
            continue;
        }
        if (!last)
            continue;
        if (text.len)
            gk_buf_addc(&text, '\n');
        gk_buf_adds(&text, b->text);
    }
    if (st == GK_OK)
        st = close_section(r, &text);
    else
        gk_buf_free(&text);
    return st;
}
