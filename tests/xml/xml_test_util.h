// Helpers shared by the platform-XML tests: the engine over this build's plugins, files, the
// `nianbao` and `xmllint` commands, and the reports every round trip is tried on.
#pragma once

#include <gtest/gtest.h>
#include <nianbao/engine.h>
#include <nianbao/report_json.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace nianbao::xml_test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline fs::path source_path(const std::string& relative) {
  return fs::path(NIANBAO_SOURCE_DIR) / relative;
}

inline fs::path schema_path() {
  return source_path("docs/schema/nianbao-report-1.xsd");
}

/// An engine with exactly the plugins of this build tree (no environment, no install dir).
inline Engine& engine() {
  static Engine e([] {
    EngineOptions o;
    o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
    o.use_environment = false;
    o.use_install_dir = false;
    return o;
  }());
  return e;
}

inline const Exporter& xml_exporter() {
  const Exporter* e = engine().find_exporter("platform-xml");
  if (!e) throw std::runtime_error("the platform-xml exporter is not loaded");
  return *e;
}

inline const Importer& xml_importer() {
  const Importer* i = engine().find_importer("platform-xml");
  if (!i) throw std::runtime_error("the platform-xml importer is not loaded");
  return *i;
}

inline const FormatDefinition& format_of(const Report& report) {
  const FormatDefinition* f = engine().formats().find(report.format);
  if (!f) throw std::runtime_error("no format " + report.format);
  return *f;
}

/// Reads a canonical JSON report without the engine's normalisation: the report as written.
inline Report read_json(const fs::path& path) {
  return read_report_json(slurp(path), path.string(), engine().formats());
}

inline std::string to_xml(const Report& report, std::map<std::string, std::string> options = {},
                          const std::vector<Diagnostic>* diagnostics = nullptr) {
  return xml_exporter().write(report, ExportContext{format_of(report), diagnostics, options});
}

/// Reads platform XML with the importer directly (no normalisation); throws InputError.
inline Report from_xml(std::string_view xml, const std::string& path = "report.xml") {
  ImportResult r = xml_importer().read(InputFile{path, xml}, ImportContext{engine().formats(), {}});
  if (!r.report) throw std::runtime_error("the importer returned no report and threw nothing");
  return std::move(*r.report);
}

inline std::string canonical(const Report& report) {
  return write_report_json(report, format_of(report));
}

/// A fresh directory under the system's temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "nianbao-xml-test.XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  ///< standard output and standard error together
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

inline CommandResult run(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& a : argv)
    command += shell_quote(a) + " ";
  command += "2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// Runs the project's command line, without plugins from the environment or an install.
inline CommandResult nianbao_cli(std::vector<std::string> args) {
  std::vector<std::string> argv = {NIANBAO_CLI, "--plugin-path", NIANBAO_PLUGIN_BUILD_DIR};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

/// xmllint --noout --schema <the schema> on the files. xmllint must be installed (libxml2-utils).
inline CommandResult xmllint(const std::vector<fs::path>& files) {
  std::vector<std::string> argv = {NIANBAO_XMLLINT, "--noout", "--nonet", "--schema",
                                   schema_path().string()};
  for (const auto& f : files)
    argv.push_back(f.string());
  return run(argv);
}

/// Every report the exchange format must carry losslessly: the examples, the corpus, and every
/// report (input.json, previous.json) of the conformance suite's format cases. The "input" group
/// of the suite holds files that are meant not to be reports at all.
inline std::vector<fs::path> all_reports() {
  std::vector<fs::path> out;
  for (const auto& f : fs::recursive_directory_iterator(source_path("examples")))
    if (f.path().filename() == "report.json") out.push_back(f.path());
  for (const auto& f : fs::directory_iterator(source_path("tests/data/corpus")))
    if (f.path().extension() == ".json") out.push_back(f.path());
  for (const auto& group : fs::directory_iterator(source_path("tests/conformance"))) {
    if (!group.is_directory() || group.path().filename() == "input") continue;
    for (const auto& f : fs::recursive_directory_iterator(group.path())) {
      auto name = f.path().filename();
      if (name == "input.json" || name == "previous.json") out.push_back(f.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A readable name for a report file: its path under the source tree.
inline std::string short_name(const fs::path& p) {
  return fs::relative(p, NIANBAO_SOURCE_DIR).string();
}

/// The 1-based number of the line of `text` on which `needle` first occurs (0: nowhere).
inline int line_of(std::string_view text, std::string_view needle) {
  auto at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

/// Replaces the first occurrence of `from` (which must occur) by `to`.
inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  if (at == std::string::npos)
    throw std::runtime_error("no '" + std::string(from) + "' to replace");
  return text.replace(at, from.size(), to);
}

inline std::string render_en(const Diagnostic& d) {
  return engine().render_message(d.message_id, d.args, Language::en);
}

}  // namespace nianbao::xml_test
