// The gov-2021 format (国办公开办函〔2021〕30号, report years 2021 onwards). The definition —
// tables, labels, the arithmetic identities and the rule catalogue — is data in
// gov-2021.format.json, compiled into this plugin. The rules below need code; the cells and
// sections they read are the definition's "roles", not keys written here.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>

extern const std::string_view kGov2021Definition;

namespace {

using namespace nianbao;

// Words by which part 六 reports fees, each taken from a real report (the sentences are in
// tests/unit/text_patterns_test.cpp and docs/rules.md): an amount or that none was collected.
constexpr std::string_view kFeeWords[] = {
    "处理费",  // "全年收取政府信息公开信息处理费 3940 元", "无收取信息处理费情况"
    "收费",  // "政府信息公开未发生收费情况", "没有关于信息公开的收费及减免情况"
    "收取任何费用",  // "未收取任何费用", "不收取任何费用"
    "公开费用",      // "未收取政府信息公开费用，不存在减免费用"
};

bool reports_fees(std::string_view text) {
  for (std::string_view w : kFeeWords)
    if (text.find(w) != std::string_view::npos) return true;
  return false;
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
    const std::string_view other = f.section_of("other");
    const bool mentions_fee = reports_fees(section_text(r, other));

    // S6-01: section 六 must report 信息处理费 (an amount, or that none was collected).
    if (const Section* s = other.empty() ? nullptr : r.find_section(other); s && !mentions_fee) {
      out.push_back(paragraph_finding("S6-01", Severity::warning, "gov2021.no_fee_report", r, f,
                                      other, 0,
                                      s->paragraphs.empty() ? "" : s->paragraphs[0].text));
    }
    // T3-06: unpaid-fee cases in table 三 but no word about fees in section 六.
    if (const RoleDef* fee = f.find_role("fee_unpaid");
        fee && !fee->rows.empty() && !fee->columns.empty() && !other.empty() && !mentions_fee)
      if (const Cell* unpaid = number_cell(r, fee->table, fee->rows[0], fee->columns[0]);
          unpaid && unpaid->value > Decimal(0)) {
        Diagnostic d = cell_finding("T3-06", Severity::warning, "gov2021.unpaid_without_fee", r, f,
                                    fee->table, fee->rows[0], fee->columns[0]);
        d.arg("cell", cell_label(f, fee->table, fee->rows[0], fee->columns[0]))
            .arg("value", unpaid->value.to_string());
        out.push_back(std::move(d));
      }
    // FMT-02: a 2021+ report that still cites the 2019 trial format.
    const std::string_view preamble = f.section_of("preamble");
    for (const auto& s : split_sentences(r)) {
      if (preamble.empty() || s.section != preamble) continue;
      if (s.text.find("〔2019〕60号") != std::string::npos ||
          s.text.find("[2019]60号") != std::string::npos) {
        out.push_back(paragraph_finding("FMT-02", Severity::warning, "gov2021.old_basis", r, f,
                                        s.section, s.paragraph, s.text));
        break;
      }
    }
    // T2-07: very large decision counts for a reporter that is not a whole government.
    if (const RoleDef* large = f.find_role("large_decisions");
        large && r.agency.kind != "government" && !r.agency.kind.empty())
      for (const auto& row : large->rows)
        for (const auto& column : large->columns)
          if (const Cell* c = number_cell(r, large->table, row, column);
              c && c->value > Decimal(kLargeDecisionCount)) {
            Diagnostic d = cell_finding("T2-07", Severity::info, "gov2021.large_count", r, f,
                                        large->table, row, column);
            d.arg("cell", cell_label(f, large->table, row, column))
                .arg("value", c->value.to_string())
                .arg("threshold", std::to_string(kLargeDecisionCount))
                .arg("kind", r.agency.kind);
            out.push_back(std::move(d));
          }

    // Cross-year rules on 规章 and 行政规范性文件 (第二十条第（一）项): the role's columns are
    // issued, repealed and in force, in this order.
    if (!ctx.previous) return;
    const Report& prev = *ctx.previous;
    const FormatDefinition* prev_format = ctx.formats.find(prev.format);
    const RoleDef* chain = f.find_role("in_force_chain");
    const RoleDef* prev_chain = (prev_format ? *prev_format : f).find_role("in_force_chain");
    if (!chain || !prev_chain || chain->columns.size() != 3 || prev_chain->columns.size() != 3 ||
        chain->rows.size() != prev_chain->rows.size())
      return;
    const std::string& t = chain->table;
    const std::string &issued_key = chain->columns[0], &repealed_key = chain->columns[1],
                      &in_force_key = chain->columns[2];
    for (std::size_t i = 0; i < chain->rows.size(); ++i) {
      const std::string& row = chain->rows[i];
      const std::string& prev_row = prev_chain->rows[i];
      const Cell* issued = number_cell(r, t, row, issued_key);
      const Cell* repealed = number_cell(r, t, row, repealed_key);
      const Cell* in_force = number_cell(r, t, row, in_force_key);
      const Cell* last_in_force =
          number_cell(prev, prev_chain->table, prev_row, prev_chain->columns[2]);
      if (!issued || !repealed || !last_in_force) continue;
      // T2-03: cannot repeal more than was in force last year plus what was issued this year.
      auto available = Decimal::add(last_in_force->value, issued->value);
      if (available && repealed->value > *available) {
        Diagnostic d = cell_finding("T2-03", Severity::warning, "gov2021.repealed_too_many", r, f,
                                    t, row, repealed_key);
        d.arg("cell", cell_label(f, t, row, repealed_key))
            .arg("repealed", repealed->value.to_string())
            .arg("available", available->to_string())
            .arg("last_in_force", last_in_force->value.to_string())
            .arg("issued", issued->value.to_string());
        if (prev_format)
          d.related.push_back(cell_location(prev, *prev_format, prev_chain->table, prev_row,
                                            prev_chain->columns[2]));
        out.push_back(std::move(d));
        continue;  // one root cause: XY-02 would fail for the same reason
      }
      // XY-02: 现行有效 = last year's 现行有效 + 制发 − 废止 (clean-ups often break it: a warning).
      if (!in_force || !available) continue;
      auto expected = Decimal::subtract(*available, repealed->value);
      if (expected && !(in_force->value == *expected)) {
        Diagnostic d = cell_finding("XY-02", Severity::warning, "gov2021.in_force_continuity", r, f,
                                    t, row, in_force_key);
        d.arg("cell", cell_label(f, t, row, in_force_key))
            .arg("actual", in_force->value.to_string())
            .arg("expected", expected->to_string())
            .arg("last_in_force", last_in_force->value.to_string())
            .arg("issued", issued->value.to_string())
            .arg("repealed", repealed->value.to_string())
            .arg("previous_year", std::to_string(prev.year));
        if (prev_format)
          d.related.push_back(cell_location(prev, *prev_format, prev_chain->table, prev_row,
                                            prev_chain->columns[2]));
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
  registry.add_messages(messages);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
