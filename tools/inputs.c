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

static int add(input_list *list, const char *path, const char *out_name)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        input *p = realloc(list->items, cap * sizeof *p);
        if (!p)
            return EXIT_INTERNAL;
        list->items = p;
        list->cap = cap;
    }
    input *in = &list->items[list->count];
    in->path = strdup(path);
    in->out_name = strdup(out_name);
    if (!in->path || !in->out_name) {
        free(in->path);
        free(in->out_name);
        return EXIT_INTERNAL;
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
 * HTML for files named otherwise.  Our own outputs are never inputs. */
static bool looks_like_report(const char *path, const char *name)
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
        return true;
    if (has_ext(name, never))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char head[512];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
        return true;
#ifdef GK_WITH_PDF
    if (n >= 5 && memcmp(head, "%PDF-", 5) == 0)
        return true;
#endif
    for (size_t i = 0; i < n; i++)
        if (head[i] == '<' && (strncasecmp(head + i, "<html", 5) == 0 || strncasecmp(head + i, "<table", 6) == 0 ||
                               strncasecmp(head + i, "<!doctype html", 14) == 0))
            return true;
    return false;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks dir in name order (deterministic), adding reports found below it
 * with their path relative to the walk's root. */
static int walk(input_list *list, const char *dir, const char *rel, int depth)
{
    if (depth > 64)
        return 0; /* a symlink loop or an absurd tree */
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open directory: %s\n", dir, strerror(errno));
        return EXIT_UNREADABLE;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        /* hidden files, . and .., and Word's lock files "~$report.docx" */
        if (e->d_name[0] == '.' || strncmp(e->d_name, "~$", 2) == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pl = strlen(dir) + strlen(names[i]) + 2, rl = strlen(rel) + strlen(names[i]) + 2;
        char *path = malloc(pl), *sub = malloc(rl);
        if (path && sub) {
            snprintf(path, pl, "%s/%s", dir, names[i]);
            snprintf(sub, rl, "%s%s%s", rel, *rel ? "/" : "", names[i]);
            struct stat st;
            if (stat(path, &st) == 0) {
                int r = 0;
                if (S_ISDIR(st.st_mode))
                    r = walk(list, path, sub, depth + 1);
                else if (S_ISREG(st.st_mode) && looks_like_report(path, names[i]))
                    r = add(list, path, sub);
                if (r > rc)
                    rc = r;
            }
        }
        free(path);
        free(sub);
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
            return EXIT_INTERNAL;
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
    if (!f) {
        fprintf(stderr, "%s: cannot open list: %s\n", list_path, strerror(errno));
        return EXIT_UNREADABLE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        char *rel = safe_relative(line);
        int r = rel ? add(list, line, rel) : EXIT_INTERNAL;
        free(rel);
        if (r) {
            rc = r;
            break;
        }
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
    if (!sorted)
        return EXIT_INTERNAL;
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
