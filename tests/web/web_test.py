#!/usr/bin/env python3
"""The pages of `nianbao serve` in a real browser: headless Chromium driven by Selenium.

Starts `nianbao serve --listen 127.0.0.1:0` on an empty store with a token file, then, page by
page: checks the bundled 淮北 spreadsheet and finds NT-03 at its paragraph and its cells; fills in
a table with one wrong cell, sees the finding with the value the cell should have, corrects it and
sees it go; downloads the DOCX and reads it back with python-docx; saves to the store; reads the
region's dashboard and the agency's history; and proves that hostile report text shows as text
and runs nothing. Every page is photographed at 1280×800 and 390×844 into --work/screenshots.

A missing browser, driver or Python package fails the test (exit 1); nothing is skipped.
"""
import argparse
import csv
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

TOKEN = "web-test-token-0123456789abcdef"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:  # the test must fail, never skip, without its client
    fail(f"python3-selenium is not installed ({e}); run .ci/install-deps")
try:
    import docx
except ImportError as e:
    fail(f"python3-docx is not installed ({e}); run .ci/install-deps")
for tool, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
    if not os.access(tool, os.X_OK):
        fail(f"{tool} is missing (Debian: {package}); run .ci/install-deps")


class Server:
    """`nianbao serve` on an ephemeral port; the port is read from its first line."""

    def __init__(self, cli, work, slowdown):
        self.slowdown = slowdown
        data = os.path.join(work, "data")
        token_file = os.path.join(work, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        self.proc = subprocess.Popen(
            [cli, "serve", "--listen", "127.0.0.1:0", "--data", data, "--token-file", token_file],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        ready, _, _ = select.select([self.proc.stdout], [], [], 20 * slowdown)
        if not ready:
            self.stop()
            fail("nianbao serve printed nothing within 20 s")
        line = self.proc.stdout.readline().decode("utf-8", "replace")
        start = line.find("http://127.0.0.1:")
        if start < 0:
            self.stop()
            fail("unexpected first line of nianbao serve: " + line)
        self.base = line[start:].split("/", 3)[0:3]
        self.base = "/".join(self.base)
        print("server:", self.base)

    def request(self, method, path, body=None, token=True, content_type="application/json"):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        if token:
            req.add_header("Authorization", "Bearer " + TOKEN)
        if body is not None:
            req.add_header("Content-Type", content_type)
        with urllib.request.urlopen(req, timeout=30 * self.slowdown) as r:
            return json.loads(r.read().decode("utf-8"))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def browser(downloads, profile, slowdown):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=zh-CN",
                "--user-data-dir=" + profile):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads, "download.prompt_for_download": False,
        # The pages download after a request has answered, which Chrome counts as automatic.
        "profile.default_content_setting_values.automatic_downloads": 1,
        "intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30 * slowdown)
    driver.set_script_timeout(30 * slowdown)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


class Run:
    def __init__(self, args):
        args.source_dir = os.path.abspath(args.source_dir)
        args.work = os.path.abspath(args.work)
        self.args = args
        self.work = args.work
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.shots = os.path.join(self.work, "screenshots")
        self.downloads = os.path.join(self.work, "downloads")
        os.makedirs(self.shots)
        os.makedirs(self.downloads)
        self.server = Server(args.cli, self.work, args.slowdown)
        self.profile = tempfile.mkdtemp(prefix="nianbao-web-chromium-")
        self.driver = browser(self.downloads, self.profile, args.slowdown)
        self.checks = 0

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.server.stop()
            shutil.rmtree(self.profile, ignore_errors=True)

    # ---- helpers ----

    def expect(self, condition, message):
        self.checks += 1
        if not condition:
            self.shoot("failure")
            fail(message)

    def wait(self, predicate, message, timeout=20):
        timeout *= self.args.slowdown
        try:
            # The pages draw again as answers arrive: an element gone between two looks is "not yet".
            def attempt(d):
                try:
                    return predicate(d)
                except (StaleElementReferenceException, AttributeError, IndexError):
                    return False
            return WebDriverWait(self.driver, timeout).until(attempt)
        except TimeoutException:
            self.shoot("failure")
            fail("timed out: " + message)

    def css(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def by_id(self, ident):
        found = self.driver.find_elements(By.ID, ident)
        return found[0] if found else None

    def go(self, hash_):
        # A page of its own each time: a change of the fragment alone would not load it again.
        self.driver.get("about:blank")
        self.driver.get(self.server.base + "/" + hash_)
        page = hash_[1:].split("?")[0]
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete" and
                  self.css(f'main[data-page="{page}"] h1'), "page load")

    def shoot(self, name):
        d = self.driver
        size = d.get_window_size()
        for w, h in ((1280, 800), (390, 844)):
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600})
            time.sleep(0.4)
            d.save_screenshot(os.path.join(self.shots, f"{name}-{w}x{h}.png"))
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        d.set_window_size(size["width"], size["height"])

    def wait_download(self, suffix, before):
        # `before` is what the folder held before the click; the file is whatever appears.
        def done(_):
            names = set(os.listdir(self.downloads)) - before
            return [n for n in names if n.endswith(suffix)] or False
        names = self.wait(done, "a download ending in " + suffix + f" (the folder holds {os.listdir(self.downloads)})")
        return os.path.join(self.downloads, names[0])

    def labelled(self, page):
        """Every input, select and text area of the page has a label."""
        unlabelled = self.driver.execute_script("""
            return [...document.querySelectorAll('input, select, textarea')].filter((e) =>
              !(e.getAttribute('aria-label') || (e.id && document.querySelector('label[for="' + e.id + '"]'))))
              .map((e) => e.id || e.outerHTML.slice(0, 60));""")
        self.expect(not unlabelled, f"{page}: inputs without a label: {unlabelled}")

    def not_pwned(self, where):
        flag = self.driver.execute_script("return window.__pwned === undefined ? null : String(window.__pwned)")
        self.expect(flag is None, f"{where}: hostile report text ran (window.__pwned = {flag})")

    # ---- the pages ----

    def check_page(self):
        self.go("#check")
        xlsx = os.path.join(self.args.source_dir, "examples/huaibei-2020/report.xlsx")
        self.by_id("check-file").send_keys(xlsx)
        self.wait(lambda d: self.css('.findings button[data-code="NT-03"]'), "NT-03 in the findings list")
        # NT-03 at its paragraph: the paragraph is marked, the phrase highlighted, the note follows.
        notes = [n for n in self.css(".report .para-note") if "NT-03" in n.text]
        self.expect(len(notes) == 2, f"two NT-03 notes at paragraphs, found {len(notes)}")
        para = self.driver.execute_script("""
            let p = arguments[0].previousElementSibling;
            while (p && p.classList.contains('para-note')) p = p.previousElementSibling;
            return p;""", notes[0])
        self.expect(para.tag_name == "p" and para.get_attribute("data-section") == "overview",
                    "the NT-03 notes follow a paragraph of 一、总体情况")
        self.expect("f-error" in para.get_attribute("class"), "the NT-03 paragraph is marked as an error")
        self.expect("其他处理的24件" in para.text, "the NT-03 paragraph is the one that says 其他处理的24件")
        marks = [m.text for m in para.find_elements(By.CSS_SELECTOR, "mark.quote")]
        self.expect("其他处理的24件" in marks and "无法提供的1件" in marks, f"the phrases are marked: {marks}")
        # …and at its cells: the table cells the sentence contradicts.
        for cell in ("rc-applications~other~total", "rc-applications~unavailable.not_held~total"):
            td = self.by_id(cell)
            self.expect(td is not None and "related" in td.get_attribute("class") and "NT-03" in td.text,
                        f"NT-03 at cell {cell}: {td.text if td else None!r}")
        # CEL-05 at the procurement amount cell, a warning.
        td = self.by_id("rc-proactive~procurement~amount")
        self.expect("f-warning" in td.get_attribute("class") and "CEL-05" in td.text, "CEL-05 at its cell")
        # The list jumps to the place.
        self.css('.findings button[data-code="NT-03"]')[0].click()
        self.wait(lambda d: d.execute_script("return document.activeElement.dataset.para !== undefined"),
                  "the NT-03 button moves the focus to its paragraph")
        # The severity filter hides the errors' notes.
        self.by_id("show-error").click()
        self.expect(not notes[0].is_displayed(), "unchecking errors hides the NT-03 note")
        self.by_id("show-error").click()
        self.expect(notes[0].is_displayed(), "checking errors again shows it")
        self.labelled("check")
        self.shoot("check")
        # Download the DOCX and read it back.
        before = set(os.listdir(self.downloads))
        self.css('[data-download="docx"]')[0].click()
        path = self.wait_download(".docx", before)
        time.sleep(0.3)
        document = docx.Document(path)
        text = "\n".join(p.text for p in document.paragraphs)
        self.expect("淮北市人民政府办公室" in text, "the DOCX names the agency")
        cells = [c.text.strip() for t in document.tables for r in t.rows for c in r.cells]
        self.expect(len(document.tables) >= 3 and "36" in cells and "405" in cells,
                    f"the DOCX tables hold the report's numbers ({len(document.tables)} tables)")
        # English.
        Select(self.by_id("lang-select")).select_by_value("en")
        self.wait(lambda d: self.css("main h1") and self.css("main h1")[0].text == "Check an annual report",
                  "the page in English")
        self.wait(lambda d: [b for b in self.css('.findings button[data-code="CEL-05"]') if "unit" in b.text],
                  "the findings in English")
        self.shoot("check-en")
        Select(self.by_id("lang-select")).select_by_value("zh")
        self.wait(lambda d: self.css("main h1") and self.css("main h1")[0].text == "检查年度报告", "back in Chinese")

    def hostile(self):
        with open(os.path.join(self.args.source_dir, "examples/huaibei-2020/report.json"), encoding="utf-8") as f:
            report = json.load(f)
        script = "<script>window.__pwned=1</script>"
        img = '"><img src=x onerror="window.__pwned=2">'
        report["agency"]["name"] = script + "机关"
        report["sections"]["overview"].insert(0, img + " 正文")
        path = os.path.join(self.work, "hostile.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False)
        self.go("#check")
        self.by_id("check-file").send_keys(path)
        self.wait(lambda d: self.css("h1.doc-title") and "机关" in self.css("h1.doc-title")[0].text,
                  "the hostile report shown")
        time.sleep(0.5)
        self.not_pwned("check page")
        self.expect(script in self.css("h1.doc-title")[0].text, "the <script> name shows as text")
        self.expect(any(img in p.text for p in self.css("p.para")), "the <img onerror> paragraph shows as text")
        self.expect(not self.css("main img") and not self.css("main script"), "no element was made from report text")
        # The same name stored for an agency, on the dashboard.
        self.server.request("PUT", "/api/v1/agencies/hostile", json.dumps(
            {"name": '<img src=x onerror="window.__pwned=3">', "region_code": "350100"}).encode())
        self.go("#dashboard?region=350100&year=2020")
        self.wait(lambda d: self.css('#dash-agencies tr[data-agency="hostile"]'), "the hostile agency listed")
        time.sleep(0.3)
        self.not_pwned("dashboard")
        self.expect('<img src=x onerror="window.__pwned=3">' in self.css('#dash-agencies tr[data-agency="hostile"]')[0].text,
                    "the hostile agency name shows as text")

    def fill_page(self):
        self.go("#fill")
        self.wait(lambda d: self.by_id("fill-form"), "the form")
        self.expect(len(self.css("#fill-form table.form")) >= 3, "the three tables as a form")
        self.labelled("fill")
        # Start from a file: the example report.
        self.by_id("fill-import").send_keys(os.path.join(self.args.source_dir, "examples/huaibei-2020/report.json"))
        key = "applications~granted~natural_person"
        self.wait(lambda d: self.by_id("in-" + key) and self.by_id("in-" + key).get_attribute("value") == "10",
                  "the imported report in the form")
        self.wait(lambda d: "已检查" in self.by_id("fill-status").text, "the first check")
        cell = lambda: self.by_id("fc-" + key)
        self.expect("T3-01" not in cell().text, "no T3-01 before the wrong value")
        # One wrong cell: 11 where the row adds up to 10.
        box = self.by_id("in-" + key)
        box.clear()
        box.send_keys("11")
        self.wait(lambda d: "T3-01" in cell().text and "应为 10" in cell().text,
                  "T3-01 at the wrong cell with the value it should have")
        self.expect("f-error" in cell().get_attribute("class"), "the wrong cell is marked as an error")
        self.expect("合计 37" in self.by_id("fc-applications~results_total~natural_person").text,
                    "the total's sum is computed as typed")
        self.shoot("fill")
        # Kept in the browser: a reload brings it back, with its finding.
        self.driver.refresh()
        self.wait(lambda d: self.by_id("in-" + key) and self.by_id("in-" + key).get_attribute("value") == "11",
                  "the typed value survives a reload")
        self.wait(lambda d: "T3-01" in cell().text, "the finding again after the reload")
        # Corrected: the finding goes.
        box = self.by_id("in-" + key)
        box.clear()
        box.send_keys("10")
        self.wait(lambda d: "T3-01" not in cell().text and "f-error" not in cell().get_attribute("class"),
                  "T3-01 gone once the cell is right")
        # An amount with its unit: the CEL-05 warning (no unit) goes.
        amount = self.by_id("in-proactive~procurement~amount")
        self.expect(amount.get_attribute("value") == "299.8", "the amount as imported")
        self.wait(lambda d: "CEL-05" in self.by_id("fc-proactive~procurement~amount").text, "CEL-05 at the amount")
        amount.clear()
        amount.send_keys("299.8万元")
        self.wait(lambda d: "CEL-05" not in self.by_id("fc-proactive~procurement~amount").text,
                  "CEL-05 gone once the amount has its unit")
        # A block pasted from a spreadsheet lands cell by cell.
        target = self.by_id("in-applications~new~commercial")
        self.driver.execute_script("""
            const dt = new DataTransfer(); dt.setData('text/plain', '0\\t0\\n0\\t0\\n');
            arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));""",
                                   target)
        self.wait(lambda d: "已粘贴 4 格" in self.by_id("fill-status").text or "已检查" in self.by_id("fill-status").text,
                  "the paste")
        # The DOCX of the form.
        before = set(os.listdir(self.downloads))
        self.css('[data-download="docx"]')[0].click()
        path = self.wait_download(".docx", before)
        time.sleep(0.3)
        document = docx.Document(path)
        cells = [c.text.strip() for t in document.tables for r in t.rows for c in r.cells]
        self.expect("淮北市人民政府办公室" in "\n".join(p.text for p in document.paragraphs), "the form's DOCX names the agency")
        self.expect("36" in cells and "24" in cells, "the form's DOCX holds its numbers")
        # The XLSX and the exchange XML of the form read back by nianbao itself.
        for kind, suffix in (("xlsx-template", ".xlsx"), ("platform-xml", ".xml")):
            before = set(os.listdir(self.downloads))
            self.css(f'[data-download="{kind}"]')[0].click()
            path = self.wait_download(suffix, before)
            time.sleep(0.3)
            back = os.path.join(self.work, "back" + suffix + ".json")
            done = subprocess.run([self.args.cli, "convert", path, "-o", back, "--to", "json"],
                                  capture_output=True, timeout=60 * self.args.slowdown)
            self.expect(done.returncode == 0, f"nianbao convert {path}: {done.stderr.decode('utf-8', 'replace')}")
            with open(back, encoding="utf-8") as f:
                read = json.load(f)
            self.expect(read["agency"]["name"] == "淮北市人民政府办公室（外事办公室）" and
                        read["tables"]["applications"]["granted"]["natural_person"] == 10 and
                        read["tables"]["applications"]["unavailable.not_held"]["total"] == 24,
                        f"the form's {suffix} reads back with its agency and cells")
        # Saved to the store with the token.
        self.by_id("fill-agency-id").send_keys("huaibei-office")
        region = self.by_id("fill-region")
        if region.get_attribute("value") != "340600":
            region.clear()
            region.send_keys("340600")
        self.by_id("fill-token").send_keys(TOKEN)
        self.by_id("fill-save").click()
        self.wait(lambda d: "已保存到报告库" in self.by_id("save-status").text, "saved to the store")
        self.expect(self.driver.execute_script("return localStorage.getItem('nianbao.fill.draft')") is None,
                    "the draft is dropped once saved")

    def dashboard(self):
        # Two more agencies of 淮北 (340600): one with a wrong report, one that has not submitted.
        with open(os.path.join(self.args.source_dir, "examples/huaibei-2020/report.json"), encoding="utf-8") as f:
            report = json.load(f)
        report["agency"]["name"] = "淮北市某某局（名称很长很长的机关，用来看表格是否仍然整齐）"
        report["tables"]["applications"]["granted"]["natural_person"] = 11
        report["tables"]["proactive"]["procurement"]["amount"] = {"value": "100", "unit": "万元"}
        self.server.request("PUT", "/api/v1/agencies/huaibei-bureau",
                            json.dumps({"name": report["agency"]["name"], "region_code": "340602", "kind": "department"}).encode())
        stored = self.server.request("PUT", "/api/v1/agencies/huaibei-bureau/reports/2020?filename=bureau.json",
                                     json.dumps(report, ensure_ascii=False).encode())
        self.server.request("PUT", "/api/v1/agencies/huaibei-missing",
                            json.dumps({"name": "淮北市未报送局", "region_code": "340600"}).encode())
        office = self.server.request("GET", "/api/v1/agencies/huaibei-office/reports/2020/findings", token=False)
        self.go("#dashboard?region=340600&year=2020")
        self.wait(lambda d: len(self.css("#dash-agencies tbody tr")) == 3 and self.css("#dash-aggregate table"),
                  "three agencies and the aggregate")
        stat = lambda k: self.css(f'[data-stat="{k}"] .n')[0].text
        self.expect((stat("agencies"), stat("submitted"), stat("missing"), stat("with_errors")) == ("3", "2", "1", "2"),
                    "totals: 3 agencies, 2 submitted, 1 missing, 2 with errors")
        row = lambda a, col: self.css(f'#dash-agencies tr[data-agency="{a}"] td[data-col="{col}"]')[0].text
        self.expect(row("huaibei-office", "errors") == str(office["summary"]["errors"]) and
                    row("huaibei-office", "warnings") == str(office["summary"]["warnings"]),
                    "the office's counts are those of its findings")
        self.expect(row("huaibei-bureau", "errors") == str(stored["findings"]["summary"]["errors"]),
                    "the bureau's error count is that of its findings")
        self.expect(row("huaibei-office", "apps") == "36", "applications of the office")
        status = self.css('#dash-agencies tr[data-agency="huaibei-missing"] [data-status]')[0]
        self.expect(status.get_attribute("data-status") == "missing", "the missing agency is marked missing")
        self.expect(len(self.css("#dash-chart svg rect")) == 2, "one bar per submitted agency")
        self.expect(self.by_id("agg-applications~new~total").text == "72" and
                    self.by_id("agg-proactive~procurement~amount").text.startswith("399.8"),
                    "the aggregate adds up the two reports: "
                    f"{self.by_id('agg-applications~new~total').text}, {self.by_id('agg-proactive~procurement~amount').text}")
        # Sortable: errors, descending after two clicks.
        self.css('[data-sort="errors"]')[0].click()
        self.css('[data-sort="errors"]')[0].click()
        first = self.css("#dash-agencies tbody tr")[0].get_attribute("data-agency")
        self.expect(first == "huaibei-bureau", f"most errors first: {first}")
        self.labelled("dashboard")
        self.shoot("dashboard")
        before = set(os.listdir(self.downloads))
        self.by_id("dash-csv").click()
        path = self.wait_download(".csv", before)
        time.sleep(0.2)
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        self.expect(sorted(r["agency_id"] for r in rows) == ["huaibei-bureau", "huaibei-missing", "huaibei-office"],
                    "the CSV lists the agencies")
        self.expect({r["agency_id"]: r["errors"] for r in rows}["huaibei-bureau"] == str(stored["findings"]["summary"]["errors"]),
                    "the CSV has the counts")

    def history(self):
        # The office's 2019 report, whose 结转下年度 is not 2020's 上年结转: XY-01 in 2020.
        with open(os.path.join(self.args.source_dir, "examples/huaibei-2020/report.json"), encoding="utf-8") as f:
            report = json.load(f)
        report["year"] = 2019
        report["tables"]["applications"]["new"]["natural_person"] = 30
        report["tables"]["applications"]["new"]["total"] = 30
        report["tables"]["applications"]["carried_forward"]["natural_person"] = 2
        report["tables"]["applications"]["carried_forward"]["total"] = 2
        self.server.request("PUT", "/api/v1/agencies/huaibei-office/reports/2019?filename=2019.json",
                            json.dumps(report, ensure_ascii=False).encode())
        self.go("#history?agency=huaibei-office&from=2018")
        self.wait(lambda d: len(self.css("#hist-years tbody tr")) == 2, "the agency's two years")
        years = [r.text[:4] for r in self.css("#hist-years tbody tr")]
        self.expect(years == ["2019", "2020"], f"its reports by year: {years}")
        cross = [b.text for b in self.css("#hist-cross button")]
        self.expect(any(t.startswith("2020 XY-01") for t in cross), f"the cross-year finding XY-01 of 2020: {cross}")
        self.expect(len(self.css(".chart svg circle")) == 6, "the chart: three series over two years")
        self.labelled("history")
        self.shoot("history")
        self.css("#hist-years tbody tr button")[1].click()
        self.wait(lambda d: self.css("#hist-report h1.doc-title"), "a stored report opened")

    def main(self):
        started = time.time()
        try:
            self.check_page()
            self.hostile()
            self.fill_page()
            self.dashboard()
            self.history()
            logs = self.driver.get_log("browser") if hasattr(self.driver, "get_log") else []
            errors = [l for l in logs if l.get("level") == "SEVERE" and "Failed to load resource" not in l.get("message", "")]
            self.expect(not errors, f"errors in the browser console: {errors}")
        finally:
            self.close()
        print(f"web: {self.checks} checks passed in {time.time() - started:.1f} s; screenshots in {self.shots}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--slowdown", type=int, default=1,
                        help="sanitizer builds run slower: waits are multiplied by this")
    Run(parser.parse_args()).main()


if __name__ == "__main__":
    main()
