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
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_schema(void)
{
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt(gk_schema_xsd, (int)strlen(gk_schema_xsd));
    if (!pctx)
        return;
    xmlSchemaSetParserStructuredErrors(pctx, NULL, NULL);
    schema = xmlSchemaParse(pctx);
    xmlSchemaFreeParserCtxt(pctx);
}

typedef struct {
    char first[400];
    int count;
} errors;

static void collect(void *data, const xmlError *e)
{
    errors *er = data;
    if (er->count++ == 0 && e && e->message) {
        snprintf(er->first, sizeof er->first, "line %d: %s", e->line, e->message);
        size_t n = strlen(er->first);
        if (n && er->first[n - 1] == '\n')
            er->first[n - 1] = '\0';
    }
}

gk_status gk_schema_validate(void *xml_doc, gk_error *err)
{
    pthread_once(&once, load_schema);
    if (!schema) {
        gk_error_set(err, GK_ERR_INTERNAL, "the embedded XML Schema does not parse");
        return GK_ERR_INTERNAL;
    }
    xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
    if (!v) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory validating XML");
        return GK_ERR_NOMEM;
    }
    errors er = {{0}, 0};
    xmlSchemaSetValidStructuredErrors(v, (xmlStructuredErrorFunc)collect, &er);
    int rc = xmlSchemaValidateDoc(v, (xmlDocPtr)xml_doc);
    xmlSchemaFreeValidCtxt(v);
    if (rc != 0) {
        gk_error_set(err, GK_ERR_SCHEMA, "XML output is not valid against gkreport.xsd: %s",
                     er.count ? er.first : "validation failed");
        return GK_ERR_SCHEMA;
    }
    return GK_OK;
}
