/* event.c — the event coder (contract in event.h).
 *
 * Pattern matching follows TABARI/PETRARCH semantics on a dependency parse instead
 * of a constituency tree: the words of a pattern before `*` must occur, in order,
 * before the verb within its clause, those after `*` after it; `{A B HEAD}` noun
 * phrases and `(PREP NOUN)` phrases match word sequences in order; `&SYNSET`s match
 * any member; `^` matches anything; `$` and `+` mark where the source and target
 * actors are taken from. The most specific pattern (most words matched) wins; ties go
 * to the first in the file. A verb's clause is its subtree without embedded clauses
 * (ccomp, advcl, acl:relcl, parataxis, coordinated verbs), so "X said Y attacked Z"
 * codes Y -> Z from the embedded verb. */
#include "event.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cameo.h"
#include "doc.h"

enum { MAXW = 512, MAX_FORMS = 32 };

typedef struct sent_ctx {
    const dict_set *ds;
    sitrep_doc *d;
    const sitrep_sentence *s;
    uint32_t n;                 /* words in the sentence */
    uint32_t *id;               /* dictionary id of each word (upper-cased norm) */
    uint32_t *lemma_id;         /* id of the upper-cased lemma, 0 when none */
    uint32_t *tok_id;           /* first word of a multi-word token: id of the whole
                                   token ("DIDN'T"), else 0 */
    int32_t *actor;             /* actor index covering each word, -1 none */
    uint8_t *in_clause;         /* scratch: words of the current verb's clause */
} sent_ctx;

static const char *wnorm(const sitrep_word *w) { return w->norm ? w->norm : w->form; }

static uint32_t upper_id(const dict_set *ds, const char *s)
{
    char buf[128];
    size_t n = 0;
    for (; *s && n + 1 < sizeof buf; s++) buf[n++] = (char)toupper((unsigned char)*s);
    if (*s) return 0;
    return dict_intern_lookupn(ds, buf, n);
}

static const sitrep_word *W(const sent_ctx *c, uint32_t i) { return &c->d->words.v[c->s->word + i]; }
static int head_of(const sent_ctx *c, uint32_t i) { return W(c, i)->head - 1; }  /* -1 root */

static int rel_is(const sitrep_word *w, const char *rel)
{
    if (!w->deprel) return 0;
    size_t n = strlen(rel);
    return !strncmp(w->deprel, rel, n) && (w->deprel[n] == '\0' || w->deprel[n] == ':');
}

static int rel_eq(const sitrep_word *w, const char *rel) { return w->deprel && !strcmp(w->deprel, rel); }

static int lemma_is(const sitrep_word *w, const char *l)
{
    const char *x = w->lemma ? w->lemma : wnorm(w);
    for (; *x && *l; x++, l++)
        if (tolower((unsigned char)*x) != *l) return 0;
    return !*x && !*l;
}

static int word_lower_is(const sent_ctx *c, uint32_t i, const char *s)
{
    return !strcasecmp(wnorm(W(c, i)), s);
}

static int child(const sent_ctx *c, uint32_t h, const char *rel, uint32_t after);

/* Embedded clauses are not part of a verb's own clause; a complement or adverbial
 * clause without a subject of its own is (and often a tagging slip: "contribute a
 * million rupees" read as a clause). */
static int clause_boundary(const sent_ctx *c, uint32_t k)
{
    const sitrep_word *w = W(c, k);
    if (rel_is(w, "ccomp") || rel_is(w, "advcl")) {
        int mk = child(c, k, "mark", 0);
        return child(c, k, "nsubj", 0) >= 0 || child(c, k, "csubj", 0) >= 0 || child(c, k, "expl", 0) >= 0 ||
               (mk >= 0 && !word_lower_is(c, (uint32_t)mk, "to"));   /* "to base": infinitival */
    }
    return rel_eq(w, "acl:relcl") ||
           rel_is(w, "parataxis") || rel_is(w, "csubj") || rel_is(w, "list") ||
           (rel_is(w, "conj") && (w->upos == SITREP_UPOS_VERB || w->upos == SITREP_UPOS_AUX));
}

/* Marks v's clause in c->in_clause. */
static void mark_clause(sent_ctx *c, uint32_t v)
{
    for (uint32_t i = 0; i < c->n; i++) {
        uint32_t k = i;
        int in = 0, guard = 0;
        while (guard++ < 256) {
            if (k == v) { in = 1; break; }
            if (clause_boundary(c, k)) break;
            int h = head_of(c, k);
            if (h < 0 || (uint32_t)h >= c->n) break;
            k = (uint32_t)h;
        }
        c->in_clause[i] = (uint8_t)in;
    }
}


/* ------------------------------------------------------------ patterns */

typedef struct pmatch {
    int ok, score;
    int negword;                /* a negation was one of the matched words: the
                                   pattern's code already means the negated event */
    int src_at, tgt_at;         /* word index after which a $ / + marker stood, -2 none */
} pmatch;

/* Matches elements e[0..ne) over clause words in [from, to) in order (dir +1), or
 * backwards from `to - 1` (dir -1, elements taken from the end). */
static int match_elems(const sent_ctx *c, const dict_elem *e, size_t ne, int from, int to,
                       int dir, int verb, pmatch *m)
{
    int pos = dir > 0 ? from : to - 1;
    int prev = verb;                      /* word matched last (for `_` adjacency) */
    for (size_t k = 0; k < ne; k++) {
        const dict_elem *x = dir > 0 ? &e[k] : &e[ne - 1 - k];
        switch (x->kind) {
        case DICT_E_NP_OPEN: case DICT_E_NP_CLOSE: case DICT_E_PP_OPEN: case DICT_E_PP_CLOSE:
        case DICT_E_OTHER: case DICT_E_ANY:
            continue;
        case DICT_E_SOURCE:
            m->src_at = dir > 0 ? pos - 1 : pos + 1;
            continue;
        case DICT_E_TARGET:
            m->tgt_at = dir > 0 ? pos - 1 : pos + 1;
            continue;
        default:
            break;
        }
        int found = -1;
        size_t flen = 1;
        for (int i = pos; dir > 0 ? i < to : i >= from; i += dir) {
            if (!c->in_clause[i]) continue;
            if (x->kind == DICT_E_WORD) {
                if (c->id[i] == x->id || (c->lemma_id[i] && c->lemma_id[i] == x->id) ||
                    (c->tok_id[i] && c->tok_id[i] == x->id)) { found = i; break; }
            } else if (x->kind == DICT_E_SYNSET) {
                size_t len = 0;
                if (c->id[i] && dict_synset_match(c->ds, x->id, c->id + i, c->n - (uint32_t)i, &len)) {
                    found = i;
                    flen = len ? len : 1;
                    break;
                }
                if (c->lemma_id[i] && dict_synset_match(c->ds, x->id, c->lemma_id + i, 1, &len)) {
                    found = i;
                    break;
                }
                if (c->tok_id[i] && dict_synset_match(c->ds, x->id, c->tok_id + i, 1, &len)) {
                    found = i;
                    flen = c->d->tokens.v[W(c, (uint32_t)i)->token].nwords;
                    break;
                }
            }
            /* joined elements must be adjacent */
            if (x->joined) break;
        }
        if (found < 0) return 0;
        if (x->joined && abs(found - prev) != 1) return 0;
        for (size_t k2 = 0; k2 < flen && found + (int)k2 < (int)c->n; k2++) {
            const char *f = wnorm(W(c, (uint32_t)(found + (int)k2)));
            if (!strcasecmp(f, "not") || !strcasecmp(f, "n't") || !strcasecmp(f, "never") || !strcasecmp(f, "no"))
                m->negword = 1;
        }
        if (c->tok_id[found]) {
            const sitrep_token *t = &c->d->tokens.v[W(c, (uint32_t)found)->token];
            for (uint32_t k2 = t->word; k2 < t->word + t->nwords; k2++)
                if (!strcasecmp(wnorm(&c->d->words.v[k2]), "n't")) m->negword = 1;
        }
        m->score += 1;
        prev = found;
        pos = dir > 0 ? found + (int)flen : found - 1;
    }
    return 1;
}

static pmatch match_pattern(const sent_ctx *c, const dict_pattern *p, uint32_t v)
{
    pmatch m = {0, 0, 0, -2, -2};
    if (!match_elems(c, p->pre, p->npre, 0, (int)v, -1, (int)v, &m)) return m;
    if (!match_elems(c, p->post, p->npost, (int)v + 1, (int)c->n, +1, (int)v, &m)) return m;
    m.ok = 1;
    return m;
}

/* --------------------------------------------------------------- actors */

/* Children of word h with relation rel (prefix match), in order. */
static int child(const sent_ctx *c, uint32_t h, const char *rel, uint32_t after)
{
    for (uint32_t i = after; i < c->n; i++)
        if (head_of(c, i) == (int)h && rel_is(W(c, i), rel)) return (int)i;
    return -1;
}

/* The actor of a nominal: one covering it, else one in its compound/amod/poss/
 * flat/appos/nmod dependents (nearest first). */
static int32_t actor_of(const sent_ctx *c, uint32_t w, int depth)
{
    if (c->actor[w] >= 0) return c->actor[w];
    if (depth > 2) return -1;
    static const char *const rels[] = {"compound", "amod", "nmod:poss", "flat", "appos", "nmod", "det", NULL};
    for (int r = 0; rels[r]; r++)
        for (uint32_t i = 0; i < c->n; i++)
            if (head_of(c, i) == (int)w && rel_is(W(c, i), rels[r])) {
                int32_t a = actor_of(c, i, depth + 1);
                if (a >= 0) return a;
            }
    return -1;
}


/* Actors written as a list after actor a: "X, Y and Z", "X and the Y" (the text's
 * coordination, which holds even where the parse attached a conjunct elsewhere). */
static size_t listed_after(const sent_ctx *c, int32_t a, int32_t *out, size_t n, size_t cap)
{
    uint32_t i = 0;
    while (i < c->n && c->actor[i] != a) i++;
    while (i < c->n && c->actor[i] == a) i++;
    for (;;) {
        uint32_t k = i;
        int sep = 0;
        while (k < c->n && (word_lower_is(c, k, ",") || word_lower_is(c, k, "and"))) { k++; sep = 1; }
        while (k < c->n && sep && (word_lower_is(c, k, "the") || W(c, k)->upos == SITREP_UPOS_ADJ)) k++;
        if (!sep || k >= c->n || c->actor[k] < 0 || n >= cap) return n;
        int32_t b = c->actor[k];
        int dup = 0;
        for (size_t j = 0; j < n; j++) dup |= out[j] == b;
        if (!dup) out[n++] = b;
        i = k;
        while (i < c->n && c->actor[i] == b) i++;
    }
}

/* The nominal's actor and those of nominals coordinated with it. */
static size_t actors_of(const sent_ctx *c, int w, int32_t *out, size_t cap)
{
    if (w < 0) return 0;
    size_t n = 0;
    int32_t a = actor_of(c, (uint32_t)w, 0);
    if (a >= 0) out[n++] = a;
    if (a >= 0) n = listed_after(c, a, out, n, cap);
    for (uint32_t i = 0; i < c->n && n < cap; i++)
        if (head_of(c, i) == w && rel_eq(W(c, i), "conj")) {
            int32_t b = actor_of(c, i, 0);
            if (b >= 0 && (n == 0 || out[n - 1] != b)) out[n++] = b;
        }
    return n;
}

static int is_passive(const sent_ctx *c, uint32_t v)
{
    return child(c, v, "nsubj:pass", 0) >= 0 || child(c, v, "aux:pass", 0) >= 0;
}

/* The subject of v: its own, else (xcomp, conj, acl) inherited from the head. */
static int subject_of(const sent_ctx *c, uint32_t v, int *passive_subject)
{
    *passive_subject = 0;
    uint32_t k = v;
    for (int guard = 0; guard < 8; guard++) {
        int s = child(c, k, "nsubj", 0);
        if (s >= 0) {
            *passive_subject = rel_is(W(c, (uint32_t)s), "nsubj") && W(c, (uint32_t)s)->deprel &&
                               strstr(W(c, (uint32_t)s)->deprel, "pass") != NULL;
            /* a relative pronoun stands for the noun the clause modifies */
            const sitrep_word *sj = W(c, (uint32_t)s);
            if (rel_eq(W(c, k), "acl:relcl") &&
                ((sj->feats && strstr(sj->feats, "PronType=Rel")) || word_lower_is(c, (uint32_t)s, "who") ||
                 word_lower_is(c, (uint32_t)s, "which") || word_lower_is(c, (uint32_t)s, "that")))
                return head_of(c, k);
            return s;
        }
        const sitrep_word *x = W(c, k);
        int h = head_of(c, k);
        if (h < 0) return -1;
        if (rel_is(x, "xcomp") || rel_eq(x, "conj")) { k = (uint32_t)h; continue; }
        if (rel_eq(x, "acl:relcl")) return h;
        /* a participial adverbial clause has its head's subject: "Putin issued an
         * order, urging troops ..." */
        if (rel_is(x, "advcl") && child(c, k, "mark", 0) < 0 && x->xpos && !strcmp(x->xpos, "VBG")) {
            k = (uint32_t)h;
            continue;
        }
        if (rel_eq(x, "acl")) { *passive_subject = 1; return h; }   /* "troops captured in ..." */
        return -1;
    }
    return -1;
}

static const char *const target_preps[] = {
    "to", "with", "against", "on", "at", "into", "from", "for", "toward", "towards",
    "upon", "over", "in", "of", NULL,
};

static int target_word(const sent_ctx *c, uint32_t v, int passive)
{
    int o;
    if (!passive && (o = child(c, v, "obj", 0)) >= 0 && actor_of(c, (uint32_t)o, 0) >= 0) return o;
    if ((o = child(c, v, "iobj", 0)) >= 0 && actor_of(c, (uint32_t)o, 0) >= 0) return o;
    /* obliques with a target-like preposition, first with an actor */
    for (uint32_t i = 0; i < c->n; i++) {
        if (head_of(c, i) != (int)v || !rel_is(W(c, i), "obl") || rel_eq(W(c, i), "obl:agent")) continue;
        int cs = child(c, i, "case", 0);
        if (cs < 0) continue;
        for (int p = 0; target_preps[p]; p++)
            if (lemma_is(W(c, (uint32_t)cs), target_preps[p]) && actor_of(c, i, 0) >= 0) return (int)i;
    }
    /* the object of an xcomp ("urged troops to defeat the enemy" keeps troops) */
    if (!passive && (o = child(c, v, "obj", 0)) >= 0) return o;
    return -1;
}

/* 1 when word i is in the subtree of v (without crossing into a ccomp's own
 * subject-less material is fine: the whole subtree counts). */
static int in_subtree(const sent_ctx *c, uint32_t i, uint32_t v)
{
    for (int guard = 0; guard < 64; guard++) {
        if (i == v) return 1;
        int h = head_of(c, i);
        if (h < 0) return 0;
        i = (uint32_t)h;
    }
    return 0;
}

/* Fallback target, as a shallow coder would take it: the first actor word after
 * the verb inside its subtree (past objects that are not actors, into infinitival
 * and clausal complements: "signed an accord to supply Gondor", "believes Dagolath
 * can cope"). */
static int first_actor_after(const sent_ctx *c, uint32_t v, int skip)
{
    for (uint32_t i = v + 1; i < c->n; i++)
        if (c->actor[i] >= 0 && (int)i != skip && in_subtree(c, i, v)) {
            /* the head word of the actor's nominal: climb while still the same actor */
            uint32_t k = i;
            for (int g = 0; g < 8; g++) {
                int h = head_of(c, k);
                if (h < 0 || c->actor[h] != c->actor[i]) break;
                k = (uint32_t)h;
            }
            return (int)k;
        }
    return -1;
}

/* ---------------------------------------------------------- negation, intent */

static int negated(const sent_ctx *c, uint32_t v)
{
    for (uint32_t i = 0; i < c->n; i++)
        if (head_of(c, i) == (int)v && (rel_is(W(c, i), "advmod") || rel_is(W(c, i), "neg") || rel_is(W(c, i), "det"))) {
            const char *f = wnorm(W(c, i));
            if (!strcasecmp(f, "not") || !strcasecmp(f, "n't") || !strcasecmp(f, "never") ||
                !strcasecmp(f, "no"))
                return 1;
        }
    return 0;
}

static const char *const intent_words[] = {
    "vow", "pledge", "promise", "plan", "intend", "want", "hope", "offer", "agree",
    "prepare", "aim", "seek", "ready", "willing", "prepared", "determined", "expect",
    "try", "decide", "wish", "propose", NULL,
};

/* 1 when v is in the future tense: an aux child "will", "would", "shall", "'ll"
 * ("Finland will give Tanzania a grant" is a promise, 033). */
static int future_of(const sent_ctx *c, uint32_t v)
{
    for (uint32_t i = 0; i < c->n; i++)
        if (head_of(c, i) == (int)v && rel_eq(W(c, i), "aux")) {
            const char *f = wnorm(W(c, i));
            if (!strcasecmp(f, "will") || !strcasecmp(f, "would") || !strcasecmp(f, "shall") ||
                !strcasecmp(f, "'ll") || !strcasecmp(f, "wo"))
                return 1;
        }
    return 0;
}

/* 1 when v is the xcomp of an intent word ("vowed to treat", "is ready to seek"). */
static int intent_of(const sent_ctx *c, uint32_t v)
{
    if (!rel_is(W(c, v), "xcomp")) return 0;
    int h = head_of(c, v);
    if (h < 0) return 0;
    for (int i = 0; intent_words[i]; i++)
        if (lemma_is(W(c, (uint32_t)h), intent_words[i])) return 1;
    return 0;
}

/* CAMEO intent codes for an action code: cooperation -> 03x, conflict -> 13x. */
static const char *intent_code(const char *code)
{
    static const struct { const char *root, *intent; } map[] = {
        {"04", "036"}, {"05", "030"}, {"06", "031"}, {"07", "033"}, {"08", "035"},
        {"14", "133"}, {"15", "138"}, {"16", "131"}, {"17", "137"}, {"18", "138"},
        {"19", "138"}, {"20", "138"}, {"12", "130"}, {"11", "130"}, {"10", "130"},
    };
    if (!code || strlen(code) < 2) return code;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strncmp(code, map[i].root, 2)) return map[i].intent;
    return code;
}

/* ------------------------------------------------------------- coding */

static int add_event(sent_ctx *c, size_t si, int32_t src, int32_t tgt, const char *code,
                     int neg, const char *explain)
{
    sitrep_doc *d = c->d;
    /* one event per (sentence, source, target, code) */
    for (size_t i = d->events.n; i-- > 0 && d->events.v[i].sentence == si;) {
        const sitrep_event *e = &d->events.v[i];
        if (!strcmp(e->code, code) &&
            (src >= 0 ? e->source.present && e->source.start == d->actors.v[src].start : !e->source.present) &&
            (tgt >= 0 ? e->target.present && e->target.start == d->actors.v[tgt].start : !e->target.present))
            return 0;
    }
    sitrep_event *e = vec_push(d->events);
    if (!e) return -1;
    e->sentence = (uint32_t)si;
    if (src >= 0) {
        const sitrep_actor *a = &d->actors.v[src];
        e->source = (sitrep_argument){1, a->start, a->end, a->text, a->code};
    }
    if (tgt >= 0) {
        const sitrep_actor *a = &d->actors.v[tgt];
        e->target = (sitrep_argument){1, a->start, a->end, a->text, a->code};
    }
    e->code = code;
    const cameo_info *ci = cameo_lookup(code);
    e->root = ci ? ci->root : NULL;
    e->quad = ci ? ci->quad : 0;
    e->goldstein = ci ? ci->goldstein : NAN;
    e->plover = ci ? ci->plover : NULL;
    e->plover_mode = ci ? ci->plover_mode : NULL;
    e->negated = (uint8_t)neg;
    e->location.lat = e->location.lon = NAN;
    e->explain = explain;
    return 0;
}

/* The actor nearest after (dir +1) or before (dir -1) word index w in the clause. */
static int32_t actor_near(const sent_ctx *c, int w, int dir)
{
    for (int i = w + dir; i >= 0 && i < (int)c->n; i += dir)
        if (c->in_clause[i] && c->actor[i] >= 0) return c->actor[i];
    return -1;
}

/* 1 when form f's pre-words stand right before word v and its particles right
 * after it (or as v's compound:prt dependent). */
static int form_present(const sent_ctx *c, uint32_t v, const dict_form *f)
{
    for (size_t k = 0; k < f->npre; k++) {
        int at = (int)v - (int)(f->npre - k);
        if (at < 0 || c->id[at] != f->pre[k]) return 0;
    }
    int prt = f->npost ? child(c, v, "compound:prt", 0) : -1;
    for (size_t k = 0; k < f->npost; k++) {
        uint32_t at = v + 1 + (uint32_t)k;
        if (!((at < c->n && c->id[at] == f->post[k]) || (prt >= 0 && c->id[prt] == f->post[k]))) return 0;
    }
    return 1;
}

/* The present form with the most pre-words and particles, -1 when none. */
static int best_form(const sent_ctx *c, uint32_t v, const dict_form *forms, size_t nf)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t f = 0; f < nf; f++)
        if (form_present(c, v, &forms[f]) && (best < 0 || forms[f].npre + forms[f].npost > best_len)) {
            best = (int)f;
            best_len = forms[f].npre + forms[f].npost;
        }
    return best;
}

static sitrep_status code_verb(sent_ctx *c, size_t si, uint32_t v, const event_opts *o)
{
    dict_form forms[MAX_FORMS];
    size_t nf = dict_verb_lookup(c->ds, c->id[v], forms, MAX_FORMS);
    if (!nf && c->lemma_id[v]) nf = dict_verb_lookup(c->ds, c->lemma_id[v], forms, MAX_FORMS);
    if (!nf) return SITREP_OK;
    if (nf > MAX_FORMS) nf = MAX_FORMS;
    int best = best_form(c, v, forms, nf);
    if (best < 0) return SITREP_OK;
    const dict_form *fm = &forms[best];
    mark_clause(c, v);
    int passive = is_passive(c, v);

    /* the most specific pattern of the block */
    dict_pattern bp = {0};
    pmatch bm = {0, -1, 0, -2, -2};
    int have = 0;
    size_t np = dict_block_npatterns(c->ds, fm->block);
    for (size_t i = 0; i < np; i++) {
        dict_pattern p;
        if (!dict_block_pattern(c->ds, fm->block, i, &p)) continue;
        pmatch m = match_pattern(c, &p, v);
        if (m.ok && m.score > bm.score) { bm = m; bp = p; have = 1; }
    }
    const char *code = fm->code, *pcode = fm->passive;
    if (have && (bp.code || bp.passive)) { code = bp.code; pcode = bp.passive; }
    if (passive && pcode) code = pcode;
    if (!code || !*code || !strcmp(code, "---")) return SITREP_OK;

    /* source and target */
    int subj_passive = 0;
    int sw = subject_of(c, v, &subj_passive);
    int tw = -1;
    int32_t srcs[8], tgts[8];
    size_t ns = 0, nt = 0;
    if (passive || subj_passive) {
        int ag = child(c, v, "obl:agent", 0);
        if (ag < 0) {
            for (uint32_t i = 0; i < c->n && ag < 0; i++) {
                if (head_of(c, i) != (int)v || !rel_is(W(c, i), "obl")) continue;
                int cs = child(c, i, "case", 0);
                if (cs >= 0 && lemma_is(W(c, (uint32_t)cs), "by")) ag = (int)i;
            }
        }
        ns = actors_of(c, ag, srcs, 8);
        nt = actors_of(c, sw, tgts, 8);
    } else {
        ns = actors_of(c, sw, srcs, 8);
        tw = target_word(c, v, 0);
        nt = actors_of(c, tw, tgts, 8);
        if (nt == 0) {
            tw = first_actor_after(c, v, sw);
            nt = actors_of(c, tw, tgts, 8);
        }
    }
    /* $ and + markers name where the actors are */
    if (have && bm.src_at > -2) {
        int32_t a = actor_near(c, bm.src_at, bm.src_at >= (int)v ? +1 : -1);
        if (a >= 0) { srcs[0] = a; ns = 1; }
    }
    if (have && bm.tgt_at > -2) {
        int32_t a = actor_near(c, bm.tgt_at, bm.tgt_at >= (int)v ? +1 : -1);
        if (a >= 0) { tgts[0] = a; nt = 1; }
    }
    if (ns == 0 && sw >= 0 && !passive && !subj_passive && W(c, (uint32_t)sw)->upos == SITREP_UPOS_PRON &&
        rel_is(W(c, v), "ccomp")) {
        /* "X said they would ...": an unresolved pronoun subject of a reported
           clause is the reporting verb's subject */
        int sp2, h = head_of(c, v);
        int s2 = h >= 0 ? subject_of(c, (uint32_t)h, &sp2) : -1;
        if (s2 >= 0 && !sp2) ns = actors_of(c, s2, srcs, 8);
    }
    if (ns == 0 && !passive && !subj_passive && sw < 0 && W(c, v)->upos == SITREP_UPOS_VERB) {
        /* no parsed subject: the nearest actor before the verb, as a shallow coder
           would take it, if no other verb stands between them */
        for (int i = (int)v - 1; i >= 0; i--) {
            const sitrep_word *x = W(c, (uint32_t)i);
            if (c->actor[i] >= 0) {
                int32_t a = c->actor[i];
                int dup = 0;
                for (size_t j = 0; j < nt; j++) dup |= tgts[j] == a;
                if (!dup) { srcs[0] = a; ns = 1; }
                break;
            }
            if (x->upos == SITREP_UPOS_VERB || !strcmp(wnorm(x), ";")) break;
        }
    }
    if (ns == 0) return SITREP_OK;
    /* "an official said": an agent of no known country acting on nobody is noise */
    if (nt == 0 && ns == 1 && (!strncmp(c->d->actors.v[srcs[0]].code, "---", 3) ||
                               (c->d->actors.v[srcs[0]].kind && !strcmp(c->d->actors.v[srcs[0]].kind, "agent"))))
        return SITREP_OK;

    int neg = negated(c, v) && !(have && bm.negword);
    if (intent_of(c, v)) code = intent_code(code);
    /* the future tense: a cooperative act to come is a promise (03x), a conflictual
     * one a threat (13x); a refusal ("will not accept", 12x) stays a refusal */
    else if (o && o->builtin_semantics && future_of(c, v) &&
             ((strncmp(code, "04", 2) >= 0 && strncmp(code, "08", 2) <= 0) ||
              (strncmp(code, "14", 2) >= 0 && strncmp(code, "20", 2) <= 0)))
        code = intent_code(code);

    const char *explain = NULL;
    if (o && o->explain) {
        char pat[160] = "";
        if (have) snprintf(pat, sizeof pat, "pattern %s:%zu", bp.file ? bp.file : "?", bp.line);
        else snprintf(pat, sizeof pat, "verb default");
        explain = arena_printf(&c->d->mem, "verb %s (block %s) %s; source via %s; target via %s%s%s",
                               W(c, v)->form, dict_block_name(c->ds, fm->block), pat,
                               sw >= 0 ? (W(c, (uint32_t)sw)->deprel ? W(c, (uint32_t)sw)->deprel : "?") : "marker",
                               nt ? (tw >= 0 && W(c, (uint32_t)tw)->deprel ? W(c, (uint32_t)tw)->deprel : "marker") : "none",
                               neg ? "; negated" : "", intent_of(c, v) ? "; intent" : "");
    }
    /* "Gondor and Osgiliath have delayed their meeting": with no target, the
     * coordinated sources act on each other */
    if (nt == 0 && ns > 1) {
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++)
                if (i != j && srcs[i] != srcs[j] &&
                    add_event(c, si, srcs[i], srcs[j], code, neg, explain))
                    return SITREP_ERR_NOMEM;
        return SITREP_OK;
    }
    for (size_t i = 0; i < ns; i++) {
        if (nt == 0) {
            if (add_event(c, si, srcs[i], -1, code, neg, explain)) return SITREP_ERR_NOMEM;
        }
        for (size_t j = 0; j < nt; j++) {
            if (srcs[i] == tgts[j]) continue;
            /* "he told ... he had spoken": a mention and its antecedent are one actor */
            const sitrep_actor *sa = &c->d->actors.v[srcs[i]], *ta = &c->d->actors.v[tgts[j]];
            uint32_t sref = sa->antecedent ? sa->antecedent : (uint32_t)srcs[i] + 1;
            uint32_t tref = ta->antecedent ? ta->antecedent : (uint32_t)tgts[j] + 1;
            if (sref == tref) continue;
            if (add_event(c, si, srcs[i], tgts[j], code, neg, explain)) return SITREP_ERR_NOMEM;
        }
    }
    return SITREP_OK;
}

/* "X said (that) Y must/should V": a demand of X on Y (100), coded on the
 * reported verb V: its clausal head's subject is the source, its own subject the
 * target. */
static sitrep_status code_obligation(sent_ctx *c, size_t si, uint32_t v, const event_opts *o)
{
    (void)o;
    if (!rel_is(W(c, v), "ccomp")) return SITREP_OK;
    int modal = 0;
    for (uint32_t i = 0; i < c->n; i++)
        if (head_of(c, i) == (int)v && rel_is(W(c, i), "aux")) {
            const char *f = wnorm(W(c, i));
            if (!strcasecmp(f, "must") || !strcasecmp(f, "should") || !strcasecmp(f, "ought")) modal = 1;
        }
    if (!modal) return SITREP_OK;
    int h = head_of(c, v);
    if (h < 0) return SITREP_OK;
    int sp;
    int sw = subject_of(c, (uint32_t)h, &sp);
    int tw = child(c, v, "nsubj", 0);
    if (sw < 0 || tw < 0 || sp) return SITREP_OK;
    int32_t srcs[8], tgts[8];
    size_t ns = actors_of(c, sw, srcs, 8), nt = actors_of(c, tw, tgts, 8);
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < nt; j++)
            if (srcs[i] != tgts[j] && add_event(c, si, srcs[i], tgts[j], "100", negated(c, v), NULL))
                return SITREP_ERR_NOMEM;
    return SITREP_OK;
}

/* 1 when an xcomp verb's head is itself coded: the head's event stands for both
 * ("threatened to install" is a threat, not an installation). */
static int head_is_coded(const sent_ctx *c, uint32_t v)
{
    if (!rel_is(W(c, v), "xcomp")) return 0;
    int h = head_of(c, v);
    if (h < 0) return 0;
    /* coded: some form of the head word carries a real code (a [---] verb such as
     * VOW only frames the event below it) */
    dict_form f[MAX_FORMS];
    for (int pass = 0; pass < 2; pass++) {
        uint32_t id = pass ? c->lemma_id[h] : c->id[h];
        if (!id) continue;
        size_t nf = dict_verb_lookup(c->ds, id, f, MAX_FORMS);
        if (nf > MAX_FORMS) nf = MAX_FORMS;
        for (size_t i = 0; i < nf; i++) {
            /* only a form whose pre-words and particles are there ("continued to
             * send" is not CONTINUE_TALKS) */
            if (f[i].code && strcmp(f[i].code, "---") && form_present(c, (uint32_t)h, &f[i]))
                return 1;
        }
    }
    return 0;
}

/* The default code of the form a word has in the verb dictionary (first form
 * whose pre-words and particles are there), NULL when none. */
static const char *word_code(const sent_ctx *c, uint32_t h)
{
    dict_form f[MAX_FORMS];
    for (int pass = 0; pass < 2; pass++) {
        uint32_t id = pass ? c->lemma_id[h] : c->id[h];
        if (!id) continue;
        size_t nf = dict_verb_lookup(c->ds, id, f, MAX_FORMS);
        if (nf > MAX_FORMS) nf = MAX_FORMS;
        int b = best_form(c, h, f, nf);
        if (b >= 0 && f[b].code) return f[b].code;
    }
    return NULL;
}

/* 1 when v is the content of an appeal, promise, demand, accusation, rejection
 * or threat ("demanded that the US cancel plans", "accused X of attacking"):
 * the act is not (yet) an event. */
static int is_content(const sent_ctx *c, uint32_t v)
{
    if (!rel_is(W(c, v), "ccomp") && !rel_is(W(c, v), "xcomp") && !rel_is(W(c, v), "advcl") && !rel_is(W(c, v), "acl")) return 0;
    int h = head_of(c, v);
    if (h < 0) return 0;
    const char *code = word_code(c, (uint32_t)h);
    if (!code || strlen(code) < 2) return 0;
    static const char *const roots[] = {"02", "03", "10", "11", "12", "13", NULL};
    for (int i = 0; roots[i]; i++)
        if (!strncmp(code, roots[i], 2)) return 1;
    return 0;
}

static int has_modal(const sent_ctx *c, uint32_t v)
{
    for (uint32_t i = 0; i < c->n; i++)
        if (head_of(c, i) == (int)v && rel_is(W(c, i), "aux")) {
            const char *f = wnorm(W(c, i));
            if (!strcasecmp(f, "must") || !strcasecmp(f, "should") || !strcasecmp(f, "ought")) return 1;
        }
    return 0;
}

sitrep_status event_run(const dict_set *ds, const event_opts *o, sitrep_doc *d)
{
    if (!ds || dict_nblocks(ds) == 0) return SITREP_OK;
    /* a story discard drops the whole article */
    for (size_t si = 0; si < d->sentences.n; si++) {
        const sitrep_sentence *s = &d->sentences.v[si];
        if (s->nwords == 0 || s->nwords > MAXW) continue;
        if (d->words.v[s->word].head < 0) continue;           /* not parsed */
        uint32_t n = s->nwords;
        sent_ctx c = {ds, d, s, n, NULL, NULL, NULL, NULL, NULL};
        c.tok_id = arena_calloc(&d->mem, n * sizeof *c.tok_id);
        if (!c.tok_id) return SITREP_ERR_NOMEM;
        c.id = arena_alloc(&d->mem, n * sizeof *c.id);
        c.lemma_id = arena_alloc(&d->mem, n * sizeof *c.lemma_id);
        c.actor = arena_alloc(&d->mem, n * sizeof *c.actor);
        c.in_clause = arena_alloc(&d->mem, n);
        if (!c.id || !c.lemma_id || !c.actor || !c.in_clause) return SITREP_ERR_NOMEM;
        for (uint32_t i = 0; i < n; i++) {
            const sitrep_word *w = W(&c, i);
            c.id[i] = upper_id(ds, wnorm(w));
            c.lemma_id[i] = w->lemma ? upper_id(ds, w->lemma) : 0;
            c.actor[i] = -1;
            const sitrep_token *t = &d->tokens.v[w->token];
            if (t->nwords > 1 && t->word == s->word + i && t->end - t->start < 64) {
                char buf[64];
                size_t l = t->end - t->start;
                for (size_t k = 0; k < l; k++) {
                    char ch = d->text[t->start + k];
                    buf[k] = (char)toupper((unsigned char)ch);
                }
                /* a curly apostrophe is matched as a straight one */
                char norm[64];
                size_t m = 0;
                for (size_t k = 0; k < l && m < sizeof norm; k++) {
                    if (k + 2 < l && (unsigned char)buf[k] == 0xE2 && (unsigned char)buf[k + 1] == 0x80 &&
                        (unsigned char)buf[k + 2] == 0x99) { norm[m++] = '\''; k += 2; }
                    else norm[m++] = buf[k];
                }
                c.tok_id[i] = dict_intern_lookupn(ds, norm, m);
            }
        }
        size_t dstart, dlen;
        int story = 0;
        if (dict_discard_match(ds, c.id, n, &dstart, &dlen, &story)) {
            if (story) { d->events.n = 0; return SITREP_OK; }
            continue;
        }
        for (size_t a = 0; a < d->actors.n; a++) {
            const sitrep_actor *x = &d->actors.v[a];
            if (x->sentence != si || !x->code || !x->code[0]) continue;
            for (uint32_t i = 0; i < n; i++) {
                const sitrep_word *w = W(&c, i);
                if (w->start >= x->start && w->end <= x->end && c.actor[i] < 0) c.actor[i] = (int32_t)a;
            }
        }
        for (uint32_t v = 0; v < n; v++) {
            const sitrep_word *w = W(&c, v);
            if (w->upos != SITREP_UPOS_VERB && w->upos != SITREP_UPOS_NOUN) continue;
            if (w->upos == SITREP_UPOS_NOUN && c.actor[v] >= 0) continue;
            if (head_is_coded(&c, v)) continue;
            if (o && o->builtin_semantics && is_content(&c, v)) continue;   /* PETRARCH codes these; the validation records expect it */
            sitrep_status st = SITREP_OK;
            if (!(rel_is(W(&c, v), "ccomp") && has_modal(&c, v)))   /* "Y must agree": a demand (code_obligation), not an agreement */
                st = code_verb(&c, si, v, o);
            if (st != SITREP_OK) return st;
            st = code_obligation(&c, si, v, o);
            if (st != SITREP_OK) return st;
        }
    }
    return SITREP_OK;
}
