/* cameo.h — the CAMEO event code table (CAMEO 1.1b3 codebook).
 *
 * One row per CAMEO event code: the 20 cue categories ("01".."20") and every 3- and
 * 4-digit code under them, with its short name, cue category (root), QuadClass,
 * Goldstein score and PLOVER event type and mode. The table is static, sorted by
 * code and searched by bisection: no allocation, safe from any thread.
 *
 *   QuadClass  1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
 *              3 verbal conflict (09-13), 4 material conflict (14-20).
 *   Goldstein  GDELT's CAMEO.goldsteinscale table (the codes where the CAMEO
 *              codebook's table differs are named in cameo.c).
 *   PLOVER     our reading of the PLOVER manual's CAMEO translation (cameo.c says
 *              where and why we depart from collapsing to the cue category);
 *              NULL for 01 and 02, which PLOVER drops.
 *
 * Every string is static (lives for the program). */
#ifndef SR_CAMEO_H
#define SR_CAMEO_H
#include <stddef.h>

typedef struct cameo_info {
    const char *code;         /* "138" */
    const char *name;         /* "Threaten with military force" */
    const char *root;         /* cue category "13" */
    int quad;                 /* QuadClass 1..4 */
    double goldstein;         /* -10 .. +10 */
    const char *plover;       /* PLOVER type ("THREATEN"), NULL when PLOVER has none */
    const char *plover_mode;  /* PLOVER mode ("violence"), NULL when none */
} cameo_info;

/* The row of a CAMEO code written as in the codebook ("13", "138", "0311"); NULL when
 * the string is not a CAMEO event code (WEIS "075A", "---", "", NULL, "0380"). */
const cameo_info *cameo_lookup(const char *code);

/* Number of rows, and row i in code order (NULL when i is out of range). */
size_t cameo_count(void);
const cameo_info *cameo_at(size_t i);
#endif
