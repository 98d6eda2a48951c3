/* json_floor.c — the least gkaudit must do with a JSONL stream: decode each
 * line with jansson and free it.  Nothing else.  gkaudit's time is compared
 * with this floor (tools/bench/audit.sh).
 * Usage: json_floor < FILE.jsonl; prints the number of objects decoded. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long objects = 0;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        json_error_t e;
        json_t *root = json_loadb(line, (size_t)n, JSON_DISABLE_EOF_CHECK, &e);
        objects += root != NULL;
        json_decref(root);
    }
    free(line);
    printf("%ld\n", objects);
    return 0;
}
