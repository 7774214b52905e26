/* test_lemma.c — lemma rules: training lookup, WordNet exceptions and morphy,
 * rules by tag; FEATS lookup. */
#include <stdlib.h>
#include <string.h>

#include "lemma.h"
#include "test.h"

static void lookups_and_rules(void)
{
    lemma_build b;
    lemma_model m;
    arena mem;
    arena_init(&mem);
    CHECK_INT(lemma_build_init(&b, 4), 0);
    int wn = lemma_build_wordnet(&b, "/usr/share/wordnet") == 0;
    /* class 0 = VBD, 1 = NNS, 2 = NNPS, 3 = VBG (as a trained model would number them) */
    CHECK_INT(lemma_build_add(&b, "was", 0, "be", "Mood=Ind|Tense=Past"), 0);
    CHECK_INT(lemma_build_add(&b, "was", 0, "be", "Mood=Ind|Tense=Past"), 0);
    CHECK_INT(lemma_build_add(&b, "was", 0, "was", NULL), 0);   /* outvoted */
    CHECK_INT(lemma_build_add(&b, "troops", 1, "troop", "Number=Plur"), 0);
    lemma_build_view(&b, &m);
    CHECK_STR(lemma_of(&m, "was", "VBD", 0, &mem), "be");
    CHECK_STR(lemma_of(&m, "Was", "VBD", 0, &mem), "be");       /* lower-case lookup */
    CHECK_STR(lemma_feats(&m, "was", 0), "Mood=Ind|Tense=Past");
    CHECK_STR(lemma_feats(&m, "soldiers", 1), "Number=Plur");   /* by class */
    CHECK_STR(lemma_of(&m, "Americans", "NNPS", 2, &mem), "American");
    CHECK_STR(lemma_of(&m, "Kursk", "NNP", 2, &mem), "Kursk");
    CHECK_STR(lemma_of(&m, "The", "DT", 3, &mem), "the");
    CHECK_STR(lemma_of(&m, "blorfed", "VBD", 0, &mem), "blorf"); /* unknown: rules */
    CHECK_STR(lemma_of(&m, "stopping", "VBG", 3, &mem), "stop");
    if (wn) {
        CHECK_STR(lemma_of(&m, "geese", "NNS", 1, &mem), "goose");   /* noun.exc */
        CHECK_STR(lemma_of(&m, "threatened", "VBD", 0, &mem), "threaten");
        CHECK_STR(lemma_of(&m, "based", "VBN", 0, &mem), "base");  /* morphy + index */
        CHECK_STR(lemma_of(&m, "glasses", "NNS", 1, &mem), "glass");
    }
    lemma_build_free(&b);
    arena_free(&mem);
    if (!wn) SKIP("WordNet (/usr/share/wordnet) absent: exception and index rules not checked");
}

int main(void)
{
    RUN(lookups_and_rules);
    return TEST_EXIT();
}
