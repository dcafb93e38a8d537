// Hostile documents: entity expansion (billion laughs), external entities (XXE), external DTDs,
// XInclude, schema-location hints, size and depth. Each is refused, quickly, and libxml2 never
// tries to open anything: this process's libxml2 external-entity loader — the one every file or
// URL access of the parser and the validator goes through — is replaced by one that records the
// attempt and refuses it.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <chrono>
#include <mutex>

#include "time_bound.h"
#include "xml_test_util.h"

using namespace nianbao;
using namespace nianbao::xml_test;

namespace {

std::mutex g_loads_mutex;
std::vector<std::string> g_loads;

xmlParserInputPtr recording_loader(const char* url, const char* id, xmlParserCtxtPtr) {
  std::lock_guard<std::mutex> lock(g_loads_mutex);
  g_loads.push_back(std::string(url ? url : "") + " " + (id ? id : ""));
  return nullptr;  // refuse: nothing is read even if the importer asked
}

class PlatformXmlSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    xml_importer();  // load the plugins (and with them libxml2's initialisation) first
    previous_ = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(recording_loader);
    std::lock_guard<std::mutex> lock(g_loads_mutex);
    g_loads.clear();
  }
  void TearDown() override { xmlSetExternalEntityLoader(previous_); }

  static std::vector<std::string> loads() {
    std::lock_guard<std::mutex> lock(g_loads_mutex);
    return g_loads;
  }

  // Reads `xml` with the importer; returns the rejection and how long it took.
  static std::pair<Diagnostic, double> refuse(const std::string& xml) {
    auto start = std::chrono::steady_clock::now();
    Diagnostic d;
    try {
      from_xml(xml, "hostile.xml");
      ADD_FAILURE() << "the hostile document was imported";
    } catch (const InputError& e) {
      d = e.diagnostic();
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return {d, seconds};
  }

 private:
  xmlExternalEntityLoader previous_ = nullptr;
};

const std::string kReportStart =
    "<report xmlns=\"urn:nianbao:report:1\" version=\"1.0\">\n"
    "  <metadata>\n    <format>gov-2021</format>\n    <year>2021</year>\n  </metadata>\n"
    "  <sections>\n    <section key=\"other\">\n";
const std::string kReportEnd = "    </section>\n  </sections>\n  <tables/>\n</report>\n";

std::string report_with(const std::string& prolog, const std::string& paragraph) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + prolog + kReportStart + "      <p>" +
         paragraph + "</p>\n" + kReportEnd;
}

TEST_F(PlatformXmlSecurity, AnOrdinaryDocumentLoadsNothing) {
  Report r = from_xml(report_with("", "无"));
  EXPECT_EQ(r.find_section("other")->paragraphs.at(0).text, "无");
  EXPECT_TRUE(loads().empty());
}

TEST_F(PlatformXmlSecurity, BillionLaughs) {
  std::string entities = "<!DOCTYPE report [\n  <!ENTITY lol \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    entities += "  <!ENTITY lol" + std::to_string(level) + " \"";
    for (int i = 0; i < 10; ++i)
      entities += level == 1 ? "&lol;" : "&lol" + std::to_string(level - 1) + ";";
    entities += "\">\n";
  }
  entities += "]>\n";
  auto [d, seconds] = refuse(report_with(entities, "&lol9;"));
  EXPECT_EQ(d.code, "XML-04");
  EXPECT_EQ(d.location.source.line, 2);  // the DOCTYPE
  EXPECT_LT(seconds, nianbao::test::time_bound(1.0))
      << "refused, but only after " << seconds << " s";
  EXPECT_EQ(render_en(d).find("lol"), std::string::npos);
  EXPECT_TRUE(loads().empty());
}

TEST_F(PlatformXmlSecurity, ExternalEntityToEtcPasswd) {
  auto [d, seconds] = refuse(
      report_with("<!DOCTYPE report [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n", "&xxe;"));
  EXPECT_EQ(d.code, "XML-04");
  EXPECT_EQ(d.location.source.line, 2);
  EXPECT_EQ(render_en(d),
            "the document has a DOCTYPE declaration; for safety the exchange format accepts no "
            "DTD or entity declarations (no entity was expanded and no external file was read)");
  EXPECT_TRUE(loads().empty()) << loads().front();
}

TEST_F(PlatformXmlSecurity, ExternalEntityToAFileWithAMarker) {
  // Were the entity expanded, the marker would turn up in the report or the message.
  TempDir dir;
  spit(dir / "secret.txt", "NIANBAO-XXE-MARKER-7f3a");
  const std::string url = "file://" + (dir / "secret.txt").string();
  for (const std::string& doctype : std::vector<std::string>{
           "<!DOCTYPE report [ <!ENTITY xxe SYSTEM \"" + url + "\"> ]>\n",
           // parameter entity, expanded inside the DTD itself
           "<!DOCTYPE report [ <!ENTITY % xxe SYSTEM \"" + url + "\"> %xxe; ]>\n",
           // an external DTD subset
           "<!DOCTYPE report SYSTEM \"" + url + "\">\n",
           std::string("<!DOCTYPE report PUBLIC \"-//nianbao//x//EN\" "
                       "\"http://127.0.0.1:9/x.dtd\">\n"),
       }) {
    SCOPED_TRACE(doctype);
    auto [d, seconds] = refuse(report_with(doctype, "&xxe;"));
    EXPECT_EQ(d.code, "XML-04");
    for (const auto& [name, value] : d.args)
      EXPECT_EQ(value.find("NIANBAO-XXE-MARKER"), std::string::npos);
    EXPECT_EQ(render_en(d).find("NIANBAO-XXE-MARKER"), std::string::npos);
  }
  EXPECT_TRUE(loads().empty()) << loads().front();
}

TEST_F(PlatformXmlSecurity, XIncludeAndSchemaLocationHintsAreNotFollowed) {
  auto [d, seconds] =
      refuse(report_with("",
                         "</p><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                         "href=\"file:///etc/passwd\" parse=\"text\"/><p>"));
  EXPECT_EQ(d.code, "XML-02");  // not an element of the format
  EXPECT_NE(render_en(d).find("include"), std::string::npos) << render_en(d);

  // A schema-location hint is not a reason to fetch anything: the built-in schema decides.
  std::string hinted = report_with("", "无");
  hinted = replace_once(hinted, "\" version=\"1.0\">",
                        "\" version=\"1.0\" "
                        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                        "xsi:schemaLocation=\"urn:nianbao:report:1 http://127.0.0.1:9/evil.xsd\">");
  EXPECT_EQ(from_xml(hinted).find_section("other")->paragraphs.at(0).text, "无");
  EXPECT_TRUE(loads().empty()) << loads().front();
}

TEST_F(PlatformXmlSecurity, SizeIsBounded) {
  // 4 MiB is far more than a report needs; more is refused before any parser runs.
  std::string big = report_with("", std::string(4u << 20, 'x'));
  auto [d, seconds] = refuse(big);
  EXPECT_EQ(d.code, "XML-05");
  EXPECT_EQ(render_en(d),
            "the file is " + std::to_string(big.size()) +
                " bytes, more than the exchange format's limit of 4194304 bytes (raise it "
                "with --limit xml-bytes=… if needed)");
  EXPECT_LT(seconds, nianbao::test::time_bound(1.0));
  // Just under the limit is read.
  std::string fits = report_with("", std::string((4u << 20) - 400, 'x'));
  ASSERT_LE(fits.size(), 4u << 20);
  EXPECT_EQ(from_xml(fits).find_section("other")->paragraphs.at(0).text.size(), (4u << 20) - 400);
}

TEST_F(PlatformXmlSecurity, DepthIsBounded) {
  std::string deep;
  for (int i = 0; i < 100000; ++i)
    deep += "<p>";
  auto [d, seconds] = refuse(report_with("", deep));
  EXPECT_EQ(d.code, "XML-01");
  EXPECT_NE(render_en(d).find("Excessive depth"), std::string::npos) << render_en(d);
  EXPECT_LT(seconds, nianbao::test::time_bound(1.0));
}

}  // namespace
