// The checks a format definition declares as data, evaluated here for every format: cell value
// types and units, blank cells, and the arithmetic identities (T3-…, T4-… in the national formats).
// A new year or a province's extra identity is a change to the definition, not to this code.
#pragma once

#include <vector>

#include "nianbao/diagnostic.h"
#include "nianbao/format.h"
#include "nianbao/report.h"

namespace nianbao::core {

void run_definition_checks(const Report& report, const FormatDefinition& format,
                           std::vector<Diagnostic>& out);

}  // namespace nianbao::core
