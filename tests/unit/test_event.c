/* test_event.c — actor recognition and the event coder on hand-parsed sentences
 * (tests/fixtures/event/cases.conllu: gold parses we wrote, fictional actors), so
 * the coder is tested apart from the tagger and parser. */
#include "actor.h"
#include "conllu.h"
#include "doc.h"
#include "event.h"
#include "test.h"

#define FIX "tests/fixtures/event/"

static dict_set *ds;

/* Codes document `id` and renders its events as "SRC TGT CODE[ neg]" joined by "; ". */
static const char *events_of(const char *id, int32_t day)
{
    static char out[1024];
    out[0] = '\0';
    sitrep_error err;
    conllu_reader *r = conllu_open(FIX "cases.conllu", 0, &err);
    if (!r) return "(no fixture)";
    sitrep_doc *d = sitrep_doc_new();
    while (conllu_next(r, d, &err) == 1) {
        if (strcmp(sitrep_doc_get(d, SITREP_FIELD_ID), id)) continue;
        CHECK(actor_run(ds, d, day) == SITREP_OK);
        event_opts o = {1, 0};
        CHECK(event_run(ds, &o, d) == SITREP_OK);
        for (size_t i = 0; i < d->events.n; i++) {
            const sitrep_event *e = &d->events.v[i];
            size_t l = strlen(out);
            snprintf(out + l, sizeof out - l, "%s%s %s %s%s", i ? "; " : "",
                     e->source.present ? e->source.code : "-", e->target.present ? e->target.code : "-",
                     e->code, e->negated ? " neg" : "");
        }
        break;
    }
    sitrep_doc_free(d);
    conllu_close(r);
    return out;
}

static void subject_verb_object(void) { CHECK_STR(events_of("svo", 20000101), "ARN GON 190"); }
static void passive_by_agent(void) { CHECK_STR(events_of("passive", 20000101), "ARN GON 190"); }
static void negation_is_flagged(void) { CHECK_STR(events_of("negated", 20000101), "ARN GON 190 neg"); }
static void intent_maps_to_threat(void) { CHECK_STR(events_of("intent", 20000101), "ARN GON 138"); }
static void reported_speech_codes_embedded_event(void)
{
    CHECK_STR(events_of("reported", 20000101), "ARN GON 190");
}
static void coordinated_sources(void)
{
    CHECK_STR(events_of("coordination", 20000101), "ARN GON 190; ROH GON 190");
}
static void xcomp_of_coded_verb_not_coded_twice(void)
{
    CHECK_STR(events_of("urge", 20000101), "ARN ARNMIL 100");
}
static void prepositional_pattern(void) { CHECK_STR(events_of("pattern", 20000101), "ROH GON 043"); }
static void null_pattern_codes_nothing(void) { CHECK_STR(events_of("null_pattern", 20000101), ""); }
static void dated_role_follows_date(void)
{
    CHECK_STR(events_of("dated_person", 20000101), "ARNGOV MOR 190");
    CHECK_STR(events_of("dated_person", 20150101), "ARNELI MOR 190");
}
static void pronoun_resolves_to_person(void)
{
    CHECK_STR(events_of("pronoun", 20000101), "ARNGOV ROH 040; ARNGOV MOR 190");
}

static void actor_mentions(void)
{
    sitrep_error err;
    conllu_reader *r = conllu_open(FIX "cases.conllu", 0, &err);
    if (!r) { CHECK(r != NULL); return; }
    sitrep_doc *d = sitrep_doc_new();
    while (conllu_next(r, d, &err) == 1)
        if (!strcmp(sitrep_doc_get(d, SITREP_FIELD_ID), "urge")) break;
    actor_run(ds, d, 20000101);
    CHECK_INT(d->actors.n, 3);
    if (d->actors.n == 3) {
        CHECK_STR(d->actors.v[1].text, "Arnorian troops");
        CHECK_STR(d->actors.v[1].code, "ARNMIL");
        CHECK_STR(d->actors.v[2].code, "MOR");
    }
    sitrep_doc_free(d);
    conllu_close(r);
}

int main(void)
{
    sitrep_error err;
    ds = dict_set_new();
    if (dict_load_actors(ds, FIX "actors.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_agents(ds, FIX "agents.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_verbs(ds, FIX "verbs.txt", 1, &err, NULL, NULL) != SITREP_OK) {
        printf("FAIL fixtures: %s:%zu: %s\n", err.file, err.line, err.msg);
        dict_set_free(ds);
        return 1;
    }
    RUN(subject_verb_object);
    RUN(passive_by_agent);
    RUN(negation_is_flagged);
    RUN(intent_maps_to_threat);
    RUN(reported_speech_codes_embedded_event);
    RUN(coordinated_sources);
    RUN(xcomp_of_coded_verb_not_coded_twice);
    RUN(prepositional_pattern);
    RUN(null_pattern_codes_nothing);
    RUN(dated_role_follows_date);
    RUN(pronoun_resolves_to_person);
    RUN(actor_mentions);
    dict_set_free(ds);
    return TEST_EXIT();
}
