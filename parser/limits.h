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

#endif
