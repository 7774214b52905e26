/* model.h — the statistical models (tagger, lemmatizer, parser) as the pipeline
 * sees them. One binary file (magic, version, little-endian sections, mmap'd)
 * holds all of them; it is shared read-only by every worker thread. */
#ifndef SR_MODEL_H
#define SR_MODEL_H
#include "sitrep.h"

typedef struct sr_model sr_model;

/* Owned: free with model_free. NULL + err (file, offset) on failure. */
sr_model *model_load(const char *path, sitrep_error *err);
void model_free(sr_model *m);

/* Decoding choices, before the model is shared: beam > 0 replaces the
 * parser's beam (1..DEP_MAXBEAM); use_nn = 0 leaves its network out (the
 * perceptron alone). 1 when the model has a network. */
int model_decode_with(sr_model *m, int beam, int use_nn);

/* Fill upos, xpos and lemma of every word of sentence `s`. Thread-safe for
 * distinct documents. */
sitrep_status model_tag(const sr_model *m, sitrep_doc *doc, size_t s);
/* Fill feats, head and deprel of every word of sentence `s` (tags must be set;
 * FEATS are left to the parse because only parsed sentences use them); also
 * corrects UPOS by the relation: aux/cop -> AUX; IN + case -> ADP; IN + mark -> SCONJ. */
sitrep_status model_parse(const sr_model *m, sitrep_doc *doc, size_t s);
#endif
