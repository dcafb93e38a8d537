#include "cli_common.h"

#include "limits_command.h"

#include <nianbao/limits.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <memory>
#include <string_view>

namespace nianbao::cli {

std::unique_ptr<nianbao::Engine> make_engine(const Globals& g, bool load, bool on_demand) {
  nianbao::EngineOptions options;
  options.plugin_paths = g.plugin_paths;
  options.load = load;
  options.load_on_demand = load && on_demand && !g.strict_plugins;
  for (const auto& kv : g.limits) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || !parse_limit_value(kv.substr(eq + 1)))
      throw UsageError(g.message("cli.limit_syntax", {{"value", kv}}));
    const std::string name = kv.substr(0, eq);
    options.limits[name] = kv.substr(eq + 1);
  }
  for (const auto& kv : g.import_options) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError(g.message("cli.import_option_syntax", {{"value", kv}}));
    if (is_limit_option(kv.substr(0, eq)))
      throw UsageError(g.message("cli.limit_not_import_option", {{"value", kv}}));
    options.import_options[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (options.load_on_demand) {
    // Printed as the plugins load, which may be at any step of the command. The engine is not
    // yet there to render the first messages: they come from the core's catalogue, which a
    // second engine reading no plugins has too.
    auto messages = std::make_shared<std::unique_ptr<nianbao::Engine>>();
    nianbao::EngineOptions catalogue_only;
    catalogue_only.load = false;
    catalogue_only.use_environment = false;
    catalogue_only.use_install_dir = false;
    *messages = std::make_unique<nianbao::Engine>(catalogue_only);
    if (g.verbose)
      options.on_trace = [messages, &g](const nianbao::TraceEntry& t) {
        std::cerr << "nianbao: " << (*messages)->render_message(t.message_id, t.args, g.language())
                  << "\n";
      };
    options.on_plugin_diagnostic = [messages, &g](const nianbao::Diagnostic& d) {
      std::cerr << "nianbao: " << g.message("cli.severity_warning") << " " << d.code << " "
                << (*messages)->render_message(d.message_id, d.args, g.language()) << "\n";
    };
    auto engine = std::make_unique<nianbao::Engine>(options);
    // Only a run that sets a limit loads every plugin to learn the declared names.
    if (load) warn_unknown_limits(g, *engine);
    return engine;
  }
  auto engine = std::make_unique<nianbao::Engine>(options);
  if (g.verbose)
    for (const auto& t : engine->trace())
      std::cerr << "nianbao: " << engine->render_message(t.message_id, t.args, g.language())
                << "\n";
  if (!engine->plugin_diagnostics().empty()) {
    for (const auto& d : engine->plugin_diagnostics()) {
      const std::string sev =
          g.message(g.strict_plugins ? "cli.severity_error" : "cli.severity_warning");
      std::cerr << "nianbao: " << sev << " " << d.code << " "
                << engine->render_message(d.message_id, d.args, g.language()) << "\n";
    }
    if (g.strict_plugins) throw UsageError(g.message("cli.strict_plugins_failed"));
  }
  if (load) warn_unknown_limits(g, *engine);
  return engine;
}

void write_output(const std::string& path, const std::string& text, const Globals& g,
                  const nianbao::Engine& engine) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  try {
    nianbao::write_file_atomically(path, text);
  } catch (const nianbao::InputError& e) {
    throw UsageError(
        path + ": " +
        engine.render_message(e.diagnostic().message_id, e.diagnostic().args, g.language()));
  }
}

std::string language_of_command_line(int argc, const char* const* argv) {
  std::string lang = "zh";
  constexpr std::string_view kOption = "--lang";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;  // what follows are operands, not options
    if (arg == kOption && i + 1 < argc)
      lang = argv[++i];
    else if (arg.starts_with(kOption) && arg.size() > kOption.size() && arg[kOption.size()] == '=')
      lang = std::string(arg.substr(kOption.size() + 1));
  }
  // A value CLI11 will refuse (with its own message) leaves the help in the default language.
  return lang == "en" ? "en" : "zh";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

RuleConfig rule_config(const Globals& g, const Engine& engine,
                       const std::vector<std::string>& enable,
                       const std::vector<std::string>& disable,
                       const std::vector<std::string>& severity) {
  RuleConfig config;
  for (const auto& s : severity) {
    auto eq = s.find('=');
    Severity level;
    if (eq == std::string::npos || !parse_severity(s.substr(eq + 1), level))
      throw UsageError(g.message("cli.severity_syntax", {{"value", s}}));
    config.severity[s.substr(0, eq)] = level;
  }
  for (const auto* codes : {&enable, &disable})
    for (const auto& code : *codes)
      if (!engine.find_rule(code))
        throw UsageError(g.message("cli.unknown_rule", {{"code", code}}));
  config.enable.insert(enable.begin(), enable.end());
  config.disable.insert(disable.begin(), disable.end());
  return config;
}

}  // namespace nianbao::cli
