/* test_dep.c — arc-hybrid transitions, the dynamic oracle and projectivization. */
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#include "dep.h"
#include "test.h"

enum { L = 4, ROOT = 0 };   /* labels: 0 root, 1 nsubj, 2 obj, 3 det */

/* Follows the least-cost action (first found) and checks the gold tree comes out. */
static int oracle_parse(int n, const int *gh, const int *gl, int *outh, int *outl)
{
    void *mem = malloc(dep_state_size(n));
    dep_state st;
    int cost[1 + 2 * L], steps = 0;
    dep_state_init(&st, n, L, ROOT, mem);
    while (!dep_terminal(&st) && steps++ < 4 * n + 4) {
        int mc = dep_costs(&st, gh, gl, cost), a = 0;
        if (mc != 0) { free(mem); return -1; }
        while (cost[a] != mc) a++;
        dep_apply(&st, a);
    }
    for (int i = 1; i <= n; i++) { outh[i] = st.head[i]; outl[i] = st.label[i]; }
    free(mem);
    return steps;
}

static void static_oracle_reaches_gold(void)
{
    /* "the minister visited Kyiv": 1 <-det- 2 <-nsubj- 3 (root) -obj-> 4 */
    int gh[5] = { -1, 2, 3, 0, 3 }, gl[5] = { -1, 3, 1, 0, 2 }, h[5], l[5];
    CHECK_INT(oracle_parse(4, gh, gl, h, l), 8);   /* 2n transitions */
    for (int i = 1; i <= 4; i++) { CHECK_INT(h[i], gh[i]); CHECK_INT(l[i], gl[i]); }
}

static void single_root_constraint(void)
{
    void *mem = malloc(dep_state_size(3));
    dep_state st;
    dep_state_init(&st, 3, L, ROOT, mem);
    CHECK(dep_valid(&st, 0));                 /* shift */
    CHECK(!dep_valid(&st, 1 + 1));            /* no left arc from the root */
    dep_apply(&st, 0);
    CHECK(!dep_valid(&st, 1 + L + ROOT));     /* root arc only with an empty buffer */
    CHECK(!dep_valid(&st, 1 + ROOT));         /* left arcs never labelled root */
    dep_apply(&st, 0);
    dep_apply(&st, 0);
    CHECK(dep_valid(&st, 1 + L + 1));         /* s1 -> s0 */
    CHECK(!dep_valid(&st, 1 + L + ROOT));     /* not to a word with the root label */
    dep_apply(&st, 1 + L + 1);
    dep_apply(&st, 1 + L + 1);
    CHECK(dep_valid(&st, 1 + L + ROOT));
    CHECK(!dep_valid(&st, 1 + L + 1));
    dep_apply(&st, 1 + L + ROOT);
    CHECK(dep_terminal(&st));
    CHECK_INT(st.head[1], 0);
    CHECK_INT(st.head[2], 1);
    CHECK_INT(st.head[3], 2);
    free(mem);
}

/* dep_mask_invalid and dep_forced say what dep_valid says, in every state of
 * 400 random walks through the parses of five words. */
static void mask_agrees_with_valid(void)
{
    enum { N = 5, NC = 1 + 2 * L, PAD = NC + 3 };
    void *mem = malloc(dep_state_size(N));
    dep_state st;
    size_t states = 0;
    for (unsigned seed = 0; seed < 400; seed++) {
        dep_state_init(&st, N, L, ROOT, mem);
        unsigned r = seed;
        while (!dep_terminal(&st)) {
            int32_t sc[PAD];
            for (int a = 0; a < PAD; a++) sc[a] = 7;
            dep_mask_invalid(&st, sc, PAD);
            int nvalid = 0, only = -1;
            for (int a = 0; a < PAD; a++) {
                int valid = a < NC && dep_valid(&st, a);
                CHECK_INT(sc[a] != INT32_MIN, valid);
                if (valid) { nvalid++; only = a; }
            }
            CHECK_INT(dep_forced(&st), nvalid == 1 ? only : -1);
            states++;
            int pick = (int)(r % (unsigned)nvalid);
            r = r * 1103515245u + 12345u;
            for (int a = 0; a < NC; a++)
                if (dep_valid(&st, a) && pick-- == 0) { dep_apply(&st, a); break; }
        }
    }
    CHECK(states > 1000);
    free(mem);
}

static void dynamic_oracle_costs(void)
{
    int gh[5] = { -1, 2, 3, 0, 3 }, gl[5] = { -1, 3, 1, 0, 2 };
    int cost[1 + 2 * L];
    void *mem = malloc(dep_state_size(4));
    dep_state st;
    dep_state_init(&st, 4, L, ROOT, mem);
    dep_apply(&st, 0);                        /* stack [0 1], buffer 2.. */
    dep_costs(&st, gh, gl, cost);
    CHECK_INT(cost[1 + 3], 0);                /* 1 <-det- 2 */
    CHECK_INT(cost[1 + 1], 1);                /* right head, wrong label */
    CHECK_INT(cost[0], 1);                    /* shifting 2 loses the arc 2 -> 1 */
    dep_apply(&st, 0);                        /* mistake: stack [0 1 2] */
    int mc = dep_costs(&st, gh, gl, cost);
    CHECK_INT(mc, 0);                         /* best of what is still reachable */
    free(mem);
}

static void projectivize_lifts(void)
{
    /* hearing(2) -> issue(7) crosses scheduled(4) */
    int head[10] = { -1, 2, 4, 4, 0, 7, 7, 2, 4, 4 };
    CHECK_INT(dep_projectivize(9, head), 1);
    CHECK_INT(head[7], 4);
    int proj[5] = { -1, 2, 3, 0, 3 };
    CHECK_INT(dep_projectivize(4, proj), 0);
    /* the lifted tree is reachable by the oracle with zero cost */
    int gl[10] = { -1, 3, 1, 1, 0, 3, 3, 2, 2, 2 }, h[10], l[10];
    CHECK(oracle_parse(9, head, gl, h, l) > 0);
    for (int i = 1; i <= 9; i++) CHECK_INT(h[i], head[i]);
}

int main(void)
{
    RUN(static_oracle_reaches_gold);
    RUN(single_root_constraint);
    RUN(mask_agrees_with_valid);
    RUN(dynamic_oracle_costs);
    RUN(projectivize_lifts);
    return TEST_EXIT();
}
