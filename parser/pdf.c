/* pdf.c — PDF reader, the MuPDF side: a context per thread, the document
 * opened from memory, and each page read into plain data (pdf.h): every
 * character with its box and writing direction from MuPDF's structured
 * text, and the rulings from a small device that keeps the straight
 * strokes and the thin filled rectangles of the page.  pdf_layout.c
 * rebuilds paragraphs and tables from that.  Every MuPDF call is inside
 * fz_try; MuPDF's own warnings are silenced (the library never prints). */
#include <math.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* ---- one context per thread, cloned from a base with MuPDF's locks ---- */

static pthread_mutex_t fz_mutexes[FZ_LOCK_MAX];
static fz_context *base_context;
static pthread_key_t context_key;
static bool context_key_ok;
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

static void lock_fz(void *user, int lock)
{
    (void)user;
    pthread_mutex_lock(&fz_mutexes[lock]);
}

static void unlock_fz(void *user, int lock)
{
    (void)user;
    pthread_mutex_unlock(&fz_mutexes[lock]);
}

static void say_nothing(void *user, const char *message)
{
    (void)user;
    (void)message;
}

static void drop_thread_context(void *ctx) { fz_drop_context(ctx); }

static void make_base_context(void)
{
    static const fz_locks_context locks = {NULL, lock_fz, unlock_fz};
    for (int i = 0; i < FZ_LOCK_MAX; i++)
        pthread_mutex_init(&fz_mutexes[i], NULL);
    base_context = fz_new_context(NULL, &locks, GK_PDF_STORE_BYTES);
    if (!base_context)
        return;
    fz_set_warning_callback(base_context, say_nothing, NULL);
    fz_set_error_callback(base_context, say_nothing, NULL);
    context_key_ok = gk_tls_key_create(&context_key, drop_thread_context);
}

/* This thread's context, made on first use and dropped when the thread
 * ends (tls.c); NULL when MuPDF could not be set up. */
__attribute__((noinline)) /* its locals stay out of the callers' fz_try frames */
static fz_context *thread_context(void)
{
    pthread_once(&base_once, make_base_context);
    if (!base_context || !context_key_ok)
        return NULL;
    fz_context *ctx = pthread_getspecific(context_key);
    if (ctx)
        return ctx;
    ctx = fz_clone_context(base_context);
    if (!ctx)
        return NULL;
    fz_set_warning_callback(ctx, say_nothing, NULL);
    fz_set_error_callback(ctx, say_nothing, NULL);
    if (pthread_setspecific(context_key, ctx) != 0) {
        fz_drop_context(ctx);
        return NULL;
    }
    return ctx;
}

/* ---- the rulings device ---- */

/* The points of the subpath being walked, page coordinates. */
enum { MAX_SUBPATH_POINTS = 64 };

typedef struct {
    fz_device super;
    fz_device *text; /* the structured-text device: text calls go on to it */
    gk_pdf_page *page;
    bool stroking;
    float line_width;
    fz_matrix ctm;
    fz_point pts[MAX_SUBPATH_POINTS];
    int npts;
    bool curved, closed, overflow;
    bool nomem, too_many;
} rules_device;

static void add_rule(rules_device *d, bool horizontal, float pos, float from, float to)
{
    if (d->nomem || d->too_many)
        return;
    gk_pdf_rules *rules = horizontal ? &d->page->hrules : &d->page->vrules;
    if (d->page->hrules.count + d->page->vrules.count >= GK_MAX_PDF_PAGE_RULES) {
        d->too_many = true;
        return;
    }
    if (!gk_pdf_add_rule(rules, pos, from < to ? from : to, from < to ? to : from))
        d->nomem = true;
}

/* A stroked subpath: each straight axis-aligned segment is a ruling. */
static void stroke_segments(rules_device *d)
{
    int n = d->npts;
    for (int i = 0; i + 1 < n + (d->closed ? 1 : 0); i++) {
        fz_point a = d->pts[i], b = d->pts[(i + 1) % n];
        if (fabsf(a.y - b.y) <= GK_PDF_AXIS_SLACK && fabsf(a.x - b.x) > GK_PDF_AXIS_SLACK)
            add_rule(d, true, (a.y + b.y) / 2, a.x, b.x);
        else if (fabsf(a.x - b.x) <= GK_PDF_AXIS_SLACK && fabsf(a.y - b.y) > GK_PDF_AXIS_SLACK)
            add_rule(d, false, (a.x + b.x) / 2, a.y, b.y);
    }
}

/* A filled subpath: an axis-aligned rectangle thin enough is a ruling
 * along its long side; a wider one is shading (a header band), not a
 * border. */
static void fill_rectangle(rules_device *d)
{
    if (d->npts < 4 || d->npts > 5)
        return;
    fz_rect r = {d->pts[0].x, d->pts[0].y, d->pts[0].x, d->pts[0].y};
    for (int i = 1; i < d->npts; i++)
        r = fz_include_point_in_rect(r, d->pts[i]);
    for (int i = 0; i < d->npts; i++) {
        bool on_x = fabsf(d->pts[i].x - r.x0) <= GK_PDF_AXIS_SLACK || fabsf(d->pts[i].x - r.x1) <= GK_PDF_AXIS_SLACK;
        bool on_y = fabsf(d->pts[i].y - r.y0) <= GK_PDF_AXIS_SLACK || fabsf(d->pts[i].y - r.y1) <= GK_PDF_AXIS_SLACK;
        if (!on_x || !on_y)
            return; /* not a rectangle */
    }
    float w = r.x1 - r.x0, h = r.y1 - r.y0;
    if (h <= GK_PDF_RULE_THICKNESS && w > h)
        add_rule(d, true, (r.y0 + r.y1) / 2, r.x0, r.x1);
    else if (w <= GK_PDF_RULE_THICKNESS && h > w)
        add_rule(d, false, (r.x0 + r.x1) / 2, r.y0, r.y1);
}

static void flush_subpath(rules_device *d)
{
    if (d->npts >= 2 && !d->curved && !d->overflow) {
        if (d->stroking)
            stroke_segments(d);
        else
            fill_rectangle(d);
    }
    d->npts = 0;
    d->curved = d->closed = d->overflow = false;
}

static void add_point(rules_device *d, float x, float y)
{
    if (d->npts == MAX_SUBPATH_POINTS) {
        d->overflow = true;
        return;
    }
    d->pts[d->npts++] = fz_transform_point(fz_make_point(x, y), d->ctm);
}

static void walk_moveto(fz_context *ctx, void *arg, float x, float y)
{
    (void)ctx;
    flush_subpath(arg);
    add_point(arg, x, y);
}

static void walk_lineto(fz_context *ctx, void *arg, float x, float y)
{
    (void)ctx;
    add_point(arg, x, y);
}

static void walk_curveto(fz_context *ctx, void *arg, float x1, float y1, float x2, float y2, float x3, float y3)
{
    (void)ctx, (void)x1, (void)y1, (void)x2, (void)y2;
    rules_device *d = arg;
    d->curved = true;
    add_point(d, x3, y3);
}

static void walk_closepath(fz_context *ctx, void *arg)
{
    (void)ctx;
    ((rules_device *)arg)->closed = true;
}

static void walk_rectto(fz_context *ctx, void *arg, float x0, float y0, float x1, float y1)
{
    flush_subpath(arg);
    walk_moveto(ctx, arg, x0, y0);
    add_point(arg, x1, y0);
    add_point(arg, x1, y1);
    add_point(arg, x0, y1);
    walk_closepath(ctx, arg);
    flush_subpath(arg);
}

/* White or transparent paint draws no visible line. */
static bool invisible(fz_context *ctx, fz_colorspace *cs, const float *color, float alpha, fz_color_params params)
{
    if (alpha < GK_PDF_MIN_ALPHA || !cs)
        return alpha < GK_PDF_MIN_ALPHA;
    float rgb[3];
    fz_convert_color(ctx, cs, color, fz_device_rgb(ctx), rgb, NULL, params);
    return rgb[0] > GK_PDF_WHITE && rgb[1] > GK_PDF_WHITE && rgb[2] > GK_PDF_WHITE;
}

static void walk_path(fz_context *ctx, rules_device *d, const fz_path *path, fz_matrix ctm, bool stroking, float width)
{
    static const fz_path_walker walker = {walk_moveto, walk_lineto, walk_curveto, walk_closepath,
                                          NULL, NULL, NULL, walk_rectto};
    d->stroking = stroking;
    d->line_width = width;
    d->ctm = ctm;
    d->npts = 0;
    d->curved = d->closed = d->overflow = false;
    fz_walk_path(ctx, path, &walker, d);
    flush_subpath(d);
}

static void dev_fill_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd, fz_matrix ctm,
                          fz_colorspace *cs, const float *color, float alpha, fz_color_params params)
{
    (void)even_odd;
    if (!invisible(ctx, cs, color, alpha, params))
        walk_path(ctx, (rules_device *)dev, path, ctm, false, 0);
}

static void dev_stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path, const fz_stroke_state *stroke,
                            fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha, fz_color_params params)
{
    if (!invisible(ctx, cs, color, alpha, params))
        walk_path(ctx, (rules_device *)dev, path, ctm, true, stroke ? stroke->linewidth * fz_matrix_expansion(ctm) : 1);
}

static void dev_fill_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm, fz_colorspace *cs,
                          const float *color, float alpha, fz_color_params params)
{
    fz_device *t = ((rules_device *)dev)->text;
    t->fill_text(ctx, t, text, ctm, cs, color, alpha, params);
}

static void dev_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text, const fz_stroke_state *stroke,
                            fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha, fz_color_params params)
{
    fz_device *t = ((rules_device *)dev)->text;
    t->stroke_text(ctx, t, text, stroke, ctm, cs, color, alpha, params);
}

static void dev_clip_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm, fz_rect scissor)
{
    fz_device *t = ((rules_device *)dev)->text;
    t->clip_text(ctx, t, text, ctm, scissor);
}

static void dev_clip_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text, const fz_stroke_state *stroke,
                                 fz_matrix ctm, fz_rect scissor)
{
    fz_device *t = ((rules_device *)dev)->text;
    t->clip_stroke_text(ctx, t, text, stroke, ctm, scissor);
}

static void dev_ignore_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm)
{
    fz_device *t = ((rules_device *)dev)->text;
    t->ignore_text(ctx, t, text, ctm);
}

static void dev_fill_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm, float alpha,
                           fz_color_params params)
{
    (void)ctx, (void)img, (void)ctm, (void)alpha, (void)params;
    ((rules_device *)dev)->page->images++;
}

static void dev_fill_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm, fz_colorspace *cs,
                                const float *color, float alpha, fz_color_params params)
{
    (void)cs, (void)color;
    dev_fill_image(ctx, dev, img, ctm, alpha, params);
}

static fz_device *new_rules_device(fz_context *ctx, fz_device *text, gk_pdf_page *page)
{
    rules_device *d = fz_new_derived_device(ctx, rules_device);
    d->super.fill_path = dev_fill_path;
    d->super.stroke_path = dev_stroke_path;
    d->super.fill_text = dev_fill_text;
    d->super.stroke_text = dev_stroke_text;
    d->super.clip_text = dev_clip_text;
    d->super.clip_stroke_text = dev_clip_stroke_text;
    d->super.ignore_text = dev_ignore_text;
    d->super.fill_image = dev_fill_image;
    d->super.fill_image_mask = dev_fill_image_mask;
    d->text = text;
    d->page = page;
    return &d->super;
}

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
        dev = new_rules_device(ctx, text_dev, out);
        fz_run_page(ctx, page, dev, fz_translate(-bounds.x0, -bounds.y0), NULL);
        fz_close_device(ctx, dev);
        fz_close_device(ctx, text_dev);
        rules_device *rd = (rules_device *)dev;
        if (rd->nomem)
            result = PAGE_NOMEM;
        else if (rd->too_many)
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
    fz_context *ctx = thread_context();
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
