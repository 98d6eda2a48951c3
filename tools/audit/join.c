/* join.c — a report whose agency could not be read (an article page
 * without title or signature) is still the same report as its other forms:
 * it takes their key when its fingerprint names one agency-year alone.
 * Reports whose tables are all zeros share one fingerprint across many
 * agencies: for them no single key is found, and nothing is guessed. */
#include <stdlib.h>

#include "audit.h"

typedef struct {
    uint64_t fingerprint;
    uint32_t agency;
    int year;
} keyed;

static int by_fingerprint(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->fingerprint != b->fingerprint)
        return a->fingerprint < b->fingerprint ? -1 : 1;
    if (a->agency != b->agency)
        return a->agency < b->agency ? -1 : 1;
    return (a->year > b->year) - (a->year < b->year);
}

/* The one agency-year with fingerprint fp (and year, when known) among
 * k[0, n), sorted; false when none or several. */
static bool only_key(const keyed *k, size_t n, uint64_t fp, int year, uint32_t *agency, int *found_year)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first entry with fp */
        size_t mid = lo + (hi - lo) / 2;
        if (k[mid].fingerprint < fp)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool one = false;
    for (size_t i = lo; i < n && k[i].fingerprint == fp; i++) {
        if (year && k[i].year != year)
            continue;
        if (one && (k[i].agency != *agency || k[i].year != *found_year))
            return false;
        *agency = k[i].agency;
        *found_year = k[i].year;
        one = true;
    }
    return one;
}

bool store_join_by_fingerprint(store *s)
{
    if (!s->without_key)
        return true;
    keyed *k = malloc((s->count - s->without_key + 1) * sizeof *k);
    if (!k)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < s->count; i++)
        if (s->reports[i].agency != UINT32_MAX && s->reports[i].has_fingerprint)
            k[n++] = (keyed){s->reports[i].fingerprint, s->reports[i].agency, s->reports[i].year};
    if (n)
        qsort(k, n, sizeof *k, by_fingerprint);
    for (size_t i = 0; i < s->count; i++) {
        report *r = &s->reports[i];
        if (r->agency != UINT32_MAX)
            continue;
        uint32_t agency;
        int year;
        if (r->has_fingerprint && only_key(k, n, r->fingerprint, r->year, &agency, &year)) {
            r->agency = agency;
            r->year = year;
            s->without_key--;
            fprintf(stderr, "%s: no agency or year: taken as %s/%d, the one agency-year with its fingerprint\n",
                    r->path, s->agencies[agency], year);
        } else {
            fprintf(stderr, "%s: no agency or year: left out of every rule\n", r->path);
        }
    }
    free(k);
    return true;
}
