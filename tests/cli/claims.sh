#!/usr/bin/env bash
# Who said what: `said` filters and `claim ID` in every format, on the example articles.
source "$(dirname "$0")/common.bash"
DB="$WORK/ex.db"

expect_status 0 "$FG" --db "$DB" import "$SRC/examples"

expect_status 0 "$FG" --db "$DB" said --stance deny --format csv
expect_in "$WORK/out" "NSO Group"
expect_in "$WORK/out" "never targeted"
expect_in "$WORK/out" "Solano Shipping Group"
expect_not_in "$WORK/out" ",assert,"
expect_status 0 "$FG" --db "$DB" said --cue deny --format csv
expect_in "$WORK/out" "confirm/deny"
expect_status 0 "$FG" --db "$DB" said --about Macron --format csv
expect_in "$WORK/out" "Le Monde"
expect_status 0 "$FG" --db "$DB" said --contains spyware --format csv
expect_in "$WORK/out" "Pegasus spyware"
expect_status 0 "$FG" --db "$DB" said --since 2024-01-01 --format csv
expect_not_in "$WORK/out" "2021-07-21"
expect_status 0 "$FG" --db "$DB" said --until 2022-01-01 --format csv
expect_not_in "$WORK/out" "2024-03"
expect_status 0 "$FG" --db "$DB" said --by Amnesty --format csv
expect_in "$WORK/out" "show"
expect_status 0 "$FG" --db "$DB" said --by Amnesty --speech-only --format csv
expect_not_in "$WORK/out" "show"

# The id of NSO's denial reported by Le Monde, then the claim in full.
expect_status 0 "$FG" --db "$DB" said --by NSO --stance deny --cue say --format csv
id="$(awk -F, 'NR == 2 { print $1 }' "$WORK/out")"
[[ "$id" =~ ^[0-9]+$ ]] || fail "no claim id in: $(cat "$WORK/out")"
expect_status 0 "$FG" --db "$DB" claim "$id"
expect_in "$WORK/out" "field"
expect_in "$WORK/out" "Le Monde quoted NSO as saying"
expect_in "$WORK/out" "France probes use of NSO spyware"
while IFS= read -r line; do
    [[ "$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)" -le 80 ]] || fail "claim table wider than 80 columns: $line"
done < "$WORK/out"
[[ ! -s "$WORK/err" ]] || fail "claim wrote to stderr: $(cat "$WORK/err")"
expect_status 0 "$FG" --db "$DB" claim "$id" --format json
expect_in "$WORK/out" "\"reported_by\": \"Le Monde\""
expect_in "$WORK/out" "\"stance\": \"deny\""
expect_in "$WORK/out" "\"sentence\": \"Le Monde quoted NSO as saying the French president was never targeted by its clients.\""
expect_status 0 "$FG" --db "$DB" claim "$id" --format csv
expect_in "$WORK/out" "id,speaker,speaker_text,cue"
expect_status 0 "$FG" --db "$DB" claim "$id" --format md
expect_in "$WORK/out" "| reported_by"
expect_status 1 "$FG" --db "$DB" claim 999999
expect_in "$WORK/err" "no claim 999999"
expect_status 2 "$FG" --db "$DB" claim
expect_status 2 "$FG" --db "$DB" claim abc
finish
