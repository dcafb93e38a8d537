#include "numbering.h"

#include <nianbao/text.h>

#include <algorithm>

#include "xml/safe_xml.h"

namespace nianbao::docx_import {

namespace {

using xml::attribute;
using xml::child;
using xml::local_name;

std::string val(const pugi::xml_node& node) {
  return attribute(node, "val").value();
}

std::optional<int> int_val(const pugi::xml_node& node) {
  const std::string text = val(node);
  if (text.empty() || text.size() > 6) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string chinese(int value, bool formal) {
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* kFormal[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char* kUnits[] = {"", "十", "百", "千"};
  static const char* kFormalUnits[] = {"", "拾", "佰", "仟"};
  const char** digits = formal ? kFormal : kDigits;
  const char** units = formal ? kFormalUnits : kUnits;
  if (value <= 0 || value > 9999) return std::to_string(value);
  if (value == 10 && !formal) return "十";
  if (value > 10 && value < 20 && !formal)
    return std::string("十") + (value % 10 ? digits[value % 10] : "");
  std::string out;
  bool zero = false;
  for (int unit = 3; unit >= 0; --unit) {
    int p = 1;
    for (int k = 0; k < unit; ++k)
      p *= 10;
    const int d = value / p % 10;
    if (d == 0) {
      zero = !out.empty();
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    out += std::string(digits[d]) + units[unit];
  }
  return out;
}

std::string roman(int value, bool upper) {
  static const std::pair<int, const char*> kNumerals[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  if (value <= 0 || value >= 4000) return std::to_string(value);
  std::string out;
  for (const auto& [n, s] : kNumerals)
    while (value >= n) {
      out += s;
      value -= n;
    }
  if (upper)
    for (char& c : out)
      c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string letters(int value, bool upper) {
  if (value <= 0) return std::to_string(value);
  // Word repeats the letter: a … z, aa … zz, aaa …
  const char letter = static_cast<char>((upper ? 'A' : 'a') + (value - 1) % 26);
  return std::string(static_cast<std::size_t>((value - 1) / 26 + 1), letter);
}

}  // namespace

std::string format_number(int value, std::string_view format) {
  if (format == "none" || format == "bullet") return {};
  if (format == "chineseCounting" || format == "chineseCountingThousand" ||
      format == "japaneseCounting" || format == "taiwaneseCounting" ||
      format == "taiwaneseCountingThousand" || format == "koreanCounting")
    return chinese(value, false);
  if (format == "chineseLegalSimplified" || format == "japaneseLegal") return chinese(value, true);
  if (format == "ideographTraditional" && value >= 1 && value <= 10) {
    static const char* kStems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    return kStems[value - 1];
  }
  if (format == "ideographZodiac" && value >= 1 && value <= 12) {
    static const char* kBranches[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                      "午", "未", "申", "酉", "戌", "亥"};
    return kBranches[value - 1];
  }
  if (format == "upperRoman" || format == "lowerRoman") return roman(value, format[0] == 'u');
  if (format == "upperLetter" || format == "lowerLetter") return letters(value, format[0] == 'u');
  if (format == "decimalZero") return (value < 10 ? "0" : "") + std::to_string(value);
  if ((format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese") &&
      value >= 1 && value <= 20) {
    std::string out;
    append_utf8(out, static_cast<char32_t>(0x2460 + value - 1));  // ① … ⑳
    return out;
  }
  if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
    std::string out;
    for (char c : std::to_string(value))
      append_utf8(out, static_cast<char32_t>(0xFF10 + (c - '0')));
    return out;
  }
  return std::to_string(value);  // decimal, and formats not met in reports
}

Numbering::Numbering(const pugi::xml_node& numbering, const pugi::xml_node& styles) {
  for (pugi::xml_node n = numbering.first_child(); n; n = n.next_sibling()) {
    const std::string_view name = local_name(n.name());
    if (name == "abstractNum") {
      auto& levels = abstracts_[attribute(n, "abstractNumId").value()];
      for (pugi::xml_node l = n.first_child(); l; l = l.next_sibling()) {
        if (local_name(l.name()) != "lvl") continue;
        const std::string ilvl = attribute(l, "ilvl").value();
        if (ilvl.size() != 1 || ilvl[0] < '0' || ilvl[0] > '8') continue;
        Level& level = levels[static_cast<std::size_t>(ilvl[0] - '0')];
        if (auto start = int_val(child(l, "start"))) level.start = *start;
        if (pugi::xml_node f = child(l, "numFmt")) level.format = val(f);
        if (pugi::xml_node t = child(l, "lvlText")) level.text = val(t);
      }
    } else if (name == "num") {
      Num& num = nums_[attribute(n, "numId").value()];
      num.abstract_id = val(child(n, "abstractNumId"));
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (local_name(o.name()) != "lvlOverride") continue;
        const std::string ilvl = attribute(o, "ilvl").value();
        if (ilvl.size() != 1 || ilvl[0] < '0' || ilvl[0] > '8') continue;
        if (auto start = int_val(child(o, "startOverride")))
          num.start_override[static_cast<std::size_t>(ilvl[0] - '0')] = *start;
      }
    }
  }
  for (pugi::xml_node s = styles.first_child(); s; s = s.next_sibling()) {
    if (local_name(s.name()) != "style") continue;
    StyleNumbering& style = styles_[attribute(s, "styleId").value()];
    style.based_on = val(child(s, "basedOn"));
    const pugi::xml_node numpr = child(child(s, "pPr"), "numPr");
    style.num_id = val(child(numpr, "numId"));
    style.level = int_val(child(numpr, "ilvl"));
  }
}

// The list and level of a paragraph: its own w:numPr, else its style's (through w:basedOn).
std::optional<std::pair<std::string, int>> Numbering::numbering_of(
    const pugi::xml_node& paragraph) const {
  const pugi::xml_node ppr = child(paragraph, "pPr");
  const pugi::xml_node numpr = child(ppr, "numPr");
  std::string num_id = val(child(numpr, "numId"));
  std::optional<int> level = int_val(child(numpr, "ilvl"));
  std::string style = val(child(ppr, "pStyle"));
  // A chain of styles is short; a cycle (a damaged styles part) ends after a few steps.
  for (int step = 0; step < 16 && !style.empty() && (num_id.empty() || !level); ++step) {
    const auto it = styles_.find(style);
    if (it == styles_.end()) break;
    if (num_id.empty()) num_id = it->second.num_id;
    if (!level) level = it->second.level;
    style = it->second.based_on;
  }
  if (num_id.empty() || num_id == "0") return std::nullopt;
  return std::make_pair(num_id, std::clamp(level.value_or(0), 0, kLevels - 1));
}

std::string Numbering::label(const pugi::xml_node& paragraph) {
  const auto numbered = numbering_of(paragraph);
  if (!numbered) return {};
  const auto& [num_id, level] = *numbered;
  const auto num = nums_.find(num_id);
  if (num == nums_.end()) return {};
  const auto abstract = abstracts_.find(num->second.abstract_id);
  if (abstract == abstracts_.end()) return {};
  const auto& levels = abstract->second;
  auto& counters = counters_[num->second.abstract_id];
  const auto at = static_cast<std::size_t>(level);
  if (num->second.start_override[at] && overridden_.insert({num_id, level}).second) {
    counters[at] = *num->second.start_override[at];
  } else {
    counters[at] = counters[at] == 0 ? levels[at].start : counters[at] + 1;
  }
  for (std::size_t k = at + 1; k < kLevels; ++k)
    counters[k] = 0;
  if (levels[at].format == "bullet" || levels[at].format == "none") return {};
  // "%1、", "（%1）", "%1.%2": each %k is level k's value in level k's format.
  const std::string& text = levels[at].text;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const auto k = static_cast<std::size_t>(text[i + 1] - '1');
      const int value = counters[k] == 0 ? levels[k].start : counters[k];
      out += format_number(value, levels[k].format);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace nianbao::docx_import
