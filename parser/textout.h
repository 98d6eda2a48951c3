/* textout.h — what text the writers may emit: the one definition of the
 * control characters that never reach an output raw, shared by the JSON,
 * XML, CSV and long-format writers, and the CSV fields those two write. */
#ifndef GK_TEXTOUT_H
#define GK_TEXTOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

/* A code point no text output carries raw: C0 controls but TAB, LF and CR,
 * DEL, the C1 controls (U+0080–U+009F, NEL among them) and the
 * non-characters U+FFFE/U+FFFF. */
bool gk_cp_is_control(uint32_t cp);

/* Appends s with every such code point, and every byte that is not UTF-8,
 * replaced by U+FFFD (the formats that cannot escape them: XML, CSV). */
void gk_buf_add_clean(gk_buf *b, const char *s);

/* Rewrites JSON text so that what jansson writes raw inside strings and
 * line-splitting readers would break on is a \uXXXX escape: DEL, the C1
 * controls (U+0085 NEL among them) and U+2028/U+2029.  Lossless: a JSON
 * parser reads the same strings back.  (jansson escapes C0 itself.)  On
 * running out of memory the buffer is left failed. */
void gk_json_escape_separators(gk_buf *b);

/* CSV (RFC 4180) fields, shared by the wide and the long format. */
typedef enum {
    GK_CSV_FIELD_FIRST = 1u,  /* no comma before it */
    GK_CSV_FIELD_SOURCE = 2u   /* text from the source: cleaned, and neutralized under GK_CSV_EXCEL */
} gk_csv_field_flags;

/* Appends one field: quoted when it holds a comma, a quote, CR, LF or a
 * line separator; a text field is cleaned (gk_buf_add_clean) and, when
 * options has GK_CSV_EXCEL, prefixed with ' when it begins with = + - @
 * TAB or CR, which a spreadsheet would run as a formula. */
void gk_csv_field(gk_buf *b, const char *s, unsigned flags, unsigned options);

/* csv.c: appends the value of field f (fields.c) in report r as one CSV
 * field, as the wide CSV writes it: a number formatted, null empty, text
 * from the source cleaned and neutralized under GK_CSV_EXCEL. */
void gk_csv_field_value(gk_buf *b, const gk_report *r, const gk_field *f, unsigned flags, unsigned options);

#endif
