/* store.c — the reports read so far (path, agency, year and packed
 * numbers: a bounded record each, whatever the report's size), the
 * agencies' names interned once, and the --aliases map. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "gkreport.h"

void store_init(store *s) { memset(s, 0, sizeof *s); }

void store_free(store *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->reports[i].path);
        free(s->reports[i].nums.blob);
    }
    free(s->reports);
    for (size_t i = 0; i < s->agency_count; i++)
        free(s->agencies[i]);
    free(s->agencies);
    free(s->slots);
    for (size_t i = 0; i < s->alias_count; i++) {
        free(s->alias_from[i]);
        free(s->alias_to[i]);
    }
    free(s->alias_from);
    free(s->alias_to);
}

static uint64_t hash(const char *str)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)str; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return h;
}

static bool grow_slots(store *s)
{
    size_t cap = s->slot_cap ? s->slot_cap * 2 : 1024;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->agency_count; i++) {
        size_t j = hash(s->agencies[i]) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->slot_cap = cap;
    return true;
}

static const char *canonical(const store *s, const char *name)
{
    for (size_t i = 0; i < s->alias_count; i++)
        if (strcmp(s->alias_from[i], name) == 0)
            return s->alias_to[i];
    return name;
}

uint32_t store_agency(store *s, const char *normalized)
{
    const char *name = canonical(s, normalized);
    if (s->agency_count * 2 >= s->slot_cap && !grow_slots(s))
        return UINT32_MAX;
    size_t j = hash(name) & (s->slot_cap - 1);
    while (s->slots[j]) {
        if (strcmp(s->agencies[s->slots[j] - 1], name) == 0)
            return s->slots[j] - 1;
        j = (j + 1) & (s->slot_cap - 1);
    }
    if (s->agency_count == s->agency_cap) {
        size_t cap = s->agency_cap ? s->agency_cap * 2 : 256;
        char **p = realloc(s->agencies, cap * sizeof *p);
        if (!p)
            return UINT32_MAX;
        s->agencies = p;
        s->agency_cap = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return UINT32_MAX;
    s->agencies[s->agency_count] = copy;
    s->slots[j] = (uint32_t)++s->agency_count;
    return (uint32_t)(s->agency_count - 1);
}

bool store_add(store *s, report *r)
{
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        report *p = realloc(s->reports, cap * sizeof *p);
        if (!p)
            return false;
        s->reports = p;
        s->cap = cap;
    }
    s->reports[s->count++] = *r;
    return true;
}

/* One CSV field of a simple line (no quoted commas in agency names):
 * surrounding quotes dropped. */
static char *csv_field(const char *start, size_t len)
{
    if (len >= 2 && start[0] == '"' && start[len - 1] == '"') {
        start++;
        len -= 2;
    }
    char *raw = strndup(start, len);
    if (!raw)
        return NULL;
    char *norm = gk_agency_normalize(raw);
    free(raw);
    return norm;
}

static int add_alias(store *s, char *from, char *to)
{
    char **f = realloc(s->alias_from, (s->alias_count + 1) * sizeof *f);
    if (f)
        s->alias_from = f;
    char **t = f ? realloc(s->alias_to, (s->alias_count + 1) * sizeof *t) : NULL;
    if (t)
        s->alias_to = t;
    if (!f || !t) {
        free(from);
        free(to);
        return AUDIT_EXIT_INTERNAL;
    }
    s->alias_from[s->alias_count] = from;
    s->alias_to[s->alias_count++] = to;
    return 0;
}

int store_load_aliases(store *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return AUDIT_EXIT_UNREADABLE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    for (unsigned lineno = 1; rc == 0 && (n = getline(&line, &cap, f)) >= 0; lineno++) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#' || (lineno == 1 && strcmp(line, "alias,canonical") == 0))
            continue;
        char *comma = strchr(line, ',');
        if (!comma) {
            fprintf(stderr, "%s:%u: not 'alias,canonical'\n", path, lineno);
            rc = AUDIT_EXIT_UNRECOGNIZED;
            break;
        }
        char *from = csv_field(line, (size_t)(comma - line));
        char *to = csv_field(comma + 1, strlen(comma + 1));
        if (!from || !to) {
            free(from);
            free(to);
            rc = AUDIT_EXIT_INTERNAL;
        } else {
            rc = add_alias(s, from, to);
        }
    }
    if (rc == 0 && ferror(f)) {
        fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
        rc = AUDIT_EXIT_UNREADABLE;
    }
    if (rc == AUDIT_EXIT_INTERNAL)
        fprintf(stderr, "%s: out of memory\n", path);
    free(line);
    fclose(f);
    return rc;
}
