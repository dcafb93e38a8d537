// Published reports as text and PDF: every form of text in the corpus (Word text, web text with a
// cell a line, "|" cells, pdftotext -layout, flattened archive pages) and the PDF import to the
// tables of the hand-checked JSON, cell by cell; the metadata the text prints; exactly the
// findings the corpus README lists; and hostile files refused clearly (exit code 2).
#include <gtest/gtest.h>
#include <iconv.h>
#include <nianbao/engine.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nianbao/text.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "describe_cell.h"
#include "document/document.h"
#include "document/text_document.h"
#include "test_util.h"
#include "time_bound.h"

namespace fs = std::filesystem;
using namespace nianbao;

namespace {

Engine& engine() {
  return test::built_in_engine();
}

std::string corpus(const std::string& name) {
  return test::source_path("tests/data/corpus/" + name);
}

std::string slurp(const fs::path& p) {
  return test::slurp(p.string());
}

class Dir : public test::TempDir {
 public:
  Dir() : TempDir("nianbao-text") {}
};

struct Outcome {
  int code = -1;
  std::string out, err;
  double seconds = 0;
};

Outcome run_cli(const Dir& dir, const std::string& args) {
  std::string cmd = "env -u NIANBAO_PLUGIN_PATH " + std::string(NIANBAO_CLI) + " " + args + " >" +
                    (dir.path() / "stdout").string() + " 2>" + (dir.path() / "stderr").string() +
                    " </dev/null";
  auto start = std::chrono::steady_clock::now();
  int status = std::system(cmd.c_str());
  Outcome o;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(dir.path() / "stdout");
  o.err = slurp(dir.path() / "stderr");
  return o;
}

Report import_ok(const std::string& path) {
  ImportResult r = engine().import_file(path);
  std::string why;
  for (const auto& d : r.diagnostics)
    why += d.code + " " + engine().render_message(d.message_id, d.args, Language::en) + "\n";
  EXPECT_TRUE(r.report) << path << "\n" << why;
  return r.report ? *r.report : Report{};
}

using test::describe;

// Every cell of the expected report is in the imported one with the same state, value and unit,
// and the imported one has no cell the expected one lacks. `undecided` lists the cells ("table/
// row/column") an import may leave blank because their printed figures split in several ways.
void expect_same_tables(const Report& expected, const Report& got, const std::string& what,
                        const std::set<std::string>& undecided = {}) {
  std::size_t compared = 0;
  for (const auto& t : expected.tables)
    for (const auto& row : t.rows)
      for (const auto& [column, cell] : row.cells) {
        const std::string key = t.key + "/" + row.key + "/" + column;
        const Cell* g = got.find_cell(t.key, row.key, column);
        if (!g) {
          ADD_FAILURE() << what << ": missing " << key;
          continue;
        }
        ++compared;
        if (undecided.count(key)) {
          EXPECT_EQ(g->state, Cell::State::blank) << what << ": " << key;
          continue;
        }
        EXPECT_EQ(describe(*g), describe(cell)) << what << ": " << key;
      }
  for (const auto& t : got.tables)
    for (const auto& row : t.rows)
      for (const auto& [column, cell] : row.cells)
        EXPECT_TRUE(expected.find_cell(t.key, row.key, column))
            << what << ": unexpected " << t.key << "/" << row.key << "/" << column;
  EXPECT_GT(compared, 0u) << what;
}

// The prose, part by part and paragraph by paragraph, as the hand-checked JSON has it.
void expect_same_sections(const Report& expected, const Report& got, const std::string& what) {
  for (const auto& section : expected.sections) {
    const Section* g = got.find_section(section.key);
    if (!g) {
      ADD_FAILURE() << what << ": missing part " << section.key;
      continue;
    }
    ASSERT_EQ(g->paragraphs.size(), section.paragraphs.size()) << what << ": " << section.key;
    for (std::size_t i = 0; i < section.paragraphs.size(); ++i)
      EXPECT_EQ(g->paragraphs[i].text, section.paragraphs[i].text)
          << what << ": " << section.key << " ¶" << i + 1;
  }
  for (const auto& section : got.sections)
    EXPECT_TRUE(expected.find_section(section.key)) << what << ": unexpected " << section.key;
}

std::size_t reconstructed_cells(const Report& r) {
  std::size_t n = 0;
  for (const auto& t : r.tables)
    for (const auto& row : t.rows)
      for (const auto& [column, cell] : row.cells)
        n += cell.reconstructed ? 1 : 0;
  return n;
}

// The findings of an import and a check, without the importers' own account of what they read
// (TXT-03, PDF-04: informational).
std::multiset<std::string> findings(const std::string& path, const std::string& previous = {}) {
  ImportResult r = engine().import_file(path);
  std::multiset<std::string> codes;
  for (const auto& d : r.diagnostics)
    if (d.code != "TXT-03" && d.code != "PDF-04") codes.insert(d.code);
  if (!r.report) return codes;
  ValidateOptions options;
  std::optional<Report> prev;
  if (!previous.empty()) {
    prev = engine().import_file(previous).report;
    EXPECT_TRUE(prev) << previous;
    options.previous = prev ? &*prev : nullptr;
  }
  for (const auto& d : engine().validate(*r.report, options))
    codes.insert(d.code);
  return codes;
}

using Codes = std::multiset<std::string>;

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

std::string message(const Diagnostic& d, Language lang = Language::en) {
  return engine().render_message(d.message_id, d.args, lang);
}

void expect_metadata(const Report& expected, const Report& got, const std::string& what,
                     bool published_printed) {
  EXPECT_EQ(got.format, expected.format) << what;
  EXPECT_EQ(got.year, expected.year) << what;
  EXPECT_EQ(got.agency.name, expected.agency.name) << what;
  EXPECT_EQ(got.agency.kind, expected.agency.kind) << what;
  EXPECT_EQ(got.contact.phone, expected.contact.phone) << what;
  EXPECT_EQ(got.contact.address, expected.contact.address) << what;
  EXPECT_EQ(got.contact.postcode, expected.contact.postcode) << what;
  EXPECT_EQ(got.published, published_printed ? expected.published : std::string()) << what;
}

document::Metadata metadata_of(const std::string& path) {
  std::string text = slurp(path);
  document::TextDocument doc = document::read_text_document(text, engine().formats());
  return document::read_metadata(doc.document);
}

}  // namespace

// ================================================================================================
// The corpus: tables, metadata, findings
// ================================================================================================

// Word's text: one tab-indented cell per line; table 二 stands before its heading.
TEST(Corpus, HuaibeiWordText) {
  const std::string path = corpus("huaibei-office-2020.txt");
  Report expected =
      import_ok(std::string(NIANBAO_SOURCE_DIR) + "/examples/huaibei-2020/report.json");
  Report got = import_ok(path);
  expect_same_tables(expected, got, "huaibei");
  expect_same_sections(expected, got, "huaibei");
  expect_metadata(expected, got, "huaibei", false);
  EXPECT_EQ(reconstructed_cells(got), 0u);
  // A cell's place is its line: table 二's 规章 row, 对外公开总数量 "2".
  const Cell* c = got.find_cell("proactive", "regulations", "total_published");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->source.line, 32);
  EXPECT_EQ(c->source.file, path);
  // Sections by heading, the title kept out of the preamble.
  ASSERT_TRUE(got.find_section("preamble"));
  EXPECT_EQ(got.find_section("preamble")->paragraphs.size(), 1u);
  EXPECT_EQ(got.find_section("overview")->paragraphs.size(), 14u);
  EXPECT_EQ(got.find_section("problems")->paragraphs.size(), 2u);
  EXPECT_EQ(got.find_section("other")->paragraphs.front().text, "无");
  document::Metadata m = metadata_of(path);
  EXPECT_EQ(m.period_from, "2020-01-01");
  EXPECT_EQ(m.period_to, "2020-12-31");
  EXPECT_EQ(m.title_year, 2020);
  EXPECT_EQ(findings(path), (Codes{"NT-03", "NT-03", "CEL-05"}));
}

// pdftotext -layout: space-aligned columns, page footers, wrapped and vertical labels.
TEST(Corpus, HuaianLayoutText) {
  const std::string path = corpus("huaian-2024.txt");
  Report expected = import_ok(corpus("huaian-2024.json"));
  Report got = import_ok(path);
  expect_same_tables(expected, got, "huaian");
  expect_metadata(expected, got, "huaian", false);
  // Wrapped lines joined without spaces, across page footers.
  expect_same_sections(expected, got, "huaian");
  document::Metadata m = metadata_of(path);
  EXPECT_EQ(m.period_from, "2024-01-01");
  EXPECT_EQ(m.period_to, "2024-12-31");
  EXPECT_EQ(findings(path), Codes{"S6-02"});
}

// Web text, a cell a line; 2022's heading typo "行政法复议"; cross-year continuity.
TEST(Corpus, PingtanWebText) {
  for (const char* year : {"2021", "2022"}) {
    const std::string path = corpus(std::string("pingtan-") + year + ".txt");
    Report expected = import_ok(corpus(std::string("pingtan-") + year + ".json"));
    Report got = import_ok(path);
    expect_same_tables(expected, got, path);
    // Paragraphs run together on a line are told apart ("…解读。（二）依申请公开方面").
    expect_same_sections(expected, got, path);
    // 2021's page prints "时间：2022-02-08 16:34"; 2022's text has no date.
    expect_metadata(expected, got, path, std::string(year) == "2021");
    EXPECT_EQ(findings(path), Codes{}) << path;
    document::Metadata m = metadata_of(path);
    EXPECT_EQ(m.period_from, std::string(year) + "-01-01");
    EXPECT_EQ(m.period_to, std::string(year) + "-12-31");
    // The web page's chrome before the title is not the preamble.
    EXPECT_EQ(got.find_section("preamble")->paragraphs.front().text,
              expected.find_section("preamble")->paragraphs.front().text);
  }
  EXPECT_EQ(findings(corpus("pingtan-2022.txt"), corpus("pingtan-2021.txt")), Codes{});
  EXPECT_EQ(findings(corpus("pingtan-2022.txt"), corpus("pingtan-2021.json")), Codes{});
}

// Archived pages whose tables lost their cell boundaries: every cell recovered by the sums is
// the hand-checked value and marked reconstructed; 行政规范性文件 ("693665", "8855698") has no
// sum to decide it and is reported (TXT-09), not guessed.
TEST(Corpus, PingtanFlattenedPages) {
  for (const char* year : {"2021", "2022"}) {
    const std::string path = corpus(std::string("raw/pingtan-") + year + "-flattened.txt");
    Report expected = import_ok(corpus(std::string("pingtan-") + year + ".json"));
    ImportResult r = engine().import_file(path);
    ASSERT_TRUE(r.report) << path;
    const std::set<std::string> undecided = {"proactive/normative_documents/issued",
                                             "proactive/normative_documents/repealed",
                                             "proactive/normative_documents/in_force"};
    expect_same_tables(expected, *r.report, path, undecided);
    expect_same_sections(expected, *r.report, path);
    expect_metadata(expected, *r.report, path, std::string(year) == "2021");
    const Diagnostic* ambiguous = find_code(r.diagnostics, "TXT-09");
    ASSERT_TRUE(ambiguous) << path;
    EXPECT_NE(message(*ambiguous).find("行政规范性文件"), std::string::npos);
    EXPECT_EQ(ambiguous->severity, Severity::warning);
    EXPECT_GT(ambiguous->location.source.character, 0);
    EXPECT_NE(find_code(r.diagnostics, "TXT-10"), nullptr);
    // Table 三's runs were split: "640020470" is 64 0 0 2 0 4 70.
    const Cell* c = r.report->find_cell("applications", "new", "natural_person");
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->reconstructed);
    EXPECT_EQ(c->source.line, 3);
    EXPECT_GT(reconstructed_cells(*r.report), 100u);
    // A figure printed on its own is read, not reconstructed.
    const Cell* licensing = r.report->find_cell("proactive", "licensing", "decisions");
    ASSERT_TRUE(licensing);
    EXPECT_FALSE(licensing->reconstructed);
  }
  // 2021's table 四 is one run of 17 digits for 15 cells: the three group sums decide it.
  ImportResult r = engine().import_file(corpus("raw/pingtan-2021-flattened.txt"));
  ASSERT_TRUE(r.report);
  const Cell* total = r.report->find_cell("review_litigation", "review", "total");
  ASSERT_TRUE(total);
  EXPECT_TRUE(total->reconstructed);
}

// Web text with "|" after every cell, cut off inside table 三: what is there is read, and the
// truncation is one clear error naming the missing rows, tables and parts.
TEST(Corpus, DistrictTruncatedPipeText) {
  const std::string path = corpus("district-statistics-bureau-2023-partial.txt");
  Report expected = import_ok(corpus("district-statistics-bureau-2023-partial.json"));
  ImportResult r = engine().import_file(path);
  ASSERT_TRUE(r.report);
  expect_same_tables(expected, *r.report, "district");
  expect_same_sections(expected, *r.report, "district");
  expect_metadata(expected, *r.report, "district", false);
  const Diagnostic* cut = find_code(r.diagnostics, "TXT-08");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->severity, Severity::error);
  EXPECT_EQ(cut->location.source.file, path);
  EXPECT_EQ(cut->location.source.line, 92);
  const std::string text = message(*cut);
  for (const char* missing : {"（二）部分公开", "（七）总计", "四、结转下年度继续办理",
                              "政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                              "六、其他需要报告的事项"})
    EXPECT_NE(text.find(missing), std::string::npos) << missing << "\n" << text;
  EXPECT_NE(text.find("（一）予以公开"), std::string::npos) << text;  // read last
  EXPECT_NE(text.find("Missing rows: “收到和处理政府信息公开申请情况” (22): “（二）部分公开"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("missing tables: “政府信息公开行政复议、行政诉讼情况”;"), std::string::npos)
      << text;
  EXPECT_EQ(findings(path), (Codes{"TXT-08", "STR-01", "STR-01", "STR-01", "STR-02", "CEL-02",
                                   "CEL-02", "CEL-02", "FMT-03"}));
}

// The same text in GB18030 (GBK), as Chinese Windows saves it.
TEST(Corpus, Gb18030Text) {
  Dir dir;
  std::string utf8 = slurp(corpus("pingtan-2022.txt"));
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  ASSERT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string gb(utf8.size() * 2, '\0');
  char* in = utf8.data();
  char* out = gb.data();
  std::size_t in_left = utf8.size(), out_left = gb.size();
  ASSERT_NE(iconv(cd, &in, &in_left, &out, &out_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  gb.resize(gb.size() - out_left);
  const std::string path = dir.file("pingtan-2022-gbk.txt", gb);
  ImportResult r = engine().import_file(path);
  ASSERT_TRUE(r.report);
  const Diagnostic* detected = find_code(r.diagnostics, "TXT-03");
  ASSERT_TRUE(detected);
  EXPECT_NE(message(*detected).find("GB18030"), std::string::npos);
  expect_same_tables(import_ok(corpus("pingtan-2022.json")), *r.report, "gb18030");
  EXPECT_EQ(r.report->agency.name, "平潭综合实验区");
}

// ================================================================================================
// PDF
// ================================================================================================

TEST(Pdf, HuaianReport) {
  const std::string path = corpus("huaian-2024.pdf");
  Report expected = import_ok(corpus("huaian-2024.json"));
  ImportResult r = engine().import_file(path);
  ASSERT_TRUE(r.report);
  expect_same_tables(expected, *r.report, "huaian.pdf");
  expect_same_sections(expected, *r.report, "huaian.pdf");
  expect_metadata(expected, *r.report, "huaian.pdf", false);
  const Diagnostic* detected = find_code(r.diagnostics, "PDF-04");
  ASSERT_TRUE(detected);
  EXPECT_NE(message(*detected).find("6 pages"), std::string::npos);
  // The tables are ruled: a cell's place is its page, table and cell (table 三 is the PDF's second
  // ruled table; row 4 is 一、本年新收, column 10 总计).
  const Cell* c = r.report->find_cell("applications", "new", "total");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->source.pointer, "page 4, 表2 第4行第10列");
  EXPECT_EQ(findings(path), Codes{"S6-02"});
  // The prose keeps its place in the layout text: page and line.
  const Section* overview = r.report->find_section("overview");
  ASSERT_TRUE(overview);
  ASSERT_FALSE(overview->paragraphs.empty());
  EXPECT_EQ(overview->paragraphs.front().source.pointer, "page 1");
  EXPECT_GT(overview->paragraphs.front().source.line, 0);
  const Section* other = r.report->find_section("other");
  ASSERT_TRUE(other);
  ASSERT_FALSE(other->paragraphs.empty());
  EXPECT_EQ(other->paragraphs.back().source.pointer, "page 6");
  EXPECT_GT(other->paragraphs.back().source.line, 0);
}

namespace {

// A PDF file of the given objects (object n is objects[n - 1], object 1 the catalog), with its
// cross-reference table.
std::string pdf_file(const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A PDF of one empty page, written by hand: valid, with no text at all (as a scan has none).
std::string empty_page_pdf() {
  return pdf_file({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      "<< /Length 0 >>\nstream\n\nendstream",
  });
}

}  // namespace

TEST(Pdf, UnreadableFilesAreClearErrors) {
  Dir dir;
  const std::string pdf = slurp(corpus("huaian-2024.pdf"));
  struct Case {
    std::string name, bytes, code, words;
  };
  std::vector<Case> cases = {
      {"not-a-pdf.pdf", "<html>这不是 PDF</html>", "PDF-01", "not a PDF"},
      {"cut-off.pdf", pdf.substr(0, 2000), "PDF-01", "cut off"},
      {"empty-page.pdf", empty_page_pdf(), "PDF-03", "text layer"},
  };
  for (const auto& c : cases) {
    const std::string path = dir.file(c.name, c.bytes);
    ImportResult r = engine().import_file(path, "pdf");
    EXPECT_FALSE(r.report) << c.name;
    const Diagnostic* d = find_code(r.diagnostics, c.code);
    ASSERT_TRUE(d) << c.name;
    EXPECT_EQ(d->location.source.file, path);
    EXPECT_NE(message(*d).find(c.words), std::string::npos) << message(*d);
    Outcome o = run_cli(dir, "check " + path);
    EXPECT_EQ(o.code, 2) << c.name << o.out << o.err;
    EXPECT_NE(o.out.find(c.code), std::string::npos) << o.out << o.err;
  }
  // The cut-off PDF says where it ends.
  ImportResult r = engine().import_file(dir.file("cut.pdf", pdf.substr(0, 2000)), "pdf");
  const Diagnostic* d = find_code(r.diagnostics, "PDF-01");
  ASSERT_TRUE(d);
  EXPECT_NE(message(*d).find("byte 2000"), std::string::npos) << message(*d);
}

TEST(Pdf, EncryptedPdfNeedsAPassword) {
  ASSERT_EQ(std::system("command -v qpdf >/dev/null 2>&1"), 0)
      << "qpdf is not installed (Debian: qpdf; .ci/install-deps installs it)";
  Dir dir;
  const std::string encrypted = (dir.path() / "locked.pdf").string();
  ASSERT_EQ(std::system(("qpdf --encrypt secret owner 256 -- " + corpus("huaian-2024.pdf") + " " +
                         encrypted)
                            .c_str()),
            0);
  ImportResult r = engine().import_file(encrypted);
  EXPECT_FALSE(r.report);
  const Diagnostic* d = find_code(r.diagnostics, "PDF-02");
  ASSERT_TRUE(d);
  EXPECT_NE(message(*d).find("password"), std::string::npos);
  EXPECT_EQ(run_cli(dir, "check " + encrypted).code, 2);
}

// ================================================================================================
// Hostile and unusual text
// ================================================================================================

TEST(Hostile, UnreadableTextIsAClearError) {
  Dir dir;
  std::string garbage;
  for (int i = 0; i < 4096; ++i)
    garbage += static_cast<char>((i * 7919 + 13) % 256);
  struct Case {
    std::string name, bytes, code, words;
    int line;
  };
  std::vector<Case> cases = {
      {"empty.txt", "", "IO-04", "empty", 0},  // refused by the engine before any importer
      {"blank.txt", "  \n\t\n\n", "TXT-02", "no text", 0},
      {"garbage.txt", garbage, "TXT-01", "", 0},
      // Neither UTF-8 nor GB18030 from the second line on (0xC3 0x28 is neither).
      {"invalid.txt", "一、总体情况\n\xC3\x28\n", "TXT-01", "byte 19", 2},
      {"control.txt", "一、总体情况\n正文\x01\n", "TXT-01", "control character", 2},
      {"no-tables.txt", "一、总体情况\n今年没有表格。\n", "TXT-04", "no table", 0},
  };
  for (const auto& c : cases) {
    const std::string path = dir.file(c.name, c.bytes);
    ImportResult r = engine().import_file(path);
    EXPECT_FALSE(r.report) << c.name;
    const Diagnostic* d = find_code(r.diagnostics, c.code);
    ASSERT_TRUE(d) << c.name;
    EXPECT_EQ(d->location.source.file, path) << c.name;
    if (c.line) {
      EXPECT_EQ(d->location.source.line, c.line) << c.name;
    }
    EXPECT_NE(message(*d).find(c.words), std::string::npos) << c.name << ": " << message(*d);
    EXPECT_FALSE(message(*d, Language::zh).empty());
    Outcome o = run_cli(dir, "check " + path);
    EXPECT_EQ(o.code, 2) << c.name << o.out << o.err;
    EXPECT_NE(o.out.find(c.code), std::string::npos) << c.name << o.out << o.err;
  }
}

// A single line of 100 MB: beyond the engine's input limit (64 MiB) by default; with that limit
// raised, refused by the text importer from its length, quickly and without decoding it.
TEST(Hostile, HundredMegabyteLine) {
  Dir dir;
  const std::string path = dir.file("one-line.txt", std::string(100u << 20, 'x'));
  ImportResult too_large = engine().import_file(path);
  ASSERT_TRUE(find_code(too_large.diagnostics, "IO-02"));
  auto start = std::chrono::steady_clock::now();
  ImportResult r = engine().import_file(path, {}, {{"limit.input-bytes", "128M"}});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(r.report);
  const Diagnostic* d = find_code(r.diagnostics, "TXT-02");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->location.source.line, 1);
  EXPECT_NE(message(*d).find("104857600 bytes"), std::string::npos) << message(*d);
  EXPECT_LT(seconds, nianbao::test::time_bound(1.5));
  Outcome o = run_cli(dir, "check " + path);
  EXPECT_EQ(o.code, 2);
  EXPECT_LT(o.seconds, nianbao::test::time_bound(3.0));
}

// Millions of cells and lines in a few megabytes: refused at the line where the reader stopped,
// in bounded time and memory.
TEST(Hostile, MillionsOfCells) {
  Dir dir;
  std::string pipes;
  for (int i = 0; i < 4000; ++i)
    pipes += std::string(1000, '|') + "\n";
  std::string tabs;
  for (int i = 0; i < 1000000; ++i)
    tabs += "\t0\n";
  std::string lines;
  for (int i = 0; i < 1000000; ++i)
    lines += "正文\n";
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"pipes.txt", pipes}, {"tabs.txt", tabs}, {"lines.txt", lines}}) {
    const std::string path = dir.file(name, bytes);
    auto start = std::chrono::steady_clock::now();
    ImportResult r = engine().import_file(path);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(r.report) << name;
    const Diagnostic* d = find_code(r.diagnostics, "TXT-02");
    ASSERT_TRUE(d) << name;
    EXPECT_GT(d->location.source.line, 0) << name;
    EXPECT_NE(message(*d).find("more table cells and paragraphs"), std::string::npos);
    EXPECT_LT(seconds, nianbao::test::time_bound(5.0)) << name;
  }
}

// Many long lines of digits and labels: the reader and the splitting stay bounded.
TEST(Hostile, LongFlattenedRuns) {
  Dir dir;
  std::string text = "一、总体情况 正文。 二、主动公开政府信息情况 规章" + std::string(900, '1') +
                     "行政规范性文件" + std::string(900, '7') +
                     " 三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量" +
                     std::string(5000, '3') + "二、上年结转政府信息公开申请数量" +
                     std::string(5000, '0') + "（七）总计" + std::string(5000, '9') +
                     " 五、存在的主要问题及改进情况 无。\n";
  std::string many;
  for (int i = 0; i < 200; ++i)
    many += text;
  const std::string path = dir.file("runs.txt", many);
  auto start = std::chrono::steady_clock::now();
  ImportResult r = engine().import_file(path);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, nianbao::test::time_bound(10.0));
  // Whatever was read, nothing was guessed: no run this long splits into figures.
  if (r.report) {
    for (const auto& t : r.report->tables)
      for (const auto& row : t.rows)
        for (const auto& [column, cell] : row.cells) {
          EXPECT_FALSE(cell.reconstructed) << t.key << "/" << row.key << "/" << column;
        }
  }
}

// A constructed flattened table 四 whose 18 digits split two ways that both satisfy every sum
// (2 1 10 0 13 or 2 11 0 0 13): the undecided cells are reported, never guessed, and the cells
// the sums do decide are read.
TEST(Flattened, AmbiguousSplitIsReportedNotGuessed) {
  Dir dir;
  std::string page =
      "淮北市某局2023年政府信息公开工作年度报告 本报告统计期限自2023年1月1日起至2023年12月31日"
      "止。 一、总体情况 全年工作正常。 二、主动公开政府信息情况 第二十条第（一）项 信息内容 "
      "本年制发件数 本年废止件数 现行有效件数 规章000行政规范性文件000第二十条第（五）项信息内容"
      "本年处理决定数量行政许可0第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0第二"
      "十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0 "
      "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
      "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未"
      "审结总计211001313331001102 五、存在的主要问题及改进情况 无。 六、其他需要报告的事项 无。";
  // Long enough to be read as a flattened page.
  const std::string path = dir.file("ambiguous.txt", page + "\n");
  ImportResult r = engine().import_file(path);
  ASSERT_TRUE(r.report);
  const Diagnostic* d = find_code(r.diagnostics, "TXT-09");
  ASSERT_TRUE(d);
  const std::string text = message(*d);
  EXPECT_NE(text.find("2 ways"), std::string::npos) << text;
  EXPECT_NE(text.find("结果纠正"), std::string::npos) << text;
  EXPECT_NE(text.find("其他结果"), std::string::npos) << text;
  EXPECT_EQ(d->location.source.line, 1);
  const Report& rep = *r.report;
  auto value = [&](const char* row, const char* column) {
    const Cell* c = rep.find_cell("review_litigation", row, column);
    return c ? describe(*c) : std::string("missing");
  };
  EXPECT_EQ(value("review", "corrected"), "blank");
  EXPECT_EQ(value("review", "other"), "blank");
  EXPECT_EQ(value("review", "upheld"), "2");
  EXPECT_EQ(value("review", "pending"), "0");
  EXPECT_EQ(value("review", "total"), "13");
  EXPECT_EQ(value("litigation_direct", "total"), "10");
  EXPECT_EQ(value("litigation_after_review", "total"), "2");
  EXPECT_TRUE(rep.find_cell("review_litigation", "review", "total")->reconstructed);
}

// ================================================================================================
// Headings and metadata
// ================================================================================================

// Headings by keyword, numbered alike and in order: a typo ("行政法复议"), a longer wording, and a
// sub-heading with a part's keyword inside 总体情况 that is not a heading.
TEST(Headings, VariantsAndTypos) {
  Dir dir;
  std::string text = slurp(corpus("pingtan-2022.txt"));
  // Prose under the typo heading lands in its part.
  const std::string typo = "四、政府信息公开行政法复议、行政诉讼情况\n";
  auto at = text.find(typo);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + typo.size(), "全年行政复议2件、行政诉讼1件。\n");
  // A sub-heading of 总体情况 that names part 二's keyword.
  const std::string overview_heading = "一、总体情况\n";
  ASSERT_NE(text.find(overview_heading), std::string::npos);
  text.insert(text.find(overview_heading) + overview_heading.size(), "（一）主动公开方面\n");
  text.replace(text.find("五、存在的主要问题及改进情况"),
               std::string("五、存在的主要问题及改进情况").size(),
               "五、政府信息公开工作存在的主要问题及改进情况");
  const std::string path = dir.file("pingtan-variants.txt", text);
  Report got = import_ok(path);
  const Section* review = got.find_section("review_litigation");
  ASSERT_TRUE(review);
  ASSERT_EQ(review->paragraphs.size(), 1u);
  EXPECT_EQ(review->paragraphs.front().text, "全年行政复议2件、行政诉讼1件。");
  ASSERT_TRUE(got.find_section("problems"));
  EXPECT_EQ(got.find_section("problems")->paragraphs.size(), 2u);
  // "（一）主动公开方面" stays in 总体情况.
  const Section* overview = got.find_section("overview");
  ASSERT_TRUE(overview);
  bool kept = false;
  for (const auto& p : overview->paragraphs)
    kept = kept || p.text == "（一）主动公开方面";
  EXPECT_TRUE(kept);
  EXPECT_FALSE(got.find_section("proactive"));
}

// Headings numbered "（一）" for the parts themselves.
TEST(Headings, BracketedPartNumbers) {
  Dir dir;
  std::string text = slurp(corpus("pingtan-2021.txt"));
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\n一、总体情况\n", "\n（一）总体情况\n"},
           {"\n二、主动公开政府信息情况\n", "\n（二）主动公开政府信息情况\n"},
           {"\n三、收到和处理政府信息公开申请情况\n", "\n（三）收到和处理政府信息公开申请情况\n"},
           {"\n四、政府信息公开行政复议、行政诉讼情况\n",
            "\n（四）政府信息公开行政复议、行政诉讼情况\n"},
           {"\n五、存在的主要问题及改进情况\n", "\n（五）存在的主要问题及改进情况\n"},
           {"\n六、其他需要报告的事项\n", "\n（六）其他需要报告的事项\n"}}) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  Report got = import_ok(dir.file("bracketed.txt", text));
  ASSERT_TRUE(got.find_section("overview"));
  ASSERT_TRUE(got.find_section("problems"));
  ASSERT_TRUE(got.find_section("other"));
  EXPECT_EQ(got.find_section("other")->paragraphs.front().text, "2021年，无收取信息处理费情况。");
  EXPECT_EQ(got.find_section("overview")->paragraphs.size(), 6u);
}

// The published date under the signature, and options.
TEST(Metadata, SignatureDateAndOptions) {
  Dir dir;
  std::string text = slurp(corpus("huaibei-office-2020.txt"));
  text += "\n淮北市人民政府办公室\n2021年1月29日\n";
  const std::string path = dir.file("huaibei-signed.txt", text);
  Report got = import_ok(path);
  EXPECT_EQ(got.published, "2021-01-29");
  ImportResult r = engine().import_file(path, "text", {{"colour", "red"}, {"year", "20x0"}});
  const Diagnostic* d = find_code(r.diagnostics, "IMP-04");  // ImporterBase
  ASSERT_TRUE(d);
  EXPECT_EQ(d->plugin, "text-importer");
  EXPECT_NE(message(*d).find("colour=red"), std::string::npos);
  // A year that is not four digits is said under the importer's metadata code, and left out.
  d = find_code(r.diagnostics, "TXT-07");
  ASSERT_TRUE(d);
  EXPECT_NE(message(*d).find("year=20x0"), std::string::npos) << message(*d);
  ASSERT_TRUE(r.report);
  EXPECT_EQ(r.report->year, 2020);  // from the text
}

// A text with tables but no year anywhere: said, with the importer's code.
TEST(Metadata, NoYearIsSaid) {
  Dir dir;
  std::string text = slurp(corpus("pingtan-2022.txt"));
  std::string stripped;
  for (char c : text)
    stripped += c;
  // Every "2022年" and "2022-" gone: no title, no period, no year in the name.
  for (const std::string y : {"2022", "2023", "2021"})
    for (auto at = stripped.find(y); at != std::string::npos; at = stripped.find(y))
      stripped.replace(at, y.size(), "");
  const std::string path = dir.file("no-year.txt", stripped);
  ImportResult r = engine().import_file(path);
  ASSERT_TRUE(r.report);
  EXPECT_EQ(r.report->year, 0);
  EXPECT_NE(find_code(r.diagnostics, "TXT-07"), nullptr);
  // The host's hint of a year (the service: the year of the address) settles it, unwarned; the
  // user's own year option comes first.
  ImportResult hinted = engine().import_file(path, "text", {{"hint.year", "2022"}});
  ASSERT_TRUE(hinted.report);
  EXPECT_EQ(hinted.report->year, 2022);
  EXPECT_EQ(find_code(hinted.diagnostics, "IMP-04"), nullptr);
  ImportResult both = engine().import_file(path, "text", {{"hint.year", "2022"}, {"year", "2023"}});
  ASSERT_TRUE(both.report);
  EXPECT_EQ(both.report->year, 2023);
}

// ================================================================================================
// PDFs written here: pages of given text lines
// ================================================================================================

namespace {

// A PDF whose pages print the given lines in a monospaced font (every character one em wide), so
// that their layout text is those lines. Written glyph by glyph: a Type0 font with Identity-H
// encoding and a ToUnicode map (no glyph outlines: poppler reads the text from the map).
std::string text_pdf(const std::vector<std::vector<std::string>>& pages, double size = 10) {
  std::map<char32_t, int> cid;
  std::vector<std::vector<std::u32string>> decoded;
  std::size_t widest = 0, longest = 0;
  for (const auto& page : pages) {
    decoded.emplace_back();
    for (const auto& line : page) {
      decoded.back().push_back(decode_utf8(line));
      for (char32_t c : decoded.back().back())
        cid.emplace(c, 0);
      widest = std::max(widest, decoded.back().back().size());
    }
    longest = std::max(longest, page.size());
  }
  int next = 1;
  for (auto& [c, id] : cid)
    id = next++;
  const double width = std::min(14400.0, std::max(595.0, 80 + static_cast<double>(widest) * size));
  const double height = std::max(842.0, 80 + static_cast<double>(longest) * size * 1.5);
  std::vector<std::string> objects;  // object n is objects[n - 1]
  auto hex4 = [](unsigned v) {
    char b[8];
    std::snprintf(b, sizeof b, "%04X", v);
    return std::string(b);
  };
  // 1 catalog, 2 pages, 3 font, 4 descendant, 5 descriptor, 6 ToUnicode, then page + content.
  std::string kids;
  for (std::size_t p = 0; p < pages.size(); ++p)
    kids += std::to_string(7 + 2 * p) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
                    " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type0 /BaseFont /NianbaoMono /Encoding /Identity-H "
      "/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>");
  objects.push_back(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NianbaoMono /CIDSystemInfo << /Registry "
      "(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 >>");
  objects.push_back(
      "<< /Type /FontDescriptor /FontName /NianbaoMono /Flags 4 /FontBBox [0 -200 1000 800] "
      "/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>");
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << "
      "/Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS "
      "def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<char32_t, int>> all(cid.begin(), cid.end());
  for (std::size_t i = 0; i < all.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, all.size() - i);
    cmap += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k)
      cmap += "<" + hex4(static_cast<unsigned>(all[k].second)) + "> <" +
              hex4(static_cast<unsigned>(all[k].first)) + ">\n";
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
  objects.push_back("<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap +
                    "\nendstream");
  char box[96];
  std::snprintf(box, sizeof box, "[0 0 %.0f %.0f]", width, height);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::string content;
    for (std::size_t l = 0; l < decoded[p].size(); ++l) {
      if (decoded[p][l].empty()) continue;
      char pos[96];
      std::snprintf(pos, sizeof pos, "BT /F1 %.1f Tf 1 0 0 1 40 %.1f Tm <", size,
                    height - 40 - static_cast<double>(l) * size * 1.5);
      content += pos;
      for (char32_t c : decoded[p][l])
        content += hex4(static_cast<unsigned>(cid[c]));
      content += "> Tj ET\n";
    }
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(box) +
                      " /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(8 + 2 * p) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "\nendstream");
  }
  return pdf_file(objects);
}

std::vector<std::string> lines_of(const std::string& text, std::size_t first, std::size_t count) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  for (std::size_t n = 0; std::getline(in, line); ++n)
    if (n >= first && n < first + count) out.push_back(line);
  return out;
}

// Table 四 alone: the same in both formats, so without a year the format cannot be told.
const std::vector<std::string> kTableFourOnly = {
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议                    行政诉讼",
    "                    未经复议直接起诉                    复议后起诉",
    "结果维持  结果纠正  其他结果  尚未审结  总计",
    "1    0    0    0    1    0    0    0    0    0    0    0    0    0    0",
};

// A gov-2021 table 二 with a figure written in words.
const std::vector<std::string> kWordsForFigures = {
    "2023年政府信息公开工作年度报告",
    "二、主动公开政府信息情况",
    "信息内容        本年制发件数    本年废止件数    现行有效件数",
    "规章            0               三十            11",
    "行政规范性文件  8               26              66",
    "信息内容        本年处理决定数量",
    "行政许可        447",
};

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines)
    out += l + "\n";
  return out;
}

}  // namespace

// The text forms the text importer reads, printed into PDFs: each PDF finding has its code.
TEST(Pdf, ConstructedPages) {
  Dir dir;
  // No table at all.
  {
    const std::string path =
        dir.file("prose.pdf", text_pdf({{"一、总体情况", "今年的工作没有表格可言。"}}));
    ImportResult r = engine().import_file(path);
    EXPECT_FALSE(r.report);
    EXPECT_NE(find_code(r.diagnostics, "PDF-05"), nullptr);
  }
  // Only table 四, no year: both formats fit.
  {
    ImportResult r = engine().import_file(dir.file("four.pdf", text_pdf({kTableFourOnly})));
    EXPECT_FALSE(r.report);
    const Diagnostic* d = find_code(r.diagnostics, "PDF-06");
    ASSERT_TRUE(d);
    EXPECT_NE(message(*d).find("gov-2019"), std::string::npos);
    // The year settles it.
    ImportResult y =
        engine().import_file(dir.path().string() + "/four.pdf", "pdf", {{"year", "2022"}});
    ASSERT_TRUE(y.report);
    EXPECT_EQ(y.report->format, "gov-2021");
    EXPECT_EQ(y.report->find_cell("review_litigation", "review", "total")->value.to_string(), "1");
  }
  // A figure in words: read as not applicable and said.
  {
    ImportResult r = engine().import_file(dir.file("words.pdf", text_pdf({kWordsForFigures})));
    ASSERT_TRUE(r.report);
    const Diagnostic* d = find_code(r.diagnostics, "PDF-07");
    ASSERT_TRUE(d);
    EXPECT_NE(message(*d).find("三十"), std::string::npos);
    EXPECT_EQ(describe(*r.report->find_cell("proactive", "regulations", "repealed")), "n/a(三十)");
    EXPECT_EQ(describe(*r.report->find_cell("proactive", "regulations", "in_force")), "11");
    // No year in the text, and an option that does not exist.
    ImportResult o = engine().import_file(dir.path().string() + "/words.pdf", "pdf",
                                          {{"colour", "red"}, {"year", "20x4"}});
    EXPECT_NE(find_code(o.diagnostics, "IMP-04"), nullptr);
    // A year that is not four digits: said under the importer's metadata code.
    const Diagnostic* year = find_code(o.diagnostics, "PDF-08");
    ASSERT_TRUE(year);
    EXPECT_NE(message(*year).find("year=20x4"), std::string::npos) << message(*year);
  }
  // The huaian report cut off inside table 三, on two pages.
  {
    const std::string text = slurp(corpus("huaian-2024.txt"));
    const std::string path =
        dir.file("cut.pdf", text_pdf({lines_of(text, 2, 60), lines_of(text, 62, 95)}));
    ImportResult r = engine().import_file(path);
    ASSERT_TRUE(r.report);
    const Diagnostic* d = find_code(r.diagnostics, "PDF-09");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->severity, Severity::error);
    EXPECT_NE(message(*d).find("（七）总计"), std::string::npos) << message(*d);
    EXPECT_NE(message(*d).find("六、其他需要报告的事项"), std::string::npos);
    EXPECT_EQ(r.report->find_cell("applications", "new", "total")->value.to_string(), "3119");
  }
}

// A flattened page printed on one wide line of a PDF: split by the sums, or reported.
TEST(Pdf, FlattenedLine) {
  Dir dir;
  const std::string page =
      "淮北市某局2023年政府信息公开工作年度报告 一、总体情况 全年工作正常。 "
      "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
      "规章000行政规范性文件123第二十条第（五）项信息内容本年处理决定数量行政许可0 "
      "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
      "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未"
      "审结总计211001313331001102 五、存在的主要问题及改进情况 无。";
  ImportResult r = engine().import_file(dir.file("flat.pdf", text_pdf({{page}}, 4)));
  ASSERT_TRUE(r.report);
  const Diagnostic* ambiguous = find_code(r.diagnostics, "PDF-10");
  ASSERT_TRUE(ambiguous);
  EXPECT_NE(message(*ambiguous).find("结果纠正"), std::string::npos) << message(*ambiguous);
  const Diagnostic* split = find_code(r.diagnostics, "PDF-11");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->severity, Severity::info);
  const Cell* c = r.report->find_cell("proactive", "normative_documents", "in_force");
  ASSERT_TRUE(c);
  EXPECT_EQ(describe(*c), "3");
  EXPECT_TRUE(c->reconstructed);
}

// The same findings from text: TXT-05 (format undecided) and TXT-06 (not a number).
TEST(Text, FormatUndecidedAndFiguresInWords) {
  Dir dir;
  ImportResult four = engine().import_file(dir.file("four.txt", joined(kTableFourOnly)));
  EXPECT_FALSE(four.report);
  EXPECT_NE(find_code(four.diagnostics, "TXT-05"), nullptr);
  ImportResult words = engine().import_file(dir.file("words.txt", joined(kWordsForFigures)));
  ASSERT_TRUE(words.report);
  const Diagnostic* d = find_code(words.diagnostics, "TXT-06");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->location.source.line, 4);
  EXPECT_EQ(d->location.logical.row, "regulations");
}

// ================================================================================================
// Layouts: Markdown, one cell a line, fixed-width columns with blank cells (docs/layouts.md)
// ================================================================================================

namespace {

// The hand-checked report with its zeros printed as `mark`: "" blank, else not applicable.
Report zeros_as(Report r, const std::string& mark) {
  for (auto& t : r.tables)
    for (auto& row : t.rows)
      for (auto& [column, cell] : row.cells)
        if (cell.is_number() && cell.value.to_string() == "0")
          cell = mark.empty() ? Cell::blank() : Cell::not_applicable(mark);
  return r;
}

std::string layout(const std::string& name) {
  return test::source_path("tests/data/layouts/" + name);
}

// A report of the 2021 format cut down to table 二's first block, laid out in `rows`.
std::string table_two(const std::string& rows) {
  return "2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n" + rows;
}

}  // namespace

// Markdown (.md): table 三 split into one small table per group of rows under placeholder headers
// that do not fit the rows, "-" for zeros; before, a .md file was an unknown type.
TEST(Layouts, MarkdownPerGroupWithPlaceholderHeaders) {
  const Report expected = zeros_as(import_ok(corpus("pingtan-2021.json")), "-");
  const Report got = import_ok(layout("pingtan-2021.md-groups.zero-dash.md"));
  expect_same_tables(expected, got, "pingtan-2021 Markdown per group");
}

// Markdown whole, merged cells empty, zeros blank; table 四 has no figure at all.
TEST(Layouts, MarkdownWholeWithBlankCells) {
  const Report expected =
      zeros_as(import_ok(test::source_path("examples/huaibei-2020/report.json")), "");
  const Report got = import_ok(layout("huaibei-2020.md.zero-empty.md"));
  expect_same_tables(expected, got, "huaibei-2020 Markdown");
}

// One cell a line, blank cells as empty lines: before, five of seven columns and eight rows were
// lost and the check reported rows missing (STR-02).
TEST(Layouts, OneCellALineWithEmptyLines) {
  const Report expected = zeros_as(import_ok(corpus("pingtan-2022.json")), "");
  const std::string path = layout("pingtan-2022.cell-lines.zero-empty.txt");
  const Report got = import_ok(path);
  expect_same_tables(expected, got, "pingtan-2022 one cell a line");
  EXPECT_EQ(findings(path).count("STR-02"), 0u);
}

// Fixed-width columns with row labels wrapped onto lines without figures.
TEST(Layouts, FixedWidthWithWrappedLabels) {
  const Report expected = zeros_as(import_ok(corpus("huaian-2024.json")), "/");
  const Report got = import_ok(layout("huaian-2024.fixed-width.zero-slash.txt"));
  expect_same_tables(expected, got, "huaian-2024 fixed width");
}

// Blank cells in fixed-width columns: the figures are placed under the columns they stand in; a
// row label alone on its line is a row of blank cells.
TEST(Layouts, FixedWidthBlankCellsPlacedByColumn) {
  Dir dir;
  const std::string path =
      dir.file("blank.txt",
               table_two("信息内容            本年制发件数      本年废止件数      现行有效件数\n"
                         "规章                   1                      11\n"
                         "行政规范性文件              8          26          66\n"));
  const Report r = import_ok(path);
  EXPECT_EQ(describe(*r.find_cell("proactive", "regulations", "issued")), "1");
  EXPECT_EQ(describe(*r.find_cell("proactive", "regulations", "repealed")), "blank");
  EXPECT_EQ(describe(*r.find_cell("proactive", "regulations", "in_force")), "11");
  const std::string all_blank = dir.file(
      "row.txt", table_two("信息内容            本年制发件数      本年废止件数      现行有效件数\n"
                           "规章\n"
                           "行政规范性文件              8          26          66\n"));
  const Report b = import_ok(all_blank);
  ASSERT_TRUE(b.find_cell("proactive", "regulations", "in_force"));
  EXPECT_EQ(describe(*b.find_cell("proactive", "regulations", "in_force")), "blank");
  EXPECT_EQ(describe(*b.find_cell("proactive", "normative_documents", "in_force")), "66");
}

// A column blank on every line cannot be placed: refused, naming the lines (TXT-11), not read
// shifted.
TEST(Layouts, FixedWidthBlankColumnIsRefused) {
  Dir dir;
  const std::string path =
      dir.file("column.txt",
               table_two("信息内容            本年制发件数      本年废止件数      现行有效件数\n"
                         "规章                   1                      11\n"
                         "行政规范性文件              8                      66\n"));
  ImportResult r = engine().import_file(path);
  EXPECT_FALSE(r.report);
  const Diagnostic* d = find_code(r.diagnostics, "TXT-11");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->severity, Severity::error);
  EXPECT_EQ(d->location.source.line, 5);
  EXPECT_NE(message(*d).find("5, 6"), std::string::npos) << message(*d);
  EXPECT_NE(message(*d, Language::zh).find("整列空白"), std::string::npos);
}

// One cell a line in a small table: blank cells in place.
TEST(Layouts, OneCellALineSmallTable) {
  Dir dir;
  const std::string path = dir.file(
      "cells.txt", table_two("信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n\n0\n11\n"
                             "行政规范性文件\n8\n26\n66\n"));
  const Report r = import_ok(path);
  EXPECT_EQ(describe(*r.find_cell("proactive", "regulations", "issued")), "blank");
  EXPECT_EQ(describe(*r.find_cell("proactive", "regulations", "repealed")), "0");
  EXPECT_EQ(describe(*r.find_cell("proactive", "regulations", "in_force")), "11");
  EXPECT_EQ(describe(*r.find_cell("proactive", "normative_documents", "issued")), "8");
}

// Markdown whose empty columns may be merged labels or blank cells, with no header that fits:
// refused, naming the lines (TXT-11).
TEST(Layouts, AmbiguousMarkdownIsRefused) {
  Dir dir;
  const std::string path =
      dir.file("ambiguous.md",
               "# 2023年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n\n"
               "| 项目 | 数据 |\n| --- | --- |\n| 规章 |  |  | 1 | 0 | 11 |\n"
               "| 行政规范性文件 |  |  | 8 | 26 | 66 |\n");
  ImportResult r = engine().import_file(path);
  EXPECT_FALSE(r.report);
  const Diagnostic* d = find_code(r.diagnostics, "TXT-11");
  ASSERT_TRUE(d);
  EXPECT_NE(message(*d).find("7, 8"), std::string::npos) << message(*d);
}

// ---- rows of figures printed apart from their labels
// ----------------------------------------------

// Table 三's label lines, then its rows of figures one a line: placed by the format's sums,
// exactly.
TEST(Layouts, SeparatedRowsPlacedBySums) {
  const Report expected = zeros_as(import_ok(corpus("pingtan-2021.json")), "-");
  const Report got = import_ok(layout("pingtan-2021.separated.zero-dash.txt"));
  expect_same_tables(expected, got, "pingtan-2021 rows of figures apart");
  // The figures keep the line they were printed on (the rows of figures, not the labels).
  const Cell* c = got.find_cell("applications", "new", "total");
  ASSERT_TRUE(c);
  EXPECT_GT(c->source.line, 0);
  // A 2019-format report, where "（六）其他处理" is a row of its own (a group in 2021).
  const Report huaibei = import_ok(test::source_path("examples/huaibei-2020/report.json"));
  expect_same_tables(huaibei, import_ok(layout("huaibei-2020.separated.plain.txt")),
                     "huaibei-2020 rows of figures apart");
}

namespace {

// Table 三 of the 2021 format as label lines and rows of figures, from the format definition: the
// column headers, every group and row label, then one line of figures for each row in `figures`
// (row key → its seven figures; rows without an entry print no line).
std::string separated_table_three(const std::map<std::string, std::vector<int>>& figures,
                                  const std::vector<std::string>& order = {}) {
  const FormatDefinition* f = engine().formats().find("gov-2021");
  const TableDef* t = nullptr;
  for (const auto& table : f->tables)
    if (table.key == "applications") t = &table;
  std::string text =
      "某区2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n";
  const BlockDef& b = t->blocks.front();
  std::set<std::string> groups_printed;
  for (const auto& c : b.columns) {
    for (const auto& g : c.groups)
      if (groups_printed.insert(g).second) text += g + "\n";
    text += c.label + "\n";
  }
  for (const auto& r : b.rows) {
    for (const auto& g : r.groups)
      if (groups_printed.insert(g).second) text += g + "\n";
    text += r.label + "\n";
  }
  std::vector<std::string> keys = order;
  if (keys.empty())
    for (const auto& r : b.rows)
      keys.push_back(r.key);
  for (const auto& key : keys) {
    auto it = figures.find(key);
    if (it == figures.end()) continue;
    std::string line;
    for (int v : it->second)
      line += (line.empty() ? "" : " ") + std::to_string(v);
    text += line + "\n";
  }
  return text;
}

// Figures that satisfy the sums of table 三, one line for every row: each result row holds its
// value in `results` (else 0) in 自然人 and 总计, 本年新收 the results total, nothing carried.
std::map<std::string, std::vector<int>> summed_figures(const std::map<std::string, int>& results) {
  const FormatDefinition* f = engine().formats().find("gov-2021");
  std::map<std::string, std::vector<int>> out;
  int total = 0;
  for (const auto& table : f->tables)
    if (table.key == "applications")
      for (const auto& r : table.blocks.front().rows) {
        auto it = results.find(r.key);
        const int v = it == results.end() ? 0 : it->second;
        out[r.key] = {v, 0, 0, 0, 0, 0, v};
        total += v;
      }
  out["results_total"] = {total, 0, 0, 0, 0, 0, total};
  out["new"] = {total, 0, 0, 0, 0, 0, total};
  out["carried_over"] = {0, 0, 0, 0, 0, 0, 0};
  out["carried_forward"] = {0, 0, 0, 0, 0, 0, 0};
  return out;
}

// The line number (1-based) of the first line of figures of `text`.
int first_figure_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (!line.empty() && line[0] >= '0' && line[0] <= '9' && line.find(' ') != std::string::npos)
      return n;
  return 0;
}

}  // namespace

// A row printed without a line of figures (all its cells blank): here 四、结转下年度继续办理, the
// last row. The sums leave one placement only (any other row left out would move the results total
// or a result onto another row and break T3-02), and the row reads blank, the others exactly. (A
// result row left out could not be placed: T3-02 only adds the results up, so any of them could be
// the blank one.)
TEST(Layouts, SeparatedRowsWithARowLeftOut) {
  std::map<std::string, int> results = {
      {"granted", 30},
      {"partially_granted", 5},
      {"denied.internal_affairs", 1},
      {"denied.enforcement_files", 6},
      {"unavailable.not_held", 25},
      {"not_processed.duplicate", 2},
      {"other.other", 1},
  };
  auto figures = summed_figures(results);
  figures.erase("carried_forward");  // printed as no line at all: its cells are blank
  Dir dir;
  const Report r = import_ok(dir.file("apart.txt", separated_table_three(figures)));
  auto cell = [&](const std::string& row, const std::string& column) {
    const Cell* c = r.find_cell("applications", row, column);
    return c ? describe(*c) : std::string("missing");
  };
  EXPECT_EQ(cell("new", "total"), "70");
  EXPECT_EQ(cell("carried_over", "total"), "0");
  EXPECT_EQ(cell("granted", "natural_person"), "30");
  EXPECT_EQ(cell("denied.state_secret", "total"), "0");
  EXPECT_EQ(cell("unavailable.not_held", "total"), "25");
  EXPECT_EQ(cell("other.other", "total"), "1");
  EXPECT_EQ(cell("results_total", "total"), "70");
  EXPECT_EQ(cell("carried_forward", "total"), "blank");
  EXPECT_EQ(cell("carried_forward", "commercial"), "blank");
}

// 本年新收 and 上年结转 cannot be told apart by the sums (T3-03 adds them): with one of them left
// out, the text is refused.
TEST(Layouts, SeparatedRowsNewOrCarriedOverIsRefused) {
  auto figures = summed_figures({{"granted", 3}});
  figures.erase("carried_over");
  Dir dir;
  ImportResult r =
      engine().import_file(dir.file("new-or-carried.txt", separated_table_three(figures)));
  EXPECT_FALSE(r.report);
  ASSERT_TRUE(find_code(r.diagnostics, "TXT-11"));
}

// Rows of figures the sums can place in more than one way (two rows of zeros side by side, one of
// them without a line: which cannot be told), or rows with fewer figures than columns: refused,
// naming the lines of figures (TXT-11), never read with shifted values.
TEST(Layouts, SeparatedRowsNotUniqueAreRefused) {
  Dir dir;
  auto figures = summed_figures({{"granted", 3}, {"partially_granted", 4}});
  figures.erase("denied.state_secret");  // 2.其他法律行政法规禁止公开 below is zeros too
  const std::string text = separated_table_three(figures);
  ImportResult r = engine().import_file(dir.file("two-ways.txt", text));
  EXPECT_FALSE(r.report);
  const Diagnostic* d = find_code(r.diagnostics, "TXT-11");
  ASSERT_TRUE(d) << text;
  EXPECT_EQ(d->severity, Severity::error);
  EXPECT_NE(message(*d).find("rows of figures printed apart from their labels"), std::string::npos)
      << message(*d);
  EXPECT_NE(message(*d).find("24 rows of figures"), std::string::npos) << message(*d);
  EXPECT_NE(message(*d, Language::zh).find("与标签分开印出的数值行"), std::string::npos);
  EXPECT_EQ(d->location.source.line, first_figure_line(text)) << text;

  auto narrow = summed_figures({{"granted", 3}, {"partially_granted", 4}});
  narrow["granted"] = {3, 3};
  ImportResult n = engine().import_file(dir.file("narrow.txt", separated_table_three(narrow)));
  EXPECT_FALSE(n.report);
  ASSERT_TRUE(find_code(n.diagnostics, "TXT-11"));
}
