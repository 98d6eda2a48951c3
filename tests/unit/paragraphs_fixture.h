/* paragraphs_fixture.h — a document of paragraphs written by hand and an
 * empty report, for the recognizers that read paragraphs (test_sections.c,
 * test_titles.c).  Include it after <cmocka.h>. */
#ifndef GK_TEST_PARAGRAPHS_FIXTURE_H
#define GK_TEST_PARAGRAPHS_FIXTURE_H

#include <stdlib.h>

#include "internal.h"

typedef struct {
    gk_diag_list diags;
    gk_document doc;
    gk_report *r;
} fixture;

static inline fixture *fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_doc_init(&f->doc, &f->diags);
    f->r = calloc(1, sizeof *f->r);
    assert_non_null(f->r);
    return f;
}

static inline void fixture_free(fixture *f)
{
    gk_doc_free(&f->doc);
    gk_diag_list_free(&f->diags);
    gk_report_free(f->r);
    free(f);
}

static inline void para(fixture *f, const char *text) { assert_true(gk_doc_add_paragraph(&f->doc, text, 0)); }

/* A fixture holding the paragraphs of a NULL-terminated list. */
static inline fixture *fixture_of(const char *const *paragraphs)
{
    fixture *f = fixture_new();
    for (size_t i = 0; paragraphs[i]; i++)
        para(f, paragraphs[i]);
    return f;
}

#endif
