#!/usr/bin/env bash
# Consumes nianbao the two ways a CMake project can without installing it:
#   1. add_subdirectory(): consumer/ adds the source tree with the command and the plugins off; its
#      own build type must stay, no test, benchmark, command or plugin target may appear, and the
#      program linked to Nianbao::sdk must run;
#   2. the exported build tree: examples/plugin-template is built with -DNianbao_DIR=<build dir>,
#      and the build tree's nianbao lists the plugin.
# Usage: run.sh <nianbao source dir> <nianbao build dir>
set -euo pipefail
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
cmake=${CMAKE:-cmake}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== 1. add_subdirectory"
"$cmake" -S "$src/tests/subproject/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_BUILD_TYPE=MinSizeRel -DNIANBAO_SOURCE_DIR="$src" \
  -DNIANBAO_BUILD_CLI=OFF -DNIANBAO_BUILD_PLUGINS=OFF >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configuring the consumer"; }
grep -q '^CMAKE_BUILD_TYPE:STRING=MinSizeRel$' "$work/consumer/CMakeCache.txt" ||
  fail "nianbao changed the parent's build type: $(grep '^CMAKE_BUILD_TYPE' "$work/consumer/CMakeCache.txt")"
targets=$(ninja -C "$work/consumer" -t targets all)
for t in nianbao_unit_tests nianbao_benchmarks 'bin/nianbao:' 'json-importer.so' 'nianbao_grid'; do
  if grep -q "$t" <<<"$targets"; then fail "a subproject build has the target $t"; fi
done
"$cmake" --build "$work/consumer" --target consumer >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "building the consumer"; }
out=$("$work/consumer/consumer") || fail "the consumer exited $?: $out"
echo "   $out"
grep -Eq '^nianbao [0-9.]+ abi [0-9]+: 0 plugins, [1-9][0-9]* rules, 24253\.000000$' <<<"$out" ||
  fail "unexpected output: $out"

echo "== 2. the exported build tree"
"$cmake" -S "$src/examples/plugin-template" -B "$work/template" -G Ninja \
  -DNianbao_DIR="$build" >"$work/template.log" 2>&1 || { cat "$work/template.log"; fail "configuring the template"; }
"$cmake" --build "$work/template" >>"$work/template.log" 2>&1 || { cat "$work/template.log"; fail "building the template"; }
listing=$("$build/bin/nianbao" --plugin-path "$work/template" plugins --json)
python3 - "$listing" <<'PY' || fail "the build tree's nianbao does not load the template plugin"
import json, sys
plugins = {p["id"]: p for p in json.loads(sys.argv[1])}
p = plugins.get("csv-cells")
print("   csv-cells:", p and p["status"])
sys.exit(0 if p and p["status"] in ("available", "loaded") else 1)
PY
echo "subproject and build tree: 2 passed, 0 failed"
