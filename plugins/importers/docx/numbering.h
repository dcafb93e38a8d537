// Word's automatic numbering: a heading whose "一、" or a row label whose "1." comes from a list
// (w:numPr, directly or through its paragraph style) holds only the words in its text; Word
// shows the number before them. The numbering and style parts are read once; label() then gives
// each numbered paragraph, in document order, the number Word shows.
#pragma once

#include <pugixml.hpp>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace nianbao::docx_import {

class Numbering {
 public:
  /// From the root elements of word/numbering.xml and word/styles.xml (either may be empty).
  Numbering(const pugi::xml_node& numbering, const pugi::xml_node& styles);

  /// The number Word shows before the paragraph ("一、", "（三）", "2."), counting it; "" when the
  /// paragraph is not numbered or its list is a bullet list.
  std::string label(const pugi::xml_node& paragraph);

 private:
  static constexpr int kLevels = 9;
  struct Level {
    int start = 1;
    std::string format = "decimal";
    std::string text;
  };
  struct Num {
    std::string abstract_id;
    std::array<std::optional<int>, kLevels> start_override;
  };
  struct StyleNumbering {
    std::string num_id;
    std::optional<int> level;
    std::string based_on;
  };

  std::optional<std::pair<std::string, int>> numbering_of(const pugi::xml_node& paragraph) const;

  std::map<std::string, std::array<Level, kLevels>> abstracts_;
  std::map<std::string, Num> nums_;
  std::map<std::string, StyleNumbering> styles_;
  /// Per abstract numbering (lists continue across the w:num that share one): the current value
  /// of each level, 0 before its first paragraph.
  std::map<std::string, std::array<int, kLevels>> counters_;
  /// The w:num whose start overrides have been applied.
  std::set<std::pair<std::string, int>> overridden_;
};

/// A list number in one of WordprocessingML's number formats (ST_NumberFormat): "decimal" 3 →
/// "3", "chineseCounting" 13 → "十三", "ideographTraditional" 2 → "乙", "upperRoman" 4 → "IV"…
std::string format_number(int value, std::string_view format);

}  // namespace nianbao::docx_import
