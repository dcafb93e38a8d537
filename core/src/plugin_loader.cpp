#include "plugin_loader.h"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "json_positions.h"

namespace fs = std::filesystem;

namespace nianbao::core {
namespace {

constexpr std::string_view kManifestSuffix = ".nianbao-plugin.json";

// Loaded libraries are never unloaded: objects and code of a plugin may be referenced until the
// process ends, and unloading at exit would race with static destructors.
std::vector<boost::dll::shared_library>& loaded_libraries() {
  static auto* libraries = new std::vector<boost::dll::shared_library>();
  return *libraries;
}

struct SearchDir {
  fs::path path;
  std::string origin;
};

std::vector<SearchDir> search_dirs(const EngineOptions& options) {
  std::vector<SearchDir> dirs;
  for (const auto& p : options.plugin_paths)
    dirs.push_back({p, "--plugin-path"});
  if (options.use_environment) {
    if (const char* env = std::getenv("NIANBAO_PLUGIN_PATH")) {
      std::string_view rest(env);
      while (!rest.empty()) {
        auto colon = rest.find(':');
        std::string_view part = rest.substr(0, colon);
        if (!part.empty()) dirs.push_back({fs::path(std::string(part)), "NIANBAO_PLUGIN_PATH"});
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
      }
    }
  }
  if (options.use_install_dir)
    dirs.push_back({options.install_dir.empty() ? fs::path(default_plugin_dir())
                                                : fs::path(options.install_dir),
                    "install directory"});
  return dirs;
}

Diagnostic loader_diagnostic(std::string code, std::string message_id, const std::string& file,
                             std::vector<MessageArg> args) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = Severity::error;
  d.message_id = std::move(message_id);
  d.args = std::move(args);
  d.location.source.file = file;
  d.plugin = "core";
  return d;
}

// Reads a manifest into a record, or returns an error text.
std::string read_manifest(const fs::path& file, PluginRecord& rec) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return "cannot read the file";
  json::Document doc;
  try {
    doc = json::parse(text);
  } catch (const json::SyntaxError& e) {
    return "line " + std::to_string(e.line) + ": " + e.what();
  }
  const json::Value& v = doc.root;
  if (!v.is_object()) return "not a JSON object";
  auto str = [&](const char* key, bool required) -> std::string {
    if (!v.contains(key)) {
      if (required) throw std::runtime_error(std::string("missing \"") + key + "\"");
      return {};
    }
    if (!v[key].is_string())
      throw std::runtime_error("line " + std::to_string(doc.line_of(std::string("/") + key)) +
                               ": \"" + key + "\" must be a string");
    return v[key].get<std::string>();
  };
  auto list = [&](const char* key) {
    std::vector<std::string> out;
    if (!v.contains(key)) return out;
    if (!v[key].is_array())
      throw std::runtime_error(std::string("\"") + key + "\" must be an array");
    for (const auto& item : v[key]) {
      if (!item.is_string())
        throw std::runtime_error(std::string("\"") + key + "\" must hold strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  };
  try {
    if (str("schema", true) != "nianbao.plugin/1") return "\"schema\" must be \"nianbao.plugin/1\"";
    rec.id = str("id", true);
    rec.version = str("version", true);
    rec.description = str("description", false);
    if (!v.contains("abi") || !v["abi"].is_number_integer()) return "\"abi\" must be an integer";
    rec.abi = v["abi"].get<int>();
    std::string library = str("library", true);
    if (library.empty() || library.find('/') != std::string::npos)
      return "\"library\" must be a file name in the manifest's directory";
    rec.library_path = (file.parent_path() / library).string();
    rec.kinds = list("kinds");
    rec.formats = list("formats");
    rec.years = str("years", false);
    if (v.contains("extensions")) rec.extensions = list("extensions");
  } catch (const std::exception& e) {
    return e.what();
  }
  if (rec.id.empty()) return "\"id\" is empty";
  return {};
}

bool starts_with_elf_magic(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::memcmp(magic,
                                         "\x7f"
                                         "ELF",
                                         4) == 0;
}

void fail_plugin(PluginRecord& rec, LoaderOutput& out, std::string code, std::string message_id,
                 std::vector<MessageArg> extra) {
  std::vector<MessageArg> args = {
      {"id", rec.id}, {"library", rec.library_path}, {"manifest", rec.manifest_path}};
  args.insert(args.end(), extra.begin(), extra.end());
  rec.status = PluginRecord::Status::failed;
  out.diagnostics.push_back(
      loader_diagnostic(std::move(code), std::move(message_id), rec.library_path, args));
  out.trace.push_back({"trace.skipped", {{"id", rec.id}, {"reason", out.diagnostics.back().code}}});
}

}  // namespace

void load_plugin(PluginRecord& rec, std::size_t order, const RegisterCallback& register_plugin,
                 LoaderOutput& out) {
  if (rec.status != PluginRecord::Status::discovered) return;
  std::error_code ec;
  auto fail = [&](std::string code, std::string message_id, std::vector<MessageArg> extra) {
    fail_plugin(rec, out, std::move(code), std::move(message_id), std::move(extra));
  };
  // ---- load: every check below happens before any plugin code runs
  if (!fs::is_regular_file(rec.library_path, ec)) {
    fail("PLG-01", "plg.not_shared_object", {{"detail", "file not found"}});
    return;
  }
  if (!starts_with_elf_magic(rec.library_path)) {
    fail("PLG-01", "plg.not_shared_object", {{"detail", "no ELF header"}});
    return;
  }
  boost::dll::shared_library library;
  try {
    library.load(rec.library_path,
                 boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    // Boost wraps dlerror()'s text: "…load() failed (dlerror system message: TEXT): errno
    // text".
    std::string detail = e.what();
    const std::string marker = "dlerror system message: ";
    if (auto b = detail.find(marker); b != std::string::npos) {
      auto e2 = detail.rfind("):");
      detail = detail.substr(b + marker.size(), e2 != std::string::npos && e2 > b
                                                    ? e2 - b - marker.size()
                                                    : std::string::npos);
    }
    bool not_so = detail.find("invalid ELF header") != std::string::npos ||
                  detail.find("wrong ELF class") != std::string::npos ||
                  detail.find("file too short") != std::string::npos;
    if (not_so)
      fail("PLG-01", "plg.not_shared_object", {{"detail", detail}});
    else
      fail("PLG-03", "plg.unresolved", {{"detail", detail}});
    return;
  }
  if (!library.has(NIANBAO_PLUGIN_ENTRY_SYMBOL)) {
    loaded_libraries().push_back(std::move(library));
    fail("PLG-02", "plg.missing_entry", {{"symbol", NIANBAO_PLUGIN_ENTRY_SYMBOL}});
    return;
  }
  auto entry = library.get<const nianbao_plugin_descriptor*()>(NIANBAO_PLUGIN_ENTRY_SYMBOL);
  loaded_libraries().push_back(std::move(library));
  const nianbao_plugin_descriptor* d = entry();
  constexpr std::size_t kNeeded =
      offsetof(nianbao_plugin_descriptor, register_components) + sizeof(void*);
  std::string bad;
  if (!d)
    bad = "the entry function returned null";
  else if (d->struct_size < kNeeded)
    bad = "struct_size " + std::to_string(d->struct_size) + " < " + std::to_string(kNeeded);
  else if (!d->id || !*d->id || !d->version || !d->build_fingerprint || !d->register_components)
    bad = "id, version, build_fingerprint and register_components must be set";
  if (!bad.empty()) {
    fail("PLG-10", "plg.bad_descriptor", {{"detail", bad}});
  } else if (d->abi_version != NIANBAO_ABI_VERSION) {
    fail("PLG-04", "plg.abi_mismatch",
         {{"plugin_abi", std::to_string(d->abi_version)},
          {"host_abi", std::to_string(NIANBAO_ABI_VERSION)}});
  } else if (std::strcmp(d->build_fingerprint, NIANBAO_BUILD_FINGERPRINT) != 0) {
    fail("PLG-05", "plg.fingerprint_mismatch",
         {{"plugin_fingerprint", d->build_fingerprint},
          {"host_fingerprint", NIANBAO_BUILD_FINGERPRINT}});
  } else if (rec.id != d->id) {
    fail("PLG-09", "plg.manifest_mismatch", {{"manifest_id", rec.id}, {"library_id", d->id}});
  } else if (auto failure = register_plugin(rec, order, *d)) {
    fail(std::move(failure->code), std::move(failure->message_id), std::move(failure->args));
  } else {
    rec.status = PluginRecord::Status::loaded;
    out.trace.push_back(
        {"trace.loaded", {{"id", rec.id}, {"version", d->version}, {"library", rec.library_path}}});
  }
}

std::string default_plugin_dir() {
  // Beside the core library, so the same relative layout works in the build tree and in any
  // install prefix.
  fs::path lib = boost::dll::this_line_location();
  return (lib.parent_path() / NIANBAO_PLUGIN_SUBDIR).lexically_normal().string();
}

LoaderOutput discover_plugins(const EngineOptions& options,
                              const RegisterCallback& register_plugin) {
  LoaderOutput out;
  std::set<fs::path> seen_dirs;
  for (const auto& dir : search_dirs(options)) {
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(dir.path, ec), ec);
    if (abs.empty()) abs = fs::absolute(dir.path);
    if (!seen_dirs.insert(abs).second) continue;  // the same directory named twice
    out.trace.push_back({"trace.search_dir", {{"dir", abs.string()}, {"origin", dir.origin}}});
    if (!fs::is_directory(abs, ec)) {
      out.trace.push_back({"trace.dir_missing", {{"dir", abs.string()}}});
      continue;
    }
    std::vector<fs::path> manifests;
    for (const auto& entry : fs::directory_iterator(abs, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > kManifestSuffix.size() &&
          name.compare(name.size() - kManifestSuffix.size(), kManifestSuffix.size(),
                       kManifestSuffix) == 0)
        manifests.push_back(entry.path());
    }
    std::sort(manifests.begin(), manifests.end());

    for (const auto& manifest : manifests) {
      PluginRecord rec;
      rec.manifest_path = manifest.string();
      rec.origin = dir.origin;
      if (std::string err = read_manifest(manifest, rec); !err.empty()) {
        rec.status = PluginRecord::Status::failed;
        if (rec.id.empty()) rec.id = manifest.filename().string();
        out.diagnostics.push_back(
            loader_diagnostic("PLG-08", "plg.bad_manifest", rec.manifest_path,
                              {{"manifest", rec.manifest_path}, {"detail", err}}));
        out.records.push_back(std::move(rec));
        continue;
      }
      out.trace.push_back(
          {"trace.manifest",
           {{"manifest", rec.manifest_path}, {"id", rec.id}, {"version", rec.version}}});
      auto earlier =
          std::find_if(out.records.begin(), out.records.end(), [&](const PluginRecord& r) {
            return r.id == rec.id && r.status != PluginRecord::Status::duplicate &&
                   r.status != PluginRecord::Status::failed;
          });
      if (earlier != out.records.end()) {
        rec.status = PluginRecord::Status::duplicate;
        out.diagnostics.push_back(loader_diagnostic(
            "PLG-07", "plg.duplicate_id", rec.manifest_path,
            {{"id", rec.id}, {"manifest", rec.manifest_path}, {"other", earlier->manifest_path}}));
        out.records.push_back(std::move(rec));
        continue;
      }
      if (rec.abi != NIANBAO_ABI_VERSION) {
        fail_plugin(rec, out, "PLG-04", "plg.abi_mismatch",
                    {{"plugin_abi", std::to_string(rec.abi)},
                     {"host_abi", std::to_string(NIANBAO_ABI_VERSION)}});
        out.records.push_back(std::move(rec));
        continue;
      }
      if (options.load && !options.load_on_demand)
        load_plugin(rec, out.records.size(), register_plugin, out);
      out.records.push_back(std::move(rec));
    }
  }
  return out;
}

}  // namespace nianbao::core
