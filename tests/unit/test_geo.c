/* test_geo.c — the gazetteer and the locations stage: one case per ambiguity.
 *
 * Texts are segmented with seg_run; cases that need tags or a parse set upos, head
 * and deprel by hand (the pipeline runs geo after the tagger and parser). The
 * gazetteer is a build product ($BUILD/data/gazetteer.bin, or $SITREP_GAZETTEER):
 * cases that need it skip, saying so, when it is absent. */
#include <math.h>
#include <stdlib.h>

#include "test.h"
#include "doc.h"
#include "geo.h"
#include "seg.h"

static geo_gazetteer *gz;

static const char *gazetteer_path(void)
{
    static char buf[512];
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && *env) return env;
    const char *b = getenv("BUILD");
    snprintf(buf, sizeof buf, "%s/data/gazetteer.bin", b && *b ? b : "build");
    return buf;
}

#define NEED_GAZETTEER() do { if (!gz) SKIP("gazetteer not built (run `make deps` then `make data`)"); } while (0)

static sitrep_doc *run_text(const char *text)
{
    sitrep_doc *d = sitrep_doc_new();
    if (!d) return NULL;
    sitrep_doc_set_text(d, text, strlen(text));
    if (seg_run(d) != SITREP_OK) { sitrep_doc_free(d); return NULL; }
    return d;
}

/* The k-th place whose mention text is `text` (NULL when none). */
static const sitrep_place *place_named(const sitrep_doc *d, const char *text, int k)
{
    for (size_t i = 0; i < d->places.n; i++)
        if (d->places.v[i].text && strcmp(d->places.v[i].text, text) == 0 && k-- == 0)
            return &d->places.v[i];
    return NULL;
}

/* Index of the first word with this form at or after `from`. */
static size_t word_at(const sitrep_doc *d, const char *form, size_t from)
{
    for (size_t i = from; i < d->words.n; i++)
        if (strcmp(d->words.v[i].form, form) == 0) return i;
    return (size_t)-1;
}

static void set_word(sitrep_doc *d, size_t w, int upos, int head, const char *deprel)
{
    if (w >= d->words.n) return;
    d->words.v[w].upos = (uint8_t)upos;
    d->words.v[w].head = head;
    d->words.v[w].deprel = deprel;
}

/* ------------------------------------------------------------- keys, load */

static void key_normalisation(void)
{
    char k[64];
    geo_key("Sana'a", 6, k, sizeof k);
    CHECK_STR(k, "sanaa");
    geo_key("U.S.", 4, k, sizeof k);
    CHECK_STR(k, "us");
    geo_key("Z\xc3\xbcrich", 7, k, sizeof k);
    CHECK_STR(k, "zurich");
    geo_key("\xc5\x81\xc3\xb3\x64\xc5\xba", 7, k, sizeof k);          /* Łódź */
    CHECK_STR(k, "lodz");
    geo_key("  Ivano-Frankivsk\n", 18, k, sizeof k);
    CHECK_STR(k, "ivano frankivsk");
    geo_key("Washington, D.C.", 16, k, sizeof k);
    CHECK_STR(k, "washington dc");
    CHECK_INT(geo_key("abcdef", 6, k, 4), 3);                          /* truncated, NUL-terminated */
    CHECK_STR(k, "abc");
}

static void load_errors(void)
{
    sitrep_error err;
    sitrep_error_clear(&err);
    CHECK(geo_load("tests/fixtures/geo/no-such-file.bin", &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_IO);
    sitrep_error_clear(&err);
    CHECK(geo_load("tests/fixtures/geo/not_a_gazetteer.bin", &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    CHECK(strstr(err.msg, "magic") != NULL || strstr(err.msg, "short") != NULL);
    if (!gz) return;
    /* a truncated copy of the real table, in a temporary file of our own */
    char tmp[] = "/tmp/sitrep-geo-truncated-XXXXXX";
    int fd = mkstemp(tmp);
    FILE *in = fopen(gazetteer_path(), "rb"), *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    CHECK(in && out);
    if (in && out) {
        char buf[4096];
        size_t n = fread(buf, 1, sizeof buf, in);
        fwrite(buf, 1, n, out);
    }
    if (in) fclose(in);
    if (out) fclose(out);
    sitrep_error_clear(&err);
    CHECK(geo_load(tmp, &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    CHECK(strstr(err.msg, "truncated") != NULL);
    remove(tmp);
}

static void lookup_alt_names(void)
{
    NEED_GAZETTEER();
    sitrep_place a, b;
    CHECK(geo_lookup(gz, "Kiev", 4, &a) >= 1);
    CHECK(geo_lookup(gz, "Kyiv", 4, &b) >= 1);
    CHECK_STR(a.name, b.name);
    CHECK_STR(a.country, "UKR");
    CHECK(geo_lookup(gz, "Kharkov", 7, &a) >= 1);
    CHECK(geo_lookup(gz, "Kharkiv", 7, &b) >= 1);
    CHECK_STR(a.name, b.name);
    CHECK(geo_lookup(gz, "Odessa", 6, &a) >= 1);
    CHECK(geo_lookup(gz, "Odesa", 5, &b) >= 1);
    CHECK_STR(a.name, b.name);
    CHECK_STR(a.country, "UKR");
    CHECK(geo_lookup(gz, "Mykolaiv", 8, &a) >= 1);
    CHECK_STR(a.country, "UKR");
    CHECK(geo_lookup(gz, "Zaporizhzhia", 12, &a) >= 1);
    CHECK_STR(a.country, "UKR");
    CHECK(geo_lookup(gz, "Russia", 6, &a) >= 1);
    CHECK_STR(a.country, "RUS");
    CHECK_STR(a.name, "Russia");
    CHECK(geo_lookup(gz, "U.S.", 4, &a) >= 1);
    CHECK_STR(a.country, "USA");
    CHECK(geo_lookup(gz, "Kursk Oblast", 12, &a) == 1);
    CHECK_STR(a.adm1, "RU-KRS");
    CHECK_INT(geo_lookup(gz, "Xyzzyville", 10, &a), 0);
    CHECK(isnan(a.lat));
}

/* ------------------------------------------------------------ ambiguity */

/* "Kursk region" and "Kursk Oblast" are the oblast (RU-KRS); "Kursk" alone is the city. */
static void kursk_region_is_oblast(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Troops were seen at a Kursk region command post. "
                             "Fighting continued in Kursk Oblast. Shelling hit the Kharkiv region. "
                             "Residents of Kursk were evacuated to a shelter in Kursk.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    const sitrep_place *p = place_named(d, "Kursk region", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->adm1, "RU-KRS");
        CHECK_STR(p->country, "RUS");
        CHECK_STR(p->name, "Kursk Oblast");
        CHECK(fabs(p->lat - 51.7) < 0.5 && fabs(p->lon - 36.2) < 0.5);
        CHECK(p->alternatives >= 1);                    /* the city of Kursk */
    }
    p = place_named(d, "Kursk Oblast", 0);
    CHECK(p && p->adm1 && strcmp(p->adm1, "RU-KRS") == 0);
    p = place_named(d, "Kharkiv region", 0);
    CHECK(p && p->adm1 && strcmp(p->adm1, "UA-63") == 0);
    p = place_named(d, "Kursk", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->name, "Kursk");                    /* the city */
        CHECK_STR(p->adm1, "RU-KRS");
    }
    sitrep_doc_free(d);
}

/* A capital that is the subject of a speech or action verb is its government (an
 * actor); after "in" it is a place. Untagged text (next-word rule) and parsed text
 * (nsubj rule). */
static void capital_actor_vs_place(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Moscow said it would respond. Thousands marched in Moscow.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    CHECK_INT(d->places.n, 1);
    if (d->places.n == 1) {
        CHECK_STR(d->places.v[0].text, "Moscow");
        CHECK_STR(d->places.v[0].country, "RUS");
        CHECK(d->places.v[0].start > 30);               /* the second one */
    }
    sitrep_doc_free(d);

    /* parsed: "Washington has repeatedly warned Tehran ." with Washington nsubj of
     * "warned" (3 words on), Tehran obj; "Officials in Washington met ." obl */
    d = run_text("Washington warned Tehran. Officials in Washington met.");
    CHECK(d != NULL);
    if (!d) return;
    size_t w0 = word_at(d, "Washington", 0), v = word_at(d, "warned", 0), t = word_at(d, "Tehran", 0);
    CHECK(w0 == 0 && v == 1 && t == 2);
    set_word(d, w0, SITREP_UPOS_PROPN, 2, "nsubj");
    set_word(d, v, SITREP_UPOS_VERB, 0, "root");
    set_word(d, t, SITREP_UPOS_PROPN, 2, "obj");
    set_word(d, 3, SITREP_UPOS_PUNCT, 2, "punct");
    size_t o = word_at(d, "Officials", 4), in = word_at(d, "in", 4), w1 = word_at(d, "Washington", 4);
    set_word(d, o, SITREP_UPOS_NOUN, 4, "nsubj");
    set_word(d, in, SITREP_UPOS_ADP, 3, "case");
    set_word(d, w1, SITREP_UPOS_PROPN, 4, "obl");
    set_word(d, w1 + 1, SITREP_UPOS_VERB, 0, "root");
    set_word(d, w1 + 2, SITREP_UPOS_PUNCT, 4, "punct");
    CHECK(geo_run(gz, d) == SITREP_OK);
    CHECK_INT(d->places.n, 2);                           /* Tehran, the second Washington */
    CHECK(place_named(d, "Tehran", 0) != NULL);
    const sitrep_place *p = place_named(d, "Washington", 0);
    CHECK(p && p->start == d->words.v[w1].start && strcmp(p->country, "USA") == 0);
    sitrep_doc_free(d);
}

/* Demonyms are adjectives, not places: "Russian" tagged ADJ is skipped, and
 * untagged it is no gazetteer name either. */
static void demonym_not_place(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Russian troops crossed into Ukraine.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    CHECK_INT(d->places.n, 1);
    CHECK(place_named(d, "Ukraine", 0) != NULL);
    CHECK(place_named(d, "Russian", 0) == NULL);
    sitrep_doc_free(d);

    /* "Jordan" the country, but "Jordanian" (ADJ) never */
    d = run_text("Jordanian officials met in Amman.");
    CHECK(d != NULL);
    if (!d) return;
    set_word(d, 0, SITREP_UPOS_ADJ, 2, "amod");
    set_word(d, 1, SITREP_UPOS_NOUN, 3, "nsubj");
    set_word(d, 2, SITREP_UPOS_VERB, 0, "root");
    set_word(d, 3, SITREP_UPOS_ADP, 5, "case");
    set_word(d, 4, SITREP_UPOS_PROPN, 3, "obl");
    CHECK(geo_run(gz, d) == SITREP_OK);
    CHECK_INT(d->places.n, 1);
    const sitrep_place *p = place_named(d, "Amman", 0);
    CHECK(p && strcmp(p->country, "JOR") == 0);
    sitrep_doc_free(d);
}

/* "Paris" is in France unless the article is about Texas; the alternatives are counted. */
static void paris_texas(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Officials in Texas said a tornado struck Paris on Sunday.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    const sitrep_place *p = place_named(d, "Paris", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->country, "USA");
        CHECK_STR(p->adm1, "US-TX");
        CHECK(p->alternatives >= 5);
    }
    sitrep_doc_free(d);

    d = run_text("The summit opened in Paris. France hosted the leaders.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    p = place_named(d, "Paris", 0);
    CHECK(p && strcmp(p->country, "FRA") == 0);
    sitrep_doc_free(d);

    /* "X, Y": the state after the comma decides */
    d = run_text("The storm hit Paris, Texas, overnight.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    p = place_named(d, "Paris", 0);
    CHECK(p && strcmp(p->country, "USA") == 0);
    sitrep_doc_free(d);
}

/* Georgia the country by default and with Tbilisi; the US state with Atlanta. */
static void georgia_country_vs_state(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Protesters rallied in Tbilisi, the capital of Georgia.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    const sitrep_place *p = place_named(d, "Georgia", 0);
    CHECK(p && strcmp(p->country, "GEO") == 0);
    sitrep_doc_free(d);

    d = run_text("Voters in Atlanta, Georgia queued for hours.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    p = place_named(d, "Georgia", 0);
    CHECK(p && strcmp(p->country, "USA") == 0 && p->adm1 && strcmp(p->adm1, "US-GA") == 0);
    p = place_named(d, "Atlanta", 0);
    CHECK(p && p->adm1 && strcmp(p->adm1, "US-GA") == 0);
    sitrep_doc_free(d);

    d = run_text("The governor of Georgia signed the bill in Atlanta.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    p = place_named(d, "Georgia", 0);
    CHECK(p && strcmp(p->country, "USA") == 0);
    sitrep_doc_free(d);
}

/* Names inside longer names are not places; acronyms are not small towns; capitalised
 * function words and months are not places. */
static void not_places(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("George Washington and Paris Hilton met the US President. "
                             "The EU met in March. \"We are ready,\" he said.");
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    CHECK_INT(d->places.n, 0);
    for (size_t i = 0; i < d->places.n; i++) printf("  unexpected place %s\n", d->places.v[i].text);
    sitrep_doc_free(d);
}

/* --------------------------------------------------------- event location */

static sitrep_event *add_event(sitrep_doc *d, uint32_t sentence, const char *root)
{
    sitrep_event *e = vec_push(d->events);
    if (!e) return NULL;
    e->sentence = sentence;
    e->root = root;
    e->code = root;
    return e;
}

static void event_location(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Russia installed missiles in Belarus. "
                             "Artillery shelled positions. "
                             "The minister praised the decision. "
                             "Belarus hosts the weapons near Minsk.");
    CHECK(d != NULL);
    if (!d) return;
    CHECK_INT(d->sentences.n, 4);
    sitrep_event *e0 = add_event(d, 0, "15");   /* clause place: Belarus */
    sitrep_event *e1 = add_event(d, 1, "19");   /* physical, no place: dominant place */
    sitrep_event *e2 = add_event(d, 2, "05");   /* verbal, no place: null */
    CHECK(e0 && e1 && e2);
    if (!e0 || !e1 || !e2) { sitrep_doc_free(d); return; }
    e0->source = (sitrep_argument){1, 0, 6, "Russia", "RUS"};
    CHECK(geo_run(gz, d) == SITREP_OK);
    e0 = &d->events.v[0];
    e1 = &d->events.v[1];
    e2 = &d->events.v[2];
    CHECK(e0->has_location && e0->location.country && strcmp(e0->location.country, "BLR") == 0);
    CHECK(e0->location.text == NULL);
    CHECK(e1->has_location && e1->location.country && strcmp(e1->location.country, "BLR") == 0);
    CHECK(!e2->has_location);
    sitrep_doc_free(d);
}

/* Parsed: a place in another clause is not the event's ("Putin spoke after troops
 * fought in Kharkiv": the statement has no location, the fighting is in Kharkiv). */
static void event_location_clause(void)
{
    NEED_GAZETTEER();
    sitrep_doc *d = run_text("Putin spoke after troops fought in Kharkiv.");
    CHECK(d && d->words.n == 8);
    if (!d || d->words.n != 8) { sitrep_doc_free(d); return; }
    static const struct { int upos, head; const char *rel; } parse[8] = {
        {SITREP_UPOS_PROPN, 2, "nsubj"}, {SITREP_UPOS_VERB, 0, "root"},
        {SITREP_UPOS_SCONJ, 5, "mark"}, {SITREP_UPOS_NOUN, 5, "nsubj"},
        {SITREP_UPOS_VERB, 2, "advcl"}, {SITREP_UPOS_ADP, 7, "case"},
        {SITREP_UPOS_PROPN, 5, "obl"}, {SITREP_UPOS_PUNCT, 2, "punct"}};
    for (size_t i = 0; i < 8; i++) set_word(d, i, parse[i].upos, parse[i].head, parse[i].rel);
    sitrep_event *a = add_event(d, 0, "01"), *b = add_event(d, 0, "19");
    CHECK(a && b);
    if (!a || !b) { sitrep_doc_free(d); return; }
    const sitrep_word *w0 = &d->words.v[0], *w3 = &d->words.v[3];
    d->events.v[0].source = (sitrep_argument){1, w0->start, w0->end, "Putin", "RUSGOV"};
    d->events.v[1].source = (sitrep_argument){1, w3->start, w3->end, "troops", "---MIL"};
    CHECK(geo_run(gz, d) == SITREP_OK);
    CHECK(!d->events.v[0].has_location);
    CHECK(d->events.v[1].has_location && d->events.v[1].location.country &&
          strcmp(d->events.v[1].location.country, "UKR") == 0);
    sitrep_doc_free(d);
}

/* ------------------------------------------------------------- the seed */

static void seed_article(void)
{
    NEED_GAZETTEER();
    const char *path = "../shared/seeds/000_628a4e34dcf17f17.txt";
    FILE *f = fopen(path, "rb");
    if (!f) SKIP("seed article ../shared/seeds/000_628a4e34dcf17f17.txt absent");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    sitrep_doc *d = run_text(buf);
    CHECK(d && geo_run(gz, d) == SITREP_OK);
    if (!d) return;
    const sitrep_place *p = place_named(d, "Kursk region", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->adm1, "RU-KRS");
        CHECK(fabs(p->lat - 51.7) < 0.3 && fabs(p->lon - 36.2) < 0.3);
    }
    p = place_named(d, "London", 0);
    CHECK(p && strcmp(p->country, "GBR") == 0);
    p = place_named(d, "Warsaw", 0);
    CHECK(p && strcmp(p->country, "POL") == 0);
    p = place_named(d, "Belarus", 0);
    CHECK(p && strcmp(p->country, "BLR") == 0);
    /* no place outside these countries (no "Hail" in Saudi Arabia, no "West" in Cameroon) */
    for (size_t i = 0; i < d->places.n; i++) {
        const char *c = d->places.v[i].country;
        int ok = c && (!strcmp(c, "RUS") || !strcmp(c, "UKR") || !strcmp(c, "GBR") ||
                       !strcmp(c, "POL") || !strcmp(c, "USA") || !strcmp(c, "BLR"));
        if (!ok) printf("  unexpected %s -> %s\n", d->places.v[i].text, c ? c : "-");
        CHECK(ok);
    }
    sitrep_doc_free(d);
}

int main(void)
{
    sitrep_error err;
    sitrep_error_clear(&err);
    gz = geo_load(gazetteer_path(), &err);
    RUN(key_normalisation);
    RUN(load_errors);
    RUN(lookup_alt_names);
    RUN(kursk_region_is_oblast);
    RUN(capital_actor_vs_place);
    RUN(demonym_not_place);
    RUN(paris_texas);
    RUN(georgia_country_vs_state);
    RUN(not_places);
    RUN(event_location);
    RUN(event_location_clause);
    RUN(seed_article);
    geo_free(gz);
    return TEST_EXIT();
}
