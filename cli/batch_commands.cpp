#include "batch_commands.h"

#include <fmt/format.h>
#include <nianbao/text.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace nianbao::cli {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += static_cast<char>(c);
    else if (c < 0x20)
      out += fmt::format("\\u{:04x}", c);
    else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

struct Counts {
  std::size_t errors = 0, warnings = 0, infos = 0;
};

Counts count(const FileOutcome& f) {
  Counts c;
  for (const auto& d : f.diagnostics)
    (d.severity == Severity::error     ? c.errors
     : d.severity == Severity::warning ? c.warnings
                                       : c.infos)++;
  return c;
}

// The most severe finding (the first of them): what a reviewer looks at first.
const Diagnostic* worst(const FileOutcome& f) {
  const Diagnostic* w = nullptr;
  for (const auto& d : f.diagnostics)
    if (!w || static_cast<int>(d.severity) < static_cast<int>(w->severity)) w = &d;
  return w;
}

// A summary written row by row, in the form its file name asks for.
class SummaryWriter {
 public:
  SummaryWriter(const std::string& path, const Globals& g) : g_(g) {
    if (path.empty()) return;
    if (path.ends_with(".csv"))
      kind_ = Kind::csv;
    else if (path.ends_with(".json"))
      kind_ = Kind::json;
    else if (path.ends_with(".html") || path.ends_with(".htm"))
      kind_ = Kind::html;
    else
      throw UsageError(g.tr("--summary 的文件名应以 .csv、.json 或 .html 结尾：",
                            "--summary must end in .csv, .json or .html: ") +
                       path);
    out_ = std::make_unique<AtomicOutput>(path);
    if (kind_ == Kind::csv)
      // The byte-order mark lets Excel and WPS open the UTF-8 file with the Chinese intact.
      out_->write(
          "\xEF\xBB\xBF"
          "file,agency,year,format,readable,errors,warnings,infos,worst_code,worst_message\n");
    else if (kind_ == Kind::json)
      out_->write("{\n  \"schema\": \"nianbao.batch-summary/1\",\n  \"reports\": [");
    else
      out_->write(
          "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>nianbao "
          "batch</title>\n"
          "<style>body{font-family:sans-serif}table{border-collapse:collapse}th,td{border:1px "
          "solid #999;padding:2px 6px}"
          "td.n{text-align:right}tr.bad{background:#fdd}</style></"
          "head><body>\n<table>\n<thead><tr><th scope=\"col\">文件</th>"
          "<th scope=\"col\">报告主体</th><th scope=\"col\">年度</th><th "
          "scope=\"col\">格式</th><th scope=\"col\">错误</th>"
          "<th scope=\"col\">警告</th><th scope=\"col\">提示</th><th "
          "scope=\"col\">最严重的问题</th></tr></thead>\n<tbody>\n");
  }

  void row(const Engine& engine, const FileOutcome& f) {
    if (!out_) return;
    Counts c = count(f);
    const Diagnostic* w = worst(f);
    std::string message = w ? engine.render_message(w->message_id, w->args, g_.language()) : "";
    std::string code = w ? w->code : "";
    std::string year = f.year ? std::to_string(f.year) : "";
    if (kind_ == Kind::csv) {
      out_->write(fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_field(f.path),
                              csv_field(f.agency), year, f.format, f.readable ? "yes" : "no",
                              c.errors, c.warnings, c.infos, code, csv_field(message)));
    } else if (kind_ == Kind::json) {
      out_->write(fmt::format(
          "{}\n    {{\"file\": {}, \"agency\": {}, \"year\": {}, \"format\": {}, \"readable\": {}, "
          "\"errors\": {}, "
          "\"warnings\": {}, \"infos\": {}, \"worst\": {}}}",
          rows_ ? "," : "", json_string(f.path), json_string(f.agency), f.year ? year : "null",
          json_string(f.format), f.readable ? "true" : "false", c.errors, c.warnings, c.infos,
          w ? fmt::format("{{\"code\": {}, \"message\": {}}}", json_string(code),
                          json_string(message))
            : "null"));
    } else {
      out_->write(
          fmt::format("<tr{}><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td "
                      "class=\"n\">{}</td><td class=\"n\">{}</td>"
                      "<td class=\"n\">{}</td><td>{}</td></tr>\n",
                      c.errors || !f.readable ? " class=\"bad\"" : "", markup_escaped(f.path),
                      markup_escaped(f.agency), year, f.format, c.errors, c.warnings, c.infos,
                      markup_escaped(code.empty() ? "" : code + " " + message)));
    }
    ++rows_;
    totals_.errors += c.errors;
    totals_.warnings += c.warnings;
    totals_.infos += c.infos;
    if (!f.readable) ++unreadable_;
  }

  void finish() {
    if (!out_) return;
    if (kind_ == Kind::json)
      out_->write(
          fmt::format("\n  ],\n  \"totals\": {{\"reports\": {}, \"unreadable\": {}, \"errors\": "
                      "{}, \"warnings\": {}, \"infos\": {}}}\n}}\n",
                      rows_, unreadable_, totals_.errors, totals_.warnings, totals_.infos));
    else if (kind_ == Kind::html)
      out_->write(
          fmt::format("</tbody>\n</table>\n<p>{} 份报告，{} 份无法读取；{} 个错误，{} 个警告，{} "
                      "条提示。</p>\n</body></html>\n",
                      rows_, unreadable_, totals_.errors, totals_.warnings, totals_.infos));
    out_->commit();
  }

 private:
  enum class Kind { csv, json, html };
  const Globals& g_;
  Kind kind_ = Kind::csv;
  std::unique_ptr<AtomicOutput> out_;
  std::size_t rows_ = 0, unreadable_ = 0;
  Counts totals_;
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
  Progress(std::size_t total, bool quiet) : total_(total), tty_(::isatty(2) != 0), quiet_(quiet) {}
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
        std::cerr << fmt::format("nianbao: {}/{} checked ({:.0f}/s)\n", done, total_,
                                 seconds > 0 ? done / seconds : 0.0);
    }
  }

 private:
  std::size_t total_;
  bool tty_, quiet_;
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
  if (files.empty()) throw UsageError(g.tr("没有找到可读取的报告文件", "no report files found"));
  if (!o.convert_to.empty()) {
    options.exporter = o.convert_to.starts_with(".") ? engine->exporter_for_path("x" + o.convert_to)
                                                     : engine->find_exporter(o.convert_to);
    if (!options.exporter) {
      std::vector<std::string> ids;
      for (const auto* e : engine->exporters())
        ids.push_back(e->id() + " (" + join(e->extensions(), " ") + ")");
      throw UsageError(g.tr("--convert-to 没有对应的导出器：", "--convert-to names no exporter: ") +
                       o.convert_to + g.tr("；可用的导出器：", "; available exporters: ") +
                       join(ids));
    }
    options.output_dir = o.output_dir;
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (!fs::is_directory(o.output_dir))
      throw UsageError(g.tr("无法创建输出目录 ", "cannot create the output folder ") +
                       o.output_dir);
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
        throw UsageError(fmt::format(
            "{}{} {} → {}",
            g.tr("两份报告会写成同一个文件：", "two reports would be written to one file: "),
            it->second, f, out));
    }
  }

  SummaryWriter summary(o.summary, g);
  FindingsWriter findings(o.findings);
  Progress progress(files.size(), o.quiet);
  std::size_t failing = 0, unreadable = 0;
  Counts totals;
  const bool table_to_stdout = o.summary.empty();
  if (table_to_stdout)
    std::cout << g.tr("错误\t警告\t提示\t年度\t格式\t文件\t最严重的问题\n",
                      "errors\twarnings\tinfos\tyear\tformat\tfile\tworst finding\n");
  run_batch(
      *engine, files, options,
      [&](BatchRow&& row) {
        const FileOutcome& f = row.outcome;
        summary.row(*engine, f);
        findings.row(*engine, f, g.language());
        Counts c = count(f);
        totals.errors += c.errors;
        totals.warnings += c.warnings;
        totals.infos += c.infos;
        if (!f.readable) ++unreadable;
        bool bad =
            !f.readable || std::any_of(f.diagnostics.begin(), f.diagnostics.end(),
                                       [&](const Diagnostic& d) { return fails(d, o.fail_on); });
        if (bad) ++failing;
        if (table_to_stdout) {
          const Diagnostic* w = worst(f);
          std::cout << fmt::format(
              "{}\t{}\t{}\t{}\t{}\t{}\t{}\n", c.errors, c.warnings, c.infos,
              f.year ? std::to_string(f.year) : "-", f.format.empty() ? "-" : f.format, f.path,
              w ? w->code + " " + engine->render_message(w->message_id, w->args, g.language())
                : "");
        }
      },
      [&](std::size_t done, std::size_t total) {
        progress.update(done);
        (void)total;
      });
  summary.finish();
  findings.finish();
  if (g.language() == Language::en)
    std::cerr << fmt::format("checked {}: {} failing ({} unreadable), {}, {}, {}\n",
                             count_en(files.size(), "report", "reports"), failing, unreadable,
                             count_en(totals.errors, "error", "errors"),
                             count_en(totals.warnings, "warning", "warnings"),
                             count_en(totals.infos, "info", "infos"));
  else
    std::cerr << fmt::format(
        "共检查 {} 份报告：{} 份未通过（{} 份无法读取），{} 个错误，{} 个警告，{} 条提示\n",
        files.size(), failing, unreadable, totals.errors, totals.warnings, totals.infos);
  return failing ? kExitFindings : kExitClean;
}

int run_aggregate(const Globals& g, const AggregateOptions& o) {
  auto engine = make_engine(g, true, true);
  std::vector<std::string> files = collect_report_files(*engine, o.paths);
  if (files.empty()) throw UsageError(g.tr("没有找到可读取的报告文件", "no report files found"));
  std::unique_ptr<Aggregator> total;
  for (const auto& file : files) {
    ImportResult r = engine->import_file(file);
    if (!r.report) {
      for (const auto& d : r.diagnostics)
        std::cerr << file << ": " << d.code << " "
                  << engine->render_message(d.message_id, d.args, g.language()) << "\n";
      throw UsageError(g.tr("无法读取 ", "cannot read ") + file +
                       g.tr("，未生成合计", "; no total written"));
    }
    if (!total) {
      const FormatDefinition* format = engine->formats().find(r.report->format);
      if (!format) throw UsageError(g.tr("未知的格式 ", "unknown format ") + r.report->format);
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
  if (!exporter) throw UsageError(g.tr("没有可用的导出器", "no exporter available"));
  write_output(o.output, engine->export_report(report, *exporter), g, *engine);
  std::cerr << (g.language() == Language::en
                    ? "added up " + count_en(total->count(), "report", "reports") + " → "
                    : fmt::format("已合计 {} 份报告 → ", total->count()))
            << o.output << "\n";
  return kExitClean;
}

}  // namespace nianbao::cli
