/* vec.c — growth for vec.h. */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int vec_reserve_(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t nc = *cap < 8 ? 8 : *cap + *cap / 2;
    if (nc < need) nc = need;
    if (nc > SIZE_MAX / elem) return -1;
    void *p = realloc(*v, nc * elem);
    if (!p) return -1;
    *v = p;
    *cap = nc;
    return 0;
}

void *vec_zero_(void *p, size_t n) { return memset(p, 0, n); }
