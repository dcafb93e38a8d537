// html-exporter: the report as one self-contained web page, as government websites publish it
// (`nianbao convert r.json -o 年报.html`). The tables are semantic: <caption>, <th scope>,
// colspan/rowspan from the format definition's blocks and groups, so a screen reader announces
// "法人或其他组织 商业企业" for a cell; a print stylesheet sets A4 pages with the margins of GB/T
// 9704 and page numbers "— 1 —" (odd pages right, even pages left). The markup is well-formed XML
// as well as HTML5 (polyglot), so XML tools can read it too.
#include <nianbao/exporter_base.h>
#include <nianbao/plugin.h>
#include <nianbao/text.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "print/print_layout.h"
#include "report_properties/report_properties.h"

namespace {

namespace print = nianbao::print;
using nianbao::append_markup_escaped;

constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;  // from nianbao_add_plugin
constexpr const char* kBadOptionCode = "HTML-01";
constexpr const char* kMsgBadOption = "html.bad_option";

// Type area of GB/T 9704 at the table font (五号 10.5 pt): 156 mm = 442.2 pt = 42.1 em. Column
// widths are computed for it and written as percentages, so the table fills whatever width the
// page gives it in the same proportions as on paper.
constexpr double kTypeAreaEm = 442.2 / 10.5;
constexpr double kCellPaddingEm = 0.6;

constexpr std::string_view kStyle = R"CSS(
:root { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem 1.5rem 3rem;
  font: 16px/1.9 "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
h1 { margin: 1.5rem 0 1.9rem; text-align: center; font-weight: normal; font-size: 1.6rem; line-height: 1.6;
  font-family: "方正小标宋简体", "华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC", serif; }
h1 span { display: block; }
h2 { margin: 0; font-size: 1em; font-weight: normal; text-indent: 2em;
  font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3, .run-in { font-size: 1em; font-weight: normal;
  font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; }
h3 { margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.closing { margin-top: 1.9em; }
.closing p { text-align: right; text-indent: 0; }
.table-scroll { overflow-x: auto; margin: .3rem 0 1rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 14px; line-height: 1.45; }
caption { padding: 0; }
/* The section heading right above says what the table is; the caption names it for screen readers
   without printing the same words twice. */
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
th, td { border: 1px solid #000; padding: .3em .3em; vertical-align: middle; overflow-wrap: anywhere; }
/* A header that wraps breaks into lines of equal length (商业/企业, not 商业企/业). */
th { font-weight: normal; text-wrap: balance; }
thead th, th.header, th.block-caption { text-align: center;
  font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
th.row, th.group { text-align: left; }
th.group { text-align: center; }
td { text-align: center; font-variant-numeric: tabular-nums; }
.table-applications { min-width: 40rem; }
.table-review_litigation { min-width: 44rem; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "宋体", "SimSun", "Noto Serif CJK SC", serif; padding-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "宋体", "SimSun", "Noto Serif CJK SC", serif; padding-left: 1em; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 16pt; line-height: 28.95pt; }
  h1 { font-size: 22pt; line-height: 35pt; margin: 0 0 28.95pt; }
  table { font-size: 10.5pt; min-width: 0 !important; }
  .table-scroll { overflow: visible; }
  thead { display: table-header-group; }
  td, th.row, thead th { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
}
)CSS";

// Escaped for HTML content, a line break in the text kept as <br />.
void append_escaped(std::string& out, std::string_view text) {
  const std::string clean = print::clean_text(text);
  std::string_view rest = clean;
  for (auto nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
    append_markup_escaped(out, rest.substr(0, nl));
    out += "<br />";
    rest.remove_prefix(nl + 1);
  }
  append_markup_escaped(out, rest);
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

// Column widths as percentages with two decimals that add up to exactly 100%: the last column
// takes what rounding left over.
std::vector<std::string> percentages(const std::vector<double>& widths) {
  double total = 0;
  for (double w : widths)
    total += w;
  std::vector<std::string> out;
  long remaining = 10000;  // hundredths of a percent
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const long share = i + 1 == widths.size()
                           ? remaining
                           : std::lround(total > 0 ? widths[i] / total * 10000.0 : 0.0);
    remaining -= share;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%ld.%02ld%%", share / 100, share % 100);
    out.emplace_back(buffer);
  }
  return out;
}

// A table cell: <th> for every label with the scope that tells assistive technology which cells
// it heads, <td> for values.
void write_cell(std::string& out, const print::TableCell& cell) {
  using Kind = print::TableCell::Kind;
  std::string tag = "th";
  std::string attributes;
  switch (cell.kind) {
    case Kind::block_caption:
      // Heads the rest of its <tbody>: the rows of one 第二十条 item.
      attributes = " scope=\"rowgroup\" class=\"block-caption\"";
      break;
    case Kind::corner:
      // Heads the label column below it (the 勾稽关系 note is about "本列数据").
      attributes = " scope=\"col\" class=\"header corner\"";
      break;
    case Kind::column_header:
      attributes = cell.spans_columns ? " scope=\"colgroup\" class=\"header\""
                                      : " scope=\"col\" class=\"header\"";
      break;
    case Kind::row_group:
      // A row header spanning rows applies to every row it covers.
      attributes = " scope=\"row\" class=\"group\"";
      break;
    case Kind::row_label:
      attributes = " scope=\"row\" class=\"row\"";
      break;
    case Kind::value:
      tag = "td";
      break;
  }
  out += "<" + tag + attributes;
  if (cell.column_span > 1) out += " colspan=\"" + std::to_string(cell.column_span) + "\"";
  if (cell.row_span > 1) out += " rowspan=\"" + std::to_string(cell.row_span) + "\"";
  out += ">";
  append_escaped(out, cell.text);
  out += "</" + tag + ">";
}

void write_table(std::string& out, const print::Table& table) {
  const std::string id = "table-" + table.key;
  out += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" + id +
         "-caption\">\n";
  out += "<table id=\"" + id + "\" class=\"" + id + "\">\n";
  out += "<caption id=\"" + id + "-caption\"><span class=\"visually-hidden\">";
  append_escaped(out, table.label);
  out += "</span></caption>\n<colgroup>";
  for (const auto& width :
       percentages(print::fit_column_widths(table, kTypeAreaEm, kCellPaddingEm)))
    out += "<col style=\"width: " + width + "\" />";
  out += "</colgroup>\n";

  // Rows: a table that starts with column headers has them in <thead> (repeated on every printed
  // page); each block of a table with block captions (table 二) is a <tbody> of its own.
  const int rows = static_cast<int>(table.rows.size());
  std::size_t next_cell = 0;
  int open_block = -1;
  bool in_head = false;
  for (int r = 0; r < rows; ++r) {
    const bool head = r < table.repeat_header_rows;
    if (head && !in_head) {
      out += "<thead>\n";
      in_head = true;
    } else if (!head && in_head) {
      out += "</thead>\n";
      in_head = false;
    }
    if (!head && table.rows[static_cast<std::size_t>(r)].block != open_block) {
      if (open_block >= 0) out += "</tbody>\n";
      open_block = table.rows[static_cast<std::size_t>(r)].block;
      out += "<tbody>\n";
    }
    out += "<tr>";
    while (next_cell < table.cells.size() && table.cells[next_cell].row == r)
      write_cell(out, table.cells[next_cell++]);
    out += "</tr>\n";
  }
  if (in_head) out += "</thead>\n";
  if (open_block >= 0) out += "</tbody>\n";
  out += "</table>\n</div>\n";
}

void write_paragraph(std::string& out, const print::Paragraph& p) {
  switch (p.kind) {
    case print::Paragraph::Kind::heading:
    case print::Paragraph::Kind::signature:
      break;  // written by the caller
    case print::Paragraph::Kind::subheading:
      out += "<h3>" + escaped(p.text) + "</h3>\n";
      break;
    case print::Paragraph::Kind::body:
      out += "<p>";
      if (!p.lead.empty()) out += "<span class=\"run-in\">" + escaped(p.lead) + "</span>";
      out += escaped(p.text) + "</p>\n";
      break;
  }
}

class HtmlExporter final : public nianbao::ExporterBase {
 public:
  HtmlExporter() : ExporterBase(kPluginId, {}, {kBadOptionCode, kMsgBadOption}) {}
  std::string id() const override { return "html"; }
  std::string description() const override {
    return "One self-contained, accessible web page (tables with th scope, print stylesheet)";
  }
  std::vector<std::string> extensions() const override { return {".html", ".htm"}; }

 private:
  std::string write_report(const nianbao::Report& report,
                           const nianbao::ExportContext& context) const override {
    const print::Document doc = print::lay_out(report, context.format);

    std::string title;
    for (const auto& line : doc.title_lines)
      title += line;
    std::string out;
    out.reserve(64 * 1024);
    out +=
        "<!DOCTYPE html>\n<html lang=\"zh-CN\" xml:lang=\"zh-CN\" "
        "xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n";
    out += "<meta charset=\"utf-8\" />\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n";
    out += "<meta name=\"generator\" content=\"nianbao\" />\n";
    // Not printed on the page, but carried so that the page imports back losslessly.
    if (!report.agency.region_code.empty())
      out += std::string("<meta name=\"") + nianbao::report_properties::kRegionCodeHtmlMeta +
             "\" content=\"" + escaped(report.agency.region_code) + "\" />\n";
    out += "<title>" + escaped(title) + "</title>\n<style>";
    out += kStyle;
    out += "</style>\n</head>\n<body>\n<article>\n<header>\n<h1>";
    for (const auto& line : doc.title_lines)
      out += "<span>" + escaped(line) + "</span>";
    out += "</h1>\n</header>\n";

    bool in_section = false;
    bool in_closing = false;
    int section_number = 0;
    for (const auto& block : doc.blocks) {
      if (const auto* p = std::get_if<print::Paragraph>(&block)) {
        if (p->kind == print::Paragraph::Kind::heading) {
          if (in_section) out += "</section>\n";
          const std::string id = "section-" + std::to_string(++section_number);
          out += "<section aria-labelledby=\"" + id + "\">\n<h2 id=\"" + id + "\">" +
                 escaped(p->text) + "</h2>\n";
          in_section = true;
          continue;
        }
        if (p->kind == print::Paragraph::Kind::signature) {
          if (in_section) out += "</section>\n";
          in_section = false;
          if (!in_closing) out += "<footer class=\"closing\">\n";
          in_closing = true;
          char indent[48];
          std::snprintf(indent, sizeof indent, "<p style=\"padding-right: %.2fem\">",
                        p->right_indent_em);
          out += indent + escaped(p->text) + "</p>\n";
          continue;
        }
        write_paragraph(out, *p);
      } else {
        write_table(out, std::get<print::Table>(block));
      }
    }
    if (in_section) out += "</section>\n";
    if (in_closing) out += "</footer>\n";
    out += "</article>\n</body>\n</html>\n";
    return out;
  }
};

void register_components(nianbao::Registry& registry) {
  registry.add_exporter(std::make_unique<HtmlExporter>());
  registry.add_rule({kBadOptionCode,
                     nianbao::Severity::error,
                     "HTML 导出器的选项无效",
                     "invalid HTML exporter option",
                     "convert --option",
                     {},
                     true});
  registry.add_message({kMsgBadOption,
                        "HTML 导出器没有选项 {option}={value}（--reference-docx 只用于 DOCX）",
                        "the HTML exporter has no option {option}={value} (--reference-docx is "
                        "for DOCX only)"});
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
