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

/* 1 when sentence s (tagged or not) could yield an event: some verb or noun (or,
 * untagged, any word), by its form or its lemma, is a verb-dictionary form, and
 * some word starts an actor or agent phrase or is a personal pronoun. */
int gate_sentence(const dict_set *d, const sitrep_doc *doc, size_t s);
#endif
