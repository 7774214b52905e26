/* buf.c — growable output buffers (×1.5, checked). */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sitrep_buf_free(sitrep_buf *b)
{
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int buf_reserve(sitrep_buf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap) return 0;
    size_t nc = b->cap ? b->cap + b->cap / 2 : 4096;
    if (nc < b->len + more + 1) nc = b->len + more + 1;
    char *p = realloc(b->data, nc);
    if (!p) return -1;
    b->data = p;
    b->cap = nc;
    return 0;
}

int buf_put(sitrep_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n)) return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(sitrep_buf *b, const char *s) { return buf_put(b, s, strlen(s)); }

int buf_putc(sitrep_buf *b, char c)
{
    if (buf_reserve(b, 1)) return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

int buf_int(sitrep_buf *b, long long v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", v);
    return buf_put(b, tmp, (size_t)n);
}

int buf_double(sitrep_buf *b, double v, int precision)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.*f", precision, v);
    /* cut trailing zeros but keep one digit after the point */
    char *dot = memchr(tmp, '.', (size_t)n);
    if (dot) {
        while (n > 0 && tmp[n - 1] == '0' && &tmp[n - 2] != dot) n--;
    }
    if (strcmp(tmp, "-0.0") == 0 || (n == 4 && memcmp(tmp, "-0.0", 4) == 0)) return buf_put(b, "0.0", 3);
    return buf_put(b, tmp, (size_t)n);
}
