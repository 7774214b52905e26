/* cmd_validate.c — `sitrep validate RECORDS.xml`: codes each record's raw <Text>
 * and compares the events with its gold <EventCoding>s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "opt.h"
#include "records.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep validate RECORDS.xml [--verbs F] [--actors F] [--agents F]\n"
    "                       [--discards F] [--builtin] [--model F] [--quiet]\n"
    "\n"
    "Runs a PETRARCH/TABARI validation record file from each record's raw <Text>\n"
    "(never its <Parse>): a record passes when the set of coded events (source,\n"
    "target, code; no target = \"---\") equals its <EventCoding>s exactly\n"
    "(noevents = none). Dictionaries: the <Environment> files, looked up next to the\n"
    "record file and in ../dictionaries, unless dictionary options are given.\n"
    "Prints each record, totals by category, and a last line `N passed, M failed`.\n"
    "\n"
    "options:\n"
    "  --verbs/--actors/--agents/--discards F   dictionaries (repeatable)\n"
    "  --builtin     also load sitrep's built-in dictionaries\n"
    "  --model F     tagger/parser model\n"
    "  --quiet       print failing records only\n"
    "  -h, --help    this help\n";

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* Resolves environment names against the record file's directory. */
static const char **resolve(const char **names, const char *dir, char **store, int *nstore)
{
    size_t n = 0;
    while (names && names[n]) n++;
    const char **out = calloc(n + 1, sizeof *out);
    if (!out) return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        static const char *const sub[] = {"", "../dictionaries/", "dictionaries/"};
        char path[4096];
        size_t k;
        for (k = 0; k < 3; k++) {
            snprintf(path, sizeof path, "%s/%s%s", dir, sub[k], names[i]);
            if (exists(path)) {
                store[*nstore] = strdup(path);
                out[m++] = store[(*nstore)++];
                break;
            }
        }
        if (k == 3)
            cli_error("%s: <Environment> dictionary not found next to the record file "
                      "or in ../dictionaries; skipped (give it with a dictionary option)", names[i]);
    }
    return out;
}

typedef struct triple { const char *s, *t, *c; } triple;

static int same(const triple *a, const triple *b)
{
    return !strcmp(a->s, b->s) && !strcmp(a->t, b->t) && !strcmp(a->c, b->c);
}

/* Adds t when absent; returns the new count. */
static size_t add_unique(triple *set, size_t n, size_t cap, triple t)
{
    for (size_t i = 0; i < n; i++)
        if (same(&set[i], &t)) return n;
    if (n < cap) set[n++] = t;
    return n;
}

static void print_set(const triple *set, size_t n)
{
    if (n == 0) { printf("(none)"); return; }
    for (size_t i = 0; i < n; i++) printf("%s%s %s %s", i ? "; " : "", set[i].s, set[i].t, set[i].c);
}

typedef struct cat { const char *name; int pass, fail; } cat;

int cmd_validate(int argc, char **argv)
{
    const char *path = NULL;
    int quiet = 0, builtin = 0, rc = 2;
    const char **lists[4] = {0};
    int nlist[4] = {0};
    static const char *const names[4] = {"--verbs", "--actors", "--agents", "--discards"};
    sitrep_options opt = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int r = 0, k;
        if (opt_flag(a, "--help", "-h")) { fputs(usage, stdout); return 0; }
        for (k = 0; k < 4; k++)
            if ((r = opt_value(argc, argv, &i, names[k], &v))) break;
        if (r < 0) goto out;
        if (r > 0) {
            const char **l = realloc(lists[k], (size_t)(nlist[k] + 2) * sizeof *l);
            if (!l) goto out;
            l[nlist[k]++] = v;
            l[nlist[k]] = NULL;
            lists[k] = l;
        } else if ((r = opt_value(argc, argv, &i, "--model", &v))) {
            if (r < 0) goto out;
            opt.model = v;
        } else if (opt_flag(a, "--quiet", "-q")) {
            quiet = 1;
        } else if (opt_flag(a, "--builtin", NULL)) {
            builtin = 1;
        } else if (a[0] == '-' && a[1]) {
            cli_error("validate: unknown option \"%s\" (try sitrep validate --help)", a);
            goto out;
        } else if (!path) {
            path = a;
        } else {
            cli_error("validate: one record file at a time");
            goto out;
        }
    }
    if (!path) { cli_error("validate: no record file given (try sitrep validate --help)"); goto out; }
    sitrep_error err;
    sitrep_error_clear(&err);
    rec_file *rf = rec_load(path, &err);
    if (!rf) {
        cli_report(&err);
        rc = 1;
        goto out;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0'; else strcpy(dir, ".");
    char *store[256];
    int nstore = 0;
    const char **resolved[4] = {0};
    int user = nlist[0] || nlist[1] || nlist[2] || nlist[3];
    const char **env[4] = {rf->verbs, rf->actors, rf->agents, rf->discards};
    for (int k = 0; k < 4; k++) {
        if (user) continue;
        size_t n = 0;
        while (env[k] && env[k][n]) n++;
        if (nstore + (int)n > 250) break;
        resolved[k] = resolve(env[k], dir, store, &nstore);
    }
    opt.verbs = user ? lists[0] : resolved[0];
    opt.actors = user ? lists[1] : resolved[1];
    opt.agents = user ? lists[2] : resolved[2];
    opt.discards = user ? lists[3] : resolved[3];
    opt.no_builtin = !builtin;
    opt.warn = cli_load_warning;
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    if (!pl) {
        cli_report(&err);
        rc = 1;
        goto done;
    }
    sitrep_doc *doc = sitrep_doc_new();
    cat cats[64];
    size_t ncats = 0;
    int pass = 0, fail = 0;
    for (size_t i = 0; i < rf->n && doc; i++) {
        const rec_record *r = &rf->recs[i];
        sitrep_doc_reset(doc);
        sitrep_doc_set(doc, SITREP_FIELD_ID, r->id, strlen(r->id));
        if (r->date[0]) sitrep_doc_set(doc, SITREP_FIELD_DATE, r->date, 10);
        sitrep_doc_set_text(doc, r->text, strlen(r->text));
        sitrep_pipeline_run(pl, doc);
        triple gold[64], got[64];
        size_t ng = 0, ne = 0;
        for (size_t k = 0; k < r->ncodings; k++)
            ng = add_unique(gold, ng, 64, (triple){r->codings[k].source, r->codings[k].target, r->codings[k].code});
        size_t nev = sitrep_doc_nevents(doc);
        for (size_t k = 0; k < nev; k++) {
            const sitrep_event *e = sitrep_doc_event(doc, k);
            if (e->negated) continue;
            triple t = {e->source.present && e->source.code[0] ? e->source.code : "---",
                        e->target.present && e->target.code[0] ? e->target.code : "---",
                        e->code ? e->code : "---"};
            ne = add_unique(got, ne, 64, t);
        }
        int ok = ng == ne;
        for (size_t k = 0; k < ng && ok; k++) {
            int in = 0;
            for (size_t m = 0; m < ne; m++) in |= same(&gold[k], &got[m]);
            ok = in;
        }
        ok ? pass++ : fail++;
        const char *cn = r->category ? r->category : "(none)";
        size_t c;
        for (c = 0; c < ncats && strcmp(cats[c].name, cn); c++) {}
        if (c == ncats && ncats < 64) cats[ncats++] = (cat){cn, 0, 0};
        if (c < ncats) ok ? cats[c].pass++ : cats[c].fail++;
        if (!quiet || !ok) {
            printf("%s %s [%s] gold: ", ok ? "PASS" : "FAIL", r->id, cn);
            print_set(gold, ng);
            printf(" | got: ");
            print_set(got, ne);
            printf("\n");
        }
    }
    printf("\nby category:\n");
    for (size_t c = 0; c < ncats; c++)
        printf("  %-12s %3d passed, %3d failed (%.1f%%)\n", cats[c].name, cats[c].pass, cats[c].fail,
               100.0 * cats[c].pass / (cats[c].pass + cats[c].fail));
    printf("\ntotal: %.1f%% of %d records exactly right\n", pass + fail ? 100.0 * pass / (pass + fail) : 0.0, pass + fail);
    printf("%d passed, %d failed\n", pass, fail);
    sitrep_doc_free(doc);
    sitrep_pipeline_free(pl);
    rc = 0;
done:
    for (int k = 0; k < 4; k++) free(resolved[k]);
    for (int k = 0; k < nstore; k++) free(store[k]);
    rec_free(rf);
out:
    for (int k = 0; k < 4; k++) free(lists[k]);
    return rc;
}
