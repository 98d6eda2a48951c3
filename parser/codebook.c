/* codebook.c — the codebook: every output field, CSV and long-format
 * column, code and check rule with its meaning, type and unit, written as
 * Markdown from the tables the writers and checks run from (fields.c's
 * list of columns, long.c, checks.c, vocab.c), so the documentation
 * cannot drift from the output.  docs/codebook.md is this text (make
 * codebook). */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The JSON fields; a NULL meaning is the CSV column's of the same name. */
static const gk_field_doc report_fields[] = {
    {"agency", "string or null", NULL},
    {"year", "integer or null", NULL},
    {"template", "string", NULL},
    {"table_templates.active_disclosure", "string or null", NULL},
    {"table_templates.applications", "string or null", NULL},
    {"title", "string or null", NULL},
    {"sections[]", "array", "the numbered sections 一…六 (or the old outline's), in order"},
    {"sections[].number", "integer", "the section's number (1 for 一 …)"},
    {"sections[].title", "string", "its title as written, numbering removed"},
    {"sections[].text", "string", "its text, paragraphs joined by \\n (tables left out)"},
    {"active_disclosure", "object or null", "table 二: item code → {measure code → value}; null without the table"},
    {"active_disclosure.ITEM.MEASURE", "number or null", "a value of table 二 (see the codes below)"},
    {"active_disclosure.extra_N.label", "string", "a local row's own label; its values follow under the header's measures"},
    {"applications", "object or null", "table 三: row code → {column code → value}; null without the table"},
    {"applications.ROW.COLUMN", "integer or null", "a value of table 三: applications"},
    {"reviews_litigation", "object or null", "table 四: group code → {result code → value}; null without the table"},
    {"reviews_litigation.GROUP.RESULT", "integer or null", "a value of table 四: cases"},
    {"checks[]", "array", "every consistency rule on every report, one entry per rule and scope"},
    {"checks[].rule", "string", "the rule (see Check rules)"},
    {"checks[].scope", "string", "the column, row or group the check covers"},
    {"checks[].status", "string", "pass, fail, or skipped (an operand is null or the table is absent)"},
    {"checks[].left", "number or null", "the rule's left side; null when skipped"},
    {"checks[].right", "number or null", "the rule's right side; null when skipped"},
    {"checks[].sentence", "string", "text.* checks: the sentence stating the figure (absent when none does)"},
    {"diagnostics[]", "array", "what the conversion noticed: cells not read, rows not found, decoding, guesses"},
    {"diagnostics[].severity", "string", "info, warning or error"},
    {"diagnostics[].where", "string", "where in the source (\"table 3, row 12\", \"page 3\", \"report\")"},
    {"diagnostics[].message", "string", "what happened, in English"},
    {"provenance[]", "array", "the original text of every cell that was not a plain number"},
    {"provenance[].field", "string", "the value's dotted name (applications.granted.total)"},
    {"provenance[].raw", "string", "the cell's text as the report wrote it (3件, １２, —, 1,234)"},
    {"source.path", "string", NULL},
    {"source.format", "string", NULL},
    {"source.encoding", "string", NULL},
};

/* A table cell: '|' escaped, line ends as spaces. */
static void cell(gk_buf *b, const char *s)
{
    gk_buf_adds(b, " ");
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '|')
            gk_buf_adds(b, "\\|");
        else
            gk_buf_addc(b, *p == '\n' ? ' ' : *p);
    }
    gk_buf_adds(b, " |");
}

/* A report field's meaning, from fields.c's list ("" for none). */
static const char *field_meaning(const char *name)
{
    const gk_field *f = gk_field_find(name);
    return f && f->meaning ? f->meaning : "";
}

static const char *kind_type(gk_field_kind kind)
{
    return kind == GK_FIELD_TEXT ? "string" : kind == GK_FIELD_DECIMAL ? "decimal" : "integer";
}

static const char *editions_text(unsigned ed)
{
    return ed == GK_ED_BOTH ? "both" : ed == GK_ED_2019 ? "2019" : ed == GK_ED_2021 ? "2021" : "";
}

/* The editions in which item has measure. */
static unsigned pair_editions(int item, int measure)
{
    unsigned ed = 0;
    const gk_term *t = gk_term_get(GK_TERM_ITEM, item);
    const unsigned eds[] = {GK_ED_2019, GK_ED_2021};
    for (size_t e = 0; t && e < 2; e++) {
        const unsigned char *ms = gk_item_measures(item, eds[e]);
        for (size_t m = 0; (t->editions & eds[e]) && ms[m]; m++)
            ed |= ms[m] == measure ? eds[e] : 0;
    }
    return ed;
}

static const char *measure_unit(int measure)
{
    const gk_term *t = gk_term_get(GK_TERM_MEASURE, measure);
    if (t && (t->flags & GK_TERM_DECIMAL))
        return "万元";
    return t && (t->flags & GK_TERM_SIGNED) ? "count (may be negative)" : "count";
}

static void report_section(gk_buf *b)
{
    gk_buf_adds(b, "## Report fields (JSON; the XML carries the same)\n\n"
                   "| field | type | meaning |\n|---|---|---|\n");
    for (size_t i = 0; i < sizeof report_fields / sizeof report_fields[0]; i++) {
        const gk_field_doc *f = &report_fields[i];
        gk_buf_adds(b, "| `");
        gk_buf_adds(b, f->name);
        gk_buf_adds(b, "` |");
        cell(b, f->type);
        cell(b, f->meaning ? f->meaning : field_meaning(f->name));
        gk_buf_adds(b, "\n");
    }
    gk_buf_printf(b, "\nXML: the same content, every element in the namespace `%s` "
                     "(schemas/gkreport.xsd); a table value is a `value` element with its column code "
                     "as an attribute (`measure`, `column`, `result`) inside an `item`, `row` or `group` "
                     "with a `code`, and a null value has `xsi:nil=\"true\"`.\n\n",
                  GK_XML_NAMESPACE);
}

static void column_line(gk_buf *b, const char *name, const char *type, const char *unit, const char *meaning)
{
    gk_buf_adds(b, "| `");
    gk_buf_adds(b, name);
    gk_buf_adds(b, "` |");
    cell(b, type);
    cell(b, unit);
    cell(b, meaning);
    gk_buf_adds(b, "\n");
}

/* A column of fields.c's list: a report field with its own meaning, or a
 * table value described by its codes' labels. */
static void field_column(gk_buf *b, const gk_field *f)
{
    if (f->part == GK_PART_REPORT) {
        column_line(b, f->name, kind_type(f->kind), f->unit ? f->unit : "", f->meaning);
        return;
    }
    char meaning[512];
    const gk_term *x, *y;
    if (f->part == GK_PART_ACTIVE) {
        x = gk_term_get(GK_TERM_ITEM, f->a);
        y = gk_term_get(GK_TERM_MEASURE, f->b);
        snprintf(meaning, sizeof meaning, "table 二, %s: %s (%s)", x->label, y->label,
                 editions_text(pair_editions(f->a, f->b)));
        column_line(b, f->name, kind_type(f->kind), f->unit ? f->unit : measure_unit(f->b), meaning);
        return;
    }
    bool apps = f->part == GK_PART_APPLICATIONS;
    x = gk_term_get(apps ? GK_TERM_ROW : GK_TERM_GROUP, f->a);
    y = gk_term_get(apps ? GK_TERM_COLUMN : GK_TERM_RESULT, f->b);
    snprintf(meaning, sizeof meaning, "table %s, %s: %s (%s)", apps ? "三" : "四", x->label, y->label,
             editions_text(x->editions));
    column_line(b, f->name, kind_type(f->kind), apps ? "count (applications)" : "count (cases)", meaning);
}

static void csv_section(gk_buf *b)
{
    size_t n = gk_field_count();
    gk_buf_printf(b, "## Wide CSV columns (`--format csv`)\n\n"
                     "One header line, then one line per report; %zu columns, the same for every report "
                     "(both editions' fields; a field the report's edition lacks is empty). "
                     "An empty value is null: not reported, or a cell that could not be read. "
                     "The same names read single values from a report in C "
                     "(`gk_report_get_number()`, `gk_report_get_text()`).\n\n"
                     "| column | type | unit | meaning |\n|---|---|---|---|\n",
                  n);
    for (size_t i = 0; i < n; i++)
        field_column(b, gk_field_at(i));
    gk_buf_adds(b, "\n");
}

static void long_section(gk_buf *b)
{
    gk_buf_adds(b, "## Long format columns (`--format long`)\n\n"
                   "One header line, then one line per table value (every cell of tables 二, 三 and 四 the "
                   "report has, local extra rows of 二 included); a report without tables has no lines. "
                   "The first four columns, the report's key, are the wide CSV's columns of the same name, "
                   "with the same values.\n\n"
                   "| column | type | meaning |\n|---|---|---|\n");
    const gk_field_doc *d;
    for (size_t i = 0; (d = gk_long_column(i)) != NULL; i++) {
        const gk_field *f = d->type ? NULL : gk_field_find(d->name); /* a key column: the wide CSV's field */
        gk_buf_adds(b, "| `");
        gk_buf_adds(b, d->name);
        gk_buf_adds(b, "` |");
        cell(b, f ? kind_type(f->kind) : d->type);
        cell(b, f ? f->meaning : d->meaning);
        gk_buf_adds(b, "\n");
    }
    gk_buf_adds(b, "\n");
}

static void codes_of(gk_buf *b, gk_term_kind kind, const char *title)
{
    gk_buf_printf(b, "### %s\n\n| code | template label | editions | unit, role |\n|---|---|---|---|\n", title);
    size_t n;
    const gk_term *terms = gk_vocab(&n);
    for (size_t i = 0; i < n; i++) {
        const gk_term *t = &terms[i];
        if (t->kind != kind || !t->code)
            continue;
        const char *role = "";
        if (kind == GK_TERM_MEASURE)
            role = measure_unit(t->id);
        else if (kind == GK_TERM_ROW && (t->flags & GK_TERM_RESULT_ROW))
            role = "a result row: summed into results_total";
        gk_buf_adds(b, "| `");
        gk_buf_adds(b, t->code);
        gk_buf_adds(b, "` |");
        cell(b, t->label);
        cell(b, editions_text(t->editions));
        cell(b, role);
        gk_buf_adds(b, "\n");
    }
    gk_buf_adds(b, "\n");
}

static void rules_section(gk_buf *b)
{
    gk_buf_adds(b, "## Check rules (`checks[]`, `checks.failed`, `checks.failing`)\n\n"
                   "Every rule is evaluated on every report, once per scope; `status` is `pass` (left = right), "
                   "`fail`, or `skipped` (an operand is null or the table is absent). Published numbers are "
                   "never changed.\n\n"
                   "| rule | one check per | left | right |\n|---|---|---|---|\n");
    size_t n;
    const gk_rule_doc *r = gk_check_rules(&n);
    for (size_t i = 0; i < n; i++) {
        gk_buf_adds(b, "| `");
        gk_buf_adds(b, r[i].rule);
        gk_buf_adds(b, "` |");
        cell(b, r[i].scope);
        cell(b, r[i].left);
        cell(b, r[i].right);
        gk_buf_adds(b, "\n");
    }
    gk_buf_adds(b, "\n");
}

char *gk_codebook(void)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, "# gkreport codebook\n\n"
                      "<!-- generated by `gkreport --codebook` (make codebook); do not edit -->\n\n"
                      "Every field and column gkreport writes, with its type and unit, generated from the "
                      "converter's own tables. Amounts (`amount`: fees, procurement) are in 万元 (10,000 yuan) "
                      "as the templates ask, written as the report printed them (a cell that wrote another "
                      "unit keeps its text in `provenance`); every other value is a count. A blank cell is "
                      "null, never 0; a zero marker (0 ０ — – - / 无) is 0.\n\n");
    report_section(&b);
    csv_section(&b);
    long_section(&b);
    gk_buf_adds(&b, "## Codes\n\n");
    codes_of(&b, GK_TERM_ITEM, "Table 二 items (`active_disclosure.ITEM`; local rows are `extra_1`, `extra_2`, …)");
    codes_of(&b, GK_TERM_MEASURE, "Table 二 measures (`active_disclosure.ITEM.MEASURE`)");
    codes_of(&b, GK_TERM_ROW, "Table 三 rows (`applications.ROW`)");
    codes_of(&b, GK_TERM_COLUMN, "Table 三 applicant columns (`applications.ROW.COLUMN`)");
    codes_of(&b, GK_TERM_GROUP, "Table 四 groups (`reviews_litigation.GROUP`)");
    codes_of(&b, GK_TERM_RESULT, "Table 四 results (`reviews_litigation.GROUP.RESULT`)");
    rules_section(&b);
    return gk_buf_take(&b);
}
