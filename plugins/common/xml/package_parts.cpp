#include "package_parts.h"

#include <vector>

namespace nianbao::ooxml {

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string path;
  if (target.starts_with('/')) {
    path = std::string(target.substr(1));
  } else {
    const auto slash = source_part.rfind('/');
    if (slash != std::string_view::npos) path = std::string(source_part.substr(0, slash + 1));
    path += target;
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(start, end - start);
    if (segment == "..") {
      if (segments.empty()) return {};
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& s : segments)
    out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string rels_part_for(std::string_view part) {
  const auto slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash + 1)) + "_rels/" + std::string(part.substr(slash + 1)) +
         ".rels";
}

}  // namespace nianbao::ooxml
