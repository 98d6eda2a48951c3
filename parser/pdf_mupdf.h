/* pdf_mupdf.h — what the MuPDF side of the PDF reader shares (pdf.c,
 * pdf_context.c, pdf_device.c).  Only these files see MuPDF's types; the
 * layout works on pdf.h's plain data.  Built only with PDF support. */
#ifndef GK_PDF_MUPDF_H
#define GK_PDF_MUPDF_H

#include <mupdf/fitz.h>

#include "pdf.h"

/* This thread's MuPDF context, made on first use and dropped when the
 * thread ends; NULL when MuPDF could not be set up. */
fz_context *gk_pdf_thread_context(void);

/* A device that adds the rulings it is drawn to page's hrules and vrules,
 * counts its images, and passes every text call on to text (the
 * structured-text device).  The caller drops it. */
fz_device *gk_pdf_new_rules_device(fz_context *ctx, fz_device *text, gk_pdf_page *page);
/* After the run: GK_OK, GK_ERR_NOMEM (a ruling could not be kept) or
 * GK_ERR_TOO_LARGE (over GK_MAX_PDF_PAGE_RULES). */
gk_status gk_pdf_rules_status(fz_device *dev);

#endif
