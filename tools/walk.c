/* walk.c — the -r walk: every regular file below a root either becomes an
 * input, a rejected input with its reason (an image, a spreadsheet, a FIFO,
 * an unreadable directory), or is counted as skipped (hidden files, Office
 * temporaries, data files such as gkreport's own outputs).  Nothing below
 * a root goes unsaid, and no directory is walked twice. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Deeper than this is no report archive: a failure, not a stack overflow. */
enum { WALK_MAX_DEPTH = 64 };

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    input_list *list;
    dir_id *seen; /* open addressing; ino 0 marks a free slot */
    size_t nseen, cap;
} walker;

static int out_of_memory(const char *where)
{
    fprintf(stderr, "gkreport: out of memory collecting the inputs (at %s)\n", where);
    return EXIT_INTERNAL;
}

static size_t id_hash(dir_id id, size_t cap)
{
    uint64_t h = ((uint64_t)id.dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)id.ino * 0xC2B2AE3D27D4EB4Fu);
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

/* 1 when the directory was seen before, 0 when it is now marked seen,
 * -1 out of memory.  A directory with inode 0 (some FUSE file systems) is
 * never taken for a free slot: its inode counts as 1. */
static int seen_before(walker *w, const struct stat *st)
{
    dir_id id = {st->st_dev, st->st_ino ? st->st_ino : 1};
    if (2 * (w->nseen + 1) > w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        dir_id *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < w->cap; i++)
            if (w->seen[i].ino) {
                size_t j = id_hash(w->seen[i], cap);
                while (t[j].ino)
                    j = (j + 1) & (cap - 1);
                t[j] = w->seen[i];
            }
        free(w->seen);
        w->seen = t;
        w->cap = cap;
    }
    size_t j = id_hash(id, w->cap);
    for (; w->seen[j].ino; j = (j + 1) & (w->cap - 1))
        if (w->seen[j].dev == id.dev && w->seen[j].ino == id.ino)
            return 1;
    w->seen[j] = id;
    w->nseen++;
    return 0;
}

/* Adds path as an input that fails with code and the formatted reason. */
static int reject(walker *w, const char *path, const char *out_name, int code, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return inputs_push(w->list, path, out_name, why, code) ? out_of_memory(path) : 0;
}

static const char *extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? dot + 1 : "";
}

static bool ext_in(const char *ext, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcasecmp(ext, list[i]) == 0)
            return true;
    return false;
}

/* Why a file is not worth reading, from its first bytes and its name, or
 * NULL: the converter reads it, and says why if it is not a report. */
static const char *unreadable_form(const char *path, const char *name)
{
    static const char *const spreadsheets[] = {"xls", "xlsx", "xlsm", "xlt", "et", "ods", NULL};
    static const char *const slides[] = {"ppt", "pptx", "pps", "dps", "odp", NULL};
    static const char *const archives[] = {"zip", "rar", "7z", "jar", NULL};
    const char *ext = extension(name);
    unsigned char head[12] = {0};
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL; /* the converter says why it cannot be opened */
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n < (ssize_t)sizeof head)
        return NULL;
    if (memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        if (ext_in(ext, spreadsheets))
            return "not a report: a legacy spreadsheet (OLE2, .xls/.et); tables in spreadsheets are not read";
        if (ext_in(ext, slides))
            return "not a report: a legacy presentation (OLE2, .ppt/.dps)";
        if (strcasecmp(ext, "wps") == 0)
            return "not a report: a legacy WPS document (OLE2); save it as DOCX";
        return "not a report: a legacy Word .doc (OLE2); save it as DOCX";
    }
    if (memcmp(head, "PK\x03\x04", 4) == 0) {
        if (ext_in(ext, spreadsheets))
            return "not a report: a spreadsheet (.xlsx/.ods); tables in spreadsheets are not read";
        if (ext_in(ext, slides))
            return "not a report: a presentation (.pptx/.odp)";
        if (strcasecmp(ext, "odt") == 0)
            return "not a report: an OpenDocument text (.odt); save it as DOCX";
        if (ext_in(ext, archives))
            return "not a report: a ZIP archive; unpack it first";
        return NULL;
    }
    static const struct {
        const char *magic;
        size_t len, at;
        const char *what;
    } magics[] = {
        {"\x89PNG", 4, 0, "not a report: a PNG image (a scan has no text to read)"},
        {"\xFF\xD8\xFF", 3, 0, "not a report: a JPEG image (a scan has no text to read)"},
        {"GIF8", 4, 0, "not a report: a GIF image"},
        {"BM", 2, 0, "not a report: a BMP image"},
        {"II*\0", 4, 0, "not a report: a TIFF image (a scan has no text to read)"},
        {"MM\0*", 4, 0, "not a report: a TIFF image (a scan has no text to read)"},
        {"WEBP", 4, 8, "not a report: a WebP image"},
        {"\x1F\x8B", 2, 0, "not a report: a gzip archive; unpack it first"},
        {"Rar!", 4, 0, "not a report: a RAR archive; unpack it first"},
        {"7z\xBC\xAF", 4, 0, "not a report: a 7-Zip archive; unpack it first"},
        {"BZh", 3, 0, "not a report: a bzip2 archive; unpack it first"},
        {"\xFD" "7zXZ", 5, 0, "not a report: an xz archive; unpack it first"},
    };
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
        if (memcmp(head + magics[i].at, magics[i].magic, magics[i].len) == 0)
            return magics[i].what;
    return NULL;
}

static const char *file_kind(mode_t m)
{
    return S_ISFIFO(m)  ? "a FIFO"
           : S_ISSOCK(m) ? "a socket"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
                         : "of an unknown type";
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(walker *w, const char *dir, const char *rel, int depth);

/* Hidden entries (".cache", ".~lock.x.docx#") and Word's lock files
 * ("~$report.docx") are skipped, counted; so are data files (our own
 * outputs, among others), which are never reports. */
static bool skipped_name(const char *name)
{
    static const char *const data[] = {"json", "jsonl", "xml", "csv", NULL};
    return name[0] == '.' || strncmp(name, "~$", 2) == 0 || ext_in(extension(name), data);
}

/* One entry of a walked directory. */
static int visit(walker *w, const char *dir, const char *rel, const char *name, int depth)
{
    size_t pl = strlen(dir) + strlen(name) + 2, rl = strlen(rel) + strlen(name) + 2;
    char *path = malloc(pl), *sub = malloc(rl);
    int rc = 0;
    struct stat st;
    if (!path || !sub) {
        rc = out_of_memory(dir);
    } else {
        snprintf(path, pl, "%s/%s", dir, name);
        snprintf(sub, rl, "%s%s%s", rel, *rel ? "/" : "", name);
        if (stat(path, &st) != 0) {
            struct stat lst;
            if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
                rc = reject(w, path, sub, EXIT_UNREADABLE, "dangling symbolic link: %s", strerror(errno));
            else
                rc = reject(w, path, sub, EXIT_UNREADABLE, "cannot read: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            int seen = seen_before(w, &st);
            if (seen < 0)
                rc = out_of_memory(path);
            else if (!seen)
                rc = walk(w, path, sub, depth + 1);
        } else if (!S_ISREG(st.st_mode)) {
            rc = reject(w, path, sub, EXIT_UNREADABLE, "not a regular file (%s)", file_kind(st.st_mode));
        } else {
            const char *why = unreadable_form(path, name);
            rc = why ? reject(w, path, sub, EXIT_UNRECOGNIZED, "%s", why)
                     : inputs_push(w->list, path, sub, NULL, 0) ? out_of_memory(path) : 0;
        }
    }
    free(path);
    free(sub);
    return rc;
}

/* The names in dir but . and .., skipped ones counted, sorted (a
 * deterministic order).  0, or EXIT_INTERNAL; an unreadable directory is
 * a rejected input of its own and leaves *count 0. */
static int dir_names(walker *w, const char *dir, const char *rel, char ***names, size_t *count)
{
    *names = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d && errno == ENOMEM)
        return out_of_memory(dir);
    if (!d)
        return reject(w, dir, *rel ? rel : ".", EXIT_UNREADABLE, "cannot open directory: %s", strerror(errno));
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    bool ok = true;
    for (errno = 0; ok && (e = readdir(d)); errno = 0) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (skipped_name(e->d_name)) {
            w->list->skipped++;
            continue;
        }
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
    int read_errno = ok ? errno : 0; /* readdir() ends with errno set when it fails */
    closedir(d);
    if (ok && read_errno) /* the names read so far are still walked */
        ok = reject(w, dir, *rel ? rel : ".", EXIT_UNREADABLE, "cannot read directory: %s", strerror(read_errno)) == 0;
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

/* Walks dir in name order, adding what is below it with its path relative
 * to the walk's root.  Out of memory ends the walk: the list would be
 * incomplete. */
static int walk(walker *w, const char *dir, const char *rel, int depth)
{
    if (depth > WALK_MAX_DEPTH)
        return reject(w, dir, rel, EXIT_UNREADABLE, "directory nested deeper than %d levels", WALK_MAX_DEPTH);
    char **names;
    size_t n;
    int rc = dir_names(w, dir, rel, &names, &n);
    for (size_t i = 0; i < n; i++) {
        if (!rc)
            rc = visit(w, dir, rel, names[i], depth);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* The directories seen are kept across roots: a root below another one
 * already walked adds nothing twice. */
static walker shared_walker;

int walk_tree(input_list *list, const char *root, const char *prefix)
{
    walker *w = &shared_walker;
    w->list = list;
    struct stat st;
    if (stat(root, &st) != 0)
        return reject(w, root, *prefix ? prefix : ".", EXIT_UNREADABLE, "cannot read: %s", strerror(errno));
    int seen = seen_before(w, &st);
    if (seen < 0)
        return out_of_memory(root);
    return seen ? 0 : walk(w, root, prefix, 0);
}

void walk_done(void)
{
    free(shared_walker.seen);
    memset(&shared_walker, 0, sizeof shared_walker);
}
