// Helpers for the DOCX exporter tests: an engine over the plugins of this build tree, exporting a
// report, and reading and writing ZIP packages (libzip) and their XML parts (pugixml).
#pragma once

#include <gtest/gtest.h>
#include <nianbao/engine.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace docx_test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string source(const std::string& relative) {
  return std::string(NIANBAO_SOURCE_DIR) + "/" + relative;
}

inline const std::string kHuaibei2020 = "examples/huaibei-2020/report.json";    // gov-2019
inline const std::string kPingtan2021 = "tests/data/corpus/pingtan-2021.json";  // gov-2021
inline const std::string kHuaian2024 = "tests/data/corpus/huaian-2024.json";    // gov-2021
inline const std::string kTemplate = "tests/data/corpus/template-2021-third-party.docx";

/// An engine with exactly the plugins of this build tree.
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

inline nianbao::Report import(const std::string& relative) {
  auto result = engine().import_file(source(relative));
  if (!result.report) throw std::runtime_error("cannot import " + relative);
  return *result.report;
}

inline std::string export_as(const std::string& exporter_id, const nianbao::Report& report,
                             const std::map<std::string, std::string>& options = {}) {
  const nianbao::Exporter* exporter = engine().find_exporter(exporter_id);
  if (!exporter) throw std::runtime_error("no exporter " + exporter_id);
  return engine().export_report(report, *exporter, nullptr, options);
}

inline std::string export_docx(const std::string& relative,
                               const std::map<std::string, std::string>& options = {}) {
  return export_as("docx", import(relative), options);
}

/// The entries of a ZIP archive, by name.
inline std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    throw std::runtime_error("not a zip archive");
  }
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    if (!file) continue;
    std::string data;
    char buffer[8192];
    zip_int64_t got;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0)
      data.append(buffer, static_cast<std::size_t>(got));
    zip_fclose(file);
    out[zip_get_name(archive, index, 0)] = std::move(data);
  }
  zip_discard(archive);
  return out;
}

/// A ZIP archive of the entries, in order (for building reference documents in tests).
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  zip_source_keep(target);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(archive);
  zip_stat_t stat;
  zip_stat_init(&stat);
  zip_source_stat(target, &stat);
  zip_source_open(target);
  std::string out(static_cast<std::size_t>(stat.size), '\0');
  zip_source_read(target, out.data(), stat.size);
  zip_source_close(target);
  zip_source_free(target);
  return out;
}

inline void parse(pugi::xml_document& doc, const std::string& text) {
  const pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size());
  if (!r) throw std::runtime_error(std::string("XML does not parse: ") + r.description());
}

/// The text of a paragraph or cell: every w:t inside, in order (whatever the prefix of the
/// WordprocessingML namespace is in that part).
inline std::string text_of(pugi::xml_node node) {
  std::string out;
  for (pugi::xpath_node t : node.select_nodes(".//*[local-name()='t']"))
    out += t.node().text().get();
  return out;
}

/// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("nianbao-docx-" + std::to_string(::getpid()) + "-" +
                                         info->test_suite_name() + "-" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace docx_test
