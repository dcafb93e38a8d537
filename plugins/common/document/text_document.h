// The reader of a report's plain text, shared by the text importer and the PDF importer (whose
// text is laid out as `pdftotext -layout` prints it). It knows the forms text of a published
// report takes:
//  - Word's "save as text": one cell per tab-indented line, a blank line between table rows;
//  - a web page's text with cells separated by "|" (rows run on: a row ends at the next label);
//  - physical layout (pdftotext -layout, or the PDF importer): columns aligned by spaces, prose
//    wrapped into short lines, page footers such as "-1-", row labels wrapped over several lines
//    and group labels printed vertically;
//  - an archived page whose tables lost their cell boundaries ("行政许可10690第二十条…",
//    "640020470"): the figures are kept as runs for the assembly to split by the table's sums.
// Prose becomes paragraphs, tables become flow sheets (grid::Sheet::flow) whose cells carry the
// line and character they were read from.
#pragma once

#include <nianbao/plugin.h>

#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace nianbao::document {

/// What the reader saw, for the importer to say.
struct TextForms {
  bool tab_cells = false;   ///< Word text: one tab-indented cell per line
  bool pipe_cells = false;  ///< web text: cells separated by "|"
  bool layout = false;      ///< physical layout: space-aligned columns, wrapped prose
  bool flattened = false;   ///< tables without cell boundaries
  bool cell_lines = false;  ///< one cell a line, blank cells as empty lines
  bool markdown = false;    ///< Markdown pipe tables ("| a | b |" over "|---|---|")
  /// a table's label lines, then its rows of figures one a line (placed by the format's sums)
  bool separated_rows = false;
  int comment_lines = 0;  ///< leading "# source:" / "# note:" lines skipped
  int page_footers = 0;   ///< page numbers ("-1-") left out
  /// Lines of a table whose cells cannot be placed in one way only: the importer refuses the text,
  /// naming them, rather than read a table with shifted values.
  struct Unplaced {
    enum class Why {
      /// a Markdown table: the columns `from`..`to` (1-based) are empty in every row with
      /// figures, and no header row tells whether they hold labels or blank cells
      markdown_columns,
      /// a table set in columns: the figures of the line do not stand under the columns of the
      /// lines with the most figures (`from`: the figures on the line, `to`: the columns)
      layout_columns,
      /// a table set in columns: a column header stands over no figure (a column blank on every
      /// line), so the figures of the line cannot be placed (`from`: its figures, `to`: the
      /// columns that have figures)
      layout_blank_column,
      /// label lines followed by rows of figures: the rows of figures cannot be given to the
      /// labels in one way only (`from`: the rows of figures, `to`: the row labels) — the sums of
      /// the format allow no placement or several, the labels are no block of a format, or a row
      /// has not as many figures as the table has columns
      separated_rows,
    };
    int line = 0;
    Why why = Why::markdown_columns;
    int from = 0, to = 0;
  };
  std::vector<Unplaced> unplaced;
  /// When the text holds more table cells and paragraphs than a report can (kMaxItems): the line
  /// where the reader stopped. The importer refuses such a text.
  int over_limit_line = 0;
};

struct TextDocument {
  Document document;
  TextForms forms;
};

/// Reads decoded UTF-8 text. `formats` tells which words make a table in a flattened page.
/// Locations are lines (1-based) and characters; when form feeds separate pages (pdftotext's
/// output), SourceLocation::pointer names the page too ("page 4").
TextDocument read_text_document(std::string_view text, const FormatCatalog& formats);

}  // namespace nianbao::document
