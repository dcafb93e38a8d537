// The shipped format definitions against the specification (tests/data/spec/formats.md, a copy
// of the project's domain spec): every key and printed label must be exactly as the spec lists.
#include <gtest/gtest.h>
#include <nianbao/format.h>

#include <regex>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::slurp;
using nianbao::test::source_path;

namespace {

FormatDefinition load(const std::string& id) {
  return parse_format_definition(
      slurp(source_path("plugins/formats/" + id + "/" + id + ".format.json")));
}

// The text of the spec between two headings.
std::string spec_part(const std::string& from, const std::string& to) {
  std::string spec = slurp(std::string(NIANBAO_TEST_DATA) + "/spec/formats.md");
  auto a = spec.find(from);
  auto b = spec.find(to, a);
  EXPECT_NE(a, std::string::npos) << from;
  return spec.substr(a, b - a);
}

// All "`key`: label" pairs in a piece of the spec.
std::vector<std::pair<std::string, std::string>> key_label_pairs(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  static const std::regex kPair("`([a-z_.]+)`: ([^;|`]+?)\\s*(?=[;|])");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPair);
       it != std::sregex_iterator(); ++it)
    out.emplace_back((*it)[1], (*it)[2]);
  return out;
}

void expect_table_two_matches_spec(const FormatDefinition& def, const std::string& spec) {
  const TableDef* t = def.find_table("proactive");
  ASSERT_TRUE(t);
  std::set<std::string> spec_keys;
  for (const auto& [key, label] : key_label_pairs(spec)) {
    spec_keys.insert(key);
    bool found = false;
    for (const auto& b : t->blocks) {
      for (const auto& r : b.rows)
        if (r.key == key) {
          EXPECT_EQ(r.label, label) << def.id << " row " << key;
          found = true;
        }
      for (const auto& c : b.columns)
        if (c.key == key) {
          EXPECT_EQ(c.label, label) << def.id << " column " << key;
          found = true;
        }
    }
    EXPECT_TRUE(found) << def.id << " lacks " << key;
  }
  for (const auto& b : t->blocks) {
    for (const auto& r : b.rows)
      EXPECT_TRUE(spec_keys.count(r.key)) << def.id << " extra row " << r.key;
    for (const auto& c : b.columns)
      EXPECT_TRUE(spec_keys.count(c.key)) << def.id << " extra column " << c.key;
  }
}

// Table 三 rows: "| `key` | label |" with labels like "（三）不予公开 1.属于国家秘密" that combine
// the group label and the row's own label, and "— gov-2019 only" markers.
void expect_table_three_matches_spec(const FormatDefinition& def) {
  std::string part = spec_part("## 5. Table 三", "## 6. Table 四");
  const TableDef* t = def.find_table("applications");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->blocks.size(), 1u);
  static const std::regex kRow("\\| `([a-z_.]+)` \\| ([^|]+?) \\|");
  std::vector<std::string> expected_order;
  for (auto it = std::sregex_iterator(part.begin(), part.end(), kRow); it != std::sregex_iterator();
       ++it) {
    std::string key = (*it)[1], label = (*it)[2];
    bool only_2019 = label.find("gov-2019 only") != std::string::npos;
    bool only_2021 = label.find("— gov-2021") != std::string::npos;
    if ((only_2019 && def.id != "gov-2019") || (only_2021 && def.id != "gov-2021")) {
      EXPECT_EQ(t->find_row(key), nullptr) << def.id << " must not have " << key;
      continue;
    }
    if (auto dash = label.find(" — "); dash != std::string::npos) label.resize(dash);
    expected_order.push_back(key);
    const RowDef* r = t->find_row(key);
    ASSERT_TRUE(r) << def.id << " lacks row " << key;
    // The spec's ASCII quotes in 危及"三安全一稳定" are printed as Chinese quotes.
    std::string printed = std::regex_replace(label, std::regex("\"([^\"]*)\""), "“$1”");
    ASSERT_GE(printed.size(), r->label.size());
    EXPECT_EQ(printed.substr(printed.size() - r->label.size()), r->label) << key;
    std::string prefix = printed.substr(0, printed.size() - r->label.size());
    if (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
    if (!prefix.empty()) {
      ASSERT_FALSE(r->groups.empty()) << key;
      EXPECT_EQ(r->groups.back(), prefix) << key;
    }
  }
  std::vector<std::string> actual_order;
  for (const auto& r : t->blocks[0].rows)
    actual_order.push_back(r.key);
  EXPECT_EQ(actual_order, expected_order) << def.id;

  static const std::regex kColumn("`([a-z_]+)` ([^,.`]+?)[,.]");
  std::string columns_line =
      part.substr(part.find("Columns:"), part.find("Rows") - part.find("Columns:"));
  std::vector<std::pair<std::string, std::string>> spec_columns;
  for (auto it = std::sregex_iterator(columns_line.begin(), columns_line.end(), kColumn);
       it != std::sregex_iterator(); ++it)
    spec_columns.emplace_back((*it)[1], (*it)[2]);
  ASSERT_EQ(spec_columns.size(), 7u);
  ASSERT_EQ(t->blocks[0].columns.size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(t->blocks[0].columns[i].key, spec_columns[i].first);
    EXPECT_EQ(t->blocks[0].columns[i].label, spec_columns[i].second);
    EXPECT_EQ(t->blocks[0].columns[i].type, ValueType::count);
  }
}

void expect_table_four_matches_spec(const FormatDefinition& def) {
  const TableDef* t = def.find_table("review_litigation");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->layout, TableLayout::rows_as_column_groups);
  std::vector<std::string> rows, columns;
  for (const auto& r : t->blocks.at(0).rows)
    rows.push_back(r.key);
  for (const auto& c : t->blocks.at(0).columns)
    columns.push_back(c.key + ":" + c.label);
  EXPECT_EQ(rows,
            (std::vector<std::string>{"review", "litigation_direct", "litigation_after_review"}));
  EXPECT_EQ(columns,
            (std::vector<std::string>{"upheld:结果维持", "corrected:结果纠正", "other:其他结果",
                                      "pending:尚未审结", "total:总计"}));
}

}  // namespace

TEST(FormatDefinitions, Gov2019IsExactlyTheSpec) {
  FormatDefinition def = load("gov-2019");
  EXPECT_EQ(def.id, "gov-2019");
  EXPECT_EQ(def.year_from, 2019);
  EXPECT_EQ(def.year_to, 2020);
  EXPECT_EQ(def.basis, "国办公开办函〔2019〕60号");
  expect_table_two_matches_spec(def, spec_part("### gov-2019", "### gov-2021"));
  expect_table_three_matches_spec(def);
  expect_table_four_matches_spec(def);
  // Value types the spec states: delta is signed, procurement.amount is money with the source's
  // unit.
  const TableDef* t = def.find_table("proactive");
  EXPECT_EQ(t->find_column("licensing", "delta")->type, ValueType::signed_count);
  EXPECT_EQ(t->find_column("procurement", "amount")->type, ValueType::money);
  EXPECT_FALSE(t->find_column("procurement", "amount")->unit.has_value());
}

TEST(FormatDefinitions, Gov2021IsExactlyTheSpec) {
  FormatDefinition def = load("gov-2021");
  EXPECT_EQ(def.id, "gov-2021");
  EXPECT_EQ(def.year_from, 2021);
  EXPECT_FALSE(def.year_to.has_value());
  EXPECT_EQ(def.basis, "国办公开办函〔2021〕30号");
  expect_table_two_matches_spec(def, spec_part("### gov-2021", "## 5. Table 三"));
  expect_table_three_matches_spec(def);
  expect_table_four_matches_spec(def);
  const ColumnDef* fee = def.find_table("proactive")->find_column("fees", "amount");
  EXPECT_EQ(fee->type, ValueType::money);
  EXPECT_EQ(fee->unit, "万元");
  EXPECT_EQ(fee->decimals, 6);
}

TEST(FormatDefinitions, SectionsAreTheSixPartsAndPreamble) {
  for (const char* id : {"gov-2019", "gov-2021"}) {
    FormatDefinition def = load(id);
    std::vector<std::string> keys;
    for (const auto& s : def.sections)
      keys.push_back(s.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"preamble", "overview", "proactive", "applications",
                                              "review_litigation", "problems", "other"}));
    EXPECT_EQ(def.find_section("overview")->heading, "一、总体情况");
    EXPECT_EQ(def.find_section("other")->heading, "六、其他需要报告的事项");
  }
}

TEST(FormatDefinitions, RowPathLabelIncludesGroups) {
  FormatDefinition def = load("gov-2021");
  const TableDef* t = def.find_table("applications");
  EXPECT_EQ(def.row_path_label(*t, *t->find_row("results_total")), "三、本年度办理结果 （七）总计");
  EXPECT_EQ(def.row_path_label(*t, *t->find_row("denied.state_secret")),
            "三、本年度办理结果 （三）不予公开 1.属于国家秘密");
}

TEST(FormatDefinitions, MalformedDefinitionsAreRejectedWithTheLine) {
  auto error_of = [](const std::string& text) {
    try {
      parse_format_definition(text);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("{\"schema\": \"nianbao.format/1\",\n \"id\": \"x\",\n \"nmae\": \"y\"}")
                .find("line 3 (/nmae): unknown key \"nmae\""),
            std::string::npos);
  EXPECT_NE(error_of("{\"schema\": \"nianbao.format/2\"}").find("schema"), std::string::npos);
  const std::string dup =
      R"({"schema": "nianbao.format/1", "id": "x", "name": "x", "years": {"from": 2030},
    "sections": [{"key": "s"}],
    "tables": [{"key": "t", "section": "s", "label": "T", "blocks": [
      {"columns": [{"key": "c", "label": "C", "type": "count"}],
       "rows": [{"key": "r", "label": "R"}, {"key": "r", "label": "R2"}]}]}]})";
  EXPECT_NE(error_of(dup).find("duplicate row key \"r\""), std::string::npos);
  const std::string bad_type =
      R"({"schema": "nianbao.format/1", "id": "x", "name": "x", "years": {"from": 2030},
    "sections": [{"key": "s"}],
    "tables": [{"key": "t", "section": "s", "label": "T", "blocks": [
      {"columns": [{"key": "c", "label": "C", "type": "float"}], "rows": []}]}]})";
  EXPECT_NE(error_of(bad_type).find("type must be count, signed_count or money"),
            std::string::npos);
  const std::string bad_section =
      R"({"schema": "nianbao.format/1", "id": "x", "name": "x", "years": {"from": 2030},
    "sections": [], "tables": [{"key": "t", "section": "nope", "label": "T", "blocks": []}]})";
  EXPECT_NE(error_of(bad_section).find("no section \"nope\""), std::string::npos);
}
