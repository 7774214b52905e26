/* dict.c — loaders and in-memory form of the TABARI/PETRARCH dictionaries.
 *
 * Formats: ../shared/docs/petrarch-formats.md §6 and the PETRARCH docs
 * (FORMAT-dictionaries.rst). Where PETRARCH2's loader loses data we do not copy it:
 *   - the last entry of a file is stored like every other (entries are stored as they
 *     are read, not when the next base line arrives);
 *   - `$`, `+`, `%` and `^` in verb patterns are markers (source, target, other,
 *     any noun phrase), never words;
 *   - a `<!--` comment ends at its `-->`; it never switches pattern reading off;
 *   - an agent line with a `!SET!` marker stores exactly the substituted phrases
 *     (no raw marker phrase, no stale plural from the line before).
 * Every other choice made where a format is ambiguous is written next to the code
 * that makes it, marked "Choice:". Two apply everywhere: dictionary words are
 * upper-cased (PETRARCH2 keeps `+UN_Secy_Gen` as written, so it can never match
 * the upper-cased text); codes are kept verbatim. Synsets stay sets: a pattern
 * element holds the synset's id and dict_synset_match tests its members (with
 * their generated plurals and embedded synsets), so patterns are not multiplied.
 *
 * Memory: words are interned once (upper case) in `words`; codes, block names and
 * file names in `strs`; synset labels in `syns` (a synset's id is its label's id).
 * Phrase lookup (actors, agents, discards) walks a trie whose edges live in one
 * open-addressing hash keyed by (node, word id). */
#include "dict.h"

#include <errno.h>
#include <stdarg.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "intern.h"
#include "utf8.h"
#include "vec.h"

typedef VEC(uint32_t) u32vec;

/* ------------------------------------------------------------ u64 -> u32 map */

/* Open addressing, linear probing, key 0 = empty slot, load <= 1/2. */
typedef struct u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, n;
} u64map;

static size_t map_slot(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

static uint32_t map_get(const u64map *m, uint64_t key)
{
    if (m->n == 0) return 0;
    size_t i = map_slot(key, m->cap);
    for (;;) {
        if (m->keys[i] == key) return m->vals[i];
        if (m->keys[i] == 0) return 0;
        i = (i + 1) & (m->cap - 1);
    }
}

static int map_grow(u64map *m)
{
    size_t nc = m->cap ? m->cap * 2 : 1024;
    uint64_t *k = calloc(nc, sizeof *k);
    uint32_t *v = malloc(nc * sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = map_slot(m->keys[i], nc);
        while (k[j]) j = (j + 1) & (nc - 1);
        k[j] = m->keys[i];
        v[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = k;
    m->vals = v;
    m->cap = nc;
    return 0;
}

/* Sets key -> val (key != 0). 0 on success, -1 on no memory. */
static int map_put(u64map *m, uint64_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->cap && map_grow(m) != 0) return -1;
    size_t i = map_slot(key, m->cap);
    while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    m->vals[i] = val;
    return 0;
}

static void map_free(u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------- trie */

/* Node 0 is the root; val[node] is the node's payload (0 = no phrase ends here). */
typedef struct trie {
    u64map edges;
    u32vec val;
} trie;

static uint32_t trie_step(const trie *t, uint32_t node, uint32_t word)
{
    return map_get(&t->edges, ((uint64_t)node << 32) | word);
}

/* The node of a phrase (created as needed); UINT32_MAX on no memory. */
static uint32_t trie_add(trie *t, const uint32_t *w, size_t n)
{
    if (t->val.n == 0 && !vec_push(t->val)) return UINT32_MAX;
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t nx = trie_step(t, node, w[i]);
        if (!nx) {
            if (t->val.n >= UINT32_MAX - 1 || !vec_push(t->val)) return UINT32_MAX;
            nx = (uint32_t)(t->val.n - 1);
            if (map_put(&t->edges, ((uint64_t)node << 32) | w[i], nx) != 0) {
                t->val.n--;
                return UINT32_MAX;
            }
        }
        node = nx;
    }
    return node;
}

/* Payload of the longest phrase starting at w[0]; 0 when none. */
static uint32_t trie_longest(const trie *t, const uint32_t *w, size_t n, size_t *len)
{
    uint32_t node = 0, best = 0;
    size_t bl = 0;
    if (t->val.n == 0) goto done;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == 0 || !(node = trie_step(t, node, w[i]))) break;
        if (t->val.v[node]) {
            best = t->val.v[node];
            bl = i + 1;
        }
    }
done:
    if (len) *len = bl;
    return best;
}

static void trie_free(trie *t)
{
    map_free(&t->edges);
    vec_free(t->val);
}

static size_t trie_memory(const trie *t)
{
    return t->edges.cap * (sizeof(uint64_t) + sizeof(uint32_t)) + t->val.cap * sizeof(uint32_t);
}

/* ---------------------------------------------------------------- the set */

typedef struct act_code {
    uint32_t code, file, line;
    uint8_t when;
    int32_t d1, d2;
} act_code;
typedef struct act_entry { uint32_t first, n; } act_entry;   /* codes[first..+n) */
typedef struct act_ref { uint32_t entry, next; } act_ref;    /* next: index + 1 */
struct dict_actor { uint32_t head, tail; };                  /* refs, index + 1 */
struct dict_agent { uint32_t code, file, line; };

typedef struct vblock {
    uint32_t name, code, passive;
    u32vec pats;
} vblock;
typedef struct ventry { uint32_t block, code, passive, file, line; } ventry;
typedef struct vform { uint32_t word, verb, pre, npre, post, npost, next; } vform;
typedef struct vpat {
    uint32_t elems, npre, npost, code, passive, file, line;
    uint8_t verb_joined;
} vpat;
typedef struct smember { uint32_t off, n; uint8_t ref; } smember; /* ref: off = synset */
typedef struct synset {
    uint8_t defined, noplural;
    uint32_t use_file, use_line;   /* first use in a pattern */
    VEC(smember) m;
    uint64_t first[4];           /* bits of the first words of its members (embedded
                                    synsets' included): a word whose bit is clear
                                    starts no member */
} synset;
typedef struct vtrans {
    char v[5];                   /* src src2 tgt2 res_src res_tgt */
    uint32_t v2, nv2, v1, nv1;   /* runs of tverbs */
    uint32_t code, file, line;
} vtrans;
typedef struct agset { uint32_t name; u32vec items; } agset;  /* items: strs ids */

struct dict_set {
    intern *words, *strs, *syns;
    u32vec ids;                  /* pool of word-id runs */
    /* actors */
    trie atrie;
    VEC(struct dict_actor) aphr;
    VEC(act_ref) arefs;
    VEC(act_entry) aents;
    VEC(act_code) acodes;
    /* agents */
    trie gtrie;
    VEC(struct dict_agent) gphr;
    VEC(agset) gsets;
    size_t agent_lines;
    /* discards: payload bit 1 = sentence, bit 2 = story */
    trie dtrie;
    size_t ndisc_sent, ndisc_story;
    /* verbs */
    VEC(vblock) blocks;
    u64map block_by_name;        /* strs id -> block + 1 */
    size_t block_headers;
    VEC(ventry) verbs;
    VEC(vform) forms;
    u64map form_by_word;         /* word id -> first form + 1 */
    VEC(vpat) pats;
    VEC(dict_elem) elems;
    VEC(synset) synsets;         /* by synset id */
    size_t synset_members;
    VEC(vtrans) trans;
    VEC(dict_tverb) tverbs;      /* transformation verbs (code: NULL until resolved) */
};

dict_set *dict_set_new(void)
{
    dict_set *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->words = intern_new();
    s->strs = intern_new();
    s->syns = intern_new();
    if (!s->words || !s->strs || !s->syns || vec_reserve(s->ids, 64) != 0 ||
        vec_reserve(s->elems, 64) != 0) {
        dict_set_free(s);
        return NULL;
    }
    return s;
}

void dict_set_free(dict_set *s)
{
    if (!s) return;
    intern_free(s->words);
    intern_free(s->strs);
    intern_free(s->syns);
    vec_free(s->ids);
    trie_free(&s->atrie);
    vec_free(s->aphr);
    vec_free(s->arefs);
    vec_free(s->aents);
    vec_free(s->acodes);
    trie_free(&s->gtrie);
    vec_free(s->gphr);
    for (size_t i = 0; i < s->gsets.n; i++) vec_free(s->gsets.v[i].items);
    vec_free(s->gsets);
    trie_free(&s->dtrie);
    for (size_t i = 0; i < s->blocks.n; i++) vec_free(s->blocks.v[i].pats);
    vec_free(s->blocks);
    map_free(&s->block_by_name);
    vec_free(s->verbs);
    vec_free(s->forms);
    map_free(&s->form_by_word);
    vec_free(s->pats);
    vec_free(s->elems);
    for (size_t i = 0; i < s->synsets.n; i++) vec_free(s->synsets.v[i].m);
    vec_free(s->synsets);
    vec_free(s->trans);
    vec_free(s->tverbs);
    free(s);
}

/* ------------------------------------------------------------- load state */

typedef struct ld {
    dict_set *s;
    const char *name;
    uint32_t file;               /* strs id of the file name */
    int strict;
    sitrep_error *err;
    dict_warn_fn cb;
    void *ctx;
    size_t line;
    sitrep_status st;            /* OK, or the failure that stops the load */
    char *ubuf;                  /* scratch for upper-casing */
    size_t ucap;
    u32vec tmp, tmp2;            /* scratch word-id runs */
    size_t budget;               /* phrases one agent line may still expand to */
} ld;

/* The error value of a message about the current line. */
static void line_error(const ld *L, sitrep_error *w, const char *fmt, va_list ap)
{
    sitrep_error_clear(w);
    w->status = SITREP_ERR_INPUT;
    snprintf(w->file, sizeof w->file, "%s", L->name);
    w->line = L->line;
    vsnprintf(w->msg, sizeof w->msg, fmt, ap);
}

/* Reports a bad entry. Returns 0 to go on (entry skipped), -1 to stop (strict). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int warn(ld *L, const char *fmt, ...)
{
    sitrep_error w;
    va_list ap;
    va_start(ap, fmt);
    line_error(L, &w, fmt, ap);
    va_end(ap);
    if (L->strict) {
        if (L->err) *L->err = w;
        L->st = SITREP_ERR_INPUT;
        return -1;
    }
    if (L->cb) L->cb(L->ctx, &w);
    return 0;
}

/* Reports a doubtful entry that is kept (never fatal, even when strict). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void notice(ld *L, const char *fmt, ...)
{
    sitrep_error w;
    va_list ap;
    va_start(ap, fmt);
    line_error(L, &w, fmt, ap);
    va_end(ap);
    if (L->cb) L->cb(L->ctx, &w);
}

static int nomem(ld *L)
{
    L->st = SITREP_ERR_NOMEM;
    err_set(L->err, SITREP_ERR_NOMEM, L->name, L->line, SIZE_MAX, "out of memory");
    return -1;
}

/* --------------------------------------------------------- text helpers */

static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static void trim(const char **p, size_t *n)
{
    while (*n && is_space((unsigned char)**p)) (*p)++, (*n)--;
    while (*n && is_space((unsigned char)(*p)[*n - 1])) (*n)--;
}

static const char *find(const char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (p[i] == needle[0] && memcmp(p + i, needle, k) == 0) return p + i;
    return NULL;
}

static const char *findc(const char *p, size_t n, char c) { return n ? memchr(p, c, n) : NULL; }

/* c is one of the characters of set (never true for NUL, unlike strchr). */
static int isin(const char *set, char c) { return c && strchr(set, c) != NULL; }

/* Upper-cases s[0..n) into L->ubuf (ASCII fast path, full Unicode simple upper
 * case otherwise; invalid bytes are copied). Returns the length, or -1 on no memory. */
static long upper(ld *L, const char *s, size_t n)
{
    if (n * 4 + 1 > L->ucap) {
        size_t nc = n * 4 + 64;
        char *b = realloc(L->ubuf, nc);
        if (!b) return -1;
        L->ubuf = b;
        L->ucap = nc;
    }
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            L->ubuf[o++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        int k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k < 0) {
            L->ubuf[o++] = (char)c;
            i++;
            continue;
        }
        o += (size_t)utf8_encode((uint32_t)utf8proc_toupper((utf8proc_int32_t)cp), L->ubuf + o);
        i += (size_t)k;
    }
    L->ubuf[o] = '\0';
    return (long)o;
}

/* Interns one word (upper-cased). 0 on no memory (L->st set). */
static uint32_t word_id(ld *L, const char *s, size_t n)
{
    long k = upper(L, s, n);
    uint32_t id = k < 0 ? 0 : intern_add(L->s->words, L->ubuf, (size_t)k);
    if (!id) nomem(L);
    return id;
}

static uint32_t str_id(ld *L, const char *s, size_t n)
{
    uint32_t id = intern_add(L->s->strs, s, n);
    if (!id) nomem(L);
    return id;
}

/* Appends the words of a phrase to out: words are separated by blanks or '_' (both
 * mean "consecutive"; a trailing '_' — TABARI's "no stem/plural" mark — is dropped).
 * Returns the number of words added, or -1 on no memory. */
static long phrase_words(ld *L, const char *p, size_t n, u32vec *out)
{
    long cnt = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (is_space((unsigned char)p[i]) || p[i] == '_')) i++;
        size_t b = i;
        while (i < n && !is_space((unsigned char)p[i]) && p[i] != '_') i++;
        if (i == b) break;
        uint32_t id = word_id(L, p + b, i - b);
        if (!id) return -1;
        uint32_t *slot = vec_push(*out);
        if (!slot) return nomem(L);
        *slot = id;
        cnt++;
    }
    return cnt;
}

/* Copies a word-id run into the pool; returns its offset or UINT32_MAX. */
static uint32_t pool_add(ld *L, const uint32_t *w, size_t n)
{
    dict_set *s = L->s;
    if (vec_reserve(s->ids, s->ids.n + n) != 0 || s->ids.n + n >= UINT32_MAX) {
        nomem(L);
        return UINT32_MAX;
    }
    uint32_t off = (uint32_t)s->ids.n;
    if (n) memcpy(s->ids.v + s->ids.n, w, n * sizeof *w);
    s->ids.n += n;
    return off;
}

/* ---------------------------------------------------------- line reader */

/* Splits the input into lines and removes comments: `#` to the end of the line,
 * `<!-- ... -->` (on one line or over several). Choice: a line starting with `<!`
 * but not `<!--` (`<! -- NEW ACTORS ... -->` in PETR.Validate.actors.txt) is a
 * comment up to its `-->`, or the whole line when it has none. (Choice.) */
typedef struct lines {
    const char *p, *end;
    int in_comment;
    char *buf;
    size_t cap;
} lines;

/* Next line (comments removed, CR dropped) in *out, *n. 0 at end, -1 on no memory. */
static int next_line(ld *L, lines *r, const char **out, size_t *n)
{
    if (r->p >= r->end) return 0;
    const char *b = r->p, *e = memchr(b, '\n', (size_t)(r->end - b));
    if (!e) e = r->end;
    r->p = e < r->end ? e + 1 : e;
    L->line++;
    size_t len = (size_t)(e - b);
    if (len + 1 > r->cap) {
        size_t nc = len + 256;
        char *nb = realloc(r->buf, nc);
        if (!nb) return nomem(L);
        r->buf = nb;
        r->cap = nc;
    }
    size_t i = 0, o = 0;
    if (r->in_comment) {
        const char *c = find(b, len, "-->");
        if (!c) goto done;
        r->in_comment = 0;
        i = (size_t)(c - b) + 3;
    } else if (len >= 2 && b[0] == '<' && b[1] == '!' && !(len >= 4 && b[2] == '-' && b[3] == '-')) {
        const char *c = find(b, len, "-->");
        if (!c) goto done;
        i = (size_t)(c - b) + 3;
    }
    int inbr = 0;
    while (i < len) {
        char c = b[i];
        /* Choice: `#` inside [...] is part of the code (TABARI's discard code `[###]`) */
        if (c == '#' && !(inbr && findc(b + i, len - i, ']'))) break;
        inbr = c == '[' ? 1 : c == ']' ? 0 : inbr;
        if (c == '<' && i + 3 < len && b[i + 1] == '!' && b[i + 2] == '-' && b[i + 3] == '-') {
            const char *cl = find(b + i + 4, len - i - 4, "-->");
            if (!cl) {
                r->in_comment = 1;
                break;
            }
            i = (size_t)(cl - b) + 3;
            continue;
        }
        r->buf[o++] = c == '\r' ? ' ' : c;
        i++;
    }
done:
    r->buf[o] = '\0';
    *out = r->buf;
    *n = o;
    return 1;
}

/* ---------------------------------------------------------------- codes */

/* Parses a verb code "CCC", "CCC:PPP", ":PPP" or "---" (already without brackets).
 * Codes are kept verbatim (WEIS "075A", "def", "080!" included). */
static int verb_code(ld *L, const char *p, size_t n, uint32_t *act, uint32_t *pas)
{
    trim(&p, &n);
    *act = *pas = 0;
    const char *c = findc(p, n, ':');
    size_t an = c ? (size_t)(c - p) : n;
    const char *a = p;
    trim(&a, &an);
    if (an && !(*act = str_id(L, a, an))) return -1;
    if (c) {
        const char *q = c + 1;
        size_t qn = n - an - 1;
        trim(&q, &qn);
        if (qn && !(*pas = str_id(L, q, qn))) return -1;
    }
    return 0;
}

/* Date: YYYYMMDD (8 or more digits: the first 8) or YYMMDD (6-7 digits: the first
 * 6; YY <= 30 is 20YY, else 19YY), as in PETRARCH2 (so the typo 9008223 reads
 * 1990-08-22). -1 when not a date. */
static int parse_date(const char *p, size_t n, int32_t *out)
{
    if (n < 6) return -1;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return -1;
    int32_t y, md;
    if (n >= 8) {
        y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        p += 4;
    } else {
        y = (p[0] - '0') * 10 + (p[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        p += 2;
    }
    md = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    int m = md / 100, d = md % 100;
    if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
    *out = y * 10000 + md;
    return 0;
}

/* One actor code group (text between [ and ]): CODE, CODE >D, CODE <D, CODE D1-D2;
 * blanks after the code are ignored (`[EGYGOV > 140608]`, `[X 19950601 - 19990815]`).
 * Choice: a bare single date `[CODE D]` (2 lines in Phoenix.Countries, e.g.
 * "[USAGOV 19820101] # entered Foreign Service") is read as `>D`, the start date
 * the authors wrote (PETRARCH2 treats it as "always"). */
static int actor_code(ld *L, const char *p, size_t n, uint32_t entry)
{
    trim(&p, &n);
    size_t cn = 0;
    while (cn < n && !is_space((unsigned char)p[cn])) cn++;
    if (cn == 0) return warn(L, "empty actor code []");
    char d[64];
    size_t dn = 0;
    for (size_t i = cn; i < n; i++) {
        if (is_space((unsigned char)p[i])) continue;
        if (dn + 1 >= sizeof d) return warn(L, "bad date restriction in [%.*s]", (int)n, p);
        d[dn++] = p[i];
    }
    act_code c = {0};
    c.file = L->file;
    c.line = (uint32_t)L->line;
    c.when = DICT_ALWAYS;
    if (dn) {
        const char *dash = findc(d, dn, '-');
        int bad;
        if (d[0] == '<' || d[0] == '>') {
            c.when = d[0] == '<' ? DICT_BEFORE : DICT_FROM;
            bad = parse_date(d + 1, dn - 1, &c.d1);
        } else if (dash) {
            c.when = DICT_RANGE;
            bad = parse_date(d, (size_t)(dash - d), &c.d1) ||
                  parse_date(dash + 1, dn - (size_t)(dash - d) - 1, &c.d2);
        } else {
            c.when = DICT_FROM;
            bad = parse_date(d, dn, &c.d1);
        }
        if (bad) return warn(L, "bad date restriction '%.*s' in [%.*s]", (int)dn, d, (int)n, p);
    }
    if (!(c.code = str_id(L, p, cn))) return -1;
    dict_set *s = L->s;
    act_entry *e = &s->aents.v[entry];
    /* codes of one entry are contiguous: an entry only gets codes while it is the
     * last one */
    act_code *slot = vec_push(s->acodes);
    if (!slot) return nomem(L);
    *slot = c;
    e->n++;
    return 0;
}

/* ------------------------------------------------------------------ actors */

static int actor_phrase(ld *L, const char *p, size_t n, uint32_t entry)
{
    dict_set *s = L->s;
    L->tmp.n = 0;
    long k = phrase_words(L, p, n, &L->tmp);
    if (k < 0) return -1;
    if (k == 0) return warn(L, "actor line without a phrase");
    uint32_t node = trie_add(&s->atrie, L->tmp.v, L->tmp.n);
    if (node == UINT32_MAX) return nomem(L);
    uint32_t ph = s->atrie.val.v[node];
    if (!ph) {
        struct dict_actor *a = vec_push(s->aphr);
        if (!a) return nomem(L);
        ph = (uint32_t)s->aphr.n;
        s->atrie.val.v[node] = ph;
    }
    struct dict_actor *a = &s->aphr.v[ph - 1];
    /* the same phrase twice in one entry counts once */
    if (a->tail && s->arefs.v[a->tail - 1].entry == entry) return 0;
    act_ref *r = vec_push(s->arefs);
    if (!r) return nomem(L);
    r->entry = entry;
    uint32_t ri = (uint32_t)s->arefs.n;
    if (a->tail) s->arefs.v[a->tail - 1].next = ri;
    else a->head = ri;
    a->tail = ri;
    return 0;
}

/* All [..] groups of s[0..n) as codes of `entry`. Text outside brackets is ignored. */
static int actor_codes(ld *L, const char *p, size_t n, uint32_t entry)
{
    const char *e = p + n;
    while ((p = findc(p, (size_t)(e - p), '[')) != NULL) {
        const char *c = findc(p, (size_t)(e - p), ']');
        if (!c) return warn(L, "'[' without ']'");
        if (actor_code(L, p + 1, (size_t)(c - p - 1), entry) < 0) return -1;
        p = c + 1;
    }
    return 0;
}

static int new_entry(ld *L, uint32_t *entry)
{
    act_entry *e = vec_push(L->s->aents);
    if (!e) return nomem(L);
    e->first = (uint32_t)L->s->acodes.n;
    *entry = (uint32_t)(L->s->aents.n - 1);
    return 0;
}

/* Base line: PHRASE [codes...]; `+PHRASE` synonym; `[CODE DATE]` code line (usually
 * TAB-indented). Choice: the phrase of a base line is everything before its first
 * `[` (so `HAMAS WING [PSEHMSBRD]` and a blank-separated phrase without a code are
 * phrases, not "phrase + code" as PETRARCH2's field split reads them); codes on a
 * `+` line are the entry's codes; a `+` or `[` line with no entry before it opens
 * one. */
static int load_actors(ld *L, lines *r)
{
    const char *p;
    size_t n;
    int rc;
    int have = 0;
    uint32_t entry = 0;
    while ((rc = next_line(L, r, &p, &n)) > 0) {
        trim(&p, &n);
        if (!n) continue;
        if (p[0] == '[') {
            if (!have) {
                if (warn(L, "date line without an actor before it") < 0) return -1;
                continue;
            }
            if (actor_codes(L, p, n, entry) < 0) return -1;
            continue;
        }
        int syn = p[0] == '+';
        if (syn) p++, n--;
        if (!syn || !have) {
            if (new_entry(L, &entry) < 0) return -1;
            have = 1;
        }
        const char *br = findc(p, n, '[');
        size_t pn = br ? (size_t)(br - p) : n;
        if (actor_phrase(L, p, pn, entry) < 0) return -1;
        if (br && actor_codes(L, br, n - pn, entry) < 0) return -1;
        if (L->st != SITREP_OK) return -1;
    }
    return rc;
}

const dict_actor *dict_actor_match(const dict_set *s, const uint32_t *tok, size_t n, size_t *len)
{
    uint32_t ph = trie_longest(&s->atrie, tok, n, len);
    return ph ? &s->aphr.v[ph - 1] : NULL;
}

static int date_ok(const act_code *c, int32_t d)
{
    switch (c->when) {
    case DICT_BEFORE: return d < c->d1;
    case DICT_FROM: return d >= c->d1;
    case DICT_RANGE: return d >= c->d1 && d < c->d2;
    default: return 1;
    }
}

/* Choice: dated restrictions are tried before undated codes, so a base-line code is
 * the default when no restriction holds. This is what the format documentation says
 * ("If the code is present, it becomes the default code if none of the date
 * restrictions are satisfied") and what the validation records expect (SAM_GAMGEE
 * [HOB] with dated lines is coded HOBCIV/HOBMIL/ORCHOB/HOBGOV by date); PETRARCH2
 * tries the base-line code first, which makes every dated line under it dead.
 * Among dated lines, and among undated codes, the first in file order wins; when a
 * phrase belongs to several entries their lists are concatenated in load order. */
const char *dict_actor_code(const dict_set *s, const dict_actor *a, int32_t d)
{
    if (!s || !a) return NULL;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t r = a->head; r; r = s->arefs.v[r - 1].next) {
            const act_entry *e = &s->aents.v[s->arefs.v[r - 1].entry];
            for (uint32_t i = 0; i < e->n; i++) {
                const act_code *c = &s->acodes.v[e->first + i];
                if ((c->when == DICT_ALWAYS) != pass) continue;
                if (date_ok(c, d)) return intern_str(s->strs, c->code);
            }
        }
    }
    return NULL;
}

size_t dict_actor_ncodes(const dict_set *s, const dict_actor *a)
{
    size_t n = 0;
    for (uint32_t r = a->head; r; r = s->arefs.v[r - 1].next)
        n += s->aents.v[s->arefs.v[r - 1].entry].n;
    return n;
}

int dict_actor_code_at(const dict_set *s, const dict_actor *a, size_t i, dict_dated *out)
{
    for (uint32_t r = a->head; r; r = s->arefs.v[r - 1].next) {
        const act_entry *e = &s->aents.v[s->arefs.v[r - 1].entry];
        if (i >= e->n) {
            i -= e->n;
            continue;
        }
        const act_code *c = &s->acodes.v[e->first + i];
        out->code = intern_str(s->strs, c->code);
        out->when = (dict_when)c->when;
        out->d1 = c->d1;
        out->d2 = c->d2;
        out->file = intern_str(s->strs, c->file);
        out->line = c->line;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ agents */

/* Regular English plural of the last word of s (into out, cap >= n + 3).
 * Choice: the docs' rule ("S", "IES" after Y, "ES" after SS) as the authors meant
 * it for English: consonant + Y -> IES, vowel + Y -> YS, S/X/Z/CH/SH -> ES. */
static size_t plural(const char *s, size_t n, char *out)
{
    memcpy(out, s, n);
    if (n == 0) return 0;
    char last = s[n - 1], prev = n > 1 ? s[n - 2] : 0;
    int vowel = prev && isin("AEIOU", prev);
    if (last == 'Y' && prev && !vowel) {
        memcpy(out + n - 1, "IES", 3);
        return n + 2;
    }
    if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S'))) {
        memcpy(out + n, "ES", 2);
        return n + 2;
    }
    out[n] = 'S';
    return n + 1;
}

static int agent_store(ld *L, const char *p, size_t n, uint32_t code)
{
    dict_set *s = L->s;
    L->tmp.n = 0;
    long k = phrase_words(L, p, n, &L->tmp);
    if (k < 0) return -1;
    if (k == 0) return 0;
    uint32_t node = trie_add(&s->gtrie, L->tmp.v, L->tmp.n);
    if (node == UINT32_MAX) return nomem(L);
    uint32_t ph = s->gtrie.val.v[node];
    if (!ph) {
        if (!vec_push(s->gphr)) return nomem(L);
        ph = (uint32_t)s->gphr.n;
        s->gtrie.val.v[node] = ph;
    }
    /* later definitions of a phrase replace earlier ones (as in PETRARCH2) */
    struct dict_agent *a = &s->gphr.v[ph - 1];
    a->code = code;
    a->file = L->file;
    a->line = (uint32_t)L->line;
    return 0;
}

static const agset *agent_set(const dict_set *s, const char *p, size_t n)
{
    uint32_t id = intern_get(s->strs, p, n);
    for (size_t i = 0; id && i < s->gsets.n; i++)
        if (s->gsets.v[i].name == id) return &s->gsets.v[i];
    return NULL;
}

/* Stores the phrase p[0..n) with every `!SET!` marker replaced by each member of
 * its set (all combinations, no plurals). Choice: a marker with letters right
 * before and after it inside one word is a search-and-replace accident of the
 * file (`AD!MINIST!RATIVE` for ADMINISTRATIVE): the marker name is put back. */
static int agent_expand(ld *L, const char *p, size_t n, uint32_t code, int depth)
{
    const char *a = findc(p, n, '!');
    const char *b = a ? findc(a + 1, n - (size_t)(a - p) - 1, '!') : NULL;
    if (!a || !b) {
        if (L->budget == 0) return 0;
        if (--L->budget == 0 && warn(L, "too many phrases from substitution sets") < 0) return -1;
        return agent_store(L, p, n, code);
    }
    if (depth > 4) return warn(L, "too many substitution markers");
    char buf[1024];
    size_t pre = (size_t)(a - p), mk = (size_t)(b - a) + 1, post = n - pre - mk;
    int inside = pre && post && !isin("_ \t", p[pre - 1]) &&
                 !isin("_ \t!", b[1]);
    if (inside) {
        if (n >= sizeof buf) return warn(L, "agent phrase too long");
        memcpy(buf, p, pre);
        memcpy(buf + pre, a + 1, mk - 2);
        memcpy(buf + pre + mk - 2, b + 1, post);
        return agent_expand(L, buf, n - 2, code, depth + 1);
    }
    long k = upper(L, a, mk);
    if (k < 0) return nomem(L);
    const agset *set = agent_set(L->s, L->ubuf, (size_t)k);
    if (!set) return warn(L, "undefined substitution set %.*s", (int)mk, a);
    size_t nitems = set->items.n;
    for (size_t i = 0; i < nitems; i++) {
        uint32_t it = set->items.v[i];
        size_t il = intern_strlen(L->s->strs, it);
        if (pre + il + post >= sizeof buf) return warn(L, "agent phrase too long");
        memcpy(buf, p, pre);
        memcpy(buf + pre, intern_str(L->s->strs, it), il);
        memcpy(buf + pre + il, b + 1, post);
        if (agent_expand(L, buf, pre + il + post, code, depth + 1) < 0) return -1;
    }
    return 0;
}

/* `!NAME! = A, B, C` defines a set (a redefinition replaces it);
 * `PHRASE [{PLURAL}] [CODE]` an agent: code = text of the first [...]; plural:
 * `{X}` that phrase, `{}` none, absent -> regular plural of the last word; a line
 * with a `!SET!` marker gets no automatic plural (its sets list the forms). */
static int load_agents(ld *L, lines *r)
{
    dict_set *s = L->s;
    const char *p;
    size_t n;
    int rc;
    while ((rc = next_line(L, r, &p, &n)) > 0) {
        trim(&p, &n);
        if (!n) continue;
        const char *eq = findc(p, n, '=');
        if (p[0] == '!' && eq) {
            const char *b = findc(p + 1, (size_t)(eq - p - 1), '!');
            if (!b) {
                if (warn(L, "bad substitution set line") < 0) return -1;
                continue;
            }
            long k = upper(L, p, (size_t)(b - p) + 1);
            if (k < 0) return nomem(L);
            uint32_t name = str_id(L, L->ubuf, (size_t)k);
            if (!name) return -1;
            agset *set = (agset *)agent_set(s, L->ubuf, (size_t)k);
            if (!set) {
                if (!(set = vec_push(s->gsets))) return nomem(L);
                set->name = name;
            }
            set->items.n = 0;
            const char *q = eq + 1, *e = p + n;
            while (q <= e) {
                const char *c = findc(q, (size_t)(e - q), ',');
                if (!c) c = e;
                const char *it = q;
                size_t in = (size_t)(c - q);
                trim(&it, &in);
                if (in) {
                    if ((k = upper(L, it, in)) < 0) return nomem(L);
                    uint32_t id = str_id(L, L->ubuf, (size_t)k);
                    uint32_t *slot = id ? vec_push(set->items) : NULL;
                    if (!slot) return nomem(L);
                    *slot = id;
                }
                q = c + 1;
            }
            continue;
        }
        const char *br = findc(p, n, '[');
        if (!br) {
            if (warn(L, "agent without a [CODE]") < 0) return -1;
            continue;
        }
        /* Choice: `[~ENV}` (and the docs' own `[~LEG}`) ends at `}`, or at the end */
        const char *cl = findc(br, n - (size_t)(br - p), ']');
        if (!cl) cl = findc(br, n - (size_t)(br - p), '}');
        if (!cl) cl = p + n;
        const char *c = br + 1;
        size_t cn = (size_t)(cl - c);
        trim(&c, &cn);
        if (!cn) {
            if (warn(L, "agent with an empty code") < 0) return -1;
            continue;
        }
        uint32_t code = str_id(L, c, cn);
        if (!code) return -1;
        const char *ob = findc(p, n, '{');
        const char *cb = ob ? findc(ob, n - (size_t)(ob - p), '}') : NULL;
        if (ob && !cb) {
            if (warn(L, "'{' without '}'") < 0) return -1;
            continue;
        }
        size_t pn = (size_t)(((ob && ob < br) ? ob : br) - p);
        const char *ph = p;
        trim(&ph, &pn);
        if (!pn) {
            if (warn(L, "agent without a phrase") < 0) return -1;
            continue;
        }
        int marker = findc(ph, pn, '!') != NULL;
        s->agent_lines++;
        L->budget = 10000;
        if (agent_expand(L, ph, pn, code, 0) < 0) return -1;
        if (ob) {
            const char *pl = ob + 1;
            size_t pln = (size_t)(cb - pl);
            trim(&pl, &pln);
            L->budget = 10000;
            if (pln && agent_expand(L, pl, pln, code, 0) < 0) return -1;
        } else if (!marker) {
            long k = upper(L, ph, pn);
            if (k < 0) return nomem(L);
            char buf[1024];
            while (k && L->ubuf[k - 1] == '_') k--;   /* PHRASE_ -> plural of PHRASE */
            if ((size_t)k + 3 > sizeof buf) {
                if (warn(L, "agent phrase too long") < 0) return -1;
                continue;
            }
            size_t pl = plural(L->ubuf, (size_t)k, buf);
            if (agent_store(L, buf, pl, code) < 0) return -1;
        }
        if (L->st != SITREP_OK) return -1;
    }
    return rc;
}

const dict_agent *dict_agent_match(const dict_set *s, const uint32_t *tok, size_t n, size_t *len)
{
    uint32_t ph = trie_longest(&s->gtrie, tok, n, len);
    return ph ? &s->gphr.v[ph - 1] : NULL;
}

const char *dict_agent_code(const dict_set *s, const dict_agent *a)
{
    return s && a ? intern_str(s->strs, a->code) : NULL;
}

/* ---------------------------------------------------------------- discards */

/* `+PHRASE` = story discard, else sentence discard. Choice: matching is on whole
 * upper-cased tokens, words split on blanks and '_' (TABARI's trailing '_' "whole
 * word, not a stem" mark is dropped: every word is whole here); a phrase at the end
 * of a sentence matches too (PETRARCH2 misses it). */
static int load_discards(ld *L, lines *r)
{
    dict_set *s = L->s;
    const char *p;
    size_t n;
    int rc;
    while ((rc = next_line(L, r, &p, &n)) > 0) {
        trim(&p, &n);
        if (!n) continue;
        int story = p[0] == '+';
        if (story) p++, n--;
        L->tmp.n = 0;
        long k = phrase_words(L, p, n, &L->tmp);
        if (k < 0) return -1;
        if (k == 0) {
            if (warn(L, "discard without words") < 0) return -1;
            continue;
        }
        uint32_t node = trie_add(&s->dtrie, L->tmp.v, L->tmp.n);
        if (node == UINT32_MAX) return nomem(L);
        s->dtrie.val.v[node] |= story ? 2u : 1u;
        if (story) s->ndisc_story++;
        else s->ndisc_sent++;
    }
    return rc;
}

int dict_discard_match(const dict_set *s, const uint32_t *tok, size_t n,
                       size_t *start, size_t *len, int *story)
{
    const trie *t = &s->dtrie;
    int found = 0, bst = 0;
    size_t bs = 0, bl = 0;
    if (t->val.n == 0) return 0;
    for (size_t i = 0; i < n && !(found && bst); i++) {
        uint32_t node = 0;
        for (size_t j = i; j < n; j++) {
            if (tok[j] == 0 || !(node = trie_step(t, node, tok[j]))) break;
            uint32_t f = t->val.v[node];
            if (!f) continue;
            int st = (f & 2u) != 0;
            /* leftmost-longest, but any story discard beats a sentence discard */
            if (!found || (st && !bst) || (st == bst && i == bs)) {
                found = 1;
                bst = st;
                bs = i;
                bl = j + 1 - i;
            }
        }
    }
    if (found) {
        if (start) *start = bs;
        if (len) *len = bl;
        if (story) *story = bst;
    }
    return found;
}

/* ------------------------------------------------------------------ words */

uint32_t dict_intern_lookupn(const dict_set *s, const char *w, size_t n)
{
    return s ? intern_get(s->words, w, n) : 0;
}

uint32_t dict_intern_prefetch(const dict_set *s, const char *w, size_t n)
{
    return s ? intern_prefetch(s->words, w, n) : 0;
}

uint32_t dict_intern_lookup_hashed(const dict_set *s, const char *w, size_t n, uint32_t hash)
{
    return s ? intern_get_hashed(s->words, w, n, hash) : 0;
}

int dict_word_has_byte(const dict_set *s, unsigned char c)
{
    return s && intern_has_byte(s->words, c);
}

uint32_t dict_intern_lookup(const dict_set *s, const char *w)
{
    return w ? dict_intern_lookupn(s, w, strlen(w)) : 0;
}

uint32_t dict_ascii_word_id(const dict_set *s, const char *w)
{
    char buf[128];
    size_t n = 0;
    for (; *w && n + 1 < sizeof buf; w++) buf[n++] = (char)toupper((unsigned char)*w);
    if (*w) return 0;
    return dict_intern_lookupn(s, buf, n);
}

uint32_t dict_word_id(const dict_set *s, const char *w, size_t n)
{
    char buf[1024];
    size_t o = 0;
    if (!s || !w || n > 255) return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)w[i];
        if (c < 0x80) {
            buf[o++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        int k = utf8_decode((const unsigned char *)w + i, n - i, &cp);
        if (k < 0) {
            buf[o++] = (char)c;
            i++;
            continue;
        }
        o += (size_t)utf8_encode((uint32_t)utf8proc_toupper((utf8proc_int32_t)cp), buf + o);
        i += (size_t)k;
    }
    return intern_get(s->words, buf, o);
}

const char *dict_word(const dict_set *s, uint32_t id) { return s ? intern_str(s->words, id) : NULL; }

/* ------------------------------------------------------------------- verbs */

/* Verb file lines, classified in this order (blank/comment lines skipped):
 *   `---  NAME  [CODE]  ---`  block header (no [CODE] = null code "---");
 *   `- PRE * POST [CODE]`     pattern of the current block;
 *   `&LABEL`                  synset label; the `+` lines right after it are its
 *                             members (until a header, pattern or other line);
 *   `~ ...`                   transformation;
 *   anything else, and `+` lines outside a synset: a verb of the current block.
 * Choice: synsets are recognised by position, not by the `####### VERB PATTERNS`
 * line, so the TABARI-style PETR.Validate.verbs.txt (synsets between blocks, no
 * such line) loads with its compound verbs (`+ABC_DEF_GHI` under ABANDON) as verbs.
 * Choice: blocks with the same name are one block (the name keys the patterns, as
 * in PETRARCH2): a later header, in this file or another, adds verbs and patterns;
 * each verb keeps the code of its own header. */
typedef struct vstate {
    int have_block, syn_mode;
    uint32_t block, bcode, bpas, syn;
} vstate;

/* Synset id of a label "&NAME" or "&NAME_" (the `_` = "no plurals" is dropped). */
static uint32_t synset_id(ld *L, const char *p, size_t n)
{
    while (n > 1 && p[n - 1] == '_') n--;
    long k = upper(L, p, n);
    uint32_t id = k < 0 ? 0 : intern_add(L->s->syns, L->ubuf, (size_t)k);
    if (!id) {
        nomem(L);
        return 0;
    }
    if (vec_reserve(L->s->synsets, (size_t)id + 1) != 0) {
        nomem(L);
        return 0;
    }
    while (L->s->synsets.n <= id) vec_push(L->s->synsets);
    return id;
}

static int synset_add(ld *L, uint32_t syn, uint32_t off, uint32_t n, uint8_t ref)
{
    smember *m = vec_push(L->s->synsets.v[syn].m);
    if (!m) return nomem(L);
    m->off = off;
    m->n = n;
    m->ref = ref;
    L->s->synset_members++;
    return 0;
}

/* `+WORD`, `+W1_W2` (consecutive words), `+WORD_` (no plural), `+&OTHER` (all of
 * another synset). Plurals of the last word are added unless the member or the
 * label ends in `_` (the docs' rule; PETRARCH2 ignores the label's `_`). */
static int synset_member(ld *L, uint32_t syn, const char *p, size_t n)
{
    trim(&p, &n);
    if (n && p[0] == '{') p++, n--;
    if (n && p[n - 1] == '}') n--;
    trim(&p, &n);
    if (!n) return warn(L, "empty synset member");
    if (p[0] == '&') {
        size_t k = 0;
        while (k < n && !is_space((unsigned char)p[k])) k++;
        uint32_t id = synset_id(L, p, k);
        if (!id) return -1;
        synset *sy = &L->s->synsets.v[id];
        if (!sy->use_line) sy->use_file = L->file, sy->use_line = (uint32_t)L->line;
        return synset_add(L, syn, id, 0, 1);
    }
    int noplural = p[n - 1] == '_' || L->s->synsets.v[syn].noplural;
    L->tmp.n = 0;
    long k = phrase_words(L, p, n, &L->tmp);
    if (k <= 0) return k < 0 ? -1 : warn(L, "empty synset member");
    uint32_t off = pool_add(L, L->tmp.v, L->tmp.n);
    if (off == UINT32_MAX || synset_add(L, syn, off, (uint32_t)L->tmp.n, 0) < 0) return -1;
    if (noplural) return 0;
    uint32_t last = L->tmp.v[L->tmp.n - 1];
    const char *w = intern_str(L->s->words, last);
    size_t wl = intern_strlen(L->s->words, last);
    char buf[512];
    if (wl + 3 > sizeof buf) return 0;
    size_t pl = plural(w, wl, buf);
    uint32_t pid = intern_add(L->s->words, buf, pl);
    if (!pid) return nomem(L);
    L->tmp.v[L->tmp.n - 1] = pid;
    off = pool_add(L, L->tmp.v, L->tmp.n);
    if (off == UINT32_MAX) return -1;
    return synset_add(L, syn, off, (uint32_t)L->tmp.n, 0);
}

static int block_header(ld *L, vstate *V, const char *p, size_t n)
{
    dict_set *s = L->s;
    while (n && p[0] == '-') p++, n--;
    while (n && (p[n - 1] == '-' || is_space((unsigned char)p[n - 1]))) n--;
    trim(&p, &n);
    const char *br = findc(p, n, '[');
    const char *cl = br ? findc(br, n - (size_t)(br - p), ']') : NULL;
    size_t nn = br ? (size_t)(br - p) : n;
    const char *name = p;
    trim(&name, &nn);
    size_t k = 0;
    while (k < nn && !is_space((unsigned char)name[k])) k++;
    uint32_t code = 0, pas = 0;
    if (br && !cl) return warn(L, "'[' without ']' in block header");
    if (br && verb_code(L, br + 1, (size_t)(cl - br - 1), &code, &pas) < 0) return -1;
    if (!br && !(code = str_id(L, "---", 3))) return -1;
    if (k == 0 && warn(L, "block header without a name") < 0) return -1;
    long u = upper(L, name, k);
    uint32_t nid = u < 0 ? 0 : str_id(L, L->ubuf, (size_t)u);
    if (!nid) return nomem(L);
    uint32_t b = map_get(&s->block_by_name, nid);
    if (!b) {
        vblock *bl = vec_push(s->blocks);
        if (!bl) return nomem(L);
        bl->name = nid;
        bl->code = code;
        bl->passive = pas;
        b = (uint32_t)s->blocks.n;
        if (map_put(&s->block_by_name, nid, b) != 0) return nomem(L);
    }
    s->block_headers++;
    V->have_block = 1;
    V->block = b - 1;
    V->bcode = code;
    V->bpas = pas;
    V->syn_mode = 0;
    return 0;
}

/* Splits a verb phrase `W1_+W2_W3` into word ids (in L->tmp2) and the index of the
 * `+` word (0 when none: Choice, the first word is the verb). -1 on error. */
static long verb_words(ld *L, const char *p, size_t n, size_t *k)
{
    L->tmp2.n = 0;
    *k = SIZE_MAX;
    size_t i = 0;
    while (i < n) {
        while (i < n && p[i] == '_') i++;
        size_t b = i;
        while (i < n && p[i] != '_') i++;
        if (i == b) break;
        const char *w = p + b;
        size_t wn = i - b;
        if (w[0] == '+') {
            w++, wn--;
            if (*k == SIZE_MAX) *k = L->tmp2.n;
        }
        if (!wn) continue;
        uint32_t id = word_id(L, w, wn);
        uint32_t *slot = id ? vec_push(L->tmp2) : NULL;
        if (!slot) return nomem(L);
        *slot = id;
    }
    if (*k == SIZE_MAX || *k >= L->tmp2.n) *k = 0;
    return (long)L->tmp2.n;
}

static int same_run(const dict_set *s, uint32_t off, uint32_t n, const uint32_t *w, size_t wn)
{
    return n == wn && (n == 0 || memcmp(s->ids.v + off, w, n * sizeof *w) == 0);
}

/* Adds the form w[0..n) with verb word w[k]; the first definition of a form wins. */
static int add_form(ld *L, uint32_t verb, const uint32_t *w, size_t n, size_t k)
{
    dict_set *s = L->s;
    uint32_t head = map_get(&s->form_by_word, w[k]), tail = 0;
    for (uint32_t f = head; f; f = s->forms.v[f - 1].next) {
        const vform *v = &s->forms.v[f - 1];
        if (same_run(s, v->pre, v->npre, w, k) && same_run(s, v->post, v->npost, w + k + 1, n - k - 1))
            return 0;
        tail = f;
    }
    uint32_t off = pool_add(L, w, n);
    if (off == UINT32_MAX) return -1;
    vform *f = vec_push(s->forms);
    if (!f) return nomem(L);
    f->word = w[k];
    f->verb = verb;
    f->pre = off;
    f->npre = (uint32_t)k;
    f->post = off + (uint32_t)k + 1;
    f->npost = (uint32_t)(n - k - 1);
    uint32_t fi = (uint32_t)s->forms.n;
    if (tail) s->forms.v[tail - 1].next = fi;
    else if (map_put(&s->form_by_word, w[k], fi) != 0) return nomem(L);
    return 0;
}

/* Regular forms (Choice: the docs' rules, made right for English where PETRARCH2's
 * are not: EMPLOY -> EMPLOYS, HURRY -> HURRIED, TIE -> TYING, GO -> GOES; no
 * consonant doubling — irregular verbs list their forms in {...}). */
static size_t verb_form(const char *w, size_t n, int which, char *out)
{
    memcpy(out, w, n);
    char last = n ? w[n - 1] : 0, prev = n > 1 ? w[n - 2] : 0;
    int cons = prev && !isin("AEIOU", prev);
    if (which == 0) {                              /* 3rd person singular */
        if (last == 'Y' && cons) return memcpy(out + n - 1, "IES", 3), n + 2;
        if (last == 'S' || last == 'X' || last == 'Z' || (last == 'O' && cons) ||
            (last == 'H' && (prev == 'C' || prev == 'S')))
            return memcpy(out + n, "ES", 2), n + 2;
        return out[n] = 'S', n + 1;
    }
    if (which == 1) {                              /* past */
        if (last == 'E') return out[n] = 'D', n + 1;
        if (last == 'Y' && cons) return memcpy(out + n - 1, "IED", 3), n + 2;
        return memcpy(out + n, "ED", 2), n + 2;
    }
    if (last == 'E' && prev == 'I') return memcpy(out + n - 2, "YING", 4), n + 2;
    if (last == 'E' && cons && n > 2) return memcpy(out + n - 1, "ING", 3), n + 2;
    return memcpy(out + n, "ING", 3), n + 3;
}

/* `VERB [{FORM ...}] [[CODE]]`. Choice: `;` starts a comment on verb lines (TABARI's
 * comment mark: `SCRAP {SCRAPPING SCRAPS SCRAPPED };shan 8/30/93`). */
static int verb_line(ld *L, vstate *V, const char *p, size_t n)
{
    dict_set *s = L->s;
    const char *semi = findc(p, n, ';');
    if (semi) n = (size_t)(semi - p);
    trim(&p, &n);
    if (!n) return 0;
    if (!V->have_block) return warn(L, "verb before any block header");
    size_t mn = 0;
    while (mn < n && !is_space((unsigned char)p[mn]) && p[mn] != '{' && p[mn] != '[') mn++;
    if (mn == 0) return warn(L, "verb line without a verb");
    const char *ob = findc(p + mn, n - mn, '{');
    const char *cb = ob ? findc(ob, n - (size_t)(ob - p), '}') : NULL;
    if (ob && !cb) return warn(L, "'{' without '}'");
    const char *rest = cb ? cb + 1 : p + mn;
    size_t rn = n - (size_t)(rest - p);
    const char *br = findc(rest, rn, '[');
    const char *cl = br ? findc(br, rn - (size_t)(br - rest), ']') : NULL;
    if (br && !cl) return warn(L, "'[' without ']'");
    uint32_t code = V->bcode, pas = V->bpas;
    if (br && verb_code(L, br + 1, (size_t)(cl - br - 1), &code, &pas) < 0) return -1;
    ventry *e = vec_push(s->verbs);
    if (!e) return nomem(L);
    e->block = V->block;
    e->code = code;
    e->passive = pas;
    e->file = L->file;
    e->line = (uint32_t)L->line;
    uint32_t verb = (uint32_t)(s->verbs.n - 1);
    size_t k;
    long nw = verb_words(L, p, mn, &k);
    if (nw <= 0) return nw < 0 ? -1 : warn(L, "verb line without a verb");
    /* keep the base phrase in tmp (tmp2 is reused for the forms) */
    L->tmp.n = 0;
    if (vec_reserve(L->tmp, L->tmp2.n) != 0) return nomem(L);
    memcpy(L->tmp.v, L->tmp2.v, L->tmp2.n * sizeof *L->tmp.v);
    L->tmp.n = L->tmp2.n;
    size_t bk = k, bn = L->tmp.n;
    if (add_form(L, verb, L->tmp.v, bn, bk) < 0) return -1;
    if (!ob) {
        const char *w = intern_str(s->words, L->tmp.v[bk]);
        size_t wl = intern_strlen(s->words, L->tmp.v[bk]);
        char buf[512];
        if (wl + 4 > sizeof buf) return 0;
        for (int which = 0; which < 3; which++) {
            size_t fl = verb_form(w, wl, which, buf);
            uint32_t id = intern_add(s->words, buf, fl);
            if (!id) return nomem(L);
            uint32_t save = L->tmp.v[bk];
            L->tmp.v[bk] = id;
            int rc = add_form(L, verb, L->tmp.v, bn, bk);
            L->tmp.v[bk] = save;
            if (rc < 0) return -1;
            w = intern_str(s->words, save);   /* the table may have grown */
        }
        return 0;
    }
    /* listed forms: Choice, a one-word form of a multi-word verb inflects the verb
     * word and keeps the base's other words; a form without `+` has its verb word
     * where the base has it */
    const char *q = ob + 1;
    while (q < cb) {
        while (q < cb && is_space((unsigned char)*q)) q++;
        const char *b = q;
        while (q < cb && !is_space((unsigned char)*q)) q++;
        if (q == b) break;
        int plus = findc(b, (size_t)(q - b), '+') != NULL;
        long fw = verb_words(L, b, (size_t)(q - b), &k);
        if (fw < 0) return -1;
        if (fw == 0) continue;
        if (fw == 1 && bn > 1) {
            uint32_t id = L->tmp2.v[0];
            L->tmp2.n = 0;
            if (vec_reserve(L->tmp2, bn) != 0) return nomem(L);
            memcpy(L->tmp2.v, L->tmp.v, bn * sizeof *L->tmp2.v);
            L->tmp2.n = bn;
            L->tmp2.v[bk] = id;
            k = bk;
        } else if (!plus && (size_t)fw == bn) {
            k = bk;
        }
        if (add_form(L, verb, L->tmp2.v, L->tmp2.n, k) < 0) return -1;
    }
    return 0;
}

static int push_elem(ld *L, uint8_t kind, uint8_t joined, uint32_t id)
{
    dict_elem *e = vec_push(L->s->elems);
    if (!e) return nomem(L);
    e->kind = kind;
    e->joined = joined;
    e->id = id;
    return 0;
}

/* The elements after the last PP_CLOSE of the pattern started at `first` repeat
 * the ones right before that PP_CLOSE: drops them and returns 1. */
static int repeated_tail(dict_set *s, size_t first)
{
    size_t cur = s->elems.n, lc = cur;
    while (lc > first && s->elems.v[lc - 1].kind != DICT_E_PP_CLOSE) lc--;
    if (lc == first) return 0;
    size_t k = cur - lc;
    if (k == 0 || lc - 1 < first + k) return 0;
    for (size_t i = 0; i < k; i++) {
        const dict_elem *a = &s->elems.v[lc - 1 - k + i], *b = &s->elems.v[lc + i];
        if (a->kind != b->kind || a->id != b->id) return 0;
    }
    s->elems.n = lc;
    return 1;
}

/* `- PRE * POST [CODE]`. Elements: WORD, `{W1 W2 HEAD}` noun phrase, `(PREP ...)`
 * prepositional phrase (may hold a word or a noun phrase), `&SYNSET`, `^` any noun
 * phrase, `$` source, `+` target, `%` other. `_` joins two elements that must be
 * adjacent (TABARI syntax: `IN_*`, `*_OUT`, `NEW_&TIETYPES_RELATIONS`). The code is
 * the last [...] of the line. Checked: exactly one `*`, outside brackets; brackets
 * balanced, `{` not nested, `(` not nested and not inside `{`. */
static int pattern_line(ld *L, vstate *V, const char *p, size_t n)
{
    dict_set *s = L->s;
    if (!V->have_block) return warn(L, "pattern before any block header");
    p++, n--;                                     /* the '-' */
    uint32_t code = 0, pas = 0;
    const char *br = NULL;
    for (size_t i = n; i-- > 0;)
        if (p[i] == '[') {
            br = p + i;
            break;
        }
    if (br) {
        const char *cl = findc(br, n - (size_t)(br - p), ']');
        if (!cl) return warn(L, "'[' without ']' in pattern");
        if (verb_code(L, br + 1, (size_t)(cl - br - 1), &code, &pas) < 0) return -1;
        n = (size_t)(br - p);
    }
    size_t first = s->elems.n;
    int np = 0, pp = 0, stars = 0, joined = 0, verb_joined = 0;
    size_t npre = 0;
    const char *bad = NULL;
    for (size_t i = 0; i < n && !bad;) {
        char c = p[i];
        if (is_space((unsigned char)c)) {
            joined = 0;
            i++;
            continue;
        }
        if (c == '_') {
            joined = 1;
            i++;
            continue;
        }
        uint8_t kind = DICT_E_WORD;
        uint32_t id = 0;
        /* Choice: newdict.txt writes `(P TO` for "preposition TO" with no `)`: the
         * phrase is closed before the next `(P`, `*`, or the end of the line */
        if (pp == 2 && (c == '*' || c == '(') && !np) {
            if (push_elem(L, DICT_E_PP_CLOSE, 0, 0) < 0) return -1;
            pp = 0;
        }
        if (c == '(' && i + 2 < n && p[i + 1] == 'P' && is_space((unsigned char)p[i + 2]) && !np) {
            if (push_elem(L, DICT_E_PP_OPEN, 0, 0) < 0) return -1;
            pp = 2;
            joined = 0;
            i += 2;
            continue;
        }
        if (c == '*') {
            if (stars++ || np || pp) bad = stars > 1 ? "more than one '*'" : "'*' inside brackets";
            npre = s->elems.n - first;
            verb_joined = joined;
            joined = 0;
            i++;
            continue;
        }
        if (c == ')' && !pp && !np && repeated_tail(s, first)) {
            /* Choice: `- * VENTURE (WITH VISIT)   VISIT)[042:043]` (CAMEO.2.0.txt) —
             * a column-alignment slip repeats the end of the phrase just closed; the
             * repeat is dropped rather than the pattern */
            i++;
            joined = 0;
            continue;
        }
        if (c == '{' || c == '}' || c == '(' || c == ')') {
            if (c == '{' && np) bad = "nested '{'";
            if (c == '{') np = 1, kind = DICT_E_NP_OPEN;
            if (c == '}' && !np) bad = "'}' without '{'";
            if (c == '}') np = 0, kind = DICT_E_NP_CLOSE;
            if (c == '(' && (pp || np)) bad = "nested '('";
            if (c == '(') pp = 1, kind = DICT_E_PP_OPEN;
            if (c == ')' && (!pp || np)) bad = "unbalanced ')'";
            if (c == ')') pp = 0, kind = DICT_E_PP_CLOSE;
            if (!bad && push_elem(L, kind, 0, 0) < 0) return -1;
            joined = 0;
            i++;
            continue;
        }
        size_t b = i;
        while (i < n && !is_space((unsigned char)p[i]) && !isin("_{}()*", p[i])) i++;
        const char *w = p + b;
        size_t wn = i - b;
        if (wn == 0) {
            i++;
            continue;
        }
        if (isin("$+%^", w[0])) {
            kind = w[0] == '$' ? DICT_E_SOURCE : w[0] == '+' ? DICT_E_TARGET
                 : w[0] == '%' ? DICT_E_OTHER : DICT_E_ANY;
            if (push_elem(L, kind, (uint8_t)joined, 0) < 0) return -1;
            /* `+-SPONSORED`: the marker, then the rest as a word adjacent to it */
            w++, wn--;
            joined = 1;
            if (!wn) {
                joined = 0;
                continue;
            }
        }
        if (w[0] == '&') {
            kind = DICT_E_SYNSET;
            if (!(id = synset_id(L, w, wn))) return -1;
            synset *sy = &s->synsets.v[id];
            if (!sy->use_line) sy->use_file = L->file, sy->use_line = (uint32_t)L->line;
        } else {
            kind = DICT_E_WORD;
            if (!(id = word_id(L, w, wn))) return -1;
        }
        if (push_elem(L, kind, (uint8_t)joined, id) < 0) return -1;
        joined = 0;
    }
    if (!bad && pp == 2 && !np) {
        if (push_elem(L, DICT_E_PP_CLOSE, 0, 0) < 0) return -1;
        pp = 0;
    }
    if (!bad && (np || pp)) bad = "unclosed bracket";
    if (!bad && stars == 0) bad = "pattern without '*'";
    if (bad) {
        s->elems.n = first;
        return warn(L, "%s", bad);
    }
    vpat *pt = vec_push(s->pats);
    if (!pt) return nomem(L);
    pt->elems = (uint32_t)first;
    pt->npre = (uint32_t)npre;
    pt->npost = (uint32_t)(s->elems.n - first - npre);
    pt->code = code;
    pt->passive = pas;
    pt->file = L->file;
    pt->line = (uint32_t)L->line;
    pt->verb_joined = (uint8_t)verb_joined;
    uint32_t *slot = vec_push(s->blocks.v[V->block].pats);
    if (!slot) return nomem(L);
    *slot = (uint32_t)(s->pats.n - 1);
    return 0;
}

/* One transformation verb: `ATTACK`, `A_B` (B under A: PETRARCH2 adds the two
 * verbs' internal codes, the same nesting), `Q` (any verb). */
static int trans_verb(ld *L, const char *w, size_t n, uint32_t *off, uint32_t *cnt)
{
    *off = *cnt = 0;
    if (n == 1 && w[0] == 'Q') return 1;
    L->tmp.n = 0;
    long k = phrase_words(L, w, n, &L->tmp);
    if (k < 0) return -1;
    if (k == 0 || k > 2) return warn(L, "bad transformation verb '%.*s' (a verb, A_B or Q)", (int)n, w);
    *off = (uint32_t)L->s->tverbs.n;
    for (long i = 0; i < k; i++) {
        dict_tverb *tv = vec_push(L->s->tverbs);
        if (!tv) return nomem(L);
        *tv = (dict_tverb){L->tmp.v[i], UINT32_MAX, NULL};
    }
    *cnt = (uint32_t)k;
    return 1;
}

/* `~ a (b c V2) V1 = x y CODE` (see dict.h). Verbs are resolved after each file
 * (transforms_resolve), so the order of definitions does not matter (PETRARCH2
 * fails on a verb defined later). Choice: a result letter must be one of the
 * pattern's (PETRARCH2 fails at coding time). */
static int transform_line(ld *L, const char *p, size_t n)
{
    const char *t[12];
    size_t tl[12], nt = 0;
    for (size_t i = 1; i < n;) {
        if (is_space((unsigned char)p[i])) {
            i++;
            continue;
        }
        size_t b = i;
        if (isin("()=", p[i])) i++;
        else
            while (i < n && !is_space((unsigned char)p[i]) && !isin("()=", p[i])) i++;
        if (nt == 12) return warn(L, "bad transformation");
        t[nt] = p + b;
        tl[nt++] = i - b;
    }
    /* a ( b c V2 ) V1 = x y CODE */
    static const int var[] = {0, 2, 3, 8, 9};
    if (nt != 11 || t[1][0] != '(' || t[5][0] != ')' || t[7][0] != '=')
        return warn(L, "bad transformation (expected '~ a (b c VERB) VERB = x y CODE')");
    vtrans tr = {{0}, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 5; i++) {
        const char *v = t[var[i]];
        if (tl[var[i]] != 1 || !(isin("._", v[0]) || (v[0] >= 'a' && v[0] <= 'z') ||
                                 (v[0] >= 'A' && v[0] <= 'Z')))
            return warn(L, "bad transformation variable '%.*s'", (int)tl[var[i]], v);
        tr.v[i] = v[0];
    }
    for (int i = 3; i < 5; i++)
        if (!isin("._", tr.v[i]) && tr.v[i] != tr.v[0] && tr.v[i] != tr.v[1] && tr.v[i] != tr.v[2])
            return warn(L, "bad transformation: '%c' is not in the pattern", tr.v[i]);
    size_t nv0 = L->s->tverbs.n;
    int e = trans_verb(L, t[4], tl[4], &tr.v2, &tr.nv2);
    if (e > 0) e = trans_verb(L, t[6], tl[6], &tr.v1, &tr.nv1);
    if (e <= 0) {
        L->s->tverbs.n = nv0;
        return e;
    }
    if (!(tl[10] == 1 && t[10][0] == 'Q') && !(tr.code = str_id(L, t[10], tl[10]))) return -1;
    tr.file = L->file;
    tr.line = (uint32_t)L->line;
    vtrans *slot = vec_push(L->s->trans);
    if (!slot) return nomem(L);
    *slot = tr;
    return 0;
}

/* Resolves every transformation verb through the verbs loaded so far: the entry
 * of the form with no pre-words and no particles, and its code. */
static void transforms_resolve(dict_set *s)
{
    for (size_t i = 0; i < s->tverbs.n; i++) {
        dict_tverb *tv = &s->tverbs.v[i];
        tv->verb = UINT32_MAX;
        tv->code = NULL;
        for (uint32_t f = map_get(&s->form_by_word, tv->word); f; f = s->forms.v[f - 1].next) {
            const vform *v = &s->forms.v[f - 1];
            if (v->npre || v->npost) continue;
            tv->verb = v->verb;
            tv->code = intern_str(s->strs, s->verbs.v[v->verb].code);
            break;
        }
    }
}

static int load_verbs(ld *L, lines *r)
{
    vstate V = {0};
    const char *p;
    size_t n;
    int rc;
    size_t nsyn0 = L->s->synsets.n;
    while ((rc = next_line(L, r, &p, &n)) > 0) {
        trim(&p, &n);
        if (!n) continue;
        int e = 0;
        if (n >= 3 && p[0] == '-' && p[1] == '-' && p[2] == '-') {
            e = block_header(L, &V, p, n);
        } else if (p[0] == '-') {
            V.syn_mode = 0;
            e = pattern_line(L, &V, p, n);
        } else if (p[0] == '&') {
            size_t k = 0;
            while (k < n && !is_space((unsigned char)p[k])) k++;
            uint32_t id = synset_id(L, p, k);
            if (!id) return -1;
            synset *sy = &L->s->synsets.v[id];
            sy->defined = 1;
            sy->noplural = p[k - 1] == '_';
            V.syn_mode = 1;
            V.syn = id;
        } else if (p[0] == '+' && V.syn_mode) {
            e = synset_member(L, V.syn, p + 1, n - 1);
        } else if (p[0] == '~') {
            e = transform_line(L, p, n);
        } else {
            V.syn_mode = 0;
            e = verb_line(L, &V, p, n);
        }
        if (e < 0 || L->st != SITREP_OK) return -1;
    }
    if (rc < 0) return rc;
    /* synsets used but never defined (in any file loaded so far): reported once, at
     * the end of the file whose pattern first uses them, with that pattern's line;
     * the pattern is kept (so this is not fatal when strict) but such an element
     * never matches (PETRARCH2 matches the label as a word) */
    for (size_t i = 1; i < L->s->synsets.n; i++) {
        synset *sy = &L->s->synsets.v[i];
        if (sy->defined || i < nsyn0 || sy->use_file != L->file) continue;
        L->line = sy->use_line;
        notice(L, "undefined synset %s", intern_str(L->s->syns, (uint32_t)i));
    }
    /* transformation verbs that no file loaded so far has at all (not even in a
     * multi-word form): reported at the end of the transformation's file */
    transforms_resolve(L->s);
    for (size_t i = 0; i < L->s->trans.n; i++) {
        const vtrans *t = &L->s->trans.v[i];
        if (t->file != L->file) continue;
        for (uint32_t k = 0; k < t->nv1 + t->nv2; k++) {
            const dict_tverb *tv = &L->s->tverbs.v[k < t->nv2 ? t->v2 + k : t->v1 + k - t->nv2];
            if (map_get(&L->s->form_by_word, tv->word)) continue;
            L->line = t->line;
            notice(L, "transformation verb %s is not in the verb dictionary", intern_str(L->s->words, tv->word));
        }
    }
    return 0;
}

size_t dict_verb_lookup(const dict_set *s, uint32_t word, dict_form *out, size_t cap)
{
    size_t cnt = 0;
    if (!s || !word) return 0;
    for (uint32_t f = map_get(&s->form_by_word, word); f; f = s->forms.v[f - 1].next, cnt++) {
        if (cnt >= cap) continue;
        const vform *v = &s->forms.v[f - 1];
        const ventry *e = &s->verbs.v[v->verb];
        dict_form *o = &out[cnt];
        o->verb = v->verb;
        o->block = e->block;
        o->pre = s->ids.v + v->pre;
        o->npre = v->npre;
        o->post = s->ids.v + v->post;
        o->npost = v->npost;
        o->code = intern_str(s->strs, e->code);
        o->passive = intern_str(s->strs, e->passive);
    }
    return cnt;
}

size_t dict_nblocks(const dict_set *s) { return s ? s->blocks.n : 0; }

const char *dict_block_name(const dict_set *s, uint32_t b)
{
    return s && b < s->blocks.n ? intern_str(s->strs, s->blocks.v[b].name) : NULL;
}

size_t dict_block_npatterns(const dict_set *s, uint32_t b)
{
    return s && b < s->blocks.n ? s->blocks.v[b].pats.n : 0;
}

int dict_block_pattern(const dict_set *s, uint32_t b, size_t i, dict_pattern *o)
{
    if (!s || b >= s->blocks.n || i >= s->blocks.v[b].pats.n) return 0;
    const vpat *p = &s->pats.v[s->blocks.v[b].pats.v[i]];
    o->pre = s->elems.v + p->elems;
    o->npre = p->npre;
    o->post = s->elems.v + p->elems + p->npre;
    o->npost = p->npost;
    o->code = intern_str(s->strs, p->code);
    o->passive = intern_str(s->strs, p->passive);
    o->verb_joined = p->verb_joined;
    o->file = intern_str(s->strs, p->file);
    o->line = p->line;
    return 1;
}

static unsigned first_bit(uint32_t word) { return (word * 2654435761u) >> 24; }

/* Every synset's first-word bits, own members and embedded synsets' (to a fixed
 * point, so cycles and any nesting depth are covered); rebuilt after each verb
 * file, since a later file may add members. A superset of what synset_match can
 * match first, so testing a bit before matching changes no result. */
static void synset_firsts(dict_set *s)
{
    for (size_t i = 0; i < s->synsets.n; i++) memset(s->synsets.v[i].first, 0, sizeof s->synsets.v[i].first);
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 1; i < s->synsets.n; i++) {
            synset *sy = &s->synsets.v[i];
            uint64_t f[4];
            memcpy(f, sy->first, sizeof f);
            for (size_t k = 0; k < sy->m.n; k++) {
                const smember *m = &sy->m.v[k];
                if (m->ref) {
                    if (m->off < s->synsets.n)
                        for (int b = 0; b < 4; b++) f[b] |= s->synsets.v[m->off].first[b];
                } else if (m->n) {
                    unsigned bit = first_bit(s->ids.v[m->off]);
                    f[bit >> 6] |= (uint64_t)1 << (bit & 63);
                }
            }
            if (memcmp(f, sy->first, sizeof f)) {
                memcpy(sy->first, f, sizeof f);
                changed = 1;
            }
        }
    }
}

/* Embedded synsets: at most 8 deep, a synset is not re-entered while it is being
 * matched (cycles), and a budget bounds the work on pathological nesting. */
static int synset_match(const dict_set *s, uint32_t syn, const uint32_t *tok, size_t n,
                        size_t *len, uint32_t *stack, int depth, size_t *budget)
{
    if (syn == 0 || syn >= s->synsets.n || depth >= 8) return 0;
    for (int d = 0; d < depth; d++)
        if (stack[d] == syn) return 0;
    stack[depth] = syn;
    const synset *sy = &s->synsets.v[syn];
    int found = 0;
    for (size_t i = 0; i < sy->m.n; i++) {
        const smember *m = &sy->m.v[i];
        size_t l = 0;
        if (*budget == 0) break;
        --*budget;
        if (m->ref) {
            if (!synset_match(s, m->off, tok, n, &l, stack, depth + 1, budget)) continue;
        } else {
            if (m->n > n || memcmp(s->ids.v + m->off, tok, m->n * sizeof *tok) != 0) continue;
            l = m->n;
        }
        if (!found || l > *len) *len = l;
        found = 1;
    }
    return found;
}

int dict_synset_match(const dict_set *s, uint32_t syn, const uint32_t *tok, size_t n, size_t *len)
{
    size_t l = 0, budget = 100000;
    uint32_t stack[8];
    if (!s || syn == 0 || syn >= s->synsets.n || n == 0) return 0;
    unsigned bit = first_bit(tok[0]);
    if (!(s->synsets.v[syn].first[bit >> 6] >> (bit & 63) & 1)) return 0;
    if (!synset_match(s, syn, tok, n, &l, stack, 0, &budget)) return 0;
    if (len) *len = l;
    return 1;
}

const char *dict_synset_name(const dict_set *s, uint32_t syn) { return s ? intern_str(s->syns, syn) : NULL; }

size_t dict_ntransforms(const dict_set *s) { return s ? s->trans.n : 0; }

int dict_transform_get(const dict_set *s, size_t i, dict_transform *o)
{
    if (!s || i >= s->trans.n) return 0;
    const vtrans *t = &s->trans.v[i];
    o->src = t->v[0];
    o->src2 = t->v[1];
    o->tgt2 = t->v[2];
    o->res_src = t->v[3];
    o->res_tgt = t->v[4];
    o->verb2 = t->nv2 ? s->tverbs.v + t->v2 : NULL;
    o->nverb2 = t->nv2;
    o->verb1 = t->nv1 ? s->tverbs.v + t->v1 : NULL;
    o->nverb1 = t->nv1;
    o->code = intern_str(s->strs, t->code);
    o->file = intern_str(s->strs, t->file);
    o->line = t->line;
    return 1;
}

/* --------------------------------------------------------------- loading */

sitrep_status dict_load_mem(dict_set *s, dict_kind k, const char *buf, size_t len,
                            const char *name, int strict, sitrep_error *err,
                            dict_warn_fn cb, void *ctx)
{
    if (!s || (!buf && len)) return err_set(err, SITREP_ERR_USAGE, name, 0, SIZE_MAX, "bad arguments");
    ld L = {0};
    L.s = s;
    L.name = name ? name : "";
    L.strict = strict;
    L.err = err;
    L.cb = cb;
    L.ctx = ctx;
    L.file = intern_add(s->strs, L.name, strlen(L.name));
    if (!L.file) return err_set(err, SITREP_ERR_NOMEM, name, 0, SIZE_MAX, "out of memory");
    lines r = {0};
    r.p = buf;
    r.end = buf + len;
    int rc;
    switch (k) {
    case DICT_VERBS:
        rc = load_verbs(&L, &r);
        synset_firsts(s);        /* also after a failed load: s keeps part of the file */
        transforms_resolve(s);
        break;
    case DICT_ACTORS: rc = load_actors(&L, &r); break;
    case DICT_AGENTS: rc = load_agents(&L, &r); break;
    case DICT_DISCARDS: rc = load_discards(&L, &r); break;
    default: rc = -1; L.st = err_set(err, SITREP_ERR_USAGE, name, 0, SIZE_MAX, "bad dictionary kind");
    }
    free(r.buf);
    free(L.ubuf);
    vec_free(L.tmp);
    vec_free(L.tmp2);
    if (rc < 0 && L.st == SITREP_OK) L.st = SITREP_ERR_NOMEM;
    return L.st;
}

sitrep_status dict_load(dict_set *s, dict_kind k, const char *path, int strict,
                        sitrep_error *err, dict_warn_fn cb, void *ctx)
{
    if (!path) return err_set(err, SITREP_ERR_USAGE, NULL, 0, SIZE_MAX, "no dictionary path");
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 65536) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
            }
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "read error");
    }
    sitrep_status st = dict_load_mem(s, k, buf, len, path, strict, err, cb, ctx);
    free(buf);
    return st;
}

/* ----------------------------------------------------------------- figures */

void dict_get_counts(const dict_set *s, dict_counts *o)
{
    memset(o, 0, sizeof *o);
    if (!s) return;
    o->blocks = s->blocks.n;
    o->block_headers = s->block_headers;
    o->verbs = s->verbs.n;
    o->forms = s->forms.n;
    o->patterns = s->pats.n;
    for (size_t i = 0; i < s->synsets.n; i++) o->synsets += s->synsets.v[i].defined;
    o->synset_members = s->synset_members;
    o->transforms = s->trans.n;
    o->actor_entries = s->aents.n;
    o->actor_phrases = s->aphr.n;
    o->actor_codes = s->acodes.n;
    o->agent_lines = s->agent_lines;
    o->agent_phrases = s->gphr.n;
    o->agent_sets = s->gsets.n;
    o->discards_sentence = s->ndisc_sent;
    o->discards_story = s->ndisc_story;
    o->words = intern_count(s->words);
    size_t m = sizeof *s + intern_memory(s->words) + intern_memory(s->strs) + intern_memory(s->syns);
    m += s->ids.cap * 4 + trie_memory(&s->atrie) + trie_memory(&s->gtrie) + trie_memory(&s->dtrie);
    m += s->aphr.cap * sizeof *s->aphr.v + s->arefs.cap * sizeof *s->arefs.v +
         s->aents.cap * sizeof *s->aents.v + s->acodes.cap * sizeof *s->acodes.v;
    m += s->gphr.cap * sizeof *s->gphr.v + s->gsets.cap * sizeof *s->gsets.v;
    for (size_t i = 0; i < s->gsets.n; i++) m += s->gsets.v[i].items.cap * 4;
    m += s->blocks.cap * sizeof *s->blocks.v + s->verbs.cap * sizeof *s->verbs.v +
         s->forms.cap * sizeof *s->forms.v + s->pats.cap * sizeof *s->pats.v +
         s->elems.cap * sizeof *s->elems.v + s->synsets.cap * sizeof *s->synsets.v +
         s->trans.cap * sizeof *s->trans.v + s->tverbs.cap * sizeof *s->tverbs.v;
    for (size_t i = 0; i < s->blocks.n; i++) m += s->blocks.v[i].pats.cap * 4;
    for (size_t i = 0; i < s->synsets.n; i++) m += s->synsets.v[i].m.cap * sizeof(smember);
    m += (s->block_by_name.cap + s->form_by_word.cap) * 12;
    o->memory = m;
}
