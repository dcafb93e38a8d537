#include <gtest/gtest.h>
#include <nianbao/decimal.h>

using nianbao::Decimal;

TEST(Decimal, ParsesAndPrintsAsWritten) {
  for (const char* text : {"0", "36", "-18", "299.8", "299.80", "24252.311082", "0.000001"}) {
    auto d = Decimal::parse(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(d->to_string(), text);
  }
  EXPECT_EQ(Decimal::parse("+3")->to_string(), "3");
}

TEST(Decimal, RejectsWhatIsNotADecimal) {
  for (const char* text :
       {"", "-", ".5", "5.", "1.2.3", "3,985", "１２", "1e3", " 1", "NaN", "0.1234567890123456789"})
    EXPECT_FALSE(Decimal::parse(text)) << text;
}

TEST(Decimal, RejectsValuesThatDoNotFit) {
  EXPECT_TRUE(Decimal::parse("9223372036854775807"));
  EXPECT_FALSE(Decimal::parse("9223372036854775808"));
  EXPECT_FALSE(Decimal::parse("1234567890123456789012345678901234567890"));
}

TEST(Decimal, AddsExactlyAcrossScales) {
  auto a = *Decimal::parse("0.1");
  auto b = *Decimal::parse("0.2");
  EXPECT_EQ(Decimal::add(a, b)->to_string(), "0.3");
  EXPECT_EQ(Decimal::add(*Decimal::parse("24252.311082"), Decimal(1))->to_string(), "24253.311082");
  EXPECT_EQ(Decimal::subtract(Decimal(5), *Decimal::parse("7.5"))->to_string(), "-2.5");
}

TEST(Decimal, ReportsOverflowInsteadOfWrapping) {
  Decimal max(INT64_MAX);
  EXPECT_FALSE(Decimal::add(max, Decimal(1)));
  EXPECT_FALSE(Decimal::subtract(Decimal(INT64_MIN), Decimal(1)));
  // Rescaling a huge integer to 18 decimals overflows.
  EXPECT_FALSE(Decimal::add(max, *Decimal::parse("0.000000000000000001")));
}

TEST(Decimal, ComparesNumerically) {
  EXPECT_EQ(*Decimal::parse("1.50"), *Decimal::parse("1.5"));
  EXPECT_LT(*Decimal::parse("-18"), Decimal(0));
  EXPECT_GT(*Decimal::parse("3985758"), *Decimal::parse("3985757.99"));
  // Comparison must not overflow when one side cannot be rescaled.
  EXPECT_GT(Decimal(INT64_MAX), *Decimal::parse("0.5"));
  EXPECT_LT(Decimal(INT64_MIN), *Decimal::parse("0.5"));
}

TEST(Decimal, KnowsIntegersAndScale) {
  EXPECT_TRUE(Decimal::parse("36.00")->is_integer());
  EXPECT_EQ(Decimal::parse("36.00")->to_integer(), 36);
  EXPECT_FALSE(Decimal::parse("36.5")->is_integer());
  EXPECT_EQ(Decimal::parse("1.2300")->significant_scale(), 2);
  EXPECT_EQ(Decimal(INT64_MIN).to_string(), "-9223372036854775808");
}
