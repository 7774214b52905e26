/* seg.h — the text front end: normalization, tokenization, sentence splitting.
 *
 * seg_run reads doc->text and fills doc->norm/norm_map, then doc->tokens,
 * doc->words (form from the original text, norm from the shadow string, upos
 * NONE, head -1) and doc->sentences (with par_start), following UD English-EWT
 * conventions (multi-word tokens for clitics: "don't" = "do" + "n't"). */
#ifndef SR_SEG_H
#define SR_SEG_H
#include "sitrep.h"

sitrep_status seg_run(sitrep_doc *doc);
#endif
