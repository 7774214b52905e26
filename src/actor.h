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
#endif
