/* opt.h — tiny option matching for subcommands: "--name VALUE" or "--name=VALUE". */
#ifndef SITREP_CLI_OPT_H
#define SITREP_CLI_OPT_H

/* If argv[*i] is option `name` taking a value: sets *val, advances *i past the
 * value and returns 1; returns -1 (after printing an error) when the value is
 * missing; 0 when argv[*i] is another option. */
int opt_value(int argc, char **argv, int *i, const char *name, const char **val);
/* 1 when argv[i] is the flag `name` (or its short alias, may be NULL). */
int opt_flag(const char *arg, const char *name, const char *alias);
/* *out = v as a number from lo to hi; -1 (after printing an error naming opt)
 * when it is not one. */
int opt_number(const char *opt, const char *v, long lo, long hi, long *out);
#endif
