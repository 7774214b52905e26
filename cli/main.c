/* main.c — the sitrep front end: dispatches to a subcommand. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sitrep.h"

static const char usage[] =
    "usage: sitrep COMMAND [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Turns news text into structured political event data.\n"
    "\n"
    "commands:\n"
    "  code       code articles into events, actors, quotes, places and tone (JSONL or TSV)\n"
    "  parse      tokenize, tag and parse text (or CoNLL-U) into CoNLL-U\n"
    "  validate   run a PETRARCH/TABARI validation record file\n"
    "  train      train the tagger and parser from CoNLL-U\n"
    "  eval       score the models (or, with `eval segment`, the segmenter) on CoNLL-U\n"
    "\n"
    "`sitrep COMMAND --help` describes a command; `sitrep --version` prints the version.\n"
    "Exit status: 0 success, 1 bad input, 2 bad usage.\n";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sitrep: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_report(const sitrep_error *err)
{
    char msg[1024];
    sitrep_error_format(err, msg, sizeof msg);
    cli_error("%s", msg);
}

void cli_load_warning(void *ctx, const sitrep_error *w)
{
    (void)ctx;
    cli_report(w);
}

static const struct { const char *name; int (*fn)(int, char **); } commands[] = {
    {"code", cmd_code}, {"parse", cmd_parse}, {"validate", cmd_validate},
    {"train", cmd_train}, {"eval", cmd_eval},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("sitrep %s\n", SITREP_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
    cli_error("unknown command \"%s\" (try sitrep --help)", argv[1]);
    return 2;
}
