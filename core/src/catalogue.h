// The core's own message templates and rule catalogue entries (input, JSON, plugin loader).
#pragma once

#include <vector>

#include "nianbao/diagnostic.h"

namespace nianbao::core {

const std::vector<MessageText>& core_messages();
const std::vector<RuleInfo>& core_rules();

/// Fills `{name}` placeholders from `args`; unknown names stay as written, `{{`/`}}` print braces.
/// `{name|singular|plural}` prints the value and the noun agreeing with it ("1 cell", "2 cells").
std::string fill_template(std::string_view text, const std::vector<MessageArg>& args);

}  // namespace nianbao::core
