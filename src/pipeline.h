/* pipeline.h — internal view of the pipeline (stages wired in pipeline.c). */
#ifndef SR_PIPELINE_H
#define SR_PIPELINE_H
#include "sitrep.h"

/* Where stage-by-stage processing starts (`sitrep parse --input conllu` keeps the
 * given tokens and sentences and starts at TAG). */
typedef enum pipeline_stage { PIPELINE_SEGMENT = 0, PIPELINE_TAG } pipeline_stage;

sitrep_status pipeline_run_from(const sitrep_pipeline *pl, sitrep_doc *doc, pipeline_stage from);
/* 1 when a tagger/parser model is loaded. */
int pipeline_has_model(const sitrep_pipeline *pl);
/* on = 1: parse every sentence, not only those the gate (gate.h) lets through;
 * for tests and measurements of the gate. */
void pipeline_set_ungated(sitrep_pipeline *pl, int on);
#endif
