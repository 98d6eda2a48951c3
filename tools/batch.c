/* batch.c — converts a list of inputs with a pool of worker threads.
 * Results are emitted in input order whatever finishes first, so -j N
 * writes exactly what -j 1 writes; workers run at most WINDOW_PER_JOB
 * inputs ahead of the emitter, so memory stays flat however long the list;
 * inputs are taken from their source as they are claimed, so a streamed
 * --files-from list converts while it is still being written.
 * The worker that stores the next result in order emits it (and any ready
 * after it), so no thread is woken per report just to write; the calling
 * thread is always one of the N workers, so the batch runs even when no
 * other thread can.  One bad input is reported and the batch goes on; an
 * input that runs out of memory is one such input (exit 70), and a
 * message that cannot be allocated still names its input. */
#include <errno.h>
#include <fcntl.h>
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
    out_file out;  /* the shared output (jsonl, csv, or -o FILE) */
    bool has_out;  /* false: each input has a file of its own */
    const char *out_label; /* for messages: the -o FILE, or NULL for stdout */
    int out_errno; /* of the first failed write to out: no more written */
    FILE *failures;
    progress prog;
    int worst;
    bool indexing;              /* --format html -o DIR: DIR/index.html is written at the end */
    gk_html_index_entry *index; /* one per input emitted, in input order */
    size_t index_count, index_cap;
} emitter;

typedef struct {
    input in;
    result r;
} slot;

typedef struct {
    input_source *source;
    const batch_options *opt;
    emitter *em;
    clash_set *clashes; /* streamed lists with -o DIR, else NULL */
    slot *slots;
    size_t window, next_claim, next_emit;
    bool reading;  /* a worker is taking the next input from the source */
    bool ended;    /* the source has no more */
    bool emitting; /* a worker is emitting: the others leave it to that one */
    bool open;     /* every worker has started: inputs may be claimed */
    int handshake; /* a starting worker's answer: 1 ready, -1 it stopped */
    pthread_mutex_t mu;
    pthread_cond_t freed;   /* a window slot was freed, the source read, or the pool opened */
    pthread_cond_t started; /* handshake was set */
} pool;

const char *format_ext(out_format f)
{
    static const char *const ext[] = {"json", "jsonl", "xml", "csv", "long.csv", "html"};
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
 * temporary name, a directory's name) is out of memory, exit 70 like any
 * other, not an unwritable output. */
static void write_output(result *r, const batch_options *opt, const char *target, const char *text)
{
    out_file f;
    int e = out_file_open(&f, target, true);
    if (!e) {
        e = out_file_write(&f, text, strlen(text));
        int c = out_file_close(&f, e == 0, opt->sync);
        e = e ? e : c;
    }
    if (e == ENOMEM)
        fail(r, EXIT_INTERNAL, "out of memory", "out of memory writing %s", target);
    else if (e)
        fail(r, EXIT_OUTPUT, "cannot write the output", "cannot write %s: %s", target, strerror(e));
}

/* A FIFO, socket or device named as an input is refused before it is
 * read: reading it could block the batch forever.  The check opens without
 * blocking; the library reads the file by name afterwards.  true: refused. */
static bool not_regular(result *r, const char *path)
{
    if (strcmp(path, "-") == 0)
        return false; /* standard input, whatever it is */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false; /* the library says why it cannot be opened */
    struct stat st;
    bool refused = fstat(fd, &st) == 0 && !S_ISREG(st.st_mode);
    close(fd);
    if (refused)
        fail(r, EXIT_UNREADABLE, "not a regular file", "not a regular file (%s)",
             S_ISDIR(st.st_mode)    ? "a directory"
             : S_ISFIFO(st.st_mode) ? "a FIFO"
             : S_ISSOCK(st.st_mode) ? "a socket"
             : S_ISCHR(st.st_mode)  ? "a character device"
                                    : "a block device");
    return refused;
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
    if (in->reject || in->reject_code) {
        /* the input, and so its reason, lives until the result is emitted */
        const char *why = in->reject ? in->reject : "out of memory";
        fail(&r, in->reject_code, why, "%s", why);
        return r;
    }
    char *target = NULL;
    if (opt->out_is_dir && !(target = target_path(opt, in))) {
        fail(&r, EXIT_INTERNAL, "out of memory", "out of memory");
        return r;
    }
    if (opt->format == FMT_HTML && target && !strcmp(in->out_name, "index")) {
        free(target); /* DIR/index.html is the batch's index page */
        fail(&r, EXIT_USAGE, "its page would replace the index page", "its page would replace the index page (index.html)");
        return r;
    }
    if (target && opt->skip_existing && output_finished(target, opt->format)) {
        free(target);
        r.skipped = true;
        return r;
    }
    if (not_regular(&r, in->path)) {
        free(target);
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
                 : opt->format == FMT_LONG  ? gk_report_long_rows(report, opt->csv_options, &err)
                 : opt->format == FMT_HTML  ? gk_report_to_html(report, &err)
                                            : gk_report_csv_row_opt(report, opt->csv_options, &err);
    if (text && opt->format == FMT_HTML && target)
        index_entry(&r, report, in);
    gk_report_free(report);
    if (!text) {
        fail_status(&r, err.status, &err);
    } else if (target) {
        write_output(&r, opt, target, text);
        free(text);
    } else {
        r.text = text;
    }
    free(target);
    return r;
}

/* Keeps an input's line of the index (the emitter's, in input order; the
 * list grows as a streamed batch goes).  Without memory the line is lost
 * and the run ends with exit 70, saying so. */
static void index_add(emitter *e, result *r)
{
    if (e->index_count == e->index_cap) {
        size_t cap = e->index_cap ? 2 * e->index_cap : 64;
        gk_html_index_entry *grown = realloc(e->index, cap * sizeof *grown);
        if (!grown) {
            if (e->worst < EXIT_INTERNAL)
                fputs("gkreport: out of memory for a line of the HTML index\n", stderr);
            e->worst = EXIT_INTERNAL;
            gk_html_index_entry_clear(&r->index);
            return;
        }
        e->index = grown;
        e->index_cap = cap;
    }
    e->index[e->index_count++] = r->index;
}

/* Allocates nothing but the HTML index's growth: stderr is unbuffered, and a failure list whose
 * buffer cannot be allocated is written unbuffered by stdio. */
static void emit(emitter *e, const input *in, result *r)
{
    if (r->code) {
        const char *msg = r->error ? r->error : r->why;
        progress_clear(&e->prog);
        fprintf(stderr, "%s: %s\n", in->path, msg);
        if (e->failures)
            failure_write(e->failures, in->path, msg, r->code);
        e->prog.failed++;
        e->worst = r->code > e->worst ? r->code : e->worst;
    }
    /* one write per record; after a failed one nothing more is written,
     * and its errno is kept for the message */
    if (r->text && e->has_out && !e->out_errno)
        e->out_errno = out_file_write(&e->out, r->text, strlen(r->text));
    if (e->indexing)
        index_add(e, r);
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
    for (;;) {
        if (p->ended && !p->em->prog.total_known) { /* for the progress bar */
            p->em->prog.total = p->next_claim;
            p->em->prog.total_known = true;
        }
        if (!p->slots[p->next_emit % p->window].r.done)
            break;
        size_t i = p->next_emit++;
        slot s = p->slots[i % p->window];
        memset(&p->slots[i % p->window], 0, sizeof s);
        pthread_cond_broadcast(&p->freed);
        pthread_mutex_unlock(&p->mu);
        emit(p->em, &s.in, &s.r);
        input_free(&s.in);
        pthread_mutex_lock(&p->mu);
    }
}

/* With -o DIR and a streamed list: an input whose output an earlier,
 * different file claimed is refused (exit 2), in its turn. */
static void claim_output(pool *p, input *in)
{
    if (!p->clashes || in->reject)
        return;
    int c = clash_claim(p->clashes, in->out_name, in->path);
    if (c < 0) {
        in->reject_code = EXIT_INTERNAL;
    } else if (c > 0) {
        const char *fmt = "would overwrite the output of an earlier input (%s/%s.%s)";
        const char *ext = format_ext(p->opt->format);
        int n = snprintf(NULL, 0, fmt, p->opt->out, in->out_name, ext);
        in->reject_code = EXIT_USAGE;
        if (n > 0 && (in->reject = malloc((size_t)n + 1)))
            snprintf(in->reject, (size_t)n + 1, fmt, p->opt->out, in->out_name, ext);
    }
}

/* Claims, converts and stores inputs until the source ends; called and
 * returns with p->mu held.  One worker at a time takes the next input
 * from the source, without the lock, so a list that is slow to come
 * blocks no result from being written.  A worker leaves only between
 * inputs, so every claimed slot is filled and the window always moves on. */
static void work(pool *p)
{
    for (;;) {
        while (!p->ended && (p->reading || p->next_claim >= p->next_emit + p->window))
            pthread_cond_wait(&p->freed, &p->mu);
        if (p->ended)
            break;
        p->reading = true;
        pthread_mutex_unlock(&p->mu);
        input in;
        int got = source_next(p->source, &in);
        if (got)
            claim_output(p, &in);
        pthread_mutex_lock(&p->mu);
        p->reading = false;
        if (!got)
            p->ended = true;
        pthread_cond_broadcast(&p->freed);
        if (!got) {
            if (!p->emitting) { /* the total is known now */
                p->emitting = true;
                emit_ready(p);
                p->emitting = false;
            }
            break;
        }
        size_t i = p->next_claim++;
        p->slots[i % p->window].in = in;
        pthread_mutex_unlock(&p->mu);
        result r = convert_one(p->opt, &in);
        if (p->em->indexing && !r.index.source)
            index_entry_other(&r, &in);
        r.done = true;
        pthread_mutex_lock(&p->mu);
        p->slots[i % p->window].r = r;
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
    e->has_out = true;
    e->out_label = opt->out;
    if (!opt->out) {
        out_file_stdout(&e->out);
        return 0;
    }
    int err = out_file_open(&e->out, opt->out, true);
    if (err) {
        e->has_out = false;
        fprintf(stderr, "%s: cannot write: %s\n", opt->out, strerror(err));
        return err == ENOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
    }
    return 0;
}

/* Ends the shared output: on success the temporary file takes the target
 * name; when the run could not start (commit false), or a write failed,
 * it is removed and an existing target is left as it was. */
static void close_shared_output(emitter *e, const batch_options *opt, bool commit)
{
    if (!e->has_out)
        return;
    int err = out_file_close(&e->out, commit && !e->out_errno, opt->sync);
    err = e->out_errno ? e->out_errno : err;
    if (commit && err) {
        if (e->out_label)
            fprintf(stderr, "%s: cannot write: %s\n", e->out_label, strerror(err));
        else
            fprintf(stderr, "gkreport: cannot write standard output: %s\n", strerror(err));
        e->worst = e->worst > EXIT_OUTPUT ? e->worst : EXIT_OUTPUT;
    }
    e->has_out = false;
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
        if (e->failures)
            fclose(e->failures);
        return rc;
    }
    if ((opt->format == FMT_CSV || opt->format == FMT_LONG) && e->has_out) {
        /* without its header a CSV's columns cannot be read: no run */
        char *header = opt->format == FMT_LONG ? gk_long_header() : gk_csv_header();
        if (!header) {
            fputs("gkreport: out of memory writing the CSV header\n", stderr);
            close_shared_output(e, opt, false);
            if (e->failures)
                fclose(e->failures);
            return EXIT_INTERNAL;
        }
        if (opt->csv_options & GK_CSV_EXCEL) /* Excel reads UTF-8 only with it */
            e->out_errno = out_file_write(&e->out, GK_UTF8_BOM, strlen(GK_UTF8_BOM));
        if (!e->out_errno)
            e->out_errno = out_file_write(&e->out, header, strlen(header));
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
    } else {
        result r = {0};
        write_output(&r, opt, path, text);
        if (r.code) {
            fprintf(stderr, "%s\n", r.error ? r.error : r.why);
            e->worst = e->worst > r.code ? e->worst : r.code;
        }
        free(r.error);
    }
    free(text);
    free(path);
    for (size_t i = 0; i < e->index_count; i++)
        gk_html_index_entry_clear(&e->index[i]);
    free(e->index);
}

int batch_run(input_source *inputs, const batch_options *opt)
{
    int jobs = opt->jobs < 1 ? 1 : opt->jobs;
    size_t fixed = inputs->fixed.count;
    bool streamed = inputs->nlists > 0;
    if (!streamed && (size_t)jobs > fixed)
        jobs = fixed ? (int)fixed : 1;
    /* a temporary per worker and the shared output; without room, an
     * interrupted run may leave temporaries (hidden names), nothing else */
    out_cleanup_init((size_t)jobs + 1);
    emitter e = {0};
    int rc = open_outputs(&e, opt);
    if (rc)
        return rc;
    progress_start(&e.prog, fixed, !opt->quiet && isatty(STDERR_FILENO));
    e.prog.total_known = !streamed;
    e.prog.passed_by = inputs->fixed.skipped;
    e.indexing = opt->format == FMT_HTML && opt->out_is_dir;

    pool p = {.source = inputs, .opt = opt, .em = &e, .window = (size_t)jobs * WINDOW_PER_JOB};
    p.slots = calloc(p.window, sizeof *p.slots);
    if (opt->check_clashes && streamed)
        p.clashes = clash_set_new();
    if (!p.slots || (opt->check_clashes && streamed && !p.clashes)) {
        fputs("gkreport: out of memory starting the batch\n", stderr);
        free(p.slots);
        clash_set_free(p.clashes);
        close_shared_output(&e, opt, false);
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
    clash_set_free(p.clashes);
    if (inputs->status) /* a list that could not be read to its end: said */
        e.worst = e.worst > inputs->status ? e.worst : inputs->status;
    close_shared_output(&e, opt, true);
    if (e.indexing)
        write_index(&e, opt);
    if (e.failures) {
        bool ok = !ferror(e.failures);
        if (fclose(e.failures) != 0 || !ok) {
            fprintf(stderr, "%s: cannot write the failure list: %s\n", opt->failures_path, strerror(errno));
            e.worst = e.worst > EXIT_OUTPUT ? e.worst : EXIT_OUTPUT;
        }
    }
    progress_clear(&e.prog);
    if (!opt->quiet && (p.next_claim > 1 || e.prog.enabled || e.prog.passed_by))
        progress_summary(&e.prog, stderr);
    return e.worst;
}
