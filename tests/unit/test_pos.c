/* test_pos.c — tagger word encoding and features. */
#include <string.h>

#include "pos.h"
#include "test.h"

static void word_encoding(void)
{
    pos_word a, b, c;
    pos_word_init(&a, "Running");
    pos_word_init(&b, "running");
    pos_word_init(&c, "RUNNING");
    CHECK(a.lw == b.lw && b.lw == c.lw);     /* lower case shared */
    CHECK(a.w != b.w);                       /* form kept */
    CHECK(a.suf[2] == b.suf[2]);             /* "ing" */
    CHECK(a.flags & POS_F_TITLE);
    CHECK(c.flags & POS_F_ALLUPPER);
    CHECK(!(b.flags & POS_F_UPPER));
    pos_word d, e;
    pos_word_init(&d, "1990");
    pos_word_init(&e, "2024");
    CHECK(d.shape == e.shape && (d.flags & POS_F_DIGIT));
    pos_word_init(&d, "Zelensky");
    pos_word_init(&e, "Kellogg");
    CHECK(d.shape == e.shape);               /* "Xxx" */
    pos_word_init(&d, "post-war");
    CHECK(d.flags & POS_F_HYPHEN);
    pos_word_init(&d, "");                   /* empty form is harmless */
    pos_word_init(&e, "Kyjiv\xc3\xa4");      /* non-ASCII suffix by characters */
    CHECK(e.suf[0] != 0);
}

static void features_bounded_and_contextual(void)
{
    const char *s[] = { "Putin", "ordered", "troops", "to", "Kursk", "." };
    pos_word w[6];
    int tags[6] = { 1, 2, 3, 4, 5, 6 };
    uint64_t f1[POS_MAXFEAT], f2[POS_MAXFEAT];
    for (int i = 0; i < 6; i++) pos_word_init(&w[i], s[i]);
    for (size_t i = 0; i < 6; i++) {
        size_t n = pos_features(w, 6, i, tags, NULL, f1);
        CHECK(n > 10 && n <= POS_MAXFEAT);
    }
    size_t n1 = pos_features(w, 6, 2, tags, NULL, f1);
    tags[1] = 9;                              /* previous tag changes features */
    size_t n2 = pos_features(w, 6, 2, tags, NULL, f2);
    CHECK_INT(n1, n2);
    CHECK(memcmp(f1, f2, n1 * sizeof *f1) != 0);
    int p1[6] = { 1, 2, 3, 4, 5, 6 };
    size_t n3 = pos_features(w, 6, 2, tags, p1, f2);   /* stacked: more features */
    CHECK(n3 > n2 && n3 <= POS_MAXFEAT);
    CHECK(memcmp(f1, f2, 5 * sizeof *f1) == 0);         /* first pass's are kept */
}

int main(void)
{
    RUN(word_encoding);
    RUN(features_bounded_and_contextual);
    return TEST_EXIT();
}
