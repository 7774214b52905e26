/* cmd_code.c — `sitrep code`: articles in, records out (the main job). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opt.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep code [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Codes articles into events, actors, quotes, places and tone. Input files may be\n"
    "JSONL (one article per line: text, optional id, date, title, url, source), plain\n"
    "text or HTML (one article per file, id = file name), gzip- or zstd-compressed;\n"
    "directories are read recursively in sorted order; `-` (the default) is standard\n"
    "input. Output: one JSON object per article, in input order, on standard output.\n"
    "\n"
    "options:\n"
    "  --input KIND      jsonl, text or html (default: from the file extension)\n"
    "  --format FMT      jsonl (default) or tsv (one row per event)\n"
    "  -j, --jobs N      worker threads (default: number of cores)\n"
    "  --date DATE       YYYY-MM-DD used when an article has no date (default: today)\n"
    "  --explain         add the rule that fired to each event\n"
    "  --detail          add the tone of each sentence (sentence_tones) and quote\n"
    "  --verbs FILE      load a TABARI/PETRARCH verb dictionary (repeatable)\n"
    "  --actors FILE     load an actor dictionary (repeatable)\n"
    "  --agents FILE     load an agent dictionary (repeatable)\n"
    "  --discards FILE   load a discard list (repeatable)\n"
    "  --no-builtin      use only the dictionaries given\n"
    "  --model FILE      tagger/parser model (default: models/sitrep-en.model)\n"
    "  --strict          dictionary errors are fatal\n"
    "  -h, --help        this help\n"
    "\n"
    "Errors in the input are reported as `sitrep: FILE:LINE: reason` and the rest of\n"
    "the input is still processed. Exit status: 0 success, 1 some input was bad,\n"
    "2 bad usage.\n";

typedef struct code_ctx {
    char **paths;
    int npaths, cur;
    sitrep_input kind;
    sitrep_format fmt;
    sitrep_reader *rd;
    int nerrors;
    int io_failed;
    sitrep_buf out;
} code_ctx;

static void report(code_ctx *c, const sitrep_error *err)
{
    cli_report(err);
    c->nerrors++;
}

/* Reads the next article over all paths (called from one thread). */
static int next_article(void *ctx, sitrep_doc *doc)
{
    code_ctx *c = ctx;
    for (;;) {
        if (!c->rd) {
            if (c->cur >= c->npaths) return 0;
            sitrep_error err;
            sitrep_error_clear(&err);
            c->rd = sitrep_reader_open(c->paths[c->cur++], c->kind, &err);
            if (!c->rd) { report(c, &err); continue; }
        }
        sitrep_error err;
        sitrep_error_clear(&err);
        int r = sitrep_reader_next(c->rd, doc, &err);
        if (r == 0) {
            sitrep_reader_close(c->rd);
            c->rd = NULL;
            continue;
        }
        if (err.status != SITREP_OK) report(c, &err);
        if (r < 0) return -1;
        return 1;
    }
}

/* Writes each record in input order (called from one thread). */
static void emit_article(void *ctx, const sitrep_doc *doc)
{
    code_ctx *c = ctx;
    c->out.len = 0;
    if (sitrep_write_doc(doc, c->fmt, &c->out) != SITREP_OK) {
        cli_error("out of memory writing the record of \"%s\"", sitrep_doc_get(doc, SITREP_FIELD_ID));
        c->nerrors++;
        return;
    }
    if (c->out.len && fwrite(c->out.data, 1, c->out.len, stdout) != c->out.len) c->io_failed = 1;
}

/* Appends to a NULL-terminated list of option values. */
static int push(const char ***list, int *n, const char *v)
{
    const char **l = realloc(*list, (size_t)(*n + 2) * sizeof *l);
    if (!l) return -1;
    l[(*n)++] = v;
    l[*n] = NULL;
    *list = l;
    return 0;
}

int cmd_code(int argc, char **argv)
{
    code_ctx c = {0};
    sitrep_options opt = {0};
    int jobs = 0, nverbs = 0, nactors = 0, nagents = 0, ndiscards = 0, rc = 2;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths) { cli_error("out of memory"); return 1; }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int r;
        if (opt_flag(a, "--help", "-h")) { fputs(usage, stdout); rc = 0; goto done; }
        if ((r = opt_value(argc, argv, &i, "--input", &v))) {
            if (r < 0) goto done;
            if (strcmp(v, "jsonl") == 0) c.kind = SITREP_INPUT_JSONL;
            else if (strcmp(v, "text") == 0) c.kind = SITREP_INPUT_TEXT;
            else if (strcmp(v, "html") == 0) c.kind = SITREP_INPUT_HTML;
            else { cli_error("--input: \"%s\" is not jsonl, text or html", v); goto done; }
        } else if ((r = opt_value(argc, argv, &i, "--format", &v))) {
            if (r < 0) goto done;
            if (strcmp(v, "jsonl") == 0) c.fmt = SITREP_FORMAT_JSONL;
            else if (strcmp(v, "tsv") == 0) c.fmt = SITREP_FORMAT_TSV;
            else { cli_error("--format: \"%s\" is not jsonl or tsv", v); goto done; }
        } else if ((r = opt_value(argc, argv, &i, "--jobs", &v)) ||
                   (r = opt_value(argc, argv, &i, "-j", &v))) {
            if (r < 0) goto done;
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 256) { cli_error("-j: \"%s\" is not a number from 1 to 256", v); goto done; }
            jobs = (int)n;
        } else if (strncmp(a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9') {
            char *end;
            long n = strtol(a + 2, &end, 10);
            if (*end || n < 1 || n > 256) { cli_error("-j: \"%s\" is not a number from 1 to 256", a + 2); goto done; }
            jobs = (int)n;
        } else if ((r = opt_value(argc, argv, &i, "--date", &v))) {
            if (r < 0) goto done;
            opt.date = v;
        } else if ((r = opt_value(argc, argv, &i, "--verbs", &v))) {
            if (r < 0 || push(&opt.verbs, &nverbs, v)) goto done;
        } else if ((r = opt_value(argc, argv, &i, "--actors", &v))) {
            if (r < 0 || push(&opt.actors, &nactors, v)) goto done;
        } else if ((r = opt_value(argc, argv, &i, "--agents", &v))) {
            if (r < 0 || push(&opt.agents, &nagents, v)) goto done;
        } else if ((r = opt_value(argc, argv, &i, "--discards", &v))) {
            if (r < 0 || push(&opt.discards, &ndiscards, v)) goto done;
        } else if ((r = opt_value(argc, argv, &i, "--model", &v))) {
            if (r < 0) goto done;
            opt.model = v;
        } else if (opt_flag(a, "--explain", NULL)) {
            opt.explain = 1;
        } else if (opt_flag(a, "--detail", NULL)) {
            opt.detail = 1;
        } else if (opt_flag(a, "--no-builtin", NULL)) {
            opt.no_builtin = 1;
        } else if (opt_flag(a, "--strict", NULL)) {
            opt.strict = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            cli_error("code: unknown option \"%s\" (try sitrep code --help)", a);
            goto done;
        } else {
            paths[c.npaths++] = argv[i];
        }
    }
    static char *stdin_path[] = {"-", NULL};
    c.paths = c.npaths ? (char **)paths : stdin_path;
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
    static char obuf[1 << 20];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    if (c.fmt == SITREP_FORMAT_TSV) fputs(sitrep_tsv_header(), stdout);
    sitrep_status st = sitrep_run(pl, jobs, next_article, emit_article, &c);
    if (c.rd) sitrep_reader_close(c.rd);
    sitrep_pipeline_free(pl);
    if (fflush(stdout) != 0 || c.io_failed) {
        cli_error("cannot write the output");
        c.nerrors++;
    }
    if (st != SITREP_OK) {
        cli_error("%s", sitrep_status_str(st));
        c.nerrors++;
    }
    rc = c.nerrors ? 1 : 0;
done:
    sitrep_buf_free(&c.out);
    free(paths);
    free(opt.verbs);
    free(opt.actors);
    free(opt.agents);
    free(opt.discards);
    return rc;
}
