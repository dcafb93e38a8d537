// The `nianbao` command: argument parsing and printing only. Everything it does goes through the
// library API (nianbao/engine.h), which returns values and never prints.
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <nianbao/nianbao.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include "batch_commands.h"
#include "cli_common.h"
#include "limits_command.h"
#include "serve_command.h"

namespace fs = std::filesystem;
using nianbao::Language;

namespace {

using namespace nianbao::cli;

// ---- check -------------------------------------------------------------------------------------

struct CheckOptions {
  std::vector<std::string> files;
  std::string importer;
  std::string previous;
  std::string output_format = "text";
  std::string output;
  std::string fail_on = "error";
  std::vector<std::string> enable, disable, severity;
};

int run_check(const Globals& g, const CheckOptions& o) {
  auto engine = make_engine(g, true, true);
  nianbao::CheckFilesOptions options;
  options.importer = o.importer;
  options.previous = o.previous;
  options.rules = rule_config(g, *engine, o.enable, o.disable, o.severity);
  options.fail_on = o.fail_on;
  const nianbao::CheckFilesResult result = nianbao::check_files(*engine, o.files, options);
  if (!result.previous_readable) {
    for (const auto& d : result.previous_diagnostics)
      std::cerr << o.previous << ": " << d.code << " "
                << engine->render_message(d.message_id, d.args, g.language()) << "\n";
    throw UsageError(g.message("cli.previous_unreadable", {{"file", o.previous}}));
  }

  std::string text;
  if (o.output_format == "json")
    text = nianbao::render_json(*engine, result.files, g.language());
  else if (o.output_format == "sarif")
    text = nianbao::render_sarif(*engine, result.files, g.language());
  else
    text = nianbao::render_text(*engine, result.files, g.language());
  write_output(o.output, text, g, *engine);
  return static_cast<int>(result.status);
}

// ---- convert -----------------------------------------------------------------------------------

struct ConvertOptions {
  std::string input;
  std::string output;
  std::string to;
  std::string importer;
  std::string reference_docx;
  bool with_findings = false;
  std::vector<std::string> export_options;
};

int run_convert(const Globals& g, const ConvertOptions& o) {
  auto engine = make_engine(g, true, true);
  std::error_code ec;
  if (fs::exists(o.output, ec) && fs::equivalent(o.input, o.output, ec))
    throw UsageError(o.output + ": " +
                     engine->render_message("io.output_is_input", {}, g.language()));

  const nianbao::Exporter* exporter = nullptr;
  // Every exporter, for the message only: listing them loads them all.
  auto ids = [&] {
    std::vector<std::string> out;
    for (const auto* e : engine->exporters())
      out.push_back(e->id() + " (" + join(e->extensions(), " ") + ")");
    return out;
  };
  if (!o.to.empty()) {
    exporter = engine->find_exporter(o.to);
    if (!exporter)
      throw UsageError(
          g.message("cli.unknown_exporter", {{"id", o.to}, {"exporters", join(ids())}}));
  } else {
    exporter = engine->exporter_for_path(o.output);
    if (!exporter)
      throw UsageError(
          g.message("cli.exporter_from_name", {{"file", o.output}, {"exporters", join(ids())}}));
  }
  std::map<std::string, std::string> options;
  for (const auto& kv : o.export_options) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) throw UsageError(g.message("cli.option_syntax", {{"value", kv}}));
    options[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!o.reference_docx.empty()) options["reference-docx"] = o.reference_docx;

  auto imported = engine->import_file(o.input, o.importer);
  for (const auto& d : imported.diagnostics)
    std::cerr << nianbao::render_text(
        *engine, {nianbao::FileOutcome{o.input, imported.report.has_value(), "", 0, "", {d}}},
        g.language());
  if (!imported.report) return kExitUsage;
  std::string bytes;
  try {
    std::vector<nianbao::Diagnostic> findings;
    if (o.with_findings) {
      findings = imported.diagnostics;
      auto more = engine->validate(*imported.report, {});
      findings.insert(findings.end(), more.begin(), more.end());
    }
    bytes = engine->export_report(*imported.report, *exporter,
                                  o.with_findings ? &findings : nullptr, options);
  } catch (const nianbao::InputError& e) {
    throw UsageError(
        o.output + ": " + e.diagnostic().code + " " +
        engine->render_message(e.diagnostic().message_id, e.diagnostic().args, g.language()));
  }
  write_output(o.output, bytes, g, *engine);
  if (g.verbose)
    std::cerr << fmt::format("nianbao: {} → {} ({}, {} bytes)\n", o.input, o.output, exporter->id(),
                             bytes.size());
  return kExitClean;
}

// ---- template ----------------------------------------------------------------------------------

struct TemplateOptions {
  std::string format;
  int year = 0;
  std::string output;
  std::string to;
};

// A fill-in template is the export of an empty report of the format by a template writer: an
// exporter that declares writes_templates() (e.g. xlsx-template).
int run_template(const Globals& g, const TemplateOptions& o) {
  auto engine = make_engine(g, true, true);
  const nianbao::FormatDefinition* format = engine->formats().find(o.format);
  if (!format) {
    std::vector<std::string> known;
    for (const auto* f : engine->formats().all())
      known.push_back(f->id);
    throw UsageError(
        g.message("cli.unknown_format_known", {{"format", o.format}, {"known", join(known)}}));
  }
  nianbao::Report report;
  report.format = format->id;
  report.year = o.year;
  if (report.year == 0) {
    // The report being prepared: last year's, within the years the format covers.
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    report.year = nianbao::default_template_year(*format, local.tm_year + 1900);
  }
  if (!format->covers_year(report.year))
    throw UsageError(g.message("cli.format_not_for_year",
                               {{"format", o.format}, {"year", std::to_string(report.year)}}));
  std::vector<std::string> writers;
  const nianbao::Exporter* exporter = nullptr;
  for (const auto* e : nianbao::template_writers(*engine)) {
    writers.push_back(e->id() + " (" + join(e->extensions(), " ") + ")");
    if (!o.to.empty() ? e->id() == o.to : false) exporter = e;
    if (o.to.empty())
      for (const auto& ext : e->extensions())
        if (o.output.size() > ext.size() && o.output.ends_with(ext)) exporter = e;
  }
  if (!exporter)
    throw UsageError(g.message("cli.no_template_writer", {{"file", o.to.empty() ? o.output : o.to},
                                                          {"writers", join(writers)}}));
  std::string bytes;
  try {
    bytes = engine->export_report(report, *exporter);
  } catch (const nianbao::InputError& e) {
    throw UsageError(
        o.output + ": " + e.diagnostic().code + " " +
        engine->render_message(e.diagnostic().message_id, e.diagnostic().args, g.language()));
  }
  write_output(o.output, bytes, g, *engine);
  return kExitClean;
}

// ---- plugins, formats, rules ------------------------------------------------------------------

// Lists from the manifests alone, unless asked to load every plugin (--load, or --strict-plugins,
// which must then fail for any plugin that cannot be loaded): the status then says what became of
// each, and each one that fails is reported.
int run_plugins(const Globals& g, bool as_json, bool load) {
  auto engine = make_engine(g, load || g.strict_plugins);
  std::cout << (as_json ? nianbao::plugins_json(*engine)
                        : nianbao::render_plugins_text(*engine, g.language()));
  return kExitClean;
}

int run_formats(const Globals& g, bool as_json) {
  auto engine = make_engine(g, true);
  std::cout << (as_json ? nianbao::formats_json(*engine)
                        : nianbao::render_formats_text(*engine, g.language()));
  return kExitClean;
}

int run_rules(const Globals& g, const std::string& format, bool as_json) {
  auto engine = make_engine(g, true);
  if (!format.empty() && !engine->formats().find(format))
    throw UsageError(g.message("cli.unknown_format", {{"format", format}}));
  const auto rules = nianbao::rules_for_format(*engine, format);
  std::cout << (as_json ? nianbao::rules_json(rules)
                        : nianbao::render_rules_text(*engine, rules, g.language()));
  return kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  // Freed memory is kept for reuse rather than given back to the kernel and faulted in again:
  // zlib takes some 270 KB for each part of a workbook or document it inflates or deflates, which
  // glibc would otherwise map and unmap every time (a quarter of a DOCX export's time;
  // docs/performance.md). At most 4 MiB stays kept.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 4 << 20);
  Globals g;
  CLI::App app{
      "nianbao — 政府信息公开工作年度报告 (government information disclosure annual reports):\n"
      "check the numbers, convert between forms, publish.\n"};
  app.name("nianbao");
  app.set_version_flag("--version", std::string("nianbao ") + NIANBAO_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option(
         "--plugin-path", g.plugin_paths,
         "Directory to search for plugins first (repeatable); then NIANBAO_PLUGIN_PATH, then "
         "the install directory")
      ->type_name("DIR");
  app.add_flag("--strict-plugins", g.strict_plugins,
               "Exit with code 2 when any plugin fails to load");
  app.add_flag("-v,--verbose", g.verbose,
               "Show every plugin directory searched and every decision");
  app.add_option("--limit", g.limits, limit_option_help(argc, argv))->type_name("NAME=VALUE");
  app.add_option("--import-option", g.import_options,
                 "An option for the importers, e.g. --import-option year=2021 or --import-option "
                 "format=gov-2021: settles tables that fit both national formats when the file "
                 "states no year (repeatable; the spreadsheet and document importers warn about an "
                 "option they do not have)")
      ->type_name("KEY=VALUE");
  app.add_option("--lang", g.lang, "Language of messages: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  app.footer(
      "Exit codes: 0 no findings at or above --fail-on; 1 findings at or above --fail-on;\n"
      "            2 usage error, unreadable input, or (with --strict-plugins) a plugin failed.\n"
      "Run `nianbao COMMAND --help` for a command's options and examples.");

  CheckOptions check;
  auto* check_cmd =
      app.add_subcommand("check", "Check reports: structure, arithmetic, prose against tables");
  check_cmd
      ->add_option("files", check.files,
                   "Report files (JSON, and every kind an importer plugin reads)")
      ->required()
      ->check(CLI::ExistingPath);
  check_cmd->add_option("--importer", check.importer, "Use this importer instead of detecting one")
      ->type_name("ID");
  check_cmd
      ->add_option("--previous", check.previous,
                   "The same agency's report of the previous year, for the cross-year rules (XY-…)")
      ->type_name("FILE");
  check_cmd->add_option("--output-format", check.output_format, "text (default), json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  check_cmd
      ->add_option("-o,--output", check.output,
                   "Write the findings to FILE instead of standard output")
      ->type_name("FILE");
  check_cmd
      ->add_option("--fail-on", check.fail_on,
                   "Exit with 1 when a finding is at least this severe: error (default), warning, "
                   "info, none")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  check_cmd
      ->add_option("--enable", check.enable, "Turn on a rule that is off by default (repeatable)")
      ->type_name("CODE");
  check_cmd->add_option("--disable", check.disable, "Turn off a rule (repeatable)")
      ->type_name("CODE");
  check_cmd
      ->add_option("--severity", check.severity,
                   "Change a rule's severity, e.g. CEL-05=error (repeatable)")
      ->type_name("CODE=LEVEL");
  check_cmd->footer(
      "Examples:\n"
      "  nianbao check examples/huaibei-2020/report.json\n"
      "  nianbao check --lang en --fail-on warning report.json\n"
      "  nianbao check 2022.json --previous 2021.json --output-format sarif -o findings.sarif\n"
      "  nianbao check reports/*.json --disable CEL-02 --severity CEL-05=error");

  ConvertOptions convert;
  auto* convert_cmd = app.add_subcommand(
      "convert", "Convert a report to another form (the output kind follows the extension)");
  convert_cmd->add_option("input", convert.input, "The report to read")
      ->required()
      ->check(CLI::ExistingFile);
  convert_cmd->add_option("-o,--output", convert.output, "The file to write (written atomically)")
      ->required()
      ->type_name("FILE");
  convert_cmd
      ->add_option("--to", convert.to,
                   "Exporter id, when the extension does not say (see `nianbao plugins`)")
      ->type_name("ID");
  convert_cmd
      ->add_option("--importer", convert.importer, "Use this importer instead of detecting one")
      ->type_name("ID");
  convert_cmd
      ->add_option("--option", convert.export_options, "Exporter option KEY=VALUE (repeatable)")
      ->type_name("KEY=VALUE");
  convert_cmd
      ->add_option(
          "--reference-docx", convert.reference_docx,
          "DOCX output: take styles, fonts, page setup, headers and footers from this Word "
          "file (like pandoc's --reference-doc)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  convert_cmd->add_flag(
      "--with-findings", convert.with_findings,
      "Check the report and give the findings to the exporter (platform-xml writes them "
      "as <diagnostics>)");
  convert_cmd->footer(
      "Examples:\n"
      "  nianbao convert examples/huaibei-2020/report.json -o copy.json\n"
      "  nianbao convert report.json -o out.txt --to json\n"
      "  nianbao convert report.json -o 年报.docx --reference-docx 模板.docx\n"
      "  nianbao convert report.json -o report.xml --with-findings");

  BatchCommandOptions batch;
  auto* batch_cmd =
      app.add_subcommand("batch", "Check many reports at once (folders are searched), in parallel");
  batch_cmd->add_option("paths", batch.paths, "Report files and folders")
      ->required()
      ->check(CLI::ExistingPath);
  batch_cmd->add_option("-j,--jobs", batch.jobs, "Worker threads (default: one per core)")
      ->type_name("N");
  batch_cmd
      ->add_option(
          "--previous-dir", batch.previous_dir,
          "Last year's reports: each report is paired with its agency's report of the year before")
      ->type_name("DIR")
      ->check(CLI::ExistingDirectory);
  batch_cmd
      ->add_option("--summary", batch.summary,
                   "One row per report: FILE.csv, FILE.json or FILE.html")
      ->type_name("FILE");
  batch_cmd
      ->add_option("--findings", batch.findings,
                   "Every finding of every report as JSON (nianbao.diagnostics/1)")
      ->type_name("FILE");
  batch_cmd
      ->add_option("--fail-on", batch.fail_on,
                   "A report fails with a finding at least this severe (default error)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  batch_cmd->add_option("--enable", batch.enable, "Turn on a rule (repeatable)")->type_name("CODE");
  batch_cmd->add_option("--disable", batch.disable, "Turn off a rule (repeatable)")
      ->type_name("CODE");
  batch_cmd->add_option("--severity", batch.severity, "Change a rule's severity (repeatable)")
      ->type_name("CODE=LEVEL");
  batch_cmd->add_flag("-q,--quiet", batch.quiet, "No progress display");
  auto* convert_to =
      batch_cmd
          ->add_option("--convert-to", batch.convert_to,
                       "Also write every readable report with this exporter (id, or an extension "
                       "such as .docx) into --output-dir")
          ->type_name("ID|.EXT");
  batch_cmd
      ->add_option("--output-dir", batch.output_dir,
                   "Folder for --convert-to (created): each report under its own name")
      ->type_name("DIR")
      ->needs(convert_to);
  convert_to->needs(batch_cmd->get_option("--output-dir"));
  batch_cmd->footer(
      "A file that cannot be read is one failed row, not a failed batch. Exit code 1 when any "
      "report fails.\n"
      "Examples:\n"
      "  nianbao batch 2025年报/ --summary 汇总.csv --findings 问题.json\n"
      "  nianbao batch reports/2025 --previous-dir reports/2024 --jobs 2 --summary summary.html\n"
      "  nianbao batch 2025年报/ --convert-to .docx --output-dir 2025年报-docx/");

  AggregateOptions aggregate;
  auto* aggregate_cmd = app.add_subcommand(
      "aggregate", "Add up many agencies' reports into one report for the region");
  aggregate_cmd
      ->add_option("paths", aggregate.paths, "Report files and folders (same format and year)")
      ->required()
      ->check(CLI::ExistingPath);
  aggregate_cmd
      ->add_option("-o,--output", aggregate.output,
                   "The region's report (its kind follows the extension; JSON by default)")
      ->required()
      ->type_name("FILE");
  aggregate_cmd
      ->add_option("--agency", aggregate.agency, "Name of the region's report, e.g. 某某市人民政府")
      ->type_name("NAME");
  aggregate_cmd
      ->add_option("--region-code", aggregate.region_code,
                   "Administrative division code of the region")
      ->type_name("CODE");
  aggregate_cmd->footer(
      "Example:\n"
      "  nianbao aggregate 各部门/ -o 全市合计.json --agency 某市人民政府 --region-code 340600");

  TemplateOptions tmpl;
  auto* template_cmd = app.add_subcommand(
      "template", "Write a fill-in template of a format's tables (e.g. an XLSX workbook)");
  template_cmd
      ->add_option("--format", tmpl.format, "Format id, e.g. gov-2021 (see `nianbao formats`)")
      ->required()
      ->type_name("ID");
  template_cmd
      ->add_option("--year", tmpl.year, "Report year printed in the template (default: last year)")
      ->type_name("YEAR");
  template_cmd->add_option("-o,--output", tmpl.output, "The file to write")
      ->required()
      ->type_name("FILE");
  template_cmd->add_option("--to", tmpl.to, "Template writer id, when the extension does not say")
      ->type_name("ID");
  template_cmd->footer(
      "Examples:\n"
      "  nianbao template --format gov-2021 --year 2025 -o 模板.xlsx\n"
      "  nianbao template --format gov-2019 -o template-2020.xlsx --year 2020");

  bool plugins_json = false;
  auto* plugins_cmd = app.add_subcommand(
      "plugins", "List the plugins found, from their manifests, without loading them");
  plugins_cmd->add_flag("--json", plugins_json, "Print JSON");
  bool plugins_load = false;
  plugins_cmd->add_flag(
      "--load", plugins_load,
      "Load every plugin and show what became of it (loaded or failed, with the "
      "loader's diagnostics); other commands load a plugin only when they need it");
  plugins_cmd->footer(
      "Examples:\n"
      "  nianbao plugins\n"
      "  nianbao plugins --load\n"
      "  nianbao --plugin-path ./my-plugins plugins --json --verbose");

  bool formats_json = false;
  auto* formats_cmd =
      app.add_subcommand("formats", "List the report formats and the years they apply to");
  formats_cmd->add_flag("--json", formats_json, "Print JSON");
  formats_cmd->footer("Example:\n  nianbao formats");

  bool rules_json = false;
  std::string rules_format;
  auto* rules_cmd =
      app.add_subcommand("rules", "Print the rule catalogue: every code a check can report");
  rules_cmd->add_option("--format", rules_format, "Only the rules that apply to this format")
      ->type_name("ID");
  rules_cmd->add_flag("--json", rules_json, "Print JSON");
  rules_cmd->footer(
      "Examples:\n"
      "  nianbao rules\n"
      "  nianbao rules --format gov-2021 --json --lang en");

  LimitsCommandOptions limits;
  auto* limits_cmd = add_limits_command(app, limits);

  ServeCommandOptions serve;
  auto* serve_cmd = add_serve_command(app, serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitClean : kExitUsage;
  }

  try {
    if (*check_cmd) return run_check(g, check);
    if (*convert_cmd) return run_convert(g, convert);
    if (*template_cmd) return run_template(g, tmpl);
    if (*batch_cmd) return run_batch_command(g, batch);
    if (*aggregate_cmd) return run_aggregate(g, aggregate);
    if (*plugins_cmd) return run_plugins(g, plugins_json, plugins_load);
    if (*formats_cmd) return run_formats(g, formats_json);
    if (*rules_cmd) return run_rules(g, rules_format, rules_json);
    if (*limits_cmd) return run_limits(g, limits);
    if (*serve_cmd) return run_serve(g, serve);
  } catch (const UsageError& e) {
    std::cerr << "nianbao: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "nianbao: " << g.message("cli.internal_error", {{"detail", e.what()}}) << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}
