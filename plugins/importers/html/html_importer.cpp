// Importer for published reports as web pages (HTML). html_reader.cpp decodes the page, parses it
// with Gumbo and reads its paragraphs and tables; the document assembly (../document) finds the
// sections, the metadata and — through the spreadsheet layout recogniser — the tables and the
// format, as it does for Word documents and extracted text.
#include <nianbao/importer_base.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include "document/table_pointer.h"
#include "grid/cell_limit.h"
#include "grid/layout.h"
#include "html_limits.h"
#include "html_reader.h"

namespace {

using namespace nianbao;

// The reading library names the plugin in what it reports: it must be the id the build gave.
static_assert(std::string_view(NIANBAO_PLUGIN_ID) == html_import::kPluginId);

// What the document assembly finds, under this importer's codes.
constexpr const char* kFormatFound = "HTML-04";
const document::Codes kCodes{
    html_import::kPluginId,
    {html_import::kPluginId, kFormatFound, "HTML-05", "HTML-06", "HTML-07", "HTML-08", ""},
    "HTML-09"};

// Whether the first bytes say "HTML": a doctype or an <html> element (after a byte order mark,
// white space, comments, an XML declaration). `loosely`: also a <head>, <body>, <meta> or <table>
// element, enough for a file named .html but not for any file (XML documents have <table>s too).
bool looks_like_html(std::string_view head, bool loosely) {
  std::string lowered;
  for (char c : head.substr(0, 1024))
    lowered += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  for (const char* mark : {"<!doctype html", "<html"})
    if (lowered.find(mark) != std::string::npos) return true;
  if (!loosely) return false;
  for (const char* mark : {"<head", "<meta", "<body", "<table"})
    if (lowered.find(mark) != std::string::npos) return true;
  return false;
}

class HtmlImporter final : public ImporterBase {
 public:
  HtmlImporter() : ImporterBase(NIANBAO_PLUGIN_ID, grid::kHintOptions) {}
  std::string id() const override { return "html"; }
  std::string description() const override {
    return "Web pages (HTML) of published reports, in any encoding Chinese sites use";
  }
  std::vector<std::string> extensions() const override {
    return {".html", ".htm", ".shtml", ".xhtml"};
  }

  int identify(std::string_view path, std::string_view head) const override {
    const bool html_name = has_extension(path, ".html") || has_extension(path, ".htm") ||
                           has_extension(path, ".shtml") || has_extension(path, ".xhtml");
    if (html_name) return looks_like_html(head, true) ? 95 : 60;
    if (looks_like_html(head, false) && !head.starts_with("PK")) return 70;
    return 0;
  }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext& context) const override {
    const document::Document doc =
        html_import::read_page(input.bytes, input.path,
                               limit_value(context.options, "table-cells", html_import::kMaxCells));
    return table_pointer::assemble(doc, input, context, kCodes);
  }
};

void register_components(Registry& registry) {
  registry.add_importer(std::make_unique<HtmlImporter>());
  registry.add_limit(grid::table_cells_limit(html_import::kMaxCells));
  const char* clause = "nianbao HTML 导入";
  const std::vector<RuleInfo> rules = {
      {html_import::kNotHtml,
       Severity::error,
       "不是可读取的网页（空文件、二进制文件或编码无法识别）",
       "not a web page that can be read (empty, binary, or in no encoding that applies)",
       clause,
       {},
       true},
      {html_import::kLimit,
       Severity::error,
       "超过读取上限（网页大小、标签数、嵌套深度、表格大小）",
       "beyond a reading limit (page size, tags, nesting depth, table size)",
       "nianbao limits",
       {},
       true},
  };
  registry.add_rules(rules);
  registry.add_rule(document::format_found_rule(kFormatFound));
  registry.add_rules(document::rules(kCodes, "网页", "the page"));
  std::vector<MessageText> messages = {
      {"html.empty", "{file} 是空文件（0 字节），不是网页",
       "{file} is empty (0 bytes), not a web page"},
      {"html.binary", "{file} 在第 {offset} 字节处有空字符，是二进制文件，不是网页",
       "{file} has a NUL character at byte {offset}: it is a binary file, not a web page"},
      {"html.bad_encoding",
       "{file} 的编码无法识别：第 {offset} 字节起既不是 UTF-8 也不是 GB18030（已尝试：{tried}）；"
       "请在浏览器中打开后另存为 UTF-8 网页",
       "the encoding of {file} cannot be told: from byte {offset} on it is neither UTF-8 nor "
       "GB18030 (tried: {tried}); open it in a browser and save it as a UTF-8 page"},
      {"html.bad_declared_encoding",
       "{file} 声明的编码为 {charset}，但第 {offset} 字节起的内容不是 {charset}",
       "{file} declares the charset {charset}, but from byte {offset} on it is not {charset}"},
      {"html.limit_size", "{file} 有 {size} 字节，超过网页的上限 {limit} 字节",
       "{file} has {size|byte|bytes}, more than the limit of {limit} for a page"},
      {"html.limit_tags", "{file} 的标签超过上限 {limit} 个",
       "{file} has more tags than the limit of {limit}"},
      {"html.limit_depth", "{file} 的元素嵌套超过 {limit} 层",
       "the elements of {file} are nested deeper than {limit|level|levels}"},
      {"html.limit_rows", "{file} 的{table}超过 {limit} 行",
       "{table} of {file} has more than {limit|row|rows}"},
      {"html.limit_columns", "{file} 的{table}超过 {limit} 列",
       "{table} of {file} has more than {limit|column|columns}"},
      {"html.limit_cells",
       "{file} 的表格单元格超过上限 {limit} 个（需要时可用 --limit table-cells=… 提高）",
       "the tables of {file} have more cells than the limit of {limit} (raise it with --limit "
       "table-cells=… if needed)"},
  };
  registry.add_messages(messages);
  registry.add_messages(document::messages());  // the shared reading's messages
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
