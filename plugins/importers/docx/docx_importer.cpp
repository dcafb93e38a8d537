// Importer for published reports as Word documents (DOCX). wordml_reader.cpp reads the package
// into paragraphs and tables; the document assembly (../document) finds the sections, the
// metadata and — through the spreadsheet layout recogniser — the tables and the format, as it does
// for web pages and extracted text.
#include <nianbao/importer_base.h>
#include <nianbao/text.h>

#include "document/table_pointer.h"
#include "docx_limits.h"
#include "grid/cell_limit.h"
#include "grid/layout.h"
#include "wordml_reader.h"

namespace {

using namespace nianbao;

// The reading library names the plugin in what it reports: it must be the id the build gave.
static_assert(std::string_view(NIANBAO_PLUGIN_ID) == docx_import::kPluginId);

// What the document assembly finds, under this importer's codes.
constexpr const char* kFormatFound = "DOCX-08";
const document::Codes kCodes{
    docx_import::kPluginId,
    {docx_import::kPluginId, kFormatFound, "DOCX-09", "DOCX-10", "DOCX-11", "DOCX-12", ""},
    "DOCX-13"};

class DocxImporter final : public ImporterBase {
 public:
  DocxImporter() : ImporterBase(NIANBAO_PLUGIN_ID, grid::kHintOptions) {}
  std::string id() const override { return "docx"; }
  std::string description() const override {
    return "Word documents (DOCX): published reports, and the DOCX nianbao writes";
  }
  std::vector<std::string> extensions() const override { return {".docx", ".docm", ".dotx"}; }

  int identify(std::string_view path, std::string_view head) const override {
    const bool docx_name = has_extension(path, ".docx") || has_extension(path, ".docm") ||
                           has_extension(path, ".dotx");
    const bool doc_name = has_extension(path, ".doc") || has_extension(path, ".wps");
    const bool zip = head.starts_with("PK\x03\x04");
    if (zip && docx_name) return 95;
    if (zip && head.find("word/") != std::string_view::npos &&
        head.find("xl/") == std::string_view::npos)
      return 80;
    // Not a document this importer can read, but one it can explain: a .doc file, an encrypted
    // DOCX, a damaged one.
    if (nianbao::is_ole_compound_file(head) && (doc_name || docx_name)) return 90;
    if (docx_name || doc_name) return 50;
    return 0;
  }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext& context) const override {
    const document::Document doc =
        docx_import::read_document(input.bytes, input.path, context.options);
    return table_pointer::assemble(doc, input, context, kCodes);
  }
};

void register_components(Registry& registry) {
  registry.add_importer(std::make_unique<DocxImporter>());
  nianbao::zip::declare_limits(registry, docx_import::kZipLimits);
  registry.add_limit(grid::table_cells_limit(docx_import::kMaxCells));
  const char* clause = "nianbao DOCX 导入";
  const std::vector<RuleInfo> rules = {
      {docx_import::kNotDocx,
       Severity::error,
       "不是完整的 DOCX 文件（不是 zip 压缩包、文件不完整或已损坏、没有 Word 正文）",
       "not a complete DOCX file (not a zip archive, truncated or damaged, no Word document "
       "part)",
       clause,
       {},
       true},
      {docx_import::kLegacyOrEncrypted,
       Severity::error,
       "Word 97–2003 文档（.doc）或加密的文档",
       "a Word 97–2003 document (.doc) or an encrypted document",
       clause,
       {},
       true},
      {docx_import::kLimit,
       Severity::error,
       "超过读取上限（条目数、解压大小、压缩比、XML 嵌套深度、表格大小）",
       "beyond a reading limit (entries, decompressed size, compression ratio, XML depth, table "
       "size)",
       "nianbao limits",
       {},
       true},
      {docx_import::kBadXml,
       Severity::error,
       "Word 文档中的 XML 无效或含有 DTD 声明",
       "invalid XML, or a DTD, in a part of the Word document",
       clause,
       {},
       true},
  };
  registry.add_rules(rules);
  registry.add_rule(document::format_found_rule(kFormatFound));
  registry.add_rules(document::rules(kCodes, "Word 文档", "the Word document"));
  std::vector<MessageText> messages = {
      {"docx.empty", "{file} 是空文件（0 字节），不是 Word 文档",
       "{file} is empty (0 bytes), not a Word document"},
      {"docx.not_zip_signature",
       "{file} 不是 DOCX 文件：DOCX 是 zip 压缩包，应以“PK”开头（网页、PDF "
       "或文本请用相应的扩展名）",
       "{file} is not a DOCX file: a DOCX file is a zip archive and begins with \"PK\" (name a web "
       "page, PDF or text file by its own extension)"},
      {"docx.not_zip",
       "{file} 不是完整的 DOCX 文件（zip 压缩包无法打开：{detail}）；文件可能不完整或已损坏",
       "{file} is not a complete DOCX file (the zip archive cannot be opened: {detail}); the file "
       "may be truncated or damaged"},
      {"docx.damaged_part", "{file} 中的 {entry} 已损坏（{detail}）",
       "the part {entry} of {file} is damaged ({detail})"},
      {"docx.unsafe_entry",
       "{file} 含有名称不安全的条目 {entry}（绝对路径或含“..”），Word "
       "文档不会有这样的条目，拒绝读取",
       "{file} has an entry with an unsafe name, {entry} (absolute or with \"..\"), which no Word "
       "document has; it is refused"},
      {"docx.symlink_entry", "{file} 中的条目 {entry} 是符号链接，Word 文档不含符号链接，拒绝读取",
       "the entry {entry} of {file} is a symbolic link, which no Word document has; it is "
       "refused"},
      {"docx.encrypted_entry",
       "{file} 中的条目 {entry} 已加密，无法读取；请去掉密码后重新保存为 .docx",
       "the entry {entry} of {file} is encrypted and cannot be read; save the document as .docx "
       "without a password"},
      {"docx.legacy",
       "{file} 是 Word 97–2003 文档（.doc/.wps）或加密的文档，无法读取；请在 Word 或 WPS 中另存为"
       "“Word 文档（*.docx）”，不设打开密码",
       "{file} is a Word 97–2003 document (.doc/.wps) or an encrypted document, which cannot be "
       "read; save it from Word or WPS as \"Word Document (*.docx)\" without a password"},
      {"docx.no_document", "{file} 的压缩包中没有 Word 正文 {entry}，不是 DOCX 文件",
       "the zip archive {file} has no Word document part {entry}; it is not a DOCX file"},
      {"docx.not_wordprocessingml",
       "{file} 中的 {entry} 不是 Word 正文（根元素为 <{root}>，应为 <w:document> 且含 <w:body>）",
       "{entry} in {file} is not a Word document body (its root is <{root}>, not <w:document> "
       "with a <w:body>)"},
      {"docx.limit_entries",
       "{file} 的压缩包有 {count} 个条目，超过上限 {limit} 个（需要时可用 --limit zip-entries=… "
       "提高）",
       "the archive {file} has {count|entry|entries}, more than the limit of {limit} (raise it "
       "with "
       "--limit zip-entries=… if needed)"},
      {"docx.limit_part_size",
       "{file} 中的 {entry} 解压后为 {declared}，超过单个部件的上限 {limit}（需要时可用 --limit "
       "zip-entry-bytes=… 提高）",
       "{entry} in {file} decompresses to {declared}, more than the limit of {limit} for one part "
       "(raise it with --limit zip-entry-bytes=… if needed)"},
      {"docx.limit_total_size",
       "读到 {file} 中的 {entry} 时解压总量超过上限 {limit}（需要时可用 --limit zip-total-bytes=… "
       "提高）",
       "reading {entry} takes {file} beyond the limit of {limit} decompressed in all "
       "(raise it with --limit zip-total-bytes=… if needed)"},
      {"docx.limit_ratio",
       "{file} 中的 {entry} 压缩比为 {ratio}:1，超过上限 "
       "{limit}:1（需要时可用 --limit zip-ratio=… 提高），疑似压缩炸弹",
       "{entry} in {file} has a compression ratio of {ratio}:1, more than the limit of {limit}:1 "
       "(raise it with --limit zip-ratio=… if needed); it looks like a zip bomb"},
      {"docx.limit_lying_size",
       "{file} 中的 {entry} 解压出的数据多于其声明的 {declared} "
       "字节，拒绝继续读取（压缩包被篡改或损坏）",
       "{entry} in {file} decompresses to more than the {declared|byte|bytes} it declares; reading "
       "stopped (the archive is tampered with or damaged)"},
      {"docx.limit_depth", "{file} 中 {entry} 处的 XML 嵌套超过 {limit} 层",
       "the XML of {file} at {entry} is nested deeper than {limit|level|levels}"},
      {"docx.limit_nesting", "{file} 中的表格嵌套超过 {limit} 层",
       "the tables of {file} are nested more than {limit} deep"},
      {"docx.limit_rows", "{file} 的{entry}超过 {limit} 行",
       "{entry} of {file} has more than {limit|row|rows}"},
      {"docx.limit_columns", "{file} 的{entry}超过 {limit} 列",
       "{entry} of {file} has more than {limit|column|columns}"},
      {"docx.limit_cells",
       "{file} 的表格单元格超过上限 {limit} 个（需要时可用 --limit table-cells=… 提高）",
       "the tables of {file} have more cells than the limit of {limit} (raise it with --limit "
       "table-cells=… if needed)"},
      {"docx.doctype",
       "{file} 中的 {entry} 有 DTD 声明（<!DOCTYPE>/<!ENTITY>，第 {line} 行）；Word 文档不使用 "
       "DTD，"
       "为防 XML 炸弹拒绝读取",
       "{entry} in {file} has a DTD (<!DOCTYPE>/<!ENTITY>, line {line}); Word documents never use "
       "one, and it is refused as a possible XML bomb"},
      {"docx.bad_xml", "{file} 中 {entry} 的 XML 无效：{detail}（第 {line} 行）",
       "the XML of {entry} in {file} is invalid: {detail} (line {line})"},
  };
  registry.add_messages(messages);
  registry.add_messages(document::messages());  // the shared reading's messages
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
