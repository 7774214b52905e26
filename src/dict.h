/* dict.h — TABARI/PETRARCH dictionaries (verbs, actors, agents, discards) in memory.
 *
 * A dict_set holds any number of loaded files of the four kinds; all of them share
 * one table of interned UPPER-CASE words (dict_intern_lookup), and every lookup runs
 * on those integer ids: a trie over word ids for actors, agents and discards, a hash
 * from the inflected verb word to its forms for verbs. Matching is on whole tokens:
 * the caller maps each token with dict_word_id (or upper-cases it and uses
 * dict_intern_lookup); 0 = unknown word, which never matches. Synsets are kept as
 * sets (a pattern element holds a synset id; dict_synset_match tests it). File
 * formats and the choices made where they are ambiguous: the comments in dict.c
 * (docs: ../shared/docs/petrarch-formats.md).
 *
 * Ownership: every pointer returned (strings, views) is borrowed from the set and
 * valid until the next dict_load* call or dict_set_free. Once loading is over, any
 * number of threads may read the set concurrently (no lookup writes to it). */
#ifndef SR_DICT_H
#define SR_DICT_H
#include <stddef.h>
#include <stdint.h>
#include "sitrep.h"

typedef struct dict_set dict_set;
typedef enum dict_kind { DICT_VERBS, DICT_ACTORS, DICT_AGENTS, DICT_DISCARDS } dict_kind;

/* Called once per unreadable entry (skipped), and per doubtful one that is kept (an
 * undefined synset; never fatal): w->file, w->line, w->msg. */
typedef void (*dict_warn_fn)(void *ctx, const sitrep_error *w);

dict_set *dict_set_new(void);                  /* owned; NULL on no memory */
void dict_set_free(dict_set *s);

/* Loads one file (or buffer; `name` is used in messages) into s. A bad entry is
 * reported through cb (may be NULL) and skipped; with strict, the first one stops the
 * load with SITREP_ERR_INPUT and err naming file and line. SITREP_ERR_IO when the
 * file cannot be read. After a failure s may hold part of the file. */
sitrep_status dict_load(dict_set *s, dict_kind k, const char *path, int strict,
                        sitrep_error *err, dict_warn_fn cb, void *ctx);
sitrep_status dict_load_mem(dict_set *s, dict_kind k, const char *buf, size_t len,
                            const char *name, int strict, sitrep_error *err,
                            dict_warn_fn cb, void *ctx);
#define dict_load_verbs(s, p, st, e, cb, ctx)    dict_load((s), DICT_VERBS, (p), (st), (e), (cb), (ctx))
#define dict_load_actors(s, p, st, e, cb, ctx)   dict_load((s), DICT_ACTORS, (p), (st), (e), (cb), (ctx))
#define dict_load_agents(s, p, st, e, cb, ctx)   dict_load((s), DICT_AGENTS, (p), (st), (e), (cb), (ctx))
#define dict_load_discards(s, p, st, e, cb, ctx) dict_load((s), DICT_DISCARDS, (p), (st), (e), (cb), (ctx))

/* Word id of an upper-case word (0 when no dictionary uses it), and back. */
uint32_t dict_intern_lookup(const dict_set *s, const char *upper_word);
/* dict_intern_lookupn in two steps (intern.h: intern_prefetch). */
uint32_t dict_intern_prefetch(const dict_set *s, const char *upper_word, size_t len);
uint32_t dict_intern_lookup_hashed(const dict_set *s, const char *upper_word, size_t len,
                                   uint32_t hash);
/* 1 when some dictionary word (upper-cased) contains byte c. */
int dict_word_has_byte(const dict_set *s, unsigned char c);
/* dict_word_id of a NUL-terminated word, upper-casing ASCII letters only (the
 * event coder's and the gate's lookups; the actor stage's units use
 * toupper too); 0 when absent or longer than 127 bytes. */
uint32_t dict_ascii_word_id(const dict_set *s, const char *word);
uint32_t dict_intern_lookupn(const dict_set *s, const char *upper_word, size_t len);
const char *dict_word(const dict_set *s, uint32_t id);
/* Word id of a token as written: upper-cased here (Unicode simple case), then
 * looked up; no allocation, safe from many threads. 0 when unknown or > 255 bytes. */
uint32_t dict_word_id(const dict_set *s, const char *word, size_t len);

/* ---- actors: longest phrase starting at tok[0]; *len = its token count. */
typedef struct dict_actor dict_actor;
const dict_actor *dict_actor_match(const dict_set *s, const uint32_t *tok, size_t n, size_t *len);
/* The code for a date (YYYYMMDD): dated restrictions first, in file order, the
 * first satisfied wins; else the first undated code (base-line code = default);
 * NULL when none applies. */
const char *dict_actor_code(const dict_set *s, const dict_actor *a, int32_t yyyymmdd);
typedef enum dict_when { DICT_ALWAYS, DICT_BEFORE, DICT_FROM, DICT_RANGE } dict_when;
typedef struct dict_dated {
    const char *code;            /* verbatim ("USAGOV", "---", "pse") */
    dict_when when;              /* BEFORE: d < d1; FROM: d >= d1; RANGE: d1 <= d < d2 */
    int32_t d1, d2;              /* YYYYMMDD */
    const char *file; size_t line;
} dict_dated;
size_t dict_actor_ncodes(const dict_set *s, const dict_actor *a);
int dict_actor_code_at(const dict_set *s, const dict_actor *a, size_t i, dict_dated *out);

/* ---- agents: code "~GOV" (appended to the actor code) or "IGO~" (put before it). */
typedef struct dict_agent dict_agent;
const dict_agent *dict_agent_match(const dict_set *s, const uint32_t *tok, size_t n, size_t *len);
const char *dict_agent_code(const dict_set *s, const dict_agent *a);

/* ---- discards: leftmost-longest phrase anywhere in tok[0..n); a story discard is
 * preferred over a sentence discard. 1 when found (*start, *len, *story set). */
int dict_discard_match(const dict_set *s, const uint32_t *tok, size_t n,
                       size_t *start, size_t *len, int *story);

/* ---- verbs */
typedef struct dict_form {       /* one way a verb is written, keyed by its verb word */
    uint32_t verb, block;        /* verb entry and block indices */
    const uint32_t *pre;  size_t npre;   /* words right before the verb word */
    const uint32_t *post; size_t npost;  /* particles right after it */
    const char *code, *passive;  /* verb codes (block code applied); NULL = none */
} dict_form;
/* Forms whose inflected word is `word`; fills up to cap, returns how many exist. */
size_t dict_verb_lookup(const dict_set *s, uint32_t word, dict_form *out, size_t cap);

typedef enum dict_elem_kind {
    DICT_E_WORD, DICT_E_SYNSET, DICT_E_ANY /* ^ */, DICT_E_SOURCE /* $ */,
    DICT_E_TARGET /* + */, DICT_E_OTHER /* % */, DICT_E_NP_OPEN /* { */, DICT_E_NP_CLOSE,
    DICT_E_PP_OPEN /* ( */, DICT_E_PP_CLOSE
} dict_elem_kind;
typedef struct dict_elem {
    uint8_t kind;                /* dict_elem_kind */
    uint8_t joined;              /* 1: written with '_' to the element before it (for
                                    post[0]: to the verb): adjacent in the text */
    uint32_t id;                 /* WORD: word id; SYNSET: synset id */
} dict_elem;
typedef struct dict_pattern {    /* pre/post in text order; NP's last word = head */
    const dict_elem *pre; size_t npre;
    const dict_elem *post; size_t npost;
    const char *code, *passive;  /* [CCC] [CCC:PPP] [:PPP] [---]; NULL = none given */
    int verb_joined;             /* `IN_*`: the verb is adjacent to the last pre element */
    const char *file; size_t line;
} dict_pattern;
size_t dict_nblocks(const dict_set *s);
const char *dict_block_name(const dict_set *s, uint32_t block);
size_t dict_block_npatterns(const dict_set *s, uint32_t block);
int dict_block_pattern(const dict_set *s, uint32_t block, size_t i, dict_pattern *out);
/* Longest member of synset `syn` starting at tok[0] (1 when found, *len set). */
int dict_synset_match(const dict_set *s, uint32_t syn, const uint32_t *tok, size_t n, size_t *len);
const char *dict_synset_name(const dict_set *s, uint32_t syn);   /* "&CURRENCY" */

/* ---- transformations `~ a (b c VERB2) VERB1 = x y CODE` (petrarch-formats.md 6.1):
 * an event of VERB2 (source b, target c) in a clause that VERB1 (source a) governs
 * is coded x -> y CODE instead. Each verb is resolved, after every verb file, to
 * the entry and code its word has when written alone (so a transformation also
 * matches other verbs with that code); a verb no loaded file defines is reported
 * (the line is kept: a later file may define it). */
typedef struct dict_tverb {
    uint32_t word;               /* the word as written ("ATTACK") */
    uint32_t verb;               /* the verb entry (dict_form.verb) of the word
                                    written alone, UINT32_MAX when none */
    const char *code;            /* that entry's code, block code applied ("190",
                                    "---"); NULL when none */
} dict_tverb;
typedef struct dict_transform {
    char src, src2, tgt2, res_src, res_tgt;   /* a letter (variable), '.' any actor
                                                 or none, '_' no actor */
    const dict_tverb *verb2; size_t nverb2;   /* inner verb: 0 = Q (any verb), 1, or
                                                 2 for A_B (B under A) */
    const dict_tverb *verb1; size_t nverb1;   /* outer verb, likewise */
    const char *code;            /* NULL = Q (the inner event's code) */
    const char *file; size_t line;
} dict_transform;
size_t dict_ntransforms(const dict_set *s);
int dict_transform_get(const dict_set *s, size_t i, dict_transform *out);

/* ---- figures */
typedef struct dict_counts {
    size_t blocks, block_headers, verbs, forms, patterns, synsets, synset_members, transforms;
    size_t actor_entries, actor_phrases, actor_codes;
    size_t agent_lines, agent_phrases, agent_sets;
    size_t discards_sentence, discards_story;
    size_t words, memory;        /* interned words; bytes allocated */
} dict_counts;
void dict_get_counts(const dict_set *s, dict_counts *out);
#endif
