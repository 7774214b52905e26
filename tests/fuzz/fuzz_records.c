/* fuzz_records.c — the tolerant validation-record reader on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sitrep_error err;
    rec_file *f = rec_load_mem("fuzz", (const char *)data, size, &err);
    if (f) {
        size_t total = 0;
        for (size_t i = 0; i < f->n; i++) total += f->recs[i].ncodings;
        (void)total;
        rec_free(f);
    }
    return 0;
}
