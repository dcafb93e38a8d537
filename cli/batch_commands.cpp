#include "batch_commands.h"

#include <fmt/format.h>
#include <nianbao/text.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace nianbao::cli {
namespace {

// The summary file, written as the rows come in and put in place when complete.
class SummaryFile {
 public:
  SummaryFile(const std::string& path, const Engine& engine, const Globals& g) {
    if (path.empty()) return;
    const auto form = BatchSummary::form_for_path(path);
    if (!form) throw UsageError(g.message("cli.summary_extension", {{"path", path}}));
    summary_.emplace(engine, *form, g.language());
    out_ = std::make_unique<AtomicOutput>(path);
    out_->write(summary_->begin());
  }
  void row(const FileOutcome& f) {
    if (out_) out_->write(summary_->row(f));
  }
  void finish() {
    if (!out_) return;
    out_->write(summary_->end());
    out_->commit();
  }

 private:
  std::optional<BatchSummary> summary_;
  std::unique_ptr<AtomicOutput> out_;
};

// All findings of all reports, as one nianbao.diagnostics/1 document written as it goes.
class FindingsWriter {
 public:
  explicit FindingsWriter(const std::string& path) {
    if (path.empty()) return;
    out_ = std::make_unique<AtomicOutput>(path);
    out_->write(
        "{\n  \"schema\": \"nianbao.diagnostics/1\",\n  \"tool\": {\"name\": \"nianbao\", "
        "\"version\": \"" NIANBAO_VERSION "\"},\n  \"diagnostics\": [");
  }
  void row(const Engine& engine, const FileOutcome& f, Language lang) {
    if (!out_) return;
    for (const auto& d : f.diagnostics) {
      out_->write((count_++ ? ",\n    " : "\n    ") +
                  render_json_diagnostic(engine, d, f.path, lang));
    }
  }
  void finish() {
    if (!out_) return;
    out_->write("\n  ]\n}\n");
    out_->commit();
  }

 private:
  std::unique_ptr<AtomicOutput> out_;
  std::size_t count_ = 0;
};

// Progress on standard error: a bar redrawn in place on a terminal, a line every 10% otherwise.
class Progress {
 public:
  Progress(std::size_t total, bool quiet, const Globals& g)
      : total_(total), tty_(::isatty(2) != 0), quiet_(quiet), g_(g) {}
  void update(std::size_t done) {
    if (quiet_ || total_ == 0) return;
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - start_).count();
    if (tty_) {
      if (done != total_ && now - last_ < std::chrono::milliseconds(100)) return;
      last_ = now;
      int width = 30, filled = static_cast<int>(width * done / total_);
      std::cerr << fmt::format("\r[{}{}] {}/{} {:.0f}% {:.0f}/s ", std::string(filled, '#'),
                               std::string(width - filled, ' '), done, total_,
                               100.0 * done / total_, seconds > 0 ? done / seconds : 0.0)
                << (done == total_ ? "\n" : "") << std::flush;
    } else {
      std::size_t step = std::max<std::size_t>(1, total_ / 10);
      if (done % step == 0 || done == total_)
        std::cerr << "nianbao: "
                  << g_.message(
                         "cli.batch_progress",
                         {{"done", std::to_string(done)},
                          {"total", std::to_string(total_)},
                          {"rate", fmt::format("{:.0f}", seconds > 0 ? done / seconds : 0.0)}})
                  << "\n";
    }
  }

 private:
  std::size_t total_;
  bool tty_, quiet_;
  const Globals& g_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace

int run_batch_command(const Globals& g, const BatchCommandOptions& o) {
  auto engine = make_engine(g, true, true);
  BatchOptions options;
  options.jobs = o.jobs;
  options.previous_dir = o.previous_dir;
  options.rules = rule_config(g, *engine, o.enable, o.disable, o.severity);
  std::vector<std::string> files = collect_report_files(*engine, o.paths);
  if (files.empty()) throw UsageError(g.message("cli.no_report_files"));
  if (!o.convert_to.empty()) {
    options.exporter = o.convert_to.starts_with(".") ? engine->exporter_for_path("x" + o.convert_to)
                                                     : engine->find_exporter(o.convert_to);
    if (!options.exporter) {
      std::vector<std::string> ids;
      for (const auto* e : engine->exporters())
        ids.push_back(e->id() + " (" + join(e->extensions(), " ") + ")");
      throw UsageError(g.message("cli.convert_to_no_exporter",
                                 {{"name", o.convert_to}, {"exporters", join(ids)}}));
    }
    options.output_dir = o.output_dir;
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (!fs::is_directory(o.output_dir))
      throw UsageError(g.message("cli.cannot_create_folder", {{"dir", o.output_dir}}));
    // Checked before anything is written: two reports may not become the same file, and no
    // report may be written over an input.
    std::map<std::string, std::string> by_output;
    std::set<std::string> inputs;
    for (const auto& f : files)
      inputs.insert(fs::weakly_canonical(f, ec).string());
    for (const auto& f : files) {
      std::string out = batch_output_path(f, *options.exporter, o.output_dir);
      if (inputs.count(fs::weakly_canonical(out, ec).string()))
        throw UsageError(out + ": " +
                         engine->render_message("io.output_is_input", {}, g.language()));
      auto [it, inserted] = by_output.emplace(out, f);
      if (!inserted)
        throw UsageError(
            g.message("cli.same_output", {{"first", it->second}, {"second", f}, {"output", out}}));
    }
  }

  SummaryFile summary(o.summary, *engine, g);
  FindingsWriter findings(o.findings);
  Progress progress(files.size(), o.quiet, g);
  BatchTotals totals;
  // Without a summary file, the table goes to standard output.
  std::optional<BatchSummary> table;
  if (o.summary.empty()) {
    table.emplace(*engine, BatchSummary::Form::table, g.language());
    std::cout << table->begin();
  }
  run_batch(
      *engine, files, options,
      [&](BatchRow&& row) {
        const FileOutcome& f = row.outcome;
        summary.row(f);
        findings.row(*engine, f, g.language());
        totals.add(f, check_status(f, o.fail_on) != CheckStatus::clean);
        if (table) std::cout << table->row(f);
      },
      [&](std::size_t done, std::size_t total) {
        progress.update(done);
        (void)total;
      });
  summary.finish();
  findings.finish();
  std::cerr << render_batch_totals(totals, g.language());
  return totals.failing ? kExitFindings : kExitClean;
}

int run_aggregate(const Globals& g, const AggregateOptions& o) {
  auto engine = make_engine(g, true, true);
  std::vector<std::string> files = collect_report_files(*engine, o.paths);
  if (files.empty()) throw UsageError(g.message("cli.no_report_files"));
  std::unique_ptr<Aggregator> total;
  for (const auto& file : files) {
    ImportResult r = engine->import_file(file);
    if (!r.report) {
      for (const auto& d : r.diagnostics)
        std::cerr << file << ": " << d.code << " "
                  << engine->render_message(d.message_id, d.args, g.language()) << "\n";
      throw UsageError(g.message("cli.aggregate_unreadable", {{"file", file}}));
    }
    if (!total) {
      const FormatDefinition* format = engine->formats().find(r.report->format);
      if (!format)
        throw UsageError(g.message("cli.unknown_format", {{"format", r.report->format}}));
      std::string name =
          o.agency.empty() ? default_aggregate_name(files.size(), g.language()) : o.agency;
      total = std::make_unique<Aggregator>(*format, name, o.region_code);
    }
    try {
      total->add(*r.report);
    } catch (const InputError& e) {
      throw UsageError(
          e.diagnostic().code + " " +
          engine->render_message(e.diagnostic().message_id, e.diagnostic().args, g.language()));
    }
  }
  Report report = total->result();
  const Exporter* exporter = engine->exporter_for_path(o.output);
  if (!exporter) exporter = engine->find_exporter("json");
  if (!exporter) throw UsageError(g.message("cli.no_exporter"));
  write_output(o.output, engine->export_report(report, *exporter), g, *engine);
  std::cerr << g.message("cli.aggregated",
                         {{"reports", std::to_string(total->count())}, {"output", o.output}})
            << "\n";
  return kExitClean;
}

}  // namespace nianbao::cli
