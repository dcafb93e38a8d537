// The metadata sheet (元数据: agency, year, format, contact, with validation) and the prose sheet
// (正文: one row per paragraph) of the fill-in template; their words are shared with the importer
// (grid/template_labels.h).
#pragma once

#include "workbook.h"

namespace nianbao::xlsx_template {

class InfoSheetsWriter {
 public:
  explicit InfoSheetsWriter(Workbook& book)
      : book_(book),
        wb_(book.wb),
        report_(book.report),
        format_(book.format),
        styles_(book.styles),
        blank_template_(book.blank_template),
        used_names_(book.used_names) {}

  void write_metadata();
  void write_prose();

 private:
  std::string metadata_value(std::string_view key) const;

  Workbook& book_;
  lxw_workbook* wb_;
  const Report& report_;
  const FormatDefinition& format_;
  const Styles& styles_;
  const bool blank_template_;
  std::set<std::string>& used_names_;
};

}  // namespace nianbao::xlsx_template
