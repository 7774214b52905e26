/* fuzz_dict.c — libFuzzer target for the dictionary readers (src/dict.c): the input
 * is loaded from memory as a verb, actor, agent and discard file (one set, then
 * strict on a fresh set), and every lookup is run over the words it produced.
 *
 * Built by tests/fuzz/run.sh with every .c file of src/ (clang -fsanitize=fuzzer,
 * address,undefined); alone: the same with src/dict.c intern.c vec.c err.c utf8.c
 * and -lutf8proc. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dict.h"

static void ignore(void *ctx, const sitrep_error *w)
{
    (void)ctx;
    (void)w;
}

static volatile uint32_t sink;   /* keeps the reads of the views */

static void exercise(const dict_set *s)
{
    dict_counts c;
    dict_get_counts(s, &c);
    uint32_t tok[64];
    size_t n = 0;
    for (uint32_t id = 1; id <= c.words && n < 64; id++) {
        const char *w = dict_word(s, id);
        /* the token as a caller would give it: upper-casing finds the same id, except
         * for a word whose upper case is another string */
        (void)dict_word_id(s, w, strlen(w));
        tok[n++] = id;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = 0, start = 0;
        int story = 0;
        const dict_actor *a = dict_actor_match(s, tok + i, n - i, &len);
        if (a) {
            (void)dict_actor_code(s, a, 20200101);
            dict_dated d;
            for (size_t k = 0; k < dict_actor_ncodes(s, a); k++) dict_actor_code_at(s, a, k, &d);
        }
        const dict_agent *g = dict_agent_match(s, tok + i, n - i, &len);
        if (g) (void)dict_agent_code(s, g);
        (void)dict_discard_match(s, tok + i, n - i, &start, &len, &story);
        dict_form f[8];
        size_t nf = dict_verb_lookup(s, tok[i], f, 8);
        (void)nf;
        for (uint32_t syn = 1; syn < 8; syn++) (void)dict_synset_match(s, syn, tok + i, n - i, &len);
    }
    for (uint32_t b = 0; b < dict_nblocks(s); b++) {
        dict_pattern p;
        (void)dict_block_name(s, b);
        for (size_t i = 0; dict_block_pattern(s, b, i, &p); i++) {
            for (size_t k = 0; k < p.npre; k++) sink += p.pre[k].id;
            for (size_t k = 0; k < p.npost; k++) sink += p.post[k].id;
        }
    }
    dict_transform t;
    for (size_t i = 0; dict_transform_get(s, i, &t); i++) {
        for (size_t k = 0; k < t.nverb1; k++)
            sink += t.verb1[k].word + t.verb1[k].verb + (t.verb1[k].code ? (uint32_t)t.verb1[k].code[0] : 0);
        for (size_t k = 0; k < t.nverb2; k++)
            sink += t.verb2[k].word + t.verb2[k].verb + (t.verb2[k].code ? (uint32_t)t.verb2[k].code[0] : 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const dict_kind kinds[] = {DICT_VERBS, DICT_ACTORS, DICT_AGENTS, DICT_DISCARDS};
    sitrep_error err;
    dict_set *s = dict_set_new();
    if (!s) return 0;
    for (size_t k = 0; k < 4; k++)
        dict_load_mem(s, kinds[k], (const char *)data, size, "fuzz", 0, &err, ignore, NULL);
    exercise(s);
    dict_set_free(s);
    for (size_t k = 0; k < 4; k++) {
        s = dict_set_new();
        if (!s) return 0;
        dict_load_mem(s, kinds[k], (const char *)data, size, "fuzz", 1, &err, NULL, NULL);
        exercise(s);
        dict_set_free(s);
    }
    return 0;
}
