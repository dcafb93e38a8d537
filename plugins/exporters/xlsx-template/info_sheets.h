// The metadata sheet (元数据: agency, year, format, contact, with validation) and the prose sheet
// (正文: one row per paragraph) of the fill-in template; their words are shared with the importer
// (grid/template_labels.h).
#pragma once

#include "workbook.h"

namespace nianbao::xlsx_template {

class InfoSheetsWriter : private SheetWriter {
 public:
  explicit InfoSheetsWriter(Workbook& book) : SheetWriter(book) {}

  void write_metadata();
  void write_prose();

 private:
  std::string metadata_value(std::string_view key) const;
};

}  // namespace nianbao::xlsx_template
