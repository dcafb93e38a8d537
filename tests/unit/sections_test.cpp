// Parts 五 and 六 in the words real reports use (S5-01, S6-01, T3-06): a part 五 that says nothing
// is found however it says it, a real part 五 that names a problem never is; every way of saying
// "no fee" accepted here is quoted from a real report.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"
#include "text_patterns.h"

namespace nianbao {
namespace {

using general::says_nothing;
using test::built_in_engine;
using test::slurp;
using test::source_path;

std::vector<nlohmann::json> lines(const std::string& relative) {
  std::vector<nlohmann::json> out;
  std::ifstream in(source_path(relative));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

// ---- S5-01 ----------------------------------------------------------------------------------

TEST(Sections, APartFiveThatSaysNothing) {
  // The forms of issue 19 and their neighbours: nothing but when, who, a negation and the words
  // for problems and improvements.
  for (const char* text :
       {"", "无", "无。", "暂无", "暂无问题", "没有问题", "本年度暂无问题。", "  本年度暂无问题。 ",
        "2023年度，我局无需要改进的问题。", "不存在问题。", "本年度未发现明显问题。",
        "无问题及改进情况。", "暂无。\n", "本单位在政府信息公开工作中暂未发现问题。"})
    EXPECT_TRUE(says_nothing(text)) << text;
}

TEST(Sections, APartFiveThatSaysSomething) {
  for (const char* text : {
           // names a problem or a measure, however short
           "无重大问题，但信息更新时效仍需提高，下一步将加强督促检查。",
           "存在问题。",
           "信息公开不及时。",
           "暂无问题，将继续加强培训。",
           "本年度无问题，下一步将进一步规范公开流程。",
           "无3个问题。",
           // a long run of empty words is not "one short sentence"
           "本年度本年度本年度本年度本年度本年度本年度本年度本年度本年度本年度本年度本年度本年度无"
           "问题",
       })
    EXPECT_FALSE(says_nothing(text)) << text;
}

// Precision: no real part 五, and no real sentence at all, says nothing.
TEST(Sections, NoRealPartFiveSaysNothing) {
  int parts = 0;
  for (const char* path :
       {"tests/data/corpus/pingtan-2021.json", "tests/data/corpus/pingtan-2022.json",
        "tests/data/corpus/huaian-2024.json", "examples/huaibei-2020/report.json"}) {
    auto report = nlohmann::json::parse(slurp(source_path(path)));
    std::string text;
    for (const auto& p : report["sections"]["problems"])
      text += p.get<std::string>();
    EXPECT_FALSE(text.empty()) << path;
    EXPECT_FALSE(says_nothing(text)) << path;
    for (const auto& p : report["sections"]["problems"])  // each paragraph alone, too
      EXPECT_FALSE(says_nothing(p.get<std::string>())) << path;
    ++parts;
  }
  EXPECT_EQ(parts, 4);
  int sentences = 0;
  for (const auto& s : lines("tests/data/real-prose/sections.jsonl")) {
    ++sentences;
    std::string text = s["text"];
    EXPECT_FALSE(says_nothing(text)) << s["id"] << " " << text;
  }
  for (const auto& s : lines("tests/data/real-prose/sentences.jsonl")) {
    ++sentences;
    EXPECT_FALSE(says_nothing(s["text"].get<std::string>())) << s["id"];
  }
  EXPECT_EQ(sentences, 51 + 577);
}

// ---- through the engine -------------------------------------------------------------------------

Report real(const char* relative) {
  ImportResult r = built_in_engine().import_file(source_path(relative));
  EXPECT_TRUE(r.report);
  return r.report ? *r.report : Report{};
}

std::vector<std::string> codes(const Report& r) {
  std::vector<std::string> out;
  for (const auto& d : built_in_engine().validate(r, {}))
    out.push_back(d.code);
  return out;
}

bool has(const std::vector<std::string>& codes, const char* code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

void set_part(Report& r, const char* key, const std::string& text) {
  Section& s = r.section(key);
  s.paragraphs = {Paragraph{text, {}}};
}

TEST(Sections, TheRealReportsGetNoS5OrS6Finding) {
  for (const char* path :
       {"tests/data/corpus/pingtan-2021.json", "tests/data/corpus/pingtan-2022.json",
        "tests/data/corpus/huaian-2024.json", "examples/huaibei-2020/report.json"}) {
    auto found = codes(real(path));
    EXPECT_FALSE(has(found, "S5-01") || has(found, "S6-01") || has(found, "T3-06")) << path;
  }
}

TEST(Sections, S5FiresOnAPartFiveThatSaysNothing) {
  Report r = real("tests/data/corpus/pingtan-2022.json");
  for (const char* text : {"暂无问题", "没有问题", "本年度暂无问题。"}) {
    set_part(r, "problems", text);
    EXPECT_TRUE(has(codes(r), "S5-01")) << text;
  }
}

// Each way of saying that no fee was collected, with the real report it was taken from
// (tests/data/real-prose/sections.jsonl ids, or the report quoted in issue 14).
TEST(Sections, S6AcceptsTheRealWaysOfSayingNoFee) {
  const std::pair<const char*, const char*> said[] = {
      {"issue 14 (part 六 of a real report)", "政府信息公开未发生收费情况"},
      {"s008 r075", "收到1条相关政府信息公开申请,我局的政府信息公开不收取任何费用;"},
      {"s016 r124", "2013年度没有关于信息公开的收费及减免情况。"},
      {"s020 r125", "2013年,外资办针对企业和其他组织提出的政府信息公开申请,未收取任何费用。"},
      {"s025 r127", "我局政务信息公开未收取任何费用。"},
      {"s030 r128", "四、信息公开收费及减免情况\n没有收到过相关申请。"},
      {"s031 r129", "2017年我办对信息公开免费提供,未收取任何费用。"},
      {"s033 r131", "2017年未收取任何费用。"},
      {"s040 r133", "2022年,区政府国资局未收取信息处理费。"},
      {"s045 r160", "2021年,我局未收取政府信息公开费用,不存在减免费用。"},
      {"pingtan-2022", "2022年，无收取信息处理费情况。"},
      {"huaian-2024", "全年收取政府信息公开信息处理费 3940 元。"},
  };
  // Every no_fee sentence of the labelled set is among them.
  int no_fee = 0;
  for (const auto& s : lines("tests/data/real-prose/sections.jsonl")) {
    if (s["says"] != "no_fee") continue;
    ++no_fee;
    std::string id = s["id"].get<std::string>() + " " + s["report"].get<std::string>();
    EXPECT_TRUE(std::any_of(std::begin(said), std::end(said), [&](const auto& p) {
      return id == p.first;
    })) << id;
  }
  EXPECT_EQ(no_fee, 9);
  Report r = real("tests/data/corpus/pingtan-2022.json");
  r.table("applications").row("other.fee_unpaid").set("total", Cell::count(1));
  for (const auto& [source, text] : said) {
    set_part(r, "other", text);
    auto found = codes(r);
    EXPECT_FALSE(has(found, "S6-01")) << source << ": " << text;
    EXPECT_FALSE(has(found, "T3-06")) << source << ": " << text;
  }
  // Silence about fees is still found.
  for (const char* text : {"无。", "本年度无其他需要报告的事项。", "无其他需要报告的事项。"}) {
    set_part(r, "other", text);
    auto found = codes(r);
    EXPECT_TRUE(has(found, "S6-01")) << text;
    EXPECT_TRUE(has(found, "T3-06")) << text;
  }
}

}  // namespace
}  // namespace nianbao
