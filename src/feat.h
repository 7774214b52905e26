/* feat.h — feature hashing and the one hash table used by every model.
 *
 * Strings are hashed once (feat_hash) and features are mixes of integers
 * (feat_mix): a template id, word hashes, tag ids. A feat_map maps a nonzero
 * 64-bit key to two 32-bit values; its slot array is written to model files as
 * is and read back in place (feat_view) from the mmap'd file. */
#ifndef SR_FEAT_H
#define SR_FEAT_H
#include <stddef.h>
#include <stdint.h>

/* One slot: key 0 = empty. Layout is the on-disk layout (little-endian). */
typedef struct feat_slot {
    uint64_t key;
    uint32_t val, aux;
} feat_slot;

/* Open addressing, linear probing, power-of-two size, load <= 1/2. */
typedef struct feat_map {
    feat_slot *slot;   /* owned (feat_map_free) or borrowed (feat_view) */
    uint64_t mask;     /* nslots - 1 */
    size_t n;          /* keys stored */
} feat_map;

/* 0 on success, -1 on no memory. */
int feat_map_init(feat_map *m, size_t hint);
void feat_map_free(feat_map *m);
/* The slot of key (inserted with val = aux = 0 when new, *isnew = 1), NULL on no
 * memory. The pointer is valid until the next put. */
feat_slot *feat_map_put(feat_map *m, uint64_t key, int *isnew);
/* Where key's probe sequence starts. */
static inline uint64_t feat_slot_of(const feat_map *m, uint64_t key)
{
    key = key ? key : 1;
    return (key ^ (key >> 29)) & m->mask;
}
/* The slot of key or NULL. */
static inline const feat_slot *feat_map_get(const feat_map *m, uint64_t key)
{
    if (!m->slot) return NULL;
    key = key ? key : 1;
    uint64_t j = feat_slot_of(m, key);
    for (;;) {
        const feat_slot *s = &m->slot[j];
        if (s->key == key) return s;
        if (!s->key) return NULL;
        j = (j + 1) & m->mask;
    }
}
/* A read-only map over nslots slots at p (borrowed). -1 when nslots is not a
 * power of two. */
int feat_view(feat_map *m, const void *p, uint64_t nslots);

uint64_t feat_hash(const char *s, size_t n);

/* Mixes v into h (order matters). */
static inline uint64_t feat_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 31);
}
#define FEAT2(t, a) feat_mix(feat_mix(0x51ed270b27a8f6cdULL, (uint64_t)(t)), (uint64_t)(a))
#define FEAT3(t, a, b) feat_mix(FEAT2(t, a), (uint64_t)(b))
#define FEAT4(t, a, b, c) feat_mix(FEAT3(t, a, b), (uint64_t)(c))
#endif
