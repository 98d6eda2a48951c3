/* failmalloc.c — an LD_PRELOAD allocator that fails on demand, for
 * tests/run-memory.sh: ulimit -v makes allocations fail somewhere, this
 * makes a chosen one fail, every time.
 *
 *   FAILMALLOC_SIZE=N     malloc/calloc/realloc of exactly N bytes fail
 *   FAILMALLOC_MIN=N      those of N bytes or more fail (a large input's
 *                         buffers, never a small report's)
 *   FAILMALLOC_AT=N       the Nth allocation fails (counted from the start)
 *   FAILMALLOC_ALL=1      with FAILMALLOC_AT: the Nth and every one after it
 *   FAILMALLOC_THREADS=1  only in threads other than the first
 *   FAILMALLOC_COUNT=1    print the number of allocations at exit
 *
 * glibc lets malloc be replaced this way and calls the replacement from
 * inside itself too (strdup, fopen, getline…); the memory still comes
 * from glibc's own allocator, so free() is glibc's. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long fail_size = -1, fail_min = -1, fail_at = -1;
static bool fail_all, only_threads, print_count;
static atomic_long count;

static long env_long(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? atol(v) : -1;
}

static void report(void)
{
    fprintf(stderr, "failmalloc: %ld allocations\n", (long)atomic_load(&count));
}

__attribute__((constructor)) static void init(void)
{
    fail_size = env_long("FAILMALLOC_SIZE");
    fail_min = env_long("FAILMALLOC_MIN");
    fail_at = env_long("FAILMALLOC_AT");
    fail_all = env_long("FAILMALLOC_ALL") == 1;
    only_threads = env_long("FAILMALLOC_THREADS") == 1;
    print_count = env_long("FAILMALLOC_COUNT") == 1;
    if (print_count)
        atexit(report);
}

static bool in_first_thread(void)
{
    static __thread int first = -1; /* asked once per thread: a system call */
    if (first < 0)
        first = syscall(SYS_gettid) == getpid();
    return first;
}

static bool fail(size_t n)
{
    long k = atomic_fetch_add(&count, 1) + 1;
    if (only_threads && in_first_thread())
        return false;
    bool f = (fail_size >= 0 && n == (size_t)fail_size) || (fail_min >= 0 && n >= (size_t)fail_min) ||
             (fail_at > 0 && (fail_all ? k >= fail_at : k == fail_at));
    if (f)
        errno = ENOMEM;
    return f;
}

void *malloc(size_t n)
{
    return fail(n) ? NULL : __libc_malloc(n);
}

void *calloc(size_t m, size_t n)
{
    return fail(m * n) ? NULL : __libc_calloc(m, n);
}

void *realloc(void *p, size_t n)
{
    return fail(n) ? NULL : __libc_realloc(p, n);
}
