#!/bin/sh
# Regenerates BENCHMARKS.md: builds qianqi in release mode, installs the
# sqlite3 shell when missing, generates the data and measures qianqi against
# sqlite3 doing the same work (see bench/bench.py). Usage: bench/run.sh [RUNS]
# The data goes to $QIANQI_BENCH_DIR (default: a temporary directory).
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
if [ "${1:-}" = reports ]; then
    python3 bench/bench.py --reports "$PWD/target/release/qianqi" "$work" "${2:-5}"
else
    python3 bench/bench.py "$PWD/target/release/qianqi" "$work" BENCHMARKS.md "${1:-5}"
fi
[ -n "${QIANQI_BENCH_DIR:-}" ] || rm -rf "$work"
