// What the tests of the document importers (Word, web page) share: an engine over the built
// plugins, temporary folders, the CLI as a user runs it, exports through the engine, and the
// comparison of a report read back from a document with the report it was written from.
#pragma once

#include <gtest/gtest.h>
#include <nianbao/engine.h>
#include <nianbao/report_json.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include "time_bound.h"

namespace import_support {

namespace fs = std::filesystem;

inline nianbao::Engine& engine() {
  static nianbao::Engine e([] {
    nianbao::EngineOptions o;
    o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
    o.use_environment = false;
    o.use_install_dir = false;
    return o;
  }());
  return e;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string source(const std::string& relative) {
  return std::string(NIANBAO_SOURCE_DIR) + "/" + relative;
}

/// A folder of the test's own, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("nianbao-" + std::string(info->test_suite_name()) + "-" +
                                         info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path file(const std::string& name, const std::string& bytes) const {
    fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct Outcome {
  int code = -1;
  std::string out, err;
  double seconds = 0;
};

/// The CLI with `args`, as a user runs it (the plugins beside the binary, nothing from the
/// environment).
inline Outcome run_cli(const TempDir& dir, const std::string& args) {
  const std::string cmd = "env -u NIANBAO_PLUGIN_PATH " + std::string(NIANBAO_CLI) + " " + args +
                          " >" + (dir.path() / "stdout").string() + " 2>" +
                          (dir.path() / "stderr").string() + " </dev/null";
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(cmd.c_str());
  Outcome o;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(dir.path() / "stdout");
  o.err = slurp(dir.path() / "stderr");
  return o;
}

/// The report of a file of the source tree, read with its importer.
inline nianbao::Report load(const std::string& relative) {
  auto result = engine().import_file(source(relative));
  if (!result.report) throw std::runtime_error("cannot import " + relative);
  return *result.report;
}

/// The report written by the exporter `exporter_id` ("docx", "html").
inline std::string export_as(const nianbao::Report& report, const std::string& exporter_id) {
  const nianbao::Exporter* exporter = engine().find_exporter(exporter_id);
  if (!exporter) throw std::runtime_error("no exporter " + exporter_id);
  return engine().export_report(report, *exporter);
}

/// Imports `bytes` saved as `name` in `dir`, with the importer the engine picks for it.
inline nianbao::ImportResult import_bytes(const TempDir& dir, const std::string& name,
                                          const std::string& bytes,
                                          const std::map<std::string, std::string>& options = {}) {
  return engine().import_file(dir.file(name, bytes).string(), {}, options);
}

inline const nianbao::Diagnostic* find(const std::vector<nianbao::Diagnostic>& ds,
                                       const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

inline std::string message(const nianbao::Diagnostic& d,
                           nianbao::Language lang = nianbao::Language::en) {
  return engine().render_message(d.message_id, d.args, lang);
}

inline std::string codes(const std::vector<nianbao::Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds)
    out += d.code + " " + message(d) + "\n";
  return out;
}

/// A file the importer refuses: through the engine (the error `code`, the file, the pointer into
/// it when given, the message's `words` when given, quickly) and through `nianbao check` as a
/// user runs it (exit code 2, the code and the file named).
inline void expect_refused(const TempDir& dir, const std::string& name, const std::string& bytes,
                           const std::string& code, const std::string& words = "",
                           const std::string& pointer = "") {
  SCOPED_TRACE(name);
  const auto start = std::chrono::steady_clock::now();
  const auto result = import_bytes(dir, name, bytes);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(10.0));
  EXPECT_FALSE(result.report);
  const nianbao::Diagnostic* d = find(result.diagnostics, code);
  ASSERT_TRUE(d) << codes(result.diagnostics);
  EXPECT_EQ(d->severity, nianbao::Severity::error);
  EXPECT_EQ(d->location.source.file, (dir.path() / name).string());
  if (!pointer.empty()) {
    EXPECT_EQ(d->location.source.pointer, pointer);
  }
  if (!words.empty()) {
    EXPECT_NE(message(*d).find(words), std::string::npos) << message(*d);
  }
  const Outcome o = run_cli(dir, "--lang en check " + (dir.path() / name).string());
  EXPECT_EQ(o.code, 2) << o.out << o.err;
  EXPECT_NE((o.out + o.err).find(code), std::string::npos) << o.out << o.err;
  EXPECT_NE((o.out + o.err).find(name), std::string::npos) << o.out << o.err;
  EXPECT_LT(o.seconds, nianbao::test::time_bound(10.0));
}

/// The canonical JSON form of a report, parsed.
inline nlohmann::json json_of(const nianbao::Report& report) {
  const nianbao::FormatDefinition* format = engine().formats().find(report.format);
  if (!format) throw std::runtime_error("no format " + report.format);
  return nlohmann::json::parse(nianbao::write_report_json(report, *format));
}

namespace detail {
inline void differences(const nlohmann::json& expected, const nlohmann::json& actual,
                        const std::string& path, std::vector<std::string>& out) {
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key))
        out.push_back(path + "/" + key + " missing (expected " + value.dump() + ")");
      else
        differences(value, actual[key], path + "/" + key, out);
    }
    for (const auto& [key, value] : actual.items()) {
      if (expected.contains(key)) continue;
      // Where the reading found each metadata value: evidence of the reading, not report content
      // (a report written and read back has it, the one written from has none).
      if (path.empty() && key == "metadata_sources") continue;
      // A printed table has every row and column of its format: what the source lacked reads
      // back blank.
      const bool in_tables = path.rfind("/tables", 0) == 0;
      bool blank = value.is_null();
      if (in_tables && value.is_object()) {
        blank = true;
        for (const auto& [k, v] : value.items()) {
          if (v.is_object())
            for (const auto& [kk, vv] : v.items())
              blank = blank && vv.is_null();
          else
            blank = blank && v.is_null();
        }
      }
      if (!(in_tables && blank)) out.push_back(path + "/" + key + " extra: " + value.dump());
    }
  } else if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size())
      out.push_back(path + ": " + std::to_string(expected.size()) + " entries expected, " +
                    std::to_string(actual.size()) + " read");
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i)
      differences(expected[i], actual[i], path + "/" + std::to_string(i), out);
  } else if (expected != actual) {
    out.push_back(path + ": expected " + expected.dump() + ", read " + actual.dump());
  }
}
}  // namespace detail

/// Where a report read back from a document differs from the report it was written from: every
/// metadata field, every section paragraph, every table cell with its raw text and unit.
/// A cell or row the original lacks must read back blank.
inline std::vector<std::string> differences(const nianbao::Report& expected,
                                            const nianbao::Report& actual) {
  std::vector<std::string> out;
  detail::differences(json_of(expected), json_of(actual), "", out);
  return out;
}

}  // namespace import_support
