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
 *   u32 magic "APW1", u32 nclass, u64 nslots, u64 nrows, f32 scale, u32 0
 *   feat_slot[nslots]   key -> (row offset, row length)
 *   u32 rows[nrows]     class << 16 | (uint16_t)int16 weight */
enum { AP_MAGIC = 0x31575041u, AP_HEAD = 32 };

void *ap_train_write(const ap_train *t, size_t *len, size_t *nfeat, size_t *nnz)
{
    int nc = t->nclass;
    double maxabs = 0, c = (double)t->c;
    for (size_t i = 0; i < t->nrows * (size_t)nc; i++) {
        double a = fabs(t->w[i] - t->u[i] / c);
        if (a > maxabs) maxabs = a;
    }
    double scale = maxabs > 0 ? maxabs / 32767.0 : 1.0;
    /* count the surviving features and entries first */
    size_t keys = 0, ents = 0;
    for (uint64_t i = 0; i <= t->idx.mask; i++) {
        const feat_slot *s = &t->idx.slot[i];
        if (!s->key || !s->aux) continue;
        size_t base = (size_t)(s->aux - 1) * nc, e = 0;
        for (int k = 0; k < nc; k++)
            if (lround((t->w[base + k] - t->u[base + k] / c) / scale) != 0) e++;
        if (e) { keys++; ents += e; }
    }
    feat_map m;
    if (feat_map_init(&m, keys) != 0) return NULL;
    size_t nslots = m.mask + 1;
    size_t total = AP_HEAD + nslots * sizeof(feat_slot) + ents * 4;
    unsigned char *out = calloc(1, total);
    if (!out) { feat_map_free(&m); return NULL; }
    uint32_t *rows = (uint32_t *)(out + AP_HEAD + nslots * sizeof(feat_slot));
    uint32_t off = 0;
    for (uint64_t i = 0; i <= t->idx.mask; i++) {
        const feat_slot *s = &t->idx.slot[i];
        if (!s->key || !s->aux) continue;
        size_t base = (size_t)(s->aux - 1) * nc;
        uint32_t start = off;
        for (int k = 0; k < nc; k++) {
            long q = lround((t->w[base + k] - t->u[base + k] / c) / scale);
            if (q == 0) continue;
            if (q > 32767) q = 32767;
            if (q < -32767) q = -32767;
            rows[off++] = (uint32_t)k << 16 | (uint16_t)(int16_t)q;
        }
        if (off == start) continue;
        feat_slot *d = feat_map_put(&m, s->key, NULL); /* cannot grow: sized */
        d->val = start;
        d->aux = off - start;
    }
    uint32_t h32[2] = { AP_MAGIC, (uint32_t)nc };
    uint64_t h64[2] = { nslots, ents };
    float fs = (float)scale;
    memcpy(out, h32, 8);
    memcpy(out + 8, h64, 16);
    memcpy(out + 24, &fs, 4);
    memcpy(out + AP_HEAD, m.slot, nslots * sizeof(feat_slot));
    feat_map_free(&m);
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
    if (h32[0] != AP_MAGIC || h32[1] == 0 || h32[1] > 65535) return -1;
    if (h64[0] > (len - AP_HEAD) / sizeof(feat_slot)) return -1;
    if (h64[1] > (len - AP_HEAD - h64[0] * sizeof(feat_slot)) / 4) return -1;
    if (feat_view(&m->map, b + AP_HEAD, h64[0]) != 0) return -1;
    m->nclass = h32[1];
    m->rows = (const uint32_t *)(b + AP_HEAD + h64[0] * sizeof(feat_slot));
    m->nrows = h64[1];
    /* every row must lie inside the section and name a valid class */
    for (uint64_t i = 0; i < h64[0]; i++) {
        const feat_slot *s = &m->map.slot[i];
        if (s->key && ((uint64_t)s->val + s->aux > m->nrows)) return -1;
    }
    for (uint64_t i = 0; i < m->nrows; i++)
        if ((m->rows[i] >> 16) >= m->nclass) return -1;
    return 0;
}
