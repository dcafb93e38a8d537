// The options of the document importers (`--option k=v` on the command line): the document
// assembly takes format=ID (for a layout that fits several formats) and year=YYYY; anything else
// is reported as a warning rather than silently ignored.
#pragma once

#include <nianbao/limits.h>
#include <nianbao/plugin.h>

#include <algorithm>
#include <string>
#include <vector>

namespace nianbao::document_import {

inline constexpr const char* kBadOptionMessage = "document_import.bad_option";

/// The message of the warning (registered by every plugin that uses check_options; the texts are
/// the same, the first registration wins).
inline MessageText bad_option_message() {
  return {kBadOptionMessage, "导入器没有选项 {option}={value}；可用：format=格式ID、year=四位年份",
          "the importer has no option {option}={value}; options: format=ID, year=YYYY"};
}

/// A warning (`code`) for every option that is not format=… or year=YYYY.
inline std::vector<Diagnostic> check_options(const ImportContext& context, const std::string& path,
                                             const std::string& code, const std::string& plugin) {
  std::vector<Diagnostic> out;
  for (const auto& [key, value] : context.options) {
    const bool year =
        key == "year" && value.size() == 4 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (key == "format" || year || is_limit_option(key)) continue;
    Diagnostic d;
    d.code = code;
    d.severity = Severity::warning;
    d.message_id = kBadOptionMessage;
    d.arg("option", key).arg("value", value);
    d.location.source.file = path;
    d.plugin = plugin;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace nianbao::document_import
