/* test_convert.c — the whole pipeline through gk_report_from_memory on
 * small reports written here (a tab-text 2021 report, an HTML 2019 report
 * with the nested table-三 header), the JSON / XML / CSV writers, and the
 * error paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "internal.h"
#include "fixtures.h"
#include "zip_fixture.h"

/* ---- the reports ---- */


/* Values of the text report, row i of labels_2021 (0-based), applicant
 * column j (0-5): result rows (i = 2…22) hold 10*i + 2*j + 3, so e.g.
 * granted = 23 25 27 29 31 33 (total 168).  Row 23 (results_total) is
 * their sum per column: 10*(2+…+22) + 21*(2j+3) = 2520 + 21*(2j+3).
 * new_received = 3000 + j, carried_over = 5 + j, and carried_forward
 * balances them, except natural_person, one too many: the balance rule
 * fails for natural_person and total, and only there. */
static long text_value(int i, int j)
{
    if (i == 0)
        return 3000 + j;
    if (i == 1)
        return 5 + j;
    if (i == 23)
        return 2520 + 21 * (2 * j + 3);
    if (i == 24)
        return (3000 + j) + (5 + j) - (2520 + 21 * (2 * j + 3)) + (j == 0 ? 1 : 0);
    return 10 * i + 2 * j + 3;
}

static char *text_report(void)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b,
                "示例县市场监督管理局2021年度政府信息公开工作年度报告\n"
                "\n"
                "一、总体情况\n"
                "2021年度，我局扎实推进政府信息公开工作。\n"
                "（一）主动公开\n"
                "全年发布信息416条。\n"
                "二、主动公开政府信息情况\n"
                "第二十条第（一）项\t\t\t\n"
                "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
                "规章\t3\t1\t14\n"
                "行政规范性文件\t9\t4\t58\n"
                "第二十条第（五）项\t\t\t\n"
                "信息内容\t本年处理决定数量\t\t\n"
                "行政许可\t1,572\t\t\n"
                "第二十条第（六）项\t\t\t\n"
                "信息内容\t本年处理决定数量\t\t\n"
                "行政处罚\t386件\t\t\n"
                "行政强制\t47\t\t\n"
                "第二十条第（八）项\t\t\t\n"
                "信息内容\t本年收费金额（单位：万元）\t\t\n"
                "行政事业性收费\t6.8\t\t\n"
                "三、收到和处理政府信息公开申请情况\n");
    add_apps_tab_table(&b, text_value, -1, -1);
    gk_buf_adds(&b,
                "四、政府信息公开行政复议、行政诉讼情况\n" RL_TAB_HEADER
                "4\t1\t3\t2\t10\t6\t3\t2\t5\t16\t1\t4\t5\t3\t13\n"
                "五、存在的主要问题及改进情况\n"
                "一是政策解读形式较为单一。\n"
                "六、其他需要报告的事项\n"
                "本年度未收取信息处理费。\n");
    char *s = gk_buf_take(&b);
    assert_non_null(s);
    return s;
}

/* Table 三 of the HTML report, 2019 template: row index in template order
 * (0…22), value 100 + 10*i + j for applicant column j (0-5), so granted
 * (i = 2) = 120 121 122 123 124 125.  results_total (i = 21) and
 * carried_forward (i = 22) make every rule of table 三 hold; the cell
 * denied_admin_inquiry / research is left blank (and left out of the
 * sums). */
#define HTML_BLANK_ROW 11 /* denied_admin_inquiry */
#define HTML_BLANK_COL 2  /* research */

static long html_value(int i, int j)
{
    if (i == 21) { /* results_total: rows 2…20, without the blank cell */
        long s = 0;
        for (int k = 2; k <= 20; k++)
            if (!(k == HTML_BLANK_ROW && j == HTML_BLANK_COL))
                s += 100 + 10 * k + j;
        return s;
    }
    if (i == 22) /* carried_forward = new + carried over - results */
        return (100 + j) + (110 + j) - html_value(21, j) + 5000;
    if (i == 0)
        return 100 + j + 5000; /* large enough for a positive carried_forward */
    return 100 + 10 * i + j;
}

static void html_values(gk_buf *b, int i)
{
    long total = 0;
    for (int j = 0; j < 6; j++) {
        if (i == HTML_BLANK_ROW && j == HTML_BLANK_COL) {
            gk_buf_adds(b, "<td>&nbsp;</td>");
            continue;
        }
        gk_buf_printf(b, "<td>%ld</td>", html_value(i, j));
        total += html_value(i, j);
    }
    gk_buf_printf(b, "<td>%ld</td></tr>\n", total);
}

static char *html_report(void)
{
    static const char *const denied[8] = {
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    };
    static const char *const unavailable[3] = {
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    };
    static const char *const not_processed[5] = {
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    };
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b,
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>年报</title>"
                "<script>var x = '一、总体情况';</script></head><body>\n"
                "<h1>示例市生态环境局2019年政府信息公开工作年度报告</h1>\n"
                "<p>一、总体情况</p><p>2019年，我局认真贯彻落实《条例》。</p>\n"
                "<p>二、主动公开政府信息情况</p>\n"
                "<table border=1>\n"
                "<tr><td colspan=4>第二十条第（一）项</td></tr>\n"
                "<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>\n"
                "<tr><td>规章</td><td>2</td><td>2</td><td>30</td></tr>\n"
                "<tr><td>规范性文件</td><td>5</td><td>5</td><td>41</td></tr>\n"
                "<tr><td colspan=4>第二十条第（五）项</td></tr>\n"
                "<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\n"
                "<tr><td>行政许可</td><td>12</td><td>-2</td><td>345</td></tr>\n"
                "<tr><td colspan=4>第二十条第（九）项</td></tr>\n"
                "<tr><td>信息内容</td><td>采购项目数量</td><td colspan=2>采购总金额</td></tr>\n"
                "<tr><td>政府集中采购</td><td>3</td><td colspan=2>251000元</td></tr>\n"
                "</table>\n"
                "<p>三、收到和处理政府信息公开申请情况</p>\n"
                "<table border=1>\n"
                "<tr><td rowspan=3 colspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
                "<td colspan=7>申请人情况</td></tr>\n"
                "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>\n"
                "<tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n");
    gk_buf_adds(&b, "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td>");
    html_values(&b, 0);
    gk_buf_adds(&b, "<tr><td colspan=3>二、上年结转政府信息公开申请数量</td>");
    html_values(&b, 1);
    gk_buf_adds(&b, "<tr><td rowspan=20>三、本年度办理结果</td><td colspan=2>（一）予以公开</td>");
    html_values(&b, 2);
    gk_buf_adds(&b, "<tr><td colspan=2>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>");
    html_values(&b, 3);
    int i = 4;
    for (int k = 0; k < 8; k++, i++) {
        gk_buf_adds(&b, "<tr>");
        if (k == 0)
            gk_buf_adds(&b, "<td rowspan=8>（三）不予公开</td>");
        gk_buf_printf(&b, "<td>%s</td>", denied[k]);
        html_values(&b, i);
    }
    for (int k = 0; k < 3; k++, i++) {
        gk_buf_adds(&b, "<tr>");
        if (k == 0)
            gk_buf_adds(&b, "<td rowspan=3>（四）无法提供</td>");
        gk_buf_printf(&b, "<td>%s</td>", unavailable[k]);
        html_values(&b, i);
    }
    for (int k = 0; k < 5; k++, i++) {
        gk_buf_adds(&b, "<tr>");
        if (k == 0)
            gk_buf_adds(&b, "<td rowspan=5>（五）不予处理</td>");
        gk_buf_printf(&b, "<td>%s</td>", not_processed[k]);
        html_values(&b, i);
    }
    gk_buf_adds(&b, "<tr><td colspan=2>（六）其他处理</td>");
    html_values(&b, i++);
    gk_buf_adds(&b, "<tr><td colspan=2>（七）总计</td>");
    html_values(&b, i++);
    gk_buf_adds(&b, "<tr><td colspan=3>四、结转下年度继续办理</td>");
    html_values(&b, i++);
    assert_int_equal(i, 23);
    /* Table 四: review's total (5) is not the sum of its results (4). */
    gk_buf_adds(&b,
                "</table>\n"
                "<p>四、政府信息公开行政复议、行政诉讼情况</p>\n"
                "<table border=1>\n"
                "<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>\n"
                "<tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td>"
                "<td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td>"
                "<td colspan=5>复议后起诉</td></tr>\n"
                "<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"
                "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>\n"
                "<tr><td>2</td><td>1</td><td>0</td><td>1</td><td>5</td>"
                "<td>3</td><td>0</td><td>0</td><td>1</td><td>4</td>"
                "<td>0</td><td>1</td><td>—</td><td>0</td><td>1</td></tr>\n"
                "</table>\n"
                "<p>五、存在的主要问题及改进情况</p><p>信息发布不够及时。</p>\n"
                "<p>六、其他需要报告的事项</p><p>无。</p>\n"
                "<div class=\"footer\"><p>版权所有：示例市生态环境局</p></div>\n"
                "</body></html>\n");
    char *s = gk_buf_take(&b);
    assert_non_null(s);
    return s;
}

/* ---- helpers ---- */

static gk_report *convert_ok(const char *name, const char *data, size_t len)
{
    gk_report *r = NULL;
    gk_error err;
    gk_status st = gk_report_from_memory(name, data, len, &r, &err);
    if (st != GK_OK)
        fail_msg("conversion failed: %s (%s)", gk_strerror(st), err.message);
    assert_non_null(r);
    assert_int_equal(err.status, GK_OK);
    return r;
}

static int text_setup(void **state)
{
    char *s = text_report();
    *state = convert_ok("report_2021.txt", s, strlen(s));
    free(s);
    return 0;
}

static int html_setup(void **state)
{
    char *s = html_report();
    *state = convert_ok("report_2019.html", s, strlen(s));
    free(s);
    return 0;
}

static int report_teardown(void **state)
{
    gk_report_free(*state);
    return 0;
}


static const gk_item *find_item(const gk_report *r, const char *code)
{
    for (size_t i = 0; i < r->item_count; i++)
        if (!strcmp(r->items[i].code, code))
            return &r->items[i];
    fail_msg("no item %s", code);
    return NULL;
}

static const gk_num *measure(const gk_report *r, const char *item, const char *m)
{
    const gk_item *it = find_item(r, item);
    for (size_t k = 0; k < it->count; k++)
        if (!strcmp(it->measures[k], m))
            return &it->values[k];
    fail_msg("no measure %s.%s", item, m);
    return NULL;
}

static const char *provenance(const gk_report *r, const char *field)
{
    for (size_t i = 0; i < r->prov_count; i++)
        if (!strcmp(r->prov[i].field, field))
            return r->prov[i].raw;
    return NULL;
}

static void assert_num(const gk_num *n, double want)
{
    assert_true(n->present);
    if (n->value != want)
        fail_msg("value %g, expected %g", n->value, want);
}

/* Commas outside double quotes. */
static size_t csv_commas(const char *s)
{
    size_t n = 0;
    bool quoted = false;
    for (; *s; s++) {
        if (*s == '"')
            quoted = !quoted;
        else if (*s == ',' && !quoted)
            n++;
    }
    return n;
}

/* ---- the tab-text 2021 report ---- */

static void text_report_metadata(void **state)
{
    const gk_report *r = *state;
    assert_int_equal(r->template_kind, GK_TEMPLATE_2021);
    assert_int_equal(r->year, 2021);
    assert_string_equal(r->agency, "示例县市场监督管理局");
    assert_string_equal(r->title, "示例县市场监督管理局2021年度政府信息公开工作年度报告");
    assert_string_equal(r->source_format, "text");
    assert_string_equal(r->source_encoding, "UTF-8");
    assert_string_equal(r->source_path, "report_2021.txt");
}

static void text_report_sections(void **state)
{
    const gk_report *r = *state;
    static const char *const titles[6] = {
        "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项",
    };
    assert_int_equal(r->section_count, 6);
    for (int i = 0; i < 6; i++) {
        assert_int_equal(r->sections[i].number, i + 1);
        assert_string_equal(r->sections[i].title, titles[i]);
    }
    assert_string_equal(r->sections[0].text, "2021年度，我局扎实推进政府信息公开工作。\n（一）主动公开\n全年发布信息416条。");
    assert_string_equal(r->sections[5].text, "本年度未收取信息处理费。");
}

static void text_report_applications(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_applications);
    assert_num(&r->apps[GK_ROW_NEW_RECEIVED][0], 3000);
    assert_num(&r->apps[GK_ROW_NEW_RECEIVED][6], 3000 + 3001 + 3002 + 3003 + 3004 + 3005);
    assert_num(&r->apps[GK_ROW_CARRIED_OVER][5], 10);
    assert_num(&r->apps[GK_ROW_GRANTED][0], 23);
    assert_num(&r->apps[GK_ROW_GRANTED][1], 25);
    assert_num(&r->apps[GK_ROW_GRANTED][6], 168);
    assert_num(&r->apps[GK_ROW_PARTIALLY_GRANTED][2], 37);
    assert_num(&r->apps[GK_ROW_DENIED_STATE_SECRET][3], 49);
    assert_num(&r->apps[GK_ROW_DENIED_ADMIN_INQUIRY][4], 121);
    assert_num(&r->apps[GK_ROW_UNAVAILABLE_UNCLEAR][0], 143);
    assert_num(&r->apps[GK_ROW_NOT_PROCESSED_CONFIRMATION][5], 203);
    assert_num(&r->apps[GK_ROW_OTHER_NO_CORRECTION][0], 203);
    assert_num(&r->apps[GK_ROW_OTHER_UNPAID_FEE][1], 215);
    assert_num(&r->apps[GK_ROW_OTHER_OTHER][5], 233);
    assert_num(&r->apps[GK_ROW_RESULTS_TOTAL][0], 2583);
    assert_num(&r->apps[GK_ROW_CARRIED_FORWARD][0], 3000 + 5 - 2583 + 1);
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        assert_int_equal(r->app_row_found[row], row != GK_ROW_OTHER_PROCESSING);
}

static void text_report_active_disclosure(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_active);
    assert_num(measure(r, "regulations", "issued"), 3);
    assert_num(measure(r, "regulations", "in_force"), 14);
    assert_num(measure(r, "normative_documents", "repealed"), 4);
    assert_num(measure(r, "licensing", "decisions"), 1572);
    assert_num(measure(r, "penalty", "decisions"), 386);
    assert_num(measure(r, "enforcement", "decisions"), 47);
    const gk_num *fees = measure(r, "fees", "amount");
    assert_num(fees, 6.8);
    assert_true(fees->decimal);
    /* not-plain cells keep their text */
    assert_string_equal(provenance(r, "active_disclosure.licensing.decisions"), "1,572");
    assert_string_equal(provenance(r, "active_disclosure.penalty.decisions"), "386件");
    assert_null(provenance(r, "active_disclosure.enforcement.decisions"));
}

static void text_report_reviews(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_reviews);
    assert_num(&r->rl[0][0], 4);
    assert_num(&r->rl[0][4], 10);
    assert_num(&r->rl[1][3], 5);
    assert_num(&r->rl[2][1], 4);
    assert_num(&r->rl[2][4], 13);
}

static void text_report_checks(void **state)
{
    const gk_report *r = *state;
    const gk_check *c = find_check(r, "applications.balance", "natural_person");
    assert_int_equal(c->status, 1);
    assert_num(&c->left, 3005);
    assert_num(&c->right, 3006);
    assert_int_equal(find_check(r, "applications.balance", "total")->status, 1);
    assert_int_equal(find_check(r, "applications.balance", "commercial")->status, 0);
    assert_int_equal(find_check(r, "applications.results_sum", "natural_person")->status, 0);
    assert_int_equal(find_check(r, "applications.row_total", "granted")->status, 0);
    assert_int_equal(find_check(r, "reviews_litigation.group_total", "review")->status, 0);
    assert_int_equal(gk_report_failed_checks(r), 2);
    /* 7 + 7 + 25 + 3 rules of the 2021 template, and the 5 text.* figures */
    assert_int_equal(r->check_count, 47);
}

static void text_report_json(void **state)
{
    const gk_report *r = *state;
    gk_error err = {0};
    char *js = gk_report_to_json(r, &err);
    assert_non_null(js);
    assert_int_equal(js[strlen(js) - 1], '\n');
    static const char *const keys[] = {
        "\"agency\"", "\"year\"", "\"template\"", "\"table_templates\"", "\"title\"", "\"sections\"",
        "\"active_disclosure\"",
        "\"applications\"", "\"reviews_litigation\"", "\"checks\"", "\"diagnostics\"", "\"provenance\"",
        "\"source\"",
    };
    const char *prev = js;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *p = strstr(prev, keys[i]); /* in the documented order */
        if (!p)
            fail_msg("JSON lacks %s after the keys before it", keys[i]);
        prev = p;
    }
    json_error_t je;
    json_t *root = json_loads(js, 0, &je);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "template")), "2021");
    assert_int_equal(json_integer_value(json_object_get(root, "year")), 2021);
    json_t *granted = json_object_get(json_object_get(root, "applications"), "granted");
    assert_true(json_is_integer(json_object_get(granted, "commercial")));
    assert_int_equal(json_integer_value(json_object_get(granted, "commercial")), 25);
    json_t *fees = json_object_get(json_object_get(root, "active_disclosure"), "fees");
    assert_true(json_real_value(json_object_get(fees, "amount")) == 6.8);
    assert_null(json_object_get(json_object_get(root, "applications"), "other_processing"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "source"), "format")), "text");
    json_decref(root);
    free(js);

    char *line = gk_report_to_json_line(r, &err);
    assert_non_null(line);
    assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1); /* one line */
    free(line);
}

static void text_report_xml(void **state)
{
    const gk_report *r = *state;
    gk_error err = {0};
    char *xml = gk_report_to_xml(r, &err);
    if (!xml)
        fail_msg("no XML: %s", err.message);
    assert_non_null(strstr(xml, "<?xml"));
    assert_non_null(strstr(xml, "urn:gkreport:report:1"));
    assert_non_null(strstr(xml, "<template>2021</template>"));
    assert_true(schema_valid(xml));
    free(xml);
}

static void text_report_csv(void **state)
{
    const gk_report *r = *state;
    gk_error err = {0};
    char *header = gk_csv_header();
    char *row = gk_report_csv_row(r, &err);
    assert_non_null(header);
    assert_non_null(row);
    assert_true(csv_commas(header) > 200);
    assert_int_equal(csv_commas(row), csv_commas(header));
    assert_non_null(strstr(row, ",2021,2021,"));
    assert_non_null(strstr(row, "applications.balance/natural_person;applications.balance/total"));
    assert_string_equal(header + strlen(header) - 2, "\r\n");
    assert_string_equal(row + strlen(row) - 2, "\r\n");
    free(header);
    free(row);
}

/* ---- the HTML 2019 report ---- */

static void html_report_metadata(void **state)
{
    const gk_report *r = *state;
    assert_int_equal(r->template_kind, GK_TEMPLATE_2019);
    assert_int_equal(r->year, 2019);
    assert_string_equal(r->agency, "示例市生态环境局");
    assert_string_equal(r->title, "示例市生态环境局2019年政府信息公开工作年度报告");
    assert_string_equal(r->source_format, "html");
    assert_string_equal(r->source_encoding, "UTF-8");
}

static void html_report_sections_end_at_footer(void **state)
{
    const gk_report *r = *state;
    assert_int_equal(r->section_count, 6);
    assert_string_equal(r->sections[0].title, "总体情况");
    assert_string_equal(r->sections[5].title, "其他需要报告的事项");
    assert_string_equal(r->sections[5].text, "无。"); /* the 版权所有 footer is not in it */
}

static void html_report_applications_with_nested_header(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_applications);
    assert_num(&r->apps[GK_ROW_NEW_RECEIVED][0], 5100);
    assert_num(&r->apps[GK_ROW_CARRIED_OVER][3], 113);
    assert_num(&r->apps[GK_ROW_GRANTED][0], 120);
    assert_num(&r->apps[GK_ROW_GRANTED][1], 121);
    assert_num(&r->apps[GK_ROW_GRANTED][5], 125);
    assert_num(&r->apps[GK_ROW_GRANTED][6], 120 + 121 + 122 + 123 + 124 + 125);
    assert_num(&r->apps[GK_ROW_DENIED_STATE_SECRET][2], 142);
    assert_num(&r->apps[GK_ROW_DENIED_ADMIN_INQUIRY][1], 211);
    assert_num(&r->apps[GK_ROW_DENIED_ADMIN_INQUIRY][3], 213);
    assert_num(&r->apps[GK_ROW_UNAVAILABLE_NOT_HELD][4], 224);
    assert_num(&r->apps[GK_ROW_NOT_PROCESSED_CONFIRMATION][5], 295);
    assert_num(&r->apps[GK_ROW_OTHER_PROCESSING][0], 300);
    assert_num(&r->apps[GK_ROW_RESULTS_TOTAL][0], 1900 + 10 * 209);
    assert_true(r->app_row_found[GK_ROW_OTHER_PROCESSING]);
    assert_false(r->app_row_found[GK_ROW_OTHER_OTHER]);
}

static void html_report_blank_cell_is_null(void **state)
{
    const gk_report *r = *state;
    const gk_num *blank = &r->apps[GK_ROW_DENIED_ADMIN_INQUIRY][HTML_BLANK_COL];
    assert_false(blank->present);
    assert_null(provenance(r, "applications.denied_admin_inquiry.research"));
    /* the rules that need it are skipped, not failed */
    assert_int_equal(find_check(r, "applications.row_total", "denied_admin_inquiry")->status, 2);
    assert_int_equal(find_check(r, "applications.results_sum", "research")->status, 2);
    assert_int_equal(find_check(r, "applications.results_sum", "commercial")->status, 0);

    gk_error err = {0};
    char *js = gk_report_to_json(r, &err);
    assert_non_null(js);
    json_error_t je;
    json_t *root = json_loads(js, 0, &je);
    assert_non_null(root);
    json_t *row = json_object_get(json_object_get(root, "applications"), "denied_admin_inquiry");
    assert_true(json_is_null(json_object_get(row, "research")));
    assert_int_equal(json_integer_value(json_object_get(row, "commercial")), 211);
    json_decref(root);
    free(js);
}

/* Text where a number belongs in a table-三 row ("abc" under 科研机构 of
 * 2.重复申请): the numbers on either side keep their values, the text cell
 * is null, and a diagnostic names row, column and text.  It used to be
 * taken for the row's label, and 自然人 and 商业企业 left of it became
 * null without a word. */
static void html_report_text_cell_among_values(void **state)
{
    (void)state;
    char *s = html_report();
    char *row = strstr(s, "<td>2.重复申请</td>");
    assert_non_null(row);
    char *cell = strstr(row, "<td>262</td>"); /* research: 100 + 10 * 16 + 2 */
    assert_non_null(cell);
    memcpy(cell + 4, "abc", 3);
    gk_report *r = convert_ok("report_2019.html", s, strlen(s));
    free(s);
    const gk_num *v = r->apps[GK_ROW_NOT_PROCESSED_DUPLICATE];
    assert_num(&v[0], 260);
    assert_num(&v[1], 261);
    assert_false(v[2].present);
    assert_num(&v[3], 263);
    assert_num(&v[5], 265);
    assert_num(&v[6], 260 + 261 + 262 + 263 + 264 + 265);
    bool told = false;
    for (size_t i = 0; i < r->diags.count; i++)
        told = told || strstr(r->diags.items[i].message, "applications.not_processed_duplicate.research: cell \"abc\"");
    assert_true(told);
    assert_string_equal(provenance(r, "applications.not_processed_duplicate.research"), "abc");
    gk_report_free(r);
}

static void html_report_active_disclosure_2019(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_active);
    assert_num(measure(r, "regulations", "new_made"), 2);
    assert_num(measure(r, "normative_documents", "total_published"), 41);
    assert_num(measure(r, "licensing", "previous_items"), 12);
    assert_num(measure(r, "licensing", "change"), -2);
    assert_num(measure(r, "licensing", "decisions"), 345);
    assert_num(measure(r, "procurement", "items"), 3);
    assert_num(measure(r, "procurement", "amount"), 251000);
    assert_string_equal(provenance(r, "active_disclosure.procurement.amount"), "251000元");
    /* items of the template the report lacks are present, with null values */
    assert_false(measure(r, "penalty", "decisions")->present);
}

static void html_report_reviews_and_failing_rule(void **state)
{
    const gk_report *r = *state;
    assert_true(r->has_reviews);
    assert_num(&r->rl[0][0], 2);
    assert_num(&r->rl[0][4], 5);
    assert_num(&r->rl[1][0], 3);
    assert_num(&r->rl[1][4], 4);
    assert_num(&r->rl[2][2], 0); /* "—" */
    assert_num(&r->rl[2][4], 1);
    const gk_check *c = find_check(r, "reviews_litigation.group_total", "review");
    assert_int_equal(c->status, 1);
    assert_num(&c->left, 4);
    assert_num(&c->right, 5);
    assert_int_equal(find_check(r, "reviews_litigation.group_total", "litigation_direct")->status, 0);
    assert_int_equal(find_check(r, "applications.balance", "natural_person")->status, 0);
    assert_int_equal(gk_report_failed_checks(r), 1);
}

static void html_report_xml_and_csv(void **state)
{
    const gk_report *r = *state;
    gk_error err = {0};
    char *xml = gk_report_to_xml(r, &err);
    if (!xml)
        fail_msg("no XML: %s", err.message);
    assert_true(schema_valid(xml));
    assert_non_null(strstr(xml, "xsi:nil=\"true\""));
    free(xml);
    char *header = gk_csv_header();
    char *row = gk_report_csv_row(r, &err);
    assert_non_null(row);
    assert_int_equal(csv_commas(row), csv_commas(header));
    free(header);
    free(row);
}

/* ---- other inputs ---- */

static void gbk_text_report(void **state)
{
    (void)state;
    /* "政府2020年政府信息公开工作年度报告\n一、总体情况\n" in GBK */
    static const char gbk[] = "\xD5\xFE\xB8\xAE"
                              "2020\xC4\xEA\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA\xB9\xA4\xD7\xF7"
                              "\xC4\xEA\xB6\xC8\xB1\xA8\xB8\xE6\n"
                              "\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6\n";
    gk_report *r = convert_ok("gbk.txt", gbk, sizeof gbk - 1);
    assert_string_equal(r->source_encoding, "GB18030");
    assert_int_equal(r->year, 2020);
    assert_string_equal(r->agency, "政府");
    assert_int_equal(r->template_kind, GK_TEMPLATE_FREE);
    assert_int_equal(r->section_count, 1);
    assert_string_equal(r->sections[0].title, "总体情况");
    /* no tables: every rule is skipped */
    assert_int_equal(gk_report_failed_checks(r), 0);
    for (size_t i = 0; i < r->check_count; i++)
        assert_int_equal(r->checks[i].status, 2);
    gk_report_free(r);
}

static void gbk_file_name_becomes_utf8_in_source_path(void **state)
{
    (void)state;
    static const char s[] = "一、概述\n正文。\n";
    gk_report *r = convert_ok("/d/\xB1\xA8\xB8\xE6.txt", s, sizeof s - 1); /* 报告 in GBK */
    assert_string_equal(r->source_path, "/d/报告.txt");
    assert_true(r->diags.count >= 1);
    assert_non_null(strstr(r->diags.items[0].message, "read as GB18030"));
    gk_error err;
    char *js = gk_report_to_json(r, &err);
    assert_non_null(js);
    assert_non_null(strstr(js, "\"path\": \"/d/报告.txt\""));
    free(js);
    gk_report_free(r);

    /* 0xFF is neither UTF-8 nor GB18030 */
    r = convert_ok("\xFF.txt", s, sizeof s - 1);
    assert_string_equal(r->source_path, "\xEF\xBF\xBD.txt");
    assert_int_equal(r->diags.items[0].severity, GK_SEV_WARNING);
    js = gk_report_to_json(r, &err);
    assert_non_null(js);
    assert_non_null(strstr(js, "\"path\": \"\xEF\xBF\xBD.txt\""));
    free(js);
    gk_report_free(r);
}

static void json_refuses_invalid_utf8_instead_of_dropping_the_key(void **state)
{
    (void)state;
    /* No reader produces invalid UTF-8; a library user filling a report by
     * hand might.  The key must not vanish from the output. */
    static const char s[] = "一、概述\n正文。\n";
    gk_report *r = convert_ok("ok.txt", s, sizeof s - 1);
    free(r->source_path);
    r->source_path = gk_strdup("bad\xFF");
    gk_error err = {0};
    char *js = gk_report_to_json(r, &err);
    assert_null(js);
    /* a defect, not memory: named as such, with the key */
    assert_int_equal(err.status, GK_ERR_INTERNAL);
    assert_non_null(strstr(err.message, "\"path\" is not valid UTF-8"));
    gk_report_free(r);
}

static void free_form_year_from_statistics_period(void **state)
{
    (void)state;
    static const char s[] = "一、概述\n本报告统计期限从2016年1月1日起至12月31日止。\n二、主动公开情况\n略。\n";
    gk_report *r = convert_ok("free.txt", s, sizeof s - 1);
    assert_null(r->title);
    assert_int_equal(r->year, 2016);
    assert_int_equal(r->template_kind, GK_TEMPLATE_FREE);
    assert_int_equal(r->section_count, 2);
    gk_report_free(r);
}

static void report_from_file(void **state)
{
    (void)state;
    char path[] = "/tmp/gk_test_convert_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char *s = text_report();
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, strlen(s), f), strlen(s));
    fclose(f);
    free(s);
    gk_report *r = NULL;
    gk_error err;
    assert_int_equal(gk_report_from_file(path, &r, &err), GK_OK);
    assert_string_equal(r->source_path, path);
    assert_num(&r->apps[GK_ROW_GRANTED][1], 25);
    gk_report_free(r);
    remove(path);
    assert_int_equal(gk_report_from_file(path, &r, &err), GK_ERR_IO);
    assert_null(r);
}

/* ---- error paths ---- */

static gk_status convert_fails(const char *data, size_t len, gk_error *err)
{
    gk_report *r = (gk_report *)1; /* must be reset to NULL */
    gk_status st = gk_report_from_memory("in", data, len, &r, err);
    assert_null(r);
    assert_int_equal(err->status, st);
    assert_true(err->message[0] != '\0');
    return st;
}

static void empty_input(void **state)
{
    (void)state;
    gk_error err;
    assert_int_equal(convert_fails("", 0, &err), GK_ERR_EMPTY);
}

static void pdf_input(void **state)
{
    (void)state;
    gk_error err;
    static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
#ifdef GK_WITH_PDF /* read, and found damaged (no pages) */
    assert_int_equal(convert_fails(pdf, sizeof pdf - 1, &err), GK_ERR_CORRUPT);
    assert_non_null(strstr(err.message, "damaged PDF"));
#else /* refused: built without PDF support */
    assert_int_equal(convert_fails(pdf, sizeof pdf - 1, &err), GK_ERR_FORMAT);
    assert_non_null(strstr(err.message, "PDF"));
#endif
}

static void random_binary_input(void **state)
{
    (void)state;
    unsigned char noise[8192];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof noise; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise[i] = (unsigned char)x;
    }
    noise[0] = 'x';
    gk_error err;
    assert_int_equal(convert_fails((const char *)noise, sizeof noise, &err), GK_ERR_FORMAT);
}

static void truncated_zip_input(void **state)
{
    (void)state;
    gk_error err;
    static const char z[] = "PK\x03\x04garbage";
    assert_int_equal(convert_fails(z, sizeof z - 1, &err), GK_ERR_CORRUPT);
}

static void text_without_report(void **state)
{
    (void)state;
    gk_error err;
    static const char s[] = "这是一段普通的文字。\n没有标题，也没有编号的章节。\n";
    assert_int_equal(convert_fails(s, sizeof s - 1, &err), GK_ERR_NO_REPORT);
}

static void null_error_pointer_is_allowed(void **state)
{
    (void)state;
    gk_report *r = NULL;
    assert_int_equal(gk_report_from_memory("in", "", 0, &r, NULL), GK_ERR_EMPTY);
    assert_null(r);
}

/* ---- a DOCX through the pipeline ---- */

/* One entry alone in a ZIP archive; *len its size. */
static void *zip_one(const char *name, const char *content, size_t *len)
{
    const char *const entries[] = {name, content, NULL};
    blob b = make_zip(entries);
    *len = b.len;
    return b.data;
}

#define W_DOC(body)                                                                                   \
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/" \
    "2006/main\"><w:body>" body "</w:body></w:document>"
#define W_P(t) "<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"
#define W_TC(t) "<w:tc>" W_P(t) "</w:tc>"

static void docx_report(void **state)
{
    (void)state;
    size_t len;
    void *data = zip_one("word/document.xml",
                         W_DOC(W_P("某局2022年政府信息公开工作年度报告") W_P("一、总体情况") W_P("正文。")
                                   "<w:tbl><w:tr>" W_TC("信息内容") W_TC("本年处理决定数量") "</w:tr>"
                                   "<w:tr>" W_TC("行政许可") W_TC("５") "</w:tr></w:tbl>"),
                         &len);
    gk_report *r = convert_ok("x.docx", data, len);
    free(data);
    assert_string_equal(r->source_format, "docx");
    assert_int_equal(r->year, 2022);
    assert_string_equal(r->agency, "某局");
    assert_int_equal(r->template_kind, GK_TEMPLATE_2021); /* "no label tells" → from the year */
    assert_num(measure(r, "licensing", "decisions"), 5);
    assert_string_equal(provenance(r, "active_disclosure.licensing.decisions"), "５");
    gk_report_free(r);
}

static void docx_wide_continue_cell_does_not_crash(void **state)
{
    (void)state;
    /* Was a bug (fixed): a vMerge continue cell with w:gridSpan="100000" in a table 二
     * makes the table 100000 columns wide (gk_table_merge_down does not
     * clamp), and read_item_row (tables.c) writes colmap[i] for
     * i < t->ncols into int colmap[GK_MAX_TABLE_COLS]: stack buffer
     * overflow, a segfault in build/gkreport.  Expected: GK_OK (the span
     * clamped with a diagnostic).  Got: crash (ASan: stack-buffer-overflow
     * in read_item_row, tables.c:528). */
    size_t len;
    void *data = zip_one(
        "word/document.xml",
        W_DOC(W_P("某局2021年政府信息公开工作年度报告")
                  "<w:tbl><w:tr>" W_TC("信息内容") W_TC("本年处理决定数量") "</w:tr>"
                  "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" W_P("行政许可") "</w:tc>" W_TC("5") "</w:tr>"
                  "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"100000\"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
                  "<w:tr>" W_TC("行政处罚") W_TC("7") "</w:tr></w:tbl>"),
        &len);
    gk_report *r = convert_ok("wide.docx", data, len);
    free(data);
    assert_num(measure(r, "penalty", "decisions"), 7);
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(text_report_metadata, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_sections, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_applications, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_active_disclosure, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_reviews, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_checks, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_json, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_xml, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(text_report_csv, text_setup, report_teardown),
        cmocka_unit_test_setup_teardown(html_report_metadata, html_setup, report_teardown),
        cmocka_unit_test_setup_teardown(html_report_sections_end_at_footer, html_setup, report_teardown),
        cmocka_unit_test_setup_teardown(html_report_applications_with_nested_header, html_setup, report_teardown),
        cmocka_unit_test_setup_teardown(html_report_blank_cell_is_null, html_setup, report_teardown),
        cmocka_unit_test_setup_teardown(html_report_active_disclosure_2019, html_setup, report_teardown),
        cmocka_unit_test(html_report_text_cell_among_values),
        cmocka_unit_test_setup_teardown(html_report_reviews_and_failing_rule, html_setup, report_teardown),
        cmocka_unit_test_setup_teardown(html_report_xml_and_csv, html_setup, report_teardown),
        cmocka_unit_test(gbk_text_report),
        cmocka_unit_test(gbk_file_name_becomes_utf8_in_source_path),
        cmocka_unit_test(json_refuses_invalid_utf8_instead_of_dropping_the_key),
        cmocka_unit_test(free_form_year_from_statistics_period),
        cmocka_unit_test(report_from_file),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(pdf_input),
        cmocka_unit_test(random_binary_input),
        cmocka_unit_test(truncated_zip_input),
        cmocka_unit_test(text_without_report),
        cmocka_unit_test(null_error_pointer_is_allowed),
        cmocka_unit_test(docx_report),
        cmocka_unit_test(docx_wide_continue_cell_does_not_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
