/* writers.c — what each writer costs per report, apart from reading:
 * every file given is converted once, then each writer (JSON, XML with
 * its schema validation, HTML page) is run on the report in short rounds,
 * and its size and time per call (the fastest round's) are printed, one
 * line per file and writer, then the means over all files.
 * Usage: writers FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gkreport.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

typedef char *(*writer)(const gk_report *, gk_error *);

int main(int argc, char **argv)
{
    static const char *const names[] = {"json", "xml", "html"};
    const writer writers[] = {gk_report_to_json, gk_report_to_xml, gk_report_to_html};
    /* The fastest of several short rounds: what the writer costs, less
     * the time other processes on a shared machine take from it. */
    enum { WRITERS = 3, ROUNDS = 7 };
    const double ROUND_SECONDS = 0.04;
    double total_us[WRITERS] = {0};
    size_t total_bytes[WRITERS] = {0};
    int files = 0;
    printf("%-40s %6s %9s %9s\n", "file", "format", "bytes", "us/call");
    for (int i = 1; i < argc; i++) {
        gk_report *r;
        gk_error err;
        if (gk_report_from_file(argv[i], &r, &err) != GK_OK) {
            fprintf(stderr, "%s: %s\n", argv[i], err.message);
            continue;
        }
        files++;
        for (int w = 0; w < WRITERS; w++) {
            size_t bytes = 0;
            double us = 1e30;
            for (int round = 0; round < ROUNDS; round++) {
                long calls = 0;
                double start = now(), t;
                do {
                    char *text = writers[w](r, &err);
                    if (!text) {
                        fprintf(stderr, "%s: %s: %s\n", argv[i], names[w], err.message);
                        return 1;
                    }
                    bytes = strlen(text);
                    free(text);
                    calls++;
                } while ((t = now() - start) < ROUND_SECONDS);
                us = t / calls * 1e6 < us ? t / calls * 1e6 : us;
            }
            const char *base = strrchr(argv[i], '/');
            printf("%-40s %6s %9zu %9.1f\n", base ? base + 1 : argv[i], names[w], bytes, us);
            total_us[w] += us;
            total_bytes[w] += bytes;
        }
        gk_report_free(r);
    }
    for (int w = 0; w < WRITERS && files; w++)
        printf("mean over %d files: %-4s %9zu bytes %9.1f us/call\n", files, names[w], total_bytes[w] / files,
               total_us[w] / files);
    return 0;
}
