/* test_fields.c — the flat fields (fields.c) and the getters by name: every
 * CSV column is a field and is read by its name, each value equals the CSV
 * row's on every sample (the source's text cleaned of control characters
 * in the CSV), null is told from 0, a row of the other template
 * is null, and unknown names or the wrong kind are GK_ERR_FIELD.  Reads
 * samples/ from the source tree's root (where make check runs). */
#include <dirent.h>
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

enum { MAX_COLUMNS = 1024 };

/* RFC 4180: the fields of one CSV line; returns how many (each malloc()ed). */
static size_t csv_split(const char *line, char **out, size_t cap)
{
    size_t n = 0;
    for (const char *p = line;; p++) {
        gk_buf f;
        gk_buf_init(&f);
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                gk_buf_addc(&f, *p);
                if (*p == '"')
                    p++;
            }
            if (*p == '"')
                p++;
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n')
                gk_buf_addc(&f, *p++);
        }
        char *s = gk_buf_take(&f);
        assert_non_null(s);
        assert_true(n < cap);
        out[n++] = s;
        if (*p != ',')
            break;
    }
    return n;
}

static void csv_free(char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(fields[i]);
}

static gk_report *convert(const char *path)
{
    gk_report *r = NULL;
    gk_error err;
    gk_status st = gk_report_from_file(path, &r, &err);
    if (st != GK_OK)
        fail_msg("%s: %s (%s)", path, gk_strerror(st), err.message);
    return r;
}

/* A field's value as the CSV writes it, read through the public getters. */
static char *value_by_getter(const gk_report *r, const char *name)
{
    const char *text;
    gk_error err;
    if (gk_report_get_text(r, name, &text, &err) == GK_OK) {
        /* The getter gives the text as the report holds it (as the JSON
         * does); the CSV, which cannot escape them, replaces control
         * characters in the source's text. */
        gk_buf b;
        gk_buf_init(&b);
        if (gk_field_find(name)->source_text)
            gk_buf_add_clean(&b, text ? text : "");
        else
            gk_buf_adds(&b, text ? text : "");
        char *s = gk_buf_take(&b);
        assert_non_null(s);
        return s;
    }
    assert_int_equal(err.status, GK_ERR_FIELD);
    double value;
    int present;
    gk_status st = gk_report_get_number(r, name, &value, &present, &err);
    if (st != GK_OK)
        fail_msg("%s: neither text nor number: %s", name, err.message);
    char buf[64] = "";
    const gk_field *f = gk_field_find(name);
    assert_non_null(f);
    if (present)
        gk_num_format(&(gk_num){true, f->kind == GK_FIELD_DECIMAL, value}, buf, sizeof buf);
    return gk_strdup(buf);
}

static void every_csv_column_is_a_field_once(void **state)
{
    (void)state;
    char *header = gk_csv_header();
    assert_non_null(header);
    char *names[MAX_COLUMNS];
    size_t n = csv_split(header, names, MAX_COLUMNS);
    assert_int_equal(n, gk_field_count());
    for (size_t i = 0; i < n; i++) {
        const gk_field *f = gk_field_at(i);
        assert_string_equal(f->name, names[i]);
        assert_ptr_equal(gk_field_find(names[i]), f); /* the first of that name: no name twice */
    }
    assert_null(gk_field_at(n));
    csv_free(names, n);
    free(header);
}

/* Each table's fields are its codes joined, every code pair once: none
 * cut short, none left out. */
static void names_are_the_codes_joined(void **state)
{
    (void)state;
    size_t per_part[4] = {0, 0, 0, 0};
    char want[256];
    for (size_t i = 0; i < gk_field_count(); i++) {
        const gk_field *f = gk_field_at(i);
        per_part[f->part]++;
        switch (f->part) {
        case GK_PART_REPORT: continue;
        case GK_PART_ACTIVE:
            snprintf(want, sizeof want, "active_disclosure.%s.%s", gk_code(GK_TERM_ITEM, f->a),
                     gk_code(GK_TERM_MEASURE, f->b));
            break;
        case GK_PART_APPLICATIONS:
            snprintf(want, sizeof want, "applications.%s.%s", gk_code(GK_TERM_ROW, f->a),
                     gk_code(GK_TERM_COLUMN, f->b));
            break;
        case GK_PART_REVIEWS:
            snprintf(want, sizeof want, "reviews_litigation.%s.%s", gk_code(GK_TERM_GROUP, f->a),
                     gk_code(GK_TERM_RESULT, f->b));
            break;
        }
        assert_string_equal(f->name, want);
    }
    /* table 二: every (item, measure) of either edition, once */
    size_t pairs = 0;
    bool seen[GK_ITEM_COUNT][GK_MEASURE_END] = {{false}};
    for (unsigned ed = GK_ED_2019; ed <= GK_ED_2021; ed++)
        for (int item = 0; item < GK_ITEM_COUNT; item++)
            for (const unsigned char *m = gk_item_measures(item, ed); m && *m; m++)
                if (!seen[item][*m]) {
                    seen[item][*m] = true;
                    pairs++;
                }
    assert_int_equal(per_part[GK_PART_ACTIVE], pairs);
    assert_int_equal(per_part[GK_PART_APPLICATIONS], GK_APP_ROW_COUNT * GK_COL_COUNT);
    assert_int_equal(per_part[GK_PART_REVIEWS], GK_RL_GROUPS * GK_RL_RESULTS);
    assert_int_equal(per_part[GK_PART_REPORT], 14); /* source.* … diagnostics.count, key, fingerprint */
}

static void kinds_and_units(void **state)
{
    (void)state;
    const gk_field *f = gk_field_find("active_disclosure.fees.amount");
    assert_non_null(f);
    assert_int_equal(f->kind, GK_FIELD_DECIMAL);
    assert_string_equal(f->unit, "万元");
    assert_int_equal(f->part, GK_PART_ACTIVE);
    assert_int_equal(f->a, GK_ITEM_FEES);
    assert_int_equal(f->b, GK_MEASURE_AMOUNT);
    f = gk_field_find("applications.granted.total");
    assert_int_equal(f->kind, GK_FIELD_INTEGER);
    assert_null(f->unit);
    assert_int_equal(f->part, GK_PART_APPLICATIONS);
    assert_int_equal(f->a, GK_ROW_GRANTED);
    assert_int_equal(f->b, GK_COL_TOTAL);
    f = gk_field_find("reviews_litigation.litigation_after_review.pending");
    assert_int_equal(f->part, GK_PART_REVIEWS);
    assert_int_equal(f->a, GK_GROUP_LITIGATION_AFTER_REVIEW);
    assert_int_equal(f->b, GK_RESULT_PENDING);
    assert_int_equal(gk_field_find("year")->kind, GK_FIELD_INTEGER);
    assert_int_equal(gk_field_find("agency")->kind, GK_FIELD_TEXT);
    assert_int_equal(gk_field_find("active_disclosure.procurement.amount")->kind, GK_FIELD_DECIMAL);
    assert_int_equal(gk_field_find("active_disclosure.licensing.change")->kind, GK_FIELD_INTEGER);
}

/* Compares every column of one report's CSV row with the getters. */
static void check_report_against_csv(const char *path, char **names, size_t n)
{
    gk_report *r = convert(path);
    gk_error err;
    char *row = gk_report_csv_row(r, &err);
    assert_non_null(row);
    char *values[MAX_COLUMNS];
    size_t nv = csv_split(row, values, MAX_COLUMNS);
    assert_int_equal(nv, n);
    for (size_t i = 0; i < n; i++) {
        char *got = value_by_getter(r, names[i]);
        if (strcmp(got, values[i]))
            fail_msg("%s: %s is '%s' by name, '%s' in the CSV", path, names[i], got, values[i]);
        free(got);
    }
    csv_free(values, nv);
    free(row);
    gk_report_free(r);
}

static void values_equal_the_csv_row_on_every_sample(void **state)
{
    (void)state;
    char *header = gk_csv_header();
    char *names[MAX_COLUMNS];
    size_t n = csv_split(header, names, MAX_COLUMNS);
    DIR *d = opendir("samples");
    if (!d)
        fail_msg("samples/ not found: run from the source tree's root");
    int checked = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' || !dot || strstr(e->d_name, ".expected.") || !strcmp(e->d_name, "README.md"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "samples/%s", e->d_name);
        gk_report *probe = NULL;
        if (!strcmp(dot, ".pdf") && gk_report_from_file(path, &probe, NULL) == GK_ERR_FORMAT)
            continue; /* built with PDF=no */
        gk_report_free(probe);
        check_report_against_csv(path, names, n);
        checked++;
    }
    closedir(d);
    assert_true(checked >= 15);
    csv_free(names, n);
    free(header);
}

static double number(const gk_report *r, const char *name, int *present)
{
    double v = -1;
    gk_error err;
    if (gk_report_get_number(r, name, &v, present, &err) != GK_OK)
        fail_msg("%s: %s", name, err.message);
    return v;
}

static void null_is_not_zero(void **state)
{
    (void)state;
    int present = -1;
    gk_report *r = convert("samples/cms-page_2021.html"); /* 规章 本年废止件数 0 */
    assert_true(number(r, "active_disclosure.regulations.repealed", &present) == 0);
    assert_int_equal(present, 1);
    assert_true(number(r, "active_disclosure.regulations.issued", &present) == 2);
    assert_int_equal(present, 1);
    gk_report_free(r);

    r = convert("samples/misprinted-labels_2023.html"); /* 行政处罚 left null: its label fits two codes */
    double v = number(r, "active_disclosure.penalty.decisions", &present);
    assert_int_equal(present, 0);
    assert_true(v == 0);
    assert_true(number(r, "active_disclosure.fees.amount", &present) == 3.6);
    assert_int_equal(present, 1);
    assert_true(number(r, "year", &present) == 2023);
    assert_int_equal(present, 1);
    gk_report_free(r);
}

/* A row only the other template has is null, not 0. */
static void rows_of_the_other_template_are_null(void **state)
{
    (void)state;
    int present = -1;
    gk_report *r = convert("samples/run-together_2019.txt");
    number(r, "applications.other_processing.total", &present);
    assert_int_equal(present, 1);
    number(r, "applications.other_no_correction.total", &present);
    assert_int_equal(present, 0);
    number(r, "active_disclosure.regulations.in_force", &present); /* a 2021 measure */
    assert_int_equal(present, 0);
    const char *text;
    assert_int_equal(gk_report_get_text(r, "template", &text, NULL), GK_OK);
    assert_string_equal(text, "2019");
    gk_report_free(r);

    r = convert("samples/free-form_2016.html"); /* no tables at all */
    number(r, "applications.new_received.total", &present);
    assert_int_equal(present, 0);
    number(r, "reviews_litigation.review.total", &present);
    assert_int_equal(present, 0);
    assert_int_equal(gk_report_get_text(r, "table_templates.applications", &text, NULL), GK_OK);
    assert_null(text);
    assert_int_equal(gk_report_get_text(r, "checks.failing", &text, NULL), GK_OK);
    assert_string_equal(text, "");
    gk_report_free(r);
}

static void unknown_names_and_wrong_kinds_are_errors(void **state)
{
    (void)state;
    gk_report *r = convert("samples/cms-page_2021.html");
    static const char *const unknown[] = {"applications.granted.totl", "applications.granted", "applications", "",
                                          "Agency", "agency.name", "active_disclosure.extra_1.issued",
                                          "applications.granted.total "};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        gk_error err = {GK_OK, ""};
        double v = -1;
        int present = -1;
        assert_int_equal(gk_report_get_number(r, unknown[i], &v, &present, &err), GK_ERR_FIELD);
        assert_int_equal(err.status, GK_ERR_FIELD);
        assert_non_null(strstr(err.message, unknown[i]));
        assert_int_equal(present, 0);
        const char *text = "x";
        assert_int_equal(gk_report_get_text(r, unknown[i], &text, NULL), GK_ERR_FIELD);
        assert_null(text);
    }
    gk_error err;
    double v;
    int present;
    assert_int_equal(gk_report_get_number(r, NULL, &v, &present, &err), GK_ERR_FIELD);
    assert_int_equal(gk_report_get_number(r, "agency", &v, &present, &err), GK_ERR_FIELD);
    assert_non_null(strstr(err.message, "gk_report_get_text"));
    const char *text;
    assert_int_equal(gk_report_get_text(r, "year", &text, &err), GK_ERR_FIELD);
    assert_non_null(strstr(err.message, "gk_report_get_number"));
    assert_string_equal(gk_strerror(GK_ERR_FIELD), "no such field");
    gk_report_free(r);
}

/* The checks' summary columns follow the checks. */
static void failing_checks_listed(void **state)
{
    (void)state;
    gk_report *r = convert("samples/inconsistent_2021.html");
    int present;
    double failed = number(r, "checks.failed", &present);
    assert_int_equal(present, 1);
    assert_true(failed >= 1);
    assert_true(failed == (double)gk_report_failed_checks(r));
    const char *text;
    assert_int_equal(gk_report_get_text(r, "checks.failing", &text, NULL), GK_OK);
    size_t listed = *text != '\0';
    for (const char *p = text; *p; p++)
        listed += *p == ';';
    assert_int_equal(listed, (size_t)failed);
    gk_report_free(r);
}

static void versions(void **state)
{
    (void)state;
    assert_string_equal(gk_version(), GK_VERSION);
    assert_string_equal(gk_schema_version(), GK_SCHEMA_VERSION);
    /* the schema's own version attribute says the same */
    assert_non_null(strstr(gk_schema_text(), "version=\"" GK_SCHEMA_VERSION "\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_csv_column_is_a_field_once),
        cmocka_unit_test(names_are_the_codes_joined),
        cmocka_unit_test(kinds_and_units),
        cmocka_unit_test(values_equal_the_csv_row_on_every_sample),
        cmocka_unit_test(null_is_not_zero),
        cmocka_unit_test(rows_of_the_other_template_are_null),
        cmocka_unit_test(unknown_names_and_wrong_kinds_are_errors),
        cmocka_unit_test(failing_checks_listed),
        cmocka_unit_test(versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
