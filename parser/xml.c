/* xml.c — the report as XML with the JSON's content, validated against the
 * embedded schema before it is handed out. */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define GK_XML_NS "urn:gkreport:report:1"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* XML 1.0 forbids most control characters; they become U+FFFD. */
static char *xml_clean(const char *s)
{
    gk_buf b;
    gk_buf_init(&b);
    size_t len = strlen(s), i = 0, n;
    while (i < len) {
        size_t at = i;
        uint32_t cp = gk_utf8_next(s, len, &i, &n);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF || cp == 0xFFFD)
            gk_buf_add_utf8(&b, 0xFFFD);
        else
            gk_buf_add(&b, s + at, n);
    }
    return gk_buf_take(&b);
}

static xmlNode *child_text(xmlNode *parent, xmlNs *ns, const char *name, const char *text)
{
    char *clean = xml_clean(text ? text : "");
    xmlNode *n = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
    if (n && clean)
        xmlNodeAddContent(n, (const xmlChar *)clean);
    free(clean);
    return n;
}

static void set_attr(xmlNode *n, const char *name, const char *value)
{
    char *clean = xml_clean(value ? value : "");
    if (clean)
        xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)clean);
    free(clean);
}

static void value_node(xmlNode *parent, xmlNs *ns, xmlNs *xsi, const char *attr, const char *code, const gk_num *v)
{
    xmlNode *n = xmlNewChild(parent, ns, (const xmlChar *)"value", NULL);
    if (!n)
        return;
    set_attr(n, attr, code);
    if (!v->present) {
        xmlNewNsProp(n, xsi, (const xmlChar *)"nil", (const xmlChar *)"true");
        return;
    }
    char buf[64];
    gk_num_format(v, buf, sizeof buf);
    xmlNodeAddContent(n, (const xmlChar *)buf);
}

static xmlDoc *build(const gk_report *r)
{
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"report");
    xmlNs *ns = xmlNewNs(root, (const xmlChar *)GK_XML_NS, NULL);
    xmlNs *xsi = xmlNewNs(root, (const xmlChar *)XSI_NS, (const xmlChar *)"xsi");
    xmlSetNs(root, ns);
    xmlDocSetRootElement(doc, root);
    char buf[64];

    if (r->agency)
        child_text(root, ns, "agency", r->agency);
    if (r->year) {
        snprintf(buf, sizeof buf, "%d", r->year);
        child_text(root, ns, "year", buf);
    }
    child_text(root, ns, "template", gk_template_name(r->template_kind));
    xmlNode *editions = xmlNewChild(root, ns, (const xmlChar *)"table_templates", NULL);
    if (r->active_edition)
        set_attr(editions, "active_disclosure", gk_edition_name(r->active_edition));
    if (r->apps_edition)
        set_attr(editions, "applications", gk_edition_name(r->apps_edition));
    if (r->title)
        child_text(root, ns, "title", r->title);

    xmlNode *sections = xmlNewChild(root, ns, (const xmlChar *)"sections", NULL);
    for (size_t i = 0; i < r->section_count; i++) {
        xmlNode *s = xmlNewChild(sections, ns, (const xmlChar *)"section", NULL);
        snprintf(buf, sizeof buf, "%d", r->sections[i].number);
        set_attr(s, "number", buf);
        child_text(s, ns, "title", r->sections[i].title);
        child_text(s, ns, "text", r->sections[i].text);
    }

    if (r->has_active) {
        xmlNode *active = xmlNewChild(root, ns, (const xmlChar *)"active_disclosure", NULL);
        for (size_t i = 0; i < r->item_count; i++) {
            const gk_item *it = &r->items[i];
            xmlNode *item = xmlNewChild(active, ns, (const xmlChar *)"item", NULL);
            set_attr(item, "code", it->code);
            if (it->label)
                set_attr(item, "label", it->label);
            for (size_t m = 0; m < it->count; m++)
                value_node(item, ns, xsi, "measure", it->measures[m], &it->values[m]);
        }
    }
    if (r->has_applications) {
        xmlNode *apps = xmlNewChild(root, ns, (const xmlChar *)"applications", NULL);
        for (size_t i = 0; i < r->app_row_count; i++) {
            xmlNode *row = xmlNewChild(apps, ns, (const xmlChar *)"row", NULL);
            set_attr(row, "code", gk_code(GK_TERM_ROW, r->app_rows[i]));
            for (int col = 0; col < GK_COL_COUNT; col++)
                value_node(row, ns, xsi, "column", gk_code(GK_TERM_COLUMN, col), &r->apps[r->app_rows[i]][col]);
        }
    }
    if (r->has_reviews) {
        xmlNode *rl = xmlNewChild(root, ns, (const xmlChar *)"reviews_litigation", NULL);
        for (int g = 0; g < GK_RL_GROUPS; g++) {
            xmlNode *group = xmlNewChild(rl, ns, (const xmlChar *)"group", NULL);
            set_attr(group, "code", gk_code(GK_TERM_GROUP, g));
            for (int k = 0; k < GK_RL_RESULTS; k++)
                value_node(group, ns, xsi, "result", gk_code(GK_TERM_RESULT, k), &r->rl[g][k]);
        }
    }

    xmlNode *checks = xmlNewChild(root, ns, (const xmlChar *)"checks", NULL);
    for (size_t i = 0; i < r->check_count; i++) {
        const gk_check *c = &r->checks[i];
        xmlNode *n = xmlNewChild(checks, ns, (const xmlChar *)"check", NULL);
        set_attr(n, "rule", c->rule);
        set_attr(n, "scope", c->scope);
        set_attr(n, "status", gk_check_status_name(c->status));
        if (c->left.present) {
            gk_num_format(&c->left, buf, sizeof buf);
            set_attr(n, "left", buf);
            gk_num_format(&c->right, buf, sizeof buf);
            set_attr(n, "right", buf);
        }
    }
    xmlNode *diags = xmlNewChild(root, ns, (const xmlChar *)"diagnostics", NULL);
    for (size_t i = 0; i < r->diags.count; i++) {
        const gk_diagnostic *d = &r->diags.items[i];
        xmlNode *n = child_text(diags, ns, "diagnostic", d->message);
        set_attr(n, "severity", gk_severity_name(d->severity));
        set_attr(n, "where", d->where);
    }
    if (r->diags.dropped) {
        snprintf(buf, sizeof buf, "%zu more diagnostics not listed", r->diags.dropped);
        xmlNode *n = child_text(diags, ns, "diagnostic", buf);
        set_attr(n, "severity", "warning");
        set_attr(n, "where", "report");
    }
    xmlNode *prov = xmlNewChild(root, ns, (const xmlChar *)"provenance", NULL);
    for (size_t i = 0; i < r->prov_count; i++) {
        xmlNode *n = child_text(prov, ns, "cell", r->prov[i].raw);
        set_attr(n, "field", r->prov[i].field);
    }
    xmlNode *src = xmlNewChild(root, ns, (const xmlChar *)"source", NULL);
    set_attr(src, "path", r->source_path);
    set_attr(src, "format", r->source_format);
    set_attr(src, "encoding", r->source_encoding);
    return doc;
}

char *gk_report_to_xml(const gk_report *r, gk_error *err)
{
    xmlDoc *doc = build(r);
    if (!doc) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory building XML");
        return NULL;
    }
    gk_status st = gk_schema_validate(doc, err);
    if (st != GK_OK) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    xmlFreeDoc(doc);
    if (!mem) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing XML");
        return NULL;
    }
    char *out = gk_strndup((const char *)mem, (size_t)size);
    xmlFree(mem);
    if (!out)
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing XML");
    return out;
}
