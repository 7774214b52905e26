/* test_dep.c — arc-hybrid transitions, the dynamic oracle and projectivization. */
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#include "ap.h"
#include "dep.h"
#include "test.h"

enum { L = 4, ROOT = 0 };   /* labels: 0 root, 1 nsubj, 2 obj, 3 det */

/* Follows the least-cost action (first found) and checks the gold tree comes out. */
static int oracle_parse(int n, const int *gh, const int *gl, int *outh, int *outl)
{
    void *mem = malloc(dep_state_size(n));
    dep_state st;
    int cost[1 + 2 * L], steps = 0;
    dep_state_init(&st, n, L, ROOT, mem);
    while (!dep_terminal(&st) && steps++ < 4 * n + 4) {
        int mc = dep_costs(&st, gh, gl, cost), a = 0;
        if (mc != 0) { free(mem); return -1; }
        while (cost[a] != mc) a++;
        dep_apply(&st, a);
    }
    for (int i = 1; i <= n; i++) { outh[i] = st.head[i]; outl[i] = st.label[i]; }
    free(mem);
    return steps;
}

static void static_oracle_reaches_gold(void)
{
    /* "the minister visited Kyiv": 1 <-det- 2 <-nsubj- 3 (root) -obj-> 4 */
    int gh[5] = { -1, 2, 3, 0, 3 }, gl[5] = { -1, 3, 1, 0, 2 }, h[5], l[5];
    CHECK_INT(oracle_parse(4, gh, gl, h, l), 8);   /* 2n transitions */
    for (int i = 1; i <= 4; i++) { CHECK_INT(h[i], gh[i]); CHECK_INT(l[i], gl[i]); }
}

static void single_root_constraint(void)
{
    void *mem = malloc(dep_state_size(3));
    dep_state st;
    dep_state_init(&st, 3, L, ROOT, mem);
    CHECK(dep_valid(&st, 0));                 /* shift */
    CHECK(!dep_valid(&st, 1 + 1));            /* no left arc from the root */
    dep_apply(&st, 0);
    CHECK(!dep_valid(&st, 1 + L + ROOT));     /* root arc only with an empty buffer */
    CHECK(!dep_valid(&st, 1 + ROOT));         /* left arcs never labelled root */
    dep_apply(&st, 0);
    dep_apply(&st, 0);
    CHECK(dep_valid(&st, 1 + L + 1));         /* s1 -> s0 */
    CHECK(!dep_valid(&st, 1 + L + ROOT));     /* not to a word with the root label */
    dep_apply(&st, 1 + L + 1);
    dep_apply(&st, 1 + L + 1);
    CHECK(dep_valid(&st, 1 + L + ROOT));
    CHECK(!dep_valid(&st, 1 + L + 1));
    dep_apply(&st, 1 + L + ROOT);
    CHECK(dep_terminal(&st));
    CHECK_INT(st.head[1], 0);
    CHECK_INT(st.head[2], 1);
    CHECK_INT(st.head[3], 2);
    free(mem);
}

/* dep_mask_invalid and dep_forced say what dep_valid says, in every state of
 * 400 random walks through the parses of five words. */
static void mask_agrees_with_valid(void)
{
    enum { N = 5, NC = 1 + 2 * L, PAD = NC + 3 };
    void *mem = malloc(dep_state_size(N));
    dep_state st;
    size_t states = 0;
    for (unsigned seed = 0; seed < 400; seed++) {
        dep_state_init(&st, N, L, ROOT, mem);
        unsigned r = seed;
        while (!dep_terminal(&st)) {
            int32_t sc[PAD];
            for (int a = 0; a < PAD; a++) sc[a] = 7;
            dep_mask_invalid(&st, sc, PAD);
            int nvalid = 0, only = -1;
            for (int a = 0; a < PAD; a++) {
                int valid = a < NC && dep_valid(&st, a);
                CHECK_INT(sc[a] != INT32_MIN, valid);
                if (valid) { nvalid++; only = a; }
            }
            CHECK_INT(dep_forced(&st), nvalid == 1 ? only : -1);
            states++;
            int pick = (int)(r % (unsigned)nvalid);
            r = r * 1103515245u + 12345u;
            for (int a = 0; a < NC; a++)
                if (dep_valid(&st, a) && pick-- == 0) { dep_apply(&st, a); break; }
        }
    }
    CHECK(states > 1000);
    free(mem);
}

static void dynamic_oracle_costs(void)
{
    int gh[5] = { -1, 2, 3, 0, 3 }, gl[5] = { -1, 3, 1, 0, 2 };
    int cost[1 + 2 * L];
    void *mem = malloc(dep_state_size(4));
    dep_state st;
    dep_state_init(&st, 4, L, ROOT, mem);
    dep_apply(&st, 0);                        /* stack [0 1], buffer 2.. */
    dep_costs(&st, gh, gl, cost);
    CHECK_INT(cost[1 + 3], 0);                /* 1 <-det- 2 */
    CHECK_INT(cost[1 + 1], 1);                /* right head, wrong label */
    CHECK_INT(cost[0], 1);                    /* shifting 2 loses the arc 2 -> 1 */
    dep_apply(&st, 0);                        /* mistake: stack [0 1 2] */
    int mc = dep_costs(&st, gh, gl, cost);
    CHECK_INT(mc, 0);                         /* best of what is still reachable */
    free(mem);
}

static void projectivize_lifts(void)
{
    /* hearing(2) -> issue(7) crosses scheduled(4) */
    int head[10] = { -1, 2, 4, 4, 0, 7, 7, 2, 4, 4 };
    CHECK_INT(dep_projectivize(9, head), 1);
    CHECK_INT(head[7], 4);
    int proj[5] = { -1, 2, 3, 0, 3 };
    CHECK_INT(dep_projectivize(4, proj), 0);
    /* the lifted tree is reachable by the oracle with zero cost */
    int gl[10] = { -1, 3, 1, 1, 0, 3, 3, 2, 2, 2 }, h[10], l[10];
    CHECK(oracle_parse(9, head, gl, h, l) > 0);
    for (int i = 1; i <= 9; i++) CHECK_INT(h[i], head[i]);
}

/* ------------------------------------------------------------ beam */

static uint64_t rnd_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static void random_words(dep_word *ws, int n)
{
    memset(&ws[0], 0, sizeof ws[0]);
    for (int i = 1; i <= n; i++) {
        ws[i].w = 100 + rnd() % 6;
        ws[i].t = (uint32_t)(rnd() % 4);
        ws[i].u = ws[i].t;
        ws[i].a = (uint32_t)(rnd() % 3);
    }
}

/* A model with random weights on the features of random parses over nl
 * labels (root = 0): section in *sec (free it), view in *m. */
static int random_model(int nl, ap_model *m, void **sec)
{
    ap_train t;
    uint64_t f[DEP_MAXFEAT];
    dep_word ws[13];
    int nc = 1 + 2 * nl;
    void *mem = malloc(dep_state_size(12));
    if (ap_train_init(&t, nc)) return -1;
    for (int pass = 0; pass < 2; pass++) {
        rnd_state = 99;
        for (int s = 0; s < 300; s++) {
            int n = 1 + (int)(rnd() % 12);
            dep_state st;
            random_words(ws, n);
            dep_state_init(&st, n, nl, 0, mem);
            while (!dep_terminal(&st)) {
                size_t k = dep_features(&st, ws, f);
                if (pass == 0) ap_train_count(&t, f, k);
                else ap_train_update(&t, f, k, (int)(rnd() % (uint64_t)nc), (int)(rnd() % (uint64_t)nc));
                ap_train_tick(&t);
                int a;
                do a = (int)(rnd() % (uint64_t)nc); while (!dep_valid(&st, a));
                dep_apply(&st, a);
            }
        }
        if (pass == 0) ap_train_freeze(&t, 1);
    }
    size_t len;
    *sec = ap_train_write(&t, &len, NULL, NULL);
    ap_train_free(&t);
    free(mem);
    return *sec && ap_open(m, *sec, len) == 0 ? 0 : -1;
}

/* The perceptron's greedy parse of ws[0..n] into h, l (nodes 0..n). */
static void greedy_tree(const ap_model *m, const dep_word *ws, int n, void *mem, int32_t *scores,
                        int *h, int *l)
{
    dep_state st;
    dep_state_init(&st, n, L, ROOT, mem);
    dep_parse(m, ws, &st, scores, NULL);
    memcpy(h, st.head, sizeof(int) * (size_t)(n + 1));
    memcpy(l, st.label, sizeof(int) * (size_t)(n + 1));
}

/* 1 when st's heads and labels of words 1..n are h, l. */
static int same_tree(const dep_state *st, const int *h, const int *l)
{
    size_t len = sizeof(int) * (size_t)st->n;
    return !memcmp(h + 1, st->head + 1, len) && !memcmp(l + 1, st->label + 1, len);
}

/* A beam of one makes dep_parse's parse, and any beam gives a whole tree
 * with one word on the root. */
static void beam_of_one_is_greedy(void)
{
    ap_model m;
    void *sec = NULL;
    CHECK(random_model(L, &m, &sec) == 0);
    if (!sec) return;
    int32_t scores[64];
    dep_word ws[13];
    void *mem = malloc(dep_state_size(12)), *bmem = malloc(dep_beam_size(12, 8));
    int same = 0, trees = 0;
    rnd_state = 7;
    for (int s = 0; s < 200; s++) {
        int n = 1 + (int)(rnd() % 12), h1[13], l1[13];
        dep_state st;
        random_words(ws, n);
        greedy_tree(&m, ws, n, mem, scores, h1, l1);
        dep_state_init(&st, n, L, ROOT, mem);
        dep_parse_beam(&m, ws, &st, scores, 1, bmem, NULL);
        same += same_tree(&st, h1, l1);
        dep_state_init(&st, n, L, ROOT, mem);
        dep_parse_beam(&m, ws, &st, scores, 8, bmem, NULL);
        int roots = 0, ok = 1;
        for (int i = 1; i <= n; i++) {
            ok &= st.head[i] >= 0 && st.head[i] <= n && st.label[i] >= 0;
            roots += st.head[i] == 0;
            ok &= (st.head[i] == 0) == (st.label[i] == ROOT);
        }
        trees += ok && roots == 1;
    }
    CHECK_INT(same, 200);
    CHECK_INT(trees, 200);
    free(mem);
    free(bmem);
    ap_close(&m);
    free(sec);
}

/* A second scorer that sums the perceptron's scores with a bonus for SHIFT;
 * counts how often it is asked for more than a gated state. */
static int asked;
static void shift_bonus(void *ctx, const dep_state *st, int32_t *scores, uint32_t npad, int norm,
                        int64_t *out)
{
    (void)ctx; (void)st; (void)npad;
    asked += norm != 2;
    for (int a = 0; a < 1 + 2 * L; a++)
        out[a] = scores[a] == INT32_MIN ? INT64_MIN : (int64_t)scores[a] + (a == 0 && norm != 2 ? (int64_t)1 << 40 : 0);
}

/* The second scorer decides where it is asked; a gate of 1 never asks it (the
 * perceptron's best always leads by 1 or more), and greedy and beam then make
 * the perceptron's greedy parse. */
static void scorer_and_gate(void)
{
    ap_model m;
    void *sec = NULL;
    CHECK(random_model(L, &m, &sec) == 0);
    if (!sec) return;
    int32_t scores[64];
    dep_word ws[13];
    void *mem = malloc(dep_state_size(12)), *bmem = malloc(dep_beam_size(12, 4));
    int same = 0, shifted = 0;
    rnd_state = 11;
    for (int s = 0; s < 100; s++) {
        int n = 2 + (int)(rnd() % 11), h1[13], l1[13];
        dep_state st;
        random_words(ws, n);
        greedy_tree(&m, ws, n, mem, scores, h1, l1);
        dep_scorer sc = { shift_bonus, NULL, 1 };
        asked = 0;
        dep_state_init(&st, n, L, ROOT, mem);
        dep_parse(&m, ws, &st, scores, &sc);
        int g = same_tree(&st, h1, l1);
        dep_state_init(&st, n, L, ROOT, mem);
        dep_parse_beam(&m, ws, &st, scores, 4, bmem, &sc);
        g &= same_tree(&st, h1, l1);
        same += g && asked == 0;
        /* ungated, the bonus shifts every word before any arc: all arcs go right */
        sc.gate = 0;
        dep_state_init(&st, n, L, ROOT, mem);
        dep_parse(&m, ws, &st, scores, &sc);
        int right = asked > 0;
        for (int i = 1; i <= n; i++) right &= st.head[i] < i;
        shifted += right;
    }
    CHECK_INT(same, 100);
    CHECK_INT(shifted, 100);
    free(mem);
    free(bmem);
    ap_close(&m);
    free(sec);
}

/* Every action sequence of a short sentence, by brute force: the best total
 * score, and the best score of the sequences that give tree (h, l). */
static void best_sequences(const ap_model *m, const dep_word *ws, const dep_state *st,
                           int64_t score, int64_t *best, const int *h, const int *l,
                           int64_t *best_tree)
{
    if (dep_terminal(st)) {
        if (score > *best) *best = score;
        int same = 1;
        for (int i = 1; i <= st->n; i++) same &= st->head[i] == h[i] && st->label[i] == l[i];
        if (same && score > *best_tree) *best_tree = score;
        return;
    }
    int32_t sc[64];
    uint64_t f[DEP_MAXFEAT];
    int forced = dep_forced(st);
    memset(sc, 0, sizeof sc);
    if (forced < 0) {
        size_t nf = dep_features(st, ws, f);
        ap_score(m, f, nf, sc);
    }
    void *mem = malloc(dep_state_size(st->n));
    for (int a = 0; a < (int)m->nclass; a++) {
        if (!dep_valid(st, a)) continue;
        dep_state nx;
        dep_state_copy(&nx, st, mem);
        dep_apply(&nx, a);
        best_sequences(m, ws, &nx, score + (forced < 0 ? sc[a] : 0), best, h, l, best_tree);
    }
    free(mem);
}

/* With room for every prefix, the beam finds the best sequence. */
static void wide_beam_is_exact(void)
{
    enum { L2 = 2 };
    ap_model m;
    void *sec = NULL;
    CHECK(random_model(L2, &m, &sec) == 0);
    if (!sec) return;
    int32_t scores[64];
    dep_word ws[5];
    void *mem = malloc(dep_state_size(4)), *bmem = malloc(dep_beam_size(4, DEP_MAXBEAM));
    int exact = 0;
    rnd_state = 11;
    for (int s = 0; s < 100; s++) {
        int n = 1 + (int)(rnd() % 4);
        dep_state st;
        random_words(ws, n);
        dep_state_init(&st, n, L2, 0, mem);
        dep_parse_beam(&m, ws, &st, scores, DEP_MAXBEAM, bmem, NULL);
        int h[5], l[5];
        memcpy(h, st.head, sizeof(int) * (size_t)(n + 1));
        memcpy(l, st.label, sizeof(int) * (size_t)(n + 1));
        dep_state_init(&st, n, L2, 0, mem);
        int64_t best = INT64_MIN, best_tree = INT64_MIN;
        best_sequences(&m, ws, &st, 0, &best, h, l, &best_tree);
        exact += best == best_tree;
    }
    CHECK_INT(exact, 100);
    free(mem);
    free(bmem);
    ap_close(&m);
    free(sec);
}

int main(void)
{
    RUN(static_oracle_reaches_gold);
    RUN(single_root_constraint);
    RUN(mask_agrees_with_valid);
    RUN(dynamic_oracle_costs);
    RUN(projectivize_lifts);
    RUN(beam_of_one_is_greedy);
    RUN(scorer_and_gate);
    RUN(wide_beam_is_exact);
    return TEST_EXIT();
}
