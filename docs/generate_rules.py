#!/usr/bin/env python3
"""Regenerates the tables of docs/rules.md from `nianbao rules --json` (run after adding a rule):

    python3 docs/generate_rules.py build/bin/nianbao

The text above the first table is kept; every table below it is rewritten, grouped by code prefix.
A test (Catalogue.DocumentedInTheRuleCatalogue) fails when the page and the catalogue disagree.
"""
import json
import pathlib
import subprocess
import sys

GROUPS = [
    ("Structure and format", ["STR", "FMT"]),
    ("Cells", ["CEL"]),
    ("Table 二 (主动公开)", ["T2"]),
    ("Table 三 (申请) and 四 (复议、诉讼) arithmetic", ["T3", "T4"]),
    ("Cross-year (with --previous)", ["XY"]),
    ("Prose against tables (正文与表格)", ["NT"]),
    ("Sections 五 and 六, publication", ["S5", "S6", "PUB"]),
    ("Reading the canonical JSON and other inputs", ["JSON", "IO", "IMP"]),
    ("Published reports as text and PDF", ["TXT", "PDF"]),
    ("Plugins, checks, aggregation", ["PLG", "EXP", "CHK", "AGG"]),
]
SEVERITY = {"error": "E", "warning": "W", "info": "I"}

nianbao = sys.argv[1] if len(sys.argv) > 1 else "build/bin/nianbao"
rules = json.loads(subprocess.run([nianbao, "rules", "--json"], check=True, capture_output=True, text=True).stdout)
page = pathlib.Path(__file__).with_name("rules.md")
intro = page.read_text(encoding="utf-8").split("\n## ")[0].rstrip() + "\n"

known = {p for _, prefixes in GROUPS for p in prefixes}
others = sorted({r["code"].split("-")[0] for r in rules} - known)
groups = GROUPS + [("Reading and writing other kinds of file", others)] if others else GROUPS

out = [intro]
for title, prefixes in groups:
    rows = [r for r in rules if r["code"].split("-")[0] in prefixes]
    if not rows:
        continue
    out.append(f"\n## {title}\n")
    out.append("| code | sev | formats | rule (中文) | rule (English) | enforces |")
    out.append("|---|---|---|---|---|---|")
    for r in rows:
        formats = ", ".join(r["formats"]) if r["formats"] else "all"
        out.append(f"| `{r['code']}` | {SEVERITY[r['severity']]} | {formats} | {r['title_zh']} | {r['title_en']} | {r['clause']} |")
page.write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{len(rules)} rules written to {page}")
