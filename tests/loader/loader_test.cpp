// Loader fault tests: each broken plugin gives its own diagnostic naming the file and the fix,
// and the process — and every other plugin — carries on.
#include <gtest/gtest.h>
#include <nianbao/engine.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>

#include "test_util.h"

using namespace nianbao;

namespace {

std::string fixture(const std::string& name) {
  return std::string(FIXTURES) + "/" + name;
}

std::unique_ptr<Engine> engine_with(std::vector<std::string> dirs, bool load = true) {
  EngineOptions o;
  o.plugin_paths = std::move(dirs);
  o.use_environment = false;
  o.use_install_dir = false;
  o.load = load;
  return std::make_unique<Engine>(o);
}

// Loads the fixture directory together with the good plugin and the built-in formats, and
// returns the single diagnostic it must produce.
Diagnostic only_diagnostic(const std::string& case_dir, std::unique_ptr<Engine>* keep = nullptr) {
  auto engine = engine_with({fixture(case_dir), fixture("good"), NIANBAO_PLUGIN_BUILD_DIR});
  EXPECT_EQ(engine->plugin_diagnostics().size(), 1u) << case_dir;
  // The good plugin and the built-ins still load.
  EXPECT_TRUE(engine->find_exporter("fixture-good")) << case_dir;
  EXPECT_TRUE(engine->find_exporter("json")) << case_dir;
  EXPECT_TRUE(engine->formats().find("gov-2021")) << case_dir;
  Diagnostic d =
      engine->plugin_diagnostics().empty() ? Diagnostic{} : engine->plugin_diagnostics()[0];
  // Every loader message renders in both languages without leftover placeholders.
  for (Language lang : {Language::zh, Language::en}) {
    std::string text = engine->render_message(d.message_id, d.args, lang);
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
  }
  if (keep) *keep = std::move(engine);
  return d;
}

std::string arg(const Diagnostic& d, const char* name) {
  const std::string* v = d.find_arg(name);
  return v ? *v : "<missing " + std::string(name) + ">";
}

}  // namespace

TEST(LoaderFaults, NotASharedObject) {
  Diagnostic d = only_diagnostic("not_shared_object");
  EXPECT_EQ(d.code, "PLG-01");
  EXPECT_NE(arg(d, "library").find("fixture-text.so"), std::string::npos);
  EXPECT_EQ(arg(d, "detail"), "no ELF header");
}

TEST(LoaderFaults, MissingEntrySymbol) {
  Diagnostic d = only_diagnostic("missing_entry");
  EXPECT_EQ(d.code, "PLG-02");
  EXPECT_EQ(arg(d, "symbol"), "nianbao_plugin_entry");
  EXPECT_NE(arg(d, "library").find("fixture-missing-entry.so"), std::string::npos);
}

TEST(LoaderFaults, UnresolvedSymbol) {
  Diagnostic d = only_diagnostic("unresolved");
  EXPECT_EQ(d.code, "PLG-03");
  EXPECT_NE(arg(d, "detail").find("nianbao_fixture_symbol_nobody_defines"), std::string::npos)
      << arg(d, "detail");
}

TEST(LoaderFaults, WrongAbiVersionInDescriptor) {
  Diagnostic d = only_diagnostic("wrong_abi");
  EXPECT_EQ(d.code, "PLG-04");
  EXPECT_EQ(arg(d, "plugin_abi"), "999");
  EXPECT_EQ(arg(d, "host_abi"), std::to_string(NIANBAO_ABI_VERSION));
}

TEST(LoaderFaults, WrongAbiVersionInManifestIsRejectedWithoutLoading) {
  // The library named by this manifest does not even exist: the ABI check comes first.
  auto engine = engine_with({fixture("manifest_abi")});
  ASSERT_EQ(engine->plugin_diagnostics().size(), 1u);
  EXPECT_EQ(engine->plugin_diagnostics()[0].code, "PLG-04");
  EXPECT_EQ(arg(engine->plugin_diagnostics()[0], "plugin_abi"),
            std::to_string(NIANBAO_ABI_VERSION + 1));
}

TEST(LoaderFaults, FingerprintMismatch) {
  Diagnostic d = only_diagnostic("fingerprint");
  EXPECT_EQ(d.code, "PLG-05");
  EXPECT_EQ(arg(d, "plugin_fingerprint"), "abi1-libc++-ptr8");
  EXPECT_EQ(arg(d, "host_fingerprint"), NIANBAO_BUILD_FINGERPRINT);
}

TEST(LoaderFaults, ThrowingRegistrationLeavesNothingBehind) {
  std::unique_ptr<Engine> engine;
  Diagnostic d = only_diagnostic("throwing", &engine);
  EXPECT_EQ(d.code, "PLG-06");
  EXPECT_EQ(arg(d, "detail"), "fixture registration failed on purpose");
  // It added an exporter before throwing; that exporter must not be registered.
  EXPECT_FALSE(engine->find_exporter("half-registered"));
}

TEST(LoaderFaults, DuplicateIdNamesBothFiles) {
  auto engine = engine_with({fixture("duplicate_a"), fixture("duplicate_b"), fixture("good")});
  ASSERT_EQ(engine->plugin_diagnostics().size(), 1u);
  const Diagnostic& d = engine->plugin_diagnostics()[0];
  EXPECT_EQ(d.code, "PLG-07");
  EXPECT_NE(arg(d, "manifest").find("duplicate_b"), std::string::npos);
  EXPECT_NE(arg(d, "other").find("duplicate_a"), std::string::npos);
  // The first one found (search order) wins.
  EXPECT_TRUE(engine->find_exporter("dup-a"));
  EXPECT_FALSE(engine->find_exporter("dup-b"));
  EXPECT_TRUE(engine->find_exporter("fixture-good"));
}

TEST(LoaderFaults, BadManifestNamesTheLine) {
  Diagnostic d = only_diagnostic("bad_manifest");
  EXPECT_EQ(d.code, "PLG-08");
  EXPECT_NE(arg(d, "detail").find("line 3"), std::string::npos) << arg(d, "detail");
  EXPECT_NE(arg(d, "manifest").find("broken.nianbao-plugin.json"), std::string::npos);
}

TEST(LoaderFaults, ManifestThatDisagreesWithTheLibrary) {
  Diagnostic d = only_diagnostic("manifest_mismatch");
  EXPECT_EQ(d.code, "PLG-09");
  EXPECT_EQ(arg(d, "manifest_id"), "fixture-manifest-says");
  EXPECT_EQ(arg(d, "library_id"), "fixture-library-says");
}

TEST(LoaderFaults, ManifestKindsThatDisagreeWithTheRegistration) {
  Diagnostic d = only_diagnostic("kinds_mismatch");
  EXPECT_EQ(d.code, "PLG-11");
  EXPECT_EQ(arg(d, "manifest_kinds"), "importer");
  EXPECT_EQ(arg(d, "registered_kinds"), "exporter");
  // Nothing of a plugin refused for this is kept.
  auto engine = engine_with({fixture("kinds_mismatch")});
  EXPECT_FALSE(engine->find_exporter("km"));
}

TEST(LoaderFaults, NullDescriptor) {
  Diagnostic d = only_diagnostic("bad_descriptor");
  EXPECT_EQ(d.code, "PLG-10");
}

TEST(LoaderFaults, AllFaultsAtOnceStillLoadTheRest) {
  std::vector<std::string> dirs;
  for (const char* c :
       {"not_shared_object", "missing_entry", "unresolved", "wrong_abi", "fingerprint", "throwing",
        "duplicate_a", "duplicate_b", "bad_manifest", "manifest_mismatch", "kinds_mismatch",
        "bad_descriptor", "manifest_abi", "good"})
    dirs.push_back(fixture(c));
  dirs.push_back(NIANBAO_PLUGIN_BUILD_DIR);
  auto engine = engine_with(dirs);
  std::set<std::string> codes;
  for (const auto& d : engine->plugin_diagnostics())
    codes.insert(d.code);
  EXPECT_EQ(codes,
            (std::set<std::string>{"PLG-01", "PLG-02", "PLG-03", "PLG-04", "PLG-05", "PLG-06",
                                   "PLG-07", "PLG-08", "PLG-09", "PLG-10", "PLG-11"}));
  EXPECT_TRUE(engine->find_exporter("fixture-good"));
  ImportResult r = engine->import_file(test::source_path("examples/huaibei-2020/report.json"));
  ASSERT_TRUE(r.report);
  EXPECT_EQ(engine->export_report(*r.report, *engine->find_exporter("fixture-good")),
            "淮北市人民政府办公室（外事办公室）\n");
}

TEST(LoaderDiscovery, ListsWithoutLoading) {
  auto engine = engine_with({fixture("unresolved"), fixture("good")}, /*load=*/false);
  EXPECT_TRUE(engine->plugin_diagnostics().empty());  // nothing loaded, nothing failed
  ASSERT_EQ(engine->plugins().size(), 2u);
  for (const auto& p : engine->plugins())
    EXPECT_EQ(p.status, PluginRecord::Status::discovered);
  EXPECT_FALSE(engine->find_exporter("fixture-good"));
}

TEST(LoaderDiscovery, SearchOrderAndTrace) {
  ::setenv("NIANBAO_PLUGIN_PATH", (fixture("duplicate_b") + "::" + fixture("good")).c_str(), 1);
  EngineOptions o;
  o.plugin_paths = {fixture("duplicate_a"), "/nonexistent/nianbao/plugins"};
  o.use_install_dir = true;
  o.install_dir = NIANBAO_PLUGIN_BUILD_DIR;
  Engine engine(o);
  ::unsetenv("NIANBAO_PLUGIN_PATH");
  // --plugin-path before the environment: dup-a wins over dup-b.
  EXPECT_TRUE(engine.find_exporter("dup-a"));
  EXPECT_TRUE(engine.find_exporter("fixture-good"));
  EXPECT_TRUE(engine.find_exporter("json"));
  std::vector<std::string> origins;
  bool saw_missing = false;
  for (const auto& t : engine.trace()) {
    if (t.message_id == "trace.search_dir")
      for (const auto& [k, v] : t.args) {
        if (k == "origin") origins.push_back(v);
      }
    if (t.message_id == "trace.dir_missing") saw_missing = true;
  }
  EXPECT_EQ(origins,
            (std::vector<std::string>{"--plugin-path", "--plugin-path", "NIANBAO_PLUGIN_PATH",
                                      "NIANBAO_PLUGIN_PATH", "install directory"}));
  EXPECT_TRUE(saw_missing);
}

TEST(Checks, RuleSetRunsOnlyForItsFormatAndThrowingChecksBecomeDiagnostics) {
  auto engine = engine_with({fixture("checks"), NIANBAO_PLUGIN_BUILD_DIR});
  ASSERT_TRUE(engine->plugin_diagnostics().empty());
  Report r2021;
  r2021.format = "gov-2021";
  r2021.year = 2022;
  // Only the fixture's codes matter here; the built-in checks report on the empty report too.
  auto fixture_codes = [](std::vector<Diagnostic> all) {
    std::erase_if(all,
                  [](const Diagnostic& d) { return d.code != "FIX-01" && d.code != "CHK-01"; });
    return all;
  };
  auto diags = fixture_codes(engine->validate(r2021, {}));
  std::set<std::string> codes;
  for (const auto& d : diags)
    codes.insert(d.code);
  EXPECT_EQ(codes, (std::set<std::string>{"FIX-01", "CHK-01"}));
  for (const auto& d : diags) {
    if (d.code == "FIX-01") {
      EXPECT_EQ(d.plugin, "fixture-checks");
      EXPECT_EQ(engine->render_message(d.message_id, d.args, Language::zh),
                "gov-2021 格式的 2022 年报告");
    }
    if (d.code == "CHK-01") {
      EXPECT_NE(arg(d, "detail").find("on purpose"), std::string::npos);
    }
  }
  Report r2019;
  r2019.format = "gov-2019";
  r2019.year = 2020;
  auto diags2019 = fixture_codes(engine->validate(r2019, {}));
  ASSERT_EQ(diags2019.size(), 1u);  // only the general (throwing) check
  EXPECT_EQ(diags2019[0].code, "CHK-01");

  ValidateOptions relevel;
  relevel.rules.severity["FIX-01"] = Severity::error;
  relevel.rules.disable = {"CHK-01"};
  auto configured = fixture_codes(engine->validate(r2021, relevel));
  ASSERT_EQ(configured.size(), 1u);
  EXPECT_EQ(configured[0].severity, Severity::error);
  ASSERT_TRUE(engine->find_rule("FIX-01"));
  EXPECT_EQ(engine->find_rule("FIX-01")->formats, std::vector<std::string>{"gov-2021"});
}

TEST(FormatRegistration, ALaterFormatTakesOverFromAnOpenEndedOne) {
  auto engine = engine_with({NIANBAO_PLUGIN_BUILD_DIR, fixture("format_2027")});
  EXPECT_TRUE(engine->plugin_diagnostics().empty());
  EXPECT_EQ(engine->formats().for_year(2020)->id, "gov-2019");
  EXPECT_EQ(engine->formats().for_year(2026)->id, "gov-2021");
  EXPECT_EQ(engine->formats().for_year(2027)->id, "gov-2027");
  EXPECT_EQ(engine->formats().for_year(2040)->id, "gov-2027");
  // Its rule set is catalogued for it too.
  const RuleInfo* t301 = engine->find_rule("T3-01");
  ASSERT_TRUE(t301);
  EXPECT_NE(std::find(t301->formats.begin(), t301->formats.end(), "gov-2027"), t301->formats.end());
}

TEST(FormatRegistration, OverlappingYearsAreRefused) {
  auto engine = engine_with({NIANBAO_PLUGIN_BUILD_DIR, fixture("format_overlap")});
  ASSERT_EQ(engine->plugin_diagnostics().size(), 1u);
  EXPECT_EQ(engine->plugin_diagnostics()[0].code, "PLG-06");
  EXPECT_NE(arg(engine->plugin_diagnostics()[0], "detail").find("already covered by gov-2019"),
            std::string::npos)
      << arg(engine->plugin_diagnostics()[0], "detail");
  EXPECT_FALSE(engine->formats().find("gov-2020x"));
  EXPECT_EQ(engine->formats().for_year(2020)->id, "gov-2019");
}

TEST(PluginFailures, ThrowingImporterAndExporterBecomeDiagnostics) {
  auto engine = engine_with({NIANBAO_PLUGIN_BUILD_DIR, fixture("throwing_io")});
  ASSERT_TRUE(engine->plugin_diagnostics().empty());
  std::string path = std::string(FIXTURES) + "/throwing_io/input.broken";
  { std::ofstream(path) << "anything"; }
  ImportResult r = engine->import_file(path);
  EXPECT_FALSE(r.report);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "IMP-02");
  EXPECT_EQ(arg(r.diagnostics[0], "detail"), "fixture importer failed on purpose");
  ImportResult good = engine->import_file(test::source_path("examples/huaibei-2020/report.json"));
  ASSERT_TRUE(good.report);
  try {
    engine->export_report(*good.report, *engine->find_exporter("broken"));
    FAIL() << "the exporter throws";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "EXP-01");
    EXPECT_EQ(arg(e.diagnostic(), "exporter"), "broken");
  }
}

// ---- plugins loaded when first needed (EngineOptions::load_on_demand) ------------------------

namespace {

std::unique_ptr<Engine> on_demand_engine(std::vector<std::string> dirs) {
  EngineOptions o;
  o.plugin_paths = std::move(dirs);
  o.use_environment = false;
  o.use_install_dir = false;
  o.load_on_demand = true;
  return std::make_unique<Engine>(o);
}

std::string example(const char* name) {
  return std::string(NIANBAO_SOURCE_DIR) + "/examples/huaibei-2020/" + name;
}

// The findings as text, to compare two engines' checks of the same report.
std::vector<std::string> findings_of(Engine& engine, const std::string& path) {
  ImportResult imported = engine.import_file(path);
  std::vector<std::string> out;
  for (const auto& d : imported.diagnostics)
    out.push_back(d.code + " " + engine.render_message(d.message_id, d.args, Language::en));
  if (!imported.report) return out;
  for (const auto& d : engine.validate(*imported.report, {}))
    out.push_back(d.code + " " + d.location.logical.table + "/" + d.location.logical.row + "/" +
                  d.location.logical.column + " " +
                  engine.render_message(d.message_id, d.args, Language::en));
  return out;
}

std::vector<std::string> importer_ids(Engine& engine) {
  std::vector<std::string> out;
  for (const auto& id : engine.loaded_plugins())
    if (id.ends_with("-importer")) out.push_back(id);
  return out;
}

}  // namespace

TEST(LoadOnDemand, CheckOfAJsonReportLoadsOnlyTheJsonImporterTheFormatsAndTheChecks) {
  auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
  EXPECT_TRUE(engine->loaded_plugins().empty());
  EXPECT_FALSE(engine->plugins().empty());
  const auto lazy = findings_of(*engine, example("report.json"));
  // No other importer, no exporter. Both formats: the general checks compare the tables with
  // every format (FMT-01, the report fits another format better than the one for its year).
  EXPECT_EQ(engine->loaded_plugins(),
            (std::vector<std::string>{"general-checks", "gov-2019", "gov-2021", "json-importer",
                                      "prose-checks"}));
  EXPECT_TRUE(engine->plugin_diagnostics().empty());
  // The same findings as with every plugin loaded.
  auto everything = engine_with({NIANBAO_PLUGIN_BUILD_DIR});
  EXPECT_EQ(lazy, findings_of(*everything, example("report.json")));

  // Writing a DOCX adds the DOCX exporter and nothing else.
  const Exporter* docx = engine->exporter_for_path("out/report.docx");
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->id(), "docx");
  EXPECT_EQ(engine->loaded_plugins(),
            (std::vector<std::string>{"docx-exporter", "general-checks", "gov-2019", "gov-2021",
                                      "json-importer", "prose-checks"}));
  // A list of every exporter loads them all; load_all() the rest.
  EXPECT_EQ(engine->exporters().size(), everything->exporters().size());
  engine->load_all();
  EXPECT_EQ(engine->loaded_plugins().size(), everything->loaded_plugins().size());
  EXPECT_EQ(engine->formats().all().size(), 2u);
}

TEST(LoadOnDemand, ABrokenPluginIsReportedOnlyWhenNeeded) {
  // fixture-unresolved is an exporter whose library cannot be loaded (PLG-03); its manifest
  // names no file endings, so it is needed whenever an exporter is looked for.
  auto engine = on_demand_engine({fixture("unresolved"), NIANBAO_PLUGIN_BUILD_DIR});
  findings_of(*engine, example("report.json"));
  EXPECT_TRUE(engine->plugin_diagnostics().empty());
  auto it = std::find_if(engine->plugins().begin(), engine->plugins().end(),
                         [](const PluginRecord& r) { return r.id == "fixture-unresolved"; });
  ASSERT_NE(it, engine->plugins().end());
  EXPECT_EQ(it->status, PluginRecord::Status::discovered);

  std::vector<std::string> reported;
  EngineOptions o;
  o.plugin_paths = {fixture("unresolved"), NIANBAO_PLUGIN_BUILD_DIR};
  o.use_environment = false;
  o.use_install_dir = false;
  o.load_on_demand = true;
  o.on_plugin_diagnostic = [&](const Diagnostic& d) { reported.push_back(d.code); };
  Engine watched(o);
  findings_of(watched, example("report.json"));
  EXPECT_TRUE(reported.empty());
  // Looking for an exporter needs it: now it is reported, once, as it happens.
  EXPECT_TRUE(watched.exporter_for_path("x.json"));
  EXPECT_EQ(reported, std::vector<std::string>{"PLG-03"});
  watched.load_all();
  EXPECT_EQ(reported, std::vector<std::string>{"PLG-03"});
  ASSERT_EQ(watched.plugin_diagnostics().size(), 1u);
  EXPECT_EQ(watched.plugin_diagnostics()[0].code, "PLG-03");

  // Loading everything at once (the default) reports it at construction, as before.
  EXPECT_EQ(
      engine_with({fixture("unresolved"), NIANBAO_PLUGIN_BUILD_DIR})->plugin_diagnostics().size(),
      1u);
}

TEST(LoadOnDemand, TheImporterIsChosenByTheEndingAndByContentWhenTheEndingDoesNotDecide) {
  const std::string json = read_file(example("report.json"));
  {  // .json: only the JSON importer is asked.
    auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
    auto r = engine->import_bytes("report.json", json);
    ASSERT_TRUE(r.report);
    EXPECT_EQ(importer_ids(*engine), std::vector<std::string>{"json-importer"});
  }
  {  // .xlsx: only the XLSX importer.
    auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
    auto r = engine->import_file(example("report.xlsx"));
    ASSERT_TRUE(r.report);
    EXPECT_EQ(r.report->year, 2020);
    EXPECT_EQ(importer_ids(*engine), std::vector<std::string>{"xlsx-importer"});
  }
  {  // An ending no manifest claims: every importer sniffs the content; JSON wins.
    auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
    auto r = engine->import_bytes("report.upload", json);
    ASSERT_TRUE(r.report) << (r.diagnostics.empty() ? "" : r.diagnostics[0].code);
    EXPECT_EQ(r.report->format, "gov-2019");
    EXPECT_EQ(importer_ids(*engine).size(), 8u);
  }
  {  // An ending claimed by an importer that does not recognise the content (JSON named .xml):
     // every importer is asked, and the JSON importer reads it, as with all loaded.
    auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
    auto r = engine->import_bytes("report.xml", json);
    ASSERT_TRUE(r.report) << (r.diagnostics.empty() ? "" : r.diagnostics[0].code);
    EXPECT_EQ(importer_ids(*engine).size(), 8u);
    auto everything = engine_with({NIANBAO_PLUGIN_BUILD_DIR});
    auto e = everything->import_bytes("report.xml", json);
    ASSERT_TRUE(e.report);
    EXPECT_EQ(r.report->format, e.report->format);
  }
  {  // Upper-case endings are the same ending.
    auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
    ASSERT_TRUE(engine->import_bytes("REPORT.JSON", json).report);
    EXPECT_EQ(importer_ids(*engine), std::vector<std::string>{"json-importer"});
  }
}

TEST(LoadOnDemand, ManifestEndingsAreTheComponentsEndings) {
  // The choice by ending trusts the manifests: each built-in plugin's manifest must list exactly
  // the endings its importers and exporters declare.
  auto engine = engine_with({NIANBAO_PLUGIN_BUILD_DIR});
  for (const char* kind : {"importer", "exporter"}) {
    std::set<std::string> declared, registered;
    for (const auto& p : engine->plugins())
      if (std::find(p.kinds.begin(), p.kinds.end(), kind) != p.kinds.end()) {
        ASSERT_TRUE(p.extensions) << p.id << " declares no extensions";
        declared.insert(p.extensions->begin(), p.extensions->end());
      }
    std::vector<std::vector<std::string>> endings;
    if (std::string(kind) == "importer")
      for (const auto* i : engine->importers())
        endings.push_back(i->extensions());
    else
      for (const auto* e : engine->exporters())
        endings.push_back(e->extensions());
    for (const auto& list : endings)
      registered.insert(list.begin(), list.end());
    EXPECT_EQ(declared, registered) << kind;
  }
  // And each exporter's ending finds it with only the plugins that claim that ending loaded.
  for (const auto* e : engine->exporters())
    for (const auto& ext : e->extensions()) {
      auto lazy = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
      const Exporter* found = lazy->exporter_for_path("out" + ext);
      const Exporter* expected = engine->exporter_for_path("out" + ext);
      ASSERT_TRUE(found && expected) << ext;
      EXPECT_EQ(found->id(), expected->id()) << ext;
    }
}

TEST(LoadOnDemand, TheFormatOfAYearLoadsOnlyThePluginsThatMayCoverIt) {
  auto engine = on_demand_engine({NIANBAO_PLUGIN_BUILD_DIR});
  const FormatDefinition* f = engine->formats().for_year(2020);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, "gov-2019");
  EXPECT_EQ(engine->loaded_plugins(), std::vector<std::string>{"gov-2019"});
  ASSERT_TRUE(engine->formats().find("gov-2021"));
  EXPECT_EQ(engine->loaded_plugins(), (std::vector<std::string>{"gov-2019", "gov-2021"}));
  EXPECT_FALSE(engine->formats().find("gov-1999"));
  EXPECT_FALSE(engine->formats().for_year(2018));
}
