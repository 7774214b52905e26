/* err.c — status names and error formatting. */
#include "sitrep.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[] = {
    [SITREP_OK] = "ok",
    [SITREP_ERR_NOMEM] = "out of memory",
    [SITREP_ERR_IO] = "input/output error",
    [SITREP_ERR_INPUT] = "bad input",
    [SITREP_ERR_USAGE] = "bad usage",
    [SITREP_ERR_MODEL] = "bad model or dictionary",
    [SITREP_ERR_UNSUPPORTED] = "not supported",
};

const char *sitrep_status_str(sitrep_status st)
{
    if ((unsigned)st < sizeof status_names / sizeof *status_names && status_names[st])
        return status_names[st];
    return "unknown status";
}

void sitrep_error_clear(sitrep_error *e)
{
    if (!e) return;
    e->status = SITREP_OK;
    e->file[0] = '\0';
    e->msg[0] = '\0';
    e->line = 0;
    e->offset = SIZE_MAX;
}

void sitrep_error_format(const sitrep_error *e, char *buf, size_t cap)
{
    const char *msg = e->msg[0] ? e->msg : sitrep_status_str(e->status);
    if (e->file[0] && e->line)
        snprintf(buf, cap, "%s:%zu: %s", e->file, e->line, msg);
    else if (e->file[0] && e->offset != SIZE_MAX)
        snprintf(buf, cap, "%s: byte offset %zu: %s", e->file, e->offset, msg);
    else if (e->file[0])
        snprintf(buf, cap, "%s: %s", e->file, msg);
    else
        snprintf(buf, cap, "%s", msg);
}

#include <stdarg.h>
#include "err.h"

sitrep_status err_set(sitrep_error *e, sitrep_status st, const char *file, size_t line,
                      size_t offset, const char *fmt, ...)
{
    if (!e) return st;
    e->status = st;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line;
    e->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return st;
}
