/* units.h — a sentence as dictionary units.
 *
 * Actor and agent phrases are matched over units, not words: a unit is a word,
 * or the longest run of words written together (no white space, no possessive
 * or clitic inside) that is one dictionary word, so "U.S." or "al-Qaeda" match
 * however the tokenizer split them. The parse gate and the actor stage see the
 * same units and phrase matches; they are made once per sentence and kept in
 * the document. */
#ifndef SR_UNITS_H
#define SR_UNITS_H
#include <stddef.h>
#include "dict.h"
#include "doc.h"

enum { UNITS_WINDOW = 64 };   /* longest actor or agent phrase tried, in units */

/* The units of sentence s, each with the longest actor and agent phrases that
 * start there (made on first use, for dictionaries ds; the same
 * dictionaries must be passed until the document is reset). *n units; NULL on
 * no memory. */
const doc_unit *units_of(const dict_set *ds, sitrep_doc *d, size_t s, size_t *n);

/* 1 when document word w reads as part of a name: a capitalized (or digit-led)
 * PROPN, or, untagged, a capitalized word that does not start its sentence
 * (sent_first: the sentence's first word). The actor stage finds unknown names
 * with it, and the parse gate must see the same names. */
int units_proper(const sitrep_doc *d, uint32_t w, uint32_t sent_first);
#endif
