// The gov-2021 format (国办公开办函〔2021〕30号, report years 2021 onwards). The definition —
// tables, labels, the arithmetic identities and the rule catalogue — is data in
// gov-2021.format.json, compiled into this plugin. The rules below need code.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>

extern const std::string_view kGov2021Definition;

namespace {

using namespace nianbao;

const Cell* number_at(const Report& r, const char* table, const char* row, const char* column) {
  const Cell* c = r.find_cell(table, row, column);
  return c && c->is_number() ? c : nullptr;
}

std::string section_text(const Report& r, std::string_view key) {
  std::string out;
  if (const Section* s = r.find_section(key))
    for (const auto& p : s->paragraphs)
      out += p.text;
  return out;
}

// Decision counts above this, from a reporter that is not a whole government, are worth a look
// (a typing slip of a few extra digits is the usual cause).
constexpr std::int64_t kLargeDecisionCount = 100000;

class Gov2021Check final : public Check {
 public:
  std::string id() const override { return "gov-2021-rules"; }
  std::vector<std::string> formats() const override { return {"gov-2021"}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const FormatDefinition& f = ctx.format;
    const std::string other = section_text(r, "other");
    const bool mentions_fee =
        other.find("信息处理费") != std::string::npos || other.find("处理费") != std::string::npos;

    // S6-01: section 六 must report 信息处理费 (an amount, or that none was collected).
    if (const Section* s = r.find_section("other"); s && !mentions_fee) {
      out.push_back(paragraph_finding("S6-01", Severity::warning, "gov2021.no_fee_report", r, f,
                                      "other", 0,
                                      s->paragraphs.empty() ? "" : s->paragraphs[0].text));
    }
    // T3-06: unpaid-fee cases in table 三 but no word about fees in section 六.
    if (const Cell* unpaid = number_at(r, "applications", "other.fee_unpaid", "total");
        unpaid && unpaid->value > Decimal(0) && !mentions_fee) {
      Diagnostic d = cell_finding("T3-06", Severity::warning, "gov2021.unpaid_without_fee", r, f,
                                  "applications", "other.fee_unpaid", "total");
      d.arg("cell", cell_label(f, "applications", "other.fee_unpaid", "total"))
          .arg("value", unpaid->value.to_string());
      out.push_back(std::move(d));
    }
    // FMT-02: a 2021+ report that still cites the 2019 trial format.
    for (const auto& s : split_sentences(r)) {
      if (s.section != "preamble") continue;
      if (s.text.find("〔2019〕60号") != std::string::npos ||
          s.text.find("[2019]60号") != std::string::npos) {
        out.push_back(paragraph_finding("FMT-02", Severity::warning, "gov2021.old_basis", r, f,
                                        s.section, s.paragraph, s.text));
        break;
      }
    }
    // T2-07: very large decision counts for a reporter that is not a whole government.
    if (r.agency.kind != "government" && !r.agency.kind.empty())
      for (const char* row : {"licensing", "penalty", "enforcement"})
        if (const Cell* c = number_at(r, "proactive", row, "decisions");
            c && c->value > Decimal(kLargeDecisionCount)) {
          Diagnostic d = cell_finding("T2-07", Severity::info, "gov2021.large_count", r, f,
                                      "proactive", row, "decisions");
          d.arg("cell", cell_label(f, "proactive", row, "decisions"))
              .arg("value", c->value.to_string())
              .arg("threshold", std::to_string(kLargeDecisionCount))
              .arg("kind", r.agency.kind);
          out.push_back(std::move(d));
        }

    // Cross-year rules on 规章 and 行政规范性文件 (第二十条第（一）项).
    if (!ctx.previous) return;
    const Report& prev = *ctx.previous;
    const FormatDefinition* prev_format = ctx.formats.find(prev.format);
    for (const char* row : {"regulations", "normative_documents"}) {
      const Cell* issued = number_at(r, "proactive", row, "issued");
      const Cell* repealed = number_at(r, "proactive", row, "repealed");
      const Cell* in_force = number_at(r, "proactive", row, "in_force");
      const Cell* last_in_force = number_at(prev, "proactive", row, "in_force");
      if (!issued || !repealed || !last_in_force) continue;
      // T2-03: cannot repeal more than was in force last year plus what was issued this year.
      auto available = Decimal::add(last_in_force->value, issued->value);
      if (available && repealed->value > *available) {
        Diagnostic d = cell_finding("T2-03", Severity::warning, "gov2021.repealed_too_many", r, f,
                                    "proactive", row, "repealed");
        d.arg("cell", cell_label(f, "proactive", row, "repealed"))
            .arg("repealed", repealed->value.to_string())
            .arg("available", available->to_string())
            .arg("last_in_force", last_in_force->value.to_string())
            .arg("issued", issued->value.to_string());
        if (prev_format)
          d.related.push_back(cell_location(prev, *prev_format, "proactive", row, "in_force"));
        out.push_back(std::move(d));
        continue;  // one root cause: XY-02 would fail for the same reason
      }
      // XY-02: 现行有效 = last year's 现行有效 + 制发 − 废止 (clean-ups often break it: a warning).
      if (!in_force || !available) continue;
      auto expected = Decimal::subtract(*available, repealed->value);
      if (expected && !(in_force->value == *expected)) {
        Diagnostic d = cell_finding("XY-02", Severity::warning, "gov2021.in_force_continuity", r, f,
                                    "proactive", row, "in_force");
        d.arg("cell", cell_label(f, "proactive", row, "in_force"))
            .arg("actual", in_force->value.to_string())
            .arg("expected", expected->to_string())
            .arg("last_in_force", last_in_force->value.to_string())
            .arg("issued", issued->value.to_string())
            .arg("repealed", repealed->value.to_string())
            .arg("previous_year", std::to_string(prev.year));
        if (prev_format)
          d.related.push_back(cell_location(prev, *prev_format, "proactive", row, "in_force"));
        out.push_back(std::move(d));
      }
    }
  }
};

void register_components(Registry& registry) {
  registry.add_format(kGov2021Definition);
  registry.add_check(std::make_unique<Gov2021Check>());
  const std::vector<MessageText> messages = {
      {"gov2021.no_fee_report",
       "第六部分未报告信息处理费的收取情况（应写明金额或“未收取”）：“{quote}”",
       "section 六 does not report 信息处理费 (neither an amount nor that none was collected): "
       "“{quote}”"},
      {"gov2021.unpaid_without_fee", "{cell} 为 {value}，但第六部分未提及信息处理费",
       "{cell} is {value}, but section 六 does not mention 信息处理费"},
      {"gov2021.old_basis", "{quote}——2021 年起应依据国办公开办函〔2021〕30号，而非〔2019〕60号",
       "“{quote}” — reports from 2021 on follow 国办公开办函〔2021〕30号, not 〔2019〕60号"},
      {"gov2021.large_count",
       "{cell} 为 {value}，对{kind}类报告主体而言异常大（超过 {threshold}），请核对",
       "{cell} is {value}, unusually large (over {threshold}) for a reporter of kind {kind}; "
       "please check"},
      {"gov2021.repealed_too_many",
       "{cell} 为 {repealed}，超过上年现行有效 {last_in_force} 加本年制发 {issued} 之和 "
       "{available}",
       "{cell} is {repealed}, more than last year's {last_in_force} in force plus {issued} issued "
       "({available})"},
      {"gov2021.in_force_continuity",
       "{cell} 为 {actual}，按 {previous_year} 年现行有效 {last_in_force} + 本年制发 {issued} − "
       "本年废止 {repealed} 应为 {expected}",
       "{cell} is {actual}; {previous_year}'s {last_in_force} in force + {issued} issued − "
       "{repealed} repealed gives {expected}"},
  };
  for (const auto& m : messages)
    registry.add_message(m);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
