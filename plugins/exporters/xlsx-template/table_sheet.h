// The sheet of one table of the fill-in template: its caption rows, merged header cells and
// official labels as printed, the cells to fill in with their validation, the totals as formulas
// (in an empty template) and the 勾稽关系 as conditional formatting.
#pragma once

#include <map>
#include <set>

#include "workbook.h"

namespace nianbao::xlsx_template {

class TableSheetWriter : private SheetWriter {
 public:
  explicit TableSheetWriter(Workbook& book) : SheetWriter(book) {}

  /// Adds the sheet of table `t` to the workbook.
  void write_table(const TableDef& t);

 private:
  struct TableSheet {
    lxw_worksheet* ws = nullptr;
    std::map<std::pair<std::string, std::string>, Position> at;  // (row key, column key) → cell
    int next_row = 0;
    int width = 0;
  };

  std::string sheet_title(const TableDef& t) const {
    const SectionDef* s = format_.find_section(t.section);
    return s && !s->heading.empty() ? s->heading : t.label;
  }

  void layout_grid(const TableDef& t, TableSheet& ts);
  void layout_column_groups(const TableDef& t, TableSheet& ts);
  std::vector<std::string> members(const TableDef& t, const IdentityDef& id) const;
  std::optional<Position> find(const TableSheet& ts, const IdentityDef& id,
                               const std::string& member, const std::string& key) const;
  // Data validation: each input cell is noted with its column's rule, then the cells of one rule
  // are written as a few rectangles (one <dataValidation> with a range each) instead of one
  // element per cell, which made most of the template's bytes.
  void validate(const Position& p, const ColumnDef& c);
  void write_validations(lxw_worksheet* ws);
  void write_validation(lxw_worksheet* ws, const Position& first, const Position& last,
                        const ColumnDef& c);
  void write_value(lxw_worksheet* ws, const Position& p, const Cell& cell, const ColumnDef& c,
                   lxw_format* f);
  std::map<Position, std::vector<Position>> total_formulas(const TableDef& t,
                                                           const TableSheet& ts) const;
  void write_cells(const TableDef& t, TableSheet& ts);
  void write_note(TableSheet& ts);

  // The cells noted by validate() for the sheet being written, by rule: (type, unit) → the
  // first column of that rule (for its messages) and the cells.
  std::map<std::pair<int, std::string>, std::pair<const ColumnDef*, std::set<Position>>>
      validations_;
  // Data cells merged across the rest of a narrower block: (sheet, row, col) → last column.
  std::map<std::tuple<lxw_worksheet*, int, int>, int> spans_;
};

}  // namespace nianbao::xlsx_template
