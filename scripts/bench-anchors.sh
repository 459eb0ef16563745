#!/usr/bin/env bash
# `make bench`, part 2: Portail against Hugo and Jekyll on the shared workload
# (../shared/bench), at the scales in BENCH_SCALES (default "1 10").
#
# For each scale S:
#   1. ../shared/bench/run-anchors S times, in the same rounds (median of BENCH_RUNS, default 3):
#      Hugo (and Jekyll at S<=3), Portail's full build from the raw workload (scripts/bench-portal.sh:
#      the workload's YAML turned into dataset.yaml files, then `portail build`), and the `cp -r`
#      floor of each output tree;
#   2. times Portail's rebuilds in the same output folder: with no change, after one CSV cell
#      changed, and after one cell changed with the folder moved away and back, as a CI job
#      restores it from its cache (median of BENCH_RUNS each);
#   3. prints the table, and the ratios Hugo/Portail and Portail/floor.
# Installs hugo, jekyll and GNU time from Debian when they are missing. Scratch under BENCH_TMP
# (default /tmp). ANCHORS (run-anchors' own variable, default hugo,hugo1,jekyll) and COPY_RUNS
# narrow a long run, e.g. ANCHORS=hugo COPY_RUNS=1 BENCH_SCALES=10 BENCH_RUNS=1 make bench.
# A benchmark, not a test: nothing fails on time.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
RUN_ANCHORS=$SHARED/bench/run-anchors
SCALES=${BENCH_SCALES:-"1 10"}
RUNS=${BENCH_RUNS:-3}
export BENCH_TMP=${BENCH_TMP:-/tmp}
BIN=$PWD/.build/release/portail

[ -x "$RUN_ANCHORS" ] || { echo "bench: $RUN_ANCHORS not found (the shared benchmark material)" >&2; exit 1; }
missing=""
command -v hugo >/dev/null || missing="$missing hugo"
command -v jekyll >/dev/null || missing="$missing jekyll"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  echo "bench: installing Debian packages:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

for S in $SCALES; do
  label="S$S"
  echo "bench: scale $S"
  "$RUN_ANCHORS" "$S" --runs "$RUNS" --portal-name portail --tag portail \
    --portal-cmd "$PWD/scripts/bench-portal.sh {data} {out}"
  results="$BENCH_TMP/bench-results/$label-portail.json"
  data="$BENCH_TMP/bench-data/$label"
  out="$BENCH_TMP/bench-out/portail-$label"
  # The output of the last timed full build is there; rebuild it in place of itself.
  "$PWD/scripts/bench-portal.sh" "$data" "$out" >/dev/null
  python3 scripts/bench-rebuilds.py --bin "$BIN" --data "$data" --out "$out" --runs "$RUNS" --results "$results"
done

# Across scales: memory and time from S=1 to S=10, when both were measured by this run (the
# results of an earlier run were made on another state of the disk: not comparable).
python3 - "$BENCH_TMP/bench-results" $SCALES <<'PY'
import json, os, sys
folder, scales = sys.argv[1], sys.argv[2:]
runs = {}
for s in sorted(set(scales)):
    path = os.path.join(folder, "S%s-portail-rebuilds.json" % s)
    if os.path.exists(path):
        runs[s] = json.load(open(path))["full"]
if "1" in runs and "10" in runs:
    one, ten = runs["1"], runs["10"]
    print("\nPortail from S=1 to S=10: wall x%.2f (target <= 11), peak RSS %.0f -> %.0f MiB, x%.2f (target <= 1.5, and < 300 MiB)"
          % (ten["wall_median_s"] / one["wall_median_s"], one["rss_peak_kib"] / 1024, ten["rss_peak_kib"] / 1024,
             ten["rss_peak_kib"] / one["rss_peak_kib"]))
else:
    print("\nPortail from S=1 to S=10: not measured (run both scales together: BENCH_SCALES=\"1 10\")")
PY
