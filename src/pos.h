/* pos.h — the part-of-speech tagger: greedy left to right, one averaged
 * perceptron over joint classes (an XPOS and a UPOS, e.g. "VBZ AUX").
 *
 * Each word is turned once into integers (pos_word: hashes of its form, lower
 * case, affixes and shape, and its class in the tag dictionary); features are
 * mixes of those and of the two previous predicted classes. A second pass
 * (stacking) adds the first pass's classes of the words around, so that the
 * right context's tags are seen too. */
#ifndef SR_POS_H
#define SR_POS_H
#include <stddef.h>
#include <stdint.h>
#include "ap.h"

typedef struct pos_word {
    uint64_t w, lw;          /* form as written (normalized), lower case */
    uint64_t pre[3], suf[4]; /* lower-case prefixes of 1..3, suffixes of 1..4 chars */
    uint64_t shape;          /* "Xxx", "dd.dd"... (runs capped at 2) */
    uint32_t amb;            /* tag dictionary: ambiguity class (nonzero), 0 unknown */
    uint32_t camb;           /* the same for the form with its case (pos_dict_ckey) */
    uint32_t flags;          /* POS_F_* */
} pos_word;

enum { POS_F_DIGIT = 1, POS_F_HYPHEN = 2, POS_F_UPPER = 4, POS_F_ALLUPPER = 8,
       POS_F_TITLE = 16 };
enum { POS_MAXFEAT = 56 };

/* Fills pw from a NUL-terminated word (amb = 0). */
void pos_word_init(pos_word *pw, const char *s);
/* Key of a word in the tag dictionary. */
static inline uint64_t pos_dict_key(const pos_word *pw) { return pw->lw; }
/* Key of a word with its case ("Apple" apart from "apple"). */
static inline uint64_t pos_dict_ckey(const pos_word *pw) { return FEAT2(77, pw->w); }
/* Features of word i of ws[0..n), given tags[0..i) (classes) and, for the
 * second pass of a stacked tagger, the first pass's classes p1[0..n) (NULL in
 * the first pass); returns how many were written to f (<= POS_MAXFEAT). */
size_t pos_features(const pos_word *ws, size_t n, size_t i, const int *tags,
                    const int *p1, uint64_t *f);
/* Greedy tagging with a model: tags[0..n) = classes. p1 as above. scores:
 * nclass scratch. */
void pos_tag(const ap_model *m, const pos_word *ws, size_t n, const int *p1, int *tags,
             int32_t *scores);
#endif
