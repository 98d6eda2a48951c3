/* fuzz_pdf.c — libFuzzer target for the PDF path: MuPDF opens the bytes,
 * pdf.c reads characters and rulings, the layout rebuilds tables (grids,
 * joins over page breaks) and paragraphs, and the report goes on to the
 * recognizers, the checks and every writer.  An input without "%PDF-" in
 * its first 1024 bytes gets a header put in front, so every input reaches
 * the PDF reader through the same gk_report_from_memory() as real files. */
#include "fuzz_common.h"

static int has_pdf_header(const uint8_t *d, size_t n)
{
    size_t scan = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 <= scan; i++)
        if (memcmp(d + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (has_pdf_header(data, size)) {
        gk_fuzz_run("fuzz.pdf", data, size);
        return 0;
    }
    static const char header[] = "%PDF-1.7\n";
    uint8_t *buf = malloc(size + sizeof header);
    if (!buf)
        return 0;
    memcpy(buf, header, sizeof header - 1);
    memcpy(buf + sizeof header - 1, data, size);
    gk_fuzz_run("fuzz.pdf", buf, size + sizeof header - 1);
    free(buf);
    return 0;
}
