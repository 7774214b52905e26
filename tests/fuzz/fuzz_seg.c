/* fuzz_seg.c — normalization, tokenization and sentence splitting on arbitrary
 * bytes, checking the layers' invariants: spans inside the text and increasing,
 * every token in exactly one sentence, every word in its token. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "doc.h"
#include "seg.h"

static sitrep_doc *doc;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!doc && !(doc = sitrep_doc_new())) abort();
    sitrep_doc_reset(doc);
    sitrep_doc_set_text(doc, (const char *)data, size);
    if (seg_run(doc) != SITREP_OK) return 0;
    uint32_t prev_end = 0, next_tok = 0;
    for (size_t s = 0; s < doc->sentences.n; s++) {
        const sitrep_sentence *st = &doc->sentences.v[s];
        if (st->token != next_tok || st->start > st->end || st->end > doc->len) abort();
        next_tok = st->token + st->ntokens;
        for (uint32_t t = st->token; t < st->token + st->ntokens; t++) {
            const sitrep_token *tk = &doc->tokens.v[t];
            if (tk->start >= tk->end || tk->start < prev_end || tk->end > doc->len) abort();
            prev_end = tk->end;
            for (uint32_t w = tk->word; w < tk->word + tk->nwords; w++) {
                const sitrep_word *wd = &doc->words.v[w];
                if (wd->token != t || wd->start < tk->start || wd->end > tk->end || !wd->form) abort();
            }
        }
    }
    if (next_tok != doc->tokens.n) abort();
    return 0;
}
