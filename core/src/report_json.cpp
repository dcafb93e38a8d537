// The canonical JSON form of a report (spec: report-json.md). Reading checks every key against
// the schema and the report's format definition and names the line of anything wrong; writing is
// deterministic so that a round trip gives identical bytes.
#include "nianbao/report_json.h"

#include <algorithm>

#include "json_positions.h"

namespace nianbao {
namespace {

using json::Value;

// The two shapes are checked by hand rather than with std::regex, which compiled its patterns in
// every process that read a report.
bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// \d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])
bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
      !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)))
    return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// \d{6}(\d{3}|\d{6})?
bool is_region_code(std::string_view s) {
  return (s.size() == 6 || s.size() == 9 || s.size() == 12) && all_digits(s);
}

class ReportReader {
 public:
  ReportReader(const json::Document& doc, const std::string& path, const FormatCatalog& formats)
      : doc_(doc), path_(path), formats_(formats) {}

  Report read() {
    const Value& root = doc_.root;
    if (!root.is_object()) type_error("", "object");
    static const std::vector<std::string> kTopKeys = {"schema",           "format",   "year",
                                                      "published",        "agency",   "contact",
                                                      "metadata_sources", "sections", "tables"};
    for (const auto& [k, v] : root.items()) {
      if (k.rfind("x-", 0) == 0) continue;
      if (std::find(kTopKeys.begin(), kTopKeys.end(), k) == kTopKeys.end())
        unknown_key(json::pointer_append("", k), k, kTopKeys);
    }
    Report r;
    r.source.file = path_;
    if (!root.contains("schema")) missing_key("", "schema");
    if (!root["schema"].is_string() || root["schema"].get<std::string>() != kReportJsonSchema)
      fail("JSON-05", "json.bad_schema", "/schema",
           {{"expected", std::string(kReportJsonSchema)}, {"found", root["schema"].dump()}});

    if (!root.contains("year")) missing_key("", "year");
    if (!root["year"].is_number_integer()) type_error("/year", "integer");
    r.year = root["year"].get<int>();
    if (r.year < 1949 || r.year > 2999)
      fail("JSON-03", "json.bad_value", "/year", {{"value", std::to_string(r.year)}});

    if (root.contains("format")) {
      if (!root["format"].is_string()) type_error("/format", "string");
      r.format = root["format"].get<std::string>();
      format_ = formats_.find(r.format);
      if (!format_) {
        std::string known;
        for (const auto* f : formats_.all())
          known += (known.empty() ? "" : ", ") + f->id;
        fail("JSON-05", "json.unknown_format", "/format", {{"format", r.format}, {"known", known}});
      }
    } else {
      format_ = formats_.for_year(r.year);
      if (!format_)
        fail("JSON-05", "json.no_format_for_year", "/year", {{"year", std::to_string(r.year)}});
      r.format = format_->id;
    }

    if (root.contains("published")) {
      r.published = string_at(root["published"], "/published");
      if (!is_iso_date(r.published))
        fail("JSON-03", "json.bad_date", "/published", {{"value", r.published}});
    }
    if (root.contains("agency")) read_agency(root["agency"], r.agency);
    if (root.contains("contact")) {
      const Value& c = root["contact"];
      object_with_keys(c, "/contact", {"phone", "address", "postcode"});
      if (c.contains("phone")) r.contact.phone = string_at(c["phone"], "/contact/phone");
      if (c.contains("address")) r.contact.address = string_at(c["address"], "/contact/address");
      if (c.contains("postcode"))
        r.contact.postcode = string_at(c["postcode"], "/contact/postcode");
    }
    if (root.contains("metadata_sources")) {
      const Value& m = root["metadata_sources"];
      if (!m.is_object()) type_error("/metadata_sources", "object");
      for (const auto& [field, evidence] : m.items())
        r.metadata_sources[field] =
            string_at(evidence, json::pointer_append("/metadata_sources", field));
    }
    if (root.contains("sections")) read_sections(root["sections"], r);
    if (root.contains("tables")) read_tables(root["tables"], r);
    for (const auto& [k, v] : root.items())
      if (k.rfind("x-", 0) == 0)
        r.extensions.emplace_back(k, v.dump(-1, ' ', false, Value::error_handler_t::strict));
    return r;
  }

 private:
  [[noreturn]] void fail(const std::string& code, const std::string& message_id,
                         const std::string& pointer, std::vector<MessageArg> args,
                         LogicalLocation logical = {}) const {
    Diagnostic d;
    d.code = code;
    d.severity = Severity::error;
    d.message_id = message_id;
    d.args = std::move(args);
    d.args.emplace_back("pointer", pointer.empty() ? "/" : pointer);
    d.location.source.file = path_;
    d.location.source.line = doc_.line_of(pointer);
    d.location.source.pointer = pointer;
    d.location.logical = std::move(logical);
    d.plugin = "core";
    throw InputError(std::move(d));
  }
  [[noreturn]] void unknown_key(const std::string& pointer, const std::string& key,
                                const std::vector<std::string>& allowed,
                                const std::string& code = "JSON-02") const {
    std::string list;
    for (const auto& a : allowed)
      list += (list.empty() ? "" : ", ") + a;
    fail(code, code == "JSON-02" ? "json.unknown_key" : "json.key_not_in_format", pointer,
         {{"key", key}, {"allowed", list}, {"format", format_ ? format_->id : ""}});
  }
  [[noreturn]] void missing_key(const std::string& pointer, const std::string& key) const {
    fail("JSON-06", "json.missing_key", pointer, {{"key", key}});
  }
  [[noreturn]] void type_error(const std::string& pointer, const std::string& expected,
                               LogicalLocation logical = {}) const {
    fail("JSON-03", "json.wrong_type", pointer, {{"expected", expected}}, std::move(logical));
  }

  std::string string_at(const Value& v, const std::string& pointer) const {
    if (!v.is_string()) type_error(pointer, "string");
    return v.get<std::string>();
  }
  void object_with_keys(const Value& v, const std::string& pointer,
                        const std::vector<std::string>& allowed) const {
    if (!v.is_object()) type_error(pointer, "object");
    for (const auto& [k, _] : v.items())
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        unknown_key(json::pointer_append(pointer, k), k, allowed);
  }

  void read_agency(const Value& a, Agency& agency) const {
    object_with_keys(a, "/agency", {"name", "kind", "region_code"});
    if (a.contains("name")) agency.name = string_at(a["name"], "/agency/name");
    if (a.contains("kind")) {
      agency.kind = string_at(a["kind"], "/agency/kind");
      static const std::vector<std::string> kKinds = {"government", "department", "township",
                                                      "other"};
      if (std::find(kKinds.begin(), kKinds.end(), agency.kind) == kKinds.end())
        fail("JSON-03", "json.bad_enum", "/agency/kind",
             {{"value", agency.kind}, {"allowed", "government, department, township, other"}});
    }
    if (a.contains("region_code")) {
      agency.region_code = string_at(a["region_code"], "/agency/region_code");
      if (!is_region_code(agency.region_code))
        fail("JSON-03", "json.bad_region_code", "/agency/region_code",
             {{"value", agency.region_code}});
    }
  }

  void read_sections(const Value& sections, Report& r) const {
    if (!sections.is_object()) type_error("/sections", "object");
    for (const auto& [key, paragraphs] : sections.items()) {
      std::string p = json::pointer_append("/sections", key);
      if (!format_->find_section(key)) {
        std::vector<std::string> allowed;
        for (const auto& s : format_->sections)
          allowed.push_back(s.key);
        unknown_key(p, key, allowed, "JSON-04");
      }
      if (!paragraphs.is_array()) type_error(p, "array of paragraphs");
      Section& s = r.section(key);
      for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        std::string pp = json::pointer_append(p, std::to_string(i));
        Paragraph para;
        para.text = string_at(paragraphs[i], pp);
        para.source.file = path_;
        para.source.line = doc_.line_of(pp);
        para.source.paragraph = static_cast<int>(i) + 1;
        para.source.pointer = pp;
        s.paragraphs.push_back(std::move(para));
      }
    }
  }

  void read_tables(const Value& tables, Report& r) const {
    if (!tables.is_object()) type_error("/tables", "object");
    for (const auto& [tkey, rows] : tables.items()) {
      std::string tp = json::pointer_append("/tables", tkey);
      const TableDef* tdef = format_->find_table(tkey);
      if (!tdef) {
        std::vector<std::string> allowed;
        for (const auto& t : format_->tables)
          allowed.push_back(t.key);
        unknown_key(tp, tkey, allowed, "JSON-04");
      }
      if (!rows.is_object()) type_error(tp, "object");
      Table& table = r.table(tkey);
      for (const auto& [rkey, cells] : rows.items()) {
        std::string rp = json::pointer_append(tp, rkey);
        const BlockDef* block = tdef->block_of(rkey);
        if (!block) {
          std::vector<std::string> allowed;
          for (const auto& b : tdef->blocks)
            for (const auto& row : b.rows)
              allowed.push_back(row.key);
          unknown_key(rp, rkey, allowed, "JSON-04");
        }
        if (!cells.is_object()) type_error(rp, "object");
        TableRow& row = table.row(rkey);
        for (const auto& [ckey, value] : cells.items()) {
          std::string cp = json::pointer_append(rp, ckey);
          const ColumnDef* cdef = tdef->find_column(rkey, ckey);
          if (!cdef) {
            std::vector<std::string> allowed;
            for (const auto& c : block->columns)
              allowed.push_back(c.key);
            unknown_key(cp, ckey, allowed, "JSON-04");
          }
          LogicalLocation where{
              tdef->section, tkey,        rkey,
              ckey,          tdef->label, format_->row_path_label(*tdef, *tdef->find_row(rkey)),
              cdef->label};
          Cell cell = read_cell(value, cp, *cdef, where);
          cell.source.file = path_;
          cell.source.line = doc_.line_of(cp);
          cell.source.pointer = cp;
          row.set(ckey, std::move(cell));
        }
      }
    }
  }

  Cell read_cell(const Value& v, const std::string& p, const ColumnDef& col,
                 const LogicalLocation& where) const {
    const bool money = col.type == ValueType::money;
    const char* expected = money ? "null, {\"value\": \"decimal\", \"unit\": …} or {\"na\": true}"
                                 : "integer, null or {\"na\": true, \"raw\": …}";
    if (v.is_null()) return Cell::blank();
    if (!money && (v.is_number_integer())) return Cell::count(integer_at(v, p, where));
    if (!v.is_object()) type_error(p, expected, where);
    for (const auto& [k, _] : v.items()) {
      static const std::vector<std::string> kCellKeys = {"value", "unit", "raw", "na",
                                                         "reconstructed"};
      if (std::find(kCellKeys.begin(), kCellKeys.end(), k) == kCellKeys.end() ||
          (k == "unit" && !money))
        unknown_key(
            json::pointer_append(p, k), k,
            money ? kCellKeys : std::vector<std::string>{"value", "raw", "na", "reconstructed"});
    }
    Cell c;
    if (v.contains("raw")) c.raw = string_at(v["raw"], json::pointer_append(p, "raw"));
    if (v.contains("reconstructed")) {
      if (!v["reconstructed"].is_boolean())
        type_error(json::pointer_append(p, "reconstructed"), "boolean");
      c.reconstructed = v["reconstructed"].get<bool>();
    }
    if (v.contains("na")) {
      if (!v["na"].is_boolean() || !v["na"].get<bool>())
        type_error(json::pointer_append(p, "na"), "true", where);
      if (v.contains("value")) fail("JSON-03", "json.na_with_value", p, {}, where);
      c.state = Cell::State::not_applicable;
      return c;
    }
    if (!v.contains("value")) missing_key(p, "value");
    const Value& value = v["value"];
    std::string vp = json::pointer_append(p, "value");
    if (value.is_null()) {
      c.state = Cell::State::blank;
    } else if (money) {
      if (!value.is_string()) type_error(vp, "decimal string, e.g. \"299.8\"", where);
      auto d = Decimal::parse(value.get<std::string>());
      if (!d) fail("JSON-03", "json.bad_decimal", vp, {{"value", value.get<std::string>()}}, where);
      c.state = Cell::State::number;
      c.value = *d;
    } else {
      if (!value.is_number_integer()) type_error(vp, "integer", where);
      c.state = Cell::State::number;
      c.value = Decimal(integer_at(value, vp, where));
    }
    if (money) {
      if (!v.contains("unit")) missing_key(p, "unit");
      if (!v["unit"].is_null()) c.unit = string_at(v["unit"], json::pointer_append(p, "unit"));
    }
    return c;
  }

  std::int64_t integer_at(const Value& v, const std::string& p,
                          const LogicalLocation& where) const {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      fail("JSON-03", "json.number_too_large", p, {{"value", v.dump()}}, where);
    return v.get<std::int64_t>();
  }

  const json::Document& doc_;
  const std::string& path_;
  const FormatCatalog& formats_;
  const FormatDefinition* format_ = nullptr;
};

// ---- writing -----------------------------------------------------------------------------------

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (ch < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[ch >> 4];
          out += kHex[ch & 15];
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
  out += '"';
}

void append_cell(std::string& out, const Cell& c, bool money) {
  if (c.state == Cell::State::blank && c.raw.empty() && !c.reconstructed) {
    out += "null";
    return;
  }
  const bool plain = !money && c.raw.empty() && !c.reconstructed;
  if (plain && c.state == Cell::State::number) {
    out += c.value.to_string();
    return;
  }
  out += '{';
  bool first = true;
  auto key = [&](const char* k) {
    if (!first) out += ", ";
    first = false;
    append_string(out, k);
    out += ": ";
  };
  if (c.state == Cell::State::not_applicable) {
    key("na");
    out += "true";
  } else {
    key("value");
    if (c.state == Cell::State::blank)
      out += "null";
    else if (money)
      append_string(out, c.value.to_string());
    else
      out += c.value.to_string();
    if (money) {
      key("unit");
      if (c.unit)
        append_string(out, *c.unit);
      else
        out += "null";
    }
  }
  if (!c.raw.empty()) {
    key("raw");
    append_string(out, c.raw);
  }
  if (c.reconstructed) {
    key("reconstructed");
    out += "true";
  }
  out += '}';
}

// Items of `have` in the order of `order`, then any others in their own order.
template <typename T, typename KeyOf>
std::vector<const T*> in_definition_order(const std::vector<T>& have,
                                          const std::vector<std::string>& order, KeyOf key_of) {
  std::vector<const T*> out;
  for (const auto& k : order)
    for (const auto& item : have)
      if (key_of(item) == k) out.push_back(&item);
  for (const auto& item : have)
    if (std::find(order.begin(), order.end(), key_of(item)) == order.end()) out.push_back(&item);
  return out;
}

}  // namespace

Report read_report_json(std::string_view text, const std::string& path,
                        const FormatCatalog& formats) {
  json::Document doc;
  try {
    doc = json::parse(text);
  } catch (const json::SyntaxError& e) {
    Diagnostic d;
    d.code = "JSON-01";
    d.message_id = "json.syntax";
    d.args = {{"detail", e.what()}};
    d.location.source.file = path;
    d.location.source.line = e.line;
    d.location.source.character = e.character;
    d.plugin = "core";
    throw InputError(std::move(d));
  }
  return ReportReader(doc, path, formats).read();
}

std::string write_report_json(const Report& r, const FormatDefinition& format) {
  std::string out;
  out.reserve(16 * 1024);
  out += "{\n  \"schema\": ";
  append_string(out, kReportJsonSchema);
  out += ",\n  \"format\": ";
  append_string(out, r.format);
  out += ",\n  \"year\": " + std::to_string(r.year);
  if (!r.published.empty()) {
    out += ",\n  \"published\": ";
    append_string(out, r.published);
  }
  auto flat_object = [&](const char* name,
                         std::vector<std::pair<const char*, const std::string*>> fields) {
    bool any = false;
    for (const auto& [k, v] : fields)
      any = any || !v->empty();
    if (!any) return;
    out += ",\n  ";
    append_string(out, name);
    out += ": {";
    bool first = true;
    for (const auto& [k, v] : fields) {
      if (v->empty()) continue;
      out += first ? "\n    " : ",\n    ";
      first = false;
      append_string(out, k);
      out += ": ";
      append_string(out, *v);
    }
    out += "\n  }";
  };
  flat_object(
      "agency",
      {{"name", &r.agency.name}, {"kind", &r.agency.kind}, {"region_code", &r.agency.region_code}});
  flat_object("contact", {{"phone", &r.contact.phone},
                          {"address", &r.contact.address},
                          {"postcode", &r.contact.postcode}});
  if (!r.metadata_sources.empty()) {
    out += ",\n  \"metadata_sources\": {";
    bool first = true;
    for (const auto& [field, evidence] : r.metadata_sources) {
      out += first ? "\n    " : ",\n    ";
      first = false;
      append_string(out, field);
      out += ": ";
      append_string(out, evidence);
    }
    out += "\n  }";
  }

  out += ",\n  \"sections\": {";
  std::vector<std::string> section_order;
  for (const auto& s : format.sections)
    section_order.push_back(s.key);
  bool first_section = true;
  for (const Section* s :
       in_definition_order(r.sections, section_order, [](const Section& x) { return x.key; })) {
    out += first_section ? "\n    " : ",\n    ";
    first_section = false;
    append_string(out, s->key);
    out += ": [";
    for (std::size_t i = 0; i < s->paragraphs.size(); ++i) {
      out += i == 0 ? "\n      " : ",\n      ";
      append_string(out, s->paragraphs[i].text);
    }
    out += s->paragraphs.empty() ? "]" : "\n    ]";
  }
  out += first_section ? "}" : "\n  }";

  out += ",\n  \"tables\": {";
  std::vector<std::string> table_order;
  for (const auto& t : format.tables)
    table_order.push_back(t.key);
  bool first_table = true;
  for (const Table* t :
       in_definition_order(r.tables, table_order, [](const Table& x) { return x.key; })) {
    const TableDef* tdef = format.find_table(t->key);
    out += first_table ? "\n    " : ",\n    ";
    first_table = false;
    append_string(out, t->key);
    out += ": {";
    std::vector<std::string> row_order;
    if (tdef)
      for (const auto& b : tdef->blocks)
        for (const auto& row : b.rows)
          row_order.push_back(row.key);
    bool first_row = true;
    for (const TableRow* row :
         in_definition_order(t->rows, row_order, [](const TableRow& x) { return x.key; })) {
      out += first_row ? "\n      " : ",\n      ";
      first_row = false;
      append_string(out, row->key);
      out += ": {";
      std::vector<std::string> column_order;
      const BlockDef* block = tdef ? tdef->block_of(row->key) : nullptr;
      if (block)
        for (const auto& c : block->columns)
          column_order.push_back(c.key);
      using CellEntry = std::pair<std::string, Cell>;
      bool first_cell = true;
      for (const CellEntry* cell : in_definition_order(
               row->cells, column_order, [](const CellEntry& x) { return x.first; })) {
        if (!first_cell) out += ", ";
        first_cell = false;
        append_string(out, cell->first);
        out += ": ";
        const ColumnDef* cdef = tdef ? tdef->find_column(row->key, cell->first) : nullptr;
        append_cell(out, cell->second, cdef && cdef->type == ValueType::money);
      }
      out += '}';
    }
    out += first_row ? "}" : "\n    }";
  }
  out += first_table ? "}" : "\n  }";
  for (const auto& [k, v] : r.extensions) {
    out += ",\n  ";
    append_string(out, k);
    out += ": " + v;
  }
  out += "\n}\n";
  return out;
}

}  // namespace nianbao
