// Small scanners over decoded text shared by the assembly and the text reader: white space,
// digits, dates as reports print them, and the numbering of headings.
#pragma once

#include <nianbao/text.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::document {

/// A full-width digit as its ASCII form; anything else unchanged.
char32_t fold_digit(char32_t c);
bool is_ascii_digit(char32_t c);
bool is_cjk(char32_t c);

/// A date found in text: "2021年1月29日", "2021-01-29", "2021/1/29", "2021.1.29" (spaces allowed
/// around 年月日, as PDF text prints them).
struct DateAt {
  std::size_t start = 0, end = 0;  ///< in characters
  int year = 0, month = 0, day = 0;
};
std::vector<DateAt> find_dates(std::u32string_view text);

/// How a heading is numbered: "一、", "（一）", "第一部分", "1." — and the number.
enum class NumberingStyle { none, chinese, bracketed, part, arabic };
struct Numbering {
  NumberingStyle style = NumberingStyle::none;
  int value = 0;
  std::size_t length = 0;  ///< characters the numbering takes, separator included
};
Numbering numbering_of(std::u32string_view text);

/// Whether a paragraph looks like a numbered heading: short, numbered, no sentence end.
bool looks_like_heading(std::string_view text);

}  // namespace nianbao::document
