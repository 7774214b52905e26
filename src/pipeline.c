/* pipeline.c — loads shared resources and runs the stages over one document.
 *
 * The pipeline object is read-only after sitrep_pipeline_new, so any number of
 * worker threads may run documents through it at once. Stage order:
 *   segment -> tag+parse (per sentence) -> actors -> tone -> ...
 */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actor.h"
#include "dict.h"
#include "doc.h"
#include "err.h"
#include "event.h"
#include "gate.h"
#include "geo.h"
#include "model.h"
#include "paths.h"
#include "quote.h"
#include "seg.h"
#include "tone.h"

struct sitrep_pipeline {
    char date[11];              /* fallback article date, YYYY-MM-DD */
    int explain, parse_only, detail, builtin_semantics;
    int ungated;                /* parse every sentence (pipeline_set_ungated) */
    sr_model *model;
    dict_set *dict;
    tone_lex *tone;
    quote_lex *quotes;
    geo_gazetteer *geo;
};

/* YYYY-MM-DD with a real calendar date. */
static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return 1;
}

typedef struct warn_ctx { const sitrep_options *opt; } warn_ctx;

static void dict_warn(void *ctx, const sitrep_error *w)
{
    const sitrep_options *opt = ((warn_ctx *)ctx)->opt;
    if (opt->warn) opt->warn(opt->warn_ctx, w);
}

/* Loads one dictionary file of kind k; a missing built-in is an installation error. */
static int load_dict(sitrep_pipeline *pl, const sitrep_options *opt, dict_kind k,
                     const char *path, sitrep_error *err)
{
    warn_ctx wc = {opt};
    return dict_load(pl->dict, k, path, opt->strict, err, dict_warn, &wc) == SITREP_OK;
}

static int load_builtin(sitrep_pipeline *pl, const sitrep_options *opt, dict_kind k,
                        const char *rel, int required, sitrep_error *err)
{
    char path[4096];
    if (!paths_find(rel, "SITREP_DICT", path, sizeof path)) {
        if (!required) return 1;
        err_set(err, SITREP_ERR_MODEL, rel, 0, SIZE_MAX,
                "built-in dictionary not found (set SITREP_DICT to its directory)");
        return 0;
    }
    return load_dict(pl, opt, k, path, err);
}

static int load_user(sitrep_pipeline *pl, const sitrep_options *opt, dict_kind k,
                     const char **files, sitrep_error *err)
{
    for (size_t i = 0; files && files[i]; i++)
        if (!load_dict(pl, opt, k, files[i], err)) return 0;
    return 1;
}

/* Actors: the user's files first (the first dated match wins), then ours;
 * agents: ours first, then the user's (the last definition wins). */
static int load_dictionaries(sitrep_pipeline *pl, const sitrep_options *opt, sitrep_error *err)
{
    if (!(pl->dict = dict_set_new())) {
        err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory");
        return 0;
    }
    int b = !opt->no_builtin;
    if (!load_user(pl, opt, DICT_ACTORS, opt->actors, err)) return 0;
    if (b && !(load_builtin(pl, opt, DICT_ACTORS, "data/dict/countries.actors.txt", 1, err) &&
               load_builtin(pl, opt, DICT_ACTORS, "data/iso-countries.actors.txt", 0, err) &&
               load_builtin(pl, opt, DICT_ACTORS, "build/data/iso-countries.actors.txt", 0, err) &&
               load_builtin(pl, opt, DICT_ACTORS, "data/dict/igos.actors.txt", 1, err) &&
               load_builtin(pl, opt, DICT_ACTORS, "data/dict/people-g20-europe.actors.txt", 1, err) &&
               load_builtin(pl, opt, DICT_ACTORS, "data/dict/people-world.actors.txt", 1, err) &&
               load_builtin(pl, opt, DICT_AGENTS, "data/dict/agents.txt", 1, err)))
        return 0;
    if (!load_user(pl, opt, DICT_AGENTS, opt->agents, err)) return 0;
    if (b && !load_builtin(pl, opt, DICT_VERBS, "data/dict/verbs.txt", 0, err)) return 0;
    if (!load_user(pl, opt, DICT_VERBS, opt->verbs, err)) return 0;
    if (!load_user(pl, opt, DICT_DISCARDS, opt->discards, err)) return 0;
    return 1;
}

/* The gazetteer is built at build time from npm data; without it everything but
 * locations still runs. */
static int load_gazetteer(sitrep_pipeline *pl, const sitrep_options *opt, sitrep_error *err)
{
    char path[4096];
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && *env) snprintf(path, sizeof path, "%s", env);
    else if (!paths_find("data/gazetteer.bin", NULL, path, sizeof path) &&
             !paths_find("build/data/gazetteer.bin", NULL, path, sizeof path)) {
        if (opt->warn) {
            sitrep_error w;
            err_set(&w, SITREP_ERR_MODEL, "data/gazetteer.bin", 0, SIZE_MAX,
                    "gazetteer not found (run `make`); coding without locations");
            opt->warn(opt->warn_ctx, &w);
        }
        return 1;
    }
    return (pl->geo = geo_load(path, err)) != NULL;
}

static int load_model(sitrep_pipeline *pl, const sitrep_options *opt, sitrep_error *err)
{
    char path[4096];
    const char *p = opt->model;
    if (!p) {
        if (!paths_find("models/sitrep-en.model", "SITREP_MODEL_DIR", path, sizeof path)) {
            /* not fatal: everything but the tag- and parse-driven stages still runs */
            if (opt->warn) {
                sitrep_error w;
                err_set(&w, SITREP_ERR_MODEL, "models/sitrep-en.model", 0, SIZE_MAX,
                        "tagger/parser model not found (give --model FILE); "
                        "coding without tags and parses");
                opt->warn(opt->warn_ctx, &w);
            }
            return 1;
        }
        p = path;
    }
    return (pl->model = model_load(p, err)) != NULL;
}

sitrep_pipeline *sitrep_pipeline_new(const sitrep_options *opt, sitrep_error *err)
{
    sitrep_options none = {0};
    if (!opt) opt = &none;
    sitrep_pipeline *pl = calloc(1, sizeof *pl);
    if (!pl) { err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory"); return NULL; }
    if (opt->date) {
        if (!valid_date(opt->date)) {
            err_set(err, SITREP_ERR_USAGE, NULL, 0, SIZE_MAX,
                    "--date: \"%s\" is not a date of the form YYYY-MM-DD", opt->date);
            free(pl);
            return NULL;
        }
        memcpy(pl->date, opt->date, 11);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(pl->date, sizeof pl->date, "%Y-%m-%d", &tm);
    }
    pl->explain = opt->explain;
    pl->builtin_semantics = !opt->no_builtin && !(opt->verbs && opt->verbs[0]);
    pl->parse_only = opt->parse_only;
    pl->detail = opt->detail;
    if (!load_model(pl, opt, err)) goto fail;
    if (!opt->parse_only) {
        if (!load_dictionaries(pl, opt, err)) goto fail;
        if (!(pl->tone = tone_lex_load(NULL, NULL, err))) goto fail;
        if (!(pl->quotes = quote_lex_load(NULL, err))) goto fail;
        if (!load_gazetteer(pl, opt, err)) goto fail;
    }
    return pl;
fail:
    sitrep_pipeline_free(pl);
    return NULL;
}

void sitrep_pipeline_free(sitrep_pipeline *pl)
{
    if (!pl) return;
    model_free(pl->model);
    dict_set_free(pl->dict);
    tone_lex_free(pl->tone);
    quote_lex_free(pl->quotes);
    geo_free(pl->geo);
    free(pl);
}

int pipeline_has_model(const sitrep_pipeline *pl) { return pl->model != NULL; }

void pipeline_set_ungated(sitrep_pipeline *pl, int on) { pl->ungated = on; }

static int32_t date_int(const char *s)
{
    return (int32_t)(atoi(s) * 10000 + atoi(s + 5) * 100 + atoi(s + 8));
}

sitrep_status pipeline_run_from(const sitrep_pipeline *pl, sitrep_doc *doc, pipeline_stage from)
{
    if (!pl || !doc) return SITREP_ERR_USAGE;
    if (doc->failed) return SITREP_OK;
    const char *date = doc->field[SITREP_FIELD_DATE];
    if (!date) sitrep_doc_set(doc, SITREP_FIELD_DATE, pl->date, 10);
    else if (!valid_date(date)) {
        sitrep_doc_warn(doc, "date \"%s\" is not YYYY-MM-DD; using %s", date, pl->date);
        sitrep_doc_set(doc, SITREP_FIELD_DATE, pl->date, 10);
    }
    sitrep_status st = SITREP_OK;
    if (from == PIPELINE_SEGMENT && doc->sentences.n == 0)
        if ((st = seg_run(doc)) != SITREP_OK) return st;
    /* Every sentence is tagged (tone, places and quotes read tags and lemmas);
     * only sentences that could yield an event are parsed (all of them for
     * `sitrep parse`), which is where the time goes. */
    if (pl->model) {
        gate_ctx gate;
        gate_ctx_init(&gate);
        for (size_t s = 0; s < doc->sentences.n; s++) {
            if ((st = model_tag(pl->model, doc, s)) != SITREP_OK) break;
            if (pl->parse_only || pl->ungated || gate_sentence(pl->dict, doc, s, &gate))
                if ((st = model_parse(pl->model, doc, s)) != SITREP_OK) break;
        }
        gate_ctx_free(&gate);
        if (st != SITREP_OK) return st;
    }
    if (pl->parse_only) return SITREP_OK;
    int32_t day = date_int(doc->field[SITREP_FIELD_DATE]);
    if ((st = actor_run(pl->dict, doc, day)) != SITREP_OK) return st;
    event_opts eo = {pl->explain, pl->builtin_semantics};
    if ((st = event_run(pl->dict, &eo, doc)) != SITREP_OK) return st;
    /* quotes before tone: a quoted speaker's words are not the article's */
    if ((st = quote_run(pl->quotes, doc)) != SITREP_OK) return st;
    /* places after events: they set the events' locations */
    if (pl->geo && (st = geo_run(pl->geo, doc)) != SITREP_OK) return st;
    if ((st = tone_run(pl->tone, doc)) != SITREP_OK) return st;
    doc->tone.loaded_density = tone_loaded_density(doc);
    if (pl->detail) {
        if (vec_reserve(doc->sent_tone, doc->sentences.n) || vec_reserve(doc->quote_tone, doc->quotes.n))
            return SITREP_ERR_NOMEM;
        for (size_t i = 0; i < doc->sentences.n; i++)
            tone_span(pl->tone, doc, doc->sentences.v[i].start, doc->sentences.v[i].end, &doc->sent_tone.v[i]);
        doc->sent_tone.n = doc->sentences.n;
        for (size_t i = 0; i < doc->quotes.n; i++)
            tone_span(pl->tone, doc, doc->quotes.v[i].start, doc->quotes.v[i].end, &doc->quote_tone.v[i]);
        doc->quote_tone.n = doc->quotes.n;
    }
    return SITREP_OK;
}

sitrep_status sitrep_pipeline_run(const sitrep_pipeline *pl, sitrep_doc *doc)
{
    return pipeline_run_from(pl, doc, PIPELINE_SEGMENT);
}
