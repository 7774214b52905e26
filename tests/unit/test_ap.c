/* test_ap.c — the averaged perceptron: learns a separable toy problem, writes
 * its averaged weights and scores the same through the read-only view. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ap.h"
#include "test.h"

/* Class = which of three "words" the example contains; plus a noise feature. */
static size_t example(int i, uint64_t *f, int *gold)
{
    *gold = i % 3;
    f[0] = FEAT2(1, 0);                    /* bias */
    f[1] = FEAT2(2, (uint64_t)*gold + 100);
    f[2] = FEAT2(3, (uint64_t)(i % 7));    /* noise */
    return 3;
}

static void learns_and_round_trips(void)
{
    ap_train t;
    uint64_t f[4];
    int g;
    CHECK_INT(ap_train_init(&t, 3), 0);
    for (int i = 0; i < 21; i++) { size_t n = example(i, f, &g); CHECK_INT(ap_train_count(&t, f, n), 0); }
    CHECK_INT(ap_train_freeze(&t, 1), 0);
    CHECK_INT(t.nrows, 1 + 3 + 7);
    for (int ep = 0; ep < 5; ep++)
        for (int i = 0; i < 21; i++) {
            int64_t sc[3] = { 0, 0, 0 };
            size_t n = example(i, f, &g);
            ap_train_score(&t, f, n, sc, 0);
            int p = 0;
            for (int k = 1; k < 3; k++) if (sc[k] > sc[p]) p = k;
            ap_train_update(&t, f, n, g, p);
            ap_train_tick(&t);
        }
    size_t len, nf, nz;
    void *sec = ap_train_write(&t, &len, &nf, &nz);
    CHECK(sec != NULL);
    ap_model m;
    CHECK_INT(ap_open(&m, sec, len), 0);
    CHECK_INT(m.nclass, 3);
    for (int i = 0; i < 21; i++) {
        int32_t sc[3] = { 0, 0, 0 };
        int64_t sa[3] = { 0, 0, 0 };
        size_t n = example(i, f, &g);
        ap_score(&m, f, n, sc);
        ap_train_score(&t, f, n, sa, 1);
        int p = 0, q = 0;
        for (int k = 1; k < 3; k++) { if (sc[k] > sc[p]) p = k; if (sa[k] > sa[q]) q = k; }
        CHECK_INT(p, g);
        CHECK_INT(q, g);
    }
    /* pruning nothing keeps the scores; pruning everything empties the table */
    size_t plen, pf, pz;
    void *pr = ap_prune(&m, 1, &plen, &pf, &pz);
    ap_model pm;
    CHECK(pr && ap_open(&pm, pr, plen) == 0);
    CHECK_INT(pf, nf);
    CHECK_INT(pz, nz);
    for (int i = 0; i < 21; i++) {
        int32_t a[3] = { 0, 0, 0 }, b[3] = { 0, 0, 0 };
        size_t n = example(i, f, &g);
        ap_score(&m, f, n, a);
        ap_score(&pm, f, n, b);
        CHECK(memcmp(a, b, sizeof a) == 0);
    }
    free(pr);
    pr = ap_prune(&m, 40000, &plen, &pf, &pz);
    CHECK(pr && ap_open(&pm, pr, plen) == 0 && pf == 0);
    free(pr);
    /* unknown features score nothing */
    int32_t z[3] = { 0, 0, 0 };
    uint64_t unk = FEAT2(99, 12345);
    ap_score(&m, &unk, 1, z);
    CHECK(z[0] == 0 && z[1] == 0 && z[2] == 0);
    free(sec);
    ap_train_free(&t);
}

static void rejects_malformed_sections(void)
{
    ap_model m;
    unsigned char junk[64];
    memset(junk, 0x5a, sizeof junk);
    CHECK(ap_open(&m, junk, sizeof junk) != 0);
    CHECK(ap_open(&m, junk, 8) != 0);
    /* a valid section cut short */
    ap_train t;
    uint64_t f[4];
    int g;
    ap_train_init(&t, 3);
    for (int i = 0; i < 6; i++) { size_t n = example(i, f, &g); ap_train_count(&t, f, n); }
    ap_train_freeze(&t, 1);
    for (int i = 0; i < 6; i++) { size_t n = example(i, f, &g); ap_train_update(&t, f, n, g, (g + 1) % 3); ap_train_tick(&t); }
    size_t len;
    void *sec = ap_train_write(&t, &len, NULL, NULL);
    CHECK(sec && ap_open(&m, sec, len) == 0);
    CHECK(ap_open(&m, sec, len - 4) != 0);
    free(sec);
    ap_train_free(&t);
}

int main(void)
{
    RUN(learns_and_round_trips);
    RUN(rejects_malformed_sections);
    return TEST_EXIT();
}
