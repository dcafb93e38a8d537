#!/usr/bin/env python3
"""Word files written by another client than nianbao, read by the DOCX importer.

1. An agency edits the report nianbao wrote with python-docx (which re-serialises every part and
   re-zips the package its own way): a number in table 三 is changed, a paragraph is added to
   section 五, a line is split into runs. `nianbao check` reads the edited file: the changed
   number breaks the row total (T3-01) at the cell python-docx changed, pointed at as
   "表2 第…行第…列"; the added paragraph is in section 五.
2. A report built from nothing with python-docx — title, headings, table 四 with cells merged by
   python-docx (gridSpan, vMerge) — is read as a gov-2021 report with table 四's values.

Usage: python_docx_clients.py --cli NIANBAO --source-dir SRC --work DIR"""

import argparse
import json
import os
import shutil
import subprocess
import sys

try:
    import docx  # python3-docx
except ImportError:
    sys.exit("python-docx is missing: install the packages of .ci/packages.d/docx.txt")


def run(cli, *args):
    p = subprocess.run([cli, "--lang", "en", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def edited_report(cli, source, work):
    original = os.path.join(work, "original.docx")
    code, out, err = run(cli, "convert", os.path.join(source, "examples/huaibei-2020/report.json"),
                         "-o", original)
    if code != 0:
        fail("convert: " + out + err)
    d = docx.Document(original)
    table = d.tables[1]  # 表三, the second table
    target = None
    for r, row in enumerate(table.rows):
        if row.cells[0].text.startswith("一、本年新收"):
            target = (r, row)
            break
    if target is None:
        fail("python-docx finds no row 一、本年新收 in the second table")
    r, row = target
    # The first value column: after the label cells (merged across the label columns).
    label = row.cells[0]._tc
    c = next(i for i, cell in enumerate(row.cells) if cell._tc is not label)
    row.cells[c].text = "37"
    for p in d.paragraphs:
        if p.text.startswith("五、"):
            added = p.insert_paragraph_before("")  # placeholder, moved below the heading
            added._p.getparent().remove(added._p)
            p._p.addnext(added._p)
            added.add_run("下一步，")
            added.add_run("我们将")
            added.add_run("持续改进。")
            break
    else:
        fail("no heading 五、 found")
    edited = os.path.join(work, "edited.docx")
    d.save(edited)

    code, out, err = run(cli, "check", "--output-format", "json", edited)
    if code != 1:
        fail("check of the edited file: exit %d, expected 1 (errors)\n%s%s" % (code, out, err))
    found = json.loads(out)["diagnostics"]
    t3 = [x for x in found if x["code"] == "T3-01" and x["location"].get("row") == "new"]
    if not t3:
        fail("no T3-01 on the row 一、本年新收: " + json.dumps(found, ensure_ascii=False)[:2000])
    pointer = t3[0]["location"].get("pointer", "")
    expected = "表2 第%d行第%d列" % (r + 1, c + 1)
    if pointer != expected:
        fail("T3-01 points at %r, expected %r" % (pointer, expected))
    report = os.path.join(work, "edited.json")
    code, out, err = run(cli, "convert", edited, "-o", report)
    if code != 0:
        fail("convert of the edited file: " + out + err)
    with open(report, encoding="utf-8") as f:
        sections = json.load(f)["sections"]
    if "下一步，我们将持续改进。" not in sections.get("problems", []):
        fail("the added paragraph is not in section 五: " + json.dumps(sections.get("problems"),
                                                                  ensure_ascii=False))
    print("edited by python-docx: T3-01 at", pointer, "and the added paragraph in section 五")


def built_report(cli, work):
    d = docx.Document()
    d.add_paragraph("某县人民政府办公室2022年政府信息公开工作年度报告")
    d.add_paragraph("本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。")
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    t = d.add_table(rows=4, cols=15)
    t.cell(0, 0).merge(t.cell(1, 4)).text = "行政复议"
    t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
    t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
    t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    for i in range(15):
        cell = t.cell(2, i)
        cell.text = labels[i % 5][:2]
        cell.add_paragraph(labels[i % 5][2:])  # the label broken across two paragraphs
        t.cell(3, i).text = str(values[i])
    built = os.path.join(work, "built.docx")
    d.save(built)
    report = os.path.join(work, "built.json")
    code, out, err = run(cli, "convert", built, "-o", report)
    if code not in (0, 1):
        fail("convert of the python-docx report: exit %d\n%s%s" % (code, out, err))
    with open(report, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("year") != 2022:
        fail("year %r, expected 2022" % data.get("year"))
    table = data["tables"]["review_litigation"]
    got = [table[g][k] for g in ("review", "litigation_direct", "litigation_after_review")
           for k in ("upheld", "corrected", "other", "pending", "total")]
    if got != values:
        fail("table 四 read as %r, expected %r" % (got, values))
    print("built by python-docx: table 四 read with its merged headers")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--cli", required=True)
    a.add_argument("--source-dir", required=True)
    a.add_argument("--work", required=True)
    args = a.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    edited_report(args.cli, args.source_dir, args.work)
    built_report(args.cli, args.work)


if __name__ == "__main__":
    main()
