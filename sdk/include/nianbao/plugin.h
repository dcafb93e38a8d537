// The plugin SDK: the four kinds of component a plugin can register (format, importer, exporter,
// check) and the macro that declares a plugin. A complete minimal plugin:
//
//   #include <nianbao/plugin.h>
//
//   class CsvSummaryExporter final : public nianbao::Exporter {
//    public:
//     std::string id() const override { return "csv-summary"; }
//     std::string description() const override { return "One line per table row"; }
//     std::vector<std::string> extensions() const override { return {".csv"}; }
//     std::string write(const nianbao::Report& report,
//                       const nianbao::ExportContext&) const override {
//       std::string out;
//       for (const auto& table : report.tables) /* … */;
//       return out;
//     }
//   };
//
//   static void register_components(nianbao::Registry& registry) {
//     registry.add_exporter(std::make_unique<CsvSummaryExporter>());
//   }
//   NIANBAO_PLUGIN("csv-summary", "1.0.0", register_components)
//
// Built with `nianbao_add_plugin(csv-summary ID csv-summary VERSION 1.0.0 KINDS exporter SOURCES
// …)` from `find_package(Nianbao)`, which also writes the plugin's manifest. An exporter that
// takes options derives from ExporterBase (nianbao/exporter_base.h), which refuses unknown ones.
#pragma once

#include <cstddef>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nianbao/abi.h"
#include "nianbao/diagnostic.h"
#include "nianbao/export.h"
#include "nianbao/format.h"
#include "nianbao/limits.h"
#include "nianbao/report.h"

namespace nianbao {

/// Read-only access to the registered format definitions.
class NIANBAO_API FormatCatalog {
 public:
  virtual ~FormatCatalog();
  virtual const FormatDefinition* find(std::string_view id) const = 0;
  /// The format in force for a report year (the year → format mapping is data), or nullptr.
  virtual const FormatDefinition* for_year(int year) const = 0;
  virtual std::vector<const FormatDefinition*> all() const = 0;
};

/// One input file, read whole.
struct InputFile {
  std::string path;        ///< as the user named it; used in every location
  std::string_view bytes;  ///< the complete content
};

struct ImportContext {
  const FormatCatalog& formats;
  std::map<std::string, std::string> options;  ///< importer options (Engine::import_file)
};

/// Whether an import option is a hint, `hint.NAME`: what the host offers without the user giving
/// it (the service: the year of a report's address). An importer that takes the option NAME uses
/// the hint when NAME itself is not given; one that does not take NAME is not warned of it.
inline bool is_hint_option(std::string_view key) {
  return key.starts_with("hint.");
}

/// What an import produced. Without a report, the input was unreadable and the diagnostics say
/// why; with one, the diagnostics are warnings about what could not be read exactly.
struct ImportResult {
  std::optional<Report> report;
  std::vector<Diagnostic> diagnostics;
};

/// Turns the bytes of one file into a Report.
class NIANBAO_API Importer {
 public:
  virtual ~Importer();
  virtual std::string id() const = 0;
  virtual std::string description() const = 0;
  /// File name endings this importer reads, e.g. {".json"}.
  virtual std::vector<std::string> extensions() const = 0;
  /// How sure the importer is that it reads this file, from the name and the first bytes only:
  /// 0 = not at all, 100 = certain. Must be cheap; the host asks every importer.
  virtual int identify(std::string_view path, std::string_view head) const = 0;
  /// Reads the file. May throw InputError for input it cannot read at all. Called from several
  /// threads at once: keep no state between calls.
  virtual ImportResult read(const InputFile& input, const ImportContext& context) const = 0;
};

struct ExportContext {
  const FormatDefinition& format;              ///< the definition of the report's format
  const std::vector<Diagnostic>* diagnostics;  ///< the check's findings, when requested
  std::map<std::string, std::string> options;  ///< exporter options (`convert --option k=v`)
};

/// Turns a Report into the bytes of one file. The host writes them atomically.
class NIANBAO_API Exporter {
 public:
  virtual ~Exporter();
  virtual std::string id() const = 0;
  virtual std::string description() const = 0;
  /// File name endings this exporter writes; the first is the default for `--to` by extension.
  virtual std::vector<std::string> extensions() const = 0;
  /// May throw InputError when the report cannot be written in this form. Called from several
  /// threads at once: keep no state between calls.
  virtual std::string write(const Report& report, const ExportContext& context) const = 0;
  /// True for a template writer: given an empty report of a format (no tables, only the format
  /// and the year), it writes the form to fill in. `nianbao template` and the service's
  /// /v1/template choose among the exporters that say so.
  virtual bool writes_templates() const { return false; }
};

struct CheckContext {
  const FormatDefinition& format;  ///< the definition of the report's format
  const FormatCatalog& formats;
  const Report* previous = nullptr;  ///< the same agency's report of the year before, if given
};

/// Rules that inspect a report and report findings.
class NIANBAO_API Check {
 public:
  virtual ~Check();
  virtual std::string id() const = 0;
  /// Format ids this check belongs to (the format's rule set); empty = a general check that runs
  /// for every format.
  virtual std::vector<std::string> formats() const = 0;
  /// Appends findings to `out`. Called from several threads at once: keep no state between calls.
  virtual void run(const Report& report, const CheckContext& context,
                   std::vector<Diagnostic>& out) const = 0;
};

/// What a plugin registers its components with. Registration is all-or-nothing: when the
/// plugin's register function throws, nothing it added is kept.
class NIANBAO_API Registry {
 public:
  virtual ~Registry();
  /// Adds a format definition in its JSON form (schema "nianbao.format/1").
  virtual void add_format(std::string_view definition_json) = 0;
  virtual void add_importer(std::unique_ptr<Importer> importer) = 0;
  virtual void add_exporter(std::unique_ptr<Exporter> exporter) = 0;
  virtual void add_check(std::unique_ptr<Check> check) = 0;
  /// Catalogue entries for the codes this plugin's checks emit.
  virtual void add_rule(RuleInfo rule) = 0;
  /// Message templates for the message ids this plugin's diagnostics use.
  virtual void add_message(MessageText message) = 0;
  /// A resource limit this plugin's components enforce (limit_value(options, name, default)).
  /// Several plugins may declare the same name, each with its own default.
  virtual void add_limit(LimitInfo limit) = 0;

  /// add_rule() for each of `rules`, in their order.
  void add_rules(const std::vector<RuleInfo>& rules) {
    for (const auto& r : rules)
      add_rule(r);
  }
  /// add_message() for each of `messages`, in their order.
  void add_messages(const std::vector<MessageText>& messages) {
    for (const auto& m : messages)
      add_message(m);
  }
};

namespace detail {
// Runs a plugin's register function and turns any exception into an error message, so that no
// exception crosses the C boundary.
inline int run_registration(void (*fn)(Registry&), void* registry, char* error,
                            std::size_t error_size) {
  auto report = [&](const char* what) {
    if (error && error_size > 0) {
      std::strncpy(error, what, error_size - 1);
      error[error_size - 1] = '\0';
    }
  };
  try {
    fn(*static_cast<Registry*>(registry));
    return 0;
  } catch (const std::exception& e) {
    report(e.what());
  } catch (...) {
    report("unknown exception");
  }
  return 1;
}
}  // namespace detail

}  // namespace nianbao

/// Declares a plugin built with nianbao_add_plugin(): exports the entry function the host looks
/// for, with the plugin id and version that nianbao_add_plugin() wrote into the manifest (it
/// defines NIANBAO_PLUGIN_ID and NIANBAO_PLUGIN_VERSION for the plugin's sources), so the two
/// cannot disagree. Use once per plugin; REGISTER is `void (nianbao::Registry&)`.
#define NIANBAO_DECLARE_PLUGIN(REGISTER) \
  NIANBAO_PLUGIN(NIANBAO_PLUGIN_ID, NIANBAO_PLUGIN_VERSION, REGISTER)

/// Declares a plugin with an explicit id and version (string literals), for a plugin built
/// without nianbao_add_plugin(); the manifest beside it must say the same (PLG-09 otherwise).
#define NIANBAO_PLUGIN(ID, VERSION, REGISTER)                                                     \
  static int nianbao_plugin_register_trampoline(void* registry, char* error, size_t error_size) { \
    return ::nianbao::detail::run_registration(&REGISTER, registry, error, error_size);           \
  }                                                                                               \
  extern "C" __attribute__((visibility("default"))) const nianbao_plugin_descriptor*              \
  nianbao_plugin_entry(void) {                                                                    \
    static const nianbao_plugin_descriptor descriptor = {sizeof(nianbao_plugin_descriptor),       \
                                                         NIANBAO_ABI_VERSION,                     \
                                                         NIANBAO_BUILD_FINGERPRINT,               \
                                                         ID,                                      \
                                                         VERSION,                                 \
                                                         &nianbao_plugin_register_trampoline};    \
    return &descriptor;                                                                           \
  }
