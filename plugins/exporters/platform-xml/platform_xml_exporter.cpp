// Exporter for the platform exchange XML (urn:nianbao:report:1, docs/exchange-xml.md): the report's
// metadata, sections and every table cell by the stable keys of its format, optionally with the
// findings of a check. Output is deterministic (the format definition's order, fixed attribute
// order, two-space indentation, UTF-8) and is validated against the schema before it is returned,
// so no document that breaks docs/schema/nianbao-report-1.xsd ever leaves this exporter.
#include <nianbao/exporter_base.h>
#include <nianbao/plugin.h>
#include <nianbao/text.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchange/secure_xml.h"

extern const std::string_view kPlatformXmlSchema;  // docs/schema/nianbao-report-1.xsd, embedded

namespace {

using nianbao::append_markup_escaped;
using nianbao::Cell;
using nianbao::ColumnDef;
using nianbao::decode_utf8_at;
using nianbao::DecodedChar;
using nianbao::Diagnostic;
using nianbao::FormatDefinition;
using nianbao::MarkupPlace;
using nianbao::Report;
using nianbao::TableDef;
using nianbao::ValueType;
namespace px = nianbao::platform_xml;

constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;  // from nianbao_add_plugin
constexpr const char* kBadOption = "XML-07";
constexpr const char* kCannotWrite = "XML-08";

nianbao::InputError failure(const Report& report, const char* code, std::string message_id,
                            std::vector<nianbao::MessageArg> args, std::string pointer = {}) {
  Diagnostic d;
  d.code = code;
  d.severity = nianbao::Severity::error;
  d.message_id = std::move(message_id);
  d.args = std::move(args);
  d.location.source.file = report.source.file;
  d.location.source.pointer = std::move(pointer);
  d.plugin = kPluginId;
  return nianbao::InputError(std::move(d));
}

// ---- options -----------------------------------------------------------------------------------

struct Options {
  std::string province;  ///< 省级行政区划代码 of the receiving platform, e.g. 340000
  std::string prefix;    ///< namespace prefix; empty: the default namespace
  bool labels = false;   ///< printed labels beside the keys, for people reading the file
  bool diagnostics = true;
};

bool is_ascii_digit(char ch) {
  return ch >= '0' && ch <= '9';
}

// An XML name without a colon, ASCII only, not reserved (names starting with "xml" are).
bool is_prefix(std::string_view p) {
  if (p.empty()) return false;
  auto letter = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  if (!letter(p[0]) && p[0] != '_') return false;
  for (char ch : p)
    if (!letter(ch) && !is_ascii_digit(ch) && ch != '_' && ch != '-' && ch != '.') return false;
  std::string head(p.substr(0, 3));
  for (char& ch : head)
    ch = static_cast<char>(ch | 0x20);
  return head != "xml";
}

std::optional<bool> parse_bool(std::string_view v) {
  if (v == "true" || v == "yes" || v == "1") return true;
  if (v == "false" || v == "no" || v == "0") return false;
  return std::nullopt;
}

// The values of the options; ExporterBase has already refused the names it does not declare.
Options read_options(const Report& report, const std::map<std::string, std::string>& given) {
  Options o;
  // Named references, not a structured binding: lambdas cannot capture bindings before clang 16.
  for (const auto& option : given) {
    const std::string& key = option.first;
    const std::string& value = option.second;
    auto bad = [&] {
      return failure(report, kBadOption, "platform-xml.bad_option",
                     {{"option", key}, {"value", value}});
    };
    if (key == "province") {
      bool code = value.size() == 6 && value[0] >= '1' && value[0] <= '9' &&
                  is_ascii_digit(value[1]) && value.substr(2) == "0000";
      if (!code) throw bad();
      o.province = value;
    } else if (key == "prefix") {
      if (!value.empty() && !is_prefix(value)) throw bad();
      o.prefix = value;
    } else if (key == "labels" || key == "diagnostics") {
      auto b = parse_bool(value);
      if (!b) throw bad();
      (key == "labels" ? o.labels : o.diagnostics) = *b;
    }
  }
  // A platform collects its own province's reports: a report of another province sent there is a
  // mistake worth stopping (the agency's division code starts with its province's two digits).
  const std::string& region = report.agency.region_code;
  if (!o.province.empty() && region.size() >= 2 && region.compare(0, 2, o.province, 0, 2) != 0)
    throw failure(report, kBadOption, "platform-xml.province_mismatch",
                  {{"province", o.province}, {"region_code", region}}, "/agency/region_code");
  return o;
}

// ---- text --------------------------------------------------------------------------------------

// A character XML 1.0 cannot carry, even as a character reference, or bytes that are not UTF-8.
struct UnwritableText {
  std::string character;  ///< "U+0001", or "invalid UTF-8"
};

// Checks that `text` is UTF-8 made of XML 1.0 characters (#x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]).
void require_xml_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const DecodedChar decoded = decode_utf8_at(text, i);
    if (decoded.length == 0) throw UnwritableText{"invalid UTF-8"};
    const char32_t cp = decoded.code_point;
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                   (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    if (!allowed) {
      static const char* kHex = "0123456789ABCDEF";
      std::string name = "U+";
      for (int shift = 12; shift >= 0; shift -= 4)
        name += kHex[(cp >> shift) & 0xF];
      throw UnwritableText{name};
    }
    i += decoded.length;
  }
}

// Escapes for element content and for attribute values (see append_markup_escaped: CR, and in
// attributes tab and line breaks, are written as references so that a parser gives them back).
void append_text(std::string& out, std::string_view text) {
  require_xml_text(text);
  append_markup_escaped(out, text, MarkupPlace::content);
}

void append_attribute_value(std::string& out, std::string_view text) {
  require_xml_text(text);
  append_markup_escaped(out, text, MarkupPlace::attribute);
}

using Attributes = std::vector<std::pair<std::string_view, std::string>>;

// A pretty-printing writer: one element per line, two spaces per level; a simple-content element
// keeps its text on its line, so no whitespace is ever added to a value.
class XmlWriter {
 public:
  explicit XmlWriter(std::string prefix) : prefix_(std::move(prefix)) {
    out_.reserve(64 * 1024);
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  }

  /// Where the text being written comes from, for the error when it cannot be written.
  void at(std::string place) { place_ = std::move(place); }
  const std::string& place() const { return place_; }

  void open(std::string_view name, const Attributes& attributes = {}) {
    start_tag(name, attributes);
    out_ += ">\n";
    ++depth_;
  }
  void close(std::string_view name) {
    --depth_;
    indent();
    out_ += "</";
    qualified(name);
    out_ += ">\n";
  }
  void empty(std::string_view name, const Attributes& attributes = {}) {
    start_tag(name, attributes);
    out_ += "/>\n";
  }
  void text(std::string_view name, std::string_view value, const Attributes& attributes = {}) {
    if (value.empty()) return empty(name, attributes);
    start_tag(name, attributes);
    out_ += '>';
    append_text(out_, value);
    out_ += "</";
    qualified(name);
    out_ += ">\n";
  }
  std::string take() { return std::move(out_); }

 private:
  void indent() { out_.append(2 * static_cast<std::size_t>(depth_), ' '); }
  void qualified(std::string_view name) {
    if (!prefix_.empty()) {
      out_ += prefix_;
      out_ += ':';
    }
    out_ += name;
  }
  void start_tag(std::string_view name, const Attributes& attributes) {
    indent();
    out_ += '<';
    qualified(name);
    for (const auto& [key, value] : attributes) {
      out_ += ' ';
      out_ += key;
      out_ += "=\"";
      append_attribute_value(out_, value);
      out_ += '"';
    }
  }

  std::string prefix_;
  std::string out_;
  std::string place_;
  int depth_ = 0;
};

// ---- the keys the schema knows -----------------------------------------------------------------

// The enumerations of the schema's key types, read once from the embedded schema, so that a report
// the schema cannot carry is refused with a message naming the key rather than a schema error.
struct SchemaKeys {
  std::set<std::string, std::less<>> formats, sections, tables, rows, count_columns, money_columns;

  static SchemaKeys from_xsd(std::string_view xsd) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xsd.data(), xsd.size()))
      throw std::runtime_error("the built-in schema does not parse");
    SchemaKeys keys;
    const std::pair<const char*, std::set<std::string, std::less<>>*> kTypes[] = {
        {"FormatId", &keys.formats},
        {"SectionKey", &keys.sections},
        {"TableKey", &keys.tables},
        {"RowKey", &keys.rows},
        {"CountColumnKey", &keys.count_columns},
        {"MoneyColumnKey", &keys.money_columns}};
    for (const auto& [type, into] : kTypes) {
      pugi::xml_node simple =
          doc.document_element().find_child_by_attribute("xs:simpleType", "name", type);
      for (pugi::xml_node e : simple.child("xs:restriction").children("xs:enumeration"))
        into->insert(e.attribute("value").value());
      if (into->empty())
        throw std::runtime_error(std::string("the built-in schema has no keys for ") + type);
    }
    return keys;
  }
};

std::string join(const std::set<std::string, std::less<>>& items) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string cell_pointer(std::string_view table, std::string_view row, std::string_view column) {
  return "/tables/" + std::string(table) + "/" + std::string(row) + "/" + std::string(column);
}

// ---- the exporter ------------------------------------------------------------------------------

class PlatformXmlExporter final : public nianbao::ExporterBase {
 public:
  PlatformXmlExporter()
      : ExporterBase(kPluginId, {"diagnostics", "labels", "prefix", "province"},
                     {kBadOption, "platform-xml.bad_option"}),
        keys_(SchemaKeys::from_xsd(kPlatformXmlSchema)) {}

  std::string id() const override { return "platform-xml"; }
  std::string description() const override {
    return "Provincial-platform exchange XML (urn:nianbao:report:1, valid against "
           "nianbao-report-1.xsd)";
  }
  std::vector<std::string> extensions() const override { return {".xml"}; }

 private:
  std::string write_report(const Report& report,
                           const nianbao::ExportContext& context) const override {
    const Options options = read_options(report, context.options);
    const FormatDefinition& format = context.format;
    check_representable(report, format);

    XmlWriter w(options.prefix);
    std::string bytes;
    try {
      write_document(w, report, context, options);
      bytes = w.take();
    } catch (const UnwritableText& bad) {
      throw failure(report, kCannotWrite, "platform-xml.bad_character",
                    {{"place", w.place()}, {"character", bad.character}}, w.place());
    }

    if (auto problem = px::check_document(bytes, kPlatformXmlSchema)) {
      if (problem->kind == px::Problem::Kind::too_large)
        throw failure(report, kCannotWrite, "platform-xml.output_too_large",
                      {{"size", std::to_string(bytes.size())},
                       {"limit", std::to_string(px::kMaxDocumentBytes)}});
      throw failure(report, kCannotWrite, "platform-xml.invalid_output",
                    {{"line", std::to_string(problem->line)}, {"detail", problem->detail}});
    }
    return bytes;
  }

  // What the schema cannot say is refused here, by name: a format it does not know, a key the
  // format lacks, a count that is not an integer.
  void check_representable(const Report& report, const FormatDefinition& format) const {
    auto cannot = [&](std::string message_id, std::vector<nianbao::MessageArg> args,
                      std::string pointer) {
      args.emplace_back("format", format.id);
      return failure(report, kCannotWrite, std::move(message_id), std::move(args),
                     std::move(pointer));
    };
    if (!keys_.formats.contains(report.format) || format.id != report.format)
      throw cannot("platform-xml.format_not_in_schema",
                   {{"report_format", report.format}, {"formats", join(keys_.formats)}}, "/format");
    for (const auto& section : report.sections)
      if (!format.find_section(section.key) || !keys_.sections.contains(section.key))
        throw cannot("platform-xml.key_not_in_format", {{"place", "/sections/" + section.key}},
                     "/sections/" + section.key);
    for (const auto& table : report.tables) {
      const TableDef* tdef = format.find_table(table.key);
      if (!tdef || !keys_.tables.contains(table.key))
        throw cannot("platform-xml.key_not_in_format", {{"place", "/tables/" + table.key}},
                     "/tables/" + table.key);
      for (const auto& row : table.rows) {
        std::string row_place = "/tables/" + table.key + "/" + row.key;
        if (!tdef->block_of(row.key) || !keys_.rows.contains(row.key))
          throw cannot("platform-xml.key_not_in_format", {{"place", row_place}}, row_place);
        for (const auto& [column, cell] : row.cells) {
          std::string place = cell_pointer(table.key, row.key, column);
          const ColumnDef* cdef = tdef->find_column(row.key, column);
          bool money = cdef && cdef->type == ValueType::money;
          if (!cdef || !(money ? keys_.money_columns : keys_.count_columns).contains(column))
            throw cannot("platform-xml.key_not_in_format", {{"place", place}}, place);
          if (!money && cell.is_number() && !cell.value.is_integer())
            throw cannot("platform-xml.count_not_integer",
                         {{"place", place}, {"value", cell.value.to_string()}}, place);
        }
      }
    }
  }

  void write_document(XmlWriter& w, const Report& report, const nianbao::ExportContext& context,
                      const Options& options) const {
    const FormatDefinition& format = context.format;
    const std::string xmlns = options.prefix.empty() ? "xmlns" : "xmlns:" + options.prefix;
    Attributes root = {{xmlns, std::string(px::kNamespace)},
                       {"version", std::string(px::kSchemaVersion)}};
    if (!options.province.empty()) root.emplace_back("province", options.province);
    w.open("report", root);

    write_metadata(w, report);
    write_sections(w, report, format, options);
    write_tables(w, report, format, options);
    if (!report.extensions.empty()) {
      w.open("extensions");
      for (const auto& [key, json] : report.extensions) {
        w.at("/" + key);
        w.text("extension", json, {{"key", key}});
      }
      w.close("extensions");
    }
    if (context.diagnostics && options.diagnostics) write_diagnostics(w, *context.diagnostics);
    w.close("report");
  }

  static void write_metadata(XmlWriter& w, const Report& report) {
    w.open("metadata");
    w.at("/format");
    w.text("format", report.format);
    w.text("year", std::to_string(report.year));
    w.at("/published");
    if (!report.published.empty()) w.text("published", report.published);
    const auto& agency = report.agency;
    if (!agency.name.empty() || !agency.kind.empty() || !agency.region_code.empty()) {
      w.at("/agency");
      Attributes a;
      if (!agency.kind.empty()) a.emplace_back("kind", agency.kind);
      if (!agency.region_code.empty()) a.emplace_back("region-code", agency.region_code);
      if (agency.name.empty()) {
        w.empty("agency", a);
      } else {
        w.open("agency", a);
        w.text("name", agency.name);
        w.close("agency");
      }
    }
    const auto& contact = report.contact;
    if (!contact.phone.empty() || !contact.address.empty() || !contact.postcode.empty()) {
      w.at("/contact");
      w.open("contact");
      for (const auto& [name, value] :
           {std::pair<const char*, const std::string*>{"phone", &contact.phone},
            {"address", &contact.address},
            {"postcode", &contact.postcode}})
        if (!value->empty()) w.text(name, *value);
      w.close("contact");
    }
    w.close("metadata");
  }

  static void write_sections(XmlWriter& w, const Report& report, const FormatDefinition& format,
                             const Options& options) {
    w.open("sections");
    for (const auto& def : format.sections) {
      const nianbao::Section* section = report.find_section(def.key);
      if (!section) continue;
      Attributes a = {{"key", def.key}};
      if (options.labels && !def.heading.empty()) a.emplace_back("heading", def.heading);
      if (section->paragraphs.empty()) {
        w.empty("section", a);
        continue;
      }
      w.open("section", a);
      for (std::size_t i = 0; i < section->paragraphs.size(); ++i) {
        w.at("/sections/" + def.key + "/" + std::to_string(i));
        w.text("p", section->paragraphs[i].text);
      }
      w.close("section");
    }
    w.close("sections");
  }

  static void write_tables(XmlWriter& w, const Report& report, const FormatDefinition& format,
                           const Options& options) {
    w.open("tables");
    for (const TableDef& tdef : format.tables) {
      const nianbao::Table* table = report.find_table(tdef.key);
      if (!table) continue;
      Attributes ta = {{"key", tdef.key}};
      if (options.labels) ta.emplace_back("label", tdef.label);
      if (table->rows.empty()) {
        w.empty("table", ta);
        continue;
      }
      w.open("table", ta);
      for (const auto& block : tdef.blocks)
        for (const auto& rdef : block.rows) {
          const nianbao::TableRow* row = table->find(rdef.key);
          if (!row) continue;
          Attributes ra = {{"key", rdef.key}};
          if (options.labels) ra.emplace_back("label", format.row_path_label(tdef, rdef));
          if (row->cells.empty()) {
            w.empty("row", ra);
            continue;
          }
          w.open("row", ra);
          for (const ColumnDef& cdef : block.columns)
            if (const Cell* cell = row->find(cdef.key)) {
              w.at(cell_pointer(tdef.key, rdef.key, cdef.key));
              write_cell(w, *cell, cdef, options);
            }
          w.close("row");
        }
      w.close("table");
    }
    w.close("tables");
  }

  static void write_cell(XmlWriter& w, const Cell& cell, const ColumnDef& column,
                         const Options& options) {
    const bool money = column.type == ValueType::money;
    Attributes a = {{"column", column.key}};
    // A unit belongs to money only; a not-applicable cell has none in the canonical JSON either.
    if (money && cell.unit && cell.state != Cell::State::not_applicable)
      a.emplace_back("unit", *cell.unit);
    if (!cell.raw.empty()) a.emplace_back("raw", cell.raw);
    if (cell.reconstructed) a.emplace_back("reconstructed", "true");
    if (options.labels) {
      std::string label;
      for (const auto& g : column.groups)
        label += g + " ";
      a.emplace_back("label", label + column.label);
    }
    switch (cell.state) {
      case Cell::State::number:
        if (money)
          w.text("money", cell.value.to_string(), a);
        else
          w.text("count", std::to_string(cell.value.to_integer()), a);
        break;
      case Cell::State::blank:
        w.empty("blank", a);
        break;
      case Cell::State::not_applicable:
        w.empty("na", a);
        break;
    }
  }

  static void write_location(XmlWriter& w, std::string_view element,
                             const nianbao::Location& where) {
    const auto& s = where.source;
    const auto& l = where.logical;
    Attributes a;
    auto add = [&](std::string_view name, const std::string& value) {
      if (!value.empty()) a.emplace_back(name, value);
    };
    auto add_number = [&](std::string_view name, int value) {
      if (value > 0) a.emplace_back(name, std::to_string(value));
    };
    add("file", s.file);
    add("sheet", s.sheet);
    add("cell", s.cell);
    add_number("line", s.line);
    add_number("character", s.character);
    add_number("paragraph", s.paragraph);
    add("pointer", s.pointer);
    add("section", l.section);
    add("table", l.table);
    add("row", l.row);
    add("column", l.column);
    add("table-label", l.table_label);
    add("row-label", l.row_label);
    add("column-label", l.column_label);
    if (!a.empty()) w.empty(element, a);
  }

  static void write_diagnostics(XmlWriter& w, const std::vector<Diagnostic>& diagnostics) {
    std::array<int, 3> counts = {0, 0, 0};  // error, warning, info
    for (const auto& d : diagnostics)
      ++counts[static_cast<std::size_t>(d.severity)];
    Attributes a = {{"errors", std::to_string(counts[0])},
                    {"warnings", std::to_string(counts[1])},
                    {"infos", std::to_string(counts[2])}};
    if (diagnostics.empty()) {
      w.empty("diagnostics", a);
      return;
    }
    w.open("diagnostics", a);
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
      const Diagnostic& d = diagnostics[i];
      w.at("/diagnostics/" + std::to_string(i));
      Attributes da = {{"code", d.code},
                       {"severity", std::string(nianbao::to_string(d.severity))},
                       {"message-id", d.message_id}};
      if (!d.plugin.empty()) da.emplace_back("plugin", d.plugin);
      w.open("diagnostic", da);
      write_location(w, "location", d.location);
      for (const auto& [name, value] : d.args)
        w.text("arg", value, {{"name", name}});
      for (const auto& related : d.related)
        write_location(w, "related", related);
      w.close("diagnostic");
    }
    w.close("diagnostics");
  }

  SchemaKeys keys_;
};

void register_components(nianbao::Registry& registry) {
  px::init_libxml2();
  registry.add_exporter(std::make_unique<PlatformXmlExporter>());

  registry.add_message(
      {"platform-xml.bad_option",
       "platform-xml 导出器不支持选项 {option}={value}；可用的选项：province=省级行政区划代码"
       "（如 340000）、prefix=命名空间前缀（如 nb，空为默认命名空间）、labels=true|false、"
       "diagnostics=true|false",
       "the platform-xml exporter has no option {option}={value}; options: province=<province "
       "code, e.g. 340000>, prefix=<namespace prefix, e.g. nb; empty: the default namespace>, "
       "labels=true|false, diagnostics=true|false"});
  registry.add_message(
      {"platform-xml.province_mismatch",
       "报告机关的行政区划代码 {region_code} 不属于 province={province} 所指的省份",
       "the agency's region code {region_code} is not in the province given by "
       "province={province}"});
  registry.add_message(
      {"platform-xml.format_not_in_schema",
       "报告格式 {report_format} 不在交换格式 nianbao-report-1.xsd 中（支持的格式：{formats}）；"
       "新格式需要新的 schema 修订版",
       "the report format {report_format} is not in the exchange schema nianbao-report-1.xsd "
       "(formats: {formats}); a new format needs a schema revision"});
  registry.add_message({"platform-xml.key_not_in_format",
                        "{place} 不属于格式 {format}，交换格式无法表示",
                        "{place} is not part of format {format}: the exchange format cannot "
                        "carry it"});
  registry.add_message({"platform-xml.count_not_integer",
                        "{place} 的值 {value} 不是整数，交换格式中件数必须是整数",
                        "{place} is {value}, not an integer: counts in the exchange format are "
                        "integers"});
  registry.add_message({"platform-xml.bad_character",
                        "{place} 含有 XML 无法表示的字符（{character}）",
                        "{place} holds a character XML cannot carry ({character})"});
  registry.add_message(
      {"platform-xml.output_too_large",
       "写出的 XML 有 {size} 字节，超过交换格式的上限 {limit} 字节",
       "the XML written is {size|byte|bytes}, more than the exchange format's limit "
       "of {limit|byte|bytes}"});
  registry.add_message({"platform-xml.invalid_output",
                        "写出的 XML 第 {line} 行不符合 nianbao-report-1.xsd：{detail}",
                        "line {line} of the XML written breaks nianbao-report-1.xsd: {detail}"});

  nianbao::RuleInfo option_rule;
  option_rule.code = kBadOption;
  option_rule.title_zh = "交换格式 XML 导出选项无效";
  option_rule.title_en = "invalid platform-xml exporter option";
  option_rule.clause = "docs/exchange-xml.md";
  registry.add_rule(std::move(option_rule));
  nianbao::RuleInfo write_rule;
  write_rule.code = kCannotWrite;
  write_rule.title_zh = "报告无法写成交换格式 XML";
  write_rule.title_en = "report cannot be written as platform XML";
  write_rule.clause = "docs/exchange-xml.md; docs/schema/nianbao-report-1.xsd";
  registry.add_rule(std::move(write_rule));
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
