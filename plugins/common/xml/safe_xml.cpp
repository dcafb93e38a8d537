#include "safe_xml.h"

#include <algorithm>

namespace nianbao::xml {

namespace {

int line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

Problem problem(Problem::Kind kind, std::string_view text, std::size_t offset,
                std::string detail = {}) {
  Problem p;
  p.kind = kind;
  p.offset = offset;
  p.line = line_at(text, offset);
  p.detail = std::move(detail);
  return p;
}

// One pass over the text before parsing: element depth and the absence of declarations. Quoted
// attribute values, comments, CDATA and processing instructions are skipped as XML defines them.
std::optional<Problem> prescan(std::string_view xml, int max_depth) {
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
      return problem(Problem::Kind::doctype, xml, lt);
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
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          self_closing = i > lt && xml[i - 1] == '/';
          ++i;
          break;
        }
      }
      if (!self_closing && ++depth > max_depth) return problem(Problem::Kind::too_deep, xml, lt);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Problem> parse(pugi::xml_document& doc, std::string_view text, int max_depth) {
  if (auto p = prescan(text, max_depth)) return p;
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), options, pugi::encoding_auto);
  if (!parsed)
    return problem(Problem::Kind::malformed, text,
                   static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)),
                   parsed.description());
  return std::nullopt;
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

}  // namespace nianbao::xml
