#!/usr/bin/env bash
# Fuzzes the content loaders with libFuzzer (`make fuzz`): CSV reading, YAML content loading and
# Markdown pages with front matter (Fuzz/README.md says what each target covers).
#
#   scripts/fuzz.sh [TARGET…]     fuzz each target for FUZZ_SECONDS (default 300), one after another
#   scripts/fuzz.sh replay        run each target once over its regression inputs and seeds only
#
# TARGET is FuzzCSV, FuzzYAML or FuzzFrontMatter (default: all three). Environment:
#   FUZZ_SECONDS   time per target (libFuzzer -max_total_time), default 300
#   FUZZ_FLAGS     extra libFuzzer flags, such as "-seed=1" or "-jobs=2 -workers=2"
#   SWIFT          the swift driver (default: swift on PATH, else /opt/swift/usr/bin/swift)
#
# The fuzzers are built apart from the normal build, in .build-fuzz/ (PORTAIL_FUZZ=1 declares
# them in Package.swift), with libFuzzer's coverage and AddressSanitizer on every module. Under
# .fuzz/ (git-ignored): seeds/<target> (rebuilt from the fixtures on each run), corpus/<target>
# (what libFuzzer found, kept between runs), artifacts/<target> (crashing inputs), logs/<target>.log.
# Exits 1 when a target produced a crash, timeout, out-of-memory or leak artefact, printing its
# path, a minimized copy when libFuzzer could make one, and how to replay it.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
BUILD_PATH=.build-fuzz
WORK=.fuzz
ALL_TARGETS=(FuzzCSV FuzzYAML FuzzFrontMatter)

mode=fuzz
targets=()
for arg in "$@"; do
  case "$arg" in
    replay) mode=replay ;;
    FuzzCSV|FuzzYAML|FuzzFrontMatter) targets+=("$arg") ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fuzz.sh: unknown target '$arg' (expected ${ALL_TARGETS[*]} or replay)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")

# Per target: longest input, dictionary.
max_len() {
  case "$1" in
    FuzzCSV) echo 65536 ;;
    *) echo 16384 ;;
  esac
}
dictionary() {
  case "$1" in
    FuzzCSV) echo Fuzz/dict/csv.dict ;;
    FuzzYAML) echo Fuzz/dict/yaml.dict ;;
    FuzzFrontMatter) echo Fuzz/dict/frontmatter.dict ;;
  esac
}

# 1. Build. -sanitize=fuzzer instruments the Swift modules for coverage and links libFuzzer;
# -fsanitize=fuzzer-no-link does the same for the C modules (libyaml in Yams, cmark-gfm is a
# system library and stays uninstrumented). AddressSanitizer catches out-of-bounds reads through
# the unsafe pointers of the CSV scanner, which Swift's bounds checks do not see.
echo "fuzz: building ${targets[*]} in $BUILD_PATH/"
mkdir -p "$WORK/logs"
for target in "${targets[@]}"; do
  if ! PORTAIL_FUZZ=1 "$SWIFT" build --build-path "$BUILD_PATH" -c debug \
      -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
      --product "$target" >"$WORK/logs/build-$target.log" 2>&1; then
    grep -v "Cannot export local symbol" "$WORK/logs/build-$target.log" | tail -40 >&2
    echo "fuzz: the build of $target failed (log: $WORK/logs/build-$target.log)" >&2
    exit 1
  fi
  grep -E "^Build of product|error:" "$WORK/logs/build-$target.log" || true
done

# 2. Seeds from the fixtures.
python3 Fuzz/make_corpus.py "$WORK/seeds"

# The Swift runtime's own crash handler would wait on libFuzzer's signal handling; libFuzzer
# prints the stack trace itself. Leak checking is off: Foundation's Data(contentsOf:options:
# .alwaysMapped) leaks 4 KiB per empty file read (swift-foundation 6.3.1), outside Portail.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

# The figures of a finished run, from libFuzzer's last status line and -print_final_stats.
summary() {
  local target=$1 log=$2
  local status execs rate peak
  status=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  peak=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  local cov ft corp
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$status")
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$status")
  [ -n "$peak" ] || peak=$(sed -n 's/.* rss: \([0-9]*\)Mb.*/\1/p' <<<"$status")
  printf 'fuzz: %-16s execs %s  exec/s %s  cov %s  ft %s  corpus %s  peak rss %s MB\n' \
    "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${peak:-?}"
}

# 3. Fuzz (or replay) each target in turn; a crash in one does not stop the others.
failed=()
summaries=()
for target in "${targets[@]}"; do
  bin="$BUILD_PATH/debug/$target"
  artifacts="$WORK/artifacts/$target"
  corpus="$WORK/corpus/$target"
  log="$WORK/logs/$target.log"
  mkdir -p "$artifacts" "$corpus"
  before=$(ls "$artifacts" | grep -cE '^(crash|timeout|oom|leak)-' || true)
  flags=(-rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -max_len="$(max_len "$target")"
         -dict="$(dictionary "$target")" -artifact_prefix="$artifacts/" -print_final_stats=1)
  if [ "$mode" = replay ]; then
    # Every regression input and seed, once each (no mutation).
    echo "fuzz: replaying $target over $WORK/seeds/$target"
    set +e
    "$bin" "${flags[@]}" -runs=0 "$corpus" "$WORK/seeds/$target" >"$log" 2>&1
    status=$?
    set -e
  else
    echo "fuzz: $target for ${FUZZ_SECONDS}s (log: $log)"
    set +e
    # shellcheck disable=SC2086
    "$bin" "${flags[@]}" -max_total_time="$FUZZ_SECONDS" $FUZZ_FLAGS "$corpus" "$WORK/seeds/$target" >"$log" 2>&1
    status=$?
    set -e
  fi
  summaries+=("$(summary "$target" "$log")")
  echo "${summaries[-1]}"
  after=$(ls "$artifacts" | grep -cE '^(crash|timeout|oom|leak)-' || true)
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    failed+=("$target")
    newest=$(ls -t "$artifacts" | grep -E '^(crash|timeout|oom|leak)-' | grep -v '\.min$' | head -1 || true)
    echo "fuzz: $target FAILED (exit $status); see $log" >&2
    grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer)|Fatal error|SUMMARY' "$log" >&2 || true
    if [ -n "$newest" ]; then
      echo "fuzz: input: $artifacts/$newest" >&2
      if [[ "$newest" == crash-* ]]; then
        # Shrink it: the smallest input that still crashes the same way.
        "$bin" -minimize_crash=1 -max_total_time=60 -timeout=10 -max_len="$(max_len "$target")" \
          -exact_artifact_path="$artifacts/$newest.min" "$artifacts/$newest" >"$log.minimize" 2>&1 || true
        [ -s "$artifacts/$newest.min" ] && echo "fuzz: minimized: $artifacts/$newest.min" >&2
      fi
      echo "fuzz: replay with: SWIFT_BACKTRACE=enable=no $bin $artifacts/$newest" >&2
      echo "fuzz: then keep it as Tests/PortailKitTests/Fixtures/Fuzz/$target/<name> (replayed as a seed by every run)" >&2
    fi
  fi
done

echo "fuzz: summary"
printf '%s\n' "${summaries[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no crash, timeout or out-of-memory in ${targets[*]}"
