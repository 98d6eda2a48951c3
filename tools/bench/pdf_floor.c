/* pdf_floor.c — the least a PDF reader built on MuPDF must do with the
 * same inputs, in one process: open each PDF from memory and, page by page,
 * run it once through MuPDF's structured-text device (every character with
 * its box) and a device that walks every path (the rulings).  Nothing else:
 * no tables, no paragraphs, no report.  gkreport's PDF time is compared
 * with this floor.
 * Usage: pdf_floor LIST (one path a line); prints the seconds taken. */
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slurp.h"

typedef struct {
    fz_device super;
    fz_device *text;
    size_t points;
} floor_device;

static void count_move(fz_context *ctx, void *arg, float x, float y) { (void)ctx, (void)x, (void)y, ((floor_device *)arg)->points++; }
static void count_curve(fz_context *ctx, void *arg, float a, float b, float c, float d, float x, float y)
{
    (void)a, (void)b, (void)c, (void)d;
    count_move(ctx, arg, x, y);
}
static void count_close(fz_context *ctx, void *arg) { (void)ctx, (void)arg; }

static const fz_path_walker walker = {count_move, count_move, count_curve, count_close, NULL, NULL, NULL, NULL};

static void fill_path(fz_context *ctx, fz_device *dev, const fz_path *p, int eo, fz_matrix ctm, fz_colorspace *cs,
                      const float *color, float alpha, fz_color_params cp)
{
    (void)eo, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    fz_walk_path(ctx, p, &walker, dev);
}

static void stroke_path(fz_context *ctx, fz_device *dev, const fz_path *p, const fz_stroke_state *s, fz_matrix ctm,
                        fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)s;
    fill_path(ctx, dev, p, 0, ctm, cs, color, alpha, cp);
}

static void fill_text(fz_context *ctx, fz_device *dev, const fz_text *t, fz_matrix ctm, fz_colorspace *cs,
                      const float *color, float alpha, fz_color_params cp)
{
    fz_device *td = ((floor_device *)dev)->text;
    td->fill_text(ctx, td, t, ctm, cs, color, alpha, cp);
}

static size_t read_pdf(fz_context *ctx, const char *data, size_t len)
{
    size_t chars = 0;
    fz_stream *stm = fz_open_memory(ctx, (const unsigned char *)data, len);
    pdf_document *doc = pdf_open_document_with_stream(ctx, stm);
    int n = pdf_count_pages(ctx, doc);
    for (int i = 0; i < n; i++) {
        fz_page *page = fz_load_page(ctx, &doc->super, i);
        fz_rect r = fz_bound_page(ctx, page);
        fz_stext_page *text = fz_new_stext_page(ctx, r);
        fz_stext_options opts;
        memset(&opts, 0, sizeof opts);
        opts.flags = FZ_STEXT_INHIBIT_SPACES;
        fz_device *td = fz_new_stext_device(ctx, text, &opts);
        floor_device *d = fz_new_derived_device(ctx, floor_device);
        d->super.fill_path = fill_path;
        d->super.stroke_path = stroke_path;
        d->super.fill_text = fill_text;
        d->text = td;
        fz_run_page(ctx, page, &d->super, fz_identity, NULL);
        fz_close_device(ctx, &d->super);
        fz_close_device(ctx, td);
        for (fz_stext_block *b = text->first_block; b; b = b->next)
            if (b->type == FZ_STEXT_BLOCK_TEXT)
                for (fz_stext_line *l = b->u.t.first_line; l; l = l->next)
                    for (fz_stext_char *c = l->first_char; c; c = c->next)
                        chars++;
        fz_drop_device(ctx, &d->super);
        fz_drop_device(ctx, td);
        fz_drop_stext_page(ctx, text);
        fz_drop_page(ctx, page);
    }
    pdf_drop_document(ctx, doc);
    fz_drop_stream(ctx, stm);
    return chars;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: pdf_floor LIST\n");
        return 2;
    }
    FILE *list = fopen(argv[1], "r");
    fz_context *ctx = fz_new_context(NULL, NULL, 32u << 20);
    if (!list || !ctx)
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char path[4096];
    size_t files = 0, chars = 0;
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = '\0';
        size_t len;
        char *data = slurp(path, &len);
        if (!data)
            continue;
        fz_try(ctx) chars += read_pdf(ctx, data, len);
        fz_catch(ctx) fprintf(stderr, "%s: %s\n", path, fz_caught_message(ctx));
        free(data);
        files++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fclose(list);
    fz_drop_context(ctx);
    fprintf(stderr, "%zu files, %zu characters\n", files, chars);
    printf("%.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
