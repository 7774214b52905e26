/* gen_iso_actors.c — writes a PETRARCH actor dictionary of country names taken from
 * Debian's iso-codes package (ISO 3166-1), for sitrep's built-in actors.
 *
 *   cc -std=c11 -O2 -o build/gen_iso_actors tools/gen_iso_actors.c -ljansson -lutf8proc
 *   build/gen_iso_actors build/data/iso-countries.actors.txt
 *   build/gen_iso_actors -i /usr/share/iso-codes/json/iso_3166-1.json OUT.actors.txt
 *
 * For every ISO 3166-1 entry it writes one actor entry (format: docs petrarch-formats §6.2):
 * the short name ("name"), the official name ("official_name") and the common name
 * ("common_name") as phrases, upper-cased, words joined by '_', plus an accent-free
 * variant of any phrase with marks (CÔTE_D'IVOIRE and COTE_D'IVOIRE), all with the
 * entry's CAMEO country code.
 *
 * Names are rewritten where ISO's sorting form is not what a news text says:
 *   "Korea, Republic of"            -> REPUBLIC_OF_KOREA   (tail ending in "of"/"of the"
 *   "Virgin Islands, British"       -> BRITISH_VIRGIN_ISLANDS   or a single word: moved
 *                                                               to the front)
 *   "Taiwan, Province of China"     -> TAIWAN              (other tails: dropped)
 *   "Falkland Islands (Malvinas)"   -> FALKLAND_ISLANDS and MALVINAS   (a final parenthesis
 *   "Saint Martin (French part)"    -> SAINT_MARTIN         is an alias unless "... part";
 *   "Cocos (Keeling) Islands"       -> COCOS_ISLANDS        an inner one is dropped)
 *   "the State of Eritrea"          -> STATE_OF_ERITREA    (leading "the" dropped)
 *
 * CAMEO codes are ISO alpha-3 except where CAMEO (as used by the Phoenix/CountryInfo
 * dictionaries) has its own convention; cameo_codes[] below lists those exceptions:
 * dependencies coded as controlling state + territory (USAPRI, DNKGRL, GBRGIB ...), the
 * rest folded into the controlling state as PLOVER does, and TMP for Timor-Leste.
 * data/dict/countries.actors.txt uses the same codes and is loaded first, so where both
 * name a phrase the hand-written entry wins.
 *
 * Exit status: 0 written, 1 unreadable input or output, 2 bad usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#define DEFAULT_INPUT "/usr/share/iso-codes/json/iso_3166-1.json"
#define MAX_PHRASES 16
#define MAX_PHRASE 256

/* ISO alpha-3 -> CAMEO code where they differ (checked against Phoenix.Countries.actors.txt
 * and CountryInfo.120116.txt, whose codes are quoted; "fold" = not coded there, folded into
 * the controlling state as in PLOVER's country rules). */
static const struct { const char *iso, *cameo; } cameo_codes[] = {
    {"TLS", "TMP"},                                     /* CAMEO East Timor */
    {"ASM", "USAASM"}, {"GUM", "USAGUM"}, {"PRI", "USAPRI"}, {"VIR", "USAVIR"},
    {"MNP", "USA"},    {"UMI", "USA"},                  /* fold */
    {"VGB", "GBRVGB"}, {"FLK", "GBRFLK"}, {"GIB", "GBRGIB"}, {"IMN", "GBRIMY"},
    {"MSR", "GBRMSR"}, {"PCN", "GBRPCN"}, {"SHN", "GBRSHN"}, {"JEY", "GBR"},
    {"TCA", "GBR"},    {"IOT", "GBR"},    {"SGS", "GBR"},   /* fold */
    {"FRO", "DNKFRO"}, {"GRL", "DNKGRL"},
    {"GUF", "FRAGUF"}, {"PYF", "FRAPYF"}, {"GLP", "FRAGLP"}, {"MTQ", "FRAMTQ"},
    {"NCL", "FRANCL"}, {"WLF", "FRAWLF"}, {"MYT", "FRA"},    {"BLM", "FRA"},
    {"MAF", "FRA"},    {"SPM", "FRA"},    {"REU", "FRA"},    {"ATF", "FRA"}, /* fold */
    {"NIU", "NZLNIU"}, {"TKL", "NZLTKL"},
    {"NFK", "AUSNFK"}, {"CXR", "AUS"},    {"CCK", "AUS"},    {"HMD", "AUS"}, /* fold */
    {"CUW", "NLD"},    {"SXM", "NLD"},    {"BES", "NLD"},                    /* fold */
    {"ALA", "FIN"},    {"SJM", "NOR"},    {"BVT", "NOR"},    {"MAC", "CHN"}, /* fold */
};

static const char *cameo_code(const char *iso)
{
    for (size_t i = 0; i < sizeof cameo_codes / sizeof cameo_codes[0]; i++)
        if (strcmp(cameo_codes[i].iso, iso) == 0)
            return cameo_codes[i].cameo;
    return iso;
}

struct phrases {
    int n;
    char s[MAX_PHRASES][MAX_PHRASE];
};

/* Upper-cases `name` (NFC; with strip_marks, accents removed), turns blanks into '_',
 * maps U+2019 to an ASCII apostrophe and drops characters that mean something in the
 * actor format ('#', '[', ']', '+' at the start). Returns 0 if nothing is left. */
static int phrase_form(const char *name, int strip_marks, char *out, size_t cap)
{
    utf8proc_uint8_t *norm = NULL;
    int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (strip_marks)
        opts = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)name, 0, &norm,
                                        (utf8proc_option_t)(opts | UTF8PROC_NULLTERM));
    if (len < 0)
        return 0;
    size_t o = 0;
    int pending_sep = 0;
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(norm + i, len - i, &cp);
        if (k <= 0)
            break;
        i += k;
        if (cp == ' ' || cp == '\t' || cp == '_') {
            pending_sep = o > 0;
            continue;
        }
        if (cp == '#' || cp == '[' || cp == ']' || cp == ',' || (cp == '+' && o == 0))
            continue;
        if (cp == 0x2019)
            cp = '\'';
        if (pending_sep) {
            if (o + 1 >= cap)
                break;
            out[o++] = '_';
            pending_sep = 0;
        }
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t w = utf8proc_encode_char(utf8proc_toupper(cp), buf);
        if (o + (size_t)w >= cap)
            break;
        memcpy(out + o, buf, (size_t)w);
        o += (size_t)w;
    }
    out[o] = '\0';
    free(norm);
    return o > 0;
}

static void add_form(struct phrases *p, const char *name)
{
    for (int strip = 0; strip <= 1; strip++) {
        if (p->n >= MAX_PHRASES)
            return;
        char *dst = p->s[p->n];
        if (!phrase_form(name, strip, dst, MAX_PHRASE))
            continue;
        int dup = 0;
        for (int i = 0; i < p->n && !dup; i++)
            dup = strcmp(p->s[i], dst) == 0;
        if (!dup)
            p->n++;
    }
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Adds the phrases a news text would use for one ISO name (see the header comment). */
static void add_name(struct phrases *p, const char *name)
{
    char a[MAX_PHRASE], b[2 * MAX_PHRASE + 2], alias[MAX_PHRASE] = "";
    if (!name || !*name || strlen(name) >= MAX_PHRASE)
        return;
    if (strncmp(name, "the ", 4) == 0 || strncmp(name, "The ", 4) == 0)
        name += 4;
    snprintf(a, sizeof a, "%s", name);

    /* "(...)": an alias when it ends the name (unless "... part"), else dropped */
    char *open = strchr(a, '('), *close = open ? strchr(open, ')') : NULL;
    if (open && close) {
        size_t inner = (size_t)(close - open - 1);
        int at_end = close[1] == '\0';
        if (at_end && !ends_with(open + 1, inner, " part"))
            snprintf(alias, sizeof alias, "%.*s", (int)inner, open + 1);
        memmove(open, close + 1, strlen(close + 1) + 1);
    }

    /* "Head, Tail": reorder, or keep the head */
    char *comma = strstr(a, ", ");
    if (comma) {
        *comma = '\0';
        const char *tail = comma + 2;
        size_t tn = strlen(tail);
        if (ends_with(tail, tn, " of") || ends_with(tail, tn, " of the") || !strchr(tail, ' ')) {
            if (strncmp(tail, "The ", 4) == 0 || strncmp(tail, "the ", 4) == 0)
                tail += 4;
            snprintf(b, sizeof b, "%s %s", tail, a);
            add_form(p, b);
            return;
        }
    }
    add_form(p, a);
    if (alias[0])
        add_form(p, alias); /* after the name: the first phrase is the entry's base line */
}

static const char *str_field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int usage(void)
{
    fprintf(stderr, "usage: gen_iso_actors [-i ISO_3166-1.json] OUT.actors.txt\n"
                    "  default input: " DEFAULT_INPUT " (Debian package iso-codes)\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *in = DEFAULT_INPUT, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
            in = argv[++i];
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return usage() - 2;
        else if (argv[i][0] == '-' || out)
            return usage();
        else
            out = argv[i];
    }
    if (!out)
        return usage();

    json_error_t jerr;
    json_t *root = json_load_file(in, 0, &jerr);
    if (!root) {
        fprintf(stderr, "gen_iso_actors: %s:%d: %s\n", in, jerr.line, jerr.text);
        return 1;
    }
    json_t *list = json_object_get(root, "3166-1");
    if (!json_is_array(list) || json_array_size(list) == 0) {
        fprintf(stderr, "gen_iso_actors: %s: no \"3166-1\" array\n", in);
        json_decref(root);
        return 1;
    }

    FILE *f = fopen(out, "w");
    if (!f) {
        fprintf(stderr, "gen_iso_actors: %s: %s\n", out, strerror(errno));
        json_decref(root);
        return 1;
    }
    fprintf(f, "# iso-countries.actors.txt — ISO 3166-1 country names as PETRARCH actors.\n"
               "# generated from iso-codes at build time — do not edit.\n"
               "# Generator: tools/gen_iso_actors.c; input: %s (%zu entries).\n"
               "# Hand-written names, demonyms, capitals and institutions are in\n"
               "# data/dict/countries.actors.txt, which is loaded first and wins.\n\n",
            in, json_array_size(list));

    size_t i, entries = 0, phrases = 0;
    json_t *e;
    json_array_foreach(list, i, e) {
        const char *a3 = str_field(e, "alpha_3"), *name = str_field(e, "name");
        if (!a3 || !name || strlen(a3) != 3) {
            fprintf(stderr, "gen_iso_actors: %s: entry %zu lacks alpha_3 or name, skipped\n", in, i);
            continue;
        }
        struct phrases p = {0};
        add_name(&p, name);
        add_name(&p, str_field(e, "official_name"));
        add_name(&p, str_field(e, "common_name"));
        if (p.n == 0)
            continue;
        fprintf(f, "# %s (ISO %s)\n%s  [%s]\n", name, a3, p.s[0], cameo_code(a3));
        for (int k = 1; k < p.n; k++)
            fprintf(f, "+%s\n", p.s[k]);
        fputc('\n', f);
        entries++;
        phrases += (size_t)p.n;
    }
    fprintf(f, "# %zu entries, %zu phrases\n", entries, phrases);
    json_decref(root);
    if (fclose(f) != 0) {
        fprintf(stderr, "gen_iso_actors: %s: %s\n", out, strerror(errno));
        return 1;
    }
    return 0;
}
