/* fuzz_pipeline.c — the whole pipeline (segmentation, tagging, parsing, actors,
 * events, tone) and the JSON writer on an arbitrary article text. Uses the
 * committed model and built-in dictionaries when found from the working directory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sitrep.h"

static sitrep_pipeline *pl;
static sitrep_doc *doc;
static sitrep_buf out;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pl) {
        sitrep_error err;
        sitrep_options opt = {.date = "2025-03-13", .explain = 1, .detail = 1};
        pl = sitrep_pipeline_new(&opt, &err);
        doc = sitrep_doc_new();
        if (!pl || !doc) abort();
    }
    sitrep_doc_reset(doc);
    sitrep_doc_set_text(doc, (const char *)data, size);
    sitrep_pipeline_run(pl, doc);
    out.len = 0;
    sitrep_write_doc(doc, SITREP_FORMAT_JSONL, &out);
    sitrep_write_doc(doc, SITREP_FORMAT_TSV, &out);
    return 0;
}
