// Importer for a published report as PDF. Poppler reads each page (page_reader.h): its words with
// their boxes, the straight lines it draws and its text in physical layout. Where lines make a
// table (a report typed into a Word or WPS table and saved as PDF draws every cell border), the
// table is rebuilt from the page (lattice.h): a grid with merged cells, as the Word and web page
// importers give it, continued over page breaks. A table drawn without lines (a 三线表, a
// borderless table) is rebuilt from the gaps between its words (stream.h), also over page breaks;
// where that finds less of the report than reading its lines as layout text did before, the
// layout text reading is kept. The rest of the page is read by the text reader shared with the
// text importer (../document/text_document.h). Locations are lines of the layout text (what
// `pdftotext -layout file.pdf -` prints) with the page in SourceLocation::pointer, or for a cell
// of a rebuilt table the page, the table and the cell.
#include <nianbao/importer_base.h>
#include <nianbao/text.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "document/document.h"
#include "document/table_pointer.h"
#include "document/text_document.h"
#include "grid/layout.h"
#include "lattice.h"
#include "page_reader.h"
#include "stream.h"

namespace {

using namespace nianbao;
using pdf_import::Page;
using pdf_import::PdfFile;
using pdf_import::StreamRegion;
using pdf_import::Table;
using pdf_import::TableCell;

constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;
constexpr const char* kUnreadable = "PDF-01";
constexpr const char* kEncrypted = "PDF-02";
constexpr const char* kNoText = "PDF-03";
constexpr const char* kDetected = "PDF-04";
constexpr const char* kNoTables = "PDF-05";
constexpr const char* kAmbiguous = "PDF-06";
constexpr const char* kNotANumber = "PDF-07";
constexpr const char* kMetadata = "PDF-08";
constexpr const char* kTruncated = "PDF-09";
constexpr const char* kSplitAmbiguous = "PDF-10";
constexpr const char* kSplit = "PDF-11";
constexpr const char* kUnplacedColumns = "PDF-12";

// What the document assembly reports, under this importer's codes.
const document::Codes kCodes{kPluginId,
                             {kPluginId, kDetected, kNoTables, kAmbiguous, kNotANumber, kMetadata,
                              "", kSplitAmbiguous, kSplit},
                             kTruncated};

// A report has a few dozen pages; more is not a report (and bounds the work on a hostile file).
constexpr int kMaxPages = 500;
// The text of all pages together.
constexpr std::size_t kMaxTextBytes = 16u << 20;
// Cells of ruled tables in all.
constexpr std::size_t kMaxCells = 200000;
// Ruled tables in all (each text piece between two starts with the line breaks before it).
constexpr std::size_t kMaxTables = 200;

// Why a file that poppler cannot open cannot be read: not a PDF at all, or cut off.
[[noreturn]] void unreadable(std::string_view bytes, const std::string& path) {
  const std::size_t header = bytes.substr(0, 1024).find("%PDF-");
  if (header == std::string_view::npos) {
    Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error, "pdf.not_pdf", path);
    d.arg("size", std::to_string(bytes.size()));
    throw InputError(std::move(d));
  }
  const bool has_end = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0).find("%%EOF") !=
                       std::string_view::npos;
  Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error,
                                  has_end ? "pdf.damaged" : "pdf.cut_off", path);
  d.arg("size", std::to_string(bytes.size()));
  throw InputError(std::move(d));
}

std::size_t printed(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') ++n;
  return n;
}

// What the pages hold in reading order: text (layout text of whole pages or of the bands between
// tables) and ruled tables.
struct Piece {
  std::string text;  // the layout text, preceded by the line breaks and form feeds before it
  bool is_table = false;
  Table table;
  bool stream = false;  // a table without ruling lines, rebuilt from `region`
  StreamRegion region;
  int page = 0;  // from 1
};

// The pieces of the pages in reading order, with the line breaks of the layout text before each.
class Track {
 public:
  std::vector<Piece> pieces;

  // Writes a page: `tables` (top to bottom) and the bands of text between them. Bands come from
  // `band`, which each track of a page shares.
  template <typename Band>
  void write(std::vector<Piece> tables, const Band& band, double height) {
    if (tables.empty()) {
      text(band(0, height));
    } else {
      double y = 0;
      for (Piece& p : tables) {
        text(band(y, p.table.box.y0));
        // The lines the table takes in the layout text.
        skeleton_lines(band(0, p.table.box.y1), band(0, p.table.box.y0));
        y = std::max(y, p.table.box.y1);
        pieces.push_back(std::move(p));
      }
      text(band(y, height));
    }
    // Pages end with a form feed, as pdftotext writes them.
    current().text += '\f';
    skeleton_ += '\f';
  }

 private:
  // The text piece being written: a new one (starting where the layout text is) after a table.
  Piece& current() {
    if (pieces.empty() || pieces.back().is_table) {
      Piece p;
      p.text = skeleton_;
      pieces.push_back(std::move(p));
    }
    return pieces.back();
  }

  void text(const std::string& t) {
    std::string clean = t;
    clean.erase(std::remove(clean.begin(), clean.end(), '\f'), clean.end());
    // A band ends its last line (a page number at the foot of a page stays on a line of its own).
    if (!clean.empty() && clean.back() != '\n') clean += '\n';
    current().text += clean;
    for (char c : clean)
      if (c == '\n') skeleton_ += '\n';
  }

  // Keeps the line count of the layout text over a table: the lines of the page down to its
  // bottom less those down to its top.
  void skeleton_lines(const std::string& to_bottom, const std::string& to_top) {
    const auto lines = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
    for (auto n = lines(to_bottom) - lines(to_top); n > 0; --n)
      skeleton_ += '\n';
  }

  std::string skeleton_;  // the line breaks and form feeds of the layout text so far
};

// Reads the pages into two tracks: `tables` with ruled tables and tables without lines (stream)
// as tables, `ruled` with only ruled tables and the rest as layout text — the reading before
// stream tables, which the importer falls back on where it finds more of the report.
class PageReader {
 public:
  explicit PageReader(const std::string& path) : path_(path) {}

  // Reads page `number` (from 1).
  void read(const Page& page, int number) {
    std::string whole = page.text();
    whole.erase(std::remove(whole.begin(), whole.end(), '\f'), whole.end());
    chars_ += printed(whole);
    bytes_ += whole.size();
    if (bytes_ > kMaxTextBytes) {
      Diagnostic d =
          input_diagnostic(kPluginId, kUnreadable, Severity::error, "pdf.too_much_text", path_);
      d.arg("limit", std::to_string(kMaxTextBytes));
      throw InputError(std::move(d));
    }
    // Beyond kMaxTables ruled tables (no report has so many) pages are read as text only.
    std::vector<Table> tables;
    if (tables_ < kMaxTables) tables = pdf_import::find_tables(page.segments, page.words);
    std::erase_if(tables, [](const Table& t) {
      return std::none_of(t.cells.begin(), t.cells.end(),
                          [](const TableCell& c) { return !c.text.empty(); });
    });
    // The last line of a label the page break cut, printed under the last table's rule, is that
    // label's: the table then reaches the foot of the page and goes on on the next.
    if (!tables.empty()) {
      const pdf_import::Box overflow = pdf_import::take_overflow(tables.back(), page.words);
      if (overflow.y1 > tables.back().box.y1) tables.back().box.y1 = overflow.y1;
    }
    // Tables drawn without lines, among the words outside ruled tables.
    std::vector<StreamRegion> regions;
    if (tables_ < kMaxTables) {
      std::vector<pdf_import::Word> free;
      for (const auto& w : page.words) {
        const double x = (w.box.x0 + w.box.x1) / 2, y = (w.box.y0 + w.box.y1) / 2;
        if (std::none_of(tables.begin(), tables.end(), [&](const Table& t) {
              return x >= t.box.x0 && x <= t.box.x1 && y >= t.box.y0 && y <= t.box.y1;
            }))
          free.push_back(w);
      }
      regions = pdf_import::find_stream_regions(free, number);
      // Blank rows of the table the page before ended with, its header not repeated.
      if (last_stream_open_) {
        StreamRegion top = pdf_import::page_top_labels(free, number);
        if (!top.lines.empty() && std::none_of(regions.begin(), regions.end(), [&](const auto& r) {
              return r.box.y0 <= top.box.y1;
            }))
          regions.insert(regions.begin(), std::move(top));
      }
    }
    std::vector<Piece> ruled;
    for (Table& t : tables) {
      Piece p;
      p.is_table = true;
      p.table = std::move(t);
      p.page = number;
      for (TableCell& c : p.table.cells)
        c.page = number;
      count(p.table, number);
      ruled.push_back(std::move(p));
    }
    std::vector<Piece> all = ruled;
    for (StreamRegion& r : regions) {
      Piece p;
      p.is_table = p.stream = true;
      p.page = number;
      if (r.labels_only) {
        // Label lines at the top of the page: the blank rows of the table the page before ended
        // with, where they continue it; otherwise text.
        StreamRegion joined = last_stream_;
        if (!last_stream_open_ || !pdf_import::continue_region(joined, r)) continue;
        p.table = pdf_import::stream_table(joined);
        p.table.box = r.box;
      } else {
        p.table = pdf_import::stream_table(r);
      }
      p.region = std::move(r);
      if (p.table.cells.empty()) continue;
      count(p.table, number);
      all.push_back(std::move(p));
    }
    std::sort(all.begin(), all.end(),
              [](const Piece& a, const Piece& b) { return a.table.box.y0 < b.table.box.y0; });
    // The table the next page may continue: the last of this page, drawn without lines.
    last_stream_open_ = !all.empty() && all.back().stream;
    if (last_stream_open_) {
      if (all.back().region.labels_only) {
        pdf_import::continue_region(last_stream_, all.back().region);
      } else {
        last_stream_ = all.back().region;
      }
    }
    // The layout text of bands of this page, each computed once for both tracks.
    std::map<std::pair<double, double>, std::string> bands;
    const auto band = [&](double y0, double y1) -> const std::string& {
      auto it = bands.find({y0, y1});
      if (it == bands.end())
        it = bands
                 .emplace(std::make_pair(y0, y1),
                          y0 == 0 && y1 == page.height ? whole : page.text(y0, y1))
                 .first;
      return it->second;
    };
    tables_track_.write(std::move(all), band, page.height);
    ruled_track_.write(std::move(ruled), band, page.height);
  }

  std::vector<Piece>& pieces(bool with_stream) {
    return with_stream ? tables_track_.pieces : ruled_track_.pieces;
  }
  std::size_t printed_chars() const { return chars_; }

 private:
  void count(const Table& t, int number) {
    cells_ += t.cells.size();
    ++tables_;
    if (cells_ > kMaxCells) {
      Diagnostic d =
          input_diagnostic(kPluginId, kUnreadable, Severity::error, "pdf.too_many_cells", path_);
      d.arg("limit", std::to_string(kMaxCells)).arg("page", std::to_string(number));
      throw InputError(std::move(d));
    }
  }

  const std::string& path_;
  Track tables_track_, ruled_track_;
  StreamRegion last_stream_;  // the last table of the page before, drawn without lines
  bool last_stream_open_ = false;
  std::size_t chars_ = 0, bytes_ = 0, cells_ = 0, tables_ = 0;
};

// A ruled table as a document block: its cells, merged ones as ranges.
document::Block table_block(const Table& t, int index, const std::string& path) {
  document::Block block;
  block.kind = document::Block::Kind::table;
  block.table.name = "表" + std::to_string(index);
  block.source.file = path;
  const int page = t.cells.empty() ? 0 : t.cells.front().page;
  block.source.pointer = "page " + std::to_string(page) + ", " + block.table.name;
  for (const TableCell& c : t.cells) {
    if (!c.text.empty()) {
      grid::GridCell& cell = block.table.put(c.row, c.col);
      cell.kind = grid::GridCell::Kind::text;
      cell.text = c.text;
      cell.source.file = path;
      cell.source.pointer = "page " + std::to_string(c.page) + ", " +
                            table_pointer::pointer(block.table.name, c.row, c.col);
    }
    if (c.last_row > c.row || c.last_col > c.col)
      block.table.add_merge({c.row, c.col, c.last_row, c.last_col});
  }
  block.table.index_merges();
  return block;
}

class PdfImporter final : public ImporterBase {
 public:
  PdfImporter() : ImporterBase(kPluginId, grid::kHintOptions) {}
  std::string id() const override { return "pdf"; }
  std::string description() const override {
    return "PDF of a published report: tables rebuilt from the page (from their ruling lines, or "
           "from the gaps between words), the rest of the text in its physical layout (poppler)";
  }
  std::vector<std::string> extensions() const override { return {".pdf"}; }

  int identify(std::string_view path, std::string_view head) const override {
    if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return 100;
    return has_extension(path, ".pdf") ? 80 : 0;
  }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext& context) const override {
    if (input.bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos ||
        input.bytes.size() > static_cast<std::size_t>(INT32_MAX))
      unreadable(input.bytes, input.path);
    PageReader reader(input.path);
    int pages = 0;
    {
      std::lock_guard<std::mutex> lock(pdf_import::poppler_lock());
      const PdfFile file(input.bytes);
      if (file.status() == PdfFile::Status::encrypted)
        throw InputError(
            input_diagnostic(kPluginId, kEncrypted, Severity::error, "pdf.encrypted", input.path));
      if (file.status() != PdfFile::Status::ok) unreadable(input.bytes, input.path);
      pages = file.pages();
      if (pages <= 0) unreadable(input.bytes, input.path);
      if (pages > kMaxPages) {
        Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error,
                                        "pdf.too_many_pages", input.path);
        d.arg("pages", std::to_string(pages)).arg("limit", std::to_string(kMaxPages));
        throw InputError(std::move(d));
      }
      for (int i = 0; i < pages; ++i)
        reader.read(file.page(i), i + 1);
    }
    if (reader.printed_chars() == 0) {
      Diagnostic d =
          input_diagnostic(kPluginId, kNoText, Severity::error, "pdf.no_text", input.path);
      d.arg("pages", std::to_string(pages));
      throw InputError(std::move(d));
    }
    const bool any_stream = std::any_of(reader.pieces(true).begin(), reader.pieces(true).end(),
                                        [](const Piece& p) { return p.stream; });
    if (!any_stream) return assemble(reader.pieces(true), pages, input, context);
    // Tables without lines are read as tables where that finds at least as much of the report
    // as reading them as layout text (the text reader's own table forms) does; where neither
    // finds a report, the diagnostics are those of the layout text.
    std::optional<ImportResult> result;
    try {
      result = assemble(reader.pieces(true), pages, input, context);
    } catch (const InputError&) {
    }
    if (!result || !result->report) return assemble(reader.pieces(false), pages, input, context);
    try {
      ImportResult as_text = assemble(reader.pieces(false), pages, input, context);
      if (filled(as_text) > filled(*result)) return as_text;
    } catch (const InputError&) {
    }
    return std::move(*result);
  }

  // The cells of the report read that hold something.
  static std::size_t filled(const ImportResult& r) {
    std::size_t n = 0;
    if (!r.report) return 0;
    for (const auto& t : r.report->tables)
      for (const auto& row : t.rows)
        for (const auto& [column, cell] : row.cells)
          n += cell.state != Cell::State::blank;
    return n;
  }

  // The report the pieces make: the text between tables read as text, the tables as grids, a
  // table the next page goes on with joined to it.
  static ImportResult assemble(std::vector<Piece> pieces, int pages, const InputFile& input,
                               const ImportContext& context) {
    // The text between tables, read as text; the tables as grids, a table the next page goes on
    // with joined to it.
    document::Document doc;
    int footers = 0, joined = 0, index = 0, streamed = 0;
    // The last table, while nothing but page furniture follows it, and the page it ends on.
    bool open = false;
    int open_page = 0;
    std::size_t open_block = 0;
    std::vector<Table> tables;
    bool open_stream = false;
    StreamRegion open_region;
    for (Piece& piece : pieces) {
      if (!piece.is_table) {
        std::string& text = piece.text;
        // Invalid sequences (a broken font map) are replaced rather than refused.
        if (!is_valid_utf8(text)) text = encode_utf8(decode_utf8(text));
        document::TextDocument td = document::read_text_document(text, context.formats);
        if (td.forms.over_limit_line > 0) {
          Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error,
                                          "pdf.too_many_items", input.path);
          d.location.source.line = td.forms.over_limit_line;
          throw InputError(std::move(d));
        }
        footers += td.forms.page_footers;
        if (!td.document.blocks.empty()) open = false;
        for (auto& b : td.document.blocks)
          doc.blocks.push_back(std::move(b));
        if (td.document.end.line > 0) doc.end = td.document.end;
        continue;
      }
      for (TableCell& c : piece.table.cells)
        if (!is_valid_utf8(c.text)) c.text = encode_utf8(decode_utf8(c.text));
      if (open && piece.page == open_page + 1 && piece.stream == open_stream &&
          (piece.stream ? pdf_import::continue_region(open_region, piece.region)
                        : pdf_import::continue_table(tables.back(), piece.table))) {
        ++joined;
        if (piece.stream) {
          tables.back() = pdf_import::stream_table(open_region);
          for (TableCell& c : tables.back().cells)
            if (!is_valid_utf8(c.text)) c.text = encode_utf8(decode_utf8(c.text));
        }
        doc.blocks[open_block] = table_block(tables.back(), index, input.path);
        open_page = piece.page;
        continue;
      }
      // Rows continuing a table that did not join here (never so: they were tried on it).
      if (piece.stream && piece.region.labels_only) continue;
      if (piece.stream) ++streamed;
      open_stream = piece.stream;
      open_region = std::move(piece.region);
      tables.push_back(std::move(piece.table));
      open = true;
      open_page = piece.page;
      open_block = doc.blocks.size();
      doc.blocks.push_back(table_block(tables.back(), ++index, input.path));
      doc.end = doc.blocks.back().source;
    }
    std::vector<Diagnostic> said;
    for (const Table& t : tables)
      if (t.unplaced_columns) {
        Diagnostic d = input_diagnostic(kPluginId, kUnplacedColumns, Severity::warning,
                                        "pdf.unplaced_columns", input.path);
        const int page = t.cells.empty() ? 0 : t.cells.front().page;
        d.location.source.pointer = "page " + std::to_string(page);
        d.arg("page", std::to_string(page));
        said.push_back(std::move(d));
      }
    Diagnostic detected =
        input_diagnostic(kPluginId, kDetected, Severity::info, "pdf.detected", input.path);
    detected.arg("pages", std::to_string(pages))
        .arg("footers", std::to_string(footers))
        .arg("tables", std::to_string(index))
        .arg("stream", std::to_string(streamed))
        .arg("joined", std::to_string(joined));
    ImportResult result = document::assemble_report(doc, input, context, kCodes, [&] {
      said.insert(said.begin(), std::move(detected));
      return std::move(said);
    }());
    table_pointer::Rewriter(doc).rewrite(result);
    return result;
  }
};

void register_components(Registry& registry) {
  registry.add_importer(std::make_unique<PdfImporter>());
  const char* clause = "nianbao PDF 导入";
  std::vector<RuleInfo> rules = {
      {kUnreadable,
       Severity::error,
       "不是 PDF 文件，或文件损坏、不完整，或超过页数上限",
       "not a PDF file, or a damaged or cut-off one, or beyond the limit of pages",
       clause,
       {},
       true},
      {kEncrypted,
       Severity::error,
       "PDF 已加密，需要密码才能打开",
       "the PDF is encrypted and needs a password to open",
       clause,
       {},
       true},
      {kNoText,
       Severity::error,
       "PDF 没有文字层（扫描件），无法读取文字",
       "the PDF has no text layer (a scan): no text can be read",
       clause,
       {},
       true},
      {kUnplacedColumns,
       Severity::warning,
       "没有表格线的表格：表头有而数字中没有的列无法定位，该列的数字可能缺失",
       "a table without ruling lines: columns its header shows but its figures do not cannot be "
       "placed, and their figures may be missing",
       clause,
       {},
       true},
      {kDetected,
       Severity::info,
       "读取的页数和识别出的格式",
       "the pages read and the format detected",
       clause,
       {},
       true},
  };
  for (auto& r : document::rules(kCodes, "PDF ", "the PDF"))
    rules.push_back(std::move(r));
  registry.add_rules(rules);
  std::vector<MessageText> messages = {
      {"pdf.not_pdf", "文件开头没有“%PDF-”标记（共 {size} 字节）：这不是 PDF 文件",
       "the file does not start with \"%PDF-\" ({size|byte|bytes}): this is not a PDF file"},
      {"pdf.cut_off",
       "PDF 文件不完整：在第 {size} 字节处结束，缺少结尾的“%%EOF”，无法读取；请重新下载",
       "the PDF file is cut off: it ends at byte {size} without its closing \"%%EOF\" and cannot "
       "be read; download it again"},
      {"pdf.damaged", "PDF 文件已损坏，无法读取（共 {size} 字节）",
       "the PDF file is damaged and cannot be read ({size|byte|bytes})"},
      {"pdf.encrypted", "PDF 已加密，需要密码才能打开；请另存一份未加密的 PDF",
       "the PDF is encrypted and needs a password; save a copy without encryption"},
      {"pdf.too_many_pages", "PDF 有 {pages} 页，超过上限 {limit} 页",
       "the PDF has {pages|page|pages}, more than the limit of {limit}"},
      {"pdf.too_much_text", "PDF 的文字超过 {limit} 字节",
       "the text of the PDF is more than {limit|byte|bytes}"},
      {"pdf.too_many_items",
       "到这一行为止，PDF "
       "的表格单元格和段落已超过一份报告可能有的数量：这不是年度报告",
       "up to this line the PDF holds more table cells and paragraphs than a report can"
       ": this is not an annual report"},
      {"pdf.too_many_cells",
       "到第 {page} 页为止，PDF 的表格单元格已超过上限 {limit} 个：这不是年度报告",
       "up to page {page} the tables of the PDF have more than {limit} cells: this is not an "
       "annual report"},
      {"pdf.no_text",
       "PDF 的 {pages} 页都没有文字层（可能是扫描件）；请先做文字识别（OCR），或导入 Word 原件",
       "none of the PDF's {pages|page|pages} has a text layer (a scan?); run text recognition "
       "(OCR) "
       "first, or import the Word original"},
      {"pdf.unplaced_columns",
       "第 {page} 页的表格没有表格线，只能按数字对齐分列；表头中有的列在各行都没有数字，无法定位，"
       "这些列的数字可能缺失或错位：请对照 PDF 核对此表，或导入 Word 原件",
       "the table on page {page} has no ruling lines and its columns are found from its figures; "
       "its header shows columns with no figure in any row, which cannot be placed, so their "
       "figures may be missing or misplaced: check this table against the PDF, or import the Word "
       "original"},
      {"pdf.detected",
       "读取 PDF 共 {pages} 页；从页面重建表格 {tables} 个（其中 {stream} "
       "个没有表格线，按文字间的空白分列；跨页续接 {joined} 处），其余文字按版面排列读取；略去页码 "
       "{footers} 行",
       "read the PDF's {pages|page|pages}: {tables|table|tables} rebuilt from the page ({stream} "
       "without ruling lines, its columns found from the gaps between words; {joined} continued "
       "over a page break), the rest as text in its layout; "
       "{footers|page number|page numbers} left out"},
  };
  registry.add_messages(messages);
  registry.add_messages(document::messages());  // the shared reading's messages
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
