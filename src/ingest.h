/* ingest.h — internal extras of the article readers (the reader API itself is
 * public: sitrep_reader_* in sitrep.h). */
#ifndef SR_INGEST_H
#define SR_INGEST_H
#include <stddef.h>
#include "sitrep.h"

/* A reader over data[0..len) (borrowed for the reader's life) as if it were the
 * file `name` (used for errors, AUTO kind and text/HTML ids). Compression is
 * detected as for files. Owned: close with sitrep_reader_close. NULL with err
 * set on no memory or a bad kind. For tests and fuzzing. */
sitrep_reader *ingest_open_mem(const char *name, const void *data, size_t len,
                               sitrep_input kind, sitrep_error *err);

/* The kind SITREP_INPUT_AUTO picks for a file name (extension after stripping
 * .gz/.zst, case-insensitive): JSONL, HTML or TEXT. */
sitrep_input ingest_kind_for(const char *name);

/* 1 when s[0..n) is a calendar date YYYY-MM-DD (years 0001-9999), else 0. */
int ingest_valid_date(const char *s, size_t n);
#endif
