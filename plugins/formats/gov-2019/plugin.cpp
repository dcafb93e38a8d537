// The gov-2019 format (国办公开办函〔2019〕60号, report years 2019–2020). The definition —
// tables, labels, the arithmetic identities and the rule catalogue — is data in
// gov-2019.format.json, compiled into this plugin. The rules below need code; the cells they read
// are the definition's "roles", not keys written here.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>

extern const std::string_view kGov2019Definition;

namespace {

using namespace nianbao;

// Table 二 of gov-2019: counts of items and decisions, with signed year-on-year changes. The cells
// are the definition's roles "items_chain" (columns: last year's items, this year's change) and
// "published_chain" (columns: made, published, total published).
class ProactiveCheck final : public Check {
 public:
  std::string id() const override { return "gov-2019-proactive"; }
  std::vector<std::string> formats() const override { return {"gov-2019"}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const FormatDefinition& f = ctx.format;
    const RoleDef* items = f.find_role("items_chain");
    if (items && items->columns.size() != 2) items = nullptr;
    // CEL-03: last year's items plus this year's change cannot be negative.
    if (items)
      for (const auto& row : items->rows) {
        const std::string &t = items->table, &prev_key = items->columns[0],
                          &delta_key = items->columns[1];
        const Cell* prev = number_cell(r, t, row, prev_key);
        const Cell* delta = number_cell(r, t, row, delta_key);
        if (!prev || !delta) continue;
        auto sum = Decimal::add(prev->value, delta->value);
        if (sum && sum->is_negative()) {
          Diagnostic d = cell_finding("CEL-03", Severity::error, "gov2019.items_negative", r, f, t,
                                      row, delta_key);
          d.arg("cell", cell_label(f, t, row, delta_key))
              .arg("prev", prev->value.to_string())
              .arg("delta", delta->value.to_string())
              .arg("sum", sum->to_string());
          d.related.push_back(cell_location(r, f, t, row, prev_key));
          out.push_back(std::move(d));
        }
      }
    // T2-04: 本年新公开 ≤ 本年新制作, and 对外公开总数量 ≥ 本年新公开.
    if (const RoleDef* chain = f.find_role("published_chain"); chain && chain->columns.size() == 3)
      for (const auto& row : chain->rows) {
        const std::string &t = chain->table, &made_key = chain->columns[0],
                          &published_key = chain->columns[1], &total_key = chain->columns[2];
        const Cell* made = number_cell(r, t, row, made_key);
        const Cell* published = number_cell(r, t, row, published_key);
        const Cell* total = number_cell(r, t, row, total_key);
        if (made && published && published->value > made->value) {
          Diagnostic d = cell_finding("T2-04", Severity::warning, "gov2019.published_gt_made", r, f,
                                      t, row, published_key);
          d.arg("cell", cell_label(f, t, row, published_key))
              .arg("published", published->value.to_string())
              .arg("made", made->value.to_string());
          d.related.push_back(cell_location(r, f, t, row, made_key));
          out.push_back(std::move(d));
        }
        if (published && total && total->value < published->value) {
          Diagnostic d = cell_finding("T2-04", Severity::warning, "gov2019.total_lt_published", r,
                                      f, t, row, total_key);
          d.arg("cell", cell_label(f, t, row, total_key))
              .arg("total", total->value.to_string())
              .arg("published", published->value.to_string());
          d.related.push_back(cell_location(r, f, t, row, published_key));
          out.push_back(std::move(d));
        }
      }
    // XY-03: this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减, when last year's
    // format has the same chain (read with that format's keys).
    if (!items || !ctx.previous) return;
    const Report& previous = *ctx.previous;
    const FormatDefinition* prev_format = ctx.formats.find(previous.format);
    const RoleDef* prev_items = prev_format ? prev_format->find_role("items_chain") : nullptr;
    if (!prev_items || prev_items->columns.size() != 2 ||
        prev_items->rows.size() != items->rows.size())
      return;
    for (std::size_t i = 0; i < items->rows.size(); ++i) {
      const std::string &t = items->table, &row = items->rows[i], &prev_key = items->columns[0];
      const Cell* now = number_cell(r, t, row, prev_key);
      const Cell* last_prev =
          number_cell(previous, prev_items->table, prev_items->rows[i], prev_items->columns[0]);
      const Cell* last_delta =
          number_cell(previous, prev_items->table, prev_items->rows[i], prev_items->columns[1]);
      if (!now || !last_prev || !last_delta) continue;
      auto expected = Decimal::add(last_prev->value, last_delta->value);
      if (expected && !(now->value == *expected)) {
        Diagnostic d = cell_finding("XY-03", Severity::warning, "gov2019.items_continuity", r, f, t,
                                    row, prev_key);
        d.arg("cell", cell_label(f, t, row, prev_key))
            .arg("actual", now->value.to_string())
            .arg("expected", expected->to_string())
            .arg("last_prev", last_prev->value.to_string())
            .arg("last_delta", last_delta->value.to_string())
            .arg("previous_year", std::to_string(previous.year));
        d.related.push_back(cell_location(previous, *prev_format, prev_items->table,
                                          prev_items->rows[i], prev_items->columns[0]));
        out.push_back(std::move(d));
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
  registry.add_messages(messages);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
