// The WordprocessingML reader block by block: what Word, WPS and LibreOffice write into the
// document.xml of a report — merged cells, text split into runs and paragraphs, tracked changes,
// content controls, fields, hidden text, layout tables — and what a hostile package does, each
// read into paragraphs and tables (or refused with the file and the part named).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "document_blocks.h"
#include "docx_limits.h"
#include "numbering.h"
#include "raw_zip.h"
#include "time_bound.h"
#include "wordml_reader.h"
#include "zip/zip_writer.h"

namespace {

using nianbao::InputError;
using nianbao::document::Block;
using nianbao::document::Document;
namespace docx = nianbao::docx_import;

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
    "PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+"
    "xml\"/></Types>";
constexpr const char* kRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

std::string document_xml(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
         "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
         body + "</w:body></w:document>";
}

std::string docx_of(const std::string& body) {
  return nianbao::zip::write_archive({{"[Content_Types].xml", kContentTypes},
                                      {"_rels/.rels", kRels},
                                      {"word/document.xml", document_xml(body)}});
}

Document read(const std::string& body) {
  return docx::read_document(docx_of(body), "r.docx");
}

std::string p(const std::string& inner) {
  return "<w:p>" + inner + "</w:p>";
}
std::string r(const std::string& text) {
  return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}
std::string tc(const std::string& inner, const std::string& pr = "") {
  return "<w:tc><w:tcPr>" + pr + "</w:tcPr>" + inner + "</w:tc>";
}
std::string tr(const std::string& cells, const std::string& pr = "") {
  return "<w:tr>" + (pr.empty() ? "" : "<w:trPr>" + pr + "</w:trPr>") + cells + "</w:tr>";
}
std::string tbl(const std::string& rows) {
  return "<w:tbl><w:tblPr/>" + rows + "</w:tbl>";
}

using document_blocks::merge_at;
using document_blocks::paragraphs;
using document_blocks::tables;
using document_blocks::text_at;

nianbao::Diagnostic refused(const std::string& bytes, const std::string& path = "bad.docx") {
  try {
    docx::read_document(bytes, path);
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().location.source.file, path);
    EXPECT_EQ(e.diagnostic().plugin, "docx-importer");
    return e.diagnostic();
  }
  ADD_FAILURE() << "not refused";
  return {};
}

TEST(WordmlReader, ParagraphsRunsTabsAndBreaks) {
  const Document d = read(p(r("本年报") + r("依据") +
                            "<w:r><w:t>《条例》</w:t><w:tab/><w:t>编制</w:t>"
                            "<w:br/><w:t>第二行</w:t></w:r>") +
                          p("") + p(r("　 ")) + p(r("二、主动公开政府信息情况")));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"本年报依据《条例》\t编制\n第二行",
                                                     "二、主动公开政府信息情况"}));
  // Numbered among the paragraphs that hold text, in reading order.
  EXPECT_EQ(d.blocks[0].source.paragraph, 1);
  EXPECT_EQ(d.blocks[1].source.paragraph, 2);
  EXPECT_EQ(d.blocks[1].source.file, "r.docx");
}

TEST(WordmlReader, TrackedChangesTakeTheInsertedText) {
  const Document d =
      read(p(r("受理申请") + "<w:del w:id=\"1\"><w:r><w:delText>35</w:delText></w:r></w:del>" +
             "<w:ins w:id=\"2\"><w:r><w:t>36</w:t></w:r></w:ins>" + r("件。")) +
           // A paragraph whose mark was deleted runs on into the next one.
           "<w:p><w:pPr><w:rPr><w:del w:id=\"3\"/></w:rPr></w:pPr>" + r("三、收到和处理") +
           "</w:p>" + p(r("政府信息公开申请情况")) + "<w:p><w:moveFrom w:id=\"4\">" + r("旧位置") +
           "</w:moveFrom><w:moveTo w:id=\"5\">" + r("新位置") + "</w:moveTo></w:p>");
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{
                               "受理申请36件。", "三、收到和处理政府信息公开申请情况", "新位置"}));
}

TEST(WordmlReader, FieldsHiddenTextContentControlsAndLinks) {
  const Document d =
      read(p(r("第") + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" +
             "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>" +
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + r("3") +
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + r("页")) +
           p(r("可见") + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>" +
             "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>仍可见</w:t></w:r>") +
           "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" +
           p("<w:hyperlink r:id=\"rId9\" xmlns:r=\"urn:r\">" + r("网址") + "</w:hyperlink>" +
             "<w:smartTag w:uri=\"u\" w:element=\"e\">" + r("智能") + "</w:smartTag>" +
             "<w:sdt><w:sdtContent>" + r("控件") + "</w:sdtContent></w:sdt>" +
             "<w:fldSimple w:instr=\" DATE \">" + r("2021年1月29日") + "</w:fldSimple>") +
           "</w:sdtContent></w:sdt>");
  EXPECT_EQ(paragraphs(d),
            (std::vector<std::string>{"第3页", "可见仍可见", "网址智能控件2021年1月29日"}));
}

// Table 四's header as Word writes it: 行政复议 over five columns, 行政诉讼 over ten, split into
// two groups of five; the column labels merged down two rows.
TEST(WordmlReader, MergedCellsAcrossColumnsAndDownRows) {
  const std::string restart = "<w:vMerge w:val=\"restart\"/>";
  const std::string cont = "<w:vMerge/>";
  std::string row1 = tc(p(r("行政复议")), "<w:gridSpan w:val=\"5\"/>") +
                     tc(p(r("行政诉讼")), "<w:gridSpan w:val=\"10\"/>");
  std::string row2, row3, row4;
  for (const char* label : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}) {
    row2 += tc(p(r(label)), restart);
    row3 += tc(p(""), cont);
  }
  row2 += tc(p(r("未经复议直接起诉")), "<w:gridSpan w:val=\"5\"/>") +
          tc(p(r("复议后起诉")), "<w:gridSpan w:val=\"5\"/>");
  for (int i = 0; i < 10; ++i)
    row3 += tc(p(r("结果") + "<w:r><w:br/></w:r>" + r("维持")));
  for (int i = 0; i < 15; ++i)
    row4 += tc(p(r(std::to_string(i))));
  const Document d = read(tbl(tr(row1) + tr(row2) + tr(row3) + tr(row4)));
  const auto t = tables(d);
  ASSERT_EQ(t.size(), 1u);
  const Block& b = *t[0];
  EXPECT_EQ(b.table.name, "表1");
  EXPECT_EQ(b.source.pointer, "表1");
  EXPECT_EQ(text_at(b, 0, 0), "行政复议");
  EXPECT_EQ(merge_at(b, 0, 4), "0,0-0,4");
  EXPECT_EQ(text_at(b, 0, 5), "行政诉讼");
  EXPECT_EQ(merge_at(b, 0, 14), "0,5-0,14");
  EXPECT_EQ(text_at(b, 1, 1), "结果纠正");
  EXPECT_EQ(merge_at(b, 2, 1), "1,1-2,1");
  EXPECT_EQ(text_at(b, 2, 1), "");  // the continuing cell holds nothing of its own
  EXPECT_EQ(merge_at(b, 1, 12), "1,10-1,14");
  EXPECT_EQ(text_at(b, 2, 5), "结果\n维持");
  EXPECT_EQ(merge_at(b, 2, 5), "");
  EXPECT_EQ(text_at(b, 3, 14), "14");
}

// Labels broken across paragraphs and numbers split into runs (as Word does after an edit or a
// spelling check); blank cells holding only an ideographic space.
TEST(WordmlReader, CellTextFromSplitRunsAndParagraphs) {
  const Document d =
      read(tbl(tr(tc(p(r("商业")) + p(r("企业"))) +
                  tc(p(r("3") + "<w:proofErr w:type=\"gramStart\"/>" + r("6") + r("件")))) +
               tr(tc(p(r("　"))) + tc(p("") + p(r(" 7 ")) + p("")))));
  const Block& b = *tables(d).at(0);
  EXPECT_EQ(text_at(b, 0, 0), "商业\n企业");
  EXPECT_EQ(text_at(b, 0, 1), "36件");
  EXPECT_EQ(b.table.at(1, 0), nullptr);
  EXPECT_EQ(text_at(b, 1, 1), "7");
}

TEST(WordmlReader, GridBeforeLegacyHorizontalMergeDeletedRowsAndCells) {
  const Document d =
      read(tbl(tr(tc(p(r("A"))) + tc(p(r("B"))) + tc(p(r("C")))) +
               tr(tc(p(r("skip"))), "<w:gridBefore w:val=\"2\"/>") +
               tr(tc(p(r("宽")), "<w:hMerge w:val=\"restart\"/>") + tc(p(""), "<w:hMerge/>") +
                  tc(p(r("x")))) +
               tr(tc(p(r("删除的行"))) + tc(p(r("1"))), "<w:del w:id=\"1\"/>") +
               tr(tc(p(r("a"))) + tc(p(r("gone")), "<w:cellDel/>") + tc(p(r("b"))))));
  const Block& b = *tables(d).at(0);
  EXPECT_EQ(text_at(b, 1, 2), "skip");
  EXPECT_EQ(b.table.at(1, 0), nullptr);
  EXPECT_EQ(text_at(b, 2, 0), "宽");
  EXPECT_EQ(merge_at(b, 2, 1), "2,0-2,1");
  EXPECT_EQ(text_at(b, 2, 2), "x");
  EXPECT_EQ(text_at(b, 3, 0), "a");  // the deleted row is gone, the deleted cell too
  EXPECT_EQ(text_at(b, 3, 1), "b");
}

// A report framed in a one-cell table keeps its paragraphs and tables in order; so does a page
// laid out with a table whose cells hold tables.
TEST(WordmlReader, LayoutTablesAreReadInPlace) {
  const std::string inner = tbl(tr(tc(p(r("信息内容"))) + tc(p(r("本年制发件数")))));
  const Document d =
      read(p(r("标题")) +
           tbl(tr(tc(p(r("一、总体情况")) + p(r("正文")) + inner + p(r("二、主动公开"))))) +
           tbl(tr(tc(p(r("左栏"))) + tc(p(r("说明")) + inner))));
  ASSERT_EQ(d.blocks.size(), 8u);
  EXPECT_EQ(d.blocks[0].text, "标题");
  EXPECT_EQ(d.blocks[1].text, "一、总体情况");
  EXPECT_EQ(d.blocks[2].text, "正文");
  EXPECT_EQ(d.blocks[3].kind, Block::Kind::table);
  EXPECT_EQ(d.blocks[3].table.name, "表1");
  EXPECT_EQ(d.blocks[4].text, "二、主动公开");
  EXPECT_EQ(d.blocks[4].source.paragraph, 4);
  EXPECT_EQ(d.blocks[5].text, "左栏");
  EXPECT_EQ(d.blocks[6].text, "说明");
  EXPECT_EQ(d.blocks[7].table.name, "表2");
  EXPECT_EQ(text_at(d.blocks[7], 0, 1), "本年制发件数");
  EXPECT_EQ(d.end.pointer, "表2");
}

// Headings numbered by Word ("一、" from a list style, "（一）" from the paragraph's own list) and
// row labels numbered in a table: the numbers are part of the text, as Word shows them.
TEST(WordmlReader, AutomaticNumbering) {
  const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const std::string numbering =
      "<w:numbering " + w +
      "><w:abstractNum w:abstractNumId=\"7\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
      "<w:lvlText w:val=\"%1、\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
      "<w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
      "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"9\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
      "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
      "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"8\"/></w:num>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"8\"/><w:lvlOverride w:ilvl=\"0\">"
      "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
      "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"9\"/></w:num></w:numbering>";
  const std::string styles =
      "<w:styles " + w +
      "><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
      "</w:numPr></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"H1\">"
      "<w:basedOn w:val=\"1\"/></w:style></w:styles>";
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"r2\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"/word/styles.xml\"/></Relationships>";
  auto numbered = [](const std::string& style, const std::string& num, const std::string& level,
                     const std::string& text) {
    std::string ppr = "<w:pPr>";
    if (!style.empty()) ppr += "<w:pStyle w:val=\"" + style + "\"/>";
    if (!num.empty())
      ppr += "<w:numPr><w:ilvl w:val=\"" + level + "\"/><w:numId w:val=\"" + num + "\"/></w:numPr>";
    return "<w:p>" + ppr + "</w:pPr>" + r(text) + "</w:p>";
  };
  const std::string body =
      numbered("H1", "", "", "总体情况") + numbered("", "1", "1", "主动公开") +
      numbered("", "1", "1", "依申请公开") + numbered("", "4", "0", "要点") +
      numbered("1", "", "", "主动公开政府信息情况") +
      tbl(tr(tc(numbered("", "2", "0", "属于国家秘密")) + tc(p(r("0")))) +
          tr(tc(numbered("", "2", "0", "其他法律行政法规禁止公开")) + tc(p(r("0"))))) +
      numbered("", "3", "0", "重新编号") + numbered("H1", "0", "0", "不编号") +
      numbered("1", "", "", "收到和处理政府信息公开申请情况");
  const std::string bytes = nianbao::zip::write_archive({{"word/document.xml", document_xml(body)},
                                                         {"word/_rels/document.xml.rels", rels},
                                                         {"word/numbering.xml", numbering},
                                                         {"word/styles.xml", styles}});
  const Document d = docx::read_document(bytes, "n.docx");
  EXPECT_EQ(paragraphs(d),
            (std::vector<std::string>{"一、总体情况", "（一）主动公开", "（二）依申请公开", "要点",
                                      "二、主动公开政府信息情况", "1.重新编号", "不编号",
                                      "三、收到和处理政府信息公开申请情况"}));
  const Block& t = *tables(d).at(0);
  EXPECT_EQ(text_at(t, 0, 0), "1.属于国家秘密");
  EXPECT_EQ(text_at(t, 1, 0), "2.其他法律行政法规禁止公开");
  EXPECT_EQ(docx::format_number(13, "chineseCounting"), "十三");
  EXPECT_EQ(docx::format_number(20, "chineseCountingThousand"), "二十");
  EXPECT_EQ(docx::format_number(105, "chineseCounting"), "一百零五");
  EXPECT_EQ(docx::format_number(12, "chineseLegalSimplified"), "壹拾贰");
  EXPECT_EQ(docx::format_number(3, "ideographTraditional"), "丙");
  EXPECT_EQ(docx::format_number(14, "upperRoman"), "XIV");
  EXPECT_EQ(docx::format_number(28, "lowerLetter"), "bb");
  EXPECT_EQ(docx::format_number(3, "decimalEnclosedCircleChinese"), "③");
  EXPECT_EQ(docx::format_number(7, "decimalFullWidth"), "７");
}

// The package: the main part is found through the relationships, under any name.
TEST(WordmlReader, MainPartFromTheRelationships) {
  std::string rels = kRels;
  rels.replace(rels.find("word/document.xml"), 17, "/content/main.xml");
  const std::string bytes =
      nianbao::zip::write_archive({{"[Content_Types].xml", kContentTypes},
                                   {"_rels/.rels", rels},
                                   {"content/main.xml", document_xml(p(r("在别处")))}});
  EXPECT_EQ(paragraphs(docx::read_document(bytes, "x.docx")), std::vector<std::string>{"在别处"});
}

// A blank 2021 form made by a third party (tests/data/corpus): the three tables with Word's own
// merges and blank cells.
TEST(WordmlReader, ThirdPartyTemplate) {
  std::ifstream in(
      std::string(NIANBAO_SOURCE_DIR) + "/tests/data/corpus/template-2021-third-party.docx",
      std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  const Document d = docx::read_document(s.str(), "template.docx");
  const auto t = tables(d);
  ASSERT_EQ(t.size(), 3u);
  const std::vector<std::string> text = paragraphs(d);
  EXPECT_NE(std::find(text.begin(), text.end(), "二、主动公开政府信息情况"), text.end());
  EXPECT_NE(std::find(text.begin(), text.end(), "六、其他需要报告的事项"), text.end());
  // 表二: the caption rows span the four columns.
  EXPECT_EQ(text_at(*t[0], 0, 0), "第二十条第（一）项");
  EXPECT_EQ(merge_at(*t[0], 0, 3), "0,0-0,3");
  EXPECT_EQ(text_at(*t[0], 1, 1), "本年制发件数");
  EXPECT_EQ(text_at(*t[0], 2, 0), "规章");
  // 表三: the 勾稽关系 corner over three rows and three columns, 申请人情况 over seven, the
  // outcome group down 22 rows; the number cells blank.
  EXPECT_EQ(merge_at(*t[1], 2, 2), "0,0-2,2");
  EXPECT_EQ(text_at(*t[1], 0, 3), "申请人情况");
  EXPECT_EQ(merge_at(*t[1], 0, 9), "0,3-0,9");
  EXPECT_EQ(text_at(*t[1], 2, 4), "商业\n企业");
  EXPECT_EQ(text_at(*t[1], 5, 0), "三、本年度办理结果");
  EXPECT_EQ(merge_at(*t[1], 26, 0), "5,0-26,0");
  int filled = 0;
  for (const auto& [pos, cell] : t[1]->table.cells())
    if (pos.first >= 3 && pos.second >= 3) ++filled;
  EXPECT_EQ(filled, 0);
  // 表四: 15 columns, one blank row of values.
  EXPECT_EQ(merge_at(*t[2], 0, 4), "0,0-0,4");
  EXPECT_EQ(merge_at(*t[2], 0, 14), "0,5-0,14");
  EXPECT_EQ(merge_at(*t[2], 2, 0), "1,0-2,0");
  EXPECT_EQ(text_at(*t[2], 2, 6), "结果\n纠正");
}

// ---- hostile packages ---------------------------------------------------------------------------

TEST(WordmlReaderHostile, NotAZipEmptyTruncatedLegacy) {
  auto d = refused("");
  EXPECT_EQ(d.code, "DOCX-04");
  EXPECT_EQ(d.message_id, "docx.empty");
  d = refused("这是一段文字，不是 Word 文档\n");
  EXPECT_EQ(d.code, "DOCX-04");
  const std::string whole = docx_of(p(r("正文")));
  for (std::size_t cut : {std::size_t{4}, whole.size() / 2, whole.size() - 3}) {
    d = refused(whole.substr(0, cut));
    EXPECT_EQ(d.code, "DOCX-04") << cut;
  }
  d = refused(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  EXPECT_EQ(d.code, "DOCX-05");
  EXPECT_EQ(d.message_id, "docx.legacy");
}

TEST(WordmlReaderHostile, MissingDocumentPartOrNotWordprocessingML) {
  auto d = refused(nianbao::zip::write_archive({{"[Content_Types].xml", kContentTypes},
                                                {"_rels/.rels", kRels},
                                                {"xl/workbook.xml", "<workbook/>"}}));
  EXPECT_EQ(d.code, "DOCX-04");
  EXPECT_EQ(d.message_id, "docx.no_document");
  EXPECT_EQ(d.location.source.pointer, "word/document.xml");
  d = refused(
      nianbao::zip::write_archive({{"word/document.xml", "<worksheet><body/></worksheet>"}}));
  EXPECT_EQ(d.code, "DOCX-04");
  EXPECT_EQ(d.message_id, "docx.not_wordprocessingml");
}

TEST(WordmlReaderHostile, UnsafeSymlinkAndEncryptedEntries) {
  auto with = [](const raw_zip::Entry& extra) {
    return raw_zip::archive({raw_zip::stored("[Content_Types].xml", kContentTypes),
                             raw_zip::stored("_rels/.rels", kRels),
                             raw_zip::stored("word/document.xml", document_xml(p(r("x")))), extra});
  };
  auto d = refused(with(raw_zip::stored("../../evil.sh", "#!/bin/sh")));
  EXPECT_EQ(d.code, "DOCX-04");
  EXPECT_EQ(d.message_id, "docx.unsafe_entry");
  EXPECT_EQ(d.location.source.pointer, "../../evil.sh");
  d = refused(with(raw_zip::symlink("word/media/image1.png", "/etc/passwd")));
  EXPECT_EQ(d.message_id, "docx.symlink_entry");
  raw_zip::Entry locked = raw_zip::stored("word/document.xml", document_xml(p(r("x"))));
  locked.flags = 0x1;
  d = refused(raw_zip::archive({raw_zip::stored("_rels/.rels", kRels), locked}));
  EXPECT_EQ(d.code, "DOCX-05");
  EXPECT_EQ(d.message_id, "docx.encrypted_entry");
}

TEST(WordmlReaderHostile, ZipBombIsBounded) {
  const raw_zip::Entry bomb =
      raw_zip::deflated_repeat("word/document.xml", std::string(1u << 20, ' '), 1024);
  const auto start = std::chrono::steady_clock::now();
  auto d = refused(raw_zip::archive({raw_zip::stored("_rels/.rels", kRels), bomb}));
  EXPECT_EQ(d.code, "DOCX-06");
  EXPECT_EQ(d.message_id, "docx.limit_part_size");
  raw_zip::Entry lying = bomb;
  lying.size = 100;
  d = refused(raw_zip::archive({raw_zip::stored("_rels/.rels", kRels), lying}));
  EXPECT_EQ(d.code, "DOCX-06");
  EXPECT_EQ(d.message_id, "docx.limit_lying_size");
  d = refused(raw_zip::archive(
      {raw_zip::stored("_rels/.rels", kRels),
       raw_zip::deflated_repeat("word/document.xml", std::string(1u << 20, ' '), 40)}));
  EXPECT_EQ(d.message_id, "docx.limit_ratio");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(20.0));
}

TEST(WordmlReaderHostile, DoctypeEntityBombAndDeepNesting) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>";
  auto d = refused(nianbao::zip::write_archive({{"word/document.xml", laughs}}));
  EXPECT_EQ(d.code, "DOCX-07");
  EXPECT_EQ(d.message_id, "docx.doctype");
  EXPECT_EQ(d.location.source.pointer, "word/document.xml:1");
  const std::string external =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "
      "\"file:///etc/passwd\">]><w:document "
      "xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  d = refused(nianbao::zip::write_archive({{"word/document.xml", external}}));
  EXPECT_EQ(d.message_id, "docx.doctype");
  EXPECT_EQ(d.location.source.pointer, "word/document.xml:2");
  std::string deep;
  for (int i = 0; i < 200000; ++i)
    deep += "<w:sdt><w:sdtContent>";
  const auto start = std::chrono::steady_clock::now();
  d = refused(docx_of(deep));
  EXPECT_EQ(d.code, "DOCX-06");
  EXPECT_EQ(d.message_id, "docx.limit_depth");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(20.0));
  d = refused(docx_of("<w:p><w:r><w:t>unclosed</w:r></w:p>"));
  EXPECT_EQ(d.code, "DOCX-07");
  EXPECT_EQ(d.message_id, "docx.bad_xml");
}

// Tables nested in cells beyond the limit (each level within the XML depth limit).
TEST(WordmlReaderHostile, TablesNestedTooDeep) {
  std::string body = p(r("x"));
  for (int i = 0; i < 20; ++i)
    body = tbl(tr(tc(p(r("a"))) + tc(body)));
  auto d = refused(docx_of(body));
  EXPECT_EQ(d.code, "DOCX-06");
  EXPECT_EQ(d.message_id, "docx.limit_nesting");
}

}  // namespace
