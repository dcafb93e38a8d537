// The few patterns the general checks look for in prose, matched by hand. They stand in for
// regular expressions (each documented below) with the same results: std::regex compiled its
// patterns once in every process that checked a report — about a twentieth of a one-report
// `nianbao check` — and searched ten times slower. tests/unit/text_patterns_test.cpp holds each
// matcher to its regular expression on generated and real text.
//
// As with std::regex on std::string, text is matched byte by byte: \s is ASCII white space, \d an
// ASCII digit, and a Chinese character is the sequence of its UTF-8 bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nianbao::general {

/// The statistical period "2020年1月1日至2020年12月31日": the first match of
/// (\d{4})\s*年\s*0?1\s*月\s*0?1\s*日[^0-9]{0,12}?(\d{4})\s*年\s*12\s*月\s*31\s*日
/// with its two years (groups 1 and 2).
struct Period {
  std::string from_year, to_year;
};
std::optional<Period> find_period(std::string_view text);

/// The year of a title "2020年度政府信息公开工作年度报告": group 1 of the first match of
/// (\d{4})\s*年(?:度)?\s*政府信息公开工作年度报告
std::optional<std::string> find_title_year(std::string_view text);

/// "本报告由总体情况、…等六部分组成": groups 2 (the list) and 4 (the numeral) of the first match of
/// (由|包括)(.*?)(等)?(一|二|两|三|四|五|六|七|八|九|十)(?:个)?部分
/// where . is any byte but \n and \r.
struct PartsClaim {
  std::string list, numeral;
};
std::optional<PartsClaim> find_parts_claim(std::string_view text);

/// Whether a part 五 says nothing (S5-01): with white space and punctuation left out, the text is
/// at most 40 characters made only of the words in kNothingWords (text_patterns.cpp) — when, a
/// subject, a negation, and "问题"/"改进" words with no content — or it is empty. So "无",
/// "暂无", "暂无问题", "没有问题", "本年度暂无问题。", "2023年度，我局无需要改进的问题。" say
/// nothing; "无重大问题，但信息更新时效仍需提高" and "存在问题" do not (a word outside the list).
bool says_nothing(std::string_view text);

/// Whether the whole text has the shape \d{4}-\d{2}-\d{2}.
bool is_date_shaped(std::string_view text);

}  // namespace nianbao::general
