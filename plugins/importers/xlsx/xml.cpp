#include "xml.h"

#include <cstring>

#include "grid/text.h"
#include "xlsx_limits.h"

namespace nianbao::xlsx {

void parse_xml(pugi::xml_document& doc, std::string_view text, const std::string& entry,
               const std::string& path) {
  const auto problem = xml::parse(doc, text, kMaxXmlDepth);
  if (!problem) return;
  const std::string offset = std::to_string(problem->offset);
  switch (problem->kind) {
    case xml::Problem::Kind::doctype:
      fail(kBadXml, "xlsx.doctype", path, {{"entry", entry}, {"offset", offset}});
    case xml::Problem::Kind::too_deep:
      fail(kLimit, "xlsx.limit_depth", path,
           {{"entry", entry}, {"limit", std::to_string(kMaxXmlDepth)}});
    case xml::Problem::Kind::malformed:
      break;
  }
  fail(kBadXml, "xlsx.bad_xml", path,
       {{"entry", entry}, {"detail", problem->detail}, {"offset", offset}});
}

std::string decode_ooxml_escapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  std::size_t i = 0;
  auto hex = [](char c) {
    return (c >= '0' && c <= '9')   ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
  };
  while (i < text.size()) {
    if (i + 7 <= text.size() && text[i] == '_' && text[i + 1] == 'x' && text[i + 6] == '_') {
      int v = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6; ++k) {
        int h = hex(text[i + k]);
        ok = ok && h >= 0;
        v = v * 16 + (h < 0 ? 0 : h);
      }
      if (ok && !(v >= 0xD800 && v <= 0xDFFF)) {
        append_utf8(out, static_cast<char32_t>(v));
        i += 7;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    std::string_view name = local_name(c.name());
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling())
        if (local_name(t.name()) == "t") out += t.text().get();
    }
  }
  return decode_ooxml_escapes(out);
}

}  // namespace nianbao::xlsx
