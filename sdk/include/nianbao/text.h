// Text helpers every reader and writer of report text needs, so that importers, exporters and
// checks decode UTF-8 and escape markup the same way: strict UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF), XML/HTML escaping, and file-name endings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "nianbao/export.h"

namespace nianbao {

/// One character decoded from UTF-8: its code point and the bytes it took; `length` 0 means the
/// bytes at that offset are not UTF-8.
struct DecodedChar {
  char32_t code_point = 0;
  std::size_t length = 0;
};

/// Decodes the character starting at `offset` (which must be < text.size()).
NIANBAO_API DecodedChar decode_utf8_at(std::string_view text, std::size_t offset);
/// Decodes UTF-8 into code points; each invalid byte becomes U+FFFD, so that nothing is lost
/// silently and nothing reads past the end.
NIANBAO_API std::u32string decode_utf8(std::string_view text);
NIANBAO_API void append_utf8(std::string& out, char32_t code_point);
NIANBAO_API std::string encode_utf8(std::u32string_view text);
/// True when `text` is well-formed UTF-8; `bad_offset` receives the offset of the first invalid
/// byte otherwise.
NIANBAO_API bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);
/// The number of characters (an invalid byte counts as one).
NIANBAO_API std::size_t utf8_length(std::string_view text);

/// Appends `text` escaped for XML or HTML. In element content: & < > and CR (which a parser would
/// turn into LF). In an attribute value in double quotes: also " and tab and line breaks, which
/// attribute-value normalisation would turn into spaces.
enum class MarkupPlace { content, attribute };
NIANBAO_API void append_markup_escaped(std::string& out, std::string_view text,
                                       MarkupPlace place = MarkupPlace::content);
NIANBAO_API std::string markup_escaped(std::string_view text,
                                       MarkupPlace place = MarkupPlace::content);

/// Whether a file name ends with `extension` (".xlsx"; ASCII letters compared case-insensitively,
/// `extension` written in lower case) — what an importer's identify() looks at first.
NIANBAO_API bool has_extension(std::string_view path, std::string_view extension);

/// White space as reports write it: ASCII, the no-break and ideographic spaces (U+00A0, U+3000,
/// what Word users indent with), the other Unicode spaces, zero-width space and BOM.
NIANBAO_API bool is_white_space(char32_t c);
/// `text` without the white space (is_white_space) at either end. Invalid UTF-8 is left as it is.
NIANBAO_API std::string_view trim_white_space(std::string_view text);

/// One of the numerals 一 … 十 that number a report's parts ("三、", "（十）"); not 零 or 两.
NIANBAO_API bool is_part_numeral(char32_t c);
/// A Chinese numeral below 100 at the start of `text`: 零…九 and 两, 十, 十二, 二十, 二十一.
/// Returns the characters it takes (0 when no numeral starts there) and sets `value`.
NIANBAO_API std::size_t read_chinese_numeral(std::u32string_view text, int& value);

/// Whether a file starts like an OLE compound file (D0 CF 11 E0 A1 B1 1A E1): a Word or Excel
/// 97–2003 document, or an encrypted Office 2007+ one — what a DOCX or XLSX importer tells apart
/// from a damaged file to say what it is.
NIANBAO_API bool is_ole_compound_file(std::string_view head);

/// A count with the English noun agreeing with it: count_en(1, "error", "errors") is "1 error".
NIANBAO_API std::string count_en(std::size_t n, std::string_view singular, std::string_view plural);

}  // namespace nianbao
