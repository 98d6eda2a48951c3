/* source.c — bytes in: refuse what is not a report format, find the
 * encoding (BOM, declaration, sniffing) and decode to UTF-8 with iconv.
 * GBK and GB2312 are decoded as GB18030, their superset, because pages
 * declared gb2312 routinely hold GBK-only characters (堃, 镕). */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

bool gk_sniff_pdf(const unsigned char *d, size_t len)
{
    size_t scan = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= scan; i++)
        if (memcmp(d + i, "%PDF-", 5) == 0)
            return true;
    return false;
}

gk_status gk_sniff_binary(const unsigned char *d, size_t len, bool *is_zip, gk_error *err)
{
    *is_zip = false;
    if (len == 0) {
        gk_error_set(err, GK_ERR_EMPTY, "empty file");
        return GK_ERR_EMPTY;
    }
    if (len > GK_MAX_INPUT_BYTES) {
        gk_error_set(err, GK_ERR_TOO_LARGE, "input is %zu bytes, over the %u MiB limit", len,
                     GK_MAX_INPUT_BYTES >> 20);
        return GK_ERR_TOO_LARGE;
    }
    if (starts(d, len, "PK\x03\x04", 4) || starts(d, len, "PK\x05\x06", 4)) {
        *is_zip = true;
        return GK_OK;
    }
    static const struct {
        const char *magic;
        size_t n;
        const char *what;
    } refused[] = {
        {"%PDF", 4, "looks like a PDF (PDF is not an input format yet)"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "looks like a legacy Word .doc (OLE2); save it as DOCX"},
        {"\x89PNG", 4, "looks like a PNG image"},
        {"\xFF\xD8\xFF", 3, "looks like a JPEG image"},
        {"GIF8", 4, "looks like a GIF image"},
        {"{\\rtf", 5, "looks like RTF; save it as DOCX"},
        {"\x1F\x8B", 2, "looks like a gzip archive"},
        {"Rar!", 4, "looks like a RAR archive"},
        {"7z\xBC\xAF", 4, "looks like a 7-Zip archive"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (starts(d, len, refused[i].magic, refused[i].n)) {
            gk_error_set(err, GK_ERR_FORMAT, "not a report: %s", refused[i].what);
            return GK_ERR_FORMAT;
        }
    return GK_OK;
}

/* Maps a declared charset label to the iconv name we decode with. */
static const char *canonical_charset(const char *label)
{
    static const struct {
        const char *label, *name;
    } map[] = {
        {"utf-8", "UTF-8"},       {"utf8", "UTF-8"},         {"gb2312", "GB18030"},
        {"gbk", "GB18030"},       {"gb18030", "GB18030"},    {"x-gbk", "GB18030"},
        {"cp936", "GB18030"},     {"windows-936", "GB18030"}, {"euc-cn", "GB18030"},
        {"hz-gb-2312", "GB18030"}, {"big5", "BIG5"},          {"big5-hkscs", "BIG5-HKSCS"},
        {"utf-16", "UTF-16"},     {"utf-16le", "UTF-16LE"},  {"utf-16be", "UTF-16BE"},
        {"iso-8859-1", "UTF-8"},  {"us-ascii", "UTF-8"},     {"ascii", "UTF-8"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(label, map[i].label) == 0)
            return map[i].name;
    return NULL;
}

/* Finds charset=… (HTML meta) or encoding="…" (XML declaration) in the
 * first bytes; ASCII-compatible encodings only, which all Chinese pages are. */
static const char *declared_charset(const unsigned char *d, size_t len, char *label, size_t cap)
{
    size_t scan = len < 8192 ? len : 8192;
    static const char *const keys[] = {"charset=", "encoding="};
    for (size_t k = 0; k < 2; k++) {
        size_t kl = strlen(keys[k]);
        for (size_t i = 0; i + kl < scan; i++) {
            if ((d[i] | 0x20) != keys[k][0] || strncasecmp((const char *)d + i, keys[k], kl) != 0)
                continue;
            size_t j = i + kl;
            while (j < scan && (d[j] == '"' || d[j] == '\'' || d[j] == ' '))
                j++;
            size_t n = 0;
            while (j < scan && n + 1 < cap && (isalnum(d[j]) || d[j] == '-' || d[j] == '_'))
                label[n++] = (char)d[j++];
            label[n] = '\0';
            if (n)
                return label;
        }
    }
    return NULL;
}

/* UTF-16 without a BOM: many NUL bytes, all on one parity. */
static const char *sniff_utf16(const unsigned char *d, size_t len)
{
    size_t scan = len < 4096 ? len : 4096, even = 0, odd = 0;
    for (size_t i = 0; i < scan; i++)
        if (!d[i])
            *(i % 2 ? &odd : &even) += 1;
    if (scan >= 4 && odd > scan / 8 && even == 0)
        return "UTF-16LE";
    if (scan >= 4 && even > scan / 8 && odd == 0)
        return "UTF-16BE";
    return NULL;
}

/* Valid multi-byte UTF-8 sequences far outnumber invalid bytes: a UTF-8
 * file with some damage, not GBK (whose text is rarely valid UTF-8). */
static bool mostly_valid_utf8(const unsigned char *d, size_t len)
{
    size_t ok = 0, bad = 0, i = 0;
    uint32_t cp;
    while (i < len) {
        if (d[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = gk_utf8_decode(d + i, len - i, &cp);
        if (n) {
            ok++;
            i += n;
        } else {
            bad++;
            i++;
        }
    }
    return ok >= 10 && bad * 10 <= ok; /* GBK read as UTF-8 gives ok/bad near 0.1 */
}

/* Copies UTF-8, replacing each invalid byte with U+FFFD and a diagnostic. */
static gk_status copy_utf8(const unsigned char *d, size_t len, size_t base, bool valid, gk_buf *out,
                           gk_diag_list *diags)
{
    if (valid) { /* the common case: one copy */
        gk_buf_add(out, (const char *)d, len);
        return out->failed ? GK_ERR_NOMEM : GK_OK;
    }
    size_t i = 0, bad = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && d[i] < 0x80)
            i++;
        gk_buf_add(out, (const char *)d + start, i - start);
        if (i >= len)
            break;
        uint32_t cp;
        size_t n = gk_utf8_decode(d + i, len - i, &cp);
        if (n) {
            gk_buf_add(out, (const char *)d + i, n);
            i += n;
        } else {
            if (bad++ < 10)
                gk_diag_add(diags, GK_SEV_WARNING, "source", "invalid UTF-8 byte 0x%02X at byte offset %zu replaced by U+FFFD",
                            d[i], base + i);
            gk_buf_add_utf8(out, 0xFFFD);
            i++;
        }
    }
    if (bad > 10)
        gk_diag_add(diags, GK_SEV_WARNING, "source", "%zu invalid UTF-8 bytes in all", bad);
    return out->failed ? GK_ERR_NOMEM : GK_OK;
}

/* iconv descriptors kept per thread and encoding: iconv_open takes glibc's
 * global gconv lock and searches its module cache, which made -j 2 on GBK
 * pages barely faster than -j 1.  Closed when the thread ends. */
enum { ICONV_CACHE = 4 };
typedef struct {
    const char *from[ICONV_CACHE]; /* static names from gk_decode */
    iconv_t cd[ICONV_CACHE];
} iconv_cache;

static pthread_key_t iconv_key;
static pthread_once_t iconv_once = PTHREAD_ONCE_INIT;

static void iconv_cache_free(void *p)
{
    iconv_cache *c = p;
    for (int i = 0; i < ICONV_CACHE; i++)
        if (c->from[i])
            iconv_close(c->cd[i]);
    free(c);
}

static void iconv_key_init(void)
{
    gk_tls_key_create(&iconv_key, iconv_cache_free);
}

/* A descriptor from `from` to UTF-8, reset to its initial state.  *cached
 * says whether the thread's cache owns it; if not, the caller closes it. */
static iconv_t iconv_for(const char *from, bool *cached)
{
    pthread_once(&iconv_once, iconv_key_init);
    *cached = false;
    iconv_cache *c = pthread_getspecific(iconv_key);
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c || pthread_setspecific(iconv_key, c) != 0) {
            free(c);
            return iconv_open("UTF-8", from);
        }
    }
    int i = 0;
    for (; i < ICONV_CACHE && c->from[i]; i++)
        if (strcmp(c->from[i], from) == 0) {
            iconv(c->cd[i], NULL, NULL, NULL, NULL); /* back to the initial state */
            *cached = true;
            return c->cd[i];
        }
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd != (iconv_t)-1 && i < ICONV_CACHE) {
        c->from[i] = from;
        c->cd[i] = cd;
        *cached = true;
    }
    return cd;
}

static gk_status convert(const char *from, const unsigned char *d, size_t len, size_t base, gk_buf *out,
                         gk_diag_list *diags, gk_error *err)
{
    bool cached;
    errno = 0;
    iconv_t cd = iconv_for(from, &cached);
    /* Every name here is one glibc always has (gk_decode's table): a
     * descriptor that cannot be opened is a module that could not be loaded
     * or allocated, i.e. out of memory, whatever errno says (EINVAL when
     * dlopen fails under a memory limit). */
    if (cd == (iconv_t)-1) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory opening the %s decoder (%s)", from, strerror(errno));
        return GK_ERR_NOMEM;
    }
    size_t in_left = len, bad = 0;
    char *in = (char *)d;
    char chunk[16384];
    while (in_left > 0) {
        char *o = chunk;
        size_t o_left = sizeof chunk;
        size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
        /* read before anything else: a malloc that succeeds may still set
         * errno (glibc tries sbrk, then mmap), and E2BIG would read as a
         * bad byte */
        int why = errno;
        gk_buf_add(out, chunk, sizeof chunk - o_left);
        if (rc != (size_t)-1)
            break;
        if (why == E2BIG)
            continue;
        if (why != EILSEQ && why != EINVAL) {
            if (!cached)
                iconv_close(cd);
            gk_error_set(err, GK_ERR_INTERNAL, "cannot convert from %s: %s", from, strerror(why));
            return GK_ERR_INTERNAL;
        }
        /* EILSEQ or EINVAL (truncated at the end): one code unit becomes
         * U+FFFD — two bytes in UTF-16, so the rest stays aligned. */
        size_t offset = base + len - in_left;
        size_t unit = strncmp(from, "UTF-16", 6) == 0 && in_left >= 2 ? 2 : 1;
        if (bad++ < 10)
            gk_diag_add(diags, GK_SEV_WARNING, "source", "byte 0x%02X at byte offset %zu is not valid %s; replaced by U+FFFD",
                        (unsigned char)*in, offset, from);
        gk_buf_add_utf8(out, 0xFFFD);
        in += unit;
        in_left -= unit;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    if (!cached)
        iconv_close(cd);
    if (bad > 10)
        gk_diag_add(diags, GK_SEV_WARNING, "source", "%zu undecodable bytes in all", bad);
    if (out->failed) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while decoding");
        return GK_ERR_NOMEM;
    }
    return GK_OK;
}

/* Share of bytes that are control characters: binary noise, not text.
 * Branch-free: it reads the first 64 KiB of every input. */
static bool looks_binary(const char *s, size_t len)
{
    const uint32_t text_controls = 1u << '\t' | 1u << '\n' | 1u << '\f' | 1u << '\r';
    size_t ctrl = 0, scan = len < 65536 ? len : 65536;
    for (size_t i = 0; i < scan; i++) {
        unsigned c = (unsigned char)s[i];
        ctrl += c < 0x20 ? !(text_controls >> c & 1) : c == 0x7F;
    }
    return scan > 0 && ctrl * 20 > scan;
}

static size_t count_replacements(const char *s, size_t len)
{
    size_t n = 0;
    const char *p = s, *end = s + len;
    while ((p = memchr(p, 0xEF, (size_t)(end - p))) && end - p >= 3) {
        n += (unsigned char)p[1] == 0xBF && (unsigned char)p[2] == 0xBD;
        p++;
    }
    return n;
}

gk_status gk_decode(const unsigned char *d, size_t len, char **utf8, size_t *utf8_len,
                    const char **encoding, gk_diag_list *diags, gk_error *err)
{
    gk_buf out;
    gk_buf_init(&out);
    const char *enc = NULL;
    size_t skip = 0;
    bool valid = false, checked = false; /* is d valid UTF-8, once known */
    if (starts(d, len, "\xEF\xBB\xBF", 3))
        enc = "UTF-8", skip = 3;
    else if (starts(d, len, "\xFF\xFE", 2))
        enc = "UTF-16LE", skip = 2;
    else if (starts(d, len, "\xFE\xFF", 2))
        enc = "UTF-16BE", skip = 2;
    else
        enc = sniff_utf16(d, len);

    if (!enc) {
        char label[40];
        const char *decl = declared_charset(d, len, label, sizeof label);
        const char *canon = decl ? canonical_charset(decl) : NULL;
        if (decl && !canon)
            gk_diag_add(diags, GK_SEV_WARNING, "source", "unknown declared charset \"%s\"; guessing", decl);
        valid = gk_utf8_valid((const char *)d, len);
        checked = true;
        bool mostly_utf8 = valid || mostly_valid_utf8(d, len);
        if (canon && strcmp(canon, "UTF-8") == 0 && !mostly_utf8) {
            /* Declared UTF-8 (or Latin-1, often copied blindly) but not UTF-8:
             * Chinese pages that lie are GBK. */
            gk_diag_add(diags, GK_SEV_WARNING, "source",
                        "declared %s but the bytes are not UTF-8; decoded as GB18030", decl);
            canon = "GB18030";
        }
        if (canon && strcmp(canon, "GB18030") == 0 && valid) {
            /* All bytes are valid UTF-8 despite a GBK declaration: ASCII-only
             * pages and re-encoded copies both read correctly as UTF-8. */
            bool ascii = true;
            for (size_t i = 0; i < len && ascii; i++)
                ascii = d[i] < 0x80;
            if (!ascii)
                gk_diag_add(diags, GK_SEV_INFO, "source",
                            "declared %s but the bytes are valid UTF-8; decoded as UTF-8", decl);
            canon = "UTF-8";
        }
        /* Undeclared: UTF-8 when it is, or nearly is (a few damaged bytes
         * in a UTF-8 file stay U+FFFD); otherwise the GBK family. */
        enc = canon ? canon : (mostly_utf8 ? "UTF-8" : "GB18030");
    }

    if (!checked)
        valid = gk_utf8_valid((const char *)d + skip, len - skip);
    gk_status st = strcmp(enc, "UTF-8") == 0 ? copy_utf8(d + skip, len - skip, skip, valid, &out, diags)
                                             : convert(enc, d + skip, len - skip, skip, &out, diags, err);
    if (st != GK_OK) {
        if (st == GK_ERR_NOMEM)
            gk_error_set(err, st, "out of memory while decoding");
        gk_buf_free(&out);
        return st;
    }
    size_t n = out.len;
    char *s = gk_buf_take(&out);
    if (!s) {
        gk_error_set(err, GK_ERR_NOMEM, "out of memory while decoding");
        return GK_ERR_NOMEM;
    }
    size_t replaced = count_replacements(s, n);
    /* Binary: control characters, or a quarter of the text undecodable. */
    if (looks_binary(s, n) || (replaced >= 8 && replaced * 3 * 4 > n)) {
        free(s);
        gk_error_set(err, GK_ERR_FORMAT, "not a report: binary data, not text, HTML or DOCX");
        return GK_ERR_FORMAT;
    }
    *utf8 = s;
    *utf8_len = n;
    *encoding = enc;
    return GK_OK;
}

char *gk_file_name_utf8(const char *name, gk_diag_list *diags)
{
    size_t len = strlen(name);
    if (gk_utf8_valid(name, len))
        return gk_strdup(name);
    /* Archives made on Chinese Windows unpack with GBK names. */
    gk_buf out;
    gk_buf_init(&out);
    gk_diag_list scratch = {0};
    gk_error err;
    gk_status st = convert("GB18030", (const unsigned char *)name, len, 0, &out, &scratch, &err);
    bool clean = st == GK_OK && scratch.count == 0 && !scratch.oom;
    bool nomem = st == GK_ERR_NOMEM || scratch.oom;
    gk_diag_list_free(&scratch);
    if (nomem) {
        gk_buf_free(&out);
        return NULL;
    }
    if (clean) {
        gk_diag_add(diags, GK_SEV_INFO, "source", "the file name is not UTF-8; read as GB18030");
        return gk_buf_take(&out);
    }
    out.len = 0;
    copy_utf8((const unsigned char *)name, len, 0, false, &out, &scratch);
    gk_diag_list_free(&scratch);
    gk_diag_add(diags, GK_SEV_WARNING, "source",
                "the file name is neither UTF-8 nor GB18030; its undecodable bytes are U+FFFD in source.path");
    return gk_buf_take(&out); /* NULL when out of memory */
}

gk_format gk_sniff_markup(const char *s, size_t len)
{
    static const char *const tags[] = {"<html", "<!doctype html", "<body", "<table", "<p>", "<p ",
                                       "<div", "<br", "<td", "<span", "<meta", "<head"};
    size_t scan = len < 65536 ? len : 65536, hits = 0;
    for (size_t i = 0; i < scan; i++) {
        if (s[i] != '<')
            continue;
        for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
            if (strncasecmp(s + i, tags[k], strlen(tags[k])) == 0) {
                if (k < 2)
                    return GK_FMT_HTML;
                hits++;
                break;
            }
        if (hits >= 2)
            return GK_FMT_HTML;
    }
    return GK_FMT_TEXT;
}
