// What the commands of the nianbao CLI share: global options, usage errors, the engine, output.
#pragma once

#include <nianbao/nianbao.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::cli {

// Exit codes, documented in the README and in --help.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct Globals {
  std::vector<std::string> plugin_paths;
  bool strict_plugins = false;
  bool verbose = false;
  std::string lang = "zh";
  std::vector<std::string> limits;          ///< --limit NAME=VALUE
  std::vector<std::string> import_options;  ///< --import-option KEY=VALUE
  Language language() const { return lang == "en" ? Language::en : Language::zh; }
  /// A message of the catalogue (core/src/catalogue.cpp, ids cli.…) in the language of the run:
  /// every word the command prints goes through it.
  std::string message(std::string_view id, const std::vector<MessageArg>& args = {}) const {
    return render_core_message(id, args, language());
  }
};

// A usage or input problem the CLI itself finds (not a diagnostic of a report): exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The engine with the plugins of the search path; loader problems are printed as warnings (or,
/// with --strict-plugins, end the command). With `on_demand` (commands that read or write given
/// files), each plugin is loaded when the command first needs it, and a loader problem is printed
/// when the plugin is needed; --strict-plugins loads every plugin at once as before, so that it
/// keeps failing the command for any plugin that cannot be loaded.
std::unique_ptr<Engine> make_engine(const Globals& g, bool load, bool on_demand = false);

/// Writes to standard output ("" or "-") or atomically to a file.
void write_output(const std::string& path, const std::string& text, const Globals& g,
                  const Engine& engine);

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

/// The language a command line asks for with --lang en or --lang=en ("zh" otherwise), read before
/// the line is parsed: --help is built in it.
std::string language_of_command_line(int argc, const char* const* argv);

/// Parses --enable/--disable/--severity into a rule configuration, checking the codes exist.
RuleConfig rule_config(const Globals& g, const Engine& engine,
                       const std::vector<std::string>& enable,
                       const std::vector<std::string>& disable,
                       const std::vector<std::string>& severity);

}  // namespace nianbao::cli
