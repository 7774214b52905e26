/* nn.h — a feed-forward scorer for the parser's actions, in the manner of
 * Chen & Manning (2014), summed with the perceptron's scores.
 *
 * Input: the words and tag classes at NN_NP positions of the state (stack
 * s0–s3, buffer b0–b3, the outer children of s0, s1 and b0 and five
 * grandchildren), the labels of the NN_NK child positions, and two distance
 * bins. Embeddings (words NN_DW wide, tags and labels dt/dl, distances dd), one
 * hidden layer of H ReLU units, a softmax over the actions.
 *
 * Run time never multiplies the whole input: the first layer is a sum over
 * positions, so each position's part is a row of H values. Tag, label and
 * distance rows are computed once at load (their vocabularies are small), and
 * so are the rows of the NN_NFREQ words most frequent in training (the slots'
 * val); another word's row at a position once per sentence, when the state
 * first needs it.
 *
 * Section (MSEC_NN, little-endian): nn_head, then 64-byte aligned arrays in
 * this order: vocab feat_slot[nslot] (lower-case word hash -> aux = row), word
 * scales float[nvocab], word vectors int8[nvocab][NN_DW] (value * scale), tag
 * embeddings float[ntag][dt], label float[nlab][dl], distance float[NN_NDB][dd],
 * W1 float[nin][H], b1 float[H], W2 float[H][ncp], b2 float[ncp]. */
#ifndef SR_NN_H
#define SR_NN_H
#include <stddef.h>
#include <stdint.h>
#include "ap.h"
#include "dep.h"
#include "feat.h"

enum {
    NN_NP = 23,        /* word and tag positions */
    NN_NK = 15,        /* label positions: the child positions, pos[8..23) */
    NN_NDIST = 2,      /* s0-b0 and s1-s0 distance bins */
    NN_NDB = 16,       /* distance rows: 8 for each */
    NN_DW = 100,       /* word vector width */
    NN_NID = 2 * NN_NP + NN_NK + NN_NDIST,   /* embedding rows an input uses */
    NN_WNONE = 0, NN_WROOT = 1, NN_WUNK = 2, /* vocabulary rows of no word, root, unknown */
    NN_NFREQ = 1024
};

typedef struct nn_head {
    char magic[4];                 /* "NNP1" */
    uint32_t H, nc, ncp;           /* hidden units, actions, actions padded to 16 */
    uint32_t dt, dl, dd;           /* tag, label, distance widths */
    uint32_t ntag, nlab;           /* tag rows (2 + classes), label rows (1 + labels) */
    uint32_t nvocab, nslot;        /* word rows, vocabulary slots (power of two) */
    float beta;                    /* weight of the perceptron's score (its own units) */
    float gate;                    /* where the perceptron's best action leads the next
                                      by this much (its own units), the network is not
                                      asked; 0: always asked */
    uint32_t reserved[3];
} nn_head;

typedef struct nn_model {
    nn_head h;
    uint32_t nin;
    feat_map vocab;                /* view */
    const float *wscale;
    const int8_t *wvec;
    const float *W1, *b1, *W2, *b2;
    float *trow;                   /* owned: [NN_NP][ntag][H] */
    float *lrow;                   /* owned: [NN_NK][nlab][H] */
    float *drow;                   /* owned: [NN_NDIST][8][H] */
    float *wfix;                   /* owned: [NN_NP][3][H], the none/root/unknown words */
    float *wfreq;                  /* owned: [nfreq][NN_NP][H], the most frequent words */
    int32_t *freq_of;              /* owned: vocabulary row -> index in wfreq, -1 none */
    uint32_t nfreq;
} nn_model;

/* Bytes of a section with these dimensions (h->nslot, nvocab... set). */
size_t nn_section_size(const nn_head *h);
/* Offsets of the arrays in a section, in the order above (11 of them). */
void nn_section_offsets(const nn_head *h, size_t off[11]);
/* A view over a section (checked against the parser's nlabels and the tagger's
 * nclass), with the load-time rows computed. -1 malformed, -2 no memory. */
int nn_open(nn_model *m, const void *p, size_t len, int nlabels, int nclass);
void nn_close(nn_model *m);

/* A sentence's words as the network sees them: the vocabulary rows and the
 * cache of (word, position) rows. Owned: nn_sent_free. */
typedef struct nn_sent {
    const nn_model *m;
    int n;
    float pscale;                  /* the perceptron's weight scale (nn_combine) */
    uint32_t *wrow;                /* 0..n: vocabulary row of each node */
    uint32_t *tid;                 /* 0..n: tag row of each node */
    int32_t *cache;                /* (n+1) x NN_NP: row index + 1, 0 not yet */
    float *rows;
    size_t nrows, cap;
    float *h;                      /* H scratch */
} nn_sent;
int nn_sent_init(nn_sent *s, const nn_model *m, const dep_word *ws, int n);
void nn_sent_free(nn_sent *s);

/* The network's logits for st, z[0..ncp). */
void nn_logits(nn_sent *s, const dep_state *st, float *z);

/* Node ids of the NN_NP positions of st, -1 none (training shares them). */
void nn_positions(const dep_state *st, int *pos);
/* Distance rows of the two distance inputs. */
void nn_dist_ids(const int *pos, int *d0, int *d1);
/* The tag row of node i (-1 none, 0 the root) and the label row of node i. */
static inline uint32_t nn_tag_id(const nn_head *h, const dep_word *ws, int i)
{
    uint32_t t = i < 0 ? 0 : i == 0 ? 1 : 2 + ws[i].t;
    return t < h->ntag ? t : h->ntag - 1;
}
static inline uint32_t nn_label_id(const dep_state *st, int i)
{
    return i < 0 || st->label[i] < 0 ? 0 : 1 + (uint32_t)st->label[i];
}

/* dep_scorer (dep.h) over a network and its sentence: the perceptron's scores
 * times beta plus the network's log-probabilities (raw logits when norm = 0:
 * the argmax is the same; none when norm = 2, the gate's case), times NN_Q.
 * ctx: an nn_sent. */
enum { NN_Q = 1 << 20 };
void nn_combine(void *ctx, const dep_state *st, int32_t *scores, uint32_t npad, int norm,
                int64_t *out);

/* The scorer of s for dep_parse / dep_parse_beam beside a perceptron whose
 * weights have the scale pscale: nn_combine, with the section's gate. */
dep_scorer nn_scorer(nn_sent *s, float pscale);

/* Kernels (SIMD where the CPU has it; the same sums in the same order
 * everywhere, so results do not depend on the machine). n % 16 == 0 for dot. */
void nn_axpy(float *y, const float *x, float a, int n);
float nn_dot(const float *x, const float *y, int n);
/* y[0..H) += sum over d < D of x[d] * W[d][0..H); zero x[d] skipped. D <= 4096. */
void nn_matvec(float *y, const float *x, const float *W, int D, int H);

/* The same over B rows: Y[b][0..H) += X[b][0..D) W (each W row loaded once). */
void nn_bmatvec(float *Y, const float *X, const float *W, int B, int D, int H);
/* G[d] += sum over b of X[b][d] dY[b]; dX[b][d] = W[d] . dY[b] (dX may be NULL). */
void nn_bgrad(float *G, float *dX, const float *W, const float *X, const float *dY, int B, int D, int H);

/* Training (nntrain.c). */
typedef struct nn_train_options {
    int epochs, hidden;
    uint64_t seed;
    const char *vectors;           /* GloVe text file (word v1 .. v100 per line), or NULL */
    long nvectors;                 /* its first lines read */
    int beam;                      /* dev decoding */
    const ap_model *partner;       /* the parser's perceptron: beta and the epoch are
                                      chosen on dev by the sum's LAS */
    void (*log)(void *ctx, const char *line);   /* progress lines; may be NULL */
    void *ctx;
} nn_train_options;

/* The trees: words 0..n, gold heads and labels (projective for training).
 * The best section (malloc'd) into *section; 0, -1 no memory, -2 the vector
 * file cannot be read. */
int nn_train(const nn_train_options *o, const dep_tree *tr, size_t nt, const dep_tree *dv,
             size_t nd, int nlabels, int root, int nclass, void **section, size_t *len);
#endif
