/* gkreport.c — the command line: options and inputs; batch.c does the
 * converting.  The only code of the project that talks to the user. */
#include <getopt.h>
#include <libxml/parser.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#ifdef GK_WITH_PDF
#include <mupdf/fitz/version.h>
#endif

static const char usage_text[] =
    "Usage: gkreport [OPTION]... FILE...\n"
    "Converts annual reports on open government information (政府信息公开工作年度报告)\n"
    "from DOCX, HTML, tab-delimited text (UTF-8, GBK/GB18030, UTF-16) or PDF into\n"
    "structured JSON, schema-valid XML, CSV or an HTML review page.\n"
    "FILE '-' is standard input.\n"
    "\n"
    "  -f, --format FMT      json (default), jsonl (one object per line), xml, csv\n"
    "                        or html (a self-contained page per report: its tables\n"
    "                        as the template draws them, blanks and the cells of\n"
    "                        failing checks marked; with -o DIR also DIR/index.html)\n"
    "  -o, --output OUT      json/xml/html: directory receiving OUT/<input name>.<format>\n"
    "                        (files found with -r or --files-from keep their\n"
    "                        relative path); for a single FILE, a file name.\n"
    "                        jsonl/csv: the file (OUT/reports.<format> for a directory).\n"
    "                        Without -o everything goes to standard output\n"
    "                        (html: one input only).\n"
    "  -r, --recursive       convert the reports below each directory FILE\n"
    "                        (by content; hidden and ~$ temporary files skipped)\n"
    "      --files-from LIST read input paths from LIST, one per line ('-': stdin)\n"
    "  -j, --jobs N          parallel workers (default: the number of cores);\n"
    "                        the output is the same as with -j 1, in input order\n"
    "      --skip-existing   with -o DIR: leave inputs whose output exists (resume)\n"
    "      --failures FILE   write 'path<TAB>reason' for each failed input\n"
    "  -q, --quiet           no progress bar and no summary line\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status (the highest that applies when several files fail):\n"
    "  0  every input converted        4  an input is not a report it can read\n"
    "  2  usage error                  5  an XML document failed schema validation\n"
    "  3  an input could not be read   6  an output could not be written\n"
    "  70 internal error (out of memory, library failure)\n"
    "Errors are printed to standard error as 'FILE: what is wrong'.\n";

/* What --version says about the licence: a binary linked with MuPDF is
 * covered by MuPDF's AGPL; the project's own code is MIT (LICENSE). */
#ifdef GK_WITH_PDF
static const char version_licence[] =
    "PDF: yes (MuPDF " FZ_VERSION ")\n"
    "gkreport's own code is under the MIT licence (LICENSE).  This binary is\n"
    "linked with MuPDF, licensed under the GNU AGPL-3.0-or-later, so the binary\n"
    "as a whole is covered by the AGPL: whoever receives it, or uses it over a\n"
    "network, is entitled to its complete source code.\n";
#else
static const char version_licence[] =
    "PDF: no (built with PDF=no)\n"
    "gkreport is under the MIT licence (LICENSE).\n";
#endif

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* -o: a directory (made if missing) for json/xml in a batch or when it
 * is one or ends in '/'; for jsonl/csv, DIR/reports.<format> inside an
 * existing directory.  0, or EXIT_OUTPUT when the directory cannot be made. */
static int resolve_output(batch_options *opt, bool batch)
{
    size_t ol = strlen(opt->out);
    bool per_file = opt->format == FMT_JSON || opt->format == FMT_XML || opt->format == FMT_HTML;
    bool existing_dir = is_dir(opt->out);
    opt->out_is_dir = per_file && (existing_dir || batch || (ol && opt->out[ol - 1] == '/'));
    static char shared[4096];
    if (!per_file && existing_dir) {
        snprintf(shared, sizeof shared, "%s/reports.%s", opt->out, format_ext(opt->format));
        opt->out = shared;
    }
    if (opt->out_is_dir && !existing_dir && mkdir(opt->out, 0777) != 0) {
        perror(opt->out);
        return EXIT_OUTPUT;
    }
    return 0;
}

/* HTML pages do not concatenate: several inputs need -o DIR (a page
 * each, and DIR/index.html, which no input's page may replace). */
static int html_output_ok(const input_list *inputs, bool batch, const char *out)
{
    if (batch && !out) {
        fputs("gkreport: --format html with several inputs needs -o DIR (a page per input, and DIR/index.html)\n",
              stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; out && i < inputs->count; i++)
        if (!strcmp(inputs->items[i].out_name, "index")) {
            fprintf(stderr, "gkreport: %s: its page would replace the index page (index.html)\n",
                    inputs->items[i].path);
            return EXIT_USAGE;
        }
    return 0;
}

/* What the whole process needs set once, before any worker starts. */
static void prepare_process(void)
{
    /* Each report allocates and frees a few MiB: keep freed memory instead
     * of trimming and re-mapping it for every file (a fifth of the time). */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_MXFAST, 0); /* no fastbins: no consolidation pass at each large free */
    /* libzip turns each archive entry's DOS time into a time_t with
     * mktime(), and with TZ unset glibc re-examines /etc/localtime on every
     * call (a stat, and a free and strdup of its saved TZ under a lock that
     * ThreadSanitizer cannot see).  The same zone, named once and read
     * once here, before the workers start, makes those calls read-only.
     * Should setenv() run out of memory, mktime() still works, slower. */
    if (!getenv("TZ"))
        setenv("TZ", ":/etc/localtime", 0);
    tzset();
    xmlInitParser(); /* once, before any worker thread uses libxml2 */
}

int main(int argc, char **argv)
{
    enum { OPT_FILES_FROM = 256, OPT_SKIP_EXISTING, OPT_FAILURES };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"recursive", no_argument, NULL, 'r'},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"jobs", required_argument, NULL, 'j'},
        {"skip-existing", no_argument, NULL, OPT_SKIP_EXISTING},
        {"failures", required_argument, NULL, OPT_FAILURES},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    batch_options opt = {.format = FMT_JSON, .jobs = (int)sysconf(_SC_NPROCESSORS_ONLN)};
    const char *format = "json";
    const char *files_from[16];
    int nfiles_from = 0;
    bool recursive = false;
    int c;
    while ((c = getopt_long(argc, argv, "f:o:rj:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': opt.out = optarg; break;
        case 'r': recursive = true; break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 1024) {
                fprintf(stderr, "gkreport: -j needs a number from 1 to 1024, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            opt.jobs = (int)j;
            break;
        }
        case OPT_FILES_FROM:
            if (nfiles_from == 16) {
                fputs("gkreport: at most 16 --files-from lists\n", stderr);
                return EXIT_USAGE;
            }
            files_from[nfiles_from++] = optarg;
            break;
        case OPT_SKIP_EXISTING: opt.skip_existing = true; break;
        case OPT_FAILURES: opt.failures_path = optarg; break;
        case 'q': opt.quiet = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("gkreport %s\n%s", GK_VERSION, version_licence); return 0;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    static const char *const names[] = {"json", "jsonl", "xml", "csv", "html"};
    bool known = false;
    for (int i = 0; i < 5; i++)
        if (!strcmp(format, names[i])) {
            opt.format = (out_format)i;
            known = true;
        }
    if (!known) {
        fprintf(stderr, "gkreport: unknown format '%s' (json, jsonl, xml, csv or html)\n", format);
        return EXIT_USAGE;
    }
    if (optind >= argc && nfiles_from == 0) {
        fputs("gkreport: no input FILE given\n", stderr);
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }

    input_list inputs = {0};
    int rc = 0;
    for (int i = optind; i < argc && !rc; i++)
        rc = inputs_add_arg(&inputs, argv[i], recursive);
    for (int i = 0; i < nfiles_from && !rc; i++)
        rc = inputs_add_files_from(&inputs, files_from[i]);
    if (rc) {
        inputs_free(&inputs);
        return rc;
    }

    bool batch = inputs.count != 1 || recursive || nfiles_from > 0;
    if (opt.format == FMT_HTML && (rc = html_output_ok(&inputs, batch, opt.out)) != 0) {
        inputs_free(&inputs);
        return rc;
    }
    if (opt.out && (rc = resolve_output(&opt, batch)) != 0) {
        inputs_free(&inputs);
        return rc;
    }
    if (opt.out_is_dir && (rc = inputs_check_out_names(&inputs, opt.out, format_ext(opt.format))) != 0) {
        inputs_free(&inputs);
        return rc;
    }
    if (opt.skip_existing && !opt.out_is_dir) {
        fputs("gkreport: --skip-existing needs -o DIR with json, xml or html\n", stderr);
        inputs_free(&inputs);
        return EXIT_USAGE;
    }
    prepare_process();
    rc = batch_run(&inputs, &opt);
    inputs_free(&inputs);
    xmlCleanupParser();
    return rc;
}
