/* fields.c — a report's numbers by field index, their dotted names, and
 * their packed form (the store keeps every report's numbers, so they are
 * kept small). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

void field_name(int field, char *buf, size_t cap)
{
    if (field < FIELD_APPS) {
        int item = (field - FIELD_ACTIVE) / GK_MEASURE_END, measure = (field - FIELD_ACTIVE) % GK_MEASURE_END;
        snprintf(buf, cap, "active_disclosure.%s.%s", gk_code(GK_TERM_ITEM, item), gk_code(GK_TERM_MEASURE, measure));
    } else if (field < FIELD_RL) {
        int row = (field - FIELD_APPS) / GK_COL_COUNT, col = (field - FIELD_APPS) % GK_COL_COUNT;
        snprintf(buf, cap, "applications.%s.%s", gk_code(GK_TERM_ROW, row), gk_code(GK_TERM_COLUMN, col));
    } else {
        int g = (field - FIELD_RL) / GK_RL_RESULTS, k = (field - FIELD_RL) % GK_RL_RESULTS;
        snprintf(buf, cap, "reviews_litigation.%s.%s", gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, k));
    }
}

static bool bit(const uint8_t *bits, int i) { return bits[i / 8] >> (i % 8) & 1; }
static void set_bit(uint8_t *bits, int i) { bits[i / 8] |= (uint8_t)(1u << (i % 8)); }

/* Integers up to 2^53 are exact in a double and in an int64. */
static const double exact_limit = 9007199254740992.0;

static size_t put_varint(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

static uint64_t get_varint(const uint8_t *p, size_t *at)
{
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        uint8_t b = p[(*at)++];
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
}

/* A value: an integer as zigzag << 1, a decimal (a fraction, or too large
 * to be exact) as 1 and its 8 bytes. */
bool numbers_pack(const numbers *n, packed *out)
{
    memset(out, 0, sizeof *out);
    uint8_t tmp[FIELD_COUNT * 10];
    size_t len = 0;
    for (int f = 0; f < FIELD_COUNT; f++) {
        if (!n->present[f])
            continue;
        set_bit(out->present, f);
        double v = n->value[f];
        if (v == 0)
            continue;
        set_bit(out->nonzero, f);
        if (!n->decimal[f] && v == (double)(int64_t)v && v < exact_limit && v > -exact_limit) {
            int64_t i = (int64_t)v;
            uint64_t zig = ((uint64_t)i << 1) ^ (uint64_t)(i >> 63);
            len += put_varint(tmp + len, zig << 1);
        } else {
            tmp[len++] = 1;
            memcpy(tmp + len, &v, sizeof v);
            len += sizeof v;
        }
    }
    if (len) {
        out->blob = malloc(len);
        if (!out->blob)
            return false;
        memcpy(out->blob, tmp, len);
    }
    out->blob_len = (uint32_t)len;
    return true;
}

void numbers_unpack(const packed *p, numbers *out)
{
    size_t at = 0;
    for (int f = 0; f < FIELD_COUNT; f++) {
        out->present[f] = bit(p->present, f);
        out->value[f] = 0;
        out->decimal[f] = false;
        if (!bit(p->nonzero, f))
            continue;
        uint64_t v = get_varint(p->blob, &at);
        if (v & 1) {
            memcpy(&out->value[f], p->blob + at, sizeof(double));
            at += sizeof(double);
            out->decimal[f] = true;
        } else {
            uint64_t zig = v >> 1;
            out->value[f] = (double)(int64_t)((zig >> 1) ^ (~(zig & 1) + 1));
        }
    }
}
