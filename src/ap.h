/* ap.h — the averaged perceptron, shared by the tagger and the parser.
 *
 * Training (ap_train): features are 64-bit keys; each kept key owns a dense row
 * of nclass integer weights. Running (ap_model): a read-only view over a model
 * section, where each key maps to a sparse row of int16 weights (one scale for
 * the section); scoring adds rows into an int32 array. */
#ifndef SR_AP_H
#define SR_AP_H
#include <stddef.h>
#include <stdint.h>
#include "feat.h"

typedef struct ap_train {
    int nclass;
    feat_map idx;          /* key -> val: count while counting; aux: row + 1 */
    int32_t *w;            /* nrows x nclass: current weights */
    int64_t *u;            /* nrows x nclass: sum of c * update */
    size_t nrows;
    int64_t c;             /* examples seen + 1 */
} ap_train;

int ap_train_init(ap_train *t, int nclass);        /* 0, -1 no memory */
void ap_train_free(ap_train *t);
/* Counting phase: one more occurrence of each key. */
int ap_train_count(ap_train *t, const uint64_t *f, size_t n);
/* Gives a row to every key counted at least mincount times; others are ignored. */
int ap_train_freeze(ap_train *t, uint32_t mincount);
/* scores[k] (+)= weight sums; avg = 1: averaged weights times c (same argmax). */
void ap_train_score(const ap_train *t, const uint64_t *f, size_t n, int64_t *scores,
                    int avg);
/* Perceptron update: good += 1, bad -= 1 on every feature. */
void ap_train_update(ap_train *t, const uint64_t *f, size_t n, int good, int bad);
/* weight[f][cls] += step on every feature (global training's updates). */
void ap_train_add(ap_train *t, const uint64_t *f, size_t n, int cls, int step);
static inline void ap_train_tick(ap_train *t) { t->c++; }
/* The averaged weights as a model section (malloc'd, *len bytes): int16
 * quantized, zero weights dropped. NULL on no memory. */
void *ap_train_write(const ap_train *t, size_t *len, size_t *nfeat, size_t *nnz);

/* Run-time table: one 64-bit slot per feature, found from the key's high 32
 * bits (the fingerprint: fp & mask is where probing starts, so a table can be
 * rebuilt from its slots alone): low half = fingerprint (0 = empty), high half =
 * either a row offset (rows[off] = length, then entries) or, with bit 31 set,
 * the row's only entry inline (no second memory load).
 *
 * ap_speedup builds a second table for scoring (fslot): the same, except that
 * the long rows are dense (bit 30 set: index of a row of npad int16 weights,
 * added with SIMD) — the frequent features move most classes, and one add per
 * class beats one scattered add per entry. slot/mask/rows stay the section's
 * own (ap_prune reads them). Scores are the same integers either way. */
typedef struct ap_model {
    const uint64_t *slot;
    uint64_t mask;
    const uint32_t *rows;  /* entries: class << 16 | (uint16_t)weight */
    uint64_t nrows;
    uint32_t nclass;
    float scale;           /* weight = int16 * scale */
    const uint64_t *fslot; /* scoring table: slot, or ap_speedup's */
    uint64_t fmask;
    const int16_t *dense;  /* ap_speedup's dense rows, npad weights each */
    uint32_t npad;         /* scores arrays hold npad int32 (>= nclass) */
    void *own;             /* ap_speedup's memory */
} ap_model;

/* A view over a section written by ap_train_write. -1 when malformed. */
int ap_open(ap_model *m, const void *p, size_t len);
/* Dense rows for the rows with at least minlen entries, in a new scoring table
 * (owned, on huge pages where the system allows). -1 on no memory: m still
 * scores, unchanged. */
int ap_speedup(ap_model *m, uint32_t minlen);
/* Frees ap_speedup's tables: m scores over its section again. */
void ap_close(ap_model *m);
/* A new section (malloc'd, *len bytes) without the weights |w| < minabs
 * (int16 units) and the features left empty. NULL on no memory. */
void *ap_prune(const ap_model *m, int minabs, size_t *len, size_t *nfeat, size_t *nnz);
/* s[0..npad) += each of the k dense rows (AVX-512 or AVX2 when the CPU has
 * them, else plain C). */
void ap_add_dense(int32_t *s, const int16_t *const *rows, size_t k, uint32_t npad);

/* The first index of the largest of s[0..npad) (SIMD when npad is a multiple of
 * 16): callers set the entries that must not win to INT32_MIN. */
int ap_argmax(const int32_t *s, uint32_t npad);

static inline uint32_t ap_fp(uint64_t key)
{
    uint32_t fp = (uint32_t)(key >> 32);
    return fp ? fp : 1;
}

/* Two passes so that the memory loads overlap: prefetch every feature's slot,
 * then probe (adding inline entries at once, prefetching the other rows),
 * then add the rows. scores holds m->npad entries. */
static inline void ap_score(const ap_model *m, const uint64_t *f, size_t n,
                            int32_t *scores)
{
    uint32_t off[128];
    const int16_t *dense[128];
    size_t k = 0, nd = 0;
    const uint64_t *slot = m->fslot;
    uint64_t mask = m->fmask;
    if (n > 128) n = 128;
    for (size_t i = 0; i < n; i++) __builtin_prefetch(&slot[ap_fp(f[i]) & mask]);
    for (size_t i = 0; i < n; i++) {
        uint32_t fp = ap_fp(f[i]);
        uint64_t j = fp & mask, s;
        while ((s = slot[j]) != 0 && (uint32_t)s != fp) j = (j + 1) & mask;
        if (!s) continue;
        uint32_t v = (uint32_t)(s >> 32);
        if (v & 0x80000000u) {
            v &= 0x7fffffffu;
            scores[v >> 16] += (int16_t)(v & 0xffff);
        } else if (v & 0x40000000u) {
            const int16_t *r = m->dense + (size_t)(v & 0x3fffffffu) * m->npad;
            __builtin_prefetch(r);
            __builtin_prefetch(r + 32);
            dense[nd++] = r;
        } else {
            __builtin_prefetch(m->rows + v);
            off[k++] = v;
        }
    }
    for (size_t j = 0; j < k; j++) {
        const uint32_t *r = m->rows + off[j] + 1, *e = r + m->rows[off[j]];
        for (; r < e; r++) scores[*r >> 16] += (int16_t)(*r & 0xffff);
    }
    if (nd) ap_add_dense(scores, dense, nd, m->npad);
}
#endif
