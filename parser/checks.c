/* checks.c — the consistency rules (勾稽关系) of SPEC.md §3, evaluated on
 * every report and recorded with both sides; no number is ever changed. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A rule's operands: left side first, then the right side. */
typedef struct {
    gk_cell_ref cells[GK_CHECK_MAX_CELLS];
    size_t count, left_count;
} operands;

static void operand(operands *o, unsigned char part, int row, int col)
{
    if (o->count < GK_CHECK_MAX_CELLS) /* the bound is the longest rule's length */
        o->cells[o->count++] = (gk_cell_ref){part, (unsigned short)row, (unsigned short)col};
}

/* Sums cells [from, to) of o; false when any is null or missing. */
static bool sum(const gk_report *r, const operands *o, size_t from, size_t to, double *out)
{
    double s = 0;
    for (size_t i = from; i < to; i++) {
        const gk_num *v = gk_cell_value(r, o->cells[i]);
        if (!v || !v->present)
            return false;
        s += v->value;
    }
    *out = s;
    return true;
}

/* Evaluates "sum of the left operands = sum of the right ones" and records
 * the outcome with its operands; `present`: the table exists.  False when
 * it could not be stored (the report would silently lack a check). */
static bool add_check(gk_report *r, const char *rule, const char *scope, bool present, const operands *o)
{
    double left = 0, right = 0;
    bool known = present && sum(r, o, 0, o->left_count, &left) && sum(r, o, o->left_count, o->count, &right);
    gk_check *p = realloc(r->checks, (r->check_count + 1) * sizeof *p);
    if (!p)
        return false;
    r->checks = p;
    gk_check *c = &p[r->check_count];
    c->rule = gk_strdup(rule);
    c->scope = gk_strdup(scope);
    if (!c->rule || !c->scope) {
        free(c->rule);
        free(c->scope);
        return false;
    }
    c->left = (gk_num){known, false, known ? left : 0};
    c->right = (gk_num){known, false, known ? right : 0};
    /* Counts are integers held exactly in doubles: == is exact here. */
    c->status = !known ? 2 : (left == right ? 0 : 1);
    memcpy(c->cells, o->cells, o->count * sizeof o->cells[0]);
    c->cell_count = o->count;
    c->left_count = o->left_count;
    r->check_count++;
    return true;
}

static bool check_applications(gk_report *r)
{
    /* The rows the table has (its edition's and any other it holds); the
     * results summed are its edition's.  Without the table every check is
     * skipped, listed on the newer template's rows. */
    unsigned ed = r->has_applications ? r->apps_edition : GK_ED_2021;
    int rows[GK_APP_ROW_COUNT];
    size_t nrows = r->app_row_count;
    if (r->has_applications)
        memcpy(rows, r->app_rows, nrows * sizeof rows[0]);
    else
        nrows = gk_edition_ids(GK_TERM_ROW, ed, rows, GK_APP_ROW_COUNT);
    bool present = r->has_applications;
    const unsigned char A = GK_VALUES_APPLICATIONS;
    for (int col = 0; col < GK_COL_COUNT; col++) {
        operands o = {.count = 0};
        operand(&o, A, GK_ROW_NEW_RECEIVED, col);
        operand(&o, A, GK_ROW_CARRIED_OVER, col);
        o.left_count = o.count;
        operand(&o, A, GK_ROW_RESULTS_TOTAL, col);
        operand(&o, A, GK_ROW_CARRIED_FORWARD, col);
        if (!add_check(r, "applications.balance", gk_code(GK_TERM_COLUMN, col), present, &o))
            return false;
    }
    for (int col = 0; col < GK_COL_COUNT; col++) {
        operands o = {.count = 0};
        for (size_t i = 0; i < nrows; i++)
            if (gk_row_is_result(ed, rows[i]))
                operand(&o, A, rows[i], col);
        o.left_count = o.count;
        operand(&o, A, GK_ROW_RESULTS_TOTAL, col);
        if (!add_check(r, "applications.results_sum", gk_code(GK_TERM_COLUMN, col), present, &o))
            return false;
    }
    for (size_t i = 0; i < nrows; i++) {
        operands o = {.count = 0};
        for (int col = 0; col < GK_COL_COUNT - 1; col++)
            operand(&o, A, rows[i], col);
        o.left_count = o.count;
        operand(&o, A, rows[i], GK_COL_TOTAL);
        if (!add_check(r, "applications.row_total", gk_code(GK_TERM_ROW, rows[i]), present, &o))
            return false;
    }
    return true;
}

static bool check_reviews(gk_report *r)
{
    for (int g = 0; g < GK_RL_GROUPS; g++) {
        operands o = {.count = 0};
        for (int k = GK_RESULT_UPHELD; k <= GK_RESULT_PENDING; k++)
            operand(&o, GK_VALUES_REVIEWS, g, k);
        o.left_count = o.count;
        operand(&o, GK_VALUES_REVIEWS, g, GK_RESULT_TOTAL);
        if (!add_check(r, "reviews_litigation.group_total", gk_code(GK_TERM_GROUP, g), r->has_reviews, &o))
            return false;
    }
    return true;
}

gk_status gk_run_checks(gk_report *r)
{
    /* Every rule on every report: without the table, each is "skipped". */
    return check_applications(r) && check_reviews(r) ? GK_OK : GK_ERR_NOMEM;
}
