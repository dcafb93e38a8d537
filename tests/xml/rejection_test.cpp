// Documents that break the schema or the report's format are rejected whole, with the line of the
// mistake and a message that names it; nothing is imported from them.
#include <regex>

#include "xml_test_util.h"

using namespace nianbao;
using namespace nianbao::xml_test;

namespace {

const std::string& huaibei_xml() {  // gov-2019
  static const std::string xml =
      to_xml(read_json(source_path("examples/huaibei-2020/report.json")));
  return xml;
}

const std::string& pingtan_xml() {  // gov-2021
  static const std::string xml =
      to_xml(read_json(source_path("tests/data/corpus/pingtan-2021.json")));
  return xml;
}

// Imports `xml` from a file through the engine, as `nianbao check` does, and returns the one
// diagnostic that rejects it.
Diagnostic rejection(const std::string& xml, const std::string& name = "bad.xml") {
  TempDir dir;
  fs::path file = dir / name;
  spit(file, xml);
  ImportResult result = engine().import_file(file.string());
  EXPECT_FALSE(result.report) << "a rejected document must import nothing";
  EXPECT_EQ(result.diagnostics.size(), 1u);
  if (result.diagnostics.empty()) return {};
  Diagnostic d = result.diagnostics.front();
  EXPECT_EQ(d.location.source.file, file.string());
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.plugin, "platform-xml-importer");
  return d;
}

// The line xmllint reports for a document the schema rejects, to compare with ours.
int xmllint_line(const std::string& xml) {
  TempDir dir;
  spit(dir / "doc.xml", xml);
  CommandResult lint = xmllint({dir / "doc.xml"});
  EXPECT_NE(lint.exit_code, 0) << "xmllint accepted a document that breaks the schema";
  std::smatch m;
  static const std::regex kLine(R"(doc\.xml:(\d+):)");
  if (!std::regex_search(lint.output, m, kLine)) {
    ADD_FAILURE() << "no line in xmllint's output: " << lint.output;
    return -1;
  }
  return std::stoi(m[1]);
}

TEST(PlatformXmlRejects, MissingCellValue) {
  // A cell element must say its state: a count without a number is not a blank cell.
  std::string xml = replace_once(huaibei_xml(), "<count column=\"total\">36</count>",
                                 "<count column=\"total\"></count>");
  const int line = line_of(xml, "<count column=\"total\"></count>");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-02");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_EQ(xmllint_line(xml), line);
  EXPECT_NE(render_en(d).find("'' is not a valid value of the atomic type 'xs:long'"),
            std::string::npos)
      << render_en(d);
}

TEST(PlatformXmlRejects, TheFirstOfSeveralProblemsWithTheirNumber) {
  std::string xml = replace_once(huaibei_xml(), "<count column=\"total\">36</count>",
                                 "<count column=\"total\">x</count>");
  xml =
      replace_once(xml, "<count column=\"total\">24</count>", "<count column=\"total\">y</count>");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-02");
  EXPECT_EQ(d.location.source.line, line_of(xml, ">x</count>"));
  EXPECT_EQ(render_en(d),
            "does not conform to the exchange schema (nianbao-report-1.xsd): Element 'count': 'x' "
            "is not a valid value of the atomic type 'xs:long'. (and 1 more)");
}

TEST(PlatformXmlRejects, CellWithoutColumn) {
  std::string xml =
      replace_once(huaibei_xml(), "<count column=\"total\">36</count>", "<count>36</count>");
  const int line = line_of(xml, "<count>36</count>");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-02");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_NE(render_en(d).find("The attribute 'column' is required"), std::string::npos)
      << render_en(d);
}

TEST(PlatformXmlRejects, UnknownRowKey) {
  std::string xml = replace_once(pingtan_xml(), "<row key=\"new\">", "<row key=\"neww\">");
  const int line = line_of(xml, "<row key=\"neww\">");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-02");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_EQ(xmllint_line(xml), line);
  const std::string message = render_en(d);
  EXPECT_NE(message.find("Element 'row', attribute 'key'"), std::string::npos) << message;
  EXPECT_NE(message.find("'neww' is not one of the values the schema allows"), std::string::npos)
      << message;
  // Not the eighty keys of the enumeration, nor the namespace in every element name.
  EXPECT_EQ(message.find("carried_forward"), std::string::npos) << message;
  EXPECT_EQ(message.find("{urn:nianbao:report:1}"), std::string::npos) << message;
}

TEST(PlatformXmlRejects, WrongNamespace) {
  std::string xml = replace_once(huaibei_xml(), "xmlns=\"urn:nianbao:report:1\"",
                                 "xmlns=\"urn:example:province:report\"");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-03");
  EXPECT_EQ(d.location.source.line, 2);
  EXPECT_EQ(render_en(d),
            "the root element is {urn:example:province:report}report, not the exchange format's "
            "{urn:nianbao:report:1}report");
  EXPECT_EQ(xmllint_line(xml), 2);

  // Another major version of the format is named as such.
  Diagnostic v2 =
      rejection(replace_once(huaibei_xml(), "urn:nianbao:report:1", "urn:nianbao:report:2"));
  EXPECT_EQ(v2.code, "XML-03");
  EXPECT_NE(render_en(v2).find("{urn:nianbao:report:2}report"), std::string::npos);

  // No namespace at all.
  Diagnostic none = rejection(replace_once(huaibei_xml(), " xmlns=\"urn:nianbao:report:1\"", ""));
  EXPECT_EQ(none.code, "XML-03");
  EXPECT_NE(render_en(none).find("the root element is report,"), std::string::npos)
      << render_en(none);
}

TEST(PlatformXmlRejects, TextInACount) {
  std::string xml = replace_once(huaibei_xml(), "<count column=\"natural_person\">36</count>",
                                 "<count column=\"natural_person\">三十六</count>");
  const int line = line_of(xml, "三十六");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-02");
  EXPECT_EQ(d.location.source.line, line);
  EXPECT_EQ(xmllint_line(xml), line);
  EXPECT_NE(render_en(d).find("'三十六' is not a valid value of the atomic type 'xs:long'"),
            std::string::npos)
      << render_en(d);
}

TEST(PlatformXmlRejects, OtherSchemaViolations) {
  struct Case {
    const char* what;
    std::string from, to;
    std::string expect;  // part of the message
  };
  const std::vector<Case> cases = {
      {"money with a thousands separator", "<money column=\"amount\">299.8</money>",
       "<money column=\"amount\">1,299.8</money>", "'1,299.8'"},
      {"a fraction in a count", "<count column=\"total_published\">405</count>",
       "<count column=\"total_published\">40.5</count>", "'40.5'"},
      {"a count written as money", "<count column=\"made\">35</count>",
       "<money column=\"made\">35</money>", "attribute 'column'"},
      {"the same row twice", "<row key=\"granted\">", "<row key=\"new\">",
       "Duplicate key-sequence"},
      {"the same cell twice", "<count column=\"commercial\">0</count>",
       "<count column=\"natural_person\">0</count>", "Duplicate key-sequence"},
      {"an unknown element", "<metadata>", "<metadata><author>x</author>", "author"},
      {"an unknown agency kind", "kind=\"department\"", "kind=\"ministry\"", "'ministry'"},
      {"a year out of range", "<year>2020</year>", "<year>1900</year>", "'1900'"},
      {"an unknown table", "<table key=\"proactive\">", "<table key=\"budget\">", "'budget'"},
      {"a missing format", "<format>gov-2019</format>", "", "Expected is ( format )"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::string xml = replace_once(huaibei_xml(), c.from, c.to);
    Diagnostic d = rejection(xml);
    EXPECT_EQ(d.code, "XML-02");
    EXPECT_NE(render_en(d).find(c.expect), std::string::npos) << render_en(d);
    EXPECT_EQ(d.location.source.line, xmllint_line(xml));
  }
}

// The schema admits the keys of every format; a key of another format, or of another table or
// block, is the importer's to reject.
TEST(PlatformXmlRejects, KeysOfAnotherFormat) {
  // gov-2021 splits 其他处理 into three rows; gov-2019 has one, "other".
  std::string xml =
      replace_once(huaibei_xml(), "<row key=\"other\">", "<row key=\"other.no_correction\">");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-06");
  EXPECT_EQ(d.location.source.line, line_of(xml, "<row key=\"other.no_correction\">"));
  EXPECT_EQ(render_en(d), "table applications of format gov-2019 has no row other.no_correction");
  EXPECT_EQ(d.location.logical.table, "applications");
  EXPECT_EQ(d.location.source.pointer,
            "/report/tables/table[@key='applications']/row[@key='other.no_correction']");

  // A gov-2021 column in a gov-2019 row.
  std::string column = replace_once(huaibei_xml(), "<count column=\"made\">0</count>",
                                    "<count column=\"issued\">0</count>");
  Diagnostic c = rejection(column);
  EXPECT_EQ(c.code, "XML-06");
  EXPECT_EQ(c.location.source.line, line_of(column, "column=\"issued\""));
  EXPECT_EQ(render_en(c),
            "in table proactive of format gov-2019, row regulations has no column issued");
  EXPECT_EQ(c.location.logical.row, "regulations");
  EXPECT_EQ(c.location.logical.column, "issued");

  // A row of another table of the same format.
  std::string row = replace_once(pingtan_xml(), "<row key=\"review\">", "<row key=\"licensing\">");
  Diagnostic r = rejection(row);
  EXPECT_EQ(r.code, "XML-06");
  EXPECT_EQ(render_en(r), "table review_litigation of format gov-2021 has no row licensing");
}

TEST(PlatformXmlRejects, WhatTheModelCannotHold) {
  // A unit on a cell of a count column.
  std::string unit = replace_once(huaibei_xml(), "<count column=\"made\">0</count>",
                                  "<blank column=\"made\" unit=\"件\"/>");
  Diagnostic u = rejection(unit);
  EXPECT_EQ(u.code, "XML-06");
  EXPECT_EQ(u.location.source.line, line_of(unit, "unit=\"件\""));
  EXPECT_EQ(render_en(u), "column made is not a money column: its cells take no unit");

  // More decimals than an exact decimal holds.
  std::string decimals =
      replace_once(huaibei_xml(), ">299.8</money>", ">0.1234567890123456789</money>");
  Diagnostic m = rejection(decimals);
  EXPECT_EQ(m.code, "XML-06");
  EXPECT_NE(render_en(m).find("0.1234567890123456789 cannot be held exactly"), std::string::npos);

  // An extension that is not JSON.
  std::string extension =
      replace_once(huaibei_xml(), "  </tables>\n",
                   "  </tables>\n  <extensions>\n    <extension key=\"x-a\">{not json</extension>\n"
                   "  </extensions>\n");
  Diagnostic e = rejection(extension);
  EXPECT_EQ(e.code, "XML-06");
  EXPECT_EQ(e.location.source.line, line_of(extension, "<extension key=\"x-a\">"));
  EXPECT_EQ(render_en(e), "the extension x-a does not hold JSON (or nests too deeply)");
}

// A format the schema knows but this installation has no definition for (e.g. its plugin is
// missing): the document is refused, naming the formats there are.
TEST(PlatformXmlRejects, FormatWithoutDefinition) {
  class OnlyGov2021 final : public FormatCatalog {
   public:
    const FormatDefinition* find(std::string_view id) const override {
      return id == "gov-2021" ? engine().formats().find(id) : nullptr;
    }
    const FormatDefinition* for_year(int) const override { return nullptr; }
    std::vector<const FormatDefinition*> all() const override { return {find("gov-2021")}; }
  } catalog;
  try {
    xml_importer().read(InputFile{"h.xml", huaibei_xml()}, ImportContext{catalog, {}});
    FAIL() << "imported a gov-2019 report without the gov-2019 definition";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "XML-06");
    EXPECT_EQ(e.diagnostic().location.source.line, line_of(huaibei_xml(), "<format>"));
    EXPECT_EQ(render_en(e.diagnostic()),
              "no format definition is registered for the report format gov-2019 (known: "
              "gov-2021)");
  }
}

TEST(PlatformXmlRejects, NotWellFormed) {
  std::string xml = replace_once(huaibei_xml(), "</metadata>", "</metadat>");
  Diagnostic d = rejection(xml);
  EXPECT_EQ(d.code, "XML-01");
  EXPECT_EQ(d.location.source.line, line_of(xml, "</metadat>"));
  EXPECT_GT(d.location.source.character, 0);
  EXPECT_NE(render_en(d).find("Opening and ending tag mismatch: metadata"), std::string::npos)
      << render_en(d);

  // An entity that no DTD declares (and none may be declared).
  Diagnostic entity = rejection(replace_once(huaibei_xml(), "<p>无</p>", "<p>&nbsp;</p>"));
  EXPECT_EQ(entity.code, "XML-01");
  EXPECT_NE(render_en(entity).find("Entity 'nbsp' not defined"), std::string::npos);

  // Not UTF-8 despite the declaration.
  Diagnostic bytes = rejection(replace_once(huaibei_xml(), "<p>无</p>", "<p>\xce\xde</p>"));
  EXPECT_EQ(bytes.code, "XML-01");
}

TEST(PlatformXmlRejects, EncodingOtherThanUtf8) {
  Diagnostic gbk = rejection(replace_once(huaibei_xml(), "encoding=\"UTF-8\"", "encoding=\"GBK\""));
  EXPECT_EQ(gbk.code, "XML-03");
  EXPECT_EQ(render_en(gbk),
            "the document's encoding is encoding=\"GBK\"; the exchange format is UTF-8 only");
  Diagnostic bom = rejection(std::string("\xFF\xFE<\0r\0/\0>\0", 10));
  EXPECT_EQ(bom.code, "XML-03");
  // A UTF-8 byte-order mark and a lower-case name are fine.
  std::string with_bom = "\xEF\xBB\xBF" + replace_once(huaibei_xml(), "UTF-8", "utf-8");
  EXPECT_EQ(canonical(from_xml(with_bom)), canonical(from_xml(huaibei_xml())));
  // Single quotes and white space around "=" are a declaration's too.
  Diagnostic spaced =
      rejection(replace_once(huaibei_xml(), "encoding=\"UTF-8\"", "encoding = 'GB2312'"));
  EXPECT_EQ(render_en(spaced),
            "the document's encoding is encoding=\"GB2312\"; the exchange format is UTF-8 only");
  // A declaration that never ends, with an encoding value that never closes (found by fuzzing:
  // it overflowed the stack): refused, not a crash.
  Diagnostic endless =
      rejection("<?xml version=\"1.0\" encoding=\"UTF-8" + std::string(200000, 'x'));
  EXPECT_FALSE(endless.code.empty());
}

// A prefix is only a name: any prefix bound to the namespace reads the same.
TEST(PlatformXmlRejects, PrefixesAreNamesOnly) {
  std::string xml = std::regex_replace(huaibei_xml(), std::regex("<(/?)([a-z])"), "<$1gb:$2");
  xml = replace_once(xml, "xmlns=", "xmlns:gb=");
  EXPECT_EQ(canonical(from_xml(xml)), canonical(from_xml(huaibei_xml())));
  // …but an element in another namespace is not ours.
  std::string foreign = replace_once(xml, "<gb:metadata>", "<gb:metadata xmlns:gb=\"urn:other\">");
  EXPECT_EQ(rejection(foreign).code, "XML-02");
}

// The command line: exit code 2, the file and line in the message, and no output written.
TEST(PlatformXmlRejects, TheCommandLineWritesNothing) {
  TempDir dir;
  std::string xml = replace_once(pingtan_xml(), "<row key=\"new\">", "<row key=\"neww\">");
  spit(dir / "bad.xml", xml);
  const std::string where =
      (dir / "bad.xml").string() + ":" + std::to_string(line_of(xml, "<row key=\"neww\">"));

  CommandResult check = nianbao_cli({"--lang", "en", "check", (dir / "bad.xml").string()});
  EXPECT_EQ(check.exit_code, 2) << check.output;
  EXPECT_NE(check.output.find(where), std::string::npos) << check.output;
  EXPECT_NE(check.output.find("XML-02"), std::string::npos) << check.output;

  CommandResult convert = nianbao_cli(
      {"--lang", "en", "convert", (dir / "bad.xml").string(), "-o", (dir / "out.json").string()});
  EXPECT_EQ(convert.exit_code, 2) << convert.output;
  EXPECT_NE(convert.output.find(where), std::string::npos) << convert.output;
  EXPECT_FALSE(fs::exists(dir / "out.json"));
}

}  // namespace
