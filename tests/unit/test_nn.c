/* test_nn.c — the parser's network at run time: the rows computed at load and
 * per sentence give the logits of the whole first layer; the kernels sum in
 * one fixed order; the sum with the perceptron is a log-probability; damaged
 * sections are refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"
#include "test.h"

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

enum { L = 3, NCLASS = 5, H = 32, NWORD = 4 };

static uint64_t seed = 42;
static float rnd(void)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)((seed >> 40) % 2001) / 1000.0f - 1.0f;
}

static const char *words[NWORD] = { "minister", "visited", "kyiv", "talks" };
static const uint32_t counts[NWORD] = { 5, 2, 0, 1 };   /* kyiv: a vector-file word only */

/* A section of random weights; *len its bytes. */
static unsigned char *make_section(size_t *len, nn_head *hd)
{
    nn_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, "NNP1", 4);
    h.H = H; h.nc = 1 + 2 * L; h.ncp = 16; h.dt = 4; h.dl = 4; h.dd = 2;
    h.ntag = 2 + NCLASS; h.nlab = 1 + L; h.nvocab = 3 + NWORD; h.nslot = 16; h.beta = 0.5f;
    size_t off[11];
    nn_section_offsets(&h, off);
    *len = off[10];
    unsigned char *p = calloc(1, *len);
    memcpy(p, &h, sizeof h);
    feat_map vm;
    feat_map_init(&vm, 4);
    for (int w = 0; w < NWORD; w++) {
        feat_slot *s = feat_map_put(&vm, feat_hash(words[w], strlen(words[w])), NULL);
        s->aux = 3 + (uint32_t)w;
        s->val = counts[w];
    }
    CHECK_INT(vm.mask + 1, 16);
    memcpy(p + off[0], vm.slot, 16 * sizeof(feat_slot));
    feat_map_free(&vm);
    float *sc = (float *)(p + off[1]);
    int8_t *v = (int8_t *)(p + off[2]);
    for (uint32_t r = 0; r < h.nvocab; r++) {
        sc[r] = 0.01f * (float)(r + 1);
        for (int d = 0; d < NN_DW; d++) v[r * NN_DW + d] = (int8_t)(rnd() * 127);
    }
    for (int a = 3; a < 10; a++) {
        float *f = (float *)(p + off[a]);
        size_t n = (off[a + 1] - off[a]) / 4;
        for (size_t k = 0; k < n; k++) f[k] = rnd() * 0.3f;
    }
    *hd = h;
    return p;
}

/* The logits by the definition: the whole input times W1, ReLU, W2. */
static void naive(const nn_head *h, const unsigned char *p, const dep_state *st, const dep_word *ws,
                  float *z)
{
    size_t off[11];
    nn_section_offsets(h, off);
    const float *sc = (const float *)(p + off[1]), *Et = (const float *)(p + off[3]);
    const float *El = (const float *)(p + off[4]), *Ed = (const float *)(p + off[5]);
    const float *W1 = (const float *)(p + off[6]), *b1 = (const float *)(p + off[7]);
    const float *W2 = (const float *)(p + off[8]), *b2 = (const float *)(p + off[9]);
    const int8_t *v = (const int8_t *)(p + off[2]);
    int nin = NN_NP * NN_DW + NN_NP * (int)h->dt + NN_NK * (int)h->dl + 2 * (int)h->dd;
    float *x = calloc((size_t)nin, sizeof *x), hid[H];
    int pos[NN_NP], k = 0, d0, d1;
    nn_positions(st, pos);
    for (int q = 0; q < NN_NP; q++) {
        int i = pos[q], r = i < 0 ? 0 : i == 0 ? 1 : 2;
        for (int w = 0; i > 0 && w < NWORD; w++)
            if (ws[i].w == feat_hash(words[w], strlen(words[w]))) r = 3 + w;
        for (int d = 0; d < NN_DW; d++) x[k++] = v[r * NN_DW + d] * sc[r];
    }
    for (int q = 0; q < NN_NP; q++) {
        int i = pos[q], t = i < 0 ? 0 : i == 0 ? 1 : 2 + (int)ws[i].t;
        for (uint32_t d = 0; d < h->dt; d++) x[k++] = Et[t * h->dt + d];
    }
    for (int q = 0; q < NN_NK; q++) {
        int i = pos[8 + q], l = i < 0 ? 0 : 1 + st->label[i];
        for (uint32_t d = 0; d < h->dl; d++) x[k++] = El[l * h->dl + d];
    }
    nn_dist_ids(pos, &d0, &d1);
    for (uint32_t d = 0; d < h->dd; d++) x[k++] = Ed[d0 * h->dd + d];
    for (uint32_t d = 0; d < h->dd; d++) x[k++] = Ed[d1 * h->dd + d];
    CHECK_INT(k, nin);
    for (int j = 0; j < H; j++) {
        double s = b1[j];
        for (int i = 0; i < nin; i++) s += (double)x[i] * W1[(size_t)i * H + j];
        hid[j] = s > 0 ? (float)s : 0;
    }
    for (uint32_t c = 0; c < h->ncp; c++) {
        double s = b2[c];
        for (int j = 0; j < H; j++) s += (double)hid[j] * W2[(size_t)j * h->ncp + c];
        z[c] = (float)s;
    }
    free(x);
}

static void logits_are_the_whole_layer(void)
{
    size_t len;
    nn_head h;
    unsigned char *p = make_section(&len, &h);
    nn_model m;
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), 0);
    CHECK_INT(m.nfreq, 3);                 /* the words with training counts */
    const char *sent[] = { "The", "minister", "visited", "kyiv", "for", "talks", "minister" };
    int n = 7;
    dep_word ws[8];
    memset(ws, 0, sizeof ws);
    for (int i = 1; i <= n; i++) {
        char low[32];
        size_t k = 0;
        for (; sent[i - 1][k]; k++) low[k] = (char)(sent[i - 1][k] | 0x20);
        ws[i].w = feat_hash(low, k);
        ws[i].t = (uint32_t)(i % NCLASS);
    }
    nn_sent s;
    CHECK_INT(nn_sent_init(&s, &m, ws, n), 0);
    s.pscale = 0.25f;
    void *mem = malloc(dep_state_size(n));
    dep_state st;
    dep_state_init(&st, n, L, 0, mem);
    int steps = 0, checked = 0;
    while (!dep_terminal(&st)) {
        float z[16], zr[16];
        nn_logits(&s, &st, z);
        naive(&h, p, &st, ws, zr);
        for (int c = 0; c < 16; c++) {
            if (fabsf(z[c] - zr[c]) > 1e-3f * (1 + fabsf(zr[c]))) {
                printf("  step %d class %d: %g, by the definition %g\n", steps, c, z[c], zr[c]);
                CHECK(0);
            }
            checked++;
        }
        /* the sum with the perceptron: log-probabilities over the valid actions */
        int32_t sc[16];
        int64_t out[16];
        for (int c = 0; c < 16; c++) sc[c] = (c * 7) % 11 - 5;
        dep_mask_invalid(&st, sc, 16);
        nn_combine(&s, &st, sc, 16, 1, out);
        double mass = 0;
        for (int c = 0; c < (int)h.nc; c++) {
            CHECK((out[c] == INT64_MIN) == (sc[c] == INT32_MIN));
            if (out[c] != INT64_MIN) mass += exp((double)out[c] / NN_Q - 0.5 * 0.25 * sc[c]);
        }
        CHECK(fabs(mass - 1) < 1e-4);
        /* a fixed walk through valid actions: shifts first, then arcs by label */
        int a = -1;
        for (int c = (steps % 3 == 2) ? 1 : 0; c < (int)h.nc && a < 0; c++)
            if (dep_valid(&st, c)) a = c;
        for (int c = 0; a < 0 && c < (int)h.nc; c++)
            if (dep_valid(&st, c)) a = c;
        dep_apply(&st, a);
        steps++;
    }
    CHECK(checked > 100);
    nn_sent_free(&s);
    free(mem);
    nn_close(&m);
    free(p);
}

static void kernels_sum_in_order(void)
{
    float x[48], w[48 * 64], y[64], yr[64];
    for (int i = 0; i < 48; i++) x[i] = i % 5 == 0 ? 0 : rnd();
    for (int i = 0; i < 48 * 64; i++) w[i] = rnd();
    for (int k = 0; k < 64; k++) y[k] = yr[k] = rnd();
    nn_matvec(y, x, w, 48, 64);
    for (int d = 0; d < 48; d++)
        for (int k = 0; k < 64; k++)
            if (x[d] != 0) yr[k] += x[d] * w[d * 64 + k];
    CHECK(memcmp(y, yr, sizeof y) == 0);
    float acc[16] = { 0 };
    for (int k = 0; k < 48; k++) acc[k % 16] += x[k] * w[k];
    for (int s = 8; s; s /= 2)
        for (int l = 0; l < s; l++) acc[l] += acc[l + s];
    float d = nn_dot(x, w, 48);
    CHECK(memcmp(&d, &acc[0], sizeof d) == 0);
}

static void refuses_damaged_sections(void)
{
    size_t len;
    nn_head h;
    unsigned char *p = make_section(&len, &h);
    nn_model m;
    CHECK_INT(nn_open(&m, p, len - 1, L, NCLASS), -1);          /* truncated */
    CHECK_INT(nn_open(&m, p, len, L + 1, NCLASS), -1);          /* another parser's labels */
    CHECK_INT(nn_open(&m, p, len, L, NCLASS + 1), -1);          /* another tagger's classes */
    CHECK_INT(nn_open(&m, NULL, 0, L, NCLASS), -1);
    nn_head bad = h;
    memcpy(bad.magic, "NNP2", 4);
    memcpy(p, &bad, sizeof bad);
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), -1);
    bad = h;
    bad.H = 24;                                                 /* not a multiple of 16 */
    memcpy(p, &bad, sizeof bad);
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), -1);
    bad = h;
    bad.beta = NAN;
    memcpy(p, &bad, sizeof bad);
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), -1);
    memcpy(p, &h, sizeof h);
    size_t off[11];
    nn_section_offsets(&h, off);
    feat_slot *vs = (feat_slot *)(p + off[0]);
    int k = 0;
    while (!vs[k].key) k++;
    uint32_t aux = vs[k].aux;
    vs[k].aux = h.nvocab;                                       /* a row past the table */
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), -1);
    vs[k].aux = aux;
    feat_slot save[16];
    memcpy(save, vs, sizeof save);
    for (int i = 0; i < 16; i++) if (!vs[i].key) vs[i] = (feat_slot){ 1000 + (uint64_t)i, 0, 3 };
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), -1);              /* no empty slot: lookups would not end */
    memcpy(vs, save, sizeof save);
    CHECK_INT(nn_open(&m, p, len, L, NCLASS), 0);
    nn_close(&m);
    free(p);
}

int main(void)
{
    RUN(logits_are_the_whole_layer);
    RUN(kernels_sum_in_order);
    RUN(refuses_damaged_sections);
    return TEST_EXIT();
}
