#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 600) and print runs and crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
for t in module course_dir progress plain_answers ftl profile_scan; do
  mkdir -p "fuzz/corpus/$t"
  dict=()
  case "$t" in module|course_dir) dict=(-dict=fuzz/toml.dict) ;; esac
  log="fuzz/$t.log"
  cargo fuzz run -s none -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- "${dict[@]}" \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(ls "fuzz/artifacts/$t" 2>/dev/null | wc -l)
  echo "$t: ${secs}s, ${runs} runs, ${crashes} crash/timeout artifacts"
done
