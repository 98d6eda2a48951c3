/* write_floor.c — the least it costs here to write a file per report: the
 * files listed (gkreport's own outputs) are read into memory first, then
 * written under DIR the way gkreport writes them (the same relative paths,
 * directories as needed, a temporary name, then rename), and only the
 * writing is timed.  Creating files costs ten times more in some
 * directories of this VM than in others, so this is measured in the same
 * directory as gkreport's runs.
 * Usage: write_floor LIST PREFIX DIR: each listed path, less PREFIX, is
 * written under DIR; prints the seconds taken. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "slurp.h"

typedef struct {
    char *data;
    size_t len;
    char *name; /* the path less PREFIX */
} file;

static void mkdirs_for(char *path)
{
    for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(path, 0777);
        *s = '/';
    }
}

int main(int argc, char **argv)
{
    FILE *list = argc == 4 ? fopen(argv[1], "r") : NULL;
    if (!list) {
        fprintf(stderr, "usage: write_floor LIST PREFIX DIR\n");
        return 2;
    }
    size_t prefix = strlen(argv[2]);
    file *files = NULL;
    size_t n = 0, cap = 0;
    char path[4096];
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = '\0';
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            files = realloc(files, cap * sizeof *files);
            if (!files)
                return 2;
        }
        if (strncmp(path, argv[2], prefix) != 0)
            continue;
        files[n].data = slurp(path, &files[n].len);
        files[n].name = strdup(path + prefix);
        if (files[n].data && files[n].name)
            n++;
    }
    fclose(list);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < n; i++) {
        char target[4096], tmp[4200];
        snprintf(target, sizeof target, "%s/%s", argv[3], files[i].name);
        snprintf(tmp, sizeof tmp, "%s.tmp", target);
        FILE *f = fopen(tmp, "wb");
        if (!f && errno == ENOENT) {
            mkdirs_for(tmp);
            f = fopen(tmp, "wb");
        }
        if (!f || fwrite(files[i].data, 1, files[i].len, f) != files[i].len || fclose(f) != 0 ||
            rename(tmp, target) != 0) {
            perror(target);
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    for (size_t i = 0; i < n; i++) {
        free(files[i].data);
        free(files[i].name);
    }
    free(files);
    return 0;
}
