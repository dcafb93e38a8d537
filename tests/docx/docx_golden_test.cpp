// Golden tests: every XML part of the exported package compared structurally (elements,
// attributes, text; not bytes or whitespace) with the reviewed copy under tests/docx/golden/.
// A difference names the part and the path of the first node that differs. To regenerate after an
// intended change, see tests/docx/golden/README.md.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "docx_test_util.h"

using namespace docx_test;

namespace {

bool updating() {
  const char* flag = std::getenv("NIANBAO_UPDATE_GOLDENS");
  return flag && std::string_view(flag) == "1";
}

bool is_xml(const std::string& name) {
  return name.ends_with(".xml") || name.ends_with(".rels");
}

std::string pretty(const std::string& xml) {
  pugi::xml_document doc;
  parse(doc, xml);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

std::string node_label(pugi::xml_node n) {
  std::string label = n.name();
  int index = 1;
  for (pugi::xml_node s = n.previous_sibling(n.name()); s; s = s.previous_sibling(n.name()))
    ++index;
  return label + "[" + std::to_string(index) + "]";
}

std::string path_of(pugi::xml_node n) {
  std::string path;
  for (; n && n.type() == pugi::node_element; n = n.parent())
    path = "/" + node_label(n) + path;
  return path;
}

std::map<std::string, std::string> attributes(pugi::xml_node n) {
  std::map<std::string, std::string> out;
  for (pugi::xml_attribute a : n.attributes())
    out[a.name()] = a.value();
  return out;
}

// The children that carry meaning: elements and text (whitespace-only text is layout).
std::vector<pugi::xml_node> meaningful_children(pugi::xml_node n) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_element) {
      out.push_back(c);
    } else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      const std::string_view text = c.value();
      if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) out.push_back(c);
    }
  }
  return out;
}

// The first structural difference, or "" when the two documents are the same.
std::string first_difference(const std::string& expected_xml, const std::string& actual_xml) {
  pugi::xml_document expected, actual;
  parse(expected, expected_xml);
  parse(actual, actual_xml);
  std::vector<std::pair<pugi::xml_node, pugi::xml_node>> stack = {
      {expected.document_element(), actual.document_element()}};
  while (!stack.empty()) {
    auto [e, a] = stack.back();
    stack.pop_back();
    if (e.type() != a.type()) return path_of(e) + ": node kinds differ";
    if (e.type() != pugi::node_element) {
      if (std::string_view(e.value()) != a.value())
        return path_of(e.parent()) + ": text \"" + e.value() + "\" became \"" + a.value() + "\"";
      continue;
    }
    if (std::string_view(e.name()) != a.name()) return path_of(e) + ": element became " + a.name();
    if (attributes(e) != attributes(a)) {
      for (const auto& [k, v] : attributes(e))
        if (std::string_view(a.attribute(k.c_str()).value()) != v || !a.attribute(k.c_str()))
          return path_of(e) + ": @" + k + "=\"" + v + "\" became \"" +
                 a.attribute(k.c_str()).value() + "\"";
      return path_of(e) + ": attributes added";
    }
    const auto ec = meaningful_children(e);
    const auto ac = meaningful_children(a);
    if (ec.size() != ac.size())
      return path_of(e) + ": " + std::to_string(ec.size()) + " children became " +
             std::to_string(ac.size());
    for (std::size_t i = ec.size(); i-- > 0;)
      stack.emplace_back(ec[i], ac[i]);
  }
  return {};
}

void check_against_golden(const std::string& case_name, const std::string& docx) {
  const fs::path dir = fs::path(DOCX_GOLDEN_DIR) / case_name;
  const auto parts = unzip(docx);
  if (updating()) {
    fs::remove_all(dir);
    for (const auto& [name, data] : parts) {
      fs::create_directories((dir / name).parent_path());
      spit(dir / name, is_xml(name) ? pretty(data) : data);
    }
    GTEST_SKIP() << "goldens written to " << dir;
  }
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing: see tests/docx/golden/README.md";
  std::set<std::string> golden_names;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      golden_names.insert(fs::relative(entry.path(), dir).generic_string());
  std::set<std::string> names;
  for (const auto& [name, data] : parts)
    names.insert(name);
  EXPECT_EQ(names, golden_names) << "the package's parts differ from the golden's";
  for (const auto& [name, data] : parts) {
    if (!golden_names.count(name)) continue;
    const std::string golden = slurp(dir / name);
    if (is_xml(name))
      EXPECT_EQ(first_difference(golden, data), "") << case_name << " " << name;
    else
      EXPECT_EQ(golden, data) << case_name << " " << name;
  }
}

}  // namespace

// The comparison itself: equal after re-indenting, different at the node that changed.
TEST(DocxGolden, ComparisonIgnoresLayoutAndFindsChanges) {
  const std::string a = "<a x=\"1\" y=\"2\"><b><t>— 1 —</t></b><b/></a>";
  EXPECT_EQ(
      first_difference(a, "<a y=\"2\" x=\"1\">\n  <b>\n    <t>— 1 —</t>\n  </b>\n  <b/>\n</a>"),
      "");
  EXPECT_EQ(first_difference(a, "<a x=\"1\" y=\"2\"><b><t>— 2 —</t></b><b/></a>"),
            "/a[1]/b[1]/t[1]: text \"— 1 —\" became \"— 2 —\"");
  EXPECT_EQ(first_difference(a, "<a x=\"1\" y=\"3\"><b><t>— 1 —</t></b><b/></a>"),
            "/a[1]: @y=\"2\" became \"3\"");
  EXPECT_EQ(first_difference(a, "<a x=\"1\" y=\"2\"><b><t>— 1 —</t></b></a>"),
            "/a[1]: 2 children became 1");
}

TEST(DocxGolden, Huaibei2020Gov2019) {
  check_against_golden("huaibei-2020", export_docx(kHuaibei2020));
}

TEST(DocxGolden, Pingtan2021Gov2021) {
  check_against_golden("pingtan-2021", export_docx(kPingtan2021));
}

TEST(DocxGolden, Huaibei2020WithTheThirdPartyTemplate) {
  check_against_golden("huaibei-2020-template",
                       export_docx(kHuaibei2020, {{"reference-docx", source(kTemplate)}}));
}
