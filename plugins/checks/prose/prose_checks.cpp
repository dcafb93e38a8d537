// Numbers quoted in the prose against the tables (formats.md §8, NT-01..NT-07). What the prose
// may state — the quantities, the phrases that name them, the cells each sums, the statements
// that cells are zero — is the format definition's "prose" object (docs/prose.md); this plugin
// holds no key of any format. The reading is right or silent (prose_reader.h): a number it cannot
// attribute without doubt is not checked.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>
#include <nianbao/text.h>

#include <algorithm>
#include <map>
#include <optional>

#include "prose_reader.h"

namespace {

using namespace nianbao;
using prose::Attribution;
using prose::ProseReader;

std::optional<Decimal> value_of(const Report& r, const std::vector<CellRef>& cells) {
  Decimal sum(0);
  bool any = false;
  for (const auto& c : cells) {
    const Cell* cell = r.find_cell(c.table, c.row, c.column);
    if (!cell) continue;
    any = any || cell->is_number();
    auto s = Decimal::add(sum, cell->arithmetic_value());
    if (!s) return std::nullopt;
    sum = *s;
  }
  if (!any) return std::nullopt;
  return sum;
}

std::string label_of(const Attribution& a) {
  std::string out;
  for (const auto* q : a.quantities)
    out += (out.empty() ? "" : " + ") + q->label;
  return out;
}

// The message of a mismatch, by rule: each says which table the quantity is in.
const char* message_of(const std::string& rule, std::size_t readings) {
  static const std::map<std::string, std::string> kMessages = {{"NT-02", "nt.done"},
                                                               {"NT-03", "nt.outcome"},
                                                               {"NT-04", "nt.review"},
                                                               {"NT-05", "nt.applicant"},
                                                               {"NT-06", "nt.documents"}};
  if (readings >= 2 && rule == "NT-01") return "nt.received";
  auto it = kMessages.find(rule);
  return it == kMessages.end() ? "nt.done" : it->second.c_str();
}

// The NT rules, as the catalogue lists them; a finding takes its severity from here.
const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> kRules = {
      {"NT-01",
       Severity::warning,
       "正文所述收到/受理申请数与表三不符",
       "prose 收到/受理 count differs from table 三",
       "formats.md §8 NT",
       {},
       true},
      {"NT-02",
       Severity::error,
       "正文所述办结/答复数或结转数与表三不符",
       "prose 办结/答复 or 结转 count differs from table 三",
       "formats.md §8 NT",
       {},
       true},
      {"NT-03",
       Severity::error,
       "正文所述办理结果（予以公开、不予公开、无法提供等）与表三不符",
       "prose outcome counts differ from table 三",
       "formats.md §8 NT",
       {},
       true},
      {"NT-04",
       Severity::error,
       "正文所述行政复议、行政诉讼数与表四不符",
       "prose review/litigation counts differ from table 四",
       "formats.md §8 NT",
       {},
       true},
      {"NT-05",
       Severity::warning,
       "正文所述申请人构成与表三不符",
       "prose applicant mix differs from the new row of table 三",
       "formats.md §8 NT",
       {},
       true},
      {"NT-06",
       Severity::warning,
       "正文所述规章、规范性文件件数与表二不符",
       "prose counts of 规范性文件 differ from table 二",
       "formats.md §8 NT",
       {},
       true},
      {"NT-07",
       Severity::warning,
       "正文所述各申请渠道之和与收到申请数不符",
       "prose channel split does not add up to the received count",
       "formats.md §8 NT",
       {},
       true},
  };
  return kRules;
}

Severity severity_of(const std::string& rule) {
  for (const auto& r : rules())
    if (r.code == rule) return r.severity;
  return Severity::error;
}

Diagnostic prose_finding(const std::string& code, const char* message_id, const Report& r,
                         const FormatDefinition& f, const Sentence& s, const std::string& phrase,
                         std::optional<std::int64_t> stated, const std::string& quantity,
                         const std::vector<CellRef>& cells, const std::string& table_value) {
  Diagnostic d =
      paragraph_finding(code, severity_of(code), message_id, r, f, s.section, s.paragraph, s.text);
  d.arg("phrase", phrase)
      .arg("stated", stated ? std::to_string(*stated) : "")
      .arg("quantity", quantity)
      .arg("table_value", table_value);
  for (const auto& c : cells)
    d.related.push_back(cell_location(r, f, c.table, c.row, c.column));
  return d;
}

class ProseCheck final : public Check {
 public:
  std::string id() const override { return "prose"; }
  std::vector<std::string> formats() const override { return {}; }

  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const FormatDefinition& f = ctx.format;
    if (f.prose.empty()) return;
    const ProseReader reader(f.prose);
    // The topic the section's previous sentence ended on: "其中予以公开22件。" after "全年收到政府
    // 信息公开申请75件。" is about applications. A heading such as "（三）政府信息管理" names
    // another thing and ends it.
    std::string context;
    const Sentence* previous = nullptr;
    for (const auto& s : split_sentences(r)) {
      if (s.section == "preamble") continue;
      if (!previous || previous->section != s.section) context.clear();
      const std::u32string text = decode_utf8(s.text);
      const auto statements = reader.read(std::u32string_view(text), context);
      context = reader.topic_after(text, context);
      previous = &s;
      check_statements(r, f, s, statements, out);
      check_parts(r, f, s, statements, out);
      check_zero_claims(r, f, s, statements, out);
    }
  }

 private:
  // Every statement of a whole quantity against its readings; two outcomes of one sentence whose
  // numbers are each other's are reported as swapped.
  static void check_statements(const Report& r, const FormatDefinition& f, const Sentence& s,
                               const std::vector<Attribution>& statements,
                               std::vector<Diagnostic>& out) {
    struct Wrong {
      const Attribution* a;
      std::vector<std::vector<CellRef>> readings;
      std::vector<std::optional<Decimal>> values;
    };
    std::vector<Wrong> wrong;
    for (const auto& a : statements) {
      auto readings = readings_of(a);
      if (readings.empty()) continue;  // parts (channels) are checked as a sum
      std::vector<std::optional<Decimal>> values;
      bool known = false, agrees = false;
      for (const auto& cells : readings) {
        values.push_back(value_of(r, cells));
        known = known || values.back().has_value();
        agrees = agrees || (values.back() && *values.back() == Decimal(a.value));
      }
      if (known && !agrees) wrong.push_back({&a, std::move(readings), std::move(values)});
    }
    for (const auto& w : wrong) {
      const std::string& rule = w.a->quantities.front()->rule;
      const Attribution* partner = nullptr;
      for (const auto& other : wrong)
        if (other.a != w.a && other.a->quantities.front()->rule == rule && w.values[0] &&
            other.values[0] && *other.values[0] == Decimal(w.a->value) &&
            *w.values[0] == Decimal(other.a->value))
          partner = other.a;
      auto text_of = [](const std::optional<Decimal>& v) {
        return v ? v->to_string() : std::string("-");
      };
      const char* message =
          partner && rule == "NT-03" ? "nt.outcome_swapped" : message_of(rule, w.readings.size());
      std::vector<CellRef> cells;
      for (const auto& reading : w.readings)
        for (const auto& c : reading)
          if (std::none_of(cells.begin(), cells.end(), [&](const CellRef& x) {
                return x.table == c.table && x.row == c.row && x.column == c.column;
              }))
            cells.push_back(c);
      Diagnostic d = prose_finding(rule, message, r, f, s, w.a->phrase, w.a->value, label_of(*w.a),
                                   cells, text_of(w.values[0]));
      if (w.values.size() >= 2) d.arg("table_value_all", text_of(w.values[1]));
      if (partner && rule == "NT-03") d.arg("swapped_with", partner->phrase);
      out.push_back(std::move(d));
    }
  }

  // Parts of one whole stated in one sentence ("网上申请60件，信函申请15件") add up to it (NT-07).
  static void check_parts(const Report& r, const FormatDefinition& f, const Sentence& s,
                          const std::vector<Attribution>& statements,
                          std::vector<Diagnostic>& out) {
    std::map<std::string, std::vector<const Attribution*>> parts;
    for (const auto& a : statements)
      if (a.quantities.size() == 1 && !a.quantities.front()->part_of.empty())
        parts[a.quantities.front()->part_of].push_back(&a);
    for (const auto& [whole_name, list] : parts) {
      if (list.size() < 2) continue;
      const ProseQuantityDef* whole = f.prose.find_quantity(whole_name);
      if (!whole) continue;
      std::int64_t sum = 0;
      std::string written;
      for (const auto* a : list) {
        sum += a->value;
        written += (written.empty() ? "" : " + ") + std::to_string(a->value);
      }
      std::vector<std::optional<Decimal>> values;
      bool agrees = false, known = false;
      for (const auto& cells : whole->readings) {
        values.push_back(value_of(r, cells));
        known = known || values.back().has_value();
        agrees = agrees || (values.back() && *values.back() == Decimal(sum));
      }
      if (!known || agrees) continue;
      const std::string& rule = list.front()->quantities.front()->rule;
      Diagnostic d = prose_finding(rule, "nt.channels", r, f, s, list.front()->phrase,
                                   list.front()->value, whole->label, whole->readings.front(),
                                   values[0] ? values[0]->to_string() : "-");
      d.arg("channel_sum", written + " = " + std::to_string(sum))
          .arg("table_value_all",
               values.size() >= 2 && values[1] ? values[1]->to_string() : std::string("-"));
      out.push_back(std::move(d));
    }
  }

  // "未发生行政复议、行政诉讼", "申请人全部为自然人": cells the sentence says are zero.
  static void check_zero_claims(const Report& r, const FormatDefinition& f, const Sentence& s,
                                const std::vector<Attribution>& statements,
                                std::vector<Diagnostic>& out) {
    auto contains_any = [&](const std::vector<std::string>& words) {
      return std::any_of(words.begin(), words.end(),
                         [&](const std::string& w) { return s.text.find(w) != std::string::npos; });
    };
    for (const auto& claim : f.prose.zero_claims) {
      const auto said =
          std::find_if(claim.phrases.begin(), claim.phrases.end(),
                       [&](const std::string& w) { return s.text.find(w) != std::string::npos; });
      if (said == claim.phrases.end()) continue;
      if (!claim.topic_words.empty() && !contains_any(claim.topic_words)) continue;
      if (claim.only_without_counts &&
          std::any_of(statements.begin(), statements.end(), [&](const Attribution& a) {
            return a.quantities.front()->rule == claim.rule;
          }))
        continue;
      auto v = value_of(r, claim.cells);
      if (!v || v->coefficient() == 0) continue;
      // One message for every claim: the definition's label and the words the sentence used say
      // what was claimed.
      out.push_back(prose_finding(claim.rule, "nt.zero_claim", r, f, s, *said, std::nullopt,
                                  claim.label, claim.cells, v->to_string()));
    }
  }
};

void register_components(Registry& registry) {
  registry.add_check(std::make_unique<ProseCheck>());
  for (const auto& rule : rules())
    registry.add_rule(rule);
  const std::vector<MessageText> messages = {
      {"nt.received",
       "正文“{phrase}”与表三不符：新收 {table_value} 件（连同上年结转为 {table_value_all} "
       "件）：“{quote}”",
       "the text says “{phrase}”, but table 三 has {table_value} new ({table_value_all} with those "
       "carried over): “{quote}”"},
      {"nt.done", "正文“{phrase}”与表三不符：{quantity} 为 {table_value}：“{quote}”",
       "the text says “{phrase}”, but table 三 {quantity} is {table_value}: “{quote}”"},
      {"nt.forward", "正文“{phrase}”与表三不符：{quantity} 为 {table_value}：“{quote}”",
       "the text says “{phrase}”, but table 三 {quantity} is {table_value}: “{quote}”"},
      {"nt.outcome", "正文“{phrase}”与表三不符：{quantity} 为 {table_value} 件：“{quote}”",
       "the text says “{phrase}”, but table 三 {quantity} is {table_value}: “{quote}”"},
      {"nt.outcome_swapped",
       "正文“{phrase}”与表三不符：{quantity} 为 {table_value} "
       "件（与“{swapped_with}”的数字疑似写反）：“{quote}”",
       "the text says “{phrase}”, but table 三 {quantity} is {table_value} (swapped with "
       "“{swapped_with}”?): “{quote}”"},
      {"nt.review", "正文“{phrase}”与表四不符：{quantity} 为 {table_value}：“{quote}”",
       "the text says “{phrase}”, but table 四 {quantity} is {table_value}: “{quote}”"},
      {"nt.zero_claim", "正文称“{phrase}”，但{quantity} 为 {table_value}：“{quote}”",
       "the text says “{phrase}”, but {quantity} is {table_value}: “{quote}”"},
      {"nt.applicant", "正文“{phrase}”与表三不符：{quantity} 为 {table_value}：“{quote}”",
       "the text says “{phrase}”, but table 三 {quantity} is {table_value}: “{quote}”"},
      {"nt.documents", "正文“{phrase}”与表二不符：{quantity} 为 {table_value}：“{quote}”",
       "the text says “{phrase}”, but table 二 {quantity} is {table_value}: “{quote}”"},
      {"nt.channels",
       "正文各申请渠道之和 {channel_sum} 件，与新收 {table_value} 件（连同上年结转 "
       "{table_value_all} 件）不符：“{quote}”",
       "the channels in the text add up to {channel_sum}, but table 三 has {table_value} new "
       "({table_value_all} with those carried over): “{quote}”"},
  };
  registry.add_messages(messages);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
