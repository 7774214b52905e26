/* sent.h — sentence splitting for news (last step of the text front end).
 *
 * sent_run groups doc->tokens (from tok_run) into doc->sentences, with their
 * token and word ranges, byte spans and par_start (1 for the first sentence of a
 * paragraph: after a blank line, or after any line break in a text that has no
 * blank lines). Every token belongs to exactly one sentence. */
#ifndef SR_SENT_H
#define SR_SENT_H
#include "sitrep.h"

sitrep_status sent_run(sitrep_doc *doc);
#endif
