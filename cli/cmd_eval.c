/* cmd_eval.c — `sitrep eval`: scores the tagger, lemmatizer and parser against
 * gold CoNLL-U, from gold tokens (--input conllu) or from the raw text through
 * the segmenter (--input text: words aligned by character span, F1 scores as
 * in the CoNLL 2018 shared task). `sitrep eval segment` is dispatched to
 * cmd_eval_segment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "conllu.h"
#include "doc.h"
#include "model.h"
#include "dep.h"
#include "opt.h"
#include "seg.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep eval GOLD.conllu [--model FILE] [--input conllu|text] [--by-relation]\n"
    "                   [--beam K] [--no-nn]\n"
    "       sitrep eval segment GOLD.conllu ...   (tokenization scores)\n"
    "       sitrep eval plover RECORDS.json       (PLOVER event coding scores)\n"
    "\n"
    "Tags, lemmatizes and parses GOLD.conllu and prints UPOS, XPOS, UFeats, Lemma,\n"
    "UAS and LAS (percent). With --input conllu (default) the gold tokens and\n"
    "sentences are used; with --input text the text is segmented first and words\n"
    "are aligned to the gold ones by character span (scores are F1).\n"
    "\n"
    "options:\n"
    "  --model FILE   model (default: $SITREP_MODEL, else models/sitrep-en.model)\n"
    "  --input KIND   conllu (default) or text\n"
    "  --by-relation  then one line per gold relation (its universal part), most\n"
    "                 errors first: aligned gold words, head right %, head and\n"
    "                 label right %, errors (head or label wrong), and how many of\n"
    "                 the head errors have a wrong UPOS on the word or its gold head\n"
    "  --beam K       parse with a beam of K (1 = greedy) instead of the model's\n"
    "  --no-nn        the parser's perceptron alone, without the model's network\n"
    "  -h, --help     this help\n";

typedef struct gold_word {
    uint32_t start, end, k;   /* span, and place inside a multi-word token */
    size_t head;              /* document index of the head + 1, 0 = root */
    uint8_t upos;
    const char *xpos, *feats, *lemma, *deprel;
} gold_word;

/* Per gold relation (the part before ':'), over aligned words. */
enum { REL_MAX = 64 };
typedef struct rel_score {
    char name[24];
    size_t n, uas, las, tagerr;         /* tagerr: head errors with a wrong UPOS on
                                           the word or on its gold head */
} rel_score;

typedef struct score {
    size_t gold, pred, match, upos, xpos, feats, lemma, uas, las;
    rel_score rel[REL_MAX + 1];         /* rel[REL_MAX]: "(other)", the overflow */
    int nrel;
} score;

static rel_score *rel_of(score *sc, const char *deprel)
{
    const char *r = deprel && *deprel ? deprel : "_";
    size_t len = strcspn(r, ":");
    if (len >= sizeof sc->rel[0].name) len = sizeof sc->rel[0].name - 1;
    for (int i = 0; i < sc->nrel && i < REL_MAX; i++)
        if (strlen(sc->rel[i].name) == len && !memcmp(sc->rel[i].name, r, len)) return &sc->rel[i];
    if (sc->nrel > REL_MAX) return &sc->rel[REL_MAX];
    rel_score *x = &sc->rel[sc->nrel++];
    if (sc->nrel > REL_MAX) strcpy(x->name, "(other)");
    else { memcpy(x->name, r, len); x->name[len] = 0; }
    return x;
}

static int same(const char *a, const char *b)
{
    if (!a || !strcmp(a, "_")) a = "";
    if (!b || !strcmp(b, "_")) b = "";
    return strcmp(a, b) == 0;
}

/* Words of doc as gold_word (document-level head indices). */
static gold_word *snapshot(const sitrep_doc *d)
{
    gold_word *g = malloc((d->words.n + 1) * sizeof *g);
    if (!g) return NULL;
    for (size_t s = 0; s < d->sentences.n; s++) {
        const sitrep_sentence *se = &d->sentences.v[s];
        for (size_t i = 0; i < se->nwords; i++) {
            size_t k = se->word + i;
            const sitrep_word *w = &d->words.v[k];
            const sitrep_token *t = &d->tokens.v[w->token];
            g[k].start = w->start;
            g[k].end = w->end;
            g[k].k = (t->nwords > 1 && w->start == t->start && w->end == t->end)
                         ? (uint32_t)(k - t->word) : 0;
            g[k].head = w->head > 0 && (size_t)w->head <= se->nwords ? se->word + (size_t)w->head : 0;
            g[k].upos = w->upos;
            g[k].xpos = w->xpos;
            g[k].feats = w->feats;
            g[k].lemma = w->lemma;
            g[k].deprel = w->deprel;
        }
    }
    return g;
}

static int analyse(const sr_model *m, sitrep_doc *d, size_t *words)
{
    for (size_t s = 0; s < d->sentences.n; s++) {
        const sitrep_sentence *se = &d->sentences.v[s];
        for (size_t i = 0; i < se->nwords; i++) {
            sitrep_word *w = &d->words.v[se->word + i];
            w->upos = 0;
            w->xpos = w->feats = w->lemma = w->deprel = NULL;
            w->head = -1;
        }
        if (model_tag(m, d, s) != SITREP_OK || model_parse(m, d, s) != SITREP_OK) return -1;
        *words += se->nwords;
    }
    return 0;
}

static int cmp_key(const gold_word *a, const gold_word *b)
{
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* Scores predicted words p[0..np) against gold g[0..ng) (both in text order). */
static void compare(const gold_word *g, size_t ng, const gold_word *p, size_t np, score *sc)
{
    size_t *p2g = malloc((np + 1) * sizeof *p2g), *g2p = malloc((ng + 1) * sizeof *g2p);
    if (!p2g || !g2p) { free(p2g); free(g2p); return; }
    for (size_t j = 0; j < np; j++) p2g[j] = SIZE_MAX;
    for (size_t i = 0; i < ng; i++) g2p[i] = SIZE_MAX;
    for (size_t i = 0, j = 0; i < ng && j < np;) {
        int c = cmp_key(&g[i], &p[j]);
        if (c == 0) { p2g[j] = i; g2p[i] = j; i++; j++; }
        else if (c < 0) i++;
        else j++;
    }
    sc->gold += ng;
    sc->pred += np;
    for (size_t j = 0; j < np; j++) {
        if (p2g[j] == SIZE_MAX) continue;
        const gold_word *a = &g[p2g[j]], *b = &p[j];
        sc->match++;
        sc->upos += a->upos == b->upos;
        sc->xpos += same(a->xpos, b->xpos);
        sc->feats += same(a->feats, b->feats);
        sc->lemma += same(a->lemma, b->lemma);
        size_t ph = b->head ? (p2g[b->head - 1] == SIZE_MAX ? SIZE_MAX : p2g[b->head - 1] + 1) : 0;
        rel_score *rs = rel_of(sc, a->deprel);
        rs->n++;
        if (ph == a->head) {
            int l = same(a->deprel, b->deprel);
            sc->uas++;
            sc->las += l;
            rs->uas++;
            rs->las += l;
        } else {
            /* the gold head's predicted word, when it was aligned */
            size_t gh = a->head, pj = gh && gh <= ng ? g2p[gh - 1] : SIZE_MAX;
            int headtag = gh && pj != SIZE_MAX && g[gh - 1].upos != p[pj].upos;
            rs->tagerr += a->upos != b->upos || headtag;
        }
    }
    free(p2g);
    free(g2p);
}

static int by_errors(const void *x, const void *y)
{
    const rel_score *a = x, *b = y;     /* errors: n - las */
    if (a->n - a->las != b->n - b->las) return a->n - a->las < b->n - b->las ? 1 : -1;
    return strcmp(a->name, b->name);
}

static void print_relations(score *sc)
{
    int n = sc->nrel;
    qsort(sc->rel, (size_t)n, sizeof *sc->rel, by_errors);
    printf("\n%-12s %7s %7s %7s %7s %9s\n", "relation", "gold", "head%", "label%", "errors", "tag-wrong");
    for (int i = 0; i < n; i++) {
        const rel_score *r = &sc->rel[i];
        printf("%-12s %7zu %7.2f %7.2f %7zu %9zu\n", r->name, r->n,
               r->n ? 100.0 * r->uas / r->n : 0, r->n ? 100.0 * r->las / r->n : 0,
               r->n - r->las, r->tagerr);
    }
}

static double f1(size_t ok, const score *s)
{
    return s->gold + s->pred ? 200.0 * ok / (s->gold + s->pred) : 0;
}

int cmd_eval(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segment") == 0) return cmd_eval_segment(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "plover") == 0) return cmd_eval_plover(argc - 1, argv + 1);
    const char *gold = NULL, *model = NULL, *input = "conllu";
    int byrel = 0, beam = 0, use_nn = 1;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (opt_flag(argv[i], "--help", "-h")) { fputs(usage, stdout); return 0; }
        if (opt_flag(argv[i], "--by-relation", NULL)) { byrel = 1; continue; }
        if (opt_flag(argv[i], "--no-nn", NULL)) { use_nn = 0; continue; }
        if ((r = opt_value(argc, argv, &i, "--beam", &v))) {
            long k;
            if (r < 0 || opt_number("--beam", v, 1, DEP_MAXBEAM, &k)) return 2;
            beam = (int)k;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--model", &v))) { if (r < 0) return 2; model = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--input", &v))) { if (r < 0) return 2; input = v; continue; }
        if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("eval: unknown option '%s' (see sitrep eval --help)", argv[i]);
            return 2;
        }
        if (gold) { cli_error("eval: one gold file only (see sitrep eval --help)"); return 2; }
        gold = argv[i];
    }
    int text = 0;
    if (!strcmp(input, "text")) text = 1;
    else if (strcmp(input, "conllu") != 0) {
        cli_error("eval: --input must be conllu or text, not '%s'", input);
        return 2;
    }
    if (!gold) { cli_error("eval: needs a gold CoNLL-U file (see sitrep eval --help)"); return 2; }
    if (!model) model = getenv("SITREP_MODEL");
    if (!model || !*model) model = "models/sitrep-en.model";

    sitrep_error err;
    sitrep_error_clear(&err);
    char msg[1024];
    sr_model *m = model_load(model, &err);
    if (!m) { sitrep_error_format(&err, msg, sizeof msg); cli_error("%s", msg); return 1; }
    model_decode_with(m, beam, use_nn);
    conllu_reader *r = conllu_open(gold, 0, &err);
    if (!r) {
        sitrep_error_format(&err, msg, sizeof msg);
        cli_error("%s", msg);
        model_free(m);
        return 1;
    }
    sitrep_doc *d = sitrep_doc_new(), *t = sitrep_doc_new();
    score sc;
    memset(&sc, 0, sizeof sc);
    int rc = 0, got;
    size_t words = 0;
    double secs = 0;
    while (d && t && (got = conllu_next(r, d, &err)) != 0) {
        if (got < 0) {
            sitrep_error_format(&err, msg, sizeof msg);
            cli_error("%s", msg);
            rc = 1;
            continue;
        }
        gold_word *g = snapshot(d), *p = NULL;
        sitrep_doc *pd = d;
        int bad = !g;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (!bad && text) {
            sitrep_doc_reset(t);
            pd = t;
            bad = sitrep_doc_set_text(t, d->text, d->len) != SITREP_OK || seg_run(t) != SITREP_OK;
        }
        bad = bad || analyse(m, pd, &words) != 0;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        secs += (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (!bad && !(p = snapshot(pd))) bad = 1;
        if (bad) {
            cli_error("%s: out of memory or model failure", gold);
            free(g);
            rc = 1;
            break;
        }
        compare(g, d->words.n, p, pd->words.n, &sc);
        free(g);
        free(p);
    }
    printf("input    %s\n", text ? "text" : "conllu");
    printf("words    %zu gold, %zu predicted, %zu aligned\n", sc.gold, sc.pred, sc.match);
    if (text) printf("Words    %.2f\n", f1(sc.match, &sc));
    printf("UPOS     %.2f\n", f1(sc.upos, &sc));
    printf("XPOS     %.2f\n", f1(sc.xpos, &sc));
    printf("UFeats   %.2f\n", f1(sc.feats, &sc));
    printf("Lemma    %.2f\n", f1(sc.lemma, &sc));
    printf("UAS      %.2f\n", f1(sc.uas, &sc));
    printf("LAS      %.2f\n", f1(sc.las, &sc));
    printf("speed    %.0f words/s (%stag + parse, one thread, wall clock)\n",
           secs > 0 ? words / secs : 0, text ? "segment + " : "");
    if (byrel) print_relations(&sc);
    sitrep_doc_free(d);
    sitrep_doc_free(t);
    conllu_close(r);
    model_free(m);
    return rc;
}
