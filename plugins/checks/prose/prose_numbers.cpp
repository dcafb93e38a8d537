#include "prose_numbers.h"

#include <nianbao/text.h>

#include <algorithm>

namespace nianbao::prose {
namespace {

bool is_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');
}
int digit_value(char32_t c) {
  return c <= U'9' ? static_cast<int>(c - U'0') : static_cast<int>(c - U'０');
}
bool is_space(char32_t c) {
  return c == U' ' || c == U'\u3000' || c == U'\u00a0' || c == U'\t';
}
// Punctuation that ends the clause a number belongs to.
bool is_clause_break(char32_t c) {
  static const std::u32string_view kBreaks = U"，。；：、,;:!?！？（）()\n";
  return kBreaks.find(c) != std::u32string_view::npos;
}

int chinese_digit(char32_t c) {
  static const std::u32string_view kDigits = U"零一二三四五六七八九";
  auto p = kDigits.find(c);
  if (p != std::u32string_view::npos) return static_cast<int>(p);
  return c == U'两' ? 2 : -1;
}

// Parses a number at `i`: ASCII or full-width digits with optional thousands separators
// ("3,985,758"), or a Chinese numeral below 100 ("两", "十二", "二十一"). Returns the index after
// it.
std::size_t parse_number(std::u32string_view s, std::size_t i, std::int64_t& value) {
  std::size_t start = i;
  if (i < s.size() && is_digit(s[i])) {
    value = 0;
    while (i < s.size()) {
      if (is_digit(s[i])) {
        if (value > (INT64_MAX - 9) / 10) return start;  // too large to be a count
        value = value * 10 + digit_value(s[i]);
        ++i;
      } else if (s[i] == U',' && i + 3 < s.size() &&
                 std::all_of(s.begin() + static_cast<long>(i) + 1,
                             s.begin() + static_cast<long>(i) + 4, is_digit) &&
                 (i + 4 >= s.size() || !is_digit(s[i + 4]))) {
        ++i;  // a thousands separator: exactly three digits follow
      } else {
        break;
      }
    }
    return i;
  }
  // Chinese numerals: [digit]十[digit] or a single digit.
  int tens = -1, ones = -1;
  if (i < s.size() && chinese_digit(s[i]) > 0 && i + 1 < s.size() && s[i + 1] == U'十') {
    tens = chinese_digit(s[i]);
    i += 2;
  } else if (i < s.size() && s[i] == U'十') {
    tens = 1;
    i += 1;
  }
  if (i < s.size() && chinese_digit(s[i]) >= 0) {
    ones = chinese_digit(s[i]);
    ++i;
  }
  if (tens < 0 && ones < 0) return start;
  value = (tens < 0 ? 0 : tens * 10) + (ones < 0 ? 0 : ones);
  return i;
}

bool contains_any(std::u32string_view text, const std::vector<std::u32string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::u32string& w) {
    return text.find(w) != std::u32string_view::npos;
  });
}

std::size_t skip_spaces(std::u32string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i]))
    ++i;
  return i;
}

}  // namespace

std::vector<Mention> find_mentions(std::string_view sentence, const Pattern& p) {
  return find_mentions(std::u32string_view(decode_utf8(sentence)), p);
}

std::vector<Mention> find_mentions(std::u32string_view s, const Pattern& p) {
  std::vector<Mention> out;
  for (const auto& keyword : p.keywords) {
    if (keyword.empty()) continue;
    for (std::size_t k = s.find(keyword); k != s.npos; k = s.find(keyword, k + 1)) {
      bool bad_before = std::any_of(
          p.forbidden_before.begin(), p.forbidden_before.end(), [&](const std::u32string& w) {
            return k >= w.size() && s.compare(k - w.size(), w.size(), w) == 0;
          });
      if (bad_before) continue;
      std::int64_t value = 0;
      std::size_t number_at = 0, phrase_begin = 0, phrase_end = 0;
      std::u32string_view gap;
      if (!p.number_first) {
        // keyword, a short gap of filler, the number, the unit.
        std::size_t j = k + keyword.size();
        std::size_t limit = std::min(s.size(), j + p.max_gap + 1);
        bool found = false;
        for (std::size_t n = j; n < limit && !is_clause_break(s[n]); ++n) {
          bool arabic = is_digit(s[n]);
          if (!arabic && chinese_digit(s[n]) < 0 && s[n] != U'十') continue;
          std::size_t after = parse_number(s, n, value);
          if (after == n) continue;
          after = skip_spaces(s, after);
          if (s.compare(after, p.unit.size(), p.unit) == 0) {
            gap = s.substr(j, n - j);
            number_at = n;
            phrase_begin = k;
            phrase_end = after + p.unit.size();
            found = true;
            break;
          }
          if (arabic) break;  // another number stands between the keyword and any count
        }
        if (!found) continue;
      } else {
        // the number, the unit, a short gap, the keyword: walk back from the keyword.
        if (k == 0) continue;
        std::size_t u = k;  // find the unit within the gap before the keyword
        std::size_t floor = k > p.max_gap + p.unit.size() ? k - p.max_gap - p.unit.size() : 0;
        bool found = false;
        while (u > floor) {
          --u;
          if (is_clause_break(s[u])) break;
          if (s.compare(u, p.unit.size(), p.unit) == 0) {
            found = true;
            break;
          }
        }
        if (!found) continue;
        gap = s.substr(u + p.unit.size(), k - u - p.unit.size());
        std::size_t e = u;
        while (e > 0 && is_space(s[e - 1]))
          --e;
        std::size_t b = e;
        while (b > 0 && (is_digit(s[b - 1]) || s[b - 1] == U','))
          --b;
        if (b == e || parse_number(s, b, value) < e) continue;
        number_at = b;
        phrase_begin = b;
        phrase_end = k + keyword.size();
      }
      if (contains_any(gap, p.forbidden_in_gap)) continue;
      if (!p.required_in_gap.empty() && !contains_any(gap, p.required_in_gap)) continue;
      // The same number found through another keyword of the pattern counts once.
      if (std::any_of(out.begin(), out.end(),
                      [&](const Mention& m) { return m.position == number_at; }))
        continue;
      Mention m;
      m.value = value;
      m.keyword = encode_utf8(keyword);
      m.phrase = encode_utf8(s.substr(phrase_begin, phrase_end - phrase_begin));
      m.position = number_at;
      out.push_back(std::move(m));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Mention& a, const Mention& b) { return a.position < b.position; });
  return out;
}

}  // namespace nianbao::prose
