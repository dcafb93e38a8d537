#include "ooxml.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace nianbao::docx {

std::string_view local_name(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool prefix_for(pugi::xml_node element, std::string_view ns, std::string& prefix) {
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent())
    for (pugi::xml_attribute a : n.attributes()) {
      const std::string_view name = a.name();
      if (std::string_view(a.value()) != ns) continue;
      if (name == "xmlns") {
        prefix.clear();
        return true;
      }
      if (name.starts_with("xmlns:")) {
        prefix = std::string(name.substr(6));
        return true;
      }
    }
  return false;
}

std::string qualify(std::string_view prefix, std::string_view local) {
  std::string out;
  if (!prefix.empty()) {
    out += prefix;
    out += ':';
  }
  out += local;
  return out;
}

namespace {

// Renames one name from prefix `from` to prefix `to`, returning false when it is not in `from`.
bool renamed(std::string_view name, std::string_view from, std::string_view to, std::string& out) {
  const auto colon = name.find(':');
  if (from.empty()) {
    if (colon != std::string_view::npos) return false;
    out = qualify(to, name);
    return true;
  }
  if (colon == std::string_view::npos || name.substr(0, colon) != from) return false;
  out = qualify(to, name.substr(colon + 1));
  return true;
}

}  // namespace

void rename_prefix(pugi::xml_node root, std::string_view from, std::string_view to) {
  if (from == to) return;
  std::string name;
  // Walks the subtree without recursion, so a deep tree cannot exhaust the stack.
  for (pugi::xml_node n = root; n;) {
    if (n.type() == pugi::node_element) {
      if (renamed(n.name(), from, to, name)) n.set_name(name.c_str());
      for (pugi::xml_attribute a : n.attributes()) {
        const std::string_view attribute = a.name();
        if (attribute == "xmlns" || attribute.starts_with("xmlns:")) continue;
        // Unprefixed attributes are in no namespace: only prefixed ones move.
        if (from.empty()) continue;
        if (renamed(attribute, from, to, name)) a.set_name(name.c_str());
      }
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != root && !n.next_sibling())
      n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
}

void keep_only_prefix(pugi::xml_node root, std::string_view prefix) {
  const std::string wanted = std::string(prefix) + ":";
  std::vector<pugi::xml_node> nodes;
  std::vector<std::pair<pugi::xml_node, pugi::xml_attribute>> attributes;
  for (pugi::xml_node n = root; n;) {
    const bool element = n.type() == pugi::node_element;
    const bool text = n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
    if ((!element && !text) || (element && !std::string_view(n.name()).starts_with(wanted))) {
      nodes.push_back(n);  // dropped with its subtree: no need to look inside
    } else {
      if (element)
        for (pugi::xml_attribute a : n.attributes())
          if (!std::string_view(a.name()).starts_with(wanted)) attributes.emplace_back(n, a);
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
    }
    while (n && n != root && !n.next_sibling())
      n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
  for (auto& [owner, a] : attributes)
    owner.remove_attribute(a);
  for (pugi::xml_node n : nodes)
    if (n != root) n.parent().remove_child(n);
}

int max_depth(const pugi::xml_document& doc) {
  int deepest = 0;
  int depth = 0;
  pugi::xml_node n = doc.first_child();
  while (n) {
    if (n.type() == pugi::node_element) deepest = std::max(deepest, depth + 1);
    if (n.first_child()) {
      n = n.first_child();
      ++depth;
      continue;
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      --depth;
      if (n == doc) return deepest;
    }
    if (n) n = n.next_sibling();
  }
  return deepest;
}

namespace {

// Appends what pugixml writes to a string: no stream in between.
struct StringWriter final : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string to_xml(const pugi::xml_document& doc) {
  StringWriter writer;
  writer.out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(writer.out);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

}  // namespace nianbao::docx
