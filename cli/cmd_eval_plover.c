/* cmd_eval_plover.c — `sitrep eval plover RECORDS.json`: codes the sentences of
 * PLOVER gold-standard records with the built-in dictionaries and scores PLOVER
 * type, source and target country. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opt.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep eval plover RECORDS.json [--model F] [--verbose]\n"
    "\n"
    "Scores event coding against PLOVER gold-standard records (a JSON array of\n"
    "records with text, date, event, source[] and target[] codes). Each record's\n"
    "sentence is coded with the built-in dictionaries at the record's date.\n"
    "  type recall   records whose PLOVER type is among the sentence's events\n"
    "  full recall   ... by an event whose source and target countries also match\n"
    "                (ISO alpha-3 or IGO prefix; a gold record without a target\n"
    "                matches any target)\n"
    "  precision     events whose type is a gold type of their sentence\n"
    "PLOVER 0.5 names in the gold are read as today's: DEMAND = REQUEST,\n"
    "DISAPPROVE = ACCUSE, INVESTIGATE = ACCUSE, FIGHT = ASSAULT.\n";

static const char *modern(const char *t)
{
    if (!strcmp(t, "DEMAND")) return "REQUEST";
    if (!strcmp(t, "DISAPPROVE") || !strcmp(t, "INVESTIGATE")) return "ACCUSE";
    if (!strcmp(t, "FIGHT")) return "ASSAULT";
    return t;
}

/* 1 when a gold actor list (array of {code}) holds the country of `code`. */
static int has_country(json_t *list, const char *code)
{
    if (!json_is_array(list) || json_array_size(list) == 0) return 1;
    if (!code || strlen(code) < 3) return 0;
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a) {
        const char *g = json_string_value(json_object_get(a, "code"));
        if (g && !strncmp(g, code, 3)) return 1;
    }
    return 0;
}

int cmd_eval_plover(int argc, char **argv)
{
    const char *path = NULL;
    int verbose = 0;
    sitrep_options opt = {0};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (opt_flag(argv[i], "--help", "-h")) { fputs(usage, stdout); return 0; }
        if ((r = opt_value(argc, argv, &i, "--model", &v))) {
            if (r < 0) return 2;
            opt.model = v;
        } else if (opt_flag(argv[i], "--verbose", "-v")) {
            verbose = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("eval plover: unknown option \"%s\"", argv[i]);
            return 2;
        } else path = argv[i];
    }
    if (!path) { cli_error("eval plover: no record file given (try --help)"); return 2; }
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root || !json_is_array(root)) {
        cli_error("%s:%d: %s", path, je.line, root ? "expected a JSON array of records" : je.text);
        json_decref(root);
        return 1;
    }
    opt.warn = cli_load_warning;
    sitrep_error err;
    sitrep_error_clear(&err);
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    if (!pl) {
        cli_report(&err);
        json_decref(root);
        return 1;
    }
    sitrep_doc *doc = sitrep_doc_new();
    size_t n = 0, type_hit = 0, full_hit = 0, nev = 0, ev_ok = 0;
    size_t i;
    json_t *rec;
    json_array_foreach(root, i, rec) {
        const char *text = json_string_value(json_object_get(rec, "text"));
        const char *type = json_string_value(json_object_get(rec, "event"));
        const char *date = json_string_value(json_object_get(rec, "date"));
        if (!text || !type || !strcmp(type, "DOCUMENT")) continue;
        type = modern(type);
        n++;
        sitrep_doc_reset(doc);
        sitrep_doc_set_text(doc, text, strlen(text));
        if (date) sitrep_doc_set(doc, SITREP_FIELD_DATE, date, strlen(date));
        sitrep_pipeline_run(pl, doc);
        int th = 0, fh = 0;
        for (size_t k = 0; k < sitrep_doc_nevents(doc); k++) {
            const sitrep_event *e = sitrep_doc_event(doc, k);
            if (!e->plover || strcmp(e->plover, type)) continue;
            th = 1;
            if (e->source.present && has_country(json_object_get(rec, "source"), e->source.code) &&
                (!json_is_array(json_object_get(rec, "target")) ||
                 (e->target.present && has_country(json_object_get(rec, "target"), e->target.code))))
                fh = 1;
        }
        type_hit += th;
        full_hit += fh;
        if (verbose) {
            printf("%s %s %s:", th ? (fh ? "FULL" : "TYPE") : "MISS",
                   json_string_value(json_object_get(rec, "id")), type);
            for (size_t k = 0; k < sitrep_doc_nevents(doc); k++) {
                const sitrep_event *e = sitrep_doc_event(doc, k);
                printf(" [%s %s %s %s]", e->source.present ? e->source.code : "-",
                       e->target.present ? e->target.code : "-", e->code, e->plover ? e->plover : "-");
            }
            printf("\n");
        }
    }
    /* precision over distinct sentences: an event is right when its type is the
     * type of some record of the same sentence */
    json_array_foreach(root, i, rec) {
        const char *text = json_string_value(json_object_get(rec, "text"));
        const char *type = json_string_value(json_object_get(rec, "event"));
        if (!text || !type || !strcmp(type, "DOCUMENT")) continue;
        int first = 1;
        for (size_t j = 0; j < i && first; j++) {
            const char *t2 = json_string_value(json_object_get(json_array_get(root, j), "text"));
            if (t2 && !strcmp(t2, text)) first = 0;
        }
        if (!first) continue;
        const char *date = json_string_value(json_object_get(rec, "date"));
        sitrep_doc_reset(doc);
        sitrep_doc_set_text(doc, text, strlen(text));
        if (date) sitrep_doc_set(doc, SITREP_FIELD_DATE, date, strlen(date));
        sitrep_pipeline_run(pl, doc);
        for (size_t k = 0; k < sitrep_doc_nevents(doc); k++) {
            const sitrep_event *e = sitrep_doc_event(doc, k);
            if (e->negated) continue;
            nev++;
            size_t j;
            json_t *r2;
            json_array_foreach(root, j, r2) {
                const char *t2 = json_string_value(json_object_get(r2, "text"));
                const char *ty2 = json_string_value(json_object_get(r2, "event"));
                if (t2 && ty2 && e->plover && !strcmp(t2, text) && !strcmp(modern(ty2), e->plover)) {
                    ev_ok++;
                    break;
                }
            }
        }
    }
    printf("records: %zu\n", n);
    printf("type recall: %.1f%% (%zu)\n", n ? 100.0 * type_hit / n : 0.0, type_hit);
    printf("full recall: %.1f%% (%zu)\n", n ? 100.0 * full_hit / n : 0.0, full_hit);
    printf("precision:   %.1f%% (%zu of %zu events)\n", nev ? 100.0 * ev_ok / nev : 0.0, ev_ok, nev);
    sitrep_doc_free(doc);
    sitrep_pipeline_free(pl);
    json_decref(root);
    return 0;
}
