#!/bin/sh
# `make bench`: runs every benchmark program (build/bench/bench_*), one core each
# unless it says otherwise. Figures and the commands that produced them are
# recorded in BENCHMARKS.md.
BUILD=${BUILD:-build}
export SITREP="$BUILD/sitrep"
status=0
for b in "$BUILD"/bench/bench_*; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b" || status=1
done
exit $status
