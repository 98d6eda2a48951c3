/* htmlindex.c — the index page of a batch of review pages: every input in
 * input order with what a reviewer sorts by (agency, year, template,
 * failing checks, diagnostics) and a link; the reports with failing
 * checks marked in the table and listed again at the top. */
#include <stdlib.h>
#include <string.h>

#include "htmlout.h"

void gk_html_index_entry_clear(gk_html_index_entry *e)
{
    free(e->href);
    free(e->source);
    free(e->agency);
    free(e->error);
    memset(e, 0, sizeof *e);
}

gk_status gk_html_index_entry_set(gk_html_index_entry *e, const gk_report *r, const char *href, gk_error *err)
{
    memset(e, 0, sizeof *e);
    e->href = gk_strdup(href);
    e->source = gk_strdup(r->source_path ? r->source_path : "");
    e->agency = r->agency ? gk_strdup(r->agency) : NULL;
    if (!e->href || !e->source || (r->agency && !e->agency)) {
        gk_html_index_entry_clear(e);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory for the index entry");
        return GK_ERR_NOMEM;
    }
    e->year = r->year;
    e->template_name = gk_template_name(r->template_kind);
    e->failed_checks = gk_report_failed_checks(r);
    e->diagnostics = r->diags.count + r->diags.dropped;
    return GK_OK;
}

gk_status gk_html_index_entry_failed(gk_html_index_entry *e, const char *source, const char *why, gk_error *err)
{
    memset(e, 0, sizeof *e);
    e->source = gk_strdup(source);
    e->error = gk_strdup(why);
    if (!e->source || !e->error) {
        gk_html_index_entry_clear(e);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory for the index entry");
        return GK_ERR_NOMEM;
    }
    return GK_OK;
}

/* A relative file path as a URL path: every byte but the unreserved ASCII
 * ones and '/' percent-encoded, so '#', '?', '%' and spaces in a file name
 * stay part of the name. */
static void add_url_path(gk_buf *b, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                     strchr("-._~/", *p);
        if (plain)
            gk_buf_addc(b, (char)*p);
        else
            gk_buf_printf(b, "%%%02X", *p);
    }
}

static void link_to(gk_buf *b, const gk_html_index_entry *e, const char *text)
{
    gk_buf_adds(b, "<a href=\"");
    add_url_path(b, e->href ? e->href : "");
    gk_buf_adds(b, "\">");
    gk_html_text(b, text);
    gk_buf_adds(b, "</a>");
}

static void entry_row(gk_buf *b, const gk_html_index_entry *e, size_t i)
{
    const char *cls = e->error ? "error" : e->failed_checks ? "fail" : "ok";
    gk_buf_printf(b, "<tr id=\"report-%zu\" class=\"%s\" data-failed=\"%zu\"><td>%zu</td><td class=\"agency\">", i + 1,
                  cls, e->failed_checks, i + 1);
    if (!e->error && !e->template_name) { /* --skip-existing: a page from an earlier run */
        gk_buf_adds(b, "<span class=\"missing\">（已有页面，未重新转换）</span></td><td colspan=\"4\"></td><td>");
        link_to(b, e, "查看");
        gk_buf_adds(b, "</td>");
    } else if (e->error) {
        gk_buf_adds(b, "<span class=\"missing\">（未能转换）</span></td><td colspan=\"4\">");
        gk_html_text(b, e->error);
        gk_buf_adds(b, "</td><td></td>");
    } else {
        gk_html_text(b, e->agency ? e->agency : "（无）");
        gk_buf_adds(b, "</td><td>");
        if (e->year)
            gk_buf_printf(b, "%d", e->year);
        gk_buf_printf(b, "</td><td>%s</td><td class=\"v failed\">%zu</td><td class=\"v\">%zu</td><td>",
                      e->template_name ? e->template_name : "", e->failed_checks, e->diagnostics);
        link_to(b, e, "查看");
        gk_buf_adds(b, "</td>");
    }
    gk_buf_adds(b, "<td><code>");
    gk_html_text(b, e->source);
    gk_buf_adds(b, "</code></td></tr>\n");
}

/* The reports with failing checks, listed before the table. */
static void failing_summary(gk_buf *b, const gk_html_index_entry *entries, size_t n)
{
    size_t failing = 0, errors = 0;
    for (size_t i = 0; i < n; i++) {
        failing += !entries[i].error && entries[i].failed_checks > 0;
        errors += entries[i].error != NULL;
    }
    gk_buf_printf(b, "<p id=\"summary\" data-reports=\"%zu\" data-failing=\"%zu\" data-errors=\"%zu\">%zu 份报告，"
                     "%zu 份有不符的勾稽关系，%zu 份未能转换。</p>\n",
                  n, failing, errors, n, failing, errors);
    if (!failing)
        return;
    gk_buf_adds(b, "<ol id=\"failing\">\n");
    for (size_t i = 0; i < n; i++) {
        const gk_html_index_entry *e = &entries[i];
        if (e->error || !e->failed_checks)
            continue;
        gk_buf_adds(b, "<li>");
        link_to(b, e, e->agency ? e->agency : e->source);
        gk_buf_printf(b, " <a href=\"#report-%zu\">#%zu</a>：%zu 项不符</li>\n", i + 1, i + 1, e->failed_checks);
    }
    gk_buf_adds(b, "</ol>\n");
}

char *gk_html_index(const gk_html_index_entry *entries, size_t n, gk_error *err)
{
    gk_buf b;
    gk_buf_init(&b);
    gk_html_head(&b, "政府信息公开工作年度报告 转换结果");
    gk_buf_adds(&b, "<header><h1>政府信息公开工作年度报告 转换结果</h1></header>\n<main>\n");
    failing_summary(&b, entries, n);
    gk_buf_adds(&b, "<table class=\"index\">\n<thead><tr><th>#</th><th>机关</th><th>年度</th><th>模板</th>"
                    "<th>不符检查</th><th>诊断</th><th>页面</th><th>来源</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++)
        entry_row(&b, &entries[i], i);
    gk_buf_adds(&b, "</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    char *text = b.failed ? NULL : gk_buf_take(&b);
    if (!text) {
        gk_buf_free(&b);
        gk_error_set(err, GK_ERR_NOMEM, "out of memory writing the HTML index");
    }
    return text;
}
