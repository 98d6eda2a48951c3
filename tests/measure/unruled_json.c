/* unruled_json.c — one PDF converted to JSON with its tables drawn without
 * rulings read one given way: "columns" (words placed into the columns of
 * the header cells, the library's default) or "text" (the lines handed to
 * the run-together solver), so that tests/measure-unruled.sh can measure
 * the two on the same material.
 * Usage: unruled_json columns|text FILE.pdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gkreport.h"
#include "pdf.h"

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "columns") && strcmp(argv[1], "text"))) {
        fprintf(stderr, "usage: unruled_json columns|text FILE.pdf\n");
        return 2;
    }
    gk_pdf_unruled_mode = strcmp(argv[1], "text") ? GK_PDF_UNRULED_COLUMNS : GK_PDF_UNRULED_TEXT;
    gk_report *r;
    gk_error err;
    if (gk_report_from_file(argv[2], &r, &err) != GK_OK) {
        fprintf(stderr, "%s: %s\n", argv[2], err.message);
        return 4;
    }
    char *json = gk_report_to_json(r, &err);
    gk_report_free(r);
    if (!json) {
        fprintf(stderr, "%s: %s\n", argv[2], err.message);
        return 70;
    }
    fputs(json, stdout);
    free(json);
    return 0;
}
