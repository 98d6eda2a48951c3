/* text.c — tab-delimited text reader: lines with a tab are table rows
 * (consecutive ones form a table), "#" lines are headings, others are
 * paragraphs.  This is the text pasted or exported from report pages. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool flush_table(gk_document *doc, gk_table **t)
{
    if (!*t)
        return true;
    bool ok = gk_doc_add_table(doc, *t);
    *t = NULL;
    return ok;
}

gk_status gk_read_text(const char *s, size_t len, gk_document *doc, gk_error *err)
{
    gk_table *table = NULL;
    size_t i = 0;
    bool ok = true;
    while (i < len && ok) {
        size_t end = i;
        while (end < len && s[end] != '\n')
            end++;
        size_t line_end = end;
        if (line_end > i && s[line_end - 1] == '\r')
            line_end--;
        char *line = gk_strndup(s + i, line_end - i);
        if (!line) {
            ok = false;
            break;
        }
        if (memchr(line, '\t', line_end - i)) {
            if (!table && !(table = gk_table_new())) {
                free(line);
                ok = false;
                break;
            }
            gk_table_begin_row(table);
            char *field = line;
            for (;;) {
                char *tab = strchr(field, '\t');
                if (tab)
                    *tab = '\0';
                ok = ok && gk_table_add_cell(table, field, 1, 1);
                if (!tab)
                    break;
                field = tab + 1;
            }
        } else {
            char *squeezed = gk_text_squeeze(line);
            if (!squeezed) {
                free(line);
                ok = false;
                break;
            }
            if (*squeezed) {
                /* A blank line keeps a table open only if a row follows. */
                ok = flush_table(doc, &table);
                int level = 0;
                const char *text = squeezed;
                while (text[level] == '#' && level < 6)
                    level++;
                if (level && (text[level] == ' ' || text[level] == '\0'))
                    text += level;
                else
                    level = 0;
                ok = ok && gk_doc_add_paragraph(doc, text, level);
            }
            free(squeezed);
        }
        free(line);
        i = end + 1;
    }
    if (ok)
        ok = flush_table(doc, &table);
    gk_table_free(table);
    if (!ok) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while reading text");
        return GK_ERR_NOMEM;
    }
    return GK_OK;
}
