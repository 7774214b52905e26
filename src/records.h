/* records.h — PETRARCH/TABARI validation record files, read tolerantly.
 *
 * The published files are not all well-formed XML (a '#' banner outside comments,
 * `<Sentence .../>` written self-closed and then closed again), so this is a small
 * scanner for the few elements that matter, not an XML parser: <Environment>
 * dictionary names, and per <Sentence> its id, date, category, <EventCoding>s and
 * <Text> (never <Parse>). Comments are skipped; entities are decoded. */
#ifndef SR_RECORDS_H
#define SR_RECORDS_H
#include <stddef.h>
#include "sitrep.h"

typedef struct rec_coding {
    const char *source, *target, *code;   /* as written, quotes stripped */
} rec_coding;

typedef struct rec_record {
    const char *id, *category;
    char date[11];                        /* YYYY-MM-DD, "" when absent/bad */
    const char *text;                     /* white space collapsed */
    rec_coding *codings;
    size_t ncodings;
    int noevents, error;                  /* gold says: no events / an error record */
    size_t line;                          /* line of the <Sentence> tag */
} rec_record;

typedef struct rec_file {
    /* <Environment> names (comma-separated lists split), NULL-terminated; borrowed */
    const char **verbs, **actors, **agents, **discards;
    rec_record *recs;
    size_t n;
    void *priv;
} rec_file;

/* Owned: free with rec_free. NULL + err (file, line) when the file cannot be read
 * or holds no records. */
rec_file *rec_load(const char *path, sitrep_error *err);
rec_file *rec_load_mem(const char *name, const char *buf, size_t len, sitrep_error *err);
void rec_free(rec_file *f);
#endif
