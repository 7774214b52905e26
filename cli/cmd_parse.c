/* cmd_parse.c — `sitrep parse`: text or CoNLL-U in, CoNLL-U out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conllu.h"
#include "opt.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep parse [--input text|conllu] [--model FILE] [-j N] [FILE|-]...\n"
    "\n"
    "Segments, tags, lemmatizes and parses, writing CoNLL-U (10 columns, `# sent_id`\n"
    "and `# text` comments, SpaceAfter=No). With --input conllu the given tokens and\n"
    "sentence breaks (column 2 and the blank lines) are kept and every other column\n"
    "is predicted. Columns a missing model cannot predict are `_`.\n"
    "\n"
    "options:\n"
    "  --input KIND   text (default; one article per file, `-` = standard input) or conllu\n"
    "  --model FILE   tagger/parser model (default: models/sitrep-en.model)\n"
    "  -j, --jobs N   worker threads (default: number of cores)\n"
    "  -h, --help     this help\n";

typedef struct parse_ctx {
    char **paths;
    int npaths, cur, conllu;
    sitrep_reader *rd;
    conllu_reader *cr;
    int nerrors, io_failed;
    sitrep_buf out;
} parse_ctx;

static void report(parse_ctx *c, const sitrep_error *err)
{
    cli_report(err);
    c->nerrors++;
}

static int next_doc(void *ctx, sitrep_doc *doc)
{
    parse_ctx *c = ctx;
    for (;;) {
        sitrep_error err;
        sitrep_error_clear(&err);
        if (!c->rd && !c->cr) {
            if (c->cur >= c->npaths) return 0;
            const char *p = c->paths[c->cur++];
            if (c->conllu) c->cr = conllu_open(p, 1000, &err);
            else c->rd = sitrep_reader_open(p, SITREP_INPUT_TEXT, &err);
            if (!c->rd && !c->cr) { report(c, &err); continue; }
        }
        int r = c->cr ? conllu_next(c->cr, doc, &err) : sitrep_reader_next(c->rd, doc, &err);
        if (r == 0) {
            if (c->cr) conllu_close(c->cr);
            if (c->rd) sitrep_reader_close(c->rd);
            c->cr = NULL;
            c->rd = NULL;
            continue;
        }
        if (err.status != SITREP_OK) report(c, &err);
        return r < 0 ? -1 : 1;
    }
}

static void emit_doc(void *ctx, const sitrep_doc *doc)
{
    parse_ctx *c = ctx;
    c->out.len = 0;
    if (conllu_write(doc, &c->out) != SITREP_OK) {
        cli_error("out of memory writing CoNLL-U");
        c->nerrors++;
        return;
    }
    if (c->out.len && fwrite(c->out.data, 1, c->out.len, stdout) != c->out.len) c->io_failed = 1;
}

int cmd_parse(int argc, char **argv)
{
    parse_ctx c = {0};
    sitrep_options opt = {0};
    opt.parse_only = 1;
    int jobs = 0, rc = 2;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths) { cli_error("out of memory"); return 1; }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int r;
        if (opt_flag(a, "--help", "-h")) { fputs(usage, stdout); rc = 0; goto done; }
        if ((r = opt_value(argc, argv, &i, "--input", &v))) {
            if (r < 0) goto done;
            if (strcmp(v, "conllu") == 0) c.conllu = 1;
            else if (strcmp(v, "text") == 0) c.conllu = 0;
            else { cli_error("--input: \"%s\" is not text or conllu", v); goto done; }
        } else if ((r = opt_value(argc, argv, &i, "--model", &v))) {
            if (r < 0) goto done;
            opt.model = v;
        } else if ((r = opt_value(argc, argv, &i, "--jobs", &v)) ||
                   (r = opt_value(argc, argv, &i, "-j", &v))) {
            if (r < 0) goto done;
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 256) { cli_error("-j: \"%s\" is not a number from 1 to 256", v); goto done; }
            jobs = (int)n;
        } else if (a[0] == '-' && a[1] != '\0') {
            cli_error("parse: unknown option \"%s\" (try sitrep parse --help)", a);
            goto done;
        } else {
            paths[c.npaths++] = argv[i];
        }
    }
    static char *stdin_path[] = {"-", NULL};
    c.paths = c.npaths ? paths : stdin_path;
    if (!c.npaths) c.npaths = 1;
    opt.warn = cli_load_warning;
    sitrep_error err;
    sitrep_error_clear(&err);
    sitrep_pipeline *pl = sitrep_pipeline_new(&opt, &err);
    if (!pl) {
        cli_report(&err);
        rc = err.status == SITREP_ERR_USAGE ? 2 : 1;
        goto done;
    }
    sitrep_status st = sitrep_run(pl, jobs, next_doc, emit_doc, &c);
    if (c.rd) sitrep_reader_close(c.rd);
    if (c.cr) conllu_close(c.cr);
    sitrep_pipeline_free(pl);
    if (fflush(stdout) != 0 || c.io_failed) { cli_error("cannot write the output"); c.nerrors++; }
    if (st != SITREP_OK) { cli_error("%s", sitrep_status_str(st)); c.nerrors++; }
    rc = c.nerrors ? 1 : 0;
done:
    sitrep_buf_free(&c.out);
    free(paths);
    return rc;
}
