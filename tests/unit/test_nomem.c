/* test_nomem.c — running out of memory, module by module: the lists record
 * what they could not store, a value or label that could not be examined
 * is an error, buffers stay failed, readers and writers end in
 * GK_ERR_NOMEM.  Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
 * (tests/tests.mk): the wrappers fail the allocations a test asks for;
 * libxml2 and jansson allocate through them too (set up in main). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>

#include "internal.h"
#include "pdf.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

/* Allocations counted since fail_from() armed them; from the fail_at-th
 * on, `failing` of them fail (0: none). */
static struct {
    unsigned long count, fail_at, failing;
} budget;

static void fail_from(unsigned long at, unsigned long how_many)
{
    budget.count = 0;
    budget.fail_at = at;
    budget.failing = how_many;
}

static void stop_failing(void) { fail_from(0, 0); }

static bool fail_now(void)
{
    if (!budget.fail_at || ++budget.count < budget.fail_at || !budget.failing)
        return false;
    budget.failing--;
    return true;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return fail_now() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }

static char *counted_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = __wrap_malloc(n);
    return p ? memcpy(p, s, n) : NULL;
}

/* ---- patterns.c: compiled again after a failure ---- */

/* Must run first: it needs the patterns not yet compiled in this process. */
static void patterns_that_could_not_be_compiled_are_tried_again(void **state)
{
    (void)state;
    fail_from(1, 1000000);
    gk_status st = gk_patterns_ready();
    stop_failing();
    assert_int_equal(st, GK_ERR_NOMEM);
    /* the next report compiles them: one failure does not fail a batch */
    assert_int_equal(gk_patterns_ready(), GK_OK);
    assert_int_equal(gk_pattern_match(GK_PAT_SECTION, "一、总体情况", strlen("一、总体情况"), NULL), 1);
}

/* ---- report.c: the lists record what they could not store ---- */

static void diag_add_records_that_it_could_not_grow(void **state)
{
    (void)state;
    gk_diag_list list = {0};
    fail_from(1, 1); /* the array */
    assert_false(gk_diag_add(&list, GK_SEV_WARNING, "here", "lost %d", 1));
    stop_failing();
    assert_true(list.oom);
    assert_int_equal(list.count, 0);
    assert_int_equal(list.dropped, 0); /* not a limit: a failure */
    gk_diag_list_free(&list);
}

static void diag_add_records_that_it_could_not_copy_the_message(void **state)
{
    (void)state;
    gk_diag_list list = {0};
    assert_true(gk_diag_add(&list, GK_SEV_INFO, "a", "kept"));
    fail_from(2, 1); /* "where" copied, the message not */
    assert_false(gk_diag_add(&list, GK_SEV_INFO, "b", "lost"));
    stop_failing();
    assert_true(list.oom);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0].message, "kept");
    gk_diag_list_free(&list);
}

static void diag_add_past_the_limit_is_no_failure(void **state)
{
    (void)state;
    gk_diag_list list = {0};
    for (int i = 0; i < GK_MAX_DIAGNOSTICS + 3; i++)
        assert_true(gk_diag_add(&list, GK_SEV_INFO, "x", "%d", i));
    assert_false(list.oom);
    assert_int_equal(list.dropped, 3);
    gk_diag_list_free(&list);
}

static void provenance_records_that_it_could_not_be_stored(void **state)
{
    (void)state;
    gk_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    assert_true(gk_report_add_provenance(r, "applications.granted.total", "１２"));
    fail_from(1, 1);
    assert_false(gk_report_add_provenance(r, "applications.denied.total", "三"));
    stop_failing();
    assert_true(r->prov_oom);
    assert_int_equal(r->prov_count, 1);
    gk_report_free(r);
}

/* ---- strbuf.c ---- */

static void a_failed_buffer_stays_failed_and_is_not_handed_out(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, "kept");
    fail_from(1, 1);
    gk_buf_add(&b, "x", 200); /* must grow: fails */
    stop_failing();
    gk_buf_adds(&b, "after"); /* would fit, but the text already lacks a part */
    assert_true(b.failed);
    assert_string_equal(b.data, "kept");
    assert_null(gk_buf_take(&b));
    assert_null(b.data); /* take freed it */
}

/* ---- values.c, normalize.c: what could not be examined is an error ---- */

static void a_value_that_could_not_be_examined_is_an_error(void **state)
{
    (void)state;
    for (unsigned long at = 1; at <= 2; at++) { /* the squeezed copy, the normalized one */
        fail_from(at, 1);
        gk_val v = gk_value_parse("１２件", false);
        stop_failing();
        assert_int_equal(v.kind, GK_VAL_ERROR);
        assert_int_equal(v.error, GK_ERR_NOMEM);
        assert_false(v.num.present);
    }
    gk_val v = gk_value_parse("１２件", false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 12.0);
}

static void a_plain_number_needs_no_memory(void **state)
{
    (void)state;
    fail_from(1, 1000);
    gk_val v = gk_value_parse(" 35 ", false);
    stop_failing();
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 35.0);
}

static void a_label_that_could_not_be_normalized_is_null(void **state)
{
    (void)state;
    fail_from(1, 1);
    char *core = gk_label_core("（一）予以公开");
    stop_failing();
    assert_null(core);
    core = gk_label_core("（一）予以公开");
    assert_string_equal(core, "予以公开");
    free(core);
}

/* ---- patterns.c: PCRE2 allocates through the library ---- */

static void *match_in_new_thread(void *arg)
{
    (void)arg;
    fail_from(1, 1000); /* this thread's match data cannot be made */
    int rc = gk_pattern_match(GK_PAT_SECTION, "一、总体情况", strlen("一、总体情况"), NULL);
    stop_failing();
    return (void *)(intptr_t)rc;
}

static void a_match_without_memory_is_an_error_not_no_match(void **state)
{
    (void)state;
    assert_int_equal(gk_patterns_ready(), GK_OK);
    pthread_t t;
    void *rc;
    assert_int_equal(pthread_create(&t, NULL, match_in_new_thread, NULL), 0);
    assert_int_equal(pthread_join(t, &rc), 0);
    assert_int_equal((int)(intptr_t)rc, -GK_ERR_NOMEM);
}

/* ---- source.c ---- */

static void a_file_name_that_could_not_be_decoded_is_null(void **state)
{
    (void)state;
    gk_diag_list diags = {0};
    const char gbk_name[] = "\xC4\xEA\xB1\xA8.html"; /* 年报 in GBK */
    char *name = gk_file_name_utf8(gbk_name, &diags);
    assert_string_equal(name, "年报.html");
    free(name);
    gk_diag_list_free(&diags);
    for (unsigned long at = 1; at <= 3; at++) {
        gk_diag_list d = {0};
        fail_from(at, 1);
        name = gk_file_name_utf8(gbk_name, &d);
        stop_failing();
        /* NULL, or the same name with its diagnostic lost and noted */
        assert_true(!name || strcmp(name, "年报.html") == 0);
        assert_true(!name || d.oom || d.count == 1);
        free(name);
        gk_diag_list_free(&d);
    }
}

/* ---- readers: every failure ends in GK_ERR_NOMEM or the whole document ---- */

/* The document's blocks as one string, to compare with the clean read. */
static char *doc_text(const gk_document *doc)
{
    gk_buf b;
    gk_buf_init(&b);
    for (size_t i = 0; i < doc->count; i++) {
        const gk_block *blk = &doc->blocks[i];
        if (blk->kind == GK_BLOCK_PARAGRAPH)
            gk_buf_printf(&b, "p%d:%s\n", blk->heading, blk->text);
        for (size_t c = 0; blk->kind == GK_BLOCK_TABLE && c < blk->table->ncells; c++)
            gk_buf_printf(&b, "c%d,%d:%s\n", blk->table->cells[c].row, blk->table->cells[c].col,
                          blk->table->cells[c].text);
    }
    return gk_buf_take(&b);
}

typedef gk_status (*reader_fn)(const char *, size_t, gk_document *, gk_error *);

/* Reads `text` failing its k-th allocation for every k: each read is
 * GK_ERR_NOMEM or the same document as without failures. */
static void every_failure_is_nomem(reader_fn read, const char *text)
{
    gk_diag_list diags = {0};
    gk_document doc;
    gk_error err;
    gk_doc_init(&doc, &diags);
    assert_int_equal(read(text, strlen(text), &doc, &err), GK_OK);
    char *clean = doc_text(&doc);
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
    bool failed_once = false;
    for (unsigned long k = 1;; k++) {
        gk_doc_init(&doc, &diags);
        fail_from(k, 1);
        gk_status st = read(text, strlen(text), &doc, &err);
        bool reached = budget.count >= k;
        stop_failing();
        if (st == GK_OK) {
            char *got = doc_text(&doc);
            assert_string_equal(got, clean);
            free(got);
        } else {
            assert_int_equal(st, GK_ERR_NOMEM);
            assert_int_equal(err.status, GK_ERR_NOMEM);
            failed_once = true;
        }
        gk_doc_free(&doc);
        gk_diag_list_free(&diags);
        if (!reached)
            break;
    }
    assert_true(failed_once);
    free(clean);
}

static void html_reader_out_of_memory(void **state)
{
    (void)state;
    every_failure_is_nomem(gk_read_html, "<html><body><h1>标题</h1><p>一、总体情况</p>"
                                         "<table><tr><td rowspan=2>本年新收</td><td>3</td></tr>"
                                         "<tr><td>4</td></tr></table><div><p>正文</p></div>"
                                         "<table><tr><td><table><tr><td>内</td></tr></table></td></tr></table>"
                                         "</body></html>");
}

static void text_reader_out_of_memory(void **state)
{
    (void)state;
    every_failure_is_nomem(gk_read_text, "# 标题\n一、总体情况\n本年新收\t3\t4\n上年结转\t0\t1\n\n正文\n");
}

/* ---- writers: NULL with GK_ERR_NOMEM ---- */

/* The index page of one report and one failed input, entries included. */
static char *html_index_of(const gk_report *r, gk_error *err)
{
    gk_html_index_entry e[2];
    if (gk_html_index_entry_set(&e[0], r, "a b#.html", err) != GK_OK)
        return NULL;
    if (gk_html_index_entry_failed(&e[1], "x.docx", "damaged document", err) != GK_OK) {
        gk_html_index_entry_clear(&e[0]);
        return NULL;
    }
    char *page = gk_html_index(e, 2, err);
    gk_html_index_entry_clear(&e[0]);
    gk_html_index_entry_clear(&e[1]);
    return page;
}

/* ---- pdf_unruled_*.c: tables drawn without rulings ---- */

static void pdf_text(gk_pdf_page *p, const char *s, float x, float y)
{
    size_t len = strlen(s), i = 0, n;
    while (i < len) {
        uint32_t cp = gk_utf8_next(s, len, &i, &n);
        gk_pdf_char c = {cp, {x, y, x + 10, y + 10}, 10, false, false};
        assert_true(gk_pdf_add_char(p, &c));
        x += 10;
    }
}

/* A header at the bottom of page 1 over one row, page 2 the end of its
 * label and a row more, with the header carried. */
static void unruled_pages(gk_pdf_page *p1, gk_pdf_page *p2)
{
    static const char *const head[7] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
    for (int k = 0; k < 7; k++)
        pdf_text(p1, head[k], 200 + (float)k * 70, 640);
    pdf_text(p1, "3.补正后申请内容", 20, 680);
    pdf_text(p2, "仍不明确", 20, 60);
    pdf_text(p2, "1.信访举报投诉类申请", 20, 90);
    for (int k = 0; k < 7; k++) {
        pdf_text(p1, "4", 215 + (float)k * 70, 680);
        pdf_text(p2, "18", 215 + (float)k * 70, 90);
    }
}

static void tables_free(gk_pdf_table *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gk_pdf_table_free(&t[i]);
    free(t);
}

/* Both pages read with the k-th allocation failed; GK_OK when none was. */
static gk_status read_unruled_pages(gk_pdf_page *p1, gk_pdf_page *p2, unsigned long k)
{
    bool in1[256] = {false}, in2[256] = {false};
    gk_pdf_header *carry = NULL;
    gk_pdf_table *t1 = NULL, *t2 = NULL;
    size_t n1 = 0, n2 = 0;
    fail_from(k, 1);
    gk_status st = gk_pdf_find_unruled(p1, in1, &carry, &t1, &n1);
    if (st == GK_OK)
        st = gk_pdf_find_unruled(p2, in2, &carry, &t2, &n2);
    if (st == GK_OK && n1 && n2)
        st = gk_pdf_glue_lead(&t1[0], &t2[0]);
    stop_failing();
    if (st == GK_OK) {
        assert_int_equal(n1, 1);
        assert_int_equal(n2, 1);
    }
    gk_pdf_header_free(carry);
    tables_free(t1, n1);
    tables_free(t2, n2);
    return st;
}

static void unruled_tables_out_of_memory(void **state)
{
    (void)state;
    gk_pdf_page p1 = {.number = 1, .width = 800, .height = 800}, p2 = {.number = 2, .width = 800, .height = 800};
    unruled_pages(&p1, &p2);
    assert_true(p1.nchars < 256 && p2.nchars < 256);
    assert_int_equal(read_unruled_pages(&p1, &p2, 0), GK_OK);
    unsigned long k = 1;
    gk_status st;
    while ((st = read_unruled_pages(&p1, &p2, k)) != GK_OK) {
        assert_int_equal(st, GK_ERR_NOMEM); /* every failure said, none swallowed */
        k++;
    }
    assert_true(k > 50); /* the reader allocated, and each allocation was failed once */
    gk_pdf_page_free(&p1);
    gk_pdf_page_free(&p2);
}

static void writers_out_of_memory(void **state)
{
    (void)state;
    const char *s = "示例局2021年度政府信息公开工作年度报告\n一、总体情况\n正文\n";
    gk_report *r;
    gk_error err;
    assert_int_equal(gk_report_from_memory("mem.txt", s, strlen(s), &r, &err), GK_OK);
    char *(*const writers[])(const gk_report *, gk_error *) = {gk_report_to_json, gk_report_to_json_line,
                                                               gk_report_to_xml, gk_report_csv_row,
                                                               gk_report_to_html, html_index_of};
    for (size_t w = 0; w < sizeof writers / sizeof *writers; w++) {
        char *clean = writers[w](r, &err);
        assert_non_null(clean);
        for (unsigned long k = 1;; k++) {
            err.status = GK_OK;
            fail_from(k, 1);
            char *got = writers[w](r, &err);
            bool reached = budget.count >= k;
            stop_failing();
            if (got)
                assert_string_equal(got, clean);
            else
                assert_int_equal(err.status, GK_ERR_NOMEM);
            free(got);
            /* the XML validator's own failures crash libxml2 2.9.14: only
             * the building and the first allocations are failed here */
            if (!reached || (writers[w] == gk_report_to_xml && k > 60))
                break;
        }
        free(clean);
    }
    gk_report_free(r);
}

int main(void)
{
    xmlMemSetup(free, __wrap_malloc, __wrap_realloc, counted_strdup);
    xmlInitParser();
    json_set_alloc_funcs(__wrap_malloc, free);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(patterns_that_could_not_be_compiled_are_tried_again),
        cmocka_unit_test(diag_add_records_that_it_could_not_grow),
        cmocka_unit_test(diag_add_records_that_it_could_not_copy_the_message),
        cmocka_unit_test(diag_add_past_the_limit_is_no_failure),
        cmocka_unit_test(provenance_records_that_it_could_not_be_stored),
        cmocka_unit_test(a_failed_buffer_stays_failed_and_is_not_handed_out),
        cmocka_unit_test(a_value_that_could_not_be_examined_is_an_error),
        cmocka_unit_test(a_plain_number_needs_no_memory),
        cmocka_unit_test(a_label_that_could_not_be_normalized_is_null),
        cmocka_unit_test(a_match_without_memory_is_an_error_not_no_match),
        cmocka_unit_test(a_file_name_that_could_not_be_decoded_is_null),
        cmocka_unit_test(html_reader_out_of_memory),
        cmocka_unit_test(text_reader_out_of_memory),
        cmocka_unit_test(writers_out_of_memory),
        cmocka_unit_test(unruled_tables_out_of_memory),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
