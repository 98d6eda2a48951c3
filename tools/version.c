/* version.c — what --version says: gkreport's version, the versions of the
 * libraries it runs with (read from them at run time, not from their
 * headers), whether it reads PDF, the output schema's version and the
 * licence that follows from how it was built. */
#include <jansson.h>
#include <libxml/globals.h>
#include <stdio.h>
#include <stdlib.h>
#include <zip.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "cli.h"
#ifdef GK_WITH_PDF
#include <mupdf/fitz/version.h>
#endif

/* A binary linked with MuPDF is covered by MuPDF's AGPL; the project's own
 * code is MIT (LICENSE).  MuPDF is linked statically: its version is the
 * header's. */
#ifdef GK_WITH_PDF
static const char pdf_and_licence[] =
    "PDF: yes (MuPDF " FZ_VERSION ")\n"
    "gkreport's own code is under the MIT licence (LICENSE).  This binary is\n"
    "linked with MuPDF, licensed under the GNU AGPL-3.0-or-later, so the binary\n"
    "as a whole is covered by the AGPL: whoever receives it, or uses it over a\n"
    "network, is entitled to its complete source code.\n";
#else
static const char pdf_and_licence[] =
    "PDF: no (built with PDF=no)\n"
    "gkreport is under the MIT licence (LICENSE).\n";
#endif

void print_version(FILE *out)
{
    /* libxml2 gives its version as one number: 20914 is 2.9.14. */
    long xml = strtol(xmlParserVersion, NULL, 10);
    char pcre[64] = "?";
    if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= (int)sizeof pcre)
        pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    fprintf(out, "gkreport %s (library %s, output schema %s)\n", GK_VERSION, gk_version(), gk_schema_version());
    fprintf(out, "libxml2 %ld.%ld.%ld, libzip %s, PCRE2 %s, jansson %s\n", xml / 10000, xml / 100 % 100, xml % 100,
            zip_libzip_version(), pcre, jansson_version_str());
    fputs(pdf_and_licence, out);
}
