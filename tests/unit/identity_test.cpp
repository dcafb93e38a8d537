// The arithmetic identities declared by the format definitions, evaluated by the core: a single
// wrong cell is reported at that cell, for exactly the rules it takes part in, with no cascade.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::source_path;

namespace {

Report load(const std::string& path) {
  ImportResult r = built_in_engine().import_file(source_path(path));
  EXPECT_TRUE(r.report) << path;
  return *r.report;
}

bool is_identity_code(const std::string& code) {
  return code.rfind("T3-0", 0) == 0 || code.rfind("T4-0", 0) == 0;
}

std::vector<Diagnostic> identity_findings(const Report& r) {
  std::vector<Diagnostic> out;
  for (auto& d : built_in_engine().validate(r, {}))
    if (is_identity_code(d.code)) out.push_back(std::move(d));
  return out;
}

// The identity codes a cell takes part in, from the definition itself.
std::set<std::string> codes_for_cell(const FormatDefinition& f, const std::string& table,
                                     const std::string& row, const std::string& column) {
  std::set<std::string> codes;
  for (const auto& id : f.identities) {
    if (id.table != table) continue;
    const std::string& scope = id.over == IdentityDef::Over::rows ? row : column;
    const std::string& member = id.over == IdentityDef::Over::rows ? column : row;
    bool in_scope = (id.each.size() == 1 && id.each[0] == "*") ||
                    std::find(id.each.begin(), id.each.end(), scope) != id.each.end();
    bool in_sum = std::find(id.lhs.begin(), id.lhs.end(), member) != id.lhs.end() ||
                  std::find(id.rhs.begin(), id.rhs.end(), member) != id.rhs.end();
    if (in_scope && in_sum) codes.insert(id.code);
  }
  return codes;
}

void expect_single_cell_changes_are_pinpointed(const std::string& path) {
  const Report clean = load(path);
  ASSERT_TRUE(identity_findings(clean).empty()) << path << " must be consistent to start with";
  const FormatDefinition& format = *built_in_engine().formats().find(clean.format);
  int checked = 0;
  for (const char* table_key : {"applications", "review_litigation"}) {
    const Table* table = clean.find_table(table_key);
    ASSERT_TRUE(table);
    for (const auto& row : table->rows)
      for (const auto& [column, cell] : row.cells) {
        Report changed = clean;
        Cell& c = *changed.table(table_key).find(row.key)->find(column);
        c.value = *Decimal::add(c.arithmetic_value(), Decimal(7));
        c.state = Cell::State::number;
        auto findings = identity_findings(changed);
        std::set<std::string> codes;
        for (const auto& d : findings)
          codes.insert(d.code);
        std::string where = std::string(table_key) + "/" + row.key + "/" + column;
        EXPECT_EQ(codes, codes_for_cell(format, table_key, row.key, column)) << where;
        EXPECT_EQ(findings.size(), codes.size()) << where << ": one finding per rule, no cascade";
        for (const auto& d : findings) {
          const auto& at = d.location.logical;
          bool at_cell = at.row == row.key && at.column == column;
          if (std::string(table_key) == "applications") {
            // Every cell of table 三 takes part in two or three sums, so it can be pinpointed.
            EXPECT_TRUE(at_cell) << where << " reported at " << at.row << "/" << at.column;
            ASSERT_TRUE(d.find_arg("expected"));
            EXPECT_EQ(*d.find_arg("expected"), cell.arithmetic_value().to_string()) << where;
          } else {
            // A table 四 group is a single sum: any of its cells could be the wrong one. The
            // finding is at the total and names the others.
            bool named = at_cell;
            for (const auto& rel : d.related)
              named = named || (rel.logical.row == row.key && rel.logical.column == column);
            EXPECT_TRUE(named) << where;
            EXPECT_EQ(at.column, "total") << where;
          }
          EXPECT_GT(d.location.source.line, 0) << where;
        }
        ++checked;
      }
  }
  EXPECT_GT(checked, 150);
}

}  // namespace

TEST(Identities, EverySingleCellChangeIsPinpointedGov2019) {
  expect_single_cell_changes_are_pinpointed("examples/huaibei-2020/report.json");
}

TEST(Identities, EverySingleCellChangeIsPinpointedGov2021) {
  expect_single_cell_changes_are_pinpointed("tests/data/corpus/pingtan-2022.json");
  expect_single_cell_changes_are_pinpointed("tests/data/corpus/huaian-2024.json");
}

TEST(Identities, FindingNamesExpectedActualAndTheSum) {
  Report r = load("tests/data/corpus/huaian-2024.json");
  r.table("applications").find("granted")->find("natural_person")->value = Decimal(1);
  auto findings = identity_findings(r);
  ASSERT_EQ(findings.size(), 2u);
  const Diagnostic& d = findings[0];
  EXPECT_EQ(d.location.logical.row_label, "三、本年度办理结果 （一）予以公开");
  EXPECT_EQ(d.location.logical.column_label, "自然人");
  std::string zh = built_in_engine().render_message(d.message_id, d.args, Language::zh);
  EXPECT_NE(zh.find("三、本年度办理结果 （一）予以公开 / 自然人 为 1，应为"), std::string::npos)
      << zh;
  std::string en = built_in_engine().render_message(d.message_id, d.args, Language::en);
  EXPECT_NE(en.find("is 1, expected"), std::string::npos) << en;
}

TEST(Identities, WhollyBlankSidesAndMissingCellsAreNotSums) {
  Report r = load("tests/data/corpus/pingtan-2022.json");
  // Applicant columns left blank with only 总计 filled: a real pattern, reported as blanks.
  for (auto& [column, cell] : r.table("applications").find("granted")->cells)
    if (column != "total") cell = Cell::blank();
  // A row missing altogether (a truncated report): STR-02's business, not a broken sum.
  auto& rows = r.table("applications").rows;
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [](const TableRow& x) { return x.key == "carried_forward"; }),
             rows.end());
  std::set<std::string> codes;
  for (const auto& d : built_in_engine().validate(r, {}))
    codes.insert(d.code);
  EXPECT_FALSE(codes.count("T3-01"));
  EXPECT_FALSE(codes.count("T3-03"));
  EXPECT_TRUE(codes.count("CEL-02"));
}

TEST(Identities, RowAndColumnBothBrokenByDifferentCellsAreReportedSeparately) {
  Report r = load("tests/data/corpus/pingtan-2022.json");
  r.table("applications").find("granted")->find("natural_person")->value = Decimal(100);
  r.table("applications").find("not_processed.duplicate")->find("commercial")->value = Decimal(5);
  std::map<std::string, int> at_cell;
  for (const auto& d : identity_findings(r))
    ++at_cell[d.location.logical.row + "/" + d.location.logical.column];
  EXPECT_EQ(at_cell["granted/natural_person"], 2);
  EXPECT_EQ(at_cell["not_processed.duplicate/commercial"], 2);
  EXPECT_EQ(at_cell.size(), 2u);
}

// A broken column sum names the cell it is compared with and that cell's value, never an equation
// of one number with itself ("而 95 = 95").
TEST(Identities, BrokenSumNamesTheTotalCellAndItsValue) {
  Report r = load("tests/data/corpus/huaian-2024.json");
  Cell* total = r.table("applications").find("results_total")->find("natural_person");
  total->value = Decimal::add(total->value, Decimal(2)).value();
  // Two more changes in the same column keep the column's failure from pointing at one cell.
  Cell* granted = r.table("applications").find("granted")->find("natural_person");
  granted->value = Decimal::add(granted->value, Decimal(1)).value();
  std::string expected_total = total->value.to_string();
  bool seen = false;
  for (const auto& d : identity_findings(r)) {
    if (d.code != "T3-02") continue;
    seen = true;
    std::string zh = built_in_engine().render_message(d.message_id, d.args, Language::zh);
    std::string en = built_in_engine().render_message(d.message_id, d.args, Language::en);
    EXPECT_NE(zh.find("（七）总计为 " + expected_total), std::string::npos) << zh;
    EXPECT_NE(en.find("（七）总计 is " + expected_total), std::string::npos) << en;
    EXPECT_EQ(zh.find(expected_total + " = " + expected_total), std::string::npos) << zh;
  }
  EXPECT_TRUE(seen);
}
