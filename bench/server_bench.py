#!/usr/bin/env python3
"""`check` over HTTP against the same check in process, and the service's requests per second.

    python3 bench/server_bench.py --build build [--file examples/huaibei-2020/report.xlsx]
                                  [--requests 300] [--rounds 3] [--clients 1,2,8] [--json out.json]

What it prints, for one report (an XLSX by default):

- the CPU time of one check in process: import the bytes and check them, as `POST /api/v1/check`
  does, without HTTP (build/bin/nianbao_benchmarks, BM_CheckFile on the same file; the median
  of its repetitions);
- the CPU time of one check over loopback HTTP: the server's own CPU time (user + system, from
  /proc/PID/stat) over `--requests` checks on one keep-alive connection, divided by the
  requests; the median of `--rounds` rounds. Beside it the ratio to the in-process figure (the
  target is at most 2×);
- requests per second with 1, 2 and 8 clients at once (each a process of its own, on its own
  keep-alive connection; `--requests` checks in all, shared between them), with the median and
  99th-percentile latency and the server's CPU per check.

Every run is bounded (a fixed number of requests). The clients run on the same machine as the
server and take CPU from it: on a machine with few cores the requests per second are those of
server and clients together. Nothing here passes or fails on a time.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "examples/huaibei-2020/report.xlsx"


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def process_cpu_s(pid):
    """CPU time (user + system) a process has used so far, in seconds (clock ticks: 10 ms)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_process(benchmarks, path, smoke):
    """Median CPU time in ms of BM_CheckFile on the file (import the bytes and check them)."""
    reps = 2 if smoke else 5
    env = dict(os.environ, NIANBAO_BENCH_CHECK_FILE=str(path))
    out = subprocess.run([str(benchmarks), "--benchmark_filter=^BM_CheckFile$", "--benchmark_format=json",
                          f"--benchmark_repetitions={reps}",
                          f"--benchmark_min_time={0.01 if smoke else 0.5}"],
                         env=env, capture_output=True, text=True, check=True).stdout
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"]
    if not runs:
        raise RuntimeError("BM_CheckFile did not run")
    scale = {"us": 1e-3, "ms": 1, "ns": 1e-6}
    return statistics.median(b["cpu_time"] * scale[b["time_unit"]] for b in runs)


def post_check(conn, name, body):
    conn.request("POST", "/api/v1/check?filename=" + name, body=body,
                 headers={"Content-Type": "application/octet-stream"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise RuntimeError(f"check answered {r.status}")


def client(port, name, body, count, start, results):
    """One client: `count` checks on one keep-alive connection, once `start` is set."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    post_check(conn, name, body)  # connected and warm before the clock starts
    start.wait()
    times = []
    for _ in range(count):
        t = time.perf_counter()
        post_check(conn, name, body)
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    results.put(times)


def http_round(server, port, name, body, clients, requests):
    """`requests` checks shared by `clients` client processes: wall seconds, latencies (ms) and
    the server's CPU seconds over the round."""
    ctx = multiprocessing.get_context("fork")
    start, results = ctx.Event(), ctx.Queue()
    shares = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]
    procs = [ctx.Process(target=client, args=(port, name, body, n, start, results)) for n in shares]
    for p in procs:
        p.start()
    time.sleep(0.3)  # every client connected and past its first request
    cpu = process_cpu_s(server.pid)
    t = time.perf_counter()
    start.set()
    times = []
    for _ in procs:
        times += results.get(timeout=600)
    wall = time.perf_counter() - t
    cpu = process_cpu_s(server.pid) - cpu
    for p in procs:
        p.join()
    return wall, times, cpu


def measure(build, path=DEFAULT_FILE, requests=300, rounds=3, clients=(1, 2, 8), smoke=False):
    build = pathlib.Path(build).resolve()
    nianbao, benchmarks = build / "bin/nianbao", build / "bin/nianbao_benchmarks"
    path = pathlib.Path(path).resolve()
    body, name = path.read_bytes(), path.name
    result = {"file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
              "requests": requests, "rounds": rounds,
              "load_average_at_start": os.getloadavg()}
    result["in_process_cpu_ms"] = in_process(benchmarks, path, smoke)

    data = tempfile.mkdtemp(prefix="nianbao-bench-")
    workers = max(8, max(clients))
    server = subprocess.Popen([nianbao, "serve", "--listen", "127.0.0.1:0", "--data", data,
                               "--workers", str(workers)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
        # One client, keep-alive: the server's CPU per check, median of the rounds.
        one = []
        for _ in range(rounds):
            wall, times, cpu = http_round(server, port, name, body, 1, requests)
            one.append({"cpu_ms": cpu / requests * 1000, "p50_ms": percentile(times, .5),
                        "p99_ms": percentile(times, .99), "per_s": requests / wall})
        result["http_cpu_ms"] = statistics.median(r["cpu_ms"] for r in one)
        result["http_rounds"] = one
        result["ratio"] = result["http_cpu_ms"] / result["in_process_cpu_ms"]
        # Concurrent clients: requests per second, the median round of each.
        result["concurrency"] = {}
        for n in clients:
            rs = []
            for _ in range(rounds):
                wall, times, cpu = http_round(server, port, name, body, n, requests)
                rs.append({"clients": n, "per_s": requests / wall, "p50_ms": percentile(times, .5),
                           "p99_ms": percentile(times, .99), "cpu_ms": cpu / requests * 1000})
            rs.sort(key=lambda r: r["per_s"])
            result["concurrency"][n] = rs[len(rs) // 2]
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    result["load_average_at_end"] = os.getloadavg()
    result["cores"] = os.cpu_count()
    return result


def markdown(r):
    load = lambda xs: ", ".join(f"{x:.1f}" for x in xs)
    lines = [f"`POST /api/v1/check` of {r['file']} ({r['requests']} requests a round, median of "
             f"{r['rounds']} rounds; {r['cores']} cores, shared with the clients; load average "
             f"{load(r['load_average_at_start'])} at the start, {load(r['load_average_at_end'])} at the end)", "",
             "| one check | CPU |", "|---|---:|",
             f"| in process: import the bytes and check them (`BM_CheckFile`) | {r['in_process_cpu_ms']:.2f} ms |",
             f"| over loopback HTTP, one keep-alive client (the server's CPU per request) | {r['http_cpu_ms']:.2f} ms |",
             f"| HTTP / in process (target ≤ 2×) | **{r['ratio']:.2f}×** |", "",
             "| clients at once | requests per second | latency p50 | latency p99 | server CPU per check |",
             "|---:|---:|---:|---:|---:|"]
    for n, x in r["concurrency"].items():
        lines.append(f"| {n} | {x['per_s']:.0f} | {x['p50_ms']:.1f} ms | {x['p99_ms']:.1f} ms | {x['cpu_ms']:.2f} ms |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--file", default=str(DEFAULT_FILE), help="the report posted (default: an XLSX)")
    ap.add_argument("--requests", type=int, default=300, help="checks in each round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", default="1,2,8", help="numbers of concurrent clients")
    ap.add_argument("--smoke", action="store_true", help="few requests: proves the script works")
    ap.add_argument("--json", help="write every figure here")
    args = ap.parse_args()
    requests, rounds = (16, 1) if args.smoke else (args.requests, args.rounds)
    r = measure(args.build, args.file, requests, rounds,
                tuple(int(x) for x in args.clients.split(",")), args.smoke)
    print(markdown(r))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
