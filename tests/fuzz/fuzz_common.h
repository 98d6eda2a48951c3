/* fuzz_common.h — shared by the libFuzzer targets in tests/fuzz/: runs the
 * public pipeline on one input and every writer on the report it gives.
 *
 * Oracles (each a bug to find, so each abort()s):
 *   - gk_report_to_xml() says GK_ERR_SCHEMA: our own output must validate;
 *   - a writer returns NULL for any reason but GK_ERR_NOMEM;
 *   - the JSON does not parse back, or lacks one of its fixed top-level
 *     keys (jansson drops a key silently when a string is not UTF-8);
 *   - the CSV row is not one RFC 4180 record ending in "\r\n" with as
 *     many fields as the header;
 *   - the HTML page holds markup it never writes itself (<script, <img,
 *     <!--…): report text left unescaped;
 *   - (link-time wraps, see FUZZ_WRAP in fuzz.mk) the library passes a
 *     subject that is not valid UTF-8 to pcre2_match() with
 *     PCRE2_NO_UTF_CHECK (undefined behaviour inside PCRE2, which ASan
 *     does not see: PCRE2 is not instrumented), or json.c loses a value
 *     because json_object_set_new_nocheck()/json_array_append_new() refused it
 *     (jansson refuses NULL values and non-UTF-8 keys; json_string() gives
 *     NULL for a non-UTF-8 string), which silently drops a key or an entry,
 *     or json.c sets one key twice in an object (the first value is lost).
 * Everything is freed, so LeakSanitizer checks the library too, and the
 * stack is painted before each input (gk_fuzz_paint_stack) so that reads
 * of uninitialized locals crash reproducibly. */
#ifndef GK_FUZZ_COMMON_H
#define GK_FUZZ_COMMON_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The coverage build (make fuzz-coverage) replays whole corpora that may
 * hold inputs of known bugs: there an oracle only prints. */
#ifdef GK_FUZZ_REPORT_ONLY
#define GK_FUZZ_ORACLE_FAIL() ((void)0)
#else
#define GK_FUZZ_ORACLE_FAIL() abort()
#endif

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "gkreport.h"

/* Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF),
 * as PCRE2 requires of a subject it is told not to check. */
static int gk_fuzz_utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3, cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i <= k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

int __real_pcre2_match_8(const pcre2_code_8 *code, PCRE2_SPTR8 subject, PCRE2_SIZE length,
                         PCRE2_SIZE start, uint32_t options, pcre2_match_data_8 *md,
                         pcre2_match_context_8 *mctx);
int __wrap_pcre2_match_8(const pcre2_code_8 *code, PCRE2_SPTR8 subject, PCRE2_SIZE length,
                         PCRE2_SIZE start, uint32_t options, pcre2_match_data_8 *md,
                         pcre2_match_context_8 *mctx);
int __wrap_pcre2_match_8(const pcre2_code_8 *code, PCRE2_SPTR8 subject, PCRE2_SIZE length,
                         PCRE2_SIZE start, uint32_t options, pcre2_match_data_8 *md,
                         pcre2_match_context_8 *mctx)
{
    size_t n = length == PCRE2_ZERO_TERMINATED ? strlen((const char *)subject) : length;
    if ((options & PCRE2_NO_UTF_CHECK) && !gk_fuzz_utf8_ok(subject, n)) {
        fprintf(stderr, "gkreport fuzz oracle: pcre2_match() given invalid UTF-8 with PCRE2_NO_UTF_CHECK "
                        "(%zu bytes)\n", n);
        GK_FUZZ_ORACLE_FAIL();
        options &= ~(uint32_t)PCRE2_NO_UTF_CHECK; /* report-only: let PCRE2 refuse it */
    }
    return __real_pcre2_match_8(code, subject, length, start, options, md, mctx);
}

int __real_json_object_set_new_nocheck(json_t *object, const char *key, json_t *value);
int __wrap_json_object_set_new_nocheck(json_t *object, const char *key, json_t *value);
int __wrap_json_object_set_new_nocheck(json_t *object, const char *key, json_t *value)
{
    if (key && !gk_fuzz_utf8_ok((const unsigned char *)key, strlen(key))) {
        fprintf(stderr, "gkreport fuzz oracle: a JSON key is not UTF-8 (json.c sets keys unchecked)\n");
        GK_FUZZ_ORACLE_FAIL();
    }
    if (!value) {
        fprintf(stderr, "gkreport fuzz oracle: JSON key \"%s\" dropped: its value is NULL "
                        "(json_string() of a NULL or non-UTF-8 string?)\n", key ? key : "(null)");
        GK_FUZZ_ORACLE_FAIL();
    }
    if (key && json_object_get(object, key)) {
        fprintf(stderr, "gkreport fuzz oracle: JSON key \"%s\" set twice in one object; the first value is lost\n", key);
        GK_FUZZ_ORACLE_FAIL();
    }
    if (__real_json_object_set_new_nocheck(object, key, value) != 0) {
        fprintf(stderr, "gkreport fuzz oracle: json_object_set_new_nocheck() refused key \"%s\"\n", key ? key : "(null)");
        GK_FUZZ_ORACLE_FAIL();
    }
    return 0;
}

int __real_json_array_append_new(json_t *array, json_t *value);
int __wrap_json_array_append_new(json_t *array, json_t *value);
int __wrap_json_array_append_new(json_t *array, json_t *value)
{
    if (!value || __real_json_array_append_new(array, value) != 0) {
        fprintf(stderr, "gkreport fuzz oracle: JSON array entry dropped (NULL value)\n");
        GK_FUZZ_ORACLE_FAIL();
    }
    return 0;
}

static void gk_fuzz_fail(const char *what, const gk_error *err)
{
    fprintf(stderr, "gkreport fuzz oracle: %s (status %d %s: %s)\n", what, (int)err->status,
            gk_strerror(err->status), err->message);
    GK_FUZZ_ORACLE_FAIL();
}

static void gk_fuzz_check_json(const char *text, const char *what)
{
    static const char *const keys[] = {"agency", "year", "template", "title", "sections",
                                       "active_disclosure", "applications", "reviews_litigation",
                                       "checks", "diagnostics", "provenance", "source"};
    json_error_t je;
    json_t *root = json_loads(text, 0, &je);
    if (!root) {
        fprintf(stderr, "gkreport fuzz oracle: %s does not parse: %s (line %d)\n", what, je.text, je.line);
        GK_FUZZ_ORACLE_FAIL();
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!json_object_get(root, keys[i])) {
            fprintf(stderr, "gkreport fuzz oracle: %s lacks the key \"%s\"\n", what, keys[i]);
            GK_FUZZ_ORACLE_FAIL();
        }
    json_decref(root);
}

/* Fields of one RFC 4180 line (quotes honoured), or -1 when a line break
 * appears outside quotes before the final "\r\n". */
static long gk_fuzz_csv_fields(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || s[n - 2] != '\r' || s[n - 1] != '\n')
        return -1;
    long fields = 1;
    int quoted = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',')
            fields++;
        else if (!quoted && (s[i] == '\r' || s[i] == '\n'))
            return -1;
    }
    return quoted ? -1 : fields;
}

/* Fills the stack below the caller with 0x7F bytes, so that a local read
 * before it is written holds 0x7F7F7F7F (a huge index, a non-canonical
 * pointer) instead of whatever the previous input left there: an
 * uninitialized read then crashes every time, not one run in thousands
 * (MemorySanitizer would need every library rebuilt with it). */
static __attribute__((noinline)) void gk_fuzz_paint_stack(void)
{
    unsigned char buf[512 * 1024];
    memset(buf, 0x7F, sizeof buf);
    __asm__ volatile("" : : "r"(buf) : "memory");
}

/* Converts data (named `name`) and exercises every writer. */
static void gk_fuzz_run(const char *name, const uint8_t *data, size_t size)
{
    gk_fuzz_paint_stack();
    gk_report *r = NULL;
    gk_error err;
    memset(&err, 0, sizeof err);
    gk_status st = gk_report_from_memory(name, data, size, &r, &err);
    if (st != GK_OK) {
        if (r) {
            fprintf(stderr, "gkreport fuzz oracle: failure %d but a report was returned\n", (int)st);
            GK_FUZZ_ORACLE_FAIL();
            gk_report_free(r);
        }
        return;
    }
    if (!r) {
        fprintf(stderr, "gkreport fuzz oracle: GK_OK without a report\n");
        GK_FUZZ_ORACLE_FAIL();
        return;
    }
    (void)gk_report_failed_checks(r);

    memset(&err, 0, sizeof err);
    char *json = gk_report_to_json(r, &err);
    if (!json && err.status != GK_ERR_NOMEM)
        gk_fuzz_fail("gk_report_to_json returned NULL", &err);
    if (json)
        gk_fuzz_check_json(json, "gk_report_to_json output");
    free(json);

    memset(&err, 0, sizeof err);
    char *line = gk_report_to_json_line(r, &err);
    if (!line && err.status != GK_ERR_NOMEM)
        gk_fuzz_fail("gk_report_to_json_line returned NULL", &err);
    if (line && strchr(line, '\n') != line + strlen(line) - 1) {
        fprintf(stderr, "gkreport fuzz oracle: gk_report_to_json_line output is not one line\n");
        GK_FUZZ_ORACLE_FAIL();
    }
    free(line);

    memset(&err, 0, sizeof err);
    char *xml = gk_report_to_xml(r, &err);
    if (!xml && err.status == GK_ERR_SCHEMA)
        gk_fuzz_fail("gk_report_to_xml: our own XML fails the schema", &err);
    if (!xml && err.status != GK_ERR_NOMEM)
        gk_fuzz_fail("gk_report_to_xml returned NULL", &err);
    free(xml);

    memset(&err, 0, sizeof err);
    char *row = gk_report_csv_row(r, &err);
    if (!row && err.status != GK_ERR_NOMEM)
        gk_fuzz_fail("gk_report_csv_row returned NULL", &err);
    if (row) {
        char *header = gk_csv_header();
        long want = header ? gk_fuzz_csv_fields(header) : -2;
        long got = gk_fuzz_csv_fields(row);
        if (header && got != want) {
            fprintf(stderr, "gkreport fuzz oracle: CSV row has %ld fields, the header %ld "
                            "(-1: a bare line break or an unclosed quote)\n", got, want);
            GK_FUZZ_ORACLE_FAIL();
        }
        free(header);
    }
    free(row);

    memset(&err, 0, sizeof err);
    char *page = gk_report_to_html(r, &err);
    if (!page && err.status != GK_ERR_NOMEM)
        gk_fuzz_fail("gk_report_to_html returned NULL", &err);
    /* the page itself has none of these: one is report text left unescaped */
    static const char *const markup[] = {"<script", "<img", "<iframe", "<svg", "<!--", "<![CDATA["};
    for (size_t i = 0; page && i < sizeof markup / sizeof markup[0]; i++)
        if (strstr(page, markup[i])) {
            fprintf(stderr, "gkreport fuzz oracle: the HTML page holds \"%s\" (report text unescaped)\n", markup[i]);
            GK_FUZZ_ORACLE_FAIL();
        }
    free(page);
    gk_report_free(r);
}

#endif
