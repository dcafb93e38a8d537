#!/usr/bin/env bash
# Writes the seed files of the fuzz targets whose kinds the project has no committed file of:
# the two national formats (淮北 2020 in gov-2019, 平潭 2021 in gov-2021) as every kind nianbao
# writes — Word, web page (also GBK), exchange XML, filled XLSX template — and as CSV, in the long
# form and as the template's sheets stacked (the way a clerk saves them). tests/fuzz/run.sh adds
# these to the seeds it finds in examples/ and tests/. Run from the source tree with a built CLI:
#
#   tests/fuzz/seeds/make_seeds.sh build/bin/nianbao     # Debian python3-openpyxl
set -euo pipefail
nianbao=$(realpath "$1")
cd "$(dirname "$0")"
for pair in "huaibei-2020:../../../examples/huaibei-2020/report.json" \
            "pingtan-2021:../../data/corpus/pingtan-2021.json"; do
  name=${pair%%:*}
  json=${pair#*:}
  for kind in docx html xml xlsx; do
    "$nianbao" convert "$json" -o "$name.$kind" >/dev/null
  done
  /usr/bin/python3 - "$json" "$name" <<'PY'
import csv, json, sys
import openpyxl
source, name = sys.argv[1], sys.argv[2]
report = json.load(open(source, encoding="utf-8"))
with open(f"{name}-long.csv", "w", encoding="utf-8", newline="") as f:
    out = csv.writer(f)
    out.writerow(["table", "row", "column", "value"])
    out.writerow(["meta", "year", "", report["year"]])
    for table, rows in report["tables"].items():
        for row, cells in rows.items():
            for column, value in cells.items():
                if isinstance(value, dict):
                    value = value.get("value", value.get("raw", ""))
                out.writerow([table, row, column, value])
book = openpyxl.load_workbook(f"{name}.xlsx", data_only=True)
with open(f"{name}-sheets.csv", "w", encoding="gb18030", newline="") as f:
    out = csv.writer(f)
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            out.writerow(["" if v is None else v for v in row])
        out.writerow([])
PY
done
# A page as older sites serve it: GBK, declared in its <meta>.
sed 's/<meta charset="utf-8" \/>/<meta charset="gbk" \/>/' huaibei-2020.html |
  iconv -f UTF-8 -t GBK >huaibei-2020-gbk.html
ls -l
