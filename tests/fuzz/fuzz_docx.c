/* fuzz_docx.c — libFuzzer target for the DOCX path.
 *
 * Two kinds of input:
 *   - starting with "PK": a whole archive, passed to gk_report_from_memory()
 *     as is (libzip's parsing, the limits, damaged archives);
 *   - anything else: the text of word/document.xml, wrapped here in a valid
 *     stored (uncompressed) ZIP first, so that mutations land on the XML
 *     instead of on deflate streams and CRCs.  This is what reaches the
 *     body walker: w:tbl/w:tr/w:tc, w:gridSpan, w:vMerge, w:gridBefore,
 *     text boxes, content controls, depth limits.
 * Either way the bytes go through the public pipeline and every writer. */
#include "fuzz_common.h"

static uint32_t crc32_of(const uint8_t *d, size_t n)
{
    static uint32_t table[256];
    static int ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = 1;
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ d[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint8_t *put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    return p + 2;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    p = put16(p, v & 0xFFFF);
    return put16(p, v >> 16);
}

/* A one-entry stored ZIP holding `xml` as word/document.xml. */
static uint8_t *wrap_docx(const uint8_t *xml, size_t n, size_t *out_len)
{
    static const char name[] = "word/document.xml";
    const uint32_t nl = sizeof name - 1;
    if (n > 0xFFFFFFF0u)
        return NULL;
    size_t total = 30 + nl + n + 46 + nl + 22;
    uint8_t *z = malloc(total), *p = z;
    if (!z)
        return NULL;
    uint32_t crc = crc32_of(xml, n);
    /* local file header */
    p = put32(p, 0x04034b50);
    p = put16(p, 20);  /* version needed */
    p = put16(p, 0);   /* flags */
    p = put16(p, 0);   /* method: stored */
    p = put16(p, 0);   /* time */
    p = put16(p, 0x21); /* date: 1980-01-01 */
    p = put32(p, crc);
    p = put32(p, (uint32_t)n);
    p = put32(p, (uint32_t)n);
    p = put16(p, nl);
    p = put16(p, 0);
    memcpy(p, name, nl);
    p += nl;
    memcpy(p, xml, n);
    p += n;
    uint32_t cd_off = (uint32_t)(p - z);
    /* central directory header */
    p = put32(p, 0x02014b50);
    p = put16(p, 20);  /* version made by */
    p = put16(p, 20);  /* version needed */
    p = put16(p, 0);
    p = put16(p, 0);
    p = put16(p, 0);
    p = put16(p, 0x21);
    p = put32(p, crc);
    p = put32(p, (uint32_t)n);
    p = put32(p, (uint32_t)n);
    p = put16(p, nl);
    p = put16(p, 0);   /* extra */
    p = put16(p, 0);   /* comment */
    p = put16(p, 0);   /* disk */
    p = put16(p, 0);   /* internal attributes */
    p = put32(p, 0);   /* external attributes */
    p = put32(p, 0);   /* local header offset */
    memcpy(p, name, nl);
    p += nl;
    uint32_t cd_len = (uint32_t)(p - z) - cd_off;
    /* end of central directory */
    p = put32(p, 0x06054b50);
    p = put16(p, 0);
    p = put16(p, 0);
    p = put16(p, 1);
    p = put16(p, 1);
    p = put32(p, cd_len);
    p = put32(p, cd_off);
    p = put16(p, 0);
    *out_len = (size_t)(p - z);
    return z;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        gk_fuzz_run("fuzz.docx", data, size);
        return 0;
    }
    size_t zlen;
    uint8_t *zip = wrap_docx(data, size, &zlen);
    if (!zip)
        return 0;
    gk_fuzz_run("fuzz.docx", zip, zlen);
    free(zip);
    return 0;
}
