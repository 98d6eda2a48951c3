/* test_analyst.c — the tables for analysts: what text reaches an output
 * (textout.c), CSV fields for spreadsheets, the long format (long.c), the
 * wide CSV's columns (fields.c's list), JSON line separators and the
 * codebook (codebook.c), on reports built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "textout.h"

enum { MAX_FIELDS = 400 };

/* The fields of the CSV record at *p (RFC 4180), advancing *p past its
 * CRLF; returns how many. */
static size_t record(const char **p, char **out, size_t cap)
{
    size_t n = 0;
    gk_buf f;
    gk_buf_init(&f);
    const char *s = *p;
    bool quoted = false;
    for (;; s++) {
        if (quoted) {
            if (*s == '"' && s[1] == '"') {
                gk_buf_addc(&f, '"');
                s++;
            } else if (*s == '"') {
                quoted = false;
            } else {
                assert_true(*s != '\0');
                gk_buf_addc(&f, *s);
            }
            continue;
        }
        if (*s == '"') {
            quoted = true;
        } else if (*s == ',' || *s == '\r' || *s == '\0') {
            assert_true(n < cap);
            out[n++] = gk_buf_take(&f);
            assert_non_null(out[n - 1]);
            gk_buf_init(&f);
            if (*s != ',')
                break;
        } else {
            gk_buf_addc(&f, *s);
        }
    }
    if (*s == '\r') {
        assert_int_equal(s[1], '\n');
        s += 2;
    }
    *p = s;
    return n;
}

static void free_fields(char **f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i]);
}

/* ---- a report built by hand: every table, an extra row, provenance ---- */

static gk_report *sample_report(const char *agency, const char *title)
{
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->agency = agency ? gk_strdup(agency) : NULL;
    r->title = title ? gk_strdup(title) : NULL;
    r->year = 2019;
    r->template_kind = GK_TEMPLATE_2019;
    r->active_edition = r->apps_edition = GK_ED_2019;
    r->source_path = gk_strdup("in/a.txt");
    r->source_format = "text";
    r->source_encoding = "UTF-8";
    r->has_active = true;
    r->items = calloc(2, sizeof *r->items);
    assert_non_null(r->items);
    r->item_count = 2;
    r->items[0] = (gk_item){gk_strdup("licensing"), NULL, 3, {"previous_items", "change", "decisions"},
                            {{true, false, 12}, {true, false, -4}, {false, false, 0}}};
    r->items[1] = (gk_item){gk_strdup("extra_1"), gk_strdup("@其他文件"), 1, {"new_made"}, {{true, false, 6}}};
    r->has_applications = true;
    r->app_row_count = (size_t)gk_edition_ids(GK_TERM_ROW, GK_ED_2019, r->app_rows, GK_APP_ROW_COUNT);
    for (size_t i = 0; i < r->app_row_count; i++)
        for (int c = 0; c < GK_COL_COUNT; c++)
            r->apps[r->app_rows[i]][c] = (gk_num){true, false, (double)(i * 10 + (size_t)c)};
    r->apps[GK_ROW_GRANTED][GK_COL_RESEARCH].present = false;
    r->has_reviews = true;
    for (int g = 0; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            r->rl[g][k] = (gk_num){true, false, (double)(g + k)};
    assert_true(gk_report_add_provenance(r, "applications.granted.commercial", "1,0\"1件"));
    assert_true(gk_report_add_provenance(r, "active_disclosure.licensing.change", "-4"));
    return r;
}

/* ---- textout.c ---- */

static void controls_are_c0_del_c1_and_nonchars(void **state)
{
    (void)state;
    assert_true(gk_cp_is_control(0x00));
    assert_true(gk_cp_is_control(0x1B));
    assert_false(gk_cp_is_control('\t'));
    assert_false(gk_cp_is_control('\n'));
    assert_false(gk_cp_is_control('\r'));
    assert_false(gk_cp_is_control(' '));
    assert_true(gk_cp_is_control(0x7F));
    assert_true(gk_cp_is_control(0x85));
    assert_true(gk_cp_is_control(0x9F));
    assert_false(gk_cp_is_control(0xA0));
    assert_false(gk_cp_is_control(0x2028)); /* text: kept where it can be */
    assert_true(gk_cp_is_control(0xFFFE));
}

static void clean_replaces_controls_and_bad_bytes(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_add_clean(&b, "a\x01" "b\x7f" "c\xC2\x85" "d\xFF" "e\t\xE2\x80\xA8中");
    assert_false(b.failed);
    assert_string_equal(b.data, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e\t\xE2\x80\xA8中");
    gk_buf_free(&b);
}

static void json_separators_escaped(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, "{\"t\":\"a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xC2\x85" "d\x7f" "e\xE2\x80\xA7中\"}\n");
    gk_json_escape_separators(&b);
    assert_string_equal(b.data, "{\"t\":\"a\\u2028b\\u2029c\\u0085d\\u007fe\xE2\x80\xA7中\"}\n");
    gk_buf_free(&b);
    gk_buf_init(&b);
    gk_buf_adds(&b, "{\"t\":\"中文\"}\n");
    char *before = b.data;
    gk_json_escape_separators(&b);
    assert_ptr_equal(b.data, before); /* nothing to escape: not copied */
    gk_buf_free(&b);
}

static void excel_neutralizes_text_fields_only(void **state)
{
    (void)state;
    const char *starts[] = {"=1+1", "+86", "-x", "@SUM(A1)", "\tx", "\rx"};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        gk_buf b;
        gk_buf_init(&b);
        gk_csv_field(&b, starts[i], GK_CSV_FIELD_FIRST | GK_CSV_FIELD_SOURCE, GK_CSV_EXCEL);
        const char *p = b.data + (b.data[0] == '"');
        assert_int_equal(p[0], '\'');
        assert_int_equal(p[1], starts[i][0]);
        gk_buf_free(&b);
        gk_buf_init(&b);
        gk_csv_field(&b, starts[i], GK_CSV_FIELD_FIRST | GK_CSV_FIELD_SOURCE, 0);
        assert_int_not_equal(b.data[0], '\''); /* only for spreadsheets */
        gk_buf_free(&b);
    }
    gk_buf b;
    gk_buf_init(&b);
    gk_csv_field(&b, "-4", GK_CSV_FIELD_FIRST, GK_CSV_EXCEL); /* a number */
    gk_csv_field(&b, "a\xE2\x80\xA8" "b", GK_CSV_FIELD_SOURCE, GK_CSV_EXCEL);
    gk_csv_field(&b, "x\x01y", GK_CSV_FIELD_SOURCE, 0);
    assert_string_equal(b.data, "-4,\"a\xE2\x80\xA8" "b\",x\xEF\xBF\xBDy");
    gk_buf_free(&b);
}

/* ---- the long format ---- */

static void long_has_a_line_per_cell(void **state)
{
    (void)state;
    gk_report *r = sample_report("示例局", "标题");
    gk_error err = {0};
    char *header = gk_long_header();
    char *rows = gk_report_long_rows(r, 0, &err);
    assert_non_null(header);
    assert_non_null(rows);
    char *h[MAX_FIELDS], *f[MAX_FIELDS];
    const char *p = header;
    size_t nh = record(&p, h, MAX_FIELDS);
    const gk_field_doc *d;
    size_t ndoc = 0;
    while ((d = gk_long_column(ndoc)) != NULL) {
        assert_string_equal(h[ndoc], d->name);
        if (!d->type) /* a key column: a field of the wide CSV's list */
            assert_non_null(gk_field_find(d->name));
        ndoc++;
    }
    assert_int_equal(nh, ndoc);
    size_t lines = 0, extras = 0, blanks = 0;
    bool saw_raw = false, saw_negative = false;
    for (p = rows; *p; lines++) {
        size_t n = record(&p, f, MAX_FIELDS);
        assert_int_equal(n, nh);
        assert_string_equal(f[0], "in/a.txt");
        assert_string_equal(f[1], "示例局");
        assert_string_equal(f[2], "2019");
        assert_string_equal(f[3], "2019");
        if (!strcmp(f[5], "extra_1")) {
            extras++;
            assert_string_equal(f[6], "@其他文件");
            assert_string_equal(f[8], "6");
        } else {
            assert_string_equal(f[6], "");
        }
        blanks += f[8][0] == '\0';
        if (!strcmp(f[5], "granted") && !strcmp(f[7], "commercial")) {
            assert_string_equal(f[9], "1,0\"1件"); /* quoted and read back */
            saw_raw = true;
        }
        if (!strcmp(f[5], "licensing") && !strcmp(f[7], "change")) {
            assert_string_equal(f[8], "-4");
            saw_negative = true;
        }
        free_fields(f, n);
    }
    /* 4 values of 二, 23 rows × 7 of 三 (2019), 3 × 5 of 四 */
    assert_int_equal(lines, 4 + 23 * 7 + 15);
    assert_int_equal(extras, 1);
    assert_int_equal(blanks, 2); /* licensing.decisions and granted.research */
    assert_true(saw_raw && saw_negative);
    free_fields(h, nh);
    free(header);
    free(rows);
    gk_report_free(r);
}

static void long_for_excel_and_without_tables(void **state)
{
    (void)state;
    gk_report *r = sample_report("=HYPERLINK(x)", NULL);
    gk_error err = {0};
    char *rows = gk_report_long_rows(r, GK_CSV_EXCEL, &err);
    assert_non_null(rows);
    assert_non_null(strstr(rows, "in/a.txt,'=HYPERLINK(x),2019,2019,active_disclosure,extra_1,'@其他文件,new_made,6,\r\n"));
    assert_non_null(strstr(rows, ",licensing,,change,-4,'-4\r\n")); /* the number stays, its text is neutralized */
    free(rows);
    r->has_active = r->has_applications = r->has_reviews = false;
    rows = gk_report_long_rows(r, 0, &err);
    assert_non_null(rows);
    assert_string_equal(rows, "");
    free(rows);
    gk_report_free(r);
}

/* ---- the wide CSV ---- */

static void csv_columns_are_the_header(void **state)
{
    (void)state;
    size_t n = gk_field_count();
    char *header = gk_csv_header();
    assert_non_null(header);
    char *h[MAX_FIELDS];
    const char *p = header;
    size_t nh = record(&p, h, MAX_FIELDS);
    assert_true(n < MAX_FIELDS); /* room to spare: none cut off */
    assert_int_equal(nh, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(h[i], gk_field_at(i)->name);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(h[k], h[i]);
    }
    free_fields(h, nh);
    free(header);
}

static void csv_excel_row(void **state)
{
    (void)state;
    gk_report *r = sample_report("-示例局", "=1+1 标题");
    gk_error err = {0};
    char *row = gk_report_csv_row_opt(r, GK_CSV_EXCEL, &err);
    char *plain = gk_report_csv_row(r, &err);
    char *header = gk_csv_header();
    assert_non_null(row);
    assert_non_null(plain);
    assert_non_null(header);
    char *h[MAX_FIELDS], *x[MAX_FIELDS], *v[MAX_FIELDS];
    const char *p = header, *q = row, *s = plain;
    size_t nh = record(&p, h, MAX_FIELDS), nx = record(&q, x, MAX_FIELDS), nv = record(&s, v, MAX_FIELDS);
    assert_int_equal(nh, nx);
    assert_int_equal(nh, nv);
    for (size_t i = 0; i < nh; i++) {
        if (!strcmp(h[i], "agency")) {
            assert_string_equal(x[i], "'-示例局");
            assert_string_equal(v[i], "-示例局");
        } else if (!strcmp(h[i], "title")) {
            assert_string_equal(x[i], "'=1+1 标题");
        } else {
            assert_string_equal(x[i], v[i]); /* numbers and codes as they are */
        }
        if (!strcmp(h[i], "active_disclosure.licensing.change"))
            assert_string_equal(x[i], "-4");
    }
    free_fields(h, nh);
    free_fields(x, nx);
    free_fields(v, nv);
    free(header);
    free(row);
    free(plain);
    gk_report_free(r);
}

/* ---- JSON and the codebook ---- */

static void json_line_is_one_line(void **state)
{
    (void)state;
    gk_report *r = sample_report("示例\xC2\x85局", "第一行\xE2\x80\xA8第二行\xE2\x80\xA9" "第三段\x7f");
    gk_error err = {0};
    char *js = gk_report_to_json_line(r, &err);
    assert_non_null(js);
    assert_non_null(strstr(js, "\"agency\":\"示例\\u0085局\""));
    assert_non_null(strstr(js, "第一行\\u2028第二行\\u2029第三段\\u007f"));
    assert_ptr_equal(strchr(js, '\n'), js + strlen(js) - 1);
    assert_null(strstr(js, "\xE2\x80\xA8"));
    free(js);
    gk_report_free(r);
}

static void codebook_documents_every_column_code_and_rule(void **state)
{
    (void)state;
    char *cb = gk_codebook();
    assert_non_null(cb);
    char *header = gk_csv_header(), *lh = gk_long_header();
    assert_non_null(header);
    assert_non_null(lh);
    char *h[MAX_FIELDS], want[192];
    const char *heads[] = {header, lh};
    for (size_t t = 0; t < 2; t++) {
        const char *p = heads[t];
        size_t n = record(&p, h, MAX_FIELDS);
        for (size_t i = 0; i < n; i++) {
            snprintf(want, sizeof want, "| `%s` |", h[i]);
            if (!strstr(cb, want))
                fail_msg("column %s not in the codebook", h[i]);
        }
        free_fields(h, n);
    }
    size_t nt;
    const gk_term *terms = gk_vocab(&nt);
    for (size_t i = 0; i < nt; i++) {
        if (!terms[i].code)
            continue;
        snprintf(want, sizeof want, "| `%s` | %s |", terms[i].code, terms[i].label);
        if (!strstr(cb, want))
            fail_msg("code %s not in the codebook with its label", terms[i].code);
    }
    size_t nr;
    const gk_rule_doc *rules = gk_check_rules(&nr);
    for (size_t i = 0; i < nr; i++) {
        snprintf(want, sizeof want, "| `%s` |", rules[i].rule);
        assert_non_null(strstr(cb, want));
    }
    assert_non_null(strstr(cb, "| `amount` | 本年收费金额（单位：万元） | both | 万元 |"));
    assert_non_null(strstr(cb, GK_XML_NAMESPACE));
    free(header);
    free(lh);
    free(cb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_are_c0_del_c1_and_nonchars),
        cmocka_unit_test(clean_replaces_controls_and_bad_bytes),
        cmocka_unit_test(json_separators_escaped),
        cmocka_unit_test(excel_neutralizes_text_fields_only),
        cmocka_unit_test(long_has_a_line_per_cell),
        cmocka_unit_test(long_for_excel_and_without_tables),
        cmocka_unit_test(csv_columns_are_the_header),
        cmocka_unit_test(csv_excel_row),
        cmocka_unit_test(json_line_is_one_line),
        cmocka_unit_test(codebook_documents_every_column_code_and_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
