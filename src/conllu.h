/* conllu.h — CoNLL-U reading (into documents) and writing (from documents).
 *
 * Reading: a document is the sentences up to the next "# newdoc" (or every
 * sentence of a file without newdoc comments, split every `max_sents` sentences
 * when max_sents > 0). Its text is rebuilt from each sentence's "# text =" line
 * (or from FORM + SpaceAfter when absent): sentences of one paragraph joined by
 * one space, paragraphs ("# newpar", "# newdoc") by "\n\n". Tokens, words (every
 * column; "_" becomes NULL, HEAD -1 when "_") and sentences get byte spans into
 * that text. Multi-word token ranges become one token with several words; empty
 * nodes (n.1) are skipped. The sentence id is kept (conllu_sent_id). */
#ifndef SR_CONLLU_H
#define SR_CONLLU_H
#include "sitrep.h"

typedef struct conllu_reader conllu_reader;

/* path "-" = standard input. Owned: close with conllu_close. NULL + err on failure. */
conllu_reader *conllu_open(const char *path, size_t max_sents, sitrep_error *err);
/* 1 = a document was read into doc (reset first); 0 = end; -1 = error (err has
 * file and line); the reader skips the bad sentence and can go on. */
int conllu_next(conllu_reader *r, sitrep_doc *doc, sitrep_error *err);
void conllu_close(conllu_reader *r);

/* The "# sent_id" of sentence i of a doc read by conllu_next, NULL when none. */
const char *conllu_sent_id(const sitrep_doc *doc, size_t i);

/* Appends doc as CoNLL-U: "# sent_id = DOCID-N" (or the kept id), "# text = ...",
 * multi-word token range lines, 10 columns ("_" where unset), SpaceAfter=No in
 * MISC, a blank line after each sentence. */
sitrep_status conllu_write(const sitrep_doc *doc, sitrep_buf *out);
#endif
