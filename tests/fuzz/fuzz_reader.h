/* fuzz_reader.h — one article reader over arbitrary bytes (plain, gzip, zstd):
 * every article is read into a doc and what a writer would read is touched;
 * nothing may crash, leak or hang. Shared by fuzz_html.c and fuzz_jsonl.c. */
#ifndef FUZZ_READER_H
#define FUZZ_READER_H
#include <stddef.h>
#include <stdint.h>

#include "ingest.h"
#include "sitrep.h"

static int fuzz_reader(const uint8_t *data, size_t size, const char *name, sitrep_input kind)
{
    static sitrep_doc *doc;
    if (!doc) doc = sitrep_doc_new();
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem(name, data, size, kind, &err);
    if (!r) return 0;
    int guard = 0;
    while (sitrep_reader_next(r, doc, &err) != 0 && guard++ < 1000000) {
        size_t len;
        const char *t = sitrep_doc_text(doc, &len);
        volatile char sink = len ? t[len - 1] : 0;
        (void)sink;
        for (int f = 0; f < SITREP_FIELD_COUNT; f++) (void)sitrep_doc_get(doc, (sitrep_field)f);
        for (size_t i = 0; i < sitrep_doc_nwarnings(doc); i++) (void)sitrep_doc_warning(doc, i);
    }
    sitrep_reader_close(r);
    return 0;
}
#endif
