/* nntrain.c — training the network of nn.h with the dynamic oracle.
 *
 * The loss of a state is -log of the probability mass on its zero-cost
 * actions (Goldberg & Nivre's oracle, so any action that can still reach the
 * best tree is right). From the second epoch the network's own wrong action is
 * followed 9 times in 10, so it learns to recover from its errors. The
 * sentences are parsed in lockstep, NN_B at a time: a step of all of them is
 * one minibatch. Adam, the rate times 0.7 after each epoch; dropout on the
 * hidden layer; a word seen c times in training is replaced by the unknown
 * word with probability 0.25 / (0.25 + c). Word vectors start from the given
 * file (GloVe text format: a word, then NN_DW numbers), scaled to norm 1.
 *
 * After each epoch the network is written as a section and decoded over dev by
 * the run-time code (nn.c + dep.c) beside the perceptron, for several beta:
 * the section and beta with the best dev LAS are kept. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

enum { NN_B = 32 };

typedef struct par { float *w, *g, *m, *v; size_t n, rowlen; uint8_t *touched; } par;

typedef struct net {
    nn_head h;
    int nin;
    par Ew, Et, El, Ed, W1, b1, W2, b2;
    feat_map vocab;                /* word hash -> aux row, val training count */
    long step;
    float lr, drop, wdrop;
} net;

typedef struct rng { uint64_t s; } rng;

static uint64_t rnd(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double unif(rng *r) { return (double)(rnd(r) >> 11) / 9007199254740992.0; }
static float gauss(rng *r)
{
    double u1 = ((rnd(r) >> 11) + 1.0) / 9007199254740993.0, u2 = unif(r);
    return (float)(sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2));
}

static int par_init(par *p, size_t rows, size_t rowlen, int sparse)
{
    p->n = rows * rowlen;
    p->rowlen = rowlen;
    p->w = calloc(p->n, sizeof *p->w);
    p->g = calloc(p->n, sizeof *p->g);
    p->m = calloc(p->n, sizeof *p->m);
    p->v = calloc(p->n, sizeof *p->v);
    p->touched = sparse ? calloc(rows, 1) : NULL;
    return p->w && p->g && p->m && p->v && (!sparse || p->touched) ? 0 : -1;
}

static void par_free(par *p)
{
    free(p->w); free(p->g); free(p->m); free(p->v); free(p->touched);
}

/* Adam over the table, or over its touched rows only (lazy, for embeddings). */
static void adam(par *p, float lr, long t)
{
    const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    float c1 = 1 - powf(b1, (float)t), c2 = 1 - powf(b2, (float)t);
    float a = lr * sqrtf(c2) / c1;
    size_t rows = p->n / p->rowlen;
    for (size_t r = 0; r < rows; r++) {
        if (p->touched) {
            if (!p->touched[r]) continue;
            p->touched[r] = 0;
        }
        float *w = p->w + r * p->rowlen, *g = p->g + r * p->rowlen;
        float *m = p->m + r * p->rowlen, *v = p->v + r * p->rowlen;
        for (size_t k = 0; k < p->rowlen; k++) {
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
            w[k] -= a * m[k] / (sqrtf(v[k]) + eps);
            g[k] = 0;
        }
    }
}

static void net_free(net *m)
{
    par_free(&m->Ew); par_free(&m->Et); par_free(&m->El); par_free(&m->Ed);
    par_free(&m->W1); par_free(&m->b1); par_free(&m->W2); par_free(&m->b2);
    feat_map_free(&m->vocab);
}

static void say(const nn_train_options *o, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (o->log) o->log(o->ctx, line);
}

/* Reads up to o->nvectors lines of o->vectors into the vocabulary (new rows
 * from *nv on) and their vectors into *vec / *vrow. Lines that are not a word
 * and NN_DW numbers are reported by file and line, and skipped. */
static int read_vectors(const nn_train_options *o, net *m, uint32_t *nv, float **vec,
                        uint32_t **vrow, long *nread)
{
    FILE *f = fopen(o->vectors, "r");
    if (!f) { say(o, "%s: cannot read the word vectors: %s", o->vectors, strerror(errno)); return -2; }
    size_t cap = 1024, n = 0, lineno = 0;
    float *v = malloc(cap * NN_DW * sizeof *v);
    uint32_t *rows = malloc(cap * sizeof *rows);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int bad = 0, rc = 0;
    if (!v || !rows) rc = -1;
    while (!rc && (long)n < o->nvectors && (len = getline(&line, &lcap, f)) >= 0) {
        lineno++;
        char *p = line, *e;
        size_t wl = strcspn(p, " \t\r\n");
        if (wl == 0 || p[wl] == 0 || p[wl] == '\n') { if (bad++ < 5) say(o, "%s:%zu: not a word and %d numbers", o->vectors, lineno, NN_DW); continue; }
        if (n == cap) {
            float *nvp = realloc(v, 2 * cap * NN_DW * sizeof *v);
            uint32_t *nr = nvp ? realloc(rows, 2 * cap * sizeof *rows) : NULL;
            if (nvp) v = nvp;
            if (!nr) { rc = -1; break; }
            rows = nr;
            cap *= 2;
        }
        float *x = v + n * NN_DW;
        int d = 0;
        e = p + wl;
        for (; d < NN_DW; d++) {
            char *q = e;
            x[d] = strtof(q, &e);   /* an underflow is a zero, an overflow not finite */
            if (e == q || !isfinite(x[d])) break;
        }
        while (*e == ' ' || *e == '\t' || *e == '\r' || *e == '\n') e++;
        if (d < NN_DW || *e) {
            if (bad++ < 5) say(o, "%s:%zu: not a word and %d numbers", o->vectors, lineno, NN_DW);
            continue;
        }
        feat_slot *s = feat_map_put(&m->vocab, feat_hash(p, wl), NULL);
        if (!s) { rc = -1; break; }
        if (!s->aux) s->aux = (*nv)++;
        rows[n++] = s->aux;
    }
    if (!rc && ferror(f)) { say(o, "%s: read error", o->vectors); rc = -1; }
    if (bad > 5) say(o, "%s: %d malformed lines in all", o->vectors, bad);
    free(line);
    fclose(f);
    if (!rc && n == 0) {
        say(o, "%s: no word vectors of %d numbers in it", o->vectors, NN_DW);
        rc = -2;
    }
    if (rc) { free(v); free(rows); return rc; }
    *vec = v;
    *vrow = rows;
    *nread = (long)n;
    return 0;
}

static int net_init(net *m, const nn_train_options *o, const dep_tree *tr, size_t nt, int nlabels,
                    int nclass, rng *r)
{
    memset(m, 0, sizeof *m);
    nn_head *h = &m->h;
    memcpy(h->magic, "NNP1", 4);
    h->H = (uint32_t)(o->hidden > 0 ? o->hidden : 192);
    h->nc = 1 + 2 * (uint32_t)nlabels;
    h->ncp = (h->nc + 15) & ~15u;
    h->dt = 32; h->dl = 32; h->dd = 16;
    h->ntag = 2 + (uint32_t)nclass;
    h->nlab = 1 + (uint32_t)nlabels;
    m->nin = NN_NP * NN_DW + NN_NP * (int)h->dt + NN_NK * (int)h->dl + NN_NDIST * (int)h->dd;
    m->lr = 1e-3f;
    m->drop = 0.3f;
    m->wdrop = 0.25f;
    if (feat_map_init(&m->vocab, 1 << 17)) return -1;
    uint32_t nv = 3;                 /* none, root, unknown */
    for (size_t s = 0; s < nt; s++)
        for (int i = 1; i <= tr[s].n; i++) {
            feat_slot *sl = feat_map_put(&m->vocab, tr[s].w[i].w, NULL);
            if (!sl) return -1;
            if (!sl->aux) sl->aux = nv++;
            sl->val++;
        }
    float *vec = NULL;
    uint32_t *vrow = NULL;
    long nvec = 0;
    int rv = o->vectors ? read_vectors(o, m, &nv, &vec, &vrow, &nvec) : 0;
    if (rv) return rv;
    h->nvocab = nv;
    h->nslot = (uint32_t)(m->vocab.mask + 1);
    if (par_init(&m->Ew, nv, NN_DW, 1) || par_init(&m->Et, h->ntag, h->dt, 1) ||
        par_init(&m->El, h->nlab, h->dl, 1) || par_init(&m->Ed, NN_NDB, h->dd, 1) ||
        par_init(&m->W1, (size_t)m->nin, h->H, 0) || par_init(&m->b1, 1, h->H, 0) ||
        par_init(&m->W2, h->H, h->ncp, 0) || par_init(&m->b2, 1, h->ncp, 0)) {
        free(vec); free(vrow);
        return -1;
    }
    for (size_t k = 0; k < m->Ew.n; k++) m->Ew.w[k] = 0.1f * gauss(r);
    for (long g = 0; g < nvec; g++) {
        float *x = vec + (size_t)g * NN_DW, s = 0;
        for (int d = 0; d < NN_DW; d++) s += x[d] * x[d];
        s = 1.0f / (sqrtf(s) + 1e-6f);
        for (int d = 0; d < NN_DW; d++) m->Ew.w[(size_t)vrow[g] * NN_DW + d] = x[d] * s;
    }
    free(vec); free(vrow);
    for (size_t k = 0; k < m->Et.n; k++) m->Et.w[k] = 0.1f * gauss(r);
    for (size_t k = 0; k < m->El.n; k++) m->El.w[k] = 0.1f * gauss(r);
    for (size_t k = 0; k < m->Ed.n; k++) m->Ed.w[k] = 0.1f * gauss(r);
    float s1 = sqrtf(2.0f / (float)m->nin) * 3, s2 = sqrtf(2.0f / (float)h->H);
    for (size_t k = 0; k < m->W1.n; k++) m->W1.w[k] = s1 * gauss(r);
    for (size_t k = 0; k < m->W2.n; k++) m->W2.w[k] = s2 * gauss(r);
    for (uint32_t k = 0; k < h->H; k++) m->b1.w[k] = 0.01f;
    say(o, "network: %u word rows (%ld from %s), %u tag rows, %d inputs, %u hidden units, %u actions",
        nv, nvec, o->vectors ? o->vectors : "no vector file", h->ntag, m->nin, h->H, h->nc);
    return 0;
}

/* The section of m's current weights (malloc'd, *len bytes), beta in its head. */
static void *net_section(const net *m, float beta, size_t *len)
{
    nn_head h = m->h;
    h.beta = beta;
    size_t off[11];
    nn_section_offsets(&h, off);
    *len = off[10];
    unsigned char *p = calloc(1, *len);
    if (!p) return NULL;
    memcpy(p, &h, sizeof h);
    memcpy(p + off[0], m->vocab.slot, (size_t)h.nslot * sizeof(feat_slot));
    float *sc = (float *)(p + off[1]);
    int8_t *q = (int8_t *)(p + off[2]);
    for (uint32_t r = 0; r < h.nvocab; r++) {
        const float *v = m->Ew.w + (size_t)r * NN_DW;
        float mx = 0;
        for (int d = 0; d < NN_DW; d++) mx = fabsf(v[d]) > mx ? fabsf(v[d]) : mx;
        sc[r] = mx / 127;
        for (int d = 0; d < NN_DW; d++) q[(size_t)r * NN_DW + d] = mx > 0 ? (int8_t)lrintf(v[d] / sc[r]) : 0;
    }
    memcpy(p + off[3], m->Et.w, m->Et.n * 4);
    memcpy(p + off[4], m->El.w, m->El.n * 4);
    memcpy(p + off[5], m->Ed.w, m->Ed.n * 4);
    memcpy(p + off[6], m->W1.w, m->W1.n * 4);
    memcpy(p + off[7], m->b1.w, m->b1.n * 4);
    memcpy(p + off[8], m->W2.w, m->W2.n * 4);
    memcpy(p + off[9], m->b2.w, m->b2.n * 4);
    return p;
}

/* The embedding row of node i's word; r: word dropout (training). */
static int word_id(const net *m, const dep_word *ws, int i, rng *r)
{
    if (i < 0) return NN_WNONE;
    if (i == 0) return NN_WROOT;
    const feat_slot *s = feat_map_get(&m->vocab, ws[i].w);
    if (!s) return NN_WUNK;
    if (r && s->val && unif(r) < m->wdrop / (m->wdrop + (float)s->val)) return NN_WUNK;
    return (int)s->aux;
}

/* The input of st into x (nin), the embedding rows into ids (NN_NID). */
static void net_input(const net *m, const dep_state *st, const dep_word *ws, float *x, int *ids, rng *r)
{
    int pos[NN_NP], k = 0, d0, d1;
    const nn_head *h = &m->h;
    nn_positions(st, pos);
    float *p = x;
    for (int q = 0; q < NN_NP; q++, p += NN_DW) {
        ids[k] = word_id(m, ws, pos[q], r);
        memcpy(p, m->Ew.w + (size_t)ids[k++] * NN_DW, NN_DW * sizeof *p);
    }
    for (int q = 0; q < NN_NP; q++, p += h->dt) {
        ids[k] = (int)nn_tag_id(h, ws, pos[q]);
        memcpy(p, m->Et.w + (size_t)ids[k++] * h->dt, h->dt * sizeof *p);
    }
    for (int q = 0; q < NN_NK; q++, p += h->dl) {
        ids[k] = (int)nn_label_id(st, pos[8 + q]);
        memcpy(p, m->El.w + (size_t)ids[k++] * h->dl, h->dl * sizeof *p);
    }
    nn_dist_ids(pos, &d0, &d1);
    ids[k++] = d0;
    memcpy(p, m->Ed.w + (size_t)d0 * h->dd, h->dd * sizeof *p);
    p += h->dd;
    ids[k++] = d1;
    memcpy(p, m->Ed.w + (size_t)d1 * h->dd, h->dd * sizeof *p);
}

/* B inputs x (B x nin) -> hidden a (B x H, after ReLU and dropout mask),
 * logits z (B x ncp). */
static void forward(const net *m, int B, const float *x, float *a, float *z, const uint8_t *mask)
{
    int H = (int)m->h.H, ncp = (int)m->h.ncp;
    float keep = 1.0f / (1.0f - m->drop);
    for (int b = 0; b < B; b++) {
        memcpy(a + (size_t)b * H, m->b1.w, (size_t)H * sizeof *a);
        memcpy(z + (size_t)b * ncp, m->b2.w, (size_t)ncp * sizeof *z);
    }
    nn_bmatvec(a, x, m->W1.w, B, m->nin, H);
    for (size_t k = 0; k < (size_t)B * H; k++) {
        float v = a[k] > 0 ? a[k] : 0;
        a[k] = mask[k] ? v * keep : 0;
    }
    nn_bmatvec(z, a, m->W2.w, B, H, ncp);
}

static void scatter(par *p, int row, const float *d)
{
    nn_axpy(p->g + (size_t)row * p->rowlen, d, 1.0f, (int)p->rowlen);
    p->touched[row] = 1;
}

/* Gradients of dz (B x ncp) into every table; da (B x H), dx (B x nin) scratch. */
static void backward(net *m, int B, const float *x, const int *ids, const float *a, const float *dz,
                     float *da, float *dx)
{
    int H = (int)m->h.H, nin = m->nin, ncp = (int)m->h.ncp;
    float keep = 1.0f / (1.0f - m->drop);
    for (int b = 0; b < B; b++) nn_axpy(m->b2.g, dz + (size_t)b * ncp, 1.0f, ncp);
    /* W2 rows are the hidden units: G = W2.g, X = a, dY = dz, dX = da */
    nn_bgrad(m->W2.g, da, m->W2.w, a, dz, B, H, ncp);
    for (size_t k = 0; k < (size_t)B * H; k++) da[k] = a[k] > 0 ? keep * da[k] : 0;   /* ReLU, dropout */
    for (int b = 0; b < B; b++) nn_axpy(m->b1.g, da + (size_t)b * H, 1.0f, H);
    nn_bgrad(m->W1.g, dx, m->W1.w, x, da, B, nin, H);
    for (int b = 0; b < B; b++) {
        const int *id = ids + (size_t)b * NN_NID;
        const float *d = dx + (size_t)b * nin;
        int k = 0;
        for (int q = 0; q < NN_NP; q++, d += NN_DW) scatter(&m->Ew, id[k++], d);
        for (int q = 0; q < NN_NP; q++, d += m->h.dt) scatter(&m->Et, id[k++], d);
        for (int q = 0; q < NN_NK; q++, d += m->h.dl) scatter(&m->El, id[k++], d);
        for (int q = 0; q < NN_NDIST; q++, d += m->h.dd) scatter(&m->Ed, id[k++], d);
    }
}

static void update(net *m)
{
    m->step++;
    par *all[] = { &m->Ew, &m->Et, &m->El, &m->Ed, &m->W1, &m->b1, &m->W2, &m->b2 };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) adam(all[i], m->lr, m->step);
}

typedef struct slot { long sent; dep_state st; void *mem; } slot;

/* One epoch over tr in the order ord, NN_B sentences in lockstep; xp: % of the
 * erring steps that follow the network. Returns the % of steps where the
 * network's best action was not a zero-cost one; -1 on no memory. */
static double train_epoch(net *m, const dep_tree *tr, size_t nt, const uint32_t *ord, int nl,
                          int root, int xp, rng *r)
{
    int B = NN_B, nin = m->nin, H = (int)m->h.H, ncp = (int)m->h.ncp, nc = (int)m->h.nc;
    int maxn = 1;
    for (size_t s = 0; s < nt; s++) if (tr[s].n > maxn) maxn = tr[s].n;
    slot sl[NN_B];
    float *x = malloc((size_t)B * nin * sizeof *x), *a = malloc((size_t)B * H * sizeof *a);
    float *z = malloc((size_t)B * ncp * sizeof *z), *dz = calloc((size_t)B * ncp, sizeof *dz);
    float *da = malloc((size_t)B * H * sizeof *da), *dx = malloc((size_t)B * nin * sizeof *dx);
    int *ids = malloc((size_t)B * NN_NID * sizeof *ids), *cost = malloc((size_t)ncp * sizeof *cost);
    uint8_t *mask = malloc((size_t)B * H);
    int act[NN_B], map[NN_B], ok = x && a && z && dz && da && dx && ids && cost && mask;
    size_t next = 0, steps = 0, errs = 0;
    for (int b = 0; b < B; b++) {
        sl[b].mem = malloc(dep_state_size(maxn));
        sl[b].sent = -1;
        ok = ok && sl[b].mem;
    }
    while (ok) {
        int live = 0;
        for (int b = 0; b < B; b++) {        /* fill the slots; play forced actions */
            for (;;) {
                if (sl[b].sent < 0) {
                    if (next >= nt) break;
                    sl[b].sent = (long)ord[next++];
                    dep_state_init(&sl[b].st, tr[sl[b].sent].n, nl, root, sl[b].mem);
                }
                dep_state *st = &sl[b].st;
                int f;
                while (!dep_terminal(st) && (f = dep_forced(st)) >= 0) dep_apply(st, f);
                if (!dep_terminal(st)) break;
                sl[b].sent = -1;
            }
            if (sl[b].sent < 0) continue;
            net_input(m, &sl[b].st, tr[sl[b].sent].w, x + (size_t)live * nin, ids + (size_t)live * NN_NID, r);
            map[live++] = b;
        }
        if (!live) break;
        for (size_t k = 0; k < (size_t)live * H; k++) mask[k] = unif(r) >= m->drop;
        forward(m, live, x, a, z, mask);
        for (int q = 0; q < live; q++) {
            dep_state *st = &sl[map[q]].st;
            const dep_tree *t = &tr[sl[map[q]].sent];
            float *zq = z + (size_t)q * ncp, *dq = dz + (size_t)q * ncp;
            int best = -1, gbest = -1, mc = dep_costs(st, t->gh, t->gl, cost);
            for (int c = 0; c < nc; c++)
                if (dep_valid(st, c) && (best < 0 || zq[c] > zq[best])) best = c;
            float mx = zq[best], sum = 0, osum = 0;
            memset(dq, 0, (size_t)ncp * sizeof *dq);
            for (int c = 0; c < nc; c++) {
                if (!dep_valid(st, c)) continue;
                dq[c] = expf(zq[c] - mx);
                sum += dq[c];
                if (cost[c] == mc) osum += dq[c];
            }
            for (int c = 0; c < nc; c++) {
                if (!dep_valid(st, c)) continue;
                float p = dq[c] / sum, po = cost[c] == mc ? dq[c] / osum : 0;
                dq[c] = (p - po) / (float)live;
                if (cost[c] == mc && (gbest < 0 || zq[c] > zq[gbest])) gbest = c;
            }
            steps++;
            act[q] = best;
            if (cost[best] != mc) {
                errs++;
                if (!(xp > 0 && rnd(r) % 100 < (uint64_t)xp)) act[q] = gbest;
            }
        }
        backward(m, live, x, ids, a, dz, da, dx);
        update(m);
        for (int q = 0; q < live; q++) dep_apply(&sl[map[q]].st, act[q]);
    }
    for (int b = 0; b < B; b++) free(sl[b].mem);
    free(x); free(a); free(z); free(dz); free(da); free(dx); free(ids); free(cost); free(mask);
    return ok ? 100.0 * errs / (steps ? steps : 1) : -1;
}

/* The perceptron margins (best - second, in its real units) of the scored
 * states, gathered by a scorer wrapped around nn_combine. */
typedef struct margins { nn_sent *s; float scale; float *v; size_t n, cap; } margins;

static void margin_combine(void *ctx, const dep_state *st, int32_t *scores, uint32_t npad, int norm,
                           int64_t *out)
{
    margins *g = ctx;
    int64_t lead;
    if (dep_top2(scores, g->s->m->h.nc, &lead) >= 0 && lead != INT64_MAX && g->n < g->cap)
        g->v[g->n++] = (float)lead * g->scale;
    nn_combine(g->s, st, scores, npad, norm, out);
}

/* Dev LAS (UAS into *uas) of the perceptron p with the section's network,
 * decoded as the run time does (its gate too); the margins of the scored
 * states into g when given. -1 on no memory. */
static double dev_score(const nn_model *nm, const ap_model *p, const dep_tree *dv, size_t nd, int nl,
                        int root, int K, double *uas, margins *g)
{
    size_t ok = 0, lok = 0, all = 0;
    int32_t *scores = malloc((size_t)p->npad * sizeof *scores);
    if (!scores) return -1;
    for (size_t s = 0; s < nd; s++) {
        const dep_tree *t = &dv[s];
        void *mem = malloc(dep_state_size(t->n)), *bmem = K > 1 ? malloc(dep_beam_size(t->n, K)) : NULL;
        nn_sent ns;
        if (!mem || (K > 1 && !bmem) || nn_sent_init(&ns, nm, t->w, t->n)) {
            free(mem); free(bmem); free(scores);
            return -1;
        }
        dep_scorer sc = nn_scorer(&ns, p->scale);
        if (g) {
            g->s = &ns;
            g->scale = p->scale;
            sc.score = margin_combine;
            sc.ctx = g;
        }
        dep_state st;
        dep_state_init(&st, t->n, nl, root, mem);
        if (K > 1) dep_parse_beam(p, t->w, &st, scores, K, bmem, &sc);
        else dep_parse(p, t->w, &st, scores, &sc);
        dep_tree_count(t, &st, &ok, &lok, &all);
        nn_sent_free(&ns);
        free(mem);
        free(bmem);
    }
    free(scores);
    *uas = all ? 100.0 * ok / all : 0;
    return all ? 100.0 * lok / all : 0;
}

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* The gate of the kept section: the perceptron margin above which the network
 * is not asked. The candidates are the margins that spare it 30 to 90% of the
 * states on dev; the one that spares most while dev LAS stays within 0.05 of
 * the ungated LAS is written into the section. */
static int choose_gate(const nn_train_options *o, unsigned char *sec, size_t len, const dep_tree *dv,
                       size_t nd, int nl, int root, int nclass)
{
    static const int spare[] = { 90, 80, 70, 60, 50, 30 };
    nn_model nm;
    nn_head h;
    size_t nst = 0;
    for (size_t s = 0; s < nd; s++) nst += 2 * (size_t)dv[s].n * (o->beam > 1 ? (size_t)o->beam : 1);
    margins g = { NULL, 0, malloc((nst ? nst : 1) * sizeof(float)), 0, nst };
    double uas, base;
    if (!g.v) return -1;
    memcpy(&h, sec, sizeof h);
    h.gate = 0;
    memcpy(sec, &h, sizeof h);
    if (nn_open(&nm, sec, len, nl, nclass)) { free(g.v); return -1; }
    base = dev_score(&nm, o->partner, dv, nd, nl, root, o->beam, &uas, &g);
    nn_close(&nm);
    if (base < 0 || g.n == 0) { free(g.v); return base < 0 ? -1 : 0; }
    qsort(g.v, g.n, sizeof *g.v, by_value);
    float chosen = 0;
    int chosen_spare = 0;
    for (size_t i = 0; i < sizeof spare / sizeof *spare && !chosen; i++) {
        h.gate = g.v[g.n - g.n * (size_t)spare[i] / 100];
        if (h.gate <= 0) continue;
        memcpy(sec, &h, sizeof h);
        if (nn_open(&nm, sec, len, nl, nclass)) { free(g.v); return -1; }
        double las = dev_score(&nm, o->partner, dv, nd, nl, root, o->beam, &uas, NULL);
        nn_close(&nm);
        if (las < 0) { free(g.v); return -1; }
        say(o, "network gate %g (spares %d%% of the states): dev LAS %.2f, ungated %.2f", h.gate,
            spare[i], las, base);
        if (las >= base - 0.05) { chosen = h.gate; chosen_spare = spare[i]; }
    }
    h.gate = chosen;
    memcpy(sec, &h, sizeof h);
    say(o, "network: gate %g, the network asked in about %d%% of the states", chosen, 100 - chosen_spare);
    free(g.v);
    return 0;
}

int nn_train(const nn_train_options *o, const dep_tree *tr, size_t nt, const dep_tree *dv,
             size_t nd, int nlabels, int root, int nclass, void **section, size_t *len)
{
    static const float betas[] = { 0, 0.02f, 0.03f, 0.05f, 0.1f, 0.2f, 0.3f };
    net m;
    rng r = { o->seed * 0x2545F4914F6CDD1DULL + 11 };
    uint32_t *ord = malloc((nt ? nt : 1) * sizeof *ord);
    double best = -1;
    int rc = -1, best_ep = 0;
    float best_beta = 0;
    *section = NULL;
    *len = 0;
    if (!o->partner) return -1;
    if (!ord) goto out;
    if ((rc = net_init(&m, o, tr, nt, nlabels, nclass, &r)) != 0) goto out;
    rc = -1;
    for (size_t i = 0; i < nt; i++) ord[i] = (uint32_t)i;
    for (int ep = 1; ep <= o->epochs; ep++) {
        for (size_t i = nt; i > 1; i--) {
            size_t j = rnd(&r) % i;
            uint32_t t = ord[i - 1]; ord[i - 1] = ord[j]; ord[j] = t;
        }
        double err = train_epoch(&m, tr, nt, ord, nlabels, root, ep >= 2 ? 90 : 0, &r);
        if (err < 0) goto out;
        m.lr *= 0.7f;
        char line[400];
        int at = snprintf(line, sizeof line, "network epoch %d: train action errors %.2f%%; dev LAS", ep, err);
        for (size_t b = 0; b < sizeof betas / sizeof *betas; b++) {
            size_t sl;
            void *sec = net_section(&m, betas[b], &sl);
            nn_model nm;
            if (!sec) goto out;
            if (nn_open(&nm, sec, sl, nlabels, nclass)) { free(sec); goto out; }
            double uas = 0, las = nd ? dev_score(&nm, o->partner, dv, nd, nlabels, root, o->beam, &uas, NULL) : ep;
            nn_close(&nm);
            if (las < 0) { free(sec); goto out; }
            at += snprintf(line + at, sizeof line - (size_t)at, " %.2f (beta %g)", las, betas[b]);
            if (las > best && (betas[b] > 0 || !o->partner)) {
                best = las;
                best_ep = ep;
                best_beta = betas[b];
                free(*section);
                *section = sec;
                *len = sl;
            } else {
                free(sec);
            }
            if (at >= (int)sizeof line) at = (int)sizeof line - 1;
        }
        say(o, "%s", line);
    }
    rc = *section ? 0 : -1;
    if (!rc && nd && choose_gate(o, *section, *len, dv, nd, nlabels, root, nclass)) rc = -1;
    if (!rc) say(o, "network: kept epoch %d, beta %g (dev LAS %.2f, %s)", best_ep, best_beta, best,
                 o->beam > 1 ? "beam" : "greedy");
out:
    if (rc) { free(*section); *section = NULL; *len = 0; }
    if (ord) net_free(&m);
    free(ord);
    return rc;
}
