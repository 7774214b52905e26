#!/bin/sh
# End-to-end tests of the article readers through `sitrep code`: JSONL (good,
# bad lines, invalid UTF-8, empty), text, HTML, gzip/zstd (whole, concatenated,
# truncated), binary garbage, directories, standard input, output order.
# Contract: one JSON object per article in input order on stdout; each input
# error one line "sitrep: FILE:LINE: reason" on stderr; exit 0 all good, 1 when
# an input error was reported, 2 on bad usage.
. tests/e2e/lib.sh
FIX=tests/fixtures/ingest
T=$T_TMP

if [ ! -x "$SITREP" ]; then
    t_skip ingest_e2e "no binary at $SITREP"
    exit 0
fi

# code ARGS... : runs `sitrep code` with out/err/rc in $T
code() { "$SITREP" code "$@" >"$T/out" 2>"$T/err"; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
# ids of the records on stdout, one per line (the first field of each record)
ids() { sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$T/out" | tr '\n' ' ' | sed 's/ $//'; }
nrec() { grep -c '^{' "$T/out"; }
# input errors on stderr (not other notices)
errs() { grep -E '^sitrep: .*:[0-9]+: |^sitrep: .*: (byte offset [0-9]+: )?(truncated|invalid|trailing|cannot|read error)' "$T/err"; }

# --- JSONL
code "$FIX/jsonl_good.jsonl"
if [ "$(rc)" = 0 ] && [ "$(ids)" = "a1 42 4" ] && grep -q '"date":"2019-03-13"' "$T/out" \
   && grep -q '"title":"Talks resume"' "$T/out"; then
    t_ok jsonl_good_records_in_order
else
    t_fail jsonl_good_records_in_order "rc=$(rc) ids='$(ids)'"
fi

code "$FIX/jsonl_bad_line_middle.jsonl"
f=$FIX/jsonl_bad_line_middle.jsonl
if [ "$(rc)" = 1 ] && [ "$(ids)" = "ok-1 no-text ok-2" ] \
   && grep -q "^sitrep: $f:2: invalid JSON: " "$T/err" \
   && grep -q "^sitrep: $f:3: no \"text\" field" "$T/err" \
   && grep -q "^sitrep: $f:4: no \"text\" field" "$T/err" \
   && grep '"id":"no-text"' "$T/out" | grep -q '"warnings":\["no \\"text\\" field"\]'; then
    t_ok jsonl_bad_line_in_the_middle
else
    t_fail jsonl_bad_line_in_the_middle "rc=$(rc) ids='$(ids)' err=$(head -c 300 "$T/err")"
fi

code "$FIX/jsonl_invalid_utf8.jsonl"
ok=1
[ "$(rc)" = 0 ] && [ "$(ids)" = "bad-bytes clean" ] || ok=0
grep '"id":"bad-bytes"' "$T/out" | grep -q '3 invalid UTF-8 sequences replaced by U+FFFD' || ok=0
if command -v iconv >/dev/null 2>&1; then iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1 || ok=0; fi
[ $ok = 1 ] && t_ok jsonl_invalid_utf8_repaired || t_fail jsonl_invalid_utf8_repaired "rc=$(rc) ids='$(ids)'"

code "$FIX/jsonl_invalid_date.jsonl"
if [ "$(rc)" = 1 ] && [ "$(ids)" = "d1 d2" ] \
   && grep '"id":"d1"' "$T/out" | grep -q 'invalid \\"date\\" \\"2019-02-30\\" ignored' \
   && grep -q ":2: \"date\" must be a string" "$T/err"; then
    t_ok jsonl_invalid_date_warning_and_wrong_type
else
    t_fail jsonl_invalid_date_warning_and_wrong_type "rc=$(rc) ids='$(ids)'"
fi

# --- empty files
code "$FIX/empty.jsonl"
[ "$(rc)" = 0 ] && [ ! -s "$T/out" ] && t_ok jsonl_empty_file_no_article \
    || t_fail jsonl_empty_file_no_article "rc=$(rc) out=$(head -c 100 "$T/out")"
code "$FIX/empty.txt"
[ "$(rc)" = 0 ] && [ "$(ids)" = "empty.txt" ] && t_ok text_empty_file_one_article \
    || t_fail text_empty_file_one_article "rc=$(rc) ids='$(ids)'"

# --- binary garbage: never a crash, never a hang
LC_ALL=C awk 'BEGIN { srand(42); for (i = 0; i < 200000; i++) printf "%c", int(rand() * 255) + 1 }' \
    >"$T/garbage.bin"
for kind in text jsonl html; do
    code --input "$kind" "$T/garbage.bin"
    r=$(rc)
    if [ "$r" -le 1 ] && { [ "$kind" = jsonl ] || [ "$(ids)" = garbage.bin ]; }; then
        t_ok "binary_garbage_as_$kind"
    else
        t_fail "binary_garbage_as_$kind" "rc=$r ids='$(ids)'"
    fi
done

# --- gzip / zstd
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$FIX/jsonl_good.jsonl" >"$T/good.jsonl.gz"
    code "$T/good.jsonl.gz"
    [ "$(rc)" = 0 ] && [ "$(ids)" = "a1 42 4" ] && t_ok gzip_jsonl || t_fail gzip_jsonl "rc=$(rc) ids='$(ids)'"
    # compression is found by magic bytes, not by name
    cp "$T/good.jsonl.gz" "$T/disguised.jsonl"
    code "$T/disguised.jsonl"
    [ "$(rc)" = 0 ] && [ "$(ids)" = "a1 42 4" ] && t_ok gzip_found_by_magic \
        || t_fail gzip_found_by_magic "rc=$(rc) ids='$(ids)'"
    # concatenated members
    printf '{"id":"m2","text":"second member"}\n' | gzip -c >"$T/m2.gz"
    cat "$T/good.jsonl.gz" "$T/m2.gz" >"$T/members.jsonl.gz"
    code "$T/members.jsonl.gz"
    [ "$(rc)" = 0 ] && [ "$(ids)" = "a1 42 4 m2" ] && t_ok gzip_concatenated_members \
        || t_fail gzip_concatenated_members "rc=$(rc) ids='$(ids)'"
    # truncated: the complete lines before the damage, then the error with its byte
    awk 'BEGIN { srand(7); for (i = 1; i <= 3000; i++) { s = ""; for (j = 0; j < 30; j++) s = s sprintf("%c", 97 + int(rand() * 26)); printf "{\"id\":\"r%d\",\"text\":\"Line %d %s.\"}\n", i, i, s } }' \
        | gzip -c >"$T/full.jsonl.gz"
    size=$(wc -c <"$T/full.jsonl.gz")
    half=$((size / 2))
    head -c "$half" "$T/full.jsonl.gz" >"$T/cut.jsonl.gz"
    code "$T/cut.jsonl.gz"
    n=$(nrec)
    want=$(seq 1 "$n" | sed 's/^/r/' | tr '\n' ' ' | sed 's/ $//')
    if [ "$(rc)" = 1 ] && [ "$n" -gt 100 ] && [ "$n" -lt 3000 ] && [ "$(ids)" = "$want" ] \
       && grep -q "cut.jsonl.gz.*truncated gzip stream at byte $half" "$T/err"; then
        t_ok gzip_truncated_jsonl
    else
        t_fail gzip_truncated_jsonl "rc=$(rc) n=$n err=$(head -c 300 "$T/err")"
    fi
    # truncated text: the article with a warning, then the error
    awk 'BEGIN { srand(9); for (i = 0; i < 20000; i++) printf "%c", 97 + int(rand() * 26) }' | gzip -c >"$T/story.txt.gz"
    size=$(wc -c <"$T/story.txt.gz")
    head -c $((size / 2)) "$T/story.txt.gz" >"$T/cut.txt.gz"
    code "$T/cut.txt.gz"
    if [ "$(rc)" = 1 ] && [ "$(ids)" = "cut.txt" ] && grep -q 'truncated gzip stream at byte' "$T/out" \
       && grep -q 'cut.txt.gz.*truncated gzip stream at byte' "$T/err"; then
        t_ok gzip_truncated_text_article_then_error
    else
        t_fail gzip_truncated_text_article_then_error "rc=$(rc) ids='$(ids)'"
    fi
else
    t_skip gzip_cases "gzip command not installed"
fi

if command -v zstd >/dev/null 2>&1; then
    zstd -q -c "$FIX/jsonl_good.jsonl" >"$T/good.jsonl.zst"
    code "$T/good.jsonl.zst"
    [ "$(rc)" = 0 ] && [ "$(ids)" = "a1 42 4" ] && t_ok zstd_jsonl || t_fail zstd_jsonl "rc=$(rc) ids='$(ids)'"
    zstd -q -c "$FIX/story.html" >"$T/story.html.zst"
    code "$T/story.html.zst"
    [ "$(rc)" = 0 ] && [ "$(ids)" = "story.html" ] && grep -q '"title":"Talks resume in Geneva"' "$T/out" \
        && t_ok zstd_html_id_without_suffix || t_fail zstd_html_id_without_suffix "rc=$(rc) ids='$(ids)'"
    size=$(wc -c <"$T/good.jsonl.zst")
    head -c $((size - 4)) "$T/good.jsonl.zst" >"$T/cut.jsonl.zst"
    code "$T/cut.jsonl.zst"
    [ "$(rc)" = 1 ] && grep -q 'truncated zstd stream at byte' "$T/err" && t_ok zstd_truncated \
        || t_fail zstd_truncated "rc=$(rc) err=$(head -c 200 "$T/err")"
else
    t_skip zstd_cases "zstd command not installed (apt-get install zstd)"
fi

# --- directories
code "$FIX/tree"
if [ "$(rc)" = 0 ] && [ "$(ids)" = "a-b.txt a.txt a/x.txt b.html deep-1 deep-2" ] \
   && ! grep -q hidden "$T/out"; then
    t_ok directory_sorted_recursive_skips_hidden
else
    t_fail directory_sorted_recursive_skips_hidden "rc=$(rc) ids='$(ids)'"
fi
# a bad line inside a directory names the full path
mkdir -p "$T/dir/sub"
printf '{"text":"ok"}\n{oops}\n' >"$T/dir/sub/bad.jsonl"
code "$T/dir"
[ "$(rc)" = 1 ] && grep -q "^sitrep: $T/dir/sub/bad.jsonl:2: invalid JSON" "$T/err" \
    && t_ok directory_error_names_full_path || t_fail directory_error_names_full_path "$(head -c 200 "$T/err")"

# --- standard input
"$SITREP" code <"$FIX/jsonl_good.jsonl" >"$T/out" 2>"$T/err"
[ "$(ids)" = "-" ] && t_ok stdin_is_text_by_default || t_fail stdin_is_text_by_default "ids='$(ids)'"
"$SITREP" code --input jsonl - <"$FIX/jsonl_good.jsonl" >"$T/out" 2>"$T/err"
[ "$(ids)" = "a1 42 4" ] && t_ok stdin_jsonl || t_fail stdin_jsonl "ids='$(ids)'"
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$FIX/jsonl_good.jsonl" | "$SITREP" code --input jsonl >"$T/out" 2>"$T/err"
    [ "$(ids)" = "a1 42 4" ] && t_ok stdin_gzip_jsonl || t_fail stdin_gzip_jsonl "ids='$(ids)'"
fi

# --- HTML
code "$FIX/story.html"
if [ "$(rc)" = 0 ] && [ "$(ids)" = "story.html" ] && grep -q '"title":"Talks resume in Geneva"' "$T/out" \
   && grep -q '"date":"2019-03-13"' "$T/out" && grep -q '"url":"https://example.org/news/talks"' "$T/out"; then
    t_ok html_article_metadata
else
    t_fail html_article_metadata "rc=$(rc) out=$(head -c 300 "$T/out")"
fi

# --- several inputs, several workers: input order (line 4 of the good file is line 504 now)
awk '{ print } NR == 1 { for (i = 1; i <= 500; i++) printf "{\"id\":\"n%d\",\"text\":\"Number %d said the minister.\"}\n", i, i }' \
    "$FIX/jsonl_good.jsonl" >"$T/many.jsonl"
code -j 2 "$T/many.jsonl" "$FIX/empty.txt" "$FIX/story.html"
want="a1 $(seq 1 500 | sed 's/^/n/' | tr '\n' ' ')42 504 empty.txt story.html"
[ "$(rc)" = 0 ] && [ "$(ids)" = "$want" ] && t_ok many_inputs_keep_input_order \
    || t_fail many_inputs_keep_input_order "rc=$(rc) n=$(nrec)"

# --- a missing file is an input error, the others are still read
code "$FIX/no-such-file.jsonl" "$FIX/jsonl_good.jsonl"
[ "$(rc)" = 1 ] && [ "$(ids)" = "a1 42 4" ] && grep -q "no-such-file.jsonl" "$T/err" \
    && t_ok missing_file_reported || t_fail missing_file_reported "rc=$(rc) ids='$(ids)' err=$(head -c 200 "$T/err")"
exit 0
