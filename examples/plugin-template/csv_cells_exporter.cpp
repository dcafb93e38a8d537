// csv-cells: an example exporter plugin for nianbao, and the starting point for your own plugin.
//
// It writes every table cell of a report as one CSV line, after a header line:
//
//   table,row,column,value
//   proactive,procurement,amount,299.8
//   applications,new,natural_person,36
//   applications,unavailable.not_held,total,24
//
// Cells come in the order of the report's format definition (table by table, block by block,
// row by row, column by column), so two reports of the same format always list their cells in the
// same order. The value is the number as written (299.80 stays 299.80), empty for a blank cell and
// "/" for a not-applicable cell (or the text the source wrote instead, e.g. "不适用").
//
// Use it with:
//   nianbao --plugin-path build convert report.json -o cells.csv
//   nianbao --plugin-path build convert report.json -o x.txt --to csv-cells --option newline=crlf
//
// What a plugin consists of — each part is marked below:
//   1. one or more components: here an Exporter (an Importer, a Check or a format definition
//      are added the same way, see nianbao/plugin.h);
//   2. a register function that hands the components, message texts and rule catalogue entries
//      to the host's Registry;
//   3. NIANBAO_DECLARE_PLUGIN(...), once, which exports the entry function the host looks for.
#include <nianbao/exporter_base.h>
#include <nianbao/plugin.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Keep everything except the entry function in an anonymous namespace: two plugins may well both
// have a class named CsvExporter, and they must not clash. (The build also hides all symbols.)
namespace {

// ---- CSV -------------------------------------------------------------------------------------

// Appends one field, quoted as RFC 4180 requires: a field that holds a comma, a double quote or a
// line break is enclosed in double quotes, and each double quote inside it is doubled.
void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_line(std::string& out, std::string_view newline, std::string_view table,
                 std::string_view row, std::string_view column, std::string_view value) {
  append_field(out, table);
  out += ',';
  append_field(out, row);
  out += ',';
  append_field(out, column);
  out += ',';
  append_field(out, value);
  out += newline;
}

// The text of a cell in each of its three states.
std::string cell_value(const nianbao::Cell& cell) {
  switch (cell.state) {
    case nianbao::Cell::State::number:
      return cell.value.to_string();  // exact decimal, as written; never a double
    case nianbao::Cell::State::blank:
      return {};
    case nianbao::Cell::State::not_applicable:
      return cell.raw.empty() ? std::string("/") : cell.raw;
  }
  return {};
}

// Whether the format definition has the cell (table, row, column). Row keys are unique within a
// table; the columns are those of the block that holds the row.
bool defines_cell(const nianbao::FormatDefinition& format, std::string_view table,
                  std::string_view row, std::string_view column) {
  const nianbao::TableDef* table_def = format.find_table(table);
  if (!table_def) return false;
  for (const nianbao::BlockDef& block : table_def->blocks)
    for (const nianbao::RowDef& row_def : block.rows)
      if (row_def.key == row) {
        for (const nianbao::ColumnDef& column_def : block.columns)
          if (column_def.key == column) return true;
        return false;
      }
  return false;
}

// ---- 1. the component ------------------------------------------------------------------------

// ExporterBase does what every exporter must do first: options come from `convert --option
// KEY=VALUE`, and one it does not list here is refused with the standard diagnostic (EXP-02:
// "导出器 csv-cells 不支持选项 x=1（可用的选项：newline）"), so that a typo is an error rather than
// silently ignored; errors thrown below are stamped with the plugin id and the report's file.
class CsvCellsExporter final : public nianbao::ExporterBase {
 public:
  CsvCellsExporter() : ExporterBase(NIANBAO_PLUGIN_ID, {"newline"}) {}

  // The exporter id is what users pass to `convert --to`. It is separate from the plugin id: one
  // plugin may register several exporters (and importers, checks, formats).
  std::string id() const override { return "csv-cells"; }
  std::string description() const override {
    return "CSV, one line per table cell: table,row,column,value";
  }
  // `convert -o cells.csv` picks this exporter by the ending of the output name. (An exporter
  // whose export of an empty report is a form to fill in also overrides writes_templates() to
  // return true, for `nianbao template`; this one keeps the default, false.)
  std::vector<std::string> extensions() const override { return {".csv"}; }

 private:
  // Called from several threads at once (for different reports): it is const, and it must keep
  // no state between calls — everything lives in local variables.
  std::string write_report(const nianbao::Report& report,
                           const nianbao::ExportContext& context) const override {
    // Every option here is one of ours; its value is ours to check. When the report cannot be
    // written as asked, throw an InputError (bad_option(), or error() with a code of your own):
    // the CLI prints its message and exits with code 2 without writing a file. Any other
    // exception is reported too, but only as a generic "exporter failed" (EXP-01).
    std::string_view newline = "\n";
    if (auto it = context.options.find("newline"); it != context.options.end()) {
      if (it->second == "crlf")
        newline = "\r\n";  // what RFC 4180 and Excel expect
      else if (it->second != "lf")
        throw bad_option(report, it->first, it->second);
    }

    std::string out;
    append_line(out, newline, "table", "row", "column", "value");

    // context.format is the definition of the report's format (e.g. gov-2019, gov-2021): the
    // tables, their blocks, rows and columns, with printed labels and value types. Walking it
    // rather than the report gives the canonical order. It is data, so this code works unchanged
    // for a format that does not exist yet.
    const nianbao::FormatDefinition& format = context.format;
    for (const nianbao::TableDef& table : format.tables)
      for (const nianbao::BlockDef& block : table.blocks)
        for (const nianbao::RowDef& row : block.rows)
          for (const nianbao::ColumnDef& column : block.columns)
            if (const nianbao::Cell* cell = report.find_cell(table.key, row.key, column.key))
              append_line(out, newline, table.key, row.key, column.key, cell_value(*cell));

    // Cells the format does not define cannot be placed in its order. The JSON importer rejects
    // them, but another importer might keep them: write them last, in the report's order, rather
    // than lose them.
    for (const nianbao::Table& table : report.tables)
      for (const nianbao::TableRow& row : table.rows)
        for (const auto& [column, cell] : row.cells)
          if (!defines_cell(format, table.key, row.key, column))
            append_line(out, newline, table.key, row.key, column, cell_value(cell));
    return out;  // the host writes the bytes (atomically) to the output file
  }
};

// ---- 2. the register function ----------------------------------------------------------------
//
// Called once, when the host loads the plugin. Registration is all-or-nothing: if this throws
// (e.g. an exporter id another plugin already registered), nothing it added is kept and the host
// reports PLG-06 naming the plugin.
void register_components(nianbao::Registry& registry) {
  registry.add_exporter(std::make_unique<CsvCellsExporter>());

  // A plugin's own diagnostics: the texts of their message ids in Chinese and English
  // (registry.add_message({"csv-cells.something", "…{name}…", "…{name}…"}), placeholders filled
  // from the diagnostic's arguments) and a catalogue entry per code (registry.add_rule(…), listed
  // by `nianbao rules`), prefixed with something of your own so they cannot clash. This plugin
  // needs none: an unknown option is the host's EXP-02.
}

}  // namespace

// ---- 3. the entry function -------------------------------------------------------------------
//
// Exports `nianbao_plugin_entry`, which returns the plugin's descriptor: its id and version (as
// nianbao_add_plugin() wrote them into the manifest), the
// ABI version and build fingerprint of the SDK it was compiled with (the host checks both before
// it calls anything else), and register_components. Use it exactly once per plugin, outside any
// namespace.
NIANBAO_DECLARE_PLUGIN(register_components)
