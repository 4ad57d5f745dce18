#!/usr/bin/env bash
# `factgraph export` on the reference story: every format, its filters and its failure modes.
source "$(dirname "$0")/common.bash"
DB="$WORK/p.db"

expect_status 0 "$FG" --db "$DB" import --extractor rules "$SRC/examples/pegasus"

expect_status 0 "$FG" --db "$DB" export --format graphml
expect_in "$WORK/out" '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
expect_in "$WORK/out" 'attr.name="mentions" attr.type="int"'
expect_in "$WORK/out" "NSO Group"
[[ ! -s "$WORK/err" ]] || fail "export wrote to stderr: $(cat "$WORK/err")"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$WORK/out" 2>"$WORK/xmlerr" || fail "xmllint rejects the GraphML: $(head -c 600 "$WORK/xmlerr")"
fi

expect_status 0 "$FG" --db "$DB" export -o "$WORK/p.json"
expect_in "$WORK/err" "wrote $WORK/p.json"
expect_in "$WORK/p.json" '"links": ['
expect_in "$WORK/p.json" '"name": "NSO Group"'
if command -v python3 >/dev/null 2>&1; then
    python3 - "$WORK/p.json" <<'EOF' || fail "the JSON links do not refer to its nodes"
import json, sys
g = json.load(open(sys.argv[1]))
ids = {n["id"] for n in g["nodes"]}
assert g["links"] and all(l["source"] in ids and l["target"] in ids for l in g["links"])
EOF
fi

expect_status 0 "$FG" --db "$DB" export --format jsonl
expect_in "$WORK/out" '"kind":"claim"'
expect_in "$WORK/out" '"outlet":'
expect_in "$WORK/out" '"sentence_text":'
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$WORK/out" || fail "a jsonl line is not JSON"
fi
expect_status 0 "$FG" --db "$DB" export --format jsonl --focus "NSO Group" --claims
expect_in "$WORK/out" "NSO Group"
expect_not_in "$WORK/out" '"kind":"relation"'

expect_status 0 "$FG" --db "$DB" export --format md -o "$WORK/dossier.md"
expect_in "$WORK/dossier.md" "# Dossier"
expect_in "$WORK/dossier.md" "## NSO Group"
expect_in "$WORK/dossier.md" "### What they said"

# csv: two files, into a directory or beside a prefix; never stdout.
expect_status 0 "$FG" --db "$DB" export --format csv -o "$WORK/neo4j/"
expect_in "$WORK/neo4j/actors.csv" "actorId:ID(Actor),name,type,aliases:string[],mentions:int,articles:int,:LABEL"
expect_in "$WORK/neo4j/relationships.csv" ":START_ID(Actor),:END_ID(Actor),:TYPE"
expect_in "$WORK/neo4j/actors.csv" "Actor;Organization"
expect_status 0 "$FG" --db "$DB" export -o "$WORK/peg.csv"
[[ -s "$WORK/peg-actors.csv" && -s "$WORK/peg-relationships.csv" ]] || fail "-o PREFIX.csv did not write PREFIX-actors.csv and PREFIX-relationships.csv"
expect_status 2 "$FG" --db "$DB" export --format csv
expect_in "$WORK/err" "give -o DIR"

# Filters narrow the graph.
expect_status 0 "$FG" --db "$DB" export --format json --focus Macron --depth 1
expect_in "$WORK/out" "Macron"
expect_not_in "$WORK/out" "DigitalOcean"

# Failures leave no file behind and say why.
expect_status 1 "$FG" --db "$DB" export --format graphml --focus "Nobody Atall" -o "$WORK/none.graphml"
expect_in "$WORK/err" "no actor matches 'Nobody Atall'"
[[ ! -e "$WORK/none.graphml" ]] || fail "a failed export left a file behind"
expect_status 1 "$FG" --db "$DB" export --format json --since 2999-01-01 -o "$WORK/empty.json"
[[ ! -e "$WORK/empty.json" ]] || fail "an empty selection left a file behind"
expect_status 1 "$FG" --db "$DB" export --format jsonl --since 2999-01-01
expect_in "$WORK/err" "nothing to export"
expect_status 2 "$FG" --db "$DB" export --format gexf
expect_in "$WORK/err" "unknown export format 'gexf'"
expect_status 2 "$FG" --db "$DB" export
expect_in "$WORK/err" "export needs --format"
finish
