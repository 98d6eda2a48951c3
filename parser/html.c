/* html.c — HTML reader on libxml2's SAX interface (no tree is built): block
 * elements become paragraphs, data tables become grids with rowspan and
 * colspan expanded, layout tables that wrap a whole page are descended
 * into, and scripts, styles and head are skipped.  The input is UTF-8. */
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* A cell as met: its text keeps '\n' at block boundaries, so that a table
 * found to be a layout table can give its cells back as paragraphs. */
typedef struct {
    char *text;
    int row, colspan, rowspan;
} raw_cell;

typedef struct {
    raw_cell *cells;
    size_t count, cap;
    int rows;       /* rows begun */
    bool layout;    /* holds another table: its cells are flow, not data */
    bool in_cell;   /* inside a td/th of this (data) table */
    int cell_depth; /* element depth of that td/th */
    gk_buf cell;    /* the open cell's text */
    int colspan, rowspan;
} table_frame;

enum { MAX_TABLE_NESTING = 64 };

/* What an element name means to the reader (tag_kind). */
enum {
    TAG_HEADING = 7, /* h1-h6: the level */
    TAG_SKIPPED = 1 << 3,
    TAG_BLOCK = 1 << 4,
    TAG_TABLE = 1 << 5,
    TAG_ROW = 1 << 6,
    TAG_CELL = 1 << 7,
    TAG_CACHE = 128,
};

typedef struct {
    gk_document *doc;
    gk_buf para;
    int heading;
    int depth;
    int skip_until; /* > 0: inside a skipped element opened at this depth */
    table_frame tables[MAX_TABLE_NESTING];
    int ntables;
    bool failed, depth_warned;
    const xmlChar *tag_names[TAG_CACHE];
    unsigned tag_kinds[TAG_CACHE];
} sax_state;

static int heading_level(const char *name)
{
    if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
        return name[1] - '0';
    return 0;
}

static bool is_skipped(const char *name)
{
    static const char *const skip[] = {"script", "style", "head", "noscript", "iframe", "select", "option",
                                       "textarea", "button", "object", "svg", "template", NULL};
    for (size_t i = 0; skip[i]; i++)
        if (strcasecmp(name, skip[i]) == 0)
            return true;
    return false;
}

/* Block or inline, from libxml2's own table of HTML elements; unknown
 * elements (Word's <o:p>, <st1:…>) are inline, and <br> ends a line. */
static bool is_block(const char *name)
{
    const htmlElemDesc *d = htmlTagLookup((const xmlChar *)name);
    return d ? !d->isinline || heading_level(name) || strcasecmp(name, "br") == 0 : false;
}

static unsigned classify(const char *name)
{
    unsigned k = (unsigned)heading_level(name) & TAG_HEADING;
    if (is_skipped(name))
        k |= TAG_SKIPPED;
    if (is_block(name))
        k |= TAG_BLOCK;
    if (strcasecmp(name, "table") == 0)
        k |= TAG_TABLE;
    else if (strcasecmp(name, "tr") == 0)
        k |= TAG_ROW;
    else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
        k |= TAG_CELL;
    return k;
}

/* The parser hands element names over interned (or as static strings), so
 * the same name comes back as the same pointer: each is classified once
 * per document instead of once per element (htmlTagLookup is a linear
 * search of libxml2's HTML table). */
static unsigned tag_kind(sax_state *s, const xmlChar *name)
{
    size_t h = ((uintptr_t)name >> 3) % TAG_CACHE;
    for (size_t probe = 0; probe < TAG_CACHE; probe++, h = (h + 1) % TAG_CACHE) {
        if (s->tag_names[h] == name)
            return s->tag_kinds[h];
        if (!s->tag_names[h]) {
            s->tag_names[h] = name;
            return s->tag_kinds[h] = classify((const char *)name);
        }
    }
    return classify((const char *)name); /* a full cache: more element names than any page has */
}

static table_frame *data_cell(sax_state *s)
{
    table_frame *t = s->ntables ? &s->tables[s->ntables - 1] : NULL;
    return t && !t->layout && t->in_cell ? t : NULL;
}

static void flush(sax_state *s)
{
    if (s->para.failed)
        s->failed = true; /* its text was cut short */
    if (s->para.len) {
        if (!gk_doc_add_paragraph(s->doc, s->para.data, s->heading))
            s->failed = true;
        s->para.len = 0;
        s->para.data[0] = '\0';
    }
    s->heading = 0;
}

static void frame_free(table_frame *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->cells[i].text);
    free(t->cells);
    gk_buf_free(&t->cell);
    memset(t, 0, sizeof *t);
}

/* A table found to hold another: what it had collected is page flow. */
static void make_layout(sax_state *s, table_frame *t)
{
    for (size_t i = 0; i < t->count; i++)
        if (!gk_doc_add_lines(s->doc, t->cells[i].text))
            s->failed = true;
    if (t->in_cell && (t->cell.failed || (t->cell.len && !gk_doc_add_lines(s->doc, t->cell.data))))
        s->failed = true;
    for (size_t i = 0; i < t->count; i++)
        free(t->cells[i].text);
    t->count = 0;
    gk_buf_free(&t->cell);
    t->in_cell = false;
    t->layout = true;
}

static void end_cell(sax_state *s, table_frame *t)
{
    if (!t->in_cell)
        return;
    t->in_cell = false;
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        raw_cell *p = realloc(t->cells, cap * sizeof *p);
        if (!p) {
            s->failed = true;
            return;
        }
        t->cells = p;
        t->cap = cap;
    }
    char *text = gk_buf_take(&t->cell); /* "" when empty; the buffer starts afresh */
    if (!text) {
        s->failed = true;
        return;
    }
    raw_cell *c = &t->cells[t->count++];
    c->text = text;
    c->row = t->rows - 1; /* a cell opens only once a row has */
    c->colspan = t->colspan;
    c->rowspan = t->rowspan;
}

static void end_table(sax_state *s)
{
    table_frame *t = &s->tables[--s->ntables];
    end_cell(s, t);
    if (!t->layout && t->count) {
        gk_table *g = gk_table_new();
        if (!g) {
            s->failed = true;
        } else {
            int row = -1;
            for (size_t i = 0; i < t->count; i++) {
                while (row < t->cells[i].row) {
                    gk_table_begin_row(g);
                    row++;
                }
                if (!gk_table_add_cell(g, t->cells[i].text, t->cells[i].colspan, t->cells[i].rowspan))
                    s->failed = true;
            }
            if (!gk_doc_add_table(s->doc, g))
                s->failed = true;
        }
    }
    frame_free(t);
}

static int span_attr(const xmlChar **attrs, const char *name)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        if (strcasecmp((const char *)attrs[i], name) != 0 || !attrs[i + 1])
            continue;
        long x = strtol((const char *)attrs[i + 1], NULL, 10);
        if (x < 1)
            return 1;
        return x > 100000 ? 100000 : (int)x; /* gk_table clamps to its limits */
    }
    return 1;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
    sax_state *s = ctx;
    s->depth++;
    if (s->skip_until || s->failed) /* failed: the document is lost, the rest is not read */
        return;
    if (s->depth > GK_MAX_DEPTH) {
        if (!s->depth_warned)
            gk_diag_add(s->doc->diags, GK_SEV_WARNING, "html", "elements nested deeper than %d levels were skipped",
                        GK_MAX_DEPTH);
        s->depth_warned = true;
        s->skip_until = s->depth;
        return;
    }
    unsigned kind = tag_kind(s, name);
    if (kind & TAG_SKIPPED) {
        s->skip_until = s->depth;
        return;
    }
    table_frame *cell = data_cell(s);
    if (kind & TAG_TABLE) {
        /* every enclosing data table turns out to be layout */
        for (int i = 0; i < s->ntables; i++)
            if (!s->tables[i].layout)
                make_layout(s, &s->tables[i]);
        flush(s);
        if (s->ntables == MAX_TABLE_NESTING) {
            s->skip_until = s->depth;
            return;
        }
        table_frame *t = &s->tables[s->ntables++];
        memset(t, 0, sizeof *t);
        gk_buf_init(&t->cell);
        return;
    }
    table_frame *t = s->ntables ? &s->tables[s->ntables - 1] : NULL;
    if (t && !t->layout) {
        if ((kind & TAG_ROW) && !t->in_cell) {
            t->rows++;
            return;
        }
        if ((kind & TAG_CELL) && !t->in_cell) {
            if (t->rows == 0)
                t->rows = 1; /* a cell before any <tr> */
            t->in_cell = true;
            t->cell_depth = s->depth;
            t->colspan = span_attr(attrs, "colspan");
            t->rowspan = span_attr(attrs, "rowspan");
            return;
        }
    }
    if (cell) {
        /* Word splits a label over <p>s and digits over <span>s: inside a
         * cell blocks add only a line break, which labels and numbers drop. */
        if ((kind & TAG_BLOCK) && cell->cell.len)
            gk_buf_addc(&cell->cell, '\n');
        return;
    }
    if (kind & TAG_BLOCK) {
        flush(s);
        s->heading = (int)(kind & TAG_HEADING);
    }
}

static void on_end(void *ctx, const xmlChar *name)
{
    sax_state *s = ctx;
    int depth = s->depth--;
    if (s->failed)
        return;
    if (s->skip_until) {
        if (depth == s->skip_until)
            s->skip_until = 0;
        return;
    }
    unsigned kind = tag_kind(s, name);
    if ((kind & TAG_TABLE) && s->ntables) {
        end_table(s);
        flush(s);
        return;
    }
    table_frame *t = s->ntables ? &s->tables[s->ntables - 1] : NULL;
    if (t && !t->layout && t->in_cell && depth == t->cell_depth) {
        end_cell(s, t);
        return;
    }
    if (data_cell(s)) {
        if (kind & TAG_BLOCK)
            gk_buf_addc(&data_cell(s)->cell, '\n');
        return;
    }
    if (t && !t->layout && !t->in_cell)
        return; /* structure of a data table: tr, tbody… */
    if (kind & TAG_BLOCK)
        flush(s);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    sax_state *s = ctx;
    if (s->skip_until || s->failed || len <= 0)
        return;
    table_frame *cell = data_cell(s);
    if (cell) {
        gk_buf_add(&cell->cell, (const char *)ch, (size_t)len);
        return;
    }
    table_frame *t = s->ntables ? &s->tables[s->ntables - 1] : NULL;
    if (t && !t->layout)
        return; /* text between rows of a data table */
    gk_buf_add(&s->para, (const char *)ch, (size_t)len);
}

/* libxml2 2.9.14 loses its stack of open element names when growing it
 * fails (htmlnamePush leaves nameTab NULL, then reads it, and crashes):
 * the stack is made GK_MAX_DEPTH deep before parsing, so that no document
 * within the nesting limit needs it to grow. */
static bool presize_name_stack(htmlParserCtxtPtr ctxt)
{
    if (ctxt->nameMax >= GK_MAX_DEPTH)
        return true;
    const xmlChar **tab = xmlRealloc((void *)ctxt->nameTab, GK_MAX_DEPTH * sizeof *tab);
    if (!tab)
        return false;
    ctxt->nameTab = tab;
    ctxt->nameMax = GK_MAX_DEPTH;
    return true;
}

/* Parses with the handlers above.  The parser reports running out of
 * memory only as an error (it then stops, or skips what it could not
 * store), so the watch's note and the context's errNo are what tell a
 * shorter document from the whole one. */
static gk_status parse(htmlParserCtxtPtr ctxt, sax_state *s)
{
    gk_xml_watch watch;
    gk_xml_watch_begin(&watch);
    watch.parser = ctxt;
    /* The text is UTF-8 already (decoded before parsing, since libxml2's own
     * GB2312 decoder stops at the first GBK-only character): it is read as
     * UTF-8 and the page's charset meta is ignored (a decoder made for it
     * cost an iconv_open per page, and leaked when its name could not be
     * copied). */
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    bool switched = utf8 && xmlSwitchToEncoding(ctxt, utf8) == 0 && !watch.nomem; /* it says 0 even then */
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                 HTML_PARSE_IGNORE_ENC);
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = s;
    if (switched)
        htmlParseDocument(ctxt);
    while (s->ntables)
        end_table(s);
    flush(s);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    ctxt->userData = NULL;
    gk_status st = gk_xml_watch_end(&watch);
    if (st == GK_OK && (ctxt->errNo == XML_ERR_NO_MEMORY || s->failed))
        st = GK_ERR_NOMEM;
    if (st == GK_OK && !switched)
        st = GK_ERR_INTERNAL;
    return st;
}

/* libxml2 2.9.14 loses its input, and crashes, when growing the input
 * buffer fails near the end of the text (xmlParserInputGrow leaves it
 * NULL plus an offset, which htmlParseDocument then reads).  After the
 * switch to UTF-8 that buffer has room for as much again as the text, and
 * growing asks for 4001 bytes: from PADDED_HTML bytes on it never grows.
 * A shorter page is parsed from a copy padded with line breaks, which no
 * paragraph keeps. */
enum { PADDED_HTML = 4096 };

static htmlParserCtxtPtr new_parser(const char *text, size_t len)
{
    char *padded = NULL;
    if (len < PADDED_HTML) {
        if (!(padded = malloc(PADDED_HTML)))
            return NULL;
        memcpy(padded, text, len);
        memset(padded + len, '\n', PADDED_HTML - len);
        text = padded;
        len = PADDED_HTML;
    }
    /* htmlCreateMemoryParserCtxt, less its leaks of the context and the
     * buffer when memory runs out */
    gk_xml_watch watch;
    gk_xml_watch_begin(&watch);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    bool started = ctxt && gk_xml_push_input(ctxt, text, len) && presize_name_stack(ctxt);
    if (gk_xml_watch_end(&watch) != GK_OK || !started) { /* a context may come half made */
        if (ctxt)
            htmlFreeParserCtxt(ctxt);
        ctxt = NULL;
    }
    free(padded);
    return ctxt;
}

gk_status gk_read_html(const char *text, size_t len, gk_document *doc, gk_error *err)
{
    if (len > (size_t)INT32_MAX) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "HTML too large");
        return GK_ERR_TOO_LARGE;
    }
    if (len == 0)
        return GK_OK; /* nothing to read (libxml2 would refuse the buffer) */
    htmlParserCtxtPtr ctxt = new_parser(text, len);
    if (!ctxt) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory starting the HTML parser");
        return GK_ERR_NOMEM;
    }
    sax_state s = {.doc = doc};
    gk_buf_init(&s.para);
    gk_status st = parse(ctxt, &s);
    htmlFreeParserCtxt(ctxt);
    gk_buf_free(&s.para);
    if (st == GK_ERR_NOMEM)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading HTML");
    else if (st != GK_OK)
        gk_error_set(err, st, "the HTML parser could not be set to read UTF-8");
    return st;
}
