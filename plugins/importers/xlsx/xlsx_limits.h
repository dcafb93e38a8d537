// What the XLSX importer is willing to read, and the codes it reports problems under. A workbook
// of an annual report is a few dozen kilobytes; these limits are far above that and far below
// what would let a hostile file exhaust memory or time.
#pragma once

#include <nianbao/diagnostic.h>

#include <cstdint>
#include <string>

#include "zip/zip_reader.h"

namespace nianbao::xlsx {

inline constexpr const char* kPluginId = "xlsx-importer";

/// Entries in the zip archive (a workbook has a dozen or so).
inline constexpr std::uint64_t kMaxEntries = 10000;
/// Decompressed bytes of one part (a sheet, the shared strings).
inline constexpr std::uint64_t kMaxEntryBytes = 64u << 20;
/// Decompressed bytes of all the parts read.
inline constexpr std::uint64_t kMaxTotalBytes = 256u << 20;
/// Decompressed ÷ compressed size of one part, checked once a part exceeds kRatioFloorBytes
/// (small parts compress absurdly well without being bombs).
inline constexpr std::uint64_t kMaxCompressionRatio = 500;
inline constexpr std::uint64_t kRatioFloorBytes = 1u << 20;
/// Nesting depth of XML elements (a sheet is about 6 deep).
inline constexpr int kMaxXmlDepth = 64;
/// The zip limits above, for the shared reader (raised per import with --limit zip-…).
inline constexpr zip::Limits kZipLimits{.max_entries = kMaxEntries,
                                        .max_entry_bytes = kMaxEntryBytes,
                                        .max_total_bytes = kMaxTotalBytes,
                                        .max_ratio = kMaxCompressionRatio,
                                        .ratio_floor_bytes = kRatioFloorBytes};
/// Merged ranges of one sheet.
inline constexpr std::size_t kMaxMerges = 100000;
/// Sheets of one workbook.
inline constexpr std::size_t kMaxSheets = 1000;
/// Cells holding something, in all sheets together (a report's tables have a few hundred): within
/// the byte limits a workbook could otherwise hold tens of millions, and memory with them.
inline constexpr std::size_t kMaxCells = 1000000;

// The codes (catalogued in xlsx_importer.cpp).
inline constexpr const char* kNotXlsx = "XLSX-01";
inline constexpr const char* kLegacyOrEncrypted = "XLSX-02";
inline constexpr const char* kLimit = "XLSX-03";
inline constexpr const char* kBadXml = "XLSX-04";
inline constexpr const char* kBrokenWorkbook = "XLSX-05";

/// An InputError for the file at `path`.
[[noreturn]] void fail(const char* code, const std::string& message_id, const std::string& path,
                       std::vector<MessageArg> args, const std::string& sheet = {});

}  // namespace nianbao::xlsx
