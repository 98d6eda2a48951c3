/* pdf.h — a PDF page as plain data, between the MuPDF side (pdf.c) and the
 * layout stages that rebuild paragraphs and tables from it (pdf_*.c).  No
 * MuPDF type appears here: the layout is geometry and can be tested
 * without MuPDF. */
#ifndef GK_PDF_H
#define GK_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Page coordinates in points, y growing downwards (MuPDF's). */
typedef struct {
    float x0, y0, x1, y1;
} gk_box;

typedef struct {
    uint32_t cp;
    gk_box box;    /* the glyph's box */
    float size;    /* font size, points */
    bool vertical; /* written top to bottom (writing mode 1) */
    bool bold;     /* from the font's name or flags: a heading hint */
} gk_pdf_char;

/* A ruling: a stroked line, or a filled rectangle thin enough to be one.
 * Horizontal: at y = pos from x = from to x = to; vertical: at x = pos. */
typedef struct {
    float pos, from, to;
} gk_pdf_rule;

typedef struct {
    gk_pdf_rule *items;
    size_t count, cap;
} gk_pdf_rules;

typedef struct {
    int number; /* 1-based, for diagnostics */
    float width, height;
    gk_pdf_char *chars; /* in MuPDF's reading order */
    size_t nchars, chars_cap;
    gk_pdf_rules hrules, vrules;
    size_t images;       /* images drawn: a page of images and no text is a scan */
    size_t unmapped;     /* glyphs without a Unicode value (U+FFFD) */
} gk_pdf_page;

void gk_pdf_page_free(gk_pdf_page *page);
bool gk_pdf_add_char(gk_pdf_page *page, const gk_pdf_char *c);
bool gk_pdf_add_rule(gk_pdf_rules *rules, float pos, float from, float to);

/* ---- pdf_layout.c: pages → the document model ---- */
/* Rebuilds paragraphs and tables from the pages, in order, into doc.
 * Returns GK_OK or GK_ERR_NOMEM. */
gk_status gk_pdf_layout(gk_pdf_page *pages, size_t npages, gk_document *doc);

/* ---- pdf_text.c: characters → text ---- */
/* The text of a set of characters read as a person would: horizontal
 * lines top to bottom, each left to right; vertical columns right to left,
 * each top to bottom.  Lines are joined without a space between CJK
 * characters (wrapped labels, letter-spaced words) and with one between
 * Latin words.  idx lists the characters (indexes into chars); it is
 * reordered.  Appends to out. */
void gk_pdf_chars_text(const gk_pdf_char *chars, size_t *idx, size_t n, gk_buf *out);
/* Lines of characters, the one way every reader of a page finds them:
 * gk_pdf_sort_top_down() orders idx[0..n) by height; gk_pdf_next_line() then
 * takes the line starting at idx[start] (characters whose centre is within
 * half the first one's height), sorts it left to right and returns its end. */
void gk_pdf_sort_top_down(const gk_pdf_char *chars, size_t *idx, size_t n);
size_t gk_pdf_next_line(const gk_pdf_char *chars, size_t *idx, size_t n, size_t start);
/* White space in a PDF's text: space, no-break space, ideographic space, TAB. */
bool gk_pdf_is_space(uint32_t cp);

/* Appends the next line of a block of text to out: nothing between CJK
 * characters (a wrapped line goes on), a space between Latin words. */
void gk_pdf_append_line(gk_buf *out, const char *line);

/* A text line outside tables. */
typedef struct {
    gk_box box;
    float size; /* the commonest font size of its characters */
    bool bold;
    int page;
    char *text;
} gk_pdf_line;

/* The lines of the characters idx[0..n) (one page, outside tables), top to
 * bottom; NULL with *count 0 when there are none; false when out of memory. */
bool gk_pdf_text_lines(const gk_pdf_page *page, size_t *idx, size_t n, gk_pdf_line **lines, size_t *count);
void gk_pdf_lines_free(gk_pdf_line *lines, size_t count);

/* ---- pdf_flow.c: lines → paragraphs ---- */
/* Page headers, footers and page numbers dropped; lines joined into
 * paragraphs (a line ends its paragraph when it ends short, the next is
 * indented, the type size changes or a gap opens); large-type title lines
 * joined into one title.  Appends to doc. */
typedef struct gk_pdf_flow gk_pdf_flow;
gk_pdf_flow *gk_pdf_flow_new(gk_document *doc, float body_size, float left, float right);
/* Adds one line; false when out of memory. */
bool gk_pdf_flow_line(gk_pdf_flow *flow, const gk_pdf_line *line);
/* Ends the open paragraph (before a table, at the end). */
bool gk_pdf_flow_break(gk_pdf_flow *flow);
void gk_pdf_flow_free(gk_pdf_flow *flow);
/* A header or footer line: a page number ("- 4 -", "第 4 页", "4/6") in
 * the page's top or bottom margin band. */
bool gk_pdf_is_page_furniture(const gk_pdf_line *line, const gk_pdf_page *page);
/* In the page's top or bottom band, where headers and footers stand. */
bool gk_pdf_in_margin_band(const gk_pdf_line *line, const gk_pdf_page *page);

/* ---- pdf_grid.c: rulings → table parts ---- */
/* A cell of a table part: grid slots [r0, r1) × [c0, c1) and its text. */
typedef struct {
    int r0, r1, c0, c1;
    char *text;
} gk_pdf_cell;

/* A table as drawn on one page (a part, when it runs over a page break). */
typedef struct {
    int page, first_page; /* its last part's page and its first's */
    gk_box box;
    float *xs; /* column boundaries, ncols + 1 */
    float *ys; /* row boundaries, nrows + 1 */
    int ncols, nrows;
    gk_pdf_cell *cells;
    size_t ncells;
    bool bottom_open; /* its bottom border was not drawn (cut by a page break) */
    bool unruled;     /* drawn without rulings: words placed by its header (pdf_unruled_*.c) */
    /* Drawn without rulings: its label columns (the first ones), its rows
     * of values, and what may end the row a page break cut, for the part
     * before: the end of its label (lead), and the grid row of its first
     * row when no numbered label starts it (lead_row, else -1). */
    int label_cols, data_rows;
    char *lead;
    int lead_row;
} gk_pdf_table;

/* The tables drawn by the page's rulings, top to bottom.  Each character
 * whose centre lies in a table is marked in in_table[] and goes to the
 * cell holding its centre.  The page's rulings are sorted and merged in
 * place.  false when out of memory. */
bool gk_pdf_find_tables(gk_pdf_page *page, bool *in_table, gk_pdf_table **tables, size_t *count);
void gk_pdf_table_free(gk_pdf_table *t);

/* ---- pdf_join.c: table parts → model tables ---- */
/* Whether b (at the top of the page after a's) continues a. */
bool gk_pdf_continues(const gk_pdf_table *a, const gk_pdf_table *b);
/* Appends b's rows to a: the row cut by the break glued back, a repeated
 * header dropped, cells cut at the seam joined.  b is emptied. */
bool gk_pdf_join(gk_pdf_table *a, gk_pdf_table *b);
/* The table as a model table added to doc (its cells sorted), with an
 * info diagnostic naming the pages it was read from. */
bool gk_pdf_emit_table(gk_pdf_table *t, gk_document *doc);

/* ---- pdf_words.c: characters → words on lines ---- */
/* A word: characters of one line with no gap wider than GK_PDF_CELL_GAP_EM
 * between them (white space ends one too). */
typedef struct {
    gk_box box;
    float size;
    char *text;
    size_t from, to; /* its characters: idx[from..to) of its gk_pdf_words */
    int line;        /* index of its line */
    bool number;     /* a value: a number or a zero marker */
    bool numbered;   /* starts with a label's numbering ("1.", "（三）", "一、") */
    bool article;    /* "第二十条第（一）项": the title of a part of table 二, not a label */
    unsigned names;  /* the kinds of template words it names (pdf_unruled_pages.c fills it in) */
} gk_pdf_word;

typedef struct {
    gk_box box;
    float height;       /* the commonest character height: the line's pitch */
    size_t first, end;  /* its words, left to right */
} gk_pdf_wline;

typedef struct {
    size_t *idx; /* character indexes, line by line, each left to right */
    gk_pdf_word *words;
    size_t nwords;
    gk_pdf_wline *lines;
    size_t nlines;
} gk_pdf_words;

/* The words of the page's horizontal characters not marked in skip[], on
 * lines top to bottom.  GK_OK, GK_ERR_NOMEM, or the error of a value or
 * label that could not be examined. */
gk_status gk_pdf_words_build(const gk_pdf_page *page, const bool *skip, gk_pdf_words *out);
void gk_pdf_words_free(gk_pdf_words *w);

/* ---- pdf_unruled_*.c: tables drawn without rulings (pdf_unruled.h) ---- */
/* The header of a table cut by a page's end, carried to the next page. */
typedef struct gk_pdf_header gk_pdf_header;
void gk_pdf_header_free(gk_pdf_header *h);

/* The tables of a page drawn without rulings, found by their header rows
 * (labels of the template's columns, measures or results): each value of
 * the rows below goes to the column of the header cell above it, the
 * label words to their row.  Characters used are marked in in_table[]
 * (the others stay text).  *carry is the header of the previous page's
 * table when the page before ended inside it (NULL otherwise): rows at the
 * top of this page continue it; it is replaced by this page's.  *tables
 * receives *count tables, top to bottom (NULL and 0 when there is none).
 * GK_OK, GK_ERR_NOMEM, or the error of a label that could not be read. */
gk_status gk_pdf_find_unruled(const gk_pdf_page *page, bool *in_table, gk_pdf_header **carry, gk_pdf_table **tables,
                              size_t *count);

/* The end of the row a page break cut, from next's part, added to prev's
 * last row: the end of its label (next's lead) appended, and next's first
 * row moved into it when that has no label of its own and values only
 * where prev's last row has none (a value fallen onto the next page).
 * GK_OK, or GK_ERR_NOMEM or the error of a label that could not be read. */
gk_status gk_pdf_glue_lead(gk_pdf_table *prev, gk_pdf_table *next);

/* How a document without ruled tables has its tables read: by placing words
 * into the header's columns where a header is found (the default), or only
 * through the run-together solver of crawler text.  Set once, before any
 * conversion, by the measurement of the two (tests/measure-unruled.sh). */
typedef enum { GK_PDF_UNRULED_COLUMNS, GK_PDF_UNRULED_TEXT } gk_pdf_unruled_reading;
extern gk_pdf_unruled_reading gk_pdf_unruled_mode;

#endif
