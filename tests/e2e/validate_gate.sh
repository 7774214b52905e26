#!/bin/sh
# Regression gate on the PETRARCH unit-test records: `sitrep validate` must pass at
# least as many records as recorded in tests/validate-baseline.txt (raise the
# baseline when the coder improves; never lower it to make a change pass).
. tests/e2e/lib.sh
d=$(t_shared)
if [ -z "$d" ]; then
    t_skip validate_gate "../shared/data absent"
    exit 0
fi
rec="$d/petrarch2/text/PETR.UnitTest.records.xml"
base=$(grep -v '^#' tests/validate-baseline.txt | head -1)
out=$("$SITREP" validate --quiet "$rec" 2>"$T_TMP/err")
rc=$?
last=$(printf '%s\n' "$out" | tail -1)
passed=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p')
if [ $rc -ne 0 ] || [ -z "$passed" ]; then
    t_fail validate_gate "sitrep validate failed (exit $rc): $(head -3 "$T_TMP/err")"
elif [ "$passed" -lt "$base" ]; then
    t_fail validate_gate "$passed records right, below the recorded $base"
else
    echo "  validation records: $last (baseline $base)"
    t_ok validate_gate
fi

# the GSR file is not well-formed XML: it must still be read and run
gsr="$d/universal-petrarch/text/PETR2_GSR_validation.xml"
if "$SITREP" validate --quiet "$gsr" >"$T_TMP/gsr" 2>/dev/null && tail -1 "$T_TMP/gsr" | grep -q ' passed, '; then
    t_ok validate_reads_malformed_gsr
else
    t_fail validate_reads_malformed_gsr "no result line"
fi
