/* test_values.c — gk_value_parse: a table cell's text to a number
 * (SPEC.md §2: any digit width, separators, units, zero markers, blanks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "internal.h"

/* Asserts that `text` parses to the number `want` (present). */
#define assert_number(text, decimal, want)                         \
    do {                                                           \
        gk_val v_ = gk_value_parse((text), (decimal));             \
        assert_int_equal(v_.kind, GK_VAL_NUMBER);                  \
        assert_true(v_.num.present);                               \
        assert_true(v_.num.value == (double)(want));               \
    } while (0)

static void plain_ascii_digits(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("12", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.present);
    assert_true(v.num.value == 12.0);
    assert_true(v.plain);
}

static void full_width_digits_are_a_number_but_not_plain(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("\xEF\xBC\x91\xEF\xBC\x92", false); /* １２ */
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 12.0);
    assert_false(v.plain);
}

static void thousands_separator(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("1,234", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 1234.0);
    assert_false(v.plain);
    assert_number("12,345,678", false, 12345678);
}

static void misplaced_separator_is_invalid(void **state)
{
    (void)state;
    assert_int_equal(gk_value_parse("1,23", false).kind, GK_VAL_INVALID);
}

static void unit_jian_is_dropped(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("3件", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 3.0);
    assert_false(v.plain);
}

static void unit_yuan_is_dropped(void **state)
{
    (void)state;
    assert_number("251000元", true, 251000);
}

static void decimal_with_wan_yuan(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("1.2万元", true);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 1.2);
    assert_true(v.num.decimal);
}

static void plain_decimal_amount(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("18651.06", true);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 18651.06);
    assert_true(v.plain);
}

static void fraction_in_count_column_is_invalid(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("1.5", false);
    assert_int_equal(v.kind, GK_VAL_INVALID);
    assert_false(v.num.present);
    /* The same text is fine where a decimal is allowed. */
    assert_number("1.5", true, 1.5);
}

static void negative_number(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("-18", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == -18.0);
    assert_true(v.plain);
}

static void zero_markers_are_zero(void **state)
{
    (void)state;
    static const char *const markers[] = {
        "0", "\xEF\xBC\x90" /* ０ */, "\xE2\x80\x94" /* — */, "\xE2\x80\x93" /* – */,
        "-", "/", "无", " 0 ",
    };
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        gk_val v = gk_value_parse(markers[i], false);
        assert_int_equal(v.kind, GK_VAL_NUMBER);
        assert_true(v.num.present);
        assert_true(v.num.value == 0.0);
    }
}

static void blank_cells_are_not_reported(void **state)
{
    (void)state;
    static const char *const blanks[] = {
        "", " ", "\xC2\xA0" /* NBSP, what &nbsp; becomes */, "\xE3\x80\x80" /* U+3000 */,
        " \t\r\n ",
    };
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
        gk_val v = gk_value_parse(blanks[i], false);
        assert_int_equal(v.kind, GK_VAL_BLANK);
        assert_false(v.num.present);
    }
}

static void null_text_is_blank(void **state)
{
    (void)state;
    gk_val v = gk_value_parse(NULL, false);
    assert_int_equal(v.kind, GK_VAL_BLANK);
    assert_false(v.num.present);
}

static void letters_are_invalid(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("abc", false);
    assert_int_equal(v.kind, GK_VAL_INVALID);
    assert_false(v.num.present);
    assert_int_equal(gk_value_parse("12abc", false).kind, GK_VAL_INVALID);
    assert_int_equal(gk_value_parse("1.2.3", true).kind, GK_VAL_INVALID);
}

static void space_inside_digits_is_ignored(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("2 0", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 20.0);
    assert_false(v.plain);
}

static void surrounding_space_keeps_plain(void **state)
{
    (void)state;
    gk_val v = gk_value_parse("  35 ", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 35.0);
    assert_true(v.plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_ascii_digits),
        cmocka_unit_test(full_width_digits_are_a_number_but_not_plain),
        cmocka_unit_test(thousands_separator),
        cmocka_unit_test(misplaced_separator_is_invalid),
        cmocka_unit_test(unit_jian_is_dropped),
        cmocka_unit_test(unit_yuan_is_dropped),
        cmocka_unit_test(decimal_with_wan_yuan),
        cmocka_unit_test(plain_decimal_amount),
        cmocka_unit_test(fraction_in_count_column_is_invalid),
        cmocka_unit_test(negative_number),
        cmocka_unit_test(zero_markers_are_zero),
        cmocka_unit_test(blank_cells_are_not_reported),
        cmocka_unit_test(null_text_is_blank),
        cmocka_unit_test(letters_are_invalid),
        cmocka_unit_test(space_inside_digits_is_ignored),
        cmocka_unit_test(surrounding_space_keeps_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
