// ZIP reading and writing with libzip, for the DOCX package: reading is bounded (entry count,
// decompressed size) because the reference document is user input; writing is deterministic
// (fixed entry order and timestamps), so the same report gives the same bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct zip;
struct zip_source;

namespace nianbao::docx {

/// Why a ZIP archive could not be read.
struct ZipProblem {
  enum class Kind {
    not_a_zip,  ///< not a ZIP archive, or damaged beyond opening
    damaged,    ///< an entry cannot be decompressed (CRC error, bad data, encryption)
    too_large,  ///< an entry, or the number of entries, is over the limit
  };
  Kind kind;
  std::string entry;   ///< the entry concerned, empty for the archive as a whole
  std::string detail;  ///< libzip's description, or the limit
};

/// A read-only view of a ZIP archive held in memory. Problems are reported through the callback
/// given to the constructor, which must throw (the reader never returns partial data).
class ZipReader {
 public:
  using Fail = std::function<void(const ZipProblem&)>;

  /// `bytes` must outlive the reader. Fails with not_a_zip or too_large (entry count).
  ZipReader(std::string_view bytes, std::size_t max_entries, Fail fail);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool contains(std::string_view name) const;
  /// The decompressed entry, or nullopt when there is no such entry. Fails with damaged, or
  /// too_large when it decompresses to more than `max_bytes`.
  std::optional<std::string> read(std::string_view name, std::size_t max_bytes) const;

 private:
  [[noreturn]] void raise(const ZipProblem& problem) const;

  zip* archive_ = nullptr;
  Fail fail_;
};

/// Writes a ZIP archive of the entries, in the order given, deflated, with a fixed timestamp.
/// Throws std::runtime_error when libzip fails (an internal error, not a problem of the input).
std::string write_zip(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace nianbao::docx
