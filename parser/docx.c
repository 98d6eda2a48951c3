/* docx.c — DOCX reader: libzip opens the archive within the limits of
 * limits.h, libxml2 parses word/document.xml, and the body becomes
 * paragraphs and tables (w:gridSpan, w:vMerge, w:gridBefore expanded).
 * Tracked insertions are kept and deletions dropped; content controls,
 * hyperlinks and text boxes are descended into. */
#define _GNU_SOURCE /* memmem */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "internal.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

typedef struct {
    gk_document *doc;
    bool failed;
    bool depth_warned;
} docx_walk;

static bool is_ns(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, name) == 0;
}

static bool is_w(const xmlNode *n, const char *name) { return is_ns(n, W_NS, name); }

static const xmlNode *child_w(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_w(c, name))
            return c;
    return NULL;
}

/* w:val of an element, or NULL; the caller xmlFree()s it. */
static xmlChar *w_val(const xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *v = xmlGetNsProp((xmlNode *)n, (const xmlChar *)"val", (const xmlChar *)W_NS);
    return v ? v : xmlGetProp((xmlNode *)n, (const xmlChar *)"val");
}

static int int_val(const xmlNode *n, int fallback)
{
    xmlChar *v = w_val(n);
    if (!v)
        return fallback;
    long x = strtol((const char *)v, NULL, 10);
    xmlFree(v);
    if (x < 0)
        return 0;
    return x > 100000 ? 100000 : (int)x;
}

/* Elements whose content is never text of the document. */
static bool is_dropped(const xmlNode *n)
{
    return is_w(n, "del") || is_w(n, "delText") || is_w(n, "instrText") || is_w(n, "pPr") ||
           is_w(n, "rPr") || is_w(n, "tblPr") || is_w(n, "trPr") || is_w(n, "tcPr") ||
           is_w(n, "moveFrom") || is_ns(n, MC_NS, "Fallback");
}

/* Text of runs below n.  Text boxes met on the way are collected into
 * `boxes` to become paragraphs of their own after this one. */
static void run_text(const xmlNode *n, gk_buf *out, const xmlNode **boxes, size_t *nboxes,
                     size_t maxboxes, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_dropped(c))
            continue;
        if (is_w(c, "t")) {
            for (const xmlNode *t = c->children; t; t = t->next)
                if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
                    gk_buf_adds(out, (const char *)t->content);
        } else if (is_w(c, "tab") || is_w(c, "ptab")) {
            gk_buf_addc(out, ' ');
        } else if (is_w(c, "br") || is_w(c, "cr")) {
            gk_buf_addc(out, '\n');
        } else if (is_w(c, "noBreakHyphen")) {
            gk_buf_addc(out, '-');
        } else if (is_w(c, "txbxContent")) {
            /* In body text a text box becomes paragraphs of its own; inside a
             * table cell (no list) its text is part of the cell. */
            if (boxes && *nboxes < maxboxes)
                boxes[(*nboxes)++] = c;
            else if (!boxes)
                run_text(c, out, NULL, NULL, 0, depth + 1);
        } else if (is_w(c, "p")) {
            if (out->len)
                gk_buf_addc(out, '\n');
            run_text(c, out, boxes, nboxes, maxboxes, depth + 1);
        } else {
            run_text(c, out, boxes, nboxes, maxboxes, depth + 1);
        }
    }
}

static int paragraph_heading(const xmlNode *p)
{
    const xmlNode *ppr = child_w(p, "pPr");
    const xmlNode *outline = child_w(ppr, "outlineLvl");
    if (outline)
        return int_val(outline, 0) + 1 > 6 ? 6 : int_val(outline, 0) + 1;
    xmlChar *style = w_val(child_w(ppr, "pStyle"));
    int level = 0;
    if (style) {
        const char *s = (const char *)style;
        if (strncmp(s, "Heading", 7) == 0 && s[7] >= '1' && s[7] <= '6')
            level = s[7] - '0';
        else if (strcmp(s, "Title") == 0)
            level = 1;
        xmlFree(style);
    }
    return level;
}

static void walk_body(docx_walk *w, const xmlNode *n, int depth);

static void add_paragraph(docx_walk *w, const xmlNode *p, int depth)
{
    enum { MAX_BOXES = 16 };
    const xmlNode *boxes[MAX_BOXES];
    size_t nboxes = 0;
    gk_buf text;
    gk_buf_init(&text);
    run_text(p, &text, boxes, &nboxes, MAX_BOXES, depth + 1);
    if (text.len && !gk_doc_add_paragraph(w->doc, text.data, paragraph_heading(p)))
        w->failed = true;
    gk_buf_free(&text);
    for (size_t i = 0; i < nboxes; i++)
        walk_body(w, boxes[i], depth + 1);
}

static bool has_nested_table(const xmlNode *n, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return false;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_w(c, "tc")) {
            for (const xmlNode *k = c->children; k; k = k->next)
                if (is_w(k, "tbl") || (k->type == XML_ELEMENT_NODE && has_nested_table(k, depth + 1)))
                    return true;
        } else if (has_nested_table(c, depth + 1)) {
            return true;
        }
    }
    return false;
}

static void add_cell(docx_walk *w, gk_table *t, const xmlNode *tc, int depth)
{
    const xmlNode *tcpr = child_w(tc, "tcPr");
    int span = int_val(child_w(tcpr, "gridSpan"), 1);
    const xmlNode *vmerge = child_w(tcpr, "vMerge");
    bool ok;
    if (vmerge) {
        xmlChar *v = w_val(vmerge);
        bool restart = v && strcmp((const char *)v, "restart") == 0;
        xmlFree(v);
        if (!restart) {
            if (!gk_table_merge_down(t, span))
                w->failed = true;
            return;
        }
    }
    gk_buf text;
    gk_buf_init(&text);
    run_text(tc, &text, NULL, NULL, 0, depth + 1);
    ok = gk_table_add_cell(t, text.data ? text.data : "", span, 1);
    gk_buf_free(&text);
    if (!ok)
        w->failed = true;
}

/* Rows and cells may sit inside content controls or custom XML wrappers. */
static void add_cells(docx_walk *w, gk_table *t, const xmlNode *n, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_w(c, "tc"))
            add_cell(w, t, c, depth);
        else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml"))
            add_cells(w, t, c, depth + 1);
    }
}

static void add_rows(docx_walk *w, gk_table *t, const xmlNode *n, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_w(c, "tr")) {
            gk_table_begin_row(t);
            gk_table_skip_cols(t, int_val(child_w(child_w(c, "trPr"), "gridBefore"), 0));
            add_cells(w, t, c, depth + 1);
        } else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml")) {
            add_rows(w, t, c, depth + 1);
        }
    }
}

static void walk_body(docx_walk *w, const xmlNode *n, int depth)
{
    if (depth > GK_MAX_DEPTH) {
        if (!w->depth_warned)
            gk_diag_add(w->doc->diags, GK_SEV_WARNING, "docx",
                        "elements nested deeper than %d levels were skipped", GK_MAX_DEPTH);
        w->depth_warned = true;
        return;
    }
    for (const xmlNode *c = n->children; c && !w->failed; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_dropped(c))
            continue;
        if (is_w(c, "p")) {
            add_paragraph(w, c, depth);
        } else if (is_w(c, "tbl")) {
            if (has_nested_table(c, depth)) {
                /* A layout table around other tables: its cells are flow. */
                walk_body(w, c, depth + 1);
                continue;
            }
            gk_table *t = gk_table_new();
            if (!t) {
                w->failed = true;
                return;
            }
            add_rows(w, t, c, depth + 1);
            if (!gk_doc_add_table(w->doc, t))
                w->failed = true;
        } else {
            /* w:body, w:sdt, w:sdtContent, w:ins, w:customXml, w:tr, w:tc of
             * layout tables, mc:AlternateContent/mc:Choice … */
            walk_body(w, c, depth + 1);
        }
    }
}

static gk_status read_part(zip_t *za, gk_error *err, char **out, size_t *out_len)
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
    }
    if (total > GK_MAX_DOCX_TOTAL_BYTES) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "DOCX expands to %llu MiB, over the %u MiB limit (zip bomb?)",
                     (unsigned long long)(total >> 20), GK_MAX_DOCX_TOTAL_BYTES >> 20);
        return GK_ERR_TOO_LARGE;
    }
    zip_int64_t idx = zip_name_locate(za, "word/document.xml", ZIP_FL_NOCASE);
    if (idx < 0) {
        bool xlsx = zip_name_locate(za, "xl/workbook.xml", ZIP_FL_NOCASE) >= 0;
        bool pptx = zip_name_locate(za, "ppt/presentation.xml", ZIP_FL_NOCASE) >= 0;
        gk_error_set(err, GK_ERR_FORMAT, "not a DOCX: %s",
                     xlsx ? "looks like an Excel workbook (XLSX)"
                     : pptx ? "looks like a PowerPoint file (PPTX)"
                            : "ZIP archive without word/document.xml");
        return GK_ERR_FORMAT;
    }
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
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
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: cannot open word/document.xml (%s)",
                     zip_strerror(za));
        return GK_ERR_CORRUPT;
    }
    size_t size = (size_t)st.size;
    char *buf = malloc(size + 1);
    if (!buf) {
        zip_fclose(f);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory reading word/document.xml");
        return GK_ERR_NOMEM;
    }
    zip_int64_t got = zip_fread(f, buf, size);
    zip_fclose(f);
    if (got < 0 || (size_t)got != size) {
        free(buf);
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml is truncated or fails its checksum");
        return GK_ERR_CORRUPT;
    }
    buf[size] = '\0';
    *out = buf;
    *out_len = size;
    return GK_OK;
}

gk_status gk_read_docx(const void *data, size_t len, gk_document *doc, gk_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory opening the DOCX");
        return GK_ERR_NOMEM;
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: %s", zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return GK_ERR_CORRUPT;
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
    /* No network, no DTD loading, no entity substitution, and libxml2 keeps
     * its amplification limits because XML_PARSE_HUGE is not set. */
    xmlDocPtr d = xmlReadMemory(xml, (int)xml_len, "document.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    free(xml);
    if (!d) {
        const xmlError *e = xmlGetLastError();
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml is not well-formed XML%s%s",
                     e && e->message ? ": " : "", e && e->message ? e->message : "");
        size_t n = strlen(err->message);
        if (n && err->message[n - 1] == '\n')
            err->message[n - 1] = '\0';
        return GK_ERR_CORRUPT;
    }
    docx_walk w = {.doc = doc};
    xmlNode *root = xmlDocGetRootElement(d);
    const xmlNode *body = child_w(root, "body");
    if (!body) {
        xmlFreeDoc(d);
        gk_error_set(err, GK_ERR_CORRUPT, "damaged DOCX: word/document.xml has no w:body");
        return GK_ERR_CORRUPT;
    }
    walk_body(&w, body, 0);
    xmlFreeDoc(d);
    if (w.failed) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading the DOCX");
        return GK_ERR_NOMEM;
    }
    return GK_OK;
}
