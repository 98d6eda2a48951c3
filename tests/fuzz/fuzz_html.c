/* fuzz_html.c — libFuzzer target for the HTML path.  The content decides
 * the format, so an input without "<html" or "<!doctype html" gets "<html>"
 * put in front (after a UTF-8 BOM, if any): every input then reaches the
 * HTML reader, through the same gk_report_from_memory() as real files,
 * and on to the recognizers, the checks and every writer. */
#include <strings.h>

#include "fuzz_common.h"

static int has_html_tag(const uint8_t *d, size_t n)
{
    size_t scan = n < 65536 ? n : 65536;
    for (size_t i = 0; i < scan; i++) {
        if (d[i] != '<')
            continue;
        if ((scan - i >= 5 && strncasecmp((const char *)d + i, "<html", 5) == 0) ||
            (scan - i >= 14 && strncasecmp((const char *)d + i, "<!doctype html", 14) == 0))
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (has_html_tag(data, size)) {
        gk_fuzz_run("fuzz.html", data, size);
        return 0;
    }
    static const char prefix[] = "<html>";
    size_t bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    uint8_t *buf = malloc(size + sizeof prefix);
    if (!buf)
        return 0;
    memcpy(buf, data, bom);
    memcpy(buf + bom, prefix, sizeof prefix - 1);
    memcpy(buf + bom + sizeof prefix - 1, data + bom, size - bom);
    gk_fuzz_run("fuzz.html", buf, size + sizeof prefix - 1);
    free(buf);
    return 0;
}
