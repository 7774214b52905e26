/* out.c — the article record (JSON lines) and the event table (TSV).
 *
 * Hand-written rather than through a JSON library: the writer is on the hot path
 * (>= 200 MB/s) and the record's shape is fixed by the brief. Offsets are
 * converted from bytes to code points here, and only here. */
#include <math.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "quote.h"

/* JSON string escaping: a 256-entry table; 0 = copy, 'u' = \u00XX, else the
 * escape letter. The text is valid UTF-8 (repaired on input). */
static const char json_esc[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
    ['"'] = '"', ['\\'] = '\\',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u', [0x05] = 'u',
    [0x06] = 'u', [0x07] = 'u', [0x0B] = 'u', [0x0E] = 'u', [0x0F] = 'u', [0x10] = 'u',
    [0x11] = 'u', [0x12] = 'u', [0x13] = 'u', [0x14] = 'u', [0x15] = 'u', [0x16] = 'u',
    [0x17] = 'u', [0x18] = 'u', [0x19] = 'u', [0x1A] = 'u', [0x1B] = 'u', [0x1C] = 'u',
    [0x1D] = 'u', [0x1E] = 'u', [0x1F] = 'u', [0x7F] = 'u',
};

static int json_strn(sitrep_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n + 2)) return -1;
    b->data[b->len++] = '"';
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char e = json_esc[(unsigned char)s[i]];
        if (!e) continue;
        if (buf_put(b, s + run, i - run)) return -1;
        char tmp[8];
        if (e == 'u') {
            static const char hex[] = "0123456789abcdef";
            unsigned c = (unsigned char)s[i];
            memcpy(tmp, "\\u00", 4);
            tmp[4] = hex[c >> 4];
            tmp[5] = hex[c & 15];
            if (buf_put(b, tmp, 6)) return -1;
        } else {
            tmp[0] = '\\';
            tmp[1] = e;
            if (buf_put(b, tmp, 2)) return -1;
        }
        run = i + 1;
    }
    if (buf_put(b, s + run, n - run)) return -1;
    return buf_putc(b, '"');
}

static int json_str(sitrep_buf *b, const char *s)
{
    return s ? json_strn(b, s, strlen(s)) : buf_put(b, "null", 4);
}

/* "key": */
static int key(sitrep_buf *b, const char *k)
{
    return buf_putc(b, '"') | buf_puts(b, k) | buf_put(b, "\":", 2);
}

static int num_or_null(sitrep_buf *b, double v, int prec)
{
    return isnan(v) ? buf_put(b, "null", 4) : buf_double(b, v, prec);
}

/* "start": cp, "end": cp */
static int span(sitrep_buf *b, const sitrep_doc *d, uint32_t start, uint32_t end)
{
    return key(b, "start") | buf_int(b, (long long)sitrep_doc_cp(d, start)) | buf_putc(b, ',') |
           key(b, "end") | buf_int(b, (long long)sitrep_doc_cp(d, end));
}

static int argument(sitrep_buf *b, const sitrep_doc *d, const sitrep_argument *a)
{
    if (!a->present) return buf_put(b, "null", 4);
    return buf_putc(b, '{') | key(b, "code") | json_str(b, a->code ? a->code : "") |
           buf_putc(b, ',') | key(b, "text") | json_str(b, a->text) | buf_putc(b, ',') |
           span(b, d, a->start, a->end) | buf_putc(b, '}');
}

static int place_fields(sitrep_buf *b, const sitrep_place *p)
{
    return key(b, "name") | json_str(b, p->name) | buf_putc(b, ',') |
           key(b, "country") | json_str(b, p->country) | buf_putc(b, ',') |
           key(b, "adm1") | json_str(b, p->adm1) | buf_putc(b, ',') |
           key(b, "lat") | num_or_null(b, p->lat, 4) | buf_putc(b, ',') |
           key(b, "lon") | num_or_null(b, p->lon, 4);
}

static int event_json(sitrep_buf *b, const sitrep_doc *d, const sitrep_event *e)
{
    int r = buf_putc(b, '{') | key(b, "sentence") | buf_int(b, e->sentence) | buf_putc(b, ',') |
            key(b, "source") | argument(b, d, &e->source) | buf_putc(b, ',') |
            key(b, "target") | argument(b, d, &e->target) | buf_putc(b, ',') |
            key(b, "code") | json_str(b, e->code) | buf_putc(b, ',') |
            key(b, "root") | json_str(b, e->root) | buf_putc(b, ',') |
            key(b, "quad");
    r |= e->quad ? buf_int(b, e->quad) : buf_put(b, "null", 4);
    r |= buf_putc(b, ',') | key(b, "goldstein") | num_or_null(b, e->goldstein, 1) |
         buf_putc(b, ',') | key(b, "plover") | json_str(b, e->plover);
    if (e->plover_mode) r |= buf_putc(b, ',') | key(b, "plover_mode") | json_str(b, e->plover_mode);
    r |= buf_putc(b, ',') | key(b, "negated") | buf_puts(b, e->negated ? "true" : "false") |
         buf_putc(b, ',') | key(b, "location");
    if (e->has_location) r |= buf_putc(b, '{') | place_fields(b, &e->location) | buf_putc(b, '}');
    else r |= buf_put(b, "null", 4);
    if (e->explain) r |= buf_putc(b, ',') | key(b, "explain") | json_str(b, e->explain);
    return r | buf_putc(b, '}');
}

static int tone_json(sitrep_buf *b, const sitrep_tone *t, int article);

static int quote_json(sitrep_buf *b, const sitrep_doc *d, const sitrep_quote *q)
{
    size_t qi = (size_t)(q - d->quotes.v);
    int r = buf_putc(b, '{') | key(b, "text") | json_strn(b, d->text + q->start, q->end - q->start) |
            buf_putc(b, ',') | span(b, d, q->start, q->end) | buf_putc(b, ',') |
            key(b, "verb") | json_str(b, q->verb) | buf_putc(b, ',') |
            key(b, "kind") | json_str(b, q->kind) | buf_putc(b, ',') | key(b, "speaker");
    if (q->has_speaker)
        r |= buf_putc(b, '{') | key(b, "text") | json_str(b, q->speaker_text) | buf_putc(b, ',') |
             key(b, "code") | json_str(b, q->speaker_code ? q->speaker_code : "") | buf_putc(b, ',') |
             span(b, d, q->speaker_start, q->speaker_end) | buf_putc(b, '}');
    else
        r |= buf_put(b, "null", 4);
    if (qi < d->quote_tone.n) r |= buf_putc(b, ',') | key(b, "tone") | tone_json(b, &d->quote_tone.v[qi], 0);
    return r | buf_putc(b, '}');
}

static int actor_json(sitrep_buf *b, const sitrep_doc *d, const sitrep_actor *a)
{
    int r = buf_putc(b, '{') | key(b, "text") | json_str(b, a->text) | buf_putc(b, ',') |
            key(b, "code") | json_str(b, a->code ? a->code : "") | buf_putc(b, ',');
    if (a->kind) r |= key(b, "kind") | json_str(b, a->kind) | buf_putc(b, ',');
    if (a->antecedent && a->antecedent <= d->actors.n)
        r |= key(b, "refers_to") | json_str(b, d->actors.v[a->antecedent - 1].text) | buf_putc(b, ',');
    return r | key(b, "sentence") | buf_int(b, a->sentence) | buf_putc(b, ',') |
           span(b, d, a->start, a->end) | buf_putc(b, '}');
}

static int place_json(sitrep_buf *b, const sitrep_doc *d, const sitrep_place *p)
{
    return buf_putc(b, '{') | key(b, "text") | json_str(b, p->text) | buf_putc(b, ',') |
           place_fields(b, p) | buf_putc(b, ',') | span(b, d, p->start, p->end) |
           buf_putc(b, ',') | key(b, "alternatives") | buf_int(b, p->alternatives) | buf_putc(b, '}');
}

static int loaded_json(sitrep_buf *b, const sitrep_doc *d, const sitrep_loaded *l)
{
    return buf_putc(b, '{') | key(b, "text") | json_strn(b, d->text + l->start, l->end - l->start) |
           buf_putc(b, ',') | span(b, d, l->start, l->end) | buf_putc(b, ',') |
           key(b, "category") | json_str(b, l->category) | buf_putc(b, ',') |
           key(b, "in_quote") | buf_puts(b, l->in_quote ? "true" : "false") | buf_putc(b, '}');
}

static int tone_json(sitrep_buf *b, const sitrep_tone *t, int article)
{
    if (!t->computed) return buf_put(b, "null", 4);
    int r = buf_putc(b, '{') | key(b, "tone") | buf_double(b, t->tone, 2) | buf_putc(b, ',') |
            key(b, "positive") | buf_double(b, t->positive, 2) | buf_putc(b, ',') |
            key(b, "negative") | buf_double(b, t->negative, 2) | buf_putc(b, ',') |
            key(b, "polarity") | buf_double(b, t->polarity, 2) | buf_putc(b, ',') |
            key(b, "activity") | buf_double(b, t->activity, 2) | buf_putc(b, ',') |
            key(b, "self_group") | buf_double(b, t->self_group, 2) | buf_putc(b, ',') |
            key(b, "words") | buf_int(b, t->words);
    if (article) r |= buf_putc(b, ',') | key(b, "loaded_density") | buf_double(b, t->loaded_density, 3);
    return r | buf_putc(b, '}');
}

#define LIST(b, d, vec, fn) do {                                         \
    r |= buf_putc(b, '[');                                               \
    for (size_t i_ = 0; i_ < (vec).n; i_++) {                            \
        if (i_) r |= buf_putc(b, ',');                                   \
        r |= fn(b, d, &(vec).v[i_]);                                     \
    }                                                                    \
    r |= buf_putc(b, ']');                                               \
} while (0)

static sitrep_status write_json(const sitrep_doc *d, sitrep_buf *b)
{
    int r = buf_putc(b, '{') | key(b, "id") | json_str(b, d->field[SITREP_FIELD_ID] ? d->field[SITREP_FIELD_ID] : "") |
            buf_putc(b, ',') | key(b, "date") | json_str(b, d->field[SITREP_FIELD_DATE]) |
            buf_putc(b, ',') | key(b, "title") | json_str(b, d->field[SITREP_FIELD_TITLE]) |
            buf_putc(b, ',') | key(b, "url") | json_str(b, d->field[SITREP_FIELD_URL]);
    if (d->field[SITREP_FIELD_SOURCE])
        r |= buf_putc(b, ',') | key(b, "source") | json_str(b, d->field[SITREP_FIELD_SOURCE]);
    r |= buf_putc(b, ',') | key(b, "sentences") | buf_int(b, (long long)d->sentences.n);
    r |= buf_putc(b, ',') | key(b, "events");
    LIST(b, d, d->events, event_json);
    r |= buf_putc(b, ',') | key(b, "quotes");
    LIST(b, d, d->quotes, quote_json);
    r |= buf_putc(b, ',') | key(b, "actors");
    LIST(b, d, d->actors, actor_json);
    r |= buf_putc(b, ',') | key(b, "locations");
    LIST(b, d, d->places, place_json);
    r |= buf_putc(b, ',') | key(b, "tone") | tone_json(b, &d->tone, 1);
    if (d->sent_tone.n) {
        r |= buf_putc(b, ',') | key(b, "sentence_tones") | buf_putc(b, '[');
        for (size_t i = 0; i < d->sent_tone.n; i++)
            r |= (i ? buf_putc(b, ',') : 0) | tone_json(b, &d->sent_tone.v[i], 0);
        r |= buf_putc(b, ']');
    }
    r |= buf_putc(b, ',') | key(b, "loaded");
    LIST(b, d, d->loaded, loaded_json);
    r |= buf_putc(b, ',') | key(b, "warnings") | buf_putc(b, '[');
    for (size_t i = 0; i < d->warnings.n; i++) {
        if (i) r |= buf_putc(b, ',');
        r |= json_str(b, d->warnings.v[i]);
    }
    r |= buf_put(b, "]}\n", 3);
    return r ? SITREP_ERR_NOMEM : SITREP_OK;
}

/* ------------------------------------------------------------------ TSV */

static const char tsv_header[] =
    "id\tdate\tsentence\tsource_code\tsource_text\ttarget_code\ttarget_text\tcode\troot\t"
    "quad\tgoldstein\tplover\tnegated\tlocation\tcountry\tadm1\tlat\tlon\tquotes\n";

const char *sitrep_tsv_header(void) { return tsv_header; }

/* A TSV field: tabs and line breaks become spaces; NULL becomes empty. */
static int tsv_field(sitrep_buf *b, const char *s)
{
    if (!s) return 0;
    size_t n = strlen(s);
    if (buf_reserve(b, n)) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        b->data[b->len++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    b->data[b->len] = '\0';
    return 0;
}

static sitrep_status write_tsv(const sitrep_doc *d, sitrep_buf *b)
{
    int r = 0;
    /* the article's quotations, GKG style (offset|length|verb|quote joined by #),
     * repeated on each of its rows */
    sitrep_buf gkg = {0};
    if (d->events.n && quote_gkg(d, &gkg) != SITREP_OK) r = -1;
    for (size_t i = 0; i < d->events.n; i++) {
        const sitrep_event *e = &d->events.v[i];
        r |= tsv_field(b, d->field[SITREP_FIELD_ID]) | buf_putc(b, '\t') |
             tsv_field(b, d->field[SITREP_FIELD_DATE]) | buf_putc(b, '\t') |
             buf_int(b, e->sentence) | buf_putc(b, '\t');
        r |= tsv_field(b, e->source.present ? e->source.code : NULL) | buf_putc(b, '\t') |
             tsv_field(b, e->source.present ? e->source.text : NULL) | buf_putc(b, '\t') |
             tsv_field(b, e->target.present ? e->target.code : NULL) | buf_putc(b, '\t') |
             tsv_field(b, e->target.present ? e->target.text : NULL) | buf_putc(b, '\t') |
             tsv_field(b, e->code) | buf_putc(b, '\t') | tsv_field(b, e->root) | buf_putc(b, '\t');
        if (e->quad) r |= buf_int(b, e->quad);
        r |= buf_putc(b, '\t');
        if (!isnan(e->goldstein)) r |= buf_double(b, e->goldstein, 1);
        r |= buf_putc(b, '\t') | tsv_field(b, e->plover) | buf_putc(b, '\t') |
             buf_puts(b, e->negated ? "1" : "0") | buf_putc(b, '\t');
        if (e->has_location) {
            r |= tsv_field(b, e->location.name) | buf_putc(b, '\t') |
                 tsv_field(b, e->location.country) | buf_putc(b, '\t') |
                 tsv_field(b, e->location.adm1) | buf_putc(b, '\t');
            if (!isnan(e->location.lat)) r |= buf_double(b, e->location.lat, 4);
            r |= buf_putc(b, '\t');
            if (!isnan(e->location.lon)) r |= buf_double(b, e->location.lon, 4);
        } else {
            r |= buf_put(b, "\t\t\t\t", 4);
        }
        r |= buf_putc(b, '\t') | tsv_field(b, gkg.data);
        r |= buf_putc(b, '\n');
    }
    sitrep_buf_free(&gkg);
    return r ? SITREP_ERR_NOMEM : SITREP_OK;
}

sitrep_status sitrep_write_doc(const sitrep_doc *d, sitrep_format fmt, sitrep_buf *b)
{
    return fmt == SITREP_FORMAT_TSV ? write_tsv(d, b) : write_json(d, b);
}
