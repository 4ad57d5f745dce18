#!/usr/bin/env bash
# Actors across articles and their curation, end to end. The Pegasus seed imported twice and a
# follow-up naming its actors differently ("NSO", "Amnesty", "President Macron", "The U.S.") give
# no duplicates, and keep Daniel Reyes and Daniel Osei apart; bylines and photo credits stay
# article metadata; `actor merge|rename|alias|type|drop|load|log` work, refuse what they should,
# and hold for later imports; `import --actors` applies an actors file first.
source "$(dirname "$0")/common.bash"
DB="$WORK/c.db"
DATA="$SRC/tests/data/curation"

# rows DB SQL: the rows of a query as CSV, without the header.
rows() { "$FG" --db "$1" sql "$2" --format csv | tail -n +2 | tr -d '\r'; }
same() {  # same WHAT GOT WANT
    [[ "$2" == "$3" ]] || fail "$1: got '$2', expected '$3'"
}
duplicates="SELECT norm FROM (SELECT norm_name AS norm, id FROM actors UNION
            SELECT norm_alias, actor_id FROM actor_aliases) GROUP BY norm HAVING count(DISTINCT id) > 1"

# --- Cross-article resolution --------------------------------------------------------------
expect_status 0 "$FG" --db "$DB" import "$SRC/examples/pegasus"
seed_actors="$(rows "$DB" "SELECT count(*) FROM actors")"
expect_status 0 "$FG" --db "$DB" import "$SRC/examples/pegasus"
expect_in "$WORK/err" "(1 unchanged, 0 failed): 0 new actors"
same "actors after importing the seed twice" "$(rows "$DB" "SELECT count(*) FROM actors")" "$seed_actors"

expect_status 0 "$FG" --db "$DB" import "$DATA/pegasus-follow-up.txt"
same "names shared by two actors" "$(rows "$DB" "$duplicates")" ""
for name in "NSO Group" "Amnesty International" "Emmanuel Macron" "United States" "Le Monde"; do
    same "articles mentioning $name" "$(rows "$DB" "SELECT articles FROM v_actors WHERE name = '$name'")" 2
done
same "Daniel Reyes and Daniel Osei" \
    "$(rows "$DB" "SELECT name FROM actors WHERE name LIKE 'Daniel %' AND type = 'person' ORDER BY name")" \
    $'Daniel Osei\nDaniel Reyes'

# --- Bylines and photo credits are metadata, in text and JSON articles ------------------------
expect_status 0 "$FG" --db "$DB" import "$DATA/spyware-brief.jsonl"
expect_status 0 "$FG" --db "$DB" actors --format csv
for credit in "Jane Porter" "Press Association" "Phil Noble" ",PA,"; do expect_not_in "$WORK/out" "$credit"; done
same "bylines" "$(rows "$DB" "SELECT byline FROM v_articles ORDER BY id")" $'Press Association\nJane Porter\nJane Porter'
same "credits of the follow-up" \
    "$(rows "$DB" "SELECT group_concat(credit, '|') FROM article_credits WHERE article_id = 2")" "PA|Phil Noble/PA"
same "credits of the brief" "$(rows "$DB" "SELECT group_concat(credit, '|') FROM article_credits WHERE article_id = 3")" "PA"

# A credit or byline left inside a paragraph does not make its people actors either.
cat > "$WORK/inline-credit.jsonl" <<'JSON'
{"id": "c1", "title": "Summit", "date": "2021-06-13", "author": "Jane Porter", "credits": ["Phil Noble/PA"], "text": "President Emmanuel Macron arrived at the G7 summit in Cornwall on Friday (Phil Noble/PA) and said the talks would be difficult. Jane Porter reports from Carbis Bay."}
JSON
expect_status 0 "$FG" --db "$WORK/credit.db" import "$WORK/inline-credit.jsonl"
expect_status 0 "$FG" --db "$WORK/credit.db" actors --format csv
expect_in "$WORK/out" "Emmanuel Macron"
expect_not_in "$WORK/out" "Phil Noble"
expect_not_in "$WORK/out" "Jane Porter"

# --- Curation commands ------------------------------------------------------------------------
expect_status 0 "$FG" actor -h
expect_in "$WORK/out" "merge"
expect_in "$WORK/out" "--db"
expect_status 2 "$FG" --db "$DB" actor

same "actors called Pegasus" "$(rows "$DB" "SELECT type FROM actors WHERE name = 'Pegasus'")" product

# An ambiguous name: the rule-based extractor (no models, so its output does not change with
# them) types the brief's "Le Monde" as 'other', beside the seed's organization.
AMBIGUOUS="$WORK/ambiguous.db"
expect_status 0 "$FG" --db "$AMBIGUOUS" import "$SRC/examples/pegasus"
expect_status 0 "$FG" --db "$AMBIGUOUS" import --extractor rules "$DATA/pegasus-follow-up.txt"
same "actors called Le Monde" "$(rows "$AMBIGUOUS" "SELECT type FROM actors WHERE name = 'Le Monde' ORDER BY type")" \
    $'organization\nother'
expect_status 2 "$FG" --db "$AMBIGUOUS" actor type "Le Monde" organization
expect_in "$WORK/err" "'Le Monde' is ambiguous"
organization="$(rows "$AMBIGUOUS" "SELECT id FROM actors WHERE name = 'Le Monde' AND type = 'organization'")"
other="$(rows "$AMBIGUOUS" "SELECT id FROM actors WHERE name = 'Le Monde' AND type = 'other'")"
expect_status 0 "$FG" --db "$AMBIGUOUS" actor merge "id:$organization" "id:$other"
expect_in "$WORK/out" "merged 'Le Monde' (id:$other) into 'Le Monde' (id:$organization)"
same "actors called Le Monde after the merge" "$(rows "$AMBIGUOUS" "SELECT type FROM actors WHERE name = 'Le Monde'")" \
    organization
expect_status 0 "$FG" --db "$AMBIGUOUS" actor log --format csv
same "curations logged" "$(tail -n +2 "$WORK/out" | tr -d '\r' | cut -d, -f3 | tr '\n' ' ')" "merge "

expect_status 2 "$FG" --db "$DB" actor merge "NSO Group" NSO
expect_in "$WORK/err" "cannot merge an actor into itself"
expect_status 1 "$FG" --db "$DB" actor merge "NSO Group" "Nobody Atall"
expect_in "$WORK/err" "no actor is called 'Nobody Atall'"
expect_status 2 "$FG" --db "$DB" actor type "Forbidden Stories" robot
expect_status 2 "$FG" --db "$DB" actor rename "Le Monde" "NSO Group"
expect_in "$WORK/err" "another actor is already called 'NSO Group'"
expect_status 1 "$FG" --db "$WORK/none.db" actor drop Elysee
[[ ! -e "$WORK/none.db" ]] || fail "a curation on a missing database created it"

expect_status 0 "$FG" --db "$DB" actor drop Elysee
expect_in "$WORK/out" "dropped 'Elysee'"
expect_status 0 "$FG" --db "$DB" said --format csv
expect_in "$WORK/out" ",the Elysee,say,"  # the claim stays, its speaker unresolved
expect_status 0 "$FG" --db "$DB" actor rename "Associated Press" "The Associated Press"
expect_status 0 "$FG" --db "$DB" actor alias add "Kestrel Labs" Kestrel
expect_status 0 "$FG" --db "$DB" actor type "Forbidden Stories" group
expect_status 0 "$FG" --db "$DB" actor alias remove "Amazon Web Services" Amazon
expect_status 1 "$FG" --db "$DB" actor alias remove "Amazon Web Services" Amazon
expect_status 0 "$FG" --db "$DB" actor log --format csv
same "curations logged" "$(tail -n +2 "$WORK/out" | tr -d '\r' | cut -d, -f3 | tr '\n' ' ')" \
    "drop rename alias add type alias remove "
[[ ! -s "$WORK/err" ]] || fail "actor log wrote to stderr"

# A week later the same actors come back under the curated names.
expect_status 0 "$FG" --db "$DB" import "$DATA/pegasus-week-later.txt"
expect_in "$WORK/err" "1 dropped (curated)"
same "Elysee" "$(rows "$DB" "SELECT count(*) FROM actors WHERE name = 'Elysee'")" 0
same "actors called Pegasus" "$(rows "$DB" "SELECT type FROM actors WHERE name = 'Pegasus'")" product
same "Kestrel" "$(rows "$DB" "SELECT name || ' ' || articles FROM v_actors WHERE aliases LIKE '%Kestrel%'")" "Kestrel Labs 2"
same "Associated Press" "$(rows "$DB" "SELECT name FROM actors WHERE norm_name LIKE '%associated press'")" \
    "The Associated Press"
same "Forbidden Stories" "$(rows "$DB" "SELECT type FROM actors WHERE name = 'Forbidden Stories'")" group
same "Amazon, no longer an alias of AWS" "$(rows "$DB" "SELECT name FROM actors WHERE name LIKE 'Amazon%' ORDER BY name")" \
    $'Amazon\nAmazon Web Services'
same "names shared by two actors" "$(rows "$DB" "$duplicates")" ""

# --- The actors file --------------------------------------------------------------------------
FRESH="$WORK/fresh.db"
expect_status 0 "$FG" --db "$FRESH" import --actors "$DATA/actors.toml" "$SRC/examples/pegasus" "$DATA"
expect_in "$WORK/err" "actors.toml: 5 actor entries stored"
same "Elysee in a store that never saw it before" "$(rows "$FRESH" "SELECT count(*) FROM actors WHERE name = 'Elysee'")" 0
same "Kestrel" "$(rows "$FRESH" "SELECT name || ' ' || articles FROM v_actors WHERE aliases LIKE '%Kestrel%'")" "Kestrel Labs 2"
same "NSO" "$(rows "$FRESH" "SELECT name || ' ' || articles FROM v_actors WHERE name LIKE 'NSO%'")" "NSO Group 4"
same "names shared by two actors" "$(rows "$FRESH" "$duplicates")" ""

# `actor load` applies the file to what is already stored: the two Kestrel actors become one,
# Elysee goes.
LATE="$WORK/late.db"
expect_status 0 "$FG" --db "$LATE" import "$SRC/examples/pegasus" "$DATA"
expect_status 0 "$FG" --db "$LATE" actor load "$DATA/actors.toml"
expect_in "$WORK/out" "loaded 5 actor entries from $DATA/actors.toml: 4 stored actors updated, 1 merged, 1 dropped"
same "names shared by two actors" "$(rows "$LATE" "$duplicates")" ""
same "Elysee" "$(rows "$LATE" "SELECT count(*) FROM actors WHERE name = 'Elysee'")" 0
same "Kestrel" "$(rows "$LATE" "SELECT name || ' ' || type || ' ' || articles FROM v_actors WHERE aliases LIKE '%Kestrel%'")" \
    "Kestrel Labs organization 2"

# ... and a bad file names itself and the line, and changes nothing.
printf '[[actor]]\nname = "NSO Group"\ntype = "company"\n' > "$WORK/bad.toml"
expect_status 1 "$FG" --db "$DB" actor load "$WORK/bad.toml"
expect_in "$WORK/err" "bad.toml:3: unknown type 'company'"
printf '[[actor]]\nname = "NSO Group\n' > "$WORK/broken.toml"
expect_status 1 "$FG" --db "$DB" import --actors "$WORK/broken.toml" "$SRC/examples/pegasus"
expect_in "$WORK/err" "broken.toml:2: bad TOML"

finish
