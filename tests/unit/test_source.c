/* test_source.c — bytes in: gk_sniff_binary refuses what is not a report
 * format, gk_decode finds the encoding (BOM, declaration, sniffing) and
 * decodes to UTF-8, gk_sniff_markup tells HTML from text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

/* GBK bytes: 政 D5FE, 府 B8AE, 堃 88D2 (GBK only, not GB2312), 信 D0C5, 息 CFA2 */
#define GBK_ZHENGFU "\xD5\xFE\xB8\xAE"
#define GBK_KUN "\x88\xD2"
#define GBK_XINXI "\xD0\xC5\xCF\xA2"

/* ---- gk_sniff_binary ---- */

static gk_status sniff(const char *data, size_t len, bool *is_zip, gk_error *err)
{
    *is_zip = true; /* must be reset by the call */
    memset(err, 0, sizeof *err);
    return gk_sniff_binary((const unsigned char *)data, len, is_zip, err);
}

static void sniff_refuses_pdf(void **state)
{
    (void)state;
    bool zip;
    gk_error err;
    static const char pdf[] = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj";
    assert_int_equal(sniff(pdf, sizeof pdf - 1, &zip, &err), GK_ERR_FORMAT);
    assert_int_equal(err.status, GK_ERR_FORMAT);
    assert_non_null(strstr(err.message, "PDF"));
    assert_false(zip);
}

static void sniff_refuses_png(void **state)
{
    (void)state;
    bool zip;
    gk_error err;
    static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
    assert_int_equal(sniff(png, sizeof png - 1, &zip, &err), GK_ERR_FORMAT);
    assert_non_null(strstr(err.message, "PNG"));
}

static void sniff_refuses_ole2_doc(void **state)
{
    (void)state;
    bool zip;
    gk_error err;
    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
    assert_int_equal(sniff(ole, sizeof ole - 1, &zip, &err), GK_ERR_FORMAT);
    assert_non_null(strstr(err.message, ".doc"));
}

static void sniff_refuses_empty_input(void **state)
{
    (void)state;
    bool zip;
    gk_error err;
    assert_int_equal(sniff("", 0, &zip, &err), GK_ERR_EMPTY);
    assert_int_equal(err.status, GK_ERR_EMPTY);
    assert_false(zip);
}

static void sniff_accepts_zip(void **state)
{
    (void)state;
    bool zip;
    gk_error err;
    static const char z[] = "PK\x03\x04\x14\0\0\0";
    assert_int_equal(sniff(z, sizeof z - 1, &zip, &err), GK_OK);
    assert_true(zip);
    static const char empty_zip[] = "PK\x05\x06\0\0\0\0";
    assert_int_equal(sniff(empty_zip, sizeof empty_zip - 1, &zip, &err), GK_OK);
    assert_true(zip);
}

static void sniff_accepts_text(void **state)
{
    (void)state;
    bool zip;
    gk_error err;
    assert_int_equal(sniff("<html>", 6, &zip, &err), GK_OK);
    assert_false(zip);
    /* Shorter than a magic number: compared within the length only. */
    assert_int_equal(sniff("%P", 2, &zip, &err), GK_OK);
    assert_false(zip);
}

/* ---- gk_decode ---- */

typedef struct {
    gk_status st;
    char *out;
    size_t len;
    const char *enc;
    gk_diag_list diags;
    gk_error err;
} decoded;

static decoded *decode(const char *data, size_t len)
{
    decoded *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->st = gk_decode((const unsigned char *)data, len, &d->out, &d->len, &d->enc, &d->diags, &d->err);
    return d;
}

static void decoded_free(decoded *d)
{
    free(d->out);
    gk_diag_list_free(&d->diags);
    free(d);
}

/* True when some diagnostic's message contains `needle`. */
static bool diag_has(const gk_diag_list *l, const char *needle)
{
    for (size_t i = 0; i < l->count; i++)
        if (strstr(l->items[i].message, needle))
            return true;
    return false;
}

static void decode_plain_utf8(void **state)
{
    (void)state;
    decoded *d = decode("政府信息", strlen("政府信息"));
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_string_equal(d->out, "政府信息");
    assert_int_equal(d->len, strlen("政府信息"));
    assert_int_equal(d->diags.count, 0);
    decoded_free(d);
}

static void decode_utf8_bom_is_stripped(void **state)
{
    (void)state;
    static const char in[] = "\xEF\xBB\xBF政府";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_string_equal(d->out, "政府");
    assert_int_equal(d->len, 6);
    decoded_free(d);
}

static void decode_utf16le_bom(void **state)
{
    (void)state;
    static const char in[] = "\xFF\xFE\x3F\x65\x9C\x5E\x41\x00"; /* 政府A */
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-16LE");
    assert_string_equal(d->out, "政府A");
    decoded_free(d);
}

static void decode_utf16be_bom(void **state)
{
    (void)state;
    static const char in[] = "\xFE\xFF\x65\x3F\x5E\x9C\x00\x41"; /* 政府A */
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-16BE");
    assert_string_equal(d->out, "政府A");
    decoded_free(d);
}

static void decode_utf16le_without_bom_is_sniffed(void **state)
{
    (void)state;
    static const char in[] = "a\0b\0c\0\x3F\x65\x9C\x5E"; /* abc政府 */
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-16LE");
    assert_string_equal(d->out, "abc政府");
    decoded_free(d);
}

static void decode_utf16_invalid_unit_keeps_alignment(void **state)
{
    (void)state;
    /* Was a bug (fixed): in UTF-16 an undecodable code unit (here a lone low surrogate
     * DC00) is skipped one byte at a time, so every later character is
     * read across a unit boundary: "ab" + DC00 + "cdef…" decodes to
     * "ab\uFFFD揜搀攀昀…" instead of "ab\uFFFDcdef…".  Expected: the
     * unit (2 bytes) replaced by one U+FFFD and the rest intact. */
    static const char in[] = "\xFF\xFE" "a\0b\0" "\x00\xDC"
                             "c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z\0";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-16LE");
    assert_string_equal(d->out, "ab\xEF\xBF\xBD" "cdefghijklmnopqrstuvwxyz");
    decoded_free(d);
}

static void decode_undeclared_gbk(void **state)
{
    (void)state;
    static const char in[] = GBK_ZHENGFU GBK_KUN;
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "GB18030");
    assert_string_equal(d->out, "政府堃");
    decoded_free(d);
}

static void decode_declared_gb2312_with_gbk_only_character(void **state)
{
    (void)state;
    /* 堃 is not in GB2312; the page is decoded as GB18030 to its end. */
    static const char in[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                             "</head><body><p>" GBK_ZHENGFU GBK_KUN GBK_XINXI "</p><p>end</p></body></html>";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "GB18030");
    assert_non_null(strstr(d->out, "<p>政府堃信息</p><p>end</p></body></html>"));
    assert_int_equal(d->diags.count, 0);

    /* and the HTML reader sees all of it */
    gk_diag_list diags = {0};
    gk_document doc;
    gk_doc_init(&doc, &diags);
    gk_error err = {0};
    assert_int_equal(gk_read_html(d->out, d->len, &doc, &err), GK_OK);
    assert_int_equal(doc.count, 2);
    assert_string_equal(doc.blocks[0].text, "政府堃信息");
    assert_string_equal(doc.blocks[1].text, "end");
    gk_doc_free(&doc);
    gk_diag_list_free(&diags);
    decoded_free(d);
}

static void decode_declared_gbk_but_valid_utf8(void **state)
{
    (void)state;
    static const char in[] = "<meta charset=\"gbk\"><p>政府信息</p>";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_string_equal(d->out, in);
    assert_true(diag_has(&d->diags, "valid UTF-8"));
    decoded_free(d);
}

static void decode_declared_utf8_but_gbk(void **state)
{
    (void)state;
    static const char in[] = "<meta charset=utf-8><p>" GBK_ZHENGFU GBK_XINXI "</p>";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "GB18030");
    assert_string_equal(d->out, "<meta charset=utf-8><p>政府信息</p>");
    assert_true(diag_has(&d->diags, "not UTF-8"));
    decoded_free(d);
}

static void decode_unknown_charset_is_a_warning(void **state)
{
    (void)state;
    static const char in[] = "<meta charset=klingon><p>政府</p>";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_true(diag_has(&d->diags, "klingon"));
    decoded_free(d);
}

static void decode_invalid_utf8_byte_after_bom(void **state)
{
    (void)state;
    /* 0xFF at input offset 3 + 78 = 81 (26 three-byte characters first). */
    static const char in[] = "\xEF\xBB\xBF"
                             "政府信息公开工作年度报告，本年度我局认真贯彻落实条例"
                             "\xFF"
                             "要求做好政府信息公开工作。";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_string_equal(d->out, "政府信息公开工作年度报告，本年度我局认真贯彻落实条例"
                                "\xEF\xBF\xBD" /* U+FFFD */
                                "要求做好政府信息公开工作。");
    assert_true(diag_has(&d->diags, "0xFF"));
    assert_true(diag_has(&d->diags, "byte offset"));
    decoded_free(d);
}

static void decode_invalid_utf8_byte_offset_counts_the_bom(void **state)
{
    (void)state;
    /* Was a bug (fixed): after a BOM, the offset in the diagnostic is counted from the
     * end of the BOM, not from the start of the input: the byte at file
     * offset 81 is reported "at byte offset 78" (UTF-8 BOM: 3 bytes off;
     * UTF-16 BOM: 2 bytes off).  Expected "byte offset 81". */
    static const char in[] = "\xEF\xBB\xBF"
                             "政府信息公开工作年度报告，本年度我局认真贯彻落实条例"
                             "\xFF"
                             "要求做好政府信息公开工作。";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_true(diag_has(&d->diags, "byte offset 81"));
    decoded_free(d);
}

static void decode_invalid_gb18030_byte(void **state)
{
    (void)state;
    static const char in[] = GBK_ZHENGFU GBK_KUN " abcdefghijklmnopqrstuvwxyz0123456789 \xFF abcdefghijklmnopqrstuvwxyz";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "GB18030");
    assert_string_equal(d->out, "政府堃 abcdefghijklmnopqrstuvwxyz0123456789 \xEF\xBF\xBD abcdefghijklmnopqrstuvwxyz");
    assert_true(diag_has(&d->diags, "byte offset 44"));
    decoded_free(d);
}

static void decode_declared_utf8_with_one_bad_byte_stays_utf8(void **state)
{
    (void)state;
    /* Was a bug (fixed): a page declared UTF-8 whose bytes are all valid UTF-8 but one
     * (a truncated character, a stray byte) is decoded as GB18030 in full,
     * turning every Chinese character into mojibake ("政府" → "鏀垮簻").
     * Expected: UTF-8 kept, the one bad byte → U+FFFD with a diagnostic.
     * Got: encoding "GB18030", all text garbled. */
    static const char in[] = "<meta charset=utf-8><p>政府信息公开工作年度报告，本年度我局认真贯彻落实条例"
                             "\xFF"
                             "要求做好政府信息公开工作。</p>";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_non_null(strstr(d->out, "政府信息公开工作年度报告"));
    assert_non_null(strstr(d->out, "条例\xEF\xBF\xBD要求"));
    decoded_free(d);
}

static void decode_undeclared_utf8_with_one_bad_byte_stays_utf8(void **state)
{
    (void)state;
    /* Was a bug (fixed): the same without a declaration (a .txt export): one invalid
     * byte among 40 valid UTF-8 characters makes the whole text GB18030
     * mojibake.  Expected "UTF-8" and the text intact around U+FFFD. */
    static const char in[] = "政府信息公开工作年度报告，本年度我局认真贯彻落实条例"
                             "\xFF"
                             "要求做好政府信息公开工作。";
    decoded *d = decode(in, sizeof in - 1);
    assert_int_equal(d->st, GK_OK);
    assert_string_equal(d->enc, "UTF-8");
    assert_non_null(strstr(d->out, "条例\xEF\xBF\xBD要求"));
    decoded_free(d);
}

static void decode_binary_noise_is_refused(void **state)
{
    (void)state;
    unsigned char noise[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    noise[0] = 'x'; /* no magic number */
    decoded *d = decode((const char *)noise, sizeof noise);
    assert_int_equal(d->st, GK_ERR_FORMAT);
    assert_int_equal(d->err.status, GK_ERR_FORMAT);
    assert_null(d->out);
    decoded_free(d);
}

static void decode_control_characters_are_refused(void **state)
{
    (void)state;
    char ctl[200];
    for (size_t i = 0; i < sizeof ctl; i++)
        ctl[i] = (char)(i % 2 ? 'a' : 0x01);
    decoded *d = decode(ctl, sizeof ctl);
    assert_int_equal(d->st, GK_ERR_FORMAT);
    decoded_free(d);
}

/* ---- gk_sniff_markup ---- */

static gk_format markup(const char *s) { return gk_sniff_markup(s, strlen(s)); }

static void markup_html_document(void **state)
{
    (void)state;
    assert_int_equal(markup("<!DOCTYPE html><html><body>x</body></html>"), GK_FMT_HTML);
    assert_int_equal(markup("  <HTML>"), GK_FMT_HTML);
}

static void markup_html_fragment_needs_two_tags(void **state)
{
    (void)state;
    assert_int_equal(markup("<p>一、总体情况</p><table><tr><td>1</td></tr></table>"), GK_FMT_HTML);
    assert_int_equal(markup("见附件<br>谢谢"), GK_FMT_TEXT);
}

static void markup_plain_and_tab_text(void **state)
{
    (void)state;
    assert_int_equal(markup("一、总体情况\n本年度 a < b, c > d\n"), GK_FMT_TEXT);
    assert_int_equal(markup("行政许可\t1572\n行政处罚\t386\n"), GK_FMT_TEXT);
    assert_int_equal(markup(""), GK_FMT_TEXT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniff_refuses_pdf),
        cmocka_unit_test(sniff_refuses_png),
        cmocka_unit_test(sniff_refuses_ole2_doc),
        cmocka_unit_test(sniff_refuses_empty_input),
        cmocka_unit_test(sniff_accepts_zip),
        cmocka_unit_test(sniff_accepts_text),
        cmocka_unit_test(decode_plain_utf8),
        cmocka_unit_test(decode_utf8_bom_is_stripped),
        cmocka_unit_test(decode_utf16le_bom),
        cmocka_unit_test(decode_utf16be_bom),
        cmocka_unit_test(decode_utf16le_without_bom_is_sniffed),
        cmocka_unit_test(decode_utf16_invalid_unit_keeps_alignment),
        cmocka_unit_test(decode_undeclared_gbk),
        cmocka_unit_test(decode_declared_gb2312_with_gbk_only_character),
        cmocka_unit_test(decode_declared_gbk_but_valid_utf8),
        cmocka_unit_test(decode_declared_utf8_but_gbk),
        cmocka_unit_test(decode_unknown_charset_is_a_warning),
        cmocka_unit_test(decode_invalid_utf8_byte_after_bom),
        cmocka_unit_test(decode_invalid_utf8_byte_offset_counts_the_bom),
        cmocka_unit_test(decode_invalid_gb18030_byte),
        cmocka_unit_test(decode_declared_utf8_with_one_bad_byte_stays_utf8),
        cmocka_unit_test(decode_undeclared_utf8_with_one_bad_byte_stays_utf8),
        cmocka_unit_test(decode_binary_noise_is_refused),
        cmocka_unit_test(decode_control_characters_are_refused),
        cmocka_unit_test(markup_html_document),
        cmocka_unit_test(markup_html_fragment_needs_two_tags),
        cmocka_unit_test(markup_plain_and_tab_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
