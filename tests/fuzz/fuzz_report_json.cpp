// The canonical JSON reader: any bytes give a report or an InputError, never a crash; a report
// that was read writes back and reads again to the same bytes.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    nianbao::Report r = nianbao::read_report_json(text, "fuzz.json", fuzz::formats());
    const nianbao::FormatDefinition* f = fuzz::formats().find(r.format);
    if (!f) __builtin_trap();
    std::string once = nianbao::write_report_json(r, *f);
    nianbao::Report again = nianbao::read_report_json(once, "fuzz.json", fuzz::formats());
    if (nianbao::write_report_json(again, *f) != once) __builtin_trap();  // not lossless
  } catch (const nianbao::InputError&) {
  }
  return 0;
}
