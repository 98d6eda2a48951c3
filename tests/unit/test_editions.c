/* test_editions.c — each table's edition told from its own labels
 * (tables.c): a 2021 table 二 beside a 2019 table 三 and the reverse are
 * "mixed" with every value kept under its own code; a table whose labels
 * do not tell takes the other table's edition, else the year's; rows and
 * items of the other edition inside one table are kept; the checks read
 * the rows that exist; and the XML of a mixed report is valid. */
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

#define ACTIVE_2021                                                                                        \
    "二、主动公开政府信息情况\n"                                                                           \
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"                                                   \
    "规章\t3\t1\t14\n"                                                                                     \
    "行政规范性文件\t9\t4\t58\n"                                                                           \
    "信息内容\t本年处理决定数量\n"                                                                         \
    "行政许可\t1572\n"                                                                                     \
    "行政处罚\t386\n"

#define ACTIVE_2019                                                                                        \
    "二、主动公开政府信息情况\n"                                                                           \
    "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"                                             \
    "规章\t2\t2\t11\n"                                                                                     \
    "规范性文件\t7\t7\t45\n"                                                                               \
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"                                                   \
    "行政许可\t35\t-2\t1290\n"                                                                             \
    "其他对外管理服务事项\t8\t1\t64\n"                                                                     \
    "信息内容\t采购项目数量\t采购总金额\n"                                                                 \
    "政府集中采购\t14\t286.5\n"

/* Table 三: a row label and seven values each; the 2019 single （六） row
 * or the 2021 three. */
static void add_apps(gk_buf *b, bool rows_2021)
{
    gk_buf_adds(b, "三、收到和处理政府信息公开申请情况\n"
                   "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n");
    for (int i = 0; i < 25; i++) {
        bool six = i >= 20 && i <= 22;
        if (six && !rows_2021) {
            if (i == 20)
                gk_buf_adds(b, "（六）其他处理\t1\t0\t0\t0\t0\t0\t1\n");
            continue;
        }
        /* results 1 each in natural_person; totals follow */
        long v = i == 0 ? 30 : i == 1 ? 2 : i == 23 ? (rows_2021 ? 21 : 19) : i == 24 ? (rows_2021 ? 11 : 13) : 1;
        gk_buf_printf(b, "%s\t%ld\t0\t0\t0\t0\t0\t%ld\n", labels_2021[i], v, v);
    }
}

static gk_report *convert(const char *head, const char *active, bool apps, bool rows_2021)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, head);
    gk_buf_adds(&b, "一、总体情况\n本机关认真落实条例。\n");
    if (active)
        gk_buf_adds(&b, active);
    if (apps)
        add_apps(&b, rows_2021);
    gk_buf_adds(&b, "五、存在的主要问题及改进情况\n无。\n");
    gk_report *r = NULL;
    gk_error err;
    assert_int_equal(gk_report_from_memory("t.txt", b.data, b.len, &r, &err), GK_OK);
    gk_buf_free(&b);
    return r;
}

static const gk_item *item(const gk_report *r, const char *code)
{
    for (size_t i = 0; i < r->item_count; i++)
        if (!strcmp(r->items[i].code, code))
            return &r->items[i];
    return NULL;
}

static double measure(const gk_report *r, const char *code, const char *m)
{
    const gk_item *it = item(r, code);
    assert_non_null(it);
    for (size_t k = 0; k < it->count; k++)
        if (!strcmp(it->measures[k], m)) {
            assert_true(it->values[k].present);
            return it->values[k].value;
        }
    fail_msg("item %s has no measure %s", code, m);
    return 0;
}

static bool has_row(const gk_report *r, int row)
{
    for (size_t i = 0; i < r->app_row_count; i++)
        if (r->app_rows[i] == row)
            return true;
    return false;
}

static void active_2021_apps_2019_is_mixed(void **state)
{
    (void)state;
    gk_report *r = convert("示例县教育局2020年政府信息公开工作年度报告\n", ACTIVE_2021, true, false);
    assert_int_equal(r->template_kind, GK_TEMPLATE_MIXED);
    assert_string_equal(gk_template_name(r->template_kind), "mixed");
    assert_int_equal(r->active_edition, GK_ED_2021);
    assert_int_equal(r->apps_edition, GK_ED_2019);
    /* table 二's 2021 measures are kept, not dropped for the 2019 rows */
    assert_true(measure(r, "regulations", "in_force") == 14);
    assert_true(measure(r, "normative_documents", "issued") == 9);
    assert_null(item(r, "procurement")); /* not a 2021 item, and not in the table */
    assert_int_equal(r->app_row_count, 23);
    assert_true(has_row(r, GK_ROW_OTHER_PROCESSING));
    assert_false(has_row(r, GK_ROW_OTHER_OTHER));
    assert_int_equal(gk_report_failed_checks(r), 0);
    gk_report_free(r);
}

static void active_2019_apps_2021_is_mixed(void **state)
{
    (void)state;
    gk_report *r = convert("示例县教育局2021年政府信息公开工作年度报告\n", ACTIVE_2019, true, true);
    assert_int_equal(r->template_kind, GK_TEMPLATE_MIXED);
    assert_int_equal(r->active_edition, GK_ED_2019);
    assert_int_equal(r->apps_edition, GK_ED_2021);
    assert_true(measure(r, "licensing", "change") == -2);
    assert_true(measure(r, "other_services", "decisions") == 64);
    assert_true(measure(r, "procurement", "amount") == 286.5);
    assert_int_equal(r->app_row_count, 25);
    assert_int_equal(gk_report_failed_checks(r), 0);
    char *xml = gk_report_to_xml(r, NULL);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<template>mixed</template>"));
    assert_non_null(strstr(xml, "active_disclosure=\"2019\""));
    assert_true(schema_valid(xml));
    free(xml);
    char *json = gk_report_to_json(r, NULL);
    assert_non_null(strstr(json, "\"table_templates\": {\n    \"active_disclosure\": \"2019\",\n    \"applications\": \"2021\""));
    free(json);
    gk_report_free(r);
}

static void one_edition_is_not_mixed(void **state)
{
    (void)state;
    gk_report *r = convert("示例县教育局2021年政府信息公开工作年度报告\n", ACTIVE_2021, true, true);
    assert_int_equal(r->template_kind, GK_TEMPLATE_2021);
    assert_int_equal(r->active_edition, GK_ED_2021);
    assert_int_equal(r->apps_edition, GK_ED_2021);
    gk_report_free(r);
}

/* Table 二 with only 处理决定数量 (both editions) takes table 三's edition. */
static void untold_table_takes_the_other_tables_edition(void **state)
{
    (void)state;
    static const char active[] = "二、主动公开政府信息情况\n"
                                 "信息内容\t本年处理决定数量\n"
                                 "行政许可\t12\n";
    gk_report *r = convert("示例县教育局2021年政府信息公开工作年度报告\n", active, true, false);
    assert_int_equal(r->template_kind, GK_TEMPLATE_2019);
    assert_int_equal(r->active_edition, GK_ED_2019);
    gk_report_free(r);
}

/* Nothing tells and there is no table 三: the year decides. */
static void untold_tables_take_the_years_edition(void **state)
{
    (void)state;
    static const char active[] = "二、主动公开政府信息情况\n"
                                 "信息内容\t本年处理决定数量\n"
                                 "行政许可\t12\n";
    gk_report *r = convert("示例县教育局2020年政府信息公开工作年度报告\n", active, false, false);
    assert_int_equal(r->template_kind, GK_TEMPLATE_2019);
    assert_int_equal(r->active_edition, GK_ED_2019);
    assert_int_equal(r->apps_edition, 0);
    gk_report_free(r);
    r = convert("示例县教育局2022年政府信息公开工作年度报告\n", active, false, false);
    assert_int_equal(r->template_kind, GK_TEMPLATE_2021);
    gk_report_free(r);
}

/* A 2021 table 二 that also lists 政府集中采购: the item is kept, with the
 * measures its header gives it. */
static void other_editions_item_in_one_table_is_kept(void **state)
{
    (void)state;
    static const char active[] = ACTIVE_2021 "政府集中采购\t5\n";
    gk_report *r = convert("示例县教育局2021年政府信息公开工作年度报告\n", active, true, true);
    assert_int_equal(r->active_edition, GK_ED_2021);
    assert_true(measure(r, "procurement", "decisions") == 5);
    char *xml = gk_report_to_xml(r, NULL);
    assert_non_null(xml);
    assert_true(schema_valid(xml));
    free(xml);
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(active_2021_apps_2019_is_mixed),
        cmocka_unit_test(active_2019_apps_2021_is_mixed),
        cmocka_unit_test(one_edition_is_not_mixed),
        cmocka_unit_test(untold_table_takes_the_other_tables_edition),
        cmocka_unit_test(untold_tables_take_the_years_edition),
        cmocka_unit_test(other_editions_item_in_one_table_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
