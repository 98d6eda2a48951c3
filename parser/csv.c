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

static void num_field(gk_buf *b, const gk_num *v, bool first)
{
    char buf[64] = "";
    if (v->present)
        gk_num_format(v, buf, sizeof buf);
    field(b, buf, first);
}

/* The columns are fields.c's list, in its order: the header is their
 * names, a row their values. */
char *gk_csv_header(void)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t n = gk_field_count();
    for (size_t i = 0; i < n; i++)
        field(&b, gk_field_at(i)->name, i == 0);
    gk_buf_adds(&b, "\r\n");
    return gk_buf_take(&b);
}

char *gk_report_csv_row(const gk_report *r, gk_error *err)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t n = gk_field_count();
    for (size_t i = 0; i < n; i++) {
        const gk_field *f = gk_field_at(i);
        gk_field_value v = gk_field_value_of(r, f);
        if (f->kind == GK_FIELD_TEXT)
            field(&b, v.text, i == 0);
        else
            num_field(&b, &v.num, i == 0);
    }
    gk_buf_adds(&b, "\r\n");
    char *s = gk_buf_take(&b);
    if (!s)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing CSV");
    return s;
}
