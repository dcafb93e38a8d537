#!/usr/bin/env bash
# Installs a nianbao build into a fresh prefix, checks the exchange-format schema and plugins are
# installed, builds examples/province-exporter against the installed SDK, and selects the
# province's dialect and the national exchange XML from the installed `nianbao` — what a
# provincial platform does to swap in its own XML.
#
# Usage: install_and_build_province_exporter.sh <nianbao build dir> <nianbao source dir>
#
# Environment (all optional; the CMake test sets them):
#   CMAKE                    the cmake to use (default: cmake)
#   CXX                      the C++ compiler for the example (default: CMake's choice)
#   NIANBAO_TEST_CONFIG      the configuration to install and build (multi-config generators)
#   NIANBAO_INSTALL_LIBDIR   CMAKE_INSTALL_LIBDIR of the build (default: read from its cache)
#   NIANBAO_INSTALL_DATADIR  CMAKE_INSTALL_DATADIR of the build (default: read from its cache)
#   XMLLINT                  the xmllint to validate with (default: xmllint)
#   NIANBAO_KEEP_TEMP=1      keep the temporary directory instead of deleting it
set -euo pipefail

me=$(basename "$0")
say() { printf '== %s\n' "$*"; }
fail() {
  printf '%s: FAIL: %s\n' "$me" "$*" >&2
  exit 1
}
run() {
  printf '+ %s\n' "$*" >&2
  "$@" || fail "command failed (exit $?): $*"
}

[[ $# -eq 2 ]] || fail "usage: $me <nianbao build dir> <nianbao source dir>"
build_dir=$(cd "$1" && pwd) || fail "no build directory $1"
source_dir=$(cd "$2" && pwd) || fail "no source directory $2"
cmake=${CMAKE:-cmake}
xmllint=${XMLLINT:-xmllint}
config=${NIANBAO_TEST_CONFIG:-}
example_src=$source_dir/examples/province-exporter
report_json=$source_dir/examples/huaibei-2020/report.json

[[ -f $build_dir/CMakeCache.txt ]] || fail "$build_dir is not a CMake build directory (no CMakeCache.txt)"
[[ -f $example_src/CMakeLists.txt ]] || fail "no example at $example_src"
command -v python3 >/dev/null || fail "python3 is needed to read the XML written"
command -v "$xmllint" >/dev/null || fail "xmllint is needed (Debian: libxml2-utils)"

cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build_dir/CMakeCache.txt"; }
libdir=${NIANBAO_INSTALL_LIBDIR:-$(cache_value CMAKE_INSTALL_LIBDIR)}
libdir=${libdir:-lib}
datadir=${NIANBAO_INSTALL_DATADIR:-$(cache_value CMAKE_INSTALL_DATADIR)}
datadir=${datadir:-share}
[[ $libdir != /* && $datadir != /* ]] || fail "an absolute install directory would ignore --prefix"

# A plugin search path from the caller's environment must not change what the test sees.
unset NIANBAO_PLUGIN_PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-province-test.XXXXXX")
cleanup() {
  if [[ ${NIANBAO_KEEP_TEMP:-0} == 1 ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

prefix=$work/prefix
example_build=$work/province-build
nianbao=$prefix/bin/nianbao
# The plugin ABI version of this build (generated from CMakeLists.txt): it names the install folder.
abi=$(sed -n 's/^#define NIANBAO_ABI_VERSION //p' "$build_dir/include/nianbao/version.h")
[[ -n $abi ]] || { echo "no NIANBAO_ABI_VERSION in $build_dir/include/nianbao/version.h" >&2; exit 1; }
export NIANBAO_ABI=$abi
plugin_dir=$prefix/$libdir/nianbao/abi-$abi/plugins
schema=$prefix/$datadir/nianbao/schema/nianbao-report-1.xsd
config_args=()
[[ -z $config ]] || config_args=(--config "$config")

# ---- 1. install -------------------------------------------------------------------------------
say "installing $build_dir into $prefix"
run "$cmake" --install "$build_dir" --prefix "$prefix" "${config_args[@]}" >/dev/null
[[ -f $schema ]] || fail "the exchange-format schema is not installed at $schema"
cmp -s "$schema" "$source_dir/docs/schema/nianbao-report-1.xsd" || fail "the installed schema differs from docs/schema"
echo "   $schema"
for id in platform-xml-importer platform-xml-exporter; do
  [[ -f $plugin_dir/$id.so && -f $plugin_dir/$id.nianbao-plugin.json ]] ||
    fail "plugin $id is not installed in $plugin_dir"
  echo "   $plugin_dir/$id.so"
done

# ---- 2. build the example against the installed SDK ------------------------------------------
say "building $example_src against $prefix"
cxx_args=()
[[ -z ${CXX:-} ]] || cxx_args=("-DCMAKE_CXX_COMPILER=$CXX")
build_type_args=()
[[ -z $config ]] || build_type_args=("-DCMAKE_BUILD_TYPE=$config")
# -Werror: the example is there to be copied, so it must build without a warning.
run "$cmake" -S "$example_src" -B "$example_build" "-DCMAKE_PREFIX_PATH=$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_CXX_FLAGS=-Werror "${cxx_args[@]}" \
  "${build_type_args[@]}" >/dev/null
run "$cmake" --build "$example_build" "${config_args[@]}" >/dev/null
found_dir=$(sed -n 's/^Nianbao_DIR:PATH=//p' "$example_build/CMakeCache.txt")
[[ $found_dir == "$prefix/$libdir/cmake/Nianbao" ]] ||
  fail "the example found Nianbao in '$found_dir', not in the installed prefix"
[[ -f $example_build/province-exporter.so && -f $example_build/province-exporter.nianbao-plugin.json ]] ||
  fail "the example build made no province-exporter.so with its manifest"

# ---- 3. the installed CLI lists it beside the installed plugins -------------------------------
say "the installed nianbao lists province-exporter (--plugin-path) and platform-xml (installed)"
run "$nianbao" --plugin-path "$example_build" plugins --json >"$work/plugins.json"
python3 - "$work/plugins.json" <<'EOF' || fail "the plugins are not listed as expected (see above)"
import json, sys
plugins = {p["id"]: p for p in json.load(open(sys.argv[1]))}
expect = {"province-exporter": "--plugin-path", "platform-xml-exporter": "install directory",
          "platform-xml-importer": "install directory"}
ok = True
for id, origin in expect.items():
    p = plugins.get(id)
    if not p or p["origin"] != origin or p["status"] != "available":
        print(f"   {id}: {json.dumps(p, ensure_ascii=False)}"); ok = False
    else:
        print(f"   {id}: {p['origin']}, {p['library']}")
sys.exit(0 if ok else 1)
EOF

# ---- 4. selecting the output ------------------------------------------------------------------
# Prints the root element's namespace and name, the province attribute and the number of cells
# (elements named 数据 in the dialect, count/money/blank/na in the exchange format).
describe() {
  python3 - "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cells = [e for e in root.iter() if e.tag.split("}")[1] in ("数据", "count", "money", "blank", "na")]
print(root.tag, root.get("省份代码") or root.get("province") or "-", len(cells))
EOF
}
json_cells=$(python3 -c '
import json, sys
tables = json.load(open(sys.argv[1]))["tables"]
print(sum(len(columns) for rows in tables.values() for columns in rows.values()))' "$report_json")

say "-o report.xml with the example on --plugin-path: the province's dialect"
dialect=$work/dialect.xml
run "$nianbao" --strict-plugins --plugin-path "$example_build" convert "$report_json" -o "$dialect"
got=$(describe "$dialect")
[[ $got == "{urn:example:province:annual-report:2}年度报告 340000 $json_cells" ]] ||
  fail "expected the dialect with province 340000 and $json_cells cells, got: $got"
echo "   $got"
grep -qF '<数据 行="一、本年新收政府信息公开申请数量" 列="自然人" 编码="applications/new/natural_person">36</数据>' "$dialect" ||
  fail "the dialect has no cell 一、本年新收政府信息公开申请数量 / 自然人 = 36"
grep -qF '<数据 行="一、本年新收政府信息公开申请数量" 列="法人或其他组织 商业企业" 编码="applications/new/commercial">0</数据>' "$dialect" ||
  fail "the dialect has no cell 一、本年新收政府信息公开申请数量 / 法人或其他组织 商业企业 = 0"
grep -qF '<部分 编码="overview" 标题="一、总体情况">' "$dialect" || fail "the dialect has no section 一、总体情况"

say "--to province-xml --option province=340000, and a bad option (PROV-01, no file written)"
run "$nianbao" --strict-plugins --plugin-path "$example_build" convert "$report_json" -o "$work/explicit.out" \
  --to province-xml --option province=340000
cmp -s "$dialect" "$work/explicit.out" || fail "--to province-xml wrote something else than -o report.xml"
set +e
out=$("$nianbao" --lang en --plugin-path "$example_build" convert "$report_json" -o "$work/bad.xml" \
  --to province-xml --option province=34 2>&1)
rc=$?
set -e
[[ $rc == 2 && $out == *PROV-01* && ! -e $work/bad.xml ]] ||
  fail "a bad option gave exit $rc and: $out"
echo "   refused: $out"

say "--to platform-xml with the example on the path: the national exchange format"
national=$work/national.xml
run "$nianbao" --strict-plugins --plugin-path "$example_build" convert "$report_json" -o "$national" --to platform-xml
got=$(describe "$national")
[[ $got == "{urn:nianbao:report:1}report - $json_cells" ]] || fail "expected the exchange format, got: $got"
echo "   $got"
run "$xmllint" --noout --nonet --schema "$schema" "$national"

say "without the example: -o report.xml is the national exchange format, and reads back"
run "$nianbao" --strict-plugins convert "$report_json" -o "$work/default.xml"
cmp -s "$national" "$work/default.xml" || fail "the default .xml output differs from --to platform-xml"
run "$nianbao" --strict-plugins convert "$work/default.xml" -o "$work/back.json"
run "$nianbao" --strict-plugins convert "$report_json" -o "$work/canonical.json"
cmp -s "$work/back.json" "$work/canonical.json" || fail "JSON → XML → JSON with the installed nianbao is not lossless"
echo "   JSON → XML → JSON: identical"

say "PASS: the province's dialect builds against the installed SDK and is selected from the installed nianbao"
