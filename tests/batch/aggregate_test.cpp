// Aggregation in the library: exact sums, units converted, mismatches refused.
#include <gtest/gtest.h>
#include <nianbao/batch.h>

#include "report_generator.h"
#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;

namespace {
Report generated(const std::string& format, int year, int n) {
  bench::ReportGenerator g(static_cast<std::uint64_t>(n));
  Report r = g.make(*built_in_engine().formats().find(format), year, n).report;
  r.source.file = "r" + std::to_string(n) + ".json";
  return r;
}
}  // namespace

TEST(Aggregator, AddsEveryCellExactly) {
  const FormatDefinition& f = *built_in_engine().formats().find("gov-2021");
  Aggregator total(f, "示例市人民政府", "340600");
  Report a = generated("gov-2021", 2024, 1), b = generated("gov-2021", 2024, 2);
  total.add(a);
  total.add(b);
  Report sum = total.result();
  EXPECT_EQ(sum.agency.kind, "government");
  EXPECT_EQ(sum.year, 2024);
  for (const char* row : {"new", "results_total", "carried_forward"}) {
    auto v = [&](const Report& r) { return r.find_cell("applications", row, "total")->value; };
    EXPECT_EQ(sum.find_cell("applications", row, "total")->value, *Decimal::add(v(a), v(b))) << row;
  }
  auto fee = [](const Report& r) { return r.find_cell("proactive", "fees", "amount")->value; };
  EXPECT_EQ(sum.find_cell("proactive", "fees", "amount")->value, *Decimal::add(fee(a), fee(b)));
  EXPECT_EQ(sum.find_cell("proactive", "fees", "amount")->unit, "万元");
  // The sum checks clean of arithmetic findings.
  for (const auto& d : built_in_engine().validate(sum, {}))
    for (const char* arithmetic : {"T3-01", "T3-02", "T3-03", "T4-01", "T4-02", "T4-03", "CEL-01", "CEL-04"})
      EXPECT_NE(d.code, arithmetic);
  ASSERT_EQ(sum.extensions.size(), 1u);
  EXPECT_NE(sum.extensions[0].second.find("r2.json"), std::string::npos);
}

TEST(Aggregator, ConvertsYuanToWanYuanExactly) {
  const FormatDefinition& f = *built_in_engine().formats().find("gov-2019");
  Report a = generated("gov-2019", 2020, 3), b = generated("gov-2019", 2020, 4);
  Cell yuan = Cell::number(*Decimal::parse("251000"));
  yuan.unit = "元";
  b.table("proactive").find("procurement")->set("amount", yuan);
  Cell wan = Cell::number(*Decimal::parse("299.8"));
  wan.unit = "万元";
  a.table("proactive").find("procurement")->set("amount", wan);
  Aggregator total(f, "合计");
  total.add(a);
  total.add(b);
  const Report sum = total.result();
  const Cell* amount = sum.find_cell("proactive", "procurement", "amount");
  ASSERT_TRUE(amount);
  EXPECT_EQ(amount->value, *Decimal::parse("324.9"));
  EXPECT_EQ(amount->unit, "万元");
}

TEST(Aggregator, RefusesMixedFormatsYearsAndUnitlessAmounts) {
  const FormatDefinition& f = *built_in_engine().formats().find("gov-2019");
  auto code_of = [&](Aggregator& agg, const Report& r) {
    try {
      agg.add(r);
    } catch (const InputError& e) {
      return e.diagnostic().code;
    }
    return std::string("none");
  };
  Aggregator total(f, "合计");
  total.add(generated("gov-2019", 2020, 5));
  EXPECT_EQ(code_of(total, generated("gov-2019", 2019, 6)), "AGG-01");
  EXPECT_EQ(code_of(total, generated("gov-2021", 2024, 7)), "AGG-01");
  Report unitless = generated("gov-2019", 2020, 8);
  unitless.table("proactive").find("procurement")->find("amount")->unit.reset();
  EXPECT_EQ(code_of(total, unitless), "AGG-02");
  EXPECT_EQ(total.count(), 1u);  // nothing of the refused reports went in
  Report huge = generated("gov-2019", 2020, 9);
  huge.table("applications").find("new")->set("total", Cell::count(INT64_MAX));
  Aggregator big(f, "合计");
  big.add(huge);
  EXPECT_EQ(code_of(big, huge), "AGG-03");
}
