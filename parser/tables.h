/* tables.h — what the table recognizers share (tables.c, rows.c, active.c,
 * apps.c, reviews.c; not public): grid rows as lists of distinct cells,
 * which code a cell names, value cells mapped to codes and read, and the
 * edition a table's labels tell. */
#ifndef GK_TABLES_H
#define GK_TABLES_H

#include "internal.h"

/* A grid row as a list of distinct cells. */
typedef struct {
    const gk_cell *cell;
    const char *core; /* label without numbering (the table's cache) */
    const gk_term *term; /* what the reader already knew the cell names, or NULL */
    bool blank;       /* no text */
    bool value;       /* parses as a number or zero marker */
} gk_rcell;

typedef struct {
    gk_rcell cells[GK_MAX_TABLE_COLS];
    int n;
    int last_label; /* index of the rightmost label cell, -1 when none */
    int row_no;
} gk_trow;

/* What every cell of a table says, worked out once: a spanning cell is met
 * in every row it spans, and each recognizer pass reads all cells. */
typedef struct {
    char *core;
    const gk_term *term;
    bool blank, value;
} gk_cell_info;

/* The recognizers' context: the report, where in the model they read (for
 * diagnostics), and the first error. */
typedef struct {
    gk_report *r;
    char where[64];
    gk_status st; /* the first error: it ends the recognition */
} gk_rctx;

/* Header entries: a code, where its cell sits, from which header row. */
typedef struct {
    int code, col, colspan, row;
} gk_hdr;

/* An item row as read: its item (GK_ITEM_…, or -1 for a local row kept as
 * extra_N with its label) and the measures of the header above it. */
typedef struct {
    int item;
    char *code, *label;
    int count;
    int measures[GK_MAX_MEASURES];
    gk_num values[GK_MAX_MEASURES];
} gk_found_item;

/* Table 二 as read so far, over all its tables. */
typedef struct {
    gk_found_item items[64];
    int count, extras;
    int told[2]; /* labels met that belong to the 2019 / the 2021 edition only */
} gk_active_found;

/* ---- rows.c ---- */
void gk_cells_free(gk_cell_info *info, size_t n);
/* Each cell of t analysed once (*out freed with gk_cells_free). */
gk_status gk_cells_analyze(const gk_table *t, gk_cell_info **out);
void gk_row_load(const gk_table *t, const gk_cell_info *info, int r, gk_trow *row);
/* The row's value cells (right of its rightmost label, starting in row r). */
int gk_row_values(const gk_trow *row, int r, const gk_rcell **out);
/* The id of `kind` a cell names (exact keywords), or -1. */
int gk_cell_id(const gk_term *term, const char *core, gk_term_kind kind);
/* The same, misprints allowed with GK_MATCH_FUZZY; a tie is the caller's. */
gk_term_match gk_cell_match(const gk_term *term, const char *core, gk_term_kind kind, int how);
/* "fits penalty and enforcement equally" for a tie's diagnostic. */
void gk_tie_describe(gk_term_kind kind, const gk_term_match *m, char *buf, size_t cap);
/* Value cells to nk codes, by order or by the header's column map. */
bool gk_map_values(const gk_rcell *const *v, int nv, int nk, const int *colmap, int ncols, const gk_rcell **assigned);
/* Records an error (the first one stays); true while there is none. */
bool gk_rec_ok(gk_rctx *c, gk_status st);
/* Reads an assigned cell into *out, with provenance under part.key.sub. */
void gk_take_value(gk_rctx *c, const gk_rcell *cell, bool decimal, const char *part, const char *key, const char *sub,
                   gk_num *out);
/* Column map and code order from header entries; -1 when untrustworthy. */
int gk_header_layout(gk_hdr *h, int nh, int ncodes, int *colmap, int ncols, int *order);
/* The row's label cells from index `from` to the rightmost, joined. */
void gk_label_join(const gk_trow *row, int from, char *out, size_t cap);
/* Counts a label toward the edition it belongs to, when only one. */
void gk_edition_tell(int *told, gk_term_kind kind, int id);
/* The edition more of a table's labels belong to; 0 when none tells. */
unsigned gk_edition_told(const int *told);

/* ---- the three tables ---- */
/* active.c: a table 二 read into af; the report's items from af. */
void gk_recognize_active(gk_rctx *c, const gk_table *t, const gk_cell_info *info, int table_no, gk_active_found *af);
void gk_build_items(gk_rctx *c, gk_active_found *af, unsigned ed);
/* apps.c: table 三 from all its pieces; its rows as written. */
void gk_recognize_apps(gk_rctx *c, const gk_table *const *tables, gk_cell_info *const *infos, const int *numbers,
                       int ntables);
void gk_list_app_rows(gk_report *r);
/* reviews.c: table 四. */
void gk_recognize_reviews(gk_rctx *c, const gk_table *t, const gk_cell_info *info, int table_no);

#endif
