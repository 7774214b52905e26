/* run.c — the job runner: one reader (the calling thread), N workers, one
 * writer thread that emits documents in input order.
 *
 * A fixed pool of Q documents circulates: free -> read -> queued -> processed
 * -> emitted -> free. The reader blocks when no document is free, so memory is
 * bounded by Q articles whatever the input size, and at most Q documents are
 * between "read" and "emitted", so done[seq % Q] never collides. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "doc.h"
#include "pipeline.h"

typedef struct job {
    const sitrep_pipeline *pl;
    sitrep_emit_fn emit;
    void *ctx;
    size_t q;                   /* pool size */
    sitrep_doc **docs;          /* all documents (for freeing) */
    sitrep_doc **free_docs;     /* stack */
    size_t nfree;
    sitrep_doc **work;          /* ring of queued docs, with their sequence numbers */
    size_t *work_seq;
    size_t work_head, work_n;
    sitrep_doc **done;          /* done[seq % q] */
    size_t seq_total;           /* documents read so far */
    int eof;
    pthread_mutex_t mu;
    pthread_cond_t cv_free, cv_work, cv_done;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        pthread_mutex_lock(&j->mu);
        while (j->work_n == 0 && !j->eof) pthread_cond_wait(&j->cv_work, &j->mu);
        if (j->work_n == 0) { pthread_mutex_unlock(&j->mu); return NULL; }
        sitrep_doc *d = j->work[j->work_head];
        size_t seq = j->work_seq[j->work_head];
        j->work_head = (j->work_head + 1) % j->q;
        j->work_n--;
        pthread_mutex_unlock(&j->mu);

        if (j->pl && sitrep_pipeline_run(j->pl, d) != SITREP_OK)
            sitrep_doc_warn(d, "processing stopped early: out of memory");

        pthread_mutex_lock(&j->mu);
        j->done[seq % j->q] = d;
        pthread_cond_broadcast(&j->cv_done);
        pthread_mutex_unlock(&j->mu);
    }
}

static void *writer(void *arg)
{
    job *j = arg;
    size_t next = 0;
    for (;;) {
        pthread_mutex_lock(&j->mu);
        while (!j->done[next % j->q] && !(j->eof && next == j->seq_total))
            pthread_cond_wait(&j->cv_done, &j->mu);
        if (!j->done[next % j->q]) { pthread_mutex_unlock(&j->mu); return NULL; }
        sitrep_doc *d = j->done[next % j->q];
        j->done[next % j->q] = NULL;
        pthread_mutex_unlock(&j->mu);

        j->emit(j->ctx, d);

        pthread_mutex_lock(&j->mu);
        j->free_docs[j->nfree++] = d;
        pthread_cond_signal(&j->cv_free);
        pthread_mutex_unlock(&j->mu);
        next++;
    }
}

/* Single-threaded: no queues, no locks. */
static sitrep_status run_inline(const sitrep_pipeline *pl, sitrep_next_fn next,
                                sitrep_emit_fn emit, void *ctx)
{
    sitrep_doc *d = sitrep_doc_new();
    if (!d) return SITREP_ERR_NOMEM;
    int r;
    while ((r = next(ctx, d)) != 0) {
        if (r < 0) continue;
        if (pl && sitrep_pipeline_run(pl, d) != SITREP_OK)
            sitrep_doc_warn(d, "processing stopped early: out of memory");
        emit(ctx, d);
    }
    sitrep_doc_free(d);
    return SITREP_OK;
}

sitrep_status sitrep_run(const sitrep_pipeline *pl, int nthreads,
                         sitrep_next_fn next, sitrep_emit_fn emit, void *ctx)
{
    if (nthreads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = n > 0 ? (int)n : 1;
    }
    if (nthreads > 256) nthreads = 256;
    if (nthreads == 1) return run_inline(pl, next, emit, ctx);

    job j = {0};
    j.pl = pl;
    j.emit = emit;
    j.ctx = ctx;
    j.q = (size_t)nthreads * 2 + 2;
    j.docs = calloc(j.q, sizeof *j.docs);
    j.free_docs = calloc(j.q, sizeof *j.free_docs);
    j.work = calloc(j.q, sizeof *j.work);
    j.work_seq = calloc(j.q, sizeof *j.work_seq);
    j.done = calloc(j.q, sizeof *j.done);
    pthread_t *th = calloc((size_t)nthreads + 1, sizeof *th);
    sitrep_status st = SITREP_OK;
    if (!j.docs || !j.free_docs || !j.work || !j.work_seq || !j.done || !th) {
        st = SITREP_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < j.q; i++) {
        if (!(j.docs[i] = sitrep_doc_new())) { st = SITREP_ERR_NOMEM; goto out; }
        j.free_docs[j.nfree++] = j.docs[i];
    }
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.cv_free, NULL);
    pthread_cond_init(&j.cv_work, NULL);
    pthread_cond_init(&j.cv_done, NULL);
    int started = 0;
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&th[i], NULL, worker, &j) != 0) break;
        started++;
    }
    int writer_ok = started > 0 && pthread_create(&th[nthreads], NULL, writer, &j) == 0;
    if (!writer_ok) {
        /* could not start threads: tell any started worker to stop, run inline */
        pthread_mutex_lock(&j.mu);
        j.eof = 1;
        pthread_cond_broadcast(&j.cv_work);
        pthread_mutex_unlock(&j.mu);
        for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
        st = run_inline(pl, next, emit, ctx);
        goto destroy;
    }

    for (;;) {
        pthread_mutex_lock(&j.mu);
        while (j.nfree == 0) pthread_cond_wait(&j.cv_free, &j.mu);
        sitrep_doc *d = j.free_docs[--j.nfree];
        pthread_mutex_unlock(&j.mu);

        int r = next(ctx, d);

        pthread_mutex_lock(&j.mu);
        if (r <= 0) {
            j.free_docs[j.nfree++] = d;
            if (r == 0) {
                j.eof = 1;
                pthread_cond_broadcast(&j.cv_work);
                pthread_cond_broadcast(&j.cv_done);
                pthread_mutex_unlock(&j.mu);
                break;
            }
            pthread_mutex_unlock(&j.mu);
            continue;
        }
        size_t tail = (j.work_head + j.work_n) % j.q;
        j.work[tail] = d;
        j.work_seq[tail] = j.seq_total++;
        j.work_n++;
        pthread_cond_signal(&j.cv_work);
        pthread_mutex_unlock(&j.mu);
    }
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    pthread_join(th[nthreads], NULL);
destroy:
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.cv_free);
    pthread_cond_destroy(&j.cv_work);
    pthread_cond_destroy(&j.cv_done);
out:
    if (j.docs)
        for (size_t i = 0; i < j.q; i++) sitrep_doc_free(j.docs[i]);
    free(j.docs);
    free(j.free_docs);
    free(j.work);
    free(j.work_seq);
    free(j.done);
    free(th);
    return st;
}
