/* fuzz_jsonl.c — the JSONL reader over arbitrary bytes (plain, gzip, zstd):
 * every article is read into a doc; nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "ingest.h"
#include "sitrep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sitrep_doc *doc;
    if (!doc) doc = sitrep_doc_new();
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem("fuzz.jsonl", data, size, SITREP_INPUT_JSONL, &err);
    if (!r) return 0;
    int rc, guard = 0;
    while ((rc = sitrep_reader_next(r, doc, &err)) != 0 && guard++ < 1000000) {
        size_t len;
        const char *t = sitrep_doc_text(doc, &len);
        /* touch what a writer would read */
        volatile char sink = len ? t[len - 1] : 0;
        (void)sink;
        for (int f = 0; f < SITREP_FIELD_COUNT; f++) (void)sitrep_doc_get(doc, (sitrep_field)f);
        for (size_t i = 0; i < sitrep_doc_nwarnings(doc); i++) (void)sitrep_doc_warning(doc, i);
        (void)rc;
    }
    sitrep_reader_close(r);
    return 0;
}
