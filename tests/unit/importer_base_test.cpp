// ImporterBase: the options an importer does not take are warned of (IMP-04) before its own
// diagnostics, limits are not options, and what it reports or throws names the plugin and file.
#include <nianbao/importer_base.h>

#include <gtest/gtest.h>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::built_in_engine;

namespace {

// Reports one diagnostic of its own with nothing stamped, or throws one when told to.
class ProbeImporter final : public ImporterBase {
 public:
  explicit ProbeImporter(std::vector<std::string> options)
      : ImporterBase("probe-plugin", std::move(options)) {}
  std::string id() const override { return "probe"; }
  std::string description() const override { return "probe"; }
  std::vector<std::string> extensions() const override { return {".probe"}; }
  int identify(std::string_view, std::string_view) const override { return 0; }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext&) const override {
    Diagnostic own;
    own.code = "PROBE-01";
    own.severity = Severity::info;
    own.message_id = "probe.read";
    if (input.bytes == "throw") throw InputError(own);
    ImportResult result;
    result.diagnostics.push_back(own);
    result.report.emplace();
    return result;
  }
};

std::string arg(const Diagnostic& d, std::string_view name) {
  const std::string* v = d.find_arg(name);
  return v ? *v : "<none>";
}

}  // namespace

TEST(ImporterBase, WarnsOfTheOptionsItDoesNotTakeAndStampsWhatItReports) {
  const ProbeImporter importer({"format", "year"});
  const ImportContext context{built_in_engine().formats(),
                              {{"colour", "red"},
                               {"format", "gov-2021"},
                               {"hint.year", "2024"},  // the host's offer: never warned of
                               {"limit.table-cells", "9"},
                               {"size", "9"},
                               {"year", "2024"}}};
  const ImportResult r = importer.read(InputFile{"a.probe", "bytes"}, context);
  ASSERT_TRUE(r.report);
  ASSERT_EQ(r.diagnostics.size(), 3u);
  for (std::size_t i = 0; i < 2; ++i) {
    const Diagnostic& d = r.diagnostics[i];
    EXPECT_EQ(d.code, "IMP-04");
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_EQ(d.message_id, "import.unknown_option");
    EXPECT_EQ(d.plugin, "probe-plugin");
    EXPECT_EQ(d.location.source.file, "a.probe");
    EXPECT_EQ(arg(d, "importer"), "probe");
    EXPECT_EQ(arg(d, "options"), "format, year");
  }
  EXPECT_EQ(arg(r.diagnostics[0], "option") + "=" + arg(r.diagnostics[0], "value"), "colour=red");
  EXPECT_EQ(arg(r.diagnostics[1], "option") + "=" + arg(r.diagnostics[1], "value"), "size=9");
  // The importer's own diagnostic comes after, with the plugin and the file filled in.
  EXPECT_EQ(r.diagnostics[2].code, "PROBE-01");
  EXPECT_EQ(r.diagnostics[2].plugin, "probe-plugin");
  EXPECT_EQ(r.diagnostics[2].location.source.file, "a.probe");
  // The host's catalogue words it.
  EXPECT_EQ(built_in_engine().render_message(r.diagnostics[0].message_id, r.diagnostics[0].args,
                                             Language::en),
            "the probe importer has no option colour=red; it is ignored (options: format, year)");
}

TEST(ImporterBase, AnImporterWithoutOptionsSaysSoAndAnErrorItThrowsIsStamped) {
  const ProbeImporter importer({});
  const ImportContext context{built_in_engine().formats(),
                              {{"year", "2024"}, {"hint.format", "gov-2021"}}};
  const ImportResult r = importer.read(InputFile{"b.probe", "bytes"}, context);
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].message_id, "import.no_options");
  EXPECT_EQ(built_in_engine().render_message(r.diagnostics[0].message_id, r.diagnostics[0].args,
                                             Language::zh),
            "导入器 probe 没有选项，已忽略 year=2024");
  try {
    importer.read(InputFile{"c.probe", "throw"}, ImportContext{built_in_engine().formats(), {}});
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "PROBE-01");
    EXPECT_EQ(e.diagnostic().plugin, "probe-plugin");
    EXPECT_EQ(e.diagnostic().location.source.file, "c.probe");
  }
}
