// The parts of an XLSX file (a zip archive), read through the shared bounded zip reader
// (plugins/common/zip) within the limits of xlsx_limits.h; its problems become XLSX-01/02/03/05
// InputErrors naming the file and the part.
#pragma once

#include <string>
#include <string_view>

#include "zip/zip_reader.h"

namespace nianbao::xlsx {

class Package {
 public:
  /// Opens the archive; throws InputError (XLSX-01 not a complete zip archive or a hostile entry,
  /// XLSX-02 an encrypted entry, XLSX-03 too many entries).
  Package(std::string_view bytes, const std::string& path, const zip::Limits& limits);

  /// Whether the archive has the part (names compare without regard to case, as in OOXML).
  bool has(const std::string& name) const { return zip_.contains(name); }
  /// The decompressed part; throws InputError when it is missing (XLSX-05), damaged (XLSX-01) or
  /// beyond a limit (XLSX-03).
  std::string read(const std::string& name);

 private:
  [[noreturn]] void fail(const zip::Problem& problem) const;

  const std::string& path_;
  zip::Reader zip_;
};

}  // namespace nianbao::xlsx
