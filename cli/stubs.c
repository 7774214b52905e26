/* stubs.c — subcommands whose stages are not built yet. Each is a weak symbol:
 * the real cmd_<name>.c, once it exists, replaces it at link time. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int not_yet(const char *name, int argc, char **argv, const char *issue)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: sitrep %s ...\n\nNot available yet in this build: %s.\n", name, issue);
        return 0;
    }
    cli_error("%s: not available yet in this build (%s)", name, issue);
    return 2;
}

__attribute__((weak)) int cmd_validate(int argc, char **argv)
{ return not_yet("validate", argc, argv, "needs the event coder"); }
__attribute__((weak)) int cmd_train(int argc, char **argv)
{ return not_yet("train", argc, argv, "needs the statistical models"); }
__attribute__((weak)) int cmd_eval(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segment") == 0) return cmd_eval_segment(argc - 1, argv + 1);
    return not_yet("eval", argc, argv, "needs the statistical models");
}
__attribute__((weak)) int cmd_eval_segment(int argc, char **argv)
{ return not_yet("eval segment", argc, argv, "needs the segmenter"); }
