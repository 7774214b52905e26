/* bench_geo.c — the gazetteer's load time and the locations stage's share of the
 * end-to-end time, one core.
 *
 *   build/bench/bench_geo [ARTICLES.jsonl] [ROUNDS]
 *
 * Gazetteer: $SITREP_GAZETTEER, else $BUILD/data/gazetteer.bin, else
 * build/data/gazetteer.bin. Articles: default ../shared/data/wikinews/articles.jsonl,
 * else examples/articles/articles.jsonl.
 * Prints: load time (geo_load: open + mmap + checks; mean of 50), the first lookup
 * after a load (page faults of the binary search), the mean lookup; then, over the
 * articles, the time of the pipeline as built (sitrep_pipeline_run: whatever stages
 * it runs, the tagger and parser when the model is found) and of geo_run on its
 * output, and geo's share of the sum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sitrep.h"
#include "doc.h"
#include "geo.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/wikinews/articles.jsonl";
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    if (rounds < 1) rounds = 1;
    char gpath[512];
    const char *env = getenv("SITREP_GAZETTEER"), *b = getenv("BUILD");
    if (env && *env) snprintf(gpath, sizeof gpath, "%s", env);
    else snprintf(gpath, sizeof gpath, "%s/data/gazetteer.bin", b && *b ? b : "build");

    sitrep_error err;
    sitrep_error_clear(&err);
    /* load: mean of 50 */
    double tl = 0, tfirst = 0;
    geo_gazetteer *g = NULL;
    for (int i = 0; i < 50; i++) {
        if (g) geo_free(g);
        double t0 = now();
        g = geo_load(gpath, &err);
        tl += now() - t0;
        if (!g) { fprintf(stderr, "bench_geo: %s: %s\n", gpath, err.msg); return 1; }
        t0 = now();
        sitrep_place p;
        geo_lookup(g, "Kursk Oblast", 12, &p);
        tfirst += now() - t0;
    }
    size_t nnames, nplaces = geo_size(g, &nnames);
    static const char *const probe[] = {"London", "Kursk", "Paris", "Springfield", "Georgia",
                                        "Kiev", "Xyzzy", "New York City", "Aleppo", "Warsaw"};
    double t0 = now();
    size_t nlook = 0;
    for (int r = 0; r < 100000; r++)
        for (size_t k = 0; k < sizeof probe / sizeof *probe; k++, nlook++)
            geo_lookup(g, probe[k], strlen(probe[k]), NULL);
    double tlook = now() - t0;
    printf("gazetteer %s: %zu places, %zu names\n", gpath, nplaces, nnames);
    printf("load %.3f ms (mean of 50; mmap), first lookup after load %.1f us, lookup %.0f ns\n",
           tl / 50 * 1e3, tfirst / 50 * 1e6, tlook / (double)nlook * 1e9);

    /* end to end */
    FILE *f = fopen(path, "r");
    if (!f) { path = "examples/articles/articles.jsonl"; f = fopen(path, "r"); }
    if (!f) { printf("no articles: end-to-end share not measured\n"); geo_free(g); return 0; }
    fclose(f);
    size_t cap = 4096, n = 0;
    sitrep_doc **docs = calloc(cap, sizeof *docs);
    char **texts = calloc(cap, sizeof *texts);
    sitrep_reader *rd = sitrep_reader_open(path, SITREP_INPUT_JSONL, &err);
    if (!rd || !docs || !texts) { fprintf(stderr, "bench_geo: cannot read %s\n", path); return 1; }
    while (n < cap) {
        sitrep_doc *d = sitrep_doc_new();
        int r = sitrep_reader_next(rd, d, &err);
        if (r <= 0) { sitrep_doc_free(d); if (r == 0) break; continue; }
        size_t len;
        const char *t = sitrep_doc_text(d, &len);
        texts[n] = malloc(len + 1);
        if (!texts[n]) return 1;
        memcpy(texts[n], t, len + 1);
        docs[n++] = d;
    }
    sitrep_reader_close(rd);
    sitrep_options opt = {.date = "2025-03-13"};
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    if (!pl) { fprintf(stderr, "bench_geo: pipeline: %s\n", err.msg); return 1; }
    double tp = 0, tg = 0;
    size_t nplace = 0, nsent = 0, nwords = 0;
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            sitrep_doc *d = docs[i];
            sitrep_doc_reset(d);
            sitrep_doc_set_text(d, texts[i], strlen(texts[i]));
            double a = now();
            sitrep_pipeline_run(pl, d);
            double m = now();
            d->places.n = 0;                    /* in case the pipeline ran geo already */
            geo_run(g, d);
            double z = now();
            tp += m - a;
            tg += z - m;
            if (r == 0) {
                nplace += d->places.n;
                nsent += d->sentences.n;
                nwords += d->words.n;
            }
        }
    int tagged = 0;
    for (size_t i = 0; i < n && !tagged; i++)
        tagged = docs[i]->words.n && docs[i]->words.v[0].upos != SITREP_UPOS_NONE;
    printf("%s: %zu articles, %zu sentences, %zu words, %zu places; %d rounds\n", path, n, nsent,
           nwords, nplace, rounds);
    printf("pipeline (%s) %.2f ms/article, geo_run %.3f ms/article (%.0f words/s): "
           "geo %.1f%% of pipeline + geo\n",
           tagged ? "tagged and parsed" : "no model: untagged", tp / rounds / n * 1e3,
           tg / rounds / n * 1e3, (double)nwords * rounds / tg, 100.0 * tg / (tp + tg));
    for (size_t i = 0; i < n; i++) { sitrep_doc_free(docs[i]); free(texts[i]); }
    free(docs);
    free(texts);
    sitrep_pipeline_free(pl);
    geo_free(g);
    return 0;
}
