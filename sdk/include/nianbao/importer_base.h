// A base for importers that does what every importer must do around its reading: say which
// import options it does not take (`--import-option` goes to whichever importer reads the file,
// so an option this importer does not know is warned of, never silently ignored), and make every
// diagnostic and InputError it gives name the plugin and the file. The importer writes only
// read_file():
//
//   class CsvImporter final : public nianbao::ImporterBase {
//    public:
//     CsvImporter() : ImporterBase(NIANBAO_PLUGIN_ID, {"format", "year"}) {}
//     …
//    private:
//     nianbao::ImportResult read_file(const nianbao::InputFile& input,
//                                     const nianbao::ImportContext& context) const override;
//   };
//
// An option it does not take is the warning IMP-04 (the host's catalogue: "导入器 csv 不支持选项
// x=1，已忽略（可用的选项：format、year）"); limits (`limit.NAME`, set with --limit) and the host's
// hints (`hint.NAME`, is_hint_option) are not options and are never warned of: an importer reads
// the limits it enforces with limit_value(), and the hint of an option it takes when the option
// itself is not given.
// Header-only: it adds nothing to the ABI.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "nianbao/limits.h"
#include "nianbao/plugin.h"

namespace nianbao {

class ImporterBase : public Importer {
 public:
  /// Warns of the options the importer does not take, then calls read_file(); the diagnostics it
  /// returns, and an InputError it throws, get the plugin id and the file where they lack them.
  ImportResult read(const InputFile& input, const ImportContext& context) const final {
    std::vector<Diagnostic> unknown;
    for (const auto& [key, value] : context.options)
      if (!is_limit_option(key) && !is_hint_option(key) &&
          std::find(option_names_.begin(), option_names_.end(), key) == option_names_.end())
        unknown.push_back(unknown_option(input, key, value));
    ImportResult result;
    try {
      result = read_file(input, context);
    } catch (const InputError& e) {
      if (!e.diagnostic().plugin.empty() && !e.diagnostic().location.source.file.empty()) throw;
      Diagnostic d = e.diagnostic();
      stamp(d, input);
      throw InputError(std::move(d));
    }
    result.diagnostics.insert(result.diagnostics.begin(), std::make_move_iterator(unknown.begin()),
                              std::make_move_iterator(unknown.end()));
    for (auto& d : result.diagnostics)
      stamp(d, input);
    return result;
  }

 protected:
  ImporterBase(std::string plugin_id, std::vector<std::string> option_names = {})
      : plugin_id_(std::move(plugin_id)), option_names_(std::move(option_names)) {}

  /// Reads the file. context.options may hold options the importer does not take (they are
  /// warned of already) and limits; read the options through their names.
  virtual ImportResult read_file(const InputFile& input, const ImportContext& context) const = 0;

  const std::string& plugin_id() const { return plugin_id_; }

 private:
  Diagnostic unknown_option(const InputFile& input, const std::string& key,
                            const std::string& value) const {
    std::string names;
    for (const std::string& n : option_names_)
      names += (names.empty() ? "" : ", ") + n;
    Diagnostic d;
    d.code = "IMP-04";
    d.severity = Severity::warning;
    d.message_id = names.empty() ? "import.no_options" : "import.unknown_option";
    stamp(d, input);
    d.arg("importer", id()).arg("option", key).arg("value", value).arg("options", names);
    return d;
  }

  void stamp(Diagnostic& d, const InputFile& input) const {
    if (d.plugin.empty()) d.plugin = plugin_id_;
    if (d.location.source.file.empty()) d.location.source.file = input.path;
  }

  std::string plugin_id_;
  std::vector<std::string> option_names_;
};

}  // namespace nianbao
