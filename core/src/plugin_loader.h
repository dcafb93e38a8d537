// Plugin discovery (manifests, without loading) and loading (Boost.DLL). The only place in the
// project that uses Boost.DLL.
#pragma once

#include <functional>
#include <optional>
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

/// What registering a plugin came to: nothing on success, else the diagnostic's code, message id
/// and arguments (the plugin's id, library and manifest are added by the loader).
struct RegisterFailure {
  std::string code;
  std::string message_id;
  std::vector<MessageArg> args;
};

/// Called for each plugin whose descriptor passed every check; registers its components, or
/// says why it did not.
/// `order` is the plugin's place in the search order (its index in LoaderOutput::records).
using RegisterCallback = std::function<std::optional<RegisterFailure>(
    const PluginRecord&, std::size_t order, const nianbao_plugin_descriptor&)>;

/// Finds the plugin manifests in the search path (--plugin-path, NIANBAO_PLUGIN_PATH, the install
/// directory) and, when options.load is set without options.load_on_demand, loads each plugin and
/// calls `register_plugin`. What the manifests alone show (PLG-04, PLG-07, PLG-08) is diagnosed
/// here in every case.
LoaderOutput discover_plugins(const EngineOptions& options,
                              const RegisterCallback& register_plugin);

/// Loads one plugin that discovery left `discovered` and calls `register_plugin`; its status
/// becomes loaded or failed, with the diagnostic and trace entries appended to `out`.
void load_plugin(PluginRecord& rec, std::size_t order, const RegisterCallback& register_plugin,
                 LoaderOutput& out);

/// The install directory of plugins, beside the core library: <libdir>/nianbao/abi-N/plugins.
std::string default_plugin_dir();

}  // namespace nianbao::core
