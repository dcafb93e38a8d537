// Rendering diagnostics: text in Chinese and English, the documented JSON, and SARIF 2.1.0.
#include <gtest/gtest.h>
#include <nianbao/render.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;

namespace {

std::vector<FileOutcome> sample() {
  Diagnostic d;
  d.code = "JSON-03";
  d.severity = Severity::error;
  d.message_id = "json.wrong_type";
  d.args = {{"expected", "integer"}, {"pointer", "/tables/applications/new/total"}};
  d.location.source = {"r.json", "", "", 12, 5, 0, "/tables/applications/new/total"};
  d.location.logical = {"applications",
                        "applications",
                        "new",
                        "total",
                        "收到和处理政府信息公开申请情况",
                        "一、本年新收政府信息公开申请数量",
                        "总计"};
  Location rel;
  rel.source.file = "r.json";
  rel.source.sheet = "表三";
  rel.source.cell = "C12";
  rel.logical.table = "applications";
  rel.logical.row = "carried_over";
  d.related.push_back(rel);
  d.plugin = "core";
  Diagnostic w;
  w.code = "IO-02";
  w.severity = Severity::warning;
  w.message_id = "io.too_large";
  w.args = {{"size", "10"}, {"limit", "5"}};
  FileOutcome f{"r.json", true, "gov-2021", 2022, "平潭综合实验区", {d, w}};
  FileOutcome broken{"bad.json", false, "", 0, "", {}};
  return {f, broken};
}

}  // namespace

TEST(Render, TextInChineseAndEnglish) {
  std::string zh = render_text(built_in_engine(), sample(), Language::zh);
  EXPECT_NE(
      zh.find("错误 JSON-03 r.json:12:5：/tables/applications/new/total 的类型错误，应为 integer"),
      std::string::npos)
      << zh;
  EXPECT_NE(
      zh.find("位置：收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计"),
      std::string::npos);
  EXPECT_NE(zh.find("相关："), std::string::npos);
  EXPECT_NE(zh.find("[表三!C12]"), std::string::npos);
  EXPECT_NE(zh.find("共检查 2 个文件：1 个错误，1 个警告，0 条提示，1 个文件无法读取"),
            std::string::npos)
      << zh;
  std::string en = render_text(built_in_engine(), sample(), Language::en);
  EXPECT_NE(en.find("error JSON-03 r.json:12:5: wrong type at /tables/applications/new/total: "
                    "expected integer"),
            std::string::npos)
      << en;
  EXPECT_NE(en.find("Checked 2 files: 1 error, 1 warning, 0 infos, 1 unreadable"),
            std::string::npos)
      << en;
  // The size in the warning agrees with its number too.
  EXPECT_NE(en.find("the file is 10 bytes, more than the limit of 5 bytes"), std::string::npos)
      << en;
}

// Every English count agrees with its number: "1 cell", "2 cells", in the summary line and in the
// message templates ({count|cell|cells}).
TEST(Render, EnglishCountsAgreeWithTheirNumber) {
  auto outcome = sample();
  outcome.pop_back();
  outcome[0].diagnostics.pop_back();
  std::string en = render_text(built_in_engine(), outcome, Language::en);
  EXPECT_NE(en.find("Checked 1 file: 1 error, 0 warnings, 0 infos"), std::string::npos) << en;
  Engine& e = built_in_engine();
  EXPECT_EQ(e.render_message("io.too_large", {{"size", "1"}, {"limit", "0"}}, Language::en)
                .rfind("the file is 1 byte, more than the limit of 0 bytes", 0),
            0u);
  EXPECT_NE(e.render_message("cell.blank", {{"row", "r"}, {"count", "1"}, {"columns", "c"}},
                             Language::en)
                .find("has 1 cell without a number"),
            std::string::npos);
  EXPECT_NE(e.render_message("cell.blank", {{"row", "r"}, {"count", "2"}, {"columns", "c"}},
                             Language::en)
                .find("has 2 cells without a number"),
            std::string::npos);
  // In Chinese the count is printed as it is.
  EXPECT_NE(e.render_message("cell.blank", {{"row", "r"}, {"count", "1"}, {"columns", "c"}},
                             Language::zh)
                .find("有 1 个单元格"),
            std::string::npos);
}

TEST(Render, JsonHasTheDocumentedShape) {
  auto j = nlohmann::json::parse(render_json(built_in_engine(), sample(), Language::en));
  EXPECT_EQ(j["schema"], "nianbao.diagnostics/1");
  ASSERT_EQ(j["diagnostics"].size(), 2u);
  const auto& d = j["diagnostics"][0];
  EXPECT_EQ(d["code"], "JSON-03");
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["message"], "wrong type at /tables/applications/new/total: expected integer");
  const auto& loc = d["location"];
  EXPECT_EQ(loc["file"], "r.json");
  EXPECT_EQ(loc["table"], "applications");
  EXPECT_EQ(loc["row"], "new");
  EXPECT_EQ(loc["column"], "total");
  EXPECT_EQ(loc["row_label"], "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(loc["line"], 12);
  EXPECT_EQ(d["related"][0]["sheet"], "表三");
  EXPECT_EQ(d["related"][0]["cell"], "C12");
  EXPECT_EQ(d["plugin"], "core");
  EXPECT_EQ(j["diagnostics"][1]["location"]["file"], "r.json");  // filled from the file
  EXPECT_EQ(j["files"][1]["readable"], false);
  EXPECT_EQ(j["summary"]["errors"], 1);
  EXPECT_EQ(j["summary"]["warnings"], 1);
  auto zh = nlohmann::json::parse(render_json(built_in_engine(), sample(), Language::zh));
  EXPECT_EQ(zh["diagnostics"][0]["message"],
            "/tables/applications/new/total 的类型错误，应为 integer");
}

TEST(Render, SarifIsVersion210WithRulesAndLocations) {
  auto j = nlohmann::json::parse(render_sarif(built_in_engine(), sample(), Language::en));
  EXPECT_EQ(j["version"], "2.1.0");
  ASSERT_EQ(j["runs"].size(), 1u);
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "nianbao");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  ASSERT_EQ(run["results"].size(), 2u);
  for (const auto& r : run["results"]) {
    std::size_t index = r["ruleIndex"];
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index]["id"], r["ruleId"]);
  }
  const auto& first = run["results"][0];
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(run["results"][1]["level"], "warning");
  const auto& phys = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(phys["artifactLocation"]["uri"], "r.json");
  EXPECT_EQ(phys["region"]["startLine"], 12);
  EXPECT_EQ(phys["region"]["startColumn"], 5);
  EXPECT_EQ(first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "applications/new/total");
  EXPECT_EQ(first["relatedLocations"][0]["id"], 1);
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
}
