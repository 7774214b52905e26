/* html.c — article text from HTML with gumbo.
 *
 * Two iterative walks over gumbo's tree (no recursion: pages nest thousands of
 * levels deep in the wild and in fuzzers): the first collects metadata and
 * picks the subtree holding the article; the second writes that subtree's
 * text. Text is emitted through a tiny state machine: a pending space (white
 * space seen since the last character) and a pending break (1 = line break,
 * 2 = blank line between blocks), so inline elements join exactly as a browser
 * would lay them out and blocks never get empty lines or trailing blanks. */
#include "html.h"

#include <gumbo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ element classes */

enum { EL_INLINE = 0, EL_DROP, EL_BLOCK, EL_PRE, EL_BR };

static int el_class(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_MENU:
        return EL_DROP;
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP:
        return EL_PRE;
    case GUMBO_TAG_BR:
        return EL_BR;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_P: case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND:
        return EL_BLOCK;
    default:
        return EL_INLINE;
    }
}

static int node_dropped(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_TEMPLATE || n->type == GUMBO_NODE_COMMENT) return 1;
    if (n->type != GUMBO_NODE_ELEMENT) return 0;
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return 1; /* svg, math */
    return el_class(n->v.element.tag) == EL_DROP;
}

/* ------------------------------------------------------------ tree walking */

/* An explicit DFS stack: node and the index of its next child. */
typedef struct walk {
    struct frame { const GumboNode *node; unsigned next; } *v;
    size_t n, cap;
} walk;

static int walk_push(walk *w, const GumboNode *node)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap + w->cap / 2 : 64;
        void *v = realloc(w->v, cap * sizeof *w->v);
        if (!v) return -1;
        w->v = v;
        w->cap = cap;
    }
    w->v[w->n].node = node;
    w->v[w->n].next = 0;
    w->n++;
    return 0;
}

static const GumboVector *children(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    return NULL;
}

/* ------------------------------------------------------------ output buffer */

typedef struct out {
    char *s;
    size_t len, cap;
    int oom;
    int pend_space, pend_break;
} out;

static int out_grow(out *o, size_t add)
{
    if (o->oom) return -1;
    if (o->len + add + 1 <= o->cap) return 0;
    size_t cap = o->cap ? o->cap : 256;
    while (cap < o->len + add + 1) {
        if (cap > SIZE_MAX / 2) { o->oom = 1; return -1; }
        cap += cap / 2 + 16;
    }
    char *s = realloc(o->s, cap);
    if (!s) { o->oom = 1; return -1; }
    o->s = s;
    o->cap = cap;
    return 0;
}

static void out_raw(out *o, const char *s, size_t n)
{
    if (out_grow(o, n) < 0) return;
    memcpy(o->s + o->len, s, n);
    o->len += n;
}

/* Writes the pending separator before the next visible character. */
static void out_sep(out *o)
{
    if (o->len == 0) { o->pend_break = o->pend_space = 0; return; }
    if (o->pend_break) out_raw(o, o->pend_break == 2 ? "\n\n" : "\n", (size_t)o->pend_break);
    else if (o->pend_space) out_raw(o, " ", 1);
    o->pend_break = o->pend_space = 0;
}

static void out_break(out *o, int kind)
{
    if (kind > o->pend_break) o->pend_break = kind;
    o->pend_space = 0;
}

/* Appends text with HTML white-space collapsing; U+00A0 counts as white space. */
static void out_text(out *o, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            o->pend_space = 1; i++; continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            o->pend_space = 1; i += 2; continue;
        }
        size_t j = i + 1;
        while (j < n) {
            unsigned char d = (unsigned char)s[j];
            if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == 0xC2) break;
            j++;
        }
        if (o->pend_break || o->pend_space || o->len == 0) out_sep(o);
        out_raw(o, s + i, j - i);
        i = j;
    }
}

/* Pre-formatted text: kept as is (CR LF and CR become LF). */
static void out_pre(out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r') { if (i + 1 < n && s[i + 1] == '\n') continue; c = '\n'; }
        if (o->pend_break || o->pend_space) out_sep(o);
        out_raw(o, &c, 1);
    }
}

/* ------------------------------------------------------------ metadata */

static const char *attr(const GumboNode *n, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* NUL-terminated copy with white space collapsed and trimmed; NULL when empty. */
static char *collapse_dup(const char *s, size_t n, int *oom)
{
    out o = { 0 };
    out_text(&o, s, n);
    if (o.oom) { free(o.s); *oom = 1; return NULL; }
    if (o.len == 0) { free(o.s); return NULL; }
    o.s[o.len] = '\0';
    return o.s;
}

static int ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return 0;
    }
    return *a == *b;
}

/* rel is a space-separated token list: is "canonical" among them? */
static int rel_has_canonical(const char *rel)
{
    const char *p = rel;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != '\t' && *q != '\n') q++;
        if (q - p == 9) {
            char tok[10];
            memcpy(tok, p, 9);
            tok[9] = '\0';
            if (ascii_ieq(tok, "canonical")) return 1;
        }
        p = q;
    }
    return 0;
}

typedef struct meta {
    const char *og_title, *og_url, *published, *canonical;
    const GumboNode *title;
} meta;

static void meta_element(meta *m, const GumboNode *n)
{
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_META) {
        const char *prop = attr(n, "property");
        if (!prop) prop = attr(n, "name");
        const char *content = attr(n, "content");
        if (!prop || !content) return;
        if (!m->og_title && ascii_ieq(prop, "og:title")) m->og_title = content;
        else if (!m->og_url && ascii_ieq(prop, "og:url")) m->og_url = content;
        else if (!m->published && ascii_ieq(prop, "article:published_time")) m->published = content;
    } else if (t == GUMBO_TAG_LINK) {
        const char *rel = attr(n, "rel"), *href = attr(n, "href");
        if (!m->canonical && rel && href && rel_has_canonical(rel)) m->canonical = href;
    } else if (t == GUMBO_TAG_TITLE && !m->title) {
        m->title = n;
    }
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* ------------------------------------------------------------ depth guard */

/* gumbo's tree builder scans the stack of open elements for many start tags,
 * so its time grows with (tags x nesting depth): 20,000 nested <div>s take
 * 8 s. A cheap tag scan bounds the depth first: it estimates nesting (start
 * tags minus end tags, ignoring void elements, elements with optional end tags
 * and raw-text contents) and, only when the estimate passes HTML_MAX_DEPTH,
 * writes a copy without the start tags beyond the limit (and as many end tags
 * after them). Real pages nest a few dozen levels; only pathological input is
 * ever rewritten, and its text is kept. */
enum { HTML_MAX_DEPTH = 512 };

static int name_in(const char *name, size_t n, const char *const *set)
{
    for (; *set; set++)
        if (strlen(*set) == n && strncmp(*set, name, n) == 0) return 1;
    return 0;
}

static const char *const void_tags[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "image", "basefont", "bgsound", "frame", "isindex",
    "menuitem", NULL };
static const char *const raw_text_tags[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", NULL };
/* start tags that close an open <p> in button scope */
static const char *const p_closers[] = {
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
    "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main",
    "menu", "nav", "ol", "p", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5",
    "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext", "table", "hr", NULL };
static const char *const scope_stops[] = {
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
    "button", "ul", "ol", "dl", "select", NULL };
/* the "special" category, minus address/div/p: where li/dd/dt stop looking */
static const char *const special_stops[] = {
    "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote",
    "body", "br", "button", "caption", "center", "col", "colgroup", "details", "dir",
    "dl", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
    "html", "iframe", "img", "input", "keygen", "listing", "main", "marquee", "menu",
    "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "param",
    "plaintext", "pre", "script", "section", "select", "source", "style", "summary",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
    "tr", "track", "ul", "wbr", "xmp", NULL };
/* elements that put a marker in the list of active formatting elements */
static const char *const marker_tags[] = {
    "applet", "marquee", "object", "template", "td", "th", "caption", NULL };
/* formatting elements: reopened by the tree builder after implied closings */
static const char *const formatting_tags[] = {
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
    "tt", "u", NULL };
/* HTML start tags that break out of svg/math content */
static const char *const breakout[] = {
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
    "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
    "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
    "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font", NULL };

static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The tree builder's stack of open elements, estimated. */
typedef struct est {
    char name[HTML_MAX_DEPTH][16];
    unsigned char len[HTML_MAX_DEPTH];
    unsigned char foreign[HTML_MAX_DEPTH];  /* inside svg/math */
    unsigned char flags[HTML_MAX_DEPTH];    /* ST_* of the element */
    size_t depth;
} est;

/* what an open element stops, found once when it is pushed */
enum { ST_SCOPE = 1, ST_TABLE = 2, ST_TR = 4, ST_CELLCAP = 8, ST_SPECIAL = 16, ST_MARKER = 32, ST_FORMAT = 64, ST_TEMPLATE = 128 };

static unsigned stop_flags(const char *nm, size_t nl)
{
    unsigned f = name_in(nm, nl, scope_stops) ? ST_SCOPE : 0;
    if (name_in(nm, nl, special_stops)) f |= ST_SPECIAL;
    if (name_in(nm, nl, marker_tags)) f |= ST_MARKER;
    if (name_in(nm, nl, formatting_tags)) f |= ST_FORMAT;
    if (nl == 8 && memcmp(nm, "template", 8) == 0) f |= ST_TEMPLATE;
    if (nl == 5 && memcmp(nm, "table", 5) == 0) f |= ST_TABLE;
    if (nl == 2 && memcmp(nm, "tr", 2) == 0) f |= ST_TR;
    if ((nl == 2 && (memcmp(nm, "td", 2) == 0 || memcmp(nm, "th", 2) == 0)) ||
        (nl == 7 && memcmp(nm, "caption", 7) == 0))
        f |= ST_CELLCAP;
    return f;
}

static int est_is(const est *e, size_t i, const char *name, size_t n)
{
    return e->len[i] == n && memcmp(e->name[i], name, n) == 0;
}

/* Index + 1 of the nearest open element named a or b (b may be NULL), looking
 * down the stack no further than an element with one of the `stops` flags;
 * 0 when none. */
static size_t est_find(const est *e, const char *a, const char *b, unsigned stops)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    for (size_t d = e->depth; d > 0; d--) {
        if (e->foreign[d - 1]) return 0;
        if (est_is(e, d - 1, a, la) || (b && est_is(e, d - 1, b, lb))) return d;
        if (e->flags[d - 1] & stops) return 0;
    }
    return 0;
}

/* Closes the open elements from index k up, as implied end tags do. The
 * formatting elements among them stay (the tree builder reopens them at the
 * next start tag or text), except those above a closed marker element. */
static void est_pop_to(est *e, size_t k)
{
    size_t top = e->depth, m = top, w = k;
    for (size_t i = k; i < top; i++)
        if (e->flags[i] & ST_MARKER) m = i;
    for (size_t i = k; i < top; i++) {
        if (!(e->flags[i] & ST_FORMAT) || (m < top && i > m)) continue;
        if (w != i) {
            memcpy(e->name[w], e->name[i], e->len[i]);
            e->len[w] = e->len[i];
            e->foreign[w] = e->foreign[i];
            e->flags[w] = e->flags[i];
        }
        w++;
    }
    e->depth = w;
}

/* Removes the element at index i alone (the adoption agency closes a
 * formatting element and keeps what was opened inside it). */
static void est_remove(est *e, size_t i)
{
    for (; i + 1 < e->depth; i++) {
        memcpy(e->name[i], e->name[i + 1], e->len[i + 1]);
        e->len[i] = e->len[i + 1];
        e->foreign[i] = e->foreign[i + 1];
        e->flags[i] = e->flags[i + 1];
    }
    e->depth--;
}

/* est_find, only when a <table> is open below the match (cells and rows
 * outside tables are ignored by the tree builder: nothing is closed). */
static size_t est_find_in_table(const est *e, const char *a, const char *b, unsigned stops)
{
    size_t k = est_find(e, a, b, stops);
    for (size_t d = k ? k - 1 : 0; d > 0; d--) {
        if (e->flags[d - 1] & ST_TABLE) return k;
        if (e->flags[d - 1] & ST_TEMPLATE) return 0;
    }
    return 0;
}

/* Applies a start tag's implied closings to the estimate. Returns 0 when the
 * tag opens nothing (ignored by the tree builder). */
static int est_start(est *e, const char *nm, size_t nl)
{
    size_t k;
    if (e->depth && e->foreign[e->depth - 1]) {
        if (!name_in(nm, nl, breakout)) return 1;
        while (e->depth && e->foreign[e->depth - 1]) e->depth--;
    }
#define IS(lit) (nl == sizeof lit - 1 && memcmp(nm, lit, nl) == 0)
    /* inside <select> almost every start tag is ignored; <select> closes it */
    if ((k = est_find(e, "select", NULL, 0))) {
        if (IS("select")) { est_pop_to(e, k - 1); return 0; }
        if (IS("input") || IS("keygen") || IS("textarea")) est_pop_to(e, k - 1);
        else if (!IS("option") && !IS("optgroup") && !IS("template") && !IS("script")) return 0;
    }
    if (name_in(nm, nl, p_closers) && (k = est_find(e, "p", NULL, ST_SCOPE))) est_pop_to(e, k - 1);
    if (IS("li") && (k = est_find(e, "li", NULL, ST_SPECIAL))) est_pop_to(e, k - 1);
    if ((IS("dd") || IS("dt")) && (k = est_find(e, "dd", "dt", ST_SPECIAL))) est_pop_to(e, k - 1);
    if ((IS("td") || IS("th")) && (k = est_find_in_table(e, "td", "th", ST_TABLE | ST_TR | ST_TEMPLATE)))
        est_pop_to(e, k - 1);
    if (IS("tr") && (k = est_find_in_table(e, "tr", NULL, ST_TABLE | ST_TEMPLATE))) est_pop_to(e, k - 1);
    if (IS("table") && (k = est_find(e, "table", NULL, ST_CELLCAP | ST_TEMPLATE))) est_pop_to(e, k - 1);
    if ((IS("a") || IS("nobr")) && (k = est_find(e, IS("a") ? "a" : "nobr", NULL, ST_MARKER)))
        est_remove(e, k - 1);
    if (IS("button") && (k = est_find(e, "button", NULL, ST_SCOPE))) est_pop_to(e, k - 1);
    /* a nested <form> is ignored, except inside <template>: assume it opens */
    if ((IS("option") || IS("optgroup")) && e->depth && est_is(e, e->depth - 1, "option", 6))
        e->depth--;
    if (IS("optgroup") && e->depth && est_is(e, e->depth - 1, "optgroup", 8)) e->depth--;
    if ((IS("rb") || IS("rt") || IS("rp") || IS("rtc")) && (k = est_find(e, "ruby", NULL, ST_SCOPE)))
        est_pop_to(e, k);
    if (nl == 2 && nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && e->depth) {
        const char *t = e->name[e->depth - 1];
        if (e->len[e->depth - 1] == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') e->depth--;
    }
#undef IS
    return 1;
}

/* Scans s; with o != NULL writes it without the tags beyond the limit.
 * Returns the largest depth estimate seen (HTML_MAX_DEPTH + 1 when a tag had
 * to be dropped). The estimate follows the tree builder's main rules (implied
 * end tags of p/li/dd/dt/td/tr/option/ruby parts, end tags pop to their match
 * and are ignored without one, svg/math content); where it is unsure it errs
 * towards deeper, so the limit holds for gumbo's real stack. */
static size_t depth_scan(const char *s, size_t n, out *o)
{
    est *e = malloc(sizeof *e); /* 9 KB: per call, thread-safe */
    if (!e) { if (o) o->oom = 1; return HTML_MAX_DEPTH + 1; }
    e->depth = 0;
    size_t maxd = 0, excess = 0, i = 0, copied = 0;
    char name[16];
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        size_t tag = i;
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            const char *c = NULL;
            for (size_t k = i + 4; k + 2 < n; k++)
                if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>') { c = s + k + 3; break; }
            i = c ? (size_t)(c - s) : n;
            continue;
        }
        int end = i + 1 < n && s[i + 1] == '/';
        size_t k = i + 1 + (size_t)end;
        if (k >= n || !is_alpha((unsigned char)s[k])) { i++; continue; }
        size_t nl = 0;
        while (k < n && s[k] != '>' && s[k] != '/' && s[k] != ' ' && s[k] != '\t' &&
               s[k] != '\n' && s[k] != '\r' && s[k] != '\f') {
            if (nl < sizeof name) name[nl] = (char)(is_alpha((unsigned char)s[k]) ? s[k] | 0x20 : s[k]);
            nl++;
            k++;
        }
        if (nl > sizeof name) nl = sizeof name; /* long names: never in the sets */
        /* to the end of the tag; quotes count only as attribute values */
        int after_eq = 0, self_close = 0;
        while (k < n && s[k] != '>') {
            char c = s[k];
            if ((c == '"' || c == '\'') && after_eq) {
                const char *q = memchr(s + k + 1, c, n - k - 1);
                k = q ? (size_t)(q - s) + 1 : n;
                after_eq = 0;
                continue;
            }
            if (c == '=') after_eq = 1;
            else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') after_eq = 0;
            self_close = c == '/';
            k++;
        }
        size_t tag_end = k < n ? k + 1 : n;
        int drop = 0;
        int foreign = e->depth && e->foreign[e->depth - 1];
        if (end) {
            if (excess) {
                excess--;
                drop = 1;
            } else {
                size_t d = e->depth;
                while (d > 0 && !est_is(e, d - 1, name, nl)) d--;
                /* formatting end tags (adoption agency) and </form> take
                 * their element alone off the stack */
                if (d > 0 && ((e->flags[d - 1] & ST_FORMAT) ||
                              (nl == 4 && memcmp(name, "form", 4) == 0)))
                    est_remove(e, d - 1);
                else if (d > 0) est_pop_to(e, d - 1);
            }
        } else if (!foreign && name_in(name, nl, raw_text_tags)) {
            /* skip the raw text to its end tag */
            size_t j = tag_end;
            for (; j + 2 + nl <= n; j++) {
                if (s[j] != '<' || s[j + 1] != '/') continue;
                size_t m = 0;
                while (m < nl && (char)(s[j + 2 + m] | 0x20) == name[m]) m++;
                if (m == nl) break;
            }
            tag_end = j + 2 + nl <= n ? j : n;
        } else {
            int opens = est_start(e, name, nl); /* may leave svg/math content */
            foreign = e->depth && e->foreign[e->depth - 1];
            int svgmath = (nl == 3 && memcmp(name, "svg", 3) == 0) ||
                          (nl == 4 && memcmp(name, "math", 4) == 0);
            /* void elements and html/head/body open nothing, in HTML content
             * only; in svg/math every element nests unless self-closed */
            int opens_nothing = !opens || ((foreign || svgmath) && self_close) ||
                (!foreign && !svgmath &&
                 (name_in(name, nl, void_tags) ||
                  (nl == 4 && (memcmp(name, "html", 4) == 0 || memcmp(name, "head", 4) == 0 ||
                               memcmp(name, "body", 4) == 0))));
            if (opens_nothing) {
                /* nothing to count */
            } else if (e->depth >= HTML_MAX_DEPTH) {
                excess++;
                drop = 1;
                maxd = HTML_MAX_DEPTH + 1;
            } else {
                memcpy(e->name[e->depth], name, nl);
                e->len[e->depth] = (unsigned char)nl;
                e->foreign[e->depth] = (unsigned char)(foreign || svgmath);
                e->flags[e->depth] = (unsigned char)stop_flags(name, nl);
                if (++e->depth > maxd) maxd = e->depth;
            }
        }
        if (drop && o) {
            out_raw(o, s + copied, tag - copied);
            copied = tag_end;
        }
        i = tag_end;
    }
    if (o) out_raw(o, s + copied, n - copied);
    free(e);
    return maxd;
}

/* ------------------------------------------------------------ extraction */

/* Writes the text of the subtree at root into o. */
static int emit_subtree(walk *w, const GumboNode *root, out *o)
{
    int pre = 0;
    w->n = 0;
    if (walk_push(w, root) < 0) return -1;
    /* entering root */
    while (w->n) {
        struct frame *f = &w->v[w->n - 1];
        const GumboNode *n = f->node;
        const GumboVector *ch = children(n);
        if (f->next == 0) {
            /* first visit */
            if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
                n->type == GUMBO_NODE_WHITESPACE) {
                const char *s = n->v.text.text;
                size_t len = strlen(s);
                if (pre) out_pre(o, s, len);
                else out_text(o, s, len);
                w->n--;
                continue;
            }
            if (n != root && node_dropped(n)) { w->n--; continue; }
            if (n->type == GUMBO_NODE_ELEMENT) {
                int c = el_class(n->v.element.tag);
                if (c == EL_BR) out_break(o, 1);
                else if (c == EL_BLOCK || c == EL_PRE) out_break(o, 2);
                if (c == EL_PRE) pre++;
            }
        }
        if (ch && f->next < ch->length) {
            const GumboNode *c = ch->data[f->next++];
            if (walk_push(w, c) < 0) return -1;
            continue;
        }
        /* leaving n */
        if (n->type == GUMBO_NODE_ELEMENT) {
            int c = el_class(n->v.element.tag);
            if (c == EL_BLOCK || c == EL_PRE) out_break(o, 2);
            if (c == EL_PRE) pre--;
        }
        if (f->next == 0 && ch && ch->length == 0) { /* empty element: nothing more */ }
        w->n--;
    }
    return o->oom ? -1 : 0;
}

/* Collects metadata and picks the article root. */
static int survey(walk *w, const GumboNode *doc, meta *m, const GumboNode **pick)
{
    const GumboNode *best = NULL, *main_el = NULL, *body = NULL, *cur = NULL;
    size_t best_len = 0, cur_len = 0, cur_depth = 0;
    size_t dropped_depth = 0; /* stack depth of the dropped ancestor, 0 = none */
    w->n = 0;
    if (walk_push(w, doc) < 0) return -1;
    while (w->n) {
        struct frame *f = &w->v[w->n - 1];
        const GumboNode *n = f->node;
        if (f->next == 0) {
            if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
                if (cur && !dropped_depth) cur_len += strlen(n->v.text.text);
                w->n--;
                continue;
            }
            if (n->type == GUMBO_NODE_ELEMENT) {
                meta_element(m, n);
                GumboTag t = n->v.element.tag;
                if (!dropped_depth && node_dropped(n)) dropped_depth = w->n;
                if (!dropped_depth && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
                    if (t == GUMBO_TAG_ARTICLE && !cur) { cur = n; cur_len = 0; cur_depth = w->n; }
                    if (t == GUMBO_TAG_MAIN && !main_el) main_el = n;
                    if (t == GUMBO_TAG_BODY && !body) body = n;
                }
            }
        }
        const GumboVector *ch = children(n);
        if (ch && f->next < ch->length) {
            const GumboNode *c = ch->data[f->next++];
            if (walk_push(w, c) < 0) return -1;
            continue;
        }
        if (dropped_depth == w->n) dropped_depth = 0;
        if (cur && cur_depth == w->n) {
            if (!best || cur_len > best_len) { best = cur; best_len = cur_len; }
            cur = NULL;
        }
        w->n--;
    }
    *pick = best ? best : main_el ? main_el : body ? body : doc;
    return 0;
}

static void page_clear_meta(html_page *p)
{
    free(p->title); free(p->date); free(p->url);
    p->title = p->date = p->url = NULL;
}

void html_page_free(html_page *p)
{
    if (!p) return;
    page_clear_meta(p);
    free(p->text);
    memset(p, 0, sizeof *p);
}

sitrep_status html_extract(const char *src, size_t len, html_page *p)
{
    page_clear_meta(p);
    p->len = 0;
    if (len > UINT32_MAX) len = UINT32_MAX; /* gumbo's limit; the rest is lost */
    out flat = { 0 };
    if (depth_scan(src, len, NULL) > HTML_MAX_DEPTH) {
        depth_scan(src, len, &flat);
        if (flat.oom || out_grow(&flat, 0) < 0) { free(flat.s); return SITREP_ERR_NOMEM; }
        src = flat.s ? flat.s : "";
        len = flat.len;
    }
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opt, src, len);
    if (!g) { free(flat.s); return SITREP_ERR_NOMEM; }
    walk w = { 0 };
    meta m = { 0 };
    const GumboNode *root = NULL;
    out o = { .s = p->text, .cap = p->cap };
    int oom = 0;
    if (survey(&w, g->document, &m, &root) < 0 || emit_subtree(&w, root, &o) < 0) oom = 1;
    p->text = o.s;
    p->cap = o.cap;
    if (!oom && out_grow(&o, 0) == 0) {
        p->text = o.s;
        p->cap = o.cap;
        p->len = o.len;
        p->text[o.len] = '\0';
    } else {
        oom = 1;
    }
    if (!oom) {
        if (m.og_title) p->title = collapse_dup(m.og_title, strlen(m.og_title), &oom);
        if (!p->title && m.title) {
            const GumboVector *ch = &m.title->v.element.children;
            for (unsigned i = 0; i < ch->length && !p->title; i++) {
                const GumboNode *c = ch->data[i];
                if (c->type == GUMBO_NODE_TEXT)
                    p->title = collapse_dup(c->v.text.text, strlen(c->v.text.text), &oom);
            }
        }
        const char *u = m.og_url ? m.og_url : m.canonical;
        if (u) p->url = collapse_dup(u, strlen(u), &oom);
        if (m.published) {
            const char *d = m.published;
            while (*d == ' ' || *d == '\t' || *d == '\n' || *d == '\r') d++;
            if (is_digit(d[0]) && is_digit(d[1]) && is_digit(d[2]) && is_digit(d[3]) &&
                d[4] == '-' && is_digit(d[5]) && is_digit(d[6]) && d[7] == '-' &&
                is_digit(d[8]) && is_digit(d[9])) {
                p->date = malloc(11);
                if (p->date) { memcpy(p->date, d, 10); p->date[10] = '\0'; }
                else oom = 1;
            }
        }
    }
    free(w.v);
    gumbo_destroy_output(&opt, g);
    free(flat.s);
    return oom ? SITREP_ERR_NOMEM : SITREP_OK;
}
