#include "xml.h"

#include <cstring>

#include "grid/text.h"
#include "xlsx_limits.h"

namespace nianbao::xlsx {
namespace {

// One pass over the text before parsing: element depth and the absence of <!DOCTYPE>. Quoted
// attribute values, comments, CDATA and processing instructions are skipped as XML defines them.
void prescan(std::string_view xml, const std::string& entry, const std::string& path) {
  int depth = 0;
  std::size_t i = 0;
  auto skip_past = [&](std::string_view end) {
    std::size_t p = xml.find(end, i);
    i = p == std::string_view::npos ? xml.size() : p + end.size();
  };
  while (i < xml.size()) {
    std::size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    std::string_view rest = xml.substr(i);
    if (rest.starts_with("!--")) {
      skip_past("-->");
    } else if (rest.starts_with("![CDATA[")) {
      skip_past("]]>");
    } else if (rest.starts_with("!")) {
      fail(kBadXml, "xlsx.doctype", path, {{"entry", entry}, {"offset", std::to_string(lt)}});
    } else if (rest.starts_with("?")) {
      skip_past("?>");
    } else if (rest.starts_with("/")) {
      --depth;
      skip_past(">");
    } else {
      char quote = 0;
      bool self_closing = false;
      for (; i < xml.size(); ++i) {
        char c = xml[i];
        if (quote) {
          // The rest of a quoted value in one step: attribute values are most of a sheet's bytes
          // (the template's data validations).
          std::size_t close = xml.find(quote, i);
          if (close == std::string_view::npos) {
            i = xml.size();
            break;
          }
          i = close;
          quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          self_closing = i > lt && xml[i - 1] == '/';
          ++i;
          break;
        }
      }
      if (!self_closing && ++depth > kMaxXmlDepth)
        fail(kLimit, "xlsx.limit_depth", path,
             {{"entry", entry}, {"limit", std::to_string(kMaxXmlDepth)}});
    }
  }
}

}  // namespace

void parse_xml(pugi::xml_document& doc, std::string_view xml, const std::string& entry,
               const std::string& path) {
  prescan(xml, entry, path);
  // Whitespace-only text is kept when it is all an element holds (<t xml:space="preserve"> </t>).
  unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_auto);
  if (!parsed)
    fail(kBadXml, "xlsx.bad_xml", path,
         {{"entry", entry},
          {"detail", parsed.description()},
          {"offset", std::to_string(parsed.offset)}});
}

std::string_view local_name(const char* qualified) {
  std::string_view s(qualified ? qualified : "");
  auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c.name()) == local) return c;
  return {};
}

pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
    if (local_name(a.name()) == local) return a;
  return {};
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
        out += grid::encode_utf8(std::u32string(1, static_cast<char32_t>(v)));
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
