/* actor.c — actor mentions, agents, coreference (contract in actor.h).
 *
 * The sentence is first turned into "units" (units.h): words, or runs of words
 * written without spaces whose joined upper-case form is a dictionary word (so
 * the dictionary's AL-QAEDA or PEOPLE'S still match "al - Qaeda", "People 's").
 * Mentions are then read left to right as
 *     [possessor 's] [country/org] [agent...] [of|from [the] country] [person|Name]
 * with the most specific code winning: a known person's dated code, else
 * country + agent, else the country or organisation alone. */
#include "actor.h"

#include <ctype.h>
#include <string.h>

#include "doc.h"
#include "units.h"

typedef doc_unit unit;   /* units.h */

typedef struct found {      /* a dictionary match */
    const dict_actor *actor;
    const dict_agent *agent;
    size_t len;             /* in units */
} found;

static const char *wnorm(const sitrep_word *w) { return w->norm ? w->norm : w->form; }

static int is_cap(const char *s) { return isupper((unsigned char)s[0]) || isdigit((unsigned char)s[0]); }

static int all_caps(const char *s)
{
    int letters = 0;
    for (; *s; s++) {
        if (islower((unsigned char)*s)) return 0;
        letters += isupper((unsigned char)*s) != 0;
    }
    return letters > 0;
}

/* Case check for a dictionary match over units [a, b): some word must be
 * capitalized; a short all-caps dictionary word (US, UN, EU) must be written in
 * capitals ("us" is a pronoun). */
static int case_ok(const sitrep_doc *d, const unit *u, size_t a, size_t b)
{
    int cap = 0;
    for (size_t k = a; k < b; k++)
        for (uint32_t w = u[k].w0; w < u[k].w1; w++) {
            const char *f = d->words.v[w].form;
            if (is_cap(f)) cap = 1;
            if (b - a == 1 && strlen(f) <= 3 && !all_caps(f)) return 0;
        }
    return cap;
}

/* The dictionary match at unit i (made with the units, units.h): the actor
 * phrase when its case fits and it is at least as long as the agent phrase. */
static found match_at(const dict_set *ds, const sitrep_doc *d, const unit *u, size_t n, size_t i)
{
    (void)ds;
    (void)n;
    found f = {0};
    const dict_actor *a = u[i].actor;
    if (a && !case_ok(d, u, i, i + u[i].alen)) a = NULL;
    if (a && (!u[i].agent || u[i].alen >= u[i].plen)) { f.actor = a; f.len = u[i].alen; }
    else if (u[i].agent) { f.agent = u[i].agent; f.len = u[i].plen; }
    return f;
}

/* What a dictionary actor is, from its codes and where it was defined. */
static const char *actor_kind(const dict_set *ds, const dict_actor *a, const char *code)
{
    size_t nc = dict_actor_ncodes(ds, a);
    for (size_t i = 0; i < nc; i++) {
        dict_dated dd;
        if (!dict_actor_code_at(ds, a, i, &dd)) continue;
        if (dd.when != DICT_ALWAYS || (dd.file && strstr(dd.file, "people"))) return "person";
    }
    if (!code) return "org";
    if (strlen(code) == 3) return "country";
    if (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "MNC", 3)) return "org";
    return "group";
}

/* Country + agent: "~MIL" appends, "IGO~" prefixes; a country code is the first
 * three letters of a code such as RUSGOV. */
static const char *combine(sitrep_doc *d, const char *base, const char *agent)
{
    if (!agent || !*agent) return base;
    size_t al = strlen(agent);
    if (agent[0] == '~') {
        /* an agent of no known country: "---GOV", as CAMEO writes it */
        if (!base || !*base) return arena_printf(&d->mem, "---%s", agent + 1);
        char c[4] = {0};
        memcpy(c, base, strlen(base) >= 3 ? 3 : strlen(base));
        return arena_printf(&d->mem, "%s%s", c, agent + 1);
    }
    if (agent[al - 1] == '~') return arena_printf(&d->mem, "%.*s%s", (int)(al - 1), agent, base ? base : "");
    return arena_strdup(&d->mem, agent);
}

static int word_is(const sitrep_doc *d, uint32_t w, const char *lower)
{
    const char *f = wnorm(&d->words.v[w]);
    for (; *f && *lower; f++, lower++)
        if (tolower((unsigned char)*f) != *lower) return 0;
    return !*f && !*lower;
}

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", NULL,
};

static int is_month_or_day(const sitrep_doc *d, uint32_t w)
{
    for (int i = 0; months[i]; i++)
        if (word_is(d, w, months[i])) return 1;
    return 0;
}

static const char *const place_words[] = {
    "region", "oblast", "province", "city", "county", "district", "state", "river",
    "sea", "island", "islands", "mountains", "valley", "street", "square", NULL,
};

static int add_actor(sitrep_doc *d, size_t sent, uint32_t w0, uint32_t w1, const char *code,
                     const char *kind, int32_t antecedent)
{
    sitrep_actor *a = vec_push(d->actors);
    if (!a) return -1;
    a->start = d->words.v[w0].start;
    a->end = d->words.v[w1 - 1].end;
    /* a span ending inside a multi-word token ends with the token */
    const sitrep_token *t = &d->tokens.v[d->words.v[w1 - 1].token];
    if (d->words.v[w1 - 1].end > t->end) a->end = t->end;
    a->sentence = (uint32_t)sent;
    a->text = arena_strndup(&d->mem, d->text + a->start, a->end - a->start);
    a->code = code ? code : "";
    a->kind = kind;
    a->antecedent = antecedent >= 0 ? (uint32_t)antecedent + 1 : 0;
    return a->text ? 0 : -1;
}

/* The last named mention compatible with a pronoun, before actor index `before`. */
/* 1 when actor a is a possessor ("the Kremlin's threat") or sits between dashes
 * or brackets: less likely to be what a later pronoun means. */
static int backgrounded(const sitrep_doc *d, const sitrep_actor *a)
{
    const char *t = d->text;
    size_t e = a->end;
    while (e < d->len && t[e] == ' ') e++;
    if (e < d->len && (t[e] == '\'' || !strncmp(t + e, "\xE2\x80\x99", 3))) return 1;
    /* an open dash or bracket between the mention and the start of its sentence,
     * not closed before it */
    const sitrep_sentence *s = &d->sentences.v[a->sentence];
    int open = 0;
    for (size_t k = s->start; k < a->start; k++) {
        if (t[k] == '(') open++;
        else if (t[k] == ')' && open) open--;
        else if (!strncmp(t + k, "\xE2\x80\x93", 3) || !strncmp(t + k, "\xE2\x80\x94", 3) ||
                 (t[k] == '-' && k > 0 && t[k - 1] == ' ' && t[k + 1] == ' '))
            open = !open;
    }
    return open > 0;
}

/* The last named mention compatible with a pronoun, before actor index `before`;
 * mentions in the foreground (not possessors, not inside a parenthesis) first. */
static int32_t antecedent_for(const sitrep_doc *d, size_t before, int person)
{
    int32_t fallback = -1;
    for (size_t i = before; i-- > 0;) {
        const sitrep_actor *a = &d->actors.v[i];
        if (!a->kind || !strcmp(a->kind, "pronoun")) continue;
        int ok = person ? !strcmp(a->kind, "person")
                        : strcmp(a->kind, "person") && strcmp(a->kind, "agent") &&
                              strcmp(a->kind, "unknown") && a->code[0];
        if (!ok) continue;
        if (!backgrounded(d, a)) return (int32_t)i;
        if (fallback < 0) fallback = (int32_t)i;
    }
    return fallback;
}

/* "X said (that) he/it ...": the pronoun subject of a clausal complement refers to
 * the subject of the verb it complements, when that subject is a compatible actor
 * already found in this sentence. */
static int32_t speaker_subject(const sitrep_doc *d, const sitrep_sentence *s, uint32_t w, int person)
{
    const sitrep_word *x = &d->words.v[w];
    if (x->head <= 0 || !x->deprel || strncmp(x->deprel, "nsubj", 5)) return -1;
    const sitrep_word *v = &d->words.v[s->word + (uint32_t)x->head - 1];
    if (!v->deprel || strcmp(v->deprel, "ccomp") || v->head <= 0) return -1;
    uint32_t u = s->word + (uint32_t)v->head - 1;
    for (uint32_t k = s->word; k < s->word + s->nwords; k++) {
        const sitrep_word *y = &d->words.v[k];
        if (y->head <= 0 || s->word + (uint32_t)y->head - 1 != u || !y->deprel || strncmp(y->deprel, "nsubj", 5))
            continue;
        size_t si = (size_t)(s - d->sentences.v);
        for (size_t i = d->actors.n; i-- > 0;) {
            const sitrep_actor *a = &d->actors.v[i];
            if (a->sentence < si) break;       /* mentions are appended sentence by sentence */
            if (a->start > y->start || a->end < y->end) continue;
            if (a->antecedent) return (int32_t)a->antecedent - 1;
            int is_person = a->kind && !strcmp(a->kind, "person");
            if (is_person == person && a->code[0]) return (int32_t)i;
            return -1;
        }
    }
    return -1;
}

/* An earlier person mention whose last word is this (single-word) name. */
static int32_t surname_match(const sitrep_doc *d, const char *name, size_t nlen)
{
    for (size_t i = d->actors.n; i-- > 0;) {
        const sitrep_actor *a = &d->actors.v[i];
        if (!a->kind || (strcmp(a->kind, "person") && a->code[0])) continue;
        size_t tl = strlen(a->text);
        if (tl > nlen && a->text[tl - nlen - 1] == ' ' && !memcmp(a->text + tl - nlen, name, nlen))
            return a->antecedent ? (int32_t)a->antecedent - 1 : (int32_t)i;
    }
    return -1;
}

static sitrep_status sentence_actors(const dict_set *ds, sitrep_doc *d, size_t si, int32_t day)
{
    const sitrep_sentence *s = &d->sentences.v[si];
    size_t n;
    const unit *u = units_of(ds, d, si, &n);
    if (!u) return SITREP_ERR_NOMEM;
    for (size_t i = 0; i < n;) {
        uint32_t w = u[i].w0;
        found f = match_at(ds, d, u, n, i);
        if (!f.actor && !f.agent) {
            const sitrep_word *x = &d->words.v[w];
            /* pronouns */
            if (x->upos == SITREP_UPOS_PRON || (!x->upos && u[i].w1 == w + 1)) {
                int person = word_is(d, w, "he") || word_is(d, w, "she") ||
                             word_is(d, w, "him") || word_is(d, w, "her");
                /* "it" only as the subject of an action ("it has asked"), never
                 * expletive ("it's not only that...") */
                int thing = word_is(d, w, "it") && x->deprel && !strncmp(x->deprel, "nsubj", 5) &&
                            x->head > 0 &&
                            d->words.v[s->word + (uint32_t)x->head - 1].upos == SITREP_UPOS_VERB;
                if (person || thing) {
                    int32_t ant = speaker_subject(d, s, w, person);
                    if (ant < 0) ant = antecedent_for(d, d->actors.n, person);
                    if (ant >= 0 &&
                        add_actor(d, si, w, u[i].w1, d->actors.v[ant].code, "pronoun", ant))
                        return SITREP_ERR_NOMEM;
                }
                i++;
                continue;
            }
            /* unknown proper names: a run of proper nouns */
            if (units_proper(d, w, s->word) && !is_month_or_day(d, w)) {
                size_t j = i + 1;
                while (j < n && units_proper(d, u[j].w0, s->word) && !is_month_or_day(d, u[j].w0) &&
                       !match_at(ds, d, u, n, j).actor)
                    j++;
                uint32_t we = u[j - 1].w1;
                int placey = (i > 0 && (word_is(d, u[i - 1].w0, "in") || word_is(d, u[i - 1].w0, "at") ||
                                        word_is(d, u[i - 1].w0, "near"))) ;
                for (int k = 0; place_words[k] && j < n; k++)
                    if (word_is(d, u[j].w0, place_words[k])) placey = 1;
                if (!placey) {
                    int32_t ant = -1;
                    const char *code = "";
                    const char *kind = "unknown";
                    if (j == i + 1) {
                        const char *name = d->text + d->words.v[w].start;
                        ant = surname_match(d, name, d->words.v[u[i].w1 - 1].end - d->words.v[w].start);
                        if (ant >= 0) { code = d->actors.v[ant].code; kind = "person"; }
                    }
                    if (add_actor(d, si, w, we, code, kind, ant)) return SITREP_ERR_NOMEM;
                }
                i = j;
                continue;
            }
            i++;
            continue;
        }

        /* a dictionary mention, possibly extended */
        size_t start = i, end = i + f.len;
        const char *base = NULL, *kind = NULL, *agent = NULL;
        if (f.actor) {
            base = dict_actor_code(ds, f.actor, day);
            kind = actor_kind(ds, f.actor, base);
        } else {
            agent = dict_agent_code(ds, f.agent);
        }
        /* possessor: X 's AGENT  (X already emitted as the previous actor) */
        if (f.agent && i >= 1 && word_is(d, u[i - 1].w0, "'s") && d->actors.n &&
            d->actors.v[d->actors.n - 1].end <= d->words.v[u[i - 1].w0].start &&
            d->actors.v[d->actors.n - 1].sentence == si) {
            const sitrep_actor *pos = &d->actors.v[d->actors.n - 1];
            base = pos->code;
        }
        /* COUNTRY AGENT... ("Bree Prime Minister": up to two title words before
         * the agent word) */
        while (end < n) {
            found g = match_at(ds, d, u, n, end);
            if (!g.agent && !g.actor && (f.actor || agent)) {
                for (size_t skip = 1; skip <= 2 && end + skip < n; skip++) {
                    const sitrep_word *t = &d->words.v[u[end + skip - 1].w0];
                    if (!is_cap(t->form) || match_at(ds, d, u, n, end + skip - 1).actor) break;
                    found h = match_at(ds, d, u, n, end + skip);
                    if (h.agent) { g = h; end += skip; break; }
                }
            }
            if (g.agent && !agent) {
                agent = dict_agent_code(ds, g.agent);
                end += g.len;
            } else if (g.agent && agent) {
                end += g.len;       /* "defence minister" after "minister": keep the first */
            } else break;
        }
        /* AGENT of|from [the] COUNTRY */
        if (agent && !base && end + 1 < n &&
            (word_is(d, u[end].w0, "of") || word_is(d, u[end].w0, "from"))) {
            size_t k = end + 1;
            if (k < n && word_is(d, u[k].w0, "the")) k++;
            found g = k < n ? match_at(ds, d, u, n, k) : (found){0};
            if (g.actor) {
                const char *c = dict_actor_code(ds, g.actor, day);
                const char *gk = actor_kind(ds, g.actor, c);
                if (c && strcmp(gk, "person")) { base = c; end = k + g.len; }
            }
        }
        /* AGENT COUNTRY ("MSF Arnor", "the rebel Sudanese"): the agent applies to it */
        if (agent && !base && end < n) {
            found g = match_at(ds, d, u, n, end);
            if (g.actor) {
                const char *c = dict_actor_code(ds, g.actor, day);
                if (c && strcmp(actor_kind(ds, g.actor, c), "person")) { base = c; end += g.len; }
            }
        }
        /* ... followed by a name: a known person wins, an unknown name joins the mention */
        const char *code = combine(d, base, agent);
        if (agent && base) kind = "group";
        if (end < n && (agent || (kind && strcmp(kind, "person")))) {
            found g = match_at(ds, d, u, n, end);
            if (g.actor) {
                const char *c = dict_actor_code(ds, g.actor, day);
                /* "Bree Prime Minister Romendacil" where the name is coded just BRE:
                 * one mention, the more specific code */
                if (agent && c && code && strlen(c) >= 3 && strlen(code) > strlen(c) &&
                    !strncmp(c, code, 3) && units_proper(d, u[end].w0, s->word)) {
                    kind = "person";
                    end += g.len;
                } else if (!strcmp(actor_kind(ds, g.actor, c), "person")) {
                    /* the title and the name are one mention; the name's role wins
                     * when it has one on this date */
                    if (c && strcmp(c, "---")) code = c;
                    kind = "person";
                    end += g.len;
                }
            } else if (agent && units_proper(d, u[end].w0, s->word) && !is_month_or_day(d, u[end].w0)) {
                size_t k = end;
                while (k < n && units_proper(d, u[k].w0, s->word) && !match_at(ds, d, u, n, k).actor &&
                       !match_at(ds, d, u, n, k).agent)
                    k++;
                end = k;
                kind = "person";
            }
        }
        if (!kind) kind = f.agent && !base ? "agent" : "group";
        /* "military fatigues", "military operations": an agent word used as an
         * adjective of a thing is no actor */
        if (f.agent && !base && end == start + 1 && d->words.v[u[start].w0].upos == SITREP_UPOS_ADJ) {
            i = end;
            continue;
        }
        if (code && !strcmp(code, "---")) { i = end; continue; }   /* known non-actor */
        if (add_actor(d, si, u[start].w0, u[end - 1].w1, code, kind, -1)) return SITREP_ERR_NOMEM;
        i = end;
    }
    return SITREP_OK;
}

/* "the Russian Army ... urging troops": a countryless agent ("---MIL") takes the
 * country of the nearest earlier mention of the same sector (RUSMIL) in this
 * sentence or the one before. */
static void inherit_country(sitrep_doc *d, size_t first)
{
    for (size_t i = first; i < d->actors.n; i++) {
        sitrep_actor *a = &d->actors.v[i];
        if (strncmp(a->code, "---", 3) || !a->code[3]) continue;
        for (size_t j = i; j-- > 0;) {
            const sitrep_actor *b = &d->actors.v[j];
            if (b->sentence + 1 < a->sentence) break;
            size_t bl = strlen(b->code);
            if (bl == 3 + strlen(a->code + 3) && strncmp(b->code, "---", 3) &&
                !strcmp(b->code + 3, a->code + 3)) {
                a->code = b->code;
                break;
            }
        }
    }
}

sitrep_status actor_run(const dict_set *ds, sitrep_doc *d, int32_t day)
{
    if (!ds) return SITREP_OK;
    for (size_t s = 0; s < d->sentences.n; s++) {
        size_t first = d->actors.n;
        sitrep_status st = sentence_actors(ds, d, s, day);
        if (st != SITREP_OK) return st;
        inherit_country(d, first);
    }
    return SITREP_OK;
}

int actors_in_text_order(const sitrep_doc *d)
{
    for (size_t i = 1; i < d->actors.n; i++)
        if (d->actors.v[i].start < d->actors.v[i - 1].start ||
            d->actors.v[i].sentence < d->actors.v[i - 1].sentence)
            return 0;
    return 1;
}

size_t actors_starting_from(const sitrep_doc *d, uint64_t byte)
{
    size_t lo = 0, hi = d->actors.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->actors.v[mid].start < byte) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}
