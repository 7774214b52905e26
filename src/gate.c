/* gate.c — the parse gate (gate.h). */
#include "gate.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "doc.h"

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

int gate_sentence(const dict_set *ds, const sitrep_doc *d, size_t si)
{
    if (!ds || dict_nblocks(ds) == 0) return 0;
    const sitrep_sentence *s = &d->sentences.v[si];
    const sitrep_word *w = &d->words.v[s->word];
    int verb = 0, actor = 0;
    /* ids of a sliding window of words: each word is looked up once */
    uint32_t ids[2 * WINDOW];
    size_t have = 0, base = 0;   /* ids[k] is word base + k, k < have */
    for (uint32_t i = 0; i < s->nwords && !(verb && actor); i++) {
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
        if (actor) continue;
        const char *f = wnorm(&w[i]);
        if (!strcasecmp(f, "he") || !strcasecmp(f, "she") || !strcasecmp(f, "it") ||
            !strcasecmp(f, "they")) {
            actor = 1;
            continue;
        }
        if (!id) continue;
        size_t m = have - (i - base), len;
        if (m > WINDOW) m = WINDOW;
        actor = dict_actor_match(ds, ids + (i - base), m, &len) != NULL ||
                dict_agent_match(ds, ids + (i - base), m, &len) != NULL;
    }
    return verb && actor;
}
