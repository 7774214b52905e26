/* intern.c — string -> dense id table (see intern.h).
 *
 * Open addressing with linear probing over a power-of-two slot array that holds
 * ids (0 = empty); the 32-bit hash of every string is kept beside it so a probe
 * compares strings only when hashes agree. Load factor <= 1/2. Strings live in
 * 64 KiB chunks (bigger strings get their own chunk) that are never moved. */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE 65536u

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

struct intern {
    uint64_t *slots;     /* hash << 32 | id; 0 = empty (ids start at 1) */
    size_t nslots;       /* power of two */
    const char **str;    /* by id (index 0 unused) */
    uint32_t *len;       /* by id */
    uint32_t *hash;      /* by id */
    uint32_t n;          /* ids handed out */
    size_t cap;          /* capacity of str/len/hash */
    chunk *chunks;
    size_t bytes;
    uint64_t used[4];    /* bit c: some string holds byte c */
};

/* FNV-1a, then a final avalanche (murmur3 fmix32) so low bits are usable. */
static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

intern *intern_new(void)
{
    intern *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->nslots = 1024;
    t->slots = calloc(t->nslots, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    t->bytes = sizeof *t + t->nslots * sizeof *t->slots;
    return t;
}

void intern_free(intern *t)
{
    if (!t) return;
    chunk *c = t->chunks;
    while (c) {
        chunk *nx = c->next;
        free(c);
        c = nx;
    }
    free(t->slots);
    free(t->str);
    free(t->len);
    free(t->hash);
    free(t);
}

/* The hash sits in the slot beside the id, so a probe that meets another
 * word costs no load of that word's entry. */
static uint32_t lookup(const intern *t, const char *s, size_t len, uint32_t h, size_t *slot)
{
    size_t mask = t->nslots - 1;
    size_t i = h & mask;
    for (;;) {
        uint64_t e = t->slots[i];
        if (e == 0) {
            if (slot) *slot = i;
            return 0;
        }
        uint32_t id = (uint32_t)e;
        if ((uint32_t)(e >> 32) == h && t->len[id] == len && memcmp(t->str[id], s, len) == 0)
            return id;
        i = (i + 1) & mask;
    }
}

uint32_t intern_prefetch(const intern *t, const char *s, size_t len)
{
    if (!t || len > 0x3fffffffu) return 0;
    uint32_t h = hash_bytes(s, len);
    __builtin_prefetch(&t->slots[h & (t->nslots - 1)]);
    return h;
}

uint32_t intern_get_hashed(const intern *t, const char *s, size_t len, uint32_t h)
{
    if (!t || len > 0x3fffffffu) return 0;
    return lookup(t, s, len, h, NULL);
}

uint32_t intern_get(const intern *t, const char *s, size_t len)
{
    if (!t || len > 0x3fffffffu) return 0;
    return lookup(t, s, len, hash_bytes(s, len), NULL);
}

static int grow_slots(intern *t)
{
    size_t ns = t->nslots * 2;
    uint64_t *sl = calloc(ns, sizeof *sl);
    if (!sl) return -1;
    for (uint32_t id = 1; id <= t->n; id++) {
        size_t i = t->hash[id] & (ns - 1);
        while (sl[i]) i = (i + 1) & (ns - 1);
        sl[i] = (uint64_t)t->hash[id] << 32 | id;
    }
    t->bytes += (ns - t->nslots) * sizeof *sl;
    free(t->slots);
    t->slots = sl;
    t->nslots = ns;
    return 0;
}

static int grow_ids(intern *t)
{
    size_t nc = t->cap < 256 ? 256 : t->cap + t->cap / 2;
    const char **s = realloc(t->str, nc * sizeof *s);
    if (!s) return -1;
    t->str = s;
    uint32_t *l = realloc(t->len, nc * sizeof *l);
    if (!l) return -1;
    t->len = l;
    uint32_t *h = realloc(t->hash, nc * sizeof *h);
    if (!h) return -1;
    t->hash = h;
    t->bytes += (nc - t->cap) * (sizeof *s + sizeof *l + sizeof *h);
    t->cap = nc;
    return 0;
}

static char *store(intern *t, const char *s, size_t len)
{
    chunk *c = t->chunks;
    if (!c || c->cap - c->used < len + 1) {
        size_t cap = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
        chunk *nc = malloc(sizeof *nc + cap);
        if (!nc) return NULL;
        nc->used = 0;
        nc->cap = cap;
        t->bytes += sizeof *nc + cap;
        if (c && len + 1 > CHUNK_SIZE) {
            /* a big string: keep filling the current chunk afterwards */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            t->chunks = nc;
        }
        c = nc;
    }
    char *p = c->data + c->used;
    memcpy(p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

uint32_t intern_add(intern *t, const char *s, size_t len)
{
    if (!t || len > 0x3fffffffu) return 0;
    uint32_t h = hash_bytes(s, len);
    size_t slot = 0;
    uint32_t id = lookup(t, s, len, h, &slot);
    if (id) return id;
    if (t->n == UINT32_MAX - 1) return 0;
    if ((size_t)(t->n + 1) * 2 > t->nslots) {
        if (grow_slots(t) != 0) return 0;
        lookup(t, s, len, h, &slot);
    }
    if ((size_t)t->n + 1 >= t->cap && grow_ids(t) != 0) return 0;
    char *p = store(t, s, len);
    if (!p) return 0;
    id = ++t->n;
    t->str[id] = p;
    t->len[id] = (uint32_t)len;
    t->hash[id] = h;
    t->slots[slot] = (uint64_t)h << 32 | id;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        t->used[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    return id;
}

int intern_has_byte(const intern *t, unsigned char c)
{
    return t && (t->used[c >> 6] >> (c & 63) & 1);
}

const char *intern_str(const intern *t, uint32_t id)
{
    if (!t || id == 0 || id > t->n) return NULL;
    return t->str[id];
}

size_t intern_strlen(const intern *t, uint32_t id)
{
    if (!t || id == 0 || id > t->n) return 0;
    return t->len[id];
}

uint32_t intern_count(const intern *t) { return t ? t->n : 0; }

size_t intern_memory(const intern *t) { return t ? t->bytes : 0; }
