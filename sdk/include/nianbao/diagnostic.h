// Diagnostics: one value type for every finding, error and loader event.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nianbao/export.h"
#include "nianbao/location.h"

namespace nianbao {

enum class Severity { error, warning, info };

NIANBAO_API std::string_view to_string(Severity s);  ///< "error", "warning", "info"
/// Parses "error" / "warning" / "info"; returns false for anything else.
NIANBAO_API bool parse_severity(std::string_view text, Severity& out);

/// A named argument of a message, e.g. {"expected", "36"}. Values are already formatted text.
using MessageArg = std::pair<std::string, std::string>;

/// A finding. The message is not stored as text: it is rendered from `message_id` and `args` in
/// the user's language, so one diagnostic prints in Chinese or English.
struct Diagnostic {
  std::string code;  ///< stable rule code, e.g. "T3-03"; catalogued by `nianbao rules`
  Severity severity = Severity::error;
  std::string message_id;  ///< key of a registered message template
  std::vector<MessageArg> args;
  Location location;
  std::vector<Location> related;  ///< the other cells of a failed sum, the other file of a clash
  std::string plugin;             ///< id of the plugin that produced it ("core" for the core)

  Diagnostic& arg(std::string name, std::string value) {
    args.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::string* find_arg(std::string_view name) const {
    for (const auto& [k, v] : args)
      if (k == name) return &v;
    return nullptr;
  }
};

/// A diagnostic about the input file `file` (at `line`; 0 when the place is no line) from the
/// plugin `plugin`, as importers report what they read: add the message's args with arg(), then
/// return it, or throw it in an InputError when the file cannot be read at all.
inline Diagnostic input_diagnostic(std::string plugin, std::string code, Severity severity,
                                   std::string message_id, std::string file, int line = 0) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message_id = std::move(message_id);
  d.location.source.file = std::move(file);
  d.location.source.line = line;
  d.plugin = std::move(plugin);
  return d;
}

/// A message template in both languages. Placeholders are `{name}`, filled from the
/// diagnostic's args; `{{` and `}}` print braces. `{name|singular|plural}` prints the value and
/// the English noun agreeing with it: "{count|cell|cells}" gives "1 cell", "3 cells".
struct MessageText {
  std::string id;
  std::string zh;
  std::string en;
};

/// One entry of the rule catalogue (`nianbao rules`).
struct RuleInfo {
  std::string code;  ///< e.g. "T3-01"
  Severity severity = Severity::error;
  std::string title_zh;
  std::string title_en;
  std::string clause;  ///< what it enforces, e.g. "formats.md §8; 条例第五十条"
  std::vector<std::string> formats;  ///< format ids it applies to; empty = every format
  bool enabled_by_default = true;
};

/// Thrown by an importer or exporter for input it cannot read at all (the whole file is
/// rejected). Carries the diagnostic to show; the host turns it into exit code 2.
class NIANBAO_API InputError : public std::exception {
 public:
  explicit InputError(Diagnostic d);
  ~InputError() override;
  const char* what() const noexcept override;
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
  std::string what_;
};

}  // namespace nianbao
