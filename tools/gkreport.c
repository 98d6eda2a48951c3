/* gkreport.c — the command line: converts each FILE and writes JSON, XML or
 * CSV; one bad file never stops the others.  The only code that prints. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gkreport.h"

enum {
    EXIT_USAGE = 2,      /* bad options or arguments */
    EXIT_UNREADABLE = 3, /* an input could not be opened or read */
    EXIT_UNRECOGNIZED = 4, /* an input is empty, damaged, too large or not a report */
    EXIT_SCHEMA = 5,     /* an XML document failed schema validation */
    EXIT_OUTPUT = 6,     /* an output could not be written */
    EXIT_INTERNAL = 70   /* out of memory or a library failure */
};

static const char usage_text[] =
    "Usage: gkreport [--format json|xml|csv] [-o OUT] FILE...\n"
    "Converts annual reports on open government information (政府信息公开工作年度报告)\n"
    "from DOCX, HTML or tab-delimited text (UTF-8, GBK/GB18030, UTF-16) into\n"
    "structured JSON, schema-valid XML or CSV.  FILE '-' is standard input.\n"
    "\n"
    "  -f, --format FMT  json (default), xml or csv\n"
    "  -o, --output OUT  json/xml: a directory receiving OUT/<input name>.<format>\n"
    "                    (or, for a single input, a file name); csv: the file\n"
    "                    (OUT/reports.csv when OUT is a directory).\n"
    "                    Without -o everything goes to standard output.\n"
    "  -h, --help        this text\n"
    "  -V, --version     the version\n"
    "\n"
    "Exit status (the highest that applies when several files fail):\n"
    "  0  every input converted        4  an input is not a report it can read\n"
    "  2  usage error                  5  an XML document failed schema validation\n"
    "  3  an input could not be read   6  an output could not be written\n"
    "  70 internal error (out of memory, library failure)\n"
    "Errors are printed to standard error as 'FILE: what is wrong'.\n";

static int status_exit(gk_status st)
{
    switch (st) {
    case GK_OK: return 0;
    case GK_ERR_IO: return EXIT_UNREADABLE;
    case GK_ERR_SCHEMA: return EXIT_SCHEMA;
    case GK_ERR_NOMEM:
    case GK_ERR_INTERNAL: return EXIT_INTERNAL;
    default: return EXIT_UNRECOGNIZED;
    }
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Writes to a temporary name beside the target, then renames: an
 * interrupted run never leaves a half-written output. */
static int write_atomic(const char *path, const char *data)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        free(tmp);
        return -1;
    }
    size_t len = strlen(data);
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        free(tmp);
        errno = saved;
        return -1;
    }
    free(tmp);
    return 0;
}

static const char *base_name(const char *path)
{
    if (strcmp(path, "-") == 0)
        return "stdin";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
    const char *format = "json", *out = NULL;
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "f:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': out = optarg; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("gkreport %s\n", GK_VERSION); return 0;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    bool json = !strcmp(format, "json"), xml = !strcmp(format, "xml"), csv = !strcmp(format, "csv");
    if (!json && !xml && !csv) {
        fprintf(stderr, "gkreport: unknown format '%s' (json, xml or csv)\n", format);
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        fputs("gkreport: no input FILE given\n", stderr);
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    int ninputs = argc - optind;
    bool dir_mode = false;
    if (out && !csv) {
        size_t ol = strlen(out);
        dir_mode = is_dir(out) || ninputs > 1 || (ol && out[ol - 1] == '/');
        if (dir_mode && !is_dir(out) && mkdir(out, 0777) != 0) {
            fprintf(stderr, "%s: cannot create output directory: %s\n", out, strerror(errno));
            return EXIT_OUTPUT;
        }
    }

    int worst = 0;
    FILE *csv_out = NULL;
    char *csv_path = NULL, *csv_tmp = NULL;
    if (csv) {
        if (out) {
            size_t n = strlen(out) + 32;
            csv_path = malloc(n);
            csv_tmp = malloc(n + 32);
            if (!csv_path || !csv_tmp)
                return EXIT_INTERNAL;
            snprintf(csv_path, n, is_dir(out) ? "%s/reports.csv" : "%s", out);
            snprintf(csv_tmp, n + 32, "%s.tmp%ld", csv_path, (long)getpid());
            csv_out = fopen(csv_tmp, "wb");
            if (!csv_out) {
                fprintf(stderr, "%s: cannot write: %s\n", csv_path, strerror(errno));
                return EXIT_OUTPUT;
            }
        } else {
            csv_out = stdout;
        }
        char *header = gk_csv_header();
        if (!header)
            return EXIT_INTERNAL;
        fputs(header, csv_out);
        free(header);
    }

    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        gk_report *report = NULL;
        gk_error err;
        gk_status st = gk_report_from_file(path, &report, &err);
        if (st != GK_OK) {
            fprintf(stderr, "%s: %s\n", path, err.message);
            int code = status_exit(st);
            worst = code > worst ? code : worst;
            continue;
        }
        char *text = json ? gk_report_to_json(report, &err)
                     : xml ? gk_report_to_xml(report, &err)
                           : gk_report_csv_row(report, &err);
        gk_report_free(report);
        if (!text) {
            fprintf(stderr, "%s: %s\n", path, err.message);
            int code = status_exit(err.status);
            worst = code > worst ? code : worst;
            continue;
        }
        if (csv) {
            fputs(text, csv_out);
        } else if (out) {
            char *target;
            if (dir_mode) {
                size_t n = strlen(out) + strlen(base_name(path)) + 8;
                target = malloc(n);
                if (target)
                    snprintf(target, n, "%s/%s.%s", out, base_name(path), format);
            } else {
                target = strdup(out);
            }
            if (!target || write_atomic(target, text) != 0) {
                fprintf(stderr, "%s: cannot write %s: %s\n", path, target ? target : out, strerror(errno));
                worst = EXIT_OUTPUT > worst ? EXIT_OUTPUT : worst;
            }
            free(target);
        } else {
            fputs(text, stdout);
        }
        free(text);
    }
    if (csv && out) {
        bool ok = fclose(csv_out) == 0;
        if (!ok || rename(csv_tmp, csv_path) != 0) {
            fprintf(stderr, "%s: cannot write: %s\n", csv_path, strerror(errno));
            unlink(csv_tmp);
            worst = EXIT_OUTPUT > worst ? EXIT_OUTPUT : worst;
        }
    }
    free(csv_path);
    free(csv_tmp);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "gkreport: cannot write standard output: %s\n", strerror(errno));
        worst = EXIT_OUTPUT > worst ? EXIT_OUTPUT : worst;
    }
    return worst;
}
