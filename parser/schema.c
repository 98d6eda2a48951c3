/* schema.c — the XML Schema, embedded at build time (schema_blob.S) so the
 * binary validates from any directory; parsed once, used for every document. */
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

extern const char gk_schema_xsd[];

const char *gk_schema_text(void) { return gk_schema_xsd; }

static xmlSchemaPtr schema;
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;

/* Parses the embedded schema on first use.  Unlike pthread_once, a parse
 * that ran out of memory is tried again by the next document. */
static gk_status load_schema(gk_error *err)
{
    pthread_mutex_lock(&schema_lock);
    gk_status st = GK_OK;
    if (!schema) {
        gk_xml_watch watch;
        gk_xml_watch_begin(&watch);
        xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt(gk_schema_xsd, (int)strlen(gk_schema_xsd));
        if (pctx) {
            xmlSchemaSetParserStructuredErrors(pctx, NULL, NULL);
            schema = xmlSchemaParse(pctx);
            xmlSchemaFreeParserCtxt(pctx);
        }
        st = gk_xml_watch_end(&watch);
        if (st == GK_ERR_NOMEM || !pctx) {
            xmlSchemaFree(schema); /* one parsed short of memory is not the schema */
            schema = NULL;
            st = GK_ERR_NOMEM;
            gk_error_set(err, st, "out of memory loading the XML Schema");
        } else if (!schema) {
            st = GK_ERR_INTERNAL;
            gk_error_set(err, st, "the embedded XML Schema does not parse");
        }
    }
    pthread_mutex_unlock(&schema_lock);
    return st;
}

typedef struct {
    char first[400];
    int count;
    bool nomem;
} errors;

static void collect(void *data, xmlErrorPtr e)
{
    errors *er = data;
    if (e && e->code == XML_ERR_NO_MEMORY)
        er->nomem = true;
    if (er->count++ == 0 && e && e->message) {
        snprintf(er->first, sizeof er->first, "line %d: %s", e->line, e->message);
        size_t n = strlen(er->first);
        if (n && er->first[n - 1] == '\n')
            er->first[n - 1] = '\0';
    }
}

/* A document that could not be validated for want of memory is neither
 * valid nor invalid: GK_ERR_NOMEM, never GK_ERR_SCHEMA. */
gk_status gk_schema_validate(void *xml_doc, gk_error *err)
{
    gk_status st = load_schema(err);
    if (st != GK_OK)
        return st;
    gk_xml_watch watch;
    gk_xml_watch_begin(&watch);
    xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
    errors er = {{0}, 0, false};
    int rc = -1;
    if (v && watch.nomem) { /* it hands out a context missing its dictionary or name list */
        xmlSchemaFreeValidCtxt(v);
        v = NULL;
    }
    if (v) {
        xmlSchemaSetValidStructuredErrors(v, collect, &er);
        rc = xmlSchemaValidateDoc(v, (xmlDocPtr)xml_doc);
        xmlSchemaFreeValidCtxt(v);
    }
    if (gk_xml_watch_end(&watch) == GK_ERR_NOMEM || er.nomem || !v) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory validating XML");
        return GK_ERR_NOMEM;
    }
    if (rc < 0) {
        gk_error_set(err, GK_ERR_INTERNAL, "the XML Schema validator failed");
        return GK_ERR_INTERNAL;
    }
    if (rc > 0) {
        gk_error_set(err, GK_ERR_SCHEMA, "XML output is not valid against gkreport.xsd: %s",
                     er.count ? er.first : "validation failed");
        return GK_ERR_SCHEMA;
    }
    return GK_OK;
}
