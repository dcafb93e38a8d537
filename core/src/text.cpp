#include "nianbao/text.h"

#include <array>

namespace nianbao {

DecodedChar decode_utf8_at(std::string_view text, std::size_t offset) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(offset);
  if (b0 < 0x80) return {b0, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07;
  } else {
    return {};
  }
  if (offset + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(offset + k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (byte(offset + k) & 0x3F);
  }
  // The smallest code point each length may carry: anything below is an overlong form.
  static constexpr std::array<char32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, length};
}

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const DecodedChar c = decode_utf8_at(text, i);
    out += c.length ? c.code_point : U'\uFFFD';
    i += c.length ? c.length : 1;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text)
    append_utf8(out, c);
  return out;
}

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
  for (std::size_t i = 0; i < text.size();) {
    const DecodedChar c = decode_utf8_at(text, i);
    if (c.length == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += c.length;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) {
    const DecodedChar c = decode_utf8_at(text, i);
    i += c.length ? c.length : 1;
  }
  return n;
}

void append_markup_escaped(std::string& out, std::string_view text, MarkupPlace place) {
  const bool attribute = place == MarkupPlace::attribute;
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        out += ch;
    }
  }
}

std::string markup_escaped(std::string_view text, MarkupPlace place) {
  std::string out;
  out.reserve(text.size());
  append_markup_escaped(out, text, place);
  return out;
}

bool has_extension(std::string_view path, std::string_view extension) {
  if (path.size() < extension.size()) return false;
  const std::string_view end = path.substr(path.size() - extension.size());
  for (std::size_t i = 0; i < extension.size(); ++i) {
    char c = end[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != extension[i]) return false;
  }
  return true;
}

bool is_white_space(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

std::string_view trim_white_space(std::string_view text) {
  std::size_t first = 0;
  while (first < text.size()) {
    const DecodedChar d = decode_utf8_at(text, first);
    if (d.length == 0 || !is_white_space(d.code_point)) break;
    first += d.length;
  }
  std::size_t last = text.size();
  while (last > first) {
    // The start of the last character: step back over continuation bytes (at most three).
    std::size_t start = last - 1;
    while (start > first && last - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
      --start;
    const DecodedChar d = decode_utf8_at(text, start);
    if (d.length != last - start || !is_white_space(d.code_point)) break;
    last = start;
  }
  return text.substr(first, last - first);
}

bool is_part_numeral(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

namespace {
int chinese_digit(char32_t c) {
  const auto at = std::u32string_view(U"零一二三四五六七八九").find(c);
  if (at != std::u32string_view::npos) return static_cast<int>(at);
  return c == U'两' ? 2 : -1;
}
}  // namespace

std::size_t read_chinese_numeral(std::u32string_view text, int& value) {
  std::size_t i = 0;
  int tens = -1, ones = -1;
  if (text.size() >= 2 && chinese_digit(text[0]) > 0 && text[1] == U'十') {
    tens = chinese_digit(text[0]);
    i = 2;
  } else if (!text.empty() && text[0] == U'十') {
    tens = 1;
    i = 1;
  }
  if (i < text.size() && chinese_digit(text[i]) >= 0) {
    ones = chinese_digit(text[i]);
    ++i;
  }
  if (tens < 0 && ones < 0) return 0;
  value = (tens < 0 ? 0 : tens * 10) + (ones < 0 ? 0 : ones);
  return i;
}

bool is_ole_compound_file(std::string_view head) {
  return head.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

std::string count_en(std::size_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

}  // namespace nianbao
