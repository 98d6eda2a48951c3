/* alloc_fail.c — fails the k-th allocation of a conversion, for every k (or
 * a sample), the way libexpat's tests do: each run must end in
 * GK_ERR_NOMEM, or in output byte-identical to the run without failures,
 * and must leave no block behind.
 *
 * A run is gk_report_from_memory, then gk_report_to_json, _to_xml,
 * gk_report_long_rows (for spreadsheets), gk_report_csv_row and gk_report_to_html.
 * Linked with -Wl,--wrap=malloc,calloc,realloc,free
 * (tests/tests.mk), so that every allocation the library's own objects
 * make comes through the wrappers below; libxml2 (xmlMemSetup), jansson
 * (json_set_alloc_funcs) and PCRE2 (patterns.c's general context calls
 * malloc) are counted too.  libzip and iconv allocate with no hook and are
 * not counted; LeakSanitizer and valgrind watch their memory at exit.
 *
 * Usage: alloc_fail [--stride N] [--edge N] [--only K] [--list N]
 *                   [--known FILE] [--strict] [--brief] FILE...
 * Every k is run, or with --stride every N-th k plus all k within --edge
 * of either end, or only --only K.  Each input is swept in a child
 * process: a crash or a run past RUN_MS is counted and the sweep goes
 * on after it; a child that exits non-zero at the end (LeakSanitizer,
 * valgrind's error exit code) fails its input.  A failed run whose
 * allocation was asked for where a caller calls a callee listed in the
 * --known file is counted as known, unless --strict; any other difference,
 * status other than GK_ERR_NOMEM, leak or crash fails the input, and the
 * first --list of them (10) are shown with the stack of the allocation
 * that failed.  The last line counts inputs as "N passed, N failed" for
 * tests/run-all.sh. */
#define _GNU_SOURCE
#include <execinfo.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <link.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gkreport.h"

enum { MAX_FRAMES = 24, MAX_KNOWN = 64 };

typedef struct {
    unsigned long runs, nomem, identical, different, known, other_status, crashes, leaks, spared;
} tally;

/* The run in progress: its allocations counted, the one that fails. */
struct alloc_state {
    bool armed;             /* counting: a conversion is running */
    int sparing;            /* inside a libxml2 call that must not fail (below) */
    bool spared;            /* the fail_at-th allocation came there: not failed */
    unsigned long count;    /* allocations since armed */
    unsigned long fail_at;  /* the one that fails; 0 for none */
    void *stack[MAX_FRAMES]; /* where it was asked for */
    int depth;
    unsigned long trace_at; /* an allocation whose stack is wanted (a leaked block) */
    void *trace[MAX_FRAMES];
    int trace_depth;
    unsigned long spare_from, spare_to; /* the allocations that were spared */
};

/* The sweep of one input. */
struct progress {
    tally t;
    unsigned long n;      /* allocations of the run without failures */
    unsigned long next_k; /* the k being run: a crash resumes after it */
    unsigned long listed;
    unsigned long known_hits[MAX_KNOWN], known_first[MAX_KNOWN];
    bool clean_failed, finished;
};

/* Both live in memory shared with the child that sweeps an input, so that
 * what it counted and the allocation it failed survive its crash. */
static struct alloc_state *alloc;
static struct progress *pr;

/* ---- the blocks handed out and not yet freed ---- */

/* What a run leaves here is what it leaked, each block with the number of
 * the allocation that made it.  The table also keeps those blocks
 * reachable, so that LeakSanitizer and valgrind report at exit only what
 * it cannot see (libzip's and iconv's memory) and no leak twice. */
typedef struct {
    void *p; /* NULL: empty; TOMB: freed */
    unsigned long run, nth; /* the run (numbered from 1) and its allocation */
} live_block;

static struct {
    live_block *slot; /* open addressing */
    size_t cap, used, filled;
    unsigned long run; /* the run in progress */
} live;

#define TOMB ((void *)1)

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

static size_t live_hash(const void *p, size_t cap) { return ((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15u % cap; }

static void live_put(live_block b)
{
    size_t h = live_hash(b.p, live.cap);
    while (live.slot[h].p && live.slot[h].p != TOMB)
        h = (h + 1) % live.cap;
    live.filled += !live.slot[h].p;
    live.slot[h] = b;
    live.used++;
}

static void live_add(void *p, unsigned long nth)
{
    if (!p)
        return;
    if ((live.filled + 1) * 2 > live.cap) {
        live_block *old = live.slot;
        size_t old_cap = live.cap;
        live.cap = old_cap ? old_cap * 2 : 4096;
        live.slot = __real_calloc(live.cap, sizeof *live.slot);
        if (!live.slot)
            abort(); /* the harness's own memory: nothing to test without it */
        live.used = live.filled = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].p && old[i].p != TOMB)
                live_put(old[i]);
        __real_free(old);
    }
    live_put((live_block){p, live.run, nth});
}

/* False for a block the wrappers did not hand out (libc's own strdup). */
static bool live_remove(void *p)
{
    if (!p || !live.cap)
        return false;
    for (size_t h = live_hash(p, live.cap); live.slot[h].p; h = (h + 1) % live.cap)
        if (live.slot[h].p == p) {
            live.slot[h].p = TOMB;
            live.used--;
            return true;
        }
    return false;
}

/* The allocation number of the first block run `run` left, or 0. */
static unsigned long first_left_by(unsigned long run)
{
    unsigned long first = 0;
    for (size_t i = 0; i < live.cap; i++)
        if (live.slot[i].p && live.slot[i].p != TOMB && live.slot[i].run == run &&
            (!first || live.slot[i].nth < first))
            first = live.slot[i].nth;
    return first;
}

/* ---- counting allocators ---- */

static bool fail_now(void)
{
    if (!alloc || !alloc->armed)
        return false;
    if (++alloc->count == alloc->trace_at)
        alloc->trace_depth = backtrace(alloc->trace, MAX_FRAMES);
    if (alloc->count != alloc->fail_at)
        return false;
    if (alloc->sparing) {
        alloc->spared = true;
        return false;
    }
    alloc->depth = backtrace(alloc->stack, MAX_FRAMES);
    return true;
}

static unsigned long nth(void) { return alloc && alloc->armed ? alloc->count : 0; }

void *__wrap_malloc(size_t n)
{
    void *p = fail_now() ? NULL : __real_malloc(n);
    live_add(p, nth());
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p = fail_now() ? NULL : __real_calloc(n, size);
    live_add(p, nth());
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (fail_now())
        return NULL; /* p stays the caller's */
    bool counted = live_remove(p);
    void *q = __real_realloc(p, n);
    if (q && (counted || !p))
        live_add(q, nth());
    else if (!q && counted && n)
        live_add(p, nth()); /* a failed realloc keeps p */
    return q;
}

void __wrap_free(void *p)
{
    live_remove(p);
    __real_free(p);
}

static char *counted_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = __wrap_malloc(n);
    return p ? memcpy(p, s, n) : NULL;
}

/* libxml2 2.9.14's schema validator does not survive its own allocations
 * failing: it crashes, or leaves garbage that xmlSchemaFreeValidCtxt
 * frees (libxml2 fixed about 90 such paths in 2.11 and made malloc
 * failures reliably reported in 2.13).  Its allocations are counted but
 * never failed (linked with --wrap=xmlSchemaValidateDoc); a k that falls
 * there is counted as "spared". */
int __real_xmlSchemaValidateDoc(xmlSchemaValidCtxtPtr ctxt, xmlDocPtr doc);

int __wrap_xmlSchemaValidateDoc(xmlSchemaValidCtxtPtr ctxt, xmlDocPtr doc)
{
    alloc->spare_from = alloc->count + 1;
    alloc->sparing++;
    int rc = __real_xmlSchemaValidateDoc(ctxt, doc);
    alloc->sparing--;
    alloc->spare_to = alloc->count;
    return rc;
}

/* ---- one conversion ---- */

enum { OUT_JSON, OUT_XML, OUT_LONG, OUT_CSV, OUT_HTML, OUTPUTS };
static const char *const output_name[OUTPUTS] = {"json", "xml", "long", "csv", "html"};

static char *long_for_excel(const gk_report *r, gk_error *err) { return gk_report_long_rows(r, GK_CSV_EXCEL, err); }

typedef struct {
    gk_status status; /* of the step that failed, or GK_OK */
    char *out[OUTPUTS];
} run_result;

static void result_free(run_result *r)
{
    for (int i = 0; i < OUTPUTS; i++)
        free(r->out[i]);
    memset(r, 0, sizeof *r);
}

typedef struct {
    const char *path;
    char *data;
    size_t len;
} input;

/* Converts and writes, counting allocations and failing the fail_at-th.
 * The first step that fails ends the run: its status is the result's. */
static void run(const input *in, unsigned long fail_at, run_result *res)
{
    memset(res, 0, sizeof *res);
    gk_error err = {0};
    gk_report *report = NULL;
    live.run++;
    alloc->count = 0;
    alloc->fail_at = fail_at;
    alloc->trace_depth = 0;
    alloc->spared = false;
    alloc->sparing = 0; /* a crash may have left it raised */
    alloc->depth = 0;
    alloc->armed = true;
    res->status = gk_report_from_memory(in->path, in->data, in->len, &report, &err);
    char *(*const writer[OUTPUTS])(const gk_report *, gk_error *) = {gk_report_to_json, gk_report_to_xml,
                                                                     long_for_excel, gk_report_csv_row,
                                                                     gk_report_to_html};
    for (int i = 0; i < OUTPUTS && res->status == GK_OK; i++) {
        err.status = GK_OK;
        res->out[i] = writer[i](report, &err);
        if (!res->out[i])
            res->status = err.status != GK_OK ? err.status : GK_ERR_INTERNAL;
    }
    gk_report_free(report);
    alloc->armed = false;
}

/* ---- where an allocation failed ---- */

static int main_bias(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    *(uintptr_t *)data = info->dlpi_addr;
    return 1; /* the first object is the program itself */
}

static bool in_program(void *addr)
{
    Dl_info self, at;
    return dladdr((void *)main_bias, &self) && dladdr(addr, &at) && at.dli_fbase == self.dli_fbase;
}

/* One return address as "function (file:line)" with the functions inlined
 * there before it (addr2line -i), or a shared library's symbol; cached,
 * since the same call sites fail again and again. */
static const char *frame_name(void *addr)
{
    enum { CACHE = 4096 };
    static struct {
        void *addr;
        char *name;
    } cache[CACHE];
    static char exe[4096];
    static uintptr_t bias;
    if (!exe[0]) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = '\0';
        dl_iterate_phdr(main_bias, &bias);
    }
    size_t h = ((uintptr_t)addr >> 2) % CACHE, probes = 0;
    while (cache[h].addr && cache[h].addr != addr && ++probes < CACHE)
        h = (h + 1) % CACHE;
    if (cache[h].addr == addr)
        return cache[h].name;
    char name[2048] = "";
    Dl_info at;
    if (!in_program(addr)) {
        bool known = dladdr(addr, &at);
        const char *lib = known && at.dli_fname ? strrchr(at.dli_fname, '/') : NULL;
        snprintf(name, sizeof name, "%s (%s)", known && at.dli_sname ? at.dli_sname : "??", lib ? lib + 1 : "?");
    } else {
        char cmd[4300], line[1024];
        snprintf(cmd, sizeof cmd, "addr2line -f -i -e '%s' %#lx", exe, (unsigned long)((uintptr_t)addr - bias - 1));
        FILE *p = popen(cmd, "r");
        for (int odd = 0; p && fgets(line, sizeof line, p); odd ^= 1) {
            line[strcspn(line, "\n")] = '\0';
            const char *base = strrchr(line, '/');
            size_t len = strlen(name);
            if (odd) /* the file:line of the function on the line before */
                snprintf(name + len, sizeof name - len, " (%s)", base ? base + 1 : line);
            else
                snprintf(name + len, sizeof name - len, "%s%s", len ? " < " : "", line);
        }
        if (p)
            pclose(p);
    }
    if (cache[h].addr) /* a full cache: the slot is reused */
        __real_free(cache[h].name); /* libc's strdup: not a counted block */
    cache[h].addr = addr;
    cache[h].name = strdup(name);
    return cache[h].name ? cache[h].name : "??";
}

/* The stack of the failed allocation, innermost first, " < " between
 * functions: the allocator ("realloc (wrapped)"), then its callers up to
 * the harness. */
static char *stack_names(void *const *stack, int depth)
{
    size_t cap = 8192, len = 0;
    char *names = calloc(1, cap);
    const char *allocator = "malloc (wrapped)";
    int i = 0;
    while (i < depth && !in_program(stack[i]))
        i++; /* ASan's interceptor of backtrace() */
    for (; i < depth && strstr(frame_name(stack[i]), "(alloc_fail.c:"); i++) { /* fail_now, a wrapper */
        const char *f = frame_name(stack[i]);
        if (strstr(f, "counted_strdup"))
            allocator = "strdup (wrapped)";
        else if (strstr(f, "__wrap_calloc"))
            allocator = "calloc (wrapped)";
        else if (strstr(f, "__wrap_realloc"))
            allocator = "realloc (wrapped)";
    }
    if (names)
        len = (size_t)sprintf(names, "%s", allocator);
    for (; i < depth && names; i++) {
        const char *f = frame_name(stack[i]);
        if (strstr(f, "(alloc_fail.c:") || len + strlen(f) + 4 >= cap)
            break; /* the harness's run() */
        len += (size_t)sprintf(names + len, " < %s", f);
    }
    return names;
}

/* ---- known drops: "caller<TAB>callee<TAB>why" lines (callee "*": any) ---- */

typedef struct {
    char caller[128], callee[128], why[256];
} known_drop;

static known_drop known[MAX_KNOWN];
static size_t nknown;

static void read_known(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[1024];
    while (fgets(line, sizeof line, f) && nknown < MAX_KNOWN) {
        known_drop *k = &known[nknown];
        if (line[0] != '#' && sscanf(line, "%127[^\t\n]\t%127[^\t\n]\t%255[^\n]", k->caller, k->callee, k->why) >= 2)
            nknown++;
    }
    fclose(f);
}

/* Whether `frame` ("function (file:line)") is function `name`. */
static bool frame_is(const char *frame, const char *name)
{
    size_t n = strlen(name);
    return strcmp(name, "*") == 0 || (strncmp(frame, name, n) == 0 && frame[n] == ' ');
}

/* The known drop whose caller calls its callee somewhere in `names`
 * (from stack_names), or -1. */
static int known_in(const char *names)
{
    for (size_t i = 0; i < nknown; i++) {
        for (const char *callee = names, *caller; (caller = strstr(callee, " < ")); callee = caller + 3) {
            caller += 3;
            if (frame_is(callee, known[i].callee) && frame_is(caller, known[i].caller))
                return (int)i;
            caller -= 3;
        }
    }
    return -1;
}

/* ---- comparing with the clean run ---- */

/* The names of the outputs that differ, the JSON's with its top-level keys. */
static bool describe_difference(const run_result *clean, const run_result *got, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < OUTPUTS && len < cap; i++) {
        if (strcmp(clean->out[i], got->out[i]) == 0)
            continue;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? " " : "", output_name[i]);
        if (i != OUT_JSON)
            continue;
        json_t *a = json_loads(clean->out[i], 0, NULL), *b = json_loads(got->out[i], 0, NULL);
        const char *key;
        json_t *value;
        const char *sep = "(";
        json_object_foreach(a, key, value) {
            if (!json_equal(value, json_object_get(b, key)) && len < cap) {
                len += (size_t)snprintf(out + len, cap - len, "%s%s", sep, key);
                sep = ",";
            }
        }
        if (*sep == ',' && len < cap)
            len += (size_t)snprintf(out + len, cap - len, ")");
        json_decref(a);
        json_decref(b);
    }
    return len > 0;
}

/* ---- the sweep ---- */

typedef struct {
    unsigned long stride, edge, only, list;
    bool strict, brief;
} options;

static const char *current_path;

/* A run never takes this long (one takes milliseconds, under valgrind a
 * second): past it the run hangs, which counts as a crash. */
#ifndef RUN_MS
#define RUN_MS 60000
#endif
#define STR(x) #x
#define XSTR(x) STR(x)

static void time_limit(long ms)
{
    struct itimerval t = {{0, 0}, {ms / 1000, ms % 1000 * 1000}};
    setitimer(ITIMER_REAL, &t, NULL);
}

static void note_crash(void)
{
    if (!alloc || !alloc->armed)
        return; /* not in a run: a sanitizer's report at exit speaks for itself */
    char msg[600];
    int n = snprintf(msg, sizeof msg, "alloc_fail: crashed in %s failing allocation k=%lu\n",
                     current_path ? current_path : "(setup)", pr ? pr->next_k : 0);
    if (write(1, msg, (size_t)n) < 0)
        return;
}

static void on_signal(int sig)
{
    if (sig != SIGALRM)
        note_crash();
    signal(sig, SIG_DFL);
    raise(sig);
}

static bool sampled(unsigned long k, unsigned long n, const options *o)
{
    if (o->only)
        return k == o->only;
    return o->stride <= 1 || k <= o->edge || k + o->edge > n || k % o->stride == 0;
}

/* A run that neither ran out of memory nor matched, or crashed: counted
 * as known when a known drop explains it, and listed with where its
 * allocation failed. */
static void bad_run(const input *in, unsigned long k, const char *what, unsigned long *count, const options *o)
{
    bool failed = alloc->depth > 0;
    char *where = failed ? stack_names(alloc->stack, alloc->depth) : NULL;
    int kd = where && !o->strict ? known_in(where) : -1;
    if (kd >= 0) {
        pr->t.known++;
        if (pr->known_hits[kd]++ == 0)
            pr->known_first[kd] = k;
    } else {
        (*count)++;
        if (pr->listed++ < o->list)
            printf("  %s k=%lu: %s\n      at %s\n", in->path, k, what, where ? where : "(no allocation failed)");
    }
    fflush(stdout);
    free(where);
}

/* Blocks a run left behind: the table holds those it had before, and the
 * outputs the caller keeps.  libxml2's last error (a global) is let go
 * first: the next error frees it, so it is no leak. */
static size_t run_leaks(size_t live_before, const run_result *kept)
{
    xmlResetLastError();
    size_t expected = live_before;
    for (int i = 0; kept && i < OUTPUTS; i++)
        expected += kept->out[i] != NULL;
    return live.used > expected ? live.used - expected : 0;
}

/* A run that left blocks behind: run again to see where the first was
 * made, then counted and listed like any failed run. */
static void leaky_run(const input *in, unsigned long k, size_t leaked, const options *o)
{
    char what[2400];
    int n = snprintf(what, sizeof what, "leaked %zu blocks", leaked);
    alloc->trace_at = first_left_by(live.run);
    if (alloc->trace_at) {
        run_result again;
        run(in, k, &again);
        result_free(&again);
        xmlResetLastError();
        char *made = alloc->trace_depth ? stack_names(alloc->trace, alloc->trace_depth) : NULL;
        if (made)
            snprintf(what + n, sizeof what - (size_t)n, ", the first made at\n        %s", made);
        free(made);
        alloc->trace_at = 0;
    }
    bad_run(in, k, what, &pr->t.leaks, o);
}

/* Runs the sampled k from pr->next_k on (in a child process). */
static void sweep(const input *in, const options *o)
{
    run_result clean, got;
    run(in, 0, &clean); /* warms the per-thread caches, compiles patterns, loads the schema */
    result_free(&clean);
    xmlResetLastError();
    size_t live_before = live.used;
    run(in, 0, &clean);
    pr->n = alloc->count;
    unsigned long spare_from = alloc->spare_from, spare_to = alloc->spare_to;
    if (clean.status != GK_OK) {
        printf("%s: the run without failures ends in \"%s\"\n", in->path, gk_strerror(clean.status));
        pr->clean_failed = true;
    }
    size_t leaked = run_leaks(live_before, &clean);
    if (leaked) {
        printf("%s: the run without failures leaks %zu blocks\n", in->path, leaked);
        pr->clean_failed = true;
    }
    for (unsigned long k = pr->next_k; k <= pr->n && !pr->clean_failed; k++) {
        if (!sampled(k, pr->n, o))
            continue;
        pr->next_k = k;
        pr->t.runs++;
        if (k >= spare_from && k <= spare_to) {
            pr->t.spared++; /* known from the clean run: not worth running */
            continue;
        }
        live_before = live.used;
        time_limit(RUN_MS);
        run(in, k, &got);
        time_limit(0);
        char what[400];
        if (alloc->spared) {
            pr->t.spared++;
        } else if (got.status == GK_ERR_NOMEM) {
            pr->t.nomem++;
        } else if (got.status != GK_OK) {
            snprintf(what, sizeof what, "status \"%s\", not out of memory", gk_strerror(got.status));
            bad_run(in, k, what, &pr->t.other_status, o);
        } else if (describe_difference(&clean, &got, what, sizeof what)) {
            bad_run(in, k, what, &pr->t.different, o);
        } else {
            pr->t.identical++;
        }
        result_free(&got);
        if ((leaked = run_leaks(live_before, NULL)))
            leaky_run(in, k, leaked, o);
    }
    result_free(&clean);
    pr->finished = true;
}

static void add_tally(tally *to, const tally *t)
{
    to->runs += t->runs;
    to->nomem += t->nomem;
    to->identical += t->identical;
    to->different += t->different;
    to->known += t->known;
    to->other_status += t->other_status;
    to->crashes += t->crashes;
    to->leaks += t->leaks;
    to->spared += t->spared;
}

static void print_tally(const char *what, const tally *t)
{
    printf("%s: %lu runs: %lu out of memory, %lu identical, %lu different, %lu other status, %lu crashes, "
           "%lu leaks, %lu known, %lu spared\n",
           what, t->runs, t->nomem, t->identical, t->different, t->other_status, t->crashes, t->leaks, t->known,
           t->spared);
}

/* Sweeps one input in child processes: after a crash (counted, or known
 * by where its allocation failed) a new child goes on after that k.  A
 * child that finishes but exits non-zero had leaks or memory errors. */
static bool sweep_isolated(const input *in, const options *o, tally *total)
{
    memset(pr, 0, sizeof *pr);
    pr->next_k = 1;
    bool child_errors = false;
    current_path = in->path;
    while (!pr->finished) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            sweep(in, o);
            fflush(stdout);
            xmlCleanupParser();
            exit(0);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0)
            break;
        if (pr->finished) {
            child_errors = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
            if (child_errors)
                printf("  %s: the sweep ended with exit status %d: leaks or memory errors (see above)\n", in->path,
                       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
            break;
        }
        bool hung = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;
        bad_run(in, pr->next_k, hung ? "hung (killed after " XSTR(RUN_MS) " ms)" : "crashed", &pr->t.crashes, o);
        pr->finished = pr->n == 0 || pr->next_k >= pr->n;
        pr->next_k++;
    }
    if (pr->listed > o->list)
        printf("  … and %lu more\n", pr->listed - o->list);
    for (size_t i = 0; i < nknown && !o->brief; i++)
        if (pr->known_hits[i])
            printf("  known: %lu runs (first k=%lu): %s < %s: %s\n", pr->known_hits[i], pr->known_first[i],
                   known[i].callee, known[i].caller, known[i].why);
    char what[600];
    snprintf(what, sizeof what, "%s: %lu allocations", in->path, pr->n);
    print_tally(what, &pr->t);
    add_tally(total, &pr->t);
    current_path = NULL;
    return !pr->clean_failed && !child_errors && pr->t.different == 0 && pr->t.other_status == 0 &&
           pr->t.crashes == 0 && pr->t.leaks == 0;
}

static bool load(const char *path, input *in)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    in->path = path;
    in->data = malloc(size > 0 ? (size_t)size : 1);
    in->len = in->data ? fread(in->data, 1, (size_t)size, f) : 0;
    fclose(f);
    return in->data && in->len == (size_t)size;
}

static void usage(void)
{
    fprintf(stderr, "usage: alloc_fail [--stride N] [--edge N] [--only K] [--list N] [--known FILE] [--strict] "
                    "[--brief] FILE...\n");
    exit(2);
}

static int parse_options(int argc, char **argv, options *o)
{
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (!strcmp(argv[i], "--strict") || !strcmp(argv[i], "--brief")) {
            *(argv[i][2] == 's' ? &o->strict : &o->brief) = true;
            continue;
        }
        if (i + 1 >= argc)
            usage();
        const char *name = argv[i], *arg = argv[++i];
        unsigned long v = strtoul(arg, NULL, 10);
        if (!strcmp(name, "--stride"))
            o->stride = v;
        else if (!strcmp(name, "--edge"))
            o->edge = v;
        else if (!strcmp(name, "--only"))
            o->only = v;
        else if (!strcmp(name, "--list"))
            o->list = v;
        else if (!strcmp(name, "--known"))
            read_known(arg);
        else
            usage();
    }
    if (i >= argc)
        usage();
    return i;
}

#if defined(__SANITIZE_ADDRESS__)
void __sanitizer_set_death_callback(void (*callback)(void));
#endif

int main(int argc, char **argv)
{
    options o = {.stride = 1, .list = 10};
    int i = parse_options(argc, argv, &o);
    struct {
        struct alloc_state alloc;
        struct progress progress;
    } *shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return 1;
    memset(shared, 0, sizeof *shared);
    alloc = &shared->alloc;
    pr = &shared->progress;
    signal(SIGSEGV, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGABRT, on_signal);
    signal(SIGFPE, on_signal);
    signal(SIGALRM, on_signal);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_set_death_callback(note_crash);
#endif
    void *warm[4];
    backtrace(warm, 4); /* its first call loads libgcc: not while counting */
    xmlMemSetup(__wrap_free, __wrap_malloc, __wrap_realloc, counted_strdup);
    xmlInitParser();
    json_set_alloc_funcs(__wrap_malloc, __wrap_free);

    tally total = {0};
    int passed = 0, failed = 0;
    for (; i < argc; i++) {
        input in = {0};
        bool ok = load(argv[i], &in);
        if (!ok)
            printf("%s: cannot read\n", argv[i]);
        ok = ok && sweep_isolated(&in, &o, &total);
        free(in.data);
        *(ok ? &passed : &failed) += 1;
    }
    print_tally("all", &total);
    xmlCleanupParser();
    alloc = NULL;
    pr = NULL;
    munmap(shared, sizeof *shared);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
