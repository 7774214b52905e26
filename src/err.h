/* err.h — helpers to fill a sitrep_error (NULL-safe). */
#ifndef SR_ERR_H
#define SR_ERR_H
#include "sitrep.h"

/* Sets status, file (may be NULL), line (0 = unknown), offset (SIZE_MAX = unknown)
 * and a printf-style message. Returns st. */
sitrep_status err_set(sitrep_error *e, sitrep_status st, const char *file, size_t line,
                      size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
#endif
