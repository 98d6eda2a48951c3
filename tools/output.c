/* output.c — writing an output where it is meant to go.  A regular file
 * (or a new one) is written to a hidden temporary beside it and renamed
 * over it once complete, so a reader never sees half a report; a FIFO, a
 * device or standard output is written through (renaming over /dev/full
 * would turn it into a regular file); a symlink is followed, so the link
 * stays.  SIGINT and SIGTERM remove the temporaries being written. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The registry of temporaries: fixed slots, so that the signal handler
 * reads it without locks or allocation.  A slot is FREE, being FILLed by
 * its owner, or LIVE (path complete: the handler may unlink it). */
enum { SLOT_FREE, SLOT_FILL, SLOT_LIVE };
enum { TMP_PATH_MAX = 4096 }; /* Linux's PATH_MAX: longer names cannot be opened anyway */
typedef struct {
    atomic_int state;
    char path[TMP_PATH_MAX];
} tmp_slot;

static tmp_slot *slots;
static size_t nslots;

static void remove_temporaries(int sig)
{
    for (size_t i = 0; i < nslots; i++)
        if (atomic_load(&slots[i].state) == SLOT_LIVE)
            unlink(slots[i].path);
    /* then die of the signal, as the caller expects */
    signal(sig, SIG_DFL);
    raise(sig);
}

bool out_cleanup_init(size_t n)
{
    if (!(slots = calloc(n, sizeof *slots)))
        return false;
    nslots = n;
    struct sigaction sa = {.sa_handler = remove_temporaries};
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    /* a signal ignored by whoever started us (nohup, a background job of
     * a shell) stays ignored */
    static const int handled[] = {SIGINT, SIGTERM};
    for (size_t i = 0; i < 2; i++) {
        struct sigaction old;
        if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(handled[i], &sa, NULL);
    }
    return true;
}

/* A slot for path, or -1 when all are taken (the temporary is then only
 * removed by a normal end) or the path is too long to keep. */
static int register_tmp(const char *path)
{
    size_t len = strlen(path);
    for (size_t i = 0; i < nslots && len < TMP_PATH_MAX; i++) {
        int expected = SLOT_FREE;
        if (atomic_compare_exchange_strong(&slots[i].state, &expected, SLOT_FILL)) {
            memcpy(slots[i].path, path, len + 1);
            atomic_store(&slots[i].state, SLOT_LIVE);
            return (int)i;
        }
    }
    return -1;
}

static void unregister_tmp(int slot)
{
    if (slot >= 0)
        atomic_store(&slots[slot].state, SLOT_FREE);
}

static bool mkdirs_for(const char *file)
{
    char *p = strdup(file);
    if (!p)
        return false;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return false;
        }
        *s = '/';
    }
    free(p);
    return true;
}

/* ".x.json.tmp-PID-N" beside "dir/x.json": hidden, so -r walks and ls
 * pass it by. */
static char *tmp_name(const char *target)
{
    static atomic_ulong counter;
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    size_t n = strlen(target) + 64;
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%.*s.%s.tmp-%ld-%lu", (int)dir_len, target, target + dir_len, (long)getpid(),
                 atomic_fetch_add(&counter, 1));
    return t;
}

void out_file_stdout(out_file *f)
{
    *f = (out_file){.fd = STDOUT_FILENO, .slot = -1};
}

/* Opens path itself, for writing through: a FIFO, a device, a file a
 * dangling symlink points to (created). */
static int open_through(out_file *f, const char *path)
{
    f->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (f->fd < 0)
        return errno;
    struct stat st;
    if (fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode) && ftruncate(f->fd, 0) != 0) {
        int e = errno;
        close(f->fd);
        return e;
    }
    return 0;
}

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the descriptor
 * we already hold, or -1.  Opened anew, it would start at offset 0 and
 * overwrite what `>> file` was appending to. */
static int inherited_fd(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    const char *n = strncmp(path, "/dev/fd/", 8) == 0          ? path + 8
                    : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                               : NULL;
    if (!n || *n < '0' || *n > '9')
        return -1;
    char *end;
    long fd = strtol(n, &end, 10);
    return *end || fd > 1 << 20 ? -1 : (int)fd;
}

int out_file_open(out_file *f, const char *path, bool mkdirs)
{
    *f = (out_file){.fd = -1, .slot = -1};
    int held = inherited_fd(path);
    if (held >= 0) {
        if ((f->fd = dup(held)) < 0)
            return errno;
        return 0;
    }
    struct stat st;
    char *resolved = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* the link stays: its target is what is written (or made) */
        if (!(resolved = realpath(path, NULL)))
            return errno == ENOMEM ? ENOMEM : open_through(f, path);
        path = resolved;
    }
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        free(resolved);
        return EISDIR;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        int rc = open_through(f, path);
        free(resolved);
        return rc;
    }
    f->target = strdup(path);
    f->tmp = tmp_name(path);
    free(resolved);
    if (!f->target || !f->tmp) {
        free(f->target);
        free(f->tmp);
        f->target = f->tmp = NULL;
        return ENOMEM;
    }
    f->slot = register_tmp(f->tmp);
    f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (f->fd < 0 && errno == ENOENT && mkdirs && mkdirs_for(f->target)) /* directories only when missing */
        f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (f->fd < 0) {
        int e = errno;
        unregister_tmp(f->slot);
        free(f->target);
        free(f->tmp);
        *f = (out_file){.fd = -1, .slot = -1};
        return e;
    }
    return 0;
}

int out_file_write(out_file *f, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(f->fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return EIO;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Makes a rename in dir durable. */
static int sync_dir_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return ENOMEM;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd < 0 || fsync(fd) == 0 ? 0 : errno;
    if (fd >= 0)
        close(fd);
    free(copy);
    return rc;
}

int out_file_close(out_file *f, bool commit, bool sync)
{
    int rc = 0;
    if (f->fd == STDOUT_FILENO && !f->tmp) {
        f->fd = -1;
        return 0;
    }
    /* fsync is refused by pipes and devices (EINVAL): nothing to keep */
    if (commit && sync && f->fd >= 0 && fsync(f->fd) != 0 && errno != EINVAL && errno != EROFS)
        rc = errno;
    if (f->fd >= 0 && close(f->fd) != 0 && !rc)
        rc = errno;
    f->fd = -1;
    if (f->tmp) {
        if (commit && !rc && rename(f->tmp, f->target) != 0)
            rc = errno;
        if (!commit || rc)
            unlink(f->tmp);
        else if (sync)
            rc = sync_dir_of(f->target);
        unregister_tmp(f->slot);
    }
    free(f->tmp);
    free(f->target);
    f->tmp = f->target = NULL;
    return rc;
}
