// Helpers for writing checks: findings located at a table cell or a paragraph, with the stable
// keys, the printed labels and the source location filled in from the report and its format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nianbao/diagnostic.h"
#include "nianbao/export.h"
#include "nianbao/format.h"
#include "nianbao/report.h"

namespace nianbao {

/// The location of a cell: keys and printed labels from the format, source from the report.
NIANBAO_API Location cell_location(const Report& report, const FormatDefinition& format,
                                   std::string_view table, std::string_view row,
                                   std::string_view column);

/// The printed label of a cell, e.g. "三、本年度办理结果 （七）总计 / 自然人".
NIANBAO_API std::string cell_label(const FormatDefinition& format, std::string_view table,
                                   std::string_view row, std::string_view column);

/// The location of a paragraph of a section (0-based index), or of the section itself when
/// `index` is out of range.
NIANBAO_API Location paragraph_location(const Report& report, const FormatDefinition& format,
                                        std::string_view section, std::size_t index);

/// A finding located at a cell.
NIANBAO_API Diagnostic cell_finding(std::string code, Severity severity, std::string message_id,
                                    const Report& report, const FormatDefinition& format,
                                    std::string_view table, std::string_view row,
                                    std::string_view column);

/// A sentence of the prose, for checks that read what the text says.
struct Sentence {
  std::string section;    ///< section key
  std::size_t paragraph;  ///< 0-based paragraph index in the section
  std::string text;       ///< the sentence, ending with its punctuation
};

/// The sentences of the report's prose (all sections, in order), split after 。！？；!?; and at
/// paragraph ends.
NIANBAO_API std::vector<Sentence> split_sentences(const Report& report);

/// A finding located at a paragraph, quoting `quote` (usually the sentence it is about).
NIANBAO_API Diagnostic paragraph_finding(std::string code, Severity severity,
                                         std::string message_id, const Report& report,
                                         const FormatDefinition& format, std::string_view section,
                                         std::size_t paragraph, std::string quote);

/// The text of a section's paragraphs, joined; "" when the report has no such section.
NIANBAO_API std::string section_text(const Report& report, std::string_view section);

/// The cell when it holds a number, else nullptr.
NIANBAO_API const Cell* number_cell(const Report& report, std::string_view table,
                                    std::string_view row, std::string_view column);

/// The text of a cell as the source wrote it: its raw text, else its value, else "空白".
NIANBAO_API std::string cell_text(const Cell& cell);

}  // namespace nianbao
