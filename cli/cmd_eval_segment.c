/* cmd_eval_segment.c — `sitrep eval segment GOLD.conllu`: scores the text front
 * end (seg_run) against gold CoNLL-U by character spans.
 *
 * Each gold document's raw text is rebuilt by the CoNLL-U reader (sentences of a
 * paragraph joined by one space, paragraphs by a blank line); the segmenter runs
 * on that text and its tokens, words and sentences are matched against the gold
 * ones by exact byte span (a multiset match, so repeated spans count once each). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conllu.h"
#include "doc.h"
#include "opt.h"
#include "seg.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep eval segment [--show-errors N] GOLD.conllu...\n"
    "       sitrep eval segment --sentences TEXT\n"
    "\n"
    "Segments the raw text of gold CoNLL-U files (rebuilt from their `# text` lines;\n"
    "paragraphs from `# newpar`/`# newdoc`) and prints precision, recall and F1 of\n"
    "tokens, words (multi-word token parts) and sentences, by character spans, over\n"
    "all the files together.\n"
    "\n"
    "With --sentences, segments a plain text file instead and prints the byte span\n"
    "of each sentence (\"START END\", with a final \" P\" when it opens a paragraph),\n"
    "one per line, for checking a text against expected boundaries.\n"
    "\n"
    "options:\n"
    "  --sentences F    print the sentence spans of text file F\n"
    "  --show-errors N  also print the first N token, word and sentence mismatches\n"
    "  -h, --help       this help\n";

typedef struct span { uint32_t a, b; } span;
typedef struct spans { span *v; size_t n, cap; } spans;
typedef struct score { size_t gold, sys, ok; } score;

static int spans_add(spans *s, uint32_t a, uint32_t b)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap + s->cap / 2 : 1024;
        span *v = realloc(s->v, cap * sizeof *v);
        if (!v) return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].a = a;
    s->v[s->n++].b = b;
    return 0;
}

static int span_cmp(const void *x, const void *y)
{
    const span *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return 0;
}

typedef struct errs { const char *text; long left; const char *what; } errs;

static void show(errs *e, const char *tag, span s)
{
    if (e->left <= 0) return;
    e->left--;
    printf("%s %s [%u,%u) \"%.*s\" in \"%.*s\"\n", e->what, tag, s.a, s.b, (int)(s.b - s.a),
           e->text + s.a, (int)((s.b + 30 < s.a + 200 ? s.b + 30 : s.a + 200) -
                                (s.a > 30 ? s.a - 30 : 0)),
           e->text + (s.a > 30 ? s.a - 30 : 0));
}

/* Sorts both and counts the common spans. */
static void match(spans *g, spans *s, score *sc, errs *e)
{
    qsort(g->v, g->n, sizeof *g->v, span_cmp);
    qsort(s->v, s->n, sizeof *s->v, span_cmp);
    size_t i = 0, j = 0;
    while (i < g->n && j < s->n) {
        int c = span_cmp(&g->v[i], &s->v[j]);
        if (c == 0) { sc->ok++; i++; j++; }
        else if (c < 0) { if (e) show(e, "missed", g->v[i]); i++; }
        else { if (e) show(e, "extra ", s->v[j]); j++; }
    }
    for (; e && i < g->n; i++) show(e, "missed", g->v[i]);
    for (; e && j < s->n; j++) show(e, "extra ", s->v[j]);
    sc->gold += g->n;
    sc->sys += s->n;
}

static void print_score(const char *name, const score *s)
{
    double p = s->sys ? 100.0 * (double)s->ok / (double)s->sys : 0.0;
    double r = s->gold ? 100.0 * (double)s->ok / (double)s->gold : 0.0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    printf("%-10s P %6.2f  R %6.2f  F1 %6.2f  (gold %zu, system %zu, correct %zu)\n", name, p, r,
           f, s->gold, s->sys, s->ok);
}

/* scores and scratch shared by the files of one run */
typedef struct evalc {
    sitrep_doc *doc;
    spans s;
    score st, sw, ss;
    errs et, ew, es;
    int show;
} evalc;

/* Scores every document of one gold file. 0, or -1 when something went wrong
 * (reported; the documents that could be read are scored). */
static int score_file(evalc *c, const char *path)
{
    sitrep_error err;
    sitrep_error_clear(&err);
    conllu_reader *rd = conllu_open(path, 0, &err);
    char msg[1024];
    if (!rd) {
        sitrep_error_format(&err, msg, sizeof msg);
        cli_error("%s", msg);
        return -1;
    }
    sitrep_doc *doc = c->doc;
    int rc = 0, r;
    while ((r = conllu_next(rd, doc, &err)) != 0) {
        if (r < 0) {
            sitrep_error_format(&err, msg, sizeof msg);
            cli_error("%s", msg);
            rc = -1;
            continue;
        }
        c->et.text = c->ew.text = c->es.text = doc->text;
        /* gold layers, then the segmenter's over the same text */
        spans gt = { 0 }, gw = { 0 }, gs = { 0 };
        int oom = 0;
        for (size_t k = 0; k < doc->tokens.n; k++)
            oom |= spans_add(&gt, doc->tokens.v[k].start, doc->tokens.v[k].end);
        for (size_t k = 0; k < doc->words.n; k++)
            oom |= spans_add(&gw, doc->words.v[k].start, doc->words.v[k].end);
        for (size_t k = 0; k < doc->sentences.n; k++)
            oom |= spans_add(&gs, doc->sentences.v[k].start, doc->sentences.v[k].end);
        sitrep_status st = oom ? SITREP_ERR_NOMEM : seg_run(doc);
        if (st == SITREP_OK) {
            c->s.n = 0;
            for (size_t k = 0; k < doc->tokens.n; k++)
                oom |= spans_add(&c->s, doc->tokens.v[k].start, doc->tokens.v[k].end);
            match(&gt, &c->s, &c->st, c->show ? &c->et : NULL);
            c->s.n = 0;
            for (size_t k = 0; k < doc->words.n; k++)
                oom |= spans_add(&c->s, doc->words.v[k].start, doc->words.v[k].end);
            match(&gw, &c->s, &c->sw, c->show ? &c->ew : NULL);
            c->s.n = 0;
            for (size_t k = 0; k < doc->sentences.n; k++)
                oom |= spans_add(&c->s, doc->sentences.v[k].start, doc->sentences.v[k].end);
            match(&gs, &c->s, &c->ss, c->show ? &c->es : NULL);
        }
        free(gt.v);
        free(gw.v);
        free(gs.v);
        if (st != SITREP_OK || oom) {
            cli_error("%s: %s", path, sitrep_status_str(oom ? SITREP_ERR_NOMEM : st));
            rc = -1;
            break;
        }
    }
    conllu_close(rd);
    return rc;
}

/* --sentences: the sentence spans of a text file. */
static int sentence_spans(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) { cli_error("%s: cannot open", path); return 1; }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); if (f != stdin) fclose(f); cli_error("out of memory"); return 1; }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0) break;
        n += r;
    }
    int bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) { free(buf); cli_error("%s: read error", path); return 1; }
    sitrep_doc *doc = sitrep_doc_new();
    sitrep_status st = doc ? sitrep_doc_set_text(doc, buf, n) : SITREP_ERR_NOMEM;
    free(buf);
    if (st == SITREP_OK) st = seg_run(doc);
    if (st != SITREP_OK) {
        cli_error("%s: %s", path, sitrep_status_str(st));
        sitrep_doc_free(doc);
        return 1;
    }
    for (size_t k = 0; k < doc->sentences.n; k++)
        printf("%u %u%s\n", doc->sentences.v[k].start, doc->sentences.v[k].end,
               doc->sentences.v[k].par_start ? " P" : "");
    sitrep_doc_free(doc);
    return 0;
}

int cmd_eval_segment(int argc, char **argv)
{
    const char *text = NULL;
    int npaths = 0;
    long nshow = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (opt_flag(argv[i], "--help", "-h")) { fputs(usage, stdout); return 0; }
        if ((r = opt_value(argc, argv, &i, "--show-errors", &v)) != 0) {
            if (r < 0) return 2;
            char *end;
            nshow = strtol(v, &end, 10);
            if (*end || nshow < 0) {
                cli_error("eval segment: bad --show-errors '%s'", v);
                return 2;
            }
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--sentences", &v)) != 0) {
            if (r < 0) return 2;
            text = v;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("eval segment: unknown option '%s' (see --help)", argv[i]);
            return 2;
        }
        argv[npaths++] = argv[i]; /* gold files, gathered in place */
    }
    if (text) {
        if (npaths) {
            cli_error("eval segment: --sentences takes no gold file (see --help)");
            return 2;
        }
        return sentence_spans(text);
    }
    if (!npaths) {
        cli_error("eval segment: a gold CoNLL-U file is needed (see --help)");
        return 2;
    }

    sitrep_doc *doc = sitrep_doc_new();
    if (!doc) { cli_error("out of memory"); return 1; }
    evalc c = { doc, { 0 }, { 0 }, { 0 }, { 0 }, { NULL, nshow, "token" },
                { NULL, nshow, "word" }, { NULL, nshow, "sentence" }, nshow > 0 };
    int rc = 0;
    for (int pi = 0; pi < npaths; pi++)
        if (score_file(&c, argv[pi])) rc = 1;
    free(c.s.v);
    sitrep_doc_free(doc);
    print_score("tokens", &c.st);
    print_score("words", &c.sw);
    print_score("sentences", &c.ss);
    return rc;
}
