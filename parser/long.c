/* long.c — the long format: one CSV line per table value, so that pandas,
 * R or SQL can filter, pivot and sum without knowing the wide layout.
 * Local extra rows of table 二, which the wide CSV has no column for, are
 * lines like the others, with their label. */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "textout.h"

/* The header, in order; the writer below emits the fields in this order.
 * The first four, the report's key, are fields of the wide CSV (fields.c),
 * written as it writes them (source.path and agency from the source:
 * cleaned, and neutralized for spreadsheets); label and raw come from the
 * source too. */
enum { KEY_COUNT = 4 };
static const gk_field_doc columns[] = {
    {"source.path", NULL, NULL},
    {"agency", NULL, NULL},
    {"year", NULL, NULL},
    {"template", NULL, NULL},
    {"table", "string", "active_disclosure (table 二), applications (三) or reviews_litigation (四)"},
    {"row", "string", "table 二: the item (regulations…, or extra_N for a local row); 三: the row; 四: the group"},
    {"label", "string", "an extra_N row's own label as the report wrote it; empty for the template's rows"},
    {"column", "string", "table 二: the measure; 三: the applicant type; 四: the result"},
    {"value", "number", "the value (a count, or an amount in 万元); empty when the cell was blank or unreadable (null)"},
    {"raw", "string",
      "the cell's original text when it was not a plain number (3件, １２, —, 1,234, text left null); "
      "empty when the value is the text"},
};

enum { COLUMN_COUNT = sizeof columns / sizeof columns[0] };

const gk_field_doc *gk_long_column(size_t i) { return i < COLUMN_COUNT ? &columns[i] : NULL; }

char *gk_long_header(void)
{
    gk_buf b;
    gk_buf_init(&b);
    for (size_t i = 0; i < COLUMN_COUNT; i++)
        gk_csv_field(&b, columns[i].name, i == 0 ? GK_CSV_FIELD_FIRST : 0, 0);
    gk_buf_adds(&b, "\r\n");
    return gk_buf_take(&b);
}

typedef struct {
    const gk_report *r;
    unsigned options;
    gk_buf out;
    gk_buf key; /* the report's four key fields, written once, with the comma after them */
} writer;

static const char *raw_text(const gk_report *r, const char *field)
{
    for (size_t i = 0; i < r->prov_count; i++)
        if (!strcmp(r->prov[i].field, field))
            return r->prov[i].raw;
    return NULL;
}

static void line(writer *w, const char *table, const char *row, const char *label, const char *column,
                 const gk_num *v)
{
    char num[64] = "", field[192];
    if (v->present)
        gk_num_format(v, num, sizeof num);
    snprintf(field, sizeof field, "%s.%s.%s", table, row, column);
    gk_buf_add(&w->out, w->key.data, w->key.len);
    gk_csv_field(&w->out, table, GK_CSV_FIELD_FIRST, w->options);
    gk_csv_field(&w->out, row, 0, w->options);
    gk_csv_field(&w->out, label, GK_CSV_FIELD_SOURCE, w->options);
    gk_csv_field(&w->out, column, 0, w->options);
    gk_csv_field(&w->out, num, 0, w->options);
    gk_csv_field(&w->out, raw_text(w->r, field), GK_CSV_FIELD_SOURCE, w->options);
    gk_buf_adds(&w->out, "\r\n");
}

/* The report's key: the first columns, fields.c's values (a name that
 * is no field — cannot happen, test_analyst checks — is left empty). */
static void key_fields(writer *w)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        unsigned first = i == 0 ? GK_CSV_FIELD_FIRST : 0;
        const gk_field *f = gk_field_find(columns[i].name);
        if (f)
            gk_csv_field_value(&w->key, w->r, f, first, w->options);
        else
            gk_csv_field(&w->key, NULL, first, w->options);
    }
    gk_buf_addc(&w->key, ',');
}

static void tables(writer *w)
{
    const gk_report *r = w->r;
    for (size_t i = 0; r->has_active && i < r->item_count; i++) {
        const gk_item *it = &r->items[i];
        for (size_t m = 0; m < it->count; m++)
            line(w, "active_disclosure", it->code, it->label, it->measures[m], &it->values[m]);
    }
    for (size_t i = 0; r->has_applications && i < r->app_row_count; i++) {
        int row = r->app_rows[i];
        for (int col = 0; col < GK_COL_COUNT; col++)
            line(w, "applications", gk_code(GK_TERM_ROW, row), NULL, gk_code(GK_TERM_COLUMN, col), &r->apps[row][col]);
    }
    for (int g = 0; r->has_reviews && g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            line(w, "reviews_litigation", gk_code(GK_TERM_GROUP, g), NULL, gk_code(GK_TERM_RESULT, k), &r->rl[g][k]);
}

char *gk_report_long_rows(const gk_report *r, unsigned options, gk_error *err)
{
    writer w = {.r = r, .options = options};
    gk_buf_init(&w.out);
    gk_buf_init(&w.key);
    key_fields(&w);
    if (w.key.failed)
        w.out.failed = true;
    else
        tables(&w);
    gk_buf_free(&w.key);
    char *s = gk_buf_take(&w.out);
    if (!s)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing the long format");
    return s;
}
