#include "text.h"

#include <nianbao/cell_text.h>
#include <nianbao/text.h>

#include <chrono>
#include <cmath>

namespace nianbao::grid {
namespace {

bool is_quote(char32_t c) {
  return c == U'"' || c == U'\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
         c == 0x300C || c == 0x300D || c == 0x300E || c == 0x300F;
}

// Full-width forms of ASCII (U+FF01..U+FF5E) as ASCII; the minus sign as '-'.
char32_t fold_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x2212) return U'-';
  return c;
}

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

// Removes one leading enumeration from a normalised label; returns whether it did.
bool strip_one_enumeration(std::u32string& s) {
  std::size_t i = 0;
  if (!s.empty() && s[0] == U'(') {
    i = 1;
    while (i < s.size() && (is_part_numeral(s[i]) || is_digit(s[i])))
      ++i;
    if (i > 1 && i < s.size() && s[i] == U')') {
      s.erase(0, i + 1);
      return true;
    }
    return false;
  }
  while (i < s.size() && is_part_numeral(s[i]))
    ++i;
  if (i > 0 && i < s.size() && (s[i] == U'、' || s[i] == U'.')) {
    s.erase(0, i + 1);
    return true;
  }
  i = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  if (i > 0 && i < s.size() && (s[i] == U'.' || s[i] == U')') &&
      !(i + 1 < s.size() && is_digit(s[i + 1]))) {
    s.erase(0, i + 1);
    return true;
  }
  return false;
}

// "（二）部分公开（区分处理的…）" → "（二）部分公开": the label without a trailing note in
// brackets.
std::u32string strip_trailing_note(const std::u32string& s) {
  if (s.empty() || s.back() != U')') return s;
  int depth = 0;
  for (std::size_t i = s.size(); i-- > 0;) {
    if (s[i] == U')') ++depth;
    if (s[i] == U'(' && --depth == 0) return i > 0 ? s.substr(0, i) : s;
  }
  return s;
}

}  // namespace

std::string trim(std::string_view text) {
  std::u32string s = decode_utf8(text);
  std::size_t first = 0, last = s.size();
  while (first < last && is_white_space(s[first]))
    ++first;
  while (last > first && is_white_space(s[last - 1]))
    --last;
  return encode_utf8(std::u32string_view(s).substr(first, last - first));
}

namespace {

// normalize_label before its encoding: the code points, as prepare_label uses them.
std::u32string normalized_code_points(std::string_view text) {
  std::u32string out;
  for (char32_t c : decode_utf8(text)) {
    c = fold_width(c);
    if (is_white_space(c) || is_quote(c)) continue;
    if (c == U'、' && !out.empty() && is_digit(out.back())) c = U'.';
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    out += c;
  }
  while (!out.empty() && (out.back() == U':' || out.back() == U'：'))
    out.pop_back();
  return out;
}

std::uint64_t character_bits(std::u32string_view s) {
  std::uint64_t bits = 0;
  for (char32_t c : s)
    bits |= std::uint64_t{1} << ((static_cast<std::uint32_t>(c) * 2654435761u) >> 26);
  return bits;
}

}  // namespace

std::string normalize_label(std::string_view text) {
  return encode_utf8(normalized_code_points(text));
}

PreparedLabel prepare_label(std::string_view text) {
  PreparedLabel p;
  // decode_utf8(encode_utf8(x)) is x for the code points decoding yields, so the normalised
  // form is used as it is.
  p.full = normalized_code_points(text);
  p.stripped = p.full;
  for (int i = 0; i < 3 && strip_one_enumeration(p.stripped); ++i) {
  }
  p.noted = strip_trailing_note(p.stripped);
  p.characters = character_bits(p.stripped);
  return p;
}

int match_prepared(const PreparedLabel& cell, const PreparedLabel& label) {
  if (cell.full.empty() || label.full.empty()) return 0;
  if (cell.full == label.full) return 3;
  if (!cell.stripped.empty() && cell.stripped == label.stripped) return 2;
  if (cell.noted.size() >= 2 && cell.noted == label.noted) return 2;
  // Shortened or annotated forms: four characters at least, so that "其他" or "总计" never match
  // a longer label by accident.
  const std::u32string& c = cell.stripped;
  const std::u32string& l = label.stripped;
  if (c.size() >= 4 && (cell.characters & ~label.characters) == 0 &&
      l.find(c) != std::u32string::npos)
    return 1;
  if (l.size() >= 4 && (label.characters & ~cell.characters) == 0 &&
      c.find(l) != std::u32string::npos)
    return 1;
  return 0;
}

std::optional<std::string> unit_in_header(std::string_view header_text) {
  std::string n = normalize_label(header_text);
  if (n.find("万元") != std::string::npos) return std::string("万元");
  if (n.find("(元)") != std::string::npos || n.find("单位:元") != std::string::npos)
    return std::string("元");
  return std::nullopt;
}

std::optional<Decimal> parse_stored_number(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  int exponent = 0;
  bool any = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    digits += text[i++];
    any = true;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      digits += text[i++];
      --exponent;
      any = true;
    }
  }
  if (!any) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    int e = 0;
    bool exp_digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (e < 10000) e = e * 10 + (text[i] - '0');
      ++i;
      exp_digits = true;
    }
    if (!exp_digits) return std::nullopt;
    exponent += exp_negative ? -e : e;
  }
  if (i != text.size()) return std::nullopt;
  std::size_t lead = digits.find_first_not_of('0');
  digits = lead == std::string::npos ? std::string() : digits.substr(lead);
  if (digits.empty()) return Decimal(0);
  // A spreadsheet keeps 15 significant digits; what lies beyond is binary noise.
  auto round_off = [&](std::size_t keep) {
    if (digits.size() <= keep) return;
    bool up = digits[keep] >= '5';
    exponent += static_cast<int>(digits.size() - keep);
    digits.resize(keep);
    for (std::size_t k = digits.size(); up && k-- > 0;) {
      if (digits[k] == '9') {
        digits[k] = '0';
      } else {
        ++digits[k];
        up = false;
      }
    }
    if (up) digits.insert(digits.begin(), '1');
  };
  round_off(15);
  while (!digits.empty() && digits.back() == '0' && exponent < 0) {
    digits.pop_back();
    ++exponent;
  }
  if (exponent < -Decimal::kMaxScale) {
    std::size_t excess = static_cast<std::size_t>(-Decimal::kMaxScale - exponent);
    if (excess >= digits.size()) return Decimal(0);
    round_off(digits.size() - excess);
  }
  if (digits.empty()) return Decimal(0);
  std::string out = negative ? "-" : "";
  if (exponent >= 0) {
    if (digits.size() + static_cast<std::size_t>(exponent) > 19) return std::nullopt;
    out += digits + std::string(static_cast<std::size_t>(exponent), '0');
  } else {
    std::size_t scale = static_cast<std::size_t>(-exponent);
    if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    out += digits.substr(0, digits.size() - scale) + "." + digits.substr(digits.size() - scale);
  }
  return Decimal::parse(out);
}

ParsedCell parse_cell_number(std::string_view stored, const ColumnDef& column,
                             const std::optional<std::string>& header_unit) {
  ParsedCell out;
  auto value = parse_stored_number(stored);
  if (!value) {
    out.cell = Cell::not_applicable(std::string(stored));
    out.not_a_number = true;
    return out;
  }
  out.cell = Cell::number(*value);
  if (column.type == ValueType::money) out.cell.unit = header_unit ? header_unit : column.unit;
  return out;
}

ParsedCell parse_cell_text(std::string_view text, const ColumnDef& column,
                           const std::optional<std::string>& header_unit) {
  ParsedCell out;
  // One reading of printed cell text for every importer: the core's.
  std::optional<Cell> cell = nianbao::parse_cell_text(text, column);
  if (!cell) {
    out.cell = Cell::not_applicable(trim(text));
    out.not_a_number = true;
    return out;
  }
  out.cell = std::move(*cell);
  // What the cell does not say, its header may ("（单位：万元）"), or the format fixes.
  if (column.type == ValueType::money && out.cell.is_number() && !out.cell.unit)
    out.cell.unit = header_unit ? header_unit : column.unit;
  return out;
}

std::optional<std::string> parse_date_text(std::string_view text) {
  std::u32string s;
  for (char32_t c : decode_utf8(trim(text)))
    s += fold_width(c);
  std::size_t i = 0;
  auto number = [&](std::size_t min_digits, std::size_t max_digits) -> std::optional<int> {
    std::size_t start = i;
    int v = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < max_digits)
      v = v * 10 + (s[i++] - U'0');
    if (i - start < min_digits) return std::nullopt;
    return v;
  };
  auto separator = [&](std::u32string_view allowed) {
    if (i < s.size() && allowed.find(s[i]) != std::u32string_view::npos) {
      ++i;
      return true;
    }
    return false;
  };
  auto y = number(4, 4);
  if (!y || !separator(U"-/.年")) return std::nullopt;
  auto m = number(1, 2);
  if (!m || !separator(U"-/.月")) return std::nullopt;
  auto d = number(1, 2);
  if (!d) return std::nullopt;
  separator(U"日");
  // A time of day after the date (as some programs write it) is ignored.
  if (i < s.size() && s[i] != U'T' && s[i] != U' ') return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *y, *m, *d);
  return std::string(buf);
}

std::optional<std::string> date_from_serial(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return std::nullopt;
  auto days = static_cast<int>(std::floor(serial));
  sys_days date;
  if (date1904) {
    date = sys_days{year{1904} / January / 1} + std::chrono::days{days};
  } else {
    // The 1900 system counts a 29 February 1900 that never was (serial 60).
    if (days < 1 || days == 60) return std::nullopt;
    date = sys_days{year{1899} / December / (days < 60 ? 31 : 30)} + std::chrono::days{days};
  }
  year_month_day ymd{date};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return std::string(buf);
}

}  // namespace nianbao::grid
