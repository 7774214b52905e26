/* conllu.c — CoNLL-U in and out (contract in conllu.h).
 *
 * Reading aligns every surface token with the rebuilt text so that all layers
 * carry byte spans, exactly as if the text had been segmented by sitrep itself;
 * that is what lets `sitrep eval` compare spans with the gold. */
#include "conllu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "buf.h"
#include "err.h"

struct conllu_reader {
    FILE *f;
    int own;
    char path[256];
    size_t max_sents;
    size_t lineno;
    char *line;                 /* current line buffer */
    size_t line_cap;
    ssize_t line_len;
    int pending;                /* line holds a "# newdoc" not yet consumed */
    int eof;
    VEC(char) text;             /* text of the document being built */
    /* the sentence being read */
    VEC(char *) rows;           /* copies of its token lines */
    char *sent_text, *sent_id;
    int newpar, newdoc;
};

conllu_reader *conllu_open(const char *path, size_t max_sents, sitrep_error *err)
{
    conllu_reader *r = calloc(1, sizeof *r);
    if (!r) { err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory"); return NULL; }
    if (strcmp(path, "-") == 0) r->f = stdin;
    else {
        r->f = fopen(path, "rb");
        r->own = 1;
    }
    if (!r->f) {
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open: %s", strerror(errno));
        free(r);
        return NULL;
    }
    snprintf(r->path, sizeof r->path, "%s", path);
    r->max_sents = max_sents;
    return r;
}

static void clear_sentence(conllu_reader *r)
{
    for (size_t i = 0; i < r->rows.n; i++) free(r->rows.v[i]);
    r->rows.n = 0;
    free(r->sent_text);
    free(r->sent_id);
    r->sent_text = r->sent_id = NULL;
    r->newpar = r->newdoc = 0;
}

void conllu_close(conllu_reader *r)
{
    if (!r) return;
    clear_sentence(r);
    vec_free(r->rows);
    vec_free(r->text);
    free(r->line);
    if (r->own && r->f) fclose(r->f);
    free(r);
}

const char *conllu_sent_id(const sitrep_doc *doc, size_t i)
{
    const sitrep_sentence *s = sitrep_doc_sentence(doc, i);
    return s ? s->id : NULL;
}

/* Splits a token line into its 10 tab-separated columns in place. */
static int split_cols(char *line, char *col[10])
{
    int n = 0;
    col[n++] = line;
    for (char *p = line; *p && n < 10; p++)
        if (*p == '\t') { *p = '\0'; col[n++] = p + 1; }
    return n;
}

static const char *col_str(sitrep_doc *d, const char *c)
{
    if (c[0] == '_' && c[1] == '\0') return NULL;
    return arena_strdup(&d->mem, c);
}

static int text_append(conllu_reader *r, const char *s, size_t n)
{
    if (vec_reserve(r->text, r->text.n + n + 1) != 0) return -1;
    memcpy(r->text.v + r->text.n, s, n);
    r->text.n += n;
    return 0;
}

/* Finds `form` in the text at or after *pos (skipping white space); returns its
 * start, or *pos when it cannot be aligned (then the span is empty). */
static size_t align(const conllu_reader *r, size_t *pos, const char *form, size_t *end)
{
    size_t p = *pos, n = strlen(form);
    while (p < r->text.n && (r->text.v[p] == ' ' || r->text.v[p] == '\n' || r->text.v[p] == '\t'))
        p++;
    if (p + n <= r->text.n && memcmp(r->text.v + p, form, n) == 0) {
        *end = *pos = p + n;
        return p;
    }
    /* tolerate small mismatches: look a little further ahead */
    for (size_t q = p; q + n <= r->text.n && q < p + 64; q++)
        if (memcmp(r->text.v + q, form, n) == 0) { *end = *pos = q + n; return q; }
    *end = p;
    return p;
}

/* Turns the buffered sentence into doc layers. Returns 0, or -1 with err set. */
static int finish_sentence(conllu_reader *r, sitrep_doc *d, sitrep_error *err)
{
    size_t first_line = r->lineno - r->rows.n;
    /* text: "# text", else FORMs with SpaceAfter */
    int first = d->sentences.n == 0;
    if (!first) {
        const char *sep = (r->newpar || r->newdoc) ? "\n\n" : " ";
        if (text_append(r, sep, strlen(sep))) goto nomem;
    }
    size_t sent_start = r->text.n;
    if (r->sent_text) {
        if (text_append(r, r->sent_text, strlen(r->sent_text))) goto nomem;
    } else {
        int skip_to = 0;
        for (size_t i = 0; i < r->rows.n; i++) {
            char buf[4096];
            snprintf(buf, sizeof buf, "%s", r->rows.v[i]);
            char *col[10];
            if (split_cols(buf, col) < 10) continue;
            int a, b;
            char dash;
            if (sscanf(col[0], "%d%c%d", &a, &dash, &b) == 3 && dash == '-') {
                skip_to = b;
            } else if (strchr(col[0], '.') || atoi(col[0]) <= skip_to) {
                continue;
            }
            if (text_append(r, col[1], strlen(col[1]))) goto nomem;
            if (!strstr(col[9], "SpaceAfter=No") && i + 1 < r->rows.n)
                if (text_append(r, " ", 1)) goto nomem;
        }
    }
    size_t sent_end = r->text.n;

    sitrep_sentence *s = vec_push(d->sentences);
    if (!s) goto nomem;
    s->start = (uint32_t)sent_start;
    s->end = (uint32_t)sent_end;
    s->token = (uint32_t)d->tokens.n;
    s->word = (uint32_t)d->words.n;
    s->par_start = (uint8_t)(first || r->newpar || r->newdoc);
    s->id = r->sent_id ? arena_strdup(&d->mem, r->sent_id) : NULL;

    size_t pos = sent_start;
    int mwt_last = 0;            /* last word id of the open multi-word token */
    sitrep_token *mwt = NULL;
    for (size_t i = 0; i < r->rows.n; i++) {
        char *col[10];
        size_t lineno = first_line + i;
        if (split_cols(r->rows.v[i], col) != 10) {
            err_set(err, SITREP_ERR_INPUT, r->path, lineno, SIZE_MAX,
                    "expected 10 tab-separated columns");
            return -1;
        }
        int a, b;
        char dash;
        if (strchr(col[0], '.')) continue;                 /* empty node */
        if (sscanf(col[0], "%d%c%d", &a, &dash, &b) == 3 && dash == '-') {
            sitrep_token *t = vec_push(d->tokens);
            if (!t) goto nomem;
            size_t end;
            t->start = (uint32_t)align(r, &pos, col[1], &end);
            t->end = (uint32_t)end;
            t->word = (uint32_t)d->words.n;
            t->space_after = !strstr(col[9], "SpaceAfter=No");
            mwt = t;
            mwt_last = b;
            continue;
        }
        int id = atoi(col[0]);
        if (id <= 0) {
            err_set(err, SITREP_ERR_INPUT, r->path, lineno, SIZE_MAX, "bad word id \"%s\"", col[0]);
            return -1;
        }
        sitrep_word *w = vec_push(d->words);
        if (!w) goto nomem;
        w->form = arena_strdup(&d->mem, col[1]);
        w->norm = w->form;
        w->lemma = col_str(d, col[2]);
        w->upos = (uint8_t)sitrep_upos_from_name(col[3]);
        w->xpos = col_str(d, col[4]);
        w->feats = col_str(d, col[5]);
        w->head = strcmp(col[6], "_") == 0 ? -1 : atoi(col[6]);
        w->deprel = col_str(d, col[7]);
        if (!w->form) goto nomem;
        if (mwt && id <= mwt_last) {
            /* a part of a multi-word token: its own span when it is a substring */
            w->token = (uint32_t)(mwt - d->tokens.v);
            mwt->nwords++;
            size_t tl = mwt->end - mwt->start, fl = strlen(col[1]);
            const char *ts = r->text.v + mwt->start;
            size_t off = 0;
            for (uint32_t k = mwt->word; k + 1 < mwt->word + mwt->nwords; k++)
                off += strlen(d->words.v[k].form);
            if (off + fl <= tl && memcmp(ts + off, col[1], fl) == 0) {
                w->start = mwt->start + (uint32_t)off;
                w->end = w->start + (uint32_t)fl;
            } else {
                w->start = mwt->start;
                w->end = mwt->end;
            }
            if (id == mwt_last) mwt = NULL;
        } else {
            mwt = NULL;
            sitrep_token *t = vec_push(d->tokens);
            if (!t) goto nomem;
            size_t end;
            t->start = (uint32_t)align(r, &pos, col[1], &end);
            t->end = (uint32_t)end;
            t->word = (uint32_t)(d->words.n - 1);
            t->nwords = 1;
            t->space_after = !strstr(col[9], "SpaceAfter=No");
            w = &d->words.v[d->words.n - 1];       /* vec_push may have moved it */
            w->token = (uint32_t)(d->tokens.n - 1);
            w->start = t->start;
            w->end = t->end;
        }
    }
    s = &d->sentences.v[d->sentences.n - 1];
    s->ntokens = (uint32_t)(d->tokens.n - s->token);
    s->nwords = (uint32_t)(d->words.n - s->word);
    clear_sentence(r);
    return 0;
nomem:
    err_set(err, SITREP_ERR_NOMEM, r->path, r->lineno, SIZE_MAX, "out of memory");
    return -1;
}

static int read_line(conllu_reader *r)
{
    if (r->pending) { r->pending = 0; return 1; }
    r->line_len = getline(&r->line, &r->line_cap, r->f);
    if (r->line_len < 0) { r->eof = 1; return 0; }
    r->lineno++;
    while (r->line_len > 0 && (r->line[r->line_len - 1] == '\n' || r->line[r->line_len - 1] == '\r'))
        r->line[--r->line_len] = '\0';
    return 1;
}

static int doc_done(conllu_reader *r, sitrep_doc *d, sitrep_error *err)
{
    if (sitrep_doc_set_text(d, r->text.v ? r->text.v : "", r->text.n) != SITREP_OK) {
        err_set(err, SITREP_ERR_NOMEM, r->path, r->lineno, SIZE_MAX, "out of memory");
        return -1;
    }
    return 1;
}

int conllu_next(conllu_reader *r, sitrep_doc *d, sitrep_error *err)
{
    sitrep_doc_reset(d);
    r->text.n = 0;
    clear_sentence(r);
    int have_docid = 0;
    for (;;) {
        if (!read_line(r)) {
            if (r->rows.n && finish_sentence(r, d, err) < 0) return -1;
            return d->sentences.n ? doc_done(r, d, err) : 0;
        }
        char *l = r->line;
        if (l[0] == '\0') {
            if (r->rows.n) {
                if (finish_sentence(r, d, err) < 0) { clear_sentence(r); return -1; }
                if (r->max_sents && d->sentences.n >= r->max_sents) return doc_done(r, d, err);
            }
            continue;
        }
        if (l[0] == '#') {
            if (strncmp(l, "# newdoc", 8) == 0) {
                if (d->sentences.n || r->rows.n) {
                    if (r->rows.n && finish_sentence(r, d, err) < 0) return -1;
                    r->pending = 1;
                    return doc_done(r, d, err);
                }
                r->newdoc = 1;
                const char *eq = strstr(l, "id =");
                if (eq && !have_docid) {
                    eq += 4;
                    while (*eq == ' ') eq++;
                    sitrep_doc_set(d, SITREP_FIELD_ID, eq, strlen(eq));
                    have_docid = 1;
                }
            } else if (strncmp(l, "# newpar", 8) == 0) {
                r->newpar = 1;
            } else if (strncmp(l, "# text = ", 9) == 0) {
                free(r->sent_text);
                r->sent_text = strdup(l + 9);
            } else if (strncmp(l, "# sent_id = ", 12) == 0) {
                free(r->sent_id);
                r->sent_id = strdup(l + 12);
            }
            continue;
        }
        char *copy = strdup(l);
        char **slot = copy ? vec_push(r->rows) : NULL;
        if (!slot) {
            free(copy);
            err_set(err, SITREP_ERR_NOMEM, r->path, r->lineno, SIZE_MAX, "out of memory");
            return -1;
        }
        *slot = copy;
    }
}

/* ------------------------------------------------------------- writing */

/* A column value: "_" when unset; white space (illegal in columns) as "_"-free spaces. */
static int put_col(sitrep_buf *b, const char *s)
{
    if (!s || !*s) return buf_put(b, "_", 1);
    size_t n = strlen(s);
    if (buf_reserve(b, n)) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        b->data[b->len++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    b->data[b->len] = '\0';
    return 0;
}


sitrep_status conllu_write(const sitrep_doc *d, sitrep_buf *b)
{
    const char *docid = d->field[SITREP_FIELD_ID] ? d->field[SITREP_FIELD_ID] : "doc";
    int bad = 0;
    for (size_t si = 0; si < d->sentences.n; si++) {
        const sitrep_sentence *s = &d->sentences.v[si];
        if (s->id) {
            bad |= buf_puts(b, "# sent_id = ") | buf_puts(b, s->id);
        } else {
            bad |= buf_puts(b, "# sent_id = ") | buf_puts(b, docid) | buf_put(b, "-", 1) | buf_int(b, (long)si + 1);
        }
        bad |= buf_puts(b, "\n# text = ");
        /* the sentence text on one line */
        size_t a = s->start, e = s->end;
        if (buf_reserve(b, e - a)) return SITREP_ERR_NOMEM;
        int sp = 0;
        for (size_t i = a; i < e; i++) {
            char c = d->text[i];
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
            if (c == ' ' && sp) continue;
            sp = c == ' ';
            b->data[b->len++] = c;
        }
        b->data[b->len] = '\0';
        bad |= buf_put(b, "\n", 1);
        uint32_t w0 = s->word;
        for (uint32_t ti = s->token; ti < s->token + s->ntokens; ti++) {
            const sitrep_token *t = &d->tokens.v[ti];
            if (t->nwords > 1) {
                bad |= buf_int(b, (long)(t->word - w0 + 1)) | buf_put(b, "-", 1) |
                       buf_int(b, (long)(t->word - w0 + t->nwords)) | buf_put(b, "\t", 1);
                /* the token's surface form */
                char *form = (char *)d->text + t->start;
                size_t fl = t->end - t->start;
                if (buf_reserve(b, fl)) return SITREP_ERR_NOMEM;
                for (size_t i = 0; i < fl; i++) {
                    char c = form[i];
                    b->data[b->len++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
                }
                b->data[b->len] = '\0';
                bad |= buf_puts(b, "\t_\t_\t_\t_\t_\t_\t_\t") |
                       buf_puts(b, t->space_after ? "_" : "SpaceAfter=No") | buf_put(b, "\n", 1);
            }
            for (uint32_t wi = t->word; wi < t->word + t->nwords; wi++) {
                const sitrep_word *w = &d->words.v[wi];
                bad |= buf_int(b, (long)(wi - w0 + 1)) | buf_put(b, "\t", 1);
                bad |= put_col(b, w->form) | buf_put(b, "\t", 1);
                bad |= put_col(b, w->lemma) | buf_put(b, "\t", 1);
                bad |= put_col(b, w->upos ? sitrep_upos_name(w->upos) : NULL) | buf_put(b, "\t", 1);
                bad |= put_col(b, w->xpos) | buf_put(b, "\t", 1);
                bad |= put_col(b, w->feats) | buf_put(b, "\t", 1);
                if (w->head >= 0) bad |= buf_int(b, w->head);
                else bad |= buf_put(b, "_", 1);
                bad |= buf_put(b, "\t", 1) | put_col(b, w->deprel) | buf_puts(b, "\t_\t");
                bad |= buf_puts(b, (t->nwords == 1 && !t->space_after) ? "SpaceAfter=No" : "_");
                bad |= buf_put(b, "\n", 1);
            }
        }
        bad |= buf_put(b, "\n", 1);
    }
    return bad ? SITREP_ERR_NOMEM : SITREP_OK;
}
