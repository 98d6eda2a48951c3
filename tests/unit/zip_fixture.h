/* zip_fixture.h — a ZIP archive built in memory with libzip, for the unit
 * tests that feed DOCX bytes to the library.  Include after <cmocka.h>. */
#ifndef GK_TEST_ZIP_FIXTURE_H
#define GK_TEST_ZIP_FIXTURE_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* A ZIP archive in memory holding the named entries (name, content pairs,
 * NULL-terminated). */
typedef struct {
    void *data;
    size_t len;
} blob;

static inline blob make_zip(const char *const *entries)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    zip_source_keep(src);
    for (size_t i = 0; entries[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(za, entries[i + 1], strlen(entries[i + 1]), 0);
        assert_non_null(s);
        assert_true(zip_file_add(za, entries[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);

    zip_stat_t st;
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_stat(src, &st), 0);
    assert_true(st.valid & ZIP_STAT_SIZE);
    blob b = {malloc(st.size ? st.size : 1), (size_t)st.size};
    assert_non_null(b.data);
    assert_int_equal(zip_source_read(src, b.data, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return b;
}

#endif
