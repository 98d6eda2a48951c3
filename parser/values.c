/* values.c — a table cell's text to a number, per SPEC.md §2: digits in any
 * width, separators and units; zero markers; blank means "not reported". */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const zero_markers[] = {
    "0", "-", "--", "—", "——", "–", "―", "─", "/", "无", "〇", "○", "零", NULL,
};

/* Plain: ASCII digits with an optional sign and fraction, nothing else. */
static bool is_plain(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* Most cells are plain ASCII numbers: read them without normalizing or
 * matching (the slow path below handles everything else). */
static bool parse_plain(const char *text, bool decimal, gk_val *v)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    const char *start = p;
    bool neg = *p == '-';
    if (neg)
        p++;
    if (*p < '0' || *p > '9')
        return false;
    double value = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 15) {
        value = value * 10 + (*p++ - '0');
        digits++;
    }
    bool fraction = *p == '.';
    if (fraction) {
        if (!decimal || p[1] < '0' || p[1] > '9')
            return false;
        value = strtod(start, (char **)&p);
        neg = false;
    }
    const char *end = p;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p || (start[0] == '-' && start[1] == '0' && end - start == 2))
        return false; /* anything else, or "-0": the slow path decides */
    v->kind = GK_VAL_NUMBER;
    v->num.present = true;
    v->num.decimal = decimal;
    v->num.value = neg ? -value : value;
    v->plain = true;
    return true;
}

/* The value could not be examined: the conversion fails with `why`. */
static gk_val value_error(gk_val v, gk_status why)
{
    v.kind = GK_VAL_ERROR;
    v.error = why;
    v.num.present = false;
    return v;
}

/* A normalized text matched as a number with separators and a unit. */
static gk_val parse_number(const char *n, bool decimal, gk_val v)
{
    gk_match m;
    int found = gk_pattern_match(GK_PAT_NUMBER, n, strlen(n), &m);
    if (found < 0)
        return value_error(v, (gk_status)-found);
    if (found == 0) {
        v.kind = GK_VAL_INVALID;
        return v;
    }
    char digits[64];
    size_t k = 0;
    if (m.end[1] > m.start[1])
        digits[k++] = n[m.start[1]];
    for (size_t i = m.start[2]; i < m.end[2] && k < sizeof digits - 20; i++)
        if (n[i] != ',')
            digits[k++] = n[i];
    bool has_fraction = m.start[3] != SIZE_MAX && m.end[3] > m.start[3];
    if (has_fraction)
        for (size_t i = m.start[3]; i < m.end[3] && k < sizeof digits - 1; i++)
            digits[k++] = n[i];
    digits[k] = '\0';
    if (has_fraction && !decimal) {
        /* A fraction in a count column is not a count. */
        v.kind = GK_VAL_INVALID;
        return v;
    }
    v.kind = GK_VAL_NUMBER;
    v.num.present = true;
    v.num.value = strtod(digits, NULL);
    /* No count reaches 10^15; past it a double is no longer exact
     * and the integer writers would overflow. */
    if (!decimal && (v.num.value >= GK_MAX_COUNT || v.num.value <= -GK_MAX_COUNT)) {
        v.kind = GK_VAL_INVALID;
        v.num.present = false;
    }
    return v;
}

gk_val gk_value_parse(const char *text, bool decimal)
{
    gk_val v = {.kind = GK_VAL_BLANK, .num = {false, decimal, 0}};
    if (text && parse_plain(text, decimal, &v))
        return v;
    char *trimmed = gk_text_squeeze(text ? text : "");
    if (!trimmed)
        return value_error(v, GK_ERR_NOMEM);
    v.plain = is_plain(trimmed);
    free(trimmed);
    char *n = gk_label_normalize(text ? text : "");
    if (!n)
        return value_error(v, GK_ERR_NOMEM);
    if (!*n) {
        free(n);
        return v;
    }
    for (size_t i = 0; zero_markers[i]; i++)
        if (strcmp(n, zero_markers[i]) == 0) {
            v.kind = GK_VAL_NUMBER;
            v.num.present = true;
            v.num.value = 0;
            free(n);
            return v;
        }
    v = parse_number(n, decimal, v);
    free(n);
    return v;
}
