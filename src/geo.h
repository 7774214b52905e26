/* geo.h — places: the gazetteer and the locations stage.
 *
 * The gazetteer is a binary table written at build time by tools/gen_gazetteer.c
 * (countries from ISO 3166-1, first-level subdivisions from ISO 3166-2 joined to
 * GeoNames admin1 names, populated places from GeoNames, our own alternative names
 * from data/geo/). geo_load maps it read-only; it is shared by every worker.
 *
 * geo_run finds place mentions in a tagged (and, when available, parsed) document,
 * resolves each to one gazetteer entry, fills doc->places and sets the location of
 * every event in doc->events. */
#ifndef SR_GEO_H
#define SR_GEO_H
#include "sitrep.h"

typedef struct geo_gazetteer geo_gazetteer;

/* Owned: free with geo_free. NULL with err (file, byte offset) when the file is
 * missing, truncated or not a gazetteer of this version. */
geo_gazetteer *geo_load(const char *path, sitrep_error *err);
void geo_free(geo_gazetteer *g);

/* Number of entries (places) and of names in the table. */
size_t geo_size(const geo_gazetteer *g, size_t *nnames);

/* The stage. Reads doc->words/sentences (upos, head, deprel when set: words with
 * upos NONE are judged by capitalisation alone), doc->events; appends to
 * doc->places (strings: text in the document's arena; name, country, adm1
 * borrowed from g, valid until geo_free) and sets event locations (text NULL).
 * Thread-safe for distinct documents. */
sitrep_status geo_run(const geo_gazetteer *g, sitrep_doc *doc);

/* Looks a name up as written (any case, accents, punctuation): fills *out with
 * the best candidate without context and returns the number of candidates
 * (0 = unknown name). out->text is NULL, start/end 0. */
size_t geo_lookup(const geo_gazetteer *g, const char *name, size_t len, sitrep_place *out);

/* The matching key of a name: case-folded, accents stripped, '.' and apostrophes
 * dropped, runs of spaces, hyphens, commas and slashes as one space, trimmed.
 * Written into out (NUL-terminated, truncated to cap - 1); returns its length.
 * The generator and the run-time lookup share it, so both sides agree. */
size_t geo_key(const char *s, size_t len, char *out, size_t cap);

/* File format (little-endian, written by tools/gen_gazetteer.c): a header, then
 * arrays of the records below, then a pool of NUL-terminated strings; every
 * "string" field is a byte offset into the pool. names[] is sorted by key (strcmp),
 * then by the entry's prior score, best first. */
#define GEO_MAGIC "SRGAZ\r\n\032"
#define GEO_VERSION 1u
enum { GEO_COUNTRY = 1, GEO_ADM1 = 2, GEO_CITY = 3 };
typedef struct geo_file_header {
    char magic[8];
    uint32_t version, nplaces, nnames, ncountries, nadm1, strings_size;
    uint32_t off_places, off_names, off_countries, off_adm1, off_strings, size;
} geo_file_header;
typedef struct geo_file_place {
    int32_t lat_e5, lon_e5;   /* degrees x 1e5 */
    uint32_t population;      /* 0 when unknown */
    uint32_t name;            /* string */
    uint16_t country, adm1;   /* indices into countries[] / adm1[], 0xFFFF = none */
    uint8_t kind;             /* GEO_COUNTRY, GEO_ADM1, GEO_CITY */
    uint8_t rank;             /* cities: 4 capital, 3 adm1 seat, 2 lower seat, 1 place, 0 section */
    uint16_t flags;           /* reserved */
} geo_file_place;
typedef struct geo_file_name {
    uint32_t key;             /* string: geo_key of the name */
    uint32_t place;           /* index into places[] */
} geo_file_name;
typedef struct geo_file_country {
    char a2[4], a3[4];        /* NUL-terminated ISO alpha-2, alpha-3 */
    uint32_t place, pad;
} geo_file_country;
typedef struct geo_file_adm1 {
    uint32_t code;            /* string: ISO 3166-2 code, "" when GeoNames has no ISO match */
    uint32_t place;
} geo_file_adm1;
#endif
