/* test_tok.c — tokenizer details the fixtures do not show: word spans and
 * forms of multi-word tokens, shadow forms, space_after, offsets through the
 * normalization map, and the word lists. */
#include <stdint.h>

#include "test.h"
#include "doc.h"
#include "norm.h"
#include "tok.h"

static sitrep_doc *tokd(const char *text)
{
    sitrep_doc *d = sitrep_doc_new();
    if (!d) return NULL;
    sitrep_doc_set_text(d, text, strlen(text));
    if (norm_run(d) != SITREP_OK || tok_run(d) != SITREP_OK) { sitrep_doc_free(d); return NULL; }
    return d;
}

static const char *tform(const sitrep_doc *d, size_t i, char *buf, size_t cap)
{
    const sitrep_token *t = &d->tokens.v[i];
    snprintf(buf, cap, "%.*s", (int)(t->end - t->start), d->text + t->start);
    return buf;
}

static void mwt_curly_possessive_spans(void)
{
    /* Russia’s: token [0,10), words "Russia" [0,6) and "’s" [6,10), norm "'s" */
    sitrep_doc *d = tokd("Russia\xE2\x80\x99s army");
    CHECK(d != NULL);
    if (!d) return;
    CHECK_INT(d->tokens.n, 2);
    CHECK_INT(d->tokens.v[0].start, 0);
    CHECK_INT(d->tokens.v[0].end, 10);
    CHECK_INT(d->tokens.v[0].nwords, 2);
    const sitrep_word *w = &d->words.v[0];
    CHECK_STR(w[0].form, "Russia");
    CHECK(w[0].norm == w[0].form); /* unchanged: the same pointer */
    CHECK_INT(w[0].start, 0);
    CHECK_INT(w[0].end, 6);
    CHECK_STR(w[1].form, "\xE2\x80\x99s");
    CHECK_STR(w[1].norm, "'s");
    CHECK_INT(w[1].start, 6);
    CHECK_INT(w[1].end, 10);
    CHECK_INT(w[1].token, 0);
    CHECK_INT(w[1].upos, SITREP_UPOS_NONE);
    CHECK_INT(w[1].head, -1);
    CHECK(w[1].lemma == NULL && w[1].xpos == NULL && w[1].deprel == NULL);
    sitrep_doc_free(d);
}

static void mwt_split_points(void)
{
    const char *cases[][3] = {
        { "don't", "do", "n't" }, { "won't", "wo", "n't" }, { "can't", "ca", "n't" },
        { "cannot", "can", "not" }, { "gonna", "gon", "na" }, { "I'm", "I", "'m" },
        { "they'll", "they", "'ll" }, { "we've", "we", "'ve" }, { "you're", "you", "'re" },
        { "he'd", "he", "'d" }, { "dont", "do", "nt" }, { "DON'T", "DO", "N'T" },
        { "parents'", "parents", "'" }, { "mama`s", "mama", "`s" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sitrep_doc *d = tokd(cases[k][0]);
        CHECK(d != NULL);
        if (!d) continue;
        CHECK_INT(d->tokens.n, 1);
        CHECK_INT(d->words.n, 2);
        if (d->words.n == 2) {
            CHECK_STR(d->words.v[0].form, cases[k][1]);
            CHECK_STR(d->words.v[1].form, cases[k][2]);
        }
        sitrep_doc_free(d);
    }
    /* not clitics */
    const char *whole[] = { "O'Brien", "50's", "its", "IM", "Shi'ite" };
    for (size_t k = 0; k < sizeof whole / sizeof *whole; k++) {
        sitrep_doc *d = tokd(whole[k]);
        CHECK(d != NULL);
        if (!d) continue;
        CHECK_INT(d->tokens.n, 1);
        CHECK_INT(d->words.n, 1);
        sitrep_doc_free(d);
    }
}

static void its_for_it_is(void)
{
    sitrep_doc *d = tokd("its a shame and its own fault");
    CHECK_INT(d->tokens.n, 7);
    CHECK_INT(d->tokens.v[0].nwords, 2);
    CHECK_STR(d->words.v[0].form, "it");
    CHECK_STR(d->words.v[1].form, "s");
    CHECK_INT(d->tokens.v[4].nwords, 1); /* possessive */
    sitrep_doc_free(d);
}

static void space_after_flags(void)
{
    sitrep_doc *d = tokd("Hello, world (really).");
    char b[64];
    CHECK_INT(d->tokens.n, 7);
    CHECK_STR(tform(d, 0, b, sizeof b), "Hello");
    CHECK_INT(d->tokens.v[0].space_after, 0);
    CHECK_INT(d->tokens.v[1].space_after, 1);
    CHECK_INT(d->tokens.v[3].space_after, 0); /* ( */
    CHECK_INT(d->tokens.v[4].space_after, 0); /* really */
    CHECK_INT(d->tokens.v[5].space_after, 0); /* ) */
    sitrep_doc_free(d);
}

static void dashes_quotes_offsets(void)
{
    /* “Peace” — now… */
    sitrep_doc *d = tokd("\xE2\x80\x9CPeace\xE2\x80\x9D \xE2\x80\x94 now\xE2\x80\xA6");
    char b[64];
    CHECK_INT(d->tokens.n, 6);
    CHECK_STR(tform(d, 0, b, sizeof b), "\xE2\x80\x9C");
    CHECK_STR(d->words.v[0].norm, "\"");
    CHECK_STR(tform(d, 1, b, sizeof b), "Peace");
    CHECK_INT(d->tokens.v[1].start, 3);
    CHECK_STR(tform(d, 3, b, sizeof b), "\xE2\x80\x94");
    CHECK_STR(d->words.v[3].norm, "--");
    CHECK_STR(tform(d, 5, b, sizeof b), "\xE2\x80\xA6");
    CHECK_STR(d->words.v[5].norm, "...");
    CHECK_INT(d->tokens.v[5].end, d->len);
    sitrep_doc_free(d);
}

static void invisible_characters(void)
{
    /* a ZWSP inside a word keeps it whole; one at its end is not part of it */
    sitrep_doc *d = tokd("co\xE2\x80\x8Bop x\xE2\x80\x8B y");
    char b[64];
    CHECK_INT(d->tokens.n, 3);
    CHECK_STR(tform(d, 0, b, sizeof b), "co\xE2\x80\x8Bop");
    CHECK_STR(d->words.v[0].norm, "coop");
    CHECK_STR(tform(d, 1, b, sizeof b), "x");
    sitrep_doc_free(d);
}

static void emoji_and_symbols(void)
{
    /* thumbs up + skin tone; family ZWJ sequence; flag; © */
    sitrep_doc *d = tokd("ok\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 "
                         "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6\xC2\xA9");
    char b[64];
    CHECK_INT(d->tokens.n, 5);
    CHECK_STR(tform(d, 1, b, sizeof b), "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");
    CHECK_STR(tform(d, 2, b, sizeof b), "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");
    CHECK_STR(tform(d, 3, b, sizeof b), "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6");
    CHECK_STR(tform(d, 4, b, sizeof b), "\xC2\xA9");
    sitrep_doc_free(d);
}

static void word_lists(void)
{
    CHECK(tok_is_abbrev("Mr", 2));
    CHECK(tok_is_abbrev("U.S", 3));
    CHECK(tok_is_abbrev("W", 1));
    CHECK(tok_is_abbrev("etc", 3));
    CHECK(!tok_is_abbrev("w", 1));
    CHECK(!tok_is_abbrev("Ukraine", 7));
    CHECK(!tok_is_abbrev("3.5", 3));
    CHECK(!tok_is_abbrev("", 0));
    CHECK(tok_is_title("Gen", 3));
    CHECK(!tok_is_title("Inc", 3));
    CHECK(tok_is_starter("The", 3));
    CHECK(!tok_is_starter("the", 3));
}

static void needs_norm_first(void)
{
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set_text(d, "x", 1);
    CHECK_INT(tok_run(d), SITREP_ERR_USAGE);
    sitrep_doc_free(d);
}

int main(void)
{
    RUN(mwt_curly_possessive_spans);
    RUN(mwt_split_points);
    RUN(its_for_it_is);
    RUN(space_after_flags);
    RUN(dashes_quotes_offsets);
    RUN(invisible_characters);
    RUN(emoji_and_symbols);
    RUN(word_lists);
    RUN(needs_norm_first);
    return TEST_EXIT();
}
