// The spreadsheet importers (XLSX, CSV) and the fill-in template writer, through the engine as
// the CLI uses them, and the CLI itself for hostile files. Workbooks are built here from their XML
// (so that every kind of cell the importer must read is written exactly), zipped with libzip, or
// assembled byte by byte where a test needs a zip no library would write (bombs, lying headers).
#include <gtest/gtest.h>
#include <iconv.h>
#include <nianbao/engine.h>
#include <nianbao/report_json.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "raw_zip.h"
#include "time_bound.h"

namespace fs = std::filesystem;
using nianbao::Cell;
using nianbao::Diagnostic;
using nianbao::Engine;
using nianbao::ImportResult;
using nianbao::Report;

// Sanitizer builds run many times slower (tests/CMakeLists.txt): there the time bounds only say
// "no hang".

namespace {

Engine& engine() {
  static Engine e([] {
    nianbao::EngineOptions o;
    o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
    o.use_environment = false;
    o.use_install_dir = false;
    return o;
  }());
  return e;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Dir {
 public:
  Dir() {
    path_ = fs::temp_directory_path() /
            ("nianbao-sheet-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~Dir() { fs::remove_all(path_); }
  fs::path file(const std::string& name, const std::string& bytes) const {
    fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// ---- building workbooks ------------------------------------------------------------------------

std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  fs::path tmp = fs::temp_directory_path() / ("nianbao-zip-" + std::to_string(::getpid()) + ".zip");
  int error = 0;
  zip_t* z = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::string bytes = slurp(tmp);
  fs::remove(tmp);
  return bytes;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// Cells as SpreadsheetML writes them.
std::string istr(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + xml_escape(text) +
         "</t></is></c>";
}
std::string num(const std::string& ref, const std::string& v) {
  return "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
}
std::string sstr(const std::string& ref, int index) {
  return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(index) + "</v></c>";
}
std::string fml(const std::string& ref, const std::string& f, const std::string& cached = "") {
  return "<c r=\"" + ref + "\"><f>" + xml_escape(f) + "</f>" +
         (cached.empty() ? "" : "<v>" + cached + "</v>") + "</c>";
}

int row_of(const std::string& cell_xml) {
  auto r = cell_xml.find("r=\"") + 3;
  while (!std::isdigit(static_cast<unsigned char>(cell_xml[r])))
    ++r;
  return std::stoi(cell_xml.substr(r));
}

std::string sheet_xml(const std::vector<std::string>& cells,
                      const std::vector<std::string>& merges = {}) {
  std::map<int, std::string> rows;
  for (const auto& c : cells)
    rows[row_of(c)] += c;
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData>";
  for (const auto& [r, content] : rows)
    x += "<row r=\"" + std::to_string(r) + "\">" + content + "</row>";
  x += "</sheetData>";
  if (!merges.empty()) {
    x += "<mergeCells count=\"" + std::to_string(merges.size()) + "\">";
    for (const auto& m : merges)
      x += "<mergeCell ref=\"" + m + "\"/>";
    x += "</mergeCells>";
  }
  return x + "</worksheet>";
}

struct Book {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, sheet XML
  std::vector<std::string> shared;                          // shared strings (raw <si> content)
  std::string workbook_pr;                                  // e.g. date1904="1"
  std::string calc_pr;                                      // e.g. fullCalcOnLoad="1"
};

std::vector<std::pair<std::string, std::string>> parts_of(const Book& b) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::string types =
      "<?xml version=\"1.0\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
  parts.emplace_back("[Content_Types].xml", types);
  parts.emplace_back("_rels/.rels",
                     "<?xml version=\"1.0\"?><Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" "
                     "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "officeDocument\" Target=\"xl/workbook.xml\"/>"
                     "</Relationships>");
  std::string wb =
      "<?xml version=\"1.0\"?><workbook "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships\"><workbookPr " +
      b.workbook_pr + "/><sheets>";
  std::string rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 0; i < b.sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    wb += "<sheet name=\"" + xml_escape(b.sheets[i].first) + "\" sheetId=\"" + n + "\" r:id=\"rId" +
          n + "\"/>";
    rels +=
        "<Relationship Id=\"rId" + n +
        "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
        "Target=\"worksheets/sheet" +
        n + ".xml\"/>";
    parts.emplace_back("xl/worksheets/sheet" + n + ".xml", b.sheets[i].second);
  }
  wb += "</sheets>" + (b.calc_pr.empty() ? std::string() : "<calcPr " + b.calc_pr + "/>") +
        "</workbook>";
  if (!b.shared.empty()) {
    rels +=
        "<Relationship Id=\"rIdS\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "sharedStrings\" "
        "Target=\"sharedStrings.xml\"/>";
    std::string sst =
        "<?xml version=\"1.0\"?><sst "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    for (const auto& si : b.shared)
      sst += "<si>" + si + "</si>";
    parts.emplace_back("xl/sharedStrings.xml", sst + "</sst>");
  }
  parts.emplace_back("xl/workbook.xml", wb);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  return parts;
}

std::string xlsx_of(const Book& b) {
  return zip_of(parts_of(b));
}

// A sheet from lines of comma-separated texts (no quoting): integers become number cells.
std::string sheet_of_lines(const std::string& lines) {
  std::vector<std::string> cells;
  std::istringstream in(lines);
  std::string line;
  for (int r = 1; std::getline(in, line); ++r) {
    std::istringstream fields(line);
    std::string f;
    for (int c = 0; std::getline(fields, f, ','); ++c) {
      if (f.empty()) continue;
      std::string ref = std::string(1, static_cast<char>('A' + c)) + std::to_string(r);
      bool integer = std::all_of(f.begin(), f.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) || ch == '-';
      });
      cells.push_back(integer ? num(ref, f) : istr(ref, f));
    }
  }
  return sheet_xml(cells);
}

// Table 四 as published, under a title that names the year (the layout alone fits both formats):
// A1 title, headers in rows 2–4, the 15 values in row 5.
std::vector<std::string> table_four(
    const std::vector<std::string>& values,
    const std::string& title = "某区人民政府2023年政府信息公开工作年度报告") {
  std::vector<std::string> cells = {istr("A1", title), istr("A2", "行政复议"),
                                    istr("F2", "行政诉讼"), istr("F3", "未经复议直接起诉"),
                                    istr("K3", "复议后起诉")};
  const char* labels[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  for (int c = 0; c < 15; ++c)
    cells.push_back(istr(std::string(1, static_cast<char>('A' + c)) + "4", labels[c % 5]));
  cells.insert(cells.end(), values.begin(), values.end());
  return cells;
}
const std::vector<std::string> kTableFourMerges = {"A2:E3", "F2:O2", "F3:J3", "K3:O3"};

std::vector<std::string> zeros_row(int row) {
  std::vector<std::string> v;
  for (int c = 0; c < 15; ++c)
    v.push_back(num(std::string(1, static_cast<char>('A' + c)) + std::to_string(row), "0"));
  return v;
}

// ---- importing ---------------------------------------------------------------------------------

ImportResult import(const Dir& dir, const std::string& name, const std::string& bytes,
                    const std::map<std::string, std::string>& options = {}) {
  return engine().import_file(dir.file(name, bytes).string(), "", options);
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

std::string message(const Diagnostic& d, nianbao::Language lang = nianbao::Language::en) {
  return engine().render_message(d.message_id, d.args, lang);
}

std::string codes(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds)
    out += d.code + ": " + message(d) + "\n";
  return out;
}

// The error an unreadable file gives, with its code; fails the test otherwise.
Diagnostic sole_error(const ImportResult& r, const std::string& code) {
  EXPECT_FALSE(r.report) << "read a report out of a file that should be refused";
  const Diagnostic* d = find(r.diagnostics, code);
  EXPECT_NE(d, nullptr) << "expected " << code << ", got:\n" << codes(r.diagnostics);
  return d ? *d : Diagnostic{};
}

const Cell& cell(const Report& r, const std::string& t, const std::string& row,
                 const std::string& col) {
  const Cell* c = r.find_cell(t, row, col);
  static Cell missing = Cell::not_applicable("(missing)");
  EXPECT_NE(c, nullptr) << t << "/" << row << "/" << col;
  return c ? *c : missing;
}

void expect_number(const Cell& c, const std::string& value, const std::string& raw = "") {
  EXPECT_EQ(c.state, Cell::State::number) << "raw " << c.raw;
  EXPECT_EQ(c.value.to_string(), value);
  EXPECT_EQ(c.raw, raw);
}

// ---- the CLI, for what a user sees -------------------------------------------------------------

struct Outcome {
  int code = -1;
  std::string out, err;
  double seconds = 0;
};

Outcome run_cli(const Dir& dir, const std::string& args, const std::string& env = "") {
  std::string cmd = env + " env -u NIANBAO_PLUGIN_PATH " + std::string(NIANBAO_CLI) + " " + args +
                    " >" + (dir.path() / "stdout").string() + " 2>" +
                    (dir.path() / "stderr").string() + " </dev/null";
  auto start = std::chrono::steady_clock::now();
  int status = std::system(cmd.c_str());
  Outcome o;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(dir.path() / "stdout");
  o.err = slurp(dir.path() / "stderr");
  return o;
}

}  // namespace

// ================================================================================================
// Cell values
// ================================================================================================

// Every kind of cell a workbook may hold, in table 四's row of 15 values.
TEST(XlsxValues, EveryKindOfCell) {
  Dir dir;
  Book b;
  b.shared = {"<t>１２</t>", "<r><rPr><b/></rPr><t>行政</t></r><r><t>复议</t></r>"};
  std::vector<std::string> values = {
      num("A5", "3"),  // a number
      sstr("B5", 0),   // shared string, full-width
      "<c r=\"C5\" t=\"inlineStr\"><is><r><t>4</t></r><r><t>5</t></r></is></c>",  // rich-text runs
      istr("D5", "3,985,758"),  // thousands separators
      fml("E5", "SUM(A5:D5)"),  // no cached value
      istr("F5", "/"),          // not applicable
      istr("G5", "—"),
      // H5 blank
      fml("I5", "1+1", "2"),                                               // cached value
      fml("J5", "A5+2", "99"),                                             // cached, stale
      "<c r=\"K5\" t=\"e\"><v>#REF!</v></c>",                              // an error value
      "<c r=\"L5\"><f t=\"shared\" ref=\"L5:M5\" si=\"0\">$A5+1</f></c>",  // shared formula
      "<c r=\"M5\"><f t=\"shared\" si=\"0\"/></c>",
      "<c r=\"N5\"><f t=\"shared\" ref=\"N5:O5\" si=\"1\">A5+1</f></c>",
      "<c r=\"O5\"><f t=\"shared\" si=\"1\"/></c>",  // B5+1: text + 1, which cannot be calculated
  };
  auto cells = table_four(values);
  cells[1] = sstr("A2", 1);  // the group header as rich text: 行政 + 复议
  b.sheets = {{"表四", sheet_xml(cells, kTableFourMerges)}};
  ImportResult r = import(dir, "values.xlsx", xlsx_of(b));
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  const Report& rep = *r.report;
  EXPECT_EQ(rep.format, "gov-2021");
  EXPECT_EQ(rep.year, 2023);
  expect_number(cell(rep, "review_litigation", "review", "upheld"), "3");
  expect_number(cell(rep, "review_litigation", "review", "corrected"), "12", "１２");
  expect_number(cell(rep, "review_litigation", "review", "other"), "45");
  expect_number(cell(rep, "review_litigation", "review", "pending"), "3985758", "3,985,758");
  // SUM counts numbers only, as a spreadsheet does: the three text cells are left out.
  expect_number(cell(rep, "review_litigation", "review", "total"), "3");
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "upheld").state,
            Cell::State::not_applicable);
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "upheld").raw, "/");
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "corrected").raw, "—");
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "other").state, Cell::State::blank);
  expect_number(cell(rep, "review_litigation", "litigation_direct", "pending"), "2");
  expect_number(cell(rep, "review_litigation", "litigation_direct", "total"),
                "99");  // trusted cache
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_after_review", "upheld").raw, "#REF!");
  expect_number(cell(rep, "review_litigation", "litigation_after_review", "corrected"), "4");
  expect_number(cell(rep, "review_litigation", "litigation_after_review", "other"), "4");
  expect_number(cell(rep, "review_litigation", "litigation_after_review", "pending"), "4");
  const Cell& uncalculated = cell(rep, "review_litigation", "litigation_after_review", "total");
  EXPECT_EQ(uncalculated.state, Cell::State::blank);
  EXPECT_EQ(uncalculated.raw, "=B5+1");  // the shared formula moved one column
  // Every value keeps its place.
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "pending").source.sheet, "表四");
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "pending").source.cell, "I5");
  EXPECT_EQ(cell(rep, "review_litigation", "litigation_direct", "other").source.cell, "H5");

  const Diagnostic* error_value = find(r.diagnostics, "XLSX-09");
  ASSERT_NE(error_value, nullptr) << codes(r.diagnostics);
  EXPECT_EQ(error_value->location.source.cell, "K5");
  EXPECT_EQ(error_value->location.logical.row, "litigation_after_review");
  const Diagnostic* cannot = find(r.diagnostics, "XLSX-10");
  ASSERT_NE(cannot, nullptr) << codes(r.diagnostics);
  EXPECT_EQ(cannot->location.source.cell, "O5");
  EXPECT_NE(message(*cannot).find("=B5+1"), std::string::npos) << message(*cannot);
  const Diagnostic* calculated = find(r.diagnostics, "XLSX-11");
  ASSERT_NE(calculated, nullptr) << codes(r.diagnostics);
  EXPECT_EQ(calculated->severity, nianbao::Severity::info);
  EXPECT_NE(message(*calculated).find("表四!E5"), std::string::npos) << message(*calculated);
  const Diagnostic* found = find(r.diagnostics, "XLSX-08");
  ASSERT_NE(found, nullptr);
  EXPECT_NE(message(*found).find("gov-2021"), std::string::npos);
}

// Some writers put the SpreadsheetML elements under a prefix (<x:c>): the same workbook.
TEST(XlsxValues, NamespacePrefixes) {
  Dir dir;
  Book b;
  std::string plain = sheet_xml(table_four(zeros_row(5)), kTableFourMerges);
  std::string prefixed;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    prefixed += plain[i];
    bool opens =
        plain[i] == '<' && i + 1 < plain.size() && plain[i + 1] != '?' && plain[i + 1] != '/';
    bool closes = plain[i] == '/' && i > 0 && plain[i - 1] == '<';
    if (opens || closes) prefixed += "x:";
  }
  std::string from = "xmlns=\"", to = "xmlns:x=\"";
  prefixed.replace(prefixed.find(from), from.size(), to);
  b.sheets = {{"表四", prefixed}};
  ImportResult r = import(dir, "prefixed.xlsx", xlsx_of(b));
  ASSERT_TRUE(r.report) << codes(r.diagnostics) << prefixed.substr(0, 400);
  expect_number(cell(*r.report, "review_litigation", "litigation_after_review", "total"), "0");
  EXPECT_EQ(cell(*r.report, "review_litigation", "litigation_after_review", "total").source.cell,
            "O5");
}

// A file that asks to be recalculated when opened (as openpyxl and libxlsxwriter write them) has
// placeholders for cached values: nianbao calculates instead.
TEST(XlsxValues, RecalculateOnLoadOverridesCachedValues) {
  Dir dir;
  Book b;
  b.calc_pr = "fullCalcOnLoad=\"1\"";
  auto values = zeros_row(5);
  values[0] = num("A5", "3");
  values[9] = fml("J5", "A5+2", "99");
  values[4] = fml("E5", "SUM(A5:D5)", "0");
  b.sheets = {{"Sheet1", sheet_xml(table_four(values), kTableFourMerges)}};
  ImportResult r = import(dir, "recalc.xlsx", xlsx_of(b));
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  expect_number(cell(*r.report, "review_litigation", "litigation_direct", "total"), "5");
  expect_number(cell(*r.report, "review_litigation", "review", "total"), "3");
}

// Formulas over other sheets, with quoted and unquoted names; nested and circular ones.
TEST(XlsxValues, FormulasAcrossSheetsAndCycles) {
  Dir dir;
  Book b;
  auto values = zeros_row(5);
  values[0] = fml("A5", "'数据 表'!A1+数据2!B2-1");
  values[1] = fml("B5", "SUM(A5,数据2!B2,(2+3))");
  values[2] = fml("C5", "D5+1");
  values[3] = fml("D5", "C5+1");                     // a cycle
  values[5] = fml("F5", "ROUND(A5,0)");              // a function nianbao does not calculate
  values[6] = "<c r=\"G5\"><f>A5+1</f><v></v></c>";  // openpyxl's "no value": calculated
  b.sheets = {{"表四", sheet_xml(table_four(values), kTableFourMerges)},
              {"数据 表", sheet_xml({num("A1", "10")})},
              {"数据2", sheet_xml({num("B2", "5")})}};
  ImportResult r = import(dir, "cross.xlsx", xlsx_of(b));
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  expect_number(cell(*r.report, "review_litigation", "review", "upheld"), "14");
  expect_number(cell(*r.report, "review_litigation", "review", "corrected"), "24");
  EXPECT_EQ(cell(*r.report, "review_litigation", "review", "other").state, Cell::State::blank);
  EXPECT_EQ(cell(*r.report, "review_litigation", "litigation_direct", "upheld").state,
            Cell::State::blank);
  expect_number(cell(*r.report, "review_litigation", "litigation_direct", "corrected"), "15");
  int uncalculated = 0;
  for (const auto& d : r.diagnostics)
    if (d.code == "XLSX-10") ++uncalculated;
  EXPECT_EQ(uncalculated, 3) << codes(r.diagnostics);
}

// The metadata sheet of the template: dates in both date systems, words for the kind of agency.
TEST(XlsxValues, MetadataAnd1904Dates) {
  Dir dir;
  auto book = [](bool date1904, const std::string& serial) {
    Book b;
    b.workbook_pr = date1904 ? "date1904=\"1\"" : "";
    b.sheets = {
        {"基本信息",
         sheet_xml({istr("A1", "报告年度"), istr("B1", "2023年"), istr("A2", "公开日期"),
                    num("B2", serial), istr("A3", "机关类型"), istr("B3", "本级政府"),
                    istr("A4", "机关名称"), istr("B4", " 某区人民政府 ")})},
        {"表四", sheet_xml(table_four(zeros_row(5), "行政复议、行政诉讼"), kTableFourMerges)}};
    return b;
  };
  // 2021-01-29 is serial 44225 in the 1900 date system and 1462 days less in the 1904 one.
  for (auto [date1904, serial] : {std::pair{false, "44225"}, std::pair{true, "42763"}}) {
    ImportResult r = import(dir, "meta.xlsx", xlsx_of(book(date1904, serial)));
    ASSERT_TRUE(r.report) << codes(r.diagnostics);
    EXPECT_EQ(r.report->published, "2021-01-29") << "date1904=" << date1904;
    EXPECT_EQ(r.report->year, 2023);
    EXPECT_EQ(r.report->format, "gov-2021");  // the year decides what the layout cannot
    EXPECT_EQ(r.report->agency.kind, "government");
    EXPECT_EQ(r.report->agency.name, "某区人民政府");
  }
  // Entries that cannot be used are reported where they are.
  Book bad = book(false, "44225");
  bad.sheets[0].second =
      sheet_xml({istr("A1", "报告年度"), istr("B1", "二〇二三"), istr("A2", "机关类型"),
                 istr("B2", "街道办"), istr("A3", "格式"), istr("B3", "gov-1999")});
  ImportResult r =
      import(dir, "bad-meta.xlsx", xlsx_of(bad), {{"year", "2023"}, {"colour", "blue"}});
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  int warnings = 0, unknown_options = 0;
  for (const auto& d : r.diagnostics) {
    if (d.code == "XLSX-12") ++warnings;
    if (d.code == "IMP-04") ++unknown_options;
  }
  EXPECT_EQ(warnings, 3) << codes(r.diagnostics);         // year, kind, format
  EXPECT_EQ(unknown_options, 1) << codes(r.diagnostics);  // colour (ImporterBase)
  const Diagnostic* year = find(r.diagnostics, "XLSX-12");
  ASSERT_NE(year, nullptr);
  EXPECT_EQ(r.report->year, 2023);  // from the option
}

// The layout decides the format; a metadata sheet that names another one is reported.
TEST(XlsxValues, MetadataFormatDisagreesWithLayout) {
  Dir dir;
  Book b;
  b.sheets = {{"基本信息", sheet_xml({istr("A1", "格式"), istr("B1", "gov-2021"),
                                      istr("A2", "报告年度"), num("B2", "2020")})},
              {"表二", sheet_of_lines("第二十条第（一）项\n"
                                      "信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n"
                                      "规章,0,0,2\n"
                                      "规范性文件,35,35,405\n"
                                      "第二十条第（五）项\n"
                                      "信息内容,上一年项目数量,本年增/减,处理决定数量\n"
                                      "行政许可,0,-3,0\n"
                                      "其他对外管理服务事项,2,0,0\n")}};
  ImportResult r = import(dir, "mismatch.xlsx", xlsx_of(b));
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  EXPECT_EQ(r.report->format, "gov-2019");
  expect_number(cell(*r.report, "proactive", "licensing", "delta"), "-3");
  const Diagnostic* mismatch = find(r.diagnostics, "XLSX-12");
  ASSERT_NE(mismatch, nullptr) << codes(r.diagnostics);
  EXPECT_EQ(mismatch->location.source.sheet, "基本信息");
  EXPECT_EQ(mismatch->location.source.cell, "B1");
  EXPECT_NE(message(*mismatch).find("gov-2019"), std::string::npos) << message(*mismatch);
}

// ================================================================================================
// Labels and layouts, through the CSV form of a sheet (the same recogniser reads both)
// ================================================================================================

// Table 三 of gov-2021 typed by hand: "1、" for "1.", spaces and a line break inside labels,
// full-width characters, straight quotes, shortened labels, a header split over two lines.
TEST(Layout, LabelsAsPeopleTypeThem) {
  // Row key, then the label columns A–C as CSV fields.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"new", "一、本年新收政府信息公开申请数量,,"},
      {"carried_over", "二、 上年结转政府信息公开申请数量,,"},
      {"granted", "三、本年度办理结果,（一）予以公开,"},
      {"partially_granted", ",（二）部分公开,"},
      {"denied.state_secret", ",（三）不予公开,１、属于国家秘密"},
      {"denied.prohibited_by_law", ",,\"2 . 其他法律\n行政法规禁止公开\""},
      {"denied.security_stability", ",,\"3.危及\"\"三安全一稳定\"\"\""},
      {"denied.third_party", ",,4．保护第三方合法权益"},
      {"denied.internal_affairs", ",,5、属于三类内部事务信息"},
      {"denied.process_info", ",,(6)属于四类过程性信息"},
      {"denied.enforcement_files", ",,7.属于行政执法案卷"},
      {"denied.inquiry", ",,8.属于行政查询事项"},
      {"unavailable.not_held", ",（四）无法提供,1.本机关不掌握相关政府信息"},
      {"unavailable.needs_creation", ",,2.没有现成信息需要另行制作"},
      {"unavailable.unclear", ",,3.补正后申请内容仍不明确"},
      {"not_processed.petition", ",（五）不予处理,1.信访举报投诉类申请"},
      {"not_processed.duplicate", ",,2.重复申请"},
      {"not_processed.publication", ",,3.要求提供公开出版物"},
      {"not_processed.excessive", ",,4.无正当理由大量反复申请"},
      {"not_processed.confirmation", ",,5.要求行政机关确认或重新出具已获取信息"},
      {"other.no_correction", ",（六）其他处理,逾期不补正"},
      {"other.fee_unpaid", ",,2.申请人逾期未按收费通知要求缴纳费用"},
      {"other.other", ",,3.其他"},
      {"results_total", ",（七）总计,"},
      {"carried_forward", "四、结转下年度继续办理,,"},
  };
  std::string csv =
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,,,申请人情况\n"
      ",,,自然人,法人或其他组织,,,,,总计\n"
      ",,,,\"商业\n企业\",科研机构,社会公益 组织,法律服务机构,其他,\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line = rows[i].second;
    for (int c = 0; c < 7; ++c)
      line += "," + std::to_string(100 * (static_cast<int>(i) + 1) + c);
    csv += line + "\n";
  }
  Dir dir;
  ImportResult r = import(dir, "labels-2021.csv", csv);
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  EXPECT_EQ(r.report->format, "gov-2021");
  const char* columns[] = {"natural_person", "commercial", "research", "social_welfare",
                           "legal_services", "other_org",  "total"};
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (int c = 0; c < 7; ++c)
      expect_number(cell(*r.report, "applications", rows[i].first, columns[c]),
                    std::to_string(100 * (static_cast<int>(i) + 1) + c));
  // The CSV's places: the line and the cell.
  const Cell& first = cell(*r.report, "applications", "new", "natural_person");
  EXPECT_EQ(first.source.cell, "D4");  // the fourth record, as a spreadsheet program opens it
  EXPECT_EQ(first.source.line, 5);     // which starts on line 5: a header holds a line break
  const Diagnostic* detected = find(r.diagnostics, "CSV-06");
  ASSERT_NE(detected, nullptr);
  EXPECT_NE(message(*detected).find("UTF-8"), std::string::npos);
}

// Table 四 typed as a grid — its groups as rows, the five results as columns — reads the same.
TEST(Layout, TableFourAsAGrid) {
  Dir dir;
  ImportResult r = import(dir, "t4-grid.csv",
                          "某区人民政府2023年政府信息公开工作年度报告\n"
                          ",结果维持,结果纠正,其他结果,尚未审结,总计\n"
                          "行政复议,1,2,3,4,10\n"
                          "行政诉讼 未经复议直接起诉,0,0,0,1,1\n"
                          "复议后起诉,0,－1,0,0,0\n");
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  EXPECT_EQ(r.report->format, "gov-2021");
  expect_number(cell(*r.report, "review_litigation", "review", "total"), "10");
  expect_number(cell(*r.report, "review_litigation", "litigation_direct", "pending"), "1");
  expect_number(cell(*r.report, "review_litigation", "litigation_after_review", "corrected"), "-1",
                "－1");
  EXPECT_EQ(cell(*r.report, "review_litigation", "review", "upheld").source.cell, "B3");
}

// A spreadsheet that is no report: the error says what was expected and what was found.
TEST(Layout, NeitherFormatSaysWhatWasExpectedAndFound) {
  Dir dir;
  Book b;
  b.sheets = {{"人员名单", sheet_xml({istr("A1", "姓名"), istr("B1", "年龄"), istr("A2", "张三"),
                                      num("B2", "30")})}};
  Diagnostic d = sole_error(import(dir, "people.xlsx", xlsx_of(b)), "XLSX-06");
  std::string zh = message(d, nianbao::Language::zh);
  for (const char* expected : {"gov-2019", "gov-2021", "规章", "一、本年新收政府信息公开申请数量",
                               "行政复议", "人员名单", "姓名", "年龄"})
    EXPECT_NE(zh.find(expected), std::string::npos) << expected << " in " << zh;
  Diagnostic c = sole_error(import(dir, "people.csv", "姓名,年龄\n张三,30\n"), "CSV-04");
  EXPECT_NE(message(c).find("姓名"), std::string::npos) << message(c);
}

// Table 四 alone fits both formats: without a year it cannot be told which.
TEST(Layout, AmbiguousWithoutAYear) {
  Dir dir;
  Book b;
  b.sheets = {{"S", sheet_xml(table_four(zeros_row(5), "复议诉讼"), kTableFourMerges)}};
  Diagnostic d = sole_error(import(dir, "t4.xlsx", xlsx_of(b)), "XLSX-07");
  EXPECT_NE(message(d).find("gov-2019"), std::string::npos);
  EXPECT_NE(message(d).find("gov-2021"), std::string::npos);
  // A year in the file name, or the options, decide.
  ImportResult named = import(dir, "复议诉讼-2020.xlsx", xlsx_of(b));
  ASSERT_TRUE(named.report) << codes(named.diagnostics);
  EXPECT_EQ(named.report->format, "gov-2019");
  ImportResult option = import(dir, "t4.xlsx", xlsx_of(b), {{"format", "gov-2021"}});
  ASSERT_TRUE(option.report) << codes(option.diagnostics);
  EXPECT_EQ(option.report->format, "gov-2021");
  std::string csv = "table,row,column,value\nreview_litigation,review,upheld,1\n";
  sole_error(import(dir, "long.csv", csv), "CSV-05");
  ImportResult long_named = import(dir, "long-2022.csv", csv);
  ASSERT_TRUE(long_named.report) << codes(long_named.diagnostics);
  EXPECT_EQ(long_named.report->format, "gov-2021");
}

// The layout decides the format, not the year: a 2021 report in the 2019 layout is read as gov-2019
// (and the general checks say the format does not fit the year).
TEST(Layout, FormatComesFromTheLayout) {
  Dir dir;
  ImportResult r =
      engine().import_file(std::string(NIANBAO_SOURCE_DIR) + "/examples/huaibei-2020/report.xlsx");
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  EXPECT_EQ(r.report->format, "gov-2019");
  const Diagnostic* found = find(r.diagnostics, "XLSX-08");
  ASSERT_NE(found, nullptr);
  EXPECT_NE(message(*found).find("gov-2019"), std::string::npos);
  EXPECT_NE(message(*found).find("依申请公开及复议诉讼"), std::string::npos) << message(*found);
}

// ================================================================================================
// The published-layout example against its JSON
// ================================================================================================

TEST(Example, HuaibeiWorkbookHasTheTablesOfTheJson) {
  const std::string dir = std::string(NIANBAO_SOURCE_DIR) + "/examples/huaibei-2020/";
  ImportResult x = engine().import_file(dir + "report.xlsx");
  ImportResult j = engine().import_file(dir + "report.json");
  ASSERT_TRUE(x.report && j.report) << codes(x.diagnostics);
  const auto* format = engine().formats().find("gov-2019");
  auto tables = [&](const Report& r) {
    return nlohmann::json::parse(nianbao::write_report_json(r, *format))["tables"];
  };
  EXPECT_EQ(tables(*x.report), tables(*j.report));
  EXPECT_EQ(x.report->year, 2020);
  EXPECT_EQ(x.report->agency.name, j.report->agency.name);
  // The cells point into the workbook: 规范性文件 / 对外公开总数量 is D6 of the first sheet.
  const Cell& c = cell(*x.report, "proactive", "normative_documents", "total_published");
  EXPECT_EQ(c.source.sheet, "主动公开");
  EXPECT_EQ(c.source.cell, "D6");
}

// ================================================================================================
// The template writer, and reports written into it
// ================================================================================================

// The empty template of each format reads back as that format, with its totals as formulas.
TEST(Template, EmptyTemplateReadsBack) {
  Dir dir;
  for (const char* id : {"gov-2019", "gov-2021"}) {
    const auto* format = engine().formats().find(id);
    ASSERT_NE(format, nullptr);
    Report empty;
    empty.format = id;
    empty.year = format->year_from;
    std::string bytes = engine().export_report(empty, *engine().find_exporter("xlsx-template"));
    ASSERT_TRUE(bytes.starts_with("PK"));
    ImportResult r = import(dir, std::string(id) + ".xlsx", bytes);
    ASSERT_TRUE(r.report) << codes(r.diagnostics);
    EXPECT_EQ(r.report->format, id);
    EXPECT_EQ(r.report->year, format->year_from);
    // Every cell of every table is there, blank — except the totals, 0 by their formulas.
    for (const auto& t : format->tables)
      for (const auto& b : t.blocks)
        for (const auto& row : b.rows)
          for (const auto& col : b.columns) {
            const Cell& c = cell(*r.report, t.key, row.key, col.key);
            bool total = col.key == "total" || row.key == "results_total";
            EXPECT_EQ(c.state, total ? Cell::State::number : Cell::State::blank)
                << t.key << "/" << row.key << "/" << col.key;
          }
    EXPECT_NE(find(r.diagnostics, "XLSX-11"), nullptr) << codes(r.diagnostics);
  }
}

// A report written into the template reads back as the same report: tables (values, blanks,
// "/", text as written, money with units), metadata and prose.
TEST(Template, ReportsRoundTrip) {
  Dir dir;
  for (const char* name :
       {"examples/huaibei-2020/report.json", "tests/data/corpus/pingtan-2021.json",
        "tests/data/corpus/huaian-2024.json",
        "tests/data/corpus/district-statistics-bureau-2023-partial.json"}) {
    ImportResult j = engine().import_file(std::string(NIANBAO_SOURCE_DIR) + "/" + name);
    ASSERT_TRUE(j.report) << name;
    Report original = *j.report;
    // Values the importers must keep: text as written, a money unit, not-applicable marks.
    if (original.format == "gov-2019") {
      original.table("proactive").row("procurement").set("amount", [] {
        Cell c = Cell::number(*nianbao::Decimal::parse("251000"));
        c.unit = "元";
        return c;
      }());
      original.table("applications").row("new").set("natural_person", [] {
        Cell c = Cell::count(36);
        c.raw = "３６件";
        return c;
      }());
    }
    const auto* format = engine().formats().find(original.format);
    std::string bytes = engine().export_report(original, *engine().find_exporter("xlsx-template"));
    ImportResult x = import(dir, "round.xlsx", bytes);
    ASSERT_TRUE(x.report) << name << "\n" << codes(x.diagnostics);
    // A sheet cannot tell a cell left blank from one the report lacks: both compare as absent.
    auto json_of = [&](const Report& r) {
      nlohmann::json doc = nlohmann::json::parse(nianbao::write_report_json(r, *format));
      nlohmann::json tables = nlohmann::json::object();
      for (auto& [t, rows] : doc["tables"].items()) {
        nlohmann::json kept = nlohmann::json::object();
        for (auto& [row, cells] : rows.items()) {
          nlohmann::json values = nlohmann::json::object();
          for (auto& [col, v] : cells.items())
            if (!v.is_null()) values[col] = v;
          if (!values.empty()) kept[row] = values;
        }
        if (!kept.empty()) tables[t] = kept;
      }
      doc["tables"] = tables;
      return doc;
    };
    EXPECT_EQ(json_of(*x.report), json_of(original)) << name;
  }
}

// The writer cannot create its file: a clear error, no output.
TEST(Template, CannotWriteIsAClearError) {
  Dir dir;
  fs::path out = dir.path() / "t.xlsx";
  Outcome o = run_cli(dir, "template --format gov-2021 --year 2023 -o " + out.string(),
                      "TMPDIR=/nonexistent/nianbao");
  EXPECT_EQ(o.code, 2) << o.err;
  EXPECT_NE(o.err.find("XLSX-13"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(out));
}

// ================================================================================================
// Hostile and broken files: a clear error within a second, never a crash or a hang
// ================================================================================================

namespace {

using raw_zip::deflated_repeat;
using raw_zip::stored;
using RawEntry = raw_zip::Entry;

// The parts of a small valid workbook, stored, with the sheet replaced by `sheet`.
std::vector<RawEntry> workbook_with_sheet(const RawEntry& sheet) {
  Book b;
  b.sheets = {{"表四", "placeholder"}};
  std::vector<RawEntry> entries;
  for (const auto& [name, data] : parts_of(b))
    entries.push_back(name == "xl/worksheets/sheet1.xml" ? sheet : stored(name, data));
  return entries;
}

// Imports through the engine (for the code) and runs `nianbao check` on it (for what a user sees):
// exit code 2, the code named, within a second.
void expect_refused(const Dir& dir, const std::string& name, const std::string& bytes,
                    const std::string& code, const std::string& words = "") {
  auto start = std::chrono::steady_clock::now();
  ImportResult r = import(dir, name, bytes);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Diagnostic d = sole_error(r, code);
  EXPECT_LT(seconds, nianbao::test::time_bound(1.0)) << name;
  EXPECT_EQ(d.location.source.file, (dir.path() / name).string());
  if (!words.empty()) {
    EXPECT_NE(message(d).find(words), std::string::npos) << message(d);
  }
  Outcome o = run_cli(dir, "--lang en check " + (dir.path() / name).string());
  EXPECT_EQ(o.code, 2) << name << "\n" << o.out << o.err;
  EXPECT_NE((o.out + o.err).find(code), std::string::npos) << o.out << o.err;
  EXPECT_LT(o.seconds, nianbao::test::time_bound(2.0))
      << name;  // the process, plugins loaded and all
}

}  // namespace

TEST(Hostile, TruncatedZip) {
  Dir dir;
  Book b;
  b.sheets = {{"表四", sheet_xml(table_four(zeros_row(5)), kTableFourMerges)}};
  std::string whole = xlsx_of(b);
  for (std::size_t cut : {whole.size() / 2, whole.size() - 10, std::size_t{100}})
    expect_refused(dir, "cut.xlsx", whole.substr(0, cut), "XLSX-01", "truncated");
  expect_refused(dir, "text.xlsx", "this is not a workbook\n", "XLSX-01");
  // A zip archive that is not a workbook (a DOCX, say).
  expect_refused(dir, "other.xlsx", zip_of({{"word/document.xml", "<w:document/>"}}), "XLSX-01",
                 "xl/workbook.xml");
}

TEST(Hostile, XmlBombs) {
  Dir dir;
  std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
      "t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>";
  expect_refused(dir, "laughs.xlsx",
                 raw_zip::archive(workbook_with_sheet(stored("xl/worksheets/sheet1.xml", laughs))),
                 "XLSX-04", "DTD");
  std::string deep = "<worksheet>";
  for (int i = 0; i < 200000; ++i)
    deep += "<a>";
  expect_refused(dir, "deep.xlsx",
                 raw_zip::archive(workbook_with_sheet(stored("xl/worksheets/sheet1.xml", deep))),
                 "XLSX-03", "deeper than 64 levels");
  expect_refused(dir, "broken.xlsx",
                 raw_zip::archive(workbook_with_sheet(
                     stored("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"))),
                 "XLSX-04");
}

// A sheet of 1 GiB decompressed (about 1 MiB in the file): refused from its declared size, and
// again when the header lies about it, and a smaller one by its compression ratio.
TEST(Hostile, ZipBombs) {
  Dir dir;
  std::string row = "<row><c><v>1</v></c></row>";
  std::string chunk;
  while (chunk.size() < (1u << 20))
    chunk += row;
  chunk.resize(1u << 20);
  RawEntry gigabyte = deflated_repeat("xl/worksheets/sheet1.xml", chunk, 1024);
  ASSERT_EQ(static_cast<std::uint64_t>(gigabyte.size), 1ull << 30);
  ASSERT_LT(gigabyte.data.size(), 8u << 20);
  expect_refused(dir, "bomb.xlsx", raw_zip::archive(workbook_with_sheet(gigabyte)), "XLSX-03",
                 "--limit zip-entry-bytes");
  RawEntry lying = gigabyte;
  lying.size = 1000;
  expect_refused(dir, "lying.xlsx", raw_zip::archive(workbook_with_sheet(lying)), "XLSX-03",
                 "declares");
  // 32 MiB of spaces: within the size limit, but compressed a thousandfold.
  RawEntry dense = deflated_repeat("xl/worksheets/sheet1.xml", std::string(1u << 20, ' '), 32);
  expect_refused(dir, "ratio.xlsx", raw_zip::archive(workbook_with_sheet(dense)), "XLSX-03",
                 "--limit zip-ratio");
}

// Entries no workbook has and that only make sense as an attack, or that cannot be read: the whole
// archive is refused before any part of it is used.
TEST(Hostile, UnsafeSymlinkAndEncryptedEntries) {
  Dir dir;
  Book b;
  b.sheets = {{"表四", sheet_xml(table_four(zeros_row(5)), kTableFourMerges)}};
  auto with = [&](const RawEntry& extra) {
    std::vector<RawEntry> entries;
    for (const auto& [name, data] : parts_of(b))
      entries.push_back(stored(name, data));
    entries.push_back(extra);
    return raw_zip::archive(entries);
  };
  expect_refused(dir, "dotdot.xlsx", with(stored("xl/../../evil.xml", "<x/>")), "XLSX-01",
                 "unsafe name");
  expect_refused(dir, "absolute.xlsx", with(stored("/etc/evil.xml", "<x/>")), "XLSX-01",
                 "/etc/evil.xml");
  expect_refused(dir, "link.xlsx", with(raw_zip::symlink("xl/media/link", "/etc/passwd")),
                 "XLSX-01", "symbolic link");
  RawEntry locked = stored("xl/worksheets/sheet1.xml", "<worksheet/>");
  locked.flags = 0x1;
  std::vector<RawEntry> entries;
  for (const auto& [name, data] : parts_of(b))
    entries.push_back(name == locked.name ? locked : stored(name, data));
  expect_refused(dir, "locked.xlsx", raw_zip::archive(entries), "XLSX-02", "encrypted");
}

TEST(Hostile, TooManyEntries) {
  Dir dir;
  Book b;
  b.sheets = {{"表四", sheet_xml(table_four(zeros_row(5)), kTableFourMerges)}};
  std::vector<RawEntry> entries;
  for (const auto& [name, data] : parts_of(b))
    entries.push_back(stored(name, data));
  for (int i = 0; i < 10001; ++i)
    entries.push_back(stored("x/" + std::to_string(i), ""));
  expect_refused(dir, "entries.xlsx", raw_zip::archive(entries), "XLSX-03", "--limit zip-entries");
}

// The parts together may not exceed kMaxTotalBytes, each within its own limits (big comments,
// which cost nothing to parse, fill them).
TEST(Hostile, TotalDecompressedSize) {
  Dir dir;
  std::mt19937 random(7);
  std::string chunk(1u << 20, ' ');
  for (std::size_t i = 0; i < chunk.size(); i += 256)
    chunk[i] = static_cast<char>('a' + random() % 26);
  std::string head = "<worksheet><!--", tail = "--><sheetData/></worksheet>";
  Book b;
  for (int i = 0; i < 5; ++i)
    b.sheets.push_back({"S" + std::to_string(i), "placeholder"});
  std::vector<RawEntry> entries;
  for (const auto& [name, data] : parts_of(b)) {
    if (!name.starts_with("xl/worksheets/")) {
      entries.push_back(stored(name, data));
      continue;
    }
    RawEntry e = deflated_repeat(name, chunk, 60);
    // The comment's opening and closing are in the first and last chunk.
    RawEntry first = deflated_repeat(name, head + chunk.substr(head.size()), 1);
    RawEntry last = deflated_repeat(name, chunk.substr(0, chunk.size() - tail.size()) + tail, 1);
    RawEntry middle = deflated_repeat(name, chunk, 58);
    e.data = first.data.substr(0, first.data.size() - 2) +
             middle.data.substr(0, middle.data.size() - 2) + last.data;
    e.crc = static_cast<std::uint32_t>(
        crc32_combine(crc32_combine(first.crc, middle.crc, 58l << 20), last.crc, 1l << 20));
    entries.push_back(e);
  }
  auto start = std::chrono::steady_clock::now();
  Diagnostic d = sole_error(import(dir, "total.xlsx", raw_zip::archive(entries)), "XLSX-03");
  EXPECT_NE(message(d).find("--limit zip-total-bytes"), std::string::npos) << message(d);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(10.0));
}

TEST(Hostile, MissingSheetAndBrokenReferences) {
  Dir dir;
  Book b;
  b.sheets = {{"表四", sheet_xml(table_four(zeros_row(5)), kTableFourMerges)}, {"表三", "x"}};
  auto parts = parts_of(b);
  std::erase_if(parts, [](auto& p) { return p.first == "xl/worksheets/sheet2.xml"; });
  expect_refused(dir, "missing.xlsx", zip_of(parts), "XLSX-05", "表三");
  Book refs;
  refs.sheets = {{"S", sheet_xml({num("ZZZZ1", "1")})}};
  expect_refused(dir, "ref.xlsx", xlsx_of(refs), "XLSX-05", "ZZZZ1");
  Book shared;
  shared.shared = {"<t>a</t>"};
  shared.sheets = {{"S", sheet_xml({sstr("A1", 7)})}};
  expect_refused(dir, "shared.xlsx", xlsx_of(shared), "XLSX-05");
}

// Within the byte limits a sheet can hold millions of cells; more than kMaxCells are refused.
TEST(Hostile, TooManyCells) {
  Dir dir;
  std::string rows;
  for (int r = 1; r <= 100001; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\">";
    for (char col = 'A'; col <= 'J'; ++col)
      rows += "<c><v>1</v></c>";
    rows += "</row>";
  }
  Book b;
  b.sheets = {{"S", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"}};
  auto start = std::chrono::steady_clock::now();
  Diagnostic d = sole_error(import(dir, "cells.xlsx", xlsx_of(b)), "XLSX-03");
  EXPECT_NE(message(d).find("the limit of 1000000"), std::string::npos) << message(d);
  // 30 MB of XML is parsed before the count is reached.
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(10.0));
}

// Formulas that nest brackets deeply and refer to each other in a long chain: calculated as far
// as the depth budget goes, then reported — the stack never overflows.
TEST(Hostile, DeeplyNestedFormulas) {
  Dir dir;
  std::vector<std::string> cells;
  // A1 refers to A2, … to A150: calculating A1 nests all of them at once.
  for (int r = 1; r <= 150; ++r) {
    std::string f = std::string(60, '(') +
                    (r == 150 ? std::string("1") : "A" + std::to_string(r + 1)) +
                    std::string(60, ')') + "+1";
    cells.push_back(fml("A" + std::to_string(r), f));
  }
  auto values = zeros_row(155);
  values[0] = fml("A155", "A1");
  auto t4 = table_four(values);
  // Table 四 lower down, its rows moved to 151–155.
  std::vector<std::string> moved;
  for (auto x : t4) {
    for (const char* from : {"1\"", "2\"", "3\"", "4\""}) {
      auto pos = x.find(std::string("r=\""));
      if (pos == std::string::npos) continue;
      std::size_t digits = x.find_first_of("0123456789", pos + 3);
      std::size_t quote = x.find('"', digits);
      if (x.substr(digits, quote - digits + 1) == from)
        x.replace(digits, quote - digits, std::to_string(150 + std::stoi(from)));
    }
    moved.push_back(x);
  }
  cells.insert(cells.end(), moved.begin(), moved.end());
  Book b;
  b.sheets = {{"S", sheet_xml(cells, {"A152:E153", "F152:O152", "F153:J153", "K153:O153"})}};
  auto start = std::chrono::steady_clock::now();
  ImportResult r = import(dir, "nested.xlsx", xlsx_of(b));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(1.0));
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  const Cell& upheld = cell(*r.report, "review_litigation", "review", "upheld");
  EXPECT_EQ(upheld.state, Cell::State::blank);
  EXPECT_EQ(upheld.raw, "=A1");
  const Diagnostic* d = find(r.diagnostics, "XLSX-10");
  ASSERT_NE(d, nullptr) << codes(r.diagnostics);
  EXPECT_EQ(d->location.source.cell, "A155");
}

// Excel 97–2003 files (and encrypted workbooks) are OLE compound files.
TEST(Hostile, LegacyXlsBinary) {
  Dir dir;
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(4096, '\0');
  expect_refused(dir, "old.xls", ole, "XLSX-02", ".xlsx");
  expect_refused(dir, "encrypted.xlsx", ole, "XLSX-02");
}

// ================================================================================================
// CSV
// ================================================================================================

namespace {

std::string iconv_to(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t left = in.size(), room = out.size();
  EXPECT_NE(iconv(cd, &src, &left, &dst, &room), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - room);
  return out;
}

// Table 二 of gov-2019 as printed, with the amount written with a unit.
std::string table_two_2019_csv() {
  return "淮北市人民政府办公室2020年政府信息公开工作年度报告,,,\n"
         "第二十条第（一）项,,,\n"
         "信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n"
         "规章,0,0,2\n"
         "规范性文件,35,35,405\n"
         "第二十条第（五）项,,,\n"
         "信息内容,上一年项目数量,本年增/减,处理决定数量\n"
         "行政许可,0,-3,0\n"
         "其他对外管理服务事项,2,0,0\n"
         "第二十条第（六）项,,,\n"
         "信息内容,上一年项目数量,本年增/减,处理决定数量\n"
         "行政处罚,\"3,985,758\",0,0\n"
         "行政强制,0,0,十二\n"
         "第二十条第（八）项,,,\n"
         "信息内容,上一年项目数量,本年增/减,\n"
         "行政事业性收费,0,0,\n"
         "第二十条第（九）项,,,\n"
         "信息内容,采购项目数量,采购总金额,\n"
         "政府集中采购,5,299.8万元,\n";
}

}  // namespace

// The same table in UTF-8, UTF-8 with BOM, GB18030 and UTF-16 (tab-separated, as Excel's
// "Unicode text" saves it): the same report, and the encoding said.
TEST(Csv, EncodingsAreDetectedAndSaid) {
  Dir dir;
  const std::string utf8 = table_two_2019_csv();
  // Tab-separated: the quoted "3,985,758" keeps its comma, and the title line has no tab at all.
  std::string out;
  bool quoted = false;
  for (char c : utf8) {
    if (c == '"') quoted = !quoted;
    out += (c == ',' && !quoted) ? '\t' : c;
  }
  out.replace(out.find("报告\t\t\t"), std::string("报告\t\t\t").size(), "报告");
  const std::vector<std::tuple<std::string, std::string, std::string>> variants = {
      {"utf8.csv", utf8, "UTF-8"},
      {"bom.csv", "\xEF\xBB\xBF" + utf8, "UTF-8 (BOM)"},
      {"gb.csv", iconv_to(utf8, "GB18030"), "GB18030"},
      {"gbk.csv", iconv_to(utf8, "GBK"), "GB18030"},  // GBK is part of GB18030
      {"utf16.csv", "\xFF\xFE" + iconv_to(out, "UTF-16LE"), "UTF-16LE (BOM)"},
  };
  std::string first_json;
  for (const auto& [name, bytes, encoding] : variants) {
    ImportResult r = import(dir, name, bytes);
    ASSERT_TRUE(r.report) << name << "\n" << codes(r.diagnostics);
    const Diagnostic* detected = find(r.diagnostics, "CSV-06");
    ASSERT_NE(detected, nullptr) << name;
    EXPECT_EQ(*detected->find_arg("encoding"), encoding) << name;
    EXPECT_EQ(r.report->format, "gov-2019");
    EXPECT_EQ(r.report->year, 2020);
    expect_number(cell(*r.report, "proactive", "normative_documents", "total_published"), "405");
    expect_number(cell(*r.report, "proactive", "licensing", "delta"), "-3");
    expect_number(cell(*r.report, "proactive", "penalty", "prev_items"), "3985758", "3,985,758");
    const Cell& amount = cell(*r.report, "proactive", "procurement", "amount");
    expect_number(amount, "299.8");
    EXPECT_EQ(amount.unit, std::optional<std::string>("万元"));
    // A word where a number belongs: kept, reported at its line and cell.
    EXPECT_EQ(cell(*r.report, "proactive", "enforcement", "decisions").raw, "十二");
    const Diagnostic* word = find(r.diagnostics, "CSV-07");
    ASSERT_NE(word, nullptr) << name;
    EXPECT_EQ(word->location.source.line, 13);
    EXPECT_EQ(word->location.source.cell, "D13");
    std::string json = nianbao::write_report_json(*r.report, *engine().formats().find("gov-2019"));
    // Identical reports, whatever the encoding (the file name aside).
    json = json.substr(json.find("\"tables\""));
    if (first_json.empty()) first_json = json;
    EXPECT_EQ(json, first_json) << name;
  }
}

TEST(Csv, UnreadableFiles) {
  Dir dir;
  // Bytes that are neither UTF-8 nor GB18030: the offset and line of the first.
  std::string bad = "规章,0,0,2\n规范性文件,\xFF\xFF\xFF,1\n";
  Diagnostic enc = sole_error(import(dir, "bad.csv", bad), "CSV-01");
  EXPECT_EQ(enc.location.source.line, 2);
  EXPECT_NE(message(enc).find("0xFF"), std::string::npos) << message(enc);
  std::string binary(
      "PK\x03\x04\x00\x00"
      "binary",
      12);
  sole_error(import(dir, "binary.csv", binary), "CSV-01");
  Diagnostic quote = sole_error(import(dir, "quote.csv", "a,b\n\"open,c\nd,e\n"), "CSV-02");
  EXPECT_EQ(quote.location.source.line, 2);
  std::string many;
  for (int i = 0; i < 150000; ++i)
    many += ",,,,,,,,,,,,,,,,,,,\n";  // 20 fields a line
  Diagnostic fields = sole_error(import(dir, "commas.csv", many), "CSV-02");
  EXPECT_NE(message(fields).find("2000000 fields"), std::string::npos) << message(fields);
}

// The long form: every cell by its keys; metadata and prose on their own lines.
TEST(Csv, LongForm) {
  Dir dir;
  ImportResult j = engine().import_file(std::string(NIANBAO_SOURCE_DIR) +
                                        "/tests/data/corpus/pingtan-2021.json");
  ASSERT_TRUE(j.report);
  const auto* format = engine().formats().find("gov-2021");
  std::string csv = "table,row,column,value\r\nmeta,year,,2021\r\nmeta,agency.kind,,本级政府\r\n";
  for (const auto& t : format->tables)
    for (const auto& b : t.blocks)
      for (const auto& row : b.rows)
        for (const auto& col : b.columns)
          if (const Cell* c = j.report->find_cell(t.key, row.key, col.key)) {
            std::string v = c->state == Cell::State::number ? c->value.to_string()
                            : c->state == Cell::State::not_applicable
                                ? (c->raw.empty() ? "/" : c->raw)
                                : "";
            csv += t.key + "," + row.key + "," + col.key + ",\"" + v + "\"\r\n";
          }
  csv += "section,overview,1,\"第一段，含逗号\"\r\nsection,overview,2,第二段\r\n";
  ImportResult r = import(dir, "cells.csv", csv);
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  EXPECT_EQ(r.report->format, "gov-2021");
  EXPECT_EQ(r.report->year, 2021);
  EXPECT_EQ(r.report->agency.kind, "government");
  auto tables = [&](const Report& rep) {
    return nlohmann::json::parse(nianbao::write_report_json(rep, *format))["tables"];
  };
  EXPECT_EQ(tables(*r.report), tables(*j.report));
  ASSERT_NE(r.report->find_section("overview"), nullptr);
  EXPECT_EQ(r.report->find_section("overview")->paragraphs.at(0).text, "第一段，含逗号");
  const Cell& natural = cell(*r.report, "applications", "new", "natural_person");
  // After the header, two metadata lines and the cells of table 二.
  std::size_t proactive_cells = 0;
  for (const auto& b : format->find_table("proactive")->blocks)
    proactive_cells += b.rows.size() * b.columns.size();
  EXPECT_EQ(natural.source.line, static_cast<int>(3 + proactive_cells + 1));
  // A key the format lacks, a repeated cell, an unknown metadata key.
  Diagnostic key = sole_error(
      import(dir, "key.csv", "table,row,column,value\napplications,new,natral_person,3\n"),
      "CSV-03");
  EXPECT_EQ(key.location.source.line, 2);
  EXPECT_NE(message(key).find("natral_person"), std::string::npos);
  sole_error(import(dir, "meta.csv",
                    "table,row,column,value\nmeta,colour,,blue\napplications,new,total,3\n"),
             "CSV-03");
  ImportResult twice =
      import(dir, "twice-2021.csv",
             "table,row,column,value\napplications,new,total,3\napplications,new,total,4\n");
  ASSERT_TRUE(twice.report) << codes(twice.diagnostics);
  expect_number(cell(*twice.report, "applications", "new", "total"), "3");
  const Diagnostic* dup = find(twice.diagnostics, "CSV-08");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->location.source.line, 3);
}

// A wrong cell in a CSV table is found at its line and cell by the arithmetic checks.
TEST(Csv, ArithmeticFindingAtTheCell) {
  Dir dir;
  std::string csv = table_two_2019_csv();
  // Table 四 of gov-2019, one group wrong by one: 1 + 0 + 0 + 0 ≠ 0.
  csv +=
      "\n行政复议,,,,,行政诉讼\n,,,,,未经复议直接起诉,,,,,复议后起诉\n"
      "结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,"
      "结果纠正,其他结果,尚未审结,总计\n"
      "1,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n";
  ImportResult r = import(dir, "t4.csv", csv);
  ASSERT_TRUE(r.report) << codes(r.diagnostics);
  auto findings = engine().validate(*r.report, {});
  const Diagnostic* t4 = find(findings, "T4-01");
  ASSERT_NE(t4, nullptr) << codes(findings);
  EXPECT_EQ(t4->location.source.cell, "E24");
  EXPECT_EQ(t4->location.source.line, 24);
}
