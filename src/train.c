/* train.c — training the models from CoNLL-U and writing the model file.
 *
 * The tagger and the parser are trained independently (the parser on gold
 * tags), so with two threads they run side by side and the result does not
 * depend on the thread count. Each keeps the averaged weights of its best
 * epoch on the dev set. Everything random comes from one xorshift generator
 * per learner, seeded from the seed option: same data + seed = same model. */
#include "train.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ap.h"
#include "conllu.h"
#include "dep.h"
#include "doc.h"
#include "err.h"
#include "feat.h"
#include "lemma.h"
#include "nn.h"
#include "pos.h"

/* ------------------------------------------------------------ corpus */

typedef struct names {            /* interned strings -> dense ids */
    feat_map map;
    char **name;
    uint8_t *upos;                /* classes only */
    size_t n, cap;
} names;

typedef struct corpus {
    size_t nsent, nword, capw, caps;
    uint32_t *start;              /* sentence i: words [start[i], start[i+1]) */
    pos_word *pw;
    int *cls, *head, *lab;        /* gold; -1 unknown */
    char **form, **lemma, **feats;
    size_t skipped_docs;
} corpus;

static int names_id(names *t, const char *s, int upos, int add)
{
    int isnew;
    uint64_t key = FEAT2(upos, feat_hash(s, strlen(s)));
    if (!add) {
        const feat_slot *sl = feat_map_get(&t->map, key);
        return sl ? (int)sl->val : -1;
    }
    feat_slot *sl = feat_map_put(&t->map, key, &isnew);
    if (!sl) return -2;
    if (!isnew) return (int)sl->val;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **nn = realloc(t->name, cap * sizeof *nn);
        if (!nn) return -2;
        t->name = nn;
        uint8_t *nu = realloc(t->upos, cap);
        if (!nu) return -2;
        t->upos = nu;
        t->cap = cap;
    }
    if (!(t->name[t->n] = strdup(s))) return -2;
    t->upos[t->n] = (uint8_t)upos;
    sl->val = (uint32_t)t->n;
    return (int)t->n++;
}

static void names_free(names *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->name[i]);
    free(t->name);
    free(t->upos);
    feat_map_free(&t->map);
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->nword; i++) { free(c->form[i]); free(c->lemma[i]); free(c->feats[i]); }
    free(c->start); free(c->pw); free(c->cls); free(c->head); free(c->lab);
    free(c->form); free(c->lemma); free(c->feats);
    memset(c, 0, sizeof *c);
}

#define GROW(p, cap) do { void *q_ = realloc((p), (cap) * sizeof *(p)); if (!q_) return -1; (p) = q_; } while (0)

static int corpus_reserve(corpus *c, size_t words, size_t sents)
{
    if (words > c->capw) {
        size_t cap = c->capw ? c->capw : 4096;
        while (cap < words) cap = cap * 3 / 2;
        GROW(c->pw, cap); GROW(c->cls, cap); GROW(c->head, cap); GROW(c->lab, cap);
        GROW(c->form, cap); GROW(c->lemma, cap); GROW(c->feats, cap);
        c->capw = cap;
    }
    if (sents + 1 > c->caps) {
        size_t cap = c->caps ? c->caps : 1024;
        while (cap < sents + 1) cap = cap * 3 / 2;
        GROW(c->start, cap);
        c->caps = cap;
    }
    return 0;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* Reads a CoNLL-U file into c; classes and labels are added when `add`. */
static sitrep_status corpus_read(corpus *c, const char *path, names *cls, names *lab, int add,
                                 const train_options *o, sitrep_error *err)
{
    conllu_reader *r = conllu_open(path, 0, err);
    if (!r) return err->status;
    sitrep_doc *d = sitrep_doc_new();
    if (!d) { conllu_close(r); return err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory"); }
    int rc;
    sitrep_status st = SITREP_OK;
    if (c->nsent == 0 && corpus_reserve(c, 1, 1) == 0) c->start[0] = 0;
    while ((rc = conllu_next(r, d, err)) != 0) {
        if (rc < 0) { st = err->status; break; }
        const char *id = sitrep_doc_get(d, SITREP_FIELD_ID);
        int skip = 0;
        for (int i = 0; id && add && i < o->nexclude; i++)
            if (strstr(id, o->exclude[i])) skip = 1;
        if (skip) { c->skipped_docs++; continue; }
        for (size_t s = 0; s < d->sentences.n; s++) {
            const sitrep_sentence *se = &d->sentences.v[s];
            if (corpus_reserve(c, c->nword + se->nwords, c->nsent + 1)) { st = SITREP_ERR_NOMEM; break; }
            for (size_t i = 0; i < se->nwords; i++) {
                const sitrep_word *w = &d->words.v[se->word + i];
                size_t k = c->nword++;
                const char *form = w->norm ? w->norm : w->form ? w->form : "_";
                const char *xpos = w->xpos ? w->xpos : sitrep_upos_name(w->upos);
                pos_word_init(&c->pw[k], form);
                c->cls[k] = names_id(cls, xpos, w->upos, add);
                c->lab[k] = w->deprel ? names_id(lab, w->deprel, 0, add) : -1;
                c->head[k] = w->head;
                c->form[k] = strdup(form);
                c->lemma[k] = dup_or_null(w->lemma);
                c->feats[k] = dup_or_null(w->feats);
                if (c->cls[k] == -2 || c->lab[k] == -2 || !c->form[k]) { st = SITREP_ERR_NOMEM; break; }
            }
            c->start[++c->nsent] = (uint32_t)c->nword;
        }
        if (st) break;
    }
    sitrep_doc_free(d);
    conllu_close(r);
    if (st == SITREP_ERR_NOMEM) return err_set(err, st, path, 0, SIZE_MAX, "out of memory");
    return st;
}

/* ------------------------------------------------------------ helpers */

typedef struct rng { uint64_t s; } rng;
static uint64_t rng_next(rng *r)
{
    uint64_t x = r->s;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    return r->s = x;
}

static void shuffle(uint32_t *a, size_t n, rng *r)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(r) % i);
        uint32_t t = a[i - 1]; a[i - 1] = a[j]; a[j] = t;
    }
}

typedef struct job {
    const train_options *o;
    const corpus *tr, *dev;
    int nclass, nlabels, root_label;
    const int *p1tr;              /* stacked tagger / parser: first-pass classes of tr */
    int *p1dev;                   /* first-pass classes of dev (filled by the tagger) */
    void *best, *best2;           /* best epoch's ap section (pass 1, pass 2) */
    void *nn;                     /* parser: the network's section (train --nn) */
    size_t nn_len;
    size_t best_len, best2_len, nfeat, nnz;
    double best_score;            /* tagger: accuracy; parser: LAS */
    int best_epoch;
    int nonproj, lifts;
    int fold, folds;              /* jackknife: train without fold `fold`, tag it */
    int *out;                     /* jackknife output classes (tr words) */
    int *devout;                  /* jackknife fold 0: its classes of dev */
    const int *devtags;           /* parser: dev classes it is scored on (NULL: gold) */
    int status;                   /* 0 ok, -1 no memory */
    char summary[512];
} job;

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void say(const train_options *o, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (!o->log) return;
    pthread_mutex_lock(&log_lock);
    o->log(o->log_ctx, line);
    pthread_mutex_unlock(&log_lock);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint32_t *order_of(size_t n)
{
    uint32_t *a = malloc((n ? n : 1) * sizeof *a);
    if (a) for (size_t i = 0; i < n; i++) a[i] = (uint32_t)i;
    return a;
}

/* The averaged weights as a section, without the weights below o->prune. */
static void *write_weights(const train_options *o, const ap_train *t, size_t *len, size_t *nf,
                           size_t *nz)
{
    void *sec = ap_train_write(t, len, nf, nz);
    if (!sec || o->prune <= 1) return sec;
    ap_model m;
    void *pruned = ap_open(&m, sec, *len) == 0 ? ap_prune(&m, o->prune, len, nf, nz) : NULL;
    free(sec);
    return pruned;
}

static int keep_best(job *j, const ap_train *t, double score, int epoch)
{
    if (j->best && score <= j->best_score) return 0;
    size_t len, nf, nz;
    void *sec = write_weights(j->o, t, &len, &nf, &nz);
    if (!sec) return -1;
    free(j->best);
    j->best = sec;
    j->best_len = len;
    j->nfeat = nf;
    j->nnz = nz;
    j->best_score = score;
    j->best_epoch = epoch;
    return 0;
}

/* ------------------------------------------------------------ tagger */

static void set_amb(pos_word *pw, size_t n, const feat_map *dict)
{
    for (size_t i = 0; i < n; i++) {
        const feat_slot *s = feat_map_get(dict, pos_dict_key(&pw[i]));
        pw[i].amb = s ? s->val : 0;
        s = feat_map_get(dict, pos_dict_ckey(&pw[i]));
        pw[i].camb = s ? s->val : 0;
    }
}

static int argmax64(const int64_t *s, int n)
{
    int b = 0;
    for (int k = 1; k < n; k++) if (s[k] > s[b]) b = k;
    return b;
}

/* Greedy tagging of corpus sentences with the averaged weights. */
static void tag_sents(const ap_train *t, const corpus *c, const int *p1, int fold, int folds,
                      int *out)
{
    uint64_t f[POS_MAXFEAT];
    int64_t sc[512];
    for (size_t s = 0; s < c->nsent; s++) {
        if (folds && (int)(s % (size_t)folds) != fold) continue;
        size_t a = c->start[s], n = c->start[s + 1] - a;
        for (size_t i = 0; i < n; i++) {
            size_t nf = pos_features(c->pw + a, n, i, out + a, p1 ? p1 + a : NULL, f);
            memset(sc, 0, (size_t)t->nclass * sizeof *sc);
            ap_train_score(t, f, nf, sc, 1);
            out[a + i] = argmax64(sc, t->nclass);
        }
    }
}

static double accuracy(const corpus *c, const int *tags)
{
    size_t ok = 0;
    for (size_t i = 0; i < c->nword; i++) ok += tags[i] == c->cls[i];
    return c->nword ? 100.0 * ok / c->nword : 0;
}

/* Trains one tagger: on every sentence but fold `fold` of `folds` (folds = 0:
 * all), with first-pass classes p1 (NULL: first pass). With a dev set, keeps
 * the best epoch (section in *best) and leaves its dev classes in devtags. */
static int tag_train(job *j, const int *p1, const int *p1dev, int epochs, uint64_t seed,
                     const char *name, void **best, size_t *best_len, int *devtags)
{
    const corpus *tr = j->tr;
    ap_train t;
    uint64_t f[POS_MAXFEAT];
    int64_t sc[512];
    int *tags = malloc((tr->nword + 1) * sizeof *tags);
    int *dt = j->dev ? malloc((j->dev->nword + 1) * sizeof *dt) : NULL;
    uint32_t *ord = order_of(tr->nsent);
    rng r = { seed };
    double t0 = now(), bestacc = -1;
    int rc = -1, folds = j->folds, fold = j->fold;
    if (!tags || !ord || (j->dev && !dt) || ap_train_init(&t, j->nclass)) goto out;
    for (size_t s = 0; s < tr->nsent; s++) {
        if (folds && (int)(s % (size_t)folds) == fold) continue;
        size_t a = tr->start[s], n = tr->start[s + 1] - a;
        for (size_t i = 0; i < n; i++) {
            size_t nf = pos_features(tr->pw + a, n, i, tr->cls + a, p1 ? p1 + a : NULL, f);
            if (ap_train_count(&t, f, nf)) goto out;
        }
    }
    if (ap_train_freeze(&t, 1)) goto out;   /* every feature (mincount 2: -0.1 on dev) */
    for (int ep = 1; ep <= epochs; ep++) {
        shuffle(ord, tr->nsent, &r);
        size_t ok = 0, all = 0;
        for (size_t k = 0; k < tr->nsent; k++) {
            if (folds && (int)(ord[k] % (uint32_t)folds) == fold) continue;
            size_t a = tr->start[ord[k]], n = tr->start[ord[k] + 1] - a;
            for (size_t i = 0; i < n; i++) {
                size_t nf = pos_features(tr->pw + a, n, i, tags + a, p1 ? p1 + a : NULL, f);
                memset(sc, 0, (size_t)j->nclass * sizeof *sc);
                ap_train_score(&t, f, nf, sc, 0);
                int p = argmax64(sc, j->nclass), g = tr->cls[a + i];
                ap_train_update(&t, f, nf, g, p);
                ap_train_tick(&t);
                ok += p == g;
                all++;
                tags[a + i] = p;
            }
        }
        double acc = 100.0 * ok / (all ? all : 1);
        if (j->dev && best) {
            tag_sents(&t, j->dev, p1dev, 0, 0, dt);
            acc = accuracy(j->dev, dt);
            if (acc > bestacc) {
                size_t len, nf, nz;
                void *sec = write_weights(j->o, &t, &len, &nf, &nz);
                if (!sec) goto out;
                free(*best);
                *best = sec;
                *best_len = len;
                bestacc = acc;
                memcpy(devtags, dt, j->dev->nword * sizeof *dt);
                snprintf(j->summary, sizeof j->summary,
                         "%s: best epoch %d, dev class accuracy %.2f, %zu features, %zu weights",
                         name, ep, acc, nf, nz);
            }
        } else if (best && ep == epochs) {
            size_t nf, nz;
            if (!(*best = write_weights(j->o, &t, best_len, &nf, &nz))) goto out;
        }
        if (j->dev && best)
            say(j->o, "%s epoch %d: train %.2f dev class accuracy %.2f (%.0f s)", name, ep,
                100.0 * ok / (all ? all : 1), acc, now() - t0);
        else
            say(j->o, "%s epoch %d: train %.2f (%.0f s)", name, ep, 100.0 * ok / (all ? all : 1),
                now() - t0);
    }
    if (j->out) tag_sents(&t, tr, p1, fold, folds, j->out);
    if (j->devout && j->dev) tag_sents(&t, j->dev, p1, 0, 0, j->devout);
    rc = 0;
out:
    ap_train_free(&t);
    free(tags);
    free(dt);
    free(ord);
    return rc;
}

/* Jackknifing: fold jobs j[k], k = first, first + step, ... */
typedef struct fold_run { job *j; int first, step, n, epochs; } fold_run;

static void *fold_job(void *arg)
{
    fold_run *fr = arg;
    for (int k = fr->first; k < fr->n; k += fr->step) {
        job *j = &fr->j[k];
        char name[32];
        snprintf(name, sizeof name, "jackknife fold %d", k);
        j->status = tag_train(j, NULL, NULL, fr->epochs, j->o->seed * 7919 + (uint64_t)k + 11,
                              name, NULL, NULL, NULL);
    }
    return NULL;
}

/* The tagger: first pass on all the data, then (when p1tr is set) the
 * stacked second pass over the jackknifed first-pass classes. */
static void *tag_job(void *arg)
{
    job *j = arg;
    double t0 = now();
    char s1[1100] = "";
    j->status = -1;
    if (!j->dev) return NULL;
    if (tag_train(j, NULL, NULL, j->o->epochs, j->o->seed * 2654435761u + 1, "tagger",
                  &j->best, &j->best_len, j->p1dev)) return NULL;
    say(j->o, "%s", j->summary);
    if (j->p1tr) {
        int *dt = malloc((j->dev->nword + 1) * sizeof *dt);
        snprintf(s1, sizeof s1, "%s", j->summary);
        if (!dt || tag_train(j, j->p1tr, j->p1dev, j->o->epochs, j->o->seed * 40503u + 3,
                             "tagger pass 2", &j->best2, &j->best2_len, dt)) { free(dt); return NULL; }
        free(dt);
        say(j->o, "%s", j->summary);
        size_t n = strlen(s1);
        snprintf(s1 + n, sizeof s1 - n, "; %s", j->summary);
        snprintf(j->summary, sizeof j->summary, "%.500s", s1);
    }
    say(j->o, "tagger: %.0f s", now() - t0);
    j->status = 0;
    return NULL;
}

/* ------------------------------------------------------------ parser */

typedef dep_tree tree;            /* one sentence for the parser (training: projectivized) */

static int best_valid(const dep_state *st, const int64_t *sc, int nc, const int *cost, int mincost)
{
    int b = -1;
    for (int a = 0; a < nc; a++) {
        if (cost) { if (cost[a] != mincost) continue; }
        else if (!dep_valid(st, a)) continue;
        if (b < 0 || sc[a] > sc[b]) b = a;
    }
    return b;
}

/* tags: the classes the parser sees (NULL: gold); use_gold: projectivize. */
static const uint8_t *class_upos;   /* class -> UPOS (set before the jobs start) */

static int make_tree(tree *t, const corpus *c, const int *tags, size_t s, int use_gold,
                     int *nonproj, int *lifts)
{
    size_t a = c->start[s];
    int n = (int)(c->start[s + 1] - a);
    t->n = n;
    t->w = malloc((size_t)(n + 1) * sizeof *t->w);
    t->gh = malloc((size_t)(n + 1) * sizeof *t->gh);
    t->gl = malloc((size_t)(n + 1) * sizeof *t->gl);
    if (!t->w || !t->gh || !t->gl) return -1;
    t->w[0].w = 0; t->w[0].t = 0; t->w[0].u = 0; t->w[0].a = 0;
    t->gh[0] = -1; t->gl[0] = -1;
    int bad = 0;
    for (int i = 1; i <= n; i++) {
        t->w[i].w = c->pw[a + i - 1].lw;
        int cl = tags ? tags[a + i - 1] : c->cls[a + i - 1];
        t->w[i].t = (uint32_t)(cl < 0 ? 0 : cl);
        t->w[i].u = class_upos[t->w[i].t];
        t->w[i].a = c->pw[a + i - 1].amb;
        t->gh[i] = c->head[a + i - 1];
        t->gl[i] = c->lab[a + i - 1];
        if (t->gh[i] < 0 || t->gh[i] > n || t->gl[i] < 0) bad = 1;
    }
    if (bad) return 1;
    if (use_gold) {
        int l = dep_projectivize(n, t->gh);
        if (l) { (*nonproj)++; *lifts += l; }
    }
    return 0;
}

static double dep_dev(const ap_train *t, const tree *dv, size_t nd, int nl, int root,
                      double *uas)
{
    uint64_t f[DEP_MAXFEAT];
    int64_t sc[512];
    size_t ok = 0, lok = 0, all = 0;
    int nc = 1 + 2 * nl;
    for (size_t s = 0; s < nd; s++) {
        const tree *tr = &dv[s];
        void *mem = malloc(dep_state_size(tr->n));
        if (!mem) continue;
        dep_state st;
        dep_state_init(&st, tr->n, nl, root, mem);
        while (!dep_terminal(&st)) {
            size_t nf = dep_features(&st, tr->w, f);
            memset(sc, 0, (size_t)nc * sizeof *sc);
            ap_train_score(t, f, nf, sc, 1);
            dep_apply(&st, best_valid(&st, sc, nc, NULL, 0));
        }
        dep_tree_count(tr, &st, &ok, &lok, &all);
        free(mem);
    }
    *uas = all ? 100.0 * ok / all : 0;
    return all ? 100.0 * lok / all : 0;
}

/* Global training of a beam parser (Zhang & Clark 2008; max-violation
 * updates, Huang, Fayong & Guo 2012). Each sentence is decoded with a beam of
 * K and the current weights; the gold sequence is the static oracle's (the
 * first zero-cost action). Where the best item, not gold, leads the gold
 * prefix by most, the weights move towards the gold prefix and away from that
 * item's: the model learns to rank whole sequences, which is what a beam
 * decodes, where greedy training ranks actions. */
typedef struct bitem { dep_state st; void *mem; int64_t score; int *hist; int gold; } bitem;
typedef struct beam_ws {
    int K, nc;
    bitem *a, *b;                 /* current items, next items: K each */
    dep_cand *c;                  /* the K best candidates */
    int *ghist, *vhist;           /* gold sequence, most violating prefix */
    int32_t *mask;                /* nc scratch for dep_mask_invalid */
    void *gmem;                   /* the gold state */
} beam_ws;

static void beam_ws_free(beam_ws *w)
{
    for (int k = 0; w->a && k < w->K; k++) { free(w->a[k].mem); free(w->a[k].hist); }
    for (int k = 0; w->b && k < w->K; k++) { free(w->b[k].mem); free(w->b[k].hist); }
    free(w->a); free(w->b); free(w->c); free(w->ghist); free(w->vhist); free(w->mask);
    free(w->gmem);
}

static int beam_ws_init(beam_ws *w, int K, int nc, int maxn)
{
    memset(w, 0, sizeof *w);
    w->K = K;
    w->nc = nc;
    size_t hl = (size_t)(2 * maxn + 4) * sizeof(int), sz = dep_state_size(maxn);
    w->a = calloc((size_t)K, sizeof *w->a);
    w->b = calloc((size_t)K, sizeof *w->b);
    w->c = malloc((size_t)K * sizeof *w->c);
    w->ghist = malloc(hl);
    w->vhist = malloc(hl);
    w->mask = malloc((size_t)(nc + 16) * sizeof *w->mask);
    w->gmem = malloc(sz);
    if (!w->a || !w->b || !w->c || !w->ghist || !w->vhist || !w->mask || !w->gmem) return -1;
    for (int k = 0; k < K; k++)
        if (!(w->a[k].mem = malloc(sz)) || !(w->b[k].mem = malloc(sz)) ||
            !(w->a[k].hist = malloc(hl)) || !(w->b[k].hist = malloc(hl))) return -1;
    return 0;
}

/* One step of the beam: expands the na items of w->a into w->b (then swapped)
 * and returns their count. With w->ghist (training), marks the items still on the
 * gold sequence. Candidates are kept by dep_beam_offer, as in dep_parse_beam. */
static int beam_step(const ap_train *t, int avg, const tree *x, beam_ws *w, int na, int step)
{
    uint64_t f[DEP_MAXFEAT];
    int64_t sc[512];
    int K = w->K, nc = 0;
    for (int k = 0; k < na; k++) {
        const dep_state *st = &w->a[k].st;
        int fa = dep_forced(st), from = fa, to = fa;
        if (fa < 0) {
            size_t nf = dep_features(st, x->w, f);
            memset(sc, 0, (size_t)w->nc * sizeof *sc);
            ap_train_score(t, f, nf, sc, avg);
            memset(w->mask, 0, (size_t)w->nc * sizeof *w->mask);
            dep_mask_invalid(st, w->mask, (uint32_t)w->nc);
            from = 0;
            to = w->nc - 1;
        }
        for (int a = from; a <= to; a++)
            if (fa >= 0 || w->mask[a] != INT32_MIN)
                dep_beam_offer(w->c, &nc, K, k, a, w->a[k].score + (fa < 0 ? sc[a] : 0));
    }
    for (int j = 0; j < nc; j++) {
        const bitem *from = &w->a[w->c[j].item];
        bitem *to = &w->b[j];
        dep_state_copy(&to->st, &from->st, to->mem);
        dep_apply(&to->st, w->c[j].a);
        memcpy(to->hist, from->hist, (size_t)step * sizeof *to->hist);
        to->hist[step] = w->c[j].a;
        to->score = w->c[j].score;
        to->gold = from->gold && w->c[j].a == w->ghist[step];
    }
    bitem *tmp = w->a; w->a = w->b; w->b = tmp;
    return nc;
}

/* Adds step to the features of each scored (not forced) action of hist. */
static void replay_add(ap_train *t, const tree *x, int nl, int root, void *mem, const int *hist,
                       int n, int step)
{
    uint64_t f[DEP_MAXFEAT];
    dep_state st;
    dep_state_init(&st, x->n, nl, root, mem);
    for (int i = 0; i < n; i++) {
        if (dep_forced(&st) < 0) {
            size_t nf = dep_features(&st, x->w, f);
            ap_train_add(t, f, nf, hist[i], step);
        }
        dep_apply(&st, hist[i]);
    }
}

/* Trains on one sentence; returns 1 when the weights were updated. */
static int beam_train_sent(ap_train *t, const tree *x, int nl, int root, beam_ws *w)
{
    uint64_t f[DEP_MAXFEAT];
    int64_t sc[512];
    int cost[512];
    dep_state gs;
    int ng = 0;
    dep_state_init(&gs, x->n, nl, root, w->gmem);
    while (!dep_terminal(&gs)) {                  /* the gold sequence */
        int mc = dep_costs(&gs, x->gh, x->gl, cost), a = 0;
        while (cost[a] != mc) a++;
        w->ghist[ng++] = a;
        dep_apply(&gs, a);
    }
    dep_state_init(&gs, x->n, nl, root, w->gmem);
    dep_state_init(&w->a[0].st, x->n, nl, root, w->a[0].mem);
    w->a[0].score = 0;
    w->a[0].gold = 1;
    int na = 1, step = 0, vstep = 0;
    int64_t gscore = 0, worst = 0;
    while (!dep_terminal(&w->a[0].st)) {
        na = beam_step(t, 0, x, w, na, step);
        if (dep_forced(&gs) < 0) {               /* the gold prefix's score */
            size_t nf = dep_features(&gs, x->w, f);
            memset(sc, 0, (size_t)w->nc * sizeof *sc);
            ap_train_score(t, f, nf, sc, 0);
            gscore += sc[w->ghist[step]];
        }
        dep_apply(&gs, w->ghist[step]);
        step++;
        if (!w->a[0].gold && w->a[0].score - gscore >= worst) {
            worst = w->a[0].score - gscore;
            vstep = step;
            memcpy(w->vhist, w->a[0].hist, (size_t)step * sizeof *w->vhist);
        }
    }
    if (!vstep) return 0;
    replay_add(t, x, nl, root, w->gmem, w->ghist, vstep, 1);
    replay_add(t, x, nl, root, w->gmem, w->vhist, vstep, -1);
    return 1;
}

/* Dev UAS/LAS decoding with a beam of K and the averaged weights. */
static double dep_dev_beam(const ap_train *t, const tree *dv, size_t nd, int nl, int root,
                           beam_ws *w, double *uas)
{
    size_t ok = 0, lok = 0, all = 0;
    for (size_t s = 0; s < nd; s++) {
        const tree *x = &dv[s];
        dep_state_init(&w->a[0].st, x->n, nl, root, w->a[0].mem);
        w->a[0].score = 0;
        w->a[0].gold = 0;
        int na = 1, step = 0;
        while (!dep_terminal(&w->a[0].st)) na = beam_step(t, 1, x, w, na, step++);
        dep_tree_count(x, &w->a[0].st, &ok, &lok, &all);
    }
    *uas = all ? 100.0 * ok / all : 0;
    return all ? 100.0 * lok / all : 0;
}

/* The network's progress lines, through say's lock (the tagger may log too). */
static void nn_log(void *ctx, const char *line)
{
    say(ctx, "%s", line);
}

/* The network, beside the parser's best perceptron weights (j->best). */
static int dep_nn(job *j, const tree *tr, size_t nt, const tree *dv, size_t nd)
{
    const train_options *o = j->o;
    ap_model pm;
    double t0 = now();
    if (!j->best || ap_open(&pm, j->best, j->best_len)) return -1;
    ap_speedup(&pm, 16);
    nn_train_options no = {
        .epochs = o->nn_epochs > 0 ? o->nn_epochs : 8, .hidden = o->nn_hidden, .seed = o->seed,
        .vectors = o->nn_vectors, .nvectors = o->nn_nvectors > 0 ? o->nn_nvectors : 100000,
        .beam = o->beam > 1 ? o->beam : 1, .partner = &pm, .log = nn_log, .ctx = (void *)o,
    };
    int rc = nn_train(&no, tr, nt, dv, nd, j->nlabels, j->root_label, j->nclass, &j->nn, &j->nn_len);
    ap_close(&pm);
    if (rc == -2) j->status = -2;
    say(o, "network: %.0f s", now() - t0);
    return rc;
}

static void *dep_job(void *arg)
{
    job *j = arg;
    const train_options *o = j->o;
    int nl = j->nlabels, nc = 1 + 2 * nl;
    ap_train t;
    uint64_t f[DEP_MAXFEAT];
    int64_t sc[512];
    int cost[512];
    tree *tr = calloc(j->tr->nsent + 1, sizeof *tr), *dv = NULL;
    size_t nt = 0, nd = 0;
    uint32_t *ord = NULL;
    rng r = { o->seed * 0x9E3779B97F4A7C15ULL + 7 };
    double t0 = now();
    int dummy = 0;
    void *mem = NULL;
    j->status = -1;
    if (!tr || ap_train_init(&t, nc)) goto out;
    for (size_t s = 0; s < j->tr->nsent; s++) {
        int rc = make_tree(&tr[nt], j->tr, j->p1tr, s, 1, &j->nonproj, &j->lifts);
        if (rc < 0) goto out;
        if (rc == 0) nt++;
        else { free(tr[nt].w); free(tr[nt].gh); free(tr[nt].gl); }
    }
    if (j->dev) {
        dv = calloc(j->dev->nsent + 1, sizeof *dv);
        if (!dv) goto out;
        for (size_t s = 0; s < j->dev->nsent; s++) {
            int rc = make_tree(&dv[nd], j->dev, j->devtags, s, 0, &dummy, &dummy);
            if (rc < 0) goto out;
            if (rc == 0) nd++;
            else { free(dv[nd].w); free(dv[nd].gh); free(dv[nd].gl); }
        }
    }
    say(o, "parser: %zu training trees, %d non-projective (%d arcs lifted)", nt, j->nonproj, j->lifts);
    int maxn = 1;
    for (size_t s = 0; s < nt; s++) if (tr[s].n > maxn) maxn = tr[s].n;
    if (!(mem = malloc(dep_state_size(maxn))) || !(ord = order_of(nt))) goto out;
    /* feature counts along the static oracle's path */
    for (size_t s = 0; s < nt; s++) {
        dep_state st;
        dep_state_init(&st, tr[s].n, nl, j->root_label, mem);
        while (!dep_terminal(&st)) {
            size_t nf = dep_features(&st, tr[s].w, f);
            if (ap_train_count(&t, f, nf)) goto out;
            int mc = dep_costs(&st, tr[s].gh, tr[s].gl, cost);
            int a = 0;
            while (cost[a] != mc) a++;
            dep_apply(&st, a);
        }
    }
    if (ap_train_freeze(&t, 2)) goto out;   /* features seen twice: halves the memory */
    say(o, "parser: %zu features kept of %zu", t.nrows, t.idx.n);
    if (o->beam > 1) {
        beam_ws w;
        if (beam_ws_init(&w, o->beam, nc, maxn)) { beam_ws_free(&w); goto out; }
        for (int ep = 1; ep <= o->epochs; ep++) {
            shuffle(ord, nt, &r);
            size_t ups = 0;
            for (size_t k = 0; k < nt; k++) {
                ups += (size_t)beam_train_sent(&t, &tr[ord[k]], nl, j->root_label, &w);
                ap_train_tick(&t);
            }
            double uas = 0, las = nd ? dep_dev_beam(&t, dv, nd, nl, j->root_label, &w, &uas) : 0;
            say(o, "parser epoch %d (beam %d): %.2f%% of the sentences updated, dev UAS %.2f LAS %.2f (%s tags) (%.0f s)",
                ep, o->beam, 100.0 * ups / (nt ? nt : 1), uas, las, j->devtags ? "fold-0" : "gold",
                now() - t0);
            if (keep_best(j, &t, nd ? las : ep, ep)) { beam_ws_free(&w); goto out; }
        }
        beam_ws_free(&w);
    }
    for (int ep = 1; o->beam <= 1 && ep <= o->epochs; ep++) {
        shuffle(ord, nt, &r);
        size_t steps = 0, errs = 0;
        for (size_t k = 0; k < nt; k++) {
            const tree *x = &tr[ord[k]];
            dep_state st;
            dep_state_init(&st, x->n, nl, j->root_label, mem);
            while (!dep_terminal(&st)) {
                size_t nf = dep_features(&st, x->w, f);
                memset(sc, 0, (size_t)nc * sizeof *sc);
                ap_train_score(&t, f, nf, sc, 0);
                int mc = dep_costs(&st, x->gh, x->gl, cost);
                int p = best_valid(&st, sc, nc, NULL, 0);
                int g = best_valid(&st, sc, nc, cost, mc);
                if (cost[p] != mc) { ap_train_update(&t, f, nf, g, p); errs++; }
                ap_train_tick(&t);
                steps++;
                /* explore (Goldberg & Nivre 2013): after the first epoch, follow
                 * the model's own mistakes 9 times in 10 */
                int next = g;
                if (ep > 1 && rng_next(&r) % 10 != 0) next = p;
                dep_apply(&st, next);
            }
        }
        double uas = 0, las = nd ? dep_dev(&t, dv, nd, nl, j->root_label, &uas) : 0;
        say(o, "parser epoch %d: train action errors %.2f%%, dev UAS %.2f LAS %.2f (%s tags) (%.0f s)",
            ep, 100.0 * errs / (steps ? steps : 1), uas, las, j->devtags ? "fold-0" : "gold",
            now() - t0);
        if (keep_best(j, &t, nd ? las : ep, ep)) goto out;
    }
    if (o->nn && dep_nn(j, tr, nt, dv, nd)) goto out;
    snprintf(j->summary, sizeof j->summary,
             "parser: best epoch %d, dev LAS %.2f (%s tags, beam %d), %zu features, %zu weights",
             j->best_epoch, j->best_score, j->devtags ? "fold-0 tagger" : "gold",
             o->beam > 1 ? o->beam : 1, j->nfeat, j->nnz);
    say(o, "parser: %.0f s", now() - t0);
    j->status = 0;
out:
    for (size_t s = 0; tr && s < nt; s++) { free(tr[s].w); free(tr[s].gh); free(tr[s].gl); }
    for (size_t s = 0; dv && s < nd; s++) { free(dv[s].w); free(dv[s].gh); free(dv[s].gl); }
    free(tr); free(dv); free(ord); free(mem);
    ap_train_free(&t);
    return NULL;
}

/* ------------------------------------------------------------ driver */

/* String table: u32 count, u32 offsets[count], strings. */
static void *strtab_make(char *const *s, size_t n, size_t *len)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) chars += strlen(s[i]) + 1;
    unsigned char *out = malloc(4 + 4 * n + chars);
    if (!out) return NULL;
    uint32_t cnt = (uint32_t)n, off = 0;
    memcpy(out, &cnt, 4);
    for (size_t i = 0; i < n; i++) {
        memcpy(out + 4 + 4 * i, &off, 4);
        memcpy(out + 4 + 4 * n + off, s[i], strlen(s[i]) + 1);
        off += (uint32_t)strlen(s[i]) + 1;
    }
    *len = 4 + 4 * n + chars;
    return out;
}

/* The tag dictionary: for words seen at least 3 times, an ambiguity class
 * (hash of the most frequent class and of every class with >= 10% of the
 * word's occurrences), used as a feature value. */
static int build_tagdict(feat_map *dict, const corpus *c, int nclass)
{
    feat_map cnt, tot;
    if (feat_map_init(&cnt, 1 << 16) || feat_map_init(&tot, 1 << 16) || feat_map_init(dict, 1 << 14))
        return -1;
    for (size_t i = 0; i < 2 * c->nword; i++) {   /* lower-case keys, then cased */
        const pos_word *pw = &c->pw[i % c->nword];
        uint64_t k = i < c->nword ? pos_dict_key(pw) : pos_dict_ckey(pw);
        feat_slot *t = feat_map_put(&tot, k, NULL);
        feat_slot *s = feat_map_put(&cnt, FEAT2(k, c->cls[i % c->nword]), NULL);
        if (!t || !s) return -1;
        t->val++;
        s->val++;
        if (s->val > t->aux) t->aux = s->val;
    }
    for (uint64_t i = 0; i <= tot.mask; i++) {
        const feat_slot *t = &tot.slot[i];
        if (!t->key || t->val < 3) continue;
        uint64_t h = 0, top = UINT64_MAX;
        for (int k = 0; k < nclass; k++) {
            const feat_slot *s = feat_map_get(&cnt, FEAT2(t->key, k));
            if (!s) continue;
            if (s->val == t->aux && top == UINT64_MAX) top = (uint64_t)k;
            if (10 * s->val >= t->val) h = feat_mix(h, (uint64_t)k + 1);
        }
        feat_slot *d = feat_map_put(dict, t->key, NULL);
        if (!d) return -1;
        d->val = (uint32_t)feat_mix(h, top) | 1;
    }
    feat_map_free(&cnt);
    feat_map_free(&tot);
    return 0;
}

static void log_lemma_dev(const train_options *o, const lemma_build *lb, const corpus *dev,
                          char *const *xpos)
{
    lemma_model lm;
    arena mem;
    size_t ok = 0, fok = 0, all = 0;
    lemma_build_view(lb, &lm);
    arena_init(&mem);
    for (size_t i = 0; i < dev->nword; i++) {
        int c = dev->cls[i];
        if (c < 0 || !dev->lemma[i]) continue;
        const char *l = lemma_of(&lm, dev->form[i], xpos[c], c, &mem);
        const char *fe = lemma_feats(&lm, dev->form[i], c);
        all++;
        ok += l && !strcmp(l, dev->lemma[i]);
        fok += (!fe && !dev->feats[i]) || (fe && dev->feats[i] && !strcmp(fe, dev->feats[i]));
    }
    arena_free(&mem);
    say(o, "lemmatizer: dev lemma accuracy %.2f, FEATS %.2f (gold tags)",
        all ? 100.0 * ok / all : 0, all ? 100.0 * fok / all : 0);
}

sitrep_status train_run(const train_options *o, sitrep_error *err)
{
    corpus tr = { 0 }, dev = { 0 };
    names cls = { 0 }, lab = { 0 };
    feat_map dict = { 0 };
    lemma_build lb;
    int lb_ok = 0;
    sitrep_status st = SITREP_OK;
    job tj, dj;
    void *xs = NULL, *ls = NULL, *dsec = NULL;
    char *meta = NULL;
    uint32_t *clsf = NULL;
    int *p1tr = NULL, *jkdev = NULL;
    job *fj = NULL;
    memset(&tj, 0, sizeof tj);
    memset(&dj, 0, sizeof dj);
    double t0 = now();
    if (o->nn && o->nn_vectors) {   /* before hours of training, not after */
        FILE *vf = fopen(o->nn_vectors, "r");
        if (!vf) return err_set(err, SITREP_ERR_IO, o->nn_vectors, 0, SIZE_MAX, "cannot read the word vectors");
        fclose(vf);
    }
    if (feat_map_init(&cls.map, 256) || feat_map_init(&lab.map, 256)) goto nomem;
    for (int i = 0; i < o->ntrain; i++)
        if ((st = corpus_read(&tr, o->train[i], &cls, &lab, 1, o, err))) goto done;
    if (o->dev && (st = corpus_read(&dev, o->dev, &cls, &lab, 0, o, err))) goto done;
    if (tr.nsent == 0) { st = err_set(err, SITREP_ERR_INPUT, o->train[0], 0, SIZE_MAX, "no training sentences"); goto done; }
    int root = names_id(&lab, "root", 0, 0);
    if (root < 0) { st = err_set(err, SITREP_ERR_INPUT, o->train[0], 0, SIZE_MAX, "no root relation in the training data"); goto done; }
    if (cls.n > 500 || lab.n > 250) { st = err_set(err, SITREP_ERR_INPUT, o->train[0], 0, SIZE_MAX, "too many tags or relations (%zu, %zu)", cls.n, lab.n); goto done; }
    say(o, "data: %zu training sentences (%zu words, %zu documents excluded), %zu dev sentences; %zu tag classes, %zu relations",
        tr.nsent, tr.nword, tr.skipped_docs, dev.nsent, cls.n, lab.n);
    if (build_tagdict(&dict, &tr, (int)cls.n)) goto nomem;
    set_amb(tr.pw, tr.nword, &dict);
    set_amb(dev.pw, dev.nword, &dict);

    /* lemmas and FEATS */
    if (lemma_build_init(&lb, (uint32_t)cls.n)) goto nomem;
    lb_ok = 1;
    const char *wn = o->wordnet ? o->wordnet : "/usr/share/wordnet";
    if (lemma_build_wordnet(&lb, wn)) {
        st = err_set(err, SITREP_ERR_IO, wn, 0, SIZE_MAX, "cannot read WordNet (index.* and *.exc)");
        goto done;
    }
    for (size_t i = 0; i < tr.nword; i++)
        if (tr.cls[i] >= 0 && lemma_build_add(&lb, tr.form[i], tr.cls[i], tr.lemma[i], tr.feats[i])) goto nomem;
    if (dev.nword) log_lemma_dev(o, &lb, &dev, cls.name);

    /* jackknifed first-pass classes of the training data: what the parser
     * and the stacked tagger see at run time is a tagger's output, errors and
     * all, not gold */
    if (o->folds > 1) {
        if (!(p1tr = malloc((tr.nword + 1) * sizeof *p1tr))) goto nomem;
        fj = calloc((size_t)o->folds, sizeof *fj);
        if (!fj) goto nomem;
        for (int k = 0; k < o->folds; k++) {
            fj[k].o = o;
            fj[k].tr = &tr;
            fj[k].nclass = (int)cls.n;
            fj[k].fold = k;
            fj[k].folds = o->folds;
            fj[k].out = p1tr;
        }
        /* fold 0's tagger also tags dev: the parser picks its epoch by the dev
         * LAS with a tagger's classes, as it will be used (not with gold) */
        if (dev.nword) {
            if (!(jkdev = malloc(dev.nword * sizeof *jkdev))) goto nomem;
            fj[0].dev = &dev;
            fj[0].devout = jkdev;
        }
        fold_run fa = { fj, 0, o->threads >= 2 ? 2 : 1, o->folds, o->jk_epochs };
        fold_run fb = { fj, 1, 2, o->folds, o->jk_epochs };
        pthread_t th;
        if (o->threads >= 2 && pthread_create(&th, NULL, fold_job, &fb) == 0) {
            fold_job(&fa);
            pthread_join(th, NULL);
        } else {
            fa.step = 1;
            fold_job(&fa);
        }
        for (int k = 0; k < o->folds; k++) if (fj[k].status) goto nomem;
        say(o, "jackknife: %d folds x %d epochs, training data tagged with class accuracy %.2f",
            o->folds, o->jk_epochs, accuracy(&tr, p1tr));
    }
    class_upos = cls.upos;
    tj.o = dj.o = o;
    tj.tr = dj.tr = &tr;
    tj.dev = dj.dev = dev.nsent ? &dev : NULL;
    tj.nclass = dj.nclass = (int)cls.n;
    tj.p1tr = o->stack ? p1tr : NULL;
    if (!(tj.p1dev = malloc((dev.nword + 1) * sizeof *tj.p1dev))) goto nomem;
    dj.p1tr = p1tr;
    dj.devtags = jkdev;
    dj.nlabels = (int)lab.n;
    dj.root_label = root;
    if (o->threads >= 2) {
        pthread_t th;
        if (pthread_create(&th, NULL, dep_job, &dj) != 0) dep_job(&dj);
        else { tag_job(&tj); pthread_join(th, NULL); }
    } else {
        tag_job(&tj);
        dep_job(&dj);
    }
    if (!dev.nsent) { st = err_set(err, SITREP_ERR_INPUT, o->dev, 0, SIZE_MAX, "no dev sentences"); goto done; }
    if (dj.status == -2) {
        st = err_set(err, SITREP_ERR_IO, o->nn_vectors, 0, SIZE_MAX, "cannot read the word vectors");
        goto done;
    }
    if (tj.status || dj.status) goto nomem;
    say(o, "%s", tj.summary);
    say(o, "%s", dj.summary);

    size_t xl, ll, ml;
    if (!(xs = strtab_make(cls.name, cls.n, &xl)) || !(ls = strtab_make(lab.name, lab.n, &ll))) goto nomem;
    if (!(clsf = malloc(cls.n * 4))) goto nomem;
    memcpy(clsf, lb.cls_feats, cls.n * 4);
    meta = malloc(4096);
    if (!meta) goto nomem;
    ml = (size_t)snprintf(meta, 4096,
        "command %s\nsentences %zu\nwords %zu\nnonprojective %d\njackknife_folds %d\nbeam %d\n%s\n%s\n",
        o->command ? o->command : "", tr.nsent, tr.nword, dj.nonproj, o->folds,
        o->beam > 1 ? o->beam : 1, tj.summary, dj.summary);
    if (ml >= 4096) ml = 4095;
    static const char empty_pool[1] = "";
    model_section sec[] = {
        { MSEC_META, meta, ml },
        { MSEC_XPOS, xs, xl },
        { MSEC_UPOS, cls.upos, cls.n },
        { MSEC_LABELS, ls, ll },
        { MSEC_TAGW, tj.best, tj.best_len },
        { MSEC_DEPW, dj.best, dj.best_len },
        { MSEC_TAGDICT, dict.slot, (dict.mask + 1) * sizeof(feat_slot) },
        { MSEC_POOL, lb.len ? lb.pool : empty_pool, lb.len ? lb.len : 1 },
        { MSEC_LEX, lb.lex.slot, (lb.lex.mask + 1) * sizeof(feat_slot) },
        { MSEC_EXC, lb.exc.slot, (lb.exc.mask + 1) * sizeof(feat_slot) },
        { MSEC_IDX, lb.idx.slot, (lb.idx.mask + 1) * sizeof(feat_slot) },
        { MSEC_CLSFEATS, clsf, cls.n * 4 },
        { 0, NULL, 0 }, { 0, NULL, 0 }, { 0, NULL, 0 },   /* the optional sections, below */
    };
    int nsec = (int)(sizeof sec / sizeof *sec) - 3;
    uint32_t beam = (uint32_t)o->beam;
    if (tj.best2) sec[nsec++] = (model_section){ MSEC_TAGW2, tj.best2, tj.best2_len };
    if (beam > 1) sec[nsec++] = (model_section){ MSEC_DEPBEAM, &beam, sizeof beam };
    if (dj.nn) sec[nsec++] = (model_section){ MSEC_NN, dj.nn, dj.nn_len };
    /* the lemma table's vote counts are not needed at run time */
    for (uint64_t i = 0; i <= lb.lex.mask; i++) lb.lex.slot[i].aux = 0;
    st = model_write(o->out, sec, nsec, err);
    if (!st) say(o, "wrote %s (%.0f s in all)", o->out, now() - t0);
    goto done;
nomem:
    st = err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory");
done:
    (void)dsec;
    free(xs); free(ls); free(meta); free(clsf);
    free(tj.best); free(tj.best2); free(dj.best); free(dj.nn); free(tj.p1dev);
    free(p1tr); free(jkdev); free(fj);
    if (lb_ok) lemma_build_free(&lb);
    feat_map_free(&dict);
    corpus_free(&tr);
    corpus_free(&dev);
    names_free(&cls);
    names_free(&lab);
    return st;
}
