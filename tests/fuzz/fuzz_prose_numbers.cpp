// The prose number extractor on any sentence: mentions are inside the sentence, never a crash.
#include <nianbao/text.h>

#include "prose_numbers.h"

#include <cstddef>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const nianbao::prose::Pattern patterns[] = {
      {{U"予以公开"}, 4, {}, {}, {}, false, U"件"},
      {{U"受理", U"收到"}, 14, {U"复议"}, {}, {}, false, U"件"},
      {{U"结转", U"顺延"}, 2, {}, {}, {U"上年"}, true, U"件"},
      {{U"制发"}, 10, {}, {U"规范性文件"}, {}, false, U"件"},
  };
  const std::size_t length = nianbao::decode_utf8(text).size();
  for (const auto& p : patterns)
    for (const auto& m : nianbao::prose::find_mentions(text, p))
      if (m.position >= length || m.value < 0) __builtin_trap();
  return 0;
}
