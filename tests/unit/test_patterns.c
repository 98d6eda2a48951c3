/* test_patterns.c — every PCRE2 pattern of patterns.c, one test per
 * gk_pattern_id (positive examples with their capture groups, and
 * negatives), plus a check that the whole table compiles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

static int match(gk_pattern_id id, const char *s, gk_match *m)
{
    return gk_pattern_match(id, s, strlen(s), m);
}

/* Capture group g of the last match as a new string ("<unset>" if unset). */
static char *group(const char *s, const gk_match *m, int g)
{
    if (g >= m->count || m->start[g] == SIZE_MAX)
        return gk_strdup("<unset>");
    return gk_strndup(s + m->start[g], m->end[g] - m->start[g]);
}

static void expect_group(const char *s, const gk_match *m, int g, const char *want)
{
    char *got = group(s, m, g);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* The text the whole match covers. */
static void expect_whole(gk_pattern_id id, const char *s, const char *want)
{
    gk_match m;
    assert_int_equal(match(id, s, &m), 1);
    expect_group(s, &m, 0, want);
}

static void all_patterns_compile(void **state)
{
    (void)state;
    assert_int_equal(gk_patterns_ready(), GK_OK);
}

/* ---- GK_PAT_NUMBERING ---- */

static void numbering_pattern(void **state)
{
    (void)state;
    expect_whole(GK_PAT_NUMBERING, "三、本年度办理结果", "三、");
    expect_whole(GK_PAT_NUMBERING, "(一)予以公开", "(一)");
    expect_whole(GK_PAT_NUMBERING, "1.属于国家秘密", "1.");
    expect_whole(GK_PAT_NUMBERING, "1、属于国家秘密", "1、");
    expect_whole(GK_PAT_NUMBERING, "三三、本年度", "三三、");
    expect_whole(GK_PAT_NUMBERING, "①其他", "①");
    expect_whole(GK_PAT_NUMBERING, "第二部分主动公开", "第二部分");
    expect_whole(GK_PAT_NUMBERING, "(三)1.属于国家秘密", "(三)1.");
    gk_match m;
    assert_int_equal(match(GK_PAT_NUMBERING, "1.5", &m), 0);   /* a decimal, not numbering */
    assert_int_equal(match(GK_PAT_NUMBERING, "自然人", &m), 0);
    assert_int_equal(match(GK_PAT_NUMBERING, "三安全一稳定", &m), 0);
    assert_int_equal(match(GK_PAT_NUMBERING, "本年新收三、", &m), 0); /* anchored */
}

/* ---- GK_PAT_NUMBER ---- */

static void number_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "-18";
    assert_int_equal(match(GK_PAT_NUMBER, s, &m), 1);
    expect_group(s, &m, 1, "-");
    expect_group(s, &m, 2, "18");

    s = "1,234";
    assert_int_equal(match(GK_PAT_NUMBER, s, &m), 1);
    expect_group(s, &m, 2, "1,234");

    s = "251000元";
    assert_int_equal(match(GK_PAT_NUMBER, s, &m), 1);
    expect_group(s, &m, 2, "251000");
    expect_group(s, &m, 4, "元");

    s = "1.2万元";
    assert_int_equal(match(GK_PAT_NUMBER, s, &m), 1);
    expect_group(s, &m, 1, "");
    expect_group(s, &m, 2, "1");
    expect_group(s, &m, 3, ".2");
    expect_group(s, &m, 4, "万元");

    s = "3件";
    assert_int_equal(match(GK_PAT_NUMBER, s, &m), 1);
    expect_group(s, &m, 2, "3");
    expect_group(s, &m, 4, "件");

    assert_int_equal(match(GK_PAT_NUMBER, "12abc", &m), 0);
    assert_int_equal(match(GK_PAT_NUMBER, "1.2.3", &m), 0);
    assert_int_equal(match(GK_PAT_NUMBER, "abc", &m), 0);
    assert_int_equal(match(GK_PAT_NUMBER, "", &m), 0);
    assert_int_equal(match(GK_PAT_NUMBER, "1,23", &m), 0);
}

/* ---- GK_PAT_TITLE: group 1 agency before the year, 2 the year, 3 after ---- */

static void title_pattern_agency_before_year_with_spaces(void **state)
{
    (void)state;
    const char *s = "孟津区科技和工业信息化局 2023 年政府信息公开 工作年度报告";
    gk_match m;
    assert_int_equal(match(GK_PAT_TITLE, s, &m), 1);
    expect_group(s, &m, 1, "孟津区科技和工业信息化局 ");
    expect_group(s, &m, 2, "2023");
    expect_group(s, &m, 3, "");
}

static void title_pattern_agency_after_year(void **state)
{
    (void)state;
    const char *s = "2019年上海市人民政府办公厅政府信息公开工作年度报告";
    gk_match m;
    assert_int_equal(match(GK_PAT_TITLE, s, &m), 1);
    expect_group(s, &m, 1, "");
    expect_group(s, &m, 2, "2019");
    expect_group(s, &m, 3, "上海市人民政府办公厅");
}

static void title_pattern_with_label_prefix(void **state)
{
    (void)state;
    const char *s = "标题: 平潭综合实验区2019年度政府信息公开工作年度报告";
    gk_match m;
    assert_int_equal(match(GK_PAT_TITLE, s, &m), 1);
    expect_group(s, &m, 1, "平潭综合实验区");
    expect_group(s, &m, 2, "2019");
    expect_group(s, &m, 3, "");
}

static void title_pattern_chinese_numeral_year(void **state)
{
    (void)state;
    const char *s = "某某县人民政府二〇一六年政府信息公开工作年度报告";
    gk_match m;
    assert_int_equal(match(GK_PAT_TITLE, s, &m), 1);
    expect_group(s, &m, 1, "某某县人民政府");
    expect_group(s, &m, 2, "二〇一六");
}

static void title_pattern_rejects_other_text(void **state)
{
    (void)state;
    gk_match m;
    assert_int_equal(match(GK_PAT_TITLE, "2019年工作总结", &m), 0);
    assert_int_equal(match(GK_PAT_TITLE, "政府信息公开工作年度报告", &m), 0); /* no year */
}

/* ---- GK_PAT_SECTION ---- */

static void section_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "一、总体情况";
    assert_int_equal(match(GK_PAT_SECTION, s, &m), 1);
    expect_group(s, &m, 1, "一");
    expect_group(s, &m, 2, "总体情况");

    s = "五. 存在的主要问题及改进情况";
    assert_int_equal(match(GK_PAT_SECTION, s, &m), 1);
    expect_group(s, &m, 1, "五");
    expect_group(s, &m, 2, "存在的主要问题及改进情况");

    s = "十二、其他";
    assert_int_equal(match(GK_PAT_SECTION, s, &m), 1);
    expect_group(s, &m, 1, "十二");

    assert_int_equal(match(GK_PAT_SECTION, "（一）主动公开", &m), 0);
    assert_int_equal(match(GK_PAT_SECTION, "一是加强平台建设", &m), 0);
    assert_int_equal(match(GK_PAT_SECTION, "1.属于国家秘密", &m), 0);
}

/* ---- GK_PAT_STAT_YEAR ---- */

static void stat_year_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "本报告中所列数据的统计期限从2019年1月1日到12月31日。";
    assert_int_equal(match(GK_PAT_STAT_YEAR, s, &m), 1);
    expect_group(s, &m, 1, "2019");

    s = "自 2020 年 1 月 1 日起";
    assert_int_equal(match(GK_PAT_STAT_YEAR, s, &m), 1);
    expect_group(s, &m, 1, "2020");

    assert_int_equal(match(GK_PAT_STAT_YEAR, "截至2019年12月31日", &m), 0);
    assert_int_equal(match(GK_PAT_STAT_YEAR, "2019年10月1日", &m), 0);
}

/* ---- GK_PAT_CHROME ---- */

static void chrome_pattern(void **state)
{
    (void)state;
    gk_match m;
    assert_int_equal(match(GK_PAT_CHROME, "打印本页", &m), 1);
    assert_int_equal(match(GK_PAT_CHROME, "【关闭窗口】", &m), 1);
    assert_int_equal(match(GK_PAT_CHROME, "版权所有：平潭综合实验区管理委员会", &m), 1);
    assert_int_equal(match(GK_PAT_CHROME, "[打印本页] [关闭窗口]", &m), 1);
    assert_int_equal(match(GK_PAT_CHROME, "copyright 2024", &m), 1); /* caseless */
    assert_int_equal(match(GK_PAT_CHROME, "闽ICP备12345678号", &m), 0); /* anchored: text before */
    assert_int_equal(match(GK_PAT_CHROME, "2021年度，我局按照《中华人民共和国政府信息公开条例》要求开展工作。", &m), 0);
    assert_int_equal(match(GK_PAT_CHROME, "一、总体情况", &m), 0);
    assert_int_equal(match(GK_PAT_CHROME, "本机关不掌握相关政府信息", &m), 0);
}

static void match_without_match_data(void **state)
{
    (void)state;
    /* m may be NULL when only the yes/no answer is needed. */
    assert_int_equal(gk_pattern_match(GK_PAT_SECTION, "一、总体情况", strlen("一、总体情况"), NULL), 1);
}

static void match_honours_length(void **state)
{
    (void)state;
    /* Only the first len bytes are the subject: "12" of "12abc" is a number. */
    gk_match m;
    assert_int_equal(gk_pattern_match(GK_PAT_NUMBER, "12abc", 2, &m), 1);
    assert_int_equal(m.end[0], 2);
}

/* ---- GK_PAT_COVER_LETTER: group 1 the agency, 2 the report's title ---- */

static void cover_letter_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "关于报送《示例市林业局2015年政府信息公开工作年度报告》的函";
    assert_int_equal(match(GK_PAT_COVER_LETTER, s, &m), 1);
    expect_group(s, &m, 1, "");
    expect_group(s, &m, 2, "示例市林业局2015年政府信息公开工作年度报告");
    s = "示例省粮食和物资储备管理局关于报送2020年政府信息公开工作年度报告的函";
    assert_int_equal(match(GK_PAT_COVER_LETTER, s, &m), 1);
    expect_group(s, &m, 1, "示例省粮食和物资储备管理局");
    expect_group(s, &m, 2, "2020年政府信息公开工作年度报告");
    assert_int_equal(match(GK_PAT_COVER_LETTER, "示例县关于上报2019年度政务公开工作年度报告的报告", &m), 1);
    assert_int_equal(match(GK_PAT_COVER_LETTER, "示例市2019年政府信息公开工作年度报告", &m), 0);
    assert_int_equal(match(GK_PAT_COVER_LETTER, "关于报送材料的函件已收悉", &m), 0);
}

/* ---- GK_PAT_DATE_LINE: group 1 before the date, 2 the year ---- */

static void date_line_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "2026年1月20日";
    assert_int_equal(match(GK_PAT_DATE_LINE, s, &m), 1);
    expect_group(s, &m, 1, "");
    expect_group(s, &m, 2, "2026");
    s = "示例市自然资源局 2026年1月20日";
    assert_int_equal(match(GK_PAT_DATE_LINE, s, &m), 1);
    expect_group(s, &m, 1, "示例市自然资源局");
    s = "二〇一七年三月二十八日";
    assert_int_equal(match(GK_PAT_DATE_LINE, s, &m), 1);
    expect_group(s, &m, 2, "二〇一七");
    assert_int_equal(match(GK_PAT_DATE_LINE, "2026年1月20日召开会议", &m), 0);
}

/* ---- GK_PAT_BODY_YEAR ---- */

static void body_year_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "2024年，本局坚持以公开为常态。";
    assert_int_equal(match(GK_PAT_BODY_YEAR, s, &m), 1);
    expect_group(s, &m, 1, "2024");
    s = "2025年度，示例市自然资源局";
    assert_int_equal(match(GK_PAT_BODY_YEAR, s, &m), 1);
    expect_group(s, &m, 1, "2025");
    assert_int_equal(match(GK_PAT_BODY_YEAR, "2025年1月在门户网站公布", &m), 0);
    assert_int_equal(match(GK_PAT_BODY_YEAR, "本局2024年，", &m), 0); /* at the start only */
}

/* ---- GK_PAT_AGENCY_SELF: group 1 (may start 本报告由) or 2 ---- */

static void agency_self_pattern(void **state)
{
    (void)state;
    gk_match m;
    const char *s = "本报告由示例县交通运输局（以下简称“本局”）编制";
    assert_int_equal(match(GK_PAT_AGENCY_SELF, s, &m), 1);
    expect_group(s, &m, 1, "本报告由示例县交通运输局");
    s = "依据条例，示例区卫生健康委员会（以下简称“本委”）编制本报告。";
    assert_int_equal(match(GK_PAT_AGENCY_SELF, s, &m), 1);
    expect_group(s, &m, 1, "示例区卫生健康委员会");
    s = "本报告由示例镇人民政府根据条例编制。";
    assert_int_equal(match(GK_PAT_AGENCY_SELF, s, &m), 1);
    expect_group(s, &m, 2, "示例镇人民政府");
    assert_int_equal(match(GK_PAT_AGENCY_SELF, "本局认真落实条例。", &m), 0);
}

/* ---- the figures prose states (prose.c): group 1 the number, unset for a zero ---- */

static void expect_figure(gk_pattern_id id, const char *s, const char *want)
{
    gk_match m;
    assert_int_equal(match(id, s, &m), 1);
    expect_group(s, &m, 1, want);
}

static void text_new_received_pattern(void **state)
{
    (void)state;
    gk_match m;
    expect_figure(GK_PAT_TEXT_NEW_RECEIVED, "全年共收到政府信息公开申请154件", "154");
    expect_figure(GK_PAT_TEXT_NEW_RECEIVED, "本年度新收政府信息公开申请１２件", "１２");
    expect_figure(GK_PAT_TEXT_NEW_RECEIVED, "共受理政府信息公开申请859件", "859");
    expect_figure(GK_PAT_TEXT_NEW_RECEIVED, "接收各类政府信息公开申请共计81件", "81");
    expect_figure(GK_PAT_TEXT_NEW_RECEIVED, "本年度全区共收到70件申请", "70");
    expect_figure(GK_PAT_TEXT_NEW_RECEIVED, "期间我局未收到政府信息公开申请", "<unset>");
    assert_int_equal(match(GK_PAT_TEXT_NEW_RECEIVED, "收到行政复议申请3件", &m), 0);
    assert_int_equal(match(GK_PAT_TEXT_NEW_RECEIVED, "结转上年度政府信息公开申请1件", &m), 0);
    assert_int_equal(match(GK_PAT_TEXT_NEW_RECEIVED, "收到申请，办结12件", &m), 0); /* another clause */
}

static void text_carried_over_pattern(void **state)
{
    (void)state;
    gk_match m;
    expect_figure(GK_PAT_TEXT_CARRIED_OVER, "结转上年度政府信息公开申请1件", "1");
    expect_figure(GK_PAT_TEXT_CARRIED_OVER, "（含上年度结转申请18件", "18");
    expect_figure(GK_PAT_TEXT_CARRIED_OVER, "上年结转21件", "21");
    assert_int_equal(match(GK_PAT_TEXT_CARRIED_OVER, "1件结转下年度继续办理", &m), 0);
}

static void text_carried_forward_pattern(void **state)
{
    (void)state;
    gk_match m;
    expect_figure(GK_PAT_TEXT_CARRIED_FORWARD, "1件结转下年度继续办理", "1");
    expect_figure(GK_PAT_TEXT_CARRIED_FORWARD, "结转至2026年6件", "6");
    expect_figure(GK_PAT_TEXT_CARRIED_FORWARD, "结转下一年度办理的申请3件", "3");
    assert_int_equal(match(GK_PAT_TEXT_CARRIED_FORWARD, "结转上年度政府信息公开申请1件", &m), 0);
}

static void text_review_pattern(void **state)
{
    (void)state;
    gk_match m;
    expect_figure(GK_PAT_TEXT_REVIEW, "本年度共办理行政复议3件", "3");
    expect_figure(GK_PAT_TEXT_REVIEW, "共有行政诉讼案件1件、行政复议案件2件", "2");
    expect_figure(GK_PAT_TEXT_REVIEW, "引发行政复议36起", "36");
    expect_figure(GK_PAT_TEXT_REVIEW, "发生2起因政府信息公开引起的行政复议", "2");
    expect_figure(GK_PAT_TEXT_REVIEW, "未发生因政府信息公开引起的行政复议", "<unset>");
    assert_int_equal(match(GK_PAT_TEXT_REVIEW, "行政复议纠正率为0", &m), 0);
}

static void text_litigation_pattern(void **state)
{
    (void)state;
    gk_match m;
    expect_figure(GK_PAT_TEXT_LITIGATION, "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件", "7");
    expect_figure(GK_PAT_TEXT_LITIGATION, "信息公开类行政复议7件，诉讼9件", "9");
    expect_figure(GK_PAT_TEXT_LITIGATION, "行政诉讼9起", "9");
    expect_figure(GK_PAT_TEXT_LITIGATION, "没有因政府信息公开申请行政复议或行政诉讼的事项", "<unset>");
    assert_int_equal(match(GK_PAT_TEXT_LITIGATION, "行政诉讼败诉率为0", &m), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cover_letter_pattern),
        cmocka_unit_test(date_line_pattern),
        cmocka_unit_test(body_year_pattern),
        cmocka_unit_test(agency_self_pattern),
        cmocka_unit_test(all_patterns_compile),
        cmocka_unit_test(numbering_pattern),
        cmocka_unit_test(number_pattern),
        cmocka_unit_test(title_pattern_agency_before_year_with_spaces),
        cmocka_unit_test(title_pattern_agency_after_year),
        cmocka_unit_test(title_pattern_with_label_prefix),
        cmocka_unit_test(title_pattern_chinese_numeral_year),
        cmocka_unit_test(title_pattern_rejects_other_text),
        cmocka_unit_test(section_pattern),
        cmocka_unit_test(stat_year_pattern),
        cmocka_unit_test(chrome_pattern),
        cmocka_unit_test(text_new_received_pattern),
        cmocka_unit_test(text_carried_over_pattern),
        cmocka_unit_test(text_carried_forward_pattern),
        cmocka_unit_test(text_review_pattern),
        cmocka_unit_test(text_litigation_pattern),
        cmocka_unit_test(match_without_match_data),
        cmocka_unit_test(match_honours_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
