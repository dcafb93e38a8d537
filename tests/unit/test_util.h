// Helpers shared by the unit tests.
#pragma once

#include <gtest/gtest.h>
#include <nianbao/engine.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
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

/// A folder of its own for one test, removed afterwards (kept when NIANBAO_KEEP_TEST_FILES is
/// set, to look at the files after a failure).
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    path_ = std::filesystem::temp_directory_path() /
            (prefix + "-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    if (!std::getenv("NIANBAO_KEEP_TEST_FILES")) std::filesystem::remove_all(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes a file into the folder; returns its path.
  std::string file(const std::string& name, const std::string& bytes) const {
    std::filesystem::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace nianbao::test
