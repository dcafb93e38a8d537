#!/usr/bin/env python3
"""examples/huaibei-2020/report.xlsx — the seed's tables typed into a spreadsheet in the published
layout — against examples/huaibei-2020/report.json:

1. `nianbao convert report.xlsx` gives the tables of report.json, and so does a workbook made anew
   by make_report_xlsx.py (the committed file is what the script makes);
2. one cell changed (a number, and a number stored as text with a no-break space, as the Word
   tables carried them) gives the T3 findings at that sheet and cell, and nowhere else;
3. every form of the example report in examples/huaibei-2020 (report.json, report.xlsx) gives the
   same findings from `nianbao check`: codes, severities and places in the report (errors and
   warnings; an info only says how the file was read).

The changed cell is found here by its labels with openpyxl, independently of the importer.

usage: example_xlsx.py NIANBAO SOURCE_DIR WORK_DIR
"""
import json
import os
import shutil
import subprocess
import sys

import openpyxl

NBSP = "\u00a0"


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def tables_of(nianbao, xlsx, out):
    r = run([nianbao, "convert", xlsx, "-o", out])
    if r.returncode != 0:
        sys.exit(f"FAIL: convert {xlsx} exited {r.returncode}\n{r.stdout}{r.stderr}")
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def findings_of(nianbao, path):
    """The findings of `nianbao check` (errors and warnings; infos only say how a file was read,
    e.g. XLSX-08 "read as gov-2019 from the layout"): code, severity and the place in the report
    (not in the file)."""
    r = run([nianbao, "check", "--output-format", "json", path])
    if r.returncode not in (0, 1):
        sys.exit(f"FAIL: check {path} exited {r.returncode}\n{r.stderr}")
    out = set()
    for d in json.loads(r.stdout)["diagnostics"]:
        if d["severity"] == "info":
            continue
        loc = d["location"]
        out.add((d["code"], d["severity"]) +
                tuple(loc.get(k, "") for k in ("section", "table", "row", "column")))
    return out


def cell_at(wb, row_label, column_label):
    """The cell where the row labelled `row_label` meets the nearest column header above it."""
    for ws in wb.worksheets:
        rows = [c for row in ws.iter_rows() for c in row if c.value == row_label]
        if not rows:
            continue
        r = rows[0].row
        heads = [c for row in ws.iter_rows(max_row=r - 1) for c in row if c.value == column_label]
        head = max(heads, key=lambda c: c.row)
        return ws, ws.cell(r, head.column)
    sys.exit(f"FAIL: no row {row_label!r}")


def main():
    nianbao, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    example = os.path.join(source, "examples", "huaibei-2020")
    with open(os.path.join(example, "report.json"), encoding="utf-8") as f:
        expected = json.load(f)
    ok = True

    committed = tables_of(nianbao, os.path.join(example, "report.xlsx"), os.path.join(work, "committed.json"))
    remade_path = os.path.join(work, "remade.xlsx")
    r = run([sys.executable, os.path.join(example, "make_report_xlsx.py"), remade_path])
    if r.returncode != 0:
        sys.exit(f"FAIL: make_report_xlsx.py: {r.stderr}")
    remade = tables_of(nianbao, remade_path, os.path.join(work, "remade.json"))
    for label, got in [("report.xlsx", committed), ("make_report_xlsx.py", remade)]:
        if got["tables"] != expected["tables"] or got["format"] != expected["format"] or got["year"] != expected["year"]:
            ok = False
            print(f"FAIL: {label} does not have the tables of report.json")
            for t, rows in expected["tables"].items():
                for k, v in rows.items():
                    if got["tables"].get(t, {}).get(k) != v:
                        print(f"  {t}/{k}: got {got['tables'].get(t, {}).get(k)}, expected {v}")
        else:
            print(f"ok: {label} has the tables of report.json ({got['format']}, {got['year']})")

    # Every form of the report: the same findings.
    forms = sorted(f for f in os.listdir(example) if not f.endswith(".py"))
    found = {f: findings_of(nianbao, os.path.join(example, f)) for f in forms}
    if len(forms) < 2 or not found["report.json"]:
        ok = False
        print(f"FAIL: expected report.json and other forms with findings in {example}: {found}")
    for f in forms:
        if found[f] != found["report.json"]:
            ok = False
            print(f"FAIL: {f} gives other findings than report.json:")
            for d in sorted(found[f] ^ found["report.json"]):
                print("  ", "only in " + (f if d in found[f] else "report.json"), d)
        else:
            print(f"ok: {f} gives the findings of report.json: {sorted(found[f])}")

    # One cell changed: the T3 findings are at that cell.
    for row_label, column_label, value in [("（一）予以公开", "自然人", 11),
                                           ("1.属于国家秘密", "商业企业", NBSP + "1")]:
        wb = openpyxl.load_workbook(os.path.join(example, "report.xlsx"))
        ws, cell = cell_at(wb, row_label, column_label)
        before = cell.value
        cell.value = value
        changed = os.path.join(work, "changed.xlsx")
        wb.save(changed)
        r = run([nianbao, "check", "--output-format", "json", changed])
        if r.returncode != 1:
            print(f"FAIL: check {changed} exited {r.returncode}\n{r.stderr}")
            ok = False
            continue
        findings = [d for d in json.loads(r.stdout)["diagnostics"] if d["code"].startswith("T3-")]
        places = {(d["location"].get("sheet"), d["location"].get("cell")) for d in findings}
        want = (ws.title, cell.coordinate)
        if not findings or places != {want}:
            ok = False
            print(f"FAIL: {row_label} / {column_label} {before!r} → {value!r} at {want}: T3 findings at {places}")
            for d in findings:
                print("  ", d["code"], d["message"], d["location"])
        else:
            codes = sorted(d["code"] for d in findings)
            print(f"ok: {row_label} / {column_label} {before!r} → {value!r}: {codes} at {ws.title}!{cell.coordinate}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
