// Checking a list of files into outcomes (nianbao/batch.h check_files): what `nianbao check`
// prints and exits with, for any program that embeds the library.
#include <gtest/gtest.h>
#include <nianbao/batch.h>

#include <algorithm>
#include <fstream>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;
using nianbao::test::slurp;
using nianbao::test::source_path;

namespace {

bool has_code(const FileOutcome& f, const std::string& code) {
  return std::any_of(f.diagnostics.begin(), f.diagnostics.end(),
                     [&](const Diagnostic& d) { return d.code == code; });
}

}  // namespace

TEST(CheckFiles, OneOutcomePerFileInOrderWithTheReportsIdentity) {
  test::TempDir dir("nianbao-check-files");
  const std::string broken = (dir.path() / "broken.json").string();
  std::ofstream(broken) << "{\"schema\": ";
  const std::string example = source_path("examples/huaibei-2020/report.json");
  CheckFilesOptions options;
  options.fail_on = "none";
  const CheckFilesResult r = check_files(built_in_engine(), {example, broken}, options);
  ASSERT_EQ(r.files.size(), 2u);
  EXPECT_EQ(r.files[0].path, example);
  EXPECT_TRUE(r.files[0].readable);
  EXPECT_EQ(r.files[0].year, 2020);
  EXPECT_EQ(r.files[0].format, "gov-2019");
  EXPECT_FALSE(r.files[0].agency.empty());
  // The example's prose contradicts table 三 (NT-03): found whatever fail_on says.
  EXPECT_TRUE(has_code(r.files[0], "NT-03"));
  EXPECT_EQ(r.files[1].path, broken);
  EXPECT_FALSE(r.files[1].readable);
  EXPECT_FALSE(r.files[1].diagnostics.empty());
  // An unreadable file makes the status an input error even when no finding fails.
  EXPECT_EQ(r.status, CheckStatus::input_error);
  EXPECT_EQ(check_status(r.files[0], "none"), CheckStatus::clean);
  EXPECT_EQ(check_status(r.files[1], "none"), CheckStatus::input_error);
}

TEST(CheckFiles, StatusFollowsFailOnAndTheRuleConfiguration) {
  const std::string example = source_path("examples/huaibei-2020/report.json");
  CheckFilesOptions options;
  options.rules.disable.insert("NT-03");
  options.fail_on = "warning";
  const CheckFilesResult warned = check_files(built_in_engine(), {example}, options);
  EXPECT_FALSE(has_code(warned.files[0], "NT-03"));
  EXPECT_EQ(warned.status, CheckStatus::findings);
  options.fail_on = "none";
  EXPECT_EQ(check_files(built_in_engine(), {example}, options).status, CheckStatus::clean);
}

TEST(CheckFiles, PreviousYearFeedsTheCrossYearRules) {
  test::TempDir dir("nianbao-check-files");
  const std::string corpus = source_path("tests/data/corpus/");
  CheckFilesOptions options;
  options.fail_on = "warning";
  options.previous = corpus + "pingtan-2021.json";
  EXPECT_EQ(check_files(built_in_engine(), {corpus + "pingtan-2022.json"}, options).status,
            CheckStatus::clean);

  // 2021's 结转下年度 (自然人) altered: XY-01 at 2022's 上年结转.
  std::string text = slurp(corpus + "pingtan-2021.json");
  const std::string from = "\"carried_forward\": {\"natural_person\": 1,";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"carried_forward\": {\"natural_person\": 3,");
  const std::string altered = (dir.path() / "2021.json").string();
  std::ofstream(altered) << text;
  options.previous = altered;
  const CheckFilesResult r =
      check_files(built_in_engine(), {corpus + "pingtan-2022.json"}, options);
  EXPECT_TRUE(r.previous_readable);
  EXPECT_TRUE(has_code(r.files[0], "XY-01"));
  EXPECT_EQ(r.status, CheckStatus::findings);
}

TEST(CheckFiles, UnreadablePreviousYearChecksNothing) {
  test::TempDir dir("nianbao-check-files");
  const std::string broken = (dir.path() / "2021.json").string();
  std::ofstream(broken) << "not json";
  CheckFilesOptions options;
  options.previous = broken;
  const CheckFilesResult r =
      check_files(built_in_engine(), {source_path("examples/huaibei-2020/report.json")}, options);
  EXPECT_FALSE(r.previous_readable);
  EXPECT_FALSE(r.previous_diagnostics.empty());
  EXPECT_TRUE(r.files.empty());
  EXPECT_EQ(r.status, CheckStatus::input_error);
}
