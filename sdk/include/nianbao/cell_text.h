// Reading a table cell as it is printed in real reports: "36", "３６件", "3,985,758", "/", "—",
// "299.8万元", "-18". Every importer that reads text (spreadsheets, CSV, XML, Word, web pages)
// turns cell text into a Cell with this one function, so they all agree.
#pragma once

#include <optional>
#include <string_view>

#include "nianbao/export.h"
#include "nianbao/format.h"
#include "nianbao/report.h"

namespace nianbao {

/// Reads the printed text of a cell of the given column:
/// - empty or only spaces → blank;
/// - "/", "／", "—", "－", "-", "–", "无" → not applicable, the text kept as raw;
/// - digits (full-width too), thousands separators, a trailing unit (件 个 项 条 次; 元 万元 for
///   money) → a number; the raw text is kept when it differs from the number;
/// - a sign for signed counts and money ("-18", "－18").
/// Returns std::nullopt for text that is not a number ("三十六", "36.5" in a count column is read
/// as a number; the type rules of the format report it).
NIANBAO_API std::optional<Cell> parse_cell_text(std::string_view text, const ColumnDef& column);

}  // namespace nianbao
