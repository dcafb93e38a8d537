// Runs every conformance case (tests/conformance/<format>/<case>/) and checks the findings are
// exactly the expected ones — codes and locations, nothing missing, nothing extra. The catalogue
// tests then tie the rule catalogue, the codes the code can emit, and the cases together.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "test_util.h"

namespace fs = std::filesystem;
using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::slurp;

namespace {

struct Case {
  std::string group;  // a format id, or "input"
  std::string name;
  fs::path dir;
};

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const auto& group : fs::directory_iterator(CONFORMANCE_DIR)) {
    if (!group.is_directory()) continue;
    for (const auto& c : fs::directory_iterator(group.path()))
      if (fs::exists(c.path() / "case.json"))
        out.push_back({group.path().filename().string(), c.path().filename().string(), c.path()});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.dir < b.dir; });
  return out;
}

nlohmann::json spec_of(const Case& c) {
  return nlohmann::json::parse(slurp((c.dir / "case.json").string()));
}

// Does a finding match an expectation? Every key the expectation names must agree.
bool matches(const Diagnostic& d, const nlohmann::json& e) {
  if (d.code != e["code"]) return false;
  const auto& l = d.location.logical;
  for (const auto& [key, actual] : {std::pair<const char*, const std::string*>{"table", &l.table},
                                    {"row", &l.row},
                                    {"column", &l.column},
                                    {"section", &l.section}})
    if (e.contains(key) && e[key] != *actual) return false;
  if (e.contains("line") && e["line"] != d.location.source.line) return false;
  return true;
}

std::string describe(const std::vector<Diagnostic>& findings) {
  std::string out;
  for (const auto& d : findings)
    out += "  " + d.code + " " + d.location.logical.section + " " + d.location.logical.table + "/" +
           d.location.logical.row + "/" + d.location.logical.column + " line " +
           std::to_string(d.location.source.line) + ": " +
           built_in_engine().render_message(d.message_id, d.args, Language::en) + "\n";
  return out;
}

class Conformance : public ::testing::TestWithParam<Case> {};

TEST_P(Conformance, FindingsAreExactlyTheExpectedOnes) {
  const Case& c = GetParam();
  nlohmann::json spec = spec_of(c);
  Engine& engine = built_in_engine();
  std::string input = (c.dir / spec.value("input", "input.json")).string();
  ImportResult imported = engine.import_file(input);
  std::vector<Diagnostic> findings = imported.diagnostics;
  if (c.group == "input") {
    EXPECT_FALSE(imported.report) << "an input case must not import";
  } else {
    ASSERT_TRUE(imported.report) << describe(findings);
    EXPECT_EQ(imported.report->format, c.group);
    std::optional<Report> previous;
    ValidateOptions options;
    if (spec.contains("previous")) {
      ImportResult p = engine.import_file((c.dir / spec["previous"].get<std::string>()).string());
      ASSERT_TRUE(p.report);
      previous = std::move(*p.report);
      options.previous = &*previous;
    }
    auto more = engine.validate(*imported.report, options);
    findings.insert(findings.end(), more.begin(), more.end());
  }
  std::vector<bool> used(findings.size(), false);
  for (const auto& e : spec["expect"]) {
    bool found = false;
    for (std::size_t i = 0; i < findings.size() && !found; ++i)
      if (!used[i] && matches(findings[i], e)) used[i] = found = true;
    EXPECT_TRUE(found) << "expected " << e.dump() << "\nfindings:\n" << describe(findings);
  }
  for (std::size_t i = 0; i < findings.size(); ++i)
    EXPECT_TRUE(used[i]) << "unexpected finding:\n" << describe({findings[i]});
}

INSTANTIATE_TEST_SUITE_P(Cases, Conformance, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.group + "_" + info.param.name;
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

// Codes about the report's content (formats.md §8) need conformance cases; the others (reading
// inputs, plugins, writing outputs) are asserted by the tests of the component that emits them.
bool is_infrastructure(const std::string& code) {
  for (const char* prefix : {"STR-", "FMT-", "CEL-", "T2-", "T3-", "T4-", "XY-", "NT-", "S5-", "S6-", "PUB-", "JSON-"})
    if (code.rfind(prefix, 0) == 0) return false;
  return true;
}

std::string all_test_sources() {
  std::string text;
  // Every test folder (each capability asserts its own codes), not the case data.
  for (const auto& dir : fs::directory_iterator(std::string(NIANBAO_SOURCE_DIR) + "/tests")) {
    if (!dir.is_directory() || dir.path().filename() == "data" || dir.path().filename() == "conformance") continue;
    for (const auto& f : fs::recursive_directory_iterator(dir.path())) {
      auto ext = f.path().extension();
      if (ext == ".cpp" || ext == ".py" || ext == ".sh") text += slurp(f.path().string());
    }
  }
  return text;
}

}  // namespace

// Every catalogued rule is exercised: report rules and input errors by a conformance case that
// triggers them; loader and I/O codes by an assertion in the unit, loader or CLI tests.
TEST(Catalogue, EveryCodeIsExercised) {
  std::set<std::string> triggered;
  for (const auto& c : all_cases()) {
    const nlohmann::json spec = spec_of(c);
    for (const auto& e : spec["expect"])
      triggered.insert(e["code"].get<std::string>());
  }
  const std::string sources = all_test_sources();
  for (const auto& rule : built_in_engine().rules()) {
    if (triggered.count(rule.code)) continue;
    EXPECT_TRUE(is_infrastructure(rule.code)) << rule.code << " has no conformance case";
    bool asserted = sources.find("\"" + rule.code + "\"") != std::string::npos ||
                    sources.find("'" + rule.code + "'") != std::string::npos;
    EXPECT_TRUE(asserted) << rule.code << " is not asserted by any test";
  }
}

// Every report rule has a near miss: a case named after its code (or its family, e.g. "t3-near-…"
// for T3-…) whose findings — checked exactly above — do not include it.
TEST(Catalogue, EveryReportRuleHasANearMiss) {
  std::set<std::string> covered;
  for (const auto& c : all_cases()) {
    auto near = c.name.find("-near-");
    if (near == std::string::npos) continue;
    std::string prefix = c.name.substr(0, near);
    for (char& ch : prefix)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::set<std::string> expected;
    const nlohmann::json spec = spec_of(c);
    for (const auto& e : spec["expect"])
      expected.insert(e["code"].get<std::string>());
    for (const auto& rule : built_in_engine().rules())
      if ((rule.code == prefix || rule.code.rfind(prefix + "-", 0) == 0) &&
          !expected.count(rule.code))
        covered.insert(rule.code);
  }
  for (const auto& rule : built_in_engine().rules()) {
    if (is_infrastructure(rule.code) || rule.code.rfind("JSON-", 0) == 0) continue;
    EXPECT_TRUE(covered.count(rule.code)) << rule.code << " has no near-miss case";
  }
}

// Every code the core and the built-in plugins can emit is in the catalogue, with both titles.
TEST(Catalogue, EveryEmittableCodeIsCatalogued) {
  static const std::regex kCode("\"([A-Z][A-Z0-9]{1,3}-[0-9]{2})\"");
  std::set<std::string> emittable;
  for (const char* dir : {"core/src", "plugins"})
    for (const auto& f :
         fs::recursive_directory_iterator(std::string(NIANBAO_SOURCE_DIR) + "/" + dir)) {
      auto ext = f.path().extension();
      if (ext != ".cpp" && ext != ".json" && ext != ".h") continue;
      std::string text = slurp(f.path().string());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), kCode);
           it != std::sregex_iterator(); ++it)
        emittable.insert((*it)[1]);
    }
  EXPECT_GT(emittable.size(), 50u);
  for (const auto& code : emittable) {
    const RuleInfo* rule = built_in_engine().find_rule(code);
    ASSERT_TRUE(rule) << code << " can be emitted but is not catalogued";
    EXPECT_FALSE(rule->title_zh.empty()) << code;
    EXPECT_FALSE(rule->title_en.empty()) << code;
    EXPECT_FALSE(rule->clause.empty()) << code;
  }
}

// The rule catalogue page (docs/rules.md) lists every code with its severity and formats.
TEST(Catalogue, DocumentedInTheRuleCatalogue) {
  const std::string doc = slurp(std::string(NIANBAO_SOURCE_DIR) + "/docs/rules.md");
  for (const auto& rule : built_in_engine().rules()) {
    std::string formats;
    for (const auto& f : rule.formats)
      formats += (formats.empty() ? "" : ", ") + f;
    std::string row = "| `" + rule.code + "` | " +
                      std::string(1, static_cast<char>(std::toupper(to_string(rule.severity)[0]))) +
                      " | " + (formats.empty() ? "all" : formats) + " | " + rule.title_zh + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/rules.md lacks or misstates: " << row;
  }
}
