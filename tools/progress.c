/* progress.c — a progress bar on a terminal's stderr (done/total,
 * reports/s, ETA, failures) and the one-line summary of a batch. */
#include <stdio.h>
#include <time.h>

#include "cli.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, size_t total, bool enabled)
{
    *p = (progress){.enabled = enabled, .total_known = true, .total = total, .started = now_seconds()};
}

static void draw(progress *p)
{
    if (!p->total_known) { /* a list still being read: no bar, no ETA */
        double elapsed = now_seconds() - p->started;
        fprintf(stderr, "\r%zu done  %.1f reports/s  failed %zu ", p->done, elapsed > 0 ? (double)p->done / elapsed : 0,
                p->failed);
        fflush(stderr);
        p->last_draw = now_seconds();
        return;
    }
    double elapsed = now_seconds() - p->started;
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    double eta = rate > 0 ? (double)(p->total - p->done) / rate : 0;
    int width = 30, filled = p->total ? (int)((double)width * (double)p->done / (double)p->total) : width;
    char bar[32];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu  %.1f reports/s  ETA %d:%02d  failed %zu ", bar, p->done, p->total, rate,
            (int)eta / 60, (int)eta % 60, p->failed);
    fflush(stderr);
    p->last_draw = now_seconds();
}

void progress_step(progress *p)
{
    p->done++;
    /* redraw at most ten times a second: a terminal is slower than we are */
    if (p->enabled && (now_seconds() - p->last_draw > 0.1 || p->done == p->total))
        draw(p);
}

void progress_clear(progress *p)
{
    if (p->enabled)
        fprintf(stderr, "\r%80s\r", "");
}

void progress_summary(const progress *p, FILE *to)
{
    double elapsed = now_seconds() - p->started;
    fprintf(to, "gkreport: %zu converted, %zu failed, %zu skipped, %zu with failing consistency checks, %.2f s\n",
            p->done - p->failed - p->skipped, p->failed, p->skipped + p->passed_by, p->inconsistent, elapsed);
}
