// What the sheets of the fill-in template share: the plugin's error, the styles, cell names,
// sheet names and print setup, and the workbook being written.
#pragma once

#include <nianbao/plugin.h>
#include <xlsxwriter.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace nianbao::xlsx_template {

inline constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;  // from nianbao_add_plugin
inline constexpr const char* kCannotWrite = "XLSX-13";

/// Throws the plugin's XLSX-13 error (the workbook cannot be written) with `detail`.
[[noreturn]] void cannot_write(const std::string& detail);
/// Throws XLSX-13 when libxlsxwriter reports an error for `what`.
void check(lxw_error e, const char* what);

using Position = std::pair<int, int>;  // row, column (0-based)

/// "B5" (or "$B$5") for the 0-based (row 4, column 1).
std::string cell_ref(int row, int col, bool absolute = false);
/// A list of cells as Excel writes it: runs along a row or a column become ranges.
std::string cell_list(std::vector<Position> cells, bool absolute = false);

struct Styles {
  lxw_format* title;
  lxw_format* caption;
  lxw_format* header;
  lxw_format* group;
  lxw_format* label;
  lxw_format* input;
  lxw_format* total_formula;
  lxw_format* total_value;
  lxw_format* note;
  lxw_format* meta_label;
  lxw_format* meta_value;
  lxw_format* meta_fixed;
  lxw_format* meta_date;
  lxw_format* prose_head;
  lxw_format* prose_section;
  lxw_format* prose_text;
  lxw_format* alert;
};

Styles make_styles(lxw_workbook* wb);

/// The numeral of a section heading ("二、主动公开政府信息情况" → "二"), for sheet names like 表二.
std::string heading_numeral(const std::string& heading);
/// Printed on A4, one page wide, as the tables of a report are printed.
void print_setup(lxw_worksheet* ws, bool landscape);
/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the workbook.
std::string sheet_name(std::string wanted, std::set<std::string>& used);
/// Writes `text` into the cell, or into the merged range r1:c1–r2:c2.
void merge(lxw_worksheet* ws, int r1, int c1, int r2, int c2, const std::string& text,
           lxw_format* f);

// The runs of consecutive items (columns or rows of a block) under the same group at `level` —
// the same groups down to it — as f(first, last, label): one merged header cell each. Items with
// no group at that level belong to no run.
template <class Items, class Each>
void for_each_group_run(const Items& items, std::size_t level, Each f) {
  const int count = static_cast<int>(items.size());
  for (int first = 0; first < count;) {
    const auto& groups = items[static_cast<std::size_t>(first)].groups;
    if (groups.size() <= level) {
      ++first;
      continue;
    }
    auto same_prefix = [&](int x) {
      const auto& other = items[static_cast<std::size_t>(x)].groups;
      return other.size() > level &&
             std::equal(groups.begin(), groups.begin() + static_cast<long>(level) + 1,
                        other.begin());
    };
    int last = first;
    while (last + 1 < count && same_prefix(last + 1))
      ++last;
    f(first, last, groups[level]);
    first = last + 1;
  }
}

/// The workbook being written and what every sheet writer reads.
struct Workbook {
  Workbook(lxw_workbook* wb, const Report& report, const FormatDefinition& format);
  lxw_workbook* wb;
  const Report& report;
  const FormatDefinition& format;
  Styles styles;
  bool blank_template = true;        ///< the report has no values: totals become formulas
  std::set<std::string> used_names;  ///< sheet names so far
};

/// What a writer of some of the workbook's sheets reads, under the names its code uses.
class SheetWriter {
 protected:
  explicit SheetWriter(Workbook& book)
      : wb_(book.wb),
        report_(book.report),
        format_(book.format),
        styles_(book.styles),
        blank_template_(book.blank_template),
        used_names_(book.used_names) {}

  lxw_workbook* wb_;
  const Report& report_;
  const FormatDefinition& format_;
  const Styles& styles_;
  const bool blank_template_;
  std::set<std::string>& used_names_;
};

}  // namespace nianbao::xlsx_template
