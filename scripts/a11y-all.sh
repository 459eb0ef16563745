#!/usr/bin/env bash
# `make a11y-all`: axe-core (the validator's a11y check, WCAG 2.1 A/AA) on every HTML page of a
# built portal, not only on each kind of page as `make test` does. Thousands of pages take about
# a second each, so the pages are shared between JOBS validators (default: the number of
# cores), each on a hard-linked copy of the portal that keeps every file but its share of the
# pages. Prints each share's summary and the total; exits 1 on any violation.
#   usage: scripts/a11y-all.sh OUTPUT [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:?usage: a11y-all.sh OUTPUT [JOBS]}
jobs=${2:-$(nproc)}
SHARED=${SHARED:-../shared}
export VALIDATE_VENV=${VALIDATE_VENV:-$PWD/.venv-validate}
work=.a11y-all
rm -rf "$work"
mkdir -p "$work"
mapfile -t pages < <(cd "$output" && find . -name '*.html' | sed 's|^\./||' | LC_ALL=C sort)
echo "a11y-all: ${#pages[@]} pages in $output, $jobs validators"
for ((k = 0; k < jobs; k++)); do
  cp -al "$output" "$work/part-$k"
  for ((i = 0; i < ${#pages[@]}; i++)); do
    (( i % jobs == k )) || rm "$work/part-$k/${pages[$i]}"
  done
done
status=0
for ((k = 0; k < jobs; k++)); do
  "$SHARED/validate/validate-portal" "$work/part-$k" --only a11y --a11y --a11y-sample 0 > "$work/part-$k.log" 2>&1 &
done
wait || true
passed=0 failed=0
for ((k = 0; k < jobs; k++)); do
  line=$(tail -1 "$work/part-$k.log")
  echo "a11y-all: share $k: $line"
  p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$line")
  f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$line")
  [ -n "$p" ] || { status=1; continue; }
  passed=$((passed + p)) failed=$((failed + f))
done
grep -h "axe" "$work"/part-*.log | grep -v "^axe-core\|passed" | head -20 || true
echo "a11y-all: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
