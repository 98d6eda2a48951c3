/* to_json.c -- reads one report from standard input and writes it as JSON
 * on standard output; the caller frees what gk_report_to_json() returns. */
#include <stdio.h>
#include <stdlib.h>

#include <gkreport.h>

int main(void)
{
    gk_report *report;
    gk_error err;
    if (gk_report_from_file("-", &report, &err) != GK_OK) {
        fprintf(stderr, "stdin: %s: %s\n", gk_strerror(err.status), err.message);
        return 1;
    }
    char *json = gk_report_to_json(report, &err);
    gk_report_free(report);
    if (!json) {
        fprintf(stderr, "stdin: %s\n", err.message);
        return 1;
    }
    fputs(json, stdout);
    free(json);
    return 0;
}
