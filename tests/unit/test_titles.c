/* test_titles.c — the title, agency and year (titles.c) on documents built
 * by hand, for reports without a usable title line: the signature block
 * (agency above its date, or beside it; page chrome after it), the body's
 * own words (本报告由XX局编制, XX局（以下简称“本局”）), the year from the
 * body and never from the signature's date, cover letters (the report's
 * title in 《》, or the agency before 关于 and the report's own title line),
 * and sentences that look like titles but are not. */
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

/* Paragraphs from a NULL-terminated list, then recognition. */
static fixture *recognize(const char *const *paragraphs)
{
    fixture *f = fixture_of(paragraphs);
    assert_int_equal(gk_recognize_title(&f->doc, f->r), GK_OK);
    return f;
}

static void expect(const fixture *f, const char *title, const char *agency, int year)
{
    if (title)
        assert_string_equal(f->r->title, title);
    else
        assert_null(f->r->title);
    if (agency)
        assert_string_equal(f->r->agency, agency);
    else
        assert_null(f->r->agency);
    assert_int_equal(f->r->year, year);
}

static void signature_agency_above_its_date(void **state)
{
    (void)state;
    const char *const p[] = {"2025年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。", "一、总体情况",
                             "本年度未收取信息处理费。", "示例市自然资源局", "2026年1月20日", NULL};
    fixture *f = recognize(p);
    expect(f, NULL, "示例市自然资源局", 2025); /* the year reported on, not the date's */
    fixture_free(f);
}

static void signature_agency_beside_its_date_and_chrome_after(void **state)
{
    (void)state;
    const char *const p[] = {"统计期限自2024年1月1日至2024年12月31日。", "一、总体情况", "无。",
                             "示例县人民政府办公室 2025年2月3日", "打印本页", "关闭窗口", NULL};
    fixture *f = recognize(p);
    expect(f, NULL, "示例县人民政府办公室", 2024);
    fixture_free(f);
}

static void signature_line_that_is_not_an_agency(void **state)
{
    (void)state;
    const char *const p[] = {"2024年，我们做了很多工作。", "特此报告。", "2025年1月9日", NULL};
    fixture *f = recognize(p);
    expect(f, NULL, NULL, 2024);
    fixture_free(f);
}

static void agency_from_the_body(void **state)
{
    (void)state;
    const char *const p[] = {"本报告由示例县交通运输局（以下简称“本局”）编制，于2025年1月公布。", "一、总体情况",
                             "2024年，本局坚持以公开为常态。", NULL};
    fixture *f = recognize(p);
    expect(f, NULL, "示例县交通运输局", 2024);
    fixture_free(f);
    const char *const q[] = {"依据条例，示例区卫生健康委员会（以下简称“本委”）编制本报告。", NULL};
    f = recognize(q);
    expect(f, NULL, "示例区卫生健康委员会", 0);
    fixture_free(f);
    const char *const s[] = {"本报告由示例镇人民政府根据条例编制。", NULL};
    f = recognize(s);
    expect(f, NULL, "示例镇人民政府", 0);
    fixture_free(f);
}

static void cover_letter_with_the_title_in_brackets(void **state)
{
    (void)state;
    const char *const p[] = {"关于报送《示例市林业局2015年政府信息公开工作年度报告》的函", "示例市人民政府办公室：",
                             "现将《示例市林业局2015年政府信息公开工作年度报告》报送你们，请审阅。", "示例市林业局",
                             "2016年3月10日", "一、概述", NULL};
    fixture *f = recognize(p);
    expect(f, "示例市林业局2015年政府信息公开工作年度报告", "示例市林业局", 2015);
    fixture_free(f);
}

static void cover_letter_then_the_reports_own_title(void **state)
{
    (void)state;
    const char *const p[] = {"示例省粮食和物资储备管理局关于报送2020年政府信息公开工作年度报告的函",
                             "根据条例和省政府办公厅关于做好2020年政府信息公开工作年度报告编制发布工作的通知要求，"
                             "我局编制完成了2020年政府信息公开工作年度报告，现报送你们，请审阅。",
                             "示例省粮食和物资储备管理局2020年政府信息公开工作年度报告", "一、总体情况", NULL};
    fixture *f = recognize(p);
    expect(f, "示例省粮食和物资储备管理局2020年政府信息公开工作年度报告", "示例省粮食和物资储备管理局", 2020);
    fixture_free(f);
}

/* No title line after the letter: the agency before 关于 heads the title. */
static void cover_letter_alone_names_agency_and_title(void **state)
{
    (void)state;
    const char *const p[] = {"示例县审计局关于报送2019年政府信息公开工作年度报告的函", "一、总体情况", NULL};
    fixture *f = recognize(p);
    expect(f, "示例县审计局2019年政府信息公开工作年度报告", "示例县审计局", 2019);
    fixture_free(f);
}

static void a_title_line_still_wins(void **state)
{
    (void)state;
    const char *const p[] = {"示例区2023年政府信息公开工作年度报告", "2022年，……", "示例区民政局", "2024年1月5日", NULL};
    fixture *f = recognize(p);
    expect(f, "示例区2023年政府信息公开工作年度报告", "示例区", 2023);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signature_agency_above_its_date),
        cmocka_unit_test(signature_agency_beside_its_date_and_chrome_after),
        cmocka_unit_test(signature_line_that_is_not_an_agency),
        cmocka_unit_test(agency_from_the_body),
        cmocka_unit_test(cover_letter_with_the_title_in_brackets),
        cmocka_unit_test(cover_letter_then_the_reports_own_title),
        cmocka_unit_test(cover_letter_alone_names_agency_and_title),
        cmocka_unit_test(a_title_line_still_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
