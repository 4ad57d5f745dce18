#!/usr/bin/env bash
# The example sessions of README.md and docs/*.md are real output: each fenced block that follows a marker
#     <!-- example: PATH... -->
# is replayed on a fresh database that has imported PATH... (relative to the source tree): every
# line "$ factgraph ARGS" is run with the database added, and the block must read exactly as the
# commands print (stdout and stderr). Blocks without a marker are not checked.
#
#     tests/cli/readme_examples.sh FACTGRAPH SRC            # check (a ctest)
#     tests/cli/readme_examples.sh FACTGRAPH SRC --update   # rewrite them with today's output
source "$(dirname "$0")/common.bash"
UPDATE="${3:-}"

# replay PATHS BLOCKFILE: prints the block as the commands print it today.
replay() {
    local paths="$1" block="$2" db="$WORK/example.db" first=1 blank=0 line
    rm -f "$db" "$db-wal" "$db-shm"
    local import_paths=()
    for p in $paths; do import_paths+=("$SRC/$p"); done
    "$FG" --db "$db" --quiet import "${import_paths[@]}" >/dev/null 2>"$WORK/import.err" ||
        fail "importing $paths for a README example failed: $(head -c 400 "$WORK/import.err")"
    while IFS= read -r line; do
        if [[ -z "$line" ]]; then
            blank=1
            continue
        fi
        [[ "$line" == '$ factgraph '* ]] || { blank=0; continue; }  # an output line: regenerated
        [[ $first == 1 || $blank == 0 ]] || echo
        first=0
        blank=0
        echo "$line"
        # The README's own quoting, so a name with spaces stays one argument.
        eval "set -- ${line#'$ factgraph '}"
        "$FG" --db "$db" "$@" 2>&1 </dev/null | sed 's/\r$//'  # CSV rows end in CRLF
    done <"$block"
}

checked=0

# check_file FILE: checks (or with --update rewrites) the marked examples of FILE.
check_file() {
local file="$1" OUT="$WORK/file.new" paths="" in_block=0 line
: >"$OUT"
while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ $in_block == 1 ]]; then
        if [[ "$line" == '```' ]]; then
            replay "$paths" "$WORK/block" >"$WORK/actual"
            if ! diff -u "$WORK/block" "$WORK/actual" >"$WORK/diff"; then
                [[ -n "$UPDATE" ]] || fail "$(basename "$file"): the example after '<!-- example: $paths -->' differs from the real output:
$(cat "$WORK/diff")"
            fi
            cat "$WORK/actual" >>"$OUT"
            echo '```' >>"$OUT"
            checked=$((checked + 1))
            in_block=0
            paths=""
        else
            echo "$line" >>"$WORK/block"
        fi
        continue
    fi
    echo "$line" >>"$OUT"
    if [[ "$line" =~ ^\<\!--\ example:\ (.*)\ --\>$ ]]; then
        paths="${BASH_REMATCH[1]}"
    elif [[ -n "$paths" && "$line" == '```' ]]; then
        in_block=1
        : >"$WORK/block"
    elif [[ -n "$line" ]]; then
        paths=""  # a marker applies to the block right after it
    fi
done <"$file"
[[ -z "$UPDATE" ]] || cmp -s "$OUT" "$file" || { cp "$OUT" "$file"; echo "rewrote the examples of $file"; }
}

for f in "$SRC/README.md" "$SRC"/docs/*.md; do check_file "$f"; done
[[ $checked -gt 0 ]] || fail "no example marked with <!-- example: PATH... -->"
[[ -n "$UPDATE" ]] && exit 0
finish
