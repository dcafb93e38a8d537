// Out-of-line parts of the public model types. The virtual destructors of the plugin interfaces
// live here so that their vtables and type information are anchored in the core library, which
// host and plugins share.
#include <algorithm>

#include "nianbao/diagnostic.h"
#include "nianbao/engine.h"
#include "nianbao/format.h"
#include "nianbao/plugin.h"
#include "nianbao/report.h"

namespace nianbao {

FormatCatalog::~FormatCatalog() = default;
Importer::~Importer() = default;
Exporter::~Exporter() = default;
Check::~Check() = default;
Registry::~Registry() = default;

// ---- diagnostics ------------------------------------------------------------------------------

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  if (text == "error")
    out = Severity::error;
  else if (text == "warning")
    out = Severity::warning;
  else if (text == "info")
    out = Severity::info;
  else
    return false;
  return true;
}

InputError::InputError(Diagnostic d) : diagnostic_(std::move(d)) {
  what_ = diagnostic_.code + " " + diagnostic_.message_id;
  for (const auto& [k, v] : diagnostic_.args)
    what_ += " " + k + "=" + v;
}
InputError::~InputError() = default;
const char* InputError::what() const noexcept {
  return what_.c_str();
}

std::string_view to_string(PluginRecord::Status s) {
  switch (s) {
    case PluginRecord::Status::discovered:
      return "discovered";
    case PluginRecord::Status::loaded:
      return "loaded";
    case PluginRecord::Status::failed:
      return "failed";
    case PluginRecord::Status::duplicate:
      return "duplicate";
  }
  return "failed";
}

// ---- report ----------------------------------------------------------------------------------

const Cell* TableRow::find(std::string_view column) const {
  for (const auto& [k, c] : cells)
    if (k == column) return &c;
  return nullptr;
}
Cell* TableRow::find(std::string_view column) {
  for (auto& [k, c] : cells)
    if (k == column) return &c;
  return nullptr;
}
Cell& TableRow::set(std::string_view column, Cell cell) {
  if (Cell* existing = find(column)) return *existing = std::move(cell);
  return cells.emplace_back(std::string(column), std::move(cell)).second;
}

const TableRow* Table::find(std::string_view key) const {
  for (const auto& r : rows)
    if (r.key == key) return &r;
  return nullptr;
}
TableRow* Table::find(std::string_view key) {
  for (auto& r : rows)
    if (r.key == key) return &r;
  return nullptr;
}
TableRow& Table::row(std::string_view key) {
  if (TableRow* r = find(key)) return *r;
  TableRow& r = rows.emplace_back();
  r.key = std::string(key);
  return r;
}

const Section* Report::find_section(std::string_view key) const {
  for (const auto& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}
Section& Report::section(std::string_view key) {
  for (auto& s : sections)
    if (s.key == key) return s;
  Section& s = sections.emplace_back();
  s.key = std::string(key);
  return s;
}
const Table* Report::find_table(std::string_view key) const {
  for (const auto& t : tables)
    if (t.key == key) return &t;
  return nullptr;
}
Table& Report::table(std::string_view key) {
  for (auto& t : tables)
    if (t.key == key) return t;
  Table& t = tables.emplace_back();
  t.key = std::string(key);
  return t;
}
const Cell* Report::find_cell(std::string_view table, std::string_view row,
                              std::string_view column) const {
  const Table* t = find_table(table);
  const TableRow* r = t ? t->find(row) : nullptr;
  return r ? r->find(column) : nullptr;
}

// ---- format definitions -----------------------------------------------------------------------

const BlockDef* TableDef::block_of(std::string_view row) const {
  for (const auto& b : blocks)
    for (const auto& r : b.rows)
      if (r.key == row) return &b;
  return nullptr;
}
const RowDef* TableDef::find_row(std::string_view row) const {
  for (const auto& b : blocks)
    for (const auto& r : b.rows)
      if (r.key == row) return &r;
  return nullptr;
}
const ColumnDef* TableDef::find_column(std::string_view row, std::string_view column) const {
  const BlockDef* b = block_of(row);
  if (!b) return nullptr;
  for (const auto& c : b->columns)
    if (c.key == column) return &c;
  return nullptr;
}

const SectionDef* FormatDefinition::find_section(std::string_view key) const {
  for (const auto& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}
const TableDef* FormatDefinition::find_table(std::string_view key) const {
  for (const auto& t : tables)
    if (t.key == key) return &t;
  return nullptr;
}
const RoleDef* FormatDefinition::find_role(std::string_view name) const {
  for (const auto& r : roles)
    if (r.name == name) return &r;
  return nullptr;
}
const ProseQuantityDef* ProseDef::find_quantity(std::string_view name) const {
  for (const auto& q : quantities)
    if (q.name == name) return &q;
  return nullptr;
}
std::string_view FormatDefinition::section_of(std::string_view role) const {
  const RoleDef* r = find_role(role);
  return r ? std::string_view(r->section) : std::string_view();
}
std::string FormatDefinition::row_path_label(const TableDef&, const RowDef& row) const {
  std::string out;
  for (const auto& g : row.groups)
    out += g + " ";
  return out + row.label;
}

}  // namespace nianbao
