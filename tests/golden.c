/* golden.c — compares a converter output with a hand-written expected file,
 * field by field (docs/output.md, "Golden expectations"), and prints each
 * difference and the share of fields right.
 * Usage: golden [--quiet] ACTUAL.json EXPECTED.json; exit 1 on a difference. */
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static int compared, matched, nulled, quiet;

/* Per top-level key (active_disclosure, applications, …): fields compared
 * and right, for the per-section accuracy of `make corpus`. */
enum { MAX_PARTS = 32 };
static struct {
    char key[64];
    int compared, matched;
} parts[MAX_PARTS];
static int nparts;

static void count_part(const char *path, bool ok)
{
    char key[64];
    size_t n = strcspn(path, ".[");
    if (n >= sizeof key)
        n = sizeof key - 1;
    memcpy(key, path, n);
    key[n] = '\0';
    int i = 0;
    while (i < nparts && strcmp(parts[i].key, key) != 0)
        i++;
    if (i == nparts) {
        if (nparts == MAX_PARTS)
            return;
        snprintf(parts[nparts++].key, sizeof parts[0].key, "%s", key);
    }
    parts[i].compared++;
    parts[i].matched += ok;
}

static void report(const char *path, const char *what, json_t *exp, json_t *act)
{
    if (quiet)
        return;
    char *e = exp ? json_dumps(exp, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    char *a = act ? json_dumps(act, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    printf("  %s: %s (expected %s, got %s)\n", path, what, e ? e : "-", a ? a : "missing");
    free(e);
    free(a);
}

static void compare(const char *path, json_t *exp, json_t *act);

static void compare_leaf(const char *path, json_t *exp, json_t *act)
{
    compared++;
    bool same;
    if (json_is_number(exp) && json_is_number(act))
        same = fabs(json_number_value(exp) - json_number_value(act)) < 1e-9;
    else
        same = act && json_equal(exp, act);
    if (same)
        matched++;
    else if (json_is_number(exp) && json_is_null(act))
        nulled++, report(path, "left null", exp, act); /* flagged, not wrong */
    else
        report(path, "differs", exp, act);
    count_part(path, same);
}

static void compare(const char *path, json_t *exp, json_t *act)
{
    char sub[512];
    if (json_is_object(exp)) {
        if (!json_is_object(act)) {
            /* every leaf below counts as wrong */
            const char *k;
            json_t *v;
            json_object_foreach(exp, k, v)
            {
                snprintf(sub, sizeof sub, "%s.%s", path, k);
                compare(sub, v, NULL);
            }
            if (json_object_size(exp) == 0)
                compare_leaf(path, exp, act);
            return;
        }
        const char *k;
        json_t *v;
        json_object_foreach(exp, k, v)
        {
            if (k[0] == '_')
                continue; /* notes for people */
            snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", k);
            compare(sub, v, json_object_get(act, k));
        }
    } else if (json_is_array(exp) && json_is_array(act) && json_array_size(exp) == json_array_size(act)) {
        for (size_t i = 0; i < json_array_size(exp); i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            compare(sub, json_array_get(exp, i), json_array_get(act, i));
        }
        if (json_array_size(exp) == 0)
            compare_leaf(path, exp, act);
    } else {
        compare_leaf(path, exp, act);
    }
}

/* Each string of "diagnostics_mention" must occur in some diagnostic's
 * message: one field each, right when found. */
static void check_mentions(json_t *want, json_t *act)
{
    size_t i, k;
    json_t *w, *d;
    json_array_foreach(want, i, w)
    {
        const char *needle = json_string_value(w);
        bool found = false;
        json_array_foreach(json_object_get(act, "diagnostics"), k, d)
        {
            const char *msg = json_string_value(json_object_get(d, "message"));
            if (needle && msg && strstr(msg, needle))
                found = true;
        }
        compared++;
        matched += found;
        count_part("diagnostics_mention", found);
        if (!found)
            report("diagnostics_mention", "no diagnostic mentions it", w, NULL);
    }
}

/* The golden-only keys: failing_checks and section_titles. */
static json_t *derived(json_t *act, const char *key)
{
    json_t *out = json_array();
    if (!strcmp(key, "failing_checks")) {
        size_t i;
        json_t *c;
        json_array_foreach(json_object_get(act, "checks"), i, c)
        {
            if (!strcmp(json_string_value(json_object_get(c, "status")) ?: "", "fail")) {
                char buf[256];
                snprintf(buf, sizeof buf, "%s/%s", json_string_value(json_object_get(c, "rule")),
                         json_string_value(json_object_get(c, "scope")));
                json_array_append_new(out, json_string(buf));
            }
        }
    } else {
        size_t i;
        json_t *s;
        json_array_foreach(json_object_get(act, "sections"), i, s)
            json_array_append(out, json_object_get(s, "title"));
    }
    return out;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

static void sort_strings(json_t *arr)
{
    size_t n = json_array_size(arr);
    json_t *items[512];
    if (n > 512)
        return;
    for (size_t i = 0; i < n; i++)
        items[i] = json_incref(json_array_get(arr, i));
    qsort(items, n, sizeof items[0], cmp_str);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, items[i]);
}

int main(int argc, char **argv)
{
    int a = 1;
    if (argc > 1 && !strcmp(argv[1], "--quiet"))
        quiet = 1, a++;
    if (argc - a != 2) {
        fprintf(stderr, "usage: golden [--quiet] ACTUAL.json EXPECTED.json\n");
        return 2;
    }
    json_error_t e;
    json_t *act = json_load_file(argv[a], 0, &e);
    if (!act) {
        fprintf(stderr, "%s: %s (line %d)\n", argv[a], e.text, e.line);
        return 2;
    }
    json_t *exp = json_load_file(argv[a + 1], 0, &e);
    if (!exp) {
        fprintf(stderr, "%s: %s (line %d)\n", argv[a + 1], e.text, e.line);
        return 2;
    }
    static const char *const special[] = {"failing_checks", "section_titles"};
    for (size_t i = 0; i < 2; i++) {
        json_t *want = json_object_get(exp, special[i]);
        if (!want)
            continue;
        json_t *got = derived(act, special[i]);
        json_t *want_copy = json_deep_copy(want);
        if (i == 0) {
            sort_strings(got);
            sort_strings(want_copy);
        }
        compare_leaf(special[i], want_copy, got);
        json_decref(got);
        json_decref(want_copy);
        json_object_del(exp, special[i]);
    }
    json_t *mentions = json_object_get(exp, "diagnostics_mention");
    if (mentions) {
        check_mentions(mentions, act);
        json_object_del(exp, "diagnostics_mention");
    }
    compare("", exp, act);
    for (int i = 0; i < nparts; i++)
        printf("part %s %d/%d\n", parts[i].key, parts[i].matched, parts[i].compared);
    printf("%d/%d fields right, %d left null, %d wrong\n", matched, compared, nulled, compared - matched - nulled);
    json_decref(act);
    json_decref(exp);
    return matched == compared ? 0 : 1;
}
