/* event.h — the event coder: who did what to whom, over the dependency tree.
 *
 * For every verb (and event noun) with a form in the verb dictionary, the coder
 * picks the most specific matching pattern of the verb's block, finds the source
 * and target actors through the parse (subjects, objects, obliques, passive
 * by-agents, xcomp/ccomp chains, relative clauses, coordination), handles negation
 * and intent ("vowed to", "is ready to"), applies the dictionary's transformations
 * (`~` lines: "threatened to attack" = 138, "claimed it attacked" = 015), and fills
 * doc->events with the code, CAMEO root, QuadClass, Goldstein and PLOVER type.
 * Needs the actors layer and a parse; without a parse (head < 0) no event is
 * coded. */
#ifndef SR_EVENT_H
#define SR_EVENT_H
#include <stdint.h>
#include "dict.h"
#include "sitrep.h"

typedef struct event_opts {
    int explain;              /* fill sitrep_event.explain */
    int builtin_semantics;    /* only the built-in verb dictionary is loaded: the
                                 future tense is intent (03x/13x), demanded or
                                 promised acts are not events */
} event_opts;

sitrep_status event_run(const dict_set *d, const event_opts *o, sitrep_doc *doc);

#endif
