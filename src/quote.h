/* quote.h — quotations and their speakers.
 *
 * quote_run reads doc->text, doc->words and doc->sentences (and doc->actors when
 * the actor stage has run, and head/deprel when words are parsed) and appends to
 * doc->quotes, in text order:
 *   direct    a quotation in marks ("…", “…”, „…”, «…», '…', ‘…’) that is speech;
 *   partial   a quoted fragment inside the writer's sentence (`approach a ceasefire
 *             “with a lot of caution”`, `called it "a non-starter"`);
 *   scare     one or two words in marks that nobody is quoted as saying
 *             (`treat them as “terrorists”`): no speaker;
 *   indirect  reported speech: `X insisted that <clause>`, `according to X, <clause>`,
 *             `X said <clause>` — start/end span the clause.
 * Spans are byte offsets of the text inside the marks. A quotation nested in another
 * is part of the outer one (not a quote of its own). A paragraph that opens a quote
 * and does not close it, followed by a paragraph that reopens one, gives one quote
 * per paragraph, all with the first one's speaker. A missing or misplaced closing
 * mark is recovered without losing text (the quote runs to the end of its paragraph,
 * or a stray closing mark is joined to the quotation before it) and a warning is added.
 *
 * Speakers: speaker_start/speaker_end is the mention IN THE ATTRIBUTION ("He" in
 * `He said: "…"`, "Duda" in `said Duda`; for a quote with no attribution of its own
 * — a continuation, `adding: "…"` — the mention that gave the previous quote its
 * speaker, or the sentence's subject). speaker_text is the resolved name: a pronoun
 * or a surname resolved to the full name (through doc->actors' antecedents when the
 * actor stage has run, else to the last named person / the earlier full mention),
 * titles dropped ("President Andrzej Duda" -> "Andrzej Duda"). speaker_code is the
 * actor code of that name from doc->actors, "" when unknown. verb is the speech
 * verb as written (borrowed from the arena), NULL for a continuation.
 *
 * The lexicon is read-only once loaded and may be shared by threads; strings in
 * doc->quotes are the document's (arena) or the lexicon's: keep it alive as long as
 * the docs. */
#ifndef SR_QUOTE_H
#define SR_QUOTE_H
#include "sitrep.h"

typedef struct quote_lex quote_lex;

/* Loads data/lexicon/speech-verbs.txt (format in its header). path NULL = search
 * $SITREP_LEXICON/speech-verbs.txt, ./data/lexicon/speech-verbs.txt, then beside the
 * running executable (paths_find). Owned: free with quote_lex_free. NULL with err set
 * (file and line) on failure. */
quote_lex *quote_lex_load(const char *path, sitrep_error *err);
void quote_lex_free(quote_lex *lex);
/* Number of verb forms. */
size_t quote_lex_size(const quote_lex *lex);
/* CAMEO code ("010", "---"...) of a verb form (lower case), NULL when not a speech verb.
 * Borrowed from the lexicon. */
const char *quote_lex_code(const quote_lex *lex, const char *form);

/* Appends the quotations of doc to doc->quotes (see above). SITREP_ERR_NOMEM when
 * memory runs out (the quotes found so far stay). */
sitrep_status quote_run(const quote_lex *lex, sitrep_doc *doc);

/* GDELT GKG V2 Quotations of doc (direct and partial quotes): "offset|length|verb|quote"
 * entries joined by "#", offsets and lengths in code points; '|', '#' and line breaks
 * in a quote become spaces. Appended to out (no newline). */
sitrep_status quote_gkg(const sitrep_doc *doc, sitrep_buf *out);
#endif
