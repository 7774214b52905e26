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
static dict_set *ts;             /* ds's dictionaries and transform_verbs.txt */
static char explain[4][512];     /* the explain strings of the last events_in() */

/* Codes document `id` with dictionaries `set` and renders its events as "SRC TGT
 * CODE[ neg]" joined by "; " (the source as written after '=' with `text`). */
static const char *events_in(dict_set *set, const char *id, int32_t day, int text)
{
    static char out[1024];
    out[0] = '\0';
    memset(explain, 0, sizeof explain);
    sitrep_error err;
    conllu_reader *r = conllu_open(FIX "cases.conllu", 0, &err);
    if (!r) return "(no fixture)";
    sitrep_doc *d = sitrep_doc_new();
    while (conllu_next(r, d, &err) == 1) {
        if (strcmp(sitrep_doc_get(d, SITREP_FIELD_ID), id)) continue;
        CHECK(actor_run(set, d, day) == SITREP_OK);
        event_opts o = {1, 0};
        CHECK(event_run(set, &o, d) == SITREP_OK);
        for (size_t i = 0; i < d->events.n; i++) {
            const sitrep_event *e = &d->events.v[i];
            size_t l = strlen(out);
            snprintf(out + l, sizeof out - l, "%s%s%s%s %s %s%s", i ? "; " : "",
                     e->source.present ? e->source.code : "-", text ? "=" : "",
                     text && e->source.present ? e->source.text : "", e->target.present ? e->target.code : "-",
                     e->code, e->negated ? " neg" : "");
            if (i < 4 && e->explain) snprintf(explain[i], sizeof explain[i], "%s", e->explain);
        }
        break;
    }
    sitrep_doc_free(d);
    conllu_close(r);
    return out;
}

static const char *events_of(const char *id, int32_t day) { return events_in(ds, id, day, 0); }
static const char *transformed(const char *id) { return events_in(ts, id, 20000101, 0); }

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

/* ---- transformations (tests/fixtures/event/transform_verbs.txt) */

/* "threatened to attack": THREATEN codes 130 by itself and ATTACK is its xcomp;
 * the transformation's 138 replaces both, nothing is coded twice */
static void transform_absent_source(void)
{
    CHECK_STR(events_of("t_threaten", 20000101), "ARN GON 190");   /* no THREATEN in verbs.txt */
    CHECK_STR(transformed("t_threaten"), "ARN GON 138");
    CHECK(strstr(explain[0], "transformation tests/fixtures/event/transform_verbs.txt:16 "
                             "(~ a (_ b ATTACK) THREATEN = a b 138)") != NULL);
    CHECK(strstr(explain[0], "verb threatened (block THREATEN) verb default over attack (block ATTACK)") != NULL);
    CHECK_STR(transformed("t_threaten_two"), "ARN GON 138; ROH GON 138");
}

/* INVADE (192) is under ATTACK's 190, but the line naming the word wins */
static void transform_most_specific(void) { CHECK_STR(transformed("t_invade"), "ARN GON 1382"); }

/* VOW is [---]: named by its word, never by a null code */
static void transform_null_coded_verb(void)
{
    CHECK_STR(events_of("intent", 20000101), "ARN GON 138");   /* intent_code */
    CHECK_STR(transformed("intent"), "ARN GON 138");
    CHECK(strstr(explain[0], "transform_verbs.txt:18 ") != NULL);
    CHECK_STR(transformed("t_began"), "ARN GON 190");          /* BEGIN [---]: no line */
}

/* `a (a b ATTACK) CLAIM`: the same actor claims its own attack (015); another
 * actor's attack is an accusation (`a (b . ATTACK) CLAIM`, 112), whose `.` also
 * takes no target; different letters are different actors */
static void transform_same_and_other_actor(void)
{
    CHECK_STR(events_of("t_claim_own", 20000101), "ROH GON 190");
    CHECK_STR(transformed("t_claim_own"), "ROH GON 015");
    CHECK(strstr(explain[0], ":20 (~ a (a b ATTACK) CLAIM = a b 015)") != NULL);
    CHECK_STR(transformed("t_claim_other"), "ROH ARN 112");
    CHECK_STR(transformed("t_claim_no_target"), "ROH ARN 112");
}

/* Q: any verb with a code, and as CODE the inner code; the event's source is the
 * governing verb's ("Rohan", not "it") */
static void transform_any_verb(void)
{
    CHECK_STR(events_in(ds, "t_say_q", 20000101, 1), "ROH=it GON 040");
    CHECK_STR(events_in(ts, "t_say_q", 20000101, 1), "ROH=Rohan GON 040");
    CHECK(strstr(explain[0], "(~ a (a b Q) SAY = a b Q)") != NULL);
}

/* A_B: WILL an auxiliary of ATTACK; WANT the verb ATTACK complements (the longer
 * chain over WANT's own line) */
static void transform_verb_under_verb(void)
{
    CHECK_STR(transformed("t_will"), "ROH GON 138");
    CHECK(strstr(explain[0], "(~ a (a b WILL_ATTACK) SAY = a b 138)") != NULL);
    CHECK_STR(transformed("t_want_framer"), "ROH GON 1384");
}

/* "wants Arnor to attack": the object is the inner source, so `_` does not match */
static void transform_object_as_inner_source(void)
{
    CHECK_STR(transformed("t_want_own"), "ROH GON 138");
    CHECK_STR(transformed("t_want_object"), "ROH ARN 021");
}

/* no line for the pair, a negation, a reported clause before its verb: the
 * ordinary events, unchanged */
static void transform_no_match(void)
{
    CHECK_STR(transformed("t_claim_meeting"), events_of("t_claim_meeting", 20000101));
    CHECK_STR(transformed("t_claim_meeting"), "ROH ARN 010; ARN GON 040");
    CHECK_STR(transformed("t_claim_negated"), "ROH ARN 010; ARN GON 190 neg");
    CHECK_STR(transformed("t_claim_after"), "ARN GON 190; ROH - 010");
    CHECK_STR(transformed("svo"), "ARN GON 190");
    CHECK_STR(transformed("reported"), "ARN GON 190");     /* SAY's lines: the speaker's own act */
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

/* A participle the parser hung off the main verb ("troops attacked near X" as
 * an adverbial clause) does not make the other verb's object its doer. */
static void bare_participle_not_done_by_object(void)
{
    CHECK_STR(events_of("bare_participle", 20000101), "ARN GONMIL 040");
}
/* An object pronoun the actor stage could not resolve is still the target: no
 * later actor stands in for it; a reflexive one is no target at all. */
static void unresolved_object_keeps_its_place(void)
{
    CHECK_STR(events_of("unresolved_object", 20000101), "ARN - 190");
    CHECK_STR(events_of("reflexive_object", 20000101), "ARN GON 190");
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
    ts = dict_set_new();
    if (dict_load_actors(ts, FIX "actors.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_agents(ts, FIX "agents.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_verbs(ts, FIX "verbs.txt", 1, &err, NULL, NULL) != SITREP_OK ||
        dict_load_verbs(ts, FIX "transform_verbs.txt", 1, &err, NULL, NULL) != SITREP_OK) {
        printf("FAIL transform fixtures: %s:%zu: %s\n", err.file, err.line, err.msg);
        dict_set_free(ts);
        dict_set_free(ds);
        return 1;
    }
    RUN(transform_absent_source);
    RUN(transform_most_specific);
    RUN(transform_null_coded_verb);
    RUN(transform_same_and_other_actor);
    RUN(transform_any_verb);
    RUN(transform_verb_under_verb);
    RUN(transform_object_as_inner_source);
    RUN(transform_no_match);
    RUN(bare_participle_not_done_by_object);
    RUN(unresolved_object_keeps_its_place);
    dict_set_free(ts);
    dict_set_free(ds);
    return TEST_EXIT();
}
