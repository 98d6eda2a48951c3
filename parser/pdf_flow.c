/* pdf_flow.c — text lines outside tables into paragraphs.  A PDF has no
 * paragraphs, only lines; a line goes on the paragraph before it unless
 * that one ended short of the right margin, this one is indented, the type
 * size changed or a gap opened.  Large-type lines (the title, set over two
 * or three centred lines) are joined into one.  Page numbers and other
 * page furniture are recognized here and dropped by the caller. */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

struct gk_pdf_flow {
    gk_document *doc;
    float body, left, right; /* body type size, the text's left and right margins */
    gk_buf para;
    int heading;
    bool open;
    gk_pdf_line last; /* its text is not kept */
};

gk_pdf_flow *gk_pdf_flow_new(gk_document *doc, float body_size, float left, float right)
{
    gk_pdf_flow *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->doc = doc;
    f->body = body_size;
    f->left = left;
    f->right = right;
    gk_buf_init(&f->para);
    return f;
}

void gk_pdf_flow_free(gk_pdf_flow *flow)
{
    if (!flow)
        return;
    gk_buf_free(&flow->para);
    free(flow);
}

bool gk_pdf_flow_break(gk_pdf_flow *f)
{
    if (!f->open)
        return true;
    f->open = false;
    if (f->para.failed)
        return false;
    bool ok = gk_doc_add_paragraph(f->doc, f->para.data ? f->para.data : "", f->heading);
    f->para.len = 0;
    if (f->para.data)
        f->para.data[0] = '\0';
    return ok;
}

static bool same_size(float a, float b) { return a > b * 0.92f && a < b * 1.08f; }

static bool large(const gk_pdf_flow *f, const gk_pdf_line *l) { return l->size > f->body * GK_PDF_TITLE_SCALE; }

/* Whether line l goes on the open paragraph. */
static bool continues(const gk_pdf_flow *f, const gk_pdf_line *l)
{
    const gk_pdf_line *p = &f->last;
    if (!f->open || !same_size(l->size, p->size))
        return false;
    float gap = l->box.y0 - p->box.y1;
    if (large(f, l)) /* title lines: centred, so neither indent nor short ends tell */
        return l->page == p->page && gap < GK_PDF_PARA_GAP_EM * 1.5f * l->size;
    if (l->page == p->page && (gap > GK_PDF_PARA_GAP_EM * l->size || gap < -l->size / 2))
        return false;
    bool indented = l->box.x0 > f->left + GK_PDF_INDENT_EM * l->size;
    bool ended_short = p->box.x1 < f->right - GK_PDF_SHORT_END_EM * p->size;
    return !indented && !ended_short;
}

bool gk_pdf_flow_line(gk_pdf_flow *f, const gk_pdf_line *l)
{
    if (continues(f, l)) {
        gk_pdf_append_line(&f->para, l->text);
    } else {
        if (!gk_pdf_flow_break(f))
            return false;
        gk_buf_adds(&f->para, l->text);
        f->heading = large(f, l) ? 1 : 0;
        f->open = true;
    }
    f->last = *l;
    f->last.text = NULL;
    return !f->para.failed;
}

/* ---- page furniture ---- */

static bool is_dash(uint32_t cp) { return cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D || cp == 0x2212; }

/* "4", "- 4 -", "—4—", "第 4 页", "第4页 共6页", "共6页 第4页", "4/6", "4 / 6";
 * not "3 1 2" (the values of a table row without rulings). */
static bool page_number(const char *s)
{
    uint32_t cps[64];
    size_t n = 0, len = strlen(s);
    bool spaced = false;
    for (size_t i = 0; i < len;) {
        size_t k;
        uint32_t cp = gk_utf8_next(s, len, &i, &k);
        if (cp == ' ' || cp == 0x3000 || cp == 0xA0) {
            spaced = true;
            continue;
        }
        bool digit = (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
        if (digit && spaced && n > 0 && cps[n - 1] >= '0' && cps[n - 1] <= '9')
            return false; /* two numbers side by side */
        spaced = false;
        if (n == sizeof cps / sizeof *cps)
            return false;
        cps[n++] = cp >= 0xFF10 && cp <= 0xFF19 ? cp - 0xFF10 + '0' : cp;
    }
    size_t a = 0, b = n;
    while (a < b && is_dash(cps[a]))
        a++;
    while (b > a && is_dash(cps[b - 1]))
        b--;
    size_t digits = 0, other = 0;
    for (size_t i = a; i < b; i++) {
        uint32_t c = cps[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c != 0x7B2C /* 第 */ && c != 0x9875 /* 页 */ && c != 0x5171 /* 共 */ && c != '/')
            other++;
    }
    return digits > 0 && digits <= 8 && other == 0;
}

bool gk_pdf_in_margin_band(const gk_pdf_line *line, const gk_pdf_page *page)
{
    return line->box.y0 > page->height * (1 - GK_PDF_MARGIN_BAND) || line->box.y1 < page->height * GK_PDF_MARGIN_BAND;
}

bool gk_pdf_is_page_furniture(const gk_pdf_line *line, const gk_pdf_page *page)
{
    return gk_pdf_in_margin_band(line, page) && page_number(line->text);
}
