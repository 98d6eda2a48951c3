/* jsonlcheck.c — a JSON Lines file is whole: every line one JSON object,
 * the last line ended.  Prints the number of records; with FIELD names,
 * also each record's FIELDs, tab-separated (strings as they are, other
 * values as JSON, a missing one as "-"), a line per record.
 * Usage: jsonlcheck FILE [FIELD...]   (FILE "-": standard input)
 * Exit 0 when whole, 1 with the first bad line's number on stderr. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: jsonlcheck FILE [FIELD...]\n", stderr);
        return 2;
    }
    FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0, records = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        records++;
        json_error_t err;
        json_t *o = line[len - 1] == '\n' ? json_loadb(line, (size_t)len - 1, 0, &err) : NULL;
        if (!json_is_object(o)) {
            fprintf(stderr, "%s:%zu: not a whole JSON object: %.80s\n", argv[1], records, line);
            json_decref(o);
            rc = 1;
            break;
        }
        for (int i = 2; i < argc; i++) {
            json_t *v = json_object_get(o, argv[i]);
            char *text = v && !json_is_string(v) ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
            printf("%s%s", i > 2 ? "\t" : "", !v ? "-" : json_is_string(v) ? json_string_value(v) : text);
            free(text);
        }
        if (argc > 2)
            putchar('\n');
        json_decref(o);
    }
    free(line);
    if (!rc)
        printf("%zu\n", records);
    return rc;
}
