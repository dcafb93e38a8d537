// Pointing at a cell of a table in a Word document or a web page. Such documents have no cell
// names: their importers name the tables "表1", "表2"… in reading order and a cell "表3 第5行第2列"
// (row of the table, column of its grid, from 1). The layout recogniser places the cells of a
// table it reads as a grid by sheet and cell name ("表3", "B5"), as for a spreadsheet;
// rewrite() turns those places into the document's pointers, in the report and in the
// diagnostics.
#pragma once

#include <nianbao/plugin.h>

#include <string>

#include "grid/sheet.h"

namespace nianbao::table_pointer {

/// "表3 第5行第2列" for the 0-based (row 4, column 1) of the table named "表3".
inline std::string pointer(const std::string& table, int row, int col) {
  return table + " 第" + std::to_string(row + 1) + "行第" + std::to_string(col + 1) + "列";
}

/// A place given as a table's name and a cell name becomes the pointer; others stay as they are.
inline void rewrite(SourceLocation& source) {
  if (!source.sheet.starts_with("表")) return;
  if (source.cell.empty()) {
    source.pointer = source.sheet;
  } else if (auto rc = grid::parse_cell_name(source.cell)) {
    source.pointer = pointer(source.sheet, rc->first, rc->second);
  } else {
    return;
  }
  source.sheet.clear();
  source.cell.clear();
}

inline void rewrite(ImportResult& result) {
  if (result.report) {
    for (auto& table : result.report->tables)
      for (auto& row : table.rows)
        for (auto& [key, cell] : row.cells)
          rewrite(cell.source);
    for (auto& section : result.report->sections)
      for (auto& paragraph : section.paragraphs)
        rewrite(paragraph.source);
  }
  for (auto& d : result.diagnostics) {
    rewrite(d.location.source);
    for (auto& related : d.related)
      rewrite(related.source);
  }
}

}  // namespace nianbao::table_pointer
