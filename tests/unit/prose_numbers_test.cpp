// The prose number extractor: numbers attributed to the right quantity, or not used at all.
#include "prose_numbers.h"

#include <gtest/gtest.h>

using nianbao::prose::find_mentions;
using nianbao::prose::Pattern;

namespace {

std::vector<std::int64_t> values(std::string_view sentence, const Pattern& p) {
  std::vector<std::int64_t> out;
  for (const auto& m : find_mentions(sentence, p))
    out.push_back(m.value);
  return out;
}

Pattern keyword(std::u32string k, std::size_t gap = 4) {
  return Pattern{{std::move(k)}, gap, {}, {}, {}, false, U"件"};
}

}  // namespace

TEST(ProseNumbers, ReadsTheCommonForms) {
  EXPECT_EQ(values("共受理依申请公开共36件。", keyword(U"受理", 14)),
            std::vector<std::int64_t>{36});
  EXPECT_EQ(
      values("予以公开10件，部分公开1件，其他处理的24件，无法提供的1件。", keyword(U"其他处理")),
      std::vector<std::int64_t>{24});
  EXPECT_EQ(values("予以公开10件，部分公开1件", keyword(U"部分公开")),
            std::vector<std::int64_t>{1});
  EXPECT_EQ(values("结转下年度继续办理1件", keyword(U"结转下年", 8)), std::vector<std::int64_t>{1});
  EXPECT_EQ(values("行政复议7件，行政诉讼9件", keyword(U"行政诉讼")), std::vector<std::int64_t>{9});
  EXPECT_EQ(values("共有行政诉讼案件1件、行政复议案件2件", keyword(U"行政复议")),
            std::vector<std::int64_t>{2});
  EXPECT_EQ(values("行政处罚3,985件", keyword(U"行政处罚")), std::vector<std::int64_t>{3985});
  EXPECT_EQ(values("行政处罚3,985,758件", keyword(U"行政处罚")),
            std::vector<std::int64_t>{3985758});
  EXPECT_EQ(values("予以公开３６件", keyword(U"予以公开")), std::vector<std::int64_t>{36});
  EXPECT_EQ(values("全市共受理政府信息公开申请 3119 件", keyword(U"受理", 14)),
            std::vector<std::int64_t>{3119});
  EXPECT_EQ(values("行政复议两件", keyword(U"行政复议")), std::vector<std::int64_t>{2});
  EXPECT_EQ(values("不予公开十二件", keyword(U"不予公开")), std::vector<std::int64_t>{12});
}

TEST(ProseNumbers, NumberBeforeTheKeyword) {
  Pattern p{{U"结转", U"顺延"}, 2, {}, {}, {U"上年", U"上一年", U"上年度"}, true, U"件"};
  EXPECT_EQ(values("办结69件，1件结转。", p), std::vector<std::int64_t>{1});
  EXPECT_EQ(values("另有 103 件顺延到下年度答复", p), std::vector<std::int64_t>{103});
  // "上年度结转申请 34 件" is carried in, not carried forward.
  EXPECT_TRUE(values("含上年度结转申请 34 件", p).empty());
}

TEST(ProseNumbers, DoesNotGuess) {
  // Clause punctuation ends the search: 24 belongs to 其他处理, not to 予以公开.
  EXPECT_TRUE(values("予以公开，其他处理的24件", keyword(U"予以公开")).empty());
  // Another number between the keyword and the count: not attributed.
  EXPECT_TRUE(values("受理2022年度申请36件", keyword(U"受理", 14)).empty());
  // A different unit is a different quantity.
  EXPECT_TRUE(values("主动公开信息3583条", keyword(U"主动公开")).empty());
  EXPECT_TRUE(values("办结率100%", keyword(U"办结")).empty());
  // The gap is bounded.
  EXPECT_TRUE(values("予以公开的涉及多个部门多个领域的申请10件", keyword(U"予以公开")).empty());
  // Forbidden words in the gap.
  Pattern received{{U"受理"}, 14, {U"复议"}, {}, {}, false, U"件"};
  EXPECT_TRUE(values("受理行政复议案件3件", received).empty());
  // A required word must be in the gap.
  Pattern docs{{U"制发"}, 10, {}, {U"规范性文件"}, {}, false, U"件"};
  EXPECT_EQ(values("本年度制发的规范性文件88件", docs), std::vector<std::int64_t>{88});
  EXPECT_TRUE(values("本年度制发其他文件88件", docs).empty());
}

TEST(ProseNumbers, QuotesThePhraseAndSurvivesBadInput) {
  auto m = find_mentions("从答复结果看，其他处理的24件，无法提供的1件。", keyword(U"其他处理"));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].phrase, "其他处理的24件");
  // Invalid UTF-8, a lone keyword at the end, absurd numbers: no crash, no mention.
  EXPECT_TRUE(find_mentions("\xff\xfe予以公开", keyword(U"予以公开")).empty());
  EXPECT_TRUE(find_mentions("予以公开99999999999999999999999件", keyword(U"予以公开")).empty());
  EXPECT_TRUE(find_mentions("", keyword(U"予以公开")).empty());
  EXPECT_EQ(values("\xe4\xb8予以公开5件", keyword(U"予以公开")), std::vector<std::int64_t>{5});
}
