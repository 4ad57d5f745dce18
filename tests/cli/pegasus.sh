#!/usr/bin/env bash
# The reference story end to end: import, re-import, who-said-what, actors, render, extract.
source "$(dirname "$0")/common.bash"
DB="$WORK/p.db"
SEED="$SRC/examples/pegasus/pegasus-2021-07-21.txt"

expect_status 0 "$FG" --db "$DB" import "$SRC/examples/pegasus"
expect_in "$WORK/err" "imported 1 article"
expect_status 0 "$FG" --db "$DB" import "$SEED"
expect_in "$WORK/err" "imported 0 articles (1 unchanged, 0 failed)"

expect_status 0 "$FG" --db "$DB" said
expect_in "$WORK/out" "speaker"
expect_in "$WORK/out" "Amazon"
expect_in "$WORK/out" "Le Monde"
expect_in "$WORK/out" "NSO Group"
while IFS= read -r line; do
    [[ "$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)" -le 80 ]] || fail "said table wider than 80 columns: $line"
done < "$WORK/out"

expect_status 0 "$FG" --db "$DB" said --by NSO --format json
expect_in "$WORK/out" "\"speaker\": \"NSO Group\""
expect_not_in "$WORK/out" "\"speaker\": \"Le Monde\""
expect_status 0 "$FG" --db "$DB" said --stance deny --format csv
expect_in "$WORK/out" "deny"
expect_status 1 "$FG" --db "$DB" said --by "Nobody Atall"
expect_in "$WORK/err" "no actor matches 'Nobody Atall'"

expect_status 0 "$FG" --db "$DB" actors --format csv
expect_in "$WORK/out" "NSO Group"
expect_in "$WORK/out" "Le Monde"
expect_not_in "$WORK/out" "Trump"
expect_not_in "$WORK/out" "Los Angeles"

expect_status 0 "$FG" --db "$DB" render -o "$WORK/p.svg"
expect_in "$WORK/p.svg" "<svg"
for name in "NSO Group" "Le Monde" "Amnesty" "Macron" "Amazon"; do expect_in "$WORK/p.svg" "$name"; done
expect_status 0 "$FG" --db "$DB" render --format dot --focus Macron --depth 1
expect_in "$WORK/out" "digraph"
expect_status 1 "$FG" --db "$DB" render --focus "Nobody Atall" -o "$WORK/none.svg"
[[ ! -e "$WORK/none.svg" ]] || fail "a failed render left a file behind"
expect_status 2 "$FG" --db "$DB" render --layout spiral -o "$WORK/bad.svg"
[[ ! -e "$WORK/bad.svg" ]] || fail "a bad layout left a file behind"

expect_status 0 "$FG" extract --format jsonl "$SEED"
[[ "$(wc -l < "$WORK/out")" == 1 ]] || fail "extract should print one line per article"
expect_in "$WORK/out" "It was prompted by a legal complaint"
expect_not_in "$WORK/out" "Latest World News"
expect_not_in "$WORK/out" "Trump asks US Supreme Court"
finish
