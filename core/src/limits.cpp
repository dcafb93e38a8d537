#include "nianbao/limits.h"

#include <limits>

namespace nianbao {

bool is_limit_option(std::string_view key) {
  return key.starts_with(kLimitOptionPrefix);
}

std::optional<std::uint64_t> parse_limit_value(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int shift = 0;
  switch (text.back()) {
    case 'K':
    case 'k':
      shift = 10;
      break;
    case 'M':
    case 'm':
      shift = 20;
      break;
    case 'G':
    case 'g':
      shift = 30;
      break;
    default:
      break;
  }
  if (shift) text.remove_suffix(1);
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value == 0 || value > (std::numeric_limits<std::uint64_t>::max() >> shift))
    return std::nullopt;
  return value << shift;
}

std::uint64_t limit_value(const std::map<std::string, std::string>& options, std::string_view name,
                          std::uint64_t default_value) {
  auto it = options.find(std::string(kLimitOptionPrefix) + std::string(name));
  if (it == options.end()) return default_value;
  return parse_limit_value(it->second).value_or(default_value);
}

}  // namespace nianbao
