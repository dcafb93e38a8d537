// The library API: discover and load plugins, then run the pipeline
// import → normalise → validate → export. Every call returns values; nothing prints.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "nianbao/diagnostic.h"
#include "nianbao/export.h"
#include "nianbao/plugin.h"
#include "nianbao/report.h"

namespace nianbao {

enum class Language { zh, en };

/// What the manifest beside a plugin says, and what became of the plugin.
struct PluginRecord {
  enum class Status { discovered, loaded, failed, duplicate };
  std::string id;
  std::string version;
  std::string description;
  int abi = 0;
  std::vector<std::string> kinds;    ///< format, importer, exporter, check
  std::vector<std::string> formats;  ///< format ids it provides or serves
  std::string years;                 ///< report years it covers, e.g. "2019-2020", "2021-"
  /// File endings its importers read or exporters write (".json"), when the manifest says; a
  /// plugin whose manifest does not is loaded whenever a component of its kind is needed.
  std::optional<std::vector<std::string>> extensions;
  std::string manifest_path;  ///< absolute
  std::string library_path;   ///< absolute
  std::string origin;         ///< which search path found it: "--plugin-path", …
  Status status = Status::discovered;
};
NIANBAO_API std::string_view to_string(PluginRecord::Status s);

/// A step the loader took, for `--verbose`: rendered from the message catalogue like a
/// diagnostic's message.
struct TraceEntry {
  std::string message_id;
  std::vector<MessageArg> args;
};

/// A limit the engine knows: declared by a plugin that enforces it, or by the engine itself
/// ("input-bytes", `plugin` empty).
struct LimitDeclaration {
  LimitInfo limit;
  std::string plugin;  ///< the declaring plugin's id; empty for the engine
};

struct EngineOptions {
  std::vector<std::string> plugin_paths;  ///< searched first (`--plugin-path`)
  bool use_environment = true;            ///< then NIANBAO_PLUGIN_PATH (':'-separated)
  bool use_install_dir = true;            ///< then <libdir>/nianbao/abi-N/plugins beside libnianbao
  std::string install_dir;                ///< override of the install directory (tests)
  bool load = true;                       ///< false: read manifests only (`nianbao plugins`)
  /// With `load`: read the manifests at construction and load each plugin only when a call first
  /// needs what its manifest says it provides (an importer for a file's extension, the format of
  /// a report, the checks, an exporter), instead of loading every plugin at once. A plugin that
  /// fails to load is reported when it is needed; load_all() loads the rest.
  bool load_on_demand = false;
  /// Called as the loader records a step (for `--verbose`) or a loader diagnostic (PLG-…), from
  /// the thread whose call needed the plugin; with load_on_demand these can come at any call.
  std::function<void(const TraceEntry&)> on_trace;
  std::function<void(const Diagnostic&)> on_plugin_diagnostic;
  /// Resource limits for every import (`--limit NAME=VALUE`, see limits.h): given to importers as
  /// the options "limit.NAME", below any the caller of import_file passes itself.
  std::map<std::string, std::string> limits;
  /// Importer options for every import (`--import-option KEY=VALUE`), e.g. format=gov-2021 or
  /// year=2024 for tables that fit several formats; below any the caller of import_file passes.
  std::map<std::string, std::string> import_options;
};

/// Which rules run and at which severity. Codes not mentioned keep their catalogue defaults.
struct RuleConfig {
  std::set<std::string> enable;
  std::set<std::string> disable;
  std::map<std::string, Severity> severity;
};

struct ValidateOptions {
  const Report* previous = nullptr;  ///< the same agency's report of the previous year
  RuleConfig rules;
};

class NIANBAO_API Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // --- plugins -------------------------------------------------------------------------------
  /// Every plugin found; with load_on_demand, those not needed yet are still `discovered`.
  const std::vector<PluginRecord>& plugins() const;
  /// Loader problems: one diagnostic per plugin that could not be used (code PLG-…), of the
  /// plugins loaded (or tried) so far.
  const std::vector<Diagnostic>& plugin_diagnostics() const;
  const std::vector<TraceEntry>& trace() const;
  /// Loads every plugin not loaded yet (nothing to do unless load_on_demand was set).
  void load_all();
  /// The ids of the plugins loaded so far, in search order.
  std::vector<std::string> loaded_plugins() const;

  // With load_on_demand, each call below loads the plugins it needs first: importers() and
  // exporters() all of their kind, find_importer() and find_exporter() too (ids are not in the
  // manifests), exporter_for_path() those whose manifests claim the ending, formats().find() and
  // for_year() the format plugins that claim the id or year, rules() and messages() everything.
  // Plugins loaded so far stay valid: pointers returned earlier are never invalidated.
  const FormatCatalog& formats() const;
  std::vector<const Importer*> importers() const;
  std::vector<const Exporter*> exporters() const;
  const Importer* find_importer(std::string_view id) const;
  const Exporter* find_exporter(std::string_view id) const;
  /// The exporter whose extensions match the end of `path` (".json", ".docx"), or nullptr.
  const Exporter* exporter_for_path(std::string_view path) const;

  /// Every limit declared, sorted by name and then in plugin search order (the engine's own
  /// first); a name several plugins enforce appears once for each. Loads every plugin (with
  /// load_on_demand, the limits are not in the manifests).
  std::vector<LimitDeclaration> limits() const;

  /// Every rule code with its catalogue entry, sorted by code.
  std::vector<RuleInfo> rules() const;
  const RuleInfo* find_rule(std::string_view code) const;
  /// Every message template (the core's and the plugins'), sorted by id.
  std::vector<MessageText> messages() const;
  /// Renders a diagnostic's (or trace entry's) message in the given language.
  std::string render_message(std::string_view message_id, const std::vector<MessageArg>& args,
                             Language lang) const;

  // --- the pipeline --------------------------------------------------------------------------
  /// Reads a file with the importer that identifies it best, or the one named by `importer_id`.
  /// With load_on_demand, the importers whose manifests claim the file's ending are asked first;
  /// when one of them is sure of the file (identify() ≥ 90: the name and the first bytes agree)
  /// the others are not loaded, otherwise every importer is asked, as without load_on_demand.
  ImportResult import_file(const std::string& path, std::string_view importer_id = {},
                           const std::map<std::string, std::string>& options = {});
  /// The same for bytes already in memory (an upload): `path` is only the name the importers
  /// identify the file by and every location cites; nothing is read from or written to it.
  ImportResult import_bytes(const std::string& path, std::string_view bytes,
                            std::string_view importer_id = {},
                            const std::map<std::string, std::string>& options = {});
  /// Fills in what can be derived: the format from the year or the tables, units, labels.
  void normalise(Report& report, std::vector<Diagnostic>& out) const;
  /// Runs the rule set of the report's format and the general checks, then applies `rules`.
  std::vector<Diagnostic> validate(const Report& report, const ValidateOptions& options);
  /// Writes the report with the exporter; throws InputError when it cannot.
  std::string export_report(const Report& report, const Exporter& exporter,
                            const std::vector<Diagnostic>* diagnostics = nullptr,
                            const std::map<std::string, std::string>& options = {});

  /// Applies enable/disable/severity overrides to diagnostics (exposed for batch callers).
  void apply_rule_config(const RuleConfig& config, std::vector<Diagnostic>& diagnostics) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed, then
/// renamed over the target. On failure the old file (if any) is left as it was. Throws InputError.
NIANBAO_API void write_file_atomically(const std::string& path, std::string_view bytes);

/// An output file written in pieces and put in place only when complete: the bytes go to a
/// temporary file beside the target, which commit() renames over it. Destroyed without commit(),
/// it removes the temporary file and leaves any existing target as it was.
class NIANBAO_API AtomicOutput {
 public:
  explicit AtomicOutput(std::string path);  ///< throws InputError (IO-03) when it cannot start
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  void write(std::string_view bytes);  ///< throws InputError (IO-03)
  void commit();                       ///< throws InputError (IO-03)

 private:
  std::string path_, temp_;
  int fd_ = -1;
};

/// Reads a whole file; throws InputError (code IO-01/IO-02) naming the file when it cannot, or when
/// it is larger than `max_bytes`.
NIANBAO_API std::string read_file(const std::string& path, std::size_t max_bytes = 256u << 20);

}  // namespace nianbao
