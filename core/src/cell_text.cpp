#include "nianbao/cell_text.h"

#include "nianbao/text.h"

#include <array>
#include <cctype>
#include <string>

namespace nianbao {
namespace {

constexpr std::array<std::string_view, 8> kNotApplicable = {"/", "／", "—",  "－",
                                                            "-", "–",  "——", "无"};

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  s = trim_white_space(s);
  return true;
}

}  // namespace

std::optional<Cell> parse_cell_text(std::string_view text, const ColumnDef& column) {
  std::string_view t = trim_white_space(text);
  if (t.empty()) {
    Cell c = Cell::blank();
    if (!text.empty() && text.find_first_not_of(" ") != std::string_view::npos)
      c.raw = std::string(text);
    return c;
  }
  for (auto na : kNotApplicable)
    if (t == na) return Cell::not_applicable(std::string(t));

  std::optional<std::string> unit;
  if (column.type == ValueType::money) {
    if (strip_suffix(t, "万元"))
      unit = "万元";
    else if (strip_suffix(t, "元"))
      unit = "元";
  } else {
    for (std::string_view u : {"件", "个", "项", "条", "次"})
      if (strip_suffix(t, u)) break;
  }

  // Normalise: full-width digits, signs and points to ASCII; thousands separators dropped when
  // they separate groups of exactly three digits.
  std::string ascii;
  for (std::size_t i = 0; i < t.size();) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == 0xEF && i + 2 < t.size()) {
      unsigned char b1 = static_cast<unsigned char>(t[i + 1]),
                    b2 = static_cast<unsigned char>(t[i + 2]);
      if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {  // ０-９
        ascii += static_cast<char>('0' + (b2 - 0x90));
        i += 3;
        continue;
      }
      if (b1 == 0xBC && b2 == 0x8D)
        ascii += '-';  // －
      else if (b1 == 0xBC && b2 == 0x8E)
        ascii += '.';  // ．
      else if (b1 == 0xBC && b2 == 0x8C)
        ascii += ',';  // ，
      else if (b1 == 0xBC && b2 == 0x8B)
        ascii += '+';  // ＋
      else
        return std::nullopt;
      i += 3;
      continue;
    }
    if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x88 &&
        static_cast<unsigned char>(t[i + 2]) == 0x92) {  // − (U+2212), as in "−18"
      ascii += '-';
      i += 3;
      continue;
    }
    if (c >= 0x80) return std::nullopt;
    ascii += static_cast<char>(c);
    ++i;
  }
  std::string digits;
  for (std::size_t i = 0; i < ascii.size(); ++i) {
    if (ascii[i] == ',') {
      auto digit = [&](std::size_t k) {
        return std::isdigit(static_cast<unsigned char>(ascii[k])) != 0;
      };
      bool group = i > 0 && digit(i - 1) && i + 3 < ascii.size() && digit(i + 1) && digit(i + 2) &&
                   digit(i + 3) && (i + 4 == ascii.size() || !digit(i + 4));
      if (!group) return std::nullopt;
      continue;
    }
    if (ascii[i] == ' ') continue;  // "3 985" as some PDFs print it
    digits += ascii[i];
  }
  auto value = Decimal::parse(digits);
  if (!value) return std::nullopt;
  Cell c = Cell::number(*value);
  if (column.type == ValueType::money) c.unit = unit;
  std::string canonical = value->to_string();
  if (unit) canonical += *unit;
  if (const std::string_view trimmed = trim_white_space(text); trimmed != canonical)
    c.raw = std::string(trimmed);
  return c;
}

}  // namespace nianbao
