#!/usr/bin/env python3
"""Verifies an exported DOCX with real clients:

1. python-docx reads every table back: each data row (its group labels, its label and every
   value) equals the report's, each merged header cell covers exactly the columns of its group,
   and table 三 has the （六） rows of its format.
2. LibreOffice (headless) renders it to PDF: A4 pages (or the reference document's), the PDF
   text holds the title, every heading, every paragraph, every label of the format and every
   table row with its values in order; page numbers "— n —" stand right on odd pages and left on
   even ones; no text leaves the page's type area (no table cut off at the right edge).

Usage: verify_docx.py --cli NIANBAO --source-dir SRC --report REPORT.json --work DIR
       [--reference-docx FILE | --make-reference] [--other-rows N] [--keep]
Expected values come from the report's JSON and its format definition (expectations.py), not
from the exporter."""

import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import expectations as ex  # noqa: E402

try:
    import docx  # python3-docx
except ImportError:
    sys.exit("python-docx is missing: install the packages of .ci/packages.d/docx.txt")


def distinct_rows(table):
    """Each row's cells as a reader sees them: a horizontally merged cell once, a vertically
    merged one in every row it covers (python-docx repeats the cell above)."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cells and cell._tc is cells[-1]._tc:
                continue
            cells.append(cell)
        rows.append(cells)
    return rows


def grid_columns(row, cell):
    return {i for i, c in enumerate(row.cells) if c._tc is cell._tc}


def find_row(texts, wanted, start):
    for i in range(start, len(texts)):
        if texts[i] == wanted:
            return i
    return -1


def check_merged_headers(ck, table, leaf_row, first_row, leaves, where):
    """leaves: [(path of labels above the column, cell of the leaf)]. Every label above a leaf is
    one merged cell covering exactly the grid columns of the leaves that have it."""
    rows = table.rows
    leaf_columns = [grid_columns(rows[leaf_row], cell) for _, cell in leaves]
    groups = {}
    for (path, _), cols in zip(leaves, leaf_columns):
        for depth, label in enumerate(path):
            groups.setdefault((tuple(path[:depth]), label), set()).update(cols)
    for (prefix, label), cols in groups.items():
        found = False
        for r in range(first_row, leaf_row):
            hit = {i for i, c in enumerate(rows[r].cells) if c.text == label}
            if hit and hit >= cols:
                cells = {id(rows[r].cells[i]._tc) for i in cols}
                ck.expect(hit == cols and len(cells) == 1,
                          "%s: header %s covers grid columns %s, its columns are %s"
                          % (where, label, sorted(hit), sorted(cols)))
                found = True
                break
        ck.expect(found, "%s: no header cell %s above its columns %s" % (where, label, sorted(cols)))


def check_document(ck, path, report, fmt, other_rows):
    document = docx.Document(path)
    # The text in order: the title lines, then each section's heading and paragraphs in the
    # format's order (sections 二–四 have their tables between, which are not paragraphs).
    body = [p for p in document.paragraphs if p.text.strip()]
    want = ex.title_lines(report)
    for section in fmt["sections"]:
        if section.get("heading"):
            want.append(section["heading"])
        want.extend(p.strip() for p in report.get("sections", {}).get(section["key"], []))
    got = [p.text for p in body[:len(want)]]
    ck.expect(got == want, "the paragraphs in order: first difference at %s" % next(
        ((i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w), len(got)))
    for line, p in zip(ex.title_lines(report), body):
        ck.expect(p.style.name == "Title", "title line %s has style %s" % (line, p.style.name))
    styles = {p.text: p.style.name for p in body}
    for section in fmt["sections"]:
        if section.get("heading"):
            # python-docx shows Word's built-in "heading 1" as "Heading 1".
            ck.expect((styles.get(section["heading"]) or "").lower() == "heading 1",
                      "heading %s has style %s" % (section["heading"], styles.get(section["heading"])))
    tables = document.tables
    ck.expect(len(tables) == len(fmt["tables"]),
              "%d tables, the format has %d" % (len(tables), len(fmt["tables"])))
    for table_def, table in zip(fmt["tables"], tables):
        rows = distinct_rows(table)
        texts = [[c.text for c in cells] for cells in rows]
        where = "table " + table_def["key"]
        pos = -1
        for b, block in enumerate(table_def["blocks"]):
            if block.get("caption"):
                i = find_row(texts, [block["caption"]], pos + 1)
                ck.expect(i >= 0, "%s: caption row %s" % (where, block["caption"]))
                pos = max(pos, i)
            block_start = pos + 1
            if table_def.get("layout") == "rows_as_column_groups":
                leaf_labels = [c["label"] for r in block["rows"] for c in block["columns"]]
                wanted = ([block["corner"]] if block.get("corner") else []) + leaf_labels
                i = find_row(texts, wanted, pos + 1)
                ck.expect(i >= 0, "%s: the column labels %s" % (where, wanted))
                if i < 0:
                    continue
                values = [ex.value_of(report, table_def["key"], r["key"], c)
                          for r in block["rows"] for c in block["columns"]]
                got = texts[i + 1] if i + 1 < len(texts) else None
                if block.get("corner"):
                    got = got[1:] if got else got
                ck.expect(got == values, "%s: values %s, want %s" % (where, got, values))
                offset = 1 if block.get("corner") else 0
                leaves = [(([block["column_caption"]] if block.get("column_caption") else [])
                           + r.get("groups", []) + [r["label"]], rows[i][offset + k])
                          for k, (r, c) in enumerate((r, c) for r in block["rows"]
                                                     for c in block["columns"])]
                check_merged_headers(ck, table, i, block_start, leaves, where)
                pos = i + 1
                continue
            wanted = [block.get("corner", "")] + [c["label"] for c in block["columns"]]
            i = find_row(texts, wanted, pos + 1)
            ck.expect(i >= 0, "%s block %d: header row %s" % (where, b, wanted))
            if i < 0:
                continue
            leaves = [(([block["column_caption"]] if block.get("column_caption") else [])
                       + c.get("groups", []), rows[i][1 + k])
                      for k, c in enumerate(block["columns"])]
            check_merged_headers(ck, table, i, block_start, leaves, where)
            pos = i
            for row in block["rows"]:
                values = [ex.value_of(report, table_def["key"], row["key"], c)
                          for c in block["columns"]]
                wanted = row.get("groups", []) + [row["label"]] + values
                k = find_row(texts, wanted, pos + 1)
                ck.expect(k >= 0, "%s: row %s reads %s" % (
                    where, wanted, next((t for t in texts if row["label"] in t), "nothing")))
                if k >= 0:
                    pos = k
        if table_def["key"] == "applications" and other_rows is not None:
            count = sum(1 for t in texts if any(x.startswith("（六）") for x in t))
            ck.expect(count == other_rows,
                      "table 三 has %d （六） rows, want %d" % (count, other_rows))
    return document


# A reference document made by another client (python-docx), as an agency's template would be:
# its own margins, a header, different odd and even footers, a 15 pt Normal style.
REFERENCE_HEADER = "某某市人民政府办公室（参考模板页眉）"
REFERENCE_FOOTERS = ("奇数页页脚", "偶数页页脚")


def make_reference(path):
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(30), Mm(30), Mm(32), Mm(24)
    s.header.paragraphs[0].text = REFERENCE_HEADER
    s.even_page_header.paragraphs[0].text = REFERENCE_HEADER
    d.settings.odd_and_even_pages_header_footer = True
    s.footer.paragraphs[0].text = REFERENCE_FOOTERS[0]
    s.even_page_footer.paragraphs[0].text = REFERENCE_FOOTERS[1]
    normal = d.styles["Normal"]
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    d.add_paragraph("模板正文")
    d.save(path)


def check_reference_taken(ck, document, pdf):
    from docx.shared import Mm, Pt
    s = document.sections[0]
    ck.expect(abs(s.left_margin - Mm(32)) < Mm(0.1) and abs(s.right_margin - Mm(24)) < Mm(0.1),
              "the margins are not the reference's")
    ck.expect(s.header.paragraphs[0].text == REFERENCE_HEADER, "the header is not the reference's")
    ck.expect(document.styles["Normal"].font.size == Pt(15), "Normal is not the reference's")
    ck.expect(document.settings.odd_and_even_pages_header_footer, "odd and even footers are off")
    for n, page in enumerate(ex.pdf_words(pdf), 1):
        words = " ".join(w["text"] for w in page["words"])
        ck.expect(REFERENCE_HEADER in words, "page %d has no reference header" % n)
        ck.expect(REFERENCE_FOOTERS[(n + 1) % 2] in words,
                  "page %d has no %s" % (n, REFERENCE_FOOTERS[(n + 1) % 2]))


def render_pdf(docx_path, work, env):
    profile = tempfile.mkdtemp(prefix="lo-profile-", dir=work)
    ex.run(["soffice", "--headless", "--norestore", "--nolockcheck",
            "-env:UserInstallation=file://" + profile, "--convert-to", "pdf", "--outdir", work,
            docx_path], timeout=600, env=env)
    pdf = os.path.splitext(docx_path)[0] + ".pdf"
    # LibreOffice exits 0 even when it converted nothing: the file is the proof.
    if not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
        raise AssertionError("LibreOffice wrote no PDF for " + docx_path)
    return pdf


def check_pdf(ck, pdf, report, fmt, document, reference, furniture=()):
    section = document.sections[0]
    emu_per_pt = 12700
    page_w = section.page_width / emu_per_pt
    page_h = section.page_height / emu_per_pt
    left = section.left_margin / emu_per_pt
    right = section.right_margin / emu_per_pt
    sizes = ex.pdf_page_sizes(pdf)
    ck.expect(len(sizes) > 1, "the PDF has %d pages" % len(sizes))
    for n, (w, h) in enumerate(sizes, 1):
        ck.expect(abs(w - page_w) < 1 and abs(h - page_h) < 1,
                  "page %d is %.1f × %.1f pt, the document's page is %.1f × %.1f" % (n, w, h, page_w, page_h))
    if not reference:
        ck.expect(abs(page_w - 595.3) < 1 and abs(page_h - 841.9) < 1, "the page is not A4")

    raw = ex.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])
    # Page furniture (page numbers, a reference document's headers and footers) stands between
    # the two halves of a paragraph that runs over a page break.
    raw = re.sub(r"—\s*\d+\s*—", "", raw)
    for text in furniture:
        raw = raw.replace(text, "")
    text = ex.compact(raw)
    for line in ex.title_lines(report):
        ck.expect(ex.compact(line) in text, "title line %s" % line)
    for label in ex.labels(fmt):
        ck.expect(ex.compact(label) in text, "label %s" % label)
    # Paragraphs are compared without punctuation: a comma hanging into the margin at a line's
    # end is sometimes not in the PDF's text layer (LibreOffice with a text grid), though the
    # DOCX has it (checked above with python-docx).
    bare = ex.without_punctuation(text)
    for paragraph in ex.paragraphs(report):
        ck.expect(ex.without_punctuation(ex.compact(paragraph)) in bare, "paragraph %s…" % paragraph[:30])
    for table_def in fmt["tables"]:
        for block in table_def["blocks"]:
            if table_def.get("layout") == "rows_as_column_groups":
                values = "".join(ex.value_of(report, table_def["key"], r["key"], c)
                                 for r in block["rows"] for c in block["columns"])
                leaves = "".join(c["label"] for r in block["rows"] for c in block["columns"])
                ck.expect(ex.compact(leaves + values) in text,
                          "%s: the line of values %s under its header" % (table_def["key"], values))
                continue
            for row in block["rows"]:
                values = "".join(ex.value_of(report, table_def["key"], row["key"], c)
                                 for c in block["columns"])
                ck.expect(ex.compact(row["label"] + values) in text,
                          "%s: row %s with values %s" % (table_def["key"], row["label"], values))

    pages = ex.pdf_words(pdf)
    for n, page in enumerate(pages, 1):
        for w in page["words"]:
            # Chinese typesetting lets a comma or full stop hang into the margin at a line's end
            # (Word's and LibreOffice's default): one character of slack for those alone.
            hang = 17 if w["text"] and w["text"][-1] in ex.HANGING_PUNCTUATION else 0
            ck.expect(w["x0"] >= left - 3 and w["x1"] <= page["width"] - right + 3 + hang,
                      "page %d: %r at x %.1f–%.1f is outside the type area %.1f–%.1f"
                      % (n, w["text"], w["x0"], w["x1"], left, page["width"] - right))
        if reference:
            continue
        # The page number: "— n —" below the type area, right on odd pages, left on even ones.
        bottom = [w for w in page["words"] if w["y0"] > page["height"] * 0.85 and w["text"] == str(n)]
        ck.expect(len(bottom) == 1, "page %d: page number %d not found at the bottom" % (n, n))
        if bottom:
            middle = (bottom[0]["x0"] + bottom[0]["x1"]) / 2
            ck.expect(middle > page["width"] / 2 if n % 2 else middle < page["width"] / 2,
                      "page %d: its number stands on the %s" % (n, "left" if middle < page["width"] / 2 else "right"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--reference-docx")
    parser.add_argument("--make-reference", action="store_true",
                        help="make a reference document with python-docx and check it is taken")
    parser.add_argument("--other-rows", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the DOCX and PDF in --work")
    args = parser.parse_args()

    name = os.path.splitext(os.path.basename(args.report))[0]
    if name == "report":  # examples/<name>/report.json
        name = os.path.basename(os.path.dirname(os.path.abspath(args.report)))
    ck = ex.Checker("verify_docx " + name +
                    (" with a reference document" if args.reference_docx or args.make_reference else ""))
    os.makedirs(args.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix=name + "-", dir=args.work)
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts.conf")
    env.pop("NIANBAO_PLUGIN_PATH", None)
    try:
        report = ex.load_json(args.report)
        fmt = ex.load_format(args.source_dir, report["format"])
        out = os.path.join(work, name + ".docx")
        if args.make_reference:
            args.reference_docx = os.path.join(work, "agency-template.docx")
            make_reference(args.reference_docx)
        cmd = [args.cli, "convert", args.report, "-o", out]
        if args.reference_docx:
            cmd += ["--option", "reference-docx=" + args.reference_docx]
        ex.run(cmd, env=env)
        document = check_document(ck, out, report, fmt, args.other_rows)
        pdf = render_pdf(out, work, env)
        furniture = (REFERENCE_HEADER,) + REFERENCE_FOOTERS if args.make_reference else ()
        check_pdf(ck, pdf, report, fmt, document, bool(args.reference_docx), furniture)
        if args.make_reference:
            check_reference_taken(ck, document, pdf)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return ck.finish()


if __name__ == "__main__":
    sys.exit(main())
