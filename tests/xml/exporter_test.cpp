// The exporter's options, the findings of a check in the document, what it refuses to write, its
// registration (codes, messages), detection by the importer, and concurrent use.
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <future>

#include "xml_test_util.h"

using namespace nianbao;
using namespace nianbao::xml_test;

namespace {

Report huaibei() {
  return read_json(source_path("examples/huaibei-2020/report.json"));
}

Diagnostic refusal(const Report& report, std::map<std::string, std::string> options) {
  try {
    to_xml(report, std::move(options));
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().plugin, "platform-xml-exporter");
    return e.diagnostic();
  }
  ADD_FAILURE() << "the exporter wrote the report";
  return {};
}

bool valid_by_xmllint(const std::string& xml) {
  TempDir dir;
  spit(dir / "doc.xml", xml);
  CommandResult lint = xmllint({dir / "doc.xml"});
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
  return lint.exit_code == 0;
}

TEST(PlatformXmlOptions, Province) {
  const std::string xml = to_xml(huaibei(), {{"province", "340000"}});
  EXPECT_NE(xml.find("<report xmlns=\"urn:nianbao:report:1\" version=\"1.0\" province=\"340000\">"),
            std::string::npos);
  EXPECT_TRUE(valid_by_xmllint(xml));
  EXPECT_EQ(canonical(from_xml(xml)), canonical(huaibei()));

  // 淮北 (340600) is in 安徽 (34), not 江苏 (32).
  Diagnostic elsewhere = refusal(huaibei(), {{"province", "320000"}});
  EXPECT_EQ(elsewhere.code, "XML-07");
  EXPECT_EQ(render_en(elsewhere),
            "the agency's region code 340600 is not in the province given by province=320000");
  for (const char* code : {"34", "340600", "3400000", "040000", "３４００００"})
    EXPECT_EQ(refusal(huaibei(), {{"province", code}}).code, "XML-07") << code;
}

TEST(PlatformXmlOptions, NamespacePrefix) {
  const std::string xml = to_xml(huaibei(), {{"prefix", "nb"}});
  EXPECT_TRUE(valid_by_xmllint(xml));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  pugi::xml_node root = doc.document_element();
  EXPECT_STREQ(root.name(), "nb:report");
  EXPECT_STREQ(root.attribute("xmlns:nb").value(), "urn:nianbao:report:1");
  EXPECT_FALSE(root.attribute("xmlns"));
  std::size_t elements = 0;
  for (const pugi::xpath_node& x : doc.select_nodes("//*")) {
    EXPECT_TRUE(std::string_view(x.node().name()).starts_with("nb:")) << x.node().name();
    ++elements;
  }
  EXPECT_GT(elements, 100u);
  EXPECT_EQ(canonical(from_xml(xml)), canonical(huaibei()));
  // The default namespace again when the prefix is empty.
  EXPECT_EQ(to_xml(huaibei(), {{"prefix", ""}}), to_xml(huaibei()));
  for (const char* bad : {"1nb", "n:b", "xmlns", "XMLfoo", "nb b", "命名"})
    EXPECT_EQ(refusal(huaibei(), {{"prefix", bad}}).code, "XML-07") << bad;
}

TEST(PlatformXmlOptions, LabelsFromTheFormatDefinition) {
  const std::string xml = to_xml(huaibei(), {{"labels", "true"}});
  EXPECT_TRUE(valid_by_xmllint(xml));
  // The labels as the definition (data, not code) has them.
  const nlohmann::json def =
      nlohmann::json::parse(slurp(source_path("plugins/formats/gov-2019/gov-2019.format.json")));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  pugi::xml_node tables = doc.child("report").child("tables");
  for (const auto& t : def["tables"]) {
    pugi::xml_node table =
        tables.find_child_by_attribute("table", "key", t["key"].get<std::string>().c_str());
    ASSERT_TRUE(table) << t["key"];
    EXPECT_EQ(table.attribute("label").value(), t["label"].get<std::string>());
    for (const auto& b : t["blocks"])
      for (const auto& r : b["rows"]) {
        pugi::xml_node row =
            table.find_child_by_attribute("row", "key", r["key"].get<std::string>().c_str());
        ASSERT_TRUE(row) << r["key"];
        std::string label;
        for (const auto& g : r.value("groups", nlohmann::json::array()))
          label += g.get<std::string>() + " ";
        EXPECT_EQ(row.attribute("label").value(), label + r["label"].get<std::string>());
        for (const auto& c : b["columns"]) {
          pugi::xml_node cell;
          for (pugi::xml_node n : row.children())
            if (c["key"] == n.attribute("column").value()) cell = n;
          ASSERT_TRUE(cell) << r["key"] << "/" << c["key"];
          std::string column_label;
          for (const auto& g : c.value("groups", nlohmann::json::array()))
            column_label += g.get<std::string>() + " ";
          EXPECT_EQ(cell.attribute("label").value(), column_label + c["label"].get<std::string>());
        }
      }
  }
  pugi::xml_node overview =
      doc.child("report").child("sections").find_child_by_attribute("section", "key", "overview");
  EXPECT_STREQ(overview.attribute("heading").value(), "一、总体情况");
  // Labels are for people; reading ignores them.
  EXPECT_EQ(canonical(from_xml(xml)), canonical(huaibei()));
  EXPECT_EQ(to_xml(huaibei(), {{"labels", "false"}}), to_xml(huaibei()));
}

TEST(PlatformXmlOptions, UnknownOrMalformed) {
  Diagnostic d = refusal(huaibei(), {{"indent", "4"}});
  EXPECT_EQ(d.code, "XML-07");
  EXPECT_NE(render_en(d).find("the platform-xml exporter has no option indent=4; options: "
                              "province="),
            std::string::npos);
  EXPECT_EQ(refusal(huaibei(), {{"labels", "maybe"}}).code, "XML-07");
  EXPECT_EQ(refusal(huaibei(), {{"diagnostics", ""}}).code, "XML-07");
}

// A platform receives the report and its validation result in one file.
TEST(PlatformXmlDiagnostics, TheFindingsOfACheckAreIncluded) {
  ImportResult imported =
      engine().import_file(source_path("examples/huaibei-2020/report.json").string());
  ASSERT_TRUE(imported.report);
  std::vector<Diagnostic> findings = engine().validate(*imported.report, {});
  ASSERT_GE(findings.size(), 2u);  // README: CEL-05 and two NT-03 on this report

  const std::string xml = engine().export_report(*imported.report, xml_exporter(), &findings, {});
  EXPECT_TRUE(valid_by_xmllint(xml));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  pugi::xml_node block = doc.child("report").child("diagnostics");
  ASSERT_TRUE(block);
  int errors = 0, warnings = 0, infos = 0;
  for (const auto& f : findings)
    (f.severity == Severity::error ? errors : f.severity == Severity::warning ? warnings : infos)++;
  EXPECT_EQ(block.attribute("errors").as_int(), errors);
  EXPECT_EQ(block.attribute("warnings").as_int(), warnings);
  EXPECT_EQ(block.attribute("infos").as_int(), infos);

  std::size_t i = 0;
  for (pugi::xml_node d : block.children("diagnostic")) {
    ASSERT_LT(i, findings.size());
    const Diagnostic& f = findings[i++];
    EXPECT_EQ(d.attribute("code").value(), f.code);
    EXPECT_EQ(d.attribute("severity").value(), to_string(f.severity));
    EXPECT_EQ(d.attribute("message-id").value(), f.message_id);
    EXPECT_EQ(d.attribute("plugin").value(), f.plugin);
    pugi::xml_node at = d.child("location");
    EXPECT_EQ(at.attribute("line").as_int(), f.location.source.line);
    EXPECT_EQ(at.attribute("table").value(), f.location.logical.table);
    EXPECT_EQ(at.attribute("row").value(), f.location.logical.row);
    EXPECT_EQ(at.attribute("column").value(), f.location.logical.column);
    std::size_t args = 0;
    for (pugi::xml_node a : d.children("arg")) {
      ASSERT_LT(args, f.args.size());
      EXPECT_EQ(a.attribute("name").value(), f.args[args].first);
      EXPECT_EQ(a.text().get(), f.args[args].second);
      ++args;
    }
    EXPECT_EQ(args, f.args.size());
    EXPECT_EQ(static_cast<std::size_t>(
                  std::distance(d.children("related").begin(), d.children("related").end())),
              f.related.size());
  }
  EXPECT_EQ(i, findings.size());
  bool cel05 = false;
  for (const auto& f : findings)
    cel05 = cel05 || f.code == "CEL-05";
  EXPECT_TRUE(cel05);

  // The receiver checks the report itself: the sender's findings are not part of the report.
  EXPECT_EQ(canonical(from_xml(xml)), canonical(*imported.report));

  // diagnostics=false leaves them out; no findings at all is an empty block, not nothing.
  EXPECT_EQ(engine().export_report(*imported.report, xml_exporter(), &findings,
                                   {{"diagnostics", "false"}}),
            engine().export_report(*imported.report, xml_exporter()));
  std::vector<Diagnostic> none;
  const std::string clean = engine().export_report(*imported.report, xml_exporter(), &none, {});
  EXPECT_NE(clean.find("  <diagnostics errors=\"0\" warnings=\"0\" infos=\"0\"/>\n</report>"),
            std::string::npos);
  EXPECT_TRUE(valid_by_xmllint(clean));
}

TEST(PlatformXmlRefuses, WhatTheFormatCannotCarry) {
  // A count that is not an integer.
  Report fraction = huaibei();
  fraction.table("applications").row("new").set("total", Cell::number(*Decimal::parse("36.5")));
  Diagnostic d = refusal(fraction, {});
  EXPECT_EQ(d.code, "XML-08");
  EXPECT_EQ(render_en(d),
            "/tables/applications/new/total is 36.5, not an integer: counts in the "
            "exchange format are integers");

  // A character XML 1.0 has no way to write, and bytes that are not UTF-8.
  Report control = huaibei();
  control.section("other").paragraphs.at(0).text = "无\x01";
  Diagnostic c = refusal(control, {});
  EXPECT_EQ(c.code, "XML-08");
  EXPECT_EQ(render_en(c), "/sections/other/0 holds a character XML cannot carry (U+0001)");
  Report latin1 = huaibei();
  latin1.agency.name = "Caf\xe9";
  EXPECT_EQ(render_en(refusal(latin1, {})),
            "/agency holds a character XML cannot carry (invalid UTF-8)");

  // A key the format does not have.
  Report extra = huaibei();
  extra.table("applications").row("bogus").set("total", Cell::count(1));
  Diagnostic k = refusal(extra, {});
  EXPECT_EQ(k.code, "XML-08");
  EXPECT_EQ(render_en(k),
            "/tables/applications/bogus is not part of format gov-2019: the "
            "exchange format cannot carry it");

  // Metadata the schema does not accept is caught by validating the output itself.
  Report date = huaibei();
  date.published = "2021-1-5";
  Diagnostic v = refusal(date, {});
  EXPECT_EQ(v.code, "XML-08");
  EXPECT_NE(render_en(v).find("of the XML written breaks nianbao-report-1.xsd: Element "
                              "'published': [facet 'pattern'] The value '2021-1-5'"),
            std::string::npos)
      << render_en(v);

  // Too large for the exchange format (and so for its importer).
  Report huge = huaibei();
  huge.section("other").paragraphs.at(0).text = std::string(5u << 20, 'x');
  Diagnostic h = refusal(huge, {});
  EXPECT_EQ(h.code, "XML-08");
  EXPECT_NE(render_en(h).find("more than the exchange format's limit of 4194304 bytes"),
            std::string::npos);
}

TEST(PlatformXmlRefuses, AFormatTheSchemaDoesNotKnow) {
  // A later format (as a plugin could register it) needs a schema revision first.
  nlohmann::json def =
      nlohmann::json::parse(slurp(source_path("plugins/formats/gov-2021/gov-2021.format.json")));
  def["id"] = "gov-2027";
  FormatDefinition gov2027 = parse_format_definition(def.dump());
  Report r = read_json(source_path("tests/data/corpus/pingtan-2021.json"));
  r.format = "gov-2027";
  try {
    xml_exporter().write(r, ExportContext{gov2027, nullptr, {}});
    FAIL() << "wrote a format the schema does not have";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "XML-08");
    EXPECT_EQ(render_en(e.diagnostic()),
              "the report format gov-2027 is not in the exchange schema nianbao-report-1.xsd "
              "(formats: gov-2019, gov-2021); a new format needs a schema revision");
  }
}

TEST(PlatformXmlPlugins, CodesAndMessagesAreRegistered) {
  for (const char* code :
       {"XML-01", "XML-02", "XML-03", "XML-04", "XML-05", "XML-06", "XML-07", "XML-08"}) {
    const RuleInfo* rule = engine().find_rule(code);
    ASSERT_NE(rule, nullptr) << code;
    EXPECT_EQ(rule->severity, Severity::error);
    EXPECT_FALSE(rule->title_zh.empty());
    EXPECT_FALSE(rule->title_en.empty());
    EXPECT_FALSE(rule->clause.empty());
  }
  // Chinese by default, English on request; never the bare message id.
  const std::vector<MessageArg> args = {{"found", "report"}, {"expected", "urn:nianbao:report:1"}};
  EXPECT_EQ(engine().render_message("platform-xml.wrong_root", args, Language::zh),
            "根元素是 report，不是年报交换格式的 {urn:nianbao:report:1}report");
  EXPECT_EQ(engine().render_message("platform-xml.wrong_root", args, Language::en),
            "the root element is report, not the exchange format's {urn:nianbao:report:1}report");

  CommandResult rules = nianbao_cli({"rules", "--json"});
  EXPECT_EQ(rules.exit_code, 0) << rules.output;
  for (const char* code : {"\"XML-01\"", "\"XML-04\"", "\"XML-08\""})
    EXPECT_NE(rules.output.find(code), std::string::npos) << code;

  CommandResult plugins = nianbao_cli({"plugins"});
  EXPECT_NE(plugins.output.find("platform-xml-importer"), std::string::npos);
  EXPECT_NE(plugins.output.find("platform-xml-exporter"), std::string::npos);
}

TEST(PlatformXmlPlugins, TheImporterKnowsItsDocuments) {
  const Importer& importer = xml_importer();
  const std::string xml = to_xml(huaibei());
  EXPECT_EQ(importer.identify("upload.bin", xml.substr(0, 4096)), 100);
  EXPECT_EQ(
      importer.identify("a.xml", "<?xml version=\"1.0\"?><report xmlns=\"urn:nianbao:report:2\">"),
      80);
  EXPECT_EQ(importer.identify("other.xml", "<?xml version=\"1.0\"?>\n<foo/>"), 10);
  EXPECT_EQ(importer.identify("report.json", "{\"schema\": \"nianbao.report/1\"}"), 0);
  EXPECT_EQ(importer.identify("report.json", "{\"x-note\": \"see urn:nianbao:report:1\"}"), 0);
  EXPECT_EQ(importer.identify("notes.txt", "<b>hello</b>"), 0);

  // An unrelated XML document still gets a precise answer rather than "no importer".
  TempDir dir;
  spit(dir / "other.xml", "<?xml version=\"1.0\"?>\n<invoice xmlns=\"urn:example:invoice\"/>\n");
  ImportResult r = engine().import_file((dir / "other.xml").string());
  ASSERT_FALSE(r.report);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "XML-03");
  EXPECT_EQ(r.diagnostics[0].location.source.line, 2);
}

// `nianbao convert` picks the exporter by the .xml ending, and reads the result back.
TEST(PlatformXmlPlugins, TheCommandLineConvertsBothWays) {
  TempDir dir;
  const fs::path json = source_path("examples/huaibei-2020/report.json");
  CommandResult to = nianbao_cli({"convert", json.string(), "-o", (dir / "r.xml").string()});
  ASSERT_EQ(to.exit_code, 0) << to.output;
  const std::string xml = slurp(dir / "r.xml");
  ImportResult original = engine().import_file(json.string());
  ASSERT_TRUE(original.report);
  EXPECT_EQ(xml, engine().export_report(*original.report, xml_exporter()));
  EXPECT_TRUE(valid_by_xmllint(xml));

  CommandResult back =
      nianbao_cli({"convert", (dir / "r.xml").string(), "-o", (dir / "back.json").string()});
  ASSERT_EQ(back.exit_code, 0) << back.output;
  EXPECT_EQ(slurp(dir / "back.json"), canonical(*original.report));

  CommandResult options =
      nianbao_cli({"--lang", "en", "convert", json.string(), "-o", (dir / "p.xml").string(), "--to",
                   "platform-xml", "--option", "province=320000"});
  EXPECT_EQ(options.exit_code, 2) << options.output;
  EXPECT_NE(options.output.find("XML-07"), std::string::npos) << options.output;
  EXPECT_FALSE(fs::exists(dir / "p.xml"));

  // An option the exporter does not have is refused before anything is written, with the
  // exporter's own code and its list of options.
  CommandResult unknown =
      nianbao_cli({"--lang", "en", "convert", json.string(), "-o", (dir / "u.xml").string(), "--to",
                   "platform-xml", "--option", "indent=4"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("XML-07"), std::string::npos) << unknown.output;
  EXPECT_NE(unknown.output.find("the platform-xml exporter has no option indent=4"),
            std::string::npos)
      << unknown.output;
  EXPECT_FALSE(fs::exists(dir / "u.xml"));
}

// Importers and exporters are called from several threads at once.
TEST(PlatformXmlPlugins, ConcurrentUse) {
  const std::vector<std::string> files = {
      "examples/huaibei-2020/report.json", "tests/data/corpus/pingtan-2021.json",
      "tests/data/corpus/pingtan-2022.json", "tests/data/corpus/huaian-2024.json"};
  std::vector<std::future<bool>> runs;
  for (const auto& f : files)
    runs.push_back(std::async(std::launch::async, [f] {
      Report r = read_json(source_path(f));
      const std::string expected_xml = to_xml(r);
      const std::string expected_json = canonical(r);
      for (int i = 0; i < 10; ++i) {
        std::string xml = to_xml(r);
        if (xml != expected_xml || canonical(from_xml(xml)) != expected_json) return false;
        try {
          from_xml(replace_once(xml, "<tables>", "<tables><bad/>"));
          return false;
        } catch (const InputError& e) {
          if (e.diagnostic().code != "XML-02") return false;
        }
      }
      return true;
    }));
  for (auto& r : runs)
    EXPECT_TRUE(r.get());
}

}  // namespace
