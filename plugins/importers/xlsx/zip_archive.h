// Reading the parts of an XLSX file (a zip archive) from memory with libzip, within the limits of
// xlsx_limits.h: the declared sizes are checked before anything is decompressed, and the actual
// output is counted while decompressing, so a lying header cannot get more through.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct zip;

namespace nianbao::xlsx {

class ZipArchive {
 public:
  /// Opens the archive; throws InputError (XLSX-01 not a complete zip archive, XLSX-03 too many
  /// entries).
  ZipArchive(std::string_view bytes, const std::string& path);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Whether the archive has the part (names compare without regard to case, as in OOXML).
  bool has(const std::string& name) const;
  /// The decompressed part; throws InputError when it is missing (XLSX-05), damaged (XLSX-01) or
  /// beyond a limit (XLSX-03).
  std::string read(const std::string& name);

 private:
  struct zip* archive_ = nullptr;
  const std::string& path_;
  std::uint64_t total_read_ = 0;
};

}  // namespace nianbao::xlsx
