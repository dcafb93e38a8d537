#include "text_patterns.h"

#include <array>

namespace nianbao::general {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// \s of std::regex in the classic locale.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A cursor over the text. Each step either consumes what it expects and returns true, or returns
// false; a failed match is abandoned whole, so no step needs to undo another.
struct Cursor {
  std::string_view text;
  std::size_t at;

  bool digits(std::size_t n) {
    if (text.size() - at < n) return false;
    for (std::size_t k = 0; k < n; ++k)
      if (!is_digit(text[at + k])) return false;
    at += n;
    return true;
  }
  void spaces() {
    while (at < text.size() && is_space(text[at]))
      ++at;
  }
  bool word(std::string_view w) {
    if (text.substr(at).substr(0, w.size()) != w) return false;
    at += w.size();
    return true;
  }
  // 0?1 — the optional zero is taken only when a 1 follows it, as backtracking would decide.
  bool zero_one() { return word("01") || word("1"); }
};

// \s*年\s*  …  \s*日 with a month and a day: "年1月1日", "年 01 月 01 日".
bool year_month_day(Cursor& c, std::string_view month, std::string_view day) {
  c.spaces();
  if (!c.word("年")) return false;
  c.spaces();
  if (month.empty() ? !c.zero_one() : !c.word(month)) return false;
  c.spaces();
  if (!c.word("月")) return false;
  c.spaces();
  if (day.empty() ? !c.zero_one() : !c.word(day)) return false;
  c.spaces();
  return c.word("日");
}

constexpr std::array<std::string_view, 11> kNumerals = {"一", "二", "两", "三", "四", "五",
                                                        "六", "七", "八", "九", "十"};

// (等)?(一|…|十)(?:个)?部分 at the cursor; the numeral when it matches.
std::optional<std::string_view> numeral_parts(Cursor c) {
  for (bool with_deng : {true, false}) {
    Cursor k = c;
    if (with_deng && !k.word("等")) continue;
    for (std::string_view n : kNumerals) {
      Cursor m = k;
      if (!m.word(n)) continue;
      m.word("个");
      if (m.word("部分")) return n;
    }
  }
  return std::nullopt;
}

// The words of a part 五 that says nothing: when, who, a negation, and the words for problems and
// improvements without any content. A part 五 made of these words only names no problem and no
// improvement; one word outside the list (a problem, a measure, "但", "存在" without a negation
// before "问题") and it says something. Longer words first: the first that fits is taken.
constexpr std::string_view kNothingWords[] = {
    // when
    "本报告期内", "报告期内", "本年度内", "本年度", "本年内", "今年度", "本年", "今年", "全年",
    "年度内", "年度", "年", "度",
    // who
    "本单位", "本机关", "本部门", "我单位", "我部门", "我局", "我办", "我委", "我院",
    // about what
    "政府信息公开工作中", "政府信息公开工作", "政务公开工作中", "政务公开工作", "信息公开工作",
    "政府信息公开方面", "工作中", "方面", "在",
    // a negation
    "暂时没有", "暂未发现", "暂不存在", "未发现", "不存在", "没有", "暂无", "尚无", "无",
    // problems and improvements, named by kind only
    "存在的主要问题", "存在的问题", "需要改进的问题", "需改进的问题", "需要改进的地方", "主要问题",
    "明显问题", "突出问题", "重大问题", "相关问题", "问题", "改进情况", "改进", "情况", "及", "和",
    "的", "等"};

// White space (ASCII and the ideographic space) and the punctuation a short sentence carries.
constexpr std::string_view kSkipped[] = {"。", "，", "、", "；", "：", "！", "　", ".",
                                         ",",  ";",  ":",  "!",  " ",  "\t", "\n", "\r"};

}  // namespace

bool says_nothing(std::string_view text) {
  constexpr std::size_t kMaxCharacters = 40;
  std::size_t characters = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    bool skipped = false;
    for (std::string_view p : kSkipped)
      if (text.substr(at, p.size()) == p) {
        at += p.size();
        skipped = true;
        break;
      }
    if (skipped) continue;
    if (is_digit(text[at])) {  // a year, as in "2023年度"
      while (at < text.size() && is_digit(text[at]))
        ++at;
      ++characters;
      continue;
    }
    std::string_view word;
    for (std::string_view w : kNothingWords)
      if (text.substr(at, w.size()) == w) {
        word = w;
        break;
      }
    if (word.empty()) return false;
    at += word.size();
    characters += word.size() / 3;  // the words are Chinese: three bytes a character
    if (characters > kMaxCharacters) return false;
  }
  return true;
}

std::optional<Period> find_period(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    Cursor c{text, i};
    if (!c.digits(4) || !year_month_day(c, "", "")) continue;
    // [^0-9]{0,12}? — the shortest gap of non-digits after which the second date matches.
    for (std::size_t gap = 0; gap <= 12 && c.at + gap <= text.size(); ++gap) {
      Cursor second{text, c.at + gap};
      if (second.digits(4) && year_month_day(second, "12", "31"))
        return Period{std::string(text.substr(i, 4)), std::string(text.substr(c.at + gap, 4))};
      if (c.at + gap < text.size() && is_digit(text[c.at + gap])) break;
    }
  }
  return std::nullopt;
}

std::optional<std::string> find_title_year(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    Cursor c{text, i};
    if (!c.digits(4)) continue;
    c.spaces();
    if (!c.word("年")) continue;
    c.word("度");
    c.spaces();
    if (c.word("政府信息公开工作年度报告")) return std::string(text.substr(i, 4));
  }
  return std::nullopt;
}

std::optional<PartsClaim> find_parts_claim(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    Cursor c{text, i};
    if (!c.word("由") && !c.word("包括")) continue;
    // (.*?) — the shortest run of bytes other than \n and \r after which the rest matches.
    for (std::size_t end = c.at; end <= text.size(); ++end) {
      if (auto numeral = numeral_parts(Cursor{text, end}))
        return PartsClaim{std::string(text.substr(c.at, end - c.at)), std::string(*numeral)};
      if (end == text.size() || text[end] == '\n' || text[end] == '\r') break;
    }
  }
  return std::nullopt;
}

bool is_date_shaped(std::string_view text) {
  Cursor c{text, 0};
  return c.digits(4) && c.word("-") && c.digits(2) && c.word("-") && c.digits(2) &&
         c.at == text.size();
}

}  // namespace nianbao::general
