#!/usr/bin/env python3
"""Peer of `nianbao convert report.json -o report.docx`: the same document built with python-docx.

For each canonical JSON report: the title, every section's heading and paragraphs, and the three
tables as the report's format defines them (plugins/formats/*/*.format.json) — block captions,
the corner cell, merged column-group and row-group headers, one row per row of the format, the
values as the report wrote them — saved as .docx. It sets no GB/T 9704 page layout, fonts or
styles (python-docx's default template), so it does less than nianbao's exporter and the ratio
of the two times favours this peer. Prints one JSON line: files written and the seconds spent
after the interpreter and python-docx were loaded.

    python_docx_report.py SOURCE_DIR OUT_DIR FILE_OR_DIR... [--limit N]
"""
import json
import pathlib
import sys
import time

from peer_inputs import report_files

started = time.perf_counter()
import docx  # noqa: E402  (timed apart from the work)

loaded = time.perf_counter()


def text_of(cell):
    if cell is None:
        return ""
    if isinstance(cell, dict):
        if "raw" in cell:
            return str(cell["raw"])
        return str(cell.get("value", "")) + str(cell.get("unit", ""))
    return str(cell)


def merged(table, r0, c0, r1, c1, text):
    cell = table.cell(r0, c0)
    if (r0, c0) != (r1, c1):
        cell = cell.merge(table.cell(r1, c1))
    cell.text = text


def grid_table(document, tdef, values):
    """Blocks one under another: caption, column headers, then one row per row of the format."""
    blocks = tdef["blocks"]
    label_cols = 1 + max(len(r.get("groups", [])) for b in blocks for r in b["rows"])
    value_cols = max(len(b["columns"]) for b in blocks)
    layout = []  # (kind, block) in print order
    for b in blocks:
        if b.get("caption"):
            layout.append(("caption", b))
        depth = max(len(c.get("groups", [])) for c in b["columns"])
        layout.append(("header", b, (1 if b.get("column_caption") else 0) + depth + 1, depth))
        layout += [("row", b, r) for r in b["rows"]]
    n_rows = sum(item[2] if item[0] == "header" else 1 for item in layout)
    table = document.add_table(rows=n_rows, cols=label_cols + value_cols)
    table.style = "Table Grid"
    r = 0
    for item in layout:
        kind, b = item[0], item[1]
        cols = b["columns"]
        if kind == "caption":
            merged(table, r, 0, r, label_cols + value_cols - 1, b["caption"])
            r += 1
        elif kind == "header":
            height, depth = item[2], item[3]
            merged(table, r, 0, r + height - 1, label_cols - 1, b.get("corner", ""))
            top = r
            if b.get("column_caption"):
                merged(table, r, label_cols, r, label_cols + len(cols) - 1, b["column_caption"])
                top += 1
            for level in range(depth):
                c = 0
                while c < len(cols):
                    groups = cols[c].get("groups", [])
                    if level < len(groups):
                        end = c
                        while end + 1 < len(cols) and cols[end + 1].get("groups", [])[level:level + 1] == [groups[level]]:
                            end += 1
                        merged(table, top + level, label_cols + c, top + level, label_cols + end, groups[level])
                        c = end + 1
                    else:
                        c += 1
            for c, col in enumerate(cols):
                first = top + len(col.get("groups", []))
                merged(table, first, label_cols + c, r + height - 1, label_cols + c, col["label"])
            r += height
        else:
            row = item[2]
            groups = row.get("groups", [])
            for level, g in enumerate(groups):
                # A row group is one cell spanning the rows that share it.
                above = r > 0 and table.cell(r - 1, level).text == g
                if not above:
                    span = 1
                    rows = b["rows"]
                    i = rows.index(row)
                    while i + span < len(rows) and rows[i + span].get("groups", [])[level:level + 1] == [g]:
                        span += 1
                    merged(table, r, level, r + span - 1, level, g)
            merged(table, r, len(groups), r, label_cols - 1, row["label"])
            # One look-up of the row's cells, not one per cell: python-docx rebuilds the table's
            # grid on every table.cell() call.
            cells = values.get(row["key"], {})
            row_cells = table.rows[r].cells
            for c, col in enumerate(cols):
                row_cells[label_cols + c].text = text_of(cells.get(col["key"]))
            r += 1


def column_groups_table(document, tdef, values):
    """Table 四: each row of the format is a group of columns in one printed row of values."""
    b = tdef["blocks"][0]
    rows, cols = b["rows"], b["columns"]
    table = document.add_table(rows=4, cols=len(rows) * len(cols))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        first, last = i * len(cols), (i + 1) * len(cols) - 1
        groups = row.get("groups", [])
        if groups and (i == 0 or rows[i - 1].get("groups", []) != groups):
            end = i
            while end + 1 < len(rows) and rows[end + 1].get("groups", []) == groups:
                end += 1
            merged(table, 0, first, 0, (end + 1) * len(cols) - 1, groups[0])
        if groups:
            merged(table, 1, first, 1, last, row["label"])
        else:
            merged(table, 0, first, 1, last, row["label"])
    labels, cells = table.rows[2].cells, table.rows[3].cells
    for i, row in enumerate(rows):
        for c, col in enumerate(cols):
            labels[i * len(cols) + c].text = col["label"]
            cells[i * len(cols) + c].text = text_of(values.get(row["key"], {}).get(col["key"]))


source, out_dir, *args = sys.argv[1:]
files = report_files(args, ".json")
formats = {}
for f in pathlib.Path(source, "plugins", "formats").glob("*/*.format.json"):
    d = json.loads(f.read_text(encoding="utf-8"))
    formats[d["id"]] = d
out = pathlib.Path(out_dir)
out.mkdir(parents=True, exist_ok=True)

for f in files:
    report = json.loads(f.read_text(encoding="utf-8"))
    fmt = formats[report["format"]]
    document = docx.Document()
    document.add_heading(report["agency"]["name"], 0)
    document.add_heading(f"{report['year']}年政府信息公开工作年度报告", 0)
    tables = {t["section"]: t for t in fmt["tables"]}
    for section in fmt["sections"]:
        if section.get("heading"):
            document.add_heading(section["heading"], 1)
        for paragraph in report["sections"].get(section["key"], []):
            document.add_paragraph(paragraph)
        tdef = tables.get(section["key"])
        if tdef:
            values = report["tables"].get(tdef["key"], {})
            if tdef["layout"] == "rows_as_column_groups":
                column_groups_table(document, tdef, values)
            else:
                grid_table(document, tdef, values)
    document.save(out / (f.stem + ".docx"))
done = time.perf_counter()
print(json.dumps({"files": len(files), "import_seconds": loaded - started, "work_seconds": done - loaded}))
