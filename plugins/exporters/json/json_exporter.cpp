// Exporter for the canonical JSON form (nianbao.report/1): deterministic, so converting a
// canonical file gives identical bytes.
#include <nianbao/exporter_base.h>
#include <nianbao/plugin.h>
#include <nianbao/report_json.h>

namespace {

class JsonExporter final : public nianbao::ExporterBase {
 public:
  JsonExporter() : ExporterBase(NIANBAO_PLUGIN_ID) {}
  std::string id() const override { return "json"; }
  std::string description() const override {
    return "nianbao.report/1 JSON (the canonical, lossless form)";
  }
  std::vector<std::string> extensions() const override { return {".json"}; }

 private:
  std::string write_report(const nianbao::Report& report,
                           const nianbao::ExportContext& context) const override {
    return nianbao::write_report_json(report, context.format);
  }
};

void register_components(nianbao::Registry& registry) {
  registry.add_exporter(std::make_unique<JsonExporter>());
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
