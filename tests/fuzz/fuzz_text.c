/* fuzz_text.c — libFuzzer target for the text path: bytes → sniff → decode
 * (BOM, declared charset, UTF-16/GBK sniffing) → tab-text reader →
 * gk_unflatten → recognizers → checks → JSON/XML/CSV.  The input goes to
 * gk_report_from_memory() unchanged, as the command line would pass it. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gk_fuzz_run("fuzz.txt", data, size);
    return 0;
}
