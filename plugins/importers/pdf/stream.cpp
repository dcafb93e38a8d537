#include "stream.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

namespace nianbao::pdf_import {

namespace {

// A body line further than this (in line heights) below the one before ends the table.
constexpr double kMaxRowGap = 2.5;
// Wrapped text: the next line of a cell follows within this (in line heights); the next row's
// text is further (a row's height and its cell padding), or starts a new item.
constexpr double kWrapGap = 0.3;
// Figures are set apart from their label by at least this (in line heights).
constexpr double kFigureGap = 0.8;
// A header has at most this many lines.
constexpr std::size_t kMaxHeaderLines = 12;
// The columns a group header may be widened over, each side.
constexpr int kMaxHeaderSpan = 40;
// Positions within this (points) are one column edge.
constexpr double kEdge = 2.0;
// The space a word processor leaves between a cell's text and its edge (points, each side).
constexpr double kCellPadding = 3.0;

double height(const Word& w) {
  return w.box.y1 - w.box.y0;
}

double em(const TextLine& line) {
  double h = 1;
  for (const Word& w : line.words)
    h = std::max(h, height(w));
  return h;
}

std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// A blank or not-applicable mark in a figure's place.
bool is_mark(std::string_view text) {
  return text == "/" || text == "-" || text == "—" || text == "－" || text == "／";
}

bool is_figure(std::string_view text) {
  if (is_mark(text)) return true;
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if (c != ',' && c != '.' && c != '%')
      return false;
  }
  return digit;
}

// Consumes Chinese numerals (一 … 十, 百) at the start of `s`.
bool numerals(std::string_view& s) {
  static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六",
                                                   "七", "八", "九", "十", "百"};
  bool any = false;
  for (bool more = true; more;) {
    more = false;
    for (std::string_view n : kNumerals)
      if (s.substr(0, n.size()) == n) {
        s.remove_prefix(n.size());
        any = more = true;
      }
  }
  return any;
}

bool consume(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// A label that starts a new item: "一、", "（三）", "(3)", "1.", "2、". The next line of a wrapped
// label does not (its break falls inside the text).
bool starts_item(std::string_view s) {
  std::string_view t = s;
  if (consume(t, "（") || consume(t, "(")) {
    if (numerals(t)) return consume(t, "）") || consume(t, ")");
    t = s;
  }
  t = s;
  if (numerals(t)) return consume(t, "、");
  t = s;
  std::size_t digits = 0;
  while (!t.empty() && t.front() >= '0' && t.front() <= '9') {
    t.remove_prefix(1);
    ++digits;
  }
  return digits > 0 && digits <= 2 && (consume(t, ".") || consume(t, "．") || consume(t, "、"));
}

std::string line_text(const TextLine& line) {
  std::string out;
  for (const Word& w : line.words)
    out += w.text;
  return out;
}

double widest_gap(const TextLine& line) {
  double g = 0;
  for (std::size_t i = 1; i < line.words.size(); ++i)
    g = std::max(g, line.words[i].box.x0 - line.words[i - 1].box.x1);
  return g;
}

// Where the figures at the end of a line start (words.size() when it has none): a run of figures
// set apart from the label before it, or a line of figures only.
std::size_t figure_run(const TextLine& line) {
  const std::size_t n = line.words.size();
  std::size_t start = n;
  while (start > 0 && is_figure(line.words[start - 1].text))
    --start;
  if (start == n || start == 0) return start;
  const double gap = line.words[start].box.x0 - line.words[start - 1].box.x1;
  return gap >= kFigureGap * em(line) ? start : n;
}

// A row of figures that can start a table: two figures or more, or a label and its figure.
bool anchors_table(const TextLine& line) {
  const std::size_t run = figure_run(line);
  const std::size_t figures = line.words.size() - run;
  // A line of figures only has two numbers at least ("- 3 -" is a page number).
  std::size_t numbers = 0;
  for (std::size_t w = run; w < line.words.size(); ++w)
    numbers += !is_mark(line.words[w].text);
  if (run == 0) return numbers >= 2;
  return figures >= 1 && numbers + figures >= 2;
}

// A heading or a line of a paragraph: it ends a table.
bool breaks_table(const TextLine& line) {
  if (figure_run(line) < line.words.size()) return false;
  const std::string text = line_text(line);
  const std::size_t n = characters(text);
  if (widest_gap(line) >= em(line)) return false;
  std::string_view t = text;
  const bool part_heading = numerals(t) && consume(t, "、");
  return (part_heading && n >= 10) || n >= 24;
}

bool label_only(const TextLine& line, double figures_left) {
  return std::all_of(line.words.begin(), line.words.end(),
                     [&](const Word& w) { return w.box.x1 <= figures_left + 1; });
}

// A part heading inside a table: a row label such as "三、本" or "四、结转下年度继续办理" in the
// label columns, as high as the rows before it (a heading of the report is printed further right or
// larger).
bool row_label_in_table(const TextLine& line, const TextLine& above, double figures_left) {
  return label_only(line, figures_left) && std::abs(em(line) - em(above)) <= 0.1 * em(above);
}

// A header line of a table with no figures printed under it (all its cells blank): five short
// headers set apart (half a character at least, wider than the spaces of a sentence), no
// figures. The bottom row of the header of table 三 or 四.
bool header_row(const TextLine& line) {
  if (figure_run(line) < line.words.size()) return false;
  for (std::size_t i = 1; i < line.words.size(); ++i)
    if (line.words[i].box.x0 - line.words[i - 1].box.x1 < 0.5 * em(line)) return false;
  std::size_t short_words = 0;
  for (const Word& w : line.words)
    short_words += characters(w.text) <= 6;
  return short_words >= 5;
}

// Where the header cells of a header row start: its leftmost short word.
double header_left(const TextLine& line) {
  double left = 1e9;
  for (const Word& w : line.words)
    if (characters(w.text) <= 6) left = std::min(left, w.box.x0);
  return left;
}

}  // namespace

std::vector<TextLine> make_lines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return (a.box.y0 + a.box.y1) < (b.box.y0 + b.box.y1);
  });
  std::vector<TextLine> lines;
  double line_mid = 0;
  for (Word& w : words) {
    const double mid = (w.box.y0 + w.box.y1) / 2;
    if (lines.empty() || std::abs(mid - line_mid) > std::max(0.5, 0.35 * height(w))) {
      lines.emplace_back();
      lines.back().y0 = w.box.y0;
      lines.back().y1 = w.box.y1;
      line_mid = mid;
    }
    TextLine& line = lines.back();
    line.y0 = std::min(line.y0, w.box.y0);
    line.y1 = std::max(line.y1, w.box.y1);
    line.words.push_back(std::move(w));
  }
  for (TextLine& line : lines)
    std::sort(line.words.begin(), line.words.end(),
              [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  return lines;
}

namespace {

void set_box(StreamRegion& r) {
  r.box = {1e9, 1e9, -1e9, -1e9};
  for (const TextLine& l : r.lines)
    for (const Word& w : l.words) {
      r.box.x0 = std::min(r.box.x0, w.box.x0);
      r.box.y0 = std::min(r.box.y0, w.box.y0);
      r.box.x1 = std::max(r.box.x1, w.box.x1);
      r.box.y1 = std::max(r.box.y1, w.box.y1);
    }
}

// The lines above `s` that are a table's header: up to a heading, a paragraph, a wide gap or
// another table (lines before `used` belong to a region already).
std::size_t header_top(const std::vector<TextLine>& lines, std::size_t s, std::size_t used) {
  std::size_t top = s;
  while (top > used && s - top < kMaxHeaderLines) {
    const TextLine& above = lines[top - 1];
    if (breaks_table(above) || anchors_table(above)) break;
    if (lines[top].y0 - above.y1 > kMaxRowGap * em(above)) break;
    --top;
  }
  return top;
}

// A table with no figures at all, found by the bottom row of its header (`s`): its header lines,
// then the label lines under it, as close as a table's rows, left of the header cells (a table
// 三 continued on a page where its rows are all blank; a table 四 with only its header). Empty
// where rows of figures follow the header (that table is found by them). `end` is set past it.
StreamRegion headed_region(const std::vector<TextLine>& lines, std::size_t s, std::size_t used,
                           std::size_t& end) {
  const std::size_t n = lines.size();
  const double left = header_left(lines[s]);
  const std::size_t top = header_top(lines, s, used);
  std::size_t h = s + 1;
  while (h < n && lines[h].y0 - lines[h - 1].y1 <= kMaxRowGap * em(lines[h - 1]) &&
         !breaks_table(lines[h]) && !anchors_table(lines[h]) && !label_only(lines[h], left) &&
         h - top < kMaxHeaderLines)
    ++h;
  StreamRegion r;
  if (h < n && anchors_table(lines[h])) return r;
  std::size_t b = h;
  while (b < n && lines[b].y0 - lines[b - 1].y1 < em(lines[b - 1]) && label_only(lines[b], left) &&
         (!breaks_table(lines[b]) || row_label_in_table(lines[b], lines[b - 1], left)))
    ++b;
  // Rows of figures further down: the header's table has figures (it is found by them).
  if (b < n && anchors_table(lines[b]) &&
      lines[b].y0 - lines[b - 1].y1 <= kMaxRowGap * em(lines[b - 1]))
    return r;
  r.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(top),
                 lines.begin() + static_cast<std::ptrdiff_t>(b));
  r.header = h - top;
  set_box(r);
  end = b;
  return r;
}

// The label lines at the top of a page, as close as a table's rows, up to a heading, a
// paragraph or a gap: the rows of a table the page before began whose cells are all blank. Empty
// where a table follows (they are its header then).
StreamRegion top_labels(const std::vector<TextLine>& lines) {
  const std::size_t n = lines.size();
  StreamRegion r;
  if (n == 0 || breaks_table(lines[0]) || anchors_table(lines[0]) || header_row(lines[0])) return r;
  std::size_t b = 1;
  while (b < n && lines[b].y0 - lines[b - 1].y1 < em(lines[b - 1]) && !anchors_table(lines[b]) &&
         !header_row(lines[b]) &&
         (!breaks_table(lines[b]) || row_label_in_table(lines[b], lines[b - 1], 1e9)))
    ++b;
  if (b < n && (anchors_table(lines[b]) || header_row(lines[b])) &&
      lines[b].y0 - lines[b - 1].y1 <= kMaxRowGap * em(lines[b - 1]))
    return r;
  r.lines.assign(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(b));
  r.labels_only = true;
  set_box(r);
  return r;
}

}  // namespace

StreamRegion page_top_labels(const std::vector<Word>& words, int page) {
  std::vector<TextLine> lines = make_lines(words);
  for (TextLine& l : lines)
    l.page = page;
  return top_labels(lines);
}

std::vector<StreamRegion> find_stream_regions(const std::vector<Word>& words, int page) {
  std::vector<TextLine> lines = make_lines(words);
  for (TextLine& l : lines)
    l.page = page;
  const std::size_t n = lines.size();
  std::vector<StreamRegion> regions;
  std::size_t used = 0;  // lines before this belong to a region already
  for (std::size_t s = 0; s < n; ++s) {
    if (s < used) continue;
    if (!anchors_table(lines[s])) {
      if (header_row(lines[s])) {
        std::size_t end = s;
        StreamRegion r = headed_region(lines, s, used, end);
        if (!r.lines.empty()) {
          regions.push_back(std::move(r));
          used = end;
          s = end - 1;
        }
      }
      continue;
    }
    // The body: up to the last row of figures before a heading, a paragraph or a wide gap.
    std::size_t last = s, rows = 1, most = lines[s].words.size() - figure_run(lines[s]);
    std::size_t j = s + 1;
    double left = 1e9;  // the figures so far
    for (std::size_t w = figure_run(lines[s]); w < lines[s].words.size(); ++w)
      left = std::min(left, lines[s].words[w].box.x0);
    for (; j < n; ++j) {
      if (breaks_table(lines[j]) && !row_label_in_table(lines[j], lines[j - 1], left)) break;
      if (lines[j].y0 - lines[j - 1].y1 > kMaxRowGap * em(lines[j - 1])) break;
      if (anchors_table(lines[j])) {
        for (std::size_t w = figure_run(lines[j]); w < lines[j].words.size(); ++w)
          left = std::min(left, lines[j].words[w].box.x0);
        last = j;
        ++rows;
        most = std::max(most, lines[j].words.size() - figure_run(lines[j]));
      }
    }
    // One row of a label and its figure: a table only at the top of a page (the last rows of a
    // table the page before began).
    const bool page_top = std::all_of(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(s),
                                      [](const TextLine& l) { return !anchors_table(l); }) &&
                          s - used <= kMaxHeaderLines && used == 0;
    if (rows < 2 && most < 3 && !page_top) continue;
    double figures_left = 1e9;
    for (std::size_t k = s; k <= last; ++k)
      for (std::size_t w = figure_run(lines[k]); w < lines[k].words.size(); ++w)
        figures_left = std::min(figures_left, lines[k].words[w].box.x0);
    // A label wrapped below its row's figures, or the first lines of a row whose figures the
    // next page prints: label text, as close below as the rows are.
    std::size_t end = last + 1;
    while (end < j && lines[end].y0 - lines[end - 1].y1 < em(lines[end - 1]) &&
           lines[end].words.back().box.x1 <= figures_left + 1)
      ++end;
    // The header: the lines above, up to a heading, a paragraph, a wide gap or another table.
    const std::size_t top = header_top(lines, s, used);
    StreamRegion r;
    r.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(top),
                   lines.begin() + static_cast<std::ptrdiff_t>(end));
    r.header = s - top;
    set_box(r);
    regions.push_back(std::move(r));
    used = end;
    s = end - 1;
  }
  return regions;
}

namespace {

struct Interval {
  double x0, x1;
};

// The figure columns of a region's body: the x-extents of its figures, merged where they overlap.
std::vector<Interval> figure_columns(const StreamRegion& region) {
  std::vector<Interval> spans;
  for (std::size_t i = region.header; i < region.lines.size(); ++i) {
    const TextLine& l = region.lines[i];
    for (std::size_t w = figure_run(l); w < l.words.size(); ++w)
      spans.push_back({l.words[w].box.x0, l.words[w].box.x1});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Interval& a, const Interval& b) { return a.x0 < b.x0; });
  std::vector<Interval> out;
  for (const Interval& s : spans) {
    if (!out.empty() && s.x0 <= out.back().x1 + 0.5)
      out.back().x1 = std::max(out.back().x1, s.x1);
    else
      out.push_back(s);
  }
  return out;
}

// The figure columns of a table, and where a figure printed between two of them stands: a table
// whose blocks have headers of their own (table 二) may merge two figure columns into one cell
// for a block, its figure centred over both ("本年增/减" over the columns of "本年新公开数量" and
// "对外公开总数量"). Such a figure never stands on a line with the columns beside it, its middle is
// halfway between theirs, and those two are as close as any two neighbouring columns of the table
// (no room for a column between them): it is a cell merged over both. Where the page allows both
// readings — a column of its own or a merged cell — or a wider merge, the table is flagged.
struct FigureColumns {
  std::vector<Interval> columns;
  std::vector<Interval> merged;                  // figures printed between two columns
  std::vector<std::pair<int, int>> merged_over;  // the columns each of them spans
  bool ambiguous = false;
};

FigureColumns place_figure_columns(const StreamRegion& region) {
  FigureColumns out;
  const std::vector<Interval> raw = figure_columns(region);
  const std::size_t n = raw.size();
  const auto centre = [&](std::size_t i) { return (raw[i].x0 + raw[i].x1) / 2; };
  const auto index = [&](const Box& b) {
    for (std::size_t i = 0; i < n; ++i)
      if (b.x0 >= raw[i].x0 - 0.5 && b.x0 <= raw[i].x1) return i;
    return n;
  };
  // together[i][j]: a line has figures in both.
  std::vector<std::vector<char>> together(n, std::vector<char>(n, 0));
  std::vector<std::vector<std::size_t>> lines_of(n);  // the body lines with a figure in each
  for (std::size_t k = region.header; k < region.lines.size() && n <= kMaxGrid; ++k) {
    const TextLine& l = region.lines[k];
    std::vector<std::size_t> here;
    for (std::size_t w = figure_run(l); w < l.words.size(); ++w) {
      const std::size_t i = index(l.words[w].box);
      if (i < n) here.push_back(i);
    }
    for (std::size_t a : here) {
      if (lines_of[a].empty() || lines_of[a].back() != k) lines_of[a].push_back(k);
      for (std::size_t b : here)
        if (a != b) together[a][b] = 1;
    }
  }
  // The pitch of the table: the closest neighbouring columns that share a line.
  double pitch = 0;
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (together[i][i + 1] && (pitch == 0 || centre(i + 1) - centre(i) < pitch))
      pitch = centre(i + 1) - centre(i);
  std::vector<int> merged_at(n, -1);  // raw index → its entry in out.merged
  for (std::size_t x = 1; pitch > 0 && x + 1 < n && n <= kMaxGrid; ++x) {
    const std::size_t a = x - 1, b = x + 1;
    if (together[x][a] || together[x][b] || !together[a][b] || merged_at[a] >= 0) continue;
    const double apart = centre(b) - centre(a);
    if (std::abs(centre(x) - (centre(a) + centre(b)) / 2) > std::max(3.0, apart / 8)) continue;
    if (apart >= 1.75 * pitch) continue;  // room for a column of its own between them
    // Columns further out free on its lines, pairwise, would give a wider merge with the same
    // middle.
    bool wider = false;
    for (std::size_t k = 1; k <= a && b + k < n && !wider; ++k) {
      bool free = true;
      for (std::size_t line : lines_of[x])
        free = free && !std::binary_search(lines_of[a - k].begin(), lines_of[a - k].end(), line) &&
               !std::binary_search(lines_of[b + k].begin(), lines_of[b + k].end(), line);
      wider = free;
    }
    if (apart > 1.25 * pitch || wider) {
      out.ambiguous = true;
      continue;
    }
    merged_at[x] = static_cast<int>(out.merged.size());
    out.merged.push_back(raw[x]);
    out.merged_over.push_back({static_cast<int>(a), static_cast<int>(b)});
  }
  // Raw indices of the columns kept → their index among the columns.
  std::vector<int> kept(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    if (merged_at[i] < 0) {
      kept[i] = static_cast<int>(out.columns.size());
      out.columns.push_back(raw[i]);
    }
  for (auto& over : out.merged_over)
    over = {kept[static_cast<std::size_t>(over.first)],
            kept[static_cast<std::size_t>(over.second)]};
  return out;
}

// Whether the body of a region holds header lines of its own (blocks with their own headers).
bool inner_headers(const StreamRegion& region) {
  const std::vector<Interval> columns = figure_columns(region);
  if (columns.empty()) return false;
  for (std::size_t i = region.header; i < region.lines.size(); ++i) {
    const TextLine& l = region.lines[i];
    if (figure_run(l) == l.words.size() && !label_only(l, columns.front().x0)) return true;
  }
  return false;
}

}  // namespace

bool continue_region(StreamRegion& above, const StreamRegion& below) {
  const std::vector<Interval> columns = figure_columns(above);
  if (columns.empty() || below.lines.size() <= below.header) return false;
  // Label lines only: each word starts where a label of the table above starts (its label
  // columns) and ends before its figures.
  if (below.labels_only) {
    std::vector<double> starts;
    for (std::size_t i = above.header; i < above.lines.size(); ++i) {
      const TextLine& l = above.lines[i];
      for (std::size_t w = 0; w < figure_run(l); ++w)
        starts.push_back(l.words[w].box.x0);
    }
    for (const TextLine& l : below.lines)
      for (const Word& w : l.words)
        if (w.box.x1 > columns.front().x0 + 1 ||
            std::none_of(starts.begin(), starts.end(),
                         [&](double x) { return std::abs(x - w.box.x0) <= kEdge; }))
          return false;
  }
  // Its figures stand in the columns of the table above, or it starts with a header of its own
  // (the next block of a table whose blocks have their own headers, table 二).
  bool fits = true;
  for (std::size_t i = below.header; i < below.lines.size() && fits; ++i) {
    const TextLine& l = below.lines[i];
    for (std::size_t w = figure_run(l); w < l.words.size(); ++w) {
      const Box& b = l.words[w].box;
      fits = fits && std::any_of(columns.begin(), columns.end(), [&](const Interval& c) {
               return b.x0 < c.x1 + kEdge && b.x1 > c.x0 - kEdge;
             });
    }
  }
  // Its header: the header of the table above repeated, then perhaps the rest of a label cut by
  // the page break; or only that rest.
  std::size_t skip = 0;
  if (below.header >= above.header && above.header > 0) {
    bool same = true;
    for (std::size_t i = 0; i < above.header && same; ++i)
      same = line_text(above.lines[i]) == line_text(below.lines[i]);
    if (same) skip = above.header;
  }
  const double figures_left = columns.front().x0;
  // Blocks of one table with headers of their own: the lines above each block are label text
  // the width of the table (a caption such as "第二十条第（八）项") — not so a new table.
  if (!fits) {
    if (skip > 0 || below.header == 0) return false;
    if (above.lines.size() <= above.header || !inner_headers(above)) return false;
  }
  const TextLine& last = above.lines.back();
  const TextLine& first = below.lines[skip];
  const double h = em(last);
  // A row cut by the page break: the label's first lines at the foot of one page, or its last
  // lines (no new item) at the top of the next, run on; otherwise the next row starts apart.
  const bool cut = (label_only(last, figures_left) && !anchors_table(last)) ||
                   (label_only(first, figures_left) && !anchors_table(first) &&
                    !first.words.empty() && !starts_item(first.words.front().text));
  const double shift = last.y1 + (cut ? 0.2 * h : 2 * h) - first.y0;
  for (std::size_t i = skip; i < below.lines.size(); ++i) {
    TextLine l = below.lines[i];
    l.y0 += shift;
    l.y1 += shift;
    for (Word& w : l.words) {
      w.box.y0 += shift;
      w.box.y1 += shift;
    }
    above.lines.push_back(std::move(l));
  }
  return true;
}

namespace {

// The columns of a region's header: its bottom header cells (a header word with none under it),
// right of the body's labels, merged where they overlap.
std::vector<Interval> header_columns(const StreamRegion& region) {
  double body_right = -1e9;
  for (std::size_t i = region.header; i < region.lines.size(); ++i) {
    const TextLine& l = region.lines[i];
    for (std::size_t w = 0; w < figure_run(l); ++w)
      body_right = std::max(body_right, l.words[w].box.x1);
  }
  std::vector<const Word*> words;
  for (std::size_t i = 0; i < region.header; ++i)
    for (const Word& w : region.lines[i].words)
      if (w.box.x0 >= body_right) words.push_back(&w);
  std::vector<Interval> spans;
  for (const Word* w : words) {
    const bool bottom = std::none_of(words.begin(), words.end(), [&](const Word* v) {
      return v != w && v->box.y0 >= w->box.y1 - 1 &&
             std::min(v->box.x1, w->box.x1) - std::max(v->box.x0, w->box.x0) > kEdge;
    });
    if (bottom) spans.push_back({w->box.x0, w->box.x1});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Interval& a, const Interval& b) { return a.x0 < b.x0; });
  std::vector<Interval> out;
  for (const Interval& s : spans) {
    if (!out.empty() && s.x0 < out.back().x1)
      out.back().x1 = std::max(out.back().x1, s.x1);
    else
      out.push_back(s);
  }
  return out;
}

bool overlap(const Interval& a, const Interval& b) {
  return a.x0 < b.x1 && b.x0 < a.x1;
}

// The figure columns of a table with columns blank in every row (or no figures at all): the
// columns of its header, where each figure column lies under one header cell and each header
// cell over one figure column at most. False where they do not agree (the table is flagged).
bool columns_from_header(const StreamRegion& region, std::vector<Interval>& figures) {
  const std::vector<Interval> headed = header_columns(region);
  if (headed.size() < 2 || headed.size() <= figures.size()) return true;
  for (const Interval& f : figures)
    if (std::count_if(headed.begin(), headed.end(),
                      [&](const Interval& h) { return overlap(f, h); }) != 1)
      return false;
  for (const Interval& h : headed)
    if (std::count_if(figures.begin(), figures.end(),
                      [&](const Interval& f) { return overlap(f, h); }) > 1)
      return false;
  figures = headed;
  return true;
}

}  // namespace

Table stream_table(const StreamRegion& region) {
  Table t;
  t.box = region.box;
  const FigureColumns placed = place_figure_columns(region);
  std::vector<Interval> figures = placed.columns;
  t.unplaced_columns = placed.ambiguous;
  if (!placed.ambiguous && placed.merged.empty() && !columns_from_header(region, figures))
    t.unplaced_columns = true;
  if (figures.empty() || figures.size() > static_cast<std::size_t>(kMaxGrid)) return t;
  const double figures_left = figures.front().x0;
  const auto& lines = region.lines;
  const std::size_t body = region.header;

  // Label columns: edges where many label words start and few cross.
  std::vector<const Word*> labels;
  double labels_right = -1e9;
  for (std::size_t i = body; i < lines.size(); ++i) {
    const std::size_t run = figure_run(lines[i]);
    for (std::size_t w = 0; w < run; ++w) {
      const Word& word = lines[i].words[w];
      if (word.box.x1 > figures_left + 1) continue;
      labels.push_back(&word);
      labels_right = std::max(labels_right, word.box.x1);
    }
  }
  std::vector<double> starts;
  {
    std::vector<double> x0s;
    for (const Word* w : labels)
      x0s.push_back(w->box.x0);
    std::sort(x0s.begin(), x0s.end());
    for (std::size_t i = 0; i < x0s.size();) {
      std::size_t j = i;
      while (j < x0s.size() && x0s[j] - x0s[i] <= kEdge)
        ++j;
      const double at = x0s[i];
      const std::size_t begin = j - i;
      std::size_t cross = 0;
      for (const Word* w : labels)
        if (w->box.x0 < at - kEdge && w->box.x1 > at + kEdge) ++cross;
      if (starts.empty() || (begin >= 2 && begin > cross)) starts.push_back(at);
      i = j;
    }
  }
  starts.push_back(labels.empty() ? figures_left - 1 : (labels_right + figures_left) / 2);
  for (std::size_t i = 1; i < figures.size(); ++i)
    starts.push_back((figures[i - 1].x1 + figures[i].x0) / 2);
  // Figures are centred in their columns: the first column of a table without labels and the
  // last column are as wide as their neighbours.
  const std::size_t n = starts.size();
  if (labels.empty() && n >= 3) starts[0] = std::min(starts[0], 2 * starts[1] - starts[2]);
  const double table_right =
      std::max(figures.back().x1 + kCellPadding, n >= 2 ? 2 * starts[n - 1] - starts[n - 2] : 0.0);
  if (starts.size() > static_cast<std::size_t>(kMaxGrid)) return t;
  const auto column = [&](double x) {
    int c = 0;
    for (std::size_t k = 0; k < starts.size(); ++k)
      if (starts[k] <= x) c = static_cast<int>(k);
    return c;
  };

  const auto column_right = [&](int c) {
    const std::size_t k = static_cast<std::size_t>(c) + 1;
    // The last label column ends where its widest label does (the figures may stand further off).
    if (k == starts.size() - figures.size() && !labels.empty()) return labels_right + kCellPadding;
    return k < starts.size() ? starts[k] : table_right;
  };

  const auto middle = [&](std::size_t i) { return (lines[i].y0 + lines[i].y1) / 2; };
  const int first_figure_column = static_cast<int>(starts.size() - figures.size());

  // Pieces: a figure, or the words of one line starting in one column.
  struct Cell {
    int c0 = 0, c1 = 0;
    std::size_t first = 0, last = 0;  // lines
    double y0 = 0, y1 = 0;
    bool figure = false;
    bool beside_figures = false;  // on a line of figures, or with one between its lines
    std::vector<Word> words;
    double width() const {  // of its last line
      return words.empty() ? 0 : words.back().box.x1 - line_start;
    }
    double line_start = 0;
  };
  std::vector<Cell> cells;
  std::map<int, std::size_t> open;  // column → the cell last written in it
  std::vector<bool> figure_line(lines.size()), inner_header(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    figure_line[i] = i >= body && figure_run(lines[i]) < lines[i].words.size();
    inner_header[i] = i >= body && !figure_line[i] && !label_only(lines[i], figures_left);
  }
  // The columns a header is merged over: a group header is centred over the headers under it,
  // so its columns are the widest run around it with the same middle, within the group above it
  // and clear of the headers beside it.
  std::vector<std::pair<int, int>> header_span(starts.size());
  for (std::size_t k = 0; k < starts.size(); ++k)
    header_span[k] = {static_cast<int>(k), static_cast<int>(k)};
  struct Placed {
    int c0, c1;
    double y0, y1;
  };
  std::vector<Placed> headers;
  const auto widen_header = [&](Cell& p) {
    const double middle_x = (p.line_start + p.words.back().box.x1) / 2;
    int low = first_figure_column, high = static_cast<int>(starts.size()) - 1;
    for (const Placed& o : headers) {
      if (o.y1 > p.y0 + 1 && o.y0 < p.y1 - 1) {  // beside it
        if (o.c1 < p.c0) low = std::max(low, o.c1 + 1);
        if (o.c0 > p.c1) high = std::min(high, o.c0 - 1);
      } else if (o.c0 <= p.c0 && o.c1 >= p.c1 && o.y1 <= p.y0 + 1) {  // above it
        low = std::max(low, o.c0);
        high = std::min(high, o.c1);
      }
    }
    int best_a = p.c0, best_b = p.c1;
    // A group header spans a few dozen columns at most (the bound keeps a hostile page cheap).
    low = std::max(low, p.c0 - kMaxHeaderSpan);
    high = std::min(high, p.c1 + kMaxHeaderSpan);
    const auto width = [&](int k) { return column_right(k) - starts[static_cast<std::size_t>(k)]; };
    for (int a = low; a <= p.c0; ++a) {
      double narrowest = 1e9;
      for (int k = a; k < p.c1; ++k)
        narrowest = std::min(narrowest, width(k));
      for (int b = p.c1; b <= high; ++b) {
        const double left = starts[static_cast<std::size_t>(a)], right = column_right(b);
        narrowest = std::min(narrowest, width(b));
        if (std::abs((left + right) / 2 - middle_x) <= std::max(3.0, narrowest / 4) &&
            b - a > best_b - best_a) {
          best_a = a;
          best_b = b;
        }
      }
    }
    p.c0 = best_a;
    p.c1 = best_b;
    headers.push_back({p.c0, p.c1, p.y0, p.y1});
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const TextLine& l = lines[i];
    const std::size_t run = figure_run(l);
    std::vector<Cell> pieces;
    for (std::size_t w = 0; w < l.words.size(); ++w) {
      const Word& word = l.words[w];
      Cell p;
      p.first = p.last = i;
      p.y0 = word.box.y0;
      p.y1 = word.box.y1;
      p.line_start = word.box.x0;
      p.words.push_back(word);
      if (figure_line[i] && w >= run) {
        p.figure = true;
        p.c0 = p.c1 = column((word.box.x0 + word.box.x1) / 2);
        for (std::size_t m = 0; m < placed.merged.size(); ++m)
          if (word.box.x0 >= placed.merged[m].x0 - 0.5 && word.box.x0 <= placed.merged[m].x1) {
            p.c0 = first_figure_column + placed.merged_over[m].first;
            p.c1 = first_figure_column + placed.merged_over[m].second;
          }
      } else {
        p.c0 = column(word.box.x0 + 1);
        p.c1 = std::max(p.c0, column(word.box.x1 - 1));
        if (!pieces.empty() && !pieces.back().figure && pieces.back().c1 >= p.c0) {
          Cell& prev = pieces.back();
          // Two headers apart in one figure column: a column without figures, which this
          // reading cannot place.
          if (i < body && p.c0 >= first_figure_column &&
              word.box.x0 - prev.words.back().box.x1 >= 0.5 * em(l))
            t.unplaced_columns = true;
          prev.c1 = std::max(prev.c1, p.c1);
          prev.y0 = std::min(prev.y0, p.y0);
          prev.y1 = std::max(prev.y1, p.y1);
          prev.words.push_back(word);
          continue;
        }
      }
      pieces.push_back(std::move(p));
    }
    const double h = em(l);
    const bool header_line = i < body || inner_header[i];
    for (Cell& p : pieces) {
      if (p.figure) {
        // A figure under a header merged over columns stands for the merged cell.
        // Plain copies, not a structured binding: clang 14 (the fuzz build) cannot capture one.
        const int a = header_span[static_cast<std::size_t>(p.c0)].first;
        const int b = header_span[static_cast<std::size_t>(p.c0)].second;
        if (p.c0 == p.c1 && a < b && std::none_of(pieces.begin(), pieces.end(), [&](const Cell& o) {
              return &o != &p && o.figure && o.c0 >= a && o.c0 <= b;
            })) {
          p.c0 = a;
          p.c1 = b;
        }
      } else if (header_line && p.c0 >= first_figure_column) {
        widen_header(p);
        for (int k = p.c0; k <= p.c1; ++k)
          header_span[static_cast<std::size_t>(k)] = {p.c0, p.c1};
      }
      auto it = open.find(p.c0);
      if (!p.figure && it != open.end()) {
        Cell& c = cells[it->second];
        const bool same_part = (c.first < body) == (i < body);
        // A header cell wraps only where its line is full: a group header centred over its
        // columns is followed by the headers under it, not by more of its own text.
        const double room = column_right(c.c1) - starts[static_cast<std::size_t>(c.c0)];
        const bool full = i >= body || room - c.width() < h + 2 * kCellPadding;
        // A label has one row of figures: a label on the next row of figures is the next row's.
        bool beside = false;
        for (std::size_t k = c.first; k < i && !beside; ++k)
          beside = figure_line[k] && middle(k) >= c.y0 - 1;
        const double last_room = column_right(c.c1) - starts[static_cast<std::size_t>(c.c0)];
        const bool filled = last_room - c.width() < h + 2 * kCellPadding;
        const bool next_row = figure_line[i] && (c.beside_figures || beside) && !filled;
        if (!c.figure && c.c0 == p.c0 && c.c1 == p.c1 && same_part && full && !next_row &&
            p.y0 - c.y1 < kWrapGap * h && !starts_item(p.words.front().text)) {
          c.beside_figures = c.beside_figures || figure_line[i] || beside;
          c.last = i;
          c.y1 = std::max(c.y1, p.y1);
          c.line_start = p.line_start;
          for (Word& w : p.words)
            c.words.push_back(std::move(w));
          continue;
        }
      }
      p.beside_figures = figure_line[i];
      cells.push_back(std::move(p));
      for (int k = cells.back().c0; k <= cells.back().c1; ++k)
        open[k] = cells.size() - 1;
    }
  }

  // Places: a label beside the figures of its row goes on their line.
  std::map<std::pair<int, int>, std::size_t> at;  // (row, column) → cell
  std::vector<int> row_of(cells.size());
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const Cell& c = cells[k];
    std::size_t row = c.first;
    bool beside_figures = !c.figure && c.first >= body;
    for (std::size_t i = c.first; i <= c.last && beside_figures; ++i)
      beside_figures = !inner_header[i];
    if (beside_figures) {
      std::size_t best = lines.size();
      bool overlapping = false;
      double best_distance = 1.5 * em(lines[c.first]);
      for (std::size_t i = body; i < lines.size(); ++i) {
        if (!figure_line[i]) continue;
        const double m = middle(i);
        if (m >= c.y0 - 1 && m <= c.y1 + 1) {
          best = i;
          overlapping = true;
          break;
        }
        const double d = m < c.y0 ? c.y0 - m : m - c.y1;
        if (d < best_distance) {
          best_distance = d;
          best = i;
        }
      }
      // A label that starts an item is not moved onto a row whose label covers its column.
      if (best < lines.size() && !overlapping && starts_item(c.words.front().text) &&
          std::any_of(cells.begin(), cells.end(), [&](const Cell& o) {
            return &o != &c && !o.figure && o.first <= best && o.last >= best && o.c0 <= c.c0 &&
                   o.c1 >= c.c0;
          }))
        best = lines.size();
      // A group label beside rows without figures: on the row of the first item to its right.
      if (best == lines.size() && !overlapping) {
        std::size_t first = lines.size();
        for (const Cell& o : cells)
          if (!o.figure && o.c0 > c.c1 && o.first >= body && o.y0 < c.y1 - 1 && o.y1 > c.y0 + 1)
            first = std::min(first, o.first);
        if (first < lines.size() && !inner_header[first]) best = first;
      }
      if (best < lines.size() && !at.count({static_cast<int>(best), c.c0})) row = best;
    }
    auto key = std::make_pair(static_cast<int>(row), c.c0);
    if (at.count(key)) {
      // Two pieces in one place (figures run together): one cell, as printed.
      Cell& other = cells[at[key]];
      for (const Word& w : c.words)
        other.words.push_back(w);
      row_of[k] = -1;
      continue;
    }
    at[key] = k;
    row_of[k] = static_cast<int>(row);
  }

  t.xs = starts;
  t.xs.push_back(figures.back().x1 + 1);
  for (const TextLine& l : lines)
    t.ys.push_back(l.y0);
  t.ys.push_back(lines.back().y1);
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (row_of[k] < 0) continue;
    const Cell& c = cells[k];
    TableCell out;
    out.row = out.last_row = row_of[k];
    out.col = out.last_col = c.c0;
    // A label spanning columns is one merged cell, where nothing else is printed in them.
    bool free = true;
    for (int col = c.c0 + 1; col <= c.c1; ++col)
      free = free && !at.count({row_of[k], col});
    if (free) out.last_col = c.c1;
    out.text = join_words(c.words);
    out.page = lines[static_cast<std::size_t>(row_of[k])].page;
    t.cells.push_back(std::move(out));
  }
  std::sort(t.cells.begin(), t.cells.end(), [](const TableCell& a, const TableCell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  return t;
}

}  // namespace nianbao::pdf_import
