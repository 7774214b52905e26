/* paths.h — finding sitrep's data files (models, dictionaries, lexicons). */
#ifndef SR_PATHS_H
#define SR_PATHS_H
#include <stddef.h>

/* Looks for `rel` (e.g. "models/sitrep-en.model") in order: $env_dir/<basename of
 * rel> when env names a set environment variable (env may be NULL), ./rel, then
 * relative to the running executable: <exe dir>/rel, <exe dir>/../rel,
 * <exe dir>/../share/sitrep/rel. Writes the first existing path into out and
 * returns 1; 0 when none exists. */
int paths_find(const char *rel, const char *env, char *out, size_t cap);
#endif
