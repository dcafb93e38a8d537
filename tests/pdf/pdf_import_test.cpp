// The PDF importer on PDFs made by real programs (make_documents.py): every report typed into Word
// tables in four layouts and saved as PDF by LibreOffice, nianbao's web page printed by Chromium,
// a scan.
#include <gtest/gtest.h>
#include <nianbao/engine.h>

#include <nlohmann/json.hpp>
#include <set>

#include "describe_cell.h"
#include "test_util.h"

using namespace nianbao;

namespace {

Engine& engine() {
  return test::built_in_engine();
}

using test::describe;

// The tables as "table/row/column = value" lines.
std::set<std::string> tables_of(const Report& r) {
  std::set<std::string> out;
  for (const auto& t : r.tables)
    for (const auto& row : t.rows)
      for (const auto& [column, cell] : row.cells)
        out.insert(t.key + "/" + row.key + "/" + column + " = " + describe(cell));
  return out;
}

std::string messages(const ImportResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics)
    out += d.code + " " + engine().render_message(d.message_id, d.args, Language::en) + "\n";
  return out;
}

const Diagnostic* find_code(const ImportResult& r, const std::string& code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

std::string arg(const Diagnostic& d, const std::string& name) {
  const std::string* value = d.find_arg(name);
  return value ? *value : std::string();
}

struct Document {
  std::string report, variant, pdf;
  int three_first = 0, three_last = 0;
  bool row_split = false;  // a row of table 三 broken by the page break
};

std::vector<Document> manifest() {
  const std::string path = std::string(NIANBAO_PDF_DOCUMENTS) + "/manifest.json";
  const nlohmann::json j = nlohmann::json::parse(test::slurp(path));
  std::vector<Document> out;
  for (const auto& m : j) {
    Document d{m["report"], m["variant"], m["pdf"]};
    if (m["table_three_pages"][0].is_number()) d.three_first = m["table_three_pages"][0];
    if (m["table_three_pages"][1].is_number()) d.three_last = m["table_three_pages"][1];
    d.row_split = m.value("row_split", false);
    out.push_back(std::move(d));
  }
  return out;
}

// The source document a PDF was made from (the Word document LibreOffice rendered, the web page
// Chromium printed).
std::string source_of(const Document& d) {
  const std::string stem = d.pdf.substr(0, d.pdf.size() - 4);
  return stem + (d.variant == "web" ? ".html" : ".docx");
}

const std::set<std::string> kStreamVariants = {"borderless", "threeline", "stream-split",
                                               "stream-split-mid", "stream-split-late"};

}  // namespace

// Every report, in every layout and from both programs, imports to exactly the tables of the
// document it was made from — and of its JSON when the report is complete — with no finding the
// JSON does not give. Table 三 runs over a page break in some PDFs of every report, and the PDFs
// where it does say so.
TEST(RealPrograms, EveryReportInEveryLayoutImportsExactly) {
  const std::vector<Document> documents = manifest();
  std::set<std::string> reports, broken, variants;
  for (const Document& d : documents) {
    if (d.variant == "scan") continue;
    SCOPED_TRACE(d.pdf);
    variants.insert(d.variant);
    reports.insert(d.report);
    ImportResult got = engine().import_file(d.pdf, "pdf");
    ASSERT_TRUE(got.report) << messages(got);
    ImportResult source = engine().import_file(source_of(d));
    ASSERT_TRUE(source.report) << messages(source);
    EXPECT_EQ(tables_of(*got.report), tables_of(*source.report)) << messages(got);
    ImportResult json = engine().import_file(d.report);
    ASSERT_TRUE(json.report);
    if (d.report.find("partial") == std::string::npos) {
      EXPECT_EQ(tables_of(*got.report), tables_of(*json.report));
    }
    EXPECT_EQ(got.report->format, json.report->format);
    EXPECT_EQ(got.report->year, json.report->year);
    for (const auto& diagnostic : got.diagnostics)
      EXPECT_NE(diagnostic.severity, Severity::error) << messages(got);
    EXPECT_FALSE(find_code(got, "PDF-12")) << messages(got);
    const Diagnostic* detected = find_code(got, "PDF-04");
    ASSERT_TRUE(detected) << messages(got);
    // The documents draw the three tables of the official formats (二, 三, 四), blank or not.
    EXPECT_EQ(arg(*detected, "tables"), "3") << messages(got);
    // Tables drawn without lines are read as such (stream), the others from their lines.
    EXPECT_EQ(arg(*detected, "stream"), kStreamVariants.count(d.variant) ? "3" : "0")
        << messages(got);
    ASSERT_GT(d.three_first, 0);
    ASSERT_GT(d.three_last, 0);
    if (d.three_last > d.three_first) {
      broken.insert(d.report);
      EXPECT_GE(std::stoi(arg(*detected, "joined")), d.three_last - d.three_first) << messages(got);
    }
  }
  EXPECT_EQ(variants,
            (std::set<std::string>{"export", "wide", "equal", "equal-late", "web", "borderless",
                                   "threeline", "split-rows", "split-rows-late", "stream-split",
                                   "stream-split-mid", "stream-split-late"}));
  EXPECT_GE(reports.size(), 5u);
  EXPECT_EQ(broken, reports) << "every report has a PDF whose table 三 breaks over a page";
}

// The case: a Word report saved as PDF by LibreOffice is read with all its parts and
// checked without a structural finding (STR-01: part 三 missing).
TEST(RealPrograms, CheckFindsEveryPart) {
  for (const Document& d : manifest()) {
    if (d.variant == "scan" || d.report.find("partial") != std::string::npos) continue;
    SCOPED_TRACE(d.pdf);
    ImportResult got = engine().import_file(d.pdf, "pdf");
    ASSERT_TRUE(got.report) << messages(got);
    ValidateOptions options;
    const auto findings = engine().validate(*got.report, options);
    for (const auto& f : findings)
      EXPECT_NE(f.code.substr(0, 3), "STR")
          << f.code << " " << engine().render_message(f.message_id, f.args, Language::en);
    EXPECT_TRUE(got.report->find_section("applications") || got.report->find_table("applications"));
  }
}

// A scan — a picture of a page, no text — is refused, saying so.
TEST(RealPrograms, ScanIsRefused) {
  std::string scan;
  for (const Document& d : manifest())
    if (d.variant == "scan") scan = d.pdf;
  ASSERT_FALSE(scan.empty());
  ImportResult r = engine().import_file(scan, "pdf");
  EXPECT_FALSE(r.report);
  const Diagnostic* d = find_code(r, "PDF-03");
  ASSERT_TRUE(d) << messages(r);
  EXPECT_EQ(d->severity, Severity::error);
  const std::string en = engine().render_message(d->message_id, d->args, Language::en);
  EXPECT_NE(en.find("text layer"), std::string::npos) << en;
  EXPECT_NE(en.find("OCR"), std::string::npos) << en;
}

// A row split by a page break (rows allowed to break, the header not repeated) is read once,
// whole, in ruled tables and in tables without lines.
TEST(RealPrograms, RowsSplitOverAPageAreReadOnce) {
  std::set<std::string> split;
  for (const Document& d : manifest()) {
    if (!d.row_split) continue;
    SCOPED_TRACE(d.pdf);
    ImportResult got = engine().import_file(d.pdf, "pdf");
    ASSERT_TRUE(got.report) << messages(got);
    // The document it was made from (a partial report's JSON is not all of its tables).
    ImportResult source = engine().import_file(source_of(d));
    ASSERT_TRUE(source.report) << messages(source);
    EXPECT_EQ(tables_of(*got.report), tables_of(*source.report)) << messages(got);
    split.insert(kStreamVariants.count(d.variant) ? "stream" : "lattice");
  }
  EXPECT_EQ(split, (std::set<std::string>{"lattice", "stream"}));
}
