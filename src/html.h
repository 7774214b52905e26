/* html.h — main article text and metadata from an HTML page (gumbo).
 *
 * Text: script/style/noscript/nav/header/footer/aside/form/template/svg (and a
 * few other non-content elements) are dropped; headings, paragraphs, list
 * items, blockquotes, pre and table cells come out in document order, one block
 * per line with a blank line between blocks; inline elements are joined with
 * HTML whitespace rules (runs of white space become one space; <br> a line
 * break). When the page has <article> elements the one with the most text is
 * used alone, else the first <main>, else <body>.
 * Title: <meta property="og:title">, else <title>. Date: the first 10 characters
 * of <meta property="article:published_time"> when they look like YYYY-MM-DD
 * (the caller validates the calendar). URL: og:url, else <link rel=canonical>. */
#ifndef SR_HTML_H
#define SR_HTML_H
#include <stddef.h>
#include "sitrep.h"

/* Results; every string is owned by the page, NUL-terminated, NULL when absent.
 * Reuse one page for many calls: buffers are kept. */
typedef struct html_page {
    char *text;
    size_t len, cap;
    char *title, *date, *url;
} html_page;

/* Extracts from src[0..len), which must be valid UTF-8 (repair it first).
 * SITREP_OK or SITREP_ERR_NOMEM. */
sitrep_status html_extract(const char *src, size_t len, html_page *page);
void html_page_free(html_page *page);
#endif
