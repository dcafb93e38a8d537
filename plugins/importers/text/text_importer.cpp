// Importer for the plain text of a published report (.txt, .md): Word's "save as text", a web
// page's text, Markdown as converters and OCR tools write it, `pdftotext -layout` output, or an
// archived page whose tables lost their cell boundaries.
// The forms are read by the shared text reader (../document/text_document.h) and the report is
// assembled as for every published document (../document/document.h). The encoding is detected
// (UTF-8, UTF-16 with a byte order mark, else GB18030) and said (TXT-03).
#include <nianbao/importer_base.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "document/document.h"
#include "document/text_document.h"
#include "grid/encoding.h"
#include "grid/layout.h"

namespace {

using namespace nianbao;

constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;
constexpr const char* kNotText = "TXT-01";
constexpr const char* kNothing = "TXT-02";
constexpr const char* kDetected = "TXT-03";
constexpr const char* kNoTables = "TXT-04";
constexpr const char* kAmbiguous = "TXT-05";
constexpr const char* kNotANumber = "TXT-06";
constexpr const char* kMetadata = "TXT-07";
constexpr const char* kTruncated = "TXT-08";
constexpr const char* kSplitAmbiguous = "TXT-09";
constexpr const char* kSplit = "TXT-10";
constexpr const char* kUnplaced = "TXT-11";

// What the document assembly reports, under this importer's codes.
const document::Codes kCodes{kPluginId,
                             {kPluginId, kDetected, kNoTables, kAmbiguous, kNotANumber, kMetadata,
                              "", kSplitAmbiguous, kSplit},
                             kTruncated};

// A report's text is well under a megabyte; these bounds keep a hostile file to a quick, clear
// refusal (the host reads at most 256 MiB).
constexpr std::size_t kMaxBytes = 16u << 20;
constexpr std::size_t kMaxLineBytes = 1u << 20;

// The limits, checked on the bytes before anything is decoded.
void check_size(std::string_view bytes, const std::string& path,
                const std::map<std::string, std::string>& options) {
  const std::uint64_t max_line = limit_value(options, "text-line-bytes", kMaxLineBytes);
  const std::uint64_t max_bytes = limit_value(options, "text-bytes", kMaxBytes);
  std::size_t start = 0;
  int line = 1;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    if (end - start > max_line) {
      Diagnostic d =
          input_diagnostic(kPluginId, kNothing, Severity::error, "text.line_too_long", path, line);
      d.arg("size", std::to_string(end - start)).arg("limit", std::to_string(max_line));
      throw InputError(std::move(d));
    }
    if (end == bytes.size()) break;
    start = end + 1;
    ++line;
  }
  if (bytes.size() > max_bytes) {
    Diagnostic d = input_diagnostic(kPluginId, kNothing, Severity::error, "text.too_large", path);
    d.arg("size", std::to_string(bytes.size())).arg("limit", std::to_string(max_bytes));
    throw InputError(std::move(d));
  }
}

std::string decode(std::string_view bytes, const std::string& path, std::string& encoding) {
  grid::DecodedText decoded = grid::decode_text(bytes);
  if (!decoded.ok) {
    const std::size_t offset = decoded.bad_offset;
    Diagnostic e = input_diagnostic(kPluginId, kNotText, Severity::error, "text.bad_encoding", path,
                                    grid::line_at(bytes, offset));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X",
                  offset < bytes.size() ? static_cast<unsigned char>(bytes[offset]) : 0);
    e.arg("offset", std::to_string(offset)).arg("byte", hex).arg("tried", decoded.tried);
    throw InputError(std::move(e));
  }
  // Control characters other than tab, line breaks and form feeds (pdftotext's page breaks): a
  // binary file.
  if (auto i = grid::first_control_character(decoded.text, true)) {
    Diagnostic e = input_diagnostic(kPluginId, kNotText, Severity::error, "text.binary", path,
                                    grid::line_at(decoded.text, *i));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(decoded.text[*i]));
    e.arg("offset", std::to_string(*i)).arg("byte", hex);
    throw InputError(std::move(e));
  }
  encoding = decoded.encoding;
  return std::move(decoded.text);
}

std::string forms_text(const document::TextForms& f) {
  std::string out;
  auto add = [&](bool on, const char* name) {
    if (on) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(f.tab_cells, "tab");
  add(f.pipe_cells, "|");
  add(f.cell_lines, "cell a line");
  add(f.markdown, "Markdown");
  add(f.layout, "layout");
  add(f.separated_rows, "rows of figures apart from their labels");
  add(f.flattened, "flattened");
  return out.empty() ? "—" : out;
}

// The lines of a table whose cells could not be placed in one way only, grouped by why: one error
// naming them all (the first of them as its place), so that no table is read with shifted values.
Diagnostic unplaced(const std::vector<document::TextForms::Unplaced>& lines,
                    const std::string& path) {
  using Why = document::TextForms::Unplaced::Why;
  const auto& first = lines.front();
  std::set<int> numbers;
  for (const auto& u : lines)
    numbers.insert(u.line);
  std::string listed;
  std::size_t n = 0;
  for (int line : numbers) {
    if (++n > 12) {
      listed += "…";
      break;
    }
    listed += (listed.empty() ? "" : ", ") + std::to_string(line);
  }
  const char* id = first.why == Why::markdown_columns ? "text.unplaced_markdown"
                   : first.why == Why::layout_columns ? "text.unplaced_layout"
                   : first.why == Why::separated_rows ? "text.unplaced_separated"
                                                      : "text.unplaced_blank_column";
  Diagnostic d = input_diagnostic(kPluginId, kUnplaced, Severity::error, id, path, first.line);
  d.arg("lines", listed)
      .arg("from", std::to_string(first.from))
      .arg("to", std::to_string(first.to))
      .arg("count", std::to_string(numbers.size()));
  return d;
}

class TextImporter final : public ImporterBase {
 public:
  TextImporter() : ImporterBase(kPluginId, grid::kHintOptions) {}
  std::string id() const override { return "text"; }
  std::string description() const override {
    return "Text of a published report: Word or web page text, Markdown, pdftotext -layout, "
           "flattened pages (UTF-8, GB18030)";
  }
  std::vector<std::string> extensions() const override {
    return {".txt", ".text", ".md", ".markdown"};
  }

  int identify(std::string_view path, std::string_view) const override {
    if (has_extension(path, ".txt")) return 80;
    if (has_extension(path, ".md") || has_extension(path, ".markdown")) return 75;
    if (has_extension(path, ".text")) return 70;
    return 0;
  }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext& context) const override {
    check_size(input.bytes, input.path, context.options);
    std::string encoding;
    const std::string text = decode(input.bytes, input.path, encoding);
    if (std::all_of(text.begin(), text.end(), [](char c) {
          return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        })) {
      throw InputError(
          input_diagnostic(kPluginId, kNothing, Severity::error, "text.empty", input.path));
    }
    document::TextDocument doc = document::read_text_document(text, context.formats);
    if (doc.forms.over_limit_line > 0)
      throw InputError(input_diagnostic(kPluginId, kNothing, Severity::error, "text.too_many_items",
                                        input.path, doc.forms.over_limit_line));
    if (!doc.forms.unplaced.empty()) throw InputError(unplaced(doc.forms.unplaced, input.path));
    Diagnostic detected =
        input_diagnostic(kPluginId, kDetected, Severity::info, "text.detected", input.path);
    detected.arg("encoding", encoding)
        .arg("forms", forms_text(doc.forms))
        .arg("skipped", std::to_string(doc.forms.comment_lines))
        .arg("footers", std::to_string(doc.forms.page_footers));
    return document::assemble_report(doc.document, input, context, kCodes, {std::move(detected)});
  }
};

void register_components(Registry& registry) {
  registry.add_importer(std::make_unique<TextImporter>());
  registry.add_limit({"text-bytes", kMaxBytes, "文本文件的字节数", "the size of a text file"});
  registry.add_limit({"text-line-bytes", kMaxLineBytes,
                      "文本文件一行的字节数（超长的一行按长度拒绝，不解码）",
                      "one line of a text file (a longer line is refused from its length, "
                      "without decoding it)"});
  const char* clause = "nianbao 文本导入";
  std::vector<RuleInfo> rules = {
      {kNotText,
       Severity::error,
       "不是文本文件，或编码无法识别（既不是 UTF-8 也不是 GB18030）",
       "not a text file, or neither UTF-8 nor GB18030",
       clause,
       {},
       true},
      {kNothing,
       Severity::error,
       "文本为空，或超过大小、行长上限",
       "the text is empty, or beyond the limits of size or line length",
       clause,
       {},
       true},
      {kDetected,
       Severity::info,
       "识别出的编码、文本形式和格式",
       "the encoding, the forms of text and the format detected",
       clause,
       {},
       true},
      {kUnplaced,
       Severity::error,
       "表格中有些行的数值无法唯一对应到列或行（合并单元格与空白单元格无法区分，数值未与列对齐，"
       "或与标签分开印出的数值行按格式的求和关系不能唯一对应到行标签）：不读取该表，以免数值错位",
       "the figures of some lines of a table cannot be placed under their columns or beside their "
       "labels in one way only (merged cells cannot be told from blank ones, the figures do not "
       "line up, or rows of figures printed apart from their labels are not given to the labels "
       "in one way only by the format's sums): the table is not read rather than read with "
       "shifted values",
       clause,
       {},
       true},
  };
  for (auto& r : document::rules(kCodes, "文本", "the text"))
    rules.push_back(std::move(r));
  registry.add_rules(rules);
  std::vector<MessageText> messages = {
      {"text.bad_encoding",
       "无法识别文件编码：第 {offset} 字节（{byte}）起既不是 {tried}；请另存为 UTF-8 文本",
       "the encoding cannot be recognised: from byte {offset} ({byte}) the file is not {tried}; "
       "save it as UTF-8 text"},
      {"text.binary", "第 {offset} 字节处有控制字符 {byte}：这不是文本文件",
       "a control character {byte} at byte {offset}: this is not a text file"},
      {"text.empty", "文件中没有文字", "the file holds no text"},
      {"text.too_large",
       "文件有 {size} 字节，超过文本上限 {limit} 字节（需要时可用 --limit text-bytes=… 提高）",
       "the file has {size|byte|bytes}, more than the limit of {limit|byte|bytes} for text (raise "
       "it with "
       "--limit text-bytes=… if needed)"},
      {"text.line_too_long",
       "这一行有 {size} 字节，超过行长上限 {limit} 字节（需要时可用 --limit text-line-bytes=… "
       "提高）",
       "this line has {size|byte|bytes}, more than the limit of {limit|byte|bytes} (raise it with "
       "--limit "
       "text-line-bytes=… if needed)"},
      {"text.too_many_items",
       "到这一行为止，表格单元格和段落已超过一份报告可能有的数量：这不是年度报告",
       "up to this line the text holds more table cells and paragraphs than a report can"
       ": this is not an annual report"},
      {"text.detected",
       "按 {encoding} 编码读取；文本形式：{forms}；略去开头注释 {skipped} 行、页码 {footers} 行",
       "read as {encoding}; forms of text: {forms}; {skipped} leading comment lines and {footers} "
       "page numbers left out"},
      {"text.unplaced_markdown",
       "第 {lines} 行（共 {count} 行）的 Markdown 表格中，第 {from}–{to} "
       "列在每个有数值的行里都是空的，且没有表头说明它们是合并的标签单元格还是空白数值：无法唯一"
       "确定数值所在的列，不读取该表（请补上表头行，或在空白单元格中填写 0）",
       "in the Markdown table of lines {lines} ({count|line|lines}), columns {from}–{to} are empty "
       "in every row with figures and no header row tells whether they are merged label cells or "
       "blank values: the columns of the figures cannot be told in one way only, and the table is "
       "not read (add the header row, or write 0 in blank cells)"},
      {"text.unplaced_layout",
       "第 {lines} 行（共 {count} 行）的数值未与上下各行的列对齐（该行有 {from} 个数值，表格有 "
       "{to} 列）：无法确定哪些单元格空白，不读取该表，以免数值错位",
       "the figures of lines {lines} ({count|line|lines}) do not stand under the columns of the "
       "lines around them ({from|figure|figures} on the line, {to|column|columns} in the table): "
       "which cells are blank cannot be told, and the table is not read rather than read with "
       "shifted values"},
      {"text.unplaced_separated",
       "第 {lines} 行（共 {count} 行）是与标签分开印出的数值行（{from} 行数值，{to} 个行标签）："
       "按格式规定的求和关系，这些数值行对应到行标签的方式不唯一（或没有一种成立，或某行的数值个数"
       "与表格的列数不同），不读取该表，以免数值错位（请让每行数值紧跟其标签，或在空白单元格中填写 "
       "0）",
       "lines {lines} ({count|line|lines}) are rows of figures printed apart from their labels "
       "({from|row|rows} of figures, {to|row label|row labels}): the sums the format declares do "
       "not give them to the labels in one way only (they allow several placements or none, or a "
       "row has not as many figures as the table has columns), and the table is not read rather "
       "than read with shifted values (print each row's figures beside its label, or write 0 in "
       "blank cells)"},
      {"text.unplaced_blank_column",
       "第 {lines} 行（共 {count} 行）所在的表格中，有列标题下面没有任何数值（整列空白）：各行的"
       "数值无法确定属于哪几列，不读取该表，以免数值错位（请在空白单元格中填写 0）",
       "in the table of lines {lines} ({count|line|lines}) a column header stands over no figure "
       "(a column blank on every line): which columns the figures of a line belong to cannot be "
       "told, and the table is not read rather than read with shifted values (write 0 in blank "
       "cells)"},
  };
  registry.add_messages(messages);
  registry.add_messages(document::messages());  // the shared reading's messages
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
