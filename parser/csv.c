/* csv.c — one line per report with fixed columns (both templates' fields),
 * for spreadsheets and the aggregation tool.  RFC 4180 quoting.  The
 * columns are fields.c's list, in its order: the header is their names, a
 * row their values, and the codebook documents the same list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "textout.h"

void gk_csv_field_value(gk_buf *b, const gk_report *r, const gk_field *f, unsigned flags, unsigned options)
{
    gk_field_value v = gk_field_value_of(r, f);
    if (f->kind == GK_FIELD_TEXT) {
        gk_csv_field(b, v.text, flags | (f->source_text ? GK_CSV_FIELD_SOURCE : 0), options);
        return;
    }
    char num[64] = "";
    if (v.num.present)
        gk_num_format(&v.num, num, sizeof num);
    gk_csv_field(b, num, flags, options);
}

char *gk_csv_header(void)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t n = gk_field_count();
    for (size_t i = 0; i < n; i++)
        gk_csv_field(&b, gk_field_at(i)->name, i == 0 ? GK_CSV_FIELD_FIRST : 0, 0);
    gk_buf_adds(&b, "\r\n");
    return gk_buf_take(&b);
}

char *gk_report_csv_row_opt(const gk_report *r, unsigned options, gk_error *err)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t n = gk_field_count();
    for (size_t i = 0; i < n; i++)
        gk_csv_field_value(&b, r, gk_field_at(i), i == 0 ? GK_CSV_FIELD_FIRST : 0, options);
    gk_buf_adds(&b, "\r\n");
    char *s = gk_buf_take(&b);
    if (!s)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing CSV");
    return s;
}

char *gk_report_csv_row(const gk_report *r, gk_error *err) { return gk_report_csv_row_opt(r, 0, err); }
