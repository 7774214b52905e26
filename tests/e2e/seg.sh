#!/bin/sh
# End-to-end checks of the text front end through `sitrep eval segment`:
# the EWT test scores against the issue's thresholds (token F1 >= 98.5,
# sentence F1 >= 75), GUM test (news among its genres) against our own floor,
# the seed article's sentence spans against tests/fixtures/seg, and the
# command's exit statuses. Shared data absent: those checks are skipped.
. "$(dirname "$0")/lib.sh"

# f1 OUTPUT LAYER: the F1 figure of a layer ("tokens", "words", "sentences")
f1() { printf '%s\n' "$1" | awk -v l="$2" '$1 == l { for (i = 1; i < NF; i++) if ($i == "F1") print $(i + 1) }'; }
# ge A B: A >= B (decimals)
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }

"$SITREP" eval segment --help >/dev/null 2>&1
t_check seg_help_exit0 test $? -eq 0
"$SITREP" eval segment >/dev/null 2>&1
t_check seg_no_file_exit2 test $? -eq 2
"$SITREP" eval segment --bogus x.conllu >/dev/null 2>&1
t_check seg_bad_option_exit2 test $? -eq 2
"$SITREP" eval segment "$T_TMP/absent.conllu" 2>"$T_TMP/err" >/dev/null
rc=$?
t_check seg_missing_file_exit1 test $rc -eq 1
t_check seg_missing_file_message grep -q "^sitrep: .*absent.conllu" "$T_TMP/err"

d=$(t_shared)
if [ -z "$d" ]; then
    t_skip seg_ewt_test "shared data absent"
    t_skip seg_gum_test "shared data absent"
    t_skip seg_seed_sentences "shared data absent"
    exit 0
fi

score() { # NAME FILE TOKEN_MIN SENT_MIN
    if [ ! -f "$2" ]; then t_skip "$1" "no $2"; return; fi
    out=$("$SITREP" eval segment "$2")
    tf=$(f1 "$out" tokens)
    sf=$(f1 "$out" sentences)
    if [ -n "$tf" ] && [ -n "$sf" ] && ge "$tf" "$3" && ge "$sf" "$4"; then
        t_ok "$1"
    else
        t_fail "$1" "token F1 $tf (min $3), sentence F1 $sf (min $4)"
    fi
    printf '%s\n' "$out" | sed "s/^/  $1: /"
}
score seg_ewt_test "$d/ud-en-ewt/en_ewt-ud-test.conllu" 98.5 75
score seg_gum_test "$d/ud-en-gum/en_gum-ud-test.conllu" 98.5 85

seed="$d/../seeds/000_628a4e34dcf17f17.txt"
if [ -f "$seed" ]; then
    "$SITREP" eval segment --sentences "$seed" >"$T_TMP/seed.spans"
    if diff "$T_TMP/seed.spans" tests/fixtures/seg/seed_000_sentences.expected >"$T_TMP/seed.diff"; then
        t_ok seg_seed_sentences
    else
        t_fail seg_seed_sentences "sentence spans differ: $(tr '\n' ' ' <"$T_TMP/seed.diff")"
    fi
else
    t_skip seg_seed_sentences "no seed article"
fi
