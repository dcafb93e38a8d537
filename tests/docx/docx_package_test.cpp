// The DOCX package as Word reads it: parts and relationships, the GB/T 9704 page setup
// (formats.md §9), fonts set East Asian and Latin apart, headings and tables in their sections,
// merged header cells as the national templates print them, and deterministic output.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "docx_test_util.h"

using namespace docx_test;

namespace {

struct Package {
  std::map<std::string, std::string> parts;
  pugi::xml_document document;
  pugi::xml_document styles;

  explicit Package(const std::string& bytes) : parts(unzip(bytes)) {
    parse(document, parts.at("word/document.xml"));
    parse(styles, parts.at("word/styles.xml"));
  }
  pugi::xml_node body() const { return document.child("w:document").child("w:body"); }
  pugi::xml_node style(const std::string& id) const {
    return styles.document_element().find_child_by_attribute("w:style", "w:styleId", id.c_str());
  }
  std::vector<pugi::xml_node> tables() const {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node n : body().children("w:tbl"))
      out.push_back(n);
    return out;
  }
};

// One cell of a w:tr as written: its text, grid column, span and vertical merge.
struct Tc {
  std::string text;
  int column = 0;
  int span = 1;
  enum class Merge { none, restart, continuation } merge = Merge::none;
};

std::vector<std::vector<Tc>> read_table(pugi::xml_node tbl) {
  std::vector<std::vector<Tc>> rows;
  for (pugi::xml_node tr : tbl.children("w:tr")) {
    std::vector<Tc> row;
    int column = 0;
    for (pugi::xml_node tc : tr.children("w:tc")) {
      Tc c;
      c.text = text_of(tc);
      c.column = column;
      const pugi::xml_node pr = tc.child("w:tcPr");
      if (pugi::xml_node span = pr.child("w:gridSpan")) c.span = span.attribute("w:val").as_int();
      if (pugi::xml_node merge = pr.child("w:vMerge"))
        c.merge = std::string_view(merge.attribute("w:val").value()) == "restart"
                      ? Tc::Merge::restart
                      : Tc::Merge::continuation;
      column += c.span;
      row.push_back(std::move(c));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// Each row as a reader sees it: the texts of its cells, a vertically merged cell counting in every
// row it covers.
std::vector<std::vector<std::string>> logical_rows(const std::vector<std::vector<Tc>>& rows) {
  std::vector<std::vector<std::string>> out;
  std::map<int, std::string> open;  // column → text of the merged cell above
  for (const auto& row : rows) {
    std::vector<std::string> texts;
    for (const Tc& c : row) {
      if (c.merge == Tc::Merge::continuation) {
        texts.push_back(open[c.column]);
      } else {
        texts.push_back(c.text);
        if (c.merge == Tc::Merge::restart)
          open[c.column] = c.text;
        else
          open.erase(c.column);
      }
    }
    out.push_back(std::move(texts));
  }
  return out;
}

std::vector<std::string> paragraph_texts(const Package& p, const std::string& style_id) {
  std::vector<std::string> out;
  for (pugi::xml_node para : p.body().children("w:p"))
    if (style_id == para.child("w:pPr").child("w:pStyle").attribute("w:val").value())
      out.push_back(text_of(para));
  return out;
}

std::string attr(pugi::xml_node n, const char* name) {
  return n.attribute(name).value();
}

}  // namespace

TEST(DocxPackage, HasThePartsWordNeedsWithTheirContentTypes) {
  const Package p(export_docx(kHuaibei2020));
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
        "word/footer2.xml", "docProps/core.xml", "docProps/app.xml"})
    EXPECT_TRUE(p.parts.count(part)) << part;
  // Every part is well-formed XML.
  for (const auto& [name, data] : p.parts) {
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_buffer(data.data(), data.size())) << name;
  }
  pugi::xml_document types;
  parse(types, p.parts.at("[Content_Types].xml"));
  auto override_type = [&](const std::string& part) {
    return attr(types.document_element().find_child_by_attribute("Override", "PartName",
                                                                 ("/" + part).c_str()),
                "ContentType");
  };
  EXPECT_EQ(override_type("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  EXPECT_EQ(override_type("word/footer1.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml");
  // Every relationship of the document points at a part of the package.
  pugi::xml_document rels;
  parse(rels, p.parts.at("word/_rels/document.xml.rels"));
  std::set<std::string> ids;
  for (pugi::xml_node r : rels.document_element().children("Relationship")) {
    EXPECT_TRUE(p.parts.count("word/" + attr(r, "Target"))) << attr(r, "Target");
    ids.insert(attr(r, "Id"));
  }
  for (pugi::xpath_node ref : p.document.select_nodes("//*[@r:id]"))
    EXPECT_TRUE(ids.count(attr(ref.node(), "r:id"))) << attr(ref.node(), "r:id");
}

// formats.md §9: A4; top 37 mm, left 28 mm, type area 156 × 225 mm (bottom 35, right 26).
TEST(DocxPackage, PageSetupFollowsGbT9704) {
  const Package p(export_docx(kHuaibei2020));
  const pugi::xml_node sect = p.body().last_child();
  ASSERT_STREQ(sect.name(), "w:sectPr");
  const auto twips = [](double mm) { return static_cast<int>(mm * 1440 / 25.4 + 0.5); };
  EXPECT_EQ(sect.child("w:pgSz").attribute("w:w").as_int(), twips(210));
  EXPECT_EQ(sect.child("w:pgSz").attribute("w:h").as_int(), twips(297));
  const pugi::xml_node margins = sect.child("w:pgMar");
  EXPECT_EQ(margins.attribute("w:top").as_int(), twips(37));
  EXPECT_EQ(margins.attribute("w:left").as_int(), twips(28));
  EXPECT_EQ(margins.attribute("w:bottom").as_int(), twips(35));
  EXPECT_EQ(margins.attribute("w:right").as_int(), twips(26));
  const int type_width = twips(210) - twips(28) - twips(26);
  EXPECT_NEAR(type_width, twips(156), 1);
  // Every table fills the type area exactly, and its cells add up to it row by row.
  for (pugi::xml_node tbl : p.tables()) {
    EXPECT_EQ(tbl.child("w:tblPr").child("w:tblW").attribute("w:w").as_int(), type_width);
    int grid = 0;
    for (pugi::xml_node col : tbl.child("w:tblGrid").children("w:gridCol"))
      grid += col.attribute("w:w").as_int();
    EXPECT_EQ(grid, type_width);
    for (pugi::xml_node tr : tbl.children("w:tr")) {
      int width = 0;
      for (pugi::xml_node tc : tr.children("w:tc"))
        width += tc.child("w:tcPr").child("w:tcW").attribute("w:w").as_int();
      EXPECT_EQ(width, type_width);
    }
  }
}

// Page numbers "— 1 —": odd pages right, even pages left (w:evenAndOddHeaders and two footers).
TEST(DocxPackage, PageNumbersOddRightEvenLeft) {
  const Package p(export_docx(kHuaibei2020));
  pugi::xml_document settings;
  parse(settings, p.parts.at("word/settings.xml"));
  EXPECT_TRUE(settings.document_element().child("w:evenAndOddHeaders"));
  pugi::xml_document rels;
  parse(rels, p.parts.at("word/_rels/document.xml.rels"));
  std::map<std::string, std::string> alignment;  // footer type → w:jc
  for (pugi::xml_node ref : p.body().last_child().children("w:footerReference")) {
    const std::string target = attr(rels.document_element().find_child_by_attribute(
                                        "Relationship", "Id", ref.attribute("r:id").value()),
                                    "Target");
    pugi::xml_document footer;
    parse(footer, p.parts.at("word/" + target));
    const pugi::xml_node para = footer.document_element().child("w:p");
    alignment[attr(ref, "w:type")] = attr(para.child("w:pPr").child("w:jc"), "w:val");
    EXPECT_EQ(text_of(para), "— 1 —");  // the PAGE field's cached result between the dashes
    EXPECT_NE(attr(para.select_node(".//w:instrText").node(), "xml:space"), "");
    EXPECT_NE(std::string(para.select_node(".//w:instrText").node().text().get()).find("PAGE"),
              std::string::npos);
  }
  EXPECT_EQ(alignment["default"], "right");  // odd pages
  EXPECT_EQ(alignment["even"], "left");
}

// Fonts: East Asian and Latin set apart in every style the document uses; the families and sizes
// of formats.md §9 (sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt).
TEST(DocxPackage, StylesSetEastAsianAndLatinFontsSeparately) {
  const Package p(export_docx(kHuaibei2020));
  std::set<std::string> used;
  for (pugi::xpath_node s : p.document.select_nodes("//w:pStyle | //w:rStyle"))
    used.insert(attr(s.node(), "w:val"));
  used.insert("Normal");
  used.insert("Footer");
  for (const auto& id : used) {
    const pugi::xml_node fonts = p.style(id).child("w:rPr").child("w:rFonts");
    ASSERT_TRUE(fonts) << id;
    EXPECT_FALSE(attr(fonts, "w:eastAsia").empty()) << id;
    EXPECT_FALSE(attr(fonts, "w:ascii").empty()) << id;
    EXPECT_FALSE(attr(fonts, "w:hAnsi").empty()) << id;
  }
  struct Expect {
    const char* style;
    const char* east_asian;
    int half_points;
  };
  for (const Expect& e :
       {Expect{"Normal", "仿宋_GB2312", 32}, Expect{"Title", "方正小标宋简体", 44},
        Expect{"Heading1", "黑体", 32}, Expect{"Heading2", "楷体_GB2312", 32},
        Expect{"Heading2Char", "楷体_GB2312", 32}, Expect{"ReportTableHeading", "黑体", 21},
        Expect{"ReportTableText", "仿宋_GB2312", 21},
        Expect{"ReportTableNumber", "仿宋_GB2312", 21}, Expect{"Footer", "宋体", 28}}) {
    const pugi::xml_node rpr = p.style(e.style).child("w:rPr");
    EXPECT_EQ(attr(rpr.child("w:rFonts"), "w:eastAsia"), e.east_asian) << e.style;
    EXPECT_EQ(rpr.child("w:sz").attribute("w:val").as_int(), e.half_points) << e.style;
  }
  EXPECT_EQ(attr(p.style("Normal").child("w:rPr").child("w:rFonts"), "w:ascii"), "Times New Roman");
  // Body: two-character first-line indent, 22 lines on the 225 mm type area (28.95 pt).
  const pugi::xml_node normal = p.style("Normal").child("w:pPr");
  EXPECT_EQ(normal.child("w:ind").attribute("w:firstLineChars").as_int(), 200);
  EXPECT_EQ(attr(normal.child("w:spacing"), "w:lineRule"), "exact");
  EXPECT_NEAR(normal.child("w:spacing").attribute("w:line").as_int() / 20.0, 225 / 22.0 * 72 / 25.4,
              0.1);
  EXPECT_EQ(attr(p.style("Title").child("w:pPr").child("w:jc"), "w:val"), "center");
}

// The title, then the preamble, then the six sections in the format's order, each heading with
// the 黑体 heading style, and tables 二 三 四 right in their sections.
TEST(DocxPackage, TitleSectionsAndTablesInOrder) {
  const nianbao::Report report = import(kHuaibei2020);
  const Package p(export_as("docx", report));
  const auto titles = paragraph_texts(p, "Title");
  ASSERT_EQ(titles.size(), 2u);
  EXPECT_EQ(titles[0], report.agency.name);
  EXPECT_EQ(titles[1], "2020年政府信息公开工作年度报告");

  const auto* format = engine().formats().find(report.format);
  ASSERT_NE(format, nullptr);
  std::vector<std::string> expected;
  for (const auto& s : format->sections)
    if (!s.heading.empty()) expected.push_back(s.heading);
  EXPECT_EQ(paragraph_texts(p, "Heading1"), expected);
  ASSERT_EQ(expected.size(), 6u);

  // What follows each heading: sections 二, 三, 四 hold a table before the next heading.
  std::vector<std::string> sequence;
  for (pugi::xml_node n : p.body().children()) {
    if (std::string_view(n.name()) == "w:tbl")
      sequence.push_back("table");
    else if (attr(n.child("w:pPr").child("w:pStyle"), "w:val") == "Heading1")
      sequence.push_back(text_of(n));
  }
  const std::vector<std::string> want = {expected[0], expected[1], "table",
                                         expected[2], "table",     expected[3],
                                         "table",     expected[4], expected[5]};
  EXPECT_EQ(sequence, want);
  // The preamble comes right after the title, as body text (the default style, no w:pStyle).
  bool found = false;
  for (pugi::xml_node n : p.body().children("w:p"))
    if (text_of(n) == report.sections.front().paragraphs.front().text) {
      EXPECT_FALSE(n.child("w:pPr").child("w:pStyle"));
      found = true;
    }
  EXPECT_TRUE(found);
}

// "（一）扎实做好主动公开。" alone is a 楷体 sub-heading; "（四）持续优化平台建设。全部完成…"
// starts with a 楷体 run-in heading followed by body text.
TEST(DocxPackage, SubheadingsInKaiti) {
  const Package p(export_docx(kHuaibei2020));
  const auto subheadings = paragraph_texts(p, "Heading2");
  EXPECT_NE(std::find(subheadings.begin(), subheadings.end(), "（一）扎实做好主动公开。"),
            subheadings.end());
  EXPECT_NE(std::find(subheadings.begin(), subheadings.end(), "（二）规范办理依申请公开"),
            subheadings.end());
  bool run_in = false;
  for (pugi::xml_node para : p.body().children("w:p")) {
    const pugi::xml_node first = para.child("w:r");
    if (text_of(first) != "（四）持续优化平台建设。") continue;
    run_in = true;
    EXPECT_EQ(attr(first.child("w:rPr").child("w:rStyle"), "w:val"), "Heading2Char");
    EXPECT_TRUE(
        text_of(para).starts_with("（四）持续优化平台建设。全部完成市政府网站群IPV6改造工作"));
    EXPECT_FALSE(para.child("w:pPr").child("w:pStyle"));  // a body paragraph
  }
  EXPECT_TRUE(run_in);
}

// Table 三's header as the national template prints it (formats.md §5): the 勾稽关系 note in the
// top-left cell over the three label columns; 申请人情况 over all seven number columns; 自然人 and
// 总计 merged down; 法人或其他组织 over its five columns, with no subtotal column.
TEST(DocxPackage, TableThreeHeaderIsMergedAsPrinted) {
  const Package p(export_docx(kHuaibei2020));
  const auto rows = read_table(p.tables().at(1));
  ASSERT_GE(rows.size(), 3u);
  const auto& top = rows[0];
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].text, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  EXPECT_EQ(top[0].span, 3);
  EXPECT_EQ(top[0].merge, Tc::Merge::restart);
  EXPECT_EQ(top[1].text, "申请人情况");
  EXPECT_EQ(top[1].span, 7);
  const auto& middle = rows[1];
  ASSERT_EQ(middle.size(), 4u);
  EXPECT_EQ(middle[0].merge, Tc::Merge::continuation);
  EXPECT_EQ(middle[1].text, "自然人");
  EXPECT_EQ(middle[1].merge, Tc::Merge::restart);
  EXPECT_EQ(middle[2].text, "法人或其他组织");
  EXPECT_EQ(middle[2].span, 5);
  EXPECT_EQ(middle[3].text, "总计");
  EXPECT_EQ(middle[3].merge, Tc::Merge::restart);
  const auto& leaves = rows[2];
  ASSERT_EQ(leaves.size(), 8u);
  EXPECT_EQ(leaves[0].merge, Tc::Merge::continuation);
  EXPECT_EQ(leaves[1].merge, Tc::Merge::continuation);
  EXPECT_EQ(leaves[7].merge, Tc::Merge::continuation);
  std::vector<std::string> names;
  for (std::size_t i = 2; i < 7; ++i)
    names.push_back(leaves[i].text);
  EXPECT_EQ(names, (std::vector<std::string>{"商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                             "其他"}));
  // The header rows repeat on every page the table runs over.
  std::size_t repeated = 0;
  for (pugi::xml_node tr : p.tables().at(1).children("w:tr"))
    if (tr.child("w:trPr").child("w:tblHeader")) ++repeated;
  EXPECT_EQ(repeated, 3u);
}

// Table 四 (layout rows_as_column_groups): a three-level header over one line of 15 numbers.
TEST(DocxPackage, TableFourIsOneLineUnderAThreeLevelHeader) {
  const Package p(export_docx(kHuaian2024));
  const auto rows = read_table(p.tables().at(2));
  ASSERT_EQ(rows.size(), 4u);
  ASSERT_EQ(rows[0].size(), 2u);
  EXPECT_EQ(rows[0][0].text, "行政复议");
  EXPECT_EQ(rows[0][0].span, 5);
  EXPECT_EQ(rows[0][0].merge, Tc::Merge::restart);
  EXPECT_EQ(rows[0][1].text, "行政诉讼");
  EXPECT_EQ(rows[0][1].span, 10);
  ASSERT_EQ(rows[1].size(), 3u);
  EXPECT_EQ(rows[1][0].merge, Tc::Merge::continuation);
  EXPECT_EQ(rows[1][1].text, "未经复议直接起诉");
  EXPECT_EQ(rows[1][1].span, 5);
  EXPECT_EQ(rows[1][2].text, "复议后起诉");
  EXPECT_EQ(rows[1][2].span, 5);
  ASSERT_EQ(rows[2].size(), 15u);
  for (std::size_t i = 0; i < 15; ++i)
    EXPECT_EQ(rows[2][i].text, (std::vector<std::string>{"结果维持", "结果纠正", "其他结果",
                                                         "尚未审结", "总计"}[i % 5]));
  ASSERT_EQ(rows[3].size(), 15u);
  // 淮安 2024: 复议 72 + 64 + 178 + 37 = 351; 诉讼 26 (direct) and 20 (after review) in total.
  EXPECT_EQ(rows[3][0].text, "72");
  EXPECT_EQ(rows[3][4].text, "351");
  EXPECT_EQ(rows[3][9].text, "26");
  EXPECT_EQ(rows[3][14].text, "20");
}

// FMT-01's tell: gov-2021 has three （六）其他处理 rows, gov-2019 one.
TEST(DocxPackage, OtherProcessingRowsFollowTheFormat) {
  auto other_rows = [](const std::string& report) {
    const Package p(export_docx(report));
    std::vector<std::vector<std::string>> out;
    for (const auto& row : logical_rows(read_table(p.tables().at(1))))
      if (std::find(row.begin(), row.end(), "（六）其他处理") != row.end()) out.push_back(row);
    return out;
  };
  const auto gov2021 = other_rows(kPingtan2021);
  ASSERT_EQ(gov2021.size(), 3u);
  EXPECT_EQ(gov2021[0][0], "三、本年度办理结果");
  EXPECT_EQ(gov2021[0][2], "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
  EXPECT_EQ(gov2021[1][2],
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
  EXPECT_EQ(gov2021[2][2], "3.其他");
  const auto gov2019 = other_rows(kHuaibei2020);
  ASSERT_EQ(gov2019.size(), 1u);
  // One row: its label spans the two inner label columns; 自然人 1, 总计 1 (淮北 2020).
  EXPECT_EQ(gov2019[0], (std::vector<std::string>{"三、本年度办理结果", "（六）其他处理", "1", "0",
                                                  "0", "0", "0", "0", "1"}));
}

// Every grid is rectangular, and every continuation of a vertical merge sits under a merged cell
// of the same column and span: what Word and python-docx need to read the table.
TEST(DocxPackage, EveryTableGridIsConsistent) {
  for (const auto& report : {kHuaibei2020, kPingtan2021, kHuaian2024}) {
    const Package p(export_docx(report));
    for (pugi::xml_node tbl : p.tables()) {
      int columns = 0;
      for (pugi::xml_node col : tbl.child("w:tblGrid").children("w:gridCol")) {
        (void)col;
        ++columns;
      }
      const auto rows = read_table(tbl);
      std::map<int, int> open;  // column → span of the merged cell above
      for (const auto& row : rows) {
        int covered = 0;
        std::map<int, int> next;
        for (const Tc& c : row) {
          covered += c.span;
          if (c.merge == Tc::Merge::continuation) {
            ASSERT_TRUE(open.count(c.column)) << report << " column " << c.column;
            EXPECT_EQ(open[c.column], c.span);
          }
          if (c.merge != Tc::Merge::none) next[c.column] = c.span;
        }
        EXPECT_EQ(covered, columns) << report;
        open = next;
      }
    }
  }
}

// Cells: a number as written (its raw text when the source kept one), blank as empty,
// not-applicable as its raw text, money with its unit unless the label names it.
TEST(DocxPackage, CellsAreWrittenAsTheSourceWroteThem) {
  nianbao::Report report = import(kHuaibei2020);
  auto& applications = report.table("applications");
  applications.row("new").set("commercial", nianbao::Cell::blank());
  applications.row("new").set("research", nianbao::Cell::not_applicable("—"));
  nianbao::Cell raw = nianbao::Cell::count(36);
  raw.raw = "３６件";
  applications.row("new").set("natural_person", raw);
  nianbao::Cell amount = nianbao::Cell::number(*nianbao::Decimal::parse("251000"));
  amount.unit = "元";
  report.table("proactive").row("procurement").set("amount", amount);
  const Package p(export_as("docx", report));
  const auto table3 = logical_rows(read_table(p.tables().at(1)));
  const auto new_row = std::find_if(table3.begin(), table3.end(), [](const auto& row) {
    return row.front() == "一、本年新收政府信息公开申请数量";
  });
  ASSERT_NE(new_row, table3.end());
  EXPECT_EQ((*new_row)[1], "３６件");
  EXPECT_EQ((*new_row)[2], "");
  EXPECT_EQ((*new_row)[3], "—");
  const auto table2 = logical_rows(read_table(p.tables().at(0)));
  EXPECT_NE(std::find(table2.begin(), table2.end(),
                      std::vector<std::string>{"政府集中采购", "5", "251000元"}),
            table2.end());

  // gov-2021: 本年收费金额（单位：万元） names the unit; the cell keeps all six decimals.
  const Package p2021(export_docx(kPingtan2021));
  const auto fees = logical_rows(read_table(p2021.tables().at(0)));
  EXPECT_NE(std::find(fees.begin(), fees.end(),
                      std::vector<std::string>{"行政事业性收费", "24252.311082"}),
            fees.end());
}

// Text that is not XML-safe is written safely: markup characters escaped, control characters
// dropped, invalid UTF-8 replaced.
TEST(DocxPackage, ProseIsWrittenSafely) {
  nianbao::Report report = import(kHuaibei2020);
  report.section("problems")
      .paragraphs.push_back({std::string("a < b & c > d \x01 \xFF end\nsecond line"), {}});
  const Package p(export_as("docx", report));
  bool found = false;
  for (pugi::xml_node para : p.body().children("w:p")) {
    const std::string text = text_of(para);
    if (!text.starts_with("a < b & c > d")) continue;
    found = true;
    EXPECT_EQ(text, "a < b & c > d  \xEF\xBF\xBD endsecond line");
    EXPECT_TRUE(para.select_node(".//w:br"));  // the line feed
  }
  EXPECT_TRUE(found);
}

// The same report gives the same bytes, from any number of threads at once.
TEST(DocxPackage, DeterministicAndSafeToCallConcurrently) {
  const nianbao::Report report = import(kPingtan2021);
  const std::string first = export_as("docx", report);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&] { r = export_as("docx", report); });
  for (auto& t : threads)
    t.join();
  for (const auto& r : results)
    EXPECT_EQ(r, first);
}

TEST(DocxPackage, UnknownOptionIsRefused) {
  try {
    export_docx(kHuaibei2020, {{"paper", "letter"}});
    FAIL() << "no error";
  } catch (const nianbao::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "DOCX-03");
    EXPECT_EQ(*e.diagnostic().find_arg("option"), "paper");
  }
}
