/* titles.c — the report's title, agency and year.  From its title line, or
 * from the report's title inside a cover letter (关于报送《…》的函); a
 * report without a title line takes its agency from the signature block at
 * the end (agency, then date) or from its own words (本报告由XX局编制,
 * XX局（以下简称“本局”）), and the year reported on from the body
 * (统计期限自2024年1月1日, 2024年，本局…) — never from the signature's date,
 * which is usually the next year. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

size_t gk_utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

char *gk_cjk_compact(const char *s, size_t len)
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
    if (b.failed) {
        gk_buf_free(&b);
        return NULL;
    }
    return gk_buf_take(&b);
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
        int d = gk_cjk_numeral(s + i, &n);
        if (d < 0 || d > 9)
            return 0;
        year = year * 10 + d;
        count++;
        i += n;
    }
    return count == 4 ? year : 0;
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

/* A name that reads as an agency's: two to forty characters, no
 * punctuation or digits, ending as agencies' names end.  Used where the
 * agency is found outside a title, to keep a stray line out. */
static bool agency_like(const char *s)
{
    static const char *const ends[] = {"局", "委", "办", "院", "厅", "部", "署", "府", "会", "处", "室", "所",
                                       "站", "队", "中心", "区", "县", "市", "镇", "乡", "街道", "馆", "社", NULL};
    size_t chars = gk_utf8_count(s), n = strlen(s);
    if (chars < 2 || chars > 40 || strpbrk(s, "0123456789:;,.()") ||
        strstr(s, "，") || strstr(s, "。") || strstr(s, "：") || strstr(s, "、"))
        return false;
    for (size_t i = 0; ends[i]; i++) {
        size_t e = strlen(ends[i]);
        if (n >= e && strcmp(s + n - e, ends[i]) == 0)
            return true;
    }
    return false;
}

/* Sets r->agency to s[0, len) compacted when it reads as an agency. */
static gk_status take_agency(gk_report *r, const char *s, size_t len, bool check)
{
    char *a = gk_cjk_compact(s, len);
    if (!a)
        return GK_ERR_NOMEM;
    trim_agency(a);
    if (*a && (!check || agency_like(a))) {
        free(r->agency);
        r->agency = a;
        return GK_OK;
    }
    free(a);
    return GK_OK;
}

static int match(gk_pattern_id id, const char *s, gk_match *m) { return gk_pattern_match(id, s, strlen(s), m); }

/* A title: "…2023年…政府信息公开工作年度报告" — the title from the agency on,
 * the year, and the agency before the year (or after it). */
static gk_status title_from(gk_report *r, const char *text, const gk_match *m)
{
    size_t start = m->start[1];
    free(r->title);
    r->title = gk_cjk_compact(text + start, strlen(text) - start);
    if (!r->title)
        return GK_ERR_NOMEM;
    r->year = parse_year(text + m->start[2], m->end[2] - m->start[2]);
    char *pre = gk_cjk_compact(text + m->start[1], m->end[1] - m->start[1]);
    char *post = gk_cjk_compact(text + m->start[3], m->end[3] - m->start[3]);
    gk_status st = pre && post ? GK_OK : GK_ERR_NOMEM;
    if (st == GK_OK) {
        trim_agency(pre);
        trim_agency(post);
        const char *a = *pre ? pre : post;
        if (*a && !(r->agency = gk_strdup(a)))
            st = GK_ERR_NOMEM;
    }
    free(pre);
    free(post);
    return st;
}

/* A cover letter's heading: the agency before 关于 and the report's title. */
typedef struct {
    const char *text;
    gk_match m;
} letter;

/* The report's title named by its cover letter: "《…》" as it stands, or
 * the agency before 关于 put before a title that has none. */
static gk_status title_from_letter(gk_report *r, const letter *l)
{
    const char *inner = l->text + l->m.start[2];
    size_t inner_len = l->m.end[2] - l->m.start[2];
    char *copy = gk_strndup(inner, inner_len);
    if (!copy)
        return GK_ERR_NOMEM;
    gk_match m;
    int rc = match(GK_PAT_TITLE, copy, &m);
    gk_status st = rc < 0 ? (gk_status)-rc : GK_OK;
    if (rc == 1)
        st = title_from(r, copy, &m);
    free(copy);
    size_t alen = l->m.end[1] - l->m.start[1];
    if (st == GK_OK && rc == 1 && !r->agency && alen) {
        st = take_agency(r, l->text + l->m.start[1], alen, false);
        if (st == GK_OK && r->agency) { /* "XX局关于报送2020年…报告的函": the title has no agency */
            gk_buf t;
            gk_buf_init(&t);
            gk_buf_adds(&t, r->agency);
            gk_buf_adds(&t, r->title);
            char *title = t.failed ? NULL : gk_buf_take(&t);
            gk_buf_free(&t);
            if (!title)
                return GK_ERR_NOMEM;
            free(r->title);
            r->title = title;
        }
    }
    return st;
}

/* A sentence is not a title line, however short: it has a comma or a
 * full stop ("…关于做好2020年政府信息公开工作年度报告编制发布工作的通知要求，…"). */
static bool sentence(const char *s) { return strstr(s, "，") || strstr(s, "。") || strstr(s, "；"); }

/* The title line: the first short paragraph that reads as a report's
 * title.  A cover letter's heading is not one: the report's own title
 * line after it is, or else the title the letter names. */
static gk_status find_title(const gk_document *doc, gk_report *r)
{
    letter l = {NULL, {{0}, {0}, 0}};
    for (size_t i = 0; i < doc->count; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_PARAGRAPH || gk_utf8_count(b->text) > 100 || sentence(b->text))
            continue;
        gk_match m;
        int rc = match(GK_PAT_COVER_LETTER, b->text, &m);
        if (rc == 1) { /* the first letter heading counts; a second is not a title either */
            if (!l.text) {
                l.text = b->text;
                l.m = m;
            }
            continue;
        }
        if (rc == 0)
            rc = match(GK_PAT_TITLE, b->text, &m);
        if (rc < 0)
            return (gk_status)-rc;
        if (rc == 1) {
            gk_status st = title_from(r, b->text, &m);
            if (st == GK_OK && !r->agency && l.text && l.m.end[1] > l.m.start[1])
                st = take_agency(r, l.text + l.m.start[1], l.m.end[1] - l.m.start[1], false);
            return st;
        }
    }
    return l.text ? title_from_letter(r, &l) : GK_OK;
}

/* The signature at the end: a date line, with the agency before it on the
 * same line or on the line above.  Page chrome after it is passed over. */
static gk_status agency_from_signature(const gk_document *doc, gk_report *r)
{
    size_t looked = 0;
    for (size_t i = doc->count; i-- > 0 && looked < 12;) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_PARAGRAPH)
            return GK_OK; /* a table ends the report: no signature after it */
        looked++;
        gk_match m;
        int rc = match(GK_PAT_DATE_LINE, b->text, &m);
        if (rc < 0)
            return (gk_status)-rc;
        if (rc == 0)
            continue;
        if (m.end[1] > m.start[1])
            return take_agency(r, b->text + m.start[1], m.end[1] - m.start[1], true);
        for (size_t k = i; k-- > 0;) {
            const gk_block *above = &doc->blocks[k];
            if (above->kind != GK_BLOCK_PARAGRAPH)
                return GK_OK;
            if (*above->text)
                return take_agency(r, above->text, strlen(above->text), true);
        }
        return GK_OK;
    }
    return GK_OK;
}

/* The body's own words: "本报告由XX局编制", "XX局（以下简称“本局”）". */
static gk_status agency_from_body(const gk_document *doc, gk_report *r)
{
    static const char *const lead[] = {"本报告是由", "本报告由", "由"};
    for (size_t i = 0; i < doc->count && !r->agency; i++) {
        const gk_block *b = &doc->blocks[i];
        gk_match m;
        int rc = b->kind == GK_BLOCK_PARAGRAPH ? match(GK_PAT_AGENCY_SELF, b->text, &m) : 0;
        if (rc < 0)
            return (gk_status)-rc;
        if (rc == 0)
            continue;
        int g = m.start[1] != SIZE_MAX ? 1 : 2;
        const char *s = b->text + m.start[g];
        size_t len = m.end[g] - m.start[g];
        for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++) {
            size_t n = strlen(lead[k]);
            if (len > n && strncmp(s, lead[k], n) == 0) {
                s += n;
                len -= n;
                break;
            }
        }
        gk_status st = take_agency(r, s, len, true);
        if (st != GK_OK)
            return st;
    }
    return GK_OK;
}

/* With no year in a title: the statistics period ("从2019年1月1日"), else a
 * paragraph that starts with the year ("2024年，本局…"). */
static gk_status year_from_body(const gk_document *doc, gk_report *r)
{
    static const gk_pattern_id order[] = {GK_PAT_STAT_YEAR, GK_PAT_BODY_YEAR};
    for (size_t p = 0; p < 2 && !r->year; p++)
        for (size_t i = 0; i < doc->count && !r->year; i++) {
            const gk_block *b = &doc->blocks[i];
            if (b->kind != GK_BLOCK_PARAGRAPH)
                continue;
            gk_match m;
            int rc = match(order[p], b->text, &m);
            if (rc == 1 && order[p] == GK_PAT_STAT_YEAR)
                rc = match(GK_PAT_DATE_LINE, b->text, NULL) == 1 ? 0 : 1; /* a signature's date */
            if (rc < 0)
                return (gk_status)-rc;
            if (rc == 1)
                r->year = parse_year(b->text + m.start[1], m.end[1] - m.start[1]);
        }
    return GK_OK;
}

gk_status gk_recognize_title(const gk_document *doc, gk_report *r)
{
    gk_status st = find_title(doc, r);
    if (st == GK_OK && !r->year)
        st = year_from_body(doc, r);
    if (st == GK_OK && !r->agency)
        st = agency_from_signature(doc, r);
    if (st == GK_OK && !r->agency)
        st = agency_from_body(doc, r);
    return st;
}
