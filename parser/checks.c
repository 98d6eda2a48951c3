/* checks.c — the consistency rules (勾稽关系) of SPEC.md §3, evaluated on
 * every report and recorded with both sides; no number is ever changed. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The rules: their names and what they compare, for the checks below and
 * for the codebook. */
static const gk_rule_doc rules[GK_RULE_COUNT] = {
    [GK_RULE_BALANCE] = {"applications.balance", "each applicant column of table 三 (natural_person … total)",
                         "new_received + carried_over", "results_total + carried_forward"},
    [GK_RULE_RESULTS_SUM] = {"applications.results_sum", "each applicant column of table 三",
                             "the sum of the result rows of the table's edition (granted … other_other, "
                             "or … other_processing in 2019)",
                             "results_total"},
    [GK_RULE_ROW_TOTAL] = {"applications.row_total", "each row of table 三 (its row code)",
                           "the sum of the six applicant columns", "total"},
    [GK_RULE_GROUP_TOTAL] = {"reviews_litigation.group_total", "each group of table 四 (review, litigation_direct, "
                             "litigation_after_review)",
                             "upheld + corrected + other + pending", "total"},
    [GK_RULE_TEXT_NEW_RECEIVED] = {"text.new_received", "total",
                                   "the applications received stated in sections 一–四 (全年共收到…申请N件)",
                                   "applications.new_received.total"},
    [GK_RULE_TEXT_CARRIED_OVER] = {"text.carried_over", "total",
                                   "the applications carried over from last year stated in words (上年结转N件)",
                                   "applications.carried_over.total"},
    [GK_RULE_TEXT_CARRIED_FORWARD] = {"text.carried_forward", "total",
                                      "the applications carried to next year stated in words (结转下年度N件)",
                                      "applications.carried_forward.total"},
    [GK_RULE_TEXT_REVIEW] = {"text.review", "total", "the administrative reviews stated in words (行政复议N件)",
                             "reviews_litigation.review.total"},
    [GK_RULE_TEXT_LITIGATION] = {"text.litigation", "total",
                                 "the administrative lawsuits stated in words (行政诉讼N件)",
                                 "reviews_litigation.litigation_direct.total + litigation_after_review.total"},
};

const gk_rule_doc *gk_check_rules(size_t *count)
{
    *count = GK_RULE_COUNT;
    return rules;
}

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
    c->sentence = NULL;
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
        if (!add_check(r, rules[GK_RULE_BALANCE].rule, gk_code(GK_TERM_COLUMN, col), present, &o))
            return false;
    }
    for (int col = 0; col < GK_COL_COUNT; col++) {
        operands o = {.count = 0};
        for (size_t i = 0; i < nrows; i++)
            if (gk_row_is_result(ed, rows[i]))
                operand(&o, A, rows[i], col);
        o.left_count = o.count;
        operand(&o, A, GK_ROW_RESULTS_TOTAL, col);
        if (!add_check(r, rules[GK_RULE_RESULTS_SUM].rule, gk_code(GK_TERM_COLUMN, col), present, &o))
            return false;
    }
    for (size_t i = 0; i < nrows; i++) {
        operands o = {.count = 0};
        for (int col = 0; col < GK_COL_COUNT - 1; col++)
            operand(&o, A, rows[i], col);
        o.left_count = o.count;
        operand(&o, A, rows[i], GK_COL_TOTAL);
        if (!add_check(r, rules[GK_RULE_ROW_TOTAL].rule, gk_code(GK_TERM_ROW, rows[i]), present, &o))
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
        if (!add_check(r, rules[GK_RULE_GROUP_TOTAL].rule, gk_code(GK_TERM_GROUP, g), r->has_reviews, &o))
            return false;
    }
    return true;
}

/* checks.failing (CSV, getters): every failing check as rule/scope, once
 * all checks, text.* included, have run. */
gk_status gk_list_failing_checks(gk_report *r)
{
    gk_buf b;
    gk_buf_init(&b);
    for (size_t i = 0; i < r->check_count; i++)
        if (r->checks[i].status == 1)
            gk_buf_printf(&b, "%s%s/%s", b.len ? ";" : "", r->checks[i].rule, r->checks[i].scope);
    free(r->failing_checks);
    r->failing_checks = gk_buf_take(&b); /* a list cut short is none: NULL */
    return r->failing_checks ? GK_OK : GK_ERR_NOMEM;
}

gk_status gk_run_checks(gk_report *r)
{
    /* Every rule on every report: without the table, each is "skipped". */
    return check_applications(r) && check_reviews(r) ? GK_OK : GK_ERR_NOMEM;
}
