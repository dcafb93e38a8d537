// Importer for XLSX workbooks: nianbao's own fill-in template (nianbao template …) filled in by
// anyone, and the spreadsheets people make themselves laid out like the published tables. The
// workbook is read with libzip and pugixml (workbook.cpp), formulas are given values
// (formula.cpp), and the tables are found by their printed labels through the format definitions
// (grid/layout.cpp), which also picks the format the layout fits.
#include <nianbao/importer_base.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <algorithm>
#include <cctype>

#include "formula.h"
#include "grid/cell_limit.h"
#include "grid/layout.h"
#include "workbook.h"
#include "xlsx_limits.h"

namespace nianbao::xlsx {

void fail(const char* code, const std::string& message_id, const std::string& path,
          std::vector<MessageArg> args, const std::string& sheet) {
  Diagnostic d = input_diagnostic(kPluginId, code, Severity::error, message_id, path);
  d.args = std::move(args);
  d.location.source.sheet = sheet;
  throw InputError(std::move(d));
}

}  // namespace nianbao::xlsx

namespace {

using namespace nianbao;

// The reading library names the plugin in what it reports: it must be the id the build gave.
static_assert(std::string_view(NIANBAO_PLUGIN_ID) == xlsx::kPluginId);

constexpr const char* kNoTables = "XLSX-06";
constexpr const char* kAmbiguous = "XLSX-07";
constexpr const char* kFormatFound = "XLSX-08";
constexpr const char* kNotANumber = "XLSX-09";
constexpr const char* kUncalculated = "XLSX-10";
constexpr const char* kEvaluated = "XLSX-11";
constexpr const char* kBadEntry = "XLSX-12";

class XlsxImporter final : public ImporterBase {
 public:
  XlsxImporter() : ImporterBase(xlsx::kPluginId, grid::kHintOptions) {}
  std::string id() const override { return "xlsx"; }
  std::string description() const override {
    return "XLSX workbooks: the fill-in template, and tables laid out as published";
  }
  std::vector<std::string> extensions() const override { return {".xlsx", ".xlsm"}; }

  int identify(std::string_view path, std::string_view head) const override {
    const bool xlsx_name = has_extension(path, ".xlsx") || has_extension(path, ".xlsm");
    const bool xls_name = has_extension(path, ".xls") || has_extension(path, ".et");
    const bool zip = head.starts_with("PK\x03\x04");
    if (zip && xlsx_name) return 95;
    if (zip && head.find("xl/") != std::string_view::npos &&
        head.find("word/") == std::string_view::npos)
      return 80;
    // Not a workbook this importer can read, but one it can explain: an .xls file, an encrypted
    // workbook, a damaged .xlsx.
    if (nianbao::is_ole_compound_file(head) && (xls_name || xlsx_name)) return 90;
    if (xlsx_name || xls_name) return 50;
    return 0;
  }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext& context) const override {
    ImportResult result;
    const grid::Codes codes{xlsx::kPluginId, kFormatFound,  kNoTables, kAmbiguous, kNotANumber,
                            kBadEntry,       kUncalculated, "",        ""};
    std::vector<Diagnostic> warnings;
    grid::Hints hints = grid::hints_from_options(context.options, codes, input.path, warnings);
    xlsx::Workbook wb =
        xlsx::read_workbook(input.bytes, input.path,
                            nianbao::zip::limits_from_options(xlsx::kZipLimits, context.options),
                            limit_value(context.options, "table-cells", xlsx::kMaxCells));
    std::vector<std::string> evaluated;
    xlsx::resolve_formulas(wb.sheets, wb.recalculate_on_load, evaluated);
    hints.date1904 = wb.date1904;
    grid::LayoutResult layout =
        grid::read_report(wb.sheets, context.formats, hints, input.path, codes, &labels_);
    result.report = std::move(layout.report);
    result.diagnostics = std::move(warnings);
    for (auto& d : layout.diagnostics)
      result.diagnostics.push_back(std::move(d));
    if (!evaluated.empty()) {
      std::string cells;
      for (std::size_t i = 0; i < evaluated.size() && i < 5; ++i)
        cells += (cells.empty() ? "" : ", ") + evaluated[i];
      if (evaluated.size() > 5) cells += "…";
      result.diagnostics.push_back(input_diagnostic(xlsx::kPluginId, kEvaluated, Severity::info,
                                                    "xlsx.evaluated", input.path)
                                       .arg("count", std::to_string(evaluated.size()))
                                       .arg("cells", cells));
    }
    return result;
  }

  // The formats' labels, prepared once for all the files this importer reads.
  mutable grid::LabelCache labels_;
};

void register_components(Registry& registry) {
  registry.add_importer(std::make_unique<XlsxImporter>());
  nianbao::zip::declare_limits(registry, xlsx::kZipLimits);
  registry.add_limit(grid::table_cells_limit(xlsx::kMaxCells));
  const char* clause = "nianbao XLSX 导入";
  const std::vector<RuleInfo> rules = {
      {xlsx::kNotXlsx,
       Severity::error,
       "不是完整的 XLSX 文件（不是 zip 压缩包、文件不完整或已损坏）",
       "not a complete XLSX file (not a zip archive, truncated or damaged)",
       clause,
       {},
       true},
      {xlsx::kLegacyOrEncrypted,
       Severity::error,
       "Excel 97–2003 二进制工作簿（.xls）或加密的工作簿",
       "an Excel 97–2003 binary workbook (.xls) or an encrypted workbook",
       clause,
       {},
       true},
      {xlsx::kLimit,
       Severity::error,
       "超过读取上限（条目数、解压大小、压缩比、XML 嵌套深度）",
       "beyond a reading limit (entries, decompressed size, compression ratio, XML depth)",
       "nianbao limits",
       {},
       true},
      {xlsx::kBadXml,
       Severity::error,
       "工作簿中的 XML 无效或含有 DTD 声明",
       "invalid XML, or a DTD, in a part of the workbook",
       clause,
       {},
       true},
      {xlsx::kBrokenWorkbook,
       Severity::error,
       "工作簿结构不完整（缺少工作表或部件、单元格引用无效）",
       "incomplete workbook (a sheet or part missing, an invalid cell reference)",
       clause,
       {},
       true},
      {kNoTables,
       Severity::error,
       "没有找到年度报告的表格",
       "no table of an annual report found",
       "formats.md §4–§6",
       {},
       true},
      {kAmbiguous,
       Severity::error,
       "表格版式同时符合多个格式，无法确定",
       "the layout fits several formats equally",
       "formats.md §2",
       {},
       true},
      {kFormatFound,
       Severity::info,
       "按表格版式识别的格式",
       "the format read from the layout",
       "formats.md §2",
       {},
       true},
      {kNotANumber,
       Severity::warning,
       "表格单元格的内容不是数字",
       "a table cell is not a number",
       "formats.md §7",
       {},
       true},
      {kUncalculated,
       Severity::warning,
       "公式没有保存计算结果且无法计算",
       "a formula without a saved result that cannot be calculated",
       clause,
       {},
       true},
      {kEvaluated,
       Severity::info,
       "公式没有保存计算结果，由 nianbao 计算",
       "formulas without saved results, calculated by nianbao",
       clause,
       {},
       true},
      {kBadEntry,
       Severity::warning,
       "基本信息、正文或年度选项中的内容无法使用",
       "an entry of the metadata or prose sheet, or the year option, cannot be used",
       clause,
       {},
       true},
  };
  registry.add_rules(rules);
  std::vector<MessageText> messages = {
      {"xlsx.not_zip",
       "不是完整的 XLSX 文件（zip 压缩包无法打开：{detail}）；文件可能不完整或已损坏",
       "not a complete XLSX file (the zip archive cannot be opened: {detail}); the file may be "
       "truncated or damaged"},
      {"xlsx.not_zip_signature", "不是 XLSX 文件：XLSX 是 zip 压缩包，应以“PK”开头",
       "not an XLSX file: an XLSX file is a zip archive and begins with \"PK\""},
      {"xlsx.no_workbook", "zip 压缩包中没有工作簿 {entry}，不是 XLSX 文件",
       "the zip archive has no workbook {entry}; it is not an XLSX file"},
      {"xlsx.damaged_part", "压缩包中的 {entry} 已损坏（{detail}）",
       "the part {entry} of the archive is damaged ({detail})"},
      {"xlsx.legacy",
       "这是 Excel 97–2003 二进制工作簿（.xls/.et）或加密的工作簿，无法读取；请在 Excel 或 WPS 中"
       "另存为“Excel 工作簿（*.xlsx）”，不设打开密码",
       "this is an Excel 97–2003 binary workbook (.xls/.et) or an encrypted workbook, which cannot "
       "be read; save it from Excel or WPS as \"Excel Workbook (*.xlsx)\" without a password"},
      {"xlsx.unsafe_entry",
       "压缩包含有名称不安全的条目 {entry}（绝对路径或含“..”），XLSX "
       "文件不会有这样的条目，拒绝读取",
       "the archive has an entry with an unsafe name, {entry} (absolute or with \"..\"), which no "
       "XLSX file has; it is refused"},
      {"xlsx.symlink_entry", "压缩包中的条目 {entry} 是符号链接，XLSX 文件不含符号链接，拒绝读取",
       "the entry {entry} of the archive is a symbolic link, which no XLSX file has; it is "
       "refused"},
      {"xlsx.encrypted_entry",
       "压缩包中的条目 {entry} 已加密，无法读取；请在 Excel 或 WPS 中去掉密码后另存为 .xlsx",
       "the entry {entry} of the archive is encrypted and cannot be read; save the workbook from "
       "Excel or WPS as .xlsx without a password"},
      {"xlsx.limit_entries",
       "压缩包有 {count} 个条目，超过上限 {limit} 个（需要时可用 --limit zip-entries=… 提高）",
       "the archive has {count|entry|entries}, more than the limit of {limit} (raise it with "
       "--limit "
       "zip-entries=… if needed)"},
      {"xlsx.limit_entry_size",
       "{entry} 解压后为 {declared}，超过单个部件的上限 {limit}（需要时可用 --limit "
       "zip-entry-bytes=… 提高）",
       "{entry} decompresses to {declared}, more than the limit of {limit} for one part "
       "(raise it with --limit zip-entry-bytes=… if needed)"},
      {"xlsx.limit_total_size",
       "读到 {entry} 时解压总量超过上限 {limit}（需要时可用 --limit zip-total-bytes=… 提高）",
       "reading {entry} would take the decompressed total beyond the limit of {limit} "
       "(raise it with --limit zip-total-bytes=… if needed)"},
      {"xlsx.limit_ratio",
       "{entry} 的压缩比为 {ratio}:1，超过上限 {limit}:1（需要时可用 --limit zip-ratio=… "
       "提高），疑似压缩炸弹",
       "{entry} has a compression ratio of {ratio}:1, more than the limit of {limit}:1 "
       "(raise it with --limit zip-ratio=… if needed); it looks like a zip bomb"},
      {"xlsx.limit_lying_size",
       "{entry} 解压出的数据多于其声明的 {declared} 字节，拒绝继续读取（压缩包被篡改或损坏）",
       "{entry} decompresses to more than the {declared|byte|bytes} it declares; reading stopped "
       "(the "
       "archive is tampered with or damaged)"},
      {"xlsx.limit_depth", "{entry} 的 XML 嵌套超过 {limit} 层",
       "the XML of {entry} is nested deeper than {limit|level|levels}"},
      {"xlsx.limit_merges", "合并单元格超过上限 {limit} 个",
       "more merged ranges than the limit of {limit}"},
      {"xlsx.limit_cells", "单元格超过上限 {limit} 个（需要时可用 --limit table-cells=… 提高）",
       "more cells than the limit of {limit} (raise it with --limit table-cells=… if needed)"},
      {"xlsx.limit_sheets", "工作表超过上限 {limit} 个", "more sheets than the limit of {limit}"},
      {"xlsx.doctype",
       "{entry} 在第 {offset} 字节处有 DTD 声明（<!DOCTYPE>/<!ENTITY>）；XLSX 不使用 DTD，为防 XML "
       "炸弹拒绝读取",
       "{entry} has a DTD (<!DOCTYPE>/<!ENTITY>) at byte {offset}; XLSX never uses one, and it is "
       "refused as a possible XML bomb"},
      {"xlsx.bad_xml", "{entry} 的 XML 无效：{detail}（第 {offset} 字节）",
       "the XML of {entry} is invalid: {detail} (at byte {offset})"},
      {"xlsx.missing_part", "工作簿缺少部件 {entry}", "the workbook lacks the part {entry}"},
      {"xlsx.missing_sheet", "工作簿列出了工作表“{sheet}”，但压缩包中没有它的内容（{entry}）",
       "the workbook lists the sheet \"{sheet}\", but the archive does not hold it ({entry})"},
      {"xlsx.bad_ref", "{entry} 中的单元格引用“{ref}”无效",
       "the cell reference \"{ref}\" in {entry} is invalid"},
      {"xlsx.bad_shared_string", "{entry} 的单元格 {cell} 引用了不存在的共享字符串 {index}",
       "the cell {cell} in {entry} refers to the shared string {index}, which does not exist"},
      {"xlsx.evaluated",
       "{count} 个公式单元格没有保存计算结果（文件由不计算公式的程序写出，或要求打开时重算），已由 "
       "nianbao 计算：{cells}",
       "{count} formula cells had no saved result (the file was written by a program that does not "
       "calculate, or asks to be recalculated when opened); nianbao calculated them: {cells}"},
  };
  registry.add_messages(messages);
  registry.add_messages(grid::messages());  // the shared reading's messages
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
