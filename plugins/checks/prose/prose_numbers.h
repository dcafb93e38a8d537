// Finding the numbers a Chinese sentence states for a quantity: "予以公开10件", "其他处理的24件",
// "行政复议案件2件", "3,985件", "３６件", "1件结转". A number is attributed to a keyword only when
// it stands right after it (or right before it, for phrases like "1件结转"), with nothing between
// them but a few characters of filler and no clause punctuation; otherwise it is not used.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::prose {

struct Pattern {
  std::vector<std::u32string> keywords;
  /// Most characters allowed between the keyword and the number (or, with number_first, between
  /// the unit and the keyword).
  std::size_t max_gap = 4;
  /// Words that may not occur in the gap ("复议" between "受理" and the number means the number
  /// is about something else).
  std::vector<std::u32string> forbidden_in_gap;
  /// Words of which one must occur in the gap (e.g. "规范性文件" after "现行有效").
  std::vector<std::u32string> required_in_gap;
  /// Words that may not stand right before the keyword ("上年" before "结转").
  std::vector<std::u32string> forbidden_before;
  /// The number comes first: "103件顺延到下年度".
  bool number_first = false;
  std::u32string unit = U"件";
};

struct Mention {
  std::int64_t value = 0;
  std::string keyword;  ///< the keyword that matched (UTF-8)
  std::string
      phrase;  ///< the words from keyword to unit, as written (UTF-8), e.g. "其他处理的24件"
  std::size_t position = 0;  ///< character index of the number in the sentence
};

/// Every mention of the pattern in `sentence` (UTF-8; invalid bytes are tolerated).
std::vector<Mention> find_mentions(std::string_view sentence, const Pattern& pattern);
/// The same for a sentence already decoded with decode_utf8: a sentence searched with many
/// patterns is decoded once.
std::vector<Mention> find_mentions(std::u32string_view sentence, const Pattern& pattern);

}  // namespace nianbao::prose
