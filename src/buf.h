/* buf.h — appending to a sitrep_buf (always NUL-terminated). Each returns 0, or
 * -1 on no memory (the buffer is unchanged). */
#ifndef SR_BUF_H
#define SR_BUF_H
#include "sitrep.h"

int buf_reserve(sitrep_buf *b, size_t more);
int buf_put(sitrep_buf *b, const char *s, size_t n);
int buf_puts(sitrep_buf *b, const char *s);
int buf_putc(sitrep_buf *b, char c);
int buf_int(sitrep_buf *b, long long v);
/* Shortest round-tripping-enough decimal for output ("%.*g", trailing zeros cut,
 * always with a fractional part: 3.0, -7.25). */
int buf_double(sitrep_buf *b, double v, int precision);
#endif
