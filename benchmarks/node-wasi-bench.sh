#!/usr/bin/env bash
# Node's time for WasiBenchmark's program, as a process-level reference (not JMH): runs
#   node --no-warnings programs/node-run.mjs programs/wasi-bench/wasi-bench.run.json
# RUNS times (default 20, after 3 warm-up runs) and prints the mean and the fastest wall-clock
# time per run, node's start-up, compilation (V8's Liftoff, then TurboFan) and the run included.
# Run it on a quiet machine, as the JMH benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-20}"
spec=programs/wasi-bench/wasi-bench.run.json
result="$(mktemp)"
trap 'rm -f "$result"' EXIT
once() {
  node --no-warnings programs/node-run.mjs "$spec" "$result" > /dev/null
  grep -q '"exitCode":0' "$result"
}
for _ in 1 2 3; do once; done
total=0
best=""
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  once
  ns=$(( $(date +%s%N) - start ))
  total=$(( total + ns ))
  if [[ -z "$best" || "$ns" -lt "$best" ]]; then best=$ns; fi
done
echo "node $(node --version): $runs runs, mean $(( total / runs / 1000000 )) ms, fastest $(( best / 1000000 )) ms per process"
