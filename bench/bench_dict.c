/* bench_dict.c — load time and memory of the default Phoenix dictionary set
 * (CAMEO.2.0.txt, the three Phoenix actor files, Phoenix.agents.txt,
 * Phoenix.discards.txt), as PETRARCH2 loads it (0.9 s on this kind of machine).
 *
 *   build/bench/bench_dict [DICTIONARY_DIR] [ROUNDS]
 *
 * DICTIONARY_DIR defaults to $SITREP_SHARED_DATA/petrarch2/dictionaries (or
 * ../shared/data/...). Prints the best wall time of ROUNDS (default 5) loads, the
 * set's own byte count, the process peak RSS and the entry counts. Exit 0 also when
 * the data is absent (prints "skip"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dict.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void count_warn(void *ctx, const sitrep_error *w)
{
    (void)w;
    ++*(size_t *)ctx;
}

int main(int argc, char **argv)
{
    static const struct { dict_kind k; const char *name; } files[] = {
        {DICT_VERBS, "CAMEO.2.0.txt"},
        {DICT_ACTORS, "Phoenix.Countries.actors.txt"},
        {DICT_ACTORS, "Phoenix.International.actors.txt"},
        {DICT_ACTORS, "Phoenix.MilNonState.actors.txt"},
        {DICT_AGENTS, "Phoenix.agents.txt"},
        {DICT_DISCARDS, "Phoenix.discards.txt"},
    };
    char dir[512];
    if (argc > 1) {
        snprintf(dir, sizeof dir, "%s", argv[1]);
    } else {
        const char *env = getenv("SITREP_SHARED_DATA");
        snprintf(dir, sizeof dir, "%s/petrarch2/dictionaries", env && *env ? env : "../shared/data");
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 1) rounds = 1;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, files[0].name);
    FILE *probe = fopen(path, "r");
    if (!probe) {
        printf("skip bench_dict: %s not found\n", path);
        return 0;
    }
    fclose(probe);

    double best = 1e9;
    dict_counts c = {0};
    size_t warnings = 0;
    for (int r = 0; r < rounds; r++) {
        dict_set *s = dict_set_new();
        if (!s) return 1;
        warnings = 0;
        double t0 = now();
        for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
            sitrep_error err;
            snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
            if (dict_load(s, files[i].k, path, 0, &err, count_warn, &warnings) != SITREP_OK) {
                char msg[600];
                sitrep_error_format(&err, msg, sizeof msg);
                fprintf(stderr, "bench_dict: %s\n", msg);
                dict_set_free(s);
                return 1;
            }
        }
        double t = now() - t0;
        if (t < best) best = t;
        dict_get_counts(s, &c);
        dict_set_free(s);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("dict load (Phoenix set, best of %d): %.3f s (PETRARCH2: 0.9 s)\n", rounds, best);
    printf("dict memory: %.1f MB in the set, peak RSS %.1f MB\n", (double)c.memory / 1e6,
           (double)ru.ru_maxrss / 1024.0);
    printf("verbs: %zu blocks, %zu verbs, %zu forms, %zu patterns, %zu synsets (%zu members), "
           "%zu transformations\n", c.blocks, c.verbs, c.forms, c.patterns, c.synsets,
           c.synset_members, c.transforms);
    printf("actors: %zu entries, %zu phrases, %zu codes; agents: %zu lines, %zu phrases; "
           "discards: %zu sentence, %zu story; %zu words; %zu warnings\n",
           c.actor_entries, c.actor_phrases, c.actor_codes, c.agent_lines, c.agent_phrases,
           c.discards_sentence, c.discards_story, c.words, warnings);
    return 0;
}
