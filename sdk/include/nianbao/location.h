// Where a value came from (source file, sheet/cell, line, paragraph) and where it sits in the
// report's logical structure (table/row/column with the printed labels).
#pragma once

#include <string>

namespace nianbao {

struct SourceLocation {
  std::string file;     ///< path of the input file as the user named it
  std::string sheet;    ///< spreadsheet sheet name
  std::string cell;     ///< spreadsheet cell reference, e.g. "C12"
  int line = 0;         ///< 1-based text line, 0 when unknown
  int character = 0;    ///< 1-based character in the line, 0 when unknown
  int paragraph = 0;    ///< 1-based paragraph number, 0 when unknown
  std::string pointer;  ///< JSON pointer or XPath inside a structured input

  bool empty() const {
    return file.empty() && sheet.empty() && cell.empty() && line == 0 && paragraph == 0 &&
           pointer.empty();
  }
};

/// A cell or section of the report, by stable keys and printed labels.
struct LogicalLocation {
  std::string section;       ///< section key, e.g. "overview"
  std::string table;         ///< table key, e.g. "applications"
  std::string row;           ///< row key, e.g. "results_total"
  std::string column;        ///< column key, e.g. "natural_person"
  std::string table_label;   ///< e.g. "收到和处理政府信息公开申请情况"
  std::string row_label;     ///< e.g. "三、本年度办理结果 （七）总计"
  std::string column_label;  ///< e.g. "自然人"

  bool empty() const { return section.empty() && table.empty() && row.empty() && column.empty(); }
};

struct Location {
  SourceLocation source;
  LogicalLocation logical;
};

}  // namespace nianbao
