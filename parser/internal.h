/* internal.h — declarations shared by the library's stages (not public). */
#ifndef GK_INTERNAL_H
#define GK_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gkreport.h"
#include "limits.h"
#include "vocab.h"

/* ---- strbuf.c: growable NUL-terminated byte strings ---- */
typedef struct {
    char *data;
    size_t len, cap;
    bool failed; /* an allocation failed; data stays valid but truncated */
} gk_buf;

void gk_buf_init(gk_buf *b);
void gk_buf_free(gk_buf *b);
void gk_buf_add(gk_buf *b, const char *s, size_t n);
void gk_buf_adds(gk_buf *b, const char *s);
void gk_buf_addc(gk_buf *b, char c);
void gk_buf_printf(gk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gk_buf_add_utf8(gk_buf *b, uint32_t cp);
/* Hands the string over to the caller (never NULL unless allocation failed). */
char *gk_buf_take(gk_buf *b);

char *gk_strdup(const char *s);
char *gk_strndup(const char *s, size_t n);
/* Decodes one UTF-8 sequence at s (len bytes left); returns its length or 0
 * when invalid, storing the code point in *cp. */
size_t gk_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
bool gk_utf8_valid(const char *s, size_t len);
/* The code point at s[*i] — U+FFFD for an invalid byte — advancing *i past
 * it; *n receives its length in bytes. */
uint32_t gk_utf8_next(const char *s, size_t len, size_t *i, size_t *n);
/* Collapses runs of white space (ASCII, NBSP, U+3000) into one space and
 * trims both ends.  Returns a new string. */
char *gk_text_squeeze(const char *s);

/* ---- tls.c: per-thread caches ---- */
/* A key whose values `destroy` frees at thread exit, and for the main
 * thread at process exit.  Call once per cache (under pthread_once). */
bool gk_tls_key_create(pthread_key_t *key, void (*destroy)(void *));

/* ---- report.c: diagnostics, provenance, the report itself ---- */
typedef enum { GK_SEV_INFO, GK_SEV_WARNING, GK_SEV_ERROR } gk_severity;

typedef struct {
    gk_severity severity;
    char *where;
    char *message;
} gk_diagnostic;

typedef struct {
    gk_diagnostic *items;
    size_t count, cap;
    size_t dropped; /* past GK_MAX_DIAGNOSTICS */
    bool oom;       /* one could not be stored: the conversion fails with GK_ERR_NOMEM */
} gk_diag_list;

/* Adds a diagnostic; past GK_MAX_DIAGNOSTICS it is only counted.  Returns
 * false when it could not be stored for want of memory (and sets oom). */
bool gk_diag_add(gk_diag_list *list, gk_severity sev, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void gk_diag_list_free(gk_diag_list *list);
/* "error", "warning", "info": the name the writers give a severity. */
const char *gk_severity_name(gk_severity s);

/* A numeric cell value: absent (blank, "not reported") or a number. */
typedef struct {
    bool present;
    bool decimal; /* an amount with a fraction allowed */
    double value;
} gk_num;

/* A present number as the writers print it: "%.15g" for an amount,
 * an integer otherwise. */
void gk_num_format(const gk_num *v, char *buf, size_t cap);

/* ---- vocab.c: the templates' words, one table (vocab.h) ---- */
typedef enum { GK_TEMPLATE_FREE, GK_TEMPLATE_2019, GK_TEMPLATE_2021, GK_TEMPLATE_MIXED } gk_template;

const char *gk_template_name(gk_template t);
/* "2019" or "2021" for an edition bit; NULL for 0 (no table). */
const char *gk_edition_name(unsigned ed);
/* The edition bit of a one-edition template (GK_ED_2019 or GK_ED_2021;
 * 0 for free and mixed). */
unsigned gk_template_edition(gk_template t);

/* ---- the report ---- */
typedef struct {
    int number;
    char *title;
    char *text;
} gk_section;

enum { GK_MAX_MEASURES = 8 };

typedef struct {
    char *code;  /* item code, or "extra_N" */
    char *label; /* only for extra rows */
    size_t count;
    const char *measures[GK_MAX_MEASURES]; /* static strings */
    gk_num values[GK_MAX_MEASURES];
} gk_item;

/* A value cell of the report's tables, by position: what a check reads,
 * so that a writer can point at the cells of a failing check. */
typedef enum { GK_VALUES_ACTIVE, GK_VALUES_APPLICATIONS, GK_VALUES_REVIEWS } gk_value_table;

typedef struct {
    unsigned char part; /* gk_value_table */
    unsigned short row; /* ACTIVE: index in items; APPLICATIONS: GK_ROW_…; REVIEWS: GK_GROUP_… */
    unsigned short col; /* ACTIVE: index in the item's measures; APPLICATIONS: GK_COL_…; REVIEWS: GK_RESULT_… */
} gk_cell_ref;

/* The most operands a rule has: every row of table 三 on one side (the
 * results summed) and its total on the other. */
enum { GK_CHECK_MAX_CELLS = GK_APP_ROW_COUNT + 1 };

typedef struct {
    char *rule;
    char *scope;
    int status; /* 0 pass, 1 fail, 2 skipped */
    gk_num left, right;
    char *sentence; /* text.* checks: the sentence the left side was read from (NULL otherwise) */
    /* The operands, left side first: the check's own definition, which
     * writers read to mark the cells of a failing check. */
    gk_cell_ref cells[GK_CHECK_MAX_CELLS];
    size_t cell_count, left_count;
} gk_check;

/* "pass", "fail", "skipped": the name the writers give a check status. */
const char *gk_check_status_name(int status);

typedef struct {
    char *field;
    char *raw;
} gk_provenance;

struct gk_report {
    char *agency;
    int year; /* 0 when unknown */
    gk_template template_kind;
    char *title;

    gk_section *sections;
    size_t section_count;

    /* Each table's edition, GK_ED_2019 or GK_ED_2021 (0: the table is
     * absent); template_kind is GK_TEMPLATE_MIXED when they differ. */
    unsigned active_edition, apps_edition;

    bool has_active;
    gk_item *items;
    size_t item_count;

    bool has_applications;
    int app_rows[GK_APP_ROW_COUNT]; /* the rows written, in order (GK_ROW_…) */
    size_t app_row_count;
    gk_num apps[GK_APP_ROW_COUNT][GK_COL_COUNT];
    bool app_row_found[GK_APP_ROW_COUNT];

    bool has_reviews;
    gk_num rl[GK_RL_GROUPS][GK_RL_RESULTS];

    gk_check *checks;
    size_t check_count;
    char *failing_checks; /* "rule/scope;…" of the failing checks ("" for none) */

    gk_diag_list diags;

    gk_provenance *prov;
    size_t prov_count, prov_cap;
    bool prov_oom; /* a provenance entry could not be stored (GK_ERR_NOMEM) */

    /* identity.c: normalized agency "/" year (NULL without both), and a
     * hash of the tables' numbers in 16 hex digits. */
    char *key;
    char fingerprint[17];

    char *source_path;
    const char *source_format; /* static: "docx", "html", "text", "pdf" */
    const char *source_encoding;
};

/* Records the original text of a field; false when it could not be
 * stored for want of memory (and sets prov_oom). */
bool gk_report_add_provenance(gk_report *r, const char *field, const char *raw);

/* libxml2 reports most of its failures, out of memory included, through
 * its error handlers rather than return values: while a stage calls into
 * it, a watch takes this thread's structured error handler (nothing is
 * printed) and notes whether memory ran out. */
struct _xmlError; /* libxml2's xmlError */
typedef struct {
    void (*saved_handler)(void *, struct _xmlError *);
    void *saved_context;
    void *parser; /* the xmlParserCtxt being run, to halt on running out of memory */
    bool nomem;
} gk_xml_watch;

void gk_xml_watch_begin(gk_xml_watch *w);
/* Restores the handler; GK_ERR_NOMEM when libxml2 ran out of memory. */
gk_status gk_xml_watch_end(gk_xml_watch *w);
/* Gives a parser context (xmlParserCtxt, HTML or XML) a copy of text as
 * its input: what xmlCreateMemoryParserCtxt does, less libxml2 2.9.14's
 * leak of the buffer's content when copying it fails.  False when out of
 * memory. */
bool gk_xml_push_input(void *parser, const char *text, size_t len);

/* ---- model.c: the document model every reader produces ---- */
typedef struct {
    char *text;
    int row, col, rowspan, colspan;
    /* What a reader already knows the cell names (run-together text builds
     * its grids from codes), so that recognizers need not match its text
     * again; NULL otherwise. */
    const gk_term *term;
} gk_cell;

typedef struct {
    gk_cell *cells;
    size_t ncells, cells_cap;
    int *grid; /* rows_cap × cols_cap, cell index or -1 */
    int rows_cap, cols_cap;
    int nrows, ncols;
    int cur_row, cur_col; /* builder cursor */
    bool clamped;         /* a span or size was cut at a limit */
} gk_table;

typedef enum { GK_BLOCK_PARAGRAPH, GK_BLOCK_TABLE } gk_block_kind;

typedef struct {
    gk_block_kind kind;
    char *text;     /* paragraph text (UTF-8, squeezed) */
    int heading;    /* 0: body text; 1-6: heading level hint; 7: bold-only line */
    gk_table *table;
} gk_block;

typedef struct {
    gk_block *blocks;
    size_t count, cap;
    gk_diag_list *diags; /* where readers report (owned by the report) */
    size_t grid_slots;   /* of the tables kept, against GK_MAX_DOC_SLOTS */
    bool tables_dropped;
} gk_document;

void gk_doc_init(gk_document *doc, gk_diag_list *diags);
void gk_doc_free(gk_document *doc);
/* Adds a paragraph (text squeezed; empty text ignored). */
bool gk_doc_add_paragraph(gk_document *doc, const char *text, int heading);
bool gk_doc_add_table(gk_document *doc, gk_table *table); /* takes ownership */
/* A paragraph per line of text ('\n'-separated). */
bool gk_doc_add_lines(gk_document *doc, const char *text);
/* Moves the last block to index `to`, the blocks from there one up: a
 * paragraph read after what was anchored inside it goes before it. */
void gk_doc_move_last(gk_document *doc, size_t to);

gk_table *gk_table_new(void);
void gk_table_free(gk_table *t);
/* Starts the next row (the first call starts row 0). */
void gk_table_begin_row(gk_table *t);
/* Skips n grid columns in the current row (DOCX w:gridBefore). */
void gk_table_skip_cols(gk_table *t, int n);
/* Places a cell at the next free slot of the current row. */
bool gk_table_add_cell(gk_table *t, const char *text, int colspan, int rowspan);
/* DOCX vMerge continue: extends the cell above the next free slot down into
 * this row; falls back to an empty cell when there is none. */
bool gk_table_merge_down(gk_table *t, int colspan);
/* Cell index at (row, col) or -1. */
int gk_table_at(const gk_table *t, int row, int col);

/* ---- readers: bytes (UTF-8) → model ---- */
gk_status gk_read_html(const char *utf8, size_t len, gk_document *doc, gk_error *err);
gk_status gk_read_text(const char *utf8, size_t len, gk_document *doc, gk_error *err);
gk_status gk_read_docx(const void *zip, size_t len, gk_document *doc, gk_error *err);
/* PDF (pdf.c, through MuPDF; pdf_none.c refuses it when built with PDF=no):
 * paragraphs and ruled tables rebuilt from the pages.  An encrypted PDF, a
 * scan without a text layer and fonts without a Unicode map are
 * GK_ERR_FORMAT, each with its own message. */
gk_status gk_read_pdf(const void *pdf, size_t len, gk_document *doc, gk_error *err);

/* ---- source.c: sniffing and decoding ---- */
typedef enum { GK_FMT_DOCX, GK_FMT_HTML, GK_FMT_TEXT } gk_format;

/* Tells DOCX from text-like input, or refuses (PDF, image, OLE…). */
gk_status gk_sniff_binary(const unsigned char *data, size_t len, bool *is_zip, gk_error *err);
/* "%PDF-" within the first 1024 bytes, where readers look for it. */
bool gk_sniff_pdf(const unsigned char *data, size_t len);
/* Decodes to UTF-8: BOM, declared charset, then sniffing.  *encoding gets
 * a static name ("UTF-8", "GB18030", "UTF-16LE", …). */
gk_status gk_decode(const unsigned char *data, size_t len, char **utf8, size_t *utf8_len,
                    const char **encoding, gk_diag_list *diags, gk_error *err);
gk_format gk_sniff_markup(const char *utf8, size_t len);
/* The file name as UTF-8 for source.path: as it is when it is UTF-8, else
 * read as GB18030, else with U+FFFD for what neither decodes (noted in
 * diags).  NULL when out of memory. */
char *gk_file_name_utf8(const char *name, gk_diag_list *diags);

/* ---- normalize.c: labels ---- */
/* Full-width ASCII → ASCII, all white space and quotes removed, brackets
 * unified to ASCII ( ).  NULL when out of memory. */
char *gk_label_normalize(const char *s);
/* The same with the leading numbering ("三、", "(一)", "1.", "三三、") removed.
 * NULL when out of memory or when the numbering pattern fails (its match
 * limit): either way the label could not be read, and the conversion fails. */
char *gk_label_core(const char *s);

/* ---- patterns.c: every PCRE2 pattern, compiled once ---- */
typedef enum {
    GK_PAT_NUMBERING,    /* leading numbering of a label */
    GK_PAT_NUMBER,       /* a cell value with unit */
    GK_PAT_TITLE,        /* report title: agency, year */
    GK_PAT_SECTION,      /* section heading 一、… */
    GK_PAT_STAT_YEAR,    /* "从2019年1月1日": the year when the title has none */
    GK_PAT_CHROME,       /* site footer / tools that end the article */
    GK_PAT_COVER_LETTER, /* "XX局关于报送《…年度报告》的函": agency, the report's title */
    GK_PAT_DATE_LINE,    /* a signature's date "2026年1月20日", after the agency or alone */
    GK_PAT_BODY_YEAR,    /* "2024年，本局…": a paragraph that starts with the year reported on */
    GK_PAT_AGENCY_SELF,  /* "XX局（以下简称“本局”）", "本报告由XX局编制" */
    /* prose.c: a figure stated in a sentence; group 1 the number, unset
     * when the sentence says there was none ("未收到…申请") */
    GK_PAT_TEXT_NEW_RECEIVED,    /* "全年共收到政府信息公开申请154件" */
    GK_PAT_TEXT_CARRIED_OVER,    /* "结转上年度政府信息公开申请1件" */
    GK_PAT_TEXT_CARRIED_FORWARD, /* "1件结转下年度继续办理" "结转至2026年6件" */
    GK_PAT_TEXT_REVIEW,          /* "本年度共办理行政复议3件" */
    GK_PAT_TEXT_LITIGATION,      /* "行政诉讼案件7件" */
    GK_PAT_COUNT
} gk_pattern_id;

typedef struct {
    size_t start[10], end[10]; /* byte offsets of groups; start == SIZE_MAX when unset */
    int count;
} gk_match;

/* Matches pattern id against s; returns 1 on match, 0 on none, or on an
 * error the negated status (-GK_ERR_NOMEM, -GK_ERR_TOO_LARGE when the match
 * limit is hit, -GK_ERR_INTERNAL): an error is never "no match". */
int gk_pattern_match(gk_pattern_id id, const char *s, size_t len, gk_match *m);
/* Compiles the patterns on first use (again after a failure): GK_OK, or
 * GK_ERR_NOMEM / GK_ERR_INTERNAL. */
gk_status gk_patterns_ready(void);

/* ---- values.c ---- */
/* GK_VAL_ERROR: the text could not be examined (out of memory, a pattern
 * error); `error` says why and the conversion fails with it. */
typedef enum { GK_VAL_BLANK, GK_VAL_NUMBER, GK_VAL_INVALID, GK_VAL_ERROR } gk_val_kind;
typedef struct {
    gk_val_kind kind;
    gk_status error;
    gk_num num;
    bool plain; /* the text was just ASCII digits (with an optional sign/point) */
} gk_val;
gk_val gk_value_parse(const char *text, bool decimal);

/* ---- headings.c: section headings inside running text ---- */
/* A heading of section `expected` ("三、…情况": numeral, 、, a title ending
 * in a title word before any 。) starts at s. */
bool gk_heading_at(const char *s, int expected);
/* Where that heading's title ends, in bytes from s. */
size_t gk_heading_end(const char *s, size_t len);
/* Where a title t (after "三、") ends when prose follows it: a known
 * section title, else the last title word before the prose starts. */
size_t gk_heading_title_end(const char *t, size_t len);

/* ---- flat.c: crawler text whose table cells ran together ---- */
/* Rebuilds a text document with no tables: inline section headings become
 * paragraphs and run-together tables become grids, their digit runs split
 * by the template's arithmetic (ambiguous cells left blank, with the
 * candidates in a diagnostic). */
gk_status gk_unflatten(gk_document *doc);

/* ---- titles.c: title, agency and year ---- */
gk_status gk_recognize_title(const gk_document *doc, gk_report *r);
/* Characters (code points) in a UTF-8 string. */
size_t gk_utf8_count(const char *s);
/* s[0, len) squeezed, with the spaces between CJK characters removed
 * ("孟津区 2023 年" → "孟津区2023年"); NULL when out of memory. */
char *gk_cjk_compact(const char *s, size_t len);

/* ---- recognizers: each returns GK_OK, or the error that stopped it
 * (GK_ERR_NOMEM, a pattern's error), never a quietly shorter report ---- */
gk_status gk_recognize_sections(const gk_document *doc, gk_report *r);
gk_status gk_recognize_tables(const gk_document *doc, gk_report *r);
gk_status gk_run_checks(gk_report *r);
/* checks.c: r->failing_checks, once every check has run. */
gk_status gk_list_failing_checks(gk_report *r);
/* prose.c: the figures section texts state, against the tables (text.*). */
gk_status gk_run_text_checks(gk_report *r);
/* identity.c: sets r->key and r->fingerprint, once the tables are read. */
gk_status gk_identify(gk_report *r);

/* ---- fields.c: the report's flat fields (the CSV's columns) ----
 * One enumeration for every flat view of a report — the CSV writer, the
 * getters by name (gk_report_get_number/_text), the long format's key
 * columns, the codebook — built from the vocabulary's tables, so that a
 * column's name, kind and meaning are written in one place.  Iterate with
 *     for (size_t i = 0; i < gk_field_count(); i++) { const gk_field *f = gk_field_at(i); … }
 * in CSV column order. */
typedef enum {
    GK_FIELD_TEXT,    /* a string (or null) */
    GK_FIELD_INTEGER, /* a count, a year */
    GK_FIELD_DECIMAL  /* an amount with a fraction allowed */
} gk_field_kind;

/* Where a field's value lives, and what its two ids (a, b) are. */
typedef enum {
    GK_PART_REPORT,       /* the report's own fields (title, year…): a is fields.c's index */
    GK_PART_ACTIVE,       /* table 二: a a GK_ITEM_…, b a GK_MEASURE_… (GK_TERM_ITEM / _MEASURE ids) */
    GK_PART_APPLICATIONS, /* table 三: a a GK_ROW_…, b a GK_COL_… (GK_TERM_ROW / _COLUMN ids) */
    GK_PART_REVIEWS       /* table 四: a a GK_GROUP_…, b a GK_RESULT_… (GK_TERM_GROUP / _RESULT ids) */
} gk_field_part;

typedef struct {
    const char *name; /* the CSV column and the JSON path with dots: "applications.granted.total" */
    gk_field_kind kind;
    const char *unit; /* "万元" for amounts; NULL for counts and text */
    gk_field_part part;
    int a, b; /* the codes within the part (see gk_field_part); labels: gk_term_get() */
    /* A report field's meaning, for the codebook; NULL for a table value,
     * whose meaning is its codes' labels (gk_term_get()). */
    const char *meaning;
    /* Text from the source document (path, agency, title): cleaned of
     * control characters, and neutralized for spreadsheets under
     * GK_CSV_EXCEL; other text is the converter's own words. */
    bool source_text;
} gk_field;

/* The number of fields (the same for every report), and the i-th (NULL
 * past the end); static data, safe from any thread. */
size_t gk_field_count(void);
const gk_field *gk_field_at(size_t i);
/* The field of that name, or NULL. */
const gk_field *gk_field_find(const char *name);

typedef struct {
    const char *text; /* text fields: NULL for null; static or owned by the report */
    gk_num num;       /* number fields: num.present false for null */
} gk_field_value;

/* A field's value in a report, as the report holds it: the CSV writes it
 * (gk_csv_field_value), with control characters in the source's text
 * replaced. */
gk_field_value gk_field_value_of(const gk_report *r, const gk_field *f);

/* ---- long.c, checks.c: the other tables the codebook documents ---- */
/* A documented column or field: its name, type as the codebook says it,
 * meaning.  type and meaning NULL: a field of fields.c's list, documented
 * there (the long format's key columns). */
typedef struct {
    const char *name, *type, *meaning;
} gk_field_doc;

/* The i-th column of the long format, or NULL past the last. */
const gk_field_doc *gk_long_column(size_t i);

/* The consistency rules, which the checks run from. */
enum {
    GK_RULE_BALANCE, GK_RULE_RESULTS_SUM, GK_RULE_ROW_TOTAL, GK_RULE_GROUP_TOTAL,
    /* prose against tables (prose.c) */
    GK_RULE_TEXT_NEW_RECEIVED, GK_RULE_TEXT_CARRIED_OVER, GK_RULE_TEXT_CARRIED_FORWARD, GK_RULE_TEXT_REVIEW,
    GK_RULE_TEXT_LITIGATION, GK_RULE_COUNT
};

typedef struct {
    const char *rule;         /* the name in checks[].rule */
    const char *scope;        /* what one check of it covers (checks[].scope) */
    const char *left, *right; /* the two sides compared */
} gk_rule_doc;

const gk_rule_doc *gk_check_rules(size_t *count);

/* ---- init.c ---- */
/* What the library sets up for itself (libxml2), once per process; every
 * entry point that may reach libxml2 first calls it. */
void gk_library_init(void);

/* ---- cells.c: a value cell by reference ---- */
/* Its value, or NULL when the report has no such cell. */
const gk_num *gk_cell_value(const gk_report *r, gk_cell_ref ref);
/* Its dotted field name, as provenance names it ("applications.granted.total");
 * "" when the report has no such cell. */
void gk_cell_field(const gk_report *r, gk_cell_ref ref, char *buf, size_t cap);

/* ---- schema.c ---- */
gk_status gk_schema_validate(void *xml_doc, gk_error *err);

void gk_error_set(gk_error *err, gk_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
