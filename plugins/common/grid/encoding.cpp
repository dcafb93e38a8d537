#include "encoding.h"

#include <iconv.h>
#include <nianbao/text.h>

#include <algorithm>
#include <cerrno>

namespace nianbao::grid {
namespace {

// Converts with iconv; on failure returns false and the offset of the first byte not converted.
bool convert(std::string_view in, const char* from, std::string& out, std::size_t& bad_offset) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    bad_offset = 0;
    return false;
  }
  out.clear();
  std::string buffer(in);
  char* src = buffer.data();
  std::size_t left = buffer.size();
  char chunk[16384];
  bool ok = true;
  while (left > 0) {
    char* dst = chunk;
    std::size_t room = sizeof chunk;
    std::size_t r = iconv(cd, &src, &left, &dst, &room);
    out.append(chunk, static_cast<std::size_t>(dst - chunk));
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      ok = false;
      bad_offset = static_cast<std::size_t>(src - buffer.data());
      break;
    }
  }
  iconv_close(cd);
  return ok;
}

}  // namespace

DecodedText decode_text(std::string_view bytes) {
  DecodedText d;
  std::size_t bad = 0;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    std::string_view body = bytes.substr(3);
    d.encoding = "UTF-8 (BOM)";
    d.tried = "UTF-8";
    if (!is_valid_utf8(body, &bad)) {
      d.bad_offset = bad + 3;
      return d;
    }
    d.text = std::string(body);
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const bool little = bytes[0] == '\xFF';
    d.encoding = little ? "UTF-16LE (BOM)" : "UTF-16BE (BOM)";
    d.tried = little ? "UTF-16LE" : "UTF-16BE";
    if (!convert(bytes.substr(2), little ? "UTF-16LE" : "UTF-16BE", d.text, bad)) {
      d.bad_offset = bad + 2;
      return d;
    }
  } else if (is_valid_utf8(bytes, &bad)) {
    d.text = std::string(bytes);
    d.encoding = "UTF-8";
  } else {
    const std::size_t utf8_bad = bad;
    d.encoding = "GB18030";
    d.tried = "UTF-8、GB18030";
    if (!convert(bytes, "GB18030", d.text, bad)) {
      d.bad_offset = std::max(bad, utf8_bad);
      d.text.clear();
      return d;
    }
  }
  d.ok = true;
  return d;
}

bool convert_to_utf8(std::string_view bytes, const char* from, std::string& out,
                     std::size_t& bad_offset) {
  return convert(bytes, from, out, bad_offset);
}

std::optional<std::size_t> first_control_character(std::string_view text, bool form_feed) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && !(form_feed && c == '\f')) return i;
  }
  return std::nullopt;
}

int line_at(std::string_view text, std::size_t offset) {
  return 1 +
         static_cast<int>(std::count(
             text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

}  // namespace nianbao::grid
