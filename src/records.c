/* records.c — tolerant reader for validation record files (contract in records.h). */
#include "records.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "vec.h"

typedef struct priv {
    arena mem;
    VEC(rec_record) recs;
    VEC(rec_coding) cod;        /* all codings; records point into it after loading */
    VEC(size_t) first;          /* first coding of each record */
    VEC(const char *) lists[4];
} priv;

static size_t line_at(const char *buf, const char *p)
{
    size_t n = 1;
    for (const char *q = buf; q < p; q++) n += *q == '\n';
    return n;
}

/* Copies s[0..n) decoding the five XML entities and numeric references, with white
 * space runs collapsed to one space and the ends trimmed. */
static char *decode(arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '&') {
            static const struct { const char *e; char c; } ent[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
            };
            size_t k;
            for (k = 0; k < 5; k++) {
                size_t el = strlen(ent[k].e);
                if (i + el <= n && !memcmp(s + i, ent[k].e, el)) { c = ent[k].c; i += el - 1; break; }
            }
            if (k == 5 && i + 3 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                long v = 0;
                int hex = j < n && (s[j] == 'x' || s[j] == 'X');
                if (hex) j++;
                while (j < n && isxdigit((unsigned char)s[j]) && j < i + 10) {
                    v = v * (hex ? 16 : 10) + (isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10));
                    j++;
                }
                if (j < n && s[j] == ';' && v > 0 && v < 128) { c = (char)v; i = j; }
            }
        }
        if (isspace((unsigned char)c)) { sp = o > 0; continue; }
        if (sp) out[o++] = ' ';
        sp = 0;
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

/* Value of attribute `name` in the tag text [t, e): "x", 'x' or "'x'". */
static char *attr(arena *a, const char *t, const char *e, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = t; p + nl < e; p++) {
        if (memcmp(p, name, nl) || (p > t && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) continue;
        const char *q = p + nl;
        while (q < e && isspace((unsigned char)*q)) q++;
        if (q >= e || *q != '=') continue;
        q++;
        while (q < e && isspace((unsigned char)*q)) q++;
        if (q >= e || (*q != '"' && *q != '\'')) continue;
        char quote = *q++;
        const char *v = q;
        while (q < e && *q != quote) q++;
        /* values written with nested quotes: sourcecode='"ARN"' */
        const char *v0 = v, *v1 = q;
        while (v0 < v1 && (*v0 == '"' || *v0 == '\'')) v0++;
        while (v1 > v0 && (v1[-1] == '"' || v1[-1] == '\'')) v1--;
        return decode(a, v0, (size_t)(v1 - v0));
    }
    return NULL;
}

/* Adds the comma-separated names inside <Tag>...</Tag> to list k. */
static int env_list(priv *pv, const char *env, const char *env_end, const char *tag, int k)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *p = env;
    while ((p = strstr(p, open)) && p < env_end) {
        p += strlen(open);
        const char *q = strstr(p, close);
        if (!q || q > env_end) break;
        const char *s = p;
        while (s < q) {
            const char *c = memchr(s, ',', (size_t)(q - s));
            if (!c) c = q;
            char *name = decode(&pv->mem, s, (size_t)(c - s));
            if (!name) return -1;
            if (*name) {
                const char **slot = vec_push(pv->lists[k]);
                if (!slot) return -1;
                *slot = name;
            }
            s = c + 1;
        }
        p = q;
    }
    return 0;
}

static const char **finish_list(priv *pv, int k)
{
    const char **slot = vec_push(pv->lists[k]);
    if (!slot) return NULL;
    *slot = NULL;
    return pv->lists[k].v;
}

rec_file *rec_load_mem(const char *name, const char *buf0, size_t len, sitrep_error *err)
{
    rec_file *f = calloc(1, sizeof *f);
    priv *pv = calloc(1, sizeof *pv);
    char *buf = malloc(len + 1);
    if (!f || !pv || !buf) {
        free(f); free(pv); free(buf);
        err_set(err, SITREP_ERR_NOMEM, name, 0, SIZE_MAX, "out of memory");
        return NULL;
    }
    memcpy(buf, buf0, len);
    buf[len] = '\0';
    /* blank out comments so nothing inside them is read (keeps line numbers) */
    for (char *p = buf; (p = strstr(p, "<!--"));) {
        char *q = strstr(p + 4, "-->");
        char *end = q ? q + 3 : buf + len;
        for (char *r = p; r < end; r++) if (*r != '\n') *r = ' ';
        p = end;
    }
    arena_init(&pv->mem);
    f->priv = pv;
    const char *env = strstr(buf, "<Environment>");
    if (env) {
        const char *env_end = strstr(env, "</Environment>");
        if (!env_end) env_end = buf + len;
        if (env_list(pv, env, env_end, "Verbfile", 0) || env_list(pv, env, env_end, "Actorfile", 1) ||
            env_list(pv, env, env_end, "Agentfile", 2) || env_list(pv, env, env_end, "Discardfile", 3))
            goto nomem;
    }
    for (int k = 0; k < 4; k++)
        if (!finish_list(pv, k)) goto nomem;
    f->verbs = pv->lists[0].v;
    f->actors = pv->lists[1].v;
    f->agents = pv->lists[2].v;
    f->discards = pv->lists[3].v;

    const char *p = buf;
    while ((p = strstr(p, "<Sentence"))) {
        if (p[9] != ' ' && p[9] != '>' && p[9] != '\t' && p[9] != '\n' && p[9] != '/') { p += 9; continue; }
        const char *te = strchr(p, '>');
        if (!te) break;
        /* the record runs to the next <Sentence or </Sentences> */
        const char *next = strstr(te, "<Sentence");
        while (next && (next[9] == 's')) next = strstr(next + 9, "<Sentence");
        const char *body_end = next ? next : buf + len;
        const char *sents_end = strstr(te, "</Sentences>");
        if (sents_end && sents_end < body_end) body_end = sents_end;
        rec_record *r = vec_push(pv->recs);
        size_t *first = vec_push(pv->first);
        if (!r || !first) goto nomem;
        *first = pv->cod.n;
        r->line = line_at(buf, p);
        r->id = attr(&pv->mem, p, te, "id");
        r->category = attr(&pv->mem, p, te, "category");
        char *date = attr(&pv->mem, p, te, "date");
        if (date && strlen(date) == 8)
            snprintf(r->date, sizeof r->date, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        if (!r->id) r->id = arena_printf(&pv->mem, "line-%zu", r->line);
        for (const char *c = te; (c = strstr(c, "<EventCoding")) && c < body_end;) {
            const char *ce = strchr(c, '>');
            if (!ce) break;
            char *noev = attr(&pv->mem, c, ce, "noevents");
            char *error = attr(&pv->mem, c, ce, "error");
            if (noev && !strcasecmp(noev, "true")) r->noevents = 1;
            else if (error) r->error = 1;
            else {
                rec_coding *cd = vec_push(pv->cod);
                if (!cd) goto nomem;
                cd->source = attr(&pv->mem, c, ce, "sourcecode");
                cd->target = attr(&pv->mem, c, ce, "targetcode");
                cd->code = attr(&pv->mem, c, ce, "eventcode");
                if (!cd->source) cd->source = "---";
                if (!cd->target) cd->target = "---";
                if (!cd->code) cd->code = "---";
            }
            c = ce;
        }
        const char *t = strstr(te, "<Text>");
        if (t && t < body_end) {
            t += 6;
            const char *tend = strstr(t, "</Text>");
            if (!tend || tend > body_end) tend = body_end;
            r->text = decode(&pv->mem, t, (size_t)(tend - t));
        } else {
            r->text = "";
        }
        if (!r->text) goto nomem;
        p = te;
    }
    free(buf);
    for (size_t i = 0; i < pv->recs.n; i++) {
        size_t a = pv->first.v[i], b = i + 1 < pv->recs.n ? pv->first.v[i + 1] : pv->cod.n;
        pv->recs.v[i].codings = b > a ? pv->cod.v + a : NULL;   /* no codings: cod.v may be NULL */
        pv->recs.v[i].ncodings = b - a;
    }
    f->recs = pv->recs.v;
    f->n = pv->recs.n;
    if (f->n == 0) {
        err_set(err, SITREP_ERR_INPUT, name, 0, SIZE_MAX, "no <Sentence> records");
        rec_free(f);
        return NULL;
    }
    return f;
nomem:
    free(buf);
    rec_free(f);
    err_set(err, SITREP_ERR_NOMEM, name, 0, SIZE_MAX, "out of memory");
    return NULL;
}

rec_file *rec_load(const char *path, sitrep_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open"), NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 65536) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, nc);
            if (!nb) { free(buf); fclose(fp); return err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory"), NULL; }
            buf = nb;
            cap = nc;
        }
        size_t r = fread(buf + len, 1, cap - len, fp);
        len += r;
        if (r == 0) break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) { free(buf); return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "read error"), NULL; }
    rec_file *f = rec_load_mem(path, buf ? buf : "", len, err);
    free(buf);
    return f;
}

void rec_free(rec_file *f)
{
    if (!f) return;
    priv *pv = f->priv;
    if (pv) {
        arena_free(&pv->mem);
        vec_free(pv->recs);
        vec_free(pv->cod);
        vec_free(pv->first);
        for (int k = 0; k < 4; k++) vec_free(pv->lists[k]);
        free(pv);
    }
    free(f);
}
