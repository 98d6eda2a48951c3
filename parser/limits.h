/* limits.h — every bound the converter enforces, each with its reason. */
#ifndef GK_LIMITS_H
#define GK_LIMITS_H

/* Largest input file: the biggest real report pages are under 1 MiB; 64 MiB
 * leaves room for DOCX with images while keeping one file's memory bounded. */
#define GK_MAX_INPUT_BYTES (64u * 1024u * 1024u)

/* Uncompressed word/document.xml: text-only reports are under 2 MiB; a
 * larger part is almost surely a zip bomb. */
#define GK_MAX_DOCX_PART_BYTES (64u * 1024u * 1024u)

/* Sum of the uncompressed sizes the archive claims for all entries. */
#define GK_MAX_DOCX_TOTAL_BYTES (512u * 1024u * 1024u)

/* Entries in a DOCX archive: Word writes about 15, WPS under 40. */
#define GK_MAX_DOCX_ENTRIES 10000

/* Table grid: the 三 table has 28 rows and 9 columns; whole-page layout
 * tables reach a few hundred rows.  Past these a span is clamped and a
 * diagnostic says so (rowspan=65000 would otherwise allocate gigabytes). */
#define GK_MAX_TABLE_ROWS 4096
#define GK_MAX_TABLE_COLS 256

/* Grid slots (rows × columns) of one table: both limits above at once
 * would be a million slots per table, and a 35 KB page of tables with
 * rowspan=4096 colspan=256 took gigabytes (found by fuzzing).  The largest
 * real layout tables need a few thousand. */
#define GK_MAX_TABLE_SLOTS 65536

/* Grid slots of all tables of one document (16 MiB of grid): past it,
 * further tables are dropped with a diagnostic, so that megabytes of tiny
 * tables with huge spans cannot multiply memory (found by fuzzing: 5 MB of
 * them took 1.5 GB).  A real report's tables use a few thousand. */
#define GK_MAX_DOC_SLOTS (4 * 1024 * 1024)

/* Element nesting the readers descend into; deeper content is skipped with
 * a diagnostic (libxml2 itself stops at 256 without XML_PARSE_HUGE). */
#define GK_MAX_DEPTH 200

/* Diagnostics kept per report: beyond this one summary line counts the rest,
 * so a file of binary noise cannot produce megabytes of warnings. */
#define GK_MAX_DIAGNOSTICS 200

/* PCRE2 match limit: our patterns are anchored and linear; the limit turns
 * any pathological backtracking into an error instead of a hang. */
#define GK_PCRE2_MATCH_LIMIT 100000

/* Largest count a cell may hold (10^15): no report counts that many of
 * anything, and doubles stop being exact integers not far above it. */
#define GK_MAX_COUNT 1e15

/* Longest paragraph considered as a title or section heading. */
#define GK_MAX_HEADING_CHARS 60

/* ---- PDF (pdf*.c) ---- */

/* Pages of a PDF: reports run 5 to 40 pages; past this it is not one. */
#define GK_MAX_PDF_PAGES 500

/* Characters on one PDF page: a dense A4 page holds about 3,000; the
 * limit keeps a hostile page's memory bounded. */
#define GK_MAX_PDF_PAGE_CHARS 200000

/* Rulings (straight lines and thin rectangles) kept from one page: a page
 * of tables draws a few hundred; past this a page is a drawing (and
 * grouping lines into tables compares them pairwise). */
#define GK_MAX_PDF_PAGE_RULES 20000

/* MuPDF's cache of fonts and decoded objects, shared by every thread's
 * context: a report's CID fonts take a few MiB; MuPDF's default (256 MiB)
 * would let -j N workers hold far more than they need. */
#define GK_PDF_STORE_BYTES (32u << 20)

/* Geometry, in points (1/72 inch).  A segment is straight along an axis
 * when its ends differ by less than this across it (line joins and
 * rounding leave a few hundredths). */
#define GK_PDF_AXIS_SLACK 0.5f

/* A filled rectangle no thicker than this is a ruling (WPS draws borders
 * as 0.5–1 pt fills); a wider fill is shading, e.g. a header band. */
#define GK_PDF_RULE_THICKNESS 2.5f

/* Two rulings closer than this are one line (a border drawn both as a
 * stroke and as a filled rectangle), and a table's line positions closer
 * than this are one column or row boundary. */
#define GK_PDF_SNAP 2.0f

/* A group of lines narrower or lower than this is an underline or a
 * box around a word, not a table. */
#define GK_PDF_MIN_TABLE_SIDE 10.0f

/* Two table parts on consecutive pages are one table when their left and
 * right borders are this close (the same columns, drawn twice). */
#define GK_PDF_SAME_EDGE 4.0f

/* Header rows looked for at the top of a table's next part (the template's
 * tables have at most four). */
#define GK_PDF_MAX_HEADER_ROWS 6

/* A gap wider than this many em between two Latin characters is a space
 * (the PDF often draws none). */
#define GK_PDF_WORD_GAP 0.25f

/* A gap wider than this many em between any two characters of a line is
 * a space: words set apart, or the columns of a table drawn without
 * rulings. */
#define GK_PDF_COLUMN_GAP 1.5f

/* Paragraphs (pdf_flow.c), in em of the line's type: a line indented
 * further than GK_PDF_INDENT_EM from the left margin starts a paragraph
 * (Chinese first lines are indented 2 em), one ending further than
 * GK_PDF_SHORT_END_EM before the right margin ends one (justified lines
 * reach it), and a gap between lines wider than GK_PDF_PARA_GAP_EM
 * separates two (line spacing leaves under 1 em). */
#define GK_PDF_INDENT_EM 1.0f
#define GK_PDF_SHORT_END_EM 1.5f
#define GK_PDF_PARA_GAP_EM 1.0f

/* The body's type size is the commonest among the text's lines, each
 * line counted once per this many bytes of its text (ten CJK characters). */
#define GK_PDF_SIZE_WEIGHT_BYTES 30

/* Type this much larger than the body's is a title (reports set it at
 * 22 pt over 16 pt body text). */
#define GK_PDF_TITLE_SCALE 1.15f

/* The top and bottom share of a page where page numbers stand. */
#define GK_PDF_MARGIN_BAND 0.12f

/* Share of the em above the baseline in a character's box (CJK fonts
 * centre their glyphs on a 0.88/0.12 em box). */
#define GK_PDF_ASCENT 0.88f

/* Paint this faint or this white draws no visible line. */
#define GK_PDF_MIN_ALPHA 0.1f
#define GK_PDF_WHITE 0.95f

/* Tables drawn without rulings (pdf_unruled_*.c), in em of the type.  Two
 * characters of a line further apart than GK_PDF_CELL_GAP_EM are two
 * words (the cells of a row; a label's characters touch).  A header cell
 * line holds at most GK_PDF_HEADER_MAX_CHARS characters (the template's
 * longest label, 本年收费金额（单位：万元）, has 13, a line of its corner
 * note 20; a line of prose is longer).  A header cell's text wrapped
 * stands less than GK_PDF_STACK_GAP_EM under its line before.  A label line
 * further than GK_PDF_ROW_REACH_EM from every row of values, or a gap
 * wider than GK_PDF_TABLE_GAP_EM between two lines, ends the table. */
#define GK_PDF_CELL_GAP_EM 0.6f
#define GK_PDF_HEADER_MAX_CHARS 24
#define GK_PDF_ROW_REACH_EM 3.0f
#define GK_PDF_STACK_GAP_EM 1.2f
/* A label's next line stands less than this far under its line before
 * (a row's cell padding sets rows further apart). */
#define GK_PDF_CHAIN_GAP_EM 0.8f
#define GK_PDF_TABLE_GAP_EM 3.0f
/* Label columns of a table without rulings (group, sub-group, row). */
#define GK_PDF_MAX_LABEL_COLS 4

#endif
