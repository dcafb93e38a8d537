#!/usr/bin/env bash
# Runs every fuzz target that is built for a bounded time, each with a seed corpus of real inputs
# from examples/ and tests/, and prints one line per target (runs, seconds, result). Exits non-zero
# when a target crashed, leaked, timed out or ran out of memory; the input that did it is kept in
# the work folder (crash-*, leak-*, timeout-*, oom-*).
#
#   tests/fuzz/run.sh [BUILD_DIR] [SECONDS_PER_TARGET] [WORK_DIR]
#   tests/fuzz/run.sh build-fuzz 600 /tmp/fuzz-work     # the 10-minute runs of README.md
#   FUZZ_TARGETS="fuzz_report_json fuzz_importer_xlsx" tests/fuzz/run.sh build-fuzz 60
#   FUZZ_JOBS=2 tests/fuzz/run.sh build-fuzz 60     # two targets at a time (one per core)
set -uo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-build-fuzz}" && pwd)
seconds=${2:-60}
work=${3:-$(mktemp -d /tmp/nianbao-fuzz.XXXXXX)}
mkdir -p "$work"

# The seed files of a target: the inputs of its kind that the project already has, and
# tests/fuzz/seeds/ (the kinds no test commits a file of: made by seeds/make_seeds.sh).
seeds_of() {
  local patterns=()
  case "$1" in
    fuzz_report_json | fuzz_importer_json) patterns=('*.json') ;;
    fuzz_format_definition) patterns=('*.format.json') ;;
    fuzz_prose_reader | fuzz_importer_text) patterns=('*.txt') ;;
    fuzz_importer_csv) patterns=('*.csv') ;;
    fuzz_importer_xlsx) patterns=('*.xlsx') ;;
    fuzz_importer_platform_xml) patterns=('*.xml') ;;
    fuzz_importer_docx) patterns=('*.docx') ;;
    fuzz_importer_html) patterns=('*.html' '*.htm') ;;
    fuzz_importer_pdf) patterns=('*.pdf') ;;
    fuzz_zip_reader) patterns=('*.xlsx' '*.docx') ;;
    *) return ;;
  esac
  for p in "${patterns[@]}"; do
    find "$source_dir/examples" "$source_dir/tests" "$source_dir/plugins" -name "$p" -type f \
      -size -1024k -not -path '*/fuzz/*' 2>/dev/null | grep -v '/hostile/' | head -n 200
    find "$source_dir/tests/fuzz/seeds" -name "$p" -type f 2>/dev/null
  done
}

targets=${FUZZ_TARGETS:-$(cd "$build/bin" && ls fuzz_* 2>/dev/null)}
[ -n "$targets" ] || { echo "no fuzz targets in $build/bin: configure with -DNIANBAO_FUZZ=ON" >&2; exit 2; }
run_one() {
  local t=$1 corpus="$work/$1/corpus" log="$work/$1/log.txt"
  mkdir -p "$corpus"
  seeds_of "$t" | while read -r f; do cp -n "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-16)" 2>/dev/null; done
  (cd "$work/$t" && "$build/bin/$t" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 >"$log" 2>&1)
  local rc=$?
  local runs took result=ok
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*')
  if [ $rc -ne 0 ]; then
    result="FAILED (exit $rc): $(grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error' "$log" | cut -c1-120); see $log"
  fi
  printf '%-28s %12s %8s %10s  %s\n' "$t" "${runs:-?}" "${took:-?}" "$(ls "$corpus" | wc -l)" "$result" \
    >"$work/$t/summary.txt"
}

jobs=${FUZZ_JOBS:-1}
for t in $targets; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  run_one "$t" &
done
wait
status=0
printf '%-28s %12s %8s %10s  %s\n' target runs seconds corpus result
for t in $targets; do
  cat "$work/$t/summary.txt"
  grep -q FAILED "$work/$t/summary.txt" && status=1
done
echo "work folder: $work"
exit $status
