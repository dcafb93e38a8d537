#!/usr/bin/env python3
"""Times whole nianbao commands, and the tools a user would otherwise use, in one run.

    bench/run_benchmarks.py --build build [--work DIR] [--json results.json] [--markdown out.md]
    bench/run_benchmarks.py --build build --smoke        # tiny sizes: proves the script works
    bench/run_benchmarks.py --build build --docx-before /tmp/old-docx-plugin

What it measures (docs/performance.md explains the method and keeps the figures of one run):

- one report: `nianbao check` of a JSON and of an XLSX report, and `nianbao convert` JSON → DOCX,
  each run many times as a new process; the median wall time and the median CPU time
  (user + system, from wait4) of the process;
- batches: `nianbao batch` over 1,000, 5,000 and 10,000 generated XLSX reports (both formats,
  30% with one injected error) on one worker thread and on two: reports per second, CPU time per
  report and peak memory (ru_maxrss); then 10,000 reports in three forms (JSON, XLSX, exchange
  XML). Every batch of 10,000 is verified: the findings are exactly the ones the generator
  injected, file by file, and the summary lists every file;
- JSON → DOCX for 1,000 reports in one batch (`nianbao batch --convert-to .docx`);
- peers, in the same run: openpyxl reading the same XLSX files and summing table 三
  (bench/peers/openpyxl_table3.py), python-docx building the same document
  (bench/peers/python_docx_report.py); ratios are peer time / nianbao time;
- the in-process figures of build/bin/nianbao_benchmarks (Google Benchmark), if it was built;
- the service (bench/server_bench.py): one check of an XLSX report in process and over loopback
  HTTP to `nianbao serve`, and requests per second with 1, 2 and 8 clients at once;
- with `--docx-before DIR` (a folder holding an earlier build's docx-exporter.so and its
  manifest, searched first with --plugin-path), the DOCX export of that build beside this one:
  `convert` one report and the DOCX batch, the two taking turns.

Nothing here passes or fails on a time: the exit code is non-zero only when a command fails or a
batch does not find exactly the injected findings.
"""
import argparse
import collections
import csv
import datetime
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SOURCE = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SOURCE / "bench"))
import server_bench  # noqa: E402  (beside this script)


class Failure(Exception):
    pass


def run(cmd, expect=(0,), stdout=subprocess.DEVNULL, rss=False):
    """Runs one process; returns wall seconds and CPU seconds (user + system, from wait4).

    With rss, also its peak resident memory in KiB, from GNU time started in between: a process
    forked from this script would count this script's memory as its own (Linux keeps the
    high-water mark across exec), GNU time's is about 2 MiB.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak:
        argv = [str(c) for c in cmd]
        if rss:
            argv = ["/usr/bin/time", "-f", "%M", "-o", peak.name] + argv
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=stdout, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in expect:
            err.seek(0)
            raise Failure(f"{' '.join(map(str, cmd))} exited {p.returncode}:\n"
                          f"{err.read().decode(errors='replace')[-3000:]}")
        out = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime}
        if rss:
            out["rss_kib"] = int(peak.read().split()[-1])
    return out


def repeat(commands, times, warmup=3):
    """Medians over `times` runs of each short command, after a few untimed ones; then one run
    for its peak memory. The commands take turns, so that whatever else the machine is doing
    weighs on all of them alike."""
    samples = {name: [] for name in commands}
    for i in range(warmup + times):
        for name, (cmd, expect) in commands.items():
            r = run(cmd, expect)
            if i >= warmup:
                samples[name].append(r)
    out = {}
    for name, (cmd, expect) in commands.items():
        s = samples[name]
        out[name] = {"runs": times,
                     "wall_ms": statistics.median(x["wall"] for x in s) * 1000,
                     "wall_min_ms": min(x["wall"] for x in s) * 1000,
                     "cpu_ms": statistics.median(x["cpu"] for x in s) * 1000,
                     "cpu_min_ms": min(x["cpu"] for x in s) * 1000,
                     "rss_kib": run(cmd, expect, rss=True)["rss_kib"]}
    return out


def generate(tools, out, count, seed, kinds):
    """A folder of generated reports and its manifest, made once and reused while it matches."""
    manifest = out.with_name(out.name + ".manifest.json")
    stamp = out.with_name(out.name + ".params")
    params = f"{count} {seed} {' '.join(kinds)}"
    if manifest.exists() and stamp.exists() and stamp.read_text() == params:
        return json.loads(manifest.read_text(encoding="utf-8"))
    shutil.rmtree(out, ignore_errors=True)
    cmd = [tools.generate, "-n", count, "-o", out, "--seed", seed, "--inject-rate", 0.3]
    for k in kinds:
        cmd += ["--kinds", k]
    print(f"  generating {count} reports ({', '.join(kinds)}) in {out}", file=sys.stderr)
    run(cmd)
    stamp.write_text(params)
    return json.loads(manifest.read_text(encoding="utf-8"))


def subset(folder, manifest, count):
    """The first `count` reports of a generated folder, as hard links in a folder of their own."""
    out = folder.with_name(f"{folder.name}-first{count}")
    if not (out.exists() and len(list(out.iterdir())) == count):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        for e in manifest[:count]:
            os.link(folder / e["file"], out / e["file"])
    return out, manifest[:count]


def verify(manifest, findings_path, summary_path):
    """The batch found exactly the injected findings, file by file, and listed every file."""
    findings = json.loads(pathlib.Path(findings_path).read_text(encoding="utf-8"))
    found = collections.defaultdict(list)
    for d in findings["diagnostics"]:
        found[pathlib.Path(d["location"]["file"]).name].append(d["code"])
    wrong = [(e["file"], e["injected"], e["expected_codes"], sorted(found.get(e["file"], [])))
             for e in manifest if sorted(found.get(e["file"], [])) != sorted(e["expected_codes"])]
    extra = set(found) - {e["file"] for e in manifest}
    with open(summary_path, encoding="utf-8-sig", newline="") as f:
        rows = {pathlib.Path(r["file"]).name: r for r in csv.DictReader(f)}
    missing = [e["file"] for e in manifest if e["file"] not in rows]
    if wrong or extra or missing or len(rows) != len(manifest):
        raise Failure(f"batch findings differ from the manifest: {wrong[:5]} extra={sorted(extra)[:5]} "
                      f"missing from summary={missing[:5]} rows={len(rows)}/{len(manifest)}")
    injected = sum(1 for e in manifest if e["injected"])
    return {"reports": len(manifest), "injected": injected,
            "findings": sum(len(v) for v in found.values()), "exact": True}


def batch(tools, work, folder, manifest, jobs, label, check=False, extra=(), globals_=()):
    out = work / "out"
    out.mkdir(exist_ok=True)
    summary, findings = out / f"{label}.summary.csv", out / f"{label}.findings.json"
    cmd = [tools.nianbao, *globals_, "batch", folder, "-q", "--jobs", jobs, "--summary", summary,
           "--findings", findings, "--fail-on", "none", *extra]
    r = run(cmd, rss=True)
    n = len(manifest)
    result = {"reports": n, "jobs": jobs, "wall_s": r["wall"], "cpu_s": r["cpu"],
              "reports_per_s": n / r["wall"], "reports_per_cpu_s": n / r["cpu"],
              "cpu_ms_per_report": r["cpu"] / n * 1000, "wall_ms_per_report": r["wall"] / n * 1000,
              "peak_rss_mib": r["rss_kib"] / 1024}
    if check:
        result["verified"] = verify(manifest, findings, summary)
    print(f"  {label}: {n} reports, {result['reports_per_s']:.0f}/s wall, "
          f"{result['reports_per_cpu_s']:.0f}/CPU-s, {result['peak_rss_mib']:.1f} MiB", file=sys.stderr)
    return result


def peer(tools, script, args, files):
    """A peer run as one process: wall and CPU of the process, and its own account of the work."""
    with tempfile.TemporaryFile() as outf:
        r = run([tools.python, "-B", script, *args], stdout=outf, rss=True)
        outf.seek(0)
        own = json.loads(outf.read().decode())
    assert own["files"] == files, own
    return {"files": files, "wall_s": r["wall"], "cpu_s": r["cpu"], "peak_rss_mib": r["rss_kib"] / 1024,
            "interpreter_and_import_s": own["import_seconds"], "work_s": own["work_seconds"],
            "wall_ms_per_file": r["wall"] / files * 1000, "cpu_ms_per_file": r["cpu"] / files * 1000}


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        mem = int(open("/proc/meminfo").readline().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mib": mem, "kernel": platform.release(),
            "python": platform.python_version(), "load_average_at_start": os.getloadavg()}


def find_python(requested):
    """A python3 that has openpyxl and python-docx: Debian's, which a pyenv on PATH may hide."""
    for candidate in ([requested] if requested else ["/usr/bin/python3", shutil.which("python3")]):
        if candidate and subprocess.run([candidate, "-c", "import openpyxl, docx"],
                                        capture_output=True).returncode == 0:
            return candidate
    raise Failure("no python3 with openpyxl and python-docx (Debian: python3-openpyxl python3-docx)")


def markdown(r):
    """The figures as the tables of docs/performance.md."""
    one, b, p = r["one_report"], r["batches"], r["peers"]
    lines = [f"Run of {r['date']} on {r['machine']['cpu']} ({r['machine']['cores']} cores), "
             f"load average {', '.join(f'{x:.1f}' for x in r['machine']['load_average_at_start'])} at "
             f"the start and {', '.join(f'{x:.1f}' for x in r['load_average_at_end'])} at the end.", "",
             f"| one report, new process each time ({one['check_json']['runs']} runs) | median wall | "
             f"fastest wall | median CPU | least CPU | peak RSS |",
             "|---|---:|---:|---:|---:|---:|"]
    for key, label in [("plugins_no_load", "`nianbao plugins` (manifests only, no plugin loaded)"),
                       ("formats_load_all", "`nianbao formats` (every plugin loaded)"),
                       ("check_json", "`nianbao check` report.json"),
                       ("check_xlsx", "`nianbao check` report.xlsx"),
                       ("convert_docx", "`nianbao convert` report.json → .docx"),
                       ("convert_docx_before", "`nianbao convert` report.json → .docx, the earlier DOCX exporter")]:
        if key not in one:
            continue
        x = one[key]
        lines.append(f"| {label} | {x['wall_ms']:.1f} ms | {x['wall_min_ms']:.1f} ms | {x['cpu_ms']:.1f} ms | "
                     f"{x['cpu_min_ms']:.1f} ms | {x['rss_kib'] / 1024:.1f} MiB |")
    lines += ["", "| batch | jobs | reports/s (wall) | reports per CPU-second | CPU per report | peak RSS | verified |",
              "|---|---:|---:|---:|---:|---:|---|"]
    for key, x in b.items():
        v = x.get("verified")
        lines.append(f"| {key} | {x['jobs']} | {x['reports_per_s']:.0f} | {x['reports_per_cpu_s']:.0f} | "
                     f"{x['cpu_ms_per_report']:.2f} ms | {x['peak_rss_mib']:.1f} MiB | "
                     f"{'exact: ' + str(v['findings']) + ' findings, ' + str(v['injected']) + ' injected' if v else '-'} |")
    lines += ["", "| peer | files | peer CPU per file | nianbao CPU per file | ratio (peer / nianbao) |",
              "|---|---:|---:|---:|---:|"]
    for key, x in p.items():
        lines.append(f"| {x['what']} | {x['files']} | {x['cpu_ms_per_file']:.2f} ms | "
                     f"{x['nianbao_cpu_ms_per_file']:.2f} ms | {x['ratio_cpu']:.1f}× |")
    if r.get("google_benchmark"):
        lines += ["", "| in process (Google Benchmark) | CPU per iteration |", "|---|---:|"]
        for name, cpu_us in r["google_benchmark"].items():
            lines.append(f"| `{name}` | {cpu_us:,.0f} µs |")
    if r.get("server"):
        lines += ["", server_bench.markdown(r["server"]).rstrip("\n")]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build", help="the build folder (bin/nianbao, bin/nianbao-generate)")
    ap.add_argument("--work", help="folder for generated reports and outputs (kept for reuse; "
                                   "default: <build>/bench-work)")
    ap.add_argument("--json", help="write every figure here")
    ap.add_argument("--markdown", help="write the tables of docs/performance.md here")
    ap.add_argument("--python", help="python3 with openpyxl and python-docx")
    ap.add_argument("--smoke", action="store_true", help="tiny sizes and few repetitions")
    ap.add_argument("--reps", type=int, default=100, help="runs of each one-report command")
    ap.add_argument("--docx-before", help="folder with an earlier docx-exporter.so and its manifest: "
                                          "its DOCX export measured beside this build's")
    ap.add_argument("--no-server", action="store_true", help="leave out the service (server_bench.py)")
    args = ap.parse_args()

    build = pathlib.Path(args.build).resolve()
    tools = argparse.Namespace(nianbao=build / "bin" / "nianbao", generate=build / "bin" / "nianbao-generate",
                               benchmarks=build / "bin" / "nianbao_benchmarks",
                               python=find_python(args.python))
    work = pathlib.Path(args.work).resolve() if args.work else build / ("bench-smoke" if args.smoke else "bench-work")
    work.mkdir(parents=True, exist_ok=True)
    sizes = [20, 40] if args.smoke else [1000, 5000, 10000]
    big = sizes[-1]
    reps = 3 if args.smoke else args.reps
    docx_batch, docx_peer = (10, 2) if args.smoke else (1000, 50)

    result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
              "smoke": args.smoke}
    print("generating inputs", file=sys.stderr)
    xlsx_dir = work / f"xlsx-{big}"
    xlsx_manifest = generate(tools, xlsx_dir, big, 2025, ["xlsx-template"])
    mixed_dir = work / f"mixed-{big}"
    mixed_manifest = generate(tools, mixed_dir, big, 2026, ["json", "xlsx-template", "platform-xml"])
    json_dir = work / f"json-{docx_batch}"
    json_manifest = generate(tools, json_dir, docx_batch, 2027, ["json"])

    # ---- one report, one process --------------------------------------------------------------
    print("one report per process", file=sys.stderr)
    one_json = json_dir / json_manifest[0]["file"]
    one_xlsx = xlsx_dir / xlsx_manifest[0]["file"]
    out = work / "out"
    out.mkdir(exist_ok=True)
    n = tools.nianbao
    one_report = {
        "plugins_no_load": ([n, "plugins"], (0,)),
        "formats_load_all": ([n, "formats"], (0,)),
        "check_json": ([n, "check", one_json], (0, 1)),
        "check_xlsx": ([n, "check", one_xlsx], (0, 1)),
        "convert_docx": ([n, "convert", one_json, "-o", out / "one.docx"], (0,)),
    }
    before = ["--plugin-path", pathlib.Path(args.docx_before).resolve()] if args.docx_before else None
    if before:
        one_report["convert_docx_before"] = ([n, *before, "convert", one_json, "-o", out / "one-before.docx"], (0,))
    result["one_report"] = repeat(one_report, reps)
    for k, v in result["one_report"].items():
        print(f"  {k}: {v['wall_ms']:.1f} ms wall, {v['cpu_ms']:.1f} ms CPU", file=sys.stderr)

    # ---- batches ------------------------------------------------------------------------------
    print("batches", file=sys.stderr)
    b = {}
    # Two rounds over the sizes, the better of each kept: whether the cost per report grows with
    # the batch is then not decided by a moment when the machine was busy with other work.
    for round_ in range(2):
        for size in sizes:
            folder, manifest = (xlsx_dir, xlsx_manifest) if size == big else subset(xlsx_dir, xlsx_manifest, size)
            r = batch(tools, work, folder, manifest, 1, f"xlsx-{size}-j1", check=size == big and round_ == 0)
            key = f"XLSX ×{size}"
            if key in b:
                r["other_round_cpu_ms_per_report"] = b[key]["cpu_ms_per_report"]
                r.setdefault("verified", b[key].get("verified"))
            if key not in b or r["cpu_ms_per_report"] < b[key]["cpu_ms_per_report"]:
                b[key] = r
            else:
                b[key]["other_round_cpu_ms_per_report"] = r["cpu_ms_per_report"]
    b[f"XLSX ×{big}, 2 threads"] = batch(tools, work, xlsx_dir, xlsx_manifest, 2, f"xlsx-{big}-j2", check=True)
    b[f"mixed JSON/XLSX/XML ×{big}"] = batch(tools, work, mixed_dir, mixed_manifest, 1, f"mixed-{big}-j1", check=True)
    # The DOCX batch twice (the round with less CPU per report kept), taking turns with the earlier
    # exporter when there is one to compare with.
    for round_ in range(2):
        for key, globals_ in [(f"JSON → DOCX ×{docx_batch}", ())] + (
                [(f"JSON → DOCX ×{docx_batch}, the earlier DOCX exporter", before)] if before else []):
            docx_out = out / ("docx-batch-before" if globals_ else "docx-batch")
            shutil.rmtree(docx_out, ignore_errors=True)
            r = batch(tools, work, json_dir, json_manifest, 1, f"docx-{docx_batch}-j1",
                      extra=["--convert-to", ".docx", "--output-dir", docx_out], globals_=globals_)
            written = len(list(docx_out.glob("*.docx")))
            if written != docx_batch:
                raise Failure(f"the DOCX batch wrote {written} documents, not {docx_batch}")
            if key not in b or r["cpu_ms_per_report"] < b[key]["cpu_ms_per_report"]:
                b[key] = r
    if before:
        # The two exporters must write the same bytes.
        for f in (out / "docx-batch").glob("*.docx"):
            if f.read_bytes() != (out / "docx-batch-before" / f.name).read_bytes():
                raise Failure(f"{f.name}: the DOCX differs from the earlier exporter's")
    result["batches"] = b

    # ---- peers, on the same inputs ------------------------------------------------------------
    print("peers", file=sys.stderr)
    peers = {}
    per_xlsx = b[f"XLSX ×{sizes[0]}"]["cpu_ms_per_report"]
    folder, _ = subset(xlsx_dir, xlsx_manifest, sizes[0]) if sizes[0] != big else (xlsx_dir, None)
    x = peer(tools, SOURCE / "bench/peers/openpyxl_table3.py", [folder], sizes[0])
    x.update(what=f"openpyxl (read-only mode) reads the XLSX and sums table 三, {sizes[0]} files in one process "
                  f"— vs `nianbao batch`, one thread (every table read, every check)",
             nianbao_cpu_ms_per_file=per_xlsx)
    peers["openpyxl_batch"] = x
    x = peer(tools, SOURCE / "bench/peers/openpyxl_table3.py", [one_xlsx], 1)
    x.update(what="openpyxl, one file, new process — vs `nianbao check` report.xlsx",
             nianbao_cpu_ms_per_file=result["one_report"]["check_xlsx"]["cpu_ms"])
    peers["openpyxl_one"] = x
    per_docx = b[f"JSON → DOCX ×{docx_batch}"]["cpu_ms_per_report"]
    x = peer(tools, SOURCE / "bench/peers/python_docx_report.py",
             [SOURCE, out / "python-docx", json_dir, "--limit", docx_peer], docx_peer)
    x.update(what=f"python-docx builds the same document, {docx_peer} reports in one process "
                  f"— vs `nianbao batch --convert-to .docx` (which also checks each report)",
             nianbao_cpu_ms_per_file=per_docx)
    peers["python_docx_batch"] = x
    x = peer(tools, SOURCE / "bench/peers/python_docx_report.py", [SOURCE, out / "python-docx", one_json], 1)
    x.update(what="python-docx, one report, new process — vs `nianbao convert` report.json → .docx",
             nianbao_cpu_ms_per_file=result["one_report"]["convert_docx"]["cpu_ms"])
    peers["python_docx_one"] = x
    for v in peers.values():
        v["ratio_cpu"] = v["cpu_ms_per_file"] / v["nianbao_cpu_ms_per_file"]
        print(f"  {v['what'][:60]}…: {v['ratio_cpu']:.1f}×", file=sys.stderr)
    if before:
        for key, base, what in [
                ("python_docx_batch_before", "python_docx_batch",
                 f"python-docx, {docx_peer} reports in one process — vs the earlier DOCX exporter's batch"),
                ("python_docx_one_before", "python_docx_one",
                 "python-docx, one report, new process — vs `convert` with the earlier DOCX exporter")]:
            x = dict(peers[base], what=what)
            x["nianbao_cpu_ms_per_file"] = (b[f"JSON → DOCX ×{docx_batch}, the earlier DOCX exporter"]["cpu_ms_per_report"]
                                            if "batch" in key else result["one_report"]["convert_docx_before"]["cpu_ms"])
            x["ratio_cpu"] = x["cpu_ms_per_file"] / x["nianbao_cpu_ms_per_file"]
            peers[key] = x
    result["peers"] = peers

    # ---- the service --------------------------------------------------------------------------
    if not args.no_server and tools.benchmarks.exists():
        print("the service (server_bench.py)", file=sys.stderr)
        result["server"] = server_bench.measure(build, requests=16 if args.smoke else 300,
                                                rounds=1 if args.smoke else 3, smoke=args.smoke)

    # ---- in process ---------------------------------------------------------------------------
    if tools.benchmarks.exists():
        print("in process (Google Benchmark)", file=sys.stderr)
        with tempfile.TemporaryFile() as outf:
            run([tools.benchmarks, "--benchmark_format=json",
                 f"--benchmark_min_time={0.001 if args.smoke else 0.5}"], stdout=outf)
            outf.seek(0)
            gb = json.loads(outf.read().decode())
        result["google_benchmark"] = {
            x["name"]: x["cpu_time"] * {"us": 1, "ms": 1000, "ns": 0.001}[x["time_unit"]]
            for x in gb["benchmarks"]}

    result["load_average_at_end"] = os.getloadavg()
    text = markdown(result)
    print(text)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
    if args.markdown:
        pathlib.Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        print(f"run_benchmarks: {e}", file=sys.stderr)
        sys.exit(1)
