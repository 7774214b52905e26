/*
 * sitrep.h — the one public header of libsitrep.
 *
 * sitrep turns news text into structured political event data. The library is
 * organised as a pipeline of stages over one document (an article):
 *
 *   ingest -> normalize -> segment -> tag -> parse -> actors -> events
 *          -> quotes -> tone -> locations -> output
 *
 * Conventions (see docs/ARCHITECTURE.md):
 *   - Opaque handles (sitrep_doc, sitrep_pipeline, sitrep_reader) and plain data
 *     structs (tokens, words, sentences, actors, events...) read through accessors.
 *   - Every offset stored in the library is a BYTE offset into the document's text
 *     (valid UTF-8 after repair). The JSON writer converts to code points.
 *   - Ownership: "borrowed" pointers live as long as the object that returned them
 *     (for layers: until sitrep_doc_reset / sitrep_doc_free). "owned" results are
 *     freed by the caller with the named function.
 *   - The library never exits, aborts or prints on bad input; failures are
 *     sitrep_status values with a sitrep_error describing the place.
 */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SITREP_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum sitrep_status {
    SITREP_OK = 0,
    SITREP_ERR_NOMEM,       /* allocation failed */
    SITREP_ERR_IO,          /* cannot open/read/write a file */
    SITREP_ERR_INPUT,       /* malformed input (bad JSON line, truncated stream...) */
    SITREP_ERR_USAGE,       /* bad argument to a library call */
    SITREP_ERR_MODEL,       /* bad or incompatible model/dictionary file */
    SITREP_ERR_UNSUPPORTED  /* stage or feature not available */
} sitrep_status;

/* An error value with a place. `file` may be empty; `line` is 1-based (0 when
 * unknown); `offset` is a byte offset in the file or stream (SIZE_MAX when unknown). */
typedef struct sitrep_error {
    sitrep_status status;
    char file[256];
    size_t line;
    size_t offset;
    char msg[256];
} sitrep_error;

/* A static English name for a status ("out of memory", "bad input"...). */
const char *sitrep_status_str(sitrep_status st);

/* Clears err (status OK, empty strings, line 0, offset SIZE_MAX). NULL is allowed. */
void sitrep_error_clear(sitrep_error *err);

/* Formats "FILE:LINE: msg" (or "FILE: offset N: msg", or "msg") into buf. */
void sitrep_error_format(const sitrep_error *err, char *buf, size_t cap);

/* ------------------------------------------------------------- documents */

/* Universal POS tags (UD v2), in this fixed order. SITREP_UPOS_NONE = untagged. */
typedef enum sitrep_upos {
    SITREP_UPOS_NONE = 0,
    SITREP_UPOS_ADJ, SITREP_UPOS_ADP, SITREP_UPOS_ADV, SITREP_UPOS_AUX,
    SITREP_UPOS_CCONJ, SITREP_UPOS_DET, SITREP_UPOS_INTJ, SITREP_UPOS_NOUN,
    SITREP_UPOS_NUM, SITREP_UPOS_PART, SITREP_UPOS_PRON, SITREP_UPOS_PROPN,
    SITREP_UPOS_PUNCT, SITREP_UPOS_SCONJ, SITREP_UPOS_SYM, SITREP_UPOS_VERB,
    SITREP_UPOS_X,
    SITREP_UPOS_COUNT
} sitrep_upos;

/* "ADJ", "ADP"... ("_" for NONE). */
const char *sitrep_upos_name(int upos);
/* The sitrep_upos for a name, SITREP_UPOS_NONE when unknown. */
int sitrep_upos_from_name(const char *name);

/* A surface token: a span of the text. It is made of one syntactic word, or of
 * several (a UD multi-word token such as "don't" = "do" + "n't"). */
typedef struct sitrep_token {
    uint32_t start, end;      /* byte span in the text, half-open */
    uint32_t word, nwords;    /* its words: [word, word + nwords) (document indices) */
    uint8_t space_after;      /* 0 when the next token follows without a space */
} sitrep_token;

/* A syntactic word (CoNLL-U line). Strings are borrowed: from the document's
 * arena or from a model's label table (live as long as the model). */
typedef struct sitrep_word {
    uint32_t start, end;      /* byte span: the word's own part of its token when it
                                 is a substring of it, else the whole token */
    uint32_t token;           /* index of its surface token */
    const char *form;         /* NUL-terminated form, as written in the text */
    const char *norm;         /* normalized form used by models and dictionaries
                                 (NFC, curly quotes and apostrophes straight, dashes
                                 "-"/"--", "..." for the ellipsis); == form when unchanged */
    const char *lemma;        /* NULL until lemmatized */
    const char *xpos;         /* Penn tag, NULL until tagged */
    const char *feats;        /* UD features, NULL when none */
    const char *deprel;       /* UD relation, NULL until parsed */
    uint8_t upos;             /* sitrep_upos */
    int32_t head;             /* 1-based index within the sentence, 0 = root,
                                 -1 = not parsed */
} sitrep_word;

typedef struct sitrep_sentence {
    uint32_t start, end;      /* byte span in the text */
    uint32_t token, ntokens;  /* tokens [token, token + ntokens) */
    uint32_t word, nwords;    /* words [word, word + nwords) */
    uint8_t par_start;        /* 1 when the sentence opens a paragraph */
    const char *id;           /* sentence id when the input gave one (CoNLL-U), else NULL */
} sitrep_sentence;

/* An actor mention. code is "" for an unknown proper name. */
typedef struct sitrep_actor {
    uint32_t start, end;      /* byte span */
    uint32_t sentence;
    const char *text;         /* the mention as written */
    const char *code;         /* CAMEO actor code, "" when unknown */
    const char *kind;         /* "person", "country", "org", "group", "pronoun" or NULL */
    uint32_t antecedent;      /* for a pronoun or a repeated surname: 1 + the index (in
                                 the document's actors) of the named mention it refers
                                 to; 0 when none */
} sitrep_actor;

/* A place (gazetteer hit). lat/lon are NaN when unknown. */
typedef struct sitrep_place {
    uint32_t start, end;      /* byte span of the mention (0,0 when not a mention) */
    const char *text;         /* mention as written, NULL for an event location */
    const char *name;         /* gazetteer name */
    const char *country;      /* ISO 3166-1 alpha-3 */
    const char *adm1;         /* ISO 3166-2, NULL when unknown */
    double lat, lon;
    uint32_t alternatives;    /* how many other candidates the name had */
} sitrep_place;

/* One participant of an event: a span and a code. present == 0 means null. */
typedef struct sitrep_argument {
    uint8_t present;
    uint32_t start, end;
    const char *text;
    const char *code;
} sitrep_argument;

typedef struct sitrep_event {
    uint32_t sentence;
    sitrep_argument source, target;
    const char *code;         /* CAMEO (or user dictionary) code, as written */
    const char *root;         /* CAMEO root "13", NULL when the code is not CAMEO */
    int quad;                 /* QuadClass 1..4, 0 when not CAMEO */
    double goldstein;         /* NaN when not CAMEO */
    const char *plover;       /* PLOVER type, NULL when unknown */
    const char *plover_mode;  /* PLOVER mode, NULL when none */
    uint8_t negated;
    uint8_t has_location;
    sitrep_place location;
    const char *explain;      /* rule that fired, NULL unless --explain */
} sitrep_event;

typedef struct sitrep_quote {
    uint32_t start, end;      /* span of the quoted text (inside the marks) */
    const char *verb;         /* speech verb, NULL when none */
    const char *kind;         /* "direct", "indirect", "scare", "partial" */
    uint8_t has_speaker;
    uint32_t speaker_start, speaker_end;
    const char *speaker_text;
    const char *speaker_code; /* "" when unknown */
} sitrep_quote;

typedef struct sitrep_loaded {
    uint32_t start, end;
    const char *category;     /* "name-calling", "emotive", "exaggeration", ... */
    uint8_t in_quote;
} sitrep_loaded;

/* GDELT V1.5TONE figures. */
typedef struct sitrep_tone {
    uint8_t computed;
    double tone, positive, negative, polarity, activity, self_group;
    uint32_t words;
    double loaded_density;    /* loaded-language hits outside quotations per 100 words
                                 outside quotations (article tone only) */
} sitrep_tone;

typedef struct sitrep_doc sitrep_doc;

/* A new, empty document. Owned: free with sitrep_doc_free. NULL on no memory. */
sitrep_doc *sitrep_doc_new(void);
void sitrep_doc_free(sitrep_doc *doc);
/* Empties the document for the next article, keeping its memory for reuse. */
void sitrep_doc_reset(sitrep_doc *doc);

/* Sets the article text (copied). Invalid UTF-8 bytes become U+FFFD and are
 * counted in a warning; NUL bytes become U+FFFD as well. Never fails but for memory. */
sitrep_status sitrep_doc_set_text(sitrep_doc *doc, const char *text, size_t len);

/* Metadata fields, copied. NULL clears. */
typedef enum sitrep_field {
    SITREP_FIELD_ID, SITREP_FIELD_DATE, SITREP_FIELD_TITLE,
    SITREP_FIELD_URL, SITREP_FIELD_SOURCE,
    SITREP_FIELD_COUNT
} sitrep_field;
sitrep_status sitrep_doc_set(sitrep_doc *doc, sitrep_field f, const char *value, size_t len);
/* Borrowed; NULL when unset. */
const char *sitrep_doc_get(const sitrep_doc *doc, sitrep_field f);

/* Adds a warning (printf-style) to the document's `warnings`. */
void sitrep_doc_warn(sitrep_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Marks the document as failed on input (no text): it is still output, with its
 * warnings, but no stage runs on it. */
void sitrep_doc_set_failed(sitrep_doc *doc);
int sitrep_doc_failed(const sitrep_doc *doc);

const char *sitrep_doc_text(const sitrep_doc *doc, size_t *len); /* borrowed */

size_t sitrep_doc_nsentences(const sitrep_doc *doc);
size_t sitrep_doc_ntokens(const sitrep_doc *doc);
size_t sitrep_doc_nwords(const sitrep_doc *doc);
const sitrep_sentence *sitrep_doc_sentence(const sitrep_doc *doc, size_t i);
const sitrep_token *sitrep_doc_token(const sitrep_doc *doc, size_t i);
const sitrep_word *sitrep_doc_word(const sitrep_doc *doc, size_t i);

size_t sitrep_doc_nactors(const sitrep_doc *doc);
const sitrep_actor *sitrep_doc_actor(const sitrep_doc *doc, size_t i);
size_t sitrep_doc_nevents(const sitrep_doc *doc);
const sitrep_event *sitrep_doc_event(const sitrep_doc *doc, size_t i);
size_t sitrep_doc_nquotes(const sitrep_doc *doc);
const sitrep_quote *sitrep_doc_quote(const sitrep_doc *doc, size_t i);
size_t sitrep_doc_nplaces(const sitrep_doc *doc);
const sitrep_place *sitrep_doc_place(const sitrep_doc *doc, size_t i);
const sitrep_tone *sitrep_doc_tone(const sitrep_doc *doc);
/* With sitrep_options.detail: the tone of sentence i / quote i (NULL otherwise). */
const sitrep_tone *sitrep_doc_sentence_tone(const sitrep_doc *doc, size_t i);
const sitrep_tone *sitrep_doc_quote_tone(const sitrep_doc *doc, size_t i);

size_t sitrep_doc_nwarnings(const sitrep_doc *doc);
const char *sitrep_doc_warning(const sitrep_doc *doc, size_t i);

/* Code-point offset of a byte offset in the text (for output). */
size_t sitrep_doc_cp(const sitrep_doc *doc, size_t byte_offset);

/* -------------------------------------------------------------- readers */

typedef enum sitrep_input {
    SITREP_INPUT_AUTO = 0,    /* from the file extension (.jsonl/.json/.ndjson,
                                 .html/.htm, else text), after stripping .gz/.zst */
    SITREP_INPUT_TEXT,
    SITREP_INPUT_JSONL,
    SITREP_INPUT_HTML
} sitrep_input;

/* A streaming article reader over one path: a file (plain, gzip or zstd, detected
 * by magic bytes), a directory (every regular file below it, recursively, in
 * byte-wise sorted path order) or "-" (standard input). */
typedef struct sitrep_reader sitrep_reader;

/* Owned: close with sitrep_reader_close. NULL with err set when the path cannot
 * be opened. */
sitrep_reader *sitrep_reader_open(const char *path, sitrep_input kind, sitrep_error *err);

/* Reads the next article into doc (which is reset first).
 * Returns 1 when an article was read. The article may carry input warnings, or be
 *   marked failed (sitrep_doc_failed) when its record was unusable but an id is known
 *   — it is still to be output; err then describes the problem (status != OK).
 * Returns 0 at the end of the input.
 * Returns -1 on an error where no article can be output (a JSONL line with no
 *   usable id, an unreadable file in a directory, a truncated stream): err says
 *   where; the caller reports it and calls again — reading goes on where it can. */
int sitrep_reader_next(sitrep_reader *r, sitrep_doc *doc, sitrep_error *err);
void sitrep_reader_close(sitrep_reader *r);

/* ------------------------------------------------------------ pipeline */

typedef struct sitrep_options {
    const char *date;         /* YYYY-MM-DD used when an article has none; NULL = today */
    int explain;              /* add the rule that fired to each event */
    int no_builtin;           /* use only the dictionaries given */
    const char **verbs, **actors, **agents, **discards; /* NULL-terminated lists or NULL */
    const char *model;        /* tagger/parser model path; NULL = default search */
    int strict;               /* dictionary errors are fatal */
    int parse_only;           /* stop after tagging and parsing (sitrep parse) */
    int detail;               /* tone per sentence and per quote */
    /* Called for each skipped dictionary entry or other non-fatal load problem
     * (file and line in the error); NULL = ignored. */
    void (*warn)(void *ctx, const sitrep_error *w);
    void *warn_ctx;
} sitrep_options;

typedef struct sitrep_pipeline sitrep_pipeline;

/* Loads models and dictionaries (shared read-only by all workers). Owned: free
 * with sitrep_pipeline_free. NULL with err set on failure. opt may be NULL. */
sitrep_pipeline *sitrep_pipeline_new(const sitrep_options *opt, sitrep_error *err);
void sitrep_pipeline_free(sitrep_pipeline *pl);

/* Runs every available stage over doc. A doc that already has sentences (read
 * from CoNLL-U) keeps its tokens and sentences: segmentation is skipped.
 * Thread-safe for distinct docs. */
sitrep_status sitrep_pipeline_run(const sitrep_pipeline *pl, sitrep_doc *doc);

/* Writes the article record (one JSON object and "\n") to out. */
typedef enum sitrep_format { SITREP_FORMAT_JSONL = 0, SITREP_FORMAT_TSV } sitrep_format;

/* A growable byte buffer, owned by its user (free with sitrep_buf_free). */
typedef struct sitrep_buf {
    char *data;
    size_t len, cap;
} sitrep_buf;
void sitrep_buf_free(sitrep_buf *b);

/* Appends the record(s) of doc in the given format to b. */
sitrep_status sitrep_write_doc(const sitrep_doc *doc, sitrep_format fmt, sitrep_buf *b);
/* The TSV header line (with "\n"). */
const char *sitrep_tsv_header(void);

/* Runs a whole job: reads articles from `next` (called from one thread), runs the
 * pipeline on `nthreads` workers (0 = number of online CPUs) over a bounded queue,
 * and hands each finished doc to `emit` in input order (called from one thread).
 * Memory is bounded by the queue, not the number of articles.
 * next: as sitrep_reader_next (1 article, 0 end, -1 error reported by the callee,
 * skip). pl may be NULL (no NLP stages: ingest and output only). */
typedef int (*sitrep_next_fn)(void *ctx, sitrep_doc *doc);
typedef void (*sitrep_emit_fn)(void *ctx, const sitrep_doc *doc);
sitrep_status sitrep_run(const sitrep_pipeline *pl, int nthreads,
                         sitrep_next_fn next, sitrep_emit_fn emit, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_H */
