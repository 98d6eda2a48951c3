/* pdf_device.c — a MuPDF device that keeps a page's rulings: straight
 * axis-aligned strokes, and filled rectangles thin enough to be a line
 * (wider fills are shading, such as a header band); white or transparent
 * paint is no line.  Text calls go on to the structured-text device, so
 * that the page is interpreted once for both; images are counted (a page
 * of images and no text is a scan). */
#include <math.h>

#include "pdf_mupdf.h"

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

fz_device *gk_pdf_new_rules_device(fz_context *ctx, fz_device *text, gk_pdf_page *page)
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


gk_status gk_pdf_rules_status(fz_device *dev)
{
    const rules_device *d = (const rules_device *)dev;
    return d->nomem ? GK_ERR_NOMEM : d->too_many ? GK_ERR_TOO_LARGE : GK_OK;
}
