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
#include <nianbao/plugin.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Keep everything except the entry function in an anonymous namespace: two plugins may well both
// have a class named CsvExporter, and they must not clash. (The build also hides all symbols.)
namespace {

// ---- errors ----------------------------------------------------------------------------------
//
// A plugin reports a problem as a nianbao::Diagnostic. The text is not in the diagnostic: it holds
// a message id plus named arguments, and the host renders the message in the user's language
// (--lang zh|en) from the templates the plugin registers with Registry::add_message(). The code
// is a stable rule code; register it with Registry::add_rule() so that `nianbao rules` lists it.
// Prefix both with something of your own so they cannot clash with other plugins.
constexpr const char* kBadOptionCode = "TPL-01";
constexpr const char* kBadOptionMessage = "csv-cells.bad_option";

// The exporter cannot write the report as asked: an InputError carrying the diagnostic rejects the
// whole output (the CLI prints the message and exits with code 2, and writes no file). Any other
// exception would be reported too, but only as a generic "exporter failed" (EXP-01).
nianbao::InputError bad_option(const nianbao::Report& report, const std::string& key,
                               const std::string& value) {
  nianbao::Diagnostic d;
  d.code = kBadOptionCode;
  d.severity = nianbao::Severity::error;
  d.message_id = kBadOptionMessage;
  d.arg("option", key).arg("value", value);
  d.location.source.file = report.source.file;  // the report this was about
  d.plugin = NIANBAO_PLUGIN_ID;
  return nianbao::InputError(std::move(d));
}

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

class CsvCellsExporter final : public nianbao::Exporter {
 public:
  // The exporter id is what users pass to `convert --to`. It is separate from the plugin id: one
  // plugin may register several exporters (and importers, checks, formats).
  std::string id() const override { return "csv-cells"; }
  std::string description() const override {
    return "CSV, one line per table cell: table,row,column,value";
  }
  // `convert -o cells.csv` picks this exporter by the ending of the output name.
  std::vector<std::string> extensions() const override { return {".csv"}; }

  // Called from several threads at once (for different reports): it is const, and it must keep
  // no state between calls — everything lives in local variables.
  std::string write(const nianbao::Report& report,
                    const nianbao::ExportContext& context) const override {
    // Exporter options come from `convert --option KEY=VALUE`. Reject what you do not know, so
    // that a typo is an error rather than silently ignored.
    std::string_view newline = "\n";
    for (const auto& [key, value] : context.options) {
      if (key == "newline" && value == "lf")
        newline = "\n";
      else if (key == "newline" && value == "crlf")
        newline = "\r\n";  // what RFC 4180 and Excel expect
      else
        throw bad_option(report, key, value);
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

  // The texts of the message ids this plugin's diagnostics use, in Chinese and English.
  // Placeholders {name} are filled from the diagnostic's arguments.
  registry.add_message({kBadOptionMessage,
                        "csv-cells 导出器不支持选项 {option}={value}；可用的选项：newline=lf|crlf",
                        "the csv-cells exporter has no option {option}={value}; options: "
                        "newline=lf|crlf"});

  // The catalogue entry of each code this plugin emits (`nianbao rules`).
  nianbao::RuleInfo rule;
  rule.code = kBadOptionCode;
  rule.severity = nianbao::Severity::error;
  rule.title_zh = "csv-cells 导出器选项无效";
  rule.title_en = "invalid csv-cells exporter option";
  rule.clause = "examples/plugin-template/README.md";
  registry.add_rule(std::move(rule));
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
