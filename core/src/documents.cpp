#include "nianbao/documents.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace nianbao {

namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& out) {
  return out.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace

std::string plugins_json(const Engine& engine) {
  ojson out = ojson::array();
  for (const auto& p : engine.plugins())
    out.push_back({{"id", p.id},
                   {"version", p.version},
                   {"abi", p.abi},
                   {"kinds", p.kinds},
                   {"formats", p.formats},
                   {"years", p.years},
                   {"status", p.status == PluginRecord::Status::discovered
                                  ? "available"
                                  : std::string(to_string(p.status))},
                   {"description", p.description},
                   {"library", p.library_path},
                   {"manifest", p.manifest_path},
                   {"origin", p.origin}});
  return dump(out);
}

std::string formats_json(const Engine& engine) {
  ojson out = ojson::array();
  for (const auto* f : engine.formats().all()) {
    ojson tables = ojson::array();
    for (const auto& t : f->tables)
      tables.push_back(t.key);
    out.push_back({{"id", f->id},
                   {"name", f->name},
                   {"name_en", f->name_en},
                   {"basis", f->basis},
                   {"year_from", f->year_from},
                   {"year_to", f->year_to ? ojson(*f->year_to) : nullptr},
                   {"tables", tables}});
  }
  return dump(out);
}

std::vector<RuleInfo> rules_for_format(const Engine& engine, std::string_view format) {
  std::vector<RuleInfo> rules;
  for (auto& r : engine.rules())
    if (format.empty() || r.formats.empty() ||
        std::find(r.formats.begin(), r.formats.end(), format) != r.formats.end())
      rules.push_back(std::move(r));
  return rules;
}

std::string rules_json(const std::vector<RuleInfo>& rules) {
  ojson out = ojson::array();
  for (const auto& r : rules)
    out.push_back({{"code", r.code},
                   {"severity", to_string(r.severity)},
                   {"title_zh", r.title_zh},
                   {"title_en", r.title_en},
                   {"clause", r.clause},
                   {"formats", r.formats},
                   {"enabled_by_default", r.enabled_by_default}});
  return dump(out);
}

FileOutcome check_imported(Engine& engine, std::string path, const ImportResult& imported,
                           const ValidateOptions& options) {
  FileOutcome f;
  f.path = std::move(path);
  f.diagnostics = imported.diagnostics;
  if (imported.report) {
    const Report& r = *imported.report;
    f.readable = true;
    f.format = r.format;
    f.year = r.year;
    f.agency = r.agency.name;
    auto findings = engine.validate(r, options);
    f.diagnostics.insert(f.diagnostics.end(), std::make_move_iterator(findings.begin()),
                         std::make_move_iterator(findings.end()));
  }
  return f;
}

bool fails(const Diagnostic& d, std::string_view fail_on) {
  if (fail_on == "none") return false;
  Severity threshold = Severity::error;
  parse_severity(fail_on, threshold);
  return static_cast<int>(d.severity) <= static_cast<int>(threshold);
}

int default_template_year(const FormatDefinition& format, int today_year) {
  return std::clamp(today_year - 1, format.year_from, format.year_to.value_or(9999));
}

std::vector<const Exporter*> template_writers(const Engine& engine) {
  std::vector<const Exporter*> out;
  for (const auto* e : engine.exporters())
    if (e->id().ends_with("-template")) out.push_back(e);
  return out;
}

}  // namespace nianbao
