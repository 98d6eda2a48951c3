/* htmlout.h — what the HTML writer's files share (htmlout.c: the page,
 * htmltables.c: tables 二 三 四, htmlindex.c: the index of a batch; not
 * public): escaping, and one value cell with its status in its markup. */
#ifndef GK_HTMLOUT_H
#define GK_HTMLOUT_H

#include "internal.h"

/* Appends s as HTML text or attribute value: & < > " ' escaped, and the
 * control characters HTML forbids replaced by U+FFFD, so no string from a
 * report can open an element, an attribute or a comment. */
void gk_html_text(gk_buf *b, const char *s);
/* The same for s[0, n). */
void gk_html_textn(gk_buf *b, const char *s, size_t n);

/* Appends one value cell (<td>): its id is its field name
 * ("applications.granted.total"), its title the row and column codes;
 * class "null" for a blank, "fail" with data-rules for a cell read by a
 * failing check, "raw" with the original text shown when it was not a
 * plain number.  `row_code`/`col_code` go into the title. */
void gk_html_value_cell(gk_buf *b, const gk_report *r, gk_cell_ref ref, const char *row_code, const char *col_code);

/* Appends tables 二, 三 and 四 (each a <section>; a note when the report
 * lacks one). */
void gk_html_tables(gk_buf *b, const gk_report *r);

/* The section title of number n ("二、主动公开政府信息情况") from the
 * vocabulary, as text to escape; "" when there is none. */
void gk_html_section_heading(gk_buf *b, int number, const char *title);

/* The inline style sheet, shared by the report pages and the index. */
extern const char gk_html_style[];

/* The document head up to <body>: charset, a Content-Security-Policy that
 * allows nothing but the inline style (no script, no fetch), the title. */
void gk_html_head(gk_buf *b, const char *title);

#endif
