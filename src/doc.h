/* doc.h — the document model, seen from inside the library.
 *
 * A sitrep_doc owns one arena (strings and per-article data) and one growable
 * vector per layer. Stages read the layers before them and fill their own;
 * sitrep_doc_reset empties everything and keeps the memory. */
#ifndef SR_DOC_H
#define SR_DOC_H
#include "sitrep.h"
#include "arena.h"
#include "vec.h"

/* A dictionary unit: a word, or a run of glued words that is one dictionary
 * word ("U.S.", "al-Qaeda"); see units.h. */
struct dict_actor;
struct dict_agent;
typedef struct doc_unit {
    uint32_t w0, w1;        /* words [w0, w1) (document indices) */
    uint32_t id;            /* dictionary word id, 0 unknown */
    uint32_t alen, plen;    /* units of the actor / agent phrase starting here */
    const struct dict_actor *actor;   /* longest actor phrase from here, or NULL */
    const struct dict_agent *agent;   /* longest agent phrase from here, or NULL */
} doc_unit;

struct sitrep_doc {
    arena mem;                          /* strings and per-article data */
    char *field[SITREP_FIELD_COUNT];    /* arena; NULL when unset */
    char *text;                         /* repaired UTF-8, NUL-terminated (arena) */
    size_t len;
    size_t nbad;                        /* invalid byte sequences replaced */
    int failed;                         /* input record unusable: output only */

    /* normalization shadow (norm stage): norm[i] came from text[norm_map[i]];
     * norm_map has norm_len + 1 entries (the last maps to len). */
    char *norm;
    uint32_t *norm_map;
    size_t norm_len;

    VEC(sitrep_sentence) sentences;
    VEC(sitrep_token) tokens;
    VEC(sitrep_word) words;
    VEC(sitrep_actor) actors;
    VEC(sitrep_event) events;
    VEC(sitrep_quote) quotes;
    VEC(sitrep_place) places;
    VEC(sitrep_loaded) loaded;
    VEC(const char *) warnings;         /* arena strings */
    sitrep_tone tone;
    VEC(sitrep_tone) sent_tone;         /* --detail: one per sentence */
    VEC(sitrep_tone) quote_tone;        /* --detail: one per quote */

    /* dictionary units (units.c, lazy): sentence s has units[unit_span[s] >> 32
     * ...] (unit_span[s] & 0xffffffff of them); UINT64_MAX = not made yet */
    VEC(doc_unit) units;
    VEC(uint32_t) unit_ids;             /* scratch of units_of: one sentence's ids */
    VEC(uint64_t) unit_span;

    /* byte -> code point: cp_at[k] = code points before byte 64*k (lazy) */
    VEC(uint32_t) cp_at;
};

/* The effective article date as YYYYMMDD (field DATE, else the fallback). */
#endif
