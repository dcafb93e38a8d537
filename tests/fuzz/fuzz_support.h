// What the fuzz targets share: the format definitions, read straight from the source tree so a
// target needs no plugin loading, and an engine over the built plugins for the importers.
#pragma once

#include <fstream>
#include <nianbao/nianbao.h>
#include <sstream>

namespace fuzz {

class Formats final : public nianbao::FormatCatalog {
 public:
  Formats() {
    for (const char* id : {"gov-2019", "gov-2021"}) {
      std::ifstream in(std::string(NIANBAO_SOURCE_DIR) + "/plugins/formats/" + id + "/" + id + ".format.json");
      std::stringstream s;
      s << in.rdbuf();
      defs_.push_back(nianbao::parse_format_definition(s.str()));
    }
  }
  const nianbao::FormatDefinition* find(std::string_view id) const override {
    for (const auto& d : defs_)
      if (d.id == id) return &d;
    return nullptr;
  }
  const nianbao::FormatDefinition* for_year(int year) const override {
    for (const auto& d : defs_)
      if (d.covers_year(year)) return &d;
    return nullptr;
  }
  std::vector<const nianbao::FormatDefinition*> all() const override {
    std::vector<const nianbao::FormatDefinition*> out;
    for (const auto& d : defs_) out.push_back(&d);
    return out;
  }

 private:
  std::vector<nianbao::FormatDefinition> defs_;
};

inline const Formats& formats() {
  static const Formats f;
  return f;
}

}  // namespace fuzz
