#!/usr/bin/env python3
"""Verifies an exported HTML page in a real browser (headless Chromium):

1. On screen: every header cell of every table is in place — a group header (法人或其他组织,
   行政诉讼, 申请人情况) spans exactly the columns of its group and stands above them, the leaf
   headers stand side by side in the format's order, every value cell lies under its column's
   header and beside its row's label, row groups (三、本年度办理结果) cover their rows; no header
   text overflows its cell and no table runs past its container.
2. In print: --print-to-pdf gives A4 pages, every word within the page's type area (no table cut
   off at the right edge), every number of table 三 on its row, page numbers right on odd pages
   and left on even ones.

Usage: verify_html.py --cli NIANBAO --source-dir SRC --report REPORT.json --work DIR [--keep]
Expected texts come from the report's JSON and its format definition (tests/docx/expectations.py)."""

import argparse
import html
import json
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "docx"))
import expectations as ex  # noqa: E402

TOLERANCE = 1.5  # CSS pixels: borders are collapsed, so neighbours share one

MEASURE = """<script>
(function () {
  var out = [];
  var tables = document.querySelectorAll('table');
  for (var t = 0; t < tables.length; t++) {
    var table = tables[t], box = table.getBoundingClientRect();
    var container = table.parentNode.getBoundingClientRect();
    var cells = [];
    for (var r = 0; r < table.rows.length; r++) {
      var cs = table.rows[r].cells;
      for (var c = 0; c < cs.length; c++) {
        var el = cs[c], b = el.getBoundingClientRect();
        cells.push({row: r, tag: el.tagName.toLowerCase(), text: el.textContent,
                    scope: el.getAttribute('scope'), left: b.left, right: b.right, top: b.top,
                    bottom: b.bottom, overflow: el.scrollWidth > el.clientWidth + 1});
      }
    }
    out.push({id: table.id, left: box.left, right: box.right, container_right: container.right,
              cells: cells});
  }
  var pre = document.createElement('pre');
  pre.id = 'nianbao-measurements';
  pre.textContent = JSON.stringify({viewport: document.documentElement.clientWidth,
                                    scroll_width: document.documentElement.scrollWidth,
                                    tables: out});
  document.body.appendChild(pre);
})();
</script>"""


def chromium(args, work, timeout=300):
    """Debian's chromium, headless, with a fresh profile and nothing reaching the network."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=work)
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--no-first-run",
           "--disable-sync", "--user-data-dir=" + profile] + args
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = os.path.join(HERE, "..", "docx", "fonts.conf")
    return ex.run(cmd, timeout=timeout, env=env)


def near(a, b):
    return abs(a - b) <= TOLERANCE


class Table:
    """The measured cells of one table, consumed in reading order as they are matched."""

    def __init__(self, data):
        self.data = data
        self.cells = data["cells"]
        self.used = set()

    def take(self, text, tag, after_row=-1):
        for i, c in enumerate(self.cells):
            if i not in self.used and c["tag"] == tag and c["text"] == text and c["row"] > after_row:
                self.used.add(i)
                return c
        return None


def check_group(ck, where, header, leaves):
    if header is None:
        ck.expect(False, "%s: header cell missing" % where)
        return
    left = min(c["left"] for c in leaves)
    right = max(c["right"] for c in leaves)
    top = min(c["top"] for c in leaves)
    ck.expect(near(header["left"], left) and near(header["right"], right),
              "%s: %s spans x %.1f–%.1f, its columns x %.1f–%.1f"
              % (where, header["text"], header["left"], header["right"], left, right))
    ck.expect(header["bottom"] <= top + TOLERANCE,
              "%s: %s is not above its columns" % (where, header["text"]))


def check_screen(ck, measured, report, fmt):
    ck.expect(measured["scroll_width"] <= measured["viewport"] + TOLERANCE,
              "the page scrolls sideways (%s > %s)" % (measured["scroll_width"], measured["viewport"]))
    tables = {t["id"]: t for t in measured["tables"]}
    for table_def in fmt["tables"]:
        data = tables.get("table-" + table_def["key"])
        ck.expect(data is not None, "no table %s" % table_def["key"])
        if data is None:
            continue
        where = "table " + table_def["key"]
        ck.expect(data["right"] <= data["container_right"] + TOLERANCE,
                  "%s runs past its container" % where)
        for c in data["cells"]:
            ck.expect(not c["overflow"], "%s: %r overflows its cell" % (where, c["text"]))
            ck.expect(c["right"] - c["left"] > 5 and c["bottom"] - c["top"] > 5,
                      "%s: %r has no size" % (where, c["text"]))
            ck.expect(c["tag"] == "td" or c["scope"] in ("col", "colgroup", "row", "rowgroup"),
                      "%s: th %r without scope" % (where, c["text"]))
        t = Table(data)
        last_row = -1
        for b, block in enumerate(table_def["blocks"]):
            caption_row = last_row
            if block.get("caption"):
                cap = t.take(block["caption"], "th", last_row)
                ck.expect(cap is not None, "%s: caption %s" % (where, block["caption"]))
                if cap:
                    ck.expect(near(cap["left"], data["left"]) and near(cap["right"], data["right"]),
                              "%s: caption %s does not span the table" % (where, block["caption"]))
                    caption_row = cap["row"]
            corner = t.take(block["corner"], "th", caption_row) if block.get("corner") else None
            grid = table_def.get("layout") != "rows_as_column_groups"
            # The leaf headers and the labels above each of them.
            pairs = []
            if grid:
                for column in block["columns"]:
                    above = ([block["column_caption"]] if block.get("column_caption") else []) + \
                        column.get("groups", [])
                    pairs.append((above, column))
            else:
                for row in block["rows"]:
                    for column in block["columns"]:
                        above = ([block["column_caption"]] if block.get("column_caption") else []) + \
                            row.get("groups", []) + [row["label"]]
                        pairs.append((above, column))
            # Group headers come before the leaves in reading order: take them first.
            groups = {}
            for above, _ in pairs:
                for depth in range(len(above)):
                    key = tuple(above[:depth + 1])
                    if key not in groups:
                        groups[key] = t.take(above[depth], "th", caption_row)
            leaves = []
            for above, column in pairs:
                leaf = t.take(column["label"], "th", caption_row)
                ck.expect(leaf is not None, "%s: header %s" % (where, column["label"]))
                leaves.append((above, leaf))
            found = [leaf for _, leaf in leaves if leaf]
            if len(found) != len(leaves):
                continue
            for a, b2 in zip(found, found[1:]):
                ck.expect(a["right"] <= b2["left"] + TOLERANCE,
                          "%s: %s is not left of %s" % (where, a["text"], b2["text"]))
            for key, header in groups.items():
                members = [leaf for above, leaf in leaves if tuple(above[:len(key)]) == key]
                check_group(ck, "%s %s" % (where, "/".join(key)), header, members)
            if corner:
                ck.expect(near(corner["right"], found[0]["left"]) and near(corner["left"], data["left"]),
                          "%s: the corner %s is not left of the headers" % (where, corner["text"][:8]))
            header_bottom = max(c["bottom"] for c in found)
            # Data rows: the label, then every value under its header.
            rows = block["rows"] if grid else [None]
            for row in rows:
                if grid:
                    label = t.take(row["label"], "th", caption_row)
                    ck.expect(label is not None, "%s: row %s" % (where, row["label"]))
                    if label is None:
                        continue
                    ck.expect(label["top"] >= header_bottom - TOLERANCE,
                              "%s: row %s is above the headers" % (where, row["label"]))
                    ck.expect(near(label["right"], found[0]["left"]),
                              "%s: row label %s does not end where the numbers begin" % (where, row["label"]))
                    tr = label["row"]
                    values = [ex.value_of(report, table_def["key"], row["key"], c)
                              for c in block["columns"]]
                    for g in row.get("groups", []):
                        group = next((c for c in data["cells"] if c["text"] == g and c["tag"] == "th"
                                      and c["top"] <= label["top"] + TOLERANCE
                                      and c["bottom"] >= label["bottom"] - TOLERANCE), None)
                        ck.expect(group is not None and group["right"] <= label["left"] + TOLERANCE,
                                  "%s: row group %s does not cover row %s" % (where, g, row["label"]))
                else:
                    tr = max(c["row"] for c in found) + 1
                    values = [ex.value_of(report, table_def["key"], r["key"], c)
                              for r in block["rows"] for c in block["columns"]]
                tds = [c for c in data["cells"] if c["row"] == tr and c["tag"] == "td"]
                ck.expect([c["text"] for c in tds] == values,
                          "%s row %d: values %s, want %s" % (where, tr, [c["text"] for c in tds], values))
                for (_, leaf), td in zip(leaves, tds):
                    ck.expect(near(td["left"], leaf["left"]) and near(td["right"], leaf["right"]),
                              "%s: value %s is not under %s" % (where, td["text"], leaf["text"]))
                last_row = max(last_row, tr)


def check_print(ck, pdf, report, fmt):
    sizes = ex.pdf_page_sizes(pdf)
    ck.expect(len(sizes) > 1, "the print has %d pages" % len(sizes))
    for n, (w, h) in enumerate(sizes, 1):
        ck.expect(abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5, "page %d is %.1f × %.1f pt, not A4" % (n, w, h))
    mm = 72 / 25.4
    left, right = 28 * mm, 26 * mm  # the print stylesheet's margins (GB/T 9704)
    pages = ex.pdf_words(pdf)
    for n, page in enumerate(pages, 1):
        for w in page["words"]:
            hang = 17 if w["text"] and w["text"][-1] in ex.HANGING_PUNCTUATION else 0
            ck.expect(w["x0"] >= left - 3 and w["x1"] <= page["width"] - right + 3 + hang,
                      "page %d: %r at x %.1f–%.1f is outside the type area" % (n, w["text"], w["x0"], w["x1"]))
        number = [w for w in page["words"] if w["y0"] > page["height"] * 0.85 and w["text"] == str(n)]
        ck.expect(len(number) == 1, "page %d: no page number" % n)
        if number:
            middle = (number[0]["x0"] + number[0]["x1"]) / 2
            ck.expect(middle > page["width"] / 2 if n % 2 else middle < page["width"] / 2,
                      "page %d: its number is on the wrong side" % n)
    # Every number of table 三, on the line of its row, in the order of the columns.
    layout = ex.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"])
    lines = [re.findall(r"(?<!\S)(\S+)(?!\S)", line) for line in layout.splitlines()]
    table = next(t for t in fmt["tables"] if t["key"] == "applications")
    for block in table["blocks"]:
        for row in block["rows"]:
            values = [ex.value_of(report, "applications", row["key"], c) for c in block["columns"]]
            found = any(tokens[-len(values):] == values for tokens in lines if len(tokens) >= len(values))
            ck.expect(found, "table 三: the numbers %s of %s are not on one line of the print"
                      % (values, row["label"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    name = os.path.splitext(os.path.basename(args.report))[0]
    if name == "report":
        name = os.path.basename(os.path.dirname(os.path.abspath(args.report)))
    ck = ex.Checker("verify_html " + name)
    os.makedirs(args.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix=name + "-", dir=args.work)
    try:
        report = ex.load_json(args.report)
        fmt = ex.load_format(args.source_dir, report["format"])
        page = os.path.join(work, name + ".html")
        env = dict(os.environ)
        env.pop("NIANBAO_PLUGIN_PATH", None)
        ex.run([args.cli, "convert", args.report, "-o", page], env=env)
        with open(page, encoding="utf-8") as f:
            text = f.read()
        ck.expect(text.count("</body>") == 1, "one </body>")
        measured_page = os.path.join(work, name + "-measured.html")
        with open(measured_page, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", MEASURE + "</body>"))
        dom = chromium(["--window-size=1280,1000", "--dump-dom", "file://" + measured_page], work)
        m = re.search(r'<pre id="nianbao-measurements">(.*?)</pre>', dom, re.S)
        ck.expect(m is not None, "Chromium ran the page (no measurements in its DOM)")
        if m:
            check_screen(ck, json.loads(html.unescape(m.group(1))), report, fmt)
        pdf = os.path.join(work, name + ".pdf")
        chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + page], work)
        ck.expect(os.path.exists(pdf) and os.path.getsize(pdf) > 0, "Chromium printed no PDF")
        if os.path.exists(pdf):
            check_print(ck, pdf, report, fmt)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return ck.finish()


if __name__ == "__main__":
    sys.exit(main())
