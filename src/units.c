/* units.c — dictionary units of a sentence (units.h). */
#include "units.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

enum { MAX_WORD = 128, MAX_JOIN = 6 };

static size_t upper(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) out[n++] = (char)toupper((unsigned char)*s);
    out[n] = '\0';
    return *s ? 0 : n;      /* 0: too long */
}

static const char *wnorm(const sitrep_word *w) { return w->norm ? w->norm : w->form; }

/* 1 when word i is directly followed by word i+1 without white space. */
static int glued(const sitrep_doc *d, uint32_t i)
{
    const sitrep_word *a = &d->words.v[i], *b = &d->words.v[i + 1];
    if (a->token == b->token) return 1;
    return !d->tokens.v[a->token].space_after && d->tokens.v[a->token].end == d->tokens.v[b->token].start;
}

enum { PREFETCH_WORDS = 256 };

static size_t make_units(const dict_set *ds, const sitrep_doc *d, const sitrep_sentence *s, doc_unit *u)
{
    /* every word's own lookup prefetched first: the misses overlap */
    uint32_t wh[PREFETCH_WORDS];
    uint32_t nh = s->nwords < PREFETCH_WORDS ? s->nwords : 0;
    for (uint32_t k = 0; k < nh; k++) {
        char up[MAX_WORD];
        size_t l = upper(wnorm(&d->words.v[s->word + k]), up, sizeof up);
        wh[k] = l ? dict_intern_prefetch(ds, up, l) : 0;
    }
    size_t n = 0;
    for (uint32_t i = s->word; i < s->word + s->nwords;) {
        char buf[MAX_WORD * MAX_JOIN];
        size_t len = 0;
        uint32_t best_end = i + 1, best_id = 0;
        /* longest glued run that is one dictionary word */
        for (uint32_t j = i; j < s->word + s->nwords && j < i + MAX_JOIN; j++) {
            if (j > i && !glued(d, j - 1)) break;
            /* never across a possessive or contracted clitic: "Ukraine's" is Ukraine */
            if (j > i && (wnorm(&d->words.v[j])[0] == '\'' || (unsigned char)wnorm(&d->words.v[j])[0] == 0xE2))
                break;
            /* a run through a byte no dictionary word has ("said," "Kyiv.") is no word */
            if (j > i && !dict_word_has_byte(ds, (unsigned char)toupper((unsigned char)wnorm(&d->words.v[j])[0])))
                break;
            char up[MAX_WORD];
            size_t l = upper(wnorm(&d->words.v[j]), up, sizeof up);
            if (!l || len + l >= sizeof buf) break;
            memcpy(buf + len, up, l);
            len += l;
            uint32_t id = j == i && i - s->word < nh ? dict_intern_lookup_hashed(ds, buf, len, wh[i - s->word])
                                                     : dict_intern_lookupn(ds, buf, len);
            if (j == i) best_id = id;
            else if (id) { best_id = id; best_end = j + 1; }
        }
        u[n].w0 = i;
        u[n].w1 = best_end;
        u[n].id = best_id;
        n++;
        i = best_end;
    }
    return n;
}

const doc_unit *units_of(const dict_set *ds, sitrep_doc *d, size_t s, size_t *n)
{
    *n = 0;
    if (d->unit_span.n < d->sentences.n) {
        if (vec_reserve(d->unit_span, d->sentences.n)) return NULL;
        while (d->unit_span.n < d->sentences.n) d->unit_span.v[d->unit_span.n++] = UINT64_MAX;
    }
    uint64_t span = d->unit_span.v[s];
    if (span == UINT64_MAX) {
        const sitrep_sentence *se = &d->sentences.v[s];
        if (vec_reserve(d->units, d->units.n + se->nwords + 1) ||
            vec_reserve(d->unit_ids, se->nwords + 1))
            return NULL;
        doc_unit *u = d->units.v + d->units.n;
        uint32_t *ids = d->unit_ids.v;           /* scratch: the tries take an id array */
        size_t k = make_units(ds, d, se, u);
        for (size_t i = 0; i < k; i++) ids[i] = u[i].id;
        /* the longest actor and agent phrases from each unit */
        for (size_t i = 0; i < k; i++) {
            size_t m = k - i < UNITS_WINDOW ? k - i : UNITS_WINDOW, alen = 0, plen = 0;
            u[i].actor = ids[i] ? dict_actor_match(ds, ids + i, m, &alen) : NULL;
            u[i].agent = ids[i] ? dict_agent_match(ds, ids + i, m, &plen) : NULL;
            u[i].alen = u[i].actor ? (uint32_t)alen : 0;
            u[i].plen = u[i].agent ? (uint32_t)plen : 0;
        }
        span = (uint64_t)d->units.n << 32 | k;
        d->units.n += k;
        d->unit_span.v[s] = span;
    }
    *n = (size_t)(span & 0xffffffffu);
    return d->units.v + (span >> 32);
}

int units_proper(const sitrep_doc *d, uint32_t w, uint32_t sent_first)
{
    const sitrep_word *x = &d->words.v[w];
    if (x->upos)
        return x->upos == SITREP_UPOS_PROPN && (isupper((unsigned char)x->form[0]) ||
                                                isdigit((unsigned char)x->form[0]));
    return w != sent_first && isupper((unsigned char)x->form[0]);
}
