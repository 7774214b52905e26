/* vec.h — growable arrays (malloc-backed, ×1.5 growth, checked). They keep their
 * capacity across document resets so steady-state processing allocates nothing. */
#ifndef SR_VEC_H
#define SR_VEC_H
#include <stddef.h>

#define VEC(T) struct { T *v; size_t n, cap; }

/* Ensures room for `need` elements; 0 on success, -1 on no memory (vector unchanged). */
int vec_reserve_(void **v, size_t *cap, size_t need, size_t elem);

#define vec_reserve(vec, need) \
    vec_reserve_((void **)&(vec).v, &(vec).cap, (need), sizeof *(vec).v)
/* Pointer to a new zeroed last element, NULL on no memory. */
#define vec_push(vec) \
    (((vec).n < (vec).cap || vec_reserve(vec, (vec).n + 1) == 0) \
         ? vec_zero_(&(vec).v[(vec).n++], sizeof *(vec).v) : NULL)
#define vec_free(vec) (free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

void *vec_zero_(void *p, size_t n);
#endif
