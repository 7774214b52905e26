/* gate.h — which sentences are worth parsing.
 *
 * Parsing is most of the pipeline's time, and the parse is read by the event
 * coder only (actors, quotes, places and tone work from tags; see pipeline.c).
 * A sentence can yield an event only when some verb or noun is a verb-dictionary
 * form and some phrase can become an actor; the gate checks both from the tags
 * and the dictionaries, before any parse. */
#ifndef SR_GATE_H
#define SR_GATE_H
#include <stddef.h>
#include "dict.h"
#include "sitrep.h"

/* What the gate remembers across an article's sentences: the last words of the
 * multi-word names seen so far, since the actor stage gives a later lone
 * surname ("Siegel") the code of an earlier full name ("Michael Siegel"). */
typedef struct gate_ctx {
    uint64_t set[512];     /* hashes of the forms, 0 = empty */
    size_t n;
    int full;              /* too many names: every lone name may be an actor */
    uint32_t *ids;         /* scratch: a sentence's word ids */
    unsigned char *inside; /* scratch: word inside an actor/agent phrase */
    size_t cap;
} gate_ctx;

static inline void gate_ctx_init(gate_ctx *g) { *g = (gate_ctx){{0}, 0, 0, NULL, NULL, 0}; }
/* Frees the scratch; g can be initialized again. */
void gate_ctx_free(gate_ctx *g);

/* 1 when sentence s (tagged or not) of an article whose earlier sentences went
 * through this gate with g could yield an event (the event coder's conditions,
 * event.c): some verb or noun (any word, untagged), by its form or its lemma,
 * is a verb-dictionary form, and there is a source: a dictionary actor, a
 * pronoun the actor stage resolves, a lone surname of an earlier name, or two
 * mentions of which agents may be one (a lone agent acting on nobody is not
 * coded). Makes the sentence's dictionary units (units.h) on the way. */
int gate_sentence(const dict_set *d, sitrep_doc *doc, size_t s, gate_ctx *g);
#endif
