/* json.c — the report as JSON (jansson), keys in the fixed order of
 * docs/output.md, no timestamps: the same input gives the same bytes.
 * Keys are the fixed ASCII names and codes of docs/output.md, so they are
 * set without jansson's UTF-8 check; string values are checked, and one
 * that jansson refuses fails the report rather than silently losing a key. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "textout.h"

typedef struct {
    bool failed;
    const char *defect;      /* why a string was refused, when it was not memory */
    const char *refused_key; /* the key whose value that was */
} builder;

/* Sets o[key] and returns the value, or NULL when jansson refused it (a
 * NULL value, no memory): it has then freed the value already. */
static json_t *set(builder *b, json_t *o, const char *key, json_t *value)
{
    if (json_object_set_new_nocheck(o, key, value) != 0) {
        b->failed = true;
        if (b->defect && !b->refused_key)
            b->refused_key = key;
        return NULL;
    }
    return value;
}

static void append(builder *b, json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) != 0)
        b->failed = true;
}

static json_t *num_json(const gk_num *n)
{
    if (!n->present)
        return json_null();
    if (n->decimal)
        return json_real(n->value);
    return json_integer((json_int_t)n->value);
}

/* json_string(), but a string that is missing or not UTF-8 (a defect of
 * the library) is told from no memory: jansson gives NULL for all three. */
static json_t *string_json(builder *b, const char *s)
{
    if (!s || !gk_utf8_valid(s, strlen(s))) {
        if (!b->defect)
            b->defect = s ? "is not valid UTF-8" : "is missing (NULL)";
        return NULL;
    }
    return json_string(s);
}

static json_t *str_or_null(builder *b, const char *s) { return s ? string_json(b, s) : json_null(); }

static void add_sections(builder *b, json_t *root, const gk_report *r)
{
    json_t *sections = set(b, root, "sections", json_array());
    for (size_t i = 0; sections && i < r->section_count; i++) {
        json_t *s = json_object();
        set(b, s, "number", json_integer(r->sections[i].number));
        set(b, s, "title", string_json(b, r->sections[i].title));
        set(b, s, "text", string_json(b, r->sections[i].text));
        append(b, sections, s);
    }
}

static void add_tables(builder *b, json_t *root, const gk_report *r)
{
    json_t *active = set(b, root, "active_disclosure", r->has_active ? json_object() : json_null());
    for (size_t i = 0; r->has_active && active && i < r->item_count; i++) {
        const gk_item *it = &r->items[i];
        json_t *o = set(b, active, it->code, json_object());
        if (it->label)
            set(b, o, "label", string_json(b, it->label));
        for (size_t m = 0; o && m < it->count; m++)
            set(b, o, it->measures[m], num_json(&it->values[m]));
    }

    json_t *apps = set(b, root, "applications", r->has_applications ? json_object() : json_null());
    if (r->has_applications && apps) {
        for (size_t i = 0; i < r->app_row_count; i++) {
            int row = r->app_rows[i];
            json_t *o = set(b, apps, gk_code(GK_TERM_ROW, row), json_object());
            for (int col = 0; o && col < GK_COL_COUNT; col++)
                set(b, o, gk_code(GK_TERM_COLUMN, col), num_json(&r->apps[row][col]));
        }
    }

    json_t *rl = set(b, root, "reviews_litigation", r->has_reviews ? json_object() : json_null());
    for (int g = 0; r->has_reviews && rl && g < GK_RL_GROUPS; g++) {
        json_t *o = set(b, rl, gk_code(GK_TERM_GROUP, g), json_object());
        for (int k = 0; o && k < GK_RL_RESULTS; k++)
            set(b, o, gk_code(GK_TERM_RESULT, k), num_json(&r->rl[g][k]));
    }
}

static void add_checks_and_diagnostics(builder *b, json_t *root, const gk_report *r)
{
    json_t *checks = set(b, root, "checks", json_array());
    for (size_t i = 0; checks && i < r->check_count; i++) {
        const gk_check *c = &r->checks[i];
        json_t *o = json_object();
        set(b, o, "rule", string_json(b, c->rule));
        set(b, o, "scope", string_json(b, c->scope));
        set(b, o, "status", json_string(gk_check_status_name(c->status)));
        set(b, o, "left", num_json(&c->left));
        set(b, o, "right", num_json(&c->right));
        if (c->sentence)
            set(b, o, "sentence", string_json(b, c->sentence));
        append(b, checks, o);
    }

    json_t *diags = set(b, root, "diagnostics", json_array());
    for (size_t i = 0; diags && i < r->diags.count; i++) {
        const gk_diagnostic *d = &r->diags.items[i];
        json_t *o = json_object();
        set(b, o, "severity", json_string(gk_severity_name(d->severity)));
        set(b, o, "where", string_json(b, d->where));
        set(b, o, "message", string_json(b, d->message));
        append(b, diags, o);
    }
    if (diags && r->diags.dropped) {
        json_t *o = json_object();
        set(b, o, "severity", json_string("warning"));
        set(b, o, "where", json_string("report"));
        set(b, o, "message", json_sprintf("%zu more diagnostics not listed", r->diags.dropped));
        append(b, diags, o);
    }

    json_t *prov = set(b, root, "provenance", json_array());
    for (size_t i = 0; prov && i < r->prov_count; i++) {
        json_t *o = json_object();
        set(b, o, "field", string_json(b, r->prov[i].field));
        set(b, o, "raw", string_json(b, r->prov[i].raw));
        append(b, prov, o);
    }
}

static json_t *build(const gk_report *r, builder *b)
{
    json_t *root = json_object();
    if (!root) {
        b->failed = true;
        return NULL;
    }
    set(b, root, "agency", str_or_null(b, r->agency));
    set(b, root, "year", r->year ? json_integer(r->year) : json_null());
    set(b, root, "key", str_or_null(b, r->key));
    set(b, root, "fingerprint", str_or_null(b, gk_report_fingerprint(r)));
    set(b, root, "template", json_string(gk_template_name(r->template_kind)));
    json_t *editions = set(b, root, "table_templates", json_object());
    if (editions) {
        set(b, editions, "active_disclosure", str_or_null(b, gk_edition_name(r->active_edition)));
        set(b, editions, "applications", str_or_null(b, gk_edition_name(r->apps_edition)));
    }
    set(b, root, "title", str_or_null(b, r->title));
    add_sections(b, root, r);
    add_tables(b, root, r);
    add_checks_and_diagnostics(b, root, r);
    json_t *src = set(b, root, "source", json_object());
    if (src) {
        set(b, src, "path", string_json(b, r->source_path ? r->source_path : ""));
        set(b, src, "format", string_json(b, r->source_format ? r->source_format : ""));
        set(b, src, "encoding", string_json(b, r->source_encoding ? r->source_encoding : ""));
    }
    return root;
}

/* jansson writes into our buffer directly: no second copy to add '\n'. */
static int to_buf(const char *text, size_t size, void *data)
{
    gk_buf *out = data;
    gk_buf_add(out, text, size);
    return out->failed ? -1 : 0;
}

static char *dump(const gk_report *r, size_t flags, gk_error *err)
{
    builder b = {false, NULL, NULL};
    json_t *root = build(r, &b);
    gk_buf out;
    gk_buf_init(&out);
    bool ok = !b.failed && json_dump_callback(root, to_buf, &out, flags | JSON_REAL_PRECISION(15)) == 0;
    json_decref(root);
    if (ok) {
        gk_buf_addc(&out, '\n');
        gk_json_escape_separators(&out); /* one record a line for any line splitter */
    }
    char *text = ok ? gk_buf_take(&out) : NULL;
    if (!text) {
        gk_buf_free(&out);
        if (b.defect)
            gk_error_set(err, GK_ERR_INTERNAL, "cannot build JSON: the string value of \"%s\" %s",
                         b.refused_key ? b.refused_key : "?", b.defect);
        else
            gk_error_set(err, GK_ERR_NOMEM, "cannot build JSON (out of memory)");
    }
    return text;
}

char *gk_report_to_json(const gk_report *r, gk_error *err) { return dump(r, JSON_INDENT(2), err); }

char *gk_report_to_json_line(const gk_report *r, gk_error *err) { return dump(r, JSON_COMPACT, err); }
