// Batch checking on a pool of threads, with results delivered in input order, and the
// aggregation of a region's reports.
#include "nianbao/batch.h"

#include "nianbao/documents.h"
#include "nianbao/text.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace fs = std::filesystem;

namespace nianbao {

std::vector<std::string> collect_report_files(const Engine& engine,
                                              const std::vector<std::string>& paths) {
  std::vector<std::string> extensions;
  for (const auto* i : engine.importers())
    for (const auto& e : i->extensions())
      extensions.push_back(e);
  auto importable = [&](const fs::path& p) {
    std::string name = p.filename().string();
    if (name.starts_with(".") || name.starts_with("~$"))
      return false;  // hidden files, Office lock files
    return std::any_of(extensions.begin(), extensions.end(),
                       [&](const std::string& e) { return name.ends_with(e); });
  };
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && importable(it->path())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(p);  // named directly: the importer will say if it cannot read it
    }
  }
  return out;
}

CheckStatus check_status(const FileOutcome& file, std::string_view fail_on) {
  if (!file.readable) return CheckStatus::input_error;
  for (const auto& d : file.diagnostics)
    if (fails(d, fail_on)) return CheckStatus::findings;
  return CheckStatus::clean;
}

CheckFilesResult check_files(Engine& engine, const std::vector<std::string>& files,
                             const CheckFilesOptions& options) {
  CheckFilesResult result;
  ValidateOptions validate;
  validate.rules = options.rules;
  std::optional<Report> previous;
  if (!options.previous.empty()) {
    ImportResult r = engine.import_file(options.previous, options.importer);
    if (!r.report) {
      result.previous_readable = false;
      result.previous_diagnostics = std::move(r.diagnostics);
      result.status = CheckStatus::input_error;
      return result;
    }
    previous = std::move(*r.report);
    validate.previous = &*previous;
  }
  for (const auto& file : files)
    result.files.push_back(
        check_imported(engine, file, engine.import_file(file, options.importer), validate));
  // An unreadable file outweighs any finding: the check could not be done.
  for (const auto& f : result.files)
    result.status = std::max(result.status, check_status(f, options.fail_on));
  return result;
}

std::string default_aggregate_name(std::size_t reports, Language lang) {
  return render_core_message("cli.aggregate_name", {{"reports", std::to_string(reports)}}, lang);
}

std::string batch_output_path(const std::string& input, const Exporter& exporter,
                              const std::string& dir) {
  const auto extensions = exporter.extensions();
  std::string name = fs::path(input).stem().string();
  if (!extensions.empty()) name += extensions.front();
  return (fs::path(dir) / name).string();
}

namespace {

// Index of the previous year's reports by (agency, year): only the paths are kept.
std::map<std::pair<std::string, int>, std::string> index_previous(Engine& engine,
                                                                  const std::string& dir) {
  std::map<std::pair<std::string, int>, std::string> index;
  if (dir.empty()) return index;
  for (const auto& file : collect_report_files(engine, {dir})) {
    ImportResult r = engine.import_file(file);
    if (r.report && !r.report->agency.name.empty())
      index.emplace(std::pair{r.report->agency.name, r.report->year}, file);
  }
  return index;
}

}  // namespace

void run_batch(Engine& engine, const std::vector<std::string>& files, const BatchOptions& options,
               const std::function<void(BatchRow&&)>& on_row,
               const std::function<void(std::size_t, std::size_t)>& on_progress) {
  const auto previous = index_previous(engine, options.previous_dir);
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(files.size(), 1)));

  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable cv;
  std::map<std::size_t, BatchRow> ready;  // finished out of order, waiting for their turn
  std::size_t emitted = 0, done = 0;
  // A worker may run ahead of the one delivering rows by at most this many reports, so memory
  // stays bounded however long the batch is.
  const std::size_t window = 4 * jobs + 16;

  auto check_one = [&](std::size_t i) {
    BatchRow row;
    row.index = i;
    row.outcome.path = files[i];
    ImportResult imported = engine.import_file(files[i]);
    row.outcome.diagnostics = std::move(imported.diagnostics);
    if (imported.report) {
      const Report& r = *imported.report;
      row.outcome.readable = true;
      row.outcome.format = r.format;
      row.outcome.year = r.year;
      row.outcome.agency = r.agency.name;
      ValidateOptions vo;
      vo.rules = options.rules;
      std::optional<Report> prev;
      if (auto it = previous.find({r.agency.name, r.year - 1}); it != previous.end()) {
        prev = engine.import_file(it->second).report;
        if (prev) {
          vo.previous = &*prev;
          row.previous = it->second;
        }
      }
      auto findings = engine.validate(r, vo);
      row.outcome.diagnostics.insert(row.outcome.diagnostics.end(),
                                     std::make_move_iterator(findings.begin()),
                                     std::make_move_iterator(findings.end()));
      if (options.exporter) {
        // Converted here, on the worker, while the report is in memory: it is never read twice
        // and never kept after its row.
        try {
          std::string path = batch_output_path(files[i], *options.exporter, options.output_dir);
          write_file_atomically(
              path, engine.export_report(r, *options.exporter, nullptr, options.export_options));
          row.output = std::move(path);
        } catch (const InputError& e) {
          row.outcome.diagnostics.push_back(e.diagnostic());
        }
      }
    } else {
      engine.apply_rule_config(options.rules, row.outcome.diagnostics);
    }
    return row;
  };

  auto worker = [&] {
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return i < emitted + window; });
      }
      BatchRow row = check_one(i);
      std::unique_lock lock(mutex);
      ready.emplace(i, std::move(row));
      ++done;
      // Whoever holds the next row in order delivers it (and any that follow).
      while (!ready.empty() && ready.begin()->first == emitted) {
        BatchRow r = std::move(ready.begin()->second);
        ready.erase(ready.begin());
        ++emitted;
        on_row(std::move(r));
      }
      if (on_progress) on_progress(done, files.size());
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t)
    threads.emplace_back(worker);
  worker();
  for (auto& t : threads)
    t.join();
}

// ---- aggregation ------------------------------------------------------------------------------

namespace {

[[noreturn]] void aggregate_error(const std::string& code, const std::string& message_id,
                                  const Report& r, std::vector<MessageArg> args) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::error;
  d.message_id = message_id;
  d.args = std::move(args);
  d.location.source.file = r.source.file;
  d.plugin = "core";
  throw InputError(std::move(d));
}

}  // namespace

Aggregator::Aggregator(const FormatDefinition& format, std::string agency_name,
                       std::string region_code)
    : format_(format) {
  total_.format = format.id;
  total_.agency.name = std::move(agency_name);
  total_.agency.kind = "government";
  total_.agency.region_code = std::move(region_code);
}

void Aggregator::add(const Report& r) {
  if (r.format != format_.id || (count_ > 0 && r.year != total_.year))
    aggregate_error("AGG-01", "agg.mismatch", r,
                    {{"file", r.source.file},
                     {"format", r.format},
                     {"year", std::to_string(r.year)},
                     {"expected_format", format_.id},
                     {"expected_year", count_ > 0 ? std::to_string(total_.year) : "-"}});
  // Compute into a copy first: a report that cannot be added leaves the total untouched.
  Report next = total_;
  next.year = r.year;
  for (const auto& tdef : format_.tables) {
    const Table* table = r.find_table(tdef.key);
    if (!table) continue;
    Table& sum_table = next.table(tdef.key);
    for (const auto& row : table->rows) {
      TableRow& sum_row = sum_table.row(row.key);
      for (const auto& [column, cell] : row.cells) {
        const ColumnDef* cdef = tdef.find_column(row.key, column);
        if (!cdef) continue;
        Cell* existing = sum_row.find(column);
        if (!existing) existing = &sum_row.set(column, Cell::blank());
        if (!cell.is_number()) continue;
        Decimal value = cell.value;
        std::optional<std::string> unit = cell.unit;
        if (cdef->type == ValueType::money && cell.unit && *cell.unit == "元") {
          // 元 → 万元, exactly: the decimal point moves four places.
          auto converted = value.divided_by_power_of_ten(4);
          if (!converted)
            aggregate_error(
                "AGG-03", "agg.overflow", r,
                {{"file", r.source.file}, {"cell", tdef.key + "/" + row.key + "/" + column}});
          value = *converted;
          unit = "万元";
        }
        if (cdef->type == ValueType::money && !cdef->unit && !unit)
          aggregate_error("AGG-02", "agg.unit", r,
                          {{"file", r.source.file},
                           {"cell", tdef.key + "/" + row.key + "/" + column},
                           {"value", value.to_string()}});
        if (existing->is_number()) {
          if (cdef->type == ValueType::money && existing->unit != unit && !cdef->unit)
            aggregate_error("AGG-02", "agg.unit", r,
                            {{"file", r.source.file},
                             {"cell", tdef.key + "/" + row.key + "/" + column},
                             {"value", value.to_string()}});
          auto sum = Decimal::add(existing->value, value);
          if (!sum)
            aggregate_error(
                "AGG-03", "agg.overflow", r,
                {{"file", r.source.file}, {"cell", tdef.key + "/" + row.key + "/" + column}});
          existing->value = *sum;
        } else {
          *existing = Cell::number(value);
          if (cdef->type == ValueType::money) existing->unit = unit ? unit : cdef->unit;
        }
      }
    }
  }
  total_ = std::move(next);
  ++count_;
  inputs_.emplace_back(r.source.file, r.agency.name);
}

Report Aggregator::result() const {
  Report r = total_;
  // Rows in the order of the definition, whatever order the inputs had them in.
  for (auto& t : r.tables) {
    const TableDef* tdef = format_.find_table(t.key);
    if (!tdef) continue;
    std::vector<TableRow> ordered;
    for (const auto& b : tdef->blocks)
      for (const auto& rd : b.rows)
        if (const TableRow* row = t.find(rd.key)) ordered.push_back(*row);
    t.rows = std::move(ordered);
  }
  std::string list = "{\"count\":" + std::to_string(count_) + ",\"reports\":[";
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    auto quote = [](const std::string& s) {
      std::string out = "\"";
      for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
      }
      return out + "\"";
    };
    list += (i ? "," : "") + std::string("{\"file\":") + quote(inputs_[i].first) +
            ",\"agency\":" + quote(inputs_[i].second) + "}";
  }
  list += "]}";
  r.extensions.emplace_back("x-aggregate", list);
  return r;
}

}  // namespace nianbao
