// The printed layout shared by the DOCX and HTML exporters: tables laid out from the format
// definitions (spans as the national templates print them), paragraphs classified, cell texts,
// column widths.
#include "print/print_layout.h"
#include <gtest/gtest.h>

#include <numeric>

#include "docx_test_util.h"

using namespace docx_test;
namespace print = nianbao::print;

namespace {

const nianbao::FormatDefinition& format(const std::string& id) {
  const auto* f = engine().formats().find(id);
  if (!f) throw std::runtime_error("no format " + id);
  return *f;
}

const print::TableCell* find(const print::Table& t, const std::string& text, int from_row = 0) {
  for (const auto& c : t.cells)
    if (c.text == text && c.row >= from_row) return &c;
  return nullptr;
}

print::Table table(const std::string& format_id, const std::string& key,
                   const nianbao::Report& report = {}) {
  return print::lay_out_table(*format(format_id).find_table(key), report);
}

// Every grid position is covered by exactly one cell.
void expect_tiled(const print::Table& t) {
  std::vector<int> hits(t.rows.size() * static_cast<std::size_t>(t.columns), 0);
  for (const auto& c : t.cells)
    for (int r = c.row; r < c.row + c.row_span; ++r)
      for (int k = c.column; k < c.column + c.column_span; ++k) {
        ASSERT_LT(static_cast<std::size_t>(r), t.rows.size());
        ASSERT_LT(k, t.columns);
        ++hits[static_cast<std::size_t>(r * t.columns + k)];
      }
  for (std::size_t i = 0; i < hits.size(); ++i)
    EXPECT_EQ(hits[i], 1) << "grid position " << i;
}

}  // namespace

TEST(PrintLayout, TableThreeGov2021) {
  const auto t = table("gov-2021", "applications");
  expect_tiled(t);
  EXPECT_EQ(t.columns, 10);  // 3 label columns + 7 numbers (formats.md §9)
  EXPECT_EQ(t.label_columns, 3);
  EXPECT_EQ(t.repeat_header_rows, 3);
  const auto* corner =
      find(t, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  ASSERT_NE(corner, nullptr);
  EXPECT_EQ(corner->kind, print::TableCell::Kind::corner);
  EXPECT_EQ(corner->row_span, 3);
  EXPECT_EQ(corner->column_span, 3);
  const auto* applicants = find(t, "申请人情况");
  ASSERT_NE(applicants, nullptr);
  EXPECT_EQ(applicants->column_span, 7);
  EXPECT_TRUE(applicants->spans_columns);
  const auto* organisations = find(t, "法人或其他组织");
  ASSERT_NE(organisations, nullptr);
  EXPECT_EQ(organisations->column, 4);
  EXPECT_EQ(organisations->column_span, 5);
  EXPECT_EQ(find(t, "自然人")->row_span, 2);
  EXPECT_EQ(find(t, "总计")->row_span, 2);
  EXPECT_EQ(find(t, "商业企业")->row, 2);
  // Row groups: 三、本年度办理结果 over every outcome row, （六）其他处理 over its three rows.
  const auto* results = find(t, "三、本年度办理结果");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(results->kind, print::TableCell::Kind::row_group);
  EXPECT_EQ(results->row_span, 22);  // （一）（二）, 8 + 3 + 5 + 3 sub-rows, （七）
  const auto* other = find(t, "（六）其他处理");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->kind, print::TableCell::Kind::row_group);
  EXPECT_EQ(other->row_span, 3);
  const auto* first_row = find(t, "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(first_row->column, 0);
  EXPECT_EQ(first_row->column_span, 3);
  EXPECT_EQ(find(t, "（一）予以公开")->column_span, 2);
  EXPECT_EQ(find(t, "3.其他")->column_span, 1);
}

TEST(PrintLayout, TableThreeGov2019HasOneOtherRow) {
  const auto t = table("gov-2019", "applications");
  expect_tiled(t);
  const auto* other = find(t, "（六）其他处理");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->kind, print::TableCell::Kind::row_label);
  EXPECT_EQ(other->column, 1);
  EXPECT_EQ(other->column_span, 2);
}

// Table 四 (rows_as_column_groups): 行政复议 merged down over two levels, 行政诉讼 over ten
// columns, and one line of 15 values in the order review, direct, after review.
TEST(PrintLayout, TableFourIsOneLineOfFifteen) {
  nianbao::Report report;
  report.table("review_litigation")
      .row("litigation_after_review")
      .set("total", nianbao::Cell::count(9));
  const auto t = table("gov-2021", "review_litigation", report);
  expect_tiled(t);
  EXPECT_EQ(t.columns, 15);
  EXPECT_EQ(t.label_columns, 0);
  ASSERT_EQ(t.rows.size(), 4u);
  const auto* review = find(t, "行政复议");
  EXPECT_EQ(review->row_span, 2);
  EXPECT_EQ(review->column_span, 5);
  EXPECT_EQ(find(t, "行政诉讼")->column_span, 10);
  EXPECT_EQ(find(t, "复议后起诉")->column, 10);
  int values = 0;
  for (const auto& c : t.cells)
    if (c.kind == print::TableCell::Kind::value) {
      ++values;
      EXPECT_EQ(c.row, 3);
    }
  EXPECT_EQ(values, 15);
  EXPECT_EQ(t.cells.back().text, "9");
  EXPECT_EQ(t.cells.back().row_key, "litigation_after_review");
  EXPECT_EQ(t.cells.back().column_key, "total");
}

// Table 二: one caption row per 第二十条 item; a block with fewer columns than the widest lets its
// last column span the rest (gov-2021 （五）: 本年处理决定数量 over three columns).
TEST(PrintLayout, TableTwoBlocks) {
  const auto t = table("gov-2021", "proactive");
  expect_tiled(t);
  EXPECT_EQ(t.columns, 4);
  EXPECT_EQ(t.repeat_header_rows, 0);
  int captions = 0;
  for (const auto& c : t.cells)
    if (c.kind == print::TableCell::Kind::block_caption) {
      ++captions;
      EXPECT_EQ(c.column_span, 4);
    }
  EXPECT_EQ(captions, 4);
  const auto* decisions = find(t, "本年处理决定数量");
  EXPECT_EQ(decisions->column, 1);
  EXPECT_EQ(decisions->column_span, 3);
  const auto* fees = find(t, "本年收费金额（单位：万元）");
  EXPECT_EQ(fees->column_span, 3);
}

TEST(PrintLayout, CellTexts) {
  nianbao::ColumnDef count;
  count.type = nianbao::ValueType::count;
  EXPECT_EQ(print::cell_text(nullptr, count), "");
  const nianbao::Cell blank = nianbao::Cell::blank();
  EXPECT_EQ(print::cell_text(&blank, count), "");
  const nianbao::Cell na = nianbao::Cell::not_applicable("/");
  EXPECT_EQ(print::cell_text(&na, count), "/");
  const nianbao::Cell na_bare = nianbao::Cell::not_applicable("");
  EXPECT_EQ(print::cell_text(&na_bare, count), "/");
  nianbao::Cell raw = nianbao::Cell::count(3985758);
  EXPECT_EQ(print::cell_text(&raw, count), "3985758");
  raw.raw = "3,985,758";
  EXPECT_EQ(print::cell_text(&raw, count), "3,985,758");

  nianbao::ColumnDef free_unit;  // gov-2019 采购总金额: the unit as the source wrote it
  free_unit.type = nianbao::ValueType::money;
  nianbao::Cell money = nianbao::Cell::number(*nianbao::Decimal::parse("299.80"));
  EXPECT_EQ(print::cell_text(&money, free_unit), "299.80");
  money.unit = "万元";
  EXPECT_EQ(print::cell_text(&money, free_unit), "299.80万元");
  nianbao::ColumnDef fixed_unit = free_unit;  // gov-2021 本年收费金额（单位：万元）
  fixed_unit.unit = "万元";
  EXPECT_EQ(print::cell_text(&money, fixed_unit), "299.80");
  money.unit = "元";
  EXPECT_EQ(print::cell_text(&money, fixed_unit), "299.80元");
}

// Paragraphs: section headings from the format; "（一）…" sub-headings whole or run-in; the
// closing lines from the publication date.
TEST(PrintLayout, DocumentOutline) {
  nianbao::Report report;
  report.format = "gov-2021";
  report.year = 2022;
  report.published = "2023-02-20";
  report.agency.name = "平潭综合实验区";
  auto& overview = report.section("overview").paragraphs;
  overview.push_back({"\xE3\x80\x80\xE3\x80\x80（一）主动公开。", {}});
  overview.push_back({"（二）依申请公开。全年共收到申请75件。", {}});
  overview.push_back({"（三）" + std::string(60, 'x') + "。后文", {}});
  overview.push_back({"一般段落。", {}});
  const auto doc = print::lay_out(report, format("gov-2021"));
  EXPECT_EQ(doc.title_lines,
            (std::vector<std::string>{"平潭综合实验区", "2022年政府信息公开工作年度报告"}));
  std::vector<std::string> headings;
  std::vector<const print::Paragraph*> prose;
  int tables = 0;
  for (const auto& block : doc.blocks) {
    if (const auto* p = std::get_if<print::Paragraph>(&block)) {
      if (p->kind == print::Paragraph::Kind::heading)
        headings.push_back(p->text);
      else
        prose.push_back(p);
    } else {
      ++tables;
    }
  }
  EXPECT_EQ(headings.size(), 6u);
  EXPECT_EQ(headings.front(), "一、总体情况");
  EXPECT_EQ(tables, 3);
  ASSERT_EQ(prose.size(), 6u);
  EXPECT_EQ(prose[0]->kind, print::Paragraph::Kind::subheading);
  EXPECT_EQ(prose[0]->text, "（一）主动公开。");  // the manual indent is dropped
  EXPECT_EQ(prose[1]->kind, print::Paragraph::Kind::body);
  EXPECT_EQ(prose[1]->lead, "（二）依申请公开。");
  EXPECT_EQ(prose[1]->text, "全年共收到申请75件。");
  EXPECT_EQ(prose[2]->lead, "");  // too long for a heading: prose that starts with a number
  EXPECT_EQ(prose[3]->lead, "");
  EXPECT_EQ(prose[4]->kind, print::Paragraph::Kind::signature);
  EXPECT_EQ(prose[4]->text, "平潭综合实验区");
  EXPECT_EQ(prose[5]->text, "2023年2月20日");
}

TEST(PrintLayout, WidthsFillTheTypeAreaAndFitTheHeaders) {
  for (const auto& [format_id, key] :
       std::vector<std::pair<std::string, std::string>>{{"gov-2019", "proactive"},
                                                        {"gov-2021", "applications"},
                                                        {"gov-2021", "review_litigation"}}) {
    const auto t = table(format_id, key);
    const auto widths = print::fit_column_widths(t, 42.1, 0.54);
    ASSERT_EQ(widths.size(), static_cast<std::size_t>(t.columns));
    EXPECT_NEAR(std::accumulate(widths.begin(), widths.end(), 0.0), 42.1, 1e-9) << key;
    // Every number column has room for two characters a line after its cell margins.
    for (int c = t.label_columns; c < t.columns; ++c)
      EXPECT_GE(widths[static_cast<std::size_t>(c)] - 0.54, 2.0) << key << " column " << c;
  }
  // Table 三: the row labels get what the numbers leave, within reason.
  const auto t = table("gov-2021", "applications");
  const auto widths = print::fit_column_widths(t, 42.1, 0.54);
  EXPECT_GE(widths[2], 6.0);
  EXPECT_LE(widths[2], 17.0);
}

TEST(PrintLayout, CleanText) {
  EXPECT_EQ(print::clean_text("正文\x01\x1F\tA\nB"), "正文\tA\nB");
  EXPECT_EQ(print::clean_text("a\xC3(b"), "a\xEF\xBF\xBD(b");
  EXPECT_EQ(print::clean_text("\xED\xA0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                     // surrogate
  EXPECT_EQ(print::clean_text("\xE4\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
  EXPECT_EQ(print::chinese_date("2022-02-08"), "2022年2月8日");
  EXPECT_EQ(print::chinese_date("2022-13-08"), "");
  EXPECT_EQ(print::chinese_date("2022/02/08"), "");
}
