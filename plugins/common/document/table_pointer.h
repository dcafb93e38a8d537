// Pointing at a cell of a table in a Word document or a web page. Such documents have no cell
// names: their importers name the tables "表1", "表2"… in reading order and a cell "表3 第5行第2列"
// (row of the table, column of its grid, from 1), with the line of the page where there is one.
// The layout recogniser places the cells of a table it reads as a grid by sheet and cell name
// ("表3", "B5"), as for a spreadsheet; rewrite() turns those places back into the document's, in
// the report and in the diagnostics.
#pragma once

#include <nianbao/plugin.h>

#include <map>
#include <string>

#include "document.h"
#include "grid/sheet.h"

namespace nianbao::table_pointer {

/// "表3 第5行第2列" for the 0-based (row 4, column 1) of the table named "表3".
inline std::string pointer(const std::string& table, int row, int col) {
  return table + " 第" + std::to_string(row + 1) + "行第" + std::to_string(col + 1) + "列";
}

/// Rewrites the places given as a table's name and a cell name into the document's: where the
/// reader read the cell, or for a cell it found blank, the pointer alone (with the table's line).
class Rewriter {
 public:
  explicit Rewriter(const document::Document& document) {
    for (const auto& b : document.blocks)
      if (b.kind == document::Block::Kind::table) tables_[b.table.name] = &b;
  }

  void rewrite(SourceLocation& source) const {
    const auto it = tables_.find(source.sheet);
    if (it == tables_.end()) return;
    const document::Block& table = *it->second;
    SourceLocation place = table.source;
    if (!source.cell.empty()) {
      const auto rc = grid::parse_cell_name(source.cell);
      if (!rc) return;
      const grid::GridCell* cell = table.table.at(rc->first, rc->second);
      if (cell && !cell->source.empty()) {
        place = cell->source;
      } else {
        place.pointer = pointer(table.table.name, rc->first, rc->second);
      }
    }
    place.file = source.file;
    source = std::move(place);
  }

  void rewrite(ImportResult& result) const {
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

 private:
  std::map<std::string, const document::Block*> tables_;
};

/// The report of a Word document or a web page: assembled from its blocks, its places turned into
/// the document's.
inline ImportResult assemble(const document::Document& doc, const InputFile& input,
                             const ImportContext& context, const document::Codes& codes) {
  ImportResult result = document::assemble_report(doc, input, context, codes);
  Rewriter(doc).rewrite(result);
  return result;
}

}  // namespace nianbao::table_pointer
