/* xml.c — the report as XML with the JSON's content, validated against the
 * embedded schema before it is handed out. */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "textout.h"

#define GK_XML_NS GK_XML_NAMESPACE
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* XML 1.0 forbids most control characters, and the rest (DEL, C1) are
 * never written raw either: they become U+FFFD (textout.c). */
static char *xml_clean(const char *s)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_add_clean(&b, s);
    return gk_buf_take(&b);
}

/* The document being built: its namespaces, and whether anything could
 * not be made (libxml2 returns NULL, or a node without its name or text). */
typedef struct {
    xmlNs *ns, *xsi;
    bool failed;
} builder;

static xmlNode *element(builder *b, xmlNode *parent, const char *name)
{
    xmlNode *n = parent ? xmlNewChild(parent, b->ns, (const xmlChar *)name, NULL) : NULL;
    if (!n || !n->name)
        b->failed = true;
    return n;
}

static xmlNode *text_element(builder *b, xmlNode *parent, const char *name, const char *text)
{
    xmlNode *n = element(b, parent, name);
    char *clean = xml_clean(text ? text : "");
    if (!clean) {
        b->failed = true;
    } else if (n && *clean) {
        xmlNode *t = xmlNewText((const xmlChar *)clean);
        if (!t || !t->content || !xmlAddChild(n, t)) {
            xmlFreeNode(t);
            b->failed = true;
        }
    }
    free(clean);
    return n;
}

static void attribute(builder *b, xmlNode *n, xmlNs *ns, const char *name, const char *value)
{
    if (!n)
        return; /* its element failed already */
    char *clean = xml_clean(value ? value : "");
    xmlAttr *a = clean ? xmlNewNsProp(n, ns, (const xmlChar *)name, (const xmlChar *)clean) : NULL;
    if (!a || !a->name || !a->children || !a->children->content)
        b->failed = true;
    free(clean);
}

static void value_node(builder *b, xmlNode *parent, const char *attr, const char *code, const gk_num *v)
{
    char buf[64] = "";
    if (v->present)
        gk_num_format(v, buf, sizeof buf);
    xmlNode *n = text_element(b, parent, "value", buf);
    attribute(b, n, NULL, attr, code);
    if (!v->present)
        attribute(b, n, b->xsi, "nil", "true");
}

static void add_head(builder *b, xmlNode *root, const gk_report *r)
{
    char buf[64];
    if (r->agency)
        text_element(b, root, "agency", r->agency);
    if (r->year) {
        snprintf(buf, sizeof buf, "%d", r->year);
        text_element(b, root, "year", buf);
    }
    if (r->key)
        text_element(b, root, "key", r->key);
    if (r->fingerprint[0])
        text_element(b, root, "fingerprint", r->fingerprint);
    text_element(b, root, "template", gk_template_name(r->template_kind));
    xmlNode *editions = element(b, root, "table_templates");
    if (r->active_edition)
        attribute(b, editions, NULL, "active_disclosure", gk_edition_name(r->active_edition));
    if (r->apps_edition)
        attribute(b, editions, NULL, "applications", gk_edition_name(r->apps_edition));
    if (r->title)
        text_element(b, root, "title", r->title);
    xmlNode *sections = element(b, root, "sections");
    for (size_t i = 0; i < r->section_count; i++) {
        xmlNode *s = element(b, sections, "section");
        snprintf(buf, sizeof buf, "%d", r->sections[i].number);
        attribute(b, s, NULL, "number", buf);
        text_element(b, s, "title", r->sections[i].title);
        text_element(b, s, "text", r->sections[i].text);
    }
}

static void add_tables(builder *b, xmlNode *root, const gk_report *r)
{
    if (r->has_active) {
        xmlNode *active = element(b, root, "active_disclosure");
        for (size_t i = 0; i < r->item_count; i++) {
            const gk_item *it = &r->items[i];
            xmlNode *item = element(b, active, "item");
            attribute(b, item, NULL, "code", it->code);
            if (it->label)
                attribute(b, item, NULL, "label", it->label);
            for (size_t m = 0; m < it->count; m++)
                value_node(b, item, "measure", it->measures[m], &it->values[m]);
        }
    }
    if (r->has_applications) {
        xmlNode *apps = element(b, root, "applications");
        for (size_t i = 0; i < r->app_row_count; i++) {
            int code = r->app_rows[i];
            xmlNode *row = element(b, apps, "row");
            attribute(b, row, NULL, "code", gk_code(GK_TERM_ROW, code));
            for (int col = 0; col < GK_COL_COUNT; col++)
                value_node(b, row, "column", gk_code(GK_TERM_COLUMN, col), &r->apps[code][col]);
        }
    }
    if (r->has_reviews) {
        xmlNode *rl = element(b, root, "reviews_litigation");
        for (int g = 0; g < GK_RL_GROUPS; g++) {
            xmlNode *group = element(b, rl, "group");
            attribute(b, group, NULL, "code", gk_code(GK_TERM_GROUP, g));
            for (int k = 0; k < GK_RL_RESULTS; k++)
                value_node(b, group, "result", gk_code(GK_TERM_RESULT, k), &r->rl[g][k]);
        }
    }
}

static void add_checks_and_diagnostics(builder *b, xmlNode *root, const gk_report *r)
{
    char buf[64];
    xmlNode *checks = element(b, root, "checks");
    for (size_t i = 0; i < r->check_count; i++) {
        const gk_check *c = &r->checks[i];
        xmlNode *n = element(b, checks, "check");
        attribute(b, n, NULL, "rule", c->rule);
        attribute(b, n, NULL, "scope", c->scope);
        attribute(b, n, NULL, "status", gk_check_status_name(c->status));
        if (c->left.present) {
            gk_num_format(&c->left, buf, sizeof buf);
            attribute(b, n, NULL, "left", buf);
            gk_num_format(&c->right, buf, sizeof buf);
            attribute(b, n, NULL, "right", buf);
        }
        if (c->sentence)
            text_element(b, n, "sentence", c->sentence);
    }
    xmlNode *diags = element(b, root, "diagnostics");
    for (size_t i = 0; i < r->diags.count; i++) {
        const gk_diagnostic *d = &r->diags.items[i];
        xmlNode *n = text_element(b, diags, "diagnostic", d->message);
        attribute(b, n, NULL, "severity", gk_severity_name(d->severity));
        attribute(b, n, NULL, "where", d->where);
    }
    if (r->diags.dropped) {
        snprintf(buf, sizeof buf, "%zu more diagnostics not listed", r->diags.dropped);
        xmlNode *n = text_element(b, diags, "diagnostic", buf);
        attribute(b, n, NULL, "severity", "warning");
        attribute(b, n, NULL, "where", "report");
    }
    xmlNode *prov = element(b, root, "provenance");
    for (size_t i = 0; i < r->prov_count; i++) {
        xmlNode *n = text_element(b, prov, "cell", r->prov[i].raw);
        attribute(b, n, NULL, "field", r->prov[i].field);
    }
    xmlNode *src = element(b, root, "source");
    attribute(b, src, NULL, "path", r->source_path);
    attribute(b, src, NULL, "format", r->source_format);
    attribute(b, src, NULL, "encoding", r->source_encoding);
}

/* The whole document, or NULL when any part of it could not be made. */
static xmlDoc *build(const gk_report *r)
{
    builder b = {NULL, NULL, false};
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = doc ? xmlNewNode(NULL, (const xmlChar *)"report") : NULL;
    if (!root || !root->name) {
        xmlFreeNode(root);
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlDocSetRootElement(doc, root);
    b.ns = xmlNewNs(root, (const xmlChar *)GK_XML_NS, NULL);
    b.xsi = xmlNewNs(root, (const xmlChar *)XSI_NS, (const xmlChar *)"xsi");
    b.failed = !b.ns || !b.xsi;
    xmlSetNs(root, b.ns);
    add_head(&b, root, r);
    add_tables(&b, root, r);
    add_checks_and_diagnostics(&b, root, r);
    if (b.failed) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* Validated, then written: libxml2 reports running out of memory while
 * building, validating or writing mostly through its errors (a node
 * without its text, a shorter buffer), so the watch covers all three. */
char *gk_report_to_xml(const gk_report *r, gk_error *err)
{
    gk_library_init();
    gk_xml_watch watch;
    gk_xml_watch_begin(&watch);
    xmlDoc *doc = build(r);
    gk_status st = doc ? GK_OK : GK_ERR_NOMEM;
    if (st == GK_OK && watch.nomem)
        st = GK_ERR_NOMEM;
    if (st == GK_OK)
        st = gk_schema_validate(doc, err);
    xmlChar *mem = NULL;
    int size = 0;
    if (st == GK_OK)
        xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    xmlFreeDoc(doc);
    if (gk_xml_watch_end(&watch) == GK_ERR_NOMEM || (st == GK_OK && !mem))
        st = GK_ERR_NOMEM;
    char *out = st == GK_OK ? gk_strndup((const char *)mem, (size_t)size) : NULL;
    xmlFree(mem);
    if (st == GK_OK && !out)
        st = GK_ERR_NOMEM;
    if (st == GK_ERR_NOMEM)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing XML");
    return out;
}
