/* test_seg.c — the text front end end to end (seg_run), on named fixtures.
 *
 * tests/fixtures/seg/NAME.in is a text of our own; NAME.expected is its
 * segmentation: one sentence per line, tokens separated by one space, a
 * multi-word token written FORM=WORD+WORD, and an empty line before a sentence
 * that opens a paragraph (but the first). To look at the current output of a
 * fixture, run with SEG_PRINT=NAME (or all). Also here: inputs that must not crash it,
 * and the seed article's sentence spans (shared data; skipped when absent). */
#include <stdint.h>

#include "test.h"
#include "doc.h"
#include "seg.h"

#define FIX "tests/fixtures/seg/"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0, r;
    char *b = malloc(cap + 1);
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!b) return NULL;
    b[n] = '\0';
    if (len) *len = n;
    return b;
}

/* appends the rendering described above */
static void render(const sitrep_doc *d, char *out, size_t cap)
{
    size_t o = 0;
#define PUT(...) do { int k_ = snprintf(out + o, o < cap ? cap - o : 0, __VA_ARGS__); \
    if (k_ > 0) o += (size_t)k_; } while (0)
    for (size_t i = 0; i < d->sentences.n; i++) {
        const sitrep_sentence *s = &d->sentences.v[i];
        if (i > 0 && s->par_start) PUT("\n");
        for (uint32_t t = s->token; t < s->token + s->ntokens; t++) {
            const sitrep_token *k = &d->tokens.v[t];
            PUT("%s%.*s", t > s->token ? " " : "", (int)(k->end - k->start), d->text + k->start);
            if (k->nwords > 1)
                for (uint32_t w = k->word; w < k->word + k->nwords; w++)
                    PUT("%c%s", w == k->word ? '=' : '+', d->words.v[w].form);
        }
        PUT("\n");
    }
#undef PUT
}

static char *segment_render(const char *text, size_t len)
{
    sitrep_doc *d = sitrep_doc_new();
    if (!d) return NULL;
    size_t cap = 8 * len + 1024;
    char *out = malloc(cap);
    if (out && sitrep_doc_set_text(d, text, len) == SITREP_OK && seg_run(d) == SITREP_OK) {
        out[0] = '\0';
        render(d, out, cap);
    } else if (out) {
        strcpy(out, "(seg_run failed)\n");
    }
    sitrep_doc_free(d);
    return out;
}

static void fixture(const char *name)
{
    char p_in[256], p_ex[256];
    snprintf(p_in, sizeof p_in, FIX "%s.in", name);
    snprintf(p_ex, sizeof p_ex, FIX "%s.expected", name);
    size_t len;
    char *in = slurp(p_in, &len), *ex = slurp(p_ex, NULL);
    const char *show = getenv("SEG_PRINT");
    if (in && show && (strcmp(show, name) == 0 || strcmp(show, "all") == 0)) {
        if (strcmp(show, "all") == 0) printf("### %s\n", name);
        char *g = segment_render(in, len);
        fputs(g ? g : "", stdout);
        free(g);
    }
    if (!in || !ex) {
        printf("  missing fixture %s\n", !in ? p_in : p_ex);
        t_checks_failed_++;
        free(in);
        free(ex);
        return;
    }
    char *got = segment_render(in, len);
    if (!got || strcmp(got, ex) != 0) {
        t_checks_failed_++;
        printf("  fixture %s:\n--- expected\n%s--- got\n%s", name, ex, got ? got : "(null)\n");
    }
    free(in);
    free(ex);
    free(got);
}

#define FIXTURE(name) static void seg_##name(void) { fixture(#name); }
/* tokenization */
FIXTURE(clitic_dont)
FIXTURE(clitic_possessive)
FIXTURE(clitic_curly_nt)
FIXTURE(hyphen_split)
FIXTURE(hyphen_prefix_kept)
FIXTURE(numbers_money_percent)
FIXTURE(phone_numbers)
FIXTURE(number_unit_split)
FIXTURE(url_email)
FIXTURE(hashtag_mention)
FIXTURE(currency_prefix_hashtag_in_brackets)
FIXTURE(emoji_single_tokens)
FIXTURE(punct_runs)
/* sentences */
FIXTURE(abbrev_us)
FIXTURE(abbrev_sentence_end)
FIXTURE(abbrev_titles)
FIXTURE(abbrev_after_hyphen)
FIXTURE(initials)
FIXTURE(decimals)
FIXTURE(ellipsis_unicode)
FIXTURE(quote_comma_said)
FIXTURE(quote_after_period)
FIXTURE(quote_curly_after_period)
FIXTURE(quote_multi_sentence)
FIXTURE(quote_misplaced_close)
FIXTURE(quote_single_british)
FIXTURE(dateline_reuters)
FIXTURE(dateline_ap)
FIXTURE(headline_byline)
FIXTURE(paragraphs)
FIXTURE(list_items)
FIXTURE(brackets_final)
FIXTURE(question_exclaim)
FIXTURE(lowercase_after_period_splits)
FIXTURE(quote_question_said)
FIXTURE(url_list)
FIXTURE(emoticon_ends_sentence)
FIXTURE(email_ends_sentence)
FIXTURE(hardwrapped_text)

/* Every token in exactly one sentence, in order; spans inside the text. */
static void check_invariants(const sitrep_doc *d)
{
    uint32_t next_tok = 0, next_word = 0;
    for (size_t i = 0; i < d->sentences.n; i++) {
        const sitrep_sentence *s = &d->sentences.v[i];
        CHECK_INT(s->token, next_tok);
        CHECK_INT(s->word, next_word);
        CHECK(s->ntokens > 0);
        next_tok += s->ntokens;
        next_word += s->nwords;
    }
    CHECK_INT(next_tok, d->tokens.n);
    CHECK_INT(next_word, d->words.n);
    uint32_t prev_end = 0;
    for (size_t t = 0; t < d->tokens.n; t++) {
        const sitrep_token *k = &d->tokens.v[t];
        CHECK(k->start < k->end && k->end <= d->len && k->start >= prev_end);
        CHECK(k->nwords >= 1);
        prev_end = k->end;
        for (uint32_t w = k->word; w < k->word + k->nwords; w++) {
            CHECK_INT(d->words.v[w].token, t);
            CHECK(d->words.v[w].start >= k->start && d->words.v[w].end <= k->end);
            CHECK_INT(d->words.v[w].head, -1);
        }
    }
}

static void run_text(const char *text, size_t len)
{
    sitrep_doc *d = sitrep_doc_new();
    CHECK(d != NULL);
    if (!d) return;
    CHECK_INT(sitrep_doc_set_text(d, text, len), SITREP_OK);
    CHECK_INT(seg_run(d), SITREP_OK);
    check_invariants(d);
    /* running twice gives the same layers */
    size_t nt = d->tokens.n, ns = d->sentences.n;
    CHECK_INT(seg_run(d), SITREP_OK);
    CHECK_INT(d->tokens.n, nt);
    CHECK_INT(d->sentences.n, ns);
    sitrep_doc_free(d);
}

static void robust_empty_and_spaces(void)
{
    run_text("", 0);
    run_text("   \n\n\t  \r\n", 10);
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set_text(d, "  \n ", 4);
    CHECK_INT(seg_run(d), SITREP_OK);
    CHECK_INT(d->tokens.n, 0);
    CHECK_INT(d->sentences.n, 0);
    CHECK_INT(d->norm_len, 4);
    sitrep_doc_free(d);
}

static void robust_one_megabyte(void)
{
    size_t n = 1 << 20;
    char *b = malloc(n);
    if (!b) return;
    const char fill[] = { 'a', '.', '-', '\'', '"', '\n', '1', '@' };
    for (size_t k = 0; k < sizeof fill; k++) {
        memset(b, fill[k], n);
        run_text(b, n);
    }
    for (size_t k = 0; k < n; k++) b[k] = "ab.c' -\"?\n"[k % 10];
    run_text(b, n);
    /* patterns that were quadratic once: 256 KB each must go through at once */
    const char *pats[] = { "ab.", ":) ", "..  ", "1/", "a+", "a%a@", ". ", "Mr. " };
    size_t m = 256 * 1024;
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        size_t L = strlen(pats[k]);
        for (size_t q = 0; q < m; q++) b[q] = pats[k][q % L];
        run_text(b, m);
    }
    free(b);
}

static void robust_odd_characters(void)
{
    const char *cases[] = {
        "\xEF\xBF\xBD\xEF\xBF\xBD x \xEF\xBF\xBD.",      /* U+FFFD */
        "a\x01\x02\x7f b\x1b" "[0m c.",                      /* control characters */
        "\xCC\x81\xCC\x81 \xCC\x88" "a \xCC\x81.",           /* lone combining marks */
        "a,\xCC\x81 b.\xCC\x81\xE2\x80\xA6\xCC\x81 =\xCC\xB8",   /* marks on punctuation */
        "\xE2\x80\x8B\xE2\x80\x8B\xC2\xAD",               /* only invisible characters */
        "x\xE2\x80\x8By \xC2\xADz\xC2\xAD.",              /* invisible inside words */
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xE2\x80\x8D",  /* emoji + ZWJ at the end */
        "''''''' ``` \"\"\" ((( ))) ... !!! ???",
        "http:// www. @ # $ % mailto: a@b .@. -1 +",
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) run_text(cases[k], strlen(cases[k]));
    /* invalid UTF-8 is repaired by the document first */
    static const char bad[] = "\xff\xfe bad \xc3 bytes \xe2\x82.";
    run_text(bad, sizeof bad - 1);
}

/* The seed article's sentence spans against our own expected spans. */
static void seed_article_sentences(void)
{
    const char *data = t_shared_data();
    if (!data) SKIP("shared data absent");
    char path[600];
    snprintf(path, sizeof path, "%s/../seeds/000_628a4e34dcf17f17.txt", data);
    size_t len;
    char *text = slurp(path, &len);
    if (!text) SKIP("seed article absent");
    char *ex = slurp(FIX "seed_000_sentences.expected", NULL);
    CHECK(ex != NULL);
    sitrep_doc *d = sitrep_doc_new();
    sitrep_doc_set_text(d, text, len);
    CHECK_INT(seg_run(d), SITREP_OK);
    char got[8192];
    size_t o = 0;
    for (size_t i = 0; i < d->sentences.n && o < sizeof got - 64; i++)
        o += (size_t)snprintf(got + o, sizeof got - o, "%u %u%s\n", d->sentences.v[i].start,
                              d->sentences.v[i].end, d->sentences.v[i].par_start ? " P" : "");
    if (ex && strcmp(got, ex) != 0) {
        t_checks_failed_++;
        printf("  seed spans differ:\n--- expected\n%s--- got\n%s", ex, got);
    }
    check_invariants(d);
    sitrep_doc_free(d);
    free(text);
    free(ex);
}

int main(void)
{
    RUN(seg_clitic_dont);
    RUN(seg_clitic_possessive);
    RUN(seg_clitic_curly_nt);
    RUN(seg_hyphen_split);
    RUN(seg_hyphen_prefix_kept);
    RUN(seg_numbers_money_percent);
    RUN(seg_phone_numbers);
    RUN(seg_number_unit_split);
    RUN(seg_url_email);
    RUN(seg_hashtag_mention);
    RUN(seg_currency_prefix_hashtag_in_brackets);
    RUN(seg_emoji_single_tokens);
    RUN(seg_punct_runs);
    RUN(seg_abbrev_us);
    RUN(seg_abbrev_sentence_end);
    RUN(seg_abbrev_titles);
    RUN(seg_abbrev_after_hyphen);
    RUN(seg_initials);
    RUN(seg_decimals);
    RUN(seg_ellipsis_unicode);
    RUN(seg_quote_comma_said);
    RUN(seg_quote_after_period);
    RUN(seg_quote_curly_after_period);
    RUN(seg_quote_multi_sentence);
    RUN(seg_quote_misplaced_close);
    RUN(seg_quote_single_british);
    RUN(seg_dateline_reuters);
    RUN(seg_dateline_ap);
    RUN(seg_headline_byline);
    RUN(seg_paragraphs);
    RUN(seg_list_items);
    RUN(seg_brackets_final);
    RUN(seg_question_exclaim);
    RUN(seg_lowercase_after_period_splits);
    RUN(seg_quote_question_said);
    RUN(seg_url_list);
    RUN(seg_emoticon_ends_sentence);
    RUN(seg_email_ends_sentence);
    RUN(seg_hardwrapped_text);
    RUN(robust_empty_and_spaces);
    RUN(robust_one_megabyte);
    RUN(robust_odd_characters);
    RUN(seed_article_sentences);
    return TEST_EXIT();
}
