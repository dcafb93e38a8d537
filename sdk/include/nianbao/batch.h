// Checking many reports at once (a platform's January intake), and adding up a region's
// reports. Reports are streamed: a batch holds only the reports being checked, never all of them.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "nianbao/engine.h"
#include "nianbao/render.h"

namespace nianbao {

/// Every file below the given paths that an importer recognises by name (recursing into
/// folders), in a stable order. Files given directly are always included.
NIANBAO_API std::vector<std::string> collect_report_files(const Engine& engine,
                                                          const std::vector<std::string>& paths);

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
