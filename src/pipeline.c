/* pipeline.c — loads shared resources and runs the stages over one document.
 *
 * The pipeline object is read-only after sitrep_pipeline_new, so any number of
 * worker threads may run documents through it at once. */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "err.h"

struct sitrep_pipeline {
    char date[11];              /* fallback article date, YYYY-MM-DD */
    int explain;
};

/* YYYY-MM-DD with a real calendar date. */
static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return 1;
}

sitrep_pipeline *sitrep_pipeline_new(const sitrep_options *opt, sitrep_error *err)
{
    sitrep_options none = {0};
    if (!opt) opt = &none;
    sitrep_pipeline *pl = calloc(1, sizeof *pl);
    if (!pl) { err_set(err, SITREP_ERR_NOMEM, NULL, 0, SIZE_MAX, "out of memory"); return NULL; }
    if (opt->date) {
        if (!valid_date(opt->date)) {
            err_set(err, SITREP_ERR_USAGE, NULL, 0, SIZE_MAX,
                    "--date: \"%s\" is not a date of the form YYYY-MM-DD", opt->date);
            free(pl);
            return NULL;
        }
        memcpy(pl->date, opt->date, 11);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(pl->date, sizeof pl->date, "%Y-%m-%d", &tm);
    }
    pl->explain = opt->explain;
    return pl;
}

void sitrep_pipeline_free(sitrep_pipeline *pl)
{
    if (!pl) return;
    free(pl);
}

int pipeline_has_model(const sitrep_pipeline *pl) { (void)pl; return 0; }

sitrep_status pipeline_run_from(const sitrep_pipeline *pl, sitrep_doc *doc, pipeline_stage from)
{
    if (doc->failed) return SITREP_OK;
    const char *date = doc->field[SITREP_FIELD_DATE];
    if (!date) sitrep_doc_set(doc, SITREP_FIELD_DATE, pl->date, 10);
    else if (!valid_date(date)) {
        sitrep_doc_warn(doc, "date \"%s\" is not YYYY-MM-DD; using %s", date, pl->date);
        sitrep_doc_set(doc, SITREP_FIELD_DATE, pl->date, 10);
    }
    (void)from;
    return SITREP_OK;
}

sitrep_status sitrep_pipeline_run(const sitrep_pipeline *pl, sitrep_doc *doc)
{
    return pipeline_run_from(pl, doc, PIPELINE_SEGMENT);
}
