#include "sheet.h"

namespace nianbao::grid {

std::string column_name(int col) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::string cell_name(int row, int col) {
  return column_name(col) + std::to_string(row + 1);
}

std::optional<std::pair<int, int>> parse_cell_name(std::string_view ref) {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  long col = 0;
  std::size_t letters = 0;
  while (i < ref.size() && letters < 4) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    col = col * 26 + (ch - 'A' + 1);
    ++i;
    ++letters;
  }
  if (letters == 0) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  long row = 0;
  std::size_t digits = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && digits < 8) {
    row = row * 10 + (ref[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || i != ref.size() || row < 1 || row > kMaxRows || col > kMaxColumns)
    return std::nullopt;
  return std::pair<int, int>{static_cast<int>(row - 1), static_cast<int>(col - 1)};
}

std::optional<Range> parse_range(std::string_view ref) {
  auto colon = ref.find(':');
  auto first = parse_cell_name(ref.substr(0, colon));
  auto last = colon == std::string_view::npos ? first : parse_cell_name(ref.substr(colon + 1));
  if (!first || !last) return std::nullopt;
  Range r{std::min(first->first, last->first), std::min(first->second, last->second),
          std::max(first->first, last->first), std::max(first->second, last->second)};
  return r;
}

const GridCell* Sheet::at(int row, int col) const {
  auto it = cells_.find({row, col});
  return it == cells_.end() ? nullptr : &it->second;
}

void Sheet::index_merges() {
  constexpr long kMaxIndexedArea = 4096;
  constexpr long kMaxIndexTotal = 1L << 20;
  long total = 0;
  merge_index_.clear();
  large_merges_.clear();
  for (std::size_t i = 0; i < merges_.size(); ++i) {
    const Range& m = merges_[i];
    long area = static_cast<long>(m.last_row - m.first_row + 1) * (m.last_col - m.first_col + 1);
    if (area > kMaxIndexedArea || total + area > kMaxIndexTotal) {
      large_merges_.push_back(i);
      continue;
    }
    total += area;
    for (int r = m.first_row; r <= m.last_row; ++r)
      for (int c = m.first_col; c <= m.last_col; ++c)
        merge_index_.emplace(std::pair{r, c}, i);
  }
}

const Range* Sheet::merge_at(int row, int col) const {
  if (auto it = merge_index_.find({row, col}); it != merge_index_.end())
    return &merges_[it->second];
  for (std::size_t i : large_merges_)
    if (merges_[i].contains(row, col)) return &merges_[i];
  return nullptr;
}

}  // namespace nianbao::grid
