/* fixtures.h — what several unit tests build reports from: the 2021
 * template's table-三 labels, a tab-text table 三 written from a value
 * function, table 四's tab-text header, finding a check by name, and
 * validating XML against the embedded schema.
 * Include it after <cmocka.h>. */
#ifndef GK_TEST_FIXTURES_H
#define GK_TEST_FIXTURES_H

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "internal.h"

/* Table-三 row labels of the 2021 template, in template order. */
static const char *const labels_2021[25] = {
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理 1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
};

/* Table 四's three header lines as tab text; the values line follows. */
#define RL_TAB_HEADER                                                                                      \
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"                                                       \
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"          \
    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"

/* Table 三 as tab text: the applicant header, then the 25 rows, each
 * `value(i, j)` for the six columns (blank at blank_row/blank_col, -1 for
 * none) and their sum as 总计. */
static inline void add_apps_tab_table(gk_buf *b, long (*value)(int i, int j), int blank_row, int blank_col)
{
    gk_buf_adds(b, "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n");
    for (int i = 0; i < 25; i++) {
        gk_buf_adds(b, labels_2021[i]);
        long total = 0;
        for (int j = 0; j < 6; j++) {
            if (i == blank_row && j == blank_col) {
                gk_buf_adds(b, "\t");
                continue;
            }
            gk_buf_printf(b, "\t%ld", value(i, j));
            total += value(i, j);
        }
        gk_buf_printf(b, "\t%ld\n", total);
    }
}

static inline const gk_check *find_check(const gk_report *r, const char *rule, const char *scope)
{
    for (size_t i = 0; i < r->check_count; i++)
        if (!strcmp(r->checks[i].rule, rule) && !strcmp(r->checks[i].scope, scope))
            return &r->checks[i];
    fail_msg("no check %s/%s", rule, scope);
    return NULL;
}

/* Validates xml against the embedded schema, independently of the library. */
static inline bool schema_valid(const char *xml)
{
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(gk_schema_text(), (int)strlen(gk_schema_text()));
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!schema)
        return false;
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "report.xml", NULL, XML_PARSE_NONET);
    bool ok = false;
    if (doc) {
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
        ok = xmlSchemaValidateDoc(vc, doc) == 0;
        xmlSchemaFreeValidCtxt(vc);
        xmlFreeDoc(doc);
    }
    xmlSchemaFree(schema);
    return ok;
}

#endif
