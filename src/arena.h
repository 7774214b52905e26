/* arena.h — bump allocator owned by a document; reset reuses the memory. */
#ifndef SR_ARENA_H
#define SR_ARENA_H
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;   /* current chunk (newest first) */
    size_t total;        /* bytes handed out since the last reset */
    size_t peak;         /* largest `total` seen: the size of the next first chunk */
} arena;

void arena_init(arena *a);
/* Frees every chunk. */
void arena_free(arena *a);
/* Forgets every allocation; keeps one chunk large enough for the peak use. */
void arena_reset(arena *a);
/* 16-byte aligned, uninitialised; NULL on no memory. Borrowed until reset/free. */
void *arena_alloc(arena *a, size_t n);
void *arena_calloc(arena *a, size_t n);
/* NUL-terminated copy of s[0..len). */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
#endif
