#!/usr/bin/env bash
# `make bench`: builds a synthetic portal (600,000 rows x 15 columns, 20,000 rows, and 2,000
# rows with coordinates) with the release binary and prints wall time, CPU time, rows per
# second and peak memory, measured by GNU time. A benchmark, not a test: nothing fails on time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/portail
WORK=${BENCH_DIR:-.bench}
SCALE=${BENCH_SCALE:-1}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time is missing (apt-get install time)" >&2; exit 1; }

echo "bench: writing the synthetic content (scale $SCALE) into $WORK/"
rm -rf "$WORK"
python3 scripts/bench-content.py "$WORK" --scale "$SCALE"
ROWS=$(find "$WORK/Content/datasets" -name '*.csv' -exec cat {} + | python3 -c '
import csv, sys
print(sum(1 for _ in csv.reader(sys.stdin, delimiter=";")) - 3)')
INPUT=$(du -sb "$WORK/Content" | cut -f1)

run() {  # label, output folder
  local log="$WORK/time-$1.txt"
  "$TIME" -v "$BIN" build --quiet --content "$WORK/Content" --theme Themes/default --output "$2" 2> "$log"
  local wall user sys rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  local files bytes
  files=$(find "$2" -type f | wc -l)
  bytes=$(du -sb "$2" | cut -f1)
  python3 - "$1" "$wall" "$user" "$sys" "$rss" "$files" "$bytes" "$ROWS" <<'PY'
import sys
label, wall, user, sys_, rss, files, size, rows = sys.argv[1:]
wall, cpu = float(wall), float(user) + float(sys_)
print(f"| {label:<22} | {wall:8.2f} | {cpu:8.2f} | {int(rows) / wall:12,.0f} | {int(rss) / 1024:8.0f} | {int(files):6} | {int(size) / 1e6:9.1f} |")
PY
}

echo "bench: $ROWS rows, $(python3 -c "print(f'{$INPUT/1e6:.1f}')") MB of content; $(nproc) cores"
echo "| build                  |  wall s  |  CPU s   |   rows/s     | peak MiB |  files | output MB |"
echo "|------------------------|----------|----------|--------------|----------|--------|-----------|"
run "full build" "$WORK/Output"
run "no-change rebuild" "$WORK/Output"
