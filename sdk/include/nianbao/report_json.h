// The canonical JSON form of a report ("nianbao.report/1"): the lossless interchange format.
#pragma once

#include <string>
#include <string_view>

#include "nianbao/export.h"
#include "nianbao/plugin.h"
#include "nianbao/report.h"

namespace nianbao {

inline constexpr std::string_view kReportJsonSchema = "nianbao.report/1";

/// Reads a report from its JSON form. Every key is checked against the schema and the report's
/// format definition; a misspelt key, a wrong type or a row the format lacks throws InputError
/// naming the key and its line in `path`.
NIANBAO_API Report read_report_json(std::string_view text, const std::string& path,
                                    const FormatCatalog& formats);

/// Writes the canonical JSON form: keys in the order of the format definition, two-space
/// indentation, one table row per line, UTF-8 without escaping, a final newline. The output is
/// deterministic, and reading it back gives the same report.
NIANBAO_API std::string write_report_json(const Report& report, const FormatDefinition& format);

}  // namespace nianbao
