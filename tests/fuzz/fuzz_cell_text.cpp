// Cell text as printed: any bytes, any column type.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto type : {nianbao::ValueType::count, nianbao::ValueType::signed_count, nianbao::ValueType::money}) {
    nianbao::ColumnDef column;
    column.type = type;
    auto cell = nianbao::parse_cell_text(text, column);
    if (cell && cell->is_number() && type == nianbao::ValueType::count && cell->value.to_string().empty())
      __builtin_trap();
  }
  return 0;
}
