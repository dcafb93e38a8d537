// The gov-2019 format (国办公开办函〔2019〕60号, report years 2019–2020). The definition —
// tables, labels, the arithmetic identities and the rule catalogue — is data in
// gov-2019.format.json, compiled into this plugin. The rules below need code.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>

extern const std::string_view kGov2019Definition;

namespace {

using namespace nianbao;

const Cell* number_at(const Report& r, const char* row, const char* column) {
  const Cell* c = r.find_cell("proactive", row, column);
  return c && c->is_number() ? c : nullptr;
}

// Table 二 of gov-2019: counts of items and decisions, with signed year-on-year changes.
class ProactiveCheck final : public Check {
 public:
  std::string id() const override { return "gov-2019-proactive"; }
  std::vector<std::string> formats() const override { return {"gov-2019"}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const FormatDefinition& f = ctx.format;
    // CEL-03: last year's items plus this year's change cannot be negative.
    for (const char* row : {"licensing", "other_services", "penalty", "enforcement", "fees"}) {
      const Cell* prev = number_at(r, row, "prev_items");
      const Cell* delta = number_at(r, row, "delta");
      if (!prev || !delta) continue;
      auto sum = Decimal::add(prev->value, delta->value);
      if (sum && sum->is_negative()) {
        Diagnostic d = cell_finding("CEL-03", Severity::error, "gov2019.items_negative", r, f,
                                    "proactive", row, "delta");
        d.arg("cell", cell_label(f, "proactive", row, "delta"))
            .arg("prev", prev->value.to_string())
            .arg("delta", delta->value.to_string())
            .arg("sum", sum->to_string());
        d.related.push_back(cell_location(r, f, "proactive", row, "prev_items"));
        out.push_back(std::move(d));
      }
    }
    // T2-04: 本年新公开 ≤ 本年新制作, and 对外公开总数量 ≥ 本年新公开.
    for (const char* row : {"regulations", "normative_documents"}) {
      const Cell* made = number_at(r, row, "made");
      const Cell* published = number_at(r, row, "published");
      const Cell* total = number_at(r, row, "total_published");
      if (made && published && published->value > made->value) {
        Diagnostic d = cell_finding("T2-04", Severity::warning, "gov2019.published_gt_made", r, f,
                                    "proactive", row, "published");
        d.arg("cell", cell_label(f, "proactive", row, "published"))
            .arg("published", published->value.to_string())
            .arg("made", made->value.to_string());
        d.related.push_back(cell_location(r, f, "proactive", row, "made"));
        out.push_back(std::move(d));
      }
      if (published && total && total->value < published->value) {
        Diagnostic d = cell_finding("T2-04", Severity::warning, "gov2019.total_lt_published", r, f,
                                    "proactive", row, "total_published");
        d.arg("cell", cell_label(f, "proactive", row, "total_published"))
            .arg("total", total->value.to_string())
            .arg("published", published->value.to_string());
        d.related.push_back(cell_location(r, f, "proactive", row, "published"));
        out.push_back(std::move(d));
      }
    }
    // XY-03: this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
    if (ctx.previous && ctx.previous->format == "gov-2019") {
      for (const char* row : {"licensing", "other_services", "penalty", "enforcement", "fees"}) {
        const Cell* now = number_at(r, row, "prev_items");
        const Cell* last_prev = number_at(*ctx.previous, row, "prev_items");
        const Cell* last_delta = number_at(*ctx.previous, row, "delta");
        if (!now || !last_prev || !last_delta) continue;
        auto expected = Decimal::add(last_prev->value, last_delta->value);
        if (expected && !(now->value == *expected)) {
          Diagnostic d = cell_finding("XY-03", Severity::warning, "gov2019.items_continuity", r, f,
                                      "proactive", row, "prev_items");
          d.arg("cell", cell_label(f, "proactive", row, "prev_items"))
              .arg("actual", now->value.to_string())
              .arg("expected", expected->to_string())
              .arg("last_prev", last_prev->value.to_string())
              .arg("last_delta", last_delta->value.to_string())
              .arg("previous_year", std::to_string(ctx.previous->year));
          d.related.push_back(cell_location(*ctx.previous, f, "proactive", row, "prev_items"));
          out.push_back(std::move(d));
        }
      }
    }
  }
};

void register_components(Registry& registry) {
  registry.add_format(kGov2019Definition);
  registry.add_check(std::make_unique<ProactiveCheck>());
  const std::vector<MessageText> messages = {
      {"gov2019.items_negative",
       "{cell}：上一年项目数量 {prev} 加本年增/减 {delta} 得 {sum}，项目数量不能为负",
       "{cell}: last year's items {prev} plus the change {delta} gives {sum}; the number of items "
       "cannot be negative"},
      {"gov2019.published_gt_made", "{cell} 为 {published}，大于本年新制作数量 {made}",
       "{cell} is {published}, more than the {made} made this year"},
      {"gov2019.total_lt_published", "{cell} 为 {total}，小于本年新公开数量 {published}",
       "{cell} is {total}, less than the {published} published this year"},
      {"gov2019.items_continuity",
       "{cell} 为 {actual}，但 {previous_year} 年度报告的上一年项目数量 {last_prev} 加本年增/减 "
       "{last_delta} 为 {expected}",
       "{cell} is {actual}, but the {previous_year} report's items {last_prev} plus its change "
       "{last_delta} make {expected}"},
  };
  for (const auto& m : messages)
    registry.add_message(m);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
