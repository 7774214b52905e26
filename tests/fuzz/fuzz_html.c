/* fuzz_html.c — the HTML reader (gumbo extraction) over arbitrary bytes (plain,
 * gzip, zstd): see fuzz_reader.h. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, "fuzz.html", SITREP_INPUT_HTML);
}
