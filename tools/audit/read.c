/* read.c — gkreport's output back in: JSON documents or JSONL lines, one
 * after another in a file, a directory of them, or standard input.  Each
 * report is kept as its key and numbers only, so memory grows with the
 * number of reports, not with their text. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit.h"
#include "gkreport.h"

/* One report of gkreport is a few hundred KB at most; anything far larger
 * is not one, and is refused rather than buffered without end. */
enum { MAX_OBJECT_BYTES = 64 << 20, READ_CHUNK = 1 << 20, CUT_MARGIN = 8 };

static int worse(int a, int b) { return a > b ? a : b; }

/* The codes of each kind, looked up once: gk_code() walks the vocabulary
 * on every call, and a report has some 250 values to place. */
static const char *codes[GK_TERM_KINDS][GK_APP_ROW_COUNT + GK_MEASURE_END];

static void load_codes(void)
{
    static const int counts[] = {[GK_TERM_ITEM] = GK_ITEM_COUNT, [GK_TERM_MEASURE] = GK_MEASURE_END,
                                 [GK_TERM_ROW] = GK_APP_ROW_COUNT, [GK_TERM_COLUMN] = GK_COL_COUNT,
                                 [GK_TERM_GROUP] = GK_RL_GROUPS, [GK_TERM_RESULT] = GK_RL_RESULTS};
    if (codes[GK_TERM_ITEM][0])
        return;
    for (int k = GK_TERM_ITEM; k <= GK_TERM_RESULT; k++)
        for (int i = 0; i < counts[k]; i++)
            codes[k][i] = gk_code((gk_term_kind)k, i);
}

/* The id of a code of `kind`, or -1.  gkreport writes codes in their
 * order, so the search starts after the last one found (*hint). */
static int code_id(gk_term_kind kind, int count, const char *code, int *hint)
{
    for (int n = 0; n < count; n++) {
        int i = (*hint + n) % count;
        if (strcmp(codes[kind][i], code) == 0) {
            *hint = i + 1;
            return i;
        }
    }
    return -1;
}

static void take_value(numbers *n, int field, json_t *v)
{
    if (json_is_number(v)) {
        n->present[field] = true;
        n->value[field] = json_number_value(v);
        n->decimal[field] = json_is_real(v);
    }
}

/* The three tables' numbers; unknown codes (extra_N rows) are left out. */
static void take_numbers(json_t *root, numbers *n)
{
    memset(n, 0, sizeof *n);
    load_codes();
    const char *k1, *k2;
    json_t *o1, *o2;
    int h1 = 0, h2 = 0;
    json_object_foreach(json_object_get(root, "active_disclosure"), k1, o1)
    {
        int item = code_id(GK_TERM_ITEM, GK_ITEM_COUNT, k1, &h1);
        if (item < 0)
            continue;
        json_object_foreach(o1, k2, o2)
        {
            int m = code_id(GK_TERM_MEASURE, GK_MEASURE_END, k2, &h2);
            if (m > 0)
                take_value(n, field_active(item, m), o2);
        }
    }
    json_object_foreach(json_object_get(root, "applications"), k1, o1)
    {
        int row = code_id(GK_TERM_ROW, GK_APP_ROW_COUNT, k1, &h1);
        if (row < 0)
            continue;
        json_object_foreach(o1, k2, o2)
        {
            int col = code_id(GK_TERM_COLUMN, GK_COL_COUNT, k2, &h2);
            if (col >= 0)
                take_value(n, field_apps(row, col), o2);
        }
    }
    json_object_foreach(json_object_get(root, "reviews_litigation"), k1, o1)
    {
        int g = code_id(GK_TERM_GROUP, GK_RL_GROUPS, k1, &h1);
        if (g < 0)
            continue;
        json_object_foreach(o1, k2, o2)
        {
            int k = code_id(GK_TERM_RESULT, GK_RL_RESULTS, k2, &h2);
            if (k >= 0)
                take_value(n, field_rl(g, k), o2);
        }
    }
}

/* The normalized agency of a report: its key's, or (output of a gkreport
 * without keys) its agency normalized here; NULL when it has none. */
static char *agency_of(json_t *root, int year, bool *nomem)
{
    const char *key = json_string_value(json_object_get(root, "key"));
    const char *slash = key ? strrchr(key, '/') : NULL;
    char *name = NULL;
    if (slash)
        name = strndup(key, (size_t)(slash - key));
    else if (json_is_string(json_object_get(root, "agency")) && year)
        name = gk_agency_normalize(json_string_value(json_object_get(root, "agency")));
    else
        return NULL;
    *nomem = !name;
    if (name && !*name) {
        free(name);
        return NULL;
    }
    return name;
}

/* Stores one decoded object; 0 or an AUDIT_EXIT_…. */
static int take_report(store *s, json_t *root, const char *input, size_t index)
{
    if (!json_is_object(root) || !json_object_get(root, "applications") || !json_object_get(root, "source")) {
        fprintf(stderr, "%s: object %zu is not a gkreport report (no applications or source)\n", input, index);
        return AUDIT_EXIT_UNRECOGNIZED;
    }
    report r = {NULL, UINT32_MAX, 0, false, 0, {{0}, {0}, NULL, 0}};
    const char *fp = json_string_value(json_object_get(root, "fingerprint"));
    char *end = NULL;
    if (fp && strlen(fp) == 16) {
        r.fingerprint = strtoull(fp, &end, 16);
        r.has_fingerprint = *end == '\0';
    }
    json_t *year = json_object_get(root, "year");
    r.year = json_is_integer(year) ? (int)json_integer_value(year) : 0;
    bool nomem = false;
    char *agency = agency_of(root, r.year, &nomem);
    if (agency) {
        r.agency = store_agency(s, agency);
        free(agency);
        nomem = r.agency == UINT32_MAX;
    }
    const char *src = json_string_value(json_object_get(json_object_get(root, "source"), "path"));
    char where[64];
    snprintf(where, sizeof where, "#%zu", index);
    size_t len = src && *src ? strlen(src) : strlen(input) + strlen(where);
    r.path = malloc(len + 1);
    if (r.path)
        snprintf(r.path, len + 1, "%s%s", src && *src ? src : input, src && *src ? "" : where);
    numbers *n = malloc(sizeof *n);
    bool ok = !nomem && r.path && n;
    if (ok) {
        take_numbers(root, n);
        ok = numbers_pack(n, &r.nums);
    }
    free(n);
    if (ok && r.agency == UINT32_MAX)
        s->without_key++;
    if (!ok || !store_add(s, &r)) {
        free(r.path);
        free(r.nums.blob);
        fprintf(stderr, "%s: out of memory\n", input);
        return AUDIT_EXIT_INTERNAL;
    }
    return 0;
}

/* Decodes every JSON object of a stream, buffered: an object cut by the
 * buffer's end is decoded again once more has been read. */
static int read_stream(store *s, FILE *f, const char *input)
{
    char *buf = NULL;
    size_t len = 0, off = 0, cap = 0, index = 0;
    bool eof = false;
    int rc = 0;
    for (;;) {
        while (off < len && strchr(" \t\r\n", buf[off]))
            off++;
        if (off == len && eof)
            break;
        json_error_t e;
        json_t *root = off < len ? json_loadb(buf + off, len - off, JSON_DISABLE_EOF_CHECK, &e) : NULL;
        if (root) {
            off += (size_t)e.position;
            rc = worse(rc, take_report(s, root, input, ++index));
            json_decref(root);
            if (rc == AUDIT_EXIT_INTERNAL)
                break;
            continue;
        }
        /* An error within the last few bytes read may be the buffer's end
         * cutting a value, a literal or a UTF-8 sequence short. */
        bool at_end = off == len || (size_t)e.position + CUT_MARGIN >= len - off;
        if (!at_end || eof) {
            fprintf(stderr, "%s: not JSON at byte %zu: %s\n", input, off + (off < len ? (size_t)e.position : 0),
                    off < len ? e.text : "end of input");
            rc = worse(rc, AUDIT_EXIT_UNRECOGNIZED);
            break;
        }
        /* the object goes on past what was read: keep its start, read more */
        if (off > 0) {
            memmove(buf, buf + off, len - off);
            len -= off;
            off = 0;
        }
        if (len + READ_CHUNK + 1 > cap) {
            if (len > MAX_OBJECT_BYTES) {
                fprintf(stderr, "%s: an object over %d MiB is not a gkreport report\n", input, MAX_OBJECT_BYTES >> 20);
                rc = worse(rc, AUDIT_EXIT_UNRECOGNIZED);
                break;
            }
            size_t ncap = (len + READ_CHUNK + 1) * 2;
            char *p = realloc(buf, ncap);
            if (!p) {
                fprintf(stderr, "%s: out of memory\n", input);
                rc = AUDIT_EXIT_INTERNAL;
                break;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, READ_CHUNK, f);
        len += got;
        if (got < READ_CHUNK) {
            if (ferror(f)) {
                fprintf(stderr, "%s: cannot read: %s\n", input, strerror(errno));
                rc = worse(rc, AUDIT_EXIT_UNREADABLE);
                break;
            }
            eof = true;
        }
    }
    free(buf);
    return rc;
}

static bool wanted(const char *name)
{
    const char *dot = strrchr(name, '.');
    return name[0] != '.' && dot && (strcmp(dot, ".json") == 0 || strcmp(dot, ".jsonl") == 0);
}

static int read_dir(store *s, const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return errno == ENOMEM ? AUDIT_EXIT_INTERNAL : AUDIT_EXIT_UNREADABLE;
    }
    int rc = 0;
    struct dirent *e;
    while (rc != AUDIT_EXIT_INTERNAL && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = malloc(n);
        if (!child) {
            fprintf(stderr, "%s: out of memory\n", path);
            rc = AUDIT_EXIT_INTERNAL;
            break;
        }
        snprintf(child, n, "%s/%s", path, e->d_name);
        struct stat st;
        if (stat(child, &st) == 0 && S_ISDIR(st.st_mode))
            rc = worse(rc, read_dir(s, child));
        else if (wanted(e->d_name))
            rc = worse(rc, read_input(s, child));
        free(child);
    }
    closedir(d);
    return rc;
}

int read_input(store *s, const char *path)
{
    if (strcmp(path, "-") == 0)
        return read_stream(s, stdin, "-");
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return read_dir(s, path);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return errno == ENOMEM ? AUDIT_EXIT_INTERNAL : AUDIT_EXIT_UNREADABLE;
    }
    int rc = read_stream(s, f, path);
    fclose(f);
    return rc;
}
