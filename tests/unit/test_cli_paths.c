/* test_cli_paths.c — the command line's names (issue 10 §1): output names
 * from normalized paths (nothing climbs out of -o DIR), the --failures
 * line for any file name (JSON Lines, path_base64 when not UTF-8), and the
 * clash table of streamed lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"

static void expect_normalized(const char *path, const char *want)
{
    char *got = normalized_relative(path);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("normalized_relative(\"%s\"): \"%s\", expected \"%s\"", path, got, want);
    free(got);
}

static void normalized_names(void **state)
{
    (void)state;
    expect_normalized("x.txt", "x.txt");
    expect_normalized("a//x.txt", "a/x.txt");
    expect_normalized("./x", "x");
    expect_normalized("a/../x.txt", "x.txt");
    expect_normalized("a/./b/../../x.txt", "x.txt");
    expect_normalized("/data/2021/x.txt", "data/2021/x.txt");
    expect_normalized("../x.txt", "__/x.txt");
    expect_normalized("../../a/x", "__/__/a/x");
    expect_normalized("a/../../x", "__/x");
    expect_normalized("__/../x", "x"); /* a folder really named "__" is one to go back over */
    expect_normalized("a/b/", "a/b");
    expect_normalized(".", "_");
    expect_normalized("/", "_");
    expect_normalized("a/..", "_");
}

/* The failure line written for path, read back. */
static char *failure_line(const char *path, const char *reason, int code)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    failure_write(f, path, reason, code);
    fclose(f);
    return buf;
}

static void failure_lines(void **state)
{
    (void)state;
    char *l = failure_line("a/x.docx", "empty file", 4);
    assert_string_equal(l, "{\"path\":\"a/x.docx\",\"reason\":\"empty file\",\"exit\":4}\n");
    free(l);
    l = failure_line("tab\tnew\nline \"q\" \\.txt", "r", 3);
    assert_string_equal(l, "{\"path\":\"tab\\tnew\\nline \\\"q\\\" \\\\.txt\",\"reason\":\"r\",\"exit\":3}\n");
    free(l);
    l = failure_line("\x01\x7f", "r", 3); /* other control characters as \u escapes */
    assert_string_equal(l, "{\"path\":\"\\u0001\\u007f\",\"reason\":\"r\",\"exit\":3}\n");
    free(l);
    /* 年报 in GBK: not UTF-8, so the exact bytes in base64 too */
    l = failure_line("\xc4\xea\xb1\xa8.txt", "r", 4);
    assert_string_equal(l, "{\"path\":\"\\ufffd\xea\xb1\xa8.txt\",\"path_base64\":\"xOqxqC50eHQ=\",\"reason\":\"r\",\"exit\":4}\n");
    free(l);
    /* UTF-8 names stay as they are; line separators are escaped */
    l = failure_line("年报\xe2\x80\xa8.docx", "r", 4);
    assert_string_equal(l, "{\"path\":\"年报\\u2028.docx\",\"reason\":\"r\",\"exit\":4}\n");
    free(l);
    /* overlong and surrogate forms are not UTF-8 */
    l = failure_line("\xc0\xaf\xed\xa0\x80", "r", 4);
    assert_non_null(strstr(l, "\"path_base64\":\"wK/toIA=\""));
    free(l);
}

static void clashes(void **state)
{
    (void)state;
    char a[] = "/tmp/gk-clash-a-XXXXXX", b[] = "/tmp/gk-clash-b-XXXXXX";
    int fa = mkstemp(a), fb = mkstemp(b);
    assert_true(fa >= 0 && fb >= 0);
    clash_set *s = clash_set_new();
    assert_non_null(s);
    assert_int_equal(clash_claim(s, "x.txt", a), 0);
    assert_int_equal(clash_claim(s, "x.txt", a), 0); /* the same file again */
    assert_int_equal(clash_claim(s, "x.txt", b), 1); /* another file, one output */
    assert_int_equal(clash_claim(s, "y.txt", b), 0);
    assert_int_equal(clash_claim(s, "z.txt", "/nonexistent/z"), 0);
    assert_int_equal(clash_claim(s, "z.txt", a), 0); /* a missing file writes nothing */
    assert_int_equal(clash_claim(s, "z.txt", b), 1);
    char name[32];
    for (int i = 0; i < 5000; i++) { /* the table grows and keeps every claim */
        snprintf(name, sizeof name, "n%d", i);
        assert_int_equal(clash_claim(s, name, a), 0);
    }
    assert_int_equal(clash_claim(s, "n4999", b), 1);
    assert_int_equal(clash_claim(s, "x.txt", b), 1);
    clash_set_free(s);
    close(fa);
    close(fb);
    unlink(a);
    unlink(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalized_names),
        cmocka_unit_test(failure_lines),
        cmocka_unit_test(clashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
