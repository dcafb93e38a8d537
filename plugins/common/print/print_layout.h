// The printed form of a report, shared by the DOCX and HTML exporters: the title, the paragraphs
// and headings in order, and each table as a grid of cells with their spans, all derived from the
// report's format definition (labels, blocks, groups, layout hints), never from per-year code.
#pragma once

#include <nianbao/format.h>
#include <nianbao/report.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nianbao::print {

/// One cell of a printed table, placed at its top-left grid position with its spans.
struct TableCell {
  enum class Kind {
    block_caption,  ///< a row over a whole block, e.g. "第二十条第（一）项"
    corner,         ///< the top-left header cell (信息内容, the 勾稽关系 note)
    column_header,  ///< a column label or a header over a group of columns
    row_group,      ///< a row-spanned label over a group of rows (三、本年度办理结果)
    row_label,      ///< the label of one data row
    value,          ///< a number, blank or not-applicable cell
  };
  Kind kind = Kind::value;
  std::string text;
  int row = 0;
  int column = 0;
  int row_span = 1;
  int column_span = 1;
  /// A column header over several leaf columns (法人或其他组织, 行政诉讼): scope colgroup in HTML.
  bool spans_columns = false;
  std::string row_key;     ///< value cells: the report row
  std::string column_key;  ///< value cells: the report column
};

struct TableRowInfo {
  bool header = false;  ///< a row of column headers (or a block caption)
  int block = 0;        ///< index of the format block the row belongs to
};

struct Table {
  std::string key;    ///< the format's table key
  std::string label;  ///< the format's printed table label
  int columns = 0;
  int label_columns = 0;  ///< leading columns that hold row labels and row groups
  /// Leading rows that are column headers of the whole table and repeat on every printed page
  /// (0 when the table starts with a block caption, as table 二 does).
  int repeat_header_rows = 0;
  std::vector<TableRowInfo> rows;
  std::vector<TableCell> cells;  ///< in reading order: by row, then by column
  /// What each grid column would like to be, in ems of the table font (see fit_column_widths).
  std::vector<double> desired_width_em;
  /// The column that takes up the rest of the width (the row labels), or -1.
  int flexible_column = -1;
};

struct Paragraph {
  enum class Kind {
    body,  ///< prose; `lead` is a run-in sub-heading at its start, e.g. "（四）持续优化平台建设。"
    heading,     ///< a section heading "一、总体情况"
    subheading,  ///< a paragraph that is wholly a sub-heading "（一）扎实做好主动公开。"
    signature,   ///< the closing lines: agency and date
  };
  Kind kind = Kind::body;
  std::string lead;
  std::string text;
  /// Signature lines: the distance from the right edge, in ems of the body font.
  double right_indent_em = 0;
};

using Block = std::variant<Paragraph, Table>;

struct Document {
  /// The title as printed: the agency's name, then "YYYY年政府信息公开工作年度报告".
  std::vector<std::string> title_lines;
  std::vector<Block> blocks;
};

/// Lays out the whole report: the title, the preamble, then every section of the format in
/// order with its heading, its paragraphs and its tables, then the closing lines when the report
/// has a publication date.
Document lay_out(const Report& report, const FormatDefinition& format);

/// Lays out one table of the format with the report's values.
Table lay_out_table(const TableDef& table, const Report& report);

/// The text printed for a cell: a number as written (its raw text when the source kept one, money
/// with its unit unless the column's label already names it), nothing for a blank or a missing
/// cell, the raw text ("/") of a not-applicable cell.
std::string cell_text(const Cell* cell, const ColumnDef& column);

/// Grid column widths in ems of the table font that add up to `available_em`. Each column gets
/// what it wants plus `padding_em` (the cell's left and right margins); the row-label column takes
/// the rest within reason, and what is left over or missing is shared by the value columns.
std::vector<double> fit_column_widths(const Table& table, double available_em, double padding_em);

/// The approximate printed width of a text in ems: CJK characters one em, others about half.
double text_width_em(std::string_view text);

/// The text with invalid UTF-8 replaced by U+FFFD and control characters other than tab and line
/// feed removed, so that it can be written into XML or HTML.
std::string clean_text(std::string_view text);

/// "2022-02-08" → "2022年2月8日"; empty when the date is not an ISO date.
std::string chinese_date(std::string_view iso_date);

}  // namespace nianbao::print
