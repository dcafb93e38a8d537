// Importer for the platform exchange XML (urn:nianbao:report:1, docs/exchange-xml.md). A document
// is first checked by libxml2 — securely, see secure_xml.cpp — and validated against the schema;
// only a valid document is then read, with pugixml, into the report model, checking what the
// schema cannot: that every key belongs to the report's own format. Any problem rejects the whole
// document with the line it is on: nothing is imported from an invalid file.
#include <nianbao/importer_base.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/secure_xml.h"
#include "xml/safe_xml.h"

extern const std::string_view kPlatformXmlSchema;  // docs/schema/nianbao-report-1.xsd, embedded

namespace {

using nianbao::Cell;
using nianbao::Diagnostic;
using nianbao::FormatDefinition;
using nianbao::MessageArg;
using nianbao::Report;
using nianbao::TableDef;
using nianbao::ValueType;
namespace px = nianbao::platform_xml;

constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;

// ---- codes -------------------------------------------------------------------------------------

constexpr const char* kSyntax = "XML-01";
constexpr const char* kSchema = "XML-02";
constexpr const char* kNotThisFormat = "XML-03";
constexpr const char* kForbidden = "XML-04";
constexpr const char* kTooLarge = "XML-05";
constexpr const char* kNotInReportFormat = "XML-06";

// Extension values are JSON; this deep is far beyond any real use and keeps parsing cheap.
constexpr int kMaxExtensionDepth = 64;

nianbao::InputError rejection(const std::string& path, const char* code, std::string message_id,
                              std::vector<MessageArg> args, int line, int character = 0,
                              std::string pointer = {}, nianbao::LogicalLocation logical = {}) {
  Diagnostic d = nianbao::input_diagnostic(kPluginId, code, nianbao::Severity::error,
                                           std::move(message_id), path, line);
  d.args = std::move(args);
  d.location.source.character = character;
  d.location.source.pointer = std::move(pointer);
  d.location.logical = std::move(logical);
  return nianbao::InputError(std::move(d));
}

nianbao::InputError from_problem(const std::string& path, const px::Problem& p,
                                 std::uint64_t max_bytes) {
  const std::string& detail = p.detail;
  switch (p.kind) {
    case px::Problem::Kind::too_large:
      return rejection(path, kTooLarge, "platform-xml.too_large",
                       {{"size", p.detail}, {"limit", std::to_string(max_bytes)}}, 0);
    case px::Problem::Kind::forbidden:
      return rejection(path, kForbidden, "platform-xml.doctype", {}, p.line);
    case px::Problem::Kind::encoding:
      return rejection(path, kNotThisFormat, "platform-xml.encoding", {{"encoding", p.detail}},
                       p.line);
    case px::Problem::Kind::syntax:
      return rejection(path, kSyntax, "platform-xml.syntax", {{"detail", detail}}, p.line,
                       p.column);
    case px::Problem::Kind::root:
      return rejection(path, kNotThisFormat, "platform-xml.wrong_root",
                       {{"found", p.detail}, {"expected", std::string(px::kNamespace)}}, p.line);
    case px::Problem::Kind::schema:
      // The first problem is reported with its line; that there are more is worth knowing (a
      // syntax error's followers, by contrast, are mostly its own echoes).
      if (p.further > 0)
        return rejection(path, kSchema, "platform-xml.schema_and_more",
                         {{"detail", detail}, {"further", std::to_string(p.further)}}, p.line);
      return rejection(path, kSchema, "platform-xml.schema", {{"detail", detail}}, p.line);
  }
  return rejection(path, kSyntax, "platform-xml.syntax", {{"detail", detail}}, p.line);
}

// ---- reading a valid document ------------------------------------------------------------------

// The schema has already fixed the structure, so the reader walks it without re-checking what the
// schema says; names are compared without their prefix (the schema admits only elements of the
// format's namespace, whatever prefix a document binds to it).
std::string_view local_name(const pugi::xml_node& node) {
  return nianbao::xml::local_name(node.name());
}

// The text of a simple-content element: every text and CDATA piece, around any comments.
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
  return out;
}

// Whitespace the schema's integer, decimal and boolean types collapse.
std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  text = trimmed(text);
  if (text.starts_with('+')) text.remove_prefix(1);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

bool parse_boolean(std::string_view text) {
  text = trimmed(text);
  return text == "true" || text == "1";
}

// A key as an XPath string literal, for the pointer of a location. Schema keys have no quotes;
// an extension's key may, and XPath 1.0 has no escapes, only the other quote.
std::string xpath_literal(std::string_view text) {
  const char quote = text.find('\'') == std::string_view::npos ? '\'' : '"';
  return quote + std::string(text) + quote;
}

// How deep a JSON text nests, counting brackets outside strings.
int json_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (in_string) {
      if (ch == '\\')
        ++i;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '{' || ch == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (ch == '}' || ch == ']') {
      --depth;
    }
  }
  return deepest;
}

nianbao::LogicalLocation where(std::string section, std::string table, std::string row,
                               std::string table_label = {}) {
  nianbao::LogicalLocation l;
  l.section = std::move(section);
  l.table = std::move(table);
  l.row = std::move(row);
  l.table_label = std::move(table_label);
  return l;
}

class DocumentReader {
 public:
  DocumentReader(const nianbao::InputFile& input, const nianbao::ImportContext& context)
      : input_(input), context_(context) {
    for (std::size_t i = 0; i < input.bytes.size(); ++i)
      if (input.bytes[i] == '\n') line_starts_.push_back(i + 1);
  }

  Report read(const pugi::xml_node& root) {
    Report report;
    report.source.file = input_.path;
    for (pugi::xml_node part : root.children()) {
      if (part.type() != pugi::node_element) continue;
      std::string_view name = local_name(part);
      if (name == "metadata")
        read_metadata(part, report);
      else if (name == "sections")
        read_sections(part, report);
      else if (name == "tables")
        read_tables(part, report);
      else if (name == "extensions")
        read_extensions(part, report);
      // <diagnostics> are the sender's findings; the receiver checks the report itself.
    }
    return report;
  }

 private:
  int line_of(const pugi::xml_node& node) const {
    std::ptrdiff_t offset = node.offset_debug();
    if (offset < 0) return 0;
    auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(),
                                  static_cast<std::size_t>(offset));
    return static_cast<int>(after - line_starts_.begin());
  }

  [[noreturn]] void fail(const pugi::xml_node& at, std::string message_id,
                         std::vector<MessageArg> args, std::string pointer,
                         nianbao::LogicalLocation logical = {}) const {
    if (format_) args.emplace_back("format", format_->id);
    throw rejection(input_.path, kNotInReportFormat, std::move(message_id), std::move(args),
                    line_of(at), 0, std::move(pointer), std::move(logical));
  }

  void read_metadata(const pugi::xml_node& metadata, Report& report) {
    for (pugi::xml_node field : metadata.children()) {
      if (field.type() != pugi::node_element) continue;
      std::string_view name = local_name(field);
      if (name == "format") {
        report.format = text_of(field);
        format_ = context_.formats.find(report.format);
        if (!format_) {
          std::string known;
          for (const auto* f : context_.formats.all())
            known += (known.empty() ? "" : ", ") + f->id;
          fail(field, "platform-xml.unknown_format",
               {{"report_format", report.format}, {"known", known}}, "/report/metadata/format");
        }
      } else if (name == "year") {
        report.year = static_cast<int>(parse_integer(text_of(field)).value_or(0));
      } else if (name == "published") {
        report.published = text_of(field);
      } else if (name == "agency") {
        report.agency.kind = field.attribute("kind").value();
        report.agency.region_code = field.attribute("region-code").value();
        for (pugi::xml_node n : field.children())
          if (n.type() == pugi::node_element && local_name(n) == "name")
            report.agency.name = text_of(n);
      } else if (name == "contact") {
        for (pugi::xml_node n : field.children()) {
          if (n.type() != pugi::node_element) continue;
          std::string_view item = local_name(n);
          if (item == "phone")
            report.contact.phone = text_of(n);
          else if (item == "address")
            report.contact.address = text_of(n);
          else if (item == "postcode")
            report.contact.postcode = text_of(n);
        }
      }
    }
  }

  void read_sections(const pugi::xml_node& sections, Report& report) {
    for (pugi::xml_node s : sections.children()) {
      if (s.type() != pugi::node_element) continue;
      std::string key = s.attribute("key").value();
      std::string pointer = "/report/sections/section[@key=" + xpath_literal(key) + "]";
      if (!format_->find_section(key))
        fail(s, "platform-xml.section_not_in_format", {{"section", key}}, pointer,
             where(key, {}, {}));
      nianbao::Section& section = report.section(key);
      int index = 0;
      for (pugi::xml_node p : s.children()) {
        if (p.type() != pugi::node_element) continue;
        nianbao::Paragraph paragraph;
        paragraph.text = text_of(p);
        paragraph.source.file = input_.path;
        paragraph.source.line = line_of(p);
        paragraph.source.paragraph = ++index;
        paragraph.source.pointer = pointer + "/p[" + std::to_string(index) + "]";
        section.paragraphs.push_back(std::move(paragraph));
      }
    }
  }

  void read_tables(const pugi::xml_node& tables, Report& report) {
    for (pugi::xml_node t : tables.children()) {
      if (t.type() != pugi::node_element) continue;
      std::string key = t.attribute("key").value();
      std::string pointer = "/report/tables/table[@key=" + xpath_literal(key) + "]";
      const TableDef* tdef = format_->find_table(key);
      if (!tdef)
        fail(t, "platform-xml.table_not_in_format", {{"table", key}}, pointer, where({}, key, {}));
      nianbao::Table& table = report.table(key);
      for (pugi::xml_node r : t.children())
        if (r.type() == pugi::node_element) read_row(r, *tdef, table, pointer);
    }
  }

  void read_row(const pugi::xml_node& r, const TableDef& tdef, nianbao::Table& table,
                const std::string& table_pointer) {
    std::string key = r.attribute("key").value();
    std::string pointer = table_pointer + "/row[@key=" + xpath_literal(key) + "]";
    if (!tdef.block_of(key))
      fail(r, "platform-xml.row_not_in_table", {{"table", tdef.key}, {"row", key}}, pointer,
           where(tdef.section, tdef.key, key, tdef.label));
    const nianbao::RowDef& rdef = *tdef.find_row(key);
    nianbao::TableRow& row = table.row(key);
    for (pugi::xml_node c : r.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string column = c.attribute("column").value();
      std::string_view kind = local_name(c);
      std::string cell_pointer =
          pointer + "/" + std::string(kind) + "[@column=" + xpath_literal(column) + "]";
      const nianbao::ColumnDef* cdef = tdef.find_column(key, column);
      // Where a rejected cell is, by keys and printed labels; built only when one is rejected.
      auto at = [&] {
        nianbao::LogicalLocation l = where(tdef.section, tdef.key, key, tdef.label);
        l.column = column;
        l.row_label = format_->row_path_label(tdef, rdef);
        if (cdef) l.column_label = cdef->label;
        return l;
      };
      if (!cdef)
        fail(c, "platform-xml.column_not_in_row",
             {{"table", tdef.key}, {"row", key}, {"column", column}}, cell_pointer, at());
      const bool money = cdef->type == ValueType::money;
      if ((kind == "count" && money) || (kind == "money" && !money))
        fail(c, "platform-xml.cell_element",
             {{"column", column},
              {"element", std::string(kind)},
              {"expected", money ? "money" : "count"}},
             cell_pointer, at());

      Cell cell;
      if (kind == "count") {
        // The schema's xs:long makes this parse; a failure would be a schema/model mismatch.
        auto value = parse_integer(text_of(c));
        if (!value) fail(c, "platform-xml.bad_number", {{"value", text_of(c)}}, cell_pointer, at());
        cell = Cell::count(*value);
      } else if (kind == "money") {
        auto value = nianbao::Decimal::parse(trimmed(text_of(c)));
        if (!value) fail(c, "platform-xml.bad_number", {{"value", text_of(c)}}, cell_pointer, at());
        cell = Cell::number(*value);
      } else if (kind == "na") {
        cell.state = Cell::State::not_applicable;
      }
      if (pugi::xml_attribute unit = c.attribute("unit")) {
        if (!money)
          fail(c, "platform-xml.unit_not_money", {{"column", column}}, cell_pointer, at());
        cell.unit = unit.value();
      }
      cell.raw = c.attribute("raw").value();
      cell.reconstructed = parse_boolean(c.attribute("reconstructed").value());
      cell.source.file = input_.path;
      cell.source.line = line_of(c);
      cell.source.pointer = std::move(cell_pointer);
      row.set(column, std::move(cell));
    }
  }

  void read_extensions(const pugi::xml_node& extensions, Report& report) const {
    for (pugi::xml_node e : extensions.children()) {
      if (e.type() != pugi::node_element) continue;
      std::string key = e.attribute("key").value();
      std::string text = text_of(e);
      std::string pointer = "/report/extensions/extension[@key=" + xpath_literal(key) + "]";
      if (json_depth(text) > kMaxExtensionDepth)
        fail(e, "platform-xml.bad_extension", {{"key", key}}, pointer);
      // Kept as the canonical JSON form keeps it: compact, key order as written.
      auto value = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (value.is_discarded()) fail(e, "platform-xml.bad_extension", {{"key", key}}, pointer);
      report.extensions.emplace_back(
          key, value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict));
    }
  }

  const nianbao::InputFile& input_;
  const nianbao::ImportContext& context_;
  const FormatDefinition* format_ = nullptr;
  std::vector<std::size_t> line_starts_ = {0};
};

// ---- the importer ------------------------------------------------------------------------------

class PlatformXmlImporter final : public nianbao::ImporterBase {
 public:
  PlatformXmlImporter() : ImporterBase(kPluginId) {}
  std::string id() const override { return "platform-xml"; }
  std::string description() const override {
    return "Provincial-platform exchange XML (urn:nianbao:report:1), validated against "
           "nianbao-report-1.xsd";
  }
  std::vector<std::string> extensions() const override { return {".xml"}; }

  int identify(std::string_view path, std::string_view head) const override {
    auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    bool markup = first != std::string_view::npos && head[first] == '<';
    bool utf16 = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
    if (!markup && !utf16) return 0;  // e.g. a JSON report that quotes the namespace
    if (head.find(px::kNamespace) != std::string_view::npos) return 100;
    // Another version of this format, or an XML file nobody else claims: read it, so that the
    // user learns what is wrong with it (XML-03) rather than that nothing reads it.
    if (head.find("urn:nianbao:report") != std::string_view::npos) return 80;
    return nianbao::has_extension(path, ".xml") ? 10 : 0;
  }

 private:
  nianbao::ImportResult read_file(const nianbao::InputFile& input,
                                  const nianbao::ImportContext& context) const override {
    const std::uint64_t max_bytes =
        nianbao::limit_value(context.options, "xml-bytes", px::kMaxDocumentBytes);
    if (auto problem = px::check_document(input.bytes, kPlatformXmlSchema, max_bytes))
      throw from_problem(input.path, *problem, max_bytes);

    pugi::xml_document doc;
    pugi::xml_parse_result parsed =
        doc.load_buffer(input.bytes.data(), input.bytes.size(),
                        pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!parsed)  // libxml2 accepted it, so this would be a disagreement between the parsers
      throw rejection(input.path, kSyntax, "platform-xml.syntax",
                      {{"detail", parsed.description()}}, 0);
    nianbao::ImportResult result;
    result.report = DocumentReader(input, context).read(doc.document_element());
    return result;
  }
};

void register_components(nianbao::Registry& registry) {
  px::init_libxml2();
  registry.add_importer(std::make_unique<PlatformXmlImporter>());
  registry.add_limit({"xml-bytes", px::kMaxDocumentBytes,
                      "交换格式 XML 文档的字节数（解析之前检查）",
                      "the size of an exchange-XML document, before any parser sees it"});

  registry.add_message(
      {"platform-xml.syntax", "XML 语法错误：{detail}", "XML syntax error: {detail}"});
  registry.add_message(
      {"platform-xml.schema", "不符合交换格式的 schema（nianbao-report-1.xsd）：{detail}",
       "does not conform to the exchange schema (nianbao-report-1.xsd): {detail}"});
  registry.add_message({"platform-xml.schema_and_more",
                        "不符合交换格式的 schema（nianbao-report-1.xsd）：{detail}（另有 {further} "
                        "处问题）",
                        "does not conform to the exchange schema (nianbao-report-1.xsd): {detail} "
                        "(and {further} more)"});
  registry.add_message({"platform-xml.wrong_root",
                        "根元素是 {found}，不是年报交换格式的 {{{expected}}}report",
                        "the root element is {found}, not the exchange format's "
                        "{{{expected}}}report"});
  registry.add_message(
      {"platform-xml.encoding", "文档的编码是 {encoding}；交换格式只使用 UTF-8",
       "the document's encoding is {encoding}; the exchange format is UTF-8 only"});
  registry.add_message({"platform-xml.doctype",
                        "文档含有 DOCTYPE 声明；为安全起见，交换格式不接受 DTD 和实体声明"
                        "（未展开任何实体，也未读取任何外部文件）",
                        "the document has a DOCTYPE declaration; for safety the exchange format "
                        "accepts no DTD or entity declarations (no entity was expanded and no "
                        "external file was read)"});
  registry.add_message({"platform-xml.too_large",
                        "文件有 {size} 字节，超过交换格式的上限 {limit} 字节（需要时可用 --limit "
                        "xml-bytes=… 提高上限）",
                        "the file is {size|byte|bytes}, more than the exchange format's limit of "
                        "{limit|byte|bytes} (raise it with --limit xml-bytes=… if needed)"});
  registry.add_message({"platform-xml.unknown_format",
                        "报告格式 {report_format} 没有已注册的格式定义（已知：{known}）",
                        "no format definition is registered for the report format "
                        "{report_format} (known: {known})"});
  registry.add_message({"platform-xml.section_not_in_format", "格式 {format} 没有部分 {section}",
                        "format {format} has no section {section}"});
  registry.add_message({"platform-xml.table_not_in_format", "格式 {format} 没有表 {table}",
                        "format {format} has no table {table}"});
  registry.add_message({"platform-xml.row_not_in_table", "格式 {format} 的表 {table} 没有行 {row}",
                        "table {table} of format {format} has no row {row}"});
  registry.add_message({"platform-xml.column_not_in_row",
                        "格式 {format} 的表 {table} 中，行 {row} 没有列 {column}",
                        "in table {table} of format {format}, row {row} has no column {column}"});
  registry.add_message({"platform-xml.cell_element",
                        "列 {column} 的单元格应写作 <{expected}>，不是 <{element}>",
                        "a cell of column {column} is written <{expected}>, not <{element}>"});
  registry.add_message({"platform-xml.unit_not_money", "列 {column} 不是金额列，单元格不能带 unit",
                        "column {column} is not a money column: its cells take no unit"});
  registry.add_message({"platform-xml.bad_number",
                        "数值 {value} 超出可精确表示的范围（最多 18 位小数，整数部分不超过 64 位）",
                        "the number {value} cannot be held exactly (at most 18 decimals and a "
                        "64-bit coefficient)"});
  registry.add_message({"platform-xml.bad_extension", "扩展 {key} 的内容不是 JSON（或嵌套过深）",
                        "the extension {key} does not hold JSON (or nests too deeply)"});

  struct Code {
    const char* code;
    const char* zh;
    const char* en;
  };
  for (const Code& c : {
           Code{kSyntax, "交换格式 XML 语法错误", "platform XML is not well-formed"},
           Code{kSchema, "交换格式 XML 不符合 schema", "platform XML breaks the schema"},
           Code{kNotThisFormat, "不是本版本的年报交换格式 XML（根元素、命名空间或编码不符）",
                "not platform XML of this version (root element, namespace or encoding)"},
           Code{kForbidden, "交换格式 XML 含有 DOCTYPE（DTD、实体声明），为安全起见拒绝读取",
                "platform XML with a DOCTYPE (DTD, entity declarations) refused for safety"},
           Code{kTooLarge, "交换格式 XML 文件超过大小上限", "platform XML larger than the limit"},
           Code{kNotInReportFormat, "交换格式 XML 中的键不属于报告的格式，或其值无法读入报告",
                "platform XML key not in the report's format, or a value the report cannot hold"},
       }) {
    nianbao::RuleInfo rule;
    rule.code = c.code;
    rule.title_zh = c.zh;
    rule.title_en = c.en;
    rule.clause = "docs/exchange-xml.md; docs/schema/nianbao-report-1.xsd";
    registry.add_rule(std::move(rule));
  }
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
