// The gov-2021 format (国办公开办函〔2021〕30号, report years 2021 onwards). The definition is
// data — gov-2021.format.json, compiled into this plugin.
#include <nianbao/plugin.h>

extern const std::string_view kGov2021Definition;

static void register_components(nianbao::Registry& registry) {
  registry.add_format(kGov2021Definition);
}

NIANBAO_PLUGIN("gov-2021", "1.0.0", register_components)
