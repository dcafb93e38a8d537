// One importer plugin (IMPORTER_ID), called as the host calls it, on any bytes: a report or an
// InputError, never a crash, a hang or unbounded memory.
#include <nianbao/nianbao.h>

namespace {
nianbao::Engine& engine() {
  static nianbao::Engine e([] {
    nianbao::EngineOptions o;
    o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
    o.use_environment = false;
    o.use_install_dir = false;
    return o;
  }());
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const nianbao::Importer* importer = engine().find_importer(IMPORTER_ID);
  if (!importer) return 0;  // not built in this tree
  nianbao::InputFile input{"fuzz-input", std::string_view(reinterpret_cast<const char*>(data), size)};
  try {
    nianbao::ImportResult r = importer->read(input, nianbao::ImportContext{engine().formats(), {}});
    if (r.report) engine().validate(*r.report, {});
  } catch (const nianbao::InputError&) {
  } catch (const std::exception&) {
    // The host reports these as IMP-02; still a bug worth knowing about, but not a crash.
  }
  return 0;
}
