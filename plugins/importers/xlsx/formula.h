// Formulas of a workbook. A file saved by a spreadsheet program holds the last calculated value
// of every formula; a file written by a library (openpyxl, libxlsxwriter) holds none, or a
// placeholder, and asks to be recalculated when opened (calcPr fullCalcOnLoad). The totals of
// the fill-in template are formulas, so nianbao calculates what such a file does not hold: sums
// and differences of cells and numbers (SUM, +, -), which is what the totals of a report are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grid/sheet.h"

namespace nianbao::xlsx {

/// A shared formula as it applies to another cell: relative references moved by (rows, cols)
/// ("SUM(B5:G5)" moved one row down is "SUM(B6:G6)"); a reference moved off the sheet is #REF!.
std::string shift_references(std::string_view formula, int rows, int cols);

/// Gives every formula cell its value. The cached value is used when the file has one and does not
/// ask to be recalculated; otherwise nianbao calculates the formula, and when it cannot (another
/// function, a circular reference…) keeps the cached value if there is one, else leaves the cell
/// empty with GridCell::note saying why. `evaluated` receives "Sheet!H5" for every cell whose value
/// nianbao calculated.
void resolve_formulas(std::vector<grid::Sheet>& sheets, bool recalculate_on_load,
                      std::vector<std::string>& evaluated);

}  // namespace nianbao::xlsx
