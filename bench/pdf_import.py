#!/usr/bin/env python3
"""PDF import: pages per CPU-second and peak memory of `nianbao convert X.pdf -o X.json`.

Each PDF is converted --runs times under GNU time (/usr/bin/time -v); the table gives the median
CPU time (user + system), pages per CPU-second, the median wall time and the largest peak
resident set size. The pages are counted by pdfinfo. A Markdown table goes to stdout, the figures
of docs/performance.md ("PDF import").

The test documents of tests/pdf (make_documents.py writes them to build/tests/pdf/documents when
the pdf tests run) cover the kinds read: ruled tables (lattice) and tables without lines
(stream), table 三 over page breaks. One file of many pages shows the cost per page beyond the
fixed cost of a process (qpdf --empty --pages joins the PDFs given with --join).

Usage: bench/pdf_import.py --cli build/bin/nianbao [--runs 5] [--join N] PDF...
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def measure(cli, pdf, runs, work):
    cpu, wall, rss = [], [], []
    out = os.path.join(work, "out.json")
    for _ in range(runs):
        p = subprocess.run(["/usr/bin/time", "-v", cli, "convert", pdf, "-o", out, "--to", "json"],
                           capture_output=True, text=True)
        if p.returncode != 0 or not os.path.exists(out):
            sys.exit("nianbao could not convert %s:\n%s" % (pdf, p.stderr[-2000:]))
        t = p.stderr

        def field(name):
            return re.search(re.escape(name) + r":\s+([0-9.:]+)", t).group(1)

        cpu.append(float(field("User time (seconds)")) + float(field("System time (seconds)")))
        clock = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
        wall.append(sum(float(x) * 60 ** i for i, x in enumerate(reversed(clock))))
        rss.append(int(field("Maximum resident set size (kbytes)")))
        os.remove(out)
    return statistics.median(cpu), statistics.median(wall), max(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--join", type=int, default=0,
                    help="also measure one file of the first N PDFs joined (qpdf)")
    ap.add_argument("pdfs", nargs="+")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        pdfs = list(args.pdfs)
        if args.join:
            joined = os.path.join(work, "joined-%d.pdf" % args.join)
            subprocess.run(["qpdf", "--empty", "--pages"] + pdfs[:args.join] + ["--", joined],
                           check=True)
            pdfs.append(joined)
        print("| PDF | pages | CPU | pages per CPU-second | wall | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|")
        for pdf in pdfs:
            pages = pages_of(pdf)
            cpu, wall, rss = measure(args.cli, pdf, args.runs, work)
            rate = pages / cpu if cpu > 0 else float("inf")
            print("| %s | %d | %.2f s | %.0f | %.2f s | %.1f MiB |" %
                  (os.path.basename(pdf), pages, cpu, rate, wall, rss / 1024))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
