#!/usr/bin/env python3
"""Generates the conformance suite: tests/conformance/<format>/<case>/{case.json,input.json[,previous.json]}.

Every case starts from a clean base report of its format and changes one thing; case.json lists
the findings a correct checker gives for it — all of them, by code and location. For every rule
there is a case that triggers it and a near miss that must not. Re-run after changing a case:

    python3 tests/conformance/generate.py

The bases: gov-2021 is the 平潭 2022 report (with 2021 as the previous year); gov-2019 is the
淮北 2020 report with its two known defects repaired (the swapped outcome counts in the prose and
the missing unit of the procurement amount).
"""
import copy
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "conformance"


def load(path):
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


PT22 = load("tests/data/corpus/pingtan-2022.json")
PT21 = load("tests/data/corpus/pingtan-2021.json")
HB = load("examples/huaibei-2020/report.json")
HB["sections"]["overview"] = [p.replace("其他处理的24件，无法提供的1件", "其他处理的1件，无法提供的24件")
                              for p in HB["sections"]["overview"]]
HB["tables"]["proactive"]["procurement"]["amount"]["unit"] = "万元"

CASES = {}


def case(fmt, name, description, expect, base=None, previous=None):
    """Registers a case; returns a decorator taking the mutation of the base report."""
    def wrap(mutate):
        report = copy.deepcopy(base if base is not None else (PT22 if fmt == "gov-2021" else HB))
        prev = copy.deepcopy(previous) if previous is not None else None
        if prev is None:
            mutate(report)
        else:
            mutate(report, prev)
        CASES[(fmt, name)] = (description, report, prev, expect)
        return mutate
    return wrap


def apps(r):
    return r["tables"]["applications"]


def rl(r):
    return r["tables"]["review_litigation"]


def t2(r):
    return r["tables"]["proactive"]


def replace_text(r, section, old, new):
    paragraphs = r["sections"][section]
    for i, p in enumerate(paragraphs):
        if old in p:
            paragraphs[i] = p.replace(old, new, 1)
            return
    raise KeyError(f"{old!r} not in {section}")


def at(code, table=None, row=None, column=None, section=None):
    e = {"code": code}
    for k, v in (("table", table), ("row", row), ("column", column), ("section", section)):
        if v is not None:
            e[k] = v
    return e


def noop(*_):
    pass


for fmt in ("gov-2021", "gov-2019"):
    case(fmt, "clean", "the base report: consistent, no findings", [])(noop)

# ---- STR ----------------------------------------------------------------------------------------
for fmt in ("gov-2021", "gov-2019"):
    @case(fmt, "str-01-missing-part", "section 五 missing altogether", [at("STR-01", section="problems")])
    def _(r):
        del r["sections"]["problems"]

    @case(fmt, "str-01-near-part-by-table", "part 四 has no prose but its table: present", [])
    def _(r):
        r["sections"].pop("review_litigation", None)

    @case(fmt, "str-02-missing-row", "a row of table 三 missing: one finding for the table, no broken sums",
          [at("STR-02", table="applications", row="denied.inquiry")])
    def _(r):
        del apps(r)["denied.inquiry"]

    @case(fmt, "str-02-near-blank-row", "the row is there, blank: a blank-cell warning, not a missing row",
          [at("CEL-02", table="applications", row="denied.inquiry")])
    def _(r):
        apps(r)["denied.inquiry"] = {k: None for k in apps(r)["denied.inquiry"]}

    @case(fmt, "str-01-table-part-missing", "table 四 and its part missing: the part is missing (STR-01), once",
          [at("STR-01", section="review_litigation")])
    def _(r):
        del r["tables"]["review_litigation"]
        r["sections"] = {k: [p for p in v if "行政复议" not in p and "行政诉讼" not in p] for k, v in r["sections"].items()}

    @case(fmt, "str-04-empty-table", "table 二 entirely blank: one finding, not one per row",
          [at("STR-04", table="proactive")])
    def _(r):
        for row in t2(r).values():
            for k in row:
                row[k] = None

    @case(fmt, "str-04-near-zero-table", "table 二 all zeros: zeros are numbers", [])
    def _(r):
        for row in t2(r).values():
            for k in row:
                row[k] = 0 if not isinstance(row[k], dict) else {"value": "0", "unit": row[k]["unit"]}
        # the prose quotes table 二 numbers: keep it consistent
        if fmt == "gov-2021":
            replace_text(r, "overview", "现行有效行政规范性文件698件", "现行有效行政规范性文件0件")
            replace_text(r, "overview", "制发的规范性文件88件", "制发的规范性文件0件")

@case("gov-2021", "str-03-period-year", "the statistical period names another year", [at("STR-03", section="preamble")])
def _(r):
    replace_text(r, "preamble", "统计时限为2022年1月1日至2022年12月31日", "统计时限为2021年1月1日至2021年12月31日")

@case("gov-2021", "str-03-near-other-years", "other years in the text are not the period", [])
def _(r):
    r["sections"]["problems"].append("2023年，我区将继续加强政务公开工作。")

@case("gov-2019", "str-03-period-year", "the statistical period names another year", [at("STR-03", section="preamble")])
def _(r):
    replace_text(r, "preamble", "自2020年1月1日起至2020年12月31日止", "自2019年1月1日起至2019年12月31日止")

# ---- FMT ----------------------------------------------------------------------------------------
@case("gov-2021", "fmt-01-2021-tables-for-2020", "gov-2021 tables in a 2020 report", [at("FMT-01")])
def _(r):
    r["year"] = 2020
    r.pop("published")
    replace_text(r, "preamble", "统计时限为2022年1月1日至2022年12月31日", "统计时限为2020年1月1日至2020年12月31日")

@case("gov-2021", "fmt-01-near-first-year", "gov-2021 tables in a 2021 report: the first year of the format", [])
def _(r):
    r["year"] = 2021
    r.pop("published")
    replace_text(r, "preamble", "统计时限为2022年1月1日至2022年12月31日", "统计时限为2021年1月1日至2021年12月31日")

@case("gov-2019", "fmt-01-2019-tables-for-2021", "gov-2019 tables in a 2021 report", [at("FMT-01")])
def _(r):
    r["year"] = 2021
    replace_text(r, "preamble", "自2020年1月1日起至2020年12月31日止", "自2021年1月1日起至2021年12月31日止")

@case("gov-2021", "fmt-02-old-basis", "a 2022 report citing the 2019 trial format", [at("FMT-02", section="preamble")])
def _(r):
    replace_text(r, "preamble", "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")

@case("gov-2021", "fmt-02-near-other-document", "another 2019 document is not the trial format", [])
def _(r):
    replace_text(r, "preamble", "等文件要求", "、国办公开办函〔2019〕6号等文件要求")

for fmt in ("gov-2021", "gov-2019"):
    @case(fmt, "fmt-03-five-of-six", "the preamble says 六部分 but lists five", [at("FMT-03", section="preamble")])
    def _(r):
        r["sections"]["preamble"].append("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在问题及改进情况、其他需要报告的事项等六部分组成。")

    @case(fmt, "fmt-03-near-six-of-six", "six listed, 六部分", [])
    def _(r):
        r["sections"]["preamble"].append("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。")

# ---- CEL ----------------------------------------------------------------------------------------
@case("gov-2021", "cel-01-negative", "a negative count in table 四 (the sum still holds)",
      [at("CEL-01", table="review_litigation", row="review", column="upheld")])
def _(r):
    rl(r)["review"].update({"upheld": -1, "corrected": 2})

@case("gov-2021", "cel-01-near-raw-text", "a zero written in full-width digits", [])
def _(r):
    rl(r)["review"]["upheld"] = {"value": 0, "raw": "０"}

for fmt in ("gov-2021", "gov-2019"):
    @case(fmt, "cel-02-blank", "a blank and a / where numbers belong: one warning per row",
          [at("CEL-02", table="applications", row="new", column="research")])
    def _(r):
        apps(r)["new"]["research"] = None
        apps(r)["new"]["social_welfare"] = {"na": True, "raw": "/"}

    @case(fmt, "cel-02-near-zero-with-unit", "a zero written as 0件", [])
    def _(r):
        apps(r)["new"]["research"] = {"value": 0, "raw": "0件"}

def outcome_rows(r):
    keys = list(apps(r))
    return keys[keys.index("granted"):keys.index("results_total") + 1]


@case("gov-2021", "cel-06-total-column-blank",
      "总计 left blank in every outcome row while the applicant cells are filled: the sums fix the "
      "non-zero totals (one error for the column, naming each cell); the totals that must be 0 stay "
      "blank-cell warnings",
      [at("CEL-06", table="applications", row="granted", column="total")]
      + [at("CEL-02", table="applications", row=k, column="total") for k in outcome_rows(PT22)
         if PT22["tables"]["applications"][k]["total"] == 0])
def _(r):
    for k in outcome_rows(r):
        apps(r)[k]["total"] = None

@case("gov-2021", "cel-06-near-zero-total", "a blank total whose applicant cells are all 0: it may be 0",
      [at("CEL-02", table="applications", row="denied.state_secret", column="total")])
def _(r):
    apps(r)["denied.state_secret"]["total"] = None

@case("gov-2019", "cel-03-items-negative", "上一年项目数量 + 本年增/减 < 0",
      [at("CEL-03", table="proactive", row="licensing", column="delta")])
def _(r):
    t2(r)["licensing"]["delta"] = -1

@case("gov-2019", "cel-03-negative-count", "a negative decision count",
      [at("CEL-03", table="proactive", row="licensing", column="decisions")])
def _(r):
    t2(r)["licensing"]["decisions"] = -5

@case("gov-2019", "cel-03-near-negative-delta", "a negative change that leaves items ≥ 0", [])
def _(r):
    t2(r)["other_services"]["delta"] = -2

@case("gov-2021", "cel-04-negative-count", "a negative decision count",
      [at("CEL-04", table="proactive", row="licensing", column="decisions")])
def _(r):
    t2(r)["licensing"]["decisions"] = -1

@case("gov-2021", "cel-04-seven-decimals", "a fee amount with 7 decimals (warning)",
      [at("CEL-04", table="proactive", row="fees", column="amount")])
def _(r):
    t2(r)["fees"]["amount"]["value"] = "9116.3600001"

@case("gov-2021", "cel-04-unit-yuan", "a fee amount in 元 instead of 万元 (warning)",
      [at("CEL-04", table="proactive", row="fees", column="amount")])
def _(r):
    t2(r)["fees"]["amount"]["unit"] = "元"

@case("gov-2021", "cel-04-near-trailing-zeros", "six decimals written, trailing zeros", [])
def _(r):
    t2(r)["fees"]["amount"]["value"] = "9116.360000"

@case("gov-2019", "cel-05-no-unit", "a procurement amount without a unit",
      [at("CEL-05", table="proactive", row="procurement", column="amount")])
def _(r):
    t2(r)["procurement"]["amount"]["unit"] = None

@case("gov-2019", "cel-05-near-yuan", "a procurement amount in 元", [])
def _(r):
    t2(r)["procurement"]["amount"]["unit"] = "元"

# ---- T3 / T4 ------------------------------------------------------------------------------------
for fmt in ("gov-2021", "gov-2019"):
    @case(fmt, "t3-01-02-outcome-cell", "one outcome cell off: its row and its column, at that cell",
          [at("T3-01", "applications", "granted", "natural_person"), at("T3-02", "applications", "granted", "natural_person")])
    def _(r):
        apps(r)["granted"]["natural_person"] += 1

    # (a column the prose does not quote, so that only the sums break)
    new_column = "social_welfare" if fmt == "gov-2021" else "natural_person"

    @case(fmt, "t3-01-03-new-cell", "one cell of the new row off: its row and the 勾稽关系 of its column",
          [at("T3-01", "applications", "new", new_column), at("T3-03", "applications", "new", new_column)])
    def _(r):
        apps(r)["new"][new_column] += 2

    @case(fmt, "t3-01-02-03-results-total", "（七）总计 / 总计 off: three sums, one cell",
          [at("T3-01", "applications", "results_total", "total"), at("T3-02", "applications", "results_total", "total"),
           at("T3-03", "applications", "results_total", "total")])
    def _(r):
        apps(r)["results_total"]["total"] += 1

    @case(fmt, "t3-near-totals-only", "applicant columns left blank in every row, totals filled: one blank-cell "
          "warning for the table, no broken sums", [at("CEL-02", table="applications")])
    def _(r):
        for row in apps(r).values():
            for k in ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"):
                row[k] = None

    @case(fmt, "t4-01-review", "a review count off: the sum of 行政复议, at its total",
          [at("T4-01", "review_litigation", "review", "total")])
    def _(r):
        rl(r)["review"]["upheld"] += 1

    @case(fmt, "t4-02-direct", "a direct-litigation count off", [at("T4-02", "review_litigation", "litigation_direct", "total")])
    def _(r):
        rl(r)["litigation_direct"]["pending"] += 1

    @case(fmt, "t4-03-after-review", "an after-review count off", [at("T4-03", "review_litigation", "litigation_after_review", "total")])
    def _(r):
        rl(r)["litigation_after_review"]["other"] += 1

@case("gov-2021", "t4-near-moved", "a review case moved between columns: the sum holds", [])
def _(r):
    rl(r)["review"].update({"corrected": 0, "other": 2})

@case("gov-2021", "t3-06-unpaid-fee", "unpaid fees counted, section 六 silent on fees",
      [at("T3-06", "applications", "other.fee_unpaid", "total"), at("S6-01", section="other")])
def _(r):
    apps(r)["other.fee_unpaid"].update({"natural_person": 1, "total": 1})
    apps(r)["granted"].update({"natural_person": 20, "total": 20})
    r["sections"]["other"] = ["无。"]

@case("gov-2021", "t3-06-near-fee-reported", "unpaid fees counted and section 六 reports 信息处理费", [])
def _(r):
    apps(r)["other.fee_unpaid"].update({"natural_person": 1, "total": 1})
    apps(r)["granted"].update({"natural_person": 20, "total": 20})

@case("gov-2021", "t4-05-all-upheld", "the prose says all were upheld; the table has corrections",
      [at("T4-05", section="overview")])
def _(r):
    r["sections"]["overview"].append("行政复议、行政诉讼案件均获维持。")

@case("gov-2021", "t4-05-near-really-upheld", "all upheld, and the table agrees", [])
def _(r):
    r["sections"]["overview"].append("行政复议、行政诉讼案件均获维持。")
    rl(r)["review"].update({"upheld": 2, "corrected": 0, "other": 0})

# ---- T2 -----------------------------------------------------------------------------------------
@case("gov-2021", "t2-01-township-regulations", "a township reports 规章",
      [at("T2-01", "proactive", "regulations", "issued")])
def _(r):
    r["agency"]["kind"] = "township"
    t2(r)["regulations"].update({"issued": 1, "in_force": 1})

@case("gov-2021", "t2-01-near-city-government", "a city government reports 规章", [])
def _(r):
    r["agency"]["region_code"] = "350100"
    t2(r)["regulations"].update({"issued": 1, "in_force": 1})

@case("gov-2019", "t2-04-published-gt-made", "more published than made",
      [at("T2-04", "proactive", "normative_documents", "published")])
def _(r):
    t2(r)["normative_documents"]["published"] = 36

@case("gov-2019", "t2-04-total-lt-published", "fewer published in total than this year",
      [at("T2-04", "proactive", "normative_documents", "total_published")])
def _(r):
    t2(r)["normative_documents"]["total_published"] = 30

@case("gov-2019", "t2-04-near-equal", "published = made, total = published", [])
def _(r):
    t2(r)["normative_documents"].update({"published": 35, "total_published": 35})

@case("gov-2021", "t2-07-large-department", "a department with 200000 licensing decisions",
      [at("T2-07", "proactive", "licensing", "decisions")])
def _(r):
    r["agency"]["kind"] = "department"
    r.pop("published")
    t2(r)["licensing"]["decisions"] = 200000

@case("gov-2021", "t2-07-near-government", "a whole government with 200000 decisions", [])
def _(r):
    t2(r)["licensing"]["decisions"] = 200000

# ---- cross-year -----------------------------------------------------------------------------
@case("gov-2021", "xy-near-clean-pair", "2022 with its 2021 report: continuity holds", [], previous=PT21)
def _(r, prev):
    pass

@case("gov-2021", "xy-01-carried-over", "2021's 结转下年度 altered", [at("XY-01", "applications", "carried_over", "natural_person")], previous=PT21)
def _(r, prev):
    prev["tables"]["applications"]["carried_forward"]["natural_person"] = 3

@case("gov-2021", "xy-02-in-force", "last year's 现行有效 does not lead to this year's",
      [at("XY-02", "proactive", "normative_documents", "in_force")], previous=PT21)
def _(r, prev):
    prev["tables"]["proactive"]["normative_documents"]["in_force"] = 667

@case("gov-2021", "t2-03-repealed-too-many", "more repealed than were in force (665 + 88 < 800): one finding, "
      "not also XY-02", [at("T2-03", "proactive", "normative_documents", "repealed")], previous=PT21)
def _(r, prev):
    t2(r)["normative_documents"]["repealed"] = 800

@case("gov-2021", "t2-03-near-all-repealed", "everything in force repealed: exactly what was available", [], previous=PT21)
def _(r, prev):
    t2(r)["normative_documents"].update({"repealed": 753, "in_force": 0})
    replace_text(r, "overview", "现行有效行政规范性文件698件", "现行有效行政规范性文件0件")

@case("gov-2021", "xy-04-same-problems", "section 五 copied from last year", [at("XY-04", section="problems")], previous=PT21)
def _(r, prev):
    prev["sections"]["problems"] = list(r["sections"]["problems"])

HB19 = copy.deepcopy(HB)
HB19["year"] = 2019
HB19["sections"]["problems"] = ["上一年度的问题与改进措施，与本年度的表述完全不同。" * 3]

@case("gov-2019", "xy-near-clean-pair", "2020 with a 2019 report: continuity holds", [], previous=HB19)
def _(r, prev):
    pass

@case("gov-2019", "xy-03-items", "last year's items plus change ≠ this year's items",
      [at("XY-03", "proactive", "other_services", "prev_items")], previous=HB19)
def _(r, prev):
    prev["tables"]["proactive"]["other_services"]["delta"] = 1

@case("gov-2019", "xy-01-carried-over", "2019's 结转下年度 altered", [at("XY-01", "applications", "carried_over", "total")], previous=HB19)
def _(r, prev):
    prev["tables"]["applications"]["carried_forward"]["total"] = 2

# ---- sections, publication ----------------------------------------------------------------------
for fmt in ("gov-2021", "gov-2019"):
    @case(fmt, "s5-01-just-none", "section 五 says only 无", [at("S5-01", section="problems")])
    def _(r):
        r["sections"]["problems"] = ["无。"]

    @case(fmt, "s5-01-near-short", "section 五 short but real", [])
    def _(r):
        r["sections"]["problems"] = ["无重大问题，但信息更新时效仍需提高，下一步将加强督促检查。"]

@case("gov-2021", "s6-01-no-fee", "section 六 says nothing about fees", [at("S6-01", section="other")])
def _(r):
    r["sections"]["other"] = ["无。"]

@case("gov-2021", "s6-01-near-none-collected", "section 六 says no fee was collected", [])
def _(r):
    r["sections"]["other"] = ["本年度未收取信息处理费。"]

@case("gov-2021", "s6-02-no-assessment", "a government report that does not mention 考核/评议/责任追究",
      [at("S6-02", section="overview")])
def _(r):
    r["sections"]["overview"] = [p.replace("考核", "检查").replace("评议", "监督").replace("责任追究", "问责") for p in r["sections"]["overview"]]

@case("gov-2021", "s6-02-near-department", "the same text from a department", [])
def _(r):
    r["agency"]["kind"] = "department"
    r.pop("published")
    r["sections"]["overview"] = [p.replace("考核", "检查").replace("评议", "监督").replace("责任追究", "问责") for p in r["sections"]["overview"]]

@case("gov-2021", "pub-01-late", "a government report published on 1 April", [at("PUB-01")])
def _(r):
    r["published"] = "2023-04-01"

@case("gov-2021", "pub-01-near-deadline", "published on 31 March, the last day", [])
def _(r):
    r["published"] = "2023-03-31"

@case("gov-2019", "pub-01-late-department", "a department report published in February", [at("PUB-01")])
def _(r):
    r["published"] = "2021-02-01"

@case("gov-2021", "pub-02-dates-disagree", "the document's own dates disagree: no date, an info instead of PUB-01",
      [at("PUB-02")])
def _(r):
    r.pop("published")
    r["metadata_sources"] = {
        "published.conflict": '<meta name="PubDate" content="2023-01-17">; line 3: 发布时间：2023-04-20'}

@case("gov-2021", "pub-02-only-collector-date", "only a collector's date (采集时间) was seen: no date, an info",
      [at("PUB-02")])
def _(r):
    r.pop("published")
    r["metadata_sources"] = {"published.rejected": "line 1: 采集时间：2025-12-30"}

@case("gov-2021", "pub-02-near-with-evidence", "a date on time with where it was read: nothing", [])
def _(r):
    r["published"] = "2023-03-31"
    r["metadata_sources"] = {"published": "line 3: 发布日期：2023-03-31"}

# ---- prose against tables -----------------------------------------------------------------------
@case("gov-2021", "nt-01-received", "收到 80 件, the table says 74 (75 with carried over)", [at("NT-01", section="overview")])
def _(r):
    replace_text(r, "overview", "收到政府信息公开申请75件", "收到政府信息公开申请80件")

@case("gov-2021", "nt-01-near-new-only", "收到 74 件: the new row alone (the other reading)", [])
def _(r):
    replace_text(r, "overview", "收到政府信息公开申请75件", "收到政府信息公开申请74件")

@case("gov-2021", "nt-02-done", "办结 74 件, （七）总计 is 75", [at("NT-02", section="overview")])
def _(r):
    r["sections"]["overview"].append("全年办结政府信息公开申请74件。")

@case("gov-2021", "nt-02-forward", "1件结转下年度, the table carries 0 forward", [at("NT-02", section="overview")])
def _(r):
    r["sections"]["overview"].append("另有1件结转下年度继续办理。")

@case("gov-2021", "nt-02-near-carried-in", "上年结转 1 件 is not carried forward", [])
def _(r):
    r["sections"]["overview"].append("全年办结75件（含上年结转申请1件）。")

@case("gov-2021", "nt-03-outcome", "予以公开 22 件, the table says 21", [at("NT-03", section="overview")])
def _(r):
    r["sections"]["overview"].append("其中予以公开22件。")

@case("gov-2021", "nt-03-near-outcome", "予以公开 21 件, as the table says", [])
def _(r):
    r["sections"]["overview"].append("其中予以公开21件。")

@case("gov-2019", "nt-03-swapped", "the 淮北 prose as published: 其他处理 and 无法提供 swapped",
      [at("NT-03", section="overview"), at("NT-03", section="overview")])
def _(r):
    replace_text(r, "overview", "其他处理的1件，无法提供的24件", "其他处理的24件，无法提供的1件")

@case("gov-2021", "nt-04-review", "行政复议 3 件, the table says 2", [at("NT-04", section="overview")])
def _(r):
    replace_text(r, "overview", "行政复议案件2件", "行政复议案件3件")

@case("gov-2019", "nt-04-none-claimed", "'no review or litigation', the table has one",
      [at("NT-04", section="overview")])
def _(r):
    rl(r)["review"].update({"upheld": 1, "total": 1})

@case("gov-2019", "nt-04-near-none", "'no review or litigation', the table agrees", [])(noop)

@case("gov-2021", "nt-05-applicants", "涉及自然人 70 件", [at("NT-05", section="overview")])
def _(r):
    replace_text(r, "overview", "涉及自然人72件", "涉及自然人70件")

@case("gov-2021", "nt-05-all-natural", "'all from natural persons', 3 from companies", [at("NT-05", section="overview")])
def _(r):
    r["sections"]["overview"].append("申请人全部为自然人。")

@case("gov-2019", "nt-05-near-all-natural", "'全部为公民申请', and the table agrees", [])(noop)

@case("gov-2021", "nt-06-in-force", "现行有效 699 件, the table says 698", [at("NT-06", section="overview")])
def _(r):
    replace_text(r, "overview", "现行有效行政规范性文件698件", "现行有效行政规范性文件699件")

@case("gov-2021", "nt-06-issued", "制发 80 件, the table says 88", [at("NT-06", section="overview")])
def _(r):
    replace_text(r, "overview", "制发的规范性文件88件", "制发的规范性文件80件")

@case("gov-2021", "nt-06-near-other-documents", "a count of other documents issued", [])
def _(r):
    r["sections"]["overview"].append("本年度印发其他文件120件。")

@case("gov-2021", "nt-07-channels", "channels add up to 73", [at("NT-07", section="overview")])
def _(r):
    r["sections"]["overview"].append("其中通过网络申请70件，信函申请3件。")

@case("gov-2021", "nt-07-near-channels", "channels add up to 75", [])
def _(r):
    r["sections"]["overview"].append("其中通过网络申请72件，信函申请3件。")

@case("gov-2019", "nt-07-channels", "channels add up to 37", [at("NT-07", section="overview")])
def _(r):
    replace_text(r, "overview", "当面申请1件", "当面申请2件")


# ---- input errors: the report cannot be read at all (exit code 2) ------------------------------
EXAMPLE_TEXT = (ROOT / "examples/huaibei-2020/report.json").read_text(encoding="utf-8")
INPUT_CASES = {}


def input_case(name, description, expect, text, file_name="input.json"):
    INPUT_CASES[name] = (description, text, expect, file_name)


def mutated(old, new):
    assert old in EXAMPLE_TEXT, old
    text = EXAMPLE_TEXT.replace(old, new, 1)
    line = EXAMPLE_TEXT[: EXAMPLE_TEXT.index(old)].count("\n") + 1
    return text, line


text, line = mutated('"year": 2020,', '"year": 2020,,')
input_case("json-01-syntax", "a stray comma", [{"code": "JSON-01", "line": line}], text)
text, line = mutated('"year": 2020', '"yaer": 2020')
input_case("json-02-misspelt-key", "a misspelt key", [{"code": "JSON-02", "line": line}], text)
text, line = mutated('"total_published": 405', '"total_published": "405"')
input_case("json-03-wrong-type", "a count written as a string", [{"code": "JSON-03", "line": line, "table": "proactive",
                                                                   "row": "normative_documents", "column": "total_published"}], text)
text, line = mutated('"other": {"natural_person": 1', '"other.other": {"natural_person": 1')
input_case("json-04-row-not-in-format", "a gov-2021 row in a gov-2019 report", [{"code": "JSON-04", "line": line}], text)
text, line = mutated('"format": "gov-2019"', '"format": "gov-2018"')
input_case("json-05-unknown-format", "a format nobody defines", [{"code": "JSON-05", "line": line}], text)
text, line = mutated('  "schema": "nianbao.report/1",\n', "")
input_case("json-06-missing-schema", "no schema key", [{"code": "JSON-06", "line": 1}], text)
input_case("imp-01-not-a-report", "a file of a kind no importer reads (.dat)", [{"code": "IMP-01"}], "这不是年度报告。\n", "input.dat")


def write():
    for fmt in ("gov-2019", "gov-2021"):
        shutil.rmtree(HERE / fmt, ignore_errors=True)
    for (fmt, name), (description, report, prev, expect) in sorted(CASES.items()):
        d = HERE / fmt / name
        d.mkdir(parents=True)
        spec = {"description": description, "expect": expect}
        if prev is not None:
            spec["previous"] = "previous.json"
            (d / "previous.json").write_text(json.dumps(prev, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (d / "input.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (d / "case.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(HERE / "input", ignore_errors=True)
    for name, (description, text, expect, file_name) in sorted(INPUT_CASES.items()):
        d = HERE / "input" / name
        d.mkdir(parents=True)
        (d / file_name).write_text(text, encoding="utf-8")
        spec = {"description": description, "input": file_name, "expect": expect}
        (d / "case.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(CASES)} report cases and {len(INPUT_CASES)} input cases written")


if __name__ == "__main__":
    write()
