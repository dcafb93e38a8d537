// The annotated example of docs/exchange-xml.md is a valid document, reads as the report it
// describes, and — without its comments and findings — is exactly what the exporter writes.
#include <regex>

#include "xml_test_util.h"

using namespace nianbao;
using namespace nianbao::xml_test;

namespace {

std::string annotated_example() {
  const std::string doc = slurp(source_path("docs/exchange-xml.md"));
  auto section = doc.find("## Annotated example");
  auto start = doc.find("```xml\n", section);
  auto end = doc.find("```\n", start + 7);
  if (section == std::string::npos || start == std::string::npos || end == std::string::npos)
    throw std::runtime_error("docs/exchange-xml.md has no annotated example");
  return doc.substr(start + 7, end - start - 7);
}

TEST(PlatformXmlDocumentation, TheAnnotatedExampleIsValid) {
  const std::string xml = annotated_example();
  TempDir dir;
  spit(dir / "example.xml", xml);
  CommandResult lint = xmllint({dir / "example.xml"});
  EXPECT_EQ(lint.exit_code, 0) << lint.output;

  Report r = from_xml(xml, "example.xml");
  EXPECT_EQ(r.format, "gov-2021");
  EXPECT_EQ(r.year, 2023);
  EXPECT_EQ(r.agency.region_code, "340602");
  const Cell* person = r.find_cell("applications", "new", "natural_person");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->value, Decimal(36));
  EXPECT_EQ(person->raw, "３６件");
  const Cell* fees = r.find_cell("proactive", "fees", "amount");
  ASSERT_NE(fees, nullptr);
  EXPECT_EQ(fees->value.to_string(), "0.50");
  EXPECT_EQ(fees->unit, std::optional<std::string>("万元"));
  EXPECT_EQ(r.find_cell("applications", "new", "other_org")->state, Cell::State::blank);
  EXPECT_EQ(r.find_cell("proactive", "regulations", "issued")->state, Cell::State::not_applicable);

  // What the exporter writes for that report, with the option the example names.
  std::string plain = std::regex_replace(xml, std::regex(R"( *<!--[^]*?-->\n)"), "");
  auto diagnostics = plain.find("  <diagnostics ");
  auto after = plain.find("</diagnostics>\n");
  ASSERT_NE(diagnostics, std::string::npos);
  plain.erase(diagnostics, after + 15 - diagnostics);
  EXPECT_EQ(to_xml(r, {{"province", "340000"}}), plain);
}

}  // namespace
