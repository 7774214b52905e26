/* bench_ingest.c — JSONL reader throughput on one core.
 *
 *   bench_ingest [FILE.jsonl] [MEGABYTES]
 *
 * Without FILE, writes a temporary JSONL of MEGABYTES (default 200) made of
 * the Wikinews articles of the shared data directory (re-numbered, repeated;
 * synthetic news-like text when the data is absent), then reads it twice from
 * the page cache: read + parse (sitrep_reader_next into one reused doc), and
 * read + parse + write (sitrep_write_doc of every article, JSON lines, into a
 * buffer flushed to /dev/null). Prints MB/s of input (CPU time of this thread
 * and wall time) and articles/s. A gzip/zstd FILE is measured by its
 * decompressed size (its compressed size is printed too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sitrep.h"
#include "zio.h"

static double clock_s(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Lines to repeat: the shared Wikinews JSONL, else synthetic ones. */
static char **load_lines(size_t *n)
{
    char path[1024];
    const char *sd = getenv("SITREP_SHARED_DATA");
    snprintf(path, sizeof path, "%s/wikinews/articles.jsonl", sd && *sd ? sd : "../shared/data");
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        char *line = NULL;
        size_t lc = 0;
        ssize_t k;
        while ((k = getline(&line, &lc, f)) > 0) {
            if (*n == cap) { cap = cap ? cap * 2 : 256; v = realloc(v, cap * sizeof *v); }
            v[(*n)++] = strdup(line);
        }
        free(line);
        fclose(f);
        if (*n) { printf("source: %s (%zu articles)\n", path, *n); return v; }
    }
    static const char *words[] = { "the", "minister", "said", "on", "Tuesday", "that",
        "talks", "with", "Russia", "would", "resume", "in", "Geneva", "\\\"we", "are",
        "ready\\\"", "caf\xc3\xa9", "\\u00e9lys\\u00e9e", "troops", "border", "sanctions",
        "\xe2\x80\x9cpeace\xe2\x80\x9d", "President", "Duda", "Warsaw", "nuclear", "envoy" };
    unsigned x = 1;
    for (int i = 0; i < 200; i++) {
        char *s = malloc(8192);
        size_t len = (size_t)sprintf(s, "{\"id\": \"syn-%d\", \"date\": \"2025-03-13\", "
                                     "\"title\": \"Synthetic article %d\", \"text\": \"", i, i);
        for (int w = 0; w < 500; w++) {
            x = x * 1103515245u + 12345u;
            const char *wd = words[(x >> 16) % (sizeof words / sizeof *words)];
            len += (size_t)sprintf(s + len, "%s%s", wd, w % 17 == 16 ? ".\\n\\n" : " ");
        }
        len += (size_t)sprintf(s + len, "\"}\n");
        if (*n == cap) { cap = cap ? cap * 2 : 256; v = realloc(v, cap * sizeof *v); }
        v[(*n)++] = s;
    }
    printf("source: synthetic (%zu articles)\n", *n);
    return v;
}

static int make_file(const char *path, double mb)
{
    size_t n;
    char **lines = load_lines(&n);
    if (!n) return -1;
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    size_t want = (size_t)(mb * 1e6), wrote = 0, id = 0;
    while (wrote < want) {
        for (size_t i = 0; i < n && wrote < want; i++) {
            /* a fresh id per copy: {"id": "bench-N", ...rest of the object */
            const char *rest = strchr(lines[i], ',');
            if (!rest) continue;
            int k = fprintf(f, "{\"id\": \"bench-%zu\"%s", id++, rest);
            if (k > 0) wrote += (size_t)k;
        }
    }
    for (size_t i = 0; i < n; i++) free(lines[i]);
    free(lines);
    return fclose(f);
}

static int run(const char *path, int write, double mb_in)
{
    sitrep_error err;
    sitrep_reader *r = sitrep_reader_open(path, SITREP_INPUT_JSONL, &err);
    if (!r) { char b[600]; sitrep_error_format(&err, b, sizeof b); fprintf(stderr, "%s\n", b); return 1; }
    sitrep_doc *doc = sitrep_doc_new();
    sitrep_buf out = { 0 };
    FILE *null = fopen("/dev/null", "w");
    double c0 = clock_s(CLOCK_THREAD_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
    size_t docs = 0, errors = 0;
    int rc;
    while ((rc = sitrep_reader_next(r, doc, &err)) != 0) {
        if (rc < 0) { errors++; continue; }
        docs++;
        if (write) {
            sitrep_write_doc(doc, SITREP_FORMAT_JSONL, &out);
            if (out.len > (1 << 20)) { fwrite(out.data, 1, out.len, null); out.len = 0; }
        }
    }
    if (write && out.len) fwrite(out.data, 1, out.len, null);
    double c = clock_s(CLOCK_THREAD_CPUTIME_ID) - c0, w = clock_s(CLOCK_MONOTONIC) - w0;
    printf("%-22s %8.1f MB/s cpu %8.1f MB/s wall %9.0f articles/s  (%zu articles, %zu errors)\n",
           write ? "read+parse+write" : "read+parse", mb_in / c, mb_in / w, docs / w, docs, errors);
    fclose(null);
    sitrep_buf_free(&out);
    sitrep_doc_free(doc);
    sitrep_reader_close(r);
    return 0;
}

int main(int argc, char **argv)
{
    double mb = argc > 2 ? atof(argv[2]) : 200;
    if (mb <= 0) mb = 200;
    char tmp[256] = "";
    const char *path = argc > 1 && argv[1][0] ? argv[1] : NULL;
    if (!path) {
        snprintf(tmp, sizeof tmp, "%s/sitrep-bench-ingest-%d.jsonl",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
        if (make_file(tmp, mb) != 0) { fprintf(stderr, "bench_ingest: cannot write %s\n", tmp); return 1; }
        path = tmp;
    }
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "bench_ingest: cannot open %s\n", path); return 1; }
    fseek(f, 0, SEEK_END);
    double mb_file = (double)ftell(f) / 1e6;
    rewind(f);
    /* decompressed size (one pass through zio) */
    zio *z = zio_open_fd(fileno(f), 0, path);
    static char chunk[1 << 16];
    double bytes = 0;
    ssize_t k;
    while ((k = zio_read(z, chunk, sizeof chunk, NULL)) > 0) bytes += (double)k;
    const char *codec = zio_codec_name(zio_codec_of(z));
    zio_close(z);
    fclose(f);
    double mb_in = bytes / 1e6;
    printf("bench_ingest: %s, %.1f MB of JSONL (%s file of %.1f MB; 1 MB = 10^6 bytes), one core\n",
           path, mb_in, codec, mb_file);
    int rc = run(path, 0, mb_in);       /* also warms the page cache */
    rc |= run(path, 0, mb_in);
    rc |= run(path, 1, mb_in);
    if (tmp[0]) remove(tmp);
    return rc;
}
