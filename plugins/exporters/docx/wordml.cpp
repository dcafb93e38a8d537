// The WordprocessingML of a report, laid out by GB/T 9704-2012 (formats.md §9): A4, margins
// 37/26/35/28 mm (type area 156 × 225 mm), 仿宋_GB2312 3号 body on 22 lines of 28.95 pt,
// 方正小标宋简体 2号 title, 黑体 "一、" headings, 楷体_GB2312 "（一）" sub-headings, tables in 五号
// with 黑体 headers, page numbers "— 1 —" in 4号 宋体 (odd pages right, even pages left).
//
// All formatting lives in named styles and the document only refers to them, so that a reference
// document (an agency's template) restyles the whole report by defining the same style names.
// East Asian and Latin fonts are always set separately (w:eastAsia, w:ascii/w:hAnsi).
#include "wordml.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "ooxml.h"
#include "report_properties/report_properties.h"
#include "zip/zip_writer.h"

namespace nianbao::docx {

namespace {

// ---- page and table geometry (twips: 1/20 pt; 1 mm = 56.7 twips) ------------------------------

constexpr int kPageWidth = 11906;    // A4 210 mm
constexpr int kPageHeight = 16838;   // A4 297 mm
constexpr int kMarginTop = 2098;     // 37 mm
constexpr int kMarginBottom = 1984;  // 35 mm
constexpr int kMarginLeft = 1587;    // 28 mm (订口)
constexpr int kMarginRight = 1474;   // 26 mm → type area 8845 twips = 156 mm
constexpr int kHeaderDistance = 851;
// The footer's top (the dashes of the page number) sits 7 mm below the type area: its bottom,
// one 4号 line lower, is 22 mm above the page edge.
constexpr int kFooterDistance = 1247;
constexpr int kBodyFontTwips = 320;     // 3号 16 pt: one em of the body font
constexpr int kTableFontTwips = 210;    // 五号 10.5 pt: one em of the table font
constexpr int kCellMargin = 57;         // 1 mm left and right, so table 三's ten columns fit
constexpr int kPageNumberIndent = 280;  // "空一字" of the 4号 page number

constexpr const char* kMainType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr const char* kStylesType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
constexpr const char* kSettingsType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
constexpr const char* kFontTableType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
constexpr const char* kFooterType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
constexpr const char* kThemeType = "application/vnd.openxmlformats-officedocument.theme+xml";
constexpr const char* kNumberingType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
constexpr const char* kCoreType = "application/vnd.openxmlformats-package.core-properties+xml";
constexpr const char* kAppType =
    "application/vnd.openxmlformats-officedocument.extended-properties+xml";
constexpr const char* kCustomType =
    "application/vnd.openxmlformats-officedocument.custom-properties+xml";
constexpr const char* kRelsType = "application/vnd.openxmlformats-package.relationships+xml";

constexpr const char* kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kCoreRel =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

// ---- our styles ---------------------------------------------------------------------------------
//
// Self-contained (no w:basedOn): each names its fonts, size, spacing and indent, so that a
// reference document's defaults (e.g. Word's 8 pt after every paragraph) do not leak into the
// styles it lacks.
constexpr const char* kStyles = R"XML(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
<w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:keepLines/><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="700" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:keepLines/><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/><w:outlineLvl w:val="0"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="黑体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:next w:val="Normal"/><w:link w:val="Heading2Char"/><w:qFormat/>
<w:pPr><w:keepNext/><w:keepLines/><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/><w:outlineLvl w:val="1"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="楷体_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Heading2Char"><w:name w:val="Heading 2 Char"/><w:link w:val="Heading2"/>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="楷体_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ReportTableText"><w:name w:val="Report Table Text"/>
<w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ReportTableHeading"><w:name w:val="Report Table Heading"/>
<w:pPr><w:keepNext/><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="黑体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ReportTableNumber"><w:name w:val="Report Table Number"/>
<w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
<w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/></w:pPr>
<w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/>
<w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:right="1280" w:firstLine="0"/><w:jc w:val="right"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
</w:styles>
)XML";

// The fonts the styles name, with the fallback GB/T 9704 allows (w:altName) for machines that
// lack the GB2312-era fonts.
constexpr const char* kFontTable = R"XML(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
)XML";

// ---- small pugixml helpers ----------------------------------------------------------------------

pugi::xml_node add(pugi::xml_node parent, const char* name) {
  return parent.append_child(name);
}

pugi::xml_node add(pugi::xml_node parent, const char* name,
                   std::initializer_list<std::pair<const char*, std::string>> attributes) {
  pugi::xml_node n = parent.append_child(name);
  for (const auto& [key, value] : attributes)
    n.append_attribute(key).set_value(value.c_str());
  return n;
}

void parse_ours(pugi::xml_document& doc, const char* text) {
  if (!doc.load_string(text)) throw std::logic_error("built-in WordprocessingML does not parse");
}

int attribute_int(pugi::xml_node n, const char* name, int fallback) {
  const char* text = n.attribute(name).value();
  if (!*text) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  return *end || value < 0 || value > 1'000'000 ? fallback : static_cast<int>(value);
}

// ---- styles -------------------------------------------------------------------------------------

struct StyleInfo {
  std::string type;
  std::string id;
  std::string name;
  bool is_default = false;
};

StyleInfo style_info(pugi::xml_node style, const std::string& w) {
  auto attr = [&](const char* local) {
    return std::string(style.attribute(qualify(w, local).c_str()).value());
  };
  StyleInfo info;
  info.type = attr("type");
  info.id = attr("styleId");
  info.name = style.child(qualify(w, "name").c_str()).attribute(qualify(w, "val").c_str()).value();
  const std::string flag = attr("default");
  info.is_default = flag == "1" || flag == "true" || flag == "on";
  return info;
}

struct ResolvedStyles {
  std::string xml;
  std::map<std::string, std::string> ids;  ///< our style id → the id used in the output

  const char* id(const std::string& ours) const {
    auto it = ids.find(ours);
    return it == ids.end() ? ours.c_str() : it->second.c_str();
  }
};

// The reference's styles stand for ours of the same type and name (the default paragraph style
// stands for Normal whatever it is called); the rest of ours are added under ids that do not clash.
ResolvedStyles resolve_styles(const ReferenceDocument* reference) {
  ResolvedStyles out;
  pugi::xml_document ours;
  parse_ours(ours, kStyles);
  std::vector<pugi::xml_node> our_styles;
  for (pugi::xml_node s : ours.document_element().children("w:style"))
    our_styles.push_back(s);
  if (!reference || !reference->styles) {
    for (pugi::xml_node s : our_styles) {
      const std::string id = style_info(s, "w").id;
      out.ids[id] = id;
    }
    out.xml = to_xml(ours);
    return out;
  }

  pugi::xml_document theirs;
  theirs.load_buffer(reference->styles->data(), reference->styles->size());
  pugi::xml_node root = theirs.document_element();
  std::string w;
  prefix_for(root, kWordNs, w);
  std::vector<StyleInfo> existing;
  std::set<std::string> taken;
  // The name outlives the loop: children() keeps a pointer to it.
  const std::string style_name = qualify(w, "style");
  for (pugi::xml_node s : root.children(style_name.c_str())) {
    existing.push_back(style_info(s, w));
    taken.insert(existing.back().id);
  }
  std::vector<pugi::xml_node> missing;
  for (pugi::xml_node s : our_styles) {
    const StyleInfo mine = style_info(s, "w");
    const auto match = std::find_if(existing.begin(), existing.end(), [&](const StyleInfo& x) {
      if (x.type != mine.type) return false;
      return mine.is_default ? x.is_default : equal_ignoring_case(x.name, mine.name);
    });
    if (match != existing.end()) {
      out.ids[mine.id] = match->id;
    } else {
      std::string id = mine.id;
      while (taken.count(id))
        id = "Report" + id;
      taken.insert(id);
      out.ids[mine.id] = id;
      missing.push_back(s);
    }
  }
  for (pugi::xml_node s : missing) {
    pugi::xml_node copy = root.append_copy(s);
    copy.attribute("w:styleId").set_value(out.ids[style_info(s, "w").id].c_str());
    for (const char* link : {"w:basedOn", "w:next", "w:link"})
      if (pugi::xml_node n = copy.child(link)) {
        const std::string target = n.attribute("w:val").value();
        if (out.ids.count(target)) n.attribute("w:val").set_value(out.ids[target].c_str());
      }
    rename_prefix(copy, "w", w);
  }
  out.xml = to_xml(theirs);
  return out;
}

// The reference's font table with our fonts added where it lacks them.
std::string resolve_fonts(const ReferenceDocument* reference) {
  pugi::xml_document ours;
  parse_ours(ours, kFontTable);
  if (!reference || !reference->font_table) return to_xml(ours);
  pugi::xml_document theirs;
  theirs.load_buffer(reference->font_table->data(), reference->font_table->size());
  pugi::xml_node root = theirs.document_element();
  std::string w;
  if (!prefix_for(root, kWordNs, w)) return to_xml(ours);
  std::set<std::string> names;
  const std::string font_name = qualify(w, "font");
  for (pugi::xml_node f : root.children(font_name.c_str()))
    names.insert(f.attribute(qualify(w, "name").c_str()).value());
  for (pugi::xml_node f : ours.document_element().children("w:font"))
    if (!names.count(f.attribute("w:name").value())) rename_prefix(root.append_copy(f), "w", w);
  return to_xml(theirs);
}

// ---- the document body --------------------------------------------------------------------------

class BodyWriter {
 public:
  BodyWriter(pugi::xml_node body, const ResolvedStyles& styles, int type_area_width)
      : body_(body), styles_(styles), type_area_width_(type_area_width) {}

  void title(const std::string& line) { text_paragraph("Title", {}, line); }

  void empty_paragraph() {
    add(body_, "w:p");
    after_table_ = false;
  }

  void paragraph(const print::Paragraph& p) {
    switch (p.kind) {
      case print::Paragraph::Kind::heading:
        text_paragraph("Heading1", {}, p.text);
        break;
      case print::Paragraph::Kind::subheading:
        text_paragraph("Heading2", {}, p.text);
        break;
      case print::Paragraph::Kind::signature:
        if (!in_signature_) empty_paragraph();  // a blank line before the closing lines
        in_signature_ = true;
        text_paragraph("Signature", {}, p.text, p.right_indent_em);
        break;
      case print::Paragraph::Kind::body:
        text_paragraph("Normal", p.lead, p.text);
        break;
    }
  }

  void table(const print::Table& t) {
    // Two tables in a row would merge into one: a paragraph keeps them apart.
    if (after_table_) empty_paragraph();
    after_table_ = true;
    const std::vector<int> widths = column_twips(t);
    const int rows = static_cast<int>(t.rows.size());
    const int columns = t.columns;
    pugi::xml_node tbl = add(body_, "w:tbl");
    pugi::xml_node pr = add(tbl, "w:tblPr");
    add(pr, "w:tblW", {{"w:w", std::to_string(type_area_width_)}, {"w:type", "dxa"}});
    add(pr, "w:jc", {{"w:val", "center"}});
    pugi::xml_node borders = add(pr, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
      add(borders, side,
          {{"w:val", "single"}, {"w:sz", "4"}, {"w:space", "0"}, {"w:color", "000000"}});
    add(pr, "w:tblLayout", {{"w:type", "fixed"}});
    pugi::xml_node margins = add(pr, "w:tblCellMar");
    add(margins, "w:top", {{"w:w", "0"}, {"w:type", "dxa"}});
    add(margins, "w:left", {{"w:w", std::to_string(kCellMargin)}, {"w:type", "dxa"}});
    add(margins, "w:bottom", {{"w:w", "0"}, {"w:type", "dxa"}});
    add(margins, "w:right", {{"w:w", std::to_string(kCellMargin)}, {"w:type", "dxa"}});
    add(pr, "w:tblLook",
        {{"w:val", "04A0"},
         {"w:firstRow", "1"},
         {"w:lastRow", "0"},
         {"w:firstColumn", "1"},
         {"w:lastColumn", "0"},
         {"w:noHBand", "0"},
         {"w:noVBand", "1"}});
    add(pr, "w:tblCaption", {{"w:val", t.label}});
    pugi::xml_node grid = add(tbl, "w:tblGrid");
    for (int w : widths)
      add(grid, "w:gridCol", {{"w:w", std::to_string(w)}});

    // Which cell covers each grid position: a vertically merged cell needs a continuation cell
    // (w:vMerge without a value) in every row below its first.
    std::vector<int> cover(static_cast<std::size_t>(rows * columns), -1);
    for (std::size_t i = 0; i < t.cells.size(); ++i) {
      const print::TableCell& c = t.cells[i];
      for (int r = c.row; r < std::min(rows, c.row + c.row_span); ++r)
        for (int k = c.column; k < std::min(columns, c.column + c.column_span); ++k)
          cover[static_cast<std::size_t>(r * columns + k)] = static_cast<int>(i);
    }
    for (int r = 0; r < rows; ++r) {
      pugi::xml_node tr = add(tbl, "w:tr");
      pugi::xml_node trpr = add(tr, "w:trPr");
      add(trpr, "w:cantSplit");
      // At least 7 mm high: the published tables are not set solid.
      add(trpr, "w:trHeight", {{"w:val", "397"}});
      if (r < t.repeat_header_rows) add(trpr, "w:tblHeader");
      for (int k = 0; k < columns;) {
        const int index = cover[static_cast<std::size_t>(r * columns + k)];
        if (index < 0) {
          cell(tr, nullptr, widths, k, 1, false);
          ++k;
          continue;
        }
        const print::TableCell& c = t.cells[static_cast<std::size_t>(index)];
        cell(tr, &c, widths, k, std::min(c.column_span, columns - k), c.row != r);
        k += std::max(1, c.column_span - (k - c.column));
      }
    }
  }

  void finish() {
    if (after_table_) empty_paragraph();
  }

 private:
  // Column widths in twips adding up exactly to the type area.
  std::vector<int> column_twips(const print::Table& t) const {
    const double em = kTableFontTwips;
    const std::vector<double> fitted =
        print::fit_column_widths(t, type_area_width_ / em, 2.0 * kCellMargin / em);
    std::vector<int> widths;
    int total = 0;
    for (double w : fitted) {
      widths.push_back(static_cast<int>(std::lround(w * em)));
      total += widths.back();
    }
    if (!widths.empty()) widths.back() += type_area_width_ - total;
    return widths;
  }

  void cell(pugi::xml_node tr, const print::TableCell* c, const std::vector<int>& widths,
            int column, int span, bool continuation) {
    int width = 0;
    for (int k = column; k < column + span; ++k)
      width += widths[static_cast<std::size_t>(k)];
    pugi::xml_node tc = add(tr, "w:tc");
    pugi::xml_node pr = add(tc, "w:tcPr");
    add(pr, "w:tcW", {{"w:w", std::to_string(width)}, {"w:type", "dxa"}});
    if (span > 1) add(pr, "w:gridSpan", {{"w:val", std::to_string(span)}});
    if (continuation)
      add(pr, "w:vMerge");
    else if (c && c->row_span > 1)
      add(pr, "w:vMerge", {{"w:val", "restart"}});
    add(pr, "w:vAlign", {{"w:val", "center"}});

    std::string style = "ReportTableText";
    const char* align = nullptr;
    if (c) switch (c->kind) {
        case print::TableCell::Kind::block_caption:
        case print::TableCell::Kind::corner:
        case print::TableCell::Kind::column_header:
          style = "ReportTableHeading";
          break;
        case print::TableCell::Kind::row_group:
          align = "center";
          break;
        case print::TableCell::Kind::row_label:
          break;
        case print::TableCell::Kind::value:
          style = "ReportTableNumber";
          break;
      }
    pugi::xml_node p = add(tc, "w:p");
    pugi::xml_node ppr = add(p, "w:pPr");
    add(ppr, "w:pStyle", {{"w:val", styles_.id(style)}});
    if (align) add(ppr, "w:jc", {{"w:val", align}});
    if (c && !continuation) runs(p, c->text, nullptr);
  }

  void text_paragraph(const std::string& style, const std::string& lead, const std::string& text,
                      double right_indent_em = 0) {
    pugi::xml_node p = add(body_, "w:p");
    // Normal is the default paragraph style: Word leaves it unnamed, and so do we.
    if (style != "Normal") {
      pugi::xml_node ppr = add(p, "w:pPr");
      add(ppr, "w:pStyle", {{"w:val", styles_.id(style)}});
      if (right_indent_em > 0)
        add(ppr, "w:ind",
            {{"w:right", std::to_string(std::lround(right_indent_em * kBodyFontTwips))}});
    }
    if (!lead.empty()) runs(p, lead, styles_.id("Heading2Char"));
    runs(p, text, nullptr);
    after_table_ = false;
    if (style != "Signature") in_signature_ = false;
  }

  // The text as runs: line feeds become w:br and tabs w:tab, the rest w:t.
  static void runs(pugi::xml_node p, std::string_view raw, const char* character_style) {
    const std::string text = print::clean_text(raw);
    if (text.empty()) return;
    pugi::xml_node r = add(p, "w:r");
    if (character_style) add(add(r, "w:rPr"), "w:rStyle", {{"w:val", character_style}});
    std::string chunk;
    auto flush = [&] {
      if (chunk.empty()) return;
      pugi::xml_node t = add(r, "w:t", {{"xml:space", "preserve"}});
      t.text().set(chunk.c_str());
      chunk.clear();
    };
    for (char ch : text) {
      if (ch == '\n') {
        flush();
        add(r, "w:br");
      } else if (ch == '\t') {
        flush();
        add(r, "w:tab");
      } else {
        chunk += ch;
      }
    }
    flush();
  }

  pugi::xml_node body_;
  const ResolvedStyles& styles_;
  int type_area_width_;
  bool after_table_ = false;
  bool in_signature_ = false;
};

// ---- the package --------------------------------------------------------------------------------

// Our page setup: A4 with the margins of GB/T 9704 (the footer references are added later).
void default_section(pugi::xml_node sect) {
  add(sect, "w:pgSz", {{"w:w", std::to_string(kPageWidth)}, {"w:h", std::to_string(kPageHeight)}});
  add(sect, "w:pgMar",
      {{"w:top", std::to_string(kMarginTop)},
       {"w:right", std::to_string(kMarginRight)},
       {"w:bottom", std::to_string(kMarginBottom)},
       {"w:left", std::to_string(kMarginLeft)},
       {"w:header", std::to_string(kHeaderDistance)},
       {"w:footer", std::to_string(kFooterDistance)},
       {"w:gutter", "0"}});
  add(sect, "w:pgNumType", {{"w:start", "1"}});
  add(sect, "w:cols", {{"w:space", "425"}});
}

// "— 1 —" in a PAGE field: odd pages on the right, even pages on the left, one character in.
std::string page_number_footer(bool odd, const ResolvedStyles& styles) {
  pugi::xml_document doc;
  pugi::xml_node ftr = add(doc, "w:ftr", {{"xmlns:w", kWordNs}, {"xmlns:r", kRelNs}});
  pugi::xml_node p = add(ftr, "w:p");
  pugi::xml_node ppr = add(p, "w:pPr");
  add(ppr, "w:pStyle", {{"w:val", styles.id("Footer")}});
  add(ppr, "w:ind", {{odd ? "w:right" : "w:left", std::to_string(kPageNumberIndent)}});
  add(ppr, "w:jc", {{"w:val", odd ? "right" : "left"}});
  auto text_run = [&](const char* text) {
    add(add(p, "w:r"), "w:t", {{"xml:space", "preserve"}}).text().set(text);
  };
  text_run("— ");
  add(add(p, "w:r"), "w:fldChar", {{"w:fldCharType", "begin"}});
  add(add(p, "w:r"), "w:instrText", {{"xml:space", "preserve"}}).text().set(" PAGE ");
  add(add(p, "w:r"), "w:fldChar", {{"w:fldCharType", "separate"}});
  text_run("1");
  add(add(p, "w:r"), "w:fldChar", {{"w:fldCharType", "end"}});
  text_run(" —");
  return to_xml(doc);
}

std::string settings_xml(bool even_and_odd) {
  pugi::xml_document doc;
  pugi::xml_node s = add(doc, "w:settings", {{"xmlns:w", kWordNs}});
  add(s, "w:zoom", {{"w:percent", "100"}});
  add(s, "w:defaultTabStop", {{"w:val", "420"}});
  if (even_and_odd) add(s, "w:evenAndOddHeaders");
  add(s, "w:characterSpacingControl", {{"w:val", "compressPunctuation"}});
  pugi::xml_node compat = add(s, "w:compat");
  add(compat, "w:compatSetting",
      {{"w:name", "compatibilityMode"},
       {"w:uri", "http://schemas.microsoft.com/office/word"},
       {"w:val", "15"}});
  add(s, "w:themeFontLang", {{"w:val", "en-US"}, {"w:eastAsia", "zh-CN"}});
  return to_xml(doc);
}

std::string core_properties(const Report& report, const std::string& title) {
  pugi::xml_document doc;
  pugi::xml_node root =
      add(doc, "cp:coreProperties",
          {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
           {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
           {"xmlns:dcterms", "http://purl.org/dc/terms/"},
           {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
  add(root, "dc:title").text().set(title.c_str());
  if (!report.agency.name.empty())
    add(root, "dc:creator").text().set(print::clean_text(report.agency.name).c_str());
  add(root, "dc:language").text().set("zh-CN");
  // The publication date when the report has one; never the time of export, so the same report
  // always gives the same file.
  if (!print::chinese_date(report.published).empty())
    add(root, "dcterms:created", {{"xsi:type", "dcterms:W3CDTF"}})
        .text()
        .set((report.published + "T00:00:00Z").c_str());
  return to_xml(doc);
}

// The custom properties (docProps/custom.xml): what the report has but does not print, so that
// the document imports back losslessly. Empty when there is nothing to carry.
std::string custom_properties(const Report& report) {
  if (report.agency.region_code.empty()) return {};
  pugi::xml_document doc;
  pugi::xml_node root =
      add(doc, "Properties",
          {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"},
           {"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}});
  // The format id every user-defined property has; property ids start at 2.
  pugi::xml_node property = add(root, "property",
                                {{"fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"},
                                 {"pid", "2"},
                                 {"name", report_properties::kRegionCodeDocxProperty}});
  add(property, "vt:lpwstr").text().set(report.agency.region_code.c_str());
  return to_xml(doc);
}

std::string app_properties() {
  pugi::xml_document doc;
  pugi::xml_node root =
      add(doc, "Properties",
          {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}});
  add(root, "Application").text().set("nianbao");
  return to_xml(doc);
}

struct Relationships {
  pugi::xml_document doc;
  pugi::xml_node root;
  int next = 1;

  Relationships() { root = add(doc, "Relationships", {{"xmlns", kPackageRelNs}}); }
  std::string add_rel(const std::string& type, const std::string& target) {
    const std::string id = "rId" + std::to_string(next++);
    add(root, "Relationship", {{"Id", id}, {"Type", type}, {"Target", target}});
    return id;
  }
};

int type_area_width(pugi::xml_node sect) {
  const int page = attribute_int(sect.child("w:pgSz"), "w:w", kPageWidth);
  const pugi::xml_node margins = sect.child("w:pgMar");
  const int width = page - attribute_int(margins, "w:left", kMarginLeft) -
                    attribute_int(margins, "w:right", kMarginRight) -
                    attribute_int(margins, "w:gutter", 0);
  // A page setup that leaves no room is not one to lay tables out in.
  return width >= 2000 ? width : kPageWidth - kMarginLeft - kMarginRight;
}

// Everything of the package that does not depend on what the report says: the same for every
// report written with the same reference document (or none) and with or without custom
// properties. Without a reference it is made once per process (own_package below).
struct PackageFrame {
  struct PageReference {
    bool footer = false;
    std::string type;  ///< "default", "even" or "first"
    std::string id;    ///< the relationship id in word/_rels/document.xml.rels
  };
  ResolvedStyles styles;
  std::string section_properties;  ///< the reference's w:sectPr; empty for ours
  std::vector<PageReference> page_references;
  std::vector<std::pair<std::string, std::string>> head;  ///< [Content_Types].xml, _rels/.rels
  std::string app;                                        ///< docProps/app.xml
  /// word/_rels/document.xml.rels, styles, settings, font table, then the page parts.
  std::vector<std::pair<std::string, std::string>> tail;
};

PackageFrame make_frame(const ReferenceDocument* reference, bool with_custom) {
  PackageFrame frame;
  frame.styles = resolve_styles(reference);
  const bool reference_pages = reference && !reference->headers_footers.empty();

  std::vector<std::pair<std::string, std::string>> overrides = {
      {"/word/document.xml", kMainType},     {"/word/styles.xml", kStylesType},
      {"/word/settings.xml", kSettingsType}, {"/word/fontTable.xml", kFontTableType},
      {"/docProps/core.xml", kCoreType},     {"/docProps/app.xml", kAppType}};
  std::map<std::string, std::string> defaults = {{"rels", kRelsType}, {"xml", "application/xml"}};

  Relationships rels;
  rels.add_rel(std::string(kOfficeRel) + "styles", "styles.xml");
  rels.add_rel(std::string(kOfficeRel) + "settings", "settings.xml");
  rels.add_rel(std::string(kOfficeRel) + "fontTable", "fontTable.xml");

  if (reference) frame.section_properties = reference->section_properties;
  std::vector<std::pair<std::string, std::string>> page_parts;  // footers or copied headers/footers
  if (reference_pages) {
    for (const auto& hf : reference->headers_footers) {
      const std::string target = hf.part.substr(std::string("word/").size());
      const std::string id =
          rels.add_rel(std::string(kOfficeRel) + (hf.footer ? "footer" : "header"), target);
      frame.page_references.push_back({hf.footer, hf.type, id});
    }
  } else {
    const std::string odd = rels.add_rel(std::string(kOfficeRel) + "footer", "footer1.xml");
    const std::string even = rels.add_rel(std::string(kOfficeRel) + "footer", "footer2.xml");
    frame.page_references.push_back({true, "default", odd});
    frame.page_references.push_back({true, "even", even});
    page_parts.emplace_back("word/footer1.xml", page_number_footer(true, frame.styles));
    page_parts.emplace_back("word/footer2.xml", page_number_footer(false, frame.styles));
    overrides.emplace_back("/word/footer1.xml", kFooterType);
    overrides.emplace_back("/word/footer2.xml", kFooterType);
  }

  if (reference && reference->theme) {
    rels.add_rel(std::string(kOfficeRel) + "theme", "theme/theme1.xml");
    page_parts.emplace_back("word/theme/theme1.xml", *reference->theme);
    overrides.emplace_back("/word/theme/theme1.xml", kThemeType);
  }
  if (reference && reference->numbering) {
    rels.add_rel(std::string(kOfficeRel) + "numbering", "numbering.xml");
    page_parts.emplace_back("word/numbering.xml", *reference->numbering);
    overrides.emplace_back("/word/numbering.xml", kNumberingType);
  }
  if (reference)
    for (const auto& part : reference->parts) {
      page_parts.emplace_back(part.name, part.data);
      if (!part.content_type.empty()) {
        if (part.content_type != kRelsType)
          overrides.emplace_back("/" + part.name, part.content_type);
      } else if (part.extension == "xml" || part.extension == "rels" ||
                 (defaults.count(part.extension) &&
                  defaults[part.extension] != part.default_type)) {
        overrides.emplace_back("/" + part.name, part.default_type);
      } else {
        defaults[part.extension] = part.default_type;
      }
    }
  if (with_custom) overrides.emplace_back("/docProps/custom.xml", kCustomType);

  pugi::xml_document types;
  pugi::xml_node types_root = add(types, "Types", {{"xmlns", kContentTypesNs}});
  for (const auto& [extension, type] : defaults)
    add(types_root, "Default", {{"Extension", extension}, {"ContentType", type}});
  for (const auto& [name, type] : overrides)
    add(types_root, "Override", {{"PartName", name}, {"ContentType", type}});

  Relationships package_rels;
  package_rels.add_rel(std::string(kOfficeRel) + "officeDocument", "word/document.xml");
  package_rels.add_rel(kCoreRel, "docProps/core.xml");
  package_rels.add_rel(std::string(kOfficeRel) + "extended-properties", "docProps/app.xml");
  if (with_custom)
    package_rels.add_rel(std::string(kOfficeRel) + "custom-properties", "docProps/custom.xml");

  frame.head.emplace_back("[Content_Types].xml", to_xml(types));
  frame.head.emplace_back("_rels/.rels", to_xml(package_rels.doc));
  frame.app = app_properties();
  frame.tail.emplace_back("word/_rels/document.xml.rels", to_xml(rels.doc));
  frame.tail.emplace_back("word/styles.xml", frame.styles.xml);
  frame.tail.emplace_back("word/settings.xml",
                          settings_xml(reference_pages ? reference->even_and_odd_headers : true));
  frame.tail.emplace_back("word/fontTable.xml", resolve_fonts(reference));
  for (auto& part : page_parts)
    frame.tail.push_back(std::move(part));
  return frame;
}

// The frame of a document without a reference document and its parts deflated, made once per
// process for each of the two variants, when first needed (function-local statics: made by the
// first caller, safely if several threads export at once; read-only afterwards). Only the
// report's own parts are then written and deflated per report.
struct OwnPackage {
  PackageFrame frame;
  zip::DeflatedContents deflated;

  explicit OwnPackage(bool with_custom)
      : frame(make_frame(nullptr, with_custom)), deflated(contents(frame)) {}

  static std::vector<std::string> contents(const PackageFrame& frame) {
    std::vector<std::string> out;
    for (const auto& [name, content] : frame.head)
      out.push_back(content);
    out.push_back(frame.app);
    for (const auto& [name, content] : frame.tail)
      out.push_back(content);
    return out;
  }
};

const OwnPackage& own_package(bool with_custom) {
  if (with_custom) {
    static const OwnPackage package(true);
    return package;
  }
  static const OwnPackage package(false);
  return package;
}

}  // namespace

std::string write_docx(const print::Document& document, const Report& report,
                       const ReferenceDocument* reference) {
  std::string custom = custom_properties(report);
  const bool with_custom = !custom.empty();
  std::optional<PackageFrame> referenced;
  if (reference) referenced = make_frame(reference, with_custom);
  const OwnPackage* own = referenced ? nullptr : &own_package(with_custom);
  const PackageFrame& frame = referenced ? *referenced : own->frame;

  pugi::xml_document doc;
  pugi::xml_node root = add(doc, "w:document", {{"xmlns:w", kWordNs}, {"xmlns:r", kRelNs}});
  pugi::xml_node body = add(root, "w:body");

  // The page setup first: the type area decides the table widths.
  pugi::xml_document section_doc;
  pugi::xml_node sect;
  if (!frame.section_properties.empty()) {
    const std::string wrapped = "<w:wrap xmlns:w=\"" + std::string(kWordNs) + "\">" +
                                frame.section_properties + "</w:wrap>";
    section_doc.load_string(wrapped.c_str());
    sect = section_doc.document_element().first_child();
  }

  // Write the body, then the page setup as its last child.
  {
    pugi::xml_document scratch;
    pugi::xml_node measured = sect ? sect : add(scratch, "w:sectPr");
    if (!sect) default_section(measured);
    BodyWriter writer(body, frame.styles, type_area_width(measured));
    for (const auto& line : document.title_lines)
      writer.title(line);
    writer.empty_paragraph();  // GB/T 9704: one blank line under the title
    for (const auto& block : document.blocks) {
      if (const auto* p = std::get_if<print::Paragraph>(&block))
        writer.paragraph(*p);
      else
        writer.table(std::get<print::Table>(block));
    }
    writer.finish();
  }
  pugi::xml_node final_sect;
  if (sect) {
    final_sect = body.append_copy(sect);
  } else {
    final_sect = add(body, "w:sectPr");
    default_section(final_sect);
  }
  // Header and footer references come first in w:sectPr.
  for (pugi::xml_node n = final_sect.first_child(); n;) {
    pugi::xml_node next = n.next_sibling();
    const std::string_view name = n.name();
    if (name == "w:footerReference" || name == "w:headerReference") final_sect.remove_child(n);
    n = next;
  }
  pugi::xml_node anchor;
  for (const auto& page : frame.page_references) {
    const char* name = page.footer ? "w:footerReference" : "w:headerReference";
    pugi::xml_node r =
        anchor ? final_sect.insert_child_after(name, anchor) : final_sect.prepend_child(name);
    r.append_attribute("w:type").set_value(page.type.c_str());
    r.append_attribute("r:id").set_value(page.id.c_str());
    anchor = r;
  }

  std::string title;
  for (const auto& line : document.title_lines)
    title += line;

  std::vector<std::pair<std::string, std::string>> parts = frame.head;  // in package order
  parts.emplace_back("docProps/core.xml", core_properties(report, title));
  parts.emplace_back("docProps/app.xml", frame.app);
  if (with_custom) parts.emplace_back("docProps/custom.xml", std::move(custom));
  parts.emplace_back("word/document.xml", to_xml(doc));
  parts.insert(parts.end(), frame.tail.begin(), frame.tail.end());
  return own ? zip::write_archive(parts, own->deflated) : zip::write_archive(parts);
}

}  // namespace nianbao::docx
