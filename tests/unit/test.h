/* test.h — tiny shared helper for unit tests.
 *
 * A test program is a list of `static void name(void)` cases run with RUN(name).
 * Each case prints "ok NAME", "FAIL NAME" (after the failed checks' lines) or
 * "skip NAME: reason"; tests/run.sh counts those lines over every program. */
#ifndef SR_TEST_H
#define SR_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_checks_failed_;
static int t_cases_failed_;
static int t_skipped_;

#define CHECK(c) do { if (!(c)) { t_checks_failed_++; \
    printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
    if (a_ != b_) { t_checks_failed_++; \
    printf("  %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_); } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) { t_checks_failed_++; \
    printf("  %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
           a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } } while (0)
/* Inside a case: marks it skipped (with a reason) and returns. */
#define SKIP(reason) do { printf("skip %s: %s\n", t_case_name_, reason); t_skipped_++; \
    t_case_skipped_ = 1; return; } while (0)

static const char *t_case_name_ = "";
static int t_case_skipped_;

#define RUN(name) do { int f0_ = t_checks_failed_; t_case_name_ = #name; t_case_skipped_ = 0; \
    name(); \
    if (t_case_skipped_) break; \
    if (t_checks_failed_ == f0_) printf("ok %s\n", #name); \
    else { printf("FAIL %s\n", #name); t_cases_failed_++; } } while (0)

#define TEST_EXIT() (fflush(stdout), (void)t_skipped_, t_cases_failed_ ? 1 : 0)

/* Path of the shared data directory (../shared/data relative to the repository, or
 * $SITREP_SHARED_DATA); NULL when absent. */
static inline const char *t_shared_data(void)
{
    const char *env = getenv("SITREP_SHARED_DATA");
    static const char *def = "../shared/data";
    const char *p = env && *env ? env : def;
    FILE *f;
    char probe[512];
    snprintf(probe, sizeof probe, "%s/README.md", p);
    if ((f = fopen(probe, "r")) != NULL) { fclose(f); return p; }
    return NULL;
}

/* Puts the path of rel (a string literal under the shared data) into the array
 * path and opens it for reading into fp; skips the case, saying which is
 * absent, when the shared data or the file is. */
#define SHARED_OPEN(fp, path, rel) do { \
    const char *sd_ = t_shared_data(); \
    if (!sd_) SKIP("../shared/data absent (set SITREP_SHARED_DATA)"); \
    snprintf(path, sizeof path, "%s/%s", sd_, rel); \
    if (!((fp) = fopen(path, "r"))) SKIP(rel " absent from the shared data"); \
} while (0)
#endif
