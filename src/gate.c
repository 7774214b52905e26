/* gate.c — the parse gate (gate.h). */
#include "gate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "feat.h"
#include "units.h"

static const char *wnorm(const sitrep_word *w) { return w->norm ? w->norm : w->form; }

static uint64_t name_key(const sitrep_word *w)
{
    uint64_t h = feat_hash(w->form, strlen(w->form));
    return h ? h : 1;
}

static void remember(gate_ctx *g, uint64_t h)
{
    if (g->full) return;
    if (2 * (g->n + 1) > sizeof g->set / sizeof *g->set) { g->full = 1; return; }
    size_t mask = sizeof g->set / sizeof *g->set - 1, j = h & mask;
    while (g->set[j] && g->set[j] != h) j = (j + 1) & mask;
    if (!g->set[j]) { g->set[j] = h; g->n++; }
}

static int known(const gate_ctx *g, uint64_t h)
{
    if (g->full) return 1;
    size_t mask = sizeof g->set / sizeof *g->set - 1, j = h & mask;
    while (g->set[j]) {
        if (g->set[j] == h) return 1;
        j = (j + 1) & mask;
    }
    return 0;
}

/* A pronoun the actor stage may resolve (actor.c): he, she, him, her, and "it"
 * as the subject of a verb. Before the parse, that is an "it" whose next word,
 * past adverbs, particles and punctuation, is a verb or an auxiliary ("it has
 * asked", "it also said", "it, however, said"). "They" is never resolved. */
static int pronoun_actor(const sitrep_word *w, uint32_t n, uint32_t i)
{
    const char *f = wnorm(&w[i]);
    if (!strcasecmp(f, "he") || !strcasecmp(f, "she") || !strcasecmp(f, "him") ||
        !strcasecmp(f, "her"))
        return 1;
    if (strcasecmp(f, "it")) return 0;
    for (uint32_t j = i + 1; j < n; j++) {
        int u = w[j].upos;
        if (u == SITREP_UPOS_ADV || u == SITREP_UPOS_PART || u == SITREP_UPOS_PUNCT) continue;
        return !u || u == SITREP_UPOS_VERB || u == SITREP_UPOS_AUX;
    }
    return 0;
}

void gate_ctx_free(gate_ctx *g)
{
    free(g->ids);
    free(g->inside);
    gate_ctx_init(g);
}

/* Words of a sentence as dictionary ids and whether each lies inside an actor
 * or agent phrase, in g's scratch (grown as needed). -1 on no memory. */
static int scratch(gate_ctx *g, uint32_t n)
{
    if (n <= g->cap) return 0;
    size_t cap = n + n / 2 + 16;
    uint32_t *ids = realloc(g->ids, cap * sizeof *ids);
    if (!ids) return -1;
    g->ids = ids;
    unsigned char *in = realloc(g->inside, cap);
    if (!in) return -1;
    g->inside = in;
    g->cap = cap;
    return 0;
}

/* Some form of the verb word at i can be coded here: its pre-words stand right
 * before it, its particles somewhere after it (next to it, or as its
 * compound:prt dependent once parsed), and it has a code or patterns. */
static int codable_form(const dict_set *ds, const uint32_t *ids, uint32_t n, uint32_t i, uint32_t id)
{
    dict_form f[32];
    size_t nf = dict_verb_lookup(ds, id, f, 32);
    if (nf > 32) return 1;                     /* too many to check: parse */
    for (size_t k = 0; k < nf; k++) {
        if (f[k].npre > i) continue;
        int ok = 1;
        for (size_t p = 0; p < f[k].npre && ok; p++) ok = ids[i - f[k].npre + p] == f[k].pre[p];
        for (size_t p = 0; p < f[k].npost && ok; p++) {
            ok = 0;
            for (uint32_t j = i + 1; j < n && !ok; j++) ok = ids[j] == f[k].post[p];
        }
        if (!ok) continue;
        if ((f[k].code && strcmp(f[k].code, "---")) || (f[k].passive && strcmp(f[k].passive, "---")) ||
            dict_block_npatterns(ds, f[k].block) > 0)
            return 1;
    }
    return 0;
}

int gate_sentence(const dict_set *ds, sitrep_doc *d, size_t si, gate_ctx *g)
{
    if (!ds || dict_nblocks(ds) == 0) return 0;
    const sitrep_sentence *s = &d->sentences.v[si];
    const sitrep_word *w = &d->words.v[s->word];
    uint32_t n = s->nwords, base = s->word;
    size_t nu;
    const doc_unit *u = units_of(ds, d, si, &nu);
    if (!u || scratch(g, n > nu ? n : (uint32_t)nu)) return 1;   /* no memory to decide: parse */
    uint32_t *ids = g->ids;
    unsigned char *inside = g->inside;
    int mentions = 0, standalone = 0;

    /* sources: pronouns, actor and agent phrases over the units, as the actor
     * stage reads them (leftmost longest); the names that may get a code are
     * remembered by their last word: a dictionary name of two words or more,
     * or a name right after an actor or agent phrase ("activist Jo Bloggs",
     * "Chief Executive of Hong Kong Carrie Lam": the actor stage makes them one
     * coded mention). An unknown name alone gets no code, nor do its later
     * surnames. */
    memset(inside, 0, n);
    for (size_t k = 0; k < nu;) {
        uint32_t i = u[k].w0 - base;
        if (pronoun_actor(w, n, i)) {
            mentions++;
            standalone = 1;
            k++;
            continue;
        }
        int actor = u[k].actor != NULL;
        if (!actor && !u[k].agent) { k++; continue; }
        if (actor) standalone = 1;
        size_t len = u[k].alen > u[k].plen ? u[k].alen : u[k].plen;
        if (!len) len = 1;
        uint32_t end = u[k + len - 1].w1 - base;   /* first word after the phrase */
        if (actor && end - i >= 2) remember(g, name_key(&w[end - 1]));
        if (end < n && units_proper(d, base + end, base)) {          /* a name joined to the mention */
            uint32_t j = end;
            while (j < n && units_proper(d, base + j, base)) j++;
            remember(g, name_key(&w[j - 1]));
        }
        mentions++;
        memset(inside + i, 1, end - i);
        k += len;
    }
    /* a lone proper noun outside the phrases: the surname of a name above */
    for (uint32_t i = 0; i < n && !standalone;) {
        if (!units_proper(d, base + i, base) || inside[i]) { i++; continue; }
        uint32_t j = i + 1;
        while (j < n && units_proper(d, base + j, base) && !inside[j]) j++;
        if (j == i + 1 && known(g, name_key(&w[i]))) standalone = 1;
        i = j;
    }
    if (!standalone && mentions < 2) return 0;
    /* a verb or noun (not a word of an actor's name) the coder can code, or a
     * demand ("X said Y must leave", coded whatever the verb); the coder looks
     * words up one by one */
    for (size_t k = 0; k < nu; k++) {           /* a one-word unit's id is its word's */
        uint32_t i = u[k].w0 - base;
        if (u[k].w1 - u[k].w0 == 1) ids[i] = u[k].id;
        else
            for (; i < u[k].w1 - base; i++) ids[i] = dict_ascii_word_id(ds, wnorm(&w[i]));
    }
    for (uint32_t i = 0; i < n; i++) {
        const char *f = wnorm(&w[i]);
        if (!strcasecmp(f, "must") || !strcasecmp(f, "should") || !strcasecmp(f, "ought")) return 1;
        int up = w[i].upos;
        if (up && up != SITREP_UPOS_VERB && up != SITREP_UPOS_NOUN) continue;
        if (up == SITREP_UPOS_NOUN && inside[i]) continue;
        uint32_t lid = !w[i].lemma ? 0 : !strcasecmp(w[i].lemma, wnorm(&w[i])) ? ids[i] : dict_ascii_word_id(ds, w[i].lemma);
        if ((ids[i] && codable_form(ds, ids, n, i, ids[i])) || (lid && codable_form(ds, ids, n, i, lid)))
            return 1;
    }
    return 0;
}
