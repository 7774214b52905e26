/* lemma.c — lemma and FEATS lookups (see lemma.h for the order of the rules). */
#include "lemma.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Key spaces of the one `lex` map and of the WordNet maps. */
enum { K_FORM = 1, K_LOWER = 2, K_FEATS = 3, K_EXC = 4, K_IDX = 5, K_VOTE = 6 };
enum { WN_NONE = 0, WN_N = 1, WN_V = 2, WN_A = 3, WN_R = 4 };

static uint64_t hs(const char *s) { return feat_hash(s, strlen(s)); }

static size_t lower(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s[n] && n + 1 < cap; n++) {
        unsigned char c = (unsigned char)s[n];
        out[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = 0;
    return n;
}

static int wn_pos(const char *xpos)
{
    if (!xpos) return WN_NONE;
    if (xpos[0] == 'N' && xpos[1] == 'N') return WN_N;   /* NN NNS NNP NNPS */
    if (xpos[0] == 'V' && xpos[1] == 'B') return WN_V;
    if (xpos[0] == 'J' && xpos[1] == 'J') return WN_A;
    if (xpos[0] == 'R' && xpos[1] == 'B') return WN_R;
    return WN_NONE;
}

static const char *pool_at(const lemma_model *m, uint32_t off)
{
    return off < m->poollen ? m->pool + off : NULL;
}

static int in_index(const lemma_model *m, int wp, const char *w)
{
    return feat_map_get(&m->idx, FEAT3(K_IDX, wp, hs(w))) != NULL;
}

/* WordNet's morphy detachment rules (morph.c, sufx/addr tables). */
static const char *const rules[5][9][2] = {
    [WN_N] = { { "s", "" }, { "ses", "s" }, { "xes", "x" }, { "zes", "z" },
               { "ches", "ch" }, { "shes", "sh" }, { "men", "man" }, { "ies", "y" } },
    [WN_V] = { { "s", "" }, { "ies", "y" }, { "es", "e" }, { "es", "" },
               { "ed", "e" }, { "ed", "" }, { "ing", "e" }, { "ing", "" } },
    [WN_A] = { { "er", "" }, { "est", "" }, { "er", "e" }, { "est", "e" } },
};

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k + 1 && memcmp(w + n - k, suf, k) == 0;
}

static int vowel(char c) { return strchr("aeiouy", c) != NULL; }

/* Rules by Penn tag for words WordNet does not know (lower-case `w`). */
static size_t guess(const char *w, size_t n, const char *xpos, char *out, size_t cap)
{
    size_t k = n;
    const char *add = "";
    if (!strcmp(xpos, "NNS") || !strcmp(xpos, "NNPS") || !strcmp(xpos, "VBZ")) {
        if (ends(w, n, "ies")) { k = n - 3; add = "y"; }
        else if (ends(w, n, "sses") || ends(w, n, "xes") || ends(w, n, "zes") ||
                 ends(w, n, "ches") || ends(w, n, "shes")) k = n - 2;
        else if (ends(w, n, "s") && !ends(w, n, "ss") && !ends(w, n, "us") &&
                 !ends(w, n, "is")) k = n - 1;
    } else if (!strcmp(xpos, "VBD") || !strcmp(xpos, "VBN") || !strcmp(xpos, "VBG")) {
        const char *suf = xpos[2] == 'G' ? "ing" : "ed";
        if (xpos[2] != 'G' && ends(w, n, "ied")) { k = n - 3; add = "y"; }
        else if (ends(w, n, suf)) {
            k = n - strlen(suf);
            if (k >= 2 && w[k - 1] == w[k - 2] && !vowel(w[k - 1]) &&
                w[k - 1] != 'l' && w[k - 1] != 's' && w[k - 1] != 'z') k--;
            else if (k >= 2 && !vowel(w[k - 1]) && vowel(w[k - 2]) &&
                     (k < 3 || !vowel(w[k - 3])) && strchr("cgvz", w[k - 1])) add = "e";
        }
    } else if (!strcmp(xpos, "JJR") || !strcmp(xpos, "RBR")) {
        if (ends(w, n, "ier")) { k = n - 3; add = "y"; }
        else if (ends(w, n, "er")) k = n - 2;
    } else if (!strcmp(xpos, "JJS") || !strcmp(xpos, "RBS")) {
        if (ends(w, n, "iest")) { k = n - 4; add = "y"; }
        else if (ends(w, n, "est")) k = n - 3;
    }
    if (k + strlen(add) + 1 > cap) k = cap - strlen(add) - 1;
    memcpy(out, w, k);
    strcpy(out + k, add);
    return k + strlen(add);
}

void lemma_prefetch(const lemma_model *m, uint64_t form_hash, int cls)
{
    if (m->lex.slot)
        __builtin_prefetch(&m->lex.slot[feat_slot_of(&m->lex, FEAT3(K_FORM, form_hash, cls))]);
}

void lemma_prefetch_feats(const lemma_model *m, uint64_t lower_hash, int cls)
{
    if (m->lex.slot)
        __builtin_prefetch(&m->lex.slot[feat_slot_of(&m->lex, FEAT3(K_FEATS, lower_hash, cls))]);
}

const char *lemma_of_hashed(const lemma_model *m, const char *form, uint64_t form_hash,
                            const char *xpos, int cls, arena *mem)
{
    char low[256], cand[260];
    const feat_slot *s;
    if (!xpos) xpos = "";
    if ((s = feat_map_get(&m->lex, FEAT3(K_FORM, form_hash, cls)))) return pool_at(m, s->val);
    size_t n = lower(form, low, sizeof low);
    if ((s = feat_map_get(&m->lex, FEAT3(K_LOWER, hs(low), cls)))) return pool_at(m, s->val);
    int proper = !strcmp(xpos, "NNP") || !strcmp(xpos, "NNPS");
    if (!strcmp(xpos, "NNP")) return form;
    int wp = wn_pos(xpos);
    static const char *const infl[] = { "NNS", "NNPS", "VBZ", "VBD", "VBN", "VBG", "JJR",
                                        "JJS", "RBR", "RBS" };
    int inflected = 0;
    for (size_t i = 0; i < sizeof infl / sizeof *infl; i++)
        if (!strcmp(xpos, infl[i])) inflected = 1;
    if (wp && inflected && !proper) {
        if ((s = feat_map_get(&m->exc, FEAT3(K_EXC, wp, hs(low)))))
            return pool_at(m, s->val);
        for (int r = 0; r < 9 && rules[wp][r][0]; r++) {
            const char *suf = rules[wp][r][0], *rep = rules[wp][r][1];
            size_t k = strlen(suf);
            if (n <= k || strcmp(low + n - k, suf) != 0) continue;
            if (n - k + strlen(rep) + 1 > sizeof cand) continue;
            memcpy(cand, low, n - k);
            strcpy(cand + n - k, rep);
            if (in_index(m, wp, cand)) return arena_strdup(mem, cand);
        }
    }
    if (inflected) {
        if (proper) {   /* keep the case: "Americans" -> "American" */
            size_t k = guess(low, n, xpos, cand, sizeof cand);
            char *out = arena_strdup(mem, form);
            if (out && k <= n) { memcpy(out + k, cand + k, strlen(cand + k) + 1); }
            return out;
        }
        guess(low, n, xpos, cand, sizeof cand);
        return arena_strdup(mem, cand);
    }
    return strcmp(low, form) ? arena_strdup(mem, low) : form;
}

const char *lemma_of(const lemma_model *m, const char *form, const char *xpos, int cls,
                     arena *mem)
{
    return lemma_of_hashed(m, form, hs(form), xpos, cls, mem);
}

const char *lemma_feats(const lemma_model *m, const char *form, int cls)
{
    char low[256];
    lower(form, low, sizeof low);
    return lemma_feats_hashed(m, hs(low), cls);
}

const char *lemma_feats_hashed(const lemma_model *m, uint64_t lower_hash, int cls)
{
    const feat_slot *s = feat_map_get(&m->lex, FEAT3(K_FEATS, lower_hash, cls));
    if (s) return s->val == UINT32_MAX ? NULL : pool_at(m, s->val);
    if (cls < 0 || (uint32_t)cls >= m->nclass || m->cls_feats[cls] == UINT32_MAX)
        return NULL;
    return pool_at(m, m->cls_feats[cls]);
}

/* ------------------------------------------------------------- building */

int lemma_build_init(lemma_build *b, uint32_t nclass)
{
    memset(b, 0, sizeof *b);
    b->nclass = nclass;
    b->cls_feats = malloc(nclass * sizeof *b->cls_feats);
    b->cls_count = calloc(nclass, sizeof *b->cls_count);
    if (!b->cls_feats || !b->cls_count) return -1;
    for (uint32_t i = 0; i < nclass; i++) b->cls_feats[i] = UINT32_MAX;
    if (feat_map_init(&b->intern, 1024) || feat_map_init(&b->votes, 1024) ||
        feat_map_init(&b->lex, 1024) || feat_map_init(&b->exc, 1024) ||
        feat_map_init(&b->idx, 1024)) return -1;
    return 0;
}

void lemma_build_free(lemma_build *b)
{
    free(b->pool);
    free(b->cls_feats);
    free(b->cls_count);
    feat_map_free(&b->intern);
    feat_map_free(&b->votes);
    feat_map_free(&b->lex);
    feat_map_free(&b->exc);
    feat_map_free(&b->idx);
}

/* Pool offset of s (added once). UINT32_MAX on no memory. */
static uint32_t intern(lemma_build *b, const char *s)
{
    int isnew;
    size_t n = strlen(s);
    feat_slot *sl = feat_map_put(&b->intern, feat_hash(s, n), &isnew);
    if (!sl) return UINT32_MAX;
    if (!isnew) return sl->val;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap = cap * 3 / 2;
        char *p = realloc(b->pool, cap);
        if (!p) return UINT32_MAX;
        b->pool = p;
        b->cap = cap;
    }
    memcpy(b->pool + b->len, s, n + 1);
    sl->val = (uint32_t)b->len;
    b->len += n + 1;
    return sl->val;
}

/* Counts `value` (NULL = none) for key; keeps the most frequent in b->lex. */
static int vote(lemma_build *b, uint64_t key, const char *value)
{
    uint64_t vh = value ? hs(value) : 0;
    feat_slot *c = feat_map_put(&b->votes, FEAT3(K_VOTE, key, vh), NULL);
    if (!c) return -1;
    uint32_t n = ++c->val;
    feat_slot *s = feat_map_put(&b->lex, key, NULL);
    if (!s) return -1;
    if (n > s->aux) {
        uint32_t off = value ? intern(b, value) : UINT32_MAX;
        if (value && off == UINT32_MAX) return -1;
        s->val = off;
        s->aux = n;
    }
    return 0;
}

int lemma_build_add(lemma_build *b, const char *form, int cls, const char *lemma,
                    const char *feats)
{
    char low[256];
    lower(form, low, sizeof low);
    if (lemma && (vote(b, FEAT3(K_FORM, hs(form), cls), lemma) ||
                  vote(b, FEAT3(K_LOWER, hs(low), cls), lemma))) return -1;
    if (vote(b, FEAT3(K_FEATS, hs(low), cls), feats)) return -1;
    /* per class: a vote counted apart (the class table is an array) */
    feat_slot *c = feat_map_put(&b->votes, FEAT3(K_VOTE + 1, cls, feats ? hs(feats) : 0), NULL);
    if (!c) return -1;
    if ((uint32_t)cls < b->nclass && ++c->val > b->cls_count[cls]) {
        b->cls_count[cls] = c->val;
        b->cls_feats[cls] = feats ? intern(b, feats) : UINT32_MAX;
    }
    return 0;
}

static int read_wn(lemma_build *b, const char *dir, const char *name, int wp, int exc)
{
    char path[1024], line[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ' || line[0] == '\n') continue;   /* licence header */
        char *a = strtok(line, " \n"), *base = strtok(NULL, " \n");
        if (!a || strchr(a, '_')) continue;
        if (exc) {
            if (!base) continue;
            feat_slot *s = feat_map_put(&b->exc, FEAT3(K_EXC, wp, hs(a)), NULL);
            uint32_t off = intern(b, base);
            if (!s || off == UINT32_MAX) { fclose(f); return -1; }
            s->val = off;
        } else if (!feat_map_put(&b->idx, FEAT3(K_IDX, wp, hs(a)), NULL)) {
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

int lemma_build_wordnet(lemma_build *b, const char *dir)
{
    static const char *const pos[] = { "", "noun", "verb", "adj", "adv" };
    char name[32];
    for (int wp = WN_N; wp <= WN_R; wp++) {
        snprintf(name, sizeof name, "index.%s", pos[wp]);
        if (read_wn(b, dir, name, wp, 0)) return -1;
        snprintf(name, sizeof name, "%s.exc", pos[wp]);
        if (read_wn(b, dir, name, wp, 1)) return -1;
    }
    return 0;
}

void lemma_build_view(const lemma_build *b, lemma_model *m)
{
    m->pool = b->pool ? b->pool : "";
    m->poollen = b->len;
    m->lex = b->lex;
    m->exc = b->exc;
    m->idx = b->idx;
    m->cls_feats = b->cls_feats;
    m->nclass = b->nclass;
}
