/* test_html.c — the SAX HTML reader (html.c): paragraphs from block
 * elements, skipped elements, data tables with rowspan/colspan expanded,
 * cell text joined across <p>/<span>, layout tables that wrap a page,
 * charset metas in text that is already UTF-8, and deep nesting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>

#include "internal.h"

/* ---- helpers ---- */

typedef struct {
    gk_diag_list diags;
    gk_document doc;
} fixture;

static fixture *read_html(const char *html)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_doc_init(&f->doc, &f->diags);
    gk_error err = {0};
    gk_status st = gk_read_html(html, strlen(html), &f->doc, &err);
    if (st != GK_OK)
        fail_msg("gk_read_html: %s (%s)", gk_strerror(st), err.message);
    return f;
}

static void fixture_free(fixture *f)
{
    gk_doc_free(&f->doc);
    gk_diag_list_free(&f->diags);
    free(f);
}

/* The blocks as one string: paragraphs by their text, tables as "[T]",
 * separated by '|'. */
static char *outline(const gk_document *doc)
{
    gk_buf b;
    gk_buf_init(&b);
    for (size_t i = 0; i < doc->count; i++) {
        if (i)
            gk_buf_addc(&b, '|');
        gk_buf_adds(&b, doc->blocks[i].kind == GK_BLOCK_TABLE ? "[T]" : doc->blocks[i].text);
    }
    char *s = gk_buf_take(&b);
    return s ? s : gk_strdup("");
}

static void assert_outline(const gk_document *doc, const char *want)
{
    char *got = outline(doc);
    assert_non_null(got);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "outline: %s\nwanted:  %s\n", got, want);
        free(got);
        fail_msg("document outline differs");
    }
    free(got);
}

static const gk_table *table_block(const gk_document *doc, size_t nth)
{
    for (size_t i = 0; i < doc->count; i++)
        if (doc->blocks[i].kind == GK_BLOCK_TABLE && nth-- == 0)
            return doc->blocks[i].table;
    fail_msg("no table %zu", nth);
    return NULL;
}

static const char *text_at(const gk_table *t, int row, int col)
{
    int i = gk_table_at(t, row, col);
    return i < 0 ? NULL : t->cells[i].text;
}

static void assert_text_at(const gk_table *t, int row, int col, const char *want)
{
    const char *got = text_at(t, row, col);
    if (!got || strcmp(got, want) != 0)
        fail_msg("cell (%d,%d): \"%s\", expected \"%s\"", row, col, got ? got : "(none)", want);
}

/* ---- paragraphs ---- */

static void paragraphs_from_p_div_br(void **state)
{
    (void)state;
    fixture *f = read_html("<html><body><p>甲</p><div>乙<br>丙</div><p>丁<br/>戊</p></body></html>");
    assert_outline(&f->doc, "甲|乙|丙|丁|戊");
    fixture_free(f);
}

static void inline_elements_stay_in_their_paragraph(void **state)
{
    (void)state;
    fixture *f = read_html("<p>一、<b>总体</b><span>情况</span><a href=x>链接</a></p>");
    assert_outline(&f->doc, "一、总体情况链接");
    fixture_free(f);
}

static void text_without_elements_is_a_paragraph(void **state)
{
    (void)state;
    fixture *f = read_html("只有文字");
    assert_outline(&f->doc, "只有文字");
    fixture_free(f);
}

static void heading_levels_kept(void **state)
{
    (void)state;
    fixture *f = read_html("<h1>标题</h1><h3>小标题</h3><p>正文</p>");
    assert_int_equal(f->doc.count, 3);
    assert_int_equal(f->doc.blocks[0].heading, 1);
    assert_int_equal(f->doc.blocks[1].heading, 3);
    assert_int_equal(f->doc.blocks[2].heading, 0);
    fixture_free(f);
}

static void white_space_and_entities_squeezed(void **state)
{
    (void)state;
    fixture *f = read_html("<p>&nbsp;&nbsp;一、\n   总体情况&#12288;</p><p>   </p><p>&amp;&lt;</p>");
    assert_outline(&f->doc, "一、 总体情况|&<");
    fixture_free(f);
}

static void script_style_head_skipped(void **state)
{
    (void)state;
    fixture *f = read_html("<html><head><title>页面标题</title><style>p{color:red}</style></head>"
                           "<body><script>var s = '一、总体情况';</script><p>正文</p>"
                           "<style>.x{}</style><noscript>请启用脚本</noscript><p>结尾</p></body></html>");
    assert_outline(&f->doc, "正文|结尾");
    fixture_free(f);
}

static void script_inside_table_cell_skipped(void **state)
{
    (void)state;
    fixture *f =
        read_html("<table><tr><td>自然人<script>document.write('x')</script></td><td>5</td></tr></table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_text_at(t, 0, 0, "自然人");
    assert_text_at(t, 0, 1, "5");
    fixture_free(f);
}

/* ---- data tables ---- */

static void table_rowspan_and_colspan_expanded(void **state)
{
    (void)state;
    fixture *f = read_html("<table>"
                           "<tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
                           "<tr><td>C</td><td>D</td></tr>"
                           "<tr><td colspan=3>E</td></tr>"
                           "</table>");
    assert_int_equal(f->doc.count, 1);
    const gk_table *t = table_block(&f->doc, 0);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->ncells, 5);
    assert_text_at(t, 0, 0, "A");
    assert_text_at(t, 1, 0, "A");
    assert_text_at(t, 0, 1, "B");
    assert_text_at(t, 0, 2, "B");
    assert_text_at(t, 1, 1, "C");
    assert_text_at(t, 1, 2, "D");
    assert_text_at(t, 2, 0, "E");
    assert_text_at(t, 2, 2, "E");
    assert_int_equal(gk_table_at(t, 0, 0), gk_table_at(t, 1, 0));
    assert_int_equal(gk_table_at(t, 0, 1), gk_table_at(t, 0, 2));
    int a = gk_table_at(t, 0, 0);
    assert_int_equal(t->cells[a].rowspan, 2);
    assert_int_equal(t->cells[a].colspan, 1);
    fixture_free(f);
}

static void table_rowspan_in_middle_column(void **state)
{
    (void)state;
    fixture *f = read_html("<table>"
                           "<tr><td>a</td><td rowspan=3>b</td><td>c</td></tr>"
                           "<tr><td>d</td><td>e</td></tr>"
                           "<tr><td>f</td><td>g</td></tr>"
                           "</table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 3);
    assert_text_at(t, 1, 0, "d");
    assert_text_at(t, 1, 1, "b");
    assert_text_at(t, 1, 2, "e");
    assert_text_at(t, 2, 1, "b");
    assert_text_at(t, 2, 2, "g");
    fixture_free(f);
}

static void table_nested_header_of_table_three(void **state)
{
    (void)state;
    fixture *f = read_html(
        "<table>"
        "<tr><td rowspan=3 colspan=3>（本列数据的勾稽关系）</td><td colspan=7>申请人情况</td></tr>"
        "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td>"
        "<td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>"
        "</table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->ncols, 10);
    assert_text_at(t, 2, 2, "（本列数据的勾稽关系）");
    assert_text_at(t, 2, 3, "自然人");
    assert_text_at(t, 1, 8, "法人或其他组织");
    assert_text_at(t, 2, 4, "商业企业");
    assert_text_at(t, 2, 8, "其他");
    assert_text_at(t, 2, 9, "总计");
    assert_text_at(t, 3, 2, "一、本年新收政府信息公开申请数量");
    assert_text_at(t, 3, 3, "1");
    assert_text_at(t, 3, 9, "21");
    fixture_free(f);
}

static void table_th_cells_and_tbody(void **state)
{
    (void)state;
    fixture *f = read_html("<table><thead><tr><th>信息内容</th><th>本年处理决定数量</th></tr></thead>"
                           "<tbody><tr><td>行政许可</td><td>12</td></tr></tbody></table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_int_equal(t->nrows, 2);
    assert_text_at(t, 0, 0, "信息内容");
    assert_text_at(t, 0, 1, "本年处理决定数量");
    assert_text_at(t, 1, 1, "12");
    fixture_free(f);
}

static void table_bad_spans_read_as_one(void **state)
{
    (void)state;
    fixture *f = read_html("<table><tr><td rowspan=0 colspan=x>a</td><td colspan=-3>b</td></tr>"
                           "<tr><td>c</td><td>d</td></tr></table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->ncols, 2);
    assert_text_at(t, 0, 1, "b");
    assert_text_at(t, 1, 0, "c");
    fixture_free(f);
}

static void table_huge_colspan_clamped_with_diagnostic(void **state)
{
    (void)state;
    fixture *f = read_html("<table><tr><td colspan=65000>a</td></tr><tr><td>b</td></tr></table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_true(t->clamped);
    assert_true(t->ncols <= GK_MAX_TABLE_COLS);
    assert_true(f->diags.count >= 1);
    fixture_free(f);
}

static void text_between_rows_of_a_data_table_dropped(void **state)
{
    (void)state;
    fixture *f = read_html("<table>stray<tr><td>a</td></tr>junk<tr><td>b</td></tr></table><p>后</p>");
    assert_outline(&f->doc, "[T]|后");
    const gk_table *t = table_block(&f->doc, 0);
    assert_text_at(t, 0, 0, "a");
    assert_text_at(t, 1, 0, "b");
    fixture_free(f);
}

/* ---- cell text across <p> and <span> ---- */

static void cell_label_split_over_paragraphs(void **state)
{
    (void)state;
    fixture *f = read_html(
        "<table><tr><td><p>商业</p><p>企业</p></td><td><p>社会公益</p><p>组织</p></td></tr></table>");
    const gk_table *t = table_block(&f->doc, 0);
    char *core = gk_label_core(text_at(t, 0, 0));
    assert_non_null(core);
    assert_string_equal(core, "商业企业");
    free(core);
    core = gk_label_core(text_at(t, 0, 1));
    assert_non_null(core);
    assert_string_equal(core, "社会公益组织");
    assert_int_equal(gk_vocab_id(GK_TERM_COLUMN, core), 3);
    free(core);
    fixture_free(f);
}

static void cell_digits_split_over_spans(void **state)
{
    (void)state;
    fixture *f = read_html("<table><tr><td><p><span>2</span><span>0</span></p></td>"
                           "<td><span lang=EN-US>1</span><o:p></o:p><span>5</span></td></tr></table>");
    const gk_table *t = table_block(&f->doc, 0);
    assert_text_at(t, 0, 0, "20");
    assert_text_at(t, 0, 1, "15");
    gk_val v = gk_value_parse(text_at(t, 0, 0), false);
    assert_int_equal(v.kind, GK_VAL_NUMBER);
    assert_true(v.num.value == 20);
    fixture_free(f);
}

static void cell_with_br_inside(void **state)
{
    (void)state;
    fixture *f = read_html("<table><tr><td>商业<br>企业</td></tr></table>");
    const gk_table *t = table_block(&f->doc, 0);
    char *core = gk_label_core(text_at(t, 0, 0));
    assert_non_null(core);
    assert_string_equal(core, "商业企业");
    free(core);
    fixture_free(f);
}

/* ---- layout tables ---- */

static void layout_table_gives_paragraphs_and_nested_grids(void **state)
{
    (void)state;
    fixture *f = read_html("<table width=100%><tr><td>网站导航</td></tr>"
                           "<tr><td><p>某局2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p>"
                           "<p>二、主动公开政府信息情况</p>"
                           "<table border=1><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
                           "<tr><td>行政许可</td><td>5</td></tr></table>"
                           "<p>三、收到和处理政府信息公开申请情况</p>"
                           "<table border=1><tr><td>自然人</td><td>总计</td></tr></table>"
                           "<p>结尾。</p></td></tr>"
                           "<tr><td>版权所有</td></tr></table>");
    assert_outline(
        &f->doc,
        "网站导航|某局2021年政府信息公开工作年度报告|一、总体情况|正文。|二、主动公开政府信息情况|[T]|"
        "三、收到和处理政府信息公开申请情况|[T]|结尾。|版权所有");
    const gk_table *t = table_block(&f->doc, 0);
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->ncols, 2);
    assert_text_at(t, 1, 0, "行政许可");
    assert_text_at(t, 1, 1, "5");
    t = table_block(&f->doc, 1);
    assert_int_equal(t->nrows, 1);
    assert_text_at(t, 0, 0, "自然人");
    fixture_free(f);
}

static void text_before_and_after_layout_table_keeps_order(void **state)
{
    (void)state;
    fixture *f = read_html(
        "<p>前</p><table><tr><td>甲</td><td>乙<table><tr><td>x</td></tr></table>丙</td></tr></table>"
        "<p>后</p>");
    assert_outline(&f->doc, "前|甲|乙|[T]|丙|后");
    fixture_free(f);
}

static void layout_table_nested_twice(void **state)
{
    (void)state;
    fixture *f = read_html("<table><tr><td>外"
                           "<table><tr><td>中<table><tr><td>1</td><td>2</td></tr></table></td></tr></table>"
                           "</td></tr></table>");
    assert_outline(&f->doc, "外|中|[T]");
    const gk_table *t = table_block(&f->doc, 0);
    assert_text_at(t, 0, 1, "2");
    fixture_free(f);
}

static void unclosed_table_is_kept(void **state)
{
    (void)state;
    fixture *f = read_html("<p>前</p><table><tr><td>a</td><td>b");
    assert_outline(&f->doc, "前|[T]");
    const gk_table *t = table_block(&f->doc, 0);
    assert_text_at(t, 0, 1, "b");
    fixture_free(f);
}

/* ---- encoding ---- */

/* libxml2 opens an iconv converter for a page's charset meta even though
 * html.c has switched the parser to UTF-8.  glibc's dlopen() of the GB2312
 * module (EUC-CN.so, RUNPATH $ORIGIN) makes valgrind report a false
 * "invalid read" inside ld.so (strncmp in is_dst) once the heap has been
 * used; loaded before main, it does not, and it stays loaded for libxml2
 * to reuse.  This also makes sure the converter the meta names exists. */
static iconv_t gb2312 = (iconv_t)-1;

__attribute__((constructor)) static void load_gb2312(void) { gb2312 = iconv_open("UTF-8", "GB2312"); }

__attribute__((destructor)) static void unload_gb2312(void)
{
    if (gb2312 != (iconv_t)-1)
        iconv_close(gb2312);
}

static void charset_meta_gb2312_does_not_garble_utf8(void **state)
{
    (void)state;
    assert_true(gb2312 != (iconv_t)-1);
    fixture *f =
        read_html("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                  "</head><body><p>政府信息公开工作年度报告</p>"
                  "<table><tr><td>商业企业</td></tr></table></body></html>");
    assert_outline(&f->doc, "政府信息公开工作年度报告|[T]");
    assert_text_at(table_block(&f->doc, 0), 0, 0, "商业企业");
    fixture_free(f);
}

static void charset_meta_gbk_short_form(void **state)
{
    (void)state;
    fixture *f = read_html("<meta charset=\"gbk\"><p>一、总体情况</p>");
    assert_outline(&f->doc, "一、总体情况");
    fixture_free(f);
}

static void xml_declaration_with_encoding_ignored(void **state)
{
    (void)state;
    fixture *f =
        read_html("<?xml version=\"1.0\" encoding=\"gb2312\"?><html><body><p>主动公开</p></body></html>");
    assert_outline(&f->doc, "主动公开");
    fixture_free(f);
}

/* ---- hostile structure ---- */

static void deep_nesting_gives_diagnostic(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_adds(&b, "<html><body><p>开头</p>");
    for (int i = 0; i < 3000; i++)
        gk_buf_adds(&b, "<div>");
    gk_buf_adds(&b, "深处");
    for (int i = 0; i < 3000; i++)
        gk_buf_adds(&b, "</div>");
    gk_buf_adds(&b, "<p>结尾</p></body></html>");
    assert_false(b.failed);
    fixture *f = read_html(b.data);
    gk_buf_free(&b);
    assert_true(f->diags.count >= 1);
    bool found = false;
    for (size_t i = 0; i < f->diags.count; i++)
        found = found || strstr(f->diags.items[i].message, "deeper") != NULL;
    assert_true(found);
    /* what is too deep is dropped; what follows it is read */
    assert_outline(&f->doc, "开头|结尾");
    fixture_free(f);
}

static void deep_table_nesting_does_not_crash(void **state)
{
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    for (int i = 0; i < 150; i++)
        gk_buf_adds(&b, "<table><tr><td>");
    gk_buf_adds(&b, "x");
    for (int i = 0; i < 150; i++)
        gk_buf_adds(&b, "</td></tr></table>");
    assert_false(b.failed);
    fixture *f = read_html(b.data);
    gk_buf_free(&b);
    assert_true(f->doc.count <= 2);
    fixture_free(f);
}

static void empty_input_gives_empty_document(void **state)
{
    (void)state;
    /* Was a bug (fixed): gk_read_html("", 0, …) returns GK_ERR_NOMEM with "out of memory
     * starting the HTML parser": htmlCreateMemoryParserCtxt() returns NULL
     * for a zero-length buffer and html.c takes every NULL for an
     * allocation failure.  Expected: GK_OK and an empty document (or at
     * least a status other than "out of memory").  Not reachable through
     * gk_report_from_memory, which refuses empty input first and sniffs
     * only text with markup as HTML. */
    fixture *f = read_html("");
    assert_int_equal(f->doc.count, 0);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraphs_from_p_div_br),
        cmocka_unit_test(inline_elements_stay_in_their_paragraph),
        cmocka_unit_test(text_without_elements_is_a_paragraph),
        cmocka_unit_test(heading_levels_kept),
        cmocka_unit_test(white_space_and_entities_squeezed),
        cmocka_unit_test(script_style_head_skipped),
        cmocka_unit_test(script_inside_table_cell_skipped),
        cmocka_unit_test(table_rowspan_and_colspan_expanded),
        cmocka_unit_test(table_rowspan_in_middle_column),
        cmocka_unit_test(table_nested_header_of_table_three),
        cmocka_unit_test(table_th_cells_and_tbody),
        cmocka_unit_test(table_bad_spans_read_as_one),
        cmocka_unit_test(table_huge_colspan_clamped_with_diagnostic),
        cmocka_unit_test(text_between_rows_of_a_data_table_dropped),
        cmocka_unit_test(cell_label_split_over_paragraphs),
        cmocka_unit_test(cell_digits_split_over_spans),
        cmocka_unit_test(cell_with_br_inside),
        cmocka_unit_test(layout_table_gives_paragraphs_and_nested_grids),
        cmocka_unit_test(text_before_and_after_layout_table_keeps_order),
        cmocka_unit_test(layout_table_nested_twice),
        cmocka_unit_test(unclosed_table_is_kept),
        cmocka_unit_test(charset_meta_gb2312_does_not_garble_utf8),
        cmocka_unit_test(charset_meta_gbk_short_form),
        cmocka_unit_test(xml_declaration_with_encoding_ignored),
        cmocka_unit_test(deep_nesting_gives_diagnostic),
        cmocka_unit_test(deep_table_nesting_does_not_crash),
        cmocka_unit_test(empty_input_gives_empty_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
