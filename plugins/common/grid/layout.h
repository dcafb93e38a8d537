// Finds the tables of a report in spreadsheet sheets by their printed labels, picks the format
// whose layout fits, and builds the Report: table cells (each with its sheet and cell), the
// metadata of the template's metadata sheet (or of a title such as
// "…2020年政府信息公开工作年度报告") and the prose of the template's prose sheet. Shared by the
// XLSX and the CSV importer; nothing here knows a particular format or year: rows and columns are
// found through the format definitions (labels, aliases, groups, order).
#pragma once

#include <nianbao/diagnostic.h>
#include <nianbao/plugin.h>
#include <nianbao/report.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sheet.h"

namespace nianbao::grid {

/// The rule codes under which an importer reports what this step finds.
struct Codes {
  std::string plugin;        ///< the plugin id, for Diagnostic::plugin
  std::string found;         ///< info: which format the layout fits
  std::string no_tables;     ///< error: no table of any format
  std::string ambiguous;     ///< error: the layout fits several formats equally
  std::string not_a_number;  ///< warning: a table cell whose text is not a number
  std::string metadata;      ///< warning: a metadata or prose entry that cannot be used
  std::string uncalculated;  ///< warning: a table cell holds a formula nobody calculated ("": none)
  /// warning: a run of digits (GridCell::run) the table's sums do not split in one way only
  std::string split_ambiguous = {};
  /// info: a run of digits split in the one way the table's sums allow
  std::string split_done = {};
};

/// What the caller knows besides the sheets.
struct Hints {
  std::string format;  ///< importer option "format": used when the layout fits several formats
  int year = 0;        ///< importer option "year": the report year
  bool date1904 = false;
};

/// The import options every importer of tables takes (ImporterBase warns of any other).
inline const std::vector<std::string> kHintOptions = {"format", "year"};

/// The hints in those options: "format" (a format id) and "year" (four digits), each taken from
/// the host's hint ("hint.year", nianbao::is_hint_option) when the user did not give it. A year
/// that is not four digits is left out, with a warning (codes.metadata, "grid.bad_year").
Hints hints_from_options(const std::map<std::string, std::string>& options, const Codes& codes,
                         const std::string& path, std::vector<Diagnostic>& warnings);

struct LayoutResult {
  Report report;
  std::vector<Diagnostic> diagnostics;
};

class FormatLabels;  // the labels of one format, prepared for matching (layout.cpp)

/// The printed labels of the formats, prepared for matching once rather than for every file: an
/// importer keeps one for the definitions of its engine. It knows a definition by its address, so
/// it must not outlive the definitions it has seen (an engine destroys its importers before its
/// formats). Safe to use from several threads.
class LabelCache {
 public:
  LabelCache();
  ~LabelCache();
  LabelCache(const LabelCache&) = delete;
  LabelCache& operator=(const LabelCache&) = delete;
  const FormatLabels& of(const FormatDefinition& format);

 private:
  std::mutex mutex_;
  std::map<const FormatDefinition*, std::unique_ptr<const FormatLabels>> formats_;
};

/// Reads a report out of the sheets. Throws InputError (with codes.no_tables or codes.ambiguous)
/// when no format's tables can be found, naming what was expected and what was found. Without a
/// cache, the formats' labels are prepared for this call alone.
LayoutResult read_report(const std::vector<Sheet>& sheets, const FormatCatalog& formats,
                         const Hints& hints, const std::string& path, const Codes& codes,
                         LabelCache* labels = nullptr);

/// The message templates the diagnostics of this step use (ids "grid.…"); both importers register
/// them (the first registration of an id wins, and the texts are the same).
std::vector<MessageText> messages();

/// A year in a file name ("淮北-2020-报表.csv" → 2020), or 0.
int year_in_file_name(const std::string& path);

}  // namespace nianbao::grid
