#!/usr/bin/env python3
"""Peer of `nianbao batch` on XLSX reports: what a user would otherwise write with openpyxl.

Opens each workbook in openpyxl's read-only mode (its fastest way to read, streaming the sheet
XML) and adds up every number of table 三 (the sheet 表三 of nianbao's template). Prints one JSON
line: the files read, the sum, and the seconds spent after the interpreter and openpyxl were
loaded. nianbao does more per file (every table, the prose, all the checks), so the ratio of the
two times favours this peer.

    openpyxl_table3.py FILE_OR_DIR... [--limit N]
"""
import json
import sys
import time

from peer_inputs import report_files

started = time.perf_counter()
import openpyxl  # noqa: E402  (timed apart from the reading)

loaded = time.perf_counter()
files = report_files(sys.argv[1:], ".xlsx")

total = 0
for f in files:
    wb = openpyxl.load_workbook(f, read_only=True)
    for row in wb["表三"].iter_rows(values_only=True):
        for v in row:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total += v
    wb.close()
done = time.perf_counter()
print(json.dumps({"files": len(files), "table3_sum": total, "import_seconds": loaded - started,
                  "work_seconds": done - loaded}))
