// Importer for the canonical JSON form (nianbao.report/1). The reading itself is the model's
// own serialisation in the core (read_report_json); this plugin decides when it applies.
#include <nianbao/importer_base.h>
#include <nianbao/report_json.h>

namespace {

class JsonImporter final : public nianbao::ImporterBase {
 public:
  JsonImporter() : ImporterBase(NIANBAO_PLUGIN_ID) {}
  std::string id() const override { return "json"; }
  std::string description() const override {
    return "nianbao.report/1 JSON (the canonical, lossless form)";
  }
  std::vector<std::string> extensions() const override { return {".json"}; }

  int identify(std::string_view path, std::string_view head) const override {
    if (head.find(nianbao::kReportJsonSchema) != std::string_view::npos) return 100;
    bool json_name = path.size() >= 5 && path.substr(path.size() - 5) == ".json";
    auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    bool looks_like_object = first != std::string_view::npos && head[first] == '{';
    if (json_name && looks_like_object) return 60;
    return json_name ? 30 : 0;
  }

 private:
  nianbao::ImportResult read_file(const nianbao::InputFile& input,
                                  const nianbao::ImportContext& context) const override {
    nianbao::ImportResult result;
    result.report = nianbao::read_report_json(input.bytes, input.path, context.formats);
    return result;
  }
};

void register_components(nianbao::Registry& registry) {
  registry.add_importer(std::make_unique<JsonImporter>());
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
