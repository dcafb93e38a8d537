// The general checks' hand-written matchers (plugins/checks/general/text_patterns.h) give what
// the regular expressions they replaced give: on text built at random from the pieces the
// patterns care about, and on every paragraph of the real reports.
#include "text_patterns.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>
#include <regex>

#include "test_util.h"

using namespace nianbao::general;

namespace {

const std::regex kPeriod(
    R"((\d{4})\s*年\s*0?1\s*月\s*0?1\s*日[^0-9]{0,12}?(\d{4})\s*年\s*12\s*月\s*31\s*日)");
const std::regex kTitle(R"((\d{4})\s*年(?:度)?\s*政府信息公开工作年度报告)");
const std::regex kParts(R"((由|包括)(.*?)(等)?(一|二|两|三|四|五|六|七|八|九|十)(?:个)?部分)");
const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");

// How often each pattern matched, so that the generated text is known to exercise them.
int periods = 0, titles = 0, claims = 0;

void expect_same(const std::string& text) {
  std::smatch m;
  auto period = find_period(text);
  periods += period.has_value();
  ASSERT_EQ(period.has_value(), std::regex_search(text, m, kPeriod)) << text;
  if (period) {
    EXPECT_EQ(period->from_year, m[1].str()) << text;
    EXPECT_EQ(period->to_year, m[2].str()) << text;
  }
  auto title = find_title_year(text);
  titles += title.has_value();
  ASSERT_EQ(title.has_value(), std::regex_search(text, m, kTitle)) << text;
  if (title) {
    EXPECT_EQ(*title, m[1].str()) << text;
  }
  auto parts = find_parts_claim(text);
  claims += parts.has_value();
  ASSERT_EQ(parts.has_value(), std::regex_search(text, m, kParts)) << text;
  if (parts) {
    EXPECT_EQ(parts->list, m[2].str()) << text;
    EXPECT_EQ(parts->numeral, m[4].str()) << text;
  }
  EXPECT_EQ(is_date_shaped(text), std::regex_match(text, kDate)) << text;
}

}  // namespace

TEST(TextPatterns, AgreeWithTheRegularExpressionsOnGeneratedText) {
  // Pieces that make the patterns match, nearly match, or match twice.
  const std::vector<std::string> pieces = {
      // digits, white space and the words of the patterns, one by one
      "2020", "2021", "1999", "202", "0", "1", "01", "001", "12", "31", "3", "-", "年", "月", "日",
      "度", " ", "  ", "\t", "\n", "\r", "至", "由", "包括", "等", "一", "二", "两", "六", "十",
      "个", "部分", "、", "（", "）", "abc",
      // whole dates and phrases, so that complete matches are frequent
      "2020年1月1日", "2021年01月01日", "2020年12月31日", "2020 年 12 月 31 日", "年1月1日",
      "年12月31日", "12月31日", "2020年度", "总体情况", "政府信息公开工作年度报告", "统计期限为",
      "本报告",
      // stray bytes of broken UTF-8
      "\xE5", "\xBF"};
  std::mt19937 rng(20250101);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 24);
  for (int i = 0; i < 30000; ++i) {
    std::string text;
    for (std::size_t n = length(rng); n > 0; --n)
      text += pieces[piece(rng)];
    expect_same(text);
    if (testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(periods, 100);
  EXPECT_GT(titles, 100);
  EXPECT_GT(claims, 100);
  for (const char* text :
       {"2020年1月1日至2020年12月31日", "2020年01月01日—2021年12月31日",
        "2020年 1 月 1 日起至 2020 年 12 月 31 日止",
        "统计期限为2019年1月1日至12月31日，2019年1月1日至2019年12月31日",
        "2021年度政府信息公开工作年度报告", "本报告由总体情况、主动公开政府信息情况等六部分组成",
        "包括\n六部分", "由由六个部分", "2020-01-31", "2020-1-31", "2020-01-311"})
    expect_same(text);
}

TEST(TextPatterns, AgreeWithTheRegularExpressionsOnRealReports) {
  namespace fs = std::filesystem;
  int paragraphs = 0;
  for (const auto& entry :
       fs::directory_iterator(nianbao::test::source_path("tests/data/corpus"))) {
    if (entry.path().extension() != ".json") continue;
    auto report = nlohmann::json::parse(nianbao::test::slurp(entry.path().string()));
    for (const auto& [key, section] : report["sections"].items())
      for (const auto& paragraph : section) {
        expect_same(paragraph.get<std::string>());
        ++paragraphs;
      }
  }
  expect_same(
      nianbao::test::slurp(nianbao::test::source_path("examples/huaibei-2020/report.json")));
  EXPECT_GT(paragraphs, 20);
}
