/* test_verbs_builtin.c — the built-in verb dictionary data/dict/verbs.txt: it loads
 * through src/dict.c in strict mode with no warning, is large enough, every code
 * in it is a CAMEO code, and the verb forms of the seed article resolve to the
 * blocks and codes chosen in the file (DECISION comments; data/dict/VERBS.md). */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "cameo.h"
#include "dict.h"

#define VERBS "data/dict/verbs.txt"

static size_t nwarn;
static void on_warn(void *ctx, const sitrep_error *w)
{
    (void)ctx;
    if (nwarn++ < 20) printf("  %s:%zu: %s\n", w->file, w->line, w->msg);
}

static dict_set *load(void)
{
    dict_set *s = dict_set_new();
    sitrep_error err;
    nwarn = 0;
    sitrep_status st = dict_load_verbs(s, VERBS, 1, &err, on_warn, NULL);
    if (st != SITREP_OK) printf("  %s:%zu: %s\n", err.file, err.line, err.msg);
    CHECK_INT(st, SITREP_OK);
    CHECK_INT(nwarn, 0);
    return s;
}

/* The form of `word` (upper case) with no pre-verb words and no particles. */
static int form_of(const dict_set *s, const char *word, dict_form *out)
{
    dict_form f[16];
    size_t n = dict_verb_lookup(s, dict_intern_lookup(s, word), f, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        if (f[i].npre == 0 && f[i].npost == 0) {
            *out = f[i];
            return 1;
        }
    return 0;
}

/* The form of a phrasal verb `word particle`. */
static int phrasal_of(const dict_set *s, const char *word, const char *particle, dict_form *out)
{
    dict_form f[16];
    uint32_t p = dict_intern_lookup(s, particle);
    size_t n = dict_verb_lookup(s, dict_intern_lookup(s, word), f, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        if (f[i].npre == 0 && f[i].npost == 1 && f[i].post[0] == p) {
            *out = f[i];
            return 1;
        }
    return 0;
}

static void check_form(const dict_set *s, const char *word, const char *block, const char *code)
{
    dict_form f;
    if (!form_of(s, word, &f)) {
        printf("  no form %s\n", word);
        CHECK(0);
        return;
    }
    CHECK_STR(dict_block_name(s, f.block), block);
    CHECK_STR(f.code, code);
}

/* 1 when block `name` has a pattern coded `code` whose elements include the
 * word or synset `elem` ("&WEAPON", "PEACE"). */
static int block_has(const dict_set *s, const char *name, const char *elem, const char *code)
{
    for (size_t b = 0; b < dict_nblocks(s); b++) {
        if (strcmp(dict_block_name(s, (uint32_t)b), name) != 0) continue;
        for (size_t i = 0; i < dict_block_npatterns(s, (uint32_t)b); i++) {
            dict_pattern p;
            if (!dict_block_pattern(s, (uint32_t)b, i, &p) || !p.code || strcmp(p.code, code) != 0)
                continue;
            for (size_t k = 0; k < p.npost; k++) {
                const dict_elem *e = &p.post[k];
                const char *t = e->kind == DICT_E_WORD ? dict_word(s, e->id)
                              : e->kind == DICT_E_SYNSET ? dict_synset_name(s, e->id) : NULL;
                if (t && strcmp(t, elem) == 0) return 1;
            }
        }
    }
    return 0;
}

/* Index of the first pattern of block `name` coded `code` with the word or synset
 * `elem` before or after the verb; -1 when there is none. Patterns of equal
 * score are tried in file order, so the index says which one wins a tie. */
static long pattern_at(const dict_set *s, const char *name, const char *elem, const char *code)
{
    for (size_t b = 0; b < dict_nblocks(s); b++) {
        if (strcmp(dict_block_name(s, (uint32_t)b), name) != 0) continue;
        for (size_t i = 0; i < dict_block_npatterns(s, (uint32_t)b); i++) {
            dict_pattern p;
            if (!dict_block_pattern(s, (uint32_t)b, i, &p) || !p.code || strcmp(p.code, code) != 0)
                continue;
            for (int side = 0; side < 2; side++) {
                const dict_elem *el = side ? p.pre : p.post;
                size_t ne = side ? p.npre : p.npost;
                for (size_t k = 0; k < ne; k++) {
                    const char *t = el[k].kind == DICT_E_WORD ? dict_word(s, el[k].id)
                                  : el[k].kind == DICT_E_SYNSET ? dict_synset_name(s, el[k].id) : NULL;
                    if (t && strcmp(t, elem) == 0) return (long)i;
                }
            }
        }
    }
    return -1;
}

static void loads_strict(void)
{
    dict_set *s = load();
    dict_counts c;
    dict_get_counts(s, &c);
    printf("  %zu blocks (%zu headers), %zu verbs, %zu forms, %zu patterns, %zu synsets "
           "(%zu members), %zu transformations\n", c.blocks, c.block_headers, c.verbs,
           c.forms, c.patterns, c.synsets, c.synset_members, c.transforms);
    CHECK(c.verbs + c.patterns >= 1500);
    CHECK(c.verbs >= 700);
    CHECK(c.patterns >= 1000);
    CHECK(c.synsets >= 40);
    CHECK(c.transforms >= 20);
    dict_set_free(s);
}

/* Every block, verb and pattern code is a CAMEO code (or the null code). */
static void codes_are_cameo(void)
{
    dict_set *s = load();
    size_t bad = 0;
    for (size_t b = 0; b < dict_nblocks(s); b++)
        for (size_t i = 0; i < dict_block_npatterns(s, (uint32_t)b); i++) {
            dict_pattern p;
            if (!dict_block_pattern(s, (uint32_t)b, i, &p)) continue;
            const char *cs[2] = {p.code, p.passive};
            for (int k = 0; k < 2; k++)
                if (cs[k] && strcmp(cs[k], "---") != 0 && !cameo_lookup(cs[k])) {
                    if (bad++ < 10) printf("  %s:%zu: code %s is not CAMEO\n", p.file, p.line, cs[k]);
                }
            CHECK(p.code != NULL);
        }
    for (size_t i = 0; i < dict_ntransforms(s); i++) {
        dict_transform t;
        if (dict_transform_get(s, i, &t) && t.code && !cameo_lookup(t.code)) bad++;
    }
    CHECK_INT(bad, 0);
    dict_set_free(s);
}

/* Forms generated from lemmas (regular), listed (irregular), phrasal. */
static void forms(void)
{
    dict_set *s = load();
    check_form(s, "ATTACKS", "FIGHT", "190");
    check_form(s, "ATTACKING", "FIGHT", "190");
    check_form(s, "DENIES", "DENY", "016");
    check_form(s, "DENIED", "DENY", "016");
    check_form(s, "VETOES", "VETO", "129");
    check_form(s, "MET", "MEET", "040");
    check_form(s, "SPOKE", "MEET", "010");
    check_form(s, "SPOKEN", "MEET", "010");
    check_form(s, "FOUGHT", "FIGHT", "190");
    check_form(s, "SEIZED", "SEIZE", "171");
    check_form(s, "EXPELLED", "EXPEL", "166");
    check_form(s, "BANNED", "BAN", "172");
    check_form(s, "KIDNAPPED", "KIDNAP", "181");
    check_form(s, "ARRESTED", "ARREST", "173");
    check_form(s, "WITHDREW", "DEESCALATE", "0874");
    dict_form f;
    CHECK(!form_of(s, "BANED", &f));          /* no regular forms for a listed verb */
    CHECK(!form_of(s, "MEETED", &f));
    CHECK(phrasal_of(s, "CALLED", "ON", &f) && strcmp(f.code, "020") == 0);
    CHECK(phrasal_of(s, "SPOKE", "TO", &f) && strcmp(f.code, "040") == 0);
    CHECK(phrasal_of(s, "CRACKED", "DOWN", &f) && strcmp(f.code, "175") == 0);
    CHECK(phrasal_of(s, "PULLED", "OUT", &f) && strcmp(f.code, "0874") == 0);
    CHECK(phrasal_of(s, "STEPPING", "DOWN", &f) && strcmp(f.code, "0831") == 0);
    /* a word before the verb: FORCIBLY_+EXPEL */
    dict_form fs[16];
    size_t n = dict_verb_lookup(s, dict_intern_lookup(s, "EXPELLED"), fs, 16), pre = 0;
    for (size_t i = 0; i < n && i < 16; i++)
        if (fs[i].npre == 1 && fs[i].pre[0] == dict_intern_lookup(s, "FORCIBLY") &&
            strcmp(fs[i].code, "201") == 0)
            pre = 1;
    CHECK(pre);
    dict_set_free(s);
}

/* The seed article's verbs (brief; DECISION comments in the file). */
static void seed_verbs(void)
{
    dict_set *s = load();
    check_form(s, "ORDERED", "ORDER", "100");        /* Putin ordered troops: 100 */
    check_form(s, "ORDER", "ORDER", "100");
    check_form(s, "URGING", "APPEAL", "020");         /* urging troops: 02x appeal */
    check_form(s, "URGED", "APPEAL", "020");
    check_form(s, "THREATENED", "THREATEN", "130");
    check_form(s, "THREATENING", "THREATEN", "130");
    check_form(s, "ASKED", "ASK", "020");
    check_form(s, "DEMANDED", "DEMAND", "100");
    check_form(s, "INSISTED", "INSIST", "010");      /* Kelin: a statement */
    CHECK(block_has(s, "INSIST", "SHOULD", "100"));   /* Duda: "should follow" */
    check_form(s, "INSTALLED", "BASE", "---");        /* no event without a weapon */
    check_form(s, "BASED", "BASE", "---");
    check_form(s, "VOWED", "PROMISE", "030");
    check_form(s, "SEEK", "SEEK_PEACE", "030");
    check_form(s, "TREAT", "TREAT_AS", "---");
    check_form(s, "WANTED", "WANT", "---");
    CHECK(block_has(s, "WANT", "&ZONE", "1056"));
    check_form(s, "JAILING", "ARREST", "173");
    check_form(s, "CAPTURED", "ARREST", "173");
    check_form(s, "DEFEAT", "FIGHT", "190");
    check_form(s, "LIBERATE", "LIBERATE", "192");
    check_form(s, "OUST", "FIGHT", "190");
    check_form(s, "HOST", "HOST", "043");
    check_form(s, "SPOKEN", "MEET", "010");
    dict_form f;
    CHECK(phrasal_of(s, "SPOKEN", "TO", &f) && strcmp(f.code, "040") == 0);
    CHECK(form_of(s, "ISSUED", &f) && strcmp(dict_block_name(s, f.block), "ISSUE") == 0);
    CHECK(form_of(s, "TELLING", &f) && strcmp(dict_block_name(s, f.block), "TELL") == 0);
    CHECK(form_of(s, "MADE", &f) && strcmp(dict_block_name(s, f.block), "MAKE") == 0);
    /* the patterns that decide the seed's codes */
    CHECK(block_has(s, "ISSUE", "ORDER", "100"));
    CHECK(block_has(s, "MAKE", "REQUEST", "020"));
    CHECK(block_has(s, "MAKE", "DEMAND", "100"));
    CHECK(block_has(s, "DEMAND", "&ZONE", "1056"));
    CHECK(block_has(s, "TELL", "SHOULD", "100"));
    CHECK(block_has(s, "ASK", "&WEAPON", "0232"));
    CHECK(block_has(s, "ASK", "&NUCLEAR", "0232"));
    CHECK(block_has(s, "BASE", "&WEAPON", "062"));
    CHECK(block_has(s, "BASE", "&WEAPON", "154"));
    CHECK(block_has(s, "HOST", "&WEAPON", "062"));
    CHECK(block_has(s, "THREATEN", "&TALKS", "134"));
    CHECK(block_has(s, "THREATEN", "&WEAPON", "138"));
    CHECK(block_has(s, "SEEK_PEACE", "&PEACE", "037"));
    CHECK(block_has(s, "TREAT_AS", "&TERRORIST", "173"));
    CHECK(block_has(s, "FIGHT", "&TERRITORY", "190"));
    /* "(TO +)" with the target marker inside the phrase */
    int to_target = 0;
    for (size_t b = 0; b < dict_nblocks(s); b++) {
        if (strcmp(dict_block_name(s, (uint32_t)b), "MEET") != 0) continue;
        for (size_t i = 0; i < dict_block_npatterns(s, (uint32_t)b); i++) {
            dict_pattern p;
            dict_block_pattern(s, (uint32_t)b, i, &p);
            if (p.npost == 4 && p.post[0].kind == DICT_E_PP_OPEN && p.post[2].kind == DICT_E_TARGET &&
                strcmp(dict_word(s, p.post[1].id), "TO") == 0 && strcmp(p.code, "040") == 0)
                to_target = 1;
        }
    }
    CHECK(to_target);
    /* threatened/vowed acts become threats */
    int vow_jail = 0, threaten_install = 0;
    for (size_t i = 0; i < dict_ntransforms(s); i++) {
        dict_transform t;
        dict_transform_get(s, i, &t);
        const char *v1 = t.nverb1 ? dict_word(s, t.verb1[0].word) : "";
        const char *v2 = t.nverb2 ? dict_word(s, t.verb2[0].word) : "";
        if (!strcmp(v1, "VOW") && !strcmp(v2, "TREAT") && t.code && !strcmp(t.code, "137")) vow_jail = 1;
        if (!strcmp(v1, "THREATEN") && !strcmp(v2, "INSTALL") && t.code && !strcmp(t.code, "138"))
            threaten_install = 1;
    }
    CHECK(vow_jail);
    CHECK(threaten_install);
    dict_set_free(s);
}

/* Every verb line owns its base form: a form defined twice is silently kept by
 * its first definition (dict.c), which would hide the second line's code. Lines
 * are classified as dict.c does (verbs are numbered in file order). */
static void no_shadowed_verbs(void)
{
    dict_set *s = load();
    FILE *f = fopen(VERBS, "r");
    CHECK(f != NULL);
    if (!f) return;
    char line[1024];
    size_t lineno = 0, verb = 0, shadowed = 0;
    int syn = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *h = strchr(line, '#');
        if (h) *h = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        size_t n = strlen(p);
        while (n && (p[n - 1] == '\n' || p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) p[--n] = 0;
        if (!n) continue;
        if (p[0] == '-' || p[0] == '~') { syn = 0; continue; }
        if (p[0] == '&') { syn = 1; continue; }
        if (p[0] == '+' && syn) continue;
        syn = 0;
        /* the verb phrase: up to a blank, '{' or '[' */
        size_t m = strcspn(p, " \t{[");
        p[m] = 0;
        uint32_t ids[8];
        size_t nw = 0, k = SIZE_MAX;
        for (char *w = strtok(p, "_"); w && nw < 8; w = strtok(NULL, "_")) {
            if (*w == '+') {
                w++;
                if (k == SIZE_MAX) k = nw;
            }
            if (*w) ids[nw++] = dict_intern_lookup(s, w);
        }
        if (k == SIZE_MAX || k >= nw) k = 0;
        dict_form fs[32];
        size_t nf = dict_verb_lookup(s, ids[k], fs, 32), owner = SIZE_MAX;
        for (size_t i = 0; i < nf && i < 32; i++)
            if (fs[i].npre == k && fs[i].npost == nw - k - 1 &&
                (k == 0 || memcmp(fs[i].pre, ids, k * sizeof *ids) == 0) &&
                (nw - k - 1 == 0 || memcmp(fs[i].post, ids + k + 1, (nw - k - 1) * sizeof *ids) == 0))
                owner = fs[i].verb;
        if (owner != verb) {
            if (shadowed++ < 10) printf("  %s:%zu: verb shadowed by an earlier definition\n", VERBS, lineno);
        }
        verb++;
    }
    fclose(f);
    dict_counts c;
    dict_get_counts(s, &c);
    CHECK_INT(verb, c.verbs);
    CHECK_INT(shadowed, 0);
    dict_set_free(s);
}

/* Verbs that are events only through their object (light verbs) and the
 * decisions that make them code (VERBS.md, "Light verbs"). */
static void object_coded_verbs(void)
{
    dict_set *s = load();
    check_form(s, "LAUNCHED", "LAUNCH", "---");
    check_form(s, "BEGAN", "BEGIN", "---");
    check_form(s, "OPENED", "OPEN", "---");
    check_form(s, "STAGED", "STAGE", "---");
    check_form(s, "USED", "USE", "---");
    check_form(s, "PREVENTED", "PREVENT", "---");
    check_form(s, "LODGED", "LODGE", "---");
    check_form(s, "BOOSTED", "STRENGTHEN", "---");
    check_form(s, "PUT", "PUT", "---");
    check_form(s, "CUT", "STOP_AID", "---");
    check_form(s, "DECLARED", "ANNOUNCE", "010");
    check_form(s, "REITERATED", "REITERATE", "010");
    check_form(s, "SAID", "SAY", "010");
    CHECK(block_has(s, "LAUNCH", "&ATTACKN", "190"));
    CHECK(block_has(s, "LAUNCH", "&MEDIATION", "045"));
    CHECK(block_has(s, "LAUNCH", "INVESTIGATION", "090"));
    CHECK(block_has(s, "BEGIN", "&WITHDRAWAL", "0874"));
    CHECK(block_has(s, "STAGE", "&PROTESTN", "141"));
    CHECK(block_has(s, "ANNOUNCE", "&CEASEFIRE", "0871"));
    CHECK(block_has(s, "REITERATE", "DEMAND", "100"));
    CHECK(block_has(s, "STRENGTHEN", "&COOPERATION", "060"));
    CHECK(block_has(s, "PUT", "ALERT", "152"));
    CHECK(block_has(s, "LODGE", "PROTEST", "114"));
    CHECK(block_has(s, "ARREST", "EXERCISES", "150"));       /* HOLD exercises, not 173 */
    CHECK(pattern_at(s, "AGREE", "NOT", "120") >= 0);        /* "will not accept" */
    CHECK(block_has(s, "DENY", "APPEAL", "120"));            /* dismissed an appeal */
    /* a "labour" strike outranks an armed strike when only "strike" is named */
    long strike = pattern_at(s, "BEGIN", "STRIKE", "143"), attack = pattern_at(s, "BEGIN", "&ATTACKN", "190");
    CHECK(strike >= 0 && attack > strike);
    /* ties go to the first pattern: the specific aid sets come before &AID */
    long econ = pattern_at(s, "STOP_AID", "&ECONAID", "1621"), aid = pattern_at(s, "STOP_AID", "&AID", "162");
    CHECK(econ >= 0 && aid > econ);
    /* withdrawing peacekeepers FROM a country outscores the retreat (FROM +) */
    CHECK(pattern_at(s, "DEESCALATE", "&PEACEKEEPER", "1661") >= 0);
    /* a named suspension outranks a truce mentioned in the same clause */
    long susp = pattern_at(s, "ANNOUNCE", "SUSPENSION", "160"), truce = pattern_at(s, "ANNOUNCE", "&CEASEFIRE", "0871");
    CHECK(susp >= 0 && truce > susp);
    dict_set_free(s);
}

/* Every cue category 01..20 has at least one block whose code is in it. */
static void every_root_covered(void)
{
    dict_set *s = load();
    int seen[21] = {0};
    for (size_t b = 0; b < dict_nblocks(s); b++)
        for (size_t i = 0; i < dict_block_npatterns(s, (uint32_t)b); i++) {
            dict_pattern p;
            if (!dict_block_pattern(s, (uint32_t)b, i, &p) || !p.code) continue;
            const cameo_info *c = cameo_lookup(p.code);
            if (c) seen[(c->root[0] - '0') * 10 + (c->root[1] - '0')]++;
        }
    for (int r = 1; r <= 20; r++) {
        if (!seen[r]) printf("  no pattern for root %02d\n", r);
        CHECK(seen[r] > 0);
    }
    dict_set_free(s);
}

int main(void)
{
    RUN(loads_strict);
    RUN(codes_are_cameo);
    RUN(forms);
    RUN(seed_verbs);
    RUN(object_coded_verbs);
    RUN(no_shadowed_verbs);
    RUN(every_root_covered);
    return TEST_EXIT();
}
