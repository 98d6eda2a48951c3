/* pdf_context.c — one MuPDF context per thread: a base context made once
 * with the locks MuPDF asks for (a mutex per FZ_LOCK_*), and a clone of it
 * for each thread that reads a PDF, kept in a thread-local slot (tls.c) and
 * dropped when the thread ends.  MuPDF's own warnings and errors are
 * silenced: the library never prints. */
#include <pthread.h>

#include "pdf_mupdf.h"

static pthread_mutex_t fz_mutexes[FZ_LOCK_MAX];
static fz_context *base_context;
static pthread_key_t context_key;
static bool context_key_ok;
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

static void lock_fz(void *user, int lock)
{
    (void)user;
    pthread_mutex_lock(&fz_mutexes[lock]);
}

static void unlock_fz(void *user, int lock)
{
    (void)user;
    pthread_mutex_unlock(&fz_mutexes[lock]);
}

static void say_nothing(void *user, const char *message)
{
    (void)user;
    (void)message;
}

static void drop_thread_context(void *ctx) { fz_drop_context(ctx); }

static void make_base_context(void)
{
    static const fz_locks_context locks = {NULL, lock_fz, unlock_fz};
    for (int i = 0; i < FZ_LOCK_MAX; i++)
        pthread_mutex_init(&fz_mutexes[i], NULL);
    base_context = fz_new_context(NULL, &locks, GK_PDF_STORE_BYTES);
    if (!base_context)
        return;
    fz_set_warning_callback(base_context, say_nothing, NULL);
    fz_set_error_callback(base_context, say_nothing, NULL);
    context_key_ok = gk_tls_key_create(&context_key, drop_thread_context);
}

/* This thread's context, made on first use and dropped when the thread
 * ends (tls.c); NULL when MuPDF could not be set up. */
__attribute__((noinline)) /* its locals stay out of the callers' fz_try frames */
fz_context *gk_pdf_thread_context(void)
{
    pthread_once(&base_once, make_base_context);
    if (!base_context || !context_key_ok)
        return NULL;
    fz_context *ctx = pthread_getspecific(context_key);
    if (ctx)
        return ctx;
    ctx = fz_clone_context(base_context);
    if (!ctx)
        return NULL;
    fz_set_warning_callback(ctx, say_nothing, NULL);
    fz_set_error_callback(ctx, say_nothing, NULL);
    if (pthread_setspecific(context_key, ctx) != 0) {
        fz_drop_context(ctx);
        return NULL;
    }
    return ctx;
}
