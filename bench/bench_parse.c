/* bench_parse.c — tagger + lemmatizer + parser throughput on one core, model
 * load time and peak RSS.
 *
 *   bench_parse [MODEL] [GOLD.conllu] [ROUNDS] [BEAM]
 *
 * Defaults: models/sitrep-en.model, the EWT dev set under the shared data
 * directory, 3 rounds. Gold tokenization (the segmenter is benchmarked apart);
 * the CoNLL-U is read once, outside the timed part. Prints one line per
 * figure; skips (exit 0) when the model or the data is absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "conllu.h"
#include "doc.h"
#include "model.h"

static double clock_s(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time of this thread: on a loaded machine, wall time measures the others. */
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

int main(int argc, char **argv)
{
    const char *model = argc > 1 ? argv[1] : "models/sitrep-en.model";
    char def[1024];
    const char *sd = getenv("SITREP_SHARED_DATA");
    snprintf(def, sizeof def, "%s/ud-en-ewt/en_ewt-ud-dev.conllu", sd && *sd ? sd : "../shared/data");
    const char *gold = argc > 2 ? argv[2] : def;
    int rounds = argc > 3 ? atoi(argv[3]) : 3;
    int beam = argc > 4 ? atoi(argv[4]) : 0;   /* 0: the model's */
    if (rounds < 1) rounds = 1;
    sitrep_error err;
    sitrep_error_clear(&err);
    double t0 = now();
    sr_model *m = model_load(model, &err);
    double load_ms = (now() - t0) * 1000;
    if (!m) { printf("skip bench_parse: cannot load %s\n", model); return 0; }
    model_decode_with(m, beam, 1);
    conllu_reader *r = conllu_open(gold, 0, &err);
    if (!r) { printf("skip bench_parse: no data at %s\n", gold); model_free(m); return 0; }
    /* keep every document in memory */
    size_t nd = 0, cap = 64;
    sitrep_doc **docs = malloc(cap * sizeof *docs);
    for (;;) {
        if (nd == cap) docs = realloc(docs, (cap *= 2) * sizeof *docs);
        docs[nd] = sitrep_doc_new();
        int got = conllu_next(r, docs[nd], &err);
        if (got <= 0) { sitrep_doc_free(docs[nd]); if (got == 0) break; continue; }
        nd++;
    }
    conllu_close(r);
    size_t words = 0;
    double t1 = now(), c1 = cpu();
    for (int k = 0; k < rounds; k++)
        for (size_t i = 0; i < nd; i++)
            for (size_t s = 0; s < docs[i]->sentences.n; s++) {
                model_tag(m, docs[i], s);
                model_parse(m, docs[i], s);
                words += docs[i]->sentences.v[s].nwords;
            }
    double secs = now() - t1, csecs = cpu() - c1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("model load      %.1f ms (%s)\n", load_ms, model);
    printf("tag+parse       %.0f words/s of CPU time (%zu words x %d rounds, %.2f s CPU, "
           "%.2f s wall: %.0f words/s, one thread)\n",
           words / csecs, words / rounds, rounds, csecs, secs, words / secs);
    printf("peak RSS        %.1f MB (model mapped + documents)\n", ru.ru_maxrss / 1024.0);
    for (size_t i = 0; i < nd; i++) sitrep_doc_free(docs[i]);
    free(docs);
    model_free(m);
    return 0;
}
