#!/bin/sh
# The seed article (../shared/seeds/000_*.txt) must give what the brief lists:
# actors with their codes for 2025-03-13, the events, the quotes with their
# speakers, the places and the tone. Skips when the seed or the model is absent.
. tests/e2e/lib.sh
seed=$(ls ../shared/seeds/*.txt 2>/dev/null | head -1)
if [ -z "$seed" ]; then t_skip seed "../shared/seeds absent"; exit 0; fi
if [ ! -f models/sitrep-en.model ]; then t_skip seed "models/sitrep-en.model absent"; exit 0; fi
out="$T_TMP/seed.json"
"$SITREP" code --date 2025-03-13 -j 1 "$seed" >"$out" 2>"$T_TMP/err" || { t_fail seed_runs "$(cat "$T_TMP/err")"; exit 0; }

# actor TEXT-SUBSTRING CODE: some actor mention containing TEXT has CODE
actor() {
    n=$(jq --arg t "$1" --arg c "$2" '[.actors[] | select((.text | contains($t)) and .code == $c)] | length' "$out")
    if [ "${n:-0}" -gt 0 ]; then t_ok "seed_actor_$(echo "$1_$2" | tr ' ' '_')"
    else t_fail "seed_actor_$(echo "$1_$2" | tr ' ' '_')" "no actor \"$1\" coded $2"; fi
}
actor "Vladimir Putin" RUSGOV
actor "Volodymyr Zelensky" UKRGOV
actor "Andrey Kelin" RUSGOV
actor "Andrzej Duda" POLGOV
actor "Keith Kellogg" USAGOV
actor "Russian Army" RUSMIL
actor "Ukrainian fighters" UKRMIL
actor "Poland" POL
actor "Belarus" BLR
actor "US" USA
actor "Nato" IGOWSTNAT
actor "Kremlin" RUSGOV
actor "Warsaw" POLGOV

# event NAME SOURCE-CODE TARGET-CODE-PREFIX ROOTS: an event SOURCE -> TARGET* whose
# CAMEO root is one of ROOTS (space-separated)
event() {
    n=$(jq --arg s "$2" --arg t "$3" --arg r " $4 " '[.events[] | select(.source.code == $s and
        (.target != null) and (.target.code | startswith($t)) and
        ((.root // "") as $root | $r | contains(" " + $root + " ")))] | length' "$out")
    if [ "${n:-0}" -gt 0 ]; then t_ok "seed_event_$1"; else t_fail "seed_event_$1" "no $2 -> $3* event with root in ($4)"; fi
}
event putin_orders_russian_troops RUSGOV RUSMIL "10 02"
event putin_threatens_ukraine RUSGOV UKR "13"
event zelensky_on_ukraine UKRGOV UKR "01 03 04"
event poland_asks_us POLGOV USA "02"
event duda_meets_us_envoy POLGOV USAGOV "04"
event russia_weapons_in_belarus RUS BLR "06 15"

tone=$(jq '.tone.tone' "$out")
if [ "$(echo "$tone < -1.5" | awk '{print ($1 < $3)}')" = 1 ]; then t_ok seed_tone_negative; else t_fail seed_tone_negative "tone $tone"; fi
for w in despot tyrant chilling; do
    n=$(jq --arg w "$w" '[.loaded[] | select(.text == $w and .in_quote == false)] | length' "$out")
    if [ "${n:-0}" -gt 0 ]; then t_ok "seed_loaded_$w"; else t_fail "seed_loaded_$w" "not found outside quotations"; fi
done

# quote TEXT-PREFIX CODE: the quotation starting with TEXT has a speaker coded CODE
quote() {
    n=$(jq --arg t "$1" --arg c "$2" '[.quotes[] | select((.text | startswith($t)) and .speaker != null and .speaker.code == $c)] | length' "$out")
    name=$(echo "$1" | tr -c 'A-Za-z\n' '_' | cut -c1-24)
    if [ "${n:-0}" -gt 0 ]; then t_ok "seed_quote_$name"; else t_fail "seed_quote_$name" "no quote \"$1…\" by $2"; fi
}
quote "Our task in the near future" RUSGOV
quote "with a lot of caution" RUSGOV
quote "The borders of Nato" POLGOV
quote "I think it" POLGOV
quote "They didn" POLGOV

# place TEXT COUNTRY LAT LON: a location mention TEXT in COUNTRY within 1 degree
place() {
    n=$(jq --arg t "$1" --arg c "$2" --argjson la "$3" --argjson lo "$4" '[.locations[] | select(.text == $t and .country == $c
        and .lat != null and ((.lat - $la) | fabs) < 1 and ((.lon - $lo) | fabs) < 1)] | length' "$out")
    name=$(echo "$1" | tr ' ' '_')
    if [ "${n:-0}" -gt 0 ]; then t_ok "seed_place_$name"; else t_fail "seed_place_$name" "no place \"$1\" in $2 near $3,$4"; fi
}
place "Kursk region" RUS 51.7 36.2
place "London" GBR 51.5 -0.1
place "Warsaw" POL 52.2 21.0
place "Belarus" BLR 53.7 27.9
