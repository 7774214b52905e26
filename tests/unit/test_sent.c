/* test_sent.c — sentence layer details: token and word ranges with multi-word
 * tokens, spans, par_start, and quotation holding (S5) with straight quotes. */
#include <stdint.h>

#include "test.h"
#include "doc.h"
#include "norm.h"
#include "sent.h"
#include "tok.h"

static sitrep_doc *sentd(const char *text)
{
    sitrep_doc *d = sitrep_doc_new();
    if (!d) return NULL;
    sitrep_doc_set_text(d, text, strlen(text));
    if (norm_run(d) != SITREP_OK || tok_run(d) != SITREP_OK || sent_run(d) != SITREP_OK) {
        sitrep_doc_free(d);
        return NULL;
    }
    return d;
}

static void ranges_with_mwt(void)
{
    sitrep_doc *d = sentd("I don't know. We can't go.");
    CHECK(d != NULL);
    if (!d) return;
    CHECK_INT(d->sentences.n, 2);
    const sitrep_sentence *s = d->sentences.v;
    CHECK_INT(s[0].token, 0);
    CHECK_INT(s[0].ntokens, 4);  /* I don't know . */
    CHECK_INT(s[0].nwords, 5);   /* I do n't know . */
    CHECK_INT(s[1].token, 4);
    CHECK_INT(s[1].word, 5);
    CHECK_INT(s[1].nwords, 5);
    CHECK_INT(s[0].start, 0);
    CHECK_INT(s[0].end, 13);
    CHECK_INT(s[1].start, 14);
    CHECK_INT(s[1].end, 26);
    sitrep_doc_free(d);
}

static void paragraphs_blank_lines(void)
{
    sitrep_doc *d = sentd("One here.\n\nTwo here. Three here.\nFour here.");
    CHECK_INT(d->sentences.n, 4);
    CHECK_INT(d->sentences.v[0].par_start, 1);
    CHECK_INT(d->sentences.v[1].par_start, 1);
    CHECK_INT(d->sentences.v[2].par_start, 0);
    CHECK_INT(d->sentences.v[3].par_start, 0); /* the text has blank lines: a line break is not a paragraph */
    sitrep_doc_free(d);
}

static void paragraphs_one_per_line(void)
{
    sitrep_doc *d = sentd("One here. Two here.\nThree here.");
    CHECK_INT(d->sentences.n, 3);
    CHECK_INT(d->sentences.v[0].par_start, 1);
    CHECK_INT(d->sentences.v[1].par_start, 0);
    CHECK_INT(d->sentences.v[2].par_start, 1);
    sitrep_doc_free(d);
}

static void straight_quote_held(void)
{
    sitrep_doc *d = sentd("He said \"Yes. No.\" Then he left.");
    CHECK_INT(d->sentences.n, 2);
    CHECK_INT(d->sentences.v[0].ntokens, 8);
    sitrep_doc_free(d);
}

static void unclosed_quote_not_held(void)
{
    sitrep_doc *d = sentd("He said \"yes. Then he left. They went home.");
    CHECK_INT(d->sentences.n, 3);
    sitrep_doc_free(d);
}

static void quote_opening_sentence_with_attribution(void)
{
    /* a quotation opening the sentence is held when its attribution follows */
    sitrep_doc *d = sentd("\"We are ready. We will fight,\" he said. \"We win. They lose,\" "
                          "Smith added.");
    CHECK_INT(d->sentences.n, 2);
    sitrep_doc_free(d);
    /* else it is split as usual */
    d = sentd("\"We are ready. We will fight.\" He left.");
    CHECK_INT(d->sentences.n, 3);
    sitrep_doc_free(d);
}

static void no_tokens(void)
{
    sitrep_doc *d = sentd(" \n\t ");
    CHECK_INT(d->tokens.n, 0);
    CHECK_INT(d->sentences.n, 0);
    sitrep_doc_free(d);
}

static void no_final_punctuation(void)
{
    sitrep_doc *d = sentd("just some words without an end");
    CHECK_INT(d->sentences.n, 1);
    CHECK_INT(d->sentences.v[0].ntokens, 6);
    CHECK_INT(d->sentences.v[0].par_start, 1);
    sitrep_doc_free(d);
}

static void long_sentence_cut(void)
{
    size_t n = 1000 * 4;
    char *b = malloc(n + 1);
    for (size_t k = 0; k < n; k += 4) memcpy(b + k, "abc ", 4);
    b[n] = '\0';
    sitrep_doc *d = sentd(b);
    CHECK_INT(d->tokens.n, 1000);
    CHECK_INT(d->sentences.n, 3);
    CHECK_INT(d->sentences.v[0].ntokens, 400);
    sitrep_doc_free(d);
    free(b);
}

int main(void)
{
    RUN(ranges_with_mwt);
    RUN(paragraphs_blank_lines);
    RUN(paragraphs_one_per_line);
    RUN(straight_quote_held);
    RUN(unclosed_quote_not_held);
    RUN(quote_opening_sentence_with_attribution);
    RUN(no_tokens);
    RUN(no_final_punctuation);
    RUN(long_sentence_cut);
    return TEST_EXIT();
}
