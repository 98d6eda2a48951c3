/* main.c — gkaudit's command line: options, inputs in any order, the
 * findings and indicators written, the exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "gkreport.h"

static const char usage_text[] =
    "Usage: gkaudit [OPTION]... INPUT...\n"
    "Checks reports converted by gkreport against each other: consecutive years\n"
    "of one agency, the same report converted twice, missing years.  INPUT is a\n"
    "gkreport JSON or JSONL file, a directory of them (*.json, *.jsonl, walked\n"
    "recursively), or '-' for standard input; in any order.\n"
    "\n"
    "  -f, --format FMT      findings as jsonl (default, one JSON object a line) or csv\n"
    "  -o, --output FILE     write the findings to FILE (default: standard output)\n"
    "      --aliases FILE    CSV 'alias,canonical': agency names taken as one\n"
    "      --indicators FILE one CSV line of indicators per report (duplicates once)\n"
    "      --strict          exit 1 when a finding fails\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status (the highest that applies):\n"
    "  0  every input read (failing findings are data)   4  an input is not gkreport JSON\n"
    "  1  --strict and a finding failed                  6  an output could not be written\n"
    "  2  usage error                                    70 out of memory\n"
    "  3  an input could not be opened or read\n"
    "Rules and indicators: docs/audit.md.\n";

typedef struct {
    out_format format;
    const char *output, *aliases, *indicators;
    bool strict;
} options;

static int parse_options(int argc, char **argv, options *o)
{
    enum { OPT_ALIASES = 256, OPT_INDICATORS, OPT_STRICT };
    static const struct option longs[] = {{"format", required_argument, NULL, 'f'},
                                          {"output", required_argument, NULL, 'o'},
                                          {"aliases", required_argument, NULL, OPT_ALIASES},
                                          {"indicators", required_argument, NULL, OPT_INDICATORS},
                                          {"strict", no_argument, NULL, OPT_STRICT},
                                          {"help", no_argument, NULL, 'h'},
                                          {"version", no_argument, NULL, 'V'},
                                          {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "f:o:hV", longs, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                o->format = OUT_JSONL;
            else if (strcmp(optarg, "csv") == 0)
                o->format = OUT_CSV;
            else {
                fprintf(stderr, "gkaudit: unknown format '%s' (jsonl or csv)\n", optarg);
                return AUDIT_EXIT_USAGE;
            }
            break;
        case 'o': o->output = optarg; break;
        case OPT_ALIASES: o->aliases = optarg; break;
        case OPT_INDICATORS: o->indicators = optarg; break;
        case OPT_STRICT: o->strict = true; break;
        case 'h': fputs(usage_text, stdout); exit(0);
        case 'V': printf("gkaudit %s\n", GK_VERSION); exit(0);
        default: fputs(usage_text, stderr); return AUDIT_EXIT_USAGE;
        }
    }
    if (optind == argc) {
        fputs("gkaudit: no INPUT ('-' reads standard input)\n", stderr);
        fputs(usage_text, stderr);
        return AUDIT_EXIT_USAGE;
    }
    return 0;
}

static FILE *open_output(const char *path, int *rc)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
        *rc = AUDIT_EXIT_OUTPUT;
    }
    return f;
}

static int close_output(FILE *f, const char *name, bool failed)
{
    if (!f)
        return 0;
    bool bad = failed || ferror(f);
    if ((f == stdout ? fflush(f) : fclose(f)) != 0)
        bad = true;
    if (bad) {
        fprintf(stderr, "%s: cannot write: %s\n", name, strerror(errno));
        return AUDIT_EXIT_OUTPUT;
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o = {OUT_JSONL, NULL, NULL, NULL, false};
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc;
    store s;
    store_init(&s);
    if (o.aliases && (rc = store_load_aliases(&s, o.aliases)) != 0) {
        store_free(&s);
        return rc;
    }
    for (int i = optind; i < argc && rc != AUDIT_EXIT_INTERNAL; i++) {
        int r = read_input(&s, argv[i]);
        rc = r > rc ? r : rc;
    }
    if (rc != AUDIT_EXIT_INTERNAL && !store_join_by_fingerprint(&s)) {
        fputs("gkaudit: out of memory\n", stderr);
        rc = AUDIT_EXIT_INTERNAL;
    }
    if (s.without_key)
        fprintf(stderr, "gkaudit: %zu report(s) without agency or year left out\n", s.without_key);
    finding_writer w = {stdout, o.format, 0, 0, false};
    FILE *ind = NULL;
    int out_rc = 0;
    if (rc != AUDIT_EXIT_INTERNAL && o.output)
        w.out = open_output(o.output, &out_rc);
    if (rc != AUDIT_EXIT_INTERNAL && !out_rc && o.indicators)
        ind = open_output(o.indicators, &out_rc);
    if (rc != AUDIT_EXIT_INTERNAL && !out_rc) {
        finding_header(&w);
        if (!audit_run(&s, &w, ind)) {
            fputs("gkaudit: out of memory\n", stderr);
            rc = AUDIT_EXIT_INTERNAL;
        }
    }
    int c1 = w.out && w.out != stdout ? close_output(w.out, o.output, w.write_error)
                                      : close_output(stdout, "standard output", w.write_error);
    int c2 = close_output(ind, o.indicators, false);
    out_rc = out_rc > c1 ? out_rc : c1;
    out_rc = out_rc > c2 ? out_rc : c2;
    rc = out_rc > rc ? out_rc : rc;
    if (rc == 0 && o.strict && w.failing)
        rc = AUDIT_EXIT_FINDINGS;
    store_free(&s);
    return rc;
}
