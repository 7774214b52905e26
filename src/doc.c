/* doc.c — document lifecycle, text repair, layers' accessors. */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

sitrep_doc *sitrep_doc_new(void)
{
    sitrep_doc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    arena_init(&d->mem);
    return d;
}

void sitrep_doc_free(sitrep_doc *d)
{
    if (!d) return;
    arena_free(&d->mem);
    vec_free(d->sentences);
    vec_free(d->tokens);
    vec_free(d->words);
    vec_free(d->actors);
    vec_free(d->events);
    vec_free(d->quotes);
    vec_free(d->places);
    vec_free(d->loaded);
    vec_free(d->warnings);
    vec_free(d->cp_at);
    vec_free(d->units);
    vec_free(d->unit_ids);
    vec_free(d->unit_span);
    vec_free(d->sent_tone);
    vec_free(d->quote_tone);
    free(d);
}

void sitrep_doc_reset(sitrep_doc *d)
{
    arena_reset(&d->mem);
    memset(d->field, 0, sizeof d->field);
    d->text = NULL;
    d->len = 0;
    d->nbad = 0;
    d->failed = 0;
    d->norm = NULL;
    d->norm_map = NULL;
    d->norm_len = 0;
    d->sentences.n = d->tokens.n = d->words.n = 0;
    d->actors.n = d->events.n = d->quotes.n = d->places.n = d->loaded.n = 0;
    d->warnings.n = 0;
    d->cp_at.n = 0;
    d->units.n = d->unit_span.n = 0;
    d->sent_tone.n = d->quote_tone.n = 0;
    memset(&d->tone, 0, sizeof d->tone);
}

sitrep_status sitrep_doc_set_text(sitrep_doc *d, const char *text, size_t len)
{
    if (len > (SIZE_MAX - 1) / 3) return SITREP_ERR_NOMEM;
    size_t valid = utf8_valid_prefix(text, len);
    if (valid == len) {
        d->text = arena_strndup(&d->mem, text, len);
        if (!d->text) return SITREP_ERR_NOMEM;
        d->len = len;
        d->nbad = 0;
    } else {
        char *out = arena_alloc(&d->mem, 3 * len + 1);
        if (!out) return SITREP_ERR_NOMEM;
        d->len = utf8_repair(text, len, out, &d->nbad);
        d->text = out;
        sitrep_doc_warn(d, "%zu invalid UTF-8 sequence%s replaced by U+FFFD",
                        d->nbad, d->nbad == 1 ? "" : "s");
    }
    d->cp_at.n = 0;
    return SITREP_OK;
}

sitrep_status sitrep_doc_set(sitrep_doc *d, sitrep_field f, const char *value, size_t len)
{
    if ((unsigned)f >= SITREP_FIELD_COUNT) return SITREP_ERR_USAGE;
    if (!value) { d->field[f] = NULL; return SITREP_OK; }
    /* metadata is repaired too: it is written back out as JSON */
    char *out = arena_alloc(&d->mem, 3 * len + 1);
    if (!out) return SITREP_ERR_NOMEM;
    size_t nbad;
    utf8_repair(value, len, out, &nbad);
    d->field[f] = out;
    return SITREP_OK;
}

const char *sitrep_doc_get(const sitrep_doc *d, sitrep_field f)
{
    return (unsigned)f < SITREP_FIELD_COUNT ? d->field[f] : NULL;
}

void sitrep_doc_warn(sitrep_doc *d, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = arena_strdup(&d->mem, buf);
    const char **slot = s ? vec_push(d->warnings) : NULL;
    if (slot) *slot = s;
}

void sitrep_doc_set_failed(sitrep_doc *d) { d->failed = 1; }
int sitrep_doc_failed(const sitrep_doc *d) { return d->failed; }

const char *sitrep_doc_text(const sitrep_doc *d, size_t *len)
{
    if (len) *len = d->len;
    return d->text ? d->text : "";
}

size_t sitrep_doc_nsentences(const sitrep_doc *d) { return d->sentences.n; }
size_t sitrep_doc_ntokens(const sitrep_doc *d) { return d->tokens.n; }
size_t sitrep_doc_nwords(const sitrep_doc *d) { return d->words.n; }
const sitrep_sentence *sitrep_doc_sentence(const sitrep_doc *d, size_t i)
{ return i < d->sentences.n ? &d->sentences.v[i] : NULL; }
const sitrep_token *sitrep_doc_token(const sitrep_doc *d, size_t i)
{ return i < d->tokens.n ? &d->tokens.v[i] : NULL; }
const sitrep_word *sitrep_doc_word(const sitrep_doc *d, size_t i)
{ return i < d->words.n ? &d->words.v[i] : NULL; }
size_t sitrep_doc_nactors(const sitrep_doc *d) { return d->actors.n; }
const sitrep_actor *sitrep_doc_actor(const sitrep_doc *d, size_t i)
{ return i < d->actors.n ? &d->actors.v[i] : NULL; }
size_t sitrep_doc_nevents(const sitrep_doc *d) { return d->events.n; }
const sitrep_event *sitrep_doc_event(const sitrep_doc *d, size_t i)
{ return i < d->events.n ? &d->events.v[i] : NULL; }
size_t sitrep_doc_nquotes(const sitrep_doc *d) { return d->quotes.n; }
const sitrep_quote *sitrep_doc_quote(const sitrep_doc *d, size_t i)
{ return i < d->quotes.n ? &d->quotes.v[i] : NULL; }
size_t sitrep_doc_nplaces(const sitrep_doc *d) { return d->places.n; }
const sitrep_place *sitrep_doc_place(const sitrep_doc *d, size_t i)
{ return i < d->places.n ? &d->places.v[i] : NULL; }
const sitrep_tone *sitrep_doc_tone(const sitrep_doc *d) { return &d->tone; }
const sitrep_tone *sitrep_doc_sentence_tone(const sitrep_doc *d, size_t i)
{ return i < d->sent_tone.n ? &d->sent_tone.v[i] : NULL; }
const sitrep_tone *sitrep_doc_quote_tone(const sitrep_doc *d, size_t i)
{ return i < d->quote_tone.n ? &d->quote_tone.v[i] : NULL; }
size_t sitrep_doc_nwarnings(const sitrep_doc *d) { return d->warnings.n; }
const char *sitrep_doc_warning(const sitrep_doc *d, size_t i)
{ return i < d->warnings.n ? d->warnings.v[i] : NULL; }

enum { CP_STEP = 64 };

/* Code points are counted from a checkpoint every 64 bytes, built on first use
 * (the checkpoint table is a per-document cache, built by the single thread that
 * owns the document). */
size_t sitrep_doc_cp(const sitrep_doc *cd, size_t off)
{
    sitrep_doc *d = (sitrep_doc *)cd; /* cache fill: logically const */
    if (off > d->len) off = d->len;
    size_t nck = d->len / CP_STEP + 1;
    if (d->cp_at.n != nck) {
        if (vec_reserve(d->cp_at, nck) != 0) return utf8_count(d->text, off);
        uint32_t acc = 0;
        for (size_t k = 0; k < nck; k++) {
            d->cp_at.v[k] = acc;
            size_t a = k * CP_STEP, b = a + CP_STEP < d->len ? a + CP_STEP : d->len;
            acc += (uint32_t)utf8_count(d->text + a, b - a);
        }
        d->cp_at.n = nck;
    }
    size_t k = off / CP_STEP;
    return d->cp_at.v[k] + utf8_count(d->text + k * CP_STEP, off - k * CP_STEP);
}

static const char *const upos_names[SITREP_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
};

const char *sitrep_upos_name(int upos)
{
    return upos > 0 && upos < SITREP_UPOS_COUNT ? upos_names[upos] : "_";
}

int sitrep_upos_from_name(const char *name)
{
    if (!name) return SITREP_UPOS_NONE;
    for (int i = 1; i < SITREP_UPOS_COUNT; i++)
        if (strcmp(upos_names[i], name) == 0) return i;
    return SITREP_UPOS_NONE;
}
