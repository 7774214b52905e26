/* ap.c — averaged perceptron (Collins 2002; averaging as in Daume 2006).
 *
 * Update rule, for an example whose best-scoring class `bad` is not the
 * correct `good`, at time c (examples seen so far + 1), on every feature f:
 *
 *     w[f][good] += 1     u[f][good] += c
 *     w[f][bad]  -= 1     u[f][bad]  -= c
 *
 * The averaged weight over all c examples is then  avg = w - u / c,  so
 * c * avg = c * w - u  is an exact integer: training can score with the
 * averaged model at any time (dev scores per epoch) without copying it.
 *
 * Written models quantize avg to int16 with one scale per section and drop
 * the zeros, which keeps only features and classes that the data moved. */
#include "ap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

int ap_train_init(ap_train *t, int nclass)
{
    memset(t, 0, sizeof *t);
    t->nclass = nclass;
    t->c = 1;
    return feat_map_init(&t->idx, 1 << 16);
}

void ap_train_free(ap_train *t)
{
    feat_map_free(&t->idx);
    free(t->w);
    free(t->u);
    memset(t, 0, sizeof *t);
}

int ap_train_count(ap_train *t, const uint64_t *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        feat_slot *s = feat_map_put(&t->idx, f[i], NULL);
        if (!s) return -1;
        if (s->val < UINT32_MAX) s->val++;
    }
    return 0;
}

int ap_train_freeze(ap_train *t, uint32_t mincount)
{
    size_t rows = 0;
    for (uint64_t i = 0; i <= t->idx.mask; i++) {
        feat_slot *s = &t->idx.slot[i];
        if (!s->key) continue;
        s->aux = s->val >= mincount ? (uint32_t)++rows : 0;
    }
    size_t cells = rows * (size_t)t->nclass;
    t->w = calloc(cells ? cells : 1, sizeof *t->w);
    t->u = calloc(cells ? cells : 1, sizeof *t->u);
    t->nrows = rows;
    return t->w && t->u ? 0 : -1;
}

static inline long row_of(const ap_train *t, uint64_t key)
{
    const feat_slot *s = feat_map_get(&t->idx, key);
    return s && s->aux ? (long)(s->aux - 1) : -1;
}

void ap_train_score(const ap_train *t, const uint64_t *f, size_t n, int64_t *scores,
                    int avg)
{
    int k, nc = t->nclass;
    for (size_t i = 0; i < n; i++) {
        long r = row_of(t, f[i]);
        if (r < 0) continue;
        const int32_t *w = t->w + (size_t)r * nc;
        if (!avg) {
            for (k = 0; k < nc; k++) scores[k] += w[k];
        } else {
            const int64_t *u = t->u + (size_t)r * nc;
            for (k = 0; k < nc; k++) scores[k] += t->c * w[k] - u[k];
        }
    }
}

void ap_train_add(ap_train *t, const uint64_t *f, size_t n, int cls, int step)
{
    for (size_t i = 0; i < n; i++) {
        long r = row_of(t, f[i]);
        if (r < 0) continue;
        size_t cell = (size_t)r * t->nclass + (size_t)cls;
        t->w[cell] += step;
        t->u[cell] += step * t->c;
    }
}

void ap_train_update(ap_train *t, const uint64_t *f, size_t n, int good, int bad)
{
    if (good == bad) return;
    for (size_t i = 0; i < n; i++) {
        long r = row_of(t, f[i]);
        if (r < 0) continue;
        size_t base = (size_t)r * t->nclass;
        t->w[base + good] += 1;
        t->u[base + good] += t->c;
        t->w[base + bad] -= 1;
        t->u[base + bad] -= t->c;
    }
}

/* Section layout (little-endian):
 *   u32 magic "APW3", u32 nclass, u64 nslots, u64 nrows, f32 scale, u32 0
 *   u64 slots[nslots]   see ap_model in ap.h
 *   u32 rows[nrows]     length, then class << 16 | (uint16_t)int16 weight */
enum { AP_MAGIC = 0x33575041u, AP_HEAD = 32 };

static long quant(const ap_train *t, size_t cell, double c, double scale)
{
    long q = lround((t->w[cell] - t->u[cell] / c) / scale);
    return q > 32767 ? 32767 : q < -32767 ? -32767 : q;
}

void *ap_train_write(const ap_train *t, size_t *len, size_t *nfeat, size_t *nnz)
{
    int nc = t->nclass;
    double maxabs = 0, c = (double)t->c;
    for (size_t i = 0; i < t->nrows * (size_t)nc; i++) {
        double a = fabs(t->w[i] - t->u[i] / c);
        if (a > maxabs) maxabs = a;
    }
    double scale = maxabs > 0 ? maxabs / 32767.0 : 1.0;
    /* count the surviving features and row words first */
    size_t keys = 0, ents = 0, words = 0;
    for (uint64_t i = 0; i <= t->idx.mask; i++) {
        const feat_slot *s = &t->idx.slot[i];
        if (!s->key || !s->aux) continue;
        size_t base = (size_t)(s->aux - 1) * nc, e = 0;
        for (int k = 0; k < nc; k++) e += quant(t, base + k, c, scale) != 0;
        if (e) { keys++; ents += e; if (e > 1) words += e + 1; }
    }
    uint64_t nslots = 16;
    while (nslots < 2 * keys) nslots <<= 1;
    size_t total = AP_HEAD + nslots * 8 + words * 4;
    unsigned char *out = calloc(1, total);
    if (!out) return NULL;
    uint64_t *slot = (uint64_t *)(out + AP_HEAD);
    uint32_t *rows = (uint32_t *)(out + AP_HEAD + nslots * 8);
    uint32_t off = 0;
    for (uint64_t i = 0; i <= t->idx.mask; i++) {
        const feat_slot *s = &t->idx.slot[i];
        if (!s->key || !s->aux) continue;
        size_t base = (size_t)(s->aux - 1) * nc;
        uint32_t ent[1024], e = 0;
        for (int k = 0; k < nc && k < 1024; k++) {
            long q = quant(t, base + k, c, scale);
            if (q) ent[e++] = (uint32_t)k << 16 | (uint16_t)(int16_t)q;
        }
        if (!e) continue;
        uint64_t v;
        if (e == 1) v = ent[0] | 0x80000000u;
        else {
            v = off;
            rows[off++] = e;
            memcpy(rows + off, ent, e * 4);
            off += e;
        }
        uint64_t j = ap_fp(s->key) & (nslots - 1);
        while (slot[j]) j = (j + 1) & (nslots - 1);
        slot[j] = v << 32 | ap_fp(s->key);
    }
    uint32_t h32[2] = { AP_MAGIC, (uint32_t)nc };
    uint64_t h64[2] = { nslots, words };
    float fs = (float)scale;
    memcpy(out, h32, 8);
    memcpy(out + 8, h64, 16);
    memcpy(out + 24, &fs, 4);
    *len = total;
    if (nfeat) *nfeat = keys;
    if (nnz) *nnz = ents;
    return out;
}

int ap_open(ap_model *m, const void *p, size_t len)
{
    const unsigned char *b = p;
    uint32_t h32[2];
    uint64_t h64[2];
    if (len < AP_HEAD) return -1;
    memcpy(h32, b, 8);
    memcpy(h64, b + 8, 16);
    memcpy(&m->scale, b + 24, 4);
    if (h32[0] != AP_MAGIC || h32[1] == 0 || h32[1] > 32767) return -1;
    uint64_t ns = h64[0];
    if (ns == 0 || (ns & (ns - 1)) || ns > (len - AP_HEAD) / 8) return -1;
    if (h64[1] != (len - AP_HEAD - ns * 8) / 4) return -1;
    m->nclass = h32[1];
    m->slot = (const uint64_t *)(b + AP_HEAD);
    m->mask = ns - 1;
    m->rows = (const uint32_t *)(b + AP_HEAD + ns * 8);
    m->nrows = h64[1];
    m->own = NULL;
    ap_close(m);                               /* scoring over the section itself */
    if (m->nrows >= 0x40000000u) return -1;   /* offsets must leave bit 30 free */
    /* every row must lie inside the section and name valid classes; a full
     * table would make probing loop forever */
    uint64_t empty = 0;
    for (uint64_t i = 0; i < ns; i++) {
        uint64_t s = m->slot[i];
        if (!s) { empty++; continue; }
        uint32_t v = (uint32_t)(s >> 32);
        if (v & 0x80000000u) {
            if (((v & 0x7fffffffu) >> 16) >= m->nclass) return -1;
        } else if (v >= m->nrows || m->rows[v] > m->nrows - v - 1) return -1;
    }
    if (!empty) return -1;
    for (uint64_t i = 0; i < m->nrows;) {   /* walk the rows */
        uint32_t n = m->rows[i];
        if (n > m->nrows - i - 1) return -1;
        for (uint32_t k = 1; k <= n; k++)
            if ((m->rows[i + k] >> 16) >= m->nclass) return -1;
        i += n + 1;
    }
    return 0;
}

void *ap_prune(const ap_model *m, int minabs, size_t *len, size_t *nfeat, size_t *nnz)
{
    size_t keys = 0, ents = 0, words = 0;
    uint32_t ent[1024];
    unsigned char *out = NULL;
    uint64_t nslots = 16, *slot = NULL;
    uint32_t *rows = NULL, off = 0;
    for (int pass = 0; pass < 2; pass++) {          /* count, then write */
        for (uint64_t i = 0; i <= m->mask; i++) {
            uint64_t s = m->slot[i];
            if (!s) continue;
            uint32_t v = (uint32_t)(s >> 32), e = 0, one = v & 0x7fffffffu;
            const uint32_t *r, *end;
            if (v & 0x80000000u) { r = &one; end = r + 1; }
            else { r = m->rows + v + 1; end = r + m->rows[v]; }
            for (; r < end && e < 1024; r++) {
                int q = (int16_t)(*r & 0xffff);
                if (q >= minabs || q <= -minabs) ent[e++] = *r;
            }
            if (!e) continue;
            if (pass == 0) { keys++; ents += e; if (e > 1) words += e + 1; continue; }
            uint64_t nv;
            if (e == 1) nv = ent[0] | 0x80000000u;
            else { nv = off; rows[off++] = e; memcpy(rows + off, ent, e * 4); off += e; }
            uint64_t j = (uint32_t)s & (nslots - 1);
            while (slot[j]) j = (j + 1) & (nslots - 1);
            slot[j] = nv << 32 | (uint32_t)s;
        }
        if (pass == 0) {
            while (nslots < 2 * keys) nslots <<= 1;
            size_t total = AP_HEAD + nslots * 8 + words * 4;
            if (!(out = calloc(1, total))) return NULL;
            slot = (uint64_t *)(out + AP_HEAD);
            rows = (uint32_t *)(out + AP_HEAD + nslots * 8);
            *len = total;
        }
    }
    uint32_t h32[2] = { AP_MAGIC, m->nclass };
    uint64_t h64[2] = { nslots, words };
    memcpy(out, h32, 8);
    memcpy(out + 8, h64, 16);
    memcpy(out + 24, &m->scale, 4);
    if (nfeat) *nfeat = keys;
    if (nnz) *nnz = ents;
    return out;
}

/* ------------------------------------------------------------ speed-up */

int ap_speedup(ap_model *m, uint32_t minlen)
{
    uint64_t keys = 0, ndense = 0;
    for (uint64_t i = 0; i <= m->mask; i++) {
        uint64_t s = m->slot[i];
        if (!s) continue;
        keys++;
        uint32_t v = (uint32_t)(s >> 32);
        if (!(v & 0x80000000u) && m->rows[v] >= minlen) ndense++;
    }
    if (ndense >= 0x40000000u) return -1;
    uint64_t nslots = 16;
    while (nslots < keys + keys / 2) nslots <<= 1;      /* load factor <= 2/3 */
    uint32_t npad = (m->nclass + 15) & ~15u;
    size_t sbytes = nslots * 8, dbytes = (size_t)ndense * npad * 2;
    size_t huge = (size_t)2 << 20;
    size_t total = (sbytes + dbytes + huge - 1) & ~(huge - 1);
    unsigned char *mem = aligned_alloc(huge, total);
    if (!mem) return -1;
#ifdef MADV_HUGEPAGE
    madvise(mem, total, MADV_HUGEPAGE);   /* random probes: fewer TLB misses */
#endif
    memset(mem, 0, sbytes + dbytes);
    uint64_t *slot = (uint64_t *)mem;
    int16_t *dense = (int16_t *)(mem + sbytes);
    uint32_t d = 0;
    for (uint64_t i = 0; i <= m->mask; i++) {
        uint64_t s = m->slot[i];
        if (!s) continue;
        uint32_t v = (uint32_t)(s >> 32), fp = (uint32_t)s;
        if (!(v & 0x80000000u) && m->rows[v] >= minlen) {
            int16_t *r = dense + (size_t)d * npad;
            const uint32_t *e = m->rows + v + 1, *end = e + m->rows[v];
            for (; e < end; e++) r[*e >> 16] = (int16_t)(*e & 0xffff);
            v = 0x40000000u | d++;
        }
        uint64_t j = fp & (nslots - 1);
        while (slot[j]) j = (j + 1) & (nslots - 1);
        slot[j] = (uint64_t)v << 32 | fp;
    }
    ap_close(m);
    m->own = mem;
    m->fslot = slot;
    m->fmask = nslots - 1;
    m->dense = dense;
    m->npad = npad;
    return 0;
}

void ap_close(ap_model *m)
{
    free(m->own);
    m->own = NULL;
    m->fslot = m->slot;
    m->fmask = m->mask;
    m->dense = NULL;
    m->npad = m->nclass;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2")))
static void add_dense_avx2(int32_t *s, const int16_t *const *rows, size_t k, uint32_t npad)
{
    for (uint32_t c = 0; c < npad; c += 16) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(s + c));
        __m256i b = _mm256_loadu_si256((const __m256i *)(s + c + 8));
        for (size_t j = 0; j < k; j++) {
            __m128i lo = _mm_loadu_si128((const __m128i *)(rows[j] + c));
            __m128i hi = _mm_loadu_si128((const __m128i *)(rows[j] + c + 8));
            a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(lo));
            b = _mm256_add_epi32(b, _mm256_cvtepi16_epi32(hi));
        }
        _mm256_storeu_si256((__m256i *)(s + c), a);
        _mm256_storeu_si256((__m256i *)(s + c + 8), b);
    }
}

/* All the classes in registers (npad <= 128: eight vectors of 16), each row
 * read once, front to back. */
__attribute__((target("avx512f")))
static void add_dense_avx512(int32_t *s, const int16_t *const *rows, size_t k, uint32_t npad)
{
    __m512i acc[8];
    uint32_t nv = npad / 16;
    for (uint32_t v = 0; v < nv; v++) acc[v] = _mm512_loadu_si512((const void *)(s + 16 * v));
    for (size_t j = 0; j < k; j++) {
        const int16_t *r = rows[j];
        for (uint32_t v = 0; v < nv; v++)
            acc[v] = _mm512_add_epi32(acc[v], _mm512_cvtepi16_epi32(
                                                  _mm256_loadu_si256((const __m256i *)(r + 16 * v))));
    }
    for (uint32_t v = 0; v < nv; v++) _mm512_storeu_si512((void *)(s + 16 * v), acc[v]);
}

__attribute__((target("avx512f")))
static int argmax_avx512(const int32_t *s, uint32_t npad)
{
    __m512i mx = _mm512_loadu_si512((const void *)s);
    for (uint32_t c = 16; c < npad; c += 16) mx = _mm512_max_epi32(mx, _mm512_loadu_si512((const void *)(s + c)));
    int32_t m = _mm512_reduce_max_epi32(mx);
    __m512i mv = _mm512_set1_epi32(m);
    for (uint32_t c = 0; c < npad; c += 16) {
        __mmask16 k = _mm512_cmpeq_epi32_mask(_mm512_loadu_si512((const void *)(s + c)), mv);
        if (k) return (int)c + __builtin_ctz(k);
    }
    return 0;
}
#endif

static int argmax_c(const int32_t *s, uint32_t n)
{
    int best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[best]) best = (int)c;
    return best;
}

int ap_argmax(const int32_t *s, uint32_t npad)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (npad % 16 == 0 && npad && __builtin_cpu_supports("avx512f")) return argmax_avx512(s, npad);
#endif
    return argmax_c(s, npad);
}

static void add_dense_c(int32_t *s, const int16_t *const *rows, size_t k, uint32_t npad)
{
    for (size_t j = 0; j < k; j++)
        for (uint32_t c = 0; c < npad; c++) s[c] += rows[j][c];
}

void ap_add_dense(int32_t *s, const int16_t *const *rows, size_t k, uint32_t npad)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (npad <= 128 && __builtin_cpu_supports("avx512f")) { add_dense_avx512(s, rows, k, npad); return; }
    if (__builtin_cpu_supports("avx2")) { add_dense_avx2(s, rows, k, npad); return; }
#endif
    add_dense_c(s, rows, k, npad);
}
