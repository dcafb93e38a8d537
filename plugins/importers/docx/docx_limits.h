// What the DOCX importer is willing to read, and the codes it reports problems under. A Word file
// of an annual report is a few dozen to a few hundred kilobytes (its document.xml a megabyte or
// two); these limits are far above that and far below what would let a hostile file exhaust
// memory or time.
#pragma once

#include <nianbao/diagnostic.h>

#include <cstdint>
#include <string>
#include <vector>

#include "zip/zip_reader.h"

namespace nianbao::docx_import {

inline constexpr const char* kPluginId = "docx-importer";

/// Entries in the zip archive (a Word document has a dozen or so, plus its pictures).
inline constexpr std::uint64_t kMaxEntries = 10000;
/// Decompressed bytes of one part (document.xml of a long report with its tables is a few MiB).
inline constexpr std::uint64_t kMaxPartBytes = 64u << 20;
/// Decompressed bytes of all the parts read.
inline constexpr std::uint64_t kMaxTotalBytes = 128u << 20;
/// Decompressed ÷ compressed size of one part, once it exceeds kRatioFloorBytes: WordprocessingML
/// repeats its run properties endlessly and compresses well, but not a thousandfold.
inline constexpr std::uint64_t kMaxCompressionRatio = 500;
inline constexpr std::uint64_t kRatioFloorBytes = 4u << 20;
/// Nesting depth of XML elements: a paragraph in a cell of a table in a cell is about 12 deep.
inline constexpr int kMaxXmlDepth = 256;
/// Tables nested in table cells.
inline constexpr int kMaxTableNesting = 16;
/// Rows and grid columns of one table (table 三 has 28 rows and 10 columns).
inline constexpr int kMaxTableRows = 10000;
inline constexpr int kMaxTableColumns = 1000;
/// Cells holding something, in all tables together.
inline constexpr std::size_t kMaxCells = 1000000;

/// The zip limits above, as the shared reader takes them (the user may change four of them).
inline constexpr zip::Limits kZipLimits{.max_entries = kMaxEntries,
                                        .max_entry_bytes = kMaxPartBytes,
                                        .max_total_bytes = kMaxTotalBytes,
                                        .max_ratio = kMaxCompressionRatio,
                                        .ratio_floor_bytes = kRatioFloorBytes};

// The codes (catalogued in docx_importer.cpp; DOCX-01…03 are the DOCX exporter's).
inline constexpr const char* kNotDocx = "DOCX-04";
inline constexpr const char* kLegacyOrEncrypted = "DOCX-05";
inline constexpr const char* kLimit = "DOCX-06";
inline constexpr const char* kBadXml = "DOCX-07";

/// An InputError about the file at `path`; `entry` is the part of the package concerned ("" for
/// the file as a whole) and becomes the location's pointer.
[[noreturn]] void fail(const char* code, const std::string& message_id, const std::string& path,
                       const std::string& entry, std::vector<MessageArg> args = {});

}  // namespace nianbao::docx_import
