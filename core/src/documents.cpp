#include "nianbao/documents.h"

#include <algorithm>

namespace nianbao {

std::vector<RuleInfo> rules_for_format(const Engine& engine, std::string_view format) {
  std::vector<RuleInfo> rules;
  for (auto& r : engine.rules())
    if (format.empty() || r.formats.empty() ||
        std::find(r.formats.begin(), r.formats.end(), format) != r.formats.end())
      rules.push_back(std::move(r));
  return rules;
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
    if (e->writes_templates()) out.push_back(e);
  return out;
}

}  // namespace nianbao
