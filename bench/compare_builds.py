#!/usr/bin/env python3
"""Before and after: the same measurements on two builds, interleaved, in one sitting.

    mkdir ../before && git archive <commit> | tar -x -C ../before
    cmake -S ../before -B build-before -G Ninja -DCMAKE_BUILD_TYPE=Release -DNIANBAO_BUILD_TESTS=OFF
    cmake --build build-before --target nianbao nianbao-generate nianbao_benchmarks
    bench/compare_builds.py --before build-before --after build [--work build/bench-work]

On a machine shared with other work, figures taken minutes apart are not comparable; taken in
alternation they are. Prints a Markdown table of CPU times (the load inflates wall times of both
builds alike, CPU times much less): every Google Benchmark both builds have (the lowest of two
rounds of three repetitions each), the median CPU time of one-report commands run as new processes, and the CPU time
per report of a batch. Inputs come from run_benchmarks.py's work folder (run it once first).
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run_benchmarks import run  # noqa: E402


def google_benchmark(build, best):
    """One round of every benchmark, three repetitions each; keeps the lowest CPU time seen.
    The lowest is the figure least disturbed by whatever else the machine was doing."""
    binary = build / "bin" / "nianbao_benchmarks"
    if not binary.exists():
        return
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.3",
                          "--benchmark_repetitions=3"], capture_output=True, text=True, check=True).stdout
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        us = b["cpu_time"] * {"us": 1, "ms": 1000, "ns": 0.001}[b["time_unit"]]
        best[b["run_name"]] = min(best.get(b["run_name"], us), us)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--work", default="build/bench-work", help="run_benchmarks.py's work folder")
    ap.add_argument("--reps", type=int, default=30)
    args = ap.parse_args()
    before, after = pathlib.Path(args.before).resolve(), pathlib.Path(args.after).resolve()
    work = pathlib.Path(args.work).resolve()
    json_report = sorted((work / "json-1000").glob("*.json"))[0]
    xlsx_report = sorted((work / "xlsx-10000").glob("*.xlsx"))[0]
    batch_dir = work / "xlsx-10000-first1000"
    out = work / "out"
    out.mkdir(exist_ok=True)

    rows = []
    gb = {before: {}, after: {}}
    for _ in range(2):
        for b in (before, after):
            google_benchmark(b, gb[b])
    for name in gb[before]:
        if name in gb[after]:
            rows.append((f"`{name}` (in process)", gb[before][name] / 1000, gb[after][name] / 1000))

    commands = {
        "`nianbao check` report.json (process)": ["check", json_report],
        "`nianbao check` report.xlsx (process)": ["check", xlsx_report],
        "`nianbao convert` report.json → .docx (process)": ["convert", json_report, "-o", out / "cmp.docx"],
    }
    for label, cmd in commands.items():
        samples = {before: [], after: []}
        for _ in range(args.reps):
            for b in (before, after):
                samples[b].append(run([b / "bin" / "nianbao", *cmd], expect=(0, 1))["cpu"] * 1000)
        rows.append((label, statistics.median(samples[before]), statistics.median(samples[after])))

    files = len(list(batch_dir.iterdir()))
    per = {before: [], after: []}
    for _ in range(2):
        for b in (before, after):
            r = run([b / "bin" / "nianbao", "batch", batch_dir, "-q", "--jobs", 1, "--summary",
                     out / "cmp.csv", "--findings", out / "cmp.json", "--fail-on", "none"])
            per[b].append(r["cpu"] / files * 1000)
    rows.append((f"`nianbao batch`, {files} XLSX, per report", min(per[before]), min(per[after])))

    print("| measurement | before (CPU ms) | after (CPU ms) | after / before |")
    print("|---|---:|---:|---:|")
    for label, b, a in rows:
        print(f"| {label} | {b:.3f} | {a:.3f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
