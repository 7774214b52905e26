/* paths.c — data file search: environment, working directory, executable. */
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

int paths_find(const char *rel, const char *env, char *out, size_t cap)
{
    const char *dir = env ? getenv(env) : NULL;
    if (dir && *dir) {
        const char *base = strrchr(rel, '/');
        snprintf(out, cap, "%s/%s", dir, base ? base + 1 : rel);
        if (exists(out)) return 1;
    }
    snprintf(out, cap, "%s", rel);
    if (exists(out)) return 1;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return 0;
    *slash = '\0';
    static const char *const up[] = {"", "/..", "/../share/sitrep"};
    for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
        snprintf(out, cap, "%s%s/%s", exe, up[i], rel);
        if (exists(out)) return 1;
    }
    return 0;
}
