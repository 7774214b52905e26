/* test_out.c — the JSON record and TSV rows. */
#include <math.h>

#include "doc.h"
#include "test.h"

static sitrep_buf b;

static char *render(sitrep_doc *d, sitrep_format fmt)
{
    b.len = 0;
    CHECK(sitrep_write_doc(d, fmt, &b) == SITREP_OK);
    return b.data ? b.data : "";
}

static void empty_record_has_every_field(void)
{
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set(d, SITREP_FIELD_ID, "x1", 2);
    sitrep_doc_set_text(d, "", 0);
    CHECK_STR(render(d, SITREP_FORMAT_JSONL),
              "{\"id\":\"x1\",\"date\":null,\"title\":null,\"url\":null,\"sentences\":0,"
              "\"events\":[],\"quotes\":[],\"actors\":[],\"locations\":[],\"tone\":null,"
              "\"loaded\":[],\"warnings\":[]}\n");
    sitrep_doc_free(d);
}

static void strings_are_escaped(void)
{
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set(d, SITREP_FIELD_ID, "a\"b\\c\n\x01", 7);
    sitrep_doc_set(d, SITREP_FIELD_TITLE, "Kyiv \xE2\x80\x93 t\tab", 13);
    sitrep_doc_set_text(d, "", 0);
    const char *s = render(d, SITREP_FORMAT_JSONL);
    CHECK(strstr(s, "\"id\":\"a\\\"b\\\\c\\n\\u0001\"") != NULL);
    CHECK(strstr(s, "\"title\":\"Kyiv \xE2\x80\x93 t\\tab\"") != NULL);
    sitrep_doc_free(d);
}

static void offsets_are_code_points(void)
{
    sitrep_doc *d = sitrep_doc_new();
    const char *text = "\xE2\x80\x9CPutin\xE2\x80\x9D said";   /* “Putin” said */
    sitrep_doc_set_text(d, text, strlen(text));
    sitrep_actor *a = vec_push(d->actors);
    a->start = 3;
    a->end = 8;
    a->text = "Putin";
    a->code = "RUSGOV";
    const char *s = render(d, SITREP_FORMAT_JSONL);
    CHECK(strstr(s, "\"actors\":[{\"text\":\"Putin\",\"code\":\"RUSGOV\",\"sentence\":0,\"start\":1,\"end\":6}]") != NULL);
    sitrep_doc_free(d);
}

static void event_json_and_tsv(void)
{
    sitrep_doc *d = sitrep_doc_new();
    const char *text = "Putin threatened Ukraine.";
    sitrep_doc_set_text(d, text, strlen(text));
    sitrep_doc_set(d, SITREP_FIELD_ID, "e1", 2);
    sitrep_doc_set(d, SITREP_FIELD_DATE, "2025-03-13", 10);
    sitrep_event *e = vec_push(d->events);
    e->sentence = 0;
    e->source = (sitrep_argument){1, 0, 5, "Putin", "RUSGOV"};
    e->target = (sitrep_argument){1, 17, 24, "Ukraine", "UKR"};
    e->code = "138";
    e->root = "13";
    e->quad = 4;
    e->goldstein = -7.0;
    e->plover = "THREATEN";
    e->location.lat = NAN;
    const char *s = render(d, SITREP_FORMAT_JSONL);
    CHECK(strstr(s, "\"events\":[{\"sentence\":0,\"source\":{\"code\":\"RUSGOV\",\"text\":\"Putin\",\"start\":0,\"end\":5},"
                    "\"target\":{\"code\":\"UKR\",\"text\":\"Ukraine\",\"start\":17,\"end\":24},\"code\":\"138\","
                    "\"root\":\"13\",\"quad\":4,\"goldstein\":-7.0,\"plover\":\"THREATEN\",\"negated\":false,"
                    "\"location\":null}]") != NULL);
    CHECK_STR(render(d, SITREP_FORMAT_TSV),
              "e1\t2025-03-13\t0\tRUSGOV\tPutin\tUKR\tUkraine\t138\t13\t4\t-7.0\tTHREATEN\t0\t\t\t\t\t\t\n");
    e->target.present = 0;
    e->code = "075A";
    e->root = NULL;
    e->quad = 0;
    e->goldstein = NAN;
    e->plover = NULL;
    s = render(d, SITREP_FORMAT_JSONL);
    CHECK(strstr(s, "\"target\":null,\"code\":\"075A\",\"root\":null,\"quad\":null,\"goldstein\":null,\"plover\":null") != NULL);
    sitrep_doc_free(d);
}

static void warnings_listed(void)
{
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set_text(d, "\xFF", 1);
    sitrep_doc_warn(d, "line %d", 3);
    const char *s = render(d, SITREP_FORMAT_JSONL);
    CHECK(strstr(s, "\"warnings\":[\"1 invalid UTF-8 sequence replaced by U+FFFD\",\"line 3\"]}\n") != NULL);
    sitrep_doc_free(d);
}

static void tsv_header_columns(void)
{
    const char *h = sitrep_tsv_header();
    int tabs = 0;
    for (const char *p = h; *p; p++) tabs += *p == '\t';
    CHECK_INT(tabs, 18);
    CHECK(h[strlen(h) - 1] == '\n');
}

int main(void)
{
    RUN(empty_record_has_every_field);
    RUN(strings_are_escaped);
    RUN(offsets_are_code_points);
    RUN(event_json_and_tsv);
    RUN(warnings_listed);
    RUN(tsv_header_columns);
    sitrep_buf_free(&b);
    return TEST_EXIT();
}
