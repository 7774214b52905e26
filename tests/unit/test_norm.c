/* test_norm.c — the normalization shadow string and its offset map (norm.c). */
#include <stdint.h>

#include "test.h"
#include "doc.h"
#include "norm.h"

static sitrep_doc *normed(const char *text)
{
    sitrep_doc *d = sitrep_doc_new();
    if (!d) return NULL;
    sitrep_doc_set_text(d, text, strlen(text));
    if (norm_run(d) != SITREP_OK) { sitrep_doc_free(d); return NULL; }
    return d;
}

/* the map is non-decreasing, inside the text, and ends at len */
static void check_map(const sitrep_doc *d)
{
    CHECK_INT(d->norm_map[d->norm_len], d->len);
    for (size_t i = 0; i < d->norm_len; i++) {
        CHECK(d->norm_map[i] < d->len);
        if (i) CHECK(d->norm_map[i] >= d->norm_map[i - 1]);
    }
    CHECK_INT(strlen(d->norm), d->norm_len);
}

static void ascii_is_identity(void)
{
    sitrep_doc *d = normed("Plain ASCII, 100% (unchanged).");
    CHECK(d != NULL);
    if (!d) return;
    CHECK_STR(d->norm, "Plain ASCII, 100% (unchanged).");
    for (size_t i = 0; i < d->norm_len; i++) CHECK_INT(d->norm_map[i], i);
    check_map(d);
    sitrep_doc_free(d);
}

static void curly_quotes_straight(void)
{
    /* “Hi,” it’s ‘fine’ */
    sitrep_doc *d = normed("\xE2\x80\x9CHi,\xE2\x80\x9D it\xE2\x80\x99s \xE2\x80\x98" "fine\xE2\x80\x99");
    CHECK_STR(d->norm, "\"Hi,\" it's 'fine'");
    CHECK_INT(d->norm_map[0], 0);  /* " <- “ at 0 */
    CHECK_INT(d->norm_map[1], 3);  /* H */
    CHECK_INT(d->norm_map[4], 6);  /* " <- ” at 6 */
    CHECK_INT(d->norm_map[8], 12); /* ' <- ’ at 12 */
    check_map(d);
    sitrep_doc_free(d);
}

static void dashes_and_ellipsis(void)
{
    /* a–b, c—d, −5, wait… */
    sitrep_doc *d = normed("a\xE2\x80\x93" "b c\xE2\x80\x94" "d \xE2\x88\x92" "5 wait\xE2\x80\xA6");
    CHECK_STR(d->norm, "a-b c--d -5 wait...");
    CHECK_INT(d->norm_map[5], 7); /* both "-" of "--" map to the em dash */
    CHECK_INT(d->norm_map[6], 7);
    CHECK_INT(d->norm_map[7], 10);
    CHECK_INT(d->norm_map[16], 21); /* the three dots map to the ellipsis */
    CHECK_INT(d->norm_map[18], 21);
    check_map(d);
    sitrep_doc_free(d);
}

static void spaces_and_invisibles(void)
{
    /* nbsp, narrow nbsp, ZWSP, soft hyphen, BOM, line separator */
    sitrep_doc *d = normed("\xEF\xBB\xBF" "a\xC2\xA0" "b\xE2\x80\xAF" "c co\xC2\xAD" "op x\xE2\x80\x8By\xE2\x80\xA8z");
    CHECK_STR(d->norm, "a b c coop xy\nz");
    CHECK_INT(d->norm_map[0], 3);  /* after the BOM */
    CHECK_INT(d->norm_map[8], 16); /* "o" after the soft hyphen */
    check_map(d);
    sitrep_doc_free(d);
}

static void nfc_composes(void)
{
    /* e + combining acute -> é; Angstrom sign -> Å; already NFC stays */
    sitrep_doc *d = normed("Caf" "e\xCC\x81 \xE2\x84\xAB \xC3\xA9t\xC3\xA9 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2");
    CHECK_STR(d->norm, "Caf\xC3\xA9 \xC3\x85 \xC3\xA9t\xC3\xA9 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2");
    CHECK_INT(d->norm_map[3], 3); /* both bytes of é map to the "e" */
    CHECK_INT(d->norm_map[4], 3);
    CHECK_INT(d->norm_map[5], 6);
    check_map(d);
    sitrep_doc_free(d);
}

static void map_cp_table(void)
{
    char out[4];
    CHECK_INT(norm_map_cp(0x2019, out), 1);
    CHECK(out[0] == '\'');
    CHECK_INT(norm_map_cp(0x2014, out), 2);
    CHECK_INT(norm_map_cp(0x2026, out), 3);
    CHECK_INT(norm_map_cp(0x200B, out), 0);
    CHECK_INT(norm_map_cp(0x00E9, out), -1);
    CHECK_INT(norm_map_cp('a', out), -1);
}

static void empty_and_odd(void)
{
    sitrep_doc *d = normed("");
    CHECK(d != NULL);
    if (d) { CHECK_INT(d->norm_len, 0); CHECK_INT(d->norm_map[0], 0); sitrep_doc_free(d); }
    /* lone combining marks, U+FFFD, controls */
    d = normed("\xCC\x81\xCC\x81\xEF\xBF\xBD\x01\x7f");
    CHECK(d != NULL);
    if (d) { check_map(d); sitrep_doc_free(d); }
    /* a long run of combining marks is copied, not composed */
    char buf[1 + 2 * 100 + 1];
    buf[0] = 'a';
    for (int i = 0; i < 100; i++) { buf[1 + 2 * i] = (char)0xCC; buf[2 + 2 * i] = (char)0x81; }
    buf[sizeof buf - 1] = '\0';
    d = normed(buf);
    CHECK(d != NULL);
    if (d) { check_map(d); sitrep_doc_free(d); }
    /* no text at all: an empty shadow */
    d = sitrep_doc_new();
    CHECK_INT(norm_run(d), SITREP_OK);
    CHECK_INT(d->norm_len, 0);
    sitrep_doc_free(d);
}

int main(void)
{
    RUN(ascii_is_identity);
    RUN(curly_quotes_straight);
    RUN(dashes_and_ellipsis);
    RUN(spaces_and_invisibles);
    RUN(nfc_composes);
    RUN(map_cp_table);
    RUN(empty_and_odd);
    return TEST_EXIT();
}
