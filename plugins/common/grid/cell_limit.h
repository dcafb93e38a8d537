// The limit "table-cells", which every importer of tables enforces over all the tables or sheets
// of a file together: one declaration of what it bounds, each importer with its own default.
#pragma once

#include <nianbao/limits.h>

#include <cstdint>

namespace nianbao::grid {

/// The declaration of "table-cells" for Registry::add_limit, with the importer's default.
inline LimitInfo table_cells_limit(std::uint64_t default_value) {
  return {"table-cells", default_value, "文件所有表格（或工作表）中有内容的单元格数",
          "cells holding something, in all the file's tables or sheets together"};
}

}  // namespace nianbao::grid
