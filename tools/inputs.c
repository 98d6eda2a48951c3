/* inputs.c — what to convert: FILE arguments, directories walked with -r
 * (by content type, hidden and Office temporary files skipped) and lists
 * read with --files-from. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

/* An input list cut short would leave inputs unconverted and unsaid:
 * running out of memory while collecting them stops the run. */
static int out_of_memory(const char *where)
{
    fprintf(stderr, "gkreport: out of memory collecting the inputs (at %s)\n", where);
    return EXIT_INTERNAL;
}

static int add(input_list *list, const char *path, const char *out_name)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        input *p = realloc(list->items, cap * sizeof *p);
        if (!p)
            return out_of_memory(path);
        list->items = p;
        list->cap = cap;
    }
    input *in = &list->items[list->count];
    in->path = strdup(path);
    in->out_name = strdup(out_name);
    if (!in->path || !in->out_name) {
        free(in->path);
        free(in->out_name);
        return out_of_memory(path);
    }
    list->count++;
    return 0;
}

static const char *base_name(const char *path)
{
    if (strcmp(path, "-") == 0)
        return "stdin";
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static bool has_ext(const char *name, const char *const *exts)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return false;
    for (size_t i = 0; exts[i]; i++)
        if (strcasecmp(dot + 1, exts[i]) == 0)
            return true;
    return false;
}

/* A report by content: known extensions, or the first bytes of a ZIP or of
 * HTML for files named otherwise.  Our own outputs are never inputs.
 * 1 yes, 0 no, -1 out of memory opening it: not to be taken for a no. */
static int looks_like_report(const char *path, const char *name)
{
#ifdef GK_WITH_PDF /* a build without MuPDF leaves PDFs alone, as before */
    static const char *const report_exts[] = {"docx", "html", "htm", "shtml", "xhtml", "txt", "tsv", "pdf", NULL};
    static const char *const never[] = {"json", "jsonl", "xml", "csv", "doc", "xls", "xlsx", "png",
                                        "jpg", "jpeg", "gif", "zip", "gz", "tmp", NULL};
#else
    static const char *const report_exts[] = {"docx", "html", "htm", "shtml", "xhtml", "txt", "tsv", NULL};
    static const char *const never[] = {"json", "jsonl", "xml", "csv", "pdf", "doc", "xls", "xlsx", "png",
                                        "jpg", "jpeg", "gif", "zip", "gz", "tmp", NULL};
#endif
    if (has_ext(name, report_exts))
        return 1;
    if (has_ext(name, never))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOMEM ? -1 : 0;
    char head[512];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
        return 1;
#ifdef GK_WITH_PDF
    if (n >= 5 && memcmp(head, "%PDF-", 5) == 0)
        return 1;
#endif
    for (size_t i = 0; i < n; i++)
        if (head[i] == '<' && (strncasecmp(head + i, "<html", 5) == 0 || strncasecmp(head + i, "<table", 6) == 0 ||
                               strncasecmp(head + i, "<!doctype html", 14) == 0))
            return 1;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir but hidden ones, . and .., and Word's lock files
 * ("~$report.docx"), sorted (a deterministic order) into *names, *count.
 * 0, or the exit status, said: an unreadable directory, out of memory. */
static int dir_names(const char *dir, char ***names, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d && errno == ENOMEM)
        return out_of_memory(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open directory: %s\n", dir, strerror(errno));
        return EXIT_UNREADABLE;
    }
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d))) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, "~$", 2) == 0)
            continue;
        if (n == cap) {
            char **p = realloc(v, (cap ? cap * 2 : 64) * sizeof *p);
            if (!(ok = p != NULL))
                break;
            v = p;
            cap = cap ? cap * 2 : 64;
        }
        if ((ok = (v[n] = strdup(e->d_name)) != NULL))
            n++;
    }
    closedir(d);
    if (!ok) {
        while (n)
            free(v[--n]);
        free(v);
        return out_of_memory(dir);
    }
    qsort(v, n, sizeof *v, name_cmp);
    *names = v;
    *count = n;
    return 0;
}

static int walk(input_list *list, const char *dir, const char *rel, int depth);

/* One entry of a walked directory: a report is added, a directory walked. */
static int visit(input_list *list, const char *dir, const char *rel, const char *name, int depth)
{
    size_t pl = strlen(dir) + strlen(name) + 2, rl = strlen(rel) + strlen(name) + 2;
    char *path = malloc(pl), *sub = malloc(rl);
    int rc = 0;
    if (!path || !sub) {
        rc = out_of_memory(dir);
    } else {
        snprintf(path, pl, "%s/%s", dir, name);
        snprintf(sub, rl, "%s%s%s", rel, *rel ? "/" : "", name);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                rc = walk(list, path, sub, depth + 1);
            else if (S_ISREG(st.st_mode))
                switch (looks_like_report(path, name)) {
                case 1: rc = add(list, path, sub); break;
                case -1: rc = out_of_memory(path); break;
                }
        }
    }
    free(path);
    free(sub);
    return rc;
}

/* Walks dir in name order, adding reports found below it with their path
 * relative to the walk's root.  Out of memory ends the walk: the list
 * would be incomplete. */
static int walk(input_list *list, const char *dir, const char *rel, int depth)
{
    if (depth > 64)
        return 0; /* a symlink loop or an absurd tree */
    char **names = NULL;
    size_t n = 0;
    int rc = dir_names(dir, &names, &n);
    for (size_t i = 0; i < n; i++) {
        if (rc != EXIT_INTERNAL) {
            int r = visit(list, dir, rel, names[i], depth);
            rc = r > rc ? r : rc;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int inputs_add_arg(input_list *list, const char *arg, bool recursive)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "%s: is a directory (use -r to convert the reports below it)\n", arg);
            return EXIT_USAGE;
        }
        size_t len = strlen(arg);
        char *root = strdup(arg);
        if (!root)
            return out_of_memory(arg);
        while (len > 1 && root[len - 1] == '/')
            root[--len] = '\0';
        int rc = walk(list, root, "", 0);
        free(root);
        return rc;
    }
    /* A missing file is kept: converting it reports "cannot open". */
    return add(list, arg, base_name(arg));
}

/* "./a/../b.html" → "a/__/b.html": output names stay inside -o DIR. */
static char *safe_relative(const char *path)
{
    while (path[0] == '/')
        path++;
    while (strncmp(path, "./", 2) == 0)
        path += 2;
    size_t n = strlen(path);
    char *out = malloc(2 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool seg_start = i == 0 || path[i - 1] == '/';
        if (seg_start && path[i] == '.' && path[i + 1] == '.' && (path[i + 2] == '/' || path[i + 2] == '\0')) {
            out[o++] = '_';
            out[o++] = '_';
            i++;
            continue;
        }
        out[o++] = path[i];
    }
    out[o] = '\0';
    return out;
}

int inputs_add_files_from(input_list *list, const char *list_path)
{
    bool is_stdin = strcmp(list_path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(list_path, "r");
    if (!f && errno == ENOMEM)
        return out_of_memory(list_path);
    if (!f) {
        fprintf(stderr, "%s: cannot open list: %s\n", list_path, strerror(errno));
        return EXIT_UNREADABLE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    /* getline() ends the same way at the end and when it cannot grow its
     * line (errno ENOMEM): that must not pass for a shorter list */
    errno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        char *rel = safe_relative(line);
        rc = rel ? add(list, line, rel) : out_of_memory(line);
        free(rel);
        if (rc)
            break;
        errno = 0;
    }
    if (!rc && errno == ENOMEM) {
        rc = out_of_memory(list_path);
    } else if (!rc && ferror(f)) {
        fprintf(stderr, "%s: cannot read list: %s\n", list_path, strerror(errno));
        rc = EXIT_UNREADABLE;
    }
    free(line);
    if (!is_stdin)
        fclose(f);
    return rc;
}

void inputs_free(input_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].out_name);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

static int by_out_name(const void *a, const void *b)
{
    const input *x = *(const input *const *)a, *y = *(const input *const *)b;
    return strcmp(x->out_name, y->out_name);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int inputs_check_out_names(const input_list *list, const char *dir, const char *ext)
{
    if (list->count < 2)
        return 0;
    const input **sorted = malloc(list->count * sizeof *sorted);
    if (!sorted) {
        fputs("gkreport: out of memory checking the output names\n", stderr);
        return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < list->count; i++)
        sorted[i] = &list->items[i];
    qsort(sorted, list->count, sizeof *sorted, by_out_name);
    int rc = 0;
    for (size_t i = 1; i < list->count && !rc; i++) {
        const input *a = sorted[i - 1], *b = sorted[i];
        if (strcmp(a->out_name, b->out_name) == 0 && !same_file(a->path, b->path)) {
            fprintf(stderr,
                    "gkreport: %s and %s would both be written to %s/%s.%s; "
                    "give their folder with -r or --files-from to keep them apart\n",
                    a->path, b->path, dir, a->out_name, ext);
            rc = EXIT_USAGE;
        }
    }
    free(sorted);
    return rc;
}
