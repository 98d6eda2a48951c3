/* cli.h — the command line's parts: inputs collected, a batch run by a pool
 * of workers with results emitted in input order, progress on stderr. */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gkreport.h"

enum {
    EXIT_USAGE = 2,        /* bad options or arguments */
    EXIT_UNREADABLE = 3,   /* an input could not be opened or read */
    EXIT_UNRECOGNIZED = 4, /* an input is empty, damaged, too large or not a report */
    EXIT_SCHEMA = 5,       /* an XML document failed schema validation */
    EXIT_OUTPUT = 6,       /* an output could not be written */
    EXIT_INTERNAL = 70     /* out of memory or a library failure */
};

typedef enum { FMT_JSON, FMT_JSONL, FMT_XML, FMT_CSV, FMT_HTML } out_format;

/* One input: the path to read and the name its output gets under -o DIR. */
typedef struct {
    char *path;
    char *out_name; /* relative: "x.html" or "2019/x.html" (mirrored tree) */
} input;

typedef struct {
    input *items;
    size_t count, cap;
} input_list;

/* inputs.c */
int inputs_add_arg(input_list *list, const char *arg, bool recursive); /* 0 or an exit code */
int inputs_add_files_from(input_list *list, const char *list_path);    /* 0 or an exit code */
void inputs_free(input_list *list);
/* With -o DIR: two different files with one output name (x.html given as
 * a/x.html and b/x.html) would overwrite each other; 0 or EXIT_USAGE. */
int inputs_check_out_names(const input_list *list, const char *dir, const char *ext);

typedef struct {
    out_format format;
    const char *out;   /* -o */
    bool out_is_dir;   /* outputs go to out/<out_name>.<ext> */
    bool skip_existing;
    bool quiet;
    int jobs;
    const char *failures_path;
} batch_options;

/* batch.c: converts every input; returns the exit status. */
int batch_run(const input_list *inputs, const batch_options *opt);
const char *format_ext(out_format f);

/* progress.c */
typedef struct {
    bool enabled; /* stderr is a terminal and not --quiet */
    size_t total, done, failed, inconsistent, skipped;
    double started, last_draw;
} progress;

void progress_start(progress *p, size_t total, bool enabled);
void progress_step(progress *p);
void progress_clear(progress *p);
void progress_summary(const progress *p, FILE *to);

#endif
