/* cli.h — the sitrep front end's subcommands. Each takes argv after the command
 * name (argv[0] is the command name) and returns the process exit status:
 * 0 success, 1 bad input, 2 bad usage. Only the front end prints or exits. */
#ifndef SITREP_CLI_H
#define SITREP_CLI_H

#include "sitrep.h"

int cmd_code(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
/* `sitrep eval segment GOLD.conllu`: tokenization/segmentation scores. */
int cmd_eval_segment(int argc, char **argv);
/* `sitrep eval plover RECORDS.json`: PLOVER type and actor scores. */
int cmd_eval_plover(int argc, char **argv);

/* Prints an error value as one line "sitrep: FILE:LINE: reason". */
void cli_report(const sitrep_error *err);
/* A sitrep_options.warn callback: non-fatal load problems (a skipped dictionary
 * entry...) printed like errors, not counted as bad input. */
void cli_load_warning(void *ctx, const sitrep_error *w);

/* Prints "sitrep: " + printf message + "\n" to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
#endif
