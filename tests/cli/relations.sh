#!/usr/bin/env bash
# Relations end to end: found in articles, the same relation from two outlets is one row with two
# sources, a relation inside a claim is that speaker's, qualifiers stay, render draws them.
source "$(dirname "$0")/common.bash"
DB="$WORK/r.db"
mkdir -p "$WORK/in"
cat > "$WORK/in/a.txt" <<'TXT'
Bank shuts out spyware maker

4 May 2024

By Lisbon Post

Orion Bank shut out Kestrel Systems in May. Orion Bank did not pay Kestrel Systems.
TXT
cat > "$WORK/in/b.txt" <<'TXT'
Kestrel loses its bank

6 May 2024

By Harbour Wire

Orion Bank shut out Kestrel Systems last week. Amnesty International said Kestrel Systems hosted Lumen Networks servers.
TXT

expect_status 0 "$FG" --db "$DB" import "$WORK/in"
expect_status 0 "$FG" --db "$DB" relations --format csv
expect_in "$WORK/out" "subject,predicate,object,asserted_by,sources"
expect_in "$WORK/out" "Orion Bank,shut out,Kestrel Systems,(the outlet),2"
expect_in "$WORK/out" "Orion Bank,not pay,Kestrel Systems,(the outlet),1"
expect_in "$WORK/out" "Kestrel Systems,host,Lumen Networks,Amnesty International,1"
[[ "$(grep -c "shut out" "$WORK/out")" == 1 ]] || fail "one row for the corroborated relation: $(cat "$WORK/out")"

# Filters: an actor, a predicate, a canonical type.
expect_status 0 "$FG" --db "$DB" relations Lumen --format csv
expect_in "$WORK/out" "Kestrel Systems,host,Lumen Networks"
expect_not_in "$WORK/out" "shut out"
expect_status 0 "$FG" --db "$DB" relations --predicate "shut" --format csv
expect_in "$WORK/out" "shut out"
expect_not_in "$WORK/out" "host"
expect_status 0 "$FG" --db "$DB" relations --type hosts --format csv
expect_in "$WORK/out" "host"
expect_not_in "$WORK/out" "shut out"

# Everything through SQL too, with type, negation and the claim.
expect_status 0 "$FG" --db "$DB" sql "SELECT subject, predicate, type, object, negated, asserted_by FROM v_relations ORDER BY id" --format csv
expect_in "$WORK/out" "Orion Bank,pay,,Kestrel Systems,1,"
expect_in "$WORK/out" "Kestrel Systems,host,hosts,Lumen Networks,0,Amnesty International"

# The diagram: labelled relation edges; the attributed one dashed and naming its source.
expect_status 0 "$FG" --db "$DB" render --format dot
expect_in "$WORK/out" 'label="shut out'
expect_in "$WORK/out" "per Amnesty"
grep -A8 'label="host per' "$WORK/out" | grep -q "style=dashed" || fail "attributed relation not dashed: $(grep -A8 'host per' "$WORK/out")"
finish
