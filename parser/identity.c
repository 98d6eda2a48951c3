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

static void line(gk_buf *b, const char *table, const char *row, const char *col, const gk_num *v)
{
    char num[64] = "null";
    if (v->present)
        gk_num_format(v, num, sizeof num);
    gk_buf_printf(b, "%s.%s.%s=%s\n", table, row, col, num);
}

static int by_bytes(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* One line per value, "table.row.column=number", sorted: the order in
 * which a reader met the rows does not enter the fingerprint. */
static gk_status serialize(const gk_report *r, gk_buf *out)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_printf(&b, "active_disclosure=%s\napplications=%s\nreviews_litigation=%s\n",
                  r->has_active ? "table" : "null", r->has_applications ? "table" : "null",
                  r->has_reviews ? "table" : "null");
    for (size_t i = 0; r->has_active && i < r->item_count; i++)
        for (size_t m = 0; m < r->items[i].count; m++)
            line(&b, "active_disclosure", r->items[i].code, r->items[i].measures[m], &r->items[i].values[m]);
    for (size_t i = 0; r->has_applications && i < r->app_row_count; i++)
        for (int col = 0; col < GK_COL_COUNT; col++)
            line(&b, "applications", gk_code(GK_TERM_ROW, r->app_rows[i]), gk_code(GK_TERM_COLUMN, col),
                 &r->apps[r->app_rows[i]][col]);
    for (int g = 0; r->has_reviews && g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            line(&b, "reviews_litigation", gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, k), &r->rl[g][k]);
    if (b.failed) {
        gk_buf_free(&b);
        return GK_ERR_NOMEM;
    }
    size_t count = 0;
    for (size_t i = 0; i < b.len; i++)
        count += b.data[i] == '\n';
    char **lines = malloc(count * sizeof *lines);
    if (!lines) {
        gk_buf_free(&b);
        return GK_ERR_NOMEM;
    }
    size_t k = 0;
    for (char *p = b.data; k < count; p = strchr(p, '\n') + 1)
        lines[k++] = p;
    for (size_t i = 0; i < count; i++)
        *strchr(lines[i], '\n') = '\0';
    qsort(lines, count, sizeof *lines, by_bytes);
    for (size_t i = 0; i < count; i++) {
        gk_buf_adds(out, lines[i]);
        gk_buf_addc(out, '\n');
    }
    free(lines);
    gk_buf_free(&b);
    return out->failed ? GK_ERR_NOMEM : GK_OK;
}

gk_status gk_identify(gk_report *r)
{
    gk_buf canon;
    gk_buf_init(&canon);
    gk_status st = serialize(r, &canon);
    if (st == GK_OK) {
        uint64_t h = fnv1a(fnv_offset, canon.data, canon.len);
        snprintf(r->fingerprint, sizeof r->fingerprint, "%016llx", (unsigned long long)h);
    }
    gk_buf_free(&canon);
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
