/* tone.h — tone (GDELT V1.5TONE figures) and loaded language.
 *
 * tone_run reads doc->words (and doc->quotes when the quotes stage has run) and
 * fills doc->tone and doc->loaded. Definitions (GDELT 1.0 event / GKG V1.5TONE):
 *   words      words that are not punctuation (upos PUNCT, or, untagged, no letter
 *              or digit), counted as written: a clitic ("n't", "'s") and the pieces
 *              of a hyphenated compound split by the tokenizer count with their
 *              word, as GDELT counts blank-separated words;
 *   positive   100 x (positive sentiment words) / words;
 *   negative   100 x (negative sentiment words) / words;
 *   tone       positive - negative;   polarity   positive + negative;
 *   activity   100 x (activity words, data/lexicon/activity.txt) / words;
 *   self_group 100 x (self/group reference pronouns, data/lexicon/groups.txt) / words.
 * A sentiment word is a word or phrase with a non-zero score in AFINN-165 (as
 * corrected by data/lexicon/sentiment-overrides.txt); it counts as one word of its
 * sign (GDELT counts words, not scores), times its modifiers:
 * a negator up to 3 words before (not, n't, never, no, without...: the sign flips),
 * an intensifier or downtoner just before (very 1.5, slightly 0.5...: the count is
 * scaled). Phrases are matched longest first ("does not work", "not good"), so a
 * phrase containing a negator is scored as written. Capitalized words inside a
 * sentence of an untagged text, and PROPN words, are taken as names: not scored.
 *
 * Loaded language (data/lexicon/loaded.txt, categories "name-calling", "emotive",
 * "exaggeration") is looked up on every word but names; a hit inside a quotation
 * gets in_quote = 1 (a speaker's words are theirs, not the article's). Quotations are
 * doc->quotes spans of kind other than "indirect" and "scare", and the spans between
 * quotation marks (“…”, "…", «…», closed at the end of a paragraph) that the quotes
 * stage has not called "scare"; a "scare" quote is itself a hit ("scare-quote").
 *
 * Lexicons are read-only once loaded and shared by all threads. Category strings in
 * doc->loaded are borrowed from the lexicon: keep it alive as long as the docs. */
#ifndef SR_TONE_H
#define SR_TONE_H
#include <stdint.h>
#include "sitrep.h"

typedef struct tone_lex tone_lex;

/* Loads the lexicons. afinn: the AFINN table built by tools/gen_afinn.mjs (PHRASE
 * TAB SCORE); NULL = $SITREP_AFINN, then "build/data/afinn.tsv", then
 * <dir of the running executable>/data/afinn.tsv and .../../data/afinn.tsv.
 * lexdir: the directory of activity.txt, groups.txt, loaded.txt, modifiers.txt and
 * sentiment-overrides.txt; NULL = $SITREP_LEXICON, then "data/lexicon", then
 * <exe dir>/../data/lexicon and <exe dir>/../../data/lexicon.
 * Owned: free with tone_lex_free. NULL with err set (file and line) on failure. */
tone_lex *tone_lex_load(const char *afinn, const char *lexdir, sitrep_error *err);
void tone_lex_free(tone_lex *lex);
/* Number of distinct keys (words and phrases) in the lexicon. */
size_t tone_lex_size(const tone_lex *lex);

/* Fills doc->tone (computed = 1) and appends to doc->loaded. SITREP_ERR_NOMEM when a
 * hit cannot be stored (the tone is still set). */
sitrep_status tone_run(const tone_lex *lex, sitrep_doc *doc);

/* The tone figures of the words inside the byte span [start, end) (a sentence or a
 * quote), written into *out. Reads doc->words only. */
sitrep_status tone_span(const tone_lex *lex, const sitrep_doc *doc, uint32_t start,
                        uint32_t end, sitrep_tone *out);

/* Loaded-language density: 100 x (doc->loaded hits outside quotations) / (words
 * outside quotations), 0 when there are none. Call after tone_run. */
double tone_loaded_density(const sitrep_doc *doc);
#endif
