"""What a printed report must show, computed from the report's canonical JSON and its format
definition alone (not from the exporters' code): the title, the headings, every printed label and
every cell's text. Shared by the DOCX and HTML verification scripts."""

import json
import os
import re
import subprocess

REPORT_NAME = "政府信息公开工作年度报告"
# Punctuation that may hang past the end of a line in Chinese typesetting.
HANGING_PUNCTUATION = "，。、；：！？）》」』”’"


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_format(source_dir, format_id):
    return load_json(os.path.join(source_dir, "plugins", "formats", format_id,
                                  format_id + ".format.json"))


def cell_text(cell, column):
    """The text a cell is printed with (report-json.md cell forms; formats.md §7): a number as
    written — its raw text when the source kept one —, blank as nothing, not-applicable as its raw
    text ("/" when none), money with its unit unless the column's label already names it."""
    if cell is None:
        return ""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return str(cell)
    if cell.get("na"):
        return cell.get("raw") or "/"
    value = cell.get("value")
    if value is None:
        return ""
    if cell.get("raw"):
        return cell["raw"]
    text = str(value)
    unit = cell.get("unit")
    if column.get("type") == "money" and unit and unit != column.get("unit"):
        text += unit
    return text


def value_of(report, table_key, row_key, column):
    row = report.get("tables", {}).get(table_key, {}).get(row_key, {})
    return cell_text(row.get(column["key"]), column)


def title_lines(report):
    lines = []
    if report.get("agency", {}).get("name"):
        lines.append(report["agency"]["name"])
    lines.append("%d年%s" % (report["year"], REPORT_NAME))
    return lines


def labels(fmt):
    """Every label the format prints: headings, block captions, corners, column captions,
    column groups and labels, row groups and labels."""
    out = [s["heading"] for s in fmt["sections"] if s.get("heading")]
    for table in fmt["tables"]:
        for block in table["blocks"]:
            for key in ("caption", "corner", "column_caption"):
                if block.get(key):
                    out.append(block[key])
            for column in block["columns"]:
                out.extend(column.get("groups", []))
                out.append(column["label"])
            for row in block["rows"]:
                out.extend(row.get("groups", []))
                out.append(row["label"])
    return out


def compact(text):
    """Text without any whitespace: how a label wrapped over several lines of a cell is compared."""
    return re.sub(r"\s+", "", text)


def without_punctuation(text):
    return "".join(ch for ch in text if ch not in HANGING_PUNCTUATION)


def paragraphs(report):
    out = []
    for key, texts in report.get("sections", {}).items():
        out.extend(texts)
    return out


def run(cmd, timeout=300, env=None):
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except FileNotFoundError:
        raise AssertionError("%s is not installed: install the packages listed in "
                             ".ci/packages.d/docx.txt (bash .ci/install-deps)" % cmd[0])
    if result.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s\n%s" % (cmd[0], result.returncode,
                                                          result.stdout, result.stderr))
    return result.stdout


def pdf_page_sizes(pdf):
    """(width, height) in points of every page, from pdfinfo."""
    info = run(["pdfinfo", "-f", "1", "-l", "9999", pdf])
    sizes = []
    for line in info.splitlines():
        m = re.match(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", line)
        if m:
            sizes.append((float(m.group(1)), float(m.group(2))))
    return sizes


def pdf_words(pdf):
    """Every word of the PDF with its page and box, from pdftotext -bbox."""
    import xml.etree.ElementTree as ET
    xhtml = run(["pdftotext", "-bbox", pdf, "-"])
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for w in page.findall("h:word", ns):
            words.append({"text": w.text or "", "x0": float(w.get("xMin")), "x1": float(w.get("xMax")),
                          "y0": float(w.get("yMin")), "y1": float(w.get("yMax"))})
        pages.append({"width": float(page.get("width")), "height": float(page.get("height")),
                      "words": words})
    return pages


class Checker:
    """Collects failures instead of stopping at the first, and reports them all at the end."""

    def __init__(self, name):
        self.name = name
        self.failures = []
        self.checks = 0

    def expect(self, condition, message):
        self.checks += 1
        if not condition:
            self.failures.append(message)

    def finish(self):
        for f in self.failures[:60]:
            print("FAIL:", f)
        if len(self.failures) > 60:
            print("… and %d more" % (len(self.failures) - 60))
        print("%s: %d checks, %d failed" % (self.name, self.checks, len(self.failures)))
        return 1 if self.failures or self.checks == 0 else 0
