#include "text_document.h"

#include <nianbao/cell_text.h>
#include <nianbao/text.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "grid/text.h"
#include "scan.h"

namespace nianbao::document {
namespace {

// A line this long is not the wrapped prose of a printed page.
constexpr std::size_t kMaxWrappedLine = 45;
// A flattened page runs a whole report into a few lines; shorter lines are left as they are.
constexpr std::size_t kMinFlattenedLine = 200;
// A table of a laid-out page: label lines between rows of figures (wrapped labels, group labels
// printed vertically, captions) are this short at most, and this many in a row at most.
constexpr std::size_t kMaxLayoutLabelChars = 24;
constexpr int kMaxLayoutGap = 12;
// Label fragments of one row label start in the same column, give or take this many characters.
constexpr std::size_t kColumnTolerance = 2;

struct Line {
  std::u32string text;
  int number = 0;          // 1-based
  int page = 0;            // 1-based when the text has form feeds between pages, else 0
  std::size_t offset = 0;  // characters of the printed line before this text (a piece of a
                           // flattened line)
  bool flattened = false;  // a table whose cells lost their boundaries
  bool piece = false;      // a part of a flattened line between its headings
};

SourceLocation location(const Line& line, std::size_t character) {
  SourceLocation s;
  s.line = line.number;
  s.character = static_cast<int>(line.offset + character) + 1;
  if (line.page > 0) s.pointer = "page " + std::to_string(line.page);
  return s;
}

bool blank(const std::u32string& s) {
  return std::all_of(s.begin(), s.end(), is_white_space);
}

std::size_t indent_of(const std::u32string& s) {
  std::size_t i = 0;
  while (i < s.size() && is_white_space(s[i]))
    ++i;
  return i;
}

std::u32string trimmed(std::u32string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && is_white_space(s[a]))
    ++a;
  while (b > a && is_white_space(s[b - 1]))
    --b;
  return std::u32string(s.substr(a, b - a));
}

// "-1-", "— 2 —", "- 3 -", "第 4 页", "第4页 共6页": a page number on a line of its own.
bool page_footer(const std::u32string& line) {
  std::u32string s;
  for (char32_t c : line)
    if (!is_white_space(c)) s += fold_digit(c);
  if (s.empty()) return false;
  auto dash = [](char32_t c) {
    return c == U'-' || c == U'—' || c == U'–' || c == U'－' || c == U'―';
  };
  std::size_t i = 0;
  if (dash(s[0])) {
    while (i < s.size() && dash(s[i]))
      ++i;
    std::size_t digits = i;
    while (i < s.size() && is_ascii_digit(s[i]))
      ++i;
    if (i == digits || i - digits > 4) return false;
    while (i < s.size() && dash(s[i]))
      ++i;
    return i == s.size() && dash(s.back());
  }
  if (s[0] == U'第') {
    i = 1;
    std::size_t digits = i;
    while (i < s.size() && is_ascii_digit(s[i]))
      ++i;
    if (i == digits || i >= s.size() || s[i] != U'页') return false;
    ++i;
    if (i == s.size()) return true;
    if (s[i] != U'共') return false;
    ++i;
    digits = i;
    while (i < s.size() && is_ascii_digit(s[i]))
      ++i;
    return i > digits && i + 1 == s.size() && s[i] == U'页';
  }
  return false;
}

// A chunk of a line: text between runs of two or more spaces, with the column it starts at.
struct Chunk {
  std::u32string text;
  std::size_t x = 0;
};

bool is_value_text(std::u32string_view s) {
  if (s.empty()) return false;
  ColumnDef money;
  money.type = ValueType::money;
  auto cell = nianbao::parse_cell_text(encode_utf8(s), money);
  return cell && cell->state != Cell::State::blank;
}

std::vector<Chunk> chunks_of(const std::u32string& line) {
  std::vector<Chunk> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_white_space(line[i]))
      ++i;
    if (i >= line.size()) break;
    std::size_t start = i;
    while (i < line.size()) {
      if (line[i] == U'\t') break;
      if (is_white_space(line[i]) && i + 1 < line.size() && is_white_space(line[i + 1])) break;
      if (is_white_space(line[i]) && i + 1 == line.size()) break;
      ++i;
    }
    std::u32string text = line.substr(start, i - start);
    // Figures set one space apart ("72 64 178") are cells of their own.
    std::vector<std::pair<std::u32string, std::size_t>> words;
    std::size_t w = 0;
    while (w < text.size()) {
      std::size_t e = text.find(U' ', w);
      if (e == std::u32string::npos) e = text.size();
      words.push_back({text.substr(w, e - w), start + w});
      w = e + 1;
    }
    bool all_values = words.size() > 1 && std::all_of(words.begin(), words.end(), [](auto& p) {
                        return is_value_text(p.first);
                      });
    if (all_values)
      for (auto& [t, x] : words)
        out.push_back({t, x});
    else
      out.push_back({text, start});
  }
  return out;
}

// Bounds on what one text may hold (a report has a few hundred table cells and paragraphs):
// beyond them nothing more is read, and the importer refuses the text, naming the line.
constexpr std::size_t kMaxItems = 200000;

// ---- the document being built ------------------------------------------------------------------

// The blocks read from one text, and what is left of its budget of cells and paragraphs (the
// budget belongs to the text being read, so that nothing is kept between two reads).
class Builder {
 public:
  explicit Builder(Document& doc) : doc_(doc) {}

  void paragraph(std::u32string text, SourceLocation where) {
    std::string t = encode_utf8(trimmed(text));
    if (t.empty() || !spend(where)) return;
    Block b;
    b.kind = Block::Kind::paragraph;
    b.text = std::move(t);
    b.source = std::move(where);
    doc_.blocks.push_back(std::move(b));
  }

  void table(grid::Sheet sheet, SourceLocation where) {
    if (sheet.cells().empty()) return;
    sheet.flow = true;
    sheet.index_merges();
    Block b;
    b.kind = Block::Kind::table;
    b.table = std::move(sheet);
    b.source = std::move(where);
    doc_.blocks.push_back(std::move(b));
  }

  /// Puts a trimmed text cell into `sheet`; false (and nothing put) once the budget is spent.
  bool put_text(grid::Sheet& sheet, int row, int col, std::u32string_view text, SourceLocation at) {
    if (!spend(at)) return false;
    grid::GridCell& cell = sheet.put(row, col);
    std::u32string t = trimmed(text);
    cell.kind = t.empty() ? grid::GridCell::Kind::empty : grid::GridCell::Kind::text;
    cell.text = encode_utf8(t);
    cell.source = std::move(at);
    return true;
  }

  /// The line at which the budget ran out; 0 while it lasts.
  int over_limit_line() const { return over_limit_line_; }

 private:
  bool spend(const SourceLocation& at) {
    if (items_left_ == 0) {
      if (over_limit_line_ == 0) over_limit_line_ = std::max(at.line, 1);
      return false;
    }
    --items_left_;
    return true;
  }

  Document& doc_;
  std::size_t items_left_ = kMaxItems;
  int over_limit_line_ = 0;
};

// Cells in reading order without row boundaries (a "|" page, a flattened page): a row starts at
// each label, and the cells that follow it (figures, blanks) are its values.
class RunOnRows {
 public:
  explicit RunOnRows(Builder& out) : out_(out) {}
  void label(std::u32string_view text, SourceLocation at) {
    ++row_;
    col_ = 0;
    out_.put_text(sheet_, row_, col_++, text, std::move(at));
  }
  void value(std::u32string_view text, SourceLocation at, bool run) {
    if (row_ < 0) ++row_;
    if (out_.put_text(sheet_, row_, col_, text, std::move(at))) sheet_.put(row_, col_).run = run;
    ++col_;
  }
  grid::Sheet take() { return std::move(sheet_); }

 private:
  Builder& out_;
  grid::Sheet sheet_;
  int row_ = -1, col_ = 0;
};

// ---- Word text: one tab-indented cell per line, a blank line between rows
// ------------------------

std::size_t read_tab_table(const std::vector<Line>& lines, std::size_t i, Builder& out) {
  grid::Sheet sheet;
  const SourceLocation start = location(lines[i], 0);
  int row = 0, col = 0;
  bool previous_blank = false;
  grid::GridCell* last = nullptr;
  for (; i < lines.size(); ++i) {
    const std::u32string& s = lines[i].text;
    // A line of a tab alone is a blank cell ("\t" for an empty cell); only a line without its tab
    // ends a row.
    if (blank(s) && (s.empty() || s[0] != U'\t')) {
      if (col > 0) {
        ++row;
        col = 0;
      }
      previous_blank = true;
      last = nullptr;
      continue;
    }
    if (s[0] != U'\t') {
      // A cell's text wrapped onto the next line ("本年新" / "制作数量"); after a blank line, or
      // a heading, the table has ended.
      if (previous_blank || !last || looks_like_heading(encode_utf8(s))) break;
      last->text += "\n" + encode_utf8(trimmed(s));
      last->kind = grid::GridCell::Kind::text;
      continue;
    }
    previous_blank = false;
    std::size_t p = 0;
    while (p < s.size() && s[p] == U'\t') {
      std::size_t e = s.find(U'\t', p + 1);
      if (e == std::u32string::npos) e = s.size();
      last = out.put_text(sheet, row, col, std::u32string_view(s).substr(p + 1, e - p - 1),
                          location(lines[i], p + 1))
                 ? &sheet.put(row, col)
                 : nullptr;
      ++col;
      p = e;
    }
  }
  out.table(std::move(sheet), start);
  return i;
}

// Full-width forms folded to ASCII, one character for one, so that offsets stay the same.
char32_t fold(char32_t c) {
  return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c;
}

std::u32string folded(std::u32string_view s) {
  std::u32string out(s);
  for (auto& c : out)
    c = fold(c);
  return out;
}

// The printed words of every format: labels, aliases, groups, captions, section headings.
class KnownWords {
 public:
  explicit KnownWords(const FormatCatalog& formats) {
    for (const auto* f : formats.all()) {
      for (const auto& sec : f->sections)
        for (const auto& k : sec.keywords)
          keywords_.push_back(folded(decode_utf8(k)));
      for (const auto& t : f->tables)
        for (const auto& b : t.blocks) {
          add(b.caption);
          add(b.corner);
          add(b.column_caption);
          for (const auto& r : b.rows) {
            add(r.label);
            for (const auto& a : r.aliases)
              add(a);
            for (const auto& g : r.groups) {
              add(g);
              other_labels_.insert(grid::normalize_label(g));
            }
            // Table 四's rows are printed as groups of columns, not as row labels.
            auto& set =
                t.layout == TableLayout::rows_as_column_groups ? other_labels_ : row_labels_;
            set.insert(grid::normalize_label(r.label));
            for (const auto& a : r.aliases)
              set.insert(grid::normalize_label(a));
          }
          other_labels_.insert(grid::normalize_label(b.caption));
          other_labels_.insert(grid::normalize_label(b.corner));
          for (const auto& c : b.columns) {
            other_labels_.insert(grid::normalize_label(c.label));
            add(c.label);
            for (const auto& a : c.aliases)
              add(a);
            for (const auto& g : c.groups)
              add(g);
          }
        }
    }
    for (auto& [first, list] : by_first_) {
      std::sort(list.begin(), list.end(),
                [](const auto& a, const auto& b) { return a.size() > b.size(); });
      list.erase(std::unique(list.begin(), list.end()), list.end());
    }
  }

  /// The length of the longest word that starts at s[i] (s folded), or 0.
  std::size_t word_at(const std::u32string& s, std::size_t i) const {
    auto it = by_first_.find(s[i]);
    if (it == by_first_.end()) return 0;
    for (const auto& w : it->second)
      if (s.compare(i, w.size(), w) == 0) return w.size();
    return 0;
  }

  /// The whole label of a table row of some format (its label or an alias, as printed), and not
  /// a group, caption or column header of any.
  bool row_label(const std::u32string& text) const {
    const std::string n = grid::normalize_label(encode_utf8(text));
    return row_labels_.count(n) > 0 && other_labels_.count(n) == 0;
  }

  /// A table whose cells ran together: its text is mostly the formats' words and figures
  /// (prose that mentions a row label or two is not).
  bool flattened_table(const std::u32string& s) const {
    std::size_t covered = 0, digits = 0, words = 0;
    for (std::size_t i = 0; i < s.size();) {
      if (std::size_t w = word_at(s, i); w > 0) {
        covered += w;
        i += w;
        ++words;
      } else if (is_ascii_digit(s[i]) || s[i] == U'.') {
        ++covered;
        ++digits;
        ++i;
      } else {
        if (is_white_space(s[i])) ++covered;
        ++i;
      }
    }
    return words >= 3 && digits > 0 && covered * 10 >= s.size() * 7;
  }

  /// A heading of a part of the report: numbered, and naming a part by one of its keywords.
  bool section_heading(const std::u32string& text) const {
    std::u32string t = folded(trimmed(text));
    if (t.empty() || t.size() > 40 || t.find(U'。') != std::u32string::npos) return false;
    Numbering n = numbering_of(t);
    if (n.style == NumberingStyle::none) return false;
    std::u32string words = t.substr(n.length);
    return std::any_of(keywords_.begin(), keywords_.end(), [&](const std::u32string& k) {
      return !k.empty() && words.find(k) != std::u32string::npos;
    });
  }

 private:
  void add(const std::string& word) {
    std::u32string w = folded(decode_utf8(word));
    if (w.size() >= 2) by_first_[w[0]].push_back(std::move(w));
  }
  std::map<char32_t, std::vector<std::u32string>> by_first_;
  std::vector<std::u32string> keywords_;
  std::set<std::string> row_labels_, other_labels_;
};

// ---- "|" cells ---------------------------------------------------------------------------------

bool pipe_line(const std::u32string& s) {
  std::u32string t = trimmed(s);
  return !t.empty() && t.back() == U'|';
}

std::size_t read_pipe_table(const std::vector<Line>& lines, std::size_t i, const KnownWords& words,
                            Builder& out) {
  RunOnRows rows(out);
  const SourceLocation start = location(lines[i], 0);
  for (; i < lines.size(); ++i) {
    const std::u32string& s = lines[i].text;
    const bool is_pipe = pipe_line(s);
    // The last line of a cut-off page may be half a cell ("(二)部分公").
    const bool fragment = !is_pipe && !blank(s) && i > 0 && pipe_line(lines[i - 1].text) &&
                          trimmed(s).size() <= kMaxLayoutLabelChars && !words.section_heading(s) &&
                          (i + 1 == lines.size() || !pipe_line(lines[i + 1].text));
    if (!is_pipe && !fragment) break;
    std::size_t p = 0;
    while (p <= s.size()) {
      std::size_t e = s.find(U'|', p);
      const bool closed = e != std::u32string::npos;
      if (!closed) e = s.size();
      std::u32string cell = trimmed(std::u32string_view(s).substr(p, e - p));
      if (closed || !cell.empty()) {
        SourceLocation at = location(lines[i], p + indent_of(s.substr(p, e - p)));
        if (!cell.empty() && !is_value_text(cell))
          rows.label(cell, std::move(at));
        else
          rows.value(cell, std::move(at), false);
      }
      if (!closed) break;
      p = e + 1;
    }
    if (fragment) {
      ++i;
      break;
    }
  }
  out.table(rows.take(), start);
  return i;
}

// ---- Markdown pipe tables ----------------------------------------------------------------------

// "| a | b |": a row of a Markdown table.
bool markdown_row(const std::u32string& s) {
  std::u32string t = trimmed(s);
  return t.size() >= 2 && t.front() == U'|' && t.back() == U'|';
}

// The cells of a Markdown row, "\|" read as "|", each with the character it starts at.
std::vector<std::pair<std::u32string, std::size_t>> markdown_cells(const std::u32string& s) {
  std::vector<std::pair<std::u32string, std::size_t>> out;
  const std::size_t first = s.find(U'|');
  std::u32string cell;
  std::size_t start = first + 1;
  for (std::size_t k = first + 1; k < s.size(); ++k) {
    if (s[k] == U'\\' && k + 1 < s.size() && s[k + 1] == U'|') {
      cell += U'|';
      ++k;
      continue;
    }
    if (s[k] == U'|') {
      out.push_back({trimmed(cell), start + indent_of(s.substr(start, k - start))});
      cell.clear();
      start = k + 1;
      continue;
    }
    cell += s[k];
  }
  return out;
}

// "|---|:---:|": the line under a Markdown table's header row.
bool markdown_separator(const std::u32string& s) {
  if (!markdown_row(s)) return false;
  auto cells = markdown_cells(s);
  return !cells.empty() && std::all_of(cells.begin(), cells.end(), [](const auto& c) {
    const std::u32string& t = c.first;
    std::size_t dashes = std::count(t.begin(), t.end(), U'-');
    return dashes > 0 && std::all_of(t.begin(), t.end(), [](char32_t ch) {
             return ch == U'-' || ch == U':' || is_white_space(ch);
           });
  });
}

bool markdown_table_at(const std::vector<Line>& lines, std::size_t i) {
  return i + 1 < lines.size() && markdown_row(lines[i].text) &&
         markdown_separator(lines[i + 1].text);
}

// A figure, a not-applicable mark ("-", "/") or nothing: what a table's value cell holds.
bool value_or_empty(std::u32string_view s) {
  return s.empty() || is_value_text(s);
}

// Markdown tables, as converters and OCR tools print a report's tables: merged cells become empty
// cells (the text in the first), table 三 may be split into one small table per group of rows,
// each under a header row of its own — the real one, or a placeholder ("| 项目 | 数据1 | … | 总计
// |") that need not have as many cells as the rows under it. The columns of a table's values are
// those right of the last label of any row that has a figure; a row whose cells there are all
// figures, marks or empty is a row of values (empty cells are blank cells, kept in place), its
// labels the text left of them; every other row (headers, placeholders, group labels) is a row of
// labels. Tables separated by blank lines only are one table: the flow reading finds rows by their
// labels and columns by their headers, wherever they are.
std::size_t read_markdown_tables(const std::vector<Line>& lines, std::size_t i,
                                 const KnownWords& words, Builder& out,
                                 std::vector<TextForms::Unplaced>& unplaced) {
  grid::Sheet sheet;
  const SourceLocation start = location(lines[i], 0);
  int row = 0;
  std::size_t value_columns = 0;  // of the last table read, when it had figures
  while (markdown_table_at(lines, i)) {
    // The delimiter row is the second line only: a row of "-" further down is a row of cells
    // not applicable.
    std::vector<std::size_t> rows;
    for (const std::size_t header = i; i < lines.size() && markdown_row(lines[i].text); ++i)
      if (i != header + 1) rows.push_back(i);
    std::vector<std::vector<std::pair<std::u32string, std::size_t>>> cells;
    for (std::size_t k : rows)
      cells.push_back(markdown_cells(lines[k].text));
    // The label columns. Rows with figures have their labels left of the values (at least
    // `lowest`) and their figures right of them (from `highest` on at most); the columns between
    // are empty in every such row: merged label cells, or columns of blank cells. A header row
    // (text over the figures, no figure, as many cells as the rows) tells which: the first column
    // from `lowest` on where one has text is the first column of values; else as many columns of
    // values as the table before it in the same run. Failing both, the reading is not unique,
    // and the table is not read.
    std::size_t lowest = 0, highest = SIZE_MAX, width = 0;
    for (const auto& r : cells) {
      bool figures = false;
      for (std::size_t c = 0; c < r.size(); ++c)
        if (!r[c].first.empty() && is_value_text(r[c].first)) {
          figures = true;
          highest = std::min(highest, c);
          break;
        }
      if (!figures) continue;
      width = std::max(width, r.size());
      for (std::size_t c = r.size(); c-- > 0;)
        if (!value_or_empty(r[c].first)) {
          lowest = std::max(lowest, c + 1);
          break;
        }
    }
    // A row label of a format is a label, with or without figures after it.
    if (highest != SIZE_MAX)
      for (const auto& r : cells)
        for (std::size_t c = r.size(); c-- > 0;)
          if (words.row_label(r[c].first)) {
            lowest = std::max(lowest, c + 1);
            break;
          }
    if (highest != SIZE_MAX && lowest > highest) highest = lowest;
    if (highest == SIZE_MAX) {
      // No figure at all (every cell blank): the labels are the text of the rows that hold a row
      // label of a format, the cells right of them blank — from the first column a header row
      // (the first row, or one with text up to its last cell) has text in, when there is one.
      auto last_text = [](const auto& r) {
        for (std::size_t c = r.size(); c-- > 0;)
          if (!r[c].first.empty()) return c + 1;
        return std::size_t{0};
      };
      for (std::size_t n = 1; n < cells.size(); ++n)
        if (std::any_of(cells[n].begin(), cells[n].end(),
                        [&](const auto& c) { return words.row_label(c.first); }))
          lowest = std::max(lowest, last_text(cells[n]));
      std::size_t header = SIZE_MAX;
      for (std::size_t n = 0; n < cells.size(); ++n) {
        const auto& r = cells[n];
        if (n > 0 && last_text(r) != r.size()) continue;
        for (std::size_t c = lowest; c < r.size(); ++c)
          if (!r[c].first.empty()) {
            header = std::min(header, c);
            break;
          }
      }
      if (header != SIZE_MAX) lowest = header;
    }
    std::size_t label_columns = lowest;
    if (highest != SIZE_MAX && highest > lowest) {
      std::size_t header = SIZE_MAX;
      for (const auto& r : cells) {
        if (std::any_of(r.begin(), r.end(),
                        [](const auto& c) { return !c.first.empty() && is_value_text(c.first); }))
          continue;
        // A header has text over the figures; a row of labels and blank cells has none there.
        // A header with another number of cells than the rows (a placeholder "| 项目 | 数据1 |
        // … |") says nothing about their columns.
        if (r.size() != width) continue;
        if (std::all_of(r.begin() + std::min(highest, r.size()), r.end(),
                        [](const auto& c) { return c.first.empty(); }))
          continue;
        for (std::size_t c = lowest; c < r.size(); ++c)
          if (!r[c].first.empty()) {
            header = std::min(header, c);
            break;
          }
      }
      if (header != SIZE_MAX) {
        label_columns = std::min(header, highest);
      } else if (value_columns > 0 && width >= value_columns && width - value_columns >= lowest &&
                 width - value_columns <= highest) {
        // As many columns of values as the table before it in the same run.
        label_columns = width - value_columns;
      } else {
        for (std::size_t k : rows)
          unplaced.push_back({lines[k].number, TextForms::Unplaced::Why::markdown_columns,
                              static_cast<int>(lowest) + 1, static_cast<int>(highest)});
        label_columns = SIZE_MAX;  // no row of values: every cell read as a label
      }
    }
    if (label_columns != SIZE_MAX && highest != SIZE_MAX && width > label_columns)
      value_columns = width - label_columns;
    for (std::size_t n = 0; n < rows.size(); ++n) {
      const Line& line = lines[rows[n]];
      const auto& r = cells[n];
      const bool has_label = label_columns == 0 ||
                             (label_columns != SIZE_MAX &&
                              std::any_of(r.begin(), r.begin() + std::min(label_columns, r.size()),
                                          [](const auto& c) { return !c.first.empty(); }));
      const bool values = r.size() > label_columns &&
                          std::all_of(r.begin() + label_columns, r.end(),
                                      [](const auto& c) { return value_or_empty(c.first); });
      int col = 0;
      for (std::size_t c = 0; c < r.size(); ++c) {
        const bool value_cell = values && has_label && c >= label_columns;
        if (!value_cell && r[c].first.empty()) continue;  // a merged or empty label cell
        if (!out.put_text(sheet, row, col++, r[c].first, location(line, r[c].second))) break;
      }
      ++row;
    }
    // The next table, after blank lines only, goes on in the same sheet.
    std::size_t next = i;
    while (next < lines.size() && blank(lines[next].text))
      ++next;
    if (!markdown_table_at(lines, next)) break;
    i = next;
  }
  out.table(std::move(sheet), start);
  return i;
}

// ---- one cell a line ---------------------------------------------------------------------------

// The longest label of a table (row labels of table 三 run to some forty characters).
constexpr std::size_t kMaxCellLineLabel = 60;

enum class CellLine { none, label, value, empty };

CellLine cell_line_kind(const Line& line, const KnownWords& words) {
  const std::u32string& s = line.text;
  if (blank(s)) return s.empty() || s[0] != U'\t' ? CellLine::empty : CellLine::none;
  if (line.flattened || s[0] == U'\t' || pipe_line(s) || markdown_row(s)) return CellLine::none;
  if (chunks_of(s).size() != 1) return CellLine::none;
  const std::u32string t = trimmed(s);
  if (is_value_text(t)) return CellLine::value;
  if (t.size() > kMaxCellLineLabel || t.find(U'。') != std::u32string::npos ||
      words.section_heading(t))
    return CellLine::none;
  return CellLine::label;
}

// A table printed one cell a line without indentation (a web page's or an OCR tool's text): a
// label line starts a row, the lines after it are its cells, and an empty line is a blank cell.
// The stretch starts at a label and runs over labels, figures and empty lines; it is a table when
// its figures and blank cells are at least a quarter of its lines (four figures at least). Returns
// the line after the table, or `i` when there is none.
std::size_t cell_lines_end(const std::vector<Line>& lines, std::size_t i, const KnownWords& words,
                           bool wrapped, std::size_t& stretch_end) {
  stretch_end = i;
  if (cell_line_kind(lines[i], words) != CellLine::label) return i;
  std::size_t end = i, values = 0, empties = 0, labels = 0;
  for (; end < lines.size(); ++end) {
    const CellLine kind = cell_line_kind(lines[end], words);
    if (kind == CellLine::none) break;
    if (kind == CellLine::value) ++values;
    if (kind == CellLine::empty) ++empties;
    if (kind == CellLine::label) ++labels;
  }
  // A table whose cells are all blank (table 四 of a year without cases) has no figure to tell
  // it; outside a printed page's layout, where empty lines are only spacing, its labels and empty
  // lines are enough.
  stretch_end = end;
  const bool blank_table = !wrapped && labels >= 3 && empties >= 4;
  if ((values < 4 && !blank_table) || (values + empties) * 4 < end - i) return i;
  return end;
}

// Reads the table of lines [i, end). When every label but the first follows an empty line, the
// empty lines right before labels separate rows (Word's text without its tabs) and are not cells.
void read_cell_lines(const std::vector<Line>& lines, std::size_t i, std::size_t end,
                     const KnownWords& words, Builder& out) {
  std::size_t labels = 0, labels_after_empty = 0;
  for (std::size_t k = i; k < end; ++k)
    if (cell_line_kind(lines[k], words) == CellLine::label) {
      ++labels;
      if (k > i && cell_line_kind(lines[k - 1], words) == CellLine::empty) ++labels_after_empty;
    }
  const bool separated = labels > 1 && labels_after_empty + 1 == labels;
  RunOnRows rows(out);
  for (std::size_t k = i; k < end; ++k) {
    const CellLine kind = cell_line_kind(lines[k], words);
    const SourceLocation at = location(lines[k], indent_of(lines[k].text));
    if (kind == CellLine::label)
      rows.label(trimmed(lines[k].text), at);
    else if (kind == CellLine::value)
      rows.value(trimmed(lines[k].text), at, false);
    else if (!(separated && k + 1 < end && cell_line_kind(lines[k + 1], words) == CellLine::label))
      rows.value(U"", at, false);
  }
  out.table(rows.take(), location(lines[i], 0));
}

// ---- rows of figures apart from their labels
// -----------------------------------------------------

// Some PDF-to-text and OCR outputs print a table's labels one a line, then its rows of figures one
// a line, the figures a space or more apart:
//     一、本年新收政府信息公开申请数量
//     二、上年结转政府信息公开申请数量
//     三、本年度办理结果
//     （一）予以公开
//     …
//     64 0 0 2 0 4 70
//     0 0 0 0 0 0 0
//     27 0 0 2 0 1 30
// Which label a row of figures belongs to is not printed. The rows are placed in the order of the
// labels, skipping labels without a row, in every way the labels allow; a placement is kept when
// every sum the format declares for the table holds for it. The table is read only when exactly
// one placement is kept (and every row has as many figures as the table has columns); otherwise its
// lines are unplaced (TextForms::Unplaced::Why::separated_rows), never read with shifted values.

// More placements than this are not tried one by one: the reading is then not unique.
constexpr std::size_t kMaxPlacementsTried = 200000;

// A line of figures only (figures, not-applicable marks), `at_least` of them, with where each
// starts.
std::optional<std::vector<Chunk>> figure_row(const Line& line, std::size_t at_least) {
  const std::u32string& s = line.text;
  if (line.flattened || s.empty() || s[0] == U'\t' || pipe_line(s) || markdown_row(s))
    return std::nullopt;
  std::vector<Chunk> chunks = chunks_of(s);
  if (chunks.size() < at_least) return std::nullopt;
  for (const auto& c : chunks)
    if (!is_value_text(c.text)) return std::nullopt;
  return chunks;
}

struct SeparatedCandidate {
  const FormatDefinition* format = nullptr;
  const TableDef* table = nullptr;
  const BlockDef* block = nullptr;
  std::vector<const RowDef*> rows;  // the block's rows printed on the label lines, in order
  std::vector<std::size_t> lines;   // the label line of each (an index into the label lines)
};

// The row of `block` printed as `text` (its label or an alias), or nullptr.
const RowDef* row_of(const BlockDef& block, const std::string& normalized) {
  for (const auto& r : block.rows) {
    if (grid::normalize_label(r.label) == normalized) return &r;
    for (const auto& a : r.aliases)
      if (grid::normalize_label(a) == normalized) return &r;
  }
  return nullptr;
}

bool row_of_key(const BlockDef& block, std::string_view key) {
  return std::any_of(block.rows.begin(), block.rows.end(),
                     [&](const RowDef& r) { return r.key == key; });
}

// Every block of a format with at least two of its rows on the label lines, in the block's order;
// the other label lines are its headers and group labels. The label lines that name a row of the
// format (`row_lines`) must all be rows of the block.
std::vector<SeparatedCandidate> separated_candidates(const std::vector<std::u32string>& labels,
                                                     const std::vector<bool>& row_lines,
                                                     const FormatCatalog& formats) {
  std::vector<SeparatedCandidate> out;
  std::vector<std::string> normalized;
  for (const auto& l : labels)
    normalized.push_back(grid::normalize_label(encode_utf8(l)));
  for (const auto* f : formats.all())
    for (const auto& t : f->tables) {
      if (t.layout == TableLayout::rows_as_column_groups) continue;
      for (const auto& b : t.blocks) {
        SeparatedCandidate c{f, &t, &b, {}, {}};
        const RowDef* previous = nullptr;
        bool fits = true;
        for (std::size_t k = 0; k < normalized.size() && fits; ++k) {
          const RowDef* r = row_of(b, normalized[k]);
          if (r && (!previous || r > previous)) {
            c.rows.push_back(r);
            c.lines.push_back(k);
            previous = r;
          } else if (row_lines[k]) {
            fits = false;
          }
        }
        if (fits && c.rows.size() >= 2) out.push_back(std::move(c));
      }
    }
  return out;
}

// The placements of `values` rows of figures (each as wide as the block) on the candidate's rows
// for which the format's sums hold: each placement is, for each row of figures, the index of its
// row label. Stops at two (the reading is then not unique) or when too many have been tried.
void placements(const SeparatedCandidate& c, const std::vector<std::vector<Decimal>>& values,
                std::set<std::vector<std::size_t>>& found, std::size_t& tried) {
  const std::vector<ColumnDef>& columns = c.block->columns;
  auto column_index = [&](std::string_view key) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < columns.size(); ++k)
      if (columns[k].key == key) return k;
    return std::nullopt;
  };
  auto row_index = [&](std::string_view key) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < c.rows.size(); ++k)
      if (c.rows[k]->key == key) return k;
    // A row of the block without a label line holds nothing; a row of another block: unknown.
    if (row_of_key(*c.block, key)) return c.rows.size();
    return std::nullopt;
  };
  // The format's sums over the candidate's table, by row (over rows) and by column (over columns).
  std::vector<IdentityInstance> row_sums, column_sums;
  for (const auto& id : c.format->identities) {
    if (id.table != c.table->key) continue;
    auto instances = identity_instances(id, *c.table);
    auto& to = id.over == IdentityDef::Over::rows ? row_sums : column_sums;
    to.insert(to.end(), instances.begin(), instances.end());
  }
  auto sum = [](const std::vector<Decimal>& parts) -> std::optional<Decimal> {
    Decimal total(0);
    for (const auto& p : parts) {
      auto next = Decimal::add(total, p);
      if (!next) return std::nullopt;
      total = *next;
    }
    return total;
  };
  // The sums within a row of figures (over rows) do not depend on where it is placed, except for
  // which rows they apply to: checked for the row it is given.
  auto row_holds = [&](std::size_t label, const std::vector<Decimal>& row) {
    for (const auto& in : row_sums) {
      if (in.member != c.rows[label]->key) continue;
      std::vector<Decimal> lhs, rhs;
      bool known = true;
      auto add = [&](const std::vector<IdentityCell>& cells, std::vector<Decimal>& to) {
        for (const auto& cell : cells)
          if (auto i = column_index(cell.column))
            to.push_back(row[*i]);
          else
            known = false;
      };
      add(in.lhs, lhs);
      add(in.rhs, rhs);
      if (!known) continue;
      auto a = sum(lhs), b = sum(rhs);
      if (!a || !b || !(*a == *b)) return false;
    }
    return true;
  };
  auto columns_hold = [&](const std::vector<std::size_t>& placement) {
    std::vector<std::optional<std::size_t>> figures_of(c.rows.size() + 1);
    for (std::size_t v = 0; v < placement.size(); ++v)
      figures_of[placement[v]] = v;
    for (const auto& in : column_sums) {
      const auto k = column_index(in.member);
      if (!k) continue;
      std::vector<Decimal> lhs, rhs;
      bool known = true;
      auto add = [&](const std::vector<IdentityCell>& cells, std::vector<Decimal>& to) {
        for (const auto& cell : cells) {
          auto r = row_index(cell.row);
          if (!r) {
            known = false;
            continue;
          }
          const auto& v = figures_of[*r];
          to.push_back(v ? values[*v][*k] : Decimal(0));
        }
      };
      add(in.lhs, lhs);
      add(in.rhs, rhs);
      if (!known) continue;
      auto a = sum(lhs), b = sum(rhs);
      if (!a || !b || !(*a == *b)) return false;
    }
    return true;
  };
  std::vector<std::size_t> placement;
  // Row of figures v on label line l or later, leaving enough labels for the rest.
  std::function<void(std::size_t, std::size_t)> place = [&](std::size_t v, std::size_t l) {
    if (found.size() > 1 || tried > kMaxPlacementsTried) return;
    if (v == values.size()) {
      ++tried;
      if (columns_hold(placement)) found.insert(placement);
      return;
    }
    for (std::size_t at = l; at + (values.size() - v) <= c.rows.size(); ++at) {
      if (!row_holds(at, values[v])) continue;
      placement.push_back(at);
      place(v + 1, at + 1);
      placement.pop_back();
      if (found.size() > 1 || tried > kMaxPlacementsTried) return;
    }
  };
  place(0, 0);
}

// Reads the label lines and the rows of figures after them, from line i: the line after them when
// they are such a table (read, or its lines unplaced), else i. `seen` is set to the end of the
// stretch looked at, so that it is not looked at again from each of its lines.
std::size_t read_separated_rows(const std::vector<Line>& lines, std::size_t i,
                                const KnownWords& words, const FormatCatalog& formats, Builder& out,
                                std::vector<TextForms::Unplaced>& unplaced, std::size_t& seen) {
  seen = i;
  std::vector<std::size_t> label_lines, row_lines, figure_lines;
  std::size_t j = i;
  // The label lines follow each other without an empty line (in text with one cell a line, an
  // empty line is a blank cell, and two row labels never follow each other).
  for (; j < lines.size(); ++j) {
    if (blank(lines[j].text)) break;
    // (A line of figures is no label: it has several chunks, or one that is a figure.)
    if (cell_line_kind(lines[j], words) != CellLine::label) break;
    label_lines.push_back(j);
    if (words.row_label(trimmed(lines[j].text))) row_lines.push_back(j);
  }
  seen = std::max(i, j);
  std::vector<std::vector<Chunk>> figures;
  std::size_t end = j;
  for (; end < lines.size(); ++end) {
    if (blank(lines[end].text)) continue;
    // A row with one figure is a row of figures too (its other cells printed as nothing): it
    // cannot fill the columns, and is said so rather than taken for a cell a line.
    auto row = figure_row(lines[end], 1);
    if (!row) break;
    figures.push_back(std::move(*row));
    figure_lines.push_back(end);
  }
  if (row_lines.size() < 2 || figures.size() < 2) return i;
  seen = end;
  std::vector<std::u32string> labels;
  std::vector<bool> is_row;
  for (std::size_t k : label_lines) {
    labels.push_back(trimmed(lines[k].text));
    is_row.push_back(std::find(row_lines.begin(), row_lines.end(), k) != row_lines.end());
  }
  const std::vector<SeparatedCandidate> candidates = separated_candidates(labels, is_row, formats);
  std::size_t most_rows = row_lines.size();
  for (const auto& c : candidates)
    most_rows = std::max(most_rows, c.rows.size());
  auto refuse = [&] {
    for (std::size_t k : figure_lines)
      unplaced.push_back({lines[k].number, TextForms::Unplaced::Why::separated_rows,
                          static_cast<int>(figures.size()), static_cast<int>(most_rows)});
    return end;
  };
  // The placements of every candidate, as label lines for the rows of figures: one only.
  std::set<std::vector<std::size_t>> found;
  std::size_t tried = 0;
  const SeparatedCandidate* chosen = nullptr;
  for (const auto& c : candidates) {
    const std::size_t width = c.block->columns.size();
    if (figures.size() > c.rows.size()) continue;
    std::vector<std::vector<Decimal>> values;
    bool fits = true;
    for (const auto& row : figures) {
      if (row.size() != width) {
        fits = false;
        break;
      }
      std::vector<Decimal> v;
      for (std::size_t k = 0; k < width; ++k) {
        auto cell = nianbao::parse_cell_text(encode_utf8(row[k].text), c.block->columns[k]);
        v.push_back(cell ? cell->arithmetic_value() : Decimal(0));
      }
      values.push_back(std::move(v));
    }
    if (!fits) continue;
    std::set<std::vector<std::size_t>> mine;
    placements(c, values, mine, tried);
    for (const auto& p : mine) {
      std::vector<std::size_t> at;
      for (std::size_t v : p)
        at.push_back(c.lines[v]);
      found.insert(std::move(at));
    }
    if (!mine.empty()) chosen = &c;
  }
  if (found.size() != 1 || !chosen || tried > kMaxPlacementsTried) return refuse();
  const std::vector<std::size_t>& placement = *found.begin();
  std::map<std::size_t, std::size_t> figures_at;  // label line (index) → row of figures
  for (std::size_t v = 0; v < placement.size(); ++v)
    figures_at[placement[v]] = v;
  std::set<std::size_t> rows_of_block(chosen->lines.begin(), chosen->lines.end());
  const std::size_t width = chosen->block->columns.size();
  RunOnRows rows(out);
  for (std::size_t n = 0; n < label_lines.size(); ++n) {
    const std::size_t k = label_lines[n];
    const SourceLocation at = location(lines[k], indent_of(lines[k].text));
    rows.label(trimmed(lines[k].text), at);
    if (auto f = figures_at.find(n); f != figures_at.end()) {
      const Line& line = lines[figure_lines[f->second]];
      for (const auto& chunk : figures[f->second])
        rows.value(chunk.text, location(line, chunk.x), false);
    } else if (rows_of_block.count(n)) {
      // A row the sums leave without figures: its cells are blank.
      for (std::size_t c = 0; c < width; ++c)
        rows.value(U"", at, false);
    }
  }
  out.table(rows.take(), location(lines[i], 0));
  return end;
}

// ---- physical layout ---------------------------------------------------------------------------

struct LayoutLine {
  const Line* line = nullptr;
  std::vector<Chunk> chunks;
  std::size_t first_value = 0;  // chunks before it are labels; from it on, figures
  bool after_blank = false;     // a blank line (or a page break) comes before it
  bool data() const { return first_value < chunks.size(); }
};

LayoutLine layout_line(const Line& line) {
  LayoutLine l;
  l.line = &line;
  l.chunks = chunks_of(line.text);
  // The figures start at the first figure; a cell among them that is not one ("三十") is still a
  // cell, as long as most of them are figures.
  l.first_value = l.chunks.size();
  std::size_t values = 0;
  for (std::size_t k = l.chunks.size(); k-- > 0;)
    if (is_value_text(l.chunks[k].text)) {
      l.first_value = k;
      ++values;
    }
  if (values * 2 <= l.chunks.size() - l.first_value) l.first_value = l.chunks.size();
  return l;
}

// A line that belongs to a table of a laid-out page: columns apart, or figures after a label.
bool table_line(const LayoutLine& l) {
  if (l.chunks.size() < 2) return false;
  if (l.data()) return true;
  return std::all_of(l.chunks.begin(), l.chunks.end(), [](const Chunk& c) {
    return c.text.size() <= kMaxLayoutLabelChars && c.text.find(U'。') == std::u32string::npos;
  });
}

bool label_fragment(const std::u32string& s) {
  std::u32string t = trimmed(s);
  return !t.empty() && t.size() <= kMaxLayoutLabelChars && t.find(U'。') == std::u32string::npos;
}

bool starts_label(const std::u32string& s) {
  return numbering_of(s).style != NumberingStyle::none;
}

bool near(std::size_t a, std::size_t b) {
  return (a > b ? a - b : b - a) <= kColumnTolerance;
}

// A table set in columns by spaces. Rows of figures become rows of the sheet, each with its label
// joined from the fragments printed around it: a fragment that starts a numbered label ("1、申请人
// 无正当理由逾期不补") above the row, the row's own, and unnumbered continuations below ("息公开申
// 请"), all in the row label's column. Fragments in other columns are group labels printed
// vertically ("三、" "本" "年" …); they and header lines become rows of labels.
// The columns of each line's figures. Within a stretch of the table under one header line (a line
// of two or more unnumbered labels: "信息内容  本年处理决定数量"), the figures of all lines, where
// they overlap, make the columns; a line with fewer figures than columns (blank cells printed as
// nothing) has them placed under the columns they stand in. When its figures are the first
// columns in order, nothing changes; when two stand under one column, the line is unplaced: the
// reading would not be unique. (A column blank on every line of the stretch leaves no figure; a
// header over no figure says so, and the stretch is unplaced.)
std::map<const LayoutLine*, std::vector<std::size_t>> layout_columns(
    const std::vector<LayoutLine>& lines, std::vector<TextForms::Unplaced>& unplaced) {
  std::map<const LayoutLine*, std::vector<std::size_t>> out;
  auto header = [](const LayoutLine& l) {
    return !l.data() && l.chunks.size() >= 2 &&
           std::none_of(l.chunks.begin(), l.chunks.end(),
                        [](const Chunk& c) { return starts_label(c.text); });
  };
  std::size_t begin = 0;
  while (begin < lines.size()) {
    std::size_t end = begin + 1;
    while (end < lines.size() && !header(lines[end]))
      ++end;
    // The figures' extents, merged where they overlap.
    std::vector<std::pair<std::size_t, std::size_t>> columns;
    for (std::size_t k = begin; k < end; ++k)
      if (lines[k].data())
        for (std::size_t f = lines[k].first_value; f < lines[k].chunks.size(); ++f) {
          const Chunk& c = lines[k].chunks[f];
          columns.push_back({c.x, c.x + c.text.size()});
        }
    std::sort(columns.begin(), columns.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& c : columns) {
      if (!merged.empty() && c.first < merged.back().second)
        merged.back().second = std::max(merged.back().second, c.second);
      else
        merged.push_back(c);
    }
    // A column blank on every line of the stretch leaves no figures; its header shows it: a
    // header line with more headers than there are columns of figures, or a header standing
    // between two columns of figures, clear of both. (Headers wrap, centre and overhang, so a
    // header beside or beyond the figures is not evidence.)
    constexpr std::size_t kHeaderGap = 3;
    std::size_t labels_end = 0;  // where the row labels end
    for (std::size_t k = begin; k < end; ++k)
      if (lines[k].data() && lines[k].first_value > 0) {
        const Chunk& c = lines[k].chunks[lines[k].first_value - 1];
        labels_end = std::max(labels_end, c.x + c.text.size());
      }
    bool blank_column = false;
    if (!merged.empty())
      for (std::size_t k = begin + 1; k-- > 0 && !lines[k].data();) {
        std::size_t headers = 0;
        for (const Chunk& c : lines[k].chunks) {
          const std::size_t c_end = c.x + c.text.size();
          if (c_end <= labels_end) continue;  // over the labels
          ++headers;
          for (std::size_t m = 0; m + 1 < merged.size(); ++m)
            if (c.x >= merged[m].second + kHeaderGap && c_end + kHeaderGap <= merged[m + 1].first)
              blank_column = true;
        }
        if (headers > merged.size()) blank_column = true;
      }
    // The columns are known when the lines with the most figures fill them all; figures set
    // less regularly (more columns than figures on any line) are read in order on full lines,
    // and cannot be placed on the others.
    std::size_t most = 0;
    for (std::size_t k = begin; k < end; ++k)
      if (lines[k].data()) most = std::max(most, lines[k].chunks.size() - lines[k].first_value);
    // The column each figure stands under: the first column that does not end before it.
    auto column_of = [&](const Chunk& chunk) {
      std::size_t under = 0;
      while (under < merged.size() && merged[under].second <= chunk.x)
        ++under;
      return under;
    };
    bool regular = merged.size() == most;
    for (std::size_t k = begin; k < end && regular; ++k) {
      const LayoutLine& l = lines[k];
      if (!l.data() || l.chunks.size() - l.first_value != most) continue;
      for (std::size_t f = 0; f < most; ++f)
        if (column_of(l.chunks[l.first_value + f]) != f) regular = false;
    }
    for (std::size_t k = begin; k < end; ++k) {
      const LayoutLine& l = lines[k];
      const std::size_t figures = l.data() ? l.chunks.size() - l.first_value : 0;
      if (figures == 0 || (!regular && figures == most)) continue;
      if (blank_column || !regular) {
        unplaced.push_back({l.line->number, TextForms::Unplaced::Why::layout_blank_column,
                            static_cast<int>(figures), static_cast<int>(merged.size())});
        continue;
      }
      std::vector<std::size_t> placed;
      bool in_order = true, unique = true;
      for (std::size_t f = 0; f < figures; ++f) {
        const std::size_t under = column_of(l.chunks[l.first_value + f]);
        if (!placed.empty() && under <= placed.back()) unique = false;
        placed.push_back(under);
        in_order = in_order && under == f;
      }
      if (in_order) continue;
      if (!unique) {
        unplaced.push_back({l.line->number, TextForms::Unplaced::Why::layout_columns,
                            static_cast<int>(figures), static_cast<int>(merged.size())});
        continue;
      }
      out[&l] = std::move(placed);
    }
    begin = end;
  }
  return out;
}

void read_layout_table(const std::vector<LayoutLine>& lines, const KnownWords& words, Builder& out,
                       std::vector<TextForms::Unplaced>& unplaced) {
  // The label column of the last row of figures (0 when none: a label column is counted from 1).
  std::size_t open_column = 0;
  grid::Sheet sheet;
  int row = 0;
  const auto placed = layout_columns(lines, unplaced);
  // The most figures on a line: a row printed without any (all its cells blank) gets as many
  // empty cells.
  std::size_t most = 0;
  for (const auto& l : lines)
    if (l.data()) most = std::max(most, l.chunks.size() - l.first_value);
  // Whether the line after `l` is a row of figures without a label of its own (the label above
  // is then its label, not a row without figures).
  auto figures_below = [&](const LayoutLine& l) {
    const std::size_t k = static_cast<std::size_t>(&l - lines.data()) + 1;
    return k < lines.size() && lines[k].data() && lines[k].first_value == 0;
  };
  struct Pending {
    const LayoutLine* line;
    const Chunk* chunk;
  };
  std::vector<Pending> starts;  // numbered fragments waiting for their row
  int open_row = -1;
  auto flush_labels = [&](const LayoutLine& l, const std::vector<const Chunk*>& chunks) {
    if (chunks.empty()) return;
    int col = 0;
    for (const Chunk* c : chunks)
      out.put_text(sheet, row, col++, c->text, location(*l.line, c->x));
    ++row;
  };
  for (const auto& l : lines) {
    if (!l.data()) {
      // A label continues onto the lines right below it only.
      if (l.after_blank) open_column = 0;
      std::vector<const Chunk*> rest;
      if (l.chunks.size() == 1 && most > 0 && !figures_below(l)) {
        // A whole row label on a line of its own, or completing the numbered fragment above
        // ("二、上年结转政府信息公开" / "申请数量"): a row whose cells are all blank.
        const Chunk& c = l.chunks.front();
        std::u32string label = c.text;
        SourceLocation at = location(*l.line, c.x);
        const bool continues = !starts.empty() && near(starts.back().chunk->x, c.x) &&
                               !starts_label(c.text) &&
                               words.row_label(starts.back().chunk->text + c.text);
        if (continues) {
          label = starts.back().chunk->text + c.text;
          at = location(*starts.back().line->line, starts.back().chunk->x);
        }
        const bool continues_row_above =
            open_column > 0 && near(c.x + 1, open_column) && !starts_label(c.text);
        if (continues || (words.row_label(c.text) && !continues_row_above)) {
          if (continues) starts.pop_back();
          for (const auto& p : starts)
            flush_labels(*p.line, {p.chunk});
          starts.clear();
          out.put_text(sheet, row, 0, label, at);
          for (std::size_t k = 0; k < most; ++k)
            out.put_text(sheet, row, static_cast<int>(k) + 1, U"", location(*l.line, c.x));
          open_column = c.x + 1;
          open_row = row;
          ++row;
          continue;
        }
      }
      for (const auto& c : l.chunks) {
        if (open_column > 0 && near(c.x + 1, open_column) && !starts_label(c.text) &&
            label_fragment(c.text)) {
          // The label of the row above, continued.
          grid::GridCell& label = sheet.put(open_row, 0);
          label.text += encode_utf8(c.text);
          continue;
        }
        if (starts_label(c.text) && label_fragment(c.text) && l.chunks.size() == 1) {
          starts.push_back({&l, &c});
          continue;
        }
        rest.push_back(&c);
      }
      flush_labels(l, rest);
      continue;
    }
    // A row of figures: its label is the last label chunk before them, or a fragment above.
    const Chunk* own = l.first_value > 0 ? &l.chunks[l.first_value - 1] : nullptr;
    std::u32string label;
    SourceLocation label_at;
    // The row label's column, counted from 1 (0: not known yet).
    std::size_t label_column = own ? own->x + 1 : 0;
    std::vector<Pending> used;
    for (const auto& p : starts)
      if (label_column == 0 || near(p.chunk->x + 1, label_column)) {
        if (label_column == 0) label_column = p.chunk->x + 1;
        used.push_back(p);
      }
    // Only the fragments right above belong to this row; earlier ones were group labels.
    if (!used.empty()) {
      const Pending& p = used.back();
      label = p.chunk->text;
      label_at = location(*p.line->line, p.chunk->x);
    }
    for (const auto& p : starts)
      if (used.empty() || p.chunk != used.back().chunk) flush_labels(*p.line, {p.chunk});
    starts.clear();
    if (own) {
      if (label.empty()) label_at = location(*l.line, own->x);
      label += own->text;
    }
    // Group fragments on the same line ("本", "（五）不") go on a row of labels of their own.
    std::vector<const Chunk*> groups;
    for (std::size_t k = 0; k + 1 < l.first_value; ++k)
      groups.push_back(&l.chunks[k]);
    flush_labels(l, groups);
    int col = 0;
    if (!label.empty()) out.put_text(sheet, row, col++, label, label_at);
    if (auto p = placed.find(&l); p != placed.end()) {
      // Blank cells between the figures, as empty cells in their places.
      const int first = col;
      for (std::size_t f = 0; f < p->second.size(); ++f) {
        const int at = first + static_cast<int>(p->second[f]);
        while (col < at)
          out.put_text(sheet, row, col++, U"", location(*l.line, l.chunks[l.first_value + f].x));
        const Chunk& chunk = l.chunks[l.first_value + f];
        out.put_text(sheet, row, col++, chunk.text, location(*l.line, chunk.x));
      }
    } else {
      for (std::size_t k = l.first_value; k < l.chunks.size(); ++k)
        out.put_text(sheet, row, col++, l.chunks[k].text, location(*l.line, l.chunks[k].x));
    }
    open_column = label_column;
    open_row = label.empty() ? -1 : row;
    if (open_row < 0) open_column = 0;
    ++row;
  }
  for (const auto& p : starts)
    flush_labels(*p.line, {p.chunk});
  if (!lines.empty()) out.table(std::move(sheet), location(*lines.front().line, 0));
}

// ---- flattened pages ---------------------------------------------------------------------------

// The headings of a flattened page's parts inside its one long line: "…情况。 二、主动公开政府
// 信息情况第二十条…". A heading ends at a space or after its closing word.
std::vector<std::size_t> inline_headings(const std::u32string& s, const KnownWords& words) {
  std::vector<std::size_t> out;
  int last = 0;
  for (std::size_t p = 0; p + 1 < s.size(); ++p) {
    if (!is_part_numeral(s[p])) continue;
    if (p > 0 && !(is_white_space(s[p - 1]) || s[p - 1] == U'。' || s[p - 1] == U'）' ||
                   is_ascii_digit(fold_digit(s[p - 1]))))
      continue;
    Numbering n = numbering_of(std::u32string_view(s).substr(p, 8));
    if (n.style != NumberingStyle::chinese || n.value <= last) continue;
    std::size_t end = p + n.length;
    std::size_t limit = std::min(s.size(), p + 40);
    while (end < limit && !is_white_space(s[end])) {
      if (s.compare(end, 2, U"情况") == 0 || s.compare(end, 2, U"事项") == 0) {
        end += 2;
        break;
      }
      ++end;
    }
    if (!words.section_heading(s.substr(p, end - p))) continue;
    last = n.value;
    out.push_back(p);
    out.push_back(end);
  }
  return out;
}

// Breaks a flattened line into its headings and the text between them; the text of a part that is
// a table is marked to be read as one.
void split_flattened(const Line& line, const KnownWords& words, std::vector<Line>& out,
                     TextForms& forms) {
  std::vector<std::size_t> cuts = inline_headings(line.text, words);
  if (cuts.size() < 4) {
    out.push_back(line);
    return;
  }
  auto piece = [&](std::size_t from, std::size_t to, bool heading) {
    Line l = line;
    l.text = line.text.substr(from, to - from);
    l.offset = line.offset + from;
    l.flattened = !heading && words.flattened_table(folded(l.text));
    l.piece = !heading;
    if (l.flattened) forms.flattened = true;
    if (!blank(l.text)) out.push_back(std::move(l));
  };
  std::size_t at = 0;
  for (std::size_t k = 0; k + 1 < cuts.size(); k += 2) {
    piece(at, cuts[k], false);
    piece(cuts[k], cuts[k + 1], true);
    at = cuts[k + 1];
  }
  piece(at, line.text.size(), false);
}

// Prose run together (a flattened page, a web page's text): paragraphs and sub-headings
// ("（一）主动公开方面") were separated by spaces.
void flattened_prose(const Line& line, Builder& out) {
  const std::u32string& s = line.text;
  std::size_t start = 0;
  auto emit = [&](std::size_t end) {
    std::u32string text = s.substr(start, end - start);
    if (!blank(text)) out.paragraph(text, location(line, start + indent_of(text)));
  };
  auto bracketed = [&](std::size_t at) {
    return numbering_of(std::u32string_view(s).substr(at, 8)).style == NumberingStyle::bracketed;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    // "…解读。（二）依申请公开方面": a numbered sub-heading right after a sentence.
    if (i > start && s[i - 1] == U'。' && (s[i] == U'（' || s[i] == U'(') && bracketed(i)) {
      emit(i);
      start = i;
      continue;
    }
    if (!is_white_space(s[i])) continue;
    std::size_t next = i;
    while (next < s.size() && is_white_space(s[next]))
      ++next;
    const bool after_sentence = i > 0 && s[i - 1] == U'。';
    const bool before_heading = next < s.size() && bracketed(next);
    bool after_heading = false;
    if (i - start <= 24) {
      const std::u32string piece = trimmed(std::u32string_view(s).substr(start, i - start));
      after_heading = numbering_of(piece).style == NumberingStyle::bracketed &&
                      piece.size() <= 20 && piece.find(U'。') == std::u32string::npos;
    }
    if (after_sentence || before_heading || after_heading) {
      emit(i);
      start = next;
    }
    i = next - 1;
  }
  emit(s.size());
}

// A table without cell boundaries: labels and runs of figures, read in order. A figure run ends
// where a label starts; a digit before "." or "、" and a word starts the next label ("00000002.其他
// 法律…" is 0000000, then "2.其他法律…"); words run together are told apart by the labels of the
// formats ("信息内容本年制发件数…").
void read_flattened_table(const Line& line, const KnownWords& words, Builder& out) {
  const std::u32string s = folded(line.text);
  RunOnRows rows(out);
  std::size_t text_start = std::u32string::npos;
  auto flush = [&](std::size_t end) {
    if (text_start == std::u32string::npos) return;
    std::u32string t = trimmed(std::u32string_view(line.text).substr(text_start, end - text_start));
    if (!t.empty()) rows.label(t, location(line, text_start));
    text_start = std::u32string::npos;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = s[i];
    if (is_white_space(c)) {
      flush(i);
      ++i;
      continue;
    }
    if (is_ascii_digit(c)) {
      std::size_t j = i;
      while (j < s.size() && is_ascii_digit(s[j]))
        ++j;
      const bool enumeration = j < s.size() && (s[j] == U'.' || s[j] == U'、' || s[j] == U'．') &&
                               j + 1 < s.size() && !is_ascii_digit(s[j + 1]) &&
                               !is_white_space(s[j + 1]);
      if (enumeration) {
        if (j - 1 > i) {
          flush(i);
          rows.value(std::u32string_view(s).substr(i, j - 1 - i), location(line, i), true);
        }
        if (text_start == std::u32string::npos || j - 1 > i) {
          flush(j - 1);
          text_start = j - 1;
        }
        i = j + 1;
        continue;
      }
      if (j + 1 < s.size() && s[j] == U'.' && is_ascii_digit(s[j + 1])) {
        ++j;
        while (j < s.size() && is_ascii_digit(s[j]))
          ++j;
      }
      flush(i);
      rows.value(std::u32string_view(s).substr(i, j - i), location(line, i), true);
      i = j;
      continue;
    }
    if (text_start == std::u32string::npos) {
      if (std::size_t w = words.word_at(s, i); w > 0) {
        rows.label(std::u32string_view(line.text).substr(i, w), location(line, i));
        i += w;
        continue;
      }
      text_start = i;
    }
    ++i;
  }
  flush(s.size());
  out.table(rows.take(), location(line, 0));
}

// ---- prose of a laid-out page ------------------------------------------------------------------

// Printed pages wrap prose into short lines; text saved from Word or a web page has a paragraph a
// line.
bool wrapped_prose(const std::vector<Line>& lines) {
  int short_lines = 0, long_lines = 0;
  for (const auto& l : lines) {
    if (l.flattened || blank(l.text) || l.text[0] == U'\t' || pipe_line(l.text)) continue;
    if (chunks_of(l.text).size() != 1) continue;  // a table's line
    const std::size_t n = trimmed(l.text).size();
    if (n > 60)
      ++long_lines;
    else if (n >= 12 && n <= kMaxWrappedLine)
      ++short_lines;
  }
  return short_lines >= 8 && long_lines * 10 <= short_lines;
}

// "# source: …", "# note: …": a note put before a saved text, not the report's. A Markdown
// heading ("# 某某区2021年政府信息公开工作年度报告") is the report's own.
bool comment_line(const std::u32string& s) {
  if (s.empty() || s[0] != U'#') return false;
  std::size_t k = 1;
  while (k < s.size() && is_white_space(s[k]))
    ++k;
  const std::size_t word = k;
  while (k < s.size() && s[k] < 0x80 && (std::isalpha(static_cast<int>(s[k])) || s[k] == U'-'))
    ++k;
  return k > word && k < s.size() && s[k] == U':';
}

// "## 一、总体情况": the marks of a Markdown heading become spaces (the characters after them keep
// their places).
void blank_markdown_heading_marks(std::u32string& s) {
  std::size_t k = 0;
  while (k < s.size() && s[k] == U'#')
    ++k;
  if (k == 0 || k > 6 || k >= s.size() || !is_white_space(s[k])) return;
  for (std::size_t m = 0; m < k; ++m)
    s[m] = U' ';
}

}  // namespace

TextDocument read_text_document(std::string_view text, const FormatCatalog& formats) {
  TextDocument result;
  TextForms& forms = result.forms;
  const KnownWords words(formats);

  // Lines, with their numbers and pages; the leading "# source:" lines and page numbers left out.
  std::vector<Line> raw;
  {
    int number = 0;
    int page = text.find('\f') != std::string_view::npos ? 1 : 0;
    std::size_t p = 0;
    bool leading = true;
    while (p <= text.size()) {
      std::size_t e = text.find('\n', p);
      if (e == std::string_view::npos) e = text.size();
      std::string_view piece = text.substr(p, e - p);
      if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
      ++number;
      Line l;
      l.number = number;
      std::string bytes(piece);
      // Form feeds separate the pages of pdftotext's output.
      for (std::size_t f = bytes.find('\f'); f != std::string::npos; f = bytes.find('\f')) {
        bytes.erase(f, 1);
        if (page > 0) ++page;
      }
      l.page = page;
      l.text = decode_utf8(bytes);
      // Markers that Word's text export leaves ("[bookmark: _GoBack]").
      for (auto at = l.text.find(U"[bookmark:"); at != std::u32string::npos;
           at = l.text.find(U"[bookmark:", at)) {
        auto close = l.text.find(U']', at);
        if (close == std::u32string::npos) break;
        l.text.erase(at, close + 1 - at);
      }
      const bool comment = leading && comment_line(l.text);
      if (!comment) blank_markdown_heading_marks(l.text);
      if (comment) ++forms.comment_lines;
      if (!comment && !blank(l.text)) leading = false;
      if (comment) {
      } else if (page_footer(l.text)) {
        ++forms.page_footers;
      } else {
        raw.push_back(std::move(l));
      }
      if (e == text.size()) break;
      p = e + 1;
    }
  }
  // A flattened page: its long lines broken at the headings of its parts.
  std::vector<Line> lines;
  for (auto& l : raw) {
    if (l.text.size() >= kMinFlattenedLine)
      split_flattened(l, words, lines, forms);
    else
      lines.push_back(std::move(l));
  }
  raw.clear();

  Builder out(result.document);
  const bool wrapped = wrapped_prose(lines);
  forms.layout = wrapped;
  std::vector<std::size_t> paragraph;  // lines of the paragraph being joined (wrapped prose)
  auto flush = [&] {
    if (paragraph.empty()) return;
    std::u32string text;
    for (std::size_t k : paragraph) {
      std::u32string t = trimmed(lines[k].text);
      // Chinese wraps without spaces; Latin words were separated by one.
      if (!text.empty() && !t.empty() && !is_cjk(text.back()) && !is_cjk(t.front())) text += U' ';
      text += t;
    }
    const Line& first = lines[paragraph.front()];
    out.paragraph(text, location(first, indent_of(first.text)));
    paragraph.clear();
  };
  std::size_t i = 0;
  std::size_t cell_lines_seen = 0;  // lines up to here were part of a stretch that is no table
  std::size_t separated_seen = 0;   // the same for label lines followed by rows of figures
  while (i < lines.size() && out.over_limit_line() == 0) {
    const Line& line = lines[i];
    if (line.flattened) {
      flush();
      read_flattened_table(line, words, out);
      ++i;
      continue;
    }
    if (blank(line.text)) {
      ++i;
      continue;
    }
    if (line.text[0] == U'\t') {
      flush();
      forms.tab_cells = true;
      i = read_tab_table(lines, i, out);
      continue;
    }
    if (markdown_table_at(lines, i)) {
      flush();
      forms.markdown = true;
      i = read_markdown_tables(lines, i, words, out, forms.unplaced);
      continue;
    }
    if (pipe_line(line.text)) {
      flush();
      forms.pipe_cells = true;
      i = read_pipe_table(lines, i, words, out);
      continue;
    }
    if (i >= separated_seen) {
      std::size_t seen = i;
      const std::size_t unplaced_before = forms.unplaced.size();
      if (std::size_t end =
              read_separated_rows(lines, i, words, formats, out, forms.unplaced, seen);
          end != i) {
        flush();
        if (forms.unplaced.size() == unplaced_before) forms.separated_rows = true;
        i = end;
        continue;
      }
      separated_seen = seen;
    }
    // A stretch found not to be a table is not looked at again from each of its lines (a text of
    // a million short lines would take a million scans).
    if (i >= cell_lines_seen) {
      std::size_t stretch_end = i;
      if (std::size_t end = cell_lines_end(lines, i, words, wrapped, stretch_end); end != i) {
        flush();
        forms.cell_lines = true;
        read_cell_lines(lines, i, end, words, out);
        i = end;
        continue;
      }
      cell_lines_seen = stretch_end;
    }
    LayoutLine first = layout_line(line);
    if (table_line(first)) {
      // A table set in columns: its lines, and the label lines between them, up to a heading or
      // prose.
      std::size_t j = i, last_table = i;
      bool any_data = false;
      while (j < lines.size()) {
        const Line& l = lines[j];
        if (blank(l.text)) {
          ++j;
          continue;
        }
        LayoutLine ll = layout_line(l);
        if (table_line(ll)) {
          last_table = j;
          any_data = any_data || ll.data();
          ++j;
          continue;
        }
        if (ll.data()) {
          // A row of figures whose label is on the lines around it.
          last_table = j;
          any_data = true;
          ++j;
          continue;
        }
        if (words.section_heading(l.text) || !label_fragment(l.text) ||
            static_cast<int>(j - last_table) > kMaxLayoutGap)
          break;
        ++j;
      }
      if (any_data) {
        // Captions just above the table ("第二十条 第（一）项", "申请人情况") belong to it.
        std::size_t begin = i;
        while (!paragraph.empty() && label_fragment(lines[paragraph.back()].text) &&
               !words.section_heading(lines[paragraph.back()].text) &&
               (paragraph.size() == 1 || indent_of(lines[paragraph.back()].text) >= 2)) {
          begin = paragraph.back();
          paragraph.pop_back();
        }
        flush();
        std::vector<LayoutLine> table;
        bool after_blank = false;
        for (std::size_t k = begin; k <= last_table; ++k) {
          if (blank(lines[k].text)) {
            after_blank = true;
            continue;
          }
          LayoutLine ll = layout_line(lines[k]);
          ll.after_blank = after_blank || (k > begin && lines[k].page != lines[k - 1].page);
          after_blank = false;
          table.push_back(std::move(ll));
        }
        read_layout_table(table, words, out, forms.unplaced);
        i = last_table + 1;
        continue;
      }
    }
    // Prose.
    if (line.piece) {
      flattened_prose(line, out);
      ++i;
      continue;
    }
    if (!wrapped) {
      // A paragraph a line; a web page's text may run several together, a space apart.
      flattened_prose(line, out);
      ++i;
      continue;
    }
    const bool heading = looks_like_heading(encode_utf8(line.text));
    if (heading || indent_of(line.text) >= 2 || paragraph.empty()) flush();
    paragraph.push_back(i);
    if (heading) flush();
    ++i;
  }
  flush();
  forms.over_limit_line = out.over_limit_line();
  for (std::size_t k = lines.size(); k-- > 0;)
    if (!blank(lines[k].text)) {
      result.document.end = location(lines[k], lines[k].text.size());
      break;
    }
  return result;
}

}  // namespace nianbao::document
