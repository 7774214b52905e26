/* tone.c — GDELT V1.5TONE figures and loaded language over a document's words.
 *
 * One open-addressing hash table holds every key of every lexicon: single words and
 * phrases (words joined by one space, as the tokenizer splits them). A key carries
 * its AFINN score, its activity/group/modifier roles and its loaded-language entry;
 * the words that begin a longer phrase carry a PREFIX flag, so the matcher extends a
 * match word by word and stops as soon as no phrase can continue. Lookups lower-case
 * each word into a stack buffer: nothing is allocated per word.
 *
 * Why counts and not AFINN scores: GDELT's Positive/Negative Score are percentages
 * of words, and users compare our tone with GDELT's. AFINN's magnitude is not used
 * beyond its sign; modifiers scale the count (see tone.h). */
#include "tone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "arena.h"
#include "doc.h"
#include "err.h"
#include "utf8.h"
#include "vec.h"

enum {
    TL_AFINN = 1 << 0,        /* afinn holds a score (0 allowed: a neutral phrase) */
    TL_ACTIVITY = 1 << 1,
    TL_GROUP = 1 << 2,
    TL_NEGATOR = 1 << 3,
    TL_BOUNDARY = 1 << 4,     /* ends a negation's scope ("but") */
    TL_PREFIX_AFINN = 1 << 5, /* a proper prefix of an AFINN phrase */
    TL_PREFIX_LOADED = 1 << 6 /* a proper prefix of a loaded phrase */
};

enum { NEG_SCOPE = 3, KEY_MAX = 256 };

typedef struct tl_entry {
    const char *key;          /* NULL: empty slot (arena string) */
    uint32_t hash;
    uint16_t flags;
    int8_t afinn;
    float mod;                /* intensifier/downtoner factor, 0 = none */
    int32_t loaded;           /* index in lex->loaded, -1 = none */
} tl_entry;

typedef struct tl_loaded {
    const char *category;     /* interned in lex->mem */
    const char **not_after, **not_before, **only_after;
    uint32_t n_after, n_before, n_only;   /* only_after: "@cap" = a capitalized word */
} tl_loaded;

enum { BLOOM_SHIFT = 14, BLOOM_BITS = 1 << (32 - BLOOM_SHIFT) };

struct tone_lex {
    arena mem;
    tl_entry *tab;
    size_t cap, n;
    /* one bit per key (a remix of its hash): most words of a text (the, of,
     * said...) are rejected here, in 32 KB that stay in cache, before the table */
    uint64_t bloom[BLOOM_BITS / 64];
    VEC(tl_loaded) loaded;
    VEC(const char *) cats;
};

/* ------------------------------------------------------------ hash table */

static uint32_t hash_str(const char *s, size_t len)
{
    uint32_t h = 2166136261u;  /* FNV-1a */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t bloom_bit(uint32_t h) { return (h * 0x9E3779B1u) >> BLOOM_SHIFT; }

static const tl_entry *lex_get_h(const tone_lex *lex, const char *key, size_t len, uint32_t h)
{
    uint32_t b = bloom_bit(h);
    if (!(lex->bloom[b / 64] >> (b % 64) & 1)) return NULL;
    for (size_t i = h & (lex->cap - 1);; i = (i + 1) & (lex->cap - 1)) {
        const tl_entry *e = &lex->tab[i];
        if (!e->key) return NULL;
        if (e->hash == h && strncmp(e->key, key, len) == 0 && e->key[len] == '\0') return e;
    }
}

static const tl_entry *lex_get(const tone_lex *lex, const char *key, size_t len)
{
    return lex_get_h(lex, key, len, hash_str(key, len));
}

static int lex_grow(tone_lex *lex)
{
    size_t cap = lex->cap ? lex->cap * 2 : 8192;
    tl_entry *tab = calloc(cap, sizeof *tab);
    if (!tab) return -1;
    for (size_t i = 0; i < lex->cap; i++) {
        if (!lex->tab[i].key) continue;
        size_t j = lex->tab[i].hash & (cap - 1);
        while (tab[j].key) j = (j + 1) & (cap - 1);
        tab[j] = lex->tab[i];
    }
    free(lex->tab);
    lex->tab = tab;
    lex->cap = cap;
    return 0;
}

/* The entry of key (created empty when absent); NULL on no memory. The pointer is
 * valid until the next lex_put. */
static tl_entry *lex_put(tone_lex *lex, const char *key, size_t len)
{
    if ((lex->n + 1) * 2 > lex->cap && lex_grow(lex) != 0) return NULL;
    uint32_t h = hash_str(key, len);
    size_t i = h & (lex->cap - 1);
    for (; lex->tab[i].key; i = (i + 1) & (lex->cap - 1))
        if (lex->tab[i].hash == h && strncmp(lex->tab[i].key, key, len) == 0 &&
            lex->tab[i].key[len] == '\0')
            return &lex->tab[i];
    char *k = arena_strndup(&lex->mem, key, len);
    if (!k) return NULL;
    tl_entry *e = &lex->tab[i];
    e->key = k;
    e->hash = h;
    e->loaded = -1;
    lex->bloom[bloom_bit(h) / 64] |= (uint64_t)1 << (bloom_bit(h) % 64);
    lex->n++;
    return e;
}

/* ------------------------------------------------------------ word keys */

/* Lower-cases s into buf (NUL-terminated). Returns the length, 0 when it does not
 * fit. ASCII fast path; other code points through utf8proc_tolower. */
static size_t lower_into(const char *s, char *buf, size_t cap)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (*p) {
        if (*p < 0x80) {
            if (o + 1 >= cap) return 0;
            buf[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
            p++;
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(p, (size_t)(end - p), &cp);
        if (n < 0) { cp = 0xFFFD; n = 1; }
        if (o + 5 >= cap) return 0;
        o += (size_t)utf8_encode((uint32_t)utf8proc_tolower((utf8proc_int32_t)cp), buf + o);
        p += n;
    }
    buf[o] = '\0';
    return o;
}

static const char *word_text(const sitrep_word *w)
{
    return w->norm ? w->norm : w->form ? w->form : "";
}

/* A word counts unless tagged PUNCT or, untagged, without a letter or digit. */
static int is_word(const sitrep_word *w)
{
    if (w->upos == SITREP_UPOS_PUNCT) return 0;
    const char *t = word_text(w);
    const unsigned char *p = (const unsigned char *)t, *end = NULL;
    while (*p) {
        if (*p < 0x80) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
                return 1;
            p++;
            continue;
        }
        uint32_t cp;
        if (!end) end = p + strlen((const char *)p);  /* only for non-ASCII words */
        int n = utf8_decode(p, (size_t)(end - p), &cp);
        if (n < 0) { p++; continue; }
        utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) return 1;
        if (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) return 1;
        p += n;
    }
    return 0;
}

/* Words are counted as a reader counts them (and as GDELT does, by blanks): the
 * clitic of a multi-word token ("do" + "n't", "Ukraine" + "'s") and the pieces of a
 * hyphenated compound split by the tokenizer ("cover" "-" "up") count once. */
static int counts_as_word(const sitrep_doc *d, size_t i, size_t w0)
{
    const sitrep_word *w = &d->words.v[i];
    if (w->token < d->tokens.n && d->tokens.v[w->token].word != i && i > w0 &&
        d->words.v[i - 1].token == w->token)
        return 0;
    if (i >= w0 + 2) {
        const sitrep_word *h = &d->words.v[i - 1], *p = &d->words.v[i - 2];
        if (h->end == w->start && p->end == h->start && strcmp(word_text(h), "-") == 0) return 0;
    }
    return 1;
}

static int starts_upper(const char *s)
{
    uint32_t cp;
    const unsigned char *p = (const unsigned char *)s;
    if (*p < 0x80) return *p >= 'A' && *p <= 'Z';
    if (utf8_decode(p, strlen(s), &cp) < 0) return 0;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

static int n_upper_ascii(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s >= 'A' && *s <= 'Z';
    return n;
}

/* Punctuation after which a capital letter is normal: sentence ends, quotation
 * marks, colon, brackets, dashes. */
static int opens_clause(const char *s)
{
    static const char *const marks[] = {
        ".", "!", "?", ":", ";", "\"", "(", "[", "-", "--", "\xe2\x80\x9c", "\xe2\x80\x9d",
        "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x80\x93", "\xc2\xab", "'", "..."};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strcmp(s, marks[i]) == 0) return 1;
    return 0;
}

/* ------------------------------------------------------------ scoring */

typedef struct tone_acc {
    double pos, neg;
    uint32_t words, activity, group;
} tone_acc;

/* Index of the first word starting at or after byte off. */
static size_t first_word_at(const sitrep_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->words.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->words.v[mid].start < off) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* The entry of word w (lower-cased), NULL when none. ASCII words are lower-cased
 * and hashed in one pass; the rest go through lower_into. */
static const tl_entry *word_entry(const tone_lex *lex, const sitrep_word *w)
{
    char key[KEY_MAX];
    const unsigned char *p = (const unsigned char *)word_text(w);
    uint32_t h = 2166136261u;
    size_t len = 0;
    for (; *p && *p < 0x80 && len + 1 < KEY_MAX; p++) {
        char c = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        key[len++] = c;
        h = (h ^ (unsigned char)c) * 16777619u;
    }
    if (*p) {
        len = lower_into(word_text(w), key, KEY_MAX);
        return len ? lex_get(lex, key, len) : NULL;
    }
    key[len] = '\0';
    return len ? lex_get_h(lex, key, len, h) : NULL;
}

/* The sentiment entry of a word missing from the table under its own form, once
 * tagged: its lemma's. (Untagged, the regular inflections of strong words are in
 * the table already: see expand_inflections.) */
static const tl_entry *lemma_entry(const tone_lex *lex, const sitrep_word *w)
{
    char key[KEY_MAX];
    if (!w->lemma || !w->lemma[0]) return NULL;
    size_t n = lower_into(w->lemma, key, sizeof key);
    const tl_entry *e = n ? lex_get(lex, key, n) : NULL;
    return e && (e->flags & TL_AFINN) ? e : NULL;
}

/* Longest entry starting at word i (i < w1) whose entry e0 is given: a phrase of
 * kind `want` (a flag) or, with want_loaded, one with a loaded entry. Returns its
 * length in words (0: none) and its entry in *out. Keys of several words are built
 * only when e0 begins a phrase (prefix_flag). */
static size_t match_phrase(const tone_lex *lex, const sitrep_doc *d, size_t i, size_t w1,
                           const tl_entry *e0, uint16_t want, uint16_t prefix_flag,
                           int want_loaded, const tl_entry **out)
{
    size_t best = 0;
    *out = NULL;
    if (!e0) return 0;
    if ((want && (e0->flags & want)) || (want_loaded && e0->loaded >= 0)) {
        best = 1;
        *out = e0;
    }
    if (!(e0->flags & prefix_flag)) return best;
    char buf[KEY_MAX];
    size_t len = lower_into(word_text(&d->words.v[i]), buf, sizeof buf);
    for (size_t j = i + 1; len && j < w1 && len + 2 < sizeof buf; j++) {
        buf[len++] = ' ';
        size_t m = lower_into(word_text(&d->words.v[j]), buf + len, sizeof buf - len);
        if (!m) break;
        len += m;
        const tl_entry *e = lex_get(lex, buf, len);
        if (!e) break;
        if ((want && (e->flags & want)) || (want_loaded && e->loaded >= 0)) {
            best = j - i + 1;
            *out = e;
        }
        if (!(e->flags & prefix_flag)) break;
    }
    return best;
}

typedef struct qscan qscan;
static int loaded_at(const tone_lex *lex, sitrep_doc *d, size_t i, const tl_entry *e,
                     qscan *qs, size_t *skip);

/* One walk over words [w0, w1): the tone counts into *a and, when hits is not NULL
 * (it is d, in tone_run), the loaded-language hits. Returns SITREP_ERR_NOMEM when a
 * hit cannot be stored. */
static sitrep_status score_words(const tone_lex *lex, const sitrep_doc *d, size_t w0,
                                 size_t w1, tone_acc *a, sitrep_doc *hits, qscan *qs)
{
    size_t loaded_skip = w0;
    int neg_left = 0, at_start = 1;
    double mod = 1.0;
    size_t skip_until = w0, si = 0;
    memset(a, 0, sizeof *a);
    while (si < d->sentences.n && d->sentences.v[si].word + d->sentences.v[si].nwords <= w0) si++;
    for (size_t i = w0; i < w1; i++) {
        const sitrep_word *w = &d->words.v[i];
        const char *t = word_text(w);
        if (si < d->sentences.n && d->sentences.v[si].word == i) { at_start = 1; si++; }
        if (!is_word(w)) {
            int opens = opens_clause(t);
            if (opens || (t[0] == ',' && !t[1])) { neg_left = 0; mod = 1.0; }
            if (opens) at_start = 1;
            continue;
        }
        if (counts_as_word(d, i, w0)) a->words++;
        int name = w->upos == SITREP_UPOS_PROPN ||
                   (w->upos == SITREP_UPOS_NONE && !at_start && starts_upper(t));
        at_start = 0;
        const tl_entry *e = word_entry(lex, w);
        /* loaded language: not on names ("Fast and Furious") */
        if (hits && e && !name && i >= loaded_skip &&
            (e->loaded >= 0 || (e->flags & TL_PREFIX_LOADED)) &&
            loaded_at(lex, hits, i, e, qs, &loaded_skip) != 0)
            return SITREP_ERR_NOMEM;
        /* activity words are verbs: once tagged, only a VERB counts ("the fire") */
        if (e && (e->flags & TL_ACTIVITY) && !name &&
            (w->upos == SITREP_UPOS_NONE || w->upos == SITREP_UPOS_VERB))
            a->activity++;
        if (e && (e->flags & TL_GROUP) && n_upper_ascii(t) < 2) a->group++;
        if (i < skip_until) continue;  /* inside a phrase already scored */
        const tl_entry *p = NULL;
        size_t plen = match_phrase(lex, d, i, w1, e, TL_AFINN, TL_PREFIX_AFINN, 0, &p);
        if (!plen && !name && !(e && (e->flags & (TL_NEGATOR | TL_BOUNDARY) || e->mod != 0)) &&
            (p = lemma_entry(lex, w)) != NULL)
            plen = 1;  /* an inflection missing from the table */
        if (plen == 1 && name) plen = 0;
        if (plen <= 1 && e && (e->flags & TL_NEGATOR)) { neg_left = NEG_SCOPE; continue; }
        if (plen <= 1 && e && (e->flags & TL_BOUNDARY)) { neg_left = 0; mod = 1.0; continue; }
        if (plen <= 1 && e && e->mod != 0) { mod *= e->mod; continue; }
        if (plen && p->afinn != 0) {
            int sign = p->afinn > 0 ? 1 : -1;
            if (neg_left > 0) sign = -sign;
            if (sign > 0) a->pos += mod; else a->neg += mod;
            neg_left = 0;
            mod = 1.0;
            skip_until = i + plen;
            continue;
        }
        if (plen > 1) skip_until = i + plen;  /* a neutral phrase ("kind of") */
        if (neg_left > 0) neg_left--;
        mod = 1.0;
    }
    return SITREP_OK;
}

static void acc_to_tone(const tone_acc *a, sitrep_tone *t)
{
    memset(t, 0, sizeof *t);
    t->computed = 1;
    t->words = a->words;
    if (!a->words) return;
    double k = 100.0 / a->words;
    t->positive = a->pos * k;
    t->negative = a->neg * k;
    t->tone = t->positive - t->negative;
    t->polarity = t->positive + t->negative;
    t->activity = a->activity * k;
    t->self_group = a->group * k;
}

sitrep_status tone_span(const tone_lex *lex, const sitrep_doc *d, uint32_t start,
                        uint32_t end, sitrep_tone *out)
{
    if (!lex || !d || !out || end < start) return SITREP_ERR_USAGE;
    size_t w0 = first_word_at(d, start), w1 = w0;
    while (w1 < d->words.n && d->words.v[w1].end <= end) w1++;
    tone_acc a;
    score_words(lex, d, w0, w1, &a, NULL, NULL);
    acc_to_tone(&a, out);
    return SITREP_OK;
}

/* ------------------------------------------------------------ quotations */

/* Walks the words in order and says which lie inside a quotation: doc->quotes
 * spans when there are any, else the spans between quotation marks in the text. */
struct qscan {
    const sitrep_doc *d;
    size_t pos;
    int open;
    uint64_t *order;        /* quotes as start << 32 | index, by start (malloc);
                               NULL: none, or no memory (then a linear scan) */
    size_t next;            /* order[next]: the first quote not yet started */
    uint32_t excl_end, scare_end;   /* furthest end of the quotes started so far */
    int have_excl, have_scare;
};

static int by_start(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void qscan_init(qscan *s, const sitrep_doc *d)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    if (!d->quotes.n || d->quotes.n > UINT32_MAX) return;
    s->order = malloc(d->quotes.n * sizeof *s->order);
    if (!s->order) return;
    for (size_t k = 0; k < d->quotes.n; k++) s->order[k] = (uint64_t)d->quotes.v[k].start << 32 | k;
    qsort(s->order, d->quotes.n, sizeof *s->order, by_start);
}

static void qscan_free(qscan *s)
{
    free(s->order);
    s->order = NULL;
}

static int quote_excludes(const sitrep_quote *q)
{
    return !q->kind || (strcmp(q->kind, "indirect") != 0 && strcmp(q->kind, "scare") != 0);
}

/* 1 when w lies inside a quotation: a doc->quotes span that excludes, or a span
 * between quotation marks that the quotes stage has not called a scare quote (it
 * may leave quotations without a speaker out of doc->quotes). Words must be asked
 * in text order: the marks are scanned once, incrementally. */
static int qscan_in(qscan *s, const sitrep_word *w)
{
    const sitrep_doc *d = s->d;
    const unsigned char *t = (const unsigned char *)d->text;
    size_t end = w->start < d->len ? w->start : d->len;
    for (size_t i = s->pos; i < end; i++) {
        if (t[i] == '"') s->open = !s->open;
        else if (t[i] == '\n') s->open = 0;
        else if (t[i] == 0xE2 && i + 2 < d->len && t[i + 1] == 0x80 && t[i + 2] == 0x9C) s->open = 1;
        else if (t[i] == 0xE2 && i + 2 < d->len && t[i + 1] == 0x80 && t[i + 2] == 0x9D) s->open = 0;
        else if (t[i] == 0xC2 && i + 1 < d->len && t[i + 1] == 0xAB) s->open = 1;
        else if (t[i] == 0xC2 && i + 1 < d->len && t[i + 1] == 0xBB) s->open = 0;
    }
    if (end > s->pos) s->pos = end;
    int scare = 0;
    if (s->order) {
        /* words come in text order: a word lies in a quote that has started
         * before it iff it ends before the furthest end of those quotes */
        while (s->next < d->quotes.n && (s->order[s->next] >> 32) <= w->start) {
            const sitrep_quote *q = &d->quotes.v[s->order[s->next++] & 0xffffffffu];
            if (quote_excludes(q)) {
                if (!s->have_excl || q->end > s->excl_end) s->excl_end = q->end;
                s->have_excl = 1;
            } else if (q->kind && strcmp(q->kind, "scare") == 0) {
                if (!s->have_scare || q->end > s->scare_end) s->scare_end = q->end;
                s->have_scare = 1;
            }
        }
        if (s->have_excl && w->end <= s->excl_end) return 1;
        scare = s->have_scare && w->end <= s->scare_end;
        return s->open && !scare;
    }
    for (size_t k = 0; k < d->quotes.n; k++) {
        const sitrep_quote *q = &d->quotes.v[k];
        if (w->start < q->start || w->end > q->end) continue;
        if (quote_excludes(q)) return 1;
        scare |= q->kind && strcmp(q->kind, "scare") == 0;
    }
    return s->open && !scare;
}

/* ------------------------------------------------------------ loaded language */

static int in_list(const char *const *list, uint32_t n, const char *key)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(list[i], key) == 0) return 1;
    return 0;
}

/* The neighbouring word (skipping commas and the like, not sentence or clause
 * marks), lower-cased into buf; returns its index, SIZE_MAX (and "") when none. */
static size_t neighbour(const sitrep_doc *d, size_t i, int dir, size_t hi, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t j = i; dir < 0 ? j > 0 : j + 1 < hi;) {
        j = dir < 0 ? j - 1 : j + 1;
        if (!is_word(&d->words.v[j])) {
            if (opens_clause(word_text(&d->words.v[j]))) return SIZE_MAX;
            continue;
        }
        if (!lower_into(word_text(&d->words.v[j]), buf, cap)) buf[0] = '\0';
        return j;
    }
    return SIZE_MAX;
}

/* The context options of a loaded entry allow the hit at words [i, i + n). */
static int context_ok(const tl_loaded *L, const sitrep_doc *d, size_t i, size_t n)
{
    char buf[KEY_MAX];
    if (L->n_after || L->n_only) {
        size_t j = neighbour(d, i, -1, d->words.n, buf, sizeof buf);
        if (L->n_after && in_list(L->not_after, L->n_after, buf)) return 0;
        if (L->n_only && !in_list(L->only_after, L->n_only, buf) &&
            !(j != SIZE_MAX && in_list(L->only_after, L->n_only, "@cap") &&
              starts_upper(word_text(&d->words.v[j]))))
            return 0;
    }
    if (L->n_before) {
        neighbour(d, i + n - 1, 1, d->words.n, buf, sizeof buf);
        if (in_list(L->not_before, L->n_before, buf)) return 0;
    }
    return 1;
}

static int cmp_loaded(const void *x, const void *y)
{
    const sitrep_loaded *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;  /* the longer first */
    return strcmp(a->category, b->category);
}

/* A loaded hit starting at word i (entry e), if its context allows: appended to
 * d->loaded, *skip set past it. -1 on no memory. Whether it lies in a quotation is
 * asked only here: quotation scanning costs nothing on the words without hits. */
static int loaded_at(const tone_lex *lex, sitrep_doc *d, size_t i, const tl_entry *e,
                     qscan *qs, size_t *skip)
{
    const tl_entry *p;
    size_t plen = match_phrase(lex, d, i, d->words.n, e, 0, TL_PREFIX_LOADED, 1, &p);
    if (!plen) return 0;
    const tl_loaded *L = &lex->loaded.v[p->loaded];
    if (!context_ok(L, d, i, plen)) return 0;
    sitrep_loaded *h = vec_push(d->loaded);
    if (!h) return -1;
    h->start = d->words.v[i].start;
    h->end = d->words.v[i + plen - 1].end;
    h->category = L->category;
    h->in_quote = (uint8_t)qscan_in(qs, &d->words.v[i]);
    *skip = i + plen;
    return 0;
}

/* Scare quotes (quotes stage, kind "scare") are hits of their own. */
static sitrep_status scare_quotes(sitrep_doc *d)
{
    int added = 0;
    for (size_t k = 0; k < d->quotes.n; k++) {
        const sitrep_quote *q = &d->quotes.v[k];
        if (!q->kind || strcmp(q->kind, "scare") != 0) continue;
        sitrep_loaded *h = vec_push(d->loaded);
        if (!h) return SITREP_ERR_NOMEM;
        h->start = q->start;
        h->end = q->end;
        h->category = "scare-quote";
        added = 1;
    }
    if (added) qsort(d->loaded.v, d->loaded.n, sizeof *d->loaded.v, cmp_loaded);
    return SITREP_OK;
}

sitrep_status tone_run(const tone_lex *lex, sitrep_doc *d)
{
    if (!lex || !d) return SITREP_ERR_USAGE;
    tone_acc a;
    qscan qs;
    qscan_init(&qs, d);
    sitrep_status st = score_words(lex, d, 0, d->words.n, &a, d, &qs);
    qscan_free(&qs);
    acc_to_tone(&a, &d->tone);
    if (st != SITREP_OK) return st;
    return scare_quotes(d);
}

double tone_loaded_density(const sitrep_doc *d)
{
    qscan qs;
    qscan_init(&qs, d);
    size_t words = 0, hits = 0;
    for (size_t i = 0; i < d->words.n; i++) {
        int inq = qscan_in(&qs, &d->words.v[i]);
        if (!inq && is_word(&d->words.v[i]) && counts_as_word(d, i, 0)) words++;
    }
    qscan_free(&qs);
    for (size_t k = 0; k < d->loaded.n; k++) hits += !d->loaded.v[k].in_quote;
    return words ? 100.0 * (double)hits / (double)words : 0.0;
}

/* ------------------------------------------------------------ loading */

typedef struct lfile {
    const char *path;
    char *data;       /* whole file, NUL-terminated (malloc) */
    char *cur;
    size_t line;
} lfile;

static sitrep_status lfile_open(lfile *f, const char *path, sitrep_error *err)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open lexicon");
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(fp);
    fclose(fp);
    if (!buf) return err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
    if (bad) { free(buf); return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "read error"); }
    buf[n] = '\0';
    f->data = f->cur = buf;
    return SITREP_OK;
}

/* Next content line (comments "#..." and blank lines skipped, CR and trailing
 * blanks removed); NULL at the end. The line is modified in place. */
static char *lfile_line(lfile *f)
{
    while (f->cur && *f->cur) {
        char *s = f->cur, *nl = strchr(s, '\n');
        f->cur = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        f->line++;
        size_t n = strlen(s);
        while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
        if (s[0] == '#' || n == 0) continue;
        return s;
    }
    return NULL;
}

/* Splits at the first tab: returns the rest (or NULL), s keeps the field. */
static char *cut_tab(char *s)
{
    char *t = strchr(s, '\t');
    if (!t) return NULL;
    *t = '\0';
    while (*++t == '\t') {}
    return t;
}

/* The forms under which the tokenizer may split an entry (UD EWT): as written, and
 * with hyphens as words ("cover - up") and clitics split ("ca n't stand"). Writes
 * the variants NUL-separated into out; returns how many (1 or 2), 0 if too long. */
static int variants(const char *phrase, char *out, size_t cap)
{
    char a[KEY_MAX], b[KEY_MAX * 2];
    size_t n = lower_into(phrase, a, sizeof a), o = 0, m = 0;
    if (!n) return 0;
    /* collapse blanks */
    for (size_t i = 0; i < n; i++) {
        if (a[i] == ' ' && (m == 0 || a[m - 1] == ' ')) continue;
        a[m++] = a[i];
    }
    while (m && a[m - 1] == ' ') m--;
    a[m] = '\0';
    for (size_t i = 0; i < m; i++) {
        int word_end = i + 3 == m || (i + 3 < m && a[i + 3] == ' ');
        if (a[i] == '-' && i > 0 && a[i - 1] != ' ' && i + 1 < m && a[i + 1] != ' ') {
            memcpy(b + o, " - ", 3);
            o += 3;
        } else if (a[i] == 'n' && i + 2 < m && a[i + 1] == '\'' && a[i + 2] == 't' && word_end &&
                   i > 0 && a[i - 1] != ' ') {
            memcpy(b + o, " n't", 4);  /* can't -> ca n't, don't -> do n't (EWT) */
            o += 4;
            i += 2;
        } else {
            b[o++] = a[i];
        }
        if (o + 5 >= sizeof b) return 0;
    }
    b[o] = '\0';
    if (m + 1 > cap) return 0;
    memcpy(out, a, m + 1);
    if (strcmp(a, b) == 0) return 1;
    if (m + 1 + o + 1 > cap) return 1;
    memcpy(out + m + 1, b, o + 1);
    return 2;
}

/* Creates the entry of each variant of phrase, flags the proper prefixes of a
 * phrase with prefix_flag, and calls set(entry, ctx) on the full key. */
typedef void (*set_fn)(tl_entry *e, const void *ctx);

static int add_phrase(tone_lex *lex, const char *phrase, uint16_t prefix_flag, set_fn set,
                      const void *ctx)
{
    char buf[KEY_MAX * 3 + 4];
    int nv = variants(phrase, buf, sizeof buf);
    if (nv == 0) return 1;
    const char *v = buf;
    for (int k = 0; k < nv; k++, v += strlen(v) + 1) {
        size_t len = strlen(v);
        for (size_t i = 0; i < len; i++) {
            if (v[i] != ' ') continue;
            tl_entry *pe = lex_put(lex, v, i);
            if (!pe) return -1;
            pe->flags |= prefix_flag;
        }
        tl_entry *e = lex_put(lex, v, len);
        if (!e) return -1;
        set(e, ctx);
    }
    return 0;
}

static void set_afinn(tl_entry *e, const void *ctx)
{
    e->afinn = (int8_t)*(const int *)ctx;
    e->flags |= TL_AFINN;
}
static void set_flag(tl_entry *e, const void *ctx) { e->flags |= *(const uint16_t *)ctx; }
static void set_mod(tl_entry *e, const void *ctx) { e->mod = *(const float *)ctx; }
static void set_loaded(tl_entry *e, const void *ctx) { e->loaded = *(const int32_t *)ctx; }

#define NOMEM(f) err_set(err, SITREP_ERR_NOMEM, (f)->path, (f)->line, SIZE_MAX, "out of memory")
#define BAD(f, ...) err_set(err, SITREP_ERR_MODEL, (f)->path, (f)->line, SIZE_MAX, __VA_ARGS__)

/* PHRASE <TAB> SCORE (AFINN table and sentiment-overrides.txt). */
static sitrep_status load_scores(tone_lex *lex, lfile *f, sitrep_error *err)
{
    char *s;
    while ((s = lfile_line(f))) {
        char *num = cut_tab(s), *endp;
        long v = num ? strtol(num, &endp, 10) : 0;
        if (!num || *endp || v < -5 || v > 5)
            return BAD(f, "expected PHRASE<TAB>SCORE (an integer in -5..5)");
        int score = (int)v;
        int r = add_phrase(lex, s, TL_PREFIX_AFINN, set_afinn, &score);
        if (r < 0) return NOMEM(f);
        if (r > 0) return BAD(f, "entry too long");
    }
    return SITREP_OK;
}

/* Whitespace-separated single words, each given the flag (activity, groups). */
static sitrep_status load_words(tone_lex *lex, lfile *f, uint16_t flag, sitrep_error *err)
{
    char *s;
    while ((s = lfile_line(f))) {
        for (char *tok = strtok(s, " \t"); tok; tok = strtok(NULL, " \t")) {
            int r = add_phrase(lex, tok, 0, set_flag, &flag);
            if (r < 0) return NOMEM(f);
            if (r > 0) return BAD(f, "entry too long");
        }
    }
    return SITREP_OK;
}

/* WORD <TAB> negator|boundary|intensifier FACTOR|downtoner FACTOR. */
static sitrep_status load_modifiers(tone_lex *lex, lfile *f, sitrep_error *err)
{
    char *s;
    while ((s = lfile_line(f))) {
        char *kind = cut_tab(s), *arg = kind ? cut_tab(kind) : NULL;
        int r;
        if (kind && strcmp(kind, "negator") == 0 && !arg) {
            uint16_t fl = TL_NEGATOR;
            r = add_phrase(lex, s, 0, set_flag, &fl);
        } else if (kind && strcmp(kind, "boundary") == 0 && !arg) {
            uint16_t fl = TL_BOUNDARY;
            r = add_phrase(lex, s, 0, set_flag, &fl);
        } else if (kind && arg && (strcmp(kind, "intensifier") == 0 || strcmp(kind, "downtoner") == 0)) {
            char *endp;
            float v = strtof(arg, &endp);
            if (*endp || !(v > 0 && v <= 4)) return BAD(f, "factor must be a number in (0, 4]");
            r = add_phrase(lex, s, 0, set_mod, &v);
        } else {
            return BAD(f, "expected WORD<TAB>negator|boundary|intensifier F|downtoner F");
        }
        if (r < 0) return NOMEM(f);
        if (r > 0) return BAD(f, "entry too long");
    }
    return SITREP_OK;
}

static const char *intern_cat(tone_lex *lex, const char *c)
{
    for (size_t i = 0; i < lex->cats.n; i++)
        if (strcmp(lex->cats.v[i], c) == 0) return lex->cats.v[i];
    const char **slot = vec_push(lex->cats);
    if (!slot) return NULL;
    return *slot = arena_strdup(&lex->mem, c);
}

/* "a,b,c" -> lower-cased arena list. */
static const char **word_list(tone_lex *lex, const char *s, uint32_t *n)
{
    uint32_t k = 1;
    for (const char *p = s; *p; p++) k += *p == ',';
    const char **list = arena_alloc(&lex->mem, k * sizeof *list);
    if (!list) return NULL;
    *n = 0;
    while (*s) {
        const char *c = strchr(s, ',');
        size_t len = c ? (size_t)(c - s) : strlen(s);
        char tmp[KEY_MAX];
        if (len && len < sizeof tmp) {
            memcpy(tmp, s, len);
            tmp[len] = '\0';
            char low[KEY_MAX];
            if (lower_into(tmp, low, sizeof low) && !(list[*n] = arena_strdup(&lex->mem, low)))
                return NULL;
            if (list[*n]) (*n)++;
        }
        s += len + (c != NULL);
    }
    return list;
}

/* FORM[|FORM...] <TAB> CATEGORY [<TAB> after=a,@cap not-after=a,b not-before=c,d]. */
static sitrep_status load_loaded(tone_lex *lex, lfile *f, sitrep_error *err)
{
    char *s;
    while ((s = lfile_line(f))) {
        char *cat = cut_tab(s), *opts = cat ? cut_tab(cat) : NULL;
        if (!cat || !*cat || strchr(cat, ' '))
            return BAD(f, "expected FORM[|FORM...]<TAB>CATEGORY[<TAB>OPTIONS]");
        tl_loaded *L = vec_push(lex->loaded);
        if (!L || !(L->category = intern_cat(lex, cat))) return NOMEM(f);
        int32_t idx = (int32_t)(lex->loaded.n - 1);
        for (char *o = opts ? strtok(opts, " \t") : NULL; o; o = strtok(NULL, " \t")) {
            if (strncmp(o, "not-after=", 10) == 0) {
                if (!(L->not_after = word_list(lex, o + 10, &L->n_after))) return NOMEM(f);
            } else if (strncmp(o, "not-before=", 11) == 0) {
                if (!(L->not_before = word_list(lex, o + 11, &L->n_before))) return NOMEM(f);
            } else if (strncmp(o, "after=", 6) == 0) {
                if (!(L->only_after = word_list(lex, o + 6, &L->n_only))) return NOMEM(f);
            } else {
                return BAD(f, "unknown option \"%s\" (after=, not-after=, not-before=)", o);
            }
        }
        for (char *form = s, *bar; form; form = bar) {
            if ((bar = strchr(form, '|'))) *bar++ = '\0';
            while (*form == ' ') form++;
            if (!*form) return BAD(f, "empty form");
            int r = add_phrase(lex, form, TL_PREFIX_LOADED, set_loaded, &idx);
            if (r < 0) return NOMEM(f);
            if (r > 0) return BAD(f, "entry too long");
        }
    }
    return SITREP_OK;
}

/* AFINN lists many inflections but not all ("protest" and "protests", not
 * "protested"). Each strong single word (score 2 or more either way) lends its score
 * to its regular inflections that no lexicon gives a score of their own: -s/-es,
 * -ed/-d, -ing, y -> -ies/-ied, a doubled final consonant ("planned"). A weak word
 * lends nothing ("allow" +1 would make "allowed" positive). Forms that are not words
 * cost a table slot and never match. Returns -1 on no memory. */
static int add_form(tone_lex *lex, const char *base, size_t n, const char *tail, int8_t score)
{
    char f[KEY_MAX];
    size_t t = strlen(tail);
    if (n + t + 1 > sizeof f) return 0;
    memcpy(f, base, n);
    memcpy(f + n, tail, t + 1);
    const tl_entry *old = lex_get(lex, f, n + t);
    if (old && ((old->flags & (TL_AFINN | TL_NEGATOR | TL_BOUNDARY)) || old->mod != 0)) return 0;
    tl_entry *e = lex_put(lex, f, n + t);
    if (!e) return -1;
    e->afinn = score;
    e->flags |= TL_AFINN;
    return 0;
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static int expand_inflections(tone_lex *lex)
{
    typedef struct { const char *key; int8_t score; } base;
    base *b = malloc(lex->n * sizeof *b);
    size_t nb = 0;
    if (!b) return -1;
    for (size_t i = 0; i < lex->cap; i++) {
        const tl_entry *e = &lex->tab[i];
        if (!e->key || !(e->flags & TL_AFINN) || (e->afinn > -2 && e->afinn < 2)) continue;
        size_t n = strlen(e->key);
        int ok = n >= 3;
        for (size_t k = 0; ok && k < n; k++) ok = e->key[k] >= 'a' && e->key[k] <= 'z';
        if (ok) b[nb++] = (base){e->key, e->afinn};
    }
    int r = 0;
    for (size_t i = 0; i < nb && r == 0; i++) {
        const char *w = b[i].key;
        size_t n = strlen(w);
        char last = w[n - 1], prev = w[n - 2];
        int8_t sc = b[i].score;
        if (last == 'y' && !is_vowel(prev)) {
            r |= add_form(lex, w, n - 1, "ies", sc) | add_form(lex, w, n - 1, "ied", sc) |
                 add_form(lex, w, n, "ing", sc);
            continue;
        }
        if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
            r |= add_form(lex, w, n, "es", sc);
        else
            r |= add_form(lex, w, n, "s", sc);
        if (last == 'e') {
            r |= add_form(lex, w, n, "d", sc) | add_form(lex, w, n - 1, "ing", sc);
            continue;
        }
        r |= add_form(lex, w, n, "ed", sc) | add_form(lex, w, n, "ing", sc);
        /* consonant-vowel-consonant: "plan" -> "planned", "planning" */
        if (!is_vowel(last) && last != 'w' && last != 'x' && last != 'y' && is_vowel(prev) &&
            n >= 3 && !is_vowel(w[n - 3])) {
            char tail[4] = {last, 'e', 'd', 0};
            r |= add_form(lex, w, n, tail, sc);
            char tail2[5] = {last, 'i', 'n', 'g', 0};
            r |= add_form(lex, w, n, tail2, sc);
        }
    }
    free(b);
    return r ? -1 : 0;
}

typedef enum { LX_SCORES, LX_MODIFIERS, LX_ACTIVITY, LX_GROUPS, LX_LOADED } lx_kind;

static sitrep_status load_file(tone_lex *lex, const char *path, lx_kind kind, sitrep_error *err)
{
    lfile f;
    sitrep_status st = lfile_open(&f, path, err);
    if (st != SITREP_OK) return st;
    switch (kind) {
    case LX_SCORES: st = load_scores(lex, &f, err); break;
    case LX_MODIFIERS: st = load_modifiers(lex, &f, err); break;
    case LX_ACTIVITY: st = load_words(lex, &f, TL_ACTIVITY, err); break;
    case LX_GROUPS: st = load_words(lex, &f, TL_GROUP, err); break;
    case LX_LOADED: st = load_loaded(lex, &f, err); break;
    }
    free(f.data);
    return st;
}

static int readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* The directory of the running executable into buf ("" when unknown). */
static void exe_dir(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    buf[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash) *slash = '\0'; else buf[0] = '\0';
}

/* The first readable of: $env, rel (relative to the working directory), then
 * <exe dir>/exe_rel[i]; written into out. 0 when none. */
static int find_path(const char *env, const char *rel, const char *const *exe_rel, char *out,
                     size_t cap)
{
    const char *e = getenv(env);
    if (e && *e) { snprintf(out, cap, "%s", e); return 1; }
    if (readable(rel)) { snprintf(out, cap, "%s", rel); return 1; }
    char dir[1024];
    exe_dir(dir, sizeof dir);
    for (size_t i = 0; dir[0] && exe_rel[i]; i++) {
        snprintf(out, cap, "%s/%s", dir, exe_rel[i]);
        if (readable(out)) return 1;
    }
    return 0;
}

tone_lex *tone_lex_load(const char *afinn, const char *lexdir, sitrep_error *err)
{
    static const char *const afinn_rel[] = {"data/afinn.tsv", "../data/afinn.tsv", NULL};
    static const char *const dir_rel[] = {"../data/lexicon/loaded.txt",
                                          "../../data/lexicon/loaded.txt", NULL};
    char apath[1100], dpath[1100], path[1200];
    if (afinn) snprintf(apath, sizeof apath, "%s", afinn);
    else if (!find_path("SITREP_AFINN", "build/data/afinn.tsv", afinn_rel, apath, sizeof apath)) {
        err_set(err, SITREP_ERR_IO, "afinn.tsv", 0, SIZE_MAX,
                "AFINN table not found (build/data/afinn.tsv: run `make deps` and `make`)");
        return NULL;
    }
    if (lexdir) snprintf(dpath, sizeof dpath, "%s", lexdir);
    else if (find_path("SITREP_LEXICON", "data/lexicon/loaded.txt", dir_rel, dpath, sizeof dpath)) {
        size_t n = strlen(dpath);  /* a found file: keep its directory */
        if (n > 11 && strcmp(dpath + n - 11, "/loaded.txt") == 0) dpath[n - 11] = '\0';
    } else {
        err_set(err, SITREP_ERR_IO, "data/lexicon", 0, SIZE_MAX, "tone lexicon directory not found");
        return NULL;
    }
    tone_lex *lex = calloc(1, sizeof *lex);
    if (!lex) { err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory"); return NULL; }
    arena_init(&lex->mem);
    if (lex_grow(lex) != 0) {
        tone_lex_free(lex);
        err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory");
        return NULL;
    }
    static const struct { const char *name; lx_kind kind; } files[] = {
        {"news-sentiment.txt", LX_SCORES}, {"sentiment-overrides.txt", LX_SCORES},
        {"modifiers.txt", LX_MODIFIERS},
        {"activity.txt", LX_ACTIVITY}, {"groups.txt", LX_GROUPS}, {"loaded.txt", LX_LOADED}};
    sitrep_status st = load_file(lex, apath, LX_SCORES, err);
    for (size_t i = 0; st == SITREP_OK && i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dpath, files[i].name);
        st = load_file(lex, path, files[i].kind, err);
    }
    if (st == SITREP_OK && expand_inflections(lex) != 0)
        st = err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory");
    if (st != SITREP_OK) { tone_lex_free(lex); return NULL; }
    return lex;
}

void tone_lex_free(tone_lex *lex)
{
    if (!lex) return;
    arena_free(&lex->mem);
    free(lex->tab);
    vec_free(lex->loaded);
    vec_free(lex->cats);
    free(lex);
}

size_t tone_lex_size(const tone_lex *lex) { return lex ? lex->n : 0; }
