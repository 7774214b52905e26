#!/bin/sh
# Builds and runs every fuzz target tests/fuzz/fuzz_*.c with libFuzzer + ASan +
# UBSan (clang), each against every src/*.c, for $FUZZ_SECONDS seconds (default
# 60). The corpus of fuzz_NAME lives in $FUZZ_BUILD/corpus/NAME (kept between
# runs) and is seeded from tests/fixtures: files whose path contains NAME (and,
# when gzip/zstd exist, their compressed forms), else every small fixture.
# Prints per target the number of executions; exits non-zero when a target
# crashed (the reproducer is in $FUZZ_BUILD/crash/NAME/) or did not build.
#   FUZZ_SECONDS=600 sh tests/fuzz/run.sh            all targets
#   FUZZ_TARGETS="jsonl html" sh tests/fuzz/run.sh   some targets
set -u
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_BUILD=${FUZZ_BUILD:-build-fuzz}
CC=${FUZZ_CC:-clang}
LIBS="-ljansson -lgumbo -lz -lzstd -lutf8proc -lpthread -lm"
CFLAGS="-std=c11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc"
LDFLAGS="-fsanitize=fuzzer,address,undefined"

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2
    exit 2
fi
mkdir -p "$FUZZ_BUILD/obj" || exit 2

# the library, once (objects are rebuilt when their source is newer)
objs=""
for src in src/*.c; do
    obj="$FUZZ_BUILD/obj/$(basename "$src" .c).o"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
        $CC $CFLAGS -c "$src" -o "$obj" || { echo "fuzz: cannot build $src" >&2; exit 2; }
    fi
    objs="$objs $obj"
done

status=0
for t in tests/fuzz/fuzz_*.c; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .c)
    short=${name#fuzz_}
    if [ -n "${FUZZ_TARGETS:-}" ]; then
        case " $FUZZ_TARGETS " in *" $short "*|*" $name "*) ;; *) continue ;; esac
    fi
    bin="$FUZZ_BUILD/$name"
    if ! $CC $CFLAGS $LDFLAGS "$t" $objs $LIBS -o "$bin"; then
        echo "$name: BUILD FAILED"
        status=1
        continue
    fi
    corpus="$FUZZ_BUILD/corpus/$short"
    crash="$FUZZ_BUILD/crash/$short"
    mkdir -p "$corpus" "$crash"
    if [ -z "$(ls -A "$corpus")" ]; then
        seeds=$(find tests/fixtures -type f -size -256k -path "*$short*" 2>/dev/null)
        [ -n "$seeds" ] || seeds=$(find tests/fixtures -type f -size -64k 2>/dev/null)
        i=0
        for f in $seeds; do
            i=$((i + 1))
            cp "$f" "$corpus/seed$i"
            command -v gzip >/dev/null 2>&1 && gzip -c "$f" >"$corpus/seed$i.gz"
            command -v zstd >/dev/null 2>&1 && zstd -q -c "$f" >"$corpus/seed$i.zst"
        done
    fi
    log="$FUZZ_BUILD/$name.log"
    "$bin" "$corpus" -max_total_time="$FUZZ_SECONDS" -timeout=30 -rss_limit_mb=2560 \
        -print_final_stats=1 -artifact_prefix="$crash/" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
    [ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        echo "$name: CRASH after ${runs:-?} executions (exit $rc); see $log and $crash/"
        grep -m3 -E 'ERROR|runtime error|SUMMARY' "$log"
        status=1
    else
        echo "$name: ${runs:-?} executions in ${FUZZ_SECONDS}s, no crash"
    fi
done
exit $status
