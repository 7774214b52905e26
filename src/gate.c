/* gate.c — the parse gate (gate.h). */
#include "gate.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "feat.h"

static const char *wnorm(const sitrep_word *w) { return w->norm ? w->norm : w->form; }

/* The dictionaries' id of a word, upper-cased (0: not in any dictionary). */
static uint32_t upper_id(const dict_set *ds, const char *s)
{
    char buf[128];
    size_t n = 0;
    for (; *s && n + 1 < sizeof buf; s++) buf[n++] = (char)toupper((unsigned char)*s);
    if (*s) return 0;
    return dict_intern_lookupn(ds, buf, n);
}

enum { WINDOW = 64 };   /* longest actor or agent phrase tried */

/* A proper noun, as the actor stage sees names (actor.c: proper). */
static int proper(const sitrep_word *w, uint32_t i)
{
    if (w[i].upos) return w[i].upos == SITREP_UPOS_PROPN && (isupper((unsigned char)w[i].form[0]) ||
                                                            isdigit((unsigned char)w[i].form[0]));
    return i > 0 && isupper((unsigned char)w[i].form[0]);
}

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
 * as a subject, which before the parse is "it" followed by a verb, auxiliary
 * or adverb ("it has asked", "it also said"). "They" is never resolved. */
static int pronoun_actor(const sitrep_word *w, uint32_t n, uint32_t i)
{
    const char *f = wnorm(&w[i]);
    if (!strcasecmp(f, "he") || !strcasecmp(f, "she") || !strcasecmp(f, "him") ||
        !strcasecmp(f, "her"))
        return 1;
    if (strcasecmp(f, "it") || i + 1 >= n) return 0;
    int u = w[i + 1].upos;
    return !u || u == SITREP_UPOS_VERB || u == SITREP_UPOS_AUX || u == SITREP_UPOS_ADV;
}   /* longest actor or agent phrase tried */

int gate_sentence(const dict_set *ds, const sitrep_doc *d, size_t si, gate_ctx *g)
{
    if (!ds || dict_nblocks(ds) == 0) return 0;
    const sitrep_sentence *s = &d->sentences.v[si];
    const sitrep_word *w = &d->words.v[s->word];
    int verb = 0, mentions = 0, standalone = 0;
    /* names: remember the last word of each run of two or more proper nouns;
     * a lone proper noun already remembered may be an actor */
    for (uint32_t i = 0; i < s->nwords;) {
        if (!proper(w, i)) { i++; continue; }
        uint32_t j = i + 1;
        while (j < s->nwords && proper(w, j)) j++;
        if (j - i >= 2) remember(g, name_key(&w[j - 1]));
        else if (known(g, name_key(&w[i]))) standalone = 1;
        i = j;
    }
    uint32_t skip = 0;                 /* words before this are inside a mention */
    /* ids of a sliding window of words: each word is looked up once */
    uint32_t ids[2 * WINDOW];
    size_t have = 0, base = 0;   /* ids[k] is word base + k, k < have */
    for (uint32_t i = 0; i < s->nwords && !(verb && (standalone || mentions >= 2)); i++) {
        if (i - base >= WINDOW) {          /* slide: keep words i.. */
            size_t keep = have - (i - base);
            memmove(ids, ids + (i - base), keep * sizeof *ids);
            have = keep;
            base = i;
        }
        while (have < 2 * WINDOW && base + have < s->nwords)
            ids[have] = upper_id(ds, wnorm(&w[base + have])), have++;
        uint32_t id = ids[i - base];
        /* the coder looks at verbs and nouns only (event_run) */
        if (!verb && (!w[i].upos || w[i].upos == SITREP_UPOS_VERB || w[i].upos == SITREP_UPOS_NOUN)) {
            dict_form f[1];
            uint32_t lid = w[i].lemma ? upper_id(ds, w[i].lemma) : 0;
            verb = (id && dict_verb_lookup(ds, id, f, 1) > 0) || (lid && dict_verb_lookup(ds, lid, f, 1) > 0);
        }
        if (i < skip) continue;
        if (pronoun_actor(w, s->nwords, i)) {
            mentions++;
            standalone = 1;
            continue;
        }
        if (!id) continue;
        size_t m = have - (i - base), len = 0;
        if (m > WINDOW) m = WINDOW;
        if (dict_actor_match(ds, ids + (i - base), m, &len)) standalone = 1;
        else if (!dict_agent_match(ds, ids + (i - base), m, &len)) continue;
        mentions++;
        skip = i + (uint32_t)(len ? len : 1);
    }
    return verb && (standalone || mentions >= 2);
}
