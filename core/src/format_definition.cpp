// Reads format definitions ("nianbao.format/1") — the data a format plugin ships.
#include <set>
#include <stdexcept>

#include "json_positions.h"
#include "nianbao/format.h"

namespace nianbao {
namespace {

using json::Value;

class DefinitionReader {
 public:
  explicit DefinitionReader(const json::Document& doc) : doc_(doc) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
    int line = doc_.line_of(pointer);
    throw std::runtime_error("format definition, line " + std::to_string(line) + " (" +
                             (pointer.empty() ? "/" : pointer) + "): " + what);
  }

  void expect_keys(const Value& v, const std::string& ptr, std::set<std::string> allowed) const {
    if (!v.is_object()) fail(ptr, "expected an object");
    for (const auto& [k, _] : v.items())
      if (!allowed.count(k)) fail(json::pointer_append(ptr, k), "unknown key \"" + k + "\"");
  }
  std::string text(const Value& v, const std::string& ptr, const char* key,
                   bool required = true) const {
    std::string p = json::pointer_append(ptr, key);
    if (!v.contains(key)) {
      if (required) fail(ptr, std::string("missing key \"") + key + "\"");
      return {};
    }
    if (!v[key].is_string()) fail(p, "expected a string");
    return v[key].get<std::string>();
  }
  std::vector<std::string> texts(const Value& v, const std::string& ptr, const char* key) const {
    std::vector<std::string> out;
    if (!v.contains(key)) return out;
    std::string p = json::pointer_append(ptr, key);
    if (!v[key].is_array()) fail(p, "expected an array of strings");
    for (std::size_t i = 0; i < v[key].size(); ++i) {
      if (!v[key][i].is_string())
        fail(json::pointer_append(p, std::to_string(i)), "expected a string");
      out.push_back(v[key][i].get<std::string>());
    }
    return out;
  }
  // An optional true/false; false when absent.
  bool flag(const Value& v, const std::string& ptr, const char* key) const {
    if (!v.contains(key)) return false;
    if (!v[key].is_boolean()) fail(json::pointer_append(ptr, key), "expected true or false");
    return v[key].get<bool>();
  }
  const Value& array(const Value& v, const std::string& ptr, const char* key) const {
    if (!v.contains(key) || !v[key].is_array())
      fail(ptr, std::string("\"") + key + "\" must be an array");
    return v[key];
  }

  ColumnDef column(const Value& v, const std::string& ptr) const {
    expect_keys(v, ptr,
                {"key", "label", "type", "unit", "decimals", "groups", "aliases", "unit_rule"});
    ColumnDef c;
    c.key = text(v, ptr, "key");
    c.label = text(v, ptr, "label");
    std::string type = text(v, ptr, "type");
    if (type == "count")
      c.type = ValueType::count;
    else if (type == "signed_count")
      c.type = ValueType::signed_count;
    else if (type == "money")
      c.type = ValueType::money;
    else
      fail(json::pointer_append(ptr, "type"), "type must be count, signed_count or money");
    if (v.contains("unit") && !v["unit"].is_null()) c.unit = text(v, ptr, "unit");
    if (v.contains("decimals")) {
      if (!v["decimals"].is_number_unsigned())
        fail(json::pointer_append(ptr, "decimals"), "expected a count");
      c.decimals = v["decimals"].get<int>();
    }
    c.groups = texts(v, ptr, "groups");
    c.aliases = texts(v, ptr, "aliases");
    c.unit_rule = text(v, ptr, "unit_rule", false);
    return c;
  }

  RowDef row(const Value& v, const std::string& ptr) const {
    expect_keys(v, ptr, {"key", "label", "groups", "aliases"});
    RowDef r;
    r.key = text(v, ptr, "key");
    r.label = text(v, ptr, "label");
    r.groups = texts(v, ptr, "groups");
    r.aliases = texts(v, ptr, "aliases");
    return r;
  }

  TableDef table(const Value& v, const std::string& ptr) const {
    expect_keys(v, ptr,
                {"key", "section", "label", "layout", "blocks", "type_rule", "blank_rule",
                 "determined_blank_rule"});
    TableDef t;
    t.key = text(v, ptr, "key");
    t.section = text(v, ptr, "section");
    t.label = text(v, ptr, "label");
    t.type_rule = text(v, ptr, "type_rule", false);
    t.blank_rule = text(v, ptr, "blank_rule", false);
    t.determined_blank_rule = text(v, ptr, "determined_blank_rule", false);
    std::string layout = text(v, ptr, "layout", false);
    if (layout.empty() || layout == "grid")
      t.layout = TableLayout::grid;
    else if (layout == "rows_as_column_groups")
      t.layout = TableLayout::rows_as_column_groups;
    else
      fail(json::pointer_append(ptr, "layout"), "layout must be grid or rows_as_column_groups");
    std::set<std::string> row_keys;
    const Value& blocks = array(v, ptr, "blocks");
    std::string bptr = json::pointer_append(ptr, "blocks");
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      std::string p = json::pointer_append(bptr, std::to_string(i));
      const Value& b = blocks[i];
      expect_keys(b, p, {"caption", "corner", "column_caption", "columns", "rows"});
      BlockDef block;
      block.caption = text(b, p, "caption", false);
      block.corner = text(b, p, "corner", false);
      block.column_caption = text(b, p, "column_caption", false);
      std::set<std::string> column_keys;
      const Value& cols = array(b, p, "columns");
      for (std::size_t j = 0; j < cols.size(); ++j) {
        std::string cp =
            json::pointer_append(json::pointer_append(p, "columns"), std::to_string(j));
        block.columns.push_back(column(cols[j], cp));
        if (!column_keys.insert(block.columns.back().key).second)
          fail(cp, "duplicate column key \"" + block.columns.back().key + "\"");
      }
      const Value& rows = array(b, p, "rows");
      for (std::size_t j = 0; j < rows.size(); ++j) {
        std::string rp = json::pointer_append(json::pointer_append(p, "rows"), std::to_string(j));
        block.rows.push_back(row(rows[j], rp));
        if (!row_keys.insert(block.rows.back().key).second)
          fail(rp, "duplicate row key \"" + block.rows.back().key + "\" in table " + t.key);
      }
      t.blocks.push_back(std::move(block));
    }
    return t;
  }

  IdentityDef identity(const Value& v, const std::string& ptr, const FormatDefinition& def) const {
    expect_keys(v, ptr, {"code", "table", "over", "each", "lhs", "rhs", "name_zh", "name_en"});
    IdentityDef id;
    id.code = text(v, ptr, "code");
    id.table = text(v, ptr, "table");
    std::string over = text(v, ptr, "over");
    if (over == "rows")
      id.over = IdentityDef::Over::rows;
    else if (over == "columns")
      id.over = IdentityDef::Over::columns;
    else
      fail(json::pointer_append(ptr, "over"), "over must be rows or columns");
    id.each = texts(v, ptr, "each");
    id.lhs = texts(v, ptr, "lhs");
    id.rhs = texts(v, ptr, "rhs");
    id.name_zh = text(v, ptr, "name_zh", false);
    id.name_en = text(v, ptr, "name_en", false);
    const TableDef* t = def.find_table(id.table);
    if (!t) fail(json::pointer_append(ptr, "table"), "no table \"" + id.table + "\"");
    if (id.lhs.empty() || id.rhs.empty()) fail(ptr, "lhs and rhs must not be empty");
    // Every key must exist, so that a typo in a definition fails loudly instead of summing nothing.
    for (const auto* side : {&id.each, &id.lhs, &id.rhs}) {
      bool is_each = side == &id.each;
      bool rows_axis = (id.over == IdentityDef::Over::rows) == is_each;
      for (const auto& key : *side) {
        if (key == "*" && is_each) continue;
        bool found = false;
        for (const auto& b : t->blocks) {
          if (rows_axis)
            for (const auto& r : b.rows)
              found = found || r.key == key;
          else
            for (const auto& c : b.columns)
              found = found || c.key == key;
        }
        if (!found)
          fail(ptr, std::string(rows_axis ? "no row \"" : "no column \"") + key + "\" in table " +
                        id.table);
      }
    }
    return id;
  }

  // A role names a section, or cells of one table; every key must exist, so that a renamed key
  // fails loudly instead of switching a check off.
  RoleDef role(const std::string& name, const Value& v, const std::string& ptr,
               const FormatDefinition& def) const {
    expect_keys(v, ptr, {"section", "table", "rows", "columns", "note"});
    RoleDef r;
    r.name = name;
    r.section = text(v, ptr, "section", false);
    r.table = text(v, ptr, "table", false);
    r.rows = texts(v, ptr, "rows");
    r.columns = texts(v, ptr, "columns");
    r.note = text(v, ptr, "note", false);
    if (r.section.empty() == r.table.empty())
      fail(ptr, "a role names either a \"section\" or a \"table\"");
    if (!r.section.empty()) {
      if (!def.find_section(r.section))
        fail(json::pointer_append(ptr, "section"), "no section \"" + r.section + "\"");
      if (!r.rows.empty() || !r.columns.empty())
        fail(ptr, "a section role has no \"rows\" or \"columns\"");
      return r;
    }
    const TableDef* t = def.find_table(r.table);
    if (!t) fail(json::pointer_append(ptr, "table"), "no table \"" + r.table + "\"");
    for (const auto& key : r.rows)
      if (!t->find_row(key))
        fail(json::pointer_append(ptr, "rows"), "no row \"" + key + "\" in table " + r.table);
    for (const auto& key : r.columns) {
      bool found = false;
      for (const auto& b : t->blocks)
        for (const auto& c : b.columns)
          found = found || c.key == key;
      if (!found)
        fail(json::pointer_append(ptr, "columns"), "no column \"" + key + "\" in table " + r.table);
    }
    return r;
  }

  // "table/row/column": every key must exist, so that a renamed key fails loudly.
  CellRef cell_ref(const Value& v, const std::string& ptr, const FormatDefinition& def) const {
    if (!v.is_string()) fail(ptr, "expected \"table/row/column\"");
    std::string s = v.get<std::string>();
    auto a = s.find('/'), b = s.rfind('/');
    if (a == std::string::npos || a == b) fail(ptr, "expected \"table/row/column\"");
    CellRef c{s.substr(0, a), s.substr(a + 1, b - a - 1), s.substr(b + 1)};
    const TableDef* t = def.find_table(c.table);
    if (!t) fail(ptr, "no table \"" + c.table + "\"");
    if (!t->find_column(c.row, c.column))
      fail(ptr, "no cell \"" + c.row + "/" + c.column + "\" in table " + c.table);
    return c;
  }
  std::vector<CellRef> cell_refs(const Value& v, const std::string& ptr,
                                 const FormatDefinition& def) const {
    if (!v.is_array() || v.empty()) fail(ptr, "expected a non-empty array of cells");
    std::vector<CellRef> out;
    for (std::size_t i = 0; i < v.size(); ++i)
      out.push_back(cell_ref(v[i], json::pointer_append(ptr, std::to_string(i)), def));
    return out;
  }

  // The "prose" object (docs/prose.md): the quantities the prose may state, as data.
  ProseDef prose(const Value& v, const FormatDefinition& def) const {
    const std::string ptr = "/prose";
    expect_keys(v, ptr,
                {"note", "topics", "other_counts", "uncertain_sentences", "comparisons",
                 "quantities", "zero_claims"});
    ProseDef p;
    p.other_counts = texts(v, ptr, "other_counts");
    p.comparisons = texts(v, ptr, "comparisons");
    p.uncertain_sentences = texts(v, ptr, "uncertain_sentences");
    if (v.contains("topics")) {
      const Value& topics = v["topics"];
      if (!topics.is_object()) fail("/prose/topics", "expected an object");
      for (const auto& [name, t] : topics.items()) {
        std::string tp = json::pointer_append("/prose/topics", name);
        expect_keys(t, tp, {"words", "units", "clause_only", "sentence_needs"});
        p.topics.push_back({name, texts(t, tp, "words"), texts(t, tp, "units"),
                            flag(t, tp, "clause_only"), texts(t, tp, "sentence_needs")});
        if (p.topics.back().words.empty() || p.topics.back().units.empty())
          fail(tp, "a topic needs \"words\" and \"units\"");
      }
    }
    auto topic_known = [&](const std::string& name) {
      for (const auto& t : p.topics)
        if (t.name == name) return true;
      return false;
    };
    if (v.contains("quantities")) {
      const Value& qs = array(v, ptr, "quantities");
      for (std::size_t i = 0; i < qs.size(); ++i) {
        std::string qp = "/prose/quantities/" + std::to_string(i);
        expect_keys(qs[i], qp,
                    {"name", "label", "topic", "rule", "before", "after", "units", "readings",
                     "part_of", "names_topic", "not_after", "note"});
        ProseQuantityDef q;
        q.name = text(qs[i], qp, "name");
        q.label = text(qs[i], qp, "label");
        q.topic = text(qs[i], qp, "topic");
        q.rule = text(qs[i], qp, "rule");
        q.before = texts(qs[i], qp, "before");
        q.after = texts(qs[i], qp, "after");
        q.units = texts(qs[i], qp, "units");
        q.part_of = text(qs[i], qp, "part_of", false);
        q.not_after = texts(qs[i], qp, "not_after");
        q.names_topic = flag(qs[i], qp, "names_topic");
        if (!topic_known(q.topic))
          fail(json::pointer_append(qp, "topic"), "no topic \"" + q.topic + "\"");
        if (q.before.empty() && q.after.empty())
          fail(qp, "a quantity needs \"before\" or \"after\" phrases");
        if (qs[i].contains("readings")) {
          const Value& rs = array(qs[i], qp, "readings");
          for (std::size_t k = 0; k < rs.size(); ++k)
            q.readings.push_back(cell_refs(
                rs[k],
                json::pointer_append(json::pointer_append(qp, "readings"), std::to_string(k)),
                def));
        }
        if (q.readings.empty() == q.part_of.empty())
          fail(qp, "a quantity has either \"readings\" or \"part_of\"");
        for (const auto& other : p.quantities)
          if (other.name == q.name) fail(qp, "duplicate quantity \"" + q.name + "\"");
        p.quantities.push_back(std::move(q));
      }
      for (std::size_t i = 0; i < p.quantities.size(); ++i)
        if (!p.quantities[i].part_of.empty() && !p.find_quantity(p.quantities[i].part_of))
          fail("/prose/quantities/" + std::to_string(i) + "/part_of",
               "no quantity \"" + p.quantities[i].part_of + "\"");
    }
    if (v.contains("zero_claims")) {
      const Value& zs = array(v, ptr, "zero_claims");
      for (std::size_t i = 0; i < zs.size(); ++i) {
        std::string zp = "/prose/zero_claims/" + std::to_string(i);
        expect_keys(zs[i], zp,
                    {"name", "label", "rule", "topic_words", "phrases", "cells",
                     "only_without_counts", "note"});
        ProseZeroClaimDef z;
        z.name = text(zs[i], zp, "name");
        z.label = text(zs[i], zp, "label");
        z.rule = text(zs[i], zp, "rule");
        z.topic_words = texts(zs[i], zp, "topic_words");
        z.phrases = texts(zs[i], zp, "phrases");
        if (z.phrases.empty()) fail(zp, "a zero claim needs \"phrases\"");
        if (!zs[i].contains("cells")) fail(zp, "missing key \"cells\"");
        z.cells = cell_refs(zs[i]["cells"], json::pointer_append(zp, "cells"), def);
        z.only_without_counts = flag(zs[i], zp, "only_without_counts");
        p.zero_claims.push_back(std::move(z));
      }
    }
    return p;
  }

  FormatDefinition read() const {
    const Value& v = doc_.root;
    expect_keys(v, "",
                {"schema", "id", "name", "name_en", "basis", "years", "sections", "tables",
                 "identities", "rules", "roles", "prose"});
    if (text(v, "", "schema") != "nianbao.format/1")
      fail("/schema", "schema must be \"nianbao.format/1\"");
    FormatDefinition def;
    def.id = text(v, "", "id");
    def.name = text(v, "", "name");
    def.name_en = text(v, "", "name_en", false);
    def.basis = text(v, "", "basis", false);
    if (!v.contains("years")) fail("", "missing key \"years\"");
    const Value& years = v["years"];
    expect_keys(years, "/years", {"from", "to"});
    if (!years.contains("from") || !years["from"].is_number_integer())
      fail("/years", "\"from\" must be a year");
    def.year_from = years["from"].get<int>();
    if (years.contains("to") && !years["to"].is_null()) {
      if (!years["to"].is_number_integer()) fail("/years/to", "\"to\" must be a year or null");
      def.year_to = years["to"].get<int>();
    }
    const Value& sections = array(v, "", "sections");
    for (std::size_t i = 0; i < sections.size(); ++i) {
      std::string p = "/sections/" + std::to_string(i);
      expect_keys(sections[i], p, {"key", "heading", "keywords"});
      SectionDef s;
      s.key = text(sections[i], p, "key");
      s.heading = text(sections[i], p, "heading", false);
      s.keywords = texts(sections[i], p, "keywords");
      def.sections.push_back(std::move(s));
    }
    const Value& tables = array(v, "", "tables");
    for (std::size_t i = 0; i < tables.size(); ++i) {
      std::string p = "/tables/" + std::to_string(i);
      def.tables.push_back(table(tables[i], p));
      if (!def.find_section(def.tables.back().section))
        fail(json::pointer_append(p, "section"),
             "no section \"" + def.tables.back().section + "\"");
    }
    if (v.contains("rules")) {
      const Value& rules = array(v, "", "rules");
      for (std::size_t i = 0; i < rules.size(); ++i) {
        std::string p = "/rules/" + std::to_string(i);
        expect_keys(rules[i], p,
                    {"code", "severity", "title_zh", "title_en", "clause", "enabled_by_default"});
        RuleInfo r;
        r.code = text(rules[i], p, "code");
        std::string severity = text(rules[i], p, "severity");
        if (!parse_severity(severity, r.severity))
          fail(json::pointer_append(p, "severity"), "severity must be error, warning or info");
        r.title_zh = text(rules[i], p, "title_zh");
        r.title_en = text(rules[i], p, "title_en");
        r.clause = text(rules[i], p, "clause", false);
        if (rules[i].contains("enabled_by_default")) {
          if (!rules[i]["enabled_by_default"].is_boolean())
            fail(json::pointer_append(p, "enabled_by_default"), "expected true or false");
          r.enabled_by_default = rules[i]["enabled_by_default"].get<bool>();
        }
        r.formats = {def.id};
        def.rules.push_back(std::move(r));
      }
    }
    if (v.contains("identities")) {
      const Value& ids = array(v, "", "identities");
      for (std::size_t i = 0; i < ids.size(); ++i)
        def.identities.push_back(identity(ids[i], "/identities/" + std::to_string(i), def));
    }
    if (v.contains("roles")) {
      const Value& roles = v["roles"];
      if (!roles.is_object()) fail("/roles", "expected an object");
      for (const auto& [name, value] : roles.items())
        def.roles.push_back(role(name, value, json::pointer_append("/roles", name), def));
    }
    if (v.contains("prose")) def.prose = prose(v["prose"], def);
    // Every rule code the data refers to must be catalogued in "rules".
    auto catalogued = [&](const std::string& code, const std::string& where) {
      if (code.empty()) return;
      for (const auto& r : def.rules)
        if (r.code == code) return;
      fail(where, "rule " + code + " is not listed in \"rules\"");
    };
    for (std::size_t i = 0; i < def.identities.size(); ++i)
      catalogued(def.identities[i].code, "/identities/" + std::to_string(i));
    for (std::size_t i = 0; i < def.tables.size(); ++i) {
      std::string p = "/tables/" + std::to_string(i);
      catalogued(def.tables[i].type_rule, p);
      catalogued(def.tables[i].blank_rule, p);
      catalogued(def.tables[i].determined_blank_rule, p);
      for (const auto& b : def.tables[i].blocks)
        for (const auto& c : b.columns)
          catalogued(c.unit_rule, p);
    }
    return def;
  }

 private:
  const json::Document& doc_;
};

}  // namespace

FormatDefinition parse_format_definition(std::string_view json_text) {
  // Every process reads the definitions at start-up, and their lines are wanted only for an
  // error: the first reading records none. Anything wrong, and the definition is read again
  // with its positions, which reports the error with its line.
  try {
    return DefinitionReader(json::parse_without_positions(json_text)).read();
  } catch (const std::exception&) {
  }
  json::Document doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::SyntaxError& e) {
    throw std::runtime_error("format definition, line " + std::to_string(e.line) + ": " + e.what());
  }
  return DefinitionReader(doc).read();
}

std::vector<IdentityInstance> identity_instances(const IdentityDef& identity,
                                                 const TableDef& table) {
  const bool over_rows = identity.over == IdentityDef::Over::rows;
  std::vector<std::string_view> members(identity.each.begin(), identity.each.end());
  if (members.size() == 1 && members[0] == "*") {
    members.clear();
    for (const auto& b : table.blocks) {
      // The lhs keys run along the other axis: columns for an identity over rows.
      auto holds = [&](const auto& across) {
        for (const auto& k : identity.lhs)
          for (const auto& item : across)
            if (item.key == k) return true;
        return false;
      };
      if (!(over_rows ? holds(b.columns) : holds(b.rows))) continue;
      if (over_rows)
        for (const auto& r : b.rows)
          members.push_back(r.key);
      else
        for (const auto& c : b.columns)
          members.push_back(c.key);
    }
  }
  std::vector<IdentityInstance> out;
  out.reserve(members.size());
  for (std::string_view member : members) {
    IdentityInstance in{member, {}, {}};
    auto cell = [&](std::string_view key) {
      return over_rows ? IdentityCell{member, key} : IdentityCell{key, member};
    };
    in.lhs.reserve(identity.lhs.size());
    for (const auto& k : identity.lhs)
      in.lhs.push_back(cell(k));
    in.rhs.reserve(identity.rhs.size());
    for (const auto& k : identity.rhs)
      in.rhs.push_back(cell(k));
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace nianbao
