/* seg.c — the text front end: normalization, tokenization, sentence splitting.
 * Each step is its own module (norm.c, tok.c, sent.c); this one runs them in
 * order over a document and starts the layers afresh. */
#include "seg.h"

#include "doc.h"
#include "norm.h"
#include "sent.h"
#include "tok.h"

sitrep_status seg_run(sitrep_doc *doc)
{
    if (!doc) return SITREP_ERR_USAGE;
    doc->tokens.n = doc->words.n = doc->sentences.n = 0;
    sitrep_status st = norm_run(doc);
    if (st == SITREP_OK) st = tok_run(doc);
    if (st == SITREP_OK) st = sent_run(doc);
    return st;
}
