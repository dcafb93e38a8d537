// Reading an XLSX workbook (ECMA-376 SpreadsheetML) into sheets of cells: the package
// relationships lead to the workbook, the workbook to its sheets and shared strings. Only what the
// importer needs is read: cell values (shared, inline and rich-text strings, numbers, booleans,
// errors), formulas (shared formulas expanded), merged ranges, and the date system.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grid/sheet.h"
#include "xlsx_limits.h"
#include "zip/zip_reader.h"

namespace nianbao::xlsx {

struct Workbook {
  std::vector<grid::Sheet> sheets;   ///< worksheets in workbook order
  bool date1904 = false;             ///< dates count from 1904 (workbookPr date1904)
  bool recalculate_on_load = false;  ///< calcPr fullCalcOnLoad: cached values are not to be trusted
};

/// Reads the workbook; throws InputError (XLSX-01 … XLSX-05) naming the file and the part.
/// `zip_limits`: kZipLimits, or as the user changed them (zip::limits_from_options); `max_cells`:
/// kMaxCells, or the user's limit "table-cells".
Workbook read_workbook(std::string_view bytes, const std::string& path,
                       const zip::Limits& zip_limits, std::size_t max_cells = kMaxCells);

}  // namespace nianbao::xlsx
