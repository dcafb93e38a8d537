#include "layout.h"

#include <nianbao/limits.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "reconstruct.h"
#include "template_labels.h"
#include "text.h"

namespace nianbao::grid {
namespace {

// Column headers are looked for in the rows just above a block's first row: table 三 has three
// header rows, and a caption or title may stand between.
constexpr int kHeaderWindow = 6;
// A data row of a table printed as column groups (table 四) lies within this many rows of its
// column headers.
constexpr int kDataRowWindow = 3;
// Texts longer than this (in characters) are prose, not labels.
constexpr std::size_t kMaxLabelLength = 120;
// Matching takes time in proportion to the labels it looks at: a sheet holding more text cells
// than this is not a report table, and only its first ones are considered; all sheets together
// offer at most kMaxLabelsInAll (which keeps a large workbook to well under a second).
constexpr std::size_t kMaxLabelsPerSheet = 20000;
constexpr std::size_t kMaxLabelsInAll = 100000;

struct LabelCell {
  int row = 0, col = 0, last_row = 0, last_col = 0;
  std::string text;
  PreparedLabel label;
};

struct SheetIndex {
  const Sheet* sheet = nullptr;
  std::size_t index = 0;
  std::vector<LabelCell> labels;  // in reading order: by row, then column
};

SheetIndex index_sheet(const Sheet& sheet, std::size_t index, std::size_t& budget) {
  SheetIndex out;
  out.sheet = &sheet;
  out.index = index;
  for (const auto& [pos, cell] : sheet.cells()) {
    if (cell.kind != GridCell::Kind::text) continue;
    const auto [row, col] = pos;
    const Range* merge = sheet.merge_at(row, col);
    if (merge && (merge->first_row != row || merge->first_col != col)) continue;
    std::string text = trim(cell.text);
    if (text.empty() || utf8_length(text) > kMaxLabelLength) continue;
    PreparedLabel label = prepare_label(text);
    // A number stored as text is a value, not a label.
    bool numeric = std::all_of(label.full.begin(), label.full.end(), [](char32_t ch) {
      return (ch >= U'0' && ch <= U'9') || ch == U'.' || ch == U'-' || ch == U'+' || ch == U'e';
    });
    if (numeric && parse_stored_number(encode_utf8(label.full))) continue;
    out.labels.push_back({row, col, merge ? merge->last_row : row, merge ? merge->last_col : col,
                          std::move(text), std::move(label)});
    if (out.labels.size() >= kMaxLabelsPerSheet || --budget == 0) break;
  }
  return out;
}

}  // namespace

// The printed forms of a row or column of the format: its label and aliases, prepared once.
struct PreparedDef {
  std::vector<PreparedLabel> forms;
};

class FormatLabels {
 public:
  explicit FormatLabels(const FormatDefinition& f) {
    for (const auto& t : f.tables)
      for (const auto& b : t.blocks) {
        for (const auto& r : b.rows)
          rows_[&r] = prepare(r.label, r.aliases);
        for (const auto& c : b.columns)
          columns_[&c] = prepare(c.label, c.aliases);
      }
  }
  const PreparedDef& row(const RowDef& r) const { return rows_.at(&r); }
  const PreparedDef& column(const ColumnDef& c) const { return columns_.at(&c); }

 private:
  static PreparedDef prepare(const std::string& label, const std::vector<std::string>& aliases) {
    PreparedDef d;
    d.forms.push_back(prepare_label(label));
    for (const auto& a : aliases)
      d.forms.push_back(prepare_label(a));
    return d;
  }
  std::map<const RowDef*, PreparedDef> rows_;
  std::map<const ColumnDef*, PreparedDef> columns_;
};

LabelCache::LabelCache() = default;
LabelCache::~LabelCache() = default;

const FormatLabels& LabelCache::of(const FormatDefinition& format) {
  std::lock_guard lock(mutex_);
  auto& labels = formats_[&format];
  if (!labels) labels = std::make_unique<const FormatLabels>(format);
  return *labels;
}

namespace {

int match_def(const LabelCell& cell, const PreparedDef& def) {
  int best = 0;
  for (const auto& form : def.forms)
    best = std::max(best, match_prepared(cell.label, form));
  return best;
}

// Where one cell of the report sits in the sheet.
struct DataCell {
  const RowDef* row = nullptr;
  const ColumnDef* column = nullptr;
  int r = 0, c = 0;
  std::optional<std::string> header_unit;
};

// Values printed run together in a document's flow of text (GridCell::run): the tokens, and the
// cells of the format they hold, in reading order. Split by the table's sums once the format is
// chosen (reconstruct.h).
struct RunGroup {
  std::vector<std::pair<int, int>> tokens;
  std::vector<std::pair<const RowDef*, const ColumnDef*>> cells;
};

struct TableMatch {
  const TableDef* table = nullptr;
  std::size_t sheet = 0;
  int score = 0;
  bool found = false;
  int rows_matched = 0, rows_total = 0;
  std::vector<DataCell> cells;
  std::vector<RunGroup> runs;
  int first_row = INT_MAX, first_col = INT_MAX;  // the first label found, for messages
  // A block whose rows were found by their labels but which has no column header and whose cells
  // cannot be placed by position (value_columns): the first such row, and the cell counts seen.
  struct Unplaced {
    const RowDef* row = nullptr;
    int r = 0, c = 0;
    std::size_t width = 0;  // the block's columns in the format
    std::string cells;      // the counts of cells right of the labels the rows have: "7, 8"
  };
  std::optional<Unplaced> unplaced;
};

void note_position(TableMatch& m, const LabelCell& cell) {
  if (cell.row < m.first_row || (cell.row == m.first_row && cell.col < m.first_col)) {
    m.first_row = cell.row;
    m.first_col = cell.col;
  }
}

// The columns that start a cell (are not covered by a cell merged from their left) in `row` from
// `first_col` through `last_col`.
std::vector<int> cell_starts(const Sheet& sheet, int row, int first_col, int last_col) {
  std::vector<int> out;
  for (int c = first_col; c <= last_col; ++c) {
    const Range* m = sheet.merge_at(row, c);
    if (!m || m->first_col == c) out.push_back(c);
  }
  return out;
}

// The rightmost column a row of the sheet uses (a cell or a merged range), or -1.
int last_column_of(const Sheet& sheet, int row) {
  int last = -1;
  for (auto it = sheet.cells().lower_bound({row, 0});
       it != sheet.cells().end() && it->first.first == row; ++it)
    last = std::max(last, it->first.second);
  for (const auto& m : sheet.merges())
    if (m.first_row <= row && row <= m.last_row) last = std::max(last, m.last_col);
  return last;
}

// The columns of a block whose header rows are missing, by position: when every row found has
// exactly `width` cells right of the row labels (up to the table's right edge), starting at the
// same columns in every row, those are the block's columns in the format's order. Nothing when
// the rows disagree or hold more or fewer cells: the placement would not be unique.
// When nothing is placed, `why` says which row (the first whose own cells are not `width`, else
// the first) and how many cells the rows have ("7, 8").
struct NotPlaced {
  std::size_t row = 0;  // index into the rows
  std::string counts;
};
template <typename RowHits>
std::optional<std::vector<int>> value_columns(const Sheet& sheet, const RowHits& rows,
                                              int first_col, std::size_t width,
                                              NotPlaced* why = nullptr) {
  if (rows.empty() || width == 0) return std::nullopt;
  int right = -1;
  for (const auto& r : rows)
    right = std::max(right, last_column_of(sheet, r.cell->row));
  std::optional<std::vector<int>> places;
  bool unique = true;
  std::set<std::size_t> own_counts;
  std::optional<std::size_t> first_odd;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const int row = rows[i].cell->row;
    std::vector<int> starts = cell_starts(sheet, row, first_col, right);
    const std::size_t own = cell_starts(sheet, row, first_col, last_column_of(sheet, row)).size();
    own_counts.insert(own);
    if (own != width && !first_odd) first_odd = i;
    if (starts.size() != width || (places && *places != starts)) unique = false;
    if (!places) places = std::move(starts);
  }
  if (unique) return places;
  if (why) {
    why->row = first_odd.value_or(0);
    for (std::size_t n : own_counts)
      why->counts += (why->counts.empty() ? "" : ", ") + std::to_string(n);
  }
  return std::nullopt;
}

// Rows printed as rows (tables 二 and 三): each row of the format is found by its label, in the
// format's order, top to bottom; each block's columns by their headers in the rows just above the
// block, left to right, right of the row labels. A cell is where a row meets a column.
TableMatch match_grid(const SheetIndex& s, const TableDef& t, const FormatLabels& labels) {
  TableMatch m;
  m.table = &t;
  m.sheet = s.index;
  int cursor_row = -1;
  int previous_block_bottom = -1;
  int columns_total = 0, columns_matched = 0;
  // Rows found from the first one on without a gap.
  int leading_rows = 0;
  bool gap = false;
  for (const auto& block : t.blocks) {
    struct RowHit {
      const RowDef* def;
      const LabelCell* cell;
    };
    std::vector<RowHit> rows;
    for (const auto& rd : block.rows) {
      ++m.rows_total;
      const PreparedDef& def = labels.row(rd);
      const LabelCell* best = nullptr;
      int best_level = 0;
      for (const auto& cell : s.labels) {
        if (cell.row <= cursor_row) continue;
        int level = match_def(cell, def);
        if (level > best_level) {
          best = &cell;
          best_level = level;
          if (level == 3) break;  // the first exact match in reading order
        }
      }
      if (!best) {
        gap = true;
        continue;
      }
      if (!gap) ++leading_rows;
      rows.push_back({&rd, best});
      cursor_row = best->row;
      m.score += best_level;
      ++m.rows_matched;
      note_position(m, *best);
    }
    if (rows.empty()) continue;
    int top = INT_MAX, bottom = 0, data_col_min = 0;
    for (const auto& h : rows) {
      top = std::min(top, h.cell->row);
      bottom = std::max(bottom, h.cell->last_row);
      data_col_min = std::max(data_col_min, h.cell->last_col + 1);
    }
    const int lowest = std::max(top - kHeaderWindow, previous_block_bottom + 1);
    previous_block_bottom = bottom;
    struct ColumnHit {
      const ColumnDef* def;
      const LabelCell* cell;
      std::optional<std::string> unit;  // what its header says, read once for all its rows
    };
    std::vector<ColumnHit> columns;
    int cursor_col = data_col_min;
    columns_total += static_cast<int>(block.columns.size());
    for (const auto& cd : block.columns) {
      const PreparedDef& def = labels.column(cd);
      const LabelCell* best = nullptr;
      int best_level = 0;
      for (const auto& cell : s.labels) {
        if (cell.row >= top) break;
        if (cell.row < lowest || cell.col < cursor_col) continue;
        int level = match_def(cell, def);
        // The best match; among equals the nearest above the block, then the leftmost.
        if (level > best_level || (level > 0 && level == best_level && cell.row > best->row)) {
          best = &cell;
          best_level = level;
        }
      }
      if (!best) continue;
      columns.push_back({&cd, best, unit_in_header(best->text)});
      cursor_col = best->col + 1;
      m.score += best_level;
      ++columns_matched;
    }
    if (columns.empty()) {
      // No column header at all (a table printed without its header rows): the columns are the
      // format's in its order when every row found has exactly as many cells right of its label
      // as the block has columns, at the same places — the only placement the labels and the
      // column count allow. Otherwise nothing is placed, and the block stays unread.
      NotPlaced why;
      if (auto places = value_columns(*s.sheet, rows, data_col_min, block.columns.size(), &why)) {
        columns_matched += static_cast<int>(block.columns.size());
        for (const auto& r : rows)
          for (std::size_t k = 0; k < block.columns.size(); ++k)
            m.cells.push_back({r.def, &block.columns[k], r.cell->row, (*places)[k], std::nullopt});
      } else if (!m.unplaced) {
        const auto& odd = rows[why.row];
        m.unplaced = TableMatch::Unplaced{odd.def, odd.cell->row, odd.cell->col,
                                          block.columns.size(), std::move(why.counts)};
      }
      continue;
    }
    for (const auto& r : rows)
      for (const auto& c : columns)
        m.cells.push_back({r.def, c.def, r.cell->row, c.cell->col, c.unit});
  }
  // A table cut off by the end of the document (a truncated page ending inside table 三): its
  // first rows, in order and without a gap, under its column headers. What it lacks is then
  // reported as a cut, rather than the whole table being dropped as not found.
  const bool first_rows = m.rows_matched >= 2 && leading_rows == m.rows_matched;
  m.found = (m.rows_matched * 2 >= m.rows_total || first_rows) && columns_matched > 0 &&
            columns_matched * 2 >= columns_total;
  return m;
}

bool holds_a_value(const Sheet& sheet, int row, int col) {
  const GridCell* cell = sheet.at(row, col);
  if (!cell) return false;
  if (cell->kind == GridCell::Kind::number) return true;
  if (cell->kind != GridCell::Kind::text) return false;
  ColumnDef any;
  ParsedCell parsed = parse_cell_text(cell->text, any, std::nullopt);
  return !parsed.not_a_number && parsed.cell.state != Cell::State::blank;
}

// Every row printed as a group of columns in one line (table 四): each row of the format is a
// group header, left to right; its columns are the headers below it within its span; the values
// are in the first row below the headers that holds any.
TableMatch match_column_groups(const SheetIndex& s, const TableDef& t, const FormatLabels& labels) {
  TableMatch m;
  m.table = &t;
  m.sheet = s.index;
  int columns_total = 0, columns_matched = 0;
  for (const auto& block : t.blocks) {
    struct GroupHit {
      const RowDef* def;
      const LabelCell* cell;
    };
    std::vector<GroupHit> groups;
    int cursor_col = -1;
    for (const auto& rd : block.rows) {
      ++m.rows_total;
      const PreparedDef& def = labels.row(rd);
      const LabelCell* best = nullptr;
      int best_level = 0;
      for (const auto& cell : s.labels) {
        if (cell.col <= cursor_col) continue;
        int level = match_def(cell, def);
        if (level > best_level) {
          best = &cell;
          best_level = level;
          if (level == 3) break;
        }
      }
      if (!best) continue;
      groups.push_back({&rd, best});
      cursor_col = best->col;
      m.score += best_level;
      ++m.rows_matched;
      note_position(m, *best);
    }
    struct ColumnHit {
      const RowDef* row;
      const ColumnDef* def;
      const LabelCell* cell;
    };
    std::vector<ColumnHit> columns;
    const int width = static_cast<int>(block.columns.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const LabelCell& head = *groups[g].cell;
      // The span of a group: its merged header, else up to the next group's header.
      int first = head.col;
      int last = head.last_col > head.col ? head.last_col
                 : g + 1 < groups.size()  ? groups[g + 1].cell->col - 1
                                          : head.col + 2 * width;
      columns_total += width;
      int cursor = first;
      for (const auto& cd : block.columns) {
        const PreparedDef& def = labels.column(cd);
        const LabelCell* best = nullptr;
        int best_level = 0;
        for (const auto& cell : s.labels) {
          if (cell.row <= head.last_row) continue;
          if (cell.row > head.last_row + kHeaderWindow) break;
          if (cell.col < cursor || cell.col > last) continue;
          int level = match_def(cell, def);
          if (level > best_level) {
            best = &cell;
            best_level = level;
          }
        }
        if (!best) continue;
        columns.push_back({groups[g].def, &cd, best});
        cursor = best->col + 1;
        m.score += best_level;
        ++columns_matched;
      }
    }
    if (columns.empty()) continue;
    int header_bottom = 0;
    for (const auto& c : columns)
      header_bottom = std::max(header_bottom, c.cell->last_row);
    int data_row = header_bottom + 1;
    for (int r = header_bottom + 1; r <= header_bottom + kDataRowWindow; ++r) {
      bool any = false;
      for (const auto& c : columns)
        any = any || holds_a_value(*s.sheet, r, c.cell->col);
      if (any) {
        data_row = r;
        break;
      }
    }
    for (const auto& c : columns)
      m.cells.push_back({c.row, c.def, data_row, c.cell->col, unit_in_header(c.cell->text)});
  }
  m.found = m.rows_matched * 2 >= m.rows_total && columns_matched > 0 &&
            columns_matched * 2 >= columns_total;
  return m;
}

// ---- tables in a document's flow of text
// ---------------------------------------------------------

// Column headers of a flow table are looked for in this many rows above a block's first row: a
// flattened page puts every header on a row of its own (table 三 has thirteen).
constexpr int kFlowHeaderWindow = 24;

// A cell that can be a value: a number, a not-applicable mark, a run of digits, or nothing.
bool flow_value(const Sheet& sheet, int row, int col) {
  const GridCell* cell = sheet.at(row, col);
  if (!cell || cell->kind == GridCell::Kind::empty || cell->kind == GridCell::Kind::number ||
      cell->run)
    return true;
  if (cell->kind != GridCell::Kind::text) return false;
  if (trim(cell->text).empty()) return true;
  ColumnDef any;
  any.type = ValueType::money;  // the widest reading: decimals, units, signs
  return !parse_cell_text(cell->text, any, std::nullopt).not_a_number;
}

// The value cells right after a label in its row, up to the next label (at most `limit`).
std::vector<std::pair<int, int>> values_after(const Sheet& sheet, int row, int col,
                                              std::size_t limit) {
  std::vector<std::pair<int, int>> out;
  auto it = sheet.cells().upper_bound({row, col});
  for (int c = col + 1; out.size() < limit; ++c) {
    if (it == sheet.cells().end() || it->first.first != row) break;
    if (!flow_value(sheet, row, c)) break;
    out.push_back({row, c});
    if (it->first.second == c) ++it;
  }
  return out;
}

bool any_run(const Sheet& sheet, const std::vector<std::pair<int, int>>& cells) {
  return std::any_of(cells.begin(), cells.end(), [&](const auto& p) {
    const GridCell* c = sheet.at(p.first, p.second);
    return c && c->run;
  });
}

// The present, non-blank cells among `cells`: the tokens a run group splits.
std::vector<std::pair<int, int>> tokens_of(const Sheet& sheet,
                                           const std::vector<std::pair<int, int>>& cells) {
  std::vector<std::pair<int, int>> out;
  for (const auto& p : cells) {
    const GridCell* c = sheet.at(p.first, p.second);
    if (c && c->kind != GridCell::Kind::empty && !trim(c->text).empty()) out.push_back(p);
  }
  return out;
}

// Column headers of a flow table, found by their labels anywhere in the rows given, in any order
// (merged header cells print the columns of a group after the group), each label used once.
int match_flow_columns(const SheetIndex& s, const BlockDef& block, const FormatLabels& labels,
                       int first_row, int last_row, std::vector<const LabelCell*>& headers,
                       std::set<const LabelCell*>& used, int& score) {
  int matched = 0;
  headers.assign(block.columns.size(), nullptr);
  for (std::size_t k = 0; k < block.columns.size(); ++k) {
    const LabelCell* best = nullptr;
    int best_level = 0;
    for (const auto& cell : s.labels) {
      if (cell.row < first_row) continue;
      if (cell.row > last_row) break;
      if (used.count(&cell)) continue;
      int level = match_def(cell, labels.column(block.columns[k]));
      if (level > best_level) {
        best = &cell;
        best_level = level;
      }
    }
    if (!best) continue;
    used.insert(best);
    headers[k] = best;
    score += best_level;
    ++matched;
  }
  return matched;
}

// A table in a document's flow: each row of the format is found by its label, in the format's
// order, where values follow the label; the values are the cells right after it, one per column
// of the block in the format's order. Table 四 (every row a group of columns): the group headers in
// reading order, then the first row below them that holds a value for every column.
TableMatch match_flow(const SheetIndex& s, const TableDef& t, const FormatLabels& labels) {
  TableMatch m;
  m.table = &t;
  m.sheet = s.index;
  const Sheet& sheet = *s.sheet;
  int columns_total = 0, columns_matched = 0;
  // Table 四's headers are often wrapped beyond recognition ("结 果" / "维持"); its row of values,
  // one for every column under the group headers, is evidence enough.
  bool values_found = false;
  // Rows found from the first one on without a gap.
  int leading_rows = 0;
  bool gap = false;
  std::set<const LabelCell*> used;
  if (t.layout == TableLayout::rows_as_column_groups) {
    for (const auto& block : t.blocks) {
      std::vector<const LabelCell*> groups;
      const LabelCell* previous = nullptr;
      for (const auto& rd : block.rows) {
        ++m.rows_total;
        const LabelCell* best = nullptr;
        int best_level = 0;
        for (const auto& cell : s.labels) {
          if (previous && (cell.row < previous->row ||
                           (cell.row == previous->row && cell.col <= previous->col)))
            continue;
          int level = match_def(cell, labels.row(rd));
          if (level > best_level) {
            best = &cell;
            best_level = level;
            if (level == 3) break;
          }
        }
        groups.push_back(best);
        if (!best) continue;
        previous = best;
        used.insert(best);
        m.score += best_level;
        ++m.rows_matched;
        note_position(m, *best);
      }
      if (!previous) continue;
      const std::size_t width = block.columns.size();
      const std::size_t wanted = width * block.rows.size();
      // The row of values: the first below the group headers with a value for every column, or
      // whose values are run together.
      int value_row = -1;
      std::vector<std::pair<int, int>> values;
      const int last_row = sheet.cells().empty() ? 0 : sheet.cells().rbegin()->first.first;
      for (int r = previous->row + 1; r <= last_row && r <= previous->row + kFlowHeaderWindow;
           ++r) {
        std::vector<std::pair<int, int>> row_values;
        for (auto it = sheet.cells().lower_bound({r, 0});
             it != sheet.cells().end() && it->first.first == r; ++it)
          if (flow_value(sheet, r, it->first.second)) row_values.push_back(it->first);
        if (row_values.size() >= wanted || (!row_values.empty() && any_run(sheet, row_values))) {
          value_row = r;
          values = std::move(row_values);
          break;
        }
      }
      const int first_header_row = groups.front() ? groups.front()->row : previous->row;
      const int header_bottom = value_row >= 0 ? value_row - 1 : previous->row + kHeaderWindow;
      for (std::size_t g = 0; g < block.rows.size(); ++g) {
        columns_total += static_cast<int>(width);
        std::vector<const LabelCell*> headers;
        columns_matched += match_flow_columns(s, block, labels, first_header_row, header_bottom,
                                              headers, used, m.score);
      }
      if (value_row < 0) continue;
      values_found = m.rows_matched * 2 >= m.rows_total;
      if (any_run(sheet, values)) {
        RunGroup run;
        run.tokens = tokens_of(sheet, values);
        for (const auto& rd : block.rows)
          for (const auto& cd : block.columns)
            run.cells.push_back({&rd, &cd});
        m.runs.push_back(std::move(run));
        continue;
      }
      for (std::size_t g = 0; g < block.rows.size(); ++g)
        for (std::size_t k = 0; k < width; ++k) {
          std::size_t i = g * width + k;
          if (i >= values.size()) break;
          m.cells.push_back(
              {&block.rows[g], &block.columns[k], values[i].first, values[i].second, std::nullopt});
        }
    }
  } else {
    int cursor_row = -1;
    int previous_block_bottom = -1;
    for (const auto& block : t.blocks) {
      const std::size_t width = block.columns.size();
      struct RowHit {
        const RowDef* def;
        const LabelCell* cell;
      };
      std::vector<RowHit> rows;
      for (const auto& rd : block.rows) {
        ++m.rows_total;
        const LabelCell* best = nullptr;
        int best_level = 0;
        for (const auto& cell : s.labels) {
          if (cell.row <= cursor_row) continue;
          int level = match_def(cell, labels.row(rd));
          if (level <= best_level) continue;
          // A row label is followed by its values; a group label or a header is not.
          auto values = values_after(sheet, cell.row, cell.last_col, width);
          if (values.empty()) continue;
          best = &cell;
          best_level = level;
          if (level == 3) break;
        }
        if (!best) {
          gap = true;
          continue;
        }
        if (!gap) ++leading_rows;
        rows.push_back({&rd, best});
        cursor_row = best->row;
        m.score += best_level;
        ++m.rows_matched;
        note_position(m, *best);
      }
      if (rows.empty()) continue;
      const int top = rows.front().cell->row;
      const int lowest = std::max(top - kFlowHeaderWindow, previous_block_bottom + 1);
      previous_block_bottom = rows.back().cell->row;
      std::vector<const LabelCell*> headers;
      columns_total += static_cast<int>(width);
      columns_matched +=
          match_flow_columns(s, block, labels, lowest, top - 1, headers, used, m.score);
      for (const auto& r : rows) {
        auto values = values_after(sheet, r.cell->row, r.cell->last_col, width);
        if (any_run(sheet, values)) {
          RunGroup run;
          run.tokens = tokens_of(sheet, values);
          for (const auto& cd : block.columns)
            run.cells.push_back({r.def, &cd});
          m.runs.push_back(std::move(run));
          continue;
        }
        for (std::size_t k = 0; k < width; ++k) {
          std::optional<std::string> unit;
          if (headers[k]) unit = unit_in_header(headers[k]->text);
          m.cells.push_back({r.def, &block.columns[k], r.cell->row,
                             r.cell->last_col + 1 + static_cast<int>(k), unit});
        }
      }
    }
  }
  const bool columns_found = columns_matched > 0 && columns_matched * 2 >= columns_total;
  // A table cut off by the end of the document: its first rows, in order, under its headers.
  const bool first_rows = m.rows_matched >= 2 && leading_rows == m.rows_matched;
  m.found = (m.rows_matched * 2 >= m.rows_total || first_rows) && (columns_found || values_found);
  return m;
}

bool better(const TableMatch& a, const TableMatch& b) {
  if (a.found != b.found) return a.found;
  return a.score > b.score;
}

// The best place of a table among all sheets (and, for table 四, among both ways of printing it).
TableMatch match_table(const std::vector<SheetIndex>& sheets, const TableDef& t,
                       const FormatLabels& labels) {
  TableMatch best;
  best.table = &t;
  for (const auto& s : sheets) {
    if (s.sheet->flow) {
      TableMatch m = match_flow(s, t, labels);
      if (better(m, best)) best = std::move(m);
      continue;
    }
    TableMatch m = match_grid(s, t, labels);
    if (t.layout == TableLayout::rows_as_column_groups) {
      TableMatch groups = match_column_groups(s, t, labels);
      if (!better(m, groups)) m = std::move(groups);
    }
    if (better(m, best)) best = std::move(m);
  }
  return best;
}

struct FormatMatch {
  const FormatDefinition* format = nullptr;
  std::vector<TableMatch> tables;
  int score = 0;
  int found = 0;
};

// ---- metadata ----------------------------------------------------------------------------------

struct MetaEntry {
  std::string key;
  const GridCell* cell = nullptr;
  std::string sheet;
  int row = 0, col = 0;
};

// Other words people use for the fields of the metadata sheet.
const std::vector<std::pair<std::string_view, std::string_view>>& metadata_synonyms() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kSynonyms = {
      {"year", "年度"},
      {"year", "统计年度"},
      {"agency.name", "单位名称"},
      {"agency.name", "报告机关"},
      {"agency.name", "报告单位"},
      {"published", "发布日期"},
      {"published", "公开时间"},
      {"contact.phone", "电话"},
      {"contact.address", "地址"},
      {"contact.postcode", "邮编"},
      {"format", "报告格式"}};
  return kSynonyms;
}

std::string metadata_key(const LabelCell& cell) {
  // The labels in their normalised form, prepared once for all calls (and threads).
  static const std::vector<std::pair<std::u32string, std::string>> kLabels = [] {
    std::vector<std::pair<std::u32string, std::string>> out;
    for (const auto& f : kMetadataFields)
      out.emplace_back(prepare_label(f.label).full, std::string(f.key));
    for (const auto& [key, word] : metadata_synonyms())
      out.emplace_back(prepare_label(word).full, std::string(key));
    return out;
  }();
  for (const auto& [label, key] : kLabels)
    if (cell.label.full == label) return key;
  return {};
}

// The metadata sheet: labels of the metadata fields with their values to the right. A sheet counts
// when it has at least two of them, so that a stray "地址" in a table is not taken for one.
std::vector<MetaEntry> find_metadata(const std::vector<SheetIndex>& sheets) {
  for (const auto& s : sheets) {
    std::vector<MetaEntry> entries;
    std::set<std::string> keys;
    for (const auto& label : s.labels) {
      std::string key = metadata_key(label);
      if (key.empty() || keys.count(key)) continue;
      for (int col = label.last_col + 1; col <= label.last_col + 4; ++col) {
        const GridCell* cell = s.sheet->at(label.row, col);
        if (cell && (cell->kind != GridCell::Kind::empty) && !trim(cell->text).empty()) {
          entries.push_back({key, cell, s.sheet->name, label.row, col});
          keys.insert(key);
          break;
        }
      }
      keys.insert(key);  // present, even if empty: still a label of the metadata sheet
    }
    if (keys.size() >= 2) return entries;
  }
  return {};
}

// "淮北市人民政府办公室（外事办公室）2020年政府信息公开工作年度报告" → the agency and the year.
bool read_title(const std::string& text, std::string& agency, int& year) {
  static const std::string kSubject = "政府信息公开";
  static const std::string kReport = "年度报告";
  auto subject = text.find(kSubject);
  if (subject == std::string::npos || text.find(kReport, subject) == std::string::npos)
    return false;
  std::string before = text.substr(0, subject);
  for (const char* suffix : {"度", "年"}) {
    std::string_view s(suffix);
    if (before.size() >= s.size() && before.compare(before.size() - s.size(), s.size(), s) == 0)
      before.resize(before.size() - s.size());
  }
  if (before.size() < 4) return false;
  std::string digits = before.substr(before.size() - 4);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  year = std::atoi(digits.c_str());
  agency = trim(before.substr(0, before.size() - 4));
  return year >= 1990 && year <= 2100;
}

Location cell_source(const std::string& path, const std::string& sheet, int row, int col) {
  Location loc;
  loc.source.file = path;
  loc.source.sheet = sheet;
  loc.source.cell = cell_name(row, col);
  return loc;
}

// "表三!D5"; a CSV file has no sheet names: "D5".
std::string cell_ref(const std::string& sheet, int row, int col) {
  return sheet.empty() ? cell_name(row, col) : sheet + "!" + cell_name(row, col);
}

// ---- prose -------------------------------------------------------------------------------------

const SectionDef* find_section(const FormatDefinition& f, const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) return nullptr;
  for (const auto& s : f.sections)
    if (s.key == t) return &s;
  PreparedLabel written = prepare_label(t);
  if (written.full == prepare_label(kPreambleLabel).full)
    for (const auto& s : f.sections)
      if (s.heading.empty()) return &s;
  for (const auto& s : f.sections)
    if (!s.heading.empty() && match_prepared(written, prepare_label(s.heading)) >= 2) return &s;
  const std::string n = normalize_label(t);
  for (const auto& s : f.sections)
    for (const auto& k : s.keywords)
      if (!k.empty() && n.find(normalize_label(k)) != std::string::npos) return &s;
  return nullptr;
}

// ---- diagnostics -------------------------------------------------------------------------------

Diagnostic make(const Codes& codes, const std::string& code, Severity severity,
                std::string message_id, Location where) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message_id = std::move(message_id);
  d.location = std::move(where);
  d.plugin = codes.plugin;
  return d;
}

std::string shorten(const std::string& text, std::size_t max_chars) {
  std::u32string s = decode_utf8(text);
  if (s.size() <= max_chars) return text;
  return encode_utf8(std::u32string_view(s).substr(0, max_chars)) + "…";
}

// The texts below go into messages of both languages: lists use neutral punctuation, and what
// they quote (labels, sheet names) is the spreadsheet's own.
std::string expected_text(const std::vector<const FormatDefinition*>& formats) {
  std::string out;
  for (const auto* f : formats) {
    std::string labels;
    for (const auto& t : f->tables) {
      if (t.blocks.empty() || t.blocks.front().rows.empty()) continue;
      labels += (labels.empty() ? "" : ", ") + ("“" + t.blocks.front().rows.front().label + "”");
    }
    out += (out.empty() ? "" : "; ") + f->id + " (" + f->basis + "): " + labels + " …";
  }
  return out;
}

std::string found_text(const std::vector<SheetIndex>& sheets) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& s : sheets) {
    if (shown == 5) {
      out += "; …";
      break;
    }
    std::string texts;
    for (std::size_t i = 0; i < s.labels.size() && i < 6; ++i)
      texts += (texts.empty() ? "" : ", ") + ("“" + shorten(s.labels[i].text, 20) + "”");
    out += (out.empty() ? "" : "; ") +
           (s.sheet->name.empty() ? std::string() : "[" + s.sheet->name + "] ") +
           (texts.empty() ? std::string("—") : texts);
    ++shown;
  }
  return out.empty() ? std::string("—") : out;
}

std::string tables_text(const FormatMatch& fm, const std::vector<SheetIndex>& sheets) {
  std::string out;
  for (const auto& t : fm.tables) {
    if (!t.found) continue;
    const Sheet& sheet = *sheets[t.sheet].sheet;
    std::string place = cell_ref(sheet.name, t.first_row, t.first_col);
    if (sheet.flow) {
      // A document has lines, not cells: "L57".
      const GridCell* first = sheet.at(t.first_row, t.first_col);
      place = first && first->source.line > 0 ? "L" + std::to_string(first->source.line)
                                              : std::string("—");
    }
    out += (out.empty() ? "" : "; ") + t.table->label + " [" + place + ", " +
           std::to_string(t.rows_matched) + "/" + std::to_string(t.rows_total) + "]";
  }
  return out;
}

// ---- reading values ----------------------------------------------------------------------------

ParsedCell read_value(const Sheet& sheet, int row, int col, const ColumnDef& column,
                      const std::optional<std::string>& header_unit,
                      const GridCell** uncalculated) {
  const GridCell* cell = sheet.at(row, col);
  if (!cell || cell->kind == GridCell::Kind::empty) {
    // A value typed into a merged range lives in its top-left cell.
    if (const Range* m = sheet.merge_at(row, col);
        m && (m->first_row != row || m->first_col != col))
      cell = sheet.at(m->first_row, m->first_col);
  }
  ParsedCell out;
  if (!cell) return out;
  switch (cell->kind) {
    case GridCell::Kind::empty:
      // A formula nobody calculated: blank, and the formula kept to be quoted.
      if (!cell->formula.empty()) {
        out.cell.raw = "=" + cell->formula;
        *uncalculated = cell;
      }
      return out;
    case GridCell::Kind::number:
      return parse_cell_number(cell->text, column, header_unit);
    case GridCell::Kind::text:
      return parse_cell_text(cell->text, column, header_unit);
    case GridCell::Kind::boolean:
    case GridCell::Kind::error:
      out.cell = Cell::not_applicable(cell->text);
      out.not_a_number = true;
      return out;
  }
  return out;
}

}  // namespace

int year_in_file_name(const std::string& path) {
  std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
    auto digit = [&](std::size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; };
    if (!digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
    if ((i > 0 && digit(i - 1)) || digit(i + 4)) {
      while (digit(i))
        ++i;
      continue;
    }
    int y = std::atoi(name.substr(i, 4).c_str());
    if (y >= 2000 && y <= 2100) return y;
  }
  return 0;
}

Hints hints_from_options(const std::map<std::string, std::string>& options, const Codes& codes,
                         const std::string& path, std::vector<Diagnostic>& warnings) {
  Hints hints;
  // The option the user gave, else the host's hint of it (is_hint_option).
  auto given = [&](const std::string& key) -> const std::string* {
    for (const std::string& k : {key, "hint." + key})
      if (auto it = options.find(k); it != options.end()) return &it->second;
    return nullptr;
  };
  if (const std::string* format = given("format")) hints.format = *format;
  if (const std::string* year = given("year")) {
    if (year->size() == 4 &&
        std::all_of(year->begin(), year->end(), [](char c) { return c >= '0' && c <= '9'; }))
      hints.year = std::stoi(*year);
    else
      warnings.push_back(
          input_diagnostic(codes.plugin, codes.metadata, Severity::warning, "grid.bad_year", path)
              .arg("value", *year));
  }
  return hints;
}

std::vector<MessageText> messages() {
  return {
      {"grid.bad_year", "导入选项 year={value} 不是四位年份，已忽略",
       "the import option year={value} is not a four-digit year; it is ignored"},
      {"grid.format_found", "按表格版式读作 {format}（{basis}）：{tables}",
       "read as {format} ({basis}) from the layout of the tables: {tables}"},
      {"grid.no_tables",
       "没有找到政府信息公开工作年度报告的表格。应有 {expected}；文件中有 {found}",
       "no table of a government information disclosure annual report was found. Expected "
       "{expected}; the file has {found}"},
      {"grid.headerless_rows",
       "“{table}”没有表头行，各行标签右侧的单元格数为 {cells}（如“{row}”），"
       "而格式中这部分有 {width} 列：无法唯一确定各数值所属的列，"
       "为免读出错位的数值，不予读取（请保留表头行，或每行按格式的列数填写，空白处填 0）",
       "“{table}” has no column header row, and its rows have {cells} cells right of their labels "
       "(“{row}”, for one) where the format has {width} columns: which column each value "
       "belongs to cannot be told without doubt, and the table is not read rather than read with "
       "shifted values (keep the header rows, or give every row the format's columns, writing 0 "
       "in blank cells)"},
      {"grid.headerless_groups",
       "一个没有任何标签的表格只有一行 {cells} 个单元格，可能是“{table}”（格式中有 {width} "
       "个单元格）；"
       "只有单元格数正好相等、只有一个这样的表格（找到 {candidates} 个）"
       "并且格式的求和关系成立（不成立：{failing}）时才按格式的行、列顺序读取，"
       "因此不予读取，以免读出错位的数值（请保留表头行）",
       "a table without any label holds one row of {cells} cells and may be “{table}” "
       "({width} cells in the format); it is read by position, in the format's order of rows and "
       "columns, only when it has exactly that many cells, is the only such table ({candidates} "
       "found) and the format's sums hold for that placement (failing: {failing}); it is not read "
       "rather than read with shifted values (keep the header rows)"},
      {"grid.ambiguous",
       "表格版式同时符合 {formats}（只找到 {tables}），无法确定格式；请在标题或“基本信息”表中写明"
       "报告年度，或用导入选项 year=… 或 format=… 指定（命令行：--import-option year=2021）",
       "the layout fits {formats} equally (only {tables} found); state the report year in a title "
       "or the metadata sheet, or pass the importer option year=… or format=… (on the command "
       "line: --import-option year=2021)"},
      {"grid.not_a_number", "{cell} 的内容“{text}”不是数字，按“不适用”读取",
       "{cell} holds \"{text}\", which is not a number; read as not applicable"},
      {"grid.uncalculated",
       "{cell} 的公式“={formula}”没有保存计算结果，nianbao 也无法计算（{reason}），按空白读取；"
       "请在电子表格软件中打开并保存一次",
       "{cell} holds the formula \"={formula}\" without a saved result, and nianbao cannot "
       "calculate it ({reason}); read as blank. Open and save the file once in a spreadsheet "
       "program"},
      {"grid.bad_metadata", "{cell}：“{field}”的值“{text}”无法使用（应为{expected}）",
       "{cell}: the value \"{text}\" of \"{field}\" cannot be used (expected {expected})"},
      {"grid.unknown_section",
       "{cell}：“{text}”不是 {format} "
       "的任何部分；这一行的段落记在上一部分之下（前面没有部分时略去）",
       "{cell}: \"{text}\" is not a part of {format}; the paragraph on this row is kept under the "
       "previous part (left out when there is none)"},
      {"grid.format_mismatch",
       "{cell}：“基本信息”写的格式是 {declared}，但表格的版式是 {format}；按 {format} 读取",
       "{cell}: the metadata sheet names the format {declared}, but the tables are laid out as "
       "{format}; read as {format}"},
      {"grid.split_ambiguous",
       "“{row}”的数字连在一起印作“{text}”，按表内合计关系可拆分为 {ways} "
       "种（{examples}），无法确定：{columns} 按空白读取",
       "the figures of \"{row}\" are printed run together as \"{text}\" and the table's sums "
       "allow {ways|way|ways} to split them ({examples}): {columns} read as blank"},
      {"grid.split_none",
       "“{row}”的数字连在一起印作“{text}”，没有任何拆分方式符合表内合计关系：{columns} 按空白读取",
       "the figures of \"{row}\" are printed run together as \"{text}\" and no way to split them "
       "agrees with the table's sums: {columns} read as blank"},
      {"grid.split_done", "“{row}”的数字连在一起印作“{text}”，按表内合计关系唯一拆分为 {values}",
       "the figures of \"{row}\" are printed run together as \"{text}\"; the table's sums allow "
       "one split only: {values}"},
      {"grid.no_year",
       "没有找到报告年度（“基本信息”表的“报告年度”、“…年政府信息公开工作年度报告”标题或文件名中的年"
       "份）",
       "the report year was not found (the metadata sheet's 报告年度, a title "
       "\"…年政府信息公开工作年度报告\", or a year in the file name)"},
  };
}

namespace {

// Reading a report from the sheets, in stages: the metadata (its year and format settle a layout
// that fits several formats), the choice of format from the tables each format's labels find,
// the cells of the chosen format's tables, and the prose sheet.
class ReportReader {
 public:
  ReportReader(const std::vector<Sheet>& sheets, const FormatCatalog& catalog, const Hints& hints,
               const std::string& path, const Codes& codes, LabelCache* cache)
      : sheets_(sheets),
        catalog_(catalog),
        hints_(hints),
        path_(path),
        codes_(codes),
        cache_(cache) {
    for (std::size_t i = 0; i < sheets.size(); ++i)
      index_.push_back(label_budget_ ? index_sheet(sheets[i], i, label_budget_)
                                     : SheetIndex{&sheets[i], i, {}});
  }

  LayoutResult read() {
    read_metadata();
    const FormatMatch& chosen = choose_format();
    const FormatDefinition& format = *chosen.format;
    Report& report = result_.report;
    report.format = format.id;
    report.year = year_;
    report.source.file = path_;
    report_format_choice(chosen);
    for (const auto& match : chosen.tables)
      refuse_unplaced(match);
    for (const auto& match : chosen.tables) {
      if (match.found) {
        read_table(match, format);
      } else if (auto placed = headerless_column_groups(*match.table, format)) {
        read_table(*placed, format);
      }
    }
    read_prose_sheet(format);
    return std::move(result_);
  }

 private:
  static std::string meta_text(const MetaEntry& e) { return trim(e.cell->text); }

  // A table printed as groups of columns (table 四) without any of its header rows: one row of
  // cells and not a label in its table. It is placed by position — the format's rows, each with
  // its columns, in the format's order — only when it is unique: one such table in the file,
  // exactly as many cells in its row as the table has cells, every one a value or blank, and the
  // sums the format declares over its rows holding for that placement. A table that may be it
  // (between half and twice as many cells) but is not placed refuses the file (InputError):
  // never a report without a table that is in the file.
  std::optional<TableMatch> headerless_column_groups(const TableDef& t,
                                                     const FormatDefinition& format) const {
    if (t.layout != TableLayout::rows_as_column_groups) return std::nullopt;
    std::vector<std::pair<const RowDef*, const ColumnDef*>> slots;
    for (const auto& b : t.blocks)
      for (const auto& r : b.rows)
        for (const auto& c : b.columns)
          slots.push_back({&r, &c});
    if (slots.empty()) return std::nullopt;
    std::vector<TableMatch> candidates;
    std::vector<std::size_t> counts;
    for (const auto& s : index_) {
      const Sheet& sheet = *s.sheet;
      if (sheet.flow || !s.labels.empty() || sheet.cells().empty()) continue;
      // Every cell in one row, each a value or blank.
      const int row = sheet.cells().begin()->first.first;
      bool one_row = true;
      for (const auto& [pos, cell] : sheet.cells()) {
        if (pos.first != row) one_row = false;
        ColumnDef any;
        if (cell.kind == GridCell::Kind::text &&
            parse_cell_text(cell.text, any, std::nullopt).not_a_number)
          one_row = false;
      }
      if (!one_row) continue;
      const std::vector<int> starts = cell_starts(sheet, row, 0, last_column_of(sheet, row));
      if (starts.size() < 2 || starts.size() * 2 < slots.size() || starts.size() > 2 * slots.size())
        continue;
      TableMatch m;
      m.table = &t;
      m.sheet = s.index;
      m.found = starts.size() == slots.size();
      m.first_row = row;
      m.first_col = starts.front();
      if (m.found)
        for (std::size_t i = 0; i < slots.size(); ++i)
          m.cells.push_back({slots[i].first, slots[i].second, row, starts[i], std::nullopt});
      counts.push_back(starts.size());
      candidates.push_back(std::move(m));
    }
    if (candidates.empty()) return std::nullopt;
    std::string failing;
    if (candidates.size() == 1 && candidates.front().found) {
      failing = failing_sums(candidates.front(), format);
      if (failing.empty()) return std::move(candidates.front());
    }
    const TableMatch& first = candidates.front();
    const Sheet& sheet = *index_[first.sheet].sheet;
    Diagnostic d = make(codes_, codes_.no_tables, Severity::error, "grid.headerless_groups",
                        cell_source(path_, sheet.name, first.first_row, first.first_col));
    d.arg("cells", std::to_string(counts.front()))
        .arg("table", t.label)
        .arg("width", std::to_string(slots.size()))
        .arg("candidates", std::to_string(candidates.size()))
        .arg("failing", failing.empty() ? std::string("—") : failing);
    throw InputError(std::move(d));
  }

  // A table whose rows were found by their labels but whose cells could not be placed (no column
  // header, and not as many cells as the format's columns in every row): the file is refused,
  // naming the place, rather than read without the table.
  void refuse_unplaced(const TableMatch& match) const {
    if (!match.unplaced) return;
    const bool labels_there =
        match.found || match.rows_matched * 2 >= match.rows_total || match.rows_matched >= 2;
    if (!labels_there) return;
    const auto& u = *match.unplaced;
    const Sheet& sheet = *index_[match.sheet].sheet;
    Diagnostic d = make(codes_, codes_.no_tables, Severity::error, "grid.headerless_rows",
                        cell_source(path_, sheet.name, u.r, u.c));
    d.arg("table", match.table->label)
        .arg("row", u.row->label)
        .arg("cells", u.cells)
        .arg("width", std::to_string(u.width));
    throw InputError(std::move(d));
  }

  // The codes of the format's sums over the rows of the matched table that do not hold for its
  // cells (blank and not applicable count as 0), "T4-01, T4-02"; empty when all hold.
  std::string failing_sums(const TableMatch& m, const FormatDefinition& format) const {
    std::string failing;
    const Sheet& sheet = *index_[m.sheet].sheet;
    std::map<std::pair<std::string, std::string>, Decimal> values;
    for (const auto& c : m.cells) {
      const GridCell* cell = sheet.at(c.r, c.c);
      Decimal v(0);
      if (cell && cell->kind == GridCell::Kind::number) {
        if (auto n = parse_stored_number(cell->text)) v = *n;
      } else if (cell && cell->kind == GridCell::Kind::text) {
        v = parse_cell_text(cell->text, *c.column, std::nullopt).cell.arithmetic_value();
      }
      values[{c.row->key, c.column->key}] = v;
    }
    for (const auto& id : format.identities) {
      if (id.table != m.table->key || id.over != IdentityDef::Over::rows) continue;
      for (const auto& in : identity_instances(id, *m.table)) {
        auto sum = [&](const std::vector<IdentityCell>& cells) -> std::optional<Decimal> {
          Decimal total(0);
          for (const auto& c : cells) {
            auto v = values.find({std::string(c.row), std::string(c.column)});
            auto next = Decimal::add(total, v == values.end() ? Decimal(0) : v->second);
            if (!next) return std::nullopt;
            total = *next;
          }
          return total;
        };
        auto lhs = sum(in.lhs), rhs = sum(in.rhs);
        if ((!lhs || !rhs || !(*lhs == *rhs)) && failing.find(id.code) == std::string::npos)
          failing += (failing.empty() ? "" : ", ") + id.code;
      }
    }
    return failing;
  }

  void bad_metadata(const MetaEntry& e, std::string expected) {
    Diagnostic d = make(codes_, codes_.metadata, Severity::warning, "grid.bad_metadata",
                        cell_source(path_, e.sheet, e.row, e.col));
    std::string field = e.key;
    for (const auto& f : kMetadataFields)
      if (f.key == e.key) field = std::string(f.label);
    d.arg("cell", cell_ref(e.sheet, e.row, e.col))
        .arg("field", field)
        .arg("text", meta_text(e))
        .arg("expected", std::move(expected));
    result_.diagnostics.push_back(std::move(d));
  }

  // The metadata sheet's fields, then the title and the file name for what it lacks.
  void read_metadata() {
    meta_ = find_metadata(index_);
    const std::vector<MetaEntry>& meta = meta_;
    const Hints& hints = hints_;
    const FormatCatalog& catalog = catalog_;
    std::string& format_hint = format_hint_;
    const MetaEntry*& declared_format = declared_format_;
    int& year = year_;
    const std::vector<SheetIndex>& index = index_;
    Report& report = result_.report;
    format_hint = hints.format;
    year = hints.year;
    for (const auto& e : meta) {
      const std::string text = meta_text(e);
      if (e.key == "format") {
        if (catalog.find(text)) {
          declared_format = &e;
          if (format_hint.empty()) format_hint = text;
        } else {
          std::string known;
          for (const auto* f : catalog.all())
            known += (known.empty() ? "" : ", ") + f->id;
          bad_metadata(e, known);
        }
      } else if (e.key == "year") {
        std::string digits = text;
        if (digits.size() > 3 && digits.compare(digits.size() - 3, 3, "年") == 0)
          digits.resize(digits.size() - 3);
        auto value = parse_stored_number(digits);
        if (value && value->is_integer() && value->to_integer() >= 1990 &&
            value->to_integer() <= 2100) {
          if (year == 0) year = static_cast<int>(value->to_integer());
        } else {
          bad_metadata(e, "YYYY (2025)");
        }
      } else if (e.key == "published") {
        std::optional<std::string> date;
        if (e.cell->kind == GridCell::Kind::number)
          date = date_from_serial(std::strtod(e.cell->text.c_str(), nullptr), hints.date1904);
        else
          date = parse_date_text(text);
        if (date)
          report.published = *date;
        else
          bad_metadata(e, "YYYY-MM-DD (2025-01-20)");
      } else if (e.key == "agency.kind") {
        std::string kind;
        for (const auto& k : kAgencyKinds)
          if (normalize_label(text) == normalize_label(k.label) || text == k.kind)
            kind = std::string(k.kind);
        if (kind.empty()) {
          std::string choices;
          for (const auto& k : kAgencyKinds)
            choices += (choices.empty() ? "" : ", ") + std::string(k.label);
          bad_metadata(e, choices);
        }
        report.agency.kind = kind;
      } else if (e.key == "agency.name") {
        report.agency.name = text;
      } else if (e.key == "agency.region_code") {
        report.agency.region_code = text;
      } else if (e.key == "contact.phone") {
        report.contact.phone = text;
      } else if (e.key == "contact.address") {
        report.contact.address = text;
      } else if (e.key == "contact.postcode") {
        report.contact.postcode = text;
      }
    }
    if (year == 0 || report.agency.name.empty()) {
      for (const auto& s : index) {
        bool done = false;
        for (const auto& label : s.labels) {
          std::string agency;
          int title_year = 0;
          if (!read_title(label.text, agency, title_year)) continue;
          if (year == 0) year = title_year;
          if (report.agency.name.empty()) report.agency.name = agency;
          done = true;
          break;
        }
        if (done) break;
      }
    }

    if (year == 0) year = year_in_file_name(path_);
  }

  // Every format's tables, then the format that fits best (the metadata's or the year's among
  // equals); none, or several that nothing settles, is an input error.
  const FormatMatch& choose_format() {
    const FormatCatalog& catalog = catalog_;
    const std::vector<SheetIndex>& index = index_;
    const Codes& codes = codes_;
    const std::string& path = path_;
    LabelCache* cache = cache_;
    const int year = year_;
    const std::string& format_hint = format_hint_;
    std::vector<FormatMatch>& matches = matches_;
    const std::size_t label_budget = label_budget_;
    for (const auto* f : catalog.all()) {
      std::optional<FormatLabels> own;
      const FormatLabels& labels = cache ? cache->of(*f) : own.emplace(*f);
      FormatMatch fm;
      fm.format = f;
      for (const auto& t : f->tables) {
        fm.tables.push_back(match_table(index, t, labels));
        if (fm.tables.back().found) {
          fm.score += fm.tables.back().score;
          ++fm.found;
        }
      }
      if (fm.found > 0) matches.push_back(std::move(fm));
    }
    if (matches.empty()) {
      Diagnostic d = make(codes, codes.no_tables, Severity::error, "grid.no_tables", {});
      d.location.source.file = path;
      std::string found = found_text(index);
      if (label_budget == 0)
        found += " (kMaxLabelsInAll = " + std::to_string(kMaxLabelsInAll) + ")";
      d.arg("expected", expected_text(catalog.all())).arg("found", found);
      throw InputError(std::move(d));
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const FormatMatch& a, const FormatMatch& b) { return a.score > b.score; });
    std::vector<const FormatMatch*> best;
    for (const auto& m : matches)
      if (m.score == matches.front().score) best.push_back(&m);
    const FormatMatch* chosen = best.front();
    if (best.size() > 1) {
      chosen = nullptr;
      const FormatDefinition* by_year = year ? catalog.for_year(year) : nullptr;
      for (const auto* m : best)
        if (m->format->id == format_hint || (format_hint.empty() && m->format == by_year))
          chosen = m;
      if (!chosen) {
        std::string formats;
        for (const auto* m : best)
          formats += (formats.empty() ? "" : ", ") + m->format->id;
        Diagnostic d = make(codes, codes.ambiguous, Severity::error, "grid.ambiguous", {});
        d.location.source.file = path;
        d.arg("formats", formats).arg("tables", tables_text(*best.front(), index));
        throw InputError(std::move(d));
      }
    }
    return *chosen;
  }

  void report_format_choice(const FormatMatch& chosen) {
    const FormatDefinition& format = *chosen.format;
    const Codes& codes = codes_;
    const std::string& path = path_;
    const std::vector<SheetIndex>& index = index_;
    const MetaEntry* declared_format = declared_format_;
    const int year = year_;
    LayoutResult& result = result_;
    {
      Diagnostic d = make(codes, codes.found, Severity::info, "grid.format_found", {});
      d.location.source.file = path;
      d.arg("format", format.id)
          .arg("basis", format.basis)
          .arg("tables", tables_text(chosen, index));
      result.diagnostics.push_back(std::move(d));
    }
    if (declared_format && meta_text(*declared_format) != format.id) {
      const MetaEntry& e = *declared_format;
      Diagnostic d = make(codes, codes.metadata, Severity::warning, "grid.format_mismatch",
                          cell_source(path, e.sheet, e.row, e.col));
      d.arg("cell", cell_ref(e.sheet, e.row, e.col))
          .arg("declared", meta_text(e))
          .arg("format", format.id);
      result.diagnostics.push_back(std::move(d));
    }
    if (year == 0) {
      Diagnostic d = make(codes, codes.metadata, Severity::warning, "grid.no_year", {});
      d.location.source.file = path;
      result.diagnostics.push_back(std::move(d));
    }
  }

  // The cells of one table, in the order of the format definition.
  void read_table(const TableMatch& match, const FormatDefinition& format) {
    const std::vector<Sheet>& sheets = sheets_;
    const Codes& codes = codes_;
    const std::string& path = path_;
    LayoutResult& result = result_;
    Report& report = result_.report;
    const TableDef& t = *match.table;
    const Sheet& sheet = sheets[match.sheet];
    std::map<std::pair<const RowDef*, const ColumnDef*>, const DataCell*> at;
    for (const auto& c : match.cells)
      at[{c.row, c.column}] = &c;
    // A document's cells are told by their labels and found by their line; a spreadsheet's by
    // sheet and cell.
    auto where = [&](const RowDef& rd, const ColumnDef& cd, int r, int c) {
      Location loc = cell_source(path, sheet.name, r, c);
      if (sheet.flow) {
        const GridCell* gc = sheet.at(r, c);
        loc.source = gc && !gc->source.empty() ? gc->source : SourceLocation{};
        loc.source.file = path;
      }
      loc.logical.section = t.section;
      loc.logical.table = t.key;
      loc.logical.row = rd.key;
      loc.logical.column = cd.key;
      loc.logical.table_label = t.label;
      loc.logical.row_label = format.row_path_label(t, rd);
      loc.logical.column_label = cd.label;
      return loc;
    };
    auto ref = [&](const RowDef& rd, const ColumnDef& cd, int r, int c) {
      return sheet.flow ? format.row_path_label(t, rd) + " / " + cd.label
                        : cell_ref(sheet.name, r, c);
    };
    // Values run together: split by the table's sums, with the values read directly as what is
    // known.
    std::map<std::pair<const RowDef*, const ColumnDef*>, Cell> split_cells;
    if (!match.runs.empty()) {
      std::map<std::pair<std::string, std::string>, Decimal> known;
      for (const auto& dc : match.cells) {
        const GridCell* unused = nullptr;
        ParsedCell parsed = read_value(sheet, dc.r, dc.c, *dc.column, dc.header_unit, &unused);
        if (parsed.cell.is_number())
          known[{dc.row->key, dc.column->key}] = parsed.cell.value;
        else if (!parsed.not_a_number)
          known[{dc.row->key, dc.column->key}] = Decimal(0);
      }
      std::vector<SplitGroup> groups;
      for (const auto& run : match.runs) {
        SplitGroup g;
        for (const auto& [r, c] : run.tokens)
          g.tokens.push_back(trim(sheet.at(r, c)->text));
        for (const auto& [rd, cd] : run.cells)
          g.cells.push_back({rd->key, cd->key, cd});
        groups.push_back(std::move(g));
      }
      SplitResult split = split_runs(t, format.identities, known, groups);
      for (std::size_t g = 0; g < match.runs.size(); ++g) {
        const RunGroup& run = match.runs[g];
        const bool several = run.tokens.size() < run.cells.size();
        std::string printed;
        for (const auto& tok : groups[g].tokens)
          printed += (printed.empty() ? "" : " ") + tok;
        const auto [first_r, first_c] =
            run.tokens.empty() ? std::pair<int, int>{0, 0} : run.tokens.front();
        std::vector<std::string> undecided;
        for (std::size_t k = 0; k < run.cells.size(); ++k) {
          const auto [rd, cd] = run.cells[k];
          const auto& value = split.values[g][k];
          const std::size_t token = split.token_of[g][k];
          const auto [r, c] =
              token < run.tokens.size() ? run.tokens[token] : std::pair<int, int>{first_r, first_c};
          Cell cell;
          if (value) {
            cell = parse_cell_text(*value, *cd, std::nullopt).cell;
            cell.reconstructed = several;
            if (several) cell.raw = printed;
          } else {
            cell.raw = printed;
            undecided.push_back(cd->label);
          }
          cell.source = where(*rd, *cd, r, c).source;
          split_cells[{rd, cd}] = std::move(cell);
        }
        if (!undecided.empty()) {
          if (codes.split_ambiguous.empty()) continue;
          const auto [rd, cd] = run.cells.front();
          Diagnostic d = make(codes, codes.split_ambiguous, Severity::warning,
                              split.ways[g] == 0 ? "grid.split_none" : "grid.split_ambiguous",
                              where(*rd, *cd, first_r, first_c));
          std::string columns;
          for (const auto& u : undecided)
            columns += (columns.empty() ? "" : ", ") + ("“" + u + "”");
          std::string examples;
          for (const auto& e : split.examples[g])
            examples += (examples.empty() ? "" : "; ") + e;
          d.arg("row", format.row_path_label(t, *rd))
              .arg("text", printed)
              .arg("columns", columns)
              .arg("ways", split.ways[g] > kMaxSplitsCounted
                               ? "> " + std::to_string(kMaxSplitsCounted)
                               : std::to_string(split.ways[g]))
              .arg("examples", examples.empty() ? "—" : examples);
          result.diagnostics.push_back(std::move(d));
        } else if (several && !codes.split_done.empty()) {
          const auto [rd, cd] = run.cells.front();
          Diagnostic d = make(codes, codes.split_done, Severity::info, "grid.split_done",
                              where(*rd, *cd, first_r, first_c));
          std::string values;
          for (const auto& v : split.values[g])
            values += (values.empty() ? "" : " ") + v.value_or("?");
          d.arg("row", format.row_path_label(t, *rd)).arg("text", printed).arg("values", values);
          result.diagnostics.push_back(std::move(d));
        }
      }
    }
    Table& table = report.table(t.key);
    for (const auto& block : t.blocks)
      for (const auto& rd : block.rows) {
        TableRow* row = nullptr;
        for (const auto& cd : block.columns) {
          if (auto sp = split_cells.find({&rd, &cd}); sp != split_cells.end()) {
            if (!row) row = &table.row(rd.key);
            row->set(cd.key, std::move(sp->second));
            continue;
          }
          auto it = at.find({&rd, &cd});
          if (it == at.end()) continue;
          const DataCell& dc = *it->second;
          if (!row) row = &table.row(rd.key);
          const GridCell* uncalculated = nullptr;
          ParsedCell parsed = read_value(sheet, dc.r, dc.c, cd, dc.header_unit, &uncalculated);
          Location loc = where(rd, cd, dc.r, dc.c);
          if (sheet.flow && loc.source.line == 0 && loc.source.paragraph == 0 &&
              loc.source.pointer.empty()) {
            // A blank cell the document does not print: it is found at its row.
            for (int back = dc.c - 1; back >= 0 && loc.source.line == 0; --back)
              if (const GridCell* gc = sheet.at(dc.r, back); gc && !gc->source.empty())
                loc.source = gc->source, loc.source.file = path;
          }
          parsed.cell.source = loc.source;
          if (!sheet.flow) {
            parsed.cell.source.file = path;
            parsed.cell.source.sheet = sheet.name;
            parsed.cell.source.cell = cell_name(dc.r, dc.c);
          }
          if (const GridCell* gc = sheet.at(dc.r, dc.c); gc && gc->reconstructed)
            parsed.cell.reconstructed = true;
          if (parsed.not_a_number) {
            Diagnostic d =
                make(codes, codes.not_a_number, Severity::warning, "grid.not_a_number", loc);
            d.arg("cell", ref(rd, cd, dc.r, dc.c)).arg("text", parsed.cell.raw);
            result.diagnostics.push_back(std::move(d));
          }
          if (uncalculated && !codes.uncalculated.empty()) {
            Diagnostic d =
                make(codes, codes.uncalculated, Severity::warning, "grid.uncalculated", loc);
            d.arg("cell", ref(rd, cd, dc.r, dc.c))
                .arg("formula", uncalculated->formula)
                .arg("reason", uncalculated->note);
            result.diagnostics.push_back(std::move(d));
          }
          row->set(cd.key, std::move(parsed.cell));
        }
      }
  }

  // The prose sheet: a header row "部分 | 段落", then one paragraph per row.
  void read_prose_sheet(const FormatDefinition& format) {
    const Codes& codes = codes_;
    const std::string& path = path_;
    const std::vector<SheetIndex>& index = index_;
    LayoutResult& result = result_;
    Report& report = result_.report;
    for (const auto& s : index) {
      const LabelCell* section_head = nullptr;
      const LabelCell* paragraph_head = nullptr;
      static const std::u32string kSectionHeader = prepare_label(kProseSectionHeader).full;
      static const std::u32string kParagraphHeader = prepare_label(kProseParagraphHeader).full;
      for (const auto& label : s.labels) {
        if (label.label.full == kSectionHeader) section_head = &label;
        if (label.label.full == kParagraphHeader && section_head && label.row == section_head->row)
          paragraph_head = &label;
        if (section_head && paragraph_head) break;
      }
      if (!section_head || !paragraph_head) continue;
      const SectionDef* current = nullptr;
      const int last_row = s.sheet->cells().empty() ? 0 : s.sheet->cells().rbegin()->first.first;
      for (int r = section_head->last_row + 1; r <= last_row; ++r) {
        const GridCell* heading = s.sheet->at(r, section_head->col);
        const GridCell* text = s.sheet->at(r, paragraph_head->col);
        std::string heading_text = heading ? trim(heading->text) : std::string();
        std::string paragraph = text ? trim(text->text) : std::string();
        if (!heading_text.empty()) {
          const SectionDef* found = find_section(format, heading_text);
          if (found) {
            current = found;
          } else if (!paragraph.empty()) {
            Diagnostic d = make(codes, codes.metadata, Severity::warning, "grid.unknown_section",
                                cell_source(path, s.sheet->name, r, section_head->col));
            d.arg("cell", cell_ref(s.sheet->name, r, section_head->col))
                .arg("text", heading_text)
                .arg("format", format.id);
            result.diagnostics.push_back(std::move(d));
          }
        }
        if (paragraph.empty() || !current) continue;
        Paragraph p;
        p.text = paragraph;
        p.source.file = path;
        p.source.sheet = s.sheet->name;
        p.source.cell = cell_name(r, paragraph_head->col);
        report.section(current->key).paragraphs.push_back(std::move(p));
      }
      break;
    }
  }

  const std::vector<Sheet>& sheets_;
  const FormatCatalog& catalog_;
  const Hints& hints_;
  const std::string& path_;
  const Codes& codes_;
  LabelCache* cache_;
  std::size_t label_budget_ = kMaxLabelsInAll;
  std::vector<SheetIndex> index_;
  LayoutResult result_;
  std::vector<MetaEntry> meta_;
  std::string format_hint_;
  const MetaEntry* declared_format_ = nullptr;  // the metadata sheet's 格式, when it names one
  int year_ = 0;
  std::vector<FormatMatch> matches_;
};

}  // namespace

LayoutResult read_report(const std::vector<Sheet>& sheets, const FormatCatalog& catalog,
                         const Hints& hints, const std::string& path, const Codes& codes,
                         LabelCache* cache) {
  return ReportReader(sheets, catalog, hints, path, codes, cache).read();
}

}  // namespace nianbao::grid
