// The engine: owns what plugins registered and runs the pipeline import → normalise → validate →
// export. Nothing here knows a particular report format; format knowledge arrives as data.
#include "nianbao/engine.h"

#include "nianbao/limits.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <unordered_map>

#include "catalogue.h"
#include "definition_checks.h"
#include "plugin_loader.h"

namespace nianbao {
namespace {

template <typename T>
struct Owned {
  std::unique_ptr<T> component;
  std::string plugin;
  std::size_t order = 0;  ///< the plugin's place in the search order
};

// Components are kept in the plugins' search order whatever order they were loaded in, so that
// ties (two importers equally sure, two formats starting the same year) go the same way when
// plugins are loaded on demand as when all are loaded at once.
template <typename T>
void insert_in_order(std::vector<Owned<T>>& into, Owned<T> item) {
  auto at = std::upper_bound(into.begin(), into.end(), item.order,
                             [](std::size_t order, const Owned<T>& o) { return order < o.order; });
  into.insert(at, std::move(item));
}

// What a lookup in the catalogue needs loaded first: the format plugins that claim an id, a year,
// or all of them.
struct FormatNeed {
  std::string_view id;
  int year = 0;
};

class Catalog final : public FormatCatalog {
 public:
  const FormatDefinition* find(std::string_view id) const override {
    std::lock_guard lock(*mutex_);
    if (ensure_) ensure_(FormatNeed{id, 0});
    return find_loaded(id);
  }
  // When an open-ended format (e.g. gov-2021, "2021 onwards") is followed by a newer one, the
  // newer one takes over from its first year: the latest-starting format that covers a year wins.
  const FormatDefinition* for_year(int year) const override {
    std::lock_guard lock(*mutex_);
    if (ensure_) ensure_(FormatNeed{{}, year});
    const FormatDefinition* best = nullptr;
    for (const auto& f : formats_)
      if (f.component->covers_year(year) && (!best || f.component->year_from > best->year_from))
        best = f.component.get();
    return best;
  }
  std::vector<const FormatDefinition*> all() const override {
    std::lock_guard lock(*mutex_);
    if (ensure_) ensure_(FormatNeed{});
    return all_loaded();
  }
  // Without loading anything (registration checks a new format against these).
  const FormatDefinition* find_loaded(std::string_view id) const {
    for (const auto& f : formats_)
      if (f.component->id == id) return f.component.get();
    return nullptr;
  }
  std::vector<const FormatDefinition*> all_loaded() const {
    std::vector<const FormatDefinition*> out;
    for (const auto& f : formats_)
      out.push_back(f.component.get());
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
    return out;
  }
  std::vector<Owned<FormatDefinition>> formats_;
  std::recursive_mutex* mutex_ = nullptr;
  std::function<void(const FormatNeed&)> ensure_;  ///< set when plugins load on demand
};

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids)
    out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "-" : out;
}

Diagnostic core_error(std::string code, std::string message_id, const std::string& file,
                      std::vector<MessageArg> args) {
  Diagnostic d;
  d.code = std::move(code);
  d.message_id = std::move(message_id);
  d.args = std::move(args);
  d.location.source.file = file;
  d.plugin = "core";
  return d;
}

// Everything the plugins registered.
struct Components {
  Catalog catalog;
  std::vector<Owned<Importer>> importers;
  std::vector<Owned<Exporter>> exporters;
  std::vector<Owned<Check>> checks;
  std::map<std::string, RuleInfo> rules;
  std::unordered_map<std::string, MessageText> messages;
  std::vector<Owned<LimitInfo>> limits;
};

// Collects what one plugin registers; committed to the engine only when registration succeeds,
// so a plugin that throws halfway leaves nothing behind.
class StagingRegistry final : public Registry {
 public:
  StagingRegistry(const Components& engine, std::string plugin, std::size_t order)
      : engine_(engine), plugin_(std::move(plugin)), order_(order) {}

  void add_format(std::string_view definition_json) override {
    auto def = std::make_unique<FormatDefinition>(parse_format_definition(definition_json));
    if (engine_.catalog.find_loaded(def->id))
      throw std::runtime_error("format " + def->id + " is already registered");
    // Two formats may not claim the same years, except that a format starting later than an
    // open-ended one takes over from its first year (see Catalog::for_year).
    for (const auto* f : engine_.catalog.all_loaded()) {
      bool overlap = def->year_from <= f->year_to.value_or(9999) &&
                     f->year_from <= def->year_to.value_or(9999);
      bool supersedes = (!f->year_to && def->year_from > f->year_from) ||
                        (!def->year_to && f->year_from > def->year_from);
      if (overlap && !supersedes)
        throw std::runtime_error("format " + def->id + " covers report years already covered by " +
                                 f->id);
    }
    // The format's rule set is catalogued from its definition.
    rules_.insert(rules_.end(), def->rules.begin(), def->rules.end());
    formats_.push_back({std::move(def), plugin_, order_});
  }
  void add_importer(std::unique_ptr<Importer> c) override {
    if (!c) throw std::runtime_error("add_importer(nullptr)");
    for (const auto& i : engine_.importers)
      if (i.component->id() == c->id())
        throw std::runtime_error("importer id " + c->id() + " is already registered by " +
                                 i.plugin);
    importers_.push_back({std::move(c), plugin_, order_});
  }
  void add_exporter(std::unique_ptr<Exporter> c) override {
    if (!c) throw std::runtime_error("add_exporter(nullptr)");
    for (const auto& e : engine_.exporters)
      if (e.component->id() == c->id())
        throw std::runtime_error("exporter id " + c->id() + " is already registered by " +
                                 e.plugin);
    exporters_.push_back({std::move(c), plugin_, order_});
  }
  void add_check(std::unique_ptr<Check> c) override {
    if (!c) throw std::runtime_error("add_check(nullptr)");
    checks_.push_back({std::move(c), plugin_, order_});
  }
  void add_rule(RuleInfo rule) override {
    if (rule.code.empty()) throw std::runtime_error("a rule needs a code");
    rules_.push_back(std::move(rule));
  }
  void add_message(MessageText message) override {
    if (message.id.empty()) throw std::runtime_error("a message needs an id");
    messages_.push_back(std::move(message));
  }
  void add_limit(LimitInfo limit) override {
    // The name is what a user types after --limit: lower-case words joined by '-'.
    const bool name_ok =
        !limit.name.empty() && std::all_of(limit.name.begin(), limit.name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
    if (!name_ok)
      throw std::runtime_error("a limit needs a name of a-z, 0-9 and '-': " + limit.name);
    if (limit.default_value == 0)
      throw std::runtime_error("limit " + limit.name + " needs a default value above 0");
    for (const auto& l : limits_)
      if (l.component->name == limit.name)
        throw std::runtime_error("limit " + limit.name + " is declared twice");
    limits_.push_back({std::make_unique<LimitInfo>(std::move(limit)), plugin_, order_});
  }

  /// The kinds of component registered, in the manifest's words, sorted. A format plugin's
  /// checks are its format's rule set, part of the kind "format".
  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    if (!checks_.empty() && formats_.empty()) out.push_back("check");
    if (!exporters_.empty()) out.push_back("exporter");
    if (!formats_.empty()) out.push_back("format");
    if (!importers_.empty()) out.push_back("importer");
    return out;
  }

  void commit(Components& engine) {
    for (auto& f : formats_)
      insert_in_order(engine.catalog.formats_, std::move(f));
    for (auto& i : importers_)
      insert_in_order(engine.importers, std::move(i));
    for (auto& e : exporters_)
      insert_in_order(engine.exporters, std::move(e));
    for (auto& c : checks_)
      insert_in_order(engine.checks, std::move(c));
    // A rule several formats share (e.g. T3-01) is catalogued once, listing all its formats.
    for (auto& r : rules_) {
      auto [it, inserted] = engine.rules.emplace(r.code, r);
      if (!inserted)
        for (const auto& f : r.formats)
          if (std::find(it->second.formats.begin(), it->second.formats.end(), f) ==
              it->second.formats.end())
            it->second.formats.push_back(f);
    }
    for (auto& m : messages_)
      engine.messages.emplace(m.id, std::move(m));
    for (auto& l : limits_)
      insert_in_order(engine.limits, std::move(l));
  }

 private:
  const Components& engine_;
  std::string plugin_;
  std::size_t order_;
  std::vector<Owned<FormatDefinition>> formats_;
  std::vector<Owned<Importer>> importers_;
  std::vector<Owned<Exporter>> exporters_;
  std::vector<Owned<Check>> checks_;
  std::vector<RuleInfo> rules_;
  std::vector<MessageText> messages_;
  std::vector<Owned<LimitInfo>> limits_;
};

bool has_kind(const PluginRecord& rec, std::string_view kind) {
  return std::find(rec.kinds.begin(), rec.kinds.end(), kind) != rec.kinds.end();
}

bool ends_with_ignoring_case(std::string_view text, std::string_view ending) {
  if (ending.empty() || text.size() <= ending.size()) return false;
  text.remove_prefix(text.size() - ending.size());
  for (std::size_t i = 0; i < ending.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(ending[i])))
      return false;
  return true;
}

// Whether the manifest's "years" ("2019-2020", "2021-", "2021") may cover `year`; a manifest
// that says nothing readable may cover any.
bool years_may_cover(std::string_view years, int year) {
  auto number = [](std::string_view t, int& out) {
    if (t.empty() || t.size() > 4) return false;
    out = 0;
    for (char c : t) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  int from = 0, to = 0;
  const auto dash = years.find('-');
  if (dash == std::string_view::npos) return !number(years, from) || from == year;
  if (!number(years.substr(0, dash), from)) return true;
  const std::string_view rest = years.substr(dash + 1);
  if (rest.empty()) return year >= from;
  if (!number(rest, to)) return true;
  return year >= from && year <= to;
}

// identify() at or above this means the file's name and its first bytes agree: an importer
// claiming the file's ending that is this sure decides without the other importers being loaded.
constexpr int kSureIdentification = 90;

}  // namespace

struct Engine::Impl : Components {
  EngineOptions options;
  core::LoaderOutput loaded;
  // Held while plugins load and while the components are read, so that one thread may load a
  // plugin while another checks a report (a batch). Recursive: the catalogue is asked again
  // while a format registers, and a callback may call back into the engine.
  mutable std::recursive_mutex mutex;
  bool everything_loaded = false;
  std::size_t trace_reported = 0, diagnostics_reported = 0;
  core::RegisterCallback register_plugin;

  // Loads the discovered plugins for which `wanted(record)` holds, in search order.
  template <typename Pred>
  void load_where(Pred wanted) {
    if (everything_loaded) return;
    for (std::size_t i = 0; i < loaded.records.size(); ++i)
      if (loaded.records[i].status == PluginRecord::Status::discovered && wanted(loaded.records[i]))
        core::load_plugin(loaded.records[i], i, register_plugin, loaded);
    report_new();
  }
  void load_all() {
    if (everything_loaded || !options.load) return;
    load_where([](const PluginRecord&) { return true; });
    everything_loaded = true;
  }
  void load_kind(std::string_view kind) {
    load_where([&](const PluginRecord& r) { return has_kind(r, kind); });
  }
  // Hands the loader's new trace entries and diagnostics to the caller's callbacks.
  void report_new() {
    for (; trace_reported < loaded.trace.size(); ++trace_reported)
      if (options.on_trace) options.on_trace(loaded.trace[trace_reported]);
    for (; diagnostics_reported < loaded.diagnostics.size(); ++diagnostics_reported)
      if (options.on_plugin_diagnostic)
        options.on_plugin_diagnostic(loaded.diagnostics[diagnostics_reported]);
  }
  void ensure_formats(const FormatNeed& need) {
    if (!need.id.empty())
      load_where([&](const PluginRecord& r) {
        return has_kind(r, "format") &&
               (r.formats.empty() ||
                std::find(r.formats.begin(), r.formats.end(), need.id) != r.formats.end());
      });
    else if (need.year != 0)
      load_where([&](const PluginRecord& r) {
        return has_kind(r, "format") && years_may_cover(r.years, need.year);
      });
    else
      load_kind("format");
  }
  // The plugins of `kind` whose manifests claim the ending of `path`, or say no endings.
  bool claims(const PluginRecord& r, std::string_view kind, std::string_view path,
              bool ignore_case) const {
    if (!has_kind(r, kind)) return false;
    if (!r.extensions) return true;
    for (const auto& ext : *r.extensions)
      if (ignore_case ? ends_with_ignoring_case(path, ext)
                      : path.size() > ext.size() && path.ends_with(ext))
        return true;
    return false;
  }
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->catalog.mutex_ = &impl_->mutex;
  for (const auto& m : core::core_messages())
    impl_->messages.emplace(m.id, m);
  for (const auto& r : core::core_rules())
    impl_->rules.emplace(r.code, r);
  impl_->register_plugin = [this](const PluginRecord& rec, std::size_t order,
                                  const nianbao_plugin_descriptor& d) {
    StagingRegistry staging(*impl_, rec.id, order);
    char error[1024] = {};
    int rc = 1;
    auto failed = [](std::string detail) {
      return core::RegisterFailure{"PLG-06", "plg.register_failed", {{"detail", detail}}};
    };
    try {
      rc = d.register_components(&staging, error, sizeof error);
    } catch (const std::exception& e) {
      return std::optional(failed(e.what()));
    } catch (...) {
      return std::optional(failed("unknown exception"));
    }
    if (rc != 0) return std::optional(failed(*error ? error : "registration returned an error"));
    // The manifest lets `nianbao plugins` and the choice of plugins work without loading
    // them: what it says the plugin provides must be what the plugin registers.
    std::vector<std::string> declared = rec.kinds;
    std::sort(declared.begin(), declared.end());
    declared.erase(std::unique(declared.begin(), declared.end()), declared.end());
    if (std::vector<std::string> registered = staging.kinds(); registered != declared) {
      auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& k : v)
          s += (s.empty() ? "" : ", ") + k;
        return s.empty() ? std::string("-") : s;
      };
      return std::optional(core::RegisterFailure{
          "PLG-11",
          "plg.kinds_mismatch",
          {{"manifest_kinds", join(declared)}, {"registered_kinds", join(registered)}}});
    }
    staging.commit(*impl_);
    return std::optional<core::RegisterFailure>();
  };
  std::lock_guard lock(impl_->mutex);
  impl_->loaded = core::discover_plugins(impl_->options, impl_->register_plugin);
  impl_->everything_loaded = !impl_->options.load || !impl_->options.load_on_demand;
  if (!impl_->everything_loaded)
    impl_->catalog.ensure_ = [this](const FormatNeed& need) { impl_->ensure_formats(need); };
  impl_->report_new();
}

Engine::~Engine() = default;

const std::vector<PluginRecord>& Engine::plugins() const {
  return impl_->loaded.records;
}
const std::vector<Diagnostic>& Engine::plugin_diagnostics() const {
  return impl_->loaded.diagnostics;
}
const std::vector<TraceEntry>& Engine::trace() const {
  return impl_->loaded.trace;
}
void Engine::load_all() {
  std::lock_guard lock(impl_->mutex);
  impl_->load_all();
}
std::vector<std::string> Engine::loaded_plugins() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> out;
  for (const auto& r : impl_->loaded.records)
    if (r.status == PluginRecord::Status::loaded) out.push_back(r.id);
  return out;
}
const FormatCatalog& Engine::formats() const {
  return impl_->catalog;
}

std::vector<const Importer*> Engine::importers() const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_kind("importer");
  std::vector<const Importer*> out;
  for (const auto& i : impl_->importers)
    out.push_back(i.component.get());
  return out;
}
std::vector<const Exporter*> Engine::exporters() const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_kind("exporter");
  std::vector<const Exporter*> out;
  for (const auto& e : impl_->exporters)
    out.push_back(e.component.get());
  return out;
}
const Importer* Engine::find_importer(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_kind("importer");
  for (const auto& i : impl_->importers)
    if (i.component->id() == id) return i.component.get();
  return nullptr;
}
const Exporter* Engine::find_exporter(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_kind("exporter");
  for (const auto& e : impl_->exporters)
    if (e.component->id() == id) return e.component.get();
  return nullptr;
}
const Exporter* Engine::exporter_for_path(std::string_view path) const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_where(
      [&](const PluginRecord& r) { return impl_->claims(r, "exporter", path, false); });
  const Exporter* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& e : impl_->exporters)
    for (const auto& ext : e.component->extensions())
      if (path.size() > ext.size() && ext.size() > best_len &&
          path.compare(path.size() - ext.size(), ext.size(), ext) == 0) {
        best = e.component.get();
        best_len = ext.size();
      }
  return best;
}

std::vector<LimitDeclaration> Engine::limits() const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_all();
  std::vector<LimitDeclaration> out;
  out.push_back(
      {LimitInfo{"input-bytes", kDefaultInputBytes, "任何输入文件的字节数（读取前和读取中都检查）",
                 "the size of any input file, checked before and while reading"},
       ""});
  for (const auto& l : impl_->limits)
    out.push_back({*l.component, l.plugin});
  // Stable: the engine's own first, then the plugins in search order, within each name.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.limit.name < b.limit.name; });
  return out;
}

std::vector<RuleInfo> Engine::rules() const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_all();
  std::vector<RuleInfo> out;
  for (const auto& [code, rule] : impl_->rules)
    out.push_back(rule);
  return out;
}
std::vector<MessageText> Engine::messages() const {
  std::lock_guard lock(impl_->mutex);
  impl_->load_all();
  std::vector<MessageText> out;
  for (const auto& [id, message] : impl_->messages)
    out.push_back(message);
  std::sort(out.begin(), out.end(),
            [](const MessageText& a, const MessageText& b) { return a.id < b.id; });
  return out;
}

// A code or message id that no plugin loaded so far registered may be another's: then the rest
// are loaded and it is looked up again.
const RuleInfo* Engine::find_rule(std::string_view code) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->rules.find(std::string(code));
  if (it == impl_->rules.end() && !impl_->everything_loaded) {
    impl_->load_all();
    it = impl_->rules.find(std::string(code));
  }
  return it == impl_->rules.end() ? nullptr : &it->second;
}

std::string Engine::render_message(std::string_view message_id, const std::vector<MessageArg>& args,
                                   Language lang) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->messages.find(std::string(message_id));
  if (it == impl_->messages.end() && !impl_->everything_loaded) {
    impl_->load_all();
    it = impl_->messages.find(std::string(message_id));
  }
  if (it == impl_->messages.end()) {
    // A plugin emitted a message id it did not register: still show everything we know.
    std::string out(message_id);
    for (const auto& [k, v] : args)
      out += " " + k + "=" + v;
    return out;
  }
  return core::fill_template(lang == Language::en ? it->second.en : it->second.zh, args);
}

ImportResult Engine::import_file(const std::string& path, std::string_view importer_id,
                                 const std::map<std::string, std::string>& given_options) {
  std::map<std::string, std::string> options = given_options;
  for (const auto& [name, value] : impl_->options.limits)
    options.emplace(std::string(kLimitOptionPrefix) + name, value);
  std::string bytes;
  try {
    bytes = read_file(path, limit_value(options, "input-bytes", kDefaultInputBytes));
  } catch (const InputError& e) {
    ImportResult result;
    result.diagnostics.push_back(e.diagnostic());
    return result;
  }
  return import_bytes(path, bytes, importer_id, given_options);
}

ImportResult Engine::import_bytes(const std::string& path, std::string_view bytes,
                                  std::string_view importer_id,
                                  const std::map<std::string, std::string>& given_options) {
  ImportResult result;
  std::map<std::string, std::string> options = given_options;
  for (const auto& [name, value] : impl_->options.limits)
    options.emplace(std::string(kLimitOptionPrefix) + name, value);
  for (const auto& [key, value] : impl_->options.import_options)
    options.emplace(key, value);
  auto importer_ids = [&] {
    impl_->load_kind("importer");
    std::vector<std::string> ids;
    for (const auto& i : impl_->importers)
      ids.push_back(i.component->id());
    return ids;
  };
  if (const auto limit = limit_value(options, "input-bytes", kDefaultInputBytes);
      bytes.size() > limit) {
    result.diagnostics.push_back(
        core_error("IO-02", "io.too_large", path,
                   {{"size", std::to_string(bytes.size())}, {"limit", std::to_string(limit)}}));
    return result;
  }
  if (bytes.empty()) {
    // Said plainly here rather than as each importer's syntax error at line 1.
    result.diagnostics.push_back(core_error("IO-04", "io.empty", path, {}));
    return result;
  }
  const Importer* importer = nullptr;
  {
    std::lock_guard lock(impl_->mutex);
    if (!importer_id.empty()) {
      impl_->load_kind("importer");
      for (auto& i : impl_->importers)
        if (i.component->id() == importer_id) importer = i.component.get();
      if (!importer) {
        result.diagnostics.push_back(core_error(
            "IMP-01", "import.unknown_importer", path,
            {{"id", std::string(importer_id)}, {"importers", join_ids(importer_ids())}}));
        return result;
      }
    } else {
      std::string_view head(bytes.data(), std::min<std::size_t>(bytes.size(), 4096));
      // The best of the importers for which `asked` holds; ties go to the first in search order.
      auto best_of = [&](auto asked) {
        const Importer* chosen = nullptr;
        int best = 0;
        for (auto& i : impl_->importers) {
          if (!asked(i.order)) continue;
          int score = i.component->identify(path, head);
          if (score > best) {
            best = score;
            chosen = i.component.get();
          }
        }
        return std::pair(chosen, best);
      };
      if (!impl_->everything_loaded) {
        // Those that claim the file's ending first: when one is sure, the others need not load.
        auto claimed = [&](std::size_t order) {
          return impl_->claims(impl_->loaded.records[order], "importer", path, true);
        };
        impl_->load_where(
            [&](const PluginRecord& r) { return impl_->claims(r, "importer", path, true); });
        if (auto [chosen, score] = best_of(claimed); chosen && score >= kSureIdentification)
          importer = chosen;
      }
      if (!importer) {
        impl_->load_kind("importer");
        importer = best_of([](std::size_t) { return true; }).first;
      }
      if (!importer) {
        result.diagnostics.push_back(core_error("IMP-01", "import.no_importer", path,
                                                {{"importers", join_ids(importer_ids())}}));
        return result;
      }
    }
  }
  try {
    result = importer->read(InputFile{path, bytes}, ImportContext{impl_->catalog, options});
  } catch (const InputError& e) {
    result.report.reset();
    result.diagnostics.push_back(e.diagnostic());
    return result;
  } catch (const std::exception& e) {
    result.report.reset();
    result.diagnostics.push_back(core_error("IMP-02", "import.failed", path,
                                            {{"importer", importer->id()}, {"detail", e.what()}}));
    return result;
  } catch (...) {
    result.report.reset();
    result.diagnostics.push_back(
        core_error("IMP-02", "import.failed", path,
                   {{"importer", importer->id()}, {"detail", "unknown exception"}}));
    return result;
  }
  if (result.report) {
    if (result.report->source.file.empty()) result.report->source.file = path;
    normalise(*result.report, result.diagnostics);
  }
  return result;
}

void Engine::normalise(Report& report, std::vector<Diagnostic>&) const {
  // The year → format mapping is data: a report that names no format gets the one in force.
  if (report.format.empty() && report.year != 0)
    if (const FormatDefinition* f = impl_->catalog.for_year(report.year)) report.format = f->id;
}

std::vector<Diagnostic> Engine::validate(const Report& report, const ValidateOptions& options) {
  std::vector<Diagnostic> out;
  const FormatDefinition* format = impl_->catalog.find(report.format);
  if (!format) {
    std::vector<std::string> known;
    for (const auto* f : impl_->catalog.all())
      known.push_back(f->id);
    out.push_back(core_error("IMP-03", "import.unknown_format", report.source.file,
                             {{"format", report.format}, {"known", join_ids(known)}}));
    return out;
  }
  core::run_definition_checks(report, *format, out);
  for (auto& d : out)
    if (d.plugin.empty()) d.plugin = format->id;
  CheckContext context{*format, impl_->catalog, options.previous};
  // Copied out under the lock: another thread may load a plugin (and grow the list) meanwhile.
  struct CheckToRun {
    const Check* component;
    std::string plugin;
  };
  std::vector<CheckToRun> checks;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->load_where([&](const PluginRecord& r) {
      return has_kind(r, "check") &&
             (r.formats.empty() ||
              std::find(r.formats.begin(), r.formats.end(), report.format) != r.formats.end());
    });
    for (const auto& c : impl_->checks)
      checks.push_back({c.component.get(), c.plugin});
  }
  for (const auto& c : checks) {
    auto formats = c.component->formats();
    if (!formats.empty() &&
        std::find(formats.begin(), formats.end(), report.format) == formats.end())
      continue;
    std::size_t first_new = out.size();
    try {
      c.component->run(report, context, out);
    } catch (const std::exception& e) {
      out.resize(first_new);
      out.push_back(core_error("CHK-01", "check.failed", report.source.file,
                               {{"check", c.component->id()}, {"detail", e.what()}}));
    } catch (...) {
      out.resize(first_new);
      out.push_back(core_error("CHK-01", "check.failed", report.source.file,
                               {{"check", c.component->id()}, {"detail", "unknown exception"}}));
    }
    for (std::size_t i = first_new; i < out.size(); ++i)
      if (out[i].plugin.empty()) out[i].plugin = c.plugin;
  }
  apply_rule_config(options.rules, out);
  return out;
}

void Engine::apply_rule_config(const RuleConfig& config,
                               std::vector<Diagnostic>& diagnostics) const {
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    if (config.disable.count(d.code)) return true;
    const RuleInfo* rule = find_rule(d.code);
    return rule && !rule->enabled_by_default && !config.enable.count(d.code);
  });
  for (auto& d : diagnostics)
    if (auto it = config.severity.find(d.code); it != config.severity.end())
      d.severity = it->second;
}

std::string Engine::export_report(const Report& report, const Exporter& exporter,
                                  const std::vector<Diagnostic>* diagnostics,
                                  const std::map<std::string, std::string>& options) {
  const FormatDefinition* format = impl_->catalog.find(report.format);
  if (!format) {
    std::vector<std::string> known;
    for (const auto* f : impl_->catalog.all())
      known.push_back(f->id);
    throw InputError(core_error("IMP-03", "import.unknown_format", report.source.file,
                                {{"format", report.format}, {"known", join_ids(known)}}));
  }
  // The exporter's interface is not ours to trust: anything it throws becomes a diagnostic.
  try {
    return exporter.write(report, ExportContext{*format, diagnostics, options});
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(core_error("EXP-01", "export.failed", report.source.file,
                                {{"exporter", exporter.id()}, {"detail", e.what()}}));
  } catch (...) {
    throw InputError(core_error("EXP-01", "export.failed", report.source.file,
                                {{"exporter", exporter.id()}, {"detail", "unknown exception"}}));
  }
}

}  // namespace nianbao
