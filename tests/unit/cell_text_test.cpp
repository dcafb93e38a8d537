// Reading cells as real reports print them.
#include <gtest/gtest.h>
#include <nianbao/cell_text.h>

using namespace nianbao;

namespace {
ColumnDef column(ValueType type) {
  ColumnDef c;
  c.key = "x";
  c.type = type;
  return c;
}
const ColumnDef kCount = column(ValueType::count);
const ColumnDef kMoney = column(ValueType::money);
const ColumnDef kSigned = column(ValueType::signed_count);
}  // namespace

TEST(CellText, NumbersAsPrinted) {
  struct Case {
    const char* text;
    const char* value;
    const char* raw;
  };
  for (const Case& c : {Case{"36", "36", ""}, Case{" 0 ", "0", ""}, Case{"\u00a024", "24", ""},
                        Case{"３６", "36", "３６"}, Case{"36件", "36", "36件"},
                        Case{"3,985,758", "3985758", "3,985,758"},
                        Case{"３，９８５", "3985", "３，９８５"}, Case{"12 ", "12", ""}}) {
    auto cell = parse_cell_text(c.text, kCount);
    ASSERT_TRUE(cell) << c.text;
    EXPECT_EQ(cell->state, Cell::State::number) << c.text;
    EXPECT_EQ(cell->value.to_string(), c.value) << c.text;
    EXPECT_EQ(cell->raw, c.raw) << c.text;
  }
}

TEST(CellText, BlankAndNotApplicable) {
  EXPECT_EQ(parse_cell_text("", kCount)->state, Cell::State::blank);
  EXPECT_EQ(parse_cell_text("  \u3000", kCount)->state, Cell::State::blank);
  for (const char* na : {"/", "／", "—", "－", "-", "无"}) {
    auto c = parse_cell_text(na, kCount);
    ASSERT_TRUE(c) << na;
    EXPECT_EQ(c->state, Cell::State::not_applicable) << na;
    EXPECT_EQ(c->raw, na);
  }
}

TEST(CellText, MoneyKeepsItsUnitAndDecimals) {
  auto a = parse_cell_text("299.8", kMoney);
  EXPECT_EQ(a->value.to_string(), "299.8");
  EXPECT_FALSE(a->unit);
  auto b = parse_cell_text("251000元", kMoney);
  EXPECT_EQ(b->value.to_string(), "251000");
  EXPECT_EQ(b->unit, "元");
  EXPECT_TRUE(b->raw.empty());
  auto c = parse_cell_text("24252.311082万元", kMoney);
  EXPECT_EQ(c->value.to_string(), "24252.311082");
  EXPECT_EQ(c->unit, "万元");
  auto d = parse_cell_text("75,394,432.52元", kMoney);
  EXPECT_EQ(d->value.to_string(), "75394432.52");
  EXPECT_EQ(d->raw, "75,394,432.52元");
}

TEST(CellText, SignsAndRejects) {
  EXPECT_EQ(parse_cell_text("-18", kSigned)->value.to_string(), "-18");
  EXPECT_EQ(parse_cell_text("－18", kSigned)->value.to_string(), "-18");
  EXPECT_EQ(parse_cell_text("−18", kSigned)->value.to_string(), "-18");  // U+2212, formats.md §4
  for (const char* bad : {"三十六", "abc", "1,23", "12,3456", "1.2.3", "36 件 多", "1e5"})
    EXPECT_FALSE(parse_cell_text(bad, kCount)) << bad;
  EXPECT_FALSE(parse_cell_text("1234567890123456789012345678901234567890", kCount));
}
