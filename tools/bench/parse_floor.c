/* parse_floor.c — the least any converter must do with the same inputs, in
 * one process: read each file, unzip word/document.xml and parse it with
 * libxml2, or parse HTML with libxml2, or just read text.  Nothing else.
 * gkreport's single-threaded time is compared with this floor.
 * Usage: parse_floor LIST (one path a line); prints the seconds taken. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zip.h>

#include "slurp.h"

static int utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = p[i] < 0x80 ? 1 : (p[i] & 0xE0) == 0xC0 ? 2 : (p[i] & 0xF0) == 0xE0 ? 3 : (p[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || i + n > len)
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
        i += n;
    }
    return 1;
}

static void parse_docx(const char *data, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        zip_source_free(src);
        zip_error_fini(&ze);
        return;
    }
    zip_stat_t st;
    zip_file_t *f = zip_stat(za, "word/document.xml", 0, &st) == 0 ? zip_fopen(za, "word/document.xml", 0) : NULL;
    if (f) {
        char *xml = malloc(st.size);
        if (xml && zip_fread(f, xml, st.size) == (zip_int64_t)st.size) {
            xmlDocPtr d = xmlReadMemory(xml, (int)st.size, "document.xml", NULL, XML_PARSE_NONET);
            xmlFreeDoc(d);
        }
        free(xml);
        zip_fclose(f);
    }
    zip_discard(za);
    zip_error_fini(&ze);
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int main(int argc, char **argv)
{
    FILE *list = argc == 2 ? fopen(argv[1], "r") : NULL;
    if (!list) {
        fprintf(stderr, "usage: parse_floor LIST\n");
        return 2;
    }
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet); /* libxml2's complaints are not our output */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char path[4096];
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = '\0';
        size_t len;
        char *data = slurp(path, &len);
        if (!data)
            continue;
        const char *dot = strrchr(path, '.');
        if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
            parse_docx(data, len);
        else if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)) {
            /* A page that is not UTF-8 is GBK here: name GB18030 so that
             * libxml2 reads it whole instead of stopping at the first
             * GBK-only character of a page declared gb2312. */
            htmlDocPtr d = htmlReadMemory(data, (int)len, NULL, utf8_valid(data, len) ? "UTF-8" : "GB18030",
                                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
            xmlFreeDoc(d);
        }
        free(data);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fclose(list);
    printf("%.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
