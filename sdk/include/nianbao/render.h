// Rendering for people and machines: diagnostics as text, JSON ("nianbao.diagnostics/1") and
// SARIF 2.1.0; the listings of plugins, formats and rules as text and JSON; the summary of a batch
// as a table, CSV, JSON ("nianbao.batch-summary/1") or HTML; and the core's messages. Everything
// a command prints is rendered here, so any program that embeds the library prints the same.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nianbao/engine.h"

namespace nianbao {

/// The outcome of checking one file.
struct FileOutcome {
  std::string path;
  bool readable = false;  ///< false: the input could not be imported (exit code 2)
  std::string format;
  int year = 0;
  std::string agency;
  std::vector<Diagnostic> diagnostics;
};

NIANBAO_API std::string render_text(const Engine& engine, const std::vector<FileOutcome>& files,
                                    Language lang);
NIANBAO_API std::string render_json(const Engine& engine, const std::vector<FileOutcome>& files,
                                    Language lang);
/// One diagnostic as a JSON object of the nianbao.diagnostics/1 form (compact, one line), for
/// writers that stream many files' findings.
NIANBAO_API std::string render_json_diagnostic(const Engine& engine, const Diagnostic& d,
                                               const std::string& file, Language lang);

NIANBAO_API std::string render_sarif(const Engine& engine, const std::vector<FileOutcome>& files,
                                     Language lang);

/// A message of the core's catalogue (core/src/catalogue.cpp) in the given language, without an
/// engine: what the command line says before it has one, or about its own arguments.
NIANBAO_API std::string render_core_message(std::string_view message_id,
                                            const std::vector<MessageArg>& args, Language lang);

// ---- the listings of `nianbao plugins`, `formats` and `rules` ----------------------------------

/// `nianbao plugins`: one line per plugin found (id, version, kinds, formats, years, status,
/// library), or how to point the search at plugins when there are none.
NIANBAO_API std::string render_plugins_text(const Engine& engine, Language lang);
/// `nianbao plugins --json`: every plugin found, from its manifest (pretty-printed, final newline).
NIANBAO_API std::string plugins_json(const Engine& engine);

/// `nianbao formats`: each report format, the years it applies to, its tables and cells.
NIANBAO_API std::string render_formats_text(const Engine& engine, Language lang);
/// `nianbao formats --json`: every report format and the years it applies to.
NIANBAO_API std::string formats_json(const Engine& engine);

/// `nianbao rules`: one line per rule (code, severity, formats, title, clause).
NIANBAO_API std::string render_rules_text(const Engine& engine, const std::vector<RuleInfo>& rules,
                                          Language lang);
/// `nianbao rules [--format ID] --json`.
NIANBAO_API std::string rules_json(const std::vector<RuleInfo>& rules);

/// `nianbao limits`: each limit the engine and the plugins declare (Engine::limits()), its default
/// by the plugins that give it, and what it bounds, in `lang`.
NIANBAO_API std::string render_limits_text(const Engine& engine, Language lang);
/// `nianbao limits --json`: name, what it bounds (zh, en) and every declaration's default.
NIANBAO_API std::string limits_json(const Engine& engine);
/// "input-bytes (64M), table-cells (1000000), zip-total-bytes (128M/256M)": the declared names
/// with their defaults as `--limit` takes them, for help texts.
NIANBAO_API std::string limit_names_with_defaults(const Engine& engine);

// ---- the summary of a batch --------------------------------------------------------------------

/// What a batch adds up as its rows come in: the last line `nianbao batch` prints.
struct BatchTotals {
  std::size_t reports = 0, failing = 0, unreadable = 0;
  std::size_t errors = 0, warnings = 0, infos = 0;
  /// Counts one report; `failed`: it fails the batch (see check_status in batch.h).
  NIANBAO_API void add(const FileOutcome& file, bool failed);
};
/// "共检查 N 份报告：…" / "checked N reports: …", with a final newline.
NIANBAO_API std::string render_batch_totals(const BatchTotals& totals, Language lang);

/// A batch summary, one row per report, in the form of a file name (or the table on standard
/// output): rendered in pieces, so a batch of any length is written as it goes.
class NIANBAO_API BatchSummary {
 public:
  enum class Form {
    table,  ///< tab-separated lines for the terminal, in the language asked for
    csv,    ///< UTF-8 with a byte-order mark (Excel, WPS)
    json,   ///< "nianbao.batch-summary/1"
    html,   ///< a page with one table
  };
  /// The form a summary file's name asks for (.csv, .json, .html or .htm), if any.
  static std::optional<Form> form_for_path(std::string_view path);

  BatchSummary(const Engine& engine, Form form, Language lang);
  std::string begin() const;
  /// One report's row; the worst finding (the first most severe) is named with its message.
  std::string row(const FileOutcome& file);
  std::string end() const;

 private:
  const Engine& engine_;
  Form form_;
  Language lang_;
  std::size_t rows_ = 0, unreadable_ = 0;
  std::size_t errors_ = 0, warnings_ = 0, infos_ = 0;
};

}  // namespace nianbao
