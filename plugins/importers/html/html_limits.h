// What the web page importer is willing to read, and the codes it reports problems under. A
// published report page is a few hundred kilobytes; these limits are far above that and far
// below what would let a hostile page exhaust memory or time (the HTML parser builds a node for
// every tag and scans the open elements for each, so both the tags and their nesting are bounded
// before it runs).
#pragma once

#include <nianbao/diagnostic.h>

#include <cstddef>
#include <string>
#include <vector>

namespace nianbao::html_import {

inline constexpr const char* kPluginId = "html-importer";

/// Bytes of the page.
inline constexpr std::size_t kMaxPageBytes = 8u << 20;
/// Tags ("<") in the page: a report page has a few thousand.
inline constexpr std::size_t kMaxTags = 500000;
/// Elements open inside each other (a report page nests 20 or 30 deep, layout tables included).
inline constexpr int kMaxDepth = 512;
/// Rows and grid columns of one table; cells in all tables together.
inline constexpr int kMaxTableRows = 10000;
inline constexpr int kMaxTableColumns = 1000;
inline constexpr std::size_t kMaxCells = 1000000;

// The codes (catalogued in html_importer.cpp; HTML-01 is the HTML exporter's).
inline constexpr const char* kNotHtml = "HTML-02";
inline constexpr const char* kLimit = "HTML-03";

/// An InputError about the page at `path`.
[[noreturn]] void fail(const char* code, const std::string& message_id, const std::string& path,
                       std::vector<MessageArg> args = {}, int line = 0);

}  // namespace nianbao::html_import
