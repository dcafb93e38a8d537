#include "report_generator.h"

#include <fmt/format.h>
#include <algorithm>
#include <stdexcept>

namespace nianbao::bench {
namespace {

const std::vector<std::string> kApplicants = {"natural_person", "commercial",     "research",
                                              "social_welfare", "legal_services", "other_org"};

// The outcome rows of table 三: the rows summed into （七）总计, read from the definition's
// identity.
std::vector<std::string> outcome_rows(const FormatDefinition& f) {
  for (const auto& id : f.identities)
    if (id.table == "applications" && id.over == IdentityDef::Over::columns &&
        id.rhs == std::vector<std::string>{"results_total"})
      return id.lhs;
  throw std::runtime_error("format " + f.id + " has no outcome identity");
}

}  // namespace

const std::vector<Injection>& injections() {
  static const std::vector<Injection> kInjections = {
      {"outcome-cell", {"T3-01", "T3-02"}, {}},
      {"new-cell", {"T3-01", "T3-03"}, {}},
      {"review-sum", {"T4-01"}, {}},
      {"prose-outcome", {"NT-03"}, {}},
      {"prose-received", {"NT-01"}, {}},
      {"blank-cell", {"CEL-02"}, {}},
      {"missing-part", {"STR-01"}, {}},
      {"late", {"PUB-01"}, {}},
      {"empty-problems", {"S5-01"}, {}},
      {"no-unit", {"CEL-05"}, {"gov-2019"}},
      {"old-basis", {"FMT-02"}, {"gov-2021"}},
  };
  return kInjections;
}

GeneratedReport ReportGenerator::make(const FormatDefinition& f, int year, int n,
                                      const std::string& injection) {
  const bool v2021 = f.find_table("proactive")->find_row("licensing") &&
                     f.find_table("proactive")->find_column("licensing", "decisions") &&
                     !f.find_table("proactive")->find_column("licensing", "prev_items");
  GeneratedReport out;
  Report& r = out.report;
  r.format = f.id;
  r.year = year;
  r.agency.name = fmt::format("示例市第{}局", n);
  r.agency.kind = "department";
  r.agency.region_code = "340600";
  r.published = fmt::format("{}-01-{:02d}", year + 1, pick(10, 28));
  r.contact = {fmt::format("0561-{:07d}", pick(1000000, 9999999)),
               fmt::format("示例市人民路{}号", pick(1, 300)), "235000"};

  // Tables are created up front: references into r.tables must not move while they are filled.
  r.tables.reserve(3);
  r.table("proactive");
  r.table("applications");
  r.table("review_litigation");

  // ---- table 三: per applicant column, new + carried over = outcomes + carried forward
  Table& apps = r.table("applications");
  const auto outcomes = outcome_rows(f);
  std::vector<std::string> rows = {"new", "carried_over"};
  rows.insert(rows.end(), outcomes.begin(), outcomes.end());
  rows.push_back("results_total");
  rows.push_back("carried_forward");
  for (const auto& row : rows)
    apps.row(row);
  for (const auto& column : kApplicants) {
    bool person = column == "natural_person";
    int fresh = person ? pick(5, 200) : pick(0, 3) == 0 ? pick(1, 9) : 0;
    int carried = pick(0, 3) == 0 ? pick(0, 3) : 0;
    int forward = std::min(fresh + carried, pick(0, 4) == 0 ? pick(0, 3) : 0);
    int done = fresh + carried - forward;
    std::vector<int> split(outcomes.size(), 0);
    for (int k = 0; k < done; ++k) {
      // Most applications are granted or answered 不掌握; the rest spread thinly.
      int roll = pick(0, 9);
      std::size_t idx = roll < 5   ? 0
                        : roll < 7 ? std::min<std::size_t>(12, outcomes.size() - 1)
                                   : pick(0, static_cast<int>(outcomes.size()) - 1);
      ++split[idx];
    }
    apps.find("new")->set(column, Cell::count(fresh));
    apps.find("carried_over")->set(column, Cell::count(carried));
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      apps.find(outcomes[i])->set(column, Cell::count(split[i]));
    apps.find("results_total")->set(column, Cell::count(done));
    apps.find("carried_forward")->set(column, Cell::count(forward));
  }
  for (auto& row : apps.rows) {
    std::int64_t sum = 0;
    for (const auto& c : kApplicants)
      sum += row.find(c)->value.to_integer();
    row.set("total", Cell::count(sum));
  }
  auto total_of = [&](const std::string& row) {
    return apps.find(row)->find("total")->value.to_integer();
  };

  // ---- table 四: every group adds up
  Table& rl = r.table("review_litigation");
  for (const char* group : {"review", "litigation_direct", "litigation_after_review"}) {
    TableRow& row = rl.row(group);
    std::int64_t sum = 0;
    for (const char* c : {"upheld", "corrected", "other", "pending"}) {
      int v = pick(0, 4) == 0 ? pick(0, 3) : 0;
      sum += v;
      row.set(c, Cell::count(v));
    }
    row.set("total", Cell::count(sum));
  }
  std::int64_t reviews = rl.find("review")->find("total")->value.to_integer();
  std::int64_t suits = rl.find("litigation_direct")->find("total")->value.to_integer() +
                       rl.find("litigation_after_review")->find("total")->value.to_integer();

  // ---- table 二
  Table& t2 = r.table("proactive");
  if (v2021) {
    t2.row("regulations").set("issued", Cell::count(0));
    t2.row("regulations").set("repealed", Cell::count(0));
    t2.row("regulations").set("in_force", Cell::count(0));
    int issued = pick(0, 40), repealed = pick(0, 10);
    t2.row("normative_documents").set("issued", Cell::count(issued));
    t2.row("normative_documents").set("repealed", Cell::count(repealed));
    t2.row("normative_documents").set("in_force", Cell::count(repealed + pick(0, 300)));
    for (const char* row : {"licensing", "penalty", "enforcement"})
      t2.row(row).set("decisions", Cell::count(pick(0, 5000)));
    Cell fee = Cell::number(*Decimal::parse(fmt::format("{}.{:02d}", pick(0, 900), pick(0, 99))));
    fee.unit = "万元";
    t2.row("fees").set("amount", fee);
  } else {
    for (const char* row : {"regulations", "normative_documents"}) {
      int made = pick(0, 30), published = pick(0, made), total = published + pick(0, 400);
      t2.row(row).set("made", Cell::count(made));
      t2.row(row).set("published", Cell::count(published));
      t2.row(row).set("total_published", Cell::count(total));
    }
    for (const char* row : {"licensing", "other_services", "penalty", "enforcement"}) {
      int prev = pick(0, 50);
      t2.row(row).set("prev_items", Cell::count(prev));
      t2.row(row).set("delta", Cell::count(pick(-prev, 10)));
      t2.row(row).set("decisions", Cell::count(pick(0, 3000)));
    }
    int prev = pick(0, 10);
    t2.row("fees").set("prev_items", Cell::count(prev));
    t2.row("fees").set("delta", Cell::count(pick(-prev, 3)));
    t2.row("procurement").set("items", Cell::count(pick(0, 20)));
    Cell amount = Cell::number(*Decimal::parse(fmt::format("{}.{}", pick(0, 999), pick(0, 9))));
    amount.unit = "万元";
    t2.row("procurement").set("amount", amount);
  }

  // ---- prose that quotes the tables correctly
  const std::string period = fmt::format("{0}年1月1日至{0}年12月31日", year);
  // Sections, like tables, are created up front so that references to them stay valid.
  r.sections.reserve(4);
  for (const char* key : {"preamble", "overview", "problems", "other"}) r.section(key);
  r.section("preamble")
      .paragraphs.push_back(
          {fmt::format(
               "本报告根据《中华人民共和国政府信息公开条例》和{}要求编制，所列数据统计期限为{}。",
               f.basis, period),
           {}});
  auto& overview = r.section("overview").paragraphs;
  overview.push_back(
      {fmt::format(
           "{}年，{}认真贯彻落实《条例》，将政务公开纳入年度考核，主动接受社会评议，严格责任追究。",
           year, r.agency.name),
       {}});
  overview.push_back({"（一）依申请公开情况", {}});
  const std::string granted_label = "予以公开";
  overview.push_back({fmt::format("全年共收到政府信息公开申请{}件，其中{}{}件。", total_of("new"),
                                  granted_label, total_of("granted")),
                      {}});
  if (reviews + suits == 0)
    overview.push_back({"全年未发生政府信息公开行政复议、行政诉讼案件。", {}});
  else
    overview.push_back(
        {fmt::format("全年发生政府信息公开行政复议{}件，行政诉讼{}件。", reviews, suits), {}});
  r.section("problems")
      .paragraphs.push_back(
          {fmt::format("{}在第{}项工作中仍存在信息更新不够及时的问题，下一步将加强第{}"
                       "批次的督促检查和培训。",
                       r.agency.name, pick(1, 999), pick(1, 999)),
           {}});
  r.section("other").paragraphs.push_back({v2021 ? "本年度未收取信息处理费。" : "无。", {}});

  // ---- the injection
  out.injected = injection;
  if (!injection.empty()) {
    auto it = std::find_if(injections().begin(), injections().end(),
                           [&](const Injection& i) { return i.name == injection; });
    if (it == injections().end()) throw std::invalid_argument("unknown injection " + injection);
    out.expected_codes = it->codes;
    if (injection == "outcome-cell") {
      Cell* c = apps.find("granted")->find("natural_person");
      c->value = Decimal(c->value.to_integer() + pick(1, 5));
    } else if (injection == "new-cell") {
      Cell* c = apps.find("new")->find("research");
      c->value = Decimal(c->value.to_integer() + pick(1, 5));
    } else if (injection == "review-sum") {
      Cell* c = rl.find("review")->find("upheld");
      c->value = Decimal(c->value.to_integer() + pick(1, 5));
    } else if (injection == "prose-outcome") {
      overview[2].text = fmt::format("全年共收到政府信息公开申请{}件，其中{}{}件。",
                                     total_of("new"), granted_label, total_of("granted") + 1);
    } else if (injection == "prose-received") {
      overview[2].text = fmt::format("全年共收到政府信息公开申请{}件，其中{}{}件。",
                                     total_of("new") + total_of("carried_over") + 3, granted_label,
                                     total_of("granted"));
    } else if (injection == "blank-cell") {
      // A zero left blank: counted as 0, so only the blank-cell rule speaks.
      bool done = false;
      for (const auto& row : outcomes)
        for (const auto& column : kApplicants)
          if (!done && apps.find(row)->find(column)->value.is_zero()) {
            apps.find(row)->set(column, Cell::blank());
            done = true;
          }
      if (!done) throw std::logic_error("no zero cell to blank");
    } else if (injection == "missing-part") {
      r.sections.erase(std::remove_if(r.sections.begin(), r.sections.end(),
                                      [](const Section& s) { return s.key == "problems"; }),
                       r.sections.end());
    } else if (injection == "late") {
      r.published = fmt::format("{}-02-{:02d}", year + 1, pick(1, 28));
    } else if (injection == "empty-problems") {
      r.section("problems").paragraphs = {{"无。", {}}};
    } else if (injection == "no-unit") {
      t2.find("procurement")->find("amount")->unit.reset();
    } else if (injection == "old-basis") {
      r.section("preamble").paragraphs[0].text += "（参照国办公开办函〔2019〕60号）";
    }
  }
  std::sort(out.expected_codes.begin(), out.expected_codes.end());
  return out;
}

}  // namespace nianbao::bench
