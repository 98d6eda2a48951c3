/* tls.c — per-thread caches (iconv descriptors, PCRE2 match data): each
 * worker's copy is freed when the thread ends, the main thread's when the
 * process exits, so valgrind and LeakSanitizer see no leak. */
#include <pthread.h>
#include <stdlib.h>

#include "internal.h"

enum { MAX_CACHES = 4 };

static struct {
    pthread_key_t key;
    void (*destroy)(void *);
} caches[MAX_CACHES];
static int ncaches;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void free_main_thread_caches(void)
{
    for (int i = 0; i < ncaches; i++) {
        void *p = pthread_getspecific(caches[i].key);
        if (p) {
            caches[i].destroy(p);
            pthread_setspecific(caches[i].key, NULL);
        }
    }
}

bool gk_tls_key_create(pthread_key_t *key, void (*destroy)(void *))
{
    pthread_mutex_lock(&lock);
    bool ok = ncaches < MAX_CACHES && pthread_key_create(key, destroy) == 0;
    if (ok) {
        if (ncaches == 0)
            atexit(free_main_thread_caches);
        caches[ncaches].key = *key;
        caches[ncaches].destroy = destroy;
        ncaches++;
    }
    pthread_mutex_unlock(&lock);
    return ok;
}
