#!/usr/bin/env bash
# The command `make bench` times for Portail (run-anchors --portal-cmd): from the raw workload
# folder DATA to the output folder OUT. The workload's metadata becomes dataset.yaml files
# (scripts/bench-workload.py, a few milliseconds; the CSV files are hard-linked, not copied),
# in DATA/../portail-content-<name of DATA>, then `portail build` writes every output.
#   usage: bench-portal.sh DATA OUT
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=$1 out=$2
content="$(dirname "$data")/portail-content-$(basename "$data")/Content"
python3 "$here/scripts/bench-workload.py" "$data" "$content"
# The workload describes 30 June 2025: the same pages at every run.
exec "$here/.build/release/portail" build --quiet --content "$content" --theme "$here/Themes/default" \
  --output "$out" --build-date 2025-06-30
