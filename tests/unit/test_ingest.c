/* test_ingest.c — article readers: JSONL, text, directories, stdin, gzip/zstd
 * (compressed inputs are made at test time with zlib/libzstd), errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "doc.h"
#include "ingest.h"
#include "sitrep.h"
#include "test.h"

#define FIX "tests/fixtures/ingest/"

/* ------------------------------------------------------------ helpers */

/* One call of sitrep_reader_next, recorded. */
typedef struct rec {
    int rc;
    char id[128], date[32], title[128], url[128], source[64];
    int has_date;
    char *text;
    size_t len;
    int failed;
    size_t nwarn;
    char warn[1024];           /* warnings joined with " | " */
    sitrep_error err;
} rec;

static void copy_field(char *dst, size_t cap, const char *s) { snprintf(dst, cap, "%s", s ? s : ""); }

/* Reads every result of r (until 0, at most max calls). Returns the count. */
static int collect(sitrep_reader *r, rec *out, int max)
{
    sitrep_doc *doc = sitrep_doc_new();
    int n = 0;
    for (int calls = 0; calls < max; calls++) {
        rec *x = &out[n];
        memset(x, 0, sizeof *x);
        x->rc = sitrep_reader_next(r, doc, &x->err);
        if (x->rc == 0) break;
        if (x->rc == 1) {
            copy_field(x->id, sizeof x->id, sitrep_doc_get(doc, SITREP_FIELD_ID));
            copy_field(x->date, sizeof x->date, sitrep_doc_get(doc, SITREP_FIELD_DATE));
            x->has_date = sitrep_doc_get(doc, SITREP_FIELD_DATE) != NULL;
            copy_field(x->title, sizeof x->title, sitrep_doc_get(doc, SITREP_FIELD_TITLE));
            copy_field(x->url, sizeof x->url, sitrep_doc_get(doc, SITREP_FIELD_URL));
            copy_field(x->source, sizeof x->source, sitrep_doc_get(doc, SITREP_FIELD_SOURCE));
            const char *t = sitrep_doc_text(doc, &x->len);
            x->text = malloc(x->len + 1);
            memcpy(x->text, t, x->len);
            x->text[x->len] = '\0';
            x->failed = sitrep_doc_failed(doc);
            x->nwarn = sitrep_doc_nwarnings(doc);
            for (size_t i = 0; i < x->nwarn; i++) {
                size_t l = strlen(x->warn);
                snprintf(x->warn + l, sizeof x->warn - l, "%s%s", i ? " | " : "",
                         sitrep_doc_warning(doc, i));
            }
        }
        n++;
    }
    sitrep_doc_free(doc);
    return n;
}

static void recs_free(rec *v, int n)
{
    for (int i = 0; i < n; i++) free(v[i].text);
}

static int read_mem(const char *name, const void *data, size_t len, sitrep_input kind,
                    rec *out, int max)
{
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem(name, data, len, kind, &err);
    if (!r) return -1;
    int n = collect(r, out, max);
    sitrep_reader_close(r);
    return n;
}

static int read_path(const char *path, sitrep_input kind, rec *out, int max)
{
    sitrep_error err;
    sitrep_reader *r = sitrep_reader_open(path, kind, &err);
    if (!r) return -1;
    int n = collect(r, out, max);
    sitrep_reader_close(r);
    return n;
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(data, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

/* gzip member of data (malloc'd). */
static unsigned char *gz(const void *data, size_t len, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&zs, (uLong)len) + 64;
    unsigned char *out = malloc(cap);
    zs.next_in = (unsigned char *)(uintptr_t)data;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    *out_len = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

static unsigned char *zst(const void *data, size_t len, size_t *out_len)
{
    size_t cap = ZSTD_compressBound(len);
    unsigned char *out = malloc(cap);
    *out_len = ZSTD_compress(out, cap, data, len, 3);
    return out;
}

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
    static char buf[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

/* ------------------------------------------------------------ kinds, dates */

static void kind_from_extension(void)
{
    CHECK_INT(ingest_kind_for("a.jsonl"), SITREP_INPUT_JSONL);
    CHECK_INT(ingest_kind_for("a.ndjson"), SITREP_INPUT_JSONL);
    CHECK_INT(ingest_kind_for("a.json"), SITREP_INPUT_JSONL);
    CHECK_INT(ingest_kind_for("a.JSONL.gz"), SITREP_INPUT_JSONL);
    CHECK_INT(ingest_kind_for("dir/a.jsonl.zst"), SITREP_INPUT_JSONL);
    CHECK_INT(ingest_kind_for("a.html"), SITREP_INPUT_HTML);
    CHECK_INT(ingest_kind_for("a.htm.gz"), SITREP_INPUT_HTML);
    CHECK_INT(ingest_kind_for("a.txt"), SITREP_INPUT_TEXT);
    CHECK_INT(ingest_kind_for("a.gz"), SITREP_INPUT_TEXT);
    CHECK_INT(ingest_kind_for("jsonl"), SITREP_INPUT_TEXT);
    CHECK_INT(ingest_kind_for(".gz"), SITREP_INPUT_TEXT);
}

static void date_validation(void)
{
    CHECK(ingest_valid_date("2019-03-13", 10));
    CHECK(ingest_valid_date("2024-02-29", 10));
    CHECK(ingest_valid_date("2000-02-29", 10));
    CHECK(!ingest_valid_date("1900-02-29", 10));
    CHECK(!ingest_valid_date("2019-02-29", 10));
    CHECK(!ingest_valid_date("2019-02-30", 10));
    CHECK(!ingest_valid_date("2019-13-01", 10));
    CHECK(!ingest_valid_date("2019-00-10", 10));
    CHECK(!ingest_valid_date("2019-04-31", 10));
    CHECK(!ingest_valid_date("0000-01-01", 10));
    CHECK(!ingest_valid_date("2019-3-13", 9));
    CHECK(!ingest_valid_date("2019/03/13", 10));
    CHECK(!ingest_valid_date("2019-03-13T00", 13));
}

/* ------------------------------------------------------------ JSONL */

static void jsonl_good_records(void)
{
    rec v[8];
    int n = read_path(FIX "jsonl_good.jsonl", SITREP_INPUT_AUTO, v, 8);
    CHECK_INT(n, 3);
    if (n != 3) { recs_free(v, n > 0 ? n : 0); return; }
    CHECK_INT(v[0].rc, 1);
    CHECK_STR(v[0].id, "a1");
    CHECK_STR(v[0].date, "2019-03-13");
    CHECK_STR(v[0].title, "Talks resume");
    CHECK_STR(v[0].url, "https://example.org/a1");
    CHECK_STR(v[0].source, "Example Wire");
    CHECK_STR(v[0].text, "Officials met in Geneva on Tuesday.");
    CHECK_INT(v[0].nwarn, 0);
    CHECK_INT(v[0].err.status, SITREP_OK);
    CHECK_STR(v[1].id, "42");
    CHECK_STR(v[1].text, "Integer ids are kept as written.");
    /* line 3 is blank and skipped; line 4 has no id: its line number */
    CHECK_STR(v[2].id, "4");
    CHECK(!v[2].has_date);
    CHECK_STR(v[2].title, "");
    recs_free(v, n);
}

static void jsonl_bad_line_in_the_middle(void)
{
    rec v[8];
    int n = read_path(FIX "jsonl_bad_line_middle.jsonl", SITREP_INPUT_AUTO, v, 8);
    CHECK_INT(n, 5);
    if (n != 5) { recs_free(v, n > 0 ? n : 0); return; }
    CHECK_INT(v[0].rc, 1);
    CHECK_STR(v[0].id, "ok-1");
    /* invalid JSON: no id known, -1 with file:line */
    CHECK_INT(v[1].rc, -1);
    CHECK_INT(v[1].err.status, SITREP_ERR_INPUT);
    CHECK_STR(v[1].err.file, FIX "jsonl_bad_line_middle.jsonl");
    CHECK_INT(v[1].err.line, 2);
    CHECK(strncmp(v[1].err.msg, "invalid JSON: ", 14) == 0);
    CHECK(strstr(v[1].err.msg, " at column ") != NULL);
    /* no text, with an id: a failed doc carrying the reason */
    CHECK_INT(v[2].rc, 1);
    CHECK_STR(v[2].id, "no-text");
    CHECK(v[2].failed);
    CHECK_STR(v[2].warn, "no \"text\" field");
    CHECK_INT(v[2].err.status, SITREP_ERR_INPUT);
    CHECK_INT(v[2].err.line, 3);
    CHECK_STR(v[2].err.msg, "no \"text\" field");
    /* no text and no id: -1 */
    CHECK_INT(v[3].rc, -1);
    CHECK_INT(v[3].err.line, 4);
    CHECK_STR(v[3].err.msg, "no \"text\" field");
    CHECK_INT(v[4].rc, 1);
    CHECK_STR(v[4].id, "ok-2");
    CHECK(!v[4].failed);
    CHECK_INT(v[4].err.status, SITREP_OK);
    recs_free(v, n);
}

static void jsonl_wrong_types(void)
{
    const char *in =
        "{\"id\": \"t1\", \"text\": 5}\n"
        "{\"id\": \"t2\", \"text\": \"x\", \"date\": 20190301}\n"
        "{\"id\": \"t3\", \"text\": \"x\", \"title\": [\"a\"]}\n"
        "{\"id\": [1], \"text\": \"x\"}\n"
        "{\"id\": 1.5, \"text\": \"x\"}\n"
        "[1, 2]\n"
        "\"just a string\"\n"
        "{\"id\": \"t8\", \"text\": null}\n"
        "{\"id\": \"t9\", \"text\": \"x\", \"url\": true}\n";
    rec v[12];
    int n = read_mem("types.jsonl", in, strlen(in), SITREP_INPUT_AUTO, v, 12);
    CHECK_INT(n, 9);
    if (n != 9) { recs_free(v, n > 0 ? n : 0); return; }
    CHECK_INT(v[0].rc, 1); CHECK(v[0].failed); CHECK_STR(v[0].err.msg, "\"text\" must be a string");
    CHECK_INT(v[1].rc, 1); CHECK(v[1].failed); CHECK_STR(v[1].err.msg, "\"date\" must be a string");
    CHECK_STR(v[1].warn, "\"date\" must be a string");
    CHECK_INT(v[2].rc, 1); CHECK_STR(v[2].err.msg, "\"title\" must be a string");
    CHECK_INT(v[3].rc, -1); CHECK_STR(v[3].err.msg, "\"id\" must be a string or an integer");
    CHECK_INT(v[4].rc, -1); CHECK_STR(v[4].err.msg, "\"id\" must be a string or an integer");
    CHECK_INT(v[5].rc, -1); CHECK_STR(v[5].err.msg, "not a JSON object");
    CHECK_INT(v[6].rc, -1);
    CHECK_INT(v[7].rc, 1); CHECK_STR(v[7].err.msg, "\"text\" must be a string");
    CHECK_INT(v[8].rc, 1); CHECK_STR(v[8].err.msg, "\"url\" must be a string");
    CHECK_STR(v[8].err.file, "types.jsonl");
    CHECK_INT(v[8].err.line, 9);
    recs_free(v, n);
}

static void jsonl_invalid_utf8_is_repaired(void)
{
    rec v[4];
    int n = read_path(FIX "jsonl_invalid_utf8.jsonl", SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 2);
    if (n != 2) { recs_free(v, n > 0 ? n : 0); return; }
    CHECK_INT(v[0].rc, 1);
    CHECK(!v[0].failed);
    CHECK_STR(v[0].text, "caf\xEF\xBF\xBD au lait \xEF\xBF\xBD\xEF\xBF\xBD end");
    CHECK_STR(v[0].warn, "3 invalid UTF-8 sequences replaced by U+FFFD");
    CHECK_INT(v[0].err.status, SITREP_OK);
    CHECK_INT(v[1].nwarn, 0);
    recs_free(v, n);
}

static void jsonl_escapes_and_nul(void)
{
    const char *in =
        "{\"text\": \"a\\nb\\t\\\"q\\\" \\/ \\u00e9 \\ud83d\\ude00 \\\\\"}\n"
        "{\"text\": \"nul\\u0000here\", \"title\": \"t\\u0000t\"}\n"
        "{\"text\": \"lone \\udc00\"}\n"
        "{\"text\": \"bad \\x escape\"}\n"
        "{\"id\": \"e\\u0031\", \"text\": \"x\", \"title\": \"caf\\u00e9\"}\n";
    rec v[8];
    int n = read_mem("esc.jsonl", in, strlen(in), SITREP_INPUT_JSONL, v, 8);
    CHECK_INT(n, 5);
    if (n != 5) { recs_free(v, n > 0 ? n : 0); return; }
    CHECK_STR(v[0].text, "a\nb\t\"q\" / \xC3\xA9 \xF0\x9F\x98\x80 \\");
    CHECK_INT(v[1].rc, 1);
    CHECK_STR(v[1].text, "nul\xEF\xBF\xBDhere");
    CHECK_INT(v[1].len, 10);
    CHECK_STR(v[1].title, "t\xEF\xBF\xBDt");
    CHECK(strstr(v[1].warn, "1 invalid UTF-8 sequence replaced") != NULL);
    CHECK_INT(v[2].rc, -1);
    CHECK(strstr(v[2].err.msg, "invalid Unicode") != NULL);
    CHECK_INT(v[3].rc, -1);
    CHECK(strncmp(v[3].err.msg, "invalid JSON: ", 14) == 0);
    CHECK_STR(v[4].id, "e1");
    CHECK_STR(v[4].title, "caf\xC3\xA9");
    recs_free(v, n);
}

/* The fast path and jansson's path must agree: the same line, plain, with a
 * nested member (fast path: skipped) and with a number in exponent form (which
 * only jansson takes) gives the same doc. */
static void jsonl_fast_and_slow_paths_agree(void)
{
    static const char *lines[] = {
        "{\"id\": \"x\", \"text\": \"plain\"}",
        "{\"id\": 7, \"text\": \"int id\", \"date\": \"2020-01-31\"}",
        "{\"text\": \"default id\", \"title\": \"T\", \"url\": \"u\", \"source\": \"s\"}",
        "{\"text\": \"bad date\", \"date\": \"2020-02-31\"}",
        "{\"text\": \"esc \\u0000 \\ud834\\udd1e\", \"title\": null}",
        "{\"text\": \"dup\", \"text\": \"dup2\", \"id\": \"a\", \"id\": \"b\"}",
        "{\"text\": \"caf\xe9\", \"n\": -1.25e3, \"b\": true, \"z\": null}",
        "  {\"text\":\"spaces\"}  ",
        "{\"id\": 123456789012345678901, \"text\": \"big\"}",
        "{\"id\": -3, \"text\": \"negative\"}",
        "{\"text\": \"x\", \"date\": \"2020\\u002d01-01\"}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
      for (int variant = 0; variant < 2; variant++) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s\n", lines[i]);
        /* insert a member after the opening brace */
        const char *brace = strchr(lines[i], '{');
        snprintf(b, sizeof b, "%.*s{\"zz\": %s, %s\n", (int)(brace - lines[i]), lines[i],
                 variant ? "1e0" : "[{\"k\": [1, -2.5, \"s\\n\", true, null, {}]}, []]", brace + 1);
        rec va[2], vb[2];
        int na = read_mem("a.jsonl", a, strlen(a), SITREP_INPUT_AUTO, va, 2);
        int nb = read_mem("a.jsonl", b, strlen(b), SITREP_INPUT_AUTO, vb, 2);
        CHECK_INT(na, 1);
        CHECK_INT(nb, 1);
        if (na == 1 && nb == 1) {
            CHECK_INT(va[0].rc, vb[0].rc);
            CHECK_STR(va[0].id, vb[0].id);
            if (va[0].rc == 1) {
                CHECK_STR(va[0].text, vb[0].text);
                CHECK_STR(va[0].date, vb[0].date);
                CHECK_STR(va[0].title, vb[0].title);
                CHECK_STR(va[0].warn, vb[0].warn);
            }
            /* error texts agree up to the column (the nested member shifts it) */
            const char *ca = strstr(va[0].err.msg, " at column");
            size_t la = ca ? (size_t)(ca - va[0].err.msg) : strlen(va[0].err.msg);
            CHECK(strncmp(va[0].err.msg, vb[0].err.msg, la) == 0);
            if (va[0].rc != vb[0].rc || (va[0].rc == 1 && strcmp(va[0].text, vb[0].text)))
                printf("  line %zu: %s\n", i, lines[i]);
        }
        recs_free(va, na > 0 ? na : 0);
        recs_free(vb, nb > 0 ? nb : 0);
      }
    }
}

/* Members the readers do not use may hold any JSON; bad JSON there is still
 * an error, whatever path sees it. */
static void jsonl_nested_values_are_skipped(void)
{
    char deep[400];
    int k = sprintf(deep, "{\"id\": \"deep\", \"x\": ");
    for (int i = 0; i < 40; i++) deep[k++] = '[';
    for (int i = 0; i < 40; i++) deep[k++] = ']';
    sprintf(deep + k, ", \"text\": \"t\"}\n");
    const char *in[] = {
        "{\"id\": \"n1\", \"meta\": {\"authors\": [\"A\", \"B\"], \"n\": {\"k\": null}}, \"text\": \"ok\"}\n",
        "{\"id\": \"n2\", \"meta\": {\"a\\u0000b\": 1}, \"text\": \"nul key\"}\n",
        "{\"id\": \"n3\", \"meta\": [1, ], \"text\": \"x\"}\n",
        "{\"id\": \"n4\", \"meta\": {\"a\" 1}, \"text\": \"x\"}\n",
        "{\"id\": \"n5\", \"title\": {\"a\": 1}, \"text\": \"x\"}\n",
        deep,
    };
    rec v[2];
    int n = read_mem("n.jsonl", in[0], strlen(in[0]), SITREP_INPUT_AUTO, v, 2);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_INT(v[0].rc, 1); CHECK_STR(v[0].id, "n1"); CHECK_STR(v[0].text, "ok"); }
    recs_free(v, n > 0 ? n : 0);
    n = read_mem("n.jsonl", in[1], strlen(in[1]), SITREP_INPUT_AUTO, v, 2);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_INT(v[0].rc, -1); CHECK(strstr(v[0].err.msg, "NUL") != NULL); }
    recs_free(v, n > 0 ? n : 0);
    for (int i = 2; i <= 3; i++) {
        n = read_mem("n.jsonl", in[i], strlen(in[i]), SITREP_INPUT_AUTO, v, 2);
        CHECK_INT(n, 1);
        if (n == 1) { CHECK_INT(v[0].rc, -1); CHECK(strncmp(v[0].err.msg, "invalid JSON: ", 14) == 0); }
        recs_free(v, n > 0 ? n : 0);
    }
    n = read_mem("n.jsonl", in[4], strlen(in[4]), SITREP_INPUT_AUTO, v, 2);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_INT(v[0].rc, 1); CHECK(v[0].failed); CHECK_STR(v[0].err.msg, "\"title\" must be a string"); }
    recs_free(v, n > 0 ? n : 0);
    n = read_mem("n.jsonl", in[5], strlen(in[5]), SITREP_INPUT_AUTO, v, 2);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_INT(v[0].rc, 1); CHECK_STR(v[0].id, "deep"); CHECK_STR(v[0].text, "t"); }
    recs_free(v, n > 0 ? n : 0);
}

static void jsonl_invalid_date_is_a_warning(void)
{
    rec v[4];
    int n = read_path(FIX "jsonl_invalid_date.jsonl", SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 2);
    if (n != 2) { recs_free(v, n > 0 ? n : 0); return; }
    CHECK_INT(v[0].rc, 1);
    CHECK(!v[0].failed);
    CHECK(!v[0].has_date);
    CHECK(strstr(v[0].warn, "invalid \"date\" \"2019-02-30\" ignored") != NULL);
    CHECK_STR(v[0].text, "February has no 30th.");
    CHECK_INT(v[0].err.status, SITREP_OK);
    /* a number is a wrong type: the record fails */
    CHECK_INT(v[1].rc, 1);
    CHECK(v[1].failed);
    recs_free(v, n);
}

static void jsonl_crlf_and_bom(void)
{
    rec v[4];
    int n = read_path(FIX "jsonl_crlf.jsonl", SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 2);
    if (n == 2) { CHECK_STR(v[0].id, "crlf-1"); CHECK_STR(v[1].text, "line two"); }
    recs_free(v, n > 0 ? n : 0);
    const char *bom = "\xEF\xBB\xBF{\"text\": \"after a byte order mark\"}";
    n = read_mem("bom.jsonl", bom, strlen(bom), SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_INT(v[0].rc, 1); CHECK_STR(v[0].id, "1"); }
    recs_free(v, n > 0 ? n : 0);
}

static void jsonl_blank_lines_and_no_final_newline(void)
{
    const char *in = "\n   \n\t\r\n{\"text\": \"a\"}\n\n{\"text\": \"b\"}";
    rec v[4];
    int n = read_mem("b.jsonl", in, strlen(in), SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 2);
    if (n == 2) { CHECK_STR(v[0].id, "4"); CHECK_STR(v[1].id, "6"); CHECK_STR(v[1].text, "b"); }
    recs_free(v, n > 0 ? n : 0);
}

static void jsonl_empty_file_has_no_article(void)
{
    rec v[2];
    CHECK_INT(read_path(FIX "empty.jsonl", SITREP_INPUT_AUTO, v, 2), 0);
    CHECK_INT(read_mem("e.jsonl", "", 0, SITREP_INPUT_AUTO, v, 2), 0);
}

/* A line far larger than the read buffer (100 MB). */
static void jsonl_line_of_100_megabytes(void)
{
    size_t body = 100u << 20;
    const char *pre = "{\"id\": \"big\", \"text\": \"", *post = "\"}\n{\"text\": \"next\"}\n";
    size_t len = strlen(pre) + body + strlen(post);
    char *in = malloc(len);
    if (!in) SKIP("no memory for 100 MB");
    memcpy(in, pre, strlen(pre));
    for (size_t i = 0; i < body; i++) in[strlen(pre) + i] = (char)('a' + i % 26);
    memcpy(in + strlen(pre) + body, post, strlen(post));
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem("big.jsonl", in, len, SITREP_INPUT_AUTO, &err);
    sitrep_doc *doc = sitrep_doc_new();
    CHECK_INT(sitrep_reader_next(r, doc, &err), 1);
    size_t tl;
    const char *t = sitrep_doc_text(doc, &tl);
    CHECK_INT(tl, body);
    CHECK(t[0] == 'a' && t[body - 1] == (char)('a' + (body - 1) % 26));
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_ID), "big");
    CHECK_INT(sitrep_reader_next(r, doc, &err), 1);
    CHECK_STR(sitrep_doc_text(doc, NULL), "next");
    CHECK_INT(sitrep_reader_next(r, doc, &err), 0);
    sitrep_doc_free(doc);
    sitrep_reader_close(r);
    free(in);
}

static const char three_lines[] =
    "{\"id\": \"g1\", \"text\": \"first\"}\n"
    "{\"id\": \"g2\", \"text\": \"second\"}\n"
    "{\"id\": \"g3\", \"text\": \"third\"}\n";

static void jsonl_gzip(void)
{
    size_t zl;
    unsigned char *z = gz(three_lines, strlen(three_lines), &zl);
    rec v[4];
    /* compression is found by magic, not by name */
    int n = read_mem("plain-name.jsonl", z, zl, SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 3);
    if (n == 3) { CHECK_STR(v[2].id, "g3"); CHECK_STR(v[2].text, "third"); }
    recs_free(v, n > 0 ? n : 0);
    free(z);
}

static void jsonl_gzip_concatenated_members(void)
{
    const char *a = "{\"text\": \"member one\"}\n", *b = "{\"text\": \"member two\"}\n";
    size_t la, lb;
    unsigned char *za = gz(a, strlen(a), &la), *zb = gz(b, strlen(b), &lb);
    unsigned char *cat = malloc(la + lb);
    memcpy(cat, za, la);
    memcpy(cat + la, zb, lb);
    rec v[4];
    int n = read_mem("m.jsonl.gz", cat, la + lb, SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 2);
    if (n == 2) { CHECK_STR(v[1].text, "member two"); CHECK_STR(v[1].id, "2"); }
    recs_free(v, n > 0 ? n : 0);
    free(za); free(zb); free(cat);
}

static void jsonl_zstd_frames(void)
{
    const char *b = "{\"text\": \"second frame\"}\n";
    size_t la, lb;
    unsigned char *za = zst(three_lines, strlen(three_lines), &la), *zb = zst(b, strlen(b), &lb);
    unsigned char *cat = malloc(la + lb);
    memcpy(cat, za, la);
    memcpy(cat + la, zb, lb);
    rec v[6];
    int n = read_mem("z.jsonl.zst", cat, la + lb, SITREP_INPUT_AUTO, v, 6);
    CHECK_INT(n, 4);
    if (n == 4) { CHECK_STR(v[0].id, "g1"); CHECK_STR(v[3].text, "second frame"); }
    recs_free(v, n > 0 ? n : 0);
    free(za); free(zb); free(cat);
}

/* Truncation: the complete lines before the damage, then -1 naming the byte. */
static void jsonl_truncated_gzip(void)
{
    /* enough incompressible-ish lines that the cut falls in the middle */
    size_t cap = 200000, len = 0;
    char *in = malloc(cap);
    unsigned x = 12345;
    for (int i = 0; len + 200 < cap; i++) {
        char word[64];
        int k = 0;
        for (int j = 0; j < 40; j++) { x = x * 1103515245u + 12345u; word[k++] = (char)('a' + (x >> 16) % 26); }
        word[k] = '\0';
        len += (size_t)snprintf(in + len, cap - len, "{\"id\": \"r%d\", \"text\": \"%s\"}\n", i, word);
    }
    size_t zl;
    unsigned char *z = gz(in, len, &zl);
    size_t cut = zl / 2;
    rec *v = malloc(5000 * sizeof *v);
    int n = read_mem("t.jsonl.gz", z, cut, SITREP_INPUT_AUTO, v, 5000);
    CHECK(n > 10);
    if (n > 10) {
        for (int i = 0; i < n - 1; i++) {
            char want[16];
            snprintf(want, sizeof want, "r%d", i);
            if (v[i].rc != 1 || strcmp(v[i].id, want) != 0) { CHECK_STR(v[i].id, want); break; }
        }
        rec *last = &v[n - 1];
        CHECK_INT(last->rc, -1);
        CHECK_INT(last->err.status, SITREP_ERR_INPUT);
        CHECK_STR(last->err.file, "t.jsonl.gz");
        CHECK_INT(last->err.offset, cut);
        char want[64];
        snprintf(want, sizeof want, "truncated gzip stream at byte %zu", cut);
        CHECK_STR(last->err.msg, want);
    }
    recs_free(v, n > 0 ? n : 0);
    free(v); free(z); free(in);
}

static void jsonl_truncated_zstd(void)
{
    size_t zl;
    unsigned char *z = zst(three_lines, strlen(three_lines), &zl);
    rec v[6];
    int n = read_mem("t.jsonl.zst", z, zl - 3, SITREP_INPUT_AUTO, v, 6);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK_INT(v[n - 1].rc, -1);
        CHECK(strstr(v[n - 1].err.msg, "truncated zstd stream at byte") != NULL);
        CHECK_INT(v[n - 1].err.offset, zl - 3);
        for (int i = 0; i < n - 1; i++) CHECK_INT(v[i].rc, 1);
    }
    recs_free(v, n > 0 ? n : 0);
    free(z);
}

static void gzip_corrupt_and_trailing_garbage(void)
{
    size_t zl;
    unsigned char *z = gz(three_lines, strlen(three_lines), &zl);
    unsigned char *bad = malloc(zl + 8);
    memcpy(bad, z, zl);
    memcpy(bad + zl, "GARBAGE!", 8);
    rec v[6];
    int n = read_mem("g.jsonl", bad, zl + 8, SITREP_INPUT_AUTO, v, 6);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_INT(v[2].rc, 1);
        CHECK_INT(v[3].rc, -1);
        CHECK(strstr(v[3].err.msg, "trailing garbage after gzip stream") != NULL);
        CHECK_INT(v[3].err.offset, zl);
    }
    recs_free(v, n > 0 ? n : 0);
    /* a flipped byte in the deflate data */
    memcpy(bad, z, zl);
    bad[12] ^= 0xff;
    bad[13] ^= 0x55;
    n = read_mem("g.jsonl", bad, zl, SITREP_INPUT_AUTO, v, 6);
    CHECK(n >= 1);
    if (n >= 1) CHECK_INT(v[n - 1].rc, -1);
    recs_free(v, n > 0 ? n : 0);
    free(bad); free(z);
}

/* ------------------------------------------------------------ text */

static void text_file_id_is_basename_without_compression_suffix(void)
{
    const char *body = "Officials met in Geneva.\n\nTalks resume next week.\n";
    size_t zl;
    unsigned char *z = gz(body, strlen(body), &zl);
    const char *path = tmp_path("story.txt.gz");
    CHECK_INT(write_file(path, z, zl), 0);
    rec v[3];
    int n = read_path(path, SITREP_INPUT_AUTO, v, 3);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(v[0].id, "story.txt");
        CHECK_STR(v[0].text, body);
        CHECK_INT(v[0].nwarn, 0);
    }
    recs_free(v, n > 0 ? n : 0);
    free(z);
}

static void text_zstd_forced_kind(void)
{
    const char *body = "{\"text\": \"read as text, not JSONL\"}";
    size_t zl;
    unsigned char *z = zst(body, strlen(body), &zl);
    rec v[3];
    int n = read_mem("x.jsonl.zst", z, zl, SITREP_INPUT_TEXT, v, 3);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_STR(v[0].text, body); CHECK_STR(v[0].id, "x.jsonl"); }
    recs_free(v, n > 0 ? n : 0);
    free(z);
}

static void text_empty_file_is_an_empty_article(void)
{
    rec v[3];
    int n = read_path(FIX "empty.txt", SITREP_INPUT_AUTO, v, 3);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_INT(v[0].rc, 1); CHECK_STR(v[0].id, "empty.txt"); CHECK_INT(v[0].len, 0); }
    recs_free(v, n > 0 ? n : 0);
}

static void text_binary_garbage_never_fails(void)
{
    unsigned char g[4096];
    unsigned x = 99;
    for (size_t i = 0; i < sizeof g; i++) { x = x * 1103515245u + 12345u; g[i] = (unsigned char)(x >> 16); }
    g[0] = 0x00; /* not a magic */
    for (int kind = SITREP_INPUT_TEXT; kind <= SITREP_INPUT_HTML; kind++) {
        rec *v = malloc(4096 * sizeof *v);
        int n = read_mem("garbage.bin", g, sizeof g, (sitrep_input)kind, v, 4096);
        CHECK(n >= 0);
        if (kind != SITREP_INPUT_JSONL) {
            CHECK_INT(n, 1);
            if (n == 1) CHECK(strstr(v[0].warn, "invalid UTF-8") != NULL || kind == SITREP_INPUT_HTML);
        } else {
            for (int i = 0; i < n; i++) CHECK_INT(v[i].rc, -1);
        }
        recs_free(v, n > 0 ? n : 0);
        free(v);
    }
    /* garbage behind a gzip magic */
    g[0] = 0x1f; g[1] = 0x8b;
    rec v[4];
    int n = read_mem("garbage.txt", g, sizeof g, SITREP_INPUT_AUTO, v, 4);
    CHECK(n >= 1);
    if (n >= 1) CHECK_INT(v[n - 1].rc, -1);
    recs_free(v, n > 0 ? n : 0);
}

static void text_truncated_gzip_gives_article_then_error(void)
{
    size_t cap = 100000;
    char *body = malloc(cap);
    unsigned x = 7;
    for (size_t i = 0; i < cap; i++) { x = x * 1103515245u + 12345u; body[i] = (char)('a' + (x >> 16) % 26); }
    size_t zl;
    unsigned char *z = gz(body, cap, &zl);
    const char *path = tmp_path("cut.txt.gz");
    CHECK_INT(write_file(path, z, zl / 2), 0);
    rec v[4];
    int n = read_path(path, SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(v[0].rc, 1);
        CHECK_STR(v[0].id, "cut.txt");
        CHECK(v[0].len > 0 && v[0].len < cap);
        CHECK(memcmp(v[0].text, body, v[0].len) == 0);
        char want[64];
        snprintf(want, sizeof want, "truncated gzip stream at byte %zu", zl / 2);
        CHECK_STR(v[0].warn, want);
        CHECK_INT(v[1].rc, -1);
        CHECK_STR(v[1].err.file, path);
        CHECK_INT(v[1].err.offset, zl / 2);
        CHECK_STR(v[1].err.msg, want);
    }
    recs_free(v, n > 0 ? n : 0);
    free(z); free(body);
}

/* ------------------------------------------------------------ paths */

static void directory_walk_sorted_skipping_hidden(void)
{
    rec v[12];
    sitrep_error err;
    sitrep_reader *r = sitrep_reader_open(FIX "tree", SITREP_INPUT_AUTO, &err);
    CHECK(r != NULL);
    if (!r) return;
    int n = collect(r, v, 12);
    sitrep_reader_close(r);
    static const char *ids[] = { "a-b.txt", "a.txt", "a/x.txt", "b.html", "deep-1", "deep-2" };
    CHECK_INT(n, 6);
    for (int i = 0; i < n && i < 6; i++) {
        CHECK_INT(v[i].rc, 1);
        CHECK_STR(v[i].id, ids[i]);
    }
    if (n == 6) {
        CHECK_STR(v[1].text, "Officials met in Geneva on Tuesday.\n\nThe talks resume next week.\n");
        CHECK_STR(v[3].text, "An HTML page in a tree.");
        CHECK_STR(v[3].title, "B page");
    }
    recs_free(v, n > 0 ? n : 0);
    /* a trailing slash changes nothing */
    r = sitrep_reader_open(FIX "tree/", SITREP_INPUT_AUTO, &err);
    n = r ? collect(r, v, 12) : -1;
    CHECK_INT(n, 6);
    if (n == 6) CHECK_STR(v[2].id, "a/x.txt");
    recs_free(v, n > 0 ? n : 0);
    sitrep_reader_close(r);
}

static void directory_errors_name_the_full_path(void)
{
    char d[300], sub[320];
    snprintf(d, sizeof d, "%s/dir", tmpdir);
    snprintf(sub, sizeof sub, "%s/dir/sub", tmpdir);
    mkdir(d, 0755);
    mkdir(sub, 0755);
    write_file(tmp_path("dir/sub/bad.jsonl"), "{\"text\": \"ok\"}\n{oops}\n", 22);
    write_file(tmp_path("dir/z.txt"), "last", 4);
    rec v[6];
    int n = read_path(d, SITREP_INPUT_AUTO, v, 6);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(v[1].rc, -1);
        CHECK_STR(v[1].err.file, tmp_path("dir/sub/bad.jsonl"));
        CHECK_INT(v[1].err.line, 2);
        CHECK_STR(v[2].id, "z.txt");
    }
    recs_free(v, n > 0 ? n : 0);
    /* an unreadable file is an error and the walk goes on */
    if (geteuid() == 0) SKIP("running as root: cannot make an unreadable file");
    const char *locked = tmp_path("dir/sub/locked.txt");
    write_file(locked, "secret", 6);
    chmod(locked, 0);
    n = read_path(d, SITREP_INPUT_AUTO, v, 6);
    CHECK_INT(n, 4);
    if (n == 4) { CHECK_INT(v[2].rc, -1); CHECK_INT(v[2].err.status, SITREP_ERR_IO); CHECK_STR(v[2].err.file, locked); }
    recs_free(v, n > 0 ? n : 0);
}

static void missing_path_is_an_io_error(void)
{
    sitrep_error err;
    sitrep_reader *r = sitrep_reader_open(FIX "no-such-file.jsonl", SITREP_INPUT_AUTO, &err);
    CHECK(r == NULL);
    CHECK_INT(err.status, SITREP_ERR_IO);
    CHECK_STR(err.file, FIX "no-such-file.jsonl");
    CHECK(strstr(err.msg, "cannot open") != NULL);
    r = sitrep_reader_open(FIX "empty.txt", (sitrep_input)17, &err);
    CHECK(r == NULL);
    CHECK_INT(err.status, SITREP_ERR_USAGE);
}

/* Runs a reader on "-" with fd 0 replaced by the file at path. */
static int read_stdin_from(const char *path, sitrep_input kind, rec *v, int max)
{
    int saved = dup(0), fd = open(path, O_RDONLY);
    if (saved < 0 || fd < 0) return -2;
    dup2(fd, 0);
    close(fd);
    int n = read_path("-", kind, v, max);
    dup2(saved, 0);
    close(saved);
    return n;
}

static void stdin_is_text_unless_told(void)
{
    rec v[4];
    int n = read_stdin_from(FIX "jsonl_good.jsonl", SITREP_INPUT_AUTO, v, 4);
    CHECK_INT(n, 1);
    if (n == 1) { CHECK_STR(v[0].id, "-"); CHECK(strstr(v[0].text, "\"id\": \"a1\"") != NULL); }
    recs_free(v, n > 0 ? n : 0);
    n = read_stdin_from(FIX "jsonl_good.jsonl", SITREP_INPUT_JSONL, v, 4);
    CHECK_INT(n, 3);
    if (n == 3) CHECK_STR(v[0].id, "a1");
    recs_free(v, n > 0 ? n : 0);
    /* compressed stdin */
    size_t zl;
    unsigned char *z = gz(three_lines, strlen(three_lines), &zl);
    write_file(tmp_path("stdin.gz"), z, zl);
    n = read_stdin_from(tmp_path("stdin.gz"), SITREP_INPUT_JSONL, v, 4);
    CHECK_INT(n, 3);
    recs_free(v, n > 0 ? n : 0);
    free(z);
}

/* Reading N articles keeps memory flat: the reader's buffers do not grow. */
static void many_small_articles_reuse_buffers(void)
{
    size_t n = 200000, len = 0;
    char *in = malloc(n * 64);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(in + len, "{\"id\":\"%zu\",\"text\":\"Article number %zu.\"}\n", i, i);
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem("many.jsonl", in, len, SITREP_INPUT_AUTO, &err);
    sitrep_doc *doc = sitrep_doc_new();
    size_t got = 0;
    int rc;
    while ((rc = sitrep_reader_next(r, doc, &err)) == 1) got++;
    CHECK_INT(rc, 0);
    CHECK_INT(got, n);
    CHECK(doc->mem.peak < 64 * 1024 + 1);
    sitrep_doc_free(doc);
    sitrep_reader_close(r);
    free(in);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/sitrep-test-ingest-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    RUN(kind_from_extension);
    RUN(date_validation);
    RUN(jsonl_good_records);
    RUN(jsonl_bad_line_in_the_middle);
    RUN(jsonl_wrong_types);
    RUN(jsonl_invalid_utf8_is_repaired);
    RUN(jsonl_escapes_and_nul);
    RUN(jsonl_fast_and_slow_paths_agree);
    RUN(jsonl_nested_values_are_skipped);
    RUN(jsonl_invalid_date_is_a_warning);
    RUN(jsonl_crlf_and_bom);
    RUN(jsonl_blank_lines_and_no_final_newline);
    RUN(jsonl_empty_file_has_no_article);
    RUN(jsonl_line_of_100_megabytes);
    RUN(jsonl_gzip);
    RUN(jsonl_gzip_concatenated_members);
    RUN(jsonl_zstd_frames);
    RUN(jsonl_truncated_gzip);
    RUN(jsonl_truncated_zstd);
    RUN(gzip_corrupt_and_trailing_garbage);
    RUN(text_file_id_is_basename_without_compression_suffix);
    RUN(text_zstd_forced_kind);
    RUN(text_empty_file_is_an_empty_article);
    RUN(text_binary_garbage_never_fails);
    RUN(text_truncated_gzip_gives_article_then_error);
    RUN(directory_walk_sorted_skipping_hidden);
    RUN(directory_errors_name_the_full_path);
    RUN(missing_path_is_an_io_error);
    RUN(stdin_is_text_unless_told);
    RUN(many_small_articles_reuse_buffers);
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("  could not remove %s\n", tmpdir);
    return TEST_EXIT();
}
