/* train.h — training the tagger, lemmatizer and parser from CoNLL-U, and
 * writing the model file that model_load reads.
 *
 * Model file (little-endian; every section 64-byte aligned, used in place):
 *   "SITREPM\0"  u32 version  u32 nsections
 *   nsections x { u32 id, u32 0, u64 offset, u64 length }
 *   sections (MSEC_*). A reader refuses unknown versions and missing sections. */
#ifndef SR_TRAIN_H
#define SR_TRAIN_H
#include <stdint.h>
#include "sitrep.h"

#define MODEL_MAGIC "SITREPM"
enum { MODEL_VERSION = 1 };
enum {
    MSEC_META = 1,    /* text: "key value\n" lines (data, command, scores) */
    MSEC_XPOS,        /* string table (u32 count, u32 offsets[count], chars): class -> XPOS */
    MSEC_UPOS,        /* u8[nclass]: class -> sitrep_upos */
    MSEC_LABELS,      /* string table: parser labels */
    MSEC_TAGW,        /* ap section: tagger weights */
    MSEC_DEPW,        /* ap section: parser weights */
    MSEC_TAGDICT,     /* feat_slot[]: lower-case word hash -> class */
    MSEC_POOL,        /* chars: lemma and FEATS strings */
    MSEC_LEX,         /* feat_slot[]: lemma.c lookups */
    MSEC_EXC,         /* feat_slot[]: WordNet exceptions */
    MSEC_IDX,         /* feat_slot[]: WordNet index */
    MSEC_CLSFEATS,    /* u32[nclass]: pool offset of each class's FEATS */
    MSEC_TAGW2,       /* optional ap section: stacked second tagger pass */
    MSEC_DEPBEAM,     /* optional u32: the parser's beam (absent: 1, greedy) */
    MSEC_NN,          /* optional: the parser's network (nn.h), summed with MSEC_DEPW */
    MSEC_COUNT
};

typedef struct train_options {
    const char *const *train;  /* CoNLL-U files */
    int ntrain;
    const char *dev;           /* CoNLL-U (required: epoch selection) */
    const char *out;           /* model path */
    int epochs;                /* tagger and parser epochs (best dev epoch kept) */
    int folds;                 /* jackknife folds for the parser's training tags and
                                  the stacked tagger (0/1: gold tags, one pass) */
    int jk_epochs;             /* epochs of each jackknife tagger */
    int stack;                 /* train the stacked second tagger pass (needs folds) */
    int prune;                 /* drop weights below this (int16 units; 0 keeps all) */
    int beam;                  /* parser: 1 greedy (dynamic oracle), K > 1 a beam of K
                                  trained globally (max-violation); the model records K */
    int nn;                    /* also train the parser's network (nn.h) */
    int nn_epochs, nn_hidden;  /* its epochs and hidden units (0: 8 and 192) */
    const char *nn_vectors;    /* its initial word vectors (GloVe text), or NULL */
    long nn_nvectors;          /* the first lines of it read (0: 100,000) */
    uint64_t seed;
    int threads;               /* 1 or 2: tagger and parser in parallel */
    const char *wordnet;       /* WordNet dict dir; NULL = /usr/share/wordnet */
    const char *command;       /* recorded in the model's META */
    const char *const *exclude;/* skip training documents whose id contains one */
    int nexclude;
    /* progress lines (per-epoch dev scores); may be NULL */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
} train_options;

sitrep_status train_run(const train_options *o, sitrep_error *err);
/* Rewrites the model `in` as `out` without the weights below minabs (int16
 * units of each section's scale): smaller and faster, as train's --prune;
 * stack = 0 also drops the stacked second tagger pass (as --no-stack). */
sitrep_status model_prune(const char *in, const char *out, int minabs, int stack,
                          sitrep_error *err);

/* One section to write. */
typedef struct model_section { uint32_t id; const void *data; size_t len; } model_section;
sitrep_status model_write(const char *path, const model_section *sec, int nsec,
                          sitrep_error *err);
#endif
