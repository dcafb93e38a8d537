// The prose reader on any sentence, with the national definition's quantities: every attribution
// is inside the sentence and names at least one quantity; never a crash.
#include <nianbao/format.h>
#include <nianbao/text.h>

#include "prose_reader.h"

#include <cstddef>
#include <fstream>
#include <sstream>

namespace {
const nianbao::FormatDefinition& definition() {
  static const nianbao::FormatDefinition def = [] {
    std::ifstream in(NIANBAO_SOURCE_DIR "/plugins/formats/gov-2021/gov-2021.format.json");
    std::stringstream text;
    text << in.rdbuf();
    return nianbao::parse_format_definition(text.str());
  }();
  return def;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  static const nianbao::prose::ProseReader reader(definition().prose);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t length = nianbao::decode_utf8(text).size();
  for (const auto& a : reader.read(text))
    if (a.position >= length || a.value < 0 || a.quantities.empty()) __builtin_trap();
  return 0;
}
