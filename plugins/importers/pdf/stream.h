// Tables a PDF page prints without ruling lines — a 三线表 ruled only above and below, a table
// drawn with no borders — rebuilt from the words alone (the "stream" reading of Tabula and
// Camelot, pdfplumber's "text" strategy). Pure geometry, like lattice.h.
//
// Words are put in lines by their baselines. A line whose last words are figures set apart from
// the rest is a row of figures; a table is a run of such rows with the lines between them (a
// label wrapped over lines, a header repeated inside the table), and above the first the lines
// of its header, up to a heading, a paragraph or a wide gap. Columns: the figure columns are the
// x-extents of the figures over the rows, merged where they overlap; the label columns start
// where many label words start and few cross (a group label printed down a narrow column, a
// row label, a sub-label each start at their column's left edge; a label spanning the label
// columns crosses them). Text wrapped inside a column is joined while the next line follows
// closely and does not start a new item ("1." "（三）" "四、"); a label is put on the row of the
// figures it lies beside, so group labels and row labels keep their own columns and rows.
//
// A table the next page continues (its header repeated or not, a row cut by the page break) is
// read as one: the lines of both pages are put one under the other before the table is built.
#pragma once

#include <string>
#include <vector>

#include "lattice.h"

namespace nianbao::pdf_import {

/// A line of words on one page (words left to right).
struct TextLine {
  double y0 = 0, y1 = 0;
  std::vector<Word> words;
  int page = 0;
};

/// The lines of a table drawn without lines: its header lines first, then its body.
struct StreamRegion {
  std::vector<TextLine> lines;
  std::size_t header = 0;  ///< lines[0, header) are the header
  Box box;                 ///< on its (first) page
  /// Label lines at the top of a page and nothing else: the rows, all blank, of a table the page
  /// before began. Only a continuation (continue_region); no table of its own.
  bool labels_only = false;
};

/// Puts words into lines by their vertical middles, top to bottom.
std::vector<TextLine> make_lines(std::vector<Word> words);

/// The tables without ruling lines among `words` (those outside ruled tables), top to bottom.
std::vector<StreamRegion> find_stream_regions(const std::vector<Word>& words, int page);

/// The label lines at the top of a page (a labels_only region; empty where there are none or a
/// table follows them): the rows of a table the page before began, all blank, where
/// continue_region takes them.
StreamRegion page_top_labels(const std::vector<Word>& words, int page);

/// Appends `below` (the first table of a page) to `above` (the last of the page before): its
/// header lines dropped where they repeat the header of `above`. False, leaving both unchanged,
/// when `below` has a header of its own (another table).
bool continue_region(StreamRegion& above, const StreamRegion& below);

/// The table of a region: rows are its lines, cells the words of a column (joined down the
/// lines of a wrapped label), labels on the row of their figures. Cell pages are set.
Table stream_table(const StreamRegion& region);

}  // namespace nianbao::pdf_import
