/* pdf_page.c — a PDF page's plain data (pdf.h): its characters and
 * rulings, in arrays that grow. */
#include <stdlib.h>

#include "pdf.h"

void gk_pdf_page_free(gk_pdf_page *page)
{
    free(page->chars);
    free(page->hrules.items);
    free(page->vrules.items);
    page->chars = NULL;
    page->hrules.items = page->vrules.items = NULL;
    page->nchars = page->chars_cap = 0;
    page->hrules.count = page->hrules.cap = page->vrules.count = page->vrules.cap = 0;
}

bool gk_pdf_add_char(gk_pdf_page *page, const gk_pdf_char *c)
{
    if (page->nchars == page->chars_cap) {
        size_t cap = page->chars_cap ? page->chars_cap * 2 : 1024;
        gk_pdf_char *p = realloc(page->chars, cap * sizeof *p);
        if (!p)
            return false;
        page->chars = p;
        page->chars_cap = cap;
    }
    page->chars[page->nchars++] = *c;
    return true;
}

bool gk_pdf_add_rule(gk_pdf_rules *rules, float pos, float from, float to)
{
    if (rules->count == rules->cap) {
        size_t cap = rules->cap ? rules->cap * 2 : 256;
        gk_pdf_rule *p = realloc(rules->items, cap * sizeof *p);
        if (!p)
            return false;
        rules->items = p;
        rules->cap = cap;
    }
    rules->items[rules->count++] = (gk_pdf_rule){pos, from, to};
    return true;
}
