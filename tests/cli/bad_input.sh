#!/usr/bin/env bash
# Bad input gets a one-line error naming the file, the rest of the batch is imported, exit 1.
source "$(dirname "$0")/common.bash"
DB="$WORK/b.db"
IN="$WORK/in"
mkdir -p "$IN" "$WORK/emptydir"
cp "$SRC/examples/pegasus/pegasus-2021-07-21.txt" "$IN/good.txt"
printf 'Title\n\n\x00\x01\x02binary\x00' > "$IN/binary.txt"
printf 'Title line\n\nBody with a bad byte \xff\xfe here.\n' > "$IN/latin.txt"
: > "$IN/empty.txt"
{
    echo '{"id": "one", "title": "One", "text": "Kestrel Systems said it would appeal."}'
    echo '{"id": "two", "title": "Two", "text": "Lumen La'
    echo '{"id": "three", "title": "Three", "text": "On Monday, Corvalin said nothing new."}'
} > "$IN/feed.jsonl"

expect_status 1 "$FG" --db "$DB" import "$IN" "$WORK/missing.txt" "$WORK/emptydir"
expect_in "$WORK/err" "binary.txt"
expect_in "$WORK/err" "latin.txt"
expect_in "$WORK/err" "empty.txt"
expect_in "$WORK/err" "feed.jsonl:2"
expect_in "$WORK/err" "missing.txt"
expect_in "$WORK/err" "emptydir"
expect_in "$WORK/err" "imported 3 articles"

expect_status 0 "$FG" --db "$DB" actors --format csv
expect_in "$WORK/out" "Kestrel Systems"
expect_in "$WORK/out" "Corvalin"
expect_in "$WORK/out" "NSO Group"

# extract: one output line per good JSONL line, in order; the bad line is reported.
expect_status 1 "$FG" extract "$IN/feed.jsonl"
[[ "$(wc -l < "$WORK/out")" == 2 ]] || fail "extract should print the two good lines"
head -1 "$WORK/out" | grep -q '"id":"one"' || fail "first output line should be article one"
expect_in "$WORK/err" "feed.jsonl:2"
finish
