// What the command line prints comes from the one message catalogue (ids cli.…), in Chinese and in
// English; the listings and the batch summary are rendered by the library; template writers are
// the exporters that say so.
#include <gtest/gtest.h>
#include <nianbao/batch.h>
#include <nianbao/documents.h>
#include <nianbao/render.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;

namespace {

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex kPlaceholder(R"(\{([a-z_]+)[|}])");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

}  // namespace

TEST(CliCatalogue, EveryCliMessageHasBothLanguagesWithTheSamePlaceholders) {
  std::size_t cli_messages = 0;
  for (const auto& m : built_in_engine().messages()) {
    if (!m.id.starts_with("cli.")) continue;
    ++cli_messages;
    EXPECT_FALSE(m.zh.empty()) << m.id;
    EXPECT_FALSE(m.en.empty()) << m.id;
    EXPECT_NE(m.zh, m.en) << m.id;
    EXPECT_EQ(placeholders(m.zh), placeholders(m.en)) << m.id;
    // Rendered without an engine, as the command line does before it has one.
    if (m.en.find('{') == std::string::npos) {
      EXPECT_EQ(render_core_message(m.id, {}, Language::en), m.en);
      EXPECT_EQ(render_core_message(m.id, {}, Language::zh), m.zh);
    }
  }
  // The command's own words: usage errors, listings, summaries.
  EXPECT_GE(cli_messages, 40u);
  EXPECT_EQ(render_core_message("cli.unknown_rule", {{"code", "XX-99"}}, Language::en),
            "unknown rule code XX-99");
  EXPECT_EQ(render_core_message("cli.unknown_rule", {{"code", "XX-99"}}, Language::zh),
            "未知的规则代码 XX-99");
}

// --help, the batch progress line and `convert -v` are catalogue messages too; so is the HTTP
// service's word for a missing template writer.
TEST(CliCatalogue, HelpAndProgressInBothLanguages) {
  std::size_t help_messages = 0;
  for (const auto& m : built_in_engine().messages())
    if (m.id.starts_with("cli.help.")) ++help_messages;
  // Every command, its options and flags, the footers and CLI11's headings.
  EXPECT_GE(help_messages, 80u);
  for (const char* id : {"cli.help.description", "cli.help.footer", "cli.help.check",
                         "cli.help.check.footer", "cli.help.serve.footer", "cli.help.limits"}) {
    EXPECT_NE(render_core_message(id, {}, Language::zh), id) << id;
    EXPECT_NE(render_core_message(id, {}, Language::en), render_core_message(id, {}, Language::zh))
        << id;
  }
  // The examples of a footer are the same command lines in both languages.
  const std::string footer_zh = render_core_message("cli.help.check.footer", {}, Language::zh);
  const std::string footer_en = render_core_message("cli.help.check.footer", {}, Language::en);
  EXPECT_EQ(footer_zh.substr(footer_zh.find('\n')), footer_en.substr(footer_en.find('\n')));
  EXPECT_EQ(
      render_core_message("cli.help.limit_declared", {{"limits", "input-bytes (64M)"}},
                          Language::en),
      "Declared by the engine and the plugins found, with their defaults: input-bytes (64M). ");

  const std::vector<MessageArg> progress = {{"done", "3"}, {"total", "10"}, {"rate", "42"}};
  EXPECT_EQ(render_core_message("cli.batch_progress", progress, Language::en),
            "3/10 checked (42/s)");
  EXPECT_EQ(render_core_message("cli.batch_progress", progress, Language::zh),
            "已检查 3/10（每秒 42 份）");
  const std::vector<MessageArg> converted = {
      {"input", "a.json"}, {"output", "b.docx"}, {"exporter", "docx"}, {"bytes", "1"}};
  EXPECT_EQ(render_core_message("cli.converted", converted, Language::en),
            "a.json → b.docx (docx, 1 byte)");
  EXPECT_EQ(render_core_message("cli.converted", converted, Language::zh),
            "a.json → b.docx（docx，1 字节）");

  const std::string server_zh = render_core_message("server.no_template_writer", {}, Language::zh);
  const std::string server_en = render_core_message("server.no_template_writer", {}, Language::en);
  EXPECT_NE(server_zh, "server.no_template_writer");
  EXPECT_NE(server_zh, server_en);
  // Template writers are the exporters that say so, not an id.
  EXPECT_EQ(server_en.find("xlsx-template"), std::string::npos) << server_en;
  EXPECT_EQ(server_zh.find("xlsx-template"), std::string::npos) << server_zh;
}

TEST(CliCatalogue, ListingsInBothLanguages) {
  auto& engine = built_in_engine();
  const std::string formats_en = render_formats_text(engine, Language::en);
  EXPECT_NE(formats_en.find("gov-2021"), std::string::npos) << formats_en;
  EXPECT_NE(formats_en.find(" tables, "), std::string::npos) << formats_en;
  EXPECT_NE(render_formats_text(engine, Language::zh).find(" 张表, "), std::string::npos);
  const auto rules = rules_for_format(engine, "");
  const std::string rules_zh = render_rules_text(engine, rules, Language::zh);
  const std::string rules_en = render_rules_text(engine, rules, Language::en);
  EXPECT_NE(rules_zh.find("全部格式"), std::string::npos);
  EXPECT_EQ(rules_en.find("全部格式"), std::string::npos);
  // One line per rule in both.
  EXPECT_EQ(std::count(rules_en.begin(), rules_en.end(), '\n'), static_cast<long>(rules.size()));
  const std::string plugins = render_plugins_text(engine, Language::en);
  EXPECT_EQ(plugins.rfind("ID ", 0), 0u) << plugins;
  EXPECT_NE(plugins.find("xlsx-template"), std::string::npos) << plugins;
}

TEST(BatchSummaryRendering, JsonEscapesThroughTheLibraryAndAddsUp) {
  auto& engine = built_in_engine();
  Diagnostic d;
  d.code = "IO-01";
  d.severity = Severity::error;
  d.message_id = "io.cannot_read";
  d.args = {{"reason", "a \"quoted\"\tname\\"}};
  FileOutcome broken{"dir/\"odd\"\nname.json", false, "", 0, "", {d}};
  FileOutcome fine{"ok.json", true, "gov-2021", 2022, "某县人民政府", {}};
  BatchSummary summary(engine, BatchSummary::Form::json, Language::en);
  // One piece at a time, in order, as a batch writes them.
  std::string text = summary.begin();
  text += summary.row(broken);
  text += summary.row(fine);
  text += summary.end();
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["schema"], "nianbao.batch-summary/1");
  ASSERT_EQ(j["reports"].size(), 2u);
  EXPECT_EQ(j["reports"][0]["file"], "dir/\"odd\"\nname.json");
  EXPECT_EQ(j["reports"][0]["readable"], false);
  EXPECT_TRUE(j["reports"][0]["year"].is_null());
  EXPECT_EQ(j["reports"][0]["worst"]["code"], "IO-01");
  EXPECT_EQ(j["reports"][0]["worst"]["message"], "cannot read the file: a \"quoted\"\tname\\");
  EXPECT_EQ(j["reports"][1]["agency"], "某县人民政府");
  EXPECT_EQ(j["reports"][1]["year"], 2022);
  EXPECT_TRUE(j["reports"][1]["worst"].is_null());
  EXPECT_EQ(j["totals"]["reports"], 2);
  EXPECT_EQ(j["totals"]["unreadable"], 1);
  EXPECT_EQ(j["totals"]["errors"], 1);

  // The HTML page in the language of the run: its headings, its title and its totals.
  for (const Language lang : {Language::en, Language::zh}) {
    BatchSummary page(engine, BatchSummary::Form::html, lang);
    std::string html = page.begin();
    html += page.row(broken);
    html += page.row(fine);
    html += page.end();
    const bool en = lang == Language::en;
    EXPECT_NE(html.find(en ? "<html lang=\"en\">" : "<html lang=\"zh-CN\">"), std::string::npos)
        << html;
    EXPECT_NE(html.find(en ? "<th scope=\"col\">worst finding</th></tr>"
                           : "<th scope=\"col\">最严重的问题</th></tr>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find(en ? "<p>2 reports, 1 unreadable; 1 error, 0 warnings, 0 infos.</p>"
                           : "<p>2 份报告，1 份无法读取；1 个错误，0 个警告，0 条提示。</p>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find(en ? "cannot read the file: " : "无法读取文件："), std::string::npos)
        << html;
    EXPECT_EQ(std::count(html.begin(), html.end(), '<') - std::count(html.begin(), html.end(), '>'),
              0);
    EXPECT_EQ(html.find(en ? "报告主体" : "worst finding"), std::string::npos) << html;
  }

  EXPECT_EQ(BatchSummary::form_for_path("a.csv"), BatchSummary::Form::csv);
  EXPECT_EQ(BatchSummary::form_for_path("a.htm"), BatchSummary::Form::html);
  EXPECT_EQ(BatchSummary::form_for_path("a.txt"), std::nullopt);

  BatchTotals totals;
  totals.add(broken, true);
  totals.add(fine, false);
  EXPECT_EQ(render_batch_totals(totals, Language::en),
            "checked 2 reports: 1 failing (1 unreadable), 1 error, 0 warnings, 0 infos\n");
  EXPECT_EQ(render_batch_totals(totals, Language::zh),
            "共检查 2 份报告：1 份未通过（1 份无法读取），1 个错误，0 个警告，0 条提示\n");
}

TEST(TemplateWriters, ChosenByWhatTheExporterDeclaresAlsoWhenLoadedOnDemand) {
  std::vector<std::string> ids;
  for (const auto* e : template_writers(built_in_engine())) {
    EXPECT_TRUE(e->writes_templates());
    ids.push_back(e->id());
  }
  EXPECT_EQ(ids, std::vector<std::string>{"xlsx-template"});
  for (const auto* e : built_in_engine().exporters())
    if (e->id() != "xlsx-template") {
      EXPECT_FALSE(e->writes_templates()) << e->id();
    }

  EngineOptions options;
  options.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
  options.use_environment = false;
  options.use_install_dir = false;
  options.load_on_demand = true;
  Engine lazy(options);
  const auto lazy_writers = template_writers(lazy);
  ASSERT_EQ(lazy_writers.size(), 1u);
  EXPECT_EQ(lazy_writers[0]->id(), "xlsx-template");
}
