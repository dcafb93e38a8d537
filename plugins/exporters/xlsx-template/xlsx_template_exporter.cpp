// The fill-in template (填报模板): an XLSX workbook of a format's tables laid out as printed —
// caption rows, merged header cells, the official labels — written with libxlsxwriter.
// `nianbao template --format gov-2021 -o 模板.xlsx` exports an empty report with it; `nianbao
// convert report.json -o report.xlsx` exports a report's values into the same layout.
//
// Everything comes from the format definition: the tables, blocks, rows and columns with their
// labels and groups, the value types (validation: integers ≥ 0, signed integers, decimals for
// money) and the identities (a total that is the sum of other cells becomes a formula in the empty
// template; a relation with several terms on each side — the 勾稽关系 of table 三 — is shown by
// conditional formatting when it does not hold). Labels and formulas are locked (sheet protection
// without a password); the cells to fill in are not. A metadata sheet and a prose sheet
// (one row per paragraph) complete it; their words are shared with the importer
// (grid/template_labels.h).
//
// workbook.h holds what the sheets share; table_sheet.h writes the table sheets, info_sheets.h the
// metadata and prose sheets.
#include <nianbao/exporter_base.h>
#include <nianbao/plugin.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "info_sheets.h"
#include "table_sheet.h"
#include "workbook.h"

namespace {

using namespace nianbao;
using namespace nianbao::xlsx_template;

// The workbook's sheets: the metadata first (it opens on it), one per table, then the prose.
void write_sheets(Workbook& book) {
  InfoSheetsWriter info(book);
  info.write_metadata();
  TableSheetWriter tables(book);
  for (const auto& t : book.format.tables)
    tables.write_table(t);
  info.write_prose();
}

// libxlsxwriter writes to a file: a private temporary directory, removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/nianbao-xlsx-XXXXXX";
    if (!mkdtemp(pattern.data())) cannot_write("mkdtemp " + pattern + ": " + std::strerror(errno));
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class XlsxTemplateExporter final : public ExporterBase {
 public:
  XlsxTemplateExporter() : ExporterBase(kPluginId) {}
  std::string id() const override { return "xlsx-template"; }
  std::string description() const override {
    return "XLSX fill-in template of the format's tables (with the report's values, if any)";
  }
  std::vector<std::string> extensions() const override { return {".xlsx"}; }
  bool writes_templates() const override { return true; }

 private:
  std::string write_report(const Report& report, const ExportContext& context) const override {
    TemporaryDirectory dir;
    const std::string file = dir.path() + "/template.xlsx";
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = const_cast<char*>(dir.path().c_str());
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
    if (!wb) cannot_write("workbook_new " + file);
    try {
      lxw_doc_properties properties{};
      std::string title = context.format.name + " 填报模板 " + context.format.id + " " +
                          std::to_string(report.year);
      properties.title = title.data();
      workbook_set_properties(wb, &properties);
      Workbook book(wb, report, context.format);
      write_sheets(book);
    } catch (...) {
      workbook_close(wb);  // frees it; the file is removed with the directory
      throw;
    }
    check(workbook_close(wb), "workbook_close");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) cannot_write("read " + file);
    return bytes.str();
  }
};

void register_components(Registry& registry) {
  registry.add_exporter(std::make_unique<XlsxTemplateExporter>());
  registry.add_rule({kCannotWrite,
                     Severity::error,
                     "无法写出 XLSX 文件",
                     "the XLSX file cannot be written",
                     "nianbao output",
                     {},
                     true});
  registry.add_message({"xlsx-template.cannot_write", "无法写出 XLSX 文件：{detail}",
                        "the XLSX file cannot be written: {detail}"});
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
