/* nn.c — the network's run time: the section view, the rows computed at
 * load and per sentence, the logits, and the sum with the perceptron. */
#include "nn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF   /* GCC's -std=c11 already keeps a * b + c two roundings */
#endif

/* ------------------------------------------------------------ kernels
 * The widths here (H, ncp) are multiples of 16. */

/* 16 floats: a zmm register with AVX-512, two ymm with AVX2, four xmm else. */
typedef float v16 __attribute__((vector_size(64)));
typedef float v16u __attribute__((vector_size(64), aligned(4), may_alias));
#define ld16(p) (*(const v16u *)(p))
#define st16(p, v) (*(v16u *)(p) = (v))

/* One source for every instruction set: the compiler vectorizes the loops; no
 * reassociation is allowed, so each gives the plain C sums bit for bit. */
#define NN_KERNELS(SUF, ATTR)                                                          \
    ATTR static void axpy_##SUF(float *restrict y, const float *restrict x, float a, int n) \
    {                                                                                  \
        for (int k = 0; k < n; k++) y[k] += a * x[k];                                   \
    }                                                                                  \
    ATTR static float dot_##SUF(const float *restrict x, const float *restrict y, int n)  \
    {                                                                                  \
        float acc[16] = { 0 };                                                         \
        for (int k = 0; k + 16 <= n; k += 16)                                          \
            for (int l = 0; l < 16; l++) acc[l] += x[k + l] * y[k + l];                \
        for (int w = 8; w; w /= 2)                                                     \
            for (int l = 0; l < w; l++) acc[l] += acc[l + w];                          \
        return acc[0];                                                                 \
    }                                                                                  \
    /* y += x W (D <= 4096): the nonzero x[d] listed first, without a branch per \
     * d (x is often a ReLU output), then y in registers, 64 and then 16       \
     * columns at a time; each column sums its terms in the order of d */         \
    ATTR static void matvec_##SUF(float *restrict y, const float *restrict x,           \
                                  const float *restrict W, int D, int H)               \
    {                                                                                  \
        int nz[4096], n = 0, k0 = 0;                                                   \
        for (int d = 0; d < D; d++) { nz[n] = d; n += x[d] != 0; }                     \
        for (; k0 + 64 <= H; k0 += 64) {                                               \
            v16 a0 = ld16(y + k0), a1 = ld16(y + k0 + 16);                             \
            v16 a2 = ld16(y + k0 + 32), a3 = ld16(y + k0 + 48);                        \
            for (int j = 0; j < n; j++) {                                              \
                const float *w = W + (size_t)nz[j] * H + k0;                           \
                float a = x[nz[j]];                                                    \
                a0 += a * ld16(w); a1 += a * ld16(w + 16);                             \
                a2 += a * ld16(w + 32); a3 += a * ld16(w + 48);                        \
            }                                                                          \
            st16(y + k0, a0); st16(y + k0 + 16, a1);                                   \
            st16(y + k0 + 32, a2); st16(y + k0 + 48, a3);                              \
        }                                                                              \
        for (; k0 < H; k0 += 16) {                                                     \
            v16 a0 = ld16(y + k0);                                                     \
            for (int j = 0; j < n; j++) a0 += x[nz[j]] * ld16(W + (size_t)nz[j] * H + k0); \
            st16(y + k0, a0);                                                          \
        }                                                                              \
    }                                                                                  \
    /* Y[b] += X[b] W for B rows at once: each row of W is loaded once */       \
    ATTR static void bmatvec_##SUF(float *restrict Y, const float *restrict X,          \
                                   const float *restrict W, int B, int D, int H)       \
    {                                                                                  \
        for (int d = 0; d < D; d++) {                                                  \
            const float *w = W + (size_t)d * H;                                        \
            for (int b = 0; b < B; b++) {                                              \
                float a = X[(size_t)b * D + d];                                        \
                if (a == 0) continue;                                                  \
                float *y = Y + (size_t)b * H;                                          \
                for (int k = 0; k < H; k++) y[k] += a * w[k];                          \
            }                                                                          \
        }                                                                              \
    }                                                                                  \
    /* G[d] += sum_b X[b][d] dY[b]; dX[b][d] = W[d] . dY[b] */                         \
    ATTR static void bgrad_##SUF(float *restrict G, float *restrict dX, const float *restrict W, \
                                 const float *restrict X, const float *restrict dY,     \
                                 int B, int D, int H)                                  \
    {                                                                                  \
        for (int d = 0; d < D; d++) {                                                  \
            const float *w = W + (size_t)d * H;                                        \
            float *g = G + (size_t)d * H;                                              \
            for (int b = 0; b < B; b++) {                                              \
                const float *dy = dY + (size_t)b * H;                                  \
                float a = X[(size_t)b * D + d];                                        \
                if (a != 0)                                                            \
                    for (int k = 0; k < H; k++) g[k] += a * dy[k];                     \
                if (dX) dX[(size_t)b * D + d] = dot_##SUF(w, dy, H);                    \
            }                                                                          \
        }                                                                              \
    }                                                                                  \
    ATTR static void addrows_##SUF(float *restrict y, const float *const *rows, int R, int H) \
    {                                                                                  \
        int k0 = 0;                                                                    \
        for (; k0 + 64 <= H; k0 += 64) {                                               \
            v16 a0 = ld16(y + k0), a1 = ld16(y + k0 + 16);                             \
            v16 a2 = ld16(y + k0 + 32), a3 = ld16(y + k0 + 48);                        \
            for (int r = 0; r < R; r++) {                                              \
                const float *w = rows[r] + k0;                                         \
                a0 += ld16(w); a1 += ld16(w + 16); a2 += ld16(w + 32); a3 += ld16(w + 48); \
            }                                                                          \
            st16(y + k0, a0); st16(y + k0 + 16, a1);                                   \
            st16(y + k0 + 32, a2); st16(y + k0 + 48, a3);                              \
        }                                                                              \
        for (; k0 < H; k0 += 16) {                                                     \
            v16 a0 = ld16(y + k0);                                                     \
            for (int r = 0; r < R; r++) a0 += ld16(rows[r] + k0);                       \
            st16(y + k0, a0);                                                          \
        }                                                                              \
    }

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NN_X86 1
NN_KERNELS(avx512, __attribute__((target("avx512f"))))
NN_KERNELS(avx2, __attribute__((target("avx2"))))
#endif
NN_KERNELS(c, )

#ifdef NN_X86
#define NN_DISPATCH(f, ...)                                                            \
    (__builtin_cpu_supports("avx512f") ? f##_avx512(__VA_ARGS__)                       \
     : __builtin_cpu_supports("avx2")  ? f##_avx2(__VA_ARGS__) : f##_c(__VA_ARGS__))
#else
#define NN_DISPATCH(f, ...) f##_c(__VA_ARGS__)
#endif

void nn_axpy(float *y, const float *x, float a, int n) { NN_DISPATCH(axpy, y, x, a, n); }
float nn_dot(const float *x, const float *y, int n) { return NN_DISPATCH(dot, x, y, n); }
void nn_matvec(float *y, const float *x, const float *W, int D, int H)
{
    NN_DISPATCH(matvec, y, x, W, D, H);
}
void nn_bmatvec(float *Y, const float *X, const float *W, int B, int D, int H)
{
    NN_DISPATCH(bmatvec, Y, X, W, B, D, H);
}
void nn_bgrad(float *G, float *dX, const float *W, const float *X, const float *dY, int B, int D, int H)
{
    NN_DISPATCH(bgrad, G, dX, W, X, dY, B, D, H);
}
static void addrows(float *y, const float *const *rows, int R, int H)
{
    NN_DISPATCH(addrows, y, rows, R, H);
}

/* ------------------------------------------------------------ section */

static size_t up64(size_t x) { return (x + 63) & ~(size_t)63; }

static uint32_t nin_of(const nn_head *h)
{
    return NN_NP * NN_DW + NN_NP * h->dt + NN_NK * h->dl + NN_NDIST * h->dd;
}

void nn_section_offsets(const nn_head *h, size_t off[11])
{
    size_t len[11] = {
        (size_t)h->nslot * sizeof(feat_slot), (size_t)h->nvocab * 4, (size_t)h->nvocab * NN_DW,
        (size_t)h->ntag * h->dt * 4, (size_t)h->nlab * h->dl * 4, (size_t)NN_NDB * h->dd * 4,
        (size_t)nin_of(h) * h->H * 4, (size_t)h->H * 4, (size_t)h->H * h->ncp * 4, (size_t)h->ncp * 4, 0
    };
    size_t o = up64(sizeof(nn_head));
    for (int i = 0; i < 11; i++) { off[i] = o; o = up64(o + len[i]); }
}

size_t nn_section_size(const nn_head *h)
{
    size_t off[11];
    nn_section_offsets(h, off);
    return off[10];
}

void nn_close(nn_model *m)
{
    free(m->trow);
    free(m->lrow);
    free(m->drow);
    free(m->wfix);
    free(m->wfreq);
    free(m->freq_of);
    memset(m, 0, sizeof *m);
}

/* Node ids of the positions; -1 none. pos[8..23) are the child positions. */
void nn_positions(const dep_state *st, int *pos)
{
    int sp = st->sp, n = st->n;
#define KID(a, i) ((i) > 0 && st->a[i] ? st->a[i] : -1)
    int s0 = sp >= 1 ? st->stack[sp - 1] : -1, s1 = sp >= 2 ? st->stack[sp - 2] : -1;
    int b0 = st->b <= n ? st->b : -1;
    pos[0] = s0;
    pos[1] = s1;
    pos[2] = sp >= 3 ? st->stack[sp - 3] : -1;
    pos[3] = sp >= 4 ? st->stack[sp - 4] : -1;
    for (int k = 0; k < 4; k++) pos[4 + k] = st->b + k <= n ? st->b + k : -1;
    pos[8] = KID(lc1, s0);  pos[9] = KID(lc2, s0);  pos[10] = KID(rc1, s0); pos[11] = KID(rc2, s0);
    pos[12] = KID(lc1, s1); pos[13] = KID(lc2, s1); pos[14] = KID(rc1, s1); pos[15] = KID(rc2, s1);
    pos[16] = KID(lc1, b0); pos[17] = KID(lc2, b0);
    pos[18] = KID(lc1, pos[8]);
    pos[19] = KID(rc1, pos[10]);
    pos[20] = KID(lc1, pos[12]);
    pos[21] = KID(rc1, pos[14]);
    pos[22] = KID(lc1, pos[16]);
#undef KID
}

void nn_dist_ids(const int *pos, int *d0, int *d1)
{
    int s0 = pos[0], s1 = pos[1], b0 = pos[4];
    *d0 = s0 > 0 && b0 > 0 ? dep_dist_bin(b0 - s0) : 7;
    *d1 = 8 + (s0 > 0 && s1 > 0 ? dep_dist_bin(s0 - s1) : 7);
}

/* The vector of vocabulary row r, as floats. */
static void word_vec(const nn_model *m, uint32_t r, float *e)
{
    for (int d = 0; d < NN_DW; d++) e[d] = m->wvec[(size_t)r * NN_DW + d] * m->wscale[r];
}

typedef struct wcount { uint32_t val, row; } wcount;
static int by_count(const void *a, const void *b)
{
    const wcount *x = a, *y = b;
    if (x->val != y->val) return x->val < y->val ? 1 : -1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of the NN_NFREQ words seen most in training, at every position. */
static int freq_rows(nn_model *m)
{
    size_t H = m->h.H, n = 0;
    wcount *c = malloc((m->vocab.mask + 1) * sizeof *c);
    m->freq_of = malloc((size_t)m->h.nvocab * sizeof *m->freq_of);
    if (!c || !m->freq_of) { free(c); return -1; }
    for (uint32_t r = 0; r < m->h.nvocab; r++) m->freq_of[r] = -1;
    for (uint64_t i = 0; i <= m->vocab.mask; i++) {
        const feat_slot *s = &m->vocab.slot[i];
        if (s->key && s->val && s->aux > NN_WUNK) c[n++] = (wcount){ s->val, s->aux };
    }
    qsort(c, n, sizeof *c, by_count);
    m->nfreq = (uint32_t)(n < NN_NFREQ ? n : NN_NFREQ);
    m->wfreq = calloc((size_t)m->nfreq * NN_NP * H, sizeof *m->wfreq);
    if (!m->wfreq && m->nfreq) { free(c); return -1; }
    float *e = malloc((size_t)m->nfreq * NN_DW * sizeof *e);
    if (!e) { free(c); return -1; }
    for (uint32_t f = 0; f < m->nfreq; f++) {
        uint32_t r = c[f].row;
        word_vec(m, r, e + (size_t)f * NN_DW);
        if (m->freq_of[r] < 0) m->freq_of[r] = (int32_t)f;   /* a malformed table may name a row twice */
    }
    /* position by position: that position's block of W1 stays in cache */
    for (int q = 0; q < NN_NP; q++)
        for (uint32_t f = 0; f < m->nfreq; f++)
            nn_matvec(m->wfreq + ((size_t)f * NN_NP + q) * H, e + (size_t)f * NN_DW,
                      m->W1 + (size_t)q * NN_DW * H, NN_DW, (int)H);
    free(e);
    free(c);
    return 0;
}

int nn_open(nn_model *m, const void *p, size_t len, int nlabels, int nclass)
{
    memset(m, 0, sizeof *m);
    if (!p || len < sizeof(nn_head)) return -1;
    memcpy(&m->h, p, sizeof m->h);
    const nn_head *h = &m->h;
    if (memcmp(h->magic, "NNP1", 4) || h->H < 16 || h->H > 4096 || h->H % 16 ||
        h->nc != 1 + 2 * (uint32_t)nlabels || h->ncp != ((h->nc + 15) & ~15u) || h->ncp > 1024 ||
        h->ntag != 2 + (uint32_t)nclass || h->nlab != 1 + (uint32_t)nlabels ||
        !h->dt || h->dt > 256 || !h->dl || h->dl > 256 || !h->dd || h->dd > 256 ||
        h->nvocab < 3 || h->nvocab > (1u << 26) || h->nslot < 2 || h->nslot > (1u << 28) ||
        (h->nslot & (h->nslot - 1)) || !isfinite(h->beta) || h->beta < 0 || !isfinite(h->gate) || h->gate < 0 ||
        nn_section_size(h) != len)
        return -1;
    size_t off[11];
    nn_section_offsets(h, off);
    const unsigned char *b = p;
    if (feat_view(&m->vocab, b + off[0], h->nslot)) return -1;
    size_t used = 0;
    for (uint64_t i = 0; i <= m->vocab.mask; i++) {
        const feat_slot *s = &m->vocab.slot[i];
        if (!s->key) continue;
        if (s->aux >= h->nvocab) return -1;
        used++;
    }
    if (used > h->nslot / 2) return -1;   /* lookups need empty slots */
    m->wscale = (const float *)(b + off[1]);
    for (uint32_t i = 0; i < h->nvocab; i++)
        if (!isfinite(m->wscale[i])) return -1;
    m->wvec = (const int8_t *)(b + off[2]);
    const float *Et = (const float *)(b + off[3]), *El = (const float *)(b + off[4]);
    const float *Ed = (const float *)(b + off[5]);
    m->W1 = (const float *)(b + off[6]);
    m->b1 = (const float *)(b + off[7]);
    m->W2 = (const float *)(b + off[8]);
    m->b2 = (const float *)(b + off[9]);
    m->nin = nin_of(h);
    size_t H = h->H;
    m->trow = calloc((size_t)NN_NP * h->ntag * H, sizeof *m->trow);
    m->lrow = calloc((size_t)NN_NK * h->nlab * H, sizeof *m->lrow);
    m->drow = calloc((size_t)NN_NDB * H, sizeof *m->drow);
    m->wfix = calloc((size_t)NN_NP * 3 * H, sizeof *m->wfix);
    if (!m->trow || !m->lrow || !m->drow || !m->wfix) { nn_close(m); return -2; }
    size_t tbase = (size_t)NN_NP * NN_DW, lbase = tbase + (size_t)NN_NP * h->dt;
    size_t dbase = lbase + (size_t)NN_NK * h->dl;
    for (int q = 0; q < NN_NP; q++) {
        for (uint32_t t = 0; t < h->ntag; t++)
            nn_matvec(m->trow + ((size_t)q * h->ntag + t) * H, Et + (size_t)t * h->dt,
                      m->W1 + (tbase + (size_t)q * h->dt) * H, (int)h->dt, (int)H);
        for (int r = 0; r < 3; r++) {
            float e[NN_DW];
            word_vec(m, (uint32_t)r, e);
            nn_matvec(m->wfix + ((size_t)q * 3 + r) * H, e, m->W1 + (size_t)q * NN_DW * H, NN_DW, (int)H);
        }
    }
    for (int q = 0; q < NN_NK; q++)
        for (uint32_t l = 0; l < h->nlab; l++)
            nn_matvec(m->lrow + ((size_t)q * h->nlab + l) * H, El + (size_t)l * h->dl,
                      m->W1 + (lbase + (size_t)q * h->dl) * H, (int)h->dl, (int)H);
    for (int j = 0; j < NN_NDB; j++)
        nn_matvec(m->drow + (size_t)j * H, Ed + (size_t)j * h->dd,
                  m->W1 + (dbase + (size_t)(j / 8) * h->dd) * H, (int)h->dd, (int)H);
    if (freq_rows(m)) { nn_close(m); return -2; }
    return 0;
}

/* ------------------------------------------------------------ sentences */

int nn_sent_init(nn_sent *s, const nn_model *m, const dep_word *ws, int n)
{
    memset(s, 0, sizeof *s);
    s->m = m;
    s->n = n;
    s->pscale = 1;
    s->wrow = malloc(((size_t)n + 1) * sizeof *s->wrow);
    s->tid = malloc(((size_t)n + 1) * sizeof *s->tid);
    s->cache = calloc(((size_t)n + 1) * NN_NP, sizeof *s->cache);
    s->h = malloc((size_t)m->h.H * sizeof *s->h);
    s->cap = 8 * ((size_t)n + 1);
    s->rows = malloc(s->cap * m->h.H * sizeof *s->rows);
    if (!s->wrow || !s->tid || !s->cache || !s->h || !s->rows) { nn_sent_free(s); return -1; }
    s->wrow[0] = NN_WROOT;
    for (int i = 0; i <= n; i++) s->tid[i] = nn_tag_id(&m->h, ws, i);
    for (int i = 1; i <= n; i++) {
        const feat_slot *v = feat_map_get(&m->vocab, ws[i].w);
        s->wrow[i] = v ? v->aux : NN_WUNK;
    }
    return 0;
}

void nn_sent_free(nn_sent *s)
{
    free(s->wrow);
    free(s->tid);
    free(s->cache);
    free(s->rows);
    free(s->h);
    memset(s, 0, sizeof *s);
}

/* The first layer's part of node i at word position q. NULL on no memory. */
static const float *word_row(nn_sent *s, int q, int i)
{
    const nn_model *m = s->m;
    size_t H = m->h.H;
    uint32_t r = i < 0 ? NN_WNONE : s->wrow[i];
    if (r <= NN_WUNK) return m->wfix + ((size_t)q * 3 + r) * H;
    if (m->freq_of[r] >= 0) return m->wfreq + ((size_t)m->freq_of[r] * NN_NP + q) * H;
    int32_t *c = &s->cache[(size_t)i * NN_NP + q];
    if (*c) return s->rows + (size_t)(*c - 1) * H;
    if (s->nrows == s->cap) {
        float *g = realloc(s->rows, 2 * s->cap * H * sizeof *g);
        if (!g) return NULL;
        s->rows = g;
        s->cap *= 2;
    }
    float e[NN_DW], *row = s->rows + s->nrows * H;
    word_vec(m, r, e);
    memset(row, 0, H * sizeof *row);
    nn_matvec(row, e, m->W1 + (size_t)q * NN_DW * H, NN_DW, (int)H);
    *c = (int32_t)++s->nrows;
    return row;
}

void nn_logits(nn_sent *s, const dep_state *st, float *z)
{
    const nn_model *m = s->m;
    size_t H = m->h.H;
    int pos[NN_NP], d0, d1, k = 0;
    const float *rows[NN_NID];
    nn_positions(st, pos);
    for (int q = 0; q < NN_NP; q++) {
        const float *w = word_row(s, q, pos[q]);
        /* without the memory for a word's row, the word counts as unknown */
        rows[k++] = w ? w : m->wfix + ((size_t)q * 3 + NN_WUNK) * H;
        uint32_t t = pos[q] < 0 ? 0 : s->tid[pos[q]];
        rows[k++] = m->trow + ((size_t)q * m->h.ntag + t) * H;
    }
    for (int q = 0; q < NN_NK; q++)
        rows[k++] = m->lrow + ((size_t)q * m->h.nlab + nn_label_id(st, pos[8 + q])) * H;
    nn_dist_ids(pos, &d0, &d1);
    rows[k++] = m->drow + (size_t)d0 * H;
    rows[k++] = m->drow + (size_t)d1 * H;
    float *h = s->h;
    memcpy(h, m->b1, H * sizeof *h);
    addrows(h, rows, k, (int)H);
    for (size_t j = 0; j < H; j++) h[j] = h[j] > 0 ? h[j] : 0;
    memcpy(z, m->b2, (size_t)m->h.ncp * sizeof *z);
    nn_matvec(z, h, m->W2, (int)H, (int)m->h.ncp);
}

dep_scorer nn_scorer(nn_sent *s, float pscale)
{
    s->pscale = pscale;
    float g = s->m->h.gate;
    dep_scorer sc = { nn_combine, s, g > 0 && pscale > 0 ? (int64_t)ceil(g / pscale) : 0 };
    return sc;
}

void nn_combine(void *ctx, const dep_state *st, int32_t *scores, uint32_t npad, int norm,
                int64_t *out)
{
    nn_sent *s = ctx;
    const nn_model *m = s->m;
    float z[1024];
    uint32_t nc = m->h.nc;
    (void)npad;
    double lse = 0;
    if (norm == 2) {            /* gated: the perceptron's action alone, log p taken as 0 */
        memset(z, 0, nc * sizeof *z);
    } else {
        nn_logits(s, st, z);
    }
    if (norm == 1) {
        float mx = -INFINITY;
        for (uint32_t c = 0; c < nc; c++) if (scores[c] != INT32_MIN && z[c] > mx) mx = z[c];
        double sum = 0;
        for (uint32_t c = 0; c < nc; c++) if (scores[c] != INT32_MIN) sum += exp((double)(z[c] - mx));
        lse = mx + log(sum);
    }
    double b = (double)m->h.beta * s->pscale;
    for (uint32_t c = 0; c < nc; c++)
        out[c] = scores[c] == INT32_MIN ? INT64_MIN
                                        : llrint(((double)z[c] - lse + b * scores[c]) * NN_Q);
}
