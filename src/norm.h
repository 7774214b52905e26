/* norm.h — normalization shadow string (first step of the text front end).
 *
 * norm_run writes doc->norm (arena, NUL-terminated), doc->norm_len and
 * doc->norm_map (arena, norm_len + 1 entries: norm byte i came from the original
 * byte norm_map[i]; the last entry is doc->len). The shadow is the text in NFC
 * with curly quotes and apostrophes made straight, dashes "-" (en dash, minus,
 * hyphens) or "--" (em dash, bar), the ellipsis "...", non-breaking and other
 * Unicode spaces " ", line/paragraph separators "\n", and zero-width spaces,
 * word joiners, BOMs and soft hyphens removed. */
#ifndef SR_NORM_H
#define SR_NORM_H
#include <stddef.h>
#include <stdint.h>
#include "sitrep.h"

sitrep_status norm_run(sitrep_doc *doc);

/* The replacement for one code point: writes up to 3 bytes into out and returns
 * their count (0 = removed), or -1 when the code point is not one of ours. */
int norm_map_cp(uint32_t cp, char *out);
#endif
