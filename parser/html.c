/* html.c — HTML reader (libxml2's HTML parser): block elements become
 * paragraphs, data tables become grids with rowspan/colspan expanded,
 * layout tables that wrap a whole page are descended into, and scripts,
 * styles and head are skipped.  The input is already UTF-8. */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

typedef struct {
    gk_document *doc;
    gk_buf para;
    int heading;
    bool failed;
    bool depth_warned;
} html_walk;

static bool name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool is_skipped(const xmlNode *n)
{
    static const char *const skip[] = {"script", "style", "head", "noscript", "iframe", "select",
                                       "option", "textarea", "button", "object", "svg", "template",
                                       NULL};
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return false;
    /* the names above start with these letters: most elements stop here */
    char first = (char)(n->name[0] | 0x20);
    if (!strchr("shniobt", first))
        return false;
    for (size_t i = 0; skip[i]; i++)
        if (name_is(n, skip[i]))
            return true;
    return false;
}

static int heading_level(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    const char *s = (const char *)n->name;
    if ((s[0] == 'h' || s[0] == 'H') && s[1] >= '1' && s[1] <= '6' && s[2] == '\0')
        return s[1] - '0';
    return 0;
}

/* Block or inline, from libxml2's own table of HTML elements; unknown
 * elements (Word's <o:p>, <st1:…>) are inline. */
static bool is_block(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return false;
    const htmlElemDesc *d = htmlTagLookup(n->name);
    /* <br> is inline to libxml2, but a line break ends a paragraph here */
    return d ? !d->isinline || heading_level(n) || name_is(n, "br") : false;
}

static bool contains_table(const xmlNode *n, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return false;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (name_is(c, "table"))
            return true;
        if (c->type == XML_ELEMENT_NODE && contains_table(c, depth + 1))
            return true;
    }
    return false;
}

static void flush(html_walk *w)
{
    if (w->para.len) {
        if (!gk_doc_add_paragraph(w->doc, w->para.data, w->heading))
            w->failed = true;
        w->para.len = 0;
        w->para.data[0] = '\0';
    }
    w->heading = 0;
}

/* All text below a cell, joined without separators: Word exports split a
 * label over several <p> ("商业</p><p>企业") and digits over spans. */
static void cell_text(const xmlNode *n, gk_buf *out, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                gk_buf_adds(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !is_skipped(c)) {
            if (name_is(c, "br"))
                gk_buf_addc(out, '\n');
            else
                cell_text(c, out, depth + 1);
        }
    }
}

static int span_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
    if (!v)
        return 1;
    long x = strtol((const char *)v, NULL, 10);
    xmlFree(v);
    if (x < 1)
        return 1;
    return x > 100000 ? 100000 : (int)x; /* gk_table clamps to its limits */
}

static void add_rows(gk_table *t, const xmlNode *n, int depth, html_walk *w)
{
    if (depth > GK_MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (name_is(c, "tr")) {
            gk_table_begin_row(t);
            for (const xmlNode *cell = c->children; cell; cell = cell->next) {
                if (!name_is(cell, "td") && !name_is(cell, "th"))
                    continue;
                gk_buf text;
                gk_buf_init(&text);
                cell_text(cell, &text, depth + 1);
                if (!gk_table_add_cell(t, text.data ? text.data : "", span_attr(cell, "colspan"),
                                       span_attr(cell, "rowspan")))
                    w->failed = true;
                gk_buf_free(&text);
            }
        } else if (name_is(c, "tbody") || name_is(c, "thead") || name_is(c, "tfoot")) {
            add_rows(t, c, depth + 1, w);
        }
    }
}

static void walk(html_walk *w, const xmlNode *n, int depth)
{
    if (depth > GK_MAX_DEPTH) {
        if (!w->depth_warned)
            gk_diag_add(w->doc->diags, GK_SEV_WARNING, "html",
                        "elements nested deeper than %d levels were skipped", GK_MAX_DEPTH);
        w->depth_warned = true;
        return;
    }
    for (const xmlNode *c = n->children; c && !w->failed; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                gk_buf_adds(&w->para, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || is_skipped(c))
            continue;
        if (name_is(c, "table") && !contains_table(c, depth)) {
            flush(w);
            gk_table *t = gk_table_new();
            if (!t) {
                w->failed = true;
                return;
            }
            add_rows(t, c, depth + 1, w);
            if (!gk_doc_add_table(w->doc, t))
                w->failed = true;
            continue;
        }
        if (is_block(c)) {
            flush(w);
            w->heading = heading_level(c);
            walk(w, c, depth + 1);
            flush(w);
        } else {
            walk(w, c, depth + 1);
        }
    }
}

gk_status gk_read_html(const char *s, size_t len, gk_document *doc, gk_error *err)
{
    if (len > (size_t)INT32_MAX) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "HTML too large");
        return GK_ERR_TOO_LARGE;
    }
    /* The text is UTF-8 already (decoded before parsing, since libxml2's own
     * GB2312 decoder stops at the first GBK-only character); NONET keeps
     * the parser off the network. */
    htmlDocPtr d = htmlReadMemory(s, (int)len, NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!d) {
        gk_error_set(err, GK_ERR_CORRUPT, "HTML could not be parsed");
        return GK_ERR_CORRUPT;
    }
    html_walk w = {.doc = doc};
    gk_buf_init(&w.para);
    xmlNode *root = xmlDocGetRootElement(d);
    if (root) {
        xmlNode holder = {0};
        holder.children = root;
        walk(&w, &holder, 0);
        flush(&w);
    }
    gk_buf_free(&w.para);
    xmlFreeDoc(d);
    if (w.failed) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading HTML");
        return GK_ERR_NOMEM;
    }
    return GK_OK;
}
