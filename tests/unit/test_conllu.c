/* test_conllu.c — CoNLL-U reading (spans, MWT, paragraphs, documents) and writing. */
#include "buf.h"
#include "conllu.h"
#include "doc.h"
#include "test.h"

#define FIX "tests/fixtures/conllu/"

static void reads_documents_paragraphs_and_mwt(void)
{
    sitrep_error err;
    conllu_reader *r = conllu_open(FIX "mwt_and_paragraphs.conllu", 0, &err);
    CHECK(r != NULL);
    if (!r) return;
    sitrep_doc *d = sitrep_doc_new();
    CHECK_INT(conllu_next(r, d, &err), 1);
    CHECK_STR(sitrep_doc_get(d, SITREP_FIELD_ID), "ours-1");
    CHECK_STR(sitrep_doc_text(d, NULL), "Kyiv won't wait. It said so.\n\nDone.");
    CHECK_INT(sitrep_doc_nsentences(d), 3);
    CHECK_INT(sitrep_doc_ntokens(d), 10);
    CHECK_INT(sitrep_doc_nwords(d), 11);
    const sitrep_token *t = sitrep_doc_token(d, 1);
    CHECK_INT(t->start, 5);
    CHECK_INT(t->end, 10);
    CHECK_INT(t->nwords, 2);
    const sitrep_word *w = sitrep_doc_word(d, 2);
    CHECK_STR(w->form, "n't");
    CHECK_INT(w->start, 7);
    CHECK_INT(w->end, 10);
    CHECK_INT(w->head, 4);
    CHECK_STR(w->deprel, "advmod");
    CHECK_INT(w->upos, SITREP_UPOS_PART);
    CHECK_INT(sitrep_doc_token(d, 2)->space_after, 0);
    CHECK_INT(sitrep_doc_sentence(d, 0)->par_start, 1);
    CHECK_INT(sitrep_doc_sentence(d, 1)->par_start, 0);
    CHECK_INT(sitrep_doc_sentence(d, 2)->par_start, 1);
    CHECK_INT(sitrep_doc_sentence(d, 2)->start, 30);
    CHECK_STR(conllu_sent_id(d, 1), "ours-1-2");
    CHECK_INT(conllu_next(r, d, &err), 1);
    CHECK_STR(sitrep_doc_get(d, SITREP_FIELD_ID), "ours-2");
    CHECK_INT(sitrep_doc_nsentences(d), 1);
    CHECK_INT(conllu_next(r, d, &err), 0);
    sitrep_doc_free(d);
    conllu_close(r);
}

static void write_round_trips(void)
{
    sitrep_error err;
    conllu_reader *r = conllu_open(FIX "mwt_and_paragraphs.conllu", 0, &err);
    if (!r) { CHECK(r != NULL); return; }
    sitrep_doc *d = sitrep_doc_new();
    sitrep_buf b = {0};
    while (conllu_next(r, d, &err) == 1) CHECK(conllu_write(d, &b) == SITREP_OK);
    CHECK(strstr(b.data, "# sent_id = ours-1-1\n# text = Kyiv won't wait.\n"
                         "1\tKyiv\tKyiv\tPROPN\tNNP\tNumber=Sing\t3\tnsubj\t_\t_\n"
                         "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                         "2\two\twill\tAUX\tMD\tVerbForm=Fin\t4\taux\t_\t_\n") != NULL);
    CHECK(strstr(b.data, "4\twait\twait\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n") != NULL);
    sitrep_buf_free(&b);
    sitrep_doc_free(d);
    conllu_close(r);
}

static void bad_line_reports_place(void)
{
    FILE *f = fopen("build-tmp-bad.conllu", "w");
    if (!f) SKIP("cannot write a temporary file");
    fputs("# text = a b\n1\ta\n2\tb\tb\tX\t_\t_\t0\troot\t_\t_\n\n", f);
    fclose(f);
    sitrep_error err;
    sitrep_error_clear(&err);
    conllu_reader *r = conllu_open("build-tmp-bad.conllu", 0, &err);
    sitrep_doc *d = sitrep_doc_new();
    CHECK_INT(conllu_next(r, d, &err), -1);
    CHECK_INT(err.line, 2);
    CHECK(err.status == SITREP_ERR_INPUT);
    CHECK_INT(conllu_next(r, d, &err), 0);
    sitrep_doc_free(d);
    conllu_close(r);
    remove("build-tmp-bad.conllu");
}

static void missing_file(void)
{
    sitrep_error err;
    CHECK(conllu_open("no/such/file.conllu", 0, &err) == NULL);
    CHECK(err.status == SITREP_ERR_IO);
    CHECK_STR(err.file, "no/such/file.conllu");
}

static void ewt_dev_spans_align(void)
{
    const char *sh = t_shared_data();
    if (!sh) SKIP("../shared/data absent");
    char path[512];
    snprintf(path, sizeof path, "%s/ud-en-ewt/en_ewt-ud-dev.conllu", sh);
    sitrep_error err;
    conllu_reader *r = conllu_open(path, 0, &err);
    if (!r) { CHECK(r != NULL); return; }
    sitrep_doc *d = sitrep_doc_new();
    size_t words = 0, misaligned = 0;
    while (conllu_next(r, d, &err) == 1) {
        size_t len;
        const char *text = sitrep_doc_text(d, &len);
        for (size_t i = 0; i < sitrep_doc_nwords(d); i++) {
            const sitrep_word *w = sitrep_doc_word(d, i);
            words++;
            size_t fl = strlen(w->form);
            const sitrep_token *t = sitrep_doc_token(d, w->token);
            if (t->nwords == 1 && (w->end - w->start != fl || memcmp(text + w->start, w->form, fl) != 0))
                misaligned++;
        }
    }
    CHECK_INT(words, 25147);
    CHECK_INT(misaligned, 0);
    sitrep_doc_free(d);
    conllu_close(r);
}

int main(void)
{
    RUN(reads_documents_paragraphs_and_mwt);
    RUN(write_round_trips);
    RUN(bad_line_reports_place);
    RUN(missing_file);
    RUN(ewt_dev_spans_align);
    return TEST_EXIT();
}
