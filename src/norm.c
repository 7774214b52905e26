/* norm.c — the normalization shadow string and its offset map.
 *
 * ASCII runs are copied as they are (the common case, one pass, no decoding).
 * A non-ASCII code point is first looked up in our own replacement table
 * (quotes, dashes, spaces, ellipsis, invisible characters: norm_map_cp); any
 * other one is put in NFC with utf8proc one "piece" at a time, a piece being a
 * code point and the combining marks (ccc != 0) after it, so that the map stays
 * precise: every byte of a piece's output maps to the piece's first byte.
 * Pieces made of one code point without a canonical decomposition are already
 * NFC and are copied. (Known gap: conjoining Hangul jamo and the few ccc = 0
 * composing vowel signs are not composed across pieces.) */
#include "norm.h"

#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "utf8.h"

int norm_map_cp(uint32_t cp, char *out)
{
    switch (cp) {
    /* apostrophes and single quotes */
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0xFF07:
        out[0] = '\'';
        return 1;
    /* double quotes (guillemets are quotation marks too) */
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB: case 0xFF02:
        out[0] = '"';
        return 1;
    /* hyphens, en dash, minus: "-" */
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0xFE63:
    case 0xFF0D:
        out[0] = '-';
        return 1;
    /* em dash, horizontal bar: "--" */
    case 0x2014: case 0x2015: case 0x2E3A:
        out[0] = out[1] = '-';
        return 2;
    case 0x2026: /* horizontal ellipsis */
        out[0] = out[1] = out[2] = '.';
        return 3;
    /* spaces */
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F: case 0x3000:
        out[0] = ' ';
        return 1;
    /* line breaks */
    case 0x0085: case 0x2028: case 0x2029:
        out[0] = '\n';
        return 1;
    /* invisible: zero-width space, word joiner, BOM, soft hyphen */
    case 0x200B: case 0x2060: case 0xFEFF: case 0x00AD:
        return 0;
    default:
        return -1;
    }
}

typedef struct nbuf {
    sitrep_doc *doc;
    char *s;
    uint32_t *map;
    size_t n, cap;
} nbuf;

/* Makes room for `need` more bytes (arena: a bigger copy; the old one is left to
 * the arena). 0 on success. */
static int nb_room(nbuf *b, size_t need)
{
    if (b->n + need <= b->cap) return 0;
    size_t cap = b->cap + b->cap / 2 + need + 64;
    char *s = arena_alloc(&b->doc->mem, cap + 1);
    uint32_t *map = arena_alloc(&b->doc->mem, (cap + 1) * sizeof *map);
    if (!s || !map) return -1;
    memcpy(s, b->s, b->n);
    memcpy(map, b->map, b->n * sizeof *map);
    b->s = s;
    b->map = map;
    b->cap = cap;
    return 0;
}

static int is_nonstarter(uint32_t cp)
{
    return cp >= 0x300 && utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0;
}

static int nonstarter_at(const unsigned char *t, size_t len, size_t k)
{
    uint32_t cp;
    return t[k] >= 0x80 && utf8_decode(t + k, len - k, &cp) > 0 && is_nonstarter(cp);
}

enum { PIECE_MAX = 32 };

sitrep_status norm_run(sitrep_doc *doc)
{
    const unsigned char *t = (const unsigned char *)(doc->text ? doc->text : "");
    size_t len = doc->text ? doc->len : 0;
    nbuf b = { doc, NULL, NULL, 0, len + len / 8 + 16 };
    b.s = arena_alloc(&doc->mem, b.cap + 1);
    b.map = arena_alloc(&doc->mem, (b.cap + 1) * sizeof *b.map);
    if (!b.s || !b.map) return SITREP_ERR_NOMEM;

    size_t i = 0;
    while (i < len) {
        /* an ASCII run, less its last character when a combining mark follows
         * (that character starts the piece the mark composes with) */
        if (t[i] < 0x80 && !(i + 1 < len && nonstarter_at(t, len, i + 1))) {
            size_t j = i;
            while (j < len && t[j] < 0x80) j++;
            if (j < len && j - 1 > i && nonstarter_at(t, len, j)) j--;
            if (nb_room(&b, j - i)) return SITREP_ERR_NOMEM;
            memcpy(b.s + b.n, t + i, j - i);
            for (size_t k = i; k < j; k++) b.map[b.n++] = (uint32_t)k;
            i = j;
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(t + i, len - i, &cp);
        if (n < 0) { cp = 0xFFFD; n = 1; } /* text is repaired; be safe anyway */
        char rep[4] = {0};
        int r = norm_map_cp(cp, rep);
        if (r >= 0) {
            if (nb_room(&b, (size_t)r)) return SITREP_ERR_NOMEM;
            for (int k = 0; k < r; k++) {
                b.s[b.n] = rep[k];
                b.map[b.n++] = (uint32_t)i;
            }
            i += (size_t)n;
            continue;
        }
        /* a piece: this code point and the combining marks after it */
        size_t j = i + (size_t)n;
        int ncp = 1;
        while (j < len && t[j] >= 0x80 && ncp < PIECE_MAX) {
            uint32_t c2;
            int n2 = utf8_decode(t + j, len - j, &c2);
            if (n2 < 0 || !is_nonstarter(c2)) break;
            j += (size_t)n2;
            ncp++;
        }
        const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
        int copy = (ncp == 1 && p->decomp_seqindex == UINT16_MAX) || ncp >= PIECE_MAX;
        if (!copy) {
            utf8proc_int32_t buf[PIECE_MAX * 4 + 8];
            utf8proc_ssize_t m = utf8proc_decompose(t + i, (utf8proc_ssize_t)(j - i), buf,
                                                    PIECE_MAX * 4,
                                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (m < 0 || m > PIECE_MAX * 4) {
                copy = 1;
            } else {
                m = utf8proc_normalize_utf32(buf, m, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
                if (m < 0) {
                    copy = 1;
                } else {
                    /* re-encode by hand (reencode works in place on buf) */
                    char out[PIECE_MAX * 16];
                    size_t o = 0;
                    for (utf8proc_ssize_t k = 0; k < m; k++)
                        o += (size_t)utf8_encode((uint32_t)buf[k], out + o);
                    if (o == j - i && memcmp(out, t + i, o) == 0) {
                        copy = 1; /* already NFC: map each code point to itself */
                    } else {
                        if (nb_room(&b, o)) return SITREP_ERR_NOMEM;
                        memcpy(b.s + b.n, out, o);
                        for (size_t k = 0; k < o; k++) b.map[b.n++] = (uint32_t)i;
                    }
                }
            }
        }
        if (copy) {
            if (nb_room(&b, j - i)) return SITREP_ERR_NOMEM;
            memcpy(b.s + b.n, t + i, j - i);
            /* each code point of the copy maps to its own start */
            size_t k = i;
            while (k < j) {
                size_t e = k + 1;
                while (e < j && (t[e] & 0xC0) == 0x80) e++;
                for (size_t q = k; q < e; q++) b.map[b.n++] = (uint32_t)k;
                k = e;
            }
        }
        i = j;
    }
    b.s[b.n] = '\0';
    b.map[b.n] = (uint32_t)len;
    doc->norm = b.s;
    doc->norm_map = b.map;
    doc->norm_len = b.n;
    return SITREP_OK;
}
