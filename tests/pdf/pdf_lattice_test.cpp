// The table geometry of the PDF importer (lattice.h) on pages drawn here: ruling lines and words.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "lattice.h"

using namespace nianbao::pdf_import;

namespace {

Word word(const std::string& text, double x0, double y0, double x1, double y1) {
  return {text, {x0, y0, x1, y1}};
}

// The horizontal line at y from x0 to x1, the vertical at x from y0 to y1.
Segment hline(double y, double x0, double x1) {
  return {x0, y, x1, y};
}
Segment vline(double x, double y0, double y1) {
  return {x, y0, x, y1};
}

const TableCell* cell_at(const Table& t, int row, int col) {
  for (const auto& c : t.cells)
    if (c.row <= row && row <= c.last_row && c.col <= col && col <= c.last_col) return &c;
  return nullptr;
}

// A table of 3 columns (x 0, 100, 140, 180) and 3 rows (y 0, 20, 40, 60): the first column's
// last two rows merged (no line between them there), the header row's last two columns merged.
std::vector<Segment> merged_grid() {
  return {hline(0, 0, 180),     hline(20, 0, 180), hline(40, 100, 180), hline(60, 0, 180),
          vline(0, 0, 60),      vline(100, 0, 60), vline(140, 20, 60),  vline(180, 0, 60),
          hline(40.6, 100, 140)};  // a border drawn twice, a hair off
}

}  // namespace

TEST(Lattice, MergedCellsBecomeOneCellSpanningRowsOrColumns) {
  const std::vector<Word> words = {
      word("申请人", 110, 5, 170, 15),    word("（三）", 10, 25, 40, 35),
      word("不予", 10, 37, 40, 47),       word("公开", 10, 49, 40, 59),
      word("12", 110, 25, 120, 35),       word("3", 150, 25, 155, 35),
      word("outside", 300, 300, 340, 310)};
  const std::vector<Table> tables = find_tables(merged_grid(), words);
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows(), 3);
  EXPECT_EQ(t.columns(), 3);
  const TableCell* group = cell_at(t, 2, 0);
  ASSERT_TRUE(group);
  EXPECT_EQ(group->row, 1);
  EXPECT_EQ(group->last_row, 2);
  EXPECT_EQ(group->text, "（三）不予公开");  // a label wrapped over three lines
  const TableCell* header = cell_at(t, 0, 2);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->col, 1);
  EXPECT_EQ(header->last_col, 2);
  EXPECT_EQ(header->text, "申请人");
  EXPECT_EQ(cell_at(t, 1, 1)->text, "12");
  EXPECT_EQ(cell_at(t, 1, 2)->text, "3");
  EXPECT_EQ(cell_at(t, 2, 1)->text, "");
  EXPECT_EQ(cell_at(t, 0, 0)->text, "");
}

TEST(Lattice, WrappedFiguresAndWordsJoin) {
  // A figure wrapped in a narrow cell runs on; Latin words on one line keep their space.
  EXPECT_EQ(join_words({word("1", 0, 12, 5, 20), word("300", 0, 0, 15, 8)}), "3001");
  EXPECT_EQ(join_words({word("Total", 0, 0, 20, 8), word("cases", 25, 0, 45, 8)}), "Total cases");
  EXPECT_EQ(join_words({word("本年", 0, 0, 20, 8), word("新收", 21, 0, 41, 8)}), "本年新收");
}

TEST(Lattice, LinesThatDoNotMeetAreNoTable) {
  // Underlines and a rule across the page: no two vertical lines meet them.
  EXPECT_TRUE(find_tables({hline(100, 50, 500), hline(200, 50, 500), vline(10, 300, 400)},
                          {word("x", 60, 90, 70, 99)})
                  .empty());
  // Segments shorter than a border (a glyph drawn as paths) are ignored.
  std::vector<Segment> tiny;
  for (int i = 0; i < 10; ++i) {
    tiny.push_back(hline(i, 0, 2));
    tiny.push_back(vline(i, 0, 2));
  }
  EXPECT_TRUE(find_tables(tiny, {}).empty());
}

TEST(Lattice, AFrameRoundTheTextIsNoTable) {
  const std::vector<Segment> frame = {hline(20, 20, 575), hline(820, 20, 575), vline(20, 20, 820),
                                      vline(575, 20, 820)};
  EXPECT_TRUE(find_tables(frame, {word("一、总体情况", 50, 50, 150, 62)}).empty());
}

TEST(Lattice, TwoTablesOnOnePageTopToBottom) {
  // Two tables of two cells each.
  std::vector<Segment> s = {hline(300, 0, 100),  hline(320, 0, 100),   vline(0, 300, 320),
                            vline(50, 300, 320), vline(100, 300, 320), hline(0, 0, 100),
                            hline(20, 0, 100),   vline(0, 0, 20),      vline(50, 0, 20),
                            vline(100, 0, 20)};
  const auto tables = find_tables(s, {word("下", 10, 305, 20, 315), word("上", 10, 5, 20, 15)});
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].cells[0].text, "上");
  EXPECT_EQ(tables[1].cells[0].text, "下");
}

namespace {

// A table of 2 columns (x 0, 100, 160): a header row "项目|数量", then the given rows; the first
// column's cell of the first body row spans `label_rows` rows.
Table page_table(const std::vector<std::pair<std::string, std::string>>& rows, bool header,
                 int label_rows = 1) {
  std::vector<Segment> s;
  std::vector<Word> words;
  double y = 0;
  const int n = static_cast<int>(rows.size()) + (header ? 1 : 0);
  s.push_back(hline(0, 0, 160));
  if (header) {
    words.push_back(word("项目", 10, 5, 40, 15));
    words.push_back(word("数量", 110, 5, 140, 15));
  }
  for (int r = 0; r < n; ++r) {
    const int body = r - (header ? 1 : 0);
    if (body >= 0) {
      const auto& [label, value] = rows[static_cast<std::size_t>(body)];
      if (!label.empty()) words.push_back(word(label, 10, y + 5, 40, y + 15));
      if (!value.empty()) words.push_back(word(value, 110, y + 5, 140, y + 15));
    }
    y += 20;
    // The label cell spans label_rows body rows: no line under it inside the span.
    const bool inside = body >= 0 && body + 1 < label_rows;
    s.push_back(hline(y, inside ? 100 : 0, 160));
  }
  s.push_back(vline(0, 0, y));
  s.push_back(vline(100, 0, y));
  s.push_back(vline(160, 0, y));
  auto tables = find_tables(s, words);
  EXPECT_EQ(tables.size(), 1u);
  return tables.empty() ? Table{} : tables[0];
}

std::vector<std::string> texts(const Table& t) {
  std::vector<std::string> out;
  for (int r = 0; r < t.rows(); ++r)
    for (int c = 0; c < t.columns(); ++c) {
      const TableCell* cell = cell_at(t, r, c);
      out.push_back(cell ? cell->text : "?");
    }
  return out;
}

}  // namespace

TEST(Lattice, TableContinuesWithOrWithoutItsHeaderRepeated) {
  for (bool repeated : {false, true}) {
    SCOPED_TRACE(repeated);
    Table above = page_table({{"一", "1"}, {"二", "2"}}, true);
    const Table below = page_table({{"三", "3"}}, repeated);
    ASSERT_TRUE(continue_table(above, below));
    EXPECT_EQ(texts(above),
              (std::vector<std::string>{"项目", "数量", "一", "1", "二", "2", "三", "3"}));
  }
}

TEST(Lattice, MergedLabelCutByThePageBreakIsOneCell) {
  // "（三）" spans two rows on the first page and one more on the next, where its cell is blank.
  Table above = page_table({{"（三）", "1"}, {"", "2"}}, true, 2);
  const Table below = page_table({{"", "3"}, {"四", "4"}}, false);
  ASSERT_TRUE(continue_table(above, below));
  const TableCell* label = cell_at(above, 3, 0);
  ASSERT_TRUE(label);
  EXPECT_EQ(label->text, "（三）");
  EXPECT_EQ(label->row, 1);
  EXPECT_EQ(label->last_row, 3);
  EXPECT_EQ(cell_at(above, 4, 0)->text, "四");
  EXPECT_EQ(cell_at(above, 3, 1)->text, "3");
}

// Chromium prints a label merged over rows that the page break cuts in full: its last line falls
// under the table's bottom rule, above the page number. It is the label's, and only then.
TEST(Lattice, LabelLineUnderTheRuleAtTheFootOfThePage) {
  const std::vector<Word> cell_words = {word("（三）", 10, 25, 40, 35),
                                        word("不予", 10, 37, 40, 47), word("12", 110, 25, 120, 35)};
  const std::vector<Word> page_number = {word("—", 80, 300, 88, 310), word("7", 90, 300, 95, 310),
                                         word("—", 97, 300, 105, 310)};
  auto page = [&](std::vector<Word> under) {
    std::vector<Word> all = cell_words;
    all.insert(all.end(), under.begin(), under.end());
    all.insert(all.end(), page_number.begin(), page_number.end());
    return all;
  };
  {
    const std::vector<Word> words = page({word("公开", 10, 55, 40, 67)});  // centre below the rule
    std::vector<Table> tables = find_tables(merged_grid(), words);
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(cell_at(tables[0], 2, 0)->text, "（三）不予");
    const Box taken = take_overflow(tables[0], words);
    EXPECT_EQ(taken.y1, 67);
    EXPECT_EQ(cell_at(tables[0], 2, 0)->text, "（三）不予公开");
  }
  const std::vector<std::pair<std::string, std::vector<Word>>> not_labels = {
      {"a figure under a figure column", {word("5", 110, 55, 115, 67)}},
      {"a note as wide as the table", {word("注：本表数据截至年底", 5, 55, 170, 67)}},
      {"a long line in the label's column", {word("本机关不掌握相关政府信息", 2, 55, 98, 67)}},
      {"a label line followed by a paragraph",
       {word("公开", 10, 55, 40, 67), word("五、存在的主要问题", 10, 90, 170, 100)}},
      {"nothing but the page number", {}},
  };
  for (const auto& [what, under] : not_labels) {
    SCOPED_TRACE(what);
    const std::vector<Word> words = page(under);
    std::vector<Table> tables = find_tables(merged_grid(), words);
    ASSERT_EQ(tables.size(), 1u);
    const Box taken = take_overflow(tables[0], words);
    EXPECT_EQ(taken.y1, 0);
    EXPECT_EQ(cell_at(tables[0], 2, 0)->text, "（三）不予");
    EXPECT_EQ(cell_at(tables[0], 1, 1)->text, "12");
  }
}

TEST(Lattice, AnotherTableDoesNotContinue) {
  Table above = page_table({{"一", "1"}}, true);
  std::vector<Segment> narrow = {hline(0, 0, 80), hline(20, 0, 80), vline(0, 0, 20),
                                 vline(40, 0, 20), vline(80, 0, 20)};
  const auto other = find_tables(narrow, {word("x", 10, 5, 20, 15)});
  ASSERT_EQ(other.size(), 1u);
  const std::vector<std::string> before = texts(above);
  EXPECT_FALSE(continue_table(above, other[0]));
  EXPECT_EQ(texts(above), before);
}

TEST(Lattice, HostileDrawingsAreBounded) {
  // A page of many lines: bounded, no table larger than the limits.
  std::vector<Segment> s;
  for (int i = 0; i < 3000; ++i) {
    s.push_back(hline(i * 3.0, 0, 9000));
    s.push_back(vline(i * 3.0, 0, 9000));
  }
  EXPECT_TRUE(find_tables(s, {}).empty());
}
