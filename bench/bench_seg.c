/* bench_seg.c — text front end throughput (seg_run: normalization,
 * tokenization, sentence splitting) on one core.
 *
 *   bench_seg [DIR-OF-TEXT-FILES] [MEGABYTES]
 *
 * Default: the Wikinews articles under the shared data directory (every .txt
 * file of wikinews/articles), segmented article by article (one document reset
 * between articles, as the pipeline does) and repeated until 64 MB went
 * through; then the same articles as one long document. Prints MB/s (CPU time
 * of this thread, and wall time) and tokens/s; skips (exit 0) when the data is
 * absent. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"
#include "seg.h"

static double clock_s(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct text { char *s; size_t n; } text;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    char def[1024];
    const char *sd = getenv("SITREP_SHARED_DATA");
    snprintf(def, sizeof def, "%s/wikinews/articles", sd && *sd ? sd : "../shared/data");
    const char *dir = argc > 1 ? argv[1] : def;
    double want_mb = argc > 2 ? atof(argv[2]) : 64;
    if (want_mb <= 0) want_mb = 64;
    DIR *d = opendir(dir);
    if (!d) { printf("skip bench_seg: no data at %s\n", dir); return 0; }
    char **names = NULL;
    size_t nn = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t L = strlen(e->d_name);
        if (L < 5 || strcmp(e->d_name + L - 4, ".txt") != 0) continue;
        if (nn == cap) {
            cap = cap ? cap * 2 : 256;
            char **nb = realloc(names, cap * sizeof *names);
            if (!nb) return 1;
            names = nb;
        }
        names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    if (nn == 0) { printf("skip bench_seg: no .txt files in %s\n", dir); free(names); return 0; }
    qsort(names, nn, sizeof *names, by_name);
    text *t = calloc(nn, sizeof *t);
    size_t total = 0;
    for (size_t i = 0; i < nn; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long L = ftell(f);
        fseek(f, 0, SEEK_SET);
        t[i].s = malloc(L > 0 ? (size_t)L : 1);
        t[i].n = L > 0 ? fread(t[i].s, 1, (size_t)L, f) : 0;
        fclose(f);
        total += t[i].n;
    }
    sitrep_doc *doc = sitrep_doc_new();
    size_t bytes = 0, tokens = 0, sents = 0, rounds = 0;
    /* one warm-up round, untimed */
    for (size_t i = 0; i < nn; i++) {
        sitrep_doc_reset(doc);
        sitrep_doc_set_text(doc, t[i].s, t[i].n);
        seg_run(doc);
    }
    double w0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
    while ((double)bytes < want_mb * 1e6) {
        for (size_t i = 0; i < nn; i++) {
            sitrep_doc_reset(doc);
            sitrep_doc_set_text(doc, t[i].s, t[i].n);
            if (seg_run(doc) != SITREP_OK) { printf("FAIL bench_seg: seg_run failed\n"); return 1; }
            bytes += t[i].n;
            tokens += doc->tokens.n;
            sents += doc->sentences.n;
        }
        rounds++;
    }
    double cs = clock_s(CLOCK_THREAD_CPUTIME_ID) - c0, ws = clock_s(CLOCK_MONOTONIC) - w0;
    printf("bench_seg: %zu articles, %.2f MB, %zu rounds\n", nn, total / 1e6, rounds);
    printf("segmentation: %.1f MB/s (CPU), %.1f MB/s (wall), %.2f M tokens/s, %.0f sentences/s\n",
           bytes / 1e6 / cs, bytes / 1e6 / ws, tokens / 1e6 / cs, sents / cs);
    /* the same text as one long document (checks nothing grows faster than
     * the text): every article joined by a blank line */
    char *all = malloc(total + 2 * nn + 1);
    size_t an = 0;
    for (size_t i = 0; all && i < nn; i++) {
        memcpy(all + an, t[i].s, t[i].n);
        an += t[i].n;
        all[an++] = '\n';
        all[an++] = '\n';
    }
    if (all) {
        size_t lb = 0;
        int lr = 0;
        c0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
        while ((double)lb < want_mb * 1e6 / 2) {
            sitrep_doc_reset(doc);
            sitrep_doc_set_text(doc, all, an);
            if (seg_run(doc) != SITREP_OK) { printf("FAIL bench_seg: seg_run failed\n"); return 1; }
            lb += an;
            lr++;
        }
        cs = clock_s(CLOCK_THREAD_CPUTIME_ID) - c0;
        printf("one %.2f MB document: %.1f MB/s (CPU), %d rounds\n", an / 1e6, lb / 1e6 / cs, lr);
        free(all);
    }
    sitrep_doc_free(doc);
    for (size_t i = 0; i < nn; i++) { free(t[i].s); free(names[i]); }
    free(t);
    free(names);
    return 0;
}
