// The checks that need code (plugins/checks/general, plugins/checks/prose and the format plugins)
// name no key of a format: they read the sections and cells they look at from the definition's
// "roles" and "prose". Proof: a
// copy of each national definition with every key renamed (sections, tables, rows, columns — a
// province's variant; labels, ids and rules unchanged), checking the real reports with their keys
// renamed the same way, gives the same findings, message for message, as the original.
//
// The plugins are loaded here as the host loads them (their entry function, a registry), so that
// their checks can be run against a definition the test makes.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <nianbao/abi.h>
#include <nianbao/check_support.h>
#include <nianbao/plugin.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "test_util.h"

namespace nianbao {
namespace {

using test::built_in_engine;
using test::slurp;
using test::source_path;
using Json = nlohmann::ordered_json;

// What a plugin registers: its definitions (as JSON) and its checks.
class CollectingRegistry final : public Registry {
 public:
  void add_format(std::string_view json) override { formats.emplace_back(json); }
  void add_importer(std::unique_ptr<Importer>) override {}
  void add_exporter(std::unique_ptr<Exporter>) override {}
  void add_check(std::unique_ptr<Check> c) override { checks.push_back(std::move(c)); }
  void add_rule(RuleInfo) override {}
  void add_message(MessageText) override {}
  void add_limit(LimitInfo) override {}
  std::vector<std::string> formats;
  std::vector<std::unique_ptr<Check>> checks;
};

// The checks of the plugins whose code names cells and sections (kept loaded for the process:
// their code must outlive the check objects).
const std::vector<std::unique_ptr<Check>>& plugin_checks() {
  static CollectingRegistry registry = [] {
    CollectingRegistry r;
    for (const char* id : {"general-checks", "prose-checks", "gov-2019", "gov-2021"}) {
      std::string path = std::string(NIANBAO_PLUGIN_BUILD_DIR) + "/" + id + ".so";
      void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!library) throw std::runtime_error("cannot load " + path + ": " + ::dlerror());
      auto entry =
          reinterpret_cast<nianbao_plugin_entry_fn>(::dlsym(library, NIANBAO_PLUGIN_ENTRY_SYMBOL));
      if (!entry) throw std::runtime_error(path + " has no entry function");
      char error[256] = {};
      if (entry()->register_components(&r, error, sizeof error) != 0)
        throw std::runtime_error(path + ": " + error);
    }
    return r;
  }();
  return registry.checks;
}

class Catalog final : public FormatCatalog {
 public:
  explicit Catalog(std::vector<FormatDefinition> defs) : defs_(std::move(defs)) {}
  const FormatDefinition* find(std::string_view id) const override {
    for (const auto& d : defs_)
      if (d.id == id) return &d;
    return nullptr;
  }
  const FormatDefinition* for_year(int year) const override {
    const FormatDefinition* best = nullptr;
    for (const auto& d : defs_)
      if (d.covers_year(year) && (!best || d.year_from > best->year_from)) best = &d;
    return best;
  }
  std::vector<const FormatDefinition*> all() const override {
    std::vector<const FormatDefinition*> out;
    for (const auto& d : defs_)
      out.push_back(&d);
    return out;
  }

 private:
  std::vector<FormatDefinition> defs_;
};

// Every key of a definition renamed: "<prefix><n>", numbered in order of first appearance, so
// that no renamed key contains the original. The map gives the new name of each old key.
using Renaming = std::map<std::string, std::string>;

std::string renamed(Renaming& names, const std::string& prefix, const std::string& key) {
  if (key == "*") return key;  // an identity over every row
  auto [it, added] = names.emplace(key, "");
  if (added) it->second = prefix + std::to_string(names.size());
  return it->second;
}

std::string rename_definition(const std::string& text, const std::string& prefix, Renaming& names) {
  Json d = Json::parse(text);
  auto key = [&](Json& v) { v = renamed(names, prefix, v.get<std::string>()); };
  auto keys = [&](Json& v) {
    for (auto& k : v)
      key(k);
  };
  for (auto& s : d["sections"])
    key(s["key"]);
  for (auto& t : d["tables"]) {
    key(t["key"]);
    key(t["section"]);
    for (auto& b : t["blocks"]) {
      for (auto& c : b["columns"])
        key(c["key"]);
      for (auto& r : b["rows"])
        key(r["key"]);
    }
  }
  for (auto& i : d["identities"]) {
    key(i["table"]);
    for (const char* side : {"each", "lhs", "rhs"})
      if (i.contains(side)) keys(i[side]);
  }
  for (auto& [name, role] : d["roles"].items()) {
    for (const char* one : {"section", "table"})
      if (role.contains(one)) key(role[one]);
    for (const char* many : {"rows", "columns"})
      if (role.contains(many)) keys(role[many]);
  }
  // The prose quantities' cells, "table/row/column" (row keys may hold dots, not slashes).
  auto cell = [&](Json& v) {
    std::string c = v.get<std::string>();
    auto a = c.find('/'), b = c.rfind('/');
    v = renamed(names, prefix, c.substr(0, a)) + "/" +
        renamed(names, prefix, c.substr(a + 1, b - a - 1)) + "/" +
        renamed(names, prefix, c.substr(b + 1));
  };
  if (d.contains("prose")) {
    for (auto& q : d["prose"]["quantities"])
      if (q.contains("readings"))
        for (auto& reading : q["readings"])
          for (auto& c : reading)
            cell(c);
    for (auto& z : d["prose"]["zero_claims"])
      for (auto& c : z["cells"])
        cell(c);
  }
  return d.dump();
}

Report rename_report(Report r, const Renaming& names) {
  auto to = [&](std::string& key) {
    auto it = names.find(key);
    ASSERT_NE(it, names.end()) << "the report has a key its format does not: " << key;
    key = it->second;
  };
  for (auto& s : r.sections)
    to(s.key);
  for (auto& t : r.tables) {
    to(t.key);
    for (auto& row : t.rows) {
      to(row.key);
      for (auto& cell : row.cells)
        to(cell.first);
    }
  }
  return r;
}

// A finding as a reader sees it: code, severity, the message in both languages and the printed
// labels of its place (keys differ between the two definitions by design).
std::vector<std::string> findings(const Report& r, const Report* previous,
                                  const FormatCatalog& catalog) {
  const FormatDefinition* format = catalog.find(r.format);
  EXPECT_NE(format, nullptr) << r.format;
  if (!format) return {};
  CheckContext context{*format, catalog, previous};
  std::vector<Diagnostic> out;
  for (const auto& c : plugin_checks()) {
    auto formats = c->formats();
    if (formats.empty() || std::find(formats.begin(), formats.end(), r.format) != formats.end())
      c->run(r, context, out);
  }
  std::vector<std::string> seen;
  for (const auto& d : out) {
    const auto& l = d.location.logical;
    seen.push_back(d.code + " " + std::string(to_string(d.severity)) + " | " +
                   built_in_engine().render_message(d.message_id, d.args, Language::zh) + " | " +
                   built_in_engine().render_message(d.message_id, d.args, Language::en) + " | " +
                   l.table_label + " / " + l.row_label + " / " + l.column_label);
  }
  std::sort(seen.begin(), seen.end());
  return seen;
}

Report import(const std::string& relative) {
  ImportResult result = built_in_engine().import_file(source_path(relative));
  EXPECT_TRUE(result.report) << relative;
  if (!result.report) return {};
  std::vector<Diagnostic> ignored;
  built_in_engine().normalise(*result.report, ignored);
  return *result.report;
}

// The real reports, as JSON and from the text and PDF forms the importers read.
const char* const kReal[] = {
    "tests/data/corpus/pingtan-2021.json",
    "tests/data/corpus/pingtan-2022.json",
    "tests/data/corpus/huaian-2024.json",
    "tests/data/corpus/district-statistics-bureau-2023-partial.json",
    "tests/data/corpus/huaibei-office-2020.txt",
    "tests/data/corpus/huaian-2024.txt",
    "tests/data/corpus/pingtan-2022.txt",
    "examples/huaibei-2020/report.json",
};

void set_cell(Report& r, const char* table, const char* row, const char* column, long value) {
  r.table(table).row(row).set(column, Cell::count(value));
}
void set_text(Report& r, const char* section, std::vector<std::string> paragraphs) {
  Section& s = r.section(section);
  s.paragraphs.clear();
  for (auto& p : paragraphs)
    s.paragraphs.push_back({std::move(p), {}});
}

// The real reports changed so that every rule of these checks has something to find (the real
// reports themselves are nearly clean): the renamed definition must find it too.
Report provoked(Report r) {
  bool y2021 = r.format == "gov-2021";
  r.agency.kind = "township";
  r.agency.region_code = "350128";
  set_cell(r, "proactive", "regulations", y2021 ? "issued" : "made", 3);  // T2-01
  if (y2021) {
    set_cell(r, "proactive", "licensing", "decisions", 250000);   // T2-07
    set_cell(r, "applications", "other.fee_unpaid", "total", 1);  // T3-06
  } else {
    set_cell(r, "proactive", "regulations", "published", 5);        // T2-04 (> made)
    set_cell(r, "proactive", "regulations", "total_published", 4);  // T2-04 (< published)
    set_cell(r, "proactive", "penalty", "prev_items", 2);           // CEL-03
    set_cell(r, "proactive", "penalty", "delta", -3);
  }
  set_cell(r, "review_litigation", "review", "corrected", 1);  // T4-05 with the sentence below
  set_text(r, "problems", {"本年度暂无问题。"});               // S5-01
  set_text(r, "other", {"无。"});                              // S6-01
  Section& overview = r.section("overview");
  overview.paragraphs.push_back({"本年度行政复议案件均获维持。", {}});
  // NT-01, NT-03: counts the tables do not hold.
  overview.paragraphs.push_back({"全年共收到政府信息公开申请9999件，其中予以公开8888件。", {}});
  return r;
}

// Checks `now` (and, when given, `before` as last year's) with the original definitions and with
// the renamed ones; returns the original findings.
std::vector<std::string> same_findings(const Report& now, const Report* before,
                                       const std::string& what) {
  std::vector<FormatDefinition> originals, copies;
  Renaming names19, names21;
  for (auto [id, names, prefix] :
       {std::tuple{"gov-2019", &names19, "k19_"}, std::tuple{"gov-2021", &names21, "x21_"}}) {
    std::string text =
        slurp(source_path(std::string("plugins/formats/") + id + "/" + id + ".format.json"));
    originals.push_back(parse_format_definition(text));
    copies.push_back(parse_format_definition(rename_definition(text, prefix, *names)));
  }
  auto names_of = [&](const Report& r) -> const Renaming& {
    return r.format == "gov-2019" ? names19 : names21;
  };
  Catalog original(std::move(originals)), copy(std::move(copies));
  Report now_copy = rename_report(now, names_of(now));
  std::optional<Report> before_copy;
  if (before) before_copy = rename_report(*before, names_of(*before));
  auto a = findings(now, before, original);
  auto b = findings(now_copy, before_copy ? &*before_copy : nullptr, copy);
  EXPECT_EQ(a, b) << what;
  return a;
}

bool has_code(const std::vector<std::string>& findings, const std::string& code) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const std::string& f) { return f.rfind(code + " ", 0) == 0; });
}

TEST(FormatRoles, RenamedKeysGiveTheSameFindingsOnTheRealReports) {
  std::set<std::string> codes;
  for (const char* path : kReal) {
    Report r = import(path);
    for (const auto& f : same_findings(r, nullptr, path))
      codes.insert(f.substr(0, f.find(' ')));
    for (const auto& f : same_findings(provoked(r), nullptr, std::string(path) + " (provoked)"))
      codes.insert(f.substr(0, f.find(' ')));
    Report government = r;  // S6-02: a government whose overview says nothing of 考核
    government.agency.kind = "government";
    set_text(government, "overview", {"本年度政府信息公开工作有序开展。"});
    for (const auto& f : same_findings(government, nullptr, std::string(path) + " (government)"))
      codes.insert(f.substr(0, f.find(' ')));
  }
  // Every rule of these checks that needs no previous report was exercised.
  for (const char* code : {"STR-01", "STR-02", "FMT-03", "T2-01", "T2-04", "T2-07", "T3-06",
                           "T4-05", "CEL-03", "S5-01", "S6-01", "S6-02", "NT-01", "NT-03"})
    EXPECT_TRUE(codes.count(code)) << code;
}

TEST(FormatRoles, RenamedKeysGiveTheSameCrossYearFindings) {
  Report y2021 = import("tests/data/corpus/pingtan-2021.json");
  Report y2022 = import("tests/data/corpus/pingtan-2022.json");
  // The real pair holds (XY-01, XY-02 — tests/data/corpus/README.md): no finding either way.
  auto clean = same_findings(y2022, &y2021, "pingtan 2021 → 2022");
  EXPECT_FALSE(has_code(clean, "XY-01") || has_code(clean, "XY-02")) << clean.size();

  // Broken on purpose: carried over, in force, repealed, part 五 copied.
  Report broken = y2022;
  set_cell(broken, "applications", "carried_over", "natural_person", 7);
  set_cell(broken, "proactive", "normative_documents", "in_force", 1);
  set_cell(broken, "proactive", "regulations", "repealed", 1000);
  broken.section("problems") = *y2021.find_section("problems");
  broken.section("problems").key = "problems";
  auto found = same_findings(broken, &y2021, "pingtan 2021 → 2022, broken");
  for (const char* code : {"XY-01", "XY-02", "T2-03", "XY-04"})
    EXPECT_TRUE(has_code(found, code)) << code;

  // gov-2019 with itself as last year's report, shifted: 上一年项目数量 must follow (XY-03).
  Report y2020 = import("examples/huaibei-2020/report.json");
  Report y2019 = y2020;
  y2019.year = 2019;
  set_cell(y2019, "proactive", "licensing", "prev_items", 40);
  set_cell(y2019, "proactive", "licensing", "delta", 2);
  set_cell(y2020, "proactive", "licensing", "prev_items", 41);
  auto items = same_findings(y2020, &y2019, "huaibei 2019 → 2020");
  EXPECT_TRUE(has_code(items, "XY-03"));
}

// ---- the "roles" of a definition
// -----------------------------------------------------------------

std::string with_roles(const std::string& roles) {
  Json d = Json::parse(slurp(source_path("plugins/formats/gov-2021/gov-2021.format.json")));
  d["roles"] = Json::parse(roles);
  return d.dump();
}

TEST(FormatRoles, TheNationalDefinitionsDeclareEveryRoleTheChecksRead) {
  for (const char* id : {"gov-2019", "gov-2021"}) {
    FormatDefinition f = parse_format_definition(
        slurp(source_path(std::string("plugins/formats/") + id + "/" + id + ".format.json")));
    for (const char* role : {"preamble", "overview", "problems", "other", "regulations",
                             "not_upheld", "carried_over", "carried_forward"})
      EXPECT_NE(f.find_role(role), nullptr) << id << " " << role;
    EXPECT_EQ(f.section_of("problems"), "problems");
    EXPECT_EQ(f.section_of("carried_over"), "");  // a cell role, not a section
    EXPECT_EQ(f.find_role("no such role"), nullptr);
  }
  FormatDefinition f =
      parse_format_definition(slurp(source_path("plugins/formats/gov-2021/gov-2021.format.json")));
  const RoleDef* chain = f.find_role("in_force_chain");
  ASSERT_NE(chain, nullptr);
  EXPECT_EQ(chain->table, "proactive");
  EXPECT_EQ(chain->columns, (std::vector<std::string>{"issued", "repealed", "in_force"}));
}

TEST(FormatRoles, AWrongKeyInARoleIsRefusedWithItsPlace) {
  auto refused = [](const std::string& roles, const std::string& expected) {
    try {
      parse_format_definition(with_roles(roles));
      ADD_FAILURE() << "accepted: " << roles;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  refused(R"({"problems": {"section": "problem"}})", "/roles/problems/section");
  refused(R"({"x": {"table": "proactive", "rows": ["regulation"]}})", "no row \"regulation\"");
  refused(R"({"x": {"table": "proactive", "columns": ["in-force"]}})", "no column \"in-force\"");
  refused(R"({"x": {"table": "nowhere"}})", "no table \"nowhere\"");
  refused(R"({"x": {"section": "other", "table": "proactive"}})", "either");
  refused(R"({"x": {"section": "other", "rows": ["fees"]}})", "/roles/x");
  refused(R"({"x": {"section": "other", "colour": "red"}})", "unknown key \"colour\"");
  refused(R"(["problems"])", "/roles");
}

}  // namespace
}  // namespace nianbao
