/* quote.c — quotations and their speakers (contract in quote.h).
 *
 * Three steps over one document:
 *   1. marks: every quotation mark of the text is classified from its neighbours
 *      (an opening mark follows a space or an opening bracket and precedes a
 *      non-space; a closing mark the reverse) and paired per paragraph with a
 *      stack, so that nested quotations stay inside the outer one and apostrophes
 *      ("it’s", "Ukrainians' land") are not taken for single quotation marks; a
 *      paragraph left with nested straight marks open is paired again by simple
 *      alternation;
 *   2. attribution, in text order: the speech verb after the quotation (`"…," said
 *      X`, `"…," he added`) or before it in its sentence (`X said: "…"`, `adding:
 *      "…"`), or in the sentence before it; the verb's subject from the parse when
 *      the words are parsed (the parser picks the subject phrase, the token rules the
 *      name inside it), else from token patterns (appositions, "X of Y", titles,
 *      possessors of statements); a quotation with no attribution of its own
 *      continues the previous speaker when it follows in the same or the next
 *      paragraph; one or two words with no speech verb right before them are scare
 *      quotes;
 *   3. reported speech (`X insisted that …`, `X told Y …`, `according to X, …`),
 *      found on the way, so that a later pronoun may refer to its speaker.
 * Pronouns resolve to the last speaker or titled name before them, else to the actor
 * stage's antecedent; surnames to their earlier full mention; codes come from the
 * actor stage's mentions.
 *
 * Every per-document array lives in the document's arena (no malloc per token);
 * word forms, list memberships and speech verbs are looked up once per word. */
#include "quote.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "arena.h"
#include "buf.h"
#include "actor.h"
#include "doc.h"
#include "err.h"
#include "paths.h"
#include "vec.h"

/* ------------------------------------------------------------- lexicon */

enum { CLS_SAY = 1, CLS_NAME = 2 };

typedef struct lex_ent {
    char *form, *lemma, *code, *particle;   /* particle NULL when none */
    size_t len;                             /* of form */
    uint8_t cls;
} lex_ent;

struct quote_lex {
    lex_ent *e;
    size_t n, cap;
    uint32_t *slot;     /* open addressing: entry index + 1, 0 = empty */
    size_t nslot;       /* power of two */
    const char **fword; /* word lists of quote.c (static strings) -> F_* mask */
    uint32_t *fmask;
    size_t nfslot;
    char **strs;        /* every owned string, to free */
    size_t nstrs, capstrs;
};

static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static const lex_ent *lex_find(const quote_lex *lex, const char *s, size_t n)
{
    if (!lex || !lex->nslot) return NULL;
    for (uint32_t i = fnv(s, n) & (lex->nslot - 1);; i = (i + 1) & (lex->nslot - 1)) {
        uint32_t k = lex->slot[i];
        if (!k) return NULL;
        const lex_ent *e = &lex->e[k - 1];
        if (e->len == n && !memcmp(e->form, s, n)) return e;
    }
}

static char *lex_str(quote_lex *lex, const char *s, size_t n)
{
    if (lex->nstrs == lex->capstrs) {
        size_t c = lex->capstrs ? lex->capstrs * 3 / 2 + 1 : 64;
        char **p = realloc(lex->strs, c * sizeof *p);
        if (!p) return NULL;
        lex->strs = p;
        lex->capstrs = c;
    }
    char *r = malloc(n + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    r[n] = 0;
    lex->strs[lex->nstrs++] = r;
    return r;
}

static int lex_rehash(quote_lex *lex)
{
    size_t ns = 64;
    while (ns < lex->n * 2 + 2) ns *= 2;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl) return -1;
    free(lex->slot);
    lex->slot = sl;
    lex->nslot = ns;
    for (size_t k = 0; k < lex->n; k++) {
        const char *f = lex->e[k].form;
        uint32_t i = fnv(f, strlen(f)) & (uint32_t)(ns - 1);
        while (sl[i]) i = (i + 1) & (uint32_t)(ns - 1);
        sl[i] = (uint32_t)k + 1;
    }
    return 0;
}

void quote_lex_free(quote_lex *lex)
{
    if (!lex) return;
    for (size_t i = 0; i < lex->nstrs; i++) free(lex->strs[i]);
    free(lex->strs);
    free(lex->e);
    free(lex->slot);
    free(lex->fword);
    free(lex->fmask);
    free(lex);
}

size_t quote_lex_size(const quote_lex *lex) { return lex ? lex->n : 0; }

const char *quote_lex_code(const quote_lex *lex, const char *form)
{
    const lex_ent *e = form ? lex_find(lex, form, strlen(form)) : NULL;
    return e ? e->code : NULL;
}

/* One line "FORMS \t CAMEO \t CLASS [\t PARTICLE]"; 0 ok, -1 memory, -2 format. */
static int lex_line(quote_lex *lex, char *line)
{
    char *f[5] = {0};
    int nf = 0;
    for (char *p = line; nf < 5;) {
        f[nf++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    if (nf < 3 || nf > 4 || !*f[0] || !*f[1]) return -2;
    uint8_t cls = !strcmp(f[2], "say") ? CLS_SAY : !strcmp(f[2], "name") ? CLS_NAME : 0;
    if (!cls) return -2;
    char *code = lex_str(lex, f[1], strlen(f[1]));
    char *part = nf == 4 && *f[3] ? lex_str(lex, f[3], strlen(f[3])) : NULL;
    if (!code || (nf == 4 && *f[3] && !part)) return -1;
    char *lemma = NULL;
    for (char *p = f[0];;) {
        char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (!n) return -2;
        for (size_t i = 0; i < n; i++) p[i] = (char)tolower((unsigned char)p[i]);
        if (!lex_find(lex, p, n)) {
            if (lex->n == lex->cap) {
                size_t c = lex->cap ? lex->cap * 3 / 2 + 1 : 128;
                lex_ent *e = realloc(lex->e, c * sizeof *e);
                if (!e) return -1;
                lex->e = e;
                lex->cap = c;
            }
            char *form = lex_str(lex, p, n);
            if (!form) return -1;
            if (!lemma) lemma = form;
            lex->e[lex->n++] = (lex_ent){form, lemma, code, part, n, cls};
            if (lex->n * 2 + 2 > lex->nslot && lex_rehash(lex)) return -1;
            else {
                uint32_t i = fnv(form, n) & (uint32_t)(lex->nslot - 1);
                while (lex->slot[i] && lex->slot[i] != lex->n) i = (i + 1) & (uint32_t)(lex->nslot - 1);
                lex->slot[i] = (uint32_t)lex->n;
            }
        }
        if (!bar) break;
        p = bar + 1;
    }
    return 0;
}

static int lex_flags(quote_lex *lex);

quote_lex *quote_lex_load(const char *path, sitrep_error *err)
{
    char found[4096];
    if (!path) {
        if (!paths_find("data/lexicon/speech-verbs.txt", "SITREP_LEXICON", found, sizeof found)) {
            err_set(err, SITREP_ERR_IO, "data/lexicon/speech-verbs.txt", 0, SIZE_MAX,
                    "speech verb list not found (set SITREP_LEXICON to its directory)");
            return NULL;
        }
        path = found;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open the speech verb list");
        return NULL;
    }
    quote_lex *lex = calloc(1, sizeof *lex);
    if (!lex || lex_rehash(lex) || lex_flags(lex)) {
        fclose(fp);
        quote_lex_free(lex);
        err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
        return NULL;
    }
    char line[1024];
    size_t lineno = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            err_set(err, SITREP_ERR_MODEL, path, lineno, SIZE_MAX, "line too long");
            goto fail;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ')) line[--n] = 0;
        if (!n || line[0] == '#') continue;
        int r = lex_line(lex, line);
        if (r == -1) { err_set(err, SITREP_ERR_NOMEM, path, lineno, SIZE_MAX, "out of memory"); goto fail; }
        if (r == -2) {
            err_set(err, SITREP_ERR_MODEL, path, lineno, SIZE_MAX,
                    "expected FORM|FORM... <TAB> CAMEO <TAB> say|name [<TAB> PARTICLE]");
            goto fail;
        }
    }
    fclose(fp);
    if (!lex->n) {
        err_set(err, SITREP_ERR_MODEL, path, 0, SIZE_MAX, "no speech verbs in the file");
        quote_lex_free(lex);
        return NULL;
    }
    return lex;
fail:
    fclose(fp);
    quote_lex_free(lex);
    return NULL;
}

/* -------------------------------------------------------------- marks */

enum { M_DQ = 1, M_LDQ, M_RDQ, M_LOW, M_LAQ, M_RAQ, M_SQ, M_LSQ, M_RSQ };
#define DOUBLE(t) ((t) <= M_RAQ)

enum { C_SPACE, C_OPEN, C_LETTER, C_PUNCT };

typedef struct mark {
    uint32_t pos;
    uint8_t len, type, ol, cl, next_alpha, prev_alnum;
} mark;

/* A top-level quotation: [open, close) covers the marks, [start, end) the text. */
typedef struct piece {
    uint32_t open, start, end, close;
    uint32_t par;               /* paragraph number */
    uint8_t single, cont_prev, cont_next;
    uint8_t broken;             /* 1 stray close joined, 2 no opening mark, 3 no closing mark */
    uint8_t dead;               /* contained in another piece */
} piece;

static int mark_type(const char *s, size_t i, size_t len, uint8_t *ml)
{
    unsigned char c = (unsigned char)s[i];
    *ml = 1;
    if (c == '"') return M_DQ;
    if (c == '\'') return M_SQ;
    if (c == 0xC2 && i + 1 < len) {
        *ml = 2;
        if ((unsigned char)s[i + 1] == 0xAB) return M_LAQ;
        if ((unsigned char)s[i + 1] == 0xBB) return M_RAQ;
    }
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
        *ml = 3;
        switch ((unsigned char)s[i + 2]) {
        case 0x9C: return M_LDQ;
        case 0x9D: return M_RDQ;
        case 0x9E: return M_LOW;
        case 0x98: return M_LSQ;
        case 0x99: return M_RSQ;
        }
    }
    return 0;
}

static int cp_class(int32_t cp)
{
    if (cp < 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
        cp == 0x2009 || cp == 0x202F)
        return C_SPACE;
    if (cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 || cp == 0x2013 || cp == '/' ||
        cp == 0x201C || cp == 0x2018 || cp == 0x201E || cp == 0xAB)
        return C_OPEN;
    utf8proc_category_t k = utf8proc_category(cp);
    if (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) return C_LETTER;
    if (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) return C_LETTER;
    return C_PUNCT;
}

static int32_t cp_before(const char *s, size_t i)
{
    if (!i) return -1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(i - j), &cp) < 1) return 0xFFFD;
    return cp;
}

static int32_t cp_at(const char *s, size_t i, size_t len)
{
    if (i >= len) return -1;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp) < 1) return 0xFFFD;
    return cp;
}

static int is_alpha_cp(int32_t cp)
{
    if (cp < 0) return 0;
    utf8proc_category_t k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static void classify(const char *s, size_t len, mark *m)
{
    int32_t pc = cp_before(s, m->pos), nc = cp_at(s, m->pos + m->len, len);
    int p = cp_class(pc), n = cp_class(nc);
    m->ol = (p == C_SPACE || p == C_OPEN) && n != C_SPACE;
    m->cl = p != C_SPACE && p != C_OPEN && (n == C_SPACE || n == C_PUNCT);
    m->next_alpha = is_alpha_cp(nc);
    m->prev_alnum = p == C_LETTER;
}

typedef struct pair_state {
    piece *pc;
    size_t npc;
    uint32_t par, p0, p1;
    int pending;        /* index + 1 of an open-ended piece of the previous paragraph */
} pair_state;

/* Pairs the marks of one paragraph. toggle: straight double marks alternate (the
 * fallback when context leaves nested marks unclosed). Returns 0, or -1 when the
 * paragraph ends with more than one double mark open (caller retries with toggle). */
static int pair_par(pair_state *ps, const mark *m, size_t nm, int toggle, size_t *stack)
{
    size_t sp = 0, dq = 0, first = ps->npc;
    long last_close = -1;              /* mark index that closed the paragraph's last piece */
    for (size_t i = 0; i < nm; i++) {
        const mark *k = &m[i];
        if (DOUBLE(k->type)) {
            if (!dq) {
                int close_only = k->type == M_RDQ || k->type == M_RAQ ||
                                 (k->type == M_DQ && !toggle && k->cl && !k->ol);
                if (close_only) {
                    piece *prev = ps->npc > first ? &ps->pc[ps->npc - 1] : NULL;
                    if (prev && !prev->single && last_close == (long)i - 1) {
                        prev->end = k->pos;                    /* misplaced closing mark */
                        prev->close = k->pos + k->len;
                        prev->broken = 1;
                        last_close = (long)i;
                    } else {
                        piece *q = &ps->pc[ps->npc++];
                        uint32_t s0 = ps->p0;
                        *q = (piece){s0, s0, k->pos, k->pos + k->len, ps->par, 0, 0, 0, 2, 0};
                        if (i == 0 && ps->pending) {               /* continuation, unmarked */
                            q->cont_prev = 1;
                            q->broken = 0;
                            ps->pc[ps->pending - 1].cont_next = 1;
                            ps->pending = 0;
                        }
                        last_close = (long)i;
                    }
                    sp = 0;
                    continue;
                }
                stack[sp++] = i;
                dq++;
                continue;
            }
            size_t top = sp;
            while (top > 0 && !DOUBLE(m[stack[top - 1]].type)) top--;
            const mark *o = &m[stack[top - 1]];
            int closes;
            if (k->type == M_RDQ || k->type == M_RAQ) closes = 1;
            else if (k->type == M_LDQ) closes = o->type == M_LOW;
            else if (k->type == M_LOW || k->type == M_LAQ) closes = 0;
            else closes = toggle || k->cl || !k->ol;
            if (!closes) {
                stack[sp++] = i;
                dq++;
                continue;
            }
            sp = top - 1;
            dq--;
            if (!dq) {
                /* top-level when nothing but single marks is open below */
                piece *q = &ps->pc[ps->npc++];
                *q = (piece){o->pos, o->pos + o->len, k->pos, k->pos + k->len, ps->par, 0, 0, 0, 0, 0};
                if (o->pos == ps->p0 && ps->pending) {
                    q->cont_prev = 1;
                    ps->pc[ps->pending - 1].cont_next = 1;
                    ps->pending = 0;
                }
                last_close = (long)i;
            }
        } else {
            int top_single = sp > 0 && !DOUBLE(m[stack[sp - 1]].type);
            if ((k->type == M_RSQ || k->type == M_SQ) && top_single && !k->next_alpha && !k->ol) {
                const mark *o = &m[stack[--sp]];
                if (!dq && sp == 0) {
                    piece *q = &ps->pc[ps->npc++];
                    *q = (piece){o->pos, o->pos + o->len, k->pos, k->pos + k->len, ps->par, 1, 0, 0, 0, 0};
                    last_close = (long)i;
                }
            } else if ((k->type == M_LSQ || (k->type == M_SQ && k->ol)) && !k->prev_alnum &&
                       k->next_alpha) {
                stack[sp++] = i;
            }
        }
    }
    if (dq > 1 && !toggle) {
        ps->npc = first;
        return -1;
    }
    if (dq) {
        size_t b = 0;
        while (!DOUBLE(m[stack[b]].type)) b++;
        const mark *o = &m[stack[b]];
        uint32_t e = ps->p1;
        piece *q = &ps->pc[ps->npc++];
        *q = (piece){o->pos, o->pos + o->len, e, e, ps->par, 0, 0, 0, 3, 0};
        if (o->pos == ps->p0 && ps->pending) {
            q->cont_prev = 1;
            ps->pc[ps->pending - 1].cont_next = 1;
            ps->pending = 0;
        }
        return 1;   /* open at the end of the paragraph */
    }
    return 0;
}

/* ------------------------------------------------------------ context */

typedef struct qctx {
    const quote_lex *lex;
    sitrep_doc *d;
    size_t nw;
    uint8_t *inq;           /* per word: 1 inside a quotation, 2 a top-level mark */
    const char **low;       /* per word: lower-cased normalized form */
    uint32_t *flags;        /* per word: F_* list memberships */
    const lex_ent **verb;   /* per word: speech verb entry of its form, or NULL */
    uint32_t *wpar;         /* per word: paragraph number */
    uint32_t *wsend;        /* per word: one past the last word of its sentence */
    int parsed;
    /* speakers found so far, for pronoun resolution without actors */
    struct { uint32_t pos; const char *text; } *known;
    size_t nknown, capknown;
    int actors_sorted;      /* the actors are in text order (actor_over) */
    struct { const char *name, *code; } codes[512];   /* code_for's answers so far */
    size_t ncodes;
    uint32_t actor_maxlen;  /* the longest actor mention, in bytes */
    const piece *pc;        /* top-level quotations */
    size_t np;
    size_t ind_next, ind_lo; /* reported-speech scan: next word, its sentence start */
} qctx;

typedef struct spk {
    int ok;
    uint32_t w0, w1;        /* mention words */
    uint32_t ms, me;        /* mention bytes */
    const char *text, *code;
} spk;

enum {
    F_AUX = 1u << 0, F_DAYS = 1u << 1, F_DETS = 1u << 2, F_DOCNOUNS = 1u << 3, F_LEADERS = 1u << 4,
    F_NPCONT = 1u << 5, F_NPSTOP = 1u << 6, F_PARTICLES = 1u << 7, F_POSS = 1u << 8,
    F_PREPS = 1u << 9, F_PRONOUNS = 1u << 10, F_SKIP = 1u << 11, F_TITLES = 1u << 12,
    F_BOUND = 1u << 13     /* . ! ? ; */
};

static const sitrep_word *W(const qctx *c, size_t w) { return &c->d->words.v[w]; }

static int weq(const qctx *c, size_t w, const char *s) { return !strcmp(c->low[w], s); }

static int wf(const qctx *c, size_t w, uint32_t f) { return (c->flags[w] & f) != 0; }

static int32_t first_cp(const qctx *c, size_t w)
{
    const char *f = W(c, w)->form;
    return cp_at(f, 0, strlen(f));
}

static int is_cap(const qctx *c, size_t w)
{
    int32_t cp = first_cp(c, w);
    if (cp < 0) return 0;
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_lower(const qctx *c, size_t w)
{
    int32_t cp = first_cp(c, w);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_punct(const qctx *c, size_t w) { return !is_alpha_cp(first_cp(c, w)) && !isdigit((unsigned char)W(c, w)->form[0]); }

/* The token of w is written with no space before the next token. */
static int glued(const qctx *c, size_t w)
{
    if (w + 1 >= c->nw) return 0;
    return W(c, w + 1)->start == W(c, w)->end ||
           (W(c, w)->token == W(c, w + 1)->token);
}

static int boundary(const qctx *c, size_t w)
{
    if (c->inq[w] == 2) return 1;
    if (c->inq[w]) return 0;
    return wf(c, w, F_BOUND);
}

static int par_break(const qctx *c, size_t w)
{
    return w > 0 && c->wpar[w] != c->wpar[w - 1];
}

/* Word lo starts a sentence (not the words after a closing quotation mark). */
static int sentence_start(const qctx *c, size_t lo)
{
    if (lo == 0 || par_break(c, lo)) return 1;
    return c->inq[lo - 1] != 2 && boundary(c, lo - 1);
}

static const char *const PRONOUNS[] = {"he", "she", "they", "we", "i", "it", NULL};
static const char *const DETS[] = {"the", "a", "an", "this", "that", "these", "those", "some",
                                   "many", "several", "most", "all", "both", NULL};
/* Words of organisations: not persons a pronoun may refer to. */
static const char *const ORGWORDS[] = {
    "court", "department", "ministry", "party", "council", "committee", "government", "office",
    "university", "forces", "army", "police", "commission", "agency", "union", "nations", "bbc",
    "cnn", "reuters", "house", "senate", "parliament", "assembly", "coalition", "institute",
    "times", "post", "news", "network", "unesco", "nato", "organization", "organisation",
    "group", "fund", "bank", "guard", "navy", "military", "administration", "kremlin",
    "white", "palace", "embassy", "state", "states", NULL};
static const char *const POSS[] = {"his", "her", "its", "their", "our", "my", "your", "'s", NULL};
static const char *const PREPS[] = {"on", "in", "at", "by", "with", "to", "for", "from", "via",
                                    "into", "about", "and", "but", "or", "during", "after", NULL};
static const char *const PARTICLES[] = {"de", "bin", "al", "el", "van", "von", "da", "di", "du", "le",
                                        "la", "ibn", "der", "den", "del", "dos", "y", NULL};
/* Titles and role words dropped before a name ("President Andrzej Duda"). */
static const char *const TITLES[] = {
    "president", "vice", "prime", "minister", "secretary", "general", "attorney", "ambassador",
    "senator", "sen.", "rep.", "representative", "represenative", "congressman", "congresswoman",
    "mayor", "governor", "judge", "justice", "chancellor", "king", "queen", "prince", "princess",
    "pope", "archbishop", "cardinal", "bishop", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms",
    "professor", "prof.", "chairman", "chairwoman", "chair", "chief", "executive", "director",
    "commissioner", "spokesman", "spokeswoman", "spokesperson", "leader", "speaker", "foreign",
    "defence", "defense", "interior", "health", "finance", "deputy", "former", "first", "state",
    "lord", "sir", "dame", "commander", "colonel", "admiral", "lieutenant", "captain", "sheikh",
    "emir", "mp", "assemblywoman", "assemblyman", "legislator", "councillor", "minority",
    "majority", "cde", "comrade", "envoy", "incumbent", "then-secretary", "superintendent",
    "senior", "police", "officer", "sergeant", "inspector", "member", "legislator", "voter",
    "activist", "candidate", "senate", "house", "democrat", "republican", "democratic",
    "conservative", "labour", "opposition", "party", "union", "nato", "un", "eu", "us", "u.s.",
    "uk", "british", "american", "russian", "ukrainian", "polish", "german", "french", "chinese",
    "iranian", "turkish", "greek", "syrian", "israeli", "new", "newly", "elected", "acting",
    "special", "presidential", "student", "protester", "broadcaster", NULL};
/* Nouns of written statements: `Trump's statement read`, `according to a tweet by X`. */
static const char *const DOCNOUNS[] = {"statement", "statements", "summary", "opinion", "letter",
                                       "tweet", "post", "memo", "decision", "ruling", "report",
                                       "release", "order", "message", "announcement", "speech",
                                       "interview", "remarks", "account", "judgment", NULL};
/* Adverbs and auxiliaries between a subject and its verb. */
static const char *const SKIP[] = {
    "also", "later", "further", "then", "publicly", "reportedly", "repeatedly", "previously",
    "quickly", "again", "once", "already", "just", "has", "had", "have", "was", "is", "were",
    "are", "would", "will", "firmly", "strongly", "recently", "initially", "subsequently",
    "officially", "sharply", "personally", "separately", "earlier", "privately", "simply",
    "to", "on", "went", "both", "yesterday", "today", "immediately", "angrily", "openly",
    "flatly", "then-", "reportedly", NULL};
/* Lowercase words that end a subject noun phrase (read right to left). */
static const char *const NPSTOP[] = {
    "that", "and", "but", "or", "when", "while", "as", "after", "before", "because", "if",
    "who", "which", "where", "whom", "by", "with", "on", "in", "at", "to", "than", "not", "is",
    "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "did", "does", "do", "also", "said", "says", "told",
    "about", "into", "since", "until", "though", "although", "so", "yet", "over", "under",
    "during", "against", "according", "whether", NULL};
static const char *const NPCONT[] = {"of", "from", "within", "for", "'s", NULL};
static const char *const AUX[] = {"is", "are", "was", "were", "will", "would", "has", "had",
                                  "have", "could", "should", "can", "may", "might", "must", "did",
                                  "does", "do", "wo", "ca", NULL};
static const char *const LEADERS[] = {
    "on", "in", "at", "during", "after", "before", "earlier", "later", "yesterday", "today",
    "speaking", "also", "meanwhile", "however", "but", "and", "regarding", "since", "while",
    "when", "this", "last", "namely", "specifically", "separately", "then", "now", "still",
    "previously", "instead", "elsewhere", "in", "following", NULL};
static const char *const DAYS[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                   "saturday", "sunday", "week", "month", "year", "morning",
                                   "evening", "afternoon", "night", NULL};


static const struct { const char *const *list; uint32_t flag; } FLAG_LISTS[] = {
    {AUX, F_AUX}, {DAYS, F_DAYS}, {DETS, F_DETS}, {DOCNOUNS, F_DOCNOUNS}, {LEADERS, F_LEADERS},
    {NPCONT, F_NPCONT}, {NPSTOP, F_NPSTOP}, {PARTICLES, F_PARTICLES}, {POSS, F_POSS},
    {PREPS, F_PREPS}, {PRONOUNS, F_PRONOUNS}, {SKIP, F_SKIP}, {TITLES, F_TITLES}};

/* The flags of a lower-cased word: one probe of the lexicon's word table. */
static uint32_t word_flags(const quote_lex *lex, const char *s, size_t n)
{
    if (n == 1 && (*s == '.' || *s == '!' || *s == '?' || *s == ';')) return F_BOUND;
    if (!lex || !lex->nfslot) return 0;
    for (uint32_t i = fnv(s, n) & (lex->nfslot - 1);; i = (i + 1) & (lex->nfslot - 1)) {
        const char *k = lex->fword[i];
        if (!k) return 0;
        if (!strncmp(k, s, n) && !k[n]) return lex->fmask[i];
    }
}

static int lex_flags(quote_lex *lex)
{
    size_t n = 0;
    for (size_t k = 0; k < sizeof FLAG_LISTS / sizeof *FLAG_LISTS; k++)
        for (const char *const *x = FLAG_LISTS[k].list; *x; x++) n++;
    size_t ns = 64;
    while (ns < n * 2) ns *= 2;
    lex->fword = calloc(ns, sizeof *lex->fword);
    lex->fmask = calloc(ns, sizeof *lex->fmask);
    if (!lex->fword || !lex->fmask) return -1;
    lex->nfslot = ns;
    for (size_t k = 0; k < sizeof FLAG_LISTS / sizeof *FLAG_LISTS; k++)
        for (const char *const *x = FLAG_LISTS[k].list; *x; x++) {
            uint32_t i = fnv(*x, strlen(*x)) & (uint32_t)(ns - 1);
            while (lex->fword[i] && strcmp(lex->fword[i], *x)) i = (i + 1) & (uint32_t)(ns - 1);
            lex->fword[i] = *x;
            lex->fmask[i] |= FLAG_LISTS[k].flag;
        }
    return 0;
}

static int is_title(const qctx *c, size_t w) { return wf(c, w, F_TITLES); }

/* A word that may be part of a name run: capitalized, a particle, or glued to a
 * neighbour by a hyphen ("Man-kei", "el-Sisi"). */
static int name_word(const qctx *c, size_t w)
{
    if (c->inq[w]) return 0;
    if (is_cap(c, w))   /* not "A", "The", "On" opening a sentence */
        return !wf(c, w, F_PRONOUNS) && !wf(c, w, F_DETS) && !wf(c, w, F_NPSTOP) && !wf(c, w, F_LEADERS) &&
               !wf(c, w, F_POSS);
    if (weq(c, w, "-") && w > 0 && glued(c, w - 1) && glued(c, w)) return 1;
    if (w > 0 && weq(c, w - 1, "-") && glued(c, w - 1) && is_alpha_cp(first_cp(c, w))) return 1;
    if (wf(c, w, F_PARTICLES) && w + 1 < c->nw && (is_cap(c, w + 1) || glued(c, w))) return 1;
    return 0;
}

static const lex_ent *verb_at(const qctx *c, size_t w, int *nwords)
{
    const lex_ent *e = c->verb[w];
    if (!e || c->inq[w]) return NULL;
    uint8_t up = W(c, w)->upos;
    if (up && up != SITREP_UPOS_VERB && up != SITREP_UPOS_AUX) return NULL;
    if (!up && w > 0 && (wf(c, w - 1, F_DETS) || wf(c, w - 1, F_POSS))) return NULL;   /* "the call" */
    if (!up && is_cap(c, w) && w > 0 && !boundary(c, w - 1) && c->inq[w - 1] != 2 &&
        !weq(c, w - 1, ","))
        return NULL;                                     /* "Reads", "Post" inside a name */
    *nwords = 1;
    if (e->particle) {
        if (w + 1 >= c->nw || !weq(c, w + 1, e->particle)) return NULL;
        *nwords = 2;
    }
    return e;
}

/* ------------------------------------------------------- noun phrases */

/* Picks the speaker inside the noun phrase [a, b): the first name of its head
 * (before "of/from/within/for"), titles dropped; a role noun ("official") when it
 * has no name; the name after the preposition when the head is a title or a
 * document ("US Secretary of State Mike Pompeo", "the opinion of the Court"). */
static int np_choose(const qctx *c, size_t a, size_t b, uint32_t *r0, uint32_t *r1)
{
    while (a < b && (wf(c, a, F_DETS) || weq(c, a, ","))) a++;
    while (b > a && (weq(c, b - 1, ",") || weq(c, b - 1, "'s"))) b--;
    if (a >= b) return 0;
    size_t p = a;
    while (p < b && !wf(c, p, F_NPCONT)) p++;
    if (p < b && weq(c, p, "'s")) {
        /* "Judge Miller's statement": the owner */
        if (p + 1 < b && wf(c, p + 1, F_DOCNOUNS)) return np_choose(c, a, p, r0, r1);
        p = b;
    }
    /* the head of an English noun phrase is its last name: "Rutgers University
     * political scholar Kelly Dittmar" */
    int title_only = 1, noun = -1, got = 0;
    for (size_t i = a; i < p;) {
        if (name_word(c, i)) {
            size_t j = i;
            while (j < p && name_word(c, j)) j++;
            if (j < p && is_lower(c, j) && is_title(c, j) && j + 1 >= p) { i = j + 1; continue; }
            size_t s = i;
            for (size_t k = i; k < j; k++)
                if (is_title(c, k)) s = k + 1;
            while (s < j && (weq(c, s, "-") || wf(c, s, F_PARTICLES))) s++;
            if (s < j) { *r0 = (uint32_t)s; *r1 = (uint32_t)j; got = 1; }
            i = j;
            continue;
        }
        if (is_alpha_cp(first_cp(c, i)) && !wf(c, i, F_DETS) && !wf(c, i, F_NPSTOP) &&
            !wf(c, i, F_SKIP) && !wf(c, i, F_PRONOUNS) && !wf(c, i, F_POSS)) {
            if (!is_title(c, i)) title_only = 0;
            noun = (int)i;
        }
        i++;
    }
    if (got) return 1;
    int docnoun = noun >= 0 && wf(c, (size_t)noun, F_DOCNOUNS);
    if (p < b && (title_only || docnoun || noun < 0)) {
        uint32_t s0, s1;
        if (np_choose(c, p + 1, b, &s0, &s1) && name_word(c, s0)) { *r0 = s0; *r1 = s1; return 1; }
    }
    if (noun >= 0 && !docnoun) { *r0 = (uint32_t)noun; *r1 = (uint32_t)noun + 1; return 1; }
    if (noun < 0 && p > a) {
        /* only a title run: "The Commissioner" */
        size_t k = p;
        while (k > a && !is_alpha_cp(first_cp(c, k - 1))) k--;
        if (k > a) { *r0 = (uint32_t)(k - 1); *r1 = (uint32_t)k; return 1; }
    }
    return 0;
}

/* The words of the subject phrase ending at j (reading leftwards, not before lo). */
static size_t np_left(const qctx *c, size_t j, size_t lo)
{
    size_t a = j, n = 0;
    while (a > lo && n < 14) {
        size_t k = a - 1;
        if (c->inq[k] || boundary(c, k)) break;
        if (name_word(c, k) || wf(c, k, F_NPCONT) || wf(c, k, F_DETS)) { a = k; n++; continue; }
        if (weq(c, k, "to") && k > lo && is_title(c, k - 1) && name_word(c, k - 1)) { a = k; n++; continue; }
        if (is_lower(c, k) && !wf(c, k, F_NPSTOP) && !wf(c, k, F_PRONOUNS)) {
            int v;
            if (verb_at(c, k, &v)) break;
            a = k;
            n++;
            continue;
        }
        if (weq(c, k, "-") && glued(c, k)) { a = k; n++; continue; }
        break;
    }
    return a;
}

static int set_mention(spk *s, uint32_t w0, uint32_t w1)
{
    s->ok = 1;
    s->w0 = w0;
    s->w1 = w1;
    return 1;
}

/* Word d descends from word h (document indices) within sentence ss. */
static int descends(const qctx *c, const sitrep_sentence *ss, size_t d, size_t h)
{
    for (int hop = 0; hop < 8; hop++) {
        if (d == h) return 1;
        int32_t hd = W(c, d)->head;
        if (hd <= 0) return 0;
        d = ss->word + (size_t)hd - 1;
    }
    return 0;
}

static int rel_is(const sitrep_word *x, const char *r)
{
    return x->deprel && !strncmp(x->deprel, r, strlen(r));
}

/* UD subject of verb v from the parse: nsubj of v, or of the verb v hangs from when
 * v is a participle, infinitive or conjunct ("…, adding:"); a relative pronoun
 * stands for the noun its clause modifies; an appositive name ("The Senate Minority
 * Leader, Chuck Schumer, said") is the speaker. The mention is chosen inside the
 * subject's phrase (its words up to a comma) by np_choose. 0 when the parse gives
 * no subject outside the quotations. */
static int is_participle(const qctx *c, size_t v);

static int parse_subject(const qctx *c, size_t v, spk *out, size_t *pa, size_t *pb)
{
    *pa = *pb = SIZE_MAX;
    const sitrep_sentence *ss = NULL;
    for (size_t lo = 0, hi = c->d->sentences.n; lo < hi;) {
        size_t mid = (lo + hi) / 2;
        const sitrep_sentence *s = &c->d->sentences.v[mid];
        if (v < s->word) hi = mid;
        else if (v >= s->word + s->nwords) lo = mid + 1;
        else { ss = s; break; }
    }
    if (!ss) return 0;
    size_t end = ss->word + ss->nwords, cur = v, subj = SIZE_MAX;
    for (int hop = 0; hop < 3 && subj == SIZE_MAX; hop++) {
        int32_t local = (int32_t)(cur - ss->word) + 1;
        for (size_t w = ss->word; w < end; w++)
            if (W(c, w)->head == local && rel_is(W(c, w), "nsubj") && !c->inq[w]) { subj = w; break; }
        if (subj != SIZE_MAX) break;
        /* a participle ("…, adding:"), an infinitive or a conjunct takes the subject of
         * the verb it hangs from; a finite adverbial clause ("as X insisted") does not */
        const sitrep_word *x = W(c, cur);
        if (x->head <= 0 || !((rel_is(x, "advcl") && is_participle(c, cur)) || rel_is(x, "xcomp") ||
                              rel_is(x, "conj")))
            break;
        cur = ss->word + (size_t)x->head - 1;
    }
    if (subj == SIZE_MAX) return 0;
    if (cur != v) *pb = SIZE_MAX - 1;         /* tells the caller the subject is borrowed */
    /* "X, who said": the noun the relative clause modifies */
    if ((weq(c, subj, "who") || weq(c, subj, "which") || weq(c, subj, "that")) &&
        rel_is(W(c, cur), "acl") && W(c, cur)->head > 0)
        subj = ss->word + (size_t)W(c, cur)->head - 1;
    int borrowed = *pb == SIZE_MAX - 1;
    *pa = subj;
    *pb = subj + 1;
    if (borrowed) *pa = SIZE_MAX - 1;
    if (wf(c, subj, F_PRONOUNS)) return set_mention(out, (uint32_t)subj, (uint32_t)subj + 1);
    if (weq(c, subj, "who") || weq(c, subj, "which") || weq(c, subj, "that")) return 0;
    /* an appositive name, when the subject itself is not one */
    int subj_name = name_word(c, subj) && !is_title(c, subj);
    for (size_t w = subj + 1; !subj_name && w < end && w < subj + 16; w++)
        if (W(c, w)->head == (int32_t)(subj - ss->word) + 1 && rel_is(W(c, w), "appos") && name_word(c, w)) {
            size_t a = w, b = w + 1;
            while (a > subj + 1 && name_word(c, a - 1)) a--;
            while (b < end && name_word(c, b)) b++;
            uint32_t r0, r1;
            if (np_choose(c, a, b, &r0, &r1) && name_word(c, r0) && !is_title(c, r0)) {
                if (!borrowed) *pa = a;
                *pb = b;
                return set_mention(out, r0, r1);
            }
        }
    /* the subject's phrase: its descendants on either side, up to a comma */
    size_t a = subj, b = subj + 1;
    while (a > ss->word && !weq(c, a - 1, ",") && !c->inq[a - 1] && descends(c, ss, a - 1, subj)) a--;
    while (b < end && !weq(c, b, ",") && !c->inq[b] && descends(c, ss, b, subj) &&
           !rel_is(W(c, b), "acl") && !rel_is(W(c, b), "punct"))
        b++;
    if (!borrowed) *pa = a;
    *pb = b;
    uint32_t r0, r1;
    if (np_choose(c, a, b, &r0, &r1)) return set_mention(out, r0, r1);
    return set_mention(out, (uint32_t)subj, (uint32_t)subj + 1);
}

static int is_participle(const qctx *c, size_t v)
{
    const char *f = W(c, v)->form;
    size_t n = strlen(f);
    return n > 4 && !strcmp(f + n - 3, "ing");
}

/* Subject of the sentence starting at word lo (for "…, adding:", "…: \"…\""). */
static int sentence_subject(const qctx *c, size_t lo, size_t hi, spk *out)
{
    size_t i = lo;
    while (i < hi && (is_punct(c, i) || c->inq[i])) i++;
    if (i < hi && wf(c, i, F_LEADERS)) {
        size_t k = i + 1;
        if (k < hi && wf(c, k, F_DAYS)) i = k + 1;
        else {
            while (k < hi && !weq(c, k, ",") && !c->inq[k]) k++;
            if (k < hi && k - i < 12) i = k + 1;
        }
    }
    for (int tries = 0; tries < 4 && i < hi; tries++) {
        if (wf(c, i, F_PRONOUNS)) return set_mention(out, (uint32_t)i, (uint32_t)i + 1);
        size_t b = i, low = 0;
        int names = 0;
        while (b < hi && b - i < 12) {
            if (name_word(c, b)) { names++; b++; continue; }
            if (wf(c, b, F_DETS) || wf(c, b, F_NPCONT)) { b++; continue; }
            if (is_lower(c, b) && low < 3 && !wf(c, b, F_NPSTOP)) {
                int v;
                const char *f = W(c, b)->form;
                size_t fl = strlen(f);
                if (verb_at(c, b, &v) || (b > i && fl > 3 && !strcmp(f + fl - 2, "ed"))) break;
                low++;
                b++;
                continue;
            }
            break;
        }
        if (b == i && (wf(c, i, F_LEADERS) || wf(c, i, F_NPSTOP))) {     /* "during the debate," */
            while (b < hi && !weq(c, b, ",") && !c->inq[b] && b - i < 14) b++;
            if (b >= hi || !weq(c, b, ",")) return 0;
            i = b + 1;
            continue;
        }
        if (b < hi && weq(c, b, ",") && !names) { i = b + 1; continue; }   /* "A month later," */
        if (b + 1 < hi && weq(c, b, ",") && name_word(c, b + 1)) {
            /* "a Republican, Mark Amodei, has": the appositive name */
            size_t e = b + 1;
            while (e < hi && name_word(c, e)) e++;
            uint32_t r0, r1;
            if (e < hi && weq(c, e, ",") && np_choose(c, b + 1, e, &r0, &r1)) return set_mention(out, r0, r1);
        }
        uint32_t r0, r1;
        if (b > i && np_choose(c, i, b, &r0, &r1)) return set_mention(out, r0, r1);
        return 0;
    }
    return 0;
}

/* Subject before verb v (words from lo): `X said`, `X, the Speaker, said`,
 * `X who said`, `X's statement read`. */
static int subject_before(const qctx *c, size_t v, size_t lo, spk *out)
{
    if (v <= lo) return 0;
    size_t j = v - 1;
    while (j > lo && wf(c, j, F_SKIP)) j--;
    if (wf(c, j, F_SKIP)) return 0;
    if ((weq(c, j, "who") || weq(c, j, "which")) && j > lo) {
        j--;
        if (weq(c, j, ",") && j > lo) j--;
        if (isdigit((unsigned char)W(c, j)->form[0]) && j > lo + 1 && weq(c, j - 1, ",")) j -= 2;
    }
    if (weq(c, j, ",")) {
        if (j == lo) return 0;
        size_t k = j - 1, n = 0;
        while (k > lo && !weq(c, k, ",") && !boundary(c, k) && !c->inq[k] && n < 24) { k--; n++; }
        if (weq(c, k, ",") && k + 1 < j) {
            size_t i = k + 1;
            int allname = 1;
            for (size_t t = i; t < j; t++)
                if (!name_word(c, t)) allname = 0;
            uint32_t r0, r1;
            if (allname && np_choose(c, i, j, &r0, &r1)) return set_mention(out, r0, r1);
            if (k == lo) return 0;
            j = k - 1;
        } else {
            j--;
        }
        if (c->inq[j] || boundary(c, j)) return 0;
    }
    if (c->inq[j] || boundary(c, j)) return 0;
    if (wf(c, j, F_PRONOUNS)) return set_mention(out, (uint32_t)j, (uint32_t)j + 1);
    if (wf(c, j, F_DOCNOUNS) && j >= lo + 2 && weq(c, j - 1, "'s")) {
        /* "the judge's statement reads": the owner alone */
        j -= 2;
        size_t a = j;
        while (a > lo && name_word(c, a - 1) && name_word(c, j)) a--;
        uint32_t r0, r1;
        if (np_choose(c, a, j + 1, &r0, &r1)) return set_mention(out, r0, r1);
        return 0;
    }
    if (wf(c, j, F_NPSTOP) || wf(c, j, F_PREPS)) return 0;
    size_t a = np_left(c, j, lo);
    uint32_t r0, r1;
    if (!np_choose(c, a, j + 1, &r0, &r1)) return 0;
    /* "on Twitter referred", "and said": a prepositional phrase or a second verb
     * phrase, not a subject ("AU trade and industry commissioner Albert Muchanga
     * announced" keeps its name) */
    int name = name_word(c, r0) && r0 > a;
    if (a > lo && (weq(c, a - 1, "on") || weq(c, a - 1, "in"))) return 0;
    if (a > lo && wf(c, a - 1, F_PREPS) && !name_word(c, a) && !name) return 0;
    return set_mention(out, r0, r1);
}

/* Subject after verb v (words before hi): `said X`, `reads Judge Miller's statement`. */
static int subject_after(const qctx *c, size_t v, size_t hi, spk *out)
{
    size_t a = v + 1;
    if (a >= hi || c->inq[a]) return 0;
    if (wf(c, a, F_PRONOUNS)) return set_mention(out, (uint32_t)a, (uint32_t)a + 1);
    size_t b = a, low = 0;
    int seen_cap = 0;
    while (b < hi && b - a < 12 && !c->inq[b] && !boundary(c, b)) {
        if (name_word(c, b)) { seen_cap = 1; b++; continue; }
        if (wf(c, b, F_DETS) && !seen_cap) { b++; continue; }
        if (weq(c, b, "of") && b + 1 < hi && name_word(c, b + 1)) { b++; continue; }
        if (weq(c, b, "'s")) { b++; continue; }
        if (!seen_cap && is_lower(c, b) && low < 3 && !wf(c, b, F_NPSTOP)) { low++; b++; continue; }
        if (seen_cap && is_lower(c, b) && is_title(c, b)) { b++; continue; }
        break;
    }
    if (b < hi && wf(c, b, F_DOCNOUNS)) b++;
    uint32_t r0, r1;
    if (b > a && np_choose(c, a, b, &r0, &r1)) return set_mention(out, r0, r1);
    return 0;
}

static int subject_of(const qctx *c, size_t v, size_t lo, size_t hi, spk *out)
{
    /* with a parse: the parser picks the subject phrase, the token rules the name in
     * it (or the appositive name right after it); a pronoun subject as parsed */
    spk ps = {0};
    size_t pa = SIZE_MAX, pb = SIZE_MAX;
    int parsed = c->parsed && W(c, v)->head >= 0 && parse_subject(c, v, &ps, &pa, &pb);
    int borrowed = pa == SIZE_MAX - 1;        /* from the verb v hangs from */
    if (parsed && wf(c, ps.w0, F_PRONOUNS) && !borrowed) { *out = ps; return 1; }
    if (parsed && borrowed) {
        /* "…, Andrey Kelin, insisted" parsed as a conjunct of another verb: a subject
         * of its own right before it wins */
        spk ts = {0};
        if (subject_before(c, v, lo, &ts)) {
            size_t k = ts.w1;
            while (k < v && (weq(c, k, ",") || wf(c, k, F_SKIP))) k++;
            if (k == v) { *out = ts; return 1; }
        }
        *out = ps;
        return 1;
    }
    if (parsed) {
        spk ts = {0};
        if (subject_before(c, v, lo, &ts) && ts.w0 >= pa && ts.w1 <= pb) { *out = ts; return 1; }
        /* the name and its title-phrase in apposition, either way round:
         * "Nancy Pelosi, the Speaker of the House, said" */
        if (ts.ok && name_word(c, ts.w0) &&
            ((ts.w0 >= pb && ts.w0 <= pb + 1 && (ts.w0 == pb || weq(c, pb, ","))) ||
             (ts.w1 <= pa && ts.w1 + 1 >= pa && (ts.w1 == pa || weq(c, ts.w1, ","))))) {
            *out = ts;
            return 1;
        }
        /* "Labour Party leader Jeremy Corbyn": the parser's head is a modifier of the
         * name that follows within the same noun phrase */
        if (ts.ok && name_word(c, ts.w0) && ts.w0 > pb && ts.w0 - pb <= 6) {
            int np_only = 1;
            for (size_t k = pb; k < ts.w0; k++)
                if (weq(c, k, ",") || c->verb[k] || wf(c, k, F_NPSTOP) || c->inq[k]) np_only = 0;
            if (np_only) { *out = ts; return 1; }
        }
        *out = ps;
        return 1;
    }
    if (v + 2 < hi && weq(c, v + 1, "by") && name_word(c, v + 2)) {
        /* passive: `described by Johnson as` */
        size_t b = v + 2;
        while (b < hi && name_word(c, b)) b++;
        uint32_t r0, r1;
        if (np_choose(c, v + 2, b, &r0, &r1)) return set_mention(out, r0, r1);
    }
    if (is_participle(c, v)) return 0;          /* "…, adding:": the clause's subject */
    if (subject_before(c, v, lo, out)) return 1;
    /* `"…" tweeted Johnson "…"`: inverted only right after a quotation */
    int after_mark = v == lo || c->inq[v - 1] == 2 ||
                     (v >= 2 && weq(c, v - 1, ",") && c->inq[v - 2] == 2);
    if (after_mark && subject_after(c, v, hi, out)) return 1;
    return 0;
}

/* "according to X" at word k ("according"): the source named after it. */
static int according_to(const qctx *c, size_t k, size_t hi, spk *out)
{
    size_t a = k + 2, b = a;
    while (b < hi && b - a < 16 && !weq(c, b, ",") && !c->inq[b] && !boundary(c, b)) b++;
    for (size_t i = a; i < b; i++)
        if (weq(c, i, "by") && i + 1 < b) {
            uint32_t r0, r1;
            if (np_choose(c, i + 1, b, &r0, &r1)) return set_mention(out, r0, r1);
        }
    size_t e = a;
    while (e < b && !weq(c, e, "on") && !weq(c, e, "in") && !weq(c, e, "at")) e++;
    uint32_t r0, r1;
    if (np_choose(c, a, e, &r0, &r1)) return set_mention(out, r0, r1);
    return 0;
}

/* ---------------------------------------------------------- resolution */

static char *strip_titles(qctx *c, const char *s)
{
    const char *p = s;
    for (;;) {
        const char *sp = strchr(p, ' ');
        if (!sp) break;
        size_t n = (size_t)(sp - p);
        int t = 0;
        for (const char *const *x = TITLES; *x && !t; x++)
            if (strlen(*x) == n && !strncasecmp(p, *x, n)) t = 1;
        if (!t) break;
        p = sp + 1;
    }
    return arena_strdup(&c->d->mem, p);
}

static const sitrep_actor *actor_over(const qctx *c, uint32_t s, uint32_t e)
{
    const sitrep_actor *best = NULL, *v = c->d->actors.v;
    size_t lo = 0, hi = c->d->actors.n;
    if (c->actors_sorted)   /* only mentions starting in [s - longest, e) can overlap [s, e) */
        lo = actors_starting_from(c->d, s > c->actor_maxlen ? s - c->actor_maxlen : 0);
    for (size_t i = lo; i < hi; i++) {
        const sitrep_actor *a = &v[i];
        if (c->actors_sorted && a->start >= e) break;
        if (a->start < e && s < a->end) {
            if (!best || (a->end - a->start) > (best->end - best->start)) best = a;
        }
    }
    return best;
}

static const char *last_word(const char *s, size_t *n)
{
    const char *sp = strrchr(s, ' ');
    const char *w = sp ? sp + 1 : s;
    *n = strlen(w);
    return w;
}

static int word_is_text(const qctx *c, size_t w, const char *s, size_t n)
{
    const sitrep_word *x = W(c, w);
    return x->end - x->start == n && !memcmp(c->d->text + x->start, s, n);
}

/* The last named person before word wpos: the most recent speaker found so far, or
 * a nearer titled name ("President Andrzej Duda", "Trump envoy Keith Kellogg"), a
 * name opening a sentence as its subject ("Mitch McConnell, the …, said"), or a
 * surname-only mention of a known speaker. */
static const char *last_person(qctx *c, size_t wpos)
{
    uint32_t ms = W(c, wpos)->start;
    long best = -1;
    for (size_t k = 0; k < c->nknown; k++)
        if (c->known[k].pos < ms && (best < 0 || c->known[k].pos >= c->known[best].pos)) best = (long)k;
    size_t limit = wpos > 400 ? wpos - 400 : 0;
    for (size_t w = wpos; w-- > limit;) {
        if (best >= 0 && W(c, w)->start < c->known[best].pos) break;
        if (c->inq[w] || !is_cap(c, w)) continue;
        if (w + 1 < c->nw && name_word(c, w + 1)) continue;
        for (size_t k = c->nknown; k-- > 0;) {
            if (c->known[k].pos > W(c, w)->start) continue;
            size_t n;
            const char *lw = last_word(c->known[k].text, &n);
            if (word_is_text(c, w, lw, n)) return c->known[k].text;
        }
        size_t a = w;
        while (a > 0 && name_word(c, a - 1)) a--;
        size_t t = a;
        for (size_t k = a; k <= w; k++)
            if (is_title(c, k)) t = k + 1;
        int titled = (t > a && t <= w) || (a > 0 && is_lower(c, a - 1) && is_title(c, a - 1));
        int subject = w > a && sentence_start(c, a) && w + 1 < c->nw &&
                      (weq(c, w + 1, ",") || is_lower(c, w + 1));
        if (titled && t <= w && w - t >= 1)
            return arena_strndup(&c->d->mem, c->d->text + W(c, t)->start, W(c, w)->end - W(c, t)->start);
        if (subject && !titled)
            return arena_strndup(&c->d->mem, c->d->text + W(c, a)->start, W(c, w)->end - W(c, a)->start);
    }
    return best >= 0 ? c->known[best].text : NULL;
}

/* The full name an earlier mention gives a surname (most recent first). */
static const char *full_name(qctx *c, size_t w0)
{
    const sitrep_word *x = W(c, w0);
    const char *s = c->d->text + x->start;
    size_t n = x->end - x->start;
    if (is_title(c, w0)) {
        /* "the President": the name an earlier "President X Y" gave */
        for (size_t w = w0; w-- > 0;) {
            if (c->inq[w] || !word_is_text(c, w, s, n)) continue;
            size_t a = w + 1;
            while (a < w0 && is_title(c, a) && name_word(c, a)) a++;
            size_t b = a;
            while (b < w0 && name_word(c, b) && !is_title(c, b)) b++;
            if (b > a)
                return arena_strndup(&c->d->mem, c->d->text + W(c, a)->start, W(c, b - 1)->end - W(c, a)->start);
        }
        return NULL;
    }
    for (size_t w = w0; w-- > 0;) {
        if (c->inq[w] || !word_is_text(c, w, s, n)) continue;
        size_t a = w;
        while (a > 0 && name_word(c, a - 1)) a--;
        size_t t = a;
        for (size_t k = a; k < w; k++)
            if (is_title(c, k)) t = k + 1;
        if (t < w)
            return arena_strndup(&c->d->mem, c->d->text + W(c, t)->start, W(c, w)->end - W(c, t)->start);
    }
    for (size_t k = c->nknown; k-- > 0;) {
        size_t ln;
        const char *lw = last_word(c->known[k].text, &ln);
        if (ln == n && !memcmp(lw, s, n) && strchr(c->known[k].text, ' ')) return c->known[k].text;
    }
    return NULL;
}

static int remember(qctx *c, uint32_t pos, const char *text)
{
    int32_t cp = text ? cp_at(text, 0, strlen(text)) : -1;
    if (cp < 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) return 0;
    if (!strcasecmp(text, "he") || !strcasecmp(text, "she") || !strcasecmp(text, "they") ||
        !strcasecmp(text, "it") || !strcasecmp(text, "we") || !strcasecmp(text, "i"))
        return 0;
    for (const char *p = text; *p;) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        for (const char *const *o = ORGWORDS; *o; o++)
            if (strlen(*o) == n && !strncasecmp(p, *o, n)) return 0;
        p += n;
        while (*p == ' ') p++;
    }
    if (c->nknown == c->capknown) {
        size_t cap = c->capknown ? c->capknown * 2 : 16;
        void *p = arena_alloc(&c->d->mem, cap * sizeof *c->known);
        if (!p) return -1;
        if (c->nknown) memcpy(p, c->known, c->nknown * sizeof *c->known);
        c->known = p;
        c->capknown = cap;
    }
    c->known[c->nknown].pos = pos;
    c->known[c->nknown].text = text;
    c->nknown++;
    return 0;
}

static size_t word_at(const qctx *c, uint32_t byte);

/* A code for a resolved name: an actor mention whose text holds the name. The
 * answers are kept by name (the actors do not change while quotes are read):
 * the same speakers come back all through an article. */
static const char *code_scan(const qctx *c, const char *name);

static const char *code_for(qctx *c, const char *name)
{
    const size_t cap = sizeof c->codes / sizeof *c->codes;
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) h = (h ^ *p) * 16777619u;
    size_t j = h & (cap - 1);
    while (c->codes[j].name) {
        if (!strcmp(c->codes[j].name, name)) return c->codes[j].code;
        j = (j + 1) & (cap - 1);
    }
    const char *code = code_scan(c, name);
    if (2 * (c->ncodes + 1) <= cap) {
        c->codes[j].name = name;
        c->codes[j].code = code;
        c->ncodes++;
    }
    return code;
}

static const char *code_scan(const qctx *c, const char *name)
{
    size_t n;
    const char *lw = last_word(name, &n);
    int single = lw == name;
    for (size_t i = 0; i < c->d->actors.n; i++) {
        const sitrep_actor *x = &c->d->actors.v[i];
        if (!x->code || !x->code[0] || !x->text) continue;
        if (!single && strstr(x->text, name)) return x->code;
        size_t m;
        const char *xl = last_word(x->text, &m);
        if (single && m == n && !memcmp(xl, lw, n)) return x->code;
    }
    return "";
}

/* Fills the mention bytes, the resolved name and the code of s. -1 on no memory.
 * The name: a pronoun resolves to the last person named before it (the actor
 * stage's antecedent when it found a person, else the last speaker or titled name),
 * a surname to its earlier full mention; titles are dropped. The code: the actor
 * stage's code of the mention (of its antecedent for a pronoun), else of an actor
 * mention with the same name; "" when the actor stage has not run or knows none. */
static int resolve(qctx *c, spk *s)
{
    sitrep_doc *d = c->d;
    s->ms = W(c, s->w0)->start;
    s->me = W(c, s->w1 - 1)->end;
    const sitrep_token *t = &d->tokens.v[W(c, s->w1 - 1)->token];
    if (s->me > t->end) s->me = t->end;
    s->code = "";
    s->text = NULL;
    int single = s->w1 == s->w0 + 1;
    int pron = single && (weq(c, s->w0, "he") || weq(c, s->w0, "she"));
    const sitrep_actor *a = d->actors.n ? actor_over(c, s->ms, s->me) : NULL;
    /* a pronoun: the actor stage's antecedent when it is a person (it weighs every
     * mention, not only speakers: "Putin ... He said:"), else the last speaker or
     * titled name */
    const sitrep_actor *ant0 = a && a->antecedent && a->antecedent <= d->actors.n ? &d->actors.v[a->antecedent - 1] : NULL;
    int ant_person = ant0 && ant0->kind && !strcmp(ant0->kind, "person");
    if (pron && !ant_person) s->text = last_person(c, s->w0);
    if (s->text) {
        if (d->actors.n) s->code = code_for(c, s->text);
    } else if (a && a->antecedent && a->antecedent <= d->actors.n) {
        const sitrep_actor *ant = &d->actors.v[a->antecedent - 1];
        if (pron && ant->kind && !strcmp(ant->kind, "person")) {
            s->text = strip_titles(c, ant->text);
            if (s->text && !strchr(s->text, ' ')) {
                size_t wa = word_at(c, ant->start);
                const char *full = wa < c->nw ? full_name(c, wa) : NULL;
                if (full) s->text = full;
            }
            s->code = ant->code ? ant->code : "";
        } else if (!pron) {
            s->code = ant->code ? ant->code : "";
        }
    } else if (a && !pron) {
        s->code = a->code ? a->code : "";
    }
    if (!s->text) {
        if (pron) s->text = last_person(c, s->w0);
        else if (single && is_cap(c, s->w0) && !wf(c, s->w0, F_PRONOUNS)) s->text = full_name(c, s->w0);
    }
    if (!s->text) s->text = arena_strndup(&d->mem, d->text + s->ms, s->me - s->ms);
    if (!s->text) return -1;
    if (!s->code[0] && d->actors.n && (!pron || s->text != NULL)) s->code = code_for(c, s->text);
    return remember(c, s->ms, s->text);
}

/* -------------------------------------------------------------- quotes */

static size_t word_at(const qctx *c, uint32_t byte)
{
    size_t lo = 0, hi = c->nw;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (W(c, mid)->start < byte) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static size_t count_words(const char *s, uint32_t a, uint32_t b)
{
    size_t n = 0;
    int in = 0;
    for (uint32_t i = a; i < b; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static int add_quote(qctx *c, uint32_t start, uint32_t end, const char *verb, const char *kind,
                     const spk *s)
{
    sitrep_quote *q = vec_push(c->d->quotes);
    if (!q) return -1;
    q->start = start;
    q->end = end;
    q->verb = verb;
    q->kind = kind;
    if (s && s->ok) {
        q->has_speaker = 1;
        q->speaker_start = s->ms;
        q->speaker_end = s->me;
        q->speaker_text = s->text;
        q->speaker_code = s->code ? s->code : "";
    }
    return 0;
}

static const char *verb_text(qctx *c, size_t v, int nv)
{
    uint32_t a = W(c, v)->start, b = W(c, v + (size_t)nv - 1)->end;
    return arena_strndup(&c->d->mem, c->d->text + a, b - a);
}

typedef struct attrib {
    spk s;
    const char *verb;
    int vcls;               /* CLS_SAY, CLS_NAME, 3 according to, 0 none */
    size_t vword;           /* the verb's word (SIZE_MAX when none) */
    size_t vdist;           /* words between the verb and the quotation */
    int post;
} attrib;

/* Attribution after the closing mark: `"…," said X`, `"…," X said`, `"…", according to X`. */
static int attrib_after(qctx *c, const piece *p, attrib *at)
{
    size_t w = word_at(c, p->close);
    if (w >= c->nw || par_break(c, w)) return 0;
    while (w < c->nw && !c->inq[w] && (weq(c, w, ",") || weq(c, w, ":") || weq(c, w, "--") || weq(c, w, "-")))
        w++;
    size_t lo = w;
    const char *txt = c->d->text;
    char last = p->end > p->start ? txt[p->end - 1] : 0;
    int soft_end = last == ',' || last == '!' || last == '?' || last == '-' ||
                   (p->close < c->d->len && (txt[p->close] == ',' || txt[p->close] == ';' ||
                    (txt[p->close] == ' ' && p->close + 1 < c->d->len &&
                     islower((unsigned char)txt[p->close + 1]))));
    if (!soft_end) return 0;
    for (size_t k = lo; k < c->nw && k < lo + 14; k++) {
        if (c->inq[k] || boundary(c, k) || (k > lo && par_break(c, k))) break;
        if (weq(c, k, "according") && k + 1 < c->nw && weq(c, k + 1, "to")) {
            if (according_to(c, k, c->nw, &at->s)) {
                at->verb = "according to";
                at->vcls = 3;
                at->vword = k;
                at->post = 1;
                return 1;
            }
            return 0;
        }
        int nv;
        const lex_ent *e = verb_at(c, k, &nv);
        if (!e || e->cls != CLS_SAY) continue;
        if (is_participle(c, k)) return 0;      /* `"…", threatening peace talks` */
        size_t hi = k + (size_t)nv;
        while (hi < c->nw && hi < k + 14 && !c->inq[hi] && !boundary(c, hi) && !weq(c, hi, ",")) hi++;
        int ok = 0;
        if (k == lo) ok = subject_after(c, k + (size_t)nv - 1, hi, &at->s);
        else {
            /* only a subject may stand between the quotation and its verb */
            size_t j = k - 1;
            while (j > lo && wf(c, j, F_SKIP)) j--;
            size_t a = wf(c, j, F_PRONOUNS) ? j : np_left(c, j, lo);
            if (a == lo || (a == lo + 1 && wf(c, lo, F_DETS))) ok = subject_before(c, k, lo, &at->s);
        }
        if (!ok && c->parsed) { size_t pa, pb; ok = parse_subject(c, k, &at->s, &pa, &pb); }
        if (!ok) return 0;
        at->verb = verb_text(c, k, nv);
        at->vcls = e->cls;
        at->vword = k;
        at->vdist = k - lo;
        at->post = 1;
        return 1;
    }
    return 0;
}

static int is_dash(const qctx *c, size_t w) { return weq(c, w, "--") || (weq(c, w, "-") && !glued(c, w)); }

/* Attribution before the opening mark, in the same sentence. Returns 1 with a
 * speaker, 2 with a verb but no subject of its own (the caller continues the
 * previous speaker), 0 with nothing. */
static int attrib_before(qctx *c, const piece *p, attrib *at)
{
    size_t wo = word_at(c, p->open);
    if (wo >= c->nw) wo = c->nw;
    size_t lo = wo, n = 0;
    while (lo > 0 && n < 45) {
        size_t k = lo - 1;
        if (boundary(c, k) || (wo < c->nw && c->wpar[k] != c->wpar[wo])) break;
        lo = k;
        n++;
    }
    size_t dashes_after = 0, pending = SIZE_MAX;
    int pending_nv = 0, pending_cls = 0;
    for (size_t k = wo; k-- > lo;) {
        if (c->inq[k]) continue;
        if (is_dash(c, k)) { dashes_after++; continue; }
        if (weq(c, k, "according") && k + 1 < wo && weq(c, k + 1, "to")) {
            if (according_to(c, k, wo, &at->s)) {
                at->verb = "according to";
                at->vcls = 3;
                at->vword = k;
                at->vdist = wo - k;
                return 1;
            }
            continue;
        }
        int nv;
        const lex_ent *e = verb_at(c, k, &nv);
        if (!e) continue;
        if (dashes_after % 2 == 1) {
            /* inside "— as reported by X —" between the speaker and the quote? */
            int dash_before = 0;
            for (size_t i = lo; i < k; i++)
                if (is_dash(c, i)) dash_before = 1;
            if (dash_before) continue;
        }
        int got = subject_of(c, k, lo, wo, &at->s);
        if (!got && is_participle(c, k) && k > lo) {
            /* "with Steve Scalise of Louisiana calling the investigation …" */
            size_t a = np_left(c, k - 1, lo);
            uint32_t r0, r1;
            int with = 0;
            for (size_t i = lo; i < a; i++)
                if (weq(c, i, "with")) with = 1;
            if (a > lo && a < k && (with || weq(c, a - 1, "and")) &&
                (weq(c, a - 1, "with") || weq(c, a - 1, "and")) &&
                np_choose(c, a, k, &r0, &r1) && name_word(c, r0))
                got = set_mention(&at->s, r0, r1);
        }
        if (got) {
            at->verb = verb_text(c, k, nv);
            at->vcls = e->cls;
            at->vword = k;
            at->vdist = wo - k - (size_t)nv;
            if (pending != SIZE_MAX) {         /* "X told Y …, adding:": the later verb */
                at->verb = verb_text(c, pending, pending_nv);
                at->vcls = pending_cls;
                at->vword = pending;
                at->vdist = wo - pending - (size_t)pending_nv;
            }
            return 1;
        }
        if (pending == SIZE_MAX) { pending = k; pending_nv = nv; pending_cls = e->cls; }
    }
    if (pending != SIZE_MAX) {
        at->verb = verb_text(c, pending, pending_nv);
        at->vcls = pending_cls;
        at->vword = pending;
        at->vdist = wo - pending - (size_t)pending_nv;
        if (sentence_start(c, lo) && sentence_subject(c, lo, pending, &at->s)) return 1;
        at->s.ok = 0;
        return 2;
    }
    /* `Bolsonaro opposed Macron's statement: "…"`, `Trump … defended his decision, "…"` */
    if (wo > lo && (weq(c, wo - 1, ":") || weq(c, wo - 1, ",")) && sentence_start(c, lo) &&
        sentence_subject(c, lo, wo - 1, &at->s)) {
        at->verb = NULL;
        at->vcls = 0;
        at->vword = SIZE_MAX;
        at->vdist = 1;
        return 1;
    }
    return 0;
}

static const char *quote_kind(qctx *c, const piece *p, const attrib *at, int found)
{
    const char *t = c->d->text;
    size_t nwords = count_words(t, p->start, p->end);
    size_t wo = word_at(c, p->open);
    if (nwords <= 2) {
        /* one or two words are speech only right after a speech verb (`said he was
         * "humbled"`), a naming verb (`called it "lousy"`, `described X as an
         * "emerging" figure`) or before `, he said`; else a scare quote */
        int to = 0;
        if (found && at->vword != SIZE_MAX)
            for (size_t k = at->vword + 1; k < wo; k++)
                if (weq(c, k, "to")) to = 1;
        int as = wo > 0 && (weq(c, wo - 1, "as") || weq(c, wo - 1, "a") || weq(c, wo - 1, "an"));
        int speech = found && at->s.ok &&
                     ((at->vcls == CLS_NAME && (at->vdist <= 10 || (as && at->vdist <= 14))) ||
                      (at->vcls == CLS_SAY && at->vdist <= 2 && !to) ||
                      (at->post && at->vdist <= 3));
        if (!speech) return "scare";
    }
    /* direct when it starts a sentence or follows ":" "," or a speech verb */
    if (p->open == p->start || wo == 0 || c->wpar[wo - 1] != p->par) return "direct";
    size_t k = wo - 1;
    if (weq(c, k, ":") || weq(c, k, ",") || weq(c, k, ".") || weq(c, k, "--") || boundary(c, k))
        return "direct";
    int nv;
    const lex_ent *e = verb_at(c, k, &nv);
    int32_t first = cp_at(t, p->start, p->end);
    utf8proc_category_t cat = first >= 0 ? utf8proc_category(first) : UTF8PROC_CATEGORY_CN;
    if (e && e->cls == CLS_SAY && cat != UTF8PROC_CATEGORY_LL) return "direct";
    if (cat == UTF8PROC_CATEGORY_LU && nwords >= 4 && !wf(c, k, F_DETS) && !weq(c, k, "as") &&
        !weq(c, k, "of") && !weq(c, k, "to") && !weq(c, k, "for"))
        return "direct";
    return "partial";
}

/* Reported speech introduced by verb v (CLS_SAY): the clause's first word, or 0. */
static size_t clause_start(qctx *c, size_t v, int nv)
{
    size_t a = v + (size_t)nv;
    if (a >= c->nw || c->inq[a]) return 0;
    if (weq(c, a, "that")) return a + 1;
    const lex_ent *e = lex_find(c->lex, "tell", 4);
    int nv2;
    const lex_ent *me = verb_at(c, v, &nv2);
    int tell = me && e && (me->lemma == e->lemma || !strcmp(me->lemma, "inform"));
    if (tell) {
        /* skip the person told: "the Financial Times", "reporters", "him" */
        size_t b = a;
        while (b < c->nw && b - a < 6 && !c->inq[b] &&
               (name_word(c, b) || (b == a && wf(c, b, F_DETS)) || weq(c, b, "him") || weq(c, b, "her") ||
                weq(c, b, "them") || weq(c, b, "us") || weq(c, b, "me") || weq(c, b, "reporters") ||
                weq(c, b, "journalists") || weq(c, b, "press") || weq(c, b, "media") ||
                weq(c, b, "local")))
            b++;
        if (b == a || b >= c->nw) return 0;
        if (weq(c, b, "that")) return b + 1;
        a = b;
    }
    if (!(wf(c, a, F_PRONOUNS) || wf(c, a, F_DETS) || name_word(c, a))) return 0;
    for (size_t k = a + 1; k < c->nw && k < a + 8; k++) {
        if (c->inq[k] || boundary(c, k) || weq(c, k, ",")) return 0;
        if (wf(c, k, F_AUX)) return a;
    }
    return 0;
}

static int add_indirect(qctx *c, size_t v, int nv, size_t lo, size_t a)
{
    const char *t = c->d->text;
    size_t b = a;
    /* reported speech ends with its sentence (a text without stops would
     * otherwise give every clause the rest of the paragraph) */
    while (b < c->wsend[a] && !boundary(c, b) && c->wpar[b] == c->wpar[a]) {
        if (weq(c, b, ",") && b + 1 < c->nw) {
            int n2;
            const lex_ent *e = verb_at(c, b + 1, &n2);
            if (e && is_participle(c, b + 1)) break;
        }
        if (c->inq[b] == 2 && b > a && weq(c, b - 1, ":")) { b--; break; }
        b++;
    }
    if (b <= a + 2) return 0;
    uint32_t s = W(c, a)->start, e = W(c, b - 1)->end;
    while (e > s && (t[e - 1] == ',' || t[e - 1] == ' ' || t[e - 1] == ':')) e--;
    /* a clause that is one whole quotation is that quotation's */
    for (size_t i = 0; i < c->np; i++) {
        const piece *q = &c->pc[i];
        if (!q->dead && q->open <= s && q->close + 1 >= e) return 0;
    }
    spk sp = {0};
    if (!subject_of(c, v, lo, a, &sp) && sentence_start(c, lo)) sentence_subject(c, lo, v, &sp);
    if (sp.ok && resolve(c, &sp)) return -1;
    return add_quote(c, s, e, verb_text(c, v, nv), "indirect", &sp);
}

static int indirect_pass(qctx *c, size_t upto)
{
    size_t lo = c->ind_lo;
    size_t v = c->ind_next;
    if (upto > c->nw) upto = c->nw;
    c->ind_next = upto > v ? upto : v;
    for (; v < upto; v++) {
        c->ind_lo = lo;
        if (boundary(c, v) || (v > 0 && c->wpar[v] != c->wpar[v - 1])) {
            lo = boundary(c, v) ? v + 1 : v;
            continue;
        }
        if (c->inq[v]) continue;
        if (weq(c, v, "according") && v + 1 < c->nw && weq(c, v + 1, "to")) {
            spk sp = {0};
            size_t k = v + 2;
            while (k < c->wsend[v] && !weq(c, k, ",") && !boundary(c, k) && !c->inq[k]) k++;
            if (k >= c->wsend[v] || c->inq[k] || !according_to(c, v, k, &sp)) continue;
            uint32_t s, e;
            if (v == lo && weq(c, k, ",")) {          /* According to X, clause. */
                size_t b = k + 1;
                while (b < c->wsend[v] && !boundary(c, b) && !c->inq[b] && c->wpar[b] == c->wpar[v]) b++;
                if (b >= c->nw || c->inq[b] || b <= k + 3) continue;
                s = W(c, k + 1)->start;
                e = W(c, b - 1)->end;
            } else if (v > lo + 2 && weq(c, v - 1, ",") && boundary(c, k)) {  /* clause, according to X. */
                int inquote = 0;
                for (size_t i = lo; i < v; i++)
                    if (c->inq[i]) inquote = 1;
                if (inquote) continue;
                s = W(c, lo)->start;
                e = W(c, v - 2)->end;
            } else {
                continue;
            }
            if (resolve(c, &sp) || add_quote(c, s, e, "according to", "indirect", &sp)) return -1;
            continue;
        }
        int nv;
        const lex_ent *e = verb_at(c, v, &nv);
        if (!e || e->cls != CLS_SAY) continue;
        size_t a = clause_start(c, v, nv);
        if (a && add_indirect(c, v, nv, lo, a)) return -1;
    }
    c->ind_lo = lo;
    return 0;
}

sitrep_status quote_run(const quote_lex *lex, sitrep_doc *doc)
{
    if (!doc || !doc->text || !doc->len) return SITREP_OK;
    const char *t = doc->text;
    size_t len = doc->len;
    qctx c = {0};
    c.lex = lex;
    c.d = doc;
    c.nw = doc->words.n;
    c.actors_sorted = actors_in_text_order(doc);
    for (size_t i = 0; i < doc->actors.n; i++) {
        const sitrep_actor *a = &doc->actors.v[i];
        if (a->end - a->start > c.actor_maxlen) c.actor_maxlen = a->end - a->start;
    }

    /* marks */
    size_t nm = 0;
    uint8_t ml;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)t[i] == '"' || t[i] == '\'' || (unsigned char)t[i] == 0xE2 ||
            (unsigned char)t[i] == 0xC2)
            if (mark_type(t, i, len, &ml)) nm++;
    mark *m = nm ? arena_alloc(&doc->mem, nm * sizeof *m) : NULL;
    size_t *stack = nm ? arena_alloc(&doc->mem, nm * sizeof *stack) : NULL;
    piece *pc = nm ? arena_alloc(&doc->mem, (nm + 1) * sizeof *pc) : NULL;
    if (nm && (!m || !stack || !pc)) return SITREP_ERR_NOMEM;
    nm = 0;
    for (size_t i = 0; i < len;) {
        int ty = mark_type(t, i, len, &ml);
        if (ty) {
            m[nm] = (mark){(uint32_t)i, ml, (uint8_t)ty, 0, 0, 0, 0};
            classify(t, len, &m[nm]);
            nm++;
            i += ml;
        } else {
            i++;
        }
    }

    /* pairing, paragraph by paragraph */
    pair_state ps = {pc, 0, 0, 0, 0, 0};
    size_t mi = 0;
    for (size_t p0 = 0; p0 < len;) {
        while (p0 < len && (t[p0] == '\n' || t[p0] == '\r')) p0++;
        if (p0 >= len) break;
        const char *nl = memchr(t + p0, '\n', len - p0);
        size_t p1 = nl ? (size_t)(nl - t) : len;
        size_t e1 = p1;
        while (e1 > p0 && (t[e1 - 1] == ' ' || t[e1 - 1] == '\r' || t[e1 - 1] == '\t')) e1--;
        size_t mj = mi;
        while (mj < nm && m[mj].pos < p1) mj++;
        ps.p0 = (uint32_t)p0;
        ps.p1 = (uint32_t)e1;
        int had_pending = ps.pending;
        int r = 0;
        if (mj > mi) {
            r = pair_par(&ps, m + mi, mj - mi, 0, stack);
            if (r < 0) r = pair_par(&ps, m + mi, mj - mi, 1, stack);
        }
        if (had_pending && ps.pending) {               /* not continued: it was broken */
            ps.pending = 0;
        }
        if (r == 1) ps.pending = (int)ps.npc;
        mi = mj;
        ps.par++;
        p0 = p1;
    }
    size_t np = ps.npc;
    /* a single-quoted piece may contain a double-quoted one: keep the outer (pieces
     * are in paragraph order, so only neighbours of one paragraph can nest) */
    for (size_t i = 0; i < np; i++)
        for (size_t j = i > 8 ? i - 8 : 0; j < np && j < i + 8; j++)
            if (i != j && pc[j].par == pc[i].par && !pc[j].dead && pc[j].open <= pc[i].open && pc[i].close <= pc[j].close &&
                (pc[j].open < pc[i].open || pc[i].close < pc[j].close))
                pc[i].dead = 1;

    /* per-word layers: lower-cased forms, list flags and speech verbs looked up once */
    if (c.nw) {
        c.inq = arena_calloc(&doc->mem, c.nw);
        c.wpar = arena_alloc(&doc->mem, c.nw * sizeof *c.wpar);
        c.wsend = arena_alloc(&doc->mem, c.nw * sizeof *c.wsend);
        c.low = arena_alloc(&doc->mem, c.nw * sizeof *c.low);
        c.flags = arena_alloc(&doc->mem, c.nw * sizeof *c.flags);
        c.verb = arena_alloc(&doc->mem, c.nw * sizeof *c.verb);
        if (!c.inq || !c.wpar || !c.wsend || !c.low || !c.flags || !c.verb) return SITREP_ERR_NOMEM;
        for (size_t w = 0; w < c.nw; w++) {
            const char *n = W(&c, w)->norm ? W(&c, w)->norm : W(&c, w)->form;
            size_t nl = strlen(n), k = 0;
            while (k < nl && !isupper((unsigned char)n[k])) k++;
            if (k < nl) {
                char *l = arena_strndup(&doc->mem, n, nl);
                if (!l) return SITREP_ERR_NOMEM;
                for (; k < nl; k++) l[k] = (char)tolower((unsigned char)l[k]);
                n = l;
            }
            c.low[w] = n;
            c.flags[w] = word_flags(lex, n, nl);
            c.verb[w] = lex_find(lex, n, nl);
        }
        for (size_t w = 0; w < c.nw; w++) c.wsend[w] = (uint32_t)c.nw;
        for (size_t si = 0; si < doc->sentences.n; si++) {
            const sitrep_sentence *se = &doc->sentences.v[si];
            for (uint32_t w = se->word; w < se->word + se->nwords && w < c.nw; w++)
                c.wsend[w] = se->word + se->nwords;
        }
        uint32_t par = 0;
        for (size_t w = 0; w < c.nw; w++) {
            if (w > 0 && memchr(t + W(&c, w - 1)->end, '\n', W(&c, w)->start - W(&c, w - 1)->end)) par++;
            c.wpar[w] = par;
            if (W(&c, w)->head >= 0 && W(&c, w)->deprel) c.parsed = 1;
        }
        for (size_t i = 0; i < np; i++) {
            if (pc[i].dead) continue;
            for (size_t w = word_at(&c, pc[i].open); w < c.nw && W(&c, w)->start < pc[i].close; w++) {
                int mark_word = W(&c, w)->start < pc[i].start || W(&c, w)->start >= pc[i].end;
                c.inq[w] = mark_word && W(&c, w)->end - W(&c, w)->start <= 3 ? 2 : 1;
            }
        }
    }

    /* warnings for broken marks */
    for (size_t i = 0; i < np; i++) {
        const piece *p = &pc[i];
        if (p->dead || !p->broken) continue;
        if (p->broken == 3 && p->cont_next) continue;
        size_t at = sitrep_doc_cp(doc, p->broken == 3 ? p->open : p->close - 1);
        if (p->broken == 1)
            sitrep_doc_warn(doc, "quote: closing quotation mark at character %zu follows another; "
                            "joined to the quotation before it", at);
        else if (p->broken == 2)
            sitrep_doc_warn(doc, "quote: closing quotation mark at character %zu has no opening "
                            "mark; the quotation starts at its paragraph", at);
        else
            sitrep_doc_warn(doc, "quote: quotation opened at character %zu is not closed; it runs "
                            "to the end of its paragraph", at);
    }

    /* attribution, in text order, with reported speech found on the way (so that a
     * pronoun can refer to the speaker of either) */
    c.pc = pc;
    c.np = np;
    size_t first_quote = doc->quotes.n;
    long prev = -1;                 /* index in doc->quotes of the last quote with a speaker */
    long lastq = -1;                /* the last quotation in marks */
    uint32_t lastq_close = 0;
    for (size_t i = 0; i < np; i++) {
        const piece *p = &pc[i];
        if (p->dead || p->end <= p->start) continue;
        if (c.nw && indirect_pass(&c, word_at(&c, p->open))) return SITREP_ERR_NOMEM;
        attrib at = {0};
        at.vword = SIZE_MAX;
        int found = 0;
        if (c.nw) {
            if (attrib_after(&c, p, &at)) {
                found = 1;
                if (at.vcls == 3) {     /* `X called it "…", according to NBC`: X */
                    attrib b2 = {0};
                    b2.vword = SIZE_MAX;
                    if (attrib_before(&c, p, &b2) == 1 && b2.vcls != 3 && b2.vword != SIZE_MAX) at = b2;
                }
            } else {
                memset(&at, 0, sizeof at);
                at.vword = SIZE_MAX;
                found = attrib_before(&c, p, &at);
            }
        }
        /* `X criticized the decision via Twitter. "…"`: the sentence before, when it
         * names a speaker and no quotation came between */
        if (!found && c.nw) {
            size_t wo = word_at(&c, p->open);
            if (wo > 0 && wo < c.nw && !par_break(&c, wo) && boundary(&c, wo - 1) && c.inq[wo - 1] != 2 &&
                (lastq < 0 || lastq_close <= W(&c, wo - 1)->start)) {
                piece fake = *p;
                fake.open = fake.start = W(&c, wo - 1)->start;
                attrib b2 = {0};
                b2.vword = SIZE_MAX;
                int r = attrib_before(&c, &fake, &b2);
                if (r == 1 && b2.s.ok && b2.vword != SIZE_MAX) {
                    at = b2;
                    at.vdist = 99;
                    found = 1;
                }
            }
        }
        /* `referred to as "gamesmanship" and a "stunt"`: a quotation coordinated with
         * the one just before it shares its speaker */
        int coord = 0;
        if (lastq >= 0 && found != 1 && doc->quotes.v[lastq].has_speaker) {
            size_t a0 = word_at(&c, lastq_close), b0 = word_at(&c, p->open);
            if (b0 > a0 && b0 - a0 <= 3 && c.wpar[a0 < c.nw ? a0 : c.nw - 1] == p->par) {
                coord = 1;
                for (size_t k = a0; k < b0; k++)
                    if (boundary(&c, k)) coord = 0;
            }
        }
        const char *kind = coord ? "partial" : quote_kind(&c, p, &at, found == 1);
        if (coord && count_words(t, p->start, p->end) > 2) kind = quote_kind(&c, p, &at, 0);
        if (coord && !strcmp(kind, "scare")) kind = "partial";
        spk s = at.s;
        const char *verb = at.verb;
        if (!strcmp(kind, "scare")) {
            s.ok = 0;
            verb = NULL;
        } else if (found == 1 && s.ok) {
            if (resolve(&c, &s)) return SITREP_ERR_NOMEM;
        } else if (coord) {
            const sitrep_quote *pq = &doc->quotes.v[lastq];
            s.ok = 1;
            s.ms = pq->speaker_start;
            s.me = pq->speaker_end;
            s.text = pq->speaker_text;
            s.code = pq->speaker_code;
            verb = pq->verb;
        } else if (prev >= 0) {
            const sitrep_quote *pq = &doc->quotes.v[prev];
            size_t wp = word_at(&c, pq->start);
            uint32_t ppar = wp < c.nw ? c.wpar[wp] : 0;
            if (p->cont_prev || p->par == ppar || p->par == ppar + 1 || found == 2) {
                s.ok = 1;
                s.ms = pq->speaker_start;
                s.me = pq->speaker_end;
                s.text = pq->speaker_text;
                s.code = pq->speaker_code;
                if (found != 2) verb = NULL;
            }
        }
        if (add_quote(&c, p->start, p->end, verb, kind, &s)) return SITREP_ERR_NOMEM;
        lastq = (long)(doc->quotes.n - 1);
        lastq_close = p->close;
        if (s.ok) prev = lastq;
    }

    /* reported speech after the last quotation */
    if (c.nw && indirect_pass(&c, c.nw)) return SITREP_ERR_NOMEM;

    /* text order */
    for (size_t i = first_quote + 1; i < doc->quotes.n; i++) {
        sitrep_quote q = doc->quotes.v[i];
        size_t j = i;
        while (j > first_quote && doc->quotes.v[j - 1].start > q.start) {
            doc->quotes.v[j] = doc->quotes.v[j - 1];
            j--;
        }
        doc->quotes.v[j] = q;
    }
    return SITREP_OK;
}

/* ----------------------------------------------------------------- GKG */

sitrep_status quote_gkg(const sitrep_doc *doc, sitrep_buf *out)
{
    int r = 0, first = 1;
    for (size_t i = 0; i < doc->quotes.n; i++) {
        const sitrep_quote *q = &doc->quotes.v[i];
        if (!q->kind || (strcmp(q->kind, "direct") && strcmp(q->kind, "partial"))) continue;
        size_t a = sitrep_doc_cp(doc, q->start), b = sitrep_doc_cp(doc, q->end);
        if (!first) r |= buf_putc(out, '#');
        first = 0;
        r |= buf_int(out, (long long)a) | buf_putc(out, '|') | buf_int(out, (long long)(b - a)) |
             buf_putc(out, '|');
        if (q->verb)
            for (const char *v = q->verb; *v; v++)
                r |= buf_putc(out, (*v == '|' || *v == '#' || *v == '\t' || *v == '\n') ? ' ' : *v);
        r |= buf_putc(out, '|');
        for (uint32_t k = q->start; k < q->end; k++) {
            char ch = doc->text[k];
            r |= buf_putc(out, (ch == '|' || ch == '#' || ch == '\n' || ch == '\r' || ch == '\t') ? ' ' : ch);
        }
    }
    return r ? SITREP_ERR_NOMEM : SITREP_OK;
}
