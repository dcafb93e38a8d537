#include "scan.h"

#include <nianbao/text.h>

#include <chrono>

namespace nianbao::document {

char32_t fold_digit(char32_t c) {
  return c >= U'０' && c <= U'９' ? c - U'０' + U'0' : c;
}

bool is_ascii_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

bool is_cjk(char32_t c) {
  return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

std::vector<DateAt> find_dates(std::u32string_view s) {
  std::vector<DateAt> out;
  std::size_t i = 0;
  auto number = [&](std::size_t& k, std::size_t min, std::size_t max, int& value) {
    std::size_t start = k;
    value = 0;
    while (k < s.size() && k - start < max && is_ascii_digit(fold_digit(s[k])))
      value = value * 10 + static_cast<int>(fold_digit(s[k++]) - U'0');
    return k - start >= min && !(k < s.size() && is_ascii_digit(fold_digit(s[k])));
  };
  auto spaces = [&](std::size_t& k) {
    while (k < s.size() && s[k] == U' ')
      ++k;
  };
  while (i < s.size()) {
    if (!is_ascii_digit(fold_digit(s[i])) || (i > 0 && is_ascii_digit(fold_digit(s[i - 1])))) {
      ++i;
      continue;
    }
    std::size_t k = i;
    DateAt d;
    d.start = i;
    bool ok = number(k, 4, 4, d.year);
    char32_t separator = 0;
    if (ok) {
      spaces(k);
      if (k < s.size() && (s[k] == U'年' || s[k] == U'-' || s[k] == U'/' || s[k] == U'.'))
        separator = s[k++];
      ok = separator != 0;
    }
    if (ok) {
      spaces(k);
      ok = number(k, 1, 2, d.month);
    }
    if (ok) {
      spaces(k);
      const char32_t second = separator == U'年' ? U'月' : separator;
      ok = k < s.size() && s[k] == second;
      ++k;
    }
    if (ok) {
      spaces(k);
      ok = number(k, 1, 2, d.day);
    }
    if (ok && separator == U'年') {
      std::size_t j = k;
      spaces(j);
      if (j < s.size() && (s[j] == U'日' || s[j] == U'号')) k = j + 1;
    }
    if (ok) {
      using namespace std::chrono;
      year_month_day ymd{year{d.year}, month{static_cast<unsigned>(d.month)},
                         day{static_cast<unsigned>(d.day)}};
      ok = ymd.ok() && d.year >= 1990 && d.year <= 2100;
    }
    if (ok) {
      d.end = k;
      out.push_back(d);
      i = k;
    } else {
      ++i;
    }
  }
  return out;
}

namespace {
// A whole run of numerals 一 … 十 as a number ("十九" 19), or 0 when it is not one numeral.
int chinese_number(std::u32string_view t) {
  int value = 0;
  return !t.empty() && read_chinese_numeral(t, value) == t.size() ? value : 0;
}
}  // namespace

Numbering numbering_of(std::u32string_view s) {
  auto numeral_run = [&](std::size_t from) {
    std::size_t k = from;
    while (k < s.size() && is_part_numeral(s[k]) && k - from < 3)
      ++k;
    return k;
  };
  Numbering n;
  if (s.empty()) return n;
  if (s[0] == U'（' || s[0] == U'(') {
    std::size_t k = numeral_run(1);
    if (k > 1 && k < s.size() && (s[k] == U'）' || s[k] == U')')) {
      n.style = NumberingStyle::bracketed;
      n.value = chinese_number(s.substr(1, k - 1));
      n.length = k + 1;
    }
    return n;
  }
  if (s[0] == U'第') {
    std::size_t k = numeral_run(1);
    if (k > 1 && s.substr(k, 2) == U"部分") {
      n.style = NumberingStyle::part;
      n.value = chinese_number(s.substr(1, k - 1));
      n.length = k + 2;
    }
    return n;
  }
  std::size_t k = numeral_run(0);
  if (k > 0 && k < s.size() && (s[k] == U'、' || s[k] == U'.' || s[k] == U'．')) {
    n.style = NumberingStyle::chinese;
    n.value = chinese_number(s.substr(0, k));
    n.length = k + 1;
    return n;
  }
  k = 0;
  while (k < s.size() && is_ascii_digit(fold_digit(s[k])) && k < 2)
    ++k;
  if (k > 0 && k < s.size() && (s[k] == U'、' || s[k] == U'.' || s[k] == U'．') &&
      !(k + 1 < s.size() && is_ascii_digit(fold_digit(s[k + 1])))) {
    n.style = NumberingStyle::arabic;
    for (std::size_t j = 0; j < k; ++j)
      n.value = n.value * 10 + static_cast<int>(fold_digit(s[j]) - U'0');
    n.length = k + 1;
  }
  return n;
}

}  // namespace nianbao::document
