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

static const char usage_text[] =
    "Usage: gkreport [OPTION]... FILE...\n"
    "Converts annual reports on open government information (政府信息公开工作年度报告)\n"
    "from DOCX, HTML, tab-delimited text (UTF-8, GBK/GB18030, UTF-16) or PDF into\n"
    "structured JSON, schema-valid XML, CSV or an HTML review page.\n"
    "FILE '-' is standard input.\n"
    "\n"
    "  -f, --format FMT      json (default), jsonl (one object per line), xml, csv\n"
    "                        (a line per report), long (CSV, a line per table value)\n"
    "                        or html (a self-contained page per report: its tables\n"
    "                        as the template draws them, blanks and the cells of\n"
    "                        failing checks marked; with -o DIR also DIR/index.html)\n"
    "  -o, --output OUT      json/xml/html: directory receiving OUT/<input name>.<format>\n"
    "                        (files found with -r or --files-from keep their\n"
    "                        relative path); for a single FILE, a file name.\n"
    "                        jsonl/csv: the file (OUT/reports.<format> for a directory).\n"
    "                        Without -o, or with -o -, everything goes to standard\n"
    "                        output (several xml or html documents need -o DIR).\n"
    "                        A FIFO, a device or a symlink as OUT is written through.\n"
    "  -r, --recursive       convert every file below each directory FILE; images,\n"
    "                        spreadsheets, legacy .doc, FIFOs... are failures;\n"
    "                        hidden files, ~$ temporaries and .json/.jsonl/.xml/.csv\n"
    "                        are counted as skipped.  Each directory is walked once\n"
    "                        (symlinked ones followed).  With several directories,\n"
    "                        outputs go under each one's own path: -o OUT a b ->\n"
    "                        OUT/a/..., OUT/b/...\n"
    "      --files-from LIST read input paths from LIST, one per line ('-': stdin),\n"
    "                        converting while LIST is still being read\n"
    "  -0, --null            --files-from lists are NUL-separated (find -print0)\n"
    "  -j, --jobs N          parallel workers (default: the number of cores);\n"
    "                        the output is the same as with -j 1, in input order\n"
    "      --skip-existing   with -o DIR: leave inputs whose output exists and\n"
    "                        parses (resume); an empty or cut output is redone\n"
    "      --sync            fsync each output before renaming it into place\n"
    "      --failures FILE   JSON Lines, one object per failed input:\n"
    "                        {\"path\":…,\"reason\":…,\"exit\":N}, plus \"path_base64\"\n"
    "                        (the exact bytes) when the path is not UTF-8\n"
    "      --excel           csv/long for spreadsheets: a UTF-8 BOM first, and text\n"
    "                        cells beginning with = + - @ TAB CR prefixed with '\n"
    "      --codebook        print every output field, column, code and check rule\n"
    "                        (Markdown: docs/codebook.md) and exit\n"
    "  -q, --quiet           no progress bar and no summary line\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version, the libraries' and the output schema's\n"
    "      --print-schema    the XML Schema of the XML output\n"
    "\n"
    "Exit status (the highest that applies when several files fail):\n"
    "  0  every input converted        4  an input is not a report it can read\n"
    "  2  usage error                  5  an XML document failed schema validation\n"
    "  3  an input could not be read   6  an output could not be written\n"
    "  70 internal error (out of memory, library failure)\n"
    "Errors are printed to standard error as 'FILE: what is wrong'.\n";

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
static int html_output_ok(bool batch, const char *out)
{
    if (batch && !out) {
        fputs("gkreport: --format html with several inputs needs -o DIR (a page per input, and DIR/index.html)\n",
              stderr);
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
     * Should setenv() run out of memory, mktime() still works, slower.
     * (A program's choice: the library leaves the environment alone, and
     * initializes libxml2 itself.) */
    if (!getenv("TZ"))
        setenv("TZ", ":/etc/localtime", 0);
    tzset();
}

/* --codebook: the library's codebook on standard output. */
static int print_codebook(void)
{
    char *text = gk_codebook();
    if (!text) {
        fputs("gkreport: out of memory writing the codebook\n", stderr);
        return EXIT_INTERNAL;
    }
    int rc = fputs(text, stdout) == EOF || fflush(stdout) != 0 ? EXIT_OUTPUT : 0;
    free(text);
    if (rc)
        perror("gkreport: standard output");
    return rc;
}

/* The inputs (arguments and -r walks collected, lists opened) and the
 * checks that need them: 0, or the exit status of a run that cannot
 * start.  Without -r, each FILE is one input. */
static int collect_inputs(input_source *src, batch_options *opt, char **args, int nargs, bool recursive,
                          const char *const *lists, int nlists)
{
    bool batch = nargs != 1 || recursive || nlists > 0;
    if (opt->format == FMT_XML && !opt->out && batch) {
        /* one after the other they would not be one well-formed document */
        fputs("gkreport: several XML documents cannot share standard output; give -o DIR\n", stderr);
        return EXIT_USAGE;
    }
    if (opt->format == FMT_HTML && html_output_ok(batch, opt->out))
        return EXIT_USAGE;
    int rc = 0, roots = 0;
    for (int i = 0; i < nargs && recursive; i++)
        roots += strcmp(args[i], "-") != 0 && is_dir(args[i]);
    for (int i = 0; i < nargs && !rc; i++)
        rc = inputs_add_arg(&src->fixed, args[i], recursive, roots > 1);
    for (int i = 0; i < nlists && !rc; i++)
        rc = source_open_list(src, lists[i]);
    walk_done();
    if (!rc && opt->out)
        rc = resolve_output(opt, batch);
    if (!rc && opt->out_is_dir)
        rc = inputs_check_out_names(&src->fixed, opt->out, format_ext(opt->format));
    if (!rc && opt->skip_existing && !opt->out_is_dir) {
        fputs("gkreport: --skip-existing needs -o DIR with json, xml or html\n", stderr);
        rc = EXIT_USAGE;
    }
    opt->check_clashes = opt->out_is_dir;
    return rc;
}

int main(int argc, char **argv)
{
    enum { OPT_FILES_FROM = 256, OPT_SKIP_EXISTING, OPT_FAILURES, OPT_EXCEL, OPT_CODEBOOK, OPT_SYNC,
           OPT_PRINT_SCHEMA = 300 };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"recursive", no_argument, NULL, 'r'},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"jobs", required_argument, NULL, 'j'},
        {"skip-existing", no_argument, NULL, OPT_SKIP_EXISTING},
        {"failures", required_argument, NULL, OPT_FAILURES},
        {"excel", no_argument, NULL, OPT_EXCEL},
        {"codebook", no_argument, NULL, OPT_CODEBOOK},
        {"null", no_argument, NULL, '0'},
        {"sync", no_argument, NULL, OPT_SYNC},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"print-schema", no_argument, NULL, OPT_PRINT_SCHEMA},
        {NULL, 0, NULL, 0},
    };
    batch_options opt = {.format = FMT_JSON, .jobs = (int)sysconf(_SC_NPROCESSORS_ONLN)};
    const char *format = "json";
    const char *files_from[16];
    int nfiles_from = 0;
    bool recursive = false, null_separated = false;
    int c;
    while ((c = getopt_long(argc, argv, "f:o:rj:qhV0", longopts, NULL)) != -1) {
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
            if (nfiles_from == 16) { /* the lists are opened before the run */
                fputs("gkreport: at most 16 --files-from lists\n", stderr);
                return EXIT_USAGE;
            }
            files_from[nfiles_from++] = optarg;
            break;
        case OPT_SKIP_EXISTING: opt.skip_existing = true; break;
        case '0': null_separated = true; break;
        case OPT_SYNC: opt.sync = true; break;
        case OPT_FAILURES: opt.failures_path = optarg; break;
        case OPT_EXCEL: opt.csv_options |= GK_CSV_EXCEL; break;
        case OPT_CODEBOOK: return print_codebook();
        case 'q': opt.quiet = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': print_version(stdout); return 0;
        case OPT_PRINT_SCHEMA: fputs(gk_schema_text(), stdout); return 0;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    static const char *const names[] = {"json", "jsonl", "xml", "csv", "long", "html"};
    bool known = false;
    for (int i = 0; i < 6; i++)
        if (!strcmp(format, names[i])) {
            opt.format = (out_format)i;
            known = true;
        }
    if (!known) {
        fprintf(stderr, "gkreport: unknown format '%s' (json, jsonl, xml, csv, long or html)\n", format);
        return EXIT_USAGE;
    }
    if ((opt.csv_options & GK_CSV_EXCEL) && opt.format != FMT_CSV && opt.format != FMT_LONG) {
        fputs("gkreport: --excel is for --format csv or long\n", stderr);
        return EXIT_USAGE;
    }
    if (optind >= argc && nfiles_from == 0) {
        fputs("gkreport: no input FILE given\n", stderr);
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }

    if (opt.out && strcmp(opt.out, "-") == 0)
        opt.out = NULL; /* -o -: standard output */
    input_source src = {.separator = null_separated ? '\0' : '\n'};
    int rc = collect_inputs(&src, &opt, argv + optind, argc - optind, recursive, files_from, nfiles_from);
    if (rc) {
        source_close(&src);
        return rc;
    }
    prepare_process();
    rc = batch_run(&src, &opt);
    source_close(&src);
    xmlCleanupParser();
    return rc;
}
