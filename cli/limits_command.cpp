#include "limits_command.h"

#include <nianbao/engine.h>
#include <nianbao/limits.h>
#include <nianbao/render.h>

#include <iostream>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao::cli {

namespace {

// The value of every --plugin-path on a command line not parsed yet.
std::vector<std::string> plugin_paths_of(int argc, char** argv) {
  std::vector<std::string> out;
  constexpr std::string_view kOption = "--plugin-path";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == kOption && i + 1 < argc)
      out.emplace_back(argv[++i]);
    else if (arg.starts_with(kOption) && arg.size() > kOption.size() && arg[kOption.size()] == '=')
      out.emplace_back(arg.substr(kOption.size() + 1));
  }
  return out;
}

}  // namespace

CLI::App* add_limits_command(CLI::App& app, LimitsCommandOptions& o, const Globals& g) {
  auto* cmd = app.add_subcommand("limits", g.message("cli.help.limits"));
  cmd->add_flag("--json", o.json, g.message("cli.help.json"));
  cmd->footer(g.message("cli.help.limits.footer"));
  return cmd;
}

int run_limits(const Globals& g, const LimitsCommandOptions& o) {
  auto engine = make_engine(g, true);
  std::cout << (o.json ? limits_json(*engine) : render_limits_text(*engine, g.language()));
  return 0;
}

std::string limit_option_help(const Globals& g, int argc, char** argv) {
  std::string help = g.message("cli.help.limit");
  bool asks_for_help = false;
  for (int i = 1; i < argc; ++i)
    asks_for_help =
        asks_for_help || std::string_view(argv[i]) == "-h" || std::string_view(argv[i]) == "--help";
  if (asks_for_help) {
    EngineOptions options;
    options.plugin_paths = plugin_paths_of(argc, argv);
    const Engine engine(options);
    help += g.message("cli.help.limit_declared", {{"limits", limit_names_with_defaults(engine)}});
  }
  return help + g.message("cli.help.limit_more");
}

void warn_unknown_limits(const Globals& g, const Engine& engine) {
  if (g.limits.empty()) return;
  std::set<std::string> known;
  std::string names;
  for (const auto& d : engine.limits())
    if (known.insert(d.limit.name).second) names += (names.empty() ? "" : ", ") + d.limit.name;
  for (const auto& kv : g.limits) {
    const std::string name = kv.substr(0, kv.find('='));
    if (known.count(name)) continue;
    std::cerr << "nianbao: " << g.message("cli.warning_prefix") << " "
              << engine.render_message("limits.unknown", {{"name", name}, {"names", names}},
                                       g.language())
              << "\n";
  }
}

}  // namespace nianbao::cli
