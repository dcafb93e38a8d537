// nianbao-generate: writes N realistic, consistent reports (with a seed), some with injected
// errors, and a manifest of what checking each must find. For tests and benchmarks.
#include <fmt/format.h>

#include <nianbao/nianbao.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "report_generator.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  CLI::App app{"Generate realistic annual reports for tests and benchmarks"};
  int count = 100;
  std::uint64_t seed = 1;
  std::string out_dir, format = "mixed";
  double inject_rate = 0.0;
  std::vector<std::string> kinds = {"json"};
  std::vector<std::string> plugin_paths;
  std::string manifest_path;
  app.add_option("-n,--count", count, "How many reports")->check(CLI::Range(1, 10'000'000));
  app.add_option("-o,--out", out_dir, "Output folder (created)")->required();
  app.add_option("--seed", seed, "Random seed: the same seed gives the same reports");
  app.add_option("--format", format, "gov-2019, gov-2021 or mixed")
      ->check(CLI::IsMember({"gov-2019", "gov-2021", "mixed"}));
  app.add_option("--inject-rate", inject_rate, "Share of reports with one injected error (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--kinds", kinds,
                 "Exporter ids to write each report with, round robin (json, platform-xml, …)");
  app.add_option("--plugin-path", plugin_paths, "Extra plugin directories");
  app.add_option(
      "--manifest", manifest_path,
      "Where to write what each report must yield (default: OUT.manifest.json, beside the folder)");
  CLI11_PARSE(app, argc, argv);

  nianbao::EngineOptions options;
  options.plugin_paths = plugin_paths;
  nianbao::Engine engine(options);
  std::vector<const nianbao::Exporter*> exporters;
  for (const auto& k : kinds) {
    const nianbao::Exporter* e = engine.find_exporter(k);
    if (!e) {
      std::cerr << "nianbao-generate: no exporter " << k << "\n";
      return 2;
    }
    exporters.push_back(e);
  }
  fs::create_directories(out_dir);
  nianbao::bench::ReportGenerator generator(seed);
  std::mt19937_64 dice(seed ^ 0x9e3779b97f4a7c15ULL);
  nlohmann::ordered_json manifest = nlohmann::ordered_json::array();
  for (int i = 0; i < count; ++i) {
    std::string fid = format == "mixed" ? (i % 2 ? "gov-2019" : "gov-2021") : format;
    const nianbao::FormatDefinition* def = engine.formats().find(fid);
    if (!def) {
      std::cerr << "nianbao-generate: format " << fid << " is not installed\n";
      return 2;
    }
    int year = fid == "gov-2019" ? 2020 : 2024;
    std::string injection;
    if (std::uniform_real_distribution<double>(0, 1)(dice) < inject_rate) {
      std::vector<const nianbao::bench::Injection*> usable;
      for (const auto& inj : nianbao::bench::injections())
        if (inj.formats.empty() ||
            std::find(inj.formats.begin(), inj.formats.end(), fid) != inj.formats.end())
          usable.push_back(&inj);
      injection =
          usable[std::uniform_int_distribution<std::size_t>(0, usable.size() - 1)(dice)]->name;
    }
    auto g = generator.make(*def, year, i + 1, injection);
    // Formats alternate report by report, so the form advances every second report: with two
    // kinds, each is written in both formats instead of one kind per format.
    const nianbao::Exporter* exporter =
        exporters[static_cast<std::size_t>(format == "mixed" ? i / 2 : i) % exporters.size()];
    // What reading the file back reports besides the checks' findings: the spreadsheet importer
    // always names the format it recognised from the layout (an info).
    std::vector<std::string> expected = g.expected_codes;
    if (exporter->id() == "xlsx-template") expected.push_back("XLSX-08");
    std::sort(expected.begin(), expected.end());
    std::string name = fmt::format("{:06d}-{}{}", i + 1, fid, exporter->extensions().front());
    std::string path = (fs::path(out_dir) / name).string();
    nianbao::write_file_atomically(path, engine.export_report(g.report, *exporter));
    manifest.push_back({{"file", name},
                        {"format", fid},
                        {"year", year},
                        {"agency", g.report.agency.name},
                        {"injected", g.injected},
                        {"expected_codes", expected}});
  }
  if (manifest_path.empty())
    manifest_path = fs::path(out_dir).lexically_normal().string() + ".manifest.json";
  nianbao::write_file_atomically(
      manifest_path,
      manifest.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::strict) + "\n");
  std::cerr << fmt::format("nianbao-generate: {} reports in {}\n", count, out_dir);
  return 0;
}
