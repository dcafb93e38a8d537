#!/usr/bin/env bash
# Installs a nianbao build into a fresh prefix, builds examples/plugin-template against the
# installed SDK, and checks the installed `nianbao` with it — exactly what an integrator does.
#
# Usage: install_and_build_template.sh <nianbao build dir> <nianbao source dir>
#
# Environment (all optional; the CMake test sets them):
#   CMAKE                   the cmake to use (default: cmake)
#   CXX                     the C++ compiler for the template (default: CMake's choice)
#   NIANBAO_TEST_CONFIG     the configuration to install and build (multi-config generators)
#   NIANBAO_INSTALL_LIBDIR  CMAKE_INSTALL_LIBDIR of the build (default: read from its cache)
#   NIANBAO_KEEP_TEMP=1     keep the temporary directory instead of deleting it
set -euo pipefail

me=$(basename "$0")
say() { printf '== %s\n' "$*"; }
fail() {
  printf '%s: FAIL: %s\n' "$me" "$*" >&2
  exit 1
}
# Runs a command, echoing it first (to stderr, so that its stdout can be captured); a failure
# names the command.
run() {
  printf '+ %s\n' "$*" >&2
  "$@" || fail "command failed (exit $?): $*"
}

[[ $# -eq 2 ]] || fail "usage: $me <nianbao build dir> <nianbao source dir>"
build_dir=$(cd "$1" && pwd) || fail "no build directory $1"
source_dir=$(cd "$2" && pwd) || fail "no source directory $2"
cmake=${CMAKE:-cmake}
config=${NIANBAO_TEST_CONFIG:-}
template_src=$source_dir/examples/plugin-template
report_json=$source_dir/examples/huaibei-2020/report.json

[[ -f $build_dir/CMakeCache.txt ]] || fail "$build_dir is not a CMake build directory (no CMakeCache.txt)"
[[ -f $template_src/CMakeLists.txt ]] || fail "no plugin template at $template_src"
[[ -f $report_json ]] || fail "no example report at $report_json"
command -v python3 >/dev/null || fail "python3 is needed to check JSON output"

libdir=${NIANBAO_INSTALL_LIBDIR:-}
if [[ -z $libdir ]]; then
  libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
  libdir=${libdir:-lib}
fi
[[ $libdir != /* ]] || fail "CMAKE_INSTALL_LIBDIR is absolute ($libdir): the install would ignore --prefix"

# A plugin search path from the caller's environment must not change what the test sees.
unset NIANBAO_PLUGIN_PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-install-test.XXXXXX")
cleanup() {
  if [[ ${NIANBAO_KEEP_TEMP:-0} == 1 ]]; then
    echo "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

prefix=$work/prefix
template_build=$work/template-build
nianbao=$prefix/bin/nianbao
# The plugin ABI version of this build (generated from CMakeLists.txt): it names the install folder.
abi=$(sed -n 's/^#define NIANBAO_ABI_VERSION //p' "$build_dir/include/nianbao/version.h")
[[ -n $abi ]] || { echo "no NIANBAO_ABI_VERSION in $build_dir/include/nianbao/version.h" >&2; exit 1; }
export NIANBAO_ABI=$abi
plugin_dir=$prefix/$libdir/nianbao/abi-$abi/plugins
config_args=()
[[ -z $config ]] || config_args=(--config "$config")

# ---- 1. install ---------------------------------------------------------------------------------
say "installing $build_dir into $prefix"
run "$cmake" --install "$build_dir" --prefix "$prefix" "${config_args[@]}"

say "checking the installed tree (libdir: $libdir)"
for f in bin/nianbao include/nianbao/plugin.h include/nianbao/version.h \
  "$libdir/cmake/Nianbao/NianbaoConfig.cmake" "$libdir/cmake/Nianbao/NianbaoConfigVersion.cmake" \
  "$libdir/cmake/Nianbao/NianbaoTargets.cmake" "$libdir/cmake/Nianbao/NianbaoPlugin.cmake"; do
  [[ -e $prefix/$f ]] || fail "the install has no $f"
  echo "   $f"
done
for id in gov-2019 gov-2021 json-importer json-exporter; do
  [[ -f $plugin_dir/$id.so && -f $plugin_dir/$id.nianbao-plugin.json ]] ||
    fail "built-in plugin $id is not installed in $plugin_dir"
done
command -v ldd >/dev/null || fail "ldd is needed (Debian: libc-bin)"
used=$(ldd "$nianbao" | awk '/libnianbao/ { print $3 }')
[[ -n $used && $(realpath "$(dirname "$used")") == $(realpath "$prefix/$libdir") ]] ||
  fail "the installed nianbao does not use the installed libnianbao: ${used:-not found}"
echo "   bin/nianbao uses $used"

# ---- 2. find_package(Nianbao <version>) -------------------------------------------------------------
# A tiny throwaway project: 0.1 must be accepted, 1.0 (another major version) refused.
probe_src=$work/probe
mkdir -p "$probe_src"
cat >"$probe_src/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(nianbao_version_probe LANGUAGES CXX)  # CXX: lib/<multiarch> is searched only then
find_package(Nianbao ${WANT} REQUIRED)
if(NOT TARGET Nianbao::sdk OR NOT COMMAND nianbao_add_plugin)
  message(FATAL_ERROR "find_package(Nianbao) gave no Nianbao::sdk or nianbao_add_plugin()")
endif()
message(STATUS "found Nianbao ${Nianbao_VERSION} in ${Nianbao_DIR}")
EOF
say "find_package(Nianbao 0.1) must succeed"
run "$cmake" -S "$probe_src" -B "$work/probe-0.1" -DWANT=0.1 "-DCMAKE_PREFIX_PATH=$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
say "find_package(Nianbao 1.0) must fail (wrong major version)"
printf '+ %s\n' "$cmake -S $probe_src -B $work/probe-1.0 -DWANT=1.0 -DCMAKE_PREFIX_PATH=$prefix ..." >&2
if "$cmake" -S "$probe_src" -B "$work/probe-1.0" -DWANT=1.0 "-DCMAKE_PREFIX_PATH=$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/probe-1.0.log" 2>&1; then
  cat "$work/probe-1.0.log"
  fail "find_package(Nianbao 1.0) succeeded, but the installed SDK is 0.x"
fi
grep -q 'compatible with requested version' "$work/probe-1.0.log" || {
  cat "$work/probe-1.0.log"
  fail "find_package(Nianbao 1.0) failed, but not because of the version"
}
echo "   refused, as expected: $(grep -m1 'version: ' "$work/probe-1.0.log" | sed 's/^ *//')"

# ---- 3. build the template against the installed SDK -----------------------------------------------
say "building $template_src against $prefix"
cxx_args=()
[[ -z ${CXX:-} ]] || cxx_args=("-DCMAKE_CXX_COMPILER=$CXX")
build_type_args=()
[[ -z $config ]] || build_type_args=("-DCMAKE_BUILD_TYPE=$config")
run "$cmake" -S "$template_src" -B "$template_build" "-DCMAKE_PREFIX_PATH=$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "${cxx_args[@]}" "${build_type_args[@]}"
run "$cmake" --build "$template_build" "${config_args[@]}"
found_dir=$(sed -n 's/^Nianbao_DIR:PATH=//p' "$template_build/CMakeCache.txt")
[[ $found_dir == "$prefix/$libdir/cmake/Nianbao" ]] ||
  fail "the template found Nianbao in '$found_dir', not in the installed prefix"
[[ -f $template_build/csv-cells.so ]] || fail "the template build made no csv-cells.so"
[[ -f $template_build/csv-cells.nianbao-plugin.json ]] ||
  fail "the template build wrote no manifest csv-cells.nianbao-plugin.json"

# ---- 4. the installed CLI finds its own plugins ---------------------------------------------------
say "the installed nianbao lists its built-in plugins from $plugin_dir"
run "$nianbao" plugins --json >"$work/builtin.json"
python3 - "$work/builtin.json" "$plugin_dir" <<'EOF' || fail "the installed nianbao does not list its own plugins (see above)"
import json, os, sys
plugins = {p["id"]: p for p in json.load(open(sys.argv[1]))}
plugin_dir = os.path.realpath(sys.argv[2])
ok = True
for id in ("gov-2019", "gov-2021", "json-importer", "json-exporter"):
    p = plugins.get(id)
    if p is None:
        print(f"   missing: {id} (listed: {', '.join(plugins) or 'nothing'})"); ok = False; continue
    where = os.path.dirname(os.path.realpath(p["library"]))
    if where != plugin_dir or p["origin"] != "install directory" or p["status"] != "available":
        print(f"   {id}: library {p['library']}, origin {p['origin']}, status {p['status']}"); ok = False
    else:
        print(f"   {id}: {p['library']}")
sys.exit(0 if ok else 1)
EOF

# ---- 5. the installed CLI with the template plugin ----------------------------------------------
say "nianbao --plugin-path <template build> plugins --json lists csv-cells with the built-in ones"
run "$nianbao" --plugin-path "$template_build" plugins --json >"$work/plugins.json"
python3 - "$work/plugins.json" "$template_build" <<'EOF' || fail "csv-cells is not listed as expected (see above)"
import json, os, sys
plugins = {p["id"]: p for p in json.load(open(sys.argv[1]))}
print("   listed:", ", ".join(sorted(plugins)))
missing = {"csv-cells", "gov-2019", "gov-2021", "json-importer", "json-exporter"} - set(plugins)
if missing:
    print("   missing:", ", ".join(sorted(missing))); sys.exit(1)
p = plugins["csv-cells"]
expected = {"version": "1.0.0", "abi": int(os.environ["NIANBAO_ABI"]), "kinds": ["exporter"], "origin": "--plugin-path",
            "status": "available"}
bad = {k: p[k] for k, v in expected.items() if p[k] != v}
if bad or os.path.realpath(p["library"]) != os.path.realpath(os.path.join(sys.argv[2], "csv-cells.so")):
    print("   csv-cells:", json.dumps(p, ensure_ascii=False)); sys.exit(1)
EOF

say "converting $report_json to CSV with the installed nianbao and csv-cells"
csv=$work/cells.csv
# --strict-plugins: a plugin that fails to load (e.g. an unresolved SDK symbol) fails the test.
run "$nianbao" --lang en --strict-plugins --plugin-path "$template_build" convert "$report_json" -o "$csv"
[[ -s $csv ]] || fail "no CSV was written to $csv"

header=$(head -n 1 "$csv")
[[ $header == "table,row,column,value" ]] || fail "the CSV header is '$header', not 'table,row,column,value'"
for line in 'applications,new,natural_person,36' 'applications,unavailable.not_held,total,24' \
  'proactive,procurement,amount,299.8'; do
  grep -qxF -- "$line" "$csv" || fail "the CSV has no line '$line' (first lines: $(head -n 5 "$csv" | tr '\n' ' '))"
  echo "   has: $line"
done
cells=$(python3 -c '
import json, sys
tables = json.load(open(sys.argv[1]))["tables"]
print(sum(len(columns) for rows in tables.values() for columns in rows.values()))' "$report_json")
lines=$(wc -l <"$csv")
((lines == cells + 1)) || fail "the CSV has $lines lines; expected 1 header + $cells cells = $((cells + 1))"
echo "   $lines lines = 1 header + $cells cells"
python3 - "$csv" <<'EOF' || fail "the CSV does not parse as table,row,column,value records"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
bad = [r for r in rows if len(r) != 4]
if bad:
    print("   records without 4 fields:", bad[:3]); sys.exit(1)
EOF

say "options through ExporterBase: crlf is taken, an unknown option and a bad value are EXP-02"
crlf=$work/cells-crlf.csv
run "$nianbao" --lang en --plugin-path "$template_build" convert "$report_json" -o "$crlf" --option newline=crlf
head -c 200 "$crlf" | grep -q $'value\r$' || fail "newline=crlf did not end the header line with CR LF"
for bad in newline=cr colour=red; do
  set +e
  out=$("$nianbao" --lang en --plugin-path "$template_build" convert "$report_json" -o "$work/bad.csv" --option "$bad" 2>&1)
  status=$?
  set -e
  ((status == 2)) || fail "--option $bad: exit $status, expected 2 ($out)"
  [[ $out == *"EXP-02"*"the csv-cells exporter has no option $bad (options: newline)"* ]] ||
    fail "--option $bad: the message is not EXP-02 naming the option: $out"
  [[ ! -e $work/bad.csv ]] || fail "--option $bad wrote $work/bad.csv"
done

say "PASS: the installed SDK builds the plugin template and the installed nianbao runs it"
