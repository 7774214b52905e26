/* intern.h — string interning: a hash table string -> dense id (1, 2, 3...).
 *
 * Ids are dense and start at 1; 0 means "absent" (never a valid id), so callers can
 * use 0 as "unknown word". Strings are copied into chunks that never move: a pointer
 * returned by intern_str stays valid until intern_free. Case-sensitive, byte-exact.
 * Concurrent intern_get/intern_str calls are safe while nobody calls intern_add. */
#ifndef SR_INTERN_H
#define SR_INTERN_H
#include <stddef.h>
#include <stdint.h>

typedef struct intern intern;

/* Owned: free with intern_free. NULL on no memory. */
intern *intern_new(void);
void intern_free(intern *t);
/* The id of s[0..len), adding it when new. 0 on no memory (or len > 1 GiB). */
uint32_t intern_add(intern *t, const char *s, size_t len);
/* The id of s[0..len), 0 when absent. */
uint32_t intern_get(const intern *t, const char *s, size_t len);
/* The hash of s[0..len), its table slot brought towards the cache; then
 * intern_get_hashed(t, s, len, hash) is intern_get (lookups of many strings
 * prefetched first overlap their cache misses). */
uint32_t intern_prefetch(const intern *t, const char *s, size_t len);
uint32_t intern_get_hashed(const intern *t, const char *s, size_t len, uint32_t hash);
/* 1 when some interned string contains byte c (a string with another byte is
 * absent without a lookup). */
int intern_has_byte(const intern *t, unsigned char c);
/* NUL-terminated string of an id (borrowed, stable); NULL for 0 or out of range. */
const char *intern_str(const intern *t, uint32_t id);
size_t intern_strlen(const intern *t, uint32_t id);
/* Number of ids handed out (the largest id). */
uint32_t intern_count(const intern *t);
/* Bytes allocated. */
size_t intern_memory(const intern *t);
#endif
