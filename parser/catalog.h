/* catalog.h — the writers' and the rules' own tables: the wide CSV's
 * columns, the long format's columns and the consistency rules, each kept
 * in one place, which the writers and the checks run from and the
 * codebook (codebook.c) documents. */
#ifndef GK_CATALOG_H
#define GK_CATALOG_H

#include <stddef.h>

#include "internal.h"

/* A documented field: its name, type as the codebook says it, meaning. */
typedef struct {
    const char *name, *type, *meaning;
} gk_field_doc;

/* ---- csv.c: the wide CSV ---- */
typedef enum {
    GK_COLPART_META,   /* a report-level column: a = its index in gk_csv_meta() */
    GK_COLPART_ACTIVE, /* table 二: a = GK_ITEM_…, b = GK_MEASURE_… */
    GK_COLPART_APPS,   /* table 三: a = GK_ROW_…, b = GK_COL_… */
    GK_COLPART_REVIEWS /* table 四: a = GK_GROUP_…, b = GK_RESULT_… */
} gk_col_part;

typedef struct {
    gk_col_part part;
    int a, b;
} gk_csv_column;

/* More than the columns there are (12 + 29 + 26 × 7 + 15 today). */
enum { GK_CSV_MAX_COLUMNS = 320 };

/* Every column, in the order of the header: returns how many (≤ cap). */
size_t gk_csv_columns(gk_csv_column *out, size_t cap);
/* The i-th report-level column, or NULL past the last. */
const gk_field_doc *gk_csv_meta(size_t i);
/* A column's header name ("applications.granted.total"). */
void gk_csv_column_name(const gk_csv_column *c, char *buf, size_t cap);

/* ---- long.c: the long format ---- */
/* The i-th column of the long format, or NULL past the last. */
const gk_field_doc *gk_long_column(size_t i);

/* ---- checks.c: the consistency rules ---- */
enum { GK_RULE_BALANCE, GK_RULE_RESULTS_SUM, GK_RULE_ROW_TOTAL, GK_RULE_GROUP_TOTAL, GK_RULE_COUNT };

typedef struct {
    const char *rule;  /* the name in checks[].rule */
    const char *scope; /* what one check of it covers (checks[].scope) */
    const char *left, *right; /* the two sides compared */
} gk_rule_doc;

const gk_rule_doc *gk_check_rules(size_t *count);

#endif
