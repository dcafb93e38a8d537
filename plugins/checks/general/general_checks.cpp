// Checks that hold for every national format (formats.md §8): the six parts and three tables
// are there, the format fits the year, the preamble describes the body, cross-year continuity,
// sections 五 and 六, and the publication deadline. They name no key of a format: the sections
// and cells they look at come from the definition's "roles" (docs/rules.md lists them), and a
// check whose role a definition does not declare stays silent on it.
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>
#include <nianbao/text.h>

#include <algorithm>
#include <set>

#include "text_patterns.h"

namespace {

using namespace nianbao;

// A numeral as written in "六部分" (below 100), or -1.
int numeral_value(std::string_view s) {
  const std::u32string t = decode_utf8(s);
  int value = -1;
  return !t.empty() && read_chinese_numeral(t, value) == t.size() ? value : -1;
}

bool has_prose(const Report& r, std::string_view key) {
  const Section* s = r.find_section(key);
  if (!s || key.empty()) return false;
  return std::any_of(s->paragraphs.begin(), s->paragraphs.end(), [](const Paragraph& p) {
    return p.text.find_first_not_of(" \t\r\n") != std::string::npos;
  });
}

// Whether a role's list of rows or columns takes `key` (an empty list takes every key).
bool selects(const std::vector<std::string>& keys, std::string_view key) {
  return keys.empty() || std::find(keys.begin(), keys.end(), key) != keys.end();
}

Diagnostic report_finding(std::string code, Severity severity, std::string message_id,
                          const Report& r) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message_id = std::move(message_id);
  d.location.source.file = r.source.file;
  return d;
}

// ---- STR: the six parts, the three tables, the year, empty tables ------------------------------

class StructureCheck final : public Check {
 public:
  std::string id() const override { return "structure"; }
  std::vector<std::string> formats() const override { return {}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const FormatDefinition& f = ctx.format;
    const std::string_view preamble = f.section_of("preamble"), overview = f.section_of("overview");
    int number = 0;
    for (const auto& s : f.sections) {
      if (s.key == preamble) continue;
      ++number;
      bool table_here = std::any_of(f.tables.begin(), f.tables.end(), [&](const TableDef& t) {
        return t.section == s.key && r.find_table(t.key);
      });
      if (has_prose(r, s.key) || table_here) continue;
      Diagnostic d = report_finding("STR-01", Severity::error, "str.missing_part", r);
      d.location.logical.section = s.key;
      std::string keywords;
      for (const auto& k : s.keywords)
        keywords += (keywords.empty() ? "" : "、") + k;
      d.arg("number", std::to_string(number)).arg("heading", s.heading).arg("keywords", keywords);
      out.push_back(std::move(d));
    }

    for (const auto& t : f.tables) {
      const Table* table = r.find_table(t.key);
      // A missing table whose part has no text either is a missing part: STR-01 said so.
      if (!table && !has_prose(r, t.section)) continue;
      if (!table) {
        Diagnostic d = report_finding("STR-02", Severity::error, "str.missing_table", r);
        d.location.logical.section = t.section;
        d.location.logical.table = t.key;
        d.location.logical.table_label = t.label;
        d.arg("table", t.label);
        out.push_back(std::move(d));
        continue;
      }
      // One finding per table: the missing rows, else the missing cells of present rows.
      std::vector<std::string> missing_rows, missing_cells;
      const RowDef* first_missing = nullptr;
      bool any_number = false;
      for (const auto& b : t.blocks)
        for (const auto& row : b.rows) {
          const TableRow* tr = table->find(row.key);
          if (!tr) {
            missing_rows.push_back(f.row_path_label(t, row));
            if (!first_missing) first_missing = &row;
            continue;
          }
          for (const auto& c : b.columns) {
            const Cell* cell = tr->find(c.key);
            if (!cell)
              missing_cells.push_back(row.label + " / " + c.label);
            else
              any_number = any_number || cell->is_number();
          }
        }
      auto list = [](const std::vector<std::string>& items) {
        std::string out;
        for (std::size_t i = 0; i < items.size() && i < 5; ++i)
          out += (i ? "；" : "") + items[i];
        if (items.size() > 5) out += "……";
        return out;
      };
      if (!missing_rows.empty() || !missing_cells.empty()) {
        bool rows = !missing_rows.empty();
        Diagnostic d = report_finding("STR-02", Severity::error,
                                      rows ? "str.missing_rows" : "str.missing_cells", r);
        d.location.logical.section = t.section;
        d.location.logical.table = t.key;
        d.location.logical.table_label = t.label;
        if (first_missing) {
          d.location.logical.row = first_missing->key;
          d.location.logical.row_label = f.row_path_label(t, *first_missing);
        }
        d.arg("table", t.label)
            .arg("count", std::to_string(rows ? missing_rows.size() : missing_cells.size()))
            .arg("items", list(rows ? missing_rows : missing_cells));
        out.push_back(std::move(d));
      }
      if (!any_number && missing_rows.size() < t.blocks.size() * 1000) {
        bool has_cells = std::any_of(table->rows.begin(), table->rows.end(),
                                     [](const TableRow& x) { return !x.cells.empty(); });
        if (has_cells) {
          Diagnostic d = report_finding("STR-04", Severity::warning, "str.empty_table", r);
          d.location.logical.table = t.key;
          d.location.logical.table_label = t.label;
          d.arg("table", t.label);
          out.push_back(std::move(d));
        }
      }
    }

    // STR-03: the statistical period and the title's year (text_patterns.h).
    for (const auto& s : split_sentences(r)) {
      if (s.section.empty() || (s.section != preamble && s.section != overview)) continue;
      std::string found;
      if (auto period = general::find_period(s.text)) {
        if (std::stoi(period->from_year) != r.year)
          found = period->from_year;
        else if (std::stoi(period->to_year) != r.year)
          found = period->to_year;
      } else if (auto title = general::find_title_year(s.text);
                 title && std::stoi(*title) != r.year) {
        found = *title;
      }
      if (found.empty()) continue;
      Diagnostic d = paragraph_finding("STR-03", Severity::error, "str.period_year", r, f,
                                       s.section, s.paragraph, s.text);
      d.arg("found", found).arg("year", std::to_string(r.year));
      out.push_back(std::move(d));
    }
  }
};

// ---- FMT: the format fits the year; the preamble describes the body -----------------------------

class FormatCheck final : public Check {
 public:
  std::string id() const override { return "format"; }
  std::vector<std::string> formats() const override { return {}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    // FMT-01: which definition do the tables fit best, and which one is in force for the year?
    const FormatDefinition* detected = &ctx.format;
    long best = -1;
    for (const auto* candidate : ctx.formats.all()) {
      long score = 0;
      for (const auto& t : r.tables) {
        const TableDef* td = candidate->find_table(t.key);
        for (const auto& row : t.rows)
          for (const auto& [column, cell] : row.cells)
            score += (td && td->find_column(row.key, column)) ? 1 : -1;
      }
      if (score > best || (score == best && candidate == &ctx.format)) {
        best = score;
        detected = candidate;
      }
    }
    const FormatDefinition* expected = ctx.formats.for_year(r.year);
    if (expected && detected != expected) {
      Diagnostic d = report_finding("FMT-01", Severity::error, "fmt.wrong_format", r);
      d.arg("year", std::to_string(r.year))
          .arg("expected", expected->id)
          .arg("expected_basis", expected->basis)
          .arg("detected", detected->id)
          .arg("detected_basis", detected->basis);
      out.push_back(std::move(d));
    }

    // FMT-03: "本报告由…等六部分组成" must agree with the list and with the body's six parts.
    const std::string_view preamble = ctx.format.section_of("preamble");
    for (const auto& s : split_sentences(r)) {
      if (s.section.empty() || s.section != preamble) continue;
      auto parts = general::find_parts_claim(s.text);
      if (!parts) continue;
      int claimed = numeral_value(parts->numeral);
      const std::string& list = parts->list;
      // "总体情况、主动公开…、其他需要报告的事项" lists one more item than it has 、.
      int listed = list.find("、") == std::string::npos ? 0 : 1;
      for (std::size_t p = list.find("、"); p != std::string::npos; p = list.find("、", p + 1))
        ++listed;
      int body = static_cast<int>(ctx.format.sections.size()) - 1;  // without the preamble
      if ((listed > 1 && listed != claimed) || claimed != body) {
        Diagnostic d = paragraph_finding("FMT-03", Severity::warning, "fmt.parts_count", r,
                                         ctx.format, s.section, s.paragraph, s.text);
        d.arg("claimed", parts->numeral)
            .arg("listed", std::to_string(listed))
            .arg("body", std::to_string(body));
        out.push_back(std::move(d));
      }
    }
  }
};

// ---- T2-01: 规章 from a reporter that cannot make them; T4-05: "all upheld"
// ----------------------

class PlausibilityCheck final : public Check {
 public:
  std::string id() const override { return "plausibility"; }
  std::vector<std::string> formats() const override { return {}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    // 规章 can only be made by 国务院部门 and the governments of provinces and 设区的市: not by a
    // township, nor by a county-level government or department (region code not ending in 00).
    const std::string& code = r.agency.region_code;
    bool county_level = code.size() >= 6 && code.compare(4, 2, "00") != 0;
    bool cannot =
        r.agency.kind == "township" ||
        ((r.agency.kind == "government" || r.agency.kind == "department") && county_level);
    const RoleDef* regulations = ctx.format.find_role("regulations");
    if (cannot && regulations)
      if (const Table* t = r.find_table(regulations->table))
        for (const auto& row : t->rows) {
          if (!selects(regulations->rows, row.key)) continue;
          for (const auto& [column, cell] : row.cells)
            if (selects(regulations->columns, column) && cell.is_number() &&
                cell.value > Decimal(0)) {
              Diagnostic d = cell_finding("T2-01", Severity::warning, "t2.regulations", r,
                                          ctx.format, t->key, row.key, column);
              d.arg("cell", cell_label(ctx.format, t->key, row.key, column))
                  .arg("value", cell_text(cell))
                  .arg("kind", r.agency.kind)
                  .arg("region_code", code.empty() ? "-" : code);
              out.push_back(std::move(d));
              break;
            }
        }

    // T4-05: the prose says every case was upheld, the table says otherwise.
    static const char* kAllUpheld[] = {"均获维持", "全部维持",     "均被维持",
                                       "均维持",   "全部获得维持", "均予以维持"};
    long not_upheld = 0;
    if (const RoleDef* role = ctx.format.find_role("not_upheld"))
      if (const Table* t = r.find_table(role->table))
        for (const auto& row : t->rows)
          if (selects(role->rows, row.key))
            for (const auto& [column, c] : row.cells)
              if (selects(role->columns, column) && c.is_number())
                not_upheld += c.value.to_integer();
    if (not_upheld > 0)
      for (const auto& s : split_sentences(r))
        for (const char* claim : kAllUpheld)
          if (s.text.find(claim) != std::string::npos) {
            Diagnostic d = paragraph_finding("T4-05", Severity::warning, "t4.all_upheld", r,
                                             ctx.format, s.section, s.paragraph, s.text);
            d.arg("claim", claim).arg("count", std::to_string(not_upheld));
            out.push_back(std::move(d));
            break;
          }
  }
};

// ---- XY-01, XY-04: continuity with last year's report -------------------------------------------

// Similarity of two texts as the Dice coefficient of their character bigrams (bytes of UTF-8
// are fine: identical texts give 1, unrelated texts near 0).
double similarity(const std::string& a, const std::string& b) {
  if (a.size() < 2 || b.size() < 2) return a == b ? 1.0 : 0.0;
  std::multiset<std::string_view> x, y;
  for (std::size_t i = 0; i + 6 <= a.size(); i += 3)
    x.insert(std::string_view(a).substr(i, 6));
  for (std::size_t i = 0; i + 6 <= b.size(); i += 3)
    y.insert(std::string_view(b).substr(i, 6));
  std::size_t common = 0;
  for (auto it = x.begin(); it != x.end(); it = x.upper_bound(*it))
    common += std::min(x.count(*it), y.count(*it));
  return x.empty() || y.empty()
             ? 0.0
             : 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

// The column of last year's row `to` printed as this year's `column` of row `from` (the formats of
// two years may key the same column differently); the same key when no label matches.
std::string same_column(const FormatDefinition& now, const RoleDef& from, const std::string& column,
                        const FormatDefinition& before, const RoleDef& to) {
  const TableDef* t = now.find_table(from.table);
  const ColumnDef* c = t ? t->find_column(from.rows[0], column) : nullptr;
  const TableDef* bt = before.find_table(to.table);
  const BlockDef* b = bt ? bt->block_of(to.rows[0]) : nullptr;
  if (c && b)
    for (const auto& candidate : b->columns)
      if (candidate.label == c->label) return candidate.key;
  return column;
}

class CrossYearCheck final : public Check {
 public:
  std::string id() const override { return "cross-year"; }
  std::vector<std::string> formats() const override { return {}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    if (!ctx.previous) return;
    const Report& prev = *ctx.previous;
    const FormatDefinition* prev_format = ctx.formats.find(prev.format);
    // The previous report is read with its own format's roles (a format of another year or
    // province may name its cells differently); with an unknown format, with this one's.
    const FormatDefinition& before_format = prev_format ? *prev_format : ctx.format;
    // XY-01: 上年结转 this year = 结转下年度 last year, column by column.
    const RoleDef* over = ctx.format.find_role("carried_over");
    const RoleDef* forward = before_format.find_role("carried_forward");
    if (over && forward && !over->rows.empty() && !forward->rows.empty())
      if (const Table* t = r.find_table(over->table))
        if (const TableRow* now = t->find(over->rows[0]))
          for (const auto& [column, cell] : now->cells) {
            const Cell* before =
                prev.find_cell(forward->table, forward->rows[0],
                               same_column(ctx.format, *over, column, before_format, *forward));
            if (!before || !cell.is_number() || !before->is_number() || cell.value == before->value)
              continue;
            Diagnostic d = cell_finding("XY-01", Severity::error, "xy.carried_over", r, ctx.format,
                                        over->table, over->rows[0], column);
            d.arg("cell", cell_label(ctx.format, over->table, over->rows[0], column))
                .arg("actual", cell.value.to_string())
                .arg("expected", before->value.to_string())
                .arg("previous_year", std::to_string(prev.year))
                .arg("previous_file", prev.source.file);
            if (prev_format)
              d.related.push_back(
                  cell_location(prev, *prev_format, forward->table, forward->rows[0],
                                same_column(ctx.format, *over, column, before_format, *forward)));
            out.push_back(std::move(d));
          }
    // XY-04: section 五 copied from last year (the format forbids 内容雷同).
    const std::string_view problems = ctx.format.section_of("problems");
    std::string now = section_text(r, problems),
                before = section_text(prev, before_format.section_of("problems"));
    if (!problems.empty() && now.size() >= 60 && before.size() >= 60) {
      double s = similarity(now, before);
      if (s >= 0.9) {
        Diagnostic d =
            paragraph_finding("XY-04", Severity::warning, "xy.same_problems", r, ctx.format,
                              problems, 0, now.substr(0, std::min<std::size_t>(now.size(), 90)));
        d.arg("similarity", std::to_string(static_cast<int>(s * 100)))
            .arg("previous_year", std::to_string(prev.year));
        out.push_back(std::move(d));
      }
    }
  }
};

// ---- S5-01, S6-02, PUB-01 -----------------------------------------------------------------------

class SectionsCheck final : public Check {
 public:
  std::string id() const override { return "sections"; }
  std::vector<std::string> formats() const override { return {}; }
  void run(const Report& r, const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    // S5-01: part 五 that says nothing — empty, "无", "暂无问题", "本年度没有问题。"
    // (general::says_nothing: only words that name no problem and no improvement).
    const std::string_view problems = ctx.format.section_of("problems");
    if (const Section* s = problems.empty() ? nullptr : r.find_section(problems))
      if (general::says_nothing(section_text(r, problems)))
        out.push_back(paragraph_finding("S5-01", Severity::warning, "s5.empty", r, ctx.format,
                                        problems, 0,
                                        s->paragraphs.empty() ? "" : s->paragraphs[0].text));
    const std::string_view overview = ctx.format.section_of("overview");
    if (r.agency.kind == "government" && has_prose(r, overview)) {
      std::string text = section_text(r, overview);
      bool mentions = text.find("考核") != std::string::npos ||
                      text.find("评议") != std::string::npos ||
                      text.find("责任追究") != std::string::npos;
      if (!mentions) {
        Diagnostic d = paragraph_finding("S6-02", Severity::info, "s6.no_assessment", r, ctx.format,
                                         overview, 0, "");
        out.push_back(std::move(d));
      }
    }
    // PUB-01: 条例第四十九条 — departments by 1月31日, 本级政府 by 3月31日 of the next year.
    if (!r.published.empty() && general::is_date_shaped(r.published) &&
        (r.agency.kind == "department" || r.agency.kind == "government")) {
      std::string deadline =
          std::to_string(r.year + 1) + (r.agency.kind == "government" ? "-03-31" : "-01-31");
      if (r.published > deadline) {
        // Where the date was read, when the importer says: the user can see it is the page's own.
        const auto source = r.metadata_sources.find("published");
        const bool evidence = source != r.metadata_sources.end();
        Diagnostic d =
            report_finding("PUB-01", Severity::warning, evidence ? "pub.late_from" : "pub.late", r);
        d.arg("published", r.published).arg("deadline", deadline).arg("kind", r.agency.kind);
        if (evidence) d.arg("evidence", source->second);
        out.push_back(std::move(d));
      }
    }
    // PUB-02: the importer saw dates but none is the publication date: say so rather than judge.
    if (r.published.empty()) {
      const auto conflict = r.metadata_sources.find("published.conflict");
      const auto rejected = r.metadata_sources.find("published.rejected");
      if (conflict != r.metadata_sources.end()) {
        Diagnostic d = report_finding("PUB-02", Severity::info, "pub.unknown_conflict", r);
        d.arg("evidence", conflict->second);
        out.push_back(std::move(d));
      } else if (rejected != r.metadata_sources.end()) {
        Diagnostic d = report_finding("PUB-02", Severity::info, "pub.unknown_rejected", r);
        d.arg("evidence", rejected->second);
        out.push_back(std::move(d));
      }
    }
  }
};

const char* const kClause = "formats.md §8";

void register_components(Registry& registry) {
  registry.add_check(std::make_unique<StructureCheck>());
  registry.add_check(std::make_unique<FormatCheck>());
  registry.add_check(std::make_unique<PlausibilityCheck>());
  registry.add_check(std::make_unique<CrossYearCheck>());
  registry.add_check(std::make_unique<SectionsCheck>());

  const std::vector<RuleInfo> rules = {
      {"STR-01",
       Severity::error,
       "缺少六个部分之一（按标题关键词匹配）",
       "one of the six parts is missing (headings matched by keyword)",
       "条例第五十条; formats.md §3",
       {},
       true},
      {"STR-02",
       Severity::error,
       "表二、表三、表四缺失或缺少本格式的行、列",
       "table 二, 三 or 四 missing, or lacking rows or columns of the format",
       "formats.md §4–§6",
       {},
       true},
      {"STR-03",
       Severity::error,
       "统计期限或标题年份与报告年度不符",
       "the statistical period or the title's year differs from the report year",
       "formats.md §3",
       {},
       true},
      {"STR-04",
       Severity::warning,
       "表格全部为空",
       "a table is entirely blank",
       "formats.md §7",
       {},
       true},
      {"FMT-01",
       Severity::error,
       "表格格式与报告年度不符（2019–2020 用 2019 版格式，2021 年起用 2021 版格式）",
       "the tables' format does not match the report year",
       "国办公开办函〔2019〕60号; 国办公开办函〔2021〕30号",
       {},
       true},
      {"FMT-03",
       Severity::warning,
       "前言对报告组成的描述与正文不符（如“六部分”只列五项）",
       "the preamble's description of the report disagrees with the body",
       "formats.md §3",
       {},
       true},
      {"T2-01",
       Severity::warning,
       "无权制定规章的报告主体填报了规章数量",
       "规章 > 0 for a reporter that cannot make 规章",
       "立法法第九十三条; formats.md §1",
       {},
       true},
      {"T4-05",
       Severity::warning,
       "正文称复议诉讼“均获维持”，但表四有纠正、其他结果或尚未审结",
       "prose claims all upheld while table 四 has corrected, other or pending cases",
       "formats.md §6",
       {},
       true},
      {"XY-01",
       Severity::error,
       "上年结转数与上年度报告的结转下年度数不符",
       "carried over ≠ last year's carried forward",
       "国办公开办函〔2021〕30号 表三",
       {},
       true},
      {"XY-04",
       Severity::warning,
       "第五部分与上年度报告内容雷同",
       "section 五 nearly identical to last year's",
       "国办公开办函〔2021〕30号（不得内容雷同）",
       {},
       true},
      {"S5-01",
       Severity::warning,
       "第五部分“存在的主要问题及改进情况”为空或只写“无”“暂无问题”之类",
       "section 五 empty or saying only 无, 暂无问题 and the like",
       "条例第五十条第（四）项",
       {},
       true},
      {"S6-02",
       Severity::info,
       "本级政府报告未提及工作考核、社会评议和责任追究",
       "a government report's overview does not mention 考核/评议/责任追究",
       "条例第五十条",
       {},
       true},
      {"PUB-01",
       Severity::warning,
       "报告公开晚于法定期限（部门1月31日，本级政府3月31日）",
       "published after 31 January (department) or 31 March (government)",
       "条例第四十九条",
       {},
       true},
      {"PUB-02",
       Severity::info,
       "无法确定发布日期，不检查公开期限：候选日期互相矛盾，或只有采集、打印、更新、页脚等非发布日"
       "期",
       "the publication date cannot be told, so the deadline is not checked: the candidate dates "
       "disagree, or the only dates are a collector's, print, update or footer date",
       "条例第四十九条; docs/metadata.md",
       {},
       true},
  };
  for (auto rule : rules) {
    if (rule.clause.empty()) rule.clause = kClause;
    registry.add_rule(std::move(rule));
  }
  const std::vector<MessageText> messages = {
      {"str.missing_part", "缺少第{number}部分“{heading}”（未找到含“{keywords}”的标题或内容）",
       "part {number} “{heading}” is missing (no heading or content with {keywords})"},
      {"str.missing_table", "缺少表格“{table}”", "the table “{table}” is missing"},
      {"str.missing_rows", "表格“{table}”不完整，缺少 {count} 行：{items}",
       "the table “{table}” is incomplete: {count|row is|rows are} missing: {items}"},
      {"str.missing_cells", "表格“{table}”不完整，缺少 {count} 个单元格：{items}",
       "the table “{table}” is incomplete: {count|cell is|cells are} missing: {items}"},
      {"str.empty_table", "表格“{table}”全部为空", "the table “{table}” is entirely blank"},
      {"str.period_year", "文中年份 {found} 与报告年度 {year} 不符：“{quote}”",
       "the year {found} differs from the report year {year}: “{quote}”"},
      {"fmt.wrong_format",
       "{year} 年度报告应使用 {expected} 格式（{expected_basis}），但表格是 {detected} "
       "格式（{detected_basis}）",
       "a report for {year} must use the {expected} format ({expected_basis}), but its tables are "
       "in the {detected} format ({detected_basis})"},
      {"fmt.parts_count",
       "前言称报告由{claimed}部分组成，但列出 {listed} 项、正文有 {body} 部分：“{quote}”",
       "the preamble says the report has {claimed|part|parts} (一=1 … 六=6), but lists {listed} "
       "and the "
       "body has {body}: “{quote}”"},
      {"t2.regulations",
       "{cell} 为 {value}，但该报告主体（{kind}，区划代码 {region_code}）无权制定规章",
       "{cell} is {value}, but this reporter ({kind}, region code {region_code}) cannot make 规章"},
      {"t4.all_upheld",
       "正文称“{claim}”，但表四有 {count} 件为结果纠正、其他结果或尚未审结：“{quote}”",
       "the text claims “{claim}” (all upheld), but table 四 has {count|case|cases} corrected, "
       "otherwise decided or pending: “{quote}”"},
      {"xy.carried_over",
       "{cell} 为 {actual}，但 {previous_year} 年度报告的“四、结转下年度继续办理”为 {expected}",
       "{cell} is {actual}, but the {previous_year} report carried forward {expected}"},
      {"xy.same_problems",
       "第五部分与 {previous_year} 年度报告几乎相同（相似度 {similarity}%）：“{quote}……”",
       "section 五 is nearly the same as in the {previous_year} report ({similarity}% similar): "
       "“{quote}…”"},
      {"s5.empty",
       "第五部分“存在的主要问题及改进情况”为空或只写了“无”“暂无问题”之类，未说明问题及改进："
       "“{quote}”",
       "section 五 (problems and improvements) is empty or says only “无”, “暂无问题” or the like, "
       "naming no problem and no improvement: “{quote}”"},
      {"s6.no_assessment", "本级政府报告的总体情况未提及工作考核、社会评议和责任追究情况",
       "the government report's overview does not mention 工作考核, 社会评议 or 责任追究"},
      {"pub.late", "报告公开日期 {published} 晚于法定期限 {deadline}",
       "published on {published}, after the deadline {deadline}"},
      {"pub.late_from", "报告公开日期 {published} 晚于法定期限 {deadline}（日期取自 {evidence}）",
       "published on {published}, after the deadline {deadline} (date read from {evidence})"},
      {"pub.unknown_conflict",
       "无法确定发布日期，未检查公开期限：文档给出的日期不一致（{evidence}）",
       "the publication date cannot be told, the deadline is not checked: the document gives "
       "different dates ({evidence})"},
      {"pub.unknown_rejected",
       "无法确定发布日期，未检查公开期限：只找到不是发布日期的日期（{evidence}），如采集、打印、"
       "更新或页脚日期",
       "the publication date cannot be told, the deadline is not checked: the only dates found "
       "are no publication date ({evidence}), such as a collector's, print, update or footer "
       "date"},
  };
  registry.add_messages(messages);
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
