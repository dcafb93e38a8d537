// Writing a zip archive with libzip, deterministically: the entries in the order given, deflated,
// with a fixed timestamp, so the same content always gives the same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao::zip {

/// The archive of the entries (name → content). Throws std::runtime_error when libzip fails (an
/// internal error, not a problem of anyone's input).
std::string write_archive(const std::vector<std::pair<std::string, std::string>>& entries);

/// Contents deflated once, for entries that are the same in many archives (the parts of a
/// document that do not depend on the report). Immutable once made: one instance may serve
/// several threads writing archives at the same time.
class DeflatedContents {
 public:
  /// Deflates every content as write_archive does. Throws std::runtime_error when libzip fails.
  explicit DeflatedContents(std::vector<std::string> contents);

  /// The index of the content equal to `data`, or -1.
  int find(std::string_view data) const;
  const std::string& archive() const { return archive_; }

 private:
  std::vector<std::string> contents_;
  std::string archive_;  ///< the contents deflated, as the entries "0", "1", … of one archive
};

/// The same archive as write_archive(entries), byte for byte; an entry whose content is one of
/// `known` is copied deflated instead of being deflated again.
std::string write_archive(const std::vector<std::pair<std::string, std::string>>& entries,
                          const DeflatedContents& known);

}  // namespace nianbao::zip
