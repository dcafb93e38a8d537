// Checking many reports at once (a platform's January intake), and adding up a region's
// reports. Reports are streamed: a batch holds only the reports being checked, never all of them.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "nianbao/engine.h"
#include "nianbao/render.h"

namespace nianbao {

/// Every file below the given paths that an importer recognises by name (recursing into
/// folders), in a stable order. Files given directly are always included.
NIANBAO_API std::vector<std::string> collect_report_files(const Engine& engine,
                                                          const std::vector<std::string>& paths);

/// Exit statuses of checking files, the same for the command line and any embedding program.
enum class CheckStatus {
  clean = 0,        ///< no finding at or above the fail-on severity
  findings = 1,     ///< at least one finding at or above it
  input_error = 2,  ///< a file (or the previous year's report) could not be read
};

struct CheckFilesOptions {
  std::string importer;  ///< the importer to use instead of detecting one ("" = detect)
  /// The same agency's report of the previous year, for the cross-year rules (XY-…); "" = none.
  std::string previous;
  RuleConfig rules;
  std::string fail_on = "error";  ///< see fails(): "error", "warning", "info" or "none"
};

/// What checking a list of files gave: one outcome per file (its report's identity, or that it
/// could not be read, and its diagnostics), and the exit status they make together.
struct CheckFilesResult {
  std::vector<FileOutcome> files;
  /// false when `previous` was given but could not be read: then no file is checked,
  /// `previous_diagnostics` say why and the status is input_error.
  bool previous_readable = true;
  std::vector<Diagnostic> previous_diagnostics;
  CheckStatus status = CheckStatus::clean;
};

/// Checks each file in order (import, then validate against `previous` when given): the work of
/// `nianbao check`, for any program that embeds the library.
NIANBAO_API CheckFilesResult check_files(Engine& engine, const std::vector<std::string>& files,
                                         const CheckFilesOptions& options);

/// The exit status of one checked file: input_error when it could not be read, findings when a
/// finding is at least as severe as `fail_on`, clean otherwise (what a batch row fails by).
NIANBAO_API CheckStatus check_status(const FileOutcome& file, std::string_view fail_on);

struct BatchOptions {
  unsigned jobs = 0;         ///< worker threads; 0 = one per core
  std::string previous_dir;  ///< reports of the year before, paired by agency name and year
  RuleConfig rules;
  /// With an exporter, every readable report is also written with it, into `output_dir` under
  /// batch_output_path(); a report that cannot be written gets the exporter's or the writer's
  /// diagnostic among its findings.
  const Exporter* exporter = nullptr;
  std::string output_dir;
  std::map<std::string, std::string> export_options;
};

/// The outcome of one report of a batch: its summary and all its findings.
struct BatchRow {
  std::size_t index = 0;  ///< position in the input list
  FileOutcome outcome;    ///< file, readable, format, year, agency, diagnostics
  std::string previous;   ///< the previous year's report it was paired with, if any
  std::string output;     ///< the file written (BatchOptions::exporter), if any
};

/// Where a batch writes the converted `input`: `dir`/<file name without its extension><the
/// exporter's first extension>.
NIANBAO_API std::string batch_output_path(const std::string& input, const Exporter& exporter,
                                          const std::string& dir);

/// Checks every file on `jobs` threads. `on_row` receives the rows in input order (one at a
/// time, from one thread); `on_progress` is called after each report with (done, total).
NIANBAO_API void run_batch(Engine& engine, const std::vector<std::string>& files,
                           const BatchOptions& options,
                           const std::function<void(BatchRow&&)>& on_row,
                           const std::function<void(std::size_t, std::size_t)>& on_progress = {});

/// The name of a total that no one named: "合计（N 份报告）" / "Total (N reports)".
NIANBAO_API std::string default_aggregate_name(std::size_t reports, Language lang);

/// Adds up many agencies' reports into one report of kind `government` for the region: every
/// count and amount exactly. Reports are added one at a time, so any number fits in memory. All
/// must share format and year; amounts in 元 and 万元 are added in 万元.
class NIANBAO_API Aggregator {
 public:
  Aggregator(const FormatDefinition& format, std::string agency_name, std::string region_code = {});
  /// Adds a report; throws InputError (AGG-01 format or year differs, AGG-02 an amount's unit
  /// cannot be converted, AGG-03 a sum overflows) naming the file, and adds nothing then.
  void add(const Report& report);
  std::size_t count() const { return count_; }
  /// The region's report, with the list of reports that went in under "x-aggregate".
  Report result() const;

 private:
  const FormatDefinition& format_;
  Report total_;
  std::size_t count_ = 0;
  std::vector<std::pair<std::string, std::string>> inputs_;  // file, agency
};

}  // namespace nianbao
