/* sent.c — sentence splitting for news.
 *
 * Rules (the rule id is next to the code):
 *   S1  a blank line ends a sentence and a paragraph.
 *   S2  a single line break ends a sentence when the line reads as a heading,
 *       byline, dateline or list item: in a text whose lines are long (one
 *       paragraph per line), unless the line ends on a comma, hyphen or dash or
 *       the next one starts in lower case; in a hard-wrapped text (every line
 *       <= 100 bytes) only after a short line or before a list bullet.
 *   S3  a terminal (". ! ? ..." and runs of them, ". . .", an emoticon) ends a
 *       sentence after the closing quotes and brackets that follow it ("…," he
 *       said. / … it." He), unless the next token is , ; : ) % or starts in lower case
 *       after a closing mark ("Why?" he asked). Lower case right after the
 *       terminal is split: web text writes sentences in lower case.
 *   S4  an abbreviation's period (Mr., U.S., Jan., W.) ends a sentence only
 *       before a word that typically opens one ("The", "He", "But"…); a title
 *       (Mr., Gen., Dr., St.) never does.
 *   S5  a quotation opened inside a sentence ("He said: “… . … .”") is kept
 *       whole with it when its closing mark is found in the same paragraph; a
 *       quotation opening a sentence too when its attribution follows it
 *       ("“… . …,” said Duda."), else it is split as usual.
 *   S6  a list marker ("1.", "a.") alone does not make a sentence.
 *   S7  a dateline is a sentence of its own, as in EWT: "KYIV, March 13
 *       (Reuters) -", "WASHINGTON (AP) --", "NEW DELHI -".
 *   S8  a URL or e-mail address ends a sentence before another one or before a
 *       capital (signatures, lists of links: EWT).
 *   S9  no sentence is longer than 400 tokens (tables, lists without
 *       punctuation): the parser after us is not linear in sentence length.
 * Quote direction: curly marks say it; a straight '"' opens when it has a space
 * before and none after, closes in the opposite case, else alternates; a single
 * quote counts only when its side is clear. */
#include "sent.h"

#include <string.h>

#include "doc.h"
#include "tok.h"
#include "ucls_table.h"
#include "utf8.h"
#include <utf8proc.h>

enum { Q_NONE = 0, Q_OPEN = 1, Q_CLOSE = 2, Q_SOPEN = 4, Q_SCLOSE = 8 };
enum { QUOTE_MAX_TOKENS = 250, SENT_MAX_TOKENS = 400 };

typedef struct sp {
    sitrep_doc *doc;
    const sitrep_token *tk;
    size_t n;
    unsigned char *qdir;    /* per token: Q_* for double and single quotes */
    int wrapped;            /* hard-wrapped text */
    int blank_lines;        /* the text has blank lines */
} sp;

static const char *tnorm(const sp *p, size_t i)
{
    return p->doc->words.v[p->tk[i].word].norm;
}
static const char *tlast(const sp *p, size_t i)
{
    return p->doc->words.v[p->tk[i].word + p->tk[i].nwords - 1].norm;
}
static int is1(const sp *p, size_t i, const char *s)
{
    return p->tk[i].nwords == 1 && strcmp(tnorm(p, i), s) == 0;
}

/* newlines in the gap before token i (0 for the first token) */
static int gap_newlines(const sp *p, size_t i)
{
    if (i == 0) return 0;
    const unsigned char *x = (const unsigned char *)p->doc->text;
    int nl = 0;
    for (uint32_t k = p->tk[i - 1].end; k < p->tk[i].start; k++) {
        if (x[k] == '\n') nl++;
        else if (x[k] == 0xE2 && k + 2 < p->tk[i].start && x[k + 1] == 0x80 &&
                 (x[k + 2] == 0xA8 || x[k + 2] == 0xA9))
            nl += x[k + 2] == 0xA9 ? 2 : 1;
    }
    return nl;
}

/* all of . ! ?, or an emoticon (web text ends sentences with them) */
static int is_terminal(const sp *p, size_t i)
{
    if (p->tk[i].nwords != 1) return 0;
    const char *s = tnorm(p, i);
    if (!*s) return 0;
    if ((s[0] == ':' || s[0] == ';' || s[0] == '=') && s[1] &&
        (!strcmp(s + 1, ")") || !strcmp(s + 1, "-)") || !strcmp(s + 1, "D") ||
         !strcmp(s + 1, "(") || !strcmp(s + 1, "-(") || !strcmp(s + 1, "P")))
        return 1;
    for (; *s; s++)
        if (*s != '.' && *s != '!' && *s != '?') return 0;
    return 1;
}

/* "...", "…", ".." */
static int is_ellipsis(const sp *p, size_t i)
{
    const char *s = tnorm(p, i);
    return s[0] == '.' && s[1] == '.';
}

/* an abbreviation that took its period ("U.S.", "Mr.") */
static int is_abbrev_tok(const sp *p, size_t i)
{
    const char *s = tlast(p, i);
    size_t L = strlen(s);
    return L > 1 && s[L - 1] == '.' && ((unsigned char)s[L - 2] & 0x80 ||
                                         (ucls_ascii[(unsigned char)s[L - 2]] & UCLS_ALNUM));
}

/* first character of token i is lower case (the pronoun "i" excepted) */
static int starts_lower(const sp *p, size_t i)
{
    const unsigned char *s = (const unsigned char *)tnorm(p, i);
    if (s[0] < 0x80) {
        if (s[0] == 'i' && (s[1] == '\0' || s[1] == '\'')) return 0;
        return (ucls_ascii[s[0]] & UCLS_LOWER) != 0;
    }
    uint32_t cp;
    if (utf8_decode(s, strlen((const char *)s), &cp) < 0) return 0;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* token i continues a sentence: , ; : ) and the like (not "--": EWT starts
 * sentences with it) */
static int is_continuer(const sp *p, size_t i)
{
    const char *s = tnorm(p, i);
    if (p->tk[i].nwords != 1) return 0;
    return s[0] && s[1] == '\0' && strchr(",;:)]}%", s[0]);
}

static int is_single_quote_close(const sp *p, size_t i)
{
    /* "'" or "''" right after the previous token (no space before) */
    return p->tk[i].nwords == 1 && (is1(p, i, "'") || is1(p, i, "''")) && i > 0 &&
           p->tk[i - 1].end == p->tk[i].start;
}

/* closing quote or bracket that stays with the sentence before it (S3) */
static int is_closer(const sp *p, size_t i)
{
    if (p->qdir[i] == Q_CLOSE || p->qdir[i] == Q_SCLOSE) return 1;
    if (p->tk[i].nwords != 1) return 0;
    if (is1(p, i, ")") || is1(p, i, "]") || is1(p, i, "}")) return 1;
    return is_single_quote_close(p, i);
}

/* Quote direction of every quote token (see the header comment). Single
 * quotes count only when their side is clear: ‘ opens, a lone ’ closes, a
 * straight ' opens with a space before and none after, and the reverse. */
static void quote_dirs(sp *p)
{
    const char *x = p->doc->text;
    int open = 0;
    for (size_t i = 0; i < p->n; i++) {
        p->qdir[i] = Q_NONE;
        if (gap_newlines(p, i) >= 2) open = 0;
        const unsigned char *o = (const unsigned char *)x + p->tk[i].start;
        if (is1(p, i, "'")) {
            int sb = i == 0 || p->tk[i - 1].end < p->tk[i].start;
            int sa = i + 1 == p->n || p->tk[i].space_after;
            if (o[0] == 0xE2 && o[1] == 0x80 && o[2] == 0x98) p->qdir[i] = Q_SOPEN;
            else if (o[0] == 0xE2 && o[1] == 0x80 && o[2] == 0x99) p->qdir[i] = Q_SCLOSE;
            else if (sb && !sa) p->qdir[i] = Q_SOPEN;
            else if (!sb && sa) p->qdir[i] = Q_SCLOSE;
            continue;
        }
        if (!is1(p, i, "\"")) continue;
        int d;
        if (o[0] == 0xE2 && o[1] == 0x80 && (o[2] == 0x9C || o[2] == 0x9E)) d = Q_OPEN;
        else if (o[0] == 0xE2 && o[1] == 0x80 && o[2] == 0x9D) d = Q_CLOSE;
        else if (o[0] == 0xC2 && o[1] == 0xAB) d = Q_OPEN;
        else if (o[0] == 0xC2 && o[1] == 0xBB) d = Q_CLOSE;
        else {
            int sb = i == 0 || p->tk[i - 1].end < p->tk[i].start;
            int sa = i + 1 == p->n || p->tk[i].space_after;
            if (sb && !sa) d = Q_OPEN;
            else if (!sb && sa) d = Q_CLOSE;
            else d = open ? Q_CLOSE : Q_OPEN;
        }
        p->qdir[i] = (unsigned char)d;
        open = d == Q_OPEN;
    }
}

/* S5: index of the closing quote of the quote opened at q, or 0. */
static size_t quote_end(const sp *p, size_t q)
{
    int open = p->qdir[q], close = open == Q_OPEN ? Q_CLOSE : Q_SCLOSE;
    for (size_t k = q + 1; k < p->n && k < q + QUOTE_MAX_TOKENS; k++) {
        if (gap_newlines(p, k) >= 2) return 0;
        if (p->qdir[k] == close) return k;
        if (p->qdir[k] == open) return 0;
    }
    return 0;
}

/* S5: after the closing quote q: ", said Duda", "," he added", "," Baloch wrote" */
static const char *const speech_verbs[] = {
    "said", "says", "told", "added", "asked", "wrote", "stated", "explained", "continued",
    "insisted", "warned", "replied", "announced", "declared", "noted", "tweeted",
};

static int is_speech_verb(const sp *p, size_t i)
{
    const char *w = tnorm(p, i);
    for (size_t k = 0; k < sizeof speech_verbs / sizeof *speech_verbs; k++)
        if (!strcmp(w, speech_verbs[k])) return 1;
    return 0;
}

static int attribution_follows(const sp *p, size_t q)
{
    if (q < 2 || q + 1 >= p->n || !is1(p, q - 1, ",") || gap_newlines(p, q + 1) > 0) return 0;
    if (starts_lower(p, q + 1)) return 1;
    for (size_t k = q + 2; k < p->n && k <= q + 4; k++)
        if (is_speech_verb(p, k)) return 1;
    return 0;
}

/* Layout of the text: hard-wrapped? blank lines? */
static void layout(sp *p)
{
    const char *x = p->doc->text;
    size_t len = p->doc->len, ls = 0, maxl = 0, longl = 0, nlines = 0;
    p->blank_lines = 0;
    for (size_t k = 0; k <= len; k++) {
        if (k == len || x[k] == '\n') {
            size_t L = k - ls;
            if (L > maxl) maxl = L;
            if (L > 40) longl++;
            int blank = 1;
            for (size_t q = ls; q < k; q++)
                if (x[q] != ' ' && x[q] != '\t' && x[q] != '\r') { blank = 0; break; }
            if (blank && k < len && nlines > 0) p->blank_lines = 1;
            nlines++;
            ls = k + 1;
        }
    }
    p->wrapped = maxl <= 100 && longl >= 3;
}

/* a list bullet at token i ("-", "*", "•", "1.", "a)") */
static int is_bullet(const sp *p, size_t i)
{
    const char *s = tnorm(p, i);
    if (p->tk[i].nwords != 1) return 0;
    if (!strcmp(s, "-") || !strcmp(s, "*") || !strcmp(s, "--") || !strcmp(s, "\xE2\x80\xA2") ||
        !strcmp(s, "\xC2\xB7"))
        return 1;
    if (i + 1 < p->n && (is1(p, i + 1, ".") || is1(p, i + 1, ")"))) {
        size_t L = strlen(s);
        int digits = 1;
        for (size_t k = 0; k < L; k++)
            if (s[k] < '0' || s[k] > '9') digits = 0;
        return (digits && L <= 2) || (L == 1 && (ucls_ascii[(unsigned char)s[0]] & UCLS_ALPHA));
    }
    return 0;
}

/* S2: does the single line break before token i end the sentence? */
static int line_break_splits(const sp *p, size_t i, size_t start)
{
    if (is_bullet(p, i)) return 1;
    const char *prev = tlast(p, i - 1);
    if (p->wrapped) {
        /* the previous line's length */
        const char *x = p->doc->text;
        size_t e = p->tk[i - 1].end, b = e;
        while (b > 0 && x[b - 1] != '\n') b--;
        return e - b < 40 && i - start <= 12;
    }
    if (!strcmp(prev, ",") || !strcmp(prev, "-") || !strcmp(prev, "--") ||
        !strcmp(prev, "&") || !strcmp(prev, "("))
        return 0;
    if (starts_lower(p, i)) return 0;
    return 1;
}

/* first character an upper-case letter */
static int starts_upper(const sp *p, size_t i)
{
    const unsigned char *s = (const unsigned char *)tnorm(p, i);
    if (s[0] < 0x80) return (ucls_ascii[s[0]] & UCLS_UPPER) != 0;
    uint32_t cp;
    if (utf8_decode(s, strlen((const char *)s), &cp) < 0) return 0;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* a URL or an e-mail address */
static int is_url(const sp *p, size_t i)
{
    const char *s = tnorm(p, i), *at;
    if (strncmp(s, "http", 4) == 0 || strncmp(s, "www.", 4) == 0) return 1;
    return (at = strchr(s, '@')) != NULL && at > s && strchr(at, '.') != NULL;
}

/* S7: the dash that ends a dateline: "KYIV, March 13 (Reuters) -",
 * "WASHINGTON (AP) --", "LONDON -" at the start of a sentence */
static int is_dateline_dash(const sp *p, size_t start, size_t i)
{
    if (!(is1(p, i, "-") || is1(p, i, "--")) || i == start || i - start > 12) return 0;
    if (!p->tk[i].space_after || !p->tk[i - 1].space_after) return 0; /* "A--B", "3-" */
    size_t caps = 0;
    for (size_t k = start; k < i; k++) { /* leading words in capitals: the place */
        const char *f = tnorm(p, k);
        size_t L = strlen(f), c = 0;
        for (size_t q = 0; q < L; q++) {
            if (ucls_ascii[(unsigned char)f[q]] & UCLS_LOWER) { c = 0; break; }
            if (ucls_ascii[(unsigned char)f[q]] & UCLS_UPPER) c++;
        }
        if (c < 2) break;
        caps += c;
    }
    if (caps < 4) return 0;
    const char *f = tnorm(p, start);
    if (!strcmp(f, "NOTE") || !strcmp(f, "UPDATE") || !strcmp(f, "ATTN") || !strcmp(f, "FYI"))
        return 0;
    for (size_t k = start + 1; k < i; k++) {
        const char *w = tnorm(p, k);
        if (!(starts_upper(p, k) || (w[0] >= '0' && w[0] <= '9') || !strcmp(w, ",") ||
              !strcmp(w, "(") || !strcmp(w, ")") || !strcmp(w, ".")))
            return 0;
    }
    return i + 1 < p->n && !starts_lower(p, i + 1);
}

/* S3, S4, S6, S7, S8: after the candidate token i (and the closers up to j),
 * does a sentence start at j? */
static int split_before(const sp *p, size_t start, size_t i, size_t j, int term, int abbr,
                        int url)
{
    int nl = gap_newlines(p, j);
    if (nl >= 1) return nl == 1; /* the line ends here (a blank line is S1's) */
    if (is_continuer(p, j)) return 0;                                    /* S3 */
    /* S3: lower case goes on, but right after . ! ? web text starts
     * sentences in lower case (EWT train +0.5 F1) */
    if (starts_lower(p, j) && !url &&
        !(term && is_terminal(p, j - 1) && !is_ellipsis(p, j - 1)))
        return 0;
    if (abbr) {                                                          /* S4 */
        const char *w = tlast(p, i), *nx = tnorm(p, j);
        if (tok_is_title(w, strlen(w) - 1)) return 0;
        if (!tok_is_starter(nx, strlen(nx)) && p->qdir[j] != Q_OPEN && p->qdir[j] != Q_SOPEN)
            return 0;
    }
    if (term && i == start + 1 && is_bullet(p, start)) return 0;        /* S6 */
    return 1;
}

static int push_sentence(sp *p, size_t a, size_t b, int par)
{
    if (b <= a) return 0;
    sitrep_sentence *s = vec_push(p->doc->sentences);
    if (!s) return -1;
    s->start = p->tk[a].start;
    s->end = p->tk[b - 1].end;
    s->token = (uint32_t)a;
    s->ntokens = (uint32_t)(b - a);
    s->word = p->tk[a].word;
    s->nwords = p->tk[b - 1].word + p->tk[b - 1].nwords - p->tk[a].word;
    s->par_start = (uint8_t)par;
    return 0;
}

sitrep_status sent_run(sitrep_doc *doc)
{
    sp p = { doc, doc->tokens.v, doc->tokens.n, NULL, 0, 0 };
    doc->sentences.n = 0;
    if (p.n == 0) return SITREP_OK;
    p.qdir = arena_alloc(&doc->mem, p.n);
    if (!p.qdir) return SITREP_ERR_NOMEM;
    if (vec_reserve(doc->sentences, p.n / 12 + 4)) return SITREP_ERR_NOMEM;
    quote_dirs(&p);
    layout(&p);

    size_t start = 0, hold = 0; /* hold: no S3 split before this token (S5) */
    int par = 1;
    for (size_t i = 0; i < p.n; i++) {
        if (i > start) {
            int nl = gap_newlines(&p, i);
            if (nl >= 2 || (nl == 1 && i >= hold && line_break_splits(&p, i, start))) { /* S1, S2 */
                if (push_sentence(&p, start, i, par)) return SITREP_ERR_NOMEM;
                start = i;
                par = nl >= 2 || !p.blank_lines;
                hold = 0;
            } else if (i - start >= SENT_MAX_TOKENS) { /* S9 */
                if (push_sentence(&p, start, i, par)) return SITREP_ERR_NOMEM;
                start = i;
                par = 0;
                hold = 0;
            }
        }
        if ((p.qdir[i] == Q_OPEN || p.qdir[i] == Q_SOPEN) && i >= hold) { /* S5 */
            size_t q = quote_end(&p, i);
            /* opening the sentence: held only when an attribution follows the
             * quotation ("… . …," said Duda.) */
            if (q && (i > start || attribution_follows(&p, q))) hold = q;
        }
        int term = is_terminal(&p, i);
        int abbr = !term && is_abbrev_tok(&p, i);
        int url = !term && !abbr && i + 1 < p.n && is_url(&p, i) &&                /* S8 */
                  (is_url(&p, i + 1) || starts_upper(&p, i + 1));
        int dl = !term && !abbr && !url && is_dateline_dash(&p, start, i);            /* S7 */
        if (!term && !abbr && !url && !dl) continue;
        size_t j = i + 1;
        if (term) /* S3: closing quotes and brackets; ". . ." */
            while (j < p.n && gap_newlines(&p, j) == 0 &&
                   (is_closer(&p, j) || is_terminal(&p, j)))
                j++;
        if (j < p.n && j > hold && split_before(&p, start, i, j, term, abbr, url)) {
            if (push_sentence(&p, start, j, par)) return SITREP_ERR_NOMEM;
            start = j;
            par = gap_newlines(&p, j) == 1 && !p.blank_lines;
        }
        i = j - 1; /* the tokens taken up to j are decided: linear on ". . . . ." */
    }
    if (push_sentence(&p, start, p.n, par)) return SITREP_ERR_NOMEM;
    return SITREP_OK;
}
