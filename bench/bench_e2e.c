/* bench_e2e.c — end to end, raw text to coded records, one core.
 *
 *   build/bench/bench_e2e [ARTICLES.jsonl] [ROUNDS]
 *
 * Reads the articles once (default: ../shared/data/wikinews/articles.jsonl, else
 * examples/articles/articles.jsonl), then runs the whole pipeline over them ROUNDS
 * times (default 5) on the calling thread and writes every record to a buffer, as
 * `sitrep code -j 1` does. Prints pipeline load time, articles/s, sentences/s,
 * words/s, MB/s (per second of the thread's CPU time) and peak RSS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "sitrep.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* The rates are per second of this thread's CPU time: the figure of one core,
 * steady when other jobs share the machine. Wall time is printed beside it. */
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/wikinews/articles.jsonl";
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    FILE *f = fopen(path, "r");
    if (!f) {
        path = "examples/articles/articles.jsonl";
        f = fopen(path, "r");
    }
    if (!f) { fprintf(stderr, "bench_e2e: no input\n"); return 1; }
    fclose(f);
    sitrep_error err;
    sitrep_error_clear(&err);
    /* keep every article's doc in memory: the timing is the pipeline, not I/O */
    size_t cap = 4096, n = 0;
    sitrep_doc **docs = calloc(cap, sizeof *docs);
    sitrep_reader *rd = sitrep_reader_open(path, SITREP_INPUT_JSONL, &err);
    if (!rd || !docs) { fprintf(stderr, "bench_e2e: cannot read %s\n", path); return 1; }
    for (;;) {
        if (n == cap) break;
        sitrep_doc *d = sitrep_doc_new();
        int r = sitrep_reader_next(rd, d, &err);
        if (r <= 0) { sitrep_doc_free(d); if (r == 0) break; continue; }
        docs[n++] = d;
    }
    sitrep_reader_close(rd);
    double t0 = now();
    sitrep_options opt = {.date = "2025-03-13"};
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    double tload = now() - t0;
    if (!pl) { fprintf(stderr, "bench_e2e: %s\n", err.msg); return 1; }
    /* texts are re-set each round: processing mutates the doc */
    char **texts = calloc(n, sizeof *texts);
    size_t *lens = calloc(n, sizeof *lens);
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *t = sitrep_doc_text(docs[i], &len);
        texts[i] = malloc(len + 1);
        memcpy(texts[i], t, len + 1);
        lens[i] = len;
        bytes += len;
    }
    sitrep_buf out = {0};
    size_t sents = 0, words = 0, events = 0;
    double t1 = now(), c1 = cpu();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            sitrep_doc *d = docs[i];
            sitrep_doc_reset(d);
            sitrep_doc_set_text(d, texts[i], lens[i]);
            sitrep_pipeline_run(pl, d);
            out.len = 0;
            sitrep_write_doc(d, SITREP_FORMAT_JSONL, &out);
            sents += sitrep_doc_nsentences(d);
            words += sitrep_doc_nwords(d);
            events += sitrep_doc_nevents(d);
        }
    double wall = now() - t1, dt = cpu() - c1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("input: %s, %zu articles, %d rounds\n", path, n, rounds);
    printf("pipeline load: %.0f ms\n", tload * 1000);
    printf("CPU time: %.2f s (wall %.2f s)\n", dt, wall);
    printf("articles/s: %.0f\nsentences/s: %.0f\nwords/s: %.0f\nMB/s: %.2f\nevents: %zu\n",
           n * rounds / dt, sents / dt, words / dt, bytes * (double)rounds / dt / 1e6, events);
    printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
    for (size_t i = 0; i < n; i++) { free(texts[i]); sitrep_doc_free(docs[i]); }
    free(texts);
    free(lens);
    free(docs);
    sitrep_buf_free(&out);
    sitrep_pipeline_free(pl);
    return 0;
}
