/* clash.c — two inputs of a streamed list (--files-from with -o DIR) that
 * would write one output: the second is refused in its turn.  The list is
 * never held, only a 64-bit hash of each output name with one of the file
 * that claimed it (16 bytes an input, in a table kept at most half full,
 * against 230 for its path); two
 * different names with one hash are as likely as two equal random 64-bit
 * numbers among the names of a batch. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct {
    uint64_t name; /* 0: free slot */
    uint64_t file; /* device and inode, hashed; 0: could not be read */
} claim;

struct clash_set {
    claim *slots;
    size_t count, cap;
};

static uint64_t fnv1a(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001B3u;
    return h;
}

clash_set *clash_set_new(void)
{
    return calloc(1, sizeof(clash_set));
}

void clash_set_free(clash_set *s)
{
    if (s)
        free(s->slots);
    free(s);
}

static bool grow(clash_set *s)
{
    size_t cap = s->cap ? 2 * s->cap : 1024;
    claim *t = calloc(cap, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].name) {
            size_t j = (size_t)s->slots[i].name & (cap - 1);
            while (t[j].name)
                j = (j + 1) & (cap - 1);
            t[j] = s->slots[i];
        }
    free(s->slots);
    s->slots = t;
    s->cap = cap;
    return true;
}

int clash_claim(clash_set *s, const char *out_name, const char *path)
{
    if (2 * (s->count + 1) > s->cap && !grow(s))
        return -1;
    uint64_t name = fnv1a(out_name, strlen(out_name), 0xCBF29CE484222325u) | 1;
    struct stat st;
    uint64_t file = 0;
    if (stat(path, &st) == 0) {
        file = fnv1a(&st.st_dev, sizeof st.st_dev, 0xCBF29CE484222325u);
        file = fnv1a(&st.st_ino, sizeof st.st_ino, file) | 1;
    }
    size_t j = (size_t)name & (s->cap - 1);
    for (; s->slots[j].name; j = (j + 1) & (s->cap - 1))
        if (s->slots[j].name == name) {
            /* a file that cannot be read writes nothing: no clash */
            if (!s->slots[j].file)
                s->slots[j].file = file;
            return !file || !s->slots[j].file || s->slots[j].file == file ? 0 : 1;
        }
    s->slots[j] = (claim){name, file};
    s->count++;
    return 0;
}
