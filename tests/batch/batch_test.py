#!/usr/bin/env python3
"""End to end: generate reports with injected errors, check them in one batch, and add them up.

- `nianbao batch` over a folder of mixed gov-2019/gov-2021 reports finds exactly the findings the
  generator injected, file by file; the summary lists every file; a broken file is one failed row.
- `--convert-to` writes every readable report once, and refuses to write over an input or two
  reports to one file.
- `--previous-dir` pairs each report with its agency's report of the year before.
- `nianbao aggregate` equals the sum computed here, independently, from the JSON files.
"""
import collections
import csv
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal

nianbao, generate, source = sys.argv[1:4]
tmp = pathlib.Path(tempfile.mkdtemp(prefix="nianbao-batch-"))


def run(*args, expect=None):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600)
    if expect is not None and p.returncode != expect:
        sys.exit(f"FAIL: {' '.join(map(str, args))} exited {p.returncode}, expected {expect}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p


try:
    # ---- exactly the injected findings -------------------------------------------------------
    reports = tmp / "reports"
    run(generate, "-n", 600, "-o", reports, "--seed", 11, "--inject-rate", 0.35, expect=0)
    (reports / "broken.json").write_text("{ not json", encoding="utf-8")
    manifest = json.loads((tmp / "reports.manifest.json").read_text(encoding="utf-8"))
    injected = sum(1 for e in manifest if e["injected"])
    assert injected > 100, injected
    run(nianbao, "batch", reports, "--jobs", 2, "--summary", tmp / "summary.csv", "--findings", tmp / "findings.json",
        "--fail-on", "info", expect=1)
    findings = json.loads((tmp / "findings.json").read_text(encoding="utf-8"))
    found = collections.defaultdict(list)
    for d in findings["diagnostics"]:
        found[pathlib.Path(d["location"]["file"]).name].append(d["code"])
    mismatches = [(e["file"], e["injected"], e["expected_codes"], sorted(found.get(e["file"], [])))
                  for e in manifest if sorted(found.get(e["file"], [])) != sorted(e["expected_codes"])]
    assert not mismatches, mismatches[:10]
    assert found["broken.json"] == ["JSON-01"], found["broken.json"]
    with open(tmp / "summary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(manifest) + 1, len(rows)
    by_file = {pathlib.Path(r["file"]).name: r for r in rows}
    assert by_file["broken.json"]["readable"] == "no"
    for e in manifest:
        r = by_file[e["file"]]
        assert r["readable"] == "yes" and r["agency"] == e["agency"] and r["format"] == e["format"], r
        assert int(r["errors"]) + int(r["warnings"]) + int(r["infos"]) == len(e["expected_codes"]), (r, e)
        assert (r["worst_code"] != "") == bool(e["expected_codes"]), (r, e)
    # JSON and HTML summaries of the same batch
    run(nianbao, "batch", reports, "-q", "--summary", tmp / "summary.json", expect=1)
    summary = json.loads((tmp / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["reports"] == len(manifest) + 1 and summary["totals"]["unreadable"] == 1
    run(nianbao, "batch", reports, "-q", "--summary", tmp / "summary.html", expect=1)
    html = (tmp / "summary.html").read_text(encoding="utf-8")
    assert html.count("<tr") == len(manifest) + 2, html.count("<tr")  # header row + one per report

    # ---- converting while checking: every readable report written once, nothing over an input
    docx_dir = tmp / "docx"
    run(nianbao, "batch", reports, "-q", "--jobs", 2, "--convert-to", ".docx", "--output-dir", docx_dir,
        "--findings", tmp / "findings-docx.json", expect=1)
    written = sorted(p.name for p in docx_dir.iterdir())
    assert written == sorted(pathlib.Path(e["file"]).stem + ".docx" for e in manifest), written[:5]
    for name in written[:20]:
        with zipfile.ZipFile(docx_dir / name) as z:
            assert "word/document.xml" in z.namelist(), name
    assert json.loads((tmp / "findings-docx.json").read_text(encoding="utf-8")) == findings
    p = run(nianbao, "batch", reports, "-q", "--convert-to", "json", "--output-dir", reports, expect=2)
    assert "000001" in p.stderr, p.stderr
    clash = tmp / "clash"
    for sub in ("a", "b"):
        (clash / sub).mkdir(parents=True)
        shutil.copy(reports / manifest[0]["file"], clash / sub / "same.json")
    p = run(nianbao, "batch", clash, "-q", "--convert-to", ".html", "--output-dir", tmp / "clash-out", expect=2)
    assert "same.json" in p.stderr and not list((tmp / "clash-out").iterdir()), p.stderr

    # ---- cross-year pairing with --previous-dir --------------------------------------------
    corpus = pathlib.Path(source) / "tests/data/corpus"
    this_year, last_year = tmp / "2022", tmp / "2021"
    this_year.mkdir()
    last_year.mkdir()
    shutil.copy(corpus / "pingtan-2022.json", this_year)
    altered = json.loads((corpus / "pingtan-2021.json").read_text(encoding="utf-8"))
    altered["tables"]["applications"]["carried_forward"]["natural_person"] = 3
    (last_year / "pingtan-2021.json").write_text(json.dumps(altered, ensure_ascii=False), encoding="utf-8")
    run(nianbao, "batch", this_year, "-q", "--findings", tmp / "xy.json", expect=0)  # alone it is clean
    assert not [d for d in json.loads((tmp / "xy.json").read_text())["diagnostics"] if d["code"] == "XY-01"]
    run(nianbao, "batch", this_year, "-q", "--previous-dir", last_year, "--findings", tmp / "xy.json", expect=1)
    xy = [d for d in json.loads((tmp / "xy.json").read_text())["diagnostics"] if d["code"] == "XY-01"]
    assert len(xy) == 1 and xy[0]["location"]["column"] == "natural_person", xy

    # ---- aggregation equals an independent sum --------------------------------------------
    region = tmp / "region"
    run(generate, "-n", 120, "-o", region, "--seed", 5, "--format", "gov-2021", expect=0)
    run(nianbao, "aggregate", region, "-o", tmp / "total.json", "--agency", "示例市人民政府", expect=0)
    total = json.loads((tmp / "total.json").read_text(encoding="utf-8"))
    expected = collections.defaultdict(Decimal)
    for f in sorted(region.glob("*.json")):
        report = json.loads(f.read_text(encoding="utf-8"))
        for table, rows_ in report["tables"].items():
            for row, cells in rows_.items():
                for column, cell in cells.items():
                    if isinstance(cell, dict):
                        value = Decimal(cell["value"]) * (Decimal("0.0001") if cell.get("unit") == "元" else 1)
                    else:
                        value = Decimal(cell)
                    expected[(table, row, column)] += value
    got = {}
    for table, rows_ in total["tables"].items():
        for row, cells in rows_.items():
            for column, cell in cells.items():
                got[(table, row, column)] = Decimal(cell["value"]) if isinstance(cell, dict) else Decimal(cell)
    assert got == dict(expected), [k for k in expected if got.get(k) != expected[k]][:5]
    assert total["agency"]["kind"] == "government" and total["x-aggregate"]["count"] == 120
    assert len(total["x-aggregate"]["reports"]) == 120
    # The total is a report like any other: it checks clean of arithmetic errors.
    p = run(nianbao, "check", tmp / "total.json", "--output-format", "json")
    codes = {d["code"] for d in json.loads(p.stdout)["diagnostics"]}
    assert not codes & {"T3-01", "T3-02", "T3-03", "T4-01", "T4-02", "T4-03", "CEL-01", "CEL-04"}, codes
    # Mixing years is refused, naming the file.
    mixed = tmp / "mixed"
    shutil.copytree(region, mixed)
    shutil.copy(corpus / "pingtan-2022.json", mixed)
    p = run(nianbao, "aggregate", mixed, "-o", tmp / "never.json", expect=2)
    assert "AGG-01" in p.stderr and "pingtan-2022.json" in p.stderr, p.stderr
    assert not (tmp / "never.json").exists()
    print("batch: 3 passed, 0 failed")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
