/* test_run.c — the job runner: input order, skipped records, bounded pool. */
#include <stdio.h>

#include "doc.h"
#include "test.h"

typedef struct ctx {
    int n, produced, emitted, out_of_order, bad;
    int last_id;
} ctx;

static int next(void *p, sitrep_doc *d)
{
    ctx *c = p;
    if (c->produced >= c->n) return 0;
    int i = c->produced++;
    sitrep_doc_reset(d);
    if (i % 7 == 3) return -1;               /* an unreadable record: skipped */
    char id[16];
    int len = snprintf(id, sizeof id, "%d", i);
    sitrep_doc_set(d, SITREP_FIELD_ID, id, (size_t)len);
    /* uneven work so workers finish out of order */
    char text[4096];
    size_t tl = (size_t)(i * 37 % 4000);
    memset(text, 'a', tl);
    sitrep_doc_set_text(d, text, tl);
    return 1;
}

static void emit(void *p, const sitrep_doc *d)
{
    ctx *c = p;
    int id = atoi(sitrep_doc_get(d, SITREP_FIELD_ID));
    if (id <= c->last_id) c->out_of_order++;
    if (id % 7 == 3) c->bad++;
    c->last_id = id;
    c->emitted++;
}

static void run_with(int threads)
{
    ctx c = {.n = 5000, .last_id = -1};
    sitrep_error err;
    sitrep_options opt = {.date = "2025-03-13"};
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    CHECK(pl != NULL);
    CHECK(sitrep_run(pl, threads, next, emit, &c) == SITREP_OK);
    CHECK_INT(c.emitted, 5000 - 5000 / 7 - (5000 % 7 > 3));
    CHECK_INT(c.out_of_order, 0);
    CHECK_INT(c.bad, 0);
    sitrep_pipeline_free(pl);
}

static void single_thread_in_order(void) { run_with(1); }
static void four_threads_in_order(void) { run_with(4); }
static void many_threads_in_order(void) { run_with(17); }

static void empty_input(void)
{
    ctx c = {.n = 0, .last_id = -1};
    CHECK(sitrep_run(NULL, 3, next, emit, &c) == SITREP_OK);
    CHECK_INT(c.emitted, 0);
}

static void pipeline_rejects_bad_date(void)
{
    sitrep_error err;
    sitrep_error_clear(&err);
    sitrep_options opt = {.date = "2025-02-30"};
    CHECK(sitrep_pipeline_new(&opt, &err) == NULL);
    CHECK(err.status == SITREP_ERR_USAGE);
}

static void pipeline_fills_missing_date(void)
{
    sitrep_error err;
    sitrep_options opt = {.date = "2024-02-29"};
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set_text(d, "x", 1);
    sitrep_pipeline_run(pl, d);
    CHECK_STR(sitrep_doc_get(d, SITREP_FIELD_DATE), "2024-02-29");
    sitrep_doc_reset(d);
    sitrep_doc_set(d, SITREP_FIELD_DATE, "13/03/2025", 10);
    sitrep_doc_set_text(d, "x", 1);
    sitrep_pipeline_run(pl, d);
    CHECK_STR(sitrep_doc_get(d, SITREP_FIELD_DATE), "2024-02-29");
    CHECK_INT(sitrep_doc_nwarnings(d), 1);
    sitrep_doc_free(d);
    sitrep_pipeline_free(pl);
}

int main(void)
{
    RUN(single_thread_in_order);
    RUN(four_threads_in_order);
    RUN(many_threads_in_order);
    RUN(empty_input);
    RUN(pipeline_rejects_bad_date);
    RUN(pipeline_fills_missing_date);
    return TEST_EXIT();
}
