/* htmlout.c — the report as one self-contained review page: what the
 * report says about itself, its tables (htmltables.c), its checks with
 * links to the cells they read, its diagnostics and its sections, folded.
 * No script, nothing fetched, every string from the report escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htmlout.h"

/* ---- escaping ---- */

void gk_html_textn(gk_buf *b, const char *s, size_t n)
{
    size_t run = 0; /* bytes copied as they are, written in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* C0 controls but tab, line feed and carriage return, and DEL:
             * not allowed in HTML text */
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                rep = "\xEF\xBF\xBD";
        }
        if (!rep)
            continue;
        gk_buf_add(b, s + run, i - run);
        gk_buf_adds(b, rep);
        run = i + 1;
    }
    gk_buf_add(b, s + run, n - run);
}

void gk_html_text(gk_buf *b, const char *s) { gk_html_textn(b, s ? s : "", s ? strlen(s) : 0); }

/* ---- one value cell ---- */

/* Whether check c reads the cell. */
static bool check_reads(const gk_check *c, gk_cell_ref ref)
{
    for (size_t i = 0; i < c->cell_count; i++)
        if (c->cells[i].part == ref.part && c->cells[i].row == ref.row && c->cells[i].col == ref.col)
            return true;
    return false;
}

/* The names of the failing rules that read the cell, each once, separated
 * by spaces (empty when none). */
static void failing_rules(gk_buf *b, const gk_report *r, gk_cell_ref ref)
{
    for (size_t i = 0; i < r->check_count; i++) {
        const gk_check *c = &r->checks[i];
        if (c->status != 1 || !check_reads(c, ref))
            continue;
        bool seen = false; /* the same rule over another scope */
        for (size_t k = 0; k < i && !seen; k++)
            seen = r->checks[k].status == 1 && !strcmp(r->checks[k].rule, c->rule) && check_reads(&r->checks[k], ref);
        if (seen)
            continue;
        if (b->len)
            gk_buf_addc(b, ' ');
        gk_buf_adds(b, c->rule);
    }
}

/* The original text of a field, when it was not a plain number. */
static const char *raw_text(const gk_report *r, const char *field)
{
    for (size_t i = 0; i < r->prov_count; i++)
        if (!strcmp(r->prov[i].field, field))
            return r->prov[i].raw;
    return NULL;
}

void gk_html_value_cell(gk_buf *b, const gk_report *r, gk_cell_ref ref, const char *row_code, const char *col_code)
{
    const gk_num *v = gk_cell_value(r, ref);
    char field[160], num[64] = "";
    gk_cell_field(r, ref, field, sizeof field);
    if (!v) {
        gk_buf_adds(b, "<td class=\"v absent\"></td>");
        return;
    }
    if (v->present)
        gk_num_format(v, num, sizeof num);
    gk_buf rules;
    gk_buf_init(&rules);
    failing_rules(&rules, r, ref);
    if (rules.failed)
        b->failed = true;
    const char *raw = raw_text(r, field);
    gk_buf_adds(b, "<td id=\"");
    gk_html_text(b, field);
    gk_buf_adds(b, "\" class=\"v");
    gk_buf_adds(b, v->present ? "" : " null");
    gk_buf_adds(b, raw ? " raw" : "");
    gk_buf_adds(b, rules.len ? " fail" : "");
    gk_buf_adds(b, "\"");
    if (rules.len) {
        gk_buf_adds(b, " data-rules=\"");
        gk_html_text(b, rules.data);
        gk_buf_adds(b, "\"");
    }
    if (v->present)
        gk_buf_printf(b, " data-value=\"%s\"", num);
    gk_buf_adds(b, " title=\"");
    gk_html_text(b, row_code);
    gk_buf_adds(b, " · ");
    gk_html_text(b, col_code);
    if (rules.len) {
        gk_buf_adds(b, " — ");
        gk_html_text(b, rules.data);
    }
    gk_buf_adds(b, "\">");
    if (raw) {
        gk_buf_adds(b, "<span class=\"orig\">");
        gk_html_text(b, raw);
        gk_buf_adds(b, "</span>");
    }
    if (v->present && raw)
        gk_buf_printf(b, "<span class=\"num\">%s</span>", num);
    else if (v->present)
        gk_buf_adds(b, num);
    else if (!raw)
        gk_buf_adds(b, "<span class=\"blank\">—</span>");
    gk_buf_adds(b, "</td>");
    gk_buf_free(&rules);
}

/* ---- the document ---- */

const char gk_html_style[] =
    "@page{size:A4;margin:12mm}\n"
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;"
    "margin:1.5em auto;max-width:72em;padding:0 1em;color:#111;line-height:1.45}\n"
    "h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:1.6em}\n"
    "dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.meta dt{color:#555}"
    "dl.meta dd{margin:0}\n"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\n"
    "th,td{border:1px solid #444;padding:.2em .4em;vertical-align:middle}\n"
    "th{background:#f2f2f2;font-weight:normal;text-align:left}thead th{text-align:center}\n"
    "td.v{text-align:right;min-width:3.5em;font-variant-numeric:tabular-nums}\n"
    "td.null{background:repeating-linear-gradient(45deg,#f4f4f4,#f4f4f4 4px,#e8e8e8 4px,#e8e8e8 8px)}\n"
    "td.null .blank{color:#999}\n"
    "td.raw .orig{color:#6a3d9a}td.raw .num{font-size:.75em;color:#555;margin-left:.3em}"
    "td.raw .num::before{content:'→'}\n"
    "td.fail{background:#ffd6d6;outline:2px solid #c00;outline-offset:-2px;font-weight:bold}\n"
    "td.fail:target,tr:target{box-shadow:0 0 0 3px #f90}\n"
    "tr.fail td{background:#ffe8e8}tr.fail td.status{color:#c00;font-weight:bold}\n"
    "tr.skipped td.status{color:#777}td.status{white-space:nowrap}td.cells{font-size:.8em}\n"
    "table.applications thead th:not(.corner){white-space:nowrap}table.reviews td.v{min-width:2.5em}\n"
    ".missing{color:#999;font-style:italic}\n"
    "details{margin:.3em 0}summary{cursor:pointer}details p{margin:.3em 0 .3em 1em}\n"
    "table.index tr.fail td:first-child::before{content:'✗ ';color:#c00}"
    "table.index tr.error td{background:#eee;color:#700}table.index tr.fail td.failed{color:#c00;font-weight:bold}\n"
    "ul.diag li.error{color:#c00}ul.diag li.warning{color:#8a5a00}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt}section{break-inside:avoid-page}"
    "td.fail{outline:2px solid #000}a{color:inherit;text-decoration:none}}\n";

void gk_html_head(gk_buf *b, const char *title)
{
    gk_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"gkreport " GK_VERSION "\">\n<title>");
    gk_html_text(b, title);
    gk_buf_adds(b, "</title>\n<style>\n");
    gk_buf_adds(b, gk_html_style);
    gk_buf_adds(b, "</style>\n</head>\n<body>\n");
}

void gk_html_section_heading(gk_buf *b, int number, const char *title)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (number >= 1 && number <= 10) {
        gk_buf_adds(b, numerals[number - 1]);
        gk_buf_adds(b, "、");
    }
    gk_html_text(b, title);
}

static void meta_row(gk_buf *b, const char *id, const char *term, const char *value)
{
    gk_buf_printf(b, "<dt>%s</dt><dd id=\"%s\"", term, id);
    gk_buf_adds(b, value ? ">" : " class=\"missing\">");
    gk_html_text(b, value ? value : "（无）");
    gk_buf_adds(b, "</dd>\n");
}

static void add_header(gk_buf *b, const gk_report *r)
{
    gk_buf_adds(b, "<header>\n<h1 id=\"title\"");
    gk_buf_adds(b, r->title ? ">" : " class=\"missing\">");
    gk_html_text(b, r->title ? r->title : "（无标题）");
    gk_buf_adds(b, "</h1>\n<dl class=\"meta\">\n");
    meta_row(b, "agency", "机关", r->agency);
    char year[16];
    snprintf(year, sizeof year, "%d", r->year);
    meta_row(b, "year", "年度", r->year ? year : NULL);
    const char *tpl = gk_template_name(r->template_kind);
    gk_buf_printf(b, "<dt>模板</dt><dd id=\"template\" data-template=\"%s\">%s", tpl, tpl);
    const char *e2 = gk_edition_name(r->active_edition), *e3 = gk_edition_name(r->apps_edition);
    if (e2 || e3)
        gk_buf_printf(b, "（表二 <span id=\"active_edition\">%s</span>，表三 <span id=\"apps_edition\">%s</span>）",
                      e2 ? e2 : "—", e3 ? e3 : "—");
    gk_buf_adds(b, "</dd>\n<dt>来源</dt><dd id=\"source\"><code>");
    gk_html_text(b, r->source_path);
    gk_buf_adds(b, "</code> · <span id=\"source_format\">");
    gk_html_text(b, r->source_format);
    gk_buf_adds(b, "</span> · <span id=\"source_encoding\">");
    gk_html_text(b, r->source_encoding);
    gk_buf_adds(b, "</span></dd>\n");
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < r->check_count; i++)
        counts[r->checks[i].status >= 0 && r->checks[i].status <= 2 ? r->checks[i].status : 2]++;
    gk_buf_printf(b,
                  "<dt>检查</dt><dd id=\"check_summary\" data-fail=\"%zu\"><a href=\"#checks\">%zu 项不符</a>，"
                  "%zu 项通过，%zu 项跳过</dd>\n",
                  counts[1], counts[1], counts[0], counts[2]);
    gk_buf_printf(b, "<dt>诊断</dt><dd><a href=\"#diagnostics\">%zu 条</a></dd>\n</dl>\n</header>\n",
                  r->diags.count + r->diags.dropped);
}

static void add_side(gk_buf *b, const gk_num *n)
{
    char num[64];
    if (!n->present) {
        gk_buf_adds(b, "<td class=\"v null\"><span class=\"blank\">—</span></td>");
        return;
    }
    gk_num_format(n, num, sizeof num);
    gk_buf_printf(b, "<td class=\"v\">%s</td>", num);
}

/* The operands of a check as links to their cells. */
static void add_cell_links(gk_buf *b, const gk_report *r, const gk_check *c)
{
    for (size_t k = 0; k < c->cell_count; k++) {
        char field[160];
        gk_cell_field(r, c->cells[k], field, sizeof field);
        if (!field[0])
            continue;
        if (k == c->left_count)
            gk_buf_adds(b, " = ");
        else if (k)
            gk_buf_adds(b, " + ");
        gk_buf_adds(b, "<a href=\"#");
        gk_html_text(b, field);
        gk_buf_adds(b, "\">");
        gk_html_text(b, strchr(field, '.') + 1);
        gk_buf_adds(b, "</a>");
    }
}

static void add_check_rows(gk_buf *b, const gk_report *r, int status)
{
    static const char *const names[] = {"通过", "不符", "跳过"};
    for (size_t i = 0; i < r->check_count; i++) {
        const gk_check *c = &r->checks[i];
        if (c->status != status)
            continue;
        const char *st = gk_check_status_name(c->status);
        gk_buf_printf(b, "<tr id=\"check-%zu\" class=\"%s\" data-rule=\"", i + 1, st);
        gk_html_text(b, c->rule);
        gk_buf_adds(b, "\" data-scope=\"");
        gk_html_text(b, c->scope);
        gk_buf_adds(b, "\"><td>");
        gk_html_text(b, c->rule);
        gk_buf_adds(b, "</td><td>");
        gk_html_text(b, c->scope);
        gk_buf_printf(b, "</td><td class=\"status\">%s %s</td>", names[status], st);
        add_side(b, &c->left);
        add_side(b, &c->right);
        gk_buf_adds(b, "<td class=\"cells\">");
        if (status == 1)
            add_cell_links(b, r, c);
        gk_buf_adds(b, "</td></tr>\n");
    }
}

static void add_checks(gk_buf *b, const gk_report *r)
{
    static const char head[] = "<table class=\"checks\"><thead><tr><th>规则 rule</th><th>范围 scope</th>"
                               "<th>结果</th><th>左 left</th><th>右 right</th><th>单元格</th></tr></thead>\n<tbody>\n";
    size_t passed = 0;
    for (size_t i = 0; i < r->check_count; i++)
        passed += r->checks[i].status == 0;
    gk_buf_adds(b, "<section id=\"checks\">\n<h2>勾稽关系检查</h2>\n");
    gk_buf_adds(b, head);
    add_check_rows(b, r, 1);
    add_check_rows(b, r, 2);
    gk_buf_adds(b, "</tbody></table>\n");
    gk_buf_printf(b, "<details id=\"passed\"><summary>%zu 项通过</summary>\n", passed);
    gk_buf_adds(b, head);
    add_check_rows(b, r, 0);
    gk_buf_adds(b, "</tbody></table>\n</details>\n</section>\n");
}

static void add_diagnostics(gk_buf *b, const gk_report *r)
{
    gk_buf_adds(b, "<section id=\"diagnostics\">\n<h2>诊断</h2>\n");
    if (!r->diags.count && !r->diags.dropped)
        gk_buf_adds(b, "<p class=\"missing\">（无）</p>\n");
    gk_buf_adds(b, "<ul class=\"diag\">\n");
    for (size_t i = 0; i < r->diags.count; i++) {
        const gk_diagnostic *d = &r->diags.items[i];
        const char *sev = gk_severity_name(d->severity);
        gk_buf_printf(b, "<li class=\"%s\"><b>%s</b> <i>", sev, sev);
        gk_html_text(b, d->where);
        gk_buf_adds(b, "</i> ");
        gk_html_text(b, d->message);
        gk_buf_adds(b, "</li>\n");
    }
    if (r->diags.dropped)
        gk_buf_printf(b, "<li class=\"warning\"><b>warning</b> <i>report</i> %zu more diagnostics not listed</li>\n",
                      r->diags.dropped);
    gk_buf_adds(b, "</ul>\n</section>\n");
}

/* Each section folded: its heading as the summary, its paragraphs. */
static void add_sections(gk_buf *b, const gk_report *r)
{
    gk_buf_adds(b, "<section id=\"sections\">\n<h2>正文</h2>\n");
    if (!r->section_count)
        gk_buf_adds(b, "<p class=\"missing\">（无）</p>\n");
    for (size_t i = 0; i < r->section_count; i++) {
        const gk_section *s = &r->sections[i];
        gk_buf_printf(b, "<details id=\"section-%d\"><summary>", s->number);
        gk_html_section_heading(b, s->number, s->title);
        gk_buf_adds(b, "</summary>\n");
        const char *p = s->text ? s->text : "";
        while (*p) {
            size_t n = strcspn(p, "\n");
            if (n) {
                gk_buf_adds(b, "<p>");
                gk_html_textn(b, p, n);
                gk_buf_adds(b, "</p>\n");
            }
            p += n + (p[n] == '\n');
        }
        gk_buf_adds(b, "</details>\n");
    }
    gk_buf_adds(b, "</section>\n");
}

char *gk_report_to_html(const gk_report *r, gk_error *err)
{
    gk_buf b;
    gk_buf_init(&b);
    const char *title = r->title ? r->title : r->agency ? r->agency : r->source_path;
    gk_html_head(&b, title ? title : "");
    add_header(&b, r);
    gk_buf_adds(&b, "<main>\n");
    gk_html_tables(&b, r);
    add_checks(&b, r);
    add_diagnostics(&b, r);
    add_sections(&b, r);
    gk_buf_adds(&b, "</main>\n</body>\n</html>\n");
    char *text = b.failed ? NULL : gk_buf_take(&b);
    if (!text) {
        gk_buf_free(&b);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing HTML");
    }
    return text;
}
