#!/bin/sh
# Regenerates BENCHMARKS.md: builds qianqi in release mode, installs the
# sqlite3 shell when missing, generates the data and measures qianqi against
# sqlite3 doing the same work (see bench/bench.py). Usage: bench/run.sh [RUNS]
# The data goes to $QIANQI_BENCH_DIR (default: a temporary directory).
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
python3 bench/bench.py "$PWD/target/release/qianqi" "$work" BENCHMARKS.md "${1:-5}"
[ -n "${QIANQI_BENCH_DIR:-}" ] || rm -rf "$work"
