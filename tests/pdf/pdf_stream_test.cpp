// Tables without ruling lines (stream.h) on pages laid out here: words with their boxes only.
#include <gtest/gtest.h>

#include <map>

#include "stream.h"

using namespace nianbao::pdf_import;

namespace {

// A word 10.5 pt high whose top is at y.
Word word(const std::string& text, double x0, double y, double x1) {
  return {text, {x0, y, x1, y + 10.5}};
}

// The cells of a table as "row,col=text".
std::map<std::pair<int, int>, std::string> cells(const Table& t) {
  std::map<std::pair<int, int>, std::string> out;
  for (const TableCell& c : t.cells)
    out[{c.row, c.col}] = c.text;
  return out;
}

// The row (by its cells) holding `label` in some column, as label → figures left to right.
std::vector<std::string> row_with(const Table& t, const std::string& label) {
  int row = -1;
  for (const TableCell& c : t.cells)
    if (c.text == label) row = c.row;
  std::vector<std::string> out;
  for (const TableCell& c : t.cells)
    if (c.row == row) out.push_back(c.text);
  return out;
}

// A table as a borderless Word table prints it: a heading above, a header row (one header
// wrapped over two lines), a group label printed down its narrow column beside three rows, one
// row label wrapped over two lines with its figures centred between them, a paragraph below.
std::vector<Word> page() {
  std::vector<Word> w = {
      word("三、收到和处理政府信息公开申请情况", 80, 60, 260),
      word("自然", 304, 90, 325),
      word("总计", 334, 95, 355),
      word("人", 309, 101, 320),
      word("一、本年新收政府信息公开申请数量", 80, 120, 290),
      word("3", 312, 120, 317),
      word("5", 342, 120, 347),
      word("三、本", 80, 140, 112),
      word("（一）予以公开", 120, 140, 190),
      word("1", 312, 140, 317),
      word("2", 342, 140, 347),
      word("年度办", 80, 152, 112),
      word("（二）部分公开（区分处", 120, 160, 235),
      word("1", 312, 166, 317),
      word("理结果", 80, 164, 112),
      word("2", 342, 166, 347),
      word("理的）", 120, 172, 152),
      word("（三）总计", 120, 190, 180),
      word("2", 312, 190, 317),
      word("4", 342, 190, 347),
      word("对照上级新要求和公众新期待，还有一些需要加强和改进的地方。", 80, 240, 400),
  };
  return w;
}

}  // namespace

TEST(Stream, FindsTheTableBetweenHeadingAndParagraph) {
  const auto regions = find_stream_regions(page(), 1);
  ASSERT_EQ(regions.size(), 1u);
  const StreamRegion& r = regions[0];
  // The header: the lines of 自然人 and 总计, not the heading above.
  EXPECT_EQ(r.lines.front().words.front().text, "自然");
  EXPECT_EQ(r.lines.back().words.front().text, "（三）总计");
}

TEST(Stream, GroupLabelsKeepTheirColumnAndWrappedTextIsJoined) {
  const auto regions = find_stream_regions(page(), 1);
  ASSERT_EQ(regions.size(), 1u);
  const Table t = stream_table(regions[0]);
  const auto c = cells(t);
  std::vector<std::string> texts;
  for (const auto& [place, text] : c)
    texts.push_back(text);
  // The header wrapped over two lines is one cell; so is the group label run down its column,
  // and the row label wrapped around its figures.
  EXPECT_NE(std::find(texts.begin(), texts.end(), "自然人"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "三、本年度办理结果"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "（二）部分公开（区分处理的）"), texts.end());
  // No group label text ran into a row label.
  for (const auto& text : texts)
    EXPECT_TRUE(text.find("年度办") == std::string::npos || text == "三、本年度办理结果") << text;
  // Each label is on the row of its figures.
  EXPECT_EQ(row_with(t, "（二）部分公开（区分处理的）"),
            (std::vector<std::string>{"（二）部分公开（区分处理的）", "1", "2"}));
  EXPECT_EQ(row_with(t, "（三）总计"), (std::vector<std::string>{"（三）总计", "2", "4"}));
  EXPECT_EQ(row_with(t, "一、本年新收政府信息公开申请数量"),
            (std::vector<std::string>{"一、本年新收政府信息公开申请数量", "3", "5"}));
  // The group label is in a column of its own, left of the row labels.
  int group_col = -1, label_col = -1;
  for (const TableCell& cell : t.cells) {
    if (cell.text == "三、本年度办理结果") group_col = cell.col;
    if (cell.text == "（一）予以公开") label_col = cell.col;
  }
  EXPECT_GE(group_col, 0);
  EXPECT_LT(group_col, label_col);
}

TEST(Stream, ProseWithFiguresIsNoTable) {
  const std::vector<Word> prose = {word("全年共收到申请", 80, 60, 160),
                                   word("95", 163, 60, 173),
                                   word("件，其中", 176, 60, 220),
                                   word("办结", 80, 75, 100),
                                   word("90", 103, 75, 113),
                                   word("件。", 116, 75, 136),
                                   word("-", 285, 800, 290),
                                   word("3", 295, 800, 300),
                                   word("-", 305, 800, 310),
                                   word("第", 270, 820, 280),
                                   word("3", 283, 820, 288),
                                   word("页", 291, 820, 301),
                                   word("共", 305, 820, 315),
                                   word("5", 318, 820, 323),
                                   word("页", 326, 820, 336)};
  // Page numbers ("- 3 -", "第 3 页 共 5 页") and figures inside sentences make no table.
  EXPECT_TRUE(find_stream_regions(prose, 1).empty());
}

// Table 三 broken over a page: the next page repeats the header, and a row's label is cut by the
// page break (its first line at the foot of one page, the rest and its figures on the next).
TEST(Stream, TableContinuedOverAPageWithARowCutInTwo) {
  const std::vector<Word> one = {word("自然人", 299, 70, 330),
                                 word("总计", 334, 70, 355),
                                 word("（一）予以公开", 120, 90, 190),
                                 word("5", 312, 90, 317),
                                 word("5", 342, 90, 347),
                                 word("1.属于国家秘密", 120, 110, 200),
                                 word("1", 312, 110, 317),
                                 word("1", 342, 110, 347),
                                 word("2.其他法律行政法规禁", 120, 128, 230),
                                 word("- 3 -", 290, 800, 310)};
  const std::vector<Word> two = {word("自然人", 299, 60, 330), word("总计", 334, 60, 355),
                                 word("止公开", 120, 78, 150), word("7", 312, 84, 317),
                                 word("7", 342, 84, 347),      word("3.危及安全", 120, 102, 175),
                                 word("2", 312, 102, 317),     word("2", 342, 102, 347)};
  auto above = find_stream_regions(one, 3);
  auto below = find_stream_regions(two, 4);
  ASSERT_EQ(above.size(), 1u);
  ASSERT_EQ(below.size(), 1u);
  ASSERT_TRUE(continue_region(above[0], below[0]));
  const Table t = stream_table(above[0]);
  // The header once, the cut label whole on the row of its figures, every row once.
  int headers = 0;
  for (const TableCell& c : t.cells)
    headers += c.text == "自然人";
  EXPECT_EQ(headers, 1);
  EXPECT_EQ(row_with(t, "2.其他法律行政法规禁止公开"),
            (std::vector<std::string>{"2.其他法律行政法规禁止公开", "7", "7"}));
  EXPECT_EQ(row_with(t, "3.危及安全"), (std::vector<std::string>{"3.危及安全", "2", "2"}));
  EXPECT_EQ(row_with(t, "1.属于国家秘密"), (std::vector<std::string>{"1.属于国家秘密", "1", "1"}));
  // The page number at the foot of the first page is no row.
  for (const TableCell& c : t.cells)
    EXPECT_EQ(c.text.find('-'), std::string::npos) << c.text;
}

// A table on the next page with a header of its own is another table.
TEST(Stream, AnotherTableIsNotAContinuation) {
  const std::vector<Word> one = {word("自然人", 300, 90, 332),
                                 word("总计", 350, 90, 371),
                                 word("1.属于国家秘密", 120, 110, 200),
                                 word("1", 308, 110, 313),
                                 word("1", 358, 110, 363),
                                 word("2.其他", 120, 128, 160),
                                 word("1", 308, 128, 313),
                                 word("1", 358, 128, 363)};
  const std::vector<Word> two = {word("行政复议", 90, 60, 132), word("行政诉讼", 250, 60, 292),
                                 word("1", 95, 80, 100),        word("2", 140, 80, 145),
                                 word("3", 200, 80, 205),       word("4", 255, 80, 260),
                                 word("5", 300, 80, 305)};
  auto above = find_stream_regions(one, 3);
  auto below = find_stream_regions(two, 4);
  ASSERT_EQ(above.size(), 1u);
  ASSERT_EQ(below.size(), 1u);
  EXPECT_FALSE(continue_region(above[0], below[0]));
}

namespace {

// Table 二 of the 2019 format: blocks with headers of their own, the first with three figure
// columns, the last with two, its second figure centred over the last two columns of the first
// (a cell merged over both in the Word table). `second` is where the last block's second figure
// and header stand; `columns` the middles of the first block's figure columns.
std::vector<Word> blocks(double second, const std::vector<double>& columns) {
  std::vector<Word> w = {word("第二十条第（一）项", 250, 60, 345)};
  const auto header_at = [&](const std::string& text, double middle, double y) {
    w.push_back(word(text, middle - 20, y, middle + 20));
  };
  w.push_back(word("信息内容", 147, 80, 189));
  for (std::size_t k = 0; k < columns.size(); ++k)
    header_at("数量" + std::to_string(k + 1), columns[k], 80);
  for (int row = 0; row < 2; ++row) {
    const double y = 100 + 20 * row;
    w.push_back(word(row == 0 ? "规章" : "规范性文件", 82, y, row == 0 ? 103 : 135));
    for (std::size_t k = 0; k < columns.size(); ++k)
      w.push_back(word(std::to_string(3 * row + static_cast<int>(k) + 1), columns[k] - 3, y,
                       columns[k] + 3));
  }
  w.push_back(word("第二十条第（八）项", 250, 140, 345));
  w.push_back(word("信息内容", 147, 160, 189));
  header_at("上一年项目数量", columns[0], 160);
  header_at("本年增/减", second, 160);
  w.push_back(word("行政事业性收费", 82, 180, 156));
  w.push_back(word("7", columns[0] - 3, 180, columns[0] + 3));
  w.push_back(word("9", second - 3, 180, second + 3));
  return w;
}

}  // namespace

// A block's figure halfway between two columns, as close as any two of the table: one cell
// merged over both, under its header merged over them too.
TEST(Stream, FigureBetweenTwoColumnsIsACellMergedOverBoth) {
  const auto regions = find_stream_regions(blocks(433, {300, 389, 477}), 1);
  ASSERT_EQ(regions.size(), 1u);
  const Table t = stream_table(regions[0]);
  EXPECT_FALSE(t.unplaced_columns);
  EXPECT_EQ(t.columns(), 4);  // the labels' and three figure columns: none for the "9"
  const TableCell* nine = nullptr;
  const TableCell* header = nullptr;
  const TableCell* three = nullptr;
  for (const TableCell& c : t.cells) {
    if (c.text == "9") nine = &c;
    if (c.text == "本年增/减") header = &c;
    if (c.text == "3") three = &c;
  }
  ASSERT_TRUE(nine && header && three);
  EXPECT_EQ(nine->col, three->col - 1);
  EXPECT_EQ(nine->last_col, three->col);
  EXPECT_EQ(header->col, nine->col);
  EXPECT_EQ(header->last_col, nine->last_col);
  EXPECT_EQ(row_with(t, "行政事业性收费"), (std::vector<std::string>{"行政事业性收费", "7", "9"}));
}

// Where the page does not settle it, the table is flagged rather than read one way: columns far
// enough apart for one between them (but not as far as two columns) …
TEST(Stream, FigureBetweenColumnsThatAllowTwoReadingsIsFlagged) {
  const auto regions = find_stream_regions(blocks(433 + 30, {300, 389, 537}), 1);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_TRUE(stream_table(regions[0]).unplaced_columns);
}

// … and a figure centred over four columns as well as over the middle two of them.
TEST(Stream, FigureThatCouldSpanTwoOrFourColumnsIsFlagged) {
  // Block 一 has a column more on each side, free on the last block's line once its "7" is gone:
  // the "9" is as much in the middle of four columns as of two.
  std::vector<Word> w = blocks(433, {211, 300, 389, 477, 566});
  std::erase_if(w, [](const Word& x) { return x.text == "7"; });
  const auto regions = find_stream_regions(w, 1);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_TRUE(stream_table(regions[0]).unplaced_columns);
}

// A figure between two columns that is a column of its own (a pitch from each) is no merge.
TEST(Stream, FigureAColumnApartIsAColumnOfItsOwn) {
  const auto regions = find_stream_regions(blocks(389, {300, 478}), 1);
  ASSERT_EQ(regions.size(), 1u);
  const Table t = stream_table(regions[0]);
  EXPECT_FALSE(t.unplaced_columns);
  EXPECT_EQ(t.columns(), 4);  // the labels' and three figure columns
  for (const TableCell& c : t.cells)
    EXPECT_EQ(c.col, c.last_col) << c.text;
}

namespace {

// Where each text stands in a table: text → (row, column).
std::map<std::string, std::pair<int, int>> places(const Table& t) {
  std::map<std::string, std::pair<int, int>> out;
  for (const TableCell& c : t.cells)
    out[c.text] = {c.row, c.col};
  return out;
}

// The header of a table 三 whose columns are blank but for 总计: six headers in a row.
void blank_columns_header(std::vector<Word>& w, double y) {
  const char* headers[] = {"自然人", "商业企业", "科研机构", "社会组织", "其他", "总计"};
  for (int k = 0; k < 6; ++k)
    w.push_back(word(headers[k], 300 + 30 * k, y, 321 + 30 * k));
}

// Table 三 with figures in its first two rows only (under 总计), then rows with none: a group
// label printed down its column beside them, row labels that read like part headings.
std::vector<Word> blank_rows_page() {
  std::vector<Word> w = {word("三、收到和处理政府信息公开申请情况", 80, 60, 260)};
  blank_columns_header(w, 90);
  const std::vector<Word> body = {
      word("一、本年新收政府信息公开申请数量", 80, 110, 250),
      word("0", 458, 110, 463),
      word("二、上年结转政府信息公开申请数量", 80, 125, 250),
      word("0", 458, 125, 463),
      word("三、本", 80, 140, 112),
      word("（一）予以公开", 120, 140, 190),
      word("年度办", 80, 153, 112),
      word("（二）部分公开", 120, 155, 200),
      word("理结果", 80, 166, 112),
      word("（三）不予公开", 120, 170, 200),
  };
  w.insert(w.end(), body.begin(), body.end());
  return w;
}

}  // namespace

// Rows without figures go on: "三、本 （一）予以公开" is a row, not a part heading; the columns are
// the header's; each label is on its own row, the group label on the row of its first item.
TEST(Stream, RowsWithoutFiguresStayInTheTableInTheHeadersColumns) {
  std::vector<Word> w = blank_rows_page();
  w.push_back(word("对照上级新要求和公众新期待，还有一些需要加强和改进的地方。", 80, 240, 400));
  const auto regions = find_stream_regions(w, 1);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].lines.back().words.front().text, "（三）不予公开");
  const Table t = stream_table(regions[0]);
  EXPECT_FALSE(t.unplaced_columns);
  const auto at = places(t);
  // Two label columns and the six of the header.
  ASSERT_EQ(t.xs.size(), 2u + 6u + 1u);
  EXPECT_EQ(at.at("总计"), std::make_pair(0, 7));
  EXPECT_EQ(row_with(t, "二、上年结转政府信息公开申请数量"),
            (std::vector<std::string>{"二、上年结转政府信息公开申请数量", "0"}));
  EXPECT_EQ(at.at("0").second, 7);
  // Not on the row of 二 (whose label covers its column), though its figures are the nearest.
  EXPECT_NE(at.at("（一）予以公开").first, at.at("二、上年结转政府信息公开申请数量").first);
  EXPECT_NE(at.at("（二）部分公开").first, at.at("（一）予以公开").first);
  EXPECT_EQ(at.at("三、本年度办理结果"), std::make_pair(at.at("（一）予以公开").first, 0));
}

// A table with no figures at all (table 四 of a report with nothing to report): found by the
// bottom row of its header, its columns those of the header, group headers merged over theirs.
TEST(Stream, TableWithOnlyItsHeaderIsFoundByIt) {
  std::vector<Word> w = {word("四、政府信息公开行政复议、行政诉讼情况", 80, 40, 300),
                         word("行政复议", 129.5, 70, 171.5), word("行政诉讼", 279.5, 70, 321.5)};
  const char* bottom[] = {"维持", "纠正", "其他", "尚未", "总计"};
  for (int k = 0; k < 10; ++k)
    w.push_back(word(bottom[k % 5], 80 + 30 * k, 85, 101 + 30 * k));
  w.push_back(word("五、存在的主要问题及改进情况", 80, 120, 240));
  const auto regions = find_stream_regions(w, 1);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].header, regions[0].lines.size());
  EXPECT_EQ(regions[0].lines.size(), 2u);
  const Table t = stream_table(regions[0]);
  EXPECT_FALSE(t.unplaced_columns);
  ASSERT_EQ(t.xs.size(), 11u);
  std::map<std::string, std::pair<int, int>> spans;
  for (const TableCell& c : t.cells)
    spans[c.text] = {c.col, c.last_col};
  EXPECT_EQ(spans["行政复议"], std::make_pair(0, 4));
  EXPECT_EQ(spans["行政诉讼"], std::make_pair(5, 9));
}

// The header of a table with figures is not taken for a table without: its rows of figures find
// it, header and all.
TEST(Stream, HeaderAboveRowsOfFiguresIsTheirTables) {
  const auto regions = find_stream_regions(blank_rows_page(), 1);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].lines.front().words.front().text, "自然人");
  EXPECT_EQ(regions[0].header, 1u);
}

// Rows without figures at the top of the next page, the header not repeated: they continue the
// table when each label starts in one of its label columns; other text does not.
TEST(Stream, BlankRowsOnTheNextPageContinueTheTable) {
  const auto above = find_stream_regions(blank_rows_page(), 1);
  ASSERT_EQ(above.size(), 1u);
  const std::vector<Word> next = {word("（四）无法提供", 120, 40, 200),
                                  word("（五）不予处理", 120, 55, 200)};
  // Not a table by themselves.
  EXPECT_TRUE(find_stream_regions(next, 2).empty());
  const StreamRegion below = page_top_labels(next, 2);
  EXPECT_TRUE(below.labels_only);
  EXPECT_EQ(below.lines.size(), 2u);
  StreamRegion joined = above[0];
  ASSERT_TRUE(continue_region(joined, below));
  const Table t = stream_table(joined);
  const auto at = places(t);
  ASSERT_TRUE(at.count("（五）不予处理"));
  EXPECT_EQ(at.at("（五）不予处理").second, 1);
  EXPECT_GT(at.at("（五）不予处理").first, at.at("（四）无法提供").first);
  // Text starting elsewhere is not a row of the table.
  const std::vector<Word> prose = {word("（四）无法提供", 100, 40, 200)};
  const StreamRegion other = page_top_labels(prose, 2);
  ASSERT_EQ(other.lines.size(), 1u);
  StreamRegion unchanged = above[0];
  EXPECT_FALSE(continue_region(unchanged, other));
  EXPECT_EQ(unchanged.lines.size(), above[0].lines.size());
}

// Columns from the header only where they agree with the figures: a header cell over two
// columns of figures is flagged, not guessed.
TEST(Stream, HeaderCellOverTwoFigureColumnsIsFlagged) {
  std::vector<Word> w = {word("自然人", 300, 90, 321), word("商业企业科研机构", 330, 90, 381),
                         word("其他", 390, 90, 411), word("社会", 420, 90, 441),
                         word("总计", 450, 90, 471)};
  for (double y : {110.0, 125.0}) {
    w.push_back(
        word(y < 120 ? "一、本年新收政府信息公开申请数量" : "二、上年结转政府信息公开申请数量", 80,
             y, 250));
    w.push_back(word("1", 335, y, 340));
    w.push_back(word("2", 368, y, 373));
  }
  const auto regions = find_stream_regions(w, 1);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_TRUE(stream_table(regions[0]).unplaced_columns);
}
