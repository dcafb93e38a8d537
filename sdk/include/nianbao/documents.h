// What the command line and the HTTP service (`nianbao serve`) do alike: the rules of a format, a
// checked file's outcome, and the fill-in template of a format (the JSON documents of
// `plugins --json`, `formats --json` and `rules --json` are in render.h). One implementation, so
// both always give the same answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nianbao/engine.h"
#include "nianbao/render.h"

namespace nianbao {

// plugins_json(), formats_json() and rules_json() are in render.h, beside the other renderers.

/// The rules that apply to `format` (all rules when it is empty), sorted by code.
NIANBAO_API std::vector<RuleInfo> rules_for_format(const Engine& engine, std::string_view format);

/// Checks an imported file: its import diagnostics followed by the findings of validate(), or, when
/// it could not be read, the import diagnostics alone (readable = false).
NIANBAO_API FileOutcome check_imported(Engine& engine, std::string path,
                                       const ImportResult& imported,
                                       const ValidateOptions& options);

/// Whether a finding is at least as severe as `fail_on` ("error", "warning", "info"; "none":
/// never): what makes `check` exit with 1.
NIANBAO_API bool fails(const Diagnostic& d, std::string_view fail_on);

/// The year a template is made for when none is asked for: last year, within the years the format
/// covers (`today_year` is the current calendar year).
NIANBAO_API int default_template_year(const FormatDefinition& format, int today_year);

/// The template writers: the exporters that declare writes_templates() (e.g. xlsx-template). With
/// load_on_demand, every exporter plugin is loaded to ask it.
NIANBAO_API std::vector<const Exporter*> template_writers(const Engine& engine);

}  // namespace nianbao
