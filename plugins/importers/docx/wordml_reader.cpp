#include "wordml_reader.h"

#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "document/table_pointer.h"
#include "docx_limits.h"
#include "grid/text.h"
#include "numbering.h"
#include "report_properties/report_properties.h"
#include "xml/package_parts.h"
#include "xml/safe_xml.h"
#include "zip/zip_reader.h"

namespace nianbao::docx_import {

namespace {

using xml::attribute;
using xml::child;
using xml::local_name;

// The shared zip reader's problems as this importer's errors.
[[noreturn]] void zip_failed(const zip::Problem& p, const std::string& path) {
  using Kind = zip::Problem::Kind;
  switch (p.kind) {
    case Kind::not_a_zip:
      fail(kNotDocx, "docx.not_zip", path, {}, {{"detail", p.detail}});
    case Kind::damaged:
      fail(kNotDocx, "docx.damaged_part", path, p.entry, {{"detail", p.detail}});
    case Kind::unsafe_name:
      fail(kNotDocx, "docx.unsafe_entry", path, p.entry);
    case Kind::symlink:
      fail(kNotDocx, "docx.symlink_entry", path, p.entry);
    case Kind::encrypted:
      fail(kLegacyOrEncrypted, "docx.encrypted_entry", path, p.entry);
    case Kind::too_many_entries:
      fail(kLimit, "docx.limit_entries", path, {},
           {{"count", std::to_string(p.actual)}, {"limit", std::to_string(p.limit)}});
    case Kind::entry_too_large:
      fail(kLimit, "docx.limit_part_size", path, p.entry,
           {{"declared", zip::size_text(p.actual)}, {"limit", zip::size_text(p.limit)}});
    case Kind::total_too_large:
      fail(kLimit, "docx.limit_total_size", path, p.entry, {{"limit", zip::size_text(p.limit)}});
    case Kind::ratio_too_high:
      fail(kLimit, "docx.limit_ratio", path, p.entry,
           {{"ratio", p.actual ? std::to_string(p.actual) : std::string("∞")},
            {"limit", std::to_string(p.limit)}});
    case Kind::lying_size:
      fail(kLimit, "docx.limit_lying_size", path, p.entry,
           {{"declared", std::to_string(p.actual)}});
  }
  fail(kNotDocx, "docx.damaged_part", path, p.entry, {{"detail", p.detail}});
}

void parse_part(pugi::xml_document& doc, std::string_view text, const std::string& entry,
                const std::string& path) {
  const auto problem = xml::parse(doc, text, kMaxXmlDepth);
  if (!problem) return;
  const std::string line = std::to_string(problem->line);
  const std::string where = entry + ":" + line;
  switch (problem->kind) {
    case xml::Problem::Kind::doctype:
      fail(kBadXml, "docx.doctype", path, where, {{"line", line}});
    case xml::Problem::Kind::too_deep:
      fail(kLimit, "docx.limit_depth", path, where, {{"limit", std::to_string(kMaxXmlDepth)}});
    case xml::Problem::Kind::malformed:
      break;
  }
  fail(kBadXml, "docx.bad_xml", path, where, {{"line", line}, {"detail", problem->detail}});
}

// The targets of a part's relationships by the end of their type ("/styles", "/numbering").
std::map<std::string, std::string> related_parts(zip::Reader& zip, const std::string& part,
                                                 const std::string& path) {
  std::map<std::string, std::string> out;
  const std::string rels_name = ooxml::rels_part_for(part);
  auto rels = zip.read(rels_name);
  if (!rels) return out;
  pugi::xml_document doc;
  parse_part(doc, *rels, rels_name, path);
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (local_name(r.name()) != "Relationship") continue;
    if (std::string_view(attribute(r, "TargetMode").value()) == "External") continue;
    const std::string_view type = attribute(r, "Type").value();
    const auto slash = type.rfind('/');
    if (slash == std::string_view::npos) continue;
    const std::string target = ooxml::resolve_target(part, attribute(r, "Target").value());
    if (!target.empty()) out.emplace(std::string(type.substr(slash)), target);
  }
  return out;
}

// The region code among the document's custom properties (docProps/custom.xml, where the
// package relationships say), as the DOCX exporter writes it; "" when there is none.
std::string region_code_property(zip::Reader& zip, const std::string& path) {
  const auto package = related_parts(zip, "", path);
  const auto it = package.find("/custom-properties");
  if (it == package.end()) return {};
  auto data = zip.read(it->second);
  if (!data) return {};
  pugi::xml_document doc;
  parse_part(doc, *data, it->second, path);
  for (pugi::xml_node p = doc.document_element().first_child(); p; p = p.next_sibling())
    if (local_name(p.name()) == "property" && std::string_view(attribute(p, "name").value()) ==
                                                  report_properties::kRegionCodeDocxProperty)
      return grid::trim(p.first_child().text().get());
  return {};
}

// The main document part: where the package relationships say, else where Word puts it.
std::string main_part(zip::Reader& zip, const std::string& path) {
  std::string main = "word/document.xml";
  if (auto rels = zip.read("_rels/.rels")) {
    pugi::xml_document doc;
    parse_part(doc, *rels, "_rels/.rels", path);
    for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
      if (local_name(r.name()) != "Relationship") continue;
      if (!std::string_view(attribute(r, "Type").value()).ends_with("/officeDocument")) continue;
      if (std::string_view(attribute(r, "TargetMode").value()) == "External") continue;
      const std::string target = ooxml::resolve_target("", attribute(r, "Target").value());
      if (!target.empty()) main = target;
      break;
    }
  }
  return main;
}

bool is_on(const pugi::xml_node& flag) {
  if (!flag) return false;
  const std::string_view value = attribute(flag, "val").value();
  return value.empty() || (value != "0" && value != "false" && value != "off");
}

int int_attribute(const pugi::xml_node& node, int fallback, int low, int high) {
  const std::string_view text = attribute(node, "val").value();
  if (text.empty() || text.size() > 9) return fallback;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return fallback;
    value = value * 10 + (c - '0');
  }
  return std::clamp(value, low, high);
}

// Turns the body of a document into blocks.
class BodyReader {
 public:
  BodyReader(const std::string& path, std::string entry, Numbering& numbering,
             std::size_t max_cells)
      : path_(path), entry_(std::move(entry)), numbering_(numbering), max_cells_(max_cells) {}

  document::Document take() && { return std::move(out_); }

  // Paragraphs and tables of a block container (the body, a content control, a layout cell).
  void blocks(const pugi::xml_node& container, int nesting) {
    std::string pending;  // text of paragraphs whose mark was deleted, joined with the next
    for (pugi::xml_node n = container.first_child(); n; n = n.next_sibling()) {
      const std::string_view name = local_name(n.name());
      if (name == "p") {
        std::string text = pending + paragraph_text(n);
        pending.clear();
        if (mark_deleted(n)) {
          pending = std::move(text);
          continue;
        }
        emit_paragraph(std::move(text));
      } else if (name == "tbl") {
        emit_paragraph(std::exchange(pending, {}));
        table(n, nesting + 1);
      } else if (name == "sdt") {
        emit_paragraph(std::exchange(pending, {}));
        blocks(child(n, "sdtContent"), nesting);
      } else if (name == "customXml" || name == "ins" || name == "moveTo") {
        emit_paragraph(std::exchange(pending, {}));
        blocks(n, nesting);
      }
      // w:sectPr, bookmarks, w:del/w:moveFrom around whole blocks and anything unknown: no text
      // that is printed.
    }
    emit_paragraph(std::move(pending));
  }

 private:
  // A paragraph whose paragraph mark is a tracked deletion runs on into the next one.
  static bool mark_deleted(const pugi::xml_node& p) {
    return child(child(child(p, "pPr"), "rPr"), "del") ||
           child(child(child(p, "pPr"), "rPr"), "moveFrom");
  }

  // The paragraph's text, after the number Word shows for it when it is in a list.
  std::string paragraph_text(const pugi::xml_node& p) {
    std::string out = numbering_.label(p);
    inline_content(p, out);
    return out;
  }

  // The text of runs and of what wraps them, in order.
  static void inline_content(const pugi::xml_node& parent, std::string& out) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      const std::string_view name = local_name(n.name());
      if (name == "r") {
        run(n, out);
      } else if (name == "sdt") {
        inline_content(child(n, "sdtContent"), out);
      } else if (name == "ins" || name == "moveTo" || name == "hyperlink" || name == "smartTag" ||
                 name == "customXml" || name == "fldSimple" || name == "dir" || name == "bdo") {
        inline_content(n, out);
      }
      // w:del and w:moveFrom (deleted text), w:pPr, bookmarks, comments, proofing marks: nothing
      // that is printed.
    }
  }

  static void run(const pugi::xml_node& r, std::string& out) {
    if (is_on(child(child(r, "rPr"), "vanish"))) return;  // hidden text is not printed
    for (pugi::xml_node n = r.first_child(); n; n = n.next_sibling()) {
      const std::string_view name = local_name(n.name());
      if (name == "t") {
        out += n.text().get();
      } else if (name == "tab" || name == "ptab") {
        out += '\t';
      } else if (name == "br" || name == "cr") {
        out += '\n';
      } else if (name == "noBreakHyphen") {
        out += '-';
      }
      // w:delText and w:instrText (a deletion, a field's code: the field's result follows as
      // w:t), w:fldChar, drawings, footnote marks, w:softHyphen: not printed text.
    }
  }

  void emit_paragraph(std::string text) {
    if (grid::trim(text).empty()) return;
    document::Block block;
    block.kind = document::Block::Kind::paragraph;
    block.text = std::move(text);
    block.source.file = path_;
    block.source.paragraph = ++paragraphs_;
    out_.end = block.source;
    out_.blocks.push_back(std::move(block));
  }

  // The rows of a table, looking through content controls and custom XML around them.
  static void rows_of(const pugi::xml_node& parent, std::vector<pugi::xml_node>& rows) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      const std::string_view name = local_name(n.name());
      if (name == "tr")
        rows.push_back(n);
      else if (name == "sdt")
        rows_of(child(n, "sdtContent"), rows);
      else if (name == "customXml")
        rows_of(n, rows);
    }
  }

  static void cells_of(const pugi::xml_node& row, std::vector<pugi::xml_node>& cells) {
    for (pugi::xml_node n = row.first_child(); n; n = n.next_sibling()) {
      const std::string_view name = local_name(n.name());
      if (name == "tc")
        cells.push_back(n);
      else if (name == "sdt")
        cells_of(child(n, "sdtContent"), cells);
      else if (name == "customXml")
        cells_of(n, cells);
    }
  }

  // Whether a table holds another table. The walk is as deep as the XML, which kMaxXmlDepth
  // bounds.
  static bool holds_table(const pugi::xml_node& tbl) {
    std::vector<pugi::xml_node> todo = {tbl};
    while (!todo.empty()) {
      const pugi::xml_node n = todo.back();
      todo.pop_back();
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (local_name(c.name()) == "tbl") return true;
        todo.push_back(c);
      }
    }
    return false;
  }

  // A cell's paragraphs, one line each (a data table's cells hold no tables).
  std::string cell_text(const pugi::xml_node& tc) {
    std::vector<std::string> lines;
    std::string pending;
    auto walk = [&](auto& self, const pugi::xml_node& container) -> void {
      for (pugi::xml_node n = container.first_child(); n; n = n.next_sibling()) {
        const std::string_view name = local_name(n.name());
        if (name == "p") {
          std::string text = pending + paragraph_text(n);
          pending.clear();
          if (mark_deleted(n))
            pending = std::move(text);
          else
            lines.push_back(std::move(text));
        } else if (name == "sdt") {
          self(self, child(n, "sdtContent"));
        } else if (name == "customXml") {
          self(self, n);
        }
      }
    };
    walk(walk, tc);
    if (!pending.empty()) lines.push_back(std::move(pending));
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
      out += (i ? "\n" : "") + lines[i];
    return grid::trim(out);
  }

  void table(const pugi::xml_node& tbl, int nesting) {
    if (nesting > kMaxTableNesting)
      fail(kLimit, "docx.limit_nesting", path_, entry_,
           {{"limit", std::to_string(kMaxTableNesting)}});
    std::vector<pugi::xml_node> rows;
    rows_of(tbl, rows);
    std::erase_if(rows, [](const pugi::xml_node& tr) {
      return child(child(tr, "trPr"), "del");  // a deleted row (tracked change)
    });
    // Page layout — a table of one cell (a whole report, or a part, framed in a box), or one
    // holding tables (columns of a page): its cells' content is the document's, in place.
    std::vector<pugi::xml_node> all_cells;
    for (const auto& tr : rows)
      cells_of(tr, all_cells);
    if (all_cells.size() <= 1 || holds_table(tbl)) {
      for (const auto& tc : all_cells)
        blocks(tc, nesting);
      return;
    }
    document::Block block;
    block.kind = document::Block::Kind::table;
    const std::string name = "表" + std::to_string(++tables_);
    if (rows.size() > static_cast<std::size_t>(kMaxTableRows))
      fail(kLimit, "docx.limit_rows", path_, name, {{"limit", std::to_string(kMaxTableRows)}});
    block.table.name = name;
    block.source.file = path_;
    block.source.pointer = name;
    std::vector<grid::Range> ranges;
    std::map<int, std::size_t> open;  // grid column → vertical merge still open there
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
      const pugi::xml_node tr = rows[static_cast<std::size_t>(r)];
      const pugi::xml_node trpr = child(tr, "trPr");
      int col = int_attribute(child(trpr, "gridBefore"), 0, 0, kMaxTableColumns);
      std::vector<pugi::xml_node> cells;
      cells_of(tr, cells);
      std::optional<std::size_t> previous;  // the range of the previous cell in this row
      for (const pugi::xml_node& tc : cells) {
        const pugi::xml_node pr = child(tc, "tcPr");
        if (child(pr, "cellDel")) continue;  // a deleted cell (tracked change)
        const int span = int_attribute(child(pr, "gridSpan"), 1, 1, kMaxTableColumns);
        if (col + span > kMaxTableColumns)
          fail(kLimit, "docx.limit_columns", path_, name,
               {{"limit", std::to_string(kMaxTableColumns)}});
        const pugi::xml_node vmerge = child(pr, "vMerge");
        const std::string_view vval = attribute(vmerge, "val").value();
        const pugi::xml_node hmerge = child(pr, "hMerge");
        const std::string_view hval = attribute(hmerge, "val").value();
        // The legacy horizontal merge: a continuing cell widens the cell before it.
        if (hmerge && hval != "restart" && previous) {
          ranges[*previous].last_col = col + span - 1;
          col += span;
          continue;
        }
        // A continuing cell of a vertical merge: the cell above reaches down into this row.
        if (vmerge && vval != "restart") {
          if (auto it = open.find(col); it != open.end()) {
            ranges[it->second].last_row = r;
            previous = it->second;
            col += span;
            continue;
          }
        }
        for (int k = col; k < col + span; ++k)
          open.erase(k);
        std::string text = cell_text(tc);
        if (!text.empty()) {
          if (++cells_ > max_cells_)
            fail(kLimit, "docx.limit_cells", path_, name, {{"limit", std::to_string(max_cells_)}});
          grid::GridCell& cell = block.table.put(r, col);
          cell.kind = grid::GridCell::Kind::text;
          cell.text = std::move(text);
          cell.source.file = path_;
          cell.source.pointer = table_pointer::pointer(name, r, col);
        }
        ranges.push_back({r, col, r, col + span - 1});
        previous = ranges.size() - 1;
        if (vmerge) open[col] = ranges.size() - 1;
        col += span;
      }
    }
    for (const auto& range : ranges)
      if (range.last_row > range.first_row || range.last_col > range.first_col)
        block.table.add_merge(range);
    block.table.index_merges();
    out_.end = block.source;
    out_.blocks.push_back(std::move(block));
  }

  const std::string& path_;
  std::string entry_;
  Numbering& numbering_;
  std::size_t max_cells_;
  document::Document out_;
  int paragraphs_ = 0;
  int tables_ = 0;
  std::size_t cells_ = 0;
};

}  // namespace

void fail(const char* code, const std::string& message_id, const std::string& path,
          const std::string& entry, std::vector<MessageArg> args) {
  Diagnostic d = input_diagnostic(kPluginId, code, Severity::error, message_id, path);
  d.args = std::move(args);
  d.arg("file", path);
  if (!entry.empty()) d.arg("entry", entry);
  d.location.source.pointer = entry;
  throw InputError(std::move(d));
}

document::Document read_document(std::string_view bytes, const std::string& path,
                                 const std::map<std::string, std::string>& options) {
  if (bytes.empty()) fail(kNotDocx, "docx.empty", path, {});
  if (nianbao::is_ole_compound_file(bytes)) fail(kLegacyOrEncrypted, "docx.legacy", path, {});
  if (!bytes.starts_with("PK")) fail(kNotDocx, "docx.not_zip_signature", path, {});
  zip::Reader zip(bytes, zip::limits_from_options(kZipLimits, options),
                  [&](const zip::Problem& p) { zip_failed(p, path); });

  const std::string main = main_part(zip, path);
  auto data = zip.read(main);
  if (!data) fail(kNotDocx, "docx.no_document", path, main);
  pugi::xml_document doc;
  parse_part(doc, *data, main, path);
  const pugi::xml_node root = doc.document_element();
  const pugi::xml_node body = child(root, "body");
  if (local_name(root.name()) != "document" || !body)
    fail(kNotDocx, "docx.not_wordprocessingml", path, main,
         {{"root", std::string(local_name(root.name()))}});
  // The lists and the paragraph styles, for the numbers Word shows (optional parts).
  const auto related = related_parts(zip, main, path);
  pugi::xml_document numbering_doc, styles_doc;
  for (auto [type, doc_part] : {std::pair{"/numbering", &numbering_doc}, {"/styles", &styles_doc}})
    if (auto it = related.find(type); it != related.end())
      if (auto part = zip.read(it->second)) parse_part(*doc_part, *part, it->second, path);
  Numbering numbering(numbering_doc.document_element(), styles_doc.document_element());
  BodyReader reader(path, main, numbering, limit_value(options, "table-cells", kMaxCells));
  reader.blocks(body, 0);
  document::Document out = std::move(reader).take();
  out.region_code = region_code_property(zip, path);
  if (!out.region_code.empty())
    out.region_code_source = std::string("docProps/custom.xml property \"") +
                             report_properties::kRegionCodeDocxProperty + "\"";
  return out;
}

}  // namespace nianbao::docx_import
