/* test_split.c — the digit-run solver (split.c) on its own: runs split
 * into counts, signed counts and amounts; the row rule (last = sum of the
 * others) and table 四's groups; spaces as boundaries; too many splits;
 * the values all candidates agree on; and the column rules of table 三
 * choosing among the splits of several rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "split.h"

static const gk_part_kind counts[GK_SPLIT_MAX_PARTS] = {GK_PART_COUNT};

static size_t split_counts(const char *run, int k, int group, gk_split *out)
{
    return gk_split_run(run, strlen(run), k, counts, group, out, GK_SPLIT_MAX_CANDIDATES);
}

static void expect_split(const gk_split *s, const double *want, int k)
{
    for (int p = 0; p < k; p++)
        if (s->v[p] != want[p])
            fail_msg("part %d: %g, expected %g", p, s->v[p], want[p]);
}

static gk_split out[GK_SPLIT_MAX_CANDIDATES];

static void row_rule_unique_split(void **state)
{
    (void)state;
    /* 151|3|0|0|0|0|154: the only split whose last part is the sum */
    assert_int_equal(split_counts("15130000154", 7, 7, out), 1);
    expect_split(&out[0], (double[]){151, 3, 0, 0, 0, 0, 154}, 7);
}

static void row_rule_several_splits(void **state)
{
    (void)state;
    /* 6|41|3|2|5|37|94, 6|41|32|5|3|7|94 and 64|13|2|5|3|7|94 all add up */
    size_t n = split_counts("6413253794", 7, 7, out);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (int p = 0; p < 6; p++)
            sum += out[i].v[p];
        assert_true(sum == out[i].v[6]);
    }
}

static void no_split_satisfies(void **state)
{
    (void)state;
    assert_int_equal(split_counts("99999999", 7, 7, out), 0);
    /* fewer digits than parts */
    assert_int_equal(split_counts("12", 7, 7, out), 0);
}

static void no_leading_zero(void **state)
{
    (void)state;
    /* "05" is two cells: 0 and 5, never 5 */
    assert_int_equal(split_counts("055", 3, 0, out), 1);
    expect_split(&out[0], (double[]){0, 5, 5}, 3);
}

static void spaces_are_boundaries_first(void **state)
{
    (void)state;
    /* without the space, 921|3|1|4|20 and others; with it the first part
     * ends at the space */
    gk_split a[GK_SPLIT_MAX_CANDIDATES];
    size_t with = gk_split_run("12 3", 4, 2, counts, 0, a, GK_SPLIT_MAX_CANDIDATES);
    assert_int_equal(with, 1);
    expect_split(&a[0], (double[]){12, 3}, 2);
    /* no split honours the space: it is ignored */
    size_t n = gk_split_run("1 23", 4, 3, counts, 0, a, GK_SPLIT_MAX_CANDIDATES);
    assert_int_equal(n, 1);
    expect_split(&a[0], (double[]){1, 2, 3}, 3);
}

static void signed_and_decimal_parts(void **state)
{
    (void)state;
    const gk_part_kind kinds[] = {GK_PART_COUNT, GK_PART_SIGNED, GK_PART_COUNT};
    /* 14|-2|… : the minus starts a signed part */
    size_t n = gk_split_run("14-23", 5, 3, kinds, 0, out, GK_SPLIT_MAX_CANDIDATES);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++)
        assert_true(out[i].v[1] < 0);
    const gk_part_kind amounts[] = {GK_PART_COUNT, GK_PART_DECIMAL};
    n = gk_split_run("476238.5", 8, 2, amounts, 0, out, GK_SPLIT_MAX_CANDIDATES);
    assert_true(n > 1); /* 4|76238.5, 47|6238.5, … */
    for (size_t i = 0; i < n; i++)
        assert_true(out[i].v[1] != (double)(long)out[i].v[1]);
    /* a minus where no signed part may stand: no split */
    assert_int_equal(split_counts("1-2", 2, 0, out), 0);
}

/* Issue 8: where the text leaves one way to make the cells — as many
 * separated pieces, or as many digits, as cells — those are the values,
 * whether or not the total is the sum. */
static void certain_boundaries_keep_broken_sums(void **state)
{
    (void)state;
    assert_int_equal(split_counts("9999999", 7, 7, out), 1);
    expect_split(&out[0], (double[]){9, 9, 9, 9, 9, 9, 9}, 7);
    assert_int_equal(split_counts("16 0 3 13 13 1 44", 7, 7, out), 1);
    expect_split(&out[0], (double[]){16, 0, 3, 13, 13, 1, 44}, 7);
    /* more pieces than cells: the separators cannot be honoured */
    assert_int_equal(split_counts("1 2 3 4 5 6 7 8", 7, 7, out), 0);
}

static void plus_sign_starts_a_signed_part(void **state)
{
    (void)state;
    const gk_part_kind kinds[] = {GK_PART_COUNT, GK_PART_SIGNED, GK_PART_COUNT};
    assert_int_equal(gk_split_run("0+22", 4, 3, kinds, 0, out, GK_SPLIT_MAX_CANDIDATES), 1);
    expect_split(&out[0], (double[]){0, 2, 2}, 3);
}

static void too_many_splits(void **state)
{
    (void)state;
    gk_split few[4];
    assert_int_equal(gk_split_run("123456789", 9, 3, counts, 0, few, 4), SIZE_MAX);
}

static void table_four_groups(void **state)
{
    (void)state;
    /* three groups of five, each total the sum of its four: one digit each */
    const char *run = "101021001200000";
    assert_int_equal(split_counts(run, 15, 5, out), 1);
    expect_split(&out[0], (double[]){1, 0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0}, 15);
}

static void agree_keeps_shared_values(void **state)
{
    (void)state;
    gk_split c[2] = {{{1, 2, 3}}, {{1, 5, 3}}};
    gk_split v;
    bool known[GK_SPLIT_MAX_PARTS];
    gk_split_agree(c, 2, 3, &v, known);
    assert_true(known[0] && !known[1] && known[2]);
    assert_true(v.v[0] == 1 && v.v[2] == 3);
    gk_split_agree(c, 0, 3, &v, known);
    assert_false(known[0]);
}

static void format_and_describe(void **state)
{
    (void)state;
    char buf[48];
    gk_split_format(buf, sizeof buf, 1234567);
    assert_string_equal(buf, "1234567");
    gk_split_format(buf, sizeof buf, 0);
    assert_string_equal(buf, "0");
    gk_split_format(buf, sizeof buf, -3);
    assert_string_equal(buf, "-3");
    gk_split_format(buf, sizeof buf, 18.65);
    assert_string_equal(buf, "18.65");
    gk_split c[2] = {{{1, 2}}, {{12, 0}}};
    gk_buf b;
    gk_buf_init(&b);
    gk_split_describe(&b, c, 2, 2);
    assert_string_equal(b.data, "1|2; 12|0");
    gk_buf_free(&b);
}

/* Table 三 rows, each with its candidates as given: the column rules keep
 * the combinations that hold in every column. */
static void columns_choose_among_splits(void **state)
{
    (void)state;
    static gk_split cand[GK_APP_ROW_COUNT][2];
    gk_split_row rows[GK_APP_ROW_COUNT];
    int ids[GK_APP_ROW_COUNT];
    size_t n = gk_edition_ids(GK_TERM_ROW, GK_ED_2021, ids, GK_APP_ROW_COUNT);
    memset(rows, 0, sizeof rows);
    /* every row 0 but granted (natural_person 5), results_total and
     * new_received (5 each); granted's run split two ways */
    for (size_t i = 0; i < n; i++) {
        rows[i].row = ids[i];
        rows[i].found = true;
        rows[i].cand = cand[i];
        rows[i].ncand = 1;
        memset(cand[i], 0, sizeof cand[i]);
        if (ids[i] == GK_ROW_NEW_RECEIVED || ids[i] == GK_ROW_RESULTS_TOTAL) {
            cand[i][0].v[GK_COL_NATURAL_PERSON] = 5;
            cand[i][0].v[GK_COL_TOTAL] = 5;
        }
        if (ids[i] == GK_ROW_GRANTED) {
            rows[i].ncand = 2;
            cand[i][0].v[GK_COL_NATURAL_PERSON] = 5; /* 5|0|0|0|0|0|5 */
            cand[i][0].v[GK_COL_TOTAL] = 5;
            cand[i][1].v[GK_COL_COMMERCIAL] = 5;     /* 0|5|0|0|0|0|5 */
            cand[i][1].v[GK_COL_TOTAL] = 5;
        }
    }
    assert_int_equal(gk_split_columns(rows, n, GK_ED_2021), 0);
    for (size_t i = 0; i < n; i++)
        if (ids[i] == GK_ROW_GRANTED) {
            assert_int_equal(rows[i].ncand, 1);
            assert_true(rows[i].cand[0].v[GK_COL_NATURAL_PERSON] == 5);
        }
    /* nothing ambiguous left: the rules are not applied */
    assert_int_equal(gk_split_columns(rows, n, GK_ED_2021), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(row_rule_unique_split),
        cmocka_unit_test(row_rule_several_splits),
        cmocka_unit_test(no_split_satisfies),
        cmocka_unit_test(no_leading_zero),
        cmocka_unit_test(spaces_are_boundaries_first),
        cmocka_unit_test(signed_and_decimal_parts),
        cmocka_unit_test(certain_boundaries_keep_broken_sums),
        cmocka_unit_test(plus_sign_starts_a_signed_part),
        cmocka_unit_test(too_many_splits),
        cmocka_unit_test(table_four_groups),
        cmocka_unit_test(agree_keeps_shared_values),
        cmocka_unit_test(format_and_describe),
        cmocka_unit_test(columns_choose_among_splits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
