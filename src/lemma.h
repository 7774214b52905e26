/* lemma.h — word-level lookups: lemmas and UD features.
 *
 * Lemma of a tagged word, first hit wins: (1) the training data's most frequent
 * lemma for (form, class), then for (lower-case form, class); (2) WordNet's
 * exception lists (noun/verb/adj/adv.exc) for the word's WordNet part of speech;
 * (3) WordNet's morphological detachment rules, keeping a candidate found in
 * WordNet's index; (4) the same rules unchecked, by Penn tag; (5) the form
 * (lower case unless a proper noun). WordNet's tables are baked into the model
 * (WordNet 3.0 licence allows redistribution), so nothing is read at load.
 *
 * FEATS: the most frequent FEATS of (lower-case form, class) in training, else
 * of the class. */
#ifndef SR_LEMMA_H
#define SR_LEMMA_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "feat.h"

/* Read side: views into a model file (or into a lemma_build). */
typedef struct lemma_model {
    const char *pool;          /* NUL-terminated strings; offsets below */
    size_t poollen;
    feat_map lex, exc, idx;    /* lex: trained lemmas + feats; exc/idx: WordNet */
    const uint32_t *cls_feats; /* per class: pool offset of FEATS, UINT32_MAX none */
    uint32_t nclass;
} lemma_model;

/* The lemma of a word: form (normalized), its Penn tag and model class; a
 * string from the model's pool or from `mem`. NULL only on no memory. */
const char *lemma_of(const lemma_model *m, const char *form, const char *xpos,
                     int cls, arena *mem);
/* The FEATS of a word, NULL when none (borrowed from the model). */
const char *lemma_feats(const lemma_model *m, const char *form, int cls);

/* The same with the key's hash at hand: form_hash = feat_hash(form,
 * strlen(form)); lower_hash = feat_hash of the ASCII-lower-cased form. The
 * prefetch functions bring the table slot the lookup reads first towards the
 * cache, so that a sentence's words can be prefetched together, then looked up
 * (each lookup is a cache miss into a table of tens of megabytes). */
const char *lemma_of_hashed(const lemma_model *m, const char *form, uint64_t form_hash,
                            const char *xpos, int cls, arena *mem);
const char *lemma_feats_hashed(const lemma_model *m, uint64_t lower_hash, int cls);
void lemma_prefetch(const lemma_model *m, uint64_t form_hash, int cls);
void lemma_prefetch_feats(const lemma_model *m, uint64_t lower_hash, int cls);

/* Write side (training). */
typedef struct lemma_build {
    char *pool;
    size_t len, cap;
    feat_map intern;           /* string hash -> pool offset */
    feat_map votes;            /* (key, value) -> count */
    feat_map lex, exc, idx;    /* as in lemma_model */
    uint32_t *cls_feats, *cls_count;
    uint32_t nclass;
} lemma_build;

int lemma_build_init(lemma_build *b, uint32_t nclass);
void lemma_build_free(lemma_build *b);
/* One training word (lemma/feats may be NULL). 0, or -1 on no memory. */
int lemma_build_add(lemma_build *b, const char *form, int cls, const char *lemma,
                    const char *feats);
/* Reads WordNet's index.* and *.exc from dir. 0, -1 when a file is missing or
 * memory runs out. */
int lemma_build_wordnet(lemma_build *b, const char *dir);
/* A lemma_model reading the builder's tables (valid while b lives). */
void lemma_build_view(const lemma_build *b, lemma_model *m);
#endif
