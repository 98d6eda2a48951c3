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

/* Records a rule's outcome; false when it could not be stored (the
 * report would silently lack a check). */
static bool add_check(gk_report *r, const char *rule, const char *scope, bool known, double left, double right)
{
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
    r->check_count++;
    return true;
}

/* Sums `n` values; false when any is null. */
static bool sum(const gk_num *const *v, size_t n, double *out)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i]->present)
            return false;
        s += v[i]->value;
    }
    *out = s;
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
    for (int col = 0; col < GK_COL_COUNT; col++) {
        const gk_num *lhs[] = {&r->apps[GK_ROW_NEW_RECEIVED][col], &r->apps[GK_ROW_CARRIED_OVER][col]};
        const gk_num *rhs[] = {&r->apps[GK_ROW_RESULTS_TOTAL][col], &r->apps[GK_ROW_CARRIED_FORWARD][col]};
        double l = 0, rr = 0;
        bool known = present && sum(lhs, 2, &l) && sum(rhs, 2, &rr);
        if (!add_check(r, rules[GK_RULE_BALANCE].rule, gk_code(GK_TERM_COLUMN, col), known, l, rr))
            return false;
    }
    for (int col = 0; col < GK_COL_COUNT; col++) {
        const gk_num *parts[GK_APP_ROW_COUNT];
        size_t n = 0;
        for (size_t i = 0; i < nrows; i++)
            if (gk_row_is_result(ed, rows[i]))
                parts[n++] = &r->apps[rows[i]][col];
        double l = 0;
        const gk_num *total = &r->apps[GK_ROW_RESULTS_TOTAL][col];
        bool known = present && sum(parts, n, &l) && total->present;
        if (!add_check(r, rules[GK_RULE_RESULTS_SUM].rule, gk_code(GK_TERM_COLUMN, col), known, l, total->value))
            return false;
    }
    for (size_t i = 0; i < nrows; i++) {
        const gk_num *parts[GK_COL_COUNT - 1];
        for (int col = 0; col < GK_COL_COUNT - 1; col++)
            parts[col] = &r->apps[rows[i]][col];
        double l = 0;
        const gk_num *total = &r->apps[rows[i]][GK_COL_COUNT - 1];
        bool known = present && sum(parts, GK_COL_COUNT - 1, &l) && total->present;
        if (!add_check(r, rules[GK_RULE_ROW_TOTAL].rule, gk_code(GK_TERM_ROW, rows[i]), known, l, total->value))
            return false;
    }
    return true;
}

static bool check_reviews(gk_report *r)
{
    for (int g = 0; g < GK_RL_GROUPS; g++) {
        const gk_num *parts[] = {&r->rl[g][0], &r->rl[g][1], &r->rl[g][2], &r->rl[g][3]};
        double l = 0;
        bool known = r->has_reviews && sum(parts, 4, &l) && r->rl[g][4].present;
        if (!add_check(r, rules[GK_RULE_GROUP_TOTAL].rule, gk_code(GK_TERM_GROUP, g), known, l, r->rl[g][4].value))
            return false;
    }
    return true;
}

/* The failing checks as one text, "rule/scope;…", for the flat views. */
static bool list_failing(gk_report *r)
{
    gk_buf b;
    gk_buf_init(&b);
    for (size_t i = 0; i < r->check_count; i++)
        if (r->checks[i].status == 1)
            gk_buf_printf(&b, "%s%s/%s", b.len ? ";" : "", r->checks[i].rule, r->checks[i].scope);
    r->failing_checks = gk_buf_take(&b); /* a list cut short is none: NULL */
    return r->failing_checks != NULL;
}

gk_status gk_run_checks(gk_report *r)
{
    /* Every rule on every report: without the table, each is "skipped". */
    return check_applications(r) && check_reviews(r) && list_failing(r) ? GK_OK : GK_ERR_NOMEM;
}
