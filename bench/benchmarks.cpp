// In-process figures (Google Benchmark): one report through each stage of the pipeline, so that a
// change to one stage shows in its own number. Whole commands (process start, plugin loading,
// files, batches) are timed by run_benchmarks.py instead.
//
// Inputs are made here by the report generator, one consistent report per format (gov-2019 for
// 2020, gov-2021 for 2024), written with the built plugins to JSON and XLSX in a temporary folder.
//
//   build/bin/nianbao_benchmarks                        # everything
//   build/bin/nianbao_benchmarks --benchmark_filter=Xlsx
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <stdlib.h>
#include <unistd.h>

#include <nianbao/nianbao.h>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

#include <pugixml.hpp>

#include "formula.h"
#include "grid/layout.h"
#include "package.h"
#include "report_generator.h"
#include "workbook.h"
#include "xlsx_limits.h"

namespace fs = std::filesystem;
using namespace nianbao;

namespace {

EngineOptions options_for(const std::vector<std::string>& dirs) {
  EngineOptions o;
  o.plugin_paths = dirs;
  o.use_environment = false;
  o.use_install_dir = false;
  return o;
}

// The inputs and engines, made once for all benchmarks.
class Fixture {
 public:
  static Fixture& get() {
    static Fixture f;
    return f;
  }

  Engine& engine() { return *engine_; }
  /// An engine with only some of the built plugins: validation split by who does the work.
  Engine& engine_with(const std::string& name, const std::vector<std::string>& plugin_ids) {
    auto it = partial_.find(name);
    if (it != partial_.end()) return *it->second;
    // A folder of links to the chosen manifests and libraries (a manifest names its library by a
    // file name in its own folder).
    fs::path dir = dir_ / ("plugins-" + name);
    fs::create_directories(dir);
    for (const auto& id : plugin_ids)
      for (const char* suffix : {".nianbao-plugin.json", ".so"})
        fs::create_symlink(fs::path(NIANBAO_PLUGIN_BUILD_DIR) / (id + suffix), dir / (id + suffix));
    auto engine = std::make_unique<Engine>(options_for({dir.string()}));
    if (!engine->plugin_diagnostics().empty())
      throw std::runtime_error("plugins of " + name + " did not load");
    return *partial_.emplace(name, std::move(engine)).first->second;
  }

  const Report& report(const std::string& format) const { return reports_.at(format); }
  const std::string& file(const std::string& format, const std::string& kind) const {
    return files_.at(format + "." + kind);
  }
  const std::string& bytes(const std::string& format, const std::string& kind) const {
    return bytes_.at(format + "." + kind);
  }

  ~Fixture() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  Fixture() {
    engine_ = std::make_unique<Engine>(options_for({NIANBAO_PLUGIN_BUILD_DIR}));
    if (!engine_->plugin_diagnostics().empty())
      throw std::runtime_error("the built plugins did not all load");
    std::string tmpl = (fs::temp_directory_path() / "nianbao-bench-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    bench::ReportGenerator generator(2025);
    for (const auto& [format, year] : {std::pair{"gov-2019", 2020}, std::pair{"gov-2021", 2024}}) {
      const FormatDefinition* def = engine_->formats().find(format);
      if (!def) throw std::runtime_error(std::string("format missing: ") + format);
      Report r = generator.make(*def, year, 1).report;
      for (const auto& [kind, exporter_id] :
           {std::pair{"json", "json"}, std::pair{"xlsx", "xlsx-template"}}) {
        std::string key = std::string(format) + "." + kind;
        std::string bytes = engine_->export_report(r, *engine_->find_exporter(exporter_id));
        std::string path = (dir_ / (key)).string();
        write_file_atomically(path, bytes);
        files_[key] = path;
        bytes_[key] = std::move(bytes);
      }
      // The report as an importer gives it (source positions and all), as the checks see it.
      ImportResult imported = engine_->import_file(files_.at(std::string(format) + ".json"));
      if (!imported.report) throw std::runtime_error("generated report does not import");
      reports_.emplace(format, std::move(*imported.report));
    }
  }

  fs::path dir_;
  std::unique_ptr<Engine> engine_;
  std::map<std::string, std::unique_ptr<Engine>> partial_;
  std::map<std::string, Report> reports_;
  std::map<std::string, std::string> files_, bytes_;
};

const char* format_of(const benchmark::State& state) {
  return state.range(0) == 2019 ? "gov-2019" : "gov-2021";
}

void set_label(benchmark::State& state) {
  state.SetLabel(format_of(state));
}

// ---- whole stages, through the engine as the CLI calls it -------------------------------------

void BM_ImportJson(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const std::string& path = f.file(format_of(state), "json");
  for (auto _ : state) {
    ImportResult r = f.engine().import_file(path);
    benchmark::DoNotOptimize(r);
  }
  set_label(state);
}

void BM_ImportXlsx(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const std::string& path = f.file(format_of(state), "xlsx");
  for (auto _ : state) {
    ImportResult r = f.engine().import_file(path);
    benchmark::DoNotOptimize(r);
  }
  set_label(state);
}

void BM_Validate(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const Report& r = f.report(format_of(state));
  for (auto _ : state) {
    auto findings = f.engine().validate(r, {});
    benchmark::DoNotOptimize(findings);
  }
  set_label(state);
}

void BM_ExportDocx(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const Report& r = f.report(format_of(state));
  const Exporter& docx = *f.engine().find_exporter("docx");
  for (auto _ : state) {
    std::string bytes = f.engine().export_report(r, docx);
    benchmark::DoNotOptimize(bytes);
  }
  set_label(state);
}

void BM_ExportJson(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const Report& r = f.report(format_of(state));
  const Exporter& json = *f.engine().find_exporter("json");
  for (auto _ : state) {
    std::string bytes = f.engine().export_report(r, json);
    benchmark::DoNotOptimize(bytes);
  }
  set_label(state);
}

// What `POST /api/v1/check` of `nianbao serve` does for one upload, without HTTP: import the
// bytes and check them. Registered only when NIANBAO_BENCH_CHECK_FILE names the file
// (bench/server_bench.py sets it, and posts the same file to the server).
void BM_CheckFile(benchmark::State& state, const std::string& path) {
  Fixture& f = Fixture::get();
  const std::string bytes = read_file(path);
  const std::string name = fs::path(path).filename().string();
  for (auto _ : state) {
    ImportResult r = f.engine().import_bytes(name, bytes);
    if (!r.report) {
      state.SkipWithError("the file does not import");
      break;
    }
    auto findings = f.engine().validate(*r.report, {});
    benchmark::DoNotOptimize(findings);
  }
}

// What `nianbao check` does for one file once the engine exists.
void BM_CheckOneXlsx(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const std::string& path = f.file(format_of(state), "xlsx");
  for (auto _ : state) {
    ImportResult r = f.engine().import_file(path);
    auto findings = f.engine().validate(*r.report, {});
    benchmark::DoNotOptimize(findings);
  }
  set_label(state);
}

// Discovering, loading and registering every plugin. The shared objects stay mapped after the
// first engine, so this is the registration work (manifests, format definitions, catalogues),
// not the dynamic linking, which run_benchmarks.py sees in the process times.
void BM_EngineStartup(benchmark::State& state) {
  Fixture::get();
  for (auto _ : state) {
    Engine engine(options_for({NIANBAO_PLUGIN_BUILD_DIR}));
    benchmark::DoNotOptimize(engine.plugins().data());
  }
}

// ---- the stages split further -----------------------------------------------------------------

// The XLSX importer's two halves: the package (zip, XML, shared strings, cells), then the search
// for the tables by their labels.
void BM_XlsxReadWorkbook(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const std::string& bytes = f.bytes(format_of(state), "xlsx");
  for (auto _ : state) {
    xlsx::Workbook wb = xlsx::read_workbook(bytes, "bench.xlsx", xlsx::kZipLimits);
    benchmark::DoNotOptimize(wb);
  }
  set_label(state);
}

// The floor of the format for the same bytes: inflating the parts the reader reads (the
// workbook, its relationships, the shared strings, the worksheets), with their CRCs checked, and,
// with `parse`, tokenising each into a pugixml DOM with the options of the importer — no cells,
// no shared strings looked up. BM_XlsxReadWorkbook over this is what the reader adds.
bool read_by_the_importer(const std::string& name) {
  return name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" ||
         name == "xl/sharedStrings.xml" ||
         (name.starts_with("xl/worksheets/") && name.ends_with(".xml") &&
          name.find("/_rels/") == std::string::npos);
}

void xlsx_floor(benchmark::State& state, bool parse) {
  Fixture& f = Fixture::get();
  const std::string& bytes = f.bytes(format_of(state), "xlsx");
  std::vector<std::string> parts;
  const nianbao::zip::Reader listing(bytes, xlsx::kZipLimits, [](const nianbao::zip::Problem&) {
    throw std::runtime_error("the generated workbook is not a readable zip archive");
  });
  for (const std::string& name : listing.names())
    if (read_by_the_importer(name)) parts.push_back(name);
  std::size_t total = 0;
  for (auto _ : state) {
    xlsx::Package package(bytes, "bench.xlsx", xlsx::kZipLimits);
    total = 0;
    for (const std::string& name : parts) {
      std::string text = package.read(name);
      total += text.size();
      if (parse) {
        pugi::xml_document doc;
        doc.load_buffer_inplace(text.data(), text.size(),
                                pugi::parse_default | pugi::parse_ws_pcdata_single);
        benchmark::DoNotOptimize(doc);
      }
      benchmark::DoNotOptimize(text);
    }
  }
  state.SetLabel(fmt::format("{}, {} parts, {} bytes", format_of(state), parts.size(), total));
}

void BM_XlsxFloorInflate(benchmark::State& state) {
  xlsx_floor(state, false);
}
void BM_XlsxFloorInflateParse(benchmark::State& state) {
  xlsx_floor(state, true);
}

void BM_XlsxLayout(benchmark::State& state) {
  Fixture& f = Fixture::get();
  xlsx::Workbook wb =
      xlsx::read_workbook(f.bytes(format_of(state), "xlsx"), "bench.xlsx", xlsx::kZipLimits);
  std::vector<std::string> evaluated;
  xlsx::resolve_formulas(wb.sheets, wb.recalculate_on_load, evaluated);
  const grid::Codes codes{"xlsx-importer", "XLSX-08", "XLSX-06", "XLSX-07",
                          "XLSX-09",       "XLSX-12", "XLSX-10"};
  grid::LabelCache labels;  // as the importer keeps one
  for (auto _ : state) {
    grid::LayoutResult r =
        grid::read_report(wb.sheets, f.engine().formats(), {}, "bench.xlsx", codes, &labels);
    benchmark::DoNotOptimize(r);
  }
  set_label(state);
}

// Validation by who does the work: the arithmetic the format definitions declare (the core's
// engine, with the format plugins' own checks), the general checks, the prose checks.
void validate_with(benchmark::State& state, const std::string& name,
                   const std::vector<std::string>& plugins) {
  Fixture& f = Fixture::get();
  Engine& engine = f.engine_with(name, plugins);
  const Report& r = f.report(format_of(state));
  for (auto _ : state) {
    auto findings = engine.validate(r, {});
    benchmark::DoNotOptimize(findings);
  }
  set_label(state);
}

void BM_ValidateDefinitions(benchmark::State& state) {
  validate_with(state, "formats", {"gov-2019", "gov-2021"});
}
void BM_ValidateGeneralChecks(benchmark::State& state) {
  validate_with(state, "general", {"gov-2019", "gov-2021", "general-checks"});
}
void BM_ValidateProseChecks(benchmark::State& state) {
  validate_with(state, "prose", {"gov-2019", "gov-2021", "prose-checks"});
}

// The report as canonical JSON text, and back, without files.
void BM_ReportJsonRoundTrip(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const Report& r = f.report(format_of(state));
  const FormatDefinition& format = *f.engine().formats().find(r.format);
  for (auto _ : state) {
    std::string text = write_report_json(r, format);
    Report back = read_report_json(text, "bench.json", f.engine().formats());
    benchmark::DoNotOptimize(back);
  }
  set_label(state);
}

}  // namespace

#define NIANBAO_BENCH_FORMATS(bm) BENCHMARK(bm)->Arg(2019)->Arg(2021)->Unit(benchmark::kMicrosecond)

NIANBAO_BENCH_FORMATS(BM_ImportJson);
NIANBAO_BENCH_FORMATS(BM_ImportXlsx);
NIANBAO_BENCH_FORMATS(BM_Validate);
NIANBAO_BENCH_FORMATS(BM_ExportDocx);
NIANBAO_BENCH_FORMATS(BM_ExportJson);
NIANBAO_BENCH_FORMATS(BM_CheckOneXlsx);
BENCHMARK(BM_EngineStartup)->Unit(benchmark::kMicrosecond);
NIANBAO_BENCH_FORMATS(BM_XlsxReadWorkbook);
NIANBAO_BENCH_FORMATS(BM_XlsxLayout);
NIANBAO_BENCH_FORMATS(BM_XlsxFloorInflate);
NIANBAO_BENCH_FORMATS(BM_XlsxFloorInflateParse);
NIANBAO_BENCH_FORMATS(BM_ValidateDefinitions);
NIANBAO_BENCH_FORMATS(BM_ValidateGeneralChecks);
NIANBAO_BENCH_FORMATS(BM_ValidateProseChecks);
NIANBAO_BENCH_FORMATS(BM_ReportJsonRoundTrip);

int main(int argc, char** argv) {
  // As the nianbao command sets it (cli/main.cpp), so that the figures are the command's.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 4 << 20);
  benchmark::Initialize(&argc, argv);
  if (const char* path = std::getenv("NIANBAO_BENCH_CHECK_FILE"))
    benchmark::RegisterBenchmark("BM_CheckFile", BM_CheckFile, std::string(path))
        ->Unit(benchmark::kMicrosecond);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
