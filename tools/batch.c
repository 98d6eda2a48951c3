/* batch.c — converts a list of inputs with a pool of worker threads.
 * Results are emitted in input order whatever finishes first, so -j N
 * writes exactly what -j 1 writes; workers run at most WINDOW_PER_JOB
 * inputs ahead of the emitter, so memory stays flat however long the list.
 * The worker that stores the next result in order emits it (and any ready
 * after it), so no thread is woken per report just to write; the calling
 * thread is always one of the N workers, so the batch runs even when no
 * other thread can.  One bad input is reported and the batch goes on; an
 * input that runs out of memory is one such input (exit 70), and a
 * message that cannot be allocated still names its input. */
#include <errno.h>
#include <libxml/globals.h>
#include <libxml/threads.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { WINDOW_PER_JOB = 8 };

typedef struct {
    char *text;      /* what goes to the shared output, or NULL */
    char *error;     /* "what is wrong", or NULL */
    const char *why; /* static: said instead of error when it could not be allocated */
    int code;        /* exit status this input contributes; nonzero: it failed */
    bool done, skipped, inconsistent;
    gk_html_index_entry index; /* --format html -o DIR: its line of DIR/index.html */
} result;

typedef struct {
    FILE *out;          /* shared output, or NULL when each input has a file */
    char *out_path, *out_tmp;
    FILE *failures;
    int out_errno; /* of the first failed write to out */
    progress prog;
    int worst;
    gk_html_index_entry *index; /* one per input, in input order; NULL: no index */
    size_t index_count;
} emitter;

typedef struct {
    const input_list *inputs;
    const batch_options *opt;
    emitter *em;
    result *slots;
    size_t window, next_claim, next_emit;
    bool emitting; /* a worker is emitting: the others leave it to that one */
    bool open;     /* every worker has started: inputs may be claimed */
    int handshake; /* a starting worker's answer: 1 ready, -1 it stopped */
    pthread_mutex_t mu;
    pthread_cond_t freed;   /* a window slot was freed, or the pool opened */
    pthread_cond_t started; /* handshake was set */
} pool;

const char *format_ext(out_format f)
{
    static const char *const ext[] = {"json", "jsonl", "xml", "csv", "html"};
    return ext[f];
}

static int status_exit(gk_status st)
{
    switch (st) {
    case GK_OK: return 0;
    case GK_ERR_IO: return EXIT_UNREADABLE;
    case GK_ERR_SCHEMA: return EXIT_SCHEMA;
    case GK_ERR_NOMEM:
    case GK_ERR_INTERNAL: return EXIT_INTERNAL;
    default: return EXIT_UNRECOGNIZED;
    }
}

static bool mkdirs_for(const char *file)
{
    char *p = strdup(file);
    if (!p)
        return false;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return false;
        }
        *s = '/';
    }
    free(p);
    return true;
}

/* Writes to a temporary name beside the target, then renames: an
 * interrupted run never leaves a half-written output. */
static bool write_atomic(const char *path, const char *data)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return false;
    snprintf(tmp, n, "%s.tmp%ld.%lx", path, (long)getpid(), (unsigned long)pthread_self() & 0xffffff);
    FILE *f = fopen(tmp, "wb");
    if (!f && errno == ENOENT && mkdirs_for(path)) /* directories only when missing */
        f = fopen(tmp, "wb");
    bool ok = f != NULL;
    if (f) {
        size_t len = strlen(data);
        ok = fwrite(data, 1, len, f) == len;
        ok = (fclose(f) == 0) && ok;
        ok = ok && rename(tmp, path) == 0;
        if (!ok) {
            int saved = errno;
            unlink(tmp);
            errno = saved;
        }
    }
    free(tmp);
    return ok;
}

static char *target_path(const batch_options *opt, const input *in)
{
    size_t n = strlen(opt->out) + strlen(in->out_name) + 16;
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%s/%s.%s", opt->out, in->out_name, format_ext(opt->format));
    return t;
}

/* Records why an input failed.  The message is built in memory of its
 * own; when even that cannot be had, the input is still named, with the
 * static `why`, so no failure goes unsaid. */
static void fail(result *r, int code, const char *why, const char *fmt, ...)
{
    r->code = code;
    r->why = why;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(r->error = malloc((size_t)n + 1)))
        return;
    va_start(ap, fmt);
    vsnprintf(r->error, (size_t)n + 1, fmt, ap);
    va_end(ap);
}

/* The library's failure.  Out of memory is said first, as "FILE: out of
 * memory (what the library was doing)", whatever stage ran out, so such
 * inputs are found (and retried) apart from damaged ones. */
static void fail_status(result *r, gk_status st, const gk_error *err)
{
    const char *msg = err->message[0] ? err->message : gk_strerror(st);
    if (st == GK_ERR_NOMEM && strncmp(msg, "out of memory", 13) != 0)
        fail(r, EXIT_INTERNAL, "out of memory", "out of memory (%s)", msg);
    else
        fail(r, status_exit(st), st == GK_ERR_NOMEM ? "out of memory" : gk_strerror(st), "%s", msg);
}

/* Writes text to target; an allocation that fails on the way (the
 * temporary name, a directory's name, stdio's FILE) is out of memory,
 * exit 70 like any other, not an unwritable output. */
static void write_output(result *r, const char *target, const char *text)
{
    if (write_atomic(target, text))
        return;
    int e = errno;
    if (e == ENOMEM)
        fail(r, EXIT_INTERNAL, "out of memory", "out of memory writing %s", target);
    else
        fail(r, EXIT_OUTPUT, "cannot write the output", "cannot write %s: %s", target, strerror(e));
}

/* The input's line of DIR/index.html; its page is at <out_name>.html
 * beside the index.  Without memory for it the input fails (exit 70). */
static void index_entry(result *r, const gk_report *report, const input *in)
{
    size_t n = strlen(in->out_name) + 8;
    char *href = malloc(n);
    gk_error err;
    if (href)
        snprintf(href, n, "%s.html", in->out_name);
    if (!href || gk_html_index_entry_set(&r->index, report, href, &err) != GK_OK)
        fail(r, EXIT_INTERNAL, "out of memory", "out of memory for its line of the HTML index");
    free(href);
}

/* The index line of an input that failed or was skipped (--skip-existing:
 * a link to the page already there). */
static void index_entry_other(result *r, const input *in)
{
    gk_error err;
    if (r->code) {
        gk_html_index_entry_failed(&r->index, in->path, r->error ? r->error : r->why, &err);
        return; /* without memory: an empty line, the failure is still reported */
    }
    size_t n = strlen(in->out_name) + 8;
    r->index.href = malloc(n);
    r->index.source = strdup(in->path);
    if (r->index.href)
        snprintf(r->index.href, n, "%s.html", in->out_name);
}

static result convert_one(const batch_options *opt, const input *in)
{
    result r = {0};
    char *target = NULL;
    if (opt->out_is_dir && !(target = target_path(opt, in))) {
        fail(&r, EXIT_INTERNAL, "out of memory", "out of memory");
        return r;
    }
    if (target && opt->skip_existing && access(target, F_OK) == 0) {
        free(target);
        r.skipped = true;
        return r;
    }
    gk_report *report = NULL;
    gk_error err;
    gk_status st = gk_report_from_file(in->path, &report, &err);
    if (st != GK_OK) {
        fail_status(&r, st, &err);
        free(target);
        return r;
    }
    r.inconsistent = gk_report_failed_checks(report) > 0;
    char *text = opt->format == FMT_JSON    ? gk_report_to_json(report, &err)
                 : opt->format == FMT_JSONL ? gk_report_to_json_line(report, &err)
                 : opt->format == FMT_XML   ? gk_report_to_xml(report, &err)
                 : opt->format == FMT_HTML  ? gk_report_to_html(report, &err)
                                            : gk_report_csv_row(report, &err);
    if (text && opt->format == FMT_HTML && target)
        index_entry(&r, report, in);
    gk_report_free(report);
    if (!text) {
        fail_status(&r, err.status, &err);
    } else if (target) {
        write_output(&r, target, text);
        free(text);
    } else {
        r.text = text;
    }
    free(target);
    return r;
}

/* Allocates nothing: stderr is unbuffered, and a failure list whose
 * buffer cannot be allocated is written unbuffered by stdio. */
static void emit(emitter *e, const input *in, result *r)
{
    if (r->code) {
        const char *msg = r->error ? r->error : r->why;
        progress_clear(&e->prog);
        fprintf(stderr, "%s: %s\n", in->path, msg);
        if (e->failures)
            fprintf(e->failures, "%s\t%s\n", in->path, msg);
        e->prog.failed++;
        e->worst = r->code > e->worst ? r->code : e->worst;
    }
    /* a failed write stays in ferror(), read at close; its errno is kept
     * for the message */
    if (r->text && e->out && fputs(r->text, e->out) == EOF && !e->out_errno)
        e->out_errno = errno;
    if (e->index)
        e->index[e->index_count++] = r->index; /* emitted in input order */
    else
        gk_html_index_entry_clear(&r->index);
    e->prog.skipped += r->skipped;
    e->prog.inconsistent += r->inconsistent;
    free(r->text);
    free(r->error);
    progress_step(&e->prog);
}

/* Emits, in order, every result that is ready; called with p->mu held by
 * the one worker that set p->emitting.  The lock is dropped while writing,
 * so the other workers keep converting. */
static void emit_ready(pool *p)
{
    size_t n = p->inputs->count;
    while (p->next_emit < n && p->slots[p->next_emit % p->window].done) {
        size_t i = p->next_emit++;
        result r = p->slots[i % p->window];
        memset(&p->slots[i % p->window], 0, sizeof r);
        pthread_cond_broadcast(&p->freed);
        pthread_mutex_unlock(&p->mu);
        emit(p->em, &p->inputs->items[i], &r);
        pthread_mutex_lock(&p->mu);
    }
}

/* Claims, converts and stores inputs until none is left; called and
 * returns with p->mu held.  A worker leaves only between inputs, so every
 * claimed slot is filled and the window always moves on. */
static void work(pool *p)
{
    size_t n = p->inputs->count;
    for (;;) {
        while (p->next_claim < n && p->next_claim >= p->next_emit + p->window)
            pthread_cond_wait(&p->freed, &p->mu);
        if (p->next_claim >= n)
            break;
        size_t i = p->next_claim++;
        pthread_mutex_unlock(&p->mu);
        result r = convert_one(p->opt, &p->inputs->items[i]);
        if (p->em->index && !r.index.source)
            index_entry_other(&r, &p->inputs->items[i]);
        r.done = true;
        pthread_mutex_lock(&p->mu);
        p->slots[i % p->window] = r;
        /* Both the check and the store happen under the lock: a result
         * stored while another worker emits is seen by that worker. */
        if (!p->emitting) {
            p->emitting = true;
            emit_ready(p);
            p->emitting = false;
        }
    }
}

/* libxml2 2.9 keeps its error state and parser defaults per thread (the
 * main thread excepted), allocated at the thread's first use of libxml2.
 * When that malloc fails, libxml2 reports it through the very state it
 * could not allocate and recurses until the stack overflows.  So a worker
 * allocates it before it takes any input, right after proving there is
 * room: two blocks of its size, freed, are what the next malloc of that
 * size gets (from this thread's cache, or from the arena while no other
 * thread allocates: workers start one at a time).  No room: the worker
 * stops, and the others take its share. */
static bool libxml2_thread_ready(void)
{
    void *room[2] = {malloc(sizeof(xmlGlobalState)), malloc(sizeof(xmlGlobalState))};
    bool ok = room[0] && room[1];
    free(room[0]);
    free(room[1]);
    return ok && xmlGetGlobalState() != NULL;
}

static void *worker_thread(void *arg)
{
    pool *p = arg;
    bool ready = libxml2_thread_ready();
    pthread_mutex_lock(&p->mu);
    p->handshake = ready ? 1 : -1;
    pthread_cond_signal(&p->started);
    while (ready && !p->open)
        pthread_cond_wait(&p->freed, &p->mu);
    if (ready)
        work(p);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Starts up to `wanted` threads, one at a time: each has set up its
 * libxml2 state before the next is created, while no input is being
 * converted.  Stops at the first that cannot be created (EAGAIN under
 * ulimit -v: no room for its stack) or cannot set up: memory is short,
 * and the next would fail the same way.  Returns how many were created
 * (all to be joined); *running says how many are working. */
static int start_workers(pool *p, pthread_t *threads, int wanted, int *running, const char **why)
{
    int created = 0;
    *running = 0;
    *why = NULL;
    pthread_mutex_lock(&p->mu);
    while (created < wanted) {
        p->handshake = 0;
        int rc = pthread_create(&threads[created], NULL, worker_thread, p);
        if (rc != 0) {
            *why = strerror(rc);
            break;
        }
        created++;
        while (!p->handshake)
            pthread_cond_wait(&p->started, &p->mu);
        if (p->handshake < 0) {
            *why = "out of memory for libxml2's per-thread state";
            break;
        }
        ++*running;
    }
    pthread_mutex_unlock(&p->mu);
    return created;
}

/* Runs the pool: jobs - 1 threads and the calling thread, which needs no
 * libxml2 state of its own (libxml2's main thread uses its globals) and so
 * always works, however few of the others could start.  Fewer workers
 * than asked is said (unless quiet): the output is the same, only slower. */
static void run_pool(pool *p, int jobs, bool quiet)
{
    pthread_t *threads = jobs > 1 ? calloc((size_t)jobs - 1, sizeof *threads) : NULL;
    int running = 0, created = 0;
    const char *why = NULL;
    if (jobs > 1 && !threads)
        why = strerror(ENOMEM);
    else
        created = start_workers(p, threads, jobs - 1, &running, &why);
    if (why && !quiet)
        fprintf(stderr, "gkreport: running %d of %d workers: %s\n", running + 1, jobs, why);
    pthread_mutex_lock(&p->mu);
    p->open = true;
    pthread_cond_broadcast(&p->freed); /* the started workers wait for it */
    work(p);
    pthread_mutex_unlock(&p->mu);
    for (int t = 0; t < created; t++)
        pthread_join(threads[t], NULL);
    free(threads);
}

/* 0, or the exit status: out of memory is 70, an unwritable -o FILE 6. */
static int open_shared_output(emitter *e, const batch_options *opt)
{
    if (opt->out_is_dir)
        return 0;
    if (!opt->out) {
        e->out = stdout;
        return 0;
    }
    e->out_path = strdup(opt->out);
    size_t n = strlen(opt->out) + 32;
    e->out_tmp = malloc(n);
    if (!e->out_path || !e->out_tmp) {
        fprintf(stderr, "%s: out of memory\n", opt->out);
        return EXIT_INTERNAL;
    }
    snprintf(e->out_tmp, n, "%s.tmp%ld", opt->out, (long)getpid());
    if (!mkdirs_for(e->out_path) || !(e->out = fopen(e->out_tmp, "wb"))) {
        int err = errno;
        fprintf(stderr, "%s: cannot write: %s\n", opt->out, strerror(err));
        return err == ENOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
    }
    return 0;
}

/* Ends the shared output: on success the temporary file takes the target
 * name; when the run could not start (commit false) it is removed and an
 * existing target is left as it was. */
static void close_shared_output(emitter *e, bool commit)
{
    if (e->out == stdout) {
        if (ferror(stdout) || fflush(stdout) != 0) {
            fprintf(stderr, "gkreport: cannot write standard output: %s\n",
                    strerror(e->out_errno ? e->out_errno : errno));
            e->worst = e->worst > EXIT_OUTPUT ? e->worst : EXIT_OUTPUT;
        }
    } else if (e->out) {
        bool ok = !ferror(e->out);
        ok = fclose(e->out) == 0 && ok;
        if (e->out_errno)
            errno = e->out_errno;
        if (!commit) {
            unlink(e->out_tmp);
        } else if (!ok || rename(e->out_tmp, e->out_path) != 0) {
            fprintf(stderr, "%s: cannot write: %s\n", e->out_path, strerror(errno));
            unlink(e->out_tmp);
            e->worst = e->worst > EXIT_OUTPUT ? e->worst : EXIT_OUTPUT;
        }
    }
    free(e->out_path);
    free(e->out_tmp);
}

/* Opens the outputs: the failure list first, so a run that cannot start
 * leaves -o FILE as it was.  0, or the exit status. */
static int open_outputs(emitter *e, const batch_options *opt)
{
    if (opt->failures_path && !(e->failures = fopen(opt->failures_path, "w"))) {
        int err = errno;
        fprintf(stderr, "%s: cannot write the failure list: %s\n", opt->failures_path, strerror(err));
        return err == ENOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
    }
    int rc = open_shared_output(e, opt);
    if (rc) {
        free(e->out_path);
        free(e->out_tmp);
        if (e->failures)
            fclose(e->failures);
        return rc;
    }
    if (opt->format == FMT_CSV && e->out) {
        /* without its header a CSV's columns cannot be read: no run */
        char *header = gk_csv_header();
        if (!header) {
            fputs("gkreport: out of memory writing the CSV header\n", stderr);
            close_shared_output(e, false);
            if (e->failures)
                fclose(e->failures);
            return EXIT_INTERNAL;
        }
        fputs(header, e->out);
        free(header);
    }
    return 0;
}

/* DIR/index.html: every input's line, in input order. */
static void write_index(emitter *e, const batch_options *opt)
{
    gk_error err;
    char *text = gk_html_index(e->index, e->index_count, &err);
    size_t n = strlen(opt->out) + 16;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/index.html", opt->out);
    if (!text || !path) {
        fprintf(stderr, "%s/index.html: out of memory\n", opt->out);
        e->worst = e->worst > EXIT_INTERNAL ? e->worst : EXIT_INTERNAL;
    } else if (!write_atomic(path, text)) {
        fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
        e->worst = e->worst > EXIT_OUTPUT ? e->worst : EXIT_OUTPUT;
    }
    free(text);
    free(path);
    for (size_t i = 0; i < e->index_count; i++)
        gk_html_index_entry_clear(&e->index[i]);
    free(e->index);
}

int batch_run(const input_list *inputs, const batch_options *opt)
{
    emitter e = {0};
    int rc = open_outputs(&e, opt);
    if (rc)
        return rc;
    progress_start(&e.prog, inputs->count, !opt->quiet && isatty(STDERR_FILENO));
    if (opt->format == FMT_HTML && opt->out_is_dir && !(e.index = calloc(inputs->count + 1, sizeof *e.index))) {
        fputs("gkreport: out of memory for the HTML index\n", stderr);
        close_shared_output(&e, false);
        if (e.failures)
            fclose(e.failures);
        return EXIT_INTERNAL;
    }

    size_t n = inputs->count;
    int jobs = opt->jobs < 1 ? 1 : opt->jobs;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    pool p = {.inputs = inputs, .opt = opt, .em = &e, .window = (size_t)jobs * WINDOW_PER_JOB};
    p.slots = calloc(p.window, sizeof *p.slots);
    if (!p.slots) {
        fputs("gkreport: out of memory starting the batch\n", stderr);
        free(e.index);
        close_shared_output(&e, false);
        if (e.failures)
            fclose(e.failures);
        return EXIT_INTERNAL;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.freed, NULL);
    pthread_cond_init(&p.started, NULL);
    run_pool(&p, jobs, opt->quiet);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.freed);
    pthread_cond_destroy(&p.started);
    free(p.slots);
    close_shared_output(&e, true);
    if (e.index)
        write_index(&e, opt);
    if (e.failures) {
        bool ok = !ferror(e.failures);
        if (fclose(e.failures) != 0 || !ok) {
            fprintf(stderr, "%s: cannot write the failure list: %s\n", opt->failures_path, strerror(errno));
            e.worst = e.worst > EXIT_OUTPUT ? e.worst : EXIT_OUTPUT;
        }
    }
    progress_clear(&e.prog);
    if (!opt->quiet && (n > 1 || e.prog.enabled))
        progress_summary(&e.prog, stderr);
    return e.worst;
}
