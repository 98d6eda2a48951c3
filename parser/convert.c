/* convert.c — the pipeline: sniff, decode, read into the model, recognize,
 * check.  The only place that knows the order of the stages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static gk_status read_model(const unsigned char *data, size_t len, gk_report *r, gk_document *doc, gk_error *err)
{
    if (gk_sniff_pdf(data, len)) {
        r->source_format = "pdf";
        r->source_encoding = "Unicode"; /* the fonts' Unicode maps */
        return gk_read_pdf(data, len, doc, err);
    }
    bool is_zip;
    gk_status st = gk_sniff_binary(data, len, &is_zip, err);
    if (st != GK_OK)
        return st;
    if (is_zip) {
        r->source_format = "docx";
        r->source_encoding = "UTF-8";
        return gk_read_docx(data, len, doc, err);
    }
    char *utf8;
    size_t n;
    const char *enc;
    st = gk_decode(data, len, &utf8, &n, &enc, &r->diags, err);
    if (st != GK_OK)
        return st;
    r->source_encoding = enc;
    if (gk_sniff_markup(utf8, n) == GK_FMT_HTML) {
        r->source_format = "html";
        st = gk_read_html(utf8, n, doc, err);
    } else {
        r->source_format = "text";
        st = gk_read_text(utf8, n, doc, err);
        if (st == GK_OK)
            st = gk_unflatten(doc);
    }
    free(utf8);
    return st;
}

/* A stage's status, made GK_ERR_NOMEM when a list of the report could not
 * store an entry during it: a report without a diagnostic or a cell's
 * original text is not the report. */
static gk_status stage_end(gk_status st, const gk_report *r)
{
    return st == GK_OK && (r->diags.oom || r->prov_oom) ? GK_ERR_NOMEM : st;
}

static gk_status recognize(const gk_document *doc, gk_report *r)
{
    gk_status st = stage_end(gk_recognize_sections(doc, r), r);
    if (st == GK_OK)
        st = stage_end(gk_recognize_tables(doc, r), r);
    if (st == GK_OK)
        st = stage_end(gk_run_checks(r), r);
    if (st == GK_OK)
        st = stage_end(gk_run_text_checks(r), r);
    if (st == GK_OK)
        st = stage_end(gk_list_failing_checks(r), r);
    if (st == GK_OK)
        st = stage_end(gk_identify(r), r);
    return st;
}

static gk_status no_report(const gk_document *doc, gk_error *err)
{
    size_t paragraphs = 0, tables = 0;
    for (size_t i = 0; i < doc->count; i++)
        *(doc->blocks[i].kind == GK_BLOCK_TABLE ? &tables : &paragraphs) += 1;
    gk_error_set(err, GK_ERR_NO_REPORT,
                 "no report found: no title, numbered section or template table among %zu paragraphs and %zu tables",
                 paragraphs, tables);
    return GK_ERR_NO_REPORT;
}

gk_status gk_report_from_memory(const char *name, const void *data, size_t len, gk_report **out, gk_error *err)
{
    gk_error scratch;
    if (!err)
        err = &scratch;
    err->status = GK_OK;
    err->message[0] = '\0';
    *out = NULL;
    gk_library_init();
    gk_status ready = gk_patterns_ready();
    if (ready != GK_OK) {
        gk_error_set(err, ready, ready == GK_ERR_NOMEM ? "out of memory compiling the PCRE2 patterns"
                                                        : "PCRE2 patterns failed to compile");
        return ready;
    }
    gk_report *r = calloc(1, sizeof *r);
    if (!r) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory");
        return GK_ERR_NOMEM;
    }
    gk_document doc;
    gk_doc_init(&doc, &r->diags);
    r->source_path = gk_file_name_utf8(name ? name : "-", &r->diags);
    gk_status st = stage_end(r->source_path ? GK_OK : GK_ERR_NOMEM, r);
    if (st == GK_OK)
        st = stage_end(read_model(data, len, r, &doc, err), r);
    if (st == GK_OK)
        st = recognize(&doc, r);
    if (st == GK_OK && !r->title && r->section_count == 0 && r->template_kind == GK_TEMPLATE_FREE)
        st = no_report(&doc, err);
    if (st != GK_OK && !err->message[0])
        gk_error_set(err, st, "%s", gk_strerror(st));
    gk_doc_free(&doc);
    if (st != GK_OK) {
        gk_report_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

gk_status gk_report_from_file(const char *path, gk_report **out, gk_error *err)
{
    gk_error scratch;
    if (!err)
        err = &scratch;
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) { /* fopen allocates its FILE: ENOMEM is ours, not the file's */
        gk_status st = errno == ENOMEM ? GK_ERR_NOMEM : GK_ERR_IO;
        gk_error_set(err, st, "cannot open: %s", strerror(errno));
        return st;
    }
    gk_buf b;
    gk_buf_init(&b);
    char chunk[65536];
    size_t n;
    bool too_large = false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        gk_buf_add(&b, chunk, n);
        if (b.len > GK_MAX_INPUT_BYTES) {
            too_large = true;
            break;
        }
    }
    bool read_error = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (too_large) {
        gk_buf_free(&b);
        gk_error_set(err, GK_ERR_TOO_LARGE, "input is over the %u MiB limit", GK_MAX_INPUT_BYTES >> 20);
        return GK_ERR_TOO_LARGE;
    }
    if (read_error || b.failed) {
        gk_buf_free(&b);
        gk_error_set(err, read_error ? GK_ERR_IO : GK_ERR_NOMEM, "cannot read: %s",
                     read_error ? strerror(saved) : "out of memory");
        return err->status;
    }
    gk_status st = gk_report_from_memory(path, b.data ? b.data : "", b.len, out, err);
    gk_buf_free(&b);
    return st;
}
