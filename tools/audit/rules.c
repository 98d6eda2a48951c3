/* rules.c — the rules across reports (docs/audit.md): the reports sorted
 * by agency, year and path; each agency walked year by year, keeping only
 * the previous year's numbers, so the pass needs no more memory than the
 * store. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "indicators.h"

static const uint32_t *agency_rank; /* qsort has no context argument */

static int by_agency_year_path(const void *pa, const void *pb)
{
    const report *a = pa, *b = pb;
    uint32_t ra = a->agency == UINT32_MAX ? UINT32_MAX : agency_rank[a->agency];
    uint32_t rb = b->agency == UINT32_MAX ? UINT32_MAX : agency_rank[b->agency];
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return strcmp(a->path, b->path);
}

static char **sorted_names;
static int by_name(const void *pa, const void *pb)
{
    return strcmp(sorted_names[*(const uint32_t *)pa], sorted_names[*(const uint32_t *)pb]);
}

static bool sort_reports(store *s)
{
    uint32_t *order = malloc((s->agency_count + 1) * sizeof *order);
    uint32_t *rank = malloc((s->agency_count + 1) * sizeof *rank);
    if (!order || !rank) {
        free(order);
        free(rank);
        return false;
    }
    for (uint32_t i = 0; i < s->agency_count; i++)
        order[i] = i;
    sorted_names = s->agencies;
    if (s->agency_count)
        qsort(order, s->agency_count, sizeof *order, by_name);
    for (uint32_t i = 0; i < s->agency_count; i++)
        rank[order[i]] = i;
    agency_rank = rank;
    if (s->count) /* (qsort's base may not be NULL, even for nothing) */
        qsort(s->reports, s->count, sizeof *s->reports, by_agency_year_path);
    free(order);
    free(rank);
    return true;
}

/* One agency-year: its reports [first, first + count) merged. */
typedef struct {
    const report *first;
    size_t count;
    int year;
    numbers n;
    const char **paths;
} year_group;

/* The group's numbers: each field the first non-null value; a field the
 * duplicates give two different values is null (and named by
 * duplicate.agree).  differ[f] is set for those. */
static void merge(year_group *g, bool *differ, numbers *tmp)
{
    memset(&g->n, 0, sizeof g->n);
    memset(differ, 0, FIELD_COUNT);
    for (size_t i = 0; i < g->count; i++) {
        numbers_unpack(&g->first[i].nums, tmp);
        for (int f = 0; f < FIELD_COUNT; f++) {
            if (!tmp->present[f])
                continue;
            if (!g->n.present[f]) {
                g->n.present[f] = true;
                g->n.value[f] = tmp->value[f];
                g->n.decimal[f] = tmp->decimal[f];
            } else if (g->n.value[f] != tmp->value[f]) {
                differ[f] = true;
            }
        }
    }
    for (int f = 0; f < FIELD_COUNT; f++)
        if (differ[f])
            g->n.present[f] = false;
}

static finding base(const char *rule, const char *agency, const year_group *g)
{
    finding f = {0};
    f.rule = rule;
    f.agency = agency;
    f.years[0] = g->year;
    f.year_count = 1;
    f.reports = g->paths;
    f.report_count = g->count;
    return f;
}

/* duplicate.agree: the fields that differ, each with every report's value. */
static bool duplicate_agree(finding_writer *w, const char *agency, const year_group *g, const bool *differ,
                            numbers *tmp)
{
    finding f = base("duplicate.agree", agency, g);
    int first = -1;
    for (int k = 0; k < FIELD_COUNT && first < 0; k++)
        if (differ[k])
            first = k;
    char scope[128] = "all";
    char *differs = NULL;
    size_t differs_len = 0;
    if (first >= 0) {
        FILE *m = open_memstream(&differs, &differs_len);
        if (!m)
            return false;
        fputc('[', m);
        bool any = false;
        for (int k = first; k < FIELD_COUNT; k++) {
            if (!differ[k])
                continue;
            char name[128], num[64];
            field_name(k, name, sizeof name);
            fprintf(m, "%s{\"field\": \"%s\", \"values\": [", any ? ", " : "", name);
            any = true;
            bool have_left = false;
            for (size_t i = 0; i < g->count; i++) {
                numbers_unpack(&g->first[i].nums, tmp);
                if (tmp->present[k])
                    format_number(tmp->value[k], num, sizeof num);
                fprintf(m, "%s%s", i ? ", " : "", tmp->present[k] ? num : "null");
                if (k == first && tmp->present[k]) {
                    if (!have_left) {
                        f.left = tmp->value[k];
                        have_left = f.has_left = true;
                    } else if (!f.has_right && tmp->value[k] != f.left) {
                        f.right = tmp->value[k];
                        f.has_right = true;
                    }
                }
            }
            fputs("]}", m);
        }
        fputc(']', m);
        if (fclose(m) != 0) {
            free(differs);
            return false;
        }
        field_name(first, scope, sizeof scope);
        f.status = ST_FAIL;
    }
    f.scope = scope;
    f.differs = differs;
    finding_write(w, &f);
    free(differs);
    return true;
}

/* left = right, each side a sum of signed fields of this year (cur) or
 * the last (prev); skipped when one is null. */
typedef struct {
    int field;
    int sign;      /* +1 or -1 */
    bool previous; /* the field of year Y-1 */
} term;

static void pair_rule(finding_writer *w, const char *rule, const char *scope, const char *agency,
                      const year_group *prev, const year_group *cur, const term *left, size_t nl,
                      const term *right, size_t nr, const char **paths)
{
    finding f = {0};
    f.rule = rule;
    f.agency = agency;
    f.years[0] = prev->year;
    f.years[1] = cur->year;
    f.year_count = 2;
    f.scope = scope;
    const term *sides[2] = {left, right};
    size_t counts[2] = {nl, nr};
    bool known[2];
    double sum[2];
    for (int s = 0; s < 2; s++) {
        known[s] = true;
        sum[s] = 0;
        for (size_t i = 0; i < counts[s]; i++) {
            const numbers *n = sides[s][i].previous ? &prev->n : &cur->n;
            if (!n->present[sides[s][i].field])
                known[s] = false;
            else
                sum[s] += sides[s][i].sign * n->value[sides[s][i].field];
        }
    }
    f.has_left = known[0];
    f.left = sum[0];
    f.has_right = known[1];
    f.right = sum[1];
    f.status = !known[0] || !known[1] ? ST_SKIPPED : sum[0] == sum[1] ? ST_PASS : ST_FAIL;
    for (size_t i = 0; i < prev->count; i++)
        paths[i] = prev->paths[i];
    for (size_t i = 0; i < cur->count; i++)
        paths[prev->count + i] = cur->paths[i];
    f.reports = paths;
    f.report_count = prev->count + cur->count;
    finding_write(w, &f);
}

static bool cross_year(finding_writer *w, const char *agency, const year_group *prev, const year_group *cur)
{
    const char **paths = malloc((prev->count + cur->count) * sizeof *paths);
    if (!paths)
        return false;
    for (int col = 0; col < GK_COL_COUNT; col++) {
        term l[] = {{field_apps(GK_ROW_CARRIED_OVER, col), 1, false}};
        term r[] = {{field_apps(GK_ROW_CARRIED_FORWARD, col), 1, true}};
        pair_rule(w, "cross_year.carried_over", gk_code(GK_TERM_COLUMN, col), agency, prev, cur, l, 1, r, 1,
                  paths);
    }
    static const int documents[] = {GK_ITEM_REGULATIONS, GK_ITEM_NORMATIVE_DOCUMENTS};
    for (size_t i = 0; i < 2; i++) {
        int it = documents[i];
        term l[] = {{field_active(it, GK_MEASURE_IN_FORCE), 1, false}};
        term r[] = {{field_active(it, GK_MEASURE_IN_FORCE), 1, true},
                    {field_active(it, GK_MEASURE_ISSUED), 1, false},
                    {field_active(it, GK_MEASURE_REPEALED), -1, false}};
        pair_rule(w, "cross_year.in_force", gk_code(GK_TERM_ITEM, it), agency, prev, cur, l, 1, r, 3, paths);
    }
    static const int counted[] = {GK_ITEM_LICENSING, GK_ITEM_OTHER_SERVICES, GK_ITEM_PENALTY, GK_ITEM_ENFORCEMENT,
                                  GK_ITEM_FEES};
    for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++) {
        int it = counted[i];
        term l[] = {{field_active(it, GK_MEASURE_PREVIOUS_ITEMS), 1, false}};
        term r[] = {{field_active(it, GK_MEASURE_PREVIOUS_ITEMS), 1, true},
                    {field_active(it, GK_MEASURE_CHANGE), 1, true}};
        pair_rule(w, "cross_year.items", gk_code(GK_TERM_ITEM, it), agency, prev, cur, l, 1, r, 2, paths);
    }
    free(paths);
    return true;
}

/* coverage.missing_year: a fail per year missing between two reported
 * ones (left and right the years around the gap), else one pass. */
static void coverage(finding_writer *w, const char *agency, const int *years, const char **edge_paths,
                     size_t ngroups)
{
    bool gap = false;
    for (size_t i = 1; i < ngroups; i++)
        for (int y = years[i - 1] + 1; y < years[i]; y++) {
            const char *around[2] = {edge_paths[2 * (i - 1) + 1], edge_paths[2 * i]};
            finding f = {0};
            f.rule = "coverage.missing_year";
            f.status = ST_FAIL;
            f.agency = agency;
            f.years[0] = y;
            f.year_count = 1;
            f.scope = "year";
            f.has_left = f.has_right = true;
            f.left = years[i - 1];
            f.right = years[i];
            f.reports = around;
            f.report_count = 2;
            finding_write(w, &f);
            gap = true;
        }
    if (!gap) {
        const char *ends[2] = {edge_paths[0], edge_paths[2 * ngroups - 1]};
        finding f = {0};
        f.rule = "coverage.missing_year";
        f.status = ST_PASS;
        f.agency = agency;
        f.years[0] = years[0];
        f.years[1] = years[ngroups - 1];
        f.year_count = ngroups > 1 ? 2 : 1;
        f.scope = "year";
        f.reports = ends;
        f.report_count = ngroups > 1 ? 2 : 1;
        finding_write(w, &f);
    }
}

typedef struct {
    year_group g[2]; /* the previous year and this one, alternately */
    bool differ[FIELD_COUNT];
    numbers tmp;
    int *years;
    const char **edges; /* each year's first and last path, for coverage */
    size_t cap;
} agency_state;

static bool one_agency(finding_writer *w, FILE *ind, const char *agency, const report *r, size_t n,
                       agency_state *st)
{
    size_t ngroups = 0;
    year_group *prev = NULL;
    bool ok = true;
    for (size_t i = 0; i < n && ok;) {
        size_t j = i;
        while (j < n && r[j].year == r[i].year)
            j++;
        year_group *cur = &st->g[ngroups % 2];
        free(cur->paths);
        cur->paths = malloc((j - i) * sizeof *cur->paths);
        if (ngroups == st->cap) {
            size_t cap = st->cap ? st->cap * 2 : 16;
            int *y = realloc(st->years, cap * sizeof *y);
            if (y)
                st->years = y;
            const char **e = y ? realloc(st->edges, 2 * cap * sizeof *e) : NULL;
            if (e)
                st->edges = e;
            if (!y || !e)
                return false;
            st->cap = cap;
        }
        if (!cur->paths)
            return false;
        cur->first = &r[i];
        cur->count = j - i;
        cur->year = r[i].year;
        for (size_t k = 0; k < cur->count; k++)
            cur->paths[k] = r[i + k].path;
        merge(cur, st->differ, &st->tmp);
        if (cur->count > 1)
            ok = duplicate_agree(w, agency, cur, st->differ, &st->tmp);
        if (ok && prev && prev->year == cur->year - 1)
            ok = cross_year(w, agency, prev, cur);
        if (ind)
            indicators_write(ind, agency, cur->year, cur->count, &cur->n);
        st->years[ngroups] = cur->year;
        st->edges[2 * ngroups] = r[i].path;
        st->edges[2 * ngroups + 1] = r[j - 1].path;
        ngroups++;
        prev = cur;
        i = j;
    }
    if (ok && ngroups)
        coverage(w, agency, st->years, st->edges, ngroups);
    return ok;
}

bool audit_run(store *s, finding_writer *w, FILE *ind)
{
    if (!sort_reports(s))
        return false;
    agency_state *st = calloc(1, sizeof *st);
    if (!st)
        return false;
    if (ind)
        indicators_header(ind);
    bool ok = true;
    for (size_t i = 0; i < s->count && ok && s->reports[i].agency != UINT32_MAX;) {
        size_t j = i;
        while (j < s->count && s->reports[j].agency == s->reports[i].agency)
            j++;
        ok = one_agency(w, ind, s->agencies[s->reports[i].agency], &s->reports[i], j - i, st);
        i = j;
    }
    free(st->g[0].paths);
    free(st->g[1].paths);
    free(st->years);
    free(st->edges);
    free(st);
    return ok;
}
