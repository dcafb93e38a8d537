#include "lattice.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <string_view>

namespace nianbao::pdf_import {

namespace {

// Lines closer than this (points) are one line: a border drawn twice, by both cells it separates,
// or a hair off.
constexpr double kSnap = 2.0;
// Lines shorter than this are not borders (a glyph drawn as a path, a bullet).
constexpr double kMinLength = 4.0;
// A table is at least this wide and high.
constexpr double kMinTable = 12.0;

struct Line {
  double at = 0;  // y of a horizontal line, x of a vertical one
  double from = 0, to = 0;
};

// Merges lines on the same position whose extents touch or overlap.
std::vector<Line> merge(std::vector<Line> lines) {
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.at != b.at ? a.at < b.at : a.from < b.from;
  });
  // Cluster by position first, then merge extents within a cluster.
  std::vector<Line> out;
  std::size_t i = 0;
  while (i < lines.size()) {
    std::size_t j = i;
    double sum = 0;
    while (j < lines.size() && lines[j].at - lines[i].at <= kSnap)
      sum += lines[j++].at;
    const double at = sum / static_cast<double>(j - i);
    std::vector<Line> group(lines.begin() + static_cast<std::ptrdiff_t>(i),
                            lines.begin() + static_cast<std::ptrdiff_t>(j));
    std::sort(group.begin(), group.end(),
              [](const Line& a, const Line& b) { return a.from < b.from; });
    Line current{at, group[0].from, group[0].to};
    for (std::size_t k = 1; k < group.size(); ++k) {
      if (group[k].from <= current.to + kSnap) {
        current.to = std::max(current.to, group[k].to);
      } else {
        out.push_back(current);
        current = {at, group[k].from, group[k].to};
      }
    }
    out.push_back(current);
    i = j;
  }
  return out;
}

// Positions within kSnap of each other become one (their mean).
std::vector<double> cluster(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  std::size_t i = 0;
  while (i < values.size()) {
    std::size_t j = i;
    double sum = 0;
    while (j < values.size() && values[j] - values[i] <= kSnap)
      sum += values[j++];
    out.push_back(sum / static_cast<double>(j - i));
    i = j;
  }
  return out;
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x)
      x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

bool meets(const Line& h, const Line& v) {
  return v.at >= h.from - kSnap && v.at <= h.to + kSnap && h.at >= v.from - kSnap &&
         h.at <= v.to + kSnap;
}

// How much of [from, to] the lines at `at` cover.
double coverage(const std::vector<const Line*>& lines, double at, double from, double to) {
  double covered = 0;
  for (const Line* l : lines) {
    if (std::abs(l->at - at) > kSnap) continue;
    const double a = std::max(from, l->from), b = std::min(to, l->to);
    if (b > a) covered += b - a;
  }
  return covered;
}

// The index of the interval of `bounds` holding v, or -1.
int interval(const std::vector<double>& bounds, double v) {
  if (bounds.size() < 2 || v < bounds.front() || v > bounds.back()) return -1;
  const auto it = std::upper_bound(bounds.begin(), bounds.end(), v);
  const int i = static_cast<int>(it - bounds.begin()) - 1;
  return std::min(i, static_cast<int>(bounds.size()) - 2);
}

bool ascii_word_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
         c == '%';
}

// Appends `next` to `text`, with a space only between two Latin words or figures.
void append(std::string& text, const std::string& next) {
  if (next.empty()) return;
  if (!text.empty() && ascii_word_char(static_cast<unsigned char>(text.back())) &&
      ascii_word_char(static_cast<unsigned char>(next.front())))
    text += ' ';
  text += next;
}

Table build(const std::vector<const Line*>& hs, const std::vector<const Line*>& vs) {
  Table t;
  std::vector<double> xs, ys;
  for (const Line* v : vs)
    xs.push_back(v->at);
  for (const Line* h : hs)
    ys.push_back(h->at);
  t.xs = cluster(xs);
  t.ys = cluster(ys);
  t.box = {t.xs.front(), t.ys.front(), t.xs.back(), t.ys.back()};
  const int rows = t.rows(), cols = t.columns();
  UnionFind units(static_cast<std::size_t>(rows * cols));
  const auto unit = [cols](int r, int c) { return static_cast<std::size_t>(r * cols + c); };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      // No line (or less than half of one) between neighbouring units: one merged cell.
      if (c + 1 < cols) {
        const double len = t.ys[r + 1] - t.ys[r];
        if (coverage(vs, t.xs[c + 1], t.ys[r], t.ys[r + 1]) < len / 2)
          units.unite(unit(r, c), unit(r, c + 1));
      }
      if (r + 1 < rows) {
        const double len = t.xs[c + 1] - t.xs[c];
        if (coverage(hs, t.ys[r + 1], t.xs[c], t.xs[c + 1]) < len / 2)
          units.unite(unit(r, c), unit(r + 1, c));
      }
    }
  std::vector<int> cell_of(static_cast<std::size_t>(rows * cols), -1);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const std::size_t root = units.find(unit(r, c));
      int& index = cell_of[root];
      if (index < 0) {
        index = static_cast<int>(t.cells.size());
        t.cells.push_back({r, c, r, c, {}});
      }
      TableCell& cell = t.cells[static_cast<std::size_t>(index)];
      cell.last_row = std::max(cell.last_row, r);
      cell.col = std::min(cell.col, c);
      cell.last_col = std::max(cell.last_col, c);
      cell_of[unit(r, c)] = index;
    }
  return t;
}

}  // namespace

std::string join_words(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return (a.box.y0 + a.box.y1) < (b.box.y0 + b.box.y1);
  });
  std::vector<std::vector<Word>> lines;
  double line_mid = 0;
  for (auto& w : words) {
    const double mid = (w.box.y0 + w.box.y1) / 2;
    const double half = std::max(1.0, (w.box.y1 - w.box.y0) / 2);
    if (lines.empty() || std::abs(mid - line_mid) > half) {
      lines.emplace_back();
      line_mid = mid;
    }
    lines.back().push_back(std::move(w));
  }
  // Lines run on without a space: a cell's text wraps where the cell ends, inside a Chinese label
  // or inside a figure ("300" over "1" is 3001).
  std::string text;
  for (auto& line : lines) {
    std::sort(line.begin(), line.end(),
              [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
    std::string printed;
    for (const auto& w : line)
      append(printed, w.text);
    text += printed;
  }
  return text;
}

std::vector<Table> find_tables(const std::vector<Segment>& segments,
                               const std::vector<Word>& words) {
  std::vector<Line> h, v;
  for (std::size_t i = 0; i < segments.size() && i < kMaxSegments; ++i) {
    const Segment& s = segments[i];
    if (s.y0 == s.y1 && std::abs(s.x1 - s.x0) >= kMinLength)
      h.push_back({s.y0, std::min(s.x0, s.x1), std::max(s.x0, s.x1)});
    else if (s.x0 == s.x1 && std::abs(s.y1 - s.y0) >= kMinLength)
      v.push_back({s.x0, std::min(s.y0, s.y1), std::max(s.y0, s.y1)});
  }
  h = merge(std::move(h));
  v = merge(std::move(v));
  if (h.size() > kMaxLines || v.size() > kMaxLines || h.size() < 2 || v.size() < 2) return {};
  // Lines that meet, directly or through others, make one table.
  UnionFind groups(h.size() + v.size());
  for (std::size_t i = 0; i < h.size(); ++i)
    for (std::size_t j = 0; j < v.size(); ++j)
      if (meets(h[i], v[j])) groups.unite(i, h.size() + j);
  std::vector<std::pair<std::vector<const Line*>, std::vector<const Line*>>> found(h.size() +
                                                                                   v.size());
  for (std::size_t i = 0; i < h.size(); ++i)
    found[groups.find(i)].first.push_back(&h[i]);
  for (std::size_t j = 0; j < v.size(); ++j)
    found[groups.find(h.size() + j)].second.push_back(&v[j]);
  std::vector<Table> tables;
  for (const auto& [hs, vs] : found) {
    if (hs.size() < 2 || vs.size() < 2) continue;
    Table t = build(hs, vs);
    if (t.rows() < 1 || t.columns() < 1 || t.rows() > kMaxGrid || t.columns() > kMaxGrid) continue;
    if (t.box.x1 - t.box.x0 < kMinTable || t.box.y1 - t.box.y0 < kMinTable) continue;
    // A box around text (a frame round the page, a boxed note) is no table.
    if (t.cells.size() < 2) continue;
    tables.push_back(std::move(t));
  }
  std::sort(tables.begin(), tables.end(),
            [](const Table& a, const Table& b) { return a.box.y0 < b.box.y0; });
  // The words inside each table, by cell.
  for (Table& t : tables) {
    const int cols = t.columns();
    std::vector<int> cell_at(static_cast<std::size_t>(t.rows() * cols), -1);
    for (std::size_t k = 0; k < t.cells.size(); ++k) {
      const TableCell& c = t.cells[k];
      for (int r = c.row; r <= c.last_row; ++r)
        for (int col = c.col; col <= c.last_col; ++col)
          cell_at[static_cast<std::size_t>(r * cols + col)] = static_cast<int>(k);
    }
    std::vector<std::vector<Word>> in(t.cells.size());
    for (const Word& w : words) {
      const int r = interval(t.ys, (w.box.y0 + w.box.y1) / 2);
      const int c = interval(t.xs, (w.box.x0 + w.box.x1) / 2);
      if (r < 0 || c < 0) continue;
      const int k = cell_at[static_cast<std::size_t>(r * cols + c)];
      if (k >= 0) in[static_cast<std::size_t>(k)].push_back(w);
    }
    for (std::size_t k = 0; k < t.cells.size(); ++k)
      t.cells[k].text = join_words(std::move(in[k]));
  }
  return tables;
}

namespace {

// The index of the boundary of `xs` at x, or -1.
int boundary(const std::vector<double>& xs, double x) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (std::abs(xs[i] - x) <= kSnap) return static_cast<int>(i);
  return -1;
}

// Moves the cells of `t` onto the columns `xs` (which hold every boundary of t.xs).
void recolumn(Table& t, const std::vector<double>& xs) {
  for (TableCell& c : t.cells) {
    c.col = boundary(xs, t.xs[static_cast<std::size_t>(c.col)]);
    c.last_col = boundary(xs, t.xs[static_cast<std::size_t>(c.last_col) + 1]) - 1;
  }
  t.xs = xs;
}

// The cells of rows [0, k), or nothing when a cell there reaches below row k.
std::optional<std::vector<const TableCell*>> head(const Table& t, int k) {
  std::vector<const TableCell*> out;
  for (const TableCell& c : t.cells)
    if (c.row < k) {
      if (c.last_row >= k) return std::nullopt;
      out.push_back(&c);
    }
  return out;
}

bool same_head(const Table& a, const Table& b, int k) {
  const auto ha = head(a, k), hb = head(b, k);
  if (!ha || !hb || ha->size() != hb->size()) return false;
  bool printed = false;
  for (std::size_t i = 0; i < ha->size(); ++i) {
    const TableCell& x = *(*ha)[i];
    const TableCell& y = *(*hb)[i];
    if (x.row != y.row || x.col != y.col || x.last_row != y.last_row || x.last_col != y.last_col ||
        x.text != y.text)
      return false;
    printed = printed || !x.text.empty();
  }
  return printed;
}

bool has_non_ascii(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Characters of UTF-8 text (bytes that do not continue a character).
std::size_t characters(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A page number as a page's foot prints it: "—7—", "- 7 -", "7", "第 7 页", "7/9".
bool is_page_number(const std::string& s) {
  static const std::string_view kAllowed[] = {"—", "－", "–", "第", "页", "共", "／"};
  bool digit = false;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
      ++i;
      continue;
    }
    if (c == '-' || c == ' ' || c == '/') {
      ++i;
      continue;
    }
    const auto it = std::find_if(std::begin(kAllowed), std::end(kAllowed), [&](std::string_view a) {
      return s.compare(i, a.size(), a) == 0;
    });
    if (it == std::end(kAllowed)) return false;
    i += it->size();
  }
  return digit;
}

}  // namespace

Box take_overflow(Table& table, const std::vector<Word>& words) {
  constexpr std::size_t kMaxOverflowChars = 8;
  if (table.rows() < 1 || words.empty()) return {};
  // The first line under the bottom rule: words whose centre is below it by less than a line's
  // height (a word goes to the cell its centre lies in; the cut label's last line may start just
  // above the rule).
  std::vector<const Word*> line, below;
  for (const Word& w : words) {
    const double centre_x = (w.box.x0 + w.box.x1) / 2;
    const double centre_y = (w.box.y0 + w.box.y1) / 2;
    if (centre_y <= table.box.y1) continue;  // in or above the table
    const double height = w.box.y1 - w.box.y0;
    if (centre_y < table.box.y1 + height && centre_x >= table.box.x0 && centre_x <= table.box.x1)
      line.push_back(&w);
    else
      below.push_back(&w);
  }
  if (line.empty()) return {};
  // Nothing else on the page but a page number ("—7—" may come as three words): the table ends
  // where the page break cut it.
  std::string rest;
  for (const Word* w : below)
    rest += w->text;
  if (!below.empty() && !is_page_number(rest)) return {};
  // One label cell of the bottom row holds the whole line between its column lines.
  double x0 = line.front()->box.x0, x1 = line.front()->box.x1, y1 = 0;
  std::vector<Word> taken;
  for (const Word* w : line) {
    x0 = std::min(x0, w->box.x0);
    x1 = std::max(x1, w->box.x1);
    y1 = std::max(y1, w->box.y1);
    taken.push_back(*w);
  }
  // The narrowest such cell: a group label's column, not the column of the part around it.
  const int bottom = table.rows() - 1;
  TableCell* cell = nullptr;
  double cell_width = 0;
  for (TableCell& c : table.cells) {
    if (c.last_row != bottom || c.text.empty() || !has_non_ascii(c.text)) continue;
    const double left = table.xs[static_cast<std::size_t>(c.col)];
    const double right = table.xs[static_cast<std::size_t>(c.last_col) + 1];
    if (x0 < left - kSnap || x1 > right + kSnap) continue;
    if (!cell || right - left < cell_width) {
      cell = &c;
      cell_width = right - left;
    }
  }
  if (!cell) return {};
  const std::string text = join_words(taken);
  if (!has_non_ascii(text) || characters(text) > kMaxOverflowChars) return {};
  cell->text += text;
  return Box{x0, table.box.y1, x1, y1};
}

bool continue_table(Table& above, const Table& below) {
  if (above.xs.size() < 2 || below.xs.size() < 2) return false;
  if (std::abs(above.xs.front() - below.xs.front()) > kSnap ||
      std::abs(above.xs.back() - below.xs.back()) > kSnap)
    return false;
  std::vector<double> all = above.xs;
  all.insert(all.end(), below.xs.begin(), below.xs.end());
  const std::vector<double> xs = cluster(all);
  if (static_cast<int>(xs.size()) - 1 > kMaxGrid || above.rows() + below.rows() > kMaxGrid)
    return false;
  Table b = below;
  recolumn(above, xs);
  recolumn(b, xs);
  // A header the new page repeats.
  int repeated = 0;
  for (int k = 1; k < b.rows() && k <= above.rows(); ++k)
    if (same_head(above, b, k)) repeated = k;
  const int offset = above.rows() - repeated;
  // The cells of above's last row, by index: above.cells grows below, so pointers into it would
  // dangle.
  std::vector<std::size_t> bottom;
  for (std::size_t i = 0; i < above.cells.size(); ++i)
    if (above.cells[i].last_row == above.rows() - 1) bottom.push_back(i);
  for (const TableCell& c : b.cells) {
    if (c.row < repeated) continue;
    if (c.row == repeated && c.text.empty()) {
      // The rest of a merged label cell the page break cut.
      const auto it = std::find_if(bottom.begin(), bottom.end(), [&](std::size_t i) {
        const TableCell& a = above.cells[i];
        return a.col == c.col && a.last_col == c.last_col && has_non_ascii(a.text);
      });
      if (it != bottom.end()) {
        above.cells[*it].last_row = c.last_row + offset;
        continue;
      }
    }
    TableCell moved = c;
    moved.row += offset;
    moved.last_row += offset;
    above.cells.push_back(std::move(moved));
  }
  for (std::size_t i = static_cast<std::size_t>(repeated) + 1; i < b.ys.size(); ++i)
    above.ys.push_back(above.ys.back() + (b.ys[i] - b.ys[i - 1]));
  above.box.y1 = above.ys.back();
  std::stable_sort(above.cells.begin(), above.cells.end(),
                   [](const TableCell& x, const TableCell& y) {
                     return x.row != y.row ? x.row < y.row : x.col < y.col;
                   });
  return true;
}

}  // namespace nianbao::pdf_import
