#!/usr/bin/env bash
# Start-up time, peak memory and size of the release binary with the
# built-in course. Needs hyperfine and GNU time (apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
bin=target/release/notalone
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export NOTALONE_DATA_DIR="$data" LANG=C.UTF-8
unset NOTALONE_LESSONS

echo "== binary size"
ls -l "$bin" | awk '{printf "%s bytes (%.2f MiB)\n", $5, $5/1048576}'

echo "== plain mode: start, load the built-in course, first prompt, quit"
# Standard input is /dev/null: the first prompt meets end of input, saves, exits.
hyperfine -N --warmup 5 --runs 50 "$bin --plain --profile bench" 2>/dev/null | grep -E "Time|Range" || true

echo "== full screen: start to first frame (in a pseudo-terminal, 80x24)"
python3 scripts/first_frame.py "$bin" 30

echo "== lint the built-in course"
hyperfine -N --warmup 5 --runs 50 "$bin lint" 2>/dev/null | grep -E "Time|Range" || true

echo "== peak memory (maximum resident set size)"
printf 'q\n' | /usr/bin/time -v "$bin" --plain --profile bench 2>&1 >/dev/null | grep "Maximum resident" | sed 's/^\s*/plain: /'
printf '\n\n\n\n\n\n\n\n\n\nq\n' | /usr/bin/time -v "$bin" --plain --profile bench2 2>&1 >/dev/null | grep "Maximum resident" | sed 's/^\s*/plain, a few steps: /'
{ printf q | /usr/bin/time -v script -qec "$bin --profile bench" /dev/null >/dev/null; } 2>&1 | grep "Maximum resident" | sed 's/^\s*/full screen (max of script and notalone): /'
