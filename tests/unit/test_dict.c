/* test_dict.c — dictionary loaders (src/dict.c) on our own fixtures
 * (tests/fixtures/dict/NAME.txt, each named after what it checks) and a round trip over
 * every dictionary file in ../shared/data/{petrarch2,universal-petrarch}/dictionaries
 * against counts made here by a deliberately simple, independent line scan. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "dict.h"

#define FIX "tests/fixtures/dict/"

/* ------------------------------------------------------------- helpers */

typedef struct warns {
    size_t n;
    size_t line[4096];
    char msg[64][256];
} warns;

static void collect(void *ctx, const sitrep_error *w)
{
    warns *ws = ctx;
    if (ws->n < 64) snprintf(ws->msg[ws->n], sizeof ws->msg[0], "%s", w->msg);
    /* an undefined synset is reported at a pattern that is kept: not a skipped line */
    int kept = strncmp(w->msg, "undefined synset", 16) == 0;
    if (ws->n < 4096) ws->line[ws->n] = kept ? 0 : w->line;
    ws->n++;
}

static int warned_at(const warns *ws, size_t line)
{
    for (size_t i = 0; i < ws->n && i < 4096; i++)
        if (ws->line[i] == line) return 1;
    return 0;
}

static dict_set *load(dict_kind k, const char *path, warns *ws)
{
    dict_set *s = dict_set_new();
    sitrep_error err;
    if (ws) memset(ws, 0, sizeof *ws);
    sitrep_status st = dict_load(s, k, path, 0, &err, collect, ws);
    if (st != SITREP_OK) printf("  load %s: %s:%zu: %s\n", path, err.file, err.line, err.msg);
    CHECK_INT(st, SITREP_OK);
    return s;
}

/* Word ids of a blank-separated upper-case sentence. */
static size_t toks(const dict_set *s, const char *text, uint32_t *out, size_t cap)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < cap) {
        while (*p == ' ') p++;
        const char *b = p;
        while (*p && *p != ' ') p++;
        if (p > b) out[n++] = dict_intern_lookupn(s, b, (size_t)(p - b));
    }
    return n;
}

/* Code of the actor phrase that is the whole text, for a date; "" when none matches
 * the whole text, "(null)" when it matches without a code. */
static const char *actor(const dict_set *s, const char *text, int32_t date)
{
    uint32_t t[32];
    size_t n = toks(s, text, t, 32), len = 0;
    const dict_actor *a = dict_actor_match(s, t, n, &len);
    if (!a || len != n) return "";
    const char *c = dict_actor_code(s, a, date);
    return c ? c : "(null)";
}

static const char *agent(const dict_set *s, const char *text)
{
    uint32_t t[32];
    size_t n = toks(s, text, t, 32), len = 0;
    const dict_agent *a = dict_agent_match(s, t, n, &len);
    return a && len == n ? dict_agent_code(s, a) : "";
}

/* ---------------------------------------------------------------- actors */

static void actors_dated(void)
{
    warns ws;
    dict_set *s = load(DICT_ACTORS, FIX "actors_dated.txt", &ws);
    CHECK_INT(ws.n, 0);
    CHECK_STR(actor(s, "ZORBLAND", 20200101), "ZRB");
    CHECK_STR(actor(s, "ZORBLANDER", 20200101), "ZRB");
    CHECK_STR(actor(s, "ZORB LAND", 20200101), "ZRB");         /* blanks in a + phrase */
    /* dated lines first, base-line code as the default */
    CHECK_STR(actor(s, "MARTA QUILLON", 20090101), "ZRBCIV");
    CHECK_STR(actor(s, "PRESIDENT QUILLON", 20100115), "ZRBGOV"); /* range start included */
    CHECK_STR(actor(s, "MARTA QUILLON", 20150114), "ZRBGOV");
    CHECK_STR(actor(s, "MARTA QUILLON", 20150115), "ZRBOPP");     /* range end excluded */
    CHECK_STR(actor(s, "MARTA QUILLON", 20190228), "ZRBOPP");     /* YYMMDD with blanks */
    CHECK_STR(actor(s, "MARTA QUILLON", 20190301), "ZRBGOV");     /* "> 2019..." from */
    /* <, YYMMDD 00 -> 2000, undated line as the fallback */
    CHECK_STR(actor(s, "OSKAR VELT", 19871231), "ZRBMIL");
    CHECK_STR(actor(s, "OSKAR VELT", 19880101), "ZRBGOV");
    CHECK_STR(actor(s, "OSKAR VELT", 20000101), "ZRBELI");
    /* several dated codes on the base line, no default: nothing outside them */
    CHECK_STR(actor(s, "BRANN TOLLEY", 19821231), "(null)");
    CHECK_STR(actor(s, "BRANN TOLLEY", 19870801), "IGOZRBUNO");
    /* a bare date is a start date */
    CHECK_STR(actor(s, "TEODOR PAX", 20010202), "(null)");
    CHECK_STR(actor(s, "TEODOR PAX", 20010203), "ZRBGOV");
    /* the last entry of the file is kept (PETRARCH2 drops it) */
    CHECK_STR(actor(s, "LAST ENTRY OF FILE", 20200101), "ZRBLST");
    /* longest match from the first token */
    uint32_t t[8];
    size_t n = toks(s, "ZORB LAND FOREVER", t, 8), len = 0;
    CHECK(dict_actor_match(s, t, n, &len) != NULL);
    CHECK_INT(len, 2);
    n = toks(s, "QUILLON", t, 8);
    CHECK(dict_actor_match(s, t, n, &len) == NULL);
    /* the code list, for explanations */
    n = toks(s, "MARTA QUILLON", t, 8);
    const dict_actor *a = dict_actor_match(s, t, n, &len);
    CHECK_INT(dict_actor_ncodes(s, a), 4);
    dict_dated d;
    CHECK(dict_actor_code_at(s, a, 2, &d));
    CHECK_STR(d.code, "ZRBOPP");
    CHECK_INT(d.when, DICT_RANGE);
    CHECK_INT(d.d1, 20150115);
    CHECK_INT(d.d2, 20190301);
    CHECK_INT(d.line, 10);
    CHECK(!dict_actor_code_at(s, a, 4, &d));
    dict_counts c;
    dict_get_counts(s, &c);
    CHECK_INT(c.actor_entries, 6);
    CHECK_INT(c.actor_phrases, 9);
    CHECK_INT(c.actor_codes, 12);
    dict_set_free(s);
}

static void actors_comments(void)
{
    warns ws;
    dict_set *s = load(DICT_ACTORS, FIX "actors_comments.txt", &ws);
    CHECK_INT(ws.n, 0);
    CHECK_STR(actor(s, "KELPIA", 20200101), "KLP");
    CHECK_STR(actor(s, "KELPIAN", 20200101), "KLP");
    CHECK_STR(actor(s, "WRONG ONE", 20200101), "");              /* inside <!-- --> */
    CHECK_STR(actor(s, "VASH LORREN", 20200101), "KLPGOV");      /* not phrase + code */
    CHECK_STR(actor(s, "LOWER CASE NAME", 20200101), "KLPLOW");  /* upper-cased */
    CHECK_STR(actor(s, "CR LINE", 20200101), "KLPCRLF");
    CHECK_INT(dict_intern_lookup(s, "Lower"), 0);
    CHECK_STR(actor(s, "ZÉLIA ÑANDÚ", 20200101), "ZRBUNI");
    CHECK(dict_word_id(s, "zélia", strlen("zélia")) != 0);
    CHECK_INT(dict_word_id(s, "zélia", strlen("zélia")), dict_intern_lookup(s, "ZÉLIA"));
    dict_set_free(s);
}

static void actors_merge(void)
{
    dict_set *s = load(DICT_ACTORS, FIX "actors_merge.txt", NULL);
    /* THE DALE: [RVN] (undated, entry 1) and [DLEGOV >2020] (entry 2) */
    CHECK_STR(actor(s, "THE DALE", 20190101), "RVN");
    CHECK_STR(actor(s, "THE DALE", 20210101), "DLEGOV");
    CHECK_STR(actor(s, "DALE COUNCIL", 20190101), "(null)");
    dict_set_free(s);
}

/* ---------------------------------------------------------------- agents */

static void agents_features(void)
{
    warns ws;
    dict_set *s = load(DICT_AGENTS, FIX "agents.txt", &ws);
    CHECK_INT(ws.n, 1);                                   /* NO_CODE_HERE */
    CHECK_INT(ws.line[0], 14);
    CHECK_STR(agent(s, "GARDENER"), "~ENV");              /* later definition wins */
    CHECK_STR(agent(s, "GARDENERS"), "~ENV");
    CHECK_STR(agent(s, "POLICIES"), "~GOV");              /* consonant + Y */
    CHECK_STR(agent(s, "ABBESSES"), "~REL");              /* SS -> ES */
    CHECK_STR(agent(s, "MONKEY KEEPER"), "~CIV");
    CHECK_STR(agent(s, "MONKEY KEEPERS"), "");            /* {} = no plural */
    CHECK_STR(agent(s, "SHEEP HERDERS OF OLD"), "~AGR");  /* {PLURAL} */
    CHECK_STR(agent(s, "SHEEP HERDERS"), "");
    CHECK_STR(agent(s, "FARMHAND"), "~AGR");              /* !SET! substitution */
    CHECK_STR(agent(s, "FARMWORKERS"), "~AGR");
    CHECK_STR(agent(s, "FARM!WORKER!"), "");              /* no raw marker phrase */
    CHECK_STR(agent(s, "FARMWORKERSS"), "");
    CHECK_STR(agent(s, "DEPARTMENTS OF WATER"), "~GOV");
    CHECK_STR(agent(s, "SUBDEPTAL OFFICE"), "~GOV");      /* marker inside a word */
    CHECK_STR(agent(s, "RELIEF GROUP"), "NGO~");
    CHECK_STR(agent(s, "RELIEF GROUPS"), "NGO~");
    CHECK_STR(agent(s, "RIVER WARDEN"), "~ENV");          /* [~ENV} */
    CHECK_STR(agent(s, "NO CODE HERE"), "");
    dict_counts c;
    dict_get_counts(s, &c);
    CHECK_INT(c.agent_sets, 2);
    dict_set_free(s);
}

/* -------------------------------------------------------------- discards */

static void discards_features(void)
{
    dict_set *s = load(DICT_DISCARDS, FIX "discards.txt", NULL);
    uint32_t t[16];
    size_t n, start = 99, len = 99;
    int story = -1;
    n = toks(s, "THE CRICKET MATCH", t, 16);
    CHECK(dict_discard_match(s, t, n, &start, &len, &story));
    CHECK_INT(start, 1);
    CHECK_INT(len, 1);
    CHECK_INT(story, 0);
    n = toks(s, "THEY WON THE WORLD CUP", t, 16);          /* at the end: found */
    CHECK(dict_discard_match(s, t, n, &start, &len, &story));
    CHECK_INT(start, 3);
    CHECK_INT(len, 2);
    n = toks(s, "WORLD WORLD CUP", t, 16);                 /* retried from each token */
    CHECK(dict_discard_match(s, t, n, &start, &len, &story));
    CHECK_INT(start, 1);
    n = toks(s, "CRICKET AT THE HARVEST FESTIVAL", t, 16); /* story beats sentence */
    CHECK(dict_discard_match(s, t, n, &start, &len, &story));
    CHECK_INT(story, 1);
    CHECK_INT(start, 3);
    n = toks(s, "GRAND PRIX", t, 16);
    CHECK(dict_discard_match(s, t, n, &start, &len, &story));
    n = toks(s, "WORLD PEACE", t, 16);
    CHECK(!dict_discard_match(s, t, n, &start, &len, &story));
    dict_counts c;
    dict_get_counts(s, &c);
    CHECK_INT(c.discards_sentence, 3);
    CHECK_INT(c.discards_story, 2);
    dict_set_free(s);
}

/* ----------------------------------------------------------------- verbs */

static int has_form(const dict_set *s, const char *word, const char *pre, const char *post,
                    const char *code)
{
    dict_form f[16];
    size_t n = dict_verb_lookup(s, dict_intern_lookup(s, word), f, 16);
    for (size_t i = 0; i < n && i < 16; i++) {
        char a[128] = "", b[128] = "";
        for (size_t j = 0; j < f[i].npre; j++)
            snprintf(a + strlen(a), sizeof a - strlen(a), "%s%s", j ? " " : "", dict_word(s, f[i].pre[j]));
        for (size_t j = 0; j < f[i].npost; j++)
            snprintf(b + strlen(b), sizeof b - strlen(b), "%s%s", j ? " " : "", dict_word(s, f[i].post[j]));
        char cb[64];
        snprintf(cb, sizeof cb, "%s%s%s", f[i].code ? f[i].code : "", f[i].passive ? ":" : "",
                 f[i].passive ? f[i].passive : "");
        if (!strcmp(a, pre) && !strcmp(b, post) && !strcmp(cb, code)) return 1;
    }
    return 0;
}

/* A pattern written back in a canonical text form: "PRE * POST [code:passive]". */
static void pattern_text(const dict_set *s, const dict_pattern *p, char *out, size_t cap)
{
    out[0] = '\0';
    for (int side = 0; side < 2; side++) {
        const dict_elem *e = side ? p->post : p->pre;
        size_t n = side ? p->npost : p->npre;
        if (side) snprintf(out + strlen(out), cap - strlen(out), "%s*", p->verb_joined ? "_" : (strlen(out) ? " " : ""));
        for (size_t i = 0; i < n; i++) {
            const char *t = "?";
            char w[96];
            switch (e[i].kind) {
            case DICT_E_WORD: t = dict_word(s, e[i].id); break;
            case DICT_E_SYNSET: t = dict_synset_name(s, e[i].id); break;
            case DICT_E_ANY: t = "^"; break;
            case DICT_E_SOURCE: t = "$"; break;
            case DICT_E_TARGET: t = "+"; break;
            case DICT_E_OTHER: t = "%"; break;
            case DICT_E_NP_OPEN: t = "{"; break;
            case DICT_E_NP_CLOSE: t = "}"; break;
            case DICT_E_PP_OPEN: t = "("; break;
            case DICT_E_PP_CLOSE: t = ")"; break;
            }
            snprintf(w, sizeof w, "%s%s", e[i].joined ? "_" : (strlen(out) ? " " : ""), t);
            snprintf(out + strlen(out), cap - strlen(out), "%s", w);
        }
    }
    snprintf(out + strlen(out), cap - strlen(out), " [%s%s%s]", p->code ? p->code : "",
             p->passive ? ":" : "", p->passive ? p->passive : "");
}

static uint32_t block_of(const dict_set *s, const char *verb)
{
    dict_form f[4];
    return dict_verb_lookup(s, dict_intern_lookup(s, verb), f, 4) ? f[0].block : UINT32_MAX;
}

static int has_pattern(const dict_set *s, const char *verb, const char *text)
{
    uint32_t b = block_of(s, verb);
    dict_pattern p;
    char buf[512];
    for (size_t i = 0; dict_block_pattern(s, b, i, &p); i++) {
        pattern_text(s, &p, buf, sizeof buf);
        if (!strcmp(buf, text)) return 1;
    }
    printf("  no pattern \"%s\" under %s; have:\n", text, verb);
    for (size_t i = 0; dict_block_pattern(s, b, i, &p); i++) {
        pattern_text(s, &p, buf, sizeof buf);
        printf("    %s\n", buf);
    }
    return 0;
}

static int syn_match(const dict_set *s, const char *name, const char *text, size_t want)
{
    uint32_t t[16], syn = 0;
    size_t n = toks(s, text, t, 16), len = 0;
    /* the synset id of a name: through a pattern element would be the coder's way;
     * here the ids are dense, so scan them */
    for (uint32_t i = 1; i < 64; i++) {
        const char *nm = dict_synset_name(s, i);
        if (nm && !strcmp(nm, name)) syn = i;
    }
    return dict_synset_match(s, syn, t, n, &len) ? len == want : want == 0;
}

static void verbs_blocks(void)
{
    warns ws;
    dict_set *s = load(DICT_VERBS, FIX "verbs_blocks.txt", &ws);
    for (size_t i = 0; i < ws.n && i < 64; i++) printf("  warning: %s\n", ws.msg[i]);
    CHECK_INT(ws.n, 0);
    /* regular forms, block code by default */
    CHECK(has_form(s, "MEND", "", "", "080"));
    CHECK(has_form(s, "MENDS", "", "", "080"));
    CHECK(has_form(s, "MENDED", "", "", "080"));
    CHECK(has_form(s, "MENDING", "", "", "080"));
    CHECK(has_form(s, "TIES", "", "", "080"));
    CHECK(has_form(s, "TYING", "", "", "080"));
    CHECK(has_form(s, "CARRIES", "", "", "080"));
    CHECK(has_form(s, "CARRIED", "", "", "080"));
    CHECK(has_form(s, "EMPLOYS", "", "", "080"));
    /* listed forms only; {} = none; own code */
    CHECK(has_form(s, "REPAIRED", "", "", "080"));
    CHECK(!has_form(s, "REPAIRRED", "", "", "080"));
    CHECK(has_form(s, "FIX", "", "", "081"));
    CHECK(!has_form(s, "FIXES", "", "", "081"));
    /* compound verbs: + marks the verb word */
    CHECK(has_form(s, "PATCH", "", "UP", "082:083"));
    CHECK(has_form(s, "PATCHED", "", "UP", "082:083"));
    CHECK(has_form(s, "PATCHES", "", "UP", "082:083"));
    CHECK(has_form(s, "TAPPED", "WIRE", "", "080"));
    CHECK(!has_form(s, "WIRE", "", "TAP", "080"));
    /* ';' comment after the forms */
    CHECK(has_form(s, "SNIPPED", "", "", "080"));
    CHECK_INT(dict_intern_lookup(s, ";XY"), 0);
    /* patterns */
    CHECK(has_pattern(s, "MEND", "* &TOOL [084]"));
    CHECK(has_pattern(s, "MEND", "$ * ( WITH { RUSTY &TOOL } ) + [085]"));
    CHECK(has_pattern(s, "MEND", "^ * ( IN &PLACE ) [:086]"));
    CHECK(has_pattern(s, "MEND", "% * BRIDGE [---]"));
    CHECK(has_pattern(s, "MEND", "* { OLD BRIDGE } ( OF STONE ) [087:088]"));
    /* a second header with the same name adds to the block */
    CHECK(has_pattern(s, "RESTORE", "* WALL [089]"));
    CHECK(has_pattern(s, "REPAIR", "* WALL [089]"));
    CHECK_INT(dict_block_npatterns(s, block_of(s, "MEND")), 6);
    CHECK_STR(dict_block_name(s, block_of(s, "GREET")), "GREET");
    CHECK(has_pattern(s, "HAUL", "* CART ( WITH ROPE ) [090]"));
    CHECK(has_pattern(s, "HAUL", "STRONGLY * CART ( ON ^ ) [091]"));
    CHECK(has_form(s, "GREET", "", "", "---"));
    /* synsets: plurals, no plural after '_', embedded synsets, label '_' */
    CHECK(syn_match(s, "&TOOL", "HAMMER", 1));
    CHECK(syn_match(s, "&TOOL", "HAMMERS", 1));
    CHECK(syn_match(s, "&TOOL", "SAW", 1));
    CHECK(syn_match(s, "&TOOL", "SAWS", 0));
    CHECK(syn_match(s, "&TOOL", "GARDEN SHEARS", 2));
    CHECK(syn_match(s, "&TOOL", "GARDEN SHEAR", 0));
    CHECK(syn_match(s, "&TOOL", "COPPER", 1));            /* +&METAL, defined later */
    CHECK(syn_match(s, "&METAL", "COPPERS", 0));          /* &METAL_: no plurals */
    CHECK(syn_match(s, "&PLACE", "CITIES", 1));
    /* transformations */
    CHECK_INT(dict_ntransforms(s), 3);
    dict_transform tr;
    CHECK(dict_transform_get(s, 0, &tr));
    CHECK(tr.src == 'a' && tr.src2 == 'a' && tr.tgt2 == 'b' && tr.res_src == 'a' && tr.res_tgt == 'b');
    CHECK_INT(tr.nverb2, 1);
    CHECK_STR(dict_word(s, tr.verb2[0].word), "MEND");
    CHECK_STR(dict_word(s, tr.verb1[0].word), "GREET");
    CHECK_STR(tr.code, "041");
    /* verbs resolved to the entry and code of the word written alone */
    CHECK_STR(tr.verb2[0].code, "080");
    CHECK_STR(tr.verb1[0].code, "---");
    dict_form f[8];
    CHECK(dict_verb_lookup(s, dict_intern_lookup(s, "MENDED"), f, 8) >= 1 && f[0].verb == tr.verb2[0].verb);
    CHECK(dict_transform_get(s, 1, &tr));
    CHECK(tr.src2 == '_' && tr.nverb2 == 0 && tr.code == NULL);
    CHECK(dict_transform_get(s, 2, &tr));
    CHECK(tr.tgt2 == '.' && tr.nverb2 == 2);
    CHECK_STR(dict_word(s, tr.verb2[0].word), "MEND");
    CHECK_STR(dict_word(s, tr.verb2[1].word), "GREET");
    dict_counts c;
    dict_get_counts(s, &c);
    CHECK_INT(c.blocks, 3);
    CHECK_INT(c.block_headers, 4);
    CHECK_INT(c.patterns, 9);
    CHECK_INT(c.synsets, 3);
    CHECK_INT(c.verbs, 12);
    dict_set_free(s);
}

static void verbs_tabari(void)
{
    warns ws;
    dict_set *s = load(DICT_VERBS, FIX "verbs_tabari.txt", &ws);
    for (size_t i = 0; i < ws.n && i < 64; i++) printf("  warning: %s\n", ws.msg[i]);
    CHECK_INT(ws.n, 0);
    /* after a leading <!-- block, with synsets between blocks */
    CHECK(has_form(s, "ABC", "", "DEF GHI", "345"));      /* compound verb, not a synset */
    CHECK(has_form(s, "RST", "KLM NOP", "", "002"));
    CHECK(has_pattern(s, "PAINT", "* NEW_&COLOR_COAT [903]"));
    CHECK(has_pattern(s, "PAINT", "IN_* [075A]"));
    CHECK(has_pattern(s, "PAINT", "*_OUT [074]"));
    CHECK(has_pattern(s, "PAINT", "* OF $ FROM + [012]"));  /* markers, not words */
    CHECK(has_pattern(s, "PAINT", "SO IN_AND_*_OUT_AGAIN NOW [074]"));
    CHECK(has_pattern(s, "PAINT", "* BARN [###]"));
    CHECK(has_pattern(s, "SHADE", "* &SHADE WALLS [def]"));
    CHECK_INT(dict_intern_lookup(s, "$"), 0);
    CHECK(syn_match(s, "&SHADE", "GREEN DYE", 2));
    CHECK(syn_match(s, "&SHADE", "PALES", 1));
    dict_set_free(s);
}

static void verbs_bad_lines(void)
{
    warns ws;
    dict_set *s = load(DICT_VERBS, FIX "verbs_bad.txt", &ws);
    /* 16: a result letter not in the pattern; 17: A_B_C; 18: HEAVE is no verb
     * (reported after the file, the line kept) */
    static const size_t want[] = {2, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 0, 18};
    CHECK_INT(ws.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want && i < ws.n; i++) CHECK_INT(ws.line[i], want[i]);
    CHECK(has_pattern(s, "LIFT", "* STONE [011]"));
    CHECK(has_pattern(s, "LIFT", "* PEBBLE [021]"));
    CHECK(has_pattern(s, "LIFT", "* HEAVY &NOSUCHSET [020]"));
    CHECK(strstr(ws.msg[11], "&NOSUCHSET") != NULL);
    CHECK(strstr(ws.msg[12], "HEAVE") != NULL);
    CHECK_INT(dict_ntransforms(s), 1);
    dict_transform tr;
    CHECK(dict_transform_get(s, 0, &tr) && tr.nverb2 == 1 && tr.verb2[0].verb == UINT32_MAX &&
          tr.verb2[0].code == NULL && tr.verb1[0].code && !strcmp(tr.verb1[0].code, "010"));
    dict_set_free(s);
    /* strict: the first bad entry stops the load, naming file and line */
    s = dict_set_new();
    sitrep_error err;
    CHECK_INT(dict_load(s, DICT_VERBS, FIX "verbs_bad.txt", 1, &err, NULL, NULL), SITREP_ERR_INPUT);
    CHECK_INT(err.line, 2);
    CHECK(strstr(err.file, "verbs_bad.txt") != NULL);
    char msg[600];
    sitrep_error_format(&err, msg, sizeof msg);
    CHECK(strstr(msg, "verbs_bad.txt:2: ") != NULL);
    /* a missing file */
    CHECK_INT(dict_load(s, DICT_ACTORS, FIX "no_such_file.txt", 0, &err, NULL, NULL), SITREP_ERR_IO);
    CHECK(strstr(err.file, "no_such_file.txt") != NULL);
    dict_set_free(s);
}

static void load_from_memory(void)
{
    dict_set *s = dict_set_new();
    static const char act[] = "NORTH_MARCH_ [NMR]\n+NORTHMARCHERS";   /* no final newline */
    static const char agt[] = "HERALD [~GOV]";
    static const char vrb[] = "--- SHOUT [---] ---\nSHOUT\n- * (AT +) [130]";
    sitrep_error err;
    CHECK_INT(dict_load_mem(s, DICT_ACTORS, act, sizeof act - 1, "mem:actors", 0, &err, NULL, NULL), SITREP_OK);
    CHECK_INT(dict_load_mem(s, DICT_AGENTS, agt, sizeof agt - 1, "mem:agents", 0, &err, NULL, NULL), SITREP_OK);
    CHECK_INT(dict_load_mem(s, DICT_VERBS, vrb, sizeof vrb - 1, "mem:verbs", 0, &err, NULL, NULL), SITREP_OK);
    CHECK_INT(dict_load_mem(s, DICT_DISCARDS, "", 0, "mem:empty", 0, &err, NULL, NULL), SITREP_OK);
    CHECK_STR(actor(s, "NORTHMARCHERS", 20200101), "NMR");
    CHECK_STR(agent(s, "HERALDS"), "~GOV");
    CHECK(has_pattern(s, "SHOUTED", "* ( AT + ) [130]"));
    /* words shared by all the dictionaries of a set */
    CHECK(dict_intern_lookup(s, "NORTH") != 0);
    CHECK_INT(dict_intern_lookup(s, "SOUTH"), 0);
    CHECK_STR(dict_word(s, dict_intern_lookup(s, "HERALD")), "HERALD");
    CHECK_INT(dict_word_id(s, "Herald", 6), dict_intern_lookup(s, "HERALD"));
    CHECK_INT(dict_word_id(s, "Heralds", 6), dict_intern_lookup(s, "HERALD"));
    CHECK_INT(dict_word_id(s, "Southern", 8), 0);
    dict_set_free(s);
}

/* --------------------------------------------- shared data: round trip */

/* The independent count: a plain line scan that knows only the line kinds. */
typedef struct scan {
    size_t headers, patterns, transforms, labels;         /* verbs */
    size_t base, syn, groups;                             /* actors */
    size_t agents, sets;                                  /* agents */
    size_t sent, story;                                   /* discards */
    size_t *pat_lines, npat, *grp_lines, ngrp, *ag_lines, nag;
    char **phr;
    size_t nphr;
} scan;

static void addline(size_t **v, size_t *n, size_t line)
{
    *v = realloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = line;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void scan_file(const char *path, dict_kind k, scan *sc)
{
    memset(sc, 0, sizeof *sc);
    FILE *f = fopen(path, "rb");
    if (!f) return;
    char line[8192];
    size_t no = 0;
    int block = 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        char *p = line;
        if (block) {                       /* inside <!-- ... --> */
            char *e = strstr(p, "-->");
            if (!e) continue;
            block = 0;
            p = e + 3;
        }
        if (!strncmp(p, "<!", 2)) {
            char *e = strstr(p, "-->");
            if (!e) {
                block = !strncmp(p, "<!--", 4);
                continue;
            }
            p = e + 3;
        }
        char *h = strchr(p, '#');
        if (h && !(h > p && h[-1] == '[')) *h = '\0';
        while (*p == ' ' || *p == '\t') p++;
        size_t n = strlen(p);
        while (n && isspace((unsigned char)p[n - 1])) p[--n] = '\0';
        if (!n) continue;
        if (k == DICT_VERBS) {
            if (!strncmp(p, "---", 3)) sc->headers++;
            else if (p[0] == '-') sc->patterns++, addline(&sc->pat_lines, &sc->npat, no);
            else if (p[0] == '~') sc->transforms++;
            else if (p[0] == '&') sc->labels++;
        } else if (k == DICT_ACTORS) {
            for (char *q = p; (q = strchr(q, '[')) != NULL; q++) sc->groups++, addline(&sc->grp_lines, &sc->ngrp, no);
            if (p[0] == '[') continue;
            if (p[0] == '+') sc->syn++, p++;
            else sc->base++;
            /* the phrase, normalised: upper case, '_' = blank, single blanks */
            char *br = strchr(p, '[');
            if (br) *br = '\0';
            char norm[1024];
            size_t o = 0;
            for (char *q = p; *q && o + 2 < sizeof norm; q++) {
                int c = *q == '_' || *q == '\t' ? ' ' : toupper((unsigned char)*q);
                if (c == ' ' && (o == 0 || norm[o - 1] == ' ')) continue;
                norm[o++] = (char)c;
            }
            while (o && norm[o - 1] == ' ') o--;
            norm[o] = '\0';
            sc->phr = realloc(sc->phr, (sc->nphr + 1) * sizeof *sc->phr);
            sc->phr[sc->nphr++] = strdup(norm);
        } else if (k == DICT_AGENTS) {
            if (p[0] == '!' && strchr(p, '=')) sc->sets++;
            else sc->agents++, addline(&sc->ag_lines, &sc->nag, no);
        } else {
            if (p[0] == '+') sc->story++;
            else sc->sent++;
        }
    }
    fclose(f);
    if (sc->nphr) {
        qsort(sc->phr, sc->nphr, sizeof *sc->phr, cmpstr);
        size_t u = 0;
        for (size_t i = 0; i < sc->nphr; i++) {
            if (u && !strcmp(sc->phr[u - 1], sc->phr[i])) {
                free(sc->phr[i]);
                continue;
            }
            sc->phr[u++] = sc->phr[i];
        }
        sc->nphr = u;
    }
}

static void scan_free(scan *sc)
{
    for (size_t i = 0; i < sc->nphr; i++) free(sc->phr[i]);
    free(sc->phr);
    free(sc->pat_lines);
    free(sc->grp_lines);
    free(sc->ag_lines);
}

static size_t warned_in(const warns *ws, const size_t *lines, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) w += warned_at(ws, lines[i]);
    return w;
}

static void round_trip_file(const char *dir, const char *name, dict_kind k, size_t *files)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return;
    fclose(f);
    (*files)++;
    static warns ws;
    dict_set *s = load(k, path, &ws);
    scan sc;
    scan_file(path, k, &sc);
    dict_counts c;
    dict_get_counts(s, &c);
    int bad = t_checks_failed_;
    if (k == DICT_VERBS) {
        CHECK_INT(c.block_headers, sc.headers);
        CHECK_INT(c.patterns + warned_in(&ws, sc.pat_lines, sc.npat), sc.patterns);
        CHECK_INT(c.transforms, sc.transforms);
        CHECK(c.synsets <= sc.labels && c.synsets + 2 >= sc.labels); /* a label may repeat */
        CHECK(c.verbs > 0);
    } else if (k == DICT_ACTORS) {
        CHECK_INT(c.actor_entries, sc.base);
        CHECK_INT(c.actor_codes + warned_in(&ws, sc.grp_lines, sc.ngrp), sc.groups);
        CHECK_INT(c.actor_phrases, sc.nphr);
    } else if (k == DICT_AGENTS) {
        CHECK_INT(c.agent_sets, sc.sets);
        CHECK_INT(c.agent_lines + warned_in(&ws, sc.ag_lines, sc.nag), sc.agents);
        CHECK(c.agent_phrases >= c.agent_lines - warned_in(&ws, sc.ag_lines, sc.nag));
    } else {
        CHECK_INT(c.discards_sentence, sc.sent);
        CHECK_INT(c.discards_story, sc.story);
    }
    /* few unreadable entries, each one reported with a line */
    CHECK(ws.n * 50 <= sc.patterns + sc.base + sc.syn + sc.agents + sc.sent + sc.story + 50);
    if (t_checks_failed_ != bad) printf("  in %s (%zu warnings)\n", path, ws.n);
    printf("  %-45s %s\n", name,
           k == DICT_VERBS ? "verbs" : k == DICT_ACTORS ? "actors" : k == DICT_AGENTS ? "agents" : "discards");
    scan_free(&sc);
    dict_set_free(s);
}

static void shared_round_trip(void)
{
    const char *data = t_shared_data();
    if (!data) SKIP("../shared/data absent (set SITREP_SHARED_DATA)");
    /* every dictionary file of the two directories; not dictionaries of these four
     * formats, so not loaded: Phoenix.IssueCoding.txt (issues), Phoenix.prepositions.txt
     * (a word list), PETR.Internal.Coding.Ontology.txt (code table), PETRARCH.log,
     * testfile.txt */
    static const struct { const char *name; dict_kind k; } files[] = {
        {"CAMEO.2.0.txt", DICT_VERBS}, {"CAMEO.2.0_unsorted.txt", DICT_VERBS},
        {"CAMEO.verbpatterns.150430.txt", DICT_VERBS}, {"newdict.txt", DICT_VERBS},
        {"PETR.Validate.verbs.txt", DICT_VERBS}, {"PETR.Validate.verbs.2.0.txt", DICT_VERBS},
        {"Phoenix.Countries.actors.txt", DICT_ACTORS}, {"Phoenix.International.actors.txt", DICT_ACTORS},
        {"Phoenix.MilNonState.actors.txt", DICT_ACTORS}, {"PETR.Validate.actors.txt", DICT_ACTORS},
        {"Phoenix.agents.txt", DICT_AGENTS}, {"PETR.Validate.agents.txt", DICT_AGENTS},
        {"Phoenix.discards.txt", DICT_DISCARDS}, {"PETR.Validate.discards.txt", DICT_DISCARDS},
    };
    static const char *dirs[] = {"petrarch2/dictionaries", "universal-petrarch/dictionaries"};
    size_t nfiles = 0;
    for (size_t d = 0; d < 2; d++) {
        char dir[600];
        snprintf(dir, sizeof dir, "%s/%s", data, dirs[d]);
        for (size_t i = 0; i < sizeof files / sizeof *files; i++)
            round_trip_file(dir, files[i].name, files[i].k, &nfiles);
    }
    CHECK_INT(nfiles, 18);   /* 13 + 5: the second directory holds only what differs */
}

/* The default Phoenix set as the coder sees it: a few known lookups. */
static void shared_phoenix_lookups(void)
{
    const char *data = t_shared_data();
    if (!data) SKIP("../shared/data absent (set SITREP_SHARED_DATA)");
    char path[600];
    dict_set *s = dict_set_new();
    static const struct { const char *name; dict_kind k; } files[] = {
        {"CAMEO.2.0.txt", DICT_VERBS}, {"Phoenix.Countries.actors.txt", DICT_ACTORS},
        {"Phoenix.agents.txt", DICT_AGENTS}, {"Phoenix.discards.txt", DICT_DISCARDS},
    };
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/petrarch2/dictionaries/%s", data, files[i].name);
        CHECK_INT(dict_load(s, files[i].k, path, 0, NULL, NULL, NULL), SITREP_OK);
    }
    /* petrarch-formats.md §6.2: KARZAI by date */
    CHECK_STR(actor(s, "KARZAI", 19900101), "AFGELI");
    CHECK_STR(actor(s, "KARZAI", 20050101), "AFGGOV");
    CHECK_STR(actor(s, "KARZAI", 20000601), "AFGELI");
    CHECK_STR(actor(s, "AFGHANISTAN", 20200101), "AFG");
    CHECK_STR(agent(s, "CATTLEMEN"), "~AGR");
    dict_set_free(s);
    /* strict: CAMEO.2.0.txt has no unreadable entry (its 2 undefined synsets are
     * reported, not fatal) */
    s = dict_set_new();
    static warns ws;
    memset(&ws, 0, sizeof ws);
    sitrep_error err;
    snprintf(path, sizeof path, "%s/petrarch2/dictionaries/CAMEO.2.0.txt", data);
    CHECK_INT(dict_load(s, DICT_VERBS, path, 1, &err, collect, &ws), SITREP_OK);
    CHECK_INT(ws.n, 2);
    CHECK(has_form(s, "HURRIED", "", "", "---"));
    dict_set_free(s);
}

int main(void)
{
    RUN(actors_dated);
    RUN(actors_comments);
    RUN(actors_merge);
    RUN(agents_features);
    RUN(discards_features);
    RUN(verbs_blocks);
    RUN(verbs_tabari);
    RUN(verbs_bad_lines);
    RUN(load_from_memory);
    RUN(shared_round_trip);
    RUN(shared_phoenix_lookups);
    return TEST_EXIT();
}
