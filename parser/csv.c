/* csv.c — one line per report with fixed columns (both templates' fields),
 * for spreadsheets and the aggregation tool.  RFC 4180 quoting.  The
 * columns are enumerated in one place (gk_csv_columns), which the header,
 * the rows and the codebook all read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "textout.h"

/* ---- report-level columns: name, type, meaning, and the value ---- */

static void put_path(const gk_report *r, gk_buf *o) { gk_buf_adds(o, r->source_path ? r->source_path : ""); }
static void put_format(const gk_report *r, gk_buf *o) { gk_buf_adds(o, r->source_format ? r->source_format : ""); }
static void put_encoding(const gk_report *r, gk_buf *o)
{
    gk_buf_adds(o, r->source_encoding ? r->source_encoding : "");
}
static void put_agency(const gk_report *r, gk_buf *o) { gk_buf_adds(o, r->agency ? r->agency : ""); }
static void put_year(const gk_report *r, gk_buf *o)
{
    if (r->year)
        gk_buf_printf(o, "%d", r->year);
}
static void put_template(const gk_report *r, gk_buf *o) { gk_buf_adds(o, gk_template_name(r->template_kind)); }
static void put_active_edition(const gk_report *r, gk_buf *o)
{
    const char *e = gk_edition_name(r->active_edition);
    gk_buf_adds(o, e ? e : "");
}
static void put_apps_edition(const gk_report *r, gk_buf *o)
{
    const char *e = gk_edition_name(r->apps_edition);
    gk_buf_adds(o, e ? e : "");
}
static void put_title(const gk_report *r, gk_buf *o) { gk_buf_adds(o, r->title ? r->title : ""); }
static void put_failed(const gk_report *r, gk_buf *o) { gk_buf_printf(o, "%zu", gk_report_failed_checks(r)); }
static void put_failing(const gk_report *r, gk_buf *o)
{
    bool first = true;
    for (size_t i = 0; i < r->check_count; i++)
        if (r->checks[i].status == 1) {
            gk_buf_printf(o, "%s%s/%s", first ? "" : ";", r->checks[i].rule, r->checks[i].scope);
            first = false;
        }
}
static void put_diag_count(const gk_report *r, gk_buf *o) { gk_buf_printf(o, "%zu", r->diags.count + r->diags.dropped); }

typedef struct {
    gk_field_doc doc;
    bool text; /* from the source (cleaned, neutralized for spreadsheets) */
    void (*put)(const gk_report *r, gk_buf *out);
} meta_column;

static const meta_column meta[] = {
    {{"source.path", "string", "the input's path as given, in UTF-8"}, true, put_path},
    {{"source.format", "string", "the form read: docx, html, text or pdf"}, false, put_format},
    {{"source.encoding", "string", "the encoding the text was decoded from (UTF-8, GB18030, UTF-16LE…; Unicode for PDF)"},
     false, put_encoding},
    {{"agency", "string", "the agency that published the report; null (CSV: empty) when unknown"}, true, put_agency},
    {{"year", "integer", "the year reported on (not the publication date); null (CSV: empty) when unknown"}, false, put_year},
    {{"template", "string", "the template's edition: 2019, 2021, free (no template tables) or mixed"}, false,
     put_template},
    {{"table_templates.active_disclosure", "string", "table 二's own edition, 2019 or 2021; null (CSV: empty) without the table"},
     false, put_active_edition},
    {{"table_templates.applications", "string", "table 三's own edition, 2019 or 2021; null (CSV: empty) without the table"}, false,
     put_apps_edition},
    {{"title", "string", "the report's title; null (CSV: empty) when it has none"}, true, put_title},
    {{"checks.failed", "integer", "how many consistency checks have status fail (0: every rule holds or was skipped)"},
     false, put_failed},
    {{"checks.failing", "string",
      "the failing checks as rule/scope, separated by ';' (applications.balance/total;…); empty when none"},
     false, put_failing},
    {{"diagnostics.count", "integer",
      "how many diagnostics the conversion produced (cells not read, rows not found, decoding…), "
      "those past the listing limit included"},
     false, put_diag_count},
};

enum { META_COUNT = sizeof meta / sizeof meta[0] };

const gk_field_doc *gk_csv_meta(size_t i) { return i < META_COUNT ? &meta[i].doc : NULL; }

/* ---- the columns ---- */

/* Section 二: the 2021 items' measures, then the 2019 ones not already
 * listed; the list is the same for every report. */
static size_t active_columns(gk_csv_column *out, size_t n, size_t cap)
{
    size_t first = n;
    const unsigned order[] = {GK_ED_2021, GK_ED_2019};
    for (size_t t = 0; t < 2; t++) {
        int items[GK_ITEM_COUNT];
        size_t nd = gk_edition_ids(GK_TERM_ITEM, order[t], items, GK_ITEM_COUNT);
        for (size_t d = 0; d < nd; d++) {
            const unsigned char *ms = gk_item_measures(items[d], order[t]);
            for (size_t m = 0; ms[m]; m++) {
                bool dup = false;
                for (size_t k = first; k < n && !dup; k++)
                    dup = out[k].a == items[d] && out[k].b == ms[m];
                if (!dup && n < cap)
                    out[n++] = (gk_csv_column){GK_COLPART_ACTIVE, items[d], ms[m]};
            }
        }
    }
    return n;
}

size_t gk_csv_columns(gk_csv_column *out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; i < META_COUNT && n < cap; i++)
        out[n++] = (gk_csv_column){GK_COLPART_META, i, 0};
    n = active_columns(out, n, cap);
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        for (int col = 0; col < GK_COL_COUNT && n < cap; col++)
            out[n++] = (gk_csv_column){GK_COLPART_APPS, row, col};
    for (int g = 0; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS && n < cap; k++)
            out[n++] = (gk_csv_column){GK_COLPART_REVIEWS, g, k};
    return n;
}

void gk_csv_column_name(const gk_csv_column *c, char *buf, size_t cap)
{
    switch (c->part) {
    case GK_COLPART_META: snprintf(buf, cap, "%s", meta[c->a].doc.name); break;
    case GK_COLPART_ACTIVE:
        snprintf(buf, cap, "active_disclosure.%s.%s", gk_code(GK_TERM_ITEM, c->a), gk_code(GK_TERM_MEASURE, c->b));
        break;
    case GK_COLPART_APPS:
        snprintf(buf, cap, "applications.%s.%s", gk_code(GK_TERM_ROW, c->a), gk_code(GK_TERM_COLUMN, c->b));
        break;
    case GK_COLPART_REVIEWS:
        snprintf(buf, cap, "reviews_litigation.%s.%s", gk_code(GK_TERM_GROUP, c->a), gk_code(GK_TERM_RESULT, c->b));
        break;
    }
}

char *gk_csv_header(void)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_csv_column cols[GK_CSV_MAX_COLUMNS];
    size_t n = gk_csv_columns(cols, GK_CSV_MAX_COLUMNS);
    char name[128];
    for (size_t i = 0; i < n; i++) {
        gk_csv_column_name(&cols[i], name, sizeof name);
        gk_csv_field(&b, name, i == 0 ? GK_FIELD_FIRST : 0, 0);
    }
    gk_buf_adds(&b, "\r\n");
    return gk_buf_take(&b);
}

/* ---- the values ---- */

static const gk_num *active_value(const gk_report *r, int item, int measure)
{
    const char *ic = gk_code(GK_TERM_ITEM, item), *mc = gk_code(GK_TERM_MEASURE, measure);
    for (size_t k = 0; r->has_active && k < r->item_count; k++)
        if (!strcmp(r->items[k].code, ic))
            for (size_t m = 0; m < r->items[k].count; m++)
                if (!strcmp(r->items[k].measures[m], mc))
                    return &r->items[k].values[m];
    return NULL;
}

static bool has_app_row(const gk_report *r, int row)
{
    for (size_t i = 0; r->has_applications && i < r->app_row_count; i++)
        if (r->app_rows[i] == row)
            return true;
    return false;
}

static const gk_num *column_value(const gk_report *r, const gk_csv_column *c)
{
    switch (c->part) {
    case GK_COLPART_ACTIVE: return active_value(r, c->a, c->b);
    case GK_COLPART_APPS: return has_app_row(r, c->a) ? &r->apps[c->a][c->b] : NULL;
    case GK_COLPART_REVIEWS: return r->has_reviews ? &r->rl[c->a][c->b] : NULL;
    default: return NULL;
    }
}

char *gk_report_csv_row_opt(const gk_report *r, unsigned options, gk_error *err)
{
    gk_buf b, scratch;
    gk_buf_init(&b);
    gk_buf_init(&scratch);
    gk_csv_column cols[GK_CSV_MAX_COLUMNS];
    size_t n = gk_csv_columns(cols, GK_CSV_MAX_COLUMNS);
    for (size_t i = 0; i < n; i++) {
        unsigned flags = i == 0 ? GK_FIELD_FIRST : 0;
        if (cols[i].part == GK_COLPART_META) {
            const meta_column *m = &meta[cols[i].a];
            scratch.len = 0;
            if (scratch.data)
                scratch.data[0] = '\0';
            m->put(r, &scratch);
            if (scratch.failed)
                b.failed = true; /* a value cut short: the row is refused */
            gk_csv_field(&b, scratch.data ? scratch.data : "", flags | (m->text ? GK_FIELD_TEXT : 0), options);
            continue;
        }
        char num[64] = "";
        const gk_num *v = column_value(r, &cols[i]);
        if (v && v->present)
            gk_num_format(v, num, sizeof num);
        gk_csv_field(&b, num, flags, options);
    }
    gk_buf_free(&scratch);
    gk_buf_adds(&b, "\r\n");
    char *s = gk_buf_take(&b);
    if (!s)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing CSV");
    return s;
}

char *gk_report_csv_row(const gk_report *r, gk_error *err) { return gk_report_csv_row_opt(r, 0, err); }
