/* test_sections.c — gk_recognize_sections (sections.c) on documents built
 * by hand: title, agency and year from the title line in its many forms,
 * the six numbered sections with their titles and prose, headings that
 * share a paragraph with prose, out-of-order numbers, the page footer that
 * ends the article, and the year from the statistics period. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "paragraphs_fixture.h"

/* ---- helpers ---- */

/* Paragraphs from a NULL-terminated list, then recognition. */
static fixture *recognize(const char *const *paragraphs)
{
    fixture *f = fixture_of(paragraphs);
    assert_int_equal(gk_recognize_sections(&f->doc, f->r), GK_OK);
    return f;
}

static fixture *recognize_one(const char *paragraph)
{
    const char *const p[] = {paragraph, NULL};
    return recognize(p);
}

static void assert_section(const gk_report *r, size_t i, int number, const char *title, const char *text)
{
    if (i >= r->section_count)
        fail_msg("section %zu missing (%zu sections)", i, r->section_count);
    assert_int_equal(r->sections[i].number, number);
    assert_non_null(r->sections[i].title);
    assert_string_equal(r->sections[i].title, title);
    assert_non_null(r->sections[i].text);
    assert_string_equal(r->sections[i].text, text);
}

/* ---- title, agency, year ---- */

static void title_agency_before_year_with_spaces(void **state)
{
    (void)state;
    fixture *f = recognize_one("孟津区科技和工业信息化局 2023 年政府信息公开 工作年度报告");
    assert_non_null(f->r->agency);
    assert_string_equal(f->r->agency, "孟津区科技和工业信息化局");
    assert_int_equal(f->r->year, 2023);
    assert_non_null(f->r->title);
    assert_string_equal(f->r->title, "孟津区科技和工业信息化局2023年政府信息公开工作年度报告");
    fixture_free(f);
}

static void title_agency_after_year(void **state)
{
    (void)state;
    fixture *f = recognize_one("2019年上海市人民政府办公厅政府信息公开工作年度报告");
    assert_non_null(f->r->agency);
    assert_string_equal(f->r->agency, "上海市人民政府办公厅");
    assert_int_equal(f->r->year, 2019);
    assert_string_equal(f->r->title, "2019年上海市人民政府办公厅政府信息公开工作年度报告");
    fixture_free(f);
}

static void title_with_label_prefix(void **state)
{
    (void)state;
    fixture *f = recognize_one("标题: 平潭综合实验区2019年度政府信息公开工作年度报告");
    assert_non_null(f->r->agency);
    assert_string_equal(f->r->agency, "平潭综合实验区");
    assert_int_equal(f->r->year, 2019);
    assert_string_equal(f->r->title, "平潭综合实验区2019年度政府信息公开工作年度报告");
    fixture_free(f);
}

static void title_with_full_width_colon_prefix(void **state)
{
    (void)state;
    fixture *f = recognize_one("标题：示例县水利局2021年政府信息公开工作年度报告");
    assert_string_equal(f->r->agency, "示例县水利局");
    assert_string_equal(f->r->title, "示例县水利局2021年政府信息公开工作年度报告");
    fixture_free(f);
}

static void title_chinese_numeral_year(void **state)
{
    (void)state;
    fixture *f = recognize_one("某县人民政府二〇一六年政府信息公开工作年度报告");
    assert_int_equal(f->r->year, 2016);
    assert_non_null(f->r->agency);
    assert_string_equal(f->r->agency, "某县人民政府");
    assert_string_equal(f->r->title, "某县人民政府二〇一六年政府信息公开工作年度报告");
    fixture_free(f);
}

static void title_chinese_numeral_year_with_circle_zero(void **state)
{
    (void)state;
    fixture *f = recognize_one("某市财政局二○一八年度政府信息公开工作年度报告");
    assert_int_equal(f->r->year, 2018);
    assert_string_equal(f->r->agency, "某市财政局");
    fixture_free(f);
}

static void title_agency_trailing_guanyu_trimmed(void **state)
{
    (void)state;
    fixture *f = recognize_one("某市人民政府关于2020年政府信息公开工作年度报告");
    assert_string_equal(f->r->agency, "某市人民政府");
    assert_int_equal(f->r->year, 2020);
    fixture_free(f);
}

static void title_first_short_matching_paragraph(void **state)
{
    (void)state;
    /* an opening paragraph over 100 characters that mentions a report is
     * prose, not the title */
    const char *const p[] = {
        "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制，"
        "是某某机关2020年政府信息公开工作年度报告的说明部分，包括总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况等内容。",
        "某区教育局2021年政府信息公开工作年度报告",
        NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->year, 2021);
    assert_string_equal(f->r->agency, "某区教育局");
    fixture_free(f);
}

static void no_title_leaves_fields_unset(void **state)
{
    (void)state;
    fixture *f = recognize_one("这是一段普通的文字。");
    assert_null(f->r->title);
    assert_null(f->r->agency);
    assert_int_equal(f->r->year, 0);
    assert_int_equal(f->r->section_count, 0);
    assert_null(f->r->sections);
    fixture_free(f);
}

/* ---- year from the statistics period ---- */

static void year_from_statistics_period(void **state)
{
    (void)state;
    const char *const p[] = {
        "政府信息公开工作年度报告",
        "本报告所列数据的统计期限从2019年1月1日起至2019年12月31日止。",
        "一、总体情况",
        NULL,
    };
    fixture *f = recognize(p);
    assert_null(f->r->title); /* no year: the title pattern does not match */
    assert_int_equal(f->r->year, 2019);
    fixture_free(f);
}

static void title_year_wins_over_statistics_period(void **state)
{
    (void)state;
    const char *const p[] = {
        "某局2020年政府信息公开工作年度报告",
        "统计期限从2019年1月1日至12月31日。",
        NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->year, 2020);
    fixture_free(f);
}

static void statistics_period_year_with_spaces(void **state)
{
    (void)state;
    fixture *f = recognize_one("数据统计期限为 2017 年 1 月 1 日至 2017 年 12 月 31 日。");
    assert_int_equal(f->r->year, 2017);
    fixture_free(f);
}

/* ---- the six sections ---- */

static void six_sections_with_titles_and_text(void **state)
{
    (void)state;
    const char *const p[] = {
        "示例县市场监督管理局2021年度政府信息公开工作年度报告",
        "前言不属于任何一节。",
        "一、总体情况",
        "2021年，我局扎实推进政务公开。",
        "（一）主动公开",
        "全年发布信息416条。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "见下表。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "无。",
        "五、存在的主要问题及改进情况",
        "一是解读不足。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        NULL,
    };
    fixture *f = recognize(p);
    const gk_report *r = f->r;
    assert_int_equal(r->section_count, 6);
    assert_section(r, 0, 1, "总体情况",
                   "2021年，我局扎实推进政务公开。\n（一）主动公开\n全年发布信息416条。");
    assert_section(r, 1, 2, "主动公开政府信息情况", "");
    assert_section(r, 2, 3, "收到和处理政府信息公开申请情况", "见下表。");
    assert_section(r, 3, 4, "政府信息公开行政复议、行政诉讼情况", "无。");
    assert_section(r, 4, 5, "存在的主要问题及改进情况", "一是解读不足。");
    assert_section(r, 5, 6, "其他需要报告的事项", "本年度未收取信息处理费。");
    fixture_free(f);
}

static void section_heading_separators(void **state)
{
    (void)state;
    const char *const p[] = {
        "一．总体情况", "甲。", "二. 主动公开政府信息情况", "乙。", "三，收到和处理政府信息公开申请情况",
        "丙。",         NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 3);
    assert_section(f->r, 0, 1, "总体情况", "甲。");
    assert_section(f->r, 1, 2, "主动公开政府信息情况", "乙。");
    assert_section(f->r, 2, 3, "收到和处理政府信息公开申请情况", "丙。");
    fixture_free(f);
}

static void section_title_spaces_removed(void **state)
{
    (void)state;
    fixture *f = recognize_one("一、 总 体 情 况");
    assert_int_equal(f->r->section_count, 1);
    assert_section(f->r, 0, 1, "总体情况", "");
    fixture_free(f);
}

static void section_text_skips_tables(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    para(f, "二、主动公开政府信息情况");
    para(f, "一、总体情况");
    para(f, "表前。");
    gk_table *t = gk_table_new();
    assert_non_null(t);
    assert_true(gk_table_add_cell(t, "行政许可", 1, 1));
    assert_true(gk_table_add_cell(t, "5", 1, 1));
    assert_true(gk_doc_add_table(&f->doc, t));
    para(f, "表后。");
    gk_recognize_sections(&f->doc, f->r);
    assert_int_equal(f->r->section_count, 1);
    assert_section(f->r, 0, 1, "总体情况", "表前。\n表后。");
    fixture_free(f);
}

/* ---- a heading and its prose in one paragraph ---- */

static void heading_with_long_prose_in_same_paragraph(void **state)
{
    (void)state;
    const char *const p[] = {
        "一、总体情况 2019年，区政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "围绕全区中心工作，进一步加强政府信息公开工作，全面推进决策、执行、管理、服务、结果公开。",
        "二、主动公开政府信息情况",
        NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 2);
    assert_section(
        f->r, 0, 1, "总体情况",
        "2019年，区政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "围绕全区中心工作，进一步加强政府信息公开工作，全面推进决策、执行、管理、服务、结果公开。");
    fixture_free(f);
}

static void heading_with_short_prose_in_same_paragraph(void **state)
{
    (void)state;
    /* Was a bug (fixed): a paragraph of at most GK_MAX_HEADING_CHARS (60) characters is
     * taken whole as the title, even when it starts with a known section
     * title and goes on with a sentence.  Input paragraph
     * "六、其他需要报告的事项 本年度未收取信息处理费。" → expected title
     * "其他需要报告的事项" and text "本年度未收取信息处理费。"; got title
     * "其他需要报告的事项本年度未收取信息处理费。" and text "". */
    fixture *f = recognize_one("六、其他需要报告的事项 本年度未收取信息处理费。");
    assert_int_equal(f->r->section_count, 0); /* 六 without 一…五 is no section */
    fixture_free(f);
    const char *const p[] = {"一、总体情况",
                             "甲。",
                             "二、主动公开政府信息情况",
                             "三、收到和处理政府信息公开申请情况",
                             "四、政府信息公开行政复议、行政诉讼情况",
                             "五、存在的主要问题及改进情况",
                             "六、其他需要报告的事项 本年度未收取信息处理费。",
                             NULL};
    f = recognize(p);
    assert_int_equal(f->r->section_count, 6);
    assert_section(f->r, 5, 6, "其他需要报告的事项", "本年度未收取信息处理费。");
    fixture_free(f);
}

/* ---- out-of-order numbers ---- */

static void headings_out_of_order_ignored(void **state)
{
    (void)state;
    const char *const p[] = {
        "二、主动公开政府信息情况", /* before 一: not a section, not text */
        "一、总体情况",
        "正文。",
        "三、这不是第二节", /* 三 after 一: body text of section 一 */
        "二、主动公开政府信息情况",
        "一、加强组织领导", /* a sub-list restarting at 一 */
        "内容。",
        NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 2);
    assert_section(f->r, 0, 1, "总体情况", "正文。\n三、这不是第二节");
    assert_section(f->r, 1, 2, "主动公开政府信息情况", "一、加强组织领导\n内容。");
    fixture_free(f);
}

static void repeated_heading_number_is_text(void **state)
{
    (void)state;
    const char *const p[] = {"一、总体情况", "一、总体情况", NULL};
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 1);
    assert_section(f->r, 0, 1, "总体情况", "一、总体情况");
    fixture_free(f);
}

/* ---- the footer ends the article ---- */

static void footer_ends_last_section(void **state)
{
    (void)state;
    const char *const p[] = {
        "一、总体情况", "正文。",   "二、主动公开政府信息情况", "无。",
        "打印本页",     "关闭窗口", "版权所有：示例县人民政府", NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 2);
    assert_section(f->r, 1, 2, "主动公开政府信息情况", "无。");
    fixture_free(f);
}

static void footer_in_brackets_ends_last_section(void **state)
{
    (void)state;
    const char *const p[] = {"一、总体情况", "正文。", "【打印本页】 【关闭窗口】", "三、不是节", NULL};
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 1);
    assert_section(f->r, 0, 1, "总体情况", "正文。");
    fixture_free(f);
}

static void page_tools_before_the_article_do_not_end_it(void **state)
{
    (void)state;
    const char *const p[] = {"字号：大 中 小", "打印", "一、总体情况", "正文。", NULL};
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 1);
    assert_section(f->r, 0, 1, "总体情况", "正文。");
    fixture_free(f);
}

/* A heading run into prose with no word that ends a title is cut after
 * 120 bytes; with a digit among CJK characters byte 120 falls inside a
 * character.  The fuzzer found the half character: the title was not
 * UTF-8 and the JSON writer failed the report as "out of memory". */
static void long_untitled_heading_cut_between_characters(void **state)
{
    (void)state;
    const char *const p[] = {
        "一、总体情况",
        "正文。",
        "二、主动公开9" /* 13 bytes, then 3-byte characters: 120 - 13 is no multiple of 3 */
        "林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏",
        NULL,
    };
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 2);
    const gk_section *s = &f->r->sections[1];
    assert_int_equal(s->number, 2);
    assert_true(gk_utf8_valid(s->title, strlen(s->title)));
    assert_true(gk_utf8_valid(s->text, strlen(s->text)));
    /* the cut is the first character boundary from byte 120 on */
    assert_string_equal(s->title, "主动公开9林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏");
    assert_string_equal(s->text, "林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏林业站公示栏");
    fixture_free(f);
}

/* ---- the report object ---- */

static void calloced_report_freed_after_recognition(void **state)
{
    (void)state;
    const char *const p[] = {"某局2022年政府信息公开工作年度报告", "一、总体情况", "正文。", NULL};
    fixture *f = recognize(p);
    assert_int_equal(f->r->section_count, 1);
    fixture_free(f); /* gk_report_free releases title, agency and sections: valgrind checks it */
}

static void calloced_empty_report_freed(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    gk_report_free(r);
    gk_report_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_agency_before_year_with_spaces),
        cmocka_unit_test(title_agency_after_year),
        cmocka_unit_test(title_with_label_prefix),
        cmocka_unit_test(title_with_full_width_colon_prefix),
        cmocka_unit_test(title_chinese_numeral_year),
        cmocka_unit_test(title_chinese_numeral_year_with_circle_zero),
        cmocka_unit_test(title_agency_trailing_guanyu_trimmed),
        cmocka_unit_test(title_first_short_matching_paragraph),
        cmocka_unit_test(no_title_leaves_fields_unset),
        cmocka_unit_test(year_from_statistics_period),
        cmocka_unit_test(title_year_wins_over_statistics_period),
        cmocka_unit_test(statistics_period_year_with_spaces),
        cmocka_unit_test(six_sections_with_titles_and_text),
        cmocka_unit_test(section_heading_separators),
        cmocka_unit_test(section_title_spaces_removed),
        cmocka_unit_test(section_text_skips_tables),
        cmocka_unit_test(heading_with_long_prose_in_same_paragraph),
        cmocka_unit_test(heading_with_short_prose_in_same_paragraph),
        cmocka_unit_test(headings_out_of_order_ignored),
        cmocka_unit_test(repeated_heading_number_is_text),
        cmocka_unit_test(footer_ends_last_section),
        cmocka_unit_test(footer_in_brackets_ends_last_section),
        cmocka_unit_test(page_tools_before_the_article_do_not_end_it),
        cmocka_unit_test(long_untitled_heading_cut_between_characters),
        cmocka_unit_test(calloced_report_freed_after_recognition),
        cmocka_unit_test(calloced_empty_report_freed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
