// Importer for a published report as PDF. Poppler (Debian libpoppler-cpp-dev) gives each page's
// text in its physical layout, exactly as `pdftotext -layout` prints it (pages separated by form
// feeds); the text reader shared with the text importer (../document/text_document.h) reads it
// and the report is assembled as for every published document. Locations are lines of that text
// (what `pdftotext -layout file.pdf -` prints), with the page in SourceLocation::pointer.
#include <nianbao/plugin.h>
#include <nianbao/text.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "document/document.h"
#include "document/text_document.h"

namespace {

using namespace nianbao;

constexpr const char* kPluginId = "pdf-importer";
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

// What the document assembly reports, under this importer's codes.
const document::Codes kCodes{kPluginId,
                             {kPluginId, kDetected, kNoTables, kAmbiguous, kNotANumber, kMetadata,
                              "", kSplitAmbiguous, kSplit},
                             kTruncated};

// A report has a few dozen pages; more is not a report (and bounds the work on a hostile file).
constexpr int kMaxPages = 500;
// The text of all pages together.
constexpr std::size_t kMaxTextBytes = 16u << 20;

// Poppler reports what it repairs on stderr; the importer says what matters itself.
void quiet(const std::string&, void*) {}

// Poppler's global state is not safe to use from several threads at once.
std::mutex& poppler_mutex() {
  static std::mutex m;
  return m;
}

std::string utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

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

class PdfImporter final : public Importer {
 public:
  std::string id() const override { return "pdf"; }
  std::string description() const override {
    return "PDF of a published report: the text of its pages in their physical layout (poppler)";
  }
  std::vector<std::string> extensions() const override { return {".pdf"}; }

  int identify(std::string_view path, std::string_view head) const override {
    if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return 100;
    return has_extension(path, ".pdf") ? 80 : 0;
  }

  ImportResult read(const InputFile& input, const ImportContext& context) const override {
    if (input.bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
      unreadable(input.bytes, input.path);
    std::string text;
    int pages = 0;
    {
      std::lock_guard<std::mutex> lock(poppler_mutex());
      poppler::set_debug_error_function(quiet, nullptr);
      if (input.bytes.size() > static_cast<std::size_t>(INT32_MAX))
        unreadable(input.bytes, input.path);
      std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
          input.bytes.data(), static_cast<int>(input.bytes.size())));
      if (!doc) unreadable(input.bytes, input.path);
      if (doc->is_locked())
        throw InputError(
            input_diagnostic(kPluginId, kEncrypted, Severity::error, "pdf.encrypted", input.path));
      pages = doc->pages();
      if (pages <= 0) unreadable(input.bytes, input.path);
      if (pages > kMaxPages) {
        Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error,
                                        "pdf.too_many_pages", input.path);
        d.arg("pages", std::to_string(pages)).arg("limit", std::to_string(kMaxPages));
        throw InputError(std::move(d));
      }
      for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (page) {
          std::string t = utf8(page->text(poppler::rectf(), poppler::page::physical_layout));
          t.erase(std::remove(t.begin(), t.end(), '\f'), t.end());
          text += t;
        }
        // Pages end with a form feed, as pdftotext writes them.
        text += '\f';
        if (text.size() > kMaxTextBytes) {
          Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error,
                                          "pdf.too_much_text", input.path);
          d.arg("limit", std::to_string(kMaxTextBytes));
          throw InputError(std::move(d));
        }
      }
    }
    // Invalid sequences (a broken font map) are replaced rather than refused.
    if (!is_valid_utf8(text)) text = encode_utf8(decode_utf8(text));
    std::size_t printed = 0;
    for (char c : text)
      if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') ++printed;
    if (printed == 0) {
      Diagnostic d =
          input_diagnostic(kPluginId, kNoText, Severity::error, "pdf.no_text", input.path);
      d.arg("pages", std::to_string(pages));
      throw InputError(std::move(d));
    }
    document::TextDocument doc = document::read_text_document(text, context.formats);
    if (doc.forms.over_limit_line > 0) {
      Diagnostic d = input_diagnostic(kPluginId, kUnreadable, Severity::error, "pdf.too_many_items",
                                      input.path);
      d.location.source.line = doc.forms.over_limit_line;
      throw InputError(std::move(d));
    }
    Diagnostic detected =
        input_diagnostic(kPluginId, kDetected, Severity::info, "pdf.detected", input.path);
    detected.arg("pages", std::to_string(pages))
        .arg("footers", std::to_string(doc.forms.page_footers));
    return document::assemble_report(doc.document, input, context, kCodes, {std::move(detected)});
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
  for (const auto& r : rules)
    registry.add_rule(r);
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
      {"pdf.no_text",
       "PDF 的 {pages} 页都没有文字层（可能是扫描件）；请先做文字识别（OCR），或导入 Word 原件",
       "none of the PDF's {pages|page|pages} has a text layer (a scan?); run text recognition "
       "(OCR) "
       "first, or import the Word original"},
      {"pdf.detected", "读取 PDF 共 {pages} 页的文字（按版面排列）；略去页码 {footers} 行",
       "read the text of the PDF's {pages|page|pages} in their layout; {footers|page number|page "
       "numbers} left out"},
  };
  for (auto& m : document::messages())
    messages.push_back(std::move(m));
  for (const auto& m : messages)
    registry.add_message(m);
}

}  // namespace

NIANBAO_PLUGIN("pdf-importer", "1.0.0", register_components)
