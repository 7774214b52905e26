/* utf8.c — strict UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
#include "utf8.h"

#include <string.h>

int utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0) return -1;
    unsigned c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    unsigned lo = 0x80, hi = 0xBF;
    int n;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;       /* no overlongs */
        if (c == 0xED) hi = 0x9F;       /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;       /* <= U+10FFFF */
    } else return -1;
    if (len < (size_t)n) {
        /* truncated: still reject, but only after checking what is there */
        return -1;
    }
    for (int i = 1; i < n; i++) {
        unsigned b = s[i];
        if (b < lo || b > hi) return -1;
        lo = 0x80; hi = 0xBF;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return n;
}

int utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12)); o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F)); return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18)); o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] >= 0x01 && p[i] < 0x80) { i++; continue; }
        uint32_t cp;
        int n = utf8_decode(p + i, len - i, &cp);
        if (n < 0 || cp == 0) break;
        i += (size_t)n;
    }
    return i;
}

/* Length of the maximal subpart of an ill-formed sequence starting at s: the
 * longest prefix that could begin a valid sequence (at least 1). */
static size_t maximal_subpart(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return 1;
    size_t i = 1;
    while (i < (size_t)n && i < len && s[i] >= lo && s[i] <= hi) { lo = 0x80; hi = 0xBF; i++; }
    return i;
}

size_t utf8_repair(const char *s, size_t len, char *out, size_t *nbad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0, bad = 0;
    while (i < len) {
        size_t run = utf8_valid_prefix((const char *)p + i, len - i);
        if (run) {
            memcpy(out + o, p + i, run);
            o += run;
            i += run;
            if (i >= len) break;
        }
        /* p[i] starts a NUL or an ill-formed sequence */
        size_t skip = p[i] == 0 ? 1 : maximal_subpart(p + i, len - i);
        memcpy(out + o, "\xEF\xBF\xBD", 3);
        o += 3;
        i += skip;
        bad++;
    }
    out[o] = '\0';
    if (nbad) *nbad = bad;
    return o;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}
