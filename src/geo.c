/* geo.c — the gazetteer (an mmap'd table, src/geo.h) and the locations stage.
 *
 * Recognition: a run of capitalised words (untagged) or of PROPN/NOUN/X/ADJ words
 * with a capital is looked up from each word, longest name first. A match is kept
 * when it is the whole run (so "George Washington", "Paris Hilton" and "US
 * President" are not places), apart from compass words before it and a place noun
 * after it that joins the mention ("Kursk region", "Gaza City"). Not places:
 * a lone ADJ (demonyms: "Russian"), function words, months, institutions and common
 * nouns that GeoNames also has as towns ("We", "March", "Congress"), acronyms for
 * small towns ("EU"), a name inside a person or organisation the actors stage found,
 * a surname seen in a longer name of the article ("Ginger Baker" ... "Baker").
 * Small places (under 50,000 people, not a capital or seat; or any but a country
 * first in a sentence or quote) need context: "in", "at", "near"... before, a place
 * noun after, ", Y" after, or another licensed mention of the same place in the
 * article (one sense per article). A name that is the subject of an action or
 * speech verb right after it ("Moscow said", "Russia has warned"; with a parse:
 * nsubj of a non-stative verb within three words) is an actor, not a place.
 *
 * Disambiguation: prior (country 9, subdivision 5.5, place log10(population) +2.5
 * capital +0.5 seat -1 section) + the article's evidence from the other names it
 * mentions (a name's own mentions are no evidence for it): its country named (+3 for
 * a country or subdivision, +1.5 for a place), for a place its subdivision named
 * (+4), for a subdivision a place in it named (+3, none when a namesake seat is a
 * candidate: "Smolensk" is the city); +5 for a subdivision before "region",
 * "oblast"..., +5 for a place before "city"; +4 for a subdivision in a list of
 * subdivisions ("Maine, New York, New Jersey"); +10 for "X, Y" when Y contains X
 * or is X, both ways ("Paris, Texas", "Atlanta, Georgia", "Washington, D.C.").
 *
 * Event location: among the places of the event's clause (when the sentence is
 * parsed: the clause of the verb the source or target attaches to, with its
 * non-finite attached phrases; else the sentence) that are not its source or target
 * (unless after "in", "at"...), the first after "in", "at", "near"...; for physical
 * events (CAMEO roots 14-20, 06-08) also after "to", "from"..., else any place of
 * the clause, else the article's dominant place (most mentioned; the first on a
 * tie); else null. */
#include "geo.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "actor.h"
#include "doc.h"
#include "err.h"

struct geo_gazetteer {
    void *map;
    size_t size;
    const geo_file_header *h;
    const geo_file_place *places;
    const geo_file_name *names;
    const geo_file_country *countries;
    const geo_file_adm1 *adm1;
    const char *str;
};

#define NONE16 0xFFFFu
#define MAX_KEY 256
#define MAX_SPAN 6              /* words in a name */
#define MAX_CAND 64             /* candidates scored per name */
#define MAX_EVID 64             /* distinct countries / subdivisions tracked per article */
#define MAX_SURNAMES 256        /* surnames remembered per article */

/* ------------------------------------------------------------------ keys */

/* One code point folded to ASCII where it has an ASCII base letter. */
static size_t fold_cp(utf8proc_int32_t cp, char *out, size_t o, size_t cap)
{
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 8,
        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, &last);
    if (n < 0 || n > 8) { buf[0] = cp; n = 1; }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_int32_t c = buf[i];
        const char *rep = NULL;
        switch (c) {                       /* letters with no decomposition */
        case 0x0142: rep = "l"; break;     /* ł */
        case 0x00F8: rep = "o"; break;     /* ø */
        case 0x0111: rep = "d"; break;     /* đ */
        case 0x0131: rep = "i"; break;     /* dotless ı */
        case 0x00E6: rep = "ae"; break;
        case 0x0153: rep = "oe"; break;
        case 0x00FE: rep = "th"; break;
        default: break;
        }
        if (rep) {
            for (; *rep && o + 1 < cap; rep++) out[o++] = *rep;
            continue;
        }
        utf8proc_uint8_t u[4];
        utf8proc_ssize_t k = utf8proc_encode_char(c, u);
        if (o + (size_t)k >= cap) break;
        memcpy(out + o, u, (size_t)k);
        o += (size_t)k;
    }
    return o;
}

size_t geo_key(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    int space = 0;
    if (cap == 0) return 0;
    while (i < len && o + 1 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if (isalnum(c) || c == '&') {
                if (space && o) out[o++] = ' ';
                space = 0;
                if (o + 1 < cap) out[o++] = (char)tolower(c);
            } else if (c == '.' || c == '\'' || c == '`') {
                /* dropped: "U.S." = "US", "Sana'a" = "Sanaa" */
            } else {
                space = 1;
            }
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) { i++; continue; }
        i += (size_t)k;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BB || cp == 0x02BC || cp == 0x02BF ||
            cp == 0x02BE || cp == 0x00B4)
            continue;                               /* apostrophe-like: dropped */
        const utf8proc_property_t *pr = utf8proc_get_property(cp);
        if (pr->category >= UTF8PROC_CATEGORY_ZS || pr->category == UTF8PROC_CATEGORY_PD ||
            (pr->category >= UTF8PROC_CATEGORY_PC && pr->category <= UTF8PROC_CATEGORY_PO)) {
            space = 1;                              /* spaces, dashes, punctuation */
            continue;
        }
        if (space && o) out[o++] = ' ';
        space = 0;
        o = fold_cp(cp, out, o, cap);
    }
    out[o] = 0;
    return o;
}

/* -------------------------------------------------------------- loading */

geo_gazetteer *geo_load(const char *path, sitrep_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open gazetteer: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(geo_file_header)) {
        close(fd);
        err_set(err, SITREP_ERR_MODEL, path, 0, 0, "not a gazetteer (too short)");
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot map gazetteer: %s", strerror(errno));
        return NULL;
    }
    const geo_file_header *h = map;
    const char *why = NULL;
    size_t where = 0;
    if (memcmp(h->magic, GEO_MAGIC, 8) != 0) why = "not a gazetteer (bad magic)";
    else if (h->version != GEO_VERSION) { why = "gazetteer version mismatch: rebuild it"; where = 8; }
    else if (h->size != size) { why = "truncated gazetteer"; where = size; }
    else if ((uint64_t)h->off_places + (uint64_t)h->nplaces * sizeof(geo_file_place) > size ||
             (uint64_t)h->off_names + (uint64_t)h->nnames * sizeof(geo_file_name) > size ||
             (uint64_t)h->off_countries + (uint64_t)h->ncountries * sizeof(geo_file_country) > size ||
             (uint64_t)h->off_adm1 + (uint64_t)h->nadm1 * sizeof(geo_file_adm1) > size ||
             (uint64_t)h->off_strings + h->strings_size > size || h->strings_size == 0 ||
             ((const char *)map)[h->off_strings + h->strings_size - 1] != 0 ||
             h->off_places % 4 || h->off_names % 4 || h->off_countries % 4 || h->off_adm1 % 4) {
        why = "corrupt gazetteer (section out of bounds)";
        where = 12;
    }
    if (why) {
        munmap(map, size);
        err_set(err, SITREP_ERR_MODEL, path, 0, where, "%s", why);
        return NULL;
    }
    geo_gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        munmap(map, size);
        err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
        return NULL;
    }
    const char *b = map;
    g->map = map;
    g->size = size;
    g->h = h;
    g->places = (const geo_file_place *)(b + h->off_places);
    g->names = (const geo_file_name *)(b + h->off_names);
    g->countries = (const geo_file_country *)(b + h->off_countries);
    g->adm1 = (const geo_file_adm1 *)(b + h->off_adm1);
    g->str = b + h->off_strings;
    return g;
}

void geo_free(geo_gazetteer *g)
{
    if (!g) return;
    munmap(g->map, g->size);
    free(g);
}

size_t geo_size(const geo_gazetteer *g, size_t *nnames)
{
    if (nnames) *nnames = g->h->nnames;
    return g->h->nplaces;
}

/* The entries [*lo, *hi) of a key: binary search on the sorted names. Bounds are
 * checked on the strings (an index past the pool reads as ""). */
static const char *gstr(const geo_gazetteer *g, uint32_t off)
{
    return off < g->h->strings_size ? g->str + off : "";
}

static size_t find_key(const geo_gazetteer *g, const char *key, size_t *lo_out)
{
    size_t lo = 0, hi = g->h->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(gstr(g, g->names[mid].key), key) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < g->h->nnames && strcmp(gstr(g, g->names[end].key), key) == 0) end++;
    *lo_out = lo;
    return end - lo;
}

static const geo_file_place *gplace(const geo_gazetteer *g, uint32_t i)
{
    return i < g->h->nplaces ? &g->places[i] : NULL;
}

static double prior(const geo_file_place *p)
{
    if (p->kind == GEO_COUNTRY) return 9.0;
    if (p->kind == GEO_ADM1) return 5.5;
    return log10((double)p->population + 1.0) + (p->rank == 4 ? 2.5 : p->rank == 3 ? 0.5 : 0)
           - (p->rank == 0 ? 1.0 : 0);
}

static void fill_place(const geo_gazetteer *g, uint32_t pi, sitrep_place *out)
{
    const geo_file_place *p = gplace(g, pi);
    memset(out, 0, sizeof *out);
    out->lat = out->lon = NAN;
    if (!p) return;
    out->name = gstr(g, p->name);
    if (p->country < g->h->ncountries) out->country = g->countries[p->country].a3;
    if (p->adm1 < g->h->nadm1) {
        const char *c = gstr(g, g->adm1[p->adm1].code);
        out->adm1 = *c ? c : NULL;
    }
    if (!(p->flags & 1)) {
        out->lat = p->lat_e5 / 1e5;
        out->lon = p->lon_e5 / 1e5;
    }
}

size_t geo_lookup(const geo_gazetteer *g, const char *name, size_t len, sitrep_place *out)
{
    char key[MAX_KEY];
    geo_key(name, len, key, sizeof key);
    size_t lo, n = find_key(g, key, &lo);
    if (out) {
        if (n) fill_place(g, g->names[lo].place, out);
        else {
            memset(out, 0, sizeof *out);
            out->lat = out->lon = NAN;
        }
        if (n) out->alternatives = (uint32_t)(n - 1);
    }
    return n;
}

/* ---------------------------------------------------------------- stage */

static inline int lc(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* ASCII case-insensitive equality (the lists below are ASCII lower case). */
static int eqi(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lc((unsigned char)*a) != lc((unsigned char)*b)) return 0;
    return *a == *b;
}

static int in_list(const char *w, const char *const *list)
{
    if (!w || !*w) return 0;
    int c0 = lc((unsigned char)*w);
    for (; *list; list++)
        if ((unsigned char)**list == c0 && eqi(w, *list)) return 1;
    return 0;
}

/* Words before a place that make the context locative. */
static const char *const locative_preps[] = {
    "in", "at", "near", "into", "outside", "inside", "across", "around", "throughout",
    "within", "nearby", NULL
};
/* Prepositions that take places and people alike ("a letter to Johnson"): locative
 * for event location, but no licence for a small place's name. */
static const char *const weak_preps[] = {
    "from", "to", "toward", "towards", "through", "via", "between", "over", "off", "on",
    "along", "beyond", NULL
};
/* Nouns after a name that make it a place and join the mention. */
static const char *const place_nouns[] = {
    "region", "oblast", "province", "governorate", "krai", "kray", "district", "state",
    "county", "prefecture", "voivodeship", "city", "town", "village", NULL
};
/* Of those, the ones naming a first-level subdivision. */
static const char *const adm1_nouns[] = {
    "region", "oblast", "province", "governorate", "krai", "kray", "state",
    "prefecture", "voivodeship", NULL
};
/* Connectors allowed inside a multi-word name ("Bosnia and Herzegovina", "Rostov-on-Don"). */
static const char *const name_connectors[] = {"and", "of", "de", "del", "la", "el", "al", "upon", NULL};
/* Compass and similar words that may precede a place without being part of it. */
static const char *const place_modifiers[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "greater", "upper", "lower", "the", NULL
};
/* Verbs whose subject is described, not acting (lemmas). */
static const char *const stative_verbs[] = {
    "be", "have", "become", "remain", "seem", "appear", "lie", "sit", "stand", "border",
    "neighbour", "neighbor", "host", "contain", "include", "lack", "need", "face", "see",
    "experience", "suffer", "record", "rank", "belong", "look", "feel", "get", NULL
};
/* When no parse is available: verbs (or an auxiliary and a verb) right after a name
 * that make it a subject actor. */
static const char *const actor_aux[] = {"has", "have", "had", "will", "would", "is", "was", NULL};
static const char *const actor_verbs[] = {
    "said", "says", "say", "wants", "want", "respond", "responded", "retaliate", "retaliated",
    "warned", "warns", "announced", "announces", "accused", "accuses", "denied", "denies",
    "insisted", "insists", "rejected", "rejects", "claimed", "claims", "responded",
    "called", "calls", "urged", "urges", "threatened", "threatens", "vowed", "vows",
    "agreed", "agrees", "refused", "refuses", "demanded", "demands", "condemned",
    "condemns", "stated", "declared", "told", "argued", "believes", "hopes", "plans",
    "signed", "signs", "launched", "launches", "sent", "sends", "imposed", "imposes",
    "expelled", "recalled", "confirmed", "welcomed", "criticised", "criticized", NULL
};

/* Names of several words that are institutions or landmarks, not the gazetteer's
 * namesakes (keys). */
static const char *const not_name_keys[] = {
    "white house", "wall street", "downing street", "capitol hill", "silicon valley",
    "main street", "red cross", "new world", "middle east", "far east", NULL
};

static int in_list_key(const char *k, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(k, *list) == 0) return 1;
    return 0;
}

/* Capitalised words that are not place names in news text, whatever the gazetteer
 * holds (GeoNames has towns called "We", "March", "Congress", "Police", "Eu"):
 * function words, months and days, institutions and titles. */
static const char *const not_names[] = {
    "a", "an", "the", "i", "we", "you", "he", "she", "it", "they", "our", "my", "your", "his",
    "her", "its", "their", "this", "that", "these", "those", "in", "on", "at", "for", "but",
    "and", "or", "if", "as", "so", "no", "not", "all", "some", "many", "more", "most", "one",
    "what", "who", "when", "where", "why", "how", "there", "here", "then", "also", "after",
    "before", "since", "while", "with", "by", "from", "to", "of", "yes", "today", "yesterday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "congress", "parliament", "senate", "house", "court",
    "cabinet", "government", "police", "army", "navy", "church", "god", "internet",
    "twitter", "facebook", "president", "minister", "mayor", "governor", "king", "queen",
    "prince", "princess", "pope", "general", "justice", "labour", "labor", "union",
    "national", "federal", "state", "republic", "party", "university", "college", "eu",
    "earth", "center", "centre", "council", "rock", "pool", "bay", "gulf", "asia", "africa",
    "europe", "oceania", "district", "city", "county", "province", "region",
    "street", "square", "bridge", "park", "hall", "tower", "airport", "station", "port",
    "harbour", "harbor", "river", "lake", "mountain", "island", "west", "east", "north",
    "south", "english", "french", "polish", "dutch", "swiss", "danish", "finnish",
    "german", "spanish", "italian", "american", "british", "atlantic", "pacific", "arctic",
    "indian", "jupiter", "mars", "venus", "mercury", "chamber", NULL
};

static int is_cap(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) return isupper(c);
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) <= 0) return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Could this word be (part of) a name? Tagged words: PROPN, or a capitalised NOUN, X
 * or ADJ (taggers miss rare names, and tag "New" in "New Zealand" and "Saudi" in
 * "Saudi Arabia" ADJ); untagged: capitalised. A name of one ADJ word alone is never
 * a place (demonyms: "Russian"): find_mentions skips it. */
static int name_like(const sitrep_word *w)
{
    if (!w->form || !is_cap(w->form) || strchr(w->form, '$')) return 0;   /* "US$" */
    switch (w->upos) {
    case SITREP_UPOS_NONE: case SITREP_UPOS_PROPN: case SITREP_UPOS_NOUN: case SITREP_UPOS_X:
    case SITREP_UPOS_ADJ:
        return 1;
    default:
        return 0;
    }
}

typedef struct mention {
    uint32_t sent;
    uint32_t w0, w1;        /* words [w0, w1) of the name (document indices) */
    uint32_t wend;          /* last word of the mention + 1 (with a place noun) */
    uint32_t lo, n;         /* candidate range in names[] */
    uint8_t adm1_noun, city_noun, actor, weak, keep;
    uint8_t person;         /* a surname seen in a longer name of the article */
    uint8_t list_adm1;      /* in a list next to a subdivision */
    uint8_t locative;       /* 1 after "in", "at", "near"... or before a place noun;
                               2 after "from", "to", "on"...; 0 none */
    int32_t comma_ctx;      /* ", Y" after the name: Y's candidates [clo, clo + cn), -1 none */
    uint32_t clo, cn;
    uint32_t best;          /* chosen place */
    uint32_t best0;         /* best without context */
    uint32_t same0;         /* mentions sharing best0 (this one included) */
} mention;

typedef struct evid { uint16_t id; uint16_t n; } evid;

static void evid_add(evid *e, size_t *ne, uint16_t id, int d)
{
    for (size_t i = 0; i < *ne; i++)
        if (e[i].id == id) { e[i].n = (uint16_t)(e[i].n + d); return; }
    if (d > 0 && *ne < MAX_EVID) e[(*ne)++] = (evid){id, (uint16_t)d};
}

static int evid_get(const evid *e, size_t ne, uint16_t id)
{
    for (size_t i = 0; i < ne; i++)
        if (e[i].id == id) return e[i].n;
    return 0;
}

/* Are the n words from w all written in capitals (two letters or more)? */
static int all_caps(const sitrep_word *w, uint32_t n)
{
    size_t letters = 0;
    for (uint32_t i = 0; i < n; i++)
        for (const char *c = w[i].form; c && *c; c++) {
            if (islower((unsigned char)*c)) return 0;
            letters += isupper((unsigned char)*c) != 0;
        }
    return letters >= 2;
}

/* The key of the text of words [a, b). */
static size_t span_key(const sitrep_doc *doc, uint32_t a, uint32_t b, char *key)
{
    uint32_t s = doc->words.v[a].start, e = doc->words.v[b - 1].end;
    if (e <= s || e > doc->len) return 0;
    return geo_key(doc->text + s, e - s, key, MAX_KEY);
}

/* The same, "" when empty. */
static const char *key_of(const sitrep_doc *doc, uint32_t a, uint32_t b, char *key)
{
    if (span_key(doc, a, b, key) == 0) key[0] = 0;
    return key;
}

/* Does place p lie in place c (a country or a subdivision)? */
static int contains(const geo_file_place *c, const geo_file_place *p)
{
    if (c->kind == GEO_COUNTRY) return p->country == c->country && p != c;
    if (c->kind == GEO_ADM1) return p->adm1 == c->adm1 && p != c;
    return 0;
}

/* Is the mention the subject of the verb right after it (an actor, not a place)? */
static int subject_actor(const sitrep_doc *doc, const sitrep_sentence *s, uint32_t w0, uint32_t w1)
{
    uint32_t end = s->word + s->nwords;
    const sitrep_word *last = &doc->words.v[w1 - 1];
    if (last->deprel && last->head > 0) {
        if (strcmp(last->deprel, "nsubj") != 0) return 0;
        uint32_t h = s->word + (uint32_t)last->head - 1;
        /* the subject of an action or speech verb within three words after the name;
         * not of a copula or a state ("Abqaiq was the target", "Zimbabwe had a strong
         * economy" are about the place) */
        if (!(h >= w1 && h < end && h - w1 < 3)) return 0;
        const sitrep_word *hv = &doc->words.v[h];
        if (hv->upos != SITREP_UPOS_VERB) return 0;
        const char *lem = hv->lemma ? hv->lemma : hv->form;
        return !in_list(lem, stative_verbs);
    }
    /* "the governor of Georgia signed": the name is inside a noun or prepositional
     * phrase, not the subject */
    if (w0 > s->word && doc->words.v[w0 - 1].form) {
        const char *pv = doc->words.v[w0 - 1].form;
        if (eqi(pv, "of") || in_list(pv, locative_preps) || in_list(pv, weak_preps)) return 0;
    }
    if (w1 + 1 < end && doc->words.v[w1].form && strcmp(doc->words.v[w1].form, "'s") == 0) return 0;
    if (w1 >= end || !doc->words.v[w1].form) return 0;
    const char *v = doc->words.v[w1].form;
    if (in_list(v, actor_aux)) {
        /* "Russia has warned", "Moscow will respond"; not "London have diplomatic immunity" */
        const char *v2 = w1 + 1 < end ? doc->words.v[w1 + 1].form : NULL;
        size_t l2 = v2 ? strlen(v2) : 0;
        return v2 && (in_list(v2, actor_verbs) || (l2 > 3 && strcmp(v2 + l2 - 2, "ed") == 0) ||
                      eqi(v2, "not") || eqi(v2, "also"));
    }
    return in_list(v, actor_verbs);
}

static sitrep_status find_mentions(const geo_gazetteer *g, sitrep_doc *doc, mention **out, size_t *nout)
{
    size_t cap = 16, n = 0, nsur = 0;
    mention *m = arena_alloc(&doc->mem, cap * sizeof *m);
    const char **sur = arena_alloc(&doc->mem, MAX_SURNAMES * sizeof *sur);
    if (!m || !sur) return SITREP_ERR_NOMEM;
    char key[MAX_KEY];
    for (uint32_t si = 0; si < doc->sentences.n; si++) {
        const sitrep_sentence *s = &doc->sentences.v[si];
        uint32_t end = s->word + s->nwords;
        if (end > doc->words.n) end = (uint32_t)doc->words.n;
        for (uint32_t i = s->word; i < end;) {
            if (!name_like(&doc->words.v[i])) { i++; continue; }
            /* the run of name words from i (connectors inside, not at the end) */
            uint32_t r = i + 1;
            while (r < end) {
                if (name_like(&doc->words.v[r])) { r++; continue; }
                const char *f = doc->words.v[r].form;
                if (f && r + 1 < end && in_list(f, name_connectors) && name_like(&doc->words.v[r + 1])) {
                    r += 2;
                    continue;
                }
                if (f && (strcmp(f, "-") == 0) && r + 1 < end && name_like(&doc->words.v[r + 1])) {
                    r += 2;
                    continue;
                }
                break;
            }
            int last_covered = 0;
            /* longest name from each word of the run */
            uint32_t a = i;
            while (a < r) {
                uint32_t bmax = a + MAX_SPAN < r ? a + MAX_SPAN : r, b;
                size_t lo = 0, cnt = 0;
                for (b = bmax; b > a; b--) {
                    const char *lf = doc->words.v[b - 1].form;
                    if (lf && in_list(lf, name_connectors)) continue;
                    if (span_key(doc, a, b, key) == 0) continue;
                    if ((cnt = find_key(g, key, &lo)) > 0) break;
                }
                if (!cnt) { a++; continue; }
                if (b == a + 1 && (in_list(doc->words.v[a].form, not_names) ||
                                   strcmp(doc->words.v[a].form, "Us") == 0)) { a++; continue; }
                if (b == a + 1 && doc->words.v[a].upos == SITREP_UPOS_ADJ) { a++; continue; }
                /* an acronym ("US", "UAE", "NYC") names a country, a subdivision or a
                 * large city, never a small town ("EU" is not Eu, France) */
                if (all_caps(&doc->words.v[a], b - a)) {
                    const geo_file_place *pc = gplace(g, g->names[lo].place);
                    if (!pc || (pc->kind == GEO_CITY && pc->population < 1000000)) { a = b; continue; }
                }
                /* a lone compass word is a direction ("the West"), not a place */
                if (b == a + 1 && in_list(doc->words.v[a].form, place_modifiers)) { a++; continue; }
                /* the whole run, but for modifiers before and a place noun after */
                int whole = 1;
                if (a > i) {
                    const char *pf = doc->words.v[a - 1].form;
                    const geo_file_place *pa = gplace(g, g->names[lo].place);
                    if (pf && eqi(pf, "of")) {                      /* "Bank of America" */
                        const char *pp = a >= i + 2 ? doc->words.v[a - 2].form : NULL;
                        if (!pa || pa->kind != GEO_COUNTRY || eqi(doc->words.v[a].form, "America") ||
                            in_list(pp, not_names))                 /* "Islamic State of Iraq" */
                            whole = 0;                              /* but "Buhari of Nigeria" */
                    }
                    else if (pf && in_list(pf, name_connectors) && !eqi(pf, "and"))
                        whole = 0;                                 /* "Surigao del Sur" */
                    else if (name_like(&doc->words.v[a - 1]) && !in_list(pf, place_modifiers) &&
                             doc->words.v[a - 1].upos != SITREP_UPOS_ADJ)
                        whole = 0;                                 /* "George Washington" */
                }
                uint32_t wend = b;
                int adm1n = 0, cityn = 0;
                const char *nx = b < end ? doc->words.v[b].form : NULL;
                /* a place noun joins the mention when it ends the name ("Kursk region",
                 * "Gaza City"; not "Moscow State University", "U.S. District Court"),
                 * and never after a country ("US state" is the US) */
                const geo_file_place *pb = gplace(g, g->names[lo].place);
                if (nx && in_list(nx, place_nouns) && b + 1 >= r && pb && pb->kind != GEO_COUNTRY) {
                    adm1n = in_list(nx, adm1_nouns);
                    cityn = !adm1n;
                    wend = b + 1;
                }
                if (b < r && name_like(&doc->words.v[b]) && !(adm1n || cityn)) whole = 0;
                if (whole && in_list_key(key_of(doc, a, b, key), not_name_keys)) whole = 0;
                if (!whole) { a = b; continue; }

                mention mm;
                memset(&mm, 0, sizeof mm);
                mm.sent = si;
                mm.w0 = a;
                mm.w1 = b;
                mm.wend = wend;
                mm.lo = (uint32_t)lo;
                mm.n = (uint32_t)cnt;
                mm.adm1_noun = (uint8_t)adm1n;
                mm.city_noun = (uint8_t)cityn;
                mm.comma_ctx = -1;
                mm.best0 = g->names[lo].place;
                /* context before: skip modifiers and determiners back to a preposition */
                for (int64_t k = (int64_t)i - 1; k >= (int64_t)s->word && k >= (int64_t)i - 4; k--) {
                    const sitrep_word *w = &doc->words.v[k];
                    if (!w->form) break;
                    if (in_list(w->form, locative_preps)) { mm.locative = 1; break; }
                    if (in_list(w->form, weak_preps)) { mm.locative = 2; break; }
                    if (in_list(w->form, place_modifiers) || eqi(w->form, "a") || eqi(w->form, "an"))
                        continue;
                    /* tagged: the rest of a noun phrase ("in neighbouring client state
                     * Belarus", "at a Kursk region command post" seen from "post") */
                    if (w->upos == SITREP_UPOS_ADJ || w->upos == SITREP_UPOS_NOUN ||
                        w->upos == SITREP_UPOS_DET || w->upos == SITREP_UPOS_NUM ||
                        (w->upos == SITREP_UPOS_VERB && w->xpos &&
                         (!strcmp(w->xpos, "VBG") || !strcmp(w->xpos, "VBN"))))
                        continue;                         /* "neighbouring", "occupied" */
                    /* "the city of X", "the town of X" */
                    if (eqi(w->form, "of") && k - 1 >= (int64_t)s->word &&
                        in_list(doc->words.v[k - 1].form, place_nouns)) { mm.locative = 1; }
                    break;
                }
                if (adm1n || cityn) mm.locative = 1;
                /* ", Y" after the name */
                if (wend + 1 < end && doc->words.v[wend].form && strcmp(doc->words.v[wend].form, ",") == 0 &&
                    name_like(&doc->words.v[wend + 1])) {
                    uint32_t c0 = wend + 1, c1 = c0 + 1;
                    while (c1 < end && c1 < c0 + 4 && name_like(&doc->words.v[c1])) c1++;
                    for (; c1 > c0; c1--) {
                        size_t lo2;
                        size_t n2;
                        if (span_key(doc, c0, c1, key) && (n2 = find_key(g, key, &lo2)) > 0) {
                            mm.comma_ctx = (int32_t)g->names[lo2].place;
                            mm.clo = (uint32_t)lo2;
                            mm.cn = (uint32_t)n2;
                            break;
                        }
                    }
                }
                const geo_file_place *p0 = gplace(g, mm.best0);
                mm.weak = p0 && p0->kind == GEO_CITY && p0->population < 50000 && p0->rank < 3;
                /* first in the sentence or after an opening quote: capitalised anyway,
                 * and taggers call such words PROPN too, so only a large place counts
                 * without context ("Hail to Russia", "Reading the report") */
                int initial = a == s->word;
                if (a > s->word && doc->words.v[a - 1].form) {
                    const char *q = doc->words.v[a - 1].form;
                    initial = strcmp(q, "\"") == 0 || strcmp(q, "\xe2\x80\x9c") == 0 ||
                              strcmp(q, "``") == 0;
                }
                if (initial && p0 &&
                    p0->kind != GEO_COUNTRY &&
                    (p0->kind == GEO_ADM1 || p0->population < (a == s->word ? 100000u : 1000000u)))
                    mm.weak = 1;
                mm.actor = (uint8_t)subject_actor(doc, s, a, b);
                if (n == cap) {
                    mention *nm = arena_alloc(&doc->mem, cap * 2 * sizeof *nm);
                    if (!nm) return SITREP_ERR_NOMEM;
                    memcpy(nm, m, n * sizeof *m);
                    m = nm;
                    cap *= 2;
                }
                m[n++] = mm;
                if (b >= r) last_covered = 1;
                a = wend;
            }
            /* a run of two to four name words that is no place ("Ginger Baker",
             * "Jacques Chirac"): its last word is a surname, and the same word alone
             * elsewhere in the article is that person, not a town called Baker */
            if (r - i >= 2 && r - i <= 4 && !last_covered && nsur < MAX_SURNAMES) {
                int plain = 1;
                for (uint32_t k = i; k < r; k++)
                    plain &= name_like(&doc->words.v[k]) && doc->words.v[k].upos != SITREP_UPOS_ADJ;
                if (plain && span_key(doc, r - 1, r, key) > 0) {
                    char *sk = arena_strdup(&doc->mem, key);
                    if (!sk) return SITREP_ERR_NOMEM;
                    sur[nsur++] = sk;
                }
            }
            i = r > i ? r : i + 1;
        }
    }
    /* single-word mentions of a surname: the person (unless after "in", "at"...) */
    for (size_t k = 0; k < n; k++) {
        mention *x = &m[k];
        const geo_file_place *p0 = gplace(g, x->best0);
        if (x->w1 - x->w0 != 1 || x->locative == 1 || !p0 || p0->kind != GEO_CITY) continue;
        if (span_key(doc, x->w0, x->w1, key) == 0) continue;
        for (size_t j = 0; j < nsur; j++)
            if (strcmp(sur[j], key) == 0) { x->person = 1; break; }
    }
    /* lists: "Maine, New York, New Jersey" — a name next to subdivisions is one */
    for (size_t k = 0; k < n; k++)
        for (int d = -1; d <= 1; d += 2) {
            if ((d < 0 && k == 0) || (d > 0 && k + 1 >= n)) continue;
            const mention *x = &m[k], *y = &m[k + (size_t)d];
            if (x->sent != y->sent) continue;
            uint32_t g0 = d < 0 ? y->wend : x->wend, g1 = d < 0 ? x->w0 : y->w0, w;
            int ok = g1 > g0 && g1 - g0 <= 2;
            for (w = g0; ok && w < g1; w++)
                ok = doc->words.v[w].form && (!strcmp(doc->words.v[w].form, ",") ||
                                              eqi(doc->words.v[w].form, "and"));
            const geo_file_place *py = gplace(g, y->best0);
            if (ok && py && py->kind == GEO_ADM1) m[k].list_adm1 = 1;
        }
    *out = m;
    *nout = n;
    return SITREP_OK;
}

/* Is the name part of a person or an organisation the actors stage found ("Paris
 * Hilton", "Jordan Peterson", "Mahan Air")? */
static int in_person_or_org(const sitrep_doc *doc, const mention *x, int sorted)
{
    uint32_t s0 = doc->words.v[x->w0].start, e0 = doc->words.v[x->w1 - 1].end;
    size_t from = 0, to = doc->actors.n;
    if (sorted) {
        /* actors in text order: the ones of x's sentence, starting before it */
        to = actors_starting_from(doc, (uint64_t)s0 + 1);
        from = to;
        while (from > 0 && doc->actors.v[from - 1].sentence >= x->sent) from--;
    }
    for (size_t i = from; i < to; i++) {
        const sitrep_actor *a = &doc->actors.v[i];
        if (a->start > s0 || e0 > a->end) continue;       /* the cheap test first */
        if (!a->kind || (strcmp(a->kind, "person") != 0 && strcmp(a->kind, "org") != 0)) continue;
        if (a->start <= s0 && e0 <= a->end && (a->end - a->start > e0 - s0 || !strcmp(a->kind, "person")))
            return 1;
    }
    return 0;
}

/* Is there a place among the mention's candidates inside subdivision a? */
static int has_seat(const geo_gazetteer *g, const mention *x, const geo_file_place *a)
{
    for (uint32_t k = 0; k < x->n && k < MAX_CAND; k++) {
        const geo_file_place *c = gplace(g, g->names[x->lo + k].place);
        if (c && c->kind == GEO_CITY && c->adm1 == a->adm1) return 1;
    }
    return 0;
}

/* The word heading words [a, b) of sentence s (the one whose head lies outside),
 * -1 when unparsed. */
static int64_t span_head(const sitrep_doc *doc, const sitrep_sentence *s, uint32_t a, uint32_t b)
{
    for (uint32_t w = a; w < b; w++) {
        int32_t h = doc->words.v[w].head;
        if (h < 0) return -1;
        uint32_t hw = h == 0 ? UINT32_MAX : s->word + (uint32_t)h - 1;
        if (hw < a || hw >= b) return (int64_t)w;
    }
    return -1;
}

/* The event's verb, from its parsed source (nsubj) or target (obj, iobj, obl): the
 * argument's head's head. -1 when the sentence is not parsed or neither tells. */
static int64_t event_verb(const sitrep_doc *doc, const sitrep_event *ev)
{
    if (ev->sentence >= doc->sentences.n) return -1;
    const sitrep_sentence *s = &doc->sentences.v[ev->sentence];
    const sitrep_argument *args[2] = {&ev->source, &ev->target};
    for (int k = 0; k < 2; k++) {
        const sitrep_argument *ar = args[k];
        if (!ar->present) continue;
        uint32_t a = UINT32_MAX, b = 0;
        for (uint32_t w = s->word; w < s->word + s->nwords && w < doc->words.n; w++)
            if (doc->words.v[w].start >= ar->start && doc->words.v[w].end <= ar->end) {
                if (a == UINT32_MAX) a = w;
                b = w + 1;
            }
        if (a == UINT32_MAX) continue;
        int64_t h = span_head(doc, s, a, b);
        if (h < 0) return -1;
        const sitrep_word *hw = &doc->words.v[h];
        const char *rel = hw->deprel ? hw->deprel : "";
        if (hw->head <= 0) continue;
        if (!strncmp(rel, "nsubj", 5) || !strcmp(rel, "obj") || !strcmp(rel, "iobj") ||
            !strcmp(rel, "obl"))
            return (int64_t)(s->word + (uint32_t)hw->head - 1);
    }
    return -1;
}

/* Is the mention in the clause of `verb` or a phrase attached to it? Climbs from the
 * mention's head through its heads; crossing into another finite clause (ccomp,
 * advcl, parataxis, conj, relative clause, csubj) stops the climb; non-finite
 * attached phrases (xcomp, acl: "troops captured in Kursk region") do not. */
static int in_clause(const sitrep_doc *doc, const mention *x, uint32_t verb)
{
    const sitrep_sentence *s = &doc->sentences.v[x->sent];
    int64_t cur = span_head(doc, s, x->w0, x->w1);
    if (cur < 0) return 1;                          /* unparsed: the sentence is the clause */
    for (uint32_t steps = 0; steps < s->nwords; steps++) {
        if ((uint32_t)cur == verb) return 1;
        const sitrep_word *w = &doc->words.v[cur];
        if (w->head <= 0) return 0;
        const char *rel = w->deprel ? w->deprel : "";
        if (steps > 0 && (!strcmp(rel, "ccomp") || !strcmp(rel, "advcl") ||
                          !strcmp(rel, "parataxis") || !strncmp(rel, "csubj", 5) ||
                          !strcmp(rel, "acl:relcl") ||
                          (!strcmp(rel, "conj") && w->upos == SITREP_UPOS_VERB)))
            return 0;
        cur = (int64_t)(s->word + (uint32_t)w->head - 1);
        if ((uint64_t)cur >= doc->words.n) return 0;
    }
    return 0;
}

static int overlaps(uint32_t s0, uint32_t e0, const sitrep_argument *a)
{
    return a->present && s0 < a->end && a->start < e0;
}

static int physical_root(const char *root)
{
    if (!root) return 0;
    int r = atoi(root);
    return (r >= 14 && r <= 20) || (r >= 6 && r <= 8);
}

/* ord = 0..n-1 sorted by (best0, or best when `best`), then by position: the
 * mentions of one place form a run, in text order. A bottom-up merge sort (stable,
 * O(n log n)) with its scratch space from the arena. */
static int group_by(arena *mem, const mention *m, size_t n, uint32_t *ord, int best)
{
    for (size_t i = 0; i < n; i++) ord[i] = (uint32_t)i;
    if (n < 2) return 0;
    uint32_t *tmp = arena_alloc(mem, n * sizeof *tmp);
    if (!tmp) return -1;
    for (size_t w = 1; w < n; w *= 2)
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi) {
                uint32_t ka = best ? m[ord[a]].best : m[ord[a]].best0;
                uint32_t kb = best ? m[ord[b]].best : m[ord[b]].best0;
                tmp[o++] = kb < ka ? ord[b++] : ord[a++];
            }
            while (a < mid) tmp[o++] = ord[a++];
            while (b < hi) tmp[o++] = ord[b++];
            memcpy(ord + lo, tmp + lo, (hi - lo) * sizeof *ord);
        }
    return 0;
}

sitrep_status geo_run(const geo_gazetteer *g, sitrep_doc *doc)
{
    if (!g || !doc || !doc->text) return SITREP_OK;
    mention *m;
    size_t nm;
    sitrep_status st = find_mentions(g, doc, &m, &nm);
    if (st != SITREP_OK) return st;
    int actors_sorted = actors_in_text_order(doc);

    /* evidence: countries and subdivisions the article names (best guess without
     * context), including names used as actors */
    evid ce[MAX_EVID], ae[MAX_EVID], pe[MAX_EVID];
    size_t nce = 0, nae = 0, npe = 0;
    for (size_t i = 0; i < nm; i++) {
        const geo_file_place *p = gplace(g, m[i].best0);
        if (!p) continue;
        if (p->country != NONE16) evid_add(ce, &nce, p->country, 1);
        /* subdivisions named as such (they pull namesake towns: "Paris" near "Texas"),
         * and subdivisions of any place named (they pull namesake subdivisions:
         * "Georgia" near "Atlanta") */
        if (p->adm1 != NONE16 && p->kind == GEO_ADM1) evid_add(ae, &nae, p->adm1, 1);
        if (p->adm1 != NONE16) evid_add(pe, &npe, p->adm1, 1);
    }
    /* mentions grouped by their context-free best place: how many share it */
    uint32_t *ord = nm ? arena_alloc(&doc->mem, nm * sizeof *ord) : NULL;
    if (nm && !ord) return SITREP_ERR_NOMEM;
    if (group_by(&doc->mem, m, nm, ord, 0) != 0) return SITREP_ERR_NOMEM;
    for (size_t i = 0, j; i < nm; i = j) {
        for (j = i; j < nm && m[ord[j]].best0 == m[ord[i]].best0; j++) {}
        for (size_t k = i; k < j; k++) m[ord[k]].same0 = (uint32_t)(j - i);
    }
    /* resolve */
    for (size_t i = 0; i < nm; i++) {
        mention *x = &m[i];
        const geo_file_place *p0 = gplace(g, x->best0);
        uint16_t own_c = p0 ? p0->country : NONE16, own_a = p0 ? p0->adm1 : NONE16;
        /* the name's own mentions are no evidence for it (every "Paris" votes France) */
        int same = (int)x->same0;
        int same_a = p0 && p0->kind == GEO_ADM1 ? same : 0;
        /* "X, Y": Y resolved already when this is Y ("Atlanta, Georgia") */
        const geo_file_place *xin = NULL;
        if (i > 0 && m[i - 1].comma_ctx >= 0 && m[i - 1].wend + 1 == x->w0 && m[i - 1].n)
            xin = gplace(g, m[i - 1].best);
        double best = -1e9;
        uint32_t bi = x->best0;
        for (uint32_t k = 0; k < x->n && k < MAX_CAND; k++) {
            uint32_t pi = g->names[x->lo + k].place;
            const geo_file_place *p = gplace(g, pi);
            if (!p) continue;
            double sc = prior(p);
            /* the article names the country: +3 for a country or subdivision, +1.5 for
             * a place (a country alone must not pull "Warsaw" to Indiana); +4 when it
             * names the place's subdivision ("Paris" in an article about Texas) */
            if (p->country != NONE16 && evid_get(ce, nce, p->country) - (p->country == own_c) * same > 0)
                sc += p->kind == GEO_CITY ? 1.5 : 3;
            if (p->adm1 != NONE16 && p->kind == GEO_CITY &&
                evid_get(ae, nae, p->adm1) - (p->adm1 == own_a) * same_a > 0) sc += 4;
            if (p->adm1 != NONE16 && p->kind == GEO_ADM1 &&
                evid_get(pe, npe, p->adm1) - (p->adm1 == own_a) * same > 0) sc += 3;
            /* a subdivision and its namesake seat ("Smolensk"): the same evidence
             * speaks for both, so the subdivision takes none and the city wins
             * unless "region"/"oblast" follows */
            if (p->kind == GEO_ADM1 && has_seat(g, x, p)) sc = prior(p) + (x->adm1_noun ? 5 : 0);
            if (x->adm1_noun && p->kind == GEO_ADM1) sc += 5;
            if (x->city_noun && p->kind == GEO_CITY) sc += 5;
            if (x->list_adm1 && p->kind == GEO_ADM1) sc += 4;
            for (uint32_t c = 0; x->comma_ctx >= 0 && c < x->cn && c < MAX_CAND; c++) {
                const geo_file_place *cp = gplace(g, g->names[x->clo + c].place);
                if (cp && (contains(cp, p) || cp == p)) { sc += 10; break; }   /* "Washington, D.C." */
            }
            if (xin && contains(p, xin)) sc += 10;
            if (sc > best) { best = sc; bi = pi; }
        }
        x->best = bi;
    }
    /* keep the place mentions; a small place once licensed by its context is a place
     * in its other mentions too (one sense per article: "In 2006, Abqaiq was ...") */
    for (size_t i = 0; i < nm; i++) {
        mention *x = &m[i];
        x->keep = !x->actor && !x->person && (!x->weak || x->locative == 1 || x->comma_ctx >= 0);
        if (x->keep && in_person_or_org(doc, x, actors_sorted)) x->keep = 0, x->actor = 1;
    }
    if (group_by(&doc->mem, m, nm, ord, 1) != 0) return SITREP_ERR_NOMEM;
    for (size_t i = 0, j; i < nm; i = j) {
        uint32_t lic = 0;               /* word counts (bit n-1) of licensed weak mentions */
        for (j = i; j < nm && m[ord[j]].best == m[ord[i]].best; j++) {
            const mention *y = &m[ord[j]];
            if (y->keep && y->weak && y->w1 - y->w0 <= 32) lic |= 1u << (y->w1 - y->w0 - 1);
        }
        for (size_t k = i; k < j; k++) {
            mention *y = &m[ord[k]];
            if (!y->keep && !y->actor && !y->person && y->w1 - y->w0 <= 32 && (lic >> (y->w1 - y->w0 - 1) & 1))
                y->keep = 1;
        }
    }
    for (size_t i = 0; i < nm; i++) {
        mention *x = &m[i];
        if (!x->keep) { x->n = 0; continue; }
        sitrep_place *pl = vec_push(doc->places);
        if (!pl) return SITREP_ERR_NOMEM;
        fill_place(g, x->best, pl);
        pl->start = doc->words.v[x->w0].start;
        pl->end = doc->words.v[x->wend - 1].end;
        pl->text = arena_strndup(&doc->mem, doc->text + pl->start, pl->end - pl->start);
        if (!pl->text) return SITREP_ERR_NOMEM;
        pl->alternatives = x->n - 1;
    }
    /* the article's dominant place: most mentions, the first on a tie */
    int64_t dom = -1;
    size_t domn = 0, domfirst = SIZE_MAX;
    for (size_t i = 0, j; i < nm; i = j) {         /* ord: grouped by best, in text order */
        size_t c = 0, first = SIZE_MAX;
        for (j = i; j < nm && m[ord[j]].best == m[ord[i]].best; j++)
            if (m[ord[j]].n) {
                c++;
                if (ord[j] < first) first = ord[j];
            }
        if (c > domn || (c == domn && c && first < domfirst)) {
            domn = c;
            domfirst = first;
            dom = (int64_t)m[ord[i]].best;
        }
    }
    /* event locations */
    for (size_t e = 0; e < doc->events.n; e++) {
        sitrep_event *ev = &doc->events.v[e];
        int phys = physical_root(ev->root);
        int64_t verb = event_verb(doc, ev);
        int64_t pick = -1, any = -1;
        /* the mentions are in text order: from the first of the event's sentence */
        size_t lo = 0, hi = nm;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (m[mid].sent < ev->sentence) lo = mid + 1;
            else hi = mid;
        }
        for (size_t i = lo; i < nm && pick < 0 && m[i].sent == ev->sentence; i++) {
            mention *x = &m[i];
            if (!x->n) continue;
            uint32_t s0 = doc->words.v[x->w0].start, e0 = doc->words.v[x->wend - 1].end;
            /* a participant is no location, unless it stands after "in", "at"...
             * ("installed missiles in Belarus" with Belarus coded as the target) */
            if ((overlaps(s0, e0, &ev->source) || overlaps(s0, e0, &ev->target)) && x->locative != 1)
                continue;
            if (verb >= 0 && !in_clause(doc, x, (uint32_t)verb)) continue;
            if (x->locative == 1 || (phys && x->locative == 2)) pick = (int64_t)x->best;
            else if (any < 0 && phys) any = (int64_t)x->best;
        }
        if (pick < 0) pick = any;
        if (pick < 0 && phys) pick = dom;
        if (pick < 0) { ev->has_location = 0; continue; }
        fill_place(g, (uint32_t)pick, &ev->location);
        ev->has_location = 1;
    }
    return SITREP_OK;
}
