/* identity.c — what makes two outputs the same report: a key (the agency's
 * name normalized, and the year) and a fingerprint of the tables' numbers
 * that neither the input form nor the source's path, encoding or titles
 * enter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* White space, and punctuation ASCII or CJK: a name written with a
 * full-width bracket, a middle dot or a stray space is the same name. */
static bool agency_dropped(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return cp == 0xA0 || cp == 0xB7 || cp == 0xFEFF || cp == 0xFFFD || (cp >= 0x2000 && cp <= 0x206F) /* spaces, dashes, quotes, dots */
           || (cp >= 0x3000 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x301F)                     /* 、。〈〉《》「」【】〔〕 */
           || cp == 0x30FB || (cp >= 0xFE10 && cp <= 0xFE6F);                                       /* ・, vertical and small forms */
}

char *gk_agency_normalize(const char *name)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t len = strlen(name), i = 0, n;
    while (i < len) {
        uint32_t cp = gk_utf8_next(name, len, &i, &n);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0; /* full-width ASCII */
        if (agency_dropped(cp))
            continue;
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        gk_buf_add_utf8(&b, cp);
    }
    return gk_buf_take(&b);
}

/* FNV-1a, 64 bits: small, well known, and plenty against accidental
 * collisions among a few million reports (it is no defence against a
 * forged report, nor meant to be). */
static const uint64_t fnv_offset = 0xcbf29ce484222325ULL, fnv_prime = 0x100000001b3ULL;

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= fnv_prime;
    }
    return h;
}

/* A value into the hash: its code's names, then whether it is present
 * and the number (an integer as 8 bytes, anything else as the double's):
 * the same number read from any form gives the same bytes. */
static uint64_t value(uint64_t h, const char *row, const char *col, const gk_num *v)
{
    h = fnv1a(h, row, strlen(row) + 1);
    h = fnv1a(h, col, strlen(col) + 1);
    bool integral = v->value > -9.2e18 && v->value < 9.2e18 && v->value == (double)(int64_t)v->value;
    unsigned char kind = !v->present ? 0 : integral ? 1 : 2;
    h = fnv1a(h, (const char *)&kind, 1);
    if (kind == 1) {
        int64_t i = (int64_t)v->value;
        unsigned char le[8];
        for (int k = 0; k < 8; k++)
            le[k] = (unsigned char)((uint64_t)i >> (8 * k));
        h = fnv1a(h, (const char *)le, 8);
    } else if (kind == 2) {
        unsigned char raw[sizeof(double)];
        memcpy(raw, &v->value, sizeof raw);
        h = fnv1a(h, (const char *)raw, sizeof raw);
    }
    return h;
}

/* The tables in a canonical order, whatever order the reader met their
 * rows in: table 二's items by code, table 三's rows and columns and table
 * 四's groups and results in the vocabulary's order. */
static gk_status fingerprint(const gk_report *r, uint64_t *out)
{
    uint64_t h = fnv_offset;
    const unsigned char tables[3] = {r->has_active, r->has_applications, r->has_reviews};
    h = fnv1a(h, (const char *)tables, 3);
    size_t *order = r->item_count ? malloc(r->item_count * sizeof *order) : NULL;
    if (r->item_count && !order)
        return GK_ERR_NOMEM;
    for (size_t i = 0; i < r->item_count; i++) { /* insertion by code: a dozen items, and no shared state between threads */
        size_t j = i;
        for (; j > 0 && strcmp(r->items[order[j - 1]].code, r->items[i].code) > 0; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (size_t i = 0; r->has_active && i < r->item_count; i++) {
        const gk_item *it = &r->items[order[i]];
        for (size_t m = 0; m < it->count; m++)
            h = value(h, it->code, it->measures[m], &it->values[m]);
    }
    free(order);
    bool in_table[GK_APP_ROW_COUNT] = {false};
    for (size_t i = 0; r->has_applications && i < r->app_row_count; i++)
        in_table[r->app_rows[i]] = true;
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        for (int col = 0; in_table[row] && col < GK_COL_COUNT; col++)
            h = value(h, gk_code(GK_TERM_ROW, row), gk_code(GK_TERM_COLUMN, col), &r->apps[row][col]);
    for (int g = 0; r->has_reviews && g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            h = value(h, gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, k), &r->rl[g][k]);
    *out = h;
    return GK_OK;
}

gk_status gk_identify(gk_report *r)
{
    uint64_t h;
    gk_status st = fingerprint(r, &h);
    if (st == GK_OK)
        snprintf(r->fingerprint, sizeof r->fingerprint, "%016llx", (unsigned long long)h);
    if (st != GK_OK || !r->agency || !r->year)
        return st; /* without both, a report has no key: it cannot be placed beside others */
    char *agency = gk_agency_normalize(r->agency);
    if (!agency)
        return GK_ERR_NOMEM;
    if (!*agency) { /* a name of punctuation only names nobody */
        free(agency);
        return GK_OK;
    }
    gk_buf key;
    gk_buf_init(&key);
    gk_buf_printf(&key, "%s/%d", agency, r->year);
    free(agency);
    r->key = gk_buf_take(&key);
    return r->key ? GK_OK : GK_ERR_NOMEM;
}

const char *gk_report_key(const gk_report *r) { return r->key; }

const char *gk_report_fingerprint(const gk_report *r) { return r->fingerprint[0] ? r->fingerprint : NULL; }
