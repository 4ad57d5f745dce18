# Helpers for the CLI tests: each test script gets the factgraph binary and the source dir.
set -uo pipefail
FG="$1"
SRC="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_status STATUS CMD...: runs CMD, stdout to $WORK/out, stderr to $WORK/err.
expect_status() {
    local want="$1"
    shift
    "$@" >"$WORK/out" 2>"$WORK/err"
    local got=$?
    [[ "$got" == "$want" ]] || fail "'$*' exited $got, expected $want; stderr: $(head -c 600 "$WORK/err")"
}

expect_in() {  # expect_in FILE TEXT
    grep -qF -- "$2" "$1" || fail "'$2' not found in $(basename "$1"): $(head -c 800 "$1")"
}

expect_not_in() {
    ! grep -qF -- "$2" "$1" || fail "'$2' unexpectedly found in $(basename "$1")"
}

finish() {
    if [[ $failures -gt 0 ]]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
