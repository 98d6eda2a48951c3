/* fields.c — the report's flat fields: the CSV's columns, enumerated once
 * from the vocabulary's tables, each with its kind, unit, meaning and the
 * place in the report it is read from.  The CSV writer (header and rows),
 * the getters by name, the long format's key columns and the codebook
 * read this one list, so a name cannot differ between them. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The report's own fields, in column order. */
enum {
    RF_SOURCE_PATH, RF_SOURCE_FORMAT, RF_SOURCE_ENCODING, RF_AGENCY, RF_YEAR, RF_TEMPLATE,
    RF_ACTIVE_EDITION, RF_APPS_EDITION, RF_TITLE, RF_CHECKS_FAILED, RF_CHECKS_FAILING,
    RF_DIAGNOSTICS_COUNT, RF_KEY, RF_FINGERPRINT, RF_COUNT
};

/* Their name, kind, whether the text comes from the source document, and
 * meaning (the codebook's). */
static const struct {
    const char *name;
    gk_field_kind kind;
    bool source_text;
    const char *meaning;
} report_fields[RF_COUNT] = {
    [RF_SOURCE_PATH] = {"source.path", GK_FIELD_TEXT, true, "the input's path as given, in UTF-8"},
    [RF_SOURCE_FORMAT] = {"source.format", GK_FIELD_TEXT, false, "the form read: docx, html, text or pdf"},
    [RF_SOURCE_ENCODING] = {"source.encoding", GK_FIELD_TEXT, false,
                            "the encoding the text was decoded from (UTF-8, GB18030, UTF-16LE…; Unicode for PDF)"},
    [RF_AGENCY] = {"agency", GK_FIELD_TEXT, true,
                   "the agency that published the report; null (CSV: empty) when unknown"},
    [RF_YEAR] = {"year", GK_FIELD_INTEGER, false,
                 "the year reported on (not the publication date); null (CSV: empty) when unknown"},
    [RF_TEMPLATE] = {"template", GK_FIELD_TEXT, false,
                     "the template's edition: 2019, 2021, free (no template tables) or mixed"},
    [RF_ACTIVE_EDITION] = {"table_templates.active_disclosure", GK_FIELD_TEXT, false,
                           "table 二's own edition, 2019 or 2021; null (CSV: empty) without the table"},
    [RF_APPS_EDITION] = {"table_templates.applications", GK_FIELD_TEXT, false,
                         "table 三's own edition, 2019 or 2021; null (CSV: empty) without the table"},
    [RF_TITLE] = {"title", GK_FIELD_TEXT, true, "the report's title; null (CSV: empty) when it has none"},
    [RF_CHECKS_FAILED] = {"checks.failed", GK_FIELD_INTEGER, false,
                          "how many consistency checks have status fail (0: every rule holds or was skipped)"},
    [RF_CHECKS_FAILING] = {"checks.failing", GK_FIELD_TEXT, false,
                           "the failing checks as rule/scope, separated by ';' (applications.balance/total;…); "
                           "empty when none"},
    [RF_DIAGNOSTICS_COUNT] = {"diagnostics.count", GK_FIELD_INTEGER, false,
                              "how many diagnostics the conversion produced (cells not read, rows not found, "
                              "decoding…), those past the listing limit included"},
    [RF_KEY] = {"key", GK_FIELD_TEXT, false,
                "the report's identity, AGENCY/YEAR: the agency's name normalized (white space and "
                "punctuation removed, full-width forms made ASCII) and the year; empty when either is unknown"},
    [RF_FINGERPRINT] = {"fingerprint", GK_FIELD_TEXT, false,
                        "FNV-1a 64 of the three tables' numbers (16 hex digits): the same numbers give the "
                        "same fingerprint whatever the input form"},
};

/* An upper bound of the columns: every measure of every item in both
 * editions, every row × column of table 三, every cell of table 四. */
enum {
    FIELD_MAX = RF_COUNT + 2 * GK_ITEM_COUNT * GK_ITEM_MEASURES + GK_APP_ROW_COUNT * GK_COL_COUNT +
                GK_RL_GROUPS * GK_RL_RESULTS,
    NAME_MAX_BYTES = 96 /* the longest, "applications.not_processed_confirmation.natural_person", is 54 */
};

static gk_field fields[FIELD_MAX];
static char names[FIELD_MAX][NAME_MAX_BYTES];
static size_t field_count;
static pthread_once_t fields_once = PTHREAD_ONCE_INIT;

static void add_field(gk_field_part part, int a, int b, gk_field_kind kind, const char *unit, const char *fmt,
                      const char *x, const char *y)
{
    if (field_count == FIELD_MAX)
        return; /* cannot happen: FIELD_MAX bounds every table; test_fields counts them */
    snprintf(names[field_count], NAME_MAX_BYTES, fmt, x, y);
    fields[field_count] = (gk_field){names[field_count], kind, unit, part, a, b, NULL, false};
    field_count++;
}

static bool active_listed(int item, int measure)
{
    for (size_t i = 0; i < field_count; i++)
        if (fields[i].part == GK_PART_ACTIVE && fields[i].a == item && fields[i].b == measure)
            return true;
    return false;
}

/* Section 二: the 2021 items' measures, then the 2019 ones not already
 * listed; the same list for every report, whatever its edition. */
static void add_active_fields(void)
{
    const unsigned order[] = {GK_ED_2021, GK_ED_2019};
    for (size_t t = 0; t < 2; t++) {
        int items[GK_ITEM_COUNT];
        size_t nd = gk_edition_ids(GK_TERM_ITEM, order[t], items, GK_ITEM_COUNT);
        for (size_t d = 0; d < nd; d++) {
            const unsigned char *ms = gk_item_measures(items[d], order[t]);
            for (size_t m = 0; ms[m]; m++) {
                if (active_listed(items[d], ms[m]))
                    continue;
                const gk_term *measure = gk_term_get(GK_TERM_MEASURE, ms[m]);
                bool decimal = measure && (measure->flags & GK_TERM_DECIMAL);
                add_field(GK_PART_ACTIVE, items[d], ms[m], decimal ? GK_FIELD_DECIMAL : GK_FIELD_INTEGER,
                          decimal ? "万元" : NULL, "active_disclosure.%s.%s", gk_code(GK_TERM_ITEM, items[d]),
                          gk_code(GK_TERM_MEASURE, ms[m]));
            }
        }
    }
}

static void build_fields(void)
{
    for (int i = 0; i < RF_COUNT; i++) {
        add_field(GK_PART_REPORT, i, 0, report_fields[i].kind, NULL, "%s%s", report_fields[i].name, "");
        fields[field_count - 1].meaning = report_fields[i].meaning;
        fields[field_count - 1].source_text = report_fields[i].source_text;
    }
    add_active_fields();
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        for (int col = 0; col < GK_COL_COUNT; col++)
            add_field(GK_PART_APPLICATIONS, row, col, GK_FIELD_INTEGER, NULL, "applications.%s.%s",
                      gk_code(GK_TERM_ROW, row), gk_code(GK_TERM_COLUMN, col));
    for (int g = 0; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            add_field(GK_PART_REVIEWS, g, k, GK_FIELD_INTEGER, NULL, "reviews_litigation.%s.%s",
                      gk_code(GK_TERM_GROUP, g), gk_code(GK_TERM_RESULT, k));
}

size_t gk_field_count(void)
{
    pthread_once(&fields_once, build_fields);
    return field_count;
}

const gk_field *gk_field_at(size_t i) { return i < gk_field_count() ? &fields[i] : NULL; }

const gk_field *gk_field_find(const char *name)
{
    size_t n = gk_field_count();
    for (size_t i = 0; name && i < n; i++)
        if (!strcmp(fields[i].name, name))
            return &fields[i];
    return NULL;
}

static gk_num count(size_t n) { return (gk_num){true, false, (double)n}; }

static gk_field_value report_value(const gk_report *r, int id)
{
    gk_field_value v = {NULL, {false, false, 0}};
    switch (id) {
    case RF_SOURCE_PATH: v.text = r->source_path; break;
    case RF_SOURCE_FORMAT: v.text = r->source_format; break;
    case RF_SOURCE_ENCODING: v.text = r->source_encoding; break;
    case RF_AGENCY: v.text = r->agency; break;
    case RF_YEAR: v.num = (gk_num){r->year != 0, false, r->year}; break;
    case RF_TEMPLATE: v.text = gk_template_name(r->template_kind); break;
    case RF_ACTIVE_EDITION: v.text = gk_edition_name(r->active_edition); break;
    case RF_APPS_EDITION: v.text = gk_edition_name(r->apps_edition); break;
    case RF_TITLE: v.text = r->title; break;
    case RF_CHECKS_FAILED: v.num = count(gk_report_failed_checks(r)); break;
    case RF_CHECKS_FAILING: v.text = r->failing_checks ? r->failing_checks : ""; break;
    case RF_DIAGNOSTICS_COUNT: v.num = count(r->diags.count + r->diags.dropped); break;
    case RF_KEY: v.text = r->key; break;
    case RF_FINGERPRINT: v.text = r->fingerprint; break;
    }
    return v;
}

static gk_num active_value(const gk_report *r, int item, int measure)
{
    const char *item_code = gk_code(GK_TERM_ITEM, item), *measure_code = gk_code(GK_TERM_MEASURE, measure);
    for (size_t k = 0; r->has_active && k < r->item_count; k++)
        if (!strcmp(r->items[k].code, item_code))
            for (size_t m = 0; m < r->items[k].count; m++)
                if (!strcmp(r->items[k].measures[m], measure_code))
                    return r->items[k].values[m];
    return (gk_num){false, false, 0};
}

/* A row of table 三 has a value only when the report's template has it
 * (other_processing is 2019's, other_no_correction 2021's…). */
static gk_num applications_value(const gk_report *r, int row, int col)
{
    for (size_t i = 0; r->has_applications && i < r->app_row_count; i++)
        if (r->app_rows[i] == row)
            return r->apps[row][col];
    return (gk_num){false, false, 0};
}

gk_field_value gk_field_value_of(const gk_report *r, const gk_field *f)
{
    gk_field_value v = {NULL, {false, false, 0}};
    switch (f->part) {
    case GK_PART_REPORT: return report_value(r, f->a);
    case GK_PART_ACTIVE: v.num = active_value(r, f->a, f->b); break;
    case GK_PART_APPLICATIONS: v.num = applications_value(r, f->a, f->b); break;
    case GK_PART_REVIEWS: v.num = r->has_reviews ? r->rl[f->a][f->b] : v.num; break;
    }
    return v;
}

/* The field `name` of kind text (want_text) or number, or GK_ERR_FIELD. */
static const gk_field *field_for(const char *name, bool want_text, gk_error *err)
{
    const gk_field *f = gk_field_find(name);
    if (!f) {
        gk_error_set(err, GK_ERR_FIELD, "no field '%s': the names are the CSV header's columns",
                     name ? name : "(null)");
        return NULL;
    }
    if ((f->kind == GK_FIELD_TEXT) != want_text) {
        gk_error_set(err, GK_ERR_FIELD, "'%s' is a %s field: read it with %s", name,
                     want_text ? "number" : "text", want_text ? "gk_report_get_number()" : "gk_report_get_text()");
        return NULL;
    }
    return f;
}

gk_status gk_report_get_number(const gk_report *r, const char *name, double *value, int *present, gk_error *err)
{
    *value = 0;
    *present = 0;
    const gk_field *f = field_for(name, false, err);
    if (!f)
        return GK_ERR_FIELD;
    gk_num n = gk_field_value_of(r, f).num;
    *present = n.present;
    *value = n.present ? n.value : 0;
    return GK_OK;
}

gk_status gk_report_get_text(const gk_report *r, const char *name, const char **text, gk_error *err)
{
    *text = NULL;
    const gk_field *f = field_for(name, true, err);
    if (!f)
        return GK_ERR_FIELD;
    *text = gk_field_value_of(r, f).text;
    return GK_OK;
}
