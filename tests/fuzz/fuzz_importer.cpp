// One importer plugin (IMPORTER_ID), called as the host calls it, on any bytes: a report or one of
// the importer's declared input errors (an InputError whose code the catalogue lists), never a
// crash, a hang, unbounded memory or any other exception. A target whose importer did not load
// aborts at once: a target that fuzzes nothing must not report "no finding".
#include <nianbao/nianbao.h>
#include <cstdio>
#include <cstdlib>

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

const nianbao::Importer& importer() {
  static const nianbao::Importer* found = [] {
    const nianbao::Importer* i = engine().find_importer(IMPORTER_ID);
    if (!i) {
      std::fprintf(stderr, "fuzz_importer: the importer \"%s\" did not load from %s\n", IMPORTER_ID,
                   NIANBAO_PLUGIN_BUILD_DIR);
      for (const auto& d : engine().plugin_diagnostics())
        std::fprintf(stderr, "  %s %s\n", d.code.c_str(),
                     engine().render_message(d.message_id, d.args, nianbao::Language::en).c_str());
      std::abort();
    }
    return i;
  }();
  return *found;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  importer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  nianbao::InputFile input{"fuzz-input",
                           std::string_view(reinterpret_cast<const char*>(data), size)};
  try {
    nianbao::ImportResult r =
        importer().read(input, nianbao::ImportContext{engine().formats(), {}});
    if (r.report) engine().validate(*r.report, {});
  } catch (const nianbao::InputError& e) {
    // The importer's declared way of refusing input: its code must be in the catalogue.
    const nianbao::Diagnostic& d = e.diagnostic();
    if (!engine().find_rule(d.code)) {
      std::fprintf(stderr, "fuzz_importer: an input error with an undeclared code \"%s\" (%s)\n",
                   d.code.c_str(), d.message_id.c_str());
      std::abort();
    }
  }
  // Any other exception escapes: libFuzzer reports it as a crash, with the input.
  return 0;
}
