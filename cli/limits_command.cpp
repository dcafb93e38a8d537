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

CLI::App* add_limits_command(CLI::App& app, LimitsCommandOptions& o) {
  auto* cmd = app.add_subcommand(
      "limits",
      "List the resource limits --limit NAME=VALUE changes: each name, its default (by the "
      "plugin that declares it) and what it bounds. Loads every plugin");
  cmd->add_flag("--json", o.json, "Print JSON");
  cmd->footer(
      "Examples:\n"
      "  nianbao limits\n"
      "  nianbao limits --json --lang en");
  return cmd;
}

int run_limits(const Globals& g, const LimitsCommandOptions& o) {
  auto engine = make_engine(g, true);
  std::cout << (o.json ? limits_json(*engine) : render_limits_text(*engine, g.language()));
  return 0;
}

std::string limit_option_help(int argc, char** argv) {
  std::string help =
      "Raise (or lower) a resource limit for this run, e.g. --limit input-bytes=128M "
      "(repeatable; K, M, G suffixes). ";
  bool asks_for_help = false;
  for (int i = 1; i < argc; ++i)
    asks_for_help =
        asks_for_help || std::string_view(argv[i]) == "-h" || std::string_view(argv[i]) == "--help";
  if (asks_for_help) {
    EngineOptions options;
    options.plugin_paths = plugin_paths_of(argc, argv);
    const Engine engine(options);
    help += "Declared by the engine and the plugins found, with their defaults: " +
            limit_names_with_defaults(engine) + ". ";
  }
  return help +
         "`nianbao limits` lists what each bounds (docs/limits.md). An error that hits a limit "
         "names it";
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
