/* pdf_unruled.h — what the three files of tables drawn without rulings
 * share: pdf_unruled_header.c finds a table's header band (the header cells
 * naming the template's columns), pdf_unruled_place.c places the words of
 * the rows below into the header's columns and builds the table, and
 * pdf_unruled_pages.c reads a page's tables and joins a table's parts over
 * page breaks.  Private to those three files. */
#ifndef GK_PDF_UNRULED_H
#define GK_PDF_UNRULED_H

#include <stdbool.h>
#include <stddef.h>

#include "pdf.h"

/* Without libm: a PDF=no build links these files without it. */
static inline float min_f(float a, float b) { return a < b ? a : b; }
static inline float max_f(float a, float b) { return a > b ? a : b; }
static inline bool x_overlap(gk_box a, gk_box b) { return a.x0 < b.x1 && b.x0 < a.x1; }

static inline void box_add(gk_box *a, gk_box b)
{
    if (b.x0 < a->x0) a->x0 = b.x0;
    if (b.y0 < a->y0) a->y0 = b.y0;
    if (b.x1 > a->x1) a->x1 = b.x1;
    if (b.y1 > a->y1) a->y1 = b.y1;
}

/* The root of i's set (union-find over words), the path halved. */
static inline size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

/* ---- the header band (pdf_unruled_header.c) ---- */

/* A header cell: words of the band stacked into one block (社会公/益/组织). */
typedef struct {
    gk_box box;
    char *text;
    int top, last; /* its first and last lines */
    bool kept;     /* part of the header (not text above it or a label below) */
    unsigned names;
    int leaf;      /* the column it names, -1 for a spanning or other header cell */
    size_t first;  /* its words: member[first..] in block order (see header) */
    size_t nwords;
} hblock;

struct gk_pdf_header {
    size_t b0, b1;   /* the band's lines [b0, b1) */
    hblock *blocks;
    size_t nblocks;
    size_t *member;  /* word indexes, block by block */
    int nleaves;
    int *leaves;     /* block index of each column, left to right */
    bool cut_row;    /* carried: the page's end cut a row of its table (not the header from its rows) */
};
typedef struct gk_pdf_header header; /* short, inside these three files */

/* Frees what h holds and zeroes it (h itself is the caller's). */
void gk_unruled_header_clear(header *h);

/* Which kinds of template words the text names, a bit per kind (the
 * word's or block's "names"): GK_OK or GK_ERR_NOMEM. */
gk_status gk_unruled_names(const char *text, unsigned *names);

/* Whether line l can be part of a header: no value, short words only,
 * none starting with numbering. */
bool gk_unruled_header_line(const gk_pdf_words *W, size_t l);

/* The header whose band starts at line l, if there is one: *found false
 * (and h cleared) when the lines there name no columns.  GK_OK or
 * GK_ERR_NOMEM. */
gk_status gk_unruled_find_header(const gk_pdf_words *W, size_t l, header *h, bool *found);

/* The header's first line kept (lines above it are text before the table). */
int gk_unruled_first_kept_line(const header *h);

/* The characters of the header's cells (on its own page) marked as read. */
void gk_unruled_mark_header(const gk_pdf_words *W, const header *h, bool *in_table);

/* ---- the rows placed into the header's columns (pdf_unruled_place.c) ---- */

/* The table under header h whose rows start at line start (on the page
 * after h's when carried; continues: the page before's end cut one of its
 * rows), if rows of values follow: *made true when *t was filled (the
 * caller frees it, even half built); *next is the line after it.  GK_OK or
 * GK_ERR_NOMEM. */
gk_status gk_unruled_read_table(const gk_pdf_words *W, const header *h, size_t start, bool carried,
                                bool continues, const gk_pdf_page *page, bool *in_table, gk_pdf_table *t,
                                bool *made, size_t *next);

#endif
