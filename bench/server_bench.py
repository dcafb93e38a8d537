#!/usr/bin/env python3
"""`check` over HTTP beside the command line: one report checked N times as a new `nianbao check`
process, then N times over one keep-alive connection to `nianbao serve`, then by several clients
at once. Prints a Markdown table for docs/performance.md.

    python3 bench/server_bench.py build/bin/nianbao [--runs 200] [--clients 4]
"""
import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INPUTS = [("JSON", "examples/huaibei-2020/report.json"), ("XLSX", "examples/huaibei-2020/report.xlsx")]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def cli_runs(nianbao, path, runs):
    """Wall times (ms) and the mean CPU time (ms, user + system) of `nianbao check` processes."""
    times, cpu = [], []
    for i in range(runs + 3):
        start = time.perf_counter()
        p = subprocess.Popen([nianbao, "check", path], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(p.pid, 0)
        if i >= 3:  # three untimed runs first
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
    return times, statistics.mean(cpu)


def process_cpu_ms(pid):
    """CPU time (user + system) a process has used so far, in ms."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def post_check(conn, name, body):
    conn.request("POST", "/api/v1/check?filename=" + name, body=body,
                 headers={"Content-Type": "application/octet-stream"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise RuntimeError(f"check answered {r.status}")


def http_runs(port, name, body, runs):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    for i in range(runs + 3):
        start = time.perf_counter()
        post_check(conn, name, body)
        if i >= 3:
            times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def http_parallel(port, name, body, clients, per_client):
    times, lock = [], threading.Lock()

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port)
        mine = []
        for _ in range(per_client):
            start = time.perf_counter()
            post_check(conn, name, body)
            mine.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("nianbao")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()

    data = tempfile.mkdtemp(prefix="nianbao-bench-")
    serve = subprocess.Popen([args.nianbao, "serve", "--listen", "127.0.0.1:0", "--data", data,
                              "--workers", str(max(2, args.clients))],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", serve.stdout.readline()).group(1))
    print(f"load average before: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = []
    try:
        for kind, rel in INPUTS:
            path = os.path.join(ROOT, rel)
            body = open(path, "rb").read()
            name = os.path.basename(path)
            cli, cli_cpu = cli_runs(args.nianbao, path, args.runs)
            before = process_cpu_ms(serve.pid)
            one = http_runs(port, name, body, args.runs)
            one_cpu = (process_cpu_ms(serve.pid) - before) / (args.runs + 3)
            before = process_cpu_ms(serve.pid)
            many, seconds = http_parallel(port, name, body, args.clients, args.runs // args.clients)
            many_cpu = (process_cpu_ms(serve.pid) - before) / len(many)
            rows.append((kind, cli, cli_cpu, one, one_cpu, many, many_cpu, seconds))
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    print(f"load average after: {os.getloadavg()[0]:.1f}", file=sys.stderr)

    print("| report | how | wall p50 | wall p99 | CPU per report | throughput |")
    print("|---|---|---|---|---|---|")
    for kind, cli, cli_cpu, one, one_cpu, many, many_cpu, seconds in rows:
        print(f"| {kind} | `nianbao check FILE`, a new process each time | {percentile(cli, .5):.1f} ms "
              f"| {percentile(cli, .99):.1f} ms | {cli_cpu:.1f} ms | {1000 / statistics.mean(cli):.0f} reports/s |")
        print(f"| {kind} | `POST /api/v1/check`, one client, keep-alive | {percentile(one, .5):.1f} ms "
              f"| {percentile(one, .99):.1f} ms | {one_cpu:.1f} ms | {1000 / statistics.mean(one):.0f} reports/s |")
        print(f"| {kind} | `POST /api/v1/check`, {args.clients} clients at once | "
              f"{percentile(many, .5):.1f} ms | {percentile(many, .99):.1f} ms | {many_cpu:.1f} ms "
              f"| {len(many) / seconds:.0f} reports/s |")


if __name__ == "__main__":
    main()
