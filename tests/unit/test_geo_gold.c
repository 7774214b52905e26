/* test_geo_gold.c — scores the locations stage on our gold place mentions
 * (tests/gold/places.tsv: article id, code-point offsets, country, coordinates) in
 * the English Wikinews articles of ../shared/data/wikinews/articles.jsonl.
 *
 * A gold mention is found when a place of the stage overlaps it. Reported:
 *   recall       found / gold
 *   country      found with the gold country / gold (a miss counts as wrong), and the
 *                same among found mentions
 *   50 km        within 50 km of the gold point / gold places below country level
 * Skips, saying so, when the shared data or the gazetteer (build product) is absent.
 * With $SITREP_MODEL (a tagger/parser model file) the text is tagged and parsed
 * first, as in the pipeline; without it the stage sees untagged words.
 * Thresholds are fixed floors under the figures measured when the set was scored
 * first (README of the stage: BENCHMARKS.md). */
#include <math.h>

#include <jansson.h>

#include "test.h"
#include "doc.h"
#include "geo.h"
#include "model.h"
#include "seg.h"

#define GOLD_PATH "tests/gold/places.tsv"

typedef struct gold {
    char id[32];
    size_t start, end;
    char country[8];
    double lat, lon;
    char kind[16];
} gold;

static const char *gazetteer_path(void)
{
    static char buf[512];
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && *env) return env;
    const char *b = getenv("BUILD");
    snprintf(buf, sizeof buf, "%s/data/gazetteer.bin", b && *b ? b : "build");
    return buf;
}

static double km(double la1, double lo1, double la2, double lo2)
{
    const double r = 6371.0, d = M_PI / 180.0;
    double a = sin((la2 - la1) * d / 2), b = sin((lo2 - lo1) * d / 2);
    double h = a * a + cos(la1 * d) * cos(la2 * d) * b * b;
    return 2 * r * asin(sqrt(h));
}

static gold *read_gold(size_t *n)
{
    FILE *f = fopen(GOLD_PATH, "r");
    if (!f) return NULL;
    size_t cap = 256;
    gold *g = malloc(cap * sizeof *g);
    char line[512];
    *n = 0;
    while (g && fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        if (*n == cap) {
            gold *ng = realloc(g, (cap *= 2) * sizeof *g);
            if (!ng) { free(g); g = NULL; break; }
            g = ng;
        }
        gold *x = &g[*n];
        if (sscanf(line, "%31s %zu %zu %7s %lf %lf %15s", x->id, &x->start, &x->end, x->country,
                   &x->lat, &x->lon, x->kind) == 7)
            (*n)++;
    }
    fclose(f);
    return g;
}

static void gold_wikinews(void)
{
    char path[600];
    FILE *jf;
    SHARED_OPEN(jf, path, "wikinews/articles.jsonl");
    sitrep_error err;
    sitrep_error_clear(&err);
    geo_gazetteer *gz = geo_load(gazetteer_path(), &err);
    if (!gz) { fclose(jf); SKIP("gazetteer not built (run `make deps` then `make data`)"); }
    size_t ng = 0;
    gold *g = read_gold(&ng);
    CHECK(g != NULL && ng >= 150);
    if (!g) { fclose(jf); geo_free(gz); return; }

    sr_model *model = NULL;
    const char *mp = getenv("SITREP_MODEL");
    if (mp && *mp && !(model = model_load(mp, &err))) printf("  cannot load model %s: %s\n", mp, err.msg);
    size_t found = 0, country_ok = 0, sub = 0, near = 0, sub_found = 0;
    sitrep_doc *doc = sitrep_doc_new();
    char *line = NULL;
    size_t lcap = 0;
    ssize_t ll;
    while ((ll = getline(&line, &lcap, jf)) > 0) {
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)ll, 0, &je);
        if (!o) continue;
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *text = json_string_value(json_object_get(o, "text"));
        int any = 0;
        for (size_t i = 0; id && i < ng; i++) any |= strcmp(g[i].id, id) == 0;
        if (!any || !text) { json_decref(o); continue; }
        sitrep_doc_reset(doc);
        sitrep_doc_set_text(doc, text, strlen(text));
        CHECK(seg_run(doc) == SITREP_OK);
        for (size_t s = 0; model && s < doc->sentences.n; s++) {
            CHECK(model_tag(model, doc, s) == SITREP_OK);
            CHECK(model_parse(model, doc, s) == SITREP_OK);
        }
        CHECK(geo_run(gz, doc) == SITREP_OK);
        for (size_t i = 0; i < ng; i++) {
            if (strcmp(g[i].id, id) != 0) continue;
            int is_sub = strcmp(g[i].kind, "country") != 0;
            sub += is_sub;
            const sitrep_place *hit = NULL;
            for (size_t k = 0; k < doc->places.n && !hit; k++) {
                const sitrep_place *p = &doc->places.v[k];
                size_t s = sitrep_doc_cp(doc, p->start), e = sitrep_doc_cp(doc, p->end);
                if (s < g[i].end && g[i].start < e) hit = p;
            }
            if (!hit) {
                if (getenv("GEO_GOLD_VERBOSE"))
                    printf("  miss %s %zu %s\n", g[i].id, g[i].start, g[i].country);
                continue;
            }
            found++;
            int ok = hit->country && strcmp(hit->country, g[i].country) == 0;
            country_ok += ok;
            if (is_sub) {
                sub_found++;
                double d = isnan(hit->lat) ? 1e9 : km(hit->lat, hit->lon, g[i].lat, g[i].lon);
                near += d <= 50.0;
                if (getenv("GEO_GOLD_VERBOSE") && d > 50.0)
                    printf("  far %s %zu %s %.0f km (%s)\n", g[i].id, g[i].start, hit->name, d, hit->country);
            }
            if (!ok && getenv("GEO_GOLD_VERBOSE"))
                printf("  wrong %s %zu %s -> %s (%s)\n", g[i].id, g[i].start, g[i].country,
                       hit->country ? hit->country : "-", hit->name);
        }
        json_decref(o);
    }
    free(line);
    fclose(jf);
    printf("  geo gold (%s): %zu mentions, found %zu (%.1f%%), country %.1f%% of all, %.1f%% of found; "
           "within 50 km %.1f%% of %zu sub-country mentions (%.1f%% of found)\n",
           model ? "tagged and parsed" : "untagged", ng, found, 100.0 * found / ng, 100.0 * country_ok / ng,
           found ? 100.0 * country_ok / found : 0.0, sub ? 100.0 * near / sub : 0.0, sub,
           sub_found ? 100.0 * near / sub_found : 0.0);
    /* floors (see the header) */
    CHECK(found * 100 >= ng * 85);
    CHECK(country_ok * 100 >= found * 97);
    CHECK(near * 100 >= sub_found * 85);
    sitrep_doc_free(doc);
    free(g);
    geo_free(gz);
    model_free(model);
}

int main(void)
{
    RUN(gold_wikinews);
    return TEST_EXIT();
}
