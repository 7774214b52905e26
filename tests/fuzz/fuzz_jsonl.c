/* fuzz_jsonl.c — the JSONL reader over arbitrary bytes (plain, gzip, zstd): see
 * fuzz_reader.h. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, "fuzz.jsonl", SITREP_INPUT_JSONL);
}
