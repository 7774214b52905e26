#!/bin/sh
# parse_gate.sh — the statistical models' quality gate: tags and parses the
# UD English-EWT dev set (gold tokenization) with the shipped model and fails
# when UPOS or LAS fall more than 0.5 below the scores recorded in
# models/scores.txt. Skips when the model or the shared data is absent.
. tests/e2e/lib.sh
model=models/sitrep-en.model
scores=models/scores.txt
d=$(t_shared)
if [ ! -f "$model" ]; then t_skip parse_gate "no $model"; exit 0; fi
if [ -z "$d" ] || [ ! -f "$d/ud-en-ewt/en_ewt-ud-dev.conllu" ]; then
    t_skip parse_gate "shared data (ud-en-ewt dev) absent"; exit 0
fi
out="$T_TMP/eval.txt"
if ! "$SITREP" eval "$d/ud-en-ewt/en_ewt-ud-dev.conllu" --model "$model" --input conllu >"$out" 2>"$T_TMP/err"; then
    t_fail parse_gate "sitrep eval failed: $(head -c 300 "$T_TMP/err")"; exit 0
fi
for m in UPOS LAS; do
    key=$(echo "dev_$m" | tr 'A-Z' 'a-z')
    want=$(awk -v k="$key" '$1 == k { print $2 }' "$scores")
    got=$(awk -v k="$m" '$1 == k { print $2 }' "$out")
    if [ -z "$want" ] || [ -z "$got" ]; then t_fail "parse_gate_$m" "missing score ($key in $scores, $m in eval output)"; continue; fi
    if awk -v g="$got" -v w="$want" 'BEGIN { exit !(g + 0.5 >= w) }'; then
        t_ok "parse_gate_$m"
    else
        t_fail "parse_gate_$m" "EWT dev $m $got is more than 0.5 below the recorded $want"
    fi
done
