/* dep.h — the dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011)
 * with a single-root constraint, greedy decoding with an averaged perceptron,
 * trained with the dynamic oracle of Goldberg & Nivre (2013).
 *
 * Nodes are 0 (the root) and the words 1..n. The stack starts as [0], the
 * buffer as 1..n (contiguous: b..n). Actions, as classes:
 *   0          SHIFT      push b
 *   1 + l      LEFT(l)    s0 <-l- b, pop     (s0 != root, buffer not empty)
 *   1 + L + l  RIGHT(l)   s1 -l-> s0, pop    (s1 = root only when the buffer is
 *                                             empty, and then l = root) */
#ifndef SR_DEP_H
#define SR_DEP_H
#include <stddef.h>
#include <stdint.h>
#include "ap.h"

/* A word as the parser sees it: lower-case hash, tag class, its UPOS, and its
 * ambiguity class in the tag dictionary (robust to the tagger's errors). */
typedef struct dep_word { uint64_t w; uint32_t t, u, a; } dep_word;

typedef struct dep_state {
    int n, sp, b, nlabels, root_label;
    int *stack, *head, *label;       /* head/label of nodes 0..n; -1 until attached */
    int *lc1, *lc2, *rc1, *rc2;      /* leftmost two / rightmost two children, 0 none */
    int *nl, *nr;
    uint64_t *lset, *rset;           /* bit sets of the children's labels */
} dep_state;

enum { DEP_MAXFEAT = 96 };

/* Bytes of scratch a state over n words needs. */
size_t dep_state_size(int n);
/* Initial state over mem (dep_state_size(n) bytes, 8-aligned). */
void dep_state_init(dep_state *st, int n, int nlabels, int root_label, void *mem);
static inline int dep_terminal(const dep_state *st) { return st->sp == 1 && st->b > st->n; }
/* 1 when action a is allowed in st. */
int dep_valid(const dep_state *st, int a);
/* The only valid action of a non-terminal st, -1 when there is a choice. */
int dep_forced(const dep_state *st);
/* scores[a] = INT32_MIN for every action that is not dep_valid (and for the
 * padding a >= 1 + 2 * nlabels, up to n): the argmax is then a valid action. */
void dep_mask_invalid(const dep_state *st, int32_t *scores, uint32_t n);
void dep_apply(dep_state *st, int a);
/* The distance bin of two nodes d apart (either way): 0..4 themselves, 5
 * under 10, 6 beyond. The features and the network share it. */
int dep_dist_bin(int d);
/* Features of st over words ws[0..n] (ws[0] = root); returns the count. */
size_t dep_features(const dep_state *st, const dep_word *ws, uint64_t *f);
/* Dynamic oracle: cost[a] for every action (INT32_MAX when invalid), given the
 * gold heads/labels of nodes 0..n (projective). Returns the least cost. */
int dep_costs(const dep_state *st, const int *ghead, const int *glabel, int *cost);
/* Lifts non-projective arcs (to the head's head, shortest first) until the tree
 * is projective; returns the number of lifts. head[1..n]. */
int dep_projectivize(int n, int *head);
/* A sentence for training and scoring: words 0..n (0 the root), gold heads
 * and labels of nodes 0..n. */
typedef struct dep_tree {
    int n;
    dep_word *w;
    int *gh, *gl;
} dep_tree;

/* Counts st's attachments against t's gold: heads right into *ok, heads and
 * labels right into *lok, words into *all (dev UAS and LAS). */
void dep_tree_count(const dep_tree *t, const dep_state *st, size_t *ok, size_t *lok, size_t *all);

/* A second scorer beside the perceptron (nn.h): given st and the perceptron's
 * scores (masked by dep_mask_invalid, npad of them), out[a] for every action
 * a < nclass, INT64_MIN when invalid. norm = 0 when only the argmax matters
 * (greedy), 1 when the scores are summed along a sequence (the beam).
 * gate > 0: where the perceptron's best action leads the second by gate or
 * more, the perceptron's best is taken without asking the scorer (in a beam,
 * as the item's only extension: the scorer is called with norm = 2 and only
 * that action valid, and must not need more than the perceptron's score). */
typedef struct dep_scorer {
    void (*score)(void *ctx, const dep_state *st, int32_t *scores, uint32_t npad, int norm,
                  int64_t *out);
    void *ctx;
    int64_t gate;
} dep_scorer;

/* The best of scores[0..n) (masked: INT32_MIN is not a candidate), -1 none;
 * *margin: its lead over the second, INT64_MAX when there is no second. */
int dep_top2(const int32_t *scores, uint32_t n, int64_t *margin);

/* Greedy parse; st ends terminal with head/label filled. scores: npad scratch.
 * sc: NULL, or the second scorer whose sums decide. */
void dep_parse(const ap_model *m, const dep_word *ws, dep_state *st, int32_t *scores,
               const dep_scorer *sc);
/* dst = a copy of src, over dst's memory mem (dep_state_size(src->n) bytes). */
void dep_state_copy(dep_state *dst, const dep_state *src, void *mem);

/* Beam search for the weights of a globally trained parser (train --beam)
 * (with sc: the scorer's sums):
 * the K best action sequences by the sum of their actions' scores, ties to the
 * earlier item and the lower action. st (initial) ends with head/label of the
 * best sequence; scores: npad scratch; mem: dep_beam_size(st->n, K) bytes,
 * 8-aligned. K = 1 makes the same parse as dep_parse. */
enum { DEP_MAXBEAM = 64 };
size_t dep_beam_size(int n, int K);
/* A beam's candidate: item `item` extended by action a, with its total score. */
typedef struct dep_cand { int item, a; int64_t score; } dep_cand;
/* Keeps the K best candidates offered so far in c[0..*nc), best first; one that
 * only ties the worst kept is not taken (the earlier offer stays). Offered in
 * item then action order, ties thus go to the earlier item and lower action. */
static inline void dep_beam_offer(dep_cand *c, int *nc, int K, int item, int a, int64_t score)
{
    int j = *nc;
    if (j == K) {
        if (score <= c[K - 1].score) return;
        j = K - 1;
    } else {
        (*nc)++;
    }
    while (j > 0 && c[j - 1].score < score) { c[j] = c[j - 1]; j--; }
    c[j] = (dep_cand){ item, a, score };
}
void dep_parse_beam(const ap_model *m, const dep_word *ws, dep_state *st, int32_t *scores,
                    int K, void *mem, const dep_scorer *sc);
#endif
