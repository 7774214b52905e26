/* test_html.c — article text and metadata from HTML (html_extract) and the HTML
 * reader path (ids, repair, dates). */
#include <stdint.h>
#include <time.h>

#include "html.h"
#include "ingest.h"
#include "sitrep.h"
#include "test.h"

#define FIX "tests/fixtures/ingest/"

static html_page page;

/* Extracts s; returns the text ("" on failure). */
static const char *ex(const char *s)
{
    if (html_extract(s, strlen(s), &page) != SITREP_OK) return "(nomem)";
    return page.text ? page.text : "";
}

static void blocks_one_per_line_with_blank_lines(void)
{
    CHECK_STR(ex("<h1>Title</h1><p>First paragraph.</p><p>Second.</p>"),
              "Title\n\nFirst paragraph.\n\nSecond.");
    CHECK_STR(ex("<ul><li>one</li><li>two</li></ul><ol><li>three</li></ol>"),
              "one\n\ntwo\n\nthree");
    CHECK_STR(ex("<blockquote><p>a</p><p>b</p></blockquote><pre>x  y\n  z</pre>"),
              "a\n\nb\n\nx  y\n  z");
    /* text directly in the body and in divs still forms blocks */
    CHECK_STR(ex("loose text<div>in a div</div>tail"), "loose text\n\nin a div\n\ntail");
    CHECK_STR(ex("<p>   </p><p></p><p>only</p><div>\n</div>"), "only");
}

static void inline_elements_join_with_correct_spacing(void)
{
    CHECK_STR(ex("<p>Hello <b>world</b>!</p>"), "Hello world!");
    CHECK_STR(ex("<p>foo<span>bar</span> baz</p>"), "foobar baz");
    CHECK_STR(ex("<p>  lots   of\n\t white <i> space </i> here  </p>"), "lots of white space here");
    CHECK_STR(ex("<p>a<a href='#'>link</a>b <em>c</em></p>"), "alinkb c");
    CHECK_STR(ex("<p>line one<br>line two<br/>  line three</p>"), "line one\nline two\nline three");
}

static void entities_are_decoded(void)
{
    CHECK_STR(ex("<p>Caf&eacute; &amp; bar &lt;3&gt; &#x2014; &#8220;q&#8221;</p>"),
              "Caf\xC3\xA9 & bar <3> \xE2\x80\x94 \xE2\x80\x9Cq\xE2\x80\x9D");
    /* a non-breaking space separates words like a space */
    CHECK_STR(ex("<p>the&nbsp;ministry&nbsp; said</p>"), "the ministry said");
}

static void boilerplate_is_dropped(void)
{
    CHECK_STR(ex("<html><head><title>T</title><style>p{}</style><script>var x;</script></head>"
                 "<body><header>Site</header><nav>Menu</nav><aside>Ads</aside>"
                 "<p>Body text.</p><noscript>enable js</noscript><form>Search<input></form>"
                 "<template><p>tpl</p></template><svg><text>svg text</text></svg>"
                 "<footer>Copyright</footer><script>track()</script></body></html>"),
              "Body text.");
}

static void table_cells_in_document_order(void)
{
    CHECK_STR(ex("<table><tr><th>Party</th><th>Seats</th></tr><tr><td>A</td><td>12</td></tr></table>"),
              "Party\n\nSeats\n\nA\n\n12");
}

static void article_element_is_used_alone(void)
{
    CHECK_STR(ex("<body><div>Related stories</div><article><p>The story.</p></article>"
                 "<div>More junk</div></body>"),
              "The story.");
    /* several articles (teasers): the one with the most text */
    CHECK_STR(ex("<article><p>Teaser.</p></article><article><h2>Main</h2><p>The long main story "
                 "text.</p></article><article><p>Other teaser.</p></article>"),
              "Main\n\nThe long main story text.");
    /* <main> when there is no <article> */
    CHECK_STR(ex("<div>menu</div><main><p>Main content.</p></main><div>footer-ish</div>"),
              "Main content.");
    /* an article inside dropped boilerplate does not count */
    CHECK_STR(ex("<aside><article><p>sidebar item</p></article></aside><p>Page text.</p>"),
              "Page text.");
}

static void metadata_title_date_url(void)
{
    ex("<html><head><title> Page   title </title>"
       "<meta property=\"og:title\" content=\" OG  title \">"
       "<meta property=\"article:published_time\" content=\"2019-03-13T08:30:00+01:00\">"
       "<meta property=\"og:url\" content=\"https://example.org/og\">"
       "<link rel=\"canonical\" href=\"https://example.org/canon\"></head><body>x</body></html>");
    CHECK_STR(page.title, "OG title");
    CHECK_STR(page.date, "2019-03-13");
    CHECK_STR(page.url, "https://example.org/og");
    /* fallbacks: <title>, canonical link; no date when not YYYY-MM-DD */
    ex("<html><head><title> Page \n title </title><link rel=\"Canonical\" href=\"https://e.org/c\">"
       "<meta property=\"article:published_time\" content=\"March 13, 2019\"></head><body>x</body></html>");
    CHECK_STR(page.title, "Page title");
    CHECK_STR(page.url, "https://e.org/c");
    CHECK(page.date == NULL);
    ex("<p>no head at all</p>");
    CHECK(page.title == NULL && page.url == NULL && page.date == NULL);
}

static void deep_nesting_does_not_overflow_the_stack(void)
{
    size_t depth = 200000, len = 0;
    char *s = malloc(depth * 11 + 64);
    for (size_t i = 0; i < depth; i++) { memcpy(s + len, "<div><span>", 11); len += 11; }
    memcpy(s + len, "deep", 5);
    const char *t = ex(s);
    CHECK(strstr(t, "deep") != NULL);
    free(s);
}

/* Tag soups that made gumbo nest tens of thousands of levels (minutes of
 * parsing) before the depth guard; each 256 KB must now take well under a
 * second. The bound here is loose (shared machines, sanitizers). */
static void pathological_nesting_is_bounded(void)
{
    static const char *soups[] = {
        "<div>", "<em><button>", "x<b>y</i>", "<div><th>", "<rt><marquee>",
        "<template><table><button>&amp;<listing></h1>",
        "<applet><mglyph></form><form></svg></textarea>", "</p>x<isindex></textarea><svg>",
        "<object><a><select><div><li>", "<template><form><marquee><td>",
        "<math><html><math><rt><span></p>", "<a><foreignObject><noscript>",
    };
    size_t want = 256 * 1024;
    char *s = malloc(want + 64);
    for (size_t k = 0; k < sizeof soups / sizeof *soups; k++) {
        size_t ul = strlen(soups[k]), len = 0;
        while (len + ul <= want) { memcpy(s + len, soups[k], ul); len += ul; }
        s[len] = '\0';
        clock_t c0 = clock();
        CHECK_INT(html_extract(s, len, &page), SITREP_OK);
        double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
        if (secs > 5.0) { printf("  %s: %.1f s\n", soups[k], secs); CHECK(secs <= 5.0); }
    }
    free(s);
}

/* The guard leaves ordinary pages alone: unclosed <p>s and <li>s are
 * siblings, not nesting. */
static void unclosed_paragraphs_are_not_nesting(void)
{
    size_t n = 2000, len = 0;
    char *s = malloc(n * 32 + 64);
    len += (size_t)sprintf(s, "<ul>");
    for (size_t i = 0; i < n; i++) len += (size_t)sprintf(s + len, "<li>item %zu<p>para %zu", i, i);
    ex(s);
    size_t blocks = 1;
    for (const char *p = page.text; (p = strstr(p, "\n\n")) != NULL; p += 2) blocks++;
    CHECK_INT(blocks, 2 * n);
    CHECK(strstr(page.text, "para 1999") != NULL);
    free(s);
}

static void fixture_story_through_the_reader(void)
{
    sitrep_error err;
    sitrep_reader *r = sitrep_reader_open(FIX "story.html", SITREP_INPUT_AUTO, &err);
    CHECK(r != NULL);
    if (!r) return;
    sitrep_doc *doc = sitrep_doc_new();
    CHECK_INT(sitrep_reader_next(r, doc, &err), 1);
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_ID), "story.html");
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_TITLE), "Talks resume in Geneva");
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_DATE), "2019-03-13");
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_URL), "https://example.org/news/talks");
    CHECK_STR(sitrep_doc_text(doc, NULL),
              "Talks resume in Geneva\n\n"
              "Officials met on Tuesday, the ministry said.\n\n"
              "\xE2\x80\x9CWe are ready,\xE2\x80\x9D the envoy said. Caf\xC3\xA9 talks & more.\n\n"
              "First point\n\nSecond point\n\nQuoted paragraph.");
    CHECK_INT(sitrep_doc_nwarnings(doc), 0);
    CHECK_INT(sitrep_reader_next(r, doc, &err), 0);
    sitrep_doc_free(doc);
    sitrep_reader_close(r);
}

static void invalid_utf8_and_bad_date_in_html_are_warnings(void)
{
    const char *in = "<html><head><meta property=\"article:published_time\" content=\"2019-02-30\">"
                     "</head><body><p>caf\xe9</p></body></html>";
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem("dir/page.htm", in, strlen(in), SITREP_INPUT_AUTO, &err);
    sitrep_doc *doc = sitrep_doc_new();
    CHECK_INT(sitrep_reader_next(r, doc, &err), 1);
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_ID), "page.htm");
    CHECK_STR(sitrep_doc_text(doc, NULL), "caf\xEF\xBF\xBD");
    CHECK(sitrep_doc_get(doc, SITREP_FIELD_DATE) == NULL);
    CHECK_INT(sitrep_doc_nwarnings(doc), 2);
    int saw_date = 0, saw_utf8 = 0;
    for (size_t i = 0; i < sitrep_doc_nwarnings(doc); i++) {
        saw_date |= strstr(sitrep_doc_warning(doc, i), "invalid \"date\"") != NULL;
        saw_utf8 |= strstr(sitrep_doc_warning(doc, i), "1 invalid UTF-8 sequence") != NULL;
    }
    CHECK(saw_date && saw_utf8);
    sitrep_doc_free(doc);
    sitrep_reader_close(r);
}

static void empty_html_is_an_empty_article(void)
{
    sitrep_error err;
    sitrep_reader *r = ingest_open_mem("empty.html", "", 0, SITREP_INPUT_AUTO, &err);
    sitrep_doc *doc = sitrep_doc_new();
    CHECK_INT(sitrep_reader_next(r, doc, &err), 1);
    size_t len = 99;
    sitrep_doc_text(doc, &len);
    CHECK_INT(len, 0);
    CHECK_STR(sitrep_doc_get(doc, SITREP_FIELD_ID), "empty.html");
    CHECK_INT(sitrep_reader_next(r, doc, &err), 0);
    sitrep_doc_free(doc);
    sitrep_reader_close(r);
}

int main(void)
{
    RUN(blocks_one_per_line_with_blank_lines);
    RUN(inline_elements_join_with_correct_spacing);
    RUN(entities_are_decoded);
    RUN(boilerplate_is_dropped);
    RUN(table_cells_in_document_order);
    RUN(article_element_is_used_alone);
    RUN(metadata_title_date_url);
    RUN(deep_nesting_does_not_overflow_the_stack);
    RUN(pathological_nesting_is_bounded);
    RUN(unclosed_paragraphs_are_not_nesting);
    RUN(fixture_story_through_the_reader);
    RUN(invalid_utf8_and_bad_date_in_html_are_warnings);
    RUN(empty_html_is_an_empty_article);
    html_page_free(&page);
    return TEST_EXIT();
}
