// Plugin discovery (manifests, without loading) and loading (Boost.DLL). The only place in the
// project that uses Boost.DLL.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "nianbao/abi.h"
#include "nianbao/engine.h"

namespace nianbao::core {

struct LoaderOutput {
  std::vector<PluginRecord> records;
  std::vector<Diagnostic> diagnostics;
  std::vector<TraceEntry> trace;
};

/// Called for each plugin whose descriptor passed every check; registers its components and
/// returns an error text (empty on success).
using RegisterCallback =
    std::function<std::string(const PluginRecord&, const nianbao_plugin_descriptor&)>;

/// Finds the plugin manifests in the search path (--plugin-path, NIANBAO_PLUGIN_PATH, the install
/// directory) and, when options.load is set, loads each plugin and calls `register_plugin`.
LoaderOutput discover_plugins(const EngineOptions& options,
                              const RegisterCallback& register_plugin);

/// The install directory of plugins, beside the core library: <libdir>/nianbao/abi-N/plugins.
std::string default_plugin_dir();

}  // namespace nianbao::core
