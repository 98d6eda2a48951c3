/* summary.c -- converts each report named on the command line and prints
 * its agency, year and a few numbers, read by their CSV column names.
 * A blank cell, or a row the report's template lacks, prints "null". */
#include <stdio.h>

#include <gkreport.h>

static const char *const columns[] = {
    "applications.new_received.total",
    "applications.granted.total",
    "applications.other_processing.total", /* 2019 template only */
    "active_disclosure.fees.amount",       /* in 10,000 yuan */
};

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        gk_report *report;
        gk_error err;
        if (gk_report_from_file(argv[i], &report, &err) != GK_OK) {
            fprintf(stderr, "%s: %s\n", argv[i], err.message);
            status = 1;
            continue;
        }
        const char *agency;
        double year;
        int has_year;
        gk_report_get_text(report, "agency", &agency, NULL);
        gk_report_get_number(report, "year", &year, &has_year, NULL);
        printf("%s (%.0f)\n", agency ? agency : "?", has_year ? year : 0.0);
        for (size_t c = 0; c < sizeof columns / sizeof columns[0]; c++) {
            double value;
            int present;
            if (gk_report_get_number(report, columns[c], &value, &present, &err) != GK_OK) {
                fprintf(stderr, "%s\n", err.message);
                status = 1;
            } else if (present) {
                printf("  %s = %g\n", columns[c], value);
            } else {
                printf("  %s = null\n", columns[c]);
            }
        }
        gk_report_free(report);
    }
    return status;
}
