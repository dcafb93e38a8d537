#include "nianbao/check_support.h"

namespace nianbao {

std::string cell_label(const FormatDefinition& format, std::string_view table, std::string_view row,
                       std::string_view column) {
  const TableDef* t = format.find_table(table);
  const RowDef* r = t ? t->find_row(row) : nullptr;
  const ColumnDef* c = t ? t->find_column(row, column) : nullptr;
  std::string out = r ? format.row_path_label(*t, *r) : std::string(row);
  out += " / ";
  out += c ? c->label : std::string(column);
  return out;
}

Location cell_location(const Report& report, const FormatDefinition& format, std::string_view table,
                       std::string_view row, std::string_view column) {
  Location loc;
  const TableDef* t = format.find_table(table);
  const RowDef* r = t ? t->find_row(row) : nullptr;
  const ColumnDef* c = t ? t->find_column(row, column) : nullptr;
  loc.logical.section = t ? t->section : std::string();
  loc.logical.table = std::string(table);
  loc.logical.row = std::string(row);
  loc.logical.column = std::string(column);
  loc.logical.table_label = t ? t->label : std::string();
  loc.logical.row_label = r ? format.row_path_label(*t, *r) : std::string();
  loc.logical.column_label = c ? c->label : std::string();
  if (const Cell* cell = report.find_cell(table, row, column)) loc.source = cell->source;
  if (loc.source.file.empty()) loc.source.file = report.source.file;
  return loc;
}

Location paragraph_location(const Report& report, const FormatDefinition& format,
                            std::string_view section, std::size_t index) {
  Location loc;
  loc.logical.section = std::string(section);
  if (const SectionDef* s = format.find_section(section)) loc.logical.table_label = s->heading;
  if (const Section* s = report.find_section(section); s && index < s->paragraphs.size())
    loc.source = s->paragraphs[index].source;
  if (loc.source.file.empty()) loc.source.file = report.source.file;
  return loc;
}

Diagnostic cell_finding(std::string code, Severity severity, std::string message_id,
                        const Report& report, const FormatDefinition& format,
                        std::string_view table, std::string_view row, std::string_view column) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message_id = std::move(message_id);
  d.location = cell_location(report, format, table, row, column);
  return d;
}

std::vector<Sentence> split_sentences(const Report& report) {
  std::vector<Sentence> out;
  static const std::string_view kEnds[] = {"。", "！", "？", "；", "!", "?", ";"};
  for (const auto& section : report.sections)
    for (std::size_t p = 0; p < section.paragraphs.size(); ++p) {
      const std::string& text = section.paragraphs[p].text;
      std::size_t start = 0;
      for (std::size_t i = 0; i < text.size();) {
        // Every ending starts with one of these bytes: the others are passed over at once.
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c != 0xE3 && c != 0xEF && c != '!' && c != '?' && c != ';') {
          ++i;
          continue;
        }
        std::size_t end = std::string::npos;
        for (auto e : kEnds)
          if (text.compare(i, e.size(), e) == 0) end = i + e.size();
        if (end == std::string::npos) {
          ++i;
          continue;
        }
        out.push_back({section.key, p, text.substr(start, end - start)});
        start = i = end;
      }
      if (start < text.size()) out.push_back({section.key, p, text.substr(start)});
    }
  return out;
}

Diagnostic paragraph_finding(std::string code, Severity severity, std::string message_id,
                             const Report& report, const FormatDefinition& format,
                             std::string_view section, std::size_t paragraph, std::string quote) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message_id = std::move(message_id);
  d.location = paragraph_location(report, format, section, paragraph);
  d.arg("quote", std::move(quote));
  return d;
}

std::string cell_text(const Cell& cell) {
  if (!cell.raw.empty()) return cell.raw;
  if (cell.is_number()) return cell.value.to_string() + (cell.unit ? *cell.unit : std::string());
  return cell.state == Cell::State::blank ? "空白" : "/";
}

std::string section_text(const Report& report, std::string_view section) {
  std::string out;
  if (const Section* s = report.find_section(section))
    for (const auto& p : s->paragraphs)
      out += p.text;
  return out;
}

const Cell* number_cell(const Report& report, std::string_view table, std::string_view row,
                        std::string_view column) {
  const Cell* c = report.find_cell(table, row, column);
  return c && c->is_number() ? c : nullptr;
}

}  // namespace nianbao
