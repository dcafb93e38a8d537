// The DOCX importer through the engine and the CLI, as a user meets it: the reports nianbao
// writes as Word documents read back losslessly, the blank third-party form read as the 2021
// tables, and hostile files refused with a clear error (exit code 2 from `nianbao check`).
#include <gtest/gtest.h>

#include "import_support.h"
#include "raw_zip.h"
#include "zip/zip_reader.h"
#include "zip/zip_writer.h"

namespace {

using namespace import_support;
using nianbao::Cell;
using nianbao::Report;

class DocxRoundTrip : public ::testing::TestWithParam<std::string> {};

// Every cell with its raw text and unit, every paragraph of every section, the metadata.
TEST_P(DocxRoundTrip, ReadsBackWhatWasWritten) {
  const TempDir dir;
  const Report original = load(GetParam());
  const std::string docx = export_as(original, "docx");
  const auto result = import_bytes(dir, "report.docx", docx);
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  for (const auto& d : result.diagnostics) {
    EXPECT_EQ(d.code, "DOCX-08") << message(d);  // only: the format the layout fits
    EXPECT_EQ(d.plugin, "docx-importer");
  }
  const auto diff = differences(original, *result.report);
  EXPECT_TRUE(diff.empty()) << [&] {
    std::string s;
    for (const auto& d : diff)
      s += d + "\n";
    return s;
  }();
  // Where each cell was read: its table and its row and column there.
  const Cell* cell = result.report->find_cell("applications", "new", "total");
  ASSERT_TRUE(cell);
  EXPECT_EQ(cell->source.file, (dir.path() / "report.docx").string());
  EXPECT_TRUE(cell->source.pointer.starts_with("表2 第")) << cell->source.pointer;
  EXPECT_TRUE(cell->source.sheet.empty());
  // And the same through the CLI: `check` finds what it finds in the JSON.
  const Outcome from_docx =
      run_cli(dir, "--lang en check --output-format json " + (dir.path() / "report.docx").string());
  const Outcome from_json =
      run_cli(dir, "--lang en check --output-format json " + source(GetParam()));
  EXPECT_EQ(from_docx.code, from_json.code) << from_docx.out << from_docx.err;
  auto findings = [](const std::string& out) {
    std::multiset<std::string> codes;
    // Held in a variable: a range-for over a member of a temporary would dangle.
    const nlohmann::json parsed = nlohmann::json::parse(out);
    for (const auto& d : parsed["diagnostics"])
      if (d["code"] != "DOCX-08" && d["code"] != "JSON-09")
        codes.insert(d["code"].get<std::string>() + " " + d["location"].value("table", "") + "/" +
                     d["location"].value("row", "") + "/" + d["location"].value("column", ""));
    return codes;
  };
  const auto docx_findings = findings(from_docx.out), json_findings = findings(from_json.out);
  if (std::string(GetParam()).find("partial") == std::string::npos) {
    EXPECT_EQ(docx_findings, json_findings);
  } else {
    // A printed table has every row: rows a partial report lacks come back blank, so the findings
    // about missing rows and tables (STR-…) become findings about blank cells (CEL-02). Every
    // other finding is the same.
    for (const auto& f : json_findings) {
      if (!f.starts_with("STR-")) {
        EXPECT_TRUE(docx_findings.count(f)) << f;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Reports, DocxRoundTrip,
    ::testing::Values("examples/huaibei-2020/report.json", "tests/data/corpus/huaian-2024.json",
                      "tests/data/corpus/pingtan-2021.json", "tests/data/corpus/pingtan-2022.json",
                      "tests/data/corpus/district-statistics-bureau-2023-partial.json"),
    [](const auto& info) {
      std::string name = std::filesystem::path(info.param).stem().string();
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

// The blank form: the three 2021 tables found in Word's own merged layout, every cell blank.
TEST(DocxImport, ThirdPartyTemplateIsTheBlank2021Form) {
  const auto result =
      engine().import_file(source("tests/data/corpus/template-2021-third-party.docx"));
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  const Report& r = *result.report;
  EXPECT_EQ(r.format, "gov-2021");
  const nianbao::FormatDefinition* format = engine().formats().find("gov-2021");
  ASSERT_TRUE(format);
  int cells = 0;
  for (const auto& t : format->tables) {
    const nianbao::Table* table = r.find_table(t.key);
    ASSERT_TRUE(table) << t.key;
    for (const auto& row : table->rows)
      for (const auto& [key, cell] : row.cells) {
        EXPECT_EQ(cell.state, Cell::State::blank) << t.key << "/" << row.key << "/" << key;
        ++cells;
      }
  }
  EXPECT_EQ(cells, (3 + 3 + 1 + 1 + 1 + 1) + 25 * 7 + 15);  // 表二, 表三, 表四 of 2021
  const auto* found = find(result.diagnostics, "DOCX-08");
  ASSERT_TRUE(found);
  EXPECT_NE(message(*found).find("gov-2021"), std::string::npos);
}

// The importer is chosen by the name and by the bytes; a .doc is explained, not misread.
TEST(DocxImport, Identification) {
  const nianbao::Importer* docx = engine().find_importer("docx");
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->identify("a.docx", "PK\x03\x04"), 95);
  EXPECT_EQ(docx->identify("download", "PK\x03\x04....word/document.xml"), 80);
  EXPECT_EQ(docx->identify("download", "PK\x03\x04....xl/workbook.xml"), 0);
  EXPECT_EQ(docx->identify("old.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), 90);
  EXPECT_EQ(docx->identify("report.json", "{"), 0);
}

// A cell whose text is no number: read as not applicable with its text kept (so it round-trips),
// and a warning pointing at it.
TEST(DocxImport, CellThatIsNotANumber) {
  const TempDir dir;
  Report original = load("tests/data/corpus/pingtan-2021.json");
  original.table("applications").row("new").set("total", Cell::not_applicable("见附件"));
  const auto result = import_bytes(dir, "report.docx", export_as(original, "docx"));
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  const nianbao::Diagnostic* d = find(result.diagnostics, "DOCX-11");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::warning);
  EXPECT_EQ(d->location.source.pointer, "表2 第4行第10列");
  const Cell* cell = result.report->find_cell("applications", "new", "total");
  ASSERT_TRUE(cell);
  EXPECT_EQ(cell->state, Cell::State::not_applicable);
  EXPECT_EQ(cell->raw, "见附件");
  EXPECT_TRUE(differences(original, *result.report).empty());
}

std::string docx_with_body(const std::string& body) {
  return nianbao::zip::write_archive(
      {{"word/document.xml",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body>" +
            body + "</w:body></w:document>"}});
}

std::string cell(const std::string& text, const std::string& properties = "") {
  return "<w:tc><w:tcPr>" + properties + "</w:tcPr><w:p><w:r><w:t>" + text +
         "</w:t></w:r></w:p></w:tc>";
}

// Table 四 alone, with no year anywhere, is the same in both formats: the option decides; an
// option the importer does not have is a warning.
TEST(DocxImport, AmbiguousLayoutAndOptions) {
  const TempDir dir;
  const std::string span5 = "<w:gridSpan w:val=\"5\"/>";
  std::string rows = "<w:tr>" + cell("行政复议", span5 + "<w:vMerge w:val=\"restart\"/>") +
                     cell("行政诉讼", "<w:gridSpan w:val=\"10\"/>") + "</w:tr><w:tr>" +
                     cell("", span5 + "<w:vMerge/>") + cell("未经复议直接起诉", span5) +
                     cell("复议后起诉", span5) + "</w:tr><w:tr>";
  for (int i = 0; i < 3; ++i)
    for (const char* label : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"})
      rows += cell(label);
  rows += "</w:tr><w:tr>";
  for (int i = 0; i < 15; ++i)
    rows += cell("0");
  const std::string docx = docx_with_body("<w:tbl>" + rows + "</w:tr></w:tbl>");
  auto result = import_bytes(dir, "t4.docx", docx);
  EXPECT_FALSE(result.report);
  const nianbao::Diagnostic* d = find(result.diagnostics, "DOCX-10");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_NE(message(*d).find("gov-2019"), std::string::npos) << message(*d);
  result = import_bytes(dir, "t4.docx", docx,
                        {{"format", "gov-2019"}, {"colour", "red"}, {"year", "20x4"}});
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  EXPECT_EQ(result.report->format, "gov-2019");
  // An option the importer does not take is warned of (ImporterBase), and the file read.
  d = find(result.diagnostics, "IMP-04");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::warning);
  EXPECT_EQ(d->plugin, "docx-importer");
  EXPECT_NE(message(*d).find("colour=red"), std::string::npos) << message(*d);
  // A year that is not four digits is said under the importer's metadata code, and left out.
  d = find(result.diagnostics, "DOCX-12");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_NE(message(*d).find("year=20x4"), std::string::npos) << message(*d);

  // The same from the command line: the error says how to settle it, --import-option does.
  const std::string file = (dir.path() / "t4.docx").string();
  Outcome o = run_cli(dir, "--lang en check " + file);
  EXPECT_EQ(o.code, 2) << o.out << o.err;
  EXPECT_NE((o.out + o.err).find("--import-option year="), std::string::npos) << o.out << o.err;
  o = run_cli(dir, "--lang en --import-option format=gov-2019 check --output-format json " + file);
  EXPECT_NE(o.code, 2) << o.out << o.err;
  EXPECT_NE(o.out.find("\"format\": \"gov-2019\""), std::string::npos) << o.out;
  o = run_cli(dir, "--lang en --import-option year check " + file);
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("--import-option takes KEY=VALUE"), std::string::npos) << o.err;
  o = run_cli(dir, "--lang en --import-option limit.table-cells=9 check " + file);
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("--limit"), std::string::npos) << o.err;
}

// A document that stops in the middle of table 三 (the rest of the file lost): what it holds is
// read, and what is missing is an error naming it.
TEST(DocxImport, CutOffDocument) {
  const TempDir dir;
  const std::string whole = export_as(load("tests/data/corpus/pingtan-2021.json"), "docx");
  nianbao::zip::Reader zip(whole, {}, [](const nianbao::zip::Problem&) { throw 0; });
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& name : zip.names()) {
    std::string data = *zip.read(name);
    if (name == "word/document.xml") {
      const std::size_t at = data.find("（三）不予公开");
      ASSERT_NE(at, std::string::npos);
      data = data.substr(0, data.rfind("<w:tr>", at)) + "</w:tbl></w:body></w:document>";
    }
    parts.emplace_back(name, std::move(data));
  }
  const auto result = import_bytes(dir, "cut.docx", nianbao::zip::write_archive(parts));
  const nianbao::Diagnostic* d = find(result.diagnostics, "DOCX-13");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::error);
  EXPECT_NE(message(*d).find("政府信息公开行政复议、行政诉讼情况"), std::string::npos)
      << message(*d);
  EXPECT_EQ(d->location.source.pointer, "表2");
}

// A document that stops right after the first rows of table 三 (三 of its 25 rows): those rows are
// read with every cell, not dropped with the whole table, and the cut names what is missing.
TEST(DocxImport, CutOffAfterTheFirstRowsOfTableThree) {
  const TempDir dir;
  const nianbao::Report original = load("tests/data/corpus/pingtan-2021.json");
  const std::string whole = export_as(original, "docx");
  nianbao::zip::Reader zip(whole, {}, [](const nianbao::zip::Problem&) { throw 0; });
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& name : zip.names()) {
    std::string data = *zip.read(name);
    if (name == "word/document.xml") {
      const std::size_t at = data.find("（二）部分公开");
      ASSERT_NE(at, std::string::npos);
      data = data.substr(0, data.rfind("<w:tr>", at)) + "</w:tbl></w:body></w:document>";
    }
    parts.emplace_back(name, std::move(data));
  }
  const auto result = import_bytes(dir, "cut.docx", nianbao::zip::write_archive(parts));
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  const auto expected = json_of(original)["tables"]["applications"];
  const auto read = json_of(*result.report)["tables"]["applications"];
  for (const char* row : {"new", "carried_over", "granted"})
    EXPECT_EQ(read[row], expected[row]) << row;
  const nianbao::Diagnostic* d = find(result.diagnostics, "DOCX-13");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_NE(message(*d).find("（二）部分公开"), std::string::npos) << message(*d);
}

// ---- hostile files: through the engine and `nianbao check` (expect_refused) ---------------------

std::string minimal_docx(const std::string& document_xml) {
  return raw_zip::archive({raw_zip::stored("word/document.xml", document_xml)});
}

TEST(DocxHostile, NotAZipEmptyTruncated) {
  const TempDir dir;
  // An empty file is refused by the engine before any importer (IO-04).
  expect_refused(dir, "empty.docx", "", "IO-04", "empty");
  expect_refused(dir, "text.docx", "二、主动公开政府信息情况\n", "DOCX-04", "begins with \"PK\"");
  const std::string whole = export_as(load("examples/huaibei-2020/report.json"), "docx");
  for (std::size_t cut : {whole.size() / 2, whole.size() - 10, std::size_t{100}})
    expect_refused(dir, "cut.docx", whole.substr(0, cut), "DOCX-04", "truncated");
  expect_refused(dir, "old.doc",
                 std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(1024, '\0'),
                 "DOCX-05", ".docx");
}

TEST(DocxHostile, MissingDocumentPart) {
  const TempDir dir;
  expect_refused(dir, "nobody.docx",
                 raw_zip::archive({raw_zip::stored("[Content_Types].xml", "<Types/>"),
                                   raw_zip::stored("word/styles.xml", "<w:styles/>")}),
                 "DOCX-04", "word/document.xml", "word/document.xml");
}

TEST(DocxHostile, UnsafeAndEncryptedEntries) {
  const TempDir dir;
  const std::string body =
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p/></w:body></w:document>";
  expect_refused(dir, "escape.docx",
                 raw_zip::archive({raw_zip::stored("word/document.xml", body),
                                   raw_zip::stored("word/../../../tmp/x", "x")}),
                 "DOCX-04", "unsafe name", "word/../../../tmp/x");
  raw_zip::Entry locked = raw_zip::stored("word/document.xml", body);
  locked.flags = 0x1;
  expect_refused(dir, "locked.docx", raw_zip::archive({locked}), "DOCX-05", "encrypted",
                 "word/document.xml");
}

// 1 GiB of document.xml in about a megabyte: refused from its declared size before inflating.
TEST(DocxHostile, ZipBomb) {
  const TempDir dir;
  expect_refused(dir, "bomb.docx",
                 raw_zip::archive({raw_zip::deflated_repeat("word/document.xml",
                                                            std::string(1u << 20, '<'), 1024)}),
                 "DOCX-06", "--limit zip-entry-bytes", "word/document.xml");
}

TEST(DocxHostile, XmlBombsAndDepth) {
  const TempDir dir;
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol9 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  expect_refused(dir, "laughs.docx", minimal_docx(laughs), "DOCX-07", "DTD", "word/document.xml:2");
  std::string deep =
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>";
  for (int i = 0; i < 200000; ++i)
    deep += "<w:p>";
  expect_refused(dir, "deep.docx", minimal_docx(deep), "DOCX-06", "deeper than 256 levels");
  expect_refused(dir, "broken.docx", minimal_docx("<w:document><w:body><w:p>"), "DOCX-07",
                 "invalid");
}

// A Word file that is no report: no tables of any format.
TEST(DocxHostile, NoTables) {
  const TempDir dir;
  const std::string body =
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>会议通知</w:t></w:r></w:p></w:body></w:document>";
  expect_refused(dir, "notice.docx", minimal_docx(body), "DOCX-09");
}

}  // namespace
