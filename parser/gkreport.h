/* gkreport.h — public API: annual reports on open government information
 * (政府信息公开工作年度报告) in, structured reports out.
 *
 * Flow: bytes → gk_report_from_memory() / gk_report_from_file() → gk_report
 * → gk_report_to_json() / gk_report_to_xml() / gk_report_csv_row() /
 * gk_report_long_rows() / gk_report_to_html().
 * The library never prints, exits or aborts; every failure is a gk_status
 * with a message in a gk_error.  Strings returned to the caller are
 * malloc()ed and the caller free()s them; gk_report objects are released
 * with gk_report_free().
 *
 * Set-up: none.  The library initializes what it uses itself, once per
 * process (pthread_once): libxml2 (xmlInitParser()) on the first
 * conversion, its compiled patterns and the XML Schema on first use.  It
 * never changes the environment, the locale or signal handlers, and never
 * calls xmlCleanupParser() (a program may, at its end, once no thread
 * uses the library any more).  What the gkreport command sets besides —
 * TZ (below) and glibc malloc's thresholds (mallopt(), for the throughput
 * of a batch) — is a program's choice, not needed by the library.
 *
 * Threads: separate reports may be converted and written from separate
 * threads at once; one report may be read (writers, getters) from several.
 *
 * Time zone: libzip turns the date of every DOCX archive entry into a
 * time_t with mktime(), and with TZ unset glibc's mktime() checks
 * /etc/localtime again on each call (a stat(), under a lock): 20 calls
 * for a DOCX of 10 parts, microseconds next to its conversion, and no
 * change to any result (the dates are not used); ThreadSanitizer, blind
 * to glibc's lock, reports those calls as a race.  A program converting
 * DOCX reports by the thousand may set TZ
 * (e.g. TZ=:/etc/localtime, as the gkreport command does) before it
 * starts its threads.  The library does not set it: the environment
 * belongs to the program.
 *
 * Linking: pkg-config --cflags --libs gkreport (add --static for
 * libgkreport.a).  C and C++.
 */
#ifndef GKREPORT_H
#define GKREPORT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The names the shared library exports: only this header's.  The library
 * is built with -fvisibility=hidden. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define GK_EXPORT __attribute__((visibility("default")))
#else
#define GK_EXPORT
#endif

/* The version of this header; gk_version() is the library's at run time. */
#define GK_VERSION "0.1.0"
/* The version of the output's shape (JSON fields, XML Schema, CSV
 * columns): the version attribute of gkreport.xsd. */
#define GK_SCHEMA_VERSION "1.0"

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
    GK_ERR_INTERNAL,  /* a library failure (iconv, PCRE2, libxml2 set-up) */
    GK_ERR_FIELD      /* a getter was given a name that is no CSV column,
                         or a text field asked for as a number (or back) */
} gk_status;

/* A failure: its status and a one-line message without the file name. */
typedef struct {
    gk_status status;
    char message[512];
} gk_error;

/* A static English description of a status. */
GK_EXPORT const char *gk_strerror(gk_status status);

typedef struct gk_report gk_report;

/* Converts one report held in memory.  `name` is the path recorded in
 * source.path and used as a hint (extension) only; the content decides
 * the format.  On success *out receives a report the caller releases with
 * gk_report_free(); on failure *out is NULL and err says why. */
GK_EXPORT gk_status gk_report_from_memory(const char *name, const void *data, size_t len,
                                gk_report **out, gk_error *err);

/* Reads `path` ("-" is standard input) and converts it. */
GK_EXPORT gk_status gk_report_from_file(const char *path, gk_report **out, gk_error *err);

GK_EXPORT void gk_report_free(gk_report *report);

/* Number of consistency checks with status "fail". */
GK_EXPORT size_t gk_report_failed_checks(const gk_report *report);

/* Identity (docs/output.md, "Identity"): the key "AGENCY/YEAR" with the
 * agency normalized, NULL when the agency or the year is unknown; and the
 * fingerprint of the tables' numbers, 16 hex digits.  Both static in the
 * report: do not free. */
GK_EXPORT const char *gk_report_key(const gk_report *report);
GK_EXPORT const char *gk_report_fingerprint(const gk_report *report);

/* An agency name as keys hold it: full-width ASCII made ASCII, letters
 * lower-case, white space and punctuation removed.  The caller frees the
 * result; NULL when out of memory. */
GK_EXPORT char *gk_agency_normalize(const char *name);

/* The report as a JSON document (UTF-8, indented, keys in fixed order,
 * ending in a newline).  Returns NULL with err set on failure; the caller
 * frees the result. */
GK_EXPORT char *gk_report_to_json(const gk_report *report, gk_error *err);

/* The same content on one line (no indentation, newline at the end). */
GK_EXPORT char *gk_report_to_json_line(const gk_report *report, gk_error *err);

/* The report as an XML document, validated against the embedded schema
 * before it is returned.  A document that fails validation is never
 * returned: the result is NULL with err->status GK_ERR_SCHEMA and the
 * validator's message.  The caller frees the result. */
GK_EXPORT char *gk_report_to_xml(const gk_report *report, gk_error *err);

/* CSV: one header line, then one line per report (RFC 4180 quoting, each
 * ending in "\r\n").  The columns are fixed, whatever the template.
 * The caller frees both results. */
GK_EXPORT char *gk_csv_header(void);
GK_EXPORT char *gk_report_csv_row(const gk_report *report, gk_error *err);

/* The report as one self-contained HTML review page (UTF-8, lang
 * "zh-CN"): no script, nothing fetched, an inline style sheet that also
 * prints on A4.  Tables 二 三 四 are drawn as the template draws them; each
 * value cell carries its field name as id, class "null" when blank,
 * class "fail" and data-rules when a failing check reads it, and its
 * original text when that was not a plain number.  The checks, with links
 * to their cells, the diagnostics and the sections (folded) follow.  Every
 * string from the report is escaped.  The caller frees the result. */
GK_EXPORT char *gk_report_to_html(const gk_report *report, gk_error *err);

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
GK_EXPORT gk_status gk_html_index_entry_set(gk_html_index_entry *e, const gk_report *report, const char *href, gk_error *err);
/* Fills e for an input that failed: its path and why. */
GK_EXPORT gk_status gk_html_index_entry_failed(gk_html_index_entry *e, const char *source, const char *why, gk_error *err);
GK_EXPORT void gk_html_index_entry_clear(gk_html_index_entry *e);

/* The index page of n entries, in their order: a table of every report
 * (agency, year, template, failing checks, diagnostics, a link), the
 * reports with failing checks marked and listed first in a summary.
 * The caller frees the result. */
GK_EXPORT char *gk_html_index(const gk_html_index_entry *entries, size_t n, gk_error *err);

/* The embedded XML Schema (NUL-terminated, static: do not free). */
GK_EXPORT const char *gk_schema_text(void);

/* GK_VERSION and GK_SCHEMA_VERSION of the library linked at run time
 * (static strings). */
GK_EXPORT const char *gk_version(void);
GK_EXPORT const char *gk_schema_version(void);

/* Values by name, without writing or parsing JSON.  `name` is a column of
 * the CSV header (gk_csv_header()), the JSON path with dots:
 * "applications.granted.total", "active_disclosure.regulations.in_force",
 * "reviews_litigation.review.upheld", "year", "checks.failed", "agency",
 * "template", "table_templates.applications", "source.format"…  A name
 * that is no column is GK_ERR_FIELD, with the name in err->message. */

/* A number: counts, amounts (万元), "year", "checks.failed",
 * "diagnostics.count".  *present is 1 with *value set when the report has
 * the value; 0 when it is null — a blank cell, a row the report's
 * template lacks, a table the report lacks — which is not 0.  A text
 * field is GK_ERR_FIELD.  err may be NULL. */
GK_EXPORT gk_status gk_report_get_number(const gk_report *report, const char *name, double *value, int *present,
                                         gk_error *err);

/* A text: "agency", "title", "template", "table_templates.*",
 * "source.*", "checks.failing" ("rule/scope" of each failing check,
 * ';'-separated, "" when none).  *text is NULL when the report has none
 * (null), else a UTF-8 string owned by the report, valid until
 * gk_report_free(): the text as the report holds it, like the JSON's
 * (the CSV writes control characters in it as U+FFFD).  A number field
 * is GK_ERR_FIELD.  err may be NULL. */
GK_EXPORT gk_status gk_report_get_text(const gk_report *report, const char *name, const char **text,
                                       gk_error *err);

/* ---- tables for analysts: options, the long format, the codebook ---- */

/* Options of the CSV writers (wide and long), or-ed. */
enum {
    /* For spreadsheets: a text cell that begins with = + - @ TAB or CR gets
     * a ' in front, so that it is never run as a formula; numbers are
     * written as they are.  Write GK_UTF8_BOM before the header: without
     * it Excel reads UTF-8 as the local code page. */
    GK_CSV_EXCEL = 1u << 0
};
#define GK_UTF8_BOM "\xEF\xBB\xBF"

/* The namespace of every element of the XML output. */
#define GK_XML_NAMESPACE "urn:gkreport:report:1"

/* gk_report_csv_row() with options (GK_CSV_EXCEL). */
GK_EXPORT char *gk_report_csv_row_opt(const gk_report *report, unsigned options, gk_error *err);

/* The long format: one CSV line per table value (every cell of tables
 * 二, 三 and 四 the report has, local extra rows of 二 included, null
 * cells with an empty value), keyed by the report's path, agency, year
 * and template, then table, row, label, column, value and the cell's
 * original text.  The header line, then a report's lines ("" when it has
 * no table), each ending in "\r\n".  The caller frees both results. */
GK_EXPORT char *gk_long_header(void);
GK_EXPORT char *gk_report_long_rows(const gk_report *report, unsigned options, gk_error *err);

/* The codebook: every output field, CSV and long-format column, code and
 * check rule with its meaning, type and unit, as Markdown generated from
 * the library's own tables.  NULL when out of memory; the caller frees it. */
GK_EXPORT char *gk_codebook(void);

#ifdef __cplusplus
}
#endif

#endif
