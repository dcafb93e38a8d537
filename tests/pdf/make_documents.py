#!/usr/bin/env python3
"""Builds the PDF test documents: every report, typed into Word tables and saved as PDF by
LibreOffice, in the variants agencies publish.

For each report (JSON) the Word document is nianbao's DOCX export (the official tables with their
merged cells); python-docx then lays it out as an agency's Word document would be:

  export       as exported (label columns wide, figure columns narrow)
  wide         label columns wider still, figure columns as narrow as their figures allow;
               table 三 pushed down the page so that it breaks over a page, header not repeated
  equal        every column of every table the same width, table text in 小四 (12 pt): labels
               wrap one or two characters a line, longer figures wrap too
  equal-late   as `equal`, table 三 breaking lower down

and, as a second real program, nianbao's web page export printed to PDF by Chromium:

  web          the header rows of every table (<thead>) repeated on each page a table runs over

and a scan: the first page of the first report's PDF as a picture (pdftoppm), printed to PDF by
Chromium, with no text layer (variant "scan": to be refused).

(A Word table whose header rows are marked to repeat is not among them: LibreOffice 7.4 draws the
repeated rows of table 三's header, whose corner cell is merged down three rows, over the first
row of the next page, which no agency's PDF looks like.)

LibreOffice renders every document to PDF in one run (it exits 0 even when it converts nothing:
each PDF is checked). manifest.json lists, for each PDF, the report, the variant and the pages
table 三 runs over (from pdftotext), so that the tests know which PDFs break it over a page.

Usage: make_documents.py --cli BUILD/bin/nianbao --out DIR REPORT.json...
"""
import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

VARIANTS = {
    # name: (column widths, spacer paragraphs before table 三, table font pt, rules)
    "export": (None, 0, None, None),
    "wide": ("wide", 6, None, None),
    "equal": ("equal", 3, 12, None),
    "equal-late": ("equal", 12, 12, None),
    "borderless": (None, 0, None, "none"),
    "threeline": (None, 4, None, "three"),
    "split-rows": (None, 5, None, "split"),
    "split-rows-late": (None, 9, None, "split"),
    "stream-split": (None, 5, None, "none-split"),
    "stream-split-mid": (None, 7, None, "none-split"),
    "stream-split-late": (None, 9, None, "none-split"),
}


def report_name(path):
    """examples/NAME/report.json is NAME; tests/data/corpus/NAME.json is NAME."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.basename(os.path.dirname(os.path.abspath(path))) if stem == "report" else stem


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def grid_widths(table):
    grid = table._tbl.tblGrid
    return [int(c.get(qn("w:w"))) for c in grid.findall(qn("w:gridCol"))]


def set_widths(table, widths):
    """Sets the grid columns and every cell's width (spanned cells the sum), fixed layout."""
    tbl = table._tbl
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w)))
    tblPr = tbl.tblPr
    layout = tblPr.find(qn("w:tblLayout"))
    if layout is None:
        layout = tblPr.makeelement(qn("w:tblLayout"), {})
        tblPr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is not None:
        tblW.set(qn("w:w"), str(int(sum(widths))))
        tblW.set(qn("w:type"), "dxa")
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        trPr = tr.find(qn("w:trPr"))
        if trPr is not None and trPr.find(qn("w:gridBefore")) is not None:
            col = int(trPr.find(qn("w:gridBefore")).get(qn("w:val")))
        for tc in tr.findall(qn("w:tc")):
            tcPr = tc.get_or_add_tcPr()
            span_el = tcPr.find(qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            tcW = tcPr.find(qn("w:tcW"))
            if tcW is None:
                tcW = tcPr.makeelement(qn("w:tcW"), {})
                tcPr.insert(0, tcW)
            tcW.set(qn("w:w"), str(int(sum(widths[col:col + span]))))
            tcW.set(qn("w:type"), "dxa")
            col += span


def label_columns(table):
    """How many leading grid columns hold labels: up to the first column with a figure."""
    widths = grid_widths(table)
    for row in table.rows:
        cells = row.cells
        for k, c in enumerate(cells):
            if c.text.strip().isdigit():
                return max(1, min(k, len(widths) - 1))
    return 1


def relayout(table, kind):
    widths = grid_widths(table)
    total = sum(widths)
    n = len(widths)
    if kind == "equal":
        set_widths(table, [total / n] * n)
    elif kind == "wide":
        labels = label_columns(table)
        if n - labels >= 7:  # figures in narrow columns, the labels share the rest
            figure = total * 0.058
        else:
            figure = total * 0.16
        label = (total - figure * (n - labels)) / labels
        set_widths(table, [label] * labels + [figure] * (n - labels))


def table_three(document):
    for t in document.tables:
        if any("本年新收" in c.text for c in t.columns[0].cells):
            return t
    return None


def borders(parent, tag, sizes):
    """Replaces parent's `tag` borders: the sides in `sizes` single lines of that size (eighths of
    a point), the others none."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    element = parent.makeelement(qn(tag), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = element.makeelement(qn("w:" + side), {})
        if side in sizes:
            e.set(qn("w:val"), "single")
            e.set(qn("w:sz"), str(sizes[side]))
            e.set(qn("w:space"), "0")
            e.set(qn("w:color"), "000000")
        else:
            e.set(qn("w:val"), "nil")
        element.append(e)
    return element


def header_rows(tbl):
    rows = []
    for tr in tbl.findall(qn("w:tr")):
        trPr = tr.find(qn("w:trPr"))
        if trPr is not None and trPr.find(qn("w:tblHeader")) is not None:
            rows.append(tr)
    return rows


def rule(table, kind):
    """Redraws a table's borders: "none" (no lines at all), "three" (三线表: a heavy rule above
    and below the table and a thin one under the header). "split" lets rows break over a page
    and stops repeating the header rows; "none-split" is both."""
    tbl = table._tbl
    if kind in ("split", "none-split"):
        for tr in tbl.findall(qn("w:tr")):
            trPr = tr.find(qn("w:trPr"))
            if trPr is None:
                continue
            for tag in ("w:cantSplit", "w:tblHeader"):
                e = trPr.find(qn(tag))
                if e is not None:
                    trPr.remove(e)
            # A row's minimum height would keep a short row whole; let every row break.
            height = trPr.find(qn("w:trHeight"))
            if height is not None:
                trPr.remove(height)
        if kind == "split":
            return
    for tcPr in tbl.iter(qn("w:tcPr")):
        b = tcPr.find(qn("w:tcBorders"))
        if b is not None:
            tcPr.remove(b)
    tblPr = tbl.tblPr
    element = borders(tblPr, "w:tblBorders", {"top": 12, "bottom": 12} if kind == "three" else {})
    jc = tblPr.find(qn("w:jc"))
    (jc if jc is not None else tblPr.find(qn("w:tblW"))).addnext(element)
    if kind == "three":
        rows = header_rows(tbl)
        if rows:
            for tc in rows[-1].findall(qn("w:tc")):
                tcPr = tc.get_or_add_tcPr()
                b = borders(tcPr, "w:tcBorders", {"bottom": 4})
                after = None
                for tag in ("w:vMerge", "w:gridSpan", "w:tcW"):
                    after = tcPr.find(qn(tag))
                    if after is not None:
                        break
                after.addnext(b)


def make_variant(source, target, variant):
    widths, spacers, font, rules = VARIANTS[variant]
    document = docx.Document(source)
    for t in document.tables:
        if widths:
            relayout(t, widths)
        if rules:
            rule(t, rules)
        if font:
            for row in t.rows:
                for c in row.cells:
                    for p in c.paragraphs:
                        for r in p.runs:
                            r.font.size = Pt(font)
    three = table_three(document)
    if three is not None:
        heading = None
        for p in document.paragraphs:
            if p.text.startswith("三、") and "申请" in p.text:
                heading = p
        if heading is not None:
            for _ in range(spacers):
                heading._p.addprevious(copy.deepcopy(heading._p.makeelement(qn("w:p"), {})))
    document.save(target)


def print_page(page, pdf, work, env):
    """Chromium, headless, with a fresh profile and nothing reaching the network, prints a page."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=work)
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         "--disable-sync", "--user-data-dir=" + profile, "--no-pdf-header-footer",
         "--print-to-pdf=" + pdf, "file://" + page], env=env, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)


def pages_of_table_three(pdf):
    """The pages (from 1) of table 三's first and last rows, from pdftotext in content order
    (where a label wrapped in a narrow cell stays in one piece)."""
    text = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"]).stdout
    first = last = None
    for n, page in enumerate(text.split("\f"), 1):
        flat = "".join(page.split())
        if first is None and "本年新收" in flat:
            first = n
        if first is not None and "结转下年度继续办理" in flat:
            last = n
    return first, last


ITEM = re.compile(r"^\s*([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|[0-9]{1,2}[.．、])")


def row_split(pdf, first):
    """Whether table 三 breaks inside a row after page `first`: the next page's first line is
    the rest of a label (no figure, no new item) or figures without their label."""
    text = run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(first + 1), "-l",
                str(first + 1), pdf, "-"]).stdout
    for line in text.splitlines():
        if line.strip():
            words = line.split()
            figures_only = all(w.isdigit() for w in words)
            return figures_only or (not ITEM.match(line) and not any(c.isdigit() for c in line))
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--fonts", help="fontconfig file for LibreOffice and Chromium")
    ap.add_argument("reports", nargs="+")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    documents = []
    for report in args.reports:
        name = report_name(report)
        exported = os.path.join(out, name + ".export.docx")
        run([args.cli, "convert", report, "-o", exported, "--to", "docx"])
        for variant in VARIANTS:
            target = os.path.join(out, "%s.%s.docx" % (name, variant))
            if variant != "export":
                make_variant(exported, target, variant)
            documents.append((name, report, variant, target))
    env = dict(os.environ)
    if args.fonts:
        env["FONTCONFIG_FILE"] = args.fonts
    webs = []
    for report in args.reports:
        name = report_name(report)
        page = os.path.join(out, name + ".web.html")
        run([args.cli, "convert", report, "-o", page, "--to", "html"])
        pdf = os.path.join(out, name + ".web.pdf")
        print_page(page, pdf, out, env)
        webs.append((name, report, "web", page))
    profile = tempfile.mkdtemp(prefix="lo-profile-", dir=out)
    run(["soffice", "--headless", "--norestore", "--nolockcheck",
         "-env:UserInstallation=file://" + profile, "--convert-to", "pdf", "--outdir", out] +
        [d[3] for d in documents], env=env, timeout=1200)
    shutil.rmtree(profile, ignore_errors=True)
    manifest = []
    for name, report, variant, docx_path in documents + webs:
        pdf = os.path.splitext(docx_path)[0] + ".pdf"
        # LibreOffice (and Chromium) exit 0 even when they convert nothing: the file is the proof.
        if not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
            sys.exit("LibreOffice wrote no PDF for " + docx_path)
        first, last = pages_of_table_three(pdf)
        split = bool(first and last and last > first and "split" in variant and
                     row_split(pdf, first))
        manifest.append({"report": os.path.abspath(report), "variant": variant,
                         "pdf": pdf, "table_three_pages": [first, last], "row_split": split})
    # A scanned report: a picture of a page and no text.
    first = manifest[0]["pdf"]
    run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", first,
         os.path.join(out, "scan")])
    page = os.path.join(out, "scan.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><style>@page { size: A4; margin: 0 } body { margin: 0 }'
                ' img { width: 210mm }</style></head><body><img src="scan.png"></body></html>')
    scan = os.path.join(out, "scan.pdf")
    print_page(page, scan, out, env)
    if not os.path.exists(scan) or os.path.getsize(scan) == 0:
        sys.exit("Chromium wrote no PDF for " + page)
    if run(["pdftotext", scan, "-"]).stdout.strip():
        sys.exit("the scan has a text layer: " + scan)
    manifest.append({"report": manifest[0]["report"], "variant": "scan", "pdf": scan,
                     "table_three_pages": [None, None], "row_split": False})
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    for m in manifest:
        print(os.path.basename(m["pdf"]), m["table_three_pages"],
              "row split" if m["row_split"] else "")


if __name__ == "__main__":
    main()
