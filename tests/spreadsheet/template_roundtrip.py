#!/usr/bin/env python3
"""The fill-in template as people use it: `nianbao template` writes it, someone fills it in (here
openpyxl: numbers, numbers stored as text, full-width digits, "/", money with and without units,
the metadata and the prose, rows appended), and `nianbao convert` reads it back: the JSON must be
what was filled in, with every total the value its formula gives.

With --libreoffice the template is first re-saved by LibreOffice (soffice --headless --convert-to
xlsx) and filled in afterwards, and the filled workbook is also re-saved by LibreOffice and read
(its formulas then hold the values LibreOffice calculated, not none as openpyxl leaves them).

The cells are found here independently of the importer: by the exact labels of the format
definition, a row's column under the nearest header above it.

usage: template_roundtrip.py NIANBAO SOURCE_DIR WORK_DIR FORMAT [--libreoffice]
"""
import datetime
import json
import os
import shutil
import subprocess
import sys

import openpyxl

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=240, **kw)
    if r.returncode not in (0, 1):
        sys.exit(f"FAIL: {' '.join(cmd)} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def libreoffice_resave(path, work, tag):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("FAIL: soffice not found (Debian: libreoffice-calc-nogui; .ci/install-deps "
                 "installs it)")
    out = os.path.join(work, "lo-" + tag)
    os.makedirs(out, exist_ok=True)
    # A private profile: concurrent runs must not share LibreOffice's user directory.
    profile = "file://" + os.path.join(work, "lo-profile")
    run([soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to", "xlsx",
         "--outdir", out, path])
    saved = os.path.join(out, os.path.basename(path))
    if not os.path.exists(saved):
        sys.exit(f"FAIL: LibreOffice did not write {saved}")
    return saved


def merged_range(ws, cell):
    for rng in ws.merged_cells.ranges:
        if cell.coordinate in rng:
            return rng
    return None


def find_cells(wb, fmt):
    """(table, row, column) → (sheet title, coordinate), by the printed labels."""
    texts = []  # (sheet, row, col, text)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    texts.append((ws, c.row, c.column, c.value))
    out = {}
    for t in fmt["tables"]:
        for b in t["blocks"]:
            for r in b["rows"]:
                hits = [x for x in texts if x[3] == r["label"]]
                assert len(hits) == 1, f"row label {r['label']!r} found {len(hits)} times"
                ws, row, col, _ = hits[0]
                if t.get("layout") == "rows_as_column_groups":
                    rng = merged_range(ws, ws.cell(row, col))
                    first, last = (rng.min_col, rng.max_col) if rng else (col, col)
                    bottom = rng.max_row if rng else row
                    for c in b["columns"]:
                        heads = [x for x in texts if x[0] is ws and x[3] == c["label"] and x[1] > bottom
                                 and first <= x[2] <= last]
                        head = min(heads, key=lambda x: x[1])
                        out[(t["key"], r["key"], c["key"])] = (ws, head[1] + 1, head[2])
                else:
                    for c in b["columns"]:
                        heads = [x for x in texts if x[0] is ws and x[3] == c["label"] and x[1] < row]
                        head = max(heads, key=lambda x: x[1])
                        out[(t["key"], r["key"], c["key"])] = (ws, row, head[2])
    return out


def check_validation(template, fmt):
    """Every cell to fill in, and no other cell of a table's sheet, carries exactly one data
    validation, of its column's type: whole numbers ≥ 0 for counts, decimals ≥ 0 for money with
    a unit, a formula for money written with its own unit. The template writes them as ranges;
    openpyxl must see the same cells as one validation per cell would give."""
    wb = openpyxl.load_workbook(template)
    cells = find_cells(wb, fmt)
    types = {(t["key"], c["key"]): (c.get("type", "count"), c.get("unit"))
             for t in fmt["tables"] for b in t["blocks"] for c in b["columns"]}
    expected = {}  # (sheet, coordinate) → validation type
    for (table, _row, col), (ws, r, c) in cells.items():
        cell = ws.cell(r, c)
        if isinstance(cell.value, str) and cell.value.startswith("="):
            continue  # a total: computed, not filled in
        kind, unit = types[(table, col)]
        want = {"count": "whole", "signed_count": "whole"}.get(kind, "decimal" if unit else "custom")
        expected[(ws.title, cell.coordinate)] = want
    sheets = {ws.title for (ws, _r, _c) in cells.values()}
    seen = {}
    ok = True
    elements = 0
    for ws in wb.worksheets:
        if ws.title not in sheets:
            continue
        for dv in ws.data_validations.dataValidation:
            elements += 1
            for rng in dv.sqref.ranges:
                for row in range(rng.min_row, rng.max_row + 1):
                    for col in range(rng.min_col, rng.max_col + 1):
                        key = (ws.title, ws.cell(row, col).coordinate)
                        if key in seen:
                            print(f"FAIL: validation: {key} is covered twice")
                            ok = False
                        seen[key] = dv.type
    if seen != expected:
        missing = sorted(set(expected) - set(seen))[:5]
        extra = sorted(set(seen) - set(expected))[:5]
        wrong = sorted(k for k in expected if k in seen and seen[k] != expected[k])[:5]
        print(f"FAIL: validation: missing {missing}, on other cells {extra}, of the wrong type "
              f"{[(k, seen[k], expected[k]) for k in wrong]}")
        ok = False
    # Ranges, not one element per cell.
    if elements * 4 > len(expected):
        print(f"FAIL: validation: {elements} elements for {len(expected)} cells")
        ok = False
    print(f"validation: {len(expected)} cells in {elements} ranges")
    return ok


def fill(template, filled, fmt, year):
    wb = openpyxl.load_workbook(template)
    cells = find_cells(wb, fmt)
    expected_tables = {}
    formulas = set()
    n = 0
    # Text in cells no formula sums (table 二 has no totals): a spreadsheet's SUM leaves text out.
    text_values = [("12", 12), ("１２", {"value": 12, "raw": "１２"}), ("/", {"na": True, "raw": "/"}),
                   (None, None), ("3,985,758", {"value": 3985758, "raw": "3,985,758"})]
    for t in fmt["tables"]:
        table = expected_tables.setdefault(t["key"], {})
        for b in t["blocks"]:
            for r in b["rows"]:
                row = table.setdefault(r["key"], {})
                for c in b["columns"]:
                    ws, rr, cc = cells[(t["key"], r["key"], c["key"])]
                    cell = ws.cell(rr, cc)
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        formulas.add((t["key"], r["key"], c["key"]))
                        continue
                    n += 1
                    if c["type"] == "money":
                        if c.get("unit"):
                            cell.value = 1234.567891
                            row[c["key"]] = {"value": "1234.567891", "unit": c["unit"]}
                        else:
                            cell.value = "251000元"
                            row[c["key"]] = {"value": "251000", "unit": "元"}
                    elif t["key"] == "proactive" and n % 3 == 0:
                        text, value = text_values[(n // 3) % len(text_values)]
                        cell.value = text
                        row[c["key"]] = value
                    else:
                        v = (n * 7) % 23
                        if c["type"] == "signed_count" and n % 2:
                            v = -v
                        cell.value = v
                        row[c["key"]] = v
    # The totals are what their formulas give: the identities whose right side is one cell.
    changed = True
    while changed:
        changed = False
        for ident in fmt.get("identities", []):
            if len(ident["rhs"]) != 1:
                continue
            t = ident["table"]
            table = expected_tables[t]
            members = ident["each"]
            if members == ["*"]:
                tdef = next(x for x in fmt["tables"] if x["key"] == t)
                members = []
                for b in tdef["blocks"]:
                    keys = [x["key"] for x in (b["columns"] if ident["over"] == "rows" else b["rows"])]
                    if any(k in keys for k in ident["lhs"]):
                        members += [x["key"] for x in (b["rows"] if ident["over"] == "rows" else b["columns"])]
            for m in members:
                def at(k):
                    return (t, m, k) if ident["over"] == "rows" else (t, k, m)
                target = at(ident["rhs"][0])
                if target not in formulas or target[2] in table[target[1]]:
                    continue
                terms = [table[at(k)[1]].get(at(k)[2]) for k in ident["lhs"]]
                if any(x is None for x in terms):
                    continue
                table[target[1]][target[2]] = sum(terms)
                changed = True
    missing = [f for f in formulas if f[2] not in expected_tables[f[0]][f[1]]]
    assert not missing, f"totals without a value: {missing}"

    # Metadata, next to its labels.
    meta = {"机关名称": "示例县人民政府办公室", "机关类型": "政府部门", "行政区划代码": "340621",
            "公开日期": datetime.datetime(year + 1, 1, 20), "联系电话": "0561-1234567",
            "联系地址": "示例县人民路1号", "邮政编码": "235000"}
    sheet = None
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value in meta:
                    ws.cell(c.row, c.column + 1).value = meta[c.value]
                    sheet = ws
    assert sheet is not None, "no metadata sheet"

    # Prose: a paragraph in each part's row, then rows appended below the sheet's note.
    sections = {}
    prose = next(ws for ws in wb.worksheets if ws.cell(1, 1).value == "部分")
    headings = {s["heading"] or "前言": s["key"] for s in fmt["sections"]}
    last = 1
    for r in range(2, prose.max_row + 1):
        heading = prose.cell(r, 1).value
        if heading in headings:
            key = headings[heading]
            text = f"{heading}的第一段，含“引号”、逗号,和 100% 数字。"
            prose.cell(r, 2).value = text
            sections.setdefault(key, []).append(text)
            last = r
    r = prose.max_row + 2
    for heading, texts in [("一、总体情况", ["总体情况第二段。", "总体情况第三段：A 列空着，接上一部分。"]),
                           ("五、存在的主要问题及改进情况", ["问题第二段。"])]:
        for i, text in enumerate(texts):
            prose.cell(r, 1).value = heading if i == 0 else None
            prose.cell(r, 2).value = text
            sections[headings[heading]].append(text)
            r += 1
    assert last > 1
    wb.save(filled)
    return {
        "schema": "nianbao.report/1",
        "format": fmt["id"],
        "year": year,
        "published": f"{year + 1}-01-20",
        "agency": {"name": meta["机关名称"], "kind": "department", "region_code": meta["行政区划代码"]},
        "contact": {"phone": meta["联系电话"], "address": meta["联系地址"], "postcode": meta["邮政编码"]},
        "sections": sections,
        "tables": expected_tables,
    }


def compare(label, actual, expected):
    if actual == expected:
        print(f"ok: {label}")
        return True
    print(f"FAIL: {label}")
    for key in sorted(set(actual) | set(expected)):
        if actual.get(key) != expected.get(key):
            if key == "tables":
                for t in expected["tables"]:
                    for r, cells in expected["tables"][t].items():
                        got = actual.get("tables", {}).get(t, {}).get(r)
                        if got != cells:
                            print(f"  {t}/{r}: got {got}\n  {' ' * len(t + r)}  expected {cells}")
            else:
                print(f"  {key}: got {actual.get(key)!r}\n  expected {expected.get(key)!r}")
    return False


def main():
    nianbao, source, work, fmt_id = sys.argv[1:5]
    libreoffice = "--libreoffice" in sys.argv[5:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(source, "plugins", "formats", fmt_id, fmt_id + ".format.json"), encoding="utf-8") as f:
        fmt = json.load(f)
    year = fmt["years"]["from"] + 1
    template = os.path.join(work, "模板.xlsx")
    run([nianbao, "template", "--format", fmt_id, "--year", str(year), "-o", template])
    ok = check_validation(template, fmt)
    if libreoffice:
        template = libreoffice_resave(template, work, "template")
    filled = os.path.join(work, "filled.xlsx")
    expected = fill(template, filled, fmt, year)
    inputs = [("filled by openpyxl" + (" after LibreOffice" if libreoffice else ""), filled)]
    if libreoffice:
        inputs.append(("re-saved by LibreOffice after filling", libreoffice_resave(filled, work, "filled")))
    for label, path in inputs:
        out = path + ".json"
        r = run([nianbao, "convert", path, "-o", out])
        if r.returncode != 0 or not os.path.exists(out):
            print(f"FAIL: convert {path}: {r.stdout}{r.stderr}")
            ok = False
            continue
        with open(out, encoding="utf-8") as f:
            ok = compare(f"{fmt_id}, {label}", json.load(f), expected) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
