// Text helpers shared by the spreadsheet importers (XLSX and CSV) on top of <nianbao/text.h>: the
// label normalisation used to match printed labels, and the parsing of cell text into report cells.
#pragma once

#include <nianbao/format.h>
#include <nianbao/report.h>
#include <nianbao/text.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::grid {

/// Removes leading and trailing white space, including no-break and ideographic spaces.
std::string trim(std::string_view text);

/// The form in which labels are compared: full-width ASCII folded to ASCII (（一） → (一), ０ → 0),
/// every kind of white space and line break removed, quotation marks removed (“三安全一稳定” and
/// "三安全一稳定" compare equal), "1、" written "1.", ASCII lower-cased, a trailing colon dropped.
std::string normalize_label(std::string_view text);

/// A label prepared once for many comparisons.
struct PreparedLabel {
  std::u32string full;      ///< normalize_label
  std::u32string stripped;  ///< without the leading enumeration ("一、", "(三)", "1.", "(1)")
  std::u32string noted;     ///< stripped, without a trailing note in brackets
  /// One bit for each character of `stripped` (hashed into 64): one label can only contain
  /// another whose bits it has, which rules out most pairs before any search.
  std::uint64_t characters = 0;
};
PreparedLabel prepare_label(std::string_view text);
/// How well a cell's text matches a printed label: 3 exactly; 2 the same apart from the
/// enumeration or a trailing note in brackets; 1 a shortened or annotated form (one contains the
/// other, at least four characters); 0 not at all.
int match_prepared(const PreparedLabel& cell, const PreparedLabel& label);

/// The unit a header cell states for its column ("本年收费金额（单位：万元）" → "万元"), if any.
std::optional<std::string> unit_in_header(std::string_view header_text);

/// What reading a cell produced.
struct ParsedCell {
  Cell cell;
  bool not_a_number = false;  ///< text that is neither a number nor a not-applicable mark
};

/// Reads the printed text of a cell with nianbao::parse_cell_text (<nianbao/cell_text.h>, the
/// reading every importer shares); text that is not a number becomes not applicable, its text
/// kept, with `not_a_number` set. A money value whose text names no unit takes `header_unit` (the
/// unit its column header states), else the format's fixed unit.
ParsedCell parse_cell_text(std::string_view text, const ColumnDef& column,
                           const std::optional<std::string>& header_unit);

/// Parses a number as a spreadsheet stores it ("36", "299.8", "1.5E-2", "3.0000000000000004"):
/// exact decimal, rounded to the 15 significant digits a spreadsheet keeps, so that binary
/// floating-point noise does not become part of the value.
std::optional<Decimal> parse_stored_number(std::string_view text);

ParsedCell parse_cell_number(std::string_view stored, const ColumnDef& column,
                             const std::optional<std::string>& header_unit);

/// A date as written in a cell ("2021-01-29", "2021/1/29", "2021年1月29日", "2021.1.29") in ISO
/// form, or nothing.
std::optional<std::string> parse_date_text(std::string_view text);
/// A spreadsheet date serial in ISO form, in the 1900 or the 1904 date system.
std::optional<std::string> date_from_serial(double serial, bool date1904);

}  // namespace nianbao::grid
