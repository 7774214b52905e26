/* actor.h — actor recognition over tagged sentences.
 *
 * actor_run finds actor mentions with the dictionaries (longest match over
 * upper-cased words; hyphenated and possessive dictionary words are matched across
 * the tokenizer's splits), combines countries and organisations with agents
 * ("Russian troops" -> RUSMIL, "the army of Ukraine" -> UKRMIL, "Putin's
 * ambassador" -> RUSGOV), lets a named person's dated code win over a title before
 * the name ("President Andrzej Duda"), keeps unknown proper-noun names with an
 * empty code, and resolves "he"/"she"/"it" and repeated surnames to the last
 * compatible named mention. The article date (YYYYMMDD) picks dated roles. */
#ifndef SR_ACTOR_H
#define SR_ACTOR_H
#include <stdint.h>
#include "dict.h"
#include "sitrep.h"

sitrep_status actor_run(const dict_set *d, sitrep_doc *doc, int32_t yyyymmdd);
/* 1 when doc->actors are in text order (by start, and so by sentence), as
 * actor_run appends them; later stages then search them by position instead of
 * scanning them all, and fall back to the scan when a caller's edits broke the
 * order. */
int actors_in_text_order(const sitrep_doc *doc);
/* With the actors in text order: the index of the first mention that starts at
 * or after byte (doc->actors.n when none does). */
size_t actors_starting_from(const sitrep_doc *doc, uint64_t byte);
#endif
