/* opt.c — option matching shared by the subcommands. */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

int opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') { *val = a + n + 1; return 1; }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) {
        cli_error("option %s needs a value", name);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int opt_flag(const char *arg, const char *name, const char *alias)
{
    return strcmp(arg, name) == 0 || (alias && strcmp(arg, alias) == 0);
}

int opt_number(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi) {
        cli_error("%s: expected a number from %ld to %ld, got '%s'", opt, lo, hi, v);
        return -1;
    }
    *out = x;
    return 0;
}
