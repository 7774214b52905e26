/* cmd_train.c — `sitrep train`: trains the tagger, lemmatizer and parser from
 * CoNLL-U and writes one model file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dep.h"
#include "opt.h"
#include "sitrep.h"
#include "train.h"

static const char usage[] =
    "usage: sitrep train --train FILE.conllu [--train FILE2.conllu ...] --dev DEV.conllu\n"
    "                    [--epochs N] [--seed S] [--threads T] [--folds K]\n"
    "                    [--jackknife-epochs N] [--no-stack] [--beam K] [--wordnet DIR]\n"
    "                    [--nn] [--nn-vectors FILE] [--nn-epochs N] [--nn-hidden H]\n"
    "                    [--exclude-doc STR ...] -o MODEL\n"
    "\n"
    "Trains the part-of-speech tagger (UPOS + XPOS), the lemmatizer and FEATS\n"
    "lookups, and the dependency parser; keeps each learner's best epoch on the dev\n"
    "set and writes one model file. Per-epoch dev scores go to standard error.\n"
    "Deterministic: the same data, seed and epochs give the same model.\n"
    "\n"
    "options:\n"
    "  --train FILE       training CoNLL-U (repeatable)\n"
    "  --dev FILE         development CoNLL-U (epoch selection and scores)\n"
    "  --epochs N         training epochs (default 12)\n"
    "  --seed S           random seed (default 1)\n"
    "  --threads T        1 or 2: tagger and parser side by side (default 2)\n"
    "  --folds K          jackknife: tag the training data with K taggers, each\n"
    "                     trained without 1/K of it; the parser and the stacked\n"
    "                     second tagger pass learn from those tags (default 4;\n"
    "                     0 = gold tags and one tagger pass)\n"
    "  --jackknife-epochs N  epochs of each jackknife tagger (default 5)\n"
    "  --no-stack         no stacked second tagger pass\n"
    "  --beam K           parser: a beam of K (2..64) trained globally, instead of\n"
    "                     greedy decoding (default 1); the model keeps K and every\n"
    "                     command parses with it: more accurate, slower to train\n"
    "                     and to parse (models/README.md has the figures)\n"
    "  --nn               parser: also train a feed-forward network over the\n"
    "                     parser's state, after the perceptron; the two scores are\n"
    "                     summed (the weight of the perceptron's chosen on dev)\n"
    "  --nn-vectors FILE  the network's initial word vectors, GloVe text format (a\n"
    "                     word, then 100 numbers, per line; the first 100,000 lines\n"
    "                     are read; tools/vectors.sh makes one); implies --nn\n"
    "  --nn-epochs N      the network's epochs (default 8; best dev epoch kept)\n"
    "  --nn-hidden H      its hidden units, a multiple of 16 (default 192)\n"
    "  --prune W          drop weights below W (int16 units of each table's scale)\n"
    "  --repack MODEL     no training: rewrite MODEL as -o with --prune W (and\n"
    "                     without its second tagger pass with --no-stack)\n"
    "  --wordnet DIR      WordNet dict directory (default /usr/share/wordnet)\n"
    "  --exclude-doc STR  skip training documents whose `# newdoc id` contains STR\n"
    "                     (repeatable; e.g. GUM_essay for GUM's non-commercial genres)\n"
    "  -o, --output MODEL the model file to write\n"
    "  -h, --help         this help\n";

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

int cmd_train(int argc, char **argv)
{
    const char **train = calloc((size_t)argc + 1, sizeof *train);
    const char **excl = calloc((size_t)argc + 1, sizeof *excl);
    train_options o;
    memset(&o, 0, sizeof o);
    o.epochs = 12;
    o.seed = 1;
    o.threads = 2;
    o.folds = 4;
    o.jk_epochs = 5;
    o.stack = 1;
    o.beam = 1;
    int rc = 2;
    const char *repack = NULL;
    if (!train || !excl) { cli_error("out of memory"); free(train); free(excl); return 1; }
    char cmd[2048];
    size_t cl = (size_t)snprintf(cmd, sizeof cmd, "sitrep");
    for (int i = 0; i < argc && cl < sizeof cmd; i++)
        cl += (size_t)snprintf(cmd + cl, sizeof cmd - cl, " %s", argv[i]);
    o.command = cmd;
    for (int i = 1; i < argc; i++) {
        const char *v;
        long x;
        int r;
        if (opt_flag(argv[i], "--help", "-h")) { fputs(usage, stdout); rc = 0; goto out; }
        if ((r = opt_value(argc, argv, &i, "--train", &v))) { if (r < 0) goto out; train[o.ntrain++] = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--dev", &v))) { if (r < 0) goto out; o.dev = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--wordnet", &v))) { if (r < 0) goto out; o.wordnet = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--exclude-doc", &v))) { if (r < 0) goto out; excl[o.nexclude++] = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--output", &v)) ||
            (r = opt_value(argc, argv, &i, "-o", &v))) { if (r < 0) goto out; o.out = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--epochs", &v))) {
            if (r < 0 || opt_number("--epochs", v, 1, 1000, &x)) goto out;
            o.epochs = (int)x;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--seed", &v))) {
            if (r < 0 || opt_number("--seed", v, 0, 2147483647L, &x)) goto out;
            o.seed = (uint64_t)x;
            continue;
        }
        if (opt_flag(argv[i], "--no-stack", NULL)) { o.stack = 0; continue; }
        if ((r = opt_value(argc, argv, &i, "--beam", &v))) {
            if (r < 0 || opt_number("--beam", v, 1, DEP_MAXBEAM, &x)) goto out;
            o.beam = (int)x;
            continue;
        }
        if (opt_flag(argv[i], "--nn", NULL)) { o.nn = 1; continue; }
        if ((r = opt_value(argc, argv, &i, "--nn-vectors", &v))) { if (r < 0) goto out; o.nn = 1; o.nn_vectors = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--nn-epochs", &v))) {
            if (r < 0 || opt_number("--nn-epochs", v, 1, 1000, &x)) goto out;
            o.nn = 1;
            o.nn_epochs = (int)x;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--nn-hidden", &v))) {
            if (r < 0 || opt_number("--nn-hidden", v, 16, 4096, &x)) goto out;
            if (x % 16) { cli_error("--nn-hidden: expected a multiple of 16, got %ld", x); goto out; }
            o.nn = 1;
            o.nn_hidden = (int)x;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--repack", &v))) { if (r < 0) goto out; repack = v; continue; }
        if ((r = opt_value(argc, argv, &i, "--prune", &v))) {
            if (r < 0 || opt_number("--prune", v, 0, 32767, &x)) goto out;
            o.prune = (int)x;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--folds", &v))) {
            if (r < 0 || opt_number("--folds", v, 0, 20, &x)) goto out;
            o.folds = (int)x;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--jackknife-epochs", &v))) {
            if (r < 0 || opt_number("--jackknife-epochs", v, 1, 100, &x)) goto out;
            o.jk_epochs = (int)x;
            continue;
        }
        if ((r = opt_value(argc, argv, &i, "--threads", &v))) {
            if (r < 0 || opt_number("--threads", v, 1, 64, &x)) goto out;
            o.threads = (int)x;
            continue;
        }
        cli_error("train: unknown argument '%s' (see sitrep train --help)", argv[i]);
        goto out;
    }
    if (repack && o.out) {
        sitrep_error e;
        sitrep_error_clear(&e);
        if (model_prune(repack, o.out, o.prune, o.stack, &e) != SITREP_OK) {
            char msg[1024];
            sitrep_error_format(&e, msg, sizeof msg);
            cli_error("%s", msg);
            rc = 1;
        } else rc = 0;
        goto out;
    }
    if (o.ntrain == 0 || !o.out || !o.dev) {
        cli_error("train: needs --train FILE, --dev FILE and -o MODEL (see sitrep train --help)");
        goto out;
    }
    if (o.folds < 2) o.stack = 0;
    o.train = train;
    o.exclude = excl;
    o.log = log_line;
    sitrep_error err;
    sitrep_error_clear(&err);
    if (train_run(&o, &err) != SITREP_OK) {
        char msg[1024];
        sitrep_error_format(&err, msg, sizeof msg);
        cli_error("%s", msg);
        rc = 1;
        goto out;
    }
    rc = 0;
out:
    free(train);
    free(excl);
    return rc;
}
