/* test_checks.c — gk_run_checks (checks.c) on reports filled by hand: the
 * four rules of docs/output.md pass on consistent numbers, each fails when
 * one number changes (with both sides recorded), a null operand skips the
 * rule, and a report without tables skips every rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "fixtures.h"

/* ---- a consistent report ---- */

static void set(gk_num *n, double v)
{
    n->present = true;
    n->decimal = false;
    n->value = v;
}

/* Result rows hold 3*row + col + 1 in applicant column col (0-5), each row's
 * total their sum; results_total sums the result rows per column;
 * new_received = 1000 + col, carried_over = 10 + col, and carried_forward
 * balances them. */
static void fill_apps(gk_report *r, gk_template t)
{
    r->template_kind = t;
    r->has_applications = true;
    r->apps_edition = gk_template_edition(t);
    int rows[GK_APP_ROW_COUNT];
    size_t n = gk_edition_ids(GK_TERM_ROW, gk_template_edition(t), rows, GK_APP_ROW_COUNT);
    memcpy(r->app_rows, rows, n * sizeof rows[0]);
    r->app_row_count = n;
    double results[GK_COL_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        int row = rows[i];
        if (!gk_row_is_result(gk_template_edition(t), row))
            continue;
        double total = 0;
        for (int col = 0; col < GK_COL_COUNT - 1; col++) {
            double v = 3 * row + col + 1;
            set(&r->apps[row][col], v);
            total += v;
            results[col] += v;
        }
        set(&r->apps[row][GK_COL_COUNT - 1], total);
        results[GK_COL_COUNT - 1] += total;
        r->app_row_found[row] = true;
    }
    double tot_new = 0, tot_old = 0, tot_fwd = 0;
    for (int col = 0; col < GK_COL_COUNT - 1; col++) {
        double nw = 1000 + col, old = 10 + col, fwd = nw + old - results[col];
        set(&r->apps[GK_ROW_NEW_RECEIVED][col], nw);
        set(&r->apps[GK_ROW_CARRIED_OVER][col], old);
        set(&r->apps[GK_ROW_RESULTS_TOTAL][col], results[col]);
        set(&r->apps[GK_ROW_CARRIED_FORWARD][col], fwd);
        tot_new += nw;
        tot_old += old;
        tot_fwd += fwd;
    }
    set(&r->apps[GK_ROW_NEW_RECEIVED][6], tot_new);
    set(&r->apps[GK_ROW_CARRIED_OVER][6], tot_old);
    set(&r->apps[GK_ROW_RESULTS_TOTAL][6], results[6]);
    set(&r->apps[GK_ROW_CARRIED_FORWARD][6], tot_fwd);
}

static void fill_reviews(gk_report *r)
{
    r->has_reviews = true;
    for (int g = 0; g < GK_RL_GROUPS; g++) {
        double total = 0;
        for (int k = 0; k < 4; k++) {
            set(&r->rl[g][k], g + k);
            total += g + k;
        }
        set(&r->rl[g][4], total);
    }
}

static gk_report *new_report(gk_template t)
{
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    fill_apps(r, t);
    fill_reviews(r);
    return r;
}


static void assert_num(const gk_num *n, double want)
{
    assert_true(n->present);
    if (n->value != want)
        fail_msg("value %g, expected %g", n->value, want);
}

/* Every check has status `want` except rule/scope pairs listed in `except`
 * (NULL-terminated "rule/scope" strings), which must have `other`. */
static void assert_all_status(const gk_report *r, int want, const char *const *except, int other)
{
    for (size_t i = 0; i < r->check_count; i++) {
        char key[128];
        snprintf(key, sizeof key, "%s/%s", r->checks[i].rule, r->checks[i].scope);
        int expected = want;
        for (size_t k = 0; except && except[k]; k++)
            if (!strcmp(except[k], key))
                expected = other;
        if (r->checks[i].status != expected)
            fail_msg("check %s: status %d, expected %d", key, r->checks[i].status, expected);
    }
}

/* ---- all pass ---- */

static void consistent_2021_report_passes_every_rule(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    gk_run_checks(r);
    /* 7 balance + 7 results_sum + 25 row_total + 3 group_total */
    assert_int_equal(r->check_count, 42);
    assert_all_status(r, 0, NULL, 0);
    assert_int_equal(gk_report_failed_checks(r), 0);
    gk_report_free(r);
}

static void consistent_2019_report_passes_every_rule(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2019);
    gk_run_checks(r);
    /* 7 + 7 + 23 + 3 */
    assert_int_equal(r->check_count, 40);
    assert_all_status(r, 0, NULL, 0);
    gk_report_free(r);
}

static void passing_check_records_equal_sides(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    gk_run_checks(r);
    const gk_check *c = find_check(r, "applications.balance", "natural_person");
    assert_int_equal(c->status, 0);
    assert_num(&c->left, 1010);
    assert_num(&c->right, 1010);
    c = find_check(r, "reviews_litigation.group_total", "litigation_after_review");
    assert_int_equal(c->status, 0);
    assert_num(&c->left, 2 + 3 + 4 + 5);
    assert_num(&c->right, 14);
    gk_report_free(r);
}

static void checks_in_documented_order(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    gk_run_checks(r);
    assert_string_equal(r->checks[0].rule, "applications.balance");
    assert_string_equal(r->checks[0].scope, "natural_person");
    assert_string_equal(r->checks[6].scope, "total");
    assert_string_equal(r->checks[7].rule, "applications.results_sum");
    assert_string_equal(r->checks[14].rule, "applications.row_total");
    assert_string_equal(r->checks[14].scope, "new_received");
    assert_string_equal(r->checks[38].scope, "carried_forward");
    assert_string_equal(r->checks[39].rule, "reviews_litigation.group_total");
    assert_string_equal(r->checks[39].scope, "review");
    assert_string_equal(r->checks[41].scope, "litigation_after_review");
    gk_report_free(r);
}

/* ---- each rule fails ---- */

static void balance_fails_when_carried_forward_changes(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    double fwd = r->apps[GK_ROW_CARRIED_FORWARD][1].value;
    r->apps[GK_ROW_CARRIED_FORWARD][1].value += 1;
    r->apps[GK_ROW_CARRIED_FORWARD][6].value += 1; /* keep the row total right */
    gk_run_checks(r);
    const gk_check *c = find_check(r, "applications.balance", "commercial");
    assert_int_equal(c->status, 1);
    assert_num(&c->left, 1001 + 11);
    assert_num(&c->right, r->apps[GK_ROW_RESULTS_TOTAL][1].value + fwd + 1);
    static const char *const failing[] = {"applications.balance/commercial", "applications.balance/total",
                                          NULL};
    assert_all_status(r, 0, failing, 1);
    assert_int_equal(gk_report_failed_checks(r), 2);
    gk_report_free(r);
}

static void results_sum_fails_when_a_result_row_changes(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    double total_before = r->apps[GK_ROW_RESULTS_TOTAL][2].value;
    r->apps[GK_ROW_DENIED_PROCESS_INFO][2].value += 5;
    r->apps[GK_ROW_DENIED_PROCESS_INFO][6].value += 5;
    gk_run_checks(r);
    const gk_check *c = find_check(r, "applications.results_sum", "research");
    assert_int_equal(c->status, 1);
    assert_num(&c->left, total_before + 5);
    assert_num(&c->right, total_before);
    static const char *const failing[] = {"applications.results_sum/research",
                                          "applications.results_sum/total", NULL};
    assert_all_status(r, 0, failing, 1);
    gk_report_free(r);
}

static void results_sum_2021_ignores_other_processing(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    /* a row the 2021 template does not have, filled anyway */
    for (int col = 0; col < GK_COL_COUNT; col++)
        set(&r->apps[GK_ROW_OTHER_PROCESSING][col], 999);
    gk_run_checks(r);
    assert_all_status(r, 0, NULL, 0);
    gk_report_free(r);
}

static void results_sum_2019_counts_other_processing_only(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2019);
    for (int col = 0; col < GK_COL_COUNT; col++) {
        set(&r->apps[GK_ROW_OTHER_OTHER][col], 999);
        set(&r->apps[GK_ROW_OTHER_NO_CORRECTION][col], 999);
    }
    r->apps[GK_ROW_OTHER_PROCESSING][0].value += 1;
    r->apps[GK_ROW_OTHER_PROCESSING][6].value += 1;
    gk_run_checks(r);
    static const char *const failing[] = {"applications.results_sum/natural_person",
                                          "applications.results_sum/total", NULL};
    assert_all_status(r, 0, failing, 1);
    gk_report_free(r);
}

static void row_total_fails_when_a_total_changes(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    double sum = r->apps[GK_ROW_GRANTED][6].value;
    r->apps[GK_ROW_GRANTED][6].value = sum - 2;
    gk_run_checks(r);
    const gk_check *c = find_check(r, "applications.row_total", "granted");
    assert_int_equal(c->status, 1);
    assert_num(&c->left, sum);
    assert_num(&c->right, sum - 2);
    /* the total column's results_sum sees the changed total too */
    static const char *const failing[] = {"applications.row_total/granted", "applications.results_sum/total",
                                          NULL};
    assert_all_status(r, 0, failing, 1);
    gk_report_free(r);
}

static void row_total_fails_for_an_applicant_cell(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->apps[GK_ROW_NEW_RECEIVED][4].value += 3; /* the row's total not updated */
    gk_run_checks(r);
    assert_int_equal(find_check(r, "applications.row_total", "new_received")->status, 1);
    assert_int_equal(find_check(r, "applications.balance", "legal_service")->status, 1);
    assert_int_equal(find_check(r, "applications.balance", "total")->status, 0);
    assert_int_equal(gk_report_failed_checks(r), 2);
    gk_report_free(r);
}

static void group_total_fails_when_a_result_changes(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->rl[1][2].value += 1;
    gk_run_checks(r);
    const gk_check *c = find_check(r, "reviews_litigation.group_total", "litigation_direct");
    assert_int_equal(c->status, 1);
    assert_num(&c->left, 1 + 2 + 3 + 4 + 1);
    assert_num(&c->right, 10);
    static const char *const failing[] = {"reviews_litigation.group_total/litigation_direct", NULL};
    assert_all_status(r, 0, failing, 1);
    gk_report_free(r);
}

/* ---- null operands ---- */

static void null_applicant_cell_skips_its_rules(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->apps[GK_ROW_DENIED_THIRD_PARTY][3] = (gk_num){0};
    gk_run_checks(r);
    const gk_check *c = find_check(r, "applications.results_sum", "social_welfare");
    assert_int_equal(c->status, 2);
    assert_false(c->left.present);
    assert_false(c->right.present);
    static const char *const skipped[] = {"applications.results_sum/social_welfare",
                                          "applications.row_total/denied_third_party", NULL};
    assert_all_status(r, 0, skipped, 2);
    gk_report_free(r);
}

static void null_results_total_skips_balance_and_sum(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->apps[GK_ROW_RESULTS_TOTAL][0] = (gk_num){0};
    gk_run_checks(r);
    static const char *const skipped[] = {"applications.balance/natural_person",
                                          "applications.results_sum/natural_person",
                                          "applications.row_total/results_total", NULL};
    assert_all_status(r, 0, skipped, 2);
    assert_int_equal(gk_report_failed_checks(r), 0);
    gk_report_free(r);
}

static void null_group_total_skips_group_rule(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->rl[0][4] = (gk_num){0};
    gk_run_checks(r);
    static const char *const skipped[] = {"reviews_litigation.group_total/review", NULL};
    assert_all_status(r, 0, skipped, 2);
    gk_report_free(r);
}

static void null_operand_with_a_broken_rule_is_still_skipped(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->apps[GK_ROW_CARRIED_OVER][5] = (gk_num){0};
    r->apps[GK_ROW_NEW_RECEIVED][5].value += 100; /* would fail, but carried_over is null */
    r->apps[GK_ROW_NEW_RECEIVED][6].value += 100;
    gk_run_checks(r);
    assert_int_equal(find_check(r, "applications.balance", "other_org")->status, 2);
    assert_int_equal(find_check(r, "applications.balance", "total")->status, 1);
    gk_report_free(r);
}

/* ---- no tables ---- */

static void report_without_tables_skips_every_rule(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    gk_run_checks(r);
    assert_int_equal(r->check_count, 42);
    assert_all_status(r, 2, NULL, 0);
    for (size_t i = 0; i < r->check_count; i++) {
        assert_false(r->checks[i].left.present);
        assert_false(r->checks[i].right.present);
    }
    gk_report_free(r);
}

static void tables_flagged_absent_skip_even_with_values(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->has_applications = false;
    r->has_reviews = false;
    r->apps[GK_ROW_GRANTED][0].value += 7; /* would fail if evaluated */
    gk_run_checks(r);
    assert_all_status(r, 2, NULL, 0);
    gk_report_free(r);
}

static void applications_without_reviews(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2021);
    r->has_reviews = false;
    gk_run_checks(r);
    static const char *const skipped[] = {"reviews_litigation.group_total/review",
                                          "reviews_litigation.group_total/litigation_direct",
                                          "reviews_litigation.group_total/litigation_after_review", NULL};
    assert_all_status(r, 0, skipped, 2);
    gk_report_free(r);
}

/* Each check lists its operands, left side first, named as provenance
 * names fields: what the HTML page marks when the check fails. */
static void checks_list_their_cells(void **state)
{
    (void)state;
    gk_report *r = new_report(GK_TEMPLATE_2019);
    gk_run_checks(r);
    char field[160];
    const gk_check *c = find_check(r, "applications.balance", "research");
    assert_int_equal(c->cell_count, 4);
    assert_int_equal(c->left_count, 2);
    gk_cell_field(r, c->cells[1], field, sizeof field);
    assert_string_equal(field, "applications.carried_over.research");
    gk_cell_field(r, c->cells[2], field, sizeof field);
    assert_string_equal(field, "applications.results_total.research");

    c = find_check(r, "applications.results_sum", "total"); /* 2019: 19 result rows, then the total */
    assert_int_equal(c->cell_count, 20);
    assert_int_equal(c->left_count, 19);
    gk_cell_field(r, c->cells[18], field, sizeof field);
    assert_string_equal(field, "applications.other_processing.total");
    gk_cell_field(r, c->cells[19], field, sizeof field);
    assert_string_equal(field, "applications.results_total.total");

    c = find_check(r, "applications.row_total", "granted");
    assert_int_equal(c->cell_count, 7);
    assert_int_equal(c->left_count, 6);
    gk_cell_field(r, c->cells[6], field, sizeof field);
    assert_string_equal(field, "applications.granted.total");

    c = find_check(r, "reviews_litigation.group_total", "litigation_direct");
    assert_int_equal(c->cell_count, 5);
    gk_cell_field(r, c->cells[3], field, sizeof field);
    assert_string_equal(field, "reviews_litigation.litigation_direct.pending");
    assert_ptr_equal(gk_cell_value(r, c->cells[4]), &r->rl[GK_GROUP_LITIGATION_DIRECT][GK_RESULT_TOTAL]);

    gk_cell_ref none = {GK_VALUES_ACTIVE, 0, 0}; /* the report has no table 二 */
    assert_null(gk_cell_value(r, none));
    gk_cell_field(r, none, field, sizeof field);
    assert_string_equal(field, "");
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(consistent_2021_report_passes_every_rule),
        cmocka_unit_test(consistent_2019_report_passes_every_rule),
        cmocka_unit_test(passing_check_records_equal_sides),
        cmocka_unit_test(checks_in_documented_order),
        cmocka_unit_test(balance_fails_when_carried_forward_changes),
        cmocka_unit_test(results_sum_fails_when_a_result_row_changes),
        cmocka_unit_test(results_sum_2021_ignores_other_processing),
        cmocka_unit_test(results_sum_2019_counts_other_processing_only),
        cmocka_unit_test(row_total_fails_when_a_total_changes),
        cmocka_unit_test(row_total_fails_for_an_applicant_cell),
        cmocka_unit_test(group_total_fails_when_a_result_changes),
        cmocka_unit_test(null_applicant_cell_skips_its_rules),
        cmocka_unit_test(null_results_total_skips_balance_and_sum),
        cmocka_unit_test(null_group_total_skips_group_rule),
        cmocka_unit_test(null_operand_with_a_broken_rule_is_still_skipped),
        cmocka_unit_test(report_without_tables_skips_every_rule),
        cmocka_unit_test(tables_flagged_absent_skip_even_with_values),
        cmocka_unit_test(applications_without_reviews),
        cmocka_unit_test(checks_list_their_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
