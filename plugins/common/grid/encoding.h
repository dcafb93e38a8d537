// The encodings of text files as Chinese offices save them: UTF-8 with or without a byte order
// mark, UTF-16 with one (Excel's and Notepad's "Unicode"), else GB18030 (which includes GBK and
// GB2312, the encodings of Chinese Windows). Shared by the CSV and the text importer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nianbao::grid {

struct DecodedText {
  bool ok = false;
  std::string text;            ///< UTF-8
  std::string encoding;        ///< as told to the user: "UTF-8", "UTF-8 (BOM)", "GB18030" …
  std::size_t bad_offset = 0;  ///< when not ok: the first byte that is none of them
  std::string tried;           ///< when not ok: the encodings tried, for the message
};

DecodedText decode_text(std::string_view bytes);

/// Converts `bytes` from the encoding iconv knows as `from` ("GB18030", "BIG5"…) to UTF-8. False,
/// with the offset of the first byte not converted, when the bytes are not in that encoding or
/// iconv does not know it. (For text whose encoding is declared, as a web page's is.)
bool convert_to_utf8(std::string_view bytes, const char* from, std::string& out,
                     std::size_t& bad_offset);

/// The offset of the first control character other than tab, line feed, carriage return (and
/// form feed, when `form_feed` is allowed): a binary file, not text.
std::optional<std::size_t> first_control_character(std::string_view text, bool form_feed);

/// The 1-based line of a byte offset.
int line_at(std::string_view text, std::size_t offset);

}  // namespace nianbao::grid
