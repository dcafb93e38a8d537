#!/usr/bin/env python3
"""Writes the key enumerations of docs/schema/nianbao-report-1.xsd from the format definitions.

The schema rejects an unknown format id, section, table, row or column key by enumerating the
keys of every format definition in plugins/formats/*/*.format.json. This script rewrites the part
of the schema between the "BEGIN generated keys" and "END generated keys" markers; everything else
in the file is written by hand.

    generate_schema_keys.py            rewrite the schema in place
    generate_schema_keys.py --check    exit 1 (and say what differs) when the schema is out of date

Each enumerated value is documented with the printed labels and the formats that use it, so the
schema doubles as a key reference for platform developers.
"""
import argparse
import difflib
import glob
import json
import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SCHEMA = os.path.join(SOURCE_DIR, "docs", "schema", "nianbao-report-1.xsd")
BEGIN = "<!-- BEGIN generated keys -->"
END = "<!-- END generated keys -->"
INDENT = "  "


class Enumeration:
    """Keys in order of first appearance, each with the places (labels, formats) it is used."""

    def __init__(self):
        self.order = []
        self.uses = {}

    def add(self, key, use, format_id):
        if key not in self.uses:
            self.order.append(key)
            self.uses[key] = []
        for entry in self.uses[key]:
            if entry[0] == use:
                if format_id not in entry[1]:
                    entry[1].append(format_id)
                return
        self.uses[key].append((use, [format_id]))

    def documentation(self, key):
        return "; ".join(f"{use} ({', '.join(formats)})" for use, formats in self.uses[key])


def row_label(row):
    return " ".join(row.get("groups", []) + [row["label"]])


def collect(definitions):
    formats, sections, tables, rows = Enumeration(), Enumeration(), Enumeration(), Enumeration()
    count_columns, money_columns = Enumeration(), Enumeration()
    for d in definitions:
        fid = d["id"]
        years = d["years"]
        span = f"{years['from']}–{years['to'] if years.get('to') else ''}"
        formats.add(fid, f"{d['name']} {d.get('basis', '')} report years {span}".strip(), fid)
        for s in d["sections"]:
            sections.add(s["key"], s.get("heading") or "(no heading: the text before the first part)", fid)
        for t in d["tables"]:
            tables.add(t["key"], t["label"], fid)
            for b in t["blocks"]:
                for r in b["rows"]:
                    rows.add(r["key"], f"{t['key']}: {row_label(r)}", fid)
                for c in b["columns"]:
                    label = " ".join(c.get("groups", []) + [c["label"]])
                    target = money_columns if c["type"] == "money" else count_columns
                    target.add(c["key"], f"{t['key']}: {label}", fid)
    clash = set(count_columns.order) & set(money_columns.order)
    if clash:
        sys.exit(f"column keys used both for counts and for money: {', '.join(sorted(clash))}; "
                 "the schema types a cell by its column key, so a key must keep its type")
    return [
        ("FormatId", "A report format (格式) id.", formats),
        ("SectionKey", "A section (部分) key.", sections),
        ("TableKey", "A table (表) key.", tables),
        ("RowKey", "A row key; which rows a table has depends on the format.", rows),
        ("CountColumnKey", "A column whose cells are integers (count or signed count).",
         count_columns),
        ("MoneyColumnKey", "A column whose cells are money: a decimal with a unit.", money_columns),
    ]


def render(types):
    lines = [BEGIN]
    for name, doc, enum in types:
        lines += [
            f'<xs:simpleType name="{name}">',
            f"{INDENT}<xs:annotation><xs:documentation>{escape(doc)}</xs:documentation></xs:annotation>",
            f'{INDENT}<xs:restriction base="xs:string">',
        ]
        for key in enum.order:
            lines += [
                f'{INDENT * 2}<xs:enumeration value="{escape(key, {chr(34): "&quot;"})}">',
                f"{INDENT * 3}<xs:annotation><xs:documentation>{escape(enum.documentation(key))}"
                "</xs:documentation></xs:annotation>",
                f"{INDENT * 2}</xs:enumeration>",
            ]
        lines += [f"{INDENT}</xs:restriction>", "</xs:simpleType>", ""]
    lines.append(END)
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when the schema is out of date")
    parser.add_argument("--formats", nargs="*",
                        help="format definitions (default: plugins/formats/*/*.format.json)")
    args = parser.parse_args()

    paths = args.formats or sorted(
        glob.glob(os.path.join(SOURCE_DIR, "plugins", "formats", "*", "*.format.json")))
    if not paths:
        sys.exit("no format definitions found")
    definitions = sorted((json.load(open(p, encoding="utf-8")) for p in paths),
                         key=lambda d: (d["years"]["from"], d["id"]))

    with open(SCHEMA, encoding="utf-8") as f:
        text = f.read()
    begin, end = text.find(BEGIN), text.find(END)
    if begin < 0 or end < begin:
        sys.exit(f"{SCHEMA}: the markers {BEGIN} and {END} are missing")
    line_start = text.rfind("\n", 0, begin) + 1
    indent = text[line_start:begin]
    block = "\n".join((indent + line).rstrip() for line in render(collect(definitions)))
    updated = text[:line_start] + block + text[end + len(END):]

    if updated == text:
        return 0
    if args.check:
        diff = difflib.unified_diff(text.splitlines(), updated.splitlines(), SCHEMA,
                                    SCHEMA + " (regenerated)", lineterm="", n=1)
        print("\n".join(list(diff)[:60]))
        print(f"{SCHEMA} is out of date with the format definitions: run {sys.argv[0]}",
              file=sys.stderr)
        return 1
    with open(SCHEMA, "w", encoding="utf-8") as f:
        f.write(updated)
    print(f"wrote {SCHEMA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
