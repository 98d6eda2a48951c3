/* docx.c — DOCX reader: libzip opens the archive within the limits of
 * limits.h, and word/document.xml streams through libxml2's SAX2 interface
 * (no tree is built) into paragraphs and tables (w:gridSpan, w:vMerge,
 * w:gridBefore expanded).  Tracked insertions are kept and deletions
 * dropped; content controls, hyperlinks and text boxes are descended into.
 *
 * The reader keeps a stack of contexts, one per element that opened one:
 * flow (w:body, a text box, a layout table), a paragraph, a data table and
 * its open cell.  What an element means depends on the context it is met
 * in: a w:p in flow is a paragraph, in a paragraph or cell a line break. */
#define _GNU_SOURCE /* memmem */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "internal.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* The elements the reader acts on; the rest are descended into. */
typedef enum {
    E_OTHER,
    E_BODY,
    E_P,
    E_TBL,
    E_TR,
    E_TC,
    E_T,
    E_SPACE,  /* w:tab, w:ptab */
    E_BREAK,  /* w:br, w:cr */
    E_HYPHEN, /* w:noBreakHyphen */
    E_TEXT_BOX,
    E_P_PROPS,
    E_TR_PROPS,
    E_TC_PROPS,
    E_DROPPED, /* never text of the document: deletions, field codes, run and table properties */
    E_OUTLINE_LEVEL,
    E_STYLE,
    E_GRID_SPAN,
    E_V_MERGE,
    E_GRID_BEFORE,
} element;

static const struct {
    const char *name;
    element kind;
} w_elements[] = {
    {"p", E_P},
    {"r", E_OTHER}, /* the commonest: found first */
    {"t", E_T},
    {"rPr", E_DROPPED},
    {"pPr", E_P_PROPS},
    {"tc", E_TC},
    {"tcPr", E_TC_PROPS},
    {"tr", E_TR},
    {"trPr", E_TR_PROPS},
    {"tbl", E_TBL},
    {"tab", E_SPACE},
    {"ptab", E_SPACE},
    {"br", E_BREAK},
    {"cr", E_BREAK},
    {"noBreakHyphen", E_HYPHEN},
    {"txbxContent", E_TEXT_BOX},
    {"body", E_BODY},
    {"tblPr", E_DROPPED},
    {"del", E_DROPPED},
    {"delText", E_DROPPED},
    {"instrText", E_DROPPED},
    {"moveFrom", E_DROPPED},
    {"outlineLvl", E_OUTLINE_LEVEL},
    {"pStyle", E_STYLE},
    {"gridSpan", E_GRID_SPAN},
    {"vMerge", E_V_MERGE},
    {"gridBefore", E_GRID_BEFORE},
};

typedef enum { CTX_FLOW, CTX_PARAGRAPH, CTX_TABLE, CTX_CELL } context_kind;

/* A data table is kept as the steps that build it, replayed into a
 * gk_table when it closes; until then it may still turn out to be a layout
 * table (a table in one of its cells), whose cells are page flow. */
typedef enum { STEP_ROW, STEP_CELL, STEP_MERGE } step_kind;

typedef struct {
    step_kind kind;
    int n;       /* ROW: w:gridBefore; CELL, MERGE: w:gridSpan */
    size_t text; /* CELL: offset of its NUL-terminated text in the table's texts */
} table_step;

typedef struct {
    context_kind kind;
    int depth; /* element depth of the element that opened the context */
    bool props_read; /* paragraph, cell: its w:pPr / w:tcPr was read; table: its current row's w:trPr */
    /* paragraph */
    gk_buf text;
    size_t at; /* block index the paragraph takes: text boxes met inside it come after it */
    int outline_level, style_level;
    /* table */
    table_step *steps;
    size_t nsteps, steps_cap;
    gk_buf texts; /* every cell's text, NUL-separated */
    int row_depth;
    size_t row_step;
    /* cell (its text goes into the table's texts) */
    size_t cell_text;
    int span;
    bool merge; /* w:vMerge continue: the cell above extends into this one */
} context;

typedef enum { PEEK_NONE, PEEK_PARAGRAPH, PEEK_ROW, PEEK_CELL } peek_kind;

typedef struct {
    gk_document *doc;
    context *stack; /* GK_MAX_DEPTH + 1: a context per element at most */
    int top;        /* contexts open */
    int used;       /* contexts whose buffers are allocated */
    int depth;
    int skip_until;    /* > 0: inside a skipped element opened at this depth */
    peek_kind peek;    /* what the skipped element's children may set */
    int in_text;       /* depth of the open w:t, or 0 */
    bool body_seen;
    const xmlChar *w_ns; /* the parser's interned W_NS, once met */
    bool failed, depth_warned;
} reader;

static element classify(reader *r, const xmlChar *local, const xmlChar *uri)
{
    if (!uri)
        return E_OTHER;
    if (uri != r->w_ns) {
        if (strcmp((const char *)uri, W_NS) != 0)
            return strcmp((const char *)uri, MC_NS) == 0 && strcmp((const char *)local, "Fallback") == 0
                       ? E_DROPPED
                       : E_OTHER;
        r->w_ns = uri;
    }
    for (size_t i = 0; i < sizeof w_elements / sizeof *w_elements; i++)
        if (strcmp((const char *)local, w_elements[i].name) == 0)
            return w_elements[i].kind;
    return E_OTHER;
}

/* w:val (or an unqualified val) of a SAX2 attribute list, copied into buf. */
static const char *val_attr(int nb_attributes, const xmlChar **attrs, char *buf, size_t size)
{
    const xmlChar **found = NULL;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attrs + 5 * i; /* localname, prefix, URI, value, end */
        if (strcmp((const char *)a[0], "val") != 0)
            continue;
        if (a[2] && strcmp((const char *)a[2], W_NS) == 0) {
            found = a;
            break;
        }
        if (!a[2] && !found)
            found = a;
    }
    if (!found)
        return NULL;
    size_t n = (size_t)(found[4] - found[3]);
    if (n >= size)
        n = size - 1;
    memcpy(buf, found[3], n);
    buf[n] = '\0';
    return buf;
}

static int int_attr(int nb_attributes, const xmlChar **attrs, int fallback)
{
    char buf[32];
    const char *v = val_attr(nb_attributes, attrs, buf, sizeof buf);
    if (!v)
        return fallback;
    long x = strtol(v, NULL, 10);
    if (x < 0)
        return 0;
    return x > 100000 ? 100000 : (int)x;
}

static context *top(reader *r) { return r->top ? &r->stack[r->top - 1] : NULL; }

static context *push(reader *r, context_kind kind)
{
    context *c = &r->stack[r->top++];
    if (r->top > r->used) {
        memset(c, 0, sizeof *c);
        r->used = r->top;
    }
    /* buffers are kept from the last use: a paragraph costs no allocation */
    c->kind = kind;
    c->depth = r->depth;
    c->props_read = false;
    c->text.len = 0;
    c->at = r->doc->count;
    c->outline_level = -1;
    c->style_level = 0;
    c->nsteps = 0;
    c->texts.len = 0;
    c->row_depth = 0;
    c->span = 1;
    c->merge = false;
    return c;
}

static void add_step(reader *r, context *table, step_kind kind, int n, size_t text)
{
    if (table->nsteps == table->steps_cap) {
        size_t cap = table->steps_cap ? table->steps_cap * 2 : 64;
        table_step *p = realloc(table->steps, cap * sizeof *p);
        if (!p) {
            r->failed = true;
            return;
        }
        table->steps = p;
        table->steps_cap = cap;
    }
    table->steps[table->nsteps++] = (table_step){kind, n, text};
}

static void finish_paragraph(reader *r, context *p)
{
    int heading = p->outline_level >= 0 ? (p->outline_level + 1 > 6 ? 6 : p->outline_level + 1) : p->style_level;
    size_t before = r->doc->count;
    if (p->text.failed || (p->text.len && !gk_doc_add_paragraph(r->doc, p->text.data, heading)))
        r->failed = true;
    else if (r->doc->count > before)
        gk_doc_move_last(r->doc, p->at);
}

static void finish_cell(reader *r, context *cell, context *table)
{
    if (cell->merge) {
        table->texts.len = cell->cell_text;
        add_step(r, table, STEP_MERGE, cell->span, 0);
        return;
    }
    gk_buf_addc(&table->texts, '\0');
    add_step(r, table, STEP_CELL, cell->span, cell->cell_text);
}

static void finish_table(reader *r, context *t)
{
    if (t->texts.failed) {
        r->failed = true;
        return;
    }
    gk_table *g = gk_table_new();
    if (!g) {
        r->failed = true;
        return;
    }
    for (size_t i = 0; i < t->nsteps; i++) {
        const table_step *s = &t->steps[i];
        bool ok = true;
        if (s->kind == STEP_ROW) {
            gk_table_begin_row(g);
            gk_table_skip_cols(g, s->n);
        } else if (s->kind == STEP_CELL) {
            ok = gk_table_add_cell(g, t->texts.data + s->text, s->n, 1);
        } else {
            ok = gk_table_merge_down(g, s->n);
        }
        if (!ok)
            r->failed = true;
    }
    if (!gk_doc_add_table(r->doc, g))
        r->failed = true;
}

static void pop(reader *r)
{
    context *c = &r->stack[--r->top];
    if (c->kind == CTX_PARAGRAPH)
        finish_paragraph(r, c);
    else if (c->kind == CTX_CELL)
        finish_cell(r, c, &r->stack[r->top - 1]);
    else if (c->kind == CTX_TABLE)
        finish_table(r, c);
}

/* A table met inside a cell: the table around it was for layout.  What
 * its cells held so far becomes paragraphs, one per line, and the rest of
 * it is read as page flow. */
static void make_layout(reader *r)
{
    context *cell = &r->stack[r->top - 1];
    context *table = &r->stack[r->top - 2];
    gk_buf_addc(&table->texts, '\0');
    if (table->texts.failed) {
        r->failed = true;
    } else {
        for (size_t i = 0; i < table->nsteps; i++)
            if (table->steps[i].kind == STEP_CELL && !gk_doc_add_lines(r->doc, table->texts.data + table->steps[i].text))
                r->failed = true;
        if (!cell->merge && !gk_doc_add_lines(r->doc, table->texts.data + cell->cell_text))
            r->failed = true;
    }
    r->top--;
    table->kind = CTX_FLOW;
}

static void skip(reader *r, peek_kind peek)
{
    r->skip_until = r->depth;
    r->peek = peek;
    if (peek != PEEK_NONE)
        top(r)->props_read = true; /* only the first w:pPr, w:trPr or w:tcPr counts */
}

/* A child of a skipped w:pPr, w:trPr or w:tcPr that sets a property. */
static void read_property(reader *r, element e, int nb_attributes, const xmlChar **attrs)
{
    context *c = top(r);
    char buf[64];
    if (r->peek == PEEK_PARAGRAPH && e == E_OUTLINE_LEVEL && c->outline_level < 0) {
        c->outline_level = int_attr(nb_attributes, attrs, 0);
    } else if (r->peek == PEEK_PARAGRAPH && e == E_STYLE && !c->style_level) {
        const char *s = val_attr(nb_attributes, attrs, buf, sizeof buf);
        if (s && strncmp(s, "Heading", 7) == 0 && s[7] >= '1' && s[7] <= '6')
            c->style_level = s[7] - '0';
        else if (s && strcmp(s, "Title") == 0)
            c->style_level = 1;
    } else if (r->peek == PEEK_CELL && e == E_GRID_SPAN) {
        c->span = int_attr(nb_attributes, attrs, 1);
    } else if (r->peek == PEEK_CELL && e == E_V_MERGE) {
        const char *v = val_attr(nb_attributes, attrs, buf, sizeof buf);
        c->merge = !v || strcmp(v, "restart") != 0;
    } else if (r->peek == PEEK_ROW && e == E_GRID_BEFORE && c->nsteps) {
        c->steps[c->row_step].n = int_attr(nb_attributes, attrs, 0);
    }
}

/* The text sink of the innermost context, if it collects text. */
static gk_buf *sink(reader *r)
{
    context *c = top(r);
    if (!c)
        return NULL;
    if (c->kind == CTX_PARAGRAPH)
        return &c->text;
    if (c->kind == CTX_CELL)
        return &r->stack[r->top - 2].texts;
    return NULL;
}

/* An element inside a paragraph or cell: part of its text. */
static void inline_element(reader *r, element e)
{
    gk_buf *out = sink(r);
    context *c = top(r);
    size_t start = c->kind == CTX_CELL ? c->cell_text : 0;
    switch (e) {
    case E_T: r->in_text = r->depth; break;
    case E_SPACE: gk_buf_addc(out, ' '); break;
    case E_BREAK: gk_buf_addc(out, '\n'); break;
    case E_HYPHEN: gk_buf_addc(out, '-'); break;
    case E_P:
        if (out->len > start)
            gk_buf_addc(out, '\n');
        break;
    case E_P_PROPS:
    case E_TR_PROPS:
    case E_TC_PROPS: skip(r, PEEK_NONE); break;
    default: break; /* runs, hyperlinks, insertions, drawings…: descended into */
    }
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attrs)
{
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    reader *r = ctx;
    r->depth++;
    if (r->skip_until) {
        if (r->peek != PEEK_NONE && r->depth == r->skip_until + 1)
            read_property(r, classify(r, local, uri), nb_attributes, attrs);
        return;
    }
    if (r->depth > GK_MAX_DEPTH) {
        if (!r->depth_warned)
            gk_diag_add(r->doc->diags, GK_SEV_WARNING, "docx", "elements nested deeper than %d levels were skipped",
                        GK_MAX_DEPTH);
        r->depth_warned = true;
        skip(r, PEEK_NONE);
        return;
    }
    element e = classify(r, local, uri);
    context *c = top(r);
    if (!c) {
        /* Only the first w:body under the root holds the document. */
        if (r->depth == 2 && e == E_BODY && !r->body_seen) {
            r->body_seen = true;
            push(r, CTX_FLOW);
        }
        return;
    }
    if (e == E_DROPPED) {
        skip(r, PEEK_NONE);
        return;
    }
    switch (c->kind) {
    case CTX_FLOW:
        if (e == E_P)
            push(r, CTX_PARAGRAPH);
        else if (e == E_TBL)
            push(r, CTX_TABLE);
        else if (e == E_P_PROPS || e == E_TR_PROPS || e == E_TC_PROPS)
            skip(r, PEEK_NONE);
        break;
    case CTX_TABLE:
        if (e == E_TR) {
            c->row_depth = r->depth;
            c->props_read = false; /* a table's: its current row's w:trPr */
            c->row_step = c->nsteps;
            add_step(r, c, STEP_ROW, 0, 0);
        } else if (e == E_TR_PROPS && r->depth == c->row_depth + 1 && !c->props_read) {
            skip(r, PEEK_ROW);
        } else if (e == E_TC) {
            size_t at = c->texts.len;
            context *cell = push(r, CTX_CELL);
            cell->cell_text = at;
        } else if (e != E_OTHER) {
            /* properties, or a table beside the rows: not text of the table */
            skip(r, PEEK_NONE);
        }
        break;
    case CTX_CELL:
        if (e == E_TC_PROPS && r->depth == c->depth + 1 && !c->props_read) {
            skip(r, PEEK_CELL);
        } else if (e == E_TBL) {
            make_layout(r);
            push(r, CTX_TABLE);
        } else {
            inline_element(r, e); /* a text box in a cell is part of the cell */
        }
        break;
    case CTX_PARAGRAPH:
        if (e == E_P_PROPS && r->depth == c->depth + 1 && !c->props_read)
            skip(r, PEEK_PARAGRAPH);
        else if (e == E_TEXT_BOX)
            push(r, CTX_FLOW); /* its paragraphs come after this one */
        else
            inline_element(r, e);
        break;
    }
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)local;
    (void)prefix;
    (void)uri;
    reader *r = ctx;
    int depth = r->depth--;
    if (r->skip_until) {
        if (depth == r->skip_until)
            r->skip_until = 0;
        return;
    }
    if (r->in_text == depth)
        r->in_text = 0;
    context *c = top(r);
    if (c && c->depth == depth)
        pop(r);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    reader *r = ctx;
    if (r->in_text && !r->skip_until && len > 0) {
        gk_buf *out = sink(r);
        if (out)
            gk_buf_add(out, (const char *)ch, (size_t)len);
    }
}

static void reader_free(reader *r)
{
    for (int i = 0; i < r->used; i++) {
        gk_buf_free(&r->stack[i].text);
        gk_buf_free(&r->stack[i].texts);
        free(r->stack[i].steps);
    }
    free(r->stack);
}

/* What a parse that ended came to.  Running out of memory comes first: it
 * stops the parser (which may then look like damage or a missing body),
 * and libxml2 says so only through its errors (the watch) and errNo. */
static gk_status parse_result(xmlParserCtxtPtr ctxt, const reader *r, gk_status watched, gk_error *err)
{
    if (watched == GK_ERR_NOMEM || ctxt->errNo == XML_ERR_NO_MEMORY || r->failed) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading the DOCX");
        return GK_ERR_NOMEM;
    }
    if (!ctxt->wellFormed) {
        const char *m = ctxt->lastError.message;
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml is not well-formed XML%s%s",
                     m ? ": " : "", m ? m : "");
        size_t n = strlen(err->message);
        if (n && err->message[n - 1] == '\n')
            err->message[n - 1] = '\0';
        return GK_ERR_CORRUPT;
    }
    if (!r->body_seen) {
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml has no w:body");
        return GK_ERR_CORRUPT;
    }
    return GK_OK;
}

/* Streams document.xml into doc.  No network, no DTD (refused before),
 * and libxml2 keeps its amplification limits: XML_PARSE_HUGE is not set. */
static gk_status read_document_xml(const char *xml, size_t len, gk_document *doc, gk_error *err)
{
    reader r = {.doc = doc};
    gk_xml_watch watch;
    gk_xml_watch_begin(&watch);
    r.stack = calloc(GK_MAX_DEPTH + 1, sizeof *r.stack);
    xmlParserCtxtPtr ctxt = r.stack ? xmlNewParserCtxt() : NULL;
    if (!ctxt || !gk_xml_push_input(ctxt, xml, len) || watch.nomem) { /* a context may come half made */
        gk_xml_watch_end(&watch);
        if (ctxt)
            xmlFreeParserCtxt(ctxt);
        free(r.stack);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory starting the XML parser");
        return GK_ERR_NOMEM;
    }
    watch.parser = ctxt;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = &r;
    xmlParseDocument(ctxt);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    ctxt->userData = NULL;
    gk_status st = parse_result(ctxt, &r, gk_xml_watch_end(&watch), err);
    xmlFreeParserCtxt(ctxt);
    reader_free(&r);
    return st;
}

/* A libzip failure as a status: its own allocations failing are ours to
 * report as GK_ERR_NOMEM, anything else is `otherwise`. */
static gk_status zip_status(const zip_error_t *ze, gk_status otherwise)
{
    return zip_error_code_zip(ze) == ZIP_ER_MEMORY ? GK_ERR_NOMEM : otherwise;
}

static gk_status zip_nomem(gk_error *err)
{
    gk_error_set(err, GK_ERR_NOMEM, "out of memory reading the DOCX archive");
    return GK_ERR_NOMEM;
}

/* Refuses archives past the entry and expanded-size limits (zip bombs). */
static gk_status check_archive(zip_t *za, gk_error *err)
{
    zip_int64_t entries = zip_get_num_entries(za, 0);
    if (entries > GK_MAX_DOCX_ENTRIES) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "DOCX has %lld archive entries, over the limit of %d",
                     (long long)entries, GK_MAX_DOCX_ENTRIES);
        return GK_ERR_TOO_LARGE;
    }
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < entries; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
            total += st.size;
        else if (zip_status(zip_get_error(za), GK_OK) == GK_ERR_NOMEM)
            return zip_nomem(err);
    }
    if (total > GK_MAX_DOCX_TOTAL_BYTES) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "DOCX expands to %llu MiB, over the %u MiB limit (zip bomb?)",
                     (unsigned long long)(total >> 20), GK_MAX_DOCX_TOTAL_BYTES >> 20);
        return GK_ERR_TOO_LARGE;
    }
    return GK_OK;
}

/* The index of word/document.xml, or a status saying what the archive is. */
static gk_status locate_document(zip_t *za, zip_int64_t *idx, gk_error *err)
{
    zip_error_clear(za);
    *idx = zip_name_locate(za, "word/document.xml", ZIP_FL_NOCASE);
    if (*idx >= 0)
        return GK_OK;
    if (zip_status(zip_get_error(za), GK_OK) == GK_ERR_NOMEM)
        return zip_nomem(err);
    bool xlsx = zip_name_locate(za, "xl/workbook.xml", ZIP_FL_NOCASE) >= 0;
    bool pptx = zip_name_locate(za, "ppt/presentation.xml", ZIP_FL_NOCASE) >= 0;
    if (zip_status(zip_get_error(za), GK_OK) == GK_ERR_NOMEM)
        return zip_nomem(err);
    gk_error_set(err, GK_ERR_FORMAT, "not a DOCX: %s",
                 xlsx ? "looks like an Excel workbook (XLSX)"
                 : pptx ? "looks like a PowerPoint file (PPTX)"
                        : "ZIP archive without word/document.xml");
    return GK_ERR_FORMAT;
}

static gk_status read_part(zip_t *za, gk_error *err, char **out, size_t *out_len)
{
    zip_int64_t idx;
    gk_status status = check_archive(za, err);
    if (status == GK_OK)
        status = locate_document(za, &idx, err);
    if (status != GK_OK)
        return status;
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        if (zip_status(zip_get_error(za), GK_OK) == GK_ERR_NOMEM)
            return zip_nomem(err);
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: cannot read the size of word/document.xml");
        return GK_ERR_CORRUPT;
    }
    if (st.size > GK_MAX_DOCX_PART_BYTES) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "word/document.xml exceeds %u MiB uncompressed",
                     GK_MAX_DOCX_PART_BYTES >> 20);
        return GK_ERR_TOO_LARGE;
    }
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!f) {
        if (zip_status(zip_get_error(za), GK_OK) == GK_ERR_NOMEM)
            return zip_nomem(err);
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: cannot open word/document.xml (%s)",
                     zip_strerror(za));
        return GK_ERR_CORRUPT;
    }
    size_t size = (size_t)st.size;
    char *buf = malloc(size + 1);
    zip_int64_t got = buf ? zip_fread(f, buf, size) : -1;
    bool nomem = !buf || (got < 0 && zip_status(zip_file_get_error(f), GK_OK) == GK_ERR_NOMEM);
    zip_fclose(f);
    if (nomem || got < 0 || (size_t)got != size) {
        free(buf);
        if (nomem)
            return zip_nomem(err);
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml is truncated or fails its checksum");
        return GK_ERR_CORRUPT;
    }
    buf[size] = '\0';
    *out = buf;
    *out_len = size;
    return GK_OK;
}

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Whether the archive's directory is where its end record says, every entry
 * of it pointing at a local header: libzip 1.7 reports "Not a zip archive"
 * for such an archive when its own reading runs out of memory, and then the
 * failure is ours (GK_ERR_NOMEM), not the file's. */
static bool zip_directory_intact(const unsigned char *d, size_t len)
{
    enum { EOCD_LEN = 22, CDIR_ENTRY_LEN = 46 };
    if (len < EOCD_LEN)
        return false;
    size_t eocd = len - EOCD_LEN, lowest = len > 65535 + EOCD_LEN ? len - 65535 - EOCD_LEN : 0;
    while (memcmp(d + eocd, "PK\5\6", 4) != 0)
        if (eocd-- == lowest)
            return false;
    size_t entries = d[eocd + 10] | d[eocd + 11] << 8, size = le32(d + eocd + 12), at = le32(d + eocd + 16);
    if (entries == 0 || at > eocd || size > eocd - at)
        return false;
    for (size_t i = 0; i < entries; i++) {
        if (at + CDIR_ENTRY_LEN > eocd || memcmp(d + at, "PK\1\2", 4) != 0)
            return false;
        size_t local = le32(d + at + 42);
        if (local + 4 > len || memcmp(d + local, "PK\3\4", 4) != 0)
            return false;
        at += CDIR_ENTRY_LEN + (d[at + 28] | d[at + 29] << 8) + (d[at + 30] | d[at + 31] << 8) +
              (d[at + 32] | d[at + 33] << 8);
    }
    return true;
}

gk_status gk_read_docx(const void *data, size_t len, gk_document *doc, gk_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        gk_status st = zip_status(&ze, GK_ERR_INTERNAL);
        gk_error_set(err, st, "cannot open the DOCX: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return st;
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        gk_status st = zip_status(&ze, GK_ERR_CORRUPT);
        if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP && zip_directory_intact(data, len))
            st = GK_ERR_NOMEM;
        if (st == GK_ERR_NOMEM)
            zip_nomem(err);
        else
            gk_error_set(err, st, "damaged DOCX: %s", zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    char *xml = NULL;
    size_t xml_len = 0;
    gk_status st = read_part(za, err, &xml, &xml_len);
    zip_discard(za);
    if (st != GK_OK)
        return st;
    if (xml_len > (size_t)INT32_MAX) {
        free(xml);
        gk_error_set(err, GK_ERR_TOO_LARGE, "word/document.xml too large");
        return GK_ERR_TOO_LARGE;
    }
    /* Word and WPS never write a DTD into document.xml; one there can only
     * declare entities (billion laughs, external files), so it is refused
     * before parsing. */
    if (memmem(xml, xml_len < 4096 ? xml_len : 4096, "<!DOCTYPE", 9)) {
        free(xml);
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml declares a DTD, which no DOCX has; refused");
        return GK_ERR_CORRUPT;
    }
    st = read_document_xml(xml, xml_len, doc, err);
    free(xml);
    return st;
}
