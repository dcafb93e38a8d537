#include "table_sheet.h"

#include <algorithm>
#include <functional>

namespace nianbao::xlsx_template {

void TableSheetWriter::write_table(const TableDef& t) {
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
void TableSheetWriter::layout_grid(const TableDef& t, TableSheet& ts) {
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
void TableSheetWriter::layout_column_groups(const TableDef& t, TableSheet& ts) {
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
std::map<Position, std::vector<Position>> TableSheetWriter::total_formulas(
    const TableDef& t, const TableSheet& ts) const {
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
std::vector<std::string> TableSheetWriter::members(const TableDef& t, const IdentityDef& id) const {
  std::vector<std::string> out;
  for (const auto& in : identity_instances(id, t))
    out.emplace_back(in.member);
  return out;
}

std::optional<Position> TableSheetWriter::find(const TableSheet& ts, const IdentityDef& id,
                                               const std::string& member,
                                               const std::string& key) const {
  auto k = id.over == IdentityDef::Over::rows ? std::pair{member, key} : std::pair{key, member};
  auto it = ts.at.find(k);
  if (it == ts.at.end()) return std::nullopt;
  return it->second;
}

void TableSheetWriter::validate(const Position& p, const ColumnDef& c) {
  // A money column without a unit takes the amount with its own unit; with one, the unit is part
  // of the message.
  std::string unit = c.type == ValueType::money ? (c.unit ? "u:" + *c.unit : "-") : "";
  auto& group = validations_[{static_cast<int>(c.type), unit}];
  if (!group.first) group.first = &c;
  group.second.insert(p);
}

// The cells of each rule as rectangles: runs of adjacent cells in a row, then runs of rows with
// the same columns joined. The rule's formula (money without a unit) names the rectangle's first
// cell, which spreadsheet programs shift to each cell of the range.
void TableSheetWriter::write_validations(lxw_worksheet* ws) {
  for (const auto& [rule, group] : validations_) {
    struct Run {
      int row, first_col, last_col;
    };
    std::vector<Run> runs;  // by row, then column (the set's order)
    for (const auto& [row, col] : group.second) {
      if (!runs.empty() && runs.back().row == row && runs.back().last_col + 1 == col)
        ++runs.back().last_col;
      else
        runs.push_back({row, col, col});
    }
    struct Rect {
      int first_row, last_row, first_col, last_col;
    };
    std::vector<Rect> rects;
    for (const auto& run : runs) {
      auto below = std::find_if(rects.begin(), rects.end(), [&](const Rect& r) {
        return r.last_row + 1 == run.row && r.first_col == run.first_col &&
               r.last_col == run.last_col;
      });
      if (below != rects.end())
        below->last_row = run.row;
      else
        rects.push_back({run.row, run.row, run.first_col, run.last_col});
    }
    for (const auto& r : rects)
      write_validation(ws, {r.first_row, r.first_col}, {r.last_row, r.last_col}, *group.first);
  }
  validations_.clear();
}

void TableSheetWriter::write_validation(lxw_worksheet* ws, const Position& p, const Position& last,
                                        const ColumnDef& c) {
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
  check(worksheet_data_validation_range(
            ws, static_cast<lxw_row_t>(p.first), static_cast<lxw_col_t>(p.second),
            static_cast<lxw_row_t>(last.first), static_cast<lxw_col_t>(last.second), &v),
        "data_validation");
}

void TableSheetWriter::write_value(lxw_worksheet* ws, const Position& p, const Cell& cell,
                                   const ColumnDef& c, lxw_format* f) {
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

void TableSheetWriter::write_cells(const TableDef& t, TableSheet& ts) {
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
        validate(p, c);
      }
  write_validations(ts.ws);
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

void TableSheetWriter::write_note(TableSheet& ts) {
  std::string note =
      blank_template_ ? "黄色单元格填写数字；灰色单元格是合计，由公式自动计算，不必填写。标签与国"
                        "办格式一致，请勿修改。"
                      : "灰色单元格是合计；数字应与各项之和一致。标签与国办格式一致，请勿修改。";
  merge(ts.ws, ts.next_row + 1, 0, ts.next_row + 1, std::max(0, ts.width - 1), note, styles_.note);
  worksheet_set_row(ts.ws, static_cast<lxw_row_t>(ts.next_row + 1), 30, nullptr);
}

}  // namespace nianbao::xlsx_template
