/* inputs.c — what to convert: FILE arguments, directories walked with -r
 * (walk.c) and lists read with --files-from as they are converted. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cli.h"

/* An input list cut short would leave inputs unconverted and unsaid:
 * running out of memory while collecting them stops the run. */
static int out_of_memory(const char *where)
{
    fprintf(stderr, "gkreport: out of memory collecting the inputs (at %s)\n", where);
    return EXIT_INTERNAL;
}

int inputs_push(input_list *list, const char *path, const char *out_name, const char *reject, int reject_code)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        input *p = realloc(list->items, cap * sizeof *p);
        if (!p)
            return -1;
        list->items = p;
        list->cap = cap;
    }
    input *in = &list->items[list->count];
    *in = (input){.path = strdup(path), .out_name = strdup(out_name), .reject_code = reject_code};
    if (reject)
        in->reject = strdup(reject);
    if (!in->path || !in->out_name || (reject && !in->reject)) {
        input_free(in);
        return -1;
    }
    list->count++;
    return 0;
}

static int add(input_list *list, const char *path, const char *out_name)
{
    return inputs_push(list, path, out_name, NULL, 0) ? out_of_memory(path) : 0;
}

/* The last segment of a normalized path: what a FILE argument's output
 * is named after. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

char *normalized_relative(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(2 * n + 2); /* ".." → "__" keeps the length; "_" for nothing */
    if (!out)
        return NULL;
    size_t o = 0, depth = 0; /* depth: segments a ".." may take back */
    for (const char *p = path; *p;) {
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        while (*p == '/')
            p++;
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (depth > 0) {
                while (o > 0 && out[o - 1] != '/')
                    o--;
                o -= o > 0; /* the slash before it */
                depth--;
                continue;
            }
            seg = "__"; /* climbs out of the root: kept, inside -o DIR */
        } else {
            depth++;
        }
        if (o > 0)
            out[o++] = '/';
        memcpy(out + o, seg, len);
        o += len;
    }
    if (o == 0)
        out[o++] = '_';
    out[o] = '\0';
    return out;
}

int inputs_add_arg(input_list *list, const char *arg, bool recursive, bool several_roots)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "%s: is a directory (use -r to convert the reports below it)\n", arg);
            return EXIT_USAGE;
        }
        size_t len = strlen(arg);
        char *root = strdup(arg);
        /* several roots: each one's outputs under its own path, normalized,
         * so equal relative paths below two roots stay apart */
        char *prefix = several_roots ? normalized_relative(arg) : strdup("");
        int rc = 0;
        if (!root || !prefix) {
            rc = out_of_memory(arg);
        } else {
            while (len > 1 && root[len - 1] == '/')
                root[--len] = '\0';
            if (several_roots && strcmp(prefix, "_") == 0)
                prefix[0] = '\0'; /* "." itself */
            rc = walk_tree(list, root, prefix);
        }
        free(root);
        free(prefix);
        return rc;
    }
    /* A missing file is kept: converting it reports "cannot open". */
    if (strcmp(arg, "-") == 0)
        return add(list, arg, "stdin");
    char *norm = normalized_relative(arg);
    int rc = norm ? add(list, arg, base_name(norm)) : out_of_memory(arg);
    free(norm);
    return rc;
}

int source_open_list(input_source *s, const char *list_path)
{
    if (s->nlists == 16) {
        fputs("gkreport: at most 16 --files-from lists\n", stderr);
        return EXIT_USAGE;
    }
    bool is_stdin = strcmp(list_path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(list_path, "r");
    if (!f && errno == ENOMEM)
        return out_of_memory(list_path);
    if (!f) {
        fprintf(stderr, "%s: cannot open list: %s\n", list_path, strerror(errno));
        return EXIT_UNREADABLE;
    }
    s->lists[s->nlists] = f;
    s->list_names[s->nlists++] = list_path;
    return 0;
}

/* The next path of the current list into s->line: its length, 0 at the
 * list's end, -1 when it cannot be read (s->status set, said). */
static ssize_t next_line(input_source *s)
{
    FILE *f = s->lists[s->next_list];
    const char *name = s->list_names[s->next_list];
    for (;;) {
        /* getdelim() ends the same way at the end and when it cannot grow
         * its line (errno ENOMEM): that must not pass for a shorter list */
        errno = 0;
        ssize_t len = getdelim(&s->line, &s->line_cap, s->separator, f);
        if (len < 0) {
            if (errno == ENOMEM) {
                s->status = out_of_memory(name);
                return -1;
            }
            if (ferror(f)) {
                fprintf(stderr, "%s: cannot read list: %s\n", name, strerror(errno));
                s->status = EXIT_UNREADABLE;
                return -1;
            }
            return 0;
        }
        if (len > 0 && s->line[len - 1] == s->separator)
            s->line[--len] = '\0';
        if (s->separator == '\n')
            while (len > 0 && s->line[len - 1] == '\r')
                s->line[--len] = '\0';
        if (s->separator == '\n' && memchr(s->line, '\0', (size_t)len)) {
            fprintf(stderr, "%s: holds NUL bytes: a NUL-separated list (find -print0) needs -0\n", name);
            s->status = EXIT_USAGE;
            return -1;
        }
        if (len > 0)
            return len;
    }
}

int source_next(input_source *s, input *out)
{
    memset(out, 0, sizeof *out);
    if (s->next_fixed < s->fixed.count) {
        *out = s->fixed.items[s->next_fixed];
        memset(&s->fixed.items[s->next_fixed++], 0, sizeof *out);
        return 1;
    }
    while (s->next_list < s->nlists && !s->status) {
        ssize_t len = next_line(s);
        if (len < 0)
            return 0;
        if (len == 0) {
            if (s->lists[s->next_list] != stdin)
                fclose(s->lists[s->next_list]);
            s->lists[s->next_list++] = NULL;
            continue;
        }
        out->path = strdup(s->line);
        out->out_name = normalized_relative(s->line);
        if (!out->path || !out->out_name) {
            input_free(out);
            s->status = out_of_memory(s->list_names[s->next_list]);
            return 0;
        }
        return 1;
    }
    return 0;
}

void source_close(input_source *s)
{
    for (int i = s->next_list; i < s->nlists; i++)
        if (s->lists[i] && s->lists[i] != stdin)
            fclose(s->lists[i]);
    s->nlists = s->next_list = 0;
    free(s->line);
    s->line = NULL;
    inputs_free(&s->fixed);
}

void input_free(input *in)
{
    free(in->path);
    free(in->out_name);
    free(in->reject);
    memset(in, 0, sizeof *in);
}

void inputs_free(input_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        input_free(&list->items[i]);
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
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        if (!list->items[i].reject) /* nothing is written for it */
            sorted[n++] = &list->items[i];
    qsort(sorted, n, sizeof *sorted, by_out_name);
    int rc = 0;
    for (size_t i = 1; i < n && !rc; i++) {
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
