// The printed form of a report (see print_layout.h). Everything here follows the format
// definition: a new format with other blocks, groups or layouts prints without a code change.
#include "print_layout.h"

#include <nianbao/text.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace nianbao::print {

namespace {

constexpr std::string_view kReportName = "政府信息公开工作年度报告";
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Width hints, in ems of the table font. A group-label column holds labels such as
// "三、本年度办理结果" in about three lines; a value column is at least two characters wide so a
// header like 结果维持 breaks into two lines of two, and at most four before its label wraps.
constexpr double kMinValueEm = 2.0;
constexpr double kMaxValueHeaderEm = 4.0;
constexpr double kMinGroupEm = 2.0;
constexpr double kMaxGroupEm = 4.5;
constexpr double kMinRowLabelEm = 6.0;
constexpr double kMaxRowLabelEm = 16.0;
// Borders and rounding take a little of every cell: without this allowance a column meant for two
// characters a line breaks after one.
constexpr double kAllowanceEm = 0.3;
// A sub-heading that runs into its paragraph ("（四）持续优化平台建设。全部完成…") is short; a
// longer opening sentence is prose that happens to start with a number.
constexpr std::size_t kMaxRunInHeadingChars = 40;

// "（一）", "（十二）", "(三)": the numbering of a second-level heading (GB/T 9704 楷体 level).
std::size_t subheading_number_length(std::string_view s) {
  static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五",
                                                   "六", "七", "八", "九", "十"};
  std::size_t i = 0;
  if (s.starts_with("（"))
    i = std::string_view("（").size();
  else if (s.starts_with("("))
    i = 1;
  else
    return 0;
  std::size_t numerals = 0;
  for (bool found = true; found && numerals < 3;) {
    found = false;
    for (std::string_view n : kNumerals)
      if (s.substr(i).starts_with(n)) {
        i += n.size();
        ++numerals;
        found = true;
        break;
      }
  }
  if (numerals == 0) return 0;
  if (s.substr(i).starts_with("）")) return i + std::string_view("）").size();
  if (s.substr(i).starts_with(")")) return i + 1;
  return 0;
}

Paragraph classify(std::string_view raw) {
  const std::string cleaned = clean_text(raw);
  // Leading and trailing spaces, including the ideographic space U+3000 that reports typed in
  // Word use as a manual indent (the layout indents paragraphs itself).
  const std::string_view text = nianbao::trim_white_space(cleaned);
  Paragraph p;
  p.kind = Paragraph::Kind::body;
  p.text = std::string(text);
  if (subheading_number_length(text) == 0) return p;
  // The heading ends at the first full stop or colon: "（一）主动公开情况。…",
  // "（一）存在的主要问题：…".
  std::size_t end = std::string_view::npos;
  for (std::string_view stop : {"。", "：", ":"}) {
    const std::size_t at = text.find(stop);
    if (at != std::string_view::npos && (end == std::string_view::npos || at + stop.size() < end))
      end = at + stop.size();
  }
  if (end == std::string_view::npos) {
    if (utf8_length(text) <= kMaxRunInHeadingChars) p.kind = Paragraph::Kind::subheading;
    return p;
  }
  const std::string_view lead = text.substr(0, end);
  if (utf8_length(lead) > kMaxRunInHeadingChars) return p;
  if (lead.size() == text.size()) {
    p.kind = Paragraph::Kind::subheading;
    return p;
  }
  p.lead = std::string(lead);
  p.text = std::string(text.substr(lead.size()));
  return p;
}

bool same_prefix(const std::vector<std::string>& a, const std::vector<std::string>& b,
                 std::size_t through) {
  if (a.size() <= through || b.size() <= through) return false;
  return std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(through) + 1, b.begin());
}

// A column of the printed header: the labels above it from the top (a column caption, groups,
// the label) and the one label that stretches down when the column has fewer levels than others.
struct HeaderLeaf {
  std::vector<std::string> path;
  std::size_t stretch = 0;
  int column = 0;
  int span = 1;

  int first_level(std::size_t element, int levels) const {
    const int extra = levels - static_cast<int>(path.size());
    return static_cast<int>(element) + (element <= stretch ? 0 : extra);
  }
  int last_level(std::size_t element, int levels) const {
    const int extra = levels - static_cast<int>(path.size());
    return static_cast<int>(element) + (element < stretch ? 0 : extra);
  }
  // The element printed starting at `level`, or -1 when a stretched label above covers it.
  int element_at(int level, int levels) const {
    for (std::size_t e = 0; e < path.size(); ++e)
      if (first_level(e, levels) == level) return static_cast<int>(e);
    return -1;
  }
};

// Emits the header rows of a block: one row per level; a group label is merged across the
// adjacent columns that share it (and everything above it), a label that stretches is merged
// down over the levels its column lacks.
void emit_header(const std::vector<HeaderLeaf>& leaves, int first_row, int levels, Table& table) {
  for (int level = 0; level < levels; ++level) {
    for (std::size_t j = 0; j < leaves.size();) {
      const HeaderLeaf& leaf = leaves[j];
      const int element = leaf.element_at(level, levels);
      if (element < 0) {
        ++j;
        continue;
      }
      const auto e = static_cast<std::size_t>(element);
      const bool is_leaf = e + 1 == leaf.path.size();
      const int last = leaf.last_level(e, levels);
      int span = leaf.span;
      std::size_t k = j + 1;
      if (!is_leaf) {
        for (; k < leaves.size(); ++k) {
          const HeaderLeaf& other = leaves[k];
          if (e + 1 >= other.path.size()) break;
          if (other.first_level(e, levels) != level || other.last_level(e, levels) != last) break;
          if (!same_prefix(leaf.path, other.path, e)) break;
          span += other.span;
        }
      }
      TableCell cell;
      cell.kind = TableCell::Kind::column_header;
      cell.text = leaf.path[e];
      cell.row = first_row + level;
      cell.column = leaf.column;
      cell.row_span = last - level + 1;
      cell.column_span = span;
      cell.spans_columns = !is_leaf;
      table.cells.push_back(std::move(cell));
      j = k;
    }
  }
}

double value_header_width(std::string_view label) {
  return std::clamp(std::ceil(text_width_em(label) / 2.0), kMinValueEm, kMaxValueHeaderEm);
}

// The value columns of a block: leaf j at its grid column; when the block has fewer columns than
// the table, its last column spans the rest (as the official templates print table 二's （八）).
void place_leaves(std::vector<HeaderLeaf>& leaves, int first_column, int value_columns) {
  for (std::size_t j = 0; j < leaves.size(); ++j) {
    leaves[j].column = first_column + static_cast<int>(j);
    leaves[j].span = j + 1 == leaves.size() ? value_columns - static_cast<int>(j) : 1;
  }
}

int header_levels(const std::vector<HeaderLeaf>& leaves) {
  std::size_t levels = 1;
  for (const auto& leaf : leaves)
    levels = std::max(levels, leaf.path.size());
  return static_cast<int>(levels);
}

void want_width(Table& table, int column, double em) {
  auto& w = table.desired_width_em[static_cast<std::size_t>(column)];
  w = std::max(w, em);
}

TableCell value_cell(const Report& report, const TableDef& def, const RowDef& row,
                     const ColumnDef& column, int grid_row, const HeaderLeaf& leaf) {
  TableCell cell;
  cell.kind = TableCell::Kind::value;
  cell.text = cell_text(report.find_cell(def.key, row.key, column.key), column);
  cell.row = grid_row;
  cell.column = leaf.column;
  cell.column_span = leaf.span;
  cell.row_key = row.key;
  cell.column_key = column.key;
  return cell;
}

TableCell block_caption(const std::string& caption, int row, int columns) {
  TableCell cell;
  cell.kind = TableCell::Kind::block_caption;
  cell.text = caption;
  cell.row = row;
  cell.column_span = columns;
  return cell;
}

TableCell corner(const std::string& text, int row, int row_span, int column_span) {
  TableCell cell;
  cell.kind = TableCell::Kind::corner;
  cell.text = text;
  cell.row = row;
  cell.row_span = row_span;
  cell.column_span = column_span;
  return cell;
}

// Rows printed as rows (tables 二 and 三): row groups and the row label in the leading columns,
// one value column per format column.
Table lay_out_grid(const TableDef& def, const Report& report) {
  Table table;
  table.key = def.key;
  table.label = def.label;
  std::size_t label_columns = 1;
  std::size_t value_columns = 1;
  for (const auto& block : def.blocks) {
    value_columns = std::max(value_columns, block.columns.size());
    for (const auto& row : block.rows)
      label_columns = std::max(label_columns, row.groups.size() + 1);
  }
  const int labels = static_cast<int>(label_columns);
  const int values = static_cast<int>(value_columns);
  table.label_columns = labels;
  table.columns = labels + values;
  table.flexible_column = labels - 1;
  table.desired_width_em.assign(static_cast<std::size_t>(table.columns), 0.0);
  for (int c = labels; c < table.columns; ++c)
    table.desired_width_em[c] = kMinValueEm;

  int row = 0;
  for (std::size_t b = 0; b < def.blocks.size(); ++b) {
    const BlockDef& block = def.blocks[b];
    const int block_index = static_cast<int>(b);
    if (!block.caption.empty()) {
      table.cells.push_back(block_caption(block.caption, row, table.columns));
      table.rows.push_back({true, block_index});
      ++row;
    }
    std::vector<HeaderLeaf> leaves;
    for (const auto& column : block.columns) {
      HeaderLeaf leaf;
      if (!block.column_caption.empty()) leaf.path.push_back(block.column_caption);
      leaf.path.insert(leaf.path.end(), column.groups.begin(), column.groups.end());
      leaf.path.push_back(column.label);
      leaf.stretch = leaf.path.size() - 1;
      leaves.push_back(std::move(leaf));
    }
    place_leaves(leaves, labels, values);
    const int levels = header_levels(leaves);
    table.cells.push_back(corner(block.corner, row, levels, labels));
    emit_header(leaves, row, levels, table);
    for (int i = 0; i < levels; ++i)
      table.rows.push_back({true, block_index});
    if (b == 0 && block.caption.empty()) table.repeat_header_rows = levels;
    row += levels;
    for (const auto& leaf : leaves)
      if (leaf.span == 1) want_width(table, leaf.column, value_header_width(leaf.path.back()));

    for (std::size_t i = 0; i < block.rows.size(); ++i) {
      const RowDef& r = block.rows[i];
      for (std::size_t g = 0; g < r.groups.size(); ++g) {
        if (i > 0 && same_prefix(block.rows[i - 1].groups, r.groups, g)) continue;
        std::size_t end = i + 1;
        while (end < block.rows.size() && same_prefix(block.rows[end].groups, r.groups, g))
          ++end;
        TableCell group;
        group.kind = TableCell::Kind::row_group;
        group.text = r.groups[g];
        group.row = row;
        group.column = static_cast<int>(g);
        group.row_span = static_cast<int>(end - i);
        table.cells.push_back(std::move(group));
        want_width(
            table, static_cast<int>(g),
            std::clamp(std::ceil(text_width_em(r.groups[g]) / 3.0), kMinGroupEm, kMaxGroupEm));
      }
      TableCell label;
      label.kind = TableCell::Kind::row_label;
      label.text = r.label;
      label.row = row;
      label.column = static_cast<int>(r.groups.size());
      label.column_span = labels - label.column;
      label.row_key = r.key;
      table.cells.push_back(std::move(label));
      for (std::size_t j = 0; j < block.columns.size(); ++j) {
        TableCell cell = value_cell(report, def, r, block.columns[j], row, leaves[j]);
        if (cell.column_span == 1) want_width(table, cell.column, text_width_em(cell.text));
        table.cells.push_back(std::move(cell));
      }
      table.rows.push_back({false, block_index});
      ++row;
    }
  }
  return table;
}

// Every row printed as a group of columns in one line (table 四): the row's groups and label
// become header levels above the columns, and the values make a single line of numbers.
Table lay_out_row_groups(const TableDef& def, const Report& report) {
  Table table;
  table.key = def.key;
  table.label = def.label;
  bool has_corner = false;
  std::size_t value_columns = 1;
  for (const auto& block : def.blocks) {
    has_corner = has_corner || !block.corner.empty();
    value_columns = std::max(value_columns, block.rows.size() * block.columns.size());
  }
  const int labels = has_corner ? 1 : 0;
  const int values = static_cast<int>(value_columns);
  table.label_columns = labels;
  table.columns = labels + values;
  table.flexible_column = has_corner ? 0 : -1;
  table.desired_width_em.assign(static_cast<std::size_t>(table.columns), 0.0);
  for (int c = labels; c < table.columns; ++c)
    table.desired_width_em[c] = kMinValueEm;

  int row = 0;
  for (std::size_t b = 0; b < def.blocks.size(); ++b) {
    const BlockDef& block = def.blocks[b];
    const int block_index = static_cast<int>(b);
    if (!block.caption.empty()) {
      table.cells.push_back(block_caption(block.caption, row, table.columns));
      table.rows.push_back({true, block_index});
      ++row;
    }
    std::vector<HeaderLeaf> leaves;
    std::vector<std::pair<const RowDef*, const ColumnDef*>> cells;
    for (const auto& r : block.rows)
      for (const auto& column : block.columns) {
        HeaderLeaf leaf;
        if (!block.column_caption.empty()) leaf.path.push_back(block.column_caption);
        leaf.path.insert(leaf.path.end(), r.groups.begin(), r.groups.end());
        leaf.stretch = leaf.path.size();
        leaf.path.push_back(r.label);
        leaf.path.push_back(column.label);
        leaves.push_back(std::move(leaf));
        cells.emplace_back(&r, &column);
      }
    place_leaves(leaves, labels, values);
    const int levels = header_levels(leaves);
    if (has_corner) table.cells.push_back(corner(block.corner, row, levels, labels));
    emit_header(leaves, row, levels, table);
    for (int i = 0; i < levels; ++i)
      table.rows.push_back({true, block_index});
    if (b == 0 && block.caption.empty()) table.repeat_header_rows = levels;
    row += levels;
    for (const auto& leaf : leaves)
      if (leaf.span == 1) want_width(table, leaf.column, value_header_width(leaf.path.back()));

    if (has_corner) {
      TableCell label;
      label.kind = TableCell::Kind::row_label;
      label.row = row;
      label.column_span = labels;
      table.cells.push_back(std::move(label));
    }
    for (std::size_t j = 0; j < leaves.size(); ++j) {
      TableCell cell = value_cell(report, def, *cells[j].first, *cells[j].second, row, leaves[j]);
      if (cell.column_span == 1) want_width(table, cell.column, text_width_em(cell.text));
      table.cells.push_back(std::move(cell));
    }
    table.rows.push_back({false, block_index});
    ++row;
  }
  return table;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const DecodedChar c = decode_utf8_at(text, i);
    if (c.length == 0) {
      out += kReplacementCharacter;
      i += 1;
      continue;
    }
    const bool control = (c.code_point < 0x20 && c.code_point != '\t' && c.code_point != '\n') ||
                         c.code_point == 0xFFFE || c.code_point == 0xFFFF;
    if (!control) out.append(text.substr(i, c.length));
    i += c.length;
  }
  return out;
}

double text_width_em(std::string_view text) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    const DecodedChar c = decode_utf8_at(text, i);
    em += c.length && c.code_point >= 0x2E80 ? 1.0 : 0.55;
    i += c.length ? c.length : 1;
  }
  return em;
}

std::string chinese_date(std::string_view iso_date) {
  // YYYY-MM-DD, digits only.
  if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-') return {};
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p)
    for (std::size_t k = 0; k < lengths[p]; ++k) {
      const char ch = iso_date[starts[p] + k];
      if (ch < '0' || ch > '9') return {};
      parts[p] = parts[p] * 10 + (ch - '0');
    }
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) return {};
  return std::to_string(parts[0]) + "年" + std::to_string(parts[1]) + "月" +
         std::to_string(parts[2]) + "日";
}

std::string cell_text(const Cell* cell, const ColumnDef& column) {
  if (!cell) return {};
  switch (cell->state) {
    case Cell::State::blank:
      return {};
    case Cell::State::not_applicable:
      return cell->raw.empty() ? std::string("/") : clean_text(cell->raw);
    case Cell::State::number:
      break;
  }
  if (!cell->raw.empty()) return clean_text(cell->raw);
  std::string text = cell->value.to_string();
  // The unit is printed unless the column's label already names it (本年收费金额（单位：万元）).
  const bool unit_in_label = column.unit && cell->unit && *column.unit == *cell->unit;
  if (column.type == ValueType::money && cell->unit && !unit_in_label)
    text += clean_text(*cell->unit);
  return text;
}

Table lay_out_table(const TableDef& table, const Report& report) {
  return table.layout == TableLayout::rows_as_column_groups ? lay_out_row_groups(table, report)
                                                            : lay_out_grid(table, report);
}

std::vector<double> fit_column_widths(const Table& table, double available_em, double padding_em) {
  const std::size_t n = table.desired_width_em.size();
  std::vector<double> widths(n);
  for (std::size_t c = 0; c < n; ++c)
    widths[c] = table.desired_width_em[c] + padding_em + kAllowanceEm;
  if (n == 0) return widths;
  const auto value_begin = static_cast<std::size_t>(table.label_columns);
  if (table.flexible_column >= 0) {
    const auto flex = static_cast<std::size_t>(table.flexible_column);
    double fixed = 0;
    for (std::size_t c = 0; c < n; ++c)
      if (c != flex) fixed += widths[c];
    double flexible = available_em - fixed;
    const double min_flexible = kMinRowLabelEm + padding_em + kAllowanceEm;
    const double max_flexible =
        std::max(kMaxRowLabelEm, table.desired_width_em[flex]) + padding_em + kAllowanceEm;
    if (flexible > max_flexible && value_begin < n) {
      const double share = (flexible - max_flexible) / static_cast<double>(n - value_begin);
      for (std::size_t c = value_begin; c < n; ++c)
        widths[c] += share;
      flexible = max_flexible;
    } else if (flexible < min_flexible && fixed > 0) {
      // Too many columns for the page: the others give up width in proportion.
      const double scale = std::max(0.0, available_em - min_flexible) / fixed;
      for (std::size_t c = 0; c < n; ++c)
        if (c != flex) widths[c] *= scale;
      flexible = min_flexible;
    }
    widths[flex] = std::max(0.0, flexible);
  }
  double total = 0;
  for (double w : widths)
    total += w;
  if (total > 0)
    for (double& w : widths)
      w *= available_em / total;
  return widths;
}

Document lay_out(const Report& report, const FormatDefinition& format) {
  Document doc;
  if (!report.agency.name.empty()) doc.title_lines.push_back(clean_text(report.agency.name));
  doc.title_lines.push_back((report.year > 0 ? std::to_string(report.year) + "年" : std::string()) +
                            std::string(kReportName));

  auto add_paragraphs = [&](const Section& section) {
    for (const auto& paragraph : section.paragraphs) {
      Paragraph p = classify(paragraph.text);
      if (!p.text.empty() || !p.lead.empty()) doc.blocks.emplace_back(std::move(p));
    }
  };
  for (const auto& section : format.sections) {
    if (!section.heading.empty())
      doc.blocks.emplace_back(Paragraph{Paragraph::Kind::heading, {}, section.heading});
    if (const Section* s = report.find_section(section.key)) add_paragraphs(*s);
    for (const auto& table : format.tables)
      if (table.section == section.key) doc.blocks.emplace_back(lay_out_table(table, report));
  }
  // Sections the format does not know are printed rather than lost, after the known ones.
  for (const auto& section : report.sections)
    if (!format.find_section(section.key)) add_paragraphs(section);

  // GB/T 9704 7.3.5.1: the date four characters from the right edge, the agency's name centred
  // over it.
  const std::string date = chinese_date(report.published);
  if (!date.empty()) {
    constexpr double kDateIndentEm = 4.0;
    if (!report.agency.name.empty()) {
      Paragraph agency{Paragraph::Kind::signature, {}, clean_text(report.agency.name)};
      agency.right_indent_em =
          std::max(0.0, kDateIndentEm + (text_width_em(date) - text_width_em(agency.text)) / 2.0);
      doc.blocks.emplace_back(std::move(agency));
    }
    Paragraph dated{Paragraph::Kind::signature, {}, date};
    dated.right_indent_em = kDateIndentEm;
    doc.blocks.emplace_back(std::move(dated));
  }
  return doc;
}

}  // namespace nianbao::print
