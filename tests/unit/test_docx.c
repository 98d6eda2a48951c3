/* test_docx.c — gk_read_docx on small DOCX archives built in memory with
 * libzip: runs, tabs and breaks, tracked changes, content controls,
 * merged cells (w:gridSpan, w:vMerge, w:gridBefore), nested tables, text
 * boxes, and damaged archives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "zip_fixture.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* word/document.xml around a body. */
#define DOC(body)                                                                        \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                      \
    "<w:document xmlns:w=\"" W_NS "\""                                                   \
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""          \
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""   \
    " xmlns:v=\"urn:schemas-microsoft-com:vml\">"                                        \
    "<w:body>" body "<w:sectPr/></w:body></w:document>"

#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

static blob make_docx(const char *document_xml)
{
    const char *const entries[] = {
        "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>",
        "word/document.xml", document_xml,
        NULL,
    };
    return make_zip(entries);
}

typedef struct {
    gk_diag_list diags;
    gk_document doc;
    gk_error err;
    gk_status st;
} reading;

static reading *read_blob(blob b)
{
    reading *r = calloc(1, sizeof *r);
    assert_non_null(r);
    gk_doc_init(&r->doc, &r->diags);
    r->st = gk_read_docx(b.data, b.len, &r->doc, &r->err);
    free(b.data);
    return r;
}

static reading *read_xml(const char *document_xml) { return read_blob(make_docx(document_xml)); }

static void reading_free(reading *r)
{
    gk_doc_free(&r->doc);
    gk_diag_list_free(&r->diags);
    free(r);
}

static const gk_block *block(const reading *r, size_t i, gk_block_kind kind)
{
    assert_true(i < r->doc.count);
    assert_int_equal(r->doc.blocks[i].kind, kind);
    return &r->doc.blocks[i];
}

static const char *cell_at(const gk_table *t, int row, int col)
{
    int i = gk_table_at(t, row, col);
    return i < 0 ? NULL : t->cells[i].text;
}

/* ---- paragraphs ---- */

static void paragraphs_in_order(void **state)
{
    (void)state;
    reading *r = read_xml(DOC(P("一、总体情况") P("本年度") "<w:p/>" P("二、主动公开")));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 3); /* the empty paragraph is dropped */
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "一、总体情况");
    assert_string_equal(block(r, 1, GK_BLOCK_PARAGRAPH)->text, "本年度");
    assert_string_equal(block(r, 2, GK_BLOCK_PARAGRAPH)->text, "二、主动公开");
    reading_free(r);
}

static void runs_are_joined(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>政府</w:t></w:r>"
                              "<w:r><w:t>信息</w:t></w:r><w:r><w:t>公开</w:t></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "政府信息公开");
    reading_free(r);
}

static void preserved_spaces_in_runs(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:t xml:space=\"preserve\">Open </w:t></w:r>"
                              "<w:r><w:t>data</w:t></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "Open data");
    reading_free(r);
}

static void tab_and_break_are_white_space(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t>"
                              "<w:cr/><w:t>丁</w:t></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "甲 乙 丙 丁");
    reading_free(r);
}

static void deletions_dropped_insertions_kept(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:t>保留</w:t></w:r>"
                              "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删除</w:delText></w:r></w:del>"
                              "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>插入</w:t></w:r></w:ins>"
                              "<w:moveFrom w:id=\"3\"><w:r><w:t>移走</w:t></w:r></w:moveFrom>"
                              "</w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "保留插入");
    reading_free(r);
}

static void field_instructions_dropped(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                              "<w:r><w:instrText> PAGE </w:instrText></w:r>"
                              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                              "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "3");
    reading_free(r);
}

static void content_controls_are_read(void **state)
{
    (void)state;
    /* A block-level w:sdt around a paragraph, and a run-level one inside. */
    reading *r = read_xml(DOC("<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" P("标题控件")
                              "</w:sdtContent></w:sdt>"
                              "<w:p><w:r><w:t>前</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>中</w:t></w:r>"
                              "</w:sdtContent></w:sdt><w:r><w:t>后</w:t></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 2);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "标题控件");
    assert_string_equal(block(r, 1, GK_BLOCK_PARAGRAPH)->text, "前中后");
    reading_free(r);
}

static void hyperlink_text_is_kept(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:t>见</w:t></w:r><w:hyperlink w:anchor=\"a\"><w:r><w:t>网站</w:t></w:r>"
                              "</w:hyperlink></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "见网站");
    reading_free(r);
}

static void heading_levels(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>h2</w:t></w:r></w:p>"
                              "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>o0</w:t></w:r></w:p>"
                              "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>t</w:t></w:r></w:p>"
                              P("body")));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->heading, 2);
    assert_int_equal(block(r, 1, GK_BLOCK_PARAGRAPH)->heading, 1);
    assert_int_equal(block(r, 2, GK_BLOCK_PARAGRAPH)->heading, 1);
    assert_int_equal(block(r, 3, GK_BLOCK_PARAGRAPH)->heading, 0);
    reading_free(r);
}

static void outline_level_wins_over_style_in_either_order(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:pPr><w:pStyle w:val=\"Heading3\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
                              "<w:r><w:t>a</w:t></w:r></w:p>"
                              "<w:p><w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->heading, 2);
    assert_int_equal(block(r, 1, GK_BLOCK_PARAGRAPH)->heading, 6); /* "body text" level is capped */
    reading_free(r);
}

static void paragraph_properties_are_not_text(void **state)
{
    (void)state;
    /* Run properties and paragraph mark properties carry no text even when
     * a tool writes text-like content there. */
    reading *r = read_xml(DOC("<w:p><w:pPr><w:rPr><w:t>x</w:t></w:rPr></w:pPr>"
                              "<w:r><w:rPr><w:t>y</w:t></w:rPr><w:t>正文</w:t></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "正文");
    reading_free(r);
}

/* ---- tables ---- */

static void table_with_grid_span_and_vertical_merge(void **state)
{
    (void)state;
    /* | A (restart)  | B (gridSpan 2)  |
     * | (continue)   | C      | D      |
     * | (vMerge, no val = continue) | E (gridSpan 2) | */
    reading *r = read_xml(DOC(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>"
        "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc>"
        "</w:tr><w:tr>"
        "<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>" TC("C") TC("D")
        "</w:tr><w:tr>"
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc>"
        "</w:tr></w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1);
    const gk_table *t = block(r, 0, GK_BLOCK_TABLE)->table;
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->ncells, 5); /* A B C D E: merges add no cell */
    int a = gk_table_at(t, 0, 0);
    assert_int_equal(gk_table_at(t, 1, 0), a);
    assert_int_equal(gk_table_at(t, 2, 0), a);
    assert_int_equal(t->cells[a].rowspan, 3);
    assert_string_equal(cell_at(t, 0, 1), "B");
    assert_string_equal(cell_at(t, 0, 2), "B");
    assert_string_equal(cell_at(t, 1, 1), "C");
    assert_string_equal(cell_at(t, 1, 2), "D");
    assert_string_equal(cell_at(t, 2, 1), "E");
    assert_string_equal(cell_at(t, 2, 2), "E");
    reading_free(r);
}

static void table_cell_paragraphs_are_joined(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>商业</w:t></w:r></w:p>"
                              "<w:p><w:r><w:t>企业</w:t></w:r></w:p></w:tc>" TC("12") "</w:tr></w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    const gk_table *t = block(r, 0, GK_BLOCK_TABLE)->table;
    assert_string_equal(cell_at(t, 0, 0), "商业 企业");
    assert_string_equal(cell_at(t, 0, 1), "12");
    reading_free(r);
}

static void grid_before_skips_columns(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:tbl>"
                              "<w:tr>" TC("h1") TC("h2") TC("h3") "</w:tr>"
                              "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" TC("v") "</w:tr>"
                              "</w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    const gk_table *t = block(r, 0, GK_BLOCK_TABLE)->table;
    assert_int_equal(gk_table_at(t, 1, 0), -1);
    assert_int_equal(gk_table_at(t, 1, 1), -1);
    assert_string_equal(cell_at(t, 1, 2), "v");
    reading_free(r);
}

static void rows_inside_content_controls(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:tbl><w:tr>" TC("a") TC("b") "</w:tr>"
                              "<w:sdt><w:sdtContent><w:tr>" TC("c")
                              "<w:sdt><w:sdtContent>" TC("d") "</w:sdtContent></w:sdt>"
                              "</w:tr></w:sdtContent></w:sdt></w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    const gk_table *t = block(r, 0, GK_BLOCK_TABLE)->table;
    assert_int_equal(t->nrows, 2);
    assert_string_equal(cell_at(t, 1, 0), "c");
    assert_string_equal(cell_at(t, 1, 1), "d");
    reading_free(r);
}

static void nested_table_becomes_flow_around_inner_table(void **state)
{
    (void)state;
    /* A layout table whose cell holds the data table: the outer cells are
     * read as paragraphs, the inner table stays a table. */
    reading *r = read_xml(DOC("<w:tbl><w:tr><w:tc>" P("外层标题")
                              "<w:tbl><w:tr>" TC("x") TC("1") "</w:tr><w:tr>" TC("y") TC("2") "</w:tr></w:tbl>"
                              "<w:p/></w:tc></w:tr>"
                              "<w:tr>" TC("外层页脚") "</w:tr></w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 3);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "外层标题");
    const gk_table *t = block(r, 1, GK_BLOCK_TABLE)->table;
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->ncols, 2);
    assert_string_equal(cell_at(t, 0, 0), "x");
    assert_string_equal(cell_at(t, 1, 1), "2");
    assert_string_equal(block(r, 2, GK_BLOCK_PARAGRAPH)->text, "外层页脚");
    reading_free(r);
}

static void layout_table_found_late_gives_earlier_cells_as_paragraphs(void **state)
{
    (void)state;
    /* Read as a stream, the outer table looks like data until the second
     * row's cell holds a table: its first row's cells, one paragraph per
     * cell paragraph, then the inner table, then the rest as flow. */
    reading *r = read_xml(DOC("<w:tbl><w:tr>" TC("甲") "<w:tc>" P("乙一") P("乙二") "</w:tc></w:tr>"
                              "<w:tr><w:tc>" P("丙")
                              "<w:tbl><w:tr>" TC("x") TC("1") "</w:tr></w:tbl>"
                              P("丁") "</w:tc></w:tr></w:tbl>" P("后")));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 7);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "甲");
    assert_string_equal(block(r, 1, GK_BLOCK_PARAGRAPH)->text, "乙一");
    assert_string_equal(block(r, 2, GK_BLOCK_PARAGRAPH)->text, "乙二");
    assert_string_equal(block(r, 3, GK_BLOCK_PARAGRAPH)->text, "丙");
    assert_string_equal(cell_at(block(r, 4, GK_BLOCK_TABLE)->table, 0, 1), "1");
    assert_string_equal(block(r, 5, GK_BLOCK_PARAGRAPH)->text, "丁");
    assert_string_equal(block(r, 6, GK_BLOCK_PARAGRAPH)->text, "后");
    reading_free(r);
}

static void empty_table_is_dropped(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:tbl><w:tblPr/></w:tbl>" P("after")));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "after");
    reading_free(r);
}

static void continue_cell_with_huge_grid_span_stays_in_limits(void **state)
{
    (void)state;
    /* Was a bug (fixed): a w:vMerge continue cell with w:gridSpan="300" goes through
     * gk_table_merge_down, which does not clamp: the table comes out with
     * ncols 300 > GK_MAX_TABLE_COLS (256) and clamped == false; tables.c
     * then writes colmap[c] for c < ncols into arrays of 256 (stack
     * overflow).  Expected: ncols <= 256 and t->clamped. */
    reading *r = read_xml(DOC("<w:tbl><w:tr>"
                              "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P("a") "</w:tc>"
                              "</w:tr><w:tr>"
                              "<w:tc><w:tcPr><w:gridSpan w:val=\"300\"/><w:vMerge/></w:tcPr><w:p/></w:tc>"
                              "</w:tr></w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    const gk_table *t = block(r, 0, GK_BLOCK_TABLE)->table;
    assert_true(t->ncols <= GK_MAX_TABLE_COLS);
    assert_true(t->clamped);
    reading_free(r);
}

/* ---- text boxes ---- */

static void text_box_becomes_its_own_paragraph(void **state)
{
    (void)state;
    /* DrawingML text box with its VML fallback: read once, after the
     * paragraph that anchors it. */
    reading *r = read_xml(DOC(
        "<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
        "<w:drawing><wps:wsp><wps:txbx><w:txbxContent>" P("文本框内容")
        "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" P("文本框内容")
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" P("下一段")));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 3);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "锚定段落");
    assert_string_equal(block(r, 1, GK_BLOCK_PARAGRAPH)->text, "文本框内容");
    assert_string_equal(block(r, 2, GK_BLOCK_PARAGRAPH)->text, "下一段");
    reading_free(r);
}

static void vml_text_box_is_read(void **state)
{
    (void)state;
    reading *r = read_xml(DOC("<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P("旧式文本框")
                              "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "旧式文本框");
    reading_free(r);
}

static void text_box_inside_table_cell_is_kept(void **state)
{
    (void)state;
    /* Was a bug (fixed): add_cell calls run_text with no text-box list, so a
     * w:txbxContent inside a table cell is dropped without a trace: a
     * value typed in a text box over a cell ("42" here) becomes a blank
     * cell (null) with no diagnostic.  Expected: the cell text holds "42"
     * (or at least a diagnostic says content was dropped). */
    reading *r = read_xml(DOC("<w:tbl><w:tr>" TC("行政许可")
                              "<w:tc><w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P("42")
                              "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p></w:tc>"
                              "</w:tr></w:tbl>"));
    assert_int_equal(r->st, GK_OK);
    const gk_table *t = block(r, 0, GK_BLOCK_TABLE)->table;
    assert_non_null(cell_at(t, 0, 1));
    assert_non_null(strstr(cell_at(t, 0, 1), "42"));
    reading_free(r);
}

static void text_box_with_table_and_nested_box_follow_their_paragraph(void **state)
{
    (void)state;
    /* Content anchored in a paragraph comes after it, in the order met,
     * even a table and a text box inside the text box. */
    reading *r = read_xml(DOC(
        "<w:p><w:r><w:t>前</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:tbl><w:tr>" TC("a") TC("1") "</w:tr></w:tbl>"
        "<w:p><w:r><w:t>框一</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P("框中框")
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>后</w:t></w:r></w:p>" P("下一段")));
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 5);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "前后");
    assert_string_equal(cell_at(block(r, 1, GK_BLOCK_TABLE)->table, 0, 0), "a");
    assert_string_equal(block(r, 2, GK_BLOCK_PARAGRAPH)->text, "框一");
    assert_string_equal(block(r, 3, GK_BLOCK_PARAGRAPH)->text, "框中框");
    assert_string_equal(block(r, 4, GK_BLOCK_PARAGRAPH)->text, "下一段");
    reading_free(r);
}

/* DOC() around a body built at run time; the caller frees it. */
static char *doc_around(const gk_buf *body)
{
    const char *doc = DOC("@");
    const char *at = strchr(doc, '@');
    gk_buf whole;
    gk_buf_init(&whole);
    gk_buf_add(&whole, doc, (size_t)(at - doc));
    gk_buf_add(&whole, body->data, body->len);
    gk_buf_adds(&whole, at + 1);
    return gk_buf_take(&whole);
}

static void many_text_boxes_are_all_kept(void **state)
{
    (void)state;
    enum { BOXES = 40 };
    gk_buf body;
    gk_buf_init(&body);
    gk_buf_adds(&body, "<w:p><w:r><w:t>锚</w:t></w:r>");
    for (int i = 0; i < BOXES; i++)
        gk_buf_printf(&body, "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P("box%d")
                             "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>", i);
    gk_buf_adds(&body, "</w:p>");
    char *xml = doc_around(&body);
    reading *r = read_xml(xml);
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1 + BOXES);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "锚");
    assert_string_equal(block(r, BOXES, GK_BLOCK_PARAGRAPH)->text, "box39");
    reading_free(r);
    free(xml);
    gk_buf_free(&body);
}

static void deep_nesting_is_skipped_with_a_warning(void **state)
{
    (void)state;
    gk_buf body;
    gk_buf_init(&body);
    gk_buf_adds(&body, P("浅"));
    for (int i = 0; i < GK_MAX_DEPTH; i++)
        gk_buf_adds(&body, "<w:sdt>");
    gk_buf_adds(&body, P("深"));
    for (int i = 0; i < GK_MAX_DEPTH; i++)
        gk_buf_adds(&body, "</w:sdt>");
    char *xml = doc_around(&body);
    reading *r = read_xml(xml);
    assert_int_equal(r->st, GK_OK);
    assert_int_equal(r->doc.count, 1);
    assert_string_equal(block(r, 0, GK_BLOCK_PARAGRAPH)->text, "浅");
    assert_true(r->diags.count >= 1);
    assert_non_null(strstr(r->diags.items[0].message, "deeper than"));
    reading_free(r);
    free(xml);
    gk_buf_free(&body);
}

/* ---- damaged or foreign archives ---- */

static void missing_document_part_is_format_error(void **state)
{
    (void)state;
    const char *const entries[] = {"readme.txt", "hello", NULL};
    reading *r = read_blob(make_zip(entries));
    assert_int_equal(r->st, GK_ERR_FORMAT);
    assert_int_equal(r->err.status, GK_ERR_FORMAT);
    assert_non_null(strstr(r->err.message, "word/document.xml"));
    assert_int_equal(r->doc.count, 0);
    reading_free(r);
}

static void xlsx_is_named(void **state)
{
    (void)state;
    const char *const entries[] = {"xl/workbook.xml", "<workbook/>", NULL};
    reading *r = read_blob(make_zip(entries));
    assert_int_equal(r->st, GK_ERR_FORMAT);
    assert_non_null(strstr(r->err.message, "XLSX"));
    reading_free(r);
}

static void malformed_xml_is_corrupt(void **state)
{
    (void)state;
    reading *r = read_xml("<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"><w:body><w:p>"
                          "<w:r><w:t>unclosed</w:r></w:body>");
    assert_int_equal(r->st, GK_ERR_CORRUPT);
    assert_int_equal(r->err.status, GK_ERR_CORRUPT);
    assert_non_null(strstr(r->err.message, "XML"));
    reading_free(r);
}

static void document_without_body_is_corrupt(void **state)
{
    (void)state;
    reading *r = read_xml("<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"/>");
    assert_int_equal(r->st, GK_ERR_CORRUPT);
    assert_non_null(strstr(r->err.message, "w:body"));
    reading_free(r);
}

static void truncated_zip_is_corrupt(void **state)
{
    (void)state;
    static const char junk[] = "PK\x03\x04garbage";
    blob b = {malloc(sizeof junk - 1), sizeof junk - 1};
    assert_non_null(b.data);
    memcpy(b.data, junk, b.len);
    reading *r = read_blob(b);
    assert_int_equal(r->st, GK_ERR_CORRUPT);
    reading_free(r);
}

static void cut_archive_is_corrupt(void **state)
{
    (void)state;
    /* A real DOCX with its last half cut off (central directory gone). */
    blob b = make_docx(DOC(P("一、总体情况")));
    b.len /= 2;
    reading *r = read_blob(b);
    assert_int_equal(r->st, GK_ERR_CORRUPT);
    reading_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraphs_in_order),
        cmocka_unit_test(runs_are_joined),
        cmocka_unit_test(preserved_spaces_in_runs),
        cmocka_unit_test(tab_and_break_are_white_space),
        cmocka_unit_test(deletions_dropped_insertions_kept),
        cmocka_unit_test(field_instructions_dropped),
        cmocka_unit_test(content_controls_are_read),
        cmocka_unit_test(hyperlink_text_is_kept),
        cmocka_unit_test(heading_levels),
        cmocka_unit_test(outline_level_wins_over_style_in_either_order),
        cmocka_unit_test(paragraph_properties_are_not_text),
        cmocka_unit_test(table_with_grid_span_and_vertical_merge),
        cmocka_unit_test(table_cell_paragraphs_are_joined),
        cmocka_unit_test(grid_before_skips_columns),
        cmocka_unit_test(rows_inside_content_controls),
        cmocka_unit_test(nested_table_becomes_flow_around_inner_table),
        cmocka_unit_test(layout_table_found_late_gives_earlier_cells_as_paragraphs),
        cmocka_unit_test(empty_table_is_dropped),
        cmocka_unit_test(continue_cell_with_huge_grid_span_stays_in_limits),
        cmocka_unit_test(text_box_becomes_its_own_paragraph),
        cmocka_unit_test(vml_text_box_is_read),
        cmocka_unit_test(text_box_inside_table_cell_is_kept),
        cmocka_unit_test(text_box_with_table_and_nested_box_follow_their_paragraph),
        cmocka_unit_test(many_text_boxes_are_all_kept),
        cmocka_unit_test(deep_nesting_is_skipped_with_a_warning),
        cmocka_unit_test(missing_document_part_is_format_error),
        cmocka_unit_test(xlsx_is_named),
        cmocka_unit_test(malformed_xml_is_corrupt),
        cmocka_unit_test(document_without_body_is_corrupt),
        cmocka_unit_test(truncated_zip_is_corrupt),
        cmocka_unit_test(cut_archive_is_corrupt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
