// The `nianbao` command: argument parsing and printing only. Everything it does goes through the
// library API (nianbao/engine.h), which returns values and never prints.
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
    std::cerr << "nianbao: "
              << g.message("cli.converted", {{"input", o.input},
                                             {"output", o.output},
                                             {"exporter", exporter->id()},
                                             {"bytes", std::to_string(bytes.size())}})
              << "\n";
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

// CLI11's own words in --help (headings, labels, the help flag) in the language of the run. Done
// before any option or subcommand is added: a subcommand takes its parent's formatter, help flag
// and option group.
void localise_help(CLI::App& app, const Globals& g) {
  const auto formatter = app.get_formatter();
  for (const auto& [label, id] :
       {std::pair{"Usage", "cli.help.usage"}, std::pair{"OPTIONS", "cli.help.options_label"},
        std::pair{"SUBCOMMAND", "cli.help.subcommand_label"},
        std::pair{"SUBCOMMANDS", "cli.help.subcommands_label"},
        std::pair{"Positionals", "cli.help.positionals"},
        std::pair{"REQUIRED", "cli.help.required"}, std::pair{"Needs", "cli.help.needs"},
        std::pair{"Excludes", "cli.help.excludes"}})
    formatter->label(label, g.message(id));
  app.option_defaults()->group(g.message("cli.help.options_group"));
  app.set_help_flag("-h,--help", g.message("cli.help.help_flag"));
  // A command line CLI11 refuses: its own account of what is wrong (English), then our advice.
  app.failure_message([&g](const CLI::App*, const CLI::Error& e) {
    return std::string(e.what()) + "\n" + g.message("cli.help.run_with_help") + "\n";
  });
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
  // --lang is parsed with everything else, but the help texts are built before: the language is
  // read from the command line first (zh unless it says --lang en).
  g.lang = language_of_command_line(argc, argv);
  const auto help = [&g](std::string_view id) { return g.message(id); };
  CLI::App app{help("cli.help.description")};
  app.name("nianbao");
  localise_help(app, g);
  app.set_version_flag("--version", std::string("nianbao ") + NIANBAO_VERSION,
                       help("cli.help.version_flag"));
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--plugin-path", g.plugin_paths, help("cli.help.plugin_path"))->type_name("DIR");
  app.add_flag("--strict-plugins", g.strict_plugins, help("cli.help.strict_plugins"));
  app.add_flag("-v,--verbose", g.verbose, help("cli.help.verbose"));
  app.add_option("--limit", g.limits, limit_option_help(g, argc, argv))->type_name("NAME=VALUE");
  app.add_option("--import-option", g.import_options, help("cli.help.import_option"))
      ->type_name("KEY=VALUE");
  app.add_option("--lang", g.lang, help("cli.help.lang"))->check(CLI::IsMember({"zh", "en"}));
  app.footer(help("cli.help.footer"));

  CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", help("cli.help.check"));
  check_cmd->add_option("files", check.files, help("cli.help.check.files"))
      ->required()
      ->check(CLI::ExistingPath);
  check_cmd->add_option("--importer", check.importer, help("cli.help.importer"))->type_name("ID");
  check_cmd->add_option("--previous", check.previous, help("cli.help.check.previous"))
      ->type_name("FILE");
  check_cmd
      ->add_option("--output-format", check.output_format, help("cli.help.check.output_format"))
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  check_cmd->add_option("-o,--output", check.output, help("cli.help.check.output"))
      ->type_name("FILE");
  check_cmd->add_option("--fail-on", check.fail_on, help("cli.help.check.fail_on"))
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  check_cmd->add_option("--enable", check.enable, help("cli.help.check.enable"))->type_name("CODE");
  check_cmd->add_option("--disable", check.disable, help("cli.help.disable"))->type_name("CODE");
  check_cmd->add_option("--severity", check.severity, help("cli.help.check.severity"))
      ->type_name("CODE=LEVEL");
  check_cmd->footer(help("cli.help.check.footer"));

  ConvertOptions convert;
  auto* convert_cmd = app.add_subcommand("convert", help("cli.help.convert"));
  convert_cmd->add_option("input", convert.input, help("cli.help.convert.input"))
      ->required()
      ->check(CLI::ExistingFile);
  convert_cmd->add_option("-o,--output", convert.output, help("cli.help.convert.output"))
      ->required()
      ->type_name("FILE");
  convert_cmd->add_option("--to", convert.to, help("cli.help.convert.to"))->type_name("ID");
  convert_cmd->add_option("--importer", convert.importer, help("cli.help.importer"))
      ->type_name("ID");
  convert_cmd->add_option("--option", convert.export_options, help("cli.help.convert.option"))
      ->type_name("KEY=VALUE");
  convert_cmd
      ->add_option("--reference-docx", convert.reference_docx,
                   help("cli.help.convert.reference_docx"))
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  convert_cmd->add_flag("--with-findings", convert.with_findings,
                        help("cli.help.convert.with_findings"));
  convert_cmd->footer(help("cli.help.convert.footer"));

  BatchCommandOptions batch;
  auto* batch_cmd = app.add_subcommand("batch", help("cli.help.batch"));
  batch_cmd->add_option("paths", batch.paths, help("cli.help.batch.paths"))
      ->required()
      ->check(CLI::ExistingPath);
  batch_cmd->add_option("-j,--jobs", batch.jobs, help("cli.help.batch.jobs"))->type_name("N");
  batch_cmd->add_option("--previous-dir", batch.previous_dir, help("cli.help.batch.previous_dir"))
      ->type_name("DIR")
      ->check(CLI::ExistingDirectory);
  batch_cmd->add_option("--summary", batch.summary, help("cli.help.batch.summary"))
      ->type_name("FILE");
  batch_cmd->add_option("--findings", batch.findings, help("cli.help.batch.findings"))
      ->type_name("FILE");
  batch_cmd->add_option("--fail-on", batch.fail_on, help("cli.help.batch.fail_on"))
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  batch_cmd->add_option("--enable", batch.enable, help("cli.help.enable"))->type_name("CODE");
  batch_cmd->add_option("--disable", batch.disable, help("cli.help.disable"))->type_name("CODE");
  batch_cmd->add_option("--severity", batch.severity, help("cli.help.batch.severity"))
      ->type_name("CODE=LEVEL");
  batch_cmd->add_flag("-q,--quiet", batch.quiet, help("cli.help.batch.quiet"));
  auto* convert_to =
      batch_cmd->add_option("--convert-to", batch.convert_to, help("cli.help.batch.convert_to"))
          ->type_name("ID|.EXT");
  batch_cmd->add_option("--output-dir", batch.output_dir, help("cli.help.batch.output_dir"))
      ->type_name("DIR")
      ->needs(convert_to);
  convert_to->needs(batch_cmd->get_option("--output-dir"));
  batch_cmd->footer(help("cli.help.batch.footer"));

  AggregateOptions aggregate;
  auto* aggregate_cmd = app.add_subcommand("aggregate", help("cli.help.aggregate"));
  aggregate_cmd->add_option("paths", aggregate.paths, help("cli.help.aggregate.paths"))
      ->required()
      ->check(CLI::ExistingPath);
  aggregate_cmd->add_option("-o,--output", aggregate.output, help("cli.help.aggregate.output"))
      ->required()
      ->type_name("FILE");
  aggregate_cmd->add_option("--agency", aggregate.agency, help("cli.help.aggregate.agency"))
      ->type_name("NAME");
  aggregate_cmd
      ->add_option("--region-code", aggregate.region_code, help("cli.help.aggregate.region_code"))
      ->type_name("CODE");
  aggregate_cmd->footer(help("cli.help.aggregate.footer"));

  TemplateOptions tmpl;
  auto* template_cmd = app.add_subcommand("template", help("cli.help.template"));
  template_cmd->add_option("--format", tmpl.format, help("cli.help.template.format"))
      ->required()
      ->type_name("ID");
  template_cmd->add_option("--year", tmpl.year, help("cli.help.template.year"))->type_name("YEAR");
  template_cmd->add_option("-o,--output", tmpl.output, help("cli.help.template.output"))
      ->required()
      ->type_name("FILE");
  template_cmd->add_option("--to", tmpl.to, help("cli.help.template.to"))->type_name("ID");
  template_cmd->footer(help("cli.help.template.footer"));

  bool plugins_json = false;
  auto* plugins_cmd = app.add_subcommand("plugins", help("cli.help.plugins"));
  plugins_cmd->add_flag("--json", plugins_json, help("cli.help.json"));
  bool plugins_load = false;
  plugins_cmd->add_flag("--load", plugins_load, help("cli.help.plugins.load"));
  plugins_cmd->footer(help("cli.help.plugins.footer"));

  bool formats_json = false;
  auto* formats_cmd = app.add_subcommand("formats", help("cli.help.formats"));
  formats_cmd->add_flag("--json", formats_json, help("cli.help.json"));
  formats_cmd->footer(help("cli.help.formats.footer"));

  bool rules_json = false;
  std::string rules_format;
  auto* rules_cmd = app.add_subcommand("rules", help("cli.help.rules"));
  rules_cmd->add_option("--format", rules_format, help("cli.help.rules.format"))->type_name("ID");
  rules_cmd->add_flag("--json", rules_json, help("cli.help.json"));
  rules_cmd->footer(help("cli.help.rules.footer"));

  LimitsCommandOptions limits;
  auto* limits_cmd = add_limits_command(app, limits, g);

  ServeCommandOptions serve;
  auto* serve_cmd = add_serve_command(app, serve, g);
  // A subcommand's help flag was made before it took its parent's option group.
  for (auto* command : app.get_subcommands({})) {
    command->group(help("cli.help.subcommands_group"));
    command->get_help_ptr()->group(help("cli.help.options_group"));
  }

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
