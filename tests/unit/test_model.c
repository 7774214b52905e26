/* test_model.c — train a model on a tiny fixture of our own, load it (mmap),
 * tag and parse; refuse damaged model files with SITREP_ERR_MODEL. When the
 * shipped model is present, it must tag and parse a simple sentence right. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conllu.h"
#include "doc.h"
#include "model.h"
#include "test.h"
#include "train.h"

static const char *fixture = "tests/fixtures/parse/tiny.conllu";

static int is_tree(const sitrep_doc *d, size_t s)
{
    const sitrep_sentence *se = &d->sentences.v[s];
    int roots = 0;
    for (size_t i = 0; i < se->nwords; i++) {
        const sitrep_word *w = &d->words.v[se->word + i];
        if (w->head < 0 || (size_t)w->head > se->nwords || !w->deprel) return 0;
        if (w->head == 0) roots++;
        /* no cycles: walking up reaches the root within n steps */
        int h = w->head;
        for (size_t k = 0; h > 0 && k <= se->nwords; k++) h = d->words.v[se->word + h - 1].head;
        if (h != 0) return 0;
    }
    return roots == 1;
}

/* Options that train on the fixture alone: 8 epochs, gold tags, one thread. */
static void tiny_options(train_options *o, const char **train, const char *out)
{
    memset(o, 0, sizeof *o);
    train[0] = fixture;
    o->train = train;
    o->ntrain = 1;
    o->dev = fixture;
    o->out = out;
    o->epochs = 8;
    o->seed = 3;
    o->threads = 1;
}

/* Tags and parses the fixture with m: every word gets XPOS, UPOS and lemma,
 * every sentence is a tree; 1 when at least 9 heads in 10 are right (a model
 * trained on it memorizes it). */
static int parses_fixture(const sr_model *m)
{
    sitrep_error err;
    conllu_reader *r = conllu_open(fixture, 0, &err);
    sitrep_doc *d = sitrep_doc_new();
    CHECK(r && d && conllu_next(r, d, &err) == 1);
    size_t right = 0, all = 0;
    for (size_t s = 0; s < d->sentences.n; s++) {
        const sitrep_sentence *se = &d->sentences.v[s];
        int gh[64];
        for (size_t i = 0; i < se->nwords && i < 64; i++) {
            gh[i] = d->words.v[se->word + i].head;
            d->words.v[se->word + i].head = -1;
            d->words.v[se->word + i].xpos = NULL;
        }
        CHECK_INT(model_tag(m, d, s), SITREP_OK);
        CHECK_INT(model_parse(m, d, s), SITREP_OK);
        CHECK(is_tree(d, s));
        for (size_t i = 0; i < se->nwords && i < 64; i++, all++) {
            const sitrep_word *w = &d->words.v[se->word + i];
            CHECK(w->xpos && w->lemma && w->upos != SITREP_UPOS_NONE);
            right += w->head == gh[i];
        }
    }
    sitrep_doc_free(d);
    conllu_close(r);
    return all > 0 && right * 10 >= all * 9;
}

/* Two new empty files from mkstemp templates (the models a test writes). */
static void temp_pair(char *path, char *path2)
{
    int fd = mkstemp(path), fd2 = mkstemp(path2);
    CHECK(fd >= 0 && fd2 >= 0);
    if (fd >= 0) close(fd);
    if (fd2 >= 0) close(fd2);
}

/* o trained twice, into path and path2: the same file, which loads and
 * memorizes the fixture. */
static void trains_alike_and_memorizes(train_options *o, const char *path, const char *path2)
{
    sitrep_error err;
    sitrep_error_clear(&err);
    o->out = path;
    CHECK_INT(train_run(o, &err), SITREP_OK);
    o->out = path2;
    CHECK_INT(train_run(o, &err), SITREP_OK);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", path, path2);
    CHECK(system(cmd) == 0);
    sr_model *m = model_load(path, &err);
    CHECK(m != NULL);
    CHECK(m && parses_fixture(m));
    model_free(m);
}

/* Writes len bytes at offset `at` of section id of the model file at path;
 * returns the section's length (0 when it is absent). */
static uint64_t overwrite_section(const char *path, uint32_t id, uint64_t at, const void *p, size_t len)
{
    FILE *f = fopen(path, "r+b");
    uint32_t nsec = 0, sid;
    uint64_t ol[2], found = 0;
    CHECK(f && fseek(f, 12, SEEK_SET) == 0 && fread(&nsec, 4, 1, f) == 1);
    for (uint32_t i = 0; f && i < nsec; i++) {
        fseek(f, 16 + 24 * (long)i, SEEK_SET);
        if (fread(&sid, 4, 1, f) != 1 || fseek(f, 4, SEEK_CUR) || fread(ol, 8, 2, f) != 2) break;
        if (sid != id || at + len > ol[1]) continue;
        found = ol[1];
        fseek(f, (long)(ol[0] + at), SEEK_SET);
        CHECK(fwrite(p, len, 1, f) == 1);
    }
    if (f) fclose(f);
    return found;
}

static void train_load_tag_parse(void)
{
    if (access("/usr/share/wordnet/index.noun", R_OK) != 0) SKIP("WordNet absent");
    char path[] = "/tmp/sitrep-test-model-XXXXXX", path2[] = "/tmp/sitrep-test-model-XXXXXX";
    temp_pair(path, path2);
    const char *train[1];
    train_options o;
    tiny_options(&o, train, path);
    /* same data and seed: same file; it memorizes its training data */
    trains_alike_and_memorizes(&o, path, path2);
    /* jackknifed tags and a stacked tagger: still loads and gives trees */
    o.folds = 2;
    o.jk_epochs = 2;
    o.stack = 1;
    o.threads = 2;
    sitrep_error err;
    sitrep_error_clear(&err);
    CHECK_INT(train_run(&o, &err), SITREP_OK);
    sr_model *m = model_load(path2, &err);
    CHECK(m != NULL);
    if (m) parses_fixture(m);                   /* its checks; 2 epochs need not memorize */
    model_free(m);
    unlink(path);
    unlink(path2);
}

/* train --beam: the model keeps its beam, parses with it, memorizes its data
 * as the greedy one does, is deterministic; a bad beam value is refused. */
static void train_beam(void)
{
    if (access("/usr/share/wordnet/index.noun", R_OK) != 0) SKIP("WordNet absent");
    char path[] = "/tmp/sitrep-test-model-XXXXXX", path2[] = "/tmp/sitrep-test-model-XXXXXX";
    temp_pair(path, path2);
    const char *train[1];
    train_options o;
    tiny_options(&o, train, path);
    o.beam = 4;
    trains_alike_and_memorizes(&o, path, path2);
    sitrep_error err;
    /* the beam section says 0: refused */
    uint32_t bad = 0;
    CHECK(overwrite_section(path, MSEC_DEPBEAM, 0, &bad, 4) == 4);
    CHECK(model_load(path, &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    unlink(path);
    unlink(path2);
}

/* train --nn: a network beside the perceptron, from word vectors of a file
 * (with a malformed line, reported and skipped); deterministic; the model
 * parses with it and memorizes its data; a damaged network section, or a
 * vector file that cannot be read, is refused. */
static void train_nn(void)
{
    if (access("/usr/share/wordnet/index.noun", R_OK) != 0) SKIP("WordNet absent");
    char path[] = "/tmp/sitrep-test-model-XXXXXX", path2[] = "/tmp/sitrep-test-model-XXXXXX";
    char vec[] = "/tmp/sitrep-test-vec-XXXXXX";
    temp_pair(path, path2);
    int fd = mkstemp(vec);
    FILE *vf = fdopen(fd, "w");
    const char *words[] = { "minister", "visited", "the", "army", "talks" };
    for (int w = 0; w < 5; w++) {
        fputs(words[w], vf);
        for (int d = 0; d < 100; d++) fprintf(vf, " %.3f", (double)((w * 37 + d * 11) % 17 - 8) / 10);
        fputc('\n', vf);
    }
    fputs("broken 1 2 3\n", vf);
    fclose(vf);
    /* the fixture 20 times over: enough minibatches for the network to learn */
    const char *train[20];
    train_options o;
    tiny_options(&o, train, path);
    for (int i = 1; i < 20; i++) train[i] = fixture;
    o.ntrain = 20;
    o.nn = 1;
    o.nn_epochs = 4;
    o.nn_hidden = 32;
    o.nn_vectors = vec;
    trains_alike_and_memorizes(&o, path, path2);
    sitrep_error err;
    char magic[4] = "NNP9";
    CHECK(overwrite_section(path, MSEC_NN, 0, magic, 4) > 4);
    CHECK(model_load(path, &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    /* a hidden layer of 48 where the section says 32: its length is wrong */
    uint32_t h = 48;
    CHECK(overwrite_section(path2, MSEC_NN, 4, &h, 4) > 4);
    CHECK(model_load(path2, &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    o.nn_vectors = "/nonexistent/vectors.txt";
    CHECK_INT(train_run(&o, &err), SITREP_ERR_IO);
    CHECK(strstr(err.msg, "vectors") && !strcmp(err.file, "/nonexistent/vectors.txt"));
    unlink(path);
    unlink(path2);
    unlink(vec);
}

static void refuses_bad_files(void)
{
    sitrep_error err;
    char path[] = "/tmp/sitrep-test-bad-XXXXXX";
    int fd = mkstemp(path);
    CHECK(write(fd, "SITREPM\0\2\0\0\0\0\0\0\0", 16) == 16);   /* version 2 */
    close(fd);
    sitrep_error_clear(&err);
    CHECK(model_load(path, &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    FILE *f = fopen(path, "wb");
    fputs("not a model at all, just some text", f);
    fclose(f);
    CHECK(model_load(path, &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_MODEL);
    /* a real model cut in half */
    const char *shipped = "models/sitrep-en.model";
    FILE *in = fopen(shipped, "rb");
    if (in) {
        fseek(in, 0, SEEK_END);
        long n = ftell(in);
        fseek(in, 0, SEEK_SET);
        char *buf = malloc((size_t)n);
        CHECK(fread(buf, 1, (size_t)n, in) == (size_t)n);
        fclose(in);
        f = fopen(path, "wb");
        fwrite(buf, 1, (size_t)n / 2, f);
        fclose(f);
        CHECK(model_load(path, &err) == NULL);
        CHECK_INT(err.status, SITREP_ERR_MODEL);
        free(buf);
    }
    unlink(path);
    CHECK(model_load("/nonexistent/model", &err) == NULL);
    CHECK_INT(err.status, SITREP_ERR_IO);
}

static void shipped_model_on_a_sentence(void)
{
    sitrep_error err;
    sr_model *m = model_load("models/sitrep-en.model", &err);
    if (!m) SKIP("models/sitrep-en.model absent");
    conllu_reader *r = conllu_open(fixture, 0, &err);
    sitrep_doc *d = sitrep_doc_new();
    CHECK(r && d && conllu_next(r, d, &err) == 1);
    /* tiny-2: Troops were sent to the border. */
    CHECK_INT(model_tag(m, d, 1), SITREP_OK);
    CHECK_INT(model_parse(m, d, 1), SITREP_OK);
    const sitrep_word *w = d->words.v + d->sentences.v[1].word;
    /* (EWT lemmatizes "troops" as a plurale tantum: not checked) */
    CHECK_STR(w[1].lemma, "be");
    CHECK_INT(w[1].upos, SITREP_UPOS_AUX);
    CHECK_STR(w[2].lemma, "send");
    CHECK_INT(w[0].head, 3);
    CHECK_STR(w[0].deprel, "nsubj:pass");
    CHECK_INT(w[2].head, 0);
    CHECK_INT(w[5].head, 3);
    CHECK_STR(w[5].deprel, "obl");
    sitrep_doc_free(d);
    conllu_close(r);
    model_free(m);
}

int main(void)
{
    RUN(train_load_tag_parse);
    RUN(train_beam);
    RUN(train_nn);
    RUN(refuses_bad_files);
    RUN(shipped_model_on_a_sentence);
    return TEST_EXIT();
}
