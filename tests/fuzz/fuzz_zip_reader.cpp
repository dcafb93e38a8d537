// The shared bounded zip reader (plugins/common/zip) on any bytes: it opens the archive and reads
// every entry, or reports a problem through the callback — never a crash, a hang or more memory
// than its limits allow. The limits are lowered so that the fuzzer reaches them often.
#include <cstddef>
#include <cstdint>

#include "zip/zip_reader.h"

namespace {
struct Refused {};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  nianbao::zip::Limits limits;
  limits.max_entries = 64;
  limits.max_entry_bytes = 4u << 20;
  limits.max_total_bytes = 8u << 20;
  limits.ratio_floor_bytes = 64u << 10;
  try {
    nianbao::zip::Reader reader(std::string_view(reinterpret_cast<const char*>(data), size), limits,
                                [](const nianbao::zip::Problem&) { throw Refused{}; });
    for (const auto& name : reader.names()) {
      reader.contains(name);
      auto entry = reader.read(name);
      if (entry && entry->size() > limits.max_entry_bytes) __builtin_trap();
    }
  } catch (const Refused&) {
  }
  return 0;
}
