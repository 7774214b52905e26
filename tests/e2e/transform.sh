#!/bin/sh
# Transformations of the built-in verb dictionary (data/dict/verbs.txt, the `~`
# lines) from raw text through the model's parse: a threatened, vowed or claimed
# act is recoded, and --explain names the line. Our own sentences. Skips without
# the model.
. tests/e2e/lib.sh
if [ ! -f models/sitrep-en.model ]; then t_skip transform "models/sitrep-en.model absent"; exit 0; fi
in="$T_TMP/in.jsonl"
cat >"$in" <<'JSON'
{"id": "kill", "text": "Russia threatened to kill Ukrainian soldiers."}
{"id": "jail", "text": "Iran vowed to jail British diplomats."}
{"id": "claim", "text": "China claimed it attacked Taiwan."}
{"id": "future", "text": "Turkey said it would attack Syria."}
{"id": "negated", "text": "Russia said it did not attack Ukraine."}
JSON
"$SITREP" code --explain --date 2025-03-13 -j 1 "$in" >"$T_TMP/out" 2>"$T_TMP/err" || {
    t_fail transform_runs "$(head -3 "$T_TMP/err")"; exit 0; }
# expect ID "SRC TGT CODE" LINE-OR-EMPTY: the article's only event, and the
# transformation line its explain names (empty: none)
expect() {
    got=$(jq -r --arg id "$1" 'select(.id == $id) | [.events[] | "\(.source.code) \(.target.code) \(.code)"] | join("; ")' "$T_TMP/out")
    why=$(jq -r --arg id "$1" 'select(.id == $id) | [.events[] | .explain] | join("; ")' "$T_TMP/out")
    if [ "$got" != "$2" ]; then t_fail "transform_$1" "got \"$got\", expected \"$2\""; return; fi
    if [ -n "$3" ] && ! printf '%s' "$why" | grep -q "transformation data/dict/verbs.txt:$3 "; then
        t_fail "transform_$1" "explain does not name verbs.txt:$3: $why"; return; fi
    if [ -z "$3" ] && printf '%s' "$why" | grep -q "transformation"; then
        t_fail "transform_$1" "a transformation fired: $why"; return; fi
    t_ok "transform_$1"
}
line() { grep -n -F -x "$1" data/dict/verbs.txt | head -1 | cut -d: -f1; }
expect kill "RUS UKRMIL 1383" "$(line '~ a (_ b KILL) THREATEN = a b 1383')"
expect jail "IRN GBRGOV 137" "$(line '~ a (_ b JAIL) VOW = a b 137')"
expect claim "CHN TWN 015" "$(line '~ a (a b ATTACK) CLAIM = a b 015')"
expect future "TUR SYR 138" ""      # "would attack" is a threat, not a claimed attack
expect negated "RUS UKR 190" ""     # negated: no transformation (the event is flagged)
