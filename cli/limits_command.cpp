#include "limits_command.h"

#include <nianbao/engine.h>
#include <nianbao/limits.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao::cli {

namespace {

// A value as --limit takes it: 67108864 is "64M".
std::string limit_text(std::uint64_t value) {
  for (const auto& [shift, suffix] : {std::pair{30, "G"}, std::pair{20, "M"}, std::pair{10, "K"}})
    if (value >= (std::uint64_t{1} << shift) && value % (std::uint64_t{1} << shift) == 0)
      return std::to_string(value >> shift) + suffix;
  return std::to_string(value);
}

// One limit name with what declares it: each default with the plugins that give it ("" for the
// engine), in the engine's order.
struct NamedLimit {
  const LimitInfo* info = nullptr;  // the first declaration: what the limit bounds
  std::vector<std::pair<std::uint64_t, std::vector<std::string>>> defaults;
};

std::vector<NamedLimit> by_name(const std::vector<LimitDeclaration>& declared) {
  std::vector<NamedLimit> out;
  for (const auto& d : declared) {
    if (out.empty() || out.back().info->name != d.limit.name) out.push_back({&d.limit, {}});
    auto& defaults = out.back().defaults;
    auto same = std::find_if(defaults.begin(), defaults.end(),
                             [&](const auto& v) { return v.first == d.limit.default_value; });
    if (same == defaults.end())
      defaults.push_back({d.limit.default_value, {d.plugin}});
    else
      same->second.push_back(d.plugin);
  }
  return out;
}

// "input-bytes (64M), table-cells (1000000), zip-total-bytes (256M/128M)".
std::string names_with_defaults(const std::vector<NamedLimit>& limits) {
  std::string out;
  for (const auto& l : limits) {
    std::string values;
    for (const auto& d : l.defaults)
      values += (values.empty() ? "" : "/") + limit_text(d.first);
    out += (out.empty() ? "" : ", ") + l.info->name + " (" + values + ")";
  }
  return out;
}

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
  const std::vector<LimitDeclaration> declared = engine->limits();
  const std::vector<NamedLimit> limits = by_name(declared);
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& l : limits) {
      nlohmann::ordered_json defaults = nlohmann::ordered_json::array();
      for (const auto& d : declared)
        if (d.limit.name == l.info->name)
          defaults.push_back({{"plugin", d.plugin}, {"value", d.limit.default_value}});
      out.push_back({{"name", l.info->name},
                     {"bounds_zh", l.info->bounds_zh},
                     {"bounds_en", l.info->bounds_en},
                     {"defaults", std::move(defaults)}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  const Language lang = g.language();
  std::cout << engine->render_message("limits.heading", {}, lang) << "\n";
  for (const auto& l : limits) {
    std::string defaults;
    for (const auto& [value, plugins] : l.defaults) {
      std::string by;
      for (const auto& p : plugins)
        by += (by.empty() ? "" : ", ") +
              (p.empty() ? engine->render_message("limits.engine", {}, lang) : p);
      defaults += (defaults.empty() ? "" : "; ") + limit_text(value) + " (" + by + ")";
    }
    std::cout << "  " << l.info->name << "  " << defaults << "\n      "
              << (lang == Language::en ? l.info->bounds_en : l.info->bounds_zh) << "\n";
  }
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
            names_with_defaults(by_name(engine.limits())) + ". ";
  }
  return help +
         "`nianbao limits` lists what each bounds (docs/limits.md). An error that hits a limit "
         "names it";
}

void warn_unknown_limits(const Globals& g, const Engine& engine) {
  if (g.limits.empty()) return;
  // by_name() points into the declarations: they must outlive it.
  const std::vector<LimitDeclaration> declared = engine.limits();
  const std::vector<NamedLimit> limits = by_name(declared);
  std::set<std::string> known;
  std::string names;
  for (const auto& l : limits) {
    known.insert(l.info->name);
    names += (names.empty() ? "" : ", ") + l.info->name;
  }
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
