/* audit.h — gkaudit, the reduce step: converted reports in, findings across
 * reports out (docs/audit.md).  Shared by the files of tools/audit/. */
#ifndef GK_AUDIT_H
#define GK_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vocab.h"

/* Exit statuses: gkreport's for the same causes (tools/cli.h), and 1 for
 * --strict with a failing finding. */
enum {
    AUDIT_EXIT_FINDINGS = 1,
    AUDIT_EXIT_USAGE = 2,
    AUDIT_EXIT_UNREADABLE = 3,   /* an input could not be opened or read */
    AUDIT_EXIT_UNRECOGNIZED = 4, /* not JSON, or JSON that is not a gkreport report */
    AUDIT_EXIT_OUTPUT = 6,       /* an output could not be written */
    AUDIT_EXIT_INTERNAL = 70     /* out of memory */
};

/* ---- fields.c: every number of a report, by index ---- */
/* Table 二 as an item × measure grid (slots no edition has stay unused),
 * then table 三 row × column, then table 四 group × result. */
enum {
    FIELD_ACTIVE = 0,
    FIELD_APPS = FIELD_ACTIVE + GK_ITEM_COUNT * GK_MEASURE_END,
    FIELD_RL = FIELD_APPS + GK_APP_ROW_COUNT * GK_COL_COUNT,
    FIELD_COUNT = FIELD_RL + GK_RL_GROUPS * GK_RL_RESULTS,
    FIELD_BYTES = (FIELD_COUNT + 7) / 8
};

static inline int field_active(int item, int measure) { return FIELD_ACTIVE + item * GK_MEASURE_END + measure; }
static inline int field_apps(int row, int col) { return FIELD_APPS + row * GK_COL_COUNT + col; }
static inline int field_rl(int group, int result) { return FIELD_RL + group * GK_RL_RESULTS + result; }

/* "applications.carried_over.total": the field's dotted name in the
 * report's JSON, written into buf. */
void field_name(int field, char *buf, size_t cap);

/* A report's numbers in full, while one report is worked on. */
typedef struct {
    bool present[FIELD_COUNT];
    double value[FIELD_COUNT];
    bool decimal[FIELD_COUNT];
} numbers;

/* The same, packed for keeping: which fields are present, which of those
 * are not zero, and the non-zero values in field order as variable-length
 * integers (a decimal as its 8 bytes after a marker).  Most values are 0:
 * a report keeps about a hundred bytes. */
typedef struct {
    uint8_t present[FIELD_BYTES];
    uint8_t nonzero[FIELD_BYTES];
    uint8_t *blob;
    uint32_t blob_len;
} packed;

bool numbers_pack(const numbers *n, packed *out);
void numbers_unpack(const packed *p, numbers *out);

/* ---- store.c: the reports read, and the agencies' names ---- */
typedef struct {
    char *path;     /* source.path, or where the object was read */
    uint32_t agency; /* index into the store's agencies; UINT32_MAX: no key */
    int year;
    bool has_fingerprint;
    uint64_t fingerprint;
    packed nums;
} report;

typedef struct {
    report *reports;
    size_t count, cap;
    char **agencies; /* canonical normalized names, by index */
    size_t agency_count, agency_cap;
    uint32_t *slots; /* open-addressing hash of agencies: index + 1, 0 empty */
    size_t slot_cap;
    /* --aliases: normalized alias → normalized canonical */
    char **alias_from, **alias_to;
    size_t alias_count;
    size_t without_key; /* reports without agency or year */
} store;

void store_init(store *s);
void store_free(store *s);
/* Reads "alias,canonical" lines (a header line "alias,canonical" is
 * skipped).  0, or an AUDIT_EXIT_… with the message printed. */
int store_load_aliases(store *s, const char *path);
/* The canonical name's index (after aliases) for a normalized agency name;
 * UINT32_MAX when out of memory. */
uint32_t store_agency(store *s, const char *normalized);
/* Takes ownership of r's path and packed numbers; false when out of memory. */
bool store_add(store *s, report *r);

/* ---- join.c: reports without a key ---- */
/* A report without agency (or year) takes the key of the one agency-year
 * whose reports have its fingerprint, when there is exactly one; the
 * others are named on standard error.  false when out of memory. */
bool store_join_by_fingerprint(store *s);

/* ---- read.c: gkreport JSON and JSONL files, directories, "-" ---- */
/* Reads one input; 0 or the highest AUDIT_EXIT_… that applied (each
 * problem printed as "INPUT: what is wrong"). */
int read_input(store *s, const char *path);

/* ---- rules.c and indicators.c ---- */
typedef enum { OUT_JSONL, OUT_CSV } out_format;

typedef struct {
    FILE *out;
    out_format format;
    size_t findings, failing;
    bool write_error;
} finding_writer;

/* Every rule over the store (sorted in place): findings through w.
 * When indicators is not NULL, one CSV line per report or group of
 * duplicates goes there.  false when out of memory. */
bool audit_run(store *s, finding_writer *w, FILE *indicators);

/* ---- emit.c: finding lines ---- */
typedef enum { ST_PASS, ST_FAIL, ST_SKIPPED } finding_status;

typedef struct {
    const char *rule;
    finding_status status;
    const char *agency;
    int years[2];
    size_t year_count;
    const char *scope;
    bool has_left, has_right;
    double left, right;
    const char *const *reports;
    size_t report_count;
    const char *differs; /* duplicate.agree: a JSON array of the fields that differ, or NULL */
} finding;

void finding_header(finding_writer *w);
void finding_write(finding_writer *w, const finding *f);
/* A number as gkreport writes it (integer, or %.15g for a fraction). */
void format_number(double v, char *buf, size_t cap);
/* A string as a JSON string literal (quotes included). */
void json_put_string(FILE *f, const char *s);

#endif
