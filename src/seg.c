/* seg.c — the text front end: normalization, tokenization, sentence splitting.
 * Each step is its own module (norm.c, tok.c, sent.c); this one runs them in
 * order over a document and starts the layers afresh. */
#include "seg.h"

#include "doc.h"
#include "norm.h"
#include "sent.h"
#include "tok.h"

/* Tokens whose original spans overlap are one token. Normalization can map two
 * shadow tokens onto one original span (U+037E GREEK QUESTION MARK is ';' in NFC,
 * and a combining mark after it composes with nothing: both pieces come from the
 * same original bytes); tokens must tile the text, so the second joins the first. */
static void merge_overlaps(sitrep_doc *d)
{
    size_t o = 0;
    for (size_t i = 0; i < d->tokens.n; i++) {
        sitrep_token t = d->tokens.v[i];
        if (o && t.start < d->tokens.v[o - 1].end) {
            sitrep_token *p = &d->tokens.v[o - 1];
            if (t.end > p->end) p->end = t.end;
            p->nwords += t.nwords;
            p->space_after = t.space_after;
            for (uint32_t w = t.word; w < t.word + t.nwords; w++) {
                d->words.v[w].token = (uint32_t)(o - 1);
                if (d->words.v[w].start < p->start) d->words.v[w].start = p->start;
            }
            continue;
        }
        for (uint32_t w = t.word; w < t.word + t.nwords; w++) d->words.v[w].token = (uint32_t)o;
        d->tokens.v[o++] = t;
    }
    d->tokens.n = o;
}

sitrep_status seg_run(sitrep_doc *doc)
{
    if (!doc) return SITREP_ERR_USAGE;
    doc->tokens.n = doc->words.n = doc->sentences.n = 0;
    sitrep_status st = norm_run(doc);
    if (st == SITREP_OK) st = tok_run(doc);
    if (st == SITREP_OK) merge_overlaps(doc);
    if (st == SITREP_OK) st = sent_run(doc);
    return st;
}
