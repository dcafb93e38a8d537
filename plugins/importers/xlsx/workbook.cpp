#include "workbook.h"

#include <nianbao/text.h>
#include <cstdlib>
#include <map>

#include "formula.h"
#include "package.h"
#include "xlsx_limits.h"
#include "xml.h"
#include "xml/package_parts.h"

namespace nianbao::xlsx {
namespace {

struct Relationship {
  std::string target;  // the part name, resolved
  std::string type;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_true(const pugi::xml_attribute& a) {
  std::string_view v = a.value();
  return v == "1" || v == "true" || v == "on";
}

std::map<std::string, Relationship> read_relationships(Package& zip, const std::string& part,
                                                       const std::string& path) {
  std::map<std::string, Relationship> out;
  const std::string rels = ooxml::rels_part_for(part);
  if (!zip.has(rels)) return out;
  pugi::xml_document doc;
  parse_xml(doc, zip.read(rels), rels, path);
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (local_name(r.name()) != "Relationship") continue;
    if (std::string_view(attribute(r, "TargetMode").value()) == "External") continue;
    out[attribute(r, "Id").value()] = {ooxml::resolve_target(part, attribute(r, "Target").value()),
                                       attribute(r, "Type").value()};
  }
  return out;
}

std::vector<std::string> read_shared_strings(Package& zip, const std::string& part,
                                             const std::string& path) {
  std::vector<std::string> out;
  pugi::xml_document doc;
  parse_xml(doc, zip.read(part), part, path);
  for (pugi::xml_node si = doc.document_element().first_child(); si; si = si.next_sibling())
    if (local_name(si.name()) == "si") out.push_back(string_item_text(si));
  return out;
}

grid::Sheet read_sheet(Package& zip, const std::string& part, const std::string& name,
                       const std::vector<std::string>& shared, const std::string& path,
                       std::size_t max_cells, std::size_t& cells_left) {
  grid::Sheet sheet;
  sheet.name = name;
  pugi::xml_document doc;
  parse_xml(doc, zip.read(part), part, path);
  pugi::xml_node root = doc.document_element();
  struct SharedFormula {
    int row, col;
    std::string text;
  };
  std::map<std::string, SharedFormula> masters;
  struct Dependent {
    int row, col;
    std::string index;
  };
  std::vector<Dependent> dependents;
  auto bad_ref = [&](std::string_view ref) {
    fail(kBrokenWorkbook, "xlsx.bad_ref", path, {{"entry", part}, {"ref", std::string(ref)}}, name);
  };
  int next_row = 0;
  for (pugi::xml_node row = child(child(root, "sheetData"), "row"); row; row = row.next_sibling()) {
    if (local_name(row.name()) != "row") continue;
    int row_index = next_row;
    if (pugi::xml_attribute r = attribute(row, "r")) {
      long v = std::strtol(r.value(), nullptr, 10);
      if (v < 1 || v > grid::kMaxRows) bad_ref(r.value());
      row_index = static_cast<int>(v - 1);
    }
    next_row = row_index + 1;
    int next_col = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (local_name(c.name()) != "c") continue;
      int r = row_index, col = next_col;
      if (pugi::xml_attribute ref = attribute(c, "r")) {
        auto pos = grid::parse_cell_name(ref.value());
        if (!pos) bad_ref(ref.value());
        r = pos->first;
        col = pos->second;
      }
      if (col >= grid::kMaxColumns) bad_ref(grid::cell_name(r, grid::kMaxColumns - 1) + "+1");
      next_col = col + 1;
      grid::GridCell cell;
      std::string_view type = attribute(c, "t").value();
      pugi::xml_node v = child(c, "v");
      pugi::xml_node f = child(c, "f");
      // A view of pugixml's own NUL-terminated text: no copy per cell unless the cell keeps it.
      const char* value_text = v.text().get();
      const std::string_view value(value_text);
      if (f) {
        std::string text = f.text().get();
        if (std::string_view(attribute(f, "t").value()) == "shared") {
          std::string index = attribute(f, "si").value();
          if (!text.empty())
            masters[index] = {r, col, text};
          else
            dependents.push_back({r, col, index});
        }
        cell.formula = text;
        // openpyxl writes <v></v> for a formula it did not calculate: no value, except for a
        // formula whose result is the empty string.
        cell.has_cached_value = v && (!value.empty() || type == "str");
      }
      if (type == "s") {
        if (v) {
          char* end = nullptr;
          unsigned long index = std::strtoul(value_text, &end, 10);
          if (value.empty() || *end != '\0' || index >= shared.size())
            fail(
                kBrokenWorkbook, "xlsx.bad_shared_string", path,
                {{"entry", part}, {"cell", grid::cell_name(r, col)}, {"index", std::string(value)}},
                name);
          cell.kind = grid::GridCell::Kind::text;
          cell.text = shared[index];
        }
      } else if (type == "inlineStr") {
        cell.kind = grid::GridCell::Kind::text;
        cell.text = string_item_text(child(c, "is"));
      } else if (type == "str" || type == "d") {
        if (v) {
          cell.kind = grid::GridCell::Kind::text;
          cell.text = decode_ooxml_escapes(value);
        }
      } else if (type == "b") {
        if (v) {
          cell.kind = grid::GridCell::Kind::boolean;
          cell.text = value == "1" || value == "true" ? "TRUE" : "FALSE";
        }
      } else if (type == "e") {
        cell.kind = grid::GridCell::Kind::error;
        cell.text = std::string(value);
      } else if (v && !value.empty()) {
        cell.kind = grid::GridCell::Kind::number;
        cell.text = std::string(value);
      }
      if (cell.kind == grid::GridCell::Kind::empty && cell.formula.empty() &&
          !(f && std::string_view(attribute(f, "t").value()) == "shared"))
        continue;  // formatting only
      if (cells_left-- == 0)
        fail(kLimit, "xlsx.limit_cells", path, {{"limit", std::to_string(max_cells)}}, name);
      sheet.put(r, col) = std::move(cell);
    }
  }
  // A shared formula is written once, in its first cell; the others apply it moved.
  for (const auto& d : dependents) {
    grid::GridCell& cell = sheet.put(d.row, d.col);
    auto it = masters.find(d.index);
    if (it == masters.end()) {
      cell.note = "共享公式缺少首个单元格";
      continue;
    }
    cell.formula =
        shift_references(it->second.text, d.row - it->second.row, d.col - it->second.col);
  }
  for (pugi::xml_node m = child(child(root, "mergeCells"), "mergeCell"); m; m = m.next_sibling()) {
    if (local_name(m.name()) != "mergeCell") continue;
    if (sheet.merges().size() >= kMaxMerges)
      fail(kLimit, "xlsx.limit_merges", path, {{"limit", std::to_string(kMaxMerges)}}, name);
    auto range = grid::parse_range(attribute(m, "ref").value());
    if (!range) bad_ref(attribute(m, "ref").value());
    sheet.add_merge(*range);
  }
  sheet.index_merges();
  return sheet;
}

}  // namespace

Workbook read_workbook(std::string_view bytes, const std::string& path,
                       const zip::Limits& zip_limits, std::size_t max_cells) {
  if (nianbao::is_ole_compound_file(bytes)) fail(kLegacyOrEncrypted, "xlsx.legacy", path, {});
  if (!bytes.starts_with("PK")) fail(kNotXlsx, "xlsx.not_zip_signature", path, {});
  Package zip(bytes, path, zip_limits);

  // The workbook part: from the package relationships, else where it usually is.
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, rel] : read_relationships(zip, "", path))
    if (ends_with(rel.type, "/officeDocument")) workbook_part = rel.target;
  if (!zip.has(workbook_part)) fail(kNotXlsx, "xlsx.no_workbook", path, {{"entry", workbook_part}});

  Workbook wb;
  pugi::xml_document doc;
  parse_xml(doc, zip.read(workbook_part), workbook_part, path);
  pugi::xml_node root = doc.document_element();
  wb.date1904 = is_true(attribute(child(root, "workbookPr"), "date1904"));
  wb.recalculate_on_load = is_true(attribute(child(root, "calcPr"), "fullCalcOnLoad"));
  auto rels = read_relationships(zip, workbook_part, path);

  std::string shared_part;
  for (const auto& [id, rel] : rels)
    if (ends_with(rel.type, "/sharedStrings")) shared_part = rel.target;
  if (shared_part.empty() && zip.has("xl/sharedStrings.xml")) shared_part = "xl/sharedStrings.xml";
  std::vector<std::string> shared;
  if (!shared_part.empty()) {
    if (!zip.has(shared_part))
      fail(kBrokenWorkbook, "xlsx.missing_part", path, {{"entry", shared_part}});
    shared = read_shared_strings(zip, shared_part, path);
  }

  std::size_t cells_left = max_cells;
  for (pugi::xml_node s = child(child(root, "sheets"), "sheet"); s; s = s.next_sibling()) {
    if (local_name(s.name()) != "sheet") continue;
    if (wb.sheets.size() >= kMaxSheets)
      fail(kLimit, "xlsx.limit_sheets", path, {{"limit", std::to_string(kMaxSheets)}});
    std::string name = attribute(s, "name").value();
    std::string id = attribute(s, "id").value();
    auto rel = rels.find(id);
    if (rel == rels.end())
      fail(kBrokenWorkbook, "xlsx.missing_sheet", path,
           {{"sheet", name}, {"entry", workbook_part + " r:id=" + id}}, name);
    // Chart sheets, dialog sheets and macro sheets hold no cells.
    if (!ends_with(rel->second.type, "/worksheet")) continue;
    if (!zip.has(rel->second.target))
      fail(kBrokenWorkbook, "xlsx.missing_sheet", path,
           {{"sheet", name}, {"entry", rel->second.target}}, name);
    wb.sheets.push_back(
        read_sheet(zip, rel->second.target, name, shared, path, max_cells, cells_left));
  }
  return wb;
}

}  // namespace nianbao::xlsx
