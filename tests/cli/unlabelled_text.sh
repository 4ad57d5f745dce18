#!/usr/bin/env bash
# tools/build_unlabelled_text: the plain text the parser's uptraining reads (docs/nlp.md).
source "$(dirname "$0")/common.bash"
TOOL="$(dirname "$FG")/../tools/build_unlabelled_text"
[[ -x "$TOOL" ]] || { echo "FAIL: $TOOL not built" >&2; exit 1; }

printf 'The Congress has passed the budget this year.\nIt will help the states and the cities.\n\nThank you.\n' > "$WORK/speech.txt"
cat > "$WORK/msg1" <<'MAIL'
From someone@example.org  Thu Aug 22 12:36:23 2002
Subject: Re: the release
Content-Type: text/plain; charset=us-ascii

On Thu, Aug 22, 2002 at 10:00, Bob wrote:
> Did the release go out on time?

We shipped the new release on Monday after the last tests passed.

Send questions to someone@example.org please, we read them all.

-- 
Bob, release manager of the project team
MAIL
cat > "$WORK/msg2" <<'MAIL'
Subject: offer
Content-Type: text/html

<html><body>Buy the best watches today at the lowest prices ever</body></html>
MAIL
printf 'A journey of a thousand miles begins with a single step.\n\t\t-- Lao Tzu\n%%\nok\n%%\nNever put off till tomorrow what you can do today, said my grandmother.\n' > "$WORK/fortunes"

expect_status 0 "$TOOL" --out "$WORK/text.txt" --text "$WORK/speech.txt" --mail "$WORK/msg1" --mail "$WORK/msg2" \
    --fortunes "$WORK/fortunes"
expect_in "$WORK/out" "4 paragraphs"
expect_in "$WORK/text.txt" "The Congress has passed the budget this year. It will help the states and the cities."
expect_in "$WORK/text.txt" "We shipped the new release on Monday after the last tests passed."
expect_in "$WORK/text.txt" "A journey of a thousand miles begins with a single step."
expect_in "$WORK/text.txt" "Never put off till tomorrow what you can do today, said my grandmother."
# Too short, quoted, attributions, signatures, addresses and HTML mail are left out.
for gone in "Thank you." "Did the release" "wrote:" "release manager" "someone@example.org" "watches" "Lao Tzu"; do
    expect_not_in "$WORK/text.txt" "$gone"
done
# Paragraphs are separated by one empty line.
[[ "$(grep -c '^$' "$WORK/text.txt")" == 4 ]] || fail "expected 4 empty lines: $(cat "$WORK/text.txt")"

expect_status 1 "$TOOL" --out "$WORK/x.txt" --text "$WORK/missing.txt"
expect_in "$WORK/err" "missing.txt"
finish
