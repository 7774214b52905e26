/* model.c — loading the model file (mmap, used in place) and running the
 * tagger, lemmatizer and parser over a document's sentences. */
#include "model.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ap.h"
#include "dep.h"
#include "doc.h"
#include "err.h"
#include "feat.h"
#include "lemma.h"
#include "nn.h"
#include "pos.h"
#include "train.h"

struct sr_model {
    void *map;
    size_t maplen;
    uint32_t nclass, nlabels;
    int root_label;
    const char **xpos, **labels;     /* owned arrays of pointers into map */
    const uint8_t *upos;
    ap_model tag, tag2, dep;
    int stacked;                     /* tag2 present */
    int beam;                        /* the parser's beam (1: greedy) */
    nn_model nn;                     /* the parser's network (MSEC_NN) */
    int has_nn, use_nn;
    feat_map tagdict;
    feat_map clsmap;                 /* owned: (xpos hash, upos) -> class + 1 */
    lemma_model lem;
};

sitrep_status model_write(const char *path, const model_section *sec, int nsec,
                          sitrep_error *err)
{
    FILE *f = fopen(path, "wb");
    if (!f) return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot write the model");
    uint32_t head[4] = { 0, 0, MODEL_VERSION, (uint32_t)nsec };
    memcpy(head, MODEL_MAGIC, 8);
    int ok = fwrite(head, 16, 1, f) == 1;
    uint64_t off = 16 + 24 * (uint64_t)nsec;
    off = (off + 63) & ~(uint64_t)63;
    for (int i = 0; i < nsec; i++) {
        uint32_t id[2] = { sec[i].id, 0 };
        uint64_t ol[2] = { off, sec[i].len };
        ok = ok && fwrite(id, 8, 1, f) == 1 && fwrite(ol, 16, 1, f) == 1;
        off = (off + sec[i].len + 63) & ~(uint64_t)63;
    }
    static const char zero[64];
    long pos = ftell(f);
    for (int i = 0; ok && i < nsec; i++) {
        size_t pad = (size_t)((64 - pos % 64) % 64);
        ok = (pad == 0 || fwrite(zero, pad, 1, f) == 1) &&
             (sec[i].len == 0 || fwrite(sec[i].data, sec[i].len, 1, f) == 1);
        pos += (long)(pad + sec[i].len);
    }
    if (fclose(f) != 0) ok = 0;
    if (!ok) return err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "write failed");
    return SITREP_OK;
}

typedef struct span { const unsigned char *p; uint64_t len; } span;

/* A string table: u32 count, u32 offsets[count], NUL-terminated strings. */
static const char **strtab(span s, uint32_t *count)
{
    uint32_t n;
    if (s.len < 4) return NULL;
    memcpy(&n, s.p, 4);
    if (n == 0 || (uint64_t)n > (s.len - 4) / 4) return NULL;
    const char **out = malloc(n * sizeof *out);
    if (!out) return NULL;
    uint64_t base = 4 + 4 * (uint64_t)n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t o;
        memcpy(&o, s.p + 4 + 4 * i, 4);
        if (base + o >= s.len || !memchr(s.p + base + o, 0, s.len - base - o)) {
            free(out);
            return NULL;
        }
        out[i] = (const char *)s.p + base + o;
    }
    *count = n;
    return out;
}

static int slots(feat_map *m, span s)
{
    return s.len % sizeof(feat_slot) ? -1 : feat_view(m, s.p, s.len / sizeof(feat_slot));
}

void model_free(sr_model *m)
{
    if (!m) return;
    free(m->xpos);
    free(m->labels);
    feat_map_free(&m->clsmap);
    ap_close(&m->tag);
    ap_close(&m->tag2);
    ap_close(&m->dep);
    if (m->has_nn) nn_close(&m->nn);
    if (m->map) munmap(m->map, m->maplen);
    free(m);
}

static sr_model *fail(sr_model *m, sitrep_error *err, const char *path, size_t off,
                      const char *why)
{
    err_set(err, SITREP_ERR_MODEL, path, 0, off, "bad model file: %s", why);
    model_free(m);
    return NULL;
}

sr_model *model_load(const char *path, sitrep_error *err)
{
    sr_model *m = calloc(1, sizeof *m);
    if (!m) { err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory"); return NULL; }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        free(m);
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open the model");
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_size < 16) {
        close(fd);
        return fail(m, err, path, 0, "too short");
    }
    m->maplen = (size_t)sb.st_size;
    m->map = mmap(NULL, m->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m->map == MAP_FAILED) {
        m->map = NULL;
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot map the model");
        model_free(m);
        return NULL;
    }
    const unsigned char *p = m->map;
    uint32_t ver, nsec;
    const uint16_t one = 1;
    if (*(const unsigned char *)&one != 1) return fail(m, err, path, 0, "big-endian host");
    if (memcmp(p, MODEL_MAGIC, 8) != 0) return fail(m, err, path, 0, "no SITREPM magic");
    memcpy(&ver, p + 8, 4);
    memcpy(&nsec, p + 12, 4);
    if (ver != MODEL_VERSION) return fail(m, err, path, 8, "unsupported version");
    if ((uint64_t)nsec * 24 + 16 > m->maplen) return fail(m, err, path, 12, "truncated section table");
    span sec[MSEC_COUNT] = { { NULL, 0 } };
    for (uint32_t i = 0; i < nsec; i++) {
        uint32_t id;
        uint64_t ol[2];
        memcpy(&id, p + 16 + 24 * i, 4);
        memcpy(ol, p + 16 + 24 * i + 8, 16);
        if (ol[0] % 8 || ol[0] > m->maplen || ol[1] > m->maplen - ol[0])
            return fail(m, err, path, 16 + 24 * i, "section out of the file");
        if (id < MSEC_COUNT) { sec[id].p = p + ol[0]; sec[id].len = ol[1]; }
    }
    for (int id = MSEC_XPOS; id < MSEC_TAGW2; id++)
        if (!sec[id].p) return fail(m, err, path, SIZE_MAX, "missing section");
    uint32_t nx;
    if (!(m->xpos = strtab(sec[MSEC_XPOS], &nx))) return fail(m, err, path, sec[MSEC_XPOS].p - p, "XPOS table");
    if (!(m->labels = strtab(sec[MSEC_LABELS], &m->nlabels)))
        return fail(m, err, path, sec[MSEC_LABELS].p - p, "label table");
    m->nclass = nx;
    m->upos = sec[MSEC_UPOS].p;
    if (sec[MSEC_UPOS].len < nx) return fail(m, err, path, sec[MSEC_UPOS].p - p, "UPOS table");
    m->root_label = -1;
    for (uint32_t i = 0; i < m->nlabels; i++)
        if (!strcmp(m->labels[i], "root")) m->root_label = (int)i;
    if (m->root_label < 0) return fail(m, err, path, sec[MSEC_LABELS].p - p, "no root label");
    if (ap_open(&m->tag, sec[MSEC_TAGW].p, sec[MSEC_TAGW].len) || m->tag.nclass != nx)
        return fail(m, err, path, sec[MSEC_TAGW].p - p, "tagger weights");
    if (sec[MSEC_TAGW2].p) {
        if (ap_open(&m->tag2, sec[MSEC_TAGW2].p, sec[MSEC_TAGW2].len) || m->tag2.nclass != nx)
            return fail(m, err, path, sec[MSEC_TAGW2].p - p, "second tagger weights");
        m->stacked = 1;
    }
    if (ap_open(&m->dep, sec[MSEC_DEPW].p, sec[MSEC_DEPW].len) ||
        m->dep.nclass != 1 + 2 * m->nlabels)
        return fail(m, err, path, sec[MSEC_DEPW].p - p, "parser weights");
    m->beam = 1;
    if (sec[MSEC_DEPBEAM].p) {
        uint32_t k;
        if (sec[MSEC_DEPBEAM].len != 4) return fail(m, err, path, sec[MSEC_DEPBEAM].p - p, "parser beam");
        memcpy(&k, sec[MSEC_DEPBEAM].p, 4);
        if (k < 1 || k > DEP_MAXBEAM) return fail(m, err, path, sec[MSEC_DEPBEAM].p - p, "parser beam");
        m->beam = (int)k;
    }
    if (sec[MSEC_NN].p) {
        int rc = nn_open(&m->nn, sec[MSEC_NN].p, sec[MSEC_NN].len, (int)m->nlabels, (int)nx);
        if (rc == -2) {
            model_free(m);
            err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
            return NULL;
        }
        if (rc) return fail(m, err, path, sec[MSEC_NN].p - p, "parser network");
        m->has_nn = m->use_nn = 1;
    }
    if (slots(&m->tagdict, sec[MSEC_TAGDICT]) || slots(&m->lem.lex, sec[MSEC_LEX]) ||
        slots(&m->lem.exc, sec[MSEC_EXC]) || slots(&m->lem.idx, sec[MSEC_IDX]))
        return fail(m, err, path, SIZE_MAX, "lookup tables");
    m->lem.pool = (const char *)sec[MSEC_POOL].p;
    m->lem.poollen = sec[MSEC_POOL].len;
    if (m->lem.poollen == 0 || m->lem.pool[m->lem.poollen - 1] != 0)
        return fail(m, err, path, sec[MSEC_POOL].p - p, "string pool");
    if (sec[MSEC_CLSFEATS].len < 4 * (uint64_t)nx)
        return fail(m, err, path, sec[MSEC_CLSFEATS].p - p, "class FEATS");
    m->lem.cls_feats = (const uint32_t *)sec[MSEC_CLSFEATS].p;
    m->lem.nclass = nx;
    if (feat_map_init(&m->clsmap, nx)) { model_free(m); err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory"); return NULL; }
    for (uint32_t c = 0; c < nx; c++) {
        if (m->upos[c] >= SITREP_UPOS_COUNT) return fail(m, err, path, sec[MSEC_UPOS].p - p, "UPOS value");
        feat_slot *s = feat_map_put(&m->clsmap, FEAT2(m->upos[c], feat_hash(m->xpos[c], strlen(m->xpos[c]))), NULL);
        if (!s) return fail(m, err, path, 0, "out of memory");
        s->val = c + 1;
    }
    /* the file is sound: dense rows for the frequent features (see ap.h);
     * without the memory for them the tables still score, only slower */
    ap_speedup(&m->tag, 16);
    if (m->stacked) ap_speedup(&m->tag2, 16);
    ap_speedup(&m->dep, 16);
    return m;
}

int model_decode_with(sr_model *m, int beam, int use_nn)
{
    if (beam > 0) m->beam = beam < DEP_MAXBEAM ? beam : DEP_MAXBEAM;
    m->use_nn = m->has_nn && use_nn;
    return m->has_nn;
}

static const char *norm_of(const sitrep_word *w)
{
    return w->norm ? w->norm : w->form ? w->form : "_";
}

sitrep_status model_tag(const sr_model *m, sitrep_doc *doc, size_t s)
{
    if (!m || s >= doc->sentences.n) return SITREP_ERR_USAGE;
    const sitrep_sentence *se = &doc->sentences.v[s];
    size_t n = se->nwords;
    if (n == 0) return SITREP_OK;
    sitrep_word *w = doc->words.v + se->word;
    pos_word *pw = arena_alloc(&doc->mem, n * sizeof *pw);
    int *tags = arena_alloc(&doc->mem, n * sizeof *tags);
    int *p1 = m->stacked ? arena_alloc(&doc->mem, n * sizeof *p1) : NULL;
    int32_t *scores = arena_alloc(&doc->mem, m->tag.npad * sizeof *scores);
    if (!pw || !tags || !scores || (m->stacked && !p1)) return SITREP_ERR_NOMEM;
    /* each step over the whole sentence, with the table slots of the next
     * step prefetched together, so that the lookups overlap */
    for (size_t i = 0; i < n; i++) {
        pos_word_init(&pw[i], norm_of(&w[i]));
        __builtin_prefetch(&m->tagdict.slot[feat_slot_of(&m->tagdict, pos_dict_key(&pw[i]))]);
        __builtin_prefetch(&m->tagdict.slot[feat_slot_of(&m->tagdict, pos_dict_ckey(&pw[i]))]);
    }
    for (size_t i = 0; i < n; i++) {
        const feat_slot *d = feat_map_get(&m->tagdict, pos_dict_key(&pw[i]));
        pw[i].amb = d ? d->val : 0;
        d = feat_map_get(&m->tagdict, pos_dict_ckey(&pw[i]));
        pw[i].camb = d ? d->val : 0;
    }
    if (m->stacked) {
        pos_tag(&m->tag, pw, n, NULL, p1, scores);
        pos_tag(&m->tag2, pw, n, p1, tags, scores);
    } else {
        pos_tag(&m->tag, pw, n, NULL, tags, scores);
    }
    for (size_t i = 0; i < n; i++) lemma_prefetch(&m->lem, pw[i].w, tags[i]);   /* pw.w: the form's hash */
    for (size_t i = 0; i < n; i++) {
        int c = tags[i];
        const char *form = norm_of(&w[i]);
        w[i].xpos = m->xpos[c];
        w[i].upos = m->upos[c];
        w[i].lemma = lemma_of_hashed(&m->lem, form, pw[i].w, m->xpos[c], c, &doc->mem);
        if (!w[i].lemma) return SITREP_ERR_NOMEM;
    }
    return SITREP_OK;
}

/* UD makes some UPOS distinctions by the relation: aux/cop words are AUX, and
 * a Penn IN is ADP as `case` and SCONJ as `mark` (EWT train: 12,587 of 12,587
 * aux/cop words are AUX; IN+case ADP 16,381 of 16,381; IN+mark SCONJ 3,758 of
 * 3,824). The parser sees the whole clause, so it corrects the greedy tagger. */
static void refine_upos(sitrep_word *w)
{
    const char *r = w->deprel;
    if (w->upos == SITREP_UPOS_VERB && (!strcmp(r, "cop") || !strncmp(r, "aux", 3)))
        w->upos = SITREP_UPOS_AUX;
    else if (w->xpos && !strcmp(w->xpos, "IN")) {
        if (!strcmp(r, "case")) w->upos = SITREP_UPOS_ADP;
        else if (!strcmp(r, "mark")) w->upos = SITREP_UPOS_SCONJ;
    }
}

static int class_of(const sr_model *m, const sitrep_word *w)
{
    if (!w->xpos) return 0;
    const feat_slot *s = feat_map_get(&m->clsmap, FEAT2(w->upos, feat_hash(w->xpos, strlen(w->xpos))));
    if (s) return (int)s->val - 1;
    for (uint32_t c = 0; c < m->nclass; c++)   /* same XPOS, other UPOS */
        if (!strcmp(m->xpos[c], w->xpos)) return (int)c;
    return 0;
}

sitrep_status model_parse(const sr_model *m, sitrep_doc *doc, size_t s)
{
    if (!m || s >= doc->sentences.n) return SITREP_ERR_USAGE;
    const sitrep_sentence *se = &doc->sentences.v[s];
    size_t n = se->nwords;
    if (n == 0) return SITREP_OK;
    if (n > 100000) return SITREP_ERR_INPUT;
    sitrep_word *w = doc->words.v + se->word;
    dep_word *dw = arena_alloc(&doc->mem, (n + 1) * sizeof *dw);
    void *mem = arena_alloc(&doc->mem, dep_state_size((int)n));
    void *bmem = m->beam > 1 ? arena_alloc(&doc->mem, dep_beam_size((int)n, m->beam)) : mem;
    int32_t *scores = arena_alloc(&doc->mem, m->dep.npad * sizeof *scores);
    if (!dw || !mem || !bmem || !scores) return SITREP_ERR_NOMEM;
    dw[0].w = 0;
    dw[0].t = dw[0].u = dw[0].a = 0;
    for (size_t i = 0; i < n; i++) {
        char low[256];
        const char *f = norm_of(&w[i]);
        size_t k = 0;
        for (; f[k] && k + 1 < sizeof low; k++)
            low[k] = (char)(f[k] >= 'A' && f[k] <= 'Z' ? f[k] + 32 : f[k]);
        dw[i + 1].w = feat_hash(low, k);
        dw[i + 1].t = (uint32_t)class_of(m, &w[i]);
        dw[i + 1].u = m->upos[dw[i + 1].t];
        __builtin_prefetch(&m->tagdict.slot[feat_slot_of(&m->tagdict, dw[i + 1].w)]);
        lemma_prefetch_feats(&m->lem, dw[i + 1].w, (int)dw[i + 1].t);
    }
    for (size_t i = 0; i < n; i++) {   /* the lookups, their slots prefetched */
        const feat_slot *d = feat_map_get(&m->tagdict, dw[i + 1].w);
        dw[i + 1].a = d ? d->val : 0;
        /* FEATS here, not in model_tag: only the parsed sentences need them */
        w[i].feats = lemma_feats_hashed(&m->lem, dw[i + 1].w, (int)dw[i + 1].t);
    }
    dep_state st;
    dep_state_init(&st, (int)n, (int)m->nlabels, m->root_label, mem);
    nn_sent ns;
    dep_scorer sc = { 0 };
    if (m->use_nn) {
        if (nn_sent_init(&ns, &m->nn, dw, (int)n)) return SITREP_ERR_NOMEM;
        sc = nn_scorer(&ns, m->dep.scale);
    }
    if (m->beam > 1) dep_parse_beam(&m->dep, dw, &st, scores, m->beam, bmem, m->use_nn ? &sc : NULL);
    else dep_parse(&m->dep, dw, &st, scores, m->use_nn ? &sc : NULL);
    if (m->use_nn) nn_sent_free(&ns);
    for (size_t i = 0; i < n; i++) {
        int h = st.head[i + 1], l = st.label[i + 1];
        if (h < 0 || l < 0) { h = 0; l = m->root_label; }
        w[i].head = h;
        w[i].deprel = m->labels[l];
    }
    for (size_t i = 0; i < n; i++) refine_upos(&w[i]);
    return SITREP_OK;
}

sitrep_status model_prune(const char *in, const char *out, int minabs, int stack,
                          sitrep_error *err)
{
    sr_model *m = model_load(in, err);
    if (!m) return err->status;
    const unsigned char *p = m->map;
    uint32_t nsec;
    memcpy(&nsec, p + 12, 4);
    model_section *sec = calloc(nsec, sizeof *sec);
    void *owned[3] = { NULL, NULL, NULL };
    int nown = 0, n = 0;
    sitrep_status st = SITREP_OK;
    if (!sec) { model_free(m); return err_set(err, SITREP_ERR_NOMEM, in, 0, SIZE_MAX, "out of memory"); }
    for (uint32_t i = 0; i < nsec; i++) {
        uint32_t id;
        uint64_t ol[2];
        memcpy(&id, p + 16 + 24 * i, 4);
        memcpy(ol, p + 16 + 24 * i + 8, 16);
        if (id == MSEC_TAGW2 && !stack) continue;
        sec[n].id = id;
        sec[n].data = p + ol[0];
        sec[n].len = ol[1];
        const ap_model *am = id == MSEC_TAGW ? &m->tag : id == MSEC_TAGW2 ? &m->tag2 :
                             id == MSEC_DEPW ? &m->dep : NULL;
        if (am && nown < 3) {
            size_t len;
            void *q = ap_prune(am, minabs, &len, NULL, NULL);
            if (!q) { st = err_set(err, SITREP_ERR_NOMEM, in, 0, SIZE_MAX, "out of memory"); break; }
            owned[nown++] = q;
            sec[n].data = q;
            sec[n].len = len;
        }
        n++;
    }
    if (!st) st = model_write(out, sec, n, err);
    for (int i = 0; i < nown; i++) free(owned[i]);
    free(sec);
    model_free(m);
    return st;
}
