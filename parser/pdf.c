/* pdf.c — PDF reader, the MuPDF side: the document opened from memory
 * (an encrypted one refused), and each page read into plain data (pdf.h):
 * every character with its box and writing direction from MuPDF's
 * structured text, and the rulings from the device of pdf_device.c, in one
 * run of the page.  A scan and fonts without a Unicode map are refused;
 * pdf_layout.c rebuilds paragraphs and tables from the rest.  Every MuPDF
 * call is inside fz_try; the context is this thread's (pdf_context.c). */
#include <math.h>
#include <mupdf/pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_mupdf.h"

/* ---- pages ---- */

/* Copies the structured text's characters into page (outside fz_try's
 * allocations: a failure is reported through the return value). */
static bool copy_chars(fz_context *ctx, fz_stext_page *text, gk_pdf_page *page, bool *too_many)
{
    for (fz_stext_block *b = text->first_block; b; b = b->next) {
        if (b->type != FZ_STEXT_BLOCK_TEXT)
            continue;
        for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
            bool vertical = l->wmode == 1 || fabsf(l->dir.y) > fabsf(l->dir.x);
            for (fz_stext_char *ch = l->first_char; ch; ch = ch->next) {
                if (ch->c == 0xFFFD || ch->c <= 0) {
                    page->unmapped++;
                    continue;
                }
                if (page->nchars >= GK_MAX_PDF_PAGE_CHARS) {
                    *too_many = true;
                    return true;
                }
                fz_rect r = fz_rect_from_quad(ch->quad);
                if (!vertical && l->dir.x > 0) {
                    /* the em box from the baseline: quads follow the font's
                     * ascender and descender, which some fonts set to three
                     * em, making lines overlap */
                    r.y0 = ch->origin.y - GK_PDF_ASCENT * ch->size;
                    r.y1 = ch->origin.y + (1 - GK_PDF_ASCENT) * ch->size;
                }
                gk_pdf_char c = {(uint32_t)ch->c, {r.x0, r.y0, r.x1, r.y1}, ch->size, vertical,
                                 ch->font && fz_font_is_bold(ctx, ch->font)};
                if (!gk_pdf_add_char(page, &c))
                    return false;
            }
        }
    }
    return true;
}

typedef enum { PAGE_OK, PAGE_NOMEM, PAGE_TOO_MANY_CHARS, PAGE_TOO_MANY_RULES, PAGE_BROKEN } page_result;

static page_result read_page(fz_context *ctx, fz_document *doc, int number, gk_pdf_page *out)
{
    fz_page *page = NULL;
    fz_stext_page *text = NULL;
    fz_device *text_dev = NULL, *dev = NULL;
    page_result result = PAGE_OK;
    bool too_many_chars = false;
    fz_var(result);
    fz_var(too_many_chars);
    fz_var(page);
    fz_var(text);
    fz_var(text_dev);
    fz_var(dev);
    fz_try(ctx)
    {
        page = fz_load_page(ctx, doc, number);
        fz_rect bounds = fz_bound_page(ctx, page);
        out->width = bounds.x1 - bounds.x0;
        out->height = bounds.y1 - bounds.y0;
        /* characters as MuPDF found them: no spaces invented in gaps,
         * ligatures as written */
        fz_stext_options opts;
        memset(&opts, 0, sizeof opts);
        opts.flags = FZ_STEXT_INHIBIT_SPACES | FZ_STEXT_PRESERVE_LIGATURES | FZ_STEXT_PRESERVE_WHITESPACE;
        text = fz_new_stext_page(ctx, fz_make_rect(0, 0, out->width, out->height));
        text_dev = fz_new_stext_device(ctx, text, &opts);
        dev = gk_pdf_new_rules_device(ctx, text_dev, out);
        fz_run_page(ctx, page, dev, fz_translate(-bounds.x0, -bounds.y0), NULL);
        fz_close_device(ctx, dev);
        fz_close_device(ctx, text_dev);
        gk_status rules = gk_pdf_rules_status(dev);
        if (rules == GK_ERR_NOMEM)
            result = PAGE_NOMEM;
        else if (rules == GK_ERR_TOO_LARGE)
            result = PAGE_TOO_MANY_RULES;
        else if (!copy_chars(ctx, text, out, &too_many_chars))
            result = PAGE_NOMEM;
        else if (too_many_chars)
            result = PAGE_TOO_MANY_CHARS;
    }
    fz_always(ctx)
    {
        fz_drop_device(ctx, dev);
        fz_drop_device(ctx, text_dev);
        fz_drop_stext_page(ctx, text);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx)
    {
        result = fz_caught(ctx) == FZ_ERROR_MEMORY ? PAGE_NOMEM : PAGE_BROKEN;
    }
    return result;
}

/* ---- the document ---- */

/* Opens the document; an encrypted one that needs a password is refused. */
static gk_status open_document(fz_context *ctx, const void *data, size_t len, fz_document **out, int *npages,
                               gk_error *err)
{
    fz_stream *stream = NULL;
    pdf_document *pdf = NULL;
    gk_status st = GK_OK;
    fz_var(st);
    fz_var(stream);
    fz_var(pdf);
    fz_try(ctx)
    {
        stream = fz_open_memory(ctx, data, len);
        pdf = pdf_open_document_with_stream(ctx, stream);
        if (pdf_needs_password(ctx, pdf))
            st = GK_ERR_FORMAT;
        else
            *npages = pdf_count_pages(ctx, pdf);
    }
    fz_always(ctx)
        fz_drop_stream(ctx, stream);
    fz_catch(ctx)
    {
        pdf_drop_document(ctx, pdf);
        pdf = NULL;
        if (fz_caught(ctx) == FZ_ERROR_MEMORY) {
            gk_error_set(err, GK_ERR_NOMEM, "out of memory while opening the PDF");
            return GK_ERR_NOMEM;
        }
        gk_error_set(err, GK_ERR_CORRUPT, "damaged PDF: %s", fz_caught_message(ctx));
        return GK_ERR_CORRUPT;
    }
    if (st != GK_OK) {
        gk_error_set(err, st, "encrypted PDF: it needs a password to be opened; decrypt it first "
                              "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)");
        fz_try(ctx)
            pdf_drop_document(ctx, pdf);
        fz_catch(ctx) {}
        return st;
    }
    *out = &pdf->super;
    return GK_OK;
}

static gk_status read_pages(fz_context *ctx, fz_document *doc, gk_pdf_page *pages, int npages, gk_error *err)
{
    for (int i = 0; i < npages; i++) {
        pages[i].number = i + 1;
        switch (read_page(ctx, doc, i, &pages[i])) {
        case PAGE_OK: break;
        case PAGE_NOMEM:
            gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading PDF page %d", i + 1);
            return GK_ERR_NOMEM;
        case PAGE_TOO_MANY_CHARS:
            gk_error_set(err, GK_ERR_TOO_LARGE, "PDF page %d has over %d characters", i + 1, GK_MAX_PDF_PAGE_CHARS);
            return GK_ERR_TOO_LARGE;
        case PAGE_TOO_MANY_RULES:
            gk_error_set(err, GK_ERR_TOO_LARGE, "PDF page %d draws over %d lines", i + 1, GK_MAX_PDF_PAGE_RULES);
            return GK_ERR_TOO_LARGE;
        case PAGE_BROKEN:
            gk_error_set(err, GK_ERR_CORRUPT, "damaged PDF: page %d cannot be read: %s", i + 1,
                         fz_caught_message(ctx));
            return GK_ERR_CORRUPT;
        }
    }
    return GK_OK;
}

/* A scan (images, no characters) and fonts without a Unicode map (glyphs,
 * no usable characters) are refused, each with its own reason. */
static gk_status check_text_layer(const gk_pdf_page *pages, int npages, gk_error *err)
{
    size_t chars = 0, unmapped = 0, images = 0;
    for (int i = 0; i < npages; i++) {
        chars += pages[i].nchars;
        unmapped += pages[i].unmapped;
        images += pages[i].images;
    }
    if (unmapped > chars) {
        gk_error_set(err, GK_ERR_FORMAT,
                     "PDF fonts without a Unicode map: %zu of its %zu glyphs have no character value, so its text "
                     "cannot be read (re-export it with embedded Unicode fonts, or OCR it)",
                     unmapped, unmapped + chars);
        return GK_ERR_FORMAT;
    }
    if (chars == 0) {
        if (images > 0)
            gk_error_set(err, GK_ERR_FORMAT,
                         "PDF without a text layer: its %d page(s) hold %zu image(s) and no characters — a scan; "
                         "OCR it first",
                         npages, images);
        else
            gk_error_set(err, GK_ERR_FORMAT, "PDF without any text: %d page(s), no characters and no images", npages);
        return GK_ERR_FORMAT;
    }
    return GK_OK;
}

gk_status gk_read_pdf(const void *data, size_t len, gk_document *doc, gk_error *err)
{
    fz_context *ctx = gk_pdf_thread_context();
    if (!ctx) {
        gk_error_set(err, GK_ERR_INTERNAL, "MuPDF could not be set up");
        return GK_ERR_INTERNAL;
    }
    fz_document *fzdoc = NULL;
    int npages = 0;
    gk_status st = open_document(ctx, data, len, &fzdoc, &npages, err);
    if (st != GK_OK)
        return st;
    gk_pdf_page *pages = NULL;
    if (npages > GK_MAX_PDF_PAGES) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "the PDF has %d pages, over the limit of %d", npages, GK_MAX_PDF_PAGES);
        st = GK_ERR_TOO_LARGE;
    } else if (npages <= 0) {
        gk_error_set(err, GK_ERR_CORRUPT, "damaged PDF: no pages");
        st = GK_ERR_CORRUPT;
    } else if (!(pages = calloc((size_t)npages, sizeof *pages))) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading the PDF");
        st = GK_ERR_NOMEM;
    }
    if (st == GK_OK)
        st = read_pages(ctx, fzdoc, pages, npages, err);
    fz_try(ctx)
        fz_drop_document(ctx, fzdoc);
    fz_catch(ctx) {}
    if (st == GK_OK)
        st = check_text_layer(pages, npages, err);
    if (st == GK_OK) {
        for (int i = 0; i < npages; i++)
            if (pages[i].unmapped) {
                char where[32];
                snprintf(where, sizeof where, "page %d", i + 1);
                gk_diag_add(doc->diags, GK_SEV_WARNING, where,
                            "%zu glyphs have no Unicode value (their font has no map) and were left out",
                            pages[i].unmapped);
            }
        st = gk_pdf_layout(pages, (size_t)npages, doc);
        if (st != GK_OK)
            gk_error_set(err, st, "out of memory while laying out the PDF");
    }
    for (int i = 0; pages && i < npages; i++)
        gk_pdf_page_free(&pages[i]);
    free(pages);
    return st;
}
