// JSON → platform XML → JSON is lossless for every report the project has (all but the evidence
// map of a reading), the XML is deterministic, and xmllint accepts every document the exporter
// writes.
#include <pugixml.hpp>

#include "xml_test_util.h"

using namespace nianbao;
using namespace nianbao::xml_test;

namespace {

TEST(PlatformXmlRoundTrip, EveryReportComesBackByteIdentical) {
  const auto reports = all_reports();
  // examples (1) + corpus (4) + conformance (109 format cases, 9 of them with a previous year)
  ASSERT_GE(reports.size(), 110u) << "the report files were not found";
  TempDir dir;
  std::vector<fs::path> written;
  for (const auto& path : reports) {
    SCOPED_TRACE(short_name(path));
    Report original = read_json(path);
    // The exchange XML carries the report, not where a reading of a document found its metadata
    // (metadata_sources, docs/metadata.md): everything else comes back.
    Report without_evidence = original;
    without_evidence.metadata_sources.clear();
    const std::string expected = canonical(without_evidence);

    const std::string xml = to_xml(original);
    Report back = from_xml(xml, path.string() + ".xml");
    EXPECT_EQ(canonical(back), expected);

    // Deterministic, and a fixed point: the report read back writes the same XML again.
    EXPECT_EQ(to_xml(original), xml);
    EXPECT_EQ(to_xml(back), xml);

    fs::path out = dir / (std::to_string(written.size()) + ".xml");
    spit(out, xml);
    written.push_back(out);
  }
  // One xmllint run over all of them, independently of the exporter's own validation.
  CommandResult lint = xmllint(written);
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
  std::size_t validates = 0;
  for (std::size_t at = lint.output.find(" validates"); at != std::string::npos;
       at = lint.output.find(" validates", at + 1))
    ++validates;
  EXPECT_EQ(validates, written.size()) << lint.output;
}

// The whole pipeline as users run it: the engine picks the importer by content and normalises.
TEST(PlatformXmlRoundTrip, ThroughTheEngineWithDetection) {
  TempDir dir;
  const fs::path json = source_path("examples/huaibei-2020/report.json");
  ImportResult from_json = engine().import_file(json.string());
  ASSERT_TRUE(from_json.report);
  fs::path xml_path = dir / "huaibei.xml";
  spit(xml_path, engine().export_report(*from_json.report, xml_exporter()));

  ImportResult from_xml_file = engine().import_file(xml_path.string());
  ASSERT_TRUE(from_xml_file.report)
      << (from_xml_file.diagnostics.empty() ? "" : render_en(from_xml_file.diagnostics[0]));
  EXPECT_EQ(canonical(*from_xml_file.report), canonical(*from_json.report));
  // Read by the XML importer, so every cell points into the XML file.
  const Cell* cell = from_xml_file.report->find_cell("applications", "new", "total");
  ASSERT_NE(cell, nullptr);
  EXPECT_EQ(cell->source.file, xml_path.string());
  const std::string xml = slurp(xml_path);
  auto cell_at = xml.find("<count column=\"total\">", xml.find("<row key=\"new\">"));
  EXPECT_EQ(cell->source.line, 1 + std::count(xml.begin(), xml.begin() + cell_at, '\n'));
  EXPECT_EQ(cell->source.pointer,
            "/report/tables/table[@key='applications']/row[@key='new']/count[@column='total']");
}

// What the canonical JSON can hold beyond the real reports: every cell state with and without its
// source text, units present, absent and empty, money scale, the extremes of a count, text that
// XML must escape or would normalise, empty parts, extensions.
Report edge_case_report() {
  Report r = read_json(source_path("tests/data/corpus/pingtan-2021.json"));
  r.published = "2022-01-30";
  r.agency = {"平潭综合实验区管理委员会 <&> \"引号\"", "government", "350128"};
  r.contact = {"0591-1234\t5678", "福建省平潭\r\n综合实验区", ""};
  Section& overview = r.section("overview");
  overview.paragraphs.push_back({"Windows 行尾\r\n与制表符\t以及 ]]> 和 &amp; 字样", {}});
  overview.paragraphs.push_back({"", {}});
  overview.paragraphs.push_back({"   ", {}});
  overview.paragraphs.push_back({"  前后空格  ", {}});
  overview.paragraphs.push_back({"补充平面外字符 𠀋 与表情 😀", {}});
  r.section("problems").paragraphs.clear();

  TableRow& fees = r.table("proactive").row("fees");
  Cell money = Cell::number(*Decimal::parse("24252.311080"));
  money.unit = "万元";
  money.raw = "24,252.311080 万元";
  fees.set("amount", money);

  TableRow& granted = r.table("applications").row("granted");
  Cell big = Cell::count(INT64_MAX);
  big.raw = "９２２３３７２０３６８５４７７５８０７";
  granted.set("natural_person", big);
  granted.set("commercial", Cell::count(INT64_MIN));
  Cell reconstructed = Cell::count(-3);
  reconstructed.reconstructed = true;
  granted.set("research", reconstructed);
  Cell blank_with_raw = Cell::blank();
  blank_with_raw.raw = "  ";
  granted.set("social_welfare", blank_with_raw);
  granted.set("legal_services", Cell::not_applicable(""));
  Cell na = Cell::not_applicable("—\t/\n\"'");
  na.reconstructed = true;
  granted.set("other_org", na);

  // A table without rows, a row without cells.
  r.table("review_litigation").rows.clear();
  r.table("applications").row("carried_forward").cells.clear();

  r.extensions = {{"x-platform", R"({"b":1,"a":[true,null,"平潭"],"c":{"d":-2.5}})"},
                  {"x-empty", "{}"}};
  return r;
}

TEST(PlatformXmlRoundTrip, EdgeCasesOfTheModelSurvive) {
  Report original = edge_case_report();
  const std::string expected = canonical(original);
  // The canonical JSON itself carries all of it (so the comparison below is meaningful).
  ASSERT_EQ(canonical(read_report_json(expected, "edge.json", engine().formats())), expected);

  const std::string xml = to_xml(original);
  Report back = from_xml(xml);
  EXPECT_EQ(canonical(back), expected);
  EXPECT_EQ(
      back.section("overview").paragraphs.at(back.section("overview").paragraphs.size() - 5).text,
      "Windows 行尾\r\n与制表符\t以及 ]]> 和 &amp; 字样");
  EXPECT_EQ(back.contact.address, "福建省平潭\r\n综合实验区");

  TempDir dir;
  spit(dir / "edge.xml", xml);
  CommandResult lint = xmllint({dir / "edge.xml"});
  EXPECT_EQ(lint.exit_code, 0) << lint.output;

  // A blank money cell may keep its unit; an empty unit is not the same as none.
  Report money_units = read_json(source_path("examples/huaibei-2020/report.json"));
  Cell blank_money = Cell::blank();
  blank_money.unit = "元";
  blank_money.raw = "（空）";
  money_units.table("proactive").row("procurement").set("amount", blank_money);
  Report units_back = from_xml(to_xml(money_units));
  EXPECT_EQ(canonical(units_back), canonical(money_units));
  Cell empty_unit = Cell::number(*Decimal::parse("299.80"));
  empty_unit.unit = "";
  money_units.table("proactive").row("procurement").set("amount", empty_unit);
  const std::string with_empty_unit = to_xml(money_units);
  EXPECT_NE(with_empty_unit.find("<money column=\"amount\" unit=\"\">299.80</money>"),
            std::string::npos);
  EXPECT_EQ(canonical(from_xml(with_empty_unit)), canonical(money_units));
}

// The layout the documentation describes: declaration, namespace, version, two-space indent.
TEST(PlatformXmlRoundTrip, OutputIsPrettyPrintedUtf8) {
  const std::string xml = to_xml(read_json(source_path("examples/huaibei-2020/report.json")));
  EXPECT_TRUE(
      xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<report xmlns=\"urn:nianbao:report:1\" version=\"1.0\">\n"
                      "  <metadata>\n"
                      "    <format>gov-2019</format>\n"
                      "    <year>2020</year>\n"));
  EXPECT_TRUE(xml.ends_with("  </tables>\n</report>\n"));
  EXPECT_NE(
      xml.find("\n      <row key=\"new\">\n        <count column=\"natural_person\">36</count>\n"),
      std::string::npos);
  EXPECT_NE(xml.find("<money column=\"amount\">299.8</money>"), std::string::npos)
      << "money without a unit in the source has no unit attribute";
  // Chinese text is written as UTF-8, not as character references.
  EXPECT_NE(xml.find("<name>淮北市人民政府办公室（外事办公室）</name>"), std::string::npos);
  EXPECT_EQ(xml.find("&#x"), std::string::npos);

  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  // Tables, rows and cells in the order of the format definition.
  std::vector<std::string> tables;
  for (auto t : doc.child("report").child("tables").children("table"))
    tables.push_back(t.attribute("key").value());
  EXPECT_EQ(tables, (std::vector<std::string>{"proactive", "applications", "review_litigation"}));
}

}  // namespace
