// `nianbao limits` and the limit names of `--limit`: the resource limits the engine and the
// plugins declare (Engine::limits()), never a list of the CLI's own.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli_common.h"

namespace nianbao::cli {

struct LimitsCommandOptions {
  bool json = false;
};

/// Declares the subcommand and its options on `app`.
CLI::App* add_limits_command(CLI::App& app, LimitsCommandOptions& o, const Globals& g);
int run_limits(const Globals& g, const LimitsCommandOptions& o);

/// The help text of the global option --limit. When the command line asks for help, it names the
/// limits the plugins found (by --plugin-path, NIANBAO_PLUGIN_PATH and the install directory)
/// declare, which means loading them; otherwise the help is not shown and nothing is loaded.
std::string limit_option_help(const Globals& g, int argc, char** argv);

/// Warns on stderr about every --limit NAME that neither the engine nor a plugin declares (most
/// often a typo: the user would believe a limit raised that is not). Loads every plugin.
void warn_unknown_limits(const Globals& g, const Engine& engine);

}  // namespace nianbao::cli
