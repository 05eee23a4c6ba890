#!/bin/sh
# Regenerates BENCHMARKS.md: builds qianqi in release mode, installs the
# sqlite3 shell when missing, generates the data and measures qianqi against
# sqlite3 doing the same work, then on PostgreSQL against psql (see
# bench/bench.py). Usage: bench/run.sh [RUNS]
#
# The data goes to $QIANQI_BENCH_DIR (default: a temporary directory).
# PostgreSQL: the server of $QIANQI_BENCH_PG (a base URL such as
# postgresql://postgres@/postgres?host=/tmp/DIR&port=PORT), else a private
# cluster started with .ci/pg for the run and stopped after it;
# QIANQI_BENCH_PG=off leaves the PostgreSQL section out.
# QIANQI_BENCH_ONLY=pg measures the PostgreSQL section alone and rewrites only
# that section of BENCHMARKS.md; QIANQI_BENCH_REUSE=1 keeps the generated
# files and SQLite databases already in $QIANQI_BENCH_DIR.
#
# `bench/run.sh reports [RUNS]` measures item 6 alone and prints it: `report
# assessment --by department` and `report html` on 1M tickets (seconds, and
# the page's bytes; target: under 2 s and 1 MB), with the page's phases. It
# writes no file; with $QIANQI_BENCH_DIR set, the 1M-ticket ledger is loaded
# there once and reused by later runs.
set -eu
cd "$(dirname "$0")/.."
need=""
command -v sqlite3 >/dev/null || need="$need sqlite3"
command -v python3 >/dev/null || need="$need python3"
if [ -n "$need" ]; then
    apt-get update -qq && apt-get install -y -qq $need
fi
cargo build --release --quiet
work="${QIANQI_BENCH_DIR:-$(mktemp -d)}"
pg="${QIANQI_BENCH_PG:-}"
started=""
cleanup() {
    [ -z "$started" ] || .ci/pg stop "$pg"
    [ -n "${QIANQI_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ "${1:-}" = reports ]; then
    python3 bench/bench.py --reports "$PWD/target/release/qianqi" "$work" "${2:-5}"
    exit
fi
if [ "$pg" = off ]; then
    pg=""
elif [ -z "$pg" ]; then
    pg=$(.ci/pg start)
    started=1
fi
QIANQI_BENCH_PG="$pg" python3 bench/bench.py "$PWD/target/release/qianqi" "$work" BENCHMARKS.md "${1:-5}"
