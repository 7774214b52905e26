/* test_core.c — arena, vectors, UTF-8 repair, document model, errors. */
#include <math.h>
#include <stdint.h>

#include "arena.h"
#include "doc.h"
#include "err.h"
#include "utf8.h"
#include "vec.h"
#include "test.h"

static void arena_reuses_memory_after_reset(void)
{
    arena a;
    arena_init(&a);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 1000; i++) {
            char *p = arena_alloc(&a, 100);
            CHECK(p != NULL);
            CHECK(((uintptr_t)p & 15) == 0);
            memset(p, 'x', 100);
        }
        arena_reset(&a);
    }
    /* after a reset the peak fits in one chunk */
    char *s = arena_strdup(&a, "hello");
    CHECK_STR(s, "hello");
    char *f = arena_printf(&a, "%d-%s", 42, "x");
    CHECK_STR(f, "42-x");
    arena_free(&a);
}

static void arena_large_allocation(void)
{
    arena a;
    arena_init(&a);
    char *p = arena_alloc(&a, 10 << 20);
    CHECK(p != NULL);
    p[(10 << 20) - 1] = 1;
    CHECK(arena_calloc(&a, 16) != NULL);
    arena_free(&a);
}

static void vec_grows(void)
{
    VEC(int) v = {0};
    for (int i = 0; i < 10000; i++) {
        int *slot = vec_push(v);
        CHECK(slot != NULL);
        if (slot) *slot = i;
    }
    CHECK_INT(v.n, 10000);
    CHECK_INT(v.v[9999], 9999);
    vec_free(v);
}

static void utf8_repair_maximal_subparts(void)
{
    char out[64];
    size_t nbad;
    /* lone continuation byte, truncated 3-byte sequence, overlong, surrogate */
    size_t n = utf8_repair("a\x80" "b\xE2\x82" "c\xC0\xAF" "d\xED\xA0\x80", 12, out, &nbad);
    CHECK_STR(out, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_INT(nbad, 7);
    CHECK_INT(n, strlen(out));
    n = utf8_repair("x\0y", 3, out, &nbad);
    CHECK_INT(nbad, 1);
    CHECK_STR(out, "x\xEF\xBF\xBDy");
}

static void utf8_valid_text_unchanged(void)
{
    const char *s = "Kyiv \xE2\x80\x93 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xF0\x9F\x98\x80";
    CHECK_INT(utf8_valid_prefix(s, strlen(s)), strlen(s));
    CHECK_INT(utf8_count(s, strlen(s)), 13);
    char buf[4];
    CHECK_INT(utf8_encode(0x1F600, buf), 4);
    uint32_t cp;
    CHECK_INT(utf8_decode((const unsigned char *)buf, 4, &cp), 4);
    CHECK_INT(cp, 0x1F600);
}

static void doc_repairs_text_and_warns(void)
{
    sitrep_doc *d = sitrep_doc_new();
    CHECK(sitrep_doc_set_text(d, "ok\xFF!", 4) == SITREP_OK);
    size_t len;
    const char *t = sitrep_doc_text(d, &len);
    CHECK_STR(t, "ok\xEF\xBF\xBD!");
    CHECK_INT(sitrep_doc_nwarnings(d), 1);
    CHECK(strstr(sitrep_doc_warning(d, 0), "1 invalid UTF-8 sequence") != NULL);
    sitrep_doc_reset(d);
    CHECK_INT(sitrep_doc_nwarnings(d), 0);
    CHECK(sitrep_doc_get(d, SITREP_FIELD_ID) == NULL);
    sitrep_doc_free(d);
}

static void doc_code_point_offsets(void)
{
    sitrep_doc *d = sitrep_doc_new();
    /* 100 two-byte letters then ASCII: byte 200 is code point 100 */
    char text[300];
    size_t n = 0;
    for (int i = 0; i < 100; i++) { text[n++] = '\xD0'; text[n++] = '\x9A'; }
    memcpy(text + n, "Kyiv", 4);
    n += 4;
    sitrep_doc_set_text(d, text, n);
    CHECK_INT(sitrep_doc_cp(d, 0), 0);
    CHECK_INT(sitrep_doc_cp(d, 2), 1);
    CHECK_INT(sitrep_doc_cp(d, 130), 65);
    CHECK_INT(sitrep_doc_cp(d, 200), 100);
    CHECK_INT(sitrep_doc_cp(d, 204), 104);
    CHECK_INT(sitrep_doc_cp(d, 9999), 104);
    sitrep_doc_free(d);
}

static void doc_fields_are_copied(void)
{
    sitrep_doc *d = sitrep_doc_new();
    char id[] = "a1";
    sitrep_doc_set(d, SITREP_FIELD_ID, id, 2);
    id[0] = 'z';
    CHECK_STR(sitrep_doc_get(d, SITREP_FIELD_ID), "a1");
    CHECK(sitrep_doc_set(d, (sitrep_field)99, "x", 1) == SITREP_ERR_USAGE);
    sitrep_doc_free(d);
}

static void upos_names_round_trip(void)
{
    for (int i = 1; i < SITREP_UPOS_COUNT; i++)
        CHECK_INT(sitrep_upos_from_name(sitrep_upos_name(i)), i);
    CHECK_INT(sitrep_upos_from_name("NOPE"), SITREP_UPOS_NONE);
}

static void error_formatting(void)
{
    sitrep_error e;
    sitrep_error_clear(&e);
    err_set(&e, SITREP_ERR_INPUT, "a.jsonl", 3, SIZE_MAX, "no \"text\" field");
    char buf[300];
    sitrep_error_format(&e, buf, sizeof buf);
    CHECK_STR(buf, "a.jsonl:3: no \"text\" field");
    err_set(&e, SITREP_ERR_INPUT, "a.gz", 0, 1234, "truncated gzip stream");
    sitrep_error_format(&e, buf, sizeof buf);
    CHECK_STR(buf, "a.gz: byte offset 1234: truncated gzip stream");
    CHECK_STR(sitrep_status_str(SITREP_ERR_NOMEM), "out of memory");
}

int main(void)
{
    RUN(arena_reuses_memory_after_reset);
    RUN(arena_large_allocation);
    RUN(vec_grows);
    RUN(utf8_repair_maximal_subparts);
    RUN(utf8_valid_text_unchanged);
    RUN(doc_repairs_text_and_warns);
    RUN(doc_code_point_offsets);
    RUN(doc_fields_are_copied);
    RUN(upos_names_round_trip);
    RUN(error_formatting);
    return TEST_EXIT();
}
