// A base for exporters that does what every exporter must do before it writes: refuse an option
// it does not know (a typo in `convert --option` is an error, never silently ignored) with the
// plugin's own diagnostic, and make every InputError it throws name the plugin and the report's
// file. The exporter writes only write_report():
//
//   class CsvCellsExporter final : public nianbao::ExporterBase {
//    public:
//     CsvCellsExporter() : ExporterBase(NIANBAO_PLUGIN_ID, {"newline"}) {}
//     …
//    private:
//     std::string write_report(const nianbao::Report& report,
//                              const nianbao::ExportContext& context) const override;
//   };
//
// An unknown option is EXP-02 (the host's catalogue: "导出器 csv-cells 不支持选项 x=1（可用的选项：
// newline）"), or the plugin's own code and message when it names them (BadOption; the message
// gets {exporter}, {option}, {value} and {options}). Header-only: it adds nothing to the ABI.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "nianbao/plugin.h"

namespace nianbao {

class ExporterBase : public Exporter {
 public:
  /// Checks the options, then calls write_report(); an InputError from it leaves with the
  /// plugin id and the report's file filled in where the exporter left them empty.
  std::string write(const Report& report, const ExportContext& context) const final {
    for (const auto& [key, value] : context.options)
      if (std::find(option_names_.begin(), option_names_.end(), key) == option_names_.end())
        throw bad_option(report, key, value);
    try {
      return write_report(report, context);
    } catch (const InputError& e) {
      if (!e.diagnostic().plugin.empty() && !e.diagnostic().location.source.file.empty()) throw;
      Diagnostic d = e.diagnostic();
      stamp(d, report);
      throw InputError(std::move(d));
    }
  }

 protected:
  /// The code and message id of the diagnostic for an option the exporter does not take.
  struct BadOption {
    std::string code;
    std::string message_id;
  };

  ExporterBase(std::string plugin_id, std::vector<std::string> option_names = {},
               BadOption bad_option = {})
      : plugin_id_(std::move(plugin_id)),
        option_names_(std::move(option_names)),
        bad_option_(std::move(bad_option)) {}

  /// Writes the report; the options in context.options are all among the declared names. May
  /// throw InputError (bad_option() for a known option with a value it does not take).
  virtual std::string write_report(const Report& report, const ExportContext& context) const = 0;

  /// The error for option `key` given `value`: the plugin's bad-option diagnostic.
  InputError bad_option(const Report& report, const std::string& key,
                        const std::string& value) const {
    std::string names;
    for (const std::string& n : option_names_)
      names += (names.empty() ? "" : ", ") + n;
    const bool own = !bad_option_.code.empty();
    const char* standard = names.empty() ? "export.no_options" : "export.bad_option";
    return InputError(
        error(report, own ? bad_option_.code : "EXP-02", own ? bad_option_.message_id : standard)
            .arg("exporter", id())
            .arg("option", key)
            .arg("value", value)
            .arg("options", names));
  }

  /// An error diagnostic of this plugin about `report`, for the exporter to add arguments to.
  Diagnostic error(const Report& report, std::string code, std::string message_id) const {
    Diagnostic d;
    d.code = std::move(code);
    d.severity = Severity::error;
    d.message_id = std::move(message_id);
    stamp(d, report);
    return d;
  }

  const std::string& plugin_id() const { return plugin_id_; }

 private:
  void stamp(Diagnostic& d, const Report& report) const {
    if (d.plugin.empty()) d.plugin = plugin_id_;
    if (d.location.source.file.empty()) d.location.source.file = report.source.file;
  }

  std::string plugin_id_;
  std::vector<std::string> option_names_;
  BadOption bad_option_;
};

}  // namespace nianbao
