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

typedef enum { FMT_JSON, FMT_JSONL, FMT_XML, FMT_CSV, FMT_LONG, FMT_HTML } out_format;

/* One input: the path to read and the name its output gets under -o DIR.
 * An input found unusable while collecting (an unreadable directory, a
 * FIFO, a spreadsheet met under -r) carries why, and fails in its turn,
 * in input order, without being read. */
typedef struct {
    char *path;
    char *out_name; /* relative: "x.html" or "2019/x.html" (mirrored tree) */
    char *reject;   /* "what is wrong", or NULL: convert it */
    int reject_code;
} input;

typedef struct {
    input *items;
    size_t count, cap;
    size_t skipped; /* -r: hidden files, Office temporaries, data files */
} input_list;

/* inputs.c */
int inputs_add_arg(input_list *list, const char *arg, bool recursive, bool several_roots); /* 0 or an exit code */
/* Appends a copy of path, out_name and reject: 0, or -1 out of memory. */
int inputs_push(input_list *list, const char *path, const char *out_name, const char *reject, int reject_code);
void inputs_free(input_list *list);
void input_free(input *in);
/* With -o DIR: two different files with one output name (x.html given as
 * a/x.html and b/x.html) would overwrite each other; 0 or EXIT_USAGE. */
int inputs_check_out_names(const input_list *list, const char *dir, const char *ext);
/* "./a//b/../x.txt" → "a/x.txt"; a ".." that would climb out becomes
 * "__", a leading "/" is dropped: an output name that stays inside -o DIR.
 * NULL when out of memory. */
char *normalized_relative(const char *path);

/* walk.c: the regular files below root, in name order, each directory
 * once (by device and inode, symlinked ones followed); what is not
 * converted is a rejected input or counted in list->skipped.  `prefix`
 * goes before each output name ("" for none).  0, or EXIT_INTERNAL. */
int walk_tree(input_list *list, const char *root, const char *prefix);
void walk_done(void); /* frees the directories seen */

/* The inputs in order: FILE arguments and -r walks (collected first),
 * then each --files-from list, read as it is converted. */
typedef struct {
    input_list fixed;
    size_t next_fixed;
    FILE *lists[16];
    const char *list_names[16];
    int nlists, next_list;
    char separator; /* '\n', or '\0' with -0 */
    char *line;
    size_t line_cap;
    int status; /* a list that could not be read: its exit status */
} input_source;

/* Opens every list before anything converts.  0 or an exit code. */
int source_open_list(input_source *s, const char *list_path);
/* The next input, moved to *out (the caller frees it with input_free):
 * 1, or 0 at the end (s->status then says whether a list failed). */
int source_next(input_source *s, input *out);
void source_close(input_source *s);

typedef struct {
    out_format format;
    const char *out;   /* -o; NULL: standard output */
    bool out_is_dir;   /* outputs go to out/<out_name>.<ext> */
    bool skip_existing;
    bool quiet;
    bool sync;         /* fsync each output before the rename publishing it */
    bool check_clashes; /* streamed lists with -o DIR: outputs shared as met */
    int jobs;
    const char *failures_path;
    unsigned csv_options; /* GK_CSV_EXCEL: csv and long for spreadsheets (with a BOM) */
} batch_options;

/* batch.c: converts every input; returns the exit status. */
int batch_run(input_source *inputs, const batch_options *opt);
const char *format_ext(out_format f);

/* version.c: --version */
void print_version(FILE *out);

/* output.c: an output file.  A regular file (or a new one) is written to a
 * hidden temporary beside it and renamed over it when complete; a FIFO, a
 * device or standard output is written through; a symlink is followed.
 * Every temporary is registered so that SIGINT/SIGTERM remove it. */
typedef struct {
    int fd;
    char *tmp;    /* the temporary, or NULL when written through */
    char *target; /* what tmp is renamed to */
    int slot;     /* in the temporaries' registry, or -1 */
} out_file;

/* Installs the SIGINT/SIGTERM handler with room for `slots` temporaries
 * at once.  false when out of memory. */
bool out_cleanup_init(size_t slots);
/* 0 or an errno value.  mkdirs: make the target's missing directories. */
int out_file_open(out_file *f, const char *path, bool mkdirs);
void out_file_stdout(out_file *f);
/* Writes one record with one write(2) (looping only on a short write):
 * processes appending to one file never interleave records.  0 or errno. */
int out_file_write(out_file *f, const char *data, size_t len);
/* commit: publish the temporary (fsynced first with sync); else remove it.
 * 0 or the errno value of the first failure. */
int out_file_close(out_file *f, bool commit, bool sync);

/* finished.c: --skip-existing: an output that exists, is not empty and
 * parses (JSON with jansson, XML well-formed with libxml2). */
bool output_finished(const char *path, out_format format);

/* failures.c: one JSON object per line, {"path", "reason", "exit"}; a path
 * that is not UTF-8 gets "path_base64" with its exact bytes as well. */
void failure_write(FILE *to, const char *path, const char *reason, int code);

/* clash.c: output names met so far in a streamed batch, by hash, with the
 * identity of the file that claimed each. */
typedef struct clash_set clash_set;
clash_set *clash_set_new(void);
void clash_set_free(clash_set *s);
/* 0: first claim, or the same file again; 1: another file claimed it;
 * -1 out of memory. */
int clash_claim(clash_set *s, const char *out_name, const char *path);

/* progress.c */
typedef struct {
    bool enabled;     /* stderr is a terminal and not --quiet */
    bool total_known; /* false while a --files-from list is being read */
    size_t total, done, failed, inconsistent, skipped;
    size_t passed_by; /* -r: hidden files, Office temporaries, data files (not in done) */
    double started, last_draw;
} progress;

void progress_start(progress *p, size_t total, bool enabled);
void progress_step(progress *p);
void progress_clear(progress *p);
void progress_summary(const progress *p, FILE *to);

#endif
