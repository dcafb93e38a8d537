#include "workbook.h"

#include <algorithm>

#include "grid/sheet.h"

namespace nianbao::xlsx_template {

namespace {
// Colours: header cells blue-grey, cells to fill in pale yellow, totals grey.
constexpr lxw_color_t kHeaderColor = 0xDDEBF7;
constexpr lxw_color_t kInputColor = 0xFFF9E1;
constexpr lxw_color_t kTotalColor = 0xD9D9D9;
constexpr lxw_color_t kCaptionColor = 0xF2F2F2;
constexpr lxw_color_t kAlertColor = 0xF8CBAD;

lxw_format* bordered(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f);
  return f;
}

}  // namespace

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

std::string cell_ref(int row, int col, bool absolute) {
  const std::string name = grid::column_name(col);
  return (absolute ? "$" : "") + name + (absolute ? "$" : "") + std::to_string(row + 1);
}

std::string cell_list(std::vector<Position> cells, bool absolute) {
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

std::string heading_numeral(const std::string& heading) {
  auto mark = heading.find("、");
  return mark == std::string::npos || mark == 0 || mark > 12 ? std::string()
                                                             : heading.substr(0, mark);
}

void print_setup(lxw_worksheet* ws, bool landscape) {
  worksheet_set_paper(ws, 9);  // A4
  if (landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_center_horizontally(ws);
}

std::string sheet_name(std::string wanted, std::set<std::string>& used) {
  for (char& c : wanted)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  std::string name = wanted;
  for (int n = 2; used.count(name); ++n)
    name = wanted + " " + std::to_string(n);
  used.insert(name);
  return name;
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
                              static_cast<lxw_row_t>(r2), static_cast<lxw_col_t>(c2), text.c_str(),
                              f),
        "merge_range");
}

Workbook::Workbook(lxw_workbook* wb, const Report& report, const FormatDefinition& format)
    : wb(wb), report(report), format(format), styles(make_styles(wb)) {
  for (const auto& t : report.tables)
    if (!t.rows.empty()) blank_template = false;
}

}  // namespace nianbao::xlsx_template
