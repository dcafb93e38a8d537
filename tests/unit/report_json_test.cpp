// The canonical JSON form: lossless, deterministic, and strict about what it accepts.
#include <gtest/gtest.h>
#include <nianbao/report_json.h>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::slurp;
using nianbao::test::source_path;

namespace {

const std::string& example_text() {
  static const std::string text = slurp(source_path("examples/huaibei-2020/report.json"));
  return text;
}

const FormatCatalog& formats() {
  return built_in_engine().formats();
}

Report read(const std::string& text) {
  return read_report_json(text, "r.json", formats());
}

// Replaces the first occurrence of `from` in the example; returns the text and the 1-based line
// the replacement is on.
std::pair<std::string, int> mutate(const std::string& from, const std::string& to) {
  std::string text = example_text();
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  text.replace(pos, from.size(), to);
  int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
  return {text, line};
}

Diagnostic error_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

}  // namespace

TEST(ReportJson, ExampleRoundTripsByteForByte) {
  Report r = read(example_text());
  EXPECT_EQ(write_report_json(r, *formats().find(r.format)), example_text());
}

TEST(ReportJson, ReadsTheExampleFaithfully) {
  Report r = read(example_text());
  EXPECT_EQ(r.format, "gov-2019");
  EXPECT_EQ(r.year, 2020);
  EXPECT_EQ(r.agency.kind, "department");
  EXPECT_EQ(r.contact.postcode, "235000");
  ASSERT_TRUE(r.find_section("overview"));
  EXPECT_EQ(r.find_section("overview")->paragraphs.at(1).text, "（一）扎实做好主动公开。");
  const Cell* c = r.find_cell("applications", "unavailable.not_held", "natural_person");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->value, Decimal(24));
  EXPECT_EQ(c->source.file, "r.json");
  EXPECT_GT(c->source.line, 0);
  EXPECT_EQ(c->source.pointer, "/tables/applications/unavailable.not_held/natural_person");
  const Cell* amount = r.find_cell("proactive", "procurement", "amount");
  ASSERT_TRUE(amount);
  EXPECT_EQ(amount->value.to_string(), "299.8");
  EXPECT_FALSE(amount->unit.has_value());
  // Every applications row of gov-2019 is present with 7 columns.
  const TableDef* def = formats().find("gov-2019")->find_table("applications");
  for (const auto& row : def->blocks[0].rows) {
    const TableRow* tr = r.find_table("applications")->find(row.key);
    ASSERT_TRUE(tr) << row.key;
    EXPECT_EQ(tr->cells.size(), 7u) << row.key;
  }
}

TEST(ReportJson, MisspeltKeyNamesTheKeyAndLine) {
  auto [text, line] = mutate("\"year\": 2020", "\"yaer\": 2020");
  Diagnostic d = error_of(text);
  EXPECT_EQ(d.code, "JSON-02");
  EXPECT_EQ(d.location.source.line, line);
  ASSERT_TRUE(d.find_arg("key"));
  EXPECT_EQ(*d.find_arg("key"), "yaer");

  auto [text2, line2] = mutate("\"postcode\"", "\"postal_code\"");
  Diagnostic d2 = error_of(text2);
  EXPECT_EQ(d2.code, "JSON-02");
  EXPECT_EQ(d2.location.source.line, line2);
  EXPECT_EQ(d2.location.source.pointer, "/contact/postal_code");
}

TEST(ReportJson, WrongTypeNamesTheCellAndLine) {
  auto [text, line] =
      mutate("\"new\": {\"natural_person\": 36", "\"new\": {\"natural_person\": \"36\"");
  Diagnostic d = error_of(text);
  EXPECT_EQ(d.code, "JSON-03");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_EQ(d.location.logical.table, "applications");
  EXPECT_EQ(d.location.logical.row, "new");
  EXPECT_EQ(d.location.logical.column, "natural_person");
  EXPECT_EQ(d.location.logical.column_label, "自然人");

  auto [text2, line2] = mutate("\"year\": 2020", "\"year\": \"2020\"");
  EXPECT_EQ(error_of(text2).code, "JSON-03");
  EXPECT_EQ(error_of(text2).location.source.line, line2);

  // Money is never a binary float.
  auto [text3, line3] =
      mutate("{\"value\": \"299.8\", \"unit\": null}", "{\"value\": 299.8, \"unit\": null}");
  EXPECT_EQ(error_of(text3).code, "JSON-03");
  EXPECT_EQ(error_of(text3).location.source.line, line3);
}

TEST(ReportJson, RowKeyTheFormatLacksIsRejected) {
  // gov-2019 has a single （六）其他处理 row; the gov-2021 split does not exist there.
  auto [text, line] =
      mutate("\"other\": {\"natural_person\": 1", "\"other.other\": {\"natural_person\": 1");
  Diagnostic d = error_of(text);
  EXPECT_EQ(d.code, "JSON-04");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_EQ(*d.find_arg("key"), "other.other");
  EXPECT_NE(d.find_arg("allowed")->find("results_total"), std::string::npos);

  auto [text2, line2] = mutate("\"made\": 35", "\"issued\": 35");
  EXPECT_EQ(error_of(text2).code, "JSON-04");
  EXPECT_EQ(error_of(text2).location.source.line, line2);

  auto [text3, line3] = mutate("\"problems\": [", "\"problem\": [");
  EXPECT_EQ(error_of(text3).code, "JSON-04");
  EXPECT_EQ(error_of(text3).location.source.line, line3);
}

TEST(ReportJson, SchemaFormatAndSyntaxErrors) {
  EXPECT_EQ(error_of(mutate("nianbao.report/1", "nianbao.report/2").first).code, "JSON-05");
  EXPECT_EQ(error_of(mutate("\"format\": \"gov-2019\"", "\"format\": \"gov-2018\"").first).code,
            "JSON-05");
  EXPECT_EQ(error_of(mutate("\"schema\": \"nianbao.report/1\",", "").first).code, "JSON-06");
  auto [text, line] = mutate("\"year\": 2020,", "\"year\": 2020,,");
  Diagnostic d = error_of(text);
  EXPECT_EQ(d.code, "JSON-01");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_EQ(error_of(mutate("\"year\": 2020,", "\"year\": 2020, \"year\": 2021,").first).code,
            "JSON-01");
  EXPECT_EQ(error_of(mutate("\"kind\": \"department\"", "\"kind\": \"bureau\"").first).code,
            "JSON-03");
  EXPECT_EQ(error_of(mutate("\"region_code\": \"340600\"", "\"region_code\": \"34\"").first).code,
            "JSON-03");
  EXPECT_EQ(error_of(mutate("\"total\": 36}", "\"total\": 99999999999999999999}").first).code,
            "JSON-03");
}

TEST(ReportJson, CellFormsAndExtensionsRoundTrip) {
  std::string text = mutate("\"new\": {\"natural_person\": 36",
                            "\"new\": {\"natural_person\": {\"value\": 36, \"raw\": \"３６件\"}")
                         .first;
  text = text.replace(text.find("\"commercial\": 0"), 15,
                      "\"commercial\": {\"na\": true, \"raw\": \"/\"}");
  text = text.replace(text.find("\"research\": 0"), 13, "\"research\": null");
  text = text.replace(text.find("\"social_welfare\": 0"), 19,
                      "\"social_welfare\": {\"value\": 0, \"reconstructed\": true}");
  text =
      text.replace(text.find("\"unit\": null"), 12, "\"unit\": \"万元\", \"raw\": \"299.8万元\"");
  text.insert(text.rfind("\n}"), ",\n  \"x-province\": {\"code\":\"34\",\"batch\":[1,2]}");
  Report r = read(text);
  const TableRow* row = r.find_table("applications")->find("new");
  EXPECT_EQ(row->find("natural_person")->raw, "３６件");
  EXPECT_EQ(row->find("commercial")->state, Cell::State::not_applicable);
  EXPECT_EQ(row->find("research")->state, Cell::State::blank);
  EXPECT_TRUE(row->find("social_welfare")->reconstructed);
  EXPECT_EQ(r.find_cell("proactive", "procurement", "amount")->unit, "万元");
  ASSERT_EQ(r.extensions.size(), 1u);
  std::string written = write_report_json(r, *formats().find(r.format));
  EXPECT_EQ(written, text);
}

TEST(ReportJson, FormatFollowsTheYearWhenOmitted) {
  Report r = read(mutate("  \"format\": \"gov-2019\",\n", "").first);
  EXPECT_EQ(r.format, "gov-2019");
}

TEST(ReportJson, WriterOrdersByDefinitionWhateverTheInsertionOrder) {
  Report r;
  r.format = "gov-2021";
  r.year = 2022;
  Table& t = r.table("review_litigation");
  t.row("litigation_direct").set("total", Cell::count(2));
  t.row("review").set("total", Cell::count(1));
  t.row("review").set("upheld", Cell::count(1));
  r.section("problems").paragraphs.push_back({"无", {}});
  r.section("overview").paragraphs.push_back({"“引号”\t\\", {}});
  std::string out = write_report_json(r, *formats().find("gov-2021"));
  EXPECT_LT(out.find("\"overview\""), out.find("\"problems\""));
  EXPECT_LT(out.find("\"review\""), out.find("\"litigation_direct\""));
  EXPECT_LT(out.find("\"upheld\": 1"), out.find("\"total\": 1"));
  EXPECT_NE(out.find("\"“引号”\\t\\\\\""), std::string::npos);
  Report back = read_report_json(out, "x.json", formats());
  EXPECT_EQ(write_report_json(back, *formats().find("gov-2021")), out);
}
