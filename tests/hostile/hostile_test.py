#!/usr/bin/env python3
"""Hostile input, end to end through the CLI: every case must end with its expected exit code and
rule code, a message, no crash, no hang and bounded memory. Each case is a file of tests/hostile/
inputs or is made here (the big ones: bombs, 100 MB lines). The table printed at the end (time and
peak memory of each case) is what tests/hostile/README.md quotes.

usage: hostile_test.py NIANBAO SOURCE_DIR SLOWDOWN
"""
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

NIANBAO, SOURCE, SLOWDOWN = sys.argv[1], sys.argv[2], float(sys.argv[3])
INPUTS = os.path.join(SOURCE, "tests", "hostile", "inputs")
EXAMPLE = os.path.join(SOURCE, "examples", "huaibei-2020", "report.json")
EXAMPLE_XLSX = os.path.join(SOURCE, "examples", "huaibei-2020", "report.xlsx")
# "No hang": every case must end within this many seconds (multiplied under sanitizers). The time
# each case really took is printed in the table; it is not asserted (no timed tests).
HANG_BOUND = 20.0 * SLOWDOWN
# Bounded memory: peak resident size of the whole process. Sanitizer builds map shadow memory, so
# the bound only holds without them.
MEMORY_BOUND_KB = 256 * 1024

work = tempfile.mkdtemp(prefix="nianbao-hostile-")
failures = []
rows = []


def path(name):
    return os.path.join(work, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def example_text():
    with open(EXAMPLE, encoding="utf-8") as f:
        return f.read()


def run(args):
    """Runs the CLI; returns (exit code, JSON output or None, seconds, peak RSS in KiB, stderr)."""
    # GNU time measures the peak resident size: a child forked from this Python process would
    # report Python's own peak too (Linux keeps the high-water mark across exec).
    rss_file = path("rss.txt")
    start = time.monotonic()
    try:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, NIANBAO, *args],
                              capture_output=True, timeout=HANG_BOUND)
        rc, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired:
        rc, out, err = -9, b"", f"no result within {HANG_BOUND} s (hang)".encode()
    seconds = time.monotonic() - start
    try:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        rss = None
    try:
        doc = json.loads(out.decode("utf-8")) if out.strip().startswith(b"{") else None
    except ValueError:
        doc = None
    return rc, doc, seconds, rss, err.decode("utf-8", "replace")


def case(name, file, code, exit_code=2, args=(), message_has=None, command="check"):
    argv = [command, file, *args] if command == "check" else [command, *args]
    if command == "check":
        argv += ["--output-format", "json", "--lang", "en"]
    rc, doc, seconds, rss, err = run(argv)
    codes = [d["code"] for d in doc["diagnostics"]] if doc else []
    messages = [d["message"] for d in doc["diagnostics"]] if doc else []
    problems = []
    if rc != exit_code:
        problems.append(f"exit {rc}, expected {exit_code}")
    if rc < 0 or rc > 2:
        problems.append(f"crashed ({rc}): {err[-400:]}")
    if code and code not in codes and code not in err:
        problems.append(f"expected {code}, got {codes or err[-300:]}")
    if doc and not all(m.strip() for m in messages):
        problems.append("a diagnostic without a message")
    if message_has and not any(message_has in m for m in messages) and message_has not in err:
        problems.append(f"no message mentions {message_has!r}: {messages or err[-300:]}")
    if SLOWDOWN == 1 and rss and rss > MEMORY_BOUND_KB:
        problems.append(f"peak memory {rss // 1024} MiB over {MEMORY_BOUND_KB // 1024} MiB")
    rows.append((name, code or "-", rc, seconds, rss))
    if problems:
        failures.append(f"{name}: " + "; ".join(problems))


# ---- files that are not what they claim, or not files ------------------------------------------

case("empty file", write("empty.json", b""), "IO-04")
case("directory given as a file", work, "IO-01")
case("missing file", path("no-such-report.json"), None, message_has="does not exist")

# ---- JSON ---------------------------------------------------------------------------------------

case("deeply nested JSON (100 000 levels)", write("deep.json", b"[" * 100000), "JSON-01",
     message_has="nesting")
text = example_text()
case("invalid UTF-8 in a JSON string",
     write("invalid-utf8.json", text.replace("淮北市", "\udcff", 1).encode("utf-8", "surrogateescape")),
     "JSON-01")
case("GBK mislabelled as UTF-8 (JSON)", write("gbk.json", text.encode("gb18030")), "JSON-01")
assert '"natural_person": 36' in text
case("a 40-digit integer", write("digits40.json", text.replace(
    '"natural_person": 36', '"natural_person": ' + "9" * 40, 1).encode()), "JSON-03")
case("NaN as a count", write("nan.json", text.replace(
    '"natural_person": 36', '"natural_person": NaN', 1).encode()), "JSON-01")
assert '"value": "299.8"' in text
case("NaN as money", write("nan-money.json", text.replace(
    '"value": "299.8"', '"value": "NaN"', 1).encode()), "JSON-03")
case("1e400 as money", write("huge-money.json", text.replace(
    '"value": "299.8"', '"value": "1e400"', 1).encode()), "JSON-03")
# Negative money is a well-formed number in a readable report: it is a finding at its cell (CEL-03,
# exit 1) with the rest of the report checked, not an unreadable file.
case("negative money", write("negative-money.json", text.replace(
    '"value": "299.8"', '"value": "-299.8"', 1).encode()), "CEL-03", exit_code=1)

# ---- sizes ----------------------------------------------------------------------------------------

line = path("one-line.json")  # 100 MB on one line, written in pieces
with open(line, "wb") as f:
    f.write(b"[")
    for _ in range(50):
        f.write(b"1," * (1024 * 1024))
    f.write(b"1]")
case("100 MB on a single line", line, "IO-02", message_has="input-bytes")
case("100 MB single line with the limit raised", line, "JSON-01",
     args=("--limit", "input-bytes=128M"))
case("a limit that is not a number", EXAMPLE, None, args=("--limit", "input-bytes=lots"))

# ---- a file that ends while it is read ------------------------------------------------------------

fifo = path("vanishing.json")
os.mkfifo(fifo)


def feed_half():
    with open(fifo, "wb") as f:
        f.write(text.encode()[: len(text) // 2])


feeder = threading.Thread(target=feed_half)
feeder.start()
case("a file that ends mid-read (writer gone)", fifo, "JSON-01")
feeder.join()

# ---- XML ------------------------------------------------------------------------------------------

for name in sorted(os.listdir(INPUTS)):
    if name.endswith(".xml"):
        expected = {"billion-laughs.xml": "XML-04", "xxe-passwd.xml": "XML-04",
                    "gbk-labelled-utf8.xml": "XML-01"}[name]
        case(f"XML: {name}", os.path.join(INPUTS, name), expected,
             message_has="UTF-8" if "gbk" in name else None)
deep_xml = write("deep.xml", b'<?xml version="1.0"?><report xmlns="urn:nianbao:report:1">' +
                 b"<a>" * 200000 + b"</a>" * 200000 + b"</report>")
case("deeply nested XML (200 000 levels)", deep_xml, "XML-01")

# ---- zip packages ---------------------------------------------------------------------------------


def xlsx_with(extra_entries=(), transform=None):
    """The example workbook with extra entries, or with every entry transformed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(EXAMPLE_XLSX) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if transform:
                info, data = transform(info, data)
            dst.writestr(info, data)
        for info, data in extra_entries:
            dst.writestr(info, data)
    return buf.getvalue()


def zip_bomb(name):
    """The example workbook whose first sheet decompresses to 1 GiB (1 MiB compressed)."""
    with zipfile.ZipFile(EXAMPLE_XLSX) as src, zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, data)
                continue
            big = zipfile.ZipInfo(info.filename)
            big.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(big, "w", force_zip64=True) as entry:
                entry.write(data[: -len(b"</worksheet>")])
                chunk = b" " * (1 << 20)
                for _ in range(1024):
                    entry.write(chunk)
                entry.write(b"</worksheet>")
    return path(name)


case("zip bomb (a 1 GiB sheet)", zip_bomb("bomb.xlsx"), "XLSX-03")
traversal = zipfile.ZipInfo("../../../../tmp/nianbao-escaped.txt")
case("zip entry named ../", write("traversal.xlsx", xlsx_with([(traversal, b"x")])), "XLSX-01")
link = zipfile.ZipInfo("xl/link")
link.create_system = 3
link.external_attr = (0o120777 << 16)
case("zip with a symlink entry", write("symlink.xlsx", xlsx_with([(link, b"/etc/passwd")])), "XLSX-01")


def encrypted(data):
    """Marks every entry as encrypted (general purpose flag bit 0), as a password-protected zip."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = out.find(sig)
        while i >= 0:
            flags = struct.unpack_from("<H", out, i + offset)[0] | 1
            struct.pack_into("<H", out, i + offset, flags)
            i = out.find(sig, i + 4)
    return bytes(out)


case("encrypted zip", write("encrypted.xlsx", encrypted(xlsx_with())), "XLSX-02")
with open(EXAMPLE_XLSX, "rb") as f:
    whole = f.read()
case("truncated zip", write("truncated.xlsx", whole[: len(whole) // 2]), "XLSX-01")

# ---- a lowered limit: the table sizes -----------------------------------------------------------
# The example's tables hold a few hundred cells; with the limit below that, every importer of
# tables refuses the file and says how to raise the limit. The same files read with the default.

example_rc = run(["check", EXAMPLE])[0]
published = {}
for kind in ("docx", "html"):
    published[kind] = path("example." + kind)
    rc, _, _, _, err = run(["convert", EXAMPLE, "-o", published[kind]])
    if rc != 0:
        failures.append(f"convert to {kind}: exit {rc}: {err[-300:]}")
for file, code in ((EXAMPLE_XLSX, "XLSX-03"), (published["docx"], "DOCX-06"),
                   (published["html"], "HTML-03")):
    name = os.path.basename(file)
    case(f"table-cells=50 ({name})", file, code, args=("--limit", "table-cells=50"),
         message_has="table-cells")
    case(f"default table-cells ({name})", file, None, exit_code=example_rc)
# A misspelt name raises nothing: said on stderr, and the file read with the defaults.
case("a misspelt limit name", EXAMPLE, None, exit_code=example_rc,
     args=("--limit", "tabel-cells=50"), message_has='no plugin declares a limit called "tabel-cells"')

# ---- outputs are never lost -----------------------------------------------------------------------

old = write("existing.docx", b"the agency's earlier document")
rc, _, _, _, err = run(["convert", EXAMPLE, "-o", old, "--reference-docx", path("truncated.xlsx")])
with open(old, "rb") as f:
    if rc != 2 or f.read() != b"the agency's earlier document":
        failures.append(f"a failing export changed the existing output (exit {rc}): {err[-300:]}")
leftovers = [n for n in os.listdir(work) if n.startswith("existing.docx") and n != "existing.docx"]
if leftovers:
    failures.append(f"a failing export left temporary files: {leftovers}")
copy = write("own-input.json", text.encode())
rc, _, _, _, err = run(["convert", copy, "-o", copy])
with open(copy, encoding="utf-8") as f:
    if rc != 2 or f.read() != text:
        failures.append(f"convert overwrote its own input (exit {rc})")

print(f"{'case':52} {'code':9} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
for name, code, rc, seconds, rss in rows:
    mib = f"{rss / 1024:.0f}" if rss else "?"
    print(f"{name:52} {code:9} {rc:>4} {seconds:>8.3f} {mib:>9}")
shutil.rmtree(work, ignore_errors=True)
if os.path.exists("/tmp/nianbao-escaped.txt"):
    failures.append("a zip entry named ../ was written outside")
if failures:
    print("\nFAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"\n{len(rows)} hostile inputs: each gave its expected outcome")
