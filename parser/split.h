/* split.h — the digit-run solver of run-together text (split.c): pure
 * arithmetic, no text, no model.  A crawler flattens a table row into one
 * run of digits ("15130000154"); the solver lists the ways it splits into
 * the row's cells under the template's sums, and keeps the splits of table
 * 三's rows that its column rules leave standing. */
#ifndef GK_SPLIT_H
#define GK_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"

enum {
    GK_SPLIT_MAX_PARTS = 16,          /* 15 values in table 四 */
    GK_SPLIT_MAX_CANDIDATES = 256,    /* splits kept per run; more means "ambiguous" */
    GK_SPLIT_MAX_RUN = 64,            /* digits in one run: 7 counts of 9 digits */
    GK_SPLIT_MAX_COMBINATIONS = 200000 /* rows × candidates tried against the column rules */
};

/* What a part may hold: a count (no sign, no point), a signed count
 * (本年增/减), or an amount with at most one decimal point. */
typedef enum { GK_PART_COUNT, GK_PART_SIGNED, GK_PART_DECIMAL } gk_part_kind;

typedef struct {
    double v[GK_SPLIT_MAX_PARTS];
} gk_split;

/* Splits `run` (digits, '.', signs, spaces) into k parts of the given
 * kinds.  A space or a sign always starts a part.  group_size: every
 * group_size-th part must be the sum of the ones before it in its group
 * (0: no such rule) — unless the run leaves one way to make k parts (as
 * many separated pieces, or as many digits, as parts): those are the
 * published values, added up or not.  Returns the number of candidates
 * written to out, or SIZE_MAX when there are more than cap. */
size_t gk_split_run(const char *run, size_t len, int k, const gk_part_kind *kinds, int group_size, gk_split *out,
                    size_t cap);

/* The values all nc candidates agree on: known[p] says which. */
void gk_split_agree(const gk_split *c, size_t nc, int k, gk_split *value, bool *known);

/* A value as "%.15g" writes it (counts without printf). */
void gk_split_format(char *buf, size_t size, double v);
/* Up to eight candidates as "1|2|3; 4|5|6", then how many in all. */
void gk_split_describe(gk_buf *b, const gk_split *c, size_t nc, int k);

/* A row of table 三 as the solver sees it. */
typedef struct {
    int row;        /* GK_ROW_… */
    bool found;     /* its label was found */
    gk_split *cand; /* its candidate splits (GK_SPLIT_MAX_CANDIDATES) */
    size_t ncand;   /* SIZE_MAX: too many */
} gk_split_row;

/* Rows whose run splits several ways keep only the splits that some
 * combination satisfying the column rules of edition ed uses.  Returns the
 * rule set that decided: 0 both rules, 1 一+二 = 七+四 alone, 2 the results
 * sum alone; -1 when none applied (nothing ambiguous, too many combinations
 * or no combination holds). */
int gk_split_columns(gk_split_row *rows, size_t nrows, unsigned ed);

#endif
