/* init.c — what the library sets up for itself, once per process, so that
 * a caller has nothing to call first; and its versions at run time. */
#include <libxml/parser.h>
#include <pthread.h>

#include "internal.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* libxml2's globals (its dictionaries' lock and random seed, the default
 * handlers) must be set before two threads use it at once; xmlInitParser()
 * itself is not safe to race with. */
static void init_libraries(void) { xmlInitParser(); }

void gk_library_init(void) { pthread_once(&init_once, init_libraries); }

const char *gk_version(void) { return GK_VERSION; }

const char *gk_schema_version(void) { return GK_SCHEMA_VERSION; }
