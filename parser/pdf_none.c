/* pdf_none.c — the PDF reader of a build without MuPDF (make PDF=no):
 * PDF input is refused, saying why. */
#include "internal.h"

gk_status gk_read_pdf(const void *pdf, size_t len, gk_document *doc, gk_error *err)
{
    (void)pdf, (void)len, (void)doc;
    gk_error_set(err, GK_ERR_FORMAT,
                 "not a report: looks like a PDF, and this gkreport was built without PDF support (PDF=no)");
    return GK_ERR_FORMAT;
}
