/* arena.c — chunked bump allocator.
 *
 * Chunks are malloc'd and chained newest first. Reset keeps a single chunk sized
 * for the peak use seen so far, so a steady stream of similar articles allocates
 * nothing after the first few. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_MIN_CHUNK = 64 * 1024 };

void arena_init(arena *a) { a->head = NULL; a->total = 0; a->peak = 0; }

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

static arena_chunk *chunk_new(size_t cap)
{
    arena_chunk *c = malloc(sizeof *c + cap);
    if (!c) return NULL;
    c->next = NULL;
    c->cap = cap;
    c->used = 0;
    return c;
}

void arena_reset(arena *a)
{
    if (a->total > a->peak) a->peak = a->total;
    a->total = 0;
    if (!a->head) return;
    if (!a->head->next && a->head->cap >= a->peak) {
        a->head->used = 0;
        return;
    }
    size_t want = a->peak < ARENA_MIN_CHUNK ? ARENA_MIN_CHUNK : a->peak + a->peak / 4;
    arena_free(a);
    a->peak = want;
    a->head = chunk_new(want); /* NULL is fine: the next alloc retries */
}

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = c ? c->cap * 2 : ARENA_MIN_CHUNK;
        if (cap < n) cap = n;
        if (cap > ((size_t)1 << 30) && n < ((size_t)1 << 30)) cap = n < ARENA_MIN_CHUNK ? ARENA_MIN_CHUNK : n;
        arena_chunk *nc = chunk_new(cap);
        if (!nc) return NULL;
        nc->next = c;
        a->head = c = nc;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}

void *arena_calloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
