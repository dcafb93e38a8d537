// The publication date of a document, from the document's own date only: its publish-date markup,
// a 发布日期 / 发布时间 / 公开日期 line, a date under the title, a 成文日期 line or the date under
// the signature. A collector's, print, update or footer date ("采集时间：2025-12-30", "打印日期",
// "更新时间", "Copyright © 2024", a page header's clock) is never taken: it says when someone
// else looked at the page, not when the agency published it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "document.h"

namespace nianbao::document {

/// Where a block is, for evidence: "line 3", "paragraph 12", a pointer, else "block 4".
std::string place_of(const Block& block, std::size_t index);

/// The text of a block cited for evidence: `line 3: 发布日期：2024-01-17` (at most 60 characters
/// of the block, from `from`).
std::string cite(const Block& block, std::size_t index, const std::u32string& text,
                 std::size_t from = 0, std::size_t to = std::u32string::npos);

struct PublishedDate {
  std::string date;              ///< ISO date, empty when it cannot be told
  std::string evidence;          ///< where it was found
  std::string conflict;          ///< when the best candidates disagree: each of them ("; " between)
  std::string rejected;          ///< dates seen that are no publication date ("; " between)
  bool dated_last_line = false;  ///< the last line is a date, under the signature
};

/// Reads the publication date. `heads`: each block's text decoded (empty for tables); `opening`:
/// the number of blocks before the first numbered heading (the title and the page's header).
PublishedDate read_published_date(const Document& document,
                                  const std::vector<std::u32string>& heads, std::size_t opening);

}  // namespace nianbao::document
