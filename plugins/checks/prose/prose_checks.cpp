// Numbers quoted in the prose against the tables (formats.md §8, NT-01..NT-07). The outcome
// quantities of table 三 are taken from the format definition's row labels and groups, so the
// same code reads gov-2019's single （六）其他处理 row and gov-2021's three.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>
#include <nianbao/text.h>

#include <algorithm>
#include <optional>

#include "prose_numbers.h"

namespace {

using namespace nianbao;
using prose::Mention;
using prose::Pattern;

struct CellKey {
  std::string table, row, column;
};

// A quantity the tables hold and the prose may state.
struct Quantity {
  std::string label;           // printed, e.g. "（三）不予公开"
  std::vector<CellKey> cells;  // added up
};

std::optional<Decimal> value_of(const Report& r, const std::vector<CellKey>& cells) {
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

Diagnostic prose_finding(const char* code, Severity severity, const char* message_id,
                         const Report& r, const FormatDefinition& f, const Sentence& s,
                         const Mention* m, const Quantity& q, const std::string& table_value) {
  Diagnostic d =
      paragraph_finding(code, severity, message_id, r, f, s.section, s.paragraph, s.text);
  d.arg("phrase", m ? m->phrase : "")
      .arg("stated", m ? std::to_string(m->value) : "")
      .arg("quantity", q.label)
      .arg("table_value", table_value);
  for (const auto& c : q.cells)
    d.related.push_back(cell_location(r, f, c.table, c.row, c.column));
  return d;
}

// "（三）不予公开" → "不予公开"; "1.属于国家秘密" → "属于国家秘密"; "（二）部分公开（区分处理的…）"
// → "部分公开".
std::u32string keyword_of(const std::string& label) {
  std::u32string s = decode_utf8(label);
  if (!s.empty() && s[0] == U'（') {
    auto close = s.find(U'）');
    if (close != std::u32string::npos && close <= 3) s.erase(0, close + 1);
  }
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= U'0' && s[digits] <= U'9')
    ++digits;
  if (digits > 0 && digits < s.size() &&
      (s[digits] == U'.' || s[digits] == U'、' || s[digits] == U'．'))
    s.erase(0, digits + 1);
  if (auto open = s.find(U'（'); open != std::u32string::npos && open > 0) s.erase(open);
  return s;
}

struct Outcome {
  std::u32string keyword;
  Quantity quantity;
};

// The outcome quantities of table 三: every row between the received rows and （七）总计, and every
// group of such rows ("（三）不予公开" = the sum of its numbered rows).
std::vector<Outcome> outcomes_of(const FormatDefinition& f) {
  std::vector<Outcome> out;
  const TableDef* t = f.find_table("applications");
  const RowDef* total = t ? t->find_row("results_total") : nullptr;
  if (!t || !total || total->groups.empty()) return out;
  for (const auto& b : t->blocks)
    for (const auto& row : b.rows) {
      if (row.key == "results_total" || row.groups.empty() || row.groups[0] != total->groups[0])
        continue;
      std::u32string own = keyword_of(row.label);
      if (own.size() >= 4) out.push_back({own, {row.label, {{"applications", row.key, "total"}}}});
      if (row.groups.size() >= 2) {
        std::u32string group = keyword_of(row.groups[1]);
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const Outcome& o) { return o.keyword == group; });
        if (it == out.end()) out.push_back({group, {row.groups[1], {}}}), it = out.end() - 1;
        it->quantity.cells.push_back({"applications", row.key, "total"});
      }
    }
  return out;
}

const std::vector<std::string> kApplicantColumns = {
    "natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"};

class ProseCheck final : public Check {
 public:
  std::string id() const override { return "prose"; }
  std::vector<std::string> formats() const override { return {}; }

  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const FormatDefinition& f = ctx.format;
    const auto outcomes = outcomes_of(f);
    const Quantity received{"一、本年新收政府信息公开申请数量 / 总计",
                            {{"applications", "new", "total"}}};
    const Quantity received_all{
        "一、本年新收 + 二、上年结转 / 总计",
        {{"applications", "new", "total"}, {"applications", "carried_over", "total"}}};
    const Quantity done{"（七）总计 / 总计", {{"applications", "results_total", "total"}}};
    const Quantity forward{"四、结转下年度继续办理 / 总计",
                           {{"applications", "carried_forward", "total"}}};
    const Quantity review{"行政复议 / 总计", {{"review_litigation", "review", "total"}}};
    const Quantity litigation{"行政诉讼（未经复议直接起诉 + 复议后起诉）/ 总计",
                              {{"review_litigation", "litigation_direct", "total"},
                               {"review_litigation", "litigation_after_review", "total"}}};

    auto n1 = value_of(r, received.cells);
    auto n2 = value_of(r, received_all.cells);
    auto matches_received = [&](std::int64_t v) {
      return (n1 && *n1 == Decimal(v)) || (n2 && *n2 == Decimal(v));
    };
    auto text_of = [](const std::optional<Decimal>& v) {
      return v ? v->to_string() : std::string("-");
    };

    // What does not depend on the sentence is made once per report: the outcome patterns and
    // the applicant columns with their patterns.
    std::vector<Pattern> outcome_patterns;
    for (const auto& o : outcomes)
      outcome_patterns.push_back(Pattern{{o.keyword}, 4, {}, {}, {}, false, U"件"});
    struct Applicant {
      const ColumnDef* column;
      Pattern pattern;
    };
    std::vector<Applicant> applicants;
    const TableDef* apps = f.find_table("applications");
    for (const auto& column : kApplicantColumns) {
      const ColumnDef* c = apps ? apps->find_column("new", column) : nullptr;
      if (!c) continue;
      std::u32string label = decode_utf8(c->label);
      // "其他" (other organisations) is too common a word to attribute a number to.
      if (label.size() < 3) continue;
      Pattern p{{std::move(label)}, 3, {}, {}, {}, false, U"件"};
      if (column == "natural_person") p.keywords.push_back(U"公民");
      applicants.push_back({c, std::move(p)});
    }

    for (const auto& s : split_sentences(r)) {
      if (s.section == "preamble") continue;
      // Decoded once for all the patterns below.
      const std::u32string text = decode_utf8(s.text);

      // NT-01: 收到/受理 N 件 — new, or new + carried over (both readings occur).
      static const Pattern kReceived{
          {U"收到", U"受理", U"新收"},
          14,
          {U"复议", U"诉讼", U"投诉", U"举报", U"信访", U"咨询", U"来电"},
          {},
          {},
          false,
          U"件"};
      for (const auto& m : prose::find_mentions(text, kReceived))
        if (n1 && !matches_received(m.value)) {
          Diagnostic d = prose_finding("NT-01", Severity::warning, "nt.received", r, f, s, &m,
                                       received, text_of(n1));
          d.arg("table_value_all", text_of(n2));
          out.push_back(std::move(d));
        }

      // NT-02: 办结/答复 N 件 = （七）总计; 结转/顺延 N 件 = 结转下年度.
      static const Pattern kDone{{U"办结", U"答复", U"办理完毕"},
                                 10,
                                 {U"率", U"复议", U"诉讼", U"期限", U"上年"},
                                 {},
                                 {},
                                 false,
                                 U"件"};
      check_equal("NT-02", Severity::error, "nt.done", kDone, done, r, f, s, text, out);
      static const Pattern kForwardAfter{
          {U"结转下年", U"结转至下", U"结转到下", U"顺延至下", U"顺延到下", U"结转下一年"},
          10,
          {},
          {},
          {},
          false,
          U"件"};
      check_equal("NT-02", Severity::error, "nt.forward", kForwardAfter, forward, r, f, s, text,
                  out);
      static const Pattern kForwardBefore{
          {U"结转", U"顺延"}, 2, {}, {}, {U"上年", U"上一年", U"上年度"}, true, U"件"};
      check_equal("NT-02", Severity::error, "nt.forward", kForwardBefore, forward, r, f, s, text,
                  out);

      // NT-03: outcome counts, by row or by group.
      std::vector<std::tuple<Mention, const Outcome*, Decimal>> wrong;
      for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const Outcome& o = outcomes[i];
        auto table = value_of(r, o.quantity.cells);
        if (!table) continue;
        for (const auto& m : prose::find_mentions(text, outcome_patterns[i]))
          if (!(*table == Decimal(m.value))) wrong.emplace_back(m, &o, *table);
      }
      for (const auto& [m, o, table] : wrong) {
        // Two outcomes whose numbers are each other's: the prose has swapped them.
        const Mention* partner = nullptr;
        for (const auto& [m2, o2, table2] : wrong)
          if (o2 != o && Decimal(m2.value) == table && Decimal(m.value) == table2) partner = &m2;
        Diagnostic d =
            prose_finding("NT-03", Severity::error, partner ? "nt.outcome_swapped" : "nt.outcome",
                          r, f, s, &m, o->quantity, table.to_string());
        if (partner) d.arg("swapped_with", partner->phrase);
        out.push_back(std::move(d));
      }

      // NT-04: 行政复议 N 件 = 表四 review; 行政诉讼 N 件 = direct + after review; "未发生" = all
      // zero.
      static const Pattern kReview{{U"行政复议"}, 6, {U"诉讼"}, {}, {}, false, U"件"};
      static const Pattern kLitigation{{U"行政诉讼"}, 6, {U"复议"}, {}, {}, false, U"件"};
      bool stated =
          check_equal("NT-04", Severity::error, "nt.review", kReview, review, r, f, s, text, out);
      stated = check_equal("NT-04", Severity::error, "nt.review", kLitigation, litigation, r, f, s,
                           text, out) ||
               stated;
      bool none_claimed = !stated &&
                          (s.text.find("行政复议") != std::string::npos ||
                           s.text.find("行政诉讼") != std::string::npos) &&
                          (s.text.find("未发生") != std::string::npos ||
                           s.text.find("没有发生") != std::string::npos ||
                           s.text.find("未出现") != std::string::npos ||
                           s.text.find("未收到") != std::string::npos);
      if (none_claimed) {
        auto a = value_of(r, review.cells), b = value_of(r, litigation.cells);
        if ((a && a->coefficient() != 0) || (b && b->coefficient() != 0)) {
          Quantity both{"表四 行政复议、行政诉讼 / 总计", review.cells};
          both.cells.insert(both.cells.end(), litigation.cells.begin(), litigation.cells.end());
          out.push_back(prose_finding(
              "NT-04", Severity::error, "nt.none_claimed", r, f, s, nullptr, both,
              (*Decimal::add(a.value_or(Decimal(0)), b.value_or(Decimal(0)))).to_string()));
        }
      }

      // NT-05: the applicant mix.
      static const char* kAllNatural[] = {"全部为公民",   "均为公民",   "全部为自然人",
                                          "均为自然人",   "均系自然人", "全部来自自然人",
                                          "全部是自然人", "均是自然人"};
      if (std::any_of(std::begin(kAllNatural), std::end(kAllNatural),
                      [&](const char* w) { return s.text.find(w) != std::string::npos; })) {
        Quantity orgs{"一、本年新收 / 法人或其他组织", {}};
        for (std::size_t i = 1; i < kApplicantColumns.size(); ++i)
          orgs.cells.push_back({"applications", "new", kApplicantColumns[i]});
        auto v = value_of(r, orgs.cells);
        if (v && v->coefficient() != 0)
          out.push_back(prose_finding("NT-05", Severity::warning, "nt.all_natural", r, f, s,
                                      nullptr, orgs, v->to_string()));
      }
      for (const auto& [c, p] : applicants) {
        Quantity only{"一、本年新收 / " + c->label, {{"applications", "new", c->key}}};
        Quantity with_carried{
            "一、本年新收 + 二、上年结转 / " + c->label,
            {{"applications", "new", c->key}, {"applications", "carried_over", c->key}}};
        auto a = value_of(r, only.cells), b = value_of(r, with_carried.cells);
        for (const auto& m : prose::find_mentions(text, p))
          if (a && !(*a == Decimal(m.value)) && !(b && *b == Decimal(m.value)))
            out.push_back(prose_finding("NT-05", Severity::warning, "nt.applicant", r, f, s, &m,
                                        only, a->to_string()));
      }

      // NT-06: 规章/规范性文件 counts stated in the prose against table 二.
      check_documents(r, f, s, text, out);

      // NT-07: the channels add up to what was received.
      static const Pattern kChannels{
          {U"网络", U"网上", U"互联网", U"在线", U"网站", U"信函", U"邮寄", U"来信", U"当面",
           U"现场", U"窗口", U"传真", U"电子邮件", U"邮箱", U"电话"},
          8,
          {U"复议", U"诉讼"},
          {},
          {},
          false,
          U"件"};
      auto channels = prose::find_mentions(text, kChannels);
      if (channels.size() >= 2 && n1) {
        std::int64_t sum = 0;
        std::string parts;
        for (const auto& m : channels) {
          sum += m.value;
          parts += (parts.empty() ? "" : " + ") + std::to_string(m.value);
        }
        if (!matches_received(sum)) {
          Diagnostic d = prose_finding("NT-07", Severity::warning, "nt.channels", r, f, s,
                                       &channels.front(), received, text_of(n1));
          d.arg("channel_sum", parts + " = " + std::to_string(sum))
              .arg("table_value_all", text_of(n2));
          out.push_back(std::move(d));
        }
      }
    }
  }

 private:
  // Reports every mention of `p` in the sentence that differs from the table; returns whether
  // the sentence stated the quantity at all.
  static bool check_equal(const char* code, Severity severity, const char* message_id,
                          const Pattern& p, const Quantity& q, const Report& r,
                          const FormatDefinition& f, const Sentence& s, std::u32string_view text,
                          std::vector<Diagnostic>& out) {
    auto mentions = prose::find_mentions(text, p);
    auto table = value_of(r, q.cells);
    for (const auto& m : mentions)
      if (table && !(*table == Decimal(m.value)))
        out.push_back(
            prose_finding(code, severity, message_id, r, f, s, &m, q, table->to_string()));
    return !mentions.empty();
  }

  // Table 二 columns are found by their printed labels, which say what the prose says:
  // 现行有效件数 (gov-2021) or 对外公开总数量 (gov-2019); 本年制发件数 or 本年新制作数量.
  static void check_documents(const Report& r, const FormatDefinition& f, const Sentence& s,
                              std::u32string_view text, std::vector<Diagnostic>& out) {
    const TableDef* t = f.find_table("proactive");
    const BlockDef* block = t ? t->block_of("normative_documents") : nullptr;
    if (!block) return;
    auto column_with = [&](std::initializer_list<const char*> words) -> const ColumnDef* {
      for (const auto& c : block->columns)
        for (const char* w : words)
          if (c.label.find(w) != std::string::npos) return &c;
      return nullptr;
    };
    struct Claim {
      Pattern pattern;
      const ColumnDef* column;
    };
    const Claim claims[] = {
        {{{U"现行有效"}, 10, {}, {U"规范性文件"}, {}, false, U"件"},
         column_with({"现行有效", "对外公开总"})},
        {{{U"制发", U"印发", U"出台", U"制定"},
          10,
          {U"现行有效"},
          {U"规范性文件"},
          {},
          false,
          U"件"},
         column_with({"制发", "新制作"})},
    };
    for (const auto& claim : claims) {
      if (!claim.column) continue;
      const RowDef* row = t->find_row("normative_documents");
      Quantity q{row->label + " / " + claim.column->label,
                 {{"proactive", "normative_documents", claim.column->key}}};
      check_equal("NT-06", Severity::warning, "nt.documents", claim.pattern, q, r, f, s, text, out);
    }
  }
};

void register_components(Registry& registry) {
  registry.add_check(std::make_unique<ProseCheck>());
  const std::vector<RuleInfo> rules = {
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
  for (const auto& rule : rules)
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
      {"nt.none_claimed", "正文称未发生行政复议、行政诉讼，但表四合计 {table_value} 件：“{quote}”",
       "the text says there was no review or litigation, but table 四 counts {table_value}: "
       "“{quote}”"},
      {"nt.all_natural",
       "正文称申请全部来自自然人，但表三新收申请中法人或其他组织共 {table_value} 件：“{quote}”",
       "the text says every applicant was a natural person, but table 三 has {table_value} new "
       "applications from organisations: “{quote}”"},
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
  for (const auto& m : messages)
    registry.add_message(m);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
