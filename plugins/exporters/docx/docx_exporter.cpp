// docx-exporter: the report as the Word document an agency publishes (`nianbao convert r.json -o
// 年报.docx`), laid out by GB/T 9704 (formats.md §9), with the tables printed exactly as the
// report's format defines them. `--reference-docx FILE` (option "reference-docx") takes styles,
// fonts, page setup, headers and footers from an agency's own template, as pandoc does.
#include <nianbao/exporter_base.h>
#include <nianbao/plugin.h>

#include <memory>
#include <optional>

#include "docx_errors.h"
#include "print/print_layout.h"
#include "reference_docx.h"
#include "wordml.h"

namespace {

using namespace nianbao::docx;

constexpr const char* kReferenceOption = "reference-docx";

class DocxExporter final : public nianbao::ExporterBase {
 public:
  DocxExporter() : ExporterBase(kPluginId, {kReferenceOption}, {kBadOptionCode, kMsgBadOption}) {}
  std::string id() const override { return "docx"; }
  std::string description() const override {
    return "Word document laid out by GB/T 9704 (政府信息公开工作年度报告 as published)";
  }
  std::vector<std::string> extensions() const override { return {".docx"}; }

 private:
  // Every option is checked (ExporterBase) before the reference document is read.
  std::string write_report(const nianbao::Report& report,
                           const nianbao::ExportContext& context) const override {
    std::optional<ReferenceDocument> reference;
    if (auto it = context.options.find(kReferenceOption); it != context.options.end())
      reference = read_reference_docx(it->second);
    const nianbao::print::Document document = nianbao::print::lay_out(report, context.format);
    return write_docx(document, report, reference ? &*reference : nullptr);
  }
};

void register_components(nianbao::Registry& registry) {
  registry.add_exporter(std::make_unique<DocxExporter>());

  const std::string clause = "formats.md §9; convert --reference-docx";
  registry.add_rule({kBadReferenceCode,
                     nianbao::Severity::error,
                     "参考文档不是可用的 Word 文档",
                     "the reference document is not a usable Word document",
                     clause,
                     {},
                     true});
  registry.add_rule(
      {kReferenceTooLargeCode,
       nianbao::Severity::error,
       "参考文档超出读取限制（条目数、部件大小或 XML 嵌套层数）",
       "the reference document exceeds the read limits (entries, part size, XML depth)",
       clause,
       {},
       true});
  registry.add_rule({kBadOptionCode,
                     nianbao::Severity::error,
                     "DOCX 导出器的选项无效",
                     "invalid DOCX exporter option",
                     "convert --option",
                     {},
                     true});

  registry.add_message({kMsgNotZip, "参考文档 {file} 不是 DOCX（ZIP）文件，或已损坏：{detail}",
                        "the reference document {file} is not a DOCX (ZIP) file or is damaged: "
                        "{detail}"});
  registry.add_message({kMsgMissingPart,
                        "参考文档 {file} 缺少 {entry}（{detail}），不是完整的 Word 文档",
                        "the reference document {file} lacks {entry} ({detail}): not a complete "
                        "Word document"});
  registry.add_message({kMsgBadPart, "参考文档 {file} 中的 {entry} 无法读取：{detail}",
                        "{entry} in the reference document {file} cannot be read: {detail}"});
  registry.add_message({kMsgNotWordprocessing,
                        "参考文档 {file} 中的 {entry} 不是 Word 文档的内容（{detail}）",
                        "{entry} in the reference document {file} is not WordprocessingML "
                        "({detail})"});
  registry.add_message({kMsgTooLarge, "参考文档 {file} 中的 {entry} 解压后超过 {detail} 字节",
                        "{entry} in the reference document {file} decompresses to more than "
                        "{detail|byte|bytes}"});
  registry.add_message({kMsgTooLargeTotal,
                        "参考文档 {file} 读到 {entry} 时解压总量超过 {detail} 字节",
                        "reading {entry} takes the reference document {file} beyond {detail} "
                        "decompressed bytes in all"});
  registry.add_message({kMsgTooCompressed,
                        "参考文档 {file} 中的 {entry} 压缩比超过 {detail}:1，疑似压缩炸弹",
                        "{entry} in the reference document {file} is compressed more than "
                        "{detail}:1; it looks like a zip bomb"});
  registry.add_message(
      {kMsgUnsafeEntry,
       "参考文档 {file} 含有名称不安全的条目 {entry}（绝对路径或含“..”），拒绝读取",
       "the reference document {file} has an entry with an unsafe name, {entry} "
       "(absolute or with \"..\"); it is refused"});
  registry.add_message(
      {kMsgSymlinkEntry,
       "参考文档 {file} 中的条目 {entry} 是符号链接，Word 文档不含符号链接，拒绝读取",
       "the entry {entry} of the reference document {file} is a symbolic link, "
       "which no Word document has; it is refused"});
  registry.add_message({kMsgEncryptedEntry,
                        "参考文档 {file} 中的条目 {entry} 已加密，无法读取；请去掉密码后重新保存",
                        "the entry {entry} of the reference document {file} is encrypted and "
                        "cannot be read; save the document again without a password"});
  registry.add_message({kMsgTooManyEntries, "参考文档 {file} 的条目超过 {detail} 个",
                        "the reference document {file} has more than {detail|entry|entries}"});
  registry.add_message({kMsgTooDeep, "参考文档 {file} 中的 {entry} 的 XML 嵌套超过 {detail} 层",
                        "{entry} in the reference document {file} nests XML deeper than {detail} "
                        "levels"});
  registry.add_message({kMsgBadOption,
                        "DOCX 导出器没有选项 {option}={value}；可用的选项：reference-docx=文件",
                        "the DOCX exporter has no option {option}={value}; options: "
                        "reference-docx=FILE"});
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
