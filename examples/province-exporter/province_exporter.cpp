// province-exporter: an example of how a provincial platform swaps nianbao's exchange XML
// (urn:nianbao:report:1, the built-in `platform-xml` exporter) for the XML dialect its own
// system already reads — without touching nianbao.
//
// The dialect is invented for the example, but shaped like what platforms use: Chinese element
// names, the printed labels of rows and columns rather than keys, one flat list of cells per table,
// and the platform's province code on the root (README.md shows a whole document):
//
//   <年度报告 xmlns="urn:example:province:annual-report:2" 省份代码="340000" …>
//     <报告机关 类型="department" 区划代码="340600">淮北市人民政府办公室（外事办公室）</报告机关>
//     <正文><部分 编码="overview" 标题="一、总体情况"><段落>……</段落></部分></正文>
//     <统计表>
//       <表 名称="收到和处理政府信息公开申请情况">
//         <数据 行="一、本年新收政府信息公开申请数量" 列="自然人" 编码="…">36</数据>
//         <数据 行="…" 列="…" 编码="…" 状态="空白"/>
//         <数据 行="…" 列="…" 编码="…" 状态="不适用" 原文="/"/>
//
// Everything it writes comes from the report and its format definition (ExportContext::format):
// the labels, the order of tables, rows and columns, and the value types. Nothing is specific to a
// year or a format, so a future national format needs no change here.
//
// Selecting it (README.md explains why the .xml ending picks this exporter):
//   nianbao --plugin-path build convert report.json -o report.xml
//   nianbao --plugin-path build convert report.json -o r.xml --to province-xml
//           --option province=340000
//   nianbao --plugin-path build convert report.json -o r.xml --to platform-xml  # national
#include <nianbao/plugin.h>
#include <nianbao/text.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// The platform's own namespace: a dialect is a different vocabulary, so it is a different
// namespace.
constexpr std::string_view kDialectNamespace = "urn:example:province:annual-report:2";

// ---- errors ----------------------------------------------------------------------------------

constexpr const char* kBadOptionCode = "PROV-01";
constexpr const char* kBadTextCode = "PROV-02";

nianbao::InputError refusal(const nianbao::Report& report, const char* code, std::string message_id,
                            std::vector<nianbao::MessageArg> args) {
  nianbao::Diagnostic d;
  d.code = code;
  d.severity = nianbao::Severity::error;
  d.message_id = std::move(message_id);
  d.args = std::move(args);
  d.location.source.file = report.source.file;
  d.plugin = NIANBAO_PLUGIN_ID;
  return nianbao::InputError(std::move(d));
}

// ---- XML text --------------------------------------------------------------------------------

// Thrown for text XML 1.0 cannot hold: the C0 control characters other than tab, line feed and
// carriage return (no XML parser accepts them, not even as &#1;).
struct UnwritableText {
  unsigned code;
};

// Appends `text` escaped for element content or a double-quoted attribute value, with the SDK's
// escaping (nianbao/text.h); a control character no XML 1.0 document can hold is refused first.
void append_escaped(std::string& out, std::string_view text, nianbao::MarkupPlace place) {
  for (char ch : text) {
    auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') throw UnwritableText{byte};
  }
  nianbao::append_markup_escaped(out, text, place);
}

using Attributes = std::vector<std::pair<std::string_view, std::string>>;

// Writes one element on its own line, indented two spaces per level: empty when `text` is null,
// otherwise with its text (never with added whitespace inside it).
void element(std::string& out, int depth, std::string_view name, const Attributes& attributes,
             const std::string* text = nullptr, bool open_only = false) {
  out.append(2 * static_cast<std::size_t>(depth), ' ');
  out += '<';
  out += name;
  for (const auto& [key, value] : attributes) {
    out += ' ';
    out += key;
    out += "=\"";
    append_escaped(out, value, nianbao::MarkupPlace::attribute);
    out += '"';
  }
  if (open_only) {
    out += ">\n";
  } else if (!text) {
    out += "/>\n";
  } else {
    out += '>';
    append_escaped(out, *text, nianbao::MarkupPlace::content);
    out += "</";
    out += name;
    out += ">\n";
  }
}

void close(std::string& out, int depth, std::string_view name) {
  out.append(2 * static_cast<std::size_t>(depth), ' ');
  out += "</";
  out += name;
  out += ">\n";
}

// ---- the exporter ----------------------------------------------------------------------------

class ProvinceExporter final : public nianbao::Exporter {
 public:
  std::string id() const override { return "province-xml"; }
  std::string description() const override {
    return "Example provincial platform XML dialect (urn:example:province:annual-report:2)";
  }
  // The same ending as the built-in platform-xml exporter. On a tie the exporter registered first
  // wins, and plugins found through --plugin-path or NIANBAO_PLUGIN_PATH are registered before the
  // installed ones: with this plugin on the path, `-o report.xml` writes this dialect, while
  // `--to platform-xml` still writes the national exchange format.
  std::vector<std::string> extensions() const override { return {".xml"}; }

  std::string write(const nianbao::Report& report,
                    const nianbao::ExportContext& context) const override {
    // The platform's province: from `--option province=340000`, else from the agency's
    // administrative division code (its first two digits are the province's).
    std::string province;
    for (const auto& [key, value] : context.options) {
      bool code = key == "province" && value.size() == 6 && value.substr(2) == "0000" &&
                  value.find_first_not_of("0123456789") == std::string::npos;
      if (!code)
        throw refusal(report, kBadOptionCode, "province-exporter.bad_option",
                      {{"option", key}, {"value", value}});
      province = value;
    }
    if (province.empty() && report.agency.region_code.size() >= 2)
      province = report.agency.region_code.substr(0, 2) + "0000";

    try {
      return write_dialect(report, context.format, province);
    } catch (const UnwritableText& bad) {
      static const char* kHex = "0123456789ABCDEF";
      std::string code = "U+00";
      code += kHex[bad.code >> 4];
      code += kHex[bad.code & 15];
      throw refusal(report, kBadTextCode, "province-exporter.bad_character", {{"character", code}});
    }
  }

 private:
  static std::string write_dialect(const nianbao::Report& report,
                                   const nianbao::FormatDefinition& format,
                                   const std::string& province) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    Attributes root = {{"xmlns", std::string(kDialectNamespace)}};
    if (!province.empty()) root.emplace_back("省份代码", province);
    root.emplace_back("格式", report.format);
    root.emplace_back("年度", std::to_string(report.year));
    element(out, 0, "年度报告", root, nullptr, true);

    Attributes agency;
    if (!report.agency.kind.empty()) agency.emplace_back("类型", report.agency.kind);
    if (!report.agency.region_code.empty())
      agency.emplace_back("区划代码", report.agency.region_code);
    element(out, 1, "报告机关", agency, &report.agency.name);
    if (!report.published.empty()) element(out, 1, "发布日期", {}, &report.published);
    Attributes contact;
    if (!report.contact.phone.empty()) contact.emplace_back("电话", report.contact.phone);
    if (!report.contact.address.empty()) contact.emplace_back("地址", report.contact.address);
    if (!report.contact.postcode.empty()) contact.emplace_back("邮编", report.contact.postcode);
    if (!contact.empty()) element(out, 1, "联系方式", contact);

    // The sections in the format's order, each under its printed heading.
    element(out, 1, "正文", {}, nullptr, true);
    for (const nianbao::SectionDef& def : format.sections) {
      const nianbao::Section* section = report.find_section(def.key);
      if (!section) continue;
      Attributes part = {{"编码", def.key}};
      if (!def.heading.empty()) part.emplace_back("标题", def.heading);  // the preamble has none
      element(out, 2, "部分", part, nullptr, true);
      for (const nianbao::Paragraph& p : section->paragraphs)
        element(out, 3, "段落", {}, &p.text);
      close(out, 2, "部分");
    }
    close(out, 1, "正文");

    // Every cell the report has, in the format's order, named by printed row and column labels.
    element(out, 1, "统计表", {}, nullptr, true);
    for (const nianbao::TableDef& table : format.tables) {
      if (!report.find_table(table.key)) continue;
      element(out, 2, "表", {{"名称", table.label}}, nullptr, true);
      for (const nianbao::BlockDef& block : table.blocks)
        for (const nianbao::RowDef& row : block.rows)
          for (const nianbao::ColumnDef& column : block.columns)
            if (const nianbao::Cell* cell = report.find_cell(table.key, row.key, column.key))
              write_cell(out, *cell, format.row_path_label(table, row), column,
                         table.key + "/" + row.key + "/" + column.key);
      close(out, 2, "表");
    }
    close(out, 1, "统计表");
    close(out, 0, "年度报告");
    return out;
  }

  static void write_cell(std::string& out, const nianbao::Cell& cell, const std::string& row_label,
                         const nianbao::ColumnDef& column, const std::string& code) {
    std::string column_label;
    for (const auto& group : column.groups)
      column_label += group + " ";
    column_label += column.label;
    Attributes a = {{"行", row_label}, {"列", column_label}, {"编码", code}};
    switch (cell.state) {
      case nianbao::Cell::State::number: {
        if (column.type == nianbao::ValueType::money && cell.unit)
          a.emplace_back("单位", *cell.unit);
        std::string value = cell.value.to_string();  // exact: money is never a double
        element(out, 3, "数据", a, &value);
        return;
      }
      case nianbao::Cell::State::blank:
        a.emplace_back("状态", "空白");
        break;
      case nianbao::Cell::State::not_applicable:
        a.emplace_back("状态", "不适用");
        a.emplace_back("原文", cell.raw.empty() ? std::string("/") : cell.raw);
        break;
    }
    element(out, 3, "数据", a);
  }
};

void register_components(nianbao::Registry& registry) {
  registry.add_exporter(std::make_unique<ProvinceExporter>());
  registry.add_message({"province-exporter.bad_option",
                        "province-xml 导出器不支持选项 {option}={value}；可用的选项："
                        "province=省级行政区划代码（如 340000）",
                        "the province-xml exporter has no option {option}={value}; options: "
                        "province=<province code, e.g. 340000>"});
  registry.add_message({"province-exporter.bad_character",
                        "报告含有 XML 无法表示的控制字符 {character}",
                        "the report holds a control character XML cannot carry ({character})"});
  nianbao::RuleInfo option_rule;
  option_rule.code = kBadOptionCode;
  option_rule.title_zh = "province-xml 导出选项无效";
  option_rule.title_en = "invalid province-xml exporter option";
  option_rule.clause = "examples/province-exporter/README.md";
  registry.add_rule(std::move(option_rule));
  nianbao::RuleInfo text_rule;
  text_rule.code = kBadTextCode;
  text_rule.title_zh = "报告含有 XML 无法表示的字符";
  text_rule.title_en = "report text XML cannot carry";
  text_rule.clause = "examples/province-exporter/README.md";
  registry.add_rule(std::move(text_rule));
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
