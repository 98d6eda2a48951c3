/* sections.c — title, agency and year, and the six numbered sections with
 * their prose, recognized from the model's paragraphs. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* CJK text carries no spaces of its own: "孟津区 2023 年政府信息公开 工作"
 * → "孟津区2023年政府信息公开工作"; spaces between two Latin words stay. */
static char *cjk_compact(const char *s, size_t len)
{
    char *copy = gk_strndup(s, len);
    if (!copy)
        return NULL;
    char *sq = gk_text_squeeze(copy);
    free(copy);
    if (!sq)
        return NULL;
    gk_buf b;
    gk_buf_init(&b);
    size_t n = strlen(sq);
    for (size_t i = 0; i < n; i++) {
        if (sq[i] == ' ' && i > 0 && i + 1 < n) {
            bool left_ascii = (unsigned char)sq[i - 1] < 0x80 && sq[i - 1] != ' ';
            bool right_ascii = (unsigned char)sq[i + 1] < 0x80;
            bool left_alpha = left_ascii && ((sq[i - 1] | 32) >= 'a' && (sq[i - 1] | 32) <= 'z');
            bool right_alpha = right_ascii && ((sq[i + 1] | 32) >= 'a' && (sq[i + 1] | 32) <= 'z');
            if (!(left_alpha && right_alpha))
                continue;
        }
        gk_buf_addc(&b, sq[i]);
    }
    free(sq);
    return gk_buf_take(&b);
}

static int chinese_digit(const char *s, size_t *len)
{
    static const char *const digits[] = {"〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    static const int values[] = {0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++) {
        size_t n = strlen(digits[i]);
        if (strncmp(s, digits[i], n) == 0) {
            *len = n;
            return values[i];
        }
    }
    return -1;
}

/* "2019" or "二〇一九" → 2019; 0 when neither. */
static int parse_year(const char *s, size_t len)
{
    if (len == 4 && s[0] >= '0' && s[0] <= '9')
        return atoi(s);
    int year = 0, count = 0;
    size_t i = 0;
    while (i < len) {
        size_t n;
        int d = chinese_digit(s + i, &n);
        if (d < 0 || d > 9)
            return 0;
        year = year * 10 + d;
        count++;
        i += n;
    }
    return count == 4 ? year : 0;
}

/* 一 … 十二 → 1 … 12; 0 otherwise. */
static int section_number(const char *s, size_t len)
{
    size_t a, b;
    int first = chinese_digit(s, &a);
    if (first < 1)
        return 0;
    if (a == len)
        return first;
    int second = chinese_digit(s + a, &b);
    if (a + b != len || second < 1)
        return 0;
    if (first == 10)
        return 10 + second;
    return second == 10 ? first * 10 : 0;
}

static void trim_agency(char *s)
{
    static const char *const tails[] = {"的", "关于", "：", ":", NULL};
    size_t n = strlen(s);
    for (size_t i = 0; tails[i]; i++) {
        size_t t = strlen(tails[i]);
        if (n >= t && strcmp(s + n - t, tails[i]) == 0) {
            s[n - t] = '\0';
            n -= t;
        }
    }
}

static void find_title(const gk_document *doc, gk_report *r)
{
    for (size_t i = 0; i < doc->count; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_PARAGRAPH || utf8_chars(b->text) > 100)
            continue;
        gk_match m;
        if (gk_pattern_match(GK_PAT_TITLE, b->text, strlen(b->text), &m) != 1)
            continue;
        size_t start = m.start[1];
        r->title = cjk_compact(b->text + start, strlen(b->text) - start);
        r->year = parse_year(b->text + m.start[2], m.end[2] - m.start[2]);
        char *pre = cjk_compact(b->text + m.start[1], m.end[1] - m.start[1]);
        char *post = cjk_compact(b->text + m.start[3], m.end[3] - m.start[3]);
        if (pre && post) {
            trim_agency(pre);
            trim_agency(post);
            r->agency = gk_strdup(*pre ? pre : post);
            if (r->agency && !*r->agency) {
                free(r->agency);
                r->agency = NULL;
            }
        }
        free(pre);
        free(post);
        return;
    }
}

/* With no year in a title: the statistics period "从2019年1月1日". */
static void find_year_in_text(const gk_document *doc, gk_report *r)
{
    for (size_t i = 0; i < doc->count && !r->year; i++) {
        const gk_block *b = &doc->blocks[i];
        gk_match m;
        if (b->kind == GK_BLOCK_PARAGRAPH &&
            gk_pattern_match(GK_PAT_STAT_YEAR, b->text, strlen(b->text), &m) == 1)
            r->year = parse_year(b->text + m.start[1], m.end[1] - m.start[1]);
    }
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
    s->title = cjk_compact(title, title_len);
    s->text = NULL;
    if (!s->title)
        return false;
    r->section_count++;
    return true;
}

gk_status gk_recognize_sections(const gk_document *doc, gk_report *r)
{
    find_title(doc, r);
    if (!r->year)
        find_year_in_text(doc, r);
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
        if (n && n == last + 1 && (last > 0 || utf8_chars(b->text) <= GK_MAX_HEADING_CHARS * 4)) {
            const char *t = b->text + m.start[2];
            size_t tl = len - m.start[2];
            size_t end = utf8_chars(b->text) <= GK_MAX_HEADING_CHARS ? tl : title_end(t, tl);
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
