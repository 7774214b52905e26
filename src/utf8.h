/* utf8.h — UTF-8 decoding and repair. */
#ifndef SR_UTF8_H
#define SR_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len). Returns its byte length (1..4) and sets *cp;
 * on an invalid or truncated sequence returns -1 (caller treats one byte as bad). */
int utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the byte count. */
int utf8_encode(uint32_t cp, char *out);
/* Length of the valid UTF-8 prefix of s (stops at the first bad byte or NUL). */
size_t utf8_valid_prefix(const char *s, size_t len);
/* Copies s into out (capacity >= 3 * len + 1), replacing each maximal invalid
 * subpart (WHATWG/Unicode "substitution of maximal subparts") and each NUL with
 * U+FFFD. NUL-terminates; returns the output length and the replacement count. */
size_t utf8_repair(const char *s, size_t len, char *out, size_t *nbad);
/* Number of code points in s[0..len) (valid UTF-8). */
size_t utf8_count(const char *s, size_t len);
#endif
