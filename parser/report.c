/* report.c — the report object: diagnostics, provenance, release, errors;
 * and what every stage that calls libxml2 needs: a watch on its errors,
 * and a parser input that does not leak when memory runs out. */
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *gk_strerror(gk_status status)
{
    switch (status) {
    case GK_OK: return "success";
    case GK_ERR_NOMEM: return "out of memory";
    case GK_ERR_IO: return "cannot read input";
    case GK_ERR_EMPTY: return "empty input";
    case GK_ERR_TOO_LARGE: return "input exceeds a limit";
    case GK_ERR_FORMAT: return "not a report format gkreport reads";
    case GK_ERR_CORRUPT: return "damaged document";
    case GK_ERR_NO_REPORT: return "no report found";
    case GK_ERR_SCHEMA: return "XML output does not match the schema";
    case GK_ERR_INTERNAL: return "internal error";
    case GK_ERR_FIELD: return "no such field";
    }
    return "unknown status";
}

void gk_error_set(gk_error *err, gk_status st, const char *fmt, ...)
{
    if (!err)
        return;
    err->status = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/* The message cut at a character boundary when it did not fit: a message
 * quoting Chinese text must stay valid UTF-8 (the writers refuse anything
 * else). */
static void cut_utf8_tail(char *msg)
{
    size_t n = strlen(msg), lead = n;
    while (lead > 0 && ((unsigned char)msg[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead > 0) {
        unsigned char c = (unsigned char)msg[lead - 1];
        size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (lead - 1 + want > n)
            msg[lead - 1] = '\0'; /* the last character lost its tail */
    }
}

bool gk_diag_add(gk_diag_list *list, gk_severity sev, const char *where, const char *fmt, ...)
{
    if (list->count >= GK_MAX_DIAGNOSTICS) {
        list->dropped++; /* a limit, not a failure: the writers say how many */
        return true;
    }
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        gk_diagnostic *p = realloc(list->items, cap * sizeof *p);
        if (!p) {
            list->oom = true;
            return false;
        }
        list->items = p;
        list->cap = cap;
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int full = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (full >= (int)sizeof msg)
        cut_utf8_tail(msg);
    gk_diagnostic *d = &list->items[list->count];
    d->severity = sev;
    d->where = gk_strdup(where ? where : "");
    d->message = gk_strdup(msg);
    if (!d->where || !d->message) {
        free(d->where);
        free(d->message);
        list->oom = true;
        return false;
    }
    list->count++;
    return true;
}

void gk_diag_list_free(gk_diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].where);
        free(list->items[i].message);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

bool gk_report_add_provenance(gk_report *r, const char *field, const char *raw)
{
    if (r->prov_count == r->prov_cap) {
        size_t cap = r->prov_cap ? r->prov_cap * 2 : 8;
        gk_provenance *p = realloc(r->prov, cap * sizeof *p);
        if (!p) {
            r->prov_oom = true;
            return false;
        }
        r->prov = p;
        r->prov_cap = cap;
    }
    gk_provenance *p = &r->prov[r->prov_count];
    p->field = gk_strdup(field);
    p->raw = gk_strdup(raw);
    if (!p->field || !p->raw) {
        free(p->field);
        free(p->raw);
        r->prov_oom = true;
        return false;
    }
    r->prov_count++;
    return true;
}

/* libxml2 2.9.14's parsers stop consuming input once an allocation fails
 * (NEXT does nothing) but some loops go on until they see '>' or the end:
 * its HTML parser then spins forever.  Moving the input to its end, which
 * is NUL-terminated, lets every loop see the end; nothing is freed under
 * the parser's feet. */
static void halt_parser(xmlParserCtxtPtr ctxt)
{
    if (ctxt && ctxt->input && ctxt->input->end)
        ctxt->input->cur = ctxt->input->end;
}

static void watch_error(void *data, xmlErrorPtr e)
{
    gk_xml_watch *w = data;
    if (e && e->code == XML_ERR_NO_MEMORY) {
        w->nomem = true;
        halt_parser(w->parser);
    }
}

void gk_xml_watch_begin(gk_xml_watch *w)
{
    w->saved_handler = xmlStructuredError;
    w->saved_context = xmlStructuredErrorContext;
    w->parser = NULL;
    w->nomem = false;
    xmlSetStructuredErrorFunc(w, watch_error);
}

gk_status gk_xml_watch_end(gk_xml_watch *w)
{
    xmlSetStructuredErrorFunc(w->saved_context, w->saved_handler);
    return w->nomem ? GK_ERR_NOMEM : GK_OK;
}

static int read_nothing(void *context, char *buffer, int len)
{
    (void)context;
    (void)buffer;
    (void)len;
    return 0; /* the whole text was pushed already */
}

bool gk_xml_push_input(void *parser, const char *text, size_t len)
{
    xmlParserCtxtPtr ctxt = parser;
    xmlParserInputBufferPtr buf = xmlAllocParserInputBuffer(XML_CHAR_ENCODING_NONE);
    if (!buf)
        return false;
    buf->readcallback = read_nothing;
    xmlParserInputPtr input = NULL;
    if (len > INT32_MAX || xmlParserInputBufferPush(buf, (int)len, text) < 0 ||
        !(input = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE))) {
        xmlFreeParserInputBuffer(buf);
        return false;
    }
    return inputPush(ctxt, input) >= 0; /* which frees the input when it fails */
}

size_t gk_report_failed_checks(const gk_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->check_count; i++)
        n += r->checks[i].status == 1;
    return n;
}

void gk_report_free(gk_report *r)
{
    if (!r)
        return;
    free(r->agency);
    free(r->title);
    for (size_t i = 0; i < r->section_count; i++) {
        free(r->sections[i].title);
        free(r->sections[i].text);
    }
    free(r->sections);
    for (size_t i = 0; i < r->item_count; i++) {
        free(r->items[i].code);
        free(r->items[i].label);
    }
    free(r->items);
    for (size_t i = 0; i < r->check_count; i++) {
        free(r->checks[i].rule);
        free(r->checks[i].scope);
        free(r->checks[i].sentence);
    }
    free(r->checks);
    free(r->failing_checks);
    gk_diag_list_free(&r->diags);
    for (size_t i = 0; i < r->prov_count; i++) {
        free(r->prov[i].field);
        free(r->prov[i].raw);
    }
    free(r->prov);
    free(r->key);
    free(r->source_path);
    free(r);
}

const char *gk_severity_name(gk_severity s)
{
    return s == GK_SEV_ERROR ? "error" : s == GK_SEV_WARNING ? "warning" : "info";
}

const char *gk_check_status_name(int status) { return status == 0 ? "pass" : status == 1 ? "fail" : "skipped"; }

void gk_num_format(const gk_num *v, char *buf, size_t cap)
{
    if (v->decimal)
        snprintf(buf, cap, "%.15g", v->value);
    else
        snprintf(buf, cap, "%lld", (long long)v->value);
}
