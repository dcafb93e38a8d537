// The web page reader block by block: what published report pages hold — tables with colspan and
// rowspan, &nbsp;, markup nested in cells, line breaks, scripts and styles, layout tables — in
// every encoding Chinese sites use, and what a hostile page does (refused quickly, with the file
// and the line).
#include <gtest/gtest.h>
#include <iconv.h>

#include <chrono>
#include <stdexcept>

#include "document_blocks.h"
#include "html_limits.h"
#include "html_reader.h"
#include "time_bound.h"

namespace {

using nianbao::InputError;
using nianbao::document::Block;
using nianbao::document::Document;
namespace html = nianbao::html_import;

Document read(const std::string& page) {
  return html::read_page(page, "p.html");
}

std::string body(const std::string& inner) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>标题</title></head><body>" +
         inner + "</body></html>";
}

using document_blocks::merge_at;
using document_blocks::paragraphs;
using document_blocks::tables;
using document_blocks::text_at;

// UTF-8 text in another encoding, as a site would save it.
std::string encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open");
  std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t left = in.size(), room = out.size();
  const std::size_t r = iconv(cd, &src, &left, &dst, &room);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) throw std::runtime_error("iconv");
  out.resize(out.size() - room);
  return out;
}

nianbao::Diagnostic refused(const std::string& bytes) {
  try {
    html::read_page(bytes, "bad.html");
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().location.source.file, "bad.html");
    EXPECT_EQ(e.diagnostic().plugin, "html-importer");
    return e.diagnostic();
  }
  ADD_FAILURE() << "not refused";
  return {};
}

TEST(HtmlReader, ParagraphsWhiteSpaceBreaksAndWhatIsNotShown) {
  const Document d = read(body(
      "<script>document.write('<p>不是正文</p>')</script><style>p{}</style>"
      "<nav><a href=/>首页</a> &gt; 信息公开</nav>"
      "<div class=title><h1><span>淮北市人民政府办公室</span><span>2020年政府信息公开工作年度报告"
      "</span></h1></div>\n"
      "<p>&nbsp;&nbsp;本年报\n   依据<b>《条例》</b>编制。<br>第二行<br/></p>"
      "<p style=\"display: none\">隐藏</p><p hidden>也隐藏</p><!-- 注释 -->"
      "<div>一、总体情况<div>（一）嵌套的块</div>尾</div><pre>  原样\n  保留</pre>"
      "<ul><li>甲<li>乙</ul>"));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{
                               "淮北市人民政府办公室2020年政府信息公开工作年度报告",
                               "\u00a0\u00a0本年报 依据《条例》编制。\n第二行", "一、总体情况",
                               "（一）嵌套的块", "尾", "原样\n  保留", "甲", "乙"}));
  EXPECT_EQ(d.blocks[1].source.line, 2);  // the line of the page where it starts
  EXPECT_EQ(d.blocks[1].source.paragraph, 2);
  EXPECT_EQ(d.end.paragraph, 8);
}

// Table 三's header as published: 申请人情况 over seven columns, 法人或其他组织 over five, the
// label columns merged down; cells in <p><span>, &nbsp; for blank, numbers split by markup.
TEST(HtmlReader, TablesWithColspanRowspanAndNestedMarkup) {
  const Document d = read(body(
      "<p>三、收到和处理政府信息公开申请情况</p><table border=1><tbody>"
      "<tr><td colspan=3 rowspan=3><p><span>（本列数据的勾稽关系为：…）</span></p></td>"
      "<td colspan=7>申请人情况</td></tr>"
      "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
      "<tr><td>商业<br>企业</td><td>科研\n机构</td><td>社会公益组织</td><td>法律服务机构</td>"
      "<td>其他</td></tr>"
      "<tr><td colspan=3><p class=MsoNormal><span lang=EN-US>一、本年新收政府信息公开申请数量"
      "</span></p></td><td><p><span>3</span><span>6</span></p></td><td>&nbsp;</td>"
      "<td>　</td><td>0</td><td>0</td><td>0</td><td><b>36</b></td></tr>"
      "</tbody></table>"));
  const auto t = tables(d);
  ASSERT_EQ(t.size(), 1u);
  const Block& b = *t[0];
  EXPECT_EQ(b.table.name, "表1");
  EXPECT_EQ(b.source.pointer, "表1");
  EXPECT_EQ(merge_at(b, 2, 2), "0,0-2,2");
  EXPECT_EQ(text_at(b, 0, 3), "申请人情况");
  EXPECT_EQ(merge_at(b, 0, 9), "0,3-0,9");
  EXPECT_EQ(text_at(b, 1, 3), "自然人");
  EXPECT_EQ(merge_at(b, 2, 3), "1,3-2,3");
  EXPECT_EQ(text_at(b, 1, 9), "总计");
  EXPECT_EQ(text_at(b, 2, 4), "商业\n企业");
  EXPECT_EQ(text_at(b, 2, 5), "科研 机构");
  EXPECT_EQ(text_at(b, 2, 8), "其他");
  EXPECT_EQ(text_at(b, 3, 0), "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(text_at(b, 3, 3), "36");
  EXPECT_EQ(b.table.at(3, 4), nullptr);  // &nbsp;
  EXPECT_EQ(b.table.at(3, 5), nullptr);  // an ideographic space
  EXPECT_EQ(text_at(b, 3, 9), "36");
  EXPECT_EQ(b.table.at(3, 3)->source.pointer, "表1 第4行第4列");
  // rowspan="0" reaches the end of the table; spans beyond it are cut there.
  const Document z =
      read(body("<table><tr><td rowspan=0>甲</td><td>1</td></tr><tr><td>2</td></tr>"
                "<tr><td colspan=2 rowspan=9>乙</td></tr></table>"));
  const Block& zb = *tables(z).at(0);
  EXPECT_EQ(merge_at(zb, 2, 0), "0,0-2,0");
  EXPECT_EQ(text_at(zb, 1, 1), "2");
  EXPECT_EQ(text_at(zb, 2, 1), "乙");
  EXPECT_EQ(merge_at(zb, 2, 2), "2,1-2,2");
}

// Government sites lay their pages out with tables: a frame of one cell, or cells holding the
// content and its tables.
TEST(HtmlReader, LayoutTablesAreReadInPlace) {
  const Document d =
      read(body("<table width=1000><tr><td>网站标题</td></tr><tr><td>"
                "<table><tr><td><p>二、主动公开政府信息情况</p>"
                "<table><tr><td>信息内容</td><td>本年制发件数</td></tr></table>"
                "<p>三、收到</p></td></tr></table></td></tr></table>"));
  ASSERT_EQ(d.blocks.size(), 4u);
  EXPECT_EQ(d.blocks[0].text, "网站标题");
  EXPECT_EQ(d.blocks[1].text, "二、主动公开政府信息情况");
  EXPECT_EQ(d.blocks[2].table.name, "表1");
  EXPECT_EQ(text_at(d.blocks[2], 0, 1), "本年制发件数");
  EXPECT_EQ(d.blocks[3].text, "三、收到");
}

// ---- encodings ----------------------------------------------------------------------------------

const std::string kChinese = "<p>收到和处理政府信息公开申请情况，“三安全一稳定”，镕</p>";

TEST(HtmlEncoding, DeclaredCharsets) {
  for (const char* label : {"gbk", "GB2312", "gb18030"}) {
    const std::string page = "<html><head><meta charset=\"" + std::string(label) +
                             "\"></head><body>" + encode(kChinese, "GB18030") + "</body></html>";
    EXPECT_EQ(paragraphs(read(page)),
              std::vector<std::string>{"收到和处理政府信息公开申请情况，“三安全一稳定”，镕"})
        << label;
  }
  const std::string http_equiv =
      "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\">"
      "</head><body>" +
      encode(kChinese, "GB18030") + "</body></html>";
  EXPECT_EQ(html::decode_page(http_equiv, "p.html").encoding, "GB18030 (gb2312)");
  EXPECT_EQ(paragraphs(read(http_equiv)).at(0),
            "收到和处理政府信息公开申请情况，“三安全一稳定”，镕");
  const std::string big5 = "<meta charset=big5><p>" + encode("政府資訊公開", "BIG5") + "</p>";
  EXPECT_EQ(paragraphs(read(big5)).at(0), "政府資訊公開");
}

TEST(HtmlEncoding, DetectedWithoutDeclaration) {
  // GBK bytes, nothing declared: not UTF-8, so GB18030.
  EXPECT_EQ(html::decode_page(encode(kChinese, "GBK"), "p.html").encoding, "GB18030");
  EXPECT_EQ(paragraphs(read(encode(kChinese, "GBK"))).at(0),
            "收到和处理政府信息公开申请情况，“三安全一稳定”，镕");
  // Byte order marks.
  EXPECT_EQ(paragraphs(read("\xEF\xBB\xBF" + kChinese)).at(0),
            "收到和处理政府信息公开申请情况，“三安全一稳定”，镕");
  EXPECT_EQ(paragraphs(read("\xFF\xFE" + encode(kChinese, "UTF-16LE"))).at(0),
            "收到和处理政府信息公开申请情况，“三安全一稳定”，镕");
  // A template declaring gb2312 around UTF-8 content; one declaring UTF-8 around GBK content.
  EXPECT_EQ(html::decode_page("<meta charset=gb2312>" + kChinese, "p.html").encoding,
            "UTF-8 (gb2312)");
  EXPECT_EQ(paragraphs(read("<meta charset=utf-8>" + encode(kChinese, "GBK"))).at(0),
            "收到和处理政府信息公开申请情况，“三安全一稳定”，镕");
}

TEST(HtmlEncoding, NoEncodingApplies) {
  auto d = refused("<p>\x81\x30</p>\n<p>\xFF\xFF\xFF</p>");
  EXPECT_EQ(d.code, "HTML-02");
  EXPECT_EQ(d.message_id, "html.bad_encoding");
  d = refused("<meta charset=big5><p>\xFF\xFF\xFF\xFF</p>");
  EXPECT_EQ(d.code, "HTML-02");
  EXPECT_EQ(d.message_id, "html.bad_declared_encoding");
}

// ---- hostile pages ------------------------------------------------------------------------------

using nianbao::test::seconds_since;

TEST(HtmlHostile, EmptyBinaryAndTooLarge) {
  EXPECT_EQ(refused("").message_id, "html.empty");
  auto d = refused(std::string("PK\x03\x04\0\0\x08\0", 8));
  EXPECT_EQ(d.code, "HTML-02");
  EXPECT_EQ(d.message_id, "html.binary");
  d = refused(std::string(html::kMaxPageBytes + 1, ' '));
  EXPECT_EQ(d.code, "HTML-03");
  EXPECT_EQ(d.message_id, "html.limit_size");
  std::string tags;
  for (std::size_t i = 0; i <= html::kMaxTags; ++i)
    tags += "<br>";
  d = refused(tags);
  EXPECT_EQ(d.message_id, "html.limit_tags");
}

// Nesting 200000 deep, whichever way the parser would build it, is refused before it parses.
TEST(HtmlHostile, DeepNesting) {
  const auto start = std::chrono::steady_clock::now();
  std::string divs;
  for (int i = 0; i < 200000; ++i)
    divs += "<div>";
  auto d = refused(divs);
  EXPECT_EQ(d.code, "HTML-03");
  EXPECT_EQ(d.message_id, "html.limit_depth");
  EXPECT_EQ(d.location.source.line, 1);
  // End tags of elements that are not open are ignored by the parser.
  std::string stray;
  for (int i = 0; i < 200000; ++i)
    stray += "<span></b>";
  EXPECT_EQ(refused(stray).message_id, "html.limit_depth");
  // Formatting elements are reopened inside each new block: closing the block does not help.
  std::string reopened = "<p>";
  for (int i = 0; i < 200000; ++i)
    reopened += "<b id=" + std::to_string(i) + ">";
  reopened += "</p><p>x";
  EXPECT_EQ(refused(reopened).message_id, "html.limit_depth");
  std::string tables;
  for (int i = 0; i < 100000; ++i)
    tables += "<table><tr><td>";
  EXPECT_EQ(refused(tables).message_id, "html.limit_depth");
  EXPECT_LT(seconds_since(start), nianbao::test::time_bound(20.0));
}

// Sloppy but real pages are not deep: unclosed paragraphs, list items, cells and fonts.
TEST(HtmlHostile, SloppyPagesAreNotTooDeep) {
  std::string page = "<table>";
  for (int i = 0; i < 3000; ++i)
    page += "<tr><td><font size=3>" + std::to_string(i) + "<td><p>x<li>y";
  page += "</table>";
  for (int i = 0; i < 3000; ++i)
    page += "<p><font face=宋体><span>段落" + std::to_string(i);
  EXPECT_NO_THROW(read(page));
}

TEST(HtmlHostile, TableLimits) {
  auto d = refused("<table><tr><td>a<td colspan=999>b<td colspan=999>c</table>");
  EXPECT_EQ(d.code, "HTML-03");
  EXPECT_EQ(d.message_id, "html.limit_columns");
  std::string rows = "<table>";
  for (int i = 0; i <= html::kMaxTableRows; ++i)
    rows += "<tr><td>1<td>2";
  d = refused(rows + "</table>");
  EXPECT_EQ(d.message_id, "html.limit_rows");
}

}  // namespace
