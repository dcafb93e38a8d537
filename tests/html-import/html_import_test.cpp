// The web page importer through the engine and the CLI, as a user meets it: the pages nianbao
// writes read back losslessly, also saved in GBK as older sites serve them, and hostile files
// refused with a clear error (exit code 2 from `nianbao check`).
#include <gtest/gtest.h>
#include <iconv.h>

#include "import_support.h"

namespace {

using namespace import_support;
using nianbao::Report;

std::string gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open");
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t left = in.size(), room = out.size();
  const std::size_t r = iconv(cd, &src, &left, &dst, &room);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1))
    throw std::runtime_error("not GBK at " + in.substr(in.size() - left, 12));
  out.resize(out.size() - room);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines)
    s += l + "\n";
  return s;
}

void expect_same_report(const Report& original, const nianbao::ImportResult& result) {
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  for (const auto& d : result.diagnostics) {
    EXPECT_EQ(d.code, "HTML-04") << message(d);  // only: the format the layout fits
    EXPECT_EQ(d.plugin, "html-importer");
  }
  const auto diff = differences(original, *result.report);
  EXPECT_TRUE(diff.empty()) << joined(diff);
}

class HtmlRoundTrip : public ::testing::TestWithParam<std::string> {};

// Every cell with its raw text and unit, every paragraph of every section, the metadata; and the
// same from the page saved in GBK with its <meta charset> saying so.
TEST_P(HtmlRoundTrip, ReadsBackWhatWasWritten) {
  const TempDir dir;
  const Report original = load(GetParam());
  const std::string page = export_as(original, "html");
  const auto result = import_bytes(dir, "report.html", page);
  expect_same_report(original, result);
  const nianbao::Cell* cell = result.report->find_cell("applications", "new", "total");
  ASSERT_TRUE(cell);
  EXPECT_TRUE(cell->source.pointer.starts_with("表2 第")) << cell->source.pointer;
  EXPECT_GT(cell->source.line, 0);

  std::string declared = page;
  const std::string utf8_meta = "<meta charset=\"utf-8\" />";
  ASSERT_NE(declared.find(utf8_meta), std::string::npos);
  declared.replace(declared.find(utf8_meta), utf8_meta.size(), "<meta charset=\"gbk\" />");
  expect_same_report(original, import_bytes(dir, "gbk.html", gbk(declared)));
  // Without a name that says what it is, and without the declaration: told by its bytes.
  std::string undeclared = page;
  undeclared.erase(undeclared.find(utf8_meta), utf8_meta.size());
  expect_same_report(original, import_bytes(dir, "download", gbk(undeclared)));

  const Outcome o = run_cli(dir, "--lang en check " + (dir.path() / "gbk.html").string());
  const Outcome from_json = run_cli(dir, "--lang en check " + source(GetParam()));
  EXPECT_EQ(o.code, from_json.code) << o.out << o.err;
}

INSTANTIATE_TEST_SUITE_P(
    Reports, HtmlRoundTrip,
    ::testing::Values("examples/huaibei-2020/report.json", "tests/data/corpus/huaian-2024.json",
                      "tests/data/corpus/pingtan-2021.json", "tests/data/corpus/pingtan-2022.json",
                      "tests/data/corpus/district-statistics-bureau-2023-partial.json"),
    [](const auto& info) {
      std::string name = std::filesystem::path(info.param).stem().string();
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

// The region code, which no page prints, comes from the <meta> nianbao writes; a value that is no
// administrative division code (an editor's free text) is not taken.
TEST(HtmlImport, RegionCodeFromMeta) {
  const TempDir dir;
  const Report original = load("examples/huaibei-2020/report.json");
  ASSERT_EQ(original.agency.region_code, "340600");
  const std::string page = export_as(original, "html");
  const std::string meta = "<meta name=\"region-code\" content=\"340600\" />";
  ASSERT_NE(page.find(meta), std::string::npos);
  auto with_meta = [&](const std::string& replacement) {
    std::string edited = page;
    edited.replace(edited.find(meta), meta.size(), replacement);
    return edited;
  };
  const auto other =
      import_bytes(dir, "a.html", with_meta("<meta name=\"region-code\" content=\" 340621 \">"));
  ASSERT_TRUE(other.report) << codes(other.diagnostics);
  EXPECT_EQ(other.report->agency.region_code, "340621");
  for (const std::string bad : {"<meta name=\"region-code\" content=\"淮北市\">",
                                "<meta name=\"region-code\" content=\"3406\">", ""}) {
    const auto result = import_bytes(dir, "b.html", with_meta(bad));
    ASSERT_TRUE(result.report) << bad;
    EXPECT_EQ(result.report->agency.region_code, "") << bad;
    EXPECT_EQ(result.report->agency.name, original.agency.name) << bad;
  }
}

TEST(HtmlImport, Identification) {
  const nianbao::Importer* html = engine().find_importer("html");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->identify("a.html", "<!DOCTYPE html><html>"), 95);
  EXPECT_EQ(html->identify("a.htm", "\xEF\xBB\xBF<HTML><HEAD>"), 95);
  EXPECT_EQ(html->identify("t_20210129_123.shtml", "garbage"), 60);
  EXPECT_EQ(html->identify("download", "\n<html lang=zh>"), 70);
  EXPECT_EQ(html->identify("report.json", "{\"schema\""), 0);
  EXPECT_EQ(html->identify("a.docx", "PK\x03\x04<html"), 0);
  // An XML document with <table> elements is no web page.
  EXPECT_EQ(html->identify("report.xml", "<?xml version=\"1.0\"?><report><table key=\"x\">"), 0);
}

// A cell whose text is no number: read as not applicable with its text kept (so it round-trips),
// and a warning pointing at it.
TEST(HtmlImport, CellThatIsNotANumber) {
  const TempDir dir;
  Report original = load("tests/data/corpus/pingtan-2021.json");
  original.table("applications").row("new").set("total", nianbao::Cell::not_applicable("见附件"));
  const auto result = import_bytes(dir, "report.html", export_as(original, "html"));
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  const nianbao::Diagnostic* d = find(result.diagnostics, "HTML-07");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::warning);
  EXPECT_TRUE(d->location.source.pointer.starts_with("表2 第")) << d->location.source.pointer;
  EXPECT_GT(d->location.source.line, 0);
  const nianbao::Cell* cell = result.report->find_cell("applications", "new", "total");
  ASSERT_TRUE(cell);
  EXPECT_EQ(cell->state, nianbao::Cell::State::not_applicable);
  EXPECT_EQ(cell->raw, "见附件");
}

// Table 四 alone, with no year anywhere, is the same in both formats: the option decides; an
// option the importer does not have is a warning.
TEST(HtmlImport, AmbiguousLayoutAndOptions) {
  const TempDir dir;
  std::string page =
      "<html><body><table><tr><td colspan=5 rowspan=2>行政复议</td><td colspan=10>行政诉讼</td>"
      "</tr><tr><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr><tr>";
  for (int i = 0; i < 3; ++i)
    page += "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>";
  page += "</tr><tr>";
  for (int i = 0; i < 15; ++i)
    page += "<td>0</td>";
  page += "</tr></table></body></html>";
  auto result = import_bytes(dir, "t4.html", page);
  EXPECT_FALSE(result.report);
  const nianbao::Diagnostic* d = find(result.diagnostics, "HTML-06");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_NE(message(*d).find("gov-2021"), std::string::npos) << message(*d);
  result = import_bytes(dir, "t4.html", page,
                        {{"format", "gov-2021"}, {"colour", "red"}, {"year", "20x4"}});
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  EXPECT_EQ(result.report->format, "gov-2021");
  // An option the importer does not take is warned of (ImporterBase), and the page read.
  d = find(result.diagnostics, "IMP-04");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::warning);
  EXPECT_EQ(d->plugin, "html-importer");
  EXPECT_NE(message(*d).find("colour=red"), std::string::npos) << message(*d);
  // A year that is not four digits is said under the importer's metadata code, and left out.
  d = find(result.diagnostics, "HTML-08");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_NE(message(*d).find("year=20x4"), std::string::npos) << message(*d);
}

// A page that is no report, and files that are no pages: through the engine and `nianbao check`
// (expect_refused).
TEST(HtmlHostilePages, RefusedWithExitCode2) {
  const TempDir dir;
  // An empty file is refused by the engine before any importer (IO-04).
  expect_refused(dir, "empty.html", "", "IO-04", "empty");
  expect_refused(dir, "notice.html", "<html><body><p>会议通知</p></body></html>", "HTML-05");
  std::string deep = "<html><body>";
  for (int i = 0; i < 200000; ++i)
    deep += "<div>";
  expect_refused(dir, "deep.html", deep, "HTML-03", "deeper than 512 levels");
  expect_refused(dir, "binary.html", std::string("<html>\0\0\0", 9), "HTML-02", "NUL");
}

// A page that stops in the middle of table 三: the report is read as far as it goes, and what is
// missing is an error naming it.
TEST(HtmlHostilePages, CutOffPage) {
  const TempDir dir;
  const std::string page = export_as(load("tests/data/corpus/pingtan-2021.json"), "html");
  const std::size_t cut = page.find("（三）不予公开");
  ASSERT_NE(cut, std::string::npos);
  const auto result = import_bytes(dir, "cut.html", page.substr(0, cut));
  const nianbao::Diagnostic* d = find(result.diagnostics, "HTML-09");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::error);
  EXPECT_NE(message(*d).find("政府信息公开行政复议、行政诉讼情况"), std::string::npos)
      << message(*d);
}

// A page that stops right after the first rows of table 三 (三 of its 25 rows, as a truncated page
// of a district report does): those rows are read with every cell, not dropped with the whole
// table, and the cut names the rows that are missing.
TEST(HtmlHostilePages, CutOffAfterTheFirstRowsOfTableThree) {
  const TempDir dir;
  const Report original = load("tests/data/corpus/pingtan-2021.json");
  const std::string page = export_as(original, "html");
  const std::size_t granted = page.find("（一）予以公开");
  ASSERT_NE(granted, std::string::npos);
  const std::size_t row_end = page.find("</tr>", granted);
  ASSERT_NE(row_end, std::string::npos);
  const auto result = import_bytes(dir, "cut.html", page.substr(0, row_end + 5));
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  const auto expected = json_of(original)["tables"]["applications"];
  const auto read = json_of(*result.report)["tables"]["applications"];
  for (const char* row : {"new", "carried_over", "granted"})
    EXPECT_EQ(read[row], expected[row]) << row;
  const nianbao::Diagnostic* d = find(result.diagnostics, "HTML-09");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::error);
  EXPECT_NE(message(*d).find("（二）部分公开"), std::string::npos) << message(*d);
}

// ---- tables printed without their header rows
// ----------------------------------------------------

// The page as nianbao writes it, without the rows of column headers and block captions.
std::string without_header_rows(const std::string& page) {
  std::string out;
  std::size_t at = 0;
  while (at < page.size()) {
    std::size_t end = page.find('\n', at);
    end = end == std::string::npos ? page.size() : end + 1;
    const std::string line = page.substr(at, end - at);
    const bool header =
        line.rfind("<tr>", 0) == 0 && (line.find("class=\"header") != std::string::npos ||
                                       line.find("block-caption") != std::string::npos);
    if (!header) out += line;
    at = end;
  }
  return out;
}

// Without header rows the columns are the format's, in its order, when every row holds exactly as
// many cells as the format has columns (tables 二 and 三), and table 四's one row of cells holds
// its 15 cells with the format's sums: every table reads exactly.
TEST(HtmlHeaderless, PlacedByTheFormatsColumnsWhenUnique) {
  const TempDir dir;
  const Report original = load("tests/data/corpus/pingtan-2021.json");
  const std::string page = without_header_rows(export_as(original, "html"));
  ASSERT_EQ(page.find("本年制发件数"), std::string::npos);
  ASSERT_EQ(page.find("结果维持"), std::string::npos);
  const auto result = import_bytes(dir, "no-header.html", page);
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  EXPECT_EQ(json_of(*result.report)["tables"], json_of(original)["tables"]);
}

// A row with one cell more than the format's columns: which cell is which cannot be told, and the
// page is refused, naming the table and the row.
TEST(HtmlHeaderless, RowsWithOtherCellCountsAreRefused) {
  const TempDir dir;
  std::string page =
      without_header_rows(export_as(load("tests/data/corpus/pingtan-2021.json"), "html"));
  const std::size_t row = page.find("（一）予以公开");
  ASSERT_NE(row, std::string::npos);
  page.insert(page.find("</tr>", row), "<td>1</td>");
  const auto result = import_bytes(dir, "extra.html", page);
  EXPECT_FALSE(result.report);
  const nianbao::Diagnostic* d = find(result.diagnostics, "HTML-05");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  const std::string text = message(*d, nianbao::Language::en);
  EXPECT_NE(text.find("no column header row"), std::string::npos) << text;
  EXPECT_NE(text.find("（一）予以公开"), std::string::npos) << text;
  EXPECT_NE(text.find("7, 8 cells"), std::string::npos) << text;
}

// Table 四 without headers whose sums do not hold for the format's order: not placed, refused with
// the sum that fails.
TEST(HtmlHeaderless, TableFourWhoseSumsFailIsRefused) {
  const TempDir dir;
  std::string page =
      without_header_rows(export_as(load("tests/data/corpus/pingtan-2021.json"), "html"));
  const std::size_t values = page.rfind("<tr><td>1</td><td>0</td><td>2</td>");
  ASSERT_NE(values, std::string::npos);
  page.replace(values, 14, "<tr><td>7</td>");
  const auto result = import_bytes(dir, "t4.html", page);
  EXPECT_FALSE(result.report);
  const nianbao::Diagnostic* d = find(result.diagnostics, "HTML-05");
  ASSERT_TRUE(d) << codes(result.diagnostics);
  const std::string text = message(*d, nianbao::Language::en);
  EXPECT_NE(text.find("without any label"), std::string::npos) << text;
  EXPECT_NE(text.find("T4-01"), std::string::npos) << text;
}

}  // namespace
