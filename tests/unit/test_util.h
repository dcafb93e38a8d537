// Helpers shared by the unit tests.
#pragma once

#include <nianbao/engine.h>
#include <fstream>
#include <sstream>
#include <string>

namespace nianbao::test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string source_path(const std::string& relative) {
  return std::string(NIANBAO_SOURCE_DIR) + "/" + relative;
}

/// An engine with exactly the plugins of this build tree (no environment, no install dir).
inline Engine& built_in_engine() {
  static Engine engine([] {
    EngineOptions o;
    o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
    o.use_environment = false;
    o.use_install_dir = false;
    return o;
  }());
  return engine;
}

}  // namespace nianbao::test
