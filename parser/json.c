/* json.c — the report as JSON (jansson), keys in the fixed order of
 * docs/output.md, no timestamps: the same input gives the same bytes. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static json_t *num_json(const gk_num *n)
{
    if (!n->present)
        return json_null();
    if (n->decimal)
        return json_real(n->value);
    return json_integer((json_int_t)n->value);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static const char *severity_name(gk_severity s)
{
    return s == GK_SEV_ERROR ? "error" : s == GK_SEV_WARNING ? "warning" : "info";
}

static const char *status_name(int s) { return s == 0 ? "pass" : s == 1 ? "fail" : "skipped"; }

static json_t *build(const gk_report *r)
{
    json_t *root = json_object();
    json_object_set_new(root, "agency", str_or_null(r->agency));
    json_object_set_new(root, "year", r->year ? json_integer(r->year) : json_null());
    json_object_set_new(root, "template", json_string(gk_template_name(r->template_kind)));
    json_object_set_new(root, "title", str_or_null(r->title));

    json_t *sections = json_array();
    for (size_t i = 0; i < r->section_count; i++) {
        json_t *s = json_object();
        json_object_set_new(s, "number", json_integer(r->sections[i].number));
        json_object_set_new(s, "title", json_string(r->sections[i].title));
        json_object_set_new(s, "text", json_string(r->sections[i].text));
        json_array_append_new(sections, s);
    }
    json_object_set_new(root, "sections", sections);

    if (r->has_active) {
        json_t *active = json_object();
        for (size_t i = 0; i < r->item_count; i++) {
            const gk_item *it = &r->items[i];
            json_t *o = json_object();
            if (it->label)
                json_object_set_new(o, "label", json_string(it->label));
            for (size_t m = 0; m < it->count; m++)
                json_object_set_new(o, it->measures[m], num_json(&it->values[m]));
            json_object_set_new(active, it->code, o);
        }
        json_object_set_new(root, "active_disclosure", active);
    } else {
        json_object_set_new(root, "active_disclosure", json_null());
    }

    if (r->has_applications) {
        json_t *apps = json_object();
        const int *rows;
        size_t n = gk_template_rows(r->template_kind, &rows);
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            for (int col = 0; col < GK_COL_COUNT; col++)
                json_object_set_new(o, gk_col_codes[col], num_json(&r->apps[rows[i]][col]));
            json_object_set_new(apps, gk_app_row_codes[rows[i]], o);
        }
        json_object_set_new(root, "applications", apps);
    } else {
        json_object_set_new(root, "applications", json_null());
    }

    if (r->has_reviews) {
        json_t *rl = json_object();
        for (int g = 0; g < GK_RL_GROUPS; g++) {
            json_t *o = json_object();
            for (int k = 0; k < GK_RL_RESULTS; k++)
                json_object_set_new(o, gk_rl_result_codes[k], num_json(&r->rl[g][k]));
            json_object_set_new(rl, gk_rl_group_codes[g], o);
        }
        json_object_set_new(root, "reviews_litigation", rl);
    } else {
        json_object_set_new(root, "reviews_litigation", json_null());
    }

    json_t *checks = json_array();
    for (size_t i = 0; i < r->check_count; i++) {
        const gk_check *c = &r->checks[i];
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(c->rule));
        json_object_set_new(o, "scope", json_string(c->scope));
        json_object_set_new(o, "status", json_string(status_name(c->status)));
        json_object_set_new(o, "left", num_json(&c->left));
        json_object_set_new(o, "right", num_json(&c->right));
        json_array_append_new(checks, o);
    }
    json_object_set_new(root, "checks", checks);

    json_t *diags = json_array();
    for (size_t i = 0; i < r->diags.count; i++) {
        const gk_diagnostic *d = &r->diags.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "severity", json_string(severity_name(d->severity)));
        json_object_set_new(o, "where", json_string(d->where));
        json_object_set_new(o, "message", json_string(d->message));
        json_array_append_new(diags, o);
    }
    if (r->diags.dropped) {
        json_t *o = json_object();
        json_object_set_new(o, "severity", json_string("warning"));
        json_object_set_new(o, "where", json_string("report"));
        json_object_set_new(o, "message", json_sprintf("%zu more diagnostics not listed", r->diags.dropped));
        json_array_append_new(diags, o);
    }
    json_object_set_new(root, "diagnostics", diags);

    json_t *prov = json_array();
    for (size_t i = 0; i < r->prov_count; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "field", json_string(r->prov[i].field));
        json_object_set_new(o, "raw", json_string(r->prov[i].raw));
        json_array_append_new(prov, o);
    }
    json_object_set_new(root, "provenance", prov);

    json_t *src = json_object();
    json_object_set_new(src, "path", json_string(r->source_path ? r->source_path : ""));
    json_object_set_new(src, "format", json_string(r->source_format ? r->source_format : ""));
    json_object_set_new(src, "encoding", json_string(r->source_encoding ? r->source_encoding : ""));
    json_object_set_new(root, "source", src);
    return root;
}

static char *dump(const gk_report *r, size_t flags, gk_error *err)
{
    json_t *root = build(r);
    char *s = root ? json_dumps(root, flags | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(root);
    if (!s) {
        gk_error_set(err, GK_ERR_NOMEM, "cannot build JSON (out of memory or invalid UTF-8)");
        return NULL;
    }
    size_t n = strlen(s);
    char *out = malloc(n + 2);
    if (!out) {
        free(s);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    free(s);
    return out;
}

char *gk_report_to_json(const gk_report *r, gk_error *err) { return dump(r, JSON_INDENT(2), err); }

char *gk_report_to_json_line(const gk_report *r, gk_error *err) { return dump(r, JSON_COMPACT, err); }
