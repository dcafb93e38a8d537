// The engine with the built-in plugins: format catalogue, importer and exporter selection, rule
// configuration.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::source_path;

TEST(Engine, LoadsTheBuiltInPluginsWithoutProblems) {
  Engine& e = built_in_engine();
  EXPECT_TRUE(e.plugin_diagnostics().empty());
  std::set<std::string> ids;
  for (const auto& p : e.plugins()) {
    ids.insert(p.id);
    EXPECT_EQ(p.status, PluginRecord::Status::loaded) << p.id;
    EXPECT_TRUE(std::filesystem::path(p.library_path).is_absolute());
  }
  // At least the foundation's plugins; every capability adds its own.
  for (const char* id :
       {"gov-2019", "gov-2021", "json-importer", "json-exporter", "general-checks", "prose-checks"})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST(Engine, YearToFormatMappingIsData) {
  const FormatCatalog& f = built_in_engine().formats();
  EXPECT_EQ(f.for_year(2018), nullptr);
  EXPECT_EQ(f.for_year(2019)->id, "gov-2019");
  EXPECT_EQ(f.for_year(2020)->id, "gov-2019");
  EXPECT_EQ(f.for_year(2021)->id, "gov-2021");
  EXPECT_EQ(f.for_year(2025)->id, "gov-2021");
  EXPECT_EQ(f.all().size(), 2u);
}

TEST(Engine, PicksTheImporterByContentAndName) {
  Engine& e = built_in_engine();
  ImportResult r = e.import_file(source_path("examples/huaibei-2020/report.json"));
  ASSERT_TRUE(r.report);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.report->agency.name, "淮北市人民政府办公室（外事办公室）");

  // A CMake script: no importer's type (a .md file is Markdown text, read by the text importer).
  ImportResult unknown = e.import_file(source_path("tests/missing_client.cmake"));
  ASSERT_FALSE(unknown.report);
  ASSERT_EQ(unknown.diagnostics.size(), 1u);
  EXPECT_EQ(unknown.diagnostics[0].code, "IMP-01");
  ASSERT_TRUE(unknown.diagnostics[0].find_arg("importers"));
  EXPECT_NE(unknown.diagnostics[0].find_arg("importers")->find("json"), std::string::npos);

  // An importer id that no importer has (ODF text is not read).
  ImportResult named = e.import_file(source_path("examples/huaibei-2020/report.json"), "odt");
  EXPECT_FALSE(named.report);
  EXPECT_EQ(named.diagnostics.at(0).code, "IMP-01");

  ImportResult dir = e.import_file(source_path("examples"));
  EXPECT_FALSE(dir.report);
  EXPECT_EQ(dir.diagnostics.at(0).code, "IO-01");
}

TEST(Engine, FindsExportersByExtension) {
  Engine& e = built_in_engine();
  ASSERT_TRUE(e.exporter_for_path("out/x.json"));
  EXPECT_EQ(e.exporter_for_path("out/x.json")->id(), "json");
  EXPECT_EQ(e.exporter_for_path("x.json.bak"), nullptr);
  EXPECT_EQ(e.exporter_for_path(".json"), nullptr);
  EXPECT_TRUE(e.find_exporter("json"));
  EXPECT_FALSE(e.find_exporter("nope"));
}

TEST(Engine, ValidateAndExportNeedAKnownFormat) {
  Engine& e = built_in_engine();
  Report r;
  r.format = "gov-1999";
  r.year = 1999;
  auto diags = e.validate(r, {});
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, "IMP-03");
  try {
    e.export_report(r, *e.find_exporter("json"));
    FAIL();
  } catch (const InputError& err) {
    EXPECT_EQ(err.diagnostic().code, "IMP-03");
  }
}

TEST(Engine, RuleConfigDisablesAndRelevels) {
  Engine& e = built_in_engine();
  auto make = [](std::string code) {
    Diagnostic d;
    d.code = std::move(code);
    d.severity = Severity::error;
    return d;
  };
  std::vector<Diagnostic> diags = {make("IO-01"), make("IO-02"), make("JSON-01")};
  RuleConfig config;
  config.disable = {"IO-02"};
  config.severity = {{"JSON-01", Severity::warning}};
  e.apply_rule_config(config, diags);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0].code, "IO-01");
  EXPECT_EQ(diags[0].severity, Severity::error);
  EXPECT_EQ(diags[1].severity, Severity::warning);
}

TEST(Engine, CatalogueHasEveryCoreCodeInBothLanguages) {
  Engine& e = built_in_engine();
  for (const char* code :
       {"IO-01",   "IO-02",   "IO-03",   "IMP-01",  "IMP-02",  "IMP-03",  "EXP-01", "CHK-01",
        "JSON-01", "JSON-02", "JSON-03", "JSON-04", "JSON-05", "JSON-06", "PLG-01", "PLG-02",
        "PLG-03",  "PLG-04",  "PLG-05",  "PLG-06",  "PLG-07",  "PLG-08",  "PLG-09", "PLG-10"}) {
    const RuleInfo* r = e.find_rule(code);
    ASSERT_TRUE(r) << code;
    EXPECT_FALSE(r->title_zh.empty());
    EXPECT_FALSE(r->title_en.empty());
  }
  // A message id nobody registered still renders its arguments rather than nothing.
  EXPECT_EQ(e.render_message("no.such.message", {{"a", "1"}}, Language::zh), "no.such.message a=1");
  EXPECT_EQ(e.render_message("io.is_directory", {}, Language::en),
            "this is a directory, not a file");
}

// Every message template (core and plugins) renders with nothing left over: both languages name
// the same placeholders, every placeholder is filled, and no template puts two placeholders on
// either side of "=" — with equal values that prints a self-equation such as "95 = 95".
TEST(Engine, EveryMessageRendersWithoutPlaceholdersOrSelfEquations) {
  static const std::regex kPlaceholder(R"(\{([A-Za-z0-9_]+)(\|[^{}]*)?\})");
  static const std::regex kSelfEquation(R"((^|[^0-9])1 = 1([^0-9]|$))");
  Engine& e = built_in_engine();
  const auto messages = e.messages();
  EXPECT_GT(messages.size(), 100u);
  for (const auto& m : messages) {
    std::set<std::string> names[2];
    const std::string* texts[2] = {&m.zh, &m.en};
    for (int i = 0; i < 2; ++i) {
      EXPECT_FALSE(texts[i]->empty()) << m.id;
      for (std::sregex_iterator it(texts[i]->begin(), texts[i]->end(), kPlaceholder), end;
           it != end; ++it)
        names[i].insert((*it)[1]);
    }
    // A name may differ by language only in a _zh/_en suffix (identity_zh, identity_en).
    auto neutral = [](std::set<std::string> in) {
      std::set<std::string> out;
      for (std::string n : in) {
        if (n.size() > 3 && (n.ends_with("_zh") || n.ends_with("_en"))) n.resize(n.size() - 3);
        out.insert(n);
      }
      return out;
    };
    EXPECT_EQ(neutral(names[0]), neutral(names[1]))
        << m.id << " names different placeholders in zh and en";
    std::vector<MessageArg> args;
    for (const auto& n : names[0])
      args.emplace_back(n, "1");
    for (const auto& n : names[1])
      if (!names[0].count(n)) args.emplace_back(n, "1");
    for (Language lang : {Language::zh, Language::en}) {
      const std::string& templ = lang == Language::zh ? m.zh : m.en;
      std::string text = e.render_message(m.id, args, lang);
      // Only the braces written as {{ and }} are left.
      auto count = [](const std::string& t, std::string_view what) {
        std::size_t n = 0;
        for (auto p = t.find(what); p != std::string::npos; p = t.find(what, p + what.size()))
          ++n;
        return n;
      };
      EXPECT_EQ(count(text, "{"), count(templ, "{{")) << m.id << ": " << text;
      EXPECT_EQ(count(text, "}"), count(templ, "}}")) << m.id << ": " << text;
      EXPECT_FALSE(std::regex_search(text, kSelfEquation)) << m.id << ": " << text;
    }
  }
}
