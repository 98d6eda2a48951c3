/* test_normalize.c — gk_label_normalize and gk_label_core: labels reduced
 * to a comparable form, with and without their leading numbering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "internal.h"

static void expect_normalized(const char *in, const char *want)
{
    char *got = gk_label_normalize(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void expect_core(const char *in, const char *want)
{
    char *got = gk_label_core(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* ---- gk_label_normalize ---- */

static void normalize_full_width_ascii(void **state)
{
    (void)state;
    /* ＡＢＣ１２３：（） */
    expect_normalized("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93"
                      "\xEF\xBC\x9A\xEF\xBC\x88\xEF\xBC\x89",
                      "ABC123:()");
}

static void normalize_drops_ideographic_space(void **state)
{
    (void)state;
    expect_normalized("自\xE3\x80\x80然人", "自然人");
}

static void normalize_drops_nbsp(void **state)
{
    (void)state;
    expect_normalized("\xC2\xA0商业\xC2\xA0企业\xC2\xA0", "商业企业");
}

static void normalize_drops_ascii_space_and_newlines(void **state)
{
    (void)state;
    expect_normalized(" 结果\n维持 \r\n\t总 计 ", "结果维持总计");
}

static void normalize_drops_curly_and_straight_quotes(void **state)
{
    (void)state;
    expect_normalized("3.危及\xE2\x80\x9C三安全一稳定\xE2\x80\x9D", "3.危及三安全一稳定"); /* “” */
    expect_normalized("\"三安全一稳定\"", "三安全一稳定");
    expect_normalized("\xEF\xBC\x82x\xEF\xBC\x82", "x"); /* full-width ＂ becomes " and is dropped */
    expect_normalized("'a'\xE2\x80\x98" "b\xE2\x80\x99", "ab"); /* ' ‘ ’ */
}

static void normalize_lenticular_brackets_to_parentheses(void **state)
{
    (void)state;
    expect_normalized("【关闭窗口】", "(关闭窗口)");
    expect_normalized("〔2019〕", "(2019)");
}

static void normalize_keeps_chinese_text_and_punctuation(void **state)
{
    (void)state;
    expect_normalized("行政规范性文件、规章", "行政规范性文件、规章");
}

static void normalize_empty_and_all_space(void **state)
{
    (void)state;
    expect_normalized("", "");
    expect_normalized(" \xE3\x80\x80\xC2\xA0\n", "");
}

/* ---- gk_label_core ---- */

static void core_removes_chinese_numeral_with_dunhao(void **state)
{
    (void)state;
    expect_core("三、本年度办理结果", "本年度办理结果");
}

static void core_removes_ascii_parenthesized_numeral(void **state)
{
    (void)state;
    expect_core("(一)予以公开", "予以公开");
}

static void core_removes_full_width_parenthesized_numeral(void **state)
{
    (void)state;
    expect_core("（一）予以公开", "予以公开");
    expect_core("（ 二 ） 部分公开", "部分公开");
}

static void core_removes_arabic_with_point(void **state)
{
    (void)state;
    expect_core("1.属于国家秘密", "属于国家秘密");
}

static void core_removes_arabic_with_dunhao(void **state)
{
    (void)state;
    expect_core("1、属于国家秘密", "属于国家秘密");
}

static void core_removes_repeated_numeral(void **state)
{
    (void)state;
    expect_core("三三、本年度办理结果", "本年度办理结果");
}

static void core_removes_stacked_numbering(void **state)
{
    (void)state;
    expect_core("（三）1.属于国家秘密", "属于国家秘密");
}

static void core_other_with_number(void **state)
{
    (void)state;
    expect_core("3.其他", "其他");
}

static void core_total_with_parenthesized_seven(void **state)
{
    (void)state;
    expect_core("（七）总计", "总计");
}

static void core_keeps_decimal_number(void **state)
{
    (void)state;
    expect_core("1.5", "1.5");
}

static void core_keeps_label_starting_with_numeral_word(void **state)
{
    (void)state;
    /* 三 not followed by a separator is part of the word. */
    expect_core("三安全一稳定", "三安全一稳定");
    expect_core("一是加强", "一是加强");
}

static void core_of_unnumbered_label_is_its_normal_form(void **state)
{
    (void)state;
    expect_core(" 自 然 人 ", "自然人");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalize_full_width_ascii),
        cmocka_unit_test(normalize_drops_ideographic_space),
        cmocka_unit_test(normalize_drops_nbsp),
        cmocka_unit_test(normalize_drops_ascii_space_and_newlines),
        cmocka_unit_test(normalize_drops_curly_and_straight_quotes),
        cmocka_unit_test(normalize_lenticular_brackets_to_parentheses),
        cmocka_unit_test(normalize_keeps_chinese_text_and_punctuation),
        cmocka_unit_test(normalize_empty_and_all_space),
        cmocka_unit_test(core_removes_chinese_numeral_with_dunhao),
        cmocka_unit_test(core_removes_ascii_parenthesized_numeral),
        cmocka_unit_test(core_removes_full_width_parenthesized_numeral),
        cmocka_unit_test(core_removes_arabic_with_point),
        cmocka_unit_test(core_removes_arabic_with_dunhao),
        cmocka_unit_test(core_removes_repeated_numeral),
        cmocka_unit_test(core_removes_stacked_numbering),
        cmocka_unit_test(core_other_with_number),
        cmocka_unit_test(core_total_with_parenthesized_seven),
        cmocka_unit_test(core_keeps_decimal_number),
        cmocka_unit_test(core_keeps_label_starting_with_numeral_word),
        cmocka_unit_test(core_of_unnumbered_label_is_its_normal_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
