/* test_gate.c — the parse gate (src/gate.c): which sentences get parsed.
 *
 * Hand-tagged sentences of our own (tests/fixtures/gate/: cases.conllu and
 * fictional dictionaries), then the property that
 * makes the gate safe: on the Wikinews articles (when ../shared is present and
 * the model is built), coding with the gate gives exactly the events of coding
 * with every sentence parsed. */
#include <jansson.h>

#include "buf.h"
#include "conllu.h"
#include "doc.h"
#include "gate.h"
#include "pipeline.h"
#include "test.h"

static dict_set *ds;

/* The gate's answers for document `id`, one digit per sentence ("10"). */
static const char *gate_of(const char *id)
{
    static char out[64];
    strcpy(out, "(no such document)");
    sitrep_error err;
    conllu_reader *r = conllu_open("tests/fixtures/gate/cases.conllu", 0, &err);
    if (!r) return "(no fixture)";
    sitrep_doc *d = sitrep_doc_new();
    while (conllu_next(r, d, &err) == 1) {
        if (strcmp(sitrep_doc_get(d, SITREP_FIELD_ID), id)) continue;
        gate_ctx g;
        gate_ctx_init(&g);
        size_t n = 0;
        for (size_t s = 0; s < d->sentences.n && n + 1 < sizeof out; s++)
            out[n++] = gate_sentence(ds, d, s, &g) ? '1' : '0';
        gate_ctx_free(&g);
        out[n] = '\0';
        break;
    }
    sitrep_doc_free(d);
    conllu_close(r);
    return out;
}

static void dictionary_actor_and_verb(void) { CHECK_STR(gate_of("actor"), "1"); }
static void no_verb_form(void) { CHECK_STR(gate_of("noverb"), "0"); }
/* a lone agent acting on nobody is not coded (event.c) */
static void lone_agent(void) { CHECK_STR(gate_of("lone_agent"), "0"); }
static void two_agents(void) { CHECK_STR(gate_of("two_agents"), "1"); }
static void personal_pronoun(void) { CHECK_STR(gate_of("he"), "1"); }
/* the actor stage never resolves "they" */
static void they(void) { CHECK_STR(gate_of("they"), "0"); }
static void it_as_subject(void) { CHECK_STR(gate_of("it_subject"), "1"); }
static void it_as_object(void) { CHECK_STR(gate_of("it_object"), "0"); }
/* a lone surname takes the code of an earlier full name (actor.c): a titled
 * one ("Official Varda Tintalle") has a code, an unknown one has none */
static void surname_of_earlier_name(void) { CHECK_STR(gate_of("surname"), "01"); }
static void surname_of_unknown_name(void) { CHECK_STR(gate_of("unknown_surname"), "00"); }
static void unknown_lone_name(void) { CHECK_STR(gate_of("stranger"), "0"); }
/* a [---] verb with no patterns frames other events but codes none */
static void uncoded_verb(void) { CHECK_STR(gate_of("uncoded_verb"), "0"); }
static void uncoded_verb_with_patterns(void) { CHECK_STR(gate_of("pattern_verb"), "1"); }
/* "X said Y must V" is a demand (100) whatever V is */
static void demand(void) { CHECK_STR(gate_of("demand"), "1"); }
static void particle_present(void) { CHECK_STR(gate_of("particle"), "1"); }
static void particle_absent(void) { CHECK_STR(gate_of("no_particle"), "0"); }
/* the coder skips nouns inside actor mentions ("guards" of "Arnorian guards") */
static void noun_inside_actor(void) { CHECK_STR(gate_of("noun_in_actor"), "0"); }
static void verb_form_of_agent_word(void) { CHECK_STR(gate_of("verb_not_actor"), "1"); }

/* Events of one article as text, one per line. */
static void events_text(const sitrep_doc *d, sitrep_buf *b)
{
    b->len = 0;
    for (size_t i = 0; i < d->events.n; i++) {
        const sitrep_event *e = &d->events.v[i];
        char line[512];
        snprintf(line, sizeof line, "%u %s>%s %s%s\n", e->sentence,
                 e->source.present ? e->source.code : "-", e->target.present ? e->target.code : "-",
                 e->code, e->negated ? " neg" : "");
        buf_puts(b, line);
    }
}

static void gate_loses_no_wikinews_event(void)
{
    char path[1024];
    FILE *f;
    SHARED_OPEN(f, path, "wikinews/articles.jsonl");
    fclose(f);
    sitrep_error err;
    sitrep_options opt = {.date = "2025-03-13"};
    sitrep_pipeline *gated = sitrep_pipeline_new(&opt, &err);
    sitrep_pipeline *all = sitrep_pipeline_new(&opt, &err);
    if (!gated || !all || !pipeline_has_model(gated)) {
        sitrep_pipeline_free(gated);
        sitrep_pipeline_free(all);
        SKIP("pipeline or model unavailable (run `make`)");
    }
    pipeline_set_ungated(all, 1);
    /* two readers in step: each pipeline codes its own copy of every article */
    sitrep_reader *ra = sitrep_reader_open(path, SITREP_INPUT_JSONL, &err);
    sitrep_reader *rb = sitrep_reader_open(path, SITREP_INPUT_JSONL, &err);
    CHECK(ra != NULL && rb != NULL);
    sitrep_doc *da = sitrep_doc_new(), *db = sitrep_doc_new();
    sitrep_buf a = {0}, b = {0};
    size_t articles = 0, differ = 0, events = 0, sents = 0, words = 0, parsed = 0;
    while (ra && rb && sitrep_reader_next(ra, da, &err) > 0 && sitrep_reader_next(rb, db, &err) > 0) {
        CHECK(sitrep_pipeline_run(gated, da) == SITREP_OK);
        CHECK(sitrep_pipeline_run(all, db) == SITREP_OK);
        events_text(da, &a);
        events_text(db, &b);
        sents += da->sentences.n;
        words += da->words.n;
        for (size_t i = 0; i < da->words.n; i++) parsed += da->words.v[i].head >= 0;
        events += db->events.n;
        if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len))) {
            differ++;
            printf("  %s: gated\n%s  all parsed\n%s", sitrep_doc_get(da, SITREP_FIELD_ID),
                   a.len ? a.data : "", b.len ? b.data : "");
        }
        articles++;
        sitrep_doc_reset(da);
        sitrep_doc_reset(db);
    }
    printf("  %zu articles, %zu sentences, %zu events; %.1f%% of the words parsed; %zu articles differ\n",
           articles, sents, events, words ? 100.0 * (double)parsed / (double)words : 0.0, differ);
    CHECK(articles > 100);
    CHECK_INT(differ, 0);
    sitrep_buf_free(&a);
    sitrep_buf_free(&b);
    sitrep_doc_free(da);
    sitrep_doc_free(db);
    if (ra) sitrep_reader_close(ra);
    if (rb) sitrep_reader_close(rb);
    sitrep_pipeline_free(gated);
    sitrep_pipeline_free(all);
}

int main(void)
{
    sitrep_error err;
    ds = dict_set_new();
    if (dict_load_actors(ds, "tests/fixtures/gate/actors.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_agents(ds, "tests/fixtures/gate/agents.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_verbs(ds, "tests/fixtures/gate/verbs.txt", 1, &err, NULL, NULL) != SITREP_OK) {
        printf("FAIL fixtures: %s:%zu: %s\n", err.file, err.line, err.msg);
        dict_set_free(ds);
        return 1;
    }
    RUN(dictionary_actor_and_verb);
    RUN(no_verb_form);
    RUN(lone_agent);
    RUN(two_agents);
    RUN(personal_pronoun);
    RUN(they);
    RUN(it_as_subject);
    RUN(it_as_object);
    RUN(surname_of_earlier_name);
    RUN(surname_of_unknown_name);
    RUN(unknown_lone_name);
    RUN(uncoded_verb);
    RUN(uncoded_verb_with_patterns);
    RUN(demand);
    RUN(particle_present);
    RUN(particle_absent);
    RUN(noun_inside_actor);
    RUN(verb_form_of_agent_word);
    RUN(gate_loses_no_wikinews_event);
    dict_set_free(ds);
    return TEST_EXIT();
}
