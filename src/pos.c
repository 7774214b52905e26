/* pos.c — tagger features and greedy decoding.
 *
 * Feature set after Ratnaparkhi (1996) and Collins (2002), with the tag
 * dictionary's class of the following words standing in for right-context tags
 * (greedy decoding cannot see them). */
#include "pos.h"

#include <stdint.h>
#include <string.h>

static size_t lower_ascii(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s[n] && n + 1 < cap; n++) {
        unsigned char c = (unsigned char)s[n];
        out[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = 0;
    return n;
}

/* Byte length of the last k characters of s[0..n) (UTF-8 aware). */
static size_t tail_bytes(const char *s, size_t n, int k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) i--;
        k--;
    }
    return n - i;
}

static size_t head_bytes(const char *s, size_t n, int k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80) i++;
        k--;
    }
    return i;
}

void pos_word_init(pos_word *pw, const char *s)
{
    char low[256], shape[24];
    size_t n = strlen(s), ln = lower_ascii(s, low, sizeof low), sn = 0;
    int run = 0;
    char last = 0;
    uint32_t fl = 0;
    int upper = 0, letters = 0;
    pw->w = feat_hash(s, n);
    pw->lw = feat_hash(low, ln);
    for (int k = 0; k < 3; k++)
        pw->pre[k] = feat_hash(low, head_bytes(low, ln, k + 1)) + (uint64_t)k;
    for (int k = 0; k < 4; k++) {
        size_t b = tail_bytes(low, ln, k + 1);
        pw->suf[k] = feat_hash(low + ln - b, b) + 7 * (uint64_t)k;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char t;
        if (c >= 'A' && c <= 'Z') { t = 'X'; upper++; letters++; }
        else if (c >= 'a' && c <= 'z') { t = 'x'; letters++; }
        else if (c >= '0' && c <= '9') { t = 'd'; fl |= POS_F_DIGIT; }
        else if (c >= 0x80) { if ((c & 0xc0) == 0x80) continue; t = 'u'; letters++; }
        else t = (char)c;
        if (c == '-') fl |= POS_F_HYPHEN;
        run = t == last ? run + 1 : 1;
        last = t;
        if (run <= 2 && sn + 1 < sizeof shape) shape[sn++] = t;
    }
    if (upper) fl |= POS_F_UPPER;
    if (upper && upper == letters) fl |= POS_F_ALLUPPER;
    if (s[0] >= 'A' && s[0] <= 'Z') fl |= POS_F_TITLE;
    pw->shape = feat_hash(shape, sn);
    pw->amb = 0;
    pw->camb = 0;
    pw->flags = fl;
}

/* Out-of-sentence words: distinct constants. */
static const pos_word *at(const pos_word *ws, size_t n, long j)
{
    static const pos_word bos = { 11, 11, { 11, 11, 11 }, { 11, 11, 11, 11 }, 11, 999, 999, 0 };
    static const pos_word eos = { 13, 13, { 13, 13, 13 }, { 13, 13, 13, 13 }, 13, 998, 998, 0 };
    if (j < 0) return &bos;
    if ((size_t)j >= n) return &eos;
    return &ws[j];
}

size_t pos_features(const pos_word *ws, size_t n, size_t i, const int *tags,
                    const int *p1, uint64_t *f)
{
    const pos_word *w0 = &ws[i], *wm1 = at(ws, n, (long)i - 1),
                   *wm2 = at(ws, n, (long)i - 2), *wp1 = at(ws, n, (long)i + 1),
                   *wp2 = at(ws, n, (long)i + 2);
    uint64_t t1 = i >= 1 ? (uint64_t)tags[i - 1] : 500, t2 = i >= 2 ? (uint64_t)tags[i - 2] : 500;
    size_t k = 0;
    f[k++] = FEAT2(1, 0);                      /* bias */
    f[k++] = FEAT2(2, w0->w);
    f[k++] = FEAT2(3, w0->lw);
    for (int j = 0; j < 4; j++) f[k++] = FEAT2(4 + j, w0->suf[j]);
    for (int j = 0; j < 3; j++) f[k++] = FEAT2(8 + j, w0->pre[j]);
    f[k++] = FEAT2(11, w0->shape);
    f[k++] = FEAT3(12, w0->flags, i == 0);
    f[k++] = FEAT2(13, t1);
    f[k++] = FEAT3(14, t1, t2);
    f[k++] = FEAT3(15, t1, w0->lw);
    f[k++] = FEAT3(16, t1, w0->suf[2]);
    f[k++] = FEAT2(17, wm1->lw);
    f[k++] = FEAT2(18, wm2->lw);
    f[k++] = FEAT2(19, wp1->lw);
    f[k++] = FEAT2(20, wp2->lw);
    f[k++] = FEAT2(21, wm1->suf[2]);
    f[k++] = FEAT2(22, wp1->suf[2]);
    f[k++] = FEAT2(23, w0->amb);
    f[k++] = FEAT2(24, wp1->amb);
    f[k++] = FEAT2(25, wp2->amb);
    f[k++] = FEAT3(26, wp1->amb, wp2->amb);
    f[k++] = FEAT3(27, t1, wp1->amb);
    f[k++] = FEAT3(28, w0->amb, wp1->amb);
    f[k++] = FEAT3(29, wm1->lw, w0->lw);
    f[k++] = FEAT3(30, w0->lw, wp1->lw);
    f[k++] = FEAT2(31, wp1->shape);
    f[k++] = FEAT2(32, wm1->shape);
    f[k++] = FEAT3(33, t1, w0->amb);
    f[k++] = FEAT4(34, t1, w0->amb, wp1->amb);
    f[k++] = FEAT3(35, wp1->lw, wp2->lw);
    f[k++] = FEAT3(36, w0->shape, wp1->amb);
    f[k++] = FEAT2(37, wp1->suf[0]);
    f[k++] = FEAT3(38, w0->camb, i == 0);     /* case-sensitive: PROPN vs NOUN */
    f[k++] = FEAT3(39, w0->camb, wp1->camb);
    if (p1) {
        uint64_t q0 = (uint64_t)p1[i], q1 = i + 1 < n ? (uint64_t)p1[i + 1] : 501,
                 q2 = i + 2 < n ? (uint64_t)p1[i + 2] : 501;
        f[k++] = FEAT2(40, q0);
        f[k++] = FEAT2(41, q1);
        f[k++] = FEAT3(42, q1, q2);
        f[k++] = FEAT3(43, t1, q1);
        f[k++] = FEAT3(44, q0, w0->lw);
        f[k++] = FEAT3(45, q1, w0->lw);
        f[k++] = FEAT4(46, t1, q0, q1);
        f[k++] = FEAT3(47, q0, w0->suf[2]);
    }
    return k;
}

void pos_tag(const ap_model *m, const pos_word *ws, size_t n, const int *p1, int *tags,
             int32_t *scores)
{
    uint64_t f[POS_MAXFEAT];
    int nc = (int)m->nclass;
    for (size_t i = 0; i < n; i++) {
        size_t nf = pos_features(ws, n, i, tags, p1, f);
        memset(scores, 0, (size_t)m->npad * sizeof *scores);
        ap_score(m, f, nf, scores);
        for (uint32_t c = (uint32_t)nc; c < m->npad; c++) scores[c] = INT32_MIN;
        tags[i] = ap_argmax(scores, m->npad);
    }
}
