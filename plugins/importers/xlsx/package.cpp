#include "package.h"

#include "xlsx_limits.h"

namespace nianbao::xlsx {

Package::Package(std::string_view bytes, const std::string& path, const zip::Limits& limits)
    : path_(path), zip_(bytes, limits, [this](const zip::Problem& p) { this->fail(p); }) {}

std::string Package::read(const std::string& name) {
  auto data = zip_.read(name);
  if (!data) xlsx::fail(kBrokenWorkbook, "xlsx.missing_part", path_, {{"entry", name}});
  return std::move(*data);
}

void Package::fail(const zip::Problem& p) const {
  using Kind = zip::Problem::Kind;
  switch (p.kind) {
    case Kind::not_a_zip:
      xlsx::fail(kNotXlsx, "xlsx.not_zip", path_, {{"detail", p.detail}});
    case Kind::damaged:
      xlsx::fail(kNotXlsx, "xlsx.damaged_part", path_, {{"entry", p.entry}, {"detail", p.detail}});
    case Kind::unsafe_name:
      xlsx::fail(kNotXlsx, "xlsx.unsafe_entry", path_, {{"entry", p.entry}});
    case Kind::symlink:
      xlsx::fail(kNotXlsx, "xlsx.symlink_entry", path_, {{"entry", p.entry}});
    case Kind::encrypted:
      xlsx::fail(kLegacyOrEncrypted, "xlsx.encrypted_entry", path_, {{"entry", p.entry}});
    case Kind::too_many_entries:
      xlsx::fail(kLimit, "xlsx.limit_entries", path_,
                 {{"count", std::to_string(p.actual)}, {"limit", std::to_string(p.limit)}});
    case Kind::entry_too_large:
      xlsx::fail(kLimit, "xlsx.limit_entry_size", path_,
                 {{"entry", p.entry},
                  {"limit", nianbao::zip::size_text(p.limit)},
                  {"declared", nianbao::zip::size_text(p.actual)}});
    case Kind::total_too_large:
      xlsx::fail(kLimit, "xlsx.limit_total_size", path_,
                 {{"entry", p.entry}, {"limit", nianbao::zip::size_text(p.limit)}});
    case Kind::ratio_too_high:
      xlsx::fail(kLimit, "xlsx.limit_ratio", path_,
                 {{"entry", p.entry},
                  {"ratio", p.actual ? std::to_string(p.actual) : std::string("∞")},
                  {"limit", std::to_string(p.limit)}});
    case Kind::lying_size:
      xlsx::fail(kLimit, "xlsx.limit_lying_size", path_,
                 {{"entry", p.entry}, {"declared", std::to_string(p.actual)}});
  }
  xlsx::fail(kNotXlsx, "xlsx.damaged_part", path_, {{"entry", p.entry}, {"detail", p.detail}});
}

}  // namespace nianbao::xlsx
