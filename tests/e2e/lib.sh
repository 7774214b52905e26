# Shared helpers for end-to-end scripts (sourced). $SITREP is the binary.
: "${SITREP:=build/sitrep}"
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT
# ok NAME / fail NAME WHY
t_ok() { echo "ok $1"; }
t_fail() { echo "FAIL $1: $2"; }
t_skip() { echo "skip $1: $2"; }
# t_check NAME CONDITION-COMMAND...: runs the command, ok when it succeeds.
t_check() { n=$1; shift; if "$@"; then t_ok "$n"; else t_fail "$n" "$*"; fi; }
# shared data dir or empty
t_shared() { d=${SITREP_SHARED_DATA:-../shared/data}; [ -f "$d/README.md" ] && echo "$d"; }
