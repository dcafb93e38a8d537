// The limits the engine and the plugins declare (Engine::limits()) and docs/limits.md's table of
// the limits that can be changed: the same names, and each declared default in the table.
#include <gtest/gtest.h>
#include <nianbao/engine.h>

#include <map>
#include <set>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::slurp;
using nianbao::test::source_path;

namespace {

// The rows of the table under "## Limits that can be changed": name → its "default" cell.
std::map<std::string, std::string> documented_limits() {
  const std::string doc = slurp(source_path("docs/limits.md"));
  const auto start = doc.find("## Limits that can be changed");
  EXPECT_NE(start, std::string::npos);
  const auto end = doc.find("\n## ", start + 1);
  std::map<std::string, std::string> out;
  std::size_t at = start;
  while ((at = doc.find("\n| `", at)) != std::string::npos && at < end) {
    const auto line_end = doc.find('\n', at + 1);
    const std::string line = doc.substr(at + 1, line_end - at - 1);
    const auto name_end = line.find('`', 3);
    const auto cell = line.find('|', name_end) + 1;
    const auto cell_end = line.find('|', cell);
    out[line.substr(3, name_end - 3)] = line.substr(cell, cell_end - cell);
    at = line_end;
  }
  return out;
}

// A default as the table writes it: sizes in MiB, counts with a space every three digits.
std::string documented_value(const std::string& name, std::uint64_t value) {
  if (name.ends_with("-bytes")) return std::to_string(value >> 20) + " MiB";
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

}  // namespace

TEST(Limits, TheEngineAndThePluginsDeclareThem) {
  const auto declared = built_in_engine().limits();
  ASSERT_FALSE(declared.empty());
  EXPECT_EQ(declared.front().limit.name, "input-bytes");
  EXPECT_EQ(declared.front().plugin, "");
  EXPECT_EQ(declared.front().limit.default_value, kDefaultInputBytes);
  std::map<std::string, std::set<std::string>> plugins;
  for (const auto& d : declared) {
    plugins[d.limit.name].insert(d.plugin);
    EXPECT_FALSE(d.limit.bounds_zh.empty()) << d.limit.name;
    EXPECT_FALSE(d.limit.bounds_en.empty()) << d.limit.name;
  }
  EXPECT_EQ(plugins["table-cells"],
            (std::set<std::string>{"docx-importer", "html-importer", "xlsx-importer"}));
  EXPECT_EQ(plugins["zip-entries"], (std::set<std::string>{"docx-importer", "xlsx-importer"}));
  EXPECT_EQ(plugins["text-bytes"], (std::set<std::string>{"text-importer"}));
  EXPECT_EQ(plugins["xml-bytes"], (std::set<std::string>{"platform-xml-importer"}));
  // Sorted by name.
  for (std::size_t i = 1; i < declared.size(); ++i)
    EXPECT_LE(declared[i - 1].limit.name, declared[i].limit.name);
}

TEST(Limits, OnDemandLoadingStillListsEveryPlugin) {
  EngineOptions o;
  o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
  o.use_environment = false;
  o.use_install_dir = false;
  o.load_on_demand = true;
  Engine lazy(o);
  EXPECT_TRUE(lazy.loaded_plugins().empty());
  EXPECT_EQ(lazy.limits().size(), built_in_engine().limits().size());
}

TEST(Limits, DocsTableMatchesTheDeclarations) {
  const auto documented = documented_limits();
  std::set<std::string> names;
  for (const auto& d : built_in_engine().limits()) {
    names.insert(d.limit.name);
    auto row = documented.find(d.limit.name);
    ASSERT_NE(row, documented.end()) << d.limit.name << " is declared but not in docs/limits.md";
    const std::string value = documented_value(d.limit.name, d.limit.default_value);
    EXPECT_NE(row->second.find(value), std::string::npos)
        << d.limit.name << ": docs/limits.md says" << row->second << ", " << d.plugin
        << " declares " << value;
  }
  for (const auto& [name, cell] : documented)
    EXPECT_TRUE(names.count(name)) << name << " is in docs/limits.md but nobody declares it";
}
