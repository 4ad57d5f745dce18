#!/usr/bin/env bash
# Every subcommand answers -h; bad usage exits 2 with a message.
source "$(dirname "$0")/common.bash"
expect_status 0 "$FG" --help
for cmd in import extract actors said relations render; do
    expect_status 0 "$FG" "$cmd" -h
    expect_in "$WORK/out" "$cmd"
    expect_in "$WORK/out" "--db"
done
expect_status 2 "$FG" frobnicate
expect_status 2 "$FG"
expect_status 2 "$FG" said --stance maybe --db "$WORK/x.db"
finish
