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
#include "actor.h"
#include "doc.h"

enum { MAXW = 512, MAX_FORMS = 32, VCACHE = 16, MAX_SUPP = 256, MAX_FIRED = 64 };

/* The dependency relations the coder asks about, as small integers: each word's
 * relation is classified once per sentence (by its part before ':', its
 * `base:sub` part and two flags) instead of comparing strings in every scan. */
enum {
    R_OTHER, R_CCOMP, R_ADVCL, R_MARK, R_NSUBJ, R_CSUBJ, R_EXPL, R_ACL, R_PARATAXIS,
    R_LIST, R_CONJ, R_COMPOUND, R_AMOD, R_NMOD, R_FLAT, R_APPOS, R_DET, R_AUX,
    R_XCOMP, R_OBJ, R_IOBJ, R_OBL, R_CASE, R_ADVMOD, R_NEG, R_NREL
};
enum { S_NONE, S_ACL_RELCL, S_NMOD_POSS, S_NSUBJ_PASS, S_AUX_PASS, S_OBL_AGENT, S_COMPOUND_PRT };
enum {
    RF_COLON = 1,               /* the relation has a subtype ("nmod:poss") */
    RF_DEEP = 2,                /* ... and more after it ("a:b:c") */
    RF_PASS = 4,                /* "pass" occurs in it */
};
/* Word classes (case-insensitive form), set once per sentence. */
enum {
    WC_NEG = 1,                 /* not n't never no */
    WC_FUTURE = 2,              /* will would shall 'll wo */
    WC_MODAL = 4,               /* must should ought */
    WC_TO = 8, WC_COMMA = 16, WC_AND = 32, WC_THE = 64,
    WC_RELWORD = 128,           /* who which that */
    WC_SEMI = 256,              /* ";" (exact) */
    WC_INTENT = 1024,           /* lemma is an intent word (intent_words) */
    WC_BY = 2048,               /* lemma "by" */
    WC_VBG = 4096,              /* xpos VBG */
};

typedef struct sent_ctx {
    const dict_set *ds;
    sitrep_doc *d;
    const sitrep_sentence *s;
    uint32_t n;                 /* words in the sentence */
    uint32_t *id;               /* dictionary id of each word (upper-cased norm) */
    uint32_t *lemma_id;         /* id of the upper-cased lemma, 0 when none */
    uint32_t *tok_id;           /* first word of a multi-word token: id of the whole
                                   token ("DIDN'T"), else 0 */
    uint64_t idbits[16];        /* bit (id % 1024) of every id above: a pattern
                                   word without its bit is not in the sentence */
    int32_t *actor;             /* actor index covering each word, -1 none */
    uint8_t *in_clause;         /* scratch: words of the current verb's clause */
    int32_t *head;              /* head word index, -1 root (or a head out of range) */
    uint8_t *rel, *sub, *rfl;   /* relation class, `base:sub` class, RF_* flags */
    uint16_t *wc;               /* WC_* classes */
    uint8_t *prep;              /* 1 + index in target_preps of the lemma, 0 none */
    uint8_t *bound;             /* 1: the word heads an embedded clause */
    uint16_t *kid0, *kids;      /* children of h: kids[kid0[h] .. kid0[h + 1]), in order */
    /* transformations (see transform_sentence): the document's, fetched once */
    const dict_transform *tr;
    size_t ntr;
    uint8_t *lev;               /* scratch: 2 levels per transformation */
    /* per sentence: analyses made for them, events they replace, events they make */
    struct vinfo *vc;
    uint32_t *vc_word;
    size_t nvc;
    struct tsupp { uint32_t word; int32_t src, tgt; } *supp;
    size_t nsupp;
    struct tfired { uint32_t outer; int32_t src, tgt; const char *code, *explain; } *fired;
    size_t nfired;
} sent_ctx;

static const char *wnorm(const sitrep_word *w) { return w->norm ? w->norm : w->form; }


static const sitrep_word *W(const sent_ctx *c, uint32_t i) { return &c->d->words.v[c->s->word + i]; }
static int head_of(const sent_ctx *c, uint32_t i) { return c->head[i]; }  /* -1 root */

/* rel_is: the relation is `r` or a subtype of it; rel_eq: exactly `r`. */
static int rel_is(const sent_ctx *c, uint32_t i, int r) { return c->rel[i] == r; }
static int rel_eq(const sent_ctx *c, uint32_t i, int r) { return c->rel[i] == r && !(c->rfl[i] & RF_COLON); }
static int sub_eq(const sent_ctx *c, uint32_t i, int s) { return c->sub[i] == s && !(c->rfl[i] & RF_DEEP); }
static int wc_is(const sent_ctx *c, uint32_t i, int k) { return (c->wc[i] & k) != 0; }

static int child(const sent_ctx *c, uint32_t h, int rel, uint32_t after);

/* Embedded clauses are not part of a verb's own clause; a complement or adverbial
 * clause without a subject of its own is (and often a tagging slip: "contribute a
 * million rupees" read as a clause). */
static int clause_boundary(const sent_ctx *c, uint32_t k)
{
    const sitrep_word *w = W(c, k);
    if (rel_is(c, k, R_CCOMP) || rel_is(c, k, R_ADVCL)) {
        int mk = child(c, k, R_MARK, 0);
        return child(c, k, R_NSUBJ, 0) >= 0 || child(c, k, R_CSUBJ, 0) >= 0 || child(c, k, R_EXPL, 0) >= 0 ||
               (mk >= 0 && !wc_is(c, (uint32_t)mk, WC_TO));   /* "to base": infinitival */
    }
    return sub_eq(c, k, S_ACL_RELCL) ||
           rel_is(c, k, R_PARATAXIS) || rel_is(c, k, R_CSUBJ) || rel_is(c, k, R_LIST) ||
           (rel_is(c, k, R_CONJ) && (w->upos == SITREP_UPOS_VERB || w->upos == SITREP_UPOS_AUX));
}

/* Marks v's clause in c->in_clause: the words whose path up to v crosses no
 * clause boundary below v. */
static void mark_clause(sent_ctx *c, uint32_t v)
{
    for (uint32_t i = 0; i < c->n; i++) {
        uint32_t k = i;
        int in = 0, guard = 0;
        while (guard++ < 256) {
            if (k == v) { in = 1; break; }
            if (c->bound[k]) break;
            int h = c->head[k];
            if (h < 0) break;
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
        for (size_t k2 = 0; k2 < flen && found + (int)k2 < (int)c->n; k2++)
            if (wc_is(c, (uint32_t)(found + (int)k2), WC_NEG)) m->negword = 1;
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

static int id_maybe_here(const sent_ctx *c, uint32_t id)
{
    return c->idbits[(id >> 6) & 15] >> (id & 63) & 1;
}

/* 0 when some word of the pattern is nowhere in the sentence (most patterns of
 * a verb's block name words the sentence lacks). */
static int words_maybe_here(const sent_ctx *c, const dict_elem *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (e[i].kind == DICT_E_WORD && !id_maybe_here(c, e[i].id)) return 0;
    return 1;
}

static pmatch match_pattern(const sent_ctx *c, const dict_pattern *p, uint32_t v)
{
    pmatch m = {0, 0, 0, -2, -2};
    if (!words_maybe_here(c, p->pre, p->npre) || !words_maybe_here(c, p->post, p->npost)) return m;
    if (!match_elems(c, p->pre, p->npre, 0, (int)v, -1, (int)v, &m)) return m;
    if (!match_elems(c, p->post, p->npost, (int)v + 1, (int)c->n, +1, (int)v, &m)) return m;
    m.ok = 1;
    return m;
}

/* --------------------------------------------------------------- actors */

/* The first child of word h at or after word `after` whose relation is `rel` (or
 * a subtype of it), -1 when none. */
static int child(const sent_ctx *c, uint32_t h, int rel, uint32_t after)
{
    for (uint32_t k = c->kid0[h]; k < c->kid0[h + 1]; k++) {
        uint32_t i = c->kids[k];
        if (i >= after && c->rel[i] == rel) return (int)i;
    }
    return -1;
}

/* The same for a `base:sub` relation. */
static int child_sub(const sent_ctx *c, uint32_t h, int sub)
{
    for (uint32_t k = c->kid0[h]; k < c->kid0[h + 1]; k++)
        if (c->sub[c->kids[k]] == sub) return (int)c->kids[k];
    return -1;
}

/* The actor of a nominal: one covering it, else one in its compound/amod/poss/
 * flat/appos/nmod dependents (nearest first). */
static int32_t actor_of(const sent_ctx *c, uint32_t w, int depth)
{
    if (c->actor[w] >= 0) return c->actor[w];
    if (depth > 2) return -1;
    /* "nmod:poss" before "nmod": a subtype test, the others by their base */
    static const int rels[] = {R_COMPOUND, R_AMOD, -S_NMOD_POSS, R_FLAT, R_APPOS, R_NMOD, R_DET};
    for (size_t r = 0; r < sizeof rels / sizeof *rels; r++)
        for (uint32_t k = c->kid0[w]; k < c->kid0[w + 1]; k++) {
            uint32_t i = c->kids[k];
            if (rels[r] < 0 ? c->sub[i] != -rels[r] : c->rel[i] != rels[r]) continue;
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
        while (k < c->n && wc_is(c, k, WC_COMMA | WC_AND)) { k++; sep = 1; }
        while (k < c->n && sep && (wc_is(c, k, WC_THE) || W(c, k)->upos == SITREP_UPOS_ADJ)) k++;
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
    for (uint32_t k = c->kid0[w]; k < c->kid0[w + 1] && n < cap; k++) {
        uint32_t i = c->kids[k];
        if (rel_eq(c, i, R_CONJ)) {
            int32_t b = actor_of(c, i, 0);
            if (b >= 0 && (n == 0 || out[n - 1] != b)) out[n++] = b;
        }
    }
    return n;
}

static int is_passive(const sent_ctx *c, uint32_t v)
{
    return child_sub(c, v, S_NSUBJ_PASS) >= 0 || child_sub(c, v, S_AUX_PASS) >= 0;
}

/* The subject of v: its own, else (xcomp, conj, acl) inherited from the head. */
static int subject_of(const sent_ctx *c, uint32_t v, int *passive_subject)
{
    *passive_subject = 0;
    uint32_t k = v;
    for (int guard = 0; guard < 8; guard++) {
        int s = child(c, k, R_NSUBJ, 0);
        if (s >= 0) {
            *passive_subject = (c->rfl[s] & RF_PASS) != 0;
            /* a relative pronoun stands for the noun the clause modifies */
            const sitrep_word *sj = W(c, (uint32_t)s);
            if (sub_eq(c, k, S_ACL_RELCL) &&
                ((sj->feats && strstr(sj->feats, "PronType=Rel")) || wc_is(c, (uint32_t)s, WC_RELWORD)))
                return head_of(c, k);
            return s;
        }
        int h = head_of(c, k);
        if (h < 0) return -1;
        if (rel_is(c, k, R_XCOMP) || rel_eq(c, k, R_CONJ)) { k = (uint32_t)h; continue; }
        if (sub_eq(c, k, S_ACL_RELCL)) return h;
        /* a participial adverbial clause has its head's subject: "Putin issued an
         * order, urging troops ..." */
        if (rel_is(c, k, R_ADVCL) && child(c, k, R_MARK, 0) < 0 && wc_is(c, k, WC_VBG)) {
            k = (uint32_t)h;
            continue;
        }
        if (rel_eq(c, k, R_ACL)) { *passive_subject = 1; return h; }   /* "troops captured in ..." */
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
    if (!passive && (o = child(c, v, R_OBJ, 0)) >= 0 && actor_of(c, (uint32_t)o, 0) >= 0) return o;
    if ((o = child(c, v, R_IOBJ, 0)) >= 0 && actor_of(c, (uint32_t)o, 0) >= 0) return o;
    /* obliques with a target-like preposition, first with an actor */
    for (uint32_t k = c->kid0[v]; k < c->kid0[v + 1]; k++) {
        uint32_t i = c->kids[k];
        if (!rel_is(c, i, R_OBL) || sub_eq(c, i, S_OBL_AGENT)) continue;
        int cs = child(c, i, R_CASE, 0);
        if (cs < 0) continue;
        if (c->prep[cs] && actor_of(c, i, 0) >= 0) return (int)i;
    }
    /* the object of an xcomp ("urged troops to defeat the enemy" keeps troops) */
    if (!passive && (o = child(c, v, R_OBJ, 0)) >= 0) return o;
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
    for (uint32_t k = c->kid0[v]; k < c->kid0[v + 1]; k++) {
        uint32_t i = c->kids[k];
        if ((rel_is(c, i, R_ADVMOD) || rel_is(c, i, R_NEG) || rel_is(c, i, R_DET)) && wc_is(c, i, WC_NEG))
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
    for (uint32_t k = c->kid0[v]; k < c->kid0[v + 1]; k++) {
        uint32_t i = c->kids[k];
        if (rel_eq(c, i, R_AUX) && wc_is(c, i, WC_FUTURE)) return 1;
    }
    return 0;
}

/* 1 when v is the xcomp of an intent word ("vowed to treat", "is ready to seek"). */
static int intent_of(const sent_ctx *c, uint32_t v)
{
    if (!rel_is(c, v, R_XCOMP)) return 0;
    int h = head_of(c, v);
    return h >= 0 && wc_is(c, (uint32_t)h, WC_INTENT);
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
    int prt = f->npost ? child_sub(c, v, S_COMPOUND_PRT) : -1;
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

/* The relation of word w for --explain: `none` when w < 0, `unknown` without one. */
static const char *deprel_or(const sent_ctx *c, int w, const char *none, const char *unknown)
{
    if (w < 0) return none;
    return W(c, (uint32_t)w)->deprel ? W(c, (uint32_t)w)->deprel : unknown;
}

/* A verb analysed: its dictionary form and pattern, its code, sources and targets,
 * as the coder finds them whether or not it then codes an event. */
typedef struct vinfo {
    int form;                   /* 1: a dictionary form of the word is present (fm) */
    dict_form fm;
    int have;                   /* 1: a pattern matched (bp, bm) */
    dict_pattern bp;
    pmatch bm;
    const char *code;           /* after the pattern, the passive and the future
                                   tense, not intent; NULL when none or "---" */
    int sw, tw;                 /* subject and target words, -1 none */
    int32_t srcs[8], tgts[8];
    size_t ns, nt;
    int neg;
    int future;                 /* 1: the future tense made code a 03x/13x intent */
} vinfo;

/* Analyses verb v into vi. Without `all`, stops (returning 0) as soon as v cannot
 * be coded: no dictionary form, or a null code. With it, v's actors are found
 * even then (a transformation may name a verb that codes nothing by itself). */
static int analyze_verb(sent_ctx *c, uint32_t v, const event_opts *o, vinfo *vi, int all)
{
    vi->form = vi->have = 0;
    vi->code = NULL;
    vi->sw = vi->tw = -1;
    vi->ns = vi->nt = 0;
    vi->neg = vi->future = 0;
    dict_form forms[MAX_FORMS];
    size_t nf = dict_verb_lookup(c->ds, c->id[v], forms, MAX_FORMS);
    if (!nf && c->lemma_id[v]) nf = dict_verb_lookup(c->ds, c->lemma_id[v], forms, MAX_FORMS);
    if (nf > MAX_FORMS) nf = MAX_FORMS;
    int best = nf ? best_form(c, v, forms, nf) : -1;
    if (best < 0 && !all) return 0;
    if (best >= 0) {
        vi->form = 1;
        vi->fm = forms[best];
    }
    mark_clause(c, v);
    int passive = is_passive(c, v);

    /* the most specific pattern of the block */
    pmatch bm = {0, -1, 0, -2, -2};
    size_t np = vi->form ? dict_block_npatterns(c->ds, vi->fm.block) : 0;
    for (size_t i = 0; i < np; i++) {
        dict_pattern p;
        if (!dict_block_pattern(c->ds, vi->fm.block, i, &p)) continue;
        pmatch m = match_pattern(c, &p, v);
        if (m.ok && m.score > bm.score) { bm = m; vi->bp = p; vi->have = 1; }
    }
    vi->bm = bm;
    int have = vi->have;
    const char *code = vi->form ? vi->fm.code : NULL, *pcode = vi->form ? vi->fm.passive : NULL;
    if (have && (vi->bp.code || vi->bp.passive)) { code = vi->bp.code; pcode = vi->bp.passive; }
    if (passive && pcode) code = pcode;
    if (!code || !*code || !strcmp(code, "---")) {
        if (!all) return 0;
        code = NULL;
    }

    /* source and target */
    int subj_passive = 0;
    int sw = subject_of(c, v, &subj_passive);
    int tw = -1;
    int32_t *srcs = vi->srcs, *tgts = vi->tgts;
    size_t ns = 0, nt = 0;
    if (passive || subj_passive) {
        int ag = child_sub(c, v, S_OBL_AGENT);
        if (ag < 0) {
            for (uint32_t k = c->kid0[v]; k < c->kid0[v + 1] && ag < 0; k++) {
                uint32_t i = c->kids[k];
                if (!rel_is(c, i, R_OBL)) continue;
                int cs = child(c, i, R_CASE, 0);
                if (cs >= 0 && wc_is(c, (uint32_t)cs, WC_BY)) ag = (int)i;
            }
        }
        ns = actors_of(c, ag, srcs, 8);
        nt = actors_of(c, sw, tgts, 8);
    } else {
        ns = actors_of(c, sw, srcs, 8);
        tw = target_word(c, v, 0);
        nt = actors_of(c, tw, tgts, 8);
        /* an object the actor stage left unresolved ("jailing them") is still the
         * target: no later actor stands in for it */
        int ob = child(c, v, R_OBJ, 0);
        const sitrep_word *ow = ob >= 0 ? W(c, (uint32_t)ob) : NULL;
        int pron_obj = ow && ow->upos == SITREP_UPOS_PRON && actor_of(c, (uint32_t)ob, 0) < 0 &&
                       !(ow->feats && strstr(ow->feats, "Reflex=Yes"));   /* "surrendered himself to" */
        if (nt == 0 && !pron_obj) {
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
        rel_is(c, v, R_CCOMP)) {
        /* "X said they would ...": an unresolved pronoun subject of a reported
           clause is the reporting verb's subject */
        int sp2, h = head_of(c, v);
        int s2 = h >= 0 ? subject_of(c, (uint32_t)h, &sp2) : -1;
        if (s2 >= 0 && !sp2) ns = actors_of(c, s2, srcs, 8);
    }
    /* a participle without auxiliary or object, which the parser may hang
     * anywhere ("troops captured in Kursk" as an adverbial clause) */
    const sitrep_word *vw = W(c, v);
    int bare_participle = vw->xpos && !strcmp(vw->xpos, "VBN") && child(c, v, R_AUX, 0) < 0 &&
                          child(c, v, R_OBJ, 0) < 0;
    if (ns == 0 && !passive && !subj_passive && sw < 0 && vw->upos == SITREP_UPOS_VERB) {
        /* no parsed subject: the nearest actor before the verb, as a shallow coder
           would take it, if no other verb stands between them */
        for (int i = (int)v - 1; i >= 0; i--) {
            const sitrep_word *x = W(c, (uint32_t)i);
            if (c->actor[i] >= 0) {
                int32_t a = c->actor[i];
                /* before a bare participle, an actor that is another word's object
                 * or modifier is what the participle describes ("treat troops
                 * captured in Kursk"); otherwise it may be its doer, the participle a
                 * simple past ("Ethiopia broken down a treaty") */
                if (bare_participle) {
                    uint32_t k = (uint32_t)i;
                    for (int g = 0; g < 8; g++) {
                        int hk = head_of(c, k);
                        if (hk < 0 || c->actor[hk] != a) break;
                        k = (uint32_t)hk;
                    }
                    if (rel_is(c, k, R_OBJ) || rel_is(c, k, R_IOBJ) || rel_is(c, k, R_OBL) ||
                        rel_is(c, k, R_NMOD))
                        break;
                }
                int dup = 0;
                for (size_t j = 0; j < nt; j++) dup |= tgts[j] == a;
                if (!dup) { srcs[0] = a; ns = 1; }
                break;
            }
            if (x->upos == SITREP_UPOS_VERB || wc_is(c, (uint32_t)i, WC_SEMI)) break;
        }
    }
    vi->sw = sw;
    vi->tw = tw;
    vi->ns = ns;
    vi->nt = nt;
    vi->neg = negated(c, v) && !(have && bm.negword);
    /* the future tense: a cooperative act to come is a promise (03x), a conflictual
     * one a threat (13x); a refusal ("will not accept", 12x) stays a refusal
     * (intent_of, the governing verb's part, is applied when coding) */
    if (code && !intent_of(c, v) && o && o->builtin_semantics && future_of(c, v) &&
        ((strncmp(code, "04", 2) >= 0 && strncmp(code, "08", 2) <= 0) ||
         (strncmp(code, "14", 2) >= 0 && strncmp(code, "20", 2) <= 0))) {
        code = intent_code(code);
        vi->future = 1;
    }
    vi->code = code;
    return 1;
}

/* The analysis of v made for the transformations of this sentence, NULL when none. */
static const vinfo *cached(const sent_ctx *c, uint32_t v)
{
    for (size_t i = 0; i < c->nvc; i++)
        if (c->vc_word[i] == v) return &c->vc[i];
    return NULL;
}

/* 1 when the transformations replaced v's event src -> tgt (tgt -1: none). */
static int replaced(const sent_ctx *c, uint32_t v, int32_t src, int32_t tgt)
{
    for (size_t i = 0; i < c->nsupp; i++)
        if (c->supp[i].word == v && c->supp[i].src == src && c->supp[i].tgt == tgt) return 1;
    return 0;
}

static int add_coded(sent_ctx *c, size_t si, uint32_t v, int32_t src, int32_t tgt, const char *code,
                     int neg, const char *explain)
{
    if (c->nsupp && replaced(c, v, src, tgt)) return 0;
    return add_event(c, si, src, tgt, code, neg, explain);
}

static sitrep_status code_verb(sent_ctx *c, size_t si, uint32_t v, const event_opts *o)
{
    vinfo local;
    const vinfo *vi = c->nvc ? cached(c, v) : NULL;
    if (!vi) {
        if (!analyze_verb(c, v, o, &local, 0)) return SITREP_OK;
        vi = &local;
    }
    if (!vi->code || vi->ns == 0) return SITREP_OK;
    const int32_t *srcs = vi->srcs, *tgts = vi->tgts;
    size_t ns = vi->ns, nt = vi->nt;
    int sw = vi->sw, tw = vi->tw, neg = vi->neg;
    /* "an official said": an agent of no known country acting on nobody is noise */
    if (nt == 0 && ns == 1 && (!strncmp(c->d->actors.v[srcs[0]].code, "---", 3) ||
                               (c->d->actors.v[srcs[0]].kind && !strcmp(c->d->actors.v[srcs[0]].kind, "agent"))))
        return SITREP_OK;
    const char *code = intent_of(c, v) ? intent_code(vi->code) : vi->code;

    const char *explain = NULL;
    if (o && o->explain) {
        char pat[160] = "";
        if (vi->have) snprintf(pat, sizeof pat, "pattern %s:%zu", vi->bp.file ? vi->bp.file : "?", vi->bp.line);
        else snprintf(pat, sizeof pat, "verb default");
        explain = arena_printf(&c->d->mem, "verb %s (block %s) %s; source via %s; target via %s%s%s",
                               W(c, v)->form, dict_block_name(c->ds, vi->fm.block), pat,
                               deprel_or(c, sw, "marker", "?"),
                               nt ? deprel_or(c, tw, "marker", "marker") : "none",
                               neg ? "; negated" : "", intent_of(c, v) ? "; intent" : "");
    }
    /* "Gondor and Osgiliath have delayed their meeting": with no target, the
     * coordinated sources act on each other */
    if (nt == 0 && ns > 1) {
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++)
                if (i != j && srcs[i] != srcs[j] &&
                    add_coded(c, si, v, srcs[i], srcs[j], code, neg, explain))
                    return SITREP_ERR_NOMEM;
        return SITREP_OK;
    }
    for (size_t i = 0; i < ns; i++) {
        if (nt == 0) {
            if (add_coded(c, si, v, srcs[i], -1, code, neg, explain)) return SITREP_ERR_NOMEM;
        }
        for (size_t j = 0; j < nt; j++) {
            if (srcs[i] == tgts[j]) continue;
            /* "he told ... he had spoken": a mention and its antecedent are one actor */
            const sitrep_actor *sa = &c->d->actors.v[srcs[i]], *ta = &c->d->actors.v[tgts[j]];
            uint32_t sref = sa->antecedent ? sa->antecedent : (uint32_t)srcs[i] + 1;
            uint32_t tref = ta->antecedent ? ta->antecedent : (uint32_t)tgts[j] + 1;
            if (sref == tref) continue;
            if (add_coded(c, si, v, srcs[i], tgts[j], code, neg, explain)) return SITREP_ERR_NOMEM;
        }
    }
    return SITREP_OK;
}

/* 1 when v has an auxiliary "must", "should" or "ought". */
static int has_modal(const sent_ctx *c, uint32_t v)
{
    for (uint32_t k = c->kid0[v]; k < c->kid0[v + 1]; k++) {
        uint32_t i = c->kids[k];
        if (rel_is(c, i, R_AUX) && wc_is(c, i, WC_MODAL)) return 1;
    }
    return 0;
}

/* "X said (that) Y must/should V": a demand of X on Y (100), coded on the
 * reported verb V: its clausal head's subject is the source, its own subject the
 * target. */
static sitrep_status code_obligation(sent_ctx *c, size_t si, uint32_t v, const event_opts *o)
{
    (void)o;
    if (!rel_is(c, v, R_CCOMP) || !has_modal(c, v)) return SITREP_OK;
    int h = head_of(c, v);
    if (h < 0) return SITREP_OK;
    int sp;
    int sw = subject_of(c, (uint32_t)h, &sp);
    int tw = child(c, v, R_NSUBJ, 0);
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
    if (!rel_is(c, v, R_XCOMP)) return 0;
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
    if (!rel_is(c, v, R_CCOMP) && !rel_is(c, v, R_XCOMP) && !rel_is(c, v, R_ADVCL) && !rel_is(c, v, R_ACL)) return 0;
    int h = head_of(c, v);
    if (h < 0) return 0;
    const char *code = word_code(c, (uint32_t)h);
    if (!code || strlen(code) < 2) return 0;
    static const char *const roots[] = {"02", "03", "10", "11", "12", "13", NULL};
    for (int i = 0; roots[i]; i++)
        if (!strncmp(code, roots[i], 2)) return 1;
    return 0;
}

/* ------------------------------------------------------- transformations */

/* TABARI/PETRARCH transformations `~ a (b c VERB2) VERB1 = x y CODE`
 * (petrarch-formats.md 6.1): when a verb (VERB1, source a) governs a clause whose
 * verb (VERB2) has source b and target c -- "Arnor threatened to attack Gondor",
 * "Rohan claimed it had attacked Gondor" -- the event x -> y CODE replaces the
 * inner verb's event and the governing verb's own events from a on the clause's
 * actors (or on none).
 *
 * Governs: the inner verb (or the first of coordinated ones) is its xcomp, its
 * ccomp after it (a reported clause before its verb, "X attacked Y, officials
 * said", is the news and its attribution), or its purpose clause ("to V").
 *
 * Variables: a letter is an actor; the same letter the same actor (same code; for
 * an agent of no known country, "---GOV", the same mention or antecedent),
 * different letters different actors; `.` any actor or none; `_` none. The inner
 * source is the clause's own subject, else the governing verb's object ("wants
 * Putin to attack": Putin), else none -- `_`: "threatened to attack", whose acting
 * subject is a's. Coordinated speakers report together: "Obama and Putin said
 * they will attack" pairs each with himself, not with the other.
 *
 * Verbs: a verb is named by its word (the word, its lemma or its dictionary
 * entry), else by its code -- the code its word has written alone, which names
 * that code and, as CAMEO's codes nest, those below it (190 names 19x and 19xx,
 * 138 names 138x, 015 only 015). So a verb with a null code ([---], WANT in our
 * dictionary) is named only by its word, and an inner verb that the future tense
 * made a threat ("would attack", 138) only by that code: ATTACK no longer names it
 * (WILL_ATTACK does). Q names any verb with a code, and as CODE is the inner
 * event's code. A_B names verb B under A: A is one of B's auxiliaries ("will
 * attack") or the verb B is the complement of ("wanted to attack"); PETRARCH2 adds
 * the two verbs' internal codes for this nesting, which CAMEO codes cannot express.
 *
 * The most specific transformation wins: the one that names the governing verb
 * most specifically, then the inner verb (its word before its exact code before a
 * covering code before Q; A_B adds its two); ties go to the first in the file, as
 * for patterns. The inner code is the verb's own (pattern, passive, future tense),
 * not the 03x/13x intent_code gives an xcomp of "vow" or "want": that part is the
 * transformation's. A negated verb takes no transformation (its events keep the
 * flag). Where none applies, the verbs are coded as without transformations. */

static int all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* How specifically code g (a transformation verb's) names code x: 0 not at all,
 * 50 equal, 12 a CAMEO root code covering it (190: 19x, 19xx), 13 a three-digit
 * code covering its four-digit ones (138: 138x). */
static int code_level(const char *g, const char *x)
{
    if (!g || !x || !strcmp(g, "---")) return 0;
    if (!strcmp(g, x)) return 50;
    if (strlen(g) != 3 || !all_digits(g) || !all_digits(x)) return 0;
    if (g[2] == '0') return strlen(x) >= 3 && !strncmp(g, x, 2) ? 12 : 0;
    return strlen(x) == 4 && !strncmp(g, x, 3) ? 13 : 0;
}

/* How specifically transformation verb tv names word w, whose dictionary form is
 * fm (NULL: none present) and code `code`: 100 it is that verb, else code_level.
 * by_word 0: only by code ("would attack" is a threat, 138, no longer an attack:
 * ATTACK does not name it, WILL_ATTACK does). */
static int verb_level(const sent_ctx *c, uint32_t w, const dict_form *fm, const char *code, const dict_tverb *tv,
                      int by_word)
{
    if (by_word && (c->id[w] == tv->word || (c->lemma_id[w] && c->lemma_id[w] == tv->word) ||
                    (fm && tv->verb != UINT32_MAX && fm->verb == tv->verb)))
        return 100;
    return code_level(tv->code, code);
}

/* verb_level for a word that frames another (an auxiliary, a governing verb):
 * named by its present form's default code, not a pattern's. */
static int framer_level(const sent_ctx *c, uint32_t w, const dict_tverb *tv)
{
    dict_form f[MAX_FORMS];
    size_t nf = dict_verb_lookup(c->ds, c->id[w], f, MAX_FORMS);
    if (!nf && c->lemma_id[w]) nf = dict_verb_lookup(c->ds, c->lemma_id[w], f, MAX_FORMS);
    if (nf > MAX_FORMS) nf = MAX_FORMS;
    int b = nf ? best_form(c, w, f, nf) : -1;
    return verb_level(c, w, b >= 0 ? &f[b] : NULL, b >= 0 ? f[b].code : NULL, tv, 1);
}

/* How specifically verb spec tv[0..n) names word w analysed as vi; 0 when not.
 * framer >= 0: w is the complement of that verb, which A of A_B must name (and
 * only A_B applies); else A is one of w's auxiliaries. */
static int spec_level(const sent_ctx *c, const dict_tverb *tv, size_t n, uint32_t w, const vinfo *vi,
                      int framer)
{
    if (n == 0) return framer < 0 && vi->code ? 1 : 0;                           /* Q */
    const dict_form *fm = vi->form ? &vi->fm : NULL;
    if (n == 1) return framer < 0 ? verb_level(c, w, fm, vi->code, &tv[0], !vi->future) : 0;
    int lb = verb_level(c, w, fm, vi->code, &tv[1], 1);                         /* A_B */
    if (!lb) return 0;
    int la = 0;
    if (framer >= 0) la = framer_level(c, (uint32_t)framer, &tv[0]);
    else
        for (uint32_t k = c->kid0[w]; k < c->kid0[w + 1]; k++)
            if (rel_is(c, c->kids[k], R_AUX)) {
                int l = framer_level(c, c->kids[k], &tv[0]);
                if (l > la) la = l;
            }
    return la ? la + lb : 0;
}

/* v, or the first of the verbs coordinated with it. */
static uint32_t first_conjunct(const sent_ctx *c, uint32_t v)
{
    for (int g = 0; g < 8 && rel_eq(c, v, R_CONJ) && c->head[v] >= 0; g++) v = (uint32_t)c->head[v];
    return v;
}

/* The verb governing v's clause: v (or its first conjunct) is its xcomp, its
 * ccomp or its purpose clause ("to V"); -1 when none. */
static int governor(const sent_ctx *c, uint32_t v)
{
    uint32_t k = first_conjunct(c, v);
    int h = c->head[k];
    if (h < 0) return -1;
    if (rel_is(c, k, R_XCOMP)) return h;
    /* a reported clause before its verb ("X attacked Y, officials said") is the
     * news and its attribution, not a claim or accusation */
    if (rel_is(c, k, R_CCOMP)) return (uint32_t)h < k ? h : -1;
    if (rel_is(c, k, R_ADVCL)) {
        int mk = child(c, k, R_MARK, 0);
        if (mk >= 0 && wc_is(c, (uint32_t)mk, WC_TO)) return h;
    }
    return -1;
}

/* Who the subject of v's clause is, for the inner source of a transformation:
 * 1 its own (a coordinated verb shares its first conjunct's); 2 the governing
 * verb's object ("wants Putin to attack": Putin), *obj set; 0 none of its own
 * (an xcomp's subject is its governor's: "_"). */
static int inner_subject(const sent_ctx *c, uint32_t v, int *obj)
{
    *obj = -1;
    for (int g = 0; g < 8; g++) {
        if (child(c, v, R_NSUBJ, 0) >= 0 || child(c, v, R_CSUBJ, 0) >= 0) return 1;
        if (!rel_eq(c, v, R_CONJ) || c->head[v] < 0) break;
        v = (uint32_t)c->head[v];
    }
    int h = c->head[v];
    if (!rel_is(c, v, R_XCOMP) || h < 0) return 0;
    int o = child(c, (uint32_t)h, R_OBJ, 0);
    if (o < 0) o = child(c, (uint32_t)h, R_IOBJ, 0);
    if (o < 0 || (uint32_t)o > v) return 0;
    *obj = o;
    return 2;
}

/* 1 when some transformation could name word w as its outer (which 1) or inner
 * (which 2) verb: w has a verb form in the dictionary, or is a verb named by word. */
static int may_name(const sent_ctx *c, uint32_t w, int which)
{
    dict_form f[1];
    if (dict_verb_lookup(c->ds, c->id[w], f, 1) || (c->lemma_id[w] && dict_verb_lookup(c->ds, c->lemma_id[w], f, 1)))
        return 1;
    for (size_t i = 0; i < c->ntr; i++) {
        const dict_tverb *tv = which == 1 ? c->tr[i].verb1 : c->tr[i].verb2;
        size_t n = which == 1 ? c->tr[i].nverb1 : c->tr[i].nverb2;
        if (n && (tv[n - 1].word == c->id[w] || (c->lemma_id[w] && tv[n - 1].word == c->lemma_id[w]))) return 1;
    }
    return 0;
}

/* The analysis of word w (every part, `all`), kept for the coding of the sentence
 * when there is room, else made in *tmp. */
static const vinfo *info_of(sent_ctx *c, uint32_t w, const event_opts *o, vinfo *tmp)
{
    const vinfo *vi = cached(c, w);
    if (vi) return vi;
    vinfo *dst = c->nvc < VCACHE ? &c->vc[c->nvc] : tmp;
    analyze_verb(c, w, o, dst, 1);
    if (dst != tmp) c->vc_word[c->nvc++] = w;
    return dst;
}

/* Variables bound while matching one transformation: letter -> actor, and where
 * (0 outer source, 1 inner source, 2 inner target). */
typedef struct tbind {
    char var[3];
    int32_t act[3];
    int at[3];
    int n;
} tbind;

/* 1 when actors a and b are one: the same code, and for an agent of no known
 * country ("---GOV") the same mention or antecedent. */
static int same_actor(const sent_ctx *c, int32_t a, int32_t b)
{
    const sitrep_actor *x = &c->d->actors.v[a], *y = &c->d->actors.v[b];
    if (strcmp(x->code, y->code)) return 0;
    if (strncmp(x->code, "---", 3)) return 1;
    return (x->antecedent ? x->antecedent - 1 : (uint32_t)a) == (y->antecedent ? y->antecedent - 1 : (uint32_t)b);
}

/* Binds x to actor a (-1 no actor, -2 a subject that is no known actor). */
static int tbind_add(const sent_ctx *c, tbind *b, char x, int32_t a, int at)
{
    if (x == '.') return 1;
    if (x == '_') return a == -1;
    if (a < 0) return 0;
    for (int i = 0; i < b->n; i++)
        if (b->var[i] == x) return same_actor(c, b->act[i], a);
    for (int i = 0; i < b->n; i++)
        if (same_actor(c, b->act[i], a)) return 0;
    b->var[b->n] = x;
    b->act[b->n] = a;
    b->at[b->n++] = at;
    return 1;
}

static int tbind_get(const tbind *b, char x, int *at)
{
    for (int i = 0; i < b->n; i++)
        if (b->var[i] == x) {
            if (at) *at = b->at[i];
            return b->act[i];
        }
    return -1;
}

/* "A_B", "ATTACK" or "Q" into buf. */
static const char *tverbs_str(const sent_ctx *c, const dict_tverb *tv, size_t n, char *buf, size_t cap)
{
    if (n == 0) return "Q";
    size_t l = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && l < cap; i++)
        l += (size_t)snprintf(buf + l, cap - l, "%s%s", i ? "_" : "", dict_word(c->ds, tv[i].word));
    return buf;
}

static const char *explain_transform(sent_ctx *c, const dict_transform *t, uint32_t h, const vinfo *vh,
                                     uint32_t v, const vinfo *vv, const tbind *b)
{
    char v1[96], v2[96], ph[160], pv[160];
    const vinfo *vis[2] = {vh, vv};
    char *pat[2] = {ph, pv};
    for (int i = 0; i < 2; i++) {
        const vinfo *vi = vis[i];
        if (!vi->form) snprintf(pat[i], sizeof ph, "(no dictionary form)");
        else if (vi->have)
            snprintf(pat[i], sizeof ph, "(block %s) pattern %s:%zu", dict_block_name(c->ds, vi->fm.block),
                     vi->bp.file ? vi->bp.file : "?", vi->bp.line);
        else snprintf(pat[i], sizeof ph, "(block %s) verb default", dict_block_name(c->ds, vi->fm.block));
    }
    const char *via[2] = {"none", "none"};
    char res[2] = {t->res_src, t->res_tgt};
    for (int i = 0; i < 2; i++) {
        int at = -1;
        if (tbind_get(b, res[i], &at) < 0) continue;
        int w = at == 0 ? vh->sw : at == 1 ? vv->sw : vv->tw;
        via[i] = deprel_or(c, w, "marker", "?");
    }
    return arena_printf(&c->d->mem,
                        "verb %s %s over %s %s; transformation %s:%zu (~ %c (%c %c %s) %s = %c %c %s); "
                        "source via %s; target via %s",
                        W(c, h)->form, ph, W(c, v)->form, pv, t->file ? t->file : "?", t->line, t->src,
                        t->src2, t->tgt2, tverbs_str(c, t->verb2, t->nverb2, v2, sizeof v2),
                        tverbs_str(c, t->verb1, t->nverb1, v1, sizeof v1), t->res_src, t->res_tgt,
                        t->code ? t->code : "Q", via[0], via[1]);
}

static void replace(sent_ctx *c, uint32_t w, int32_t src, int32_t tgt)
{
    if (src < 0 || c->nsupp >= MAX_SUPP || replaced(c, w, src, tgt)) return;
    c->supp[c->nsupp++] = (struct tsupp){w, src, tgt};
}

/* Applies the best transformation to each (outer source, inner source, inner
 * target) of verb h governing verb v (through framer, the verb v is the
 * complement of, when >= 0). */
static void transform_pair(sent_ctx *c, const event_opts *o, uint32_t h, uint32_t v, int framer)
{
    vinfo t1, t2;
    const vinfo *vh = info_of(c, h, o, &t1);
    const vinfo *vv = info_of(c, v, o, &t2);
    if (vh->neg || vv->neg) return;
    /* levels of every transformation for this pair (0: does not apply) */
    int any = 0;
    for (size_t i = 0; i < c->ntr; i++) {
        const dict_transform *t = &c->tr[i];
        int lo = spec_level(c, t->verb1, t->nverb1, h, vh, -1);
        int li = lo ? spec_level(c, t->verb2, t->nverb2, v, vv, framer) : 0;
        c->lev[2 * i] = (uint8_t)(li ? lo : 0);
        c->lev[2 * i + 1] = (uint8_t)li;
        any |= li != 0;
    }
    if (!any) return;
    /* the inner source: the clause's own subject, the governing verb's object, or
     * none ('_'); a subject without a known actor (-2) is matched only by '.' */
    int obj;
    int kind = inner_subject(c, framer >= 0 ? (uint32_t)framer : v, &obj);
    int32_t none = -1, unknown = -2, objs[8];
    size_t nobj = kind == 2 ? actors_of(c, obj, objs, 8) : 0;
    const int32_t *as = vh->ns ? vh->srcs : &none, *cs = vv->nt ? vv->tgts : &none;
    const int32_t *bs = kind == 1 && vv->ns ? vv->srcs : kind == 2 && nobj ? objs : kind ? &unknown : &none;
    size_t na = vh->ns ? vh->ns : 1, nc = vv->nt ? vv->nt : 1;
    size_t nb = kind == 1 && vv->ns ? vv->ns : kind == 2 && nobj ? nobj : 1;
    for (size_t ia = 0; ia < na; ia++)
        for (size_t ib = 0; ib < nb; ib++)
            for (size_t ic = 0; ic < nc; ic++) {
                /* coordinated speakers report together, not on each other: "Obama
                 * and Putin said they will attack" pairs Obama with Obama only */
                int co = 0;
                for (size_t k = 0; k < vh->ns && bs[ib] >= 0; k++)
                    co |= vh->srcs[k] == bs[ib] && bs[ib] != as[ia];
                if (co) continue;
                int best = -1, blo = 0, bli = 0;
                tbind bb = {{0}, {0}, {0}, 0};
                int32_t bx = -1, by = -1;
                const char *bcode = NULL;
                for (size_t i = 0; i < c->ntr; i++) {
                    int lo = c->lev[2 * i], li = c->lev[2 * i + 1];
                    if (!li || lo < blo || (lo == blo && li <= bli)) continue;
                    const dict_transform *t = &c->tr[i];
                    tbind b = {{0}, {0}, {0}, 0};
                    if (!tbind_add(c, &b, t->src, as[ia], 0) || !tbind_add(c, &b, t->src2, bs[ib], 1) ||
                        !tbind_add(c, &b, t->tgt2, cs[ic], 2))
                        continue;
                    int32_t x = tbind_get(&b, t->res_src, NULL), y = tbind_get(&b, t->res_tgt, NULL);
                    const char *code = t->code ? t->code : vv->code;
                    if (x < 0 || !code || (y >= 0 && same_actor(c, x, y))) continue;
                    best = (int)i;
                    blo = lo;
                    bli = li;
                    bb = b;
                    bx = x;
                    by = y;
                    bcode = code;
                }
                if (best < 0 || c->nfired >= MAX_FIRED || c->nsupp + 8 > MAX_SUPP) continue;
                const char *explain = o && o->explain ? explain_transform(c, &c->tr[best], h, vh, v, vv, &bb) : NULL;
                c->fired[c->nfired++] = (struct tfired){h, bx, by, bcode, explain};
                /* the inner verb's event for this pair (and the framer's), and the
                 * outer verb's own from a on any actor of the inner clause or none */
                int32_t a = as[ia], b = bs[ib], tg = cs[ic];
                replace(c, v, kind == 1 ? b : a, tg);
                if (framer >= 0) {
                    replace(c, (uint32_t)framer, kind == 1 ? b : a, tg);
                    replace(c, (uint32_t)framer, kind == 1 ? b : a, -1);
                }
                replace(c, h, a, by);
                replace(c, h, a, -1);
                if (b >= 0) replace(c, h, a, b);
                if (tg >= 0) replace(c, h, a, tg);
                if (bx != a) replace(c, h, bx, by);
            }
}

/* Finds the transformations of the sentence: c->fired, c->supp. */
static void transform_sentence(sent_ctx *c, const event_opts *o)
{
    for (uint32_t v = 0; v < c->n; v++) {
        const sitrep_word *w = W(c, v);
        if (w->upos != SITREP_UPOS_VERB && w->upos != SITREP_UPOS_NOUN) continue;
        if (w->upos == SITREP_UPOS_NOUN && c->actor[v] >= 0) continue;
        if (rel_is(c, v, R_CCOMP) && has_modal(c, v)) continue;   /* a demand (code_obligation) */
        int h = governor(c, v);
        if (h < 0 || !may_name(c, v, 2)) continue;
        /* A_B through the verb v is the complement of ("said it wanted to attack":
         * SAY over WANT_ATTACK) first: it spans more than WANT over ATTACK */
        size_t nf0 = c->nfired;
        if (rel_is(c, first_conjunct(c, v), R_XCOMP)) {
            int h2 = governor(c, (uint32_t)h);
            if (h2 >= 0 && may_name(c, (uint32_t)h2, 1)) transform_pair(c, o, (uint32_t)h2, v, h);
        }
        if (c->nfired == nf0 && may_name(c, (uint32_t)h, 1)) transform_pair(c, o, (uint32_t)h, v, -1);
    }
}

/* ------------------------------------------------------ sentence tables */

/* A relation's classes, remembered by the address of its string: the parser's
 * relations are the model's label strings, so a document has a few dozen. */
typedef struct rel_memo {
    const char *p[64];
    uint8_t rel[64], sub[64], fl[64];
} rel_memo;

static void classify_rel(const char *r, uint8_t *rel, uint8_t *sub, uint8_t *fl)
{
    static const struct { const char *name; uint8_t id; } base[] = {
        {"ccomp", R_CCOMP}, {"advcl", R_ADVCL}, {"mark", R_MARK}, {"nsubj", R_NSUBJ},
        {"csubj", R_CSUBJ}, {"expl", R_EXPL}, {"acl", R_ACL}, {"parataxis", R_PARATAXIS},
        {"list", R_LIST}, {"conj", R_CONJ}, {"compound", R_COMPOUND}, {"amod", R_AMOD},
        {"nmod", R_NMOD}, {"flat", R_FLAT}, {"appos", R_APPOS}, {"det", R_DET},
        {"aux", R_AUX}, {"xcomp", R_XCOMP}, {"obj", R_OBJ}, {"iobj", R_IOBJ},
        {"obl", R_OBL}, {"case", R_CASE}, {"advmod", R_ADVMOD}, {"neg", R_NEG},
    };
    static const struct { const char *name; uint8_t id; } subs[] = {
        {"acl:relcl", S_ACL_RELCL}, {"nmod:poss", S_NMOD_POSS}, {"nsubj:pass", S_NSUBJ_PASS},
        {"aux:pass", S_AUX_PASS}, {"obl:agent", S_OBL_AGENT}, {"compound:prt", S_COMPOUND_PRT},
    };
    *rel = R_OTHER;
    *sub = S_NONE;
    *fl = 0;
    if (!r) return;
    const char *c1 = strchr(r, ':');
    size_t n1 = c1 ? (size_t)(c1 - r) : strlen(r);
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    size_t n2 = c2 ? (size_t)(c2 - r) : strlen(r);
    if (c1) *fl |= RF_COLON;
    if (c2) *fl |= RF_DEEP;
    if (strstr(r, "pass")) *fl |= RF_PASS;
    for (size_t i = 0; i < sizeof base / sizeof *base; i++)
        if (strlen(base[i].name) == n1 && !memcmp(r, base[i].name, n1)) { *rel = base[i].id; break; }
    if (c1)
        for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
            if (strlen(subs[i].name) == n2 && !memcmp(r, subs[i].name, n2)) { *sub = subs[i].id; break; }
}

static void rel_classes(rel_memo *m, const char *r, uint8_t *rel, uint8_t *sub, uint8_t *fl)
{
    size_t h = ((uintptr_t)r >> 3) & 63;
    if (r && m->p[h] == r) {
        *rel = m->rel[h];
        *sub = m->sub[h];
        *fl = m->fl[h];
        return;
    }
    classify_rel(r, rel, sub, fl);
    if (r) {
        m->p[h] = r;
        m->rel[h] = *rel;
        m->sub[h] = *sub;
        m->fl[h] = *fl;
    }
}

/* Lower-cases s into b (cap bytes with the NUL); its length, or -1 when longer. */
static int lower_small(const char *s, char *b, size_t cap)
{
    size_t n = 0;
    for (; s[n] && n < cap - 1; n++) b[n] = (char)tolower((unsigned char)s[n]);
    if (s[n]) return -1;
    b[n] = '\0';
    return (int)n;
}

/* Case-insensitive classes of a word's form. */
static int word_classes(const char *s)
{
    static const struct { const char *w; uint8_t len; uint16_t cls; } tab[] = {
        {"not", 3, WC_NEG}, {"n't", 3, WC_NEG}, {"never", 5, WC_NEG}, {"no", 2, WC_NEG},
        {"will", 4, WC_FUTURE}, {"would", 5, WC_FUTURE}, {"shall", 5, WC_FUTURE},
        {"'ll", 3, WC_FUTURE}, {"wo", 2, WC_FUTURE}, {"must", 4, WC_MODAL},
        {"should", 6, WC_MODAL}, {"ought", 5, WC_MODAL}, {"to", 2, WC_TO}, {",", 1, WC_COMMA},
        {"and", 3, WC_AND}, {"the", 3, WC_THE}, {"who", 3, WC_RELWORD},
        {"which", 5, WC_RELWORD}, {"that", 4, WC_RELWORD}, {";", 1, WC_SEMI},
    };
    char b[8];
    int n = lower_small(s, b, sizeof b);
    if (n <= 0) return 0;
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
        if (tab[i].len == n && tab[i].w[0] == b[0] && !strcmp(b, tab[i].w)) return tab[i].cls;
    return 0;
}

/* Classes of a word's lemma (or form): WC_INTENT, WC_BY, and *prep = 1 + its
 * index in target_preps (0 when none); compared case-insensitively. */
static int lemma_classes(const sitrep_word *w, uint8_t *prep)
{
    *prep = 0;
    char b[16];
    int n = lower_small(w->lemma ? w->lemma : wnorm(w), b, sizeof b);
    if (n <= 0) return 0;
    int cls = 0;
    for (int i = 0; intent_words[i]; i++)
        if (intent_words[i][0] == b[0] && !strcmp(b, intent_words[i])) { cls |= WC_INTENT; break; }
    for (int i = 0; target_preps[i]; i++)
        if (target_preps[i][0] == b[0] && !strcmp(b, target_preps[i])) { *prep = (uint8_t)(i + 1); break; }
    if (!strcmp(b, "by")) cls |= WC_BY;
    return cls;
}

/* Fills the per-word tables of c for its sentence. */
static void sentence_tables(sent_ctx *c, rel_memo *memo)
{
    uint32_t n = c->n;
    for (uint32_t i = 0; i <= n; i++) c->kid0[i] = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sitrep_word *w = W(c, i);
        int h = w->head - 1;
        c->head[i] = h >= 0 && (uint32_t)h < n ? h : -1;
        if (c->head[i] >= 0) c->kid0[c->head[i] + 1]++;
        rel_classes(memo, w->deprel, &c->rel[i], &c->sub[i], &c->rfl[i]);
        int wc = word_classes(wnorm(w)) | lemma_classes(w, &c->prep[i]);
        if (w->xpos && !strcmp(w->xpos, "VBG")) wc |= WC_VBG;
        c->wc[i] = (uint16_t)wc;
    }
    for (uint32_t i = 0; i < n; i++) c->kid0[i + 1] = (uint16_t)(c->kid0[i + 1] + c->kid0[i]);
    /* children in word order: kid0[h] counts up while filling, then is restored */
    for (uint32_t i = 0; i < n; i++)
        if (c->head[i] >= 0) c->kids[c->kid0[c->head[i]]++] = (uint16_t)i;
    for (uint32_t i = n; i > 0; i--) c->kid0[i] = c->kid0[i - 1];
    c->kid0[0] = 0;
    for (uint32_t i = 0; i < n; i++) c->bound[i] = (uint8_t)clause_boundary(c, i);
}

sitrep_status event_run(const dict_set *ds, const event_opts *o, sitrep_doc *d)
{
    if (!ds || dict_nblocks(ds) == 0) return SITREP_OK;
    /* scratch for the longest parsed sentence, reused by every sentence */
    uint32_t maxn = 0;
    for (size_t si = 0; si < d->sentences.n; si++) {
        const sitrep_sentence *s = &d->sentences.v[si];
        if (s->nwords > maxn && s->nwords <= MAXW) maxn = s->nwords;
    }
    if (maxn == 0) return SITREP_OK;
    sent_ctx c = {0};
    c.ds = ds;
    c.d = d;
    c.tok_id = arena_alloc(&d->mem, maxn * sizeof *c.tok_id);
    c.id = arena_alloc(&d->mem, maxn * sizeof *c.id);
    c.lemma_id = arena_alloc(&d->mem, maxn * sizeof *c.lemma_id);
    c.actor = arena_alloc(&d->mem, maxn * sizeof *c.actor);
    c.head = arena_alloc(&d->mem, maxn * sizeof *c.head);
    c.wc = arena_alloc(&d->mem, maxn * sizeof *c.wc);
    c.kid0 = arena_alloc(&d->mem, (maxn + 1) * sizeof *c.kid0);
    c.kids = arena_alloc(&d->mem, maxn * sizeof *c.kids);
    c.in_clause = arena_alloc(&d->mem, maxn * 6);
    if (!c.tok_id || !c.id || !c.lemma_id || !c.actor || !c.head || !c.wc || !c.kid0 || !c.kids ||
        !c.in_clause)
        return SITREP_ERR_NOMEM;
    c.rel = c.in_clause + maxn;
    c.sub = c.rel + maxn;
    c.rfl = c.sub + maxn;
    c.prep = c.rfl + maxn;
    c.bound = c.prep + maxn;
    rel_memo memo;
    memset(&memo, 0, sizeof memo);
    /* transformations: fetched, with their scratch, once per document */
    vinfo vc[VCACHE];
    uint32_t vc_word[VCACHE];
    struct tsupp supp[MAX_SUPP];
    struct tfired fired[MAX_FIRED];
    c.vc = vc;
    c.vc_word = vc_word;
    c.supp = supp;
    c.fired = fired;
    size_t ntr = dict_ntransforms(ds);
    if (ntr) {
        dict_transform *tr = arena_alloc(&d->mem, ntr * sizeof *tr);
        c.lev = arena_alloc(&d->mem, 2 * ntr);
        if (!tr || !c.lev) return SITREP_ERR_NOMEM;
        for (size_t i = 0; i < ntr; i++)
            if (dict_transform_get(ds, i, &tr[c.ntr])) c.ntr++;
        c.tr = tr;
    }
    /* actors in text order: a cursor finds each sentence's, else every one is
     * looked at */
    int sorted = actors_in_text_order(d);
    size_t acur = 0;
    /* a story discard drops the whole article */
    for (size_t si = 0; si < d->sentences.n; si++) {
        const sitrep_sentence *s = &d->sentences.v[si];
        if (s->nwords == 0 || s->nwords > MAXW) continue;
        if (d->words.v[s->word].head < 0) continue;           /* not parsed */
        uint32_t n = s->nwords;
        c.s = s;
        c.n = n;
        memset(c.tok_id, 0, n * sizeof *c.tok_id);
        for (uint32_t i = 0; i < n; i++) {
            const sitrep_word *w = W(&c, i);
            const char *nw = wnorm(w);
            c.id[i] = dict_ascii_word_id(ds, nw);
            /* most lemmas are the word itself in another case: the same id */
            c.lemma_id[i] = !w->lemma ? 0 : !strcasecmp(w->lemma, nw) ? c.id[i] : dict_ascii_word_id(ds, w->lemma);
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
        memset(c.idbits, 0, sizeof c.idbits);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t ids3[3] = {c.id[i], c.lemma_id[i], c.tok_id[i]};
            for (int k = 0; k < 3; k++)
                if (ids3[k]) c.idbits[(ids3[k] >> 6) & 15] |= (uint64_t)1 << (ids3[k] & 63);
        }
        size_t dstart, dlen;
        int story = 0;
        if (dict_discard_match(ds, c.id, n, &dstart, &dlen, &story)) {
            if (story) { d->events.n = 0; return SITREP_OK; }
            continue;
        }
        size_t a0 = 0;
        if (sorted) {
            while (acur < d->actors.n && d->actors.v[acur].sentence < si) acur++;
            a0 = acur;
        }
        for (size_t a = a0; a < d->actors.n; a++) {
            const sitrep_actor *x = &d->actors.v[a];
            if (sorted && x->sentence > si) break;
            if (x->sentence != si || !x->code || !x->code[0]) continue;
            for (uint32_t i = 0; i < n; i++) {
                const sitrep_word *w = W(&c, i);
                if (w->start >= x->start && w->end <= x->end && c.actor[i] < 0) c.actor[i] = (int32_t)a;
            }
        }
        sentence_tables(&c, &memo);
        c.nvc = c.nsupp = c.nfired = 0;
        if (c.ntr) transform_sentence(&c, o);
        for (uint32_t v = 0; v < n; v++) {
            const sitrep_word *w = W(&c, v);
            /* the events of transformations, where their governing verb stands */
            for (size_t i = 0; i < c.nfired; i++)
                if (c.fired[i].outer == v &&
                    add_event(&c, si, c.fired[i].src, c.fired[i].tgt, c.fired[i].code, 0, c.fired[i].explain))
                    return SITREP_ERR_NOMEM;
            if (w->upos != SITREP_UPOS_VERB && w->upos != SITREP_UPOS_NOUN) continue;
            if (w->upos == SITREP_UPOS_NOUN && c.actor[v] >= 0) continue;
            if (head_is_coded(&c, v)) continue;
            if (o && o->builtin_semantics && is_content(&c, v)) continue;   /* PETRARCH codes these; the validation records expect it */
            sitrep_status st = SITREP_OK;
            if (!(rel_is(&c, v, R_CCOMP) && has_modal(&c, v)))   /* "Y must agree": a demand (code_obligation), not an agreement */
                st = code_verb(&c, si, v, o);
            if (st != SITREP_OK) return st;
            st = code_obligation(&c, si, v, o);
            if (st != SITREP_OK) return st;
        }
    }
    return SITREP_OK;
}
