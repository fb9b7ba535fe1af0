#!/usr/bin/env bash
# weibo-api's own build cost (the full spec, spec/weibo.yaml): debug `cargo build` and
# `cargo check` of the weibo-api crate alone with its dependencies warm, and the size of its
# `.rlib`. Each run touches src/lib.rs so that only weibo-api is rebuilt, from scratch
# (CARGO_INCREMENTAL=0: with incremental compilation a touched file costs almost nothing, which
# says nothing about the code the crate holds). Runs alternate build/check; prints every run
# and the medians.
#
#   bash bench-compile/own-build.sh [RUNS] [extra cargo args, e.g. --features mock]
#
# WEIBO_REPO=DIR measures another checkout instead (e.g. an older commit unpacked with
# `git archive`), for before/after figures taken in the same conditions.
set -euo pipefail
export CARGO_INCREMENTAL=0
cd "${WEIBO_REPO:-$(dirname "$0")/..}"
runs="${1:-3}"
shift || true
cargo build -q -p weibo-api "$@"
cargo check -q -p weibo-api "$@"
builds=()
checks=()
for i in $(seq "$runs"); do
    touch weibo-api/src/lib.rs
    s=$(date +%s.%N); cargo build -q -p weibo-api "$@"; e=$(date +%s.%N)
    builds+=("$(echo "$e - $s" | bc)")
    touch weibo-api/src/lib.rs
    s=$(date +%s.%N); cargo check -q -p weibo-api "$@"; e=$(date +%s.%N)
    checks+=("$(echo "$e - $s" | bc)")
    echo "run $i: build ${builds[-1]} s, check ${checks[-1]} s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rlib=$(ls -t target/debug/deps/libweibo_api-*.rlib | head -1)
echo "median: build $(median "${builds[@]}") s, check $(median "${checks[@]}") s; $(basename "$rlib"): $(stat -c %s "$rlib") bytes"
