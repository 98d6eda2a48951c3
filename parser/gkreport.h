/* gkreport.h — public API: annual reports on open government information
 * (政府信息公开工作年度报告) in, structured reports out.
 *
 * Flow: bytes → gk_report_from_memory() / gk_report_from_file() → gk_report
 * → gk_report_to_json() / gk_report_to_xml() / gk_report_csv_row()
 * / gk_report_to_html().
 * The library never prints, exits or aborts; every failure is a gk_status
 * with a message in a gk_error.  Strings returned to the caller are
 * malloc()ed and the caller free()s them; gk_report objects are released
 * with gk_report_free().
 *
 * Threads: separate reports may be converted and written from separate
 * threads at once.  Call xmlInitParser() once before starting them, and
 * set TZ (e.g. ":/etc/localtime") and call tzset(): libzip calls mktime()
 * for every DOCX entry, and with TZ unset glibc re-reads the zone on each
 * call (see tools/gkreport.c).
 */
#ifndef GKREPORT_H
#define GKREPORT_H

#include <stddef.h>

#define GK_VERSION "0.1.0"

typedef enum {
    GK_OK = 0,
    GK_ERR_NOMEM,     /* out of memory */
    GK_ERR_IO,        /* the file could not be read */
    GK_ERR_EMPTY,     /* the input holds no bytes */
    GK_ERR_TOO_LARGE, /* a named limit was exceeded (see limits.h) */
    GK_ERR_FORMAT,    /* not a format we read (PDF, image, binary noise…) */
    GK_ERR_CORRUPT,   /* a DOCX/ZIP or XML that cannot be parsed */
    GK_ERR_NO_REPORT, /* readable, but no title, section or table found */
    GK_ERR_SCHEMA,    /* the XML produced is not valid against the schema */
    GK_ERR_INTERNAL   /* a library failure (iconv, PCRE2, libxml2 set-up) */
} gk_status;

/* A failure: its status and a one-line message without the file name. */
typedef struct {
    gk_status status;
    char message[512];
} gk_error;

/* A static English description of a status. */
const char *gk_strerror(gk_status status);

typedef struct gk_report gk_report;

/* Converts one report held in memory.  `name` is the path recorded in
 * source.path and used as a hint (extension) only; the content decides
 * the format.  On success *out receives a report the caller releases with
 * gk_report_free(); on failure *out is NULL and err says why. */
gk_status gk_report_from_memory(const char *name, const void *data, size_t len,
                                gk_report **out, gk_error *err);

/* Reads `path` ("-" is standard input) and converts it. */
gk_status gk_report_from_file(const char *path, gk_report **out, gk_error *err);

void gk_report_free(gk_report *report);

/* Number of consistency checks with status "fail". */
size_t gk_report_failed_checks(const gk_report *report);

/* The report as a JSON document (UTF-8, indented, keys in fixed order,
 * ending in a newline).  Returns NULL with err set on failure; the caller
 * frees the result. */
char *gk_report_to_json(const gk_report *report, gk_error *err);

/* The same content on one line (no indentation, newline at the end). */
char *gk_report_to_json_line(const gk_report *report, gk_error *err);

/* The report as an XML document, validated against the embedded schema
 * before it is returned.  A document that fails validation is never
 * returned: the result is NULL with err->status GK_ERR_SCHEMA and the
 * validator's message.  The caller frees the result. */
char *gk_report_to_xml(const gk_report *report, gk_error *err);

/* CSV: one header line, then one line per report (RFC 4180 quoting, each
 * ending in "\r\n").  The columns are fixed, whatever the template.
 * The caller frees both results. */
char *gk_csv_header(void);
char *gk_report_csv_row(const gk_report *report, gk_error *err);

/* The report as one self-contained HTML review page (UTF-8, lang
 * "zh-CN"): no script, nothing fetched, an inline style sheet that also
 * prints on A4.  Tables 二 三 四 are drawn as the template draws them; each
 * value cell carries its field name as id, class "null" when blank,
 * class "fail" and data-rules when a failing check reads it, and its
 * original text when that was not a plain number.  The checks, with links
 * to their cells, the diagnostics and the sections (folded) follow.  Every
 * string from the report is escaped.  The caller frees the result. */
char *gk_report_to_html(const gk_report *report, gk_error *err);

/* One line of the index page of a batch: what it shows of a report,
 * copied, so the report can be freed before the index is written.  Fill
 * it with gk_html_index_entry_set() or _failed(); release it with
 * gk_html_index_entry_clear(). */
typedef struct {
    char *href;   /* the report's page, relative to the index; NULL when it failed */
    char *source; /* the input's path */
    char *agency; /* NULL when unknown */
    char *error;  /* why the input could not be converted; NULL when it was */
    int year;     /* 0 when unknown */
    const char *template_name; /* static: "2019", "2021", "mixed", "free" */
    size_t failed_checks, diagnostics;
} gk_html_index_entry;

/* Fills e from a converted report whose page is at href.  GK_OK, or
 * GK_ERR_NOMEM with e cleared. */
gk_status gk_html_index_entry_set(gk_html_index_entry *e, const gk_report *report, const char *href, gk_error *err);
/* Fills e for an input that failed: its path and why. */
gk_status gk_html_index_entry_failed(gk_html_index_entry *e, const char *source, const char *why, gk_error *err);
void gk_html_index_entry_clear(gk_html_index_entry *e);

/* The index page of n entries, in their order: a table of every report
 * (agency, year, template, failing checks, diagnostics, a link), the
 * reports with failing checks marked and listed first in a summary.
 * The caller frees the result. */
char *gk_html_index(const gk_html_index_entry *entries, size_t n, gk_error *err);

/* The embedded XML Schema (NUL-terminated, static: do not free). */
const char *gk_schema_text(void);

#endif
