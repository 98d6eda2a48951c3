/* prose.c — prose against tables: the figures sections 一 to 四 restate in
 * words ("全年共收到政府信息公开申请154件"), each compared with its table's
 * (checks text.*), the sentence kept in the check.  No number is changed. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* One figure: its rule, its pattern, and where the table holds it. */
typedef enum { TABLE_APPS_TOTAL, TABLE_LITIGATION } table_side;
typedef struct {
    int rule; /* GK_RULE_TEXT_…: its name in gk_check_rules() */
    const char *keyword; /* every phrasing of it has this word: sentences without it are not matched */
    gk_pattern_id pattern;
    table_side side;
    int row; /* GK_ROW_… for TABLE_APPS_TOTAL; the review group otherwise */
} figure;

static const figure figures[] = {
    {GK_RULE_TEXT_NEW_RECEIVED, "申请", GK_PAT_TEXT_NEW_RECEIVED, TABLE_APPS_TOTAL, GK_ROW_NEW_RECEIVED},
    {GK_RULE_TEXT_CARRIED_OVER, "结转", GK_PAT_TEXT_CARRIED_OVER, TABLE_APPS_TOTAL, GK_ROW_CARRIED_OVER},
    {GK_RULE_TEXT_CARRIED_FORWARD, "结转", GK_PAT_TEXT_CARRIED_FORWARD, TABLE_APPS_TOTAL, GK_ROW_CARRIED_FORWARD},
    {GK_RULE_TEXT_REVIEW, "复议", GK_PAT_TEXT_REVIEW, TABLE_LITIGATION, 0},
    {GK_RULE_TEXT_LITIGATION, "诉讼", GK_PAT_TEXT_LITIGATION, TABLE_LITIGATION, 1},
};
enum { FIGURE_COUNT = sizeof figures / sizeof figures[0] };

/* A rule's name, from the one table of rules (checks.c). */
static const char *rule_name(int rule)
{
    size_t count;
    return gk_check_rules(&count)[rule].rule;
}

/* Sections past 四 plan the next year and compare with the last: their
 * figures are not this year's. */
enum { LAST_STATING_SECTION = 4 };

/* The table's side of a figure; false when it is null or the table absent. */
static bool table_value(const gk_report *r, const figure *f, double *out)
{
    const gk_num *v;
    if (f->side == TABLE_APPS_TOTAL) {
        if (!r->has_applications)
            return false;
        v = &r->apps[f->row][GK_COL_COUNT - 1];
    } else {
        if (!r->has_reviews)
            return false;
        if (f->row == 0) {
            v = &r->rl[0][GK_RL_RESULTS - 1];
        } else { /* litigation: direct and after review together */
            const gk_num *a = &r->rl[1][GK_RL_RESULTS - 1], *b = &r->rl[2][GK_RL_RESULTS - 1];
            if (!a->present || !b->present)
                return false;
            *out = a->value + b->value;
            return true;
        }
    }
    if (!v->present)
        return false;
    *out = v->value;
    return true;
}

/* ASCII or full-width digits → a count; false past 9 digits (not a count
 * a report states). */
static bool parse_count(const char *s, size_t len, double *out)
{
    double v = 0;
    size_t digits = 0, i = 0, n;
    while (i < len) {
        uint32_t cp = gk_utf8_next(s, len, &i, &n);
        if (cp >= 0xFF10 && cp <= 0xFF19)
            cp -= 0xFF10 - '0';
        if (cp < '0' || cp > '9' || ++digits > 9)
            return false;
        v = v * 10 + (cp - '0');
    }
    *out = v;
    return digits > 0;
}

/* A stated figure: the sentence and its number. */
typedef struct {
    char *sentence;
    double value;
} stated;

static bool sentence_end(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF1B || cp == ';' || cp == '\n' || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
           cp == '?';
}

/* Whether the sentence s[0, len) states f; GK_OK with found->sentence
 * set when it does, NULL when not. */
static gk_status match_sentence(const char *s, size_t len, const figure *f, stated *found)
{
    if (!memmem(s, len, f->keyword, strlen(f->keyword)))
        return GK_OK; /* cheaper than the pattern, and most sentences */
    gk_match m;
    int rc = gk_pattern_match(f->pattern, s, len, &m);
    if (rc < 0)
        return (gk_status)-rc;
    double v = 0;
    bool zero_phrase = rc == 1 && (m.count < 2 || m.start[1] == SIZE_MAX);
    if (rc == 0 || !(zero_phrase || parse_count(s + m.start[1], m.end[1] - m.start[1], &v)))
        return GK_OK;
    char *t = gk_strndup(s, len);
    found->sentence = t ? gk_text_squeeze(t) : NULL;
    free(t);
    found->value = v;
    return found->sentence ? GK_OK : GK_ERR_NOMEM;
}

/* Each sentence of section `number`'s text s, for every figure not stated
 * yet.  A sentence too long for a pattern's match limit states nothing:
 * a diagnostic says so, and the report converts. */
static gk_status find_in(gk_report *r, int number, const char *s, stated *found)
{
    size_t len = strlen(s), start = 0, i, n;
    while (start < len) {
        size_t end = start;
        for (i = start; i < len;) {
            end = i;
            uint32_t cp = gk_utf8_next(s, len, &i, &n);
            if (sentence_end(cp))
                break;
            end = i;
        }
        for (size_t k = 0; k < FIGURE_COUNT; k++) {
            gk_status st = found[k].sentence ? GK_OK : match_sentence(s + start, end - start, &figures[k], &found[k]);
            if (st == GK_ERR_TOO_LARGE && !gk_diag_add(&r->diags, GK_SEV_WARNING, "report",
                                                       "section %d: a sentence of %zu bytes is too long to read "
                                                       "the figure of %s from", number, end - start, rule_name(figures[k].rule)))
                return GK_ERR_NOMEM;
            if (st != GK_OK && st != GK_ERR_TOO_LARGE)
                return st;
        }
        start = i; /* past the sentence's end mark */
    }
    return GK_OK;
}

static bool add_text_check(gk_report *r, const figure *f, stated *st)
{
    gk_check *p = realloc(r->checks, (r->check_count + 1) * sizeof *p);
    if (!p)
        return false;
    r->checks = p;
    gk_check *c = &p[r->check_count];
    double table = 0;
    bool known = st->sentence && table_value(r, f, &table);
    *c = (gk_check){.rule = gk_strdup(rule_name(f->rule)),
                    .scope = gk_strdup("total"),
                    .status = !known ? 2 : (st->value == table ? 0 : 1),
                    .left = {known, false, known ? st->value : 0},
                    .right = {known, false, known ? table : 0},
                    .sentence = st->sentence};
    /* the table's cells it compares with: the review page marks them
     * (the text's side is no cell: left_count 0) */
    if (f->side == TABLE_APPS_TOTAL) {
        c->cells[c->cell_count++] = (gk_cell_ref){GK_VALUES_APPLICATIONS, (unsigned short)f->row, GK_COL_COUNT - 1};
    } else if (f->row == 0) {
        c->cells[c->cell_count++] = (gk_cell_ref){GK_VALUES_REVIEWS, 0, GK_RL_RESULTS - 1};
    } else {
        c->cells[c->cell_count++] = (gk_cell_ref){GK_VALUES_REVIEWS, 1, GK_RL_RESULTS - 1};
        c->cells[c->cell_count++] = (gk_cell_ref){GK_VALUES_REVIEWS, 2, GK_RL_RESULTS - 1};
    }
    if (!c->rule || !c->scope) {
        free(c->rule);
        free(c->scope);
        return false; /* the sentence stays the caller's */
    }
    st->sentence = NULL;
    r->check_count++;
    return true;
}

gk_status gk_run_text_checks(gk_report *r)
{
    stated found[FIGURE_COUNT] = {{NULL, 0}};
    gk_status status = GK_OK;
    for (size_t i = 0; i < r->section_count && status == GK_OK; i++)
        if (r->sections[i].number <= LAST_STATING_SECTION && r->sections[i].text)
            status = find_in(r, r->sections[i].number, r->sections[i].text, found);
    for (size_t k = 0; k < FIGURE_COUNT && status == GK_OK; k++)
        if (!add_text_check(r, &figures[k], &found[k]))
            status = GK_ERR_NOMEM;
    for (size_t k = 0; k < FIGURE_COUNT; k++)
        free(found[k].sentence);
    return status;
}
