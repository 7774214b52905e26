#!/bin/sh
# eval_relations.sh — `sitrep eval --by-relation`: the per-relation table must
# add up to the summary (its gold words to the aligned words, its errors to
# the words LAS counts wrong), merge subtypes (nsubj:pass under nsubj), and
# list the relations with the most errors first. Uses the committed model on
# the EWT dev set when the shared data is there (a parse with errors), else on
# a fixture; skips without the model.
. tests/e2e/lib.sh
model=models/sitrep-en.model
if [ ! -f "$model" ]; then t_skip eval_relations "no $model"; exit 0; fi
gold=tests/fixtures/parse/tiny.conllu
d=$(t_shared)
if [ -n "$d" ] && [ -f "$d/ud-en-ewt/en_ewt-ud-dev.conllu" ]; then
    gold="$d/ud-en-ewt/en_ewt-ud-dev.conllu"
else
    t_skip eval_relations_dev "shared data (ud-en-ewt dev) absent: checked on a fixture the model parses without errors"
fi
out="$T_TMP/rel.txt"
if ! "$SITREP" eval "$gold" --model "$model" --by-relation >"$out" 2>"$T_TMP/err"; then
    t_fail eval_relations "sitrep eval --by-relation failed: $(head -c 300 "$T_TMP/err")"; exit 0
fi
# the summary: aligned words and LAS; the table: lines after the header
aligned=$(awk '$1 == "words" { print $6 }' "$out")
las=$(awk '$1 == "LAS" { print $2 }' "$out")
awk '/^relation/ { t = 1; next } t && NF == 6' "$out" >"$T_TMP/table"
ngold=$(awk '{ s += $2 } END { print s + 0 }' "$T_TMP/table")
errs=$(awk '{ s += $5 } END { print s + 0 }' "$T_TMP/table")
t_check eval_relations_rows test -s "$T_TMP/table"
t_check eval_relations_gold_sum test "$ngold" = "$aligned"
# LAS = 100 * (aligned - errors) / aligned, printed with two decimals
t_check eval_relations_errors_match_las awk -v a="$aligned" -v e="$errs" -v l="$las" \
    'BEGIN { d = 100 * (a - e) / a - l; exit !(d < 0.006 && d > -0.006) }'
t_check eval_relations_subtypes_merged sh -c "! awk '{ print \$1 }' '$T_TMP/table' | grep -q ':'"
t_check eval_relations_nsubj_has_passives awk '$1 == "nsubj" && $2 >= 2 { f = 1 } END { exit !f }' "$T_TMP/table"
t_check eval_relations_sorted awk '{ if (NR > 1 && $5 > p) bad = 1; p = $5 } END { exit bad }' "$T_TMP/table"
