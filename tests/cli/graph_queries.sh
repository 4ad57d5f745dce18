#!/usr/bin/env bash
# The graph questions end to end on examples/: the Solano story (a claim corroborated by two
# articles, a denial, two speakers disagreeing) next to the Pegasus one.
source "$(dirname "$0")/common.bash"
DB="$WORK/g.db"

expect_status 0 "$FG" --db "$DB" import "$SRC/examples"
expect_in "$WORK/err" "imported 5 articles"

# Text tables fit 80 columns.
fits() {
    while IFS= read -r line; do
        [[ "$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)" -le 80 ]] || fail "$1: wider than 80 columns: $line"
    done < "$WORK/out"
}

for cmd in "conflicts" "timeline Solano" "path Rossi Vidal" "neighbours Solano --depth 2" "rank" "clusters" \
           "search fuel oil" "stats"; do
    # shellcheck disable=SC2086
    expect_status 0 "$FG" --db "$DB" $cmd
    fits "$cmd"
    for f in json csv md; do
        # shellcheck disable=SC2086
        expect_status 0 "$FG" --db "$DB" $cmd --format "$f"
        [[ -s "$WORK/out" ]] || fail "$cmd --format $f printed nothing"
    done
    [[ ! -s "$WORK/err" ]] || fail "$cmd wrote to stderr: $(head -c 300 "$WORK/err")"
done

# Conflicts: the denial against Rossi's claim (listed once, though two articles carry it) and
# Vidal against the regulator.
expect_status 0 "$FG" --db "$DB" conflicts Solano --format csv
expect_in "$WORK/out" "pair,kind,speaker,stance,content,outlet,date"
expect_in "$WORK/out" "denial,Elena Rossi,assert,a tanker operated by Solano Shipping Group dumped fuel oil"
expect_in "$WORK/out" "denial,Solano Shipping Group,deny,its tanker dumped fuel oil in the Douro estuary,Lisbon Post,2024-03-07"
expect_in "$WORK/out" "opposite,Tomas Vidal,assert,Solano Shipping Group was not responsible for the spill"
expect_in "$WORK/out" "opposite,Maritime Safety Agency,assert,Solano Shipping Group was responsible for the spill,Harbour Wire,2024-03-12"
expect_not_in "$WORK/out" "Harbour Wire,2024-03-05"
expect_status 0 "$FG" --db "$DB" conflicts NSO --format json
expect_in "$WORK/out" "\"speaker\": \"NSO Group\""
expect_in "$WORK/out" "\"stance\": \"deny\""
expect_status 0 "$FG" --db "$DB" conflicts --limit 1 --format csv
[[ "$(wc -l < "$WORK/out")" == 3 ]] || fail "conflicts --limit 1 should list one pair (two rows)"
expect_status 1 "$FG" --db "$DB" conflicts "Nobody Atall"

# Timeline: one row per fact, by date; Rossi's claim carries two sources.
expect_status 0 "$FG" --db "$DB" timeline Solano --format csv
expect_in "$WORK/out" "2024-03-04,Elena Rossi,say,a tanker operated by Solano Shipping Group dumped fuel oil in the Douro estuary last week,Lisbon Post,2"
expect_in "$WORK/out" "2024-03-12,Solano Shipping Group,say,it would appeal against any fine,Harbour Wire,1"
dates="$(tail -n +2 "$WORK/out" | cut -d, -f1)"
[[ "$dates" == "$(sort <<< "$dates")" ]] || fail "timeline not in date order"
expect_status 0 "$FG" --db "$DB" timeline --min-sources 2 --format csv
[[ "$(wc -l < "$WORK/out")" == 2 ]] || fail "exactly one fact has two sources: $(cat "$WORK/out")"
expect_status 0 "$FG" --db "$DB" timeline Solano --since 2024-03-10 --format csv
expect_not_in "$WORK/out" "2024-03-07"

# Path: Rossi and the regulator both spoke about Solano.
expect_status 0 "$FG" --db "$DB" path "Elena Rossi" "Maritime Safety Agency" --format csv
expect_in "$WORK/out" "1,1,Elena Rossi,say →,Solano Shipping Group,Dr Elena Rossi said a tanker operated by Solano Shipping Group"
expect_in "$WORK/out" "1,2,Solano Shipping Group,← say,Maritime Safety Agency,The Maritime Safety Agency said Solano Shipping Group was responsible"
expect_status 0 "$FG" --db "$DB" path Rossi "Maritime Safety Agency" --max-hops 1
expect_in "$WORK/err" "no chain of at most 1 links"
expect_status 0 "$FG" --db "$DB" path Rossi Macron --format csv
[[ "$(wc -l < "$WORK/out")" == 1 ]] || fail "the two stories are not linked"
expect_status 1 "$FG" --db "$DB" path Rossi "Nobody Atall"
expect_status 2 "$FG" --db "$DB" path Rossi Vidal --via edges

# Ego network and centrality.
expect_status 0 "$FG" --db "$DB" neighbours Solano --depth 2 --format csv
expect_in "$WORK/out" "Solano Shipping Group,organization,0,0,0,"
expect_in "$WORK/out" "Elena Rossi,person,1,1,2,Solano Shipping Group"
expect_in "$WORK/out" "Leixoes,"
expect_status 0 "$FG" --db "$DB" neighbours Solano --depth 1 --format csv
expect_not_in "$WORK/out" "Leixoes"
expect_status 0 "$FG" --db "$DB" rank --type person --format csv
expect_in "$WORK/out" "Elena Rossi"
expect_not_in "$WORK/out" "organization"
expect_status 0 "$FG" --db "$DB" clusters --format csv
# The Pegasus story, the Solano story, and Forbidden Stories with the city it is based in (the
# story links it to nobody else by a claim or a relation).
[[ "$(wc -l < "$WORK/out")" == 4 ]] || fail "three clusters expected: $(cat "$WORK/out")"
expect_in "$WORK/out" "Solano Shipping Group"
expect_in "$WORK/out" '"Paris, Forbidden Stories"'
expect_status 0 "$FG" --db "$DB" clusters --members --format csv
expect_in "$WORK/out" "1,NSO Group,organization"
expect_in "$WORK/out" "2,Solano Shipping Group,organization"

# Search: hits marked, with the actors of the sentence.
expect_status 0 "$FG" --db "$DB" search fuel oil --kind claim --format json
expect_in "$WORK/out" "[fuel] [oil]"
expect_in "$WORK/out" "Elena Rossi, Solano Shipping Group, Douro"
expect_status 0 "$FG" --db "$DB" search --raw '"fuel oil" NOT tanker' --format csv
[[ "$(wc -l < "$WORK/out")" == 1 ]] || fail "every fuel oil hit mentions the tanker"
expect_status 2 "$FG" --db "$DB" search --raw 'fuel AND'

# SQL: the views read; nothing writes.
expect_status 0 "$FG" --db "$DB" sql "SELECT speaker, count(*) AS claims FROM v_claims WHERE speaker = 'Elena Rossi' GROUP BY speaker" --format csv
expect_in "$WORK/out" "Elena Rossi,5"
expect_status 0 "$FG" --db "$DB" sql "SELECT count(*) AS hits FROM text_index WHERE text_index MATCH 'NEAR(fuel oil, 3)'" --format csv
expect_in "$WORK/out" "hits"
[[ "$(sed -n 2p "$WORK/out" | tr -d '\r')" -gt 0 ]] || fail "full-text MATCH through sql found nothing"
before="$(sha256sum "$DB" | cut -d' ' -f1)"
expect_status 2 "$FG" --db "$DB" sql "DELETE FROM claims"
expect_in "$WORK/err" "refused"
expect_status 2 "$FG" --db "$DB" sql "SELECT 1; DROP TABLE claims"
expect_status 2 "$FG" --db "$DB" sql "ATTACH '$WORK/other.db' AS o"
[[ ! -e "$WORK/other.db" ]] || fail "ATTACH created a file"
[[ "$before" == "$(sha256sum "$DB" | cut -d' ' -f1)" ]] || fail "sql changed the database"

expect_status 0 "$FG" --db "$DB" stats --format csv
expect_in "$WORK/out" "counts,articles,5"
expect_in "$WORK/out" "top speakers,Elena Rossi,5"

for cmd in conflicts timeline path neighbours rank clusters search sql stats; do
    expect_status 0 "$FG" "$cmd" -h
    expect_in "$WORK/out" "--format"
done
finish
