/* tok.h — tokenization following UD English-EWT (second step of the front end).
 *
 * tok_run reads the shadow string (doc->norm, doc->norm_map: run norm_run
 * first) and appends doc->tokens and doc->words: surface tokens with byte spans
 * in the original text and space_after, and their syntactic words (a clitic
 * makes a multi-word token: "don't" = "do" + "n't", "Ukraine's" = "Ukraine" +
 * "'s", "cannot" = "can" + "not", "gonna" = "gon" + "na"). Word forms are the
 * original text (arena strings), norms the shadow text (the same pointer when
 * equal); upos NONE, head -1. Sentences are left to sent_run. */
#ifndef SR_TOK_H
#define SR_TOK_H
#include <stddef.h>
#include "sitrep.h"

sitrep_status tok_run(sitrep_doc *doc);

/* 1 when the word w (len bytes, shadow form without the final ".") takes its
 * period as an abbreviation ("Mr", "Gen", "Jan", "U.S", "etc", initials). */
int tok_is_abbrev(const char *w, size_t len);
/* 1 for a title that never ends a sentence ("Mr", "Gen", "St", "No"; no period). */
int tok_is_title(const char *w, size_t len);
/* 1 for a word that typically opens a sentence ("The", "He", "But", "Mr."). */
int tok_is_starter(const char *w, size_t len);
#endif
