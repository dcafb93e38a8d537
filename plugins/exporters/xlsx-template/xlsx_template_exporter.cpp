// The fill-in template (填报模板): an XLSX workbook of a format's tables laid out as printed —
// caption rows, merged header cells, the official labels — written with libxlsxwriter.
// `nianbao template --format gov-2021 -o 模板.xlsx` exports an empty report with it; `nianbao
// convert report.json -o report.xlsx` exports a report's values into the same layout.
//
// Everything comes from the format definition: the tables, blocks, rows and columns with their
// labels and groups, the value types (validation: integers ≥ 0, signed integers, decimals for
// money) and the identities (a total that is the sum of other cells becomes a formula in the empty
// template; a relation with several terms on each side — the 勾稽关系 of table 三 — is shown by
// conditional formatting when it does not hold). Labels and formulas are locked (sheet protection
// without a password); the cells to fill in are not. A metadata sheet and a prose sheet
// (one row per paragraph) complete it; their words are shared with the importer
// (grid/template_labels.h).
#include <nianbao/plugin.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "grid/template_labels.h"

namespace {

using namespace nianbao;

constexpr const char* kPluginId = "xlsx-template";
constexpr const char* kCannotWrite = "XLSX-13";

// Colours: header cells blue-grey, cells to fill in pale yellow, totals grey.
constexpr lxw_color_t kHeaderColor = 0xDDEBF7;
constexpr lxw_color_t kInputColor = 0xFFF9E1;
constexpr lxw_color_t kTotalColor = 0xD9D9D9;
constexpr lxw_color_t kCaptionColor = 0xF2F2F2;
constexpr lxw_color_t kAlertColor = 0xF8CBAD;

[[noreturn]] void cannot_write(const std::string& detail) {
  Diagnostic d;
  d.code = kCannotWrite;
  d.severity = Severity::error;
  d.message_id = "xlsx-template.cannot_write";
  d.arg("detail", detail);
  d.plugin = kPluginId;
  throw InputError(std::move(d));
}

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) cannot_write(std::string(what) + ": " + lxw_strerror(e));
}

std::string cell_ref(int row, int col, bool absolute = false) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return (absolute ? "$" : "") + name + (absolute ? "$" : "") + std::to_string(row + 1);
}

using Position = std::pair<int, int>;  // row, column (0-based)

// A list of cells as Excel writes it: runs along a row or a column become ranges.
std::string cell_list(std::vector<Position> cells, bool absolute = false) {
  std::sort(cells.begin(), cells.end());
  bool one_row =
      std::all_of(cells.begin(), cells.end(), [&](auto& p) { return p.first == cells[0].first; });
  bool one_col =
      std::all_of(cells.begin(), cells.end(), [&](auto& p) { return p.second == cells[0].second; });
  std::string out;
  for (std::size_t i = 0; i < cells.size();) {
    std::size_t j = i;
    while (j + 1 < cells.size() &&
           ((one_row && cells[j + 1].second == cells[j].second + 1) ||
            (one_col && !one_row && cells[j + 1].first == cells[j].first + 1)))
      ++j;
    out += (out.empty() ? "" : ",") + cell_ref(cells[i].first, cells[i].second, absolute);
    if (j > i) out += ":" + cell_ref(cells[j].first, cells[j].second, absolute);
    i = j + 1;
  }
  return out;
}

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

lxw_format* bordered(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f);
  return f;
}

Styles make_styles(lxw_workbook* wb) {
  Styles s{};
  s.title = workbook_add_format(wb);
  format_set_bold(s.title);
  format_set_font_size(s.title, 14);
  format_set_align(s.title, LXW_ALIGN_CENTER);
  format_set_align(s.title, LXW_ALIGN_VERTICAL_CENTER);
  s.caption = bordered(wb);
  format_set_bold(s.caption);
  format_set_bg_color(s.caption, kCaptionColor);
  s.header = bordered(wb);
  format_set_bold(s.header);
  format_set_align(s.header, LXW_ALIGN_CENTER);
  format_set_bg_color(s.header, kHeaderColor);
  s.group = bordered(wb);
  format_set_align(s.group, LXW_ALIGN_CENTER);
  s.label = bordered(wb);
  s.input = bordered(wb);
  format_set_unlocked(s.input);
  format_set_bg_color(s.input, kInputColor);
  s.total_formula = bordered(wb);
  format_set_bold(s.total_formula);
  format_set_bg_color(s.total_formula, kTotalColor);
  s.total_value = bordered(wb);
  format_set_bold(s.total_value);
  format_set_bg_color(s.total_value, kTotalColor);
  format_set_unlocked(s.total_value);
  s.note = workbook_add_format(wb);
  format_set_italic(s.note);
  format_set_font_color(s.note, 0x595959);
  format_set_text_wrap(s.note);
  format_set_align(s.note, LXW_ALIGN_VERTICAL_CENTER);
  s.meta_label = bordered(wb);
  format_set_bold(s.meta_label);
  format_set_bg_color(s.meta_label, kHeaderColor);
  s.meta_value = bordered(wb);
  format_set_unlocked(s.meta_value);
  format_set_bg_color(s.meta_value, kInputColor);
  s.meta_fixed = bordered(wb);
  s.meta_date = bordered(wb);
  format_set_unlocked(s.meta_date);
  format_set_bg_color(s.meta_date, kInputColor);
  format_set_num_format(s.meta_date, "yyyy-mm-dd");
  format_set_align(s.meta_date, LXW_ALIGN_LEFT);
  s.prose_head = s.header;
  s.prose_section = bordered(wb);
  format_set_unlocked(s.prose_section);
  s.prose_text = bordered(wb);
  format_set_unlocked(s.prose_text);
  format_set_bg_color(s.prose_text, kInputColor);
  s.alert = workbook_add_format(wb);
  format_set_bg_color(s.alert, kAlertColor);
  return s;
}

// The numeral of a section heading ("二、主动公开政府信息情况" → "二"), for sheet names like 表二.
std::string heading_numeral(const std::string& heading) {
  auto mark = heading.find("、");
  return mark == std::string::npos || mark == 0 || mark > 12 ? std::string()
                                                             : heading.substr(0, mark);
}

// Printed on A4, one page wide, as the tables of a report are printed.
void print_setup(lxw_worksheet* ws, bool landscape) {
  worksheet_set_paper(ws, 9);  // A4
  if (landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_center_horizontally(ws);
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the workbook.
std::string sheet_name(std::string wanted, std::set<std::string>& used) {
  for (char& c : wanted)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  std::string name = wanted;
  for (int n = 2; used.count(name); ++n)
    name = wanted + " " + std::to_string(n);
  used.insert(name);
  return name;
}

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

class Writer {
 public:
  Writer(lxw_workbook* wb, const Report& report, const FormatDefinition& format)
      : wb_(wb), report_(report), format_(format), styles_(make_styles(wb)) {
    for (const auto& t : report.tables)
      if (!t.rows.empty()) blank_template_ = false;
  }

  void write() {
    write_metadata();
    for (const auto& t : format_.tables)
      write_table(t);
    write_prose();
  }

 private:
  // ---- tables ----------------------------------------------------------------------------------

  struct TableSheet {
    lxw_worksheet* ws = nullptr;
    std::map<std::pair<std::string, std::string>, Position> at;  // (row key, column key) → cell
    int next_row = 0;
    int width = 0;
  };

  std::string sheet_title(const TableDef& t) const {
    const SectionDef* s = format_.find_section(t.section);
    return s && !s->heading.empty() ? s->heading : t.label;
  }

  void merge(lxw_worksheet* ws, int r1, int c1, int r2, int c2, const std::string& text,
             lxw_format* f) {
    if (r1 == r2 && c1 == c2) {
      check(worksheet_write_string(ws, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1),
                                   text.c_str(), f),
            "write_string");
      return;
    }
    check(worksheet_merge_range(ws, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1),
                                static_cast<lxw_row_t>(r2), static_cast<lxw_col_t>(c2),
                                text.c_str(), f),
          "merge_range");
  }

  void write_table(const TableDef& t) {
    std::string numeral = heading_numeral(sheet_title(t));
    std::string name = sheet_name(numeral.empty() ? t.key : "表" + numeral, used_names_);
    TableSheet ts;
    ts.ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ts.ws) cannot_write("add_worksheet " + name);
    if (t.layout == TableLayout::rows_as_column_groups)
      layout_column_groups(t, ts);
    else
      layout_grid(t, ts);
    write_cells(t, ts);
    write_note(ts);
    print_setup(ts.ws, ts.width > 6);
    lxw_protection protection{};
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(ts.ws, nullptr, &protection);
  }

  // Rows printed as rows: group labels in the leftmost columns (merged down their rows), the row
  // label right of them, then the block's columns under their headers.
  void layout_grid(const TableDef& t, TableSheet& ts) {
    std::size_t group_depth = 0, width = 0;
    for (const auto& b : t.blocks) {
      width = std::max(width, b.columns.size());
      for (const auto& r : b.rows)
        group_depth = std::max(group_depth, r.groups.size());
    }
    const int label_cols = static_cast<int>(group_depth) + 1;
    const int total = label_cols + static_cast<int>(width);
    ts.width = total;
    lxw_worksheet* ws = ts.ws;
    for (int c = 0; c < label_cols - 1; ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 10, nullptr);
    worksheet_set_column(ws, static_cast<lxw_col_t>(label_cols - 1),
                         static_cast<lxw_col_t>(label_cols - 1), group_depth ? 34 : 26, nullptr);
    worksheet_set_column(ws, static_cast<lxw_col_t>(label_cols), static_cast<lxw_col_t>(total - 1),
                         13, nullptr);
    int r = 0;
    merge(ws, r, 0, r, total - 1, sheet_title(t), styles_.title);
    worksheet_set_row(ws, static_cast<lxw_row_t>(r), 28, nullptr);
    ++r;
    for (const auto& b : t.blocks) {
      const int n = static_cast<int>(b.columns.size());
      // The last column of a block narrower than the sheet spans the rest, as printed.
      auto last_col_of = [&](int j) { return j == n - 1 ? total - 1 : label_cols + j; };
      if (!b.caption.empty()) {
        merge(ws, r, 0, r, total - 1, b.caption, styles_.caption);
        ++r;
      }
      std::size_t column_groups = 0;
      for (const auto& c : b.columns)
        column_groups = std::max(column_groups, c.groups.size());
      const int caption_rows = b.column_caption.empty() ? 0 : 1;
      const int header_rows = caption_rows + static_cast<int>(column_groups) + 1;
      merge(ws, r, 0, r + header_rows - 1, label_cols - 1, b.corner, styles_.header);
      if (caption_rows) merge(ws, r, label_cols, r, total - 1, b.column_caption, styles_.header);
      for (std::size_t level = 0; level < column_groups; ++level) {
        const int row = r + caption_rows + static_cast<int>(level);
        for_each_group_run(b.columns, level, [&](int first, int last, const std::string& label) {
          merge(ws, row, label_cols + first, row, last_col_of(last), label, styles_.header);
        });
      }
      for (int j = 0; j < n; ++j) {
        const auto& c = b.columns[static_cast<std::size_t>(j)];
        merge(ws, r + caption_rows + static_cast<int>(c.groups.size()), label_cols + j,
              r + header_rows - 1, last_col_of(j), c.label, styles_.header);
      }
      for (int h = 0; h < header_rows; ++h)
        worksheet_set_row(ws, static_cast<lxw_row_t>(r + h), 32, nullptr);
      r += header_rows;
      const int first = r;
      const auto& rows = b.rows;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const int row = first + static_cast<int>(i);
        for (std::size_t level = 0; level < rows[i].groups.size(); ++level) {
          auto same_prefix = [&](std::size_t x) {
            const auto& h = rows[x].groups;
            return h.size() > level &&
                   std::equal(rows[i].groups.begin(),
                              rows[i].groups.begin() + static_cast<long>(level) + 1, h.begin());
          };
          if (i > 0 && same_prefix(i - 1)) continue;  // inside a run already merged
          std::size_t k = i;
          while (k + 1 < rows.size() && same_prefix(k + 1))
            ++k;
          merge(ws, row, static_cast<int>(level), first + static_cast<int>(k),
                static_cast<int>(level), rows[i].groups[level], styles_.group);
        }
        merge(ws, row, static_cast<int>(rows[i].groups.size()), row, label_cols - 1, rows[i].label,
              styles_.label);
        if (rows[i].label.size() > 60)
          worksheet_set_row(ws, static_cast<lxw_row_t>(row), 32, nullptr);
        for (int j = 0; j < n; ++j) {
          ts.at[{rows[i].key, b.columns[static_cast<std::size_t>(j)].key}] = {row, label_cols + j};
          if (j == n - 1 && last_col_of(j) > label_cols + j)
            spans_[{ts.ws, row, label_cols + j}] = last_col_of(j);
        }
      }
      r = first + static_cast<int>(rows.size());
    }
    ts.next_row = r;
  }

  // Every row printed as a group of columns in one line (table 四): the group headers, the row
  // labels over their columns, the column labels, then one line of values.
  void layout_column_groups(const TableDef& t, TableSheet& ts) {
    lxw_worksheet* ws = ts.ws;
    int width = 0;
    for (const auto& b : t.blocks)
      width = std::max(width, static_cast<int>(b.rows.size() * b.columns.size()));
    ts.width = width;
    worksheet_set_column(ws, 0, static_cast<lxw_col_t>(std::max(0, width - 1)), 10, nullptr);
    int r = 0;
    merge(ws, r, 0, r, width - 1, sheet_title(t), styles_.title);
    worksheet_set_row(ws, 0, 28, nullptr);
    ++r;
    for (const auto& b : t.blocks) {
      if (!b.caption.empty()) {
        merge(ws, r, 0, r, width - 1, b.caption, styles_.caption);
        ++r;
      }
      std::size_t depth = 0;
      for (const auto& row : b.rows)
        depth = std::max(depth, row.groups.size());
      const int n = static_cast<int>(b.columns.size());
      const int groups = static_cast<int>(b.rows.size());
      for (std::size_t level = 0; level < depth; ++level) {
        const int row = r + static_cast<int>(level);
        for_each_group_run(b.rows, level, [&](int first, int last, const std::string& label) {
          merge(ws, row, first * n, row, (last + 1) * n - 1, label, styles_.header);
        });
      }
      const int label_row = r + static_cast<int>(depth);
      for (int g = 0; g < groups; ++g) {
        const auto& row = b.rows[static_cast<std::size_t>(g)];
        merge(ws, r + static_cast<int>(row.groups.size()), g * n, label_row, (g + 1) * n - 1,
              row.label, styles_.header);
        for (int j = 0; j < n; ++j) {
          merge(ws, label_row + 1, g * n + j, label_row + 1, g * n + j,
                b.columns[static_cast<std::size_t>(j)].label, styles_.header);
          ts.at[{row.key, b.columns[static_cast<std::size_t>(j)].key}] = {label_row + 2, g * n + j};
        }
      }
      for (int h = r; h <= label_row + 1; ++h)
        worksheet_set_row(ws, static_cast<lxw_row_t>(h), 30, nullptr);
      r = label_row + 3;
    }
    ts.next_row = r;
  }

  // The totals: an identity whose right side is one cell makes that cell the sum of its left side.
  std::map<Position, std::vector<Position>> total_formulas(const TableDef& t,
                                                           const TableSheet& ts) const {
    std::map<Position, std::vector<Position>> formulas;
    auto depends_on = [&](const Position& from, const Position& target) {
      std::vector<Position> stack{from};
      std::set<Position> seen;
      while (!stack.empty()) {
        Position p = stack.back();
        stack.pop_back();
        if (p == target) return true;
        if (!seen.insert(p).second) continue;
        if (auto it = formulas.find(p); it != formulas.end())
          stack.insert(stack.end(), it->second.begin(), it->second.end());
      }
      return false;
    };
    for (const auto& id : format_.identities) {
      if (id.table != t.key || id.rhs.size() != 1) continue;
      for (const auto& member : members(t, id)) {
        auto target = find(ts, id, member, id.rhs[0]);
        if (!target || formulas.count(*target)) continue;
        std::vector<Position> sources;
        for (const auto& k : id.lhs)
          if (auto p = find(ts, id, member, k)) sources.push_back(*p);
        if (sources.size() != id.lhs.size()) continue;
        bool cycle = std::any_of(sources.begin(), sources.end(),
                                 [&](auto& s) { return depends_on(s, *target); });
        if (!cycle) formulas[*target] = sources;
      }
    }
    return formulas;
  }

  // The rows (over: rows) or columns (over: columns) an identity holds for.
  std::vector<std::string> members(const TableDef& t, const IdentityDef& id) const {
    if (!(id.each.size() == 1 && id.each[0] == "*")) return id.each;
    std::vector<std::string> out;
    for (const auto& b : t.blocks) {
      bool holds = false;
      for (const auto& k : id.lhs) {
        if (id.over == IdentityDef::Over::rows)
          holds = holds || std::any_of(b.columns.begin(), b.columns.end(),
                                       [&](auto& c) { return c.key == k; });
        else
          holds = holds ||
                  std::any_of(b.rows.begin(), b.rows.end(), [&](auto& r) { return r.key == k; });
      }
      if (!holds) continue;
      if (id.over == IdentityDef::Over::rows)
        for (const auto& r : b.rows)
          out.push_back(r.key);
      else
        for (const auto& c : b.columns)
          out.push_back(c.key);
    }
    return out;
  }

  std::optional<Position> find(const TableSheet& ts, const IdentityDef& id,
                               const std::string& member, const std::string& key) const {
    auto k = id.over == IdentityDef::Over::rows ? std::pair{member, key} : std::pair{key, member};
    auto it = ts.at.find(k);
    if (it == ts.at.end()) return std::nullopt;
    return it->second;
  }

  void validate(lxw_worksheet* ws, const Position& p, const ColumnDef& c) {
    lxw_data_validation v{};
    v.ignore_blank = LXW_VALIDATION_ON;
    v.show_error = LXW_VALIDATION_ON;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    std::string formula, message;
    std::string title = "填写提示";
    switch (c.type) {
      case ValueType::count:
        v.validate = LXW_VALIDATION_TYPE_INTEGER;
        v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = 0;
        message = "请填写大于或等于 0 的整数（件）。";
        break;
      case ValueType::signed_count:
        v.validate = LXW_VALIDATION_TYPE_INTEGER;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = -1e9;
        v.maximum_number = 1e9;
        message = "请填写整数；减少时填负数。";
        break;
      case ValueType::money:
        if (c.unit) {
          v.validate = LXW_VALIDATION_TYPE_DECIMAL;
          v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
          v.value_number = 0;
          message = "请填写金额（单位：" + *c.unit + "），可有小数。";
        } else {
          // The format prints no unit: the amount is written with its own ("299.8万元",
          // "251000元").
          const std::string ref = cell_ref(p.first, p.second);
          formula = "=OR(ISNUMBER(" + ref + "),ISNUMBER(--SUBSTITUTE(SUBSTITUTE(" + ref +
                    ",\"万元\",\"\"),\"元\",\"\")))";
          v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
          v.value_formula = formula.data();
          message = "请填写金额并注明单位，如 299.8万元 或 251000元。";
        }
        break;
    }
    v.error_title = title.data();
    v.error_message = message.data();
    v.show_input = LXW_VALIDATION_ON;
    v.input_title = title.data();
    v.input_message = message.data();
    check(worksheet_data_validation_cell(ws, static_cast<lxw_row_t>(p.first),
                                         static_cast<lxw_col_t>(p.second), &v),
          "data_validation");
  }

  void write_value(lxw_worksheet* ws, const Position& p, const Cell& cell, const ColumnDef& c,
                   lxw_format* f) {
    auto row = static_cast<lxw_row_t>(p.first);
    auto col = static_cast<lxw_col_t>(p.second);
    auto text = [&](const std::string& s) {
      check(worksheet_write_string(ws, row, col, s.c_str(), f), "write_string");
    };
    if (cell.state == Cell::State::not_applicable) return text(cell.raw.empty() ? "/" : cell.raw);
    if (cell.state == Cell::State::blank) return;
    if (!cell.raw.empty()) return text(cell.raw);  // as the source wrote it ("３６件")
    const std::string value = cell.value.to_string();
    if (c.type == ValueType::money && cell.unit && cell.unit != c.unit)
      return text(value + *cell.unit);
    // A spreadsheet number holds 15 significant digits; a longer value stays exact as text.
    std::string digits;
    for (char ch : value)
      if (ch >= '0' && ch <= '9') digits += ch;
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    if (digits.size() > 15) return text(value);
    check(worksheet_write_number(ws, row, col, std::stod(value), f), "write_number");
  }

  void write_cells(const TableDef& t, TableSheet& ts) {
    auto formulas =
        blank_template_ ? total_formulas(t, ts) : std::map<Position, std::vector<Position>>{};
    std::set<Position> totals;
    for (const auto& id : format_.identities)
      if (id.table == t.key && id.rhs.size() == 1)
        for (const auto& m : members(t, id))
          if (auto p = find(ts, id, m, id.rhs[0])) totals.insert(*p);
    const Table* table = report_.find_table(t.key);
    for (const auto& b : t.blocks)
      for (const auto& r : b.rows)
        for (const auto& c : b.columns) {
          const Position p = ts.at.at({r.key, c.key});
          auto span = spans_.find({ts.ws, p.first, p.second});
          auto formula = formulas.find(p);
          lxw_format* f = formula != formulas.end() ? styles_.total_formula
                          : totals.count(p)         ? styles_.total_value
                                                    : styles_.input;
          if (span != spans_.end()) merge(ts.ws, p.first, p.second, p.first, span->second, "", f);
          if (formula != formulas.end()) {
            std::string text = "=SUM(" + cell_list(formula->second) + ")";
            check(worksheet_write_formula(ts.ws, static_cast<lxw_row_t>(p.first),
                                          static_cast<lxw_col_t>(p.second), text.c_str(), f),
                  "write_formula");
            continue;
          }
          const TableRow* row = table ? table->find(r.key) : nullptr;
          const Cell* cell = row ? row->find(c.key) : nullptr;
          if (cell)
            write_value(ts.ws, p, *cell, c, f);
          else if (span == spans_.end())
            check(worksheet_write_blank(ts.ws, static_cast<lxw_row_t>(p.first),
                                        static_cast<lxw_col_t>(p.second), f),
                  "write_blank");
          validate(ts.ws, p, c);
        }
    // A relation with several terms on a side (一 + 二 = 三 + 四) is checked, not computed: its
    // cells turn red while it does not hold.
    for (const auto& id : format_.identities) {
      if (id.table != t.key || id.rhs.size() == 1) continue;
      for (const auto& m : members(t, id)) {
        std::vector<Position> lhs, rhs;
        for (const auto& k : id.lhs)
          if (auto p = find(ts, id, m, k)) lhs.push_back(*p);
        for (const auto& k : id.rhs)
          if (auto p = find(ts, id, m, k)) rhs.push_back(*p);
        if (lhs.size() != id.lhs.size() || rhs.size() != id.rhs.size()) continue;
        std::string rule = "=SUM(" + cell_list(lhs, true) + ")<>SUM(" + cell_list(rhs, true) + ")";
        for (const auto& p : rhs) {
          lxw_conditional_format cf{};
          cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
          cf.value_string = rule.data();
          cf.format = styles_.alert;
          check(worksheet_conditional_format_cell(ts.ws, static_cast<lxw_row_t>(p.first),
                                                  static_cast<lxw_col_t>(p.second), &cf),
                "conditional_format");
        }
      }
    }
  }

  void write_note(TableSheet& ts) {
    std::string note =
        blank_template_ ? "黄色单元格填写数字；灰色单元格是合计，由公式自动计算，不必填写。标签与国"
                          "办格式一致，请勿修改。"
                        : "灰色单元格是合计；数字应与各项之和一致。标签与国办格式一致，请勿修改。";
    merge(ts.ws, ts.next_row + 1, 0, ts.next_row + 1, std::max(0, ts.width - 1), note,
          styles_.note);
    worksheet_set_row(ts.ws, static_cast<lxw_row_t>(ts.next_row + 1), 30, nullptr);
  }

  // ---- metadata and prose
  // ------------------------------------------------------------------------

  std::string metadata_value(std::string_view key) const {
    if (key == "format") return report_.format;
    if (key == "agency.name") return report_.agency.name;
    if (key == "agency.region_code") return report_.agency.region_code;
    if (key == "contact.phone") return report_.contact.phone;
    if (key == "contact.address") return report_.contact.address;
    if (key == "contact.postcode") return report_.contact.postcode;
    if (key == "agency.kind")
      for (const auto& k : grid::kAgencyKinds)
        if (k.kind == report_.agency.kind) return std::string(k.label);
    return {};
  }

  void write_metadata() {
    std::string name = sheet_name(std::string(grid::kMetadataSheetName), used_names_);
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) cannot_write("add_worksheet " + name);
    worksheet_set_column(ws, 0, 0, 18, nullptr);
    worksheet_set_column(ws, 1, 1, 60, nullptr);
    merge(ws, 0, 0, 0, 1, format_.name + "（" + format_.basis + "）填报模板", styles_.title);
    worksheet_set_row(ws, 0, 30, nullptr);
    merge(ws, 1, 0, 1, 1,
          "各表按国办格式排列：黄色单元格填写，灰色单元格为合计；“正文”表每行一段。填好后用 "
          "nianbao check 文件.xlsx 检查。",
          styles_.note);
    worksheet_set_row(ws, 1, 32, nullptr);
    int r = 2;
    for (const auto& field : grid::kMetadataFields) {
      const auto row = static_cast<lxw_row_t>(r);
      check(
          worksheet_write_string(ws, row, 0, std::string(field.label).c_str(), styles_.meta_label),
          "write_string");
      lxw_data_validation v{};
      std::vector<std::string> choices;
      std::vector<char*> list;
      std::string message;
      if (field.key == "format") {
        check(worksheet_write_string(ws, row, 1, report_.format.c_str(), styles_.meta_fixed),
              "write_string");
      } else if (field.key == "year") {
        check(worksheet_write_number(ws, row, 1, report_.year, styles_.meta_value), "write_number");
        v.validate = LXW_VALIDATION_TYPE_INTEGER;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = format_.year_from;
        v.maximum_number = format_.year_to.value_or(2100);
        message = "统计年度（不是公开的年份）。";
      } else if (field.key == "published") {
        if (report_.published.size() == 10) {
          lxw_datetime dt{std::stoi(report_.published.substr(0, 4)),
                          std::stoi(report_.published.substr(5, 2)),
                          std::stoi(report_.published.substr(8, 2)),
                          0,
                          0,
                          0};
          check(worksheet_write_datetime(ws, row, 1, &dt, styles_.meta_date), "write_datetime");
        } else {
          check(worksheet_write_blank(ws, row, 1, styles_.meta_date), "write_blank");
        }
        v.validate = LXW_VALIDATION_TYPE_DATE;
        v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN;
        v.value_datetime = {1990, 1, 1, 0, 0, 0};
        message = "报告公开的日期，如 2025-01-20。";
      } else if (field.key == "agency.kind") {
        for (const auto& k : grid::kAgencyKinds)
          choices.emplace_back(k.label);
        for (auto& c : choices)
          list.push_back(c.data());
        list.push_back(nullptr);
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = list.data();
        message = "从列表中选择。";
        std::string value = metadata_value(field.key);
        check(worksheet_write_string(ws, row, 1, value.c_str(), styles_.meta_value),
              "write_string");
      } else {
        std::string value = metadata_value(field.key);
        check(worksheet_write_string(ws, row, 1, value.c_str(), styles_.meta_value),
              "write_string");
      }
      if (v.validate) {
        std::string title = std::string(field.label);
        v.ignore_blank = LXW_VALIDATION_ON;
        v.show_error = LXW_VALIDATION_ON;
        v.show_input = LXW_VALIDATION_ON;
        v.input_title = title.data();
        v.input_message = message.data();
        v.error_title = title.data();
        v.error_message = message.data();
        check(worksheet_data_validation_cell(ws, row, 1, &v), "data_validation");
      }
      ++r;
    }
    lxw_protection protection{};
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(ws, nullptr, &protection);
    worksheet_activate(ws);
    print_setup(ws, false);
  }

  void write_prose() {
    std::string name = sheet_name(std::string(grid::kProseSheetName), used_names_);
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) cannot_write("add_worksheet " + name);
    worksheet_set_column(ws, 0, 0, 36, nullptr);
    worksheet_set_column(ws, 1, 1, 100, nullptr);
    check(worksheet_write_string(ws, 0, 0, std::string(grid::kProseSectionHeader).c_str(),
                                 styles_.prose_head),
          "write_string");
    check(worksheet_write_string(ws, 0, 1, std::string(grid::kProseParagraphHeader).c_str(),
                                 styles_.prose_head),
          "write_string");
    int r = 1;
    for (const auto& s : format_.sections) {
      const std::string heading = s.heading.empty() ? std::string(grid::kPreambleLabel) : s.heading;
      const Section* section = report_.find_section(s.key);
      std::vector<std::string> paragraphs;
      if (section)
        for (const auto& p : section->paragraphs)
          paragraphs.push_back(p.text);
      if (paragraphs.empty()) paragraphs.emplace_back();  // a row to write in
      for (const auto& p : paragraphs) {
        const auto row = static_cast<lxw_row_t>(r++);
        check(worksheet_write_string(ws, row, 0, heading.c_str(), styles_.prose_section),
              "write_string");
        if (p.empty())
          check(worksheet_write_blank(ws, row, 1, styles_.prose_text), "write_blank");
        else
          check(worksheet_write_string(ws, row, 1, p.c_str(), styles_.prose_text), "write_string");
      }
    }
    merge(ws, r + 1, 0, r + 1, 1,
          "每行一段：A 列写部分标题（同一部分可只在第一行写），B 列写段落。可插入行。",
          styles_.note);
    print_setup(ws, false);
  }

  lxw_workbook* wb_;
  const Report& report_;
  const FormatDefinition& format_;
  Styles styles_;
  bool blank_template_ = true;
  std::set<std::string> used_names_;
  // Data cells merged across the rest of a narrower block: (sheet, row, col) → last column.
  std::map<std::tuple<lxw_worksheet*, int, int>, int> spans_;
};

// libxlsxwriter writes to a file: a private temporary directory, removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/nianbao-xlsx-XXXXXX";
    if (!mkdtemp(pattern.data())) cannot_write("mkdtemp " + pattern + ": " + std::strerror(errno));
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class XlsxTemplateExporter final : public Exporter {
 public:
  std::string id() const override { return "xlsx-template"; }
  std::string description() const override {
    return "XLSX fill-in template of the format's tables (with the report's values, if any)";
  }
  std::vector<std::string> extensions() const override { return {".xlsx"}; }

  std::string write(const Report& report, const ExportContext& context) const override {
    TemporaryDirectory dir;
    const std::string file = dir.path() + "/template.xlsx";
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = const_cast<char*>(dir.path().c_str());
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
    if (!wb) cannot_write("workbook_new " + file);
    try {
      lxw_doc_properties properties{};
      std::string title = context.format.name + " 填报模板 " + context.format.id + " " +
                          std::to_string(report.year);
      properties.title = title.data();
      workbook_set_properties(wb, &properties);
      Writer(wb, report, context.format).write();
    } catch (...) {
      workbook_close(wb);  // frees it; the file is removed with the directory
      throw;
    }
    check(workbook_close(wb), "workbook_close");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) cannot_write("read " + file);
    return bytes.str();
  }
};

void register_components(Registry& registry) {
  registry.add_exporter(std::make_unique<XlsxTemplateExporter>());
  registry.add_rule({kCannotWrite,
                     Severity::error,
                     "无法写出 XLSX 文件",
                     "the XLSX file cannot be written",
                     "nianbao output",
                     {},
                     true});
  registry.add_message({"xlsx-template.cannot_write", "无法写出 XLSX 文件：{detail}",
                        "the XLSX file cannot be written: {detail}"});
}

}  // namespace

NIANBAO_PLUGIN("xlsx-template", "1.0.0", register_components)
