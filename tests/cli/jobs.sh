#!/usr/bin/env bash
# --jobs: articles are extracted on several threads, yet the database, the JSON Lines, the
# progress lines and the errors are exactly those of a run on one thread.
source "$(dirname "$0")/common.bash"
IN="$WORK/in"
mkdir -p "$IN"
cp "$SRC"/examples/*/*.txt "$IN/"
printf 'Title line\n\nBody with a bad byte \xff\xfe here.\n' > "$IN/latin.txt"
{
    echo '{"id": "one", "title": "One", "text": "Kestrel Systems said it would appeal."}'
    echo '{"id": "two", "title": "Two", "text": "Lumen La'
    echo '{"id": "three", "title": "Three", "text": "On Monday, Corvalin said nothing new."}'
} > "$IN/feed.jsonl"

for jobs in 1 3; do
    # Same database file name (the summary line names it), in a folder of its own.
    mkdir -p "$WORK/j$jobs"
    cd "$WORK/j$jobs" || exit 1
    expect_status 1 "$FG" import --jobs "$jobs" "$IN"
    cp "$WORK/err" "$WORK/import-$jobs.err"
    for query in actors said relations; do
        expect_status 0 "$FG" "$query" --format csv
        cp "$WORK/out" "$WORK/$query-$jobs.csv"
    done
    expect_status 1 "$FG" extract -j "$jobs" "$IN"
    cp "$WORK/out" "$WORK/extract-$jobs.jsonl"
    cp "$WORK/err" "$WORK/extract-$jobs.err"
    cd "$WORK" || exit 1
done

expect_in "$WORK/import-3.err" "latin.txt"
expect_in "$WORK/import-3.err" "feed.jsonl:2"
expect_in "$WORK/import-3.err" "imported 7 articles"
expect_in "$WORK/said-3.csv" "never targeted"
for f in import-{1,3}.err actors-{1,3}.csv said-{1,3}.csv relations-{1,3}.csv extract-{1,3}.jsonl extract-{1,3}.err; do
    [[ -s "$WORK/$f" ]] || fail "$f is empty"
done
for f in import.err actors.csv said.csv relations.csv extract.jsonl extract.err; do
    cmp -s "$WORK/${f%.*}-1.${f##*.}" "$WORK/${f%.*}-3.${f##*.}" || fail "$f differs between --jobs 1 and --jobs 3"
done
[[ "$(wc -l < "$WORK/extract-3.jsonl")" == 7 ]] || fail "extract -j 3 should print 7 articles"

expect_status 2 "$FG" extract --jobs 0 "$IN"
finish
