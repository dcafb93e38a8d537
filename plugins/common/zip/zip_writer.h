// Writing a zip archive with libzip, deterministically: the entries in the order given, deflated,
// with a fixed timestamp, so the same content always gives the same bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace nianbao::zip {

/// The archive of the entries (name → content). Throws std::runtime_error when libzip fails (an
/// internal error, not a problem of anyone's input).
std::string write_archive(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace nianbao::zip
