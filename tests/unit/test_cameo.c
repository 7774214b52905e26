/* test_cameo.c — the CAMEO code table (src/cameo.c): lookups, the table's order and
 * shape (every cue category has a row, quad and root follow the code), and the
 * Goldstein and PLOVER choices documented in cameo.c. */
#include <math.h>
#include <string.h>

#include "test.h"
#include "cameo.h"

static int expected_quad(const char *root)
{
    int n = (root[0] - '0') * 10 + (root[1] - '0');
    return n <= 5 ? 1 : n <= 8 ? 2 : n <= 13 ? 3 : 4;
}

static void threaten_138(void)
{
    const cameo_info *c = cameo_lookup("138");
    CHECK(c != NULL);
    if (!c) return;
    CHECK_STR(c->code, "138");
    CHECK_STR(c->root, "13");
    CHECK_INT(c->quad, 3);                    /* 09-13 verbal conflict */
    CHECK(c->goldstein == -7.0);
    CHECK_STR(c->plover, "THREATEN");
    CHECK_STR(c->plover_mode, "violence");
    CHECK_STR(c->name, "Threaten with military force");
}

static void four_digit_codes(void)
{
    const cameo_info *c = cameo_lookup("0311");
    CHECK(c && strcmp(c->root, "03") == 0 && c->quad == 1 && c->goldstein == 5.2);
    CHECK(c && c->plover && strcmp(c->plover, "AGREE") == 0 && c->plover_mode == NULL);
    c = cameo_lookup("0232");
    CHECK(c && c->quad == 1 && c->plover == NULL);      /* PLOVER drops 02 */
    c = cameo_lookup("0874");
    CHECK(c && c->quad == 2 && c->goldstein == 10.0);
    CHECK(c && c->plover && strcmp(c->plover, "RETREAT") == 0);
    c = cameo_lookup("2042");
    CHECK(c && c->quad == 4 && c->goldstein == -10.0);
    CHECK(c && c->plover_mode && strcmp(c->plover_mode, "unconventional") == 0);
    c = cameo_lookup("1823");
    CHECK(c && strcmp(c->root, "18") == 0 && c->goldstein == -10.0);
}

static void not_cameo(void)
{
    CHECK(cameo_lookup("075A") == NULL);      /* WEIS */
    CHECK(cameo_lookup("---") == NULL);
    CHECK(cameo_lookup("") == NULL);
    CHECK(cameo_lookup(NULL) == NULL);
    CHECK(cameo_lookup("0") == NULL);
    CHECK(cameo_lookup("21") == NULL);
    CHECK(cameo_lookup("0380") == NULL);
    CHECK(cameo_lookup("1388") == NULL);
    CHECK(cameo_lookup("138 ") == NULL);
    CHECK(cameo_lookup("def") == NULL);
    CHECK(cameo_at(cameo_count()) == NULL);
}

static void every_root_has_a_row(void)
{
    static const char *names[] = {
        "MAKE PUBLIC STATEMENT", "APPEAL", "EXPRESS INTENT TO COOPERATE", "CONSULT",
        "ENGAGE IN DIPLOMATIC COOPERATION", "ENGAGE IN MATERIAL COOPERATION",
        "PROVIDE AID", "YIELD", "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT",
        "THREATEN", "PROTEST", "EXHIBIT FORCE POSTURE", "REDUCE RELATIONS", "COERCE",
        "ASSAULT", "FIGHT", "USE UNCONVENTIONAL MASS VIOLENCE"};
    for (int r = 1; r <= 20; r++) {
        char root[3] = {(char)('0' + r / 10), (char)('0' + r % 10), 0};
        char res[4] = {root[0], root[1], '0', 0};   /* the residual "x0" code */
        const cameo_info *c = cameo_lookup(root);
        CHECK(c != NULL);
        if (c) CHECK_STR(c->name, names[r - 1]);
        const cameo_info *d = cameo_lookup(res);
        CHECK(d != NULL);
        if (c && d) {
            CHECK(c->quad == d->quad);
            CHECK((c->plover == NULL) == (d->plover == NULL));
        }
    }
}

static void table_shape(void)
{
    size_t n = cameo_count(), fours = 0, threes = 0;
    CHECK_INT(n, 314);
    for (size_t i = 0; i < n; i++) {
        const cameo_info *c = cameo_at(i);
        size_t len = strlen(c->code);
        CHECK(len >= 2 && len <= 4);
        for (size_t k = 0; k < len; k++) CHECK(c->code[k] >= '0' && c->code[k] <= '9');
        fours += len == 4, threes += len == 3;
        if (i) CHECK(strcmp(cameo_at(i - 1)->code, c->code) < 0);   /* bisection */
        CHECK(strncmp(c->code, c->root, 2) == 0 && strlen(c->root) == 2);
        CHECK_INT(c->quad, expected_quad(c->root));
        CHECK(c->goldstein >= -10.0 && c->goldstein <= 10.0 && !isnan(c->goldstein));
        CHECK(c->name && c->name[0]);
        CHECK(cameo_lookup(c->code) == c);
        /* a 3- or 4-digit code's parent exists */
        if (len > 2) {
            char parent[4];
            memcpy(parent, c->code, len - 1);
            parent[len - 1] = 0;
            CHECK(cameo_lookup(parent) != NULL);
        }
        /* PLOVER: none for 01 and 02, a type for every other code */
        int dropped = strcmp(c->root, "01") == 0 || strcmp(c->root, "02") == 0;
        CHECK(dropped ? c->plover == NULL && c->plover_mode == NULL : c->plover != NULL);
        if (c->plover_mode) CHECK(c->plover != NULL);
        /* cooperation scores positive, conflict negative (01, 02 and 09 aside) */
        if (c->quad == 2) CHECK(c->goldstein > 0);
        if (c->quad == 4) CHECK(c->goldstein < 0);
    }
    CHECK_INT(threes, 148);
    CHECK_INT(fours, 146);
}

static void documented_choices(void)
{
    /* Goldstein: GDELT's table where the codebook differs (cameo.c) */
    CHECK(cameo_lookup("016")->goldstein == -2.0);
    CHECK(cameo_lookup("022")->goldstein == 3.2);
    CHECK(cameo_lookup("164")->goldstein == -7.0);
    CHECK(cameo_lookup("165")->goldstein == -6.5);
    CHECK(cameo_lookup("13")->goldstein == -6.0);
    CHECK(cameo_lookup("130")->goldstein == -4.4);
    /* PLOVER: 08 split, and the exceptions to the cue category */
    CHECK_STR(cameo_lookup("083")->plover, "CONCEDE");
    CHECK_STR(cameo_lookup("0813")->plover, "CONCEDE");
    CHECK_STR(cameo_lookup("084")->plover, "RETREAT");
    CHECK_STR(cameo_lookup("0871")->plover_mode, "ceasefire");
    CHECK_STR(cameo_lookup("116")->plover, "SANCTION");
    CHECK_STR(cameo_lookup("163")->plover, "SANCTION");
    CHECK_STR(cameo_lookup("175")->plover, "ASSAULT");
    CHECK_STR(cameo_lookup("191")->plover, "COERCE");
    CHECK_STR(cameo_lookup("1712")->plover_mode, "destroy");
    CHECK_STR(cameo_lookup("173")->plover_mode, "arrest");
    CHECK_STR(cameo_lookup("042")->plover_mode, "visit");
    CHECK_STR(cameo_lookup("1032")->plover, "REQUEST");
    CHECK_STR(cameo_lookup("154")->plover, "MOBILIZE");
    CHECK(cameo_lookup("020")->plover == NULL);
}

int main(void)
{
    RUN(threaten_138);
    RUN(four_digit_codes);
    RUN(not_cameo);
    RUN(every_root_has_a_row);
    RUN(table_shape);
    RUN(documented_choices);
    return TEST_EXIT();
}
