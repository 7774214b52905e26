/* tok.c — tokenization following UD English-EWT.
 *
 * Works on the shadow string (curly quotes already straight, dashes "-"/"--",
 * "..." for the ellipsis) and maps every span back to the original text through
 * doc->norm_map. The text is cut at white space into chunks; each chunk is cut
 * left to right:
 *   T1  URLs (scheme://, www., mailto:) and e-mail addresses are one token, less
 *       trailing punctuation.
 *   T2  @-mentions and #hashtags are one token.
 *   T3  a word run: letters, digits, marks, joined by a connector that has a
 *       word character on both sides ("3.5", "1,000", "5:30", "9/11", "AT&T",
 *       "don't", "e-mail", "U.S").
 *   T4  a run takes a following "." when it is an abbreviation (Mr., U.S., W.).
 *   T5  hyphens inside a run are split off ("Al - Zaman", "3 - 4") except after a
 *       prefix EWT keeps (non-, pre-, anti-, e-...) and in phone numbers and
 *       dates ("713-853-3989", "11-20-2000").
 *   T6  clitics make a multi-word token: n't 's 'm 'd 'll 're 've (straight,
 *       curly or backquote apostrophe), the possessive "'" after -s, and the
 *       spellings EWT splits without an apostrophe (cannot, gonna, dont, im...).
 *   T7  punctuation: runs of . ! ? are one token ("...", "?!"), as are runs of
 *       one repeated symbol ("--", "**", "''", "``"); emoticons ":)" are one
 *       token; anything else is one character.
 *   T8  any other symbol (emoji) is one token with its modifiers, variation
 *       selectors and ZWJ sequences; regional-indicator pairs (flags) stay whole.
 * Nothing is malloc'd per token: strings go to the document arena, tokens and
 * words to the document's vectors, reserved from the text length. */
#include "tok.h"

#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "ucls_table.h"
#include "utf8.h"

enum { K_SPACE, K_WORD, K_PUNCT, K_SYM, K_JOIN };

typedef struct tk {
    sitrep_doc *doc;
    const char *s;          /* shadow string */
    size_t n;
    const uint32_t *map;
    size_t squote;          /* tokens.n + 1 when a single quote opened, else 0 */
    int err;
} tk;

/* ------------------------------------------------------------ characters */

static int hi_kind(uint32_t cp)
{
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
        cp == 0x200D || cp == 0x200C || (cp >= 0xE0020 && cp <= 0xE007F))
        return K_JOIN;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return K_WORD;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return K_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return K_JOIN;
    case UTF8PROC_CATEGORY_SO: case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CS:
        return K_SYM;
    default:
        return K_PUNCT;
    }
}

/* Kind of the character at i (< t->n); *len gets its byte length. */
static int kind_at(const tk *t, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)t->s[i];
    if (c < 0x80) {
        *len = 1;
        uint16_t k = ucls_ascii[c];
        if (k & UCLS_WS) return K_SPACE;
        if (k & UCLS_ALNUM) return K_WORD;
        return K_PUNCT;
    }
    uint32_t cp;
    int n = utf8_decode((const unsigned char *)t->s + i, t->n - i, &cp);
    if (n < 0) { *len = 1; return K_SYM; }
    *len = (size_t)n;
    return hi_kind(cp);
}

static int is_word_at(const tk *t, size_t i, size_t e)
{
    size_t l;
    return i < e && kind_at(t, i, &l) == K_WORD;
}

static int s_digit(char c) { return c >= '0' && c <= '9'; }
static uint16_t cl(const tk *t, size_t i) { return ucls_ascii[(unsigned char)t->s[i]]; }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_apos(int c) { return c == '\'' || c == '`'; }

/* case-insensitive: s[0..len) == w (lower-case ASCII) */
static int eq_ci(const char *s, size_t len, const char *w)
{
    size_t i = 0;
    for (; i < len && w[i]; i++)
        if (lower((unsigned char)s[i]) != w[i]) return 0;
    return i == len && w[i] == '\0';
}

static int starts_ci(const char *s, size_t len, const char *w)
{
    size_t i = 0;
    for (; w[i]; i++)
        if (i >= len || lower((unsigned char)s[i]) != w[i]) return 0;
    return 1;
}

/* ------------------------------------------------------------ emitting */

/* Original-text end for a shadow end: norm_map[b], moved back over invisible
 * characters the shadow dropped (ZWSP, word joiner, BOM, soft hyphen). */
static uint32_t orig_end(const tk *t, size_t b, uint32_t ostart)
{
    uint32_t oe = t->map[b];
    const unsigned char *x = (const unsigned char *)t->doc->text;
    for (;;) {
        if (oe >= ostart + 2 && x[oe - 2] == 0xC2 && x[oe - 1] == 0xAD) { oe -= 2; continue; }
        if (oe >= ostart + 3 && ((x[oe - 3] == 0xE2 && x[oe - 2] == 0x80 && x[oe - 1] == 0x8B) ||
                                 (x[oe - 3] == 0xE2 && x[oe - 2] == 0x81 && x[oe - 1] == 0xA0) ||
                                 (x[oe - 3] == 0xEF && x[oe - 2] == 0xBB && x[oe - 1] == 0xBF))) {
            oe -= 3;
            continue;
        }
        break;
    }
    if (oe > ostart) return oe;
    /* the shadow bytes up to b all came from one original character (a piece
     * NFC changed, an ellipsis): end after that character */
    for (size_t k = b; k <= t->n; k++)
        if (t->map[k] > ostart) return t->map[k];
    return (uint32_t)t->doc->len;
}

static int add_word(tk *t, size_t a, size_t b, uint32_t tokidx, uint32_t ts, uint32_t te,
                    int whole)
{
    sitrep_word *w = vec_push(t->doc->words);
    if (!w) return -1;
    uint32_t os = whole ? ts : t->map[a];
    uint32_t oe = whole ? te : (b == t->n ? te : orig_end(t, b, os));
    if (!whole && (os < ts || oe > te || oe < os)) { os = ts; oe = te; }
    w->start = os;
    w->end = oe;
    w->token = tokidx;
    char *form = arena_strndup(&t->doc->mem, t->doc->text + os, oe - os);
    if (!form) return -1;
    w->form = form;
    if ((size_t)(oe - os) == b - a && memcmp(form, t->s + a, b - a) == 0) {
        w->norm = form;
    } else {
        char *nm = arena_strndup(&t->doc->mem, t->s + a, b - a);
        if (!nm) return -1;
        w->norm = nm;
    }
    w->head = -1;
    return 0;
}

/* Emits the token t->s[a..b) with words split at k1 and k2 (0 = none). */
static void emit3(tk *t, size_t a, size_t b, size_t k1, size_t k2)
{
    if (t->err || a >= b) return;
    sitrep_token *tok = vec_push(t->doc->tokens);
    if (!tok) { t->err = 1; return; }
    uint32_t idx = (uint32_t)(t->doc->tokens.n - 1);
    uint32_t ts = t->map[a];
    uint32_t te = orig_end(t, b, ts);
    tok->start = ts;
    tok->end = te;
    tok->word = (uint32_t)t->doc->words.n;
    tok->space_after = 1;
    size_t cut[4] = { a, 0, 0, 0 };
    int nc = 1;
    if (k1 > a && k1 < b) cut[nc++] = k1;
    if (k2 > cut[nc - 1] && k2 < b) cut[nc++] = k2;
    cut[nc] = b;
    for (int i = 0; i < nc; i++)
        if (add_word(t, cut[i], cut[i + 1], idx, ts, te, nc == 1)) { t->err = 1; return; }
    t->doc->tokens.v[idx].nwords = (uint32_t)nc;
}

static void emit(tk *t, size_t a, size_t b) { emit3(t, a, b, 0, 0); }

/* ------------------------------------------------------------ rules */

/* word lists carry their lengths: looked up on every candidate token */
typedef struct word { const char *w; size_t len; } word;
#define W(s) { s, sizeof(s) - 1 }

static int in_list(const word *list, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].len == len && list[i].w[0] == w[0] && memcmp(list[i].w, w, len) == 0)
            return 1;
    return 0;
}
#define IN_LIST(list, w, len) in_list(list, sizeof list / sizeof *list, w, len)

/* T4: abbreviations that take their period. Checked on the shadow form of the
 * run without its period. */
static const word abbrevs[] = {
    /* titles */
    W("Mr"), W("Mrs"), W("Ms"), W("Messrs"), W("Dr"), W("Prof"), W("Gen"), W("Lt"),
    W("Col"), W("Maj"), W("Capt"), W("Sgt"),
    W("Cpl"), W("Pvt"), W("Adm"), W("Cmdr"), W("Gov"), W("Sen"), W("Rep"), W("Reps"),
    W("Rev"), W("Hon"), W("Pres"), W("Supt"),
    W("Det"), W("Insp"), W("Fr"), W("Sr"), W("Jr"), W("Sra"), W("Mme"), W("Mlle"),
    W("St"), W("Ste"), W("Ft"), W("Mt"),
    /* organisations */
    W("Inc"), W("Corp"), W("Co"), W("Ltd"), W("Bros"), W("Assn"), W("Dept"), W("Univ"),
    W("Intl"), W("Govt"), W("plc"),
    /* months and days */
    W("Jan"), W("Feb"), W("Mar"), W("Apr"), W("Jun"), W("Jul"), W("Aug"), W("Sep"),
    W("Sept"), W("Oct"), W("Nov"), W("Dec"),
    W("Mon"), W("Tue"), W("Tues"), W("Wed"), W("Thu"), W("Thur"), W("Thurs"), W("Fri"),
    W("Sat"),
    /* US states as the press writes them */
    W("Ala"), W("Ariz"), W("Ark"), W("Calif"), W("Colo"), W("Conn"), W("Del"), W("Fla"),
    W("Ga"), W("Ill"), W("Ind"),
    W("Kan"), W("Kans"), W("Ky"), W("La"), W("Md"), W("Mass"), W("Mich"), W("Minn"),
    W("Miss"), W("Mo"), W("Mont"), W("Neb"),
    W("Nev"), W("Okla"), W("Ore"), W("Pa"), W("Penn"), W("Tenn"), W("Tex"), W("Va"),
    W("Vt"), W("Wash"), W("Wis"), W("Wyo"),
    /* the rest */
    W("No"), W("Nos"), W("Vol"), W("vol"), W("vs"), W("etc"), W("approx"), W("est"),
    W("dept"), W("fig"), W("Fig"), W("pp"),
    W("Ave"), W("Blvd"), W("Rd"), W("Hwy"), W("Attn"), W("al"), W("cf"), W("ca"), W("Ph"),
    W("Ed"), W("eds"), W("Op"),
    W("Arrv"), W("arrv"), W("mins"), W("hrs"), W("Sq"), W("Gov't"), W("Nr"), W("nr"),
    W("lb"), W("lbs"), W("oz"), W("eg"), W("Para"), W("Conf"), W("Sec"), W("Ref"),
    W("viz"),
};

int tok_is_abbrev(const char *w, size_t len)
{
    if (len == 0) return 0;
    /* initials: "W", "J" */
    if (len == 1) return (unsigned char)w[0] >= 'A' && (unsigned char)w[0] <= 'Z';
    /* dotted: "U.S", "p.m", "e.g", "D.C", "a.k.a", "Ph.D": letters in groups of
     * at most three, joined by dots */
    if (memchr(w, '.', len)) {
        size_t g = 0;
        int digits = 0;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)w[i];
            if (c == '.') {
                if (g == 0) return 0;
                g = 0;
            } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
                if (++g > 3) return 0;
            } else {
                digits = 1;
                if (++g > 3) return 0;
            }
        }
        return g > 0 && !digits;
    }
    return IN_LIST(abbrevs, w, len);
}

/* titles never end a sentence (without their period) */
static const word titles[] = {
    W("Mr"), W("Mrs"), W("Ms"), W("Messrs"), W("Dr"), W("Prof"), W("Gen"), W("Lt"),
    W("Col"), W("Maj"), W("Capt"), W("Sgt"),
    W("Cpl"), W("Pvt"), W("Adm"), W("Cmdr"), W("Gov"), W("Sen"), W("Rep"), W("Reps"),
    W("Rev"), W("Hon"), W("Pres"), W("Supt"),
    W("Det"), W("Insp"), W("Fr"), W("St"), W("Ste"), W("Ft"), W("Mt"), W("No"), W("Nos"),
    W("Vol"), W("vs"), W("cf"), W("Fig"),
    W("fig"), W("pp"), W("Mme"), W("Mlle"), W("Sra"),
};

int tok_is_title(const char *w, size_t len)
{
    return len > 0 && IN_LIST(titles, w, len);
}

/* words that typically open a sentence */
static const word starters[] = {
    W("The"), W("A"), W("An"), W("He"), W("She"), W("It"), W("They"), W("We"), W("I"),
    W("You"), W("This"), W("That"),
    W("These"), W("Those"), W("There"), W("His"), W("Her"), W("Its"), W("Their"),
    W("Our"), W("My"), W("In"), W("On"),
    W("At"), W("But"), W("And"), W("Or"), W("So"), W("Yet"), W("If"), W("When"),
    W("While"), W("After"), W("Before"),
    W("As"), W("For"), W("With"), W("However"), W("Meanwhile"), W("Some"), W("Many"),
    W("Most"), W("Other"),
    W("Officials"), W("What"), W("Why"), W("How"), W("Who"), W("Where"), W("Now"),
    W("Then"), W("Also"), W("Still"),
    W("Mr."), W("Mrs."), W("Ms."), W("Dr."), W("Gen."), W("President"), W("Please"),
    W("Thanks"), W("Thank"),
    W("Do"), W("Can"), W("Is"), W("Are"), W("Let"), W("Here"), W("See"), W("Hope"),
    W("Any"),
};

int tok_is_starter(const char *w, size_t len)
{
    return len > 0 && IN_LIST(starters, w, len);
}

/* T5: prefixes whose hyphen EWT keeps inside the token. */
static const word hyph_prefixes[] = {
    W("e"), W("non"), W("pre"), W("post"), W("anti"), W("pro"), W("mid"), W("re"),
    W("multi"), W("ex"), W("neo"), W("co"),
    W("semi"), W("over"), W("sub"), W("counter"), W("cross"), W("socio"), W("psycho"),
    W("arch"), W("intra"),
    W("ultra"), W("macro"), W("mini"), W("quasi"), W("pseudo"), W("mis"),
};

static int is_hyph_prefix(const char *s, size_t len)
{
    if (len > 7) return 0;
    /* "e-mail", "e-commerce", but not "Hizb-e-Islami" */
    if (len == 1)
        return (s[0] == 'e' || s[0] == 'E') && s[1] == '-' &&
               (ucls_ascii[(unsigned char)s[2]] & UCLS_LOWER);
    for (size_t i = 0; i < sizeof hyph_prefixes / sizeof *hyph_prefixes; i++)
        if (hyph_prefixes[i].len == len && eq_ci(s, len, hyph_prefixes[i].w)) return 1;
    return 0;
}

/* T6: spellings EWT splits without an apostrophe, and where. */
static const struct { const char *w; unsigned char len, at; } fused[] = {
    { "cannot", 6, 3 }, { "gonna", 5, 3 }, { "wanna", 5, 3 }, { "gotta", 5, 3 }, { "outta", 5, 3 },
    { "dont", 4, 2 }, { "didnt", 5, 3 }, { "doesnt", 6, 4 }, { "isnt", 4, 2 }, { "wasnt", 5, 3 },
    { "werent", 6, 4 }, { "arent", 5, 3 }, { "hasnt", 5, 3 }, { "havent", 6, 4 }, { "hadnt", 5, 3 },
    { "couldnt", 7, 5 }, { "wouldnt", 7, 5 }, { "shouldnt", 8, 6 }, { "cant", 4, 2 },
    { "wont", 4, 2 },
    { "aint", 4, 2 }, { "im", 2, 1 }, { "ive", 3, 1 }, { "thats", 5, 4 }, { "youre", 5, 3 },
    { "theres", 6, 5 }, { "whats", 5, 4 }, { "kinda", 5, 4 },
};

/* T6b: "its" written for "it's" ("its a shame", "its not"), told from the
 * possessive by the next word: EWT splits it as "it" + "s". */
static const word its_next[] = {
    W("a"), W("an"), W("the"), W("not"), W("really"), W("simply"), W("very"), W("all"),
    W("like"), W("still"), W("so"), W("just"), W("only"), W("also"), W("been"),
    W("getting"), W("going"), W("gonna"), W("now"), W("definitely"), W("pretty"),
    W("too"), W("always"), W("never"), W("about"), W("because"), W("in"), W("for"),
    W("from"), W("nothing"), W("called"), W("less"), W("actually"), W("probably"),
    W("almost"), W("ok"), W("okay"), W("quite"), W("easy"), W("hard"), W("true"),
};

static int its_is_it_is(const tk *t, size_t b)
{
    const char *s = t->s;
    if (b >= t->n || !(ucls_ascii[(unsigned char)s[b]] & UCLS_WS)) return 0;
    size_t p = b;
    while (p < t->n && (ucls_ascii[(unsigned char)s[p]] & UCLS_SPACE)) p++;
    size_t q = p;
    while (q < t->n && (ucls_ascii[(unsigned char)s[q]] & UCLS_LOWER)) q++;
    if (q == p || (q < t->n && !(ucls_ascii[(unsigned char)s[q]] & (UCLS_WS | UCLS_PUNCT))))
        return 0;
    return IN_LIST(its_next, s + p, q - p);
}

/* T6: where the clitic of s[a..b) starts, 0 when there is none. */
static size_t clitic_at(const tk *t, size_t a, size_t b)
{
    const char *s = t->s;
    size_t L = b - a;
    if (L > 2 && is_apos(s[b - 2]) && s[b - 3] >= '0' && s[b - 3] <= '9') return 0; /* 50's */
    if (L > 3 && lower((unsigned char)s[b - 1]) == 't' && is_apos(s[b - 2]) &&
        lower((unsigned char)s[b - 3]) == 'n')
        return b - 3;
    if (L > 2 && is_apos(s[b - 2])) {
        int c = lower((unsigned char)s[b - 1]);
        if (c == 's' || c == 'm' || c == 'd') return b - 2;
    }
    if (L > 3 && is_apos(s[b - 3])) {
        int c1 = lower((unsigned char)s[b - 2]), c2 = lower((unsigned char)s[b - 1]);
        if ((c1 == 'l' && c2 == 'l') || (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e'))
            return b - 3;
    }
    if (L == 3 && eq_ci(s + a, 3, "its") && s[a + 1] == 't' && its_is_it_is(t, b))
        return a + 2;
    if (L >= 2 && L <= 8) {
        /* an all-caps "IM" or "CANT" is more likely an acronym or a word */
        int caps = 1;
        for (size_t i = a + 1; i < b; i++)
            if (!(cl(t, i) & UCLS_UPPER)) { caps = 0; break; }
        if (caps && L <= 4) return 0;
        int c0 = lower((unsigned char)s[a]);
        for (size_t i = 0; i < sizeof fused / sizeof *fused; i++)
            if (fused[i].len == L && fused[i].w[0] == c0 && eq_ci(s + a, L, fused[i].w))
                return a + fused[i].at;
    }
    return 0;
}

/* Emits one hyphen-free piece of a run, with its clitic; poss = the piece is
 * followed by a possessive "'" at b that belongs to it. */
static void emit_piece(tk *t, size_t a, size_t b, int poss)
{
    /* T5b: a number glued to a unit is two tokens ("5m", "10am", "66K"), but
     * ordinals and decades stay whole ("5th", "1990s") */
    if (!poss && a < b && s_digit(t->s[a])) {
        size_t d = a;
        while (d < b && (s_digit(t->s[d]) ||
                         ((t->s[d] == '.' || t->s[d] == ',' || t->s[d] == ':') && d + 1 < b &&
                          s_digit(t->s[d + 1]))))
            d++;
        size_t l = d;
        int up = 0;
        while (l < b && (ucls_ascii[(unsigned char)t->s[l]] & UCLS_ALPHA))
            up |= (ucls_ascii[(unsigned char)t->s[l++]] & UCLS_UPPER) != 0;
        if (d > a && d < b && l == b) {
            const char *u = t->s + d;
            size_t ul = b - d;
            /* upper case: units only ("66K", "10AM"), not codes ("83N", "3143C") */
            int unit = !up || eq_ci(u, ul, "k") || eq_ci(u, ul, "m") || eq_ci(u, ul, "b") ||
                       eq_ci(u, ul, "am") || eq_ci(u, ul, "pm") || eq_ci(u, ul, "bn") ||
                       eq_ci(u, ul, "gb") || eq_ci(u, ul, "mb") || eq_ci(u, ul, "kb") ||
                       eq_ci(u, ul, "km") || eq_ci(u, ul, "kg");
            if (unit && !(eq_ci(u, ul, "th") || eq_ci(u, ul, "st") || eq_ci(u, ul, "nd") ||
                          eq_ci(u, ul, "rd") || eq_ci(u, ul, "s"))) {
                emit(t, a, d);
                emit(t, d, b);
                return;
            }
        }
    }
    size_t k = clitic_at(t, a, b);
    if (poss) emit3(t, a, b + 1, k ? k : b, k ? b : 0);
    else emit3(t, a, b, k, 0);
}

/* T5: a hyphen of a run of digits kept whole: phone numbers and dates. */
static int digits_keep_hyphens(const tk *t, size_t a, size_t b)
{
    int nh = 0;
    size_t g = 0, g0 = 0, g1 = 0;
    for (size_t i = a; i < b; i++) {
        char c = t->s[i];
        if (c == '-') {
            if (nh == 0) g0 = g;
            nh++;
            g = 0;
        } else if (c >= '0' && c <= '9') {
            g++;
        } else if (c != '/' && c != '.') {
            return -1; /* not all digits */
        }
    }
    g1 = g;
    if (nh >= 2) return 1;
    /* phone numbers and extensions, ZIP+4 */
    return nh == 1 && g1 == 4 && (g0 == 3 || g0 == 5 || g0 == 1);
}

/* Emits the word run s[a..b) (T5, T6). poss: a possessive "'" follows at b. */
static void emit_run(tk *t, size_t a, size_t b, int poss)
{
    const char *s = t->s;
    if (!memchr(s + a, '-', b - a)) { emit_piece(t, a, b, poss); return; }
    int dk = digits_keep_hyphens(t, a, b);
    if (dk == 1) { emit_piece(t, a, b, poss); return; }
    size_t p = a;   /* start of the current piece */
    size_t seg = a; /* start of the current hyphen-delimited segment */
    for (size_t i = a; i < b; i++) {
        if (s[i] != '-') continue;
        if (dk == -1 && is_hyph_prefix(s + seg, i - seg)) { seg = i + 1; continue; }
        emit_piece(t, p, i, 0);
        emit(t, i, i + 1);
        p = seg = i + 1;
    }
    emit_piece(t, p, b, poss);
}

/* T3: end of the word run that starts at i (a word character). */
static size_t scan_run(const tk *t, size_t i, size_t e)
{
    const char *s = t->s;
    size_t j = i, l;
    int dots = 0;
    for (;;) {
        while (j < e) {
            int k = kind_at(t, j, &l);
            if (k != K_WORD && k != K_JOIN) break;
            j += l;
        }
        if (j >= e || j + 1 >= e || !(cl(t, j) & UCLS_CONN) || !is_word_at(t, j + 1, e)) break;
        unsigned char c = (unsigned char)s[j], pv = (unsigned char)s[j - 1],
                      nx = (unsigned char)s[j + 1];
        int pdig = pv >= '0' && pv <= '9', ndig = nx >= '0' && nx <= '9';
        int palpha = (ucls_ascii[pv] & UCLS_ALPHA) || pv >= 0x80;
        int nalpha = (ucls_ascii[nx] & UCLS_ALPHA) || nx >= 0x80;
        int ok = 0;
        switch (c) {
        case '.': /* "Nov.28": an abbreviation takes its period instead (only the
                   * run's first dot is a candidate: linear on "a.b.c.d..." */
            ok = !(palpha && !dots && j - i > 1 && j - i <= 8 && tok_is_abbrev(s + i, j - i));
            dots = 1;
            break;
        case '-': case '_': case '@': ok = 1; break;
        case ',': /* 1,000 but not 1,2 */
            ok = pdig && ndig && j + 3 < e + 1 && s[j + 2] >= '0' && s[j + 2] <= '9' &&
                 s[j + 3] >= '0' && s[j + 3] <= '9' &&
                 (j + 4 >= e || !(s[j + 4] >= '0' && s[j + 4] <= '9'));
            break;
        case ':': ok = pdig && ndig; break;
        case '/': { /* "9/11", "11/28/2000", "l/c"; but "and / or", "3 / 4" */
            size_t lb = 0, la = 0;
            while (j - lb > i && (ucls_ascii[(unsigned char)s[j - lb - 1]] & UCLS_ALNUM)) lb++;
            while (j + 1 + la < e && (ucls_ascii[(unsigned char)s[j + 1 + la]] & UCLS_ALNUM)) la++;
            if (pdig && ndig) { /* dates, "9/11"; fractions and "2001/02" split */
                int more = (j + 1 + la < e && s[j + 1 + la] == '/') ||
                           (j - lb > i && s[j - lb - 1] == '/');
                ok = more || (lb <= 2 && la <= 2 && lb + la > 2);
            } else {
                ok = lb == 1 && la == 1;
            }
            break;
        }
        case '&': ok = palpha && nalpha; break;
        case '\'': case '`': ok = (palpha || pdig) && nalpha; break;
        default: ok = 0;
        }
        if (!ok) break;
        j++;
    }
    return j;
}

/* T1: an e-mail address starting at i: its end, or 0. */
static size_t match_email(const tk *t, size_t i, size_t e)
{
    const char *s = t->s;
    size_t j = i;
    while (j < e && ((cl(t, j) & UCLS_ALNUM) || s[j] == '.' || s[j] == '_' || s[j] == '-' ||
                     s[j] == '+' || s[j] == '%'))
        j++;
    if (j == i || j >= e || s[j] != '@') return 0;
    size_t d = ++j;
    int dots = 0;
    while (j < e && ((cl(t, j) & UCLS_ALNUM) || s[j] == '-' ||
                     (s[j] == '.' && j + 1 < e && (cl(t, j + 1) & UCLS_ALNUM)))) {
        if (s[j] == '.') dots++;
        j++;
    }
    return j > d && dots > 0 ? j : 0;
}

/* T1: a URL starting at i: its end (to the chunk end, less trailing punctuation). */
static size_t match_url(const tk *t, size_t i, size_t e)
{
    const char *s = t->s + i;
    size_t L = e - i;
    if (!(starts_ci(s, L, "http://") || starts_ci(s, L, "https://") ||
          starts_ci(s, L, "ftp://") || starts_ci(s, L, "mailto:") ||
          (starts_ci(s, L, "www.") && L > 5 && (cl(t, i + 4) & UCLS_ALNUM))))
        return 0;
    size_t j = e;
    int paren = memchr(s, '(', L) != NULL;
    while (j > i + 4) {
        char c = t->s[j - 1];
        if (strchr(".,;:!?\"'>]}", c) || (c == ')' && !paren)) j--;
        else break;
    }
    return j;
}

/* T7: emoticons, matched when nothing but punctuation or space follows. */
static const char *const emoticons[] = {
    ":-)", ":-(", ";-)", ":-D", ":-P", ":'(", "^_^", "^^", ":)", ":(", ";)", ":D", ":P",
    ":p", "=)", "(:", "<3", ":o", ":O", "XD", ":|", "=(", "):", ":/",
};

static size_t match_emoticon(const tk *t, size_t i, size_t e)
{
    for (size_t k = 0; k < sizeof emoticons / sizeof *emoticons; k++) {
        size_t L = strlen(emoticons[k]);
        if (i + L <= e && memcmp(t->s + i, emoticons[k], L) == 0 &&
            (i + L == e || !is_word_at(t, i + L, e))) {
            if (L == 2 && emoticons[k][0] == ':' && emoticons[k][1] == '/') continue;
            return i + L;
        }
    }
    return 0;
}

/* T8: a symbol (emoji) with what joins it. */
static size_t scan_symbol(const tk *t, size_t i, size_t e)
{
    size_t l;
    uint32_t cp = 0;
    utf8_decode((const unsigned char *)t->s + i, e - i, &cp);
    kind_at(t, i, &l);
    size_t j = i + l;
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF && j < e) { /* flag: two regional indicators */
        uint32_t c2 = 0;
        int n2 = utf8_decode((const unsigned char *)t->s + j, e - j, &c2);
        if (n2 > 0 && c2 >= 0x1F1E6 && c2 <= 0x1F1FF) j += (size_t)n2;
    }
    while (j < e) {
        int k = kind_at(t, j, &l);
        if (k == K_JOIN) {
            uint32_t c;
            utf8_decode((const unsigned char *)t->s + j, e - j, &c);
            j += l;
            if (c == 0x200D && j < e) { /* ZWJ sequence: take the next symbol */
                size_t l2;
                int k2 = kind_at(t, j, &l2);
                if (k2 == K_SYM) j += l2;
            }
            continue;
        }
        if (k == K_WORD && l > 1) { /* combining marks (keycaps) */
            uint32_t c;
            utf8_decode((const unsigned char *)t->s + j, e - j, &c);
            utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
            if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME) { j += l; continue; }
        }
        break;
    }
    return j;
}

/* T4b: an abbreviation's period that also ends the sentence is a token of its
 * own, as EWT has it ("etc" + "." before "In one sense"): at the end of the
 * text, before a line break, or before a word that typically opens a sentence. */
static int abbrev_ends_sentence(const tk *t, size_t a, size_t j)
{
    const char *s = t->s;
    if (tok_is_title(s + a, j - a)) return 0;
    size_t p = j + 1;
    if (p < t->n && !(ucls_ascii[(unsigned char)s[p]] & UCLS_WS)) return 0;
    while (p < t->n && (ucls_ascii[(unsigned char)s[p]] & UCLS_WS)) {
        if (s[p] == '\n') return 1;
        p++;
    }
    if (p >= t->n) return 1;
    size_t q = p;
    while (q < t->n && (ucls_ascii[(unsigned char)s[q]] & UCLS_ALPHA)) q++;
    if (q < t->n && s[q] == '.') q++; /* "Mr." */
    return tok_is_starter(s + p, q - p);
}

/* Cuts one chunk (no white space) s[a..e). */
static void chunk(tk *t, size_t a, size_t e)
{
    const char *s = t->s;
    size_t c0 = a;
    int has_at = memchr(s + a, '@', e - a) != NULL; /* e-mail candidates, once per chunk */
    while (a < e && !t->err) {
        size_t l, j;
        int k = kind_at(t, a, &l);
        unsigned char c = (unsigned char)s[a];
        if (k == K_WORD) {
            if ((j = match_url(t, a, e)) || (has_at && (j = match_email(t, a, e)))) { /* T1 */
                emit(t, a, j);
                a = j;
                continue;
            }
            j = scan_run(t, a, e);
            /* T4: abbreviation period, also after a hyphen ("R-Ariz.") */
            size_t ab = a;
            int took = 0;
            if (j < e && s[j] == '.' && !tok_is_abbrev(s + a, j - a)) {
                const char *h = memchr(s + a, '-', j - a), *h2;
                while (h && (h2 = memchr(h + 1, '-', (size_t)(s + j - h - 1))) != NULL) h = h2;
                if (h) ab = (size_t)(h - s) + 1;
            }
            if (j < e && s[j] == '.' &&
                (!(j + 1 < e && s[j + 1] == '.') || !(j + 2 < e && s[j + 2] == '.')) &&
                tok_is_abbrev(s + ab, j - ab)) {
                /* "No." only before a number */
                if ((!(j - ab == 2 && s[ab] == 'N' && s[ab + 1] == 'o') ||
                     (j + 1 == e && j + 2 < t->n && s[j + 2] >= '0' && s[j + 2] <= '9')) &&
                    !abbrev_ends_sentence(t, ab, j)) {
                    j++;
                    took = 1;
                }
            }
            /* T3b: a currency prefix glued to its number is one token: "US$4.5" */
            if (j + 1 < e && s[j] == '$' && s_digit(s[j + 1]) && j - a <= 2) {
                size_t q = a;
                while (q < j && (cl(t, q) & UCLS_UPPER)) q++;
                if (q == j) {
                    emit(t, a, j + 1);
                    a = j + 1;
                    continue;
                }
            }
            /* T6: possessive apostrophe after -s: "parents'" */
            int poss = 0;
            int inq = t->squote && t->doc->tokens.n + 1 - t->squote < 30;
            if (j < e && is_apos(s[j]) && !inq && j > a &&
                lower((unsigned char)s[j - 1]) == 's' && (j + 1 == e || !is_word_at(t, j + 1, e)) &&
                !(j + 1 < e && s[j + 1] == s[j]))
                poss = 1;
            if (took && ab == a) {
                emit(t, a, j); /* abbreviations have no clitics or hyphens to split */
            } else if (j - a == 4 && !poss && eq_ci(s + a, 4, "alot")) {
                emit(t, a, a + 1); /* two words run together, two tokens in EWT */
                emit(t, a + 1, j);
            } else {
                emit_run(t, a, j, poss);
            }
            a = j + (size_t)poss;
            continue;
        }
        if (k == K_SYM || k == K_JOIN) { /* T8 */
            j = scan_symbol(t, a, e);
            emit(t, a, j);
            a = j;
            continue;
        }
        if (k != K_PUNCT) { a += l; continue; } /* space inside a chunk: cannot happen */
        if (c >= 0x80) { /* non-ASCII punctuation: one character (+ marks) */
            j = a + l;
            while (j < e && kind_at(t, j, &l) == K_JOIN) j += l;
            emit(t, a, j);
            a = j;
            continue;
        }
        /* T1 URL starting with punctuation cannot happen; T2 mentions, hashtags */
        if ((c == '@' || c == '#') && a + 1 < e && is_word_at(t, a + 1, e) &&
            (a == c0 || !is_word_at(t, a - 1, e)) &&
            !s_digit(s[a + 1])) {
            j = a + 1;
            while (j < e && (is_word_at(t, j, e) || s[j] == '_')) {
                kind_at(t, j, &l);
                j += l;
            }
            emit(t, a, j);
            a = j;
            continue;
        }
        if ((j = match_emoticon(t, a, e)) && (a == c0 || !is_word_at(t, a - 1, e))) {
            emit(t, a, j);
            a = j;
            continue;
        }
        j = a + 1;
        if (c == '\'' && a == c0 && j < e) { /* T6c: a clitic set apart: "FERC 's" */
            size_t q = j;
            while (q < e && (cl(t, q) & UCLS_ALPHA)) q++;
            if ((q == e || !is_word_at(t, q, e)) &&
                (eq_ci(s + j, q - j, "s") || eq_ci(s + j, q - j, "m") || eq_ci(s + j, q - j, "d") ||
                 eq_ci(s + j, q - j, "ll") || eq_ci(s + j, q - j, "re") ||
                 eq_ci(s + j, q - j, "ve")) &&
                t->doc->tokens.n > 0 && (a == 0 || (cl(t, a - 1) & UCLS_SPACE))) {
                emit(t, a, q);
                a = q;
                continue;
            }
        }
        if ((c == '+' && j < e && s_digit(s[j]) && (a == c0 || !is_word_at(t, a - 1, e))) ||
            (c == '\'' && j + 1 < e && s_digit(s[j]) && s_digit(s[j + 1]) &&
             (j + 2 == e || !s_digit(s[j + 2])) && (a == c0 || !is_word_at(t, a - 1, e)))) {
            j = scan_run(t, j, e); /* "+44", "'72", "'90s" */
            emit(t, a, j);
            a = j;
            continue;
        }
        if (ucls_ascii[c] & UCLS_FINAL) { /* T7: . ! ? runs */
            while (j < e && (cl(t, j) & UCLS_FINAL)) j++;
            /* but an ellipsis is apart from the ? or ! after it: "..." "?" */
            size_t d = a;
            while (d < j && s[d] == '.') d++;
            if (d - a >= 3 && d < j) j = d;
        } else if (strchr("-*=+_~<>^|#`'$", c)) { /* T7: runs of one symbol */
            size_t lim = c == '\'' ? a + 2 : e; /* "''" is a quote, "'''" is "''" + "'" */
            while (j < e && j < lim && s[j] == (char)c) j++;
        }
        if (c == '\'' && j == a + 1)
            t->squote = (a == c0 || !is_word_at(t, a - 1, e)) && is_word_at(t, j, e)
                            ? t->doc->tokens.n + 1 : 0;
        emit(t, a, j);
        a = j;
    }
}

sitrep_status tok_run(sitrep_doc *doc)
{
    if (!doc->norm || !doc->norm_map) return SITREP_ERR_USAGE;
    tk t = { doc, doc->norm, doc->norm_len, doc->norm_map, 0, 0 };
    size_t first_tok = doc->tokens.n;
    if (vec_reserve(doc->tokens, doc->tokens.n + t.n / 5 + 16) ||
        vec_reserve(doc->words, doc->words.n + t.n / 5 + 16))
        return SITREP_ERR_NOMEM;
    size_t i = 0, l;
    while (i < t.n && !t.err) {
        unsigned char c = (unsigned char)t.s[i];
        if (ucls_ascii[c] & UCLS_WS) { i++; continue; }
        if (c >= 0x80 && kind_at(&t, i, &l) == K_SPACE) { i += l; continue; }
        size_t e = i;
        while (e < t.n) {
            unsigned char d = (unsigned char)t.s[e];
            if (d < 0x80) {
                if (ucls_ascii[d] & UCLS_WS) break;
                e++;
            } else {
                if (kind_at(&t, e, &l) == K_SPACE) break;
                e += l;
            }
        }
        chunk(&t, i, e);
        i = e;
    }
    if (t.err) return SITREP_ERR_NOMEM;
    /* space_after: a gap in the original text before the next token */
    sitrep_token *v = doc->tokens.v;
    for (size_t k = first_tok; k < doc->tokens.n; k++)
        v[k].space_after = k + 1 < doc->tokens.n ? v[k + 1].start > v[k].end
                                                  : 1;
    return SITREP_OK;
}
