/* test_writers.c — the writers (json.c, xml.c, csv.c) on a report converted
 * from a small tab-text report held in memory: the documented key order,
 * null for blank cells, amounts as reals, schema-valid XML with xsi:nil,
 * one-line JSON, CSV columns and quoting, and control characters. */
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

/* ---- the report ---- */


#define TITLE "示例县\"交通\",运输局2021年度政府信息公开工作年度报告"
#define BLANK_ROW 2 /* granted */
#define BLANK_COL 2 /* research */

/* Result rows (2…22) hold 1 in every applicant column, granted/research
 * blank; new_received 30 each, carried_over 0, results_total 21 (20 in the
 * research column), carried_forward the rest. */
static long value(int i, int j)
{
    if (i == 0)
        return 30;
    if (i == 1)
        return 0;
    if (i == 23)
        return j == BLANK_COL ? 20 : 21;
    if (i == 24)
        return 30 - value(23, j);
    return 1;
}

static char *report_text(const char *title)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, title);
    gk_buf_adds(&b, "\n一、总体情况\n"
                    "正文第一段。\n"
                    "二、主动公开政府信息情况\n"
                    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
                    "规章\t1\t0\t5\n"
                    "行政规范性文件\t2\t\t7\n"
                    "信息内容\t本年处理决定数量\t\t\n"
                    "行政许可\t12\t\t\n"
                    "信息内容\t本年收费金额（单位：万元）\t\t\n"
                    "行政事业性收费\t18651.06\t\t\n"
                    "三、收到和处理政府信息公开申请情况\n");
    add_apps_tab_table(&b, value, BLANK_ROW, BLANK_COL);
    gk_buf_adds(&b,
                "四、政府信息公开行政复议、行政诉讼情况\n" RL_TAB_HEADER
                "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
                "五、存在的主要问题及改进情况\n"
                "无。\n"
                "六、其他需要报告的事项\n"
                "无。\n");
    char *s = gk_buf_take(&b);
    assert_non_null(s);
    return s;
}

static gk_report *convert(const char *title)
{
    char *s = report_text(title);
    gk_report *r = NULL;
    gk_error err;
    gk_status st = gk_report_from_memory("mem/report.txt", s, strlen(s), &r, &err);
    free(s);
    if (st != GK_OK)
        fail_msg("conversion failed: %s (%s)", gk_strerror(st), err.message);
    return r;
}

static int setup(void **state)
{
    *state = convert(TITLE);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    gk_report_free(*state);
    return 0;
}

/* ---- helpers ---- */

static json_t *to_json(const gk_report *r)
{
    gk_error err = {0};
    char *js = gk_report_to_json(r, &err);
    if (!js)
        fail_msg("no JSON: %s", err.message);
    json_error_t je;
    json_t *root = json_loads(js, 0, &je);
    if (!root)
        fail_msg("JSON does not parse: %s (line %d)", je.text, je.line);
    free(js);
    return root;
}

/* The keys of an object, in order, joined by ','. */
static char *key_list(json_t *obj)
{
    gk_buf b;
    gk_buf_init(&b);
    for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
        if (b.len)
            gk_buf_addc(&b, ',');
        gk_buf_adds(&b, json_object_iter_key(it));
    }
    char *s = gk_buf_take(&b);
    assert_non_null(s);
    return s;
}

static void assert_keys(json_t *obj, const char *want)
{
    assert_true(json_is_object(obj));
    char *got = key_list(obj);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "keys:   %s\nwanted: %s\n", got, want);
        free(got);
        fail_msg("keys differ");
    }
    free(got);
}

/* RFC 4180: the fields of one line (without its "\r\n"); returns how many
 * were stored in out (each malloc()ed). */
static size_t csv_split(const char *line, char **out, size_t cap)
{
    size_t n = 0;
    const char *p = line;
    for (;;) {
        gk_buf f;
        gk_buf_init(&f);
        if (*p == '"') {
            p++;
            for (; *p; p++) {
                if (*p == '"' && p[1] == '"') {
                    gk_buf_addc(&f, '"');
                    p++;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    gk_buf_addc(&f, *p);
                }
            }
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n')
                gk_buf_addc(&f, *p++);
        }
        char *s = gk_buf_take(&f);
        if (n < cap)
            out[n++] = s ? s : gk_strdup("");
        else
            free(s);
        if (*p != ',')
            break;
        p++;
    }
    return n;
}

static void csv_free(char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(fields[i]);
}

enum { MAX_FIELDS = 1024 };

/* ---- JSON ---- */

static void json_top_level_keys_in_documented_order(void **state)
{
    json_t *root = to_json(*state);
    assert_keys(root, "agency,year,key,fingerprint,template,table_templates,title,sections,active_disclosure,applications,reviews_litigation,"
                      "checks,diagnostics,provenance,source");
    json_decref(root);
}

static void json_metadata_values(void **state)
{
    json_t *root = to_json(*state);
    assert_string_equal(json_string_value(json_object_get(root, "title")), TITLE);
    assert_true(json_is_integer(json_object_get(root, "year")));
    assert_int_equal(json_integer_value(json_object_get(root, "year")), 2021);
    assert_string_equal(json_string_value(json_object_get(root, "template")), "2021");
    json_t *src = json_object_get(root, "source");
    assert_keys(src, "path,format,encoding");
    assert_string_equal(json_string_value(json_object_get(src, "path")), "mem/report.txt");
    assert_string_equal(json_string_value(json_object_get(src, "format")), "text");
    assert_string_equal(json_string_value(json_object_get(src, "encoding")), "UTF-8");
    json_decref(root);
}

static void json_sections(void **state)
{
    json_t *root = to_json(*state);
    json_t *sections = json_object_get(root, "sections");
    assert_int_equal(json_array_size(sections), 6);
    json_t *first = json_array_get(sections, 0);
    assert_keys(first, "number,title,text");
    assert_int_equal(json_integer_value(json_object_get(first, "number")), 1);
    assert_string_equal(json_string_value(json_object_get(first, "title")), "总体情况");
    assert_string_equal(json_string_value(json_object_get(first, "text")), "正文第一段。");
    json_decref(root);
}

static void json_blank_cell_is_null(void **state)
{
    json_t *root = to_json(*state);
    json_t *granted = json_object_get(json_object_get(root, "applications"), "granted");
    assert_non_null(granted);
    json_t *research = json_object_get(granted, "research");
    assert_non_null(research);           /* the key is there … */
    assert_true(json_is_null(research)); /* … with null, not 0 */
    assert_true(json_is_integer(json_object_get(granted, "commercial")));
    assert_int_equal(json_integer_value(json_object_get(granted, "commercial")), 1);
    json_t *normative = json_object_get(json_object_get(root, "active_disclosure"), "normative_documents");
    assert_true(json_is_null(json_object_get(normative, "repealed")));
    assert_int_equal(json_integer_value(json_object_get(normative, "in_force")), 7);
    json_decref(root);
}

static void json_amount_is_a_real(void **state)
{
    json_t *root = to_json(*state);
    json_t *fees = json_object_get(json_object_get(root, "active_disclosure"), "fees");
    json_t *amount = json_object_get(fees, "amount");
    assert_true(json_is_real(amount));
    assert_true(json_real_value(amount) == 18651.06);
    json_t *licensing = json_object_get(json_object_get(root, "active_disclosure"), "licensing");
    assert_true(json_is_integer(json_object_get(licensing, "decisions")));
    json_decref(root);
}

static void json_amount_with_no_fraction_is_still_a_real(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->has_active = true;
    r->items = calloc(1, sizeof *r->items);
    assert_non_null(r->items);
    r->item_count = 1;
    r->items[0].code = gk_strdup("fees");
    r->items[0].count = 1;
    r->items[0].measures[0] = "amount";
    r->items[0].values[0] = (gk_num){true, true, 12};
    gk_error err = {0};
    char *js = gk_report_to_json_line(r, &err);
    assert_non_null(js);
    json_t *root = json_loads(js, 0, NULL);
    assert_non_null(root);
    json_t *amount =
        json_object_get(json_object_get(json_object_get(root, "active_disclosure"), "fees"), "amount");
    assert_true(json_is_real(amount));
    assert_true(json_real_value(amount) == 12.0);
    json_decref(root);
    free(js);
    gk_report_free(r);
}

static void json_applications_rows_and_columns_in_order(void **state)
{
    json_t *root = to_json(*state);
    json_t *apps = json_object_get(root, "applications");
    assert_int_equal(json_object_size(apps), 25);
    assert_string_equal(json_object_iter_key(json_object_iter(apps)), "new_received");
    assert_null(json_object_get(apps, "other_processing"));
    int rows[GK_APP_ROW_COUNT];
    size_t n = gk_edition_ids(GK_TERM_ROW, GK_ED_2021, rows, GK_APP_ROW_COUNT);
    gk_buf want;
    gk_buf_init(&want);
    for (size_t i = 0; i < n; i++)
        gk_buf_printf(&want, "%s%s", i ? "," : "", gk_code(GK_TERM_ROW, rows[i]));
    assert_keys(apps, want.data);
    gk_buf_free(&want);
    assert_keys(json_object_get(apps, "carried_forward"),
                "natural_person,commercial,research,social_welfare,legal_service,other_org,total");
    json_decref(root);
}

static void json_reviews_groups_and_results_in_order(void **state)
{
    json_t *root = to_json(*state);
    json_t *rl = json_object_get(root, "reviews_litigation");
    assert_keys(rl, "review,litigation_direct,litigation_after_review");
    assert_keys(json_object_get(rl, "review"), "upheld,corrected,other,pending,total");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(rl, "review"), "total")), 1);
    json_decref(root);
}

static void json_checks_and_skipped_null_sides(void **state)
{
    json_t *root = to_json(*state);
    json_t *checks = json_object_get(root, "checks");
    assert_int_equal(json_array_size(checks), 47); /* 42 table rules and the 5 text.* figures */
    json_t *c0 = json_array_get(checks, 0);
    assert_keys(c0, "rule,scope,status,left,right");
    bool saw_skip = false;
    for (size_t i = 0; i < json_array_size(checks); i++) {
        json_t *c = json_array_get(checks, i);
        const char *status = json_string_value(json_object_get(c, "status"));
        const char *rule = json_string_value(json_object_get(c, "rule"));
        const char *scope = json_string_value(json_object_get(c, "scope"));
        if (!strcmp(rule, "applications.row_total") && !strcmp(scope, "granted")) {
            assert_string_equal(status, "skipped");
            assert_true(json_is_null(json_object_get(c, "left")));
            assert_true(json_is_null(json_object_get(c, "right")));
            saw_skip = true;
        } else if (!strcmp(rule, "applications.balance") && !strcmp(scope, "natural_person")) {
            assert_string_equal(status, "pass");
            assert_int_equal(json_integer_value(json_object_get(c, "left")), 30);
            assert_int_equal(json_integer_value(json_object_get(c, "right")), 30);
        }
    }
    assert_true(saw_skip);
    json_decref(root);
}

static void json_without_tables_has_null_tables(void **state)
{
    (void)state;
    static const char s[] = "某局2015年政府信息公开工作年度报告\n一、概述\n无。\n";
    gk_report *r = NULL;
    gk_error err;
    assert_int_equal(gk_report_from_memory("free.txt", s, sizeof s - 1, &r, &err), GK_OK);
    json_t *root = to_json(r);
    assert_string_equal(json_string_value(json_object_get(root, "template")), "free");
    assert_true(json_is_null(json_object_get(root, "active_disclosure")));
    assert_true(json_is_null(json_object_get(root, "applications")));
    assert_true(json_is_null(json_object_get(root, "reviews_litigation")));
    assert_true(json_is_array(json_object_get(root, "provenance")));
    json_decref(root);
    gk_report_free(r);
}

static void json_unknown_fields_are_null(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    gk_error err = {0};
    char *js = gk_report_to_json(r, &err);
    assert_non_null(js);
    json_t *root = json_loads(js, 0, NULL);
    assert_non_null(root);
    assert_true(json_is_null(json_object_get(root, "agency")));
    assert_true(json_is_null(json_object_get(root, "year")));
    assert_true(json_is_null(json_object_get(root, "title")));
    assert_int_equal(json_array_size(json_object_get(root, "sections")), 0);
    json_decref(root);
    free(js);
    gk_report_free(r);
}

/* A string the library should never hold (half a character, the bug the
 * fuzzer found in a section title) is a library failure named by its key,
 * not "out of memory": no allocation failed. */
static void json_invalid_utf8_is_no_out_of_memory(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->sections = calloc(1, sizeof *r->sections);
    assert_non_null(r->sections);
    r->section_count = 1;
    r->sections[0].number = 3;
    r->sections[0].title = gk_strdup("依申请公开\xE4\xBA"); /* 人 cut after two of its bytes */
    r->sections[0].text = gk_strdup("正文。");
    gk_error err = {0};
    char *js = gk_report_to_json(r, &err);
    assert_null(js);
    assert_int_equal(err.status, GK_ERR_INTERNAL);
    assert_non_null(strstr(err.message, "\"title\""));
    assert_non_null(strstr(err.message, "UTF-8"));
    assert_null(strstr(err.message, "memory"));
    gk_report_free(r);
}

static void json_pretty_ends_in_one_newline(void **state)
{
    gk_error err = {0};
    char *js = gk_report_to_json(*state, &err);
    assert_non_null(js);
    size_t n = strlen(js);
    assert_true(n > 2);
    assert_int_equal(js[n - 1], '\n');
    assert_true(js[n - 2] != '\n');
    assert_non_null(strstr(js, "\n  \"year\": 2021")); /* indented */
    free(js);
}

static void json_line_has_only_final_newline(void **state)
{
    gk_error err = {0};
    char *line = gk_report_to_json_line(*state, &err);
    assert_non_null(line);
    size_t n = strlen(line);
    assert_int_equal(line[n - 1], '\n');
    assert_ptr_equal(strchr(line, '\n'), line + n - 1);
    assert_null(strchr(line, '\r'));
    char *pretty = gk_report_to_json(*state, &err);
    assert_non_null(pretty);
    json_t *a = json_loads(line, 0, NULL), *b = json_loads(pretty, 0, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(json_equal(a, b)); /* the same content */
    json_decref(a);
    json_decref(b);
    free(pretty);
    free(line);
}

static void json_is_deterministic(void **state)
{
    gk_error err = {0};
    char *a = gk_report_to_json(*state, &err), *b = gk_report_to_json(*state, &err);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* ---- XML ---- */

static void xml_valid_with_nil_for_blank(void **state)
{
    gk_error err = {0};
    char *xml = gk_report_to_xml(*state, &err);
    if (!xml)
        fail_msg("no XML: %s", err.message);
    assert_true(schema_valid(xml));
    assert_non_null(strstr(xml, "xsi:nil=\"true\""));
    assert_non_null(strstr(xml, "<template>2021</template>"));
    assert_non_null(strstr(xml, "<year>2021</year>"));
    assert_non_null(strstr(xml, "18651.06"));
    /* the title's quotes and comma survive as text */
    assert_non_null(strstr(xml, "<title>示例县\"交通\",运输局2021年度政府信息公开工作年度报告</title>"));
    free(xml);
}

static void xml_blank_cell_is_the_nil_one(void **state)
{
    gk_error err = {0};
    char *xml = gk_report_to_xml(*state, &err);
    assert_non_null(xml);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "r.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    /* find <row code="granted"> and its research value */
    bool found = false;
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "applications") != 0)
            continue;
        for (xmlNodePtr row = n->children; row; row = row->next) {
            if (row->type != XML_ELEMENT_NODE)
                continue;
            xmlChar *code = xmlGetProp(row, (const xmlChar *)"code");
            bool granted = code && !strcmp((const char *)code, "granted");
            xmlFree(code);
            if (!granted)
                continue;
            for (xmlNodePtr v = row->children; v; v = v->next) {
                if (v->type != XML_ELEMENT_NODE)
                    continue;
                xmlChar *col = xmlGetProp(v, (const xmlChar *)"column");
                xmlChar *nil = xmlGetNsProp(v, (const xmlChar *)"nil",
                                            (const xmlChar *)"http://www.w3.org/2001/XMLSchema-instance");
                xmlChar *text = xmlNodeGetContent(v);
                if (col && !strcmp((const char *)col, "research")) {
                    assert_non_null(nil);
                    assert_string_equal((const char *)nil, "true");
                    assert_string_equal((const char *)text, "");
                    found = true;
                } else {
                    assert_null(nil);
                }
                xmlFree(col);
                xmlFree(nil);
                xmlFree(text);
            }
        }
    }
    assert_true(found);
    xmlFreeDoc(doc);
    free(xml);
}

static void xml_control_character_in_title(void **state)
{
    (void)state;
    gk_report *r = convert("示例\x01县\x1f交通局2021年度政府信息公开工作年度报告");
    assert_non_null(r->title);
    assert_non_null(strchr(r->title, '\x01')); /* the pipeline kept it */
    gk_error err = {0};
    char *xml = gk_report_to_xml(r, &err);
    if (!xml)
        fail_msg("no XML: %s", err.message);
    assert_null(strchr(xml, '\x01'));
    assert_null(strchr(xml, '\x1f'));
    assert_non_null(strstr(xml, "示例\xEF\xBF\xBD县\xEF\xBF\xBD交通局")); /* U+FFFD in their place */
    assert_true(schema_valid(xml));
    free(xml);
    /* JSON escapes it */
    char *js = gk_report_to_json_line(r, &err);
    assert_non_null(js);
    assert_null(strchr(js, '\x01'));
    assert_non_null(strstr(js, "\\u0001"));
    free(js);
    gk_report_free(r);
}

static void xml_control_character_in_diagnostic_and_section(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->title = gk_strdup("标题\x02");
    r->sections = calloc(1, sizeof *r->sections);
    assert_non_null(r->sections);
    r->section_count = 1;
    r->sections[0].number = 1;
    r->sections[0].title = gk_strdup("总体\x0b情况");
    r->sections[0].text = gk_strdup("正文\x0c。\t制表\n换行");
    gk_diag_add(&r->diags, GK_SEV_WARNING, "table\x07", "cell \"\x1b[31m\"");
    r->source_path = gk_strdup("a\x03.txt");
    r->source_format = "text"; /* always set by the pipeline; the schema requires one */
    r->source_encoding = "UTF-8";
    gk_error err = {0};
    char *xml = gk_report_to_xml(r, &err);
    if (!xml)
        fail_msg("no XML: %s", err.message);
    for (const char *p = xml; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
            fail_msg("control character 0x%02x in XML", (unsigned char)*p);
    assert_true(schema_valid(xml));
    free(xml);
    gk_report_free(r);
}

static void xml_empty_report_is_valid(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->source_format = "html"; /* always set by the pipeline; the schema requires one */
    gk_error err = {0};
    char *xml = gk_report_to_xml(r, &err);
    if (!xml)
        fail_msg("no XML: %s", err.message);
    assert_true(schema_valid(xml));
    free(xml);
    gk_report_free(r);
}

/* ---- CSV ---- */

static void csv_header_and_row_have_equal_columns(void **state)
{
    char *header = gk_csv_header();
    gk_error err = {0};
    char *row = gk_report_csv_row(*state, &err);
    assert_non_null(header);
    assert_non_null(row);
    char **h = calloc(MAX_FIELDS, sizeof *h), **v = calloc(MAX_FIELDS, sizeof *v);
    assert_non_null(h);
    assert_non_null(v);
    size_t nh = csv_split(header, h, MAX_FIELDS), nv = csv_split(row, v, MAX_FIELDS);
    assert_true(nh > 200);
    assert_true(nh < MAX_FIELDS);
    assert_int_equal(nh, nv);
    assert_string_equal(h[0], "source.path");
    csv_free(h, nh);
    csv_free(v, nv);
    free(h);
    free(v);
    assert_string_equal(header + strlen(header) - 2, "\r\n");
    assert_string_equal(row + strlen(row) - 2, "\r\n");
    free(header);
    free(row);
}

static void csv_quotes_title_with_comma_and_quotes(void **state)
{
    gk_error err = {0};
    char *row = gk_report_csv_row(*state, &err);
    assert_non_null(row);
    assert_non_null(strstr(row, ",\"示例县\"\"交通\"\",运输局2021年度政府信息公开工作年度报告\","));
    free(row);
}

/* The row's field under header column `name`. */
static char *csv_value(const gk_report *r, const char *name)
{
    char *header = gk_csv_header();
    gk_error err = {0};
    char *row = gk_report_csv_row(r, &err);
    assert_non_null(header);
    assert_non_null(row);
    char **h = calloc(MAX_FIELDS, sizeof *h), **v = calloc(MAX_FIELDS, sizeof *v);
    assert_non_null(h);
    assert_non_null(v);
    size_t nh = csv_split(header, h, MAX_FIELDS), nv = csv_split(row, v, MAX_FIELDS);
    char *out = NULL;
    for (size_t i = 0; i < nh && i < nv && !out; i++)
        if (!strcmp(h[i], name))
            out = gk_strdup(v[i]);
    csv_free(h, nh);
    csv_free(v, nv);
    free(h);
    free(v);
    free(header);
    free(row);
    if (!out)
        fail_msg("no CSV column %s", name);
    return out;
}

static void expect_csv(const gk_report *r, const char *name, const char *want)
{
    char *got = csv_value(r, name);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "column %s: \"%s\", expected \"%s\"\n", name, got, want);
        free(got);
        fail_msg("CSV value differs");
    }
    free(got);
}

static void csv_values_by_column(void **state)
{
    const gk_report *r = *state;
    expect_csv(r, "title", TITLE);
    expect_csv(r, "year", "2021");
    expect_csv(r, "template", "2021");
    expect_csv(r, "source.format", "text");
    expect_csv(r, "applications.granted.research", ""); /* blank: empty, not 0 */
    expect_csv(r, "applications.granted.commercial", "1");
    expect_csv(r, "applications.new_received.total", "180");
    expect_csv(r, "active_disclosure.fees.amount", "18651.06");
    expect_csv(r, "active_disclosure.normative_documents.repealed", "");
    expect_csv(r, "reviews_litigation.review.total", "1");
    /* a row of the other template is empty */
    expect_csv(r, "applications.other_processing.total", "");
    /* 2019-only measures are empty for a 2021 report */
    expect_csv(r, "active_disclosure.procurement.amount", "");
    expect_csv(r, "checks.failed", "0");
}

static void csv_without_tables_has_empty_values(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    gk_run_checks(r);
    expect_csv(r, "year", "");
    expect_csv(r, "agency", "");
    expect_csv(r, "template", "free");
    expect_csv(r, "applications.new_received.total", "");
    expect_csv(r, "checks.failed", "0");
    gk_report_free(r);
}

static void csv_title_with_newline_stays_one_record(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->title = gk_strdup("第一行\r\n第二行");
    gk_error err = {0};
    char *row = gk_report_csv_row(r, &err);
    assert_non_null(row);
    assert_non_null(strstr(row, ",\"第一行\r\n第二行\","));
    char *header = gk_csv_header();
    assert_non_null(header);
    char **h = calloc(MAX_FIELDS, sizeof *h), **v = calloc(MAX_FIELDS, sizeof *v);
    assert_non_null(h);
    assert_non_null(v);
    size_t nh = csv_split(header, h, MAX_FIELDS), nv = csv_split(row, v, MAX_FIELDS);
    assert_int_equal(nh, nv);
    csv_free(h, nh);
    csv_free(v, nv);
    free(h);
    free(v);
    free(header);
    free(row);
    gk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(json_top_level_keys_in_documented_order, setup, teardown),
        cmocka_unit_test_setup_teardown(json_metadata_values, setup, teardown),
        cmocka_unit_test_setup_teardown(json_sections, setup, teardown),
        cmocka_unit_test_setup_teardown(json_blank_cell_is_null, setup, teardown),
        cmocka_unit_test_setup_teardown(json_amount_is_a_real, setup, teardown),
        cmocka_unit_test(json_amount_with_no_fraction_is_still_a_real),
        cmocka_unit_test_setup_teardown(json_applications_rows_and_columns_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(json_reviews_groups_and_results_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(json_checks_and_skipped_null_sides, setup, teardown),
        cmocka_unit_test(json_without_tables_has_null_tables),
        cmocka_unit_test(json_unknown_fields_are_null),
        cmocka_unit_test_setup_teardown(json_pretty_ends_in_one_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(json_line_has_only_final_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(json_is_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(xml_valid_with_nil_for_blank, setup, teardown),
        cmocka_unit_test_setup_teardown(xml_blank_cell_is_the_nil_one, setup, teardown),
        cmocka_unit_test(xml_control_character_in_title),
        cmocka_unit_test(xml_control_character_in_diagnostic_and_section),
        cmocka_unit_test(xml_empty_report_is_valid),
        cmocka_unit_test(json_invalid_utf8_is_no_out_of_memory),
        cmocka_unit_test_setup_teardown(csv_header_and_row_have_equal_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_quotes_title_with_comma_and_quotes, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_values_by_column, setup, teardown),
        cmocka_unit_test(csv_without_tables_has_empty_values),
        cmocka_unit_test(csv_title_with_newline_stays_one_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
