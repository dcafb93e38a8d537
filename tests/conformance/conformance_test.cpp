// Runs every conformance case (tests/conformance/<format>/<case>/) and checks the findings are
// exactly the expected ones — codes and locations, nothing missing, nothing extra. The catalogue
// tests then tie the rule catalogue, the codes the code can emit, and the cases together.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

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
  for (const char* prefix :
       {"STR-", "FMT-", "CEL-", "T2-", "T3-", "T4-", "XY-", "NT-", "S5-", "S6-", "PUB-", "JSON-"})
    if (code.rfind(prefix, 0) == 0) return false;
  return true;
}

// The test sources of every test folder (each capability asserts its own codes), not the case data.
std::vector<std::pair<fs::path, std::string>> test_sources(
    const std::set<std::string>& extensions) {
  std::vector<std::pair<fs::path, std::string>> out;
  for (const auto& dir : fs::directory_iterator(std::string(NIANBAO_SOURCE_DIR) + "/tests")) {
    if (!dir.is_directory() || dir.path().filename() == "data") continue;
    for (const auto& f : fs::recursive_directory_iterator(dir.path()))
      if (f.is_regular_file() && extensions.count(f.path().extension().string()))
        out.emplace_back(f.path(), slurp(f.path().string()));
  }
  return out;
}

// The text from an opening parenthesis at `open` to its matching close (or the end).
std::string parenthesised(const std::string& text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return text.substr(open, i - open + 1);
  }
  return text.substr(open);
}

// The codes the tests assert as findings. A code counts where it is quoted
//  - inside a GoogleTest assertion (EXPECT_…/ASSERT_…), or a Python `assert` statement;
//  - in a call of a test helper that asserts (one whose definition holds an assertion, such as
//    sole_error or expect_refused);
//  - in a lookup whose result the next assertions test (`d = find_code(r, "PDF-01");
//  ASSERT_TRUE(d)`);
//  - in a table of cases (`cases = {…};`) whose loop asserts on the case's `.code`.
// A code merely mentioned (a list looped over without an assertion on it, a fixture, a comment
// outside an assertion) does not count.
const std::regex kAssertion(R"(\b(EXPECT|ASSERT)_[A-Z_]+\s*\()");
const std::regex kQuotedCode(R"(["']([A-Z][A-Z0-9]{1,3}-[0-9]{2})["'])");

void quoted_codes(const std::string& text, std::set<std::string>& out) {
  for (std::sregex_iterator it(text.begin(), text.end(), kQuotedCode), end; it != end; ++it)
    out.insert((*it)[1]);
}

std::size_t after(const std::smatch& m) {
  return static_cast<std::size_t>(m.position(0) + m.length(0));
}

// The test helpers that assert: functions whose body holds an EXPECT_/ASSERT_.
std::set<std::string> asserting_helpers(const std::string& text) {
  static const std::regex kDefinition(
      R"(\n[A-Za-z_][\w:<>,*& ]*?[\s*&]([a-z_]\w*)\s*\(([^;{}]*)\)\s*(const\s*)?\{)");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kDefinition), end; it != end; ++it) {
    std::size_t open = static_cast<std::size_t>(it->position(0) + it->length(0));
    std::size_t close = text.find("\n}\n", open);
    std::string body =
        text.substr(open, close == std::string::npos ? std::string::npos : close - open);
    if (std::regex_search(body, kAssertion)) out.insert((*it)[1]);
  }
  return out;
}

void collect_asserted_codes(bool python, const std::string& text,
                            const std::set<std::string>& helpers, std::set<std::string>& out) {
  if (python) {
    static const std::regex kPythonAssert(R"((^|\n)[ \t]*assert\b[^\n]*)");
    for (std::sregex_iterator it(text.begin(), text.end(), kPythonAssert), end; it != end; ++it)
      quoted_codes((*it)[0], out);
    return;
  }
  static const std::regex kCall(R"(\b([A-Za-z_]\w*)\s*\()");
  for (std::sregex_iterator it(text.begin(), text.end(), kCall), end; it != end; ++it) {
    const std::string name = (*it)[1];
    const bool assertion = name.rfind("EXPECT_", 0) == 0 || name.rfind("ASSERT_", 0) == 0;
    if (assertion || helpers.count(name))
      quoted_codes(
          parenthesised(text, static_cast<std::size_t>(it->position(0) + it->length(0) - 1)), out);
  }
  // var = lookup(…"CODE"…); followed by an assertion on var.
  static const std::regex kLookup(R"(\b(\w+)\s*=\s*[\w:]*\s*\(?\s*\w+\s*\()");
  for (std::sregex_iterator it(text.begin(), text.end(), kLookup), end; it != end; ++it) {
    const std::size_t open = after(*it) - 1;
    const std::string args = parenthesised(text, open);
    std::set<std::string> codes;
    quoted_codes(args, codes);
    if (codes.empty()) continue;
    const std::string next = text.substr(open + args.size(), 600);
    const std::regex on_var(R"(\b(EXPECT|ASSERT)_\w+\(\s*!?\(?\s*)" + std::string((*it)[1]) +
                            R"(\b)");
    if (std::regex_search(next, on_var)) out.insert(codes.begin(), codes.end());
  }
  // cases = { {…, "CODE", …}, … }; followed by a loop that asserts on a case's .code.
  static const std::regex kTable(R"(=\s*\{)");
  static const std::regex kOnCode(
      R"(\b(EXPECT|ASSERT)_\w+\([^;]*\.code\b|(\w+)\s*=\s*\w+\([^;]*\.code\)\s*;\s*(ASSERT|EXPECT)_\w+\(\s*\2\b)");
  for (std::sregex_iterator it(text.begin(), text.end(), kTable), end; it != end; ++it) {
    const std::size_t close = text.find("};", after(*it));
    if (close == std::string::npos) continue;
    std::set<std::string> codes;
    quoted_codes(text.substr(after(*it), close - after(*it)), codes);
    if (codes.empty()) continue;
    const std::string loop = text.substr(close, 2500);
    if (std::regex_search(loop, kOnCode)) out.insert(codes.begin(), codes.end());
  }
}

std::set<std::string> codes_asserted_by_tests() {
  auto sources = test_sources({".cpp", ".h", ".py"});
  // This file's own examples are not tests.
  sources.erase(
      std::remove_if(sources.begin(), sources.end(),
                     [](const auto& s) { return s.first.filename() == "conformance_test.cpp"; }),
      sources.end());
  std::set<std::string> helpers;
  for (const auto& [path, text] : sources)
    if (path.extension() != ".py") {
      auto more = asserting_helpers(text);
      helpers.insert(more.begin(), more.end());
    }
  std::set<std::string> out;
  for (const auto& [path, text] : sources)
    collect_asserted_codes(path.extension() == ".py", text, helpers, out);
  return out;
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
  const std::set<std::string> asserted = codes_asserted_by_tests();
  for (const auto& rule : built_in_engine().rules()) {
    if (triggered.count(rule.code)) continue;
    EXPECT_TRUE(is_infrastructure(rule.code)) << rule.code << " has no conformance case";
    EXPECT_TRUE(asserted.count(rule.code)) << rule.code << " is not asserted by any test";
  }
}

// The collector above counts assertions, not mentions.
TEST(Catalogue, AssertedCodesAreCollectedFromAssertionsOnly) {
  const std::string cpp = R"(
Diagnostic sole_error(const ImportResult& r, const std::string& code) {
  EXPECT_FALSE(r.report);
  return *find(r.diagnostics, code);
}
void f() {
  EXPECT_EQ(d.code, "AB-01");
  EXPECT_EQ(codes, (std::set<std::string>{"AB-02", "AB-03"}));
  sole_error(import(dir, "bad.csv"), "AB-04");
  const Diagnostic* d = find_code(r.diagnostics, "AB-05");
  ASSERT_TRUE(d);
  std::vector<Case> cases = {{"a.txt", "AB-06"}, {"b.txt", "AB-07"}};
  for (const auto& c : cases) {
    const Diagnostic* d = find_code(import(c.name).diagnostics, c.code);
    ASSERT_TRUE(d) << c.name;
  }
  for (const char* code : {"AB-08"}) e.find_rule(code);
  w.code = "AB-09";
  const Diagnostic* unused = find_code(r.diagnostics, "AB-10");
  std::vector<std::string> listed = {"AB-11"};
  render(make("AB-12"));
}
)";
  std::set<std::string> codes;
  collect_asserted_codes(false, cpp, asserting_helpers(cpp), codes);
  collect_asserted_codes(true, "assert 'AB-13' in p.stderr\ncodes = ['AB-14']\n", {}, codes);
  EXPECT_EQ(codes, (std::set<std::string>{"AB-01", "AB-02", "AB-03", "AB-04", "AB-05", "AB-06",
                                          "AB-07", "AB-13"}));
  EXPECT_TRUE(codes_asserted_by_tests().count("IMP-01"));
}

// A missing client fails the suite; no test skips itself (README.md: the only exception is the
// golden update mode of the DOCX tests).
TEST(Catalogue, NoTestSkips) {
  static const std::regex kSkip(
      R"(GTEST_SKIP|SKIP_RETURN_CODE|exit\(\s*77\s*\)|exit\s+77\b|=\s*77\b|return\s+77\b)");
  for (const auto& [path, text] : test_sources({".cpp", ".h", ".py", ".sh", ".txt", ".cmake"})) {
    if (path.filename() == "conformance_test.cpp") continue;  // the pattern above
    std::size_t allowed = path.filename() == "docx_golden_test.cpp" ? 1 : 0;
    std::size_t found = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), kSkip), end; it != end; ++it)
      ++found;
    EXPECT_EQ(found, allowed) << path << " skips (or may skip) a test";
  }
}

// Every time bound in the tests is scaled for slow (sanitizer) builds through time_bound().
TEST(Catalogue, TimeBoundsAreScaled) {
  static const std::regex kAssertion(R"(\b(EXPECT|ASSERT)_(LT|LE)\s*\()");
  int bounds = 0;
  for (const auto& [path, text] : test_sources({".cpp", ".h"}))
    for (std::sregex_iterator it(text.begin(), text.end(), kAssertion), end; it != end; ++it) {
      std::string call =
          parenthesised(text, static_cast<std::size_t>(it->position(0) + it->length(0) - 1));
      if (call.find("seconds") == std::string::npos &&
          call.find("steady_clock") == std::string::npos)
        continue;
      ++bounds;
      EXPECT_NE(call.find("time_bound("), std::string::npos)
          << path.filename().string() << ": a time bound not scaled: " << call;
    }
  EXPECT_GT(bounds, 10);
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
