// The tables of a PDF page rebuilt from what the page draws (the "lattice" reading of Tabula,
// Camelot and pdfplumber's "lines" strategy): the ruling lines a word processor draws for the
// borders of a table's cells — stroked lines or thin filled rectangles — and the words with their
// boxes. Pure geometry: poppler gives the lines and words (page_reader.h), this file knows nothing
// of PDF.
//
// Lines that meet make a table; the distinct positions of its vertical and horizontal lines make
// the grid; two neighbouring units of the grid with no line between them belong to one merged
// cell. Each word goes to the cell its centre lies in; a cell's words are ordered by line and
// joined, so text wrapped inside a cell (a label one or two characters a line, a group label
// running down a narrow column) is read as the one label it is.
#pragma once

#include <string>
#include <vector>

namespace nianbao::pdf_import {

/// A rectangle in page space: points from the top left corner, y downwards.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// A word as poppler reads it: text and box.
struct Word {
  std::string text;
  Box box;
};

/// A straight axis-parallel line drawn on the page: horizontal when y0 == y1, vertical when
/// x0 == x1 (a thin filled rectangle is given as its middle line).
struct Segment {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// One cell of a table: the units of the grid it covers (inclusive) and its text.
struct TableCell {
  int row = 0, col = 0, last_row = 0, last_col = 0;
  std::string text;
  int page = 0;  ///< the page (from 1) it is printed on, set by the importer
};

/// A table found on a page.
struct Table {
  Box box;
  std::vector<double> xs;        ///< the column boundaries, left to right (columns = xs.size() - 1)
  std::vector<double> ys;        ///< the row boundaries, top to bottom (rows = ys.size() - 1)
  std::vector<TableCell> cells;  ///< every cell, blank ones included, by row then column
  /// A table without lines whose header shows columns its figures do not (stream.h): a column
  /// blank in every row has no place, and its header runs into a neighbour's.
  bool unplaced_columns = false;
  int rows() const { return static_cast<int>(ys.size()) - 1; }
  int columns() const { return static_cast<int>(xs.size()) - 1; }
};

/// Bounds on the work for one page (a hostile file may draw any number of lines).
inline constexpr std::size_t kMaxSegments = 20000;
inline constexpr std::size_t kMaxLines = 2000;
inline constexpr int kMaxGrid = 400;  ///< rows or columns of one table

/// The tables the ruling lines of one page make, top to bottom, with the words inside them as
/// their cells' text. Words outside every table are left for the page's text.
std::vector<Table> find_tables(const std::vector<Segment>& segments,
                               const std::vector<Word>& words);

/// Joins a cell's words: by line top to bottom, each line left to right. Lines run on without a
/// space (a cell wraps inside a label or a figure); within a line, Chinese text runs on and two
/// Latin words or figures keep a space between them.
std::string join_words(std::vector<Word> words);

/// The last line of a label that a page break cut, printed under the table's bottom rule: when
/// the words right under `table` make one short line (at most 8 characters, Chinese) within the
/// columns of one label cell of its bottom row, and nothing but a page number follows them on the
/// page, they are appended to that cell (Chromium prints a label merged over rows the page break
/// cuts in full, its last line below the rule). Returns the box of the words taken, empty (all
/// zero) when none.
Box take_overflow(Table& table, const std::vector<Word>& words);

/// Appends `below` (the first table of a page) to `above` (the last table of the page before) when
/// it continues it: the same outer edges, its columns a subset or a refinement of the same grid.
/// Header rows `below` repeats are dropped; a blank cell at the top of `below` under a label cell
/// of `above` with the same columns is the rest of that (vertically merged) cell. False, leaving
/// both unchanged, when `below` is another table.
bool continue_table(Table& above, const Table& below);

}  // namespace nianbao::pdf_import
