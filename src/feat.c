/* feat.c — string hashing and the open-addressing feature map. */
#include "feat.h"

#include <stdlib.h>
#include <string.h>

static inline uint64_t nonzero(uint64_t key) { return key ? key : 1; }

int feat_map_init(feat_map *m, size_t hint)
{
    uint64_t cap = 16;
    while (cap < 2 * (uint64_t)hint) cap <<= 1;
    m->slot = calloc(cap, sizeof *m->slot);
    m->mask = cap - 1;
    m->n = 0;
    return m->slot ? 0 : -1;
}

void feat_map_free(feat_map *m)
{
    free(m->slot);
    m->slot = NULL;
    m->mask = 0;
    m->n = 0;
}

static int grow(feat_map *m)
{
    uint64_t cap = 2 * (m->mask + 1);
    feat_slot *s = calloc(cap, sizeof *s);
    if (!s) return -1;
    for (uint64_t i = 0; i <= m->mask; i++) {
        if (!m->slot[i].key) continue;
        uint64_t j = (m->slot[i].key ^ (m->slot[i].key >> 29)) & (cap - 1);
        while (s[j].key) j = (j + 1) & (cap - 1);
        s[j] = m->slot[i];
    }
    free(m->slot);
    m->slot = s;
    m->mask = cap - 1;
    return 0;
}

feat_slot *feat_map_put(feat_map *m, uint64_t key, int *isnew)
{
    key = nonzero(key);
    if (2 * (m->n + 1) > m->mask + 1 && grow(m) != 0) return NULL;
    uint64_t j = feat_slot_of(m, key);
    while (m->slot[j].key && m->slot[j].key != key) j = (j + 1) & m->mask;
    if (isnew) *isnew = !m->slot[j].key;
    if (!m->slot[j].key) {
        m->slot[j].key = key;
        m->n++;
    }
    return &m->slot[j];
}

int feat_view(feat_map *m, const void *p, uint64_t nslots)
{
    if (nslots == 0 || (nslots & (nslots - 1))) return -1;
    m->slot = (feat_slot *)(uintptr_t)p;
    m->mask = nslots - 1;
    m->n = 0;
    return 0;
}

/* FNV-1a over the bytes, then a final avalanche (FNV's low bits are weak). */
uint64_t feat_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}
