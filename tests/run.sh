#!/bin/sh
# Runs every unit test program ($BUILD/tests/test_*) and every end-to-end script
# (tests/e2e/*.sh). Each prints "ok NAME", "FAIL NAME" or "skip NAME: why" lines;
# this script counts them and ends with "N passed, M failed, K skipped".
# Exit status: 0 when nothing failed.
BUILD=${BUILD:-build}
export BUILD
SITREP="$(pwd)/$BUILD/sitrep"
export SITREP
log=$(mktemp)
trap 'rm -f "$log"' EXIT
crashed=0
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    echo "== $(basename "$t")"
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$log"; then
        echo "FAIL $(basename "$t"): exited with status $rc"
    fi
done | tee "$log.all"
for s in tests/e2e/*.sh; do
    [ -f "$s" ] || continue
    [ "$(basename "$s")" = lib.sh ] && continue
    echo "== $(basename "$s")"
    sh "$s" 2>&1
    rc=$?
    [ $rc -ne 0 ] && echo "FAIL $(basename "$s"): exited with status $rc"
done | tee -a "$log.all"
passed=$(grep -c '^ok ' "$log.all")
failed=$(grep -c '^FAIL ' "$log.all")
skipped=$(grep -c '^skip ' "$log.all")
rm -f "$log.all"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
