/* emit.c — finding lines, as JSON Lines or CSV, keys in the fixed order of
 * docs/audit.md. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"

static const char *const status_name[] = {"pass", "fail", "skipped"};

void format_number(double v, char *buf, size_t cap)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.15g", v);
}

void json_put_string(FILE *f, const char *s)
{
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            putc(*p, f);
    }
    putc('"', f);
}

static void json_number_or_null(FILE *f, bool has, double v)
{
    char buf[64];
    if (!has) {
        fputs("null", f);
        return;
    }
    format_number(v, buf, sizeof buf);
    fputs(buf, f);
}

static void csv_put(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    putc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', f);
        putc(*s, f);
    }
    putc('"', f);
}

void finding_header(finding_writer *w)
{
    if (w->format == OUT_CSV)
        fputs("rule,status,agency,years,scope,left,right,reports\r\n", w->out);
}

static void write_jsonl(FILE *f, const finding *x)
{
    fputs("{\"rule\": ", f);
    json_put_string(f, x->rule);
    fprintf(f, ", \"status\": \"%s\", \"agency\": ", status_name[x->status]);
    json_put_string(f, x->agency);
    fputs(", \"years\": [", f);
    for (size_t i = 0; i < x->year_count; i++)
        fprintf(f, "%s%d", i ? ", " : "", x->years[i]);
    fputs("], \"scope\": ", f);
    json_put_string(f, x->scope);
    fputs(", \"left\": ", f);
    json_number_or_null(f, x->has_left, x->left);
    fputs(", \"right\": ", f);
    json_number_or_null(f, x->has_right, x->right);
    fputs(", \"reports\": [", f);
    for (size_t i = 0; i < x->report_count; i++) {
        fputs(i ? ", " : "", f);
        json_put_string(f, x->reports[i]);
    }
    putc(']', f);
    if (x->differs)
        fprintf(f, ", \"differs\": %s", x->differs);
    fputs("}\n", f);
}

static void write_csv(FILE *f, const finding *x)
{
    char buf[64];
    csv_put(f, x->rule);
    fprintf(f, ",%s,", status_name[x->status]);
    csv_put(f, x->agency);
    putc(',', f);
    for (size_t i = 0; i < x->year_count; i++)
        fprintf(f, "%s%d", i ? ";" : "", x->years[i]);
    putc(',', f);
    csv_put(f, x->scope);
    putc(',', f);
    if (x->has_left) {
        format_number(x->left, buf, sizeof buf);
        fputs(buf, f);
    }
    putc(',', f);
    if (x->has_right) {
        format_number(x->right, buf, sizeof buf);
        fputs(buf, f);
    }
    putc(',', f);
    /* the reports joined by ';' in one field, quoted when one needs it */
    bool quote = false;
    for (size_t i = 0; i < x->report_count; i++)
        quote = quote || strpbrk(x->reports[i], ",\"\r\n;");
    if (quote)
        putc('"', f);
    for (size_t i = 0; i < x->report_count; i++) {
        if (i)
            putc(';', f);
        for (const char *p = x->reports[i]; *p; p++) {
            if (*p == '"')
                putc('"', f);
            putc(*p, f);
        }
    }
    if (quote)
        putc('"', f);
    fputs("\r\n", f);
}

void finding_write(finding_writer *w, const finding *x)
{
    w->findings++;
    w->failing += x->status == ST_FAIL;
    if (w->format == OUT_CSV)
        write_csv(w->out, x);
    else
        write_jsonl(w->out, x);
    if (ferror(w->out))
        w->write_error = true;
}
