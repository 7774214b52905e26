/* dep.c — arc-hybrid transitions, features, dynamic oracle, greedy decoding.
 *
 * Feature templates follow Zhang & Nivre (2011) "Transition-based dependency
 * parsing with rich non-local features", adapted to arc-hybrid, where the
 * arcs are made between s0 and b0 (LEFT) or s1 and s0 (RIGHT): both pairs get
 * the word/tag cross products. */
#include "dep.h"

#include <stdint.h>
#include <string.h>

size_t dep_state_size(int n)
{
    size_t k = (size_t)n + 2;
    return k * (10 * sizeof(int) + 2 * sizeof(uint64_t));
}

/* The arrays of a state over n words, laid out in mem (lset first). */
static void state_view(dep_state *st, int n, void *mem)
{
    size_t k = (size_t)n + 2;
    uint64_t *q = mem;
    st->lset = q; st->rset = q + k;
    int *p = (int *)(q + 2 * k);
    st->stack = p; st->head = p + k; st->label = p + 2 * k;
    st->lc1 = p + 3 * k; st->lc2 = p + 4 * k; st->rc1 = p + 5 * k; st->rc2 = p + 6 * k;
    st->nl = p + 7 * k; st->nr = p + 8 * k;
}

void dep_state_copy(dep_state *dst, const dep_state *src, void *mem)
{
    memcpy(mem, src->lset, dep_state_size(src->n));
    *dst = *src;
    state_view(dst, src->n, mem);
}

void dep_state_init(dep_state *st, int n, int nlabels, int root_label, void *mem)
{
    size_t k = (size_t)n + 2;
    state_view(st, n, mem);
    memset(mem, 0, dep_state_size(n));
    for (size_t i = 0; i < k; i++) st->head[i] = st->label[i] = -1;
    st->n = n;
    st->nlabels = nlabels;
    st->root_label = root_label;
    st->sp = 1;
    st->stack[0] = 0;
    st->b = 1;
}

int dep_valid(const dep_state *st, int a)
{
    int L = st->nlabels, buf = st->b <= st->n;
    if (a == 0) return buf;
    if (a <= L) return buf && st->sp >= 2 && a - 1 != st->root_label;
    int l = a - 1 - L;
    if (st->sp >= 3) return l != st->root_label;
    return st->sp == 2 && !buf && l == st->root_label;
}

int dep_forced(const dep_state *st)
{
    if (st->sp == 1 && st->b <= st->n) return 0;                       /* shift */
    if (st->sp == 2 && st->b > st->n) return 1 + st->nlabels + st->root_label;   /* root arc */
    return -1;
}

void dep_mask_invalid(const dep_state *st, int32_t *scores, uint32_t n)
{
    /* dep_valid's rules by ranges: SHIFT and the LEFT arcs need a buffer, LEFT
     * needs a word on the stack (sp >= 2), RIGHT a word under it (sp >= 3, else
     * only the root arc with an empty buffer); neither takes the root label */
    int L = st->nlabels, buf = st->b <= st->n, nc = 1 + 2 * L;
    for (uint32_t a = (uint32_t)nc; a < n; a++) scores[a] = INT32_MIN;
    if (!buf || st->sp < 2)
        for (int a = buf ? 1 : 0; a <= L; a++) scores[a] = INT32_MIN;
    scores[1 + st->root_label] = INT32_MIN;
    if (st->sp >= 3) {
        scores[1 + L + st->root_label] = INT32_MIN;
    } else {
        for (int a = 1 + L; a < nc; a++)
            if (!(st->sp == 2 && !buf && a == 1 + L + st->root_label)) scores[a] = INT32_MIN;
    }
}

static void attach(dep_state *st, int h, int d, int l)
{
    st->head[d] = h;
    st->label[d] = l;
    if (d < h) {
        st->nl[h]++;
        st->lset[h] |= 1ULL << (l & 63);
        if (!st->lc1[h] || d < st->lc1[h]) { st->lc2[h] = st->lc1[h]; st->lc1[h] = d; }
        else if (!st->lc2[h] || d < st->lc2[h]) st->lc2[h] = d;
    } else {
        st->nr[h]++;
        st->rset[h] |= 1ULL << (l & 63);
        if (!st->rc1[h] || d > st->rc1[h]) { st->rc2[h] = st->rc1[h]; st->rc1[h] = d; }
        else if (!st->rc2[h] || d > st->rc2[h]) st->rc2[h] = d;
    }
}

void dep_apply(dep_state *st, int a)
{
    int L = st->nlabels;
    if (a == 0) { st->stack[st->sp++] = st->b++; return; }
    int s0 = st->stack[--st->sp];
    if (a <= L) attach(st, st->b, s0, a - 1);
    else attach(st, st->stack[st->sp - 1], s0, a - 1 - L);
}

/* Template values for "no such node". */
enum { NONE_W = 0x7e57, NONE_T = 60001, ROOT_T = 60002 };

int dep_dist_bin(int d)
{
    if (d < 0) d = -d;
    return d <= 4 ? d : d < 10 ? 5 : 6;
}

size_t dep_features(const dep_state *st, const dep_word *ws, uint64_t *f)
{
    int sp = st->sp, n = st->n;
    int s0 = sp >= 1 ? st->stack[sp - 1] : -1;
    int s1 = sp >= 2 ? st->stack[sp - 2] : -1;
    int s2 = sp >= 3 ? st->stack[sp - 3] : -1;
    int b0 = st->b <= n ? st->b : -1;
    int b1 = st->b + 1 <= n ? st->b + 1 : -1;
    int b2 = st->b + 2 <= n ? st->b + 2 : -1;
#define W(i) ((i) < 0 ? (uint64_t)NONE_W : ws[i].w)
#define T(i) ((i) < 0 ? (uint64_t)NONE_T : (i) == 0 ? (uint64_t)ROOT_T : (uint64_t)ws[i].t)
#define KID(a, i) ((i) > 0 && st->a[i] ? st->a[i] : -1)
#define LAB(i) ((i) < 0 ? (uint64_t)999 : (uint64_t)st->label[i])
    int s0l = KID(lc1, s0), s0l2 = KID(lc2, s0), s0r = KID(rc1, s0), s0r2 = KID(rc2, s0);
    int s1r = KID(rc1, s1), s1l = KID(lc1, s1), b0l = KID(lc1, b0), b0l2 = KID(lc2, b0);
    uint64_t s0w = W(s0), s0t = T(s0), s1w = W(s1), s1t = T(s1), b0w = W(b0), b0t = T(b0);
    uint64_t b1w = W(b1), b1t = T(b1), b2t = T(b2), s2t = T(s2);
    uint64_t s0wt = feat_mix(s0w, s0t), s1wt = feat_mix(s1w, s1t);
    uint64_t b0wt = feat_mix(b0w, b0t), b1wt = feat_mix(b1w, b1t);
    uint64_t d = s0 > 0 && b0 > 0 ? (uint64_t)dep_dist_bin(b0 - s0) : 9;
    uint64_t d1 = s0 > 0 && s1 > 0 ? (uint64_t)dep_dist_bin(s0 - s1) : 9;
    uint64_t s0nl = s0 > 0 ? (uint64_t)st->nl[s0] : 99, s0nr = s0 > 0 ? (uint64_t)st->nr[s0] : 99;
    uint64_t s1nr = s1 > 0 ? (uint64_t)st->nr[s1] : 99, b0nl = b0 > 0 ? (uint64_t)st->nl[b0] : 99;
    size_t k = 0;
    /* single words */
    f[k++] = FEAT2(1, s0w); f[k++] = FEAT2(2, s0t); f[k++] = FEAT2(3, s0wt);
    f[k++] = FEAT2(4, s1w); f[k++] = FEAT2(5, s1t); f[k++] = FEAT2(6, s1wt);
    f[k++] = FEAT2(7, b0w); f[k++] = FEAT2(8, b0t); f[k++] = FEAT2(9, b0wt);
    f[k++] = FEAT2(10, b1w); f[k++] = FEAT2(11, b1t); f[k++] = FEAT2(12, b1wt);
    f[k++] = FEAT2(13, b2t); f[k++] = FEAT2(14, s2t);
    /* pairs s0-b0 */
    f[k++] = FEAT3(15, s0wt, b0wt); f[k++] = FEAT3(16, s0wt, b0w);
    f[k++] = FEAT3(17, s0w, b0wt); f[k++] = FEAT3(18, s0wt, b0t);
    f[k++] = FEAT3(19, s0t, b0wt); f[k++] = FEAT3(20, s0w, b0w);
    f[k++] = FEAT3(21, s0t, b0t); f[k++] = FEAT3(22, b0t, b1t);
    /* pairs s1-s0 */
    f[k++] = FEAT3(23, s1wt, s0wt); f[k++] = FEAT3(24, s1t, s0t);
    f[k++] = FEAT3(25, s1w, s0w); f[k++] = FEAT3(26, s1wt, s0t);
    f[k++] = FEAT3(27, s1t, s0wt); f[k++] = FEAT3(28, s1wt, s0w);
    f[k++] = FEAT3(29, s1w, s0wt);
    /* triples of tags */
    f[k++] = FEAT4(30, b0t, b1t, b2t); f[k++] = FEAT4(31, s0t, b0t, b1t);
    f[k++] = FEAT4(32, s1t, s0t, b0t); f[k++] = FEAT4(33, s2t, s1t, s0t);
    f[k++] = FEAT4(34, s0t, T(s0l), b0t); f[k++] = FEAT4(35, s0t, T(s0r), b0t);
    f[k++] = FEAT4(36, s0t, b0t, T(b0l)); f[k++] = FEAT4(37, s1t, s0t, T(s0l));
    f[k++] = FEAT4(38, s1t, s0t, T(s0r)); f[k++] = FEAT4(39, s1t, T(s1r), s0t);
    f[k++] = FEAT4(40, s1t, T(s1l), s0t); f[k++] = FEAT4(41, s1t, s0t, b1t);
    /* distance */
    f[k++] = FEAT3(42, s0w, d); f[k++] = FEAT3(43, s0t, d); f[k++] = FEAT3(44, b0w, d);
    f[k++] = FEAT3(45, b0t, d); f[k++] = FEAT4(46, s0t, b0t, d);
    f[k++] = FEAT3(47, s1w, d1); f[k++] = FEAT3(48, s0w, d1); f[k++] = FEAT4(49, s1t, s0t, d1);
    /* valency */
    f[k++] = FEAT3(50, s0t, s0nr); f[k++] = FEAT3(51, s0t, s0nl); f[k++] = FEAT3(52, s0w, s0nl);
    f[k++] = FEAT3(53, b0t, b0nl); f[k++] = FEAT3(54, b0w, b0nl); f[k++] = FEAT3(55, s1t, s1nr);
    f[k++] = FEAT3(56, s0w, s0nr); f[k++] = FEAT3(57, s1w, s1nr);
    /* children */
    f[k++] = FEAT2(58, W(s0l)); f[k++] = FEAT2(59, T(s0l)); f[k++] = FEAT2(60, LAB(s0l));
    f[k++] = FEAT2(61, W(s0r)); f[k++] = FEAT2(62, T(s0r)); f[k++] = FEAT2(63, LAB(s0r));
    f[k++] = FEAT2(64, W(b0l)); f[k++] = FEAT2(65, T(b0l)); f[k++] = FEAT2(66, LAB(b0l));
    f[k++] = FEAT2(67, T(s1r)); f[k++] = FEAT2(68, LAB(s1r)); f[k++] = FEAT2(69, LAB(s1l));
    f[k++] = FEAT3(70, T(s0l2), LAB(s0l2)); f[k++] = FEAT3(71, T(s0r2), LAB(s0r2));
    f[k++] = FEAT3(72, T(b0l2), LAB(b0l2));
    f[k++] = FEAT4(73, s0t, LAB(s0l), LAB(s0l2)); f[k++] = FEAT4(74, s0t, LAB(s0r), LAB(s0r2));
    f[k++] = FEAT4(75, b0t, LAB(b0l), LAB(b0l2));
    /* label sets */
    f[k++] = FEAT3(76, s0t, s0 > 0 ? st->lset[s0] : 0); f[k++] = FEAT3(77, s0t, s0 > 0 ? st->rset[s0] : 0);
    f[k++] = FEAT3(78, b0t, b0 > 0 ? st->lset[b0] : 0); f[k++] = FEAT3(79, s1t, s1 > 0 ? st->rset[s1] : 0);
    /* coarse tags and tag-dictionary classes: robust to fine tag errors */
#define U(i) ((i) < 0 ? (uint64_t)NONE_T : (i) == 0 ? (uint64_t)ROOT_T : (uint64_t)ws[i].u)
#define A(i) ((i) <= 0 ? (uint64_t)NONE_T + (uint64_t)(i) : (uint64_t)ws[i].a)
    f[k++] = FEAT2(80, A(s0)); f[k++] = FEAT2(81, A(b0)); f[k++] = FEAT2(82, A(s1));
    f[k++] = FEAT2(83, A(b1)); f[k++] = FEAT3(84, A(s0), A(b0)); f[k++] = FEAT3(85, A(s1), A(s0));
    f[k++] = FEAT3(86, U(s0), U(b0)); f[k++] = FEAT3(87, U(s1), U(s0));
    f[k++] = FEAT4(88, U(s0), U(b0), U(b1)); f[k++] = FEAT4(89, U(s1), U(s0), U(b0));
#undef U
#undef A
#undef W
#undef T
#undef KID
#undef LAB
    return k;
}

int dep_costs(const dep_state *st, const int *ghead, const int *glabel, int *cost)
{
    int L = st->nlabels, n = st->n, b = st->b, sp = st->sp;
    int s0 = st->stack[sp - 1], s1 = sp >= 2 ? st->stack[sp - 2] : -1;
    int c, best = INT32_MAX;
    for (int a = 0; a < 1 + 2 * L; a++) cost[a] = INT32_MAX;
    if (dep_valid(st, 0)) {          /* b loses heads in the stack below s0, */
        c = 0;                       /* and dependents anywhere in the stack */
        int h = ghead[b];
        for (int i = 0; i < sp; i++) {
            int k = st->stack[i];
            if (k == h && k != s0) c++;
            if (k > 0 && ghead[k] == b) c++;
        }
        cost[0] = c;
        best = c;
    }
    if (sp < 2) return best;
    int deps = 0;                    /* dependents of s0 still in the buffer */
    for (int d = b; d <= n; d++) deps += ghead[d] == s0;
    int h = ghead[s0];
    int left = deps + (h == s1 || h > b);        /* s0 <- b, pop */
    int right = deps + (h >= b && b <= n);       /* s1 -> s0, pop */
    for (int l = 0; l < L; l++) {
        if (dep_valid(st, 1 + l)) {
            c = left + (h == b && glabel[s0] != l);
            cost[1 + l] = c;
            if (c < best) best = c;
        }
        if (dep_valid(st, 1 + L + l)) {
            c = right + (h == s1 && glabel[s0] != l);
            cost[1 + L + l] = c;
            if (c < best) best = c;
        }
    }
    return best;
}

/* Is the arc h -> d projective: every word between them descends from h? */
static int projective_arc(int n, const int *head, int h, int d)
{
    int lo = h < d ? h : d, hi = h < d ? d : h;
    for (int k = lo + 1; k < hi; k++) {
        int x = k, steps = 0;
        while (x != h && x != 0 && steps++ <= n) x = head[x];
        if (x != h) return 0;
    }
    return 1;
}

int dep_projectivize(int n, int *head)
{
    int lifts = 0;
    for (;;) {
        int bd = -1, bspan = n + 1;
        for (int d = 1; d <= n; d++) {
            int h = head[d];
            if (h <= 0) continue;
            int span = h < d ? d - h : h - d;
            if (span < bspan && !projective_arc(n, head, h, d)) { bd = d; bspan = span; }
        }
        if (bd < 0 || lifts > 4 * n) return lifts;
        head[bd] = head[head[bd]];
        lifts++;
    }
}

void dep_tree_count(const dep_tree *t, const dep_state *st, size_t *ok, size_t *lok, size_t *all)
{
    for (int i = 1; i <= t->n; i++) {
        int h = st->head[i] == t->gh[i];
        *ok += (size_t)h;
        *lok += (size_t)(h && st->label[i] == t->gl[i]);
    }
    *all += (size_t)t->n;
}

enum { MAXPAD = 512 };

int dep_top2(const int32_t *scores, uint32_t n, int64_t *margin)
{
    int b = -1, c = -1;
    for (uint32_t x = 0; x < n; x++) {
        if (scores[x] == INT32_MIN) continue;
        if (b < 0 || scores[x] > scores[b]) { c = b; b = (int)x; }
        else if (c < 0 || scores[x] > scores[c]) c = (int)x;
    }
    *margin = b < 0 || c < 0 ? INT64_MAX : (int64_t)scores[b] - scores[c];
    return b;
}

/* The perceptron's scores of st's actions in scores (masked), and with a second
 * scorer its sums in out (NULL out: none). Returns the perceptron's best action
 * when the gate kept the scorer out (in a beam, norm = 1, out then holds that
 * action alone), else -1. */
static int score_state(const ap_model *m, const dep_word *ws, const dep_state *st,
                       int32_t *scores, const dep_scorer *sc, int norm, int64_t *out)
{
    uint64_t f[DEP_MAXFEAT];
    size_t nf = dep_features(st, ws, f);
    memset(scores, 0, (size_t)m->npad * sizeof *scores);
    ap_score(m, f, nf, scores);
    dep_mask_invalid(st, scores, m->npad);
    if (!out) return -1;
    if (sc->gate > 0) {
        int64_t margin;
        int best = dep_top2(scores, m->nclass, &margin);
        if (best >= 0 && margin >= sc->gate) {
            if (norm) {
                for (uint32_t x = 0; x < m->nclass; x++) if ((int)x != best) scores[x] = INT32_MIN;
                sc->score(sc->ctx, st, scores, m->npad, 2, out);
            }
            return best;
        }
    }
    sc->score(sc->ctx, st, scores, m->npad, norm, out);
    return -1;
}

void dep_parse(const ap_model *m, const dep_word *ws, dep_state *st, int32_t *scores,
               const dep_scorer *sc)
{
    int64_t out[MAXPAD];
    if (m->npad > MAXPAD) sc = NULL;
    while (!dep_terminal(st)) {
        /* one valid action: no need to score (the argmax over valid actions
         * could only pick it) */
        int a = dep_forced(st);
        if (a >= 0) { dep_apply(st, a); continue; }
        if (!sc) {
            score_state(m, ws, st, scores, NULL, 0, NULL);
            dep_apply(st, ap_argmax(scores, m->npad));
            continue;
        }
        if ((a = score_state(m, ws, st, scores, sc, 0, out)) < 0)
            for (uint32_t x = 0; x < m->nclass; x++)
                if (out[x] != INT64_MIN && (a < 0 || out[x] > out[a])) a = (int)x;
        dep_apply(st, a);
    }
}

/* ------------------------------------------------------------ beam */

size_t dep_beam_size(int n, int K)
{
    size_t st = (dep_state_size(n) + 63) & ~(size_t)63;
    return 2 * (size_t)K * (st + sizeof(dep_state) + sizeof(int64_t)) +
           (size_t)K * sizeof(dep_cand) + 64;
}

void dep_parse_beam(const ap_model *m, const dep_word *ws, dep_state *st, int32_t *scores,
                    int K, void *mem, const dep_scorer *sc)
{
    int64_t out[MAXPAD];
    if (m->npad > MAXPAD) sc = NULL;
    int n = st->n;
    if (K < 1) K = 1;
    if (K > DEP_MAXBEAM) K = DEP_MAXBEAM;
    size_t ssz = (dep_state_size(n) + 63) & ~(size_t)63;
    unsigned char *p = (unsigned char *)(((uintptr_t)mem + 63) & ~(uintptr_t)63);
    unsigned char *smem[2][DEP_MAXBEAM];
    for (int g = 0; g < 2; g++)
        for (int k = 0; k < K; k++) { smem[g][k] = p; p += ssz; }
    dep_state *cur = (dep_state *)p, *nxt = cur + K;
    int64_t *csc = (int64_t *)(nxt + K), *nsc = csc + K;
    dep_cand *c = (dep_cand *)(nsc + K);
    int g = 0, ncur = 1;
    dep_state_copy(&cur[0], st, smem[0][0]);
    csc[0] = 0;
    /* every item has made as many actions as the others, so all end together */
    while (!dep_terminal(&cur[0])) {
        int nc = 0;
        for (int k = 0; k < ncur; k++) {
            int a = dep_forced(&cur[k]);
            if (a >= 0) { dep_beam_offer(c, &nc, K, k, a, csc[k]); continue; }
            score_state(m, ws, &cur[k], scores, sc, 1, sc ? out : NULL);
            for (uint32_t x = 0; x < m->nclass; x++) {
                if (sc ? out[x] == INT64_MIN : scores[x] == INT32_MIN) continue;
                dep_beam_offer(c, &nc, K, k, (int)x, csc[k] + (sc ? out[x] : scores[x]));
            }
        }
        for (int j = 0; j < nc; j++) {
            dep_state_copy(&nxt[j], &cur[c[j].item], smem[!g][j]);
            dep_apply(&nxt[j], c[j].a);
            nsc[j] = c[j].score;
        }
        dep_state *ts = cur; cur = nxt; nxt = ts;
        int64_t *tc = csc; csc = nsc; nsc = tc;
        g = !g;
        ncur = nc;
    }
    memcpy(st->head, cur[0].head, ((size_t)n + 1) * sizeof *st->head);
    memcpy(st->label, cur[0].label, ((size_t)n + 1) * sizeof *st->label);
    st->sp = cur[0].sp;
    st->b = cur[0].b;
}
