// A spreadsheet as the importers see it: sheets of cells addressed by row and column, with merged
// ranges. The XLSX reader and the CSV reader both produce it; the layout recogniser reads it.
#pragma once

#include <nianbao/location.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao::grid {

/// Spreadsheet limits (Excel's): rows and columns beyond them are not cell references.
inline constexpr int kMaxRows = 1048576;
inline constexpr int kMaxColumns = 16384;

/// "C12" for the 0-based (row 11, column 2).
std::string cell_name(int row, int col);
std::string column_name(int col);
/// Parses "C12" or "$C$12" into a 0-based (row, column); nothing when it is not a reference
/// within the spreadsheet limits.
std::optional<std::pair<int, int>> parse_cell_name(std::string_view ref);

struct Range {
  int first_row = 0, first_col = 0, last_row = 0, last_col = 0;
  bool contains(int row, int col) const {
    return row >= first_row && row <= last_row && col >= first_col && col <= last_col;
  }
};
/// Parses "A1:C3" (or "B2", a range of one cell).
std::optional<Range> parse_range(std::string_view ref);

struct GridCell {
  enum class Kind { empty, number, text, boolean, error };
  Kind kind = Kind::empty;
  /// The text of a text cell; a number as the file stores it ("299.8", "1.5E-2"); "TRUE"; "#REF!".
  std::string text;
  /// The formula without its "=", when the cell has one.
  std::string formula;
  /// For a formula cell: whether the file holds the value last calculated (its cached value).
  bool has_cached_value = true;
  /// The value was calculated by nianbao from the formula, not read from the file.
  bool evaluated = false;
  /// Why a formula without a cached value could not be calculated (the cell is then empty).
  std::string note;
  /// Where a document's cell was read (a line of a text file, a paragraph of a Word table): a
  /// document has no cell names. Empty for a spreadsheet's cells, whose place is sheet and cell.
  SourceLocation source;
  /// The digits of several cells printed without separators (a flattened web page, "640020470"
  /// for 64 0 0 2 0 4 70): the document assembly splits them by the table's sums before reading.
  bool run = false;
  /// The value was recovered by splitting a run, not read as printed.
  bool reconstructed = false;
};

class Sheet {
 public:
  std::string name;
  /// A table read from a document's text, where only the order of cells is known: row r holds
  /// one printed row (or one run of text), its cells in reading order at columns 0, 1, 2 …, but
  /// merged and wrapped cells make the columns of different rows disagree. The layout recogniser
  /// then finds a row's values as the cells right after its label, and column headers by their
  /// labels anywhere above, instead of by position.
  bool flow = false;

  GridCell& put(int row, int col) { return cells_[{row, col}]; }
  const GridCell* at(int row, int col) const;
  const std::map<std::pair<int, int>, GridCell>& cells() const { return cells_; }
  std::map<std::pair<int, int>, GridCell>& cells() { return cells_; }

  void add_merge(const Range& range) { merges_.push_back(range); }
  const std::vector<Range>& merges() const { return merges_; }
  /// Builds the lookup of merged ranges; call once after the last add_merge.
  void index_merges();
  /// The merged range covering (row, col), or nullptr.
  const Range* merge_at(int row, int col) const;

 private:
  std::map<std::pair<int, int>, GridCell> cells_;
  std::vector<Range> merges_;
  // Covered cell → index into merges_, for ranges of reasonable size; the few huge ranges (a whole
  // row merged, say) are looked up by a scan instead, so a hostile file cannot make the index huge.
  std::map<std::pair<int, int>, std::size_t> merge_index_;
  std::vector<std::size_t> large_merges_;
};

}  // namespace nianbao::grid
