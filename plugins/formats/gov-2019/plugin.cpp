// The gov-2019 format (国办公开办函〔2019〕60号, report years 2019–2020). The definition is
// data — gov-2019.format.json, compiled into this plugin.
#include <nianbao/plugin.h>

extern const std::string_view kGov2019Definition;

static void register_components(nianbao::Registry& registry) {
  registry.add_format(kGov2019Definition);
}

NIANBAO_PLUGIN("gov-2019", "1.0.0", register_components)
