// The real reports of the corpus (tests/data/corpus, typed in as canonical JSON): each gives
// exactly the findings the corpus README lists — no more, no fewer.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::source_path;

namespace {

std::multiset<std::string> codes_of(const std::string& path, const std::string& previous = {}) {
  Engine& e = built_in_engine();
  ImportResult r = e.import_file(source_path(path));
  EXPECT_TRUE(r.report) << path;
  if (!r.report) return {};
  ValidateOptions options;
  std::optional<Report> prev;
  if (!previous.empty()) {
    prev = e.import_file(source_path(previous)).report;
    options.previous = &*prev;
  }
  std::multiset<std::string> codes;
  for (const auto& d : e.validate(*r.report, options))
    codes.insert(d.code);
  return codes;
}

using Codes = std::multiset<std::string>;

}  // namespace

TEST(Corpus, Huaibei2020SwappedOutcomesAndAnAmountWithoutUnit) {
  // The prose swaps 其他处理 and 无法提供 (NT-03 twice); 采购总金额 "299.8" has no unit (CEL-05).
  EXPECT_EQ(codes_of("examples/huaibei-2020/report.json"), (Codes{"NT-03", "NT-03", "CEL-05"}));
}

TEST(Corpus, Huaian2024AgreesThroughout) {
  // Tables and prose agree (复议 351, 诉讼 46, 受理 3119, 答复 3050, 顺延 103). The whole-city
  // overview does not mention 考核/评议/责任追究, which 条例第五十条 asks of a government: S6-02
  // is an information-level note.
  EXPECT_EQ(codes_of("tests/data/corpus/huaian-2024.json"), (Codes{"S6-02"}));
}

TEST(Corpus, Pingtan2021And2022AreCleanAndContinuous) {
  EXPECT_EQ(codes_of("tests/data/corpus/pingtan-2021.json"), Codes{});
  EXPECT_EQ(codes_of("tests/data/corpus/pingtan-2022.json"), Codes{});
  // XY-01 (结转 1 → 上年结转 1) and XY-02 (665 + 88 − 55 = 698) hold.
  EXPECT_EQ(codes_of("tests/data/corpus/pingtan-2022.json", "tests/data/corpus/pingtan-2021.json"),
            Codes{});
}

TEST(Corpus, DistrictBureau2023TruncatedReport) {
  // Truncated inside table 三: parts 四–六 missing (STR-01 ×3), table 三 incomplete (STR-02);
  // 规章 written as "/" and the applicant columns left blank (CEL-02); the preamble announces
  // 六部分 but lists five (FMT-03).
  EXPECT_EQ(
      codes_of("tests/data/corpus/district-statistics-bureau-2023-partial.json"),
      (Codes{"STR-01", "STR-01", "STR-01", "STR-02", "CEL-02", "CEL-02", "CEL-02", "FMT-03"}));
}
