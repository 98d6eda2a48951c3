/* csv.c — one line per report with fixed columns (both templates' fields),
 * for spreadsheets and the aggregation tool.  RFC 4180 quoting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void field(gk_buf *b, const char *s, bool first)
{
    if (!first)
        gk_buf_addc(b, ',');
    if (!s)
        return;
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        gk_buf_adds(b, s);
        return;
    }
    gk_buf_addc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            gk_buf_addc(b, '"');
        gk_buf_addc(b, *p);
    }
    gk_buf_addc(b, '"');
}

static void num_field(gk_buf *b, const gk_num *v)
{
    char buf[64] = "";
    if (v && v->present)
        gk_num_format(v, buf, sizeof buf);
    field(b, buf, false);
}

/* Section 二 columns: the 2021 items' measures, then the 2019 ones not
 * already listed; the list is the same for every report. */
typedef struct {
    const char *item, *measure;
} active_col;

static size_t active_columns(active_col *out, size_t cap)
{
    size_t n = 0;
    const unsigned order[] = {GK_ED_2021, GK_ED_2019};
    for (size_t t = 0; t < 2; t++) {
        int items[GK_ITEM_COUNT];
        size_t nd = gk_edition_ids(GK_TERM_ITEM, order[t], items, GK_ITEM_COUNT);
        for (size_t d = 0; d < nd; d++) {
            const unsigned char *ms = gk_item_measures(items[d], order[t]);
            const char *item = gk_code(GK_TERM_ITEM, items[d]);
            for (size_t m = 0; ms[m]; m++) {
                const char *measure = gk_code(GK_TERM_MEASURE, ms[m]);
                bool dup = false;
                for (size_t k = 0; k < n && !dup; k++)
                    dup = !strcmp(out[k].item, item) && !strcmp(out[k].measure, measure);
                if (!dup && n < cap)
                    out[n++] = (active_col){item, measure};
            }
        }
    }
    return n;
}

char *gk_csv_header(void)
{
    gk_buf b;
    gk_buf_init(&b);
    static const char *const fixed[] = {"source.path", "source.format", "source.encoding", "agency", "year",
                                        "template", "table_templates.active_disclosure",
                                        "table_templates.applications", "title", "checks.failed", "checks.failing",
                                        "diagnostics.count", "key", "fingerprint"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        field(&b, fixed[i], i == 0);
    active_col cols[64];
    size_t n = active_columns(cols, 64);
    char name[128];
    for (size_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "active_disclosure.%s.%s", cols[i].item, cols[i].measure);
        field(&b, name, false);
    }
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        for (int col = 0; col < GK_COL_COUNT; col++) {
            snprintf(name, sizeof name, "applications.%s.%s", gk_code(GK_TERM_ROW, row),
                     gk_code(GK_TERM_COLUMN, col));
            field(&b, name, false);
        }
    for (int g = 0; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++) {
            snprintf(name, sizeof name, "reviews_litigation.%s.%s", gk_code(GK_TERM_GROUP, g),
                     gk_code(GK_TERM_RESULT, k));
            field(&b, name, false);
        }
    gk_buf_adds(&b, "\r\n");
    return gk_buf_take(&b);
}

char *gk_report_csv_row(const gk_report *r, gk_error *err)
{
    gk_buf b;
    gk_buf_init(&b);
    char buf[64];
    field(&b, r->source_path, true);
    field(&b, r->source_format, false);
    field(&b, r->source_encoding, false);
    field(&b, r->agency, false);
    snprintf(buf, sizeof buf, "%d", r->year);
    field(&b, r->year ? buf : "", false);
    field(&b, gk_template_name(r->template_kind), false);
    field(&b, gk_edition_name(r->active_edition), false);
    field(&b, gk_edition_name(r->apps_edition), false);
    field(&b, r->title, false);
    snprintf(buf, sizeof buf, "%zu", gk_report_failed_checks(r));
    field(&b, buf, false);
    gk_buf failing;
    gk_buf_init(&failing);
    for (size_t i = 0; i < r->check_count; i++)
        if (r->checks[i].status == 1)
            gk_buf_printf(&failing, "%s%s/%s", failing.len ? ";" : "", r->checks[i].rule, r->checks[i].scope);
    field(&b, failing.data ? failing.data : "", false);
    if (failing.failed)
        b.failed = true; /* the list is cut short: so is the row, which is then refused */
    gk_buf_free(&failing);
    snprintf(buf, sizeof buf, "%zu", r->diags.count + r->diags.dropped);
    field(&b, buf, false);
    field(&b, r->key, false);
    field(&b, r->fingerprint, false);

    active_col cols[64];
    size_t n = active_columns(cols, 64);
    for (size_t i = 0; i < n; i++) {
        const gk_num *v = NULL;
        for (size_t k = 0; r->has_active && k < r->item_count && !v; k++)
            if (!strcmp(r->items[k].code, cols[i].item))
                for (size_t m = 0; m < r->items[k].count && !v; m++)
                    if (!strcmp(r->items[k].measures[m], cols[i].measure))
                        v = &r->items[k].values[m];
        num_field(&b, v);
    }
    for (int row = 0; row < GK_APP_ROW_COUNT; row++) {
        bool in_template = false;
        for (size_t i = 0; i < r->app_row_count; i++)
            in_template = in_template || r->app_rows[i] == row;
        for (int col = 0; col < GK_COL_COUNT; col++)
            num_field(&b, r->has_applications && in_template ? &r->apps[row][col] : NULL);
    }
    for (int g = 0; g < GK_RL_GROUPS; g++)
        for (int k = 0; k < GK_RL_RESULTS; k++)
            num_field(&b, r->has_reviews ? &r->rl[g][k] : NULL);
    gk_buf_adds(&b, "\r\n");
    char *s = gk_buf_take(&b);
    if (!s)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing CSV");
    return s;
}
